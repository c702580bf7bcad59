//! Sign-in rate limiting and token revocation across two server copies on one PostgreSQL:
//! nothing either depends on lives in a server's memory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::browser::Browser;
use common::{Server, call};
use loopcoach_server::testkit::Cluster;

const NEEDS_PG: &str = "needs PostgreSQL";
const PW: &str = "password-123456";

fn two() -> (Server, Server) {
    let url = Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb");
    (Server::start(&url), Server::start(&url))
}

fn exec(s: &Server, sql: &str) {
    s.rt.block_on(async {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(s.db.pool())
            .await
            .unwrap()
    });
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn failures_per_email_are_counted_across_servers_and_a_success_resets_them() {
    let (s1, s2) = two();
    s1.user("bob@example.com");
    let mut a = Browser::new(&s1.base);
    let mut b = Browser::new(&s2.base);
    // Five failures, alternating between the copies.
    for i in 0..5 {
        let br = if i % 2 == 0 { &mut a } else { &mut b };
        assert_eq!(
            br.sign_in("bob@example.com", "wrong-password").status,
            401,
            "#{i}"
        );
    }
    // The sixth is refused on either copy, even with the right password.
    for br in [&mut a, &mut b] {
        let r = br.sign_in("Bob@Example.com", PW);
        assert_eq!(r.status, 429, "{}", r.body);
        let secs: u64 = r.retry_after.as_deref().unwrap().parse().unwrap();
        assert!((1..=900).contains(&secs), "{secs}");
        assert!(
            r.body.contains("Too many failed sign-ins")
                || r.body.contains("로그인 실패가 너무 많습니다"),
            "{}",
            r.body
        );
        assert!(r.set_cookies.iter().all(|c| !c.contains("_session=")));
    }
    // Another account is not held back by bob's failures.
    s1.user("carol@example.com");
    assert_eq!(a.sign_in("carol@example.com", PW).status, 303);
    // Once the failures leave the window, the right password works, and resets the count.
    exec(
        &s1,
        "UPDATE login_attempts SET at = at - interval '16 minutes'",
    );
    let fresh = || Browser::new(&s2.base);
    assert_eq!(fresh().sign_in("bob@example.com", PW).status, 303);
    for _ in 0..4 {
        assert_eq!(
            fresh().sign_in("bob@example.com", "wrong-password").status,
            401
        );
    }
    assert_eq!(fresh().sign_in("bob@example.com", PW).status, 303, "4 < 5");
    for _ in 0..4 {
        assert_eq!(
            fresh().sign_in("bob@example.com", "wrong-password").status,
            401,
            "reset"
        );
    }
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn concurrent_failures_on_two_servers_never_exceed_the_limit() {
    let (s1, s2) = two();
    s1.user("dan@example.com");
    let bases = [s1.base.clone(), s2.base.clone()];
    let handles: Vec<_> = (0..10)
        .map(|i| {
            let base = bases[i % 2].clone();
            std::thread::spawn(move || {
                Browser::new(&base)
                    .sign_in("dan@example.com", "wrong-password")
                    .status
            })
        })
        .collect();
    let mut statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn failures_per_client_address_are_limited_across_emails() {
    let (s1, s2) = two();
    // 30 failures from this address, each for another email (so no email reaches its limit).
    for i in 0..30 {
        let base = if i % 2 == 0 { &s1.base } else { &s2.base };
        let r = Browser::new(base).sign_in(&format!("u{i}@example.com"), "wrong-password");
        assert_eq!(r.status, 401, "#{i}");
    }
    s1.user("erin@example.com");
    let r = Browser::new(&s2.base).sign_in("erin@example.com", PW);
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.retry_after.is_some());
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_revoked_token_is_refused_at_once_by_every_server() {
    let (s1, s2) = two();
    let t = s1.user("fay@example.com");
    let keep = s1.user_token("fay@example.com");
    assert_eq!(call(&s2.base, "GET", "/api/groups", Some(&t), None).0, 200);
    let (st, v) = call(&s1.base, "DELETE", "/api/tokens/current", Some(&t), None);
    assert_eq!((st, &v["revoked"]), (200, &serde_json::json!(true)), "{v}");
    for base in [&s1.base, &s2.base] {
        for path in ["/api/groups", "/api/me", "/api/tokens/current"] {
            let method = if path.ends_with("current") {
                "DELETE"
            } else {
                "GET"
            };
            let (st, v) = call(base, method, path, Some(&t), None);
            assert_eq!(st, 401, "{base}{path}: {v}");
        }
    }
    // Only that token: the account's other token still works.
    assert_eq!(
        call(&s2.base, "GET", "/api/groups", Some(&keep), None).0,
        200
    );
    // A browser session has no token to revoke: it signs out instead.
    let mut b = Browser::new(&s1.base);
    assert_eq!(b.sign_in("fay@example.com", PW).status, 303);
    let csrf = b.csrf("/groups");
    let r = b.request(
        "DELETE",
        "/api/tokens/current",
        &[("X-CSRF-Token", &csrf)],
        None,
    );
    assert_eq!(r.status, 400, "{}", r.body);
    let r = b.request("DELETE", "/api/tokens/current", &[], None);
    assert_eq!(r.status, 403, "no CSRF token: {}", r.body);
}
