//! Grading a candidate's diagnosis around **one committed root cause** (issue #18).
//!
//! The answer (a cause code or free text, Korean or English) is read as claims ([`read`]):
//! which fault it says is wrong, with which field or object. Claims the answer rules out
//! itself ("the token is not expired", "서명은 정상") do not count; guesses ("maybe X or
//! Y") are not commitments. Then:
//! - many candidate causes (three or more, or four faults named vaguely and none whole):
//!   **stuffing**, wrong;
//! - the first committed claim is judged: the lab's cause stated whole is **right**; another
//!   fault is **wrong**, with no credit for being near;
//! - the right cause while other causes are still floated: **partly**, told to commit;
//! - no whole claim, but the lab's cause said vaguely (a defect without its object, a field
//!   without what is wrong with it): **partly**, told what is missing;
//! - a compound lab (difficulty 3, two causes): right when both are claimed and nothing else,
//!   partly with one.

mod read;
mod text;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::AnswerKey;

/// Right, partly right, or wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The committed cause is the lab's (every cause, for a compound lab).
    Right,
    /// The lab's cause said vaguely, not committed to, or one of two causes.
    Partly,
    /// Another cause, stuffing, or nothing.
    Wrong,
}

/// The grade of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// The verdict.
    pub verdict: Verdict,
    /// The expected causes the answer claimed.
    pub matched: Vec<String>,
    /// The expected causes it did not claim.
    pub missed: Vec<String>,
    /// 0 to 1.
    pub score: f32,
    /// The cause the answer committed to (the one judged), if any.
    #[serde(default)]
    pub claimed: Option<String>,
    /// Every cause the answer claims, in order (ruled-out ones excluded).
    #[serde(default)]
    pub claims: Vec<String>,
    /// Causes the answer itself ruled out ("not X", "X is fine").
    #[serde(default)]
    pub ruled_out: Vec<String>,
    /// What the answer lacks: `object`, `field`, `defect` (what is wrong with the field),
    /// `commit` (one root cause, not a list of candidates).
    #[serde(default)]
    pub missing: Vec<String>,
    /// The answer lists many candidate causes.
    #[serde(default)]
    pub stuffed: bool,
}

/// Grades `answer` against the key.
pub fn grade(key: &AnswerKey, answer: &str) -> Grade {
    let claims = read::claims(&key.kind, answer);
    judge(&key.causes, &claims)
}

/// The causes of `kind` that `text` rules out itself ("signature and issuer are fine").
pub(crate) fn ruled_out(kind: &str, text: &str) -> Vec<String> {
    distinct(read::claims(kind, text).iter().filter(|c| c.negated))
}

fn distinct<'a>(it: impl Iterator<Item = &'a read::Claim>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    it.filter(|c| seen.insert(c.cause.clone()))
        .map(|c| c.cause.clone())
        .collect()
}

fn judge(expected: &[String], claims: &[read::Claim]) -> Grade {
    let whole: Vec<&read::Claim> = claims.iter().filter(|c| c.complete && !c.negated).collect();
    let vague: Vec<&read::Claim> = claims
        .iter()
        .filter(|c| !c.complete && !c.negated)
        .collect();
    let claimed_causes = distinct(whole.iter().copied());
    let vague_causes = distinct(vague.iter().copied());
    let ruled_out: Vec<String> = distinct(claims.iter().filter(|c| c.negated))
        .into_iter()
        .filter(|c| !claimed_causes.contains(c))
        .collect();
    let matched: Vec<String> = expected
        .iter()
        .filter(|c| claimed_causes.contains(c))
        .cloned()
        .collect();
    let missed: Vec<String> = expected
        .iter()
        .filter(|c| !claimed_causes.contains(c))
        .cloned()
        .collect();
    let mut g = Grade {
        verdict: Verdict::Wrong,
        matched,
        missed,
        score: 0.0,
        claimed: None,
        claims: claimed_causes.clone(),
        ruled_out,
        missing: Vec::new(),
        stuffed: false,
    };
    if expected.is_empty() {
        return g;
    }
    let stuffed = claimed_causes.len() >= 3.max(expected.len() + 1)
        || (claimed_causes.is_empty() && vague_causes.len() >= 4);
    if stuffed {
        g.stuffed = true;
        g.missing.push("commit".to_string());
        return g;
    }
    let judged = whole
        .iter()
        .find(|c| !c.hedged)
        .or_else(|| whole.first())
        .map(|c| c.cause.clone());
    let Some(judged) = judged else {
        // Nothing whole: the lab's cause said vaguely earns partly, and what is missing.
        if let Some(v) = vague.iter().find(|c| expected.contains(&c.cause)) {
            g.verdict = Verdict::Partly;
            g.score = 0.5 / expected.len() as f32;
            g.missing.extend(v.missing.clone());
        }
        return g;
    };
    g.claimed = Some(judged.clone());
    if !expected.contains(&judged) {
        return g;
    }
    let others = claimed_causes.iter().any(|c| !expected.contains(c));
    if others {
        g.missing.push("commit".to_string());
    }
    if g.missed.is_empty() && !others {
        g.verdict = Verdict::Right;
        g.score = 1.0;
    } else {
        g.verdict = Verdict::Partly;
        let share = g.matched.len() as f32 / expected.len() as f32;
        g.score = if others { 0.5 * share } else { share };
    }
    g
}
