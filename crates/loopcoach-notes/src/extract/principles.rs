//! The principles section: each principle item with its description, translation, notes and
//! stories, matched to the built-in framework.

use loopcoach_core::text::hangul_ratio;
use loopcoach_core::{CompactString, PrincipleSection, StoryParent, Warning};

use super::{Extractor, Item, QItem, RawSection, principle_name};
use crate::lines::{Block, LineTable};

impl Extractor<'_> {
    pub(super) fn principles(&mut self, s: &RawSection) {
        let items = self.items(s.first, s.end, s.level, true);
        let ends: Vec<usize> = items.iter().skip(1).map(|n| n.line).collect();
        for (k, item) in items.into_iter().enumerate() {
            self.principle(item, ends.get(k).copied().unwrap_or(s.end));
        }
    }

    fn principle(&mut self, mut item: Item, end: usize) {
        // Questions found by shape under the principle: its own text ends at the first; a
        // question after the name (`OWNERSHIP: Tell me …`) is asked of that text.
        let qs: Vec<QItem> = self.qitems[self.qitems_in(item.line, end)].to_vec();
        let own_end = qs
            .iter()
            .find(|q| q.line > item.line)
            .map_or(end, |q| q.line);
        // (Most names have no question after them: nothing to cut, no second match.)
        if item.title.contains([':', '：', '-', '–', '—']) {
            let name = principle_name(self.framework, &item.title);
            if name.len() < item.title.len() {
                item.title = CompactString::from(name);
            }
        }
        let mut question_stories = Vec::new();
        let key = if qs.is_empty() {
            None
        } else {
            self.framework
                .match_principle(&item.title)
                .map(|(p, _)| p.key.clone())
        };
        for q in &qs {
            let q_end = if q.line == item.line {
                own_end
            } else {
                q.end.min(end)
            };
            let with_stories = q.line > item.line;
            question_stories.extend(self.shaped_question(q, q_end, key.as_deref(), with_stories));
        }
        let end = own_end;
        let lines = &self.table.lines;
        let m = self.framework.match_principle(&item.title);
        let pid = self.provisional("principle", self.doc.principles.len());
        let builtin = m.map(|(p, _)| p);
        let fallback = builtin.map_or(item.title.as_str(), |p| p.name.en.as_str());
        self.find_stories(item.line + 1, end);
        // The stories come in order after the item's line: each one's lines are found by
        // walking on from the last.
        let mut at = item.line;
        let story_lines: Vec<(usize, usize)> = self
            .found
            .iter()
            .map(|st| {
                let a = self.table.line_from(at, st.span.start);
                let b = self
                    .table
                    .line_from(a, st.span.end.saturating_sub(1).max(st.span.start));
                at = b;
                (a, b)
            })
            .collect();
        let first_story_line = story_lines.first().map_or(end, |(a, _)| *a);
        // For each line of the item: where the first story holding it ends (0 when none), and
        // whether a story starts there. Worked out once, so the paragraphs between stories are
        // found in one pass (asking every story about every line was quadratic in the stories
        // of one principle).
        let base = item.line + 1;
        // (Only an item with stories needs the two tables: one without reads every line.)
        let span = if story_lines.is_empty() {
            0
        } else {
            end.saturating_sub(base)
        };
        let mut story_end = vec![0usize; span];
        let mut story_start = vec![false; span];
        for &(a, b) in story_lines.iter().rev() {
            if let Some(s) = story_start.get_mut(a.wrapping_sub(base)) {
                *s = true;
            }
            for k in a.max(base)..=b.min(end.saturating_sub(1)) {
                story_end[k - base] = b + 1;
            }
        }
        let story_end_at = |i: usize| story_end.get(i - base).copied().unwrap_or(0);
        let story_starts_at = |i: usize| story_start.get(i - base).copied().unwrap_or(false);
        // Paragraphs outside stories, in order, each placed as it is read.
        let mut description = Paragraphs::default();
        let mut translation = Paragraphs::default();
        let mut notes = Paragraphs::default();
        let ko_name = builtin.map_or("", |p| p.name.ko.as_str());
        let mut i = base;
        while i < end {
            if story_end_at(i) > 0 {
                i = story_end_at(i);
                continue;
            }
            if lines[i].blank {
                i += 1;
                continue;
            }
            let first = i;
            let mut j = i;
            while j < end && !lines[j].blank && !story_starts_at(j) {
                j += 1;
            }
            i = j;
            let text = block_text(self.src, self.table, first, j);
            // A paragraph with no words (an empty code block, a bare `>`) is none of the
            // three: it neither starts a description nor lets a translation follow one.
            if text.is_empty() {
                continue;
            }
            // After the stories, or once notes (or a translation) have begun, everything is
            // notes: the Hangul share is only worked out while a paragraph could still be
            // something else.
            if first >= first_story_line || !notes.is_empty() || !translation.is_empty() {
                notes.push(text);
                continue;
            }
            let l = &lines[first];
            let quoted = l.quote || l.block == Block::Code;
            let ratio = hangul_ratio(&text);
            if ratio < 0.3 || quoted && description.is_empty() {
                description.push(text);
            } else if !description.is_empty()
                && ratio >= 0.5
                && (text.contains("리더") || (!ko_name.is_empty() && text.contains(ko_name)))
            {
                translation.push(text);
            } else {
                notes.push(text);
            }
        }
        let mut story_ids = self.push_found(
            &StoryParent::Principle(pid.clone()),
            Some(fallback),
            builtin.map(|p| p.key.as_str()),
        );
        story_ids.extend(question_stories);
        let last = self.last_nonblank(item.line, end).unwrap_or(item.line);
        let matched = m.is_some();
        if !matched {
            self.doc.warnings.push(Warning {
                code: "unknown-principle".into(),
                message: format!("'{}' matches no built-in principle", item.title),
                line: item.line + 1,
            });
        }
        super::reserve_ahead(&mut self.doc.principles, 1, self.progress);
        self.doc.principles.push(PrincipleSection {
            id: pid,
            number: item.number,
            name: item.title,
            match_score: m.map_or(0.0, |(_, score)| score),
            builtin: builtin.map(|p| CompactString::from(p.key.as_str())),
            description: description.text,
            translation: translation.text,
            notes: notes.text,
            stories: story_ids,
            span: self.span(item.line, last),
            source: self.source(item.line),
        });
    }
}

