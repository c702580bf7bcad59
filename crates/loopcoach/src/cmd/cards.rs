//! `loopcoach cards` lists cards; `loopcoach bank add FILE` validates and stores a user bank.

use std::path::PathBuf;

use anyhow::Result;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::bank::{BankError, BankProblem};
use loopcoach_store::UserCardRow;

use super::deck::{FilterArgs, all_cards};
use crate::ctx::{Ctx, print_json};
use crate::out;
use crate::table::{new as table, short};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let store = ctx.store()?;
    let docs = store.workspace()?;
    let f = a.filter.filter(ctx)?;
    let cards: Vec<_> = all_cards(ctx, &store, &docs)?
        .into_iter()
        .filter(|c| f.matches(c))
        .collect();
    if a.json {
        return print_json(&cards);
    }
    if cards.is_empty() {
        return out::line(ctx.t("cards-none", &[]));
    }
    let mut t = table(vec![
        ctx.t("col-id", &[]),
        ctx.t("col-kind", &[]),
        ctx.t("col-topic", &[]),
        ctx.t("col-question", &[]),
    ]);
    for c in &cards {
        crate::table::add(
            &mut t,
            vec![
                c.id.clone(),
                ctx.t(&format!("card-kind-{}", c.kind.as_str()), &[]),
                c.topic.clone().or(c.principle.clone()).unwrap_or_default(),
                short(c.question.get(ctx.lang), 60),
            ],
        );
    }
    out::line(&t)
}

#[derive(Debug, clap::Args)]
pub struct BankArgs {
    #[command(subcommand)]
    pub action: BankAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum BankAction {
    /// Validate a bank file (docs/banks.md) and add its cards; adding it again updates them
    Add { file: PathBuf },
}

pub fn bank(ctx: &Ctx, a: &BankArgs) -> Result<()> {
    let BankAction::Add { file } = &a.action;
    let text = crate::files::read_text(ctx, file, loopcoach_practice::bank::MAX_FILE_BYTES)?;
    let name = file.display().to_string();
    let mut store = ctx.store()?;
    let refuse = |errors: &[BankError]| -> anyhow::Error {
        for e in errors {
            eprintln!("{}", e.render(&ctx.msg));
        }
        anyhow::anyhow!(ctx.t(
            "bank-refused",
            &[
                ("file", Arg::from(&name)),
                ("count", Arg::from(errors.len()))
            ]
        ))
    };
    let bank = loopcoach_practice::parse_bank(&name, &text).map_err(|e| refuse(&e))?;
    let deck = format!(
        "bank:{}",
        file.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    // An id may not take over a built-in card or a card of another deck.
    let builtin: std::collections::HashSet<String> = loopcoach_practice::builtin_cards()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let others: std::collections::HashSet<String> = store
        .user_cards()?
        .into_iter()
        .filter(|r| r.deck != deck)
        .map(|r| r.id)
        .collect();
    let clashing: Vec<(usize, &str)> = bank
        .cards
        .iter()
        .enumerate()
        .filter(|(_, c)| builtin.contains(&c.id) || others.contains(&c.id))
        .map(|(i, c)| (i, c.id.as_str()))
        .collect();
    let ids: Vec<&str> = clashing.iter().map(|(_, id)| *id).collect();
    let lines = loopcoach_practice::bank::lines_of_ids(&text, &ids);
    let clashes: Vec<BankError> = clashing
        .iter()
        .zip(lines)
        .map(|((i, id), line)| BankError {
            file: name.clone(),
            line,
            column: 1,
            field: format!("cards[{i}].id"),
            problem: BankProblem::DuplicateId(id.to_string()),
        })
        .collect();
    if !clashes.is_empty() {
        return Err(refuse(&clashes));
    }
    let rows: Vec<UserCardRow> = bank
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
    out::line(ctx.t(
        "bank-added",
        &[
            ("count", Arg::from(rows.len())),
            ("file", Arg::from(&name)),
            ("deck", Arg::from(&deck)),
        ],
    ))
}
