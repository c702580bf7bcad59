//! Finding STAR stories in a run of lines.
//!
//! Three ways people write them: labelled lines (`S: …`, `Situation: …`, `상황: …`,
//! `* **Situation**: …`), label headings over prose (`#### S`, `### Situation (상황)`), and table
//! rows (`<tr><td>S</td><td>…</td></tr>`, `| S | … |`). A part's value runs on over lines
//! indented deeper than its label, and over same-indent lines directly below a label that
//! already has text; an empty label followed by a same-indent paragraph leaves the part empty
//! and the paragraph becomes the story's notes. Lines that only define the letters (a legend)
//! are not a story.

use loopcoach_core::{PartSpan, Span, StarPart, StarStyle};

use crate::html::strip_tags;
use crate::lines::{Block, Line, LineTable, atx_title, bold_inner};

/// A label found at the start of a line's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub part: StarPart,
    /// Offset (within the line text) where the value starts.
    pub value_offset: usize,
    pub long: bool,
    pub bullet: Option<String>,
    pub bold: bool,
}

const WORDS: [(&str, StarPart, bool); 12] = [
    ("situation", StarPart::Situation, true),
    ("task", StarPart::Task, true),
    ("action", StarPart::Action, true),
    ("result", StarPart::Result, true),
    ("상황", StarPart::Situation, true),
    ("과제", StarPart::Task, true),
    ("행동", StarPart::Action, true),
    ("결과", StarPart::Result, true),
    ("S", StarPart::Situation, false),
    ("T", StarPart::Task, false),
    ("A", StarPart::Action, false),
    ("R", StarPart::Result, false),
];

/// Match a label word at the start of `s`; returns the part, its length and whether long.
fn label_word(s: &str) -> Option<(StarPart, usize, bool)> {
    // Most lines start with none of the label words: reject them on the first character.
    let b = s.as_bytes();
    let possible = match b.first() {
        Some(b's' | b'S' | b't' | b'T' | b'a' | b'A' | b'r' | b'R') => true,
        // 상 과 행 결 (U+C0C1 U+ACFC U+D589 U+ACB0) in UTF-8.
        Some(0xEA | 0xEC | 0xED) => {
            b.len() >= 3
                && matches!(
                    &b[..3],
                    [0xEC, 0x83, 0x81]
                        | [0xEA, 0xB3, 0xBC]
                        | [0xED, 0x96, 0x89]
                        | [0xEA, 0xB2, 0xB0]
                )
        }
        _ => false,
    };
    if !possible {
        return None;
    }
    for (w, part, long) in WORDS {
        let ok = if long && w.is_ascii() {
            s.len() >= w.len()
                && s.is_char_boundary(w.len())
                && s[..w.len()].eq_ignore_ascii_case(w)
        } else {
            s.starts_with(w)
        };
        if ok {
            let next = s[w.len()..].chars().next();
            if next.is_none_or(|c| !c.is_alphanumeric()) {
                return Some((part, w.len(), long || !w.is_ascii()));
            }
        }
    }
    None
}

/// Parse a STAR label at the start of a line's text (`S: x`, `- **Situation**: x`,
/// `Situation (상황): x`, `**S:** x`).
pub(crate) fn line_label(text: &str) -> Option<Label> {
    let mut i = 0usize;
    let mut bullet = None;
    for b in ["- ", "* ", "+ "] {
        if text.starts_with(b) {
            bullet = Some(b.trim().to_string());
            i = 2;
            while text[i..].starts_with(' ') {
                i += 1;
            }
            break;
        }
    }
    let mut bold = false;
    for d in ["**", "__"] {
        if text[i..].starts_with(d) {
            bold = true;
            i += 2;
            break;
        }
    }
    let (part, len, long) = label_word(&text[i..])?;
    i += len;
    let skip_bold = |i: &mut usize| {
        for d in ["**", "__"] {
            if text[*i..].starts_with(d) {
                *i += 2;
            }
        }
    };
    skip_bold(&mut i);
    // Optional parenthetical: "Situation (상황)", "S(Situation)".
    let j = i + text[i..].len() - text[i..].trim_start().len();
    if text[j..].starts_with('(') {
        let close = text[j..].find(')')?;
        if close > 40 {
            return None;
        }
        i = j + close + 1;
    }
    skip_bold(&mut i);
    let rest = &text[i..];
    let trimmed = rest.trim_start();
    let colon = if trimmed.starts_with(':') {
        1
    } else if trimmed.starts_with('：') {
        '：'.len_utf8()
    } else {
        return None;
    };
    i += rest.len() - trimmed.len() + colon;
    skip_bold(&mut i);
    if !bold && bullet.is_none() && !long && text[i..].starts_with(':') {
        return None; // "A::" or similar
    }
    Some(Label {
        part,
        value_offset: i,
        long,
        bullet,
        bold,
    })
}

