//! What the customer pastes, written from the evaluator's decision: the AWS CLI transcript
//! with its AccessDenied message in the documented phrasing ("Access denied error messages":
//! "with an explicit deny in a service control policy", "because no permissions boundary
//! allows the s3:PutObject action"), the CloudTrail record (real field names), and the role
//! as `aws iam get-role` prints it. The CloudTrail record is also read back (the validator
//! takes the request from it).

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;
use serde_json::{Value, json};
use time::Duration;

use super::eval::{Caller, Decision, PolicyType, Request};
use super::{Case, Op, upper_id};
use crate::LabError;
use crate::common::{Built, Spec, bad, range, rfc3339};

/// The message AWS puts in the error and in CloudTrail's `errorMessage`; `None` if allowed.
pub(crate) fn denied_message(req: &Request, decision: Decision) -> Option<String> {
    let action = &req.action;
    let resource = if action.starts_with("s3:") {
        format!("\"{}\"", req.resource)
    } else {
        req.resource.clone()
    };
    let head = format!(
        "User: {} is not authorized to perform: {action} on resource: {resource}",
        req.caller.arn
    );
    let article = |t: PolicyType| {
        if t == PolicyType::IdentityBased {
            "an"
        } else {
            "a"
        }
    };
    Some(match decision {
        Decision::Allow => return None,
        // STS says no more than this when the trust policy does not allow the caller.
        Decision::ImplicitDeny(PolicyType::ResourceBased) if action == "sts:AssumeRole" => head,
        Decision::ExplicitDeny(t) => {
            format!(
                "{head} with an explicit deny in {} {}",
                article(t),
                t.phrase()
            )
        }
        Decision::ImplicitDeny(t) => {
            format!(
                "{head} because no {} allows the {action} action",
                t.phrase()
            )
        }
    })
}

fn operation(action: &str) -> &str {
    action.split_once(':').map_or(action, |(_, op)| op)
}

/// The CLI's error line, as AWS CLI v2 prints it; empty when the request is allowed.
pub(crate) fn cli_error(req: &Request, decision: Decision) -> String {
    let Some(message) = denied_message(req, decision) else {
        return String::new();
    };
    let code = if req.action.starts_with("kms:") {
        "AccessDeniedException"
    } else {
        "AccessDenied"
    };
    format!(
        "An error occurred ({code}) when calling the {} operation: {message}",
        operation(&req.action)
    )
}

/// Which policy type decided, in AWS's words (for explanations).
pub(crate) fn denied_by(decision: Decision) -> String {
    match decision {
        Decision::Allow => "allowed".to_string(),
        Decision::ExplicitDeny(t) => format!(
            "explicit deny in {} {}",
            if t == PolicyType::IdentityBased {
                "an"
            } else {
                "a"
            },
            t.phrase()
        ),
        Decision::ImplicitDeny(t) => format!("no {} allows it", t.phrase()),
    }
}

/// JSON as the AWS CLI prints it (four-space indent).
fn cli_json(v: &Value) -> String {
    use serde::Serialize as _;
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    if v.serialize(&mut ser).is_err() {
        return v.to_string();
    }
    String::from_utf8(out).unwrap_or_default()
}

fn hex(r: &mut ChaCha20Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b"0123456789ABCDEF"[(r.next_u32() % 16) as usize]))
        .collect()
}

