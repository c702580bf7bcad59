//! `loopcoach serve`: loopback by default; a public address needs --allow-remote.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_loopcoach"))
}

#[test]
fn a_public_address_without_allow_remote_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for addr in ["0.0.0.0:0", "[::]:0"] {
        let start = Instant::now();
        let out = bin()
            .args(["--lang", "en", "serve", "--addr", addr])
            .env("LOOPCOACH_DB", dir.path().join("ws.db"))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{addr}");
        assert!(start.elapsed() < Duration::from_secs(20));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--allow-remote"), "{err}");
        assert!(err.contains("not a loopback"), "{err}");
    }
    let out = bin()
        .args(["--lang", "en", "serve", "--addr", "not-an-address"])
        .env("LOOPCOACH_DB", dir.path().join("ws.db"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = bin()
        .args([
            "serve",
            "--allow-remote",
            "--addr",
            "127.0.0.1:0",
            "--token",
            "short",
        ])
        .env("LOOPCOACH_DB", dir.path().join("ws.db"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a too short token is refused");
}

/// Start `serve` with `args`, wait for its first line (the address), return it and the child.
fn start(args: &[&str], db: &std::path::Path) -> (std::process::Child, String) {
    let mut child = bin()
        .args(["--lang", "en", "serve"])
        .args(args)
        .env("LOOPCOACH_DB", db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line)
}

fn http_get(addr: &str, path: &str, extra: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn allow_remote_prints_a_token_and_requires_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let (mut child, line) = start(&["--allow-remote", "--addr", "127.0.0.1:0"], &db);
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let rest = url.strip_prefix("http://").unwrap();
    let (addr, path) = rest.split_once('/').unwrap();
    let token = path.strip_prefix("?token=").expect("a generated token");
    assert!(token.len() >= 32, "{token}");
    let denied = http_get(addr, "/", "");
    assert!(denied.starts_with("HTTP/1.1 401"), "{denied}");
    let ok = http_get(addr, "/", &format!("Authorization: Bearer {token}\r\n"));
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn loopback_serves_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let (mut child, line) = start(&["--addr", "127.0.0.1:0"], &db);
    assert!(!line.contains("token"), "{line}");
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let page = http_get(&addr, "/", "Accept-Language: en\r\n");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Nothing imported yet"));
    child.kill().unwrap();
    child.wait().unwrap();
}
