//! The study group end to end with the real binary and a real PostgreSQL: `server admin`
//! commands, a `server` process, `push` of chosen stories, a peer's comment, `pull` bringing it
//! back beside the notes, and `comments` listing it with the file and line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::prelude::*;
use common::Ws;
use loopcoach_server::client::Client;
use loopcoach_server::model::{CharSpan, NewComment};
use loopcoach_server::testkit::{Cluster, free_port};
use serde_json::Value;

/// A `loopcoach server` process, killed when dropped.
struct ServerProcess(Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(db: &str) -> (ServerProcess, String) {
    let port = free_port();
    let child = Command::cargo_bin("loopcoach")
        .expect("binary")
        .args([
            "server",
            "--database",
            db,
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let base = format!("http://127.0.0.1:{port}");
    let guard = ServerProcess(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (guard, base)
}

fn admin(w: &Ws, db: &str, args: &[&str]) -> String {
    let mut all = vec!["server", "--database", db, "admin"];
    all.extend_from_slice(args);
    w.ok(&all)
}

fn last_line(s: &str) -> String {
    s.lines().last().unwrap_or("").trim().to_owned()
}

/// `server admin create-user NAME@example.com` with the password on stdin.
fn create_user(w: &Ws, db: &str, name: &str) {
    let out = w.run_stdin(
        &[
            "server",
            "--database",
            db,
            "admin",
            "create-user",
            &format!("{name}@example.com"),
            "--password-stdin",
        ],
        &format!("pw-{name}-123456\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn push_comment_pull_round_trip() {
    let db = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let w = Ws::new();
    w.ok(&["import", &w.copy_example().to_string_lossy()]);
    for u in ["alice", "carol"] {
        create_user(&w, &db, u);
    }
    let group = last_line(&admin(
        &w,
        &db,
        &[
            "create-group",
            "AWS CSE 스터디 12기",
            "--owner",
            "alice@example.com",
        ],
    ));
    assert!(group.parse::<i64>().is_ok(), "{group}");
    admin(
        &w,
        &db,
        &[
            "add-member",
            &group,
            "carol@example.com",
            "--role",
            "member",
        ],
    );
    let ta = last_line(&admin(&w, &db, &["token", "alice@example.com"]));
    let tc = last_line(&admin(&w, &db, &["token", "carol@example.com"]));
    let (_server, base) = start_server(&db);

    let stories = w.json(&["stories", "--json"]);
    let ids: Vec<&str> = stories
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(ids.len() >= 2, "the example has stories");
    // Alice shares two chosen stories (her only group is picked without --group).
    let chosen = format!("{},{}", ids[0], ids[1]);
    let pushed: Value = serde_json::from_str(&w.ok(&[
        "push",
        "--server",
        &base,
        "--stories",
        &chosen,
        "--token",
        &ta,
        "--json",
    ]))
    .expect("json");
    let shares = pushed["shares"].as_array().cloned().unwrap_or_default();
    assert_eq!(shares.len(), 2, "{pushed}");
    assert!(shares.iter().all(|s| s["created"] == true));
    // Pushing again updates the same shares (the token from the environment this time).
    let again = w
        .cmd()
        .env("LOOPCOACH_TOKEN", &ta)
        .args([
            "push",
            "--server",
            &base,
            "--group",
            "AWS CSE 스터디 12기",
            "--stories",
            ids[0],
            "--json",
        ])
        .output()
        .expect("push");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let again: Value = serde_json::from_slice(&again.stdout).expect("json");
    assert_eq!(again["shares"][0]["share"], shares[0]["share"]);
    assert_eq!(again["shares"][0]["created"], false);

    // Carol reads the group's shares and comments on the first story's result.
    let carol = Client::new(&base, &tc);
    let seen = carol.shares(group.parse().expect("id")).expect("shares");
    assert_eq!(seen.len(), 2);
    assert!(
        seen.iter()
            .all(|s| !s.mine && s.owner == "alice@example.com")
    );
    let first = seen
        .iter()
        .find(|s| s.local_id.as_deref() == Some(ids[0]))
        .expect("first share");
    carol
        .comment(
            first.id,
            &NewComment {
                part: "result".into(),
                text: "숫자 근거가 좋아요".into(),
                span: Some(CharSpan { start: 0, end: 3 }),
                suggestion: None,
            },
        )
        .expect("comment");

    // Alice pulls: the comment lands beside the story, with the file and line of its result.
    let pulled: Value = serde_json::from_str(&w.ok(&[
        "pull", "--server", &base, "--group", &group, "--token", &ta, "--json",
    ]))
    .expect("json");
    assert_eq!(pulled["new"], 1, "{pulled}");
    let c = &pulled["comments"][0];
    assert_eq!(c["story"], ids[0]);
    assert_eq!(c["text"], "숫자 근거가 좋아요");
    assert_eq!(c["author"], "carol@example.com");
    assert_eq!(c["part"], "result");
    assert_eq!(c["span"], serde_json::json!([0, 3]));
    assert!(
        c["path"].as_str().is_some_and(|p| p.ends_with("notes.md")),
        "{c}"
    );
    let result_line = stories[0]["source"]["line"].as_u64().unwrap_or(0);
    assert!(
        c["line"].as_u64().is_some_and(|l| l > result_line),
        "{c}: the result comes after the story's first line"
    );
    // Pulling again stores nothing twice.
    let again: Value = serde_json::from_str(&w.ok(&[
        "pull", "--server", &base, "--group", &group, "--token", &ta, "--json",
    ]))
    .expect("json");
    assert_eq!(again["new"], 0);
    let listed = w.json(&["comments", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let human = w.ok(&["comments", ids[0]]);
    assert!(
        human.contains("notes.md:") && human.contains("숫자 근거가 좋아요"),
        "{human}"
    );
    assert_eq!(
        w.json(&["comments", ids[1], "--json"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn push_and_pull_refuse_clearly() {
    let db = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let w = Ws::new();
    w.ok(&["import", &w.copy_example().to_string_lossy()]);
    create_user(&w, &db, "dan");
    let td = last_line(&admin(&w, &db, &["token", "dan@example.com"]));
    let (_server, base) = start_server(&db);
    let err = |args: &[&str]| {
        let out = w
            .cmd()
            .env_remove("LOOPCOACH_TOKEN")
            .args(args)
            .output()
            .expect("run");
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // Nothing is shared unless named or asked for.
    let e = err(&["push", "--server", &base, "--token", &td]);
    assert!(e.contains("--stories") || e.contains("--all"), "{e}");
    assert!(err(&["push", "--server", &base, "--all"]).contains("LOOPCOACH_TOKEN"));
    assert!(
        err(&[
            "push",
            "--server",
            &base,
            "--stories",
            "s-nope",
            "--token",
            &td
        ])
        .contains("s-nope")
    );
    assert!(err(&["push", "--server", &base, "--all", "--token", "lct_wrong"]).contains("401"));
    // Dan is in no group.
    assert!(
        err(&["pull", "--server", &base, "--group", "1", "--token", &td])
            .contains("not in a group")
    );
    assert!(
        err(&[
            "pull",
            "--server",
            "http://127.0.0.1:1",
            "--group",
            "1",
            "--token",
            &td
        ])
        .contains("Cannot reach")
    );
    // Admin mistakes name what is wrong, and a database URL's password is never printed.
    let e = err(&[
        "server",
        "--database",
        &db,
        "admin",
        "create-group",
        "g",
        "--owner",
        "nobody@example.com",
    ]);
    assert!(e.contains("nobody@example.com"), "{e}");
    let e = err(&[
        "server",
        "--database",
        &db,
        "admin",
        "create-user",
        "x@example.com",
    ]);
    assert!(e.contains("--password-stdin"), "{e}");
    let e = err(&[
        "server",
        "--database",
        &db,
        "admin",
        "add-member",
        "424242",
        "dan@example.com",
        "--role",
        "coach",
    ]);
    assert!(e.contains("424242"), "{e}");
    let e = err(&[
        "server",
        "--database",
        &db,
        "admin",
        "add-member",
        "1",
        "dan@example.com",
        "--role",
        "owner",
    ]);
    assert!(e.contains("owner"), "{e}");
    let e = err(&[
        "server",
        "--database",
        "postgres://u:hunter2@127.0.0.1:1/db",
        "admin",
        "token",
        "dan@example.com",
    ]);
    assert!(!e.contains("hunter2") && e.contains("127.0.0.1:1"), "{e}");
    // In Korean too.
    let out = w
        .cmd()
        .args([
            "--lang",
            "ko",
            "server",
            "--database",
            &db,
            "admin",
            "token",
            "nobody@example.com",
        ])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("계정이 없습니다"));
}

/// A peer's suggested edit comes back with `pull` and goes into the notes as a `story set`
/// splice: only the suggested words change on disk; a suggestion whose words are gone from the
/// story is refused and nothing is written.
#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_suggested_edit_is_accepted_as_a_splice_of_the_notes() {
    let db = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let w = Ws::new();
    let notes = w.copy_example();
    w.ok(&["import", &notes.to_string_lossy()]);
    for u in ["alice", "carol"] {
        create_user(&w, &db, u);
    }
    let group = last_line(&admin(
        &w,
        &db,
        &["create-group", "리뷰", "--owner", "alice@example.com"],
    ));
    admin(
        &w,
        &db,
        &[
            "add-member",
            &group,
            "carol@example.com",
            "--role",
            "member",
        ],
    );
    let ta = last_line(&admin(&w, &db, &["token", "alice@example.com"]));
    let tc = last_line(&admin(&w, &db, &["token", "carol@example.com"]));
    let (_server, base) = start_server(&db);
    let stories = w.json(&["stories", "--json"]);
    let story = &stories[0];
    let id = story["id"].as_str().unwrap().to_owned();
    let result = story["result"].as_str().unwrap().to_owned();
    w.ok(&[
        "push",
        "--server",
        &base,
        "--stories",
        &id,
        "--token",
        &ta,
        "--json",
    ]);
    // Carol suggests new words for the first three characters of the Result, and a new
    // Situation for the whole part.
    let carol = Client::new(&base, &tc);
    let share = carol.shares(group.parse().unwrap()).unwrap()[0].id;
    let head: String = result.chars().take(3).collect();
    let span = carol
        .comment(
            share,
            &NewComment {
                part: "result".into(),
                text: "몇 분인지 먼저".into(),
                span: Some(CharSpan { start: 0, end: 3 }),
                suggestion: Some("결과적으로 22분".into()),
            },
        )
        .unwrap();
    assert_eq!(span.quote.as_deref(), Some(head.as_str()));
    let whole = carol
        .comment(
            share,
            &NewComment {
                part: "situation".into(),
                text: "한 문장으로".into(),
                span: None,
                suggestion: Some("블랙프라이데이에 결제 API가 8초까지 느려졌습니다.".into()),
            },
        )
        .unwrap();
    w.ok(&[
        "pull", "--server", &base, "--group", &group, "--token", &ta, "--json",
    ]);
    let listed = w.ok(&["comments", &id]);
    assert!(
        listed.contains("결과적으로 22분") && listed.contains(&format!("--accept {}", span.id)),
        "{listed}"
    );

    let before = std::fs::read_to_string(&notes).unwrap();
    let accepted: Value =
        serde_json::from_str(&w.ok(&["comments", "--accept", &span.id.to_string(), "--json"]))
            .unwrap();
    assert_eq!(accepted["story"], id.as_str());
    let after = std::fs::read_to_string(&notes).unwrap();
    // Only the three quoted characters changed, in place.
    let at = before.find(&result).expect("the Result is in the file");
    assert_eq!(&after[..at], &before[..at]);
    assert!(after[at..].starts_with("결과적으로 22분"));
    assert_eq!(
        &after[at + "결과적으로 22분".len()..],
        &before[at + head.len()..]
    );
    let now = w.json(&["stories", "--json"]);
    assert!(
        now[0]["result"]
            .as_str()
            .unwrap()
            .starts_with("결과적으로 22분")
    );
    // Accepting twice is refused; the listing says it is in.
    let twice = w.run(&["comments", "--accept", &span.id.to_string()]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already"));
    assert!(w.ok(&["comments", &id]).contains("(accepted)"));

    // The Situation is edited locally first: the whole-part suggestion no longer applies.
    w.ok(&[
        "story",
        "set",
        &id,
        "--part",
        "situation",
        "--text",
        "내가 고친 상황",
    ]);
    let edited = std::fs::read_to_string(&notes).unwrap();
    let refused = w.run(&["comments", "--accept", &whole.id.to_string()]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), edited);
    // An unknown id and a plain comment are named clearly.
    let unknown = w.run(&["comments", "--accept", "999999"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("999999"));
}

/// A `loopcoach server` process killed (SIGKILL) while four clients keep commenting: a new
/// process on the same database has every comment the killed one acknowledged, each once, and
/// nothing that was not sent. The server keeps nothing in memory another copy would need.
#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_server_killed_mid_request_loses_nothing_acknowledged() {
    use std::collections::HashSet;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    let db = Cluster::shared()
        .expect("needs PostgreSQL")
        .database()
        .expect("createdb");
    let w = Ws::new();
    create_user(&w, &db, "kim");
    let group: i64 = last_line(&admin(
        &w,
        &db,
        &["create-group", "kill", "--owner", "kim@example.com"],
    ))
    .parse()
    .unwrap();
    let token = last_line(&admin(&w, &db, &["token", "kim@example.com"]));
    let (first, base) = start_server(&db);
    let kim = Client::new(&base, &token);
    let share = kim
        .share(
            group,
            &loopcoach_server::model::NewShare {
                story: loopcoach_server::model::StoryBody {
                    title: "killed mid-request".into(),
                    result: "p99 2.1s → 180ms".into(),
                    ..Default::default()
                },
                local_id: None,
            },
        )
        .unwrap()
        .id;
    let stop = AtomicBool::new(false);
    let acked = Mutex::new(Vec::<String>::new());
    let sent = Mutex::new(HashSet::<String>::new());
    let failed = Mutex::new(0usize);
    let mut first = Some(first);
    std::thread::scope(|sc| {
        for n in 0..4 {
            let (stop, acked, sent, failed, kim) = (&stop, &acked, &sent, &failed, &kim);
            sc.spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let text = format!("c{n}-{i}");
                    i += 1;
                    sent.lock().unwrap().insert(text.clone());
                    let c = NewComment {
                        part: "result".into(),
                        text: text.clone(),
                        span: None,
                        suggestion: None,
                    };
                    match kim.comment(share, &c) {
                        Ok(_) => acked.lock().unwrap().push(text),
                        Err(_) => {
                            *failed.lock().unwrap() += 1;
                            std::thread::sleep(Duration::from_millis(20));
                        }
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(800));
        // SIGKILL: no graceful shutdown, requests cut wherever they are.
        drop(first.take());
        std::thread::sleep(Duration::from_millis(300));
        stop.store(true, Ordering::Relaxed);
    });
    let acked = acked.into_inner().unwrap();
    let sent = sent.into_inner().unwrap();
    assert!(
        acked.len() > 10,
        "the load ran: {} acknowledged",
        acked.len()
    );
    assert!(
        failed.into_inner().unwrap() > 0,
        "requests failed once the server was killed"
    );
    let (_second, base2) = start_server(&db);
    let stored: Vec<String> = Client::new(&base2, &token)
        .comments(share)
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    let set: HashSet<&String> = stored.iter().collect();
    assert_eq!(set.len(), stored.len(), "no comment stored twice");
    for a in &acked {
        assert!(set.contains(a), "acknowledged {a} is lost");
    }
    assert!(stored.iter().all(|s| sent.contains(s)));
}
