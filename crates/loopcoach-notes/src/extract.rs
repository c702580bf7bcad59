//! From the line table to the workspace model: sections, rounds, questions, principles and
//! stories, each with the span it came from.
//!
//! Sections start at a heading or a bold-only paragraph. Inside a section the scan is by
//! lines, because notes like the seed's put a question's prose after the list CommonMark has
//! already closed: a question owns everything up to the next question at its indentation.

use std::sync::Arc;

use loopcoach_core::links::Linker;
use loopcoach_core::{
    CompactString, Document, Framework, FrontMatter, Section, SectionKind, Source, Span, Story,
    StoryParent, Warning,
};

mod generic;
mod principles;
mod questions;
mod rounds;

use generic::{QItem, has_substance};
pub(crate) use generic::{principle_head, principle_name};

use crate::lines::{Block, LineTable, atx_title, bold_inner};
use crate::star::{FoundStory, find_stories_into};
use crate::vocab::vocab;

/// A section as found, before its items are read.
struct RawSection {
    kind: SectionKind,
    title: String,
    level: u8,
    /// The title line, or `None` for an implicit section (a principle heading with no parent).
    title_line: Option<usize>,
    /// Body lines `[first, end)`.
    first: usize,
    end: usize,
}

pub(crate) struct Extractor<'a> {
    pub src: &'a str,
    pub path: &'a str,
    pub table: &'a LineTable,
    pub framework: &'a Framework,
    /// `path`, shared by every entity's [`Source`].
    shared_path: Arc<str>,
    /// Reading the second half of a big document (see [`crate::identity::provisional`]).
    second_half: bool,
    /// Links each story to principles as it is pushed, while its text is still in cache.
    linker: Linker,
    /// How far through its lines this extractor is, to size the entity lists ahead.
    progress: Progress,
    /// The stories of the range read last, before they are numbered and pushed (kept from one
    /// range to the next: its room is allocated once).
    found: Vec<FoundStory>,
    /// A question's point lines and their indents (kept likewise).
    point_scratch: (Vec<usize>, Vec<usize>),
    /// The questions found by their shape in the whole body (shared by both halves).
    qitems: Arc<Vec<QItem>>,
    /// The items of each questions section read the seed's way, by its first body line (found
    /// once, before the reading by shape, which leaves those sections out).
    question_items: Arc<std::collections::HashMap<usize, Vec<Item>>>,
    pub doc: Document,
}

/// Lines `[from, to)` hold the entities an extractor's document will get; `at` is where it
/// is reading.
#[derive(Debug, Clone, Copy, Default)]
struct Progress {
    from: usize,
    at: usize,
    to: usize,
}

/// Make room for `more` entities, and when a list is full and enough of the lines have been
/// read, for as many as the rest of the lines will likely hold (the count so far, scaled by
/// the share of lines read, plus 1/8). A list of big notes then grows once or twice instead of
/// doubling a dozen times, each time copying every entity (stories are ~600 bytes); room that is
/// never used is never touched, so it costs address space, not memory.
fn reserve_ahead<T>(v: &mut Vec<T>, more: usize, p: Progress) {
    let need = v.len() + more;
    if need <= v.capacity() {
        return;
    }
    let (done, total) = (p.at.saturating_sub(p.from), p.to.saturating_sub(p.from));
    // Too early to tell (or a small document): grow as usual.
    if done == 0 || done.saturating_mul(64) < total {
        v.reserve(more);
        return;
    }
    let estimate = need.saturating_mul(total) / done;
    let target = estimate.saturating_add(estimate / 8).max(need);
    v.reserve_exact(target - v.len());
}

