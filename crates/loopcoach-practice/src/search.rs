//! Korean-aware search over the user's notes and the bank cards, ranked, with snippets.
//!
//! Why not SQLite FTS5 alone: its trigram tokenizer cannot match a two-syllable Korean word
//! (파드, 장애), and its unicode61 tokenizer keeps particles glued to nouns (파드를 ≠ 파드). So
//! the index is our own, built in memory from the store when a search runs (a workspace holds
//! thousands of entries, not millions; 100,000 entries index in well under a second):
//! - Hangul runs are indexed as syllable unigrams and bigrams, with the spaces *inside* a Hangul
//!   run removed, so 배포 전략 and 배포전략 are the same text; a query word matches when all its
//!   bigrams hit a document and the space-free text really contains it (no false positives).
//! - A query word ending in a particle (`content/analysis/korean-particles.toml`) is also
//!   searched without it: 고객과 finds 고객, 파드를 finds 파드.
//! - Latin words are lower-cased and Snowball-stemmed (rust-stemmers): deploy finds deployment.
//!
//! Every query word must match (AND); ranking is BM25-like (rarer words weigh more), with a
//! bonus for a title match, for the query's words standing together, and for the user's own
//! notes over bank cards.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

const PARTICLES_TOML: &str = include_str!("../../../content/analysis/korean-particles.toml");

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Question,
    Story,
    Card,
    Note,
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub kind: EntryKind,
    pub title: String,
    pub text: String,
    /// Rank multiplier (the user's notes rank above bank cards).
    pub boost: f32,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub kind: EntryKind,
    pub title: String,
    /// A window of the text around the first match, on one line.
    pub snippet: String,
    /// Matches in `snippet`, as `[start, end)` character offsets.
    pub highlights: Vec<[usize; 2]>,
    pub score: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParticleData {
    min_stem: usize,
    particles: Vec<String>,
}

/// Korean particle stripping, from data.
#[derive(Debug, Clone)]
pub struct Particles {
    min_stem: usize,
    /// Longest first.
    list: Vec<Vec<char>>,
}

impl Particles {
    pub fn builtin() -> Particles {
        // The embedded file is checked by a test; a parse failure yields no stripping.
        let data: ParticleData = toml::from_str(PARTICLES_TOML).unwrap_or(ParticleData {
            min_stem: 2,
            particles: vec![],
        });
        let mut list: Vec<Vec<char>> = data.particles.iter().map(|p| p.chars().collect()).collect();
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Particles {
            min_stem: data.min_stem,
            list,
        }
    }

    /// The word without its particle, if it ends in one and enough remains.
    pub fn strip(&self, word: &[char]) -> Option<Vec<char>> {
        self.list
            .iter()
            .find(|p| word.len() >= p.len() + self.min_stem && word.ends_with(p))
            .map(|p| word[..word.len() - p.len()].to_vec())
    }
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}' | '\u{1100}'..='\u{11FF}')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_hangul(c)
}

