//! The readiness report: what the candidate is missing, and what to prepare next.
//!
//! `report(workspace, framework, lang)` runs every check over the imported notes and returns a
//! serializable [`Report`]: a coverage matrix (principles × stories, with link strength), the
//! findings (each with a kind, a target, a STAR part for story findings, and a message and a
//! fix in the user's language), a score per principle and overall (0–100), and the five next
//! actions that would raise the score most (each fix simulated, see [`score`]).
//!
//! The checks are split by family: [`story`] (STAR parts, metrics, pronouns, length),
//! [`questions`] (blank questions, unlabelled drafts), [`projects`] (over-reliance on one
//! project). Their word lists and thresholds are data ([`rules`]); the rules and the formula are
//! documented in `docs/readiness.md`. Pure: no I/O, no clock.

pub mod projects;
pub mod questions;
pub mod render;
pub mod rules;
pub mod score;
pub mod story;
pub mod terminal;
pub mod words;

use serde::{Deserialize, Serialize};

use crate::framework::Framework;
use crate::i18n::{Arg, Lang, Messages};
use crate::{Document, LinkKind, StarPart, Story};

pub use render::{render_html, render_markdown, render_table};
pub use terminal::render_terminal;

/// The kind of a finding; the JSON names are part of the stable shape (`docs/json.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    UncoveredPrinciple,
    MissingPart,
    UnfinishedPart,
    NoMetric,
    WeHeavy,
    Length,
    UnlabelledDraft,
    BlankQuestion,
    OverReliance,
}

impl FindingKind {
    pub const ALL: [FindingKind; 9] = [
        FindingKind::UncoveredPrinciple,
        FindingKind::MissingPart,
        FindingKind::UnfinishedPart,
        FindingKind::NoMetric,
        FindingKind::WeHeavy,
        FindingKind::Length,
        FindingKind::UnlabelledDraft,
        FindingKind::BlankQuestion,
        FindingKind::OverReliance,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::UncoveredPrinciple => "uncovered-principle",
            FindingKind::MissingPart => "missing-part",
            FindingKind::UnfinishedPart => "unfinished-part",
            FindingKind::NoMetric => "no-metric",
            FindingKind::WeHeavy => "we-heavy",
            FindingKind::Length => "length",
            FindingKind::UnlabelledDraft => "unlabelled-draft",
            FindingKind::BlankQuestion => "blank-question",
            FindingKind::OverReliance => "over-reliance",
        }
    }
}

/// A finding before it is put into words: the checks produce these, language-neutral.
#[derive(Debug, Clone)]
pub struct Issue {
    pub kind: FindingKind,
    /// Story or question id; the principle key for principle findings.
    pub target: String,
    pub part: Option<StarPart>,
    /// Message id in the Fluent catalogues; the fix is `{msg}-fix`.
    pub msg: &'static str,
    /// Arguments besides the automatic `part`, `principle`, `story`.
    pub args: Vec<(&'static str, Arg)>,
    /// The principle the finding is about (uncovered principle, draft under a principle).
    pub principle: Option<String>,
    /// Story title for story findings.
    pub story: Option<String>,
    pub project: Option<String>,
    /// Places involved (over-reliance: the questions and principles using the project).
    pub related: Vec<String>,
    /// Unlabelled drafts: the parts the prose seems to have.
    pub parts: Vec<StarPart>,
    pub line: Option<usize>,
}

impl Issue {
    pub fn new(kind: FindingKind, target: impl Into<String>, msg: &'static str) -> Issue {
        Issue {
            kind,
            target: target.into(),
            part: None,
            msg,
            args: Vec::new(),
            principle: None,
            story: None,
            project: None,
            related: Vec::new(),
            parts: Vec::new(),
            line: None,
        }
    }
}

/// One finding, in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub target: String,
    /// situation|task|action|result for story findings, else null.
    pub part: Option<StarPart>,
    pub message: String,
    pub fix: String,
    /// 1-based line in the notes where the target starts, when known.
    pub line: Option<usize>,
    /// The file name of the notes holding the target, when known (issue 20).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub principle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub project: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub parts: Vec<StarPart>,
    /// Points the overall score would gain if this were fixed (simulated).
    pub gain: f64,
}

