//! Versioned migrations: SQL files applied in order, `PRAGMA user_version` counts them.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// The migrations, in order. Append only: a shipped migration is never edited.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_documents",
        include_str!("../migrations/0001_documents.sql"),
    ),
    ("0002_labs", include_str!("../migrations/0002_labs.sql")),
    (
        "0003_practice",
        include_str!("../migrations/0003_practice.sql"),
    ),
    (
        "0004_user_card_heads",
        include_str!("../migrations/0004_user_card_heads.sql"),
    ),
    (
        "0005_document_blobs",
        include_str!("../migrations/0005_document_blobs.sql"),
    ),
    (
        "0006_learning_steps",
        include_str!("../migrations/0006_learning_steps.sql"),
    ),
    (
        "0007_lab_evidence",
        include_str!("../migrations/0007_lab_evidence.sql"),
    ),
    (
        "0008_mock_sessions",
        include_str!("../migrations/0008_mock_sessions.sql"),
    ),
    (
        "0009_remote_comments",
        include_str!("../migrations/0009_remote_comments.sql"),
    ),
    (
        "0010_mock_plan_recordings",
        include_str!("../migrations/0010_mock_plan_recordings.sql"),
    ),
    (
        "0011_readiness_history",
        include_str!("../migrations/0011_readiness_history.sql"),
    ),
    (
        "0012_remote_suggestions",
        include_str!("../migrations/0012_remote_suggestions.sql"),
    ),
];

pub(crate) fn known_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known_version() {
        return Err(StoreError::TooNew {
            found: current,
            known: known_version(),
        });
    }
    for (i, (_, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > i as i64 {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
