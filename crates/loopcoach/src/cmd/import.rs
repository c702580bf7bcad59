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
    if a.file.is_dir() {
        return run_folder(ctx, a);
    }
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
            .then_some((o.stories.len(), o.questions.len()))
    });
    let now = ctx.now_rfc3339();
    // The file's bytes are the text as read, so its disk hash is the document's hash. The
    // readiness is recorded over the workspace as the import leaves it: the other documents
    // read back, this one as parsed (not decoded again).
    let doc = ManuallyDrop::into_inner(doc);
    let ws = store.transact(|tx| -> Result<Vec<loopcoach_core::Document>> {
        tx.save_document(&doc, &text, &doc.hash, &now)?;
        let mut ws = if unchanged {
            Vec::new()
        } else {
            tx.workspace_except(&doc.id)?
        };
        ws.push(doc);
        if !unchanged {
            ws.sort_by(|a, b| a.path.cmp(&b.path));
            tx.record_readiness_of(&now, &ws)?;
        }
        Ok(ws)
    })?;
    let ws = ManuallyDrop::new(ws);
    let Some(doc) = ws.iter().find(|d| d.path == path) else {
        anyhow::bail!("{path}: not in the workspace after its import");
    };
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
        write_found(out, ctx, &shown, doc)
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

/// The counts found in one file, after a pointer to `outline` when there are none.
fn write_found(
    out: &mut impl Write,
    ctx: &Ctx,
    shown: &str,
    doc: &loopcoach_core::Document,
) -> Result<()> {
    if nothing_found(doc) {
        writeln!(
            out,
            "{}",
            ctx.t("import-nothing", &[("path", shown.into())])
        )?;
    }
    writeln!(
        out,
        "{}",
        ctx.t(
            "import-done",
            &[
                ("path", shown.into()),
                ("questions", doc.questions.len().into()),
                ("stories", doc.stories.len().into()),
                ("principles", doc.principles.len().into()),
                ("rounds", doc.rounds.len().into()),
            ]
        )
    )?;
    Ok(())
}

/// Whether nothing at all was recognised in a document.
fn nothing_found(doc: &loopcoach_core::Document) -> bool {
    doc.questions.is_empty()
        && doc.stories.is_empty()
        && doc.principles.is_empty()
        && doc.rounds.is_empty()
}

/// The `.md` (and `.markdown`) files under `dir`, sorted; hidden folders (`.git`) and links to
/// folders are not entered.
fn notes_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = entry.file_type()?;
            let path = entry.path();
            if kind.is_dir() {
                todo.push(path);
            } else if kind.is_file()
                && path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
                })
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `import DIR`: every notes file under a folder, read first and then stored in one
/// transaction, so a file that cannot be read leaves the workspace as it was.
fn run_folder(ctx: &Ctx, a: &Args) -> Result<()> {
    use std::io::IsTerminal;
    let shown_dir = a.file.display().to_string();
    let list = notes_under(&a.file).map_err(|e| {
        anyhow::Error::new(e)
            .context(ctx.t("error-cannot-read", &[("path", shown_dir.as_str().into())]))
    })?;
    if list.is_empty() {
        anyhow::bail!(ctx.t(
            "import-folder-empty",
            &[("path", shown_dir.as_str().into())]
        ));
    }
    let progress = std::io::stderr().is_terminal() && list.len() > 3;
    let mut store = ctx.store()?;
    let mut locks = Vec::new();
    let mut read = Vec::new();
    let mut failed = Vec::new();
    for (k, file) in list.iter().enumerate() {
        let shown = file.display().to_string();
        if progress {
            eprint!(
                "\r\x1b[2K{}",
                ctx.t(
                    "import-progress",
                    &[
                        ("done", (k + 1).into()),
                        ("total", list.len().into()),
                        ("path", shown.as_str().into())
                    ]
                )
            );
        }
        let one = (|| -> Result<_> {
            files::ensure_regular(ctx, file)?;
            let path = doc_path(ctx, file)?;
            locks.push(NotesLock::acquire_for_reading(ctx, Path::new(&path))?);
            let bytes = files::read_file(ctx, file, a.max_size, "--max-size")?;
            let old = store.document_by_path(&path)?;
            let opts = ImportOptions {
                max_bytes: a.max_size,
            };
            let (doc, text) = parse_owned(&path, bytes, &opts, old.as_ref().map(|(d, _)| d))?;
            Ok((shown.clone(), doc, text))
        })();
        match one {
            Ok(x) => read.push(x),
            Err(e) => failed.push(crate::errors::render(ctx, &e)),
        }
    }
    if progress {
        eprint!("\r\x1b[2K");
    }
    if !failed.is_empty() {
        for f in &failed {
            eprintln!("{f}");
        }
        anyhow::bail!(ctx.t(
            "import-folder-failed",
            &[
                ("count", failed.len().into()),
                ("files", list.len().into()),
                ("path", shown_dir.as_str().into())
            ]
        ));
    }
    let now = ctx.now_rfc3339();
    store.transact(|tx| {
        for (_, doc, text) in &read {
            tx.save_document(doc, text, &doc.hash, &now)?;
        }
        tx.record_readiness(&now)?;
        Ok::<_, anyhow::Error>(())
    })?;
    drop(locks);
    let sum =
        |f: fn(&loopcoach_core::Document) -> usize| read.iter().map(|r| f(&r.1)).sum::<usize>();
    if a.json {
        let docs: Vec<_> = read
            .iter()
            .map(|(_, doc, _)| {
                serde_json::json!({
                    "document": doc.id, "path": doc.path,
                    "questions": doc.questions.len(), "stories": doc.stories.len(),
                    "principles": doc.principles.len(), "rounds": doc.rounds.len(),
                    "warnings": doc.warnings,
                })
            })
            .collect();
        return print_json(&serde_json::json!({ "files": docs }));
    }
    out::print(|out| {
        for (shown, doc, _) in &read {
            write_found(out, ctx, shown, doc)?;
        }
        writeln!(
            out,
            "{}",
            ctx.t(
                "import-folder-done",
                &[
                    ("files", read.len().into()),
                    ("path", shown_dir.as_str().into()),
                    ("questions", sum(|d| d.questions.len()).into()),
                    ("stories", sum(|d| d.stories.len()).into()),
                    ("principles", sum(|d| d.principles.len()).into()),
                    ("rounds", sum(|d| d.rounds.len()).into()),
                ]
            )
        )?;
        Ok(())
    })
}