/// A label heading: `#### S`, `### Situation (상황)`, `## 결과`.
pub(crate) fn heading_label(title: &str) -> Option<StarPart> {
    let t = title.trim().trim_end_matches(':').trim();
    let (part, len, _) = label_word(t)?;
    let rest = t[len..].trim();
    if rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')') && rest.len() < 40) {
        return Some(part);
    }
    // "S - Situation", "S: Situation"
    let rest = rest.trim_start_matches(['-', ':', '—', '–']).trim();
    label_word(rest)
        .filter(|(p, l, _)| *p == part && rest.len() == *l)
        .map(|_| part)
}

/// Text that only names the part itself ("Situation", "상황", "Situation (상황)").
fn is_legend_value(part: StarPart, value: &str) -> bool {
    // A legend value is a word or three ("Situation (상황)"); anything long is a real value.
    if value.len() > 48 {
        return false;
    }
    // Its first word is a label word: most values are rejected on their first letter.
    let first = value.chars().find(|c| c.is_alphanumeric());
    if !first.is_some_and(|c| {
        matches!(
            c.to_ascii_lowercase(),
            's' | 't' | 'a' | 'r' | '상' | '과' | '행' | '결'
        )
    }) {
        return false;
    }
    let v: String = value
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    words.iter().all(|w| {
        label_word(w).is_some_and(|(p, l, long)| p == part && long && l == w.len())
            || matches!(*w, "s" | "t" | "a" | "r")
    })
}

/// A line defining several letters at once: "S: Situation, T: Task, A: Action, R: Result".
fn is_legend_line(value: &str) -> bool {
    // Every label ends in a colon, and the pieces of one split do not overlap: fewer than two
    // colons cannot hold two labels (most values are rejected here, in one scan).
    let colons = value.matches([':', '：']).take(2).count();
    if colons < 2 {
        return false;
    }
    let mut n = 0;
    for sep in [',', '/', '|', ' '] {
        for piece in value.split(sep) {
            let p = piece.trim();
            if line_label(p).is_some() {
                n += 1;
            }
        }
        if n >= 2 {
            return true;
        }
        n = 0;
    }
    false
}

/// A story found in a run of lines, before ids and links are given.
#[derive(Debug, Clone)]
pub(crate) struct FoundStory {
    pub title: Option<String>,
    pub parts: [Option<PartSpan>; 4],
    pub notes: String,
    pub style: StarStyle,
    pub span: Span,
    /// First and last line index the story covers (title and notes included).
    pub first_line: usize,
}

/// A list-marker line: `1)`, `1.`, `-`, `*`, `+`. Returns (marker, text offset in line text).
pub(crate) fn list_marker(text: &str) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    if b.is_empty() {
        return None;
    }
    if matches!(b[0], b'-' | b'*' | b'+') {
        if b.len() == 1 {
            return Some((&text[..1], 1));
        }
        if b[1] == b' ' || b[1] == b'\t' {
            // "**bold**" is not a bullet, "* " is.
            return Some((&text[..1], 2));
        }
        return None;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && digits < b.len() && matches!(b[digits], b'.' | b')') {
        let after = digits + 1;
        if after == b.len() || b[after] == b' ' || b[after] == b'\t' {
            return Some((&text[..after], (after + 1).min(b.len())));
        }
    }
    None
}

/// Clean a title line: drop a list marker, bold, and a trailing arrow or colon.
pub(crate) fn clean_title(text: &str) -> String {
    let mut t = text.trim();
    if let Some((_, off)) = list_marker(t) {
        t = t[off..].trim();
    }
    let t = bold_inner(t).unwrap_or(t);
    let t = atx_title(t);
    t.trim_end_matches(['-', '>', ':', '=', '→', ' ', '\t'])
        .trim()
        .to_string()
}

