//! `loopcoach anki export | import`: decks as Anki tab-separated text with header lines.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use loopcoach_core::i18n::Arg;
use loopcoach_practice::anki::SkipReason;
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
        Action::Import { file, deck } => import(ctx, file, deck.as_deref())?,
    }
    Ok(())
}

/// `anki import FILE [--deck NAME]`: the file's notes replace the deck's cards. Each note's id
/// is decided against what is stored (`anki::plan_import`): a built-in card, a card of the
/// notes or of another deck is never written over (the note is skipped, with the reason), and
/// the summary counts what was added, updated, skipped and removed.
fn import(ctx: &Ctx, file: &Path, deck: Option<&str>) -> Result<()> {
    let text = crate::files::read_text(ctx, file, loopcoach_practice::bank::MAX_FILE_BYTES)?;
    let name = file.display().to_string();
    let notes = loopcoach_practice::anki::import(&name, &text)?;
    let deck = format!(
        "anki:{}",
        deck.map(str::to_string).unwrap_or_else(|| file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default())
    );
    let mut store = ctx.store()?;
    let existing: HashMap<String, String> = store
        .user_cards()?
        .into_iter()
        .map(|r| (r.id, r.deck))
        .collect();
    let docs = store.workspace()?;
    let reserved: HashSet<String> = loopcoach_practice::builtin_cards()
        .into_iter()
        .chain(loopcoach_practice::mine_cards(&docs))
        .map(|c| c.id)
        .collect();
    let plan = loopcoach_practice::anki::plan_import(&deck, notes, &existing, &reserved);
    let rows: Vec<UserCardRow> = plan
        .cards
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
    store.transact(|tx| tx.replace_deck(&deck, &rows, &now))?;
    crate::out::line(ctx.t(
        "anki-imported",
        &[
            ("path", Arg::from(&name)),
            ("deck", Arg::from(&deck)),
            ("added", Arg::from(plan.added)),
            ("updated", Arg::from(plan.updated)),
            ("skipped", Arg::from(plan.skipped.len())),
            ("removed", Arg::from(plan.removed)),
        ],
    ))?;
    for s in &plan.skipped {
        let why = match &s.reason {
            SkipReason::BuiltIn { id } => ctx.t("anki-skip-builtin", &[("id", Arg::from(id))]),
            SkipReason::OtherDeck { id, deck } => ctx.t(
                "anki-skip-other-deck",
                &[("id", Arg::from(id)), ("deck", Arg::from(deck))],
            ),
            SkipReason::Duplicate { id, first_line } => ctx.t(
                "anki-skip-duplicate",
                &[("id", Arg::from(id)), ("line", Arg::from(*first_line))],
            ),
        };
        eprintln!(
            "{}",
            ctx.t(
                "anki-skipped",
                &[
                    ("path", Arg::from(&name)),
                    ("line", Arg::from(s.line)),
                    ("reason", Arg::from(why)),
                ]
            )
        );
    }
    Ok(())
}
