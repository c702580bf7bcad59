//! Questions: the items of a questions section read the seed's way (numbered lines or
//! sub-headings, `<details>` blocks), and the questions found by their shape elsewhere, each
//! with its answer, points and the stories told in it.

use loopcoach_core::{CompactString, Point, Question, Span, StoryParent};

use super::{
    Extractor, Item, QItem, RawSection, dedent_join, has_substance, reserve_ahead, strip_number,
};
use crate::html::{strip_tags, strip_tags_keep_lines};
use crate::labels::{clean_title, line_label, list_marker};
use crate::lines::{Block, atx_title};

impl Extractor<'_> {
    /// A section read by shape: the questions found in it (the title line included, a
    /// question heading being its own section), and its other stories between them.
    pub(super) fn shaped_section(&mut self, s: &RawSection, id: CompactString) {
        let from = s.title_line.unwrap_or(s.first);
        self.shaped_range(from, s.first, s.end, &StoryParent::Section(id));
    }

    /// Lines `[body, end)` read by shape, with the questions whose line is in `[from, end)`;
    /// stories outside the questions belong to `parent`.
    pub(super) fn shaped_range(
        &mut self,
        from: usize,
        body: usize,
        end: usize,
        parent: &StoryParent,
    ) {
        let range = self.qitems_in(from, end);
        let mut at = body;
        for k in range {
            let q = self.qitems[k].clone();
            if q.line > at {
                self.find_stories(at, q.line);
                self.push_found(parent, None, None);
            }
            let q_end = q.end.min(end);
            self.shaped_question(&q, q_end, None, true);
            at = at.max(q_end);
        }
        if at < end {
            self.find_stories(at, end);
            self.push_found(parent, None, None);
        }
    }

    /// Add a question found by shape, its answer lines ending at `end`; the stories told in
    /// it link to `principle` (the section it stands in) or the principle its title names.
    pub(super) fn shaped_question(
        &mut self,
        q: &QItem,
        end: usize,
        principle: Option<&str>,
        with_stories: bool,
    ) -> Vec<CompactString> {
        let lines = &self.table.lines;
        let body_first = q.body_first.min(end);
        let last = self.last_nonblank(q.line, end).unwrap_or(q.line);
        let mut answer = match &q.answer {
            Some(a) => {
                let rest = if last >= body_first && q.body_first > q.line + 1 {
                    String::new()
                } else if last >= body_first {
                    dedent_join(self.src, self.table, body_first, last + 1)
                } else {
                    String::new()
                };
                if rest.is_empty() {
                    a.clone()
                } else {
                    format!("{a}\n{rest}")
                }
            }
            None if last >= body_first => dedent_join(self.src, self.table, body_first, last + 1),
            None => String::new(),
        };
        if !has_substance(&answer) {
            answer.clear();
        }
        let points = self.points(body_first, last);
        let qid = self.provisional("question", self.doc.questions.len());
        self.found.clear();
        if with_stories {
            self.find_stories(body_first, end);
        }
        let named = self.linker.question_principle(&q.title);
        let explicit = principle.or(named).map(str::to_string);
        let story_ids = self.push_found(
            &StoryParent::Question(qid.clone()),
            Some(&q.title),
            explicit.as_deref(),
        );
        let title_line = &lines[q.line];
        reserve_ahead(&mut self.doc.questions, 1, self.progress);
        self.doc.questions.push(Question {
            id: qid,
            number: q.number,
            title: q.title.clone(),
            answer,
            points,
            stories: story_ids.clone(),
            span: self.span(q.line, last),
            title_span: Span::new(title_line.text_start(), title_line.end()),
            source: self.source(q.line),
        });
        story_ids
    }

    pub(super) fn questions(&mut self, s: &RawSection) {
        let from = self.doc.questions.len();
        let items = match self.question_items.get(&s.first) {
            Some(items) => items.clone(),
            None => self.items(s.first, s.end, s.level, false),
        };
        let ends: Vec<usize> = items.iter().skip(1).map(|n| n.line).collect();
        for (k, item) in items.into_iter().enumerate() {
            self.question(item, ends.get(k).copied().unwrap_or(s.end));
        }
        // <details><summary>Q</summary> A </details>
        self.details_questions(s.first, s.end);
        // This section's questions in text order (earlier sections' are already before them).
        self.doc.questions[from..].sort_by_key(|q| q.span.start);
    }

    /// The list lines of an answer `[body_first, last]` (not STAR labels), as points with
    /// their depth.
    pub(super) fn points(&mut self, body_first: usize, last: usize) -> Vec<Point> {
        let lines = &self.table.lines;
        // The point lines and their indents go in lists kept from question to question.
        let (mut point_lines, mut indents) = std::mem::take(&mut self.point_scratch);
        point_lines.clear();
        point_lines.extend((body_first..=last).filter(|&i| {
            i < lines.len() && {
                let l = &lines[i];
                matches!(l.block, Block::Text)
                    && list_marker(l.text(self.src)).is_some()
                    && line_label(l.text(self.src)).is_none()
            }
        }));
        indents.clear();
        indents.extend(point_lines.iter().map(|&i| lines[i].indent()));
        indents.sort_unstable();
        indents.dedup();
        let mut points = Vec::with_capacity(point_lines.len());
        for &i in &point_lines {
            let l = &lines[i];
            let t = l.text(self.src);
            let (marker, off) = list_marker(t).unwrap_or(("", 0));
            points.push(Point {
                marker: CompactString::from(marker),
                text: CompactString::from(t[off.min(t.len())..].trim()),
                depth: indents.iter().position(|&x| x == l.indent()).unwrap_or(0) as u8,
                span: Span::new(l.start(), l.end()),
                line: i + 1,
            });
        }
        self.point_scratch = (point_lines, indents);
        points
    }

    pub(super) fn question(&mut self, item: Item, end: usize) {
        let lines = &self.table.lines;
        let body_first = item.line + 1;
        let last = self.last_nonblank(item.line, end).unwrap_or(item.line);
        let answer = if last >= body_first {
            dedent_join(self.src, self.table, body_first, last + 1)
        } else {
            String::new()
        };
        let points = self.points(body_first, last);
        let qid = self.provisional("question", self.doc.questions.len());
        self.find_stories(body_first.min(end), end);
        let explicit = self.linker.question_principle(&item.title);
        let story_ids = self.push_found(
            &StoryParent::Question(qid.clone()),
            Some(&item.title),
            explicit,
        );
        let title_line = &lines[item.line];
        reserve_ahead(&mut self.doc.questions, 1, self.progress);
        self.doc.questions.push(Question {
            id: qid,
            number: item.number,
            title: item.title.into_string(),
            answer,
            points,
            stories: story_ids,
            span: self.span(item.line, last),
            title_span: Span::new(title_line.text_start(), title_line.end()),
            source: self.source(item.line),
        });
    }

    pub(super) fn details_questions(&mut self, a: usize, b: usize) {
        let lines = &self.table.lines;
        let mut i = a;
        while i < b {
            let t = lines[i].trimmed(self.src);
            let opens = crate::html::opens_details(t);
            if !opens || lines[i].block == Block::Code {
                i += 1;
                continue;
            }
            let Some(close) = (i..b).find(|&j| {
                lines[j]
                    .trimmed(self.src)
                    .to_ascii_lowercase()
                    .contains("</details>")
            }) else {
                i += 1;
                continue;
            };
            let whole = &self.src[lines[i].start()..lines[close].end()];
            let lower = whole.to_ascii_lowercase();
            let (title, answer) = match (lower.find("<summary>"), lower.find("</summary>")) {
                (Some(s), Some(e)) if e > s => {
                    let title = strip_tags(&whole[s + 9..e]);
                    let after = &whole[e + 10..];
                    let ans_end = after
                        .to_ascii_lowercase()
                        .rfind("</details>")
                        .unwrap_or(after.len());
                    (title, strip_tags_keep_lines(&after[..ans_end]))
                }
                _ => (String::new(), strip_tags_keep_lines(whole)),
            };
            let (number, title) = strip_number(&title);
            let qid = self.provisional("question", self.doc.questions.len());
            self.find_stories(i + 1, close);
            let explicit = self.linker.question_principle(title);
            let story_ids =
                self.push_found(&StoryParent::Question(qid.clone()), Some(title), explicit);
            reserve_ahead(&mut self.doc.questions, 1, self.progress);
            self.doc.questions.push(Question {
                id: qid,
                number,
                title: title.to_string(),
                answer,
                points: Vec::new(),
                stories: story_ids,
                span: self.span(i, close),
                title_span: Span::new(lines[i].text_start(), lines[i].end()),
                source: self.source(i),
            });
            i = close + 1;
        }
    }

    /// Items of a questions or principles section: sub-headings when there are any (that are
    /// not STAR label headings), else the numbered lines at the section's outermost indent.
    pub(super) fn items(&self, a: usize, b: usize, level: u8, principles: bool) -> Vec<Item> {
        let lines = &self.table.lines;
        let headings: Vec<usize> = (a..b)
            .filter(|&i| match lines[i].block {
                Block::Heading(lv) => {
                    (lv > level || level == 0)
                        && crate::labels::heading_label(atx_title(lines[i].trimmed(self.src)))
                            .is_none()
                        && (i == 0 || lines[i - 1].block != lines[i].block || lines[i - 1].blank)
                }
                _ => false,
            })
            .collect();
        if !headings.is_empty() {
            let top = headings
                .iter()
                .map(|&i| heading_level(lines[i].block))
                .min()
                .unwrap_or(1);
            return headings
                .into_iter()
                .filter(|&i| heading_level(lines[i].block) == top)
                .map(|i| {
                    let (number, title) = strip_number(atx_title(lines[i].trimmed(self.src)));
                    Item {
                        line: i,
                        number,
                        title: CompactString::from(title),
                    }
                })
                .collect();
        }
        let candidates: Vec<usize> = (a..b)
            .filter(|&i| {
                let l = &lines[i];
                matches!(l.block, Block::Text) && !l.quote && l.indent() < 4 && {
                    let t = l.text(self.src);
                    match list_marker(t) {
                        Some((m, _)) => {
                            m.as_bytes().first().is_some_and(u8::is_ascii_digit)
                                || (principles && self.is_principle_title(clean_title(t)))
                        }
                        None => false,
                    }
                }
            })
            .collect();
        let Some(min_indent) = candidates.iter().map(|&i| lines[i].indent()).min() else {
            return Vec::new();
        };
        // The delimiter of the first item decides: "1." questions, "1)" then are sub-points.
        let delim = |i: usize| {
            let t = lines[i].text(self.src);
            list_marker(t).map(|(m, _)| m.chars().last().unwrap_or('.'))
        };
        let first_delim = candidates
            .iter()
            .find(|&&i| lines[i].indent() == min_indent)
            .and_then(|&i| delim(i));
        candidates
            .into_iter()
            .filter(|&i| lines[i].indent() == min_indent && delim(i) == first_delim)
            .map(|i| {
                let t = lines[i].text(self.src);
                let (num, _) = strip_number(t.trim());
                Item {
                    line: i,
                    number: num,
                    title: CompactString::from(clean_title(t)),
                }
            })
            .collect()
    }
}

fn heading_level(b: Block) -> u8 {
    match b {
        Block::Heading(l) => l,
        _ => 0,
    }
}
