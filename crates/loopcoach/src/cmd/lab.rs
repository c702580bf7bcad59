//! `loopcoach lab list|new|check|explain`: troubleshooting labs. The library generates the
//! broken artifacts and grades answers; this command writes the folder, keeps the hidden
//! answer key in the workspace, and records every graded attempt.

use std::path::PathBuf;

use anyhow::{Context, Result};
use loopcoach_labs as labs;
use loopcoach_store::{LabAttempt, LabRow};

use crate::ctx::{Ctx, print_json, rfc3339};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Lab kinds and their fault codes
    List(ListArgs),
    /// Generate a lab folder: TICKET.md, the artifacts, lab.json
    New(NewArgs),
    /// Grade an answer (a cause code or free text, Korean or English)
    Check(CheckArgs),
    /// The cause, how to confirm it, how to fix it
    Explain(ExplainArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// jwt | pki | oauth | k8s | docker
    pub kind: String,
    /// A fault code such as jwt/expired (default: chosen from the seed)
    #[arg(long)]
    pub fault: Option<String>,
    /// The same kind, fault, seed, difficulty and --now give the same lab
    #[arg(long)]
    pub seed: Option<u64>,
    /// 1-3
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub difficulty: u8,
    /// The moment the case happens (RFC 3339; default: now)
    #[arg(long)]
    pub now: Option<String>,
    /// Folder to write (default: ./lab-<kind>-<seed>)
    #[arg(short = 'o', long = "output")]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    pub dir: PathBuf,
    /// Your diagnosis
    #[arg(long)]
    pub answer: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    pub dir: PathBuf,
    #[arg(long)]
    pub json: bool,
}

fn lab_lang(l: loopcoach_core::Lang) -> labs::Lang {
    match l {
        loopcoach_core::Lang::Ko => labs::Lang::Ko,
        loopcoach_core::Lang::En => labs::Lang::En,
    }
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    match &a.action {
        Action::List(l) => list(ctx, l),
        Action::New(n) => new(ctx, n),
        Action::Check(c) => check(ctx, c),
        Action::Explain(e) => explain(ctx, e),
    }
}

fn list(ctx: &Ctx, a: &ListArgs) -> Result<()> {
    let cat = labs::catalog();
    if a.json {
        return print_json(&cat);
    }
    println!("{}", ctx.t("lab-kinds", &[]));
    let lang = lab_lang(ctx.lang);
    for k in &cat {
        println!("\n{} — {}", k.kind, k.title.get(lang));
        for f in &k.faults {
            println!("  {:<36} {}", f.code, f.title.get(lang));
        }
    }
    Ok(())
}

fn parse_time(s: &str) -> Result<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
        .with_context(|| format!("--now '{s}' is not an RFC 3339 time (e.g. 2026-12-01T09:00:00Z)"))
}

fn new(ctx: &Ctx, a: &NewArgs) -> Result<()> {
    let now = match &a.now {
        Some(s) => parse_time(s)?,
        None => ctx.now(),
    };
    // Without --seed, a fresh case each time (seeded from the clock, printed in lab.json).
    let seed = a
        .seed
        .unwrap_or_else(|| (ctx.now().unix_timestamp_nanos() as u64) % 1_000_000);
    let req = labs::LabRequest {
        kind: a.kind.clone(),
        fault: a.fault.clone(),
        seed,
        difficulty: a.difficulty,
        lang: lab_lang(ctx.lang),
        now,
    };
    let lab = labs::generate(&req)?;
    let dir = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("lab-{}-{seed}", a.kind)));
    let answer = serde_json::to_string(&lab.answer)?;
    let mut store = ctx.store()?;
    let created = ctx.now_rfc3339();
    // The key is stored and the folder written in one transaction: no folder without a key.
    store.transact(|tx| -> Result<()> {
        tx.save_lab(&LabRow {
            id: lab.id.clone(),
            kind: lab.kind.clone(),
            answer: answer.clone(),
            dir: dir.display().to_string(),
            created_at: created.clone(),
        })?;
        labs::write_lab(&dir, &lab)?;
        Ok(())
    })?;
    if a.json {
        return print_json(&serde_json::json!({
            "id": lab.id, "kind": lab.kind, "dir": dir, "seed": seed, "now": rfc3339(now),
            "files": lab.files.iter().map(|f| &f.path).collect::<Vec<_>>(),
        }));
    }
    println!(
        "{}",
        ctx.t(
            "lab-written",
            &[
                ("id", lab.id.as_str().into()),
                ("kind", lab.kind.as_str().into()),
                ("dir", dir.display().to_string().into())
            ]
        )
    );
    Ok(())
}

fn answer_key(
    ctx: &Ctx,
    dir: &std::path::Path,
) -> Result<(loopcoach_store::SqliteStore, labs::AnswerKey)> {
    let id = labs::read_lab_id(dir)?;
    let store = ctx.store()?;
    let Some(row) = store.lab(&id)? else {
        anyhow::bail!(ctx.t(
            "lab-unknown",
            &[
                ("dir", dir.display().to_string().into()),
                ("id", id.as_str().into())
            ]
        ));
    };
    let key: labs::AnswerKey =
        serde_json::from_str(&row.answer).context("stored answer key is unreadable")?;
    Ok((store, key))
}

fn check(ctx: &Ctx, a: &CheckArgs) -> Result<()> {
    let (mut store, key) = answer_key(ctx, &a.dir)?;
    let grade = labs::grade(&key, &a.answer);
    let verdict = serde_json::to_value(grade.verdict)?
        .as_str()
        .unwrap_or("wrong")
        .to_string();
    let at = ctx.now_rfc3339();
    store.transact(|tx| {
        tx.record_lab_attempt(&LabAttempt {
            lab_id: key.lab_id.clone(),
            answer: a.answer.clone(),
            verdict: verdict.clone(),
            score: f64::from(grade.score),
            at: at.clone(),
        })
    })?;
    if a.json {
        return print_json(&grade);
    }
    let dir = a.dir.display().to_string();
    let line = match grade.verdict {
        labs::Verdict::Right => ctx.t(
            "lab-verdict-right",
            &[("causes", grade.matched.join(", ").into())],
        ),
        labs::Verdict::Partly => ctx.t("lab-verdict-partly", &[]),
        labs::Verdict::Wrong => ctx.t("lab-verdict-wrong", &[("dir", dir.into())]),
    };
    println!("{line}");
    Ok(())
}

fn explain(ctx: &Ctx, a: &ExplainArgs) -> Result<()> {
    let (_, key) = answer_key(ctx, &a.dir)?;
    let ex = labs::explain(&key, lab_lang(ctx.lang));
    if a.json {
        return print_json(&ex);
    }
    println!(
        "{}",
        ctx.t("lab-cause", &[("cause", ex.causes.join(", ").into())])
    );
    println!("{}\n", ex.summary);
    println!("{}", ctx.t("lab-confirm", &[]));
    for c in &ex.confirm {
        println!("  $ {c}");
    }
    println!("\n{}", ctx.t("lab-fix", &[]));
    println!("{}", ex.fix);
    Ok(())
}
