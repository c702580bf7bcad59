//! Over-reliance: one project (or one story) told for more than two principles or questions.
//!
//! Project names are the one or two words before an anchor word ("KB카드 마이데이터 프로젝트",
//! "GST프로젝트", "the Atlas project"), read from story titles and texts, question answers and
//! principle notes. Names that share a word are the same project ("마이데이터" and "KB카드
//! 마이데이터"). A project's uses are the distinct questions and principles whose text (or whose
//! stories' text) mentions any of its words.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{
    AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, Span, StartKind, packed,
};

use crate::i18n::Arg;
use crate::links::classifier;
use crate::{Document, LinkKind, StoryParent};

use super::rules::Rules;
use super::words::{is_word_char, lower, lowered_eq, lowers_in_place};
use super::{FindingKind, Issue};

/// A project recognised in the notes: its name as first written in full, and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: String,
    pub words: Vec<String>,
}

fn is_name_word(w: &str, r: &Rules) -> bool {
    let p = &r.projects;
    // Letters: ASCII and Hangul syllables answered without the Unicode tables.
    let letter = |c: char| {
        c.is_ascii_alphabetic()
            || ('\u{AC00}'..='\u{D7A3}').contains(&c)
            || (!c.is_ascii() && c.is_alphabetic())
    };
    w.chars().count() >= p.min_chars
        && w.chars().any(letter)
        && !is_not_name(w, r)
        && !(w.chars().last().is_some_and(crate::text::is_hangul)
            && p.stop_endings.iter().any(|e| w.ends_with(e.as_str())))
}

/// Whether a word, lowercased, is a stopword or a pronoun (lowercased on the stack when it
/// lowercases in place).
fn is_not_name(w: &str, r: &Rules) -> bool {
    let not_names = &r.derived().not_names;
    let mut buf = [0u8; 64];
    if w.len() <= buf.len() && lowers_in_place(w) {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII lowercasing of valid UTF-8 is valid UTF-8.
        if let Ok(lw) = std::str::from_utf8(&buf[..w.len()]) {
            return not_names.contains(lw);
        }
    }
    not_names.contains(&lower(w))
}

/// Project mentions in a text: each a list of (original-case) words.
pub fn mentions(text: &str, r: &Rules) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    mentions_into(text, r, &mut out);
    out
}

/// A character that separates the words of a project name.
pub fn is_name_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | '.' | '(' | ')' | '"' | '\'' | '/' | ':' | ';' | '!' | '?' | '-' | '>'
        )
}

/// Finds where project anchors start in a text (ASCII case ignored), fast on Korean text:
/// a case-sensitive automaton over the anchors' beginnings (every ASCII case of their first
/// three letters; Hangul has no case) proposes places, and each is checked against the
/// anchors. Every place an anchor starts is found, overlapping or not.
#[derive(Debug, Clone)]
pub struct AnchorStarts {
    candidates: AhoCorasick,
    anchors: Vec<String>,
}

impl AnchorStarts {
    /// `None` when an anchor is empty or holds a character that separates name words (then a
    /// match is not inside one word), or no automaton can be built.
    pub fn new(anchors: &[String]) -> Option<AnchorStarts> {
        if anchors
            .iter()
            .any(|a| a.is_empty() || a.contains(is_name_separator))
        {
            return None;
        }
        let mut prefixes: Vec<Vec<u8>> = Vec::new();
        for a in anchors {
            // The longest beginning with at most three ASCII letters: at most 8 cases.
            let b = a.as_bytes();
            let mut letters = 0;
            let len = b
                .iter()
                .position(|c| {
                    letters += usize::from(c.is_ascii_alphabetic());
                    letters > 3
                })
                .unwrap_or(b.len());
            let cases = ascii_cases(&b[..len]);
            for p in cases {
                if !prefixes.contains(&p) {
                    prefixes.push(p);
                }
            }
        }
        let leftmost = |patterns: &[Vec<u8>], ci: bool| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .ascii_case_insensitive(ci)
                .build(patterns)
                .ok()
        };
        let candidates = leftmost(&prefixes, false).or_else(|| {
            let full: Vec<Vec<u8>> = anchors.iter().map(|a| a.as_bytes().to_vec()).collect();
            leftmost(&full, true)
        })?;
        Some(AnchorStarts {
            candidates,
            anchors: anchors.to_vec(),
        })
    }

    /// Byte offsets where an anchor starts in `text`, in order.
    pub fn starts<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        let b = text.as_bytes();
        let mut from = 0;
        std::iter::from_fn(move || {
            while from <= b.len() {
                // Leftmost: the earliest place any beginning starts at or after `from`.
                let at = self
                    .candidates
                    .find(Input::new(b).span(from..b.len()))?
                    .start();
                from = at + 1;
                if self.anchors.iter().any(|a| {
                    b.get(at..at + a.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(a.as_bytes()))
                }) {
                    return Some(at);
                }
            }
            None
        })
    }
}

