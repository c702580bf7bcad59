//! The web UI through its router (tower `oneshot`) and through a real server on port 0.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use loopcoach_core::{Framework, Lang, readiness};

const EVIL: &str = "# Evil <script>alert(0)</script>\n\n<script>alert(\"x1\")</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[a](javascript:alert(3))\n\n<a href=\"JAVASCRIPT:alert(5)\">b</a>\n\n<svg onload=alert(6)></svg>\n\n<iframe src=\"javascript:alert(7)\"></iframe>\n\n**Expected questions**\n\n1. <img src=x onerror=alert(8)> question?\n   1) <script>alert(9)</script> story\n   S: <script>alert(10)</script>\n   T: <b onmouseover=alert(11)>task</b>\n   A: I did [this](javascript:alert(12)) and <a href='javascript:alert(13)'>that</a>.\n   R: 12% <img src=x onerror=alert(14)>\n\n1. Customer Obsession\n\n   S: <script>alert(4)</script>\n";

#[tokio::test]
async fn the_dashboard_shows_the_reports_numbers_and_every_response_has_the_csp() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let p = get(&app, "/").await;
    assert_eq!(p.status, 200);
    let docs = ws.store().workspace().unwrap();
    let r = readiness::report(&docs, &Framework::amazon(), Lang::En);
    assert!(
        p.body
            .contains(&format!("<span class=\"big\">{}</span>", r.overall)),
        "overall {} not on the page",
        r.overall
    );
    assert!(p.body.contains("Readiness"));
    assert!(p.body.contains("<svg"), "no heatmap");
    for a in &r.next_actions {
        assert!(
            p.body.contains(&askama_escape(&a.action)),
            "action missing: {}",
            a.action
        );
    }
    for path in [
        "/",
        "/notes",
        "/stories",
        "/static/app.css",
        "/nope",
        "/stories/nope",
    ] {
        let p = get(&app, path).await;
        let csp = p
            .headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(
            p.headers.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert!(p.headers.get("referrer-policy").is_some(), "{path}");
        assert!(!p.body.contains(" style=\""), "inline style on {path}");
    }
    assert_eq!(get(&app, "/nope").await.status, 404);
    assert_eq!(get(&app, "/stories/nope").await.status, 404);
}

/// Text as askama escapes it.
fn askama_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn every_route_answers_in_both_languages() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("Payment");
    let docs = ws.store().workspace().unwrap();
    let doc = docs[0].id.clone();
    for path in [
        "/".to_string(),
        "/notes".into(),
        format!("/notes/{doc}"),
        "/stories".into(),
        "/stories?principle=customer-obsession".into(),
        "/stories?page=3".into(),
        format!("/stories/{id}"),
        "/questions".into(),
        "/search".into(),
        "/search?q=certificate".into(),
        "/search?q=%EB%A7%88%EC%9D%B4%EA%B7%B8%EB%A0%88%EC%9D%B4%EC%85%98&kind=story".into(),
        "/drill".into(),
        "/mock?seed=7".into(),
        "/labs".into(),
        "/history".into(),
    ] {
        let en = get_with(&app, &path, &[("cookie", "lc_lang=en")]).await;
        let ko = get_with(&app, &path, &[("cookie", "lc_lang=ko")]).await;
        assert_eq!(en.status, 200, "{path}");
        assert_eq!(ko.status, 200, "{path}");
        assert!(en.body.contains("<html lang=\"en\">"), "{path}");
        assert!(ko.body.contains("<html lang=\"ko\">"), "{path}");
        assert!(ko.body.contains("대시보드"), "{path}");
        assert!(en.body.contains("Dashboard"), "{path}");
        assert!(
            en.body.len() < 100 * 1024,
            "{path} is {} bytes",
            en.body.len()
        );
    }
}

