//! Who may do what, decided in one place. Every group-scoped route calls [`member`] (or
//! [`share_access`] for a share's routes) before touching data: a caller outside the group
//! gets 404, the same answer as for a group that does not exist, so existence is not revealed.
//! Coach-only actions add [`coach`] on top, which answers 403 (the caller is in the group and
//! may know it).

use crate::error::ApiError;
use crate::model::Role;
use crate::storage::{Database, ShareHead, User};

/// The caller's role in `group`; 404 when they are not in it.
pub async fn member<D: Database>(db: &D, user: &User, group: i64) -> Result<Role, ApiError> {
    db.role_in(group, user.id).await?.ok_or(ApiError::NotFound)
}

/// A share and the caller's role in its group; 404 when the share does not exist or the
/// caller is not in its group.
pub async fn share_access<D: Database>(
    db: &D,
    user: &User,
    share: i64,
) -> Result<(ShareHead, Role), ApiError> {
    let head = db.share_head(share).await?.ok_or(ApiError::NotFound)?;
    let role = member(db, user, head.group).await?;
    Ok((head, role))
}

/// 403 unless `role` may act as a coach.
pub fn coach(role: Role) -> Result<(), ApiError> {
    if role.can_coach() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only the group's owner and coaches may do this".to_owned(),
        ))
    }
}

/// 403 unless `role` is the group's owner (invitations).
pub fn owner(role: Role) -> Result<(), ApiError> {
    if role == Role::Owner {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only the group's owner may do this".to_owned(),
        ))
    }
}

/// Whether `user` may see the ratings of a share: its owner, and the group's coaches.
pub fn sees_ratings(head: &ShareHead, role: Role, user: &User) -> bool {
    head.owner == user.id || role.can_coach()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StoryBody;

    #[test]
    fn only_owners_invite_and_only_coaches_coach() {
        assert!(owner(Role::Owner).is_ok());
        assert!(owner(Role::Coach).is_err());
        assert!(owner(Role::Member).is_err());
        assert!(coach(Role::Coach).is_ok());
        assert!(coach(Role::Member).is_err());
    }

    #[test]
    fn ratings_are_for_the_sharer_and_coaches() {
        let head = ShareHead {
            id: 1,
            group: 1,
            owner: 7,
            story: StoryBody::default(),
        };
        let u = |id| User {
            id,
            email: String::new(),
        };
        assert!(sees_ratings(&head, Role::Member, &u(7)));
        assert!(!sees_ratings(&head, Role::Member, &u(8)));
        assert!(sees_ratings(&head, Role::Coach, &u(8)));
    }
}