/// Every ASCII case of `bytes` (2^letters spellings; other bytes as they are).
fn ascii_cases(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut cases = vec![bytes.to_ascii_lowercase()];
    for (i, c) in bytes.iter().enumerate() {
        if c.is_ascii_alphabetic() {
            let upper: Vec<Vec<u8>> = cases
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    p[i] = p[i].to_ascii_uppercase();
                    p
                })
                .collect();
            cases.extend(upper);
        }
    }
    cases
}

/// The first anchor (in list order) the lowercased word contains, and where (in the lowercased
/// word). ASCII-and-Hangul words are compared in place, without lowercasing a copy.
fn anchor_in(w: &str, r: &Rules) -> Option<usize> {
    let anchors = &r.projects.anchors;
    if lowers_in_place(w) {
        let b = w.as_bytes();
        anchors.iter().find_map(|a| {
            let a = a.as_bytes();
            if a.is_empty() {
                return Some(0);
            }
            (0..=b.len().checked_sub(a.len())?).find(|&at| lowered_eq(&b[at..at + a.len()], a))
        })
    } else {
        let lw = lower(w);
        anchors
            .iter()
            .find(|a| lw.contains(a.as_str()))
            .map(|a| lw.find(a.as_str()).unwrap_or(0))
    }
}

/// Appends the project mentions of `text` to `out`. Only lines holding an anchor are read.
fn mentions_into(text: &str, r: &Rules, out: &mut Vec<Vec<String>>) {
    let d = r.derived();
    let Some(finder) = &d.anchor_finder else {
        for line in text.lines() {
            line_mentions(line, r, out);
        }
        return;
    };
    let Some(anchor_starts) = &d.anchor_starts else {
        let mut from = 0;
        while let Some(m) = finder.find(&text[from..]) {
            let (start, end) = line_around(text, from + m.start());
            line_mentions(&text[start..end], r, out);
            if end == text.len() {
                break;
            }
            from = end + 1;
        }
        return;
    };
    // One pass: each anchor marks the word it lies in; a line is read when the pass leaves it.
    let mut line: Option<(usize, usize, bool)> = None;
    let mut starts: Vec<usize> = Vec::new();
    for at in anchor_starts.starts(text) {
        let (start, end, in_place) = match line {
            Some(l) if at < l.1 => l,
            _ => {
                if let Some(l) = line {
                    read_line(&text[l.0..l.1], l.2, &mut starts, r, out);
                }
                let (start, end) = line_around(text, at);
                let l = (start, end, lowers_in_place(&text[start..end]));
                line = Some(l);
                l
            }
        };
        if in_place {
            starts.push(word_start(&text[start..end], at - start));
        }
    }
    if let Some(l) = line {
        read_line(&text[l.0..l.1], l.2, &mut starts, r, out);
    }
}

/// The line (without its `\n`) holding byte `at`.
fn line_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

/// The mentions of a line holding an anchor: in a line that [`lowers_in_place`] a word can
/// hold an anchor only where the automaton found one (ASCII case ignored), so only the words
/// at `starts` are looked at, and the words before them found by scanning back; any other line
/// is read word by word.
fn read_line(
    line: &str,
    in_place: bool,
    starts: &mut Vec<usize>,
    r: &Rules,
    out: &mut Vec<Vec<String>>,
) {
    if !in_place {
        line_mentions(line, r, out);
        return;
    }
    starts.sort_unstable();
    starts.dedup();
    for &ws in starts.iter() {
        let before = |back: usize| {
            let mut start = ws;
            for _ in 0..back {
                start = word_before(line, start)?;
            }
            Some(word_at(line, start))
        };
        if let Some(names) = mention_at(word_at(line, ws), before, r) {
            out.push(names);
        }
    }
    starts.clear();
}

