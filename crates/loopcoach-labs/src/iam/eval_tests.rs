//! The evaluator, case by case, against the situations the IAM User Guide walks through
//! (retold in our own words; each test names the page it follows).
#![allow(clippy::unwrap_used)]

use super::*;
use crate::iam::policy::{Policy, Statement};

const A: &str = "111122223333";
const B: &str = "444455556666";

fn user(name: &str) -> Caller {
    Caller {
        arn: format!("arn:aws:iam::{A}:user/{name}"),
        account: A.to_string(),
        role_arn: None,
    }
}

fn session(role: &str) -> Caller {
    Caller {
        arn: format!("arn:aws:sts::{A}:assumed-role/{role}/s1"),
        account: A.to_string(),
        role_arn: Some(format!("arn:aws:iam::{A}:role/{role}")),
    }
}

fn req(caller: Caller, action: &str, resource: &str, account: &str) -> Request {
    Request {
        caller,
        action: action.to_string(),
        resource: resource.to_string(),
        resource_account: account.to_string(),
        context: BTreeMap::new(),
    }
}

fn with(mut r: Request, key: &str, values: &[&str]) -> Request {
    r.context.insert(
        key.to_string(),
        values.iter().map(|v| (*v).to_string()).collect(),
    );
    r
}

fn pol(s: Vec<Statement>) -> Policy {
    Policy::new(s)
}

const OBJ: &str = "arn:aws:s3:::reports/2026/q1.csv";

#[test]
fn implicit_deny_by_default_and_explicit_deny_overrides_allow() {
    // "Policy evaluation logic": every request is denied unless allowed; a Deny wins.
    let r = req(user("mary"), "s3:GetObject", OBJ, A);
    assert_eq!(
        evaluate(&r, &Policies::default()),
        Decision::ImplicitDeny(PolicyType::IdentityBased)
    );
    let allow = pol(vec![Statement::allow(&["s3:*"], &["*"])]);
    let p = Policies {
        identity: vec![allow.clone()],
        ..Policies::default()
    };
    assert_eq!(evaluate(&r, &p), Decision::Allow);
    let deny = pol(vec![Statement::deny(
        &["s3:GetObject"],
        &["arn:aws:s3:::reports/*"],
    )]);
    let p = Policies {
        identity: vec![allow, deny],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&r, &p),
        Decision::ExplicitDeny(PolicyType::IdentityBased)
    );
}

#[test]
fn not_action_and_not_resource_match_everything_else() {
    // "IAM JSON policy elements: NotAction" and "NotResource".
    let p = Policies {
        identity: vec![pol(vec![Statement {
            effect: Some(Effect::Allow),
            not_action: Some(crate::iam::policy::strings(&["iam:*"])),
            resource: Some(crate::iam::policy::strings(&["*"])),
            ..Statement::default()
        }])],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(user("m"), "s3:GetObject", OBJ, A), &p),
        Decision::Allow
    );
    assert_eq!(
        evaluate(&req(user("m"), "iam:CreateUser", "*", A), &p),
        Decision::ImplicitDeny(PolicyType::IdentityBased)
    );
    let p = Policies {
        identity: vec![pol(vec![Statement {
            effect: Some(Effect::Allow),
            action: Some(crate::iam::policy::strings(&["s3:*"])),
            not_resource: Some(crate::iam::policy::strings(&["arn:aws:s3:::payroll/*"])),
            ..Statement::default()
        }])],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(user("m"), "s3:GetObject", OBJ, A), &p),
        Decision::Allow
    );
    assert_eq!(
        evaluate(
            &req(user("m"), "s3:GetObject", "arn:aws:s3:::payroll/x", A),
            &p
        ),
        Decision::ImplicitDeny(PolicyType::IdentityBased)
    );
}

