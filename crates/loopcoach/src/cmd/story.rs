//! `loopcoach story set ID --part result --text "…"`: edit one STAR part. The change is
//! spliced into the notes text (only that part's bytes change), the file on disk is written
//! (unless `--no-write`), and the document is re-read keeping every id.

use anyhow::Result;
use loopcoach_core::StarPart;
use loopcoach_store::{EditError, StoryEdit};

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
    let now = ctx.now_rfc3339();
    let parts = [(a.part, a.text.clone())];
    // The same code path as the web UI's story editor (`SqliteStore::edit_story`).
    let edited = store
        .edit_story(
            &ctx.msg,
            &StoryEdit {
                id: &a.id,
                parts: &parts,
                write: !a.no_write,
                base: None,
                now: &now,
            },
        )
        .map_err(EditError::into_anyhow)?;
    let args = [
        ("part", a.part.as_str().into()),
        ("title", edited.title.as_str().into()),
        ("id", a.id.as_str().into()),
        ("path", edited.path.as_str().into()),
    ];
    let id = if a.no_write {
        "story-set-done-db"
    } else {
        "story-set-done"
    };
    out::line(ctx.t(id, &args))?;
    if edited.hard_links > 0 {
        eprintln!(
            "{}",
            ctx.t(
                "warning-hard-links",
                &[
                    ("path", edited.path.as_str().into()),
                    ("count", edited.hard_links.into())
                ]
            )
        );
    }
    Ok(())
}
