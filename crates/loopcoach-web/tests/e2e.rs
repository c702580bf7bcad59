//! End to end in Chromium (fantoccini + chromedriver): import the seed, open every page (a
//! screenshot of each under `target/e2e/`, axe-core on each: no serious or critical
//! violation), edit the 마이데이터 story's Result and check the file on disk changed in that
//! span only, answer a mock question, rate a drill card.
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

async fn browser() -> (Driver, Client) {
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
                     "--window-size=1280,1600", "--lang=ko-KR"]
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
    let (_driver, c) = browser().await;
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

    // Answer a mock question.
    c.goto(&format!("{base}/mock")).await.unwrap();
    assert!(c.find(Locator::Id("countdown")).await.is_ok());
    violations.extend(check_page(&c, "mock").await);
    c.find(Locator::Id("answer"))
        .await
        .unwrap()
        .send_keys("프로젝트 일정이 불가능한 상황에서 저는 매일 아침 고객과 진행 상황을 공유했고, 결과적으로 일정 안에 오픈해 장애 0건을 달성했습니다.")
        .await
        .unwrap();
    c.find(Locator::Css(
        "form[action='/mock/answer'] button[type=submit]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    c.wait().for_element(Locator::Id("fb-h")).await.unwrap();
    violations.extend(check_page(&c, "mock-feedback").await);
    assert_eq!(ws.store().mock_answers().unwrap().len(), 1);

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
