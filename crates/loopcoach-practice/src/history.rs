//! Progress over time: every analysed answer's score grouped per principle and per topic,
//! with a trend (the last score against the average of the ones before it). The `history
//! --json` shape, which the web UI draws charts from (`docs/json.md`).

use std::collections::BTreeMap;

use serde::Serialize;

/// One scored answer, as the store keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredAnswer {
    pub session: String,
    pub at: String,
    pub question_id: Option<String>,
    pub principle: Option<String>,
    pub topic: Option<String>,
    pub score: u32,
}

/// Every analysed answer the store keeps, scored 0..=100, in the store's order.
pub fn scored_answers(
    store: &loopcoach_store::SqliteStore,
) -> loopcoach_store::Result<Vec<ScoredAnswer>> {
    Ok(store
        .mock_answers()?
        .into_iter()
        .map(|r| ScoredAnswer {
            session: r.session_id,
            at: r.at,
            question_id: r.question_id,
            principle: r.principle,
            topic: r.topic,
            score: u32::try_from(r.score.clamp(0, 100)).unwrap_or(0),
        })
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    /// Only one answer so far.
    New,
    Up,
    Down,
    Flat,
}

impl Trend {
    /// The arrow shown in a terminal.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::New => "·",
            Trend::Up => "↑",
            Trend::Down => "↓",
            Trend::Flat => "→",
        }
    }
}

/// A change of at least this many points is a trend.
pub const TREND_POINTS: f64 = 5.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub at: String,
    pub score: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// A principle key or a topic key.
    pub key: String,
    pub answers: usize,
    pub last: u32,
    pub average: f64,
    pub trend: Trend,
    pub scores: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    pub sessions: usize,
    pub answers: usize,
    pub principles: Vec<Progress>,
    pub topics: Vec<Progress>,
    /// Readiness over time: the last recorded score of each day the notes changed, oldest
    /// first ([`readiness_by_day`]; empty from [`summarize`], which sees only answers).
    pub readiness: Vec<ReadinessDay>,
}

/// The readiness a day ended on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadinessDay {
    /// The calendar day (`YYYY-MM-DD`, as recorded).
    pub date: String,
    /// When the day's last change was recorded (RFC 3339).
    pub at: String,
    pub overall: u32,
    /// Principles with a story, of `principles`.
    pub covered: usize,
    pub principles: usize,
    pub stories: usize,
    pub findings: usize,
}

/// The last recorded readiness of each day, oldest first (`rows` in recording order).
pub fn readiness_by_day(rows: &[loopcoach_store::ReadinessRow]) -> Vec<ReadinessDay> {
    let mut out: Vec<ReadinessDay> = Vec::new();
    for r in rows {
        let date = r.at.get(..10).unwrap_or(&r.at).to_string();
        let day = ReadinessDay {
            date,
            at: r.at.clone(),
            overall: r.snapshot.overall,
            covered: r.snapshot.covered,
            principles: r.snapshot.principles,
            stories: r.snapshot.stories,
            findings: r.snapshot.findings,
        };
        match out.last_mut() {
            Some(last) if last.date == day.date => *last = day,
            _ => out.push(day),
        }
    }
    out
}

fn progress(key: &str, mut pts: Vec<Point>) -> Progress {
    pts.sort_by(|a, b| a.at.cmp(&b.at));
    let n = pts.len();
    let last = pts.last().map_or(0, |p| p.score);
    let average = pts.iter().map(|p| f64::from(p.score)).sum::<f64>() / n.max(1) as f64;
    let trend = if n < 2 {
        Trend::New
    } else {
        let before = pts[..n - 1].iter().map(|p| f64::from(p.score)).sum::<f64>() / (n - 1) as f64;
        let d = f64::from(last) - before;
        if d >= TREND_POINTS {
            Trend::Up
        } else if d <= -TREND_POINTS {
            Trend::Down
        } else {
            Trend::Flat
        }
    };
    Progress {
        key: key.to_string(),
        answers: n,
        last,
        average: (average * 10.0).round() / 10.0,
        trend,
        scores: pts,
    }
}