impl<'a> Extractor<'a> {
    pub fn new(
        src: &'a str,
        path: &'a str,
        table: &'a LineTable,
        framework: &'a Framework,
        front_matter: Option<FrontMatter>,
    ) -> Self {
        Extractor {
            src,
            path,
            table,
            framework,
            shared_path: Arc::from(path),
            second_half: false,
            found: Vec::new(),
            point_scratch: (Vec::new(), Vec::new()),
            qitems: Arc::new(Vec::new()),
            question_items: Arc::default(),
            progress: Progress {
                from: 0,
                at: 0,
                to: table.lines.len(),
            },
            linker: Linker::new(
                front_matter
                    .as_ref()
                    .map_or(&[][..], |f| f.principle_tags.as_slice())
                    .to_vec(),
            ),
            doc: Document {
                id: String::new(),
                path: path.to_string(),
                // Set by the caller once the hash (worked out alongside) is known.
                hash: String::new(),
                front_matter,
                sections: Vec::new(),
                rounds: Vec::new(),
                questions: Vec::new(),
                stories: Vec::new(),
                principles: Vec::new(),
                warnings: Vec::new(),
            },
        }
    }

    fn source(&self, line: usize) -> Source {
        let l = &self.table.lines[line];
        let col = self.src[l.start()..l.text_start()].chars().count() + 1;
        Source {
            path: self.shared_path.clone(),
            line: line + 1,
            column: col,
        }
    }

    fn provisional(&self, kind: &str, index: usize) -> CompactString {
        crate::identity::provisional(kind, index, self.second_half)
    }

    fn span(&self, first: usize, last_inclusive: usize) -> Span {
        Span::new(
            self.table.lines[first].start(),
            self.table.lines[last_inclusive].end(),
        )
    }

    /// The last non-blank line in `[a, b)`, if any.
    fn last_nonblank(&self, a: usize, b: usize) -> Option<usize> {
        (a..b).rev().find(|&i| !self.table.lines[i].blank)
    }

    fn heading_title(&self, i: usize) -> String {
        let l = &self.table.lines[i];
        match l.block {
            Block::BoldTitle => bold_inner(l.trimmed(self.src)).unwrap_or("").to_string(),
            _ => atx_title(l.trimmed(self.src)).to_string(),
        }
    }

    fn is_principle_title(&self, title: &str) -> bool {
        principle_head(self.framework, title).is_some()
    }

    /// The questions found by shape whose first line is in `[a, b)`.
    fn qitems_in(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let q = &self.qitems;
        q.partition_point(|x| x.line < a)..q.partition_point(|x| x.line < b)
    }

    /// Read the document. With `parallel`, the sections are read in two halves on two
    /// threads and joined; the result is the same as reading them in one go.
    pub fn run(mut self, body_first_line: usize, parallel: bool) -> Document {
        let n = self.table.lines.len();
        let (sections, principled) = self.find_sections(body_first_line, n);
        // Questions sections whose numbered items or headings are read the seed's way are left
        // out of the reading by shape (its result there would not be used).
        let question_items: std::collections::HashMap<usize, Vec<Item>> = sections
            .iter()
            .filter(|s| s.kind == SectionKind::Questions)
            .map(|s| (s.first, self.items(s.first, s.end, s.level, false)))
            .filter(|(_, items)| !items.is_empty())
            .collect();
        let read_by_items: Vec<(usize, usize)> = sections
            .iter()
            .filter(|s| question_items.contains_key(&s.first))
            .map(|s| (s.first, s.end))
            .collect();
        self.question_items = Arc::new(question_items);
        self.qitems = Arc::new(generic::plan_questions(
            self.src,
            self.table,
            self.framework,
            (body_first_line, n),
            &read_by_items,
            &principled,
            parallel,
        ));
        let first_section = sections
            .first()
            .map_or(n, |s| s.title_line.unwrap_or(s.first));
        // Questions and stories before any section belong to the document.
        self.shaped_range(
            body_first_line,
            body_first_line,
            first_section,
            &StoryParent::Document,
        );
        let split = if parallel {
            half_way(&sections)
        } else {
            sections.len()
        };
        let (head, tail) = sections.split_at(split);
        if tail.is_empty() {
            self.sections(head);
        } else {
            // The tail's free-standing stories are linked to the front matter's principles too.
            let fm = self.doc.front_matter.clone();
            let mut other = Extractor::new(self.src, self.path, self.table, self.framework, fm);
            other.second_half = true;
            other.qitems = self.qitems.clone();
            other.question_items = self.question_items.clone();
            // This extractor's lists get the other's appended: they are sized for the whole
            // document, the other's for its half.
            let tail_from = tail.first().map_or(n, |s| s.title_line.unwrap_or(s.first));
            other.progress = Progress {
                from: tail_from,
                at: tail_from,
                to: n,
            };
            let tail_doc = std::thread::scope(|scope| {
                let t = scope.spawn(move || {
                    other.sections(tail);
                    other.doc
                });
                self.sections(head);
                t.join()
            });
            match tail_doc {
                Ok(tail_doc) => self.append(tail_doc),
                // A panic on the second thread: read the second half here instead.
                Err(_) => self.sections(tail),
            }
        }
        if self.doc.rounds.is_empty() {
            self.stage_rounds(body_first_line, n);
        }
        if self.doc.sections.is_empty()
            && self.doc.questions.is_empty()
            && self.doc.stories.is_empty()
            && self.doc.principles.is_empty()
        {
            self.doc.warnings.push(Warning {
                code: "no-structure".into(),
                message: "no sections, questions, principles or stories found; kept as plain notes"
                    .into(),
                line: 1,
            });
        } else if self.doc.questions.is_empty()
            && self.doc.stories.is_empty()
            && self.doc.principles.is_empty()
        {
            // Headings over prose (an interview experience): said once, not taken for junk.
            self.doc.warnings.push(Warning {
                code: "prose-only".into(),
                message: format!(
                    "no questions, stories or principles found (prose only); {} rounds read from the text",
                    self.doc.rounds.len()
                ),
                line: 1,
            });
        }
        self.doc
    }

