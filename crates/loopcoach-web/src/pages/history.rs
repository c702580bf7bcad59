//! `/history`: answer scores over time (mock and analysed answers), progress per principle
//! and topic (the CLI's `history`), reviews per day, retention and the review forecast:
//! charts drawn as SVG on the server, each with a table or a sentence beside it, so the page
//! reads without JavaScript.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use loopcoach_core::i18n::Arg;
use loopcoach_practice::Rating;
use loopcoach_practice::deck;
use loopcoach_practice::history::{self, ScoredAnswer};
use time::{Duration, OffsetDateTime};

use super::{P, Req, html, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::svg;

/// Days of reviews shown; days of forecast shown.
pub const PAST_DAYS: i64 = 60;
pub const FORECAST_DAYS: i64 = 30;
/// Answers listed, newest first.
pub const ANSWERS_LISTED: usize = 20;

/// One answer in the list, with what was measured from its recording.
#[derive(Debug)]
pub struct AnswerLine {
    pub when: String,
    pub question: String,
    pub href: Option<String>,
    pub score: i64,
    pub talk: String,
    pub pauses: String,
}

#[derive(Debug)]
pub struct ProgressRow {
    pub name: String,
    pub answers: usize,
    pub last: u32,
    pub average: String,
    pub trend: &'static str,
}

#[derive(Debug, Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub p: P,
    /// Readiness over time (one point per day the notes changed) and its sentence; `None`
    /// before anything was recorded.
    pub readiness_svg: String,
    pub readiness_summary: Option<String>,
    pub answers: usize,
    pub scores_svg: String,
    pub progress: Vec<ProgressRow>,
    pub reviews_svg: String,
    pub reviews_total: usize,
    pub retention: String,
    pub forecast_svg: String,
    pub forecast_total: usize,
    pub answer_lines: Vec<AnswerLine>,
}

/// Reviews per calendar day over the last `days` days up to `now` (days without reviews are
/// zero), and the share not rated "again".
pub fn reviews_per_day(
    log: &[(String, Rating, OffsetDateTime)],
    now: OffsetDateTime,
    days: i64,
) -> (Vec<(String, usize)>, Option<f64>) {
    let first = (now - Duration::days(days - 1)).date();
    let mut by: BTreeMap<time::Date, usize> = BTreeMap::new();
    let mut d = first;
    while d <= now.date() {
        by.insert(d, 0);
        match d.next_day() {
            Some(n) => d = n,
            None => break,
        }
    }
    let (mut kept, mut total) = (0usize, 0usize);
    for (_, r, at) in log {
        if let Some(n) = by.get_mut(&at.date()) {
            *n += 1;
            total += 1;
            if *r != Rating::Again {
                kept += 1;
            }
        }
    }
    let retention = (total > 0).then(|| kept as f64 / total as f64);
    (
        by.into_iter().map(|(d, n)| (d.to_string(), n)).collect(),
        retention,
    )
}

/// Cards falling due per day over the next `days` days (what is overdue counts today).
pub fn forecast(dues: &[i64], now: OffsetDateTime, days: i64) -> Vec<(String, usize)> {
    (0..days)
        .map(|i| {
            let day = (now + Duration::days(i)).date();
            let n = dues
                .iter()
                .filter_map(|d| OffsetDateTime::from_unix_timestamp(*d).ok())
                .filter(|d| {
                    let dd = d.date();
                    dd == day || (i == 0 && dd < day)
                })
                .count();
            (day.to_string(), n)
        })
        .collect()
}

