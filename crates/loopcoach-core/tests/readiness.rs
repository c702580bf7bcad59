//! The readiness report on the real seed notes: the known gaps are named, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loopcoach_core::readiness::{self, FindingKind, Report};
use loopcoach_core::{Document, Framework, Lang, StarPart};

/// The seed notes beside the repository, read at run time: the tests that use them are
/// `#[ignore = "needs ../shared"]`, and `.ci/run` runs them.
fn seed() -> Vec<Document> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/aws-cse-interview-notes.md"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e} (the seed notes are beside the repo in ../shared)")
    });
    vec![loopcoach_notes::parse_text("aws-cse-interview-notes.md", &text).unwrap()]
}

/// The example notes in the repository.
fn example() -> Vec<Document> {
    let text = include_str!("../../../examples/interview-notes.md");
    vec![loopcoach_notes::parse_text("interview-notes.md", text).unwrap()]
}

fn story_id(ws: &[Document], pred: impl Fn(&loopcoach_core::Story) -> bool) -> String {
    ws[0]
        .stories
        .iter()
        .find(|s| pred(s))
        .unwrap()
        .id
        .to_string()
}

fn has(r: &Report, kind: FindingKind, target: &str, part: Option<StarPart>) -> bool {
    r.findings
        .iter()
        .any(|f| f.kind == kind && f.target == target && (part.is_none() || f.part == part))
}

#[test]
#[ignore = "needs ../shared"]
fn seed_report_names_the_known_gaps() {
    let ws = seed();
    let f = Framework::amazon();
    let r = readiness::report(&ws, &f, Lang::En);
    for k in [
        "think-big",
        "bias-for-action",
        "earn-trust",
        "hire-and-develop-the-best",
        "have-backbone",
    ] {
        assert!(
            has(&r, FindingKind::UncoveredPrinciple, k, None),
            "{k} not uncovered"
        );
    }
    for k in ["customer-obsession", "ownership"] {
        assert!(
            !has(&r, FindingKind::UncoveredPrinciple, k, None),
            "{k} is covered"
        );
    }
    let mydata = story_id(&ws, |s| s.title.contains("마이데이터"));
    assert!(has(
        &r,
        FindingKind::MissingPart,
        &mydata,
        Some(StarPart::Action)
    ));
    assert!(has(
        &r,
        FindingKind::MissingPart,
        &mydata,
        Some(StarPart::Result)
    ));
    assert!(has(
        &r,
        FindingKind::UnfinishedPart,
        &mydata,
        Some(StarPart::Task)
    ));
    let own = story_id(&ws, |s| s.title == "Ownership");
    assert!(has(
        &r,
        FindingKind::UnfinishedPart,
        &own,
        Some(StarPart::Result)
    ));
    assert!(
        !has(&r, FindingKind::NoMetric, &own, None),
        "an unfinished Result is not also no-metric"
    );
    let gst = story_id(&ws, |s| s.title.contains("GST"));
    let co = story_id(&ws, |s| s.title == "Customer Obsession");
    assert!(has(&r, FindingKind::NoMetric, &gst, Some(StarPart::Result)));
    assert!(has(&r, FindingKind::NoMetric, &co, Some(StarPart::Result)));
    for n in [4, 5, 6, 7, 8] {
        let q = ws[0]
            .questions
            .iter()
            .find(|q| q.number == Some(n))
            .unwrap();
        assert!(
            has(&r, FindingKind::BlankQuestion, &q.id, None),
            "question {n} not blank"
        );
    }
    for n in [1, 2, 3, 9, 10] {
        let q = ws[0]
            .questions
            .iter()
            .find(|q| q.number == Some(n))
            .unwrap();
        assert!(
            !has(&r, FindingKind::BlankQuestion, &q.id, None),
            "question {n} is not blank"
        );
    }
    let over: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::OverReliance)
        .collect();
    assert!(
        over.iter().any(|f| f
            .project
            .as_deref()
            .is_some_and(|p| p.contains("마이데이터"))),
        "{over:?}"
    );
    assert!(
        !over
            .iter()
            .any(|f| f.project.as_deref().is_some_and(|p| p.contains("GST")))
    );
    // Drafts: the Dive Deep notes and question 9's draft.
    assert!(has(&r, FindingKind::UnlabelledDraft, "dive-deep", None));
    let q9 = ws[0]
        .questions
        .iter()
        .find(|q| q.number == Some(9))
        .unwrap();
    assert!(has(&r, FindingKind::UnlabelledDraft, &q9.id, None));
    let q1 = ws[0]
        .questions
        .iter()
        .find(|q| q.number == Some(1))
        .unwrap();
    assert!(!has(&r, FindingKind::UnlabelledDraft, &q1.id, None));
    assert!(r.overall <= 100);
    assert_eq!(r.principles.len(), 16);
    assert_eq!(r.next_actions.len(), 5);
    for w in r.next_actions.windows(2) {
        assert!(w[0].gain >= w[1].gain);
    }
    // Every message is a sentence, not a missing id.
    for f in &r.findings {
        assert!(
            !f.message.starts_with("readiness-") && !f.fix.starts_with("readiness-"),
            "{f:?}"
        );
    }
}

