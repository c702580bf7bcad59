//! `loopcoach sync`: re-read every imported file that changed on disk, in one transaction.

use std::io::Write;

use anyhow::Result;
use loopcoach_notes::{ImportOptions, hash_matches, parse_owned};

use crate::ctx::{Ctx, print_json};
use crate::files::{self, NotesLock};
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Largest file accepted, in bytes
    #[arg(long, env = "LOOPCOACH_MAX_SIZE", default_value_t = loopcoach_notes::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let mut store = ctx.store()?;
    let rows = store.documents()?;
    if rows.is_empty() {
        if !a.json {
            return out::line(ctx.t("sync-none", &[]));
        }
        return print_json(
            &serde_json::json!({"changed": [], "missing": [], "emptied": [], "total": 0}),
        );
    }
    let opts = ImportOptions {
        max_bytes: a.max_size,
    };
    let mut changed = Vec::new();
    let mut missing = Vec::new();
    let mut emptied = Vec::new();
    // Each file's lock is held to the commit (taken in path order, as every command takes
    // them), so no `story set` writes a file between its read here and the commit.
    let mut locks = Vec::new();
    // Read and parse everything first; write only if every file parsed.
    for row in &rows {
        let path = std::path::Path::new(&row.path);
        if !path.exists() {
            missing.push(row.path.clone());
            continue;
        }
        files::ensure_regular(ctx, path)?;
        locks.push(NotesLock::acquire_for_reading(ctx, path)?);
        let bytes = files::read_file(ctx, path, a.max_size, "--max-size")?;
        // Unchanged since it was imported or written (bytes that are not UTF-8 never match,
        // and go on to be refused by the parse with their place).
        if std::str::from_utf8(&bytes).is_ok_and(|t| hash_matches(&row.disk_hash, t)) {
            continue;
        }
        let old = store.document_by_path(&row.path)?;
        let (doc, text) = parse_owned(&row.path, bytes, &opts, old.as_ref().map(|(d, _)| d))?;
        // A file that lost everything loopcoach read from it (emptied, or cut short by a
        // crash or an editor mid-save) is not taken: every story would drop out of the views
        // and drills. The imported copy stays, so restoring the file restores everything;
        // `import` takes the file as it is when that is what was meant.
        if let Some((old, _)) = &old
            && entities(&doc) == 0
            && entities(old) > 0
        {
            emptied.push((row.path.clone(), old.stories.len(), old.questions.len()));
            continue;
        }
        changed.push((doc, text));
    }
    let now = ctx.now_rfc3339();
    store.transact(|tx| -> Result<()> {
        for (doc, text) in &changed {
            tx.save_document(doc, text, &doc.hash, &now)?;
        }
        if !changed.is_empty() {
            tx.record_readiness(&now)?;
        }
        Ok(())
    })?;
    drop(locks);
    if a.json {
        return print_json(&serde_json::json!({
            "changed": changed.iter().map(|(d, _)| &d.path).collect::<Vec<_>>(),
            "missing": missing,
            "emptied": emptied.iter().map(|(p, _, _)| p).collect::<Vec<_>>(),
            "total": rows.len(),
        }));
    }
    // Flushed before the missing files go to stderr, so a terminal shows them in order; they
    // are shown even if stdout is closed (the sync is done).
    let printed = out::print(|out| {
        for (d, _) in &changed {
            writeln!(
                out,
                "{}",
                ctx.t("sync-changed", &[("path", d.path.as_str().into())])
            )?;
        }
        Ok(())
    });
    for m in &missing {
        eprintln!("{}", ctx.t("sync-missing", &[("path", m.as_str().into())]));
    }
    for (path, stories, questions) in &emptied {
        eprintln!(
            "{}",
            ctx.t(
                "sync-emptied",
                &[
                    ("path", path.as_str().into()),
                    ("stories", (*stories).into()),
                    ("questions", (*questions).into()),
                ]
            )
        );
    }
    printed?;
    out::line(ctx.t(
        "sync-done",
        &[
            ("changed", changed.len().into()),
            ("total", rows.len().into()),
        ],
    ))
}

/// How many things loopcoach read from a document (questions, stories, principles, rounds).
pub fn entities(d: &loopcoach_core::Document) -> usize {
    d.questions.len() + d.stories.len() + d.principles.len() + d.rounds.len()
}
