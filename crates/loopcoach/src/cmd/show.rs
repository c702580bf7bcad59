//! `loopcoach show [--json]`: the whole structured workspace.

use std::io::Write;

use anyhow::Result;
use loopcoach_core::{Framework, views};

use crate::ctx::{Ctx, print_json};
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let ws = ctx.workspace()?;
    let fw = Framework::amazon();
    if a.json {
        return print_json(&views::show(&ws, &fw, ctx.lang));
    }
    if ws.is_empty() {
        return out::line(ctx.t("empty-workspace", &[]));
    }
    out::print(|out| {
        for d in &ws {
            writeln!(
                out,
                "{}",
                ctx.t(
                    "show-document",
                    &[
                        ("path", d.path.as_str().into()),
                        ("id", d.id.as_str().into())
                    ]
                )
            )?;
            if let Some(fm) = &d.front_matter {
                let keys: Vec<&str> = fm.entries.iter().map(|(k, _)| k.as_str()).collect();
                writeln!(
                    out,
                    "  {}",
                    ctx.t("show-front-matter", &[("keys", keys.join(", ").into())])
                )?;
            }
            for r in &d.rounds {
                let title = if r.topics.is_empty() {
                    r.title.clone()
                } else {
                    r.topics.join(", ")
                };
                writeln!(
                    out,
                    "  {}",
                    ctx.t(
                        "show-round",
                        &[("ordinal", r.ordinal.into()), ("title", title.into())]
                    )
                )?;
            }
            writeln!(
                out,
                "  {}",
                ctx.t(
                    "show-counts",
                    &[
                        ("sections", d.sections.len().into()),
                        ("questions", d.questions.len().into()),
                        ("stories", d.stories.len().into()),
                        ("principles", d.principles.len().into()),
                    ]
                )
            )?;
        }
        Ok(())
    })
}