/// Find the stories in lines `[a, b)`.
pub(crate) fn find_stories(src: &str, table: &LineTable, a: usize, b: usize) -> Vec<FoundStory> {
    let lines = &table.lines;
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let l = &lines[i];
        if l.blank || !l.structural() {
            i += 1;
            continue;
        }
        if let Block::Heading(level) = l.block
            && heading_label(atx_title(l.trimmed(src))).is_some()
        {
            let (story, next) = heading_story(src, table, i, b, level);
            if let Some(s) = story {
                out.push(s);
            }
            i = next.max(i + 1);
            continue;
        }
        if matches!(l.block, Block::Text)
            && let Some(label) = line_label(l.text(src))
        {
            let (story, next) = line_story(src, table, a, i, b, label);
            if let Some(s) = story {
                out.push(s);
            }
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    for hb in &table.html_blocks {
        if hb.first >= a
            && hb.last < b
            && let Some(s) = html_table_story(src, table, hb.first, hb.last, hb.start, hb.end)
        {
            out.push(s);
        }
    }
    out.extend(pipe_table_stories(src, table, a, b));
    out.sort_by_key(|s| s.span.start);
    for s in out.iter_mut().filter(|s| s.title.is_none()) {
        s.title = (a..s.first_line).rev().find_map(|k| match lines[k].block {
            Block::Heading(_) | Block::BoldTitle => {
                let t = clean_title(lines[k].trimmed(src));
                (!t.is_empty() && heading_label(&t).is_none()).then_some(t)
            }
            _ => None,
        });
    }
    out
}

/// Continuation of a labelled part: returns the index after the last continuation line.
fn continuation_end(
    src: &str,
    lines: &[Line],
    from: usize,
    b: usize,
    indent: usize,
    has_text: bool,
) -> usize {
    let mut end = from; // exclusive: lines [from, end) are continuation
    let mut j = from;
    let mut saw_blank = false;
    while j < b {
        let l = &lines[j];
        if l.blank {
            saw_blank = true;
            j += 1;
            continue;
        }
        let is_label = matches!(l.block, Block::Text) && line_label(l.text(src)).is_some();
        let heading = matches!(l.block, Block::Heading(_) | Block::BoldTitle);
        if is_label || heading {
            break;
        }
        let deeper = l.indent > indent;
        let lazy = !saw_blank
            && has_text
            && l.indent == indent
            && end == j
            && list_marker(l.text(src)).is_none()
            && matches!(l.block, Block::Text);
        if deeper || lazy {
            j += 1;
            end = j;
            saw_blank = false;
        } else {
            break;
        }
    }
    end
}

fn part_text(src: &str, lines: &[Line], first_value: &str, from: usize, to: usize) -> String {
    let first_value = first_value.trim();
    let cont = &lines[from..to];
    if cont.is_empty() {
        return first_value.to_string();
    }
    let min_indent = cont
        .iter()
        .filter(|l| !l.blank)
        .map(|l| l.indent)
        .min()
        .unwrap_or(0);
    let size = cont.last().map_or(0, |l| l.end) - cont.first().map_or(0, |l| l.start);
    let mut out = String::with_capacity(first_value.len() + size + 1);
    out.push_str(first_value);
    for l in cont {
        if !out.is_empty() || !l.blank {
            out.push('\n');
        }
        if !l.blank {
            out.extend(std::iter::repeat_n(' ', l.indent - min_indent));
            out.push_str(l.trimmed(src));
        }
    }
    trim_in_place(&mut out);
    out
}

/// `s.trim()`, without a new allocation.
pub(crate) fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
}

