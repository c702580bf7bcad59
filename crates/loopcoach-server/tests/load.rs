//! A load test: two servers (each with its own runtime and connection pool, as two processes
//! would have) on one PostgreSQL, and 500 simulated members in 25 groups doing what a study
//! evening does: list their groups, read the group's shares, comment, read the comments,
//! drill the group's bank (their own next card, rated), and mock-interview the next member
//! (open the mock in the first round, write it up in the next).
//! Prints the figures (BENCHMARKS.md); asserts that no request failed.
//!
//! `LOOPCOACH_LOAD_MEMBERS`, `LOOPCOACH_LOAD_ROUNDS` and `LOOPCOACH_LOAD_CLIENTS` (concurrent clients, 50) change its size. With
//! `LOOPCOACH_LOAD_BIN=path/to/loopcoach` (a release build), the load goes to two real
//! `loopcoach server` processes of that binary instead of the in-process servers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{Server, agent, story};
use loopcoach_server::testkit::Cluster;
use loopcoach_server::{Database, auth};
use serde_json::json;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
#[ignore = "needs PostgreSQL (apt-get install postgresql); .ci/run installs it"]
fn two_servers_500_members() {
    let members = env_or("LOOPCOACH_LOAD_MEMBERS", 500);
    let rounds = env_or("LOOPCOACH_LOAD_ROUNDS", 2);
    let per_group = 20;
    let url = Cluster::shared()
        .expect("PostgreSQL")
        .database()
        .expect("createdb");
    let servers = [Server::start(&url), Server::start(&url)];
    let s = &servers[0];
    // Accounts are made in SQL with one password hash (argon2 for 500 accounts would measure
    // the setup, not the server); tokens through the real code.
    let hash = auth::hash_password("load-password-1").unwrap();
    let tokens: Vec<String> = s.rt.block_on(async {
        let pool = s.db.pool();
        let mut tokens = Vec::new();
        let mut group = 0;
        for i in 0..members {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id",
            )
            .bind(format!("m{i}@example.com"))
            .bind(&hash)
            .fetch_one(pool)
            .await
            .unwrap();
            if i % per_group == 0 {
                group =
                    s.db.create_group(&format!("cohort {}", i / per_group), id)
                        .await
                        .unwrap();
            } else {
                let role = if i % per_group == 1 {
                    loopcoach_server::model::Role::Coach
                } else {
                    loopcoach_server::model::Role::Member
                };
                s.db.set_member(group, id, role).await.unwrap();
            }
            let t = auth::new_token();
            s.db.add_token(id, &auth::token_hash(&t)).await.unwrap();
            tokens.push(t);
        }
        tokens
    });
    // Each member shares one story first.
    let groups: Vec<i64> = (0..members)
        .map(|i| {
            let (_, v) = servers[i % 2].call("GET", "/api/groups", Some(&tokens[i]), None);
            v[0]["id"].as_i64().unwrap()
        })
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        let (st, _) = servers[i % 2].call(
            "POST",
            &format!("/api/groups/{}/shares", groups[i]),
            Some(t),
            Some(&story(&format!("story {i}"))),
        );
        assert_eq!(st, 201);
    }
    // Each group's owner writes the group's bank of two questions.
    for (i, t) in tokens.iter().enumerate().step_by(per_group) {
        let (st, v) = servers[i % 2].call(
            "PUT",
            &format!("/api/groups/{}/banks/evening", groups[i]),
            Some(t),
            Some(&json!({ "toml": LOAD_BANK }).to_string()),
        );
        assert_eq!(st, 201, "{v}");
    }
    let mut procs = Vec::new();
    let bases = match std::env::var("LOOPCOACH_LOAD_BIN") {
        Ok(bin) => {
            let mut bases = Vec::new();
            for _ in 0..2 {
                let port = loopcoach_server::testkit::free_port();
                procs.push(Proc(
                    std::process::Command::new(&bin)
                        .args([
                            "server",
                            "--database",
                            &url,
                            "--addr",
                            &format!("127.0.0.1:{port}"),
                        ])
                        .stderr(std::process::Stdio::null())
                        .spawn()
                        .expect("spawn server"),
                ));
                let t0 = Instant::now();
                while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                    assert!(
                        t0.elapsed() < Duration::from_secs(30),
                        "server did not start"
                    );
                    std::thread::sleep(Duration::from_millis(50));
                }
                bases.push(format!("http://127.0.0.1:{port}"));
            }
            [bases[0].clone(), bases[1].clone()]
        }
        Err(_) => [servers[0].base.clone(), servers[1].base.clone()],
    };
    let latencies: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let clients = env_or("LOOPCOACH_LOAD_CLIENTS", 50).clamp(1, members.max(1));
    let started = Instant::now();
    std::thread::scope(|sc| {
        for c in 0..clients {
            let (tokens, groups, bases, latencies, errors) =
                (&tokens, &groups, &bases, &latencies, &errors);
            sc.spawn(move || {
                let a = agent();
                let mut mine = Vec::new();
                let mut mocks: std::collections::HashMap<usize, i64> = Default::default();
                let mut timed = |kind: &'static str, req: &dyn Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>| -> Option<serde_json::Value> {
                    let t0 = Instant::now();
                    let r = req();
                    let dt = t0.elapsed();
                    match r {
                        Ok(mut resp) if resp.status().is_success() => {
                            let text = resp.body_mut().read_to_string().unwrap_or_default();
                            mine.push((kind, dt));
                            serde_json::from_str(&text).ok()
                        }
                        Ok(resp) => {
                            errors.lock().unwrap().push(format!("{kind}: {}", resp.status()));
                            None
                        }
                        Err(e) => {
                            errors.lock().unwrap().push(format!("{kind}: {e}"));
                            None
                        }
                    }
                };
                for round in 0..rounds {
                    for m in (c..tokens.len()).step_by(clients) {
                        let base = &bases[(m + round) % 2];
                        let auth = format!("Bearer {}", tokens[m]);
                        let g = groups[m];
                        timed("groups", &|| a.get(format!("{base}/api/groups")).header("Authorization", &auth).call());
                        let shares = timed("shares", &|| a.get(format!("{base}/api/groups/{g}/shares")).header("Authorization", &auth).call());
                        let Some(shares) = shares else { continue };
                        let n = shares.as_array().map_or(0, Vec::len);
                        if n == 0 { continue; }
                        let share = shares[(m * 7 + round) % n]["id"].as_i64().unwrap();
                        let body = json!({"part": "result", "text": format!("member {m} round {round}: 수치가 좋아요")});
                        timed("comment", &|| a.post(format!("{base}/api/shares/{share}/comments")).header("Authorization", &auth).send_json(&body));
                        timed("comments", &|| a.get(format!("{base}/api/shares/{share}/comments")).header("Authorization", &auth).call());
                        // Drill: the member's own next card, rated "good".
                        let next = timed("drill-next", &|| a.get(format!("{base}/api/groups/{g}/drill/next")).header("Authorization", &auth).call());
                        if let Some(card) = next.as_ref().and_then(|n| n["card"]["card"]["id"].as_str()) {
                            let body = json!({"bank": "evening", "card": card, "rating": 3});
                            timed("drill-rate", &|| a.post(format!("{base}/api/groups/{g}/drill/reviews")).header("Authorization", &auth).send_json(&body));
                        }
                        // Mock: interview the next member of the group, then write it up.
                        let Some(candidate) = next_member(m, per_group, tokens.len()) else { continue };
                        match mocks.get(&m) {
                            None => {
                                let body = json!({"candidate": format!("m{candidate}@example.com"), "principles": ["ownership"]});
                                let opened = timed("mock-open", &|| a.post(format!("{base}/api/groups/{g}/mocks")).header("Authorization", &auth).send_json(&body));
                                if let Some(id) = opened.and_then(|o| o["id"].as_i64()) {
                                    mocks.insert(m, id);
                                }
                            }
                            Some(&id) => {
                                let body = json!({"vote": "inclined", "assessments": [{"principle": "ownership", "score": 3, "text": format!("round {round}: owned it")}]});
                                timed("mock-write", &|| a.put(format!("{base}/api/mocks/{id}/assessment")).header("Authorization", &auth).send_json(&body));
                            }
                        }
                    }
                }
                latencies.lock().unwrap().extend(mine);
            });
        }
    });
    let wall = started.elapsed();
    drop(procs);
    let mut all = latencies.into_inner().unwrap();
    let errors = errors.into_inner().unwrap();
    let pct = |v: &mut Vec<Duration>, p: f64| -> f64 {
        v.sort();
        v.get(((v.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let mut every: Vec<Duration> = all.iter().map(|x| x.1).collect();
    println!(
        "load: {members} members, {clients} concurrent clients, 2 servers: {} requests in {:.1} s ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} errors",
        every.len(),
        wall.as_secs_f64(),
        every.len() as f64 / wall.as_secs_f64(),
        pct(&mut every, 0.50),
        pct(&mut every, 0.99),
        pct(&mut every, 1.0),
        errors.len()
    );
    for kind in [
        "groups",
        "shares",
        "comment",
        "comments",
        "drill-next",
        "drill-rate",
        "mock-open",
        "mock-write",
    ] {
        let mut v: Vec<Duration> = all.iter().filter(|x| x.0 == kind).map(|x| x.1).collect();
        println!(
            "  {kind:9} {:5} requests  p50 {:6.1} ms  p99 {:6.1} ms",
            v.len(),
            pct(&mut v, 0.5),
            pct(&mut v, 0.99)
        );
    }
    let count = |kind: &str| all.iter().filter(|x| x.0 == kind).count();
    let (rated, opened, written) = (count("drill-rate"), count("mock-open"), count("mock-write"));
    all.clear();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    // Every member rates each of the bank's two cards once, with their own schedule.
    assert_eq!(rated, members * rounds.min(2));
    let pairs = (0..members)
        .filter(|&m| next_member(m, per_group, members).is_some())
        .count();
    assert_eq!((opened, written), (pairs, pairs * rounds.saturating_sub(1)));
    assert_eq!(every.len(), members * rounds * 5 + rated + opened + written);
}

/// The bank every group drills in the load test.
const LOAD_BANK: &str = r#"principle = "ownership"

[[cards]]
id = "ownership-01"
question = { en = "When did you own a problem nobody asked you to?", ko = "아무도 시키지 않은 문제를 맡았던 때는?" }
follow_ups = { en = ["Why you?", "What did it cost?"], ko = ["왜 본인이었나요?", "대가는요?"] }
key_points = { en = ["acts unasked", "long term", "follows through"], ko = ["먼저 나선다", "길게 본다", "끝까지 한다"] }

[[cards]]
id = "ownership-02"
question = { en = "When did you take on work outside your role?", ko = "역할 밖의 일을 맡았던 때는?" }
follow_ups = { en = ["Who noticed?", "What changed?"], ko = ["누가 알아챘나요?", "무엇이 바뀌었나요?"] }
key_points = { en = ["sees the whole", "takes the risk", "measures it"], ko = ["전체를 본다", "위험을 진다", "결과를 잰다"] }
"#;

/// The member after `m` in `m`'s group (groups of `per_group` in order), none when alone.
fn next_member(m: usize, per_group: usize, members: usize) -> Option<usize> {
    let base = m / per_group * per_group;
    let size = per_group.min(members - base);
    (size > 1).then(|| base + (m - base + 1) % size)
}

/// A server process, killed when dropped.
struct Proc(std::process::Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
