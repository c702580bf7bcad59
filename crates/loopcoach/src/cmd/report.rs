//! `loopcoach report [--format table|md|html|json] [-o FILE]`: what the candidate is missing
//! and what to prepare next (see `loopcoach_core::readiness` and `docs/readiness.md`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use loopcoach_core::Framework;
use loopcoach_core::readiness;

use crate::ctx::Ctx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Md,
    Html,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Print `text` to stdout, or write it to `out` (atomically) and say so on stderr. On stdout,
/// control characters from the notes are shown, not obeyed (a file gets the text as it is);
/// `json` text is left alone (its strings escape what they hold).
pub fn emit(ctx: &Ctx, out: Option<&PathBuf>, text: &str, json: bool) -> Result<()> {
    match out {
        Some(p) => {
            crate::files::replace(ctx, p, text.as_bytes(), None)?;
            eprintln!(
                "{}",
                ctx.t("export-done", &[("path", p.display().to_string().into())])
            );
        }
        None => crate::out::print(|so| {
            let shown = if json {
                std::borrow::Cow::Borrowed(text)
            } else {
                loopcoach_core::text::for_terminal(text)
            };
            so.write_all(shown.as_bytes())?;
            if !text.ends_with('\n') {
                so.write_all(b"\n")?;
            }
            Ok(())
        })?,
    }
    Ok(())
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let ws = ctx.workspace()?;
    // With no notes every score is about nothing ("questions 100%"): say what to do instead.
    if ws.is_empty() {
        anyhow::bail!(ctx.t("report-nothing-imported", &[]));
    }
    let r = readiness::report(&ws, &Framework::amazon(), ctx.lang);
    let text = match a.format {
        // Laid out to the terminal's width (80 when not a terminal), nothing cut.
        Format::Table => readiness::render_terminal(&r, crate::table::screen().width),
        Format::Md => readiness::render_markdown(&r),
        Format::Html => readiness::render_html(&r),
        Format::Json => serde_json::to_string_pretty(&r)?,
    };
    emit(ctx, a.out.as_ref(), &text, a.format == Format::Json)
}
