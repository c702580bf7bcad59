//! IAM labs: an AccessDenied case. The policies that apply to the request (identity-based,
//! permissions boundary, SCPs, the bucket, key or trust policy) are built as a structured
//! model, written as IAM JSON, read back and decided by our own implementation of the
//! documented evaluation logic (`eval.rs`). The CLI's AccessDenied message and the CloudTrail
//! record are written from that decision (`render.rs`), so what the customer pastes says what
//! the evaluator found, in AWS's words.

mod eval;
mod policy;
mod render;

use std::collections::BTreeMap;

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;

use crate::common::{Built, LabInfo, Spec, bad, json_pretty, pick, range, text};
use crate::{LabError, LabFile};

use eval::{Caller, Decision, Policies, PolicyType, Request, evaluate};
use policy::{Effect, Policy, Statement, strings};

pub(crate) const FAULTS: &[&str] = &[
    "iam/identity-policy-deny",
    "iam/scp-deny",
    "iam/permission-boundary",
    "iam/trust-policy",
    "iam/kms-key-policy",
];

const APPS: &[&str] = &["orders", "billing", "report", "ledger", "catalog", "payout"];
const HOME: &str = "ap-northeast-2";

/// What the customer ran.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    GetObject {
        bucket: String,
        key: String,
    },
    PutObject {
        bucket: String,
        key: String,
    },
    AssumeRole {
        role: String,
        session: String,
        external_id: Option<String>,
    },
    Decrypt {
        key: String,
    },
}

impl Op {
    pub fn action(&self) -> &'static str {
        match self {
            Op::GetObject { .. } => "s3:GetObject",
            Op::PutObject { .. } => "s3:PutObject",
            Op::AssumeRole { .. } => "sts:AssumeRole",
            Op::Decrypt { .. } => "kms:Decrypt",
        }
    }

    pub fn resource(&self) -> String {
        match self {
            Op::GetObject { bucket, key } | Op::PutObject { bucket, key } => {
                format!("arn:aws:s3:::{bucket}/{key}")
            }
            Op::AssumeRole { role, .. } => role.clone(),
            Op::Decrypt { key } => key.clone(),
        }
    }
}

/// One lab's case: who, what, and the policy files.
pub(crate) struct Case {
    pub caller: Caller,
    pub role_name: String,
    pub session: String,
    pub op: Op,
    pub region: String,
    pub source_ip: String,
    pub vpce: Option<String>,
    pub resource_account: String,
    /// Paths under `policies/` and the documents.
    pub files: Vec<(String, Policy)>,
    pub boundary_name: Option<String>,
}

impl Case {
    pub fn request(&self) -> Request {
        let mut context: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut put = |k: &str, v: &str| {
            context.insert(k.to_string(), vec![v.to_string()]);
        };
        put("aws:SourceIp", &self.source_ip);
        put("aws:RequestedRegion", &self.region);
        put("aws:SecureTransport", "true");
        put("aws:ViaAWSService", "false");
        put("aws:PrincipalAccount", &self.caller.account);
        put(
            "aws:PrincipalArn",
            self.caller.role_arn.as_deref().unwrap_or(&self.caller.arn),
        );
        if let Some(v) = &self.vpce {
            put("aws:SourceVpce", v);
        }
        if let Op::AssumeRole {
            external_id: Some(id),
            ..
        } = &self.op
        {
            put("sts:ExternalId", id);
        }
        Request {
            caller: self.caller.clone(),
            action: self.op.action().to_string(),
            resource: self.op.resource(),
            resource_account: self.resource_account.clone(),
            context,
        }
    }
}

fn digits(r: &mut ChaCha20Rng, n: usize) -> String {
    (0..n)
        .map(|i| {
            let d = r.next_u32() % 10;
            char::from(b'0' + if i == 0 { 1 + (d % 9) as u8 } else { d as u8 })
        })
        .collect()
}

pub(crate) fn upper_id(r: &mut ChaCha20Rng, prefix: &str, n: usize) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let tail: String = (0..n)
        .map(|_| char::from(A[(r.next_u32() % 32) as usize]))
        .collect();
    format!("{prefix}{tail}")
}

fn doc(statements: Vec<Statement>) -> Policy {
    Policy::new(statements)
}

/// The root's FullAWSAccess SCP, attached everywhere by default.
fn full_aws_access() -> Policy {
    doc(vec![Statement::allow(&["*"], &["*"])])
}

