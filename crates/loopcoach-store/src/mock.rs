//! Mock interviews and analysed answers: sessions, each answer with its score and findings.
//! An answer is written in its own transaction as soon as it is given, so an interrupted
//! session keeps every answer given so far.

use rusqlite::params;

use crate::{Result, SqliteStore, Tx};

#[derive(Debug, Clone, PartialEq)]
pub struct MockSessionRow {
    pub id: String,
    /// `technical`, `behavioural`, `full`, or `analyze` for a single analysed answer.
    pub round: String,
    pub lang: String,
    pub seed: Option<i64>,
    pub started_at: String,
    pub ended_at: Option<String>,
    /// The debrief's outcome, when the session ended with one.
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MockFindingRow {
    pub kind: String,
    pub part: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MockAnswerRow {
    pub session_id: String,
    pub ordinal: i64,
    pub question_id: Option<String>,
    pub question: String,
    pub principle: Option<String>,
    pub topic: Option<String>,
    pub answer: String,
    pub score: i64,
    /// The whole analysis as JSON (owned by `loopcoach-core::analysis`).
    pub analysis: String,
    pub at: String,
    pub findings: Vec<MockFindingRow>,
}

impl Tx<'_> {
    pub fn create_mock_session(&self, s: &MockSessionRow) -> Result<()> {
        self.conn().execute(
            "INSERT INTO mock_sessions (id, round, lang, seed, started_at, ended_at, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                s.id,
                s.round,
                s.lang,
                s.seed,
                s.started_at,
                s.ended_at,
                s.outcome
            ],
        )?;
        Ok(())
    }

    /// Record one answer and its findings; returns the answer's row id.
    pub fn add_mock_answer(&self, a: &MockAnswerRow) -> Result<i64> {
        self.conn().execute(
            "INSERT INTO mock_answers (session_id, ordinal, question_id, question, principle, topic,
                                       answer, score, analysis, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                a.session_id,
                a.ordinal,
                a.question_id,
                a.question,
                a.principle,
                a.topic,
                a.answer,
                a.score,
                a.analysis,
                a.at
            ],
        )?;
        let id = self.conn().last_insert_rowid();
        let mut st = self.conn().prepare_cached(
            "INSERT INTO mock_findings (answer_id, kind, part, message) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for f in &a.findings {
            st.execute(params![id, f.kind, f.part, f.message])?;
        }
        Ok(id)
    }

    pub fn end_mock_session(&self, id: &str, ended_at: &str, outcome: Option<&str>) -> Result<()> {
        self.conn().execute(
            "UPDATE mock_sessions SET ended_at = ?2, outcome = ?3 WHERE id = ?1",
            params![id, ended_at, outcome],
        )?;
        Ok(())
    }
}

impl SqliteStore {
    /// Every session, oldest first.
    pub fn mock_sessions(&self) -> Result<Vec<MockSessionRow>> {
        let mut st = self.conn().prepare(
            "SELECT id, round, lang, seed, started_at, ended_at, outcome FROM mock_sessions
             ORDER BY started_at, rowid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(MockSessionRow {
                id: r.get(0)?,
                round: r.get(1)?,
                lang: r.get(2)?,
                seed: r.get(3)?,
                started_at: r.get(4)?,
                ended_at: r.get(5)?,
                outcome: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every answer with its findings, in the order given.
    pub fn mock_answers(&self) -> Result<Vec<MockAnswerRow>> {
        let mut st = self.conn().prepare(
            "SELECT id, session_id, ordinal, question_id, question, principle, topic, answer, score,
                    analysis, at FROM mock_answers ORDER BY at, id",
        )?;
        let mut fst = self.conn().prepare(
            "SELECT kind, part, message FROM mock_findings WHERE answer_id = ?1 ORDER BY rowid",
        )?;
        let rows: Vec<(i64, MockAnswerRow)> = st
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    MockAnswerRow {
                        session_id: r.get(1)?,
                        ordinal: r.get(2)?,
                        question_id: r.get(3)?,
                        question: r.get(4)?,
                        principle: r.get(5)?,
                        topic: r.get(6)?,
                        answer: r.get(7)?,
                        score: r.get(8)?,
                        analysis: r.get(9)?,
                        at: r.get(10)?,
                        findings: Vec::new(),
                    },
                ))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, mut a) in rows {
            a.findings = fst
                .query_map([id], |r| {
                    Ok(MockFindingRow {
                        kind: r.get(0)?,
                        part: r.get(1)?,
                        message: r.get(2)?,
                    })
                })?
                .collect::<std::result::Result<_, _>>()?;
            out.push(a);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(session: &str, ordinal: i64, score: i64) -> MockAnswerRow {
        MockAnswerRow {
            session_id: session.into(),
            ordinal,
            question_id: Some("ownership-01".into()),
            question: "Tell me".into(),
            principle: Some("ownership".into()),
            topic: None,
            answer: "I did it".into(),
            score,
            analysis: "{}".into(),
            at: format!("2026-01-01T00:00:0{ordinal}Z"),
            findings: vec![MockFindingRow {
                kind: "no-metric".into(),
                part: Some("result".into()),
                message: "no number".into(),
            }],
        }
    }

    #[test]
    fn answers_are_kept_per_session_with_findings() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let session = MockSessionRow {
            id: "s1".into(),
            round: "behavioural".into(),
            lang: "en".into(),
            seed: Some(7),
            started_at: "2026-01-01T00:00:00Z".into(),
            ended_at: None,
            outcome: None,
        };
        s.transact(|tx| tx.create_mock_session(&session)).unwrap();
        // Each answer in its own transaction: the first stays when the session stops.
        s.transact(|tx| tx.add_mock_answer(&answer("s1", 1, 60)))
            .unwrap();
        let failed: Result<()> = s.transact(|tx| {
            tx.add_mock_answer(&answer("s1", 2, 70))?;
            Err(crate::StoreError::NotFound("interrupted".into()))
        });
        assert!(failed.is_err());
        let got = s.mock_answers().unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].score, 60);
        assert_eq!(got[0].findings[0].kind, "no-metric");
        s.transact(|tx| tx.end_mock_session("s1", "2026-01-01T01:00:00Z", Some("hire")))
            .unwrap();
        let ss = s.mock_sessions().unwrap();
        assert_eq!(ss[0].outcome.as_deref(), Some("hire"));
        assert_eq!(ss[0].seed, Some(7));
    }

    #[test]
    fn an_answer_needs_its_session() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        assert!(
            s.transact(|tx| tx.add_mock_answer(&answer("nope", 1, 1)))
                .is_err()
        );
    }
}
