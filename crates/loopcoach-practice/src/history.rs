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
    }
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
}
