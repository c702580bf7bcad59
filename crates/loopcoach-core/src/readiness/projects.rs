//! Over-reliance: one project (or one story) told for more than two principles or questions.
//!
//! Project names are the one or two words before an anchor word ("KB카드 마이데이터 프로젝트",
//! "GST프로젝트", "the Atlas project"), read from story titles and texts, question answers and
//! principle notes. Names that share a word are the same project ("마이데이터" and "KB카드
//! 마이데이터"). A project's uses are the distinct questions and principles whose text (or whose
//! stories' text) mentions any of its words.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::AhoCorasick;

use crate::i18n::Arg;
use crate::links::classifier;
use crate::{Document, LinkKind, StoryParent};

use super::rules::Rules;
use super::words::{is_word_char, lower};
use super::{FindingKind, Issue};

/// A project recognised in the notes: its name as first written in full, and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: String,
    pub words: Vec<String>,
}

fn is_name_word(w: &str, r: &Rules) -> bool {
    let p = &r.projects;
    let lw = lower(w);
    w.chars().count() >= p.min_chars
        && w.chars().any(char::is_alphabetic)
        && !p.stopwords.contains(&lw)
        && !r
            .pronouns
            .i
            .iter()
            .chain(r.pronouns.we.iter())
            .any(|s| *s == lw)
        && !(w.chars().last().is_some_and(crate::text::is_hangul)
            && p.stop_endings.iter().any(|e| w.ends_with(e.as_str())))
}

/// Project mentions in a text: each a list of (original-case) words.
pub fn mentions(text: &str, r: &Rules) -> Vec<Vec<String>> {
    mentions_with(text, r, anchor_finder(r).as_ref())
}

fn anchor_finder(r: &Rules) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&r.projects.anchors)
        .ok()
}

fn mentions_with(text: &str, r: &Rules, anchors: Option<&AhoCorasick>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if anchors.is_some_and(|a| !a.is_match(text)) {
        return out;
    }
    for line in text.lines() {
        if !anchors.is_none_or(|a| a.is_match(line)) {
            continue;
        }
        let words: Vec<&str> = line
            .split(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ',' | '.'
                            | '('
                            | ')'
                            | '"'
                            | '\''
                            | '/'
                            | ':'
                            | ';'
                            | '!'
                            | '?'
                            | '-'
                            | '>'
                    )
            })
            .filter(|w| !w.is_empty())
            .collect();
        for (i, w) in words.iter().enumerate() {
            let lw = lower(w);
            let Some(anchor) = r.projects.anchors.iter().find(|a| lw.contains(a.as_str())) else {
                continue;
            };
            let at = lw.find(anchor.as_str()).unwrap_or(0);
            let mut names: Vec<String> = Vec::new();
            if at > 0 {
                // "GST프로젝트": the name is glued to the anchor.
                let glued = w.get(..at).unwrap_or("");
                if is_name_word(glued, r) {
                    names.push(glued.to_string());
                }
            } else {
                for back in 1..=2 {
                    let Some(j) = i.checked_sub(back) else { break };
                    if !is_name_word(words[j], r) {
                        break;
                    }
                    names.insert(0, words[j].to_string());
                }
            }
            if !names.is_empty() {
                out.push(names);
            }
        }
    }
    out
}

/// The projects of a workspace, words grouped so that names sharing a word are one project.
pub fn projects(workspace: &[Document], r: &Rules) -> Vec<Project> {
    let mut texts: Vec<&str> = Vec::new();
    for d in workspace {
        for s in &d.stories {
            texts.push(&s.title);
            texts.extend(s.parts.iter().flatten().map(|p| p.text.as_str()));
            texts.push(&s.notes);
        }
        for q in &d.questions {
            texts.push(&q.answer);
        }
        for p in &d.principles {
            texts.push(&p.notes);
        }
    }
    // Union-find over lowercased words.
    let mut groups: Vec<(Vec<String>, String)> = Vec::new(); // (words, display name)
    let anchors = anchor_finder(r);
    for t in texts {
        for m in mentions_with(t, r, anchors.as_ref()) {
            let words: Vec<String> = m.iter().map(|w| lower(w)).collect();
            let name = m.join(" ");
            let hits: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.0.iter().any(|w| words.contains(w)))
                .map(|(i, _)| i)
                .collect();
            let mut merged = (words, name);
            let mut kept_name: Option<String> = None;
            for &i in hits.iter().rev() {
                let g = groups.remove(i);
                for w in g.0 {
                    if !merged.0.contains(&w) {
                        merged.0.push(w);
                    }
                }
                // Keep the earliest spelling unless the new one has more words.
                if g.1.split(' ').count() >= merged.1.split(' ').count() {
                    kept_name = Some(g.1);
                }
            }
            if let Some(n) = kept_name {
                merged.1 = n;
            }
            groups.push(merged);
        }
    }
    groups
        .into_iter()
        .map(|(words, name)| Project { name, words })
        .collect()
}

/// Finds which projects a text mentions, all project words at once (Aho-Corasick).
struct Matcher {
    ac: Option<AhoCorasick>,
    words: Vec<String>,
    owner: Vec<usize>,
}

impl Matcher {
    fn new(projects: &[Project]) -> Matcher {
        let mut words = Vec::new();
        let mut owner = Vec::new();
        for (i, p) in projects.iter().enumerate() {
            for w in &p.words {
                words.push(w.clone());
                owner.push(i);
            }
        }
        // Patterns are lowercase; ASCII case is ignored while matching, Hangul has none.
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .ok();
        Matcher { ac, words, owner }
    }

