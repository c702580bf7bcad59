//! `/mock`: one interview question at a time, from the CLI's mock plan, with a visible
//! countdown (`app.js`; the time limit is shown without JavaScript too), then feedback from
//! the same answer analysis as `loopcoach mock` and its follow-up questions. Each answer is
//! kept as a mock session of its own, so `/history` and `loopcoach history` show it.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use loopcoach_core::StarPart;
use loopcoach_core::analysis::{self, AnswerInput, KeyPoint, PointKind, followup};
use loopcoach_core::i18n::Arg;
use loopcoach_practice::CardKind;
use loopcoach_practice::mock::{self, MockOptions, Round};
use loopcoach_practice::mock_store::{QuestionInfo, answer_row, session_id};
use loopcoach_store::MockSessionRow;
use serde::Deserialize;
use time::OffsetDateTime;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::ui::Ui;

/// Seconds for an answer (the CLI's default).
pub const ANSWER_SECONDS: u64 = 180;

#[derive(Debug, Template)]
#[template(path = "mock.html")]
pub struct MockPage {
    pub p: P,
    pub card: Option<String>,
    pub question: String,
    pub subject: String,
    pub seconds: u64,
    pub limit: String,
    pub started: i64,
    pub answer: String,
    /// After an answer: the feedback lines, the findings and the follow-ups.
    pub feedback: Option<String>,
    pub findings: Vec<String>,
    pub follow_ups: Vec<String>,
    pub taken: String,
}

#[derive(Debug, Deserialize, Default)]
pub struct MockQuery {
    pub seed: Option<u64>,
}

fn mmss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn plan(st: &AppState, seed: u64) -> Result<mock::MockPlan, WebError> {
    let store = st.backend().store()?;
    let docs = st.documents(st.revision()?)?;
    let mut past: HashMap<String, i64> = HashMap::new();
    for r in store.mock_answers()? {
        if let Some(q) = r.question_id {
            past.insert(q, r.score);
        }
    }
    let mut cards = loopcoach_practice::builtin_cards();
    cards.extend(loopcoach_practice::mine_cards(&docs));
    let opts = MockOptions {
        round: Round::Full,
        principles: Vec::new(),
        minutes: 45,
        seed,
    };
    Ok(mock::plan(&cards, &docs, &opts, &past))
}

fn subject(q: &mock::MockQuestion, ui: &Ui) -> String {
    let fw = loopcoach_core::Framework::shared();
    match (&q.principle, &q.topic) {
        (Some(p), _) => fw.name(p, ui.lang),
        (None, Some(t)) => t.clone(),
        _ => q.card_id.clone(),
    }
}

fn empty(p: P) -> MockPage {
    MockPage {
        p,
        card: None,
        question: String::new(),
        subject: String::new(),
        seconds: ANSWER_SECONDS,
        limit: mmss(ANSWER_SECONDS),
        started: 0,
        answer: String::new(),
        feedback: None,
        findings: Vec::new(),
        follow_ups: Vec::new(),
        taken: String::new(),
    }
}

