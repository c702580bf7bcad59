//! Peer mock interviews: one member interviews another on chosen principles. Opening a mock
//! picks one question a principle with loopcoach-practice's mock planner (the group's own
//! banks first, the built-in banks where the group has none); the interviewer's sheet puts
//! beside each question the candidate's shared stories for that principle, follow-ups (the
//! card's, and core's follow-ups from what the story lacks) and a rubric from the principle's
//! bar; the interviewer writes an assessment a principle and an inclined / not inclined vote.

use std::collections::HashMap;

use loopcoach_core::analysis::{AnswerInput, analyze, followup};
use loopcoach_core::{Framework, Lang, Messages, Text};
use loopcoach_practice::bank::TextList;
use loopcoach_practice::mock::{self, MockOptions, Round, Vote};
use loopcoach_practice::{Card, CardKind};
use serde::{Deserialize, Serialize};

use crate::model::{Invalid, MAX_TEXT, StoryBody, principle_key};

/// Most principles one mock probes (a real interview round probes two to four).
pub const MAX_MOCK_PRINCIPLES: usize = 6;

fn invalid(field: &str, problem: impl Into<String>) -> Invalid {
    Invalid {
        field: field.to_owned(),
        problem: problem.into(),
    }
}

/// A mock as requested: who interviews whom on what (the interviewer is the caller unless
/// named), and optionally when.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMock {
    #[serde(default)]
    pub interviewer: Option<String>,
    pub candidate: String,
    pub principles: Vec<String>,
    /// RFC 3339 (`2026-03-10T19:00:00+09:00`).
    #[serde(default)]
    pub scheduled_at: Option<String>,
}

/// A mock checked: emails normalised, principles as keys (each once), the time parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMock {
    pub interviewer: String,
    pub candidate: String,
    pub principles: Vec<String>,
    /// Unix seconds.
    pub scheduled_at: Option<i64>,
}

impl NewMock {
    /// Check the request made by `caller` (an email).
    pub fn validate(self, caller: &str) -> Result<ValidMock, Invalid> {
        let email = |field: &str, s: &str| {
            crate::model::normalize_email(s).map_err(|mut e| {
                e.field = field.to_owned();
                e
            })
        };
        let interviewer = match &self.interviewer {
            Some(i) => email("interviewer", i)?,
            None => caller.to_owned(),
        };
        let candidate = email("candidate", &self.candidate)?;
        if interviewer == candidate {
            return Err(invalid(
                "candidate",
                "the candidate must be another member than the interviewer",
            ));
        }
        if self.principles.is_empty() || self.principles.len() > MAX_MOCK_PRINCIPLES {
            return Err(invalid(
                "principles",
                format!("name 1 to {MAX_MOCK_PRINCIPLES} principles"),
            ));
        }
        let mut principles: Vec<String> = Vec::new();
        for p in &self.principles {
            let key = principle_key(p)
                .ok_or_else(|| invalid("principles", format!("unknown principle \"{p}\"")))?;
            if !principles.contains(&key) {
                principles.push(key);
            }
        }
        let scheduled_at = match self.scheduled_at.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(
                time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| {
                        invalid(
                            "scheduled_at",
                            format!("\"{s}\" is not an RFC 3339 time (2026-03-10T19:00:00+09:00)"),
                        )
                    })?
                    .unix_timestamp(),
            ),
        };
        Ok(ValidMock {
            interviewer,
            candidate,
            principles,
            scheduled_at,
        })
    }
}

/// One question of a mock, as chosen when it was opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockQuestion {
    pub principle: String,
    pub card: Card,
}

