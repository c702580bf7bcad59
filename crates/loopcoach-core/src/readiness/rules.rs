//! The readiness rules as data: word lists, thresholds and weights from
//! `content/analysis/readiness.toml`, parsed once. The checks only apply them, so a new
//! language or a tuned threshold is an edit to the TOML file, not to code.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Deserialize;

use super::words::lower;

const RULES_TOML: &str = include_str!("../../../../content/analysis/readiness.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unfinished {
    pub min_hangul_syllables: usize,
    pub min_english_words: usize,
    pub dangling_suffixes_ko: Vec<String>,
    pub dangling_suffixes_en: Vec<String>,
    pub placeholders: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub ordinal_suffixes: Vec<String>,
    pub phrases_ko: Vec<String>,
    pub phrases_en: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pronouns {
    pub min_we: usize,
    pub max_we_share: f64,
    pub we: Vec<String>,
    pub i: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Length {
    pub ko_syllables_per_second: f64,
    pub en_words_per_minute: f64,
    pub min_seconds: f64,
    pub max_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub min_hangul_syllables: usize,
    pub min_english_words: usize,
    pub min_parts: usize,
    pub situation: Vec<String>,
    pub task: Vec<String>,
    pub action: Vec<String>,
    pub not_story_questions: Vec<String>,
    pub result: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    pub anchors: Vec<String>,
    pub stopwords: Vec<String>,
    pub stop_endings: Vec<String>,
    pub min_chars: usize,
    pub max_uses: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub penalty_missing_part: f64,
    pub penalty_unfinished_part: f64,
    pub penalty_no_metric: f64,
    pub penalty_we_heavy: f64,
    pub penalty_length: f64,
    pub w_best: f64,
    pub w_second: f64,
    pub w_principles: f64,
    pub w_stories: f64,
    pub w_questions: f64,
    pub over_reliance_penalty: f64,
    pub over_reliance_cap: f64,
    pub weights: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub weak_factor: f64,
    pub scale: f64,
    pub bar_raiser: Vec<String>,
    /// How often each principle is probed for the role (0..1; a principle not listed: 0.5).
    #[serde(default)]
    pub probed: BTreeMap<String, f64>,
    /// Added to a principle's rank when the notes hold a draft for it (prose that reads like a
    /// story): the candidate can cover it tonight.
    #[serde(default)]
    pub draft_bonus: f64,
}

/// Every rule of the report and the planner.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub unfinished: Unfinished,
    pub metric: Metric,
    pub pronouns: Pronouns,
    pub length: Length,
    pub draft: Draft,
    pub projects: Projects,
    pub score: Score,
    pub plan: Plan,
    /// What the checks derive from the lists above, built on first use.
    #[serde(skip)]
    derived: DerivedCell,
}

/// Rules in the form the checks apply them: lists lowercased once, automata built once.
#[derive(Debug)]
pub struct Derived {
    /// Metric phrases (Korean, then English), lowercased.
    pub metric_phrases: Vec<String>,
    /// Finds every metric phrase in a lowercased text at once.
    pub metric_finder: Option<AhoCorasick>,
    /// Finds project anchors (ASCII case ignored).
    pub anchor_finder: Option<AhoCorasick>,
    /// Words that are never project names: the stopwords and the pronouns.
    pub not_names: HashSet<String>,
    /// Where anchors start in a text, when no anchor is empty or spans words (else `None`).
    pub anchor_starts: Option<super::projects::AnchorStarts>,
    /// Pronoun tokens packed by [`pack_token`], by byte length: `(key, is_we)`, we-tokens
    /// first; `None` when a pronoun is too long to pack (the lists are then read directly).
    pub pronouns: Option<Vec<Vec<(u128, bool)>>>,
}

impl Derived {
    /// Whether a packed token is a we-token (`Some(true)`), an I-token (`Some(false)`) or
    /// neither.
    pub fn pronoun(table: &[Vec<(u128, bool)>], (key, len): (u128, usize)) -> Option<bool> {
        table
            .get(len)?
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, we)| *we)
    }
}

/// A token of at most 16 bytes as one number: ASCII lowercased, ’ read as ', bytes in order;
/// with its length (in packed bytes). `None` for longer tokens.
pub fn pack_token(t: &[u8]) -> Option<(u128, usize)> {
    const RIGHT_QUOTE: [u8; 3] = [0xE2, 0x80, 0x99];
    let mut key = [0u8; 16];
    let (mut n, mut i) = (0usize, 0usize);
    while i < t.len() {
        let x = if t[i] == RIGHT_QUOTE[0] && t.get(i..i + 3) == Some(&RIGHT_QUOTE[..]) {
            i += 3;
            b'\''
        } else {
            i += 1;
            t[i - 1].to_ascii_lowercase()
        };
        *key.get_mut(n)? = x;
        n += 1;
    }
    Some((u128::from_le_bytes(key), n))
}

