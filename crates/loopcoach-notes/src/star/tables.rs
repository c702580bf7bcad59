//! Stories told in tables and HTML lists: rows of an HTML or pipe table labelled S/T/A/R, and
//! `<li><strong>Situation:</strong> …</li>` items of one list.

use loopcoach_core::{CompactString, PartSpan, Span, StarStyle};

use super::FoundStory;
use crate::html::strip_tags;
use crate::labels::{heading_label, line_label};
use crate::lines::{Block, LineTable, bold_inner};

/// Find `needle` case-insensitively (ASCII) in `hay` from `from`.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from >= h.len() {
        return None;
    }
    (from..=h.len().saturating_sub(n.len())).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Cells of a `<tr>`: (inner start, inner end) byte ranges.
fn html_cells(src: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut pos = from;
    while pos < to {
        let td = find_ci(&src[..to], "<td", pos);
        let th = find_ci(&src[..to], "<th", pos);
        let Some(open) = [td, th].into_iter().flatten().min() else {
            break;
        };
        let Some(gt) = src[open..to].find('>').map(|g| open + g + 1) else {
            break;
        };
        let close = [
            find_ci(&src[..to], "</td", gt),
            find_ci(&src[..to], "</th", gt),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(to);
        cells.push((gt, close));
        pos = close + 1;
    }
    cells
}

pub(super) fn html_table_story(
    src: &str,
    table: &LineTable,
    first: usize,
    last: usize,
    start: usize,
    end: usize,
) -> Option<FoundStory> {
    find_ci(&src[..end], "<table", start)?;
    let mut parts: [Option<PartSpan>; 4] = Default::default();
    let mut pos = start;
    let mut count = 0;
    while let Some(tr) = find_ci(&src[..end], "<tr", pos) {
        let tr_end = find_ci(&src[..end], "</tr", tr).unwrap_or(end);
        let cells = html_cells(src, tr, tr_end);
        if cells.len() >= 2 {
            let label = strip_tags(&src[cells[0].0..cells[0].1]);
            if let Some(part) = heading_label(&label)
                && parts[part.index()].is_none()
            {
                let (vs, ve) = cells[1];
                parts[part.index()] = Some(PartSpan {
                    part,
                    text: CompactString::from(strip_tags(&src[vs..ve])),
                    span: Span::new(tr, tr_end),
                    value: Span::new(vs, ve),
                    continuation_indent: CompactString::default(),
                    line: table.line_of(tr) + 1,
                });
                count += 1;
            }
        }
        pos = tr_end + 1;
    }
    if count < 2 {
        return None;
    }
    Some(FoundStory {
        title: None,
        parts,
        notes: String::new(),
        style: StarStyle::Table,
        span: Span::new(table.lines[first].start(), table.lines[last].end()),
        first_line: first,
    })
}

/// A story being read from an HTML list: (list start, parts, parts found, first item, end).
type ListStory = (usize, [Option<PartSpan>; 4], usize, usize, usize);

/// Stories told as HTML list items (`<li><strong>Situation:</strong> …</li>`): the labelled
/// items of one `<ul>`/`<ol>` make a story when they name two parts or more.
pub(super) fn html_list_stories(
    src: &str,
    table: &LineTable,
    start: usize,
    end: usize,
) -> Vec<FoundStory> {
    let mut out = Vec::new();
    let mut pos = start;
    // (list start, parts, count, first li, last li end)
    let mut cur: Option<ListStory> = None;
    let flush = |cur: &mut Option<ListStory>, out: &mut Vec<FoundStory>| {
        if let Some((_, parts, count, first, last)) = cur.take()
            && count >= 2
        {
            let first_line = table.line_of(first);
            out.push(FoundStory {
                title: None,
                parts,
                notes: String::new(),
                style: StarStyle::Table,
                span: Span::new(first, last),
                first_line,
            });
        }
    };
    while let Some(li) = find_ci(&src[..end], "<li", pos) {
        let open_end = src[li..end].find('>').map_or(end, |k| li + k + 1);
        let close = find_ci(&src[..end], "</li", open_end).unwrap_or(end);
        let next_li = find_ci(&src[..end], "<li", open_end).unwrap_or(end);
        let item_end = close.min(next_li);
        // The list this item belongs to: the nearest `<ul`/`<ol` before it.
        let list = [
            src[start..li].to_ascii_lowercase().rfind("<ul"),
            src[start..li].to_ascii_lowercase().rfind("<ol"),
        ]
        .into_iter()
        .flatten()
        .max()
        .map_or(start, |k| start + k);
        if cur.as_ref().is_some_and(|c| c.0 != list) {
            flush(&mut cur, &mut out);
        }
        let raw = &src[open_end..item_end];
        let text = strip_tags(raw);
        if let Some(label) = line_label(&text) {
            // The value starts after the closing tag of a bold label, else after the colon.
            let lower = raw.to_ascii_lowercase();
            let vs = ["</strong>", "</b>"]
                .iter()
                .filter_map(|t| lower.find(t).map(|k| k + t.len()))
                .min()
                .or_else(|| raw.find(':').map(|k| k + 1))
                .unwrap_or(0);
            let v_start = open_end + vs;
            let v_start = v_start
                + (src[v_start..item_end].len()
                    - src[v_start..item_end].trim_start_matches([' ', ':']).len());
            let v_end = v_start + src[v_start..item_end].trim_end().len();
            let c = cur.get_or_insert((list, Default::default(), 0, li, item_end));
            if c.1[label.part.index()].is_none() {
                c.1[label.part.index()] = Some(PartSpan {
                    part: label.part,
                    text: CompactString::from(text[label.value_offset.min(text.len())..].trim()),
                    span: Span::new(li, item_end),
                    value: Span::new(v_start, v_end.max(v_start)),
                    continuation_indent: CompactString::default(),
                    line: table.line_of(li) + 1,
                });
                c.2 += 1;
            }
            c.4 = item_end;
        }
        pos = open_end;
    }
    flush(&mut cur, &mut out);
    out
}

pub(super) fn pipe_table_stories(
    src: &str,
    table: &LineTable,
    a: usize,
    b: usize,
) -> Vec<FoundStory> {
    let lines = &table.lines;
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        if lines[i].block != Block::Table {
            i += 1;
            continue;
        }
        let first = i;
        while i < b && lines[i].block == Block::Table {
            i += 1;
        }
        let last = i - 1;
        let mut parts: [Option<PartSpan>; 4] = Default::default();
        let mut count = 0;
        for (k, l) in lines.iter().enumerate().take(last + 1).skip(first) {
            let t = l.trimmed(src);
            let t_off = l.text_start();
            let inner = t.strip_prefix('|').unwrap_or(t);
            let base = t_off + (t.len() - inner.len());
            let mut cells = Vec::new();
            let mut s = 0;
            for (ci, ch) in inner.char_indices() {
                if ch == '|' && !inner[..ci].ends_with('\\') {
                    cells.push((base + s, base + ci));
                    s = ci + 1;
                }
            }
            if s < inner.len() {
                cells.push((base + s, base + inner.len()));
            }
            if cells.len() < 2 {
                continue;
            }
            let label = src[cells[0].0..cells[0].1].trim();
            let label = bold_inner(label).unwrap_or(label);
            if let Some(part) = heading_label(label)
                && parts[part.index()].is_none()
            {
                let (vs, ve) = cells[1];
                let raw = &src[vs..ve];
                let lead = raw.len() - raw.trim_start().len();
                let trail = raw.len() - raw.trim_end().len();
                parts[part.index()] = Some(PartSpan {
                    part,
                    text: CompactString::from(raw.trim()),
                    span: Span::new(l.start(), l.end()),
                    value: Span::new(vs + lead, ve - trail),
                    continuation_indent: CompactString::default(),
                    line: k + 1,
                });
                count += 1;
            }
        }
        if count >= 2 {
            out.push(FoundStory {
                title: None,
                parts,
                notes: String::new(),
                style: StarStyle::Table,
                span: Span::new(lines[first].start(), lines[last].end()),
                first_line: first,
            });
        }
    }
    out
}
