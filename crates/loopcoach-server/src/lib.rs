//! loopcoach's study-group server: accounts, groups, shared stories, comments and ratings on
//! PostgreSQL, served as a JSON API (atuin's server crate is the model).
//!
//! - [`model`]: the domain and its validation (pure);
//! - [`storage`]: the [`Database`] trait every handler goes through; [`postgres`] implements it;
//! - [`auth`] (credentials, the bearer extractor) and [`authz`] (who may do what, in one place);
//! - [`mod@router`] and [`handlers`]: thin HTTP edges; [`admin`]: the `server admin` commands.
//!
//! The server keeps no state in memory that another copy would need, so several copies can
//! share one database behind a load balancer.

pub mod admin;
pub mod auth;
pub mod authz;
pub mod client;
pub mod error;
pub mod handlers;
pub mod model;
pub mod postgres;
mod postgres_study;
pub mod router;
pub mod storage;
pub mod study;
#[doc(hidden)]
pub mod testkit;

pub use error::{ApiError, DbError};
pub use postgres::{PoolConfig, Postgres};
pub use router::{AppState, router, serve, shutdown_signal};
pub use storage::Database;