/// The common "deny outside these regions" SCP (global services exempt).
fn region_guard(regions: &[&str]) -> Policy {
    doc(vec![
        Statement {
            effect: Some(Effect::Deny),
            not_action: Some(strings(&[
                "iam:*",
                "organizations:*",
                "sts:*",
                "support:*",
                "cloudfront:*",
                "route53:*",
                "waf:*",
                "budgets:*",
            ])),
            resource: Some(strings(&["*"])),
            ..Statement::default()
        }
        .sid("DenyOutsideApprovedRegions")
        .when("StringNotEquals", "aws:RequestedRegion", regions),
    ])
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let mut r = spec.rng("names");
    let org = *pick(&mut r, crate::common::ORGS);
    let app = *pick(&mut r, APPS);
    let account = digits(&mut r, 12);
    let other_account = digits(&mut r, 12);
    let variant = r.next_u32() % 2;
    let instance = format!("i-0{:016x}", r.next_u64() & 0x0fff_ffff_ffff_ffff);
    let private_ip = format!(
        "10.{}.{}.{}",
        range(&mut r, 10, 40),
        range(&mut r, 1, 30),
        range(&mut r, 4, 250)
    );
    let nat_ip = format!(
        "3.{}.{}.{}",
        range(&mut r, 34, 39),
        range(&mut r, 1, 250),
        range(&mut r, 1, 250)
    );
    let vpce = format!("vpce-0{:016x}", r.next_u64() & 0x0fff_ffff_ffff_ffff);
    let bucket = format!("{org}-{app}-data");
    let month = range(&mut r, 1, 12);
    let role_name = format!("{app}-app");
    let role_arn = format!("arn:aws:iam::{account}:role/{role_name}");
    let fault = spec.causes.first().map(String::as_str).unwrap_or(FAULTS[0]);
    let session = if fault == "iam/trust-policy" {
        // CodeBuild names its sessions after the build.
        format!(
            "AWSCodeBuild-{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            r.next_u32(),
            r.next_u32() & 0xffff,
            r.next_u32() & 0xfff,
            r.next_u32() & 0xfff,
            r.next_u64() & 0xffff_ffff_ffff
        )
    } else {
        instance.clone()
    };
    let caller_role = if fault == "iam/trust-policy" {
        format!("{app}-ci")
    } else {
        role_name.clone()
    };
    let caller_role_arn = format!("arn:aws:iam::{account}:role/{caller_role}");
    let caller = Caller {
        arn: format!("arn:aws:sts::{account}:assumed-role/{caller_role}/{session}"),
        account: account.clone(),
        role_arn: Some(caller_role_arn.clone()),
    };
    let bucket_arn = format!("arn:aws:s3:::{bucket}");
    let objects = format!("{bucket_arn}/*");
    let mut files: Vec<(String, Policy)> = Vec::new();
    let mut region = HOME.to_string();
    let mut source_ip = private_ip.clone();
    let mut use_vpce = true;
    let mut resource_account = account.clone();
    let mut boundary_name = None;
    let key_id = format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        r.next_u32(),
        r.next_u32() & 0xffff,
        r.next_u32() & 0xfff,
        0x8000 | (r.next_u32() & 0x3fff),
        r.next_u64() & 0xffff_ffff_ffff
    );
    let key_arn = format!("arn:aws:kms:{HOME}:{account}:key/{key_id}");

    // The role's own permissions.
    files.push((
        format!("identity/{app}-s3-access.json"),
        doc(vec![
            Statement::allow(&["s3:ListBucket"], &[&bucket_arn]).sid("ListBucket"),
            Statement::allow(&["s3:GetObject", "s3:PutObject"], &[&objects])
                .sid("ReadWriteObjects"),
        ]),
    ));
    let op = match fault {
        "iam/identity-policy-deny" => {
            let restricted = *pick(&mut r, &["pii", "finance", "hr", "audit"]);
            let key = format!("{restricted}/2026/{month:02}/export.csv");
            if variant == 0 {
                // A guardrail denies a prefix to everyone but the approved role.
                let exempt = if spec.has(fault) {
                    format!("arn:aws:iam::{account}:role/{app}-etl")
                } else {
                    role_arn.clone()
                };
                files.push((
                    format!("identity/{org}-data-guardrail.json"),
                    doc(vec![
                        Statement::deny(
                            &["s3:GetObject", "s3:PutObject"],
                            &[&format!("{bucket_arn}/{restricted}/*")],
                        )
                        .sid("DenyRestrictedPrefix")
                        .when(
                            "ArnNotEquals",
                            "aws:PrincipalArn",
                            &[&exempt],
                        ),
                    ]),
                ));
            } else {
                // "Deny outside the corporate network": the instance reaches S3 through a
                // NAT gateway whose address is not listed.
                use_vpce = false;
                source_ip = nat_ip.clone();
                let mut cidrs = vec!["211.45.60.0/24".to_string(), "121.134.8.0/23".to_string()];
                if !spec.has(fault) {
                    cidrs.push(format!("{nat_ip}/32"));
                }
                let cidrs: Vec<&str> = cidrs.iter().map(String::as_str).collect();
                files.push((
                    format!("identity/{org}-ip-restriction.json"),
                    doc(vec![
                        Statement::deny(&["*"], &["*"])
                            .sid("DenyOutsideCorporateNetwork")
                            .when("NotIpAddress", "aws:SourceIp", &cidrs)
                            .when("Bool", "aws:ViaAWSService", &["false"]),
                    ]),
                ));
            }
            Op::GetObject {
                bucket: bucket.clone(),
                key,
            }
        }
        "iam/scp-deny" => {
            let dr = *pick(&mut r, &["us-west-2", "eu-west-1", "ap-southeast-1"]);
            region = dr.to_string();
            use_vpce = false;
            source_ip = nat_ip.clone();
            let allowed: Vec<&str> = if spec.has(fault) {
                vec![HOME, "us-east-1"]
            } else {
                vec![HOME, "us-east-1", dr]
            };
            files.push((
                "scp/ou-workloads/region-guard.json".to_string(),
                region_guard(&allowed),
            ));
            let dr_bucket = format!("{bucket}-dr-{dr}");
            files[0].1 = doc(vec![
                Statement::allow(
                    &["s3:ListBucket"],
                    &[&bucket_arn, &format!("arn:aws:s3:::{dr_bucket}")],
                )
                .sid("ListBucket"),
                Statement::allow(
                    &["s3:GetObject", "s3:PutObject"],
                    &[&objects, &format!("arn:aws:s3:::{dr_bucket}/*")],
                )
                .sid("ReadWriteObjects"),
            ]);
            Op::GetObject {
                bucket: dr_bucket,
                key: format!("snapshots/2026-{month:02}-01/{app}.parquet"),
            }
        }
        "iam/permission-boundary" => {
            let name = format!("{org}-developer-boundary");
            let mut actions = vec![
                "s3:GetObject",
                "s3:ListBucket",
                "logs:*",
                "cloudwatch:*",
                "ssm:GetParameter*",
            ];
            if !spec.has(fault) {
                actions.push("s3:PutObject");
            }
            files.push((
                format!("boundary/{name}.json"),
                doc(vec![
                    Statement::allow(&actions, &["*"]).sid("BoundaryAllowedServices"),
                ]),
            ));
            boundary_name = Some(name);
            Op::PutObject {
                bucket: bucket.clone(),
                key: format!("exports/2026/{month:02}/{app}-daily.csv"),
            }
        }
        "iam/trust-policy" => {
            resource_account = other_account.clone();
            let target = format!("arn:aws:iam::{other_account}:role/{app}-deploy");
            files[0] = (
                format!("identity/{app}-ci-assume-deploy.json"),
                doc(vec![
                    Statement::allow(&["sts:AssumeRole"], &[&target]).sid("AssumeDeployRole"),
                ]),
            );
            let external = format!("{org}-{}", digits(&mut r, 6));
            let (principal, condition, passed) = match (variant, spec.has(fault)) {
                (0, true) => (
                    format!("arn:aws:iam::{account}:role/{app}-ci-legacy"),
                    None,
                    None,
                ),
                (0, false) => (caller_role_arn.clone(), None, None),
                (_, broken) => (
                    caller_role_arn.clone(),
                    Some(external.clone()),
                    (!broken).then(|| external.clone()),
                ),
            };
            let mut trust = Statement {
                effect: Some(Effect::Allow),
                action: Some(strings(&["sts:AssumeRole"])),
                ..Statement::default()
            }
            .sid("TrustCiRole")
            .principal_aws(&[&principal]);
            if let Some(id) = &condition {
                trust = trust.when("StringEquals", "sts:ExternalId", &[id]);
            }
            files.push(("resource/trust-policy.json".to_string(), doc(vec![trust])));
            use_vpce = false;
            source_ip = nat_ip.clone();
            Op::AssumeRole {
                role: target,
                session: format!("deploy-{}", digits(&mut r, 6)),
                external_id: passed,
            }
        }
        _ => {
            // kms/key-policy: the key policy names the admins and another workload only.
            files.push((
                format!("identity/{app}-kms-decrypt.json"),
                doc(vec![
                    Statement::allow(&["kms:Decrypt", "kms:GenerateDataKey"], &[&key_arn])
                        .sid("UseDataKey"),
                ]),
            ));
            let users = if spec.has(fault) {
                format!("arn:aws:iam::{account}:role/{app}-batch")
            } else {
                role_arn.clone()
            };
            files.push((
                "resource/key-policy.json".to_string(),
                doc(vec![
                    Statement::allow(
                        &[
                            "kms:Create*",
                            "kms:Describe*",
                            "kms:Enable*",
                            "kms:List*",
                            "kms:Put*",
                            "kms:Update*",
                            "kms:Revoke*",
                            "kms:Disable*",
                            "kms:Get*",
                            "kms:Delete*",
                            "kms:TagResource",
                            "kms:UntagResource",
                            "kms:ScheduleKeyDeletion",
                            "kms:CancelKeyDeletion",
                        ],
                        &["*"],
                    )
                    .sid("Allow access for Key Administrators")
                    .principal_aws(&[&format!("arn:aws:iam::{account}:role/KeyAdmin")]),
                    Statement::allow(
                        &[
                            "kms:Encrypt",
                            "kms:Decrypt",
                            "kms:ReEncrypt*",
                            "kms:GenerateDataKey*",
                            "kms:DescribeKey",
                        ],
                        &["*"],
                    )
                    .sid("Allow use of the key")
                    .principal_aws(&[&users]),
                ]),
            ));
            Op::Decrypt {
                key: key_arn.clone(),
            }
        }
    };
    // Organization SCPs: FullAWSAccess at the root; at difficulty 2 and up the workloads OU
    // carries a region guard the request passes, unless it is the fault.
    files.push(("scp/root/FullAWSAccess.json".to_string(), full_aws_access()));
    if spec.difficulty >= 2 && fault != "iam/scp-deny" {
        files.push((
            "scp/ou-workloads/region-guard.json".to_string(),
            region_guard(&[HOME, "us-east-1"]),
        ));
    }
    // FullAWSAccess stays attached to the OU too (removing it would deny everything).
    files.push((
        "scp/ou-workloads/FullAWSAccess.json".to_string(),
        full_aws_access(),
    ));
    // At difficulty 3 the role also carries a Deny that does not match this request, so
    // "there is a Deny" alone proves nothing.
    if spec.difficulty >= 3 {
        files.push((
            format!("identity/{org}-deny-destructive.json"),
            doc(vec![
                Statement::deny(
                    &[
                        "s3:DeleteBucket",
                        "s3:PutBucketPolicy",
                        "s3:DeleteObjectVersion",
                        "kms:ScheduleKeyDeletion",
                        "iam:CreateAccessKey",
                    ],
                    &["*"],
                )
                .sid("DenyDestructiveActions"),
            ]),
        ));
    }
    // A bucket policy that only requires TLS, at difficulty 2 and up, for S3 cases.
    if spec.difficulty >= 2 && matches!(op, Op::GetObject { .. } | Op::PutObject { .. }) {
        let b = match &op {
            Op::GetObject { bucket, .. } | Op::PutObject { bucket, .. } => bucket.clone(),
            _ => bucket.clone(),
        };
        files.push((
            "resource/bucket-policy.json".to_string(),
            doc(vec![
                Statement {
                    effect: Some(Effect::Deny),
                    principal: Some(policy::Principal::Star("*".to_string())),
                    action: Some(strings(&["s3:*"])),
                    resource: Some(strings(&[
                        &format!("arn:aws:s3:::{b}"),
                        &format!("arn:aws:s3:::{b}/*"),
                    ])),
                    ..Statement::default()
                }
                .sid("DenyInsecureTransport")
                .when("Bool", "aws:SecureTransport", &["false"]),
            ]),
        ));
    }
    let case = Case {
        caller,
        role_name: caller_role.clone(),
        session,
        op,
        region,
        source_ip,
        vpce: use_vpce.then_some(vpce),
        resource_account,
        files,
        boundary_name,
    };
    let mut built = Built::default();
    let mut rendered = Vec::new();
    for (path, p) in &case.files {
        rendered.push(LabFile {
            path: format!("policies/{path}"),
            contents: json_pretty(p)?,
        });
    }
    // The decision is made from the files as written, read back.
    let request = case.request();
    let decision = decide(&request, &rendered)?;
    let mut rr = spec.rng("render");
    render::files(spec, &case, &request, decision, &mut built, &mut rr)?;
    built.files.extend(rendered);
    built.set("app", app);
    built.set("org", org);
    built.set("account", &case.caller.account);
    built.set("role", &case.role_name);
    built.set("region", &case.region);
    built.set("action", case.op.action());
    built.set("resource", case.op.resource());
    built.set("bucket", &bucket);
    built.set("cli_error", render::cli_error(&request, decision));
    built.set("denied_by", render::denied_by(decision));
    Ok(built)
}

