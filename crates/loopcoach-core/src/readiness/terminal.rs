//! The report for a terminal of a given width: nothing cut, every finding with the
//! `path:line` to jump to, grouped by the story (or question, or principle) it is about, and
//! next actions that name the draft and its line.
//!
//! [`super::render_table`] stays as it was (its layout is a snapshot others read); the CLI
//! shows this one.

use std::fmt::Write;

use crate::i18n::{Arg, Messages};
use crate::text::{width, wrap};

use super::{Finding, FindingKind, Report};

/// Where a finding or action points: `path:line`, `path`, or nothing.
fn place(path: Option<&str>, line: Option<usize>) -> Option<String> {
    match (path, line) {
        (Some(p), Some(l)) => Some(format!("{p}:{l}")),
        (Some(p), None) => Some(p.to_string()),
        (None, Some(l)) => Some(format!("line {l}")),
        (None, None) => None,
    }
}

/// `text` wrapped to `cols` after `lead` (the first line), continuation lines under the text.
fn hang(out: &mut String, lead: &str, text: &str, cols: usize) {
    let indent = width(lead);
    let room = cols.saturating_sub(indent).max(20);
    for (i, l) in wrap(text, room).into_iter().enumerate() {
        let pre = if i == 0 {
            lead.to_string()
        } else {
            " ".repeat(indent)
        };
        let _ = writeln!(out, "{pre}{l}");
    }
}

/// The localised name of a finding's kind.
pub fn kind_label(kind: FindingKind, m: &Messages) -> String {
    m.get(&format!("report-kind-{}", kind.as_str()))
}

/// The group a finding is shown under: the story it is about, else its kind's group.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Group {
    Story(String),
    Principles,
    Questions,
    Other,
}

fn group_of(report: &Report, f: &Finding) -> Group {
    if report.stories.iter().any(|s| s.id == f.target) {
        return Group::Story(f.target.clone());
    }
    match f.kind {
        FindingKind::UncoveredPrinciple => Group::Principles,
        FindingKind::BlankQuestion | FindingKind::UnlabelledDraft => Group::Questions,
        _ => Group::Other,
    }
}

/// The report laid out for `cols` columns.
pub fn render_terminal(report: &Report, cols: usize) -> String {
    let cols = cols.max(40);
    let m = Messages::new(report.lang);
    let mut out = String::new();
    hang(
        &mut out,
        "",
        &m.format("report-overall", &[("score", Arg::from(report.overall))]),
        cols,
    );
    let c = &report.components;
    let pct = |x: f64| format!("{:.0}", x * 100.0);
    hang(
        &mut out,
        "",
        &m.format(
            "report-components",
            &[
                ("p", Arg::from(pct(c.principles))),
                ("s", Arg::from(pct(c.stories))),
                ("q", Arg::from(pct(c.questions))),
                ("o", Arg::from(format!("{:.0}", c.over_reliance_penalty))),
            ],
        ),
        cols,
    );

    // Principles: name and score, then the stories that cover it, wrapped under it.
    let _ = writeln!(out, "\n{}", m.get("report-principles"));
    let name_w = report
        .principles
        .iter()
        .map(|p| width(&p.name))
        .max()
        .unwrap_or(0)
        .min(cols / 2);
    for p in &report.principles {
        let titles: Vec<String> = p
            .stories
            .iter()
            .filter_map(|id| report.stories.iter().find(|s| &s.id == id))
            .map(|s| s.title.clone())
            .collect();
        let stories = if titles.is_empty() {
            m.get("report-none")
        } else {
            titles.join(" · ")
        };
        let name = if width(&p.name) <= name_w {
            format!("{}{}", p.name, " ".repeat(name_w - width(&p.name)))
        } else {
            // A name wider than half the screen gets a line of its own.
            let _ = writeln!(out, "  {}", p.name);
            " ".repeat(name_w)
        };
        let lead = format!("  {name}  {:>3}  ", p.score);
        hang(&mut out, &lead, &stories, cols);
    }

    // Findings, grouped.
    let _ = writeln!(out, "\n{}", m.get("report-findings"));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", m.get("report-no-findings"));
    }
    let mut groups: Vec<(Group, Vec<&Finding>)> = Vec::new();
    for f in &report.findings {
        let g = group_of(report, f);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(f),
            None => groups.push((g, vec![f])),
        }
    }
    for (g, fs) in groups {
        let heading = match &g {
            Group::Story(id) => {
                let s = report.stories.iter().find(|s| &s.id == id);
                let title = s.map_or(id.clone(), |s| s.title.clone());
                let at = fs
                    .iter()
                    .find_map(|f| place(f.path.as_deref(), None))
                    .zip(s.map(|s| s.line))
                    .map(|(p, l)| format!(" ({p}:{l})"))
                    .unwrap_or_default();
                m.format(
                    "report-group-story",
                    &[("title", Arg::from(title)), ("place", Arg::from(at))],
                )
            }
            Group::Principles => m.get("report-group-principles"),
            Group::Questions => m.get("report-group-questions"),
            Group::Other => m.get("report-group-other"),
        };
        let _ = writeln!(out);
        hang(&mut out, "", &heading, cols);
        if g == Group::Principles {
            // One line of names instead of one finding per principle.
            let names: Vec<String> = fs
                .iter()
                .filter_map(|f| f.principle.as_deref())
                .filter_map(|k| report.principles.iter().find(|p| p.id == k))
                .map(|p| p.name.clone())
                .collect();
            hang(&mut out, "  ", &names.join(" · "), cols);
            continue;
        }
        for f in fs {
            let at = place(f.path.as_deref(), f.line).unwrap_or_default();
            let lead = if at.is_empty() {
                "  ".to_string()
            } else {
                format!("  {at}  ")
            };
            let text = format!("{}: {}", kind_label(f.kind, &m), f.message);
            hang(&mut out, &lead, &text, cols);
        }
    }

    let _ = writeln!(out, "\n{}", m.get("report-next-actions"));
    for (i, a) in report.next_actions.iter().enumerate() {
        let gain = m.format(
            "report-gain",
            &[("gain", Arg::from(format!("{:.1}", a.gain)))],
        );
        let lead = format!("{}. ", i + 1);
        hang(&mut out, &lead, &format!("{} ({gain})", a.action), cols);
    }
    out
}
