use std::collections::HashMap;

use super::*;
use crate::mock::{MockOptions, Vote};
use crate::mock_store::answer_row;

const GOOD: &str = "Last year our export job kept failing. I owned the fix as the on-call engineer. I profiled it and rewrote it to stream rows. As a result it now takes 12 minutes instead of 3 hours.";
const WEAK: &str = "We talked about it a lot as a team.";

fn plan(round: Round, minutes: u32) -> MockPlan {
    let opts = MockOptions {
        round,
        principles: vec![],
        minutes,
        seed: 5,
    };
    mock::plan(&crate::builtin_cards(), &[], &opts, &HashMap::new())
}

fn row(plan: &MockPlan, ordinal: i64, text: &str) -> MockAnswerRow {
    let q = &plan.questions[(ordinal - 1) as usize];
    let info = question_info(&q.card, Lang::En);
    let a = analyse(&info, text, Lang::En);
    answer_row("s", ordinal, &info, text, &a, "2026-01-01T00:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_plan_kept_as_rows_comes_back_the_same() {
    let cards = crate::builtin_cards();
    for round in [Round::Full, Round::Behavioural, Round::Technical] {
        let p = plan(round, 28);
        assert!(!p.questions.is_empty());
        let rows = plan_rows(&p);
        assert_eq!(rows[0].ordinal, 1);
        let back = plan_from_rows(&cards, round, &rows).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, p);
        assert_eq!(parse_round(round_name(round)), Some(round));
    }
    assert_eq!(parse_round("web"), None);
    let mut rows = plan_rows(&plan(Round::Full, 14));
    rows[0].card_id = "gone-card".into();
    assert_eq!(
        plan_from_rows(&cards, Round::Full, &rows),
        Err("gone-card".to_string())
    );
}

#[test]
fn the_next_question_is_the_first_unanswered() {
    let p = plan(Round::Full, 28);
    let rows = plan_rows(&p);
    assert_eq!(next_ordinal(&rows, &[]), Some(1));
    let answers = vec![row(&p, 1, GOOD), row(&p, 3, GOOD)];
    assert_eq!(next_ordinal(&rows, &answers), Some(2));
    let all: Vec<MockAnswerRow> = rows.iter().map(|r| row(&p, r.ordinal, GOOD)).collect();
    assert_eq!(next_ordinal(&rows, &all), None);
}

#[test]
fn follow_ups_come_from_what_a_story_lacks_or_from_the_card() {
    let p = plan(Round::Behavioural, 14);
    let card = &p.questions[0].card;
    let info = question_info(card, Lang::En);
    assert!(!info.technical && info.key_points.is_empty());
    let weak = analyse(&info, WEAK, Lang::En);
    let f = follow_ups(card, &weak, Lang::En);
    assert!(!f.is_empty() && f.len() <= 2, "{f:?}");
    let line = feedback_line(&weak, false, &Messages::new(Lang::En));
    assert!(line.contains(&format!("{}/100", weak.score)), "{line}");
    // A technical card is scored on its key points and asks its own follow-up.
    let t = plan(Round::Technical, 7);
    let tc = &t.questions[0].card;
    let ti = question_info(tc, Lang::Ko);
    assert!(ti.technical && !ti.key_points.is_empty());
    let a = analyse(&ti, "모르겠습니다", Lang::Ko);
    let f = follow_ups(tc, &a, Lang::Ko);
    assert_eq!(f.first(), tc.follow_ups.get(Lang::Ko).first());
}

#[test]
fn the_debrief_reviews_every_answer_and_says_what_to_practise() {
    let p = plan(Round::Full, 28);
    let cards = crate::builtin_cards();
    let n = p.questions.len() as i64;
    // The second question answered weakly, the others well; the last one not at all.
    let answers: Vec<MockAnswerRow> = (1..n)
        .map(|o| row(&p, o, if o == 2 { WEAK } else { GOOD }))
        .collect();
    let speech = crate::speech::measure(
        &crate::speech::synth(16_000, &[(1000, 0.3), (2500, 0.0), (1000, 0.3)], 0.0),
        16_000,
    );
    let rec = MockRecordingRow {
        session_id: "s".into(),
        ordinal: 2,
        file: "s-2.wav".into(),
        total_ms: speech.total_ms as i64,
        talk_ms: speech.talk_ms as i64,
        longest_pause_ms: speech.longest_pause_ms as i64,
        long_pauses: speech.pauses.len() as i64,
        measured: serde_json::to_string(&speech).unwrap_or_default(),
        at: "2026-01-01T00:00:00Z".into(),
    };
    let d = session_debrief(&p, &answers, &[rec], &cards, Lang::En);
    assert_eq!(d.answers.len(), (n - 1) as usize);
    assert_eq!(d.unanswered, 1);
    let weak = &d.answers[1];
    assert_eq!(weak.ordinal, 2);
    assert!(weak.score < 50, "{weak:?}");
    assert!(!weak.findings.is_empty() && !weak.follow_ups.is_empty());
    assert_eq!(weak.speech.as_ref().map(|s| s.pauses.len()), Some(1));
    assert!(d.answers[0].speech.is_none());
    // The weak story is among the subjects to work on and gets a question the session did
    // not ask (the technical question, answered with a story, is weak too).
    assert!(
        d.debrief.work_on.contains(&weak.subject),
        "{:?}",
        d.debrief.work_on
    );
    assert_eq!(d.debrief.work_on_keys.len(), d.debrief.work_on.len());
    let next = d
        .practise_next
        .iter()
        .find(|x| x.subject == weak.subject)
        .unwrap_or_else(|| panic!("{:?}", d.practise_next));
    assert!(!p.questions.iter().any(|q| q.card_id == next.card_id));
    assert!(!next.question.is_empty());
    assert!(
        d.debrief
            .interviewers
            .iter()
            .any(|i| i.vote == Vote::NotInclined)
    );
    let avg = d.answers.iter().map(|a| f64::from(a.score)).sum::<f64>() / d.answers.len() as f64;
    assert_eq!(d.average, avg.round() as u32);
    // Nothing answered: an empty debrief, no hire.
    let empty = session_debrief(&p, &[], &[], &cards, Lang::Ko);
    assert_eq!((empty.answers.len(), empty.average), (0, 0));
    assert_eq!(empty.debrief.outcome, "no-hire");
    assert_eq!(empty.unanswered, p.questions.len());
}
