//! `loopcoach lab list|new|check|ask|explain|history`: troubleshooting labs. The library
//! generates the broken artifacts, hands out evidence and grades answers; this command writes
//! the folder, keeps the hidden answer key in the workspace, and records every graded attempt
//! and every piece of evidence asked for.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use loopcoach_core::{Messages, Text};
use loopcoach_labs as labs;
use loopcoach_practice::bank::TextList;
use loopcoach_practice::{Card, CardKind};
use loopcoach_store::{LabAsk, LabAttempt, LabRow, UserCardRow};

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
    let grade = labs::grade(&key, &a.answer);
    let verdict = serde_json::to_value(grade.verdict)?
        .as_str()
        .unwrap_or("wrong")
        .to_string();
    let at = ctx.now_rfc3339();
    // A lab not solved comes back in drills: a card in the `labs` deck, due now.
    let card = match grade.verdict {
        labs::Verdict::Right => None,
        labs::Verdict::Partly | labs::Verdict::Wrong => Some(lab_card_row(&key, &a.dir)?),
    };
    let now = ctx.now().unix_timestamp();
    let grade_json = serde_json::to_string(&grade)?;
    store.transact(|tx| -> Result<()> {
        tx.record_lab_attempt_graded(
            &LabAttempt {
                lab_id: key.lab_id.clone(),
                answer: a.answer.clone(),
                verdict: verdict.clone(),
                score: f64::from(grade.score),
                at: at.clone(),
            },
            &grade_json,
        )?;
        if let Some(row) = &card
            && tx.upsert_user_card(row, &at)?
        {
            tx.make_card_due(&row.id, now)?;
        }
        Ok(())
    })?;
    if a.json {
        return print_json(&grade);
    }
    let dir = a.dir.display().to_string();
    let mut lines = vec![match grade.verdict {
        labs::Verdict::Right => ctx.t(
            "lab-verdict-right",
            &[("causes", grade.matched.join(", ").into())],
        ),
        labs::Verdict::Partly => ctx.t("lab-verdict-partly", &[]),
        labs::Verdict::Wrong => ctx.t("lab-verdict-wrong", &[("dir", dir.into())]),
    }];
    if grade.stuffed {
        lines.push(ctx.t("lab-grade-stuffed", &[]));
    }
    for m in &grade.missing {
        if !grade.stuffed || m != "commit" {
            lines.push(ctx.t(&format!("lab-grade-missing-{m}"), &[]));
        }
    }
    if !grade.ruled_out.is_empty() {
        lines.push(ctx.t(
            "lab-grade-ruled-out",
            &[("causes", grade.ruled_out.join(", ").into())],
        ));
    }
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

/// The deck that holds the cards of labs not (yet) solved.
pub const LABS_DECK: &str = "labs";

/// The card id of a lab: stable, so its review history stays attached.
pub fn lab_card_id(lab_id: &str) -> String {
    format!("lab-{lab_id}")
}

/// The technical bank topic a lab's main cause belongs to.
fn lab_topic(kind: &str, cause: &str) -> String {
    let name = cause.split_once('/').map_or(cause, |(_, n)| n);
    match kind {
        "oauth" => "oauth2",
        "k8s" => match name {
            "node-selector-unsatisfiable"
            | "node-affinity-unsatisfiable"
            | "untolerated-taint"
            | "insufficient-resources" => "affinity",
            "selector-mismatch" | "wrong-target-port" => "selectors",
            "surge-and-unavailable-zero" | "readiness-probe-failing" => "deployment-strategies",
            _ => "k8s-auth",
        },
        other => other,
    }
    .to_string()
}

/// The customer's words from the lab's ticket (regenerated from the key, so the card needs no
/// folder), or the kind's title if the lab cannot be made again.
fn ticket_words(key: &labs::AnswerKey, lang: labs::Lang) -> String {
    let regenerated =
        time::OffsetDateTime::parse(&key.now, &time::format_description::well_known::Rfc3339)
            .ok()
            .and_then(|now| {
                labs::generate(&labs::LabRequest {
                    kind: key.kind.clone(),
                    fault: key.causes.first().cloned(),
                    seed: key.seed,
                    difficulty: key.difficulty,
                    lang,
                    now,
                })
                .ok()
            });
    let body = regenerated.and_then(|lab| {
        let text = String::from_utf8(lab.file("TICKET.md")?.contents.clone()).ok()?;
        // TICKET.md: `# title`, `**when**: …`, the customer's text, then `## attachments`.
        let body: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("**"))
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        Some(body.join(" ")).filter(|b| !b.is_empty())
    });
    body.unwrap_or_else(|| {
        labs::catalog()
            .into_iter()
            .find(|k| k.kind == key.kind)
            .map(|k| k.title.get(lang).to_string())
            .unwrap_or_else(|| key.kind.clone())
    })
}

/// The practice card of a lab: the ticket as the question, the explanation (what is wrong,
/// the commands that confirm it, the fix) as the key points, the cause code as the reference.
pub fn lab_card(key: &labs::AnswerKey, dir: &std::path::Path) -> Card {
    let side = |lang: labs::Lang, core: loopcoach_core::Lang| {
        let ex = labs::explain(key, lang);
        let msg = Messages::new(core);
        let question = format!("[{}] {}", key.lab_id, ticket_words(key, lang));
        let mut points: Vec<String> = ex
            .summary
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if !ex.confirm.is_empty() {
            let cmds: Vec<String> = ex.confirm.iter().map(|c| format!("$ {c}")).collect();
            points.push(format!(
                "{}\n{}",
                msg.format("lab-confirm", &[]),
                cmds.join("\n")
            ));
        }
        if !ex.fix.trim().is_empty() {
            points.push(format!("{} {}", msg.format("lab-fix", &[]), ex.fix.trim()));
        }
        (question, points)
    };
    // The card keeps the ticket's language: the case as the candidate read it, drilled in
    // that language whatever the interface speaks (a side left empty falls back to the
    // other). A key stored before the language was kept gets both sides.
    let (q_ko, kp_ko) = match key.lang {
        Some(labs::Lang::En) => (String::new(), Vec::new()),
        _ => side(labs::Lang::Ko, loopcoach_core::Lang::Ko),
    };
    let (q_en, kp_en) = match key.lang {
        Some(labs::Lang::Ko) => (String::new(), Vec::new()),
        _ => side(labs::Lang::En, loopcoach_core::Lang::En),
    };
    Card {
        id: lab_card_id(&key.lab_id),
        kind: CardKind::Mine,
        topic: Some(lab_topic(
            &key.kind,
            key.causes.first().map_or("", String::as_str),
        )),
        principle: None,
        question: Text { ko: q_ko, en: q_en },
        key_points: TextList {
            ko: kp_ko,
            en: kp_en,
        },
        follow_ups: TextList::default(),
        reference: Some(key.causes.join(", ")).filter(|r| !r.is_empty()),
        troubleshooting: true,
        source: Some(format!("lab:{}", dir.display())),
    }
}

fn lab_card_row(key: &labs::AnswerKey, dir: &std::path::Path) -> Result<UserCardRow> {
    let card = lab_card(key, dir);
    Ok(UserCardRow {
        id: card.id.clone(),
        deck: LABS_DECK.to_string(),
        kind: card.kind.as_str().to_string(),
        topic: card.topic.clone(),
        principle: None,
        body: serde_json::to_string(&card)?,
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