/// Group answers per principle and per topic.
pub fn summarize(answers: &[ScoredAnswer]) -> History {
    let mut principles: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    let mut topics: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    let mut sessions: Vec<&str> = answers.iter().map(|a| a.session.as_str()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    for a in answers {
        let p = Point {
            at: a.at.clone(),
            score: a.score,
        };
        if let Some(k) = &a.principle {
            principles.entry(k).or_default().push(p.clone());
        }
        if let Some(k) = &a.topic {
            topics.entry(k).or_default().push(p);
        }
    }
    History {
        sessions: sessions.len(),
        answers: answers.len(),
        principles: principles
            .into_iter()
            .map(|(k, v)| progress(k, v))
            .collect(),
        topics: topics.into_iter().map(|(k, v)| progress(k, v)).collect(),
        readiness: Vec::new(),
    }
}

/// Everything `history` shows: the answers of `store`, grouped, and its readiness over time.
pub fn of_store(store: &loopcoach_store::SqliteStore) -> loopcoach_store::Result<History> {
    let mut h = summarize(&scored_answers(store)?);
    h.readiness = readiness_by_day(&store.readiness_history()?);
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(at: &str, principle: Option<&str>, topic: Option<&str>, score: u32) -> ScoredAnswer {
        ScoredAnswer {
            session: at[..4].to_string(),
            at: at.into(),
            question_id: None,
            principle: principle.map(Into::into),
            topic: topic.map(Into::into),
            score,
        }
    }

    #[test]
    fn trends_per_principle_and_topic() {
        let h = summarize(&[
            a("2026-01-01", Some("ownership"), None, 40),
            a("2026-01-03", Some("ownership"), None, 80),
            a("2026-01-02", Some("ownership"), None, 60),
            a("2026-01-01", Some("dive-deep"), None, 70),
            a("2026-02-01", Some("dive-deep"), None, 50),
            a("2026-02-01", None, Some("jwt"), 55),
            a("2026-02-02", None, Some("pki"), 55),
            a("2026-02-03", None, Some("pki"), 57),
        ]);
        assert_eq!(h.answers, 8);
        assert_eq!(h.sessions, 1);
        let own = &h.principles[1];
        assert_eq!(own.key, "ownership");
        assert_eq!((own.last, own.trend, own.average), (80, Trend::Up, 60.0));
        assert_eq!(h.principles[0].trend, Trend::Down);
        assert_eq!(h.topics[0].trend, Trend::New);
        assert_eq!(h.topics[1].trend, Trend::Flat);
        assert_eq!(Trend::Up.arrow(), "↑");
    }

    #[test]
    fn nothing_answered_is_an_empty_history() {
        let h = summarize(&[]);
        assert_eq!((h.sessions, h.answers), (0, 0));
        assert!(h.principles.is_empty() && h.topics.is_empty());
    }

    fn snap(at: &str, overall: u32) -> loopcoach_store::ReadinessRow {
        loopcoach_store::ReadinessRow {
            at: at.into(),
            snapshot: loopcoach_core::readiness::Snapshot {
                overall,
                components: loopcoach_core::readiness::Components {
                    principles: 0.5,
                    stories: 0.5,
                    questions: 0.5,
                    over_reliance_penalty: 0.0,
                },
                covered: 8,
                principles: 16,
                stories: 12,
                findings: 30,
            },
        }
    }

    #[test]
    fn readiness_keeps_the_last_score_of_each_day() {
        let rows = [
            snap("2026-12-01T20:00:00Z", 40),
            snap("2026-12-01T21:30:00Z", 44),
            snap("2026-12-03T19:00:00Z", 51),
            snap("2026-12-03T22:00:00Z", 49),
            snap("2026-12-04T08:00:00Z", 58),
        ];
        let days = readiness_by_day(&rows);
        let got: Vec<(&str, u32)> = days.iter().map(|d| (d.date.as_str(), d.overall)).collect();
        assert_eq!(
            got,
            vec![("2026-12-01", 44), ("2026-12-03", 49), ("2026-12-04", 58)]
        );
        assert_eq!(days[1].at, "2026-12-03T22:00:00Z");
        assert!(readiness_by_day(&[]).is_empty());
    }

    #[test]
    fn a_store_gives_answers_and_readiness_together() {
        let mut store = loopcoach_store::SqliteStore::open_in_memory().unwrap();
        let doc = loopcoach_notes::parse_text(
            "/n.md",
            "**Leadership Principles**\n\n1. Ownership\n\n   S: Nightly batch failed.\n   R: Failures fell from 9 to 0.\n",
        )
        .unwrap();
        store
            .transact(|tx| {
                tx.save_document(&doc, "x", &doc.hash, "2026-12-01T20:00:00Z")?;
                tx.record_readiness("2026-12-01T20:00:00Z")
            })
            .unwrap();
        let h = of_store(&store).unwrap();
        assert_eq!(h.answers, 0);
        assert_eq!(h.readiness.len(), 1);
        assert_eq!(h.readiness[0].date, "2026-12-01");
        assert_eq!(h.readiness[0].covered, 1);
        let json = serde_json::to_value(&h).unwrap();
        assert_eq!(json["readiness"][0]["stories"], 1);
    }
}
