//! Studying together over real HTTP against a real PostgreSQL: shared banks (owners and
//! coaches edit, members drill with their own FSRS state), peer mocks (only the interviewer
//! writes, the candidate reads their history, the debrief lines every write-up up), and the
//! cohort dashboard (coaches only, shared data only). Every route is tried by a caller with
//! no token, an outsider and, where it is a coach's, a member.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Server;
use loopcoach_server::model::Role;
use loopcoach_server::testkit::Cluster;
use serde_json::{Value, json};

const NEEDS_PG: &str = "needs PostgreSQL";

const BANK: &str = r#"principle = "ownership"

[[cards]]
id = "ownership-01"
question = { en = "Tell me about a time you fixed something nobody owned.", ko = "아무도 맡지 않은 문제를 해결한 경험을 말해 주세요." }
follow_ups = { en = ["Who asked you?", "What did it cost you?"], ko = ["누가 요청했나요?", "대가는 무엇이었나요?"] }
key_points = { en = ["acts without being asked", "long-term view", "follows through"], ko = ["요청 없이 나선다", "장기적으로 본다", "끝까지 해낸다"] }

[[cards]]
id = "ownership-02"
question = { en = "When did you take on work outside your role?", ko = "역할 밖의 일을 맡았던 때는 언제인가요?" }
follow_ups = { en = ["Why you?", "What happened next?"], ko = ["왜 본인이었나요?", "그다음은요?"] }
key_points = { en = ["sees the whole", "takes the risk", "measures the result"], ko = ["전체를 본다", "위험을 감수한다", "결과를 잰다"] }
"#;

/// A study group: owner, coach, two members, an outsider with a group of their own, and the
/// owner's bank "study" in the group.
struct World {
    s: Server,
    owner: String,
    coach: String,
    m1: String,
    m2: String,
    outsider: String,
    g: i64,
}

fn world() -> World {
    let url = Cluster::shared()
        .expect(NEEDS_PG)
        .database()
        .expect("createdb");
    let s = Server::start(&url);
    let owner = s.user("owner@example.com");
    let coach = s.user("coach@example.com");
    let m1 = s.user("m1@example.com");
    let m2 = s.user("m2@example.com");
    let outsider = s.user("outsider@example.com");
    let g = s.group("AWS CSE 스터디 12기", "owner@example.com");
    s.group("Other", "outsider@example.com");
    s.add(g, "coach@example.com", Role::Coach);
    s.add(g, "m1@example.com", Role::Member);
    s.add(g, "m2@example.com", Role::Member);
    let (st, v) = s.call(
        "PUT",
        &format!("/api/groups/{g}/banks/study"),
        Some(&owner),
        Some(&json!({ "toml": BANK }).to_string()),
    );
    assert_eq!(st, 201, "{v}");
    World {
        s,
        owner,
        coach,
        m1,
        m2,
        outsider,
        g,
    }
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("<no JSON error>")
}

fn share(w: &World, token: &str, title: &str, principles: &[&str], result: &str) -> i64 {
    let body = json!({"story": {"title": title, "situation": "결제 API가 매일 새벽 타임아웃 났습니다.",
        "task": "제가 원인 분석을 맡았습니다.", "action": "슬로우 쿼리 로그를 읽고 인덱스를 추가했습니다.",
        "result": result, "principles": principles}});
    let (st, v) = w.s.call(
        "POST",
        &format!("/api/groups/{}/shares", w.g),
        Some(token),
        Some(&body.to_string()),
    );
    assert_eq!(st, 201, "{v}");
    v["id"].as_i64().unwrap()
}

fn open_mock(w: &World, token: &str, body: Value) -> (u16, Value) {
    w.s.call(
        "POST",
        &format!("/api/groups/{}/mocks", w.g),
        Some(token),
        Some(&body.to_string()),
    )
}

fn assessment() -> String {
    json!({"vote": "inclined", "summary": "구체적인 숫자가 좋았습니다.", "assessments": [
        {"principle": "ownership", "score": 3, "text": "Owned the fix end to end."},
        {"principle": "dive-deep", "score": 4, "text": "로그까지 직접 읽었습니다."}]})
    .to_string()
}

