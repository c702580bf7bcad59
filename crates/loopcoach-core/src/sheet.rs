//! The interview-day sheet: one glance per slot of a loop plan (principle, story title, the
//! four STAR parts as one-line bullets, the number to mention, the backup), as markdown or a
//! self-contained HTML page; and the plan itself as a text table.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::framework::Framework;
use crate::i18n::{Arg, Lang, Messages};
use crate::plan::Plan;
use crate::readiness::render::{fit_width, html_escape, html_page, md_escape, text_table};
use crate::readiness::rules::rules;
use crate::readiness::{all_stories, part_name, story};
use crate::{Document, StarPart};

/// Longest a part bullet gets, in characters.
pub const BULLET_CHARS: usize = 140;

/// One slot of the sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetEntry {
    pub interviewer: u32,
    pub bar_raiser: bool,
    pub principle: String,
    pub principle_name: String,
    pub story: Option<String>,
    pub title: Option<String>,
    /// S, T, A, R on one line each (empty when not written).
    pub parts: Vec<String>,
    pub number: Option<String>,
    pub backup: Option<String>,
    /// For a slot with no story: what the principle asks for, to prepare (issue 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

/// The sheet for a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub lang: Lang,
    pub entries: Vec<SheetEntry>,
}

/// Build the sheet of `plan` from the workspace's stories.
pub fn sheet(workspace: &[Document], plan: &Plan, framework: &Framework, lang: Lang) -> Sheet {
    let r = rules();
    let find = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| all_stories(workspace).map(|(_, s)| s).find(|s| s.id == id))
    };
    let entries = plan
        .slots
        .iter()
        .map(|slot| {
            let s = find(&slot.story);
            let b = find(&slot.backup);
            SheetEntry {
                interviewer: slot.interviewer,
                bar_raiser: slot.bar_raiser,
                principle: slot.principle.clone(),
                principle_name: framework.name(&slot.principle, lang),
                story: slot.story.clone(),
                title: s
                    .map(|s| framework.story_title(s))
                    .or_else(|| slot.story_title.clone()),
                parts: s.map_or_else(Vec::new, |s| {
                    StarPart::ALL
                        .iter()
                        .map(|p| story::short(s.part(*p), BULLET_CHARS))
                        .collect()
                }),
                number: s.and_then(|s| story::story_metric(s, r)),
                backup: b
                    .map(|b| framework.story_title(b))
                    .or_else(|| slot.backup_title.clone()),
                advice: s.is_none().then(|| {
                    let summary = framework
                        .get(&slot.principle)
                        .map(|p| p.summary.get(lang).to_string())
                        .unwrap_or_default();
                    Messages::new(lang)
                        .format("plan-sheet-advice", &[("summary", Arg::from(summary))])
                }),
            }
        })
        .collect();
    Sheet { lang, entries }
}

fn interviewer_label(e: &SheetEntry, m: &Messages) -> String {
    let n = m.format("plan-interviewer", &[("n", Arg::from(e.interviewer))]);
    if e.bar_raiser {
        format!("{n} ({})", m.get("plan-bar-raiser"))
    } else {
        n
    }
}

/// The sheet as markdown.
pub fn render_sheet_markdown(sheet: &Sheet) -> String {
    let m = Messages::new(sheet.lang);
    let mut out = format!("# {}\n", m.get("sheet-title"));
    let mut last = 0;
    for e in &sheet.entries {
        if e.interviewer != last {
            let _ = writeln!(out, "\n## {}", interviewer_label(e, &m));
            last = e.interviewer;
        }
        let title = e
            .title
            .as_deref()
            .map_or_else(|| m.get("plan-no-story"), md_escape);
        let _ = writeln!(out, "\n### {}: {}\n", md_escape(&e.principle_name), title);
        if let Some(a) = &e.advice {
            // No story: the advice instead of four empty parts.
            let _ = writeln!(out, "- {}", md_escape(a));
        }
        for (i, p) in e.parts.iter().enumerate() {
            let text = if p.is_empty() {
                m.get("sheet-empty-part")
            } else {
                md_escape(p)
            };
            let _ = writeln!(out, "- **{}**: {}", part_name(StarPart::ALL[i], &m), text);
        }
        if e.story.is_some() {
            let n = e
                .number
                .as_deref()
                .map_or_else(|| m.get("sheet-no-number"), md_escape);
            let _ = writeln!(out, "- **{}**: {}", m.get("sheet-number"), n);
        }
        let b = e
            .backup
            .as_deref()
            .map_or_else(|| m.get("report-none"), md_escape);
        let _ = writeln!(out, "- **{}**: {}", m.get("sheet-backup"), b);
    }
    out
}

