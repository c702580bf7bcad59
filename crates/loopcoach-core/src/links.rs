//! Links from questions and stories to principles.
//!
//! Explicit links come from where a story stands (under a principle, or under a question that
//! maps to one); inferred links come from a small bilingual phrase classifier whose phrases and
//! weights are data (`content/analysis/principle-phrases.toml`). Explicit links always win.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::{Document, LinkKind, PrincipleLink, StarPart, Story, StoryParent};

const PHRASES_TOML: &str = include_str!("../../../content/analysis/principle-phrases.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClassifier {
    question_threshold: f64,
    story_threshold: f64,
    confidence_half: f64,
    phrases: BTreeMap<String, Vec<(String, f64)>>,
}

/// The phrase classifier.
#[derive(Debug)]
pub struct Classifier {
    pub question_threshold: f64,
    pub story_threshold: f64,
    pub confidence_half: f64,
    /// Principle keys, in the order `patterns` refer to them.
    keys: Vec<String>,
    /// For each phrase: (principle index, weight).
    patterns: Vec<(usize, f64)>,
    /// Every phrase at once, so a text is scanned once, not once per phrase.
    automaton: Option<aho_corasick::AhoCorasick>,
}

pub fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(|| {
        // Checked by a unit test; a broken file degrades to "no inference".
        let raw: RawClassifier = toml::from_str(PHRASES_TOML).unwrap_or(RawClassifier {
            question_threshold: f64::MAX,
            story_threshold: f64::MAX,
            confidence_half: 1.0,
            phrases: BTreeMap::new(),
        });
        let mut keys = Vec::new();
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for (k, ps) in raw.phrases {
            for (p, w) in ps {
                phrases.push(squash(&p));
                patterns.push((keys.len(), w));
            }
            keys.push(k);
        }
        Classifier {
            question_threshold: raw.question_threshold,
            story_threshold: raw.story_threshold,
            confidence_half: raw.confidence_half,
            keys,
            patterns,
            automaton: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&phrases)
                .ok(),
        }
    })
}

/// Lowercase with whitespace removed: how phrases are matched.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squash_into(s, &mut out);
    out
}

fn squash_into(s: &str, out: &mut String) {
    // Runs that stay as they are (lowercase ASCII, digits, punctuation, Hangul) are copied
    // whole; only capitals, whitespace and other scripts are looked at one by one.
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() || b.is_ascii_whitespace() {
                out.push_str(&s[run..i]);
                if b.is_ascii_uppercase() {
                    out.push(char::from(b.to_ascii_lowercase()));
                }
                run = i + 1;
            }
            i += 1;
            continue;
        }
        // A multi-byte character (`i` is on its first byte). Hangul syllables, the most
        // common case, are told from their bytes without decoding them.
        if crate::text::hangul_syllable_at(bytes, i) {
            i += 3;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if !crate::text::is_hangul(c) {
            out.push_str(&s[run..i]);
            if !c.is_whitespace() {
                out.extend(c.to_lowercase());
            }
            run = i + len;
        }
        i += len;
    }
    out.push_str(&s[run..]);
}

/// Reusable buffers for scoring many texts without allocating for each.
#[derive(Debug, Default)]
pub struct ScoreScratch {
    squashed: String,
    seen: Vec<bool>,
    sums: Vec<f64>,
    hits: Vec<(usize, f64)>,
}

impl Classifier {
    /// Scores per principle key, highest first (only positive scores).
    pub fn scores(&self, text: &str) -> Vec<(String, f64)> {
        let mut scratch = ScoreScratch::default();
        self.scores_of(&[text], &mut scratch)
            .iter()
            .map(|&(k, s)| (self.keys[k].clone(), s))
            .collect()
    }

