//! `loopcoach story set ID --part result --text "…"`: edit one STAR part. The change is
//! spliced into the notes text (only that part's bytes change), the file on disk is written
//! (unless `--no-write`), and the document is re-read keeping every id.

use anyhow::{Context, Result};
use loopcoach_core::StarPart;
use loopcoach_notes::{edit, hash_matches, parse_with};

use std::path::Path;

use crate::ctx::Ctx;
use crate::files::{self, NotesLock};
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Set one STAR part of a story
    Set(SetArgs),
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The story id (`loopcoach stories`)
    pub id: String,
    /// situation | task | action | result (or s, t, a, r)
    #[arg(long, value_parser = parse_part)]
    pub part: StarPart,
    /// The new text (may span lines); empty clears the part
    #[arg(long)]
    pub text: String,
    /// Change the workspace only; leave the notes file on disk as it is
    #[arg(long)]
    pub no_write: bool,
}

fn parse_part(s: &str) -> Result<StarPart, String> {
    StarPart::parse(s).ok_or_else(|| format!("unknown part '{s}' (situation|task|action|result)"))
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    match &a.action {
        Action::Set(s) => set(ctx, s),
    }
}

fn set(ctx: &Ctx, a: &SetArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let no_story = || anyhow::anyhow!(ctx.t("error-no-story", &[("id", a.id.as_str().into())]));
    let path = store.document_of(&a.id)?.ok_or_else(no_story)?.0.path;
    // The notes file's lock is held from the read of its text to the commit, so two edits of
    // one file (or an edit and an import) take turns instead of one overwriting the other.
    let _lock = if a.no_write {
        NotesLock::acquire_for_reading(ctx, Path::new(&path))?
    } else {
        NotesLock::acquire(ctx, Path::new(&path))?
    };
    // Read again under the lock: an edit that finished meanwhile is built on, not undone.
    let (old, text) = store.document_of(&a.id)?.ok_or_else(no_story)?;
    let story = old.story(&a.id).ok_or_else(no_story)?;
    let row = store
        .documents()?
        .into_iter()
        .find(|r| r.id == old.id)
        .context("document row missing")?;
    let path = Path::new(&old.path);
    // The file is still the text that was imported or last written (an edit made on disk
    // since then is never overwritten: `sync` reads it first).
    let unchanged =
        |bytes: &[u8]| std::str::from_utf8(bytes).is_ok_and(|t| hash_matches(&row.disk_hash, t));
    if !a.no_write {
        let on_disk = files::read_file(ctx, path, loopcoach_notes::MAX_TEXT_BYTES, "")?;
        if !unchanged(&on_disk) {
            anyhow::bail!(ctx.t("error-disk-changed", &[("path", old.path.as_str().into())]));
        }
    }
    let new_text = edit::set_part(&text, story, a.part, &a.text)?;
    let doc = parse_with(&old.path, &new_text, Some(&old))?;
    let title = doc
        .story(&a.id)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    let now = ctx.now_rfc3339();
    // Written, the file holds the new text, whose fingerprint the parse has worked out.
    let disk_hash = if a.no_write {
        row.disk_hash.clone()
    } else {
        doc.hash.clone()
    };
    let written = store.transact(|tx| -> Result<Option<files::Written>> {
        tx.save_document(&doc, &new_text, &disk_hash, &now)?;
        if a.no_write {
            return Ok(None);
        }
        // Inside the transaction: if the file cannot be written (or changed on disk since
        // the check above), nothing is committed. The file is renamed into place before the
        // commit: killed in between, the file holds the edit and `sync` reads it back.
        Ok(Some(files::replace(
            ctx,
            path,
            new_text.as_bytes(),
            Some(&unchanged),
        )?))
    })?;
    let args = [
        ("part", a.part.as_str().into()),
        ("title", title.as_str().into()),
        ("id", a.id.as_str().into()),
        ("path", old.path.as_str().into()),
    ];
    let id = if a.no_write {
        "story-set-done-db"
    } else {
        "story-set-done"
    };
    out::line(ctx.t(id, &args))?;
    if let Some(w) = written
        && w.hard_links > 0
    {
        eprintln!(
            "{}",
            ctx.t(
                "warning-hard-links",
                &[
                    ("path", old.path.as_str().into()),
                    ("count", w.hard_links.into())
                ]
            )
        );
    }
    Ok(())
}
