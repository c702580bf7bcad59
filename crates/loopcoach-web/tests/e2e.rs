//! End to end in Chromium (fantoccini + chromedriver): import the seed, open every page (a
//! screenshot of each under `target/e2e/`, axe-core on each: no serious or critical
//! violation), edit the 마이데이터 story's Result and check the file on disk changed in that
//! span only, run a mock session (the first answer spoken into Chromium's fake microphone,
//! which plays a WAV of known tone and silence: the recording must be on disk beside the
//! workspace and measured within a tolerance of the pattern) to its debrief, rate a drill card.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use fantoccini::{Client, ClientBuilder, Locator};

const AXE: &str = include_str!("fixtures/axe.min.js");
const SEED: &str = "../../../shared/seed/aws-cse-interview-notes.md";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The fake microphone's sound: tone and silence in a known pattern (ms, amplitude), ending in
/// silence long enough to stop the recording in.
const MIC: &[(u64, f32)] = &[
    (500, 0.0),
    (2000, 0.3),
    (3000, 0.0),
    (2000, 0.3),
    (200, 0.0),
    (1500, 0.3),
    (2500, 0.0),
    (1500, 0.3),
    (5000, 0.0),
];
/// What the pattern holds before its trailing silence, and what is measured of it: talk (the
/// 0.2 s gap between words counts) and the two long pauses.
const MIC_SPOKEN_MS: u64 = 13_200;
const MIC_TALK_MS: i64 = 7_200;
const MIC_PAUSES_MS: [i64; 2] = [3_000, 2_500];

async fn browser(mic: &std::path::Path) -> (Driver, Client) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (apt-get install chromium-driver)");
    let driver = Driver(child);
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,1600", "--lang=ko-KR",
                     "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                     format!("--use-file-for-fake-audio-capture={}", mic.display()),
                     "--autoplay-policy=no-user-gesture-required"]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a browser session");
    (driver, client)
}

fn shots() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Screenshot the page as `name.png` and run axe-core on it: serious or critical violations
/// are returned.
async fn check_page(c: &Client, name: &str) -> Vec<String> {
    let png = c.screenshot().await.unwrap();
    std::fs::write(shots().join(format!("{name}.png")), png).unwrap();
    c.execute(&format!("{AXE}\n;return true;"), vec![])
        .await
        .unwrap();
    let out = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    out.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(|s| format!("{name}: {s}")))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs chromium and chromedriver (apt-get install chromium chromium-driver); .ci/run installs them"]
