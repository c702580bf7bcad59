//! A mock interview asked one question at a time (the web UI), and the steps it shares with
//! `loopcoach mock`: the question a card asks, the analysis of an answer to it, the follow-ups,
//! the feedback line, and the debrief of a whole session with what to practise next.
//!
//! Pure like the rest of the crate: rows of the store come in, the plan, the analyses and the
//! debrief go out. A session's plan is kept as [`MockPlanRow`]s when it starts, so the
//! questions stay the same while its answers change the scores the planner reads.

use loopcoach_core::analysis::{self, Analysis, AnswerInput, KeyPoint, PointKind, followup};
use loopcoach_core::i18n::Arg;
use loopcoach_core::{Framework, Lang, Messages, StarPart};
use loopcoach_store::{MockAnswerRow, MockPlanRow, MockRecordingRow};
use serde::Serialize;

use crate::mock::{self, Debrief, Interviewer, MockPlan, MockQuestion, Round};
use crate::mock_store::QuestionInfo;
use crate::speech::Speech;
use crate::{Card, CardKind};

/// What an answer to `card` is analysed against, in `lang`.
pub fn question_info(card: &Card, lang: Lang) -> QuestionInfo {
    let technical = card.kind == CardKind::Technical;
    QuestionInfo {
        id: Some(card.id.clone()),
        text: card.question.get(lang).to_string(),
        principle: card.principle.clone(),
        topic: card.topic.clone(),
        key_points: if technical {
            card.key_points
                .get(lang)
                .iter()
                .map(|t| KeyPoint {
                    kind: PointKind::Point,
                    text: t.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        technical,
    }
}

/// The analysis of `text` as an answer to the question `info`.
pub fn analyse(info: &QuestionInfo, text: &str, lang: Lang) -> Analysis {
    analysis::analyze(
        &AnswerInput {
            text,
            probed: info.principle.as_deref(),
            key_points: &info.key_points,
            technical: info.technical,
            transcript: None,
        },
        lang,
    )
}

/// One or two follow-ups from what a story lacks; the card's own for a technical question or
/// a story that lacks nothing.
pub fn follow_ups(card: &Card, a: &Analysis, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = if card.kind == CardKind::Technical {
        Vec::new()
    } else {
        followup::follow_ups(a, 2)
            .into_iter()
            .map(|f| f.text.get(lang).to_string())
            .collect()
    };
    if out.is_empty()
        && let Some(f) = card.follow_ups.get(lang).first()
    {
        out.push(f.clone());
    }
    out
}

/// The one-line feedback on an answer (score, STAR or key points, fillers, length).
pub fn feedback_line(a: &Analysis, technical: bool, msg: &Messages) -> String {
    if technical {
        msg.format(
            "mock-feedback-technical",
            &[
                ("score", Arg::from(u64::from(a.score))),
                (
                    "covered",
                    Arg::from(a.coverage.iter().filter(|c| c.covered).count()),
                ),
                ("points", Arg::from(a.coverage.len())),
                ("fillers", Arg::from(a.fillers)),
                ("seconds", Arg::from(a.seconds.round())),
            ],
        )
    } else {
        let star: String = StarPart::ALL
            .iter()
            .map(|p| if a.star.has(*p) { p.letter() } else { "-" })
            .collect();
        msg.format(
            "mock-feedback",
            &[
                ("score", Arg::from(u64::from(a.score))),
                ("star", Arg::from(star)),
                ("metric", Arg::from(if a.metric { "✓" } else { "✗" })),
                ("ishare", Arg::from((a.i_share * 100.0).round())),
                ("fillers", Arg::from(a.fillers)),
                ("seconds", Arg::from(a.seconds.round())),
            ],
        )
    }
}

/// The name of what a question probes: its principle, its topic, or its card.
pub fn subject(q: &MockQuestion, lang: Lang) -> String {
    match (&q.principle, &q.topic) {
        (Some(p), _) => Framework::shared().name(p, lang),
        (None, Some(t)) => t.clone(),
        _ => q.card_id.clone(),
    }
}

/// The round's name as the store keeps it.
pub fn round_name(r: Round) -> &'static str {
    match r {
        Round::Technical => "technical",
        Round::Behavioural => "behavioural",
        Round::Full => "full",
    }
}

/// The round a stored name stands for.
pub fn parse_round(s: &str) -> Option<Round> {
    match s {
        "technical" => Some(Round::Technical),
        "behavioural" => Some(Round::Behavioural),
        "full" => Some(Round::Full),
        _ => None,
    }
}

/// The rows a plan is kept as (ordinals from 1).
pub fn plan_rows(plan: &MockPlan) -> Vec<MockPlanRow> {
    plan.questions
        .iter()
        .enumerate()
        .map(|(i, q)| MockPlanRow {
            ordinal: i as i64 + 1,
            card_id: q.card_id.clone(),
            interviewer: q.interviewer as i64,
        })
        .collect()
}

/// The plan kept as `rows` for a session of `round`, its cards found in `cards`. A card that
/// is gone (a notes card whose notes changed) is an error naming it.
pub fn plan_from_rows(
    cards: &[Card],
    round: Round,
    rows: &[MockPlanRow],
) -> Result<MockPlan, String> {
    let interviewers: Vec<Interviewer> = mock::interviewers(round);
    let mut questions = Vec::with_capacity(rows.len());
    for r in rows {
        let card = cards
            .iter()
            .find(|c| c.id == r.card_id)
            .ok_or_else(|| r.card_id.clone())?;
        let interviewer = usize::try_from(r.interviewer)
            .ok()
            .filter(|i| *i < interviewers.len())
            .unwrap_or(0);
        questions.push(MockQuestion {
            card_id: card.id.clone(),
            kind: card.kind,
            principle: card.principle.clone(),
            topic: card.topic.clone(),
            interviewer,
            card: card.clone(),
        });
    }
    Ok(MockPlan {
        interviewers,
        questions,
    })
}

/// The first planned ordinal without an answer (none: every question is answered).
pub fn next_ordinal(plan: &[MockPlanRow], answers: &[MockAnswerRow]) -> Option<i64> {
    plan.iter()
        .map(|q| q.ordinal)
        .find(|o| !answers.iter().any(|a| a.ordinal == *o))
}

/// One answer of a session, reviewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReview {
    pub ordinal: i64,
    pub question: String,
    pub subject: String,
    pub interviewer: usize,
    pub score: u32,
    pub feedback: String,
    pub findings: Vec<String>,
    pub follow_ups: Vec<String>,
    /// Measured from the answer's recording, when there is one.
    pub speech: Option<Speech>,
}

/// A question to practise next: one not asked in the session, on a subject it was weakest in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PractiseNext {
    pub subject: String,
    pub card_id: String,
    pub question: String,
}

