//! The JSON shapes other tools rely on (`docs/json.md`): stable views over the model, shared
//! by the CLI's `--json` and, later, the web UI. Fields are only ever added, never renamed.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::{Document, Framework, Lang, LinkKind, PrincipleLink, StarPart, StoryParent};

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct StoryView {
    pub id: String,
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    /// Linked principle ids (built-in keys), explicit links first.
    pub principles: Vec<String>,
    pub links: Vec<PrincipleLink>,
    /// Which STAR labels the notes have (a part can be labelled and still empty).
    pub labelled: Vec<&'static str>,
    /// Principle keys named in bold inside the story (`**Dive Deep**`).
    pub tags: Vec<String>,
    pub notes: String,
    pub parent: StoryParent,
    pub document: String,
    pub source: SourceView,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub answer: String,
    pub points: Vec<String>,
    pub stories: Vec<String>,
    /// The principle the question maps to, if one.
    pub principle: Option<String>,
    pub document: String,
    pub source: SourceView,
}

#[derive(Debug, Serialize)]
pub struct PrincipleView {
    /// The built-in key for built-in principles; the section id for a section that matches none.
    pub id: String,
    /// The name as written in the notes (else the framework's English name).
    pub name: String,
    pub builtin: Option<String>,
    pub name_en: String,
    pub name_ko: String,
    pub summary: String,
    /// Whether the notes have a section for it.
    pub in_notes: bool,
    pub sections: Vec<String>,
    pub description: String,
    pub translation: String,
    pub notes: String,
    /// Ids of linked stories: explicit first, then inferred.
    pub stories: Vec<String>,
    pub source: Option<SourceView>,
}

fn source(path: &str, s: &crate::Source) -> SourceView {
    SourceView {
        path: path.to_string(),
        line: s.line,
        column: s.column,
    }
}

pub fn stories(ws: &[Document]) -> Vec<StoryView> {
    ws.iter()
        .flat_map(|d| {
            d.stories.iter().map(move |s| StoryView {
                id: s.id.to_string(),
                title: s.title.to_string(),
                situation: s.part(StarPart::Situation).to_string(),
                task: s.part(StarPart::Task).to_string(),
                action: s.part(StarPart::Action).to_string(),
                result: s.part(StarPart::Result).to_string(),
                principles: s.links.iter().map(|l| l.principle.to_string()).collect(),
                links: s.links.clone(),
                labelled: StarPart::ALL
                    .into_iter()
                    .filter(|p| s.has_label(*p))
                    .map(StarPart::as_str)
                    .collect(),
                tags: s.tags.iter().map(|t| t.to_string()).collect(),
                notes: s.notes.clone(),
                parent: s.parent.clone(),
                document: d.id.clone(),
                source: source(&d.path, &s.source),
            })
        })
        .collect()
}

pub fn questions(ws: &[Document]) -> Vec<QuestionView> {
    let c = crate::links::classifier();
    ws.iter()
        .flat_map(|d| {
            d.questions.iter().map(move |q| QuestionView {
                id: q.id.to_string(),
                number: q.number,
                title: q.title.clone(),
                answer: q.answer.clone(),
                points: q.points.iter().map(|p| p.text.to_string()).collect(),
                stories: q.stories.iter().map(|s| s.to_string()).collect(),
                principle: c.question_principle(&q.title),
                document: d.id.clone(),
                source: source(&d.path, &q.source),
            })
        })
        .collect()
}

