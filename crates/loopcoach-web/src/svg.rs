//! Charts drawn on the server as SVG: readable without JavaScript, styled by presentation
//! attributes (no inline `style`, so the CSP holds), every label escaped.

use std::fmt::Write;

use crate::render::escape;

/// Colour of a heatmap cell for a fit of 0..1 (none: light grey; then four steps of blue,
/// the darkest with white text contrast in mind).
fn cell_fill(fit: Option<f64>) -> &'static str {
    match fit {
        None => "#f1f3f5",
        Some(f) if f < 0.25 => "#d0e2ff",
        Some(f) if f < 0.5 => "#97c1ff",
        Some(f) if f < 0.75 => "#4589ff",
        Some(_) => "#0f62fe",
    }
}

/// One heatmap: `rows` (principles) × `cols` (stories), `cell(r, c)` the link fit or none.
/// Each row and column label is a link (`row_href`, `col_href`).
pub fn heatmap(
    label: &str,
    rows: &[(String, String)],
    cols: &[(String, String)],
    cell: impl Fn(usize, usize) -> Option<f64>,
) -> String {
    const CELL: usize = 18;
    const LEFT: usize = 230;
    const TOP: usize = 150;
    let w = LEFT + cols.len() * CELL + 10;
    let h = TOP + rows.len() * CELL + 10;
    let mut s = String::with_capacity(64 * rows.len() * cols.len().max(1) + 1024);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" aria-label=\"{}\"><title>{}</title>",
        escape(label),
        escape(label)
    );
    for (c, (title, href)) in cols.iter().enumerate() {
        let x = LEFT + c * CELL + CELL / 2 + 4;
        let short: String = title.chars().take(22).collect();
        let _ = write!(
            s,
            "<a href=\"{}\"><text x=\"{x}\" y=\"{}\" transform=\"rotate(-60 {x} {})\" font-size=\"11\" fill=\"#161616\">{}<title>{}</title></text></a>",
            escape(href),
            TOP - 6,
            TOP - 6,
            escape(&short),
            escape(title)
        );
    }
    for (r, (name, href)) in rows.iter().enumerate() {
        let y = TOP + r * CELL;
        let short: String = name.chars().take(32).collect();
        let _ = write!(
            s,
            "<a href=\"{}\"><text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" fill=\"#161616\">{}<title>{}</title></text></a>",
            escape(href),
            LEFT - 6,
            y + CELL - 5,
            escape(&short),
            escape(name)
        );
        for (c, (col, _)) in cols.iter().enumerate() {
            let fit = cell(r, c);
            let x = LEFT + c * CELL;
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\">",
                CELL - 1,
                CELL - 1,
                cell_fill(fit)
            );
            if let Some(f) = fit {
                let _ = write!(
                    s,
                    "<title>{} × {}: {:.0}%</title>",
                    escape(name),
                    escape(col),
                    f * 100.0
                );
            }
            s.push_str("</rect>");
        }
    }
    s.push_str("</svg>");
    s
}

/// A line chart of `points` (label, value in `0..=max`), with the labels of the first and the
/// last point under the axis.
pub fn line_chart(label: &str, points: &[(String, f64)], max: f64) -> String {
    const W: f64 = 640.0;
    const H: f64 = 200.0;
    const PAD: f64 = 30.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {W} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        H + PAD,
        escape(label),
        escape(label)
    );
    let _ = write!(
        s,
        "<line x1=\"{PAD}\" y1=\"{H}\" x2=\"{W}\" y2=\"{H}\" stroke=\"#6f6f6f\"/><line x1=\"{PAD}\" y1=\"10\" x2=\"{PAD}\" y2=\"{H}\" stroke=\"#6f6f6f\"/>"
    );
    let _ = write!(
        s,
        "<text x=\"2\" y=\"18\" font-size=\"11\" fill=\"#161616\">{max:.0}</text><text x=\"2\" y=\"{H}\" font-size=\"11\" fill=\"#161616\">0</text>"
    );
    if points.is_empty() || max <= 0.0 {
        s.push_str("</svg>");
        return s;
    }
    let n = points.len();
    let step = if n > 1 {
        (W - PAD - 10.0) / (n - 1) as f64
    } else {
        0.0
    };
    let xy = |i: usize, v: f64| {
        let x = PAD + 5.0 + step * i as f64;
        let y = H - (v.clamp(0.0, max) / max) * (H - 20.0);
        (x, y)
    };
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let (x, y) = xy(i, *v);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let _ = write!(
        s,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#0f62fe\" stroke-width=\"2\"/>",
        path.join(" ")
    );
    for (i, (l, v)) in points.iter().enumerate() {
        let (x, y) = xy(i, *v);
        let _ = write!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"#0f62fe\"><title>{}: {v:.0}</title></circle>",
            escape(l)
        );
    }
    if let (Some((first, _)), Some((last, _))) = (points.first(), points.last()) {
        let _ = write!(
            s,
            "<text x=\"{PAD}\" y=\"{}\" font-size=\"11\" fill=\"#161616\">{}</text><text x=\"{W}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#161616\">{}</text>",
            H + 16.0,
            escape(first),
            H + 16.0,
            escape(last)
        );
    }
    s.push_str("</svg>");
    s
}

