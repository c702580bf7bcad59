//! The report as text: a terminal table (plain text, aligned for double-width Hangul), markdown,
//! and one self-contained HTML file (inline CSS, the coverage matrix as an inline SVG heatmap,
//! no scripts, every piece of user text escaped). JSON is the report itself (serde).

use std::fmt::Write;

use crate::i18n::{Arg, Messages};

use super::{FindingKind, Report, part_name};

/// Columns a string takes in a terminal (Hangul and other East Asian wide characters take 2).
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// Cut a string to at most `max` columns, with an ellipsis when cut.
pub fn fit_width(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if display_width(&one) <= max {
        return one;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in one.chars() {
        let cw = display_width(c.encode_utf8(&mut [0; 4]));
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A plain-text table: header, a rule, rows; columns padded by display width.
pub fn text_table(header: &[String], rows: &[Vec<String>]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(display_width(c));
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().take(n) {
            s.push_str(c);
            if i + 1 < n {
                s.push_str(&" ".repeat(widths[i] - display_width(c) + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header);
    out.push('\n');
    let total: usize = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

fn part_label(p: Option<crate::StarPart>, m: &Messages) -> String {
    p.map(|p| part_name(p, m)).unwrap_or_default()
}

fn title_of(report: &Report, id: &str) -> String {
    report
        .stories
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_string(), |s| s.title.clone())
}

/// The report as a terminal table (plain text).
pub fn render_table(report: &Report) -> String {
    let m = Messages::new(report.lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        m.format("report-overall", &[("score", Arg::from(report.overall))])
    );
    let _ = writeln!(out, "{}\n", components(report, &m));
    let _ = writeln!(out, "{}", m.get("report-principles"));
    let rows: Vec<Vec<String>> = report
        .principles
        .iter()
        .map(|p| {
            let titles: Vec<String> = p
                .stories
                .iter()
                .take(3)
                .map(|s| fit_width(&title_of(report, s), 24))
                .collect();
            vec![
                fit_width(&p.name, 40),
                p.score.to_string(),
                if titles.is_empty() {
                    m.get("report-none")
                } else {
                    titles.join(", ")
                },
            ]
        })
        .collect();
    out.push_str(&text_table(
        &[
            m.get("report-col-principle"),
            m.get("report-col-score"),
            m.get("report-col-stories"),
        ],
        &rows,
    ));
    let _ = writeln!(out, "\n{}", m.get("report-findings"));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", m.get("report-no-findings"));
    } else {
        let rows: Vec<Vec<String>> = report
            .findings
            .iter()
            .map(|f| {
                vec![
                    f.kind.as_str().to_string(),
                    part_label(f.part, &m),
                    fit_width(&f.message, 100),
                ]
            })
            .collect();
        out.push_str(&text_table(
            &[
                m.get("report-col-kind"),
                m.get("report-col-part"),
                m.get("report-col-message"),
            ],
            &rows,
        ));
    }
    let _ = writeln!(out, "\n{}", m.get("report-next-actions"));
    for (i, a) in report.next_actions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} ({})",
            i + 1,
            a.action,
            m.format(
                "report-gain",
                &[("gain", Arg::from(format!("{:.1}", a.gain)))]
            )
        );
    }
    out
}

fn components(report: &Report, m: &Messages) -> String {
    let c = &report.components;
    let pct = |x: f64| Arg::from(format!("{:.0}", x * 100.0));
    m.format(
        "report-components",
        &[
            ("p", pct(c.principles)),
            ("s", pct(c.stories)),
            ("q", pct(c.questions)),
            ("o", Arg::from(format!("{:.0}", c.over_reliance_penalty))),
        ],
    )
}

/// Escape text for markdown table cells and prose (pipes, angle brackets, newlines).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The report as markdown.
pub fn render_markdown(report: &Report) -> String {
    let m = Messages::new(report.lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", m.get("report-title"));
    let _ = writeln!(
        out,
        "**{}**\n",
        m.format("report-overall", &[("score", Arg::from(report.overall))])
    );
    let _ = writeln!(out, "{}\n", components(report, &m));
    let _ = writeln!(out, "## {}\n", m.get("report-next-actions"));
    for (i, a) in report.next_actions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} ({})",
            i + 1,
            md_escape(&a.action),
            m.format(
                "report-gain",
                &[("gain", Arg::from(format!("{:.1}", a.gain)))]
            )
        );
    }
    let _ = writeln!(out, "\n## {}\n", m.get("report-principles"));
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---:|---|",
        m.get("report-col-principle"),
        m.get("report-col-score"),
        m.get("report-col-stories")
    );
    for p in &report.principles {
        let titles: Vec<String> = p
            .stories
            .iter()
            .map(|s| md_escape(&title_of(report, s)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md_escape(&p.name),
            p.score,
            if titles.is_empty() {
                m.get("report-none")
            } else {
                titles.join(", ")
            }
        );
    }
    let _ = writeln!(out, "\n## {}\n", m.get("report-findings"));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", m.get("report-no-findings"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            m.get("report-col-kind"),
            m.get("report-col-part"),
            m.get("report-col-message"),
            m.get("report-col-fix")
        );
        for f in &report.findings {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                f.kind.as_str(),
                part_label(f.part, &m),
                md_escape(&f.message),
                md_escape(&f.fix)
            );
        }
    }
    out
}

