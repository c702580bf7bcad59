//! IAM labs: the evaluator's decision finds exactly the fault, the twin is allowed, and the
//! artifacts carry AWS's real formats (policy JSON, the AccessDenied message, CloudTrail).

use loopcoach_labs::{ask, evidence_catalogue, generate, generate_twin};
use serde_json::Value;

use crate::common::{assert_diagnosis_exact, codes, req};

fn file(lab: &loopcoach_labs::Lab, path: &str) -> String {
    String::from_utf8_lossy(&lab.file(path).unwrap().contents).to_string()
}

fn all_text(lab: &loopcoach_labs::Lab) -> String {
    lab.files
        .iter()
        .map(|f| String::from_utf8_lossy(&f.contents).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("iam");
}

#[test]
fn artifacts_pass_the_topics_contract_check() {
    // ../shared/checks/topics: '"2012-10-17"' in t and ("AccessDenied" in t or "not authorized" in t)
    let all = codes("iam");
    assert!(all.len() >= 4, "{all:?}");
    for code in &all {
        let lab = generate(&req("iam", code, 5, 1)).unwrap();
        let t = all_text(&lab);
        assert!(t.contains("\"2012-10-17\""), "{code}");
        assert!(
            t.contains("AccessDenied") || t.contains("not authorized"),
            "{code}"
        );
    }
}

#[test]
fn the_message_names_the_policy_type_the_evaluator_found() {
    let cases = [
        (
            "iam/identity-policy-deny",
            "with an explicit deny in an identity-based policy",
        ),
        (
            "iam/scp-deny",
            "with an explicit deny in a service control policy",
        ),
        (
            "iam/permission-boundary",
            "because no permissions boundary allows the s3:PutObject action",
        ),
        (
            "iam/trust-policy",
            "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::",
        ),
        (
            "iam/kms-key-policy",
            "because no resource-based policy allows the kms:Decrypt action",
        ),
    ];
    for (code, phrase) in cases {
        for seed in [1, 2, 3, 4] {
            let lab = generate(&req("iam", code, seed, 2)).unwrap();
            let cli = file(&lab, "cli.txt");
            assert!(cli.contains(phrase), "{code} seed {seed}: {cli}");
            let line = cli
                .lines()
                .find(|l| l.starts_with("An error occurred (AccessDenied"))
                .unwrap();
            assert!(
                line.contains(" when calling the ")
                    && line.contains(" operation: User: arn:aws:sts::"),
                "{line}"
            );
            let ev: Value = serde_json::from_str(&file(&lab, "cloudtrail-event.json")).unwrap();
            let message = line.split_once(" operation: ").unwrap().1;
            assert_eq!(ev["errorMessage"], message, "{code}");
            assert_eq!(ev["errorCode"], "AccessDenied");
            for field in [
                "eventVersion",
                "eventTime",
                "eventSource",
                "eventName",
                "awsRegion",
                "sourceIPAddress",
                "requestParameters",
                "resources",
                "recipientAccountId",
            ] {
                assert!(!ev[field].is_null(), "{code}: {field}");
            }
            let who = &ev["userIdentity"];
            assert_eq!(who["type"], "AssumedRole");
            assert!(who["principalId"].as_str().unwrap().starts_with("AROA"));
            assert!(who["sessionContext"]["sessionIssuer"]["arn"].is_string());
            // The ticket shows the same error at difficulty 2.
            assert!(file(&lab, "TICKET.md").contains(message), "{code}");
            // The twin is allowed: no error, nor in CloudTrail.
            let twin = generate_twin(&req("iam", code, seed, 2)).unwrap();
            assert!(
                !file(&twin, "cli.txt").contains("An error occurred"),
                "{code}"
            );
            let ev: Value = serde_json::from_str(&file(&twin, "cloudtrail-event.json")).unwrap();
            assert!(ev.get("errorCode").is_none());
        }
    }
}

#[test]
fn policies_are_iam_json_with_the_real_element_names() {
    for code in codes("iam") {
        let lab = generate(&req("iam", &code, 3, 3)).unwrap();
        let policies: Vec<_> = lab
            .files
            .iter()
            .filter(|f| f.path.starts_with("policies/"))
            .collect();
        assert!(policies.len() >= 2, "{code}");
        for f in policies {
            let v: Value = serde_json::from_slice(&f.contents).unwrap();
            assert_eq!(v["Version"], "2012-10-17", "{}", f.path);
            let st = match &v["Statement"] {
                Value::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            for s in st {
                let obj = s.as_object().unwrap();
                assert!(matches!(obj["Effect"].as_str(), Some("Allow" | "Deny")));
                assert!(obj.contains_key("Action") || obj.contains_key("NotAction"));
                for k in obj.keys() {
                    assert!(
                        [
                            "Sid",
                            "Effect",
                            "Principal",
                            "NotPrincipal",
                            "Action",
                            "NotAction",
                            "Resource",
                            "NotResource",
                            "Condition"
                        ]
                        .contains(&k.as_str()),
                        "{}: {k}",
                        f.path
                    );
                }
            }
        }
    }
}

#[test]
fn every_evidence_item_answers_and_the_simulator_agrees() {
    for code in codes("iam") {
        let lab = generate(&req("iam", &code, 2, 2)).unwrap();
        for item in evidence_catalogue("iam").unwrap() {
            let e = ask(&lab.answer, &item.key).unwrap();
            assert!(!e.text.trim().is_empty(), "{code}: {}", item.key);
        }
    }
    let lab = generate(&req("iam", "iam/permission-boundary", 2, 1)).unwrap();
    let sim = ask(&lab.answer, "policy simulator").unwrap().text;
    assert!(sim.contains("\"EvalDecision\": \"implicitDeny\""), "{sim}");
    assert!(
        sim.contains("\"AllowedByPermissionsBoundary\": false"),
        "{sim}"
    );
    let lab = generate(&req("iam", "iam/scp-deny", 2, 1)).unwrap();
    let sim = ask(&lab.answer, "simulate").unwrap().text;
    assert!(sim.contains("\"AllowedByOrganizations\": false"), "{sim}");
    let scp = ask(&lab.answer, "scp").unwrap().text;
    assert!(scp.contains("aws:RequestedRegion"), "{scp}");
    let lab = generate(&req("iam", "iam/identity-policy-deny", 2, 1)).unwrap();
    let b = ask(&lab.answer, "권한 경계").unwrap().text;
    assert!(b.contains("no permissions boundary"), "{b}");
}
