//! The study pages in a browser (cookies, forms, CSRF) against a real PostgreSQL: a coach
//! writes a bank in the page (refused text comes back with its problems), a member drills it,
//! a member opens a mock and writes it up on the interviewer's sheet, the debrief lines the
//! write-ups up, the cohort dashboard is the coaches' only; in Korean and in English.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Server;
use common::browser::{Browser, csrf_of};
use loopcoach_server::model::Role;
use loopcoach_server::testkit::Cluster;
use serde_json::json;

const PW: &str = "password-123456";

const BANK: &str = r#"principle = "dive-deep"

[[cards]]
id = "dive-deep-01"
question = { en = "When did the numbers not add up?", ko = "숫자가 맞지 않았던 때는 언제였나요?" }
follow_ups = { en = ["How did you find out?", "What did you check first?"], ko = ["어떻게 알아냈나요?", "무엇부터 확인했나요?"] }
key_points = { en = ["goes to the source", "checks the data", "finds the root cause"], ko = ["원천을 직접 본다", "데이터를 확인한다", "근본 원인을 찾는다"] }
"#;

struct World {
    s: Server,
    g: i64,
}

fn world() -> World {
    let url = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let s = Server::start(&url);
    for e in [
        "owner@example.com",
        "coach@example.com",
        "m1@example.com",
        "m2@example.com",
        "outsider@example.com",
    ] {
        s.user(e);
    }
    let g = s.group("면접 스터디", "owner@example.com");
    s.group("Other", "outsider@example.com");
    s.add(g, "coach@example.com", Role::Coach);
    s.add(g, "m1@example.com", Role::Member);
    s.add(g, "m2@example.com", Role::Member);
    World { s, g }
}

