use super::*;

const EN: &str = "In my last team our nightly export job kept failing and customers got their reports late. I owned the fix because I was the on-call engineer that month. I profiled the job, found it loaded the whole table into memory, and rewrote it to stream rows in batches of ten thousand. The job now finishes in 12 minutes instead of 3 hours and has not failed once in six months.";
const KO: &str = "작년에 저희 팀 결제 API가 매일 새벽마다 타임아웃이 나는 상황이었습니다. 제가 담당자로서 원인을 찾아야 했습니다. 저는 로드밸런서 로그와 DB 슬로우 쿼리 로그를 비교해서 리포팅 배치가 테이블을 잠그는 것을 찾아냈고, 배치를 읽기 전용 복제본으로 옮겼습니다.";

fn an(t: &str) -> Analysis {
    analyze(
        &AnswerInput {
            text: t,
            ..Default::default()
        },
        Lang::En,
    )
}

#[test]
fn a_complete_english_answer_has_every_part_and_a_metric() {
    let a = an(EN);
    assert_eq!(
        a.star,
        Star {
            situation: true,
            task: true,
            action: true,
            result: true
        },
        "{:#?}",
        a.sentences
    );
    assert!(a.metric);
    assert!(a.metrics.iter().any(|m| m == "12 minutes"));
    assert_eq!(a.language, Lang::En);
    assert!(!a.has(FindingKind::MissingPart));
}

#[test]
fn a_korean_answer_without_a_result_says_so() {
    let a = an(KO);
    assert!(
        a.star.situation && a.star.task && a.star.action,
        "{:#?}",
        a.sentences
    );
    assert!(!a.star.result, "{:#?}", a.sentences);
    assert!(!a.metric);
    let f = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::MissingPart && f.part == Some(StarPart::Result));
    assert!(f.is_some());
    if let Some(f) = f {
        assert!(f.text.ko.contains("결과"), "{}", f.text.ko);
        assert!(f.text.en.contains("Result"), "{}", f.text.en);
        assert_eq!(f.message, f.text.en);
    }
    assert_eq!(a.language, Lang::Ko);
}

#[test]
fn score_follows_the_documented_formula() {
    // Full STAR, metric, more "I" than "we": 100, minus 5 for a 75-second... no: the answer
    // is short (about 28 s), so the length penalty applies.
    let a = an(EN);
    assert!(a.has(FindingKind::TooShort));
    let expected = 100.0 - answer_rules().score.penalty_length;
    assert_eq!(a.score, expected as u32);
    // Korean: no result, no metric: 100 - 25 - 15 - 5 (short).
    let k = an(KO);
    assert_eq!(k.score, 55, "{:?}", k.findings);
}

#[test]
fn we_heavy_answers_and_fillers_are_found() {
    let t = "Um, so we had an outage. We, like, looked at the logs and we rolled back. Uh, we fixed the config and our team wrote a postmortem, you know, and we shipped it.";
    let a = an(t);
    assert!(a.has(FindingKind::WeHeavy), "{:?}", a.findings);
    assert!(a.i_share < 0.4);
    assert!(a.fillers >= 4, "{}", a.fillers);
    assert!(a.has(FindingKind::Fillers));
}

#[test]
fn a_transcript_gives_measured_time_pace_and_pauses() {
    let srt = "1\n00:00:00,000 --> 00:00:06,000\nIn my last team our export job kept failing.\n\n2\n00:00:10,000 --> 00:00:14,000\nI owned the fix.\n";
    let t = Transcript::parse(srt).unwrap();
    let text = t.text();
    let a = analyze(
        &AnswerInput {
            text: &text,
            transcript: Some(&t),
            ..Default::default()
        },
        Lang::Ko,
    );
    assert!(a.measured);
    assert_eq!(a.seconds, 14.0);
    assert_eq!(a.pace.as_ref().map(|p| p.unit), Some("words"));
    assert_eq!(
        a.pauses,
        vec![Pause {
            at: 6.0,
            seconds: 4.0
        }]
    );
    assert!(a.has(FindingKind::LongPause));
    // 12 words in 14 s is 51 words a minute: too slow.
    assert!(a.has(FindingKind::TooSlow));
    assert!(a.findings.iter().all(|f| f.message == f.text.ko));
}

