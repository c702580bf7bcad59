//! `/mock`: a mock interview of several questions from the CLI's mock plan, asked one after
//! another with a visible countdown (`app.js`; the time limit is shown without JavaScript
//! too), each answer followed by its feedback and follow-ups, the whole kept as ONE session and
//! ended by a debrief (`mock_debrief`). An answer may be spoken into the microphone too
//! (`recording`): its talk time and long pauses are shown beside the feedback.
//!
//! The plan, the analysis, the follow-ups and the feedback line are `loopcoach-practice`'s
//! (`mock`, `mock_session`), the same calls as `loopcoach mock`.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use loopcoach_core::i18n::Arg;
use loopcoach_practice::mock::{self, MockOptions, MockPlan};
use loopcoach_practice::mock_session::{self, parse_round, plan_from_rows, round_name};
use loopcoach_practice::mock_store::{answer_row, session_id};
use loopcoach_practice::{Card, CardKind};
use loopcoach_store::{MockPlanRow, MockSessionRow};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::recording::{SpeechView, speech_view};
use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::ui::{Tr, Ui};

/// Seconds for an answer (the CLI's default).
pub const ANSWER_SECONDS: u64 = 180;
/// The lengths offered for a session, in minutes (the CLI's default is 45).
pub const MINUTES: [u32; 4] = [14, 28, 45, 60];

/// `m:ss`.
pub fn mmss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[derive(Debug)]
pub struct SessionLine {
    pub href: String,
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Template)]
#[template(path = "mock_start.html")]
pub struct StartPage {
    pub p: P,
    pub seed: Option<u64>,
    pub minutes: Vec<(u32, String)>,
    pub sessions: Vec<SessionLine>,
}

#[derive(Debug, Template)]
#[template(path = "mock.html")]
pub struct MockPage {
    pub p: P,
    pub session: String,
    pub ordinal: i64,
    pub progress: String,
    pub question: String,
    pub seconds: u64,
    pub limit: String,
    pub started: i64,
    pub answer: String,
    /// A message about the answer given (empty answer).
    pub problem: Option<String>,
    /// After an answer: the feedback line, the findings and the follow-ups.
    pub feedback: Option<String>,
    pub findings: Vec<String>,
    pub follow_ups: Vec<String>,
    pub taken: String,
    pub speech: Option<SpeechView>,
    /// After an answer: where to go on (the next question, or the debrief).
    pub next: Option<(String, String)>,
    /// The largest recording the server takes (`app.js` stops before it).
    pub max_recording_bytes: usize,
}

#[derive(Debug, Deserialize, Default)]
pub struct MockQuery {
    pub seed: Option<u64>,
}

/// The cards a plan is drawn from: the bank's and the notes'.
pub fn cards(st: &AppState) -> Result<Vec<Card>, WebError> {
    let docs = st.documents(st.revision()?)?;
    let mut cards = loopcoach_practice::builtin_cards();
    cards.extend(loopcoach_practice::mine_cards(&docs));
    Ok(cards)
}

/// A session with its plan and its questions, or a page saying what is missing.
#[derive(Debug)]
pub struct Loaded {
    pub session: MockSessionRow,
    pub rows: Vec<MockPlanRow>,
    pub plan: MockPlan,
    pub cards: Vec<Card>,
}

/// Load session `id` with its plan.
pub fn load(st: &AppState, t: &Tr, id: &str) -> Result<Loaded, WebError> {
    let store = st.backend().store()?;
    let session = store
        .mock_session(id)?
        .ok_or_else(|| WebError::NotFound(t.s("web-mock-no-session", id)))?;
    let rows = store.mock_plan(id)?;
    let round = parse_round(&session.round);
    let (Some(round), false) = (round, rows.is_empty()) else {
        return Err(WebError::NotFound(t.s("web-mock-no-session", id)));
    };
    let cards = cards(st)?;
    let plan = plan_from_rows(&cards, round, &rows)
        .map_err(|c| WebError::NotFound(t.s("web-mock-gone-card", &c)))?;
    Ok(Loaded {
        session,
        rows,
        plan,
        cards,
    })
}