    /// Append what another extractor read from the sections after ours (its provisional ids
    /// are its own, marked as the second half's: nothing to renumber).
    fn append(&mut self, mut tail: Document) {
        let d = &mut self.doc;
        d.sections.append(&mut tail.sections);
        d.rounds.append(&mut tail.rounds);
        d.questions.append(&mut tail.questions);
        d.principles.append(&mut tail.principles);
        d.stories.append(&mut tail.stories);
        d.warnings.append(&mut tail.warnings);
    }

    fn sections(&mut self, sections: &[RawSection]) {
        for s in sections {
            self.progress.at = s.title_line.unwrap_or(s.first);
            let id = self.provisional("sec", self.doc.sections.len());
            if let Some(tl) = s.title_line {
                let last = self.last_nonblank(tl, s.end).unwrap_or(tl);
                self.doc.sections.push(Section {
                    id: id.clone(),
                    kind: s.kind,
                    title: s.title.clone(),
                    level: s.level,
                    span: self.span(tl, last),
                    source: self.source(tl),
                });
            }
            match s.kind {
                SectionKind::HiringProcess => self.rounds(s.first, s.end),
                SectionKind::Questions => {
                    let before = self.doc.questions.len();
                    self.questions(s);
                    if self.doc.questions.len() == before {
                        self.shaped_section(s, id);
                    }
                }
                SectionKind::Principles => self.principles(s),
                SectionKind::Other => self.shaped_section(s, id),
            }
        }
    }

