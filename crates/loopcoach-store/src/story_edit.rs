//! Editing a story's STAR parts: the one code path behind `loopcoach story set` and the web
//! UI's story editor (issue 17). Each changed part is spliced into the notes text (only its
//! bytes change), the notes file is written safely under its lock
//! (`loopcoach_notes::files`), and the document is re-read keeping every id, all in one
//! transaction: if the file cannot be written, nothing is committed.

use std::path::Path;

use loopcoach_core::{Messages, StarPart};
use loopcoach_notes::files::{self, NotesLock};
use loopcoach_notes::{content_hash, edit, hash_matches, parse_with};

use crate::SqliteStore;

/// One edit of a story.
#[derive(Debug, Clone)]
pub struct StoryEdit<'a> {
    /// The story id.
    pub id: &'a str,
    /// The parts to set, in order; a part whose text is already this is left alone.
    pub parts: &'a [(StarPart, String)],
    /// Write the notes file on disk (else the workspace only).
    pub write: bool,
    /// The [`content_hash`] of the notes text the edit was made against (the web editor's
    /// page); when the workspace text is no longer that, the edit is refused as stale.
    pub base: Option<&'a str>,
    /// The time recorded as the document's update (RFC 3339).
    pub now: &'a str,
}

/// A finished edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub title: String,
    pub path: String,
    /// Parts that changed.
    pub changed: Vec<StarPart>,
    /// Other names of the file (hard links), which keep the old text.
    pub hard_links: u64,
    /// The [`content_hash`] of the notes text now.
    pub text_hash: String,
}

/// Why an edit was not made.
#[derive(Debug)]
pub enum EditError {
    /// No story has this id (the message says so).
    NoStory(String),
    /// The workspace's notes changed since the edit's base: `current` is the story's four
    /// parts now (none if the story is gone), `text_hash` the hash to base a retry on.
    Stale {
        message: String,
        current: Option<Box<[String; 4]>>,
        text_hash: String,
    },
    /// The notes file on disk is not what was imported or last written (edited elsewhere):
    /// `disk` is its text now, when readable.
    DiskChanged {
        message: String,
        path: String,
        disk: Option<String>,
    },
    /// Anything else (unreadable file, lock busy, store failure), with its context chain.
    Other(anyhow::Error),
}

impl EditError {
    /// The error as the CLI reports it.
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            EditError::NoStory(m)
            | EditError::Stale { message: m, .. }
            | EditError::DiskChanged { message: m, .. } => anyhow::Error::msg(m),
            EditError::Other(e) => e,
        }
    }
}

impl From<anyhow::Error> for EditError {
    fn from(e: anyhow::Error) -> Self {
        EditError::Other(e)
    }
}

impl From<crate::StoreError> for EditError {
    fn from(e: crate::StoreError) -> Self {
        EditError::Other(e.into())
    }
}

impl From<loopcoach_notes::EditError> for EditError {
    fn from(e: loopcoach_notes::EditError) -> Self {
        EditError::Other(e.into())
    }
}

impl From<loopcoach_notes::ImportError> for EditError {
    fn from(e: loopcoach_notes::ImportError) -> Self {
        EditError::Other(e.into())
    }
}

impl SqliteStore {
    /// Apply `e` (see the module doc); messages come from `msg`.
    pub fn edit_story(&mut self, msg: &Messages, e: &StoryEdit<'_>) -> Result<Edited, EditError> {
        self.edit_story_then(msg, e, |_| Ok(()))
    }

    /// [`Self::edit_story`], with `then` run in the same transaction after the document is
    /// saved (and before the notes file is replaced): what the edit should also record, such
    /// as an accepted suggestion, is kept if and only if the edit is.
    pub fn edit_story_then(
        &mut self,
        msg: &Messages,
        e: &StoryEdit<'_>,
        then: impl FnOnce(&crate::Tx<'_>) -> crate::Result<()>,
    ) -> Result<Edited, EditError> {
        let no_story = || EditError::NoStory(msg.format("error-no-story", &[("id", e.id.into())]));
        let path = self.document_of(e.id)?.ok_or_else(no_story)?.0.path;
        // The notes file's lock is held from the read of its text to the commit, so two edits
        // of one file (or an edit and an import) take turns instead of one undoing the other.
        let _lock = if e.write {
            NotesLock::acquire(msg, Path::new(&path))?
        } else {
            NotesLock::acquire_for_reading(msg, Path::new(&path))?
        };
        // Read again under the lock: an edit that finished meanwhile is built on, not undone.
        let (old, text) = self.document_of(e.id)?.ok_or_else(no_story)?;
        if let Some(base) = e.base
            && !hash_matches(base, &text)
        {
            let current = old
                .story(e.id)
                .map(|s| Box::new(StarPart::ALL.map(|p| s.part(p).to_string())));
            return Err(EditError::Stale {
                message: msg.format("error-edit-stale", &[("path", old.path.as_str().into())]),
                current,
                text_hash: content_hash(&text),
            });
        }
        let row = self
            .documents()?
            .into_iter()
            .find(|r| r.id == old.id)
            .ok_or_else(|| anyhow::anyhow!("document row missing"))?;
        let file = Path::new(&old.path);
        // The file is still the text that was imported or last written (an edit made on disk
        // since then is never overwritten: `sync` reads it first).
        let unchanged = |bytes: &[u8]| {
            std::str::from_utf8(bytes).is_ok_and(|t| hash_matches(&row.disk_hash, t))
        };
        if e.write {
            let on_disk = files::read_file(msg, file, loopcoach_notes::MAX_TEXT_BYTES, "")?;
            if !unchanged(&on_disk) {
                return Err(EditError::DiskChanged {
                    message: msg
                        .format("error-disk-changed", &[("path", old.path.as_str().into())]),
                    path: old.path.clone(),
                    disk: String::from_utf8(on_disk).ok(),
                });
            }
        }
        let mut new_text = text.clone();
        let mut doc = old.clone();
        let mut changed = Vec::new();
        for (part, value) in e.parts {
            let story = doc.story(e.id).ok_or_else(no_story)?;
            if story.part(*part).trim() == value.trim().replace("\r\n", "\n") {
                continue;
            }
            new_text = edit::set_part(&new_text, story, *part, value)?;
            doc = parse_with(&old.path, &new_text, Some(&doc))?;
            changed.push(*part);
        }
        let title = doc
            .story(e.id)
            .map(|s| s.title.to_string())
            .unwrap_or_default();
        let text_hash = content_hash(&new_text);
        if changed.is_empty() {
            return Ok(Edited {
                title,
                path: old.path.clone(),
                changed,
                hard_links: 0,
                text_hash,
            });
        }
        // Written, the file holds the new text, whose fingerprint the parse has worked out.
        let disk_hash = if e.write {
            doc.hash.clone()
        } else {
            row.disk_hash.clone()
        };
        let written = self.transact(|tx| -> Result<Option<files::Written>, EditError> {
            tx.save_document(&doc, &new_text, &disk_hash, e.now)?;
            tx.record_readiness(e.now)?;
            then(tx)?;
            if !e.write {
                return Ok(None);
            }
            // Inside the transaction: if the file cannot be written (or changed on disk since
            // the check above), nothing is committed. The file is renamed into place before
            // the commit: killed in between, the file holds the edit and `sync` reads it back.
            Ok(Some(files::replace(
                msg,
                file,
                new_text.as_bytes(),
                Some(&unchanged),
            )?))
        })?;
        Ok(Edited {
            title,
            path: old.path.clone(),
            changed,
            hard_links: written.map_or(0, |w| w.hard_links),
            text_hash,
        })
    }
}
