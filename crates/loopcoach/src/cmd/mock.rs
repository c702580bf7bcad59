//! `loopcoach mock [--round technical|behavioural|full] [--principles "Ownership,Dive Deep"]
//! [--minutes 45] [--lang ko|en] [--seed N]`: a timed mock interview in the terminal.
//!
//! Each answer is typed or pasted and ends with a blank line or a line holding a single `.`;
//! the end of input ends the session. Each question shows its time limit (a live countdown
//! on a terminal, warning at 2 minutes), then one or two follow-ups chosen from what the answer
//! lacks, then feedback. Every answer is saved in its own transaction as soon as it is given,
//! so an interrupted session keeps every answer so far. A full loop ends with a debrief.

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use loopcoach_core::Framework;
use loopcoach_core::analysis;
use loopcoach_practice::mock::{self, MockOptions, Round, Vote};
use loopcoach_practice::mock_session;
use loopcoach_store::MockSessionRow;

use crate::cmd::analyze::{answer_row, session_id};
use crate::ctx::Ctx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoundArg {
    Technical,
    Behavioural,
    Full,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which round to run
    #[arg(long, value_enum, default_value = "full")]
    pub round: RoundArg,
    /// Principles to probe, comma-separated (keys or names: "Ownership,Dive Deep")
    #[arg(long, value_name = "LIST")]
    pub principles: Option<String>,
    /// Length of the session in minutes
    #[arg(long, default_value_t = 45, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub minutes: u32,
    /// Seed for the choice of questions (same seed, same questions)
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Seconds to answer each question
    #[arg(long, default_value_t = 180, value_parser = clap::value_parser!(u64).range(30..=1800))]
    pub answer_seconds: u64,
    /// A fixed clock (RFC 3339), for tests
    #[arg(long, hide = true)]
    pub now: Option<String>,
}

fn mmss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Read one answer: lines up to a blank line or a lone ".". `None` at the end of input with
/// nothing read.
fn read_answer(input: &mut impl BufRead) -> Result<Option<String>> {
    let mut text = String::new();
    let mut any = false;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(any.then_some(text));
        }
        any = true;
        let t = line.trim_end_matches(['\n', '\r']);
        if t.trim().is_empty() || t.trim() == "." {
            if text.trim().is_empty() {
                continue;
            }
            return Ok(Some(text));
        }
        text.push_str(t);
        text.push('\n');
    }
}

/// A live countdown on stderr while the user types (terminals only).
struct Countdown {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Countdown {
    fn start(ctx: &Ctx, limit: u64) -> Countdown {
        let stop = Arc::new(AtomicBool::new(false));
        let live = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        let handle = live.then(|| {
            let stop = stop.clone();
            let warn = ctx.t(
                "mock-time-warn",
                &[("left", mmss(limit.saturating_sub(120)).into())],
            );
            std::thread::spawn(move || {
                let start = std::time::Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    let el = start.elapsed().as_secs();
                    let left = limit.saturating_sub(el);
                    let mut e = std::io::stderr().lock();
                    // Save the cursor, write the clock at the top right, restore.
                    let _ = write!(
                        e,
                        "\x1b7\x1b[1;1H\x1b[2K⏱ {}{}\x1b8",
                        mmss(left),
                        if el >= 120 {
                            format!("  {warn}")
                        } else {
                            String::new()
                        }
                    );
                    let _ = e.flush();
                    drop(e);
                    std::thread::sleep(Duration::from_millis(500));
                }
            })
        });
        Countdown { stop, handle }
    }
}

