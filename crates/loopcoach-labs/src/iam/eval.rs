//! Our implementation of the documented IAM policy evaluation logic (IAM User Guide, "Policy
//! evaluation logic", "Policy evaluation for requests within a single account",
//! "Cross-account policy evaluation logic", "Permissions boundaries for IAM entities",
//! "Session policies", "IAM JSON policy elements: Condition operators"). Pure: a request
//! context and the policies that apply go in, a decision naming the policy type that decided
//! comes out; the lab's AccessDenied text and CloudTrail record are written from it.
//!
//! The order: an explicit deny in any policy denies; with an organization, every level of
//! SCPs must allow; a resource-based policy may allow by itself within one account (for a
//! user ARN or a role session ARN; for a role ARN the boundary and session policy still
//! apply); otherwise the identity-based policies must allow, then the permissions boundary
//! and the session policy, if any. Across accounts both sides must allow. A KMS key policy
//! and a role trust policy must allow (directly, or by naming the account so that IAM
//! policies take effect).

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::policy::{Effect, action_matches};
use super::policy::{OneOrMany, Policy, Principal, Scalar, Statement, arn_matches, glob};

/// Which kind of policy decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PolicyType {
    Scp,
    ResourceBased,
    IdentityBased,
    PermissionsBoundary,
    SessionPolicy,
}

impl PolicyType {
    /// The words AWS uses in an access denied message ("Access denied error messages").
    pub fn phrase(self) -> &'static str {
        match self {
            PolicyType::Scp => "service control policy",
            PolicyType::ResourceBased => "resource-based policy",
            PolicyType::IdentityBased => "identity-based policy",
            PolicyType::PermissionsBoundary => "permissions boundary",
            PolicyType::SessionPolicy => "session policy",
        }
    }
}

/// The outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    Allow,
    /// A matching `Deny` statement in a policy of this type.
    ExplicitDeny(PolicyType),
    /// No policy of this type allows the request (and it had to).
    ImplicitDeny(PolicyType),
}

/// Who makes the request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Caller {
    /// The principal as the request carries it: a user ARN or an assumed-role session ARN.
    pub arn: String,
    pub account: String,
    /// For a role session, the role's ARN.
    pub role_arn: Option<String>,
}

/// The request context.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Request {
    pub caller: Caller,
    pub action: String,
    pub resource: String,
    pub resource_account: String,
    /// Condition keys (any case) and their values.
    pub context: BTreeMap<String, Vec<String>>,
}

impl Request {
    fn value(&self, key: &str) -> Option<&Vec<String>> {
        self.context
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty())
    }
}

/// The policies that apply to one request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Policies {
    /// One entry per level of the organization (root, OUs, account); empty without one.
    pub scps: Vec<Vec<Policy>>,
    pub identity: Vec<Policy>,
    pub boundary: Option<Policy>,
    pub session: Option<Policy>,
    pub resource: Option<Policy>,
    /// The resource policy must allow (a KMS key policy, a role trust policy).
    pub resource_required: bool,
}

/// How a resource-based policy's `Principal` names the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Named {
    /// The account (`123456789012` or `arn:aws:iam::123456789012:root`): the account's IAM
    /// policies decide.
    Account,
    /// The role whose session makes the request.
    Role,
    /// The user, the role session itself, or everyone (`*`).
    Exactly,
}

