//! `/api/groups/{id}/dashboard`: the cohort dashboard (owners and coaches only), as JSON and
//! as the coverage heatmap in SVG. The rules are in [`crate::study::service`].

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use loopcoach_core::Lang;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::router::{AppState, Id};
use crate::storage::Database;
use crate::study::dashboard::{self, Dashboard};
use crate::study::service;

/// Every member's readiness, coverage, streak and weakest principles, from what they shared.
pub async fn show<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(service::dashboard(&s.db, &user, group).await?))
}

/// The coverage heatmap (principles × members) as SVG, principle names in English; a member's
/// column links to their debrief.
pub async fn heatmap<D: Database>(
    State(s): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
) -> Result<impl IntoResponse, ApiError> {
    let d = service::dashboard(&s.db, &user, group).await?;
    let svg = dashboard::heatmap(&d, Lang::En, "Coverage", |email| {
        service::debrief_href("/api", group, email)
    });
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    ))
}
