//! A group's own question banks: files of the `bank` schema (docs/banks.md), checked by
//! loopcoach-practice's own parser, so a bank the server accepts is one `loopcoach bank add`
//! accepts, and the other way round. A single question is edited by writing the bank again
//! with that card added or replaced and parsing the result the same way.

use loopcoach_core::Text;
use loopcoach_practice::bank::{BankError, TextList, parse_bank};
use loopcoach_practice::{Card, CardKind};
use serde::{Deserialize, Serialize};

use crate::model::Invalid;

/// Longest bank name, in characters.
pub const MAX_BANK_NAME: usize = 64;
/// Largest bank file accepted through the API, in bytes (below the request body limit).
pub const MAX_BANK_BYTES: usize = 512 * 1024;
/// Most cards a group bank may hold (a bank file may hold more locally; a group's is shared
/// by every member's drill, so it stays small).
pub const MAX_GROUP_CARDS: usize = 500;

fn invalid(field: &str, problem: impl Into<String>) -> Invalid {
    Invalid {
        field: field.to_owned(),
        problem: problem.into(),
    }
}

/// A bank's name in its group: lower-case ASCII letters, digits and dashes, 1 to 64 of
/// them, starting with a letter or digit (it is the bank's file name without `.toml`).
pub fn bank_name(s: &str) -> Result<String, Invalid> {
    let n = s.trim();
    let ok = !n.is_empty()
        && n.len() <= MAX_BANK_NAME
        && n.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !n.starts_with('-');
    if ok {
        Ok(n.to_owned())
    } else {
        Err(invalid(
            "name",
            format!(
                "\"{n}\" is not a bank name (1 to {MAX_BANK_NAME} of a-z, 0-9 and -, not starting with -)"
            ),
        ))
    }
}

/// A bank as uploaded: the TOML text of one bank file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankUpload {
    pub toml: String,
}

/// A bank the practice crate accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBank {
    pub name: String,
    pub kind: CardKind,
    /// The principle key (behavioural) or topic key (technical).
    pub key: String,
    pub source: String,
    pub cards: Vec<Card>,
}

/// Every problem of a bank, one a line, as the CLI shows them.
fn bank_errors(errors: &[BankError]) -> Invalid {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    invalid("toml", lines.join("\n"))
}

/// Check an uploaded bank with loopcoach-practice's parser (the same rules as
/// `loopcoach bank add`), plus the server's size limits.
pub fn validate_bank(name: &str, upload: &BankUpload) -> Result<ValidBank, Invalid> {
    let name = bank_name(name)?;
    if upload.toml.len() > MAX_BANK_BYTES {
        return Err(invalid(
            "toml",
            format!("larger than {} KiB", MAX_BANK_BYTES / 1024),
        ));
    }
    let file = format!("{name}.toml");
    let bank = parse_bank(&file, &upload.toml).map_err(|e| bank_errors(&e))?;
    if bank.cards.len() > MAX_GROUP_CARDS {
        return Err(invalid(
            "toml",
            format!(
                "{} cards; a group bank holds at most {MAX_GROUP_CARDS}",
                bank.cards.len()
            ),
        ));
    }
    let kind = bank.kind;
    let cards = bank
        .cards
        .into_iter()
        .map(|mut c| {
            c.source = Some(format!("group bank {name}"));
            c
        })
        .collect();
    Ok(ValidBank {
        name,
        kind,
        key: bank.key,
        source: upload.toml.clone(),
        cards,
    })
}

/// One question as edited on its own: the card's fields without its id, kind and key (the
/// bank gives those).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionBody {
    pub question: Text,
    pub follow_ups: TextList,
    pub key_points: TextList,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub troubleshooting: bool,
}

#[derive(Serialize)]
struct BankFile<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    principle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<&'a str>,
    cards: Vec<CardFile<'a>>,
}

#[derive(Serialize)]
struct CardFile<'a> {
    id: &'a str,
    question: &'a Text,
    follow_ups: &'a TextList,
    key_points: &'a TextList,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    troubleshooting: bool,
}

/// The bank file of `kind`/`key` holding `cards`, in the `bank` schema.
pub fn bank_toml(kind: CardKind, key: &str, cards: &[Card]) -> Result<String, Invalid> {
    let file = BankFile {
        principle: (kind != CardKind::Technical).then_some(key),
        topic: (kind == CardKind::Technical).then_some(key),
        cards: cards
            .iter()
            .map(|c| CardFile {
                id: &c.id,
                question: &c.question,
                follow_ups: &c.follow_ups,
                key_points: &c.key_points,
                reference: c.reference.as_deref(),
                troubleshooting: c.troubleshooting,
            })
            .collect(),
    };
    toml::to_string(&file).map_err(|e| invalid("question", e.to_string()))
}

/// The bank with question `card_id` added (at the end) or replaced (in place), checked as a
/// whole by the practice crate's parser. The bank's text is written anew from its cards.
pub fn with_question(
    bank: &ValidBank,
    card_id: &str,
    q: &QuestionBody,
) -> Result<ValidBank, Invalid> {
    let card = Card {
        id: card_id.trim().to_owned(),
        kind: bank.kind,
        topic: (bank.kind == CardKind::Technical).then(|| bank.key.clone()),
        principle: (bank.kind != CardKind::Technical).then(|| bank.key.clone()),
        question: q.question.clone(),
        key_points: q.key_points.clone(),
        follow_ups: q.follow_ups.clone(),
        reference: q.reference.clone(),
        troubleshooting: q.troubleshooting,
        source: None,
    };
    let mut cards = bank.cards.clone();
    match cards.iter_mut().find(|c| c.id == card.id) {
        Some(slot) => *slot = card,
        None => cards.push(card),
    }
    let toml = bank_toml(bank.kind, &bank.key, &cards)?;
    validate_bank(&bank.name, &BankUpload { toml })
}

