//! `/shares/{id}`: a shared story by part, each part with its comments, a comment form, and
//! the ratings (for the sharer and the group's coaches; coaches also get the rating form).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use loopcoach_core::Framework;
use loopcoach_web::pages::P;
use serde::Deserialize;

use super::{PageUi, render, see_other};
use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::model::{CharSpan, CommentView, NewComment, NewRating, Part, RatingView};
use crate::router::{AppState, FormBody, Id};
use crate::storage::Database;

/// One part of the story and what was said about it.
#[derive(Debug)]
pub struct PartView {
    pub key: &'static str,
    pub label: String,
    pub text: String,
    pub comments: Vec<CommentView>,
}

#[derive(Debug, Template)]
#[template(path = "server/share.html")]
pub struct SharePage {
    pub p: P,
    pub id: i64,
    pub group: i64,
    pub parts: Vec<PartView>,
    /// (principle key, its name in the page's language).
    pub principles: Vec<(String, String)>,
    pub ratings: Option<Vec<RatingView>>,
    pub can_rate: bool,
}

impl SharePage {
    pub fn principle_name(&self, key: &str) -> String {
        Framework::shared().name(key, self.p.language)
    }
}

/// `GET /shares/{id}` (members of its group only; anyone else: 404).
pub async fn show<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(share): Id,
) -> Result<Response, ApiError> {
    let (head, role) = authz::share_access(&st.db, &user, share).await?;
    let comments = st.db.comments(share).await?;
    let ratings = if authz::sees_ratings(&head, role, &user) {
        Some(st.db.ratings(share).await?)
    } else {
        None
    };
    let mut p = ui.p("groups", "server-groups-title");
    p.title = head.story.title.clone();
    let parts = Part::ALL
        .into_iter()
        .map(|part| PartView {
            key: part.as_str(),
            label: p.t.get(&format!("server-part-{}", part.as_str())),
            text: head.story.part(part).to_owned(),
            comments: comments
                .iter()
                .filter(|c| c.part == part)
                .cloned()
                .collect(),
        })
        .collect();
    let fw = Framework::shared();
    let principles = head
        .story
        .principles
        .iter()
        .map(|k| (k.clone(), fw.name(k, p.language)))
        .collect();
    render(&SharePage {
        p,
        id: share,
        group: head.group,
        parts,
        principles,
        ratings,
        can_rate: role.can_coach(),
    })
}

#[derive(Debug, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    pub part: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub start: Option<u32>,
    #[serde(default)]
    pub end: Option<u32>,
    /// A suggested edit: the words of the part to replace (empty: the whole part) and the
    /// new words (empty: a plain comment).
    #[serde(default)]
    pub replace: String,
    #[serde(default)]
    pub suggestion: String,
}

/// `POST /shares/{id}/comments`: back to the story, at its comments.
pub async fn comment<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    Id(share): Id,
    FormBody(f): FormBody<CommentForm>,
) -> Result<Response, ApiError> {
    let (head, _) = authz::share_access(&st.db, &user, share).await?;
    let mut span = match (f.start, f.end) {
        (Some(start), Some(end)) => Some(CharSpan { start, end }),
        _ => None,
    };
    let suggestion = Some(f.suggestion.trim().to_owned()).filter(|s| !s.is_empty());
    if suggestion.is_some()
        && !f.replace.trim().is_empty()
        && let Some(part) = crate::model::Part::parse(f.part.trim())
    {
        span = Some(crate::model::span_of(head.story.part(part), &f.replace)?);
    }
    let c = NewComment {
        part: f.part,
        text: f.text,
        span,
        suggestion,
    }
    .validate(&head.story)?;
    st.db.add_comment(share, user.id, &c).await?;
    Ok(see_other(&format!(
        "/shares/{share}#part-{}",
        c.part.as_str()
    )))
}

#[derive(Debug, Deserialize)]
pub struct RatingForm {
    #[serde(default)]
    pub principle: String,
    #[serde(default)]
    pub score: i64,
    #[serde(default)]
    pub note: String,
}

/// `POST /shares/{id}/ratings` (owners and coaches): back to the story, at its ratings.
pub async fn rate<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    Id(share): Id,
    FormBody(f): FormBody<RatingForm>,
) -> Result<Response, ApiError> {
    let (_, role) = authz::share_access(&st.db, &user, share).await?;
    authz::coach(role)?;
    let r = NewRating {
        principle: f.principle,
        score: f.score,
        note: f.note,
    }
    .validate()?;
    st.db.rate(share, user.id, &r).await?;
    Ok(see_other(&format!("/shares/{share}#ratings")))
}