fn pronoun_table(p: &Pronouns) -> Option<Vec<Vec<(u128, bool)>>> {
    let mut table: Vec<Vec<(u128, bool)>> = Vec::new();
    let we = p.we.iter().map(|w| (w, true));
    for (w, is_we) in we.chain(p.i.iter().map(|w| (w, false))) {
        // A token never holds ’ once read (it becomes '), so such a pronoun never matches.
        if w.contains('’') {
            continue;
        }
        let (key, len) = pack_token(w.as_bytes())?;
        if table.len() <= len {
            table.resize(len + 1, Vec::new());
        }
        table[len].push((key, is_we));
    }
    Some(table)
}

/// Holds the [`Derived`] rules; a clone starts empty, so a changed copy of the rules never
/// sees automata built from the original lists.
#[derive(Debug, Default)]
struct DerivedCell(OnceLock<Derived>);

impl Clone for DerivedCell {
    fn clone(&self) -> Self {
        DerivedCell::default()
    }
}

/// An Aho-Corasick automaton over `patterns`: a DFA (the fastest to search), or the default
/// kind when a DFA would be too large.
pub fn automaton(patterns: &[String], ascii_case_insensitive: bool) -> Option<AhoCorasick> {
    let mut b = AhoCorasick::builder();
    b.ascii_case_insensitive(ascii_case_insensitive);
    b.kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .or_else(|_| b.kind(None).build(patterns))
        .ok()
}

impl Rules {
    /// The derived form of these rules (built once per `Rules` value).
    pub fn derived(&self) -> &Derived {
        self.derived.0.get_or_init(|| {
            let metric_phrases: Vec<String> = self
                .metric
                .phrases_ko
                .iter()
                .chain(self.metric.phrases_en.iter())
                .map(|p| lower(p))
                .collect();
            Derived {
                not_names: self
                    .projects
                    .stopwords
                    .iter()
                    .chain(&self.pronouns.i)
                    .chain(&self.pronouns.we)
                    .cloned()
                    .collect(),
                pronouns: pronoun_table(&self.pronouns),
                metric_finder: automaton(&metric_phrases, false),
                metric_phrases,
                anchor_finder: automaton(&self.projects.anchors, true),
                anchor_starts: super::projects::AnchorStarts::new(&self.projects.anchors),
            }
        })
    }

    /// Parse rules from TOML (the embedded file, or another in tests).
    pub fn parse(src: &str) -> Result<Rules, toml::de::Error> {
        toml::from_str(src)
    }

    /// How often a principle comes up, as its weight in the mean (1 when not listed).
    pub fn weight(&self, key: &str) -> f64 {
        self.score.weights.get(key).copied().unwrap_or(1.0)
    }
}

/// The embedded rules. The file is checked by a unit test; if it were broken the report would
/// still run, with rules that flag nothing (better than a panic in a user's terminal).
pub fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| Rules::parse(RULES_TOML).unwrap_or_else(|_| fallback()))
}

fn fallback() -> Rules {
    Rules {
        unfinished: Unfinished {
            min_hangul_syllables: 0,
            min_english_words: 0,
            dangling_suffixes_ko: vec![],
            dangling_suffixes_en: vec![],
            placeholders: vec![],
        },
        metric: Metric {
            ordinal_suffixes: vec![],
            phrases_ko: vec![],
            phrases_en: vec![],
        },
        pronouns: Pronouns {
            min_we: usize::MAX,
            max_we_share: 1.0,
            we: vec![],
            i: vec![],
        },
        length: Length {
            ko_syllables_per_second: 4.5,
            en_words_per_minute: 150.0,
            min_seconds: 0.0,
            max_seconds: f64::MAX,
        },
        draft: Draft {
            min_hangul_syllables: usize::MAX,
            min_english_words: usize::MAX,
            min_parts: usize::MAX,
            situation: vec![],
            task: vec![],
            action: vec![],
            not_story_questions: vec![],
            result: vec![],
        },
        projects: Projects {
            anchors: vec![],
            stopwords: vec![],
            stop_endings: vec![],
            min_chars: 2,
            max_uses: usize::MAX,
        },
        score: Score {
            penalty_missing_part: 0.2,
            penalty_unfinished_part: 0.1,
            penalty_no_metric: 0.15,
            penalty_we_heavy: 0.1,
            penalty_length: 0.1,
            w_best: 0.75,
            w_second: 0.25,
            w_principles: 0.6,
            w_stories: 0.25,
            w_questions: 0.15,
            over_reliance_penalty: 3.0,
            over_reliance_cap: 9.0,
            weights: BTreeMap::new(),
        },
        plan: Plan {
            weak_factor: 0.5,
            scale: 1_000_000.0,
            bar_raiser: vec![],
            probed: BTreeMap::new(),
            draft_bonus: 0.0,
        },
        derived: DerivedCell::default(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse_and_weights_name_real_principles() {
        let r = Rules::parse(RULES_TOML).unwrap();
        let f = crate::Framework::amazon();
        for k in r.score.weights.keys().chain(r.plan.bar_raiser.iter()) {
            assert!(f.get(k).is_some(), "unknown principle {k}");
        }
        let w = r.score.w_principles + r.score.w_stories + r.score.w_questions;
        assert!((w - 1.0).abs() < 1e-9, "overall weights sum to {w}");
        assert!((r.score.w_best + r.score.w_second - 1.0).abs() < 1e-9);
    }
}
