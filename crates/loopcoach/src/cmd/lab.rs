//! `loopcoach lab list|new|check|ask|explain|history`: troubleshooting labs. The library
//! generates the broken artifacts, hands out evidence and grades answers; this command writes
//! the folder, keeps the hidden answer key in the workspace, and records every graded attempt
//! and every piece of evidence asked for.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use loopcoach_labs as labs;
use loopcoach_store::{LabAsk, LabRow};

use crate::ctx::{Ctx, print_json, rfc3339};
use crate::out;

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
    /// The cause, how to confirm it, how to fix it, and your path against the expert's
    Explain(ExplainArgs),
    /// Ask for evidence, as in a real case: `lab ask DIR logs`, `lab ask DIR --list`
    Ask(AskArgs),
    /// Every graded attempt, oldest first
    History(HistoryArgs),
}

#[derive(Debug, clap::Args)]
pub struct AskArgs {
    pub dir: PathBuf,
    /// What to ask for (`logs`, `kubectl describe`, `openssl s_client`, ...)
    #[arg(required_unless_present = "list")]
    pub what: Option<String>,
    /// What can be asked for in this lab
    #[arg(long, conflicts_with = "what")]
    pub list: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Only the attempts of this lab folder
    pub dir: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// jwt | pki | oauth | k8s | docker | dns | vpc | elb
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
    /// Folder to write (default: ./lab-KIND-SEED)
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
        Action::Ask(q) => ask(ctx, q),
        Action::History(h) => history(ctx, h),
    }
}

fn list(ctx: &Ctx, a: &ListArgs) -> Result<()> {
    let cat = labs::catalog();
    if a.json {
        return print_json(&cat);
    }
    let lang = lab_lang(ctx.lang);
    out::print(|out| {
        writeln!(out, "{}", ctx.t("lab-kinds", &[]))?;
        for k in &cat {
            writeln!(out, "\n{} — {}", k.kind, k.title.get(lang))?;
            for f in &k.faults {
                writeln!(out, "  {:<36} {}", f.code, f.title.get(lang))?;
            }
        }
        Ok(())
    })
}

