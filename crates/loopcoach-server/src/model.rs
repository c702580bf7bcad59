//! The study group's domain: roles, parts, and the shapes of what members share and say,
//! with their validation. Pure (no I/O): the storage and the HTTP handlers both take these
//! already-checked values, so a rule is written once.

use std::sync::LazyLock;

use loopcoach_core::framework::Framework;
use serde::{Deserialize, Serialize};

/// The built-in framework, parsed once: share principles are its keys.
static FRAMEWORK: LazyLock<Framework> = LazyLock::new(Framework::amazon);

/// Longest accepted title, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest accepted STAR part or comment, in characters.
pub const MAX_TEXT: usize = 20_000;
/// Most principles one share may name.
pub const MAX_PRINCIPLES: usize = 16;
/// Longest accepted local story id, in characters.
pub const MAX_LOCAL_ID: usize = 200;

/// A member's role in one group. Owners and coaches review; members share and comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Coach,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Coach => "coach",
            Role::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "owner" => Some(Role::Owner),
            "coach" => Some(Role::Coach),
            "member" => Some(Role::Member),
            _ => None,
        }
    }

    /// Owners and coaches may do what a coach does (rate against the bar, see the cohort).
    pub fn can_coach(self) -> bool {
        matches!(self, Role::Owner | Role::Coach)
    }
}

/// The part of a shared story a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Title,
    Situation,
    Task,
    Action,
    Result,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Title,
        Part::Situation,
        Part::Task,
        Part::Action,
        Part::Result,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Situation => "situation",
            Part::Task => "task",
            Part::Action => "action",
            Part::Result => "result",
        }
    }

    pub fn parse(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// A rule a request broke: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct Invalid {
    pub field: String,
    pub problem: String,
}

fn invalid(field: &str, problem: impl Into<String>) -> Invalid {
    Invalid {
        field: field.to_owned(),
        problem: problem.into(),
    }
}

/// A story as it is shared: the title, the four STAR parts and principle keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct StoryBody {
    pub title: String,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub principles: Vec<String>,
}

impl StoryBody {
    /// The text of one part.
    pub fn part(&self, part: Part) -> &str {
        match part {
            Part::Title => &self.title,
            Part::Situation => &self.situation,
            Part::Task => &self.task,
            Part::Action => &self.action,
            Part::Result => &self.result,
        }
    }

    /// Check and normalise: a non-empty title, parts within size, principles that are keys
    /// of the built-in framework (or names of them, turned into keys), each once.
    pub fn validate(mut self) -> Result<StoryBody, Invalid> {
        self.title = self.title.trim().to_owned();
        if self.title.is_empty() {
            return Err(invalid("story.title", "must not be empty"));
        }
        if self.title.chars().count() > MAX_TITLE {
            return Err(invalid(
                "story.title",
                format!("longer than {MAX_TITLE} characters"),
            ));
        }
        for part in [Part::Situation, Part::Task, Part::Action, Part::Result] {
            if self.part(part).chars().count() > MAX_TEXT {
                return Err(invalid(
                    &format!("story.{}", part.as_str()),
                    format!("longer than {MAX_TEXT} characters"),
                ));
            }
        }
        if self.principles.len() > MAX_PRINCIPLES {
            return Err(invalid(
                "story.principles",
                format!("more than {MAX_PRINCIPLES}"),
            ));
        }
        let mut keys: Vec<String> = Vec::with_capacity(self.principles.len());
        for written in &self.principles {
            let key = principle_key(written).ok_or_else(|| {
                invalid(
                    "story.principles",
                    format!("unknown principle \"{written}\""),
                )
            })?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        self.principles = keys;
        Ok(self)
    }
}

/// The key of a principle written as its key or its exact name ("dive-deep", "Dive Deep",
/// "깊이 파고들기"); `None` for anything else (a share names principles on purpose, so no
/// fuzzy matching here).
pub fn principle_key(written: &str) -> Option<String> {
    let fw = &*FRAMEWORK;
    fw.get(written.trim())
        .or_else(|| fw.match_exact(written))
        .map(|p| p.key.clone())
}

/// A request to share a story with a group.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    pub story: StoryBody,
    /// The story's id in the sharer's local workspace: sharing it again updates the share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_id: Option<String>,
}

impl NewShare {
    pub fn validate(self) -> Result<NewShare, Invalid> {
        let local_id = match self.local_id.map(|s| s.trim().to_owned()) {
            Some(s) if s.is_empty() => None,
            Some(s) if s.chars().count() > MAX_LOCAL_ID => {
                return Err(invalid(
                    "local_id",
                    format!("longer than {MAX_LOCAL_ID} characters"),
                ));
            }
            other => other,
        };
        Ok(NewShare {
            story: self.story.validate()?,
            local_id,
        })
    }
}

/// A character range `[start, end)` of a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharSpan {
    pub start: u32,
    pub end: u32,
}

/// A comment as posted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub part: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<CharSpan>,
    /// A suggested edit: the text to put in place of the span (or of the whole part).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// The character span of `words` in `text`, when they occur there exactly once (how the
/// browser's "replace these words" field becomes a suggestion's span).
pub fn span_of(text: &str, words: &str) -> Result<CharSpan, Invalid> {
    let words = words.trim();
    let found: Vec<usize> = text.match_indices(words).map(|(i, _)| i).collect();
    match found.as_slice() {
        [b] if !words.is_empty() => {
            let start = text[..*b].chars().count();
            let len = words.chars().count();
            Ok(CharSpan {
                start: start as u32,
                end: (start + len) as u32,
            })
        }
        [] | [_] => Err(invalid("replace", "these words are not in the part")),
        _ => Err(invalid(
            "replace",
            "these words occur more than once in the part: quote more of them",
        )),
    }
}

