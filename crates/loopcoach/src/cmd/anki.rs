//! `loopcoach anki export | import`: decks as Anki tab-separated text with header lines.

use std::path::PathBuf;

use anyhow::{Context, Result};
use loopcoach_core::i18n::Arg;
use loopcoach_store::UserCardRow;

use super::deck::{FilterArgs, all_cards};
use crate::ctx::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Write a deck (all cards, or filtered) as Anki TSV
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// Anki deck name [default: loopcoach]
        #[arg(long, default_value = "loopcoach")]
        deck: String,
        /// Output file
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Read Anki TSV into a deck of your own cards
    Import {
        file: PathBuf,
        /// Deck name [default: the file name]
        #[arg(long)]
        deck: Option<String>,
    },
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    match &a.action {
        Action::Export { filter, deck, out } => {
            let store = ctx.store()?;
            let docs = store.workspace()?;
            let f = filter.filter(ctx)?;
            let cards: Vec<_> = all_cards(ctx, &store, &docs)?
                .into_iter()
                .filter(|c| f.matches(c))
                .collect();
            let text = loopcoach_practice::anki::export(&cards, deck, ctx.lang);
            std::fs::write(out, text)
                .with_context(|| format!("{}: cannot write", out.display()))?;
            crate::out::line(ctx.t(
                "anki-exported",
                &[
                    ("count", Arg::from(cards.len())),
                    ("path", Arg::from(out.display().to_string())),
                ],
            ))?;
        }
        Action::Import { file, deck } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("{}: cannot read", file.display()))?;
            let name = file.display().to_string();
            let cards = loopcoach_practice::anki::import(&name, &text)?;
            let deck = format!(
                "anki:{}",
                deck.clone().unwrap_or_else(|| file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default())
            );
            let rows: Vec<UserCardRow> = cards
                .iter()
                .map(|c| {
                    Ok(UserCardRow {
                        id: c.id.clone(),
                        deck: deck.clone(),
                        kind: c.kind.as_str().to_string(),
                        topic: c.topic.clone(),
                        principle: c.principle.clone(),
                        body: serde_json::to_string(c)?,
                    })
                })
                .collect::<Result<_>>()?;
            let now = ctx.now_rfc3339();
            ctx.store()?
                .transact(|tx| tx.replace_deck(&deck, &rows, &now))?;
            crate::out::line(ctx.t(
                "anki-imported",
                &[
                    ("count", Arg::from(rows.len())),
                    ("path", Arg::from(&name)),
                    ("deck", Arg::from(&deck)),
                ],
            ))?;
        }
    }
    Ok(())
}
