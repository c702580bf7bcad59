//! Checking raw bytes before anything trusts them, and splitting off the front matter.
//!
//! Every refusal names the place: invalid UTF-8 by line, column and byte offset, an
//! unterminated or malformed front matter by the line it starts or fails on.

use loopcoach_core::text::LineIndex;
use loopcoach_core::{Framework, FrontMatter, FrontMatterFormat, Span};

use crate::ImportError;

/// Default largest file accepted: 50 MB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Check raw bytes: size, binary content, UTF-8. Returns the text.
pub fn decode<'a>(path: &str, bytes: &'a [u8], max_bytes: u64) -> Result<&'a str, ImportError> {
    if bytes.len() as u64 > max_bytes {
        return Err(ImportError::TooLarge {
            path: path.to_string(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    if let Some(e) = sniff(path, bytes) {
        return Err(e);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(off) = control_heavy(bytes) {
                return Err(ImportError::Binary {
                    path: path.to_string(),
                    offset: off,
                });
            }
            Ok(s)
        }
        Err(e) => {
            let off = e.valid_up_to();
            // The valid prefix is UTF-8, so line and column can be counted on it.
            let prefix = std::str::from_utf8(&bytes[..off]).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let col = prefix
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            Err(ImportError::InvalidUtf8 {
                path: path.to_string(),
                line,
                column: col,
                offset: off,
            })
        }
    }
}

/// What the first bytes of a file tell without reading the rest: UTF-16 text (a byte-order
/// mark, or NUL bytes at every other place: ASCII written as UTF-16) or binary content (a NUL
/// byte in the first 8 KiB: the rule git and grep use). Used before a file too large to read
/// is refused, so a binary or UTF-16 file is called that rather than told to raise the limit.
pub fn sniff(path: &str, bytes: &[u8]) -> Option<ImportError> {
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = |encoding: &'static str| {
        Some(ImportError::Utf16 {
            path: path.to_string(),
            encoding,
        })
    };
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return utf16("UTF-16");
    }
    let pos = head.iter().position(|&b| b == 0)?;
    // NULs only at odd places (or only at even ones), and enough of them: ASCII characters of
    // UTF-16 text, little- or big-endian. Hangul syllables have no zero byte, so Korean text
    // has fewer, but its spaces, newlines and markdown marks give them away.
    let sample = &head[..head.len() & !1];
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = sample.len() / 2;
    if odd >= 2 && even == 0 && odd * 8 >= pairs {
        return utf16("UTF-16LE");
    }
    if even >= 2 && odd == 0 && even * 8 >= pairs {
        return utf16("UTF-16BE");
    }
    Some(ImportError::Binary {
        path: path.to_string(),
        offset: pos,
    })
}

/// More than 1% control bytes (C0 controls other than tab, newline, carriage return and form
/// feed, and DEL) in valid UTF-8: not notes. Returns the first one's offset. A byte scan: C0
/// controls and DEL never occur inside multi-byte UTF-8 sequences.
fn control_heavy(bytes: &[u8]) -> Option<usize> {
    let is_ctrl = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
    let count = bytes.iter().filter(|&&b| is_ctrl(b)).count();
    if count * 100 > bytes.len() {
        bytes.iter().position(|&b| is_ctrl(b))
    } else {
        None
    }
}

