//! Every line of a notes file as search entries, each knowing the line it came from.
//!
//! Each line belongs to at most one entity: the innermost question, story, principle section
//! or round whose span holds it (a story inside a principle section is the story's). An
//! entity's entry holds the lines it owns, as written; the lines no entity owns (paragraphs,
//! tables, list items, `<details>` bodies, front matter, headings) become `note` entries, one
//! per block: a run of lines up to a blank line or a heading, at most [`MAX_BLOCK_LINES`]
//! long, a heading being a block of its own. Nothing of the file is left out.
//!
//! Lines are cleaned before indexing: HTML tags (`<summary>`, `<br/>`, `<script …>`) and the
//! targets of Markdown links are dropped, character references (`&nbsp;`, `&lt;`, `&#39;`)
//! decoded, so markup is never matched as words.

use std::ops::Range;
use std::sync::Arc;

use loopcoach_core::{Document, Span};

use crate::search::{Entry, EntryKind, Origin, Outline};

/// Rank multiplier of the user's own notes over bank cards.
pub const NOTES_BOOST: f32 = 1.5;

/// The longest block a `note` entry holds (longer runs are cut into several entries).
pub const MAX_BLOCK_LINES: usize = 40;

/// One notes file's entries: its entities' and its `note` blocks'.
pub fn document_entries(doc: &Document, text: &str, out: &mut Vec<Entry>) {
    let lines = LineIndex::new(text);
    let path: Arc<str> = Arc::from(doc.path.as_str());
    let outline = Arc::new(outline(doc, &lines));
    let origin = |lines: Vec<(u32, u32)>, body_from: u32| Origin {
        path: path.clone(),
        lines,
        outline: outline.clone(),
        body_from,
    };

    // Owners: entities by span, the longest first, so an inner one overwrites an outer one.
    let own = |id, kind, title, span, line| Owner {
        id,
        kind,
        title,
        span,
        line,
    };
    let mut owners: Vec<Owner> = Vec::new();
    owners.extend(
        doc.questions
            .iter()
            .map(|q| own(&q.id, EntryKind::Question, &q.title, q.span, q.source.line)),
    );
    owners.extend(
        doc.stories
            .iter()
            .map(|s| own(&s.id, EntryKind::Story, &s.title, s.span, s.source.line)),
    );
    owners.extend(
        doc.principles
            .iter()
            .map(|p| own(&p.id, EntryKind::Note, &p.name, p.span, p.source.line)),
    );
    owners.extend(
        doc.rounds
            .iter()
            .map(|r| own(&r.id, EntryKind::Note, &r.title, r.span, r.source.line)),
    );
    let mut by_size: Vec<usize> = (0..owners.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(owners[i].span.len()));
    let mut owner_of: Vec<u32> = vec![u32::MAX; lines.count()];
    for &i in &by_size {
        for l in lines.lines_of(owners[i].span) {
            owner_of[l] = i as u32;
        }
    }

    // The entities' entries: their own lines, cleaned, in order.
    let mut texts: Vec<(String, Vec<(u32, u32)>)> = vec![(String::new(), Vec::new()); owners.len()];
    for (l, &o) in owner_of.iter().enumerate() {
        if o == u32::MAX {
            continue;
        }
        let raw = lines.line(l);
        if is_fence(raw) {
            continue;
        }
        let clean = clean_line(raw);
        if clean.trim().is_empty() {
            continue;
        }
        let (t, map) = &mut texts[o as usize];
        push_line(t, map, &clean, l);
    }
    for (o, (t, map)) in owners.iter().zip(texts) {
        let (t, map) = if map.is_empty() {
            // An entity that owns no line of its own (all of it is inner entities'): found
            // by its title, on its first line.
            (String::new(), vec![(0, o.line as u32)])
        } else {
            (t, map)
        };
        if o.title.trim().is_empty() && t.trim().is_empty() {
            continue;
        }
        let body_from = title_line_end(&t, o.title, &map);
        out.push(Entry {
            id: o.id.to_string(),
            kind: o.kind,
            title: o.title.trim().to_string(),
            text: t,
            boost: NOTES_BOOST,
            origin: Some(origin(map, body_from)),
        });
    }

    // The rest: `note` blocks.
    let mut block = String::new();
    let mut map: Vec<(u32, u32)> = Vec::new();
    let mut flush = |block: &mut String, map: &mut Vec<(u32, u32)>| {
        if let Some(&(_, first)) = map.first() {
            out.push(Entry {
                id: format!("{}:{first}", doc.id),
                kind: EntryKind::Note,
                title: String::new(),
                text: std::mem::take(block),
                boost: NOTES_BOOST,
                origin: Some(origin(std::mem::take(map), 0)),
            });
        }
    };
    for (l, &o) in owner_of.iter().enumerate() {
        let raw = lines.line(l);
        if o != u32::MAX || raw.trim().is_empty() {
            flush(&mut block, &mut map);
            continue;
        }
        let heading = is_heading(raw);
        if heading || map.len() >= MAX_BLOCK_LINES {
            flush(&mut block, &mut map);
        }
        let clean = if is_fence(raw) {
            String::new()
        } else {
            clean_line(raw)
        };
        if !clean.trim().is_empty() {
            push_line(&mut block, &mut map, &clean, l);
        }
        if heading {
            flush(&mut block, &mut map);
        }
    }
    flush(&mut block, &mut map);
}