    /// Indices of the projects `text` mentions; a word starting with an ASCII letter must start
    /// a word in the text ("gst" is not in "igst").
    fn hits(&self, text: &str) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let Some(ac) = &self.ac else { return out };
        for m in ac.find_overlapping_iter(text) {
            let w = &self.words[m.pattern().as_usize()];
            let word_start = w.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if !word_start
                || text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_word_char(c))
            {
                out.insert(self.owner[m.pattern().as_usize()]);
            }
        }
        out
    }
}

/// Over-reliance findings: projects, then stories, used in more than `max_uses` places.
pub fn check_projects(workspace: &[Document], r: &Rules) -> Vec<Issue> {
    let mut out = Vec::new();
    let c = classifier();
    let max = r.projects.max_uses;
    let projects = projects(workspace, r);
    let matcher = Matcher::new(&projects);
    // Places per project: principle keys, or question ids for questions that map to none.
    let mut places: Vec<Vec<String>> = vec![Vec::new(); projects.len()];
    let mut first_story: Vec<Option<(String, usize)>> = vec![None; projects.len()];
    let add = |places: &mut Vec<Vec<String>>, pi: usize, place: String| {
        if !places[pi].contains(&place) {
            places[pi].push(place);
        }
    };
    for d in workspace {
        let sections: BTreeMap<&str, Option<&str>> = d
            .principles
            .iter()
            .map(|s| (s.id.as_str(), s.builtin.as_deref()))
            .collect();
        // A question that maps to a principle is a use of that principle.
        let question_place: BTreeMap<&str, String> = d
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    c.question_principle(&q.title)
                        .unwrap_or_else(|| q.id.clone()),
                )
            })
            .collect();
        for s in &d.stories {
            let mut hits = matcher.hits(&s.title);
            for t in s
                .parts
                .iter()
                .flatten()
                .map(|p| p.text.as_str())
                .chain([s.notes.as_str()])
            {
                hits.extend(matcher.hits(t));
            }
            for pi in hits {
                if first_story[pi].is_none() {
                    first_story[pi] = Some((s.id.clone(), s.source.line));
                }
                match &s.parent {
                    StoryParent::Question(q) => add(
                        &mut places,
                        pi,
                        question_place
                            .get(q.as_str())
                            .cloned()
                            .unwrap_or_else(|| q.clone()),
                    ),
                    StoryParent::Principle(id) => add(
                        &mut places,
                        pi,
                        sections
                            .get(id.as_str())
                            .copied()
                            .flatten()
                            .unwrap_or(id)
                            .to_string(),
                    ),
                    _ => {}
                }
                for l in s.links.iter().filter(|l| l.kind == LinkKind::Explicit) {
                    add(&mut places, pi, l.principle.clone());
                }
            }
        }
        for q in &d.questions {
            let own: String = q.title.clone() + "\n" + &q.answer;
            for pi in matcher.hits(&own) {
                add(
                    &mut places,
                    pi,
                    question_place
                        .get(q.id.as_str())
                        .cloned()
                        .unwrap_or_else(|| q.id.clone()),
                );
            }
        }
        for s in &d.principles {
            for pi in matcher.hits(&s.notes) {
                add(
                    &mut places,
                    pi,
                    s.builtin.clone().unwrap_or_else(|| s.id.clone()),
                );
            }
        }
    }
    for (pi, p) in projects.iter().enumerate() {
        let ordered = std::mem::take(&mut places[pi]);
        if ordered.len() > max {
            let (target, line) = first_story[pi]
                .clone()
                .unwrap_or_else(|| (ordered[0].clone(), 0));
            let mut i = Issue::new(FindingKind::OverReliance, target, "readiness-over-reliance");
            i.args.push(("count", Arg::from(ordered.len())));
            i.args.push(("max", Arg::from(max)));
            i.project = Some(p.name.clone());
            i.related = ordered;
            i.line = (line > 0).then_some(line);
            out.push(i);
        }
    }
    // A single story explicitly linked to more than `max` principles.
    for d in workspace {
        for s in &d.stories {
            let explicit: Vec<String> = s
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::Explicit)
                .map(|l| l.principle.clone())
                .collect();
            if explicit.len() > max {
                let mut i = Issue::new(
                    FindingKind::OverReliance,
                    s.id.clone(),
                    "readiness-over-reliance-story",
                );
                i.args.push(("count", Arg::from(explicit.len())));
                i.args.push(("max", Arg::from(max)));
                i.story = Some(s.title.clone());
                i.related = explicit;
                i.line = Some(s.source.line);
                out.push(i);
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::readiness::rules::rules;

    fn names(t: &str) -> Vec<String> {
        mentions(t, rules())
            .into_iter()
            .map(|m| m.join(" "))
            .collect()
    }

    #[test]
    fn finds_project_names_in_korean_and_english() {
        assert_eq!(
            names("KB카드 마이데이터 프로젝트는 일정부터가 촉박했습니다"),
            vec!["KB카드 마이데이터"]
        );
        assert_eq!(names("인도 출장 GST 프로젝트 ->"), vec!["GST"]);
        assert_eq!(names("GST프로젝트 관련 자재"), vec!["GST"]);
        assert_eq!(names("대한항공 프로젝트에서 한 위원님과"), vec!["대한항공"]);
        assert_eq!(names("I led the Atlas project for a year"), vec!["Atlas"]);
    }

    #[test]
    fn verb_forms_and_pronouns_are_not_names() {
        assert!(names("처음 혼자 투입된 프로젝트에서").is_empty());
        assert!(names("매우 촉박한 프로젝트 였습니다").is_empty());
        assert!(names("제가 프로젝트를 하면서").is_empty());
        assert!(names("성공적으로 프로젝트를 맞칠수").is_empty());
        assert!(names("이미 프로젝트의 일정이").is_empty());
        assert!(names("this project went well").is_empty());
    }
}
