//! The API over real HTTP against a real PostgreSQL (a throwaway cluster from
//! `loopcoach_server::testkit`): authentication, the membership rule on every group-scoped
//! route, roles, validation (400, never 500), and two servers on one database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Server, agent, call, story};
use loopcoach_server::admin;
use loopcoach_server::model::Role;
use loopcoach_server::testkit::Cluster;
use serde_json::{Value, json};

const NEEDS_PG: &str = "needs PostgreSQL";

/// A group with an owner, a coach and a member, a second group with its own owner, and one
/// share in the first group. Returns the server, tokens and ids.
struct World {
    s: Server,
    owner: String,
    coach: String,
    member: String,
    outsider: String,
    g1: i64,
    share: i64,
    other_share: i64,
}

fn world() -> World {
    let url = Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb");
    let s = Server::start(&url);
    let owner = s.user("owner@example.com");
    let coach = s.user("coach@example.com");
    let member = s.user("member@example.com");
    let outsider = s.user("outsider@example.com");
    let g1 = s.group("스터디 1", "owner@example.com");
    let g2 = s.group("Other", "outsider@example.com");
    s.add(g1, "coach@example.com", Role::Coach);
    s.add(g1, "member@example.com", Role::Member);
    let (st, v) = s.call(
        "POST",
        &format!("/api/groups/{g1}/shares"),
        Some(&member),
        Some(&story("결제 API 타임아웃")),
    );
    assert_eq!(st, 201, "{v}");
    let share = v["id"].as_i64().expect("share id");
    let (st, v) = s.call(
        "POST",
        &format!("/api/groups/{g2}/shares"),
        Some(&outsider),
        Some(&story("secret story")),
    );
    assert_eq!(st, 201, "{v}");
    let other_share = v["id"].as_i64().expect("share id");
    World {
        s,
        owner,
        coach,
        member,
        outsider,
        g1,
        share,
        other_share,
    }
}

/// Every route of the API, with a valid body for the ones that take one.
fn routes(w: &World) -> Vec<(&'static str, String, Option<String>)> {
    let (g, sh) = (w.g1, w.share);
    vec![
        ("GET", "/api/me".into(), None),
        ("GET", "/api/groups".into(), None),
        ("GET", format!("/api/groups/{g}/shares"), None),
        ("POST", format!("/api/groups/{g}/shares"), Some(story("x"))),
        ("GET", format!("/api/groups/{g}/members"), None),
        ("GET", format!("/api/shares/{sh}/comments"), None),
        (
            "POST",
            format!("/api/shares/{sh}/comments"),
            Some(json!({"part": "result", "text": "좋아요"}).to_string()),
        ),
        ("GET", format!("/api/shares/{sh}/ratings"), None),
        (
            "POST",
            format!("/api/shares/{sh}/ratings"),
            Some(json!({"principle": "dive-deep", "score": 3}).to_string()),
        ),
    ]
}

