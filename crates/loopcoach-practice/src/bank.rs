//! Question banks: the TOML schema, strict parsing and validation.
//!
//! A bank is one TOML file holding the cards of one principle (behavioural) or one topic
//! (technical). The same schema serves the built-in banks (`content/banks/`, embedded via
//! `content.rs`) and the banks a user adds with `loopcoach bank add FILE`. Parsing is strict
//! (`deny_unknown_fields`), and every problem is reported with the file, the line and the field,
//! so a malformed bank is refused with something a person can fix. See `docs/banks.md`.

use std::collections::HashSet;
use std::fmt;

use loopcoach_core::i18n::Arg;
use loopcoach_core::{Framework, Lang, Messages, Text};
use serde::Deserialize;

use crate::cards::{Card, CardHead, CardKind};
use crate::content::BUILTIN;

mod builtin;
mod topics;
pub use builtin::{builtin_banks, builtin_card, builtin_cards, builtin_cards_for, builtin_heads};
pub use topics::TOPICS;

/// The largest bank or Anki file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The most cards one bank (or one Anki deck) may hold.
pub const MAX_CARDS: usize = 20_000;
/// The longest text of a card (a question, a key point, a follow-up, a reference), in
/// characters: every search reads every card's text, so one 40 MB string slowed them all.
pub const MAX_FIELD_CHARS: usize = 4_000;

/// A list of strings in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    pub en: Vec<String>,
    pub ko: Vec<String>,
}

impl TextList {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Ko if !self.ko.is_empty() => &self.ko,
            Lang::Ko => &self.en,
            Lang::En if !self.en.is_empty() => &self.en,
            Lang::En => &self.ko,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBank {
    principle: Option<String>,
    topic: Option<String>,
    #[serde(default)]
    cards: Vec<RawCard>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    id: String,
    question: Text,
    follow_ups: TextList,
    key_points: TextList,
    reference: Option<String>,
    #[serde(default)]
    troubleshooting: bool,
}

/// What is wrong with a bank (rendered through the Fluent catalogue, `bank-error-*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankProblem {
    /// The TOML does not parse or does not fit the schema (toml's own message).
    Syntax(String),
    /// Neither `principle` nor `topic`, or both.
    NeedsOneKey,
    UnknownPrinciple(String),
    UnknownTopic(String),
    NoCards,
    /// A text is empty in one language.
    MissingLanguage(Lang),
    /// Not between `min` and `max` entries.
    Count {
        min: usize,
        max: usize,
        found: usize,
    },
    /// en and ko lists of different lengths.
    CountMismatch {
        en: usize,
        ko: usize,
    },
    /// More cards than a bank may hold.
    TooManyCards {
        max: usize,
        found: usize,
    },
    /// A text longer than [`MAX_FIELD_CHARS`].
    FieldTooLong {
        chars: usize,
        max: usize,
    },
    /// The id is not `<key>-NN`.
    BadId {
        expected: String,
    },
    DuplicateId(String),
    MissingReference,
    /// `reference` or `troubleshooting` on a behavioural card.
    TechnicalOnly,
}

/// One problem in one bank file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The field named (`cards[3].key_points.ko`, `topic`), empty for syntax errors without one.
    pub field: String,
    pub problem: BankProblem,
}

