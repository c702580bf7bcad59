//! `analyze`, `mock` and `history` through the real binary: the `analyze --json` contract,
//! transcripts, bad input, a whole mock loop driven through stdin with a fixed seed and clock,
//! and an interrupted session keeping its answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;

const EN: &str = "In my last team our nightly export job kept failing and customers got their reports late. I owned the fix because I was the on-call engineer that month. I profiled the job, found it loaded the whole table into memory, and rewrote it to stream rows in batches of ten thousand. The job now finishes in 12 minutes instead of 3 hours and has not failed once in six months.\n";
const KO: &str = "작년에 저희 팀 결제 API가 매일 새벽마다 타임아웃이 나는 상황이었습니다. 제가 담당자로서 원인을 찾아야 했습니다. 저는 로드밸런서 로그와 DB 슬로우 쿼리 로그를 비교해서 리포팅 배치가 테이블을 잠그는 것을 찾아냈고, 배치를 읽기 전용 복제본으로 옮겼습니다.\n";

fn mock(w: &Ws, args: &[&str], stdin: &str) -> (bool, String, String) {
    let args: Vec<&str> = ["mock", "--now", "2026-03-01T09:00:00Z"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let out = w.run_stdin(&args, stdin);
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn analyze_json_has_the_contract_fields_and_reads_both_answers() {
    let w = Ws::imported_example();
    let en = w.json(&["analyze", "--file", &w.file("en.txt", EN), "--json"]);
    for k in [
        "star",
        "metric",
        "i_share",
        "fillers",
        "seconds",
        "principles",
        "score",
        "findings",
    ] {
        assert!(en.get(k).is_some(), "no {k}: {en}");
    }
    for p in ["situation", "task", "action", "result"] {
        assert_eq!(en["star"][p], true, "{p}: {}", en["star"]);
    }
    assert_eq!(en["metric"], true);
    assert!(en["i_share"].as_f64().unwrap() > 0.5);
    let ko = w.json(&["analyze", "--file", &w.file("ko.txt", KO), "--json"]);
    assert_eq!(ko["star"]["result"], false);
    assert_eq!(ko["metric"], false);
    let kinds: Vec<&str> = ko["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"missing-part"), "{kinds:?}");
    assert!(ko["findings"][0]["message"].as_str().unwrap().len() > 10);
    // Both are in the history, as answers to no particular question.
    let h = w.json(&["history", "--json"]);
    assert_eq!(h["answers"], 2);
}

#[test]
fn korean_messages_with_lang_ko() {
    let w = Ws::new();
    let out = w.ok(&["--lang", "ko", "analyze", "--file", &w.file("ko.txt", KO)]);
    assert!(out.contains("빠진 부분: 결과."), "{out}");
    assert!(out.contains("점수"), "{out}");
}

#[test]
fn transcripts_give_measured_pace_and_pauses() {
    let w = Ws::new();
    let srt = "1\n00:00:00,000 --> 00:00:10,000\nIn my last team our nightly export job kept failing and customers got their reports late.\n\n2\n00:00:14,500 --> 00:00:20,000\nI owned the fix because I was the on-call engineer that month.\n";
    let j = w.json(&["analyze", "--transcript", &w.file("a.srt", srt), "--json"]);
    assert_eq!(j["measured"], true);
    assert_eq!(j["seconds"], 20.0);
    assert_eq!(j["pace"]["unit"], "words");
    assert_eq!(j["pauses"][0]["seconds"], 4.5);
    let vtt = "WEBVTT\n\n00:00.000 --> 00:06.000\n<v Me>작년에 결제 API가 매일 타임아웃이 나는 상황이었습니다.\n\n00:06.500 --> 00:09.000\n제가 원인을 찾아야 했습니다.\n";
    let j = w.json(&["analyze", "--transcript", &w.file("a.vtt", vtt), "--json"]);
    assert_eq!(j["pace"]["unit"], "syllables");
    assert_eq!(j["seconds"], 9.0);
    assert_eq!(j["language"], "ko");
}

#[test]
fn bad_input_says_where_and_fails() {
    let w = Ws::new();
    let bad = w.file("bad.srt", "1\n00:00:01,000 --> 00:00:xx,000\nhi\n");
    let out = w.run(&["analyze", "--transcript", &bad]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.srt") && err.contains("line 2"), "{err}");
    let empty = w.file("empty.txt", "  \n");
    assert!(!w.run(&["analyze", "--file", &empty]).status.success());
    let out = w.run(&["analyze", "--file", &w.path("missing.txt")]);
    assert!(!out.status.success());
    let out = w.run(&[
        "analyze",
        "--question",
        "no-such-id",
        "--file",
        &w.file("en.txt", EN),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-id"));
    assert!(!w.run(&["analyze"]).status.success(), "a file is required");
    let out = w.run(&["mock", "--principles", "Nonsense Principle"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nonsense Principle"));
}

#[test]
fn analyze_a_card_question_checks_its_principle() {
    let w = Ws::new();
    let j = w.json(&[
        "analyze",
        "--question",
        "hire-and-develop-the-best-01",
        "--file",
        &w.file("en.txt", EN),
        "--json",
    ]);
    assert_eq!(j["question"], "hire-and-develop-the-best-01");
    assert_eq!(j["probed"], "hire-and-develop-the-best");
    assert!(
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "principle-not-signalled")
    );
}

/// Enough answers for every question and follow-up of a short loop.
fn answers() -> String {
    let mut s = String::new();
    for k in 0..30 {
        if k % 2 == 0 {
            s.push_str(EN);
        } else {
            s.push_str("I measured it on the dashboard: errors fell by 40 percent.\n");
        }
        s.push_str(if k % 3 == 0 { ".\n" } else { "\n" });
    }
    s
}

#[test]
fn a_full_mock_runs_end_to_end_with_a_fixed_seed_and_clock() {
    let w = Ws::imported_example();
    let args = ["--round", "full", "--minutes", "28", "--seed", "42"];
    let (ok, out, err) = mock(&w, &args, &answers());
    assert!(ok, "{err}");
    assert!(out.contains("[1/4] Interviewer 1"), "{out}");
    assert!(out.contains("Time: 3:00 to answer."));
    assert!(out.contains("Answered in 0:00."), "the fixed clock: {out}");
    assert!(out.contains("Follow-up:"), "{out}");
    assert!(out.contains("## Debrief"), "{out}");
    assert!(out.contains("(Bar Raiser)"));
    assert!(out.contains("Outcome: "));
    assert!(out.contains("Work on first: "));
    // The same seed and clock give the same session.
    let w2 = Ws::imported_example();
    let (_, again, _) = mock(&w2, &args, &answers());
    assert_eq!(again, out);
    let h = w.json(&["history", "--json"]);
    assert_eq!(h["sessions"], 1);
    assert_eq!(h["answers"], 4);
    // The plan is kept with the session (the web UI shows its debrief from it).
    let store = loopcoach_store::SqliteStore::open(&w.db()).unwrap();
    let session = store.mock_sessions().unwrap().pop().unwrap();
    assert_eq!(store.mock_plan(&session.id).unwrap().len(), 4);
    assert!(!h["principles"].as_array().unwrap().is_empty());
    assert!(!h["topics"].as_array().unwrap().is_empty());
    let table = w.ok(&["history"]);
    assert!(
        table.contains("·") || table.contains("↑") || table.contains("→"),
        "{table}"
    );
}

#[test]
fn an_interrupted_mock_keeps_the_answers_given() {
    let w = Ws::new();
    let (ok, out, err) = mock(
        &w,
        &["--round", "behavioural", "--minutes", "21", "--seed", "1"],
        EN,
    );
    assert!(ok, "{err}");
    assert!(out.contains("Session stopped after 1 answer;"), "{out}");
    let h = w.json(&["history", "--json"]);
    assert_eq!(h["answers"], 1);
    // A second mock prefers what was answered weakly before, and the history grows.
    let (ok, _, _) = mock(
        &w,
        &["--round", "behavioural", "--minutes", "7", "--seed", "1"],
        &answers(),
    );
    assert!(ok);
    assert_eq!(w.json(&["history", "--json"])["sessions"], 2);
}
