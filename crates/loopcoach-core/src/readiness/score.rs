//! Readiness scores, and the gain of each fix by simulation.
//!
//! - Story quality = max(0, 1 − Σ penalties of its findings) (penalties in the rules file).
//! - A story's fit for a principle = link strength (explicit 1, inferred = confidence) × quality.
//! - Principle score = w_best × best fit + w_second × second-best fit (0..1; ×100 in the report).
//! - Overall = 100 × (w_principles × P + w_stories × S + w_questions × Q) − over-reliance
//!   penalty, where P is the weighted mean of principle scores (weights: how often a principle
//!   comes up), S the mean story quality, Q the share of questions with no blank finding; the
//!   penalty is `over_reliance_penalty` points per over-relied project, capped.
//!
//! A fix is simulated by changing the model the way the fix would (a penalty removed, a story
//! of the right quality added, a question filled in) and scoring again; the gain is the
//! difference. Each simulation touches only what the fix changes (the story's principles keep
//! their three best fits), so gains for 10,000 stories cost little; a test checks the fast path
//! against a full recomputation.

use std::collections::HashMap;

use crate::framework::Framework;
use crate::{Document, LinkKind, StarPart};

use super::rules::Rules;
use super::{FindingKind, Issue};

/// A fix, as a change to the scoring model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fix {
    /// Remove `penalty` from story `story`'s penalties.
    StoryPenalty {
        story: usize,
        penalty: f64,
    },
    /// Add a story of `quality` linked explicitly to `principle` (if any).
    AddStory {
        principle: Option<usize>,
        quality: f64,
    },
    /// Remove one blank finding from question `question`.
    Question {
        question: usize,
    },
    /// One over-relied project fewer.
    OverReliance,
    None,
}

type Top = [(usize, f64); 3];
const NONE: (usize, f64) = (usize::MAX, 0.0);

/// The scoring model of a workspace.
#[derive(Debug, Clone)]
pub struct Scorer {
    weights: Vec<f64>,
    w_best: f64,
    w_second: f64,
    w_p: f64,
    w_s: f64,
    w_q: f64,
    over_penalty: f64,
    over_cap: f64,
    penalties: Vec<f64>,
    /// Per principle: (story, kind, strength).
    links: Vec<Vec<(usize, LinkKind, f64)>>,
    /// Per story: (principle, strength).
    story_links: Vec<Vec<(usize, f64)>>,
    question_blanks: Vec<usize>,
    questions: HashMap<String, usize>,
    stories: HashMap<String, usize>,
    principles: HashMap<String, usize>,
    over: usize,
    // Cached totals.
    top: Vec<Top>,
    quality_sum: f64,
    complete: usize,
}

fn push_top(top: &mut Top, item: (usize, f64)) {
    if item.1 > top[2].1 {
        top[2] = item;
        top.sort_by(|a, b| b.1.total_cmp(&a.1));
    }
}