/// The questions of a mock: one a principle, in the order asked, by the practice crate's
/// planner over the group's behavioural cards for those principles, the built-in cards for a
/// principle the group has none of.
pub fn choose_questions(
    group_cards: &[Card],
    principles: &[String],
    seed: u64,
) -> Vec<MockQuestion> {
    // The built-in banks, parsed once per process (parsing all of them on every mock was
    // most of the time of opening one under load).
    static BUILTIN: std::sync::LazyLock<Vec<Card>> = std::sync::LazyLock::new(|| {
        loopcoach_practice::builtin_cards()
            .into_iter()
            .filter(|c| c.kind == CardKind::Behavioural)
            .collect()
    });
    let mut cards: Vec<Card> = Vec::new();
    let builtin = &*BUILTIN;
    for p in principles {
        let is_p = |c: &&Card| {
            c.kind == CardKind::Behavioural && c.principle.as_deref() == Some(p.as_str())
        };
        let own: Vec<Card> = group_cards.iter().filter(is_p).cloned().collect();
        if own.is_empty() {
            cards.extend(builtin.iter().filter(is_p).cloned());
        } else {
            cards.extend(own);
        }
    }
    let opts = MockOptions {
        round: Round::Behavioural,
        principles: principles.to_vec(),
        minutes: mock::MINUTES_PER_QUESTION * principles.len() as u32,
        seed,
    };
    let plan = mock::plan(&cards, &[], &opts, &HashMap::new());
    plan.questions
        .into_iter()
        .filter_map(|q| {
            Some(MockQuestion {
                principle: q.principle?,
                card: q.card,
            })
        })
        .collect()
}

/// How a principle is assessed: its bar (the framework's summary of it), what a strong answer
/// shows (the question's key points), and the four levels of the 1–4 scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rubric {
    pub principle: String,
    pub name: Text,
    pub bar: Text,
    pub signals: TextList,
    /// Levels 1 (far below the bar) to 4 (raises it).
    pub levels: Vec<Text>,
}

fn both(id: &str) -> Text {
    Text {
        en: Messages::new(Lang::En).get(id),
        ko: Messages::new(Lang::Ko).get(id),
    }
}

/// The rubric of `principle` for `card`.
pub fn rubric(principle: &str, card: &Card) -> Rubric {
    static LEVELS: std::sync::LazyLock<Vec<Text>> = std::sync::LazyLock::new(|| {
        (1..=4)
            .map(|n| both(&format!("study-rubric-{n}")))
            .collect()
    });
    let p = Framework::shared().get(principle);
    Rubric {
        principle: principle.to_owned(),
        name: p.map(|p| p.name.clone()).unwrap_or_default(),
        bar: p.map(|p| p.summary.clone()).unwrap_or_default(),
        signals: card.key_points.clone(),
        levels: LEVELS.clone(),
    }
}

/// A shared story as the interviewer sees it beside a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetStory {
    pub share: i64,
    pub story: StoryBody,
}

/// One question of the interviewer's sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetItem {
    pub principle: String,
    pub question: Text,
    pub card_id: String,
    /// The candidate's stories shared in the group for this principle, latest first.
    pub stories: Vec<SheetStory>,
    pub follow_ups: Vec<Text>,
    pub rubric: Rubric,
}

/// Follow-ups for a question: the card's own, then what core's answer analysis would ask
/// of the candidate's first story (a missing result, no number, mostly "we").
pub fn follow_ups(card: &Card, principle: &str, story: Option<&StoryBody>) -> Vec<Text> {
    let mut out: Vec<Text> = card
        .follow_ups
        .en
        .iter()
        .zip(&card.follow_ups.ko)
        .map(|(en, ko)| Text {
            en: en.clone(),
            ko: ko.clone(),
        })
        .collect();
    if let Some(s) = story {
        let text = [&s.situation, &s.task, &s.action, &s.result]
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| t.trim())
            .collect::<Vec<_>>()
            .join("\n");
        let a = analyze(
            &AnswerInput {
                text: &text,
                probed: Some(principle),
                ..Default::default()
            },
            Lang::En,
        );
        for f in followup::follow_ups(&a, 2) {
            if !out.contains(&f.text) {
                out.push(f.text);
            }
        }
    }
    out
}

