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
use crate::readiness::{all_stories, story};
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
    /// For a slot with no story: where the notes hold a draft for it (`notes.md:132`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
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
    let m = Messages::new(lang);
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
            // A slot with no story: the draft the notes hold for it, else what to write.
            let draft = plan
                .uncovered
                .iter()
                .find(|u| u.interviewer == slot.interviewer && u.principle == slot.principle)
                .and_then(|u| u.draft.clone());
            let advice = s.is_none().then(|| {
                let summary = framework
                    .get(&slot.principle)
                    .map(|p| p.summary.get(lang).to_string())
                    .unwrap_or_default();
                match &draft {
                    Some(place) => m.format(
                        "sheet-advice-draft",
                        &[
                            ("place", Arg::from(place.clone())),
                            ("summary", Arg::from(summary)),
                        ],
                    ),
                    None => m.format("plan-sheet-advice", &[("summary", Arg::from(summary))]),
                }
            });
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
                advice,
                draft,
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

/// The letter of a STAR part, as the candidate's own notes write it (`S:`, `T:`, ...).
const PART_LETTERS: [&str; 4] = ["S", "T", "A", "R"];

/// What a slot shows, in order: `(label, text)` lines, the Result carrying the number to
/// mention and the backup only when there is one, so ten slots fit on one page.
fn slot_lines(e: &SheetEntry, m: &Messages) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    if let Some(a) = &e.advice {
        // No story: the advice instead of four empty parts.
        lines.push((String::new(), a.clone()));
    }
    for (i, p) in e.parts.iter().enumerate() {
        let mut text = if p.is_empty() {
            m.get("sheet-empty-part")
        } else {
            p.clone()
        };
        if i == 3 {
            let n = e.number.as_ref().map_or_else(
                || m.get("sheet-no-number"),
                |n| format!("{}: {n}", m.get("sheet-number")),
            );
            text = format!("{text} · {n}");
        }
        lines.push((PART_LETTERS[i].to_string(), text));
    }
    if let Some(b) = &e.backup {
        lines.push((m.get("sheet-backup"), b.clone()));
    }
    lines
}

fn slot_heading(e: &SheetEntry, m: &Messages) -> (String, String) {
    let title = e.title.clone().unwrap_or_else(|| m.get("plan-no-story"));
    (e.principle_name.clone(), title)
}

/// The sheet as markdown: about five lines a slot, so a loop of ten slots is one page.
pub fn render_sheet_markdown(sheet: &Sheet) -> String {
    let m = Messages::new(sheet.lang);
    let mut out = format!("# {}\n", m.get("sheet-title"));
    let mut last = 0;
    for e in &sheet.entries {
        if e.interviewer != last {
            let _ = writeln!(out, "\n## {}", interviewer_label(e, &m));
            last = e.interviewer;
        }
        // An ATX heading ends the list before it: no blank line needed between slots.
        let (principle, title) = slot_heading(e, &m);
        let _ = writeln!(out, "### {} · {}", md_escape(&principle), md_escape(&title));
        for (label, text) in slot_lines(e, &m) {
            if label.is_empty() {
                let _ = writeln!(out, "- {}", md_escape(&text));
            } else {
                let _ = writeln!(out, "- **{}** {}", md_escape(&label), md_escape(&text));
            }
        }
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
        let (principle, title) = slot_heading(e, &m);
        let _ = writeln!(
            b,
            "<section class=\"slot\">\n<h3>{} · {}</h3>\n<ul>",
            html_escape(&principle),
            html_escape(&title)
        );
        for (label, text) in slot_lines(e, &m) {
            if label.is_empty() {
                let _ = writeln!(b, "<li>{}</li>", html_escape(&text));
            } else {
                let _ = writeln!(
                    b,
                    "<li><strong>{}</strong> {}</li>",
                    html_escape(&label),
                    html_escape(&text)
                );
            }
        }
        let _ = writeln!(b, "</ul>\n</section>");
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