#[tokio::test]
async fn the_language_follows_the_cookie_then_accept_language_then_the_notes() {
    let ws = Ws::new();
    ws.import("notes.md", "1. 질문입니다?\n   S: 한국어로 쓴 상황입니다.\n   T: 해야 할 일이었습니다.\n   A: 저는 이렇게 했습니다.\n   R: 30% 줄었습니다.\n");
    let app = ws.app();
    let none = get_with(&app, "/", &[]).await;
    assert!(none.body.contains("<html lang=\"ko\">"), "notes' language");
    let en = get_with(&app, "/", &[("accept-language", "en-US,en;q=0.9")]).await;
    assert!(en.body.contains("<html lang=\"en\">"));
    let switched = get_with(
        &app,
        "/lang/en",
        &[("referer", "http://h/stories"), ("host", "h")],
    )
    .await;
    assert_eq!(switched.status, 303);
    assert_eq!(switched.headers.get("location").unwrap(), "/stories");
    let cookie = switched
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("lc_lang=en;"), "{cookie}");
    // Another site as the referrer: back to the dashboard, not there.
    let away = get_with(
        &app,
        "/lang/ko",
        &[("referer", "http://evil.example/x"), ("host", "h")],
    )
    .await;
    assert_eq!(away.headers.get("location").unwrap(), "/");
    assert_eq!(get(&app, "/lang/fr").await.status, 404);
}

