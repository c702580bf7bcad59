//! Questions wherever and however they are written: headings of any level, list items at any
//! nesting, bold or prefixed lines (`Q1:`, `질문 1.`, `问题`), `<details><summary>` blocks and
//! the `<li>` follow-ups inside them, and table rows with a question column.
//!
//! Every such item is a *candidate*. A candidate is a question by its shape ([`is_question`])
//! **and by its siblings**: candidates of one kind and level under the same parent (heading,
//! list item or summary) form a group; when at least half of a group are questions, the whole
//! group is a question list (a topic list where a few lack the `?`), and a list where few are
//! questions is prose. Headings keep their own shape even among prose siblings (topic notes with
//! a few question headings). Rhetorical questions inside a paragraph are never candidates.
//!
//! A question owns the lines up to the next question or the end of its scope (the next heading
//! of its level or above; for a list item, the next item at its indentation or above), whichever
//! comes first; a `<details>` question owns its body, a table row its answer cell.

use std::collections::HashMap;

use loopcoach_core::Framework;

use crate::html::strip_tags_keep_lines;
use crate::labels::{heading_label, line_label, list_marker};
use crate::lines::{Block, LineTable, atx_title};
use crate::shape::{
    answer_prefix, is_bare_answer_marker, is_link_only, is_question, links_cover, plain,
    question_prefix,
};
use crate::vocab::vocab;

/// A question found by its shape, before it becomes a [`loopcoach_core::Question`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QItem {
    /// The question's (first) line.
    pub line: usize,
    /// Its answer's lines are `[body_first, end)`.
    pub body_first: usize,
    pub end: usize,
    pub title: String,
    pub number: Option<u32>,
    /// The answer when it is not the body's lines (a `<details>` body, a table cell, the rest
    /// of a `question : answer` line).
    pub answer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Heading,
    List,
    Para,
    Summary,
    Row,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Decided by the item itself: a prefix (`Q1:`), a table's question column.
    Always,
    /// Never a question: an answer marker, a contents link.
    Never,
    Yes,
    No,
}

#[derive(Debug)]
struct Cand {
    line: usize,
    /// Last line of the candidate itself (a `<details>` block's close).
    last: usize,
    kind: Kind,
    group: usize,
    title: String,
    number: Option<u32>,
    shape: Shape,
    answer: Option<String>,
    /// The end (exclusive line) of its scope.
    scope_end: usize,
    indent: usize,
    /// A heading over notes (advice, references): not promoted by its siblings.
    not_prompt: bool,
}

/// Find the questions of lines `[a, b)`, in line order.
pub(crate) fn plan_questions(
    src: &str,
    table: &LineTable,
    framework: &Framework,
    (a, b): (usize, usize),
    skip: &[(usize, usize)],
    principled: &[usize],
    parallel: bool,
) -> Vec<QItem> {
    let new = || Scan {
        src,
        table,
        framework,
        principled,
        cands: Vec::new(),
        groups: HashMap::new(),
        answer_lines: Default::default(),
        question_heads: Default::default(),
        in_reverse: false,
    };
    let mut sc = new();
    // On two threads: the lines after a heading near the middle are read on a second thread,
    // starting from the headings open there (worked out by a pass over the headings alone);
    // the candidates are then joined and decided together, so the plan is the one a single
    // pass gives.
    let split = if parallel {
        cut_line(table, a, b, skip).and_then(|cut| sc.open_at(a, cut, b, skip).map(|s| (cut, s)))
    } else {
        None
    };
    match split {
        None => sc.collect(a, b, skip, Open::default()),
        Some((cut, open)) => {
            let mut tail = new();
            let joined = std::thread::scope(|scope| {
                let t = scope.spawn(|| {
                    tail.collect(cut, b, skip, open);
                    tail
                });
                sc.collect(a, cut, skip, Open::default());
                t.join()
            });
            match joined {
                Ok(tail) => sc.join(tail),
                // A panic on the second thread: read the rest here.
                Err(_) => {
                    let open = sc.open_at(a, cut, b, skip).unwrap_or_default();
                    sc.collect(cut, b, skip, open);
                }
            }
        }
    }
    sc.finish(b)
}

/// What is open where a scan starts: the headings above it (level, line) and the level of a
/// heading over questions to ask the interviewer.
#[derive(Debug, Clone, Default)]
struct Open {
    headings: Vec<(u8, usize)>,
    reverse: Option<u8>,
}

/// A heading line near the middle of `[a, b)` after a blank line, outside the ranges skipped:
/// where a second scan can start.
fn cut_line(table: &LineTable, a: usize, b: usize, skip: &[(usize, usize)]) -> Option<usize> {
    let lines = &table.lines;
    let mid = a + (b - a) / 2;
    (mid.max(a + 1)..b).find(|&i| {
        matches!(lines[i].block, Block::Heading(_) | Block::BoldTitle)
            && lines[i - 1].blank
            && !skip.iter().any(|&(f, t)| f <= i && i < t)
    })
}

struct Scan<'a> {
    src: &'a str,
    table: &'a LineTable,
    /// Heading lines that name a principle (sorted; matched the forgiving way once, by the
    /// section finder).
    principled: &'a [usize],
    framework: &'a Framework,
    cands: Vec<Cand>,
    groups: HashMap<(usize, Kind, usize), usize>,
    /// Lines that mark an answer (`* **A** : …`): part of the question before them.
    answer_lines: std::collections::HashSet<usize>,
    /// Headings and bold titles that name a list of questions (`**[온사이트 인터뷰 질문]**`,
    /// `## Interview Questions`): their top-level items are questions whatever their shape.
    question_heads: std::collections::HashSet<usize>,
    /// Under a heading over questions to ask the interviewer: nothing is a question to answer.
    in_reverse: bool,
}

const ROOT: usize = usize::MAX;
/// The level a bold title (`**예상질문**`) counts as among headings.
const BOLD_LEVEL: u8 = 7;

