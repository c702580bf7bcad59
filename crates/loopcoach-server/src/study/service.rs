//! The operations of studying together, each one "authorize, validate, store" in a few lines
//! over the [`Database`]: the JSON handlers and the browser pages both call these, so a page
//! and a route can never disagree about who may do what.

use loopcoach_practice::{Card, CardState};
use time::OffsetDateTime;

use crate::authz;
use crate::error::ApiError;
use crate::model::{Role, normalize_email};
use crate::storage::{Database, MockToOpen, User};
use crate::study::banks::{self, BankSummary, BankUpload, BankView, QuestionBody};
use crate::study::dashboard::{self, Dashboard};
use crate::study::debrief::{self, Debrief, MockView, Sheet};
use crate::study::drill::{self, DrillNext, NewDrillRating};
use crate::study::mocks::{self, NewAssessment, NewMock};

/// The group's banks, and whether the caller may edit them.
pub async fn banks<D: Database>(
    db: &D,
    user: &User,
    group: i64,
) -> Result<(Vec<BankSummary>, Role), ApiError> {
    let role = authz::member(db, user, group).await?;
    Ok((db.banks(group).await?, role))
}

/// One bank, and the caller's role.
pub async fn bank<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    name: &str,
) -> Result<(BankView, Role), ApiError> {
    let role = authz::member(db, user, group).await?;
    let bank = db.bank(group, name).await?.ok_or(ApiError::NotFound)?;
    Ok((bank, role))
}

/// Create or replace a bank (owners and coaches): the bank, and whether it is new.
pub async fn put_bank<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    name: &str,
    upload: &BankUpload,
) -> Result<(BankView, bool), ApiError> {
    authz::coach(authz::member(db, user, group).await?)?;
    let bank = banks::validate_bank(name, upload)?;
    let stored = db.put_bank(group, user.id, &bank).await?;
    let view = db
        .bank(group, &bank.name)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((view, stored.created))
}

/// Add or replace one question of a bank (owners and coaches).
pub async fn put_question<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    name: &str,
    card: String,
    q: QuestionBody,
) -> Result<BankView, ApiError> {
    authz::coach(authz::member(db, user, group).await?)?;
    let edit = Box::new(move |bank: &BankView| banks::with_question(&bank.valid(), &card, &q));
    db.edit_bank(group, user.id, name, edit)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The questions of a bank (members).
pub async fn questions<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    name: &str,
) -> Result<Vec<Card>, ApiError> {
    Ok(bank(db, user, group, name).await?.0.cards)
}

/// The caller's next card (members).
pub async fn drill_next<D: Database>(
    db: &D,
    user: &User,
    group: i64,
) -> Result<DrillNext, ApiError> {
    authz::member(db, user, group).await?;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    Ok(db.drill_next(group, user.id, now).await?)
}

/// Rate a card: the caller's own FSRS state of it moves on.
pub async fn review<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    rating: NewDrillRating,
) -> Result<CardState, ApiError> {
    authz::member(db, user, group).await?;
    let r = rating.validate()?;
    let (card, value) = (r.card.clone(), r.rating);
    let schedule = Box::new(move |before: Option<&CardState>| {
        drill::review(&card, before, value, OffsetDateTime::now_utc())
    });
    db.review_card(group, user.id, &r.bank, &r.card, schedule)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The user id of a member of `group`; 400 for anyone else (the caller named them).
async fn in_group<D: Database>(db: &D, group: i64, email: &str) -> Result<i64, ApiError> {
    db.member_by_email(group, email)
        .await?
        .map(|(u, _)| u.id)
        .ok_or_else(|| ApiError::BadRequest(format!("{email} is not a member of this group")))
}

/// Open a mock (a member one they take part in; coaches pair any two members).
pub async fn open_mock<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    body: NewMock,
) -> Result<MockView, ApiError> {
    let role = authz::member(db, user, group).await?;
    let m = body.validate(&user.email)?;
    let interviewer = in_group(db, group, &m.interviewer).await?;
    let candidate = in_group(db, group, &m.candidate).await?;
    authz::open_mock(user, role, interviewer, candidate)?;
    let cards = db.group_cards(group).await?;
    let questions = mocks::choose_questions(&cards, &m.principles, rand::random());
    let id = db
        .open_mock(&MockToOpen {
            group,
            created_by: user.id,
            interviewer,
            candidate,
            principles: m.principles,
            questions,
            scheduled_at: m.scheduled_at,
        })
        .await?;
    db.mock(id).await?.ok_or(ApiError::NotFound)
}