impl Drop for Countdown {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn parse_principles(ctx: &Ctx, list: &str) -> Result<Vec<String>> {
    let fw = Framework::shared();
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            fw.get(s)
                .map(|p| p.key.clone())
                .or_else(|| fw.match_name(s).filter(|m| m.score >= 0.8).map(|m| m.key))
                .ok_or_else(|| anyhow::anyhow!(ctx.t("mock-bad-principle", &[("name", s.into())])))
        })
        .collect()
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let fixed = a.now.as_deref().map(|s| ctx.parse_now(s)).transpose()?;
    let now = || fixed.unwrap_or_else(|| ctx.now());
    let principles = match &a.principles {
        Some(l) => parse_principles(ctx, l)?,
        None => Vec::new(),
    };
    let round = match a.round {
        RoundArg::Technical => Round::Technical,
        RoundArg::Behavioural => Round::Behavioural,
        RoundArg::Full => Round::Full,
    };
    let mut store = ctx.store()?;
    let docs = store.workspace()?;
    let mut past: HashMap<String, i64> = HashMap::new();
    for r in store.mock_answers()? {
        if let Some(q) = r.question_id {
            past.insert(q, r.score);
        }
    }
    let mut cards = loopcoach_practice::builtin_cards();
    cards.extend(loopcoach_practice::mine_cards(&docs));
    let opts = MockOptions {
        round,
        principles,
        minutes: a.minutes,
        seed: a.seed,
    };
    let plan = mock::plan(&cards, &docs, &opts, &past);
    if plan.questions.is_empty() {
        anyhow::bail!(ctx.t("mock-no-questions", &[]));
    }
    let started = now();
    let session = MockSessionRow {
        id: session_id(&store, "mock", started)?,
        round: format!("{:?}", a.round).to_lowercase(),
        lang: ctx.lang.code().into(),
        seed: i64::try_from(a.seed).ok(),
        started_at: crate::ctx::rfc3339(started),
        ended_at: None,
        outcome: None,
    };
    // The plan is kept with the session, so the web UI can show its debrief.
    store.transact(|tx| {
        tx.create_mock_session(&session)?;
        tx.set_mock_plan(&session.id, &mock_session::plan_rows(&plan))
    })?;
    let count = plan.questions.len();
    let say = |s: String| crate::out::line(loopcoach_core::text::for_terminal(&s));
    say(ctx.t(
        "mock-intro",
        &[
            ("count", count.into()),
            ("minutes", u64::from(a.minutes).into()),
        ],
    ))?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut answered: Vec<(usize, analysis::Analysis)> = Vec::new();
    let mut stopped = false;
    for (i, q) in plan.questions.iter().enumerate() {
        let subject = mock_session::subject(q, ctx.lang);
        say(String::new())?;
        say(ctx.t(
            "mock-question",
            &[
                ("n", (i + 1).into()),
                ("count", count.into()),
                (
                    "interviewer",
                    plan.interviewers[q.interviewer].number.into(),
                ),
                ("subject", subject.into()),
            ],
        ))?;
        say(q.card.question.get(ctx.lang).to_string())?;
        say(ctx.t(
            "mock-time-limit",
            &[("limit", mmss(a.answer_seconds).into())],
        ))?;
        let asked = now();
        let answer = {
            let _clock = Countdown::start(ctx, a.answer_seconds);
            read_answer(&mut input)?
        };
        let Some(mut text) = answer else {
            stopped = true;
            break;
        };
        let taken = u64::try_from((now() - asked).whole_seconds()).unwrap_or(0);
        say(if taken > a.answer_seconds {
            ctx.t("mock-time-over", &[("taken", mmss(taken).into())])
        } else {
            ctx.t("mock-time-taken", &[("taken", mmss(taken).into())])
        })?;
        let technical = q.kind == loopcoach_practice::CardKind::Technical;
        let info = mock_session::question_info(&q.card, ctx.lang);
        let first = mock_session::analyse(&info, &text, ctx.lang);
        let follow = mock_session::follow_ups(&q.card, &first, ctx.lang);
        for f in follow {
            say(ctx.t("mock-follow-up", &[("question", f.into())]))?;
            match read_answer(&mut input)? {
                Some(more) => text.push_str(&more),
                None => {
                    stopped = true;
                    break;
                }
            }
        }
        let result = mock_session::analyse(&info, &text, ctx.lang);
        let at = crate::ctx::rfc3339(now());
        let row = answer_row(&session.id, (i + 1) as i64, &info, &text, &result, &at)?;
        store.transact(|tx| tx.add_mock_answer(&row).map(|_| ()))?;
        let line = mock_session::feedback_line(&result, technical, &ctx.msg);
        say(line)?;
        for f in &result.findings {
            say(format!("- {}", f.message))?;
        }
        answered.push((i, result));
        if stopped {
            break;
        }
    }
    let ended = crate::ctx::rfc3339(now());
    let mut outcome = None;
    if stopped {
        say(String::new())?;
        say(ctx.t("mock-stopped", &[("count", answered.len().into())]))?;
    } else {
        let avg = answered
            .iter()
            .map(|(_, a)| f64::from(a.score))
            .sum::<f64>()
            / answered.len().max(1) as f64;
        say(String::new())?;
        say(ctx.t(
            "mock-summary",
            &[
                ("count", answered.len().into()),
                ("average", avg.round().into()),
            ],
        ))?;
        if round == Round::Full {
            let d = mock::debrief(&plan, &answered, ctx.lang);
            say(String::new())?;
            say(format!("## {}", ctx.t("debrief-title", &[])))?;
            for iv in &d.interviewers {
                let who = if iv.bar_raiser {
                    "debrief-bar-raiser"
                } else {
                    "debrief-interviewer"
                };
                let vote = match iv.vote {
                    Vote::Inclined => ctx.t("debrief-inclined", &[]),
                    Vote::NotInclined => ctx.t("debrief-not-inclined", &[]),
                };
                say(format!(
                    "{}: {vote} ({})",
                    ctx.t(who, &[("number", iv.number.into())]),
                    iv.reasons.join("; ")
                ))?;
                for s in &iv.assessments {
                    say(format!("  - {}", s.text.trim_end()))?;
                }
            }
            say(ctx.t(&format!("debrief-outcome-{}", d.outcome), &[]))?;
            say(ctx.t(
                "debrief-work-on",
                &[("principles", d.work_on.join(", ").into())],
            ))?;
            outcome = Some(d.outcome);
        }
    }
    store.transact(|tx| tx.end_mock_session(&session.id, &ended, outcome))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_end_at_a_blank_line_or_a_dot() {
        let mut r = std::io::Cursor::new("\nfirst line\nsecond\n\nnext\n.\nlast");
        assert_eq!(
            read_answer(&mut r).unwrap().as_deref(),
            Some("first line\nsecond\n")
        );
        assert_eq!(read_answer(&mut r).unwrap().as_deref(), Some("next\n"));
        assert_eq!(read_answer(&mut r).unwrap().as_deref(), Some("last\n"));
        assert_eq!(read_answer(&mut r).unwrap(), None);
        assert_eq!(mmss(125), "2:05");
    }
}
