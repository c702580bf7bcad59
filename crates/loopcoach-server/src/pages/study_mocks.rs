//! The browser pages of peer mocks and the cohort: `/groups/{id}/mocks` (the caller's mocks,
//! their history as candidate, a form to open one), `/mocks/{id}` (the interviewer's sheet and
//! write-up form, or the write-up for everyone else in the group), `/groups/{id}/debrief`
//! (every interviewer's write-up side by side) and `/groups/{id}/dashboard` (owners and
//! coaches: readiness, the coverage heatmap, streaks, weakest principles). The same
//! operations as the API ([`crate::study::service`]).

use askama::Template;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use loopcoach_core::Framework;
use loopcoach_practice::mock::Vote;
use loopcoach_web::pages::P;

use super::study::{Lingual, field, form_fields};
use super::{PageUi, render, see_other};
use crate::auth::Caller;
use crate::authz;
use crate::error::ApiError;
use crate::handlers::mocks::{CandidateQuery, candidate};
use crate::model::MemberView;
use crate::router::{AppState, Id};
use crate::storage::Database;
use crate::study::dashboard::{self, Dashboard, MemberRow};
use crate::study::debrief::{Debrief, MockView, Sheet};
use crate::study::mocks::{NewAssessment, NewMock, NewPrincipleAssessment};
use crate::study::service;

/// The vote's name in the page's language.
fn vote_label(p: &P, v: Option<Vote>) -> String {
    match v {
        Some(Vote::Inclined) => p.t.get("study-vote-inclined"),
        Some(Vote::NotInclined) => p.t.get("study-vote-not-inclined"),
        None => p.t.get("study-mock-open"),
    }
}

#[derive(Debug, Template)]
#[template(path = "server/study_mocks.html")]
pub struct MocksPage {
    pub p: P,
    pub group: i64,
    pub me: String,
    pub mocks: Vec<MockView>,
    pub history: Vec<MockView>,
    /// Everyone in the group (for the form's choices).
    pub members: Vec<String>,
    pub coach: bool,
    /// (key, name) of every principle.
    pub principles: Vec<(String, String)>,
}

impl Lingual for MocksPage {
    fn page(&self) -> &P {
        &self.p
    }
}

impl MocksPage {
    pub fn vote(&self, m: &MockView) -> String {
        vote_label(&self.p, m.vote)
    }
    pub fn names(&self, m: &MockView) -> String {
        m.principles
            .iter()
            .map(|k| self.principle(k))
            .collect::<Vec<_>>()
            .join(", ")
    }
    pub fn debrief(&self, email: &str) -> String {
        service::debrief_href("", self.group, email)
    }
}

/// `GET /groups/{id}/mocks`.
pub async fn mocks<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
) -> Result<Response, ApiError> {
    let (mocks, role) = service::mocks(&st.db, &user, group).await?;
    let history = service::my_assessments(&st.db, &user, group).await?;
    let members: Vec<MemberView> = st.db.members(group).await?;
    let p = ui.p("groups", "study-mocks-title");
    let principles = Framework::shared()
        .principles
        .iter()
        .map(|x| (x.key.clone(), x.name.get(p.language).to_owned()))
        .collect();
    render(&MocksPage {
        p,
        group,
        me: user.email.clone(),
        mocks,
        history,
        members: members.into_iter().map(|m| m.email).collect(),
        coach: role.can_coach(),
        principles,
    })
}

/// `POST /groups/{id}/mocks`: open a mock from the form (`interviewer`, `candidate`, each
/// `principle`, `scheduled_at` as the browser's local date and time, read as UTC).
pub async fn open<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    body: Bytes,
) -> Result<Response, ApiError> {
    let f = form_fields(&body);
    let when = field(&f, "scheduled_at").trim();
    let new = NewMock {
        interviewer: Some(field(&f, "interviewer"))
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned),
        candidate: field(&f, "candidate").to_owned(),
        principles: f
            .iter()
            .filter(|(k, _)| k == "principle")
            .map(|(_, v)| v.clone())
            .collect(),
        // `datetime-local` sends `2026-03-10T19:00`, without seconds or zone.
        scheduled_at: (!when.is_empty()).then(|| format!("{when}:00Z")),
    };
    let m = service::open_mock(&st.db, &user, group, new).await?;
    Ok(see_other(&format!("/mocks/{}", m.id)))
}

#[derive(Debug, Template)]
#[template(path = "server/study_mock.html")]
pub struct MockPage {
    pub p: P,
    pub mock: MockView,
    pub sheet: Option<Sheet>,
    /// The caller is the interviewer: the write-up form is theirs.
    pub writes: bool,
}

