//! `/api/groups/{id}/mocks`, `/api/mocks/{id}…`, `/api/groups/{id}/debrief` and
//! `/api/groups/{id}/assessments`: peer mock interviews, their write-ups and the debrief. The
//! rules are in [`crate::study::service`].

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::router::{AppState, Body, Id};
use crate::storage::Database;
use crate::study::debrief::{Debrief, MockView, Sheet};
use crate::study::mocks::{NewAssessment, NewMock};
use crate::study::service;

/// Open a mock (a member with themself as interviewer or candidate; coaches pair any two
/// members): 201 with the mock.
pub async fn create<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    Body(body): Body<NewMock>,
) -> Result<(StatusCode, Json<MockView>), ApiError> {
    let view = service::open_mock(&s.db, &user, group, body).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The group's mocks: owners and coaches see all, a member those they take part in.
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<MockView>>, ApiError> {
    Ok(Json(service::mocks(&s.db, &user, group).await?.0))
}

/// One mock and its write-up once submitted (members of its group).
pub async fn get<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(mock): Id,
) -> Result<Json<MockView>, ApiError> {
    Ok(Json(service::mock(&s.db, &user, mock).await?.0))
}

/// The interviewer's sheet: questions, the candidate's shared stories, follow-ups, rubrics.
pub async fn sheet<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(mock): Id,
) -> Result<Json<Sheet>, ApiError> {
    Ok(Json(service::sheet(&s.db, &user, mock).await?))
}

/// Save the interviewer's write-up (only the interviewer): 200 with the mock.
pub async fn assess<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(mock): Id,
    Body(body): Body<NewAssessment>,
) -> Result<Json<MockView>, ApiError> {
    Ok(Json(service::assess(&s.db, &user, mock, body).await?))
}

/// The caller's own history as a candidate: every submitted mock of theirs in the group.
pub async fn mine<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<MockView>>, ApiError> {
    Ok(Json(service::my_assessments(&s.db, &user, group).await?))
}

/// `?candidate=EMAIL`
#[derive(Debug, Deserialize)]
pub struct CandidateQuery {
    pub candidate: String,
}

/// The `?candidate=EMAIL` of a request, if it has one (the service answers 400 without it,
/// after the membership check, so an outsider still gets 404).
pub fn candidate(q: Result<Query<CandidateQuery>, QueryRejection>) -> Option<String> {
    q.ok().map(|Query(q)| q.candidate)
}

/// A candidate's debrief: every interviewer's write-up side by side (members of the group).
pub async fn debrief<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    q: Result<Query<CandidateQuery>, QueryRejection>,
) -> Result<Json<Debrief>, ApiError> {
    let who = candidate(q);
    Ok(Json(
        service::debrief(&s.db, &user, group, who.as_deref()).await?,
    ))
}
