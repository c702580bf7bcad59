//! The mock page: a session of several questions from the mock plan, answered one after
//! another and ended by a debrief; an answer's recording uploaded, validated, kept beside the
//! workspace, measured, served back and shown beside the feedback and in the history.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::*;
use loopcoach_practice::speech;

const GOOD: &str = "In my last job our payment API failed on a Friday night. I had to restore checkout. I traced the failure to an expired certificate and rotated it. Checkout recovered in 40 minutes.";

/// Talk 1.5 s, 2.5 s silence, talk 1 s, 3 s silence, talk 1 s.
const PATTERN: &[(u64, f32)] = &[
    (1500, 0.3),
    (2500, 0.0),
    (1000, 0.3),
    (3000, 0.0),
    (1000, 0.3),
];

/// Start a session; its id.
async fn start(app: &axum::Router, token: &str, round: &str, minutes: &str) -> String {
    let r = post_form(
        app,
        "/mock/start",
        Some(token),
        &[
            ("csrf", token),
            ("round", round),
            ("minutes", minutes),
            ("seed", "3"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.headers[header::LOCATION].to_str().unwrap().to_string();
    to.strip_prefix("/mock/").unwrap().to_string()
}

async fn answer(app: &axum::Router, token: &str, id: &str, n: &str, text: &str) -> Page {
    post_form(
        app,
        &format!("/mock/{id}/answer"),
        Some(token),
        &[
            ("csrf", token),
            ("ordinal", n),
            ("started", "0"),
            ("answer", text),
        ],
    )
    .await
}

/// POST `body` as a recording, with the CSRF cookie and (if given) header.
async fn upload(
    app: &axum::Router,
    path: &str,
    token: &str,
    header_token: Option<&str>,
    body: Vec<u8>,
) -> Page {
    let mut b = Request::post(path)
        .header(header::CONTENT_TYPE, "audio/wav")
        .header("accept-language", "en")
        .header(header::COOKIE, format!("lc_csrf={token}"));
    if let Some(h) = header_token {
        b = b.header("x-csrf-token", h);
    }
    send(app, b.body(Body::from(body)).unwrap()).await
}

#[tokio::test]
async fn a_session_asks_its_questions_in_turn_and_ends_on_a_debrief() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    let page = get(&app, "/mock?seed=3").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("action=\"/mock/start\""),
        "{}",
        page.body
    );
    let id = start(&app, &token, "full", "28").await;
    let plan = ws.store().mock_plan(&id).unwrap();
    assert_eq!(plan.len(), 4, "28 minutes: four questions");
    for q in &plan {
        let n = q.ordinal.to_string();
        let page = get(&app, &format!("/mock/{id}")).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("id=\"countdown\""),
            "a visible countdown"
        );
        assert!(
            page.body.contains(&format!("Question {n} of 4")),
            "{}",
            page.body
        );
        assert_eq!(hidden(&page.body, "ordinal"), n);
        // An empty answer is a message on the page; nothing is kept.
        let empty = answer(&app, &token, &id, &n, "  ").await;
        assert_eq!(empty.status, 422);
        assert!(empty.body.contains("Write an answer first"));
        let fb = answer(&app, &token, &id, &n, GOOD).await;
        assert_eq!(fb.status, 200, "{}", fb.body);
        assert!(fb.body.contains("Score "), "{}", fb.body);
        assert!(fb.body.contains("id=\"fb-h\""));
        let last = q.ordinal == 4;
        assert_eq!(
            fb.body.contains(&format!("href=\"/mock/{id}/debrief\"")),
            last,
            "the last answer leads to the debrief"
        );
        // The same question twice is refused.
        assert_eq!(answer(&app, &token, &id, &n, GOOD).await.status, 409);
    }
    let store = ws.store();
    let sessions = store.mock_sessions().unwrap();
    assert_eq!(sessions.len(), 1, "ONE session");
    assert_eq!(store.mock_session_answers(&id).unwrap().len(), 4);
    let s = store.mock_session(&id).unwrap().unwrap();
    assert!(s.ended_at.is_some());
    assert!(matches!(s.outcome.as_deref(), Some("hire" | "no-hire")));
    // Everything answered: the session's page is its debrief.
    let done = get(&app, &format!("/mock/{id}")).await;
    assert_eq!(done.status, 303);
    for (lang, words) in [
        (
            "en",
            [
                "Debrief",
                "Outcome:",
                "Work on first",
                "Interviewer 4 (Bar Raiser)",
            ],
        ),
        ("ko", ["디브리프", "결과", "먼저", "면접관 4"]),
    ] {
        let d = get_with(
            &app,
            &format!("/mock/{id}/debrief"),
            &[("cookie", &format!("lc_lang={lang}"))],
        )
        .await;
        assert_eq!(d.status, 200, "{}", d.body);
        for w in words {
            assert!(d.body.contains(w), "{lang}: {w}");
        }
        assert_eq!(d.body.matches("class=\"answer-review\"").count(), 4);
    }
    // The history lists the answers, linked to the debrief.
    let h = get(&app, "/history").await;
    assert!(h.body.contains(&format!("href=\"/mock/{id}/debrief\"")));
    assert!(h.body.contains("no recording"));
    // The start page lists the session.
    assert!(
        get(&app, "/mock")
            .await
            .body
            .contains(&format!("/mock/{id}/debrief"))
    );
}

