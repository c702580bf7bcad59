//! Who may do what, decided in one place. Every group-scoped route calls [`member`] (or
//! [`share_access`] for a share's routes) before touching data: a caller outside the group
//! gets 404, the same answer as for a group that does not exist, so existence is not revealed.
//! Coach-only actions add [`coach`] on top, which answers 403 (the caller is in the group and
//! may know it).

use crate::error::ApiError;
use crate::model::Role;
use crate::storage::{Database, ShareHead, User};
use crate::study::debrief::MockHead;

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

/// A mock and the caller's role in its group; 404 when the mock does not exist or the caller
/// is not in its group.
pub async fn mock_access<D: Database>(
    db: &D,
    user: &User,
    mock: i64,
) -> Result<(MockHead, Role), ApiError> {
    let head = db.mock_head(mock).await?.ok_or(ApiError::NotFound)?;
    let role = member(db, user, head.group).await?;
    Ok((head, role))
}

/// 403 unless the caller is the mock's interviewer: only they write its assessment.
pub fn interviewer(head: &MockHead, user: &User) -> Result<(), ApiError> {
    if head.interviewer == user.id {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only the mock's interviewer writes its assessment".to_owned(),
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

/// 403 unless the caller may read the interviewer's sheet (the questions, the rubric): the
/// interviewer, and the group's owner and coaches. The candidate does not see it beforehand.
pub fn sheet_reader(head: &MockHead, user: &User, role: Role) -> Result<(), ApiError> {
    if head.interviewer == user.id || role.can_coach() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only the interviewer and the group's coaches see the interviewer's sheet".to_owned(),
        ))
    }
}

/// 403 unless the caller may open a mock between `interviewer` and `candidate` (user ids): a
/// member opens one they take part in; owners and coaches pair any two members.
pub fn open_mock(
    user: &User,
    role: Role,
    interviewer: i64,
    candidate: i64,
) -> Result<(), ApiError> {
    if role.can_coach() || user.id == interviewer || user.id == candidate {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "a member opens mocks they take part in; coaches pair other members".to_owned(),
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

    fn user(id: i64) -> User {
        User {
            id,
            email: format!("u{id}@example.com"),
        }
    }

    const HEAD: MockHead = MockHead {
        id: 1,
        group: 1,
        interviewer: 10,
        candidate: 20,
    };

    #[test]
    fn only_the_interviewer_writes_and_coaches_may_read_the_sheet() {
        assert!(interviewer(&HEAD, &user(10)).is_ok());
        for other in [20, 30] {
            assert!(matches!(
                interviewer(&HEAD, &user(other)),
                Err(ApiError::Forbidden(_))
            ));
        }
        assert!(sheet_reader(&HEAD, &user(10), Role::Member).is_ok());
        assert!(sheet_reader(&HEAD, &user(30), Role::Coach).is_ok());
        assert!(sheet_reader(&HEAD, &user(30), Role::Owner).is_ok());
        assert!(sheet_reader(&HEAD, &user(20), Role::Member).is_err());
        assert!(sheet_reader(&HEAD, &user(30), Role::Member).is_err());
        // A coach interviewing is still only an interviewer of their own mocks.
        assert!(interviewer(&HEAD, &user(30)).is_err());
    }

    #[test]
    fn members_open_their_own_mocks_and_coaches_pair_anyone() {
        assert!(open_mock(&user(10), Role::Member, 10, 20).is_ok());
        assert!(open_mock(&user(20), Role::Member, 10, 20).is_ok());
        assert!(open_mock(&user(30), Role::Member, 10, 20).is_err());
        assert!(open_mock(&user(30), Role::Coach, 10, 20).is_ok());
        assert!(coach(Role::Member).is_err());
        assert!(coach(Role::Coach).is_ok() && coach(Role::Owner).is_ok());
    }

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