#[test]
fn korean_report_speaks_korean() {
    let ws = example();
    let r = readiness::report(&ws, &Framework::amazon(), Lang::Ko);
    let u = r
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::UncoveredPrinciple)
        .unwrap();
    assert!(u.message.contains("스토리가 없습니다"), "{}", u.message);
}

#[test]
fn fast_gains_match_full_recomputation() {
    fast_gains_match_full_recomputation_on(&example());
}

#[test]
#[ignore = "needs ../shared"]
fn fast_gains_match_full_recomputation_on_the_seed() {
    fast_gains_match_full_recomputation_on(&seed());
}

fn fast_gains_match_full_recomputation_on(ws: &[Document]) {
    let f = Framework::amazon();
    let a = readiness::analyse(ws, &f);
    assert!(!a.issues.is_empty());
    let r = readiness::rules::rules();
    for i in &a.issues {
        let fix = a.scorer.fix_for(i, r);
        let fast = a.scorer.overall_with(fix);
        let slow = a.scorer.overall_with_naive(fix);
        assert!((fast - slow).abs() < 1e-9, "{:?} {fast} {slow}", i.kind);
    }
}

fn plan_seed(ws: &[Document]) -> loopcoach_core::plan::Plan {
    loopcoach_core::plan::plan(ws, &Framework::amazon(), 5, 2, false, &[]).unwrap()
}

#[test]
#[ignore = "needs ../shared"]
fn seed_plan_has_ten_slots_and_never_reuses_a_story() {
    let ws = seed();
    let p = plan_seed(&ws);
    assert_eq!(p.slots.len(), 10);
    let used: Vec<_> = p.slots.iter().filter_map(|s| s.story.clone()).collect();
    let mut d = used.clone();
    d.sort();
    d.dedup();
    assert_eq!(d.len(), used.len());
    assert!(!used.is_empty());
    let principles: Vec<_> = p.slots.iter().map(|s| s.principle.clone()).collect();
    let mut dp = principles.clone();
    dp.sort();
    dp.dedup();
    assert_eq!(dp.len(), 10, "distinct principles across the loop");
    // Complete stories with a metric are preferred: the CO story takes Customer Obsession.
    let co = p
        .slots
        .iter()
        .find(|s| s.principle == "customer-obsession")
        .unwrap();
    // Titled by its own first words, not after the principle it stands under (issue 20).
    let story = ws[0]
        .stories
        .iter()
        .find(|s| Some(s.id.as_str()) == co.story.as_deref())
        .unwrap();
    let title = co.story_title.as_deref().unwrap();
    assert_ne!(title, "Customer Obsession");
    assert!(
        story.part(StarPart::Situation).starts_with(title),
        "{title}"
    );
    // Required principles come first, and the Bar Raiser gets hard ones.
    let p = loopcoach_core::plan::plan(
        &ws,
        &Framework::amazon(),
        4,
        2,
        true,
        &["dive-deep".to_string()],
    )
    .unwrap();
    assert_eq!(p.slots[0].principle, "dive-deep");
    assert!(
        p.slots
            .iter()
            .filter(|s| s.bar_raiser)
            .any(|s| s.principle == "earn-trust")
    );
}

