//! The network labs (issue #19: dns, vpc, elb) through the real binary: every fault is made,
//! graded in both languages, explained, and its expert path can be asked for.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;

#[test]
fn network_labs_round_trip() {
    let ws = Ws::new();
    let list = ws.json(&["lab", "list", "--json"]);
    let cases = [
        (
            "dns/phz-not-associated",
            "The private hosted zone is not associated with the client's VPC.",
            "프라이빗 호스팅 영역이 VPC에 연결되지 않았습니다.",
        ),
        (
            "vpc/nacl-ephemeral",
            "The NACL's outbound rules block the ephemeral return ports.",
            "NACL 아웃바운드에 임시 포트 규칙이 없어 응답 트래픽이 막힙니다.",
        ),
        (
            "elb/target-timeout",
            "The export takes longer than the ALB idle timeout, hence 504.",
            "내보내기가 유휴 제한 시간보다 오래 걸립니다.",
        ),
    ];
    for (code, en, ko) in cases {
        let kind = code.split('/').next().unwrap();
        let listed = list.as_array().unwrap().iter().find(|k| k["kind"] == kind);
        let faults = &listed.unwrap()["faults"];
        assert!(faults.as_array().unwrap().len() >= 4, "{kind}");
        let dir = ws.path(&format!("lab-{kind}"));
        ws.json(&[
            "lab",
            "new",
            kind,
            "--fault",
            code,
            "--seed",
            "5",
            "--difficulty",
            "2",
            "-o",
            &dir,
            "--json",
        ]);
        for answer in [en, ko] {
            let v = ws.json(&["lab", "check", &dir, "--answer", answer, "--json"]);
            assert_eq!(v["verdict"], "right", "{code}: {answer}");
        }
        let wrong = ws.json(&[
            "lab",
            "check",
            &dir,
            "--answer",
            "no idea, maybe DNS",
            "--json",
        ]);
        assert_eq!(wrong["verdict"], "wrong", "{code}");
        let ex = ws.json(&["lab", "explain", &dir, "--json"]);
        assert_eq!(ex["cause"], code);
        for step in ex["path"]["expert"].as_array().unwrap() {
            let ev = ws.json(&["lab", "ask", &dir, step.as_str().unwrap(), "--json"]);
            assert!(
                !ev["text"].as_str().unwrap().trim().is_empty(),
                "{code}: {step}"
            );
        }
        let ex = ws.json(&["lab", "explain", &dir, "--json"]);
        assert_eq!(ex["path"]["missed"], serde_json::json!([]), "{code}");
    }
}