fn error_code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("<no JSON error>")
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn every_route_refuses_a_missing_or_unknown_token() {
    let w = world();
    for (method, path, body) in routes(&w) {
        for token in [None, Some("lct_0000"), Some(""), Some(&*"x".repeat(500))] {
            let (st, v) = w.s.call(method, &path, token, body.as_deref());
            assert_eq!(st, 401, "{method} {path} with {token:?}: {v}");
            assert_eq!(error_code(&v), "unauthorized");
        }
    }
    // A revoked-looking scheme is no token either.
    let (st, _) = call(&w.s.base, "GET", "/api/groups", None, None);
    assert_eq!(st, 401);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_non_member_gets_404_on_every_group_scoped_route_and_sees_nothing() {
    let w = world();
    for (method, path, body) in routes(&w) {
        if path == "/api/groups" || path == "/api/me" {
            continue;
        }
        let (st, v) = w.s.call(method, &path, Some(&w.outsider), body.as_deref());
        assert_eq!(st, 404, "{method} {path}: {v}");
        let text = v.to_string();
        assert!(
            !text.contains("결제") && !text.contains("스터디"),
            "{method} {path} leaks: {text}"
        );
    }
    // The same answer as for a group or share that does not exist.
    for path in [
        "/api/groups/999999/shares",
        "/api/shares/999999/comments",
        "/api/groups/abc/shares",
        "/api/nothing",
    ] {
        let (st, v) = w.s.call("GET", path, Some(&w.outsider), None);
        assert_eq!((st, error_code(&v)), (404, "not_found"), "{path}");
    }
    // Nothing was written by the refused requests.
    let (_, v) = w.s.call(
        "GET",
        &format!("/api/shares/{}/comments", w.share),
        Some(&w.owner),
        None,
    );
    assert_eq!(v.as_array().map(Vec::len), Some(0), "{v}");
    let (_, v) = w.s.call(
        "GET",
        &format!("/api/groups/{}/shares", w.g1),
        Some(&w.owner),
        None,
    );
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    // The outsider's own group list shows only their group.
    let (st, v) = w.s.call("GET", "/api/groups", Some(&w.outsider), None);
    assert_eq!(st, 200);
    let names: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["name"].as_str())
        .collect();
    assert_eq!(names, ["Other"]);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn members_cannot_act_as_coaches() {
    let w = world();
    let rate = json!({"principle": "Dive Deep", "score": 4, "note": "수치가 좋다"}).to_string();
    let rate_path = format!("/api/shares/{}/ratings", w.share);
    let members_path = format!("/api/groups/{}/members", w.g1);
    // A member: 403 (they are in the group, so existence is no secret).
    let (st, v) = w.s.call("POST", &rate_path, Some(&w.member), Some(&rate));
    assert_eq!((st, error_code(&v)), (403, "forbidden"), "{v}");
    let (st, _) = w.s.call("GET", &members_path, Some(&w.member), None);
    assert_eq!(st, 403);
    // The coach and the owner may.
    for t in [&w.coach, &w.owner] {
        let (st, v) = w.s.call("POST", &rate_path, Some(t), Some(&rate));
        assert_eq!(st, 201, "{v}");
        assert_eq!(v["principle"], "dive-deep");
        let (st, v) = w.s.call("GET", &members_path, Some(t), None);
        assert_eq!(st, 200, "{v}");
        let roles: Vec<(&str, &str)> = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                (
                    m["email"].as_str().unwrap_or(""),
                    m["role"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            roles,
            [
                ("coach@example.com", "coach"),
                ("member@example.com", "member"),
                ("owner@example.com", "owner")
            ]
        );
    }
    // The share's owner (a member) reads the ratings of their own share; rating twice updates.
    let (st, v) = w.s.call("GET", &rate_path, Some(&w.member), None);
    assert_eq!(st, 200, "{v}");
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
    // Another member who does not own the share may not.
    let peer = w.s.user("peer@example.com");
    w.s.add(w.g1, "peer@example.com", Role::Member);
    let (st, _) = w.s.call("GET", &rate_path, Some(&peer), None);
    assert_eq!(st, 403);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn comments_stay_in_their_group_and_spans_are_checked() {
    let w = world();
    // The member may not comment on a share of a group they are not in.
    let c = json!({"part": "result", "text": "spy"}).to_string();
    let (st, _) = w.s.call(
        "POST",
        &format!("/api/shares/{}/comments", w.other_share),
        Some(&w.member),
        Some(&c),
    );
    assert_eq!(st, 404);
    // A comment on a span of the result, by the coach.
    let path = format!("/api/shares/{}/comments", w.share);
    let c = json!({"part": "result", "text": "숫자 근거가 좋아요", "span": {"start": 0, "end": 3}})
        .to_string();
    let (st, v) = w.s.call("POST", &path, Some(&w.coach), Some(&c));
    assert_eq!(st, 201, "{v}");
    assert!(v["id"].as_i64().is_some());
    assert_eq!(v["author"], "coach@example.com");
    assert_eq!(v["span"], json!({"start": 0, "end": 3}));
    // A span past the end of the part ("p99 2.1s → 180ms" has 16 characters).
    let c = json!({"part": "result", "text": "x", "span": {"start": 10, "end": 17}}).to_string();
    let (st, v) = w.s.call("POST", &path, Some(&w.coach), Some(&c));
    assert_eq!((st, error_code(&v)), (400, "bad_request"), "{v}");
    let c = json!({"part": "result", "text": "x", "span": {"start": 5, "end": 4}}).to_string();
    assert_eq!(w.s.call("POST", &path, Some(&w.coach), Some(&c)).0, 400);
    let c = json!({"part": "result", "text": "x", "span": {"start": 0, "end": 16}}).to_string();
    assert_eq!(w.s.call("POST", &path, Some(&w.coach), Some(&c)).0, 201);
    // Everyone in the group reads them, oldest first; the share counts them.
    let (st, v) = w.s.call("GET", &path, Some(&w.member), None);
    assert_eq!(st, 200);
    let texts: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(texts, ["숫자 근거가 좋아요", "x"]);
    let (_, v) = w.s.call(
        "GET",
        &format!("/api/groups/{}/shares", w.g1),
        Some(&w.owner),
        None,
    );
    assert_eq!(v[0]["comments"], 2);
    assert_eq!(v[0]["mine"], false);
    assert_eq!(v[0]["owner"], "member@example.com");
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn bad_bodies_are_400_with_a_json_error_never_500() {
    let w = world();
    let shares = format!("/api/groups/{}/shares", w.g1);
    let comments = format!("/api/shares/{}/comments", w.share);
    let ratings = format!("/api/shares/{}/ratings", w.share);
    let cases: Vec<(&str, &str)> = vec![
        (&shares, "{not json"),
        (&shares, ""),
        (&shares, "[]"),
        (&shares, r#"{"story": {"title": 5}}"#),
        (&shares, r#"{"story": {"title": "  "}}"#),
        (
            &shares,
            r#"{"story": {"title": "t", "principles": ["not-a-principle"]}}"#,
        ),
        (&shares, r#"{"story": {"title": "t", "colour": "red"}}"#),
        (&shares, r#"{"title": "t"}"#),
        (&comments, r#"{"part": "conclusion", "text": "x"}"#),
        (&comments, r#"{"part": "result", "text": "   "}"#),
        (&comments, r#"{"part": "result"}"#),
        (
            &comments,
            r#"{"part": "result", "text": "x", "span": {"start": -1, "end": 2}}"#,
        ),
        (&ratings, r#"{"principle": "dive-deep", "score": 5}"#),
        (
            &ratings,
            r#"{"principle": "dive-deep", "score": 99999999999}"#,
        ),
        (&ratings, r#"{"principle": "nope", "score": 3}"#),
    ];
    for (path, body) in cases {
        let (st, v) = w.s.call("POST", path, Some(&w.owner), Some(body));
        assert_eq!(
            (st, error_code(&v)),
            (400, "bad_request"),
            "{path} {body}: {v}"
        );
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{v}"
        );
    }
    // A body sent without saying it is JSON.
    let resp = agent()
        .post(format!("{}{shares}", w.s.base))
        .header("Authorization", format!("Bearer {}", w.owner))
        .send(story("t").as_bytes())
        .expect("transport");
    assert_eq!(resp.status().as_u16(), 400);
    // A body over the limit.
    let big = json!({"story": {"title": "t", "situation": "가".repeat(400_000)}}).to_string();
    let (st, _) = w.s.call("POST", &shares, Some(&w.owner), Some(&big));
    assert!(st == 400 || st == 413, "{st}");
    // Nothing was stored by any of them.
    let (_, v) = w.s.call("GET", &shares, Some(&w.owner), None);
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn sharing_the_same_local_story_again_updates_it() {
    let w = world();
    let path = format!("/api/groups/{}/shares", w.g1);
    let body = |result: &str| {
        json!({"local_id": "story-abc", "story": {"title": "t", "result": result, "principles": ["고객 집착"]}}).to_string()
    };
    let (st, v) =
        w.s.call("POST", &path, Some(&w.member), Some(&body("first")));
    assert_eq!(st, 201, "{v}");
    let id = v["id"].as_i64();
    let (st, v) =
        w.s.call("POST", &path, Some(&w.member), Some(&body("second")));
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["id"].as_i64(), id);
    assert_eq!(v["created"], false);
    // Another member's story with the same local id is theirs, not an update of this one.
    let (st, v) =
        w.s.call("POST", &path, Some(&w.coach), Some(&body("coach's")));
    assert_eq!(st, 201);
    assert_ne!(v["id"].as_i64(), id);
    let (_, v) = w.s.call("GET", &path, Some(&w.member), None);
    let mine: Vec<&Value> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["mine"] == true)
        .collect();
    assert_eq!(mine.len(), 2, "{v}");
    let updated = mine
        .iter()
        .find(|s| s["local_id"] == "story-abc")
        .expect("updated share");
    assert_eq!(updated["story"]["result"], "second");
    assert_eq!(
        updated["story"]["principles"],
        json!(["customer-obsession"])
    );
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn two_servers_started_together_share_one_database() {
    let url = Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb");
    // Both migrate the empty database at the same moment.
    let (a, b) = std::thread::scope(|sc| {
        let a = sc.spawn(|| Server::start(&url));
        let b = sc.spawn(|| Server::start(&url));
        (a.join().expect("server a"), b.join().expect("server b"))
    });
    let alice = a.user("alice@example.com");
    let carol = b.user("carol@example.com");
    let g = a.group("스터디", "alice@example.com");
    b.add(g, "carol@example.com", Role::Member);
    let (st, v) = a.call(
        "POST",
        &format!("/api/groups/{g}/shares"),
        Some(&alice),
        Some(&story("결제")),
    );
    assert_eq!(st, 201);
    let share = v["id"].as_i64().expect("id");
    let (st, v) = b.call(
        "GET",
        &format!("/api/groups/{g}/shares"),
        Some(&carol),
        None,
    );
    assert_eq!(st, 200);
    assert_eq!(v[0]["story"]["title"], "결제");
    let c = json!({"part": "action", "text": "좋아요"}).to_string();
    assert_eq!(
        b.call(
            "POST",
            &format!("/api/shares/{share}/comments"),
            Some(&carol),
            Some(&c)
        )
        .0,
        201
    );
    let (_, v) = a.call(
        "GET",
        &format!("/api/shares/{share}/comments"),
        Some(&alice),
        None,
    );
    assert_eq!(v[0]["text"], "좋아요");
    assert_eq!(v[0]["author"], "carol@example.com");
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn admin_commands_check_their_input() {
    let url = Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb");
    let s = Server::start(&url);
    let rt = &s.rt;
    let db = &s.db;
    use admin::AdminError as E;
    assert!(matches!(
        rt.block_on(admin::create_user(db, "not-an-email", "password-123")),
        Err(E::Invalid(_))
    ));
    assert!(matches!(
        rt.block_on(admin::create_user(db, "a@example.com", "short")),
        Err(E::Invalid(_))
    ));
    assert!(
        rt.block_on(admin::create_user(db, " A@Example.com ", "password-123"))
            .is_ok()
    );
    // The same address, written differently, is the same account.
    assert!(matches!(
        rt.block_on(admin::create_user(db, "a@example.com", "password-123")),
        Err(E::Db(loopcoach_server::DbError::Conflict(_)))
    ));
    assert!(matches!(
        rt.block_on(admin::create_group(db, "g", "nobody@example.com")),
        Err(E::NoUser(_))
    ));
    assert!(matches!(
        rt.block_on(admin::create_group(db, "  ", "a@example.com")),
        Err(E::Invalid(_))
    ));
    let g = rt
        .block_on(admin::create_group(db, "g", "a@example.com"))
        .expect("group");
    assert!(matches!(
        rt.block_on(admin::add_member(
            db,
            "999999",
            "a@example.com",
            Role::Member
        )),
        Err(E::NoGroup(_))
    ));
    assert!(matches!(
        rt.block_on(admin::add_member(db, "x", "a@example.com", Role::Member)),
        Err(E::NoGroup(_))
    ));
    // The owner stays owner when added again as a member.
    rt.block_on(admin::add_member(
        db,
        &g.to_string(),
        "a@example.com",
        Role::Member,
    ))
    .expect("re-add");
    let token = rt
        .block_on(admin::token(db, "a@example.com"))
        .expect("token");
    let (_, v) = s.call("GET", "/api/groups", Some(&token), None);
    assert_eq!(v[0]["role"], "owner");
    // Each token works on its own; both are stored hashed only.
    let second = rt
        .block_on(admin::token(db, "a@example.com"))
        .expect("token");
    assert_ne!(token, second);
    assert_eq!(
        s.call("GET", "/api/me", Some(&second), None).1["email"],
        "a@example.com"
    );
    let stored: Vec<Vec<u8>> = rt
        .block_on(sqlx::query_scalar("SELECT token_hash FROM api_tokens").fetch_all(db.pool()))
        .expect("tokens");
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .all(|h| h.len() == 32 && !String::from_utf8_lossy(h).contains("lct_"))
    );
}