#[test]
fn same_account_resource_policy_alone_can_allow_a_user() {
    // "Policy evaluation for requests within a single account": identity-based and
    // resource-based policies are a union; a bucket policy naming the user is enough.
    let r = req(user("carlos"), "s3:GetObject", OBJ, A);
    let bucket = pol(vec![
        Statement::allow(&["s3:GetObject"], &["arn:aws:s3:::reports/*"])
            .principal_aws(&[&format!("arn:aws:iam::{A}:user/carlos")]),
    ]);
    let p = Policies {
        resource: Some(bucket),
        ..Policies::default()
    };
    assert_eq!(evaluate(&r, &p), Decision::Allow);
}

#[test]
fn a_permissions_boundary_caps_identity_policies() {
    // "Permissions boundaries for IAM entities": a boundary allowing only S3, CloudWatch and
    // EC2, and an identity policy allowing iam:CreateUser: the user cannot create users.
    let boundary = pol(vec![Statement::allow(
        &["s3:*", "cloudwatch:*", "ec2:*"],
        &["*"],
    )]);
    let identity = pol(vec![Statement::allow(&["iam:CreateUser"], &["*"])]);
    let p = Policies {
        identity: vec![identity],
        boundary: Some(boundary),
        ..Policies::default()
    };
    let r = req(user("shirley"), "iam:CreateUser", "*", A);
    assert_eq!(
        evaluate(&r, &p),
        Decision::ImplicitDeny(PolicyType::PermissionsBoundary)
    );
    // An action in both is allowed.
    let p = Policies {
        identity: vec![pol(vec![Statement::allow(&["s3:GetObject"], &["*"])])],
        ..p
    };
    assert_eq!(
        evaluate(&req(user("shirley"), "s3:GetObject", OBJ, A), &p),
        Decision::Allow
    );
}

#[test]
fn a_boundary_does_not_limit_a_resource_policy_naming_the_user_but_does_for_a_role() {
    // "Policy evaluation for requests within a single account" (resource-based policies and
    // permissions boundaries): a grant to the user ARN is not limited by an implicit deny in
    // the boundary; a grant to the role ARN is, because the role session is the principal;
    // a grant to the session ARN itself is not.
    let boundary = pol(vec![Statement::allow(&["sts:GetCallerIdentity"], &["*"])]);
    let bucket = |who: &str| {
        Some(pol(vec![
            Statement::allow(&["s3:*"], &["arn:aws:s3:::reports/*"]).principal_aws(&[who]),
        ]))
    };
    let u = Policies {
        boundary: Some(boundary.clone()),
        resource: bucket(&format!("arn:aws:iam::{A}:user/hector")),
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(user("hector"), "s3:GetObject", OBJ, A), &u),
        Decision::Allow
    );
    let role = Policies {
        boundary: Some(boundary.clone()),
        resource: bucket(&format!("arn:aws:iam::{A}:role/app")),
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(session("app"), "s3:GetObject", OBJ, A), &role),
        Decision::ImplicitDeny(PolicyType::PermissionsBoundary)
    );
    let sess = Policies {
        boundary: Some(boundary),
        resource: bucket(&format!("arn:aws:sts::{A}:assumed-role/app/s1")),
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(session("app"), "s3:GetObject", OBJ, A), &sess),
        Decision::Allow
    );
}

#[test]
fn a_session_policy_limits_the_role_session() {
    // "Session policies": the session's permissions are the intersection of the role's
    // identity-based policies and the session policy.
    let p = Policies {
        identity: vec![pol(vec![Statement::allow(&["s3:*"], &["*"])])],
        session: Some(pol(vec![Statement::allow(&["s3:ListBucket"], &["*"])])),
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&req(session("app"), "s3:GetObject", OBJ, A), &p),
        Decision::ImplicitDeny(PolicyType::SessionPolicy)
    );
    assert_eq!(
        evaluate(
            &req(session("app"), "s3:ListBucket", "arn:aws:s3:::reports", A),
            &p
        ),
        Decision::Allow
    );
}