impl BankError {
    /// The error in the user's language.
    pub fn render(&self, msg: &Messages) -> String {
        let detail = match &self.problem {
            BankProblem::Syntax(m) => {
                msg.format("bank-error-syntax", &[("detail", Arg::from(m.trim()))])
            }
            BankProblem::NeedsOneKey => msg.get("bank-error-needs-one-key"),
            BankProblem::UnknownPrinciple(k) => {
                msg.format("bank-error-unknown-principle", &[("key", Arg::from(k))])
            }
            BankProblem::UnknownTopic(k) => msg.format(
                "bank-error-unknown-topic",
                &[
                    ("key", Arg::from(k)),
                    ("known", Arg::from(TOPICS.join(", "))),
                ],
            ),
            BankProblem::NoCards => msg.get("bank-error-no-cards"),
            BankProblem::MissingLanguage(l) => msg.format(
                "bank-error-missing-language",
                &[("lang", Arg::from(l.code()))],
            ),
            BankProblem::Count { min, max, found } => msg.format(
                "bank-error-count",
                &[
                    ("min", Arg::from(*min)),
                    ("max", Arg::from(*max)),
                    ("found", Arg::from(*found)),
                ],
            ),
            BankProblem::CountMismatch { en, ko } => msg.format(
                "bank-error-count-mismatch",
                &[("en", Arg::from(*en)), ("ko", Arg::from(*ko))],
            ),
            BankProblem::TooManyCards { max, found } => msg.format(
                "bank-error-too-many-cards",
                &[("max", Arg::from(*max)), ("found", Arg::from(*found))],
            ),
            BankProblem::FieldTooLong { chars, max } => msg.format(
                "bank-error-field-too-long",
                &[("chars", Arg::from(*chars)), ("max", Arg::from(*max))],
            ),
            BankProblem::BadId { expected } => {
                msg.format("bank-error-bad-id", &[("expected", Arg::from(expected))])
            }
            BankProblem::DuplicateId(id) => {
                msg.format("bank-error-duplicate-id", &[("id", Arg::from(id))])
            }
            BankProblem::MissingReference => msg.get("bank-error-missing-reference"),
            BankProblem::TechnicalOnly => msg.get("bank-error-technical-only"),
        };
        msg.format(
            "bank-error",
            &[
                ("file", Arg::from(&self.file)),
                ("line", Arg::from(self.line)),
                ("column", Arg::from(self.column)),
                ("field", Arg::from(&self.field)),
                ("detail", Arg::from(detail)),
            ],
        )
    }
}

impl fmt::Display for BankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&Messages::new(Lang::En)))
    }
}

impl std::error::Error for BankError {}

/// A validated bank.
#[derive(Debug, Clone)]
pub struct Bank {
    pub file: String,
    pub kind: CardKind,
    /// The principle key (behavioural) or topic key (technical).
    pub key: String,
    pub cards: Vec<Card>,
}

/// Line starts of a text, for turning byte offsets into line and column.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The line of each `id = "…"` (the first, if an id is written twice), built on the first
    /// lookup: one pass over the lines, instead of one per card (10,000 cards took 12 s).
    ids: std::cell::OnceCell<std::collections::HashMap<&'a str, usize>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            text,
            starts,
            ids: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line and column (column in characters) of a byte offset.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        (line, col)
    }

    fn line(&self, n: usize) -> &'a str {
        let start = self.starts.get(n - 1).copied().unwrap_or(self.text.len());
        let end = self.starts.get(n).copied().unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("")
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// The first line at or after `from` whose trimmed text starts with `key` followed by `=`.
    fn find_key(&self, from: usize, key: &str, stop_at_table: bool) -> Option<usize> {
        for n in from..=self.count() {
            let l = self.line(n).trim_start();
            if n > from && stop_at_table && l.starts_with("[[") {
                return None;
            }
            if let Some(rest) = l.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return Some(n);
            }
        }
        None
    }

    /// The line of `id = "<id>"` (or `'<id>'`).
    fn find_id(&self, id: &str) -> Option<usize> {
        self.ids
            .get_or_init(|| {
                let mut ids = std::collections::HashMap::new();
                for n in 1..=self.count() {
                    if let Some(v) = id_value(self.line(n)) {
                        ids.entry(v).or_insert(n);
                    }
                }
                ids
            })
            .get(id)
            .copied()
    }

    fn column_of(&self, n: usize) -> usize {
        let l = self.line(n);
        l.chars().take_while(|c| c.is_whitespace()).count() + 1
    }
}

/// The value of a line `id = "…"` (a basic string without escapes, or a literal string).
fn id_value(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("id")?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &rest[1..];
    body.find(quote).map(|end| &body[..end])
}

