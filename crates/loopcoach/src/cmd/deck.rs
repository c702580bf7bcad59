//! Shared by the practice commands: every card (built-in, user-added, from the notes), their
//! FSRS states from the store, and the scheduler with the user's settings.

use anyhow::{Context, Result};
use loopcoach_core::Document;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::queue::DEFAULT_NEW_PER_DAY;
use loopcoach_practice::schedule::DEFAULT_RETENTION;
use loopcoach_practice::{Card, CardState, Phase, Rating, Scheduler, Steps, bank};
use loopcoach_store::{CardStateRow, SqliteStore};
use time::OffsetDateTime;

use crate::ctx::Ctx;

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

/// The flags that set a day of practice (`drill`, `due`, `review`), stored with `--save`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DayArgs {
    /// New cards a day (default 20, or what was saved)
    #[arg(long, value_name = "N")]
    pub new_limit: Option<usize>,
    /// Learning steps of a new card, e.g. 1m or 1m,10m (default 1m; "none": none)
    #[arg(long, value_name = "STEPS")]
    pub learning_steps: Option<String>,
    /// Relearning steps after a lapse, e.g. 10m (default 10m; "none": none)
    #[arg(long, value_name = "STEPS")]
    pub relearning_steps: Option<String>,
    /// Keep --new-limit and the steps given as the defaults from now on
    #[arg(long)]
    pub save: bool,
}

impl DayArgs {
    /// The stored settings (else the defaults) with the flags over them; with `--save`, the
    /// flags given are stored (one transaction).
    pub fn settings(&self, store: &mut SqliteStore) -> Result<DaySettings> {
        let stored = |key: &str| store.practice_setting(key);
        let new_per_day = match (self.new_limit, stored(NEW_PER_DAY_KEY)?) {
            (Some(n), _) => n,
            (None, Some(v)) => v
                .parse()
                .with_context(|| format!("stored {NEW_PER_DAY_KEY} '{v}' is unreadable"))?,
            (None, None) => DEFAULT_NEW_PER_DAY,
        };
        let steps = |flag: &Option<String>, key: &str, default: Steps| -> Result<Steps> {
            Ok(match (flag, stored(key)?) {
                (Some(f), _) => Steps::parse(f)?,
                (None, Some(v)) => {
                    Steps::parse(&v).with_context(|| format!("stored {key} '{v}' is unreadable"))?
                }
                (None, None) => default,
            })
        };
        let learning = steps(
            &self.learning_steps,
            LEARNING_STEPS_KEY,
            Steps::default_learning(),
        )?;
        let relearning = steps(
            &self.relearning_steps,
            RELEARNING_STEPS_KEY,
            Steps::default_relearning(),
        )?;
        if self.save {
            store.transact(|tx| -> Result<()> {
                if let Some(n) = self.new_limit {
                    tx.set_practice_setting(NEW_PER_DAY_KEY, &n.to_string())?;
                }
                if self.learning_steps.is_some() {
                    tx.set_practice_setting(LEARNING_STEPS_KEY, &learning.render())?;
                }
                if self.relearning_steps.is_some() {
                    tx.set_practice_setting(RELEARNING_STEPS_KEY, &relearning.render())?;
                }
                Ok(())
            })?;
        }
        Ok(DaySettings {
            new_per_day,
            learning,
            relearning,
        })
    }
}

/// New cards still to take in on the day of `now` (its calendar day in its own offset): the
/// day's limit less the cards first reviewed since that day began.
pub fn new_budget(store: &SqliteStore, now: OffsetDateTime, new_per_day: usize) -> Result<usize> {
    let start = now.replace_time(time::Time::MIDNIGHT).unix_timestamp();
    let taken = store.cards_first_reviewed_between(start, now.unix_timestamp())?;
    Ok(new_per_day.saturating_sub(taken))
}

/// Built-in cards (a broken built-in bank is reported, the rest still load), cards the user
/// added, and cards from the notes.
pub fn all_cards(ctx: &Ctx, store: &SqliteStore, docs: &[Document]) -> Result<Vec<Card>> {
    let (banks, errors) = bank::builtin_banks();
    for e in &errors {
        eprintln!(
            "{}",
            ctx.t(
                "bank-builtin-broken",
                &[("error", Arg::from(e.render(&ctx.msg)))]
            )
        );
    }
    let mut cards: Vec<Card> = banks.into_iter().flat_map(|b| b.cards).collect();
    for row in store.user_cards()? {
        let c: Card = serde_json::from_str(&row.body)
            .with_context(|| format!("stored card {} is unreadable", row.id))?;
        cards.push(c);
    }
    cards.extend(loopcoach_practice::mine_cards(docs));
    // One card per id: a built-in card wins over an imported copy of it.
    let mut seen = std::collections::HashSet::new();
    cards.retain(|c| seen.insert(c.id.clone()));
    Ok(cards)
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

#[cfg(test)]
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
pub fn record(
    store: &mut SqliteStore,
    state: &CardState,
    review: &loopcoach_practice::Review,
) -> Result<()> {
    record_with_answer(store, state, review, None)
}

/// Record one review, its step and the answer typed with it (`(answer, covered)`, covered as
/// a JSON array of key-point indexes), in one transaction.
pub fn record_with_answer(
    store: &mut SqliteStore,
    state: &CardState,
    review: &loopcoach_practice::Review,
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

/// `--now` if given, else the clock.
pub fn now(ctx: &Ctx, given: Option<&str>) -> Result<OffsetDateTime> {
    match given {
        Some(s) => ctx.parse_now(s),
        None => Ok(ctx.now()),
    }
}

/// Card filter flags shared by `cards`, `drill` and `anki export`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only cards of this topic (docker, pki, token, oauth2, jwt, k8s-auth, ...)
    #[arg(long)]
    pub topic: Option<String>,
    /// Only cards of this principle (a key such as ownership, or its name)
    #[arg(long)]
    pub principle: Option<String>,
    /// Only cards from your own notes and imports
    #[arg(long)]
    pub mine: bool,
}

impl FilterArgs {
    /// The filter, with `--topic` checked against the topics there are (in any case: `JWT`
    /// is `jwt`), so a misspelt topic is told so instead of matching nothing.
    pub fn filter(&self, ctx: &Ctx) -> Result<loopcoach_practice::CardFilter> {
        let principle = match &self.principle {
            Some(p) => Some(loopcoach_practice::cards::principle_key(p).ok_or_else(|| {
                anyhow::anyhow!(ctx.t("error-unknown-principle", &[("name", Arg::from(p))]))
            })?),
            None => None,
        };
        let topic = match &self.topic {
            Some(t) => {
                // A key in any case (`JWT`), or a name in either language (`배포전략`).
                let lower = t.trim().to_lowercase();
                let key = if bank::TOPICS.contains(&lower.as_str()) {
                    lower
                } else {
                    loopcoach_notes::topic_key(t).unwrap_or(lower)
                };
                if !bank::TOPICS.contains(&key.as_str()) {
                    anyhow::bail!(ctx.t(
                        "error-unknown-topic",
                        &[
                            ("topic", Arg::from(t)),
                            ("topics", Arg::from(bank::TOPICS.join(", "))),
                        ]
                    ));
                }
                Some(key)
            }
            None => None,
        };
        Ok(loopcoach_practice::CardFilter {
            topic,
            principle,
            mine: self.mine,
        })
    }
}