/// Every study route: (method, path, body, coach only).
fn routes(w: &World, mock: i64) -> Vec<(&'static str, String, Option<String>, bool)> {
    let g = w.g;
    let question = json!({"question": {"en": "Q?", "ko": "질문?"},
        "follow_ups": {"en": ["a?", "b?"], "ko": ["가?", "나?"]},
        "key_points": {"en": ["x", "y", "z"], "ko": ["ㄱ", "ㄴ", "ㄷ"]}})
    .to_string();
    vec![
        ("GET", format!("/api/groups/{g}/banks"), None, false),
        ("GET", format!("/api/groups/{g}/banks/study"), None, false),
        (
            "PUT",
            format!("/api/groups/{g}/banks/study"),
            Some(json!({ "toml": BANK }).to_string()),
            true,
        ),
        (
            "GET",
            format!("/api/groups/{g}/banks/study/questions"),
            None,
            false,
        ),
        (
            "PUT",
            format!("/api/groups/{g}/banks/study/questions/ownership-03"),
            Some(question),
            true,
        ),
        ("GET", format!("/api/groups/{g}/drill/next"), None, false),
        (
            "POST",
            format!("/api/groups/{g}/drill/reviews"),
            Some(json!({"bank": "study", "card": "ownership-01", "rating": 3}).to_string()),
            false,
        ),
        ("GET", format!("/api/groups/{g}/mocks"), None, false),
        (
            "POST",
            format!("/api/groups/{g}/mocks"),
            Some(json!({"candidate": "m2@example.com", "principles": ["ownership"]}).to_string()),
            false,
        ),
        ("GET", format!("/api/groups/{g}/assessments"), None, false),
        (
            "GET",
            format!("/api/groups/{g}/debrief?candidate=m2@example.com"),
            None,
            false,
        ),
        ("GET", format!("/api/mocks/{mock}"), None, false),
        ("GET", format!("/api/mocks/{mock}/sheet"), None, false),
        (
            "PUT",
            format!("/api/mocks/{mock}/assessment"),
            Some(assessment()),
            false,
        ),
        ("GET", format!("/api/groups/{g}/dashboard"), None, true),
        (
            "GET",
            format!("/api/groups/{g}/dashboard/heatmap.svg"),
            None,
            true,
        ),
    ]
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn every_study_route_refuses_no_token_hides_from_outsiders_and_keeps_coach_routes_for_coaches() {
    let w = world();
    let (st, m) = open_mock(
        &w,
        &w.m1,
        json!({"candidate": "m2@example.com", "principles": ["ownership", "dive-deep"]}),
    );
    assert_eq!(st, 201, "{m}");
    let mock = m["id"].as_i64().unwrap();
    for (method, path, body, coach_only) in routes(&w, mock) {
        let (st, v) = w.s.call(method, &path, None, body.as_deref());
        assert_eq!((st, code(&v)), (401, "unauthorized"), "{method} {path}");
        let (st, v) = w.s.call(method, &path, Some(&w.outsider), body.as_deref());
        assert_eq!(
            (st, code(&v)),
            (404, "not_found"),
            "outsider {method} {path}: {v}"
        );
        assert!(!v.to_string().contains("스터디"), "{path} leaks {v}");
        if coach_only {
            let (st, v) = w.s.call(method, &path, Some(&w.m1), body.as_deref());
            assert_eq!(
                (st, code(&v)),
                (403, "forbidden"),
                "member {method} {path}: {v}"
            );
            let (st, v) = w.s.call(method, &path, Some(&w.coach), body.as_deref());
            assert!(st == 200 || st == 201, "coach {method} {path}: {st} {v}");
        }
    }
    // Ids that name nothing are 404 too, never 500.
    for path in [
        "/api/mocks/999999".to_string(),
        "/api/mocks/abc/sheet".to_string(),
        format!("/api/groups/{}/banks/nope", w.g),
        format!("/api/groups/{}/banks/Bad%20Name/questions", w.g),
    ] {
        let (st, v) = w.s.call("GET", &path, Some(&w.m1), None);
        assert_eq!((st, code(&v)), (404, "not_found"), "{path}: {v}");
    }
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn owners_and_coaches_edit_banks_with_the_bank_schema_and_members_read_them() {
    let w = world();
    let g = w.g;
    let put = |token: &str, name: &str, toml: &str| {
        w.s.call(
            "PUT",
            &format!("/api/groups/{g}/banks/{name}"),
            Some(token),
            Some(&json!({ "toml": toml }).to_string()),
        )
    };
    // A member reads the bank but cannot change it.
    let (st, v) =
        w.s.call("GET", &format!("/api/groups/{g}/banks"), Some(&w.m1), None);
    assert_eq!(st, 200, "{v}");
    assert_eq!(v[0]["name"], "study");
    assert_eq!(v[0]["cards"], 2);
    assert_eq!(v[0]["edited_by"], "owner@example.com");
    let (st, _) = put(&w.m1, "study", BANK);
    assert_eq!(st, 403);
    let (st, v) = put(&w.m1, "mine", BANK);
    assert_eq!((st, code(&v)), (403, "forbidden"));
    // A coach replaces it (200) and adds another (201).
    let (st, v) = put(
        &w.coach,
        "study",
        &BANK.replace("Who asked you?", "Who asked?"),
    );
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["cards"][0]["follow_ups"]["en"][0], "Who asked?");
    assert_eq!(v["edited_by"], "coach@example.com");
    // The bank schema's own errors, with their line, as a 400.
    let (st, v) = put(&w.coach, "broken", &BANK.replace("ownership-02", "own-2"));
    assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.contains("broken.toml:10"), "{msg}");
    let (st, v) = put(&w.coach, "Bad%20Name", BANK);
    assert_eq!(
        (st, code(&v)),
        (400, "bad_request"),
        "a bank name is a slug: {v}"
    );
    let (st, v) = put(&w.coach, "x", "principle = \"synergy\"\n");
    assert_eq!(st, 400, "{v}");
    // One question at a time: added, then replaced; checked like the whole bank.
    let q = |en: &str| {
        json!({"question": {"en": en, "ko": "질문"},
            "follow_ups": {"en": ["a?", "b?"], "ko": ["가?", "나?"]},
            "key_points": {"en": ["x", "y", "z"], "ko": ["ㄱ", "ㄴ", "ㄷ"]}})
        .to_string()
    };
    let path = |card: &str| format!("/api/groups/{g}/banks/study/questions/{card}");
    let (st, _) =
        w.s.call("PUT", &path("ownership-03"), Some(&w.m2), Some(&q("No")));
    assert_eq!(st, 403);
    let (st, v) = w.s.call(
        "PUT",
        &path("ownership-03"),
        Some(&w.coach),
        Some(&q("Third?")),
    );
    assert_eq!(st, 200, "{v}");
    let (st, v) = w.s.call(
        "PUT",
        &path("ownership-01"),
        Some(&w.owner),
        Some(&q("First, again?")),
    );
    assert_eq!(st, 200, "{v}");
    let (st, v) = w.s.call(
        "GET",
        &format!("/api/groups/{g}/banks/study/questions"),
        Some(&w.m1),
        None,
    );
    assert_eq!(st, 200);
    let qs: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["question"]["en"].as_str().unwrap())
        .collect();
    assert_eq!(
        qs,
        [
            "First, again?",
            "When did you take on work outside your role?",
            "Third?"
        ]
    );
    let (st, v) =
        w.s.call("PUT", &path("jwt-01"), Some(&w.coach), Some(&q("Wrong id")));
    assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
    let (st, _) = w.s.call(
        "PUT",
        &format!("/api/groups/{g}/banks/nope/questions/ownership-01"),
        Some(&w.coach),
        Some(&q("x")),
    );
    assert_eq!(st, 404);
    let (st, v) = w.s.call(
        "PUT",
        &path("ownership-04"),
        Some(&w.coach),
        Some("{\"question\": 1}"),
    );
    assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
}

