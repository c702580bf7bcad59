//! `loopcoach search QUERY`: Korean-aware search over the notes and the cards.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::search::{EntryKind, Index, mark};

use super::deck::all_cards;
use crate::ctx::{Ctx, print_json};
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub query: String,
    /// Only one kind of entry
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// At most this many hits
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Question,
    Story,
    Card,
    Note,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let store = ctx.store()?;
    let docs = store.workspace_with_text()?;
    // The notes are indexed line by line, so the cards drawn from them are left out.
    let cards = all_cards(ctx, &store, &[])?;
    let index = Index::build(loopcoach_practice::corpus::entries(&docs, &cards));
    let kind = a.kind.map(|k| match k {
        Kind::Question => EntryKind::Question,
        Kind::Story => EntryKind::Story,
        Kind::Card => EntryKind::Card,
        Kind::Note => EntryKind::Note,
    });
    let hits = index.search(&a.query, kind, a.limit);
    if a.json {
        return print_json(&serde_json::json!({ "query": a.query, "hits": hits }));
    }
    if hits.is_empty() {
        return out::line(ctx.t("search-none", &[("query", Arg::from(&a.query))]));
    }
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (open, close) = if colour {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let cwd = std::env::current_dir().ok();
    out::print(|out| {
        for h in &hits {
            let kind = serde_json::to_value(h.kind)?
                .as_str()
                .unwrap_or_default()
                .to_string();
            let kind = ctx.t("search-kind", &[("kind", Arg::from(kind))]);
            let line = match (&h.source, &h.heading) {
                (Some(src), Some(heading)) => {
                    let place = format!("{}:{}", shown_path(&src.path, cwd.as_deref()), src.line);
                    if h.kind == EntryKind::Note && h.id.contains(':') {
                        ctx.t(
                            "search-hit-note",
                            &[
                                ("place", Arg::from(place)),
                                ("kind", Arg::from(kind)),
                                ("heading", Arg::from(heading.join(" › "))),
                            ],
                        )
                    } else {
                        ctx.t(
                            "search-hit-at",
                            &[
                                ("place", Arg::from(place)),
                                ("kind", Arg::from(kind)),
                                ("id", Arg::from(&h.id)),
                                ("title", Arg::from(&h.title)),
                            ],
                        )
                    }
                }
                _ => ctx.t(
                    "search-hit",
                    &[
                        ("kind", Arg::from(kind)),
                        ("id", Arg::from(&h.id)),
                        ("title", Arg::from(&h.title)),
                    ],
                ),
            };
            writeln!(out, "{}", line.trim_end())?;
            writeln!(out, "    {}", mark(&h.snippet, &h.highlights, open, close))?;
        }
        Ok(())
    })
}

/// A notes path as a terminal or an editor jumps to it: relative to the working directory
/// when the file is under it, as stored otherwise.
fn shown_path(path: &str, cwd: Option<&std::path::Path>) -> String {
    let p = std::path::Path::new(path);
    cwd.and_then(|c| p.strip_prefix(c).ok())
        .map(|r| r.display().to_string())
        .unwrap_or_else(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::shown_path;

    #[test]
    fn paths_are_shown_relative_to_the_working_directory() {
        let cwd = std::path::Path::new("/home/me/notes");
        assert_eq!(shown_path("/home/me/notes/a.md", Some(cwd)), "a.md");
        assert_eq!(shown_path("/home/me/notes/k/b.md", Some(cwd)), "k/b.md");
        assert_eq!(shown_path("/elsewhere/c.md", Some(cwd)), "/elsewhere/c.md");
        assert_eq!(shown_path("/elsewhere/c.md", None), "/elsewhere/c.md");
    }
}