/// Parse and validate one bank. Every problem found is returned, not just the first.
pub fn parse_bank(file: &str, text: &str) -> Result<Bank, Vec<BankError>> {
    let lines = Lines::new(text);
    let raw: RawBank = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let (line, column) = e.span().map(|s| lines.locate(s.start)).unwrap_or((1, 1));
            let field = lines
                .line(line)
                .split('=')
                .next()
                .map(str::trim)
                .unwrap_or("");
            let field = if lines.line(line).contains('=') {
                field.to_string()
            } else {
                String::new()
            };
            return Err(vec![BankError {
                file: file.to_string(),
                line,
                column,
                field,
                problem: BankProblem::Syntax(e.message().to_string()),
            }]);
        }
    };
    let mut errors = Vec::new();
    let at = |line: Option<usize>, field: String, problem: BankProblem| {
        let line = line.unwrap_or(1);
        BankError {
            file: file.to_string(),
            line,
            column: lines.column_of(line),
            field,
            problem,
        }
    };
    let framework = Framework::amazon();
    let (kind, key) = match (&raw.principle, &raw.topic) {
        (Some(p), None) => {
            if framework.get(p).is_none() {
                errors.push(at(
                    lines.find_key(1, "principle", false),
                    "principle".into(),
                    BankProblem::UnknownPrinciple(p.clone()),
                ));
            }
            (CardKind::Behavioural, p.clone())
        }
        (None, Some(t)) => {
            if !TOPICS.contains(&t.as_str()) {
                errors.push(at(
                    lines.find_key(1, "topic", false),
                    "topic".into(),
                    BankProblem::UnknownTopic(t.clone()),
                ));
            }
            (CardKind::Technical, t.clone())
        }
        _ => {
            let line = lines
                .find_key(1, "principle", false)
                .or(lines.find_key(1, "topic", false));
            errors.push(at(line, "principle|topic".into(), BankProblem::NeedsOneKey));
            return Err(errors);
        }
    };
    if raw.cards.is_empty() {
        errors.push(at(None, "cards".into(), BankProblem::NoCards));
    }
    if raw.cards.len() > MAX_CARDS {
        errors.push(at(
            None,
            "cards".into(),
            BankProblem::TooManyCards {
                max: MAX_CARDS,
                found: raw.cards.len(),
            },
        ));
        return Err(errors);
    }
    let technical = kind == CardKind::Technical;
    let (fu_min, fu_max, kp_min, kp_max) = if technical {
        (1, 3, 3, 6)
    } else {
        (2, 3, 3, 5)
    };
    let mut seen = HashSet::new();
    let mut cards = Vec::new();
    for (i, c) in raw.cards.into_iter().enumerate() {
        let id_line = lines.find_id(&c.id);
        let field_line = |name: &str| {
            id_line
                .and_then(|l| lines.find_key(l, name, true))
                .or(id_line)
        };
        let name = |f: &str| format!("cards[{i}].{f}");
        let id_ok =
            c.id.strip_prefix(key.as_str())
                .and_then(|r| r.strip_prefix('-'))
                .is_some_and(|n| n.len() >= 2 && n.chars().all(|ch| ch.is_ascii_digit()));
        if !id_ok {
            errors.push(at(
                id_line,
                name("id"),
                BankProblem::BadId {
                    expected: format!("{key}-NN"),
                },
            ));
        }
        if !seen.insert(c.id.clone()) {
            errors.push(at(
                id_line,
                name("id"),
                BankProblem::DuplicateId(c.id.clone()),
            ));
        }
        for (lang, s) in [(Lang::En, &c.question.en), (Lang::Ko, &c.question.ko)] {
            if s.trim().is_empty() {
                errors.push(at(
                    field_line("question"),
                    format!("{}.{lang}", name("question")),
                    BankProblem::MissingLanguage(lang),
                ));
            }
        }
        for (fname, list, min, max) in [
            ("follow_ups", &c.follow_ups, fu_min, fu_max),
            ("key_points", &c.key_points, kp_min, kp_max),
        ] {
            let line = field_line(fname);
            for (lang, v) in [(Lang::En, &list.en), (Lang::Ko, &list.ko)] {
                if v.len() < min || v.len() > max {
                    errors.push(at(
                        line,
                        format!("{}.{lang}", name(fname)),
                        BankProblem::Count {
                            min,
                            max,
                            found: v.len(),
                        },
                    ));
                } else if v.iter().any(|s| s.trim().is_empty()) {
                    errors.push(at(
                        line,
                        format!("{}.{lang}", name(fname)),
                        BankProblem::MissingLanguage(lang),
                    ));
                }
            }
            if list.en.len() != list.ko.len() {
                errors.push(at(
                    line,
                    name(fname),
                    BankProblem::CountMismatch {
                        en: list.en.len(),
                        ko: list.ko.len(),
                    },
                ));
            }
        }
        let texts = [
            ("question.en", &c.question.en),
            ("question.ko", &c.question.ko),
        ]
        .into_iter()
        .chain(c.reference.iter().map(|r| ("reference", r)))
        .chain(c.follow_ups.en.iter().map(|t| ("follow_ups.en", t)))
        .chain(c.follow_ups.ko.iter().map(|t| ("follow_ups.ko", t)))
        .chain(c.key_points.en.iter().map(|t| ("key_points.en", t)))
        .chain(c.key_points.ko.iter().map(|t| ("key_points.ko", t)));
        for (fname, text) in texts {
            // Bytes first: a short text is never counted character by character.
            if text.len() > MAX_FIELD_CHARS {
                let chars = text.chars().count();
                if chars > MAX_FIELD_CHARS {
                    let line = field_line(fname.split('.').next().unwrap_or(fname));
                    errors.push(at(
                        line,
                        name(fname),
                        BankProblem::FieldTooLong {
                            chars,
                            max: MAX_FIELD_CHARS,
                        },
                    ));
                }
            }
        }
        let reference = c.reference.clone().filter(|r| !r.trim().is_empty());
        if technical && reference.is_none() {
            errors.push(at(
                id_line,
                name("reference"),
                BankProblem::MissingReference,
            ));
        }
        if !technical && (reference.is_some() || c.troubleshooting) {
            let line = field_line("reference")
                .filter(|_| reference.is_some())
                .or(field_line("troubleshooting"));
            errors.push(at(line, name("reference"), BankProblem::TechnicalOnly));
        }
        cards.push(card_from_raw(c, kind, &key, reference, file, id_line));
    }
    if errors.is_empty() {
        Ok(Bank {
            file: file.to_string(),
            kind,
            key,
            cards,
        })
    } else {
        Err(errors)
    }
}

