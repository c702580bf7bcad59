//! `loopcoach history [--json]`: progress over time per principle and topic, from every mock
//! and analysed answer (see `loopcoach_practice::history`).

use anyhow::Result;
use loopcoach_practice::history::{self, ScoredAnswer};

use crate::ctx::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON (docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let store = ctx.store()?;
    let rows: Vec<ScoredAnswer> = history::scored_answers(&store)?;
    let h = history::summarize(&rows);
    if a.json {
        return crate::ctx::print_json(&h);
    }
    if h.answers == 0 {
        return crate::out::line(ctx.t("history-empty", &[]));
    }
    let fw = loopcoach_core::Framework::shared();
    let mut table = crate::table::new(vec![
        ctx.t("history-header-subject", &[]),
        ctx.t("history-header-answers", &[]),
        ctx.t("history-header-last", &[]),
        ctx.t("history-header-average", &[]),
        ctx.t("history-header-trend", &[]),
    ]);
    for (p, named) in h
        .principles
        .iter()
        .map(|p| (p, true))
        .chain(h.topics.iter().map(|t| (t, false)))
    {
        let name = if named {
            fw.name(&p.key, ctx.lang)
        } else {
            p.key.clone()
        };
        crate::table::add(
            &mut table,
            vec![
                name,
                p.answers.to_string(),
                p.last.to_string(),
                format!("{:.0}", p.average),
                p.trend.arrow().to_string(),
            ],
        );
    }
    crate::out::line(format!(
        "{}\n{}",
        ctx.t(
            "history-sessions",
            &[
                ("sessions", h.sessions.into()),
                ("answers", h.answers.into())
            ]
        ),
        table
    ))
}
