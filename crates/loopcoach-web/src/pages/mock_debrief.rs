//! `GET /mock/{id}/debrief`: the end of a mock session, as `loopcoach mock` ends a loop: every
//! answer's score, findings, follow-ups and talk time, the interviewers' votes and the outcome,
//! the weakest principles and a question to practise next on each
//! (`mock_session::session_debrief`, over `mock::debrief`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::mock::Vote;
use loopcoach_practice::mock_session;

use super::mock::{ANSWER_SECONDS, load};
use super::recording::{SpeechView, speech_view};
use super::{P, Req, html, run};
use crate::state::AppState;

#[derive(Debug)]
pub struct AnswerView {
    pub heading: String,
    pub question: String,
    pub score: u32,
    pub feedback: String,
    pub findings: Vec<String>,
    pub follow_ups: Vec<String>,
    pub speech: Option<SpeechView>,
}

#[derive(Debug)]
pub struct VoteView {
    pub who: String,
    pub vote: String,
    pub inclined: bool,
    pub reasons: String,
    pub assessments: Vec<String>,
}

#[derive(Debug, Template)]
#[template(path = "mock_debrief.html")]
pub struct DebriefPage {
    pub p: P,
    pub summary: String,
    pub unanswered: Option<String>,
    pub answers: Vec<AnswerView>,
    pub votes: Vec<VoteView>,
    pub outcome: String,
    pub work_on: String,
    pub practise: Vec<(String, String)>,
}

/// `GET /mock/{id}/debrief`.
pub async fn show(State(st): State<AppState>, req: Req, Path(id): Path<String>) -> Response {
    run(st, req, move |st, ui| {
        let p = P::new(ui, "mock", "web-debrief-h");
        let l = load(st, &p.t, &id)?;
        let store = st.backend().store()?;
        let answers = store.mock_session_answers(&id)?;
        let recordings: Vec<_> = store
            .mock_recordings()?
            .into_iter()
            .filter(|r| r.session_id == id)
            .collect();
        let d = mock_session::session_debrief(&l.plan, &answers, &recordings, &l.cards, ui.lang);
        let t = &p.t;
        let answer_views = d
            .answers
            .iter()
            .map(|a| AnswerView {
                heading: t.fmt(
                    "web-mock-progress",
                    &[
                        ("n", Arg::from(a.ordinal.to_string())),
                        ("count", Arg::from(l.plan.questions.len())),
                        ("interviewer", Arg::from(a.interviewer)),
                        ("subject", Arg::from(a.subject.as_str())),
                    ],
                ),
                question: a.question.clone(),
                score: a.score,
                feedback: a.feedback.clone(),
                findings: a.findings.clone(),
                follow_ups: a.follow_ups.clone(),
                speech: recordings
                    .iter()
                    .find(|r| r.ordinal == a.ordinal)
                    .and_then(|r| speech_view(r, ANSWER_SECONDS, t)),
            })
            .collect();
        let votes = d
            .debrief
            .interviewers
            .iter()
            .map(|iv| VoteView {
                who: t.fmt(
                    if iv.bar_raiser {
                        "debrief-bar-raiser"
                    } else {
                        "debrief-interviewer"
                    },
                    &[("number", Arg::from(iv.number))],
                ),
                inclined: iv.vote == Vote::Inclined,
                vote: t.get(match iv.vote {
                    Vote::Inclined => "debrief-inclined",
                    Vote::NotInclined => "debrief-not-inclined",
                }),
                reasons: iv.reasons.join("; "),
                assessments: iv
                    .assessments
                    .iter()
                    .map(|a| a.text.trim_end().to_string())
                    .collect(),
            })
            .collect();
        let summary = if d.answers.is_empty() {
            t.get("web-debrief-none")
        } else {
            t.fmt(
                "web-debrief-average",
                &[
                    ("score", Arg::from(u64::from(d.average))),
                    ("n", Arg::from(d.answers.len())),
                ],
            )
        };
        html(&DebriefPage {
            summary,
            unanswered: (d.unanswered > 0)
                .then(|| t.fmt("web-debrief-unanswered", &[("n", Arg::from(d.unanswered))])),
            answers: answer_views,
            votes,
            outcome: t.get(&format!("debrief-outcome-{}", d.debrief.outcome)),
            work_on: t.fmt(
                "debrief-work-on",
                &[("principles", Arg::from(d.debrief.work_on.join(", ")))],
            ),
            practise: d
                .practise_next
                .iter()
                .map(|x| (x.subject.clone(), x.question.clone()))
                .collect(),
            p,
        })
    })
    .await
}