fn card_from_raw(
    c: RawCard,
    kind: CardKind,
    key: &str,
    reference: Option<String>,
    file: &str,
    id_line: Option<usize>,
) -> Card {
    let technical = kind == CardKind::Technical;
    Card {
        id: c.id,
        kind,
        topic: technical.then(|| key.to_string()),
        principle: (!technical).then(|| key.to_string()),
        question: c.question,
        key_points: c.key_points,
        follow_ups: c.follow_ups,
        reference,
        troubleshooting: c.troubleshooting,
        source: Some(format!("{file}:{}", id_line.unwrap_or(1))),
    }
}

/// The kind and key of a bank from its `principle` / `topic` (None: neither or both).
fn kind_and_key(principle: Option<String>, topic: Option<String>) -> Option<(CardKind, String)> {
    match (principle, topic) {
        (Some(p), None) => Some((CardKind::Behavioural, p)),
        (None, Some(t)) => Some((CardKind::Technical, t)),
        _ => None,
    }
}

/// The line of a card's `id = "..."` in a bank's text (1 when not found).
pub fn line_of_id(text: &str, id: &str) -> usize {
    lines_of_ids(text, &[id])[0]
}

/// The lines of several cards' `id = "..."` (1 where not found), the text read once.
pub fn lines_of_ids(text: &str, ids: &[&str]) -> Vec<usize> {
    let lines = Lines::new(text);
    ids.iter()
        .map(|id| lines.find_id(id).unwrap_or(1))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::builtin::heads_of;
    use super::*;

    #[test]
    fn every_builtin_bank_passes_the_schema() {
        let (banks, errors) = builtin_banks();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}", shown.join("\n"));
        let mut ids = HashSet::new();
        for b in &banks {
            assert!(
                b.file.ends_with(&format!("/{}.toml", b.key)),
                "{} holds {}",
                b.file,
                b.key
            );
            for c in &b.cards {
                assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
                assert!(
                    !c.question.en.is_empty() && !c.question.ko.is_empty(),
                    "{}",
                    c.id
                );
                assert!(
                    c.key_points.en.len() >= 3 && c.key_points.ko.len() >= 3,
                    "{}",
                    c.id
                );
                if c.kind == CardKind::Technical {
                    assert!(c.reference.is_some(), "{}", c.id);
                    assert!(
                        TOPICS.contains(&c.topic.as_deref().unwrap_or("")),
                        "{}",
                        c.id
                    );
                } else {
                    assert!(
                        Framework::amazon()
                            .get(c.principle.as_deref().unwrap_or(""))
                            .is_some()
                    );
                }
            }
        }
    }

    #[test]
    fn builtin_paths_are_the_files_on_disk() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        for dir in ["content/banks/behavioural", "content/banks/technical"] {
            for entry in std::fs::read_dir(format!("{root}{dir}")).unwrap() {
                let p = entry.unwrap().path();
                if p.extension().is_some_and(|e| e == "toml") {
                    let rel = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
                    assert!(
                        BUILTIN.iter().any(|(f, _)| *f == rel),
                        "{rel} is not listed in content.rs"
                    );
                }
            }
        }
    }

    #[test]
    fn ids_are_stable() {
        // Ids are the handle review history hangs on: these must never change meaning.
        let cards = builtin_cards();
        let get = |id: &str| {
            cards
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.question.en.clone())
        };
        assert!(get("customer-obsession-01").is_some_and(|q| q.contains("customer")));
        assert!(get("docker-01").is_some_and(|q| q.contains("image")));
    }

    #[test]
    fn builtin_heads_are_the_heads_of_the_parsed_banks() {
        let (heads, broken) = builtin_heads();
        assert!(broken.is_empty(), "{broken:?}");
        let full: Vec<CardHead> = builtin_cards().iter().map(Card::head).collect();
        assert_eq!(heads, full);
    }

    #[test]
    fn a_bank_written_another_way_falls_back_to_the_whole_parse() {
        let other = r#"topic = "jwt"

[[cards]]
id = "jwt-01"
follow_ups = { en = ["Clock skew?"], ko = ["시계 오차는?"] }
key_points = { en = ["a", "b", "c"], ko = ["가", "나", "다"] }
reference = "RFC 7519 §4.1.4"

[cards.question]
en = "What is exp?"
ko = "exp 는 무엇인가요?"
"#;
        assert!(parse_bank("m.toml", other).is_ok());
        let heads = heads_of(other).unwrap();
        assert_eq!(heads.len(), 1);
        assert_eq!(heads[0].question.en, "What is exp?");
        assert_eq!(heads[0].topic.as_deref(), Some("jwt"));
    }

    #[test]
    fn a_card_id_finds_its_bank_by_prefix() {
        use crate::content::{builtin_bank, key_of_id};
        assert_eq!(key_of_id("jwt-03"), Some("jwt"));
        assert_eq!(key_of_id("k8s-auth-12"), Some("k8s-auth"));
        assert_eq!(
            key_of_id("customer-obsession-04"),
            Some("customer-obsession")
        );
        assert_eq!(key_of_id("mine-q-1"), None);
        assert_eq!(key_of_id("deck-00001").and_then(builtin_bank), None);
        assert_eq!(
            builtin_bank("jwt").map(|b| b.0),
            Some("content/banks/technical/jwt.toml")
        );
        assert_eq!(
            builtin_bank("customer-obsession").map(|b| b.0),
            Some("content/banks/behavioural/customer-obsession.toml")
        );
        let all = builtin_cards();
        let ids = [
            "jwt-03",
            "customer-obsession-04",
            "nope-01",
            "k8s-auth-01",
            "jwt-01",
        ];
        let (found, errors) = builtin_cards_for(&ids);
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            got,
            ["jwt-03", "customer-obsession-04", "k8s-auth-01", "jwt-01"]
        );
        for c in &found {
            assert_eq!(Some(c), all.iter().find(|a| a.id == c.id), "{}", c.id);
        }
        assert!(builtin_card("jwt-99").is_none());
        assert!(builtin_card("docker-01").is_some());
    }

    const GOOD: &str = r#"topic = "jwt"

