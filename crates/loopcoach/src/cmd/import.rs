//! `loopcoach import FILE`: read a notes file into the workspace, in one transaction.

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use anyhow::Result;
use loopcoach_notes::{ImportOptions, parse_owned};

use crate::ctx::{Ctx, doc_path, print_json};
use crate::files::{self, NotesLock};
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The notes file (markdown)
    pub file: PathBuf,
    /// Largest file accepted, in bytes
    #[arg(long, env = "LOOPCOACH_MAX_SIZE", default_value_t = loopcoach_notes::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    /// Print what was imported as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    files::ensure_regular(ctx, &a.file)?;
    let path = doc_path(ctx, &a.file)?;
    // Held to the commit: a `story set` on this file waits, so what is stored is the file as
    // read, not a text an edit is replacing at that moment.
    let _lock = NotesLock::acquire_for_reading(ctx, Path::new(&path))?;
    let bytes = files::read_file(ctx, &a.file, a.max_size, "--max-size")?;
    let mut store = ctx.store()?;
    let old = store.document_by_path(&path)?;
    let opts = ImportOptions {
        max_bytes: a.max_size,
    };
    let (doc, text) = parse_owned(&path, bytes, &opts, old.as_ref().map(|(d, _)| d))?;
    // The process ends with this command: what was read goes back to the OS with it, instead
    // of being freed block by block first (~10 ms for 10 MB of notes: ~100,000 heap blocks).
    let (doc, text, old) = (
        ManuallyDrop::new(doc),
        ManuallyDrop::new(text),
        ManuallyDrop::new(old),
    );
    let unchanged = old.as_ref().is_some_and(|(_, t)| *t == *text);
    // Taken as asked, but said: everything read from the file before is gone from it.
    let emptied = old.as_ref().and_then(|(o, _)| {
        (crate::cmd::sync::entities(&doc) == 0 && crate::cmd::sync::entities(o) > 0)
            .then(|| (o.stories.len(), o.questions.len()))
    });
    let now = ctx.now_rfc3339();
    // The file's bytes are the text as read, so its disk hash is the document's hash.
    store.transact(|tx| tx.save_document(&doc, &text, &doc.hash, &now))?;
    if let Some((stories, questions)) = emptied {
        eprintln!(
            "{}",
            ctx.t(
                "import-emptied",
                &[
                    ("path", path.as_str().into()),
                    ("stories", stories.into()),
                    ("questions", questions.into()),
                ]
            )
        );
    }
    if a.json {
        return print_json(&serde_json::json!({
            "document": doc.id, "path": doc.path, "unchanged": unchanged,
            "questions": doc.questions.len(), "stories": doc.stories.len(),
            "principles": doc.principles.len(), "rounds": doc.rounds.len(),
            "warnings": doc.warnings,
        }));
    }
    let shown = a.file.display().to_string();
    // Flushed before the warnings go to stderr, so a terminal shows them in order; they are
    // shown even if stdout is closed (the import is done).
    let printed = out::print(|out| {
        if unchanged {
            writeln!(
                out,
                "{}",
                ctx.t("import-unchanged", &[("path", shown.as_str().into())])
            )?;
        }
        writeln!(
            out,
            "{}",
            ctx.t(
                "import-done",
                &[
                    ("path", shown.as_str().into()),
                    ("questions", doc.questions.len().into()),
                    ("stories", doc.stories.len().into()),
                    ("principles", doc.principles.len().into()),
                    ("rounds", doc.rounds.len().into()),
                ]
            )
        )?;
        Ok(())
    });
    for w in &doc.warnings {
        eprintln!(
            "{}",
            ctx.t(
                "import-warning",
                &[
                    ("path", shown.as_str().into()),
                    ("line", w.line.into()),
                    ("message", w.message.as_str().into())
                ]
            )
        );
    }
    printed
}
