//! The real binary on real files: import, listings, export round trip, edits written into the
//! notes file, sync, bad input leaving the workspace unchanged, and concurrent imports.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Ws, seed};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
#[ignore = "needs ../shared"]
fn import_export_round_trip_and_json_shapes() {
    let ws = Ws::new();
    let notes = ws.copy_seed();
    ws.ok(&["import", s(&notes)]);
    ws.ok(&["import", s(&notes)]); // idempotent
    let out = ws.dir.path().join("out.md");
    ws.ok(&["export", s(&notes), "-o", s(&out)]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(seed()).unwrap());
    assert_eq!(
        ws.ok(&["export", s(&notes)]).as_bytes(),
        std::fs::read(seed()).unwrap()
    );

    let stories = ws.json(&["stories", "--json"]);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 4);
    for k in [
        "id",
        "title",
        "situation",
        "task",
        "action",
        "result",
        "principles",
        "source",
    ] {
        assert!(stories[0].get(k).is_some(), "stories --json lacks {k}");
    }
    assert!(stories[0]["source"]["line"].as_u64().unwrap() > 1);
    let q = ws.json(&["questions", "--json"]);
    assert_eq!(q.as_array().unwrap().len(), 10);
    assert_eq!(q[4]["number"], 5);
    assert_eq!(q[4]["title"], "");
    let p = ws.json(&["principles", "--json"]);
    let p = p.as_array().unwrap();
    assert_eq!(p.len(), 16);
    assert_eq!(p[0]["builtin"], "customer-obsession");
    assert_eq!(p[0]["stories"].as_array().unwrap().len(), 1);
    let show = ws.json(&["show", "--json"]);
    assert_eq!(show["front_matter"]["title"], "AWS - Interview CSE");
    assert_eq!(show["rounds"][1]["title"], "Interview Tips");
    assert_eq!(show["documents"][0]["rounds"][0]["topics"][6], "배포전략");
}

#[test]
#[ignore = "needs ../shared"]
fn story_set_writes_the_notes_and_keeps_ids() {
    let ws = Ws::new();
    let notes = ws.copy_seed();
    ws.ok(&["import", s(&notes)]);
    let stories = ws.json(&["stories", "--json"]);
    let own = stories
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["result"] == "현재")
        .unwrap()
        .clone();
    let id = own["id"].as_str().unwrap();
    ws.ok(&[
        "story",
        "set",
        id,
        "--part",
        "result",
        "--text",
        "출시 일정 2주 지연 대신 장애 0건",
    ]);
    let after = std::fs::read_to_string(&notes).unwrap();
    let before = std::fs::read_to_string(seed()).unwrap();
    assert_eq!(
        after,
        before.replace("   R: 현재 ", "   R: 출시 일정 2주 지연 대신 장애 0건")
    );
    let stories = ws.json(&["stories", "--json"]);
    let again = stories
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap();
    assert_eq!(again["result"], "출시 일정 2주 지연 대신 장애 0건");
    // The file on disk is the workspace's text: sync has nothing to do.
    let sync = ws.json(&["sync", "--json"]);
    assert_eq!(sync["changed"].as_array().unwrap().len(), 0);
    // An edit made on disk is picked up by sync, and ids stay.
    std::fs::write(&notes, after.replace("**LP**", "**LP**\n\n추가 메모")).unwrap();
    let sync = ws.json(&["sync", "--json"]);
    assert_eq!(sync["changed"].as_array().unwrap().len(), 1);
    let stories2 = ws.json(&["stories", "--json"]);
    assert!(stories2.as_array().unwrap().iter().any(|s| s["id"] == id));
}