fn new(ctx: &Ctx, a: &NewArgs) -> Result<()> {
    let now = match &a.now {
        Some(s) => ctx.parse_now(s)?,
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
    out::line(ctx.t(
        "lab-written",
        &[
            ("id", lab.id.as_str().into()),
            ("kind", lab.kind.as_str().into()),
            ("dir", dir.display().to_string().into()),
        ],
    ))
}

fn answer_key(
    ctx: &Ctx,
    dir: &std::path::Path,
) -> Result<(loopcoach_store::SqliteStore, labs::AnswerKey)> {
    if !dir.join("lab.json").is_file() {
        anyhow::bail!(ctx.t(
            "lab-not-a-lab",
            &[("dir", dir.display().to_string().into())]
        ));
    }
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
    let at = ctx.now_rfc3339();
    let now = ctx.now().unix_timestamp();
    let outcome = store.transact(|tx| {
        loopcoach_practice::lab_practice::record_check(tx, &key, &a.answer, &a.dir, &at, now)
    })?;
    let grade = outcome.grade;
    if a.json {
        return print_json(&grade);
    }
    let lines = loopcoach_practice::lab_practice::verdict_lines(
        &grade,
        &a.dir.display().to_string(),
        &ctx.msg,
    );
    out::line(lines.join("\n"))
}

fn ask(ctx: &Ctx, a: &AskArgs) -> Result<()> {
    let (mut store, key) = answer_key(ctx, &a.dir)?;
    let lang = lab_lang(ctx.lang);
    if a.list {
        let items = labs::evidence_catalogue(&key.kind)?;
        if a.json {
            return print_json(&items);
        }
        return out::print(|out| {
            writeln!(out, "{}", ctx.t("lab-ask-list", &[]))?;
            for i in &items {
                writeln!(out, "  {:<12} {}", i.key, i.title.get(lang))?;
            }
            Ok(())
        });
    }
    let what = a.what.clone().unwrap_or_default();
    let ev = labs::ask(&key, &what)?;
    let at = ctx.now_rfc3339();
    store.transact(|tx| -> Result<()> {
        tx.record_lab_ask(&LabAsk {
            lab_id: key.lab_id.clone(),
            what: ev.key.clone(),
            at: at.clone(),
        })?;
        Ok(())
    })?;
    if a.json {
        return print_json(&ev);
    }
    out::print(|out| {
        writeln!(out, "# {}\n", ev.title.get(lang))?;
        writeln!(out, "{}", ev.text.trim_end())?;
        Ok(())
    })
}

fn history(ctx: &Ctx, a: &HistoryArgs) -> Result<()> {
    let store = ctx.store()?;
    let lab_id = match &a.dir {
        Some(dir) => Some(answer_key(ctx, dir)?.1.lab_id),
        None => None,
    };
    let rows = store.lab_history(lab_id.as_deref())?;
    // One timeline: every answer checked and every piece of evidence asked for, by time.
    let mut items: Vec<(String, serde_json::Value)> = rows
        .iter()
        .map(|r| {
            let g: Option<labs::Grade> = r
                .grade
                .as_deref()
                .and_then(|g| serde_json::from_str(g).ok());
            let v = serde_json::json!({
                "type": "check", "lab_id": r.lab_id, "kind": r.kind, "dir": r.dir,
                "answer": r.answer, "verdict": r.verdict, "score": r.score, "at": r.at,
                "claimed": g.as_ref().and_then(|g| g.claimed.clone()),
                "missing": g.as_ref().map(|g| g.missing.clone()).unwrap_or_default(),
                "stuffed": g.as_ref().is_some_and(|g| g.stuffed),
            });
            (r.at.clone(), v)
        })
        .collect();
    for (ask, kind, dir) in store.all_lab_asks()? {
        if lab_id.as_ref().is_some_and(|id| *id != ask.lab_id) {
            continue;
        }
        let v = serde_json::json!({
            "type": "ask", "lab_id": ask.lab_id, "kind": kind, "dir": dir,
            "what": ask.what, "at": ask.at,
        });
        items.push((ask.at.clone(), v));
    }
    // Stable: within the same instant, checks stay before asks as stored.
    items.sort_by(|x, y| x.0.cmp(&y.0));
    if a.json {
        let list: Vec<&serde_json::Value> = items.iter().map(|(_, v)| v).collect();
        return print_json(&list);
    }
    if items.is_empty() {
        return out::line(ctx.t("lab-history-empty", &[]));
    }
    out::print(|out| {
        for (at, v) in &items {
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            if s("type") == "ask" {
                writeln!(out, "{at}  {:<16} {:<7} {}", s("lab_id"), "ask", s("what"))?;
            } else {
                writeln!(
                    out,
                    "{at}  {:<16} {:<7} {}",
                    s("lab_id"),
                    s("verdict"),
                    s("answer")
                )?;
            }
        }
        Ok(())
    })
}

fn explain(ctx: &Ctx, a: &ExplainArgs) -> Result<()> {
    let (store, key) = answer_key(ctx, &a.dir)?;
    let ex = labs::explain(&key, lab_lang(ctx.lang));
    let asked: Vec<String> = store
        .lab_asks(&key.lab_id)?
        .into_iter()
        .map(|a| a.what)
        .collect();
    let path = labs::debrief(&key, &asked);
    if a.json {
        // The explanation's fields, plus the path taken against the expert's.
        let mut v = serde_json::to_value(&ex)?;
        if let Some(obj) = v.as_object_mut() {
            obj.insert("path".to_string(), serde_json::to_value(&path)?);
        }
        return print_json(&v);
    }
    out::print(|out| {
        writeln!(
            out,
            "{}",
            ctx.t("lab-cause", &[("cause", ex.causes.join(", ").into())])
        )?;
        writeln!(out, "{}\n", ex.summary)?;
        writeln!(out, "{}", ctx.t("lab-confirm", &[]))?;
        for c in &ex.confirm {
            writeln!(out, "  $ {c}")?;
        }
        writeln!(out, "\n{}", ctx.t("lab-fix", &[]))?;
        writeln!(out, "{}", ex.fix)?;
        let none = || ctx.t("lab-path-none", &[]);
        let join = |v: &[String]| {
            if v.is_empty() {
                none()
            } else {
                v.join(" → ")
            }
        };
        writeln!(
            out,
            "\n{}",
            ctx.t(
                "lab-path",
                &[
                    ("asked", join(&path.asked).into()),
                    ("expert", join(&path.expert).into()),
                ]
            )
        )?;
        Ok(())
    })
}
