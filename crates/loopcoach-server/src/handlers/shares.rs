//! `/api/groups/{id}/shares`: the stories shared in a group.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::model::{NewShare, ShareView};
use crate::router::{AppState, Body, Id};
use crate::storage::Database;

/// Every story shared in the group (members only).
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<ShareView>>, ApiError> {
    authz::member(&s.db, &user, group).await?;
    Ok(Json(s.db.shares_in(group, user.id).await?))
}

/// Share a story: 201 with its id, or 200 when the same local story was shared before and
/// is updated.
pub async fn create<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    Body(body): Body<NewShare>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    authz::member(&s.db, &user, group).await?;
    let share = body.validate()?;
    let stored = s.db.put_share(group, user.id, &share).await?;
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({"id": stored.id, "group": group, "created": stored.created})),
    ))
}