#[tokio::test]
async fn nothing_from_hostile_notes_can_run_on_any_page() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    ws.import("evil.md", EVIL);
    let app = ws.app();
    let docs = ws.store().workspace().unwrap();
    let mut paths = vec!["/".to_string(), "/notes".into(), "/stories".into()];
    for d in &docs {
        paths.push(format!("/notes/{}", d.id));
        for s in &d.stories {
            paths.push(format!("/stories/{}", s.id));
        }
    }
    assert!(paths.len() > 6, "the evil notes were read: {paths:?}");
    for path in &paths {
        for lang in ["en", "ko"] {
            let p = get_with(&app, path, &[("cookie", &format!("lc_lang={lang}"))]).await;
            assert_eq!(p.status, 200, "{path}");
            assert_eq!(runnable(&p.body), None, "{path} ({lang})");
        }
    }
    // The text itself is still there, harmless.
    let notes = get(&app, "/notes").await;
    assert!(notes.body.contains("Evil"));
    // The live checks echo nothing runnable either.
    let id = docs
        .iter()
        .flat_map(|d| d.stories.iter())
        .find(|s| {
            s.part(loopcoach_core::StarPart::Situation)
                .contains("alert(10)")
        })
        .map(|s| s.id.to_string())
        .expect("the evil story");
    let token = csrf(&app).await;
    let p = post_form(
        &app,
        &format!("/stories/{id}/check"),
        Some(&token),
        &[
            ("csrf", &token),
            ("result", "<script>alert(1)</script>"),
            ("situation", "<img src=x onerror=alert(1)>"),
        ],
    )
    .await;
    assert_eq!(p.status, 200);
    assert_eq!(runnable(&p.body), None);
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused_with_a_page() {
    let ws = Ws::new();
    let path = ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("Payment");
    let url = format!("/stories/{id}");
    let token = csrf(&app).await;
    let forged = format!("{}.{}", "0".repeat(32), "0".repeat(64));
    type Case<'a> = (Option<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case<'_>> = vec![
        (None, vec![("result", "x")]),
        (None, vec![("csrf", &token), ("result", "x")]),
        (Some(&token), vec![("result", "x")]),
        (Some(&token), vec![("csrf", "wrong"), ("result", "x")]),
        (Some(&forged), vec![("csrf", &forged), ("result", "x")]),
    ];
    for (cookie, fields) in cases {
        let p = post_form(&app, &url, cookie, &fields).await;
        assert_eq!(p.status, 403, "{cookie:?} {fields:?}");
        assert!(p.body.contains("CSRF"), "the page says why");
    }
    // JSON or multipart without the header: refused too.
    let p = send(
        &app,
        axum::http::Request::post(&url)
            .header("content-type", "application/json")
            .header("cookie", format!("lc_csrf={token}"))
            .body(axum::body::Body::from("{}"))
            .unwrap(),
    )
    .await;
    assert_eq!(p.status, 403);
    assert_eq!(file_text(&path), NOTES, "nothing was written");
    // The htmx header is accepted in place of the field.
    let p = send(
        &app,
        axum::http::Request::post(format!("{url}/check"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("lc_csrf={token}"))
            .header("x-csrf-token", &token)
            .body(axum::body::Body::from("result=ok"))
            .unwrap(),
    )
    .await;
    assert_eq!(p.status, 200);
}

#[tokio::test]
async fn saving_a_story_splices_only_its_part_into_the_file() {
    let ws = Ws::new();
    let path = ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("마이그레이션");
    let token = csrf(&app).await;
    let page = get(&app, &format!("/stories/{id}")).await;
    let base = hidden(&page.body, "base");
    let s = ws.store().document_of(&id).unwrap().unwrap().0;
    let story = s.story(&id).unwrap().clone();
    let parts: Vec<String> = loopcoach_core::StarPart::ALL
        .iter()
        .map(|p| story.part(*p).to_string())
        .collect();
    let new_result = "일정보다 일주일 빨리 끝냈고 장애는 0건이었습니다.";
    let p = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[
            ("csrf", &token),
            ("base", &base),
            ("situation", &parts[0]),
            ("task", &parts[1]),
            ("action", &parts[2]),
            ("result", new_result),
        ],
    )
    .await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.body.contains("Saved"), "{}", p.body);
    let after = file_text(&path);
    let old_result = story.parts[3].as_ref().unwrap().value;
    // The bytes before the Result's value and after it are as they were; between them is
    // the new value alone.
    let tail = &NOTES[old_result.end..];
    assert_eq!(&after[..old_result.start], &NOTES[..old_result.start]);
    assert!(after.ends_with(tail), "only the Result changed");
    assert_eq!(
        after[old_result.start..after.len() - tail.len()].trim(),
        new_result
    );
    assert!(after.contains(new_result));
    // The workspace has it, ids kept.
    let doc = ws.store().document_of(&id).unwrap().unwrap().0;
    assert_eq!(
        doc.story(&id)
            .unwrap()
            .part(loopcoach_core::StarPart::Result),
        new_result
    );
    // The edit recorded the workspace's readiness, and /history draws it.
    let rec = ws.store().readiness_history().unwrap();
    assert_eq!(rec.len(), 1, "one change, one point");
    let hist = get(&app, "/history").await;
    assert_eq!(hist.status, 200);
    assert!(
        hist.body.contains("aria-label=\"Readiness over time\""),
        "{}",
        hist.body
    );
    assert!(
        hist.body
            .contains(&format!("to {} on", rec[0].snapshot.overall)),
        "the sentence beside the chart names the score"
    );
}

#[tokio::test]
async fn a_stale_page_shows_both_versions_and_writes_nothing() {
    let ws = Ws::new();
    let path = ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("Payment");
    let token = csrf(&app).await;
    let base = hidden(&get(&app, &format!("/stories/{id}")).await.body, "base");
    // Another tab saves first.
    let first = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[
            ("csrf", &token),
            ("base", &base),
            ("result", "Checkout was back in 35 minutes."),
        ],
    )
    .await;
    assert_eq!(first.status, 200);
    let saved = file_text(&path);
    // This tab, loaded before, saves its own edit.
    let second = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[
            ("csrf", &token),
            ("base", &base),
            ("result", "My other wording of the result, 50%."),
        ],
    )
    .await;
    assert_eq!(second.status, 409);
    assert!(
        second.body.contains("My other wording of the result, 50%."),
        "the edit is kept"
    );
    assert!(
        second.body.contains("Checkout was back in 35 minutes."),
        "the current version is shown"
    );
    assert_eq!(file_text(&path), saved, "nothing written");
    // The page is now based on the current text: saving again replaces it.
    let base2 = hidden(&second.body, "base");
    let third = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[
            ("csrf", &token),
            ("base", &base2),
            ("result", "My other wording of the result, 50%."),
        ],
    )
    .await;
    assert_eq!(third.status, 200);
    assert!(file_text(&path).contains("My other wording of the result, 50%."));
}

