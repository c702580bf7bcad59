//! Nothing lost: the real binary killed with SIGKILL at random points of `import`, `story set`
//! and `review`; several processes editing, syncing and reviewing one workspace at once; an
//! "editor" saving the notes file while `story set` runs; and the notes file's mode, temp file
//! and links. Every test uses the example notes of the repository (no `../shared`) and runs in
//! a few seconds. The figures these tests report are in `docs/reliability.md`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::Ws;

fn example() -> PathBuf {
    PathBuf::from(format!(
        "{}/../../examples/interview-notes.md",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A workspace with a copy of the example notes imported; returns the notes path and the two
/// stories' ids.
fn imported(ws: &Ws) -> (PathBuf, Vec<String>) {
    let notes = ws.dir.path().join("notes.md");
    std::fs::copy(example(), &notes).unwrap();
    ws.ok(&["import", s(&notes)]);
    let stories = ws.json(&["stories", "--json"]);
    let ids = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    (notes, ids)
}

/// A small, deterministic random source (xorshift), seeded per test so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// `PRAGMA integrity_check` of the workspace file.
fn integrity(ws: &Ws) -> String {
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    db.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Temp files loopcoach left beside the notes.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loopcoach-tmp"))
        .collect()
}

/// Kill `child` after `delay` unless it ended before; true if it ran to its end with success.
fn kill_after(mut child: Child, delay: Duration) -> bool {
    let until = Instant::now() + delay;
    while Instant::now() < until {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    status.success()
}

/// How long one run of `args` takes (to spread the kill points over a whole run).
fn duration_of(ws: &Ws, args: &[&str]) -> Duration {
    let t = Instant::now();
    ws.ok(args);
    t.elapsed()
}

#[test]
fn kill_9_at_random_points_loses_nothing() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    let story = ids[0].as_str();
    let mut rng = Rng(0x5eed_1234);
    let rounds = 25;
    let mut killed = 0;
    let mut finished = 0;

    // story set: the notes file is always the text before or the text after; the temp file
    // a killed process leaves is cleaned up by the next write.
    ws.ok(&[
        "story", "set", story, "--part", "result", "--text", "crash-0",
    ]);
    let d = duration_of(
        &ws,
        &[
            "story", "set", story, "--part", "result", "--text", "crash-1",
        ],
    );
    let mut current = 1;
    for i in 2..rounds + 2 {
        let before = std::fs::read_to_string(&notes).unwrap();
        let after = before.replace(&format!("crash-{current}"), &format!("crash-{i}"));
        let text = format!("crash-{i}");
        let child = ws
            .cmd()
            .args(["story", "set", story, "--part", "result", "--text", &text])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay = Duration::from_micros(rng.below(d.as_micros() as u64 * 3 / 2));
        let ok = kill_after(child, delay);
        let now = std::fs::read_to_string(&notes).unwrap();
        assert!(
            now == before || now == after,
            "round {i}: the notes file is neither the old text nor the new"
        );
        if ok {
            finished += 1;
            assert_eq!(
                now, after,
                "round {i}: success reported, edit not in the file"
            );
        } else {
            killed += 1;
        }
        if now == after {
            current = i;
        }
        assert_eq!(integrity(&ws), "ok", "round {i}");
        // The workspace catches up with the file (a kill between the rename and the commit
        // leaves the file ahead), and the next write goes through.
        ws.ok(&["sync"]);
        let shown = ws.json(&["stories", "--json"]);
        let result = shown
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == story)
            .unwrap()["result"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(result, format!("crash-{current}"), "round {i}");
    }
    ws.ok(&["story", "set", story, "--part", "result", "--text", "final"]);
    assert!(temp_files(ws.dir.path()).is_empty());

    // import: the stored text is the file before or after, and the store stays whole.
    let v1 = std::fs::read_to_string(&notes).unwrap();
    let v2 = format!("{v1}\n5. 새 질문 하나\n");
    let d = duration_of(&ws, &["import", s(&notes)]);
    for i in 0..rounds {
        let (from, to) = if i % 2 == 0 { (&v1, &v2) } else { (&v2, &v1) };
        std::fs::write(&notes, to).unwrap();
        let child = ws
            .cmd()
            .args(["import", s(&notes)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay = Duration::from_micros(rng.below(d.as_micros() as u64 * 3 / 2));
        let ok = kill_after(child, delay);
        if ok {
            finished += 1;
        } else {
            killed += 1;
        }
        assert_eq!(integrity(&ws), "ok", "import round {i}");
        let stored = ws.ok(&["export", s(&notes)]);
        assert!(stored == *from || stored == *to, "import round {i}");
        if ok {
            assert_eq!(stored, *to, "import round {i}: reported, not stored");
        }
        ws.ok(&["import", s(&notes)]);
    }

    // review: every review reported done is in the log.
    let d = duration_of(
        &ws,
        &[
            "review",
            "docker-01",
            "--rating",
            "good",
            "--now",
            "2026-01-01T00:00:00Z",
        ],
    );
    let mut reported = Vec::new();
    for i in 0..rounds {
        let now = format!("2026-02-{:02}T10:00:00Z", i + 1);
        let child = ws
            .cmd()
            .args(["review", "docker-02", "--rating", "good", "--now", &now])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay = Duration::from_micros(rng.below(d.as_micros() as u64 * 3 / 2));
        if kill_after(child, delay) {
            finished += 1;
            reported.push(now);
        } else {
            killed += 1;
        }
        assert_eq!(integrity(&ws), "ok", "review round {i}");
    }
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    for now in &reported {
        let at = time::OffsetDateTime::parse(now, &time::format_description::well_known::Rfc3339)
            .unwrap()
            .unix_timestamp();
        let n: i64 = db
            .query_row(
                "SELECT count(*) FROM review_log WHERE card_id = 'docker-02' AND at = ?1",
                [at],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            n, 1,
            "review at {now} was reported done and is not in the log"
        );
    }
    eprintln!(
        "kill -9: {} runs, {killed} killed, {finished} finished; 0 files torn, 0 reported edits or reviews lost",
        3 * rounds
    );
    // Enough of each to mean something.
    assert!(
        killed >= 10 && finished >= 10,
        "{killed} killed, {finished} finished"
    );
}

#[test]
fn a_kill_between_the_temp_file_and_the_rename_leaves_the_old_file() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    let before = std::fs::read_to_string(&notes).unwrap();
    let gate = ws.dir.path().join("gate");
    let mut child = ws
        .cmd()
        .env("LOOPCOACH_TEST_HOLD", &gate)
        .args(["story", "set", &ids[0], "--part", "task", "--text", "held"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&ws.dir.path().join("gate.reached"));
    assert_eq!(
        temp_files(ws.dir.path()).len(),
        1,
        "the temp file is written"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), before);
    assert_eq!(integrity(&ws), "ok");
    // The workspace was not committed either; the next edit removes the stale temp file.
    assert!(!ws.ok(&["stories", "--json"]).contains("held"));
    ws.ok(&["story", "set", &ids[0], "--part", "task", "--text", "next"]);
    assert!(temp_files(ws.dir.path()).is_empty());
    assert!(std::fs::read_to_string(&notes).unwrap().contains("next"));
}

fn wait_for(p: &Path) {
    let start = Instant::now();
    while !p.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{p:?} never came"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn an_editor_saving_while_story_set_runs_keeps_the_editors_text() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    let gate = ws.dir.path().join("gate");
    let child = ws
        .cmd()
        .env("LOOPCOACH_TEST_HOLD", &gate)
        .args(["story", "set", &ids[0], "--part", "task", "--text", "mine"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&ws.dir.path().join("gate.reached"));
    // The editor saves the file after loopcoach checked it and before it renames.
    let edited = std::fs::read_to_string(&notes).unwrap() + "\n에디터에서 쓴 메모\n";
    std::fs::write(&notes, &edited).unwrap();
    std::fs::write(&gate, "").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("changed on disk while it was being edited"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), edited);
    assert!(
        temp_files(ws.dir.path()).is_empty(),
        "a refused write leaves no temp file"
    );
    assert!(!ws.ok(&["stories", "--json"]).contains("\"mine\""));
}

#[test]
fn an_editor_saving_at_random_moments_never_loses_its_text() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    let mut rng = Rng(0xed17);
    let d = duration_of(
        &ws,
        &["story", "set", &ids[0], "--part", "task", "--text", "t-0"],
    );
    let rounds = 30;
    let (mut refused, mut written) = (0, 0);
    for i in 1..=rounds {
        let text = format!("t-{i}");
        let child = ws
            .cmd()
            .args(["story", "set", &ids[0], "--part", "task", "--text", &text])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(
            rng.below(d.as_micros() as u64 * 3 / 2),
        ));
        // The editor read the file a moment ago and saves it with the user's line added.
        let marker = format!("editor line {i}");
        let edited = std::fs::read_to_string(&notes).unwrap() + &format!("\n{marker}\n");
        std::fs::write(&notes, &edited).unwrap();
        let out: Output = child.wait_with_output().unwrap();
        let now = std::fs::read_to_string(&notes).unwrap();
        assert!(
            now.contains(&marker),
            "round {i}: the editor's save was overwritten"
        );
        if out.status.success() {
            written += 1;
        } else {
            refused += 1;
        }
        ws.ok(&["sync"]);
    }
    eprintln!(
        "editor race: {rounds} rounds, {written} edits written before the save, {refused} refused, 0 editor saves lost"
    );
}

#[test]
fn several_processes_editing_syncing_and_reviewing_lose_nothing() {
    let ws = Arc::new(Ws::new());
    let (notes, ids) = imported(&ws);
    let per = 12;
    let failures = Arc::new(AtomicUsize::new(0));
    let mut threads = Vec::new();
    // Two editors, each on its own story; their last successful edit must be in the file.
    for (k, id) in ids.iter().take(2).enumerate() {
        let (ws, id, failures) = (ws.clone(), id.clone(), failures.clone());
        threads.push(std::thread::spawn(move || {
            let mut last = None;
            for i in 0..per {
                let text = format!("edit-{k}-{i}");
                let out = ws.run(&["story", "set", &id, "--part", "situation", "--text", &text]);
                if out.status.success() {
                    last = Some(text);
                } else {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
            }
            last
        }));
    }
    // A reviewer and a syncer beside them.
    let reviewer = {
        let ws = ws.clone();
        std::thread::spawn(move || {
            let mut done = 0;
            for i in 0..per {
                let now = format!("2026-03-{:02}T08:00:00Z", i + 1);
                let out = ws.run(&["review", "jwt-01", "--rating", "good", "--now", &now]);
                done += usize::from(out.status.success());
            }
            done
        })
    };
    let syncer = {
        let ws = ws.clone();
        std::thread::spawn(move || {
            for _ in 0..per {
                assert!(ws.run(&["sync"]).status.success());
            }
        })
    };
    let lasts: Vec<Option<String>> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let reviews = reviewer.join().unwrap();
    syncer.join().unwrap();
    let text = std::fs::read_to_string(&notes).unwrap();
    for last in lasts.iter().flatten() {
        assert!(
            text.contains(last.as_str()),
            "{last} reported, not in the file"
        );
    }
    assert_eq!(failures.load(Ordering::Relaxed), 0, "no edit was refused");
    assert_eq!(reviews, per);
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    let logged: i64 = db
        .query_row(
            "SELECT count(*) FROM review_log WHERE card_id = 'jwt-01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged as usize, per);
    assert_eq!(integrity(&ws), "ok");
    // The workspace agrees with the file.
    assert_eq!(
        ws.json(&["sync", "--json"])["changed"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    eprintln!(
        "concurrency: {} edits, {per} reviews, {per} syncs at once; 0 lost",
        2 * per
    );
}

#[test]
fn the_notes_file_keeps_its_mode_and_no_planted_link_is_followed() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(0o600)).unwrap();
    ws.ok(&[
        "story", "set", &ids[0], "--part", "task", "--text", "private",
    ]);
    let mode = std::fs::metadata(&notes).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a private notes file stays private");
    std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(0o640)).unwrap();
    ws.ok(&["story", "set", &ids[0], "--part", "task", "--text", "group"]);
    assert_eq!(
        std::fs::metadata(&notes).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // A symlink planted where the temp file goes is removed, never written through.
    let victim = ws.dir.path().join("victim.txt");
    std::fs::write(&victim, "untouched").unwrap();
    let tmp = ws.dir.path().join(".notes.md.loopcoach-tmp");
    std::os::unix::fs::symlink(&victim, &tmp).unwrap();
    ws.ok(&[
        "story", "set", &ids[0], "--part", "task", "--text", "linked",
    ]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    assert!(std::fs::read_to_string(&notes).unwrap().contains("linked"));
    assert!(std::fs::symlink_metadata(&tmp).is_err());
}

#[test]
fn hard_links_are_warned_about() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    let other = ws.dir.path().join("other-name.md");
    std::fs::hard_link(&notes, &other).unwrap();
    let out = ws.run(&[
        "story", "set", &ids[0], "--part", "task", "--text", "linked",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hard links"), "{err}");
    // The rename gave the notes a new inode; the other name keeps the old text.
    assert_eq!(std::fs::metadata(&notes).unwrap().nlink(), 1);
    assert!(!std::fs::read_to_string(&other).unwrap().contains("linked"));
}

#[test]
fn an_emptied_file_keeps_its_stories_and_history_until_restored() {
    let ws = Ws::new();
    let (notes, ids) = imported(&ws);
    let text = std::fs::read_to_string(&notes).unwrap();
    let card = ws.json(&["cards", "--mine", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ws.ok(&[
        "review",
        &card,
        "--rating",
        "good",
        "--now",
        "2026-01-05T09:00:00Z",
    ]);
    std::fs::write(&notes, "").unwrap();
    let out = ws.run(&["sync"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("kept the imported copy"),
        "sync warns"
    );
    let listed = ws.json(&["stories", "--json"]);
    assert_eq!(
        listed.as_array().unwrap().len(),
        ids.len(),
        "no story dropped"
    );
    std::fs::write(&notes, &text).unwrap();
    ws.ok(&["sync"]);
    let again: Vec<String> = ws
        .json(&["stories", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(again, ids);
    let due = ws.json(&["due", "--json", "--now", "2026-01-05T10:00:00Z"]);
    assert!(
        !due.to_string().contains(&format!("\"{card}\"")),
        "the reviewed card keeps its schedule: {due}"
    );
    // `import` takes an empty file when asked, says so, and the text coming back brings the
    // same ids (and so the history) back.
    std::fs::write(&notes, "").unwrap();
    let out = ws.run(&["import", s(&notes)]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("leave the views"));
    assert_eq!(ws.json(&["stories", "--json"]).as_array().unwrap().len(), 0);
    std::fs::write(&notes, &text).unwrap();
    ws.ok(&["import", s(&notes)]);
    assert_eq!(
        ws.json(&["stories", "--json"]).as_array().unwrap().len(),
        ids.len()
    );
}
