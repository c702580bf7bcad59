//! `loopcoach server admin invite|tokens|revoke-token` with the real binary and a real
//! PostgreSQL: the invitation link, the token list, and a revoked token refused by a running
//! server at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::prelude::*;
use common::Ws;
use loopcoach_server::testkit::{Cluster, free_port};

struct ServerProcess(Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(db: &str) -> (ServerProcess, String) {
    let port = free_port();
    let child = Command::cargo_bin("loopcoach")
        .expect("binary")
        .args([
            "server",
            "--database",
            db,
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let guard = ServerProcess(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (guard, format!("http://127.0.0.1:{port}"))
}

fn status(base: &str, token: &str) -> u16 {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    agent
        .get(format!("{base}/api/groups"))
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .expect("transport")
        .status()
        .as_u16()
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn invite_tokens_and_revoke_token() {
    let db = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let w = Ws::new();
    let adm = |extra: &[&str], args: &[&str]| {
        let mut all = vec!["server", "--database", &db];
        all.extend_from_slice(extra);
        all.push("admin");
        all.extend_from_slice(args);
        w.run(&all)
    };
    let out = w.run_stdin(
        &[
            "server",
            "--database",
            &db,
            "admin",
            "create-user",
            "eve@example.com",
            "--password-stdin",
        ],
        "pw-eve-123456\n",
    );
    assert!(out.status.success());
    let g = adm(
        &[],
        &["create-group", "스터디", "--owner", "eve@example.com"],
    );
    let g = String::from_utf8_lossy(&g.stdout).trim().to_owned();

    // An invitation needs to know where the server is reached.
    let out = adm(&[], &["invite", &g, "--role", "coach"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--base-url"));
    let out = adm(
        &["--base-url", "https://study.example/"],
        &["invite", &g, "--role", "coach"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(
        link.starts_with("https://study.example/invite/lci_"),
        "{link}"
    );
    assert_eq!(link.len(), "https://study.example/invite/lci_".len() + 64);
    for bad in [
        vec!["invite", &g, "--role", "owner"],
        vec!["invite", "999999", "--role", "member"],
    ] {
        let out = adm(&["--base-url", "https://study.example"], &bad);
        assert!(!out.status.success(), "{bad:?}");
    }

    // Two tokens, listed without their secrets; one revoked.
    let t1 = String::from_utf8_lossy(&adm(&[], &["token", "eve@example.com"]).stdout)
        .trim()
        .to_owned();
    let t2 = String::from_utf8_lossy(&adm(&[], &["token", "eve@example.com"]).stdout)
        .trim()
        .to_owned();
    let (_server, base) = start_server(&db);
    assert_eq!((status(&base, &t1), status(&base, &t2)), (200, 200));
    let list =
        String::from_utf8_lossy(&adm(&[], &["tokens", "eve@example.com"]).stdout).to_string();
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert!(!list.contains(&t1[4..]), "no secret in the list");
    assert!(
        rows.iter()
            .all(|r| r.len() == 4 && r[2] != "-" && r[3] == "-"),
        "used, not revoked: {list}"
    );
    let out = adm(&[], &["revoke-token", rows[0][0]]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(status(&base, &t1), 401, "refused at once");
    assert_eq!(status(&base, &t2), 200);
    let list =
        String::from_utf8_lossy(&adm(&[], &["tokens", "eve@example.com"]).stdout).to_string();
    assert!(
        list.lines().nth(1).is_some_and(|l| !l.ends_with("\t-")),
        "{list}"
    );
    // Revoking it again, or a token that never was, is refused clearly.
    for id in [rows[0][0], "999999", "abc"] {
        let out = adm(&[], &["revoke-token", id]);
        assert!(!out.status.success(), "{id}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("server admin tokens"),
            "{id}"
        );
    }
}
