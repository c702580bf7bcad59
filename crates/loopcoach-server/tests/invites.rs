//! One-time invitations against a real PostgreSQL: made by the owner only (API and page),
//! joined by a new or an existing account, refused clearly when used, expired or unknown,
//! and never usable twice, even by two requests at once on two server copies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Server;
use common::browser::Browser;
use loopcoach_server::model::Role;
use loopcoach_server::testkit::Cluster;
use serde_json::json;

const NEEDS_PG: &str = "needs PostgreSQL";
const PW: &str = "password-123456";

struct W {
    s: Server,
    owner: String,
    coach: String,
    member: String,
    outsider: String,
    g: i64,
}

fn world_on(url: &str) -> W {
    let s = Server::start(url);
    let owner = s.user("owner@example.com");
    let coach = s.user("coach@example.com");
    let member = s.user("member@example.com");
    let outsider = s.user("outsider@example.com");
    let g = s.group("AWS CSE 스터디 12기", "owner@example.com");
    s.add(g, "coach@example.com", Role::Coach);
    s.add(g, "member@example.com", Role::Member);
    W {
        s,
        owner,
        coach,
        member,
        outsider,
        g,
    }
}

fn url() -> String {
    Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb")
}

/// A link made through the API; its path (`/invite/TOKEN`).
fn invite(w: &W, role: &str) -> String {
    let (st, v) = w.s.call(
        "POST",
        &format!("/api/groups/{}/invitations", w.g),
        Some(&w.owner),
        Some(&json!({ "role": role }).to_string()),
    );
    assert_eq!(st, 201, "{v}");
    let link = v["link"].as_str().unwrap();
    assert!(v["expires_at"].as_str().is_some_and(|e| e.ends_with('Z')));
    link.strip_prefix(&w.s.base)
        .expect("link on the base URL")
        .to_owned()
}