/// Reads the lab's policy files: `policies/identity/*`, `boundary/*`, `session/*`,
/// `scp/<level>/*` (levels in path order, `root` first) and `resource/*`.
pub(crate) fn policies_from(files: &[LabFile]) -> Result<Policies, LabError> {
    let mut p = Policies::default();
    let mut levels: BTreeMap<(bool, String), Vec<Policy>> = BTreeMap::new();
    for f in files {
        let Some(rest) = f.path.strip_prefix("policies/") else {
            continue;
        };
        let doc: Policy = serde_json::from_slice(&f.contents)
            .map_err(|e| bad(&f.path)(format!("not an IAM policy document: {e}")))?;
        if doc.version != policy::VERSION {
            return Err(bad(&f.path)(format!("Version `{}`", doc.version)));
        }
        let (dir, tail) = rest.split_once('/').unwrap_or((rest, ""));
        match dir {
            "identity" => p.identity.push(doc),
            "boundary" => p.boundary = Some(doc),
            "session" => p.session = Some(doc),
            "resource" => p.resource = Some(doc),
            "scp" => {
                let level = tail.split('/').next().unwrap_or("").to_string();
                levels
                    .entry((level != "root", level))
                    .or_default()
                    .push(doc);
            }
            other => return Err(bad(&f.path)(format!("unknown policy type `{other}`"))),
        }
    }
    p.scps = levels.into_values().collect();
    Ok(p)
}