#[test]
fn scps_must_allow_at_every_level_and_their_denies_win() {
    // "Service control policies (SCPs)" and "Policy evaluation logic": an SCP grants nothing,
    // every level must allow, and an SCP deny overrides any allow.
    let full = pol(vec![Statement::allow(&["*"], &["*"])]);
    let identity = vec![pol(vec![Statement::allow(&["*"], &["*"])])];
    let r = with(
        req(session("app"), "s3:GetObject", OBJ, A),
        "aws:RequestedRegion",
        &["us-east-1"],
    );
    let only_ec2 = pol(vec![Statement::allow(&["ec2:*"], &["*"])]);
    let p = Policies {
        scps: vec![vec![full.clone()], vec![only_ec2]],
        identity: identity.clone(),
        ..Policies::default()
    };
    assert_eq!(evaluate(&r, &p), Decision::ImplicitDeny(PolicyType::Scp));
    let region_guard = pol(vec![
        Statement {
            effect: Some(Effect::Deny),
            not_action: Some(crate::iam::policy::strings(&["iam:*", "sts:*"])),
            resource: Some(crate::iam::policy::strings(&["*"])),
            ..Statement::default()
        }
        .when(
            "StringNotEquals",
            "aws:RequestedRegion",
            &["ap-northeast-2"],
        ),
    ]);
    let p = Policies {
        scps: vec![vec![full.clone()], vec![full, region_guard]],
        identity,
        ..Policies::default()
    };
    assert_eq!(evaluate(&r, &p), Decision::ExplicitDeny(PolicyType::Scp));
    let seoul = with(
        req(session("app"), "s3:GetObject", OBJ, A),
        "aws:RequestedRegion",
        &["ap-northeast-2"],
    );
    assert_eq!(evaluate(&seoul, &p), Decision::Allow);
}

#[test]
fn cross_account_needs_both_sides() {
    // "Cross-account policy evaluation logic": the caller's account must allow the request
    // and the resource's policy must trust the caller (or its account).
    let r = req(user("dev"), "s3:GetObject", OBJ, B);
    let identity = pol(vec![Statement::allow(&["s3:GetObject"], &["*"])]);
    let bucket_trusting = |who: &str| {
        pol(vec![
            Statement::allow(&["s3:GetObject"], &["arn:aws:s3:::reports/*"]).principal_aws(&[who]),
        ])
    };
    let only_identity = Policies {
        identity: vec![identity.clone()],
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&r, &only_identity),
        Decision::ImplicitDeny(PolicyType::ResourceBased)
    );
    let only_resource = Policies {
        resource: Some(bucket_trusting(A)),
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&r, &only_resource),
        Decision::ImplicitDeny(PolicyType::IdentityBased)
    );
    let both = Policies {
        identity: vec![identity],
        resource: Some(bucket_trusting(&format!("arn:aws:iam::{A}:root"))),
        ..Policies::default()
    };
    assert_eq!(evaluate(&r, &both), Decision::Allow);
}

#[test]
fn a_kms_key_policy_must_allow_before_iam_policies_count() {
    // "Key policies in AWS KMS" with "Policy evaluation logic": IAM policies grant access to a
    // key only when its key policy allows the account; a key policy naming the caller is
    // enough on its own.
    let key = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let r = req(session("app"), "kms:Decrypt", key, A);
    let identity = pol(vec![Statement::allow(&["kms:Decrypt"], &[key])]);
    let admins_only = pol(vec![
        Statement::allow(&["kms:*"], &["*"])
            .principal_aws(&[&format!("arn:aws:iam::{A}:role/KeyAdmin")]),
    ]);
    let p = Policies {
        identity: vec![identity.clone()],
        resource: Some(admins_only),
        resource_required: true,
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&r, &p),
        Decision::ImplicitDeny(PolicyType::ResourceBased)
    );
    let enable_iam = pol(vec![
        Statement::allow(&["kms:*"], &["*"]).principal_aws(&[&format!("arn:aws:iam::{A}:root")]),
    ]);
    let p = Policies {
        identity: vec![identity],
        resource: Some(enable_iam.clone()),
        resource_required: true,
        ..Policies::default()
    };
    assert_eq!(evaluate(&r, &p), Decision::Allow);
    // Naming the account delegates: without an IAM policy, still denied.
    let p = Policies {
        resource: Some(enable_iam),
        resource_required: true,
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&r, &p),
        Decision::ImplicitDeny(PolicyType::IdentityBased)
    );
}

