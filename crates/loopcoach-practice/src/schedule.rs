//! Scheduling by FSRS, through the reference implementation (the `fsrs` crate).
//!
//! No formula lives here: the crate computes the next memory state and interval; this module
//! only turns days into dates. "Now" is always an argument, so a test fixes the clock. The
//! interval is the crate's interval rounded to whole days, at least one day. `optimize` fits
//! the user's own parameters from their review log with the crate's optimizer.
//!
//! **Learning and relearning steps** (Anki's): a card rated "again" comes back within the
//! session instead of tomorrow. A new card is in learning until it passes its last learning
//! step (default one step of 1 minute); a reviewed card rated "again" relearns through the
//! relearning steps (default 10 minutes). "Hard" repeats the step, "good" moves to the next
//! step or graduates, "easy" graduates at once. The `fsrs` crate has no steps of its own: it
//! gives the memory state for reviews on the same day (FSRS-6's short-term stability, with
//! zero days elapsed), which every step review passes through, and the interval in days at
//! graduation. With no steps (`Steps::none()`) every rating gives whole days, as before.

use std::collections::BTreeMap;
use std::str::FromStr;

use fsrs::{
    ComputeParametersInput, DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview, MemoryState,
    compute_parameters,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::PracticeError;

/// Desired retention when the user has not set one.
pub const DEFAULT_RETENTION: f32 = 0.9;
/// Reviews needed before `optimize` fits parameters (fewer give the defaults back).
pub const MIN_REVIEWS_TO_OPTIMIZE: usize = 100;

const DAY: i64 = 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub fn from_u8(n: u8) -> Option<Rating> {
        match n {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }
}

impl FromStr for Rating {
    type Err = PracticeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "again" | "1" | "a" => Ok(Rating::Again),
            "hard" | "2" | "h" => Ok(Rating::Hard),
            "good" | "3" | "g" => Ok(Rating::Good),
            "easy" | "4" | "e" => Ok(Rating::Easy),
            _ => Err(PracticeError::BadRating(s.to_string())),
        }
    }
}

/// Where a card stands: taking it in, in review, or relearning after a lapse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Learning,
    #[default]
    Review,
    Relearning,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }
    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "learning" => Some(Phase::Learning),
            "review" => Some(Phase::Review),
            "relearning" => Some(Phase::Relearning),
            _ => None,
        }
    }
}

/// Learning or relearning steps: delays within a session, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Steps(pub Vec<time::Duration>);

impl Steps {
    /// No steps: every rating schedules whole days.
    pub fn none() -> Steps {
        Steps(Vec::new())
    }
    /// The default learning steps: one of 1 minute.
    pub fn default_learning() -> Steps {
        Steps(vec![time::Duration::minutes(1)])
    }
    /// The default relearning steps: one of 10 minutes.
    pub fn default_relearning() -> Steps {
        Steps(vec![time::Duration::minutes(10)])
    }
    /// Steps as written: `1m,10m`, `30s 5m 1h`, `1d` (`s`, `m`, `h`, `d`; a bare number is
    /// minutes); empty or `none` for no steps. Each step is at least a second, under 2 days.
    pub fn parse(s: &str) -> Result<Steps, PracticeError> {
        let s = s.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("none") {
            return Ok(Steps::none());
        }
        let mut out = Vec::new();
        for w in s.split([',', ' ']).map(str::trim).filter(|w| !w.is_empty()) {
            let (num, unit) = match w.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => w.split_at(i),
                None => (w, "m"),
            };
            let n: i64 = num
                .parse()
                .map_err(|_| PracticeError::BadSteps(w.to_string()))?;
            let d = match unit.to_ascii_lowercase().as_str() {
                "s" => time::Duration::seconds(n),
                "m" | "min" => time::Duration::minutes(n),
                "h" => time::Duration::hours(n),
                "d" => time::Duration::days(n),
                _ => return Err(PracticeError::BadSteps(w.to_string())),
            };
            if d < time::Duration::seconds(1) || d >= time::Duration::days(2) {
                return Err(PracticeError::BadSteps(w.to_string()));
            }
            out.push(d);
        }
        Ok(Steps(out))
    }
    /// As `parse` reads them back (`1m,10m`).
    pub fn render(&self) -> String {
        if self.0.is_empty() {
            return "none".into();
        }
        self.0
            .iter()
            .map(|d| {
                let s = d.whole_seconds();
                if s % 86_400 == 0 {
                    format!("{}d", s / 86_400)
                } else if s % 3_600 == 0 {
                    format!("{}h", s / 3_600)
                } else if s % 60 == 0 {
                    format!("{}m", s / 60)
                } else {
                    format!("{s}s")
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }
    /// The delay of "hard" at step `i`: the mean of this step and the next on the first step
    /// (Anki's), else this step again; 1.5 times a single step.
    fn hard(&self, i: usize) -> Option<time::Duration> {
        let here = *self.0.get(i)?;
        Some(match (i, self.0.get(1)) {
            (0, Some(next)) => (here + *next) / 2,
            (0, None) => here * 1.5,
            _ => here,
        })
    }
}

/// A card's schedule after its latest review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardState {
    pub card_id: String,
    pub stability: f32,
    pub difficulty: f32,
    #[serde(with = "time::serde::rfc3339")]
    pub due: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_review: OffsetDateTime,
    pub reps: u32,
    pub lapses: u32,
    /// Days from the review to `due` (0 within a learning or relearning step).
    pub interval_days: u32,
    pub phase: Phase,
    /// The learning or relearning step the card is at (`None` in review).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
}

/// One review, as logged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub card_id: String,
    pub rating: Rating,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub elapsed_days: u32,
    pub scheduled_days: u32,
}