#[test]
fn a_probed_principle_and_a_prepared_story_are_checked() {
    let points = [
        KeyPoint {
            kind: PointKind::Number,
            text: "12 minutes".into(),
        },
        KeyPoint {
            kind: PointKind::Number,
            text: "40%".into(),
        },
    ];
    let a = analyze(
        &AnswerInput {
            text: EN,
            probed: Some("hire-and-develop-the-best"),
            key_points: &points,
            ..Default::default()
        },
        Lang::En,
    );
    assert!(a.has(FindingKind::PrincipleNotSignalled));
    let dropped: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::DroppedFact)
        .collect();
    assert_eq!(dropped.len(), 1);
    assert!(dropped[0].message.contains("40%"));
}

#[test]
fn follow_ups_come_from_what_is_missing() {
    let k = an(KO);
    let f = followup::follow_ups(&k, 2);
    assert_eq!(f[0].kind, followup::FollowUpKind::NoResult);
    assert!(f.len() <= 2);
    let e = an(EN);
    assert!(followup::follow_ups(&e, 2).is_empty());
}

#[test]
fn every_message_exists_in_both_catalogues() {
    for lang in [Lang::En, Lang::Ko] {
        let ids = Messages::ids(lang);
        for kind in [
            "missing-part",
            "thin-part",
            "no-metric",
            "we-heavy",
            "fillers",
            "too-short",
            "too-long",
            "too-fast",
            "too-slow",
            "long-pause",
            "principle-not-signalled",
            "dropped-fact",
        ] {
            let id = format!("analysis-finding-{kind}");
            assert!(ids.contains(&id), "{lang:?} {id}");
        }
        for id in [
            "followup-no-result",
            "followup-no-action",
            "followup-no-metric",
            "followup-we-heavy",
            "followup-no-task",
            "analysis-part-situation",
            "analysis-part-task",
            "analysis-part-action",
            "analysis-part-result",
            "analysis-unit-words",
            "analysis-unit-syllables",
        ] {
            assert!(ids.contains(&id.to_string()), "{lang:?} {id}");
        }
    }
}

#[test]
fn a_technical_answer_is_scored_on_its_key_points() {
    let points = [
        KeyPoint {
            kind: PointKind::Point,
            text: "Selectors are ANDed by the comma".into(),
        },
        KeyPoint {
            kind: PointKind::Point,
            text: "Field selectors filter on status.phase".into(),
        },
    ];
    let a = analyze(
        &AnswerInput {
            text: "A comma between selectors means AND, so every requirement must match.",
            key_points: &points,
            technical: true,
            probed: Some("dive-deep"),
            ..Default::default()
        },
        Lang::En,
    );
    assert_eq!(a.score, 50, "{:?}", a.coverage);
    assert!(!a.has(FindingKind::MissingPart));
    assert!(!a.has(FindingKind::TooShort));
    assert!(!a.has(FindingKind::PrincipleNotSignalled));
    assert!(a.has(FindingKind::DroppedFact));
    let m = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::DroppedFact);
    assert!(
        m.is_some_and(|f| f.text.en.starts_with("Key point not covered")),
        "{m:?}"
    );
}

#[test]
fn a_long_dropped_fact_is_shortened() {
    let long = "a".repeat(200);
    let points = [KeyPoint {
        kind: PointKind::Result,
        text: long,
    }];
    let a = analyze(
        &AnswerInput {
            text: "I did it.",
            key_points: &points,
            ..Default::default()
        },
        Lang::En,
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::DroppedFact)
        .map(|f| f.message.clone())
        .unwrap_or_default();
    assert!(f.contains('…') && f.chars().count() < 160, "{f}");
}

#[test]
fn numbers_inside_names_are_not_facts_and_long_points_go_by_their_words() {
    // BASE64URL, HTTP2 and k8s carry digits but no quantity
    let got = key_point_coverage(
        "the header and payload are base64url encoded, then signed",
        &["BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)"],
    );
    assert!(got[0].covered, "{got:?}");
    // a long point citing an RFC is covered by its words without the RFC's number
    let got = key_point_coverage(
        "a signed token is only integrity protected; anyone can decode the claims, use JWE to encrypt",
        &[
            "A signed JWT is integrity-protected, not encrypted: anyone holding it can decode the claims; confidentiality needs JWE (RFC 7516).",
        ],
    );
    assert!(got[0].covered, "{got:?}");
    // a short fact is its number
    let got = key_point_coverage("it got much faster", &["12 minutes instead of 3 hours"]);
    assert!(!got[0].covered, "{got:?}");
    let got = key_point_coverage(
        "now 12 minutes, was 3 hours",
        &["12 minutes instead of 3 hours"],
    );
    assert!(got[0].covered, "{got:?}");
}
