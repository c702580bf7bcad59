//! `/api/groups`, `/api/groups/{id}/members`, `/api/me`, `/api/health`.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::model::{GroupView, MemberView};
use crate::router::{AppState, Id};
use crate::storage::Database;

/// The caller's groups, with their role in each.
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
) -> Result<Json<Vec<GroupView>>, ApiError> {
    Ok(Json(s.db.groups_of(user.id).await?))
}

/// The cohort: every member with what they shared and said (owners and coaches only).
pub async fn members<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Vec<MemberView>>, ApiError> {
    let role = authz::member(&s.db, &user, group).await?;
    authz::coach(role)?;
    Ok(Json(s.db.members(group).await?))
}

/// Who the token belongs to.
pub async fn me<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
) -> Result<Json<Value>, ApiError> {
    let groups = s.db.groups_of(user.id).await?;
    Ok(Json(json!({"email": user.email, "groups": groups})))
}

/// For a load balancer: 200 when the database answers, 503 when it does not.
pub async fn health<D: Database>(State(s): State<AppState<D>>) -> Result<Json<Value>, ApiError> {
    s.db.group_exists(0).await?;
    Ok(Json(json!({"status": "ok"})))
}