/// Decides `req` under `p`.
pub(crate) fn evaluate(req: &Request, p: &Policies) -> Decision {
    // 1. Deny evaluation: an explicit deny in any applicable policy.
    let scps: Vec<&Policy> = p.scps.iter().flatten().collect();
    let identity: Vec<&Policy> = p.identity.iter().collect();
    let order: [(PolicyType, Vec<&Policy>); 5] = [
        (PolicyType::Scp, scps),
        (PolicyType::ResourceBased, p.resource.iter().collect()),
        (PolicyType::IdentityBased, identity.clone()),
        (PolicyType::PermissionsBoundary, p.boundary.iter().collect()),
        (PolicyType::SessionPolicy, p.session.iter().collect()),
    ];
    for (ty, policies) in &order {
        let with_principal = *ty == PolicyType::ResourceBased;
        if policies
            .iter()
            .any(|pol| matches(pol, req, Effect::Deny, with_principal).is_some())
        {
            return Decision::ExplicitDeny(*ty);
        }
    }
    // 2. Organizations: every level must allow.
    if p.scps
        .iter()
        .any(|level| !level.iter().any(|pol| allows(pol, req)))
    {
        return Decision::ImplicitDeny(PolicyType::Scp);
    }
    let named = p
        .resource
        .as_ref()
        .and_then(|pol| matches(pol, req, Effect::Allow, true));
    let identity_ok = identity.iter().any(|pol| allows(pol, req));
    let boundary_ok = p.boundary.as_ref().is_none_or(|pol| allows(pol, req));
    let session_ok = p.session.as_ref().is_none_or(|pol| allows(pol, req));
    let principal_side = || {
        if !identity_ok {
            Some(PolicyType::IdentityBased)
        } else if !boundary_ok {
            Some(PolicyType::PermissionsBoundary)
        } else if !session_ok {
            Some(PolicyType::SessionPolicy)
        } else {
            None
        }
    };
    let same_account = req.caller.account == req.resource_account;
    // 3. Resource-based policies, within one account.
    if same_account {
        match named {
            Some(Named::Exactly) => return Decision::Allow,
            Some(Named::Role) => {
                return if !boundary_ok {
                    Decision::ImplicitDeny(PolicyType::PermissionsBoundary)
                } else if !session_ok {
                    Decision::ImplicitDeny(PolicyType::SessionPolicy)
                } else {
                    Decision::Allow
                };
            }
            None if p.resource_required => {
                return Decision::ImplicitDeny(PolicyType::ResourceBased);
            }
            _ => {}
        }
        return principal_side().map_or(Decision::Allow, Decision::ImplicitDeny);
    }
    // Across accounts: the caller's account must allow, then the resource's.
    if let Some(ty) = principal_side() {
        return Decision::ImplicitDeny(ty);
    }
    if named.is_none() {
        return Decision::ImplicitDeny(PolicyType::ResourceBased);
    }
    Decision::Allow
}

fn allows(pol: &Policy, req: &Request) -> bool {
    matches(pol, req, Effect::Allow, false).is_some()
}

/// The strongest way a statement of `effect` in `pol` applies to `req`; for a policy without
/// principals, `Exactly` when any applies.
fn matches(pol: &Policy, req: &Request, effect: Effect, with_principal: bool) -> Option<Named> {
    pol.statements()
        .iter()
        .filter(|s| s.effect == Some(effect))
        .filter(|s| applies(s, req))
        .filter_map(|s| {
            if !with_principal {
                return Some(Named::Exactly);
            }
            match (&s.principal, &s.not_principal) {
                (Some(pr), _) => principal_named(pr, &req.caller),
                // NotPrincipal: everyone the element does not name.
                (None, Some(np)) => principal_named(np, &req.caller)
                    .is_none()
                    .then_some(Named::Exactly),
                (None, None) => None,
            }
        })
        .max()
}

fn applies(s: &Statement, req: &Request) -> bool {
    let any = |v: &Option<OneOrMany<String>>, f: &dyn Fn(&str) -> bool| {
        v.as_ref().is_some_and(|v| v.0.iter().any(|x| f(x)))
    };
    let action_ok = if s.action.is_some() {
        any(&s.action, &|a| action_matches(a, &req.action))
    } else {
        s.not_action.is_some() && !any(&s.not_action, &|a| action_matches(a, &req.action))
    };
    let res = |pattern: &str| {
        substitute(pattern, req).is_some_and(|pat| arn_matches(&pat, &req.resource))
    };
    let resource_ok = if s.resource.is_some() {
        any(&s.resource, &res)
    } else if s.not_resource.is_some() {
        !any(&s.not_resource, &res)
    } else {
        // A trust policy has no Resource: the role it is attached to.
        true
    };
    action_ok && resource_ok && s.condition.as_ref().is_none_or(|c| conditions_hold(c, req))
}

fn principal_named(p: &Principal, caller: &Caller) -> Option<Named> {
    let values: Vec<&str> = match p {
        Principal::Star(s) => vec![s.as_str()],
        Principal::Map(m) => m
            .get("AWS")
            .map(|v| v.0.iter().map(String::as_str).collect())
            .unwrap_or_default(),
    };
    values
        .iter()
        .filter_map(|v| {
            if *v == "*" || *v == caller.arn {
                Some(Named::Exactly)
            } else if *v == caller.account || *v == format!("arn:aws:iam::{}:root", caller.account)
            {
                Some(Named::Account)
            } else if Some(*v) == caller.role_arn.as_deref() {
                Some(Named::Role)
            } else {
                None
            }
        })
        .max()
}

