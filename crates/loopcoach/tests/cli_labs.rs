//! Labs through the real binary: generate a folder, grade answers in both languages, explain,
//! and refuse what should be refused without leaving a half-made lab behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use assert_cmd::prelude::*;
use serde_json::Value;

struct Ws {
    dir: tempfile::TempDir,
}

impl Ws {
    fn new() -> Ws {
        Ws {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("loopcoach").unwrap();
        c.env("LOOPCOACH_DB", self.dir.path().join("ws.db"))
            .env_remove("LOOPCOACH_LANG")
            .env("LANG", "C");
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
    fn path(&self, p: &str) -> String {
        self.dir.path().join(p).to_string_lossy().into_owned()
    }
}

#[test]
fn list_names_every_kind_and_the_contract_codes() {
    let ws = Ws::new();
    let l = ws.json(&["lab", "list", "--json"]);
    let text = l.to_string();
    for kind in ["jwt", "pki", "oauth", "k8s", "docker"] {
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
