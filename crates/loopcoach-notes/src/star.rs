//! Finding STAR stories in a run of lines.
//!
//! Three ways people write them: labelled lines (`S: …`, `Situation: …`, `상황: …`,
//! `* **Situation**: …`), label headings over prose (`#### S`, `### Situation (상황)`), and table
//! rows (`<tr><td>S</td><td>…</td></tr>`, `| S | … |`). A part's value runs on over lines
//! indented deeper than its label, and over same-indent lines directly below a label that
//! already has text; an empty label followed by a same-indent paragraph leaves the part empty
//! and the paragraph becomes the story's notes. Lines that only define the letters (a legend)
//! are not a story.

use loopcoach_core::{CompactString, PartSpan, Span, StarStyle};

use crate::labels::{
    Label, clean_title, heading_label, is_legend_line, is_legend_value, line_label, list_marker,
};
use crate::lines::{Block, Line, LineTable, atx_title, bold_inner};

/// A story found in a run of lines, before ids and links are given.
#[derive(Debug, Clone)]
pub(crate) struct FoundStory {
    pub title: Option<CompactString>,
    pub parts: [Option<PartSpan>; 4],
    pub notes: String,
    pub style: StarStyle,
    pub span: Span,
    /// First and last line index the story covers (title and notes included).
    pub first_line: usize,
}

/// Find the stories in lines `[a, b)`, in text order, and append them to `all` (a list kept
/// from one range to the next, so its room is allocated once, not per range); what `all`
/// held before is left as it was.
pub(crate) fn find_stories_into(
    src: &str,
    table: &LineTable,
    a: usize,
    b: usize,
    all: &mut Vec<FoundStory>,
) {
    let lines = &table.lines;
    let first_new = all.len();
    let out = all;
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
            if answers_a_question(src, table, i, &label) {
                i += 1;
                continue;
            }
            let (story, next) = line_story(src, table, a, i, b, label);
            if let Some(s) = story {
                out.push(s);
            }
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    // HTML blocks are in document order: only those starting in the range are looked at (a
    // scan of all of them for every range was quadratic in notes full of `<details>`).
    let from = table.html_blocks.partition_point(|hb| hb.first < a);
    for hb in table.html_blocks[from..]
        .iter()
        .take_while(|hb| hb.first < b)
    {
        if hb.last < b
            && let Some(s) = html_table_story(src, table, hb.first, hb.last, hb.start, hb.end)
        {
            out.push(s);
        }
    }
    // List stories inside HTML: of the blocks that overlap the range, the part in it (a
    // question that is one row of a big table owns the lists of its row).
    if b > a {
        let (lo, hi) = (lines[a].start(), lines[b - 1].end());
        let from = table.html_blocks.partition_point(|hb| hb.last < a);
        for hb in table.html_blocks[from..]
            .iter()
            .take_while(|hb| hb.first < b)
        {
            out.extend(html_list_stories(
                src,
                table,
                hb.start.max(lo),
                hb.end.min(hi),
            ));
        }
    }
    out.extend(pipe_table_stories(src, table, a, b));
    let out = &mut out[first_new..];
    out.sort_by_key(|s| s.span.start);
    // A story with no title of its own takes the nearest heading above it in the range. The
    // lines are read once, in order, keeping the last such heading (looking back from every
    // story was quadratic: 5 MB of untitled stories under one heading took 5 s).
    let title_at = |k: usize| match lines[k].block {
        Block::Heading(_) | Block::BoldTitle => {
            let t = clean_title(lines[k].trimmed(src));
            (!t.is_empty() && heading_label(t).is_none()).then(|| CompactString::from(t))
        }
        _ => None,
    };
    let (mut heading, mut next) = (None, a);
    for s in out {
        if s.first_line < next {
            // Out of order (not expected): look back from this story alone.
            if s.title.is_none() {
                s.title = (a..s.first_line).rev().find_map(title_at);
            }
            continue;
        }
        while next < s.first_line {
            if let Some(t) = title_at(next) {
                heading = Some(t);
            }
            next += 1;
        }
        if s.title.is_none() {
            s.title.clone_from(&heading);
        }
    }
}

