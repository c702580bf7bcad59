//! Follow-up questions an interviewer asks from what an answer lacks: no result → "What
//! happened in the end?"; a result without a number → "How did you measure it?"; mostly "we"
//! → "What did you do yourself?"; no action → "What exactly did you do?"; no task → "What was
//! your part in it?". At most two, the most important first.

use serde::Serialize;

use crate::i18n::Messages;
use crate::i18n::Text;

use super::{Analysis, FindingKind};
use crate::StarPart;

/// Why a follow-up is asked (its id in the message catalogue is `followup-<kind>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUpKind {
    NoResult,
    NoAction,
    NoMetric,
    WeHeavy,
    NoTask,
}

impl FollowUpKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpKind::NoResult => "no-result",
            FollowUpKind::NoAction => "no-action",
            FollowUpKind::NoMetric => "no-metric",
            FollowUpKind::WeHeavy => "we-heavy",
            FollowUpKind::NoTask => "no-task",
        }
    }
}

/// A follow-up question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub text: Text,
}

/// Up to `max` follow-ups for an answer, most important first.
pub fn follow_ups(a: &Analysis, max: usize) -> Vec<FollowUp> {
    let mut kinds = Vec::new();
    if !a.star.action {
        kinds.push(FollowUpKind::NoAction);
    }
    if !a.star.result {
        kinds.push(FollowUpKind::NoResult);
    } else if !a.metric {
        kinds.push(FollowUpKind::NoMetric);
    }
    if a.has(FindingKind::WeHeavy) {
        kinds.push(FollowUpKind::WeHeavy);
    }
    if !a.star.has(StarPart::Task) {
        kinds.push(FollowUpKind::NoTask);
    }
    super::with_catalogues(|en: &Messages, ko: &Messages| {
        kinds
            .into_iter()
            .take(max)
            .map(|kind| {
                let id = format!("followup-{}", kind.as_str());
                FollowUp {
                    kind,
                    text: Text {
                        en: en.get(&id),
                        ko: ko.get(&id),
                    },
                }
            })
            .collect()
    })
}
