//! loopcoach's study-group server: accounts, groups, shared stories, comments and ratings on
//! PostgreSQL, served as a JSON API (atuin's server crate is the model).
//!
//! - [`model`]: the domain and its validation (pure);
//! - [`storage`]: the [`Database`] trait every handler goes through; [`postgres`] implements it;
//! - [`auth`] (credentials, the [`auth::Caller`] extractor), [`session`] (browser sessions,
//!   CSRF, the authentication middleware), [`login`] and [`limits`] (sign-in and its rate
//!   limit), [`invite`] (one-time invitations) and [`authz`] (who may do what, in one place);
//! - [`mod@router`], [`handlers`] (the JSON API) and [`pages`] (the browser pages, on the web
//!   UI's layout): thin HTTP edges; [`admin`]: the `server admin` commands.
//!
//! The server keeps no state in memory that another copy would need, so several copies can
//! share one database behind a load balancer.

pub mod admin;
pub mod auth;
pub mod authz;
pub mod client;
pub mod error;
pub mod handlers;
pub mod invite;
pub mod limits;
pub mod login;
pub mod model;
pub mod pages;
mod pg_auth;
pub mod postgres;
mod postgres_study;
pub mod router;
pub mod session;
pub mod storage;
pub mod study;
#[doc(hidden)]
pub mod testkit;

pub use error::{ApiError, DbError};
pub use postgres::{PoolConfig, Postgres};
pub use router::{AppState, router, serve, shutdown_signal};
pub use storage::Database;
