//! Mock interviews, planned and debriefed the way an Amazon loop runs: a technical round from
//! the topics of the user's own hiring process, behavioural rounds from principles (one
//! interviewer the Bar Raiser), questions the user answered weakly before first. Pure: the seed,
//! the cards, the notes and the past scores come in; the plan and the debrief go out.

use std::collections::{BTreeMap, HashMap};

use loopcoach_core::analysis::Analysis;
use loopcoach_core::i18n::Arg;
use loopcoach_core::{Document, Framework, Lang, Messages};
use serde::Serialize;

use crate::{Card, CardKind};

/// Which rounds a mock runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Round {
    Technical,
    Behavioural,
    Full,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct MockOptions {
    pub round: Round,
    /// Principle keys to probe (empty: all of the framework's).
    pub principles: Vec<String>,
    pub minutes: u32,
    pub seed: u64,
}

/// Minutes one question takes in a mock: the answer, one or two follow-ups, feedback.
pub const MINUTES_PER_QUESTION: u32 = 7;

/// One question of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MockQuestion {
    pub card_id: String,
    pub kind: CardKind,
    pub principle: Option<String>,
    pub topic: Option<String>,
    /// Index into [`MockPlan::interviewers`].
    pub interviewer: usize,
    pub card: Card,
}

/// A simulated interviewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interviewer {
    /// 1-based, as shown.
    pub number: usize,
    pub bar_raiser: bool,
    pub technical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MockPlan {
    pub interviewers: Vec<Interviewer>,
    pub questions: Vec<MockQuestion>,
}

/// SplitMix64: a small, well-known generator, enough to order cards reproducibly by seed.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn order_key(seed: u64, id: &str) -> u64 {
    id.bytes().fold(mix(seed), |h, b| mix(h ^ u64::from(b)))
}

/// The topics of the user's hiring process (bank topic keys of every round's topics).
pub fn process_topics(docs: &[Document]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in docs.iter().flat_map(|d| &d.rounds) {
        for k in r.topic_keys.iter().flatten() {
            if !out.iter().any(|o| o == k.as_str()) {
                out.push(k.to_string());
            }
        }
    }
    out
}

/// Order candidates: weakly answered before (score below `weak`) first, weakest first; then
/// never asked; then answered well, oldest score first; ties broken by the seed.
fn preference<'c>(cards: Vec<&'c Card>, past: &HashMap<String, i64>, seed: u64) -> Vec<&'c Card> {
    const WEAK: i64 = 70;
    let mut v: Vec<(u8, i64, u64, &Card)> = cards
        .into_iter()
        .map(|c| {
            let k = order_key(seed, &c.id);
            match past.get(&c.id) {
                Some(&s) if s < WEAK => (0, s, k, c),
                None => (1, 0, k, c),
                Some(&s) => (2, s, k, c),
            }
        })
        .collect();
    v.sort_by_key(|&(band, s, k, _)| (band, s, k));
    v.into_iter().map(|x| x.3).collect()
}

/// The interviewers of a round: one technical; one behavioural, the Bar Raiser; or the loop,
/// one technical interviewer, two behavioural, the Bar Raiser last.
pub fn interviewers(round: Round) -> Vec<Interviewer> {
    let who: &[(bool, bool)] = match round {
        Round::Technical => &[(false, true)],
        Round::Behavioural => &[(true, false)],
        Round::Full => &[(false, true), (false, false), (false, false), (true, false)],
    };
    who.iter()
        .enumerate()
        .map(|(i, &(bar_raiser, technical))| Interviewer {
            number: i + 1,
            bar_raiser,
            technical,
        })
        .collect()
}

