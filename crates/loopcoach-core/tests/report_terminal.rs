//! The report as a candidate sees it in a terminal (issue 20): fitted to 80 and 120 columns,
//! nothing cut, `path:line` for each finding, grouped by story, actions that name the draft.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loopcoach_core::readiness::{self, FindingKind, render_terminal};
use loopcoach_core::text::width;
use loopcoach_core::{Document, Framework, Lang};

fn parse(name: &str, text: &str) -> Vec<Document> {
    vec![loopcoach_notes::parse_text(name, text).unwrap()]
}

fn example() -> Vec<Document> {
    parse(
        "interview-notes.md",
        include_str!("../../../examples/interview-notes.md"),
    )
}

/// Every word of `text` appears, in order, in `screen` (wrapping moves words, never drops or
/// cuts them).
fn words_in_order(text: &str, screen: &str) -> bool {
    let all: Vec<&str> = screen.split_whitespace().collect();
    let mut at = 0;
    for w in text.split_whitespace() {
        match all[at..].iter().position(|s| s.contains(w)) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

#[test]
fn the_report_fits_80_and_120_columns_and_cuts_no_finding() {
    let ws = example();
    let f = Framework::amazon();
    for lang in [Lang::En, Lang::Ko] {
        let r = readiness::report(&ws, &f, lang);
        assert!(!r.findings.is_empty());
        for cols in [80, 120] {
            let out = render_terminal(&r, cols);
            for l in out.lines() {
                assert!(width(l) <= cols, "{cols}: {l}");
            }
            for finding in &r.findings {
                if finding.kind == FindingKind::UncoveredPrinciple {
                    continue; // listed by name in one group
                }
                assert!(
                    words_in_order(&finding.message, &out),
                    "{}",
                    finding.message
                );
                let at = format!("interview-notes.md:{}", finding.line.unwrap());
                assert!(out.contains(&at), "{at} missing for {}", finding.message);
            }
            insta::assert_snapshot!(format!("report-terminal-{}-{cols}", lang.code()), out);
        }
    }
}

#[test]
fn a_principle_with_a_draft_gets_an_action_that_names_the_draft_and_its_line() {
    let text = "**LP**\n\n1. Dive Deep\n   Leaders stay close to the details.\n\n   배포 후 응답 지연이 두 배로 늘어난 상황이었습니다. 제가 직접 플레임 그래프를 분석해서 매 요청마다 잡히는 락을 찾았고 그 락을 제거했습니다. 결과적으로 지연 시간이 40% 줄었고 장애 문의도 사라졌습니다.\n\n2. Ownership\n\n   S: Our batch failed every night.\n   T: Make it reliable.\n   A: I added retries and an alert.\n   R: No failure in three months.\n";
    let ws = parse("notes.md", text);
    let r = readiness::report(&ws, &Framework::amazon(), Lang::En);
    let draft = r
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::UnlabelledDraft)
        .expect("the Dive Deep notes read as a draft");
    let action = r
        .next_actions
        .iter()
        .find(|a| a.kind == FindingKind::UncoveredPrinciple && a.target == "dive-deep")
        .expect("an action for Dive Deep");
    let place = format!("notes.md:{}", draft.line.unwrap());
    assert!(action.action.contains(&place), "{}", action.action);
    assert!(
        action.action.contains("Dive Deep draft"),
        "{}",
        action.action
    );
    assert_eq!(action.line, draft.line);
    assert_eq!(action.path.as_deref(), Some("notes.md"));
    let ko = readiness::report(&ws, &Framework::amazon(), Lang::Ko);
    let a = ko
        .next_actions
        .iter()
        .find(|a| a.target == "dive-deep")
        .unwrap();
    assert!(
        a.action.contains("깊이 파고들기 초안(notes.md:"),
        "{}",
        a.action
    );
}

#[test]
fn the_plan_prefers_probed_principles_and_drafts_and_turns_every_gap_into_an_action() {
    // Two stories (Ownership, Customer Obsession), a draft under Frugality, nothing else.
    let text = "**LP**\n\n1. Ownership\n\n   S: Our batch failed every night.\n   T: Make it reliable.\n   A: I added retries and an alert myself.\n   R: No failure in three months, 40% fewer pages.\n\n2. Customer Obsession\n\n   S: A customer could not log in before a launch.\n   T: Find why within the day.\n   A: I reproduced it and found the expired certificate.\n   R: They launched on time; 2,000 users logged in.\n\n3. Frugality\n   Leaders do more with less.\n\n   예산이 절반으로 줄어든 상황이었습니다. 제가 직접 사용하지 않는 인스턴스를 찾아 정리했고 예약 인스턴스로 바꿨습니다. 결과적으로 비용이 30% 줄었습니다.\n";
    let ws = parse("notes.md", text);
    let f = Framework::amazon();
    let p = loopcoach_core::plan::plan(&ws, &f, 4, 2, false, &[]).unwrap();
    let picked: Vec<&str> = p.slots.iter().map(|s| s.principle.as_str()).collect();
    // Rarely probed for the role and without material: left out of an 8-slot loop.
    for rare in ["earths-best-employer", "broad-responsibility", "think-big"] {
        assert!(!picked.contains(&rare), "{picked:?}");
    }
    // Often probed, or drafted: in.
    for want in ["customer-obsession", "ownership", "dive-deep", "frugality"] {
        assert!(picked.contains(&want), "{want} missing from {picked:?}");
    }
    let frugality = p
        .uncovered
        .iter()
        .find(|u| u.principle == "frugality")
        .expect("no story for Frugality yet");
    assert!(
        frugality
            .draft
            .as_deref()
            .is_some_and(|d| d.starts_with("notes.md:"))
    );
    for lang in [Lang::En, Lang::Ko] {
        let table = loopcoach_core::sheet::render_plan_table(&p, &f, lang);
        // one action line per slot with no story
        let actions = table.lines().filter(|l| l.starts_with("- ")).count();
        assert_eq!(actions, p.uncovered.len(), "{table}");
        let sheet = loopcoach_core::sheet::render_sheet_markdown(&loopcoach_core::sheet::sheet(
            &ws, &p, &f, lang,
        ));
        let summary = f.get("dive-deep").unwrap().summary.get(lang).to_string();
        assert!(
            sheet.contains(&summary),
            "the (no story) slot gives advice: {sheet}"
        );
    }
}

#[test]
fn the_sheet_fits_one_page_and_every_empty_slot_says_what_to_do() {
    // Two stories, a draft under Frugality, a ten-slot loop: most slots have no story.
    let text = "**LP**\n\n1. Ownership\n\n   S: Our batch failed every night.\n   T: Make it reliable.\n   A: I added retries and an alert myself.\n   R: No failure in three months, 40% fewer pages.\n\n2. Customer Obsession\n\n   S: A customer could not log in before a launch.\n   T: Find why within the day.\n   A: I reproduced it and found the expired certificate.\n   R: They launched on time.\n\n3. Frugality\n   Leaders do more with less.\n\n   예산이 절반으로 줄어든 상황이었습니다. 제가 직접 사용하지 않는 인스턴스를 찾아 정리했고 예약 인스턴스로 바꿨습니다. 결과적으로 비용이 30% 줄었습니다.\n";
    let ws = parse("notes.md", text);
    let f = Framework::amazon();
    let p = loopcoach_core::plan::plan(&ws, &f, 5, 2, false, &[]).unwrap();
    assert_eq!(p.slots.len(), 10);
    for lang in [Lang::En, Lang::Ko] {
        let s = loopcoach_core::sheet::sheet(&ws, &p, &f, lang);
        let md = loopcoach_core::sheet::render_sheet_markdown(&s);
        // One printed page: a title, five interviewers, at most five lines a story slot.
        assert!(
            md.lines().count() <= 50,
            "{} lines:\n{md}",
            md.lines().count()
        );
        // Nothing that says nothing: no "Backup: (none)", no empty slot without advice.
        let m = loopcoach_core::Messages::new(lang);
        assert!(!md.contains(&m.get("report-none")), "{md}");
        for e in &s.entries {
            if e.story.is_none() {
                let advice = e.advice.as_deref().expect("an empty slot gives advice");
                assert!(md.contains(advice));
                let summary = f.get(&e.principle).unwrap().summary.get(lang);
                assert!(advice.contains(summary), "{advice}");
            }
        }
        // The slot with a draft points at it, by place.
        let fr = s
            .entries
            .iter()
            .find(|e| e.principle == "frugality")
            .expect(&md);
        assert!(fr.story.is_none());
        assert_eq!(fr.draft.as_deref(), Some("notes.md:17"), "{md}");
        assert!(fr.advice.as_deref().unwrap().contains("notes.md:17"));
        // The Result line carries the number to mention, or says one is missing.
        let own = s
            .entries
            .iter()
            .find(|e| e.principle == "ownership")
            .unwrap();
        let r_line = md
            .lines()
            .skip_while(|l| !l.contains(&own.principle_name))
            .find(|l| l.starts_with("- **R**"))
            .unwrap();
        assert!(r_line.contains("40%"), "{r_line}");
        let co = s
            .entries
            .iter()
            .find(|e| e.principle == "customer-obsession")
            .unwrap();
        assert!(co.number.is_none());
        let r_line = md
            .lines()
            .skip_while(|l| !l.contains(&co.principle_name))
            .find(|l| l.starts_with("- **R**"))
            .unwrap();
        assert!(r_line.contains(&m.get("sheet-no-number")), "{r_line}");
    }
}