/// Where an entity's text goes past its title line: the offset of the second line when the
/// first holds the title (the title is shown with a hit, so the hit lands on the body), 0
/// otherwise.
fn title_line_end(text: &str, title: &str, map: &[(u32, u32)]) -> u32 {
    let Some(&(second, _)) = map.get(1) else {
        return 0;
    };
    let first = text.split('\n').next().unwrap_or("");
    let head: String = title.trim().chars().take(12).collect();
    if !head.is_empty() && first.contains(head.as_str()) {
        second
    } else {
        0
    }
}

/// Appends line `index` (0-based) to an entry's text and its line map (offsets counted from
/// the previous line's, never by rescanning the text).
fn push_line(text: &mut String, map: &mut Vec<(u32, u32)>, line: &str, index: usize) {
    let offset = match map.last() {
        Some(&(prev, _)) => {
            let last = text.rsplit('\n').next().unwrap_or("");
            prev.saturating_add(u32::try_from(last.chars().count() + 1).unwrap_or(u32::MAX))
        }
        None => 0,
    };
    if !text.is_empty() {
        text.push('\n');
    }
    map.push((offset, u32::try_from(index + 1).unwrap_or(u32::MAX)));
    text.push_str(line);
}

struct Owner<'a> {
    id: &'a str,
    kind: EntryKind,
    title: &'a str,
    span: Span,
    line: usize,
}

/// A text's lines (without `\n` or `\r\n`) and which lines a byte span touches.
struct LineIndex<'t> {
    lines: Vec<&'t str>,
    index: loopcoach_core::text::LineIndex,
    len: usize,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let mut lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        if text.is_empty() || text.ends_with('\n') {
            lines.pop();
        }
        LineIndex {
            lines,
            index: loopcoach_core::text::LineIndex::new(text),
            len: text.len(),
        }
    }

    fn count(&self) -> usize {
        self.lines.len()
    }

    fn line(&self, i: usize) -> &'t str {
        self.lines.get(i).copied().unwrap_or("")
    }

    /// The (0-based) lines a byte span touches.
    fn lines_of(&self, span: Span) -> Range<usize> {
        if span.is_empty() || span.start >= self.len {
            return 0..0;
        }
        let first = self.index.line(span.start) - 1;
        let last = self.index.line(span.end.min(self.len) - 1);
        first..last.max(first + 1).min(self.lines.len())
    }
}

/// A code fence line (its info string, `bash`, `yaml`, is markup, not text).
fn is_fence(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t.starts_with("```") || t.starts_with("~~~")
}

/// An ATX heading (`#` to `######` then a space or the end of the line).
fn is_heading(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t[hashes..].chars().next().is_none_or(char::is_whitespace)
}