impl Scan<'_> {
    fn group(&mut self, container: usize, kind: Kind, level: usize) -> usize {
        let n = self.groups.len();
        *self.groups.entry((container, kind, level)).or_insert(n)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        line: usize,
        last: usize,
        kind: Kind,
        container: usize,
        level: usize,
        title: String,
        number: Option<u32>,
        shape: Shape,
        answer: Option<String>,
        indent: usize,
    ) {
        let group = self.group(container, kind, level);
        let shape = if self.in_reverse { Shape::Never } else { shape };
        let not_prompt =
            shape == Shape::No && kind == Kind::Heading && crate::shape::is_not_prompt(&title);
        self.cands.push(Cand {
            line,
            last,
            kind,
            group,
            title,
            number,
            shape,
            answer,
            not_prompt,
            scope_end: usize::MAX,
            indent,
        });
    }

    /// A candidate that is never a question (a contents link, an answer marker, a principle's
    /// item): it still counts among its siblings' places.
    fn never(&mut self, line: usize, kind: Kind, container: usize, level: usize, indent: usize) {
        self.push(
            line,
            line,
            kind,
            container,
            level,
            String::new(),
            None,
            Shape::Never,
            None,
            indent,
        );
    }

    /// A principle's name as a heading or item (`## Customer Obsession`): not a question
    /// itself; `CUSTOMER OBSESSION: question` is the question after the name.
    fn principle_head<'t>(&self, title: &'t str) -> Option<Option<&'t str>> {
        principle_head(self.framework, title)
    }

    /// The headings open at line `cut` as a scan from `a` leaves them, or `None` when a block
    /// the scan jumps over (`<details>`, a skipped range) runs across `cut`.
    fn open_at(&self, a: usize, cut: usize, b: usize, skip: &[(usize, usize)]) -> Option<Open> {
        let lines = &self.table.lines;
        let src = self.src;
        let mut open = Open::default();
        let mut skip = skip.iter().peekable();
        let mut i = a;
        while i < cut {
            while skip.peek().is_some_and(|r| r.1 <= i) {
                skip.next();
            }
            if let Some(&&(from, to)) = skip.peek()
                && from <= i
            {
                i = to;
                continue;
            }
            let l = &lines[i];
            if l.blank {
                i += 1;
                continue;
            }
            let text = l.trimmed(src);
            if matches!(l.block, Block::Html | Block::Text)
                && text
                    .get(..8)
                    .is_some_and(|p| p.eq_ignore_ascii_case("<details"))
            {
                // Where the scan goes on after the block (as `details` finds its close).
                i = (i..b)
                    .find(|&j| {
                        lines[j]
                            .trimmed(src)
                            .to_ascii_lowercase()
                            .contains("</details>")
                    })
                    .map_or(i + 1, |c| c + 1);
                continue;
            }
            match l.block {
                Block::Heading(lv)
                    if !(i > 0 && lines[i - 1].block == l.block && !lines[i - 1].blank) =>
                {
                    while open.headings.last().is_some_and(|h| h.0 >= lv) {
                        open.headings.pop();
                    }
                    if open.reverse.is_some_and(|r| lv <= r) {
                        open.reverse = None;
                    }
                    if open.reverse.is_none() && crate::shape::is_reverse_head(atx_title(text)) {
                        open.reverse = Some(lv);
                    }
                    open.headings.push((lv, i));
                }
                Block::BoldTitle => {
                    while open.headings.last().is_some_and(|h| h.0 >= BOLD_LEVEL) {
                        open.headings.pop();
                    }
                    open.headings.push((BOLD_LEVEL, i));
                }
                _ => {}
            }
            i += 1;
        }
        (i == cut).then_some(open)
    }

    /// Join the candidates a scan of the lines after ours found (their groups are renamed to
    /// ours by what makes a group: parent, kind, level).
    fn join(&mut self, tail: Scan<'_>) {
        let mut key_of = vec![(0, Kind::Heading, 0); tail.groups.len()];
        for (k, &g) in &tail.groups {
            key_of[g] = *k;
        }
        for mut c in tail.cands {
            let (container, kind, level) = key_of[c.group];
            c.group = self.group(container, kind, level);
            self.cands.push(c);
        }
        self.answer_lines.extend(tail.answer_lines);
        self.question_heads.extend(tail.question_heads);
    }

    fn collect(&mut self, a: usize, b: usize, skip: &[(usize, usize)], open: Open) {
        let mut skip = skip.iter().peekable();
        let lines = &self.table.lines;
        let src = self.src;
        // The headings open above `a` that name questions head lists of them here too.
        for &(lv, line) in &open.headings {
            let t = lines[line].trimmed(src);
            let t = if lv == BOLD_LEVEL { t } else { atx_title(t) };
            if names_questions(t) {
                self.question_heads.insert(line);
            }
        }
        self.in_reverse = open.reverse.is_some();
        // Open headings (level, line) and list items (indent, line) above the current line.
        let mut headings: Vec<(u8, usize)> = open.headings;
        let mut lists: Vec<(usize, usize)> = Vec::new();
        // Inside a STAR label's value (lines indented deeper than the label).
        let mut star_indent: Option<usize> = None;
        // Under a heading over questions to ask the interviewer (its level).
        let mut reverse: Option<u8> = open.reverse;
        let mut i = a;
        while i < b {
            // A range read otherwise: jumped over, lists closed.
            while skip.peek().is_some_and(|r| r.1 <= i) {
                skip.next();
            }
            if let Some(&&(from, to)) = skip.peek()
                && from <= i
            {
                i = to;
                lists.clear();
                star_indent = None;
                continue;
            }
            let l = &lines[i];
            if l.blank {
                i += 1;
                continue;
            }
            let text = l.trimmed(src);
            // `<details>` blocks, wherever they are (HTML or text lines).
            if matches!(l.block, Block::Html | Block::Text)
                && text
                    .get(..8)
                    .is_some_and(|p| p.eq_ignore_ascii_case("<details"))
            {
                let container = headings.last().map_or(ROOT, |h| h.1);
                i = self.details(i, b, container);
                lists.clear();
                star_indent = None;
                continue;
            }
            match l.block {
                Block::Code | Block::SetextRule => {}
                Block::Html => {
                    if text.to_ascii_lowercase().contains("<table") {
                        let container = headings.last().map_or(ROOT, |h| h.1);
                        i = self.html_table(i, b, container);
                        continue;
                    }
                }
                Block::Table => {
                    let container = headings.last().map_or(ROOT, |h| h.1);
                    i = self.pipe_table(i, b, container);
                    continue;
                }
                Block::Heading(lv) => {
                    if i > 0 && lines[i - 1].block == l.block && !lines[i - 1].blank {
                        i += 1;
                        continue; // second text line of a setext heading
                    }
                    while headings.last().is_some_and(|h| h.0 >= lv) {
                        headings.pop();
                    }
                    if reverse.is_some_and(|r| lv <= r) {
                        reverse = None;
                    }
                    if reverse.is_none() && crate::shape::is_reverse_head(atx_title(text)) {
                        reverse = Some(lv);
                    }
                    self.in_reverse = reverse.is_some();
                    let container = headings.last().map_or(ROOT, |h| h.1);
                    headings.push((lv, i));
                    lists.clear();
                    star_indent = None;
                    let raw = atx_title(text);
                    if names_questions(raw) {
                        self.question_heads.insert(i);
                    }
                    if heading_label(raw).is_none() {
                        self.titled(i, Kind::Heading, container, lv as usize, raw, 0);
                    }
                }
                Block::BoldTitle => {
                    lists.clear();
                    star_indent = None;
                    // A bold title heads what follows like a heading below every level.
                    while headings.last().is_some_and(|h| h.0 >= BOLD_LEVEL) {
                        headings.pop();
                    }
                    let container = headings.last().map_or(ROOT, |h| h.1);
                    headings.push((BOLD_LEVEL, i));
                    if names_questions(text) {
                        self.question_heads.insert(i);
                    }
                    if line_label(text).is_none() {
                        self.titled(i, Kind::Para, container, 0, text, 0);
                    }
                }
                Block::Text => {
                    if l.quote {
                        i += 1;
                        continue;
                    }
                    if let Some(x) = star_indent {
                        if l.indent() > x {
                            i += 1;
                            continue;
                        }
                        star_indent = None;
                    }
                    if line_label(text).is_some() {
                        star_indent = Some(l.indent());
                        i += 1;
                        continue;
                    }
                    if let Some((_, off)) = list_marker(text) {
                        while lists.last().is_some_and(|x| x.0 >= l.indent()) {
                            lists.pop();
                        }
                        let container = lists
                            .last()
                            .map(|x| x.1)
                            .or(headings.last().map(|h| h.1))
                            .unwrap_or(ROOT);
                        let level = lists.len();
                        lists.push((l.indent(), i));
                        // A contents link, or a principle's item (`1. Customer Obsession`):
                        // never a question.
                        if is_link_only(text)
                            || level == 0
                                && self
                                    .framework
                                    .match_exact(
                                        super::strip_number(&text[off.min(text.len())..]).1,
                                    )
                                    .is_some()
                        {
                            self.never(i, Kind::List, container, level, l.indent());
                        } else {
                            let (number, _) = super::strip_number(text);
                            let raw = &text[off.min(text.len())..];
                            self.titled(i, Kind::List, container, level, raw, l.indent());
                            if let Some(c) = self.cands.last_mut()
                                && c.line == i
                                && c.number.is_none()
                            {
                                c.number = number;
                            }
                        }
                    } else {
                        let starts_paragraph = i == a
                            || lines[i - 1].blank
                            || lines[i - 1].block != Block::Text
                            || list_marker(lines[i - 1].text(src)).is_some();
                        let in_item = lists.last().is_some_and(|x| l.indent() > x.0);
                        if !in_item && l.indent() < 4 {
                            lists.clear();
                        }
                        // Only a line that could carry a prefix or be all emphasis is read
                        // further (most paragraph lines are prose).
                        if starts_paragraph && may_head_paragraph(text) {
                            let container = headings.last().map_or(ROOT, |h| h.1);
                            let p = plain(text);
                            let emphasised = whole_emphasis(text);
                            if question_prefix(&p).is_some() || emphasised && is_question(&p) {
                                self.titled(i, Kind::Para, container, 0, text, l.indent());
                            }
                        }
                    }
                }
            }
            i += 1;
        }
    }

    /// A candidate from a title as written (heading text, list item text, bold line).
    fn titled(
        &mut self,
        line: usize,
        kind: Kind,
        container: usize,
        level: usize,
        raw: &str,
        indent: usize,
    ) {
        let p = plain(raw);
        let (number, p) = match super::strip_number(&p) {
            (Some(n), t) => (Some(n), crate::shape::strip_quotes(t).to_string()),
            (None, _) => (None, p),
        };
        if let Some((n, rest)) = question_prefix(&p) {
            let (title, answer) = split_inline_answer(crate::shape::strip_quotes(rest));
            self.push(
                line,
                line,
                kind,
                container,
                level,
                title,
                n.or(number),
                Shape::Always,
                answer,
                indent,
            );
            return;
        }
        if answer_prefix(&p).is_some() || is_bare_answer_marker(&p) {
            self.answer_lines.insert(line);
            self.never(line, kind, container, level, indent);
            return;
        }
        // A principle is named in a heading, a bold line or a top-level item, never in a
        // nested point. A list item names one exactly (`1. Customer Obsession`); a heading or
        // bold line the section finder took for a principle is matched the forgiving way
        // (`## Costumer Obsesion`, `### OWNERSHIP: question`).
        let may_name = kind != Kind::List || level == 0;
        let head = if !may_name {
            None
        } else if kind != Kind::List && self.principled.binary_search(&line).is_ok() {
            self.principle_head(&p)
        } else {
            principle_head_exact(self.framework, &p)
        };
        if let Some(q) = head {
            // A principle's heading; with a question after its name, that question.
            let (shape, title) = match q {
                Some(q) => (Shape::Always, q.to_string()),
                None => (Shape::Never, String::new()),
            };
            self.push(
                line, line, kind, container, level, title, number, shape, None, indent,
            );
            return;
        }
        if kind == Kind::List && level == 0 && self.question_heads.contains(&container) {
            // An item of a list its heading calls questions: "problem : what I answered".
            let (title, answer) = match p.split_once(" : ").or_else(|| p.split_once(": ")) {
                Some((q, a)) if !q.trim().is_empty() => {
                    (q.trim().to_string(), Some(a.trim().to_string()))
                }
                _ => (p.clone(), None),
            };
            let shape = if title.is_empty() {
                Shape::Never
            } else {
                Shape::Always
            };
            self.push(
                line, line, kind, container, level, title, number, shape, answer, indent,
            );
            return;
        }
        let asks = is_question(&p);
        let shape = if p.is_empty() {
            Shape::Never
        } else if asks {
            Shape::Yes
        } else {
            Shape::No
        };
        let (title, answer) = if shape == Shape::Yes {
            split_inline_answer(&p)
        } else {
            (p, None)
        };
        self.push(
            line, line, kind, container, level, title, number, shape, answer, indent,
        );
    }

    /// A `<details>` block from line `i`: its summary is a candidate, the `<li>` items of its
    /// body are candidates under it. Returns the line after the block.
    fn details(&mut self, i: usize, b: usize, container: usize) -> usize {
        let lines = &self.table.lines;
        let src = self.src;
        let Some(close) = (i..b).find(|&j| {
            lines[j]
                .trimmed(src)
                .to_ascii_lowercase()
                .contains("</details>")
        }) else {
            return i + 1;
        };
        let whole = &src[lines[i].start()..lines[close].end()];
        let lower = whole.to_ascii_lowercase();
        let (Some(s), Some(e)) = (lower.find("<summary"), lower.find("</summary>")) else {
            return close + 1;
        };
        let s_end = lower[s..].find('>').map_or(e, |k| s + k + 1).min(e);
        let summary = plain(&whole[s_end..e]);
        let (number, title) = match super::strip_number(&summary) {
            (Some(n), t) => (Some(n), t.to_string()),
            (None, _) => (None, summary.clone()),
        };
        let body_from = e + "</summary>".len();
        let body_to = lower
            .rfind("</details>")
            .unwrap_or(whole.len())
            .max(body_from);
        let body = &whole[body_from..body_to];
        // The `<li>` follow-ups of the body, each on the line where it starts.
        let base = lines[i].start();
        let mut items: Vec<(usize, String, usize)> = Vec::new();
        let blower = &lower[body_from..body_to];
        let mut at = 0;
        while let Some(k) = blower[at..].find("<li") {
            let start = at + k;
            let after = blower[start..]
                .find('>')
                .map_or(blower.len(), |x| start + x + 1);
            let stop = ["</li", "<li", "</ul", "</ol"]
                .iter()
                .filter_map(|t| blower[after..].find(t).map(|x| after + x))
                .min()
                .unwrap_or(blower.len());
            let text = plain(&body[after..stop]);
            let line = self.table.line_of(base + body_from + start);
            if !text.is_empty() && items.last().is_none_or(|x| x.0 != line) {
                items.push((line, text, start));
            }
            at = stop.max(after);
        }
        let questions = items.iter().filter(|x| is_question(&x.1)).count();
        let follow_ups = !items.is_empty() && questions * 2 >= items.len();
        // The summary's answer is its body up to the first follow-up question.
        let answer_to = if follow_ups {
            items.first().map_or(body.len(), |x| x.2)
        } else {
            body.len()
        };
        let answer = strip_tags_keep_lines(&body[..answer_to]);
        let answer = decode_entities(&answer);
        let shape = if title.is_empty() {
            Shape::Never
        } else {
            Shape::Always
        };
        self.push(
            i,
            close,
            Kind::Summary,
            container,
            0,
            title,
            number,
            shape,
            Some(answer),
            0,
        );
        if follow_ups {
            for (line, text, _) in items {
                let shape = if is_question(&text) {
                    Shape::Yes
                } else {
                    Shape::No
                };
                self.push(
                    line,
                    line,
                    Kind::List,
                    i,
                    0,
                    text,
                    None,
                    shape,
                    Some(String::new()),
                    0,
                );
            }
        }
        close + 1
    }

    /// An HTML table from line `i` (its HTML block): rows are questions when a header names
    /// the question column, when most first cells are questions, or when most rows answer
    /// their first cell with a list or a STAR story (a key/value table of prompts).
    fn html_table(&mut self, i: usize, b: usize, container: usize) -> usize {
        let lines = &self.table.lines;
        let src = self.src;
        let mut j = i;
        while j < b && lines[j].block == Block::Html {
            j += 1;
        }
        let last = j.saturating_sub(1).max(i);
        let whole = &src[lines[i].start()..lines[last].end()];
        let lower = whole.to_ascii_lowercase();
        let base = lines[i].start();
        // Rows: (line, cells as raw HTML).
        let mut rows: Vec<(usize, Vec<&str>, bool)> = Vec::new();
        let mut at = 0;
        while let Some(k) = lower[at..].find("<tr") {
            let start = at + k;
            let end = lower[start..]
                .find("</tr")
                .map_or(lower.len(), |x| start + x);
            let mut cells = Vec::new();
            let mut header = false;
            let mut c = start;
            while let Some(x) = lower[c..end].find("<t") {
                let cs = c + x;
                let tag = lower.get(cs + 2..cs + 3).unwrap_or("");
                if tag != "d" && tag != "h" {
                    c = cs + 2;
                    continue;
                }
                header |= tag == "h";
                let open_end = lower[cs..end].find('>').map_or(end, |y| cs + y + 1);
                let close = ["</td", "</th"]
                    .iter()
                    .filter_map(|t| lower[open_end..end].find(t).map(|y| open_end + y))
                    .min()
                    .unwrap_or(end);
                cells.push(&whole[open_end..close]);
                c = close.max(open_end);
            }
            let line = self.table.line_of(base + start);
            if !cells.is_empty() {
                rows.push((line, cells, header));
            }
            at = end.max(start + 3);
        }
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.1.iter().map(|c| plain(c)).collect())
            .collect();
        // Rows that answer their first cell with a list or a STAR story: a table of prompts.
        let listed = rows
            .iter()
            .filter(|r| {
                r.1.get(1).is_some_and(|c| {
                    let l = c.to_ascii_lowercase();
                    l.contains("<li") || l.contains("situation")
                })
            })
            .count();
        let header = rows.first().is_some_and(|r| r.2);
        let cols = self.question_columns(&texts, header).or_else(|| {
            let body = rows.len().saturating_sub(usize::from(header));
            (body >= 2 && listed * 2 >= body).then_some((0, Some(1), header))
        });
        if let Some((q, ans, skip_header)) = cols {
            for (k, (line, cells, _)) in rows.iter().enumerate() {
                if skip_header && k == 0 {
                    continue;
                }
                let title = texts[k].get(q).cloned().unwrap_or_default();
                if title.is_empty() {
                    continue;
                }
                let answer = ans
                    .and_then(|a| cells.get(a))
                    .map(|c| decode_entities(&strip_tags_keep_lines(c)))
                    .unwrap_or_default();
                let (number, title) = match super::strip_number(&title) {
                    (Some(n), t) => (Some(n), t.to_string()),
                    (None, _) => (None, title.clone()),
                };
                self.push(
                    *line,
                    *line,
                    Kind::Row,
                    container,
                    0,
                    title,
                    number,
                    Shape::Always,
                    Some(answer),
                    0,
                );
            }
        }
        j
    }

    /// A pipe table from line `i`.
    fn pipe_table(&mut self, i: usize, b: usize, container: usize) -> usize {
        let lines = &self.table.lines;
        let src = self.src;
        let mut j = i;
        while j < b && lines[j].block == Block::Table {
            j += 1;
        }
        let rows: Vec<(usize, Vec<&str>)> = (i..j)
            .map(|k| (k, pipe_cells(lines[k].trimmed(src))))
            .filter(|(_, c)| {
                !c.iter()
                    .all(|x| x.trim().trim_matches([':', '-']).is_empty())
            })
            .collect();
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.1.iter().map(|c| plain(c)).collect())
            .collect();
        if let Some((q, ans, skip_header)) = self.question_columns(&texts, true) {
            for (k, (line, cells)) in rows.iter().enumerate() {
                if skip_header && k == 0 {
                    continue;
                }
                let title = texts[k].get(q).cloned().unwrap_or_default();
                if title.is_empty() {
                    continue;
                }
                let answer = ans
                    .and_then(|a| cells.get(a))
                    .map(|c| c.replace("<br>", "\n").trim().to_string())
                    .unwrap_or_default();
                self.push(
                    *line,
                    *line,
                    Kind::Row,
                    container,
                    0,
                    title,
                    None,
                    Shape::Always,
                    Some(answer),
                    0,
                );
            }
        }
        j
    }

    /// Which column of a table holds questions, which their answers, and whether the first
    /// row is a header.
    fn question_columns(
        &self,
        rows: &[Vec<String>],
        first_is_header: bool,
    ) -> Option<(usize, Option<usize>, bool)> {
        let v = &vocab().question;
        let norm = |s: &str| loopcoach_core::framework::normalize_name(s);
        let header = rows.first()?;
        let find = |names: &[String]| {
            header.iter().position(|h| {
                names
                    .iter()
                    .any(|n| norm(n) == norm(h) && !norm(h).is_empty())
            })
        };
        if let Some(q) = find(&v.table_question_headers) {
            return Some((q, find(&v.table_answer_headers), true));
        }
        let body = if first_is_header { &rows[1..] } else { rows };
        if body.len() < 2 {
            return None;
        }
        let firsts = body.iter().filter(|r| r.len() >= 2).count();
        if firsts * 2 < body.len() {
            return None;
        }
        let questions = body
            .iter()
            .filter(|r| r.first().is_some_and(|c| is_question(c)))
            .count();
        if questions * 2 >= body.len() {
            return Some((0, Some(1), first_is_header));
        }
        None
    }

    /// Decide the groups, then give each question its scope and answer.
    fn finish(mut self, b: usize) -> Vec<QItem> {
        // Groups: how many of each are questions by shape.
        let mut stats: HashMap<usize, (usize, usize)> = HashMap::new();
        for c in &self.cands {
            let e = stats.entry(c.group).or_default();
            match c.shape {
                Shape::Never => {}
                Shape::Yes | Shape::Always => {
                    e.0 += 1;
                    e.1 += 1;
                }
                Shape::No => e.1 += 1,
            }
        }
        let lines = &self.table.lines;
        // Each group's members in order (answer markers and links left out), and where each
        // candidate stands among them.
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut at = vec![usize::MAX; self.cands.len()];
        for (k, c) in self.cands.iter().enumerate() {
            if c.shape != Shape::Never {
                let m = members.entry(c.group).or_default();
                at[k] = m.len();
                m.push(k);
            }
        }
        let is_q = |k: usize| matches!(self.cands[k].shape, Shape::Yes | Shape::Always);
        // Most of the siblings around it (two on each side) are questions: a question in a
        // list of them, not a run of notes at the edge of one.
        let among_questions = |k: usize| {
            let Some(m) = members.get(&self.cands[k].group) else {
                return false;
            };
            let p = at[k];
            let lo = p.saturating_sub(2);
            let hi = (p + 3).min(m.len());
            let near: Vec<usize> = (lo..hi).filter(|&x| x != p).map(|x| m[x]).collect();
            let q = near.iter().filter(|&&x| is_q(x)).count();
            q * 2 > near.len()
        };
        let chosen: Vec<bool> = self
            .cands
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let (q, n) = stats.get(&c.group).copied().unwrap_or((0, 0));
                match c.shape {
                    Shape::Always => true,
                    Shape::Never => false,
                    // Most of its siblings are questions, and those around it: a question list.
                    Shape::No => {
                        q >= 2
                            && q * 2 >= n
                            && c.kind != Kind::Para
                            && !c.not_prompt
                            && among_questions(k)
                    }
                    // Fewer than half are: a list of prose, unless the item stands alone in its shape (headings,
                    // bold lines, summaries).
                    Shape::Yes => match c.kind {
                        Kind::List => q * 2 >= n,
                        _ => true,
                    },
                }
            })
            .collect();
        // Scopes: a heading's runs to the next heading of its level or above; a list item's to
        // the next heading, bold title or item at its indentation or above; a paragraph's to
        // the next heading or bold title.
        for (k, &picked) in chosen.iter().enumerate() {
            if !picked {
                continue;
            }
            let c = &self.cands[k];
            let end = match c.kind {
                Kind::Summary | Kind::Row => c.last + 1,
                Kind::Heading => {
                    let lv = match lines[c.line].block {
                        Block::Heading(lv) => lv,
                        _ => 0,
                    };
                    (c.last + 1..b)
                        .find(|&j| matches!(lines[j].block, Block::Heading(x) if x <= lv))
                        .unwrap_or(b)
                }
                Kind::List => (c.last + 1..b)
                    .find(|&j| {
                        let l = &lines[j];
                        !l.blank
                            && match l.block {
                                Block::Heading(_) | Block::BoldTitle => true,
                                Block::Text => {
                                    l.indent() <= c.indent
                                        && list_marker(l.text(self.src)).is_some()
                                        && !self.answer_lines.contains(&j)
                                        && !is_answer_item(l.text(self.src))
                                }
                                _ => false,
                            }
                    })
                    .unwrap_or(b),
                Kind::Para => (c.last + 1..b)
                    .find(|&j| matches!(lines[j].block, Block::Heading(_) | Block::BoldTitle))
                    .unwrap_or(b),
            };
            self.cands[k].scope_end = end;
        }
        let mut out: Vec<QItem> = Vec::new();
        let picked: Vec<usize> = (0..self.cands.len()).filter(|&k| chosen[k]).collect();
        for (n, &k) in picked.iter().enumerate() {
            let c = &self.cands[k];
            let next = picked
                .get(n + 1)
                .map_or(usize::MAX, |&x| self.cands[x].line);
            let end = c.scope_end.min(next).max(c.last + 1);
            out.push(QItem {
                line: c.line,
                body_first: c.last + 1,
                end,
                title: c.title.clone(),
                number: c.number,
                answer: c.answer.clone(),
            });
        }
        out.sort_by_key(|q| q.line);
        out.dedup_by_key(|q| q.line);
        out
    }
}

