//! Drilling a group's banks: every member has their own FSRS state of every card, scheduled by
//! loopcoach-practice's [`Scheduler`] (the reference `fsrs` crate, with the CLI's default
//! learning and relearning steps). Pure: "now" and the state before come in, the state after
//! goes out; the storage keeps it, one transaction a review.

use loopcoach_practice::schedule::DEFAULT_RETENTION;
use loopcoach_practice::{Card, CardState, Rating, Review, Scheduler, Steps};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::model::Invalid;

/// A rating as posted: which card of which bank, and 1 (again) to 4 (easy).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewDrillRating {
    pub bank: String,
    pub card: String,
    pub rating: i64,
}

/// A rating checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDrillRating {
    pub bank: String,
    pub card: String,
    pub rating: Rating,
}

impl NewDrillRating {
    pub fn validate(self) -> Result<ValidDrillRating, Invalid> {
        let bank = super::banks::bank_name(&self.bank).map_err(|mut e| {
            e.field = "bank".into();
            e
        })?;
        let card = self.card.trim().to_owned();
        if card.is_empty() || card.len() > 200 {
            return Err(Invalid {
                field: "card".into(),
                problem: "must be a card id".into(),
            });
        }
        let rating = u8::try_from(self.rating)
            .ok()
            .and_then(Rating::from_u8)
            .ok_or_else(|| Invalid {
                field: "rating".into(),
                problem: "must be 1 (again), 2 (hard), 3 (good) or 4 (easy)".into(),
            })?;
        Ok(ValidDrillRating { bank, card, rating })
    }
}

/// The scheduler every member's drill uses: FSRS's default parameters and retention, with
/// the CLI's default steps (a new card comes back after a minute, a lapse after ten).
pub fn scheduler() -> Result<Scheduler, Invalid> {
    Scheduler::new(None, DEFAULT_RETENTION)
        .map(|s| s.with_steps(Steps::default_learning(), Steps::default_relearning()))
        .map_err(|e| Invalid {
            field: "rating".into(),
            problem: e.to_string(),
        })
}

/// Schedule one review of `card` (its state before, if it was ever reviewed) at `now`.
pub fn review(
    card: &str,
    before: Option<&CardState>,
    rating: Rating,
    now: OffsetDateTime,
) -> Result<(CardState, Review), Invalid> {
    scheduler()?
        .review(card, before, rating, now)
        .map_err(|e| Invalid {
            field: "rating".into(),
            problem: e.to_string(),
        })
}

/// A card to drill, with where it is from and the member's state of it (none when new).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCard {
    pub bank: String,
    pub card: Card,
    pub state: Option<CardState>,
}

/// The answer to "what next": the card to drill now (none when nothing is due), how many
/// are due and new, and when the next one falls due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrillNext {
    pub card: Option<DueCard>,
    pub due: i64,
    pub new: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_due: Option<String>,
}

/// Days in a row with at least one review, ending today, or yesterday when today has none
/// yet (a streak is not broken before the day is over). `days` in any order, repeats allowed.
pub fn streak(days: &[Date], today: Date) -> u32 {
    let mut sorted: Vec<Date> = days.iter().copied().filter(|d| *d <= today).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut day = match sorted.last() {
        Some(&d) if d == today => today,
        Some(&d) if today.previous_day() == Some(d) => d,
        _ => return 0,
    };
    let mut n = 0;
    for d in sorted.iter().rev() {
        if *d != day {
            break;
        }
        n += 1;
        match day.previous_day() {
            Some(p) => day = p,
            None => break,
        }
    }
    n
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use loopcoach_practice::Phase;
    use time::macros::{date, datetime};

    #[test]
    fn ratings_are_1_to_4_on_a_named_card() {
        let ok = NewDrillRating {
            bank: "study".into(),
            card: " ownership-01 ".into(),
            rating: 3,
        }
        .validate()
        .unwrap();
        assert_eq!(
            (ok.card.as_str(), ok.rating),
            ("ownership-01", Rating::Good)
        );
        for (bank, card, rating, field) in [
            ("study", "c", 0, "rating"),
            ("study", "c", 5, "rating"),
            ("study", "c", -1, "rating"),
            ("study", " ", 3, "card"),
            ("Bad bank", "c", 3, "bank"),
        ] {
            let e = NewDrillRating {
                bank: bank.into(),
                card: card.into(),
                rating,
            }
            .validate()
            .unwrap_err();
            assert_eq!(e.field, field, "{bank} {card} {rating}");
        }
    }

    #[test]
    fn reviews_go_through_fsrs_with_steps() {
        let now = datetime!(2026-03-01 09:00 UTC);
        let (s1, r1) = review("c", None, Rating::Good, now).unwrap();
        // One learning step of a minute: "good" on a new card graduates it to days.
        assert_eq!(s1.phase, Phase::Review);
        assert!(s1.interval_days >= 1);
        assert_eq!((s1.reps, r1.rating), (1, Rating::Good));
        let (again, _) = review("c", None, Rating::Again, now).unwrap();
        assert_eq!(again.phase, Phase::Learning);
        assert_eq!(again.due, now + time::Duration::minutes(1));
        // A later "easy" pushes the card further out than "hard".
        let later = s1.due;
        let (easy, _) = review("c", Some(&s1), Rating::Easy, later).unwrap();
        let (hard, _) = review("c", Some(&s1), Rating::Hard, later).unwrap();
        assert!(easy.due > hard.due);
        assert_eq!(easy.reps, 2);
    }

    #[test]
    fn a_streak_counts_days_in_a_row_up_to_today_or_yesterday() {
        let today = date!(2026 - 03 - 10);
        assert_eq!(streak(&[], today), 0);
        let run = [
            date!(2026 - 03 - 10),
            date!(2026 - 03 - 09),
            date!(2026 - 03 - 09),
            date!(2026 - 03 - 08),
            date!(2026 - 03 - 06),
        ];
        assert_eq!(streak(&run, today), 3);
        // Nothing today yet: the run up to yesterday still counts.
        assert_eq!(streak(&run[1..], today), 2);
        // A gap of a whole day breaks it.
        assert_eq!(streak(&[date!(2026 - 03 - 08)], today), 0);
        // Days after "today" (another time zone's clock) do not count.
        assert_eq!(streak(&[date!(2026 - 03 - 11)], today), 0);
    }
}
