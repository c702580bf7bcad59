//! The card: one thing to recall, from a bank, from the user's notes, or from an import.
//!
//! Built-in and user banks give `behavioural` and `technical` cards; the user's own notes give
//! `mine` cards: one per expected question (the question as written, their answer as the draft)
//! and one "tell your story for `<principle>`" per story-to-principle link (the story's S/T/A/R as
//! written are the key points). Mine card ids derive from the note entity ids, which survive
//! re-imports, so review history stays attached.

use loopcoach_core::i18n::Arg;
use loopcoach_core::{Document, Framework, Lang, Messages, StarPart, Text};
use serde::{Deserialize, Serialize};

use crate::bank::TextList;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Behavioural,
    Technical,
    Mine,
}

impl CardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Behavioural => "behavioural",
            CardKind::Technical => "technical",
            CardKind::Mine => "mine",
        }
    }
}

/// One card. The JSON shape is the `cards --json` contract (docs/banks.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    pub kind: CardKind,
    pub topic: Option<String>,
    pub principle: Option<String>,
    pub question: Text,
    pub key_points: TextList,
    pub follow_ups: TextList,
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub troubleshooting: bool,
    /// Where the card comes from: `file:line` of a bank, a notes entity, an import.
    #[serde(default)]
    pub source: Option<String>,
}

impl Card {
    /// All the card's words, for search.
    pub fn full_text(&self) -> String {
        let mut s = format!("{}\n{}", self.question.en, self.question.ko);
        for l in [&self.key_points, &self.follow_ups] {
            for t in l.en.iter().chain(&l.ko) {
                s.push('\n');
                s.push_str(t);
            }
        }
        s
    }
}

/// What the queue, the `due` listing and the statistics need of a card: everything but its
/// key points, follow-ups and reference (so they can be listed without building whole cards).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardHead {
    pub id: String,
    pub kind: CardKind,
    pub topic: Option<String>,
    pub principle: Option<String>,
    pub question: Text,
}

impl Card {
    /// The card's head.
    pub fn head(&self) -> CardHead {
        CardHead {
            id: self.id.clone(),
            kind: self.kind,
            topic: self.topic.clone(),
            principle: self.principle.clone(),
            question: self.question.clone(),
        }
    }
}

/// A filter over cards (the `--topic`, `--principle`, `--mine` flags).
#[derive(Debug, Clone, Default)]
pub struct CardFilter {
    pub topic: Option<String>,
    pub principle: Option<String>,
    pub mine: bool,
}

impl CardFilter {
    pub fn matches(&self, c: &Card) -> bool {
        self.matches_parts(c.kind, c.topic.as_deref(), c.principle.as_deref())
    }

    pub fn matches_head(&self, c: &CardHead) -> bool {
        self.matches_parts(c.kind, c.topic.as_deref(), c.principle.as_deref())
    }

    /// Whether a card of `kind`, `topic` and `principle` passes.
    pub fn matches_parts(
        &self,
        kind: CardKind,
        topic: Option<&str>,
        principle: Option<&str>,
    ) -> bool {
        if self.mine && kind != CardKind::Mine {
            return false;
        }
        if let Some(t) = &self.topic
            && topic != Some(t.as_str())
        {
            return false;
        }
        if let Some(p) = &self.principle
            && principle != Some(p.as_str())
        {
            return false;
        }
        true
    }

    /// Whether some card of `kind` could pass (so its source need not be read when not).
    pub fn admits(&self, kind: CardKind) -> bool {
        match kind {
            CardKind::Mine => self.topic.is_none(),
            CardKind::Technical => !self.mine && self.principle.is_none(),
            CardKind::Behavioural => !self.mine && self.topic.is_none(),
        }
    }
}

/// Resolve a principle as the user typed it ("Ownership", "주인의식", "ownership") to its key.
pub fn principle_key(written: &str) -> Option<String> {
    let f = Framework::amazon();
    if f.get(written).is_some() {
        return Some(written.to_string());
    }
    f.match_name(written).map(|m| m.key)
}

