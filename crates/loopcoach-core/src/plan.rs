//! The loop planner: which principles each interviewer is likely to probe, and which story to
//! tell for each, never telling the same story twice in one loop.
//!
//! Principles: the required ones first (in the order given), then the ones with the most and
//! best material (sum of the two best fits), distinct across the loop while there are
//! principles left. With a Bar Raiser (the last interviewer), two of its slots go to the
//! hardest, most general principles (`[plan] bar_raiser` in `content/analysis/readiness.toml`).
//!
//! Stories: fit = link strength × story quality, where strength is 1 for an explicit link, the
//! confidence for an inferred one, and `weak_factor` × the classifier's confidence for a story
//! whose text points at the principle below the link threshold (it could stretch). Stories are
//! assigned to slots by the Hungarian algorithm (`pathfinding::kuhn_munkres`) on fits scaled
//! to integers, with one "no story" column per slot, which maximises the total fit exactly.
//! The backup of a slot is its best story not told anywhere in the plan (backups may repeat).

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::framework::Framework;
use crate::links::classifier;
use crate::readiness::rules::{Rules, rules};
use crate::readiness::score::penalty;
use crate::readiness::{all_stories, story};
use crate::{Document, LinkKind};

/// Why a plan cannot be made.
#[derive(Debug, Error, PartialEq)]
pub enum PlanError {
    #[error("a loop needs at least one interviewer and one principle per interviewer")]
    Empty,
    #[error("unknown principle '{0}'")]
    UnknownPrinciple(String),
    #[error("the fit matrix could not be built")]
    Matrix,
    #[error("a loop of {slots} slots is more than the {max} a plan is made for")]
    TooLarge { slots: usize, max: usize },
}

/// The most (interviewer, principle) slots a plan is made for: twenty interviewers probing
/// all sixteen principles. The assignment's matrix grows with the square of the slots.
pub const MAX_SLOTS: usize = 20 * 16;

/// One (interviewer, principle) slot and the story for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    /// 1-based interviewer number.
    pub interviewer: u32,
    #[serde(default)]
    pub bar_raiser: bool,
    /// Principle key.
    pub principle: String,
    pub story: Option<String>,
    pub backup: Option<String>,
    /// Fit of the story (0..1), 0 without one.
    pub fit: f64,
    #[serde(default)]
    pub story_title: Option<String>,
    #[serde(default)]
    pub backup_title: Option<String>,
}

/// A slot no story can cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uncovered {
    pub interviewer: u32,
    pub principle: String,
    /// Where the notes hold a draft for the principle (`notes.md:176`), to turn into a story
    /// (issue 20); absent when there is none and the story is still to write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
}

/// A loop plan (`plan --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub interviewers: u32,
    pub per_interviewer: u32,
    #[serde(default)]
    pub bar_raiser: bool,
    pub slots: Vec<Slot>,
    pub uncovered: Vec<Uncovered>,
    pub total_fit: f64,
}