impl Lingual for MockPage {
    fn page(&self) -> &P {
        &self.p
    }
}

impl MockPage {
    pub fn vote(&self) -> String {
        vote_label(&self.p, self.mock.vote)
    }
    /// The written assessment of `principle` so far ("" when none).
    pub fn written(&self, principle: &str) -> &str {
        self.mock
            .assessments
            .iter()
            .find(|a| a.principle == principle)
            .map_or("", |a| a.text.as_str())
    }
    pub fn scored(&self, principle: &str, n: &i16) -> bool {
        self.mock
            .assessments
            .iter()
            .any(|a| a.principle == principle && a.score == Some(*n))
    }
    pub fn inclined(&self) -> bool {
        self.mock.vote == Some(Vote::Inclined)
    }
    pub fn not_inclined(&self) -> bool {
        self.mock.vote == Some(Vote::NotInclined)
    }
}

/// `GET /mocks/{id}` (members of its group).
pub async fn mock<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let (head, _) = authz::mock_access(&st.db, &user, id).await?;
    let (mock, sheet) = service::mock(&st.db, &user, id).await?;
    let mut p = ui.p("groups", "study-mock-title");
    p.title = format!("{} → {}", mock.interviewer, mock.candidate);
    render(&MockPage {
        p,
        writes: authz::interviewer(&head, &user).is_ok(),
        mock,
        sheet,
    })
}

/// `POST /mocks/{id}/assessment` (the interviewer): `vote`, `summary`, and for each probed
/// principle `text-KEY` and `score-KEY`.
pub async fn assess<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    Id(id): Id,
    body: Bytes,
) -> Result<Response, ApiError> {
    let f = form_fields(&body);
    let (mock, _) = service::mock(&st.db, &user, id).await?;
    let a = NewAssessment {
        vote: field(&f, "vote").to_owned(),
        summary: field(&f, "summary").to_owned(),
        assessments: mock
            .principles
            .iter()
            .map(|k| NewPrincipleAssessment {
                principle: k.clone(),
                score: field(&f, &format!("score-{k}")).trim().parse().ok(),
                text: field(&f, &format!("text-{k}")).to_owned(),
            })
            .collect(),
    };
    service::assess(&st.db, &user, id, a).await?;
    Ok(see_other(&format!("/mocks/{id}")))
}

#[derive(Debug, Template)]
#[template(path = "server/study_debrief.html")]
pub struct DebriefPage {
    pub p: P,
    pub group: i64,
    pub d: Debrief,
}

impl Lingual for DebriefPage {
    fn page(&self) -> &P {
        &self.p
    }
}

impl DebriefPage {
    pub fn vote(&self, m: &MockView) -> String {
        vote_label(&self.p, m.vote)
    }
}

/// `GET /groups/{id}/debrief?candidate=EMAIL` (members of the group).
pub async fn debrief<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
    q: Result<Query<CandidateQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let who = candidate(q);
    let d = service::debrief(&st.db, &user, group, who.as_deref()).await?;
    let mut p = ui.p("groups", "study-debrief-title");
    p.title = format!("{} · {}", p.title, d.candidate);
    render(&DebriefPage { p, group, d })
}

#[derive(Debug, Template)]
#[template(path = "server/study_dashboard.html")]
pub struct DashboardPage {
    pub p: P,
    pub group: i64,
    pub d: Dashboard,
    pub heatmap: String,
}

impl Lingual for DashboardPage {
    fn page(&self) -> &P {
        &self.p
    }
}

impl DashboardPage {
    pub fn weakest(&self, m: &MemberRow) -> String {
        m.weakest
            .iter()
            .map(|k| self.principle(k))
            .collect::<Vec<_>>()
            .join(", ")
    }
    pub fn debrief(&self, email: &str) -> String {
        service::debrief_href("", self.group, email)
    }
    pub fn role(&self, m: &MemberRow) -> String {
        self.p.t.get(&format!("server-role-{}", m.role.as_str()))
    }
}

/// `GET /groups/{id}/dashboard` (owners and coaches).
pub async fn dashboard<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
) -> Result<Response, ApiError> {
    let d = service::dashboard(&st.db, &user, group).await?;
    let p = ui.p("groups", "study-dashboard-title");
    let heatmap = dashboard::heatmap(&d, p.language, &p.t.get("study-heatmap-label"), |e| {
        service::debrief_href("", group, e)
    });
    render(&DashboardPage {
        p,
        group,
        d,
        heatmap,
    })
}