fn uuid(r: &mut ChaCha20Rng) -> String {
    let h = hex(r, 32).to_lowercase();
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

pub(crate) fn files(
    spec: &Spec,
    case: &Case,
    req: &Request,
    decision: Decision,
    built: &mut Built,
    r: &mut ChaCha20Rng,
) -> Result<(), LabError> {
    let role_id = upper_id(r, "AROA", 17);
    let key_id = upper_id(r, "ASIA", 16);
    let when = spec.now - Duration::minutes(range(r, 3, 40));
    let session_start = when - Duration::minutes(range(r, 5, 50));
    let event_time = rfc3339(when)?;
    let principal_id = format!("{role_id}:{}", case.session);
    let message = denied_message(req, decision);

    // cli.txt: who am I, then the failing call.
    let mut cli = format!(
        "$ aws sts get-caller-identity\n{}\n\n",
        cli_json(&json!({
            "UserId": principal_id,
            "Account": case.caller.account,
            "Arn": case.caller.arn,
        }))
    );
    let (command, ok_output) = match &case.op {
        Op::GetObject { bucket, key } => (
            format!(
                "aws s3api get-object --bucket {bucket} --key {key} {}",
                key.rsplit('/').next().unwrap_or("out")
            ),
            json!({
                "AcceptRanges": "bytes",
                "LastModified": "Fri, 13 Mar 2026 22:10:04 GMT",
                "ContentLength": range(r, 20_000, 9_000_000),
                "ETag": format!("\"{}\"", hex(r, 32).to_lowercase()),
                "ContentType": "binary/octet-stream",
                "ServerSideEncryption": "AES256",
                "Metadata": {}
            }),
        ),
        Op::PutObject { bucket, key } => (
            format!(
                "aws s3api put-object --bucket {bucket} --key {key} --body {}",
                key.rsplit('/').next().unwrap_or("in")
            ),
            json!({
                "ETag": format!("\"{}\"", hex(r, 32).to_lowercase()),
                "ServerSideEncryption": "AES256"
            }),
        ),
        Op::AssumeRole {
            role,
            session,
            external_id,
        } => (
            format!(
                "aws sts assume-role --role-arn {role} --role-session-name {session}{}",
                external_id
                    .as_ref()
                    .map(|e| format!(" --external-id {e}"))
                    .unwrap_or_default()
            ),
            json!({
                "Credentials": {
                    "AccessKeyId": upper_id(r, "ASIA", 16),
                    "SecretAccessKey": "(redacted by the customer)",
                    "SessionToken": "(redacted by the customer)",
                    "Expiration": rfc3339(when + Duration::hours(1))?
                },
                "AssumedRoleUser": {
                    "AssumedRoleId": format!("{}:{session}", upper_id(r, "AROA", 17)),
                    "Arn": role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/" + session
                }
            }),
        ),
        Op::Decrypt { key } => (
            format!(
                "aws kms decrypt --key-id {key} --ciphertext-blob fileb://data-key.enc --query Plaintext --output text"
            ),
            Value::String("q0dYb2xVN3N6dWxLc2FrR0t4UnE4Y1FjWk1WbE9lWWs=".to_string()),
        ),
    };
    cli.push_str(&format!("$ {command}\n"));
    match &message {
        Some(_) => cli.push_str(&format!("\n{}\n", cli_error(req, decision))),
        None => match ok_output {
            Value::String(s) => cli.push_str(&format!("{s}\n")),
            v => cli.push_str(&format!("{}\n", cli_json(&v))),
        },
    }
    built.file("cli.txt", cli);

    // The CloudTrail record.
    let (source, category, read_only) = match case.op {
        Op::GetObject { .. } => ("s3.amazonaws.com", "Data", true),
        Op::PutObject { .. } => ("s3.amazonaws.com", "Data", false),
        Op::AssumeRole { .. } => ("sts.amazonaws.com", "Management", true),
        Op::Decrypt { .. } => ("kms.amazonaws.com", "Management", true),
    };
    let host = match &case.op {
        Op::GetObject { bucket, .. } | Op::PutObject { bucket, .. } => {
            format!("{bucket}.s3.{}.amazonaws.com", case.region)
        }
        _ => format!(
            "{}.{}.amazonaws.com",
            source.split('.').next().unwrap_or("sts"),
            case.region
        ),
    };
    let mut ev = serde_json::Map::new();
    ev.insert("eventVersion".into(), json!("1.10"));
    ev.insert(
        "userIdentity".into(),
        json!({
            "type": "AssumedRole",
            "principalId": principal_id,
            "arn": case.caller.arn,
            "accountId": case.caller.account,
            "accessKeyId": key_id,
            "sessionContext": {
                "sessionIssuer": {
                    "type": "Role",
                    "principalId": role_id,
                    "arn": case.caller.role_arn,
                    "accountId": case.caller.account,
                    "userName": case.role_name
                },
                "attributes": {
                    "creationDate": rfc3339(session_start)?,
                    "mfaAuthenticated": "false"
                }
            }
        }),
    );
    ev.insert("eventTime".into(), json!(event_time));
    ev.insert("eventSource".into(), json!(source));
    ev.insert("eventName".into(), json!(operation(&req.action)));
    ev.insert("awsRegion".into(), json!(case.region));
    ev.insert("sourceIPAddress".into(), json!(case.source_ip));
    ev.insert(
        "userAgent".into(),
        json!(format!(
            "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.1.79-99.167.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/command#{}",
            command.split_whitespace().skip(1).take(2).collect::<Vec<_>>().join(".")
        )),
    );
    if let Some(m) = &message {
        ev.insert("errorCode".into(), json!("AccessDenied"));
        ev.insert("errorMessage".into(), json!(m));
    }
    let params = match &case.op {
        Op::GetObject { bucket, key } | Op::PutObject { bucket, key } => {
            json!({ "bucketName": bucket, "Host": host, "key": key })
        }
        Op::AssumeRole {
            role,
            session,
            external_id,
        } => {
            let mut p = json!({ "roleArn": role, "roleSessionName": session });
            if let Some(e) = external_id {
                p["externalId"] = json!(e);
            }
            p
        }
        Op::Decrypt { key } => json!({ "keyId": key, "encryptionAlgorithm": "SYMMETRIC_DEFAULT" }),
    };
    ev.insert("requestParameters".into(), params);
    ev.insert("responseElements".into(), Value::Null);
    ev.insert("requestID".into(), json!(hex(r, 16)));
    ev.insert("eventID".into(), json!(uuid(r)));
    ev.insert("readOnly".into(), json!(read_only));
    let resources = match &case.op {
        Op::GetObject { bucket, .. } | Op::PutObject { bucket, .. } => json!([
            { "type": "AWS::S3::Object", "ARN": req.resource },
            { "accountId": case.resource_account, "type": "AWS::S3::Bucket", "ARN": format!("arn:aws:s3:::{bucket}") }
        ]),
        Op::AssumeRole { role, .. } => json!([
            { "accountId": case.resource_account, "type": "AWS::IAM::Role", "ARN": role }
        ]),
        Op::Decrypt { key } => json!([
            { "accountId": case.resource_account, "type": "AWS::KMS::Key", "ARN": key }
        ]),
    };
    ev.insert("resources".into(), resources);
    ev.insert("eventType".into(), json!("AwsApiCall"));
    ev.insert("managementEvent".into(), json!(category == "Management"));
    ev.insert("recipientAccountId".into(), json!(case.caller.account));
    if let Some(v) = &case.vpce {
        ev.insert("vpcEndpointId".into(), json!(v));
        ev.insert("vpcEndpointAccountId".into(), json!(case.caller.account));
    }
    ev.insert("eventCategory".into(), json!(category));
    ev.insert(
        "tlsDetails".into(),
        json!({
            "tlsVersion": "TLSv1.3",
            "cipherSuite": "TLS_AES_128_GCM_SHA256",
            "clientProvidedHostHeader": host
        }),
    );
    built.file(
        "cloudtrail-event.json",
        crate::common::json_pretty(&Value::Object(ev))?,
    );

    // The calling role, as `aws iam get-role` prints it.
    let trusted = if case.role_name.ends_with("-ci") {
        "codebuild.amazonaws.com"
    } else {
        "ec2.amazonaws.com"
    };
    let mut role = json!({
        "Path": "/",
        "RoleName": case.role_name,
        "RoleId": role_id,
        "Arn": case.caller.role_arn,
        "CreateDate": rfc3339(spec.now - Duration::days(range(r, 40, 400)))?,
        "AssumeRolePolicyDocument": {
            "Version": super::policy::VERSION,
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": trusted },
                "Action": "sts:AssumeRole"
            }]
        },
        "MaxSessionDuration": 3600
    });
    if let Some(b) = &case.boundary_name {
        role["PermissionsBoundary"] = json!({
            "PermissionsBoundaryType": "Policy",
            "PermissionsBoundaryArn": format!("arn:aws:iam::{}:policy/{b}", case.caller.account)
        });
    }
    let attached: Vec<Value> = case
        .files
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("identity/"))
        .map(|p| {
            let name = p.trim_end_matches(".json");
            json!({
                "PolicyName": name,
                "PolicyArn": format!("arn:aws:iam::{}:policy/{name}", case.caller.account)
            })
        })
        .collect();
    built.file(
        "role.txt",
        format!(
            "$ aws iam get-role --role-name {0}\n{1}\n\n$ aws iam list-attached-role-policies --role-name {0}\n{2}\n",
            case.role_name,
            cli_json(&json!({ "Role": role })),
            cli_json(&json!({ "AttachedPolicies": attached }))
        ),
    );
    Ok(())
}

