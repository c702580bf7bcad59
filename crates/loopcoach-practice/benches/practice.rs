//! Practice benchmarks (figures in BENCHMARKS.md):
//! - search: our Korean-aware index against SQLite FTS5 `trigram` on the same synthetic
//!   100,000-entry ko/en corpus and the same fixed query set, side by side; recall of the
//!   expected hits is checked for both, and p99 latency over many runs is printed for both;
//! - a 10,000-card deck: first import (one transaction), listing what is due, and recording one
//!   review, on a SQLite file; `due` both the old way (decode every card and state) and the
//!   way the CLI does it now (built-in heads from the light scan with their states, the due
//!   user cards streamed by the store in queue order from its indexes, merged as they come);
//! - the built-in banks: the strict parse of all of them (what every start used to do), the
//!   light scan of their heads, and one card resolved from the bank its id names.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use loopcoach_core::Text;
use loopcoach_practice::drill::{DueMerge, due_queue};
use loopcoach_practice::search::{Entry, EntryKind, Index, Origin, Outline};
use loopcoach_practice::{Card, CardHead, CardKind, CardState, Rating, Scheduler, TextList, bank};
use loopcoach_store::{CardStateRow, SqliteStore, UserCardFilter, UserCardRow};
use time::macros::datetime;

const KO: &[&str] = &[
    "서비스",
    "네트워크",
    "설정",
    "확인",
    "로그",
    "요청",
    "응답",
    "사용자",
    "데이터",
    "시스템",
    "문제",
    "해결",
    "운영",
    "모니터링",
    "성능",
    "지연",
    "클러스터",
    "노드",
    "볼륨",
    "이미지",
    "컨테이너",
    "보안",
    "권한",
    "정책",
    "버전",
    "업데이트",
    "롤백",
    "트래픽",
    "라우팅",
    "캐시",
    "스토리지",
    "프로세스",
    "메모리",
    "디스크",
    "알람",
];
const PARTICLES: &[&str] = &[
    "", "", "은", "는", "이", "가", "을", "를", "에서", "으로", "의",
];
const EN: &[&str] = &[
    "service",
    "network",
    "config",
    "latency",
    "cluster",
    "node",
    "volume",
    "image",
    "container",
    "security",
    "policy",
    "version",
    "update",
    "rollback",
    "traffic",
    "routing",
    "cache",
    "request",
    "response",
    "user",
    "data",
    "system",
    "monitor",
    "error",
    "storage",
    "memory",
    "disk",
    "alarm",
    "the",
    "and",
    "with",
    "after",
];

/// (query, planted phrases): each phrase is planted in its own documents.
const QUERIES: &[(&str, &[&str])] = &[
    ("파드", &["파드가 재시작됩니다", "파드를 삭제했다"]),
    ("장애", &["장애 대응 절차", "장애가 났을 때"]),
    ("토큰 만료", &["토큰 만료 시간", "토큰이 만료되면"]),
    ("배포 전략", &["배포전략을 세웠다", "배포 전략 검토"]),
    ("고객과", &["고객에게 설명", "고객이 요청한"]),
    ("deploy", &["the deployment failed", "deployed twice"]),
    (
        "certificate",
        &["expired certificates", "certificate chain"],
    ),
    ("인증서 체인", &["인증서 체인 검증", "인증서의 체인"]),
    ("카나리", &["카나리 배포", "카나리로 전환"]),
    ("ingress", &["ingress controller", "the Ingress rule"]),
];
const PLANT_EVERY: usize = 500;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// The corpus and, per query, the ids of the documents that must be found.
fn corpus(n: usize) -> (Vec<Entry>, Vec<Vec<String>>) {
    let mut rng = Lcg(42);
    let mut expected = vec![Vec::new(); QUERIES.len()];
    let mut plant = 0usize;
    let files: Vec<Arc<str>> = (0..50)
        .map(|f| Arc::from(format!("/notes/{f}.md")))
        .collect();
    let outline = Arc::new(Outline::default());
    let entries = (0..n)
        .map(|i| {
            let mut text = String::new();
            for _ in 0..12 + rng.next(12) {
                if rng.next(2) == 0 {
                    text.push_str(KO[rng.next(KO.len())]);
                    text.push_str(PARTICLES[rng.next(PARTICLES.len())]);
                } else {
                    text.push_str(EN[rng.next(EN.len())]);
                }
                text.push(' ');
            }
            let id = format!("e{i}");
            if i % PLANT_EVERY == 7 {
                let q = plant % QUERIES.len();
                let phrases = QUERIES[q].1;
                text.push_str(phrases[(plant / QUERIES.len()) % phrases.len()]);
                expected[q].push(id.clone());
                plant += 1;
            }
            // Half the entries are blocks of 50 notes files (so hits are spread by file), the
            // rest cards.
            let origin = (i % 2 == 0).then(|| Origin {
                path: files[i % files.len()].clone(),
                lines: vec![(0, (i / files.len()) as u32 + 1)],
                outline: outline.clone(),
                body_from: 0,
            });
            Entry {
                id,
                kind: EntryKind::Note,
                title: String::new(),
                text,
                boost: 1.0,
                origin,
            }
        })
        .collect();
    (entries, expected)
}

