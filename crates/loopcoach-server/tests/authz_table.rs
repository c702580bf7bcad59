//! The authorization table: every route of the router (API and pages, enumerated from
//! `router::endpoints`, the list the router is built from) against every kind of caller,
//! with the expected status, and no other group's data or story in any answer. A route
//! added without an entry here fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::Server;
use common::browser::{Browser, Resp};
use loopcoach_server::auth::token_hash;
use loopcoach_server::model::Role;
use loopcoach_server::router::{Verb, endpoints};
use loopcoach_server::session::new_secret;
use loopcoach_server::storage::Database;
use loopcoach_server::testkit::Cluster;
use loopcoach_server::{Postgres, admin, invite};
use serde_json::json;

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    NonMember,
    Member,
    Coach,
    Owner,
    /// A bearer token that was revoked.
    Revoked,
}

/// How they prove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    /// A bearer token (anonymous: no credentials and no cookie at all).
    Token,
    /// A session cookie (or, anonymous, the pre-session cookie) with its CSRF token.
    Cookie,
    /// The same cookie, without the CSRF token.
    CookieNoCsrf,
}

/// The rule a route follows.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// The same answer for everyone.
    Public(u16),
    /// `GET /login`: the form, or on for someone signed in.
    LoginForm,
    /// Anyone signed in.
    SignedIn(u16),
    /// Members of the group (others: 404).
    Member(u16),
    /// Owners and coaches (members: 403).
    Coach(u16),
    /// The owner (coaches and members: 403).
    Owner(u16),
    /// The mock's interviewer, who is the member (coaches and the owner: 403).
    Interviewer(u16),
    /// `DELETE /api/tokens/current`: a token revokes itself; a session has none (400).
    RevokeToken,
    /// `POST /login` with a wrong password: 401 for everyone.
    LoginWrong,
    /// `POST /logout`: everyone goes to the sign-in page.
    Logout,
    /// `POST /invite/{token}` with `action=join`: anyone signed in joins; else 400.
    InviteJoin,
}

struct World {
    s: Server,
    ids: BTreeMap<&'static str, i64>,
    g1: i64,
    g2: i64,
    s1: i64,
    s2: i64,
    /// A mock in each group (the member interviews the coach in the first).
    m1: i64,
    m2: i64,
}

/// Strings that must never appear in an answer to a caller outside the group they are in.
const G1: [&str; 3] = ["G1-GROUP-NAME", "G1-SHARE-TITLE", "G1-COMMENT"];
/// Another group's data, and a member's story shared only in a third group: never shown by
/// any route of this table.
const NEVER: [&str; 4] = [
    "G2-GROUP-NAME",
    "G2-SHARE-SECRET",
    "G2-COMMENT-SECRET",
    "G3-ONLY-STORY",
];

fn story(title: &str) -> String {
    json!({"story": {"title": title, "situation": "s", "task": "t", "action": "a",
        "result": "r", "principles": ["dive-deep"]}})
    .to_string()
}