#[tokio::test]
async fn a_session_ended_early_has_a_debrief_of_what_was_answered() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    let id = start(&app, &token, "behavioural", "28").await;
    assert_eq!(
        answer(&app, &token, &id, "1", "We did it.").await.status,
        200
    );
    let d = get(&app, &format!("/mock/{id}/debrief")).await;
    assert_eq!(d.status, 200);
    assert_eq!(d.body.matches("class=\"answer-review\"").count(), 1);
    assert!(d.body.contains("questions were not answered"), "{}", d.body);
    assert!(d.body.contains("What to practise next"));
}

#[tokio::test]
async fn bad_session_input_is_a_page_not_a_500() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    for (round, minutes, status) in [("nope", "28", 400), ("full", "3", 400), ("full", "x", 400)] {
        let r = post_form(
            &app,
            "/mock/start",
            Some(&token),
            &[("csrf", &token), ("round", round), ("minutes", minutes)],
        )
        .await;
        assert_eq!(r.status, status, "{round} {minutes}");
        assert!(r.body.contains("<main"));
    }
    assert_eq!(get(&app, "/mock/none").await.status, 404);
    assert_eq!(get(&app, "/mock/none/debrief").await.status, 404);
    assert_eq!(answer(&app, &token, "none", "1", GOOD).await.status, 404);
    let id = start(&app, &token, "technical", "14").await;
    let r = answer(&app, &token, &id, "9", GOOD).await;
    assert_eq!(r.status, 404);
    assert!(r.body.contains("has no question 9"), "{}", r.body);
    assert!(ws.store().mock_answers().unwrap().is_empty());
}

