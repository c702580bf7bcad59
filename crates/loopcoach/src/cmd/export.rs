//! `loopcoach export FILE [-o OUT]`: the notes text as imported, with edits spliced in.
//! Without `-o` the text goes to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::ctx::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The imported notes file
    pub file: PathBuf,
    /// Where to write (default: stdout)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub out: Option<PathBuf>,
}

/// The stored path of a notes file, even if the file is gone from disk.
pub fn known_path(p: &Path) -> Result<String> {
    let abs = std::fs::canonicalize(p).or_else(|_| std::path::absolute(p))?;
    Ok(abs.to_string_lossy().into_owned())
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let path = known_path(&a.file)?;
    let store = ctx.store()?;
    let Some((_, text)) = store.document_by_path(&path)? else {
        anyhow::bail!(ctx.t(
            "error-not-imported",
            &[("path", a.file.display().to_string().into())]
        ));
    };
    match &a.out {
        Some(out) => {
            crate::files::replace(ctx, out, text.as_bytes(), None)?;
            eprintln!(
                "{}",
                ctx.t("export-done", &[("path", out.display().to_string().into())])
            );
        }
        None => crate::out::print(|so| Ok(so.write_all(text.as_bytes())?))?,
    }
    Ok(())
}