#[tokio::test]
async fn a_file_changed_in_an_editor_is_not_overwritten() {
    let ws = Ws::new();
    let path = ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("Payment");
    let token = csrf(&app).await;
    let base = hidden(&get(&app, &format!("/stories/{id}")).await.body, "base");
    let edited = NOTES.replace("in 40 minutes", "in 45 minutes (edited by hand)");
    std::fs::write(&path, &edited).unwrap();
    let p = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[("csrf", &token), ("base", &base), ("result", "Mine, 99%.")],
    )
    .await;
    assert_eq!(p.status, 409);
    assert!(p.body.contains("Mine, 99%."));
    assert!(
        p.body.contains("edited by hand"),
        "the file's version is shown"
    );
    assert_eq!(file_text(&path), edited);
}

#[tokio::test]
async fn bad_form_input_is_a_message_on_the_page_not_a_500() {
    let ws = Ws::new();
    let path = ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("Payment");
    let token = csrf(&app).await;
    let base = hidden(&get(&app, &format!("/stories/{id}")).await.body, "base");
    let p = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[
            ("csrf", &token),
            ("base", &base),
            ("result", "a NUL \0 byte, 5%"),
        ],
    )
    .await;
    assert!(p.status < 500 && p.status >= 400, "{}", p.status);
    assert!(p.body.contains("NUL"), "the page says what was wrong");
    assert!(p.body.contains("a NUL"), "the edit is kept");
    assert_eq!(file_text(&path), NOTES);
    // A story that is not there, a form that is not a form.
    let p = post_form(&app, "/stories/none", Some(&token), &[("csrf", &token)]).await;
    assert_eq!(p.status, 404);
    let p = post_form(
        &app,
        &format!("/stories/{id}"),
        Some(&token),
        &[("csrf", &token), ("situation", "x"), ("situation", "y")],
    )
    .await;
    assert!(p.status < 500, "{}", p.status);
}

#[tokio::test]
async fn live_checks_use_the_readiness_rules() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let id = ws.story_id("Payment");
    let token = csrf(&app).await;
    let check = |fields: Vec<(&'static str, &'static str)>| {
        let app = app.clone();
        let token = token.clone();
        let id = id.clone();
        async move {
            let mut f = vec![("csrf", token.as_str())];
            f.extend(fields);
            post_form(&app, &format!("/stories/{id}/check"), Some(&token), &f).await
        }
    };
    let good = check(vec![
        (
            "situation",
            "Our payment API failed for a large retail customer on a Friday night.",
        ),
        (
            "task",
            "I had to restore checkout before the weekend sale started.",
        ),
        (
            "action",
            "I traced the failure to an expired certificate, rotated it, and added an alarm.",
        ),
        (
            "result",
            "Checkout recovered in 40 minutes and revenue loss stayed under 2%.",
        ),
    ])
    .await;
    let weak = check(vec![
        (
            "situation",
            "Our payment API failed for a large retail customer on a Friday night.",
        ),
        (
            "task",
            "We had to restore checkout before the weekend sale started.",
        ),
        (
            "action",
            "We looked at it and we fixed it and we added an alarm together as a team.",
        ),
        (
            "result",
            "Everyone was happy with how it went in the end for the customer.",
        ),
    ])
    .await;
    assert_eq!(good.status, 200);
    assert!(
        weak.body.matches("<li").count() > good.body.matches("<li").count(),
        "{}\n{}",
        good.body,
        weak.body
    );
    assert!(weak.body.contains("s to tell"), "speaking time");
}