fn line_story(
    src: &str,
    table: &LineTable,
    range_start: usize,
    first: usize,
    b: usize,
    first_label: Label,
) -> (Option<FoundStory>, usize) {
    let lines = &table.lines;
    let base_indent = lines[first].indent;
    let mut parts: [Option<PartSpan>; 4] = Default::default();
    let mut i = first;
    let mut last_line = first;
    let mut legend = true;
    let mut count = 0;
    let mut label = Some(first_label.clone());
    while let Some(lb) = label.take() {
        let l = &lines[i];
        if parts[lb.part.index()].is_some() {
            break; // the same part again: a new story starts here
        }
        let text = l.text(src);
        let value = &text[lb.value_offset..];
        if is_legend_line(value) {
            return (None, i + 1);
        }
        let has_text = !value.trim().is_empty();
        let cont_end = continuation_end(src, lines, i + 1, b, l.indent, has_text);
        let value_start = l.text_start + lb.value_offset;
        let value_end = if cont_end > i + 1 {
            lines[cont_end - 1].end
        } else {
            l.end
        };
        let ptext = part_text(src, lines, value, i + 1, cont_end);
        if !is_legend_value(lb.part, &ptext) {
            legend = false;
        }
        parts[lb.part.index()] = Some(PartSpan {
            part: lb.part,
            text: ptext,
            span: Span::new(l.start, value_end),
            value: Span::new(value_start, value_end),
            continuation_indent: " ".repeat(l.indent + 3),
            line: i + 1,
        });
        count += 1;
        last_line = cont_end.saturating_sub(1).max(i);
        // The next label must follow directly (blank lines allowed) at a similar indent.
        let mut j = cont_end;
        while j < b && lines[j].blank {
            j += 1;
        }
        if j < b
            && matches!(lines[j].block, Block::Text)
            && lines[j].indent + 2 >= base_indent
            && lines[j].indent <= base_indent + 2
            && let Some(next) = line_label(lines[j].text(src))
        {
            i = j;
            label = Some(next);
        } else {
            i = cont_end;
        }
    }
    let after = last_line + 1;
    if count < 2 || legend {
        return (None, after);
    }
    // Title: the line directly above the first label, when it is a point, bold or heading.
    let mut title = None;
    let mut first_line = first;
    // A heading directly above (blank lines allowed) also titles the story.
    let mut above = first;
    while above > range_start + 1 && lines[above - 1].blank {
        above -= 1;
    }
    if above < first
        && above > range_start
        && matches!(lines[above - 1].block, Block::Heading(_) | Block::BoldTitle)
    {
        let t = clean_title(lines[above - 1].trimmed(src));
        if !t.is_empty() && crate::star::heading_label(&t).is_none() {
            title = Some(t);
            first_line = above - 1;
        }
    } else if first > range_start {
        let p = &lines[first - 1];
        let ptext = p.trimmed(src);
        let titled = !p.blank
            && p.indent <= base_indent
            && (list_marker(ptext).is_some()
                || matches!(p.block, Block::BoldTitle | Block::Heading(_))
                || bold_inner(ptext).is_some())
            && line_label(ptext).is_none();
        if titled {
            let t = clean_title(ptext);
            if !t.is_empty() {
                title = Some(t);
            }
            first_line = first - 1;
        }
    }
    // Notes: what follows, until a boundary.
    let title_indent = lines[first_line].indent;
    let mut notes_end = after; // exclusive
    let mut j = after;
    let mut blanks = 0;
    while j < b {
        let l = &lines[j];
        if l.blank {
            blanks += 1;
            if blanks >= 2 {
                break;
            }
            j += 1;
            continue;
        }
        let t = l.text(src);
        let boundary = matches!(l.block, Block::Heading(_) | Block::BoldTitle)
            || (matches!(l.block, Block::Text) && line_label(t).is_some())
            || (l.indent <= title_indent && list_marker(t).is_some())
            || l.indent < base_indent;
        if boundary {
            break;
        }
        blanks = 0;
        j += 1;
        notes_end = j;
    }
    let notes = if notes_end > after {
        part_text(src, lines, "", after, notes_end)
    } else {
        String::new()
    };
    let end_line = notes_end.max(after) - 1;
    let style = match (&first_label.bullet, first_label.bold) {
        (Some(b), true) => StarStyle::BoldBullets {
            indent: " ".repeat(base_indent),
            bullet: b.clone(),
        },
        _ => StarStyle::Lines {
            indent: " ".repeat(base_indent),
            long: first_label.long,
        },
    };
    (
        Some(FoundStory {
            title,
            parts,
            notes,
            style,
            span: Span::new(lines[first_line].start, lines[end_line].end),
            first_line,
        }),
        notes_end.max(after),
    )
}