/// Plan a mock: which questions, asked by which interviewer. `past` holds the last score of
/// each card id answered before.
pub fn plan(
    cards: &[Card],
    docs: &[Document],
    opts: &MockOptions,
    past: &HashMap<String, i64>,
) -> MockPlan {
    let total = (opts.minutes / MINUTES_PER_QUESTION).max(1) as usize;
    let topics = process_topics(docs);
    let principles: Vec<String> = if opts.principles.is_empty() {
        Framework::shared()
            .principles
            .iter()
            .map(|p| p.key.to_string())
            .collect()
    } else {
        opts.principles.clone()
    };
    let technical: Vec<&Card> = {
        let all: Vec<&Card> = cards
            .iter()
            .filter(|c| c.kind == CardKind::Technical)
            .collect();
        let mine: Vec<&Card> = all
            .iter()
            .copied()
            .filter(|c| c.topic.as_ref().is_some_and(|t| topics.contains(t)))
            .collect();
        preference(if mine.is_empty() { all } else { mine }, past, opts.seed)
    };
    let behavioural: Vec<&Card> = preference(
        cards
            .iter()
            .filter(|c| c.kind != CardKind::Technical)
            .filter(|c| c.principle.as_ref().is_some_and(|p| principles.contains(p)))
            .collect(),
        past,
        opts.seed.wrapping_add(1),
    );
    let tech_n = match opts.round {
        Round::Technical => total,
        Round::Behavioural => 0,
        Round::Full => total.div_ceil(4),
    };
    let interviewers = interviewers(opts.round);
    let mut questions = Vec::new();
    for c in technical.iter().take(tech_n) {
        questions.push(MockQuestion {
            card_id: c.id.clone(),
            kind: c.kind,
            principle: c.principle.clone(),
            topic: c.topic.clone(),
            interviewer: 0,
            card: (*c).clone(),
        });
    }
    // Behavioural questions: one principle at a time, round robin, so a loop probes many.
    let behavioural_slots: Vec<usize> = interviewers
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.technical)
        .map(|(k, _)| k)
        .collect();
    if !behavioural_slots.is_empty() {
        let n = total.saturating_sub(questions.len()).max(1);
        let mut by_principle: BTreeMap<&str, Vec<&Card>> = BTreeMap::new();
        let mut principle_order: Vec<&str> = Vec::new();
        for c in &behavioural {
            let p = c.principle.as_deref().unwrap_or("");
            if !by_principle.contains_key(p) {
                principle_order.push(p);
            }
            by_principle.entry(p).or_default().push(c);
        }
        let mut taken = 0;
        let mut round = 0;
        while taken < n && !principle_order.is_empty() {
            let mut any = false;
            for p in &principle_order {
                if taken >= n {
                    break;
                }
                if let Some(c) = by_principle.get(p).and_then(|v| v.get(round)) {
                    questions.push(MockQuestion {
                        card_id: c.id.clone(),
                        kind: c.kind,
                        principle: c.principle.clone(),
                        topic: c.topic.clone(),
                        interviewer: behavioural_slots[taken % behavioural_slots.len()],
                        card: (*c).clone(),
                    });
                    taken += 1;
                    any = true;
                }
            }
            if !any {
                break;
            }
            round += 1;
        }
    }
    questions.sort_by_key(|q| q.interviewer);
    MockPlan {
        interviewers,
        questions,
    }
}

/// An interviewer's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vote {
    Inclined,
    NotInclined,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The principle key, or the topic key of a technical question.
    pub subject: String,
    pub name: String,
    pub score: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewerDebrief {
    pub number: usize,
    pub bar_raiser: bool,
    pub assessments: Vec<Assessment>,
    pub vote: Vote,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    pub interviewers: Vec<InterviewerDebrief>,
    /// `hire` or `no-hire`.
    pub outcome: &'static str,
    /// The two weakest principles (or topics), to work on first.
    pub work_on: Vec<String>,
    /// Their keys (principle or topic keys), in the same order.
    pub work_on_keys: Vec<String>,
}

/// The score an interviewer needs on average to be inclined; the Bar Raiser needs more.
pub const INCLINED_AT: f64 = 65.0;
pub const BAR_RAISER_AT: f64 = 70.0;

