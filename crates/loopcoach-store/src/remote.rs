//! Comments pulled from a study-group server (`loopcoach pull`), kept beside the stories they
//! are about. A comment is identified by its server and its id there, so pulling twice stores
//! it once.

use rusqlite::params;

use crate::{Result, SqliteStore, Tx};

/// One pulled comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteCommentRow {
    /// The server's base URL, as given to `pull`.
    pub server: String,
    pub remote_id: i64,
    pub group_id: i64,
    pub share_id: i64,
    /// The local story the share was pushed from.
    pub story_id: String,
    /// `title`, `situation`, `task`, `action` or `result`.
    pub part: String,
    /// A character range of the part, when the comment is about one.
    pub span: Option<(i64, i64)>,
    pub body: String,
    pub author: String,
    pub created_at: String,
    pub pulled_at: String,
    /// A suggested edit: the replacement for `quote` (the span's or the part's text when the
    /// comment was made).
    pub suggestion: Option<String>,
    pub quote: Option<String>,
    /// When the suggestion was accepted into the notes (RFC 3339).
    pub accepted_at: Option<String>,
}

impl Tx<'_> {
    /// Store a pulled comment, or refresh it; returns true when it was not stored before.
    pub fn save_remote_comment(&self, c: &RemoteCommentRow) -> Result<bool> {
        let known: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM remote_comments WHERE server = ?1 AND remote_id = ?2)",
            params![c.server, c.remote_id],
            |r| r.get(0),
        )?;
        self.conn().execute(
            "INSERT INTO remote_comments (server, remote_id, group_id, share_id, story_id, part,
                                          span_start, span_end, body, author, created_at, pulled_at,
                                          suggestion, quote)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (server, remote_id) DO UPDATE SET
               group_id = excluded.group_id, share_id = excluded.share_id,
               story_id = excluded.story_id, part = excluded.part,
               span_start = excluded.span_start, span_end = excluded.span_end,
               body = excluded.body, author = excluded.author,
               created_at = excluded.created_at, pulled_at = excluded.pulled_at,
               suggestion = excluded.suggestion, quote = excluded.quote",
            params![
                c.server,
                c.remote_id,
                c.group_id,
                c.share_id,
                c.story_id,
                c.part,
                c.span.map(|s| s.0),
                c.span.map(|s| s.1),
                c.body,
                c.author,
                c.created_at,
                c.pulled_at,
                c.suggestion,
                c.quote
            ],
        )?;
        Ok(!known)
    }

    /// Record that the suggestion of comment `remote_id` from `server` was accepted at `at`.
    pub fn mark_suggestion_accepted(&self, server: &str, remote_id: i64, at: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE remote_comments SET accepted_at = ?3 WHERE server = ?1 AND remote_id = ?2",
            params![server, remote_id, at],
        )?;
        Ok(())
    }
}

impl SqliteStore {
    /// Pulled comments, of one story or of all, oldest first.
    pub fn remote_comments(&self, story: Option<&str>) -> Result<Vec<RemoteCommentRow>> {
        let mut stmt = self.conn().prepare(
            "SELECT server, remote_id, group_id, share_id, story_id, part, span_start, span_end,
                    body, author, created_at, pulled_at, suggestion, quote, accepted_at
             FROM remote_comments WHERE ?1 IS NULL OR story_id = ?1
             ORDER BY story_id, created_at, server, remote_id",
        )?;
        let rows = stmt.query_map(params![story], |r| {
            let start: Option<i64> = r.get(6)?;
            let end: Option<i64> = r.get(7)?;
            Ok(RemoteCommentRow {
                server: r.get(0)?,
                remote_id: r.get(1)?,
                group_id: r.get(2)?,
                share_id: r.get(3)?,
                story_id: r.get(4)?,
                part: r.get(5)?,
                span: start.zip(end),
                body: r.get(8)?,
                author: r.get(9)?,
                created_at: r.get(10)?,
                pulled_at: r.get(11)?,
                suggestion: r.get(12)?,
                quote: r.get(13)?,
                accepted_at: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