/// Principle keys the notes hold a draft for: prose under the principle, or under a question
/// about it, that reads like a story but has no STAR labels yet.
pub fn drafted_principles(workspace: &[Document], r: &Rules) -> Vec<String> {
    let mut out: Vec<String> = draft_places(workspace, r)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Each draft's principle and place (`file:line`), in the notes' order.
fn draft_places(workspace: &[Document], r: &Rules) -> Vec<(String, String)> {
    crate::readiness::questions::check_drafts(workspace, r)
        .into_iter()
        .filter_map(|i| {
            let k = i.principle?;
            // The document holding the draft's target (a question id or a principle key).
            let file = workspace
                .iter()
                .find(|d| {
                    d.questions.iter().any(|q| q.id == i.target)
                        || d.principles
                            .iter()
                            .any(|p| p.builtin.as_deref() == Some(i.target.as_str()))
                })
                .map(|d| {
                    std::path::Path::new(&d.path)
                        .file_name()
                        .map_or_else(|| d.path.clone(), |f| f.to_string_lossy().into_owned())
                });
            let place = match (file, i.line) {
                (Some(f), Some(l)) => format!("{f}:{l}"),
                (Some(f), None) => f,
                (None, Some(l)) => format!("line {l}"),
                (None, None) => return None,
            };
            Some((k, place))
        })
        .collect()
}

/// Story quality (0..1) from the story checks alone (cheap enough for the planner).
pub fn story_quality(s: &crate::Story, r: &Rules) -> f64 {
    let c = story::check_story(s, r);
    (1.0 - c.issues.iter().map(|i| penalty(i.kind, r)).sum::<f64>()).clamp(0.0, 1.0)
}

/// Fit of every story for every principle: `fits[story][principle]`, 0..1.
pub fn fit_matrix(workspace: &[Document], framework: &Framework, r: &Rules) -> Vec<Vec<f64>> {
    let c = classifier();
    all_stories(workspace)
        .map(|(_, s)| {
            let q = story_quality(s, r);
            let weak = c.scores(&s.full_text());
            framework
                .principles
                .iter()
                .map(|p| {
                    let strength = match s.links.iter().find(|l| l.principle == p.key) {
                        Some(l) if l.kind == LinkKind::Explicit => 1.0,
                        Some(l) => l.confidence.clamp(0.0, 1.0),
                        None => weak
                            .iter()
                            .find(|(k, _)| *k == p.key)
                            .map_or(0.0, |(_, sc)| r.plan.weak_factor * c.confidence(*sc)),
                    };
                    strength * q
                })
                .collect()
        })
        .collect()
}

/// Maximum-weight assignment of distinct columns to rows (`weights[row][col]`, >= 0), each
/// row free to take no column. Returns the total and each row's column (None for "no story").
pub fn assign(weights: &[Vec<i64>]) -> Result<(i64, Vec<Option<usize>>), PlanError> {
    let rows = weights.len();
    if rows == 0 {
        return Ok((0, Vec::new()));
    }
    let cols = weights[0].len();
    // One dummy column per row stands for "no story", so rows <= columns always holds.
    let mut data = Vec::with_capacity(rows * (cols + rows));
    for w in weights {
        data.extend(w.iter().map(|x| (*x).max(0)));
        data.extend(std::iter::repeat_n(0, rows));
    }
    let m = Matrix::from_vec(rows, cols + rows, data).map_err(|_| PlanError::Matrix)?;
    let (total, cols_of) = kuhn_munkres(&m);
    let picks = cols_of
        .iter()
        .enumerate()
        .map(|(r, &c)| (c < cols && weights[r][c] > 0).then_some(c))
        .collect();
    Ok((total, picks))
}

/// Choose the principle of every slot: `(interviewer, bar_raiser, principle index)`, for a
/// loop of `interviewers` × `per` slots.
fn choose_principles(
    fits: &[Vec<f64>],
    drafts: &[String],
    framework: &Framework,
    (interviewers, per): (usize, usize),
    bar_raiser: bool,
    required: &[usize],
    r: &Rules,
) -> Vec<(u32, bool, usize)> {
    let np = framework.principles.len();
    // Material: the sum of the two best fits.
    let material: Vec<f64> = (0..np)
        .map(|p| {
            let (mut a, mut b) = (0.0f64, 0.0f64);
            for row in fits {
                let f = row[p];
                if f > a {
                    b = a;
                    a = f;
                } else if f > b {
                    b = f;
                }
            }
            a + b
        })
        .collect();
    let mut req: Vec<usize> = Vec::new();
    for &p in required {
        if !req.contains(&p) {
            req.push(p);
        }
    }
    let mut br: Vec<usize> = Vec::new();
    if bar_raiser {
        for k in &r.plan.bar_raiser {
            if br.len() >= per.min(2) {
                break;
            }
            if let Some(p) = framework.principles.iter().position(|x| &x.key == k)
                && !req.contains(&p)
            {
                br.push(p);
            }
        }
    }
    let mut rest: Vec<usize> = (0..np)
        .filter(|p| !req.contains(p) && !br.contains(p))
        .collect();
    // Rank: how often the role probes it, the material the notes hold, a draft to turn into
    // a story (see `[plan]` in content/analysis/readiness.toml).
    let rank: Vec<f64> = (0..np)
        .map(|p| {
            let key = &framework.principles[p].key;
            let probed = r.plan.probed.get(key).copied().unwrap_or(0.5);
            let draft = if drafts.contains(key) {
                r.plan.draft_bonus
            } else {
                0.0
            };
            probed + material[p] + draft
        })
        .collect();
    rest.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    let main: Vec<usize> = req.iter().chain(rest.iter()).copied().collect();
    let mut seq = main.iter().copied().cycle();
    let mut out = Vec::new();
    for i in 0..interviewers {
        let is_br = bar_raiser && i + 1 == interviewers;
        let mut mine: Vec<usize> = if is_br { br.clone() } else { Vec::new() };
        while mine.len() < per {
            match seq.next() {
                Some(p) => mine.push(p),
                None => break,
            }
        }
        for p in mine {
            out.push((i as u32 + 1, is_br, p));
        }
    }
    out
}

/// Plan a loop of `interviewers` × `per_interviewer` slots. `require` holds principle keys.
pub fn plan(
    workspace: &[Document],
    framework: &Framework,
    interviewers: usize,
    per_interviewer: usize,
    bar_raiser: bool,
    require: &[String],
) -> Result<Plan, PlanError> {
    if interviewers == 0 || per_interviewer == 0 || framework.principles.is_empty() {
        return Err(PlanError::Empty);
    }
    let slots = interviewers.saturating_mul(per_interviewer);
    if slots > MAX_SLOTS {
        return Err(PlanError::TooLarge {
            slots,
            max: MAX_SLOTS,
        });
    }
    let r = rules();
    let mut required = Vec::new();
    for k in require {
        let p = framework
            .principles
            .iter()
            .position(|p| &p.key == k)
            .ok_or_else(|| PlanError::UnknownPrinciple(k.clone()))?;
        required.push(p);
    }
    let fits = fit_matrix(workspace, framework, r);
    let places = draft_places(workspace, r);
    let mut drafts: Vec<String> = places.iter().map(|(k, _)| k.clone()).collect();
    drafts.dedup();
    let slots = choose_principles(
        &fits,
        &drafts,
        framework,
        (interviewers, per_interviewer),
        bar_raiser,
        &required,
        r,
    );
    let weights: Vec<Vec<i64>> = slots
        .iter()
        .map(|&(_, _, p)| {
            fits.iter()
                .map(|row| (row[p] * r.plan.scale).round() as i64)
                .collect()
        })
        .collect();
    let (_, picks) = assign(&weights)?;
    let stories: Vec<&crate::Story> = all_stories(workspace).map(|(_, s)| s).collect();
    let used: Vec<usize> = picks.iter().flatten().copied().collect();
    let mut out = Vec::new();
    let mut uncovered = Vec::new();
    let mut total = 0.0;
    for (i, &(interviewer, br, p)) in slots.iter().enumerate() {
        let story = picks[i];
        let backup = (0..stories.len())
            .filter(|s| !used.contains(s) && fits[*s][p] > 0.0)
            .max_by(|&a, &b| fits[a][p].total_cmp(&fits[b][p]).then(b.cmp(&a)));
        let fit = story.map_or(0.0, |s| fits[s][p]);
        total += fit;
        let key = framework.principles[p].key.clone();
        if story.is_none() {
            uncovered.push(Uncovered {
                interviewer,
                principle: key.clone(),
                draft: places
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, at)| at.clone()),
            });
        }
        out.push(Slot {
            interviewer,
            bar_raiser: br,
            principle: key,
            story: story.map(|s| stories[s].id.to_string()),
            backup: backup.map(|s| stories[s].id.to_string()),
            fit: (fit * 1000.0).round() / 1000.0,
            story_title: story.map(|s| framework.story_title(stories[s])),
            backup_title: backup.map(|s| framework.story_title(stories[s])),
        });
    }
    Ok(Plan {
        interviewers: interviewers as u32,
        per_interviewer: per_interviewer as u32,
        bar_raiser,
        slots: out,
        uncovered,
        total_fit: (total * 1000.0).round() / 1000.0,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_loop_too_large_is_refused_before_anything_is_allocated() {
        let f = Framework::amazon();
        assert!(matches!(
            plan(&[], &f, 100_000, 2, false, &[]),
            Err(PlanError::TooLarge { slots: 200_000, .. })
        ));
        assert!(matches!(
            plan(&[], &f, usize::MAX, 2, false, &[]),
            Err(PlanError::TooLarge { .. })
        ));
    }

    /// The best total over every way to give rows distinct columns (or none).
    fn brute(w: &[Vec<i64>], row: usize, used: &mut Vec<bool>) -> i64 {
        if row == w.len() {
            return 0;
        }
        let mut best = brute(w, row + 1, used);
        for c in 0..used.len() {
            if !used[c] {
                used[c] = true;
                best = best.max(w[row][c] + brute(w, row + 1, used));
                used[c] = false;
            }
        }
        best
    }

    proptest! {
        #[test]
        fn hungarian_matches_brute_force(rows in 1usize..5, cols in 0usize..6, seed in proptest::collection::vec(0i64..100, 30)) {
            let w: Vec<Vec<i64>> = (0..rows).map(|r| (0..cols).map(|c| {
                let v = seed[(r * 6 + c) % seed.len()];
                if v < 30 { 0 } else { v }
            }).collect()).collect();
            let (total, picks) = assign(&w).unwrap();
            let mut used = vec![false; cols];
            prop_assert_eq!(total, brute(&w, 0, &mut used));
            // Distinct stories, and the picks add up to the total.
            let mut seen: Vec<usize> = picks.iter().flatten().copied().collect();
            let sum: i64 = picks.iter().enumerate().filter_map(|(r, c)| c.map(|c| w[r][c])).sum();
            prop_assert_eq!(sum, total);
            seen.sort();
            seen.dedup();
            prop_assert_eq!(seen.len(), picks.iter().flatten().count());
        }
    }

    #[test]
    fn more_rows_than_columns_is_fine() {
        let (total, picks) = assign(&[vec![5], vec![7], vec![1]]).unwrap();
        assert_eq!(total, 7);
        assert_eq!(picks, vec![None, Some(0), None]);
    }

    #[test]
    fn bar_raiser_gets_hard_principles_and_required_come_first() {
        let f = Framework::amazon();
        let r = rules();
        let fits: Vec<Vec<f64>> = vec![vec![0.0; 16]];
        let think_big = f
            .principles
            .iter()
            .position(|p| p.key == "think-big")
            .unwrap();
        let s = choose_principles(&fits, &[], &f, (3, 2), true, &[think_big], r);
        assert_eq!(s.len(), 6);
        assert_eq!(s[0], (1, false, think_big));
        let br: Vec<&str> = s
            .iter()
            .filter(|x| x.1)
            .map(|x| f.principles[x.2].key.as_str())
            .collect();
        assert_eq!(br, vec!["earn-trust", "have-backbone"]);
        let mut ps: Vec<usize> = s.iter().map(|x| x.2).collect();
        ps.sort();
        ps.dedup();
        assert_eq!(ps.len(), 6, "distinct principles while there are enough");
    }
}
