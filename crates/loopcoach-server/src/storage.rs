//! The storage interface of the server (atuin's `Database` trait): every handler and admin
//! command goes through it, so the HTTP layer holds no SQL and another backend (or a test
//! double) implements the same calls. PostgreSQL is the implementation ([`crate::Postgres`]).
//!
//! The interface holds no rules about who may do what: [`crate::authz`] decides that, once,
//! from what these calls return.

use std::future::Future;

use loopcoach_practice::{Card, CardState, Review};

use crate::error::DbError;
use crate::invite::{Invitation, InviteRefusal, Joined, Joiner};
use crate::limits::{LoginLimits, Throttle};
use crate::model::Invalid;
use crate::model::{
    CommentView, GroupView, MemberView, NewShare, RatingView, Role, ShareView, StoryBody,
    ValidComment, ValidRating,
};
use crate::study::banks::{BankSummary, BankView, ValidBank};
use crate::study::dashboard::CohortMember;
use crate::study::debrief::{MockHead, MockView};
use crate::study::drill::DrillNext;
use crate::study::mocks::{MockQuestion, ValidAssessment};

/// An authenticated user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
}

/// Where a share belongs, for authorization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareHead {
    pub id: i64,
    pub group: i64,
    pub owner: i64,
    pub story: StoryBody,
}

/// A browser session found by its cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
}

/// A personal API token as `admin tokens` lists it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: i64,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// The result of storing a share: its id, and whether it is new (201) or an update (200).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub created: bool,
}

type R<T> = Result<T, DbError>;

/// A mock to open, its people resolved to user ids.
#[derive(Debug, Clone, PartialEq)]
pub struct MockToOpen {
    pub group: i64,
    pub created_by: i64,
    pub interviewer: i64,
    pub candidate: i64,
    pub principles: Vec<String>,
    pub questions: Vec<MockQuestion>,
    /// Unix seconds.
    pub scheduled_at: Option<i64>,
}

/// How a bank is edited inside its transaction: from the bank as stored to the bank to store.
pub type BankEdit = Box<dyn FnOnce(&BankView) -> Result<ValidBank, Invalid> + Send>;
/// How a card is scheduled inside its transaction: from the member's state before (none for
/// a new card) to the state after and the review to log.
pub type Schedule =
    Box<dyn FnOnce(Option<&CardState>) -> Result<(CardState, Review), Invalid> + Send>;

