//! Scheduling by FSRS, through the reference implementation (the `fsrs` crate).
//!
//! No formula lives here: the crate computes the next memory state and interval; this module
//! only turns days into dates. "Now" is always an argument, so a test fixes the clock. The
//! interval is the crate's interval rounded to whole days, at least one day. `optimize` fits
//! the user's own parameters from their review log with the crate's optimizer.

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
    /// Days from the review to `due`.
    pub interval_days: u32,
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
        })
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
        let days = chosen.interval.round().max(1.0) as u32;
        let now = now.replace_nanosecond(0).unwrap_or(now);
        let state = CardState {
            card_id: card_id.to_string(),
            stability: chosen.memory.stability,
            difficulty: chosen.memory.difficulty,
            due: now
                .checked_add(time::Duration::days(i64::from(days)))
                .ok_or_else(|| PracticeError::TimeOutOfRange(now.year()))?,
            last_review: now,
            reps: before.map(|b| b.reps).unwrap_or(0) + 1,
            lapses: before.map(|b| b.lapses).unwrap_or(0)
                + u32::from(rating == Rating::Again && before.is_some()),
            interval_days: days,
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

    #[test]
    fn ratings_parse() {
        assert_eq!("Good".parse::<Rating>().unwrap(), Rating::Good);
        assert_eq!("1".parse::<Rating>().unwrap(), Rating::Again);
        assert!("meh".parse::<Rating>().is_err());
    }
}
