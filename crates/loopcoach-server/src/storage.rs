//! The storage interface of the server (atuin's `Database` trait): every handler and admin
//! command goes through it, so the HTTP layer holds no SQL and another backend (or a test
//! double) implements the same calls. PostgreSQL is the implementation ([`crate::Postgres`]).
//!
//! The interface holds no rules about who may do what: [`crate::authz`] decides that, once,
//! from what these calls return.

use std::future::Future;

use crate::error::DbError;
use crate::model::{
    CommentView, GroupView, MemberView, NewShare, RatingView, Role, ShareView, StoryBody,
    ValidComment, ValidRating,
};

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

/// The result of storing a share: its id, and whether it is new (201) or an update (200).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub created: bool,
}

type R<T> = Result<T, DbError>;

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
    fn session(&self, id_hash: &[u8]) -> impl Future<Output = R<Option<Session>>> + Send;
    fn end_session(&self, id_hash: &[u8]) -> impl Future<Output = R<()>> + Send;

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
}