    /// Scores of the texts joined by line breaks, as (principle index into [`Self::key`],
    /// score), highest first; the buffers are reused across calls.
    pub fn scores_of<'s>(
        &self,
        texts: &[&str],
        scratch: &'s mut ScoreScratch,
    ) -> &'s [(usize, f64)] {
        // Squashing drops whitespace, so joining by line breaks is squashing each in turn.
        scratch.squashed.clear();
        for t in texts {
            squash_into(t, &mut scratch.squashed);
        }
        scratch.sums.clear();
        scratch.sums.resize(self.keys.len(), 0.0);
        if let Some(ac) = &self.automaton {
            // Each phrase counts once, however often it occurs; phrases may overlap.
            scratch.seen.clear();
            scratch.seen.resize(self.patterns.len(), false);
            for m in ac.find_overlapping_iter(&scratch.squashed) {
                let i = m.pattern().as_usize();
                if !scratch.seen[i] {
                    scratch.seen[i] = true;
                    let (k, w) = self.patterns[i];
                    scratch.sums[k] += w;
                }
            }
        }
        scratch.hits.clear();
        scratch.hits.extend(
            scratch
                .sums
                .iter()
                .enumerate()
                .filter(|(_, s)| **s > 0.0)
                .map(|(k, s)| (k, *s)),
        );
        let keys = &self.keys;
        scratch
            .hits
            .sort_by(|a, b| b.1.total_cmp(&a.1).then(keys[a.0].cmp(&keys[b.0])));
        &scratch.hits
    }

    /// The principle key of an index from [`Self::scores_of`].
    pub fn key(&self, index: usize) -> &str {
        &self.keys[index]
    }

    /// The principle a question title maps to, if one clearly wins.
    pub fn question_principle(&self, title: &str) -> Option<String> {
        let k = self.question_principle_of(title, &mut ScoreScratch::default())?;
        Some(self.keys[k].clone())
    }

    /// [`Self::question_principle`] as an index into [`Self::key`], reusing buffers.
    pub fn question_principle_of(&self, title: &str, scratch: &mut ScoreScratch) -> Option<usize> {
        let s = self.scores_of(&[title], scratch);
        let &(k, top) = s.first()?;
        let second = s.get(1).map_or(0.0, |x| x.1);
        (top >= self.question_threshold && top > second).then_some(k)
    }

    pub fn confidence(&self, score: f64) -> f64 {
        score / (score + self.confidence_half)
    }
}

/// Fill `links` of every story in `doc`.
pub fn link_document(doc: &mut Document) {
    let links = story_links(doc);
    for (s, l) in doc.stories.iter_mut().zip(links) {
        s.links = l;
    }
}

/// The links of every story in `doc`, in story order, without changing it. Parents are looked
/// up by id, so this works on provisional ids as well as final ones.
pub fn story_links(doc: &Document) -> Vec<Vec<PrincipleLink>> {
    let mut linker = Linker::new(
        doc.front_matter
            .as_ref()
            .map_or(&[][..], |f| f.principle_tags.as_slice())
            .to_vec(),
    );
    let question_map: HashMap<&str, Option<usize>> = doc
        .questions
        .iter()
        .map(|q| (q.id.as_str(), linker.question_key(&q.title)))
        .collect();
    let principle_map: HashMap<&str, Option<&crate::CompactString>> = doc
        .principles
        .iter()
        .map(|p| (p.id.as_str(), p.builtin.as_ref()))
        .collect();
    let c = linker.classifier;
    doc.stories
        .iter()
        .map(|s| {
            let explicit = match &s.parent {
                StoryParent::Principle(id) => principle_map
                    .get(id.as_str())
                    .copied()
                    .flatten()
                    .map(crate::CompactString::as_str),
                StoryParent::Question(id) => question_map
                    .get(id.as_str())
                    .copied()
                    .flatten()
                    .map(|k| c.key(k)),
                _ => None,
            };
            linker.links(s, explicit)
        })
        .collect()
}

/// Links stories one at a time, as they are read (while their text is still in cache), with
/// buffers reused from one story to the next. [`story_links`] gives the same links for a
/// whole document.
#[derive(Debug)]
pub struct Linker {
    classifier: &'static Classifier,
    /// The document's principle tags (front matter): free-standing stories link to them.
    tags: Vec<String>,
    scratch: ScoreScratch,
}

impl Linker {
    pub fn new(tags: Vec<String>) -> Self {
        Linker {
            classifier: classifier(),
            tags,
            scratch: ScoreScratch::default(),
        }
    }

