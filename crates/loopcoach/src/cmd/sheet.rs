//! `loopcoach sheet [--plan FILE | --interviewers N …] [--format md|html] [-o FILE]`: one page
//! to glance at before each interview of the loop.

use std::path::PathBuf;

use anyhow::{Context, Result};
use loopcoach_core::Framework;
use loopcoach_core::plan::Plan;
use loopcoach_core::sheet::{render_sheet_html, render_sheet_markdown, sheet};

use crate::ctx::Ctx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A plan saved with `loopcoach plan --json` (else one is made from the flags below)
    #[arg(long, value_name = "FILE")]
    pub plan: Option<PathBuf>,
    #[command(flatten)]
    pub loop_: super::plan::LoopArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let p: Plan = match &a.plan {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            serde_json::from_str(&text).with_context(|| {
                format!(
                    "{}: not a plan (from `loopcoach plan --json`)",
                    path.display()
                )
            })?
        }
        None => super::plan::make(ctx, &a.loop_)?,
    };
    let ws = ctx.workspace()?;
    let s = sheet(&ws, &p, &Framework::amazon(), ctx.lang);
    let text = match a.format {
        Format::Md => render_sheet_markdown(&s),
        Format::Html => render_sheet_html(&s),
    };
    super::report::emit(ctx, a.out.as_ref(), &text, false)
}