/// A story linked to a principle, with how well it fits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryLink {
    pub story: String,
    pub kind: LinkKind,
    /// Link strength 0..1 (explicit 1, inferred = confidence).
    pub confidence: f64,
    /// Strength × story quality.
    pub fit: f64,
}

/// One principle in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleReport {
    /// The built-in key (`think-big`).
    pub id: String,
    pub builtin: String,
    pub name: String,
    pub score: u32,
    /// How often the principle comes up (its weight in the overall mean).
    pub weight: f64,
    pub covered: bool,
    /// Linked story ids, best fit first.
    pub stories: Vec<String>,
    pub links: Vec<StoryLink>,
    /// Principle sections in the notes that point at this principle.
    pub sections: Vec<String>,
}

/// One story in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryReport {
    pub id: String,
    pub title: String,
    pub document: String,
    pub line: usize,
    /// 0..1: 1 minus the penalties of its findings.
    pub quality: f64,
    /// Estimated speaking time of the four parts, seconds.
    pub seconds: f64,
    /// Parts that are present and non-empty.
    pub present: Vec<StarPart>,
    /// The first measurable number in the story, with its neighbouring words.
    pub metric: Option<String>,
    pub principles: Vec<String>,
}

/// An action that would raise the overall score, with its simulated gain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextAction {
    pub kind: FindingKind,
    pub target: String,
    pub part: Option<StarPart>,
    pub action: String,
    pub gain: f64,
    /// Where to make the change: the notes' file name and line, when known (issue 20).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
}

/// The parts of the overall score (each 0..1 except the penalty, in points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Components {
    pub principles: f64,
    pub stories: f64,
    pub questions: f64,
    pub over_reliance_penalty: f64,
}

/// The readiness report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub lang: Lang,
    pub overall: u32,
    pub components: Components,
    pub principles: Vec<PrincipleReport>,
    pub stories: Vec<StoryReport>,
    pub findings: Vec<Finding>,
    pub next_actions: Vec<NextAction>,
}

/// What the checks found, before words: shared by the report and the planner.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub issues: Vec<Issue>,
    pub stories: Vec<StoryFacts>,
    pub scorer: score::Scorer,
}

/// What the checks learned about one story.
#[derive(Debug, Clone)]
pub struct StoryFacts {
    pub id: String,
    pub quality: f64,
    pub seconds: f64,
    pub present: Vec<StarPart>,
    pub metric: Option<String>,
}

/// Every story of the workspace, in order.
pub fn all_stories(workspace: &[Document]) -> impl Iterator<Item = (&Document, &Story)> {
    workspace
        .iter()
        .flat_map(|d| d.stories.iter().map(move |s| (d, s)))
}

/// Run every check (language-neutral).
pub fn analyse(workspace: &[Document], framework: &Framework) -> Analysis {
    let r = rules::rules();
    let n = workspace.iter().map(|d| d.stories.len()).sum();
    let mut issues = Vec::with_capacity(2 * n);
    let mut facts = Vec::with_capacity(n);
    for (_, s) in all_stories(workspace) {
        let a = story::check_story(s, r);
        facts.push(StoryFacts {
            id: s.id.to_string(),
            quality: 0.0,
            seconds: a.seconds,
            present: a.present,
            metric: a.metric,
        });
        issues.extend(a.issues);
    }
    let mut uncovered = Vec::new();
    for p in &framework.principles {
        let covered =
            all_stories(workspace).any(|(_, s)| s.links.iter().any(|l| l.principle == p.key));
        if !covered {
            let mut i = Issue::new(
                FindingKind::UncoveredPrinciple,
                p.key.clone(),
                "readiness-uncovered",
            );
            i.principle = Some(p.key.clone());
            uncovered.push(i);
        }
    }
    issues.splice(0..0, uncovered);
    issues.extend(questions::check_questions(workspace, r));
    issues.extend(questions::check_drafts(workspace, r));
    issues.extend(projects::check_projects(workspace, r));
    let scorer = score::Scorer::new(workspace, framework, &issues, r);
    for (f, q) in facts.iter_mut().zip(scorer.qualities()) {
        f.quality = q;
    }
    Analysis {
        issues,
        stories: facts,
        scorer,
    }
}