[[cards]]
id = "jwt-01"
question = { en = "What is exp?", ko = "exp 는 무엇인가요?" }
follow_ups = { en = ["Clock skew?"], ko = ["시계 오차는?"] }
key_points = { en = ["a", "b", "c"], ko = ["가", "나", "다"] }
reference = "RFC 7519 §4.1.4"
"#;

    #[test]
    fn a_good_user_bank_parses() {
        let b = parse_bank("mine.toml", GOOD).unwrap();
        assert_eq!(b.kind, CardKind::Technical);
        assert_eq!(b.cards[0].topic.as_deref(), Some("jwt"));
    }

    #[test]
    fn syntax_errors_name_file_line_and_field() {
        let bad = GOOD.replace("reference =", "referense =");
        let e = &parse_bank("mine.toml", &bad).unwrap_err()[0];
        assert_eq!((e.file.as_str(), e.line), ("mine.toml", 8));
        let shown = e.to_string();
        assert!(shown.starts_with("mine.toml:8:"), "{shown}");
        assert!(shown.contains("referense"), "{shown}");
    }

    #[test]
    fn semantic_errors_name_the_line_of_the_field() {
        let bad = GOOD.replace(r#"ko = ["가", "나", "다"]"#, r#"ko = ["가"]"#);
        let e = &parse_bank("mine.toml", &bad).unwrap_err();
        let kp = e
            .iter()
            .find(|e| e.field == "cards[0].key_points.ko")
            .unwrap();
        assert_eq!(kp.line, 7);
        assert!(matches!(kp.problem, BankProblem::Count { found: 1, .. }));
        let bad = GOOD.replace("ko = \"exp 는 무엇인가요?\"", "ko = \"\"");
        let e = &parse_bank("mine.toml", &bad).unwrap_err()[0];
        assert_eq!((e.line, e.field.as_str()), (5, "cards[0].question.ko"));
        let bad = GOOD.replace("jwt-01", "jwt-x");
        assert!(matches!(
            parse_bank("m.toml", &bad).unwrap_err()[0].problem,
            BankProblem::BadId { .. }
        ));
        let bad = GOOD.replace("topic = \"jwt\"", "topic = \"kafka\"");
        let e = parse_bank("m.toml", &bad).unwrap_err();
        assert!(
            e.iter()
                .any(|e| e.line == 1 && matches!(e.problem, BankProblem::UnknownTopic(_)))
        );
        let bad = GOOD.replace("reference = \"RFC 7519 §4.1.4\"\n", "");
        assert!(matches!(
            parse_bank("m.toml", &bad).unwrap_err()[0].problem,
            BankProblem::MissingReference
        ));
    }

    #[test]
    fn errors_render_in_both_languages() {
        let e = &parse_bank("m.toml", &GOOD.replace("jwt-01", "jwt-x")).unwrap_err()[0];
        let en = e.render(&Messages::new(Lang::En));
        let ko = e.render(&Messages::new(Lang::Ko));
        assert!(
            en.contains("m.toml:4") && ko.contains("m.toml:4"),
            "{en} / {ko}"
        );
        assert_ne!(en, ko);
    }
}