/// A bar chart of counts per label (days), labels of the first and last bar under the axis.
pub fn bar_chart(label: &str, bars: &[(String, usize)]) -> String {
    const W: f64 = 640.0;
    const H: f64 = 160.0;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {W} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        H + 24.0,
        escape(label),
        escape(label)
    );
    let _ = write!(
        s,
        "<line x1=\"0\" y1=\"{H}\" x2=\"{W}\" y2=\"{H}\" stroke=\"#6f6f6f\"/>"
    );
    let n = bars.len().max(1) as f64;
    let bw = (W / n).max(1.0);
    for (i, (l, c)) in bars.iter().enumerate() {
        let bh = (*c as f64 / max) * (H - 10.0);
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#0f62fe\"><title>{}: {c}</title></rect>",
            bw * i as f64 + 1.0,
            H - bh,
            (bw - 2.0).max(1.0),
            escape(l)
        );
    }
    if let (Some((first, _)), Some((last, _))) = (bars.first(), bars.last()) {
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" font-size=\"11\" fill=\"#161616\">{}</text><text x=\"{W}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#161616\">{}</text>",
            H + 16.0,
            escape(first),
            H + 16.0,
            escape(last)
        );
    }
    s.push_str("</svg>");
    s
}

/// A recording's loudness over time (`strip`: 0..=100 per point, evenly over `total_ms`) as a
/// strip of bars, each long pause (`pauses`: start and length in ms, with its label) marked by
/// a shaded band with its own title; times of the start and the end under the axis.
pub fn energy_strip(
    label: &str,
    strip: &[u8],
    total_ms: u64,
    pauses: &[(u64, u64, String)],
    ends: (&str, &str),
) -> String {
    const W: f64 = 640.0;
    const H: f64 = 60.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart strip\" viewBox=\"0 0 {W} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        H + 18.0,
        escape(label),
        escape(label)
    );
    let total = total_ms.max(1) as f64;
    for (start, len, l) in pauses {
        let x = *start as f64 / total * W;
        let w = (*len as f64 / total * W).max(1.0);
        let _ = write!(
            s,
            "<rect class=\"pause\" x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"{H}\" fill=\"#fddc69\"><title>{}</title></rect>",
            escape(l)
        );
    }
    let n = strip.len().max(1) as f64;
    let bw = W / n;
    for (i, v) in strip.iter().enumerate() {
        let h = (f64::from(*v) / 100.0 * (H - 2.0)).max(1.0);
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"#0f62fe\"/>",
            bw * i as f64,
            (H - h) / 2.0,
            (bw - 0.5).max(0.5)
        );
    }
    let _ = write!(
        s,
        "<text x=\"0\" y=\"{}\" font-size=\"11\" fill=\"#161616\">{}</text><text x=\"{W}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#161616\">{}</text></svg>",
        H + 14.0,
        escape(ends.0),
        H + 14.0,
        escape(ends.1)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_in_every_chart() {
        let evil = "<script>alert(1)</script>".to_string();
        let rows = vec![(evil.clone(), "/x".to_string())];
        let cols = vec![(evil.clone(), "/y".to_string())];
        let h = heatmap(&evil, &rows, &cols, |_, _| Some(0.5));
        let l = line_chart(&evil, &[(evil.clone(), 3.0)], 10.0);
        let b = bar_chart(&evil, &[(evil.clone(), 3)]);
        let e = energy_strip(
            &evil,
            &[50],
            1000,
            &[(0, 500, evil.clone())],
            (&evil, &evil),
        );
        for svg in [h, l, b, e] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.contains("&lt;script&gt;"));
        }
    }

    #[test]
    fn a_heatmap_has_one_cell_per_pair() {
        let rows: Vec<_> = (0..3).map(|i| (format!("p{i}"), "/".into())).collect();
        let cols: Vec<_> = (0..4).map(|i| (format!("s{i}"), "/".into())).collect();
        let h = heatmap("m", &rows, &cols, |r, c| (r == c).then_some(1.0));
        assert_eq!(h.matches("<rect").count(), 12);
        assert_eq!(h.matches("fill=\"#0f62fe\"").count(), 3);
    }

    #[test]
    fn charts_place_points_within_the_frame() {
        let l = line_chart("x", &[("a".into(), 0.0), ("b".into(), 100.0)], 100.0);
        assert!(l.contains("<polyline"));
        assert_eq!(l.matches("<circle").count(), 2);
        let b = bar_chart("x", &[]);
        assert!(b.ends_with("</svg>"));
        // A pause over the second half of a 10 s recording is a band from x = 320.
        let e = energy_strip(
            "x",
            &[100, 0, 0, 100],
            10_000,
            &[(5000, 2500, "p".into())],
            ("0:00", "0:10"),
        );
        assert!(
            e.contains("class=\"pause\" x=\"320.0\" y=\"0\" width=\"160.0\""),
            "{e}"
        );
        assert_eq!(e.matches("fill=\"#0f62fe\"").count(), 4);
        assert!(energy_strip("x", &[], 0, &[], ("", "")).ends_with("</svg>"));
    }
}