/// Replaces policy variables (`${aws:username}`, `${*}`, ...) with the request's values;
/// `None` when a variable has no single value ("IAM policy elements: Variables and tags").
fn substitute(text: &str, req: &Request) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}')? + start;
        let name = &rest[start + 2..end];
        match name {
            "*" | "?" | "$" => out.push_str(name),
            key => match req.value(key) {
                Some(v) if v.len() == 1 => out.push_str(&v[0]),
                _ => return None,
            },
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Every operator must hold, and within one every key (AND); the values of one key are
/// alternatives (OR), and a negated operator holds when none of them matches.
fn conditions_hold(
    c: &BTreeMap<String, BTreeMap<String, OneOrMany<Scalar>>>,
    req: &Request,
) -> bool {
    c.iter().all(|(op, keys)| {
        keys.iter()
            .all(|(key, values)| condition(op, key, &values.0, req))
    })
}

#[derive(Clone, Copy, PartialEq)]
enum SetOp {
    Single,
    ForAll,
    ForAny,
}

fn condition(op: &str, key: &str, values: &[Scalar], req: &Request) -> bool {
    let (set, op) = if let Some(rest) = op.strip_prefix("ForAllValues:") {
        (SetOp::ForAll, rest)
    } else if let Some(rest) = op.strip_prefix("ForAnyValue:") {
        (SetOp::ForAny, rest)
    } else {
        (SetOp::Single, op)
    };
    let (op, if_exists) = match op.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (op, false),
    };
    let policy: Vec<String> = values
        .iter()
        .filter_map(|v| substitute(&v.text(), req))
        .collect();
    let present = req.value(key);
    if op == "Null" {
        // "true": the key must be absent.
        let want_absent = policy.iter().any(|v| v.eq_ignore_ascii_case("true"));
        return present.is_none() == want_absent;
    }
    let (negated, positive) = match op {
        "StringNotEquals" => (true, "StringEquals"),
        "StringNotEqualsIgnoreCase" => (true, "StringEqualsIgnoreCase"),
        "StringNotLike" => (true, "StringLike"),
        "ArnNotEquals" => (true, "ArnEquals"),
        "ArnNotLike" => (true, "ArnLike"),
        "NumericNotEquals" => (true, "NumericEquals"),
        "NotIpAddress" => (true, "IpAddress"),
        other => (false, other),
    };
    let Some(request) = present else {
        // A missing key: no match, so a negated operator holds; `IfExists` holds;
        // ForAllValues over an empty set holds, ForAnyValue does not.
        return if_exists
            || match set {
                SetOp::ForAll => true,
                SetOp::ForAny => false,
                SetOp::Single => negated,
            };
    };
    let hit = |r: &str| policy.iter().any(|p| compare(positive, p, r));
    let holds = |r: &str| hit(r) != negated;
    match set {
        SetOp::ForAll => request.iter().all(|r| holds(r)),
        SetOp::ForAny => request.iter().any(|r| holds(r)),
        SetOp::Single => {
            if negated {
                !request.iter().any(|r| hit(r))
            } else {
                request.iter().any(|r| hit(r))
            }
        }
    }
}

fn compare(op: &str, policy: &str, request: &str) -> bool {
    let num = |s: &str| s.trim().parse::<f64>().ok();
    match op {
        "StringEquals" => policy == request,
        "StringEqualsIgnoreCase" => policy.to_lowercase() == request.to_lowercase(),
        "StringLike" => glob(policy, request, false),
        "ArnEquals" | "ArnLike" => arn_matches(policy, request),
        "Bool" => policy.eq_ignore_ascii_case(request),
        "IpAddress" => in_cidr(policy, request),
        "NumericEquals" => num(policy).zip(num(request)).is_some_and(|(p, r)| r == p),
        "NumericLessThan" => num(policy).zip(num(request)).is_some_and(|(p, r)| r < p),
        "NumericLessThanEquals" => num(policy).zip(num(request)).is_some_and(|(p, r)| r <= p),
        "NumericGreaterThan" => num(policy).zip(num(request)).is_some_and(|(p, r)| r > p),
        "NumericGreaterThanEquals" => num(policy).zip(num(request)).is_some_and(|(p, r)| r >= p),
        // An operator we do not implement never matches (fail closed).
        _ => false,
    }
}

/// Whether `ip` is in `cidr` (a bare address is a /32 or /128).
pub(crate) fn in_cidr(cidr: &str, ip: &str) -> bool {
    let (net, bits) = match cidr.split_once('/') {
        Some((n, b)) => (n, b.parse::<u32>().ok()),
        None => (cidr, None),
    };
    let (Ok(net), Ok(ip)) = (net.trim().parse::<IpAddr>(), ip.trim().parse::<IpAddr>()) else {
        return false;
    };
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let bits = bits.unwrap_or(32).min(32);
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let bits = bits.unwrap_or(128).min(128);
            let mask = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits)
            };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod tests;
