#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn new_mock(interviewer: Option<&str>, candidate: &str, principles: &[&str]) -> NewMock {
    NewMock {
        interviewer: interviewer.map(str::to_owned),
        candidate: candidate.into(),
        principles: principles.iter().map(|s| s.to_string()).collect(),
        scheduled_at: None,
    }
}

#[test]
fn a_mock_names_two_people_and_known_principles() {
    let m = new_mock(
        None,
        " Bob@Example.com ",
        &["Dive Deep", "ownership", "dive-deep"],
    )
    .validate("alice@example.com")
    .unwrap();
    assert_eq!(m.interviewer, "alice@example.com");
    assert_eq!(m.candidate, "bob@example.com");
    assert_eq!(m.principles, ["dive-deep", "ownership"]);
    let bad = |m: NewMock| m.validate("alice@example.com").unwrap_err().field;
    assert_eq!(
        bad(new_mock(None, "alice@example.com", &["ownership"])),
        "candidate"
    );
    assert_eq!(bad(new_mock(None, "bob@example.com", &[])), "principles");
    assert_eq!(
        bad(new_mock(None, "bob@example.com", &["synergy"])),
        "principles"
    );
    assert_eq!(
        bad(new_mock(Some("nobody"), "bob@example.com", &["ownership"])),
        "interviewer"
    );
    let mut late = new_mock(None, "bob@example.com", &["ownership"]);
    late.scheduled_at = Some("next tuesday".into());
    assert_eq!(bad(late), "scheduled_at");
    let mut ok = new_mock(None, "bob@example.com", &["ownership"]);
    ok.scheduled_at = Some("2026-03-10T19:00:00+09:00".into());
    assert_eq!(
        ok.validate("alice@example.com").unwrap().scheduled_at,
        Some(1_773_136_800)
    );
}

fn own_card(id: &str, principle: &str) -> Card {
    let mut c = loopcoach_practice::builtin_cards()
        .into_iter()
        .find(|c| c.principle.as_deref() == Some(principle))
        .unwrap();
    c.id = id.into();
    c.question.en = format!("Group question {id}");
    c
}

#[test]
fn questions_come_one_a_principle_from_the_group_banks_first() {
    let principles = vec!["ownership".to_string(), "dive-deep".to_string()];
    let group = vec![own_card("ownership-01", "ownership")];
    let qs = choose_questions(&group, &principles, 7);
    assert_eq!(qs.len(), 2, "{qs:?}");
    let own = qs.iter().find(|q| q.principle == "ownership").unwrap();
    assert_eq!(own.card.question.en, "Group question ownership-01");
    let dd = qs.iter().find(|q| q.principle == "dive-deep").unwrap();
    assert!(
        dd.card.id.starts_with("dive-deep-"),
        "a built-in card: {}",
        dd.card.id
    );
    // The same seed picks the same questions.
    assert_eq!(choose_questions(&group, &principles, 7), qs);
}

fn story(principles: &[&str], result: &str) -> StoryBody {
    StoryBody {
        title: "Timeouts".into(),
        situation: "The payment API timed out every night.".into(),
        task: "We had to find out why.".into(),
        action: "We looked at the logs together.".into(),
        result: result.into(),
        principles: principles.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn the_sheet_shows_the_candidates_stories_follow_ups_and_the_rubric() {
    let principles = vec!["dive-deep".to_string(), "ownership".to_string()];
    let qs = choose_questions(&[], &principles, 1);
    let shares = vec![
        (11, story(&["dive-deep"], "")),
        (12, story(&["invent-and-simplify"], "It worked.")),
    ];
    let items = sheet(&qs, &shares);
    assert_eq!(items.len(), 2);
    let dd = items.iter().find(|i| i.principle == "dive-deep").unwrap();
    assert_eq!(dd.stories.len(), 1);
    assert_eq!(dd.stories[0].share, 11);
    // The card's follow-ups, then core's: the story has no result.
    let card = &qs.iter().find(|q| q.principle == "dive-deep").unwrap().card;
    assert_eq!(dd.follow_ups[0].en, card.follow_ups.en[0]);
    assert!(
        dd.follow_ups
            .iter()
            .any(|f| f.en == "What happened in the end?"),
        "{:?}",
        dd.follow_ups
    );
    assert_eq!(dd.rubric.levels.len(), 4);
    assert!(
        dd.rubric
            .levels
            .iter()
            .all(|l| !l.en.is_empty() && !l.ko.is_empty() && l.en != l.ko)
    );
    assert_eq!(
        dd.rubric.bar,
        Framework::shared().get("dive-deep").unwrap().summary
    );
    assert_eq!(dd.rubric.signals, card.key_points);
    // No shared story for ownership: nothing is made up.
    let own = items.iter().find(|i| i.principle == "ownership").unwrap();
    assert!(own.stories.is_empty());
    let own_card = &qs.iter().find(|q| q.principle == "ownership").unwrap().card;
    let card_only: Vec<&str> = own.follow_ups.iter().map(|f| f.en.as_str()).collect();
    assert_eq!(
        card_only, own_card.follow_ups.en,
        "only the card's follow-ups"
    );
}

fn assessment(vote: &str, parts: &[(&str, Option<i64>, &str)]) -> NewAssessment {
    NewAssessment {
        vote: vote.into(),
        summary: " Solid. ".into(),
        assessments: parts
            .iter()
            .map(|(p, s, t)| NewPrincipleAssessment {
                principle: p.to_string(),
                score: *s,
                text: t.to_string(),
            })
            .collect(),
    }
}

#[test]
fn an_assessment_covers_each_probed_principle_once_with_a_vote() {
    let probed = vec!["ownership".to_string(), "dive-deep".to_string()];
    let ok = assessment(
        "not_inclined",
        &[
            ("Dive Deep", Some(2), "Stayed on the surface."),
            ("ownership", None, "Owned it."),
        ],
    )
    .validate(&probed)
    .unwrap();
    assert_eq!(ok.vote, Vote::NotInclined);
    assert_eq!(ok.summary, "Solid.");
    let keys: Vec<&str> = ok
        .assessments
        .iter()
        .map(|a| a.principle.as_str())
        .collect();
    assert_eq!(keys, ["ownership", "dive-deep"], "in the mock's order");
    assert_eq!(ok.assessments[1].score, Some(2));
    let field = |a: NewAssessment| a.validate(&probed).unwrap_err().field;
    let both = [("ownership", None, "a"), ("dive-deep", None, "b")];
    assert_eq!(field(assessment("maybe", &both)), "vote");
    assert_eq!(field(assessment("inclined", &both[..1])), "assessments");
    assert_eq!(
        field(assessment(
            "inclined",
            &[both[0], both[1], ("ownership", None, "again")]
        )),
        "assessments"
    );
    assert_eq!(
        field(assessment(
            "inclined",
            &[both[0], both[1], ("think-big", None, "x")]
        )),
        "assessments"
    );
    assert_eq!(
        field(assessment(
            "inclined",
            &[both[0], ("dive-deep", Some(5), "x")]
        )),
        "assessments.score"
    );
    assert_eq!(
        field(assessment(
            "inclined",
            &[both[0], ("dive-deep", None, "  ")]
        )),
        "assessments.text"
    );
}