/// The headings over each line: the file's `#` headings (outside code fences) and the
/// importer's bold-paragraph titles. A `#` heading closes every heading of its level or
/// deeper; a bold title sits under the headings and replaces the previous bold title.
fn outline(doc: &Document, lines: &LineIndex) -> Outline {
    let mut heads: Vec<(usize, u8, String)> = Vec::new();
    let mut fence = false;
    for i in 0..lines.count() {
        let raw = lines.line(i);
        if is_fence(raw) {
            fence = !fence;
            continue;
        }
        if !fence && is_heading(raw) {
            let t = raw.trim_start_matches([' ', '\t']);
            let level = t.bytes().take_while(|&b| b == b'#').count();
            let title = t[level..].trim().trim_end_matches('#').trim();
            let title = clean_line(title).replace("**", "").replace('`', "");
            heads.push((i + 1, level as u8, title.trim().to_string()));
        }
    }
    heads.extend(
        doc.sections
            .iter()
            .filter(|s| s.level == 0)
            .map(|s| (s.source.line, 7, s.title.clone())),
    );
    heads.sort_by_key(|h| h.0);
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut paths = Vec::with_capacity(heads.len());
    for (line, level, title) in heads {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        stack.push((level, title));
        let path: Arc<[String]> = stack
            .iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(_, t)| t.clone())
            .collect();
        paths.push((u32::try_from(line).unwrap_or(u32::MAX), path));
    }
    Outline::new(paths)
}

/// A line with its markup that is not text removed: HTML tags, link targets, and character
/// references decoded.
pub fn clean_line(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if (next.is_ascii_alphabetic() || next == b'/' || next == b'!')
                    && let Some(end) = line[i..].find('>')
                {
                    out.push(' ');
                    i += end + 1;
                    continue;
                }
            }
            b'&' => {
                if let Some((c, len)) = char_ref(&line[i..]) {
                    out.push(c);
                    i += len;
                    continue;
                }
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                if let Some(len) = link_target_len(&b[i + 1..]) {
                    out.push(']');
                    i += 1 + len;
                    continue;
                }
            }
            _ => {}
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The length of a link target `(…)` at the start of `b`, parentheses nested inside it
/// counted (`(https://x/a_(b))`); `None` when it does not close on the line.
fn link_target_len(b: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// A character reference at the start of `s` (`&nbsp;`, `&#39;`, `&#x2F;`) and its length.
fn char_ref(s: &str) -> Option<(char, usize)> {
    let end = s.get(1..s.len().min(12))?.find(';')? + 1;
    let name = &s[1..end];
    let c = if let Some(n) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(n, 16).ok()?)?
    } else if let Some(n) = name.strip_prefix('#') {
        char::from_u32(n.parse().ok()?)?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "middot" => '·',
            "rarr" => '→',
            "larr" => '←',
            "hellip" => '…',
            "mdash" => '—',
            "ndash" => '–',
            _ if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) => ' ',
            _ => return None,
        }
    };
    let c = if c.is_control() { ' ' } else { c };
    Some((c, end + 1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_not_text() {
        assert_eq!(
            clean_line("<details><summary>OSI 7계층&nbsp;설명</summary>"),
            "  OSI 7계층 설명 "
        );
        assert_eq!(clean_line("a &lt;b&gt; &amp; c&#39;s"), "a <b> & c's");
        assert_eq!(
            clean_line("see [the RFC](https://example.com/rfc) now"),
            "see [the RFC] now"
        );
        assert_eq!(
            clean_line("[쿠키](https://x.io/%EC(Session)%20a) 설명 (괄호)"),
            "[쿠키] 설명 (괄호)"
        );
        assert_eq!(clean_line("[a](unclosed"), "[a](unclosed");
        assert_eq!(clean_line("if a < b and c > d"), "if a < b and c > d");
        assert_eq!(clean_line("<script>alert(1)</script>x"), " alert(1) x");
        assert_eq!(clean_line("AT&T & co; &#0;"), "AT&T & co;  ");
    }

    #[test]
    fn headings_are_atx() {
        assert!(is_heading("## 네트워크"));
        assert!(is_heading("#"));
        assert!(!is_heading("#hashtag"));
        assert!(!is_heading("####### seven"));
        assert!(!is_heading("text # not"));
    }

    #[test]
    fn line_index_maps_spans_to_lines() {
        let t = "a\r\nbb\n\nccc";
        let ix = LineIndex::new(t);
        assert_eq!(ix.count(), 4);
        assert_eq!(ix.line(0), "a");
        assert_eq!(ix.line(1), "bb");
        assert_eq!(ix.line(2), "");
        assert_eq!(ix.line(3), "ccc");
        assert_eq!(ix.lines_of(Span::new(3, 6)), 1..2);
        assert_eq!(ix.lines_of(Span::new(0, t.len())), 0..4);
        assert_eq!(ix.lines_of(Span::new(3, 3)), 0..0);
        assert_eq!(LineIndex::new("").count(), 0);
        assert_eq!(LineIndex::new("x\n").count(), 1);
    }
}
