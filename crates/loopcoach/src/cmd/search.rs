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
    let docs = store.workspace()?;
    let cards = all_cards(ctx, &store, &docs)?;
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
    out::print(|out| {
        for h in &hits {
            let kind = serde_json::to_value(h.kind)?
                .as_str()
                .unwrap_or_default()
                .to_string();
            writeln!(
                out,
                "{}",
                ctx.t(
                    "search-hit",
                    &[
                        ("kind", Arg::from(kind)),
                        ("id", Arg::from(&h.id)),
                        ("title", Arg::from(&h.title))
                    ]
                )
            )?;
            writeln!(out, "    {}", mark(&h.snippet, &h.highlights, open, close))?;
        }
        Ok(())
    })
}