    /// The sections of lines `[a, b)`, and the heading lines that name a principle.
    fn find_sections(&self, a: usize, b: usize) -> (Vec<RawSection>, Vec<usize>) {
        let lines = &self.table.lines;
        let mut out: Vec<RawSection> = Vec::new();
        let mut principled = Vec::new();
        for i in a..b {
            let l = &lines[i];
            let level = match l.block {
                Block::Heading(lv)
                    if i == 0 || lines[i - 1].block != Block::Heading(lv) || lines[i - 1].blank =>
                {
                    lv
                }
                Block::BoldTitle => 0,
                _ => continue,
            };
            if let Block::Heading(_) = l.block
                && i > 0
                && lines[i - 1].block == l.block
                && !lines[i - 1].blank
            {
                continue; // second text line of a setext heading
            }
            let title = self.heading_title(i);
            let kind = vocab().section_kind(&title);
            let cur = out.last();
            let start_new = if kind != SectionKind::Other {
                true
            } else if self.is_principle_title(&title) && {
                principled.push(i);
                level > 0
            } {
                // A principle heading: an item of the current principles section, or the start
                // of an implicit one.
                if cur.is_some_and(|c| c.kind == SectionKind::Principles) {
                    false
                } else {
                    if let Some(c) = out.last_mut() {
                        c.end = i;
                    }
                    out.push(RawSection {
                        kind: SectionKind::Principles,
                        title: String::new(),
                        level: level.saturating_sub(1),
                        title_line: None,
                        first: i,
                        end: b,
                    });
                    continue;
                }
            } else {
                match cur {
                    None => true,
                    Some(c) if level == 0 => c.level == 0,
                    Some(c) => {
                        c.level > 0 && level <= c.level
                            || c.title_line.is_none() && level <= c.level + 1
                    }
                }
            };
            if start_new {
                if let Some(c) = out.last_mut() {
                    c.end = i;
                }
                out.push(RawSection {
                    kind,
                    title,
                    level,
                    title_line: Some(i),
                    first: i + 1,
                    end: b,
                });
            }
        }
        (out, principled)
    }

    /// Find the stories of lines `[a, b)` (into `found`, emptied first).
    fn find_stories(&mut self, a: usize, b: usize) {
        self.found.clear();
        find_stories_into(self.src, self.table, a, b, &mut self.found);
    }

    fn story(&self, f: FoundStory, parent: StoryParent, fallback: Option<&str>) -> Story {
        let title = f
            .title
            .or_else(|| fallback.map(CompactString::from))
            .unwrap_or_default();
        Story {
            id: CompactString::default(),
            title,
            parent,
            parts: f.parts,
            notes: f.notes,
            style: f.style,
            links: Vec::new(),
            tags: Vec::new(),
            span: f.span,
            source: self.source(f.first_line),
        }
    }

    /// Number the stories found last, link them (`explicit`: the principle their place names)
    /// and add them to the document; a story with no title takes `fallback`.
    fn push_found(
        &mut self,
        parent: &StoryParent,
        fallback: Option<&str>,
        explicit: Option<&str>,
    ) -> Vec<CompactString> {
        let mut found = std::mem::take(&mut self.found);
        let mut ids = Vec::with_capacity(found.len());
        reserve_ahead(&mut self.doc.stories, found.len(), self.progress);
        for f in found.drain(..) {
            // A template with every part empty (`S:` `T:` `A:` `R:` and nothing else) is a
            // story still to write, not a story.
            if f.notes.trim().is_empty()
                && f.parts.iter().flatten().all(|p| p.text.trim().is_empty())
            {
                continue;
            }
            let mut s = self.story(f, parent.clone(), fallback);
            s.id = self.provisional("story", self.doc.stories.len());
            s.tags = bold_principles(self.framework, &self.src[s.span.start..s.span.end]);
            s.links = self.linker.links(&s, explicit);
            for t in &s.tags {
                if !s.links.iter().any(|l| l.principle == *t) {
                    s.links.push(loopcoach_core::PrincipleLink {
                        principle: t.clone(),
                        kind: loopcoach_core::LinkKind::Explicit,
                        confidence: 1.0,
                    });
                }
            }
            ids.push(s.id.clone());
            self.doc.stories.push(s);
        }
        self.found = found;
        ids
    }
}

/// The built-in principles named in bold in `text` (`**Dive Deep**`, `<strong>Ownership</strong>`).
fn bold_principles(fw: &Framework, text: &str) -> Vec<CompactString> {
    let mut out: Vec<CompactString> = Vec::new();
    let html = text.as_bytes().contains(&b'<');
    for (open, close) in [("**", "**"), ("<strong>", "</strong>"), ("<b>", "</b>")] {
        if open.starts_with('<') && !html {
            continue;
        }
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len()..];
            let Some(b) = after.find(close) else { break };
            let inner = after[..b].trim().trim_end_matches([':', '：', ',', '.']);
            if !inner.is_empty()
                && inner.len() <= 60
                && let Some((p, score)) = fw.match_principle(inner)
                && score >= 0.9
                && !out.iter().any(|k| k == p.key.as_str())
            {
                out.push(CompactString::from(p.key.as_str()));
            }
            rest = &after[b + close.len()..];
        }
    }
    out
}

