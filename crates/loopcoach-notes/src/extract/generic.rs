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

use crate::labels::{heading_label, line_label, list_marker};
use crate::lines::{Block, LineTable, atx_title};
use crate::shape::{
    answer_prefix, is_bare_answer_marker, is_link_only, is_question, plain, question_prefix,
};

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
            if matches!(l.block, Block::Html | Block::Text) && crate::html::opens_details(text) {
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
            if matches!(l.block, Block::Html | Block::Text) && crate::html::opens_details(text) {
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

mod titles;

pub(crate) use titles::{has_substance, principle_head, principle_name};
use titles::{
    is_answer_item, may_head_paragraph, names_questions, principle_head_exact, split_inline_answer,
    whole_emphasis,
};

mod blocks;
#[cfg(test)]
mod tests;