fn fts5(entries: &[Entry]) -> rusqlite::Connection {
    let c = rusqlite::Connection::open_in_memory().unwrap();
    c.execute_batch("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, body, tokenize = 'trigram');")
        .unwrap();
    let tx = c.unchecked_transaction().unwrap();
    {
        let mut st = tx
            .prepare("INSERT INTO f (id, body) VALUES (?1, ?2)")
            .unwrap();
        for e in entries {
            st.execute((&e.id, &e.text)).unwrap();
        }
    }
    tx.commit().unwrap();
    c
}

fn fts5_query(q: &str) -> String {
    q.split_whitespace()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

fn fts5_search(c: &rusqlite::Connection, q: &str) -> Vec<String> {
    let mut st = c
        .prepare_cached("SELECT id FROM f WHERE f MATCH ?1 ORDER BY rank LIMIT 20")
        .unwrap();
    st.query_map([fts5_query(q)], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn p99(mut f: impl FnMut()) -> Duration {
    let mut t = Vec::with_capacity(2000);
    for _ in 0..200 {
        for _ in 0..QUERIES.len() {
            let s = Instant::now();
            f();
            t.push(s.elapsed());
        }
    }
    t.sort();
    t[t.len() * 99 / 100]
}

fn search(c: &mut Criterion) {
    let (entries, expected) = corpus(100_000);
    let t = Instant::now();
    let db = fts5(&entries);
    let fts_build = t.elapsed();
    let t = Instant::now();
    let index = Index::build(entries);
    let our_build = t.elapsed();
    let (mut ours_found, mut fts_found, mut total) = (0, 0, 0);
    for ((q, _), want) in QUERIES.iter().zip(&expected) {
        let ours: Vec<String> = index
            .search(q, None, 20)
            .into_iter()
            .map(|h| h.id)
            .collect();
        let fts = fts5_search(&db, q);
        for id in want {
            total += 1;
            ours_found += usize::from(ours.contains(id));
            fts_found += usize::from(fts.contains(id));
        }
        eprintln!(
            "recall {q:>12}: ours {}/{} fts5-trigram {}/{}",
            want.iter().filter(|i| ours.contains(i)).count(),
            want.len(),
            want.iter().filter(|i| fts.contains(i)).count(),
            want.len()
        );
    }
    assert_eq!(ours_found, total, "our index must find every expected hit");
    let mut k = 0;
    let ours_p99 = p99(|| {
        k = (k + 1) % QUERIES.len();
        std::hint::black_box(index.search(QUERIES[k].0, None, 20));
    });
    let fts_p99 = p99(|| {
        k = (k + 1) % QUERIES.len();
        std::hint::black_box(fts5_search(&db, QUERIES[k].0));
    });
    eprintln!(
        "search 100k: build ours {our_build:?}, fts5 {fts_build:?}; recall ours {ours_found}/{total}, fts5 trigram {fts_found}/{total}; p99 ours {ours_p99:?}, fts5 trigram {fts_p99:?}"
    );
    let mut g = c.benchmark_group("search-100k");
    g.bench_function("ours (query set)", |b| {
        b.iter(|| {
            for (q, _) in QUERIES {
                std::hint::black_box(index.search(q, None, 20));
            }
        })
    });
    g.bench_function("fts5-trigram (query set)", |b| {
        b.iter(|| {
            for (q, _) in QUERIES {
                std::hint::black_box(fts5_search(&db, q));
            }
        })
    });
    g.finish();
}

fn card(i: usize) -> Card {
    Card {
        id: format!("deck-{i:05}"),
        kind: CardKind::Mine,
        topic: None,
        principle: None,
        question: Text {
            en: format!("Question number {i} about services and networks?"),
            ko: format!("{i}번 질문: 서비스와 네트워크에 대해 설명해 주세요"),
        },
        key_points: TextList {
            en: vec![
                "one point".into(),
                "another point".into(),
                "a third point".into(),
            ],
            ko: vec!["첫째".into(), "둘째".into(), "셋째".into()],
        },
        follow_ups: TextList::default(),
        reference: None,
        troubleshooting: false,
        source: Some("bench".into()),
    }
}

fn rows(n: usize) -> Vec<UserCardRow> {
    (0..n)
        .map(|i| {
            let c = card(i);
            UserCardRow {
                id: c.id.clone(),
                deck: "bench".into(),
                kind: "mine".into(),
                topic: None,
                principle: None,
                body: serde_json::to_string(&c).unwrap(),
            }
        })
        .collect()
}

fn deck(c: &mut Criterion) {
    let rows = rows(10_000);
    let mut g = c.benchmark_group("deck-10k");
    g.sample_size(10);
    g.bench_function("first import (one transaction, file db)", |b| {
        b.iter_with_setup(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = SqliteStore::open(&dir.path().join("ws.db")).unwrap();
                (dir, store)
            },
            |(dir, mut store)| {
                store
                    .transact(|tx| tx.replace_deck("bench", &rows, "2026-12-01T09:00:00Z"))
                    .unwrap();
                drop(store);
                drop(dir);
            },
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store
        .transact(|tx| tx.replace_deck("bench", &rows, "2026-12-01T09:00:00Z"))
        .unwrap();
    // half the deck reviewed once
    let s = Scheduler::new(None, 0.9).unwrap();
    let t0 = datetime!(2026-12-01 09:00 UTC);
    store
        .transact(|tx| {
            for i in (0..10_000).step_by(2) {
                let (st, r) = s
                    .review(&format!("deck-{i:05}"), None, Rating::Good, t0)
                    .unwrap();
                tx.record_review(&review_row(&r), &state_row(&st))?;
            }
            Ok::<_, loopcoach_store::StoreError>(())
        })
        .unwrap();
    let now = datetime!(2026-12-10 09:00 UTC);
    g.bench_function("due (open store, load cards and states, queue)", |b| {
        b.iter(|| {
            let store = SqliteStore::open(&path).unwrap();
            let cards: Vec<Card> = store
                .user_cards()
                .unwrap()
                .iter()
                .map(|r| serde_json::from_str(&r.body).unwrap())
                .collect();
            let states: HashMap<String, CardState> = store
                .card_states()
                .unwrap()
                .into_iter()
                .map(|r| (r.card_id.clone(), from_row(&r)))
                .collect();
            std::hint::black_box(due_queue(&cards, &states, now, None).len());
        })
    });
    g.bench_function(
        "due, streamed (open store, built-in heads, due user cards from indexes, merged)",
        |b| {
            b.iter(|| {
                let store = SqliteStore::open(&path).unwrap();
                let mut n = 0usize;
                due_streamed(&store, now, |_| n += 1);
                std::hint::black_box(n);
            })
        },
    );
    {
        // Same queue both ways (user cards and built-in cards, no notes).
        let store = SqliteStore::open(&path).unwrap();
        let mut new: Vec<String> = Vec::new();
        due_streamed(&store, now, |h| new.push(h.id.clone()));
        let mut cards = bank::builtin_cards();
        cards.extend(
            store
                .user_cards()
                .unwrap()
                .iter()
                .map(|r| serde_json::from_str::<Card>(&r.body).unwrap()),
        );
        let states: HashMap<String, CardState> = store
            .card_states()
            .unwrap()
            .into_iter()
            .map(|r| (r.card_id.clone(), from_row(&r)))
            .collect();
        let old: Vec<&str> = due_queue(&cards, &states, now, None)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(old, new);
    }
    let mut i = 1;
    g.bench_function("record one review (file db, WAL)", |b| {
        b.iter(|| {
            i = (i + 2) % 10_000;
            let id = format!("deck-{i:05}");
            let before = store.card_state(&id).unwrap().map(|r| from_row(&r));
            let (st, r) = s.review(&id, before.as_ref(), Rating::Good, now).unwrap();
            store
                .transact(|tx| tx.record_review(&review_row(&r), &state_row(&st)))
                .unwrap();
        })
    });
    g.finish();
}

/// The CLI's `due` path over a store with no notes: built-in heads with their states, then
/// the due user cards as the store streams them (overdue earliest first, then new), merged
/// into the queue's order; `each` sees every entry in turn, nothing is collected.
fn due_streamed(store: &SqliteStore, now: time::OffsetDateTime, mut each: impl FnMut(&CardHead)) {
    let at = |d: i64| time::OffsetDateTime::from_unix_timestamp(d).unwrap();
    let (heads, _) = bank::builtin_heads();
    let builtin_ids: Vec<String> = heads.iter().map(|h| h.id.clone()).collect();
    let ids: Vec<&str> = builtin_ids.iter().map(String::as_str).collect();
    let dues: HashMap<String, i64> = store.dues_of(&ids).unwrap().into_iter().collect();
    let first: Vec<(CardHead, Option<time::OffsetDateTime>)> = heads
        .into_iter()
        .map(|h| {
            let due = dues.get(&h.id).map(|d| at(*d));
            (h, due)
        })
        .collect();
    let mut m = DueMerge::new(first, Vec::new(), now, |h: CardHead, _| {
        each(&h);
        Ok::<_, loopcoach_store::StoreError>(true)
    });
    let mut push = |u: loopcoach_store::UserCardHead| {
        let due = u.due.map(at);
        let h = CardHead {
            id: u.id,
            kind: CardKind::Mine,
            topic: u.topic,
            principle: u.principle,
            question: Text {
                en: u.question_en.unwrap_or_default(),
                ko: u.question_ko.unwrap_or_default(),
            },
        };
        m.push(h, due)
    };
    // User cards a built-in card of the same id hides (none here), as the CLI does.
    let hidden = store.user_card_ids_among(&ids).unwrap();
    let hidden: Vec<&str> = hidden.iter().map(String::as_str).collect();
    let filter = UserCardFilter {
        except: &hidden,
        ..UserCardFilter::default()
    };
    store
        .each_overdue_user_card(now.unix_timestamp(), &filter, None, &mut push)
        .unwrap();
    store.each_new_user_card(&filter, None, &mut push).unwrap();
    m.finish().unwrap();
}

fn banks(c: &mut Criterion) {
    let mut g = c.benchmark_group("builtin-banks");
    g.bench_function("strict parse of every bank (the old start)", |b| {
        b.iter(|| std::hint::black_box(bank::builtin_banks().0.len()))
    });
    g.bench_function("heads of every card (light scan)", |b| {
        b.iter(|| std::hint::black_box(bank::builtin_heads().0.len()))
    });
    g.bench_function("one card by id (its bank only)", |b| {
        b.iter(|| std::hint::black_box(bank::builtin_card("jwt-03").is_some()))
    });
    g.finish();
}

fn review_row(r: &loopcoach_practice::Review) -> loopcoach_store::ReviewRow {
    loopcoach_store::ReviewRow {
        card_id: r.card_id.clone(),
        rating: r.rating as i64,
        at: r.at.unix_timestamp(),
        elapsed_days: i64::from(r.elapsed_days),
        scheduled_days: i64::from(r.scheduled_days),
    }
}

fn state_row(s: &CardState) -> CardStateRow {
    CardStateRow {
        card_id: s.card_id.clone(),
        stability: f64::from(s.stability),
        difficulty: f64::from(s.difficulty),
        due: s.due.unix_timestamp(),
        last_review: s.last_review.unix_timestamp(),
        reps: i64::from(s.reps),
        lapses: i64::from(s.lapses),
    }
}

fn from_row(r: &CardStateRow) -> CardState {
    CardState {
        card_id: r.card_id.clone(),
        stability: r.stability as f32,
        difficulty: r.difficulty as f32,
        due: time::OffsetDateTime::from_unix_timestamp(r.due).unwrap(),
        last_review: time::OffsetDateTime::from_unix_timestamp(r.last_review).unwrap(),
        reps: r.reps as u32,
        lapses: r.lapses as u32,
        interval_days: ((r.due - r.last_review) / 86_400) as u32,
        phase: loopcoach_practice::Phase::Review,
        step: None,
    }
}

/// Every line of 10 MB of notes made searchable: the entries (line ownership, cleaning, blocks,
/// headings) and the index over them, what `search` does before it answers on such a
/// workspace; then the p99 of one query over it.
fn notes_index(c: &mut Criterion) {
    let text = loopcoach_notes::synth::notes(10 << 20, 7);
    let doc = loopcoach_notes::parse_text("/notes/big.md", &text).unwrap();
    let docs = vec![(doc, text)];
    let t = Instant::now();
    let entries = loopcoach_practice::corpus::entries(&docs, &[]);
    let made = t.elapsed();
    let n = entries.len();
    let index = Index::build(entries);
    eprintln!(
        "notes index 10 MB: {n} entries in {:?} (entries {made:?}, index {:?})",
        t.elapsed(),
        t.elapsed() - made
    );
    let queries = ["장애", "deploy", "고객과", "latency", "배포 전략"];
    let mut t = Vec::with_capacity(1000);
    for k in 0..1000 {
        let s = Instant::now();
        std::hint::black_box(index.search(queries[k % queries.len()], None, 20));
        t.push(s.elapsed());
    }
    t.sort();
    eprintln!(
        "notes index 10 MB: p99 per query {:?}",
        t[t.len() * 99 / 100]
    );
    let mut g = c.benchmark_group("notes-index-10mb");
    g.sample_size(10);
    g.bench_function("entries + index", |b| {
        b.iter(|| Index::build(loopcoach_practice::corpus::entries(&docs, &[])))
    });
    g.finish();
}

criterion_group!(benches, search, notes_index, deck, banks);
criterion_main!(benches);
