//! The user's files on disk (moved here from the binary for the web UI, issue 17; messages come
//! from the caller's catalogue): read without hanging or running out of memory, and written back
//! so that no edit is ever lost.
//!
//! Reading ([`read_limited`]) refuses anything but a regular file before opening it (a FIFO
//! would block the open forever, `/dev/zero` never ends) and never reads more than the limit
//! plus one byte, whatever the file claims its size is.
//!
//! Writing a notes file back ([`replace`]) happens under the notes file's lock ([`NotesLock`],
//! which `import`, `sync` and `story set` all take, so they never interleave on one file):
//!
//! 1. the new text goes into a temp file beside the notes, created exclusively (`O_EXCL`, which
//!    also refuses a symlink planted at that name), private (0600) until it is given the
//!    original's owner (where allowed) and mode, then flushed to disk (`fsync`);
//! 2. right before the rename the notes file is read again, and if it is no longer what was
//!    edited (an editor saved it meanwhile) the write is refused and the temp file removed;
//! 3. the rename replaces the file in one step (a reader sees the old text or the new, never
//!    a mix), and the folder is flushed so the rename survives a power cut.
//!
//! A failure at any step removes the temp file. What is left: the few microseconds between
//! the last check and the rename, in which an editor's save would still be replaced (no
//! portable call renames only if the target is unchanged); and hard links, which a rename
//! breaks (the other names keep the old text; `story set` warns when the file has them).

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use loopcoach_core::Messages;

/// How long a command waits for another loopcoach to finish with a notes file.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// The first bytes read of a file that is too large, to tell a binary or UTF-16 file from a
/// large text file.
const SNIFF_BYTES: u64 = 8192;

/// The folder and name of `path` (a path without a folder is in `.`).
fn dir_and_name(path: &Path) -> (PathBuf, String) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// An advisory lock on one notes file, held until dropped: a lock file beside it,
/// `.NAME.loopcoach.lock`, made by the first `story set` on the file and left in place
/// (removing it would race with the next taker). Every loopcoach command that reads or writes
/// the file takes it; an editor does not, which is why [`replace`] also checks the file's
/// contents right before it renames.
#[derive(Debug)]
pub struct NotesLock {
    _file: Option<File>,
}

impl NotesLock {
    /// Take the lock of `notes`, waiting up to 30 s for another loopcoach to let it go.
    pub fn acquire(msg: &Messages, notes: &Path) -> Result<NotesLock> {
        Self::take(msg, notes, true)
    }

    /// Like [`Self::acquire`], for a command that only reads the notes file (`import`,
    /// `sync`): it takes the lock only if the lock file is there, and never makes one, so
    /// reading notes leaves nothing beside them (a read-only folder, a repository's examples).
    /// A file never edited through loopcoach has no lock file and needs none: a reader
    /// racing the very first `story set` reads the old text or the new (the rename is atomic),
    /// and a stale read only makes the next edit ask for a `sync`.
    pub fn acquire_for_reading(msg: &Messages, notes: &Path) -> Result<NotesLock> {
        Self::take(msg, notes, false)
    }

    fn take(msg: &Messages, notes: &Path, create: bool) -> Result<NotesLock> {
        let (dir, name) = dir_and_name(notes);
        let lock_path = dir.join(format!(".{name}.loopcoach.lock"));
        let file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(create)
            .truncate(false)
            .mode(0o600)
            .open(&lock_path)
        {
            Ok(f) => f,
            Err(_) if !create => return Ok(NotesLock { _file: None }),
            Err(e) => {
                return Err(e).with_context(|| {
                    msg.format(
                        "error-lock-create",
                        &[("path", lock_path.display().to_string().into())],
                    )
                });
            }
        };
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(NotesLock { _file: Some(file) }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    anyhow::bail!(msg.format(
                        "error-lock-busy",
                        &[
                            ("path", notes.display().to_string().into()),
                            ("lock", lock_path.display().to_string().into()),
                        ]
                    ))
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| {
                        msg.format(
                            "error-lock-create",
                            &[("path", lock_path.display().to_string().into())],
                        )
                    });
                }
            }
        }
    }
}

/// Why [`read_limited`] refused a file, before any decoding.
#[derive(Debug)]
pub enum ReadRefusal {
    /// Not there, not readable: the OS error.
    Io(std::io::Error),
    Directory,
    /// A FIFO, socket or device.
    NotRegular,
    /// Larger than the limit (`size` is what it had grown to when refused).
    TooLarge {
        size: u64,
    },
    /// Refused by what its first bytes show (binary, UTF-16), whatever its size.
    Content(crate::ImportError),
}

