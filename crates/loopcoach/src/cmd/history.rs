//! `loopcoach history [--json]`: progress over time per principle and topic, from every mock
//! and analysed answer (see `loopcoach_practice::history`).

use anyhow::Result;
use loopcoach_practice::history::{self, ReadinessDay};

use crate::ctx::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON (docs/json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let store = ctx.store()?;
    let h = history::of_store(&store)?;
    if a.json {
        return crate::ctx::print_json(&h);
    }
    let readiness = readiness_line(ctx, &h.readiness);
    if h.answers == 0 {
        let empty = ctx.t("history-empty", &[]);
        return crate::out::line(match readiness {
            Some(r) => format!("{r}\n{empty}"),
            None => empty,
        });
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
        "{}{}\n{}",
        readiness.map(|r| r + "\n").unwrap_or_default(),
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

/// A block sparkline of `values` (0..=100), at most `width` of the latest.
fn sparkline(values: &[u32], width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let start = values.len().saturating_sub(width);
    values[start..]
        .iter()
        .map(|v| BARS[((*v).min(100) as usize * (BARS.len() - 1) + 50) / 100])
        .collect()
}

/// "Readiness 41 → 58 ▂▃▅▇ (first day → last day)", or `None` before anything was recorded.
fn readiness_line(ctx: &Ctx, days: &[ReadinessDay]) -> Option<String> {
    let (first, last) = (days.first()?, days.last()?);
    if days.len() == 1 {
        return Some(ctx.t(
            "history-readiness-one",
            &[
                ("last", last.overall.into()),
                ("to", last.date.as_str().into()),
            ],
        ));
    }
    let values: Vec<u32> = days.iter().map(|d| d.overall).collect();
    // The sparkline takes what is left of the terminal after the words.
    let width = crate::table::terminal_width()
        .saturating_sub(40)
        .clamp(8, 60);
    Some(ctx.t(
        "history-readiness",
        &[
            ("first", first.overall.into()),
            ("last", last.overall.into()),
            ("spark", sparkline(&values, width).into()),
            ("from", first.date.as_str().into()),
            ("to", last.date.as_str().into()),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn the_sparkline_spans_low_to_high_and_keeps_the_latest() {
        assert_eq!(sparkline(&[0, 50, 100], 10), "▁▅█");
        assert_eq!(sparkline(&[0, 10, 20, 100], 2), "▂█");
        assert_eq!(sparkline(&[], 5), "");
        assert_eq!(sparkline(&[250], 5), "█");
    }
}