/// Decides `request` under the policy files: a KMS key policy and a role trust policy must
/// allow the request themselves.
fn decide(request: &Request, files: &[LabFile]) -> Result<Decision, LabError> {
    let mut policies = policies_from(files)?;
    policies.resource_required =
        request.action.starts_with("kms:") || request.action == "sts:AssumeRole";
    Ok(evaluate(request, &policies))
}

/// The cause a decision points to.
fn cause_of(decision: Decision, action: &str) -> Option<&'static str> {
    Some(match decision {
        Decision::Allow => return None,
        Decision::ExplicitDeny(PolicyType::Scp) | Decision::ImplicitDeny(PolicyType::Scp) => {
            "iam/scp-deny"
        }
        Decision::ExplicitDeny(PolicyType::PermissionsBoundary)
        | Decision::ImplicitDeny(PolicyType::PermissionsBoundary) => "iam/permission-boundary",
        Decision::ExplicitDeny(PolicyType::IdentityBased) => "iam/identity-policy-deny",
        Decision::ImplicitDeny(PolicyType::ResourceBased)
        | Decision::ExplicitDeny(PolicyType::ResourceBased)
            if action.starts_with("sts:") =>
        {
            "iam/trust-policy"
        }
        Decision::ImplicitDeny(PolicyType::ResourceBased)
        | Decision::ExplicitDeny(PolicyType::ResourceBased)
            if action.starts_with("kms:") =>
        {
            "iam/kms-key-policy"
        }
        _ => return None,
    })
}