/// The sheet as one self-contained HTML page (prints on paper as it shows on screen).
pub fn render_sheet_html(sheet: &Sheet) -> String {
    let m = Messages::new(sheet.lang);
    let mut b = format!("<h1>{}</h1>\n", html_escape(&m.get("sheet-title")));
    let mut last = 0;
    for e in &sheet.entries {
        if e.interviewer != last {
            let _ = writeln!(b, "<h2>{}</h2>", html_escape(&interviewer_label(e, &m)));
            last = e.interviewer;
        }
        let title = e
            .title
            .as_deref()
            .map_or_else(|| m.get("plan-no-story"), str::to_string);
        let _ = writeln!(
            b,
            "<section class=\"slot\">\n<h3>{}: {}</h3>\n<ul>",
            html_escape(&e.principle_name),
            html_escape(&title)
        );
        if let Some(a) = &e.advice {
            let _ = writeln!(b, "<li>{}</li>", html_escape(a));
        }
        for (i, p) in e.parts.iter().enumerate() {
            let text = if p.is_empty() {
                m.get("sheet-empty-part")
            } else {
                p.clone()
            };
            let _ = writeln!(
                b,
                "<li><strong>{}</strong>: {}</li>",
                html_escape(&part_name(StarPart::ALL[i], &m)),
                html_escape(&text)
            );
        }
        if e.story.is_some() {
            let n = e.number.clone().unwrap_or_else(|| m.get("sheet-no-number"));
            let _ = writeln!(
                b,
                "<li class=\"number\"><strong>{}</strong>: {}</li>",
                html_escape(&m.get("sheet-number")),
                html_escape(&n)
            );
        }
        let bk = e.backup.clone().unwrap_or_else(|| m.get("report-none"));
        let _ = writeln!(
            b,
            "<li><strong>{}</strong>: {}</li>\n</ul>\n</section>",
            html_escape(&m.get("sheet-backup")),
            html_escape(&bk)
        );
    }
    html_page(sheet.lang.code(), &m.get("sheet-title"), &b)
}

/// The plan as a text table, in `lang`.
pub fn render_plan_table(plan: &Plan, framework: &Framework, lang: Lang) -> String {
    let m = Messages::new(lang);
    let none = m.get("plan-no-story");
    let rows: Vec<Vec<String>> = plan
        .slots
        .iter()
        .map(|s| {
            let mut who = s.interviewer.to_string();
            if s.bar_raiser {
                who.push_str(&format!(" ({})", m.get("plan-bar-raiser")));
            }
            vec![
                who,
                fit_width(&framework.name(&s.principle, lang), 32),
                s.story_title
                    .as_deref()
                    .map_or_else(|| none.clone(), |t| fit_width(t, 30)),
                s.backup_title
                    .as_deref()
                    .map_or_else(String::new, |t| fit_width(t, 30)),
                format!("{:.2}", s.fit),
            ]
        })
        .collect();
    let header = [
        "plan-col-interviewer",
        "plan-col-principle",
        "plan-col-story",
        "plan-col-backup",
        "plan-col-fit",
    ]
    .map(|h| m.get(h));
    let mut out = format!("{}\n\n", m.get("plan-title"));
    out.push_str(&text_table(&header, &rows));
    let _ = writeln!(
        out,
        "\n{}",
        m.format(
            "plan-total",
            &[("fit", Arg::from(format!("{:.2}", plan.total_fit)))]
        )
    );
    if !plan.uncovered.is_empty() {
        // Every slot with no story is something to do tonight: the draft to turn into a
        // story, or the story to write (what the principle asks for).
        let _ = writeln!(out, "{}", m.get("plan-to-do"));
        for u in &plan.uncovered {
            let principle = framework.name(&u.principle, lang);
            let summary = framework
                .get(&u.principle)
                .map(|p| p.summary.get(lang).to_string())
                .unwrap_or_default();
            let args = [
                ("n", Arg::from(u.interviewer)),
                ("principle", Arg::from(principle)),
                ("summary", Arg::from(summary)),
                ("place", Arg::from(u.draft.clone().unwrap_or_default())),
            ];
            let id = if u.draft.is_some() {
                "plan-action-draft"
            } else {
                "plan-action-write"
            };
            let _ = writeln!(out, "- {}", m.format(id, &args));
        }
    }
    out
}
