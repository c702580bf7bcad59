//! Labs through the real binary: generate a folder, grade answers in both languages, explain,
//! and refuse what should be refused without leaving a half-made lab behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;
use serde_json::Value;

#[test]
fn list_names_every_kind_and_the_contract_codes() {
    let ws = Ws::new();
    let l = ws.json(&["lab", "list", "--json"]);
    let text = l.to_string();
    for kind in [
        "jwt", "pki", "oauth", "k8s", "docker", "dns", "vpc", "elb", "iam", "linux",
    ] {
        assert!(
            l.as_array().unwrap().iter().any(|k| k["kind"] == kind),
            "{kind}"
        );
    }
    for code in [
        "jwt/expired",
        "jwt/alg-none",
        "pki/missing-intermediate",
        "pki/key-mismatch",
    ] {
        assert!(text.contains(code), "{code}");
    }
}

#[test]
fn new_check_explain_round() {
    let ws = Ws::new();
    let dir = ws.path("lab1");
    let made = ws.json(&[
        "lab",
        "new",
        "jwt",
        "--fault",
        "jwt/expired",
        "--seed",
        "7",
        "--now",
        "2026-12-01T09:00:00Z",
        "-o",
        &dir,
        "--json",
    ]);
    assert_eq!(made["kind"], "jwt");
    for f in ["TICKET.md", "token.txt", "jwks.json", "lab.json"] {
        assert!(std::path::Path::new(&dir).join(f).exists(), "{f}");
    }
    let lab: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/lab.json")).unwrap()).unwrap();
    assert_eq!(lab["now"], "2026-12-01T09:00:00Z");
    assert!(
        !lab.to_string().contains("expired"),
        "lab.json never holds the answer"
    );

    let right = ws.json(&["lab", "check", &dir, "--answer", "jwt/expired", "--json"]);
    assert_eq!(right["verdict"], "right");
    let ko = ws.json(&["lab", "check", &dir, "--answer", "토큰 만료", "--json"]);
    assert_eq!(ko["verdict"], "right");
    let wrong = ws.json(&[
        "lab",
        "check",
        &dir,
        "--answer",
        "the DNS is down",
        "--json",
    ]);
    assert_eq!(wrong["verdict"], "wrong");
    let human = ws.ok(&[
        "--lang",
        "ko",
        "lab",
        "check",
        &dir,
        "--answer",
        "모르겠어요",
    ]);
    assert!(human.contains("아닙니다"), "{human}");

    let ex = ws.json(&["lab", "explain", &dir, "--json"]);
    assert_eq!(ex["cause"], "jwt/expired");
    assert!(!ex["confirm"].as_array().unwrap().is_empty());
    assert!(!ex["fix"].as_str().unwrap().is_empty());
}

