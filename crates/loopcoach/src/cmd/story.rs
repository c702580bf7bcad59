//! `loopcoach story set ID --part result --text "…"`: edit one STAR part. The change is
//! spliced into the notes text (only that part's bytes change), the file on disk is written
//! (unless `--no-write`), and the document is re-read keeping every id.

use anyhow::{Context, Result};
use loopcoach_core::StarPart;
use loopcoach_notes::{edit, hash_matches, parse_with};

use crate::cmd::export::write_atomic;
use crate::ctx::Ctx;
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
    let Some((old, text)) = store.document_of(&a.id)? else {
        anyhow::bail!(ctx.t("error-no-story", &[("id", a.id.as_str().into())]));
    };
    let Some(story) = old.story(&a.id) else {
        anyhow::bail!(ctx.t("error-no-story", &[("id", a.id.as_str().into())]));
    };
    let row = store
        .documents()?
        .into_iter()
        .find(|r| r.id == old.id)
        .context("document row missing")?;
    let path = std::path::Path::new(&old.path);
    if !a.no_write {
        // Never overwrite changes made to the file since it was read.
        let on_disk = std::fs::read(path).with_context(|| format!("{}: cannot read", old.path))?;
        if !std::str::from_utf8(&on_disk).is_ok_and(|t| hash_matches(&row.disk_hash, t)) {
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
    store.transact(|tx| -> Result<()> {
        tx.save_document(&doc, &new_text, &disk_hash, &now)?;
        if !a.no_write {
            // Inside the transaction: if the file cannot be written, nothing is committed.
            write_atomic(path, new_text.as_bytes())?;
        }
        Ok(())
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
    out::line(ctx.t(id, &args))
}
