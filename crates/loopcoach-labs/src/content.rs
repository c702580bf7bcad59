//! The user-facing text of the labs: tickets, explanations and grading synonyms, in Korean
//! and English. It lives in `content/labs/<kind>.toml`, embedded at build time, so that no
//! sentence a user reads is written in Rust. This module parses it once and fills the
//! `{placeholders}` of a ticket or a command with the lab's names.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::common::Built;
use crate::{AnswerKey, Explanation, LabError, Lang, Text};

const COMMON: &str = include_str!("../../../content/labs/common.toml");
const CLAIMS: &str = include_str!("../../../content/labs/claims.toml");
const SOURCES: &[(&str, &str)] = &[
    ("jwt", include_str!("../../../content/labs/jwt.toml")),
    ("pki", include_str!("../../../content/labs/pki.toml")),
    ("oauth", include_str!("../../../content/labs/oauth.toml")),
    ("k8s", include_str!("../../../content/labs/k8s.toml")),
    ("docker", include_str!("../../../content/labs/docker.toml")),
    ("dns", include_str!("../../../content/labs/dns.toml")),
    ("vpc", include_str!("../../../content/labs/vpc.toml")),
    ("elb", include_str!("../../../content/labs/elb.toml")),
    ("iam", include_str!("../../../content/labs/iam.toml")),
    ("linux", include_str!("../../../content/labs/linux.toml")),
];

/// The frame of every ticket.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Common {
    pub ticket_title: Text,
    pub happened: Text,
    pub attachments: Text,
    pub hint: Text,
    pub task: Text,
    /// The label of the error the customer pastes (difficulty 2 and up).
    pub error: Text,
    /// Difficulty 3 says that there may be more than one cause.
    pub compound: Text,
}

/// One kind's content.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KindContent {
    /// Must equal the file's kind (checked by the tests).
    #[allow(dead_code)]
    pub kind: String,
    pub title: Text,
    /// What each artifact is, for the ticket's attachment list.
    pub files: BTreeMap<String, Text>,
    pub faults: BTreeMap<String, Fault>,
}

/// The words that are about no one fault: common defects, negation, contrast, guesses
/// (`content/labs/claims.toml`; see `grade::read`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cues {
    pub defects: Vec<String>,
    pub negated_predicates: Vec<String>,
    pub dismiss_after: Vec<String>,
    pub dismiss_cancel: Vec<String>,
    pub negate_before: Vec<String>,
    pub negate_before_claim: Vec<String>,
    pub fillers: Vec<String>,
    pub negate_following: Vec<String>,
    pub negate_sentence: Vec<String>,
    pub anaphora: Vec<String>,
    pub contrast_before: Vec<String>,
    pub contrast_after: Vec<String>,
    pub hedges: Vec<String>,
    /// Symbols read as words ("≠" as "differs from").
    #[serde(default)]
    pub symbols: BTreeMap<String, String>,
}

/// How an answer states one fault, in both languages (see `grade::read`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimWords {
    /// Phrases that state the whole cause ("token expired", "aud 불일치").
    #[serde(default)]
    pub say: Vec<String>,
    /// The field or setting that is wrong ("aud", "targetPort"): whole with a defect.
    #[serde(default)]
    pub field: Vec<String>,
    /// The thing the fault's own defect applies to ("intermediate", "토큰").
    #[serde(default)]
    pub object: Vec<String>,
    /// What is wrong, in this fault's words ("expired", "만료", "reused").
    #[serde(default)]
    pub defect: Vec<String>,
    /// What a defect said alone lacks: `object` (default) or `field`.
    #[serde(default)]
    pub missing: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fault {
    pub title: Text,
    /// How an answer states this fault.
    pub claim: ClaimWords,
    /// The error the customer sees, as the real software prints it (shown at difficulty 2
    /// and up; generic on purpose: a bare 401, `invalid_grant`, an x509 error).
    #[serde(default)]
    pub error: Option<String>,
    /// The customer's words.
    pub ticket: Text,
    /// More ways the customer tells it (symptom, impact, what they tried), never naming the
    /// cause; the seed picks one of `ticket` and these.
    #[serde(default)]
    pub tickets: Vec<Text>,
    /// Shown at difficulty 1.
    pub hint: Text,
    pub summary: Text,
    pub confirm: Vec<String>,
    pub fix: Text,
}