#[tokio::test]
async fn a_recording_is_kept_beside_the_workspace_measured_and_played_back() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    let id = start(&app, &token, "behavioural", "14").await;
    let wav = speech::encode_wav(&speech::synth(16_000, PATTERN, 0.002), 16_000);
    let path = format!("/mock/{id}/1/recording");
    let r = upload(&app, &path, &token, Some(&token), wav.clone()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body
            .contains("Recording kept: 0:03 of talk in 0:09, 2 long pauses"),
        "{}",
        r.body
    );
    // On disk beside the workspace, named by the answer.
    let file = ws
        .dir
        .path()
        .join("ws.db.uploads")
        .join(format!("{id}-1.wav"));
    assert_eq!(std::fs::read(&file).unwrap(), wav);
    let m = ws.store().mock_recording(&id, 1).unwrap().unwrap();
    assert!((m.talk_ms - 3500).abs() <= 40, "{m:?}");
    assert_eq!(m.long_pauses, 2);
    assert!((m.longest_pause_ms - 3000).abs() <= 40, "{m:?}");
    // Served back for an <audio> element.
    let got = get(&app, &path).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.headers[header::CONTENT_TYPE], "audio/wav");
    let csp = got.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("media-src 'self';") && csp.contains("default-src 'none'"));
    // The feedback shows it: the player, the talk time against the limit, the pauses, the strip.
    let fb = answer(&app, &token, &id, "1", GOOD).await;
    assert_eq!(fb.status, 200);
    assert!(fb.body.contains(&format!(
        "<audio controls preload=\"metadata\" src=\"{path}\""
    )));
    assert!(
        fb.body.contains("Talk time 0:03 of the 3:00 allowed"),
        "{}",
        fb.body
    );
    assert!(fb.body.contains("at 0:01 for 2.5 s"), "{}", fb.body);
    assert!(fb.body.contains("at 0:05 for 3.0 s"), "{}", fb.body);
    assert_eq!(fb.body.matches("class=\"pause\"").count(), 2);
    // Korean too, in the debrief; and the history lists the talk time.
    let d = get_with(
        &app,
        &format!("/mock/{id}/debrief"),
        &[("cookie", "lc_lang=ko")],
    )
    .await;
    assert!(d.body.contains("말한 시간 0:03"), "{}", d.body);
    assert!(d.body.contains("0:05에 3.0초"));
    let h = get(&app, "/history").await;
    assert!(h.body.contains("0:03 / 0:09"), "{}", h.body);
    // A recording of an answered question is refused.
    assert_eq!(
        upload(&app, &path, &token, Some(&token), wav).await.status,
        409
    );
}

#[tokio::test]
async fn bad_recordings_are_refused_with_a_message() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    let id = start(&app, &token, "behavioural", "14").await;
    let path = format!("/mock/{id}/1/recording");
    let good = speech::encode_wav(&speech::synth(8_000, PATTERN, 0.0), 8_000);
    let uploads = ws.dir.path().join("ws.db.uploads");

    let junk = upload(
        &app,
        &path,
        &token,
        Some(&token),
        b"<html>not audio</html>".to_vec(),
    )
    .await;
    assert_eq!(junk.status, 400);
    assert!(
        junk.body.contains("not a recording loopcoach can read"),
        "{}",
        junk.body
    );
    let cut = upload(
        &app,
        &path,
        &token,
        Some(&token),
        good[..good.len() / 3].to_vec(),
    )
    .await;
    assert_eq!(cut.status, 400, "a truncated WAV");

    let big = vec![0u8; loopcoach_web::pages::recording::MAX_RECORDING_BYTES + 1];
    let r = upload(&app, &path, &token, Some(&token), big).await;
    assert_eq!(r.status, 413);
    assert!(r.body.contains("too large"), "{}", r.body);

    let r = upload(&app, &path, &token, None, good.clone()).await;
    assert_eq!(r.status, 403, "no CSRF header");
    let r = upload(&app, &path, &token, Some("forged.token"), good.clone()).await;
    assert_eq!(r.status, 403);

    let r = upload(
        &app,
        &format!("/mock/{id}/7/recording"),
        &token,
        Some(&token),
        good.clone(),
    )
    .await;
    assert_eq!(r.status, 404, "no such answer");
    assert!(r.body.contains("has no question 7"));
    let r = upload(&app, "/mock/nope/1/recording", &token, Some(&token), good).await;
    assert_eq!(r.status, 404);
    assert_eq!(get(&app, &path).await.status, 404, "nothing recorded");

    assert!(ws.store().mock_recordings().unwrap().is_empty());
    let files = std::fs::read_dir(&uploads).map(|d| d.count()).unwrap_or(0);
    assert_eq!(files, 0, "nothing written");
}