/// Paragraphs joined by a blank line as they come (the first one kept without a copy).
#[derive(Default)]
struct Paragraphs {
    text: String,
    count: usize,
}

impl Paragraphs {
    fn push(&mut self, text: String) {
        if self.count == 0 {
            self.text = text;
        } else {
            self.text.push_str("\n\n");
            self.text.push_str(&text);
        }
        self.count += 1;
    }

    fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// A paragraph's text: quote markers and code fences removed, lines joined.
fn block_text(src: &str, table: &LineTable, a: usize, b: usize) -> String {
    let lines = &table.lines[a..b];
    let size = lines.last().map_or(0, |l| l.end()) - lines.first().map_or(0, |l| l.start());
    let mut out = String::with_capacity(size);
    let mut first = true;
    for l in lines {
        let t = l.trimmed(src);
        let t = t.trim_start_matches('>').trim();
        if l.block == Block::Code && (t.starts_with("```") || t.starts_with("~~~")) {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str(t);
    }
    crate::star::trim_in_place(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs are joined exactly as `Vec::join` joins them.
    #[test]
    fn paragraphs_join_like_a_list_of_them() {
        let cases: [&[&str]; 5] = [&[], &[""], &["a"], &["", "b"], &["a", "", "c", ""]];
        for case in cases {
            let mut p = Paragraphs::default();
            for t in case {
                p.push(t.to_string());
            }
            assert_eq!(p.text, case.join("\n\n"), "{case:?}");
            assert_eq!(p.is_empty(), case.is_empty(), "{case:?}");
        }
    }

    fn principles_of(text: &str) -> Vec<(String, String, String, String)> {
        crate::parse_text("n.md", text)
            .unwrap()
            .principles
            .into_iter()
            .map(|p| (p.name.to_string(), p.description, p.translation, p.notes))
            .collect()
    }

    /// An empty code block or a bare `>` line holds no words: it adds no blank lines to a
    /// description, and does not stand in for one (the Korean paragraph after it is notes).
    #[test]
    fn paragraphs_without_words_are_skipped() {
        let text = "**LP**\n\n1. Customer Obsession\n\n```\n```\n\n\
                    Leaders start with the customer.\n\n>\n\n리더는 고객으로부터 시작합니다\n\n\
                    2. Ownership\n\n>\n\n```\n```\n\n메모: 리더 역할\n";
        let p = principles_of(text);
        assert_eq!(
            p[0],
            (
                "Customer Obsession".to_string(),
                "Leaders start with the customer.".to_string(),
                "리더는 고객으로부터 시작합니다".to_string(),
                String::new()
            )
        );
        assert_eq!(
            p[1],
            (
                "Ownership".to_string(),
                String::new(),
                String::new(),
                "메모: 리더 역할".to_string()
            )
        );
        // A quote whose lines are split by a bare `>` keeps its paragraph break.
        let quoted = "**LP**\n\n1. Customer Obsession\n\n> Leaders start.\n>\n> They work back.\n";
        assert_eq!(
            principles_of(quoted)[0].1,
            "Leaders start.\n\nThey work back."
        );
    }
}
