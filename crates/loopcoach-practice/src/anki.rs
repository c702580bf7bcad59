//! Anki interop: export any deck as the tab-separated text Anki imports, and import it back.
//!
//! The file starts with Anki's documented header lines (`#separator:tab`, `#html:false`,
//! `#guid column:`, `#columns:`, `#deck:`, `#notetype:`, `#tags column:`), so Anki sets every
//! import option itself. Columns: card id (Anki's GUID, so re-importing updates notes instead of
//! duplicating them), Front (the question), Back (key points, one a line) and Tags
//! (`loopcoach`, the kind, the topic or principle). Fields holding a tab, a newline or a quote
//! are quoted with `"` (quotes doubled), as Anki reads them.

use loopcoach_core::{Lang, Text};

use crate::PracticeError;
use crate::bank::{TOPICS, TextList};
use crate::cards::{Card, CardKind};

fn quote(field: &str) -> String {
    if field.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The deck as Anki TSV, in one language.
pub fn export(cards: &[Card], deck: &str, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:false\n#notetype:Basic\n");
    out.push_str(&format!("#deck:{deck}\n"));
    out.push_str("#guid column:1\n#columns:id\tFront\tBack\tTags\n#tags column:4\n");
    for c in cards {
        let mut tags = vec!["loopcoach".to_string(), c.kind.as_str().to_string()];
        tags.extend(c.topic.iter().chain(&c.principle).cloned());
        let back = c.key_points.get(lang).join("\n");
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            quote(&c.id),
            quote(c.question.get(lang)),
            quote(&back),
            tags.join(" ")
        ));
    }
    out
}

/// Split one record off `rest` (fields may be quoted and span lines). Returns the fields and
/// how many lines the record took.
fn record(lines: &[&str], sep: char) -> (Vec<String>, usize) {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut used = 0;
    let mut at_start = true;
    for (n, line) in lines.iter().enumerate() {
        used = n + 1;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
            } else if c == '"' && at_start {
                quoted = true;
                at_start = false;
            } else if c == sep {
                fields.push(std::mem::take(&mut field));
                at_start = true;
            } else {
                field.push(c);
                at_start = false;
            }
        }
        if quoted {
            field.push('\n');
        } else {
            break;
        }
    }
    fields.push(field);
    (fields, used)
}

fn fnv(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Read Anki TSV (ours or Anki's own "Notes in Plain Text" export). Cards without an id column
/// get a stable id from their front text.
pub fn import(file: &str, text: &str) -> Result<Vec<Card>, PracticeError> {
    let mut sep = '\t';
    let mut guid_col: Option<usize> = None;
    let mut tags_col: Option<usize> = None;
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let err = |line: usize, message: &str| PracticeError::Anki {
        file: file.to_string(),
        line,
        message: message.to_string(),
    };
    while i < lines.len() && lines[i].starts_with('#') {
        if let Some((k, v)) = lines[i][1..].split_once(':') {
            let col = || {
                v.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .map(|n| n - 1)
            };
            match k.trim().to_ascii_lowercase().as_str() {
                "separator" => {
                    sep = match v.trim().to_ascii_lowercase().as_str() {
                        "tab" => '\t',
                        "comma" => ',',
                        "semicolon" => ';',
                        "space" => ' ',
                        "pipe" => '|',
                        "colon" => ':',
                        other => other
                            .chars()
                            .next()
                            .ok_or_else(|| err(i + 1, "empty separator"))?,
                    }
                }
                "guid column" => guid_col = col(),
                "tags column" => tags_col = col(),
                _ => {}
            }
        }
        i += 1;
    }
    let framework = loopcoach_core::Framework::amazon();
    let mut cards = Vec::new();
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let line_no = i + 1;
        let (fields, used) = record(&lines[i..], sep);
        i += used;
        let content: Vec<(usize, &String)> = fields
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != guid_col && Some(*k) != tags_col)
            .collect();
        let (Some((_, front)), back) = (
            content.first(),
            content.get(1).map(|(_, b)| b.as_str()).unwrap_or(""),
        ) else {
            return Err(err(line_no, "a note needs at least a front field"));
        };
        if front.trim().is_empty() {
            return Err(err(line_no, "empty front field"));
        }
        let tags: Vec<&str> = tags_col
            .and_then(|c| fields.get(c))
            .map(|t| t.split_whitespace().collect())
            .unwrap_or_default();
        let kind = if tags.contains(&"technical") {
            CardKind::Technical
        } else if tags.contains(&"behavioural") {
            CardKind::Behavioural
        } else {
            CardKind::Mine
        };
        let topic = tags
            .iter()
            .find(|t| TOPICS.contains(t))
            .map(|t| t.to_string());
        let principle = tags
            .iter()
            .find(|t| framework.get(t).is_some())
            .map(|t| t.to_string());
        let id = guid_col
            .and_then(|c| fields.get(c))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("anki-{}", fnv(front)));
        let points: Vec<String> = back
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        cards.push(Card {
            id,
            kind,
            topic,
            principle,
            question: Text {
                en: front.to_string(),
                ko: front.to_string(),
            },
            key_points: TextList {
                en: points.clone(),
                ko: points,
            },
            follow_ups: TextList::default(),
            reference: None,
            troubleshooting: false,
            source: Some(format!("anki:{file}:{line_no}")),
        });
    }
    Ok(cards)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn export_then_import_gives_the_deck_back() {
        let cards: Vec<Card> = crate::bank::builtin_cards()
            .into_iter()
            .filter(|c| c.topic.as_deref() == Some("jwt"))
            .collect();
        assert!(!cards.is_empty());
        let tsv = export(&cards, "loopcoach::jwt", Lang::Ko);
        assert!(tsv.starts_with("#separator:tab\n#html:false\n"));
        assert!(tsv.contains("#deck:loopcoach::jwt\n") && tsv.contains("#tags column:4\n"));
        let back = import("jwt.txt", &tsv).unwrap();
        assert_eq!(back.len(), cards.len());
        for (a, b) in cards.iter().zip(&back) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.question.ko, b.question.ko);
            assert_eq!(a.key_points.ko, b.key_points.ko);
            assert_eq!((a.kind, &a.topic), (b.kind, &b.topic));
        }
    }

    #[test]
    fn quoting_survives_tabs_quotes_and_newlines() {
        let mut c = crate::bank::builtin_cards().remove(0);
        c.question.en = "say \"hi\"\tthen go".into();
        c.key_points.en = vec!["one".into(), "two \"2\"".into()];
        let back = import("x", &export(std::slice::from_ref(&c), "d", Lang::En)).unwrap();
        assert_eq!(back[0].question.en, c.question.en);
        assert_eq!(back[0].key_points.en, c.key_points.en);
        assert_eq!(back[0].principle, c.principle);
    }

    #[test]
    fn plain_anki_notes_get_stable_ids() {
        let t = "#separator:tab\n#html:false\nWhat is a pod?\tThe smallest deployable unit\n";
        let a = import("a.txt", t).unwrap();
        assert_eq!(a.len(), 1);
        assert!(a[0].id.starts_with("anki-"));
        assert_eq!(a[0].id, import("a.txt", t).unwrap()[0].id);
        assert!(matches!(
            import("b.txt", "#separator:tab\n\tback\n"),
            Err(PracticeError::Anki { line: 2, .. })
        ));
    }
}
