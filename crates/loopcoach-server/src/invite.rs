//! One-time invitation links from a group's owner: `BASE_URL/invite/TOKEN`, the token kept
//! only as its SHA-256, valid for [`LIFETIME_SECS`]. Accepting is one storage transaction that
//! marks the invitation used only if it is still unused and unexpired, so the same link
//! cannot admit two people, even through two server copies at once.

use serde::{Deserialize, Serialize};

use crate::auth;
use crate::error::DbError;
use crate::model::{Invalid, Role};
use crate::storage::Database;

/// How long an invitation can be used: 7 days.
pub const LIFETIME_SECS: i64 = 7 * 24 * 3600;

/// What an invitation is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InviteState {
    Open,
    Used,
    Expired,
}

/// An invitation as its link's page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub group: i64,
    pub group_name: String,
    pub role: Role,
    pub state: InviteState,
}

/// Who uses an invitation: a signed-in account, or a new one made from the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Joiner {
    Existing(i64),
    New {
        email: String,
        password_hash: String,
    },
}

/// An accepted invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Joined {
    pub group: i64,
    pub user: i64,
    pub role: Role,
}

/// Why an invitation cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteRefusal {
    Unknown,
    Used,
    Expired,
}

impl InviteRefusal {
    /// The message id that says so.
    pub fn message_id(self) -> &'static str {
        match self {
            InviteRefusal::Unknown => "server-invite-unknown",
            InviteRefusal::Used => "server-invite-used",
            InviteRefusal::Expired => "server-invite-expired",
        }
    }

    /// From the state of an invitation that exists.
    pub fn of(state: InviteState) -> Option<InviteRefusal> {
        match state {
            InviteState::Open => None,
            InviteState::Used => Some(InviteRefusal::Used),
            InviteState::Expired => Some(InviteRefusal::Expired),
        }
    }
}

/// The body of `POST /api/groups/{id}/invitations`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub role: String,
}

/// A new invitation: the link (shown once) and when it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Created {
    pub link: String,
    pub role: Role,
    pub expires_at: String,
}

/// The role an invitation may give: coach or member (a group has the owner it was made with).
pub fn invite_role(s: &str) -> Result<Role, Invalid> {
    match Role::parse(s) {
        Some(r @ (Role::Coach | Role::Member)) => Ok(r),
        _ => Err(Invalid {
            field: "role".to_owned(),
            problem: format!("\"{s}\" is not a role an invitation gives (coach|member)"),
        }),
    }
}

/// The link of an invitation token on the server at `base_url`.
pub fn link(base_url: &str, token: &str) -> String {
    format!("{}/invite/{token}", base_url.trim_end_matches('/'))
}

/// Invitation tokens are [`auth::new_token`]s with their own prefix.
pub const TOKEN_PREFIX: &str = "lci_";

/// A new invitation token.
pub fn new_token() -> String {
    let t = auth::new_token();
    format!(
        "{TOKEN_PREFIX}{}",
        t.strip_prefix(auth::TOKEN_PREFIX).unwrap_or(&t)
    )
}

/// Make an invitation to `group` with `role`, by `created_by` (authorization is the caller's).
pub async fn create<D: Database>(
    db: &D,
    base_url: &str,
    group: i64,
    role: Role,
    created_by: i64,
) -> Result<Created, DbError> {
    let token = new_token();
    let expires_at = db
        .add_invitation(
            group,
            role,
            &auth::token_hash(&token),
            created_by,
            LIFETIME_SECS,
        )
        .await?;
    Ok(Created {
        link: link(base_url, &token),
        role,
        expires_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_coach_and_member_can_be_invited() {
        assert_eq!(invite_role("coach"), Ok(Role::Coach));
        assert_eq!(invite_role(" Member "), Ok(Role::Member));
        assert!(invite_role("owner").is_err());
        assert!(invite_role("admin").is_err());
    }

    #[test]
    fn links_join_the_base_url_once() {
        assert_eq!(
            link("https://s.example/", "lci_ab"),
            "https://s.example/invite/lci_ab"
        );
        assert_eq!(
            link("http://127.0.0.1:8080", "x"),
            "http://127.0.0.1:8080/invite/x"
        );
    }

    #[test]
    fn tokens_are_distinct_and_prefixed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == TOKEN_PREFIX.len() + 64);
    }

    #[test]
    fn refusals_follow_the_state() {
        assert_eq!(InviteRefusal::of(InviteState::Open), None);
        assert_eq!(
            InviteRefusal::of(InviteState::Used),
            Some(InviteRefusal::Used)
        );
        assert_eq!(
            InviteRefusal::of(InviteState::Expired).map(InviteRefusal::message_id),
            Some("server-invite-expired")
        );
    }
}
