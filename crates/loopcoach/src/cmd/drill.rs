//! `loopcoach drill | due | stats | review | optimize`: FSRS practice over every card.

use anyhow::{Context, Result};
use loopcoach_core::i18n::Arg;
use loopcoach_practice::drill::{DrillItem, DueCard, due_queue, stats};
use loopcoach_practice::schedule::{Optimized, optimize};
use loopcoach_practice::{Rating, cards::draft_for};

use super::deck::{self, FilterArgs, all_cards};
use crate::ctx::{Ctx, print_json, rfc3339};
use crate::table::{new as table, short};

#[derive(Debug, clap::Args)]
pub struct DrillArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many cards
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The time to drill at (RFC 3339) instead of the clock
    #[arg(long)]
    pub now: Option<String>,
}

pub fn drill(ctx: &Ctx, a: &DrillArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let docs = store.workspace()?;
    let f = a.filter.filter()?;
    let cards: Vec<_> = all_cards(ctx, &store, &docs)?
        .into_iter()
        .filter(|c| f.matches(c))
        .collect();
    let states = deck::states(&store)?;
    let now = deck::now(ctx, a.now.as_deref())?;
    let queue = due_queue(&cards, &states, now, Some(a.limit));
    if queue.is_empty() {
        println!("{}", ctx.t("drill-none", &[]));
        return Ok(());
    }
    let items: Vec<DrillItem> = queue
        .iter()
        .map(|c| DrillItem {
            card: c,
            state: states.get(&c.id).cloned(),
            draft: draft_for(c, &docs),
        })
        .collect();
    let scheduler = deck::scheduler(&store)?;
    let fixed = a.now.is_some();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    loopcoach_practice::drill::run(
        &mut input,
        &mut out,
        &ctx.msg,
        &items,
        &scheduler,
        || if fixed { now } else { ctx.now() },
        |state, review| {
            deck::record(&mut store, state, review)
                .map_err(|e| loopcoach_practice::PracticeError::Bank(e.to_string()))
        },
    )?;
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The time to look at (RFC 3339) instead of the clock
    #[arg(long)]
    pub now: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn due(ctx: &Ctx, a: &DueArgs) -> Result<()> {
    let store = ctx.store()?;
    let docs = store.workspace()?;
    let f = a.filter.filter()?;
    let cards: Vec<_> = all_cards(ctx, &store, &docs)?
        .into_iter()
        .filter(|c| f.matches(c))
        .collect();
    let states = deck::states(&store)?;
    let now = deck::now(ctx, a.now.as_deref())?;
    let queue: Vec<DueCard> = due_queue(&cards, &states, now, None)
        .into_iter()
        .map(|c| DueCard {
            id: c.id.clone(),
            kind: c.kind,
            topic: c.topic.clone(),
            principle: c.principle.clone(),
            question: c.question.get(ctx.lang).to_string(),
            due: states.get(&c.id).map(|s| s.due),
        })
        .collect();
    if a.json {
        return print_json(&queue);
    }
    if queue.is_empty() {
        println!("{}", ctx.t("due-none", &[]));
        return Ok(());
    }
    let new = queue.iter().filter(|d| d.due.is_none()).count();
    println!(
        "{}",
        ctx.t(
            "due-summary",
            &[
                ("count", Arg::from(queue.len())),
                ("new", Arg::from(new)),
                ("review", Arg::from(queue.len() - new))
            ]
        )
    );
    let mut t = table(vec![
        ctx.t("col-id", &[]),
        ctx.t("col-topic", &[]),
        ctx.t("col-due", &[]),
        ctx.t("col-question", &[]),
    ]);
    for d in queue.iter().take(50) {
        t.add_row(vec![
            d.id.clone(),
            d.topic.clone().or(d.principle.clone()).unwrap_or_default(),
            d.due
                .map(|t| t.date().to_string())
                .unwrap_or_else(|| "new".into()),
            short(&d.question, 50),
        ]);
    }
    println!("{t}");
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub now: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn stats_cmd(ctx: &Ctx, a: &StatsArgs) -> Result<()> {
    let store = ctx.store()?;
    let docs = store.workspace()?;
    let cards = all_cards(ctx, &store, &docs)?;
    let states = deck::states(&store)?;
    let log = deck::review_log(&store)?;
    let now = deck::now(ctx, a.now.as_deref())?;
    let s = stats(&cards, &states, &log, now);
    if a.json {
        return print_json(&s);
    }
    let retention = s
        .retention
        .map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "-".into());
    println!(
        "{}",
        ctx.t(
            "stats-summary",
            &[
                ("cards", Arg::from(s.cards)),
                ("reviewed", Arg::from(s.reviewed)),
                ("due", Arg::from(s.due)),
                ("reviews", Arg::from(s.reviews)),
                ("retention", Arg::from(retention)),
            ]
        )
    );
    if !s.per_day.is_empty() {
        println!("{}", ctx.t("stats-per-day", &[]));
        for (d, n) in &s.per_day {
            println!("  {d}  {n}");
        }
    }
    println!("{}", ctx.t("stats-per-group", &[]));
    let mut t = table(vec![
        ctx.t("col-topic", &[]),
        ctx.t("col-cards", &[]),
        ctx.t("col-reviewed", &[]),
        ctx.t("col-due", &[]),
    ]);
    for (g, v) in &s.per_group {
        t.add_row(vec![
            g.clone(),
            v.cards.to_string(),
            v.reviewed.to_string(),
            v.due.to_string(),
        ]);
    }
    println!("{t}");
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The card's id (`loopcoach cards` lists them)
    pub card_id: String,
    /// again, hard, good or easy
    #[arg(long)]
    pub rating: String,
    /// When the review happened (RFC 3339) instead of the clock
    #[arg(long)]
    pub now: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn review(ctx: &Ctx, a: &ReviewArgs) -> Result<()> {
    let rating: Rating = a.rating.parse()?;
    let mut store = ctx.store()?;
    let docs = store.workspace()?;
    if !all_cards(ctx, &store, &docs)?
        .iter()
        .any(|c| c.id == a.card_id)
    {
        anyhow::bail!(ctx.t("error-no-card", &[("id", Arg::from(&a.card_id))]));
    }
    let now = deck::now(ctx, a.now.as_deref())?;
    let before = store
        .card_state(&a.card_id)?
        .map(|r| deck::state_from_row(&r))
        .transpose()?;
    let (state, log) = deck::scheduler(&store)?.review(&a.card_id, before.as_ref(), rating, now)?;
    deck::record(&mut store, &state, &log)?;
    if a.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            state: &'a loopcoach_practice::CardState,
            rating: Rating,
        }
        return print_json(&Out {
            state: &state,
            rating,
        });
    }
    println!(
        "{}",
        ctx.t(
            "review-done",
            &[
                ("id", Arg::from(&a.card_id)),
                ("rating", Arg::from(rating.as_str())),
                ("due", Arg::from(rfc3339(state.due))),
                ("days", Arg::from(state.interval_days)),
            ]
        )
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// Also set the desired retention (0.70 to 0.99; default 0.9)
    #[arg(long)]
    pub retention: Option<f32>,
}

pub fn optimize_cmd(ctx: &Ctx, a: &OptimizeArgs) -> Result<()> {
    let mut store = ctx.store()?;
    if let Some(r) = a.retention {
        loopcoach_practice::Scheduler::new(None, r)?;
        store.transact(|tx| tx.set_practice_setting(deck::RETENTION_KEY, &r.to_string()))?;
    }
    let log = deck::review_log(&store)?;
    match optimize(&log)? {
        Optimized::NotEnough { reviews, needed } => {
            println!(
                "{}",
                ctx.t(
                    "optimize-not-enough",
                    &[
                        ("reviews", Arg::from(reviews)),
                        ("needed", Arg::from(needed))
                    ]
                )
            );
        }
        Optimized::Fitted {
            reviews,
            parameters,
        } => {
            let json = serde_json::to_string(&parameters).context("parameters")?;
            store.transact(|tx| tx.set_practice_setting(deck::PARAMETERS_KEY, &json))?;
            println!(
                "{}",
                ctx.t("optimize-done", &[("reviews", Arg::from(reviews))])
            );
        }
    }
    Ok(())
}
