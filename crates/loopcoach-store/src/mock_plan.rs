//! Mock sessions asked one question at a time (the web UI): the plan a session fixed when it
//! started, its answers so far, and the measurements of each answer's recording, keyed like
//! the answer itself by session and ordinal.

use rusqlite::{OptionalExtension, params};

use crate::{MockAnswerRow, MockSessionRow, Result, SqliteStore, Tx};

/// One planned question of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockPlanRow {
    /// 1-based, as the answer's ordinal.
    pub ordinal: i64,
    pub card_id: String,
    /// Index into the plan's interviewers.
    pub interviewer: i64,
}

/// What was measured from the recording of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct MockRecordingRow {
    pub session_id: String,
    pub ordinal: i64,
    /// The file's name in the workspace's uploads folder.
    pub file: String,
    pub total_ms: i64,
    pub talk_ms: i64,
    pub longest_pause_ms: i64,
    pub long_pauses: i64,
    /// The whole measurement as JSON (owned by `loopcoach-practice::speech`).
    pub measured: String,
    pub at: String,
}

impl Tx<'_> {
    /// Fix the questions of session `id` (replacing any plan it had).
    pub fn set_mock_plan(&self, id: &str, plan: &[MockPlanRow]) -> Result<()> {
        self.conn()
            .execute("DELETE FROM mock_plan WHERE session_id = ?1", [id])?;
        let mut st = self.conn().prepare_cached(
            "INSERT INTO mock_plan (session_id, ordinal, card_id, interviewer)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for q in plan {
            st.execute(params![id, q.ordinal, q.card_id, q.interviewer])?;
        }
        Ok(())
    }

    /// Keep the measurements of an answer's recording (a new recording replaces the old).
    pub fn put_mock_recording(&self, r: &MockRecordingRow) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO mock_recordings (session_id, ordinal, file, total_ms, talk_ms,
                 longest_pause_ms, long_pauses, measured, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                r.session_id,
                r.ordinal,
                r.file,
                r.total_ms,
                r.talk_ms,
                r.longest_pause_ms,
                r.long_pauses,
                r.measured,
                r.at
            ],
        )?;
        Ok(())
    }
}

fn recording(r: &rusqlite::Row<'_>) -> rusqlite::Result<MockRecordingRow> {
    Ok(MockRecordingRow {
        session_id: r.get(0)?,
        ordinal: r.get(1)?,
        file: r.get(2)?,
        total_ms: r.get(3)?,
        talk_ms: r.get(4)?,
        longest_pause_ms: r.get(5)?,
        long_pauses: r.get(6)?,
        measured: r.get(7)?,
        at: r.get(8)?,
    })
}

const RECORDING_COLUMNS: &str = "session_id, ordinal, file, total_ms, talk_ms, longest_pause_ms,
     long_pauses, measured, at";

impl SqliteStore {
    /// One session by id.
    pub fn mock_session(&self, id: &str) -> Result<Option<MockSessionRow>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, round, lang, seed, started_at, ended_at, outcome FROM mock_sessions
                 WHERE id = ?1",
                [id],
                |r| {
                    Ok(MockSessionRow {
                        id: r.get(0)?,
                        round: r.get(1)?,
                        lang: r.get(2)?,
                        seed: r.get(3)?,
                        started_at: r.get(4)?,
                        ended_at: r.get(5)?,
                        outcome: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// The planned questions of session `id`, in order (empty for a session without a plan).
    pub fn mock_plan(&self, id: &str) -> Result<Vec<MockPlanRow>> {
        let mut st = self.conn().prepare(
            "SELECT ordinal, card_id, interviewer FROM mock_plan WHERE session_id = ?1
             ORDER BY ordinal",
        )?;
        let rows = st.query_map([id], |r| {
            Ok(MockPlanRow {
                ordinal: r.get(0)?,
                card_id: r.get(1)?,
                interviewer: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The answers of session `id`, by ordinal.
    pub fn mock_session_answers(&self, id: &str) -> Result<Vec<MockAnswerRow>> {
        let mut v: Vec<MockAnswerRow> = self
            .mock_answers()?
            .into_iter()
            .filter(|a| a.session_id == id)
            .collect();
        v.sort_by_key(|a| a.ordinal);
        Ok(v)
    }

    /// The recording measured for answer `ordinal` of session `id`.
    pub fn mock_recording(&self, id: &str, ordinal: i64) -> Result<Option<MockRecordingRow>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {RECORDING_COLUMNS} FROM mock_recordings
                     WHERE session_id = ?1 AND ordinal = ?2"
                ),
                params![id, ordinal],
                recording,
            )
            .optional()?)
    }

    /// Every recording measured, oldest first.
    pub fn mock_recordings(&self) -> Result<Vec<MockRecordingRow>> {
        let mut st = self.conn().prepare(&format!(
            "SELECT {RECORDING_COLUMNS} FROM mock_recordings ORDER BY at, session_id, ordinal"
        ))?;
        let rows = st.query_map([], recording)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str) -> MockSessionRow {
        MockSessionRow {
            id: id.into(),
            round: "full".into(),
            lang: "en".into(),
            seed: Some(3),
            started_at: "2026-01-01T00:00:00Z".into(),
            ended_at: None,
            outcome: None,
        }
    }

    fn rec(id: &str, ordinal: i64, talk: i64) -> MockRecordingRow {
        MockRecordingRow {
            session_id: id.into(),
            ordinal,
            file: format!("{id}-{ordinal}.wav"),
            total_ms: 9000,
            talk_ms: talk,
            longest_pause_ms: 2500,
            long_pauses: 1,
            measured: "{}".into(),
            at: format!("2026-01-01T00:00:0{ordinal}Z"),
        }
    }

    #[test]
    fn a_plan_and_recordings_are_kept_per_session() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let plan = vec![
            MockPlanRow {
                ordinal: 1,
                card_id: "jwt-01".into(),
                interviewer: 0,
            },
            MockPlanRow {
                ordinal: 2,
                card_id: "ownership-02".into(),
                interviewer: 1,
            },
        ];
        s.transact(|tx| {
            tx.create_mock_session(&session("s1"))?;
            tx.create_mock_session(&session("s2"))?;
            tx.set_mock_plan("s1", &plan)
        })
        .unwrap();
        assert_eq!(s.mock_plan("s1").unwrap(), plan);
        assert!(s.mock_plan("s2").unwrap().is_empty());
        assert_eq!(s.mock_session("s1").unwrap().unwrap().seed, Some(3));
        assert!(s.mock_session("nope").unwrap().is_none());

        s.transact(|tx| tx.put_mock_recording(&rec("s1", 1, 4000)))
            .unwrap();
        // A new recording of the same answer replaces the old.
        s.transact(|tx| tx.put_mock_recording(&rec("s1", 1, 4200)))
            .unwrap();
        s.transact(|tx| tx.put_mock_recording(&rec("s2", 1, 100)))
            .unwrap();
        assert_eq!(s.mock_recording("s1", 1).unwrap().unwrap().talk_ms, 4200);
        assert!(s.mock_recording("s1", 2).unwrap().is_none());
        assert_eq!(s.mock_recordings().unwrap().len(), 2);
    }

    #[test]
    fn a_recording_needs_its_session() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        assert!(
            s.transact(|tx| tx.put_mock_recording(&rec("none", 1, 1)))
                .is_err()
        );
    }
}
