//! The practice deck over a workspace store: every card (built-in, user-added, from the
//! notes), their FSRS states, the scheduler with the user's settings, and recording a review
//! in one transaction. Shared by the CLI's practice commands and the web UI's drill (moved
//! here from the binary, issue 17).

use anyhow::{Context, Result};
use loopcoach_core::Document;
use loopcoach_store::{CardStateRow, SqliteStore};
use time::OffsetDateTime;

use crate::schedule::DEFAULT_RETENTION;
use crate::{Card, CardState, Phase, Rating, Scheduler, Steps, bank};

pub const PARAMETERS_KEY: &str = "fsrs.parameters";
pub const RETENTION_KEY: &str = "fsrs.desired_retention";
pub const NEW_PER_DAY_KEY: &str = "practice.new_per_day";
pub const LEARNING_STEPS_KEY: &str = "practice.learning_steps";
pub const RELEARNING_STEPS_KEY: &str = "practice.relearning_steps";

/// How a day of practice goes: new cards a day, learning and relearning steps.
#[derive(Debug, Clone)]
pub struct DaySettings {
    pub new_per_day: usize,
    pub learning: Steps,
    pub relearning: Steps,
}

/// The stored day settings (else the defaults) with the given overrides over them (the
/// CLI's `--new-limit`, `--learning-steps`, `--relearning-steps`).
pub fn day_settings(
    store: &SqliteStore,
    new_limit: Option<usize>,
    learning: Option<&str>,
    relearning: Option<&str>,
) -> Result<DaySettings> {
    let stored = |key: &str| store.practice_setting(key);
    let new_per_day = match (new_limit, stored(NEW_PER_DAY_KEY)?) {
        (Some(n), _) => n,
        (None, Some(v)) => v
            .parse()
            .with_context(|| format!("stored {NEW_PER_DAY_KEY} '{v}' is unreadable"))?,
        (None, None) => crate::queue::DEFAULT_NEW_PER_DAY,
    };
    let steps = |flag: Option<&str>, key: &str, default: Steps| -> Result<Steps> {
        Ok(match (flag, stored(key)?) {
            (Some(f), _) => Steps::parse(f)?,
            (None, Some(v)) => {
                Steps::parse(&v).with_context(|| format!("stored {key} '{v}' is unreadable"))?
            }
            (None, None) => default,
        })
    };
    Ok(DaySettings {
        new_per_day,
        learning: steps(learning, LEARNING_STEPS_KEY, Steps::default_learning())?,
        relearning: steps(
            relearning,
            RELEARNING_STEPS_KEY,
            Steps::default_relearning(),
        )?,
    })
}

/// New cards still to take in on the day of `now` (its calendar day in its own offset): the
/// day's limit less the cards first reviewed since that day began.
pub fn new_budget(store: &SqliteStore, now: OffsetDateTime, new_per_day: usize) -> Result<usize> {
    let start = now.replace_time(time::Time::MIDNIGHT).unix_timestamp();
    let taken = store.cards_first_reviewed_between(start, now.unix_timestamp())?;
    Ok(new_per_day.saturating_sub(taken))
}

/// Built-in cards, cards the user added, and cards from the notes (one per id: a built-in
/// card wins over an imported copy of it). A broken built-in bank does not stop the rest:
/// its error is returned beside the cards, for the caller to show.
pub fn all_cards(
    store: &SqliteStore,
    docs: &[Document],
) -> Result<(Vec<Card>, Vec<bank::BankError>)> {
    let (banks, errors) = bank::builtin_banks();
    let mut cards: Vec<Card> = banks.into_iter().flat_map(|b| b.cards).collect();
    for row in store.user_cards()? {
        let c: Card = serde_json::from_str(&row.body)
            .with_context(|| format!("stored card {} is unreadable", row.id))?;
        cards.push(c);
    }
    cards.extend(crate::mine_cards(docs));
    let mut seen = std::collections::HashSet::new();
    cards.retain(|c| seen.insert(c.id.clone()));
    Ok((cards, errors))
}

fn at(unix: i64) -> Result<OffsetDateTime> {
    Ok(OffsetDateTime::from_unix_timestamp(unix)?)
}

