//! The cohort dashboard (owners and coaches): for each member, readiness and coverage computed
//! by core's readiness report over the stories the member shared in the group, and nothing
//! else; their practice streak from the drill reviews on the server; their weakest principles.
//! The heatmap (principles × members) is drawn by the web UI's SVG heatmap.

use std::sync::Arc;

use loopcoach_core::readiness;
use loopcoach_core::{
    Document, Framework, Lang, LinkKind, PartSpan, PrincipleLink, Source, Span, StarPart,
    StarStyle, Story, StoryParent, Text,
};
use serde::Serialize;
use time::Date;

use crate::model::{Role, StoryBody};

/// How many weakest principles a member's row names.
pub const WEAKEST: usize = 3;

/// What the storage knows of one member for the dashboard: only what they shared in the group
/// and the days they drilled its banks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortMember {
    pub email: String,
    pub role: Role,
    pub shares: Vec<StoryBody>,
    /// Days (UTC) with a drill review of the group's banks.
    pub review_days: Vec<Date>,
    pub reviews: i64,
}

/// A principle, as a heatmap row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleHead {
    pub key: String,
    pub name: Text,
}

/// One cell of a member's coverage: the principle's readiness score, and whether a shared
/// story covers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleScore {
    pub principle: String,
    pub score: u32,
    pub covered: bool,
}

/// One member's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRow {
    pub email: String,
    pub role: Role,
    pub shares: usize,
    /// Core's overall readiness (0–100) over the shared stories; none when nothing is shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<u32>,
    pub covered: usize,
    /// One a principle, in the order of [`Dashboard::principles`].
    pub coverage: Vec<PrincipleScore>,
    pub streak: u32,
    pub reviews: i64,
    /// The lowest-scoring principles (the more often asked first among equals).
    pub weakest: Vec<String>,
}

/// The cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dashboard {
    pub principles: Vec<PrincipleHead>,
    pub members: Vec<MemberRow>,
}

/// A shared story as core's model holds a story from notes: its parts, and explicit links to
/// the principles it was shared under.
pub fn story_of(id: usize, s: &StoryBody) -> Story {
    let source = Source {
        path: Arc::from("shared"),
        line: 1,
        column: 1,
    };
    let part = |p: StarPart, text: &str| {
        (!text.trim().is_empty()).then(|| PartSpan {
            part: p,
            text: text.into(),
            span: Span::default(),
            value: Span::default(),
            continuation_indent: Default::default(),
            line: 1,
        })
    };
    Story {
        id: format!("share-{id}").into(),
        title: s.title.as_str().into(),
        parent: StoryParent::Document,
        parts: [
            part(StarPart::Situation, &s.situation),
            part(StarPart::Task, &s.task),
            part(StarPart::Action, &s.action),
            part(StarPart::Result, &s.result),
        ],
        notes: String::new(),
        style: StarStyle::Lines {
            indent: Default::default(),
            long: false,
        },
        links: s
            .principles
            .iter()
            .map(|p| PrincipleLink {
                principle: p.as_str().into(),
                kind: LinkKind::Explicit,
                confidence: 1.0,
            })
            .collect(),
        tags: Vec::new(),
        span: Span::default(),
        source,
    }
}

/// The shared stories of one member as a workspace of one document.
pub fn workspace_of(shares: &[StoryBody]) -> Vec<Document> {
    vec![Document {
        id: "shared".into(),
        path: "shared".into(),
        hash: String::new(),
        front_matter: None,
        sections: Vec::new(),
        rounds: Vec::new(),
        questions: Vec::new(),
        stories: shares
            .iter()
            .enumerate()
            .map(|(i, s)| story_of(i, s))
            .collect(),
        principles: Vec::new(),
        warnings: Vec::new(),
    }]
}

/// One member's row.
pub fn member_row(m: &CohortMember, today: Date) -> MemberRow {
    let fw = Framework::shared();
    let report = readiness::report(&workspace_of(&m.shares), fw, Lang::En);
    let coverage: Vec<PrincipleScore> = fw
        .principles
        .iter()
        .map(|p| {
            let r = report.principles.iter().find(|r| r.id == p.key);
            PrincipleScore {
                principle: p.key.clone(),
                score: r.map_or(0, |r| r.score),
                covered: r.is_some_and(|r| r.covered),
            }
        })
        .collect();
    let weakest = if m.shares.is_empty() {
        Vec::new()
    } else {
        let weight = |k: &str| {
            report
                .principles
                .iter()
                .find(|r| r.id == k)
                .map_or(0.0, |r| r.weight)
        };
        let mut order: Vec<&PrincipleScore> = coverage.iter().collect();
        order.sort_by(|a, b| {
            a.score
                .cmp(&b.score)
                .then(weight(&b.principle).total_cmp(&weight(&a.principle)))
        });
        order
            .into_iter()
            .take(WEAKEST)
            .map(|p| p.principle.clone())
            .collect()
    };
    MemberRow {
        email: m.email.clone(),
        role: m.role,
        shares: m.shares.len(),
        readiness: (!m.shares.is_empty()).then_some(report.overall),
        covered: coverage.iter().filter(|c| c.covered).count(),
        coverage,
        streak: super::drill::streak(&m.review_days, today),
        reviews: m.reviews,
        weakest,
    }
}