/// The request a CloudTrail record describes, with the condition keys it carries.
pub(crate) fn request_from_event(event: &str) -> Result<Request, LabError> {
    let path = "cloudtrail-event.json";
    let v: Value = serde_json::from_str(event).map_err(|e| bad(path)(e.to_string()))?;
    let s =
        |p: &str| -> Option<String> { v.pointer(p).and_then(Value::as_str).map(str::to_string) };
    let need =
        |p: &str| s(p).ok_or_else(|| bad(path)(format!("no `{}`", p.trim_start_matches('/'))));
    let arn = need("/userIdentity/arn")?;
    let account = need("/userIdentity/accountId")?;
    let role_arn = s("/userIdentity/sessionContext/sessionIssuer/arn");
    let service = need("/eventSource")?;
    let service = service.split('.').next().unwrap_or_default().to_string();
    let action = format!("{service}:{}", need("/eventName")?);
    let resources = v
        .get("resources")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let resource = resources
        .first()
        .and_then(|r| r.get("ARN"))
        .and_then(Value::as_str)
        .ok_or_else(|| bad(path)("no `resources[0].ARN`".to_string()))?
        .to_string();
    let resource_account = resources
        .iter()
        .find_map(|r| r.get("accountId").and_then(Value::as_str))
        .map(str::to_string)
        .or_else(|| s("/recipientAccountId"))
        .unwrap_or_else(|| account.clone());
    let mut context = std::collections::BTreeMap::new();
    let mut put = |k: &str, val: String| {
        context.insert(k.to_string(), vec![val]);
    };
    put("aws:SourceIp", need("/sourceIPAddress")?);
    put("aws:RequestedRegion", need("/awsRegion")?);
    put(
        "aws:SecureTransport",
        v.get("tlsDetails").is_some().to_string(),
    );
    put(
        "aws:ViaAWSService",
        v.get("invokedBy").is_some().to_string(),
    );
    put("aws:PrincipalAccount", account.clone());
    put(
        "aws:PrincipalArn",
        role_arn.clone().unwrap_or_else(|| arn.clone()),
    );
    if let Some(vpce) = s("/vpcEndpointId") {
        put("aws:SourceVpce", vpce);
    }
    if let Some(id) = s("/requestParameters/externalId") {
        put("sts:ExternalId", id);
    }
    Ok(Request {
        caller: Caller {
            arn,
            account,
            role_arn,
        },
        action,
        resource,
        resource_account,
        context,
    })
}