struct Loaded {
    common: Result<Common, String>,
    cues: Result<Cues, String>,
    kinds: Vec<(&'static str, Result<KindContent, String>)>,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| Loaded {
        common: toml::from_str(COMMON).map_err(|e| format!("common.toml: {e}")),
        cues: toml::from_str(CLAIMS).map_err(|e| format!("claims.toml: {e}")),
        kinds: SOURCES
            .iter()
            .map(|(kind, src)| {
                (
                    *kind,
                    toml::from_str::<KindContent>(src).map_err(|e| format!("{kind}.toml: {e}")),
                )
            })
            .collect(),
    })
}

pub(crate) fn common() -> Result<&'static Common, LabError> {
    loaded()
        .common
        .as_ref()
        .map_err(|e| LabError::Content(e.clone()))
}

pub(crate) fn cues() -> Result<&'static Cues, LabError> {
    loaded()
        .cues
        .as_ref()
        .map_err(|e| LabError::Content(e.clone()))
}

pub(crate) fn kind(kind: &str) -> Result<&'static KindContent, LabError> {
    let (_, c) = loaded()
        .kinds
        .iter()
        .find(|(k, _)| *k == kind)
        .ok_or_else(|| LabError::Content(format!("no content for kind `{kind}`")))?;
    c.as_ref().map_err(|e| LabError::Content(e.clone()))
}

pub(crate) fn fault(code: &str) -> Result<&'static Fault, LabError> {
    let kind_name = code.split('/').next().unwrap_or(code);
    kind(kind_name)?
        .faults
        .get(code)
        .ok_or_else(|| LabError::Content(format!("no content for fault `{code}`")))
}

