//! The store's contract, on a real SQLite file: migrations, round trips byte for byte,
//! one transaction per command (a failure leaves nothing), ids unique across documents.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use loopcoach_core::Document;
use loopcoach_store::{SqliteStore, StoreError};
use proptest::prelude::*;

fn doc(path: &str, text: &str) -> Document {
    loopcoach_notes::parse_text(path, text).unwrap()
}

const NOTES: &str = "# 예상질문\n\n1. 질문\n   1) GST ->\n   S: 상황\n   R: 30% 단축\n";

#[test]
fn migrations_run_once_and_data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/ws.db");
    let mut s = SqliteStore::open(&path).unwrap();
    let v = s.schema_version().unwrap();
    assert!(v >= 3);
    let d = doc("/n.md", NOTES);
    s.transact(|tx| tx.save_document(&d, NOTES, "h", "2026-01-01T00:00:00Z"))
        .unwrap();
    drop(s);
    let page: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 65536, "a new workspace is made with 64 KiB pages");
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), v);
    let (back, text) = s.document_by_path("/n.md").unwrap().unwrap();
    assert_eq!(back, d);
    assert_eq!(text, NOTES);
    assert_eq!(s.document_of(&d.stories[0].id).unwrap().unwrap().0.id, d.id);
    assert_eq!(s.workspace().unwrap().len(), 1);
}

#[test]
fn a_failed_command_leaves_nothing_behind() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let d = doc("/a.md", NOTES);
    let r: Result<(), StoreError> = s.transact(|tx| {
        tx.save_document(&d, NOTES, "h", "t")?;
        Err(StoreError::NotFound(
            "simulated failure after the write".into(),
        ))
    });
    assert!(r.is_err());
    assert!(s.workspace().unwrap().is_empty());
    assert!(s.documents().unwrap().is_empty());
}

#[test]
fn ids_are_unique_across_documents() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let a = doc("/a.md", NOTES);
    s.transact(|tx| tx.save_document(&a, NOTES, "h", "t"))
        .unwrap();
    // The same model saved under another document id collides on its entity ids.
    let mut b = a.clone();
    b.id = "d-other".into();
    b.path = "/b.md".into();
    let err = s
        .transact(|tx| tx.save_document(&b, NOTES, "h", "t"))
        .unwrap_err();
    assert!(err.to_string().contains("already used"), "{err}");
    assert_eq!(
        s.documents().unwrap().len(),
        1,
        "the failed save left nothing"
    );
}

/// A workspace written before migration 0005 (text and model inside the `documents` row)
/// keeps its documents, byte for byte, once the blobs move to `document_blobs`.
#[test]
fn documents_survive_the_move_of_their_blobs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let d = doc("/n.md", NOTES);
    let model = serde_json::to_vec(&d).unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../migrations/0001_documents.sql"))
            .unwrap();
        c.execute_batch(include_str!("../migrations/0002_labs.sql"))
            .unwrap();
        c.execute_batch(include_str!("../migrations/0003_practice.sql"))
            .unwrap();
        c.pragma_update(None, "user_version", 3).unwrap();
        c.execute(
            "INSERT INTO documents (id, path, text, text_hash, disk_hash, model, imported_at, updated_at)
             VALUES (?1, '/n.md', ?2, 'h', 'h', ?3, 't', 't')",
            rusqlite::params![d.id, NOTES.as_bytes(), model],
        )
        .unwrap();
        for s in &d.stories {
            c.execute(
                "INSERT INTO entities (id, doc_id, kind, ordinal, title) VALUES (?1, ?2, 'story', 0, '')",
                [s.id.as_str(), d.id.as_str()],
            )
            .unwrap();
        }
    }
    let s = SqliteStore::open(&path).unwrap();
    assert!(s.schema_version().unwrap() > 3);
    let page: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 4096, "an existing file keeps its page size");
    let (back, text) = s.document_by_path("/n.md").unwrap().unwrap();
    assert_eq!(back, d);
    assert_eq!(text, NOTES);
    assert_eq!(s.document_of(&d.stories[0].id).unwrap().unwrap().1, NOTES);
    assert_eq!(s.workspace().unwrap(), vec![d]);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    drop(SqliteStore::open(&path).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "user_version", 999).unwrap();
    drop(c);
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever UTF-8 text is imported (CRLF, BOM, tabs, trailing spaces, HTML, anything),
    /// what comes back out of the store is byte-identical.
    #[test]
    fn text_round_trips_byte_for_byte(body in "\\PC*", crlf in any::<bool>(), bom in any::<bool>()) {
        let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
        text.push_str(&if crlf { body.replace('\n', "\r\n") } else { body });
        text.push_str(" \t\n<div>trailing</div>  ");
        let Ok(d) = loopcoach_notes::parse_text("/p.md", &text) else { return Ok(()); };
        let mut s = SqliteStore::open_in_memory().unwrap();
        s.transact(|tx| tx.save_document(&d, &text, "h", "t")).unwrap();
        let (_, back) = s.document_by_path("/p.md").unwrap().unwrap();
        prop_assert_eq!(back.as_bytes(), text.as_bytes());
    }
}

