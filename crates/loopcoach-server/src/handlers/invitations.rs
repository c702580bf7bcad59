//! `POST /api/groups/{id}/invitations` (the owner) and `DELETE /api/tokens/current`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::invite::{self, Created, NewInvitation};
use crate::router::{AppState, Body, Id};
use crate::session::{Authed, Via};
use crate::storage::Database;

/// A one-time invitation link to the group: 201 with `{"link", "role", "expires_at"}`.
pub async fn create<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    Body(body): Body<NewInvitation>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let role = authz::member(&s.db, &user, group).await?;
    authz::owner(role)?;
    let invited = invite::invite_role(&body.role)?;
    let created = invite::create(&s.db, &s.base_url, group, invited, user.id).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revoke the bearer token this request was made with (at once, on every server copy).
pub async fn revoke_current<D: Database>(
    State(s): State<AppState<D>>,
    authed: Authed,
) -> Result<Json<Value>, ApiError> {
    let Via::Token(hash) = &authed.via else {
        return Err(ApiError::BadRequest(
            "this request carries no bearer token to revoke (sign out to end a session)".to_owned(),
        ));
    };
    s.db.revoke_token_hash(hash).await?;
    Ok(Json(json!({"revoked": true})))
}