/// `NAME`, `NAME: question`, `NAME - question` where NAME is a built-in principle: `Some(None)`
/// for the name alone, `Some(Some(question))` for a question after it.
pub(crate) fn principle_head<'t>(fw: &Framework, title: &'t str) -> Option<Option<&'t str>> {
    let (_, t) = super::strip_number(title);
    // A principle's name is short (the longest, with a misspelling or two, is under 60 bytes):
    // a longer text can only be one with a separator early on.
    if t.len() > 64
        && !t
            .get(..64)
            .is_some_and(|h| h.contains([':', '：', '-', '–', '—', '(', '（']))
    {
        return None;
    }
    let named = |s: &str| fw.match_principle(s).is_some_and(|(_, score)| score >= 0.9);
    if named(t) {
        return Some(None);
    }
    for sep in [":", "：", " - ", " – ", " — "] {
        if let Some((head, rest)) = t.split_once(sep)
            && named(head)
        {
            let rest = rest.trim();
            return Some((!rest.is_empty()).then_some(rest));
        }
    }
    None
}

/// [`principle_head`] with exact names only.
fn principle_head_exact<'t>(fw: &Framework, title: &'t str) -> Option<Option<&'t str>> {
    let (_, t) = super::strip_number(title);
    if fw.match_exact(t).is_some() {
        return Some(None);
    }
    for sep in [":", "：", " - ", " – ", " — "] {
        if let Some((head, rest)) = t.split_once(sep)
            && fw.match_exact(head).is_some()
        {
            let rest = rest.trim();
            return Some((!rest.is_empty()).then_some(rest));
        }
    }
    None
}

