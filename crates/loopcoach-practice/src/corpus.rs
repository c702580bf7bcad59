//! What search looks through: the user's notes (questions, stories, notes paragraphs) and the
//! cards, turned into [`Entry`]s. The user's own words rank above bank cards.

use loopcoach_core::{Document, StarPart};

use crate::cards::{Card, CardKind};
use crate::search::{Entry, EntryKind};

const NOTES_BOOST: f32 = 1.5;

/// Entries for a workspace and a card list (bank cards and user-added cards; mine cards are
/// left out because the notes themselves are indexed).
pub fn entries(docs: &[Document], cards: &[Card]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut note = |id: &str, kind: EntryKind, title: &str, text: String| {
        if !title.trim().is_empty() || !text.trim().is_empty() {
            out.push(Entry {
                id: id.to_string(),
                kind,
                title: title.trim().to_string(),
                text,
                boost: NOTES_BOOST,
            });
        }
    };
    for d in docs {
        for q in &d.questions {
            note(&q.id, EntryKind::Question, &q.title, q.answer.clone());
        }
        for s in &d.stories {
            let mut text = String::new();
            for p in StarPart::ALL {
                let v = s.part(p).trim();
                if !v.is_empty() {
                    text.push_str(&format!("{}: {v}\n", p.letter()));
                }
            }
            text.push_str(&s.notes);
            note(&s.id, EntryKind::Story, &s.title, text);
        }
        for r in &d.rounds {
            let mut text = r.topics.join(", ");
            for n in &r.notes {
                text.push('\n');
                text.push_str(n);
            }
            note(&r.id, EntryKind::Note, &r.title, text);
        }
        for p in &d.principles {
            let text = [&p.description, &p.translation, &p.notes]
                .iter()
                .filter(|t| !t.trim().is_empty())
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            note(&p.id, EntryKind::Note, &p.name, text);
        }
    }
    for c in cards.iter().filter(|c| {
        c.kind != CardKind::Mine || c.source.as_deref().is_some_and(|s| s.starts_with("anki:"))
    }) {
        out.push(Entry {
            id: c.id.clone(),
            kind: EntryKind::Card,
            title: format!("{} / {}", c.question.ko, c.question.en),
            text: c.full_text(),
            boost: 1.0,
        });
    }
    out
}