/// `GET /mock[?seed=N]`: the form that starts a session, and the earlier sessions.
pub async fn show(State(st): State<AppState>, req: Req, Query(q): Query<MockQuery>) -> Response {
    run(st, req, move |st, ui| {
        let p = P::new(ui, "mock", "web-nav-mock");
        let store = st.backend().store()?;
        let answers = store.mock_answers()?;
        let mut sessions = Vec::new();
        for s in store.mock_sessions()?.into_iter().rev().take(10) {
            let count = store.mock_plan(&s.id)?.len();
            if count == 0 {
                continue;
            }
            let answered = answers.iter().filter(|a| a.session_id == s.id).count();
            let done = answered >= count || s.ended_at.is_some();
            sessions.push(SessionLine {
                href: if done {
                    format!("/mock/{}/debrief", s.id)
                } else {
                    format!("/mock/{}", s.id)
                },
                text: p.t.fmt(
                    "web-mock-session-line",
                    &[
                        ("started", Arg::from(s.started_at.get(..16).unwrap_or(""))),
                        (
                            "round",
                            Arg::from(p.t.get(&format!("web-mock-round-{}", s.round))),
                        ),
                        ("answered", Arg::from(answered)),
                        ("count", Arg::from(count)),
                    ],
                ),
                done,
            });
        }
        let minutes = MINUTES
            .iter()
            .map(|m| (*m, p.t.n("web-mock-minutes-option", &(*m as usize))))
            .collect();
        html(&StartPage {
            p,
            seed: q.seed,
            minutes,
            sessions,
        })
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub seed: String,
}

/// `POST /mock/start`: plan a session (as `loopcoach mock` does), keep it, go to its first
/// question.
pub async fn start(State(st): State<AppState>, req: Req, Form(f): Form<StartForm>) -> Response {
    run(st, req, move |st, ui| {
        let t = ui.tr();
        let round = parse_round(&f.round)
            .ok_or_else(|| WebError::BadRequest(t.s("web-mock-bad-round", &f.round)))?;
        let minutes: u32 = f
            .minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| (7..=120).contains(m))
            .ok_or_else(|| WebError::BadRequest(t.get("web-mock-bad-minutes")))?;
        let now = OffsetDateTime::now_utc();
        let seed = f
            .seed
            .trim()
            .parse::<u64>()
            .unwrap_or_else(|_| (now.unix_timestamp_nanos() as u64) % 1_000_000);
        let mut store = st.backend().store()?;
        let mut past: HashMap<String, i64> = HashMap::new();
        for r in store.mock_answers()? {
            if let Some(q) = r.question_id {
                past.insert(q, r.score);
            }
        }
        let docs = st.documents(st.revision()?)?;
        let opts = MockOptions {
            round,
            principles: Vec::new(),
            minutes,
            seed,
        };
        let plan = mock::plan(&cards(st)?, &docs, &opts, &past);
        if plan.questions.is_empty() {
            return Err(WebError::NotFound(t.get("mock-no-questions")));
        }
        let any = |e: anyhow::Error| WebError::Other(format!("{e:#}"));
        let session = MockSessionRow {
            id: session_id(&store, "web", now).map_err(any)?,
            round: round_name(round).into(),
            lang: ui.lang.code().into(),
            seed: i64::try_from(seed).ok(),
            started_at: now.format(&Rfc3339).unwrap_or_default(),
            ended_at: None,
            outcome: None,
        };
        let rows = mock_session::plan_rows(&plan);
        store.transact(|tx| -> Result<(), WebError> {
            tx.create_mock_session(&session)?;
            tx.set_mock_plan(&session.id, &rows)?;
            Ok(())
        })?;
        Ok(Redirect::to(&format!("/mock/{}", session.id)).into_response())
    })
    .await
}

fn question_page(p: P, l: &Loaded, ordinal: i64, lang: loopcoach_core::Lang) -> MockPage {
    let i = usize::try_from(ordinal - 1).unwrap_or(0);
    let q = &l.plan.questions[i.min(l.plan.questions.len().saturating_sub(1))];
    let progress = p.t.fmt(
        "web-mock-progress",
        &[
            ("n", Arg::from(ordinal.to_string())),
            ("count", Arg::from(l.plan.questions.len())),
            (
                "interviewer",
                Arg::from(
                    l.plan
                        .interviewers
                        .get(q.interviewer)
                        .map_or(1, |v| v.number),
                ),
            ),
            ("subject", Arg::from(mock_session::subject(q, lang))),
        ],
    );
    MockPage {
        p,
        session: l.session.id.clone(),
        ordinal,
        progress,
        question: q.card.question.get(lang).to_string(),
        seconds: ANSWER_SECONDS,
        limit: mmss(ANSWER_SECONDS),
        started: OffsetDateTime::now_utc().unix_timestamp(),
        answer: String::new(),
        problem: None,
        feedback: None,
        findings: Vec::new(),
        follow_ups: Vec::new(),
        taken: String::new(),
        speech: None,
        next: None,
        max_recording_bytes: super::recording::MAX_RECORDING_BYTES,
    }
}

/// `GET /mock/{id}`: the session's next question (the debrief once every one is answered).
pub async fn question(State(st): State<AppState>, req: Req, Path(id): Path<String>) -> Response {
    run(st, req, move |st, ui| {
        let l = load(st, &ui.tr(), &id)?;
        let answers = st.backend().store()?.mock_session_answers(&id)?;
        let Some(n) = mock_session::next_ordinal(&l.rows, &answers) else {
            return Ok(Redirect::to(&format!("/mock/{id}/debrief")).into_response());
        };
        html(&question_page(
            P::new(ui, "mock", "web-nav-mock"),
            &l,
            n,
            ui.lang,
        ))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub ordinal: i64,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub started: i64,
}

/// `POST /mock/{id}/answer`: feedback on one answer, kept in the session; the last answer
/// ends the session with the debrief's outcome.
pub async fn answer(
    State(st): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    Form(f): Form<AnswerForm>,
) -> Response {
    run(st, req, move |st, ui| answer_blocking(st, ui, &id, &f)).await
}

fn answer_blocking(st: &AppState, ui: &Ui, id: &str, f: &AnswerForm) -> Result<Response, WebError> {
    let t = ui.tr();
    let l = load(st, &t, id)?;
    let mut store = st.backend().store()?;
    let answers = store.mock_session_answers(id)?;
    let no_question = || {
        WebError::NotFound(t.fmt(
            "web-mock-no-question",
            &[
                ("session", Arg::from(id)),
                ("n", Arg::from(f.ordinal.to_string())),
            ],
        ))
    };
    let i = usize::try_from(f.ordinal - 1).map_err(|_| no_question())?;
    let q = l.plan.questions.get(i).ok_or_else(no_question)?.clone();
    if answers.iter().any(|a| a.ordinal == f.ordinal) {
        return Err(WebError::Conflict(t.fmt(
            "web-mock-already",
            &[("n", Arg::from(f.ordinal.to_string()))],
        )));
    }
    let mut page = question_page(P::new(ui, "mock", "web-nav-mock"), &l, f.ordinal, ui.lang);
    page.answer = f.answer.clone();
    if f.answer.trim().is_empty() {
        page.problem = Some(t.get("web-mock-empty"));
        page.started = f.started;
        let mut r = html(&page)?;
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(r);
    }
    let info = mock_session::question_info(&q.card, ui.lang);
    let result = mock_session::analyse(&info, &f.answer, ui.lang);
    let now = OffsetDateTime::now_utc();
    let at = now.format(&Rfc3339).unwrap_or_default();
    let any = |e: anyhow::Error| WebError::Other(format!("{e:#}"));
    let row = answer_row(id, f.ordinal, &info, &f.answer, &result, &at).map_err(any)?;
    let last = l
        .rows
        .iter()
        .all(|r| r.ordinal == f.ordinal || answers.iter().any(|a| a.ordinal == r.ordinal));
    let outcome = if last {
        let mut all = answers.clone();
        all.push(row.clone());
        let d = mock_session::session_debrief(&l.plan, &all, &[], &l.cards, ui.lang);
        Some(d.debrief.outcome)
    } else {
        None
    };
    store.transact(|tx| -> Result<(), WebError> {
        tx.add_mock_answer(&row)?;
        if last {
            tx.end_mock_session(id, &at, outcome)?;
        }
        Ok(())
    })?;
    page.feedback = Some(mock_session::feedback_line(
        &result,
        q.kind == CardKind::Technical,
        t.messages(),
    ));
    page.findings = result.findings.iter().map(|f| f.message.clone()).collect();
    page.follow_ups = mock_session::follow_ups(&q.card, &result, ui.lang);
    let started = OffsetDateTime::from_unix_timestamp(f.started).unwrap_or(now);
    let taken = u64::try_from((now - started).whole_seconds()).unwrap_or(0);
    page.taken = if taken > ANSWER_SECONDS {
        t.fmt("mock-time-over", &[("taken", Arg::from(mmss(taken)))])
    } else {
        t.fmt("mock-time-taken", &[("taken", Arg::from(mmss(taken)))])
    };
    page.speech = store
        .mock_recording(id, f.ordinal)?
        .and_then(|r| speech_view(&r, ANSWER_SECONDS, &t));
    page.next = Some(if last {
        (format!("/mock/{id}/debrief"), t.get("web-mock-see-debrief"))
    } else {
        (format!("/mock/{id}"), t.get("web-mock-next"))
    });
    html(&page)
}