/// Everything the server reads and writes. Each method is one transaction.
pub trait Database: Clone + Send + Sync + 'static {
    // accounts and credentials
    fn create_user(&self, email: &str, password_hash: &str) -> impl Future<Output = R<i64>> + Send;
    /// The user and their password hash, by email.
    fn user_login(&self, email: &str) -> impl Future<Output = R<Option<(User, String)>>> + Send;
    fn user_by_email(&self, email: &str) -> impl Future<Output = R<Option<User>>> + Send;
    fn add_token(&self, user: i64, token_hash: &[u8]) -> impl Future<Output = R<()>> + Send;
    fn user_by_token(&self, token_hash: &[u8]) -> impl Future<Output = R<Option<User>>> + Send;
    fn add_session(
        &self,
        user: i64,
        id_hash: &[u8],
        csrf_token: &str,
        lifetime_secs: i64,
    ) -> impl Future<Output = R<()>> + Send;
    /// The live session with this id: not past its expiry and used within `idle_secs`
    /// (its last use is recorded, at most once a minute).
    fn session(
        &self,
        id_hash: &[u8],
        idle_secs: i64,
    ) -> impl Future<Output = R<Option<Session>>> + Send;
    fn end_session(&self, id_hash: &[u8]) -> impl Future<Output = R<()>> + Send;
    /// The user's tokens, oldest first.
    fn tokens_of(&self, user: i64) -> impl Future<Output = R<Vec<TokenInfo>>> + Send;
    /// Revoke the token with this id; false when there is none (or it was revoked before).
    fn revoke_token(&self, id: i64) -> impl Future<Output = R<bool>> + Send;
    /// Revoke the token with this hash (the caller's own); false when none is live.
    fn revoke_token_hash(&self, token_hash: &[u8]) -> impl Future<Output = R<bool>> + Send;

    // sign-in rate limiting (shared by every server copy)
    /// Reserve one sign-in attempt for `email` from `client`, counted as a failure until
    /// [`Database::login_succeeded`]; refused (with the seconds to wait) when either is over
    /// its limit. Concurrent attempts for one email or client take turns.
    fn login_attempt(
        &self,
        email: &str,
        client: &str,
        limits: &LoginLimits,
    ) -> impl Future<Output = R<Throttle>> + Send;
    /// A successful sign-in: the email's counted failures are forgotten.
    fn login_succeeded(&self, email: &str) -> impl Future<Output = R<()>> + Send;

    // invitations
    /// Store a one-time invitation (its token's hash); returns when it expires (RFC 3339).
    fn add_invitation(
        &self,
        group: i64,
        role: Role,
        token_hash: &[u8],
        created_by: i64,
        lifetime_secs: i64,
    ) -> impl Future<Output = R<String>> + Send;
    /// The invitation with this token hash, whatever its state.
    fn invitation(&self, token_hash: &[u8]) -> impl Future<Output = R<Option<Invitation>>> + Send;
    /// Use the invitation: in one transaction, mark it used (only if unused and not expired,
    /// so two requests cannot both use it), create the account if asked, and add the member.
    fn accept_invitation(
        &self,
        token_hash: &[u8],
        joiner: &Joiner,
    ) -> impl Future<Output = R<Result<Joined, InviteRefusal>>> + Send;
    /// The group's owner (its first, when several).
    fn group_owner(&self, group: i64) -> impl Future<Output = R<Option<i64>>> + Send;

    // groups and memberships
    fn create_group(&self, name: &str, owner: i64) -> impl Future<Output = R<i64>> + Send;
    /// Add `user` to `group` with `role`, or change their role (an owner stays owner).
    fn set_member(&self, group: i64, user: i64, role: Role) -> impl Future<Output = R<()>> + Send;
    fn group_exists(&self, group: i64) -> impl Future<Output = R<bool>> + Send;
    fn role_in(&self, group: i64, user: i64) -> impl Future<Output = R<Option<Role>>> + Send;
    fn groups_of(&self, user: i64) -> impl Future<Output = R<Vec<GroupView>>> + Send;
    fn members(&self, group: i64) -> impl Future<Output = R<Vec<MemberView>>> + Send;

    // shares, comments, ratings
    /// Share a story in a group (or update the caller's earlier share of the same local story).
    fn put_share(
        &self,
        group: i64,
        owner: i64,
        share: &NewShare,
    ) -> impl Future<Output = R<Stored>> + Send;
    fn share_head(&self, share: i64) -> impl Future<Output = R<Option<ShareHead>>> + Send;
    fn shares_in(&self, group: i64, viewer: i64) -> impl Future<Output = R<Vec<ShareView>>> + Send;
    fn add_comment(
        &self,
        share: i64,
        author: i64,
        comment: &ValidComment,
    ) -> impl Future<Output = R<CommentView>> + Send;
    fn comments(&self, share: i64) -> impl Future<Output = R<Vec<CommentView>>> + Send;
    fn rate(
        &self,
        share: i64,
        rater: i64,
        rating: &ValidRating,
    ) -> impl Future<Output = R<RatingView>> + Send;
    fn ratings(&self, share: i64) -> impl Future<Output = R<Vec<RatingView>>> + Send;

    // study: shared banks, drills, peer mocks, the cohort (issue 21; src/study)
    fn banks(&self, group: i64) -> impl Future<Output = R<Vec<BankSummary>>> + Send;
    fn bank(&self, group: i64, name: &str) -> impl Future<Output = R<Option<BankView>>> + Send;
    /// Store a bank (new or replacing the one of the same name, its cards with it; a
    /// member's drill state of a card no longer in it goes too).
    fn put_bank(
        &self,
        group: i64,
        editor: i64,
        bank: &ValidBank,
    ) -> impl Future<Output = R<Stored>> + Send;
    /// Edit a bank in one transaction (the row locked while `edit` runs); `None` when the
    /// group has no bank of that name.
    fn edit_bank(
        &self,
        group: i64,
        editor: i64,
        name: &str,
        edit: BankEdit,
    ) -> impl Future<Output = R<Option<BankView>>> + Send;
    /// Every card of the group's banks, banks by name, cards in their order.
    fn group_cards(&self, group: i64) -> impl Future<Output = R<Vec<Card>>> + Send;
    /// The member's next card at `now` (unix seconds): the most overdue, else the first new.
    fn drill_next(
        &self,
        group: i64,
        user: i64,
        now: i64,
    ) -> impl Future<Output = R<DrillNext>> + Send;
    /// Review one card in one transaction (the member's state locked while `schedule` runs);
    /// `None` when the group has no such bank or card.
    fn review_card(
        &self,
        group: i64,
        user: i64,
        bank: &str,
        card: &str,
        schedule: Schedule,
    ) -> impl Future<Output = R<Option<CardState>>> + Send;
    /// A member of `group` by email, with their role.
    fn member_by_email(
        &self,
        group: i64,
        email: &str,
    ) -> impl Future<Output = R<Option<(User, Role)>>> + Send;
    /// A member's shares in a group, latest first.
    fn shares_of(
        &self,
        group: i64,
        owner: i64,
    ) -> impl Future<Output = R<Vec<(i64, StoryBody)>>> + Send;
    fn open_mock(&self, mock: &MockToOpen) -> impl Future<Output = R<i64>> + Send;
    fn mock_head(&self, mock: i64) -> impl Future<Output = R<Option<MockHead>>> + Send;
    fn mock(&self, mock: i64) -> impl Future<Output = R<Option<MockView>>> + Send;
    fn mock_questions(&self, mock: i64) -> impl Future<Output = R<Vec<MockQuestion>>> + Send;
    /// The group's mocks, oldest first: all of them, or those `user` is in.
    fn mocks_in(
        &self,
        group: i64,
        user: Option<i64>,
    ) -> impl Future<Output = R<Vec<MockView>>> + Send;
    /// The mocks of one candidate in a group, oldest first.
    fn mocks_of_candidate(
        &self,
        group: i64,
        candidate: i64,
    ) -> impl Future<Output = R<Vec<MockView>>> + Send;
    /// Save (or replace) the interviewer's write-up of a mock, in one transaction.
    fn submit_assessment(
        &self,
        mock: i64,
        assessment: &ValidAssessment,
    ) -> impl Future<Output = R<MockView>> + Send;
    /// Every member with what they shared in the group and the days they drilled its banks,
    /// read in one snapshot.
    fn cohort(&self, group: i64) -> impl Future<Output = R<Vec<CohortMember>>> + Send;
}