/// A workspace made before migration 0004 (a user card's question only inside its JSON body)
/// is migrated when it opens: the questions are filled in from the bodies, the due user cards
/// are the ones the old query listed, and later writes keep the new columns in step.
#[test]
fn migration_0004_fills_in_the_questions_of_existing_user_cards() {
    use loopcoach_store::{UserCardFilter, UserCardRow};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let now = 1_796_500_000i64;
    let body = |id: &str, en: &str, ko: &str| {
        format!(
            r#"{{"id":"{id}","kind":"mine","topic":null,"principle":null,"question":{{"en":"{en}","ko":"{ko}"}},"key_points":{{"en":[],"ko":[]}},"follow_ups":{{"en":[],"ko":[]}},"reference":null,"source":null}}"#
        )
    };
    // (id, deck, body, due): reviewed cards due before now (two at the same time, in two
    // decks), one due later, new ones, one body with no question.
    let cards = [
        ("a-1", "b", body("a-1", "Pod?", "파드?"), Some(now - 10)),
        ("a-2", "a", body("a-2", "Node?", "노드?"), Some(now - 10)),
        ("a-3", "a", body("a-3", "Later?", "나중?"), Some(now + 10)),
        ("a-4", "a", body("a-4", "Oldest?", ""), Some(now - 99)),
        ("a-5", "b", body("a-5", "New?", "새?"), None),
        ("a-0", "c", body("a-0", "First new?", "첫 새?"), None),
        ("a-6", "a", r#"{"id":"a-6"}"#.to_string(), None),
    ];
    let old = {
        let c = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_documents.sql"),
            include_str!("../migrations/0002_labs.sql"),
            include_str!("../migrations/0003_practice.sql"),
        ] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
        for (id, deck, body, due) in &cards {
            c.execute(
                "INSERT INTO user_cards (id, deck, kind, topic, principle, body, added_at)
                 VALUES (?1, ?2, 'mine', NULL, NULL, ?3, 't')",
                rusqlite::params![id, deck, body],
            )
            .unwrap();
            if let Some(due) = due {
                c.execute(
                    "INSERT INTO card_state VALUES (?1, 1.0, 5.0, ?2, ?2 - 86400, 1, 0)",
                    rusqlite::params![id, due],
                )
                .unwrap();
            }
        }
        // What `due` read before the migration.
        let mut st = c
            .prepare(
                "SELECT u.id, json_extract(u.body, '$.question.en'), json_extract(u.body, '$.question.ko'), s.due
                 FROM user_cards u LEFT JOIN card_state s ON s.card_id = u.id
                 WHERE s.due IS NULL OR s.due <= ?1 ORDER BY u.deck, u.id",
            )
            .unwrap();
        let rows = st
            .query_map([now], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    r.get::<_, Option<i64>>(3)?,
                ))
            })
            .unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap()
    };
    assert_eq!(old.len(), 6);
    let mut s = SqliteStore::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 4);
    let heads = |s: &SqliteStore| -> Vec<(String, String, String, Option<i64>)> {
        s.due_user_cards(now)
            .unwrap()
            .into_iter()
            .map(|h| {
                (
                    h.id,
                    h.question_en.unwrap_or_default(),
                    h.question_ko.unwrap_or_default(),
                    h.due,
                )
            })
            .collect()
    };
    assert_eq!(heads(&s), old);
    // Streamed in queue order: overdue earliest first (ties by deck, then id), then new by
    // deck, then id; the same heads.
    let any = UserCardFilter::default();
    let mut streamed = Vec::new();
    s.each_overdue_user_card(now, &any, None, |h| {
        streamed.push((h.id, h.question_en.unwrap_or_default(), h.due));
        Ok::<_, StoreError>(true)
    })
    .unwrap();
    s.each_new_user_card(&any, None, |h| {
        streamed.push((h.id, h.question_en.unwrap_or_default(), h.due));
        Ok::<_, StoreError>(true)
    })
    .unwrap();
    let order: Vec<&str> = streamed.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(order, ["a-4", "a-2", "a-1", "a-6", "a-5", "a-0"]);
    assert_eq!(
        streamed[0],
        ("a-4".into(), "Oldest?".into(), Some(now - 99))
    );
    assert_eq!(streamed[3], ("a-6".into(), String::new(), None));
    assert_eq!(s.count_due_user_cards(now, &any).unwrap(), (3, 3));
    // Stopping early stops the stream; a limit, a filter and ids left out narrow it (and
    // the counts) the same way.
    let mut n = 0;
    s.each_overdue_user_card(now, &any, None, |_| {
        n += 1;
        Ok::<_, StoreError>(false)
    })
    .unwrap();
    assert_eq!(n, 1);
    let narrow = UserCardFilter {
        kind: Some("mine"),
        except: &["a-2", "a-0"],
        ..UserCardFilter::default()
    };
    let mut ids = Vec::new();
    s.each_overdue_user_card(now, &narrow, Some(1), |h| {
        ids.push(h.id);
        Ok::<_, StoreError>(true)
    })
    .unwrap();
    s.each_new_user_card(&narrow, None, |h| {
        ids.push(h.id);
        Ok::<_, StoreError>(true)
    })
    .unwrap();
    assert_eq!(ids, ["a-4", "a-6", "a-5"]);
    assert_eq!(s.count_due_user_cards(now, &narrow).unwrap(), (2, 2));
    let none = UserCardFilter {
        topic: Some("jwt"),
        ..UserCardFilter::default()
    };
    assert_eq!(s.count_due_user_cards(now, &none).unwrap(), (0, 0));
    // Writes after the migration keep the question columns in step with the body.
    let row = |id: &str, deck: &str, en: &str| UserCardRow {
        id: id.into(),
        deck: deck.into(),
        kind: "mine".into(),
        topic: None,
        principle: None,
        body: body(id, en, "한국어"),
    };
    s.transact(|tx| tx.replace_deck("b", &[row("a-5", "b", "Renamed?")], "t"))
        .unwrap();
    s.transact(|tx| {
        tx.upsert_user_card(&row("a-7", "a", "Upserted?"), "t")
            .map(|_| ())
    })
    .unwrap();
    let after = heads(&s);
    assert!(after.contains(&("a-5".into(), "Renamed?".into(), "한국어".into(), None)));
    assert!(after.contains(&("a-7".into(), "Upserted?".into(), "한국어".into(), None)));
    assert!(!after.iter().any(|h| h.0 == "a-1"), "a-1 left deck b");
}

