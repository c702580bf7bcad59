//! What search looks through: every line of the user's notes (their questions, stories,
//! principle sections and rounds, and every other block as a `note`; see
//! [`crate::notes_lines`]) and the cards, turned into [`Entry`]s. The user's own words rank
//! above bank cards.

use loopcoach_core::Document;

use crate::cards::{Card, CardKind};
use crate::notes_lines::document_entries;
use crate::search::{Entry, EntryKind};

/// Entries for a workspace (each document with its text) and a card list (bank cards and
/// user-added cards; mine cards are left out because the notes themselves are indexed).
pub fn entries(docs: &[(Document, String)], cards: &[Card]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (d, text) in docs {
        document_entries(d, text, &mut out);
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
            origin: None,
        });
    }
    out
}
