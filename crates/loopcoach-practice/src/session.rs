//! The terminal drill: one sitting over the day's cards.
//!
//! The loop reads from any `BufRead` and writes to any `Write`, so a test drives it with piped
//! text exactly as a user types: the progress line and the question; an answer (lines until an
//! empty one; just Enter to answer in one's head); the key points, each ticked when the typed
//! answer covered it ([`key_point_coverage`]), beside the answer (or the notes' draft); then a
//! rating. A card rated into a learning or relearning step comes back later in the same
//! sitting. The end summary counts the reviews, the "again"s and the next due time. Recording a
//! review (with the typed answer) is a callback, so the caller puts it in the store inside a
//! transaction; "now" and the screen (width, colour) come from the caller too.

use std::collections::VecDeque;
use std::io::{BufRead, Write};

use loopcoach_core::i18n::Arg;
use loopcoach_core::text::for_terminal;
use loopcoach_core::{Lang, Messages};
use serde::Serialize;
use time::OffsetDateTime;

use crate::PracticeError;
use crate::cards::Card;
use crate::schedule::{CardState, Phase, Rating, Review, Scheduler};
use crate::screen::{Paint, Screen, key_point_coverage, side_by_side, wrap};

/// One card to drill: the card, its state before, the user's draft.
#[derive(Debug)]
pub struct DrillItem<'a> {
    pub card: &'a Card,
    pub state: Option<CardState>,
    pub draft: Option<String>,
}

/// What the candidate typed for a card, and which key points (indexes into the card's key
/// points in the drill's language) it covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypedAnswer {
    pub text: String,
    pub covered: Vec<usize>,
}

/// How a sitting went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Reviews recorded (a card that came back counts each time).
    pub reviewed: usize,
    /// Of them, rated "again".
    pub again: usize,
    /// The earliest next review among the cards of the sitting.
    #[serde(with = "time::serde::rfc3339::option")]
    pub next_due: Option<OffsetDateTime>,
}

fn read_line(input: &mut impl BufRead) -> Result<Option<String>, PracticeError> {
    let mut s = String::new();
    if input.read_line(&mut s)? == 0 {
        return Ok(None);
    }
    Ok(Some(s.trim_end_matches(['\n', '\r']).to_string()))
}

/// `seconds` as the progress line shows it.
fn elapsed(msg: &Messages, seconds: i64) -> String {
    let s = usize::try_from(seconds.max(0)).unwrap_or(0);
    msg.format(
        "drill-elapsed",
        &[
            ("minutes", Arg::from(s / 60)),
            ("seconds", Arg::from(s % 60)),
        ],
    )
}

/// When the card comes back, as the line after its rating says it.
fn next_line(msg: &Messages, state: &CardState, now: OffsetDateTime) -> String {
    if state.phase != Phase::Review {
        let seconds = usize::try_from((state.due - now).whole_seconds().max(0)).unwrap_or(0);
        let minutes = seconds.div_ceil(60);
        return msg.format("drill-next-soon", &[("minutes", Arg::from(minutes))]);
    }
    msg.format(
        "drill-next-days",
        &[
            ("due", Arg::from(state.due.date().to_string())),
            ("days", Arg::from(state.interval_days)),
        ],
    )
}

/// What a sitting is run with: the messages, the scheduler, the screen.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    pub msg: &'a Messages,
    pub scheduler: &'a Scheduler,
    pub screen: Screen,
}