/// A comment checked against the share it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidComment {
    pub part: Part,
    pub text: String,
    pub span: Option<CharSpan>,
    /// A suggested replacement and what it replaces (the span's text, or the whole part's),
    /// as the share held it when the comment was made.
    pub suggestion: Option<Suggestion>,
}

/// A suggested edit of a shared story's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub replacement: String,
    pub quote: String,
}

impl NewComment {
    /// Check the part name, the text, and that the span lies inside the part's text.
    pub fn validate(self, story: &StoryBody) -> Result<ValidComment, Invalid> {
        let part = Part::parse(self.part.trim()).ok_or_else(|| {
            invalid(
                "part",
                format!(
                    "unknown part \"{}\" (title|situation|task|action|result)",
                    self.part
                ),
            )
        })?;
        let text = self.text.trim().to_owned();
        if text.is_empty() {
            return Err(invalid("text", "must not be empty"));
        }
        if text.chars().count() > MAX_TEXT {
            return Err(invalid(
                "text",
                format!("longer than {MAX_TEXT} characters"),
            ));
        }
        if let Some(span) = self.span {
            let len = story.part(part).chars().count();
            if span.start > span.end || span.end as usize > len {
                return Err(invalid(
                    "span",
                    format!(
                        "[{}, {}) is not a range of the {} ({} characters)",
                        span.start,
                        span.end,
                        part.as_str(),
                        len
                    ),
                ));
            }
        }
        let suggestion = match self.suggestion {
            None => None,
            Some(replacement) => {
                if part == Part::Title {
                    return Err(invalid(
                        "suggestion",
                        "suggested edits are for the situation, task, action or result",
                    ));
                }
                let replacement = replacement.trim().to_owned();
                if replacement.chars().count() > MAX_TEXT {
                    return Err(invalid(
                        "suggestion",
                        format!("longer than {MAX_TEXT} characters"),
                    ));
                }
                let whole = story.part(part);
                let quote: String = match self.span {
                    Some(s) => whole
                        .chars()
                        .skip(s.start as usize)
                        .take((s.end - s.start) as usize)
                        .collect(),
                    None => whole.to_owned(),
                };
                if quote == replacement {
                    return Err(invalid("suggestion", "is the text it would replace"));
                }
                Some(Suggestion { replacement, quote })
            }
        };
        Ok(ValidComment {
            part,
            text,
            span: self.span,
            suggestion,
        })
    }
}

/// A coach's rating of a share against a principle's bar.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRating {
    pub principle: String,
    /// 1 = far below the bar, 2 = below, 3 = meets it, 4 = raises it.
    pub score: i64,
    #[serde(default)]
    pub note: String,
}

/// A rating checked: a known principle key and a score of 1 to 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRating {
    pub principle: String,
    pub score: i16,
    pub note: String,
}

impl NewRating {
    pub fn validate(self) -> Result<ValidRating, Invalid> {
        let principle = principle_key(&self.principle).ok_or_else(|| {
            invalid(
                "principle",
                format!("unknown principle \"{}\"", self.principle),
            )
        })?;
        let score = i16::try_from(self.score)
            .ok()
            .filter(|s| (1..=4).contains(s))
            .ok_or_else(|| invalid("score", "must be 1, 2, 3 or 4"))?;
        let note = self.note.trim().to_owned();
        if note.chars().count() > MAX_TEXT {
            return Err(invalid(
                "note",
                format!("longer than {MAX_TEXT} characters"),
            ));
        }
        Ok(ValidRating {
            principle,
            score,
            note,
        })
    }
}

/// An email address as accounts are keyed: trimmed, lower-case, one `@` with text on both
/// sides, no spaces.
pub fn normalize_email(s: &str) -> Result<String, Invalid> {
    let e = s.trim().to_lowercase();
    let ok = e.len() <= 254
        && !e.chars().any(char::is_whitespace)
        && matches!(e.split_once('@'), Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('@'));
    if ok {
        Ok(e)
    } else {
        Err(invalid(
            "email",
            format!("\"{}\" is not an email address", s.trim()),
        ))
    }
}

/// A group name: trimmed, 1 to 200 characters.
pub fn normalize_group_name(s: &str) -> Result<String, Invalid> {
    let n = s.trim().to_owned();
    if n.is_empty() || n.chars().count() > 200 {
        return Err(invalid("name", "must be 1 to 200 characters"));
    }
    Ok(n)
}

/// Shortest accepted password, in characters.
pub const MIN_PASSWORD: usize = 10;

/// A password long enough to keep (the stdin's line end is not part of it).
pub fn check_password(p: &str) -> Result<(), Invalid> {
    if p.chars().count() < MIN_PASSWORD {
        return Err(invalid(
            "password",
            format!("shorter than {MIN_PASSWORD} characters"),
        ));
    }
    Ok(())
}

// Output shapes (the JSON the API answers with).

/// A group as its member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub members: i64,
}

/// A shared story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareView {
    pub id: i64,
    pub group: i64,
    pub owner: String,
    pub mine: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_id: Option<String>,
    pub story: StoryBody,
    pub comments: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// A comment on a share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub share: i64,
    pub part: Part,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<CharSpan>,
    pub text: String,
    /// A suggested edit: the replacement for `quote`, the span's (or the part's) text when
    /// the comment was made. Absent on a plain comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    pub author: String,
    pub created_at: String,
}

/// A rating against a principle's bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    pub share: i64,
    pub principle: String,
    pub score: i16,
    pub note: String,
    pub rater: String,
    pub created_at: String,
}

/// One member of a group, as a coach sees the cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub email: String,
    pub role: Role,
    pub shares: i64,
    pub comments: i64,
}

#[cfg(test)]
mod tests;