/// Lower-cased text with whitespace inside Hangul runs removed.
fn normalize(s: &str) -> Vec<char> {
    let chars: Vec<char> = s.chars().flat_map(char::to_lowercase).collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() && out.last().is_some_and(|p: &char| is_hangul(*p)) {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j < chars.len() && is_hangul(chars[j]) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn uni(c: char) -> u64 {
    u64::from(u32::from(c))
}
fn bi(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

fn count_occurrences(hay: &[char], needle: &[char]) -> usize {
    if needle.is_empty() || hay.len() < needle.len() {
        return 0;
    }
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// A query word.
#[derive(Debug, Clone)]
enum Term {
    /// Hangul: the forms to look for (as written, then without a particle).
    Hangul(Vec<Vec<char>>),
    /// A Latin/digit word's stem.
    Word(String),
}

/// The in-memory index.
pub struct Index {
    entries: Vec<Entry>,
    norm: Vec<Box<[char]>>,
    title_norm: Vec<Box<[char]>>,
    lens: Vec<u32>,
    avg_len: f32,
    hangul: HashMap<u64, Vec<u32>>,
    words: HashMap<String, Vec<(u32, u16)>>,
    stemmer: Stemmer,
    particles: Particles,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("entries", &self.entries.len())
            .finish()
    }
}

fn push_posting(list: &mut Vec<u32>, doc: u32) {
    if list.last() != Some(&doc) {
        list.push(doc);
    }
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len().min(b.len())));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Index {
    /// Build the index over `entries`.
    pub fn build(entries: Vec<Entry>) -> Index {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut hangul: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut words: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        let mut norm = Vec::with_capacity(entries.len());
        let mut title_norm = Vec::with_capacity(entries.len());
        let mut lens = Vec::with_capacity(entries.len());
        let mut tf: HashMap<String, u16> = HashMap::new();
        for (d, e) in entries.iter().enumerate() {
            let d = d as u32;
            let mut full = String::with_capacity(e.title.len() + e.text.len() + 1);
            full.push_str(&e.title);
            full.push('\n');
            full.push_str(&e.text);
            let n = normalize(&full);
            let mut prev: Option<char> = None;
            let mut word = String::new();
            let mut len = 0u32;
            tf.clear();
            for &c in n.iter().chain(std::iter::once(&' ')) {
                if is_hangul(c) {
                    push_posting(hangul.entry(uni(c)).or_default(), d);
                    if let Some(p) = prev {
                        push_posting(hangul.entry(bi(p, c)).or_default(), d);
                    }
                    prev = Some(c);
                    len += 1;
                } else {
                    prev = None;
                }
                if is_word(c) {
                    word.push(c);
                } else if !word.is_empty() {
                    *tf.entry(stemmer.stem(&word).into_owned()).or_default() += 1;
                    word.clear();
                    len += 1;
                }
            }
            for (w, n) in tf.drain() {
                words.entry(w).or_default().push((d, n));
            }
            norm.push(n.into_boxed_slice());
            title_norm.push(normalize(&e.title).into_boxed_slice());
            lens.push(len.max(1));
        }
        let avg_len = if lens.is_empty() {
            1.0
        } else {
            lens.iter().map(|&l| l as f32).sum::<f32>() / lens.len() as f32
        };
        Index {
            entries,
            norm,
            title_norm,
            lens,
            avg_len,
            hangul,
            words,
            stemmer,
            particles: Particles::builtin(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn terms(&self, query: &str) -> (Vec<Term>, Vec<char>) {
        let mut terms = Vec::new();
        let mut phrase: Vec<char> = Vec::new();
        for token in query.split_whitespace() {
            let lower: Vec<char> = token.chars().flat_map(char::to_lowercase).collect();
            let mut i = 0;
            while i < lower.len() {
                let c = lower[i];
                let start = i;
                if is_hangul(c) {
                    while i < lower.len() && is_hangul(lower[i]) {
                        i += 1;
                    }
                    let run = lower[start..i].to_vec();
                    let mut forms = vec![run.clone()];
                    if let Some(s) = self.particles.strip(&run) {
                        forms.push(s);
                    }
                    phrase.extend(forms.last().into_iter().flatten());
                    terms.push(Term::Hangul(forms));
                } else if is_word(c) {
                    while i < lower.len() && is_word(lower[i]) {
                        i += 1;
                    }
                    let w: String = lower[start..i].iter().collect();
                    terms.push(Term::Word(self.stemmer.stem(&w).into_owned()));
                } else {
                    i += 1;
                }
            }
        }
        (terms, phrase)
    }

    /// Documents that may hold a Hangul form (all its bigrams present; verified later).
    fn hangul_candidates(&self, form: &[char]) -> Vec<u32> {
        if form.len() == 1 {
            return self.hangul.get(&uni(form[0])).cloned().unwrap_or_default();
        }
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(form.len());
        for w in form.windows(2) {
            match self.hangul.get(&bi(w[0], w[1])) {
                Some(l) => lists.push(l),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let mut acc = lists[0].clone();
        for l in &lists[1..] {
            if acc.is_empty() {
                break;
            }
            acc = intersect(&acc, l);
        }
        acc
    }

    fn candidates(&self, t: &Term) -> Vec<u32> {
        match t {
            Term::Hangul(forms) => forms
                .iter()
                .map(|f| self.hangul_candidates(f))
                .reduce(|a, b| union(&a, &b))
                .unwrap_or_default(),
            Term::Word(w) => self
                .words
                .get(w)
                .map(|l| l.iter().map(|(d, _)| *d).collect())
                .unwrap_or_default(),
        }
    }

    /// How often a term occurs in a document (0: no real match), weighted by which form matched.
    fn term_freq(&self, t: &Term, d: u32) -> f32 {
        match t {
            Term::Hangul(forms) => {
                let n = &self.norm[d as usize];
                for (k, f) in forms.iter().enumerate() {
                    let c = count_occurrences(n, f);
                    if c > 0 {
                        return c as f32 * if k == 0 { 1.0 } else { 0.8 };
                    }
                }
                0.0
            }
            Term::Word(w) => self
                .words
                .get(w)
                .and_then(|l| {
                    l.binary_search_by_key(&d, |(doc, _)| *doc)
                        .ok()
                        .map(|i| f32::from(l[i].1))
                })
                .unwrap_or(0.0),
        }
    }

    /// The best `limit` entries for `query`, optionally of one kind.
    pub fn search(&self, query: &str, kind: Option<EntryKind>, limit: usize) -> Vec<Hit> {
        let (terms, phrase) = self.terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let n = self.entries.len() as f32;
        let mut sets: Vec<(Vec<u32>, &Term)> =
            terms.iter().map(|t| (self.candidates(t), t)).collect();
        sets.sort_by_key(|(s, _)| s.len());
        let idf: Vec<f32> = sets
            .iter()
            .map(|(s, _)| (1.0 + (n - s.len() as f32 + 0.5) / (s.len() as f32 + 0.5)).ln())
            .collect();
        let mut acc = sets[0].0.clone();
        for (s, _) in &sets[1..] {
            if acc.is_empty() {
                break;
            }
            acc = intersect(&acc, s);
        }
        let mut scored: Vec<(f32, u32)> = Vec::new();
        'doc: for d in acc {
            let e = &self.entries[d as usize];
            if kind.is_some_and(|k| k != e.kind) {
                continue;
            }
            let norm_len = 0.25 + 0.75 * self.lens[d as usize] as f32 / self.avg_len;
            let mut score = 0.0;
            for ((_, t), w) in sets.iter().zip(&idf) {
                let tf = self.term_freq(t, d);
                if tf == 0.0 {
                    continue 'doc;
                }
                score += w * tf * 2.2 / (tf + 1.2 * norm_len);
                let title = &self.title_norm[d as usize];
                let in_title = match t {
                    Term::Hangul(forms) => forms.iter().any(|f| count_occurrences(title, f) > 0),
                    Term::Word(_) => false,
                };
                if in_title {
                    score += 0.5 * w;
                }
            }
            if phrase.len() >= 2 && count_occurrences(&self.norm[d as usize], &phrase) > 0 {
                score *= 1.3;
            }
            scored.push((score * e.boost, d));
        }
        let k = limit.min(scored.len());
        if k == 0 {
            return Vec::new();
        }
        scored.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(k);
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .map(|(score, d)| {
                let e = &self.entries[d as usize];
                let (snippet, highlights) = self.snippet(e, &terms);
                Hit {
                    id: e.id.clone(),
                    kind: e.kind,
                    title: e.title.clone(),
                    snippet,
                    highlights,
                    score,
                }
            })
            .collect()
    }

    /// Match ranges (character offsets) of the terms in `s`.
    fn highlight(&self, s: &[char], terms: &[Term]) -> Vec<[usize; 2]> {
        let lower: Vec<char> = s
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let mut out = Vec::new();
        for t in terms {
            match t {
                Term::Hangul(forms) => {
                    for f in forms {
                        let before = out.len();
                        let mut i = 0;
                        while i < lower.len() {
                            if let Some(end) = match_spaced(&lower, i, f) {
                                out.push([i, end]);
                                i = end;
                            } else {
                                i += 1;
                            }
                        }
                        if out.len() > before {
                            break;
                        }
                    }
                }
                Term::Word(stem) => {
                    let mut i = 0;
                    while i < lower.len() {
                        if is_word(lower[i]) {
                            let start = i;
                            while i < lower.len() && is_word(lower[i]) {
                                i += 1;
                            }
                            let w: String = lower[start..i].iter().collect();
                            if self.stemmer.stem(&w) == stem.as_str() {
                                out.push([start, i]);
                            }
                        } else {
                            i += 1;
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn snippet(&self, e: &Entry, terms: &[Term]) -> (String, Vec<[usize; 2]>) {
        const BEFORE: usize = 30;
        const WIDTH: usize = 120;
        let body: Vec<char> = e
            .text
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        let marks = self.highlight(&body, terms);
        let (src, marks) = if marks.is_empty() {
            let t: Vec<char> = e.title.chars().collect();
            let m = self.highlight(&t, terms);
            (t, m)
        } else {
            (body, marks)
        };
        let first = marks.first().map(|m| m[0]).unwrap_or(0);
        let start = first.saturating_sub(BEFORE);
        let end = (start + WIDTH).min(src.len());
        let mut snippet: String = src[start..end].iter().collect();
        let mut shift = 0;
        if start > 0 {
            snippet.insert(0, '…');
            shift = 1;
        }
        if end < src.len() {
            snippet.push('…');
        }
        let highlights = marks
            .into_iter()
            .filter(|m| m[0] >= start && m[1] <= end)
            .map(|m| [m[0] - start + shift, m[1] - start + shift])
            .collect();
        (snippet, highlights)
    }
}

/// If `form` matches `s` at `i`, allowing whitespace between Hangul syllables, the end.
fn match_spaced(s: &[char], i: usize, form: &[char]) -> Option<usize> {
    let mut j = i;
    for (k, &c) in form.iter().enumerate() {
        if k > 0 {
            while j < s.len() && s[j].is_whitespace() {
                j += 1;
            }
        }
        if j >= s.len() || s[j] != c {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Wrap the highlighted ranges of a snippet in `open`/`close` (terminal output).
pub fn mark(snippet: &str, highlights: &[[usize; 2]], open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut buf = [0u8; 4];
    for (i, c) in snippet.chars().enumerate() {
        if highlights.iter().any(|h| h[0] == i) {
            out.push_str(open);
        }
        // For a terminal: a control character of the text is shown, not obeyed (only the
        // marks around the highlights are escape sequences).
        out.push_str(&loopcoach_core::text::for_terminal(c.encode_utf8(&mut buf)));
        if highlights.iter().any(|h| h[1] == i + 1) {
            out.push_str(close);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn entry(id: &str, kind: EntryKind, title: &str, text: &str) -> Entry {
        Entry {
            id: id.into(),
            kind,
            title: title.into(),
            text: text.into(),
            boost: 1.0,
        }
    }

    fn index() -> Index {
        Index::build(vec![
            entry(
                "q4",
                EntryKind::Question,
                "고객에 집착했던 경험",
                "마이데이터",
            ),
            entry(
                "r1",
                EntryKind::Note,
                "1차 면접",
                "Docker, PKI, Token, 배포전략, Affinity",
            ),
            entry(
                "s1",
                EntryKind::Story,
                "부하 테스트",
                "장기부하테스트 마다 파드가 늘어나있었습니다.",
            ),
            entry(
                "c1",
                EntryKind::Card,
                "What is a rolling deployment?",
                "롤링 업데이트는 파드를 하나씩 교체",
            ),
            entry(
                "c2",
                EntryKind::Card,
                "Token expiry",
                "토큰 만료 후 401 이 나면 장애 원인을 확인",
            ),
            entry("c3", EntryKind::Card, "결과", "차이 회의"),
        ])
    }

    fn ids(ix: &Index, q: &str) -> Vec<String> {
        ix.search(q, None, 20).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn particles_data_parses() {
        let d: ParticleData = toml::from_str(PARTICLES_TOML).unwrap();
        assert!(d.particles.contains(&"을".to_string()) && d.min_stem == 2);
    }

    #[test]
    fn korean_recall_on_a_fixed_query_set() {
        let ix = index();
        assert_eq!(ids(&ix, "집착"), ["q4"]);
        assert_eq!(ids(&ix, "배포 전략"), ["r1"]);
        assert_eq!(ids(&ix, "배포전략"), ["r1"]);
        assert!(
            ids(&ix, "파드").contains(&"s1".to_string())
                && ids(&ix, "파드").contains(&"c1".to_string())
        );
        assert_eq!(ids(&ix, "파드를").len(), 2);
        assert_eq!(ids(&ix, "고객과"), ["q4"]);
        assert_eq!(ids(&ix, "고객이"), ["q4"]);
        assert_eq!(ids(&ix, "장애"), ["c2"]);
        assert_eq!(ids(&ix, "토큰 만료"), ["c2"]);
        assert_eq!(ids(&ix, "부하테스트"), ["s1"]);
        // a short noun that ends like a particle is not cut down to one syllable
        assert_eq!(ids(&ix, "결과"), ["c3"]);
        assert!(ids(&ix, "없는말").is_empty());
    }

    #[test]
    fn english_is_stemmed_and_kinds_filter() {
        let ix = index();
        assert_eq!(ids(&ix, "deploy"), ["c1"]);
        assert_eq!(ids(&ix, "Deployments"), ["c1"]);
        assert_eq!(ids(&ix, "docker"), ["r1"]);
        assert!(
            ix.search("파드", Some(EntryKind::Story), 10)
                .iter()
                .all(|h| h.kind == EntryKind::Story)
        );
    }

    #[test]
    fn snippets_highlight_matches_across_spacing() {
        let ix = Index::build(vec![entry(
            "a",
            EntryKind::Note,
            "t",
            "우리는 배포 전략을 바꿨다",
        )]);
        let h = &ix.search("배포전략", None, 5)[0];
        assert_eq!(
            mark(&h.snippet, &h.highlights, "[", "]"),
            "우리는 [배포 전략]을 바꿨다"
        );
        let ix = Index::build(vec![entry(
            "a",
            EntryKind::Card,
            "t",
            "A rolling Deployment replaces pods",
        )]);
        let h = &ix.search("deploy", None, 5)[0];
        assert_eq!(
            mark(&h.snippet, &h.highlights, "[", "]"),
            "A rolling [Deployment] replaces pods"
        );
    }

    #[test]
    fn titles_and_notes_rank_first() {
        let mut e = vec![
            entry("card", EntryKind::Card, "x", "파드 파드"),
            entry("note", EntryKind::Note, "파드", "y"),
        ];
        e[1].boost = 1.5;
        let ix = Index::build(e);
        assert_eq!(ids(&ix, "파드")[0], "note");
    }
}
