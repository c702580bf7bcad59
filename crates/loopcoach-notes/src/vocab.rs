//! The importer's vocabulary (`content/notes/vocabulary.toml`): section names, "etc." words,
//! round words and topic names in Korean and English. Data, not `if`s.

use loopcoach_core::CompactString;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use loopcoach_core::SectionKind;
use loopcoach_core::framework::{normalize_name, normalize_name_into};
use loopcoach_core::text::lowercase_compact;
use serde::Deserialize;

const VOCAB_TOML: &str = include_str!("../../../content/notes/vocabulary.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    sections: BTreeMap<String, Vec<String>>,
    etc: Vec<String>,
    round_words: Vec<String>,
    topics: BTreeMap<String, Vec<String>>,
    questions: QuestionVocab,
    rounds: RawRounds,
    #[serde(default)]
    stories: RawStories,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStories {
    extra_parts: Vec<String>,
}

/// How questions and answers are recognised by their shape (`[questions]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionVocab {
    pub en_openings: Vec<String>,
    pub ko_endings: Vec<String>,
    pub ko_words: Vec<String>,
    pub zh_words: Vec<String>,
    pub prefixes: Vec<String>,
    pub answer_prefixes: Vec<String>,
    pub table_question_headers: Vec<String>,
    pub table_answer_headers: Vec<String>,
    pub not_prompts: Vec<String>,
    pub reverse: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRounds {
    stages: Vec<String>,
    prose: Vec<Vec<String>>,
}

#[derive(Debug)]
pub(crate) struct Vocab {
    sections: Vec<(SectionKind, String)>,
    pub etc: Vec<String>,
    pub round_words: Vec<String>,
    topics: Vec<(String, String)>,
    pub question: QuestionVocab,
    /// Hiring stages, normalised ([`normalize_name`]).
    pub stages: Vec<String>,
    /// Headings over notes about questions, normalised.
    pub not_prompts: Vec<String>,
    /// Headings that go on with a story after its parts (`Reflection`, `배운 점`), normalised.
    pub extra_parts: Vec<String>,
    /// Stages as prose names them, lowercased: each list one stage.
    pub prose_stages: Vec<Vec<String>>,
}

pub(crate) fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        // Checked by a unit test; an unreadable file degrades to an empty vocabulary.
        let raw: Raw = toml::from_str(VOCAB_TOML).unwrap_or(Raw {
            sections: BTreeMap::new(),
            etc: Vec::new(),
            round_words: Vec::new(),
            topics: BTreeMap::new(),
            questions: QuestionVocab::default(),
            rounds: RawRounds::default(),
            stories: RawStories::default(),
        });
        let mut sections = Vec::new();
        for (k, names) in raw.sections {
            let kind = match k.as_str() {
                "hiring-process" => SectionKind::HiringProcess,
                "questions" => SectionKind::Questions,
                "principles" => SectionKind::Principles,
                _ => continue,
            };
            sections.extend(names.iter().map(|n| (kind, normalize_name(n))));
        }
        let topics = raw
            .topics
            .into_iter()
            .flat_map(|(k, names)| {
                names
                    .into_iter()
                    .map(move |n| (normalize_name(&n), k.clone()))
            })
            .collect();
        let mut question = raw.questions;
        let not_prompts = question
            .not_prompts
            .iter()
            .map(|s| normalize_name(s))
            .collect();
        // Longest first, so "question" is tried before "q" and "answer" before "a".
        question
            .prefixes
            .sort_by_key(|p| std::cmp::Reverse(p.len()));
        question
            .answer_prefixes
            .sort_by_key(|p| std::cmp::Reverse(p.len()));
        Vocab {
            extra_parts: raw
                .stories
                .extra_parts
                .iter()
                .map(|s| normalize_name(s))
                .collect(),
            not_prompts,
            question,
            stages: raw
                .rounds
                .stages
                .iter()
                .map(|s| normalize_name(s))
                .collect(),
            prose_stages: raw
                .rounds
                .prose
                .iter()
                .map(|g| g.iter().map(|n| n.to_lowercase()).collect())
                .collect(),
            sections,
            etc: raw.etc.iter().map(|e| e.to_lowercase()).collect(),
            round_words: raw.round_words.iter().map(|w| w.to_lowercase()).collect(),
            topics,
        }
    })
}

impl Vocab {
    /// The kind of a section title, trying the whole title and each parenthesised part.
    pub fn section_kind(&self, title: &str) -> SectionKind {
        let mut n = CompactString::default();
        for p in std::iter::once(title).chain(title.split(['(', ')', '/', '|'])) {
            n.clear();
            normalize_name_into(p, &mut n);
            if n.is_empty() {
                continue;
            }
            if let Some((k, _)) = self.sections.iter().find(|(_, name)| *name == n) {
                return *k;
            }
        }
        SectionKind::Other
    }

    pub fn is_etc(&self, word: &str) -> bool {
        let w = lowercase_compact(word.trim());
        !w.is_empty() && self.etc.iter().any(|e| e.as_str() == w.as_str())
    }

    /// The bank topic key for a topic as written.
    pub fn topic_key(&self, topic: &str) -> Option<CompactString> {
        let mut n = CompactString::default();
        normalize_name_into(topic, &mut n);
        if n.is_empty() {
            return None;
        }
        self.topics
            .iter()
            .find(|(name, _)| name.as_str() == n.as_str())
            .map(|(_, k)| CompactString::from(k.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_parses_and_knows_the_seed_sections() {
        assert!(toml::from_str::<Raw>(VOCAB_TOML).is_ok());
        let v = vocab();
        assert_eq!(v.section_kind("채용과정"), SectionKind::HiringProcess);
        assert_eq!(v.section_kind("예상질문"), SectionKind::Questions);
        assert_eq!(v.section_kind("LP"), SectionKind::Principles);
        assert_eq!(
            v.section_kind("Leadership Principles (리더십 원칙)"),
            SectionKind::Principles
        );
        assert_eq!(v.section_kind("My diary"), SectionKind::Other);
        assert!(v.is_etc("등등") && v.is_etc("etc.") && !v.is_etc("Docker"));
        assert_eq!(v.topic_key("Kubernetes 인증").as_deref(), Some("k8s-auth"));
        assert_eq!(v.topic_key("네트워크").as_deref(), Some("networking"));
        assert_eq!(v.topic_key("리눅스").as_deref(), Some("linux"));
        assert_eq!(v.topic_key("보안 그룹").as_deref(), Some("vpc"));
        assert_eq!(v.topic_key("AWS IAM").as_deref(), Some("iam"));
        assert_eq!(v.topic_key("ALB").as_deref(), Some("elb"));
        assert_eq!(
            v.topic_key("파드 트러블슈팅").as_deref(),
            Some("k8s-troubleshooting")
        );
        assert_eq!(v.topic_key("Oauth2.0").as_deref(), Some("oauth2"));
        assert_eq!(
            v.topic_key("배포전략").as_deref(),
            Some("deployment-strategies")
        );
    }
}
