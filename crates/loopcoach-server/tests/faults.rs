//! Faults: PostgreSQL restarted under a running server. A separate test binary, so the restart
//! does not disturb the other tests' cluster.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Server, story};
use loopcoach_server::testkit::Cluster;

const NEEDS_PG: &str = "needs PostgreSQL";

/// The tests here restart the one cluster of this binary: one at a time.
static RESTARTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    RESTARTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_database_restart_fails_requests_cleanly_and_then_they_succeed() {
    let _turn = one_at_a_time();
    let cluster = Cluster::shared().expect(NEEDS_PG);
    let url = cluster.database().expect("createdb");
    let s = Server::start(&url);
    let t = s.user("r@example.com");
    let g = s.group("g", "r@example.com");
    let path = format!("/api/groups/{g}/shares");
    assert_eq!(
        s.call("POST", &path, Some(&t), Some(&story("before"))).0,
        201
    );
    cluster.restart().expect("restart");
    // Right after the restart, a pooled connection may be dead: the answer is 503 or success,
    // never a hang or a 500; within a few tries it succeeds.
    let mut ok = false;
    for _ in 0..20 {
        let (st, v) = s.call("POST", &path, Some(&t), Some(&story("after")));
        assert!(st == 201 || st == 503, "{st} {v}");
        if st == 201 {
            ok = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(ok, "requests never succeeded after the restart");
    let (_, v) = s.call("GET", &path, Some(&t), None);
    let titles: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["story"]["title"].as_str())
        .collect();
    assert_eq!(titles, ["before", "after"]);
}

/// PostgreSQL restarted while four clients keep commenting: every answer is a 201 or a clean
/// 503 (never a 500, a hang or a broken connection), every acknowledged comment is there
/// afterwards, and nothing is stored that was not sent.
#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn a_database_restart_under_load_loses_nothing_acknowledged() {
    use std::collections::HashSet;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    let _turn = one_at_a_time();
    let cluster = Cluster::shared().expect(NEEDS_PG);
    let url = cluster.database().expect("createdb");
    let s = Server::start(&url);
    let t = s.user("load@example.com");
    let g = s.group("g", "load@example.com");
    let (st, v) = s.call(
        "POST",
        &format!("/api/groups/{g}/shares"),
        Some(&t),
        Some(&story("under load")),
    );
    assert_eq!(st, 201, "{v}");
    let share = v["id"].as_i64().expect("share id");
    let path = format!("/api/shares/{share}/comments");
    let stop = AtomicBool::new(false);
    let acked = Mutex::new(Vec::<String>::new());
    let sent = Mutex::new(HashSet::<String>::new());
    let statuses = Mutex::new(Vec::<u16>::new());
    std::thread::scope(|sc| {
        for w in 0..4 {
            let (stop, acked, sent, statuses, path, t, base) =
                (&stop, &acked, &sent, &statuses, &path, &t, &s.base);
            sc.spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let text = format!("w{w}-{n}");
                    n += 1;
                    sent.lock().unwrap().insert(text.clone());
                    let body = serde_json::json!({"part": "result", "text": text}).to_string();
                    let (st, _) = common::call(base, "POST", path, Some(t), Some(&body));
                    statuses.lock().unwrap().push(st);
                    if st == 201 {
                        acked.lock().unwrap().push(text);
                    } else {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(500));
        cluster.restart().expect("restart");
        // Let the pool find its way back, then stop.
        std::thread::sleep(Duration::from_millis(1500));
        stop.store(true, Ordering::Relaxed);
    });
    let statuses = statuses.into_inner().unwrap();
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 503),
        "only 201 and 503: {:?}",
        statuses.iter().filter(|s| **s != 201).collect::<Vec<_>>()
    );
    assert!(statuses.last() == Some(&201) || statuses.iter().rev().take(8).any(|s| *s == 201));
    let acked = acked.into_inner().unwrap();
    let sent = sent.into_inner().unwrap();
    assert!(
        acked.len() > 10,
        "the load ran: {} acknowledged",
        acked.len()
    );
    let (st, v) = s.call("GET", &path, Some(&t), None);
    assert_eq!(st, 200);
    let stored: Vec<String> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["text"].as_str().map(str::to_owned))
        .collect();
    let stored_set: HashSet<&String> = stored.iter().collect();
    assert_eq!(stored_set.len(), stored.len(), "no comment stored twice");
    for a in &acked {
        assert!(stored_set.contains(a), "acknowledged {a} is lost");
    }
    assert!(stored.iter().all(|x| sent.contains(x)));
}
