//! A lab as practice: grading a diagnosis, keeping the attempt, and bringing an unsolved lab
//! back in drills as a card of the `labs` deck. The CLI (`loopcoach lab check`) and the web UI
//! (`POST /labs/{id}/check`) both call [`record_check`], so an attempt is graded and kept the
//! same way, in one transaction, whichever face the candidate used.

use std::path::Path;

use loopcoach_core::{Messages, Text};
use loopcoach_labs as labs;
use loopcoach_store::{LabAttempt, Tx, UserCardRow};

use crate::bank::TextList;
use crate::{Card, CardKind};

/// What [`record_check`] did.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The grader's verdict, findings and score.
    pub grade: labs::Grade,
    /// The verdict as stored (`right`, `partly`, `wrong`).
    pub verdict: String,
    /// The drill card the attempt added or refreshed, when the lab is not solved.
    pub card: Option<String>,
}

/// Grade `answer` against `key` and keep the attempt in `tx`: the attempt with its grade, and
/// for an answer that is not right the lab's card in the `labs` deck, due at `now` (unix
/// seconds). `at` is the attempt's RFC 3339 time; `dir` the lab's folder (the card's source).
pub fn record_check(
    tx: &Tx<'_>,
    key: &labs::AnswerKey,
    answer: &str,
    dir: &Path,
    at: &str,
    now: i64,
) -> anyhow::Result<CheckOutcome> {
    let grade = labs::grade(key, answer);
    let verdict = verdict_code(grade.verdict).to_string();
    tx.record_lab_attempt_graded(
        &LabAttempt {
            lab_id: key.lab_id.clone(),
            answer: answer.to_string(),
            verdict: verdict.clone(),
            score: f64::from(grade.score),
            at: at.to_string(),
        },
        &serde_json::to_string(&grade)?,
    )?;
    // A lab not solved comes back in drills: a card in the `labs` deck, due now.
    let card = match grade.verdict {
        labs::Verdict::Right => None,
        labs::Verdict::Partly | labs::Verdict::Wrong => {
            let row = lab_card_row(key, dir)?;
            if tx.upsert_user_card(&row, at)? {
                tx.make_card_due(&row.id, now)?;
            }
            Some(row.id)
        }
    };
    Ok(CheckOutcome {
        grade,
        verdict,
        card,
    })
}

/// The verdict and the grader's findings as sentences in `msg`'s language: what the CLI prints
/// and the web page shows after a diagnosis. `dir` is the lab's folder (named in a wrong
/// verdict, to send the candidate back to the evidence).
pub fn verdict_lines(grade: &labs::Grade, dir: &str, msg: &Messages) -> Vec<String> {
    let mut lines = vec![match grade.verdict {
        labs::Verdict::Right => msg.format(
            "lab-verdict-right",
            &[("causes", grade.matched.join(", ").into())],
        ),
        labs::Verdict::Partly => msg.format("lab-verdict-partly", &[]),
        labs::Verdict::Wrong => msg.format("lab-verdict-wrong", &[("dir", dir.into())]),
    }];
    if grade.stuffed {
        lines.push(msg.format("lab-grade-stuffed", &[]));
    }
    for m in &grade.missing {
        if !grade.stuffed || m != "commit" {
            lines.push(msg.format(&format!("lab-grade-missing-{m}"), &[]));
        }
    }
    if !grade.ruled_out.is_empty() {
        lines.push(msg.format(
            "lab-grade-ruled-out",
            &[("causes", grade.ruled_out.join(", ").into())],
        ));
    }
    lines
}

/// The stored name of a verdict.
pub fn verdict_code(v: labs::Verdict) -> &'static str {
    match v {
        labs::Verdict::Right => "right",
        labs::Verdict::Partly => "partly",
        labs::Verdict::Wrong => "wrong",
    }
}

/// The deck that holds the cards of labs not (yet) solved.
pub const LABS_DECK: &str = "labs";

/// The card id of a lab: stable, so its review history stays attached.
pub fn lab_card_id(lab_id: &str) -> String {
    format!("lab-{lab_id}")
}