#[test]
fn same_seed_same_files() {
    let ws = Ws::new();
    let (a, b) = (ws.path("a"), ws.path("b"));
    for d in [&a, &b] {
        ws.ok(&[
            "lab",
            "new",
            "pki",
            "--fault",
            "pki/hostname-mismatch",
            "--seed",
            "9",
            "--now",
            "2026-12-01T09:00:00Z",
            "-o",
            d,
        ]);
    }
    for f in ["chain.pem", "ca.pem", "key.pem", "lab.json"] {
        assert_eq!(
            std::fs::read(format!("{a}/{f}")).unwrap(),
            std::fs::read(format!("{b}/{f}")).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn refusals() {
    let ws = Ws::new();
    let out = ws.cmd().args(["lab", "new", "ftp"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("jwt"),
        "names the valid kinds"
    );
    let out = ws
        .cmd()
        .args(["lab", "new", "jwt", "--fault", "jwt/nope"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = ws
        .cmd()
        .args(["lab", "new", "jwt", "--difficulty", "4"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = ws
        .cmd()
        .args(["lab", "new", "jwt", "--now", "yesterday"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("RFC 3339"));
    // A non-empty folder is refused and no answer key is kept for it.
    let busy = ws.path("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(format!("{busy}/x"), "x").unwrap();
    let out = ws
        .cmd()
        .args(["lab", "new", "jwt", "--seed", "1", "-o", &busy])
        .output()
        .unwrap();
    assert!(!out.status.success());
    // A folder that is not a lab of this workspace.
    let other = Ws::new();
    let dir = other.path("l");
    other.ok(&["lab", "new", "docker", "--seed", "3", "-o", &dir]);
    let out = ws
        .cmd()
        .args(["lab", "check", &dir, "--answer", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown"));
}

fn lab_card<'a>(cards: &'a Value, id: &str) -> Option<&'a Value> {
    cards.as_array().unwrap().iter().find(|c| c["id"] == id)
}

fn is_due(due: &Value, id: &str) -> bool {
    due.as_array().unwrap().iter().any(|c| c["id"] == id)
}

#[test]
fn a_lab_not_solved_comes_back_in_drills() {
    let ws = Ws::new();
    let dir = ws.path("svc");
    let made = ws.json(&[
        "lab",
        "new",
        "k8s",
        "--fault",
        "k8s/selector-mismatch",
        "--seed",
        "4",
        "--now",
        "2026-12-01T09:00:00Z",
        "-o",
        &dir,
        "--json",
    ]);
    let id = format!("lab-{}", made["id"].as_str().unwrap());
    let wrong = ws.json(&[
        "lab",
        "check",
        &dir,
        "--answer",
        "the DNS is down",
        "--json",
    ]);
    assert_eq!(wrong["verdict"], "wrong");

    let cards = ws.json(&["cards", "--json"]);
    let card = lab_card(&cards, &id).expect("a wrong answer adds the lab's card");
    assert_eq!(card["kind"], "mine");
    assert_eq!(card["topic"], "selectors");
    assert_eq!(card["reference"], "k8s/selector-mismatch");
    // The card keeps the ticket's language (English here): the other side is left empty,
    // and shows the ticket's side whatever the interface speaks.
    assert!(!card["question"]["en"].as_str().unwrap().is_empty());
    assert_eq!(card["question"]["ko"], "");
    assert_eq!(card["key_points"]["ko"], serde_json::json!([]));
    let points = card["key_points"]["en"].as_array().unwrap();
    assert!(points.len() >= 3, "summary, confirm, fix: {points:?}");
    assert!(
        points
            .iter()
            .any(|p| p.as_str().unwrap().contains("$ kubectl"))
    );
    assert!(
        !card["question"]["en"]
            .as_str()
            .unwrap()
            .contains("selector-mismatch"),
        "the question does not give the answer away"
    );
    assert!(lab_card(&ws.json(&["cards", "--mine", "--json"]), &id).is_some());
    let due = ws.json(&["due", "--json"]);
    let entry = due.as_array().unwrap().iter().find(|c| c["id"] == id);
    assert_eq!(
        entry.expect("due at once")["due"],
        Value::Null,
        "a new card"
    );

    // Idempotent: another miss keeps one card.
    ws.json(&["lab", "check", &dir, "--answer", "no idea", "--json"]);
    let cards = ws.json(&["cards", "--json"]);
    let n = cards
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == id)
        .count();
    assert_eq!(n, 1);

    // Reviewed, it leaves the queue; missed again, it is due again.
    ws.json(&["review", &id, "--rating", "good", "--json"]);
    assert!(!is_due(&ws.json(&["due", "--json"]), &id));
    ws.json(&["lab", "check", &dir, "--answer", "no idea", "--json"]);
    assert!(is_due(&ws.json(&["due", "--json"]), &id));

    // Solved later: the card stays (FSRS schedules it).
    let right = ws.json(&[
        "lab",
        "check",
        &dir,
        "--answer",
        "k8s/selector-mismatch",
        "--json",
    ]);
    assert_eq!(right["verdict"], "right");
    assert!(lab_card(&ws.json(&["cards", "--json"]), &id).is_some());
}

#[test]
fn a_lab_solved_first_time_adds_no_card() {
    let ws = Ws::new();
    let dir = ws.path("tok");
    ws.ok(&[
        "lab",
        "new",
        "jwt",
        "--fault",
        "jwt/expired",
        "--seed",
        "7",
        "--now",
        "2026-12-01T09:00:00Z",
        "-o",
        &dir,
    ]);
    let right = ws.json(&["lab", "check", &dir, "--answer", "jwt/expired", "--json"]);
    assert_eq!(right["verdict"], "right");
    let cards = ws.json(&["cards", "--json"]);
    assert!(
        !cards
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"].as_str().unwrap().starts_with("lab-")),
        "no lab card"
    );
}

/// Issue #18: stuffing, a buzzword and a negated right answer are never right, every attempt
/// is in `lab history --json`, and `lab ask` hands out evidence that `lab explain` compares
/// with the expert's path.
#[test]
fn claims_grader_history_and_evidence() {
    let ws = Ws::new();
    let dir = ws.path("lab-tp");
    ws.json(&[
        "lab",
        "new",
        "k8s",
        "--fault",
        "k8s/wrong-target-port",
        "--seed",
        "4",
        "--difficulty",
        "2",
        "-o",
        &dir,
        "--json",
    ]);
    let verdict = |answer: &str| ws.json(&["lab", "check", &dir, "--answer", answer, "--json"]);
    let right =
        verdict("The Service's targetPort points at a port the container doesn't listen on.");
    assert_eq!(right["verdict"], "right");
    assert_eq!(right["claimed"], "k8s/wrong-target-port");
    let stuffed =
        verdict("wrong targetPort; selector mismatch; readiness probe failing; RBAC forbidden");
    assert_eq!(stuffed["verdict"], "wrong");
    assert_eq!(stuffed["stuffed"], true);
    assert_ne!(verdict("port")["verdict"], "right");
    let negated = verdict(
        "Not this: the targetPort is wrong. That is fine. The selector doesn't match the pod labels.",
    );
    assert_eq!(negated["verdict"], "wrong");
    assert_eq!(negated["ruled_out"][0], "k8s/wrong-target-port");
    let vague = verdict("targetPort");
    assert_eq!(vague["verdict"], "partly");
    assert_eq!(vague["missing"][0], "defect");

    let list = ws.json(&["lab", "ask", &dir, "--list", "--json"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|i| i["key"] == "describe")
    );
    let ev = ws.json(&["lab", "ask", &dir, "kubectl describe", "--json"]);
    assert_eq!(ev["key"], "describe");
    assert!(ev["text"].as_str().unwrap().contains("kubectl describe"));
    let logs = ws.json(&["lab", "ask", &dir, "logs", "--json"]);
    assert!(
        logs["text"]
            .as_str()
            .unwrap()
            .contains("connection refused")
    );
    let hist = ws.json(&["lab", "history", "--json"]);
    let hist = hist.as_array().unwrap();
    assert_eq!(
        hist.len(),
        7,
        "5 answers checked, 2 pieces of evidence asked for"
    );
    assert_eq!(hist[0]["type"], "check");
    assert_eq!(hist[0]["verdict"], "right");
    assert_eq!(hist[1]["stuffed"], true);
    assert_eq!(hist[3]["claimed"], "k8s/selector-mismatch");
    assert_eq!(hist[5]["type"], "ask");
    assert_eq!(hist[5]["what"], "describe");
    let ex = ws.json(&["lab", "explain", &dir, "--json"]);
    assert_eq!(ex["cause"], "k8s/wrong-target-port");
    assert_eq!(ex["path"]["asked"], serde_json::json!(["describe", "logs"]));
    assert_eq!(
        ex["path"]["expert"],
        serde_json::json!(["describe", "manifests"])
    );
    assert_eq!(ex["path"]["missed"], serde_json::json!(["manifests"]));
    assert_eq!(ex["path"]["extra"], serde_json::json!(["logs"]));
}

#[test]
fn asking_for_unknown_evidence_fails_and_records_nothing() {
    let ws = Ws::new();
    let dir = ws.path("lab-pki");
    ws.json(&[
        "lab",
        "new",
        "pki",
        "--fault",
        "pki/key-mismatch",
        "--seed",
        "2",
        "-o",
        &dir,
        "--json",
    ]);
    let out = ws.run(&["lab", "ask", &dir, "the weather"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the weather") && err.contains("s_client"),
        "{err}"
    );
    let digests = ws.json(&["lab", "ask", &dir, "digests", "--json"]);
    let text = digests["text"].as_str().unwrap();
    assert!(text.contains("the digests differ"), "{text}");
    assert!(
        !text.contains("PRIVATE KEY"),
        "never the customer's private key"
    );
    let ex = ws.json(&["lab", "explain", &dir, "--json"]);
    assert_eq!(ex["path"]["asked"], serde_json::json!(["digests"]));
    let empty = Ws::new();
    assert_eq!(
        empty.json(&["lab", "history", "--json"]),
        serde_json::json!([])
    );
}

/// Issue #19's kinds through the binary: a lab folder, evidence on request, a graded answer
/// and the expert path.
#[test]
fn iam_and_linux_labs_round_trip() {
    let ws = Ws::new();
    let cases = [
        (
            "iam",
            "iam/scp-deny",
            "scp",
            "aws:RequestedRegion",
            "An SCP on the OU denies the replica's region.",
            serde_json::json!(["cli", "cloudtrail", "scp"]),
        ),
        (
            "linux",
            "linux/deleted-open-file",
            "lsof +L1",
            "(deleted)",
            "삭제된 로그 파일을 java가 계속 잡고 있어서 공간이 해제되지 않습니다.",
            serde_json::json!(["df", "du", "lsof"]),
        ),
    ];
    for (kind, fault, ask, needle, answer, expert) in cases {
        let dir = ws.path(&format!("lab-{kind}"));
        ws.json(&[
            "lab", "new", kind, "--fault", fault, "--seed", "5", "-o", &dir, "--json",
        ]);
        let ev = ws.json(&["lab", "ask", &dir, ask, "--json"]);
        assert!(ev["text"].as_str().unwrap().contains(needle), "{ev}");
        let g = ws.json(&["lab", "check", &dir, "--answer", answer, "--json"]);
        assert_eq!(g["verdict"], "right", "{g}");
        assert_eq!(g["claimed"], fault);
        let ex = ws.json(&["lab", "explain", &dir, "--json"]);
        assert_eq!(ex["cause"], fault);
        assert_eq!(ex["path"]["expert"], expert);
    }
}

#[test]
fn a_failed_lab_card_keeps_the_tickets_language() {
    let ws = Ws::new();
    let dir = ws.path("pki");
    let made = ws.json(&[
        "lab",
        "new",
        "pki",
        "--fault",
        "pki/expired-leaf",
        "--seed",
        "2",
        "--now",
        "2026-12-01T09:00:00Z",
        "-o",
        &dir,
        "--json",
        "--lang",
        "ko",
    ]);
    let id = format!("lab-{}", made["id"].as_str().unwrap());
    let ticket = std::fs::read_to_string(format!("{dir}/TICKET.md")).unwrap();
    ws.ok(&[
        "lab",
        "check",
        &dir,
        "--answer",
        "DNS 문제입니다",
        "--lang",
        "ko",
    ]);
    let cards = ws.json(&["cards", "--json"]);
    let card = lab_card(&cards, &id).expect("a wrong answer adds the lab's card");
    let question = card["question"]["ko"].as_str().unwrap();
    assert_eq!(card["question"]["en"], "");
    // The customer's own words, as the ticket had them.
    let first = ticket
        .lines()
        .skip_while(|l| !l.starts_with("**"))
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap();
    assert!(question.contains(first), "{question}\n---\n{ticket}");
    // Drilled with an English interface, the card still reads in Korean.
    let shown = ws.ok(&["cards", "--mine"]);
    let head: String = first.chars().take(8).collect();
    assert!(shown.contains(&head), "{shown}");
}
