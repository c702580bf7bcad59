//! Grading a candidate's diagnosis: a cause code or free text in Korean or English.
//!
//! Text is normalised (lower case, punctuation and spaces dropped, so "토큰 만료" and
//! "토큰만료" match alike) and searched for each cause's synonyms from the content files,
//! plus the code itself (`jwt/expired`) and its name (`expired`). Rules:
//! - every expected cause named: **right** (score 1);
//! - some of them named: **partly** (score = share named);
//! - none named, but a related cause or the family's words (a group in the content, e.g.
//!   "signature problem" for `jwt/alg-confusion`): **partly** (0.5);
//! - no cause named at all, only the area ("인증서 문제" for a pki lab): **partly** (0.25);
//! - otherwise (an unrelated cause, or nothing relevant): **wrong**.
//!
//! A synonym found inside a longer synonym of another cause is ignored, so "intermediate
//! certificate expired" names `pki/expired-intermediate` and not also a bare "certificate
//! expired". ASCII synonyms must start on a word boundary (and short ones end on one), so
//! "kid" is not found in "kidding"; Korean ones may sit inside a word (particles attach).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::AnswerKey;
use crate::content;

/// Right, partly right, or wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every cause named.
    Right,
    /// Some causes named, or the right area.
    Partly,
    /// Nothing right.
    Wrong,
}

/// The grade of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// The verdict.
    pub verdict: Verdict,
    /// The expected causes the answer named.
    pub matched: Vec<String>,
    /// The expected causes it did not name.
    pub missed: Vec<String>,
    /// 0 to 1.
    pub score: f32,
}

/// Grades `answer` against the key.
pub fn grade(key: &AnswerKey, answer: &str) -> Grade {
    let text = Normalized::new(answer);
    let named = named_causes(&key.kind, &text);
    let matched: Vec<String> = key
        .causes
        .iter()
        .filter(|c| named.contains(*c))
        .cloned()
        .collect();
    let missed: Vec<String> = key
        .causes
        .iter()
        .filter(|c| !named.contains(*c))
        .cloned()
        .collect();
    let (verdict, score) = if key.causes.is_empty() {
        (Verdict::Wrong, 0.0)
    } else if missed.is_empty() {
        (Verdict::Right, 1.0)
    } else if !matched.is_empty() {
        (
            Verdict::Partly,
            matched.len() as f32 / key.causes.len() as f32,
        )
    } else if related(key, &text, &named) {
        (Verdict::Partly, 0.5)
    } else if named.is_empty() && area(&key.kind, &text) {
        (Verdict::Partly, 0.25)
    } else {
        (Verdict::Wrong, 0.0)
    };
    Grade {
        verdict,
        matched,
        missed,
        score,
    }
}

/// The causes of `kind` that the text names.
fn named_causes(kind: &str, text: &Normalized) -> BTreeSet<String> {
    let Ok(kc) = content::kind(kind) else {
        return BTreeSet::new();
    };
    let mut hits: Vec<(usize, usize, &str)> = Vec::new();
    for (code, fault) in &kc.faults {
        let name = code.split_once('/').map(|(_, n)| n).unwrap_or(code);
        let patterns = [code.as_str(), name]
            .into_iter()
            .chain(fault.synonyms.iter().map(String::as_str));
        for p in patterns {
            for (s, e) in text.find_all(p) {
                hits.push((s, e, code.as_str()));
            }
        }
    }
    hits.iter()
        .filter(|(s, e, c)| {
            !hits
                .iter()
                .any(|(s2, e2, c2)| c2 != c && s2 <= s && e <= e2 && (e2 - s2) > (e - s))
        })
        .map(|(_, _, c)| (*c).to_string())
        .collect()
}

/// Whether the text names the family of an expected cause.
fn related(key: &AnswerKey, text: &Normalized, named: &BTreeSet<String>) -> bool {
    let Ok(kc) = content::kind(&key.kind) else {
        return false;
    };
    kc.groups
        .iter()
        .filter(|g| g.causes.iter().any(|c| key.causes.contains(c)))
        .any(|g| {
            g.causes.iter().any(|c| named.contains(c))
                || g.synonyms.iter().any(|s| !text.find_all(s).is_empty())
        })
}

fn area(kind: &str, text: &Normalized) -> bool {
    content::kind(kind)
        .map(|kc| kc.area.iter().any(|w| !text.find_all(w).is_empty()))
        .unwrap_or(false)
}

/// Text reduced to lower-case letters and digits, remembering where words start and end.
struct Normalized {
    chars: Vec<char>,
    starts: Vec<bool>,
    ends: Vec<bool>,
}

impl Normalized {
    fn new(text: &str) -> Self {
        let mut chars = Vec::new();
        let mut starts = Vec::new();
        let mut ends: Vec<bool> = Vec::new();
        let mut in_word = false;
        for ch in text.chars() {
            if ch.is_alphanumeric() {
                // A switch between ASCII and other scripts is a word boundary too:
                // Korean particles attach to Latin words ("kid가", "JWKS에").
                let switch = chars
                    .last()
                    .is_some_and(|p: &char| p.is_ascii() != ch.is_ascii());
                if in_word
                    && switch
                    && let Some(last) = ends.last_mut()
                {
                    *last = true;
                }
                for lc in ch.to_lowercase() {
                    chars.push(lc);
                    starts.push(!in_word || switch);
                    ends.push(false);
                    in_word = true;
                }
            } else {
                if in_word && let Some(last) = ends.last_mut() {
                    *last = true;
                }
                in_word = false;
            }
        }
        if let Some(last) = ends.last_mut() {
            *last = true;
        }
        Self {
            chars,
            starts,
            ends,
        }
    }

    /// Where the pattern occurs, as char ranges of the normalised text.
    fn find_all(&self, pattern: &str) -> Vec<(usize, usize)> {
        let pat = Normalized::new(pattern).chars;
        let n = pat.len();
        if n == 0 || n > self.chars.len() {
            return Vec::new();
        }
        let ascii_start = pat.first().is_some_and(char::is_ascii);
        let ascii_end = n <= 4 && pat.last().is_some_and(char::is_ascii);
        (0..=self.chars.len() - n)
            .filter(|&i| self.chars[i..i + n] == pat[..])
            .filter(|&i| !ascii_start || self.starts[i])
            .filter(|&i| !ascii_end || self.ends[i + n - 1])
            .map(|i| (i, i + n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_space_and_punctuation() {
        let t = Normalized::new("The JWT-Token  EXPIRED!");
        assert_eq!(t.find_all("token expired").len(), 1);
        assert_eq!(t.find_all("jwt token").len(), 1);
        assert!(t.find_all("oken").is_empty(), "ASCII needs a word start");
        let k = Normalized::new("토큰이 만료 됐어요");
        assert_eq!(k.find_all("만료됐").len(), 1);
    }

    #[test]
    fn short_ascii_words_need_both_boundaries() {
        let t = Normalized::new("no kidding, the kid is wrong");
        assert_eq!(t.find_all("kid").len(), 1);
    }
}