/// The technical bank topic a lab's main cause belongs to.
fn lab_topic(kind: &str, cause: &str) -> String {
    let name = cause.split_once('/').map_or(cause, |(_, n)| n);
    match kind {
        "oauth" => "oauth2",
        "k8s" => match name {
            "node-selector-unsatisfiable"
            | "node-affinity-unsatisfiable"
            | "untolerated-taint"
            | "insufficient-resources" => "affinity",
            "selector-mismatch" | "wrong-target-port" => "selectors",
            "surge-and-unavailable-zero" | "readiness-probe-failing" => "deployment-strategies",
            _ => "k8s-auth",
        },
        other => other,
    }
    .to_string()
}

/// The customer's words from the lab's ticket (regenerated from the key, so the card needs no
/// folder), or the kind's title if the lab cannot be made again.
fn ticket_words(key: &labs::AnswerKey, lang: labs::Lang) -> String {
    let regenerated =
        time::OffsetDateTime::parse(&key.now, &time::format_description::well_known::Rfc3339)
            .ok()
            .and_then(|now| {
                labs::generate(&labs::LabRequest {
                    kind: key.kind.clone(),
                    fault: key.causes.first().cloned(),
                    seed: key.seed,
                    difficulty: key.difficulty,
                    lang,
                    now,
                })
                .ok()
            });
    let body = regenerated.and_then(|lab| {
        let text = String::from_utf8(lab.file("TICKET.md")?.contents.clone()).ok()?;
        // TICKET.md: `# title`, `**when**: …`, the customer's text, then `## attachments`.
        let body: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("**"))
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        Some(body.join(" ")).filter(|b| !b.is_empty())
    });
    body.unwrap_or_else(|| {
        labs::catalog()
            .into_iter()
            .find(|k| k.kind == key.kind)
            .map(|k| k.title.get(lang).to_string())
            .unwrap_or_else(|| key.kind.clone())
    })
}

/// The practice card of a lab: the ticket as the question, the explanation (what is wrong,
/// the commands that confirm it, the fix) as the key points, the cause code as the reference.
pub fn lab_card(key: &labs::AnswerKey, dir: &Path) -> Card {
    let side = |lang: labs::Lang, core: loopcoach_core::Lang| {
        let ex = labs::explain(key, lang);
        let msg = Messages::new(core);
        let question = format!("[{}] {}", key.lab_id, ticket_words(key, lang));
        let mut points: Vec<String> = ex
            .summary
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if !ex.confirm.is_empty() {
            let cmds: Vec<String> = ex.confirm.iter().map(|c| format!("$ {c}")).collect();
            points.push(format!(
                "{}\n{}",
                msg.format("lab-confirm", &[]),
                cmds.join("\n")
            ));
        }
        if !ex.fix.trim().is_empty() {
            points.push(format!("{} {}", msg.format("lab-fix", &[]), ex.fix.trim()));
        }
        (question, points)
    };
    // The card keeps the ticket's language: the case as the candidate read it, drilled in
    // that language whatever the interface speaks (a side left empty falls back to the
    // other). A key stored before the language was kept gets both sides.
    let (q_ko, kp_ko) = match key.lang {
        Some(labs::Lang::En) => (String::new(), Vec::new()),
        _ => side(labs::Lang::Ko, loopcoach_core::Lang::Ko),
    };
    let (q_en, kp_en) = match key.lang {
        Some(labs::Lang::Ko) => (String::new(), Vec::new()),
        _ => side(labs::Lang::En, loopcoach_core::Lang::En),
    };
    Card {
        id: lab_card_id(&key.lab_id),
        kind: CardKind::Mine,
        topic: Some(lab_topic(
            &key.kind,
            key.causes.first().map_or("", String::as_str),
        )),
        principle: None,
        question: Text { ko: q_ko, en: q_en },
        key_points: TextList {
            ko: kp_ko,
            en: kp_en,
        },
        follow_ups: TextList::default(),
        reference: Some(key.causes.join(", ")).filter(|r| !r.is_empty()),
        troubleshooting: true,
        source: Some(format!("lab:{}", dir.display())),
    }
}