/// The group's mocks: owners and coaches see all, a member those they take part in.
pub async fn mocks<D: Database>(
    db: &D,
    user: &User,
    group: i64,
) -> Result<(Vec<MockView>, Role), ApiError> {
    let role = authz::member(db, user, group).await?;
    let who = (!role.can_coach()).then_some(user.id);
    Ok((db.mocks_in(group, who).await?, role))
}

/// One mock (members of its group), and the interviewer's sheet when the caller may read it.
pub async fn mock<D: Database>(
    db: &D,
    user: &User,
    mock: i64,
) -> Result<(MockView, Option<Sheet>), ApiError> {
    let (head, role) = authz::mock_access(db, user, mock).await?;
    let view = db.mock(mock).await?.ok_or(ApiError::NotFound)?;
    if authz::sheet_reader(&head, user, role).is_err() {
        return Ok((view, None));
    }
    let questions = db.mock_questions(mock).await?;
    let shares = db.shares_of(head.group, head.candidate).await?;
    let sheet = Sheet {
        mock: view.clone(),
        items: mocks::sheet(&questions, &shares),
    };
    Ok((view, Some(sheet)))
}

/// The interviewer's sheet (the interviewer, owners and coaches).
pub async fn sheet<D: Database>(db: &D, user: &User, id: i64) -> Result<Sheet, ApiError> {
    let (head, role) = authz::mock_access(db, user, id).await?;
    authz::sheet_reader(&head, user, role)?;
    mock(db, user, id)
        .await?
        .1
        .ok_or_else(|| ApiError::Forbidden("only the interviewer sees the sheet".into()))
}

/// Save the interviewer's write-up (only the interviewer).
pub async fn assess<D: Database>(
    db: &D,
    user: &User,
    mock: i64,
    body: NewAssessment,
) -> Result<MockView, ApiError> {
    let (head, _) = authz::mock_access(db, user, mock).await?;
    authz::interviewer(&head, user)?;
    let view = db.mock(mock).await?.ok_or(ApiError::NotFound)?;
    let a = body.validate(&view.principles)?;
    Ok(db.submit_assessment(mock, &a).await?)
}

/// The caller's own history as a candidate: their written-up mocks in the group.
pub async fn my_assessments<D: Database>(
    db: &D,
    user: &User,
    group: i64,
) -> Result<Vec<MockView>, ApiError> {
    authz::member(db, user, group).await?;
    let mocks = db.mocks_of_candidate(group, user.id).await?;
    Ok(mocks
        .into_iter()
        .filter(|m| m.submitted_at.is_some())
        .collect())
}

/// A candidate's debrief (members of the group; a candidate outside it is 404, none named 400).
pub async fn debrief<D: Database>(
    db: &D,
    user: &User,
    group: i64,
    candidate: Option<&str>,
) -> Result<Debrief, ApiError> {
    authz::member(db, user, group).await?;
    let candidate = candidate
        .ok_or_else(|| ApiError::BadRequest("name the candidate: ?candidate=EMAIL".into()))?;
    let email = normalize_email(candidate)?;
    let (candidate, _) = db
        .member_by_email(group, &email)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mocks = db.mocks_of_candidate(group, candidate.id).await?;
    Ok(debrief::debrief(&candidate.email, mocks))
}

/// The cohort dashboard (owners and coaches).
pub async fn dashboard<D: Database>(
    db: &D,
    user: &User,
    group: i64,
) -> Result<Dashboard, ApiError> {
    authz::coach(authz::member(db, user, group).await?)?;
    let members = db.cohort(group).await?;
    Ok(dashboard::dashboard(
        &members,
        OffsetDateTime::now_utc().date(),
    ))
}

/// A member's debrief address (`/api/groups/1/debrief?candidate=a%40b`), for links.
pub fn debrief_href(prefix: &str, group: i64, email: &str) -> String {
    let email: String = form_urlencoded::byte_serialize(email.as_bytes()).collect();
    format!("{prefix}/groups/{group}/debrief?candidate={email}")
}
