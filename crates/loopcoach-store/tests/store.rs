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