#[test]
fn a_role_trust_policy_decides_assume_role() {
    // "How to use trust policies with IAM roles": the trust policy is the role's
    // resource-based policy; across accounts the caller also needs sts:AssumeRole.
    let role = format!("arn:aws:iam::{B}:role/deploy");
    let caller = session("ci");
    let r = req(caller, "sts:AssumeRole", &role, B);
    let identity = pol(vec![Statement::allow(&["sts:AssumeRole"], &[&role])]);
    let trust = |who: &str| {
        pol(vec![
            Statement {
                effect: Some(Effect::Allow),
                action: Some(crate::iam::policy::strings(&["sts:AssumeRole"])),
                ..Statement::default()
            }
            .principal_aws(&[who]),
        ])
    };
    let wrong = Policies {
        identity: vec![identity.clone()],
        resource: Some(trust(&format!("arn:aws:iam::{A}:role/ci-old"))),
        resource_required: true,
        ..Policies::default()
    };
    assert_eq!(
        evaluate(&r, &wrong),
        Decision::ImplicitDeny(PolicyType::ResourceBased)
    );
    let right = Policies {
        resource: Some(trust(&format!("arn:aws:iam::{A}:role/ci"))),
        ..wrong
    };
    assert_eq!(evaluate(&r, &right), Decision::Allow);
}