async fn the_seed_in_a_real_browser() {
    let seed = std::fs::read_to_string(SEED).expect("../shared/seed beside the repository");
    let ws = Ws::new();
    let notes = ws.import("aws-cse-interview-notes.md", &seed);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let backend = loopcoach_web::LocalWorkspace::open(&ws.db).unwrap();
    let state = loopcoach_web::AppState::new(std::sync::Arc::new(backend), None).unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(loopcoach_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let mic = ws.dir.path().join("mic.wav");
    std::fs::write(
        &mic,
        loopcoach_practice::speech::encode_wav(
            &loopcoach_practice::speech::synth(48_000, MIC, 0.0),
            48_000,
        ),
    )
    .unwrap();
    let (_driver, c) = browser(&mic).await;
    let mut violations = Vec::new();

    // Every page in the navigation, as a user reaches it.
    for (name, path) in [
        ("dashboard", "/"),
        ("notes", "/notes"),
        ("stories", "/stories"),
        ("questions", "/questions"),
        ("search", "/search?q=%ED%86%A0%ED%81%B0"),
        ("labs", "/labs"),
        ("history", "/history"),
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let html = c.source().await.unwrap();
        assert!(html.contains("<main"), "{name}");
        violations.extend(check_page(&c, name).await);
    }
    let dash = {
        c.goto(&format!("{base}/")).await.unwrap();
        c.source().await.unwrap()
    };
    assert!(dash.contains("준비도") || dash.contains("Readiness"));

    // Edit the 마이데이터 story's Result in the editor.
    let id = ws.story_id("마이데이터");
    let before = std::fs::read_to_string(&notes).unwrap();
    let doc = ws.store().document_of(&id).unwrap().unwrap().0;
    let span = doc.story(&id).unwrap().parts[3]
        .as_ref()
        .map(|p| p.value)
        .expect("a Result");
    c.goto(&format!("{base}/stories/{id}")).await.unwrap();
    violations.extend(check_page(&c, "story").await);
    let field = c.find(Locator::Id("part-result")).await.unwrap();
    field.clear().await.unwrap();
    let new_result = "일정 안에 오픈했고, 고객 신뢰를 회복해 추가 계약 2건을 받았습니다.";
    field.send_keys(new_result).await.unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let start = Instant::now();
    loop {
        let now = std::fs::read_to_string(&notes).unwrap();
        if now != before {
            let tail = &before[span.end..];
            assert_eq!(
                &now[..span.start],
                &before[..span.start],
                "before the Result"
            );
            assert!(now.ends_with(tail), "after the Result");
            assert_eq!(now[span.start..now.len() - tail.len()].trim(), new_result);
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the file was not written"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    violations.extend(check_page(&c, "story-saved").await);

    // A mock session, in Korean: start it, speak the first answer into the (fake) microphone.
    c.goto(&format!("{base}/lang/ko")).await.unwrap();
    c.goto(&format!("{base}/mock")).await.unwrap();
    violations.extend(check_page(&c, "mock-start").await);
    c.find(Locator::Css("#round option[value=behavioural]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#minutes option[value='14']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css(
        "form[action='/mock/start'] button[type=submit]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    c.wait()
        .for_element(Locator::Id("countdown"))
        .await
        .unwrap();
    let session = ws
        .store()
        .mock_sessions()
        .unwrap()
        .pop()
        .expect("a session")
        .id;
    let questions = ws.store().mock_plan(&session).unwrap().len();
    assert_eq!(questions, 2, "14 minutes: two questions");
    violations.extend(check_page(&c, "mock").await);
    let start = c.find(Locator::Id("rec-start")).await.unwrap();
    assert!(
        start.is_displayed().await.unwrap(),
        "the record control is shown"
    );
    start.click().await.unwrap();
    let recording_started = Instant::now();
    // Record past the pattern's last tone, into its trailing silence.
    tokio::time::sleep(Duration::from_millis(MIC_SPOKEN_MS + 1_500)).await;
    let stop_button = c.find(Locator::Id("rec-stop")).await.unwrap();
    assert!(stop_button.is_enabled().await.unwrap(), "recording");
    stop_button.click().await.unwrap();
    let recorded_for = recording_started.elapsed();
    let measured = loop {
        if let Some(r) = ws.store().mock_recording(&session, 1).unwrap() {
            break r;
        }
        assert!(
            recording_started.elapsed() < recorded_for + Duration::from_secs(15),
            "no recording arrived"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let wav = ws
        .db
        .with_file_name("ws.db.uploads")
        .join(format!("{session}-1.wav"));
    let bytes = std::fs::read(&wav).expect("the WAV beside the workspace");
    let rec = loopcoach_practice::speech::decode_wav(&bytes).unwrap();
    let secs = rec.samples.len() as f64 / f64::from(rec.sample_rate);
    println!(
        "fake microphone: {secs:.2} s recorded at {} Hz over {:.2} s; talk {} ms (pattern {MIC_TALK_MS}), long pauses {}, longest {} ms; {}",
        rec.sample_rate,
        recorded_for.as_secs_f64(),
        measured.talk_ms,
        measured.long_pauses,
        measured.longest_pause_ms,
        measured.measured
    );
    assert!(
        (measured.talk_ms - MIC_TALK_MS).abs() <= 700,
        "{measured:?}"
    );
    assert_eq!(measured.long_pauses, 2, "{measured:?}");
    assert!(
        (measured.longest_pause_ms - MIC_PAUSES_MS[0]).abs() <= 400,
        "{measured:?}"
    );
    let speech: loopcoach_practice::speech::Speech =
        serde_json::from_str(&measured.measured).unwrap();
    for (p, want) in speech.pauses.iter().zip(MIC_PAUSES_MS) {
        assert!(
            (p.length_ms as i64 - want).abs() <= 400,
            "{p:?} against {want}"
        );
    }
    let status = c.find(Locator::Id("rec-status")).await.unwrap();
    let start = Instant::now();
    while !status.text().await.unwrap().contains("녹음을 보관했습니다") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no saved status: {:?}",
            status.text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    violations.extend(check_page(&c, "mock-recorded").await);
    c.find(Locator::Id("answer"))
        .await
        .unwrap()
        .send_keys("프로젝트 일정이 불가능한 상황에서 저는 매일 아침 고객과 진행 상황을 공유했고, 결과적으로 일정 안에 오픈해 장애 0건을 달성했습니다.")
        .await
        .unwrap();
    c.find(Locator::Css("#mock-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("fb-h")).await.unwrap();
    let fb = c.source().await.unwrap();
    assert!(
        fb.contains(&format!("src=\"/mock/{session}/1/recording\"")),
        "the player"
    );
    assert!(fb.contains("말한 시간"), "the talk time");
    violations.extend(check_page(&c, "mock-feedback").await);
    // The second question, typed only; then the debrief.
    c.find(Locator::Id("next"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("countdown"))
        .await
        .unwrap();
    c.find(Locator::Id("answer"))
        .await
        .unwrap()
        .send_keys("저는 장애 원인을 직접 찾아 인증서를 교체했고, 40분 만에 결제를 복구했습니다.")
        .await
        .unwrap();
    c.find(Locator::Css("#mock-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("fb-h")).await.unwrap();
    c.find(Locator::Id("next"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("an-h")).await.unwrap();
    let debrief = c.source().await.unwrap();
    assert!(debrief.contains("디브리프"));
    assert_eq!(debrief.matches("class=\"answer-review\"").count(), 2);
    violations.extend(check_page(&c, "mock-debrief").await);
    assert_eq!(ws.store().mock_session_answers(&session).unwrap().len(), 2);
    assert_eq!(ws.store().mock_sessions().unwrap().len(), 1, "one session");
    c.goto(&format!("{base}/history")).await.unwrap();
    violations.extend(check_page(&c, "history-answers").await);

    // Rate a drill card with the keyboard: space shows the key points, 3 rates it good.
    c.goto(&format!("{base}/drill")).await.unwrap();
    violations.extend(check_page(&c, "drill").await);
    c.active_element()
        .await
        .unwrap()
        .send_keys(" ")
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("rate-3")).await.unwrap();
    violations.extend(check_page(&c, "drill-revealed").await);
    c.active_element()
        .await
        .unwrap()
        .send_keys("3")
        .await
        .unwrap();
    let start = Instant::now();
    while ws.store().reviews().unwrap().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no review recorded"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    c.close().await.unwrap();
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
    assert!(
        violations.is_empty(),
        "axe-core:\n{}",
        violations.join("\n")
    );
}