/// Read at most `limit` bytes of the regular file `path`. A FIFO, socket or device is refused
/// before it is opened (opening a FIFO blocks until a writer comes); the file is checked again
/// once open, and read through a `take(limit + 1)`, so a file that grows, or lies about its
/// size, is still never read past the limit. A file over the limit is looked at (its first
/// 8 KiB) so that a binary or UTF-16 file is called that, not too large.
pub fn read_limited(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, ReadRefusal> {
    let kind = |m: &std::fs::Metadata| {
        if m.is_dir() {
            Err(ReadRefusal::Directory)
        } else if !m.is_file() {
            Err(ReadRefusal::NotRegular)
        } else {
            Ok(())
        }
    };
    let meta = std::fs::metadata(path).map_err(ReadRefusal::Io)?;
    kind(&meta)?;
    let file = File::open(path).map_err(ReadRefusal::Io)?;
    let meta = file.metadata().map_err(ReadRefusal::Io)?;
    kind(&meta)?;
    let shown = path.display().to_string();
    let too_large = |file: File, size: u64| {
        let mut head = Vec::new();
        if file.take(SNIFF_BYTES).read_to_end(&mut head).is_ok()
            && let Some(e) = crate::input::sniff(&shown, &head)
        {
            return ReadRefusal::Content(e);
        }
        ReadRefusal::TooLarge { size }
    };
    if meta.len() > limit {
        return Err(too_large(file, meta.len()));
    }
    let cap = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(cap);
    (&file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadRefusal::Io)?;
    if bytes.len() as u64 > limit {
        if let Some(e) = crate::input::sniff(&shown, &bytes) {
            return Err(ReadRefusal::Content(e));
        }
        return Err(ReadRefusal::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Refuse anything but a regular file (checked again when it is read), before a lock is
/// taken beside it.
pub fn ensure_regular(msg: &Messages, path: &Path) -> Result<()> {
    let refusal = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => return Ok(()),
        Ok(m) if m.is_dir() => ReadRefusal::Directory,
        Ok(_) => ReadRefusal::NotRegular,
        Err(e) => ReadRefusal::Io(e),
    };
    Err(refused(msg, path, 0, "", refusal))
}

/// [`read_limited`], its refusal as an error a person can act on (`flag` is the flag that
/// sets the limit, named when the file is too large, or empty when there is none).
pub fn read_file(msg: &Messages, path: &Path, limit: u64, flag: &str) -> Result<Vec<u8>> {
    read_limited(path, limit).map_err(|r| refused(msg, path, limit, flag, r))
}

fn refused(msg: &Messages, path: &Path, limit: u64, flag: &str, r: ReadRefusal) -> anyhow::Error {
    let shown = path.display().to_string();
    match r {
        ReadRefusal::Io(e) => anyhow::Error::new(e)
            .context(msg.format("error-cannot-read", &[("path", shown.as_str().into())])),
        ReadRefusal::Directory => {
            anyhow::anyhow!(msg.format("error-is-directory", &[("path", shown.as_str().into())]))
        }
        ReadRefusal::NotRegular => {
            anyhow::anyhow!(msg.format("error-not-regular", &[("path", shown.as_str().into())]))
        }
        ReadRefusal::TooLarge { size } if flag.is_empty() => anyhow::anyhow!(msg.format(
            "error-too-large-fixed",
            &[
                ("path", shown.as_str().into()),
                ("size", size.into()),
                ("limit", limit.into()),
            ]
        )),
        ReadRefusal::TooLarge { size } => crate::ImportError::TooLarge {
            path: shown.clone(),
            size,
            limit,
        }
        .into(),
        ReadRefusal::Content(e) => e.into(),
    }
}

/// A text file (a bank, an Anki deck) read whole: at most `limit` bytes, UTF-8 (UTF-16 and
/// binary files are told apart and refused with what to do).
pub fn read_text(msg: &Messages, path: &Path, limit: u64) -> Result<String> {
    let bytes = read_file(msg, path, limit, "")?;
    let shown = path.display().to_string();
    crate::input::decode(&shown, &bytes, limit)?;
    // `decode` has checked the bytes are UTF-8.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// Removes a temp file when dropped, unless it was renamed into place.
struct TempGuard<'a> {
    path: &'a Path,
    armed: bool,
}

impl Drop for TempGuard<'_> {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(self.path);
        }
    }
}

/// What [`replace`] noticed that the user should know.
#[derive(Debug, Default)]
pub struct Written {
    /// The file had other names (hard links): they keep the old text.
    pub hard_links: u64,
}