/// Where the word that ends at `end` (or holds byte `end - 1`) starts.
fn word_start(line: &str, end: usize) -> usize {
    line[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| is_name_separator(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the word before the one starting at `start` starts, if there is one.
fn word_before(line: &str, start: usize) -> Option<usize> {
    let end = line[..start].trim_end_matches(is_name_separator).len();
    (end > 0).then(|| word_start(line, end))
}

/// The word starting at `start`.
fn word_at(line: &str, start: usize) -> &str {
    let rest = &line[start..];
    rest.find(is_name_separator).map_or(rest, |i| &rest[..i])
}

/// The mention a word holding an anchor makes: the name glued before the anchor, or the one
/// or two name words before it.
fn mention_at<'a>(
    w: &'a str,
    before: impl Fn(usize) -> Option<&'a str>,
    r: &Rules,
) -> Option<Vec<String>> {
    let at = anchor_in(w, r)?;
    let mut names: Vec<String> = Vec::new();
    if at > 0 {
        // "GST프로젝트": the name is glued to the anchor.
        let glued = w.get(..at).unwrap_or("");
        if is_name_word(glued, r) {
            names.push(glued.to_string());
        }
    } else {
        for back in 1..=2 {
            let Some(b) = before(back) else { break };
            if !is_name_word(b, r) {
                break;
            }
            names.insert(0, b.to_string());
        }
    }
    (!names.is_empty()).then_some(names)
}

/// The mentions in one line, every word looked at (a line of `str::lines`, or one with its
/// `\r` still on: `\r` only separates words).
fn line_mentions(line: &str, r: &Rules, out: &mut Vec<Vec<String>>) {
    let words: Vec<&str> = line
        .split(is_name_separator)
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let before = |back: usize| i.checked_sub(back).map(|j| words[j]);
        if let Some(names) = mention_at(w, before, r) {
            out.push(names);
        }
    }
}

/// A group of project words while grouping: its words (lowercased, first seen first) and its
/// display name. Groups are kept in the order they were last changed.
struct Group {
    words: Vec<String>,
    name: String,
    live: bool,
}

/// The projects of a workspace, words grouped so that names sharing a word are one project.
///
/// Each mention joins every group that shares a word with it into one group, which becomes the
/// newest; the name is the earliest spelling unless the new one has more words. An index from
/// word to group finds the groups a mention touches without looking at the others.
pub fn projects(workspace: &[Document], r: &Rules) -> Vec<Project> {
    let mut mentions = Vec::new();
    for d in workspace {
        for s in &d.stories {
            mentions_into(&s.title, r, &mut mentions);
            for p in s.parts.iter().flatten() {
                mentions_into(&p.text, r, &mut mentions);
            }
            mentions_into(&s.notes, r, &mut mentions);
        }
        for q in &d.questions {
            mentions_into(&q.answer, r, &mut mentions);
        }
        for p in &d.principles {
            mentions_into(&p.notes, r, &mut mentions);
        }
    }
    // Groups by id; a new id for every change, so ids are in last-changed order.
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut hits: Vec<usize> = Vec::new();
    for m in mentions {
        let words: Vec<String> = m.iter().map(|w| lower(w)).collect();
        let name = m.join(" ");
        hits.clear();
        hits.extend(words.iter().filter_map(|w| index.get(w).copied()));
        hits.sort_unstable();
        hits.dedup();
        let id = groups.len();
        // Keep the earliest spelling unless the new one has more words.
        let new_len = name.split(' ').count();
        let name = hits
            .iter()
            .map(|&g| &groups[g].name)
            .find(|n| n.split(' ').count() >= new_len)
            .cloned()
            .unwrap_or(name);
        for w in &words {
            index.insert(w.clone(), id);
        }
        let mut merged = words;
        // The words of the touched groups, newest group first, each word once.
        for &g in hits.iter().rev() {
            let old = std::mem::take(&mut groups[g].words);
            groups[g].live = false;
            for w in old {
                if let Some(slot) = index.get_mut(&w)
                    && *slot != id
                {
                    *slot = id;
                    merged.push(w);
                }
            }
        }
        groups.push(Group {
            words: merged,
            name,
            live: true,
        });
    }
    groups
        .into_iter()
        .filter(|g| g.live)
        .map(|g| Project {
            name: g.name,
            words: g.words,
        })
        .collect()
}

/// Finds which projects a text mentions, all project words at once (Aho-Corasick).
///
/// When the words' beginnings (their first three bytes, in every ASCII case) are few enough
/// for a SIMD searcher, it proposes the places a word may start and the automaton is run
/// anchored at each; else the automaton reads the whole text. Both find every word at every
/// place it starts.
struct Matcher {
    ac: Option<AhoCorasick>,
    starts: Option<packed::Searcher>,
    words: Vec<String>,
    owner: Vec<usize>,
    /// Per word: whether it ends in a digit (then a digit right after it in the text means
    /// a longer number, not this word).
    ends_in_digit: Vec<bool>,
}

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
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
        let build = |kind| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .start_kind(StartKind::Both)
                .kind(kind)
                .build(&words)
                .ok()
        };
        let ac = build(Some(AhoCorasickKind::DFA)).or_else(|| build(None));
        let mut beginnings: Vec<Vec<u8>> = Vec::new();
        for w in &words {
            for p in ascii_cases(&w.as_bytes()[..w.len().min(3)]) {
                if !beginnings.contains(&p) {
                    beginnings.push(p);
                }
            }
        }
        // No searcher (too many beginnings, an empty word, no SIMD): read whole texts.
        let starts = if ac.is_some() && !words.iter().any(String::is_empty) {
            packed::Config::new().builder().extend(&beginnings).build()
        } else {
            None
        };
        let ends_in_digit = words
            .iter()
            .map(|w| w.chars().next_back().is_some_and(is_digit))
            .collect();
        Matcher {
            ac,
            starts,
            words,
            owner,
            ends_in_digit,
        }
    }

    /// Calls `hit` with the index of each project `text` mentions (a project may come more than
    /// once); a word starting with an ASCII letter must start a word in the text ("gst" is not
    /// in "igst"), and a word ending in a digit must not be followed by one ("atlas1" is not in
    /// "Atlas12", "프로젝트1" is not in "프로젝트12"). Anything else may follow a word: Korean
    /// particles ("마이데이터를"), English plurals and possessives ("Atlas's").
    fn hits(&self, text: &str, mut hit: impl FnMut(usize)) {
        let Some(ac) = &self.ac else { return };
        let mut found = |m: aho_corasick::Match| {
            let pi = m.pattern().as_usize();
            let w = &self.words[pi];
            let word_start = w.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let starts_word = !word_start
                || text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_word_char(c));
            let ends_number = !self.ends_in_digit[pi]
                || text[m.end()..].chars().next().is_none_or(|c| !is_digit(c));
            if starts_word && ends_number {
                hit(self.owner[pi]);
            }
        };
        let Some(starts) = &self.starts else {
            ac.find_overlapping_iter(text).for_each(found);
            return;
        };
        let mut from = 0;
        while let Some(m) = starts.find_in(text, Span::from(from..text.len())) {
            // Every word that starts here (an anchored, overlapping search).
            let input = Input::new(text)
                .span(m.start()..text.len())
                .anchored(Anchored::Yes);
            let mut state = OverlappingState::start();
            while ac.try_find_overlapping(input.clone(), &mut state).is_ok() {
                let Some(w) = state.get_match() else { break };
                found(w);
            }
            from = m.start() + 1;
        }
    }

    /// The distinct projects any of `texts` mentions, in index order, in `out`.
    fn hits_in<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
        seen: &mut [bool],
        out: &mut Vec<usize>,
    ) {
        out.clear();
        for t in texts {
            self.hits(t, |pi| {
                if !seen[pi] {
                    seen[pi] = true;
                    out.push(pi);
                }
            });
        }
        for &pi in out.iter() {
            seen[pi] = false;
        }
        out.sort_unstable();
    }
}

