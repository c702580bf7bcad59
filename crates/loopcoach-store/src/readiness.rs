//! Readiness over time: a [`ReadinessRow`] after each change to the notes, read back for the
//! history chart (`/history`) and `loopcoach history`.

use loopcoach_core::readiness::{self, Components, Snapshot};
use loopcoach_core::{Document, Framework};
use rusqlite::{OptionalExtension, params};

use crate::documents::workspace_of;
use crate::{Result, SqliteStore, Tx};

/// One recorded readiness.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReadinessRow {
    /// RFC 3339.
    pub at: String,
    #[serde(flatten)]
    pub snapshot: Snapshot,
}

const COLUMNS: &str = "at, overall, principles, stories, questions, penalty, covered, framework, story_count, findings";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReadinessRow> {
    Ok(ReadinessRow {
        at: r.get(0)?,
        snapshot: Snapshot {
            overall: r.get(1)?,
            components: Components {
                principles: r.get(2)?,
                stories: r.get(3)?,
                questions: r.get(4)?,
                over_reliance_penalty: r.get(5)?,
            },
            covered: r.get::<_, i64>(6)? as usize,
            principles: r.get::<_, i64>(7)? as usize,
            stories: r.get::<_, i64>(8)? as usize,
            findings: r.get::<_, i64>(9)? as usize,
        },
    })
}

fn last(conn: &rusqlite::Connection) -> Result<Option<ReadinessRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM readiness_history ORDER BY id DESC LIMIT 1"),
            [],
            row,
        )
        .optional()?)
}

impl Tx<'_> {
    /// Record the readiness of the workspace as this transaction leaves it, at `at` (RFC 3339),
    /// unless it is the same as the last one recorded. Call it after writing documents, in the
    /// same transaction, so the history never disagrees with the notes. Returns whether a row
    /// was added.
    pub fn record_readiness(&self, at: &str) -> Result<bool> {
        let docs = workspace_of(self.conn())?;
        self.record_readiness_of(at, &docs)
    }

    /// [`Self::record_readiness`] over `workspace`, every document as this transaction leaves
    /// them, when the caller holds them already: an import of a large file would otherwise
    /// decode its model a second time (three times the file's size in memory).
    pub fn record_readiness_of(&self, at: &str, workspace: &[Document]) -> Result<bool> {
        let snap = readiness::snapshot(workspace, Framework::shared());
        if last(self.conn())?.is_some_and(|l| l.snapshot == snap) {
            return Ok(false);
        }
        let c = &snap.components;
        self.conn().execute(
            &format!(
                "INSERT INTO readiness_history ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ),
            params![
                at,
                snap.overall,
                c.principles,
                c.stories,
                c.questions,
                c.over_reliance_penalty,
                snap.covered as i64,
                snap.principles as i64,
                snap.stories as i64,
                snap.findings as i64,
            ],
        )?;
        Ok(true)
    }
}

impl Tx<'_> {
    /// Every document's model but `doc_id`'s, by path.
    pub fn workspace_except(&self, doc_id: &str) -> Result<Vec<Document>> {
        let mut docs = workspace_of(self.conn())?;
        docs.retain(|d| d.id != doc_id);
        Ok(docs)
    }
}

impl SqliteStore {
    /// Every recorded readiness, oldest first.
    pub fn readiness_history(&self) -> Result<Vec<ReadinessRow>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM readiness_history ORDER BY id"
        ))?;
        let rows = st.query_map([], row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The last recorded readiness, if any.
    pub fn last_readiness(&self) -> Result<Option<ReadinessRow>> {
        last(self.conn())
    }
}
