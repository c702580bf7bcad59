//! The app state every handler gets: the backend, the per-process secret, the access token
//! (remote mode) and the caches. No globals: two servers in one process (tests) share nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use loopcoach_core::{Document, Lang};

use crate::backend::{Backend, Revision, WorkspaceCache};
use crate::error::WebError;

/// Shared by every request (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("remote", &self.inner.access_token.is_some())
            .finish()
    }
}

struct Inner {
    backend: Arc<dyn Backend>,
    secret: [u8; 32],
    access_token: Option<String>,
    workspace: WorkspaceCache,
    pages: PageCache,
    search: Memo<loopcoach_practice::search::Index>,
    notes_lang: Memo<Lang>,
}

impl AppState {
    /// State over `backend`. With `access_token`, every request must carry it (remote mode).
    /// The CSRF secret is drawn from the OS for each process.
    pub fn new(
        backend: Arc<dyn Backend>,
        access_token: Option<String>,
    ) -> Result<AppState, WebError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| WebError::Other(e.to_string()))?;
        Ok(AppState {
            inner: Arc::new(Inner {
                backend,
                secret,
                access_token,
                workspace: WorkspaceCache::default(),
                pages: PageCache::default(),
                search: Memo::default(),
                notes_lang: Memo::default(),
            }),
        })
    }

    pub fn backend(&self) -> &dyn Backend {
        self.inner.backend.as_ref()
    }

    pub(crate) fn secret(&self) -> &[u8; 32] {
        &self.inner.secret
    }

    pub(crate) fn access_token(&self) -> Option<&str> {
        self.inner.access_token.as_deref()
    }

    /// The workspace's revision now.
    pub fn revision(&self) -> Result<Revision, WebError> {
        self.inner.backend.revision()
    }

    /// The documents at `rev` (cached).
    pub fn documents(&self, rev: Revision) -> Result<Arc<Vec<Document>>, WebError> {
        self.inner.workspace.documents(self.backend(), rev)
    }

    /// The language the notes at `rev` are written in (the default language of a request
    /// that asks for none), worked out once per revision.
    pub fn notes_lang(&self, rev: Revision) -> Result<Lang, WebError> {
        self.inner
            .notes_lang
            .get_or_build(rev, || Ok(crate::ui::notes_lang(&self.documents(rev)?)))
            .map(|l| *l)
    }

    pub(crate) fn pages(&self) -> &PageCache {
        &self.inner.pages
    }

    /// The search index of the notes and cards at `rev` (built once per revision).
    pub fn search_index(
        &self,
        rev: Revision,
        build: impl FnOnce() -> Result<loopcoach_practice::search::Index, WebError>,
    ) -> Result<Arc<loopcoach_practice::search::Index>, WebError> {
        self.inner.search.get_or_build(rev, build)
    }
}

/// One value kept for the revision it was built at.
pub(crate) struct Memo<T> {
    slot: Mutex<Option<(Revision, Arc<T>)>>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            slot: Mutex::new(None),
        }
    }
}

impl<T> Memo<T> {
    pub fn get_or_build(
        &self,
        rev: Revision,
        build: impl FnOnce() -> Result<T, WebError>,
    ) -> Result<Arc<T>, WebError> {
        if let Ok(g) = self.slot.lock()
            && let Some((r, v)) = g.as_ref()
            && *r == rev
        {
            return Ok(Arc::clone(v));
        }
        let v = Arc::new(build()?);
        if let Ok(mut g) = self.slot.lock() {
            *g = Some((rev, Arc::clone(&v)));
        }
        Ok(v)
    }
}

/// A cached page: its name and language.
type PageKey = (&'static str, Lang);

/// Rendered pages that depend only on the workspace and the language, by revision.
#[derive(Debug, Default)]
pub(crate) struct PageCache {
    map: Mutex<HashMap<PageKey, (Revision, Arc<str>)>>,
}

impl PageCache {
    /// The page `name` in `lang` at `rev`: the cached one, or `render`'s (then kept).
    pub fn get_or_render(
        &self,
        name: &'static str,
        lang: Lang,
        rev: Revision,
        render: impl FnOnce() -> Result<String, WebError>,
    ) -> Result<Arc<str>, WebError> {
        if let Ok(m) = self.map.lock()
            && let Some((r, html)) = m.get(&(name, lang))
            && *r == rev
        {
            return Ok(Arc::clone(html));
        }
        let html: Arc<str> = Arc::from(render()?);
        if let Ok(mut m) = self.map.lock() {
            m.insert((name, lang), (rev, Arc::clone(&html)));
        }
        Ok(html)
    }
}
