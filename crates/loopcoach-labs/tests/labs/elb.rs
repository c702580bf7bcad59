//! ELB labs: the rules find exactly the fault and nothing in the twin; the access log is in
//! the documented field order and its values agree with what the ALB could do (-1 and `-`
//! where it got no response from a target).

use loopcoach_labs::generate;
use regex::Regex;
use serde_json::Value;

use crate::common::{assert_diagnosis_exact, codes, req};

fn file(lab: &loopcoach_labs::Lab, path: &str) -> String {
    String::from_utf8_lossy(&lab.file(path).unwrap().contents).into_owned()
}

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("elb");
}

struct Line {
    rpt: String,
    tpt: String,
    rspt: String,
    elb: String,
    target_status: String,
    target: String,
}

fn lines(lab: &loopcoach_labs::Lab) -> Vec<Line> {
    // The topics contract's regex ...
    let contract = Regex::new(
        r#"^(http|https|h2|grpcs|ws|wss) \S+Z \S+ \S+:\d+ \S+ [-\d.]+ [-\d.]+ [-\d.]+ (\d{3}|-) (\d{3}|-) "#,
    )
    .unwrap();
    // ... and the whole documented field order, to conn_trace_id.
    let full = Regex::new(
        r#"^https (\S+Z) app/[\w-]+/[0-9a-f]{16} [\d.]+:\d+ (\S+) (-1|\d+\.\d{3}) (-1|\d+\.\d{3}) (-1|\d+\.\d{3}) (\d{3}) (\d{3}|-) \d+ \d+ "(GET|POST) https://[\w.-]+:443/\S* HTTP/1\.1" "[^"]+" ECDHE-RSA-AES128-GCM-SHA256 TLSv1\.2 arn:aws:elasticloadbalancing:ap-northeast-2:\d{12}:targetgroup/[\w-]+/[0-9a-f]{16} "Root=1-[0-9a-f]{8}-[0-9a-f]{24}" "[\w.-]+" "arn:aws:acm:[^"]+" 0 \S+Z "forward" "-" "-" "(\S+)" "(\S+)" "-" "-" TID_[0-9a-f]{32}$"#,
    )
    .unwrap();
    file(lab, "access.log")
        .lines()
        .map(|l| {
            assert!(contract.is_match(l), "{l}");
            let c = full.captures(l).unwrap_or_else(|| panic!("{l}"));
            assert_eq!(&c[2], &c[9], "target and target:port_list agree: {l}");
            assert_eq!(&c[7], &c[10], "target status and its list agree: {l}");
            Line {
                target: c[2].to_string(),
                rpt: c[3].to_string(),
                tpt: c[4].to_string(),
                rspt: c[5].to_string(),
                elb: c[6].to_string(),
                target_status: c[7].to_string(),
            }
        })
        .collect()
}

#[test]
fn access_logs_are_consistent_with_what_the_alb_could_see() {
    for seed in [1, 2, 3, 8] {
        let at = |code: &str| lines(&generate(&req("elb", code, seed, 2)).unwrap());
        let l = at("elb/keepalive-shorter-than-idle");
        let bad: Vec<&Line> = l.iter().filter(|x| x.elb == "502").collect();
        assert!(!bad.is_empty(), "seed {seed}: some 502s");
        assert!(bad.iter().all(|x| x.rpt == "-1"
            && x.tpt == "-1"
            && x.rspt == "-1"
            && x.target_status == "-"
            && x.target != "-"));
        assert!(l.iter().any(|x| x.elb == "200" && x.target_status == "200"));

        let l = at("elb/no-healthy-targets");
        assert!(
            l.iter()
                .all(|x| x.elb == "503" && x.target == "-" && x.tpt == "-1")
        );

        let l = at("elb/target-timeout");
        let slow: Vec<&Line> = l.iter().filter(|x| x.elb == "504").collect();
        assert!(!slow.is_empty());
        assert!(
            slow.iter()
                .all(|x| x.rpt != "-1" && x.tpt == "-1" && x.target_status == "-")
        );

        // Every target unhealthy: the ALB fails open, requests still succeed.
        let l = at("elb/health-check-mismatch");
        assert!(l.iter().all(|x| x.elb == x.target_status));
    }
}

#[test]
fn target_health_says_what_the_health_checks_get() {
    for seed in [1, 2] {
        let lab = generate(&req("elb", "elb/health-check-mismatch", seed, 1)).unwrap();
        let h: Value = serde_json::from_str(&file(&lab, "describe-target-health.json")).unwrap();
        let d = &h["TargetHealthDescriptions"];
        assert!(!d.as_array().unwrap().is_empty());
        for t in d.as_array().unwrap() {
            assert_eq!(t["TargetHealth"]["State"], "unhealthy");
            assert_eq!(t["TargetHealth"]["Reason"], "Target.ResponseCodeMismatch");
            let desc = t["TargetHealth"]["Description"].as_str().unwrap();
            let code = desc
                .trim_start_matches("Health checks failed with these codes: [")
                .trim_end_matches(']');
            assert!(
                file(&lab, "app.log").contains(&format!(" HTTP/1.1\" {code} ")),
                "{desc}"
            );
        }
        let lab = generate(&req("elb", "elb/no-healthy-targets", seed, 1)).unwrap();
        let h: Value = serde_json::from_str(&file(&lab, "describe-target-health.json")).unwrap();
        assert_eq!(h["TargetHealthDescriptions"], serde_json::json!([]));
    }
    for code in codes("elb") {
        let lab = generate(&req("elb", &code, 3, 1)).unwrap();
        let g: Value = serde_json::from_str(&file(&lab, "describe-target-groups.json")).unwrap();
        let tg = &g["TargetGroups"][0];
        for f in [
            "TargetGroupArn",
            "HealthCheckPath",
            "HealthCheckIntervalSeconds",
            "HealthyThresholdCount",
            "LoadBalancerArns",
        ] {
            assert!(tg.get(f).is_some(), "{code}: {f}");
        }
        assert!(tg["Matcher"]["HttpCode"].is_string());
    }
}
