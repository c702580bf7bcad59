//! The workspace model: what loopcoach understood of a notes file.
//!
//! Every entity keeps the byte span it came from, so an edit can be spliced back into the
//! original text without touching anything else, and a stable `id` that survives re-imports
//! (see `loopcoach_notes::identity`). Strings are the text as written (trimmed, continuation
//! lines joined with `\n`); empty strings stand for parts the user has not written yet.

use std::sync::Arc;

pub use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` in a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where an entity starts in its file (1-based line and column, column in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Shared by every entity of a document (one allocation, not one per entity).
    pub path: Arc<str>,
    pub line: usize,
    pub column: usize,
}

/// One imported notes file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub path: String,
    /// BLAKE3 (hex) of `text` (SHA-256 in workspaces written before 2026-11).
    pub hash: String,
    pub front_matter: Option<FrontMatter>,
    pub sections: Vec<Section>,
    pub rounds: Vec<Round>,
    pub questions: Vec<Question>,
    pub stories: Vec<Story>,
    pub principles: Vec<PrincipleSection>,
    pub warnings: Vec<Warning>,
}

impl Document {
    pub fn story(&self, id: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.id == id)
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    Yaml,
    Toml,
}

/// Front matter, kept as ordered key/values (values as JSON, whatever the source format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    pub span: Span,
    pub entries: Vec<(String, serde_json::Value)>,
    /// Principle keys named in the front matter (`principles`, `tags`, `lp` keys).
    pub principle_tags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    HiringProcess,
    Questions,
    Principles,
    Other,
}

/// A titled part of the notes: a `#` heading or a paragraph that is only bold text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: CompactString,
    pub kind: SectionKind,
    pub title: String,
    /// Heading level (1-6), or 0 for a bold-paragraph title.
    pub level: u8,
    pub span: Span,
    pub source: Source,
}

/// A round of the hiring process (`1차 면접: Docker, PKI, …` or `Round 2: Interview Tips`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub id: CompactString,
    pub ordinal: u32,
    pub title: String,
    pub topics: Vec<CompactString>,
    /// Bank topic keys matched from `topics` (same order, `None` where nothing matched).
    pub topic_keys: Vec<Option<CompactString>>,
    pub notes: Vec<String>,
    pub span: Span,
    pub source: Source,
}

/// A nested point of an answer (`1)`, `-`, `*`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub marker: CompactString,
    /// One line, often short: kept inline up to 24 bytes.
    pub text: CompactString,
    pub depth: u8,
    pub span: Span,
    pub line: usize,
}

/// An expected question and the candidate's draft answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: CompactString,
    pub number: Option<u32>,
    pub title: String,
    /// Everything under the question (points and prose), dedented and trimmed.
    pub answer: String,
    pub points: Vec<Point>,
    /// Ids of the stories told under this question.
    pub stories: Vec<CompactString>,
    pub span: Span,
    pub title_span: Span,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum StarPart {
    Situation,
    Task,
    Action,
    Result,
}

impl StarPart {
    pub const ALL: [StarPart; 4] = [
        StarPart::Situation,
        StarPart::Task,
        StarPart::Action,
        StarPart::Result,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            StarPart::Situation => "situation",
            StarPart::Task => "task",
            StarPart::Action => "action",
            StarPart::Result => "result",
        }
    }
    pub fn letter(self) -> &'static str {
        match self {
            StarPart::Situation => "S",
            StarPart::Task => "T",
            StarPart::Action => "A",
            StarPart::Result => "R",
        }
    }
    pub fn parse(s: &str) -> Option<StarPart> {
        match s.trim().to_ascii_lowercase().as_str() {
            "s" | "situation" => Some(StarPart::Situation),
            "t" | "task" => Some(StarPart::Task),
            "a" | "action" => Some(StarPart::Action),
            "r" | "result" => Some(StarPart::Result),
            _ => None,
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How the STAR parts of a story are written, so new parts are written the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StarStyle {
    /// `S: …` lines; `label` is the label as written for the first part (`S`, `Situation`, `상황`).
    Lines { indent: CompactString, long: bool },
    /// `* **Situation**: …` bullets.
    BoldBullets {
        indent: CompactString,
        bullet: CompactString,
    },
    /// `#### S` or `### Situation (상황)` headings over prose.
    Headings { level: u8 },
    /// Rows of an HTML or pipe table.
    Table,
}

/// One STAR part as found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartSpan {
    pub part: StarPart,
    /// The value; short ones (`현재`, `가트너에서`) are kept inline.
    pub text: CompactString,
    /// The label and its value, whole lines.
    pub span: Span,
    /// The bytes holding the value (after the label); replaced by `story set`.
    pub value: Span,
    /// Indentation of continuation lines, for writing multi-line values back.
    pub continuation_indent: CompactString,
    pub line: usize,
}

/// Where a story stands in the notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum StoryParent {
    Question(CompactString),
    Principle(CompactString),
    Section(CompactString),
    Document,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// The story stands under the principle, or under a question that maps to it.
    Explicit,
    /// Inferred from the story's text; carries a confidence below 1.
    Inferred,
}

/// A link from a story (or question) to a principle key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleLink {
    pub principle: CompactString,
    pub kind: LinkKind,
    pub confidence: f64,
}

/// A STAR story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: CompactString,
    pub title: CompactString,
    pub parent: StoryParent,
    /// The four parts in S, T, A, R order; `None` where the notes have no label for it.
    pub parts: [Option<PartSpan>; 4],
    /// Paragraphs that follow the parts and belong to the story.
    pub notes: String,
    pub style: StarStyle,
    /// Principle links, explicit first; filled by `analysis::links`.
    pub links: Vec<PrincipleLink>,
    /// Principle keys named in bold inside the story (`**Dive Deep**`): the writer's tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<CompactString>,
    pub span: Span,
    pub source: Source,
}

impl Story {
    /// The text of a part, empty when missing.
    pub fn part(&self, part: StarPart) -> &str {
        self.parts[part.index()]
            .as_ref()
            .map(|p| p.text.as_str())
            .unwrap_or("")
    }
    pub fn has_label(&self, part: StarPart) -> bool {
        self.parts[part.index()].is_some()
    }
    /// All the story's words: title, parts and notes.
    pub fn full_text(&self) -> String {
        let mut s = self.title.to_string();
        for p in StarPart::ALL {
            s.push('\n');
            s.push_str(self.part(p));
        }
        s.push('\n');
        s.push_str(&self.notes);
        s
    }
}

/// A principle as it appears in the notes (`1. Customer Obsession` and what follows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleSection {
    pub id: CompactString,
    pub number: Option<u32>,
    /// As written (`Customer Obsession`): short, so kept inline.
    pub name: CompactString,
    /// The matched built-in principle key (`customer-obsession`), if any.
    pub builtin: Option<CompactString>,
    /// How sure the name match is, 0..1.
    pub match_score: f64,
    pub description: String,
    pub translation: String,
    pub notes: String,
    pub stories: Vec<CompactString>,
    pub span: Span,
    pub source: Source,
}

/// Something the importer noticed but could not place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub line: usize,
}