#[tokio::test]
async fn remote_mode_needs_the_token_on_every_request() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app_with_token(Some("sekrit-token-123"));
    let p = get(&app, "/").await;
    assert_eq!(p.status, 401);
    assert!(p.headers.get("content-security-policy").is_some());
    assert_eq!(get(&app, "/?token=wrong").await.status, 401);
    let p = get(&app, "/stories?token=sekrit-token-123&page=0").await;
    assert_eq!(p.status, 303);
    assert_eq!(
        p.headers.get("location").unwrap(),
        "/stories?page=0",
        "the token leaves the address"
    );
    let cookie = p.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let by_cookie = get_with(&app, "/", &[("cookie", "lc_token=sekrit-token-123")]).await;
    assert_eq!(by_cookie.status, 200);
    let by_header = get_with(&app, "/", &[("authorization", "Bearer sekrit-token-123")]).await;
    assert_eq!(by_header.status, 200);
    let bad_header = get_with(&app, "/", &[("authorization", "Bearer sekrit-token-12")]).await;
    assert_eq!(bad_header.status, 401);
}

#[tokio::test]
async fn the_dashboard_follows_changes_made_by_other_processes() {
    let ws = Ws::new();
    let app = ws.app();
    let empty = get(&app, "/").await;
    assert!(empty.body.contains("Nothing imported yet"));
    ws.import("notes.md", NOTES);
    let full = get(&app, "/").await;
    assert!(!full.body.contains("Nothing imported yet"));
    assert!(full.body.contains("Payment outage story"));
}

#[tokio::test]
async fn a_real_server_on_port_0_answers_and_shuts_down() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let backend = loopcoach_web::LocalWorkspace::open(&ws.db).unwrap();
    let state = loopcoach_web::AppState::new(std::sync::Arc::new(backend), None).unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(loopcoach_web::serve(listener, state, async {
        let _ = rx.await;
    }));
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        text.to_lowercase()
            .contains("content-security-policy: default-src 'none'")
    );
    assert!(text.contains("Readiness"));
    tx.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn search_finds_notes_in_both_languages() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let p = get(&app, "/search?q=certificate").await;
    assert!(p.body.contains("<mark>"), "{}", p.body);
    assert!(p.body.contains("Payment outage story"));
    let p = get(
        &app,
        "/search?q=%EB%A7%88%EC%9D%B4%EA%B7%B8%EB%A0%88%EC%9D%B4%EC%85%98",
    )
    .await;
    assert!(p.body.contains("마이그레이션"), "Korean query");
    let p = get(&app, "/search?q=zzzqqq").await;
    assert!(p.body.contains("Nothing matches"));
}

#[tokio::test]
async fn a_drill_card_is_rated_and_recorded() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    let page = get(&app, "/drill").await;
    assert!(page.body.contains("id=\"reveal\""), "{}", page.body);
    let card = hidden(&page.body, "card");
    let shown = post_form(
        &app,
        "/drill/answer",
        Some(&token),
        &[
            ("csrf", &token),
            ("card", &card),
            ("answer", "my typed answer"),
        ],
    )
    .await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("my typed answer"),
        "the typed answer beside the key points"
    );
    assert!(shown.body.contains("id=\"rate-3\""));
    let rated = post_form(
        &app,
        "/drill/rate",
        Some(&token),
        &[
            ("csrf", &token),
            ("card", &card),
            ("rating", "3"),
            ("answer", "my typed answer"),
        ],
    )
    .await;
    assert_eq!(rated.status, 303);
    let reviews = ws.store().reviews().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].card_id, card);
    assert_eq!(reviews[0].rating, 3);
    let after = get(&app, "/drill?done=good").await;
    assert!(after.body.contains("Recorded"));
    // A bad rating is a message, not a 500, and records nothing.
    let bad = post_form(
        &app,
        "/drill/rate",
        Some(&token),
        &[("csrf", &token), ("card", &card), ("rating", "9")],
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(ws.store().reviews().unwrap().len(), 1);
    let none = post_form(
        &app,
        "/drill/rate",
        Some(&token),
        &[("csrf", &token), ("card", "no-such-card"), ("rating", "3")],
    )
    .await;
    assert_eq!(none.status, 404);
}