/// The byte offset where the body starts, skipping a UTF-8 BOM.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Split off YAML (`---`) or TOML (`+++`) front matter at the start of `text`.
/// Returns the front matter and the byte offset where the body starts.
pub fn front_matter(
    path: &str,
    text: &str,
    framework: &Framework,
) -> Result<(Option<FrontMatter>, usize), ImportError> {
    let start = bom_len(text);
    let rest = &text[start..];
    let first_line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let (format, fence) = match first_line.trim_end() {
        "---" => (FrontMatterFormat::Yaml, "---"),
        "+++" => (FrontMatterFormat::Toml, "+++"),
        _ => return Ok((None, start)),
    };
    // Find the closing fence line.
    let content_start =
        start + first_line.len() + rest[first_line.len()..].find('\n').map_or(0, |_| 1);
    let content_start = content_start.min(text.len());
    let mut pos = content_start;
    let mut close: Option<(usize, usize)> = None;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..line_end].trim_end_matches('\r').trim_end();
        if line == fence || (format == FrontMatterFormat::Yaml && line == "...") {
            close = Some((pos, (line_end + 1).min(text.len())));
            break;
        }
        pos = line_end + 1;
    }
    let Some((close_start, body_start)) = close else {
        return Err(ImportError::UnterminatedFrontMatter {
            path: path.to_string(),
            line: 1,
            column: 1,
            fence: fence.to_string(),
        });
    };
    let raw = &text[content_start..close_start];
    // Only the front matter's lines: offsets below `body_start` give the same line numbers.
    let head = &text[..body_start];
    let index = LineIndex::new(head);
    let first_content_line = index.line(content_start);
    let entries = match format {
        FrontMatterFormat::Yaml => {
            yaml_entries(raw).map_err(|(msg, line, col)| ImportError::FrontMatter {
                path: path.to_string(),
                line: first_content_line + line.saturating_sub(1),
                column: col,
                message: msg,
            })?
        }
        FrontMatterFormat::Toml => toml_entries(raw).map_err(|(msg, off)| {
            let (l, c) = index.line_col(head, content_start + off);
            ImportError::FrontMatter {
                path: path.to_string(),
                line: l,
                column: c,
                message: msg,
            }
        })?,
    };
    let principle_tags = principle_tags(&entries, framework);
    Ok((
        Some(FrontMatter {
            format,
            span: Span::new(start, body_start),
            entries,
            principle_tags,
        }),
        body_start,
    ))
}

type Entries = Vec<(String, serde_json::Value)>;

fn yaml_entries(raw: &str) -> Result<Entries, (String, usize, usize)> {
    if raw.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(raw).map_err(|e| {
        let (l, c) = e
            .location()
            .map_or((1, 1), |loc| (loc.line(), loc.column()));
        (e.to_string(), l, c)
    })?;
    match value {
        serde_yaml_ng::Value::Mapping(m) => Ok(m
            .into_iter()
            .map(|(k, v)| {
                let key = match k {
                    serde_yaml_ng::Value::String(s) => s,
                    other => serde_json::to_value(&other)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                };
                (
                    key,
                    serde_json::to_value(&v).unwrap_or(serde_json::Value::Null),
                )
            })
            .collect()),
        serde_yaml_ng::Value::Null => Ok(Vec::new()),
        _ => Err((
            "front matter is not a mapping of keys to values".into(),
            1,
            1,
        )),
    }
}

fn toml_entries(raw: &str) -> Result<Entries, (String, usize)> {
    let table: toml::Table = toml::from_str(raw).map_err(|e| {
        let off = e.span().map_or(0, |s| s.start);
        (e.message().to_string(), off)
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                serde_json::to_value(&v).unwrap_or(serde_json::Value::Null),
            )
        })
        .collect())
}