/// The validator: the request read from the CloudTrail record, the policies from their
/// files, decided by the evaluator.
pub(crate) fn diagnose(files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    let event = text(files, "cloudtrail-event.json")?;
    let request = render::request_from_event(event)?;
    let decision = decide(&request, files)?;
    Ok(cause_of(decision, &request.action)
        .map(str::to_string)
        .into_iter()
        .collect())
}

fn under(files: &[LabFile], prefix: &str) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.path.starts_with(prefix))
        .map(|f| {
            format!(
                "# {}\n{}",
                f.path,
                String::from_utf8_lossy(&f.contents).trim_end()
            )
        })
        .collect()
}

/// `lab ask` for IAM labs: the lab's own files, and the policy simulator's answer from the
/// evaluator (identity policies, boundary and SCPs; the simulator leaves resource policies out
/// unless given one).
pub(crate) fn evidence(files: &[LabFile], key: &str) -> Result<String, LabError> {
    let or = |v: Vec<String>, none: &str| {
        if v.is_empty() {
            none.to_string()
        } else {
            v.join("\n\n")
        }
    };
    Ok(match key {
        "cli" => text(files, "cli.txt")?.to_string(),
        "cloudtrail" => text(files, "cloudtrail-event.json")?.to_string(),
        "identity-policies" => {
            let mut v = vec![text(files, "role.txt")?.trim_end().to_string()];
            v.extend(under(files, "policies/identity/"));
            v.join("\n\n")
        }
        "boundary" => or(
            under(files, "policies/boundary/"),
            "The role has no permissions boundary (get-role shows no PermissionsBoundary).",
        ),
        "scp" => or(
            under(files, "policies/scp/"),
            "The account is not in an organization: no SCPs apply.",
        ),
        "resource-policy" => or(
            under(files, "policies/resource/"),
            "No resource-based policy applies to this request.",
        ),
        "simulate" => simulate(files)?,
        other => return Err(bad("lab ask")(format!("nothing called `{other}` here"))),
    })
}

