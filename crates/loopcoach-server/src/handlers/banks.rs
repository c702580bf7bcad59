//! `/api/groups/{id}/banks…` and `/api/groups/{id}/drill…`: the group's own question banks
//! (owners and coaches edit, every member reads) and each member's drill of them. The rules
//! are in [`crate::study::service`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use loopcoach_practice::{Card, CardState};

use super::PathOf;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::router::{AppState, Body, Id};
use crate::storage::Database;
use crate::study::banks::{BankSummary, BankUpload, BankView, QuestionBody};
use crate::study::drill::{DrillNext, NewDrillRating};
use crate::study::service;

/// The group's banks (members).
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<BankSummary>>, ApiError> {
    Ok(Json(service::banks(&s.db, &user, group).await?.0))
}

/// One bank, its text and its cards (members).
pub async fn get<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name)): PathOf<(i64, String)>,
) -> Result<Json<BankView>, ApiError> {
    Ok(Json(service::bank(&s.db, &user, group, &name).await?.0))
}

/// Create or replace a bank from its TOML (owners and coaches): 201 when new, 200 when
/// replaced, with the bank.
pub async fn put<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name)): PathOf<(i64, String)>,
    Body(body): Body<BankUpload>,
) -> Result<(StatusCode, Json<BankView>), ApiError> {
    let (view, created) = service::put_bank(&s.db, &user, group, &name, &body).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view)))
}

/// The questions (cards) of a bank (members).
pub async fn questions<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name)): PathOf<(i64, String)>,
) -> Result<Json<Vec<Card>>, ApiError> {
    Ok(Json(service::questions(&s.db, &user, group, &name).await?))
}

/// Add or replace one question of a bank (owners and coaches): 200 with the bank.
pub async fn put_question<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name, card)): PathOf<(i64, String, String)>,
    Body(body): Body<QuestionBody>,
) -> Result<Json<BankView>, ApiError> {
    Ok(Json(
        service::put_question(&s.db, &user, group, &name, card, body).await?,
    ))
}

/// The caller's next card to drill in the group's banks (members).
pub async fn next<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<DrillNext>, ApiError> {
    Ok(Json(service::drill_next(&s.db, &user, group).await?))
}

/// Rate a card 1–4: the caller's own FSRS state of it moves on; 200 with the new state.
pub async fn review<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    Body(body): Body<NewDrillRating>,
) -> Result<Json<CardState>, ApiError> {
    Ok(Json(service::review(&s.db, &user, group, body).await?))
}
