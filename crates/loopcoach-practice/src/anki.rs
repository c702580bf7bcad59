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
use crate::bank::{MAX_CARDS, MAX_FIELD_CHARS, TOPICS, TextList};
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

/// Why an Anki file was refused (rendered through the Fluent catalogue, `anki-error-*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnkiProblem {
    /// `#separator:` with nothing after it.
    EmptySeparator,
    /// A quoted field opened on this line never closes: the rest of the file would be one
    /// field.
    UnterminatedQuote,
    /// A note with no front text.
    EmptyFront,
    /// More notes than a deck may hold.
    TooManyNotes { max: usize },
    /// A field longer than [`crate::bank::MAX_FIELD_CHARS`] characters.
    FieldTooLong { chars: usize, max: usize },
}

impl std::fmt::Display for AnkiProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnkiProblem::EmptySeparator => f.write_str("empty separator"),
            AnkiProblem::UnterminatedQuote => {
                f.write_str("a quoted field opened here is never closed")
            }
            AnkiProblem::EmptyFront => f.write_str("empty front field"),
            AnkiProblem::TooManyNotes { max } => write!(f, "more than {max} notes"),
            AnkiProblem::FieldTooLong { chars, max } => {
                write!(f, "a field of {chars} characters (at most {max})")
            }
        }
    }
}

/// One note read from an Anki file: its card (id not yet decided), its line, and the id
/// (GUID) column's value if the file has one.
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiNote {
    pub line: usize,
    pub guid: Option<String>,
    pub card: Card,
}

/// Split one record off `lines` (fields may be quoted and span lines). Returns the fields and
/// how many lines the record took, or `None` when a quote opened in it never closes.
fn record(lines: &[&str], sep: char) -> Option<(Vec<String>, usize)> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut at_start = true;
    for (n, line) in lines.iter().enumerate() {
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
            fields.push(field);
            return Some((fields, n + 1));
        }
    }
    None
}

/// FNV-1a of `parts` joined by a unit separator (which no field holds), 16 hex digits.
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"\x1f" };
        for &b in sep.iter().chain(part.as_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The id of a note without a GUID in deck `deck`: its deck and front, so two decks with the
/// same front keep two cards.
pub fn note_id(deck: &str, front: &str) -> String {
    format!("anki-{}", fnv(&[deck, front]))
}

/// The id loopcoach gave such a note before ids included the deck (kept where a deck still
/// has it, so its review history stays attached).
pub fn legacy_note_id(front: &str) -> String {
    format!("anki-{}", fnv(&[front]))
}

/// Read Anki TSV (ours or Anki's own "Notes in Plain Text" export): header lines, then one
/// note per record. A byte-order mark is skipped; an unterminated quote, an empty front, too
/// many notes or too long a field refuse the whole file with the line.
pub fn import(file: &str, text: &str) -> Result<Vec<AnkiNote>, PracticeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sep = '\t';
    let mut guid_col: Option<usize> = None;
    let mut tags_col: Option<usize> = None;
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let err = |line: usize, problem: AnkiProblem| PracticeError::Anki {
        file: file.to_string(),
        line,
        problem,
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
                            .ok_or_else(|| err(i + 1, AnkiProblem::EmptySeparator))?,
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
    let mut notes = Vec::new();
    let long = |line: usize, s: &str| {
        let chars = s.chars().count();
        if chars > MAX_FIELD_CHARS {
            Err(err(
                line,
                AnkiProblem::FieldTooLong {
                    chars,
                    max: MAX_FIELD_CHARS,
                },
            ))
        } else {
            Ok(())
        }
    };
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let line_no = i + 1;
        if notes.len() == MAX_CARDS {
            return Err(err(line_no, AnkiProblem::TooManyNotes { max: MAX_CARDS }));
        }
        let (fields, used) =
            record(&lines[i..], sep).ok_or_else(|| err(line_no, AnkiProblem::UnterminatedQuote))?;
        i += used;
        let content: Vec<(usize, &String)> = fields
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != guid_col && Some(*k) != tags_col)
            .collect();
        let front = content.first().map(|(_, f)| f.trim()).unwrap_or("");
        let back = content.get(1).map(|(_, b)| b.as_str()).unwrap_or("");
        if front.is_empty() {
            return Err(err(line_no, AnkiProblem::EmptyFront));
        }
        long(line_no, front)?;
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
        let guid = guid_col
            .and_then(|c| fields.get(c))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if let Some(g) = &guid {
            long(line_no, g)?;
        }
        let points: Vec<String> = back
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        for p in &points {
            long(line_no, p)?;
        }
        notes.push(AnkiNote {
            line: line_no,
            guid,
            card: Card {
                id: String::new(),
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
            },
        });
    }
    Ok(notes)
}