fn heading_story(
    src: &str,
    table: &LineTable,
    first: usize,
    b: usize,
    level: u8,
) -> (Option<FoundStory>, usize) {
    let lines = &table.lines;
    let mut parts: [Option<PartSpan>; 4] = Default::default();
    let mut i = first;
    let mut count = 0;
    let mut end_line = first;
    while i < b {
        let l = &lines[i];
        let Block::Heading(lv) = l.block else { break };
        if lv != level {
            break;
        }
        let Some(part) = heading_label(atx_title(l.trimmed(src))) else {
            break;
        };
        if parts[part.index()].is_some() {
            break;
        }
        // Body: until the next heading of any level (or a setext underline's heading).
        let mut j = i + 1;
        while j < b && lines[j].block == Block::SetextRule {
            j += 1;
        }
        let body_first = j;
        while j < b && !matches!(lines[j].block, Block::Heading(_) | Block::BoldTitle) {
            j += 1;
        }
        let mut last = j;
        while last > body_first && lines[last - 1].blank {
            last -= 1;
        }
        let heading_end = lines[body_first - 1].end;
        let (value, text) = if last > body_first {
            let text = part_text(src, lines, "", body_first, last);
            (
                Span::new(lines[body_first].start, lines[last - 1].end),
                text,
            )
        } else {
            (Span::new(heading_end, heading_end), String::new())
        };
        parts[part.index()] = Some(PartSpan {
            part,
            text,
            span: Span::new(l.start, value.end.max(heading_end)),
            value,
            continuation_indent: String::new(),
            line: i + 1,
        });
        count += 1;
        end_line = last.max(body_first) - 1;
        i = j;
    }
    if count < 2 {
        return (None, i.max(first + 1));
    }
    // Title: the nearest heading above with a lower level.
    let mut title = None;
    let mut k = first;
    while k > 0 {
        k -= 1;
        if let Block::Heading(lv) = lines[k].block {
            let t = clean_title(atx_title(lines[k].trimmed(src)));
            if lv <= level && heading_label(&t).is_none() {
                title = Some(t);
            }
            break;
        }
    }
    (
        Some(FoundStory {
            title,
            parts,
            notes: String::new(),
            style: StarStyle::Headings { level },
            span: Span::new(lines[first].start, lines[end_line].end),
            first_line: first,
        }),
        i,
    )
}

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

fn html_table_story(
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
                    text: strip_tags(&src[vs..ve]),
                    span: Span::new(tr, tr_end),
                    value: Span::new(vs, ve),
                    continuation_indent: String::new(),
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
        span: Span::new(table.lines[first].start, table.lines[last].end),
        first_line: first,
    })
}

fn pipe_table_stories(src: &str, table: &LineTable, a: usize, b: usize) -> Vec<FoundStory> {
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
            let t_off = l.text_start;
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
                    text: raw.trim().to_string(),
                    span: Span::new(l.start, l.end),
                    value: Span::new(vs + lead, ve - trail),
                    continuation_indent: String::new(),
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
                span: Span::new(lines[first].start, lines[last].end),
                first_line: first,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_byte_filter_admits_every_label_word() {
        for (w, part, long) in WORDS {
            // Long words in any case; single letters only as capitals ("s:" is not a label).
            let forms = if long {
                vec![w.to_string(), w.to_uppercase(), w.to_lowercase()]
            } else {
                vec![w.to_string()]
            };
            for form in forms {
                assert_eq!(
                    label_word(&format!("{form}: x")).map(|l| l.0),
                    Some(part),
                    "{form}"
                );
            }
        }
        assert_eq!(label_word("Because: x"), None);
    }

    #[test]
    fn recognises_label_forms() {
        let p = |s: &str| line_label(s).map(|l| l.part);
        assert_eq!(p("S: 일정이 촉박"), Some(StarPart::Situation));
        assert_eq!(p("R: "), Some(StarPart::Result));
        assert_eq!(p("R:"), Some(StarPart::Result));
        assert_eq!(p("Situation: x"), Some(StarPart::Situation));
        assert_eq!(p("* **Situation**: x"), Some(StarPart::Situation));
        assert_eq!(p("- **Action:** x"), Some(StarPart::Action));
        assert_eq!(p("Situation (상황): x"), Some(StarPart::Situation));
        assert_eq!(p("결과: 30% 단축"), Some(StarPart::Result));
        assert_eq!(p("T： 전각 콜론"), Some(StarPart::Task));
        assert_eq!(p("Solution: no"), None);
        assert_eq!(p("What to expect : x"), None);
        assert_eq!(p("a: lowercase letters are prose"), None);
        assert_eq!(p("Act: no"), None);
    }

    #[test]
    fn legends_are_not_values() {
        assert!(is_legend_line("Situation, T: Task, A: Action, R: Result"));
        assert!(is_legend_value(StarPart::Situation, "Situation (상황)"));
        assert!(is_legend_value(StarPart::Result, "결과"));
        assert!(!is_legend_value(StarPart::Result, "매출 30% 증가"));
    }

    #[test]
    fn heading_labels() {
        assert_eq!(heading_label("S"), Some(StarPart::Situation));
        assert_eq!(heading_label("Situation (상황)"), Some(StarPart::Situation));
        assert_eq!(heading_label("R - Result"), Some(StarPart::Result));
        assert_eq!(heading_label("Results of the migration"), None);
    }

    #[test]
    fn titles_are_cleaned() {
        assert_eq!(
            clean_title("1) 인도 출장 GST 프로젝트 -> "),
            "인도 출장 GST 프로젝트"
        );
        assert_eq!(clean_title("- **결제 장애 대응**"), "결제 장애 대응");
    }
}