fn signed_in(w: &World, email: &str, lang: &str) -> Browser {
    let mut b = Browser::new(&w.s.base);
    b.get(&format!("/lang/{lang}"));
    let r = b.sign_in(email, PW);
    assert_eq!(r.status, 303, "{}", r.body);
    b
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_coach_writes_a_bank_in_the_page_and_a_member_drills_it() {
    let w = world();
    let g = w.g;
    let mut coach = signed_in(&w, "coach@example.com", "en");
    let page = coach.get(&format!("/groups/{g}/banks"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("A new bank") && page.body.contains("no question banks"));
    let csrf = csrf_of(&page.body).unwrap();
    // Without the CSRF token the form is refused.
    let r = coach.post(
        &format!("/groups/{g}/banks"),
        &[("name", "deep"), ("toml", BANK)],
    );
    assert_eq!(r.status, 403, "{}", r.body);
    // A broken bank comes back in the form with its problems, the text kept.
    let broken = BANK.replace("dive-deep-01", "dd-1");
    let r = coach.post(
        &format!("/groups/{g}/banks"),
        &[("csrf", &csrf), ("name", "deep"), ("toml", &broken)],
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("The bank was not saved") && r.body.contains("deep.toml:4"),
        "{}",
        r.body
    );
    assert!(r.body.contains("dd-1"));
    let r = coach.post(
        &format!("/groups/{g}/banks"),
        &[("csrf", &csrf), ("name", "deep"), ("toml", BANK)],
    );
    assert_eq!(
        (r.status, r.location.as_deref()),
        (303, Some(&*format!("/groups/{g}/banks/deep")))
    );
    // The JSON API with the session cookie needs the token too (as a header).
    let api = format!("/api/groups/{g}/banks/deep");
    let body = json!({ "toml": BANK }).to_string();
    let r = coach.request("PUT", &api, &[], Some(("application/json", body.clone())));
    assert_eq!(r.status, 403, "{}", r.body);
    let r = coach.request(
        "PUT",
        &api,
        &[("X-CSRF-Token", &csrf)],
        Some(("application/json", body)),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let page = coach.get(&format!("/groups/{g}/banks/deep"));
    assert!(
        page.body.contains("When did the numbers not add up?")
            && page.body.contains("Edit the bank")
    );
    // A member reads it (in Korean) without the editor, and cannot post one.
    let mut m1 = signed_in(&w, "m1@example.com", "ko");
    let page = m1.get(&format!("/groups/{g}/banks/deep"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("숫자가 맞지 않았던 때는") && !page.body.contains("문제 은행 수정"));
    let csrf_m1 = csrf_of(&m1.get(&format!("/groups/{g}/drill")).body).unwrap();
    let r = m1.post(
        &format!("/groups/{g}/banks/deep"),
        &[("csrf", &csrf_m1), ("toml", BANK)],
    );
    assert_eq!(r.status, 403);
    // The drill: the card, its key points behind a reveal, four ratings.
    let page = m1.get(&format!("/groups/{g}/drill"));
    assert!(
        page.body.contains("새 카드: 1장") && page.body.contains("숫자가 맞지 않았던 때는"),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("name=\"rating\"").count(), 4);
    let r = m1.post(
        &format!("/groups/{g}/drill"),
        &[
            ("csrf", &csrf_m1),
            ("bank", "deep"),
            ("card", "dive-deep-01"),
            ("rating", "3"),
        ],
    );
    assert_eq!(
        (r.status, r.location.as_deref()),
        (303, Some(&*format!("/groups/{g}/drill")))
    );
    let page = m1.get(&format!("/groups/{g}/drill"));
    assert!(
        page.body.contains("복습할 카드가 없습니다"),
        "{}",
        page.body
    );
    // The coach's drill is their own: the card is still new for them.
    let page = coach.get(&format!("/groups/{g}/drill"));
    assert!(page.body.contains("New: 1"), "{}", page.body);
    // An outsider sees none of it.
    let mut out = signed_in(&w, "outsider@example.com", "en");
    for path in ["banks", "banks/deep", "drill", "mocks", "dashboard"] {
        let r = out.get(&format!("/groups/{g}/{path}"));
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("numbers"), "{path}");
    }
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_mock_is_opened_written_up_on_the_sheet_and_read_in_the_debrief_and_dashboard() {
    let w = world();
    let g = w.g;
    // m2 shares a story for dive-deep through the API.
    let m2_token = w.s.user_token("m2@example.com");
    let story = json!({"story": {"title": "결제 API 타임아웃", "situation": "매일 새벽 타임아웃",
        "task": "원인 분석", "action": "슬로우 쿼리 로그를 직접 읽었습니다", "result": "p99 2.1s → 180ms",
        "principles": ["dive-deep"]}});
    let (st, _) = w.s.call(
        "POST",
        &format!("/api/groups/{g}/shares"),
        Some(&m2_token),
        Some(&story.to_string()),
    );
    assert_eq!(st, 201);
    let mut m1 = signed_in(&w, "m1@example.com", "en");
    let page = m1.get(&format!("/groups/{g}/mocks"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Open a mock interview") && page.body.contains("m2@example.com"));
    let csrf = csrf_of(&page.body).unwrap();
    let r = m1.post(
        &format!("/groups/{g}/mocks"),
        &[
            ("csrf", &csrf),
            ("interviewer", "m1@example.com"),
            ("candidate", "m2@example.com"),
            ("principle", "dive-deep"),
            ("principle", "ownership"),
            ("scheduled_at", "2026-03-10T19:00"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let mock = r.location.unwrap();
    // The interviewer's sheet: the candidate's story, follow-ups, the rubric, the form.
    let sheet = m1.get(&mock);
    assert_eq!(sheet.status, 200);
    for want in [
        "결제 API 타임아웃",
        "p99 2.1s → 180ms",
        "raises the bar",
        "Save the write-up",
        "2026-03-10T19:00:00Z",
    ] {
        assert!(sheet.body.contains(want), "{want} in {}", sheet.body);
    }
    // The candidate sees the mock but not the sheet, and no form.
    let mut m2 = signed_in(&w, "m2@example.com", "ko");
    let theirs = m2.get(&mock);
    assert_eq!(theirs.status, 200);
    assert!(!theirs.body.contains("면접관 시트") && !theirs.body.contains("평가서 저장"));
    assert!(theirs.body.contains("아직 평가서를 쓰지 않았습니다"));
    let r = m2.post(
        &format!("{mock}/assessment"),
        &[
            ("csrf", &csrf_of(&theirs.body).unwrap()),
            ("vote", "inclined"),
        ],
    );
    assert_eq!(r.status, 403);
    // The interviewer writes it up.
    let r = m1.post(
        &format!("{mock}/assessment"),
        &[
            ("csrf", &csrf),
            ("vote", "not-inclined"),
            ("summary", "Strong on data, thin on ownership."),
            ("score-dive-deep", "4"),
            ("text-dive-deep", "Read the slow query log herself."),
            ("score-ownership", ""),
            ("text-ownership", "No story of her own yet."),
        ],
    );
    assert_eq!(
        (r.status, r.location.as_deref()),
        (303, Some(mock.as_str()))
    );
    let theirs = m2.get(&mock);
    assert!(
        theirs.body.contains("Read the slow query log herself.")
            && theirs.body.contains("불합격 의견")
    );
    // The debrief, side by side, for every member; the coach's dashboard; members refused.
    let debrief = format!("/groups/{g}/debrief?candidate=m2%40example.com");
    let d = m2.get(&debrief);
    assert_eq!(d.status, 200);
    assert!(
        d.body.contains("디브리프") && d.body.contains("m1@example.com") && d.body.contains("4/4"),
        "{}",
        d.body
    );
    let mut coach = signed_in(&w, "coach@example.com", "en");
    let dash = coach.get(&format!("/groups/{g}/dashboard"));
    assert_eq!(dash.status, 200, "{}", dash.body);
    assert!(
        dash.body.contains("Cohort dashboard")
            && dash.body.contains("<svg")
            && dash.body.contains("m2@example.com")
    );
    assert!(
        !dash.body.contains("슬로우 쿼리"),
        "no story text on the dashboard"
    );
    assert_eq!(m1.get(&format!("/groups/{g}/dashboard")).status, 403);
    // The group page links to all of it.
    let group = coach.get(&format!("/groups/{g}"));
    for link in ["banks", "drill", "mocks", "dashboard"] {
        assert!(
            group.body.contains(&format!("/groups/{g}/{link}\"")),
            "{link}"
        );
    }
    assert!(
        !m1.get(&format!("/groups/{g}"))
            .body
            .contains("/dashboard\"")
    );
}
