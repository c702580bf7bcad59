//! `loopcoach history`: readiness over time, recorded after each change to the notes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;

#[test]
fn readiness_is_recorded_on_import_and_edit_and_drawn_by_history() {
    let ws = Ws::new();
    let notes = ws.copy_example();
    ws.ok(&["import", notes.to_str().unwrap()]);
    let h = ws.json(&["history", "--json"]);
    let days = h["readiness"].as_array().unwrap();
    assert_eq!(days.len(), 1, "{h}");
    let first = days[0]["overall"].as_u64().unwrap();
    assert!(days[0]["covered"].as_u64().unwrap() > 0);
    let one = ws.ok(&["history"]);
    assert!(one.contains(&format!("Readiness {first} on ")), "{one}");
    // Importing the same file again changes nothing: no new point.
    ws.ok(&["import", notes.to_str().unwrap()]);
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    let rows = |db: &rusqlite::Connection| -> i64 {
        db.query_row("SELECT count(*) FROM readiness_history", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(rows(&db), 1);
    // The first point is moved to an earlier day; writing the Task a story lacks raises the
    // score and adds today's point.
    db.execute(
        "UPDATE readiness_history SET at = '2026-11-30T21:00:00Z'",
        [],
    )
    .unwrap();
    let stories = ws.json(&["stories", "--json"]);
    let id = stories
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["task"].as_str().is_none_or(str::is_empty))
        .expect("the example has a story without a Task")["id"]
        .as_str()
        .unwrap()
        .to_string();
    ws.ok(&[
        "story",
        "set",
        &id,
        "--part",
        "task",
        "--text",
        "I had to restore mobile logins for the customer within the day.",
    ]);
    assert_eq!(rows(&db), 2);
    let h = ws.json(&["history", "--json"]);
    let days = h["readiness"].as_array().unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0]["date"], "2026-11-30");
    let last = days[1]["overall"].as_u64().unwrap();
    assert!(last > first, "{days:?}");
    let text = ws.ok(&["history"]);
    assert!(
        text.contains(&format!("Readiness {first} → {last} ")),
        "{text}"
    );
    assert!(text.contains("(2026-11-30 → "), "{text}");
    let ko = ws.ok(&["--lang", "ko", "history"]);
    assert!(ko.contains(&format!("준비도 {first} → {last}")), "{ko}");
}