/// The principle's name in a heading that may carry a question after it.
pub(crate) fn principle_name<'t>(fw: &Framework, title: &'t str) -> &'t str {
    if let Some(Some(q)) = principle_head(fw, title)
        && let Some(k) = title.rfind(q)
    {
        return title[..k]
            .trim_end()
            .trim_end_matches([':', '：', '-', '–', '—'])
            .trim_end();
    }
    title
}

/// `question : answer` on one line (`TCP란? : 연결 지향 프로토콜`): the question and the answer
/// when the part before the colon is a question by itself.
fn split_inline_answer(t: &str) -> (String, Option<String>) {
    for sep in [" : ", " ： ", "? :", "?:"] {
        if let Some(k) = t.find(sep) {
            let q_end = if sep.starts_with('?') { k + 1 } else { k };
            let (q, a) = (t[..q_end].trim(), t[k + sep.len()..].trim());
            if is_question(q) && !a.is_empty() {
                return (q.to_string(), Some(a.to_string()));
            }
        }
    }
    (t.to_string(), None)
}

/// Whether a heading names a list of questions (`면접 질문`, `[온사이트 인터뷰 질문]`,
/// `Interview Questions`, `面试题`), not questions to ask the interviewer.
fn names_questions(raw: &str) -> bool {
    // Most headings hold none of the words: told without a copy.
    let lower_has = |w: &str| {
        raw.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    };
    if ![
        "질문",
        "question",
        "问题",
        "面试题",
        "题目",
        "qna",
        "qa",
        "q&a",
    ]
    .iter()
    .any(|w| lower_has(w))
    {
        return false;
    }
    let p = plain(raw).to_lowercase();
    let n = loopcoach_core::framework::normalize_name(&p);
    if [
        "myquestion",
        "역질문",
        "反问",
        "질문할",
        "questionsfor",
        "toask",
        "askthem",
        "ask",
    ]
    .iter()
    .any(|w| n.contains(w))
    {
        return false;
    }
    [
        "질문",
        "questions",
        "question",
        // (问题 alone is also "problem": only these name questions.)
        "面试问题",
        "常见问题",
        "面试题",
        "题目",
        "qna",
        "qa",
    ]
    .iter()
    .any(|w| n.ends_with(w))
        && n.chars().count() <= 24
}