    /// The principle a question title maps to (its stories link to it explicitly).
    pub fn question_principle(&mut self, title: &str) -> Option<&'static str> {
        let c = self.classifier;
        self.question_key(title).map(|k| c.key(k))
    }

    fn question_key(&mut self, title: &str) -> Option<usize> {
        self.classifier
            .question_principle_of(title, &mut self.scratch)
    }

    /// The links of one story. `explicit` is the principle its place in the notes names: the
    /// matched principle it stands under, or the one its question maps to.
    pub fn links(&mut self, s: &Story, explicit: Option<&str>) -> Vec<PrincipleLink> {
        let c = self.classifier;
        let mut links: Vec<PrincipleLink> = Vec::new();
        if let Some(k) = explicit {
            links.push(PrincipleLink {
                principle: crate::CompactString::from(k),
                kind: LinkKind::Explicit,
                confidence: 1.0,
            });
        }
        // A document tagged with principles links its free-standing stories to them.
        if matches!(s.parent, StoryParent::Document | StoryParent::Section(_)) {
            for t in &self.tags {
                if !links.iter().any(|l| l.principle == t) {
                    links.push(PrincipleLink {
                        principle: crate::CompactString::from(t.as_str()),
                        kind: LinkKind::Explicit,
                        confidence: 1.0,
                    });
                }
            }
        }
        // The same text as `Story::full_text`, without building it.
        let texts = [
            s.title.as_str(),
            s.part(StarPart::Situation),
            s.part(StarPart::Task),
            s.part(StarPart::Action),
            s.part(StarPart::Result),
            s.notes.as_str(),
        ];
        for &(k, score) in c.scores_of(&texts, &mut self.scratch) {
            let key = c.key(k);
            if score >= c.story_threshold && !links.iter().any(|l| l.principle == key) {
                links.push(PrincipleLink {
                    principle: crate::CompactString::from(key),
                    kind: LinkKind::Inferred,
                    confidence: c.confidence(score),
                });
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run-copying squash is the character-by-character one: lowercase, no whitespace,
    /// Hangul kept, other scripts lowercased.
    #[test]
    fn squash_matches_the_plain_definition() {
        fn plain(s: &str) -> String {
            let mut out = String::new();
            for c in s.chars() {
                if c.is_ascii() {
                    if !c.is_ascii_whitespace() {
                        out.push(c.to_ascii_lowercase());
                    }
                } else if crate::text::is_hangul(c) {
                    out.push(c);
                } else if !c.is_whitespace() {
                    out.extend(c.to_lowercase());
                }
            }
            out
        }
        for t in [
            "",
            "Customer Obsession",
            "고객 집착 — Ownership\u{3000}ÄÖ Σ → 'x'\t\r\n",
            "ﾊﾝｶｸ İstanbul ß 가 ㄱ 가 힣",
            "  trailing  ",
        ] {
            assert_eq!(squash(t), plain(t), "{t:?}");
        }
    }

    #[test]
    fn classifier_file_parses_with_every_principle() {
        let raw: RawClassifier = toml::from_str(PHRASES_TOML).unwrap();
        let f = crate::Framework::amazon();
        for p in &f.principles {
            assert!(raw.phrases.contains_key(&p.key), "no phrases for {}", p.key);
        }
        for k in raw.phrases.keys() {
            assert!(f.get(k).is_some(), "unknown principle {k}");
        }
    }

    #[test]
    fn maps_the_seed_questions() {
        let c = classifier();
        let q = |t: &str| c.question_principle(t);
        assert_eq!(
            q("고객에 집착했던 경험").as_deref(),
            Some("customer-obsession")
        );
        assert_eq!(q("주인의식을 가지고 일한적").as_deref(), Some("ownership"));
        assert_eq!(
            q("단기적인성과보다 장기적인 가치를 둔 경험").as_deref(),
            Some("ownership")
        );
        assert_eq!(q("창의적인").as_deref(), Some("invent-and-simplify"));
        assert_eq!(q("근검절약").as_deref(), Some("frugality"));
        assert_eq!(
            q("Tell me about a time you were obsessed with a customer").as_deref(),
            Some("customer-obsession")
        );
        assert_eq!(
            q("A time you took ownership beyond your role").as_deref(),
            Some("ownership")
        );
        assert_eq!(
            q("Tell me about a creative solution").as_deref(),
            Some("invent-and-simplify")
        );
        assert_eq!(q("How did you save cost?").as_deref(), Some("frugality"));
        assert_eq!(q("왜 아마존에 입사하고 싶은가요?"), None);
    }
}
