//! Standard output for every command: locked, buffered, flushed, and every write error
//! returned (never the panic of `println!`). A reader that closes the pipe early
//! (`loopcoach stories | head -2`) shows up as an `io::ErrorKind::BrokenPipe` error that ends
//! the command; `main` ends on it quietly (see [`is_broken_pipe`]).

use std::fmt::Display;
use std::io::{BufWriter, StdoutLock, Write};

use anyhow::Result;

/// The writer a command prints through.
pub type Stdout = BufWriter<StdoutLock<'static>>;

/// Run `f` with stdout locked and buffered, then flush it. An error of `f`'s or of the flush
/// is returned.
pub fn print(f: impl FnOnce(&mut Stdout) -> Result<()>) -> Result<()> {
    print_with_capacity(8 << 10, f)
}

/// [`print()`] with a buffer of `capacity` bytes.
pub fn print_with_capacity(
    capacity: usize,
    f: impl FnOnce(&mut Stdout) -> Result<()>,
) -> Result<()> {
    let mut out = BufWriter::with_capacity(capacity, std::io::stdout().lock());
    f(&mut out)?;
    out.flush()?;
    Ok(())
}

/// One line to stdout: `println!` that returns its error.
pub fn line(text: impl Display) -> Result<()> {
    print(|out| Ok(writeln!(out, "{text}")?))
}

/// Whether an error is a write to a closed pipe (directly, through serde_json, or as the
/// source of another error).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .map(|io| io.kind())
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(|j| j.io_error_kind())
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}