fn world() -> World {
    let url = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let s = Server::start(&url);
    let mut ids = BTreeMap::new();
    let mut tokens = BTreeMap::new();
    for who in ["owner", "coach", "member", "outsider", "stranger"] {
        let email = format!("{who}@example.com");
        tokens.insert(who, s.user(&email));
        let id =
            s.rt.block_on(s.db.user_by_email(&email))
                .unwrap()
                .unwrap()
                .id;
        ids.insert(who, id);
    }
    let g1 = s.group("G1-GROUP-NAME", "owner@example.com");
    let g2 = s.group("G2-GROUP-NAME", "stranger@example.com");
    let g3 = s.group("G3", "stranger@example.com");
    s.add(g1, "coach@example.com", Role::Coach);
    s.add(g1, "member@example.com", Role::Member);
    s.add(g3, "member@example.com", Role::Member);
    let share = |g: i64, who: &str, title: &str| {
        let (st, v) = s.call(
            "POST",
            &format!("/api/groups/{g}/shares"),
            Some(&tokens[who]),
            Some(&story(title)),
        );
        assert_eq!(st, 201, "{v}");
        v["id"].as_i64().unwrap()
    };
    let s1 = share(g1, "owner", "G1-SHARE-TITLE");
    let s2 = share(g2, "stranger", "G2-SHARE-SECRET");
    share(g3, "member", "G3-ONLY-STORY");
    for (sh, who, text) in [
        (s1, "member", "G1-COMMENT"),
        (s2, "stranger", "G2-COMMENT-SECRET"),
    ] {
        let body = json!({"part": "result", "text": text}).to_string();
        let path = format!("/api/shares/{sh}/comments");
        assert_eq!(
            s.call("POST", &path, Some(&tokens[who]), Some(&body)).0,
            201
        );
    }
    // Study: a bank in each group, and a mock in each (the member interviews the coach in
    // the first; the stranger a second member of their own group in the other).
    tokens.insert("stranger2", s.user("stranger2@example.com"));
    s.add(g2, "stranger2@example.com", Role::Member);
    let mut mocks = Vec::new();
    for (g, owner, interviewer, candidate) in [
        (g1, "owner", "member", "coach@example.com"),
        (g2, "stranger", "stranger", "stranger2@example.com"),
    ] {
        let bank = json!({ "toml": TABLE_BANK }).to_string();
        let path = format!("/api/groups/{g}/banks/b");
        assert_eq!(
            s.call("PUT", &path, Some(&tokens[owner]), Some(&bank)).0,
            201
        );
        let body = json!({"candidate": candidate, "principles": ["ownership"]}).to_string();
        let path = format!("/api/groups/{g}/mocks");
        let (st, v) = s.call("POST", &path, Some(&tokens[interviewer]), Some(&body));
        assert_eq!(st, 201, "{v}");
        mocks.push(v["id"].as_i64().unwrap());
    }
    World {
        s,
        ids,
        g1,
        g2,
        s1,
        s2,
        m1: mocks[0],
        m2: mocks[1],
    }
}

/// The bank of the study routes.
const TABLE_BANK: &str = r#"principle = "ownership"

[[cards]]
id = "ownership-01"
question = { en = "When did you own it?", ko = "주인의식을 보인 때는?" }
follow_ups = { en = ["Why?", "Then?"], ko = ["왜요?", "그다음은요?"] }
key_points = { en = ["a", "b", "c"], ko = ["가", "나", "다"] }
"#;

/// A body with a placeholder filled in: `STORY`, `BANKJSON`, `BANKFORM`, `EMAIL`.
fn fill(t: &str, n: usize) -> String {
    let form: String = form_urlencoded::byte_serialize(TABLE_BANK.as_bytes()).collect();
    t.replace("STORY", &story("posted in the table"))
        .replace("BANKJSON", &json!({ "toml": TABLE_BANK }).to_string())
        .replace("BANKFORM", &form)
        .replace("EMAIL", &format!("nobody-{n}%40example.com"))
}