#[test]
#[ignore = "needs ../shared"]
fn snapshots_of_the_seed_report_plan_and_sheet() {
    let ws = seed();
    let f = Framework::amazon();
    for lang in [Lang::En, Lang::Ko] {
        let r = readiness::report(&ws, &f, lang);
        let l = lang.code();
        insta::assert_json_snapshot!(format!("report-json-{l}"), r);
        insta::assert_snapshot!(format!("report-table-{l}"), readiness::render_table(&r));
        insta::assert_snapshot!(format!("report-md-{l}"), readiness::render_markdown(&r));
        insta::assert_snapshot!(format!("report-html-{l}"), readiness::render_html(&r));
        let p = plan_seed(&ws);
        insta::assert_snapshot!(
            format!("plan-table-{l}"),
            loopcoach_core::sheet::render_plan_table(&p, &f, lang)
        );
        let s = loopcoach_core::sheet::sheet(&ws, &p, &f, lang);
        insta::assert_snapshot!(
            format!("sheet-md-{l}"),
            loopcoach_core::sheet::render_sheet_markdown(&s)
        );
        insta::assert_snapshot!(
            format!("sheet-html-{l}"),
            loopcoach_core::sheet::render_sheet_html(&s)
        );
    }
    insta::assert_json_snapshot!("plan-json", plan_seed(&ws));
}

#[test]
fn hostile_html_in_notes_is_escaped() {
    let text = "**LP**\n\n1. Customer Obsession\n\n   S: <script>alert(1)</script> 고객의 결제가 실패하는 상황\n   T: 원인을 찾아 \"고치는\" 일 & more\n   A: 제가 <img src=x onerror=alert(1)> 로그를 분석했습니다.\n   R: 실패율을 30% 줄였습니다.\n";
    let ws = vec![loopcoach_notes::parse_text("evil.md", text).unwrap()];
    let f = Framework::amazon();
    let r = readiness::report(&ws, &f, Lang::En);
    let html = readiness::render_html(&r);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"));
    assert!(html.contains("<svg"));
    let p =
        loopcoach_core::plan::plan(&ws, &f, 1, 1, false, &["customer-obsession".into()]).unwrap();
    let sh = loopcoach_core::sheet::render_sheet_html(&loopcoach_core::sheet::sheet(
        &ws,
        &p,
        &f,
        Lang::En,
    ));
    assert!(!sh.contains("<script") && !sh.contains("<img"), "{sh}");
    assert!(sh.contains("&lt;script&gt;") || sh.contains("&lt;img"));
}

/// The snapshot kept after every change agrees with the full report it stands for.
#[test]
fn a_snapshot_holds_the_reports_numbers() {
    let f = Framework::amazon();
    let ws = example();
    let r = readiness::report(&ws, &f, Lang::Ko);
    let s = readiness::snapshot(&ws, &f);
    assert_eq!(s.overall, r.overall);
    assert_eq!(s.components, r.components);
    assert_eq!(s.covered, r.principles.iter().filter(|p| p.covered).count());
    assert_eq!(s.principles, f.principles.len());
    assert_eq!(s.stories, r.stories.len());
    assert_eq!(s.findings, r.findings.len());
    assert!(s.covered > 0 && s.covered < s.principles);
    // An empty workspace: nothing covered, nothing found but the uncovered principles.
    let empty = readiness::snapshot(&[], &f);
    assert_eq!(empty.covered, 0);
    assert_eq!(empty.stories, 0);
    assert_eq!(empty.findings, f.principles.len());
    assert!(empty.overall < s.overall);
}