/// `A` right after a `Q` line (`* **Q** : What is X?` / `* **A** : …`): the answer to a
/// question, not a story's Action.
fn answers_a_question(src: &str, table: &LineTable, i: usize, label: &Label) -> bool {
    if label.long || label.part != loopcoach_core::StarPart::Action {
        return false;
    }
    // A question line starts (after a marker and emphasis) with one of the prefix words'
    // first letters: other lines are not read further.
    let may_ask = |t: &str| {
        t.trim_start_matches(['-', '*', '+', ' ', '_', '#'])
            .chars()
            .next()
            .is_some_and(|c| {
                matches!(
                    c,
                    'Q' | 'q' | '질' | '문' | '면' | '问' | '题' | '面' | 'I' | 'i'
                )
            })
    };
    let lines = &table.lines;
    let indent = lines[i].indent();
    // (The question line may stand before the range read: a question's body starts after it.)
    let a = i.saturating_sub(40);
    (a..i)
        .rev()
        .take(40)
        .map(|j| &lines[j])
        .find(|l| !l.blank && l.block == Block::Text && l.indent() <= indent)
        .is_some_and(|l| {
            // The nearest line at this indentation above, or the Q line it continues.
            may_ask(l.text(src)) && {
                let t = crate::shape::plain(l.text(src));
                crate::shape::question_prefix(&t).is_some()
            }
        })
        || (a..i)
            .rev()
            .take(40)
            .map(|j| &lines[j])
            .filter(|l| {
                !l.blank
                    && l.block == Block::Text
                    && l.indent() <= indent
                    && list_marker(l.text(src)).is_some()
            })
            .take(1)
            .any(|l| {
                may_ask(l.text(src)) && {
                    let t = crate::shape::plain(l.text(src));
                    crate::shape::question_prefix(&t).is_some()
                }
            })
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
        let deeper = l.indent() > indent;
        let lazy = !saw_blank
            && has_text
            && l.indent() == indent
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

fn part_text(
    src: &str,
    lines: &[Line],
    first_value: &str,
    from: usize,
    to: usize,
) -> CompactString {
    let first_value = first_value.trim();
    let cont = &lines[from..to];
    if cont.is_empty() {
        return CompactString::from(first_value);
    }
    let min_indent = cont
        .iter()
        .filter(|l| !l.blank)
        .map(|l| l.indent())
        .min()
        .unwrap_or(0);
    let size = cont.last().map_or(0, |l| l.end()) - cont.first().map_or(0, |l| l.start());
    let mut out = String::with_capacity(first_value.len() + size + 1);
    out.push_str(first_value);
    for l in cont {
        if !out.is_empty() || !l.blank {
            out.push('\n');
        }
        if !l.blank {
            out.extend(std::iter::repeat_n(' ', l.indent() - min_indent));
            out.push_str(l.trimmed(src));
        }
    }
    trim_in_place(&mut out);
    // A long value keeps its buffer; a short one goes inline.
    CompactString::from(out)
}

/// `n` spaces (inline, no allocation, up to 24).
fn spaces(n: usize) -> CompactString {
    const SPACES: &str = "                        ";
    match SPACES.get(..n) {
        Some(s) => CompactString::from(s),
        None => CompactString::from(" ".repeat(n)),
    }
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
    let base_indent = lines[first].indent();
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
        let cont_end = continuation_end(src, lines, i + 1, b, l.indent(), has_text);
        let value_start = l.text_start() + lb.value_offset;
        let value_end = if cont_end > i + 1 {
            lines[cont_end - 1].end()
        } else {
            l.end()
        };
        let ptext = part_text(src, lines, value, i + 1, cont_end);
        if !is_legend_value(lb.part, &ptext) {
            legend = false;
        }
        parts[lb.part.index()] = Some(PartSpan {
            part: lb.part,
            text: ptext,
            span: Span::new(l.start(), value_end),
            value: Span::new(value_start, value_end),
            continuation_indent: spaces(l.indent() + 3),
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
            && lines[j].indent() + 2 >= base_indent
            && lines[j].indent() <= base_indent + 2
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
        if !t.is_empty() && heading_label(t).is_none() {
            title = Some(CompactString::from(t));
            first_line = above - 1;
        }
    } else if first > range_start {
        let p = &lines[first - 1];
        let ptext = p.trimmed(src);
        let titled = !p.blank
            && p.indent() <= base_indent
            && (list_marker(ptext).is_some()
                || matches!(p.block, Block::BoldTitle | Block::Heading(_))
                || bold_inner(ptext).is_some())
            && line_label(ptext).is_none();
        if titled {
            let t = clean_title(ptext);
            if !t.is_empty() {
                title = Some(CompactString::from(t));
            }
            first_line = first - 1;
        }
    }
    // Notes: what follows, until a boundary.
    let title_indent = lines[first_line].indent();
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
            || (l.indent() <= title_indent && list_marker(t).is_some())
            || l.indent() < base_indent;
        if boundary {
            break;
        }
        blanks = 0;
        j += 1;
        notes_end = j;
    }
    let notes = if notes_end > after {
        part_text(src, lines, "", after, notes_end).into_string()
    } else {
        String::new()
    };
    let end_line = notes_end.max(after) - 1;
    let style = match (&first_label.bullet, first_label.bold) {
        (Some(b), true) => StarStyle::BoldBullets {
            indent: spaces(base_indent),
            bullet: CompactString::from(*b),
        },
        _ => StarStyle::Lines {
            indent: spaces(base_indent),
            long: first_label.long,
        },
    };
    (
        Some(FoundStory {
            title,
            parts,
            notes,
            style,
            span: Span::new(lines[first_line].start(), lines[end_line].end()),
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
        let heading_end = lines[body_first - 1].end();
        let (value, text) = if last > body_first {
            let text = part_text(src, lines, "", body_first, last);
            (
                Span::new(lines[body_first].start(), lines[last - 1].end()),
                text,
            )
        } else {
            (
                Span::new(heading_end, heading_end),
                CompactString::default(),
            )
        };
        parts[part.index()] = Some(PartSpan {
            part,
            text,
            span: Span::new(l.start(), value.end.max(heading_end)),
            value,
            continuation_indent: CompactString::default(),
            line: i + 1,
        });
        count += 1;
        end_line = last.max(body_first) - 1;
        i = j;
    }
    if count < 2 {
        return (None, i.max(first + 1));
    }
    // Headings of the same level that go on with the story (`#### Reflection`, `### 배운 점`):
    // its notes, each under its heading's name.
    let mut notes = String::new();
    while i < b {
        let l = &lines[i];
        if l.block != Block::Heading(level) {
            break;
        }
        let name = atx_title(l.trimmed(src));
        let n = loopcoach_core::framework::normalize_name(name);
        if !crate::vocab::vocab().extra_parts.contains(&n) {
            break;
        }
        let mut j = i + 1;
        while j < b && !matches!(lines[j].block, Block::Heading(_) | Block::BoldTitle) {
            j += 1;
        }
        let mut last = j;
        while last > i + 1 && lines[last - 1].blank {
            last -= 1;
        }
        if !notes.is_empty() {
            notes.push_str("\n\n");
        }
        notes.push_str(name);
        if last > i + 1 {
            notes.push_str(":\n");
            notes.push_str(&part_text(src, lines, "", i + 1, last));
        }
        end_line = (last - 1).max(i);
        i = j;
    }
    // Title: the nearest heading above with a lower level.
    let mut title = None;
    let mut k = first;
    while k > 0 {
        k -= 1;
        if let Block::Heading(lv) = lines[k].block {
            let t = clean_title(atx_title(lines[k].trimmed(src)));
            if lv <= level && heading_label(t).is_none() {
                title = Some(CompactString::from(t));
            }
            break;
        }
    }
    (
        Some(FoundStory {
            title,
            parts,
            notes,
            style: StarStyle::Headings { level },
            span: Span::new(lines[first].start(), lines[end_line].end()),
            first_line: first,
        }),
        i,
    )
}

mod tables;
use tables::{html_list_stories, html_table_story, pipe_table_stories};

#[cfg(test)]
mod tests {
    use super::*;

    /// Stories appended after others are the ones found on their own: sorted and titled
    /// among themselves, the earlier ones untouched.
    #[test]
    fn stories_are_appended_after_what_the_list_held() {
        let src = "## GST 프로젝트\n\nS: 출장\nT: 세금\nA: 분석\nR: 완료\n\n\
                   ## Second\n\n| S | table situation |\n|---|---|\n| R | done |\n\n\
                   S: first in text\nR: 현재\n";
        let table = LineTable::build(src, 0);
        let n = table.lines.len();
        let mid = table.line_of(src.find("## Second").unwrap_or(0));
        let alone = |a, b| {
            let mut v = Vec::new();
            find_stories_into(src, &table, a, b, &mut v);
            v
        };
        let (head, tail) = (alone(0, mid), alone(mid, n));
        assert_eq!(head.len(), 1);
        assert!(tail.len() >= 2, "{tail:?}");
        let mut all = head.clone();
        find_stories_into(src, &table, mid, n, &mut all);
        assert_eq!(all.len(), head.len() + tail.len());
        let key = |s: &FoundStory| (s.title.clone(), s.span, s.first_line, s.notes.clone());
        assert_eq!(key(&all[0]), key(&head[0]));
        assert_eq!(all[0].title.as_deref(), Some("GST 프로젝트"));
        for (a, t) in all[1..].iter().zip(&tail) {
            assert_eq!(key(a), key(t));
            assert_eq!(a.title.as_deref(), Some("Second"));
        }
        assert!(
            all[1..]
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start)
        );
    }
}
