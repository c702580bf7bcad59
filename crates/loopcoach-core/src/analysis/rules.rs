//! The answer-analysis rules as data (`content/analysis/answer.toml`), parsed once, with the
//! phrase automata built once. The analysis only applies them: a new cue or a tuned weight is
//! an edit to the TOML file, not to code.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

const ANSWER_TOML: &str = include_str!("../../../../content/analysis/answer.toml");
const PARTICLES_TOML: &str = include_str!("../../../../content/analysis/korean-particles.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub situation: Vec<String>,
    pub task: Vec<String>,
    pub action: Vec<String>,
    pub result: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    pub min_score: f64,
    pub first_sentence_situation: f64,
    pub metric_after_action_result: f64,
    pub secondary_score: f64,
    pub not_story: Vec<String>,
    pub change_words: Vec<String>,
    pub comparison_words: Vec<String>,
    pub change_result: f64,
    pub other_subject_result_en: f64,
    pub present_scale: f64,
    pub en_past_markers: Vec<String>,
    pub en_self_openers: Vec<String>,
    pub ko_past_action: f64,
    pub clause_cue: f64,
    pub en_i_past_action: f64,
    pub en_we_past_action: f64,
    pub en_past_progressive_situation: f64,
    pub en_not_action_ed: Vec<String>,
    pub en_irregular_past: Vec<String>,
    pub first_person_en: Vec<String>,
    pub we_en: Vec<String>,
    pub past_progressive_en: Vec<String>,
    pub ko_first_person: Vec<String>,
    pub ko_first_person_action: f64,
    pub ko_past_endings: Vec<String>,
    pub ko_state_endings: Vec<String>,
    pub situation: Vec<(String, f64)>,
    pub task: Vec<(String, f64)>,
    pub action: Vec<(String, f64)>,
    pub result: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricRules {
    pub units_en: Vec<String>,
    pub currency_en: Vec<String>,
    pub number_words_en: Vec<String>,
    pub ratio_words_en: Vec<String>,
    pub duration_phrases_en: Vec<String>,
    pub counters_ko: Vec<String>,
    pub number_words_ko: Vec<String>,
    pub ratio_words_ko: Vec<String>,
    pub ordinal_suffixes: Vec<String>,
    pub timing_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fillers {
    pub always_en: Vec<String>,
    pub always_ko: Vec<String>,
    pub set_off_en: Vec<String>,
    pub set_off_ko: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pace {
    pub en_words_per_minute: f64,
    pub ko_syllables_per_minute: f64,
    pub long_pause_seconds: f64,
    pub min_seconds: f64,
    pub max_seconds: f64,
    pub en_wpm_low: f64,
    pub en_wpm_high: f64,
    pub ko_spm_low: f64,
    pub ko_spm_high: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thin {
    pub min_en_words: usize,
    pub min_ko_syllables: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FillersLimit {
    pub per_100: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeHeavy {
    pub max_i_share: f64,
    pub min_we: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRules {
    pub situation: f64,
    pub task: f64,
    pub action: f64,
    pub result: f64,
    pub metric: f64,
    pub ownership: f64,
    pub penalty_fillers: f64,
    pub penalty_length: f64,
    pub penalty_thin: f64,
    pub penalty_pace: f64,
    pub penalty_pause: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub min_share: f64,
    pub enough_words: usize,
    pub stopwords: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Particles {
    min_stem: usize,
    particles: Vec<String>,
}

/// Every rule of the answer analysis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRules {
    pub labels: Labels,
    pub cues: Cues,
    pub metric: MetricRules,
    pub fillers: Fillers,
    pub pace: Pace,
    pub thin: Thin,
    pub fillers_limit: FillersLimit,
    pub we_heavy: WeHeavy,
    pub score: ScoreRules,
    pub coverage: Coverage,
    #[serde(skip)]
    pub(crate) cue_finder: Option<CueFinder>,
    #[serde(skip)]
    pub(crate) particles: Vec<String>,
    /// The set-off fillers of both languages, split into words once.
    #[serde(skip)]
    pub(crate) set_off_phrases: Vec<Vec<String>>,
    #[serde(skip)]
    pub(crate) min_stem: usize,
}

/// All cue phrases of the four parts in one automaton: (part index, weight) per pattern.
#[derive(Debug)]
pub(crate) struct CueFinder {
    pub ac: AhoCorasick,
    pub patterns: Vec<(usize, f64, bool)>,
}

impl AnswerRules {
    /// Parse rules from TOML text (the embedded file in production; tests pass their own).
    pub fn parse(src: &str) -> Result<AnswerRules, toml::de::Error> {
        let mut r: AnswerRules = toml::from_str(src)?;
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for (k, list) in [
            &r.cues.situation,
            &r.cues.task,
            &r.cues.action,
            &r.cues.result,
        ]
        .into_iter()
        .enumerate()
        {
            for (p, w) in list {
                let p = p.to_lowercase();
                let word_start = p.starts_with(|c: char| c.is_ascii_alphabetic());
                phrases.push(p);
                patterns.push((k, *w, word_start));
            }
        }
        r.cue_finder = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .ok()
            .map(|ac| CueFinder { ac, patterns });
        r.set_off_phrases = r
            .fillers
            .set_off_en
            .iter()
            .chain(&r.fillers.set_off_ko)
            .map(|p| p.split(' ').map(str::to_string).collect())
            .collect();
        if let Ok(p) = toml::from_str::<Particles>(PARTICLES_TOML) {
            let mut ps = p.particles;
            ps.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
            r.particles = ps;
            r.min_stem = p.min_stem;
        }
        Ok(r)
    }

    /// A Korean word without a trailing particle, when enough of it remains.
    pub fn strip_particle<'a>(&self, word: &'a str) -> &'a str {
        for p in &self.particles {
            if let Some(stem) = word.strip_suffix(p.as_str())
                && stem.chars().count() >= self.min_stem
            {
                return stem;
            }
        }
        word
    }
}

/// The embedded rules, parsed on first use (a unit test checks the file parses).
pub fn answer_rules() -> &'static AnswerRules {
    static R: OnceLock<AnswerRules> = OnceLock::new();
    R.get_or_init(|| match AnswerRules::parse(ANSWER_TOML) {
        Ok(r) => r,
        // Unreachable in a build that passed its tests: the file is embedded.
        Err(e) => panic!("content/analysis/answer.toml: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse_and_have_every_part() {
        let r = AnswerRules::parse(ANSWER_TOML).map_err(|e| e.to_string());
        let r = r.as_ref().map_err(String::as_str);
        assert!(r.is_ok(), "{r:?}");
        if let Ok(r) = r {
            assert!(r.cue_finder.is_some());
            assert!(!r.cues.result.is_empty() && !r.labels.situation.is_empty());
            assert!(!r.particles.is_empty());
            assert_eq!(r.strip_particle("로드밸런서를"), "로드밸런서");
            assert_eq!(r.strip_particle("결과"), "결과", "a short noun stays whole");
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let bad = ANSWER_TOML.replace("[pace]", "[pace]\nspeed = 3");
        assert!(AnswerRules::parse(&bad).is_err());
    }
}
