//! Which key points an answer covers: the reusable check behind "your spoken answer dropped
//! the 12 minutes" (mock and analyze) and behind drills comparing an answer with a card's key
//! points. [`key_point_coverage`] is the one entry point; [`story_key_points`] turns a prepared
//! story into the facts worth checking (its numbers, its actions, its result).

use serde::Serialize;

use crate::readiness::words::{is_word_char, lower};
use crate::{StarPart, Story};

use super::rules::{AnswerRules, answer_rules};
use super::segment::sentences;
use super::signals::quantities;

/// What kind of fact a key point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PointKind {
    Number,
    Action,
    Result,
    Point,
}

/// A fact a good answer should mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPoint {
    pub kind: PointKind,
    pub text: String,
}

/// Whether an answer covers one key point, and how much of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointCoverage {
    pub point: String,
    pub covered: bool,
    /// Share of the point's content words (or numbers) found in the answer, 0–1.
    pub share: f64,
}

/// For each of `points`, whether `answer` covers it.
///
/// A point with numbers in it is covered only when every one of its numbers appears in the
/// answer (a dropped "12 minutes" is the fact an interviewer misses most). Otherwise its
/// content words (stopwords dropped, Korean particles stripped, English words compared on
/// their first five letters so "profiled" matches "profiling") are looked up in the answer,
/// and the point is covered when at least `min_share` of them are found, or `enough_words` of
/// them for a long point (`content/analysis/answer.toml`, `[coverage]`). Pure and cheap: call
/// it per drill answer.
pub fn key_point_coverage(answer: &str, points: &[&str]) -> Vec<PointCoverage> {
    coverage_with(answer, points, answer_rules())
}

/// [`key_point_coverage`] with explicit rules.
pub fn coverage_with(answer: &str, points: &[&str], rules: &AnswerRules) -> Vec<PointCoverage> {
    let answer_low = lower(answer);
    let answer_keys: Vec<String> = content_words(&answer_low, rules)
        .into_iter()
        .map(|w| key(&w))
        .collect();
    let squashed: String = answer_low.chars().filter(|c| !c.is_whitespace()).collect();
    points
        .iter()
        .map(|p| {
            let low = lower(p);
            let numbers = digit_runs(&low);
            // A short fact ("12 minutes", "40% fewer pages") is its numbers; a longer point
            // that happens to cite one (an RFC, a port) is judged by its words, the number
            // being one of them.
            let fact = content_words(&low, rules)
                .iter()
                .filter(|w| digit_runs(w).is_empty())
                .count()
                <= rules.coverage.enough_words;
            let (share, enough) = if !numbers.is_empty() && fact {
                let answer_numbers = digit_runs(&answer_low);
                let found = numbers
                    .iter()
                    .filter(|n| answer_numbers.contains(n))
                    .count();
                (found as f64 / numbers.len() as f64, found == numbers.len())
            } else {
                let words = content_words(&low, rules);
                if words.is_empty() {
                    (1.0, true)
                } else {
                    let found = words
                        .iter()
                        .filter(|w| {
                            let k = key(w);
                            if w.chars().any(crate::text::is_hangul) {
                                squashed.contains(k.as_str())
                            } else {
                                answer_keys.contains(&k)
                            }
                        })
                        .count();
                    let share = found as f64 / words.len() as f64;
                    (
                        share,
                        share >= rules.coverage.min_share || found >= rules.coverage.enough_words,
                    )
                }
            };
            PointCoverage {
                point: p.to_string(),
                covered: enough,
                share: (share * 100.0).round() / 100.0,
            }
        })
        .collect()
}

/// The numbers of a text: digit runs that are not part of a name (the 64 of BASE64URL, the 2
/// of HTTP2 and the 8 of k8s are letters' company, not quantities).
fn digit_runs(low: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = low.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        let glued = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if glued(start.checked_sub(1).and_then(|k| chars.get(k))) || glued(chars.get(i)) {
            continue;
        }
        let run: String = chars[start..i].iter().collect();
        let run = run.trim_matches(['.', ',']).replace(',', "");
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

fn content_words(low: &str, rules: &AnswerRules) -> Vec<String> {
    low.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .filter(|w| !rules.coverage.stopwords.iter().any(|s| s == w))
        .map(|w| rules.strip_particle(w).to_string())
        .filter(|w| w.chars().count() >= 2 || w.chars().any(crate::text::is_hangul))
        .collect()
}

/// How a content word is compared: English words by their first five letters.
fn key(w: &str) -> String {
    if w.is_ascii() {
        w.chars().take(5).collect()
    } else {
        w.to_string()
    }
}

/// The facts of a prepared story worth checking in a spoken answer: each quantity in its
/// Action and Result, each Action sentence, and its Result's first sentence.
pub fn story_key_points(story: &Story) -> Vec<KeyPoint> {
    let rules = answer_rules();
    let mut out: Vec<KeyPoint> = Vec::new();
    for part in [StarPart::Situation, StarPart::Action, StarPart::Result] {
        for q in quantities(story.part(part), rules) {
            if !out.iter().any(|k| k.text == q) {
                out.push(KeyPoint {
                    kind: PointKind::Number,
                    text: q,
                });
            }
        }
    }
    let action = story.part(StarPart::Action);
    for (s, e) in sentences(action) {
        out.push(KeyPoint {
            kind: PointKind::Action,
            text: action[s..e].to_string(),
        });
    }
    let result = story.part(StarPart::Result);
    if let Some((s, e)) = sentences(result).first() {
        out.push(KeyPoint {
            kind: PointKind::Result,
            text: result[*s..*e].to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_all_be_said() {
        let c = key_point_coverage(
            "The job now takes twelve minutes, down from three hours.",
            &["12 minutes instead of 3 hours", "rewrote it to stream rows"],
        );
        assert!(
            !c[0].covered,
            "digits said as words are not the same figures"
        );
        assert_eq!(c[0].share, 0.0);
        let c = key_point_coverage(
            "now 12 minutes, was 3 hours",
            &["12 minutes instead of 3 hours"],
        );
        assert!(c[0].covered);
    }

    #[test]
    fn words_match_across_forms_and_particles() {
        let c = key_point_coverage(
            "I started by profiling the export job and then streamed the rows.",
            &["Profiled the export job", "Moved the database to Aurora"],
        );
        assert!(c[0].covered);
        assert!(!c[1].covered);
        let c = key_point_coverage(
            "저는 배치를 읽기 전용 복제본으로 옮겼습니다",
            &["배치 작업을 복제본으로 이전", "캐시 도입"],
        );
        assert!(c[0].covered, "{c:?}");
        assert!(!c[1].covered);
    }

    #[test]
    fn a_long_rubric_point_is_covered_by_the_words_that_carry_it() {
        let point = "With rotation, presenting an already-used refresh token (two threads refreshing at once, a retry after a timeout) is treated as reuse and the whole token family is revoked";
        let c = key_point_coverage(
            "Refresh token reuse under rotation revokes the whole family.",
            &[point],
        );
        assert!(c[0].covered, "{c:?}");
        assert!(c[0].share < 0.5);
        assert!(!key_point_coverage("The token expired.", &[point])[0].covered);
    }

    #[test]
    fn an_empty_point_is_covered_and_no_points_is_no_coverage() {
        assert!(key_point_coverage("anything", &["the"])[0].covered);
        assert!(key_point_coverage("anything", &[]).is_empty());
    }
}