/// Where to cut the sections in two halves of about the same number of lines.
fn half_way(sections: &[RawSection]) -> usize {
    let (Some(first), Some(last)) = (sections.first(), sections.last()) else {
        return 0;
    };
    let mid = (first.first + last.end) / 2;
    sections
        .iter()
        .position(|s| s.first >= mid)
        .unwrap_or(sections.len())
}

#[derive(Clone)]
struct Item {
    line: usize,
    number: Option<u32>,
    /// Inline when short (most principle names): no heap block for a name kept as one.
    title: CompactString,
}

/// `1. Title`, `Q1. Title`, `Q1) Title`, `질문 1: Title` → (Some(1), "Title").
pub(crate) fn strip_number(t: &str) -> (Option<u32>, &str) {
    let t = t.trim();
    let mut s = t;
    for p in ["Q.", "Q", "q", "질문", "문항"] {
        if let Some(rest) = s.strip_prefix(p)
            && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            s = rest.trim_start();
            break;
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return (None, t);
    }
    let rest = &s[digits..];
    let Some(rest) = rest.strip_prefix(['.', ')', ':']) else {
        return (None, t);
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return (None, t);
    }
    let n = s[..digits].parse().ok();
    let title = rest.trim();
    let title = bold_inner(title).unwrap_or(title);
    (n, title.trim_end_matches(['-', '>', ' ']).trim())
}

/// Lines `[a, b)` dedented to their smallest indent and joined, trimmed.
fn dedent_join(src: &str, table: &LineTable, a: usize, b: usize) -> String {
    let lines = &table.lines[a..b];
    let min = lines
        .iter()
        .filter(|l| !l.blank)
        .map(|l| l.indent())
        .min()
        .unwrap_or(0);
    let size = lines.last().map_or(0, |l| l.end()) - lines.first().map_or(0, |l| l.start());
    let mut out = String::with_capacity(size + 1);
    for l in lines {
        if !l.blank {
            push_spaces(&mut out, l.indent().saturating_sub(min));
            out.push_str(l.trimmed(src));
        }
        out.push('\n');
    }
    crate::star::trim_in_place(&mut out);
    out
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stripped_from_titles() {
        assert_eq!(
            strip_number("1. Customer Obsession"),
            (Some(1), "Customer Obsession")
        );
        assert_eq!(strip_number("Q3) 어려웠던 일"), (Some(3), "어려웠던 일"));
        assert_eq!(strip_number("5. "), (Some(5), ""));
        assert_eq!(strip_number("2019. 입사"), (None, "2019. 입사"));
        assert_eq!(strip_number("Why Amazon?"), (None, "Why Amazon?"));
    }

    /// Lists grow as usual until 1/64 of the lines are read, then to the count extrapolated
    /// to all the lines plus 1/8, never below what is needed.
    #[test]
    fn lists_are_sized_ahead_from_the_share_of_lines_read() {
        let at = |at: usize| Progress {
            from: 1000,
            at: 1000 + at,
            to: 2000,
        };
        let mut v: Vec<u64> = Vec::new();
        reserve_ahead(&mut v, 3, at(10));
        assert!((3..16).contains(&v.capacity()), "{}", v.capacity());
        let mut v: Vec<u64> = Vec::with_capacity(100);
        v.extend(0..100);
        reserve_ahead(&mut v, 1, at(250));
        // 101 in a quarter of the lines: 404 in all, and 1/8 more.
        assert!((454..908).contains(&v.capacity()), "{}", v.capacity());
        let cap = v.capacity();
        v.push(1);
        reserve_ahead(&mut v, 1, at(260));
        assert_eq!(v.capacity(), cap, "room left: nothing to do");
        // Past the estimate (denser notes further on): at least what is needed.
        let mut v: Vec<u64> = Vec::with_capacity(10);
        v.extend(0..10);
        reserve_ahead(&mut v, 500, at(999));
        assert!(v.capacity() >= 510);
    }
}
