//! `/groups` (the caller's groups) and `/groups/{id}` (its members, the stories shared in it,
//! and for the owner the invitation form).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use loopcoach_web::pages::P;
use serde::Deserialize;

use super::{PageUi, render, render_status};
use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::invite;
use crate::model::{GroupView, MemberView, Role, ShareView};
use crate::router::{AppState, FormBody, Id};
use crate::storage::{Database, User};

#[derive(Debug, Template)]
#[template(path = "server/groups.html")]
pub struct GroupsPage {
    pub p: P,
    pub groups: Vec<GroupView>,
}

#[derive(Debug, Template)]
#[template(path = "server/group.html")]
pub struct GroupPage {
    pub p: P,
    pub group: GroupView,
    pub members: Vec<MemberView>,
    pub shares: Vec<ShareView>,
    /// Owners and coaches see each member's counts.
    pub cohort: bool,
    /// The owner sees the invitation form.
    pub can_invite: bool,
    /// A link just made (shown once).
    pub created: Option<invite::Created>,
}

impl GroupPage {
    pub fn role_name(&self, role: &Role) -> String {
        self.p.t.get(&format!("server-role-{}", role.as_str()))
    }
}

/// The role's name in the page's language.
pub fn role_label(p: &P, role: Role) -> String {
    p.t.get(&format!("server-role-{}", role.as_str()))
}

impl GroupsPage {
    pub fn role_name(&self, role: &Role) -> String {
        role_label(&self.p, *role)
    }
}

/// `GET /groups`.
pub async fn list<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
) -> Result<Response, ApiError> {
    let groups = st.db.groups_of(user.id).await?;
    render(&GroupsPage {
        p: ui.p("groups", "server-groups-title"),
        groups,
    })
}

async fn group_page<D: Database>(
    st: &AppState<D>,
    user: &User,
    ui: &PageUi,
    group: i64,
    created: Option<invite::Created>,
) -> Result<GroupPage, ApiError> {
    let role = authz::member(&st.db, user, group).await?;
    let view = st
        .db
        .groups_of(user.id)
        .await?
        .into_iter()
        .find(|g| g.id == group)
        .ok_or(ApiError::NotFound)?;
    let members = st.db.members(group).await?;
    let shares = st.db.shares_in(group, user.id).await?;
    // The page context holds the (thread-local) catalogue: made after the last await.
    let mut p = ui.p("groups", "server-groups-title");
    p.title = view.name.clone();
    Ok(GroupPage {
        p,
        members,
        shares,
        cohort: role.can_coach(),
        can_invite: role == Role::Owner,
        group: view,
        created,
    })
}

/// `GET /groups/{id}` (members of the group only; anyone else: 404).
pub async fn show<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
) -> Result<Response, ApiError> {
    render(&group_page(&st, &user, &ui, group, None).await?)
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub role: String,
}

/// `POST /groups/{id}/invitations` (the owner): the group page with the new link.
pub async fn invite<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
    FormBody(f): FormBody<InviteForm>,
) -> Result<Response, ApiError> {
    let role = authz::member(&st.db, &user, group).await?;
    authz::owner(role)?;
    let invited = invite::invite_role(&f.role)?;
    let created = invite::create(&st.db, &st.base_url, group, invited, user.id).await?;
    let page = group_page(&st, &user, &ui, group, Some(created)).await?;
    render_status(StatusCode::CREATED, &page)
}