/// The 16 built-in principles (in framework order) with what the notes say about each, then
/// any principle section that matches no built-in principle.
pub fn principles(ws: &[Document], fw: &Framework, lang: Lang) -> Vec<PrincipleView> {
    let mut out = Vec::new();
    for p in &fw.principles {
        let sections: Vec<(&Document, &crate::PrincipleSection)> = ws
            .iter()
            .flat_map(|d| d.principles.iter().map(move |s| (d, s)))
            .filter(|(_, s)| s.builtin.as_deref() == Some(p.key.as_str()))
            .collect();
        let mut explicit = Vec::new();
        let mut inferred = Vec::new();
        for d in ws {
            for s in &d.stories {
                for l in &s.links {
                    if l.principle == p.key {
                        match l.kind {
                            LinkKind::Explicit => explicit.push(s.id.to_string()),
                            LinkKind::Inferred => inferred.push(s.id.to_string()),
                        }
                    }
                }
            }
        }
        explicit.extend(inferred);
        let join = |f: fn(&crate::PrincipleSection) -> &str| {
            sections
                .iter()
                .map(|(_, s)| f(s))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        out.push(PrincipleView {
            id: p.key.clone(),
            name: sections
                .first()
                .map_or_else(|| p.name.en.clone(), |(_, s)| s.name.to_string()),
            builtin: Some(p.key.clone()),
            name_en: p.name.en.clone(),
            name_ko: p.name.ko.clone(),
            summary: p.summary.get(lang).to_string(),
            // A section of its own, or tagged: in front matter or in bold inside a story.
            in_notes: !sections.is_empty()
                || ws.iter().any(|d| {
                    d.front_matter
                        .as_ref()
                        .is_some_and(|f| f.principle_tags.contains(&p.key))
                        || d.stories
                            .iter()
                            .any(|s| s.tags.iter().any(|t| t.as_str() == p.key))
                        // A prompt that is the principle's name alone (a row `Ownership`).
                        || d.questions.iter().any(|q| {
                            q.title.len() <= 64
                                && fw.match_principle(&q.title).is_some_and(|(m, score)| {
                                    score >= 0.9 && m.key == p.key
                                })
                        })
                }),
            sections: sections.iter().map(|(_, s)| s.id.to_string()).collect(),
            description: join(|s| &s.description),
            translation: join(|s| &s.translation),
            notes: join(|s| &s.notes),
            stories: explicit,
            source: sections.first().map(|(d, s)| source(&d.path, &s.source)),
        });
    }
    for d in ws {
        for s in d.principles.iter().filter(|s| s.builtin.is_none()) {
            out.push(PrincipleView {
                id: s.id.to_string(),
                name: s.name.to_string(),
                builtin: None,
                name_en: String::new(),
                name_ko: String::new(),
                summary: String::new(),
                in_notes: true,
                sections: vec![s.id.to_string()],
                description: s.description.clone(),
                translation: s.translation.clone(),
                notes: s.notes.clone(),
                stories: s.stories.iter().map(|s| s.to_string()).collect(),
                source: Some(source(&d.path, &s.source)),
            });
        }
    }
    out
}

/// Everything: per document, front matter as an ordered object, sections, rounds, questions,
/// stories, principles and warnings.
pub fn show(ws: &[Document], fw: &Framework, lang: Lang) -> Value {
    let docs: Vec<Value> = ws
        .iter()
        .map(|d| {
            let one = std::slice::from_ref(d);
            let fm = d.front_matter.as_ref().map(|f| {
                let mut m = Map::new();
                for (k, v) in &f.entries {
                    m.insert(k.clone(), v.clone());
                }
                serde_json::json!({"format": f.format, "entries": Value::Object(m), "principle_tags": f.principle_tags})
            });
            let rounds: Vec<Value> = d
                .rounds
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "ordinal": r.ordinal, "title": r.title, "topics": r.topics,
                        "topic_keys": r.topic_keys, "notes": r.notes, "source": source(&d.path, &r.source),
                    })
                })
                .collect();
            let sections: Vec<Value> = d
                .sections
                .iter()
                .map(|s| serde_json::json!({"id": s.id, "kind": s.kind, "title": s.title, "level": s.level, "source": source(&d.path, &s.source)}))
                .collect();
            serde_json::json!({
                "id": d.id,
                "path": d.path,
                "hash": d.hash,
                "front_matter": fm,
                "sections": sections,
                "rounds": rounds,
                "questions": questions(one),
                "stories": stories(one),
                "principles": d.principles.iter().map(|p| serde_json::json!({
                    "id": p.id, "number": p.number, "name": p.name, "builtin": p.builtin,
                    "match_score": p.match_score, "description": p.description,
                    "translation": p.translation, "notes": p.notes, "stories": p.stories,
                    "source": source(&d.path, &p.source),
                })).collect::<Vec<_>>(),
                "warnings": d.warnings,
            })
        })
        .collect();
    let first = ws.first();
    serde_json::json!({
        "documents": docs,
        // The first document's front matter and rounds at the top level, for single-file use.
        "front_matter": first.and_then(|d| d.front_matter.as_ref()).map(|f| {
            let mut m = Map::new();
            for (k, v) in &f.entries { m.insert(k.clone(), v.clone()); }
            Value::Object(m)
        }),
        "rounds": ws.iter().flat_map(|d| d.rounds.iter().map(move |r| serde_json::json!({
            "id": r.id, "ordinal": r.ordinal, "title": r.title, "topics": r.topics,
            "topic_keys": r.topic_keys, "notes": r.notes, "document": d.id,
        }))).collect::<Vec<_>>(),
        "principles": principles(ws, fw, lang),
    })
}
