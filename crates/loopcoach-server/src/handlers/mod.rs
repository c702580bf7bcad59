//! Route handlers: each one authenticates (the [`crate::auth::Caller`] extractor), authorizes
//! (through [`crate::authz`]), validates (through [`crate::model`]), and makes one storage
//! call. No rule lives here.

pub mod comments;
pub mod groups;
pub mod invitations;
pub mod shares;