/// FSRS with the user's parameters and desired retention.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    pub desired_retention: f32,
    pub learning: Steps,
    pub relearning: Steps,
}

impl Scheduler {
    /// `parameters`: the user's fitted parameters, or `None` for the crate's defaults.
    pub fn new(
        parameters: Option<&[f32]>,
        desired_retention: f32,
    ) -> Result<Scheduler, PracticeError> {
        if !(0.7..=0.99).contains(&desired_retention) {
            return Err(PracticeError::BadRetention(desired_retention));
        }
        let fsrs = FSRS::new(parameters.unwrap_or(&DEFAULT_PARAMETERS))
            .map_err(|e| PracticeError::Fsrs(e.to_string()))?;
        Ok(Scheduler {
            fsrs,
            desired_retention,
            learning: Steps::none(),
            relearning: Steps::none(),
        })
    }

    /// The same scheduler with learning and relearning steps.
    pub fn with_steps(mut self, learning: Steps, relearning: Steps) -> Scheduler {
        self.learning = learning;
        self.relearning = relearning;
        self
    }

    /// Rate `card_id` at `now`, given its state before (`None` for a new card).
    pub fn review(
        &self,
        card_id: &str,
        before: Option<&CardState>,
        rating: Rating,
        now: OffsetDateTime,
    ) -> Result<(CardState, Review), PracticeError> {
        let elapsed = before
            .map(|b| ((now - b.last_review).whole_seconds().max(0) / DAY) as u32)
            .unwrap_or(0);
        let memory = before.map(|b| MemoryState {
            stability: b.stability,
            difficulty: b.difficulty,
        });
        let next = self
            .fsrs
            .next_states(memory, self.desired_retention, elapsed)
            .map_err(|e| PracticeError::Fsrs(e.to_string()))?;
        let chosen = match rating {
            Rating::Again => next.again,
            Rating::Hard => next.hard,
            Rating::Good => next.good,
            Rating::Easy => next.easy,
        };
        let now = now.replace_nanosecond(0).unwrap_or(now);
        // The step the card goes to (`None`: it graduates or stays in review).
        let phase_before = match before {
            None => Phase::Learning,
            Some(b) => b.phase,
        };
        let (steps, step_phase) = match phase_before {
            Phase::Learning => (&self.learning, Phase::Learning),
            Phase::Review | Phase::Relearning => (&self.relearning, Phase::Relearning),
        };
        let at = before.and_then(|b| b.step).unwrap_or(0) as usize;
        let next_step: Option<(usize, time::Duration)> = match (phase_before, rating) {
            (_, Rating::Easy) => None,
            (Phase::Review, Rating::Again) => steps.0.first().map(|d| (0, *d)),
            (Phase::Review, _) => None,
            (_, Rating::Again) => steps.0.first().map(|d| (0, *d)),
            (_, Rating::Hard) => steps.hard(at).map(|d| (at, d)),
            (_, Rating::Good) => steps.0.get(at + 1).map(|d| (at + 1, *d)),
        };
        let (due, days, phase, step) = match next_step {
            Some((i, delay)) => (now.checked_add(delay), 0, step_phase, Some(i as u32)),
            None => {
                let days = chosen.interval.round().max(1.0) as u32;
                let due = now.checked_add(time::Duration::days(i64::from(days)));
                (due, days, Phase::Review, None)
            }
        };
        let state = CardState {
            card_id: card_id.to_string(),
            stability: chosen.memory.stability,
            difficulty: chosen.memory.difficulty,
            due: due.ok_or_else(|| PracticeError::TimeOutOfRange(now.year()))?,
            last_review: now,
            reps: before.map(|b| b.reps).unwrap_or(0) + 1,
            lapses: before.map(|b| b.lapses).unwrap_or(0)
                + u32::from(rating == Rating::Again && phase_before == Phase::Review),
            interval_days: days,
            phase,
            step,
        };
        let review = Review {
            card_id: card_id.to_string(),
            rating,
            at: now,
            elapsed_days: elapsed,
            scheduled_days: days,
        };
        Ok((state, review))
    }
}