/// The debrief of a loop: one written assessment per principle (or topic) each interviewer
/// probed, drawn from the findings; a vote with its reasons; the outcome (hire when every
/// interviewer is inclined, or all but one and the Bar Raiser is); the two weakest principles.
pub fn debrief(plan: &MockPlan, answers: &[(usize, Analysis)], lang: Lang) -> Debrief {
    let msg = Messages::new(lang);
    let fw = Framework::shared();
    let mut out = Vec::new();
    let mut by_subject: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    for iv in &plan.interviewers {
        let idx = iv.number - 1;
        let mine: Vec<(&crate::mock::MockQuestion, &Analysis)> = answers
            .iter()
            .filter_map(|(q, a)| plan.questions.get(*q).map(|mq| (mq, a)))
            .filter(|(mq, _)| mq.interviewer == idx)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut assessments = Vec::new();
        let mut reasons = Vec::new();
        for (q, a) in &mine {
            let (subject, name) = match (&q.principle, &q.topic) {
                (Some(p), _) => (p.clone(), fw.name(p, lang)),
                (None, Some(t)) => (t.clone(), t.clone()),
                _ => (q.card_id.clone(), q.card_id.clone()),
            };
            let level = if a.score >= 70 {
                "strong"
            } else if a.score >= 50 {
                "mixed"
            } else {
                "weak"
            };
            let lacks: Vec<String> = a
                .findings
                .iter()
                .take(2)
                .map(|f| f.message.clone())
                .collect();
            let text = msg.format(
                &format!("debrief-assessment-{level}"),
                &[
                    ("name", Arg::from(name.as_str())),
                    ("score", Arg::from(u64::from(a.score))),
                    ("lacks", Arg::from(lacks.join(" "))),
                ],
            );
            by_subject
                .entry(subject.clone())
                .or_insert_with(|| (name.clone(), Vec::new()))
                .1
                .push(a.score);
            if a.score < 50 {
                reasons
                    .push(msg.format("debrief-reason-weak", &[("name", Arg::from(name.as_str()))]));
            } else if a.score >= 70 {
                reasons.push(msg.format(
                    "debrief-reason-strong",
                    &[("name", Arg::from(name.as_str()))],
                ));
            }
            assessments.push(Assessment {
                subject,
                name,
                score: a.score,
                text,
            });
        }
        let avg = mine.iter().map(|(_, a)| f64::from(a.score)).sum::<f64>() / mine.len() as f64;
        let bar = if iv.bar_raiser {
            BAR_RAISER_AT
        } else {
            INCLINED_AT
        };
        let vote = if avg >= bar && mine.iter().all(|(_, a)| a.score >= 40) {
            Vote::Inclined
        } else {
            Vote::NotInclined
        };
        reasons.insert(
            0,
            msg.format(
                "debrief-reason-average",
                &[("average", Arg::from(avg.round())), ("bar", Arg::from(bar))],
            ),
        );
        out.push(InterviewerDebrief {
            number: iv.number,
            bar_raiser: iv.bar_raiser,
            assessments,
            vote,
            reasons,
        });
    }
    let inclined = out.iter().filter(|i| i.vote == Vote::Inclined).count();
    let bar_ok = out
        .iter()
        .filter(|i| i.bar_raiser)
        .all(|i| i.vote == Vote::Inclined);
    let hire = !out.is_empty()
        && (inclined == out.len() || (inclined + 1 == out.len() && bar_ok && out.len() > 2));
    let mut weakest: Vec<(f64, String, String)> = by_subject
        .iter()
        .map(|(key, (name, s))| {
            (
                s.iter().map(|&x| f64::from(x)).sum::<f64>() / s.len() as f64,
                name.clone(),
                key.clone(),
            )
        })
        .collect();
    weakest.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    weakest.truncate(2);
    Debrief {
        interviewers: out,
        outcome: if hire { "hire" } else { "no-hire" },
        work_on: weakest.iter().map(|x| x.1.clone()).collect(),
        work_on_keys: weakest.into_iter().map(|x| x.2).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use loopcoach_core::analysis::{AnswerInput, analyze};

    fn cards() -> Vec<Card> {
        crate::builtin_cards()
    }

    #[test]
    fn a_full_loop_has_a_technical_round_and_a_bar_raiser() {
        let opts = MockOptions {
            round: Round::Full,
            principles: vec![],
            minutes: 45,
            seed: 7,
        };
        let p = plan(&cards(), &[], &opts, &HashMap::new());
        assert_eq!(p.interviewers.len(), 4);
        assert!(p.interviewers.iter().any(|i| i.bar_raiser));
        assert_eq!(p.questions.len(), 6);
        assert!(p.questions.iter().any(|q| q.kind == CardKind::Technical));
        // Behavioural questions spread over principles.
        let mut ps: Vec<_> = p
            .questions
            .iter()
            .filter_map(|q| q.principle.clone())
            .collect();
        ps.dedup();
        assert!(ps.len() >= 3, "{ps:?}");
        // Same seed, same plan; another seed, another order.
        assert_eq!(plan(&cards(), &[], &opts, &HashMap::new()), p);
        let other = MockOptions { seed: 8, ..opts };
        assert_ne!(
            plan(&cards(), &[], &other, &HashMap::new()).questions,
            p.questions
        );
    }

    #[test]
    fn weak_past_answers_come_first_and_principles_filter() {
        let opts = MockOptions {
            round: Round::Behavioural,
            principles: vec!["ownership".into()],
            minutes: 14,
            seed: 1,
        };
        let mut past = HashMap::new();
        past.insert("ownership-04".to_string(), 30);
        past.insert("ownership-02".to_string(), 95);
        let p = plan(&cards(), &[], &opts, &past);
        assert_eq!(p.questions.len(), 2);
        assert_eq!(p.questions[0].card_id, "ownership-04");
        assert!(
            p.questions
                .iter()
                .all(|q| q.principle.as_deref() == Some("ownership"))
        );
        assert!(p.questions.iter().all(|q| q.card_id != "ownership-02"));
    }

    #[test]
    fn the_debrief_votes_from_the_scores() {
        let opts = MockOptions {
            round: Round::Full,
            principles: vec![],
            minutes: 28,
            seed: 3,
        };
        let p = plan(&cards(), &[], &opts, &HashMap::new());
        let good = "Last year our export job kept failing. I owned the fix as the on-call engineer. I profiled it and rewrote it to stream rows. As a result it now takes 12 minutes instead of 3 hours.";
        let weak = "We talked about it a lot as a team.";
        let an = |t: &str| {
            analyze(
                &AnswerInput {
                    text: t,
                    ..Default::default()
                },
                Lang::En,
            )
        };
        let answers: Vec<(usize, Analysis)> = (0..p.questions.len())
            .map(|i| (i, if i == 0 { an(weak) } else { an(good) }))
            .collect();
        let d = debrief(&p, &answers, Lang::En);
        assert_eq!(d.interviewers.len(), p.questions.len().min(4));
        assert_eq!(d.interviewers[0].vote, Vote::NotInclined);
        assert!(d.interviewers[1..].iter().all(|i| i.vote == Vote::Inclined));
        assert_eq!(d.work_on.len(), 2);
        assert!(
            d.interviewers[0].assessments[0].text.contains("weak")
                || d.interviewers[0].assessments[0].text.contains("Weak")
        );
        let all_good: Vec<(usize, Analysis)> =
            (0..p.questions.len()).map(|i| (i, an(good))).collect();
        assert_eq!(debrief(&p, &all_good, Lang::En).outcome, "hire");
        let all_weak: Vec<(usize, Analysis)> =
            (0..p.questions.len()).map(|i| (i, an(weak))).collect();
        assert_eq!(debrief(&p, &all_weak, Lang::Ko).outcome, "no-hire");
    }
}