trait AllAsks {
    fn lab_asks_all_for_test(&self) -> Vec<(String, String)>;
}

impl AllAsks for SqliteStore {
    fn lab_asks_all_for_test(&self) -> Vec<(String, String)> {
        self.all_lab_asks()
            .unwrap()
            .into_iter()
            .map(|(a, kind, _)| (a.what, kind))
            .collect()
    }
}

#[test]
fn lab_attempts_with_grades_and_asks_come_back_in_order() {
    use loopcoach_store::{LabAsk, LabAttempt, LabRow};
    let mut s = SqliteStore::open_in_memory().unwrap();
    let lab = |id: &str| LabRow {
        id: id.into(),
        kind: "jwt".into(),
        answer: "{}".into(),
        dir: format!("/tmp/{id}"),
        created_at: "t0".into(),
    };
    let attempt = |lab_id: &str, answer: &str, verdict: &str| LabAttempt {
        lab_id: lab_id.into(),
        answer: answer.into(),
        verdict: verdict.into(),
        score: if verdict == "right" { 1.0 } else { 0.0 },
        at: "t1".into(),
    };
    s.transact(|tx| {
        tx.save_lab(&lab("jwt-a"))?;
        tx.save_lab(&lab("jwt-b"))?;
        tx.record_lab_attempt(&attempt("jwt-a", "old style", "wrong"))?;
        tx.record_lab_attempt_graded(
            &attempt("jwt-b", "aud mismatch", "right"),
            r#"{"verdict":"right"}"#,
        )?;
        tx.record_lab_ask(&LabAsk {
            lab_id: "jwt-b".into(),
            what: "claims".into(),
            at: "t2".into(),
        })?;
        tx.record_lab_ask(&LabAsk {
            lab_id: "jwt-b".into(),
            what: "logs".into(),
            at: "t3".into(),
        })
    })
    .unwrap();
    let all = s.lab_history(None).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0].lab_id.as_str(), all[0].grade.as_deref()),
        ("jwt-a", None)
    );
    assert_eq!(all[1].grade.as_deref(), Some(r#"{"verdict":"right"}"#));
    assert_eq!(all[1].dir, "/tmp/jwt-b");
    assert_eq!(s.lab_history(Some("jwt-b")).unwrap().len(), 1);
    let asks: Vec<String> = s
        .lab_asks("jwt-b")
        .unwrap()
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert_eq!(asks, ["claims", "logs"]);
    assert!(s.lab_asks("jwt-a").unwrap().is_empty());
    let all = s.lab_asks_all_for_test();
    assert_eq!(
        all,
        [
            ("claims".to_string(), "jwt".to_string()),
            ("logs".to_string(), "jwt".to_string())
        ]
    );
    // An ask for a lab that does not exist is refused (foreign key), and nothing is written.
    let r = s.transact(|tx| {
        tx.record_lab_ask(&LabAsk {
            lab_id: "nope".into(),
            what: "logs".into(),
            at: "t".into(),
        })
    });
    assert!(r.is_err());
    assert!(s.lab_asks("nope").unwrap().is_empty());
}

#[test]
fn pulled_comments_are_stored_once_and_listed_by_story() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    let row = |id: i64, story: &str, body: &str| loopcoach_store::RemoteCommentRow {
        server: "https://study.example.com".into(),
        remote_id: id,
        group_id: 3,
        share_id: 7,
        story_id: story.into(),
        part: "result".into(),
        span: (id == 1).then_some((0, 3)),
        body: body.into(),
        author: "carol@example.com".into(),
        created_at: format!("2026-12-08T01:0{id}:00Z"),
        pulled_at: "2026-12-08T02:00:00Z".into(),
        suggestion: (id == 2).then(|| "p99 180ms".to_owned()),
        quote: (id == 2).then(|| "빨라짐".to_owned()),
        accepted_at: None,
    };
    let new = s
        .transact(|tx| -> loopcoach_store::Result<Vec<bool>> {
            Ok(vec![
                tx.save_remote_comment(&row(1, "s-a", "좋아요"))?,
                tx.save_remote_comment(&row(2, "s-b", "숫자?"))?,
            ])
        })
        .unwrap();
    assert_eq!(new, [true, true]);
    // Pulled again (edited on the server): updated in place, not added.
    let again = s
        .transact(|tx| tx.save_remote_comment(&row(1, "s-a", "좋아요!")))
        .unwrap();
    assert!(!again);
    let all = s.remote_comments(None).unwrap();
    assert_eq!(all.len(), 2);
    let a = s.remote_comments(Some("s-a")).unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!((a[0].body.as_str(), a[0].span), ("좋아요!", Some((0, 3))));
    assert_eq!(s.remote_comments(Some("s-b")).unwrap()[0].span, None);
    assert!(s.remote_comments(Some("s-none")).unwrap().is_empty());
    // A suggestion comes back with what it replaces, and its acceptance is kept.
    let b = &s.remote_comments(Some("s-b")).unwrap()[0];
    assert_eq!(b.suggestion.as_deref(), Some("p99 180ms"));
    assert_eq!(b.quote.as_deref(), Some("빨라짐"));
    assert_eq!(b.accepted_at, None);
    s.transact(|tx| {
        tx.mark_suggestion_accepted("https://study.example.com", 2, "2026-12-08T03:00:00Z")
    })
    .unwrap();
    let b = &s.remote_comments(Some("s-b")).unwrap()[0];
    assert_eq!(b.accepted_at.as_deref(), Some("2026-12-08T03:00:00Z"));
    // Pulling it again keeps the acceptance.
    s.transact(|tx| tx.save_remote_comment(&row(2, "s-b", "숫자?")))
        .unwrap();
    let b = &s.remote_comments(Some("s-b")).unwrap()[0];
    assert_eq!(b.accepted_at.as_deref(), Some("2026-12-08T03:00:00Z"));
}