/// The table: for each route (`VERB path`), its rule and the body its request sends.
fn table() -> BTreeMap<&'static str, (Rule, Option<&'static str>)> {
    use Rule::*;
    let comment = r#"{"part": "result", "text": "a comment"}"#;
    let rating = r#"{"principle": "dive-deep", "score": 3}"#;
    let question = r#"{"question": {"en": "Q?", "ko": "질문?"}, "follow_ups": {"en": ["a?", "b?"], "ko": ["가?", "나?"]}, "key_points": {"en": ["x", "y", "z"], "ko": ["ㄱ", "ㄴ", "ㄷ"]}}"#;
    let open_mock = r#"{"interviewer": "member@example.com", "candidate": "coach@example.com", "principles": ["ownership"]}"#;
    let write_up =
        r#"{"vote": "inclined", "assessments": [{"principle": "ownership", "text": "ok"}]}"#;
    BTreeMap::from([
        ("GET /api/health", (Public(200), None)),
        ("GET /api/me", (SignedIn(200), None)),
        ("GET /api/groups", (SignedIn(200), None)),
        ("GET /api/groups/{id}/shares", (Member(200), None)),
        ("POST /api/groups/{id}/shares", (Member(201), Some("STORY"))),
        ("GET /api/groups/{id}/members", (Coach(200), None)),
        (
            "POST /api/groups/{id}/invitations",
            (Owner(201), Some(r#"{"role": "member"}"#)),
        ),
        ("GET /api/shares/{id}/comments", (Member(200), None)),
        (
            "POST /api/shares/{id}/comments",
            (Member(201), Some(comment)),
        ),
        ("GET /api/shares/{id}/ratings", (Coach(200), None)),
        ("POST /api/shares/{id}/ratings", (Coach(201), Some(rating))),
        ("DELETE /api/tokens/current", (RevokeToken, None)),
        ("GET /", (Public(303), None)),
        ("GET /login", (LoginForm, None)),
        (
            "POST /login",
            (LoginWrong, Some("email=EMAIL&password=wrong-password")),
        ),
        ("POST /logout", (Logout, Some(""))),
        ("GET /groups", (SignedIn(200), None)),
        ("GET /groups/{id}", (Member(200), None)),
        (
            "POST /groups/{id}/invitations",
            (Owner(201), Some("role=coach")),
        ),
        ("GET /shares/{id}", (Member(200), None)),
        (
            "POST /shares/{id}/comments",
            (Member(303), Some("part=task&text=a+comment")),
        ),
        (
            "POST /shares/{id}/ratings",
            (Coach(303), Some("principle=dive-deep&score=2")),
        ),
        // studying together (shared banks, drills, peer mocks, the cohort)
        ("GET /api/groups/{id}/banks", (Member(200), None)),
        ("GET /api/groups/{id}/banks/{name}", (Member(200), None)),
        (
            "PUT /api/groups/{id}/banks/{name}",
            (Coach(200), Some("BANKJSON")),
        ),
        (
            "GET /api/groups/{id}/banks/{name}/questions",
            (Member(200), None),
        ),
        (
            "PUT /api/groups/{id}/banks/{name}/questions/{card}",
            (Coach(200), Some(question)),
        ),
        ("GET /api/groups/{id}/drill/next", (Member(200), None)),
        (
            "POST /api/groups/{id}/drill/reviews",
            (
                Member(200),
                Some(r#"{"bank": "b", "card": "ownership-01", "rating": 3}"#),
            ),
        ),
        ("GET /api/groups/{id}/mocks", (Member(200), None)),
        (
            "POST /api/groups/{id}/mocks",
            (Member(201), Some(open_mock)),
        ),
        ("GET /api/groups/{id}/assessments", (Member(200), None)),
        ("GET /api/groups/{id}/debrief", (Member(200), None)),
        ("GET /api/mocks/{id}", (Member(200), None)),
        ("GET /api/mocks/{id}/sheet", (Member(200), None)),
        (
            "PUT /api/mocks/{id}/assessment",
            (Interviewer(200), Some(write_up)),
        ),
        ("GET /api/groups/{id}/dashboard", (Coach(200), None)),
        (
            "GET /api/groups/{id}/dashboard/heatmap.svg",
            (Coach(200), None),
        ),
        ("GET /groups/{id}/banks", (Member(200), None)),
        (
            "POST /groups/{id}/banks",
            (Coach(303), Some("name=b&toml=BANKFORM")),
        ),
        ("GET /groups/{id}/banks/{name}", (Member(200), None)),
        (
            "POST /groups/{id}/banks/{name}",
            (Coach(303), Some("toml=BANKFORM")),
        ),
        ("GET /groups/{id}/drill", (Member(200), None)),
        (
            "POST /groups/{id}/drill",
            (Member(303), Some("bank=b&card=ownership-01&rating=2")),
        ),
        ("GET /groups/{id}/mocks", (Member(200), None)),
        (
            "POST /groups/{id}/mocks",
            (
                Member(303),
                Some(
                    "interviewer=member%40example.com&candidate=coach%40example.com&principle=ownership",
                ),
            ),
        ),
        ("GET /groups/{id}/debrief", (Member(200), None)),
        ("GET /groups/{id}/dashboard", (Coach(200), None)),
        ("GET /mocks/{id}", (Member(200), None)),
        (
            "POST /mocks/{id}/assessment",
            (Interviewer(303), Some("vote=inclined&text-ownership=ok")),
        ),
        ("GET /invite/{token}", (Public(200), None)),
        ("POST /invite/{token}", (InviteJoin, Some("action=join"))),
        ("GET /lang/{code}", (Public(303), None)),
        ("GET /static/{file}", (Public(200), None)),
    ])
}

/// The status `who` via `via` should get on a route following `rule` (`api`: a JSON route;
/// `foreign`: aimed at the other group's data).
fn expected(rule: Rule, verb: Verb, api: bool, foreign: bool, who: Who, via: Via) -> u16 {
    let anonymous = matches!(who, Who::Anonymous | Who::Revoked);
    // A state-changing request with a cookie but without its CSRF token is refused first;
    // so is a page's form sent anonymously without one. The API needs none before sign-in.
    let no_csrf = via == Via::CookieNoCsrf || (who == Who::Anonymous && via == Via::Token);
    if no_csrf && verb.changes_state() && !(api && anonymous) {
        return 403;
    }
    // Another group's data is like a group that does not exist: 404 to anyone signed in.
    if foreign
        && !anonymous
        && matches!(
            rule,
            Rule::Member(_) | Rule::Coach(_) | Rule::Owner(_) | Rule::Interviewer(_)
        )
    {
        return 404;
    }
    let unauthorized = if api { 401 } else { 303 };
    let gate = |ok: u16, allowed: &[Who]| {
        if anonymous {
            unauthorized
        } else if who == Who::NonMember {
            404
        } else if allowed.contains(&who) {
            ok
        } else {
            403
        }
    };
    match rule {
        Rule::Public(s) => s,
        Rule::LoginForm => {
            if anonymous {
                200
            } else {
                303
            }
        }
        Rule::SignedIn(ok) => {
            if anonymous {
                unauthorized
            } else {
                ok
            }
        }
        Rule::Member(ok) => gate(ok, &[Who::Member, Who::Coach, Who::Owner]),
        Rule::Coach(ok) => gate(ok, &[Who::Coach, Who::Owner]),
        Rule::Owner(ok) => gate(ok, &[Who::Owner]),
        Rule::Interviewer(ok) => gate(ok, &[Who::Member]),
        Rule::RevokeToken => match (anonymous, via) {
            (true, _) => 401,
            (false, Via::Token) => 200,
            (false, _) => 400,
        },
        Rule::LoginWrong => 401,
        Rule::Logout => 303,
        Rule::InviteJoin => {
            if anonymous {
                400
            } else {
                303
            }
        }
    }
}

impl World {
    fn email(who: Who) -> &'static str {
        match who {
            Who::NonMember => "outsider@example.com",
            Who::Member | Who::Revoked => "member@example.com",
            Who::Coach => "coach@example.com",
            Who::Owner => "owner@example.com",
            Who::Anonymous => "",
        }
    }

    /// A browser carrying fresh credentials for `who` via `via` (fresh each time, so routes
    /// that end a session or revoke a token do not disturb the next row), and the header
    /// list to send.
    fn caller(&self, who: Who, via: Via) -> (Browser, Vec<(String, String)>) {
        let db: &Postgres = &self.s.db;
        let mut b = Browser::new(&self.s.base);
        let mut headers = Vec::new();
        let email = World::email(who);
        match (who, via) {
            (Who::Anonymous, Via::Token) => {}
            (Who::Anonymous, _) => {
                let pre = new_secret();
                b.jar.insert("lc_pre".into(), pre.clone());
                if via == Via::Cookie {
                    headers.push(("X-CSRF-Token".into(), pre));
                }
            }
            (Who::Revoked, _) => {
                let t = self.s.rt.block_on(admin::token(db, email)).unwrap();
                self.s
                    .rt
                    .block_on(db.revoke_token_hash(&token_hash(&t)))
                    .unwrap();
                headers.push(("Authorization".into(), format!("Bearer {t}")));
            }
            (_, Via::Token) => {
                let t = self.s.rt.block_on(admin::token(db, email)).unwrap();
                headers.push(("Authorization".into(), format!("Bearer {t}")));
            }
            (_, _) => {
                let user = self.ids[email.split('@').next().unwrap()];
                let (id, csrf) = (new_secret(), new_secret());
                self.s
                    .rt
                    .block_on(db.add_session(user, &token_hash(&id), &csrf, 3600))
                    .unwrap();
                b.jar.insert("lc_session".into(), id);
                if via == Via::Cookie {
                    headers.push(("X-CSRF-Token".into(), csrf));
                }
            }
        }
        (b, headers)
    }

    /// The concrete path of a route pattern: the first group's ids, or (`foreign`) the other
    /// group's.
    fn path(&self, pattern: &str, foreign: bool) -> String {
        let (g, sh, m) = if foreign {
            (self.g2, self.s2, self.m2)
        } else {
            (self.g1, self.s1, self.m1)
        };
        let token = if pattern.contains("{token}") {
            let link = self
                .s
                .rt
                .block_on(invite::create(
                    &self.s.db,
                    "",
                    self.g1,
                    Role::Member,
                    self.ids["owner"],
                ))
                .unwrap()
                .link;
            link.trim_start_matches("/invite/").to_owned()
        } else {
            String::new()
        };
        pattern
            .replace("/groups/{id}", &format!("/groups/{g}"))
            .replace("/shares/{id}", &format!("/shares/{sh}"))
            .replace("/mocks/{id}", &format!("/mocks/{m}"))
            .replace("{name}", "b")
            .replace("{card}", "ownership-09")
            .replace("/debrief", "/debrief?candidate=coach%40example.com")
            .replace("{token}", &token)
            .replace("{code}", "en")
            .replace("{file}", "app.css")
    }
}

fn send(
    b: &mut Browser,
    verb: Verb,
    path: &str,
    headers: &[(String, String)],
    body: Option<String>,
    api: bool,
) -> Resp {
    let h: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let ty = if api {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    };
    b.request(verb.as_str(), path, &h, body.map(|b| (ty, b)))
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn every_route_against_every_caller() {
    let w = world();
    let table = table();
    let mut routes: Vec<(Verb, &'static str)> = endpoints::<Postgres>()
        .into_iter()
        .map(|e| (e.verb, e.path))
        .collect();
    // Joining by invitation makes the non-member a member of the first group: those rows go
    // last, whatever the order of the router's list.
    routes.sort_by_key(|(_, p)| p.starts_with("/invite/"));
    let keys: Vec<String> = routes
        .iter()
        .map(|(v, p)| format!("{} {p}", v.as_str()))
        .collect();
    for k in &keys {
        assert!(
            table.contains_key(k.as_str()),
            "route {k} has no entry in the authorization table"
        );
    }
    for k in table.keys() {
        assert!(
            keys.iter().any(|r| r == k),
            "the table names {k}, which the router does not serve"
        );
    }
    let whos = [
        Who::Anonymous,
        Who::NonMember,
        Who::Member,
        Who::Coach,
        Who::Owner,
        Who::Revoked,
    ];
    let vias = [Via::Token, Via::Cookie, Via::CookieNoCsrf];
    let mut checked = 0;
    let mut failures = Vec::new();
    for (verb, pattern) in &routes {
        let (rule, body) = table[format!("{} {pattern}", verb.as_str()).as_str()];
        let api = pattern.starts_with("/api/");
        let scoped = pattern.contains("{id}");
        for foreign in [false, true] {
            if foreign && !scoped {
                continue;
            }
            for who in whos {
                for via in vias {
                    if who == Who::Revoked && via != Via::Token {
                        continue;
                    }
                    let (mut b, headers) = w.caller(who, via);
                    let path = w.path(pattern, foreign);
                    let body = body.map(|t| fill(t, checked));
                    let r = send(&mut b, *verb, &path, &headers, body, api);
                    checked += 1;
                    let want = expected(rule, *verb, api, foreign, who, via);
                    let row = format!("{} {path} as {who:?} via {via:?}", verb.as_str());
                    if r.status != want {
                        failures.push(format!(
                            "{row}: {} (expected {want}) {}",
                            r.status,
                            &r.body.chars().take(200).collect::<String>()
                        ));
                    }
                    for s in NEVER {
                        if r.body.contains(s) {
                            failures.push(format!("{row}: leaks {s}"));
                        }
                    }
                    let outside = matches!(who, Who::Anonymous | Who::NonMember | Who::Revoked);
                    if outside && !pattern.starts_with("/invite/") {
                        for s in G1 {
                            if r.body.contains(s) {
                                failures
                                    .push(format!("{row}: leaks {s} to someone outside the group"));
                            }
                        }
                    }
                    if !api && r.csp.is_none() {
                        failures.push(format!("{row}: no Content-Security-Policy"));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 400, "{checked}");
}
