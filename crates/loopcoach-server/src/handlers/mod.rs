//! Route handlers: each one authenticates (the [`crate::auth::Caller`] extractor), authorizes
//! (through [`crate::authz`]), validates (through [`crate::model`]), and makes one storage
//! call. No rule lives here.

pub mod banks;
pub mod cohort;
pub mod comments;
pub mod groups;
pub mod invitations;
pub mod mocks;
pub mod shares;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Several path parameters (`/api/groups/{id}/banks/{name}`); anything that does not read
/// names nothing, so it is a 404, like [`crate::router::Id`].
#[derive(Debug, Clone)]
pub struct PathOf<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathOf<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| PathOf(p.0))
            .map_err(|_| ApiError::NotFound)
    }
}