/// The outcome of `optimize`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Optimized {
    /// Fewer reviews than needed; nothing changed.
    NotEnough { reviews: usize, needed: usize },
    Fitted {
        reviews: usize,
        parameters: Vec<f32>,
    },
}

/// Fit FSRS parameters from a review log: `(card_id, rating, at)` in any order.
pub fn optimize(log: &[(String, Rating, OffsetDateTime)]) -> Result<Optimized, PracticeError> {
    if log.len() < MIN_REVIEWS_TO_OPTIMIZE {
        return Ok(Optimized::NotEnough {
            reviews: log.len(),
            needed: MIN_REVIEWS_TO_OPTIMIZE,
        });
    }
    let mut by_card: BTreeMap<&str, Vec<(OffsetDateTime, Rating)>> = BTreeMap::new();
    for (id, r, at) in log {
        by_card.entry(id.as_str()).or_default().push((*at, *r));
    }
    let mut train_set = Vec::new();
    for reviews in by_card.values_mut() {
        reviews.sort_by_key(|(at, _)| *at);
        let mut seq = Vec::with_capacity(reviews.len());
        let mut prev: Option<OffsetDateTime> = None;
        for (at, r) in reviews.iter() {
            let delta = prev
                .map(|p| ((*at - p).whole_seconds().max(0) / DAY) as u32)
                .unwrap_or(0);
            seq.push(FSRSReview {
                rating: *r as u32,
                delta_t: delta,
            });
            prev = Some(*at);
            if seq.len() >= 2 {
                train_set.push(FSRSItem {
                    reviews: seq.clone(),
                });
            }
        }
    }
    let parameters = compute_parameters(ComputeParametersInput {
        train_set,
        ..ComputeParametersInput::default()
    })
    .map_err(|e| PracticeError::Fsrs(e.to_string()))?;
    Ok(Optimized::Fitted {
        reviews: log.len(),
        parameters,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_review_at_the_end_of_time_is_an_error_not_a_panic() {
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let end = datetime!(9999-12-31 23:59:59 UTC);
        assert!(matches!(
            s.review("c", None, Rating::Easy, end),
            Err(PracticeError::TimeOutOfRange(9999))
        ));
    }

    fn run(ratings: &[(Rating, OffsetDateTime)]) -> Vec<CardState> {
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let mut state: Option<CardState> = None;
        let mut out = vec![];
        for (r, at) in ratings {
            let (next, _) = s.review("c", state.as_ref(), *r, *at).unwrap();
            out.push(next.clone());
            state = Some(next);
        }
        out
    }

    #[test]
    fn known_intervals_for_a_rating_sequence() {
        // Computed once with fsrs 6.6.2 and default parameters at retention 0.9; a change here
        // means the crate (or our use of it) changed.
        let t0 = datetime!(2026-12-01 09:00 UTC);
        let seq = [
            (Rating::Good, t0),
            (Rating::Good, datetime!(2026-12-03 09:00 UTC)),
            (Rating::Again, datetime!(2026-12-20 09:00 UTC)),
            (Rating::Good, datetime!(2026-12-21 09:00 UTC)),
            (Rating::Easy, datetime!(2026-12-25 09:00 UTC)),
        ];
        let got: Vec<u32> = run(&seq).iter().map(|s| s.interval_days).collect();
        assert_eq!(got, KNOWN);
        let states = run(&seq);
        assert_eq!(states[0].due, datetime!(2026-12-03 09:00 UTC));
        assert_eq!(states[2].lapses, 1);
        assert_eq!(states[4].reps, 5);
    }
    const KNOWN: [u32; 5] = [2, 11, 2, 4, 15];

    #[test]
    fn good_then_good_grows_and_first_ratings_order() {
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let t0 = datetime!(2026-12-01 09:00 UTC);
        let first: Vec<u32> = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy]
            .iter()
            .map(|r| s.review("c", None, *r, t0).unwrap().0.interval_days)
            .collect();
        assert!(first.windows(2).all(|w| w[0] <= w[1]), "{first:?}");
        let (a, _) = s.review("c", None, Rating::Good, t0).unwrap();
        let (b, _) = s
            .review("c", Some(&a), Rating::Good, datetime!(2026-12-05 09:00 UTC))
            .unwrap();
        assert!(
            b.interval_days > a.interval_days,
            "{} then {}",
            a.interval_days,
            b.interval_days
        );
    }

    #[test]
    fn higher_retention_means_shorter_intervals() {
        let t0 = datetime!(2026-12-01 09:00 UTC);
        let lo = Scheduler::new(None, 0.8).unwrap();
        let hi = Scheduler::new(None, 0.97).unwrap();
        let (a, _) = lo.review("c", None, Rating::Easy, t0).unwrap();
        let (b, _) = hi.review("c", None, Rating::Easy, t0).unwrap();
        assert!(b.interval_days < a.interval_days);
        assert!(Scheduler::new(None, 1.5).is_err());
    }

    #[test]
    fn optimize_needs_enough_reviews_then_fits() {
        let t0 = datetime!(2026-01-01 09:00 UTC);
        let few = vec![("a".to_string(), Rating::Good, t0)];
        assert!(matches!(
            optimize(&few).unwrap(),
            Optimized::NotEnough { reviews: 1, .. }
        ));
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let mut log = vec![];
        for c in 0..60 {
            let id = format!("c{c}");
            let mut state: Option<CardState> = None;
            let mut at = t0;
            for k in 0..4 {
                let r = if (c + k) % 5 == 0 {
                    Rating::Again
                } else {
                    Rating::Good
                };
                let (n, _) = s.review(&id, state.as_ref(), r, at).unwrap();
                log.push((id.clone(), r, at));
                at = n.due;
                state = Some(n);
            }
        }
        match optimize(&log).unwrap() {
            Optimized::Fitted { parameters, .. } => {
                assert_eq!(parameters.len(), 21);
                assert!(Scheduler::new(Some(&parameters), 0.9).is_ok());
            }
            o => panic!("{o:?}"),
        }
    }

    fn stepped() -> Scheduler {
        Scheduler::new(None, DEFAULT_RETENTION)
            .unwrap()
            .with_steps(Steps::default_learning(), Steps::default_relearning())
    }

    #[test]
    fn again_on_a_new_card_comes_back_in_a_minute_and_good_graduates() {
        let s = stepped();
        let t0 = datetime!(2026-12-07 10:00 UTC);
        let (a, r) = s.review("c", None, Rating::Again, t0).unwrap();
        assert_eq!(a.due, datetime!(2026-12-07 10:01 UTC));
        assert_eq!(
            (a.phase, a.step, a.interval_days),
            (Phase::Learning, Some(0), 0)
        );
        assert_eq!(r.scheduled_days, 0);
        assert_eq!(a.lapses, 0, "failing a new card is not a lapse");
        let (b, _) = s
            .review("c", Some(&a), Rating::Good, datetime!(2026-12-07 10:02 UTC))
            .unwrap();
        assert_eq!((b.phase, b.step), (Phase::Review, None));
        assert!(b.interval_days >= 1);
        // good on a brand-new card with one learning step graduates at once (whole days)
        let (g, _) = s.review("d", None, Rating::Good, t0).unwrap();
        assert_eq!(g.phase, Phase::Review);
        assert!(g.due - t0 >= time::Duration::days(1));
    }

    #[test]
    fn a_lapse_relearns_in_ten_minutes_then_graduates_again() {
        let s = stepped();
        let t0 = datetime!(2026-12-01 09:00 UTC);
        let (a, _) = s.review("c", None, Rating::Good, t0).unwrap();
        let t1 = a.due;
        let (b, _) = s.review("c", Some(&a), Rating::Again, t1).unwrap();
        assert_eq!(b.due, t1 + time::Duration::minutes(10));
        assert_eq!((b.phase, b.step, b.lapses), (Phase::Relearning, Some(0), 1));
        // again while relearning: back to the first step, not another lapse
        let (c, _) = s.review("c", Some(&b), Rating::Again, b.due).unwrap();
        assert_eq!((c.phase, c.lapses), (Phase::Relearning, 1));
        // hard on a single step: one and a half times it
        let (h, _) = s.review("c", Some(&c), Rating::Hard, c.due).unwrap();
        assert_eq!(h.due, c.due + time::Duration::minutes(15));
        let (d, _) = s.review("c", Some(&h), Rating::Good, h.due).unwrap();
        assert_eq!(d.phase, Phase::Review);
        assert!(d.interval_days >= 1);
    }

    #[test]
    fn several_steps_are_walked_in_order_and_easy_skips_them() {
        let s = Scheduler::new(None, DEFAULT_RETENTION)
            .unwrap()
            .with_steps(Steps::parse("1m, 10m 1h").unwrap(), Steps::none());
        let t0 = datetime!(2026-12-01 09:00 UTC);
        let (a, _) = s.review("c", None, Rating::Good, t0).unwrap();
        assert_eq!((a.step, a.due), (Some(1), t0 + time::Duration::minutes(10)));
        let (h, _) = s.review("c", None, Rating::Hard, t0).unwrap();
        assert_eq!(
            h.due,
            t0 + time::Duration::seconds(330),
            "mean of 1m and 10m"
        );
        let (b, _) = s.review("c", Some(&a), Rating::Good, a.due).unwrap();
        assert_eq!((b.step, b.due), (Some(2), a.due + time::Duration::hours(1)));
        let (c, _) = s.review("c", Some(&b), Rating::Good, b.due).unwrap();
        assert_eq!(c.phase, Phase::Review);
        let (e, _) = s.review("c", None, Rating::Easy, t0).unwrap();
        assert_eq!(e.phase, Phase::Review);
        // no relearning steps: a lapse gives whole days
        let (l, _) = s.review("c", Some(&c), Rating::Again, c.due).unwrap();
        assert_eq!(l.phase, Phase::Review);
        assert!(l.interval_days >= 1);
    }

    #[test]
    fn steps_parse_render_and_refuse_nonsense() {
        assert_eq!(Steps::parse("1m,10m").unwrap().render(), "1m,10m");
        assert_eq!(Steps::parse("90s 2h 1d").unwrap().render(), "90s,2h,1d");
        assert_eq!(Steps::parse("5").unwrap().render(), "5m");
        assert_eq!(Steps::parse("none").unwrap(), Steps::none());
        assert_eq!(Steps::parse("").unwrap().render(), "none");
        for bad in ["1x", "m", "0m", "3d", "-1m"] {
            assert!(
                matches!(Steps::parse(bad), Err(PracticeError::BadSteps(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn ratings_parse() {
        assert_eq!("Good".parse::<Rating>().unwrap(), Rating::Good);
        assert_eq!("1".parse::<Rating>().unwrap(), Rating::Again);
        assert!("meh".parse::<Rating>().is_err());
    }
}