/// Escape text for HTML content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Most stories drawn in the heatmap (the best-linked first); the rest are counted below it.
pub const HEATMAP_MAX_STORIES: usize = 60;

/// The coverage matrix as an inline SVG heatmap: principles (rows) × stories (columns), each
/// cell shaded by link strength, with a `<title>` tooltip.
pub fn heatmap_svg(report: &Report) -> (String, usize) {
    // Columns: linked stories first (by their best link), then the rest, capped.
    let mut cols: Vec<(usize, f64)> = report
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let best = report
                .principles
                .iter()
                .flat_map(|p| p.links.iter())
                .filter(|l| l.story == s.id)
                .map(|l| l.confidence)
                .fold(0.0, f64::max);
            (i, best)
        })
        .collect();
    cols.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let hidden = cols.len().saturating_sub(HEATMAP_MAX_STORIES);
    cols.truncate(HEATMAP_MAX_STORIES);
    cols.sort_by_key(|c| c.0);
    let (cell, left, top) = (28usize, 260usize, 150usize);
    // Room on the right for the last column labels, which run up and to the right at -50°.
    let w = left + cell * cols.len().max(1) + 130;
    let h = top + cell * report.principles.len() + 10;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="coverage matrix">"#
    );
    for (ci, (si, _)) in cols.iter().enumerate() {
        let x = left + ci * cell + cell / 2;
        let t = html_escape(&fit_width(&report.stories[*si].title, 22));
        let _ = write!(
            s,
            r#"<text x="{x}" y="{y}" transform="rotate(-50 {x} {y})" font-size="12">{t}</text>"#,
            y = top - 6
        );
    }
    for (ri, p) in report.principles.iter().enumerate() {
        let y = top + ri * cell;
        let _ = write!(
            s,
            r#"<text x="{x}" y="{ty}" text-anchor="end" font-size="12">{n} ({sc})</text>"#,
            x = left - 8,
            ty = y + cell / 2 + 4,
            n = html_escape(&fit_width(&p.name, 34)),
            sc = p.score
        );
        for (ci, (si, _)) in cols.iter().enumerate() {
            let st = &report.stories[*si];
            let strength = p
                .links
                .iter()
                .find(|l| l.story == st.id)
                .map_or(0.0, |l| l.confidence);
            let x = left + ci * cell;
            let fill = if strength > 0.0 {
                format!("rgba(31,111,235,{:.2})", 0.15 + 0.85 * strength)
            } else {
                "#f3f4f6".to_string()
            };
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{c}" height="{c}" fill="{fill}" stroke="#ffffff" data-strength="{strength:.2}"><title>{pn} × {tn}: {strength:.2}</title></rect>"##,
                c = cell,
                pn = html_escape(&p.name),
                tn = html_escape(&st.title)
            );
        }
    }
    s.push_str("</svg>");
    (s, hidden)
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans KR','Malgun Gothic',sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#111827;line-height:1.5}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}\
.overall{font-size:1.3rem;font-weight:600}.muted{color:#6b7280}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}\
th{background:#f9fafb}td.num{text-align:right}code{background:#f3f4f6;padding:0 .2rem}\
.matrix{overflow-x:auto}.bar{display:inline-block;height:.6rem;background:#1f6feb;vertical-align:middle}";

