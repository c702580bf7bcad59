//! The one seam between the pages and where a workspace lives.
//!
//! Handlers never open a database themselves: they ask the [`Backend`] of the app state for a
//! store and for the workspace's revision. [`LocalWorkspace`] is the SQLite file of one
//! candidate (`loopcoach serve`); the study-group server (issue 21) can put its own backend
//! behind the same trait and reuse the pages, which are functions of the data they show.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use loopcoach_core::Document;
use loopcoach_store::SqliteStore;

use crate::error::WebError;

/// A number that changes whenever the workspace does (caches are keyed by it).
pub type Revision = i64;

/// Where the pages' data comes from.
pub trait Backend: Send + Sync + 'static {
    /// A store to read or write (one per request; SQLite connections are cheap to open).
    fn store(&self) -> Result<SqliteStore, WebError>;
    /// The workspace's current revision: cheap, called on every cached page.
    fn revision(&self) -> Result<Revision, WebError>;
    /// The folder beside the workspace where browser uploads (mock recordings) are kept.
    fn uploads_dir(&self) -> PathBuf;
}

/// The SQLite workspace of one candidate.
#[derive(Debug)]
pub struct LocalWorkspace {
    db: PathBuf,
    /// A connection kept only to ask `PRAGMA data_version`, which moves whenever another
    /// connection commits: a request's (every write opens its own store) or a CLI run's. It
    /// never writes itself, so no change goes unseen.
    probe: Mutex<SqliteStore>,
}

impl LocalWorkspace {
    /// Open (creating if needed) the workspace at `db`.
    pub fn open(db: &Path) -> Result<LocalWorkspace, WebError> {
        let probe = SqliteStore::open(db)?;
        Ok(LocalWorkspace {
            db: db.to_path_buf(),
            probe: Mutex::new(probe),
        })
    }
}

impl Backend for LocalWorkspace {
    fn store(&self) -> Result<SqliteStore, WebError> {
        Ok(SqliteStore::open(&self.db)?)
    }

    fn revision(&self) -> Result<Revision, WebError> {
        let probe = self.probe.lock().map_err(|_| WebError::Internal)?;
        Ok(probe.data_version()?)
    }

    fn uploads_dir(&self) -> PathBuf {
        let mut name = self
            .db
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".uploads");
        self.db.with_file_name(name)
    }
}

/// The workspace's documents, cached per revision (loading 10,000 stories is the costly part
/// of most pages).
#[derive(Debug, Default)]
pub struct WorkspaceCache {
    docs: Mutex<Option<(Revision, Arc<Vec<Document>>)>>,
}

impl WorkspaceCache {
    /// The documents at `rev`, loaded through `backend` when the cache is older.
    pub fn documents(
        &self,
        backend: &dyn Backend,
        rev: Revision,
    ) -> Result<Arc<Vec<Document>>, WebError> {
        if let Ok(g) = self.docs.lock()
            && let Some((r, d)) = g.as_ref()
            && *r == rev
        {
            return Ok(Arc::clone(d));
        }
        let docs = Arc::new(backend.store()?.workspace()?);
        if let Ok(mut g) = self.docs.lock() {
            *g = Some((rev, Arc::clone(&docs)));
        }
        Ok(docs)
    }
}
