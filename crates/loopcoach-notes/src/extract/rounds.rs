//! The hiring process: rounds from `1차 면접: …` lines in a hiring-process section, and
//! otherwise from stage headings, stage lists and sequences, or the stages prose tells of.

use loopcoach_core::{CompactString, Round, Span};

use super::Extractor;
use crate::labels::list_marker;
use crate::lines::{Block, atx_title};
use crate::rounds::{round_line, split_topics};
use crate::vocab::vocab;

impl Extractor<'_> {
    pub(super) fn rounds(&mut self, a: usize, b: usize) {
        let lines = &self.table.lines;
        let mut i = a;
        let mut current: Option<(Round, usize)> = None; // round and its first line
        let mut para: Vec<String> = Vec::new();
        let flush_para = |para: &mut Vec<String>, cur: &mut Option<(Round, usize)>| {
            if !para.is_empty() {
                if let Some((r, _)) = cur.as_mut() {
                    r.notes.push(para.join("\n"));
                }
                para.clear();
            }
        };
        let mut last_line = a;
        while i < b {
            let l = &lines[i];
            if l.blank || !l.structural() {
                if l.blank {
                    flush_para(&mut para, &mut current);
                }
                i += 1;
                continue;
            }
            let text = l.trimmed(self.src);
            if let Some((ordinal, rest)) = round_line(text) {
                flush_para(&mut para, &mut current);
                if let Some((r, first)) = current.take() {
                    self.finish_round(r, first, last_line);
                }
                let (title, topics) = split_topics(rest);
                let topic_keys = topics.iter().map(|t| vocab().topic_key(t)).collect();
                current = Some((
                    Round {
                        id: CompactString::default(),
                        ordinal,
                        title,
                        topics,
                        topic_keys,
                        notes: Vec::new(),
                        span: Span::default(),
                        source: self.source(i),
                    },
                    i,
                ));
            } else if current.is_some() {
                para.push(text.to_string());
            }
            last_line = i;
            i += 1;
        }
        flush_para(&mut para, &mut current);
        if let Some((r, first)) = current.take() {
            self.finish_round(r, first, last_line);
        }
    }

    /// Rounds of a process described other than `1차 면접: …` lines: a line listing the stages
    /// in order (`서류 전형 → 화상 면접 → 기술 면접`), sibling headings or list items of which
    /// at least two are stages (`## 一面`, `## 二面`; `- Phone screen`), and, in a document of
    /// prose only, the stages its sentences tell of.
    pub(super) fn stage_rounds(&mut self, a: usize, b: usize) {
        let lines = &self.table.lines;
        let src = self.src;
        let mut found: Vec<(usize, String)> = Vec::new();
        let mut groups: std::collections::HashMap<(usize, usize), Vec<(usize, String)>> =
            Default::default();
        let mut heads: Vec<(u8, usize)> = Vec::new();
        for i in a..b {
            let l = &lines[i];
            if l.blank || matches!(l.block, Block::Code | Block::SetextRule) {
                continue;
            }
            let text = l.trimmed(src);
            if let Block::Heading(lv) = l.block {
                if i > 0 && lines[i - 1].block == l.block && !lines[i - 1].blank {
                    continue;
                }
                while heads.last().is_some_and(|h| h.0 >= lv) {
                    heads.pop();
                }
                let parent = heads.last().map_or(usize::MAX, |h| h.1);
                heads.push((lv, i));
                let title = crate::shape::plain(atx_title(text));
                if crate::shape::is_stage(&title) {
                    groups
                        .entry((parent, lv as usize))
                        .or_default()
                        .push((i, title));
                }
                continue;
            }
            if let Some(parts) = crate::shape::stage_sequence(text) {
                found.extend(parts.into_iter().map(|p| (i, stage_title(&p))));
                continue;
            }
            if let Some((_, off)) = list_marker(text) {
                let item = crate::shape::plain(&text[off.min(text.len())..]);
                if item.chars().count() <= 40 && crate::shape::is_stage(&item) {
                    let parent = heads.last().map_or(usize::MAX, |h| h.1);
                    groups
                        .entry((parent, 100 + l.indent()))
                        .or_default()
                        .push((i, stage_title(&item)));
                }
            }
        }
        // Stage headings are the rounds told in detail; a list or a sequence naming the same
        // stages only summarises them.
        let mut by_heading: Vec<(usize, String)> = Vec::new();
        let mut by_item: Vec<(usize, String)> = Vec::new();
        for ((_, level), g) in groups {
            if g.len() >= 2 {
                if level < 100 {
                    by_heading.extend(g);
                } else {
                    by_item.extend(g);
                }
            }
        }
        found.extend(by_item);
        if !by_heading.is_empty() {
            let named = |t: &str| {
                let n = loopcoach_core::framework::normalize_name(t);
                by_heading
                    .iter()
                    .any(|h| loopcoach_core::framework::normalize_name(&h.1) == n)
            };
            if found.iter().all(|f| named(&f.1)) {
                found.clear();
            }
            found.extend(by_heading);
        }
        if found.is_empty() && self.doc.questions.is_empty() && self.doc.stories.is_empty() {
            found = self.prose_stages(a, b);
        }
        found.sort_by_key(|f| f.0);
        for (k, (line, title)) in found.into_iter().enumerate() {
            let r = Round {
                id: CompactString::default(),
                ordinal: u32::try_from(k + 1).unwrap_or(u32::MAX),
                title,
                topics: Vec::new(),
                topic_keys: Vec::new(),
                notes: Vec::new(),
                span: Span::default(),
                source: self.source(line),
            };
            self.finish_round(r, line, line);
        }
    }

    /// The stages the sentences of `[a, b)` tell of, each once, where first told.
    fn prose_stages(&self, a: usize, b: usize) -> Vec<(usize, String)> {
        let lines = &self.table.lines;
        let groups = &vocab().prose_stages;
        let mut seen = vec![false; groups.len()];
        let mut out = Vec::new();
        for (i, l) in lines.iter().enumerate().take(b).skip(a) {
            if l.blank || !l.structural() {
                continue;
            }
            let lower = l.trimmed(self.src).to_lowercase();
            for (k, g) in groups.iter().enumerate() {
                if seen[k] {
                    continue;
                }
                if let Some(name) = g.iter().find(|n| lower.contains(n.as_str())) {
                    seen[k] = true;
                    out.push((i, name.clone()));
                }
            }
        }
        out
    }

    fn finish_round(&mut self, mut r: Round, first: usize, last: usize) {
        r.id = self.provisional("round", self.doc.rounds.len());
        r.span = self.span(first, last.max(first));
        self.doc.rounds.push(r);
    }
}

/// A stage's title without what follows it in parentheses (`폰인터뷰 (생략)` → `폰인터뷰`).
fn stage_title(t: &str) -> String {
    let head = t.split(['(', '（']).next().unwrap_or(t).trim();
    if head.is_empty() { t.trim() } else { head }.to_string()
}