/// Replaces every `{key}` with the context's value.
pub(crate) fn fill(template: &str, context: &BTreeMap<String, String>) -> String {
    let mut out = template.to_string();
    for (k, v) in context {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Renders `TICKET.md`.
pub(crate) fn ticket(
    kind_name: &str,
    primary: &str,
    lang: Lang,
    difficulty: u8,
    built: &Built,
    now: &str,
    seed: u64,
) -> Result<String, LabError> {
    let common = common()?;
    let kc = kind(kind_name)?;
    let f = fault(primary)?;
    // The label has no fault in it, so the repaired twin tells the same story.
    let variants: Vec<&Text> = std::iter::once(&f.ticket).chain(&f.tickets).collect();
    let mut rng = crate::common::rng_for(kind_name, seed, "ticket");
    let story = *crate::common::pick(&mut rng, &variants);
    let mut ctx = built.context.clone();
    ctx.insert("now".to_string(), now.to_string());
    let mut out = String::new();
    out.push_str(&format!(
        "# {}: {}\n\n",
        common.ticket_title.get(lang),
        kc.title.get(lang)
    ));
    out.push_str(&format!("**{}**: {now}\n\n", common.happened.get(lang)));
    out.push_str(fill(story.get(lang), &ctx).trim_end());
    out.push_str("\n\n");
    if difficulty >= 2
        && let Some(error) = &f.error
    {
        out.push_str(&format!(
            "**{}**:\n\n```\n{}\n```\n\n",
            common.error.get(lang),
            fill(error, &ctx).trim_end()
        ));
    }
    out.push_str(&format!("## {}\n\n", common.attachments.get(lang)));
    for file in &built.files {
        let desc = kc
            .files
            .get(&file.path)
            .map(|t| fill(t.get(lang), &ctx))
            .unwrap_or_default();
        if desc.is_empty() {
            out.push_str(&format!("- `{}`\n", file.path));
        } else {
            out.push_str(&format!("- `{}`: {}\n", file.path, desc));
        }
    }
    out.push('\n');
    if difficulty == 1 {
        out.push_str(&format!(
            "> **{}**: {}\n\n",
            common.hint.get(lang),
            fill(f.hint.get(lang), &ctx).trim_end()
        ));
    }
    out.push_str("---\n\n");
    if difficulty == 3 {
        out.push_str(common.compound.get(lang).trim_end());
        out.push_str("\n\n");
    }
    out.push_str(common.task.get(lang).trim_end());
    out.push('\n');
    Ok(out)
}

pub(crate) fn explain(key: &AnswerKey, lang: Lang) -> Explanation {
    let mut summary = Vec::new();
    let mut confirm = Vec::new();
    let mut fix = Vec::new();
    let mut ctx = key.context.clone();
    ctx.insert("now".to_string(), key.now.clone());
    for cause in &key.causes {
        match fault(cause) {
            Ok(f) => {
                let text = fill(f.summary.get(lang), &ctx);
                summary.push(consistent(key, cause, text.trim()));
                for c in &f.confirm {
                    let c = fill(c, &ctx);
                    if !confirm.contains(&c) {
                        confirm.push(c);
                    }
                }
                fix.push(fill(f.fix.get(lang), &ctx).trim().to_string());
            }
            Err(_) => summary.push(cause.clone()),
        }
    }
    Explanation {
        cause: key.causes.first().cloned().unwrap_or_default(),
        causes: key.causes.clone(),
        summary: summary.join("\n\n"),
        confirm,
        fix: fix.join("\n\n"),
    }
}

/// A compound lab's explanation must not rule out its other cause: a cause's summary says
/// what else is fine ("Signature, issuer and audience are all fine"), which is false when one
/// of them is the second cause. Sentences the grader reads as ruling out another of the lab's
/// causes are left out, so `explain` and grading agree.
fn consistent(key: &AnswerKey, cause: &str, summary: &str) -> String {
    if key.causes.len() < 2 {
        return summary.to_string();
    }
    let mut kept = Vec::new();
    let mut rest = summary;
    while !rest.is_empty() {
        let cut = rest
            .char_indices()
            .find(|&(i, ch)| {
                ch == '.' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace)
            })
            .map_or(rest.len(), |(i, _)| i + 1);
        let sentence = rest[..cut].trim();
        let others_ruled_out = crate::grade::ruled_out(&key.kind, sentence)
            .iter()
            .any(|c| c != cause && key.causes.contains(c));
        if !sentence.is_empty() && !others_ruled_out {
            kept.push(sentence);
        }
        rest = &rest[cut..];
    }
    kept.join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn all_content_parses_and_covers_every_fault_exactly() {
        common().unwrap();
        cues().unwrap();
        for kind_name in crate::KINDS {
            let kc = kind(kind_name).unwrap();
            assert_eq!(kc.kind, *kind_name);
            let codes: Vec<&str> = crate::faults_of(kind_name).unwrap().to_vec();
            let mut have: Vec<&str> = kc.faults.keys().map(String::as_str).collect();
            let mut want = codes.clone();
            have.sort();
            want.sort();
            assert_eq!(have, want, "{kind_name}: content faults differ from code");
            for (code, f) in &kc.faults {
                for t in [&f.title, &f.ticket, &f.hint, &f.summary, &f.fix] {
                    assert!(!t.ko.trim().is_empty() && !t.en.trim().is_empty(), "{code}");
                }
                assert!(!f.confirm.is_empty(), "{code}: no confirm commands");
                assert!(
                    f.tickets.len() >= 2,
                    "{code}: fewer than three ticket variants"
                );
                for t in &f.tickets {
                    assert!(!t.ko.trim().is_empty() && !t.en.trim().is_empty(), "{code}");
                }
                let c = &f.claim;
                assert!(!c.say.is_empty(), "{code}: no claim phrases");
                assert!(
                    !c.field.is_empty() || !c.object.is_empty(),
                    "{code}: no field/object"
                );
                let hangul = |v: &[String]| {
                    v.iter()
                        .any(|w| w.chars().any(|ch| ('가'..='힣').contains(&ch)))
                };
                assert!(
                    hangul(&c.say) && c.say.iter().any(|w| w.is_ascii()),
                    "{code}: say in both languages"
                );
                assert!(
                    c.missing
                        .as_deref()
                        .is_none_or(|m| ["object", "field"].contains(&m)),
                    "{code}: missing must be object or field"
                );
            }
        }
    }
}