/// Over-reliance findings: projects, then stories, used in more than `max_uses` places.
pub fn check_projects(workspace: &[Document], r: &Rules) -> Vec<Issue> {
    let mut out = Vec::new();
    let c = classifier();
    let max = r.projects.max_uses;
    let projects = projects(workspace, r);
    let matcher = Matcher::new(&projects);
    let mut seen = vec![false; projects.len()];
    let mut hits = Vec::new();
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
                        .unwrap_or_else(|| q.id.to_string()),
                )
            })
            .collect();
        for s in &d.stories {
            let texts = [s.title.as_str()]
                .into_iter()
                .chain(s.parts.iter().flatten().map(|p| p.text.as_str()))
                .chain([s.notes.as_str()]);
            matcher.hits_in(texts, &mut seen, &mut hits);
            for &pi in &hits {
                if first_story[pi].is_none() {
                    first_story[pi] = Some((s.id.to_string(), s.source.line));
                }
                match &s.parent {
                    StoryParent::Question(q) => add(
                        &mut places,
                        pi,
                        question_place
                            .get(q.as_str())
                            .cloned()
                            .unwrap_or_else(|| q.to_string()),
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
                    add(&mut places, pi, l.principle.to_string());
                }
            }
        }
        for q in &d.questions {
            // Title and answer apart: no project word spans the line between them.
            matcher.hits_in([q.title.as_str(), q.answer.as_str()], &mut seen, &mut hits);
            for &pi in &hits {
                add(
                    &mut places,
                    pi,
                    question_place
                        .get(q.id.as_str())
                        .cloned()
                        .unwrap_or_else(|| q.id.to_string()),
                );
            }
        }
        for s in &d.principles {
            matcher.hits_in([s.notes.as_str()], &mut seen, &mut hits);
            for &pi in &hits {
                add(
                    &mut places,
                    pi,
                    s.builtin.as_ref().unwrap_or(&s.id).to_string(),
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
                .map(|l| l.principle.to_string())
                .collect();
            if explicit.len() > max {
                let mut i = Issue::new(
                    FindingKind::OverReliance,
                    s.id.clone(),
                    "readiness-over-reliance-story",
                );
                i.args.push(("count", Arg::from(explicit.len())));
                i.args.push(("max", Arg::from(max)));
                i.story = Some(s.title.to_string());
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
mod tests;
