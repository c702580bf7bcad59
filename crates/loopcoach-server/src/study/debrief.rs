//! What a mock leaves behind: the mock as its members see it, and a candidate's debrief, every
//! interviewer's write-up side by side, principle by principle, as a loop's debrief is read.

use loopcoach_core::{Framework, Text};
use loopcoach_practice::mock::Vote;
use serde::Serialize;

use super::mocks::PrincipleAssessment;

/// A mock as the members of its group see it (the interviewer's sheet is separate).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MockView {
    pub id: i64,
    pub group: i64,
    pub interviewer: String,
    pub candidate: String,
    pub principles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<String>,
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    pub summary: String,
    pub assessments: Vec<PrincipleAssessment>,
}

/// The interviewer's sheet of a mock: the mock, and every question with what goes beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    pub mock: MockView,
    pub items: Vec<super::mocks::SheetItem>,
}

/// Where a mock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockHead {
    pub id: i64,
    pub group: i64,
    pub interviewer: i64,
    pub candidate: i64,
}

/// One principle across the interviewers: each one's assessment (none when they did not
/// probe it), in the order of [`Debrief::interviewers`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DebriefRow {
    pub principle: String,
    pub name: Text,
    pub cells: Vec<Option<PrincipleAssessment>>,
    /// The mean of the scores given, one decimal (none when nobody scored it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
}

/// A candidate's debrief: every submitted mock, oldest first, and the principles as rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    pub candidate: String,
    pub interviewers: Vec<MockView>,
    pub rows: Vec<DebriefRow>,
    pub inclined: usize,
    pub not_inclined: usize,
}

/// The debrief of `candidate` from their mocks (unsubmitted ones are left out).
pub fn debrief(candidate: &str, mocks: Vec<MockView>) -> Debrief {
    let mut interviewers: Vec<MockView> = mocks
        .into_iter()
        .filter(|m| m.submitted_at.is_some() && m.vote.is_some())
        .collect();
    interviewers.sort_by(|a, b| (&a.submitted_at, a.id).cmp(&(&b.submitted_at, b.id)));
    let fw = Framework::shared();
    let probed = |key: &str| {
        interviewers
            .iter()
            .any(|m| m.principles.iter().any(|p| p == key))
    };
    let rows = fw
        .principles
        .iter()
        .filter(|p| probed(&p.key))
        .map(|p| {
            let cells: Vec<Option<PrincipleAssessment>> = interviewers
                .iter()
                .map(|m| m.assessments.iter().find(|a| a.principle == p.key).cloned())
                .collect();
            let scores: Vec<f64> = cells
                .iter()
                .flatten()
                .filter_map(|a| a.score.map(f64::from))
                .collect();
            let mean = (!scores.is_empty())
                .then(|| (scores.iter().sum::<f64>() / scores.len() as f64 * 10.0).round() / 10.0);
            DebriefRow {
                principle: p.key.clone(),
                name: p.name.clone(),
                cells,
                mean,
            }
        })
        .collect();
    let inclined = interviewers
        .iter()
        .filter(|m| m.vote == Some(Vote::Inclined))
        .count();
    Debrief {
        candidate: candidate.to_owned(),
        not_inclined: interviewers.len() - inclined,
        inclined,
        interviewers,
        rows,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn mock(
        id: i64,
        who: &str,
        principles: &[&str],
        vote: Option<Vote>,
        scores: &[i16],
    ) -> MockView {
        MockView {
            id,
            group: 1,
            interviewer: who.into(),
            candidate: "cand@example.com".into(),
            principles: principles.iter().map(|s| s.to_string()).collect(),
            scheduled_at: None,
            created_at: "2026-03-01T00:00:00Z".into(),
            submitted_at: vote.map(|_| format!("2026-03-0{id}T00:00:00Z")),
            vote,
            summary: String::new(),
            assessments: principles
                .iter()
                .zip(scores)
                .map(|(p, s)| PrincipleAssessment {
                    principle: p.to_string(),
                    score: Some(*s),
                    text: format!("{who} on {p}"),
                })
                .collect(),
        }
    }

    #[test]
    fn the_debrief_lines_up_every_write_up_by_principle() {
        let d = debrief(
            "cand@example.com",
            vec![
                mock(3, "c@x", &["dive-deep"], Some(Vote::NotInclined), &[2]),
                mock(
                    1,
                    "a@x",
                    &["ownership", "dive-deep"],
                    Some(Vote::Inclined),
                    &[4, 3],
                ),
                mock(2, "b@x", &["ownership"], None, &[]),
            ],
        );
        // The unsubmitted mock is not in it; the others oldest first.
        let who: Vec<&str> = d
            .interviewers
            .iter()
            .map(|m| m.interviewer.as_str())
            .collect();
        assert_eq!(who, ["a@x", "c@x"]);
        assert_eq!((d.inclined, d.not_inclined), (1, 1));
        // Rows in the framework's order (ownership before dive-deep), a cell per interviewer.
        let keys: Vec<&str> = d.rows.iter().map(|r| r.principle.as_str()).collect();
        assert_eq!(keys, ["ownership", "dive-deep"]);
        assert_eq!(
            d.rows[0].cells[0].as_ref().unwrap().text,
            "a@x on ownership"
        );
        assert!(d.rows[0].cells[1].is_none());
        assert_eq!(d.rows[1].mean, Some(2.5));
        assert_eq!(d.rows[0].name.ko, "주인의식");
        let empty = debrief("x", vec![]);
        assert!(empty.rows.is_empty() && empty.interviewers.is_empty());
    }
}