fn role_of(w: &W, email: &str) -> Option<String> {
    w.s.rt.block_on(async {
        sqlx::query_scalar(
            "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.group_id = $1 AND u.email = $2",
        )
        .bind(w.g)
        .bind(email)
        .fetch_optional(w.s.db.pool())
        .await
        .unwrap()
    })
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn only_the_owner_makes_invitations() {
    let w = world_on(&url());
    let path = format!("/api/groups/{}/invitations", w.g);
    let body = json!({"role": "member"}).to_string();
    for (token, want) in [
        (Some(&w.coach), 403),
        (Some(&w.member), 403),
        (Some(&w.outsider), 404),
        (None, 401),
    ] {
        let (st, v) =
            w.s.call("POST", &path, token.map(String::as_str), Some(&body));
        assert_eq!(st, want, "{v}");
        assert!(!v.to_string().contains("invite/"), "{v}");
    }
    for bad in [json!({"role": "owner"}), json!({"role": "x"}), json!({})] {
        let (st, _) =
            w.s.call("POST", &path, Some(&w.owner), Some(&bad.to_string()));
        assert_eq!(st, 400, "{bad}");
    }
    let link = invite(&w, "coach");
    assert!(link.starts_with("/invite/lci_"), "{link}");
    // The token is kept only as its hash.
    let token = link.trim_start_matches("/invite/");
    let plain: i64 = w.s.rt.block_on(async {
        sqlx::query_scalar("SELECT count(*) FROM invitations WHERE token_hash = $1")
            .bind(token.as_bytes())
            .fetch_one(w.s.db.pool())
            .await
            .unwrap()
    });
    assert_eq!(plain, 0);
    // The owner's form on the group page; a member has none and is refused.
    let mut b = Browser::new(&w.s.base);
    assert_eq!(b.sign_in("owner@example.com", PW).status, 303);
    let csrf = b.csrf(&format!("/groups/{}", w.g));
    let r = b.post(
        &format!("/groups/{}/invitations", w.g),
        &[("csrf", &csrf), ("role", "member")],
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(
        r.body.contains(&format!("{}/invite/lci_", w.s.base)),
        "{}",
        r.body
    );
    let mut m = Browser::new(&w.s.base);
    assert_eq!(m.sign_in("member@example.com", PW).status, 303);
    let csrf = m.csrf(&format!("/groups/{}", w.g));
    let r = m.post(
        &format!("/groups/{}/invitations", w.g),
        &[("csrf", &csrf), ("role", "member")],
    );
    assert_eq!(r.status, 403);
    assert!(!r.body.contains("/invite/lci_"));
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_new_account_joins_through_the_link_once() {
    let w = world_on(&url());
    let link = invite(&w, "coach");
    let mut b = Browser::new(&w.s.base);
    let r = b.get(&link);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("AWS CSE 스터디 12기"), "{}", r.body);
    let csrf = common::browser::csrf_of(&r.body).unwrap();
    let reg = |b: &mut Browser, email: &str, p1: &str, p2: &str| {
        b.post(
            &link,
            &[
                ("csrf", &csrf),
                ("action", "register"),
                ("email", email),
                ("password", p1),
                ("password2", p2),
            ],
        )
    };
    // The password rules, and an account that exists: refused, and the link stays unused.
    for (email, p1, p2, want) in [
        ("new@example.com", "long-enough-1", "long-enough-2", 400),
        ("new@example.com", "short", "short", 400),
        ("not an email", PW, PW, 400),
        ("member@example.com", PW, PW, 409),
    ] {
        let r = reg(&mut b, email, p1, p2);
        assert_eq!(r.status, want, "{email} {p1}: {}", r.body);
        assert!(r.body.contains("class=\"error\""), "says why");
    }
    let r = reg(
        &mut b,
        "New@Example.com",
        "new-password-1",
        "new-password-1",
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location.unwrap(), format!("/groups/{}", w.g));
    assert_eq!(role_of(&w, "new@example.com").as_deref(), Some("coach"));
    // Signed in as the new account right away.
    let r = b.get(&format!("/groups/{}", w.g));
    assert!(
        r.status == 200 && r.body.contains("new@example.com"),
        "{}",
        r.body
    );
    // The same link again: used, whoever tries, with the page saying so.
    let mut other = Browser::new(&w.s.base);
    let r = other.get(&link);
    assert_eq!(r.status, 410);
    assert!(
        r.body.contains("has been used already") || r.body.contains("이미 사용된 초대 링크"),
        "{}",
        r.body
    );
    let csrf2 = common::browser::csrf_of(&r.body).unwrap_or_default();
    let csrf2 = if csrf2.is_empty() {
        other.csrf("/login")
    } else {
        csrf2
    };
    let r = other.post(
        &link,
        &[
            ("csrf", &csrf2),
            ("action", "register"),
            ("email", "late@example.com"),
            ("password", PW),
            ("password2", PW),
        ],
    );
    assert_eq!(r.status, 410);
    assert_eq!(role_of(&w, "late@example.com"), None);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn existing_accounts_join_by_signing_in_or_with_one_button() {
    let w = world_on(&url());
    // Signed in already: one button.
    let link = invite(&w, "member");
    let mut b = Browser::new(&w.s.base);
    assert_eq!(b.sign_in("outsider@example.com", PW).status, 303);
    let r = b.get(&link);
    assert!(r.body.contains("value=\"join\""), "{}", r.body);
    let csrf = common::browser::csrf_of(&r.body).unwrap();
    let r = b.post(&link, &[("csrf", &csrf), ("action", "join")]);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        role_of(&w, "outsider@example.com").as_deref(),
        Some("member")
    );
    // Signing in on the invitation page: a wrong password is refused, the right one joins.
    let link = invite(&w, "coach");
    w.s.user("newcoach@example.com");
    let mut c = Browser::new(&w.s.base);
    let csrf = c.csrf(&link);
    let login = |c: &mut Browser, pw: &str| {
        c.post(
            &link,
            &[
                ("csrf", &csrf),
                ("action", "login"),
                ("email", "newcoach@example.com"),
                ("password", pw),
            ],
        )
    };
    assert_eq!(login(&mut c, "wrong-password").status, 401);
    assert_eq!(role_of(&w, "newcoach@example.com"), None);
    let r = login(&mut c, PW);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        role_of(&w, "newcoach@example.com").as_deref(),
        Some("coach")
    );
    assert_eq!(c.get("/groups").status, 200, "and signed in");
    // An invitation never lowers a role: the owner joining as member stays owner.
    let link = invite(&w, "member");
    let mut o = Browser::new(&w.s.base);
    assert_eq!(o.sign_in("owner@example.com", PW).status, 303);
    let csrf = o.csrf(&link);
    assert_eq!(
        o.post(&link, &[("csrf", &csrf), ("action", "join")]).status,
        303
    );
    assert_eq!(role_of(&w, "owner@example.com").as_deref(), Some("owner"));
    // Joining needs the page's token like any other form.
    let link = invite(&w, "member");
    assert_eq!(o.post(&link, &[("action", "join")]).status, 403);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn expired_and_unknown_links_are_refused_clearly() {
    let w = world_on(&url());
    let link = invite(&w, "member");
    w.s.rt.block_on(async {
        sqlx::query("UPDATE invitations SET expires_at = now() - interval '1 second'")
            .execute(w.s.db.pool())
            .await
            .unwrap()
    });
    let mut b = Browser::new(&w.s.base);
    b.get("/lang/en");
    let r = b.get(&link);
    assert_eq!(r.status, 410);
    assert!(r.body.contains("has expired"), "{}", r.body);
    assert!(
        !r.body.contains("action=\"/invite"),
        "no form on a dead link"
    );
    for bad in [
        "/invite/lci_0000",
        "/invite/nonsense",
        &format!("/invite/lci_{}", "0".repeat(64)),
    ] {
        let r = b.get(bad);
        assert_eq!(r.status, 404, "{bad}");
        assert!(r.body.contains("not known"), "{}", r.body);
    }
    b.get("/lang/ko");
    let r = b.get(&link);
    assert!(r.body.contains("만료된 초대 링크"), "{}", r.body);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn two_concurrent_uses_on_two_servers_admit_one() {
    let url = url();
    let w = world_on(&url);
    let s2 = Server::start(&url);
    for round in 0..5 {
        let link = invite(&w, "member");
        let mut racers = Vec::new();
        for (i, base) in [w.s.base.clone(), s2.base.clone()].into_iter().enumerate() {
            let mut b = Browser::new(&base);
            let csrf = b.csrf(&link);
            let link = link.clone();
            let email = format!("racer{round}-{i}@example.com");
            racers.push(std::thread::spawn(move || {
                let r = b.post(
                    &link,
                    &[
                        ("csrf", &csrf),
                        ("action", "register"),
                        ("email", &email),
                        ("password", PW),
                        ("password2", PW),
                    ],
                );
                (email, r.status)
            }));
        }
        let results: Vec<(String, u16)> = racers.into_iter().map(|h| h.join().unwrap()).collect();
        let won: Vec<&(String, u16)> = results.iter().filter(|(_, st)| *st == 303).collect();
        let lost: Vec<&(String, u16)> = results.iter().filter(|(_, st)| *st == 410).collect();
        assert_eq!(
            (won.len(), lost.len()),
            (1, 1),
            "round {round}: {results:?}"
        );
        assert_eq!(role_of(&w, &won[0].0).as_deref(), Some("member"));
        // The loser's account was not created either: the whole step is one transaction.
        let exists: i64 = w.s.rt.block_on(async {
            sqlx::query_scalar("SELECT count(*) FROM users WHERE email = $1")
                .bind(&lost[0].0)
                .fetch_one(w.s.db.pool())
                .await
                .unwrap()
        });
        assert_eq!(exists, 0, "round {round}");
    }
    let used: i64 = w.s.rt.block_on(async {
        sqlx::query_scalar("SELECT count(*) FROM invitations WHERE used_by IS NOT NULL")
            .fetch_one(w.s.db.pool())
            .await
            .unwrap()
    });
    assert_eq!(used, 5);
}
