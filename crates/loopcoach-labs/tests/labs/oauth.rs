//! OAuth labs: replaying the captured requests finds exactly the fault; the twin is clean.

use loopcoach_labs::generate;

use crate::common::{assert_diagnosis_exact, req};

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("oauth");
}

#[test]
fn capture_shows_the_servers_answer() {
    let cases = [
        ("oauth/redirect-uri-mismatch", "HTTP/1.1 400"),
        ("oauth/pkce-mismatch", "PKCE verification failed"),
        ("oauth/invalid-scope", "error=invalid_scope"),
        ("oauth/code-reused", "already been used"),
        ("oauth/code-expired", "has expired"),
        ("oauth/wrong-resource", "HTTP/1.1 401"),
    ];
    for (code, needle) in cases {
        let lab = generate(&req("oauth", code, 4, 1)).unwrap();
        let out = String::from_utf8_lossy(&lab.file("exchange.http").unwrap().contents).to_string();
        assert!(out.contains(needle), "{code}: {out}");
    }
}