/// `GET /history`.
pub async fn show(State(st): State<AppState>, req: Req) -> Response {
    run(st, req, |st, ui| {
        let any = |e: anyhow::Error| WebError::Other(format!("{e:#}"));
        let store = st.backend().store()?;
        let p = P::new(ui, "history", "web-nav-history");
        let rows: Vec<ScoredAnswer> = history::scored_answers(&store)?;
        let h = history::summarize(&rows);
        let days = history::readiness_by_day(&store.readiness_history()?);
        let readiness_points: Vec<(String, f64)> = days
            .iter()
            .map(|d| (d.date.clone(), f64::from(d.overall)))
            .collect();
        let readiness_summary = match (days.first(), days.last()) {
            (Some(first), Some(last)) => Some(p.t.fmt(
                "web-history-readiness-summary",
                &[
                    ("first", Arg::from(first.overall)),
                    ("from", Arg::from(first.date.as_str())),
                    ("last", Arg::from(last.overall)),
                    ("to", Arg::from(last.date.as_str())),
                    ("covered", Arg::from(last.covered)),
                    ("principles", Arg::from(last.principles)),
                ],
            )),
            _ => None,
        };
        let mut points: Vec<(String, f64)> = rows
            .iter()
            .map(|r| (r.at.clone(), f64::from(r.score)))
            .collect();
        points.sort_by(|a, b| a.0.cmp(&b.0));
        let fw = loopcoach_core::Framework::shared();
        let progress = h
            .principles
            .iter()
            .map(|x| (x, fw.name(&x.key, ui.lang)))
            .chain(h.topics.iter().map(|x| (x, x.key.clone())))
            .map(|(x, name)| ProgressRow {
                name,
                answers: x.answers,
                last: x.last,
                average: format!("{:.0}", x.average),
                trend: x.trend.arrow(),
            })
            .collect();
        let recordings = store.mock_recordings()?;
        let mut answer_lines = Vec::new();
        for a in store.mock_answers()?.into_iter().rev().take(ANSWERS_LISTED) {
            let rec = recordings
                .iter()
                .find(|r| r.session_id == a.session_id && r.ordinal == a.ordinal);
            let planned = !store.mock_plan(&a.session_id)?.is_empty();
            let none = || p.t.get("web-history-no-recording");
            answer_lines.push(AnswerLine {
                when: a.at.get(..16).unwrap_or(&a.at).replace('T', " "),
                question: a.question,
                href: planned.then(|| format!("/mock/{}/debrief", a.session_id)),
                score: a.score,
                talk: rec.map_or_else(none, |r| {
                    format!(
                        "{} / {}",
                        super::mock::mmss(u64::try_from(r.talk_ms / 1000).unwrap_or(0)),
                        super::mock::mmss(u64::try_from(r.total_ms / 1000).unwrap_or(0))
                    )
                }),
                pauses: rec.map_or_else(String::new, |r| {
                    format!(
                        "{} ({:.1} s)",
                        r.long_pauses,
                        r.longest_pause_ms as f64 / 1000.0
                    )
                }),
            });
        }
        let now = OffsetDateTime::now_utc();
        let log = deck::review_log(&store).map_err(any)?;
        let (per_day, retention) = reviews_per_day(&log, now, PAST_DAYS);
        let reviews_total = per_day.iter().map(|d| d.1).sum();
        let dues: Vec<i64> = store.all_dues()?.into_iter().map(|(_, d)| d).collect();
        let ahead = forecast(&dues, now, FORECAST_DAYS);
        let forecast_total = ahead.iter().map(|d| d.1).sum();
        let retention = match retention {
            Some(r) => p.t.fmt(
                "web-retention",
                &[("percent", Arg::from((r * 100.0).round()))],
            ),
            None => p.t.get("web-retention-none"),
        };
        html(&HistoryPage {
            readiness_svg: svg::line_chart(
                &p.t.get("web-history-readiness"),
                &readiness_points,
                100.0,
            ),
            readiness_summary,
            answers: h.answers,
            scores_svg: svg::line_chart(&p.t.get("web-history-scores"), &points, 100.0),
            progress,
            reviews_svg: svg::bar_chart(&p.t.get("web-history-reviews"), &per_day),
            reviews_total,
            retention,
            forecast_svg: svg::bar_chart(&p.t.get("web-history-forecast"), &ahead),
            forecast_total,
            answer_lines,
            p,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> OffsetDateTime {
        OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    #[test]
    fn reviews_are_counted_per_day_with_empty_days_and_retention() {
        let now = t("2026-03-10T12:00:00Z");
        let log = vec![
            ("a".to_string(), Rating::Good, t("2026-03-10T08:00:00Z")),
            ("b".to_string(), Rating::Again, t("2026-03-10T09:00:00Z")),
            ("c".to_string(), Rating::Easy, t("2026-03-08T09:00:00Z")),
            ("d".to_string(), Rating::Good, t("2025-01-01T09:00:00Z")),
        ];
        let (days, ret) = reviews_per_day(&log, now, 3);
        assert_eq!(
            days,
            vec![
                ("2026-03-08".to_string(), 1),
                ("2026-03-09".to_string(), 0),
                ("2026-03-10".to_string(), 2)
            ]
        );
        assert_eq!(ret, Some(2.0 / 3.0));
        assert_eq!(reviews_per_day(&[], now, 2).1, None);
    }

    #[test]
    fn the_forecast_counts_overdue_cards_today() {
        let now = t("2026-03-10T12:00:00Z");
        let dues = [
            t("2026-03-01T00:00:00Z").unix_timestamp(),
            t("2026-03-10T23:00:00Z").unix_timestamp(),
            t("2026-03-11T01:00:00Z").unix_timestamp(),
            t("2026-05-01T00:00:00Z").unix_timestamp(),
        ];
        let f = forecast(&dues, now, 2);
        assert_eq!(
            f,
            vec![("2026-03-10".to_string(), 2), ("2026-03-11".to_string(), 1)]
        );
    }
}