/// The interviewer's sheet: every question with the candidate's stories (`shares`: the
/// candidate's shares in the group, latest first), follow-ups and the rubric.
pub fn sheet(questions: &[MockQuestion], shares: &[(i64, StoryBody)]) -> Vec<SheetItem> {
    questions
        .iter()
        .map(|q| {
            let stories: Vec<SheetStory> = shares
                .iter()
                .filter(|(_, s)| s.principles.contains(&q.principle))
                .map(|(id, s)| SheetStory {
                    share: *id,
                    story: s.clone(),
                })
                .collect();
            SheetItem {
                principle: q.principle.clone(),
                question: q.card.question.clone(),
                card_id: q.card.id.clone(),
                follow_ups: follow_ups(&q.card, &q.principle, stories.first().map(|s| &s.story)),
                stories,
                rubric: rubric(&q.principle, &q.card),
            }
        })
        .collect()
}

/// One principle's written assessment, as posted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPrincipleAssessment {
    pub principle: String,
    /// 1 = far below the bar … 4 = raises it; optional.
    #[serde(default)]
    pub score: Option<i64>,
    pub text: String,
}

/// The interviewer's write-up of a mock.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    /// `inclined` or `not-inclined`.
    pub vote: String,
    #[serde(default)]
    pub summary: String,
    pub assessments: Vec<NewPrincipleAssessment>,
}

/// A principle's assessment, checked (and as stored and shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipleAssessment {
    pub principle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i16>,
    pub text: String,
}

/// A write-up checked against the mock's principles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAssessment {
    pub vote: Vote,
    pub summary: String,
    pub assessments: Vec<PrincipleAssessment>,
}

/// The vote as written (`inclined`, `not-inclined`, `not_inclined`).
pub fn parse_vote(s: &str) -> Option<Vote> {
    match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "inclined" => Some(Vote::Inclined),
        "not-inclined" => Some(Vote::NotInclined),
        _ => None,
    }
}

/// The vote as stored.
pub fn vote_str(v: Vote) -> &'static str {
    match v {
        Vote::Inclined => "inclined",
        Vote::NotInclined => "not-inclined",
    }
}

impl NewAssessment {
    /// Check: a vote, and one non-empty assessment for each principle the mock probes (no
    /// other, none twice), in the mock's order.
    pub fn validate(self, principles: &[String]) -> Result<ValidAssessment, Invalid> {
        let vote = parse_vote(&self.vote)
            .ok_or_else(|| invalid("vote", "must be \"inclined\" or \"not-inclined\""))?;
        let summary = self.summary.trim().to_owned();
        if summary.chars().count() > MAX_TEXT {
            return Err(invalid(
                "summary",
                format!("longer than {MAX_TEXT} characters"),
            ));
        }
        let mut by_key: HashMap<String, PrincipleAssessment> = HashMap::new();
        for a in self.assessments {
            let key = principle_key(&a.principle)
                .filter(|k| principles.contains(k))
                .ok_or_else(|| {
                    invalid(
                        "assessments",
                        format!("\"{}\" is not a principle this mock probes", a.principle),
                    )
                })?;
            let score = match a.score {
                None => None,
                Some(n) => Some(
                    i16::try_from(n)
                        .ok()
                        .filter(|s| (1..=4).contains(s))
                        .ok_or_else(|| invalid("assessments.score", "must be 1, 2, 3 or 4"))?,
                ),
            };
            let text = a.text.trim().to_owned();
            if text.is_empty() {
                return Err(invalid(
                    "assessments.text",
                    format!("the assessment of {key} is empty"),
                ));
            }
            if text.chars().count() > MAX_TEXT {
                return Err(invalid(
                    "assessments.text",
                    format!("longer than {MAX_TEXT} characters"),
                ));
            }
            let dup = by_key.insert(
                key.clone(),
                PrincipleAssessment {
                    principle: key.clone(),
                    score,
                    text,
                },
            );
            if dup.is_some() {
                return Err(invalid("assessments", format!("{key} is assessed twice")));
            }
        }
        let mut assessments = Vec::with_capacity(principles.len());
        for p in principles {
            assessments.push(
                by_key
                    .remove(p)
                    .ok_or_else(|| invalid("assessments", format!("write an assessment of {p}")))?,
            );
        }
        Ok(ValidAssessment {
            vote,
            summary,
            assessments,
        })
    }
}

#[cfg(test)]
#[path = "mocks_tests.rs"]
mod tests;