/// Cards from the user's notes: one per question with a title, one per story link.
pub fn mine_cards(docs: &[Document]) -> Vec<Card> {
    let (en, ko) = (Messages::new(Lang::En), Messages::new(Lang::Ko));
    let framework = Framework::amazon();
    let mut out = Vec::new();
    for doc in docs {
        for q in &doc.questions {
            if q.title.trim().is_empty() {
                continue;
            }
            let points: Vec<String> = q
                .points
                .iter()
                .map(|p| p.text.to_string())
                .filter(|t| !t.trim().is_empty())
                .collect();
            out.push(Card {
                id: format!("mine-{}", q.id),
                kind: CardKind::Mine,
                topic: None,
                principle: None,
                question: Text {
                    en: q.title.clone(),
                    ko: q.title.clone(),
                },
                key_points: TextList {
                    en: points.clone(),
                    ko: points,
                },
                follow_ups: TextList::default(),
                reference: None,
                troubleshooting: false,
                source: Some(format!("{}:{}", q.source.path, q.source.line)),
            });
        }
        for s in &doc.stories {
            let parts: Vec<String> = StarPart::ALL
                .iter()
                .filter(|p| !s.part(**p).trim().is_empty())
                .map(|p| format!("{}: {}", p.letter(), s.part(*p).trim()))
                .collect();
            for link in &s.links {
                let name = |l: Lang| framework.name(&link.principle, l);
                let prompt = |m: &Messages, l: Lang| {
                    m.format(
                        "card-tell-story",
                        &[
                            ("principle", Arg::from(name(l))),
                            ("title", Arg::from(s.title.trim())),
                        ],
                    )
                };
                out.push(Card {
                    id: format!("mine-{}-{}", s.id, link.principle),
                    kind: CardKind::Mine,
                    topic: None,
                    principle: Some(link.principle.to_string()),
                    question: Text {
                        en: prompt(&en, Lang::En),
                        ko: prompt(&ko, Lang::Ko),
                    },
                    key_points: TextList {
                        en: parts.clone(),
                        ko: parts.clone(),
                    },
                    follow_ups: TextList::default(),
                    reference: None,
                    troubleshooting: false,
                    source: Some(format!("{}:{}", s.source.path, s.source.line)),
                });
            }
        }
    }
    out
}

/// The user's own draft for a card, shown beside the key points in a drill: the answer under
/// a mine question, the story for a story card, or the user's stories for a behavioural card's
/// principle.
pub fn draft_for(card: &Card, docs: &[Document]) -> Option<String> {
    let story_text = |s: &loopcoach_core::Story| {
        let mut t = s.title.trim().to_string();
        for p in StarPart::ALL {
            let v = s.part(p).trim();
            if !v.is_empty() {
                t.push_str(&format!("\n{}: {v}", p.letter()));
            }
        }
        t
    };
    for doc in docs {
        if card.kind == CardKind::Mine {
            if let Some(q) = doc
                .questions
                .iter()
                .find(|q| card.id == format!("mine-{}", q.id))
            {
                return Some(q.answer.clone()).filter(|a| !a.trim().is_empty());
            }
            if let Some(s) = doc
                .stories
                .iter()
                .find(|s| card.id.starts_with(&format!("mine-{}-", s.id)))
            {
                return Some(story_text(s));
            }
        }
    }
    if card.kind == CardKind::Behavioural
        && let Some(p) = &card.principle
    {
        let stories: Vec<String> = docs
            .iter()
            .flat_map(|d| &d.stories)
            .filter(|s| s.links.iter().any(|l| l.principle == p))
            .map(story_text)
            .collect();
        if !stories.is_empty() {
            return Some(stories.join("\n\n"));
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// The seed notes beside the repository, read at run time: the tests that use them are
    /// `#[ignore = "needs ../shared"]`, and `.ci/run` runs them.
    fn seed() -> Vec<Document> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seed/aws-cse-interview-notes.md"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            panic!("{path}: {e} (the seed notes are beside the repo in ../shared)")
        });
        vec![loopcoach_notes::parse_text(path, &text).unwrap()]
    }

    /// The example notes in the repository.
    fn example() -> Vec<Document> {
        let text = include_str!("../../../examples/interview-notes.md");
        vec![loopcoach_notes::parse_text("interview-notes.md", text).unwrap()]
    }

    #[test]
    #[ignore = "needs ../shared"]
    fn the_seed_gives_a_card_per_question_and_per_story_link() {
        let docs = seed();
        let cards = mine_cards(&docs);
        let questions = docs[0]
            .questions
            .iter()
            .filter(|q| !q.title.trim().is_empty())
            .count();
        let links: usize = docs[0].stories.iter().map(|s| s.links.len()).sum();
        assert_eq!(cards.len(), questions + links);
        assert!(cards.len() >= 10);
        let q4 = cards
            .iter()
            .find(|c| c.question.ko.contains("고객에 집착했던 경험"))
            .unwrap();
        assert_eq!(q4.kind, CardKind::Mine);
        let story = cards
            .iter()
            .find(|c| c.principle.as_deref() == Some("customer-obsession"))
            .unwrap();
        assert!(story.question.ko.contains("고객"), "{}", story.question.ko);
        assert!(story.key_points.ko.iter().any(|k| k.starts_with("S: ")));
        assert!(draft_for(story, &docs).is_some());
    }

    #[test]
    fn mine_ids_are_stable_across_reimport() {
        let a: Vec<String> = mine_cards(&example()).into_iter().map(|c| c.id).collect();
        let b: Vec<String> = mine_cards(&example()).into_iter().map(|c| c.id).collect();
        assert!(a.len() >= 3, "{a:?}");
        assert_eq!(a, b);
        let mut d = a.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), a.len(), "mine ids are unique");
    }

    #[test]
    fn principle_names_resolve_to_keys() {
        assert_eq!(principle_key("Ownership").as_deref(), Some("ownership"));
        assert_eq!(principle_key("ownership").as_deref(), Some("ownership"));
        assert_eq!(
            principle_key("고객 집착").as_deref(),
            Some("customer-obsession")
        );
    }
}