fn simulate(files: &[LabFile]) -> Result<String, LabError> {
    let request = render::request_from_event(text(files, "cloudtrail-event.json")?)?;
    let mut p = policies_from(files)?;
    p.resource = None;
    p.resource_required = false;
    let org_ok = !matches!(
        evaluate(
            &request,
            &Policies {
                scps: p.scps.clone(),
                identity: vec![Policy::new(vec![Statement::allow(&["*"], &["*"])])],
                ..Policies::default()
            }
        ),
        Decision::ExplicitDeny(PolicyType::Scp) | Decision::ImplicitDeny(PolicyType::Scp)
    );
    let boundary_ok = p.boundary.as_ref().is_none_or(|b| {
        evaluate(
            &request,
            &Policies {
                identity: vec![b.clone()],
                ..Policies::default()
            },
        ) == Decision::Allow
    });
    let decision = match evaluate(&request, &p) {
        Decision::Allow => "allowed",
        Decision::ExplicitDeny(_) => "explicitDeny",
        Decision::ImplicitDeny(_) => "implicitDeny",
    };
    let mut result = serde_json::json!({
        "EvalActionName": request.action,
        "EvalResourceName": request.resource,
        "EvalDecision": decision,
        "MatchedStatements": [],
        "MissingContextValues": [],
        "OrganizationsDecisionDetail": { "AllowedByOrganizations": org_ok },
    });
    if p.boundary.is_some() {
        result["PermissionsBoundaryDecisionDetail"] =
            serde_json::json!({ "AllowedByPermissionsBoundary": boundary_ok });
    }
    let arn = request
        .caller
        .role_arn
        .as_deref()
        .unwrap_or(&request.caller.arn);
    let body = serde_json::to_string_pretty(&serde_json::json!({ "EvaluationResults": [result] }))
        .map_err(|e| bad("simulate")(e.to_string()))?;
    Ok(format!(
        "$ aws iam simulate-principal-policy --policy-source-arn {arn} --action-names {} --resource-arns {}\n{body}\n",
        request.action, request.resource
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn unknown_policy_dirs_and_versions_are_refused_with_the_path() {
        let f = |path: &str, body: &str| LabFile {
            path: path.to_string(),
            contents: body.as_bytes().to_vec(),
        };
        let ok = r#"{"Version":"2012-10-17","Statement":[]}"#;
        let err = policies_from(&[f("policies/weird/x.json", ok)]).unwrap_err();
        assert!(err.to_string().contains("policies/weird/x.json"), "{err}");
        let old = r#"{"Version":"2008-10-17","Statement":[]}"#;
        let err = policies_from(&[f("policies/identity/x.json", old)]).unwrap_err();
        assert!(err.to_string().contains("2008-10-17"), "{err}");
        let err = policies_from(&[f("policies/identity/x.json", "{")]).unwrap_err();
        assert!(err.to_string().contains("not an IAM policy"), "{err}");
        let p = policies_from(&[
            f("policies/scp/ou-b/x.json", ok),
            f("policies/scp/root/x.json", ok),
            f("policies/scp/ou-b/y.json", ok),
        ])
        .unwrap();
        assert_eq!(p.scps.iter().map(Vec::len).collect::<Vec<_>>(), [1, 2]);
    }
}