/// The debrief of a session: each answer reviewed, the interviewers' votes, the weakest
/// principles, and what to practise next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionDebrief {
    pub answers: Vec<AnswerReview>,
    pub average: u32,
    pub debrief: Debrief,
    pub practise_next: Vec<PractiseNext>,
    /// Questions planned and not answered (a session ended early).
    pub unanswered: usize,
}

/// The debrief of a session whose plan is `plan`, from its stored `answers` and `recordings`
/// (answers are analysed again from their text, the way they were when given), with
/// `cards` to choose what to practise next from.
pub fn session_debrief(
    plan: &MockPlan,
    answers: &[MockAnswerRow],
    recordings: &[MockRecordingRow],
    cards: &[Card],
    lang: Lang,
) -> SessionDebrief {
    let msg = Messages::new(lang);
    let mut analysed: Vec<(usize, Analysis)> = Vec::new();
    let mut reviews = Vec::new();
    for a in answers {
        let Some(i) = usize::try_from(a.ordinal - 1)
            .ok()
            .filter(|i| *i < plan.questions.len())
        else {
            continue;
        };
        let q = &plan.questions[i];
        let info = question_info(&q.card, lang);
        let result = analyse(&info, &a.answer, lang);
        let speech = recordings
            .iter()
            .find(|r| r.session_id == a.session_id && r.ordinal == a.ordinal)
            .and_then(|r| serde_json::from_str::<Speech>(&r.measured).ok());
        reviews.push(AnswerReview {
            ordinal: a.ordinal,
            question: info.text.clone(),
            subject: subject(q, lang),
            interviewer: plan.interviewers.get(q.interviewer).map_or(1, |i| i.number),
            score: result.score,
            feedback: feedback_line(&result, info.technical, &msg),
            findings: result.findings.iter().map(|f| f.message.clone()).collect(),
            follow_ups: follow_ups(&q.card, &result, lang),
            speech,
        });
        analysed.push((i, result));
    }
    let debrief = mock::debrief(plan, &analysed, lang);
    let average = if reviews.is_empty() {
        0
    } else {
        (reviews.iter().map(|r| f64::from(r.score)).sum::<f64>() / reviews.len() as f64).round()
            as u32
    };
    let practise_next = practise_next(plan, &debrief.work_on_keys, cards, lang);
    SessionDebrief {
        unanswered: plan.questions.len().saturating_sub(reviews.len()),
        answers: reviews,
        average,
        debrief,
        practise_next,
    }
}

/// For each weak subject (a principle or topic key), the first card on it that the session did
/// not ask, in the bank's order.
pub fn practise_next(
    plan: &MockPlan,
    weak: &[String],
    cards: &[Card],
    lang: Lang,
) -> Vec<PractiseNext> {
    let fw = Framework::shared();
    weak.iter()
        .filter_map(|key| {
            let c = cards.iter().find(|c| {
                (c.principle.as_deref() == Some(key.as_str())
                    || (c.principle.is_none() && c.topic.as_deref() == Some(key.as_str())))
                    && !plan.questions.iter().any(|q| q.card_id == c.id)
            })?;
            Some(PractiseNext {
                subject: if c.principle.is_some() {
                    fw.name(key, lang)
                } else {
                    key.clone()
                },
                card_id: c.id.clone(),
                question: c.question.get(lang).to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