/// Principle keys named by `principles`, `lp`, `lps`, `leadership_principles` or `tags`.
fn principle_tags(entries: &Entries, framework: &Framework) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, v) in entries {
        let k = k.to_ascii_lowercase().replace(['-', ' '], "_");
        if !matches!(
            k.as_str(),
            "principles" | "principle" | "lp" | "lps" | "leadership_principles" | "tags"
        ) {
            continue;
        }
        let names: Vec<String> = match v {
            serde_json::Value::String(s) => s.split(',').map(str::to_string).collect(),
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        for n in names {
            let n = n.trim();
            let key = if framework.get(n).is_some() {
                Some(n.to_string())
            } else {
                framework
                    .match_name(n)
                    .filter(|m| m.score >= 0.85)
                    .map(|m| m.key)
            };
            if let Some(key) = key
                && !out.contains(&key)
            {
                out.push(key);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_column_and_offset() {
        let err = decode("bad.md", b"ok line\n\xff\xfe bad\n", DEFAULT_MAX_BYTES).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("bad.md:2:1"), "{msg}");
        assert!(msg.contains("byte 8"), "{msg}");
    }

    #[test]
    fn binary_and_oversized_input_are_refused() {
        assert!(matches!(
            decode("x", b"\x7fELF\x02\x01\x00\x00", DEFAULT_MAX_BYTES),
            Err(ImportError::Binary { offset: 6, .. })
        ));
        assert!(matches!(
            decode("x", b"abcdef", 3),
            Err(ImportError::TooLarge { .. })
        ));
        let junk: Vec<u8> = (1u8..32)
            .cycle()
            .take(400)
            .filter(|b| *b != b'\n')
            .collect();
        assert!(matches!(
            decode("x", &junk, DEFAULT_MAX_BYTES),
            Err(ImportError::Binary { .. })
        ));
    }

    #[test]
    fn yaml_front_matter_keeps_key_order() {
        let f = Framework::amazon();
        let t = "---\nlayout: resume\ntitle: \"AWS\"\nauthor: Bys\n---\nbody";
        let (fm, body) = front_matter("n.md", t, &f).unwrap();
        let fm = fm.unwrap();
        let keys: Vec<_> = fm.entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["layout", "title", "author"]);
        assert_eq!(&t[body..], "body");
    }

    #[test]
    fn toml_front_matter_with_principle_tags() {
        let f = Framework::amazon();
        let t = "+++\ntitle = \"x\"\nprinciples = [\"Customer Obsession\", \"dive deep\"]\n+++\n";
        let (fm, _) = front_matter("n.md", t, &f).unwrap();
        let fm = fm.unwrap();
        assert_eq!(fm.format, FrontMatterFormat::Toml);
        assert_eq!(fm.principle_tags, ["customer-obsession", "dive-deep"]);
    }

    #[test]
    fn unterminated_and_malformed_front_matter_name_the_line() {
        let f = Framework::amazon();
        let err = front_matter("n.md", "---\ntitle: x\nbody\n", &f).unwrap_err();
        assert!(err.to_string().contains("n.md:1:1"), "{err}");
        let err = front_matter("n.md", "---\ntitle: x\n  - : [\n---\n", &f).unwrap_err();
        assert!(err.to_string().starts_with("n.md:"), "{err}");
        assert!(matches!(err, ImportError::FrontMatter { line, .. } if line >= 2));
    }

    /// Fences with trailing spaces (`---  `) still open and close front matter.
    #[test]
    fn front_matter_fences_may_have_trailing_spaces() {
        let f = Framework::amazon();
        let t = "---  \ntitle: x\n---   \nbody";
        let (fm, body) = front_matter("n.md", t, &f).unwrap();
        assert_eq!(fm.unwrap().entries.len(), 1);
        assert_eq!(&t[body..], "body");
    }

    /// Front matter is only at the very top: a `---` after a heading is a thematic break, and
    /// a later `---` pair holds no front matter.
    #[test]
    fn a_later_rule_is_not_front_matter() {
        let f = Framework::amazon();
        for t in [
            "# Title\n---\nnot: front matter\n---\n",
            "\n---\na: 1\n---\n",
            "text\n\n---\n",
        ] {
            let (fm, body) = front_matter("n.md", t, &f).unwrap();
            assert!(fm.is_none(), "{t:?}");
            assert_eq!(body, 0, "{t:?}");
            let doc = crate::parse_text("n.md", t).unwrap();
            assert!(doc.front_matter.is_none(), "{t:?}");
        }
    }

    #[test]
    fn bom_is_skipped_before_front_matter() {
        let f = Framework::amazon();
        let t = "\u{feff}---\na: 1\n---\nx";
        let (fm, body) = front_matter("n.md", t, &f).unwrap();
        assert_eq!(fm.unwrap().span.start, 3);
        assert_eq!(&t[body..], "x");
    }

    #[test]
    fn utf16_is_told_apart_from_binary() {
        let le: Vec<u8> = "# 노트\n- point one\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "# notes\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let with_bom = [&[0xff, 0xfe][..], &le].concat();
        for (bytes, enc) in [(&le, "UTF-16LE"), (&be, "UTF-16BE"), (&with_bom, "UTF-16")] {
            let e = decode("n.md", bytes, u64::MAX).unwrap_err();
            assert_eq!(
                e,
                ImportError::Utf16 {
                    path: "n.md".into(),
                    encoding: enc
                }
            );
            assert!(e.to_string().contains("iconv -f"), "{e}");
        }
        let binary = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
        assert!(matches!(
            decode("b", binary, u64::MAX),
            Err(ImportError::Binary { offset: 7, .. })
        ));
        assert!(sniff("n.md", "plain text".as_bytes()).is_none());
    }
}
