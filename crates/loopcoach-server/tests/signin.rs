//! Browser sign-in against a real PostgreSQL: the session cookie and its flags, pages behind
//! it, CSRF on every state-changing request made with the cookie (pages and API), sign-out
//! and expiry seen by every server copy, both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::browser::Browser;
use common::{Server, story};
use loopcoach_server::model::Role;
use loopcoach_server::testkit::Cluster;
use serde_json::json;

const NEEDS_PG: &str = "needs PostgreSQL";
const PW: &str = "password-123456";

fn db() -> String {
    Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb")
}

/// A server with alice (owner) and bob (member) in one group, with one share of bob's.
fn setup(s: &Server) -> (i64, i64) {
    s.user("alice@example.com");
    let bob = s.user("bob@example.com");
    let g = s.group("면접 스터디", "alice@example.com");
    s.add(g, "bob@example.com", Role::Member);
    let (st, v) = s.call(
        "POST",
        &format!("/api/groups/{g}/shares"),
        Some(&bob),
        Some(&story("결제 API 타임아웃")),
    );
    assert_eq!(st, 201, "{v}");
    (g, v["id"].as_i64().expect("id"))
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn signing_in_sets_a_session_cookie_and_the_pages_answer_to_it() {
    let s = Server::start(&db());
    let (g, share) = setup(&s);
    let mut b = Browser::new(&s.base);
    // Not signed in: every page leads to the sign-in page, keeping where it was going.
    let r = b.get(&format!("/groups/{g}"));
    assert_eq!(r.status, 303);
    assert_eq!(
        r.location.as_deref(),
        Some(&*format!("/login?next=%2Fgroups%2F{g}"))
    );
    let r = b.sign_in("bob@example.com", PW);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/groups"));
    let cookie = r
        .set_cookies
        .iter()
        .find(|c| c.starts_with("lc_session="))
        .expect("a session cookie");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    let id = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("lc_session=");
    assert_eq!(id.len(), 64);
    // The table keeps only the id's hash.
    let stored: i64 = s.rt.block_on(async {
        sqlx::query_scalar("SELECT count(*) FROM sessions WHERE id_hash = $1")
            .bind(loopcoach_server::auth::token_hash(id))
            .fetch_one(s.db.pool())
            .await
            .unwrap()
    });
    assert_eq!(stored, 1);

    let r = b.get("/groups");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("면접 스터디") && r.body.contains("bob@example.com"));
    assert!(r.csp.is_some_and(|c| c.contains("default-src 'none'")));
    let r = b.get(&format!("/groups/{g}"));
    assert!(
        r.status == 200 && r.body.contains("결제 API 타임아웃"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("/invitations"),
        "a member gets no invitation form"
    );
    let r = b.get(&format!("/shares/{share}"));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("p99 2.1s → 180ms"));
    let csrf = common::browser::csrf_of(&r.body).expect("csrf");

    // A comment through the page's form.
    let path = format!("/shares/{share}/comments");
    let r = b.post(
        &path,
        &[
            ("csrf", &csrf),
            ("part", "result"),
            ("text", "숫자가 좋아요"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let r = b.get(&format!("/shares/{share}"));
    assert!(r.body.contains("숫자가 좋아요"));
    // A suggested edit: the quoted words become its span; words not in the part are a 400.
    let r = b.post(
        &path,
        &[
            ("csrf", &csrf),
            ("part", "result"),
            ("text", "단위를 맞추면"),
            ("replace", "180ms"),
            ("suggestion", "0.18s"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let r = b.get(&format!("/shares/{share}"));
    assert!(
        r.body.contains("<del>180ms</del> → <ins>0.18s</ins>"),
        "{}",
        r.body
    );
    let api = b.get(&format!("/api/shares/{share}/comments"));
    assert!(
        api.body.contains("\"suggestion\":\"0.18s\"") && api.body.contains("\"quote\":\"180ms\""),
        "{}",
        api.body
    );
    let r = b.post(
        &path,
        &[
            ("csrf", &csrf),
            ("part", "result"),
            ("text", "x"),
            ("replace", "없는 말"),
            ("suggestion", "y"),
        ],
    );
    assert_eq!(r.status, 400, "{}", r.body);
    // Without the token, or with another, it is refused and nothing is written.
    for fields in [
        vec![("part", "result"), ("text", "no token")],
        vec![
            ("csrf", "0".repeat(64).leak() as &str),
            ("part", "result"),
            ("text", "no token"),
        ],
    ] {
        let r = b.post(&path, &fields);
        assert_eq!(r.status, 403, "{}", r.body);
        assert!(r.body.contains("CSRF"), "the page says why: {}", r.body);
    }
    // A form that cannot be read, or breaks a rule, is a 400 page, never a 500.
    for fields in [
        vec![
            ("csrf", csrf.as_str()),
            ("part", "result"),
            ("text", "x"),
            ("start", "abc"),
            ("end", "1"),
        ],
        vec![("csrf", csrf.as_str()), ("part", "result"), ("text", "  ")],
        vec![("csrf", csrf.as_str()), ("part", "nope"), ("text", "x")],
    ] {
        let r = b.post(&path, &fields);
        assert_eq!(r.status, 400, "{fields:?}: {}", r.body);
        assert!(
            r.body.contains("<html") && r.body.contains("class=\"error\""),
            "{}",
            r.body
        );
    }
    // The header works as well as the field (htmx).
    let r = b.request(
        "POST",
        &path,
        &[("X-CSRF-Token", &csrf)],
        Some((
            "application/x-www-form-urlencoded",
            "part=task&text=header".to_owned(),
        )),
    );
    assert_eq!(r.status, 303);

    // The API answers to the cookie too; its state-changing calls need the header.
    let r = b.get("/api/groups");
    assert_eq!(r.status, 200, "{}", r.body);
    let body = json!({"part": "action", "text": "api"}).to_string();
    let api = format!("/api/shares/{share}/comments");
    let r = b.request("POST", &api, &[], Some(("application/json", body.clone())));
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("\"forbidden\""), "a JSON error: {}", r.body);
    let r = b.request(
        "POST",
        &api,
        &[("X-CSRF-Token", &csrf)],
        Some(("application/json", body)),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let (_, v) = s.call("GET", &api, Some(&s.user_token("alice@example.com")), None);
    let texts: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(texts, ["숫자가 좋아요", "단위를 맞추면", "header", "api"]);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_wrong_password_or_unknown_email_is_refused_alike() {
    let s = Server::start(&db());
    setup(&s);
    let mut b = Browser::new(&s.base);
    let wrong = b.sign_in("bob@example.com", "not-the-password");
    let unknown = b.sign_in("nobody@example.com", "not-the-password");
    let malformed = b.sign_in("not an email", "x");
    for r in [&wrong, &unknown, &malformed] {
        assert_eq!(r.status, 401, "{}", r.body);
        assert!(
            r.body.contains("The email or the password is wrong")
                || r.body.contains("이메일 또는 비밀번호가 틀렸습니다")
        );
        assert!(
            r.set_cookies.iter().all(|c| !c.contains("_session=")),
            "no session"
        );
    }
    // The same work for an unknown email: a dummy hash is verified (medians of three, each
    // against its own email so no limit is reached).
    let median = |email: &str| {
        let mut t: Vec<f64> = (0..3)
            .map(|_| {
                let mut br = Browser::new(&s.base);
                let csrf = br.csrf("/login");
                let start = std::time::Instant::now();
                let r = br.post(
                    "/login",
                    &[
                        ("csrf", &csrf),
                        ("email", email),
                        ("password", "not-the-password"),
                    ],
                );
                assert_eq!(r.status, 401);
                start.elapsed().as_secs_f64()
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[1]
    };
    let (known, unknown) = (median("alice@example.com"), median("nobody2@example.com"));
    eprintln!("wrong password: {known:.4}s, unknown email: {unknown:.4}s");
    assert!(
        unknown > known / 3.0 && unknown < known * 3.0,
        "known {known:.4}s vs unknown {unknown:.4}s"
    );
    // The address typed is kept in the form; the password is not.
    assert!(wrong.body.contains("value=\"bob@example.com\""));
    assert!(!wrong.body.contains("not-the-password"));
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn signing_out_or_expiry_ends_the_session_on_every_server() {
    let url = db();
    let s1 = Server::start(&url);
    let s2 = Server::start(&url);
    setup(&s1);
    let mut b = Browser::new(&s1.base);
    assert_eq!(b.sign_in("bob@example.com", PW).status, 303);
    let mut other = b.on(&s2.base);
    assert_eq!(
        other.get("/groups").status,
        200,
        "the session works on the other copy"
    );
    let kept = b.clone();
    // Sign out needs the token like any other state change.
    assert_eq!(b.post("/logout", &[]).status, 403);
    let csrf = b.csrf("/groups");
    let r = b.post("/logout", &[("csrf", &csrf)]);
    assert_eq!((r.status, r.location.as_deref()), (303, Some("/login")));
    assert!(
        r.set_cookies
            .iter()
            .any(|c| c.starts_with("lc_session=;") && c.contains("Max-Age=0"))
    );
    // The old cookie, replayed on either copy, signs in no one.
    for base in [&s1.base, &s2.base] {
        let r = kept.on(base).get("/groups");
        assert_eq!(r.status, 303, "{base}");
    }
    // Idle and absolute expiry.
    let mut c = Browser::new(&s1.base);
    assert_eq!(c.sign_in("alice@example.com", PW).status, 303);
    assert_eq!(c.get("/groups").status, 200);
    let exec = |sql: &str| {
        s1.rt.block_on(async {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(s1.db.pool())
                .await
                .unwrap()
        });
    };
    exec("UPDATE sessions SET last_seen_at = now() - interval '13 hours'");
    assert_eq!(c.get("/groups").status, 303, "idle for 13 hours");
    assert_eq!(c.sign_in("alice@example.com", PW).status, 303);
    exec("UPDATE sessions SET expires_at = now() - interval '1 second'");
    assert_eq!(c.get("/groups").status, 303, "past its expiry");
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn over_https_the_cookies_are_secure_and_host_prefixed() {
    let s = Server::start_at(&db(), Some("https://study.example"));
    setup(&s);
    let mut b = Browser::new(&s.base);
    let r = b.get("/login");
    assert!(
        r.set_cookies
            .iter()
            .any(|c| c.starts_with("__Host-lc_pre=") && c.contains("; Secure")),
        "{:?}",
        r.set_cookies
    );
    let r = b.sign_in("bob@example.com", PW);
    assert_eq!(r.status, 303);
    let c = r
        .set_cookies
        .iter()
        .find(|c| c.contains("_session="))
        .expect("cookie");
    assert!(
        c.starts_with("__Host-lc_session=") && c.contains("; Secure") && c.contains("Path=/"),
        "{c}"
    );
    assert!(!c.contains("Domain="), "{c}");
    assert_eq!(b.get("/groups").status, 200);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn pages_speak_korean_and_english() {
    let s = Server::start(&db());
    setup(&s);
    let mut b = Browser::new(&s.base);
    let r = b.get("/lang/ko");
    assert_eq!(r.status, 303);
    let r = b.get("/login");
    assert!(
        r.body.contains("<html lang=\"ko\"") && r.body.contains("로그인"),
        "{}",
        r.body
    );
    b.get("/lang/en");
    let r = b.get("/login");
    assert!(r.body.contains("<html lang=\"en\"") && r.body.contains("Sign in"));
    assert_eq!(b.sign_in("alice@example.com", PW).status, 303);
    let r = b.get("/groups");
    assert!(
        r.body.contains("My groups") && r.body.contains("Sign out") && r.body.contains("owner")
    );
    b.get("/lang/ko");
    let r = b.get("/groups");
    assert!(r.body.contains("내 그룹") && r.body.contains("로그아웃") && r.body.contains("소유자"));
    // The layout and stylesheet are the web UI's.
    assert!(r.body.contains("/static/app.css"));
    assert_eq!(b.get("/static/app.css").status, 200);
    let r = b.get("/groups/999999");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<html lang=\"ko\""), "errors are pages too");
}
