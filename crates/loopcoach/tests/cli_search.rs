//! `loopcoach search` on the notes through the real binary: every line found with its file,
//! line and headings (`--json` and the terminal), cards with none, and `sync` keeping the
//! index current.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;
use serde_json::Value;

const NOTES: &str = "---
title: 면접 준비
---
# 네트워크

## HTTP

<details>
<summary>쿠키와 세션의 차이는?</summary>

쿠키는 브라우저에, 세션은 서버에 상태를 저장합니다.
</details>

Persistent connections avoid a fresh handshake per request.

| 포트 | 용도 |
|---|---|
| 443 | HTTPS, terminated at the loadbalancer |
";

fn hits(ws: &Ws, q: &str) -> Vec<Value> {
    ws.json(&["search", q, "--json"])["hits"]
        .as_array()
        .unwrap()
        .clone()
}

fn at<'a>(hits: &'a [Value], path: &str) -> Vec<&'a Value> {
    hits.iter()
        .filter(|h| h["source"]["path"].as_str().is_some_and(|p| p == path))
        .collect()
}

#[test]
fn words_of_the_notes_are_found_on_their_lines() {
    let ws = Ws::new();
    let notes = ws.file("notes.md", NOTES);
    ws.ok(&["import", &notes]);
    let notes = std::fs::canonicalize(&notes)
        .unwrap()
        .to_string_lossy()
        .into_owned();

    let h = hits(&ws, "Persistent");
    let mine = at(&h, &notes);
    assert_eq!(mine.len(), 1, "{h:?}");
    assert_eq!(mine[0]["kind"], "note");
    assert_eq!(mine[0]["source"]["line"], 14);
    assert_eq!(mine[0]["heading"], serde_json::json!(["네트워크", "HTTP"]));

    let h = hits(&ws, "loadbalancer");
    assert_eq!(at(&h, &notes)[0]["source"]["line"], 18);

    // a Korean word with a particle, in a <details> body, on its own line
    let h = hits(&ws, "브라우저에");
    assert!(
        at(&h, &notes).iter().any(|h| h["source"]["line"] == 11),
        "{h:?}"
    );

    // cards have no place in the notes
    let h = hits(&ws, "handshake");
    assert!(
        h.iter()
            .any(|h| h["kind"] == "card" && h["source"].is_null() && h["heading"].is_null())
    );
    assert!(h[0]["source"]["line"].is_number(), "notes first: {h:?}");

    // markup is not a word
    assert!(at(&hits(&ws, "summary"), &notes).is_empty());
}

#[test]
fn the_terminal_shows_the_place_to_jump_to() {
    let ws = Ws::new();
    let notes = ws.file("notes.md", NOTES);
    ws.ok(&["import", &notes]);
    let out = ws
        .cmd()
        .current_dir(ws.dir.path())
        .args(["search", "Persistent"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("notes.md:14"), "{out}");
    assert!(out.contains("네트워크 › HTTP"), "{out}");
    let ko = ws
        .cmd()
        .current_dir(ws.dir.path())
        .args(["--lang", "ko", "search", "Persistent"])
        .output()
        .unwrap();
    let ko = String::from_utf8(ko.stdout).unwrap();
    assert!(ko.contains("노트"), "{ko}");
}

#[test]
fn sync_keeps_the_index_current() {
    let ws = Ws::new();
    let notes = ws.file("notes.md", NOTES);
    ws.ok(&["import", &notes]);
    let edited = NOTES.replace(
        "Persistent connections",
        "Reused connections\n\nPipelining is rare; persistent connections",
    );
    std::fs::write(&notes, edited).unwrap();
    ws.ok(&["sync"]);
    let h = hits(&ws, "Pipelining");
    assert_eq!(h[0]["source"]["line"], 16, "{h:?}");
    assert_eq!(h.iter().filter(|h| h["kind"] == "note").count(), 1);
    let h = hits(&ws, "Reused");
    assert_eq!(h[0]["source"]["line"], 14);
}

#[test]
fn an_empty_query_finds_nothing_and_says_so() {
    let ws = Ws::new();
    let notes = ws.file("notes.md", NOTES);
    ws.ok(&["import", &notes]);
    let n = std::fs::canonicalize(&notes).unwrap();
    assert!(at(&hits(&ws, "<summary>"), &n.to_string_lossy()).is_empty());
    let out = ws.ok(&["search", "&nbsp;"]);
    assert!(out.contains("No matches"), "{out}");
}