pub fn lab_card_row(key: &labs::AnswerKey, dir: &Path) -> anyhow::Result<UserCardRow> {
    let card = lab_card(key, dir);
    Ok(UserCardRow {
        id: card.id.clone(),
        deck: LABS_DECK.to_string(),
        kind: card.kind.as_str().to_string(),
        topic: card.topic.clone(),
        principle: None,
        body: serde_json::to_string(&card)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use loopcoach_store::{LabRow, SqliteStore};
    use time::macros::datetime;

    fn lab(store: &mut SqliteStore, lang: labs::Lang) -> labs::AnswerKey {
        let lab = labs::generate(&labs::LabRequest {
            kind: "jwt".into(),
            fault: Some("jwt/expired".into()),
            seed: 7,
            difficulty: 1,
            lang,
            now: datetime!(2026-12-01 09:00 UTC),
        })
        .unwrap();
        let answer = serde_json::to_string(&lab.answer).unwrap();
        store
            .transact(|tx| {
                tx.save_lab(&LabRow {
                    id: lab.id.clone(),
                    kind: lab.kind.clone(),
                    answer,
                    dir: "lab-jwt-7".into(),
                    created_at: "2026-12-01T09:00:00Z".into(),
                })
            })
            .unwrap();
        lab.answer
    }

    fn check(store: &mut SqliteStore, key: &labs::AnswerKey, answer: &str) -> CheckOutcome {
        store
            .transact(|tx| {
                record_check(
                    tx,
                    key,
                    answer,
                    Path::new("lab-jwt-7"),
                    "2026-12-01T10:00:00Z",
                    1_764_583_200,
                )
            })
            .unwrap()
    }

    #[test]
    fn a_wrong_answer_is_kept_and_its_card_is_due() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let key = lab(&mut store, labs::Lang::En);
        let out = check(&mut store, &key, "the DNS resolver is down");
        assert_eq!(out.verdict, "wrong");
        let card = out.card.expect("an unsolved lab adds its card");
        assert_eq!(card, lab_card_id(&key.lab_id));
        let attempts = store.lab_attempts(&key.lab_id).unwrap();
        assert_eq!(attempts.len(), 1);
        assert_eq!(attempts[0].verdict, "wrong");
        let rows = store.user_cards().unwrap();
        let row = rows.iter().find(|r| r.id == card).unwrap();
        assert_eq!(row.deck, LABS_DECK);
        let due = store.due_user_cards(1_764_583_200).unwrap();
        assert!(due.iter().any(|c| c.id == card));
        // Another wrong attempt keeps one card and one more attempt.
        check(&mut store, &key, "no idea");
        assert_eq!(store.user_cards().unwrap().len(), 1);
        assert_eq!(store.lab_attempts(&key.lab_id).unwrap().len(), 2);
    }

    #[test]
    fn a_right_answer_adds_no_card() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let key = lab(&mut store, labs::Lang::Ko);
        let out = check(
            &mut store,
            &key,
            "토큰이 만료됐습니다. exp가 요청 시각보다 과거예요.",
        );
        assert_eq!(out.verdict, "right", "{:?}", out.grade);
        assert!(out.card.is_none());
        assert!(store.user_cards().unwrap().is_empty());
        assert_eq!(store.lab_attempts(&key.lab_id).unwrap()[0].verdict, "right");
    }

    #[test]
    fn the_verdict_lines_speak_both_languages() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let key = lab(&mut store, labs::Lang::En);
        let out = check(&mut store, &key, "maybe something with the token, not sure");
        for lang in [loopcoach_core::Lang::En, loopcoach_core::Lang::Ko] {
            let lines = verdict_lines(&out.grade, "lab-jwt-7", &Messages::new(lang));
            assert!(!lines.is_empty());
            // Every line is a sentence from the catalogue, never a missing message's id.
            assert!(
                lines
                    .iter()
                    .all(|l| !l.trim().is_empty() && !l.starts_with("lab-")),
                "{lines:?}"
            );
        }
        let en = verdict_lines(
            &out.grade,
            "lab-jwt-7",
            &Messages::new(loopcoach_core::Lang::En),
        );
        let ko = verdict_lines(
            &out.grade,
            "lab-jwt-7",
            &Messages::new(loopcoach_core::Lang::Ko),
        );
        assert_ne!(en[0], ko[0]);
    }

    #[test]
    fn a_lab_that_no_longer_exists_fails_the_transaction() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut key = lab(&mut store, labs::Lang::En);
        key.lab_id = "gone".into();
        let r = store.transact(|tx| {
            record_check(tx, &key, "wrong", Path::new("x"), "2026-12-01T10:00:00Z", 0)
        });
        assert!(r.is_err(), "an attempt needs its lab");
        assert!(store.lab_attempts("gone").unwrap().is_empty());
        assert!(
            store.user_cards().unwrap().is_empty(),
            "nothing half-written"
        );
    }
}