/// The dashboard of a cohort.
pub fn dashboard(members: &[CohortMember], today: Date) -> Dashboard {
    Dashboard {
        principles: Framework::shared()
            .principles
            .iter()
            .map(|p| PrincipleHead {
                key: p.key.clone(),
                name: p.name.clone(),
            })
            .collect(),
        members: members.iter().map(|m| member_row(m, today)).collect(),
    }
}

/// The coverage heatmap: principles × members, a cell the principle's score where a shared
/// story covers it (none where nothing does). A row links to the principle's anchor on the
/// page (`#dive-deep`), a column to the member's debrief (`debrief_href`).
pub fn heatmap(
    d: &Dashboard,
    lang: Lang,
    label: &str,
    debrief_href: impl Fn(&str) -> String,
) -> String {
    let rows: Vec<(String, String)> = d
        .principles
        .iter()
        .map(|p| (p.name.get(lang).to_owned(), format!("#{}", p.key)))
        .collect();
    let cols: Vec<(String, String)> = d
        .members
        .iter()
        .map(|m| (m.email.clone(), debrief_href(&m.email)))
        .collect();
    loopcoach_web::svg::heatmap(label, &rows, &cols, |r, c| {
        let cell = d.members.get(c)?.coverage.get(r)?;
        cell.covered.then_some(f64::from(cell.score) / 100.0)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use time::macros::date;

    fn member(email: &str, shares: Vec<StoryBody>) -> CohortMember {
        CohortMember {
            email: email.into(),
            role: Role::Member,
            shares,
            review_days: vec![date!(2026 - 03 - 10), date!(2026 - 03 - 09)],
            reviews: 5,
        }
    }

    fn story(principles: &[&str]) -> StoryBody {
        StoryBody {
            title: "결제 API 타임아웃".into(),
            situation: "Every night the payment API timed out for 3% of requests.".into(),
            task: "I owned finding the cause as the on-call engineer.".into(),
            action: "I read the slow query log, found a missing index and added it.".into(),
            result: "Timeouts went to zero and p99 fell from 2.1 s to 180 ms.".into(),
            principles: principles.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn readiness_and_coverage_come_from_core_over_the_shared_stories_only() {
        let today = date!(2026 - 03 - 10);
        let shares = vec![story(&["dive-deep", "ownership"])];
        let row = member_row(&member("a@x", shares.clone()), today);
        // The same numbers as core's report over the same stories.
        let report = readiness::report(&workspace_of(&shares), Framework::shared(), Lang::En);
        assert_eq!(row.readiness, Some(report.overall));
        assert_eq!(row.covered, 2);
        let dd = row
            .coverage
            .iter()
            .find(|c| c.principle == "dive-deep")
            .unwrap();
        let core_dd = report
            .principles
            .iter()
            .find(|p| p.id == "dive-deep")
            .unwrap();
        assert_eq!((dd.score, dd.covered), (core_dd.score, true));
        assert!(dd.score > 0);
        assert_eq!(row.coverage.len(), Framework::shared().principles.len());
        // Weakest: uncovered principles (score 0), never the covered ones.
        assert_eq!(row.weakest.len(), WEAKEST);
        assert!(
            row.weakest
                .iter()
                .all(|w| w != "dive-deep" && w != "ownership")
        );
        assert_eq!((row.streak, row.reviews), (2, 5));
    }

    #[test]
    fn a_member_who_shared_nothing_shows_no_readiness_and_no_coverage() {
        let row = member_row(&member("b@x", vec![]), date!(2026 - 03 - 10));
        assert_eq!(row.readiness, None);
        assert_eq!(row.covered, 0);
        assert!(row.weakest.is_empty());
        assert!(row.coverage.iter().all(|c| !c.covered));
    }

    #[test]
    fn the_heatmap_has_a_column_per_member_and_escapes_names() {
        let d = dashboard(
            &[
                member("a@x", vec![story(&["dive-deep"])]),
                member("<b>@x", vec![]),
            ],
            date!(2026 - 03 - 10),
        );
        let svg = heatmap(&d, Lang::Ko, "커버리지", |e| {
            format!("/debrief?candidate={e}")
        });
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(
            svg.contains("깊이 파고들기") || svg.contains("파고"),
            "Korean row names"
        );
        assert!(svg.contains("&lt;b&gt;@x") && !svg.contains("<b>@x"));
        // One covered cell has a title with its score; uncovered cells have none.
        assert_eq!(svg.matches("%</title>").count(), 1, "{svg}");
    }
}