/// `GET /mock[?seed=N]`: the next question.
pub async fn show(State(st): State<AppState>, req: Req, Query(q): Query<MockQuery>) -> Response {
    run(st, req, move |st, ui| {
        let now = OffsetDateTime::now_utc();
        let seed = q
            .seed
            .unwrap_or_else(|| (now.unix_timestamp_nanos() as u64) % 1_000_000);
        let plan = plan(st, seed)?;
        let mut page = empty(P::new(ui, "mock", "web-nav-mock"));
        if let Some(first) = plan.questions.first() {
            page.card = Some(first.card_id.clone());
            page.question = first.card.question.get(ui.lang).to_string();
            page.subject = subject(first, ui);
            page.started = now.unix_timestamp();
        }
        html(&page)
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    pub card: String,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub started: i64,
}

/// `POST /mock/answer`: feedback on the answer, kept in the workspace.
pub async fn answer(State(st): State<AppState>, req: Req, Form(f): Form<AnswerForm>) -> Response {
    run(st, req, move |st, ui| answer_blocking(st, ui, &f)).await
}

fn answer_blocking(st: &AppState, ui: &Ui, f: &AnswerForm) -> Result<Response, WebError> {
    let t = ui.tr();
    let docs = st.documents(st.revision()?)?;
    let mut cards = loopcoach_practice::builtin_cards();
    cards.extend(loopcoach_practice::mine_cards(&docs));
    let card = cards
        .iter()
        .find(|c| c.id == f.card)
        .ok_or_else(|| WebError::NotFound(t.s("web-no-card", &f.card)))?;
    let mut page = empty(P::new(ui, "mock", "web-nav-mock"));
    page.card = Some(card.id.clone());
    page.question = card.question.get(ui.lang).to_string();
    page.answer = f.answer.clone();
    if f.answer.trim().is_empty() {
        page.feedback = Some(t.get("web-mock-empty"));
        page.started = f.started;
        let mut r = html(&page)?;
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(r);
    }
    let technical = card.kind == CardKind::Technical;
    let info = QuestionInfo {
        id: Some(card.id.clone()),
        text: page.question.clone(),
        principle: card.principle.clone(),
        topic: card.topic.clone(),
        key_points: if technical {
            card.key_points
                .get(ui.lang)
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
    };
    let result = analysis::analyze(
        &AnswerInput {
            text: &f.answer,
            probed: info.principle.as_deref(),
            key_points: &info.key_points,
            technical,
            transcript: None,
        },
        ui.lang,
    );
    let mut follow: Vec<String> = if technical {
        Vec::new()
    } else {
        followup::follow_ups(&result, 2)
            .into_iter()
            .map(|f| f.text.get(ui.lang).to_string())
            .collect()
    };
    if follow.is_empty()
        && let Some(x) = card.follow_ups.get(ui.lang).first()
    {
        follow.push(x.clone());
    }
    let now = OffsetDateTime::now_utc();
    let any = |e: anyhow::Error| WebError::Other(format!("{e:#}"));
    let mut store = st.backend().store()?;
    let started = OffsetDateTime::from_unix_timestamp(f.started).unwrap_or(now);
    let at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let session = MockSessionRow {
        id: session_id(&store, "web", started).map_err(any)?,
        round: "web".into(),
        lang: ui.lang.code().into(),
        seed: None,
        started_at: started
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        ended_at: Some(at.clone()),
        outcome: None,
    };
    let row = answer_row(&session.id, 1, &info, &f.answer, &result, &at).map_err(any)?;
    store.transact(|tx| -> Result<(), WebError> {
        tx.create_mock_session(&session)?;
        tx.add_mock_answer(&row)?;
        Ok(())
    })?;
    let star: String = StarPart::ALL
        .iter()
        .map(|p| if result.star.has(*p) { p.letter() } else { "-" })
        .collect();
    page.feedback = Some(if technical {
        t.fmt(
            "mock-feedback-technical",
            &[
                ("score", Arg::from(u64::from(result.score))),
                (
                    "covered",
                    Arg::from(result.coverage.iter().filter(|c| c.covered).count()),
                ),
                ("points", Arg::from(result.coverage.len())),
                ("fillers", Arg::from(result.fillers)),
                ("seconds", Arg::from(result.seconds.round())),
            ],
        )
    } else {
        t.fmt(
            "mock-feedback",
            &[
                ("score", Arg::from(u64::from(result.score))),
                ("star", Arg::from(star)),
                ("metric", Arg::from(if result.metric { "✓" } else { "✗" })),
                ("ishare", Arg::from((result.i_share * 100.0).round())),
                ("fillers", Arg::from(result.fillers)),
                ("seconds", Arg::from(result.seconds.round())),
            ],
        )
    });
    page.findings = result.findings.iter().map(|f| f.message.clone()).collect();
    page.follow_ups = follow;
    let taken = u64::try_from((now - started).whole_seconds()).unwrap_or(0);
    page.taken = if taken > ANSWER_SECONDS {
        t.fmt("mock-time-over", &[("taken", Arg::from(mmss(taken)))])
    } else {
        t.fmt("mock-time-taken", &[("taken", Arg::from(mmss(taken)))])
    };
    html(&page)
}
