//! Persistence for loopcoach behind one API.
//!
//! SQLite is the embedded default: one file, WAL mode, a busy timeout so two processes can
//! work on the same workspace, and versioned migrations (`migrations/NNNN_name.sql`, applied in
//! order when the database opens and recorded in `PRAGMA user_version`; a shipped migration is
//! never edited). Every command's writes go through [`SqliteStore::transact`], so a failure
//! leaves nothing half-done.

mod documents;
mod labs;
mod migrate;
mod mock;
mod mock_plan;
mod practice;
mod readiness;
mod remote;
mod story_edit;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use thiserror::Error;

pub use documents::DocumentRow;
pub use labs::{LabAsk, LabAttempt, LabHistoryRow, LabRow};
pub use mock::{MockAnswerRow, MockFindingRow, MockSessionRow};
pub use mock_plan::{MockPlanRow, MockRecordingRow};
pub use practice::{CardStateRow, ReviewRow, UserCardFilter, UserCardHead, UserCardRow};
pub use readiness::ReadinessRow;
pub use remote::RemoteCommentRow;
pub use story_edit::{EditError, Edited, StoryEdit};

/// Everything that can go wrong in the store.
///
/// A SQLite error is shown by its message alone and is not chained as a `source`: rusqlite's
/// error repeats its message and then SQLite's code in its own source, so a `{:#}` chain read
/// "unable to open database file: X: unable to open database file: X: Error code 14: …".
#[derive(Debug, Error)]
pub enum StoreError {
    /// The workspace file could not be opened or set up (it names the file).
    #[error("cannot open the workspace {path}: {message}")]
    Open { path: String, message: String },
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error(
        "database schema version {found} is newer than this loopcoach knows ({known}); upgrade loopcoach"
    )]
    TooNew { found: i64, known: i64 },
    #[error("{0} not found")]
    NotFound(String),
    #[error("cannot create the workspace folder {path}: {message}")]
    Dir { path: String, message: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// A SQLite error in one short phrase: SQLite's own message where it gave one ("database is
/// locked", "file is not a database"), else the description of its code.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
        rusqlite::Error::SqliteFailure(f, None) => f.to_string(),
        other => other.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The SQLite store.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
}

/// A write transaction; all writes happen through it.
#[derive(Debug)]
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Dir {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            message: sqlite_message(&e),
        })?;
        // SQLite opens lazily: a file that is not a workspace (or a folder) fails on the first
        // statement, here. Such a failure names the file too.
        Self::setup(conn).map_err(|e| match e {
            StoreError::Sqlite(e) => StoreError::Open {
                path: path.display().to_string(),
                message: sqlite_message(&e),
            },
            other => other,
        })
    }

    /// An in-memory store (tests, benchmarks).
    pub fn open_in_memory() -> Result<SqliteStore> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<SqliteStore> {
        conn.busy_timeout(Duration::from_secs(30))?;
        // Only a new file takes this (an existing one keeps its page size). A notes file's text
        // and model are tens of MB of BLOB pages: 64 KiB pages write them in 16x fewer calls
        // than 4 KiB ones (seed x640: 0.18 s -> 0.08 s of system time per import). The page
        // cache is sized in bytes, so memory stays the same.
        conn.execute_batch("PRAGMA page_size = 65536;")?;
        // WAL lets readers and one writer work at once. The mode is stored in the file, so it
        // is set once; switching needs a lock the busy handler does not wait for, so when two
        // processes create the workspace at the same moment the loser retries.
        let mut attempt = 0;
        loop {
            let mode: std::result::Result<String, rusqlite::Error> = conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .and_then(|m: String| {
                    if m.eq_ignore_ascii_case("wal") {
                        Ok(m)
                    } else {
                        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                    }
                });
            match mode {
                Ok(_) => break,
                Err(rusqlite::Error::SqliteFailure(f, _))
                    if matches!(
                        f.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) && attempt < 400 =>
                {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(e) => return Err(e.into()),
            }
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        migrate::migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// Run `f` in one immediate write transaction: all of it commits, or none of it.
    pub fn transact<T, E>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let wrapped = Tx { tx };
        let out = f(&wrapped)?;
        wrapped.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's `PRAGMA data_version`: it changes whenever another connection commits to the
    /// workspace (this connection's own writes do not move it). A connection kept only to ask
    /// this tells a cache when the workspace changed, at the cost of one pragma (issue 17).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Tx<'_> {
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }
}