/// Why a note of an Anki file was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Its id is a built-in card's or a card of the notes (our own export read back): that
    /// card, and its history, stay as they are.
    BuiltIn { id: String },
    /// Its id is a card of another deck, which is left as it is.
    OtherDeck { id: String, deck: String },
    /// The same id came earlier in the file (the first one is kept).
    Duplicate { id: String, first_line: usize },
}

/// A note left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: SkipReason,
}

/// What importing a file into a deck does: the cards to store (with their ids), how many of
/// them are new and how many replace a card of the deck, the notes left out, and how many of
/// the deck's cards are gone from the file (they are removed).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    pub cards: Vec<Card>,
    pub added: usize,
    pub updated: usize,
    pub skipped: Vec<Skipped>,
    pub removed: usize,
}

/// Decide the ids of `notes` imported into `deck`. `existing` maps each stored user card's id
/// to its deck; `reserved` holds the ids of the built-in cards and the notes' cards.
///
/// A note with a GUID keeps it as its id (Anki's own identity), unless that id belongs to a
/// built-in card, a card of the notes or a card of another deck: then it is skipped with the
/// reason, never written over. A note without one gets [`note_id`] (deck and front), or the
/// id it had before ids included the deck if the deck still has that card.
pub fn plan_import(
    deck: &str,
    notes: Vec<AnkiNote>,
    existing: &std::collections::HashMap<String, String>,
    reserved: &std::collections::HashSet<String>,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut first_line: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for mut note in notes {
        let in_deck = |id: &str| existing.get(id).is_some_and(|d| d == deck);
        let id = match &note.guid {
            Some(g) if reserved.contains(g) => {
                plan.skipped.push(Skipped {
                    line: note.line,
                    reason: SkipReason::BuiltIn { id: g.clone() },
                });
                continue;
            }
            Some(g) => match existing.get(g) {
                Some(other) if other != deck => {
                    plan.skipped.push(Skipped {
                        line: note.line,
                        reason: SkipReason::OtherDeck {
                            id: g.clone(),
                            deck: other.clone(),
                        },
                    });
                    continue;
                }
                _ => g.clone(),
            },
            None => {
                let legacy = legacy_note_id(&note.card.question.en);
                if in_deck(&legacy) {
                    legacy
                } else {
                    note_id(deck, &note.card.question.en)
                }
            }
        };
        if let Some(&first) = first_line.get(&id) {
            plan.skipped.push(Skipped {
                line: note.line,
                reason: SkipReason::Duplicate {
                    id,
                    first_line: first,
                },
            });
            continue;
        }
        first_line.insert(id.clone(), note.line);
        if in_deck(&id) {
            plan.updated += 1;
        } else {
            plan.added += 1;
        }
        note.card.id = id;
        plan.cards.push(note.card);
    }
    plan.removed = existing
        .iter()
        .filter(|(id, d)| d.as_str() == deck && !first_line.contains_key(id.as_str()))
        .count();
    plan
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
        for (a, n) in cards.iter().zip(&back) {
            let b = &n.card;
            assert_eq!(Some(&a.id), n.guid.as_ref());
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
        assert_eq!(back[0].card.question.en, c.question.en);
        assert_eq!(back[0].card.key_points.en, c.key_points.en);
        assert_eq!(back[0].card.principle, c.principle);
    }

    use std::collections::{HashMap, HashSet};

    fn plan_of(deck: &str, text: &str, existing: &HashMap<String, String>) -> ImportPlan {
        let reserved: HashSet<String> = crate::bank::builtin_cards()
            .into_iter()
            .map(|c| c.id)
            .collect();
        plan_import(deck, import("f.txt", text).unwrap(), existing, &reserved)
    }

    #[test]
    fn plain_anki_notes_get_stable_ids_that_include_the_deck() {
        let t = "#separator:tab\n#html:false\nWhat is a pod?\tThe smallest deployable unit\n";
        let none = HashMap::new();
        let a = plan_of("anki:one", t, &none);
        assert_eq!((a.added, a.updated, a.skipped.len()), (1, 0, 0));
        assert!(a.cards[0].id.starts_with("anki-"));
        assert_eq!(a.cards[0].id, plan_of("anki:one", t, &none).cards[0].id);
        // Another deck with the same front: another card.
        assert_ne!(a.cards[0].id, plan_of("anki:two", t, &none).cards[0].id);
        // Imported again into its deck: updated, not added.
        let mut stored = HashMap::new();
        stored.insert(a.cards[0].id.clone(), "anki:one".to_string());
        let again = plan_of("anki:one", t, &stored);
        assert_eq!((again.added, again.updated, again.removed), (0, 1, 0));
        // A card stored before ids had the deck keeps its id (and its history).
        let mut old = HashMap::new();
        old.insert(legacy_note_id("What is a pod?"), "anki:one".to_string());
        let kept = plan_of("anki:one", t, &old);
        assert_eq!(kept.cards[0].id, legacy_note_id("What is a pod?"));
        assert_eq!(kept.updated, 1);
        // Gone from the file: counted as removed.
        let gone = plan_of("anki:one", "#separator:tab\nOther\tx\n", &stored);
        assert_eq!((gone.added, gone.removed), (1, 1));
    }

    #[test]
    fn our_own_export_read_back_skips_the_builtin_cards() {
        let cards: Vec<Card> = crate::bank::builtin_cards().into_iter().take(3).collect();
        let tsv = export(&cards, "loopcoach", Lang::En);
        let p = plan_of("anki:loopcoach", &tsv, &HashMap::new());
        assert!(p.cards.is_empty());
        assert_eq!(p.skipped.len(), 3);
        assert!(matches!(&p.skipped[0].reason, SkipReason::BuiltIn { id } if *id == cards[0].id));
        // A GUID of another deck's card is left to that deck.
        let mine = "#separator:tab\n#guid column:1\nmy-1\tfront\tback\nmy-1\tagain\tx\n";
        let mut stored = HashMap::new();
        stored.insert("my-1".to_string(), "bank:mine".to_string());
        let p = plan_of("anki:other", mine, &stored);
        assert!(
            matches!(&p.skipped[0].reason, SkipReason::OtherDeck { deck, .. } if deck == "bank:mine")
        );
        // The same GUID twice in one file: the first is kept.
        let p = plan_of("anki:other", mine, &HashMap::new());
        assert_eq!(p.cards.len(), 1);
        assert!(matches!(
            p.skipped[0].reason,
            SkipReason::Duplicate { first_line: 3, .. }
        ));
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_read_as_anki_writes_them() {
        let t = "\u{feff}#separator:tab\r\n#html:false\r\nfront\tback\r\n";
        let notes = import("bom.txt", t).unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].card.question.en, "front");
        assert_eq!(notes[0].card.key_points.en, ["back"]);
    }

    #[test]
    fn broken_files_are_refused_with_the_line() {
        let refused = |t: &str| match import("b.txt", t) {
            Err(PracticeError::Anki { line, problem, .. }) => (line, problem),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused("#separator:tab\n\tback\n"),
            (2, AnkiProblem::EmptyFront)
        );
        // An unterminated quote would swallow every note after it.
        assert_eq!(
            refused("#separator:tab\nok\tfine\n\"open\tback\nnext\tnote\nlast\tone\n"),
            (3, AnkiProblem::UnterminatedQuote)
        );
        let long = format!(
            "#separator:tab\nfront\t{}\n",
            "x".repeat(MAX_FIELD_CHARS + 1)
        );
        assert!(matches!(
            refused(&long),
            (2, AnkiProblem::FieldTooLong { .. })
        ));
        // A quoted field may span lines and hold the separator.
        let ok = import("q.txt", "#separator:tab\n\"a\tb\nc\"\tback\n").unwrap();
        assert_eq!(ok[0].card.question.en, "a\tb\nc");
    }
}
