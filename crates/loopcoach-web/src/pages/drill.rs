//! `/drill`: the next due card (the CLI's queue: past-due cards most overdue first, then new
//! cards within the day's limit), a typed answer, the key points beside it with the ones it
//! covers ticked, and a rating (FSRS, recorded like `loopcoach review`). Works without
//! JavaScript; `app.js` adds the keys: space shows the key points, 1–4 rate.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use loopcoach_core::i18n::Arg;
use loopcoach_practice::deck;
use loopcoach_practice::drill::due_queue;
use loopcoach_practice::screen::key_point_coverage;
use loopcoach_practice::{Card, Rating};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::ui::Ui;

fn any(e: anyhow::Error) -> WebError {
    WebError::Other(format!("{e:#}"))
}

#[derive(Debug)]
pub struct PointRow {
    pub text: String,
    /// `Some(covered)` once an answer was typed.
    pub covered: Option<bool>,
}

#[derive(Debug, Template)]
#[template(path = "drill.html")]
pub struct DrillPage {
    pub p: P,
    /// None: nothing is due.
    pub card: Option<String>,
    pub question: String,
    pub due_count: usize,
    pub answer: String,
    /// Shown after "show the key points".
    pub revealed: bool,
    pub points: Vec<PointRow>,
    pub follow_ups: Vec<String>,
    pub covered: String,
    pub notice: Option<String>,
    pub ratings: Vec<(u8, String)>,
}

#[derive(Debug, Deserialize, Default)]
pub struct DrillQuery {
    pub card: Option<String>,
    pub done: Option<String>,
}

/// The cards due now, in the CLI's order, with new cards cut to the day's budget.
fn queue(st: &AppState, now: OffsetDateTime) -> Result<Vec<Card>, WebError> {
    let store = st.backend().store()?;
    let docs = st.documents(st.revision()?)?;
    let (cards, _) = deck::all_cards(&store, &docs).map_err(any)?;
    let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    let states = deck::states_of(&store, &ids).map_err(any)?;
    let day = deck::day_settings(&store, None, None, None).map_err(any)?;
    let budget = deck::new_budget(&store, now, day.new_per_day).map_err(any)?;
    let mut new_left = budget;
    let q: Vec<Card> = due_queue(&cards, &states, now, None)
        .into_iter()
        .filter(|c| {
            if states.contains_key(&c.id) {
                true
            } else if new_left > 0 {
                new_left -= 1;
                true
            } else {
                false
            }
        })
        .cloned()
        .collect();
    Ok(q)
}

fn page(ui: &Ui, card: Option<&Card>, due_count: usize, answer: &str, revealed: bool) -> DrillPage {
    let p = P::new(ui, "drill", "web-nav-drill");
    let ratings = [
        (1, "web-rate-again"),
        (2, "web-rate-hard"),
        (3, "web-rate-good"),
        (4, "web-rate-easy"),
    ]
    .iter()
    .map(|(n, id)| (*n, p.t.get(id)))
    .collect();
    let Some(c) = card else {
        return DrillPage {
            p,
            card: None,
            question: String::new(),
            due_count,
            answer: String::new(),
            revealed: false,
            points: Vec::new(),
            follow_ups: Vec::new(),
            covered: String::new(),
            notice: None,
            ratings,
        };
    };
    let points: Vec<String> = c.key_points.get(ui.lang).to_vec();
    let typed = !answer.trim().is_empty();
    let hits = if typed {
        key_point_coverage(answer, &points)
    } else {
        vec![false; points.len()]
    };
    let covered = if typed && revealed {
        p.t.fmt(
            "drill-covered",
            &[
                ("covered", Arg::from(hits.iter().filter(|h| **h).count())),
                ("total", Arg::from(points.len())),
            ],
        )
    } else {
        String::new()
    };
    DrillPage {
        card: Some(c.id.clone()),
        question: c.question.get(ui.lang).to_string(),
        due_count,
        answer: answer.to_string(),
        revealed,
        points: points
            .into_iter()
            .zip(hits)
            .map(|(text, h)| PointRow {
                text,
                covered: typed.then_some(h),
            })
            .collect(),
        follow_ups: c.follow_ups.get(ui.lang).to_vec(),
        covered,
        notice: None,
        ratings,
        p,
    }
}

/// `GET /drill[?card=ID]`.
pub async fn show(State(st): State<AppState>, req: Req, Query(q): Query<DrillQuery>) -> Response {
    run(st, req, move |st, ui| {
        let now = OffsetDateTime::now_utc();
        let due = queue(st, now)?;
        let chosen = match &q.card {
            Some(id) => Some(find_card(st, id, ui)?),
            None => due.first().cloned(),
        };
        let mut page = page(ui, chosen.as_ref(), due.len(), "", false);
        if let Some(d) = &q.done {
            page.notice = Some(page.p.t.s("web-drill-rated", d));
        }
        html(&page)
    })
    .await
}

fn find_card(st: &AppState, id: &str, ui: &Ui) -> Result<Card, WebError> {
    let store = st.backend().store()?;
    let docs = st.documents(st.revision()?)?;
    let (cards, _) = deck::all_cards(&store, &docs).map_err(any)?;
    cards
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| WebError::NotFound(ui.tr().s("web-no-card", id)))
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    pub card: String,
    #[serde(default)]
    pub answer: String,
}

/// `POST /drill/answer`: the key points beside the typed answer.
pub async fn answer(State(st): State<AppState>, req: Req, Form(f): Form<AnswerForm>) -> Response {
    run(st, req, move |st, ui| {
        let card = find_card(st, &f.card, ui)?;
        let due = queue(st, OffsetDateTime::now_utc())?;
        html(&page(ui, Some(&card), due.len(), &f.answer, true))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct RateForm {
    pub card: String,
    pub rating: String,
    #[serde(default)]
    pub answer: String,
}

/// `POST /drill/rate`: record the review (one transaction) and go to the next card.
pub async fn rate(State(st): State<AppState>, req: Req, Form(f): Form<RateForm>) -> Response {
    run(st, req, move |st, ui| {
        let t = ui.tr();
        let rating = f
            .rating
            .trim()
            .parse::<u8>()
            .ok()
            .and_then(Rating::from_u8)
            .or_else(|| f.rating.parse::<Rating>().ok())
            .ok_or_else(|| WebError::BadRequest(t.s("web-bad-rating", &f.rating)))?;
        let card = find_card(st, &f.card, ui)?;
        let mut store = st.backend().store()?;
        let now = OffsetDateTime::now_utc();
        let day = deck::day_settings(&store, None, None, None).map_err(any)?;
        let before = deck::state_of(&store, &card.id).map_err(any)?;
        let (state, log) = deck::day_scheduler(&store, &day)
            .map_err(any)?
            .review(&card.id, before.as_ref(), rating, now)
            .map_err(|e| WebError::Other(e.to_string()))?;
        let points = card.key_points.get(ui.lang).to_vec();
        let covered: Vec<usize> = key_point_coverage(&f.answer, &points)
            .iter()
            .enumerate()
            .filter(|(_, h)| **h)
            .map(|(i, _)| i)
            .collect();
        let covered = serde_json::to_string(&covered).unwrap_or_else(|_| "[]".into());
        let answer = (!f.answer.trim().is_empty()).then_some((f.answer.as_str(), covered.as_str()));
        deck::record_with_answer(&mut store, &state, &log, answer).map_err(any)?;
        let q: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("done", rating.as_str())
            .finish();
        Ok(Redirect::to(&format!("/drill?{q}")).into_response())
    })
    .await
}
