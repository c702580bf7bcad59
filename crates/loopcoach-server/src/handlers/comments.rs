//! `/api/shares/{id}/comments` and `/api/shares/{id}/ratings`: review of one shared story.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::model::{CommentView, NewComment, NewRating, RatingView};
use crate::router::{AppState, Body, Id};
use crate::storage::Database;

/// The comments on a share, oldest first (members of its group).
pub async fn list<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(share): Id,
) -> Result<Json<Vec<CommentView>>, ApiError> {
    authz::share_access(&s.db, &user, share).await?;
    Ok(Json(s.db.comments(share).await?))
}

/// Comment on a part (and optionally a character range) of a share: 201 with the comment.
pub async fn create<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(share): Id,
    Body(body): Body<NewComment>,
) -> Result<(StatusCode, Json<CommentView>), ApiError> {
    let (head, _) = authz::share_access(&s.db, &user, share).await?;
    let comment = body.validate(&head.story)?;
    let saved = s.db.add_comment(share, user.id, &comment).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Rate a share against a principle's bar (owners and coaches): 201 with the rating.
pub async fn rate<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(share): Id,
    Body(body): Body<NewRating>,
) -> Result<(StatusCode, Json<RatingView>), ApiError> {
    let (_, role) = authz::share_access(&s.db, &user, share).await?;
    authz::coach(role)?;
    let rating = body.validate()?;
    Ok((
        StatusCode::CREATED,
        Json(s.db.rate(share, user.id, &rating).await?),
    ))
}

/// The ratings of a share: its owner and the group's coaches see them; other members get 403.
pub async fn ratings<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(share): Id,
) -> Result<Json<Vec<RatingView>>, ApiError> {
    let (head, role) = authz::share_access(&s.db, &user, share).await?;
    if !authz::sees_ratings(&head, role, &user) {
        authz::coach(role)?;
    }
    Ok(Json(s.db.ratings(share).await?))
}