/// The check [`replace`] makes on the file's bytes right before the rename: `true` when they
/// are still the text that was edited.
pub type Unchanged<'a> = &'a dyn Fn(&[u8]) -> bool;

/// Replace the contents of `path` with `bytes` (the steps are in the module's doc). With
/// `unchanged`, the file is read right before the rename and the write refused (nothing
/// changed, the temp file removed) if it fails the check. The caller holds the file's
/// [`NotesLock`] when other loopcoach commands may write it. A new file gets the usual mode
/// (0666 less the umask); an existing one keeps its mode, and its owner where allowed. A
/// symlink is written through (its target is replaced, the link kept).
pub fn replace(
    msg: &Messages,
    path: &Path,
    bytes: &[u8],
    unchanged: Option<Unchanged<'_>>,
) -> Result<Written> {
    let shown = path.display().to_string();
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).with_context(|| {
            msg.format("error-cannot-write", &[("path", shown.as_str().into())])
        })?,
        _ => path.to_path_buf(),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Some(m),
        Ok(_) => anyhow::bail!(msg.format("error-not-regular", &[("path", shown.as_str().into())])),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(e).with_context(|| {
                msg.format("error-cannot-write", &[("path", shown.as_str().into())])
            });
        }
    };
    let (dir, name) = dir_and_name(&target);
    let tmp = dir.join(format!(".{name}.loopcoach-tmp"));
    let cannot = |p: &Path| {
        msg.format(
            "error-cannot-write",
            &[("path", p.display().to_string().into())],
        )
    };
    // A temp file left by a process that was killed (the caller holds the lock, so no live
    // one is using it): removed. Whatever is there (a planted symlink included) is unlinked,
    // never followed, and the exclusive create below fails if something comes back.
    match std::fs::symlink_metadata(&tmp) {
        Ok(m) if m.is_dir() => anyhow::bail!(cannot(&tmp)),
        Ok(_) => std::fs::remove_file(&tmp).with_context(|| cannot(&tmp))?,
        Err(_) => {}
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(if existing.is_some() { 0o600 } else { 0o666 })
        .open(&tmp)
        .with_context(|| cannot(&tmp))?;
    let mut guard = TempGuard {
        path: &tmp,
        armed: true,
    };
    if let Some(m) = &existing {
        // The owner first (changing it may clear set-id bits), then the mode: not subject to
        // the umask, unlike the mode given to open.
        if std::os::unix::fs::fchown(&file, Some(m.uid()), Some(m.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(&file, None, Some(m.gid()));
        }
        file.set_permissions(std::fs::Permissions::from_mode(m.mode() & 0o7777))
            .with_context(|| cannot(&tmp))?;
    }
    file.write_all(bytes).with_context(|| cannot(&tmp))?;
    file.sync_all().with_context(|| cannot(&tmp))?;
    drop(file);
    #[cfg(debug_assertions)]
    hold_for_tests();
    if let Some(check) = unchanged {
        let now = std::fs::read(&target).unwrap_or_default();
        if !check(&now) {
            anyhow::bail!(msg.format(
                "error-disk-changed-during",
                &[("path", shown.as_str().into())]
            ));
        }
    }
    std::fs::rename(&tmp, &target).with_context(|| cannot(&target))?;
    guard.armed = false;
    // The rename is in the folder: flushed, it survives a power cut. Some file systems cannot
    // flush a folder; the rename is done all the same.
    if let Ok(d) = File::open(&dir) {
        match d.sync_all() {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(22) => {}
            Err(e) => return Err(e).with_context(|| cannot(&dir)),
        }
    }
    Ok(Written {
        hard_links: existing.map_or(0, |m| m.nlink().saturating_sub(1)),
    })
}

/// Test builds only (compiled out of release builds): with `LOOPCOACH_TEST_HOLD=PATH` in the
/// environment, a write stops between its temp file and its last check, says so by creating
/// `PATH.reached`, and goes on once `PATH` exists (or after 10 s). The reliability tests use it
/// to save a file "in an editor", or to kill the process, at exactly that point.
#[cfg(debug_assertions)]
fn hold_for_tests() {
    let Some(gate) = std::env::var_os("LOOPCOACH_TEST_HOLD").map(PathBuf::from) else {
        return;
    };
    let mut reached = gate.clone().into_os_string();
    reached.push(".reached");
    let _ = File::create(PathBuf::from(reached));
    let start = Instant::now();
    while !gate.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(5));
    }
}
