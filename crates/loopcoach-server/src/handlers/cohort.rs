//! `/api/groups/{id}/dashboard`: the cohort dashboard (owners and coaches only), as JSON and
//! as the coverage heatmap in SVG.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use loopcoach_core::Lang;
use time::OffsetDateTime;

use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::router::{AppState, Id};
use crate::storage::Database;
use crate::study::dashboard::{self, Dashboard};

async fn cohort<D: Database>(
    s: &AppState<D>,
    user: &crate::storage::User,
    group: i64,
) -> Result<Dashboard, ApiError> {
    let role = authz::member(&s.db, user, group).await?;
    authz::coach(role)?;
    let members = s.db.cohort(group).await?;
    Ok(dashboard::dashboard(
        &members,
        OffsetDateTime::now_utc().date(),
    ))
}

/// Every member's readiness, coverage, streak and weakest principles, from what they shared.
pub async fn show<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(cohort(&s, &user, group).await?))
}

/// The coverage heatmap (principles × members) as SVG, principle names in English.
pub async fn heatmap<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<impl IntoResponse, ApiError> {
    let d = cohort(&s, &user, group).await?;
    let svg = dashboard::heatmap(&d, Lang::En, "Coverage", |email| {
        let email: String = form_urlencoded::byte_serialize(email.as_bytes()).collect();
        format!("/api/groups/{group}/debrief?candidate={email}")
    });
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    ))
}