/// A bank in the group's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankSummary {
    pub name: String,
    pub kind: CardKind,
    pub key: String,
    pub cards: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited_by: Option<String>,
    pub updated_at: String,
}

/// A whole bank: its text and its cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankView {
    pub name: String,
    pub kind: CardKind,
    pub key: String,
    pub toml: String,
    pub cards: Vec<Card>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited_by: Option<String>,
    pub updated_at: String,
}

impl BankView {
    /// The bank as validated values (to edit one of its questions).
    pub fn valid(&self) -> ValidBank {
        ValidBank {
            name: self.name.clone(),
            kind: self.kind,
            key: self.key.clone(),
            source: self.toml.clone(),
            cards: self.cards.clone(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    pub(crate) const OWNERSHIP: &str = r#"principle = "ownership"

[[cards]]
id = "ownership-01"
question = { en = "Tell me about a time you fixed something outside your job.", ko = "맡은 일 밖의 문제를 직접 해결한 경험을 말해 주세요." }
follow_ups = { en = ["Who asked you?", "What did it cost?"], ko = ["누가 요청했나요?", "대가는 무엇이었나요?"] }
key_points = { en = ["acts without being asked", "long-term view", "follows through"], ko = ["요청 없이 나선다", "장기적으로 본다", "끝까지 해낸다"] }
"#;

    #[test]
    fn bank_names_are_slugs() {
        assert_eq!(bank_name(" aws-cse-12 ").unwrap(), "aws-cse-12");
        for bad in ["", "-x", "Upper", "a b", "../x", "가나", &"a".repeat(65)] {
            assert!(bank_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_good_bank_is_accepted_with_its_cards() {
        let b = validate_bank(
            "study",
            &BankUpload {
                toml: OWNERSHIP.into(),
            },
        )
        .unwrap();
        assert_eq!(
            (b.kind, b.key.as_str()),
            (CardKind::Behavioural, "ownership")
        );
        assert_eq!(b.cards.len(), 1);
        assert_eq!(b.cards[0].principle.as_deref(), Some("ownership"));
        assert_eq!(b.cards[0].source.as_deref(), Some("group bank study"));
    }

    #[test]
    fn a_broken_bank_is_refused_with_every_problem_and_its_line() {
        let bad = OWNERSHIP.replace("ownership-01", "own-1").replace(
            r#"ko = ["요청 없이 나선다", "장기적으로 본다", "끝까지 해낸다"]"#,
            r#"ko = ["하나"]"#,
        );
        let e = validate_bank("study", &BankUpload { toml: bad }).unwrap_err();
        assert_eq!(e.field, "toml");
        assert!(e.problem.contains("study.toml:4"), "{}", e.problem);
        assert!(e.problem.contains("key_points.ko"), "{}", e.problem);
        assert!(e.problem.lines().count() >= 2, "{}", e.problem);
        let e = validate_bank(
            "study",
            &BankUpload {
                toml: "x = [".into(),
            },
        )
        .unwrap_err();
        assert!(e.problem.starts_with("study.toml:1"), "{}", e.problem);
        assert!(
            validate_bank(
                "Bad Name",
                &BankUpload {
                    toml: OWNERSHIP.into()
                }
            )
            .unwrap_err()
            .field
                == "name"
        );
    }

    fn question(en: &str) -> QuestionBody {
        QuestionBody {
            question: Text {
                en: en.into(),
                ko: "질문".into(),
            },
            follow_ups: TextList {
                en: vec!["a?".into(), "b?".into()],
                ko: vec!["가?".into(), "나?".into()],
            },
            key_points: TextList {
                en: vec!["x".into(), "y".into(), "z".into()],
                ko: vec!["ㄱ".into(), "ㄴ".into(), "ㄷ".into()],
            },
            reference: None,
            troubleshooting: false,
        }
    }

    #[test]
    fn a_question_is_added_or_replaced_and_the_bank_checked_again() {
        let b = validate_bank(
            "study",
            &BankUpload {
                toml: OWNERSHIP.into(),
            },
        )
        .unwrap();
        let added = with_question(&b, "ownership-02", &question("New one?")).unwrap();
        assert_eq!(added.cards.len(), 2);
        assert_eq!(added.cards[1].question.en, "New one?");
        // The written text is a bank the parser reads back to the same cards.
        let again = validate_bank(
            "study",
            &BankUpload {
                toml: added.source.clone(),
            },
        )
        .unwrap();
        assert_eq!(again.cards, added.cards);
        let replaced = with_question(&added, "ownership-01", &question("Changed?")).unwrap();
        assert_eq!(replaced.cards.len(), 2);
        assert_eq!(replaced.cards[0].question.en, "Changed?");
        // The bank's rules hold for a single question too.
        let e = with_question(&b, "jwt-01", &question("Wrong id")).unwrap_err();
        assert!(e.problem.contains("ownership-NN"), "{}", e.problem);
        let mut technical_only = question("Ref?");
        technical_only.reference = Some("RFC 1".into());
        assert!(with_question(&b, "ownership-03", &technical_only).is_err());
        let mut short = question("Short?");
        short.key_points.ko.pop();
        assert!(with_question(&b, "ownership-03", &short).is_err());
    }
}
