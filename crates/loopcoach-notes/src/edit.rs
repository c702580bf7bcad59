//! Edits spliced into the notes: only the bytes of the changed part are replaced, the rest of
//! the file stays byte-for-byte as it was. A missing part is written where a person would put
//! it (after the part before it), in the style the story already uses.

use loopcoach_core::{StarPart, StarStyle, Story};

use crate::EditError;

fn word(part: StarPart) -> &'static str {
    match part {
        StarPart::Situation => "Situation",
        StarPart::Task => "Task",
        StarPart::Action => "Action",
        StarPart::Result => "Result",
    }
}

/// The text with `story`'s `part` set to `value`.
pub fn set_part(
    text: &str,
    story: &Story,
    part: StarPart,
    value: &str,
) -> Result<String, EditError> {
    if value.contains('\0') {
        return Err(EditError::InvalidText(
            "the text contains a NUL byte".into(),
        ));
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let value = value.trim().replace("\r\n", "\n");
    let (start, end, replacement) = match &story.parts[part.index()] {
        Some(p) => {
            let (s, e) = (p.value.start, p.value.end);
            if e > text.len() || s > e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return Err(EditError::Stale);
            }
            let rep = match &story.style {
                StarStyle::Lines { .. } | StarStyle::BoldBullets { .. } => {
                    if value.is_empty() {
                        String::new()
                    } else {
                        let sep = format!("{eol}{}", p.continuation_indent);
                        format!(" {}", value.lines().collect::<Vec<_>>().join(&sep))
                    }
                }
                StarStyle::Headings { .. } => {
                    let body = value.lines().collect::<Vec<_>>().join(eol);
                    if s == e && !body.is_empty() {
                        format!("{eol}{eol}{body}")
                    } else {
                        body
                    }
                }
                StarStyle::Table => {
                    let html =
                        text[s..e].contains('<') || !text[p.span.start..p.span.end].contains('|');
                    let v = value.lines().collect::<Vec<_>>().join("<br>");
                    if html { v } else { v.replace('|', "\\|") }
                }
            };
            (s, e, rep)
        }
        None => insert_part(text, story, part, &value, eol)?,
    };
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..start]);
    out.push_str(&replacement);
    out.push_str(&text[end..]);
    Ok(out)
}

fn insert_part(
    text: &str,
    story: &Story,
    part: StarPart,
    value: &str,
    eol: &str,
) -> Result<(usize, usize, String), EditError> {
    let before = StarPart::ALL[..part.index()]
        .iter()
        .rev()
        .find_map(|p| story.parts[p.index()].as_ref());
    let after = StarPart::ALL[part.index() + 1..]
        .iter()
        .find_map(|p| story.parts[p.index()].as_ref());
    let cont = before
        .or(after)
        .map(|p| p.continuation_indent.clone())
        .unwrap_or_default();
    let body = |v: &str| v.lines().collect::<Vec<_>>().join(&format!("{eol}{cont}"));
    let line = match &story.style {
        StarStyle::Lines { indent, long } => {
            let label = if *long { word(part) } else { part.letter() };
            if value.is_empty() {
                format!("{indent}{label}:")
            } else {
                format!("{indent}{label}: {}", body(value))
            }
        }
        StarStyle::BoldBullets { indent, bullet } => {
            format!("{indent}{bullet} **{}**: {}", word(part), body(value))
                .trim_end()
                .to_string()
        }
        StarStyle::Headings { level } => {
            let hashes = "#".repeat(usize::from(*level));
            let v = value.lines().collect::<Vec<_>>().join(eol);
            format!("{hashes} {}{eol}{eol}{v}", word(part))
                .trim_end()
                .to_string()
        }
        StarStyle::Table => {
            return Err(EditError::Unsupported(
                "adding a row to a table story".into(),
            ));
        }
    };
    let sep = if matches!(story.style, StarStyle::Headings { .. }) {
        format!("{eol}{eol}")
    } else {
        eol.to_string()
    };
    match (before, after) {
        (Some(p), _) => {
            let at = p.span.end.max(p.value.end);
            if at > text.len() {
                return Err(EditError::Stale);
            }
            Ok((at, at, format!("{sep}{line}")))
        }
        (None, Some(p)) => {
            // Insert before the first part, at the start of its line.
            let at = text[..p.span.start].rfind('\n').map_or(0, |i| i + 1);
            Ok((at, at, format!("{line}{sep}")))
        }
        (None, None) => Err(EditError::Stale),
    }
}

#[cfg(test)]
mod tests {
    use crate::parse_text;
    use loopcoach_core::StarPart;

    use super::*;

    fn story_of(text: &str) -> Story {
        let doc = parse_text("t.md", text).unwrap();
        doc.stories[0].clone()
    }

    #[test]
    fn replaces_only_the_value() {
        let t = "# Q\n\n1. 질문\n   S: 상황\n   T: 과제\n   A:\n   R: 현재 \n\n끝\n";
        let s = story_of(t);
        let out = set_part(t, &s, StarPart::Result, "매출 30% 증가").unwrap();
        assert_eq!(out, t.replace("R: 현재 ", "R: 매출 30% 증가"));
        let out = set_part(t, &s, StarPart::Action, "제가 직접\n설계했습니다").unwrap();
        assert!(
            out.contains("   A: 제가 직접\n      설계했습니다\n   R:"),
            "{out}"
        );
    }

    #[test]
    fn inserts_a_missing_part_in_the_story_style() {
        let t = "## Story\n\n* **Situation**: a\n* **Task**: b\n* **Result**: d\n";
        let s = story_of(t);
        let out = set_part(t, &s, StarPart::Action, "c").unwrap();
        assert_eq!(
            out,
            "## Story\n\n* **Situation**: a\n* **Task**: b\n* **Action**: c\n* **Result**: d\n"
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let t = "1. q\r\n   S: a\r\n   T: b\r\n";
        let s = story_of(t);
        let out = set_part(t, &s, StarPart::Result, "x\ny").unwrap();
        assert!(
            out.ends_with("   T: b\r\n   R: x\r\n      y\r\n"),
            "{out:?}"
        );
    }
}
