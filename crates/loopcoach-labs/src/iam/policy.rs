//! The IAM JSON policy language as documented in the IAM User Guide ("IAM JSON policy element
//! reference"): a document with `Version` and `Statement`, statements with `Effect`,
//! `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource` and `Condition`.
//! Policies are read and written with serde, so the lab's JSON is the same model the
//! evaluator (`eval.rs`) decides with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The only policy language version with policy variables ("IAM JSON policy elements:
/// Version").
pub(crate) const VERSION: &str = "2012-10-17";

/// A policy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Policy {
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub statement: OneOrMany<Statement>,
}

impl Policy {
    pub fn new(statements: Vec<Statement>) -> Self {
        Self {
            version: VERSION.to_string(),
            id: None,
            statement: OneOrMany(statements),
        }
    }

    pub fn statements(&self) -> &[Statement] {
        &self.statement.0
    }
}

/// A JSON value that is one item or an array of items (`"Action": "s3:GetObject"` or
/// `"Action": ["s3:GetObject", "s3:ListBucket"]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct OneOrMany<T>(pub Vec<T>);

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.len() == 1 {
            self.0[0].serialize(s)
        } else {
            self.0.serialize(s)
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Many(Vec<T>),
            One(T),
        }
        Ok(match Either::deserialize(d)? {
            Either::Many(v) => OneOrMany(v),
            Either::One(v) => OneOrMany(vec![v]),
        })
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Effect {
    Allow,
    Deny,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Statement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    pub effect: Option<Effect>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<Principal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_principal: Option<Principal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_action: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_resource: Option<OneOrMany<String>>,
    /// Operator → condition key → values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<BTreeMap<String, BTreeMap<String, OneOrMany<Scalar>>>>,
}

impl Statement {
    pub fn allow(actions: &[&str], resources: &[&str]) -> Self {
        Self {
            effect: Some(Effect::Allow),
            action: Some(strings(actions)),
            resource: Some(strings(resources)),
            ..Self::default()
        }
    }

    pub fn deny(actions: &[&str], resources: &[&str]) -> Self {
        Self {
            effect: Some(Effect::Deny),
            ..Self::allow(actions, resources)
        }
    }

    pub fn sid(mut self, sid: &str) -> Self {
        self.sid = Some(sid.to_string());
        self
    }

    pub fn principal_aws(mut self, arns: &[&str]) -> Self {
        self.principal = Some(Principal::Map(BTreeMap::from([(
            "AWS".to_string(),
            strings(arns),
        )])));
        self
    }

    pub fn when(mut self, operator: &str, key: &str, values: &[&str]) -> Self {
        self.condition
            .get_or_insert_with(BTreeMap::new)
            .entry(operator.to_string())
            .or_default()
            .insert(
                key.to_string(),
                OneOrMany(
                    values
                        .iter()
                        .map(|v| Scalar::Str((*v).to_string()))
                        .collect(),
                ),
            );
        self
    }
}

pub(crate) fn strings(v: &[&str]) -> OneOrMany<String> {
    OneOrMany(v.iter().map(|s| (*s).to_string()).collect())
}

/// `"Principal": "*"` or `{"AWS": …, "Service": …, "Federated": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Principal {
    Star(String),
    Map(BTreeMap<String, OneOrMany<String>>),
}

/// A condition value: JSON strings, booleans and numbers are all compared as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Str(String),
    Bool(bool),
    Num(serde_json::Number),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Str(s) => s.clone(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Num(n) => n.to_string(),
        }
    }
}

/// `*` matches any run of characters (also none), `?` exactly one ("IAM JSON policy
/// elements: Action" and "Resource": wildcards). `fold` compares ignoring ASCII case.
pub(crate) fn glob(pattern: &str, text: &str, fold: bool) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let eq = |a: char, b: char| {
        if fold {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    // Iterative matching with one backtrack point for the last `*`.
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && eq(p[pi], t[ti]))) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// An action matches ignoring case ("Action": "Action names are case insensitive"); a
/// pattern without a service prefix matches nothing but `*`.
pub(crate) fn action_matches(pattern: &str, action: &str) -> bool {
    glob(pattern, action, true)
}

/// ARN matching as `ArnLike` and the `Resource` element do it: each of the six
/// colon-delimited parts is matched on its own, wildcards allowed in every part; `*` alone
/// matches every resource.
pub(crate) fn arn_matches(pattern: &str, arn: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    if p.len() != 6 || a.len() != 6 {
        return glob(pattern, arn, false);
    }
    p.iter().zip(&a).all(|(p, a)| glob(p, a, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_as_documented() {
        assert!(glob("s3:Get*", "s3:GetObject", false));
        assert!(glob("s3:*Object", "s3:GetObject", false));
        assert!(glob("iam:*AccessKey*", "iam:ListAccessKeys", false));
        assert!(!glob("s3:Get?", "s3:GetObject", false));
        assert!(glob("s3:Ge?Object", "s3:GetObject", false));
        assert!(glob("*", "", false));
        assert!(!glob("a*b", "ac", false));
        assert!(action_matches("S3:getobject", "s3:GetObject"));
        assert!(!glob("S3:getobject", "s3:GetObject", false));
        assert!(arn_matches(
            "arn:aws:s3:::bucket/home/*",
            "arn:aws:s3:::bucket/home/a/b.txt"
        ));
        assert!(!arn_matches(
            "arn:aws:s3:::bucket/home/*",
            "arn:aws:s3:::bucket/other.txt"
        ));
        // A wildcard in the account part matches that part only.
        assert!(arn_matches(
            "arn:aws:iam::*:role/deploy",
            "arn:aws:iam::111122223333:role/deploy"
        ));
        assert!(!arn_matches(
            "arn:aws:iam::*:role/deploy",
            "arn:aws:iam::111122223333:role/other"
        ));
    }

    #[test]
    fn one_or_many_round_trips_as_json() {
        let json = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b"],"Condition":{"Bool":{"aws:SecureTransport":false}}}}"#;
        let p: Policy = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.statements().len(), 1);
        let s = &p.statements()[0];
        assert_eq!(s.action.as_ref().map(|a| a.0.len()), Some(1));
        assert_eq!(s.resource.as_ref().map(|a| a.0.len()), Some(2));
        let v = &s.condition.as_ref().unwrap_or_else(|| panic!())["Bool"]["aws:SecureTransport"];
        assert_eq!(v.0[0].text(), "false");
        let back = serde_json::to_string(&p).unwrap_or_default();
        assert!(back.contains("\"Action\":\"s3:GetObject\""), "{back}");
    }
}