#[test]
fn readiness_is_recorded_when_a_number_moves() {
    let mut s = SqliteStore::open_in_memory().unwrap();
    assert!(s.readiness_history().unwrap().is_empty());
    assert!(s.last_readiness().unwrap().is_none());
    let thin = doc(
        "/n.md",
        "**Leadership Principles**\n\n1. Customer Obsession\n\n   S: The billing API timed out every night.\n",
    );
    let added = s
        .transact(|tx| {
            tx.save_document(&thin, "x", &thin.hash, "2026-12-01T20:00:00Z")?;
            tx.record_readiness("2026-12-01T20:00:00Z")
        })
        .unwrap();
    assert!(added);
    // The same notes again: nothing moved, nothing added.
    let again = s
        .transact(|tx| tx.record_readiness("2026-12-02T20:00:00Z"))
        .unwrap();
    assert!(!again);
    let full = doc(
        "/n.md",
        "**Leadership Principles**\n\n1. Customer Obsession\n\n   S: The billing API timed out every night.\n   T: I owned the fix.\n   A: I read the slow query log and added an index.\n   R: Timeouts fell to zero and p99 went from 2.1 s to 180 ms.\n",
    );
    s.transact(|tx| {
        tx.save_document(&full, "y", &full.hash, "2026-12-03T20:00:00Z")?;
        tx.record_readiness("2026-12-03T20:00:00Z")
    })
    .unwrap();
    let h = s.readiness_history().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].at, "2026-12-01T20:00:00Z");
    assert!(h[1].snapshot.overall > h[0].snapshot.overall, "{h:?}");
    assert!(h[1].snapshot.components.stories > h[0].snapshot.components.stories);
    assert_eq!(h[1].snapshot.covered, 1);
    assert_eq!(s.last_readiness().unwrap().unwrap(), h[1]);
    // A failed transaction records nothing.
    let r: Result<(), StoreError> = s.transact(|tx| {
        tx.save_document(&thin, "x", &thin.hash, "2026-12-04T20:00:00Z")?;
        tx.record_readiness("2026-12-04T20:00:00Z")?;
        Err(StoreError::Corrupt("stop".into()))
    });
    assert!(r.is_err());
    assert_eq!(s.readiness_history().unwrap().len(), 2);
}
