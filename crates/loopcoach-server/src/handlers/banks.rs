//! `/api/groups/{id}/banks…` and `/api/groups/{id}/drill…`: the group's own question banks
//! (owners and coaches edit, every member reads) and each member's drill of them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use loopcoach_practice::{Card, CardState};
use time::OffsetDateTime;

use super::PathOf;
use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::router::{AppState, Body, Id};
use crate::storage::Database;
use crate::study::banks::{self, BankSummary, BankUpload, BankView, QuestionBody};
use crate::study::drill::{self, DrillNext, NewDrillRating};

/// The group's banks (members).
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<BankSummary>>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    Ok(Json(s.db.banks(group).await?))
}

/// One bank, its text and its cards (members).
pub async fn get<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name)): PathOf<(i64, String)>,
) -> Result<Json<BankView>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    s.db.bank(group, &name)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// Create or replace a bank from its TOML (owners and coaches): 201 when new, 200 when
/// replaced, with the bank.
pub async fn put<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name)): PathOf<(i64, String)>,
    Body(body): Body<BankUpload>,
) -> Result<(StatusCode, Json<BankView>), ApiError> {
    let role = authz::member(&s.db, &user, group).await?;
    authz::coach(role)?;
    let bank = banks::validate_bank(&name, &body)?;
    let stored = s.db.put_bank(group, user.id, &bank).await?;
    let view =
        s.db.bank(group, &bank.name)
            .await?
            .ok_or(ApiError::NotFound)?;
    let status = if stored.created {
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
    authz::member(&s.db, &user, group).await?;
    let bank = s.db.bank(group, &name).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(bank.cards))
}

/// Add or replace one question of a bank (owners and coaches): 200 with the bank.
pub async fn put_question<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    PathOf((group, name, card)): PathOf<(i64, String, String)>,
    Body(body): Body<QuestionBody>,
) -> Result<Json<BankView>, ApiError> {
    let role = authz::member(&s.db, &user, group).await?;
    authz::coach(role)?;
    let edit = Box::new(move |bank: &BankView| banks::with_question(&bank.valid(), &card, &body));
    s.db.edit_bank(group, user.id, &name, edit)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// The caller's next card to drill in the group's banks (members).
pub async fn next<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<DrillNext>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    Ok(Json(s.db.drill_next(group, user.id, now).await?))
}

/// Rate a card 1–4: the caller's own FSRS state of it moves on; 200 with the new state.
pub async fn review<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    Body(body): Body<NewDrillRating>,
) -> Result<Json<CardState>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    let r = body.validate()?;
    let (card, rating) = (r.card.clone(), r.rating);
    let schedule = Box::new(move |before: Option<&CardState>| {
        drill::review(&card, before, rating, OffsetDateTime::now_utc())
    });
    s.db.review_card(group, user.id, &r.bank, &r.card, schedule)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