/// A list item that marks an answer (`* **A** : …`, `- Answer: …`).
fn is_answer_item(text: &str) -> bool {
    let p = plain(text);
    answer_prefix(&p).is_some() || is_bare_answer_marker(&p)
}

/// Whether a paragraph's first line may be a question line: emphasised, or opening with a
/// letter a question prefix starts with (`Q`, `질`, `문`, `면`, `问`, `题`, `面`, `I`).
fn may_head_paragraph(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('*' | '_' | 'Q' | 'q' | 'I' | 'i' | '질' | '문' | '면' | '问' | '题' | '面')
    )
}

/// The whole line is emphasis (`**…**`, `*…*`, `_…_`).
fn whole_emphasis(text: &str) -> bool {
    let t = text.trim();
    ["**", "__", "*", "_"]
        .iter()
        .any(|d| t.len() > 2 * d.len() && t.starts_with(d) && t.ends_with(d))
}

fn pipe_cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    // Split on unescaped pipes outside link targets.
    let mut cells = Vec::new();
    let (mut start, mut depth) = (0, 0i32);
    let b = t.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b'|' if depth == 0 && (k == 0 || b[k - 1] != b'\\') => {
                cells.push(t[start..k].trim());
                start = k + 1;
            }
            _ => {}
        }
    }
    cells.push(t[start..].trim());
    cells
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Whether an answer says something: words beyond labels (`S:`, `**A** :`), list markers and
/// links (an answer that is only a link to another file is no answer here).
pub(crate) fn has_substance(answer: &str) -> bool {
    answer.lines().any(|line| {
        let mut t = line.trim();
        if let Some((_, off)) = list_marker(t) {
            t = t[off.min(t.len())..].trim();
        }
        if let Some(l) = line_label(t) {
            t = t[l.value_offset.min(t.len())..].trim();
        }
        let p = plain(t);
        if is_bare_answer_marker(&p) {
            return false;
        }
        let p = answer_prefix(&p).map_or(p.as_str(), |r| r).to_string();
        p.chars().any(char::is_alphanumeric) && !links_cover(t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::LineTable;

    fn plan(text: &str) -> Vec<(String, bool)> {
        let table = LineTable::build(text, 0);
        let fw = Framework::shared();
        let principled: Vec<usize> = (0..table.lines.len())
            .filter(|&i| {
                matches!(table.lines[i].block, Block::Heading(_))
                    && principle_head(fw, atx_title(table.lines[i].trimmed(text))).is_some()
            })
            .collect();
        plan_questions(
            text,
            &table,
            fw,
            (0, table.lines.len()),
            &[],
            &principled,
            false,
        )
        .into_iter()
        .map(|q| {
            let answered = match &q.answer {
                Some(a) => has_substance(a),
                None => {
                    let body: Vec<&str> = (q.body_first..q.end)
                        .map(|i| table.lines[i].text(text))
                        .collect();
                    has_substance(&body.join("\n"))
                }
            };
            (q.title, answered)
        })
        .collect()
    }

    #[test]
    fn question_headings_own_what_follows() {
        let t = "# AWS\n\n## What is a VPC?\n\nA private network.\n\n## Subnet 설명해주세요\n\n\
                 - 서브넷은 …\n\n## Why NAT\n\n## NAT gateway\n\ntext\n\n## Notes\n\nmine\n";
        let got = plan(t);
        let titles: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
        // "NAT gateway" is a question by its siblings (three of five are); "Notes" heads the
        // writer's notes, never a prompt.
        assert_eq!(
            titles,
            [
                "What is a VPC?",
                "Subnet 설명해주세요",
                "Why NAT",
                "NAT gateway"
            ]
        );
        assert_eq!(
            got.iter().map(|g| g.1).collect::<Vec<_>>(),
            [true, true, false, true]
        );
    }

    /// A run of notes headings (three here) before a list of question headings stays notes: a
    /// heading is promoted only when the siblings around it are questions too.
    #[test]
    fn notes_at_the_edge_of_a_question_list_stay_notes() {
        let t = "## Amazon\n\n### Be on time\n\nx\n\n### Bring water\n\nw\n\n\
                 ### Know your stuff\n\ny\n\n\
                 ### Why Amazon?\n\na\n\n### Why this team?\n\nb\n\n### Biggest mistake\n\nc\n\n\
                 ### How do you learn?\n\nd\n\n### What is your weakness?\n\ne\n";
        let titles: Vec<_> = plan(t).into_iter().map(|g| g.0).collect();
        assert_eq!(
            titles,
            [
                "Why Amazon?",
                "Why this team?",
                "Biggest mistake",
                "How do you learn?",
                "What is your weakness?"
            ]
        );
    }

    #[test]
    fn topic_headings_keep_only_their_questions() {
        let t = "# Java\n\n## 集合\n\ntext\n\n## JVM\n\ntext\n\n## 为什么用 Redis\n\nbecause\n\n\
                 ## Spring\n\n## MySQL\n\nx\n";
        let titles: Vec<_> = plan(t).into_iter().map(|g| g.0).collect();
        assert_eq!(titles, ["为什么用 Redis"]);
    }

    #[test]
    fn list_questions_by_siblings_and_prose_lists_are_not() {
        let t = "## 네트워크\n\n1. TCP와 UDP의 차이점을 설명해주세요.\n2. DNS 동작 과정\n\
                 3. 쿠키와 세션은 무엇인가요?\n\n## Tips\n\n- Be on time\n- Bring water\n\
                 - Why not smile? It helps\n- Sleep well\n";
        let titles: Vec<_> = plan(t).into_iter().map(|g| g.0).collect();
        assert_eq!(
            titles,
            [
                "TCP와 UDP의 차이점을 설명해주세요.",
                "DNS 동작 과정",
                "쿠키와 세션은 무엇인가요?"
            ]
        );
    }

    #[test]
    fn nested_answers_and_answer_blocks() {
        let t = "## K8s\n\n1.  **What is a Pod?**\n\n    **Answer:** The smallest unit.\n\n\
                 2.  **Explain a Deployment**\n\n    **Answer:**\n\n    - manages ReplicaSets\n\n\
                 - 面试官：介绍一下自己\n    - 我：...\n";
        let got = plan(t);
        assert_eq!(got[0], ("What is a Pod?".to_string(), true));
        assert_eq!(got[1], ("Explain a Deployment".to_string(), true));
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn details_summaries_and_their_follow_ups() {
        let t = "<details markdown = \"1\">\n<summary>&nbsp; 오랫동안 다닐 건가요?</summary>\n\n\
                 네, 그렇습니다.\n\n</details>\n\n<details>\n  <summary><h3>1. 시스템 콜이 무엇인지 \
                 설명해 주세요.</h3></summary>\n<ul>\n<li> 예시를 들어주세요.</li>\n<li> 왜 \
                 구분해야 하나요? </li>\n</ul>\n</details>\n";
        let got = plan(t);
        let titles: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            titles,
            [
                "오랫동안 다닐 건가요?",
                "시스템 콜이 무엇인지 설명해 주세요.",
                "예시를 들어주세요.",
                "왜 구분해야 하나요?"
            ]
        );
        assert_eq!(
            got.iter().map(|g| g.1).collect::<Vec<_>>(),
            [true, false, false, false]
        );
    }

    #[test]
    fn table_rows_with_a_question_column() {
        let t = "| NO | 질문 | 답변 |\n| --- | --- | --- |\n| 1 | OSI 7계층 | [🗝️](./q1.md) |\n\
                 | 2 | TCP란? | 연결 지향 |\n";
        let got = plan(t);
        assert_eq!(
            got,
            [
                ("OSI 7계층".to_string(), false),
                ("TCP란?".to_string(), true)
            ]
        );
    }

    #[test]
    fn prefixes_bold_lines_and_qa_bullets() {
        let t = "# Question 1\n\n* **Q** : What is DevOps?\n\n* **A** : A culture.\n\n\
                 ### Q. Redis를 왜 썼나요\n\n- 빠름\n\n**Q1: \"RabbitMQ가 다운되면?\"**\n\n\
                 - **A**: 재시도\n\nA paragraph that asks why? is prose.\n";
        let got = plan(t);
        let titles: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            titles,
            [
                "What is DevOps?",
                "Redis를 왜 썼나요",
                "RabbitMQ가 다운되면?"
            ]
        );
        assert!(got.iter().all(|g| g.1), "{got:?}");
    }

    #[test]
    fn principle_headings_with_a_question_after_the_name() {
        let fw = Framework::shared();
        assert_eq!(principle_head(fw, "Customer Obsession"), Some(None));
        assert_eq!(
            principle_head(fw, "CUSTOMER OBSESSION: Tell me about a customer"),
            Some(Some("Tell me about a customer"))
        );
        assert_eq!(principle_head(fw, "Why AWS?"), None);
        let t = "### OWNERSHIP: When did you go beyond your role?\n\ncase 1\n";
        assert_eq!(plan(t)[0].0, "When did you go beyond your role?");
    }

    /// A principle's name mentioned in prose creates no principle section, and prose about an
    /// interview gives its rounds and one warning, no questions or stories.
    #[test]
    fn prose_mentions_make_nothing_but_rounds() {
        let t = "# My Amazon loop\n\nThey asked about Customer Obsession and Ownership. Why? \
                 Because every question maps to one.\n\nThe phone screen came first, then the \
                 onsite loop a week later.\n\n- they look for ownership\n- and for data\n";
        let doc = crate::parse_text("n.md", t).unwrap();
        assert!(doc.questions.is_empty(), "{:?}", doc.questions);
        assert!(doc.principles.is_empty());
        assert!(doc.stories.is_empty());
        assert_eq!(doc.rounds.len(), 2, "{:?}", doc.rounds);
        assert_eq!(
            doc.warnings
                .iter()
                .map(|w| w.code.as_str())
                .collect::<Vec<_>>(),
            ["prose-only"]
        );
    }

    #[test]
    fn empty_templates_and_links_are_no_answer() {
        assert!(!has_substance("S:\nT:\nA:\nR:"));
        assert!(!has_substance("**A** :"));
        assert!(!has_substance("- [link](https://x.y)"));
        assert!(has_substance("S: we were late\nR:"));
        assert!(has_substance("A : DevOps is a culture"));
    }
}
