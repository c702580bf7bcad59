//! `/api/groups/{id}/mocks`, `/api/mocks/{id}…`, `/api/groups/{id}/debrief` and
//! `/api/groups/{id}/assessments`: peer mock interviews, their write-ups and the debrief.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::model::normalize_email;
use crate::router::{AppState, Body, Id};
use crate::storage::{Database, MockToOpen};
use crate::study::debrief::{self, Debrief, MockView, Sheet};
use crate::study::mocks::{self, NewAssessment, NewMock};

/// The user id of a member of `group`; 400 for anyone else (the caller named them).
async fn in_group<D: Database>(db: &D, group: i64, email: &str) -> Result<i64, ApiError> {
    db.member_by_email(group, email)
        .await?
        .map(|(u, _)| u.id)
        .ok_or_else(|| ApiError::BadRequest(format!("{email} is not a member of this group")))
}

/// Open a mock (a member with themself as interviewer or candidate; coaches pair any two
/// members): 201 with the mock.
pub async fn create<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    Body(body): Body<NewMock>,
) -> Result<(StatusCode, Json<MockView>), ApiError> {
    let role = authz::member(&s.db, &user, group).await?;
    let m = body.validate(&user.email)?;
    let interviewer = in_group(&s.db, group, &m.interviewer).await?;
    let candidate = in_group(&s.db, group, &m.candidate).await?;
    authz::open_mock(&user, role, interviewer, candidate)?;
    let cards = s.db.group_cards(group).await?;
    let questions = mocks::choose_questions(&cards, &m.principles, rand::random());
    let id =
        s.db.open_mock(&MockToOpen {
            group,
            created_by: user.id,
            interviewer,
            candidate,
            principles: m.principles,
            questions,
            scheduled_at: m.scheduled_at,
        })
        .await?;
    let view = s.db.mock(id).await?.ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The group's mocks: owners and coaches see all, a member those they take part in.
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<MockView>>, ApiError> {
    let role = authz::member(&s.db, &user, group).await?;
    let who = (!role.can_coach()).then_some(user.id);
    Ok(Json(s.db.mocks_in(group, who).await?))
}

/// One mock and its write-up once submitted (members of its group).
pub async fn get<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(mock): Id,
) -> Result<Json<MockView>, ApiError> {
    authz::mock_access(&s.db, &user, mock).await?;
    s.db.mock(mock).await?.map(Json).ok_or(ApiError::NotFound)
}

/// The interviewer's sheet: questions, the candidate's shared stories, follow-ups, rubrics.
pub async fn sheet<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(mock): Id,
) -> Result<Json<Sheet>, ApiError> {
    let (head, role) = authz::mock_access(&s.db, &user, mock).await?;
    authz::sheet_reader(&head, &user, role)?;
    let view = s.db.mock(mock).await?.ok_or(ApiError::NotFound)?;
    let questions = s.db.mock_questions(mock).await?;
    let shares = s.db.shares_of(head.group, head.candidate).await?;
    Ok(Json(Sheet {
        mock: view,
        items: mocks::sheet(&questions, &shares),
    }))
}

/// Save the interviewer's write-up (only the interviewer): 200 with the mock.
pub async fn assess<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(mock): Id,
    Body(body): Body<NewAssessment>,
) -> Result<Json<MockView>, ApiError> {
    let (head, _) = authz::mock_access(&s.db, &user, mock).await?;
    authz::interviewer(&head, &user)?;
    let view = s.db.mock(mock).await?.ok_or(ApiError::NotFound)?;
    let a = body.validate(&view.principles)?;
    Ok(Json(s.db.submit_assessment(mock, &a).await?))
}

/// The caller's own history as a candidate: every submitted mock of theirs in the group.
pub async fn mine<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<MockView>>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    let mocks = s.db.mocks_of_candidate(group, user.id).await?;
    Ok(Json(
        mocks
            .into_iter()
            .filter(|m| m.submitted_at.is_some())
            .collect(),
    ))
}

/// `?candidate=EMAIL`
#[derive(Debug, Deserialize)]
pub struct CandidateQuery {
    pub candidate: String,
}

/// A candidate's debrief: every interviewer's write-up side by side (members of the group).
pub async fn debrief<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    q: Result<Query<CandidateQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Debrief>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    let Query(q) =
        q.map_err(|_| ApiError::BadRequest("name the candidate: ?candidate=EMAIL".into()))?;
    let email = normalize_email(&q.candidate)?;
    let (candidate, _) =
        s.db.member_by_email(group, &email)
            .await?
            .ok_or(ApiError::NotFound)?;
    let mocks = s.db.mocks_of_candidate(group, candidate.id).await?;
    Ok(Json(debrief::debrief(&candidate.email, mocks)))
}
