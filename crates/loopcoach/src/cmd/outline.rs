//! `loopcoach outline FILE`: the document as loopcoach reads it, one line per recognised
//! entity (kind, line, title, indented by nesting), and the lines left as plain notes. Reads the
//! file only: the workspace is not touched.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use loopcoach_core::outline::{Entry, outline};
use loopcoach_notes::{ImportOptions, parse_owned};

use crate::ctx::{Ctx, print_json};
use crate::{files, out};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The notes file (markdown)
    pub file: PathBuf,
    /// Largest file accepted, in bytes
    #[arg(long, env = "LOOPCOACH_MAX_SIZE", default_value_t = loopcoach_notes::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    /// Print the outline as JSON (an array of {kind, line, end_line, depth, title, id})
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let entries = read(ctx, &a.file, a.max_size)?;
    if a.json {
        return print_json(&entries);
    }
    let width = crate::table::terminal_width();
    out::print(|o| {
        for e in &entries {
            let kind = ctx.t(&format!("outline-{}", e.kind), &[]);
            let indent = "  ".repeat(e.depth.min(8));
            let head = format!("{:>5}  {indent}{kind}", e.line);
            let room = width.saturating_sub(head.chars().count() + 2).max(10);
            let title = clip(&loopcoach_core::text::for_terminal(&e.title), room);
            writeln!(o, "{head}  {title}")?;
        }
        Ok(())
    })
}

/// The outline of one file.
pub fn read(ctx: &Ctx, file: &Path, max: u64) -> Result<Vec<Entry>> {
    files::ensure_regular(ctx, file)?;
    let bytes = files::read_file(ctx, file, max, "--max-size")?;
    let shown = file.display().to_string();
    let opts = ImportOptions { max_bytes: max };
    let (doc, text) = parse_owned(&shown, bytes, &opts, None)?;
    Ok(outline(&doc, &text))
}

fn clip(s: &str, room: usize) -> String {
    if s.chars().count() <= room {
        return s.to_string();
    }
    let mut t: String = s.chars().take(room.saturating_sub(1)).collect();
    t.push('…');
    t
}