/// Workspaces written before the BLAKE3 fingerprint hold SHA-256 ones: their unchanged files
/// are not taken for changed (sync leaves them, `story set` writes to them).
#[test]
fn files_fingerprinted_with_sha256_are_still_known_unchanged() {
    use sha2::Digest;
    let ws = Ws::new();
    let notes = ws.copy_example();
    ws.ok(&["import", s(&notes)]);
    let text = std::fs::read(&notes).unwrap();
    let sha: String = sha2::Sha256::digest(&text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    let blake: String = db
        .query_row("SELECT disk_hash FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blake.len(), 64);
    assert_ne!(blake, sha);
    db.execute("UPDATE documents SET disk_hash = ?1", [&sha])
        .unwrap();
    drop(db);
    let sync = ws.json(&["sync", "--json"]);
    assert_eq!(sync["changed"].as_array().unwrap().len(), 0);
    let stories = ws.json(&["stories", "--json"]);
    let id = stories[0]["id"].as_str().unwrap().to_string();
    ws.ok(&["story", "set", &id, "--part", "task", "--text", "새 과제"]);
    assert!(std::fs::read_to_string(&notes).unwrap().contains("새 과제"));
    // Written again: the new fingerprint is BLAKE3.
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    let now: String = db
        .query_row("SELECT disk_hash FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_ne!(now, sha);
    assert_eq!(now.len(), 64);
}

#[test]
fn story_set_refuses_when_the_file_changed_on_disk() {
    let ws = Ws::new();
    let notes = ws.copy_example();
    ws.ok(&["import", s(&notes)]);
    let stories = ws.json(&["stories", "--json"]);
    let id = stories[0]["id"].as_str().unwrap().to_string();
    std::fs::write(&notes, "changed on disk\n").unwrap();
    let out = ws
        .cmd()
        .args(["story", "set", &id, "--part", "task", "--text", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sync"));
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "changed on disk\n"
    );
    // --no-write changes the workspace only.
    ws.ok(&[
        "story",
        "set",
        &id,
        "--part",
        "task",
        "--text",
        "x",
        "--no-write",
    ]);
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "changed on disk\n"
    );
    assert_eq!(ws.json(&["stories", "--json"])[0]["task"], "x");
}

#[test]
fn bad_input_fails_with_a_place_and_changes_nothing() {
    let ws = Ws::new();
    let notes = ws.copy_example();
    ws.ok(&["import", s(&notes)]);
    let before = ws.ok(&["show", "--json"]);
    let bad = ws.dir.path().join("bad.md");
    std::fs::write(&bad, b"ok line\n\xff\xfe bad\n").unwrap();
    let out = ws.cmd().args(["import", s(&bad)]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.md:2:1") && err.contains("byte 8"),
        "{err}"
    );
    let fm = ws.dir.path().join("fm.md");
    std::fs::write(&fm, "---\ntitle: x\nno end\n").unwrap();
    let out = ws.cmd().args(["import", s(&fm)]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("fm.md:1:1"));
    let out = ws
        .cmd()
        .args(["import", "/definitely/missing.md"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = ws
        .cmd()
        .args(["import", s(&notes), "--max-size", "100"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the limit"));
    let out = ws.cmd().args(["import"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error exits 2");
    let out = ws
        .cmd()
        .args(["story", "set", "s-nope", "--part", "result", "--text", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = ws
        .cmd()
        .args(["story", "set", "s-nope", "--part", "outcome", "--text", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(ws.ok(&["show", "--json"]), before);
}

#[test]
fn messages_follow_the_language() {
    let ws = Ws::new();
    let notes = ws.copy_example();
    let ko = ws.ok(&["--lang", "ko", "import", s(&notes)]);
    assert!(ko.contains("가져오기 완료"), "{ko}");
    let en = ws.ok(&["--lang", "en", "import", s(&notes)]);
    assert!(en.contains("Imported"), "{en}");
    let out = ws.cmd().args(["--lang", "fr", "show"]).output().unwrap();
    assert!(!out.status.success());
}

#[test]
#[ignore = "needs ../shared"]
fn concurrent_imports_do_not_corrupt_the_store() {
    let ws = Ws::new();
    let a = ws.copy_seed();
    let b = ws.dir.path().join("other.md");
    std::fs::write(
        &b,
        std::fs::read_to_string(seed())
            .unwrap()
            .replace("AWS - Interview CSE", "Other"),
    )
    .unwrap();
    let mut children = Vec::new();
    for i in 0..6 {
        let f = if i % 2 == 0 { &a } else { &b };
        children.push(ws.cmd().args(["import", s(f)]).spawn().unwrap());
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let show = ws.json(&["show", "--json"]);
    assert_eq!(show["documents"].as_array().unwrap().len(), 2);
    let stories = ws.json(&["stories", "--json"]);
    assert_eq!(stories.as_array().unwrap().len(), 8);
    let ids: std::collections::BTreeSet<_> = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 8, "ids are unique across documents");
}

#[test]
fn the_example_notes_import() {
    let ws = Ws::new();
    let ex = PathBuf::from(format!(
        "{}/../../examples/interview-notes.md",
        env!("CARGO_MANIFEST_DIR")
    ));
    ws.ok(&["import", s(&ex)]);
    let show = ws.json(&["show", "--json"]);
    assert_eq!(show["rounds"].as_array().unwrap().len(), 2);
    let stories = ws.json(&["stories", "--json"]);
    assert!(
        stories
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["title"] == "결제 API 타임아웃 장애")
    );
}