/// Run a drill over `items`. `record` stores each review with the answer typed for it.
pub fn run<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    setup: Setup<'_>,
    items: &[DrillItem<'_>],
    now: impl Fn() -> OffsetDateTime,
    mut record: impl FnMut(&CardState, &Review, Option<&TypedAnswer>) -> Result<(), PracticeError>,
) -> Result<Summary, PracticeError> {
    let Setup {
        msg,
        scheduler,
        screen,
    } = setup;
    let lang: Lang = msg.lang();
    let start = now();
    let mut queue: VecDeque<(usize, Option<CardState>)> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (i, it.state.clone()))
        .collect();
    let mut summary = Summary {
        reviewed: 0,
        again: 0,
        next_due: None,
    };
    let mut shown = 0usize;
    let rule = "─".repeat(screen.width.min(120));
    'cards: while let Some((i, state)) = queue.pop_front() {
        let item = &items[i];
        let c = item.card;
        shown += 1;
        let kind = msg.get(&format!("card-kind-{}", c.kind.as_str()));
        let group = c
            .topic
            .as_deref()
            .or(c.principle.as_deref())
            .unwrap_or(kind.as_str());
        let progress = msg.format(
            "drill-progress",
            &[
                ("n", Arg::from(shown)),
                ("total", Arg::from(shown + queue.len())),
                ("id", Arg::from(&c.id)),
                ("kind", Arg::from(group)),
                (
                    "elapsed",
                    Arg::from(elapsed(msg, (now() - start).whole_seconds())),
                ),
            ],
        );
        writeln!(out, "\n{}", screen.paint(Paint::Dim, &rule))?;
        writeln!(
            out,
            "{}",
            screen.paint(Paint::Cyan, &for_terminal(&progress))
        )?;
        for l in wrap(&for_terminal(c.question.get(lang)), screen.width) {
            writeln!(out, "{}", screen.paint(Paint::Bold, &l))?;
        }
        writeln!(out, "\n{}", msg.get("drill-answer-prompt"))?;
        out.flush()?;
        let mut typed: Vec<String> = Vec::new();
        loop {
            match read_line(input)? {
                None => break 'cards,
                Some(l) if l.trim().is_empty() => break,
                Some(l) => typed.push(l),
            }
        }
        let typed = typed.join("\n");
        let points = c.key_points.get(lang);
        let covered = if typed.trim().is_empty() {
            vec![false; points.len()]
        } else {
            key_point_coverage(&typed, points)
        };
        let mut left = format!("{}\n", msg.get("drill-key-points"));
        for (p, hit) in points.iter().zip(&covered) {
            let mark = match (typed.trim().is_empty(), hit) {
                (true, _) => "•",
                (false, true) => "✓",
                (false, false) => "·",
            };
            left.push_str(&format!("{mark} {p}\n"));
        }
        let draft = item
            .draft
            .clone()
            .unwrap_or_else(|| msg.get("drill-no-draft"));
        let right = if typed.trim().is_empty() {
            format!("{}\n{draft}", msg.get("drill-your-draft"))
        } else {
            format!("{}\n{typed}", msg.get("drill-your-answer"))
        };
        let columns = side_by_side(&for_terminal(&left), &for_terminal(&right), screen.width);
        for l in columns.lines() {
            // Ticks in colour: green for a point covered, dim for one missed.
            let l = if screen.color {
                l.replacen("✓ ", &format!("{} ", screen.paint(Paint::Green, "✓")), 1)
                    .replacen("· ", &format!("{} ", screen.paint(Paint::Yellow, "·")), 1)
            } else {
                l.to_string()
            };
            writeln!(out, "{l}")?;
        }
        if !typed.trim().is_empty() {
            let n = covered.iter().filter(|h| **h).count();
            writeln!(
                out,
                "{}",
                msg.format(
                    "drill-covered",
                    &[
                        ("covered", Arg::from(n)),
                        ("total", Arg::from(points.len()))
                    ]
                )
            )?;
            if item.draft.is_some() {
                writeln!(out, "\n{}", msg.get("drill-your-draft"))?;
                for l in wrap(&for_terminal(&draft), screen.width) {
                    writeln!(out, "{l}")?;
                }
            }
        }
        let follow = c.follow_ups.get(lang);
        if !follow.is_empty() {
            writeln!(out, "{}", msg.get("drill-follow-ups"))?;
            for f in follow {
                for l in wrap(&for_terminal(&format!("  - {f}")), screen.width) {
                    writeln!(out, "{l}")?;
                }
            }
        }
        if let Some(r) = &c.reference {
            let line = msg.format("drill-reference", &[("reference", Arg::from(r))]);
            for l in wrap(&for_terminal(&line), screen.width) {
                writeln!(out, "{l}")?;
            }
        }
        let rating = loop {
            writeln!(out, "{}", msg.get("drill-rate-prompt"))?;
            out.flush()?;
            match read_line(input)? {
                None => break 'cards,
                Some(l) if l.trim().eq_ignore_ascii_case("q") => break 'cards,
                Some(l) => match l.parse::<Rating>() {
                    Ok(r) => break r,
                    Err(_) => writeln!(out, "{}", msg.get("drill-rate-again"))?,
                },
            }
        };
        let at = now();
        let (next, review) = scheduler.review(&c.id, state.as_ref(), rating, at)?;
        let answer = (!typed.trim().is_empty()).then(|| TypedAnswer {
            text: typed.clone(),
            covered: covered
                .iter()
                .enumerate()
                .filter(|(_, h)| **h)
                .map(|(i, _)| i)
                .collect(),
        });
        record(&next, &review, answer.as_ref())?;
        summary.reviewed += 1;
        summary.again += usize::from(rating == Rating::Again);
        writeln!(out, "{}", next_line(msg, &next, at))?;
        if next.phase == Phase::Review {
            summary.next_due = Some(summary.next_due.map_or(next.due, |d| d.min(next.due)));
        } else {
            // In a step: it comes back in this sitting, after the cards waiting now.
            queue.push_back((i, Some(next)));
        }
    }
    // Cards left in a step when the sitting ends are due soonest.
    for (_, s) in &queue {
        if let Some(s) = s {
            summary.next_due = Some(summary.next_due.map_or(s.due, |d| d.min(s.due)));
        }
    }
    let next = summary
        .next_due
        .map(|d| d.date().to_string())
        .unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "\n{}",
        msg.format(
            "drill-summary",
            &[
                ("count", Arg::from(summary.reviewed)),
                ("again", Arg::from(summary.again)),
                ("next", Arg::from(next)),
            ]
        )
    )?;
    Ok(summary)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::schedule::{DEFAULT_RETENTION, Steps};
    use time::macros::datetime;

    fn cards(topic: &str) -> Vec<Card> {
        crate::bank::builtin_cards()
            .into_iter()
            .filter(|c| c.topic.as_deref() == Some(topic))
            .take(3)
            .collect()
    }

    fn items(cards: &[Card]) -> Vec<DrillItem<'_>> {
        cards
            .iter()
            .map(|c| DrillItem {
                card: c,
                state: None,
                draft: Some("내 초안: 이미지는 읽기 전용".into()),
            })
            .collect()
    }

    type Log = Vec<(String, Rating, Option<TypedAnswer>)>;

    fn drive(
        cards: &[Card],
        lang: Lang,
        input: &str,
        screen: Screen,
        scheduler: &Scheduler,
    ) -> (String, Log, Summary) {
        let msg = Messages::new(lang);
        let mut out = Vec::new();
        let mut got = vec![];
        let setup = Setup {
            msg: &msg,
            scheduler,
            screen,
        };
        let summary = run(
            &mut input.as_bytes(),
            &mut out,
            setup,
            &items(cards),
            || datetime!(2026-12-01 09:00 UTC),
            |st, r, a| {
                got.push((st.card_id.clone(), r.rating, a.cloned()));
                Ok(())
            },
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), got, summary)
    }

    #[test]
    fn the_loop_runs_on_piped_input_and_keeps_the_typed_answer() {
        let cards = cards("docker");
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        // card 1: the first key point typed back (two lines), rated good; card 2: just Enter,
        // a bad rating then easy; card 3: quit.
        let first = cards[0].key_points.ko[0].clone();
        let input = format!("{first}\n그리고 더\n\n3\n\nmeh\neasy\n\nq\n");
        let (out, got, summary) = drive(&cards, Lang::Ko, &input, Screen::default(), &s);
        assert_eq!(summary.reviewed, 2);
        assert_eq!(summary.again, 0);
        assert!(summary.next_due.is_some());
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].0.as_str(), got[0].1),
            (cards[0].id.as_str(), Rating::Good)
        );
        let typed = got[0].2.as_ref().expect("the typed answer is recorded");
        assert_eq!(typed.text, format!("{first}\n그리고 더"));
        assert!(typed.covered.contains(&0), "{typed:?}");
        assert_eq!(got[1].2, None, "nothing typed, nothing recorded");
        let first_words: String = cards[0].question.ko.chars().take(8).collect();
        assert!(out.contains(&first_words), "{out}");
        assert!(out.contains("핵심 포인트") && out.contains("내 초안: 이미지는"));
        assert!(out.contains("✓ "), "the covered point is ticked");
        assert!(out.contains(&msg_get(Lang::Ko, "drill-rate-again")));
        assert!(out.contains("1/3") || out.contains("1 / 3") || out.contains("3장 중 1"));
        assert!(!out.contains('\u{1b}'), "no colour unless asked");
        assert!(out.lines().all(|l| crate::screen::width(l) <= 80), "{out}");
    }

    fn msg_get(lang: Lang, id: &str) -> String {
        Messages::new(lang).get(id)
    }

    #[test]
    fn again_comes_back_in_the_same_sitting() {
        let cards = cards("jwt");
        let s = Scheduler::new(None, DEFAULT_RETENTION)
            .unwrap()
            .with_steps(Steps::default_learning(), Steps::default_relearning());
        // card 1 again; card 2 good; card 3 good; card 1 again comes back: good.
        let (out, got, summary) = drive(
            &cards[..],
            Lang::En,
            "\n1\n\n3\n\n3\n\n3\n",
            Screen::default(),
            &s,
        );
        let ids: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            ids,
            [&cards[0].id, &cards[1].id, &cards[2].id, &cards[0].id]
        );
        assert_eq!((summary.reviewed, summary.again), (4, 1));
        assert!(out.contains("Card 4 of 4"), "{out}");
        assert!(out.contains("in 1 minute."), "{out}");
        assert!(out.contains("Done: 4 cards reviewed, 1 again"), "{out}");
    }

    #[test]
    fn colour_when_asked() {
        let cards = cards("pki");
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let screen = Screen {
            width: 100,
            color: true,
        };
        let (out, _, _) = drive(&cards[..1], Lang::En, "x509\n\n3\n", screen, &s);
        assert!(out.contains("\u{1b}[1m"), "{out}");
    }

    /// The screen as the candidate sees it, at 80 and 120 columns, in both languages.
    #[test]
    fn the_screen_at_80_and_120_columns() {
        let cards: Vec<Card> = crate::bank::builtin_cards()
            .into_iter()
            .filter(|c| c.id == "jwt-01")
            .collect();
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        for (lang, answer) in [
            (
                Lang::En,
                "header payload signature, base64url encoded, not encrypted",
            ),
            (
                Lang::Ko,
                "헤더, 페이로드, 서명으로 구성되고 암호화되지 않는다",
            ),
        ] {
            for width in [80, 120] {
                let screen = Screen {
                    width,
                    color: false,
                };
                let input = format!("{answer}\n\n3\n");
                let (out, _, _) = drive(&cards, lang, &input, screen, &s);
                assert!(
                    out.lines().all(|l| crate::screen::width(l) <= width),
                    "{out}"
                );
                insta::assert_snapshot!(format!("drill_{}_{width}", lang.code()), out);
            }
        }
    }
}
