//! Mock answers in the store: the row an analysed answer is kept as, and a new session's id.
//! Shared by `loopcoach mock`/`analyze` and the web UI's mock page (moved from the binary,
//! issue 17).

use anyhow::Result;
use loopcoach_core::analysis::{Analysis, KeyPoint};
use loopcoach_store::{MockAnswerRow, MockFindingRow};

/// What is known about a question: its text, the principle it probes, its topic, and the
/// facts of the prepared story in the notes.
#[derive(Debug, Default, Clone)]
pub struct QuestionInfo {
    pub id: Option<String>,
    pub text: String,
    pub principle: Option<String>,
    pub topic: Option<String>,
    pub key_points: Vec<KeyPoint>,
    /// A technical card: scored on its key points, not as a story.
    pub technical: bool,
}

/// A session id from the time it started and the number of sessions before it (two
/// sessions started at the same instant, as under a fixed test clock, stay apart).
pub fn session_id(
    store: &loopcoach_store::SqliteStore,
    kind: &str,
    at: time::OffsetDateTime,
) -> Result<String> {
    let n = store.mock_sessions()?.len() + 1;
    Ok(format!("{kind}-{}-{n}", at.unix_timestamp_nanos()))
}

/// The answer row the store keeps for an analysis.
pub fn answer_row(
    session: &str,
    ordinal: i64,
    q: &QuestionInfo,
    text: &str,
    a: &Analysis,
    at: &str,
) -> Result<MockAnswerRow> {
    Ok(MockAnswerRow {
        session_id: session.to_string(),
        ordinal,
        question_id: q.id.clone(),
        question: q.text.clone(),
        // An answer to no particular question counts for the principle it signals most.
        principle: q
            .principle
            .clone()
            .or_else(|| a.principles.first().cloned()),
        topic: q.topic.clone(),
        answer: text.to_string(),
        score: i64::from(a.score),
        analysis: serde_json::to_string(a)?,
        at: at.to_string(),
        findings: a
            .findings
            .iter()
            .map(|f| MockFindingRow {
                kind: f.kind.as_str().to_string(),
                part: f.part.map(|p| p.as_str().to_string()),
                message: f.message.clone(),
            })
            .collect(),
    })
}
