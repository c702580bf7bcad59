//! The document as loopcoach read it: one entry per recognised entity (front matter, section,
//! round, question, its answer, story, STAR part, principle), in text order, nested by the
//! spans that hold them, and the runs of lines left as plain notes. Pure: the CLI prints it.

use serde::Serialize;

use crate::{Document, Span, StarPart};

/// One line of the outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// `front-matter`, `section`, `round`, `question`, `answer`, `story`, `situation`, `task`,
    /// `action`, `result`, `principle`, `notes` (lines left as plain notes).
    pub kind: &'static str,
    /// 1-based line where it starts.
    pub line: usize,
    /// Last line (1-based) it covers.
    pub end_line: usize,
    /// How many recognised entities hold it.
    pub depth: usize,
    /// Its title or its first words.
    pub title: String,
    /// The entity's id where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The outline of `doc`, whose text is `text`.
pub fn outline(doc: &Document, text: &str) -> Vec<Entry> {
    let index = crate::text::LineIndex::new(text);
    let line_of = |off: usize| index.line(off.min(text.len()));
    // (span, kind, title, id)
    let mut items: Vec<(Span, &'static str, String, Option<String>)> = Vec::new();
    if let Some(fm) = &doc.front_matter {
        let keys: Vec<&str> = fm.entries.iter().map(|(k, _)| k.as_str()).collect();
        items.push((fm.span, "front-matter", keys.join(", "), None));
    }
    for s in &doc.sections {
        items.push((s.span, "section", s.title.clone(), Some(s.id.to_string())));
    }
    for r in &doc.rounds {
        let title = if r.title.is_empty() {
            r.topics.join(", ")
        } else {
            r.title.clone()
        };
        let span = if r.span.is_empty() {
            let start = index.line_start(r.source.line);
            Span::new(start, start)
        } else {
            r.span
        };
        items.push((span, "round", title, Some(r.id.to_string())));
    }
    for q in &doc.questions {
        items.push((q.span, "question", q.title.clone(), Some(q.id.to_string())));
        if !q.answer.trim().is_empty() {
            // The answer: after the title line, to the question's end.
            let start = text[q.title_span.end.min(text.len())..]
                .find('\n')
                .map_or(q.span.end, |k| q.title_span.end + k + 1)
                .min(q.span.end);
            // From its first line with words.
            let rest = &text[start..q.span.end.max(start)];
            let start = start + (rest.len() - rest.trim_start().len());
            let first = q
                .answer
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            items.push((
                Span::new(start, q.span.end.max(start)),
                "answer",
                first.trim().to_string(),
                None,
            ));
        }
    }
    for s in &doc.stories {
        items.push((s.span, "story", s.title.to_string(), Some(s.id.to_string())));
        for p in s.parts.iter().flatten() {
            let kind = match p.part {
                StarPart::Situation => "situation",
                StarPart::Task => "task",
                StarPart::Action => "action",
                StarPart::Result => "result",
            };
            items.push((p.span, kind, p.text.to_string(), None));
        }
    }
    for p in &doc.principles {
        let title = match &p.builtin {
            Some(k) if k.as_str() != p.name.as_str() => format!("{} ({k})", p.name),
            _ => p.name.to_string(),
        };
        items.push((p.span, "principle", title, Some(p.id.to_string())));
    }
    // Outer spans first at the same start, so nesting is by containment.
    items.sort_by(|a, b| {
        a.0.start
            .cmp(&b.0.start)
            .then(b.0.end.cmp(&a.0.end))
            .then(rank(a.1).cmp(&rank(b.1)))
    });
    let mut out = Vec::with_capacity(items.len());
    let mut open: Vec<Span> = Vec::new();
    for (span, kind, title, id) in items {
        while open
            .last()
            .is_some_and(|o| !(o.start <= span.start && span.end <= o.end && o.end > span.start))
        {
            open.pop();
        }
        let line = line_of(span.start);
        out.push(Entry {
            kind,
            line,
            end_line: line_of(span.end.saturating_sub(1).max(span.start)).max(line),
            depth: open.len(),
            title: first_line(&title),
            id,
        });
        open.push(span);
    }
    out.extend(plain_runs(text, &out));
    out.sort_by_key(|e| (e.line, e.kind == "notes"));
    out
}

/// Kinds that tie on their span: the container first.
fn rank(kind: &str) -> u8 {
    match kind {
        "front-matter" => 0,
        "section" => 1,
        "principle" => 2,
        "round" => 3,
        "question" => 4,
        "answer" => 5,
        "story" => 6,
        _ => 7,
    }
}

fn first_line(t: &str) -> String {
    let l = t
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut s: String = l.chars().take(100).collect();
    if l.chars().count() > 100 {
        s.push('…');
    }
    s
}

/// Runs of non-blank lines that no entity covers: what was left as plain notes.
fn plain_runs(text: &str, entries: &[Entry]) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let mut covered = vec![false; lines.len() + 2];
    for e in entries {
        // A section holds everything under its title: only its title line is read as such.
        let last = if e.kind == "section" {
            e.line
        } else {
            e.end_line
        };
        let last = last.min(lines.len());
        if e.line <= last {
            covered[e.line..=last].fill(true);
        }
    }
    let mut out = Vec::new();
    let mut k = 1;
    while k <= lines.len() {
        if covered[k] || lines[k - 1].trim().is_empty() {
            k += 1;
            continue;
        }
        let start = k;
        while k <= lines.len() && !covered[k] {
            k += 1;
        }
        let end = (start..k)
            .rev()
            .find(|&l| !lines[l - 1].trim().is_empty())
            .unwrap_or(start);
        out.push(Entry {
            kind: "notes",
            line: start,
            end_line: end,
            depth: 0,
            title: first_line(lines[start - 1]),
            id: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Question, Section, SectionKind, Source};
    use std::sync::Arc;

    fn src(line: usize) -> Source {
        Source {
            path: Arc::from("n.md"),
            line,
            column: 1,
        }
    }

    #[test]
    fn entities_nest_and_plain_lines_are_shown() {
        let text = "# Network\n\nSome words.\n\n## What is TCP?\n\nA protocol.\n";
        let q_start = text.find("## What").unwrap_or(0);
        let doc = Document {
            id: "d".into(),
            path: "n.md".into(),
            hash: String::new(),
            front_matter: None,
            sections: vec![Section {
                id: "sec-1".into(),
                kind: SectionKind::Other,
                title: "Network".into(),
                level: 1,
                span: Span::new(0, text.len()),
                source: src(1),
            }],
            rounds: vec![],
            questions: vec![Question {
                id: "q-1".into(),
                number: None,
                title: "What is TCP?".into(),
                answer: "A protocol.".into(),
                points: vec![],
                stories: vec![],
                span: Span::new(q_start, text.len() - 1),
                title_span: Span::new(q_start + 3, q_start + 15),
                source: src(5),
            }],
            stories: vec![],
            principles: vec![],
            warnings: vec![],
        };
        let o = outline(&doc, text);
        let got: Vec<(&str, usize, usize)> = o.iter().map(|e| (e.kind, e.line, e.depth)).collect();
        assert_eq!(
            got,
            [
                ("section", 1, 0),
                ("notes", 3, 0),
                ("question", 5, 1),
                ("answer", 7, 2)
            ]
        );
        assert_eq!(o[3].title, "A protocol.");
    }
}