/// The readiness of a workspace at one moment, without the words: what is kept after every
/// change to the notes so the score can be drawn over time (`/history`, `loopcoach history`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub overall: u32,
    pub components: Components,
    /// Principles of the framework with at least one story.
    pub covered: usize,
    /// Principles in the framework.
    pub principles: usize,
    pub stories: usize,
    /// Findings of every kind (a story without a result, a blank question, …).
    pub findings: usize,
}

/// The [`Snapshot`] of `workspace`: the same numbers as [`report`], for a fraction of its work
/// (no messages, no simulated gains).
pub fn snapshot(workspace: &[Document], framework: &Framework) -> Snapshot {
    let analysis = analyse(workspace, framework);
    let sc = &analysis.scorer;
    let covered = (0..framework.principles.len())
        .filter(|&pi| sc.principle_links(pi).next().is_some())
        .count();
    let c = sc.components();
    Snapshot {
        overall: sc.overall().round().clamp(0.0, 100.0) as u32,
        components: Components {
            principles: round3(c.0),
            stories: round3(c.1),
            questions: round3(c.2),
            over_reliance_penalty: round1(c.3),
        },
        covered,
        principles: framework.principles.len(),
        stories: analysis.stories.len(),
        findings: analysis.issues.len(),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Build the report in `lang`.
pub fn report(workspace: &[Document], framework: &Framework, lang: Lang) -> Report {
    let analysis = analyse(workspace, framework);
    let msgs = Messages::new(lang);
    let gains = analysis.scorer.gains(&analysis.issues);
    let part_names: Vec<String> = StarPart::ALL.iter().map(|p| part_name(*p, &msgs)).collect();
    let mut findings: Vec<Finding> = analysis
        .issues
        .iter()
        .zip(&gains)
        .map(|(i, g)| finding(i, *g, framework, &msgs, &part_names))
        .collect();
    // The file each finding is in (by its target: a story, a question, a principle section).
    let file = |d: &Document| {
        std::path::Path::new(&d.path)
            .file_name()
            .map_or_else(|| d.path.clone(), |f| f.to_string_lossy().into_owned())
    };
    for f in &mut findings {
        f.path = workspace.iter().find_map(|d| {
            let here = d.stories.iter().any(|s| s.id == f.target)
                || d.questions.iter().any(|q| q.id == f.target)
                || d.principles
                    .iter()
                    .any(|p| p.id == f.target || p.builtin.as_deref() == Some(f.target.as_str()));
            (here && (f.line.is_some() || workspace.len() == 1)).then(|| file(d))
        });
    }

    // Next actions: the five fixes with the largest simulated gain (ties: report order).
    let mut order: Vec<usize> = (0..findings.len()).filter(|&i| gains[i] > 1e-9).collect();
    order.sort_by(|&a, &b| gains[b].total_cmp(&gains[a]).then(a.cmp(&b)));
    let next_actions = order
        .into_iter()
        .take(5)
        .map(|i| next_action(&findings, i, gains[i], framework, &msgs))
        .collect();

    let sc = &analysis.scorer;
    let mut principles = Vec::new();
    for (pi, p) in framework.principles.iter().enumerate() {
        let mut links: Vec<StoryLink> = sc
            .principle_links(pi)
            .map(|(si, kind, strength)| StoryLink {
                story: analysis.stories[si].id.clone(),
                kind,
                confidence: round3(strength),
                fit: round3(strength * analysis.stories[si].quality),
            })
            .collect();
        links.sort_by(|a, b| b.fit.total_cmp(&a.fit).then(a.story.cmp(&b.story)));
        let sections = workspace
            .iter()
            .flat_map(|d| d.principles.iter())
            .filter(|s| s.builtin.as_deref() == Some(p.key.as_str()))
            .map(|s| s.id.to_string())
            .collect();
        principles.push(PrincipleReport {
            id: p.key.clone(),
            builtin: p.key.clone(),
            name: p.name.get(lang).to_string(),
            score: (sc.principle_score(pi) * 100.0).round() as u32,
            weight: sc.weight(pi),
            covered: !links.is_empty(),
            stories: links.iter().map(|l| l.story.clone()).collect(),
            links,
            sections,
        });
    }
    let mut stories = Vec::with_capacity(analysis.stories.len());
    stories.extend(
        all_stories(workspace)
            .zip(&analysis.stories)
            .map(|((d, s), f)| StoryReport {
                id: s.id.to_string(),
                title: framework.story_title(s),
                document: d.id.clone(),
                line: s.source.line,
                quality: round3(f.quality),
                seconds: f.seconds.round(),
                present: f.present.clone(),
                metric: f.metric.clone(),
                principles: s.links.iter().map(|l| l.principle.to_string()).collect(),
            }),
    );
    let c = sc.components();
    Report {
        lang,
        overall: sc.overall().round().clamp(0.0, 100.0) as u32,
        components: Components {
            principles: round3(c.0),
            stories: round3(c.1),
            questions: round3(c.2),
            over_reliance_penalty: round1(c.3),
        },
        principles,
        stories,
        findings,
        next_actions,
    }
}

/// The next action for finding `i`: its fix, made concrete where the notes allow. A principle
/// with no story but a draft under it (notes that read like a story, an answer in prose) says
/// "turn your draft (notes.md:132) into S/T/A/R" instead of "write a story".
fn next_action(
    findings: &[Finding],
    i: usize,
    gain: f64,
    framework: &Framework,
    msgs: &Messages,
) -> NextAction {
    let f = &findings[i];
    let draft = (f.kind == FindingKind::UncoveredPrinciple)
        .then(|| {
            findings.iter().find(|d| {
                d.kind == FindingKind::UnlabelledDraft
                    && d.principle.is_some()
                    && d.principle == f.principle
                    && d.line.is_some()
            })
        })
        .flatten();
    let (action, path, line) = match (draft, &f.principle) {
        (Some(d), Some(k)) => {
            let at = match (&d.path, d.line) {
                (Some(p), Some(l)) => format!("{p}:{l}"),
                (_, l) => l.map(|l| l.to_string()).unwrap_or_default(),
            };
            let action = msgs.format(
                "report-action-turn-draft",
                &[
                    ("principle", Arg::from(framework.name(k, msgs.lang()))),
                    ("place", Arg::from(at)),
                ],
            );
            (action, d.path.clone(), d.line)
        }
        _ => (f.fix.clone(), f.path.clone(), f.line),
    };
    NextAction {
        kind: f.kind,
        target: f.target.clone(),
        part: f.part,
        action,
        gain: round1(gain),
        path,
        line,
    }
}

/// Localised name of a STAR part.
pub fn part_name(part: StarPart, msgs: &Messages) -> String {
    msgs.get(&format!("readiness-part-{}", part.as_str()))
}

/// One story's findings in words, without the simulated gains (the web UI's live checks
/// while a story is edited, issue 17): the same checks and messages as the report.
pub fn story_findings(s: &Story, framework: &Framework, msgs: &Messages) -> (Vec<Finding>, f64) {
    let check = story::check_story(s, rules::rules());
    let part_names: Vec<String> = StarPart::ALL.iter().map(|p| part_name(*p, msgs)).collect();
    let findings = check
        .issues
        .iter()
        .map(|i| finding(i, 0.0, framework, msgs, &part_names))
        .collect();
    (findings, check.seconds)
}

fn finding(
    i: &Issue,
    gain: f64,
    framework: &Framework,
    msgs: &Messages,
    part_names: &[String],
) -> Finding {
    let lang = msgs.lang();
    let mut args: Vec<(&str, Arg)> = i.args.clone();
    if let Some(p) = i.part {
        args.push(("part", Arg::from(&part_names[p.index()])));
    }
    if let Some(k) = &i.principle {
        args.push(("principle", Arg::from(framework.name(k, lang))));
        if let Some(p) = framework.get(k) {
            args.push(("summary", Arg::from(p.summary.get(lang))));
        }
    }
    if let Some(t) = &i.story {
        args.push(("story", Arg::from(t)));
    }
    if !i.parts.is_empty() {
        let names: Vec<&str> = i
            .parts
            .iter()
            .map(|p| part_names[p.index()].as_str())
            .collect();
        args.push(("parts", Arg::from(names.join(", "))));
    }
    if let Some(p) = &i.project {
        args.push(("project", Arg::from(p)));
    }
    Finding {
        kind: i.kind,
        target: i.target.clone(),
        part: i.part,
        message: msgs.format(i.msg, &args),
        fix: msgs.format(&format!("{}-fix", i.msg), &args),
        line: i.line,
        path: None,
        principle: i.principle.clone(),
        project: i.project.clone(),
        related: i.related.clone(),
        parts: i.parts.clone(),
        gain: round1(gain),
    }
}