impl Scorer {
    pub fn new(
        workspace: &[Document],
        framework: &Framework,
        issues: &[Issue],
        r: &Rules,
    ) -> Scorer {
        let s = &r.score;
        let principles: HashMap<String, usize> = framework
            .principles
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.clone(), i))
            .collect();
        let n: usize = workspace.iter().map(|d| d.stories.len()).sum();
        let mut stories = HashMap::with_capacity(n);
        let mut links = vec![Vec::new(); framework.principles.len()];
        let mut story_links = Vec::with_capacity(n);
        for (i, st) in workspace.iter().flat_map(|d| d.stories.iter()).enumerate() {
            stories.entry(st.id.to_string()).or_insert(i);
            let mut sl = Vec::new();
            for l in &st.links {
                if let Some(&pi) = principles.get(l.principle.as_str()) {
                    let strength = if l.kind == LinkKind::Explicit {
                        1.0
                    } else {
                        l.confidence.clamp(0.0, 1.0)
                    };
                    if !sl.iter().any(|(p, _)| *p == pi) {
                        links[pi].push((i, l.kind, strength));
                        sl.push((pi, strength));
                    }
                }
            }
            story_links.push(sl);
        }
        let mut questions =
            HashMap::with_capacity(workspace.iter().map(|d| d.questions.len()).sum());
        for (i, q) in workspace
            .iter()
            .flat_map(|d| d.questions.iter())
            .enumerate()
        {
            questions.entry(q.id.to_string()).or_insert(i);
        }
        let mut penalties = vec![0.0; story_links.len()];
        let mut question_blanks = vec![
            0;
            questions
                .len()
                .max(workspace.iter().map(|d| d.questions.len()).sum())
        ];
        let mut over = 0;
        for i in issues {
            match i.kind {
                FindingKind::BlankQuestion => {
                    if let Some(&q) = questions.get(&i.target) {
                        question_blanks[q] += 1;
                    }
                }
                FindingKind::OverReliance => over += 1,
                FindingKind::UncoveredPrinciple | FindingKind::UnlabelledDraft => {}
                k => {
                    if let Some(&st) = stories.get(&i.target) {
                        penalties[st] += penalty(k, r);
                    }
                }
            }
        }
        let mut sc = Scorer {
            weights: framework
                .principles
                .iter()
                .map(|p| r.weight(&p.key))
                .collect(),
            w_best: s.w_best,
            w_second: s.w_second,
            w_p: s.w_principles,
            w_s: s.w_stories,
            w_q: s.w_questions,
            over_penalty: s.over_reliance_penalty,
            over_cap: s.over_reliance_cap,
            penalties,
            links,
            story_links,
            question_blanks,
            questions,
            stories,
            principles,
            over,
            top: Vec::new(),
            quality_sum: 0.0,
            complete: 0,
        };
        sc.recompute();
        sc
    }

    /// Recompute every cached total from the model.
    pub fn recompute(&mut self) {
        let q: Vec<f64> = self.qualities();
        self.top = self
            .links
            .iter()
            .map(|ls| {
                let mut t = [NONE; 3];
                for &(s, _, strength) in ls {
                    push_top(&mut t, (s, strength * q[s]));
                }
                t
            })
            .collect();
        self.quality_sum = q.iter().sum();
        self.complete = self.question_blanks.iter().filter(|&&b| b == 0).count();
    }

    pub fn qualities(&self) -> Vec<f64> {
        self.penalties.iter().map(|p| quality(*p)).collect()
    }

    pub fn principle_links(&self, pi: usize) -> impl Iterator<Item = (usize, LinkKind, f64)> + '_ {
        self.links[pi].iter().copied()
    }

    pub fn weight(&self, pi: usize) -> f64 {
        self.weights[pi]
    }

    fn top_score(&self, t: &Top) -> f64 {
        self.w_best * t[0].1 + self.w_second * t[1].1
    }

    /// A principle's score, 0..1.
    pub fn principle_score(&self, pi: usize) -> f64 {
        self.top_score(&self.top[pi])
    }

    fn total_weight(&self) -> f64 {
        self.weights.iter().sum::<f64>()
    }

    /// (P, S, Q, over-reliance penalty in points).
    pub fn components(&self) -> (f64, f64, f64, f64) {
        let tw = self.total_weight();
        let p = if tw > 0.0 {
            (0..self.top.len())
                .map(|i| self.weights[i] * self.principle_score(i))
                .sum::<f64>()
                / tw
        } else {
            0.0
        };
        let n = self.penalties.len();
        let s = if n > 0 {
            self.quality_sum / n as f64
        } else {
            0.0
        };
        let nq = self.question_blanks.len();
        let q = if nq > 0 {
            self.complete as f64 / nq as f64
        } else {
            1.0
        };
        (
            p,
            s,
            q,
            (self.over as f64 * self.over_penalty).min(self.over_cap),
        )
    }

    fn combine(&self, (p, s, q, pen): (f64, f64, f64, f64)) -> f64 {
        (100.0 * (self.w_p * p + self.w_s * s + self.w_q * q) - pen).clamp(0.0, 100.0)
    }

    /// Overall score, 0..100 (not rounded).
    pub fn overall(&self) -> f64 {
        self.combine(self.components())
    }

    /// The fix an issue stands for.
    pub fn fix_for(&self, i: &Issue, r: &Rules) -> Fix {
        match i.kind {
            FindingKind::UncoveredPrinciple => Fix::AddStory {
                principle: self.principles.get(&i.target).copied(),
                quality: 1.0,
            },
            FindingKind::UnlabelledDraft => {
                let missing = StarPart::ALL.len() - i.parts.len();
                Fix::AddStory {
                    principle: i
                        .principle
                        .as_ref()
                        .and_then(|k| self.principles.get(k))
                        .copied(),
                    quality: quality(missing as f64 * r.score.penalty_missing_part),
                }
            }
            FindingKind::BlankQuestion => match self.questions.get(&i.target) {
                Some(&q) => Fix::Question { question: q },
                None => Fix::None,
            },
            FindingKind::OverReliance => Fix::OverReliance,
            k => match self.stories.get(&i.target) {
                Some(&s) => Fix::StoryPenalty {
                    story: s,
                    penalty: penalty(k, r),
                },
                None => Fix::None,
            },
        }
    }

    /// The overall score after a fix, computed from what the fix changes only.
    pub fn overall_with(&self, fix: Fix) -> f64 {
        let (mut p, mut s, mut q, mut pen) = self.components();
        let tw = self.total_weight();
        let n = self.penalties.len() as f64;
        match fix {
            Fix::StoryPenalty { story, penalty } => {
                let old = quality(self.penalties[story]);
                let new = quality(self.penalties[story] - penalty);
                s = (self.quality_sum - old + new) / n;
                for &(pi, strength) in &self.story_links[story] {
                    let mut t = [NONE; 3];
                    for &e in self.top[pi].iter().filter(|e| e.0 != story) {
                        push_top(&mut t, e);
                    }
                    push_top(&mut t, (story, strength * new));
                    p += self.weights[pi] * (self.top_score(&t) - self.principle_score(pi)) / tw;
                }
            }
            Fix::AddStory { principle, quality } => {
                s = (self.quality_sum + quality) / (n + 1.0);
                if let Some(pi) = principle {
                    let mut t = self.top[pi];
                    push_top(&mut t, (usize::MAX - 1, quality));
                    p += self.weights[pi] * (self.top_score(&t) - self.principle_score(pi)) / tw;
                }
            }
            Fix::Question { question } => {
                if self.question_blanks[question] == 1 {
                    q = (self.complete + 1) as f64 / self.question_blanks.len() as f64;
                }
            }
            Fix::OverReliance => {
                pen = (self.over.saturating_sub(1) as f64 * self.over_penalty).min(self.over_cap);
            }
            Fix::None => {}
        }
        self.combine((p, s, q, pen))
    }

    /// The overall score after a fix, by changing a copy and recomputing everything (slow; the
    /// reference the fast path is tested against).
    pub fn overall_with_naive(&self, fix: Fix) -> f64 {
        let mut c = self.clone();
        match fix {
            Fix::StoryPenalty { story, penalty } => c.penalties[story] -= penalty,
            Fix::AddStory { principle, quality } => {
                let i = c.penalties.len();
                c.penalties.push(1.0 - quality);
                let mut sl = Vec::new();
                if let Some(pi) = principle {
                    c.links[pi].push((i, LinkKind::Explicit, 1.0));
                    sl.push((pi, 1.0));
                }
                c.story_links.push(sl);
            }
            Fix::Question { question } => c.question_blanks[question] -= 1,
            Fix::OverReliance => c.over = c.over.saturating_sub(1),
            Fix::None => {}
        }
        c.recompute();
        c.overall()
    }

    /// The simulated gain of fixing each issue, in points.
    pub fn gains(&self, issues: &[Issue]) -> Vec<f64> {
        let r = super::rules::rules();
        let base = self.overall();
        issues
            .iter()
            .map(|i| (self.overall_with(self.fix_for(i, r)) - base).max(0.0))
            .collect()
    }
}

fn quality(penalty: f64) -> f64 {
    (1.0 - penalty).clamp(0.0, 1.0)
}

/// The quality penalty of a story finding.
pub fn penalty(kind: FindingKind, r: &Rules) -> f64 {
    let s = &r.score;
    match kind {
        FindingKind::MissingPart => s.penalty_missing_part,
        FindingKind::UnfinishedPart => s.penalty_unfinished_part,
        FindingKind::NoMetric => s.penalty_no_metric,
        FindingKind::WeHeavy => s.penalty_we_heavy,
        FindingKind::Length => s.penalty_length,
        _ => 0.0,
    }
}