// The mock page's session flow, recordings and debrief: tests/mock.rs.

#[tokio::test]
async fn a_lab_is_created_downloaded_and_checked() {
    let ws = Ws::new();
    ws.import("notes.md", NOTES);
    let app = ws.app();
    let token = csrf(&app).await;
    let made = post_form(
        &app,
        "/labs/new",
        Some(&token),
        &[("csrf", &token), ("kind", "jwt")],
    )
    .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let to = made
        .headers
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let page = get(&app, &to).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("TICKET.md"), "{}", page.body);
    let dl = get(&app, &format!("{to}/file?path=TICKET.md")).await;
    assert_eq!(dl.status, 200);
    assert!(
        dl.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    for bad in ["../ws.db", "%2Fetc%2Fpasswd", "nope.txt"] {
        assert_eq!(
            get(&app, &format!("{to}/file?path={bad}")).await.status,
            404,
            "{bad}"
        );
    }
    let checked = post_form(
        &app,
        &format!("{to}/check"),
        Some(&token),
        &[
            ("csrf", &token),
            // Wrong whatever fault the clock-seeded lab got.
            ("answer", "The disk is full on the web server."),
        ],
    )
    .await;
    assert_eq!(checked.status, 200);
    assert!(checked.body.contains("role=\"status\""));
    let id = to.trim_start_matches("/labs/");
    assert_eq!(ws.store().lab_attempts(id).unwrap().len(), 1);
    // A lab not solved in the browser comes back in drills, as after `lab check`.
    let card = format!("lab-{id}");
    let cards = ws.store().user_cards().unwrap();
    let row = cards
        .iter()
        .find(|c| c.id == card)
        .expect("the lab's drill card");
    assert_eq!(row.deck, "labs");
    assert!(checked.body.contains("href=\"/drill\""), "{}", checked.body);
    let due = ws.store().due_user_cards(i64::MAX / 2).unwrap();
    assert!(due.iter().any(|c| c.id == card), "the card is due");
    let bad_kind = post_form(
        &app,
        "/labs/new",
        Some(&token),
        &[("csrf", &token), ("kind", "nope")],
    )
    .await;
    assert_eq!(bad_kind.status, 400);
    assert_eq!(get(&app, "/labs/none").await.status, 404);
}

#[tokio::test]
async fn ten_thousand_stories_keep_every_page_small() {
    let ws = Ws::new();
    let mut text = String::from("**Expected questions**\n\n");
    for q in 1..=1000 {
        text.push_str(&format!("{q}. Tell me about case {q}?\n"));
        for k in 1..=10 {
            text.push_str(&format!(
                "   {k}) Project {q}-{k}\n   S: Service {q} was slow.\n   T: I had to fix it.\n   A: I added an index.\n   R: p99 fell by {k}0%.\n\n"
            ));
        }
    }
    ws.import("big.md", &text);
    let app = ws.app();
    let doc = ws.store().workspace().unwrap()[0].id.clone();
    for path in [
        "/".to_string(),
        "/notes".into(),
        format!("/notes/{doc}?part=3"),
        format!("/notes/{doc}?part=999999"),
        "/stories".into(),
        "/stories?page=99".into(),
        "/questions".into(),
        "/questions?page=9".into(),
        "/history".into(),
    ] {
        let p = get(&app, &path).await;
        assert_eq!(p.status, 200, "{path}");
        assert!(p.body.len() < 100 * 1024, "{path}: {} bytes", p.body.len());
    }
    let notes = get(&app, &format!("/notes/{doc}?part=1")).await;
    assert!(notes.body.contains("rel=\"next\"") && notes.body.contains("rel=\"prev\""));
}