fn page(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        t = html_escape(title)
    )
}

/// The report as one self-contained HTML page.
pub fn render_html(report: &Report) -> String {
    let m = Messages::new(report.lang);
    let mut b = String::new();
    let _ = writeln!(b, "<h1>{}</h1>", html_escape(&m.get("report-title")));
    let _ = writeln!(
        b,
        "<p class=\"overall\">{}</p>",
        html_escape(&m.format("report-overall", &[("score", Arg::from(report.overall))]))
    );
    let _ = writeln!(
        b,
        "<p class=\"muted\">{}</p>",
        html_escape(&components(report, &m))
    );
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<ol>",
        html_escape(&m.get("report-next-actions"))
    );
    for a in &report.next_actions {
        let _ = writeln!(
            b,
            "<li>{} <span class=\"muted\">({})</span></li>",
            html_escape(&a.action),
            html_escape(&m.format(
                "report-gain",
                &[("gain", Arg::from(format!("{:.1}", a.gain)))]
            ))
        );
    }
    let _ = writeln!(
        b,
        "</ol>\n<h2>{}</h2>",
        html_escape(&m.get("report-coverage"))
    );
    let (svg, hidden) = heatmap_svg(report);
    let _ = writeln!(
        b,
        "<p class=\"muted\">{}</p>\n<div class=\"matrix\">{svg}</div>",
        html_escape(&m.get("report-coverage-note"))
    );
    if hidden > 0 {
        let _ = writeln!(
            b,
            "<p class=\"muted\">{}</p>",
            html_escape(&m.format("report-more-stories", &[("count", Arg::from(hidden))]))
        );
    }
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        html_escape(&m.get("report-principles")),
        html_escape(&m.get("report-col-principle")),
        html_escape(&m.get("report-col-score")),
        html_escape(&m.get("report-col-stories"))
    );
    for p in &report.principles {
        let titles: Vec<String> = p
            .stories
            .iter()
            .map(|s| html_escape(&title_of(report, s)))
            .collect();
        let _ = writeln!(
            b,
            "<tr id=\"p-{}\"><td>{}</td><td class=\"num\"><span class=\"bar\" style=\"width:{}px\"></span> {}</td><td>{}</td></tr>",
            html_escape(&p.id),
            html_escape(&p.name),
            p.score / 2,
            p.score,
            if titles.is_empty() {
                html_escape(&m.get("report-none"))
            } else {
                titles.join(", ")
            }
        );
    }
    let _ = writeln!(
        b,
        "</table>\n<h2>{}</h2>",
        html_escape(&m.get("report-findings"))
    );
    if report.findings.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", html_escape(&m.get("report-no-findings")));
    } else {
        let _ = writeln!(
            b,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            html_escape(&m.get("report-col-kind")),
            html_escape(&m.get("report-col-part")),
            html_escape(&m.get("report-col-message")),
            html_escape(&m.get("report-col-fix"))
        );
        for kind in FindingKind::ALL {
            for f in report.findings.iter().filter(|f| f.kind == kind) {
                let _ = writeln!(
                    b,
                    "<tr class=\"{k}\"><td><code>{k}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    html_escape(&part_label(f.part, &m)),
                    html_escape(&f.message),
                    html_escape(&f.fix),
                    k = f.kind.as_str()
                );
            }
        }
        b.push_str("</table>\n");
    }
    page(report.lang.code(), &m.get("report-title"), &b)
}

/// Wrap a body in the same self-contained page (used by the sheet).
pub fn html_page(lang: &str, title: &str, body: &str) -> String {
    page(lang, title, body)
}
