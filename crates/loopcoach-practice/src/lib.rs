//! loopcoach's practice: question banks, cards, FSRS drills, Korean-aware search, Anki interop.
//!
//! Pure like core: no files except what the caller reads, no database (the binary moves rows
//! between this crate and `loopcoach-store`), no clock ("now" is an argument).

pub mod anki;
pub mod bank;
pub mod cards;
mod content;
pub mod corpus;
pub mod deck;
pub mod drill;
pub mod history;
pub mod lab_practice;
pub mod mock;
pub mod mock_session;
pub mod mock_store;
pub mod notes_lines;
pub mod queue;
pub mod schedule;
pub mod screen;
pub mod search;
pub mod session;
pub mod spacing;
pub mod speech;

pub use bank::{Bank, BankError, TOPICS, TextList, builtin_cards, parse_bank};
pub use cards::{Card, CardFilter, CardHead, CardKind, mine_cards};
pub use schedule::{CardState, Phase, Rating, Review, Scheduler, Steps};
pub use search::{Entry, EntryKind, Hit, Index};

use thiserror::Error;

/// What can go wrong in practice.
#[derive(Debug, Error)]
pub enum PracticeError {
    #[error("unknown rating '{0}' (again|hard|good|easy)")]
    BadRating(String),
    #[error("bad step '{0}' (write steps as 1m,10m: s, m, h or d, each under 2 days)")]
    BadSteps(String),
    #[error("desired retention {0} is outside 0.70..0.99")]
    BadRetention(f32),
    #[error("fsrs: {0}")]
    Fsrs(String),
    /// The next review would fall past the end of the calendar `time` can hold.
    #[error("a review in the year {0} cannot be scheduled: its next review is out of range")]
    TimeOutOfRange(i32),
    #[error("{file}:{line}: {problem}")]
    Anki {
        file: String,
        line: usize,
        problem: anki::AnkiProblem,
    },
    #[error("{0}")]
    Bank(String),
    /// The message is the source's (shown after it by `{:#}`), not repeated here.
    #[error("i/o error")]
    Io(#[from] std::io::Error),
}