#[test]
fn condition_operators_follow_the_documented_and_or_rules() {
    // "IAM JSON policy elements: Condition operators" and "Creating a condition with
    // multiple keys or values": keys are ANDed, the values of one key ORed; a negated
    // operator holds when no value matches, also when the key is missing; ...IfExists holds
    // for a missing key; Null checks presence.
    let base = || req(user("m"), "s3:GetObject", OBJ, A);
    let cond = |op: &str, key: &str, vals: &[&str]| Policies {
        identity: vec![pol(vec![
            Statement::allow(&["s3:*"], &["*"]).when(op, key, vals),
        ])],
        ..Policies::default()
    };
    let allowed = |p: &Policies, r: &Request| evaluate(r, p) == Decision::Allow;
    let r = with(base(), "aws:SourceIp", &["203.0.113.9"]);
    assert!(allowed(
        &cond(
            "IpAddress",
            "aws:SourceIp",
            &["198.51.100.0/24", "203.0.113.0/24"]
        ),
        &r
    ));
    assert!(!allowed(
        &cond("IpAddress", "aws:SourceIp", &["198.51.100.0/24"]),
        &r
    ));
    assert!(allowed(
        &cond("NotIpAddress", "aws:SourceIp", &["198.51.100.0/24"]),
        &r
    ));
    assert!(!allowed(
        &cond("StringEquals", "aws:PrincipalTag/team", &["data"]),
        &base()
    ));
    assert!(allowed(
        &cond("StringNotEquals", "aws:PrincipalTag/team", &["data"]),
        &base()
    ));
    assert!(allowed(
        &cond("StringEqualsIfExists", "aws:PrincipalTag/team", &["data"]),
        &base()
    ));
    assert!(allowed(
        &cond("Null", "aws:PrincipalTag/team", &["true"]),
        &base()
    ));
    let tagged = with(base(), "aws:PrincipalTag/team", &["data"]);
    assert!(!allowed(
        &cond("Null", "aws:PrincipalTag/team", &["true"]),
        &tagged
    ));
    assert!(allowed(
        &cond("StringLike", "aws:PrincipalTag/team", &["da*"]),
        &tagged
    ));
    assert!(!allowed(
        &cond("StringEquals", "aws:PrincipalTag/team", &["Data"]),
        &tagged
    ));
    assert!(allowed(
        &cond("StringEqualsIgnoreCase", "aws:PrincipalTag/team", &["Data"]),
        &tagged
    ));
    let tls = with(base(), "aws:SecureTransport", &["true"]);
    assert!(allowed(
        &cond("Bool", "aws:SecureTransport", &["true"]),
        &tls
    ));
    assert!(!allowed(
        &cond("Bool", "aws:SecureTransport", &["false"]),
        &tls
    ));
    let arn = with(
        base(),
        "aws:PrincipalArn",
        &["arn:aws:iam::111122223333:role/app-prod"],
    );
    assert!(allowed(
        &cond(
            "ArnLike",
            "aws:PrincipalArn",
            &["arn:aws:iam::*:role/app-*"]
        ),
        &arn
    ));
    // Two keys in one operator: both must hold.
    let two = Policies {
        identity: vec![pol(vec![
            Statement::allow(&["s3:*"], &["*"])
                .when("StringEquals", "aws:PrincipalTag/team", &["data"])
                .when("StringEquals", "aws:RequestedRegion", &["ap-northeast-2"]),
        ])],
        ..Policies::default()
    };
    assert!(!allowed(&two, &tagged));
    assert!(allowed(
        &two,
        &with(tagged.clone(), "aws:RequestedRegion", &["ap-northeast-2"])
    ));
    // Multivalued keys: ForAllValues holds for an empty set; ForAnyValue needs one match.
    let tags = with(base(), "aws:TagKeys", &["env", "owner"]);
    assert!(allowed(
        &cond(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            &["env", "owner", "cost"]
        ),
        &tags
    ));
    assert!(!allowed(
        &cond("ForAllValues:StringEquals", "aws:TagKeys", &["env"]),
        &tags
    ));
    assert!(allowed(
        &cond("ForAllValues:StringEquals", "aws:TagKeys", &["env"]),
        &base()
    ));
    assert!(allowed(
        &cond("ForAnyValue:StringEquals", "aws:TagKeys", &["owner"]),
        &tags
    ));
    assert!(!allowed(
        &cond("ForAnyValue:StringEquals", "aws:TagKeys", &["owner"]),
        &base()
    ));
    // An operator we do not know never matches.
    assert!(!allowed(
        &cond("DateSometime", "aws:CurrentTime", &["x"]),
        &r
    ));
}

#[test]
fn policy_variables_are_replaced_from_the_request() {
    // "IAM policy elements: Variables and tags": ${aws:username} in a Resource.
    let p = Policies {
        identity: vec![pol(vec![Statement::allow(
            &["s3:GetObject"],
            &["arn:aws:s3:::home/${aws:username}/*"],
        )])],
        ..Policies::default()
    };
    let r = |who: &str, key: &str| {
        with(
            req(
                user(who),
                "s3:GetObject",
                &format!("arn:aws:s3:::home/{key}"),
                A,
            ),
            "aws:username",
            &[who],
        )
    };
    assert_eq!(evaluate(&r("mary", "mary/a.txt"), &p), Decision::Allow);
    assert_eq!(
        evaluate(&r("mary", "bob/a.txt"), &p),
        Decision::ImplicitDeny(PolicyType::IdentityBased)
    );
}

#[test]
fn cidr_matching() {
    assert!(in_cidr("10.0.0.0/8", "10.20.30.40"));
    assert!(!in_cidr("10.0.0.0/8", "11.0.0.1"));
    assert!(in_cidr("203.0.113.7", "203.0.113.7"));
    assert!(in_cidr("0.0.0.0/0", "8.8.8.8"));
    assert!(in_cidr("2001:db8::/32", "2001:db8:1::5"));
    assert!(!in_cidr("2001:db8::/32", "10.0.0.1"));
    assert!(!in_cidr("not-an-ip", "10.0.0.1"));
}