fn next(w: &World, token: &str) -> Value {
    let (st, v) = w.s.call(
        "GET",
        &format!("/api/groups/{}/drill/next", w.g),
        Some(token),
        None,
    );
    assert_eq!(st, 200, "{v}");
    v
}

fn rate(w: &World, token: &str, card: &str, rating: i64) -> (u16, Value) {
    w.s.call(
        "POST",
        &format!("/api/groups/{}/drill/reviews", w.g),
        Some(token),
        Some(&json!({"bank": "study", "card": card, "rating": rating}).to_string()),
    )
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn every_member_drills_the_group_bank_with_their_own_fsrs_state() {
    let w = world();
    let first = next(&w, &w.m1);
    assert_eq!(first["card"]["card"]["id"], "ownership-01");
    assert_eq!(first["card"]["state"], Value::Null);
    assert_eq!(
        (first["due"].as_i64(), first["new"].as_i64()),
        (Some(0), Some(2))
    );
    // m1 knows it: graduates to days; m2 does not: stays in learning a minute.
    let (st, s1) = rate(&w, &w.m1, "ownership-01", 3);
    assert_eq!(st, 200, "{s1}");
    assert_eq!(
        (s1["phase"].as_str(), s1["reps"].as_i64()),
        (Some("review"), Some(1))
    );
    assert!(s1["interval_days"].as_i64().unwrap() >= 1);
    let (st, s2) = rate(&w, &w.m2, "ownership-01", 1);
    assert_eq!(st, 200, "{s2}");
    assert_eq!(s2["phase"], "learning");
    assert_eq!(s2["interval_days"], 0);
    // Each one's next card follows their own state.
    let n1 = next(&w, &w.m1);
    assert_eq!(n1["card"]["card"]["id"], "ownership-02");
    assert_eq!(n1["new"], 1);
    assert!(n1["next_due"].as_str().is_some());
    let n2 = next(&w, &w.m2);
    assert_eq!(
        n2["card"]["card"]["id"], "ownership-02",
        "ownership-01 is a minute away"
    );
    // m2's lapse did not touch m1's state (and the other way round), in the database too.
    let (st, again) = rate(&w, &w.m1, "ownership-01", 4);
    assert_eq!(st, 200);
    assert_eq!(again["reps"], 2, "m1's second review of the card: {again}");
    let rows: Vec<(String, i32, String)> = w.s.rt.block_on(async {
        sqlx::query_as(
            "SELECT u.email, s.reps, s.phase FROM drill_states s JOIN users u ON u.id = s.user_id \
             WHERE s.card_id = 'ownership-01' ORDER BY u.email",
        )
        .fetch_all(w.s.db.pool())
        .await
        .unwrap()
    });
    assert_eq!(
        rows,
        [
            ("m1@example.com".to_string(), 2, "review".to_string()),
            ("m2@example.com".to_string(), 1, "learning".to_string())
        ]
    );
    // Bad ratings are 400; a card or bank the group does not have is 404.
    for r in [0, 5] {
        let (st, v) = rate(&w, &w.m1, "ownership-02", r);
        assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
    }
    let (st, _) = rate(&w, &w.m1, "ownership-99", 3);
    assert_eq!(st, 404);
    // A card dropped from the bank leaves every member's schedule.
    let only_two = BANK
        .split("[[cards]]")
        .take(2)
        .collect::<Vec<_>>()
        .join("[[cards]]");
    let (st, v) = w.s.call(
        "PUT",
        &format!("/api/groups/{}/banks/study", w.g),
        Some(&w.coach),
        Some(&json!({ "toml": only_two.replace("ownership-01", "ownership-02") }).to_string()),
    );
    assert_eq!(st, 200, "{v}");
    let left: i64 = w.s.rt.block_on(async {
        sqlx::query_scalar("SELECT count(*) FROM drill_states WHERE card_id = 'ownership-01'")
            .fetch_one(w.s.db.pool())
            .await
            .unwrap()
    });
    assert_eq!(left, 0);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_peer_mock_shows_the_interviewer_only_shared_stories_and_only_they_write_it_up() {
    let w = world();
    let dd = share(
        &w,
        &w.m2,
        "결제 API 타임아웃",
        &["dive-deep"],
        "p99 2.1s → 180ms",
    );
    share(&w, &w.m1, "m1의 이야기", &["dive-deep"], "배포 시간 절반");
    // Who may open what.
    let (st, v) = open_mock(
        &w,
        &w.m1,
        json!({"candidate": "m1@example.com", "principles": ["ownership"]}),
    );
    assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
    let (st, v) = open_mock(
        &w,
        &w.m1,
        json!({"candidate": "outsider@example.com", "principles": ["ownership"]}),
    );
    assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
    let (st, v) = open_mock(
        &w,
        &w.m1,
        json!({"interviewer": "coach@example.com", "candidate": "m2@example.com", "principles": ["ownership"]}),
    );
    assert_eq!(
        (st, code(&v)),
        (403, "forbidden"),
        "a member pairs two others: {v}"
    );
    let (st, v) = open_mock(
        &w,
        &w.m1,
        json!({"candidate": "m2@example.com", "principles": ["Synergy"]}),
    );
    assert_eq!(st, 400, "{v}");
    let (st, m) = open_mock(
        &w,
        &w.m1,
        json!({"candidate": "m2@example.com", "principles": ["ownership", "Dive Deep"],
               "scheduled_at": "2026-03-10T19:00:00+09:00"}),
    );
    assert_eq!(st, 201, "{m}");
    assert_eq!(m["interviewer"], "m1@example.com");
    assert_eq!(m["principles"], json!(["ownership", "dive-deep"]));
    assert_eq!(m["scheduled_at"], "2026-03-10T10:00:00Z");
    let id = m["id"].as_i64().unwrap();
    // The interviewer's sheet: the group's own question for ownership, the candidate's shared
    // story for dive-deep (not m1's own), follow-ups and the rubric.
    let (st, sheet) =
        w.s.call("GET", &format!("/api/mocks/{id}/sheet"), Some(&w.m1), None);
    assert_eq!(st, 200, "{sheet}");
    let items = sheet["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let own = items
        .iter()
        .find(|i| i["principle"] == "ownership")
        .unwrap();
    assert!(
        own["card_id"].as_str().unwrap().starts_with("ownership-0"),
        "{own}"
    );
    assert!(["ownership-01", "ownership-02"].contains(&own["card_id"].as_str().unwrap()));
    assert_eq!(own["stories"], json!([]));
    let deep = items
        .iter()
        .find(|i| i["principle"] == "dive-deep")
        .unwrap();
    assert_eq!(deep["stories"].as_array().unwrap().len(), 1, "{deep}");
    assert_eq!(deep["stories"][0]["share"], dd);
    assert!(!sheet.to_string().contains("m1의 이야기"));
    assert!(deep["follow_ups"].as_array().unwrap().len() >= 2);
    assert_eq!(deep["rubric"]["levels"].as_array().unwrap().len(), 4);
    assert!(deep["rubric"]["bar"]["ko"].as_str().unwrap().len() > 10);
    // The candidate does not see the sheet; a coach may; an outsider gets 404.
    let (st, _) =
        w.s.call("GET", &format!("/api/mocks/{id}/sheet"), Some(&w.m2), None);
    assert_eq!(st, 403);
    let (st, _) = w.s.call(
        "GET",
        &format!("/api/mocks/{id}/sheet"),
        Some(&w.coach),
        None,
    );
    assert_eq!(st, 200);
    // Only the interviewer writes: the candidate, a coach and the owner are refused.
    let path = format!("/api/mocks/{id}/assessment");
    for t in [&w.m2, &w.coach, &w.owner] {
        let (st, v) = w.s.call("PUT", &path, Some(t), Some(&assessment()));
        assert_eq!((st, code(&v)), (403, "forbidden"), "{v}");
    }
    let (st, v) =
        w.s.call("PUT", &path, Some(&w.outsider), Some(&assessment()));
    assert_eq!(st, 404, "{v}");
    let missing =
        json!({"vote": "inclined", "assessments": [{"principle": "ownership", "text": "ok"}]});
    let (st, v) =
        w.s.call("PUT", &path, Some(&w.m1), Some(&missing.to_string()));
    assert_eq!((st, code(&v)), (400, "bad_request"), "{v}");
    // Before the write-up the candidate's history is empty.
    let (st, v) = w.s.call(
        "GET",
        &format!("/api/groups/{}/assessments", w.g),
        Some(&w.m2),
        None,
    );
    assert_eq!((st, v.clone()), (200, json!([])));
    let (st, v) = w.s.call("PUT", &path, Some(&w.m1), Some(&assessment()));
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["vote"], "inclined");
    // It goes to the candidate's history, not to the interviewer's.
    let (st, h) = w.s.call(
        "GET",
        &format!("/api/groups/{}/assessments", w.g),
        Some(&w.m2),
        None,
    );
    assert_eq!(st, 200);
    assert_eq!(h.as_array().unwrap().len(), 1);
    assert_eq!(h[0]["assessments"][1]["text"], "로그까지 직접 읽었습니다.");
    assert_eq!(h[0]["assessments"][0]["score"], 3);
    let (_, h1) = w.s.call(
        "GET",
        &format!("/api/groups/{}/assessments", w.g),
        Some(&w.m1),
        None,
    );
    assert_eq!(h1, json!([]));
    // Rewriting replaces it.
    let changed = assessment().replace("\"inclined\"", "\"not-inclined\"");
    let (st, v) = w.s.call("PUT", &path, Some(&w.m1), Some(&changed));
    assert_eq!((st, v["vote"].as_str()), (200, Some("not-inclined")));
    assert_eq!(v["assessments"].as_array().unwrap().len(), 2);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn the_debrief_shows_every_interviewers_write_up_side_by_side_to_members_only() {
    let w = world();
    share(
        &w,
        &w.m2,
        "결제 API 타임아웃",
        &["dive-deep", "ownership"],
        "p99 2.1s → 180ms",
    );
    let mut ids = Vec::new();
    for (token, principles) in [
        (&w.m1, json!(["ownership", "dive-deep"])),
        (&w.coach, json!(["dive-deep"])),
        (&w.owner, json!(["ownership"])),
    ] {
        let (st, m) = open_mock(
            &w,
            token,
            json!({"candidate": "m2@example.com", "principles": principles}),
        );
        assert_eq!(st, 201, "{m}");
        ids.push(m["id"].as_i64().unwrap());
    }
    let (st, _) = w.s.call(
        "PUT",
        &format!("/api/mocks/{}/assessment", ids[0]),
        Some(&w.m1),
        Some(&assessment()),
    );
    assert_eq!(st, 200);
    let coach_says = json!({"vote": "not_inclined", "assessments": [
        {"principle": "dive-deep", "score": 2, "text": "Stayed on the surface of the logs."}]});
    let (st, v) = w.s.call(
        "PUT",
        &format!("/api/mocks/{}/assessment", ids[1]),
        Some(&w.coach),
        Some(&coach_says.to_string()),
    );
    assert_eq!(st, 200, "{v}");
    // The owner's mock is not written up yet: it is not in the debrief.
    let path = format!("/api/groups/{}/debrief?candidate=M2@example.com", w.g);
    let (st, d) = w.s.call("GET", &path, Some(&w.m1), None);
    assert_eq!(st, 200, "{d}");
    assert_eq!(d["candidate"], "m2@example.com");
    let who: Vec<&str> = d["interviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["interviewer"].as_str().unwrap())
        .collect();
    assert_eq!(who, ["m1@example.com", "coach@example.com"]);
    assert_eq!(
        (d["inclined"].as_i64(), d["not_inclined"].as_i64()),
        (Some(1), Some(1))
    );
    let rows = d["rows"].as_array().unwrap();
    let keys: Vec<&str> = rows
        .iter()
        .map(|r| r["principle"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["ownership", "dive-deep"]);
    let deep = &rows[1];
    assert_eq!(deep["cells"][0]["text"], "로그까지 직접 읽었습니다.");
    assert_eq!(
        deep["cells"][1]["text"],
        "Stayed on the surface of the logs."
    );
    assert_eq!(deep["mean"], 3.0);
    assert_eq!(
        rows[0]["cells"][1],
        Value::Null,
        "the coach did not probe ownership"
    );
    // Every member may read it (the candidate too); an outsider may not; an unknown
    // candidate is 404 and a missing one a 400.
    for t in [&w.m2, &w.coach] {
        let (st, _) = w.s.call("GET", &path, Some(t), None);
        assert_eq!(st, 200);
    }
    let (st, _) = w.s.call("GET", &path, Some(&w.outsider), None);
    assert_eq!(st, 404);
    let (st, _) = w.s.call(
        "GET",
        &format!("/api/groups/{}/debrief?candidate=outsider@example.com", w.g),
        Some(&w.m1),
        None,
    );
    assert_eq!(st, 404);
    let (st, v) = w.s.call(
        "GET",
        &format!("/api/groups/{}/debrief", w.g),
        Some(&w.m1),
        None,
    );
    assert_eq!((st, code(&v)), (400, "bad_request"));
    // Members list their own mocks; coaches all of them.
    let (_, mine) = w.s.call(
        "GET",
        &format!("/api/groups/{}/mocks", w.g),
        Some(&w.m1),
        None,
    );
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let (_, all) = w.s.call(
        "GET",
        &format!("/api/groups/{}/mocks", w.g),
        Some(&w.coach),
        None,
    );
    assert_eq!(all.as_array().unwrap().len(), 3);
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn the_cohort_dashboard_is_for_coaches_and_shows_only_what_members_shared() {
    let w = world();
    share(
        &w,
        &w.m2,
        "결제 API 타임아웃",
        &["dive-deep", "ownership"],
        "p99 2.1s → 180ms",
    );
    let (st, _) = rate(&w, &w.m1, "ownership-01", 3);
    assert_eq!(st, 200);
    let path = format!("/api/groups/{}/dashboard", w.g);
    for t in [&w.m1, &w.m2] {
        let (st, v) = w.s.call("GET", &path, Some(t), None);
        assert_eq!((st, code(&v)), (403, "forbidden"));
    }
    let (st, d) = w.s.call("GET", &path, Some(&w.coach), None);
    assert_eq!(st, 200, "{d}");
    assert_eq!(d["principles"].as_array().unwrap().len(), 16);
    let row = |email: &str| {
        d["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email"] == email)
            .cloned()
            .unwrap()
    };
    let m2 = row("m2@example.com");
    assert_eq!(m2["shares"], 1);
    assert!(m2["readiness"].as_u64().unwrap() > 0, "{m2}");
    assert_eq!(m2["covered"], 2);
    let covered: Vec<&str> = m2["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["covered"] == true)
        .map(|c| c["principle"].as_str().unwrap())
        .collect();
    assert_eq!(covered, ["ownership", "dive-deep"]);
    assert_eq!(m2["weakest"].as_array().unwrap().len(), 3);
    assert_eq!(
        (m2["streak"].as_i64(), m2["reviews"].as_i64()),
        (Some(0), Some(0))
    );
    // m1 shared nothing: no readiness, no coverage, but the drill today counts.
    let m1 = row("m1@example.com");
    assert_eq!(m1["readiness"], Value::Null);
    assert_eq!(
        (m1["covered"].as_i64(), m1["shares"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(
        (m1["streak"].as_i64(), m1["reviews"].as_i64()),
        (Some(1), Some(1))
    );
    // No story text is in it: only what is computed from the shares.
    assert!(!d.to_string().contains("결제") && !d.to_string().contains("180ms"));
    // The heatmap: an SVG with a column per member.
    let url = format!("{}{}/heatmap.svg", w.s.base, path);
    let mut resp = common::agent()
        .get(&url)
        .header("Authorization", format!("Bearer {}", w.coach))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let ct = resp
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(ct.starts_with("image/svg+xml"), "{ct}");
    let svg = resp.body_mut().read_to_string().unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("m2@example.com"),
        "{svg}"
    );
    assert_eq!(svg.matches("%</title>").count(), 2, "two covered cells");
}