pub fn state_from_row(r: &CardStateRow) -> Result<CardState> {
    let (due, last) = (at(r.due)?, at(r.last_review)?);
    Ok(CardState {
        card_id: r.card_id.clone(),
        stability: r.stability as f32,
        difficulty: r.difficulty as f32,
        due,
        last_review: last,
        reps: r.reps as u32,
        lapses: r.lapses as u32,
        interval_days: ((r.due - r.last_review) / 86_400).max(0) as u32,
        phase: Phase::Review,
        step: None,
    })
}

/// The states of the cards among `ids` that were reviewed, with their steps.
pub fn states_of(
    store: &SqliteStore,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, CardState>> {
    let mut out = std::collections::HashMap::new();
    for r in store.card_states_of(ids)? {
        out.insert(r.card_id.clone(), state_from_row(&r)?);
    }
    for (id, phase, step) in store.card_steps_of(ids)? {
        if let (Some(s), Some(p)) = (out.get_mut(&id), Phase::parse(&phase)) {
            s.phase = p;
            s.step = u32::try_from(step).ok();
        }
    }
    Ok(out)
}

/// One card's state with its step (`None`: never reviewed).
pub fn state_of(store: &SqliteStore, id: &str) -> Result<Option<CardState>> {
    Ok(states_of(store, &[id])?.remove(id))
}

pub fn state_to_row(s: &CardState) -> CardStateRow {
    CardStateRow {
        card_id: s.card_id.clone(),
        stability: f64::from(s.stability),
        difficulty: f64::from(s.difficulty),
        due: s.due.unix_timestamp(),
        last_review: s.last_review.unix_timestamp(),
        reps: i64::from(s.reps),
        lapses: i64::from(s.lapses),
    }
}

/// Every reviewed card's state.
pub fn states(store: &SqliteStore) -> Result<std::collections::HashMap<String, CardState>> {
    let rows = store.card_states()?;
    let ids: Vec<&str> = rows.iter().map(|r| r.card_id.as_str()).collect();
    states_of(store, &ids)
}

/// The scheduler with the user's FSRS settings and the day's steps.
pub fn day_scheduler(store: &SqliteStore, day: &DaySettings) -> Result<Scheduler> {
    Ok(scheduler(store)?.with_steps(day.learning.clone(), day.relearning.clone()))
}

pub fn scheduler(store: &SqliteStore) -> Result<Scheduler> {
    let params: Option<Vec<f32>> = match store.practice_setting(PARAMETERS_KEY)? {
        Some(p) => Some(serde_json::from_str(&p).context("stored FSRS parameters are unreadable")?),
        None => None,
    };
    let retention = match store.practice_setting(RETENTION_KEY)? {
        Some(r) => r
            .parse::<f32>()
            .context("stored desired retention is unreadable")?,
        None => DEFAULT_RETENTION,
    };
    Ok(Scheduler::new(params.as_deref(), retention)?)
}

/// The review log as `(card_id, rating, at)`.
pub fn review_log(store: &SqliteStore) -> Result<Vec<(String, Rating, OffsetDateTime)>> {
    let mut out = Vec::new();
    for r in store.reviews()? {
        if let Some(rating) = Rating::from_u8(r.rating as u8) {
            out.push((r.card_id, rating, at(r.at)?));
        }
    }
    Ok(out)
}

/// Record one review in one transaction.
pub fn record(store: &mut SqliteStore, state: &CardState, review: &crate::Review) -> Result<()> {
    record_with_answer(store, state, review, None)
}

/// Record one review, its step and the answer typed with it (`(answer, covered)`, covered as
/// a JSON array of key-point indexes), in one transaction.
pub fn record_with_answer(
    store: &mut SqliteStore,
    state: &CardState,
    review: &crate::Review,
    answer: Option<(&str, &str)>,
) -> Result<()> {
    let row = loopcoach_store::ReviewRow {
        card_id: review.card_id.clone(),
        rating: review.rating as i64,
        at: review.at.unix_timestamp(),
        elapsed_days: i64::from(review.elapsed_days),
        scheduled_days: i64::from(review.scheduled_days),
    };
    let st = state_to_row(state);
    let step = state
        .step
        .filter(|_| state.phase != Phase::Review)
        .map(|n| (state.phase.as_str(), i64::from(n)));
    store.transact(|tx| -> Result<()> {
        tx.record_review(&row, &st)?;
        tx.set_card_step(&state.card_id, step)?;
        if let Some((text, covered)) = answer {
            tx.record_answer(&state.card_id, text, covered)?;
        }
        Ok(())
    })?;
    Ok(())
}
