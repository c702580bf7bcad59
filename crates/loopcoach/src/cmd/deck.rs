//! Shared by the practice commands: every card (built-in, user-added, from the notes), their
//! FSRS states from the store, and the scheduler with the user's settings.

use anyhow::Result;
use loopcoach_core::Document;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::{Card, bank};
use loopcoach_store::SqliteStore;
use time::OffsetDateTime;

use crate::ctx::Ctx;

// The deck over the store lives in the practice library (shared with the web UI's drill).
pub use loopcoach_practice::deck::{
    DaySettings, LEARNING_STEPS_KEY, NEW_PER_DAY_KEY, PARAMETERS_KEY, RELEARNING_STEPS_KEY,
    RETENTION_KEY, day_scheduler, new_budget, record, record_with_answer, review_log, state_of,
    states_of,
};
#[cfg(test)]
pub use loopcoach_practice::deck::{scheduler, states};

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
        let day = loopcoach_practice::deck::day_settings(
            store,
            self.new_limit,
            self.learning_steps.as_deref(),
            self.relearning_steps.as_deref(),
        )?;
        let (new_per_day, learning, relearning) = (day.new_per_day, day.learning, day.relearning);
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

/// Built-in cards (a broken built-in bank is reported, the rest still load), cards the user
/// added, and cards from the notes.
pub fn all_cards(ctx: &Ctx, store: &SqliteStore, docs: &[Document]) -> Result<Vec<Card>> {
    let (cards, errors) = loopcoach_practice::deck::all_cards(store, docs)?;
    for e in &errors {
        eprintln!(
            "{}",
            ctx.t(
                "bank-builtin-broken",
                &[("error", Arg::from(e.render(&ctx.msg)))]
            )
        );
    }
    Ok(cards)
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
