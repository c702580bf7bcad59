//! Shared by the practice commands: every card (built-in, user-added, from the notes), their
//! FSRS states from the store, and the scheduler with the user's settings.

use anyhow::{Context, Result};
use loopcoach_core::Document;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::schedule::DEFAULT_RETENTION;
use loopcoach_practice::{Card, CardState, Rating, Scheduler, bank};
use loopcoach_store::{CardStateRow, SqliteStore};
use time::OffsetDateTime;

use crate::ctx::Ctx;

pub const PARAMETERS_KEY: &str = "fsrs.parameters";
pub const RETENTION_KEY: &str = "fsrs.desired_retention";

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
    })
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
    store
        .card_states()?
        .iter()
        .map(|r| Ok((r.card_id.clone(), state_from_row(r)?)))
        .collect()
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
    let row = loopcoach_store::ReviewRow {
        card_id: review.card_id.clone(),
        rating: review.rating as i64,
        at: review.at.unix_timestamp(),
        elapsed_days: i64::from(review.elapsed_days),
        scheduled_days: i64::from(review.scheduled_days),
    };
    let st = state_to_row(state);
    store.transact(|tx| tx.record_review(&row, &st))?;
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
                let key = t.trim().to_lowercase();
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
