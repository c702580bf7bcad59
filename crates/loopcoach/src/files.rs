//! The user's files on disk: the code lives in `loopcoach_notes::files` (shared with the web
//! UI, issue 17); these wrappers give it the command's message catalogue.

use std::path::Path;

use anyhow::Result;

use crate::ctx::Ctx;

pub use loopcoach_notes::files::{Unchanged, Written};

/// An advisory lock on one notes file, held until dropped (see
/// `loopcoach_notes::files::NotesLock`).
#[derive(Debug)]
pub struct NotesLock(#[allow(dead_code)] loopcoach_notes::files::NotesLock);

impl NotesLock {
    /// Take the lock of `notes` for reading it (`import`, `sync`): only if the lock file is
    /// there (the story editor, `SqliteStore::edit_story`, takes it for writing).
    pub fn acquire_for_reading(ctx: &Ctx, notes: &Path) -> Result<NotesLock> {
        loopcoach_notes::files::NotesLock::acquire_for_reading(&ctx.msg, notes).map(NotesLock)
    }
}

/// Refuse anything but a regular file.
pub fn ensure_regular(ctx: &Ctx, path: &Path) -> Result<()> {
    loopcoach_notes::files::ensure_regular(&ctx.msg, path)
}

/// Read at most `limit` bytes of a regular file, refusals as errors a person can act on.
pub fn read_file(ctx: &Ctx, path: &Path, limit: u64, flag: &str) -> Result<Vec<u8>> {
    loopcoach_notes::files::read_file(&ctx.msg, path, limit, flag)
}

/// A text file read whole: at most `limit` bytes, UTF-8.
pub fn read_text(ctx: &Ctx, path: &Path, limit: u64) -> Result<String> {
    loopcoach_notes::files::read_text(&ctx.msg, path, limit)
}

/// Replace the contents of `path` with `bytes`, safely (see `loopcoach_notes::files::replace`).
pub fn replace(
    ctx: &Ctx,
    path: &Path,
    bytes: &[u8],
    unchanged: Option<Unchanged<'_>>,
) -> Result<Written> {
    loopcoach_notes::files::replace(&ctx.msg, path, bytes, unchanged)
}
