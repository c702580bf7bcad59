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

use rustc_hash::FxHashMap;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};

mod snippet;
#[cfg(test)]
mod tests;
mod text;

use serde::{Deserialize, Serialize};
pub use snippet::mark;
pub use text::Particles;
use text::{bi, count_occurrences, is_hangul, is_word, mixed_parts, normalize, uni};

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
    /// Where the text came from in a notes file (`None` for a card).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// Where an entry's text is in its notes file, line by line.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub path: Arc<str>,
    /// `(character offset in the entry's text, 1-based line in the file)` of each line the
    /// text holds, in order.
    pub lines: Vec<(u32, u32)>,
    /// The file's headings (shared by its entries).
    pub outline: Arc<Outline>,
    /// Where the body starts in the text, past an entity's title line (0: no title line). A
    /// hit lands on a match in the body when there is one: the title is shown with the hit.
    pub body_from: u32,
}

impl Origin {
    /// The file line holding character `offset` of the entry's text.
    pub fn line_at(&self, offset: usize) -> u32 {
        let i = self
            .lines
            .partition_point(|&(o, _)| o as usize <= offset)
            .saturating_sub(1);
        self.lines.get(i).map_or(1, |l| l.1)
    }
}

/// The headings of a notes file: for each heading line, the path of titles down to it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outline {
    paths: Vec<(u32, Arc<[String]>)>,
}

impl Outline {
    /// `paths` in line order.
    pub fn new(paths: Vec<(u32, Arc<[String]>)>) -> Outline {
        Outline { paths }
    }

    /// The headings over `line` (a heading's own line is under itself).
    pub fn at(&self, line: u32) -> Vec<String> {
        let i = self.paths.partition_point(|(l, _)| *l <= line);
        i.checked_sub(1)
            .map(|i| self.paths[i].1.to_vec())
            .unwrap_or_default()
    }
}

/// Where a hit is in the user's notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitSource {
    pub path: String,
    pub line: u32,
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
    /// The file and line of the first match (`None` for a card).
    pub source: Option<HitSource>,
    /// The headings above that line, outermost first (`None` for a card).
    pub heading: Option<Vec<String>>,
}

/// A query word.
#[derive(Debug, Clone)]
enum Term {
    /// Hangul: the forms to look for (as written, then without a particle).
    Hangul(Vec<Vec<char>>),
    /// A Latin/digit word.
    Word(WordTerm),
}

/// A query word: its stem (what matches), and its surface form, lower-cased and as typed (a
/// document with the very word ranks above one with only a word of the same stem, and a hit
/// lands on the line with the very word).
#[derive(Debug, Clone)]
struct WordTerm {
    stem: String,
    surface: String,
    raw: String,
    /// The documents holding the word itself, with counts (resolved once per query).
    exact: Vec<(u32, u16)>,
}

/// The key under which a word's surface form is counted, when it differs from its stem.
fn surface_key(surface: &str) -> String {
    let mut k = String::with_capacity(surface.len() + 1);
    k.push('=');
    k.push_str(surface);
    k
}

/// The in-memory index.
pub struct Index {
    entries: Vec<Entry>,
    norm: Vec<Box<[char]>>,
    title_norm: Vec<Box<[char]>>,
    lens: Vec<u32>,
    /// Which notes file an entry is from (an index per path), `u32::MAX` for a card.
    files: Vec<u32>,
    avg_len: f32,
    hangul: FxHashMap<u64, Vec<(u32, u16)>>,
    words: FxHashMap<String, Vec<(u32, u16)>>,
    /// For each stem, the surface forms seen that differ from it.
    forms: HashMap<String, Vec<String>>,
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

/// Counts one more occurrence in document `doc` (documents come in order).
fn push_posting(list: &mut Vec<(u32, u16)>, doc: u32) {
    match list.last_mut() {
        Some(last) if last.0 == doc => last.1 = last.1.saturating_add(1),
        _ => list.push((doc, 1)),
    }
}

/// The documents of `a` (sorted ids) that are also in `b` (sorted by the id `doc` reads).
fn intersect_by<T>(a: &[u32], b: &[T], doc: impl Fn(&T) -> u32) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len().min(b.len())));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&doc(&b[j])) {
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

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    intersect_by(a, b, |&d| d)
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
        let mut hangul: FxHashMap<u64, Vec<(u32, u16)>> = FxHashMap::default();
        let mut norm = Vec::with_capacity(entries.len());
        let mut title_norm = Vec::with_capacity(entries.len());
        let mut lens = Vec::with_capacity(entries.len());
        let mut paths: HashMap<&str, u32> = HashMap::new();
        let files: Vec<u32> = entries
            .iter()
            .map(|e| match &e.origin {
                Some(o) => {
                    let n = paths.len() as u32;
                    *paths.entry(&o.path).or_insert(n)
                }
                None => u32::MAX,
            })
            .collect();
        drop(paths);
        // Each distinct token is stemmed once: `vocab` maps it to the ids of the keys it
        // counts under (its stem, its surface form when that differs, and the same for the
        // letter and digit runs of a mixed token); `keys` holds those keys by id.
        let mut vocab: FxHashMap<String, Box<[u32]>> = FxHashMap::default();
        let mut keys: Vec<String> = Vec::new();
        let mut key_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<(u32, u16)>> = Vec::new();
        let mut tf: FxHashMap<u32, u16> = FxHashMap::default();
        let mut key_id =
            |k: String, keys: &mut Vec<String>, postings: &mut Vec<Vec<(u32, u16)>>| {
                *key_ids.entry(k).or_insert_with_key(|k| {
                    keys.push(k.clone());
                    postings.push(Vec::new());
                    (keys.len() - 1) as u32
                })
            };
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
                    if !vocab.contains_key(&word) {
                        let mut ids = Vec::new();
                        let mut add = |w: &str| {
                            let stem = stemmer.stem(w);
                            if stem != w {
                                ids.push(key_id(surface_key(w), &mut keys, &mut postings));
                            }
                            ids.push(key_id(stem.into_owned(), &mut keys, &mut postings));
                        };
                        add(&word);
                        for (_, part) in mixed_parts(&word) {
                            add(part);
                        }
                        vocab.insert(word.clone(), ids.into_boxed_slice());
                    }
                    for &id in vocab.get(&word).into_iter().flatten() {
                        let n = tf.entry(id).or_default();
                        *n = n.saturating_add(1);
                    }
                    word.clear();
                    len += 1;
                }
            }
            for (&id, &n) in &tf {
                postings[id as usize].push((d, n));
            }
            norm.push(n.into_boxed_slice());
            title_norm.push(normalize(&e.title).into_boxed_slice());
            lens.push(len.max(1));
        }
        drop(vocab);
        let mut words: FxHashMap<String, Vec<(u32, u16)>> = FxHashMap::default();
        words.reserve(keys.len());
        for (k, mut p) in keys.into_iter().zip(postings) {
            p.sort_unstable_by_key(|x| x.0);
            words.insert(k, p);
        }
        let avg_len = if lens.is_empty() {
            1.0
        } else {
            lens.iter().map(|&l| l as f32).sum::<f32>() / lens.len() as f32
        };
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for k in words.keys() {
            if let Some(surface) = k.strip_prefix('=') {
                forms
                    .entry(stemmer.stem(surface).into_owned())
                    .or_default()
                    .push(surface.to_string());
            }
        }
        Index {
            entries,
            forms,
            norm,
            title_norm,
            lens,
            files,
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
            let raw: Vec<char> = token.chars().collect();
            let raw = if raw.len() == lower.len() {
                raw
            } else {
                lower.clone()
            };
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
                    let stem = self.stemmer.stem(&w).into_owned();
                    let exact = self.exact_postings(&stem, &w);
                    terms.push(Term::Word(WordTerm {
                        stem,
                        raw: raw[start..i].iter().collect(),
                        surface: w,
                        exact,
                    }));
                } else {
                    i += 1;
                }
            }
        }
        (terms, phrase)
    }

    /// Documents that may hold a Hangul form (all its bigrams present; verified later).
    fn hangul_candidates(&self, form: &[char]) -> Vec<u32> {
        let docs = |l: &Vec<(u32, u16)>| l.iter().map(|p| p.0).collect::<Vec<u32>>();
        if form.len() == 1 {
            return self.hangul.get(&uni(form[0])).map(docs).unwrap_or_default();
        }
        let mut lists: Vec<&Vec<(u32, u16)>> = Vec::with_capacity(form.len());
        for w in form.windows(2) {
            match self.hangul.get(&bi(w[0], w[1])) {
                Some(l) => lists.push(l),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let mut acc = docs(lists[0]);
        for l in &lists[1..] {
            if acc.is_empty() {
                break;
            }
            acc = intersect_by(&acc, l, |p| p.0);
        }
        acc
    }

    /// How often a Hangul form occurs in document `d`: from the counts of the index for one
    /// or two syllables, by looking through the text for longer forms.
    fn hangul_count(&self, form: &[char], d: u32) -> usize {
        let key = match form {
            [a] => uni(*a),
            [a, b] => bi(*a, *b),
            _ => return count_occurrences(&self.norm[d as usize], form),
        };
        self.hangul
            .get(&key)
            .and_then(|l| l.binary_search_by_key(&d, |p| p.0).ok().map(|i| l[i].1))
            .map_or(0, usize::from)
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
                .get(&w.stem)
                .map(|l| l.iter().map(|(d, _)| *d).collect())
                .unwrap_or_default(),
        }
    }

    /// How often `key` is counted in document `d`.
    fn count(&self, key: &str, d: u32) -> u16 {
        self.words
            .get(key)
            .and_then(|l| {
                l.binary_search_by_key(&d, |(doc, _)| *doc)
                    .ok()
                    .map(|i| l[i].1)
            })
            .unwrap_or(0)
    }

    /// Whether entry `d` has `raw` as a whole word in the very case typed (a query typed with
    /// capitals, `KAFKA`, ranks the entries written that way first).
    fn has_cased(&self, d: u32, raw: &str) -> bool {
        let e = &self.entries[d as usize];
        [e.title.as_str(), e.text.as_str()].iter().any(|t| {
            t.match_indices(raw).any(|(i, m)| {
                !t[..i].chars().next_back().is_some_and(is_word)
                    && !t[i + m.len()..].chars().next().is_some_and(is_word)
            })
        })
    }

    /// The documents holding `surface` itself (not only a word of its stem), with counts.
    fn exact_postings(&self, stem: &str, surface: &str) -> Vec<(u32, u16)> {
        if surface != stem {
            return self
                .words
                .get(&surface_key(surface))
                .cloned()
                .unwrap_or_default();
        }
        // The word is its own stem: its counts less those of the stem's other forms.
        let mut exact = self.words.get(stem).cloned().unwrap_or_default();
        for other in self.forms.get(stem).into_iter().flatten() {
            for &(d, n) in self.words.get(&surface_key(other)).into_iter().flatten() {
                if let Ok(i) = exact.binary_search_by_key(&d, |p| p.0) {
                    exact[i].1 = exact[i].1.saturating_sub(n);
                }
            }
        }
        exact.retain(|p| p.1 > 0);
        exact
    }

    /// How often the query word itself (not only a word of its stem) is in document `d`.
    fn surface_freq(&self, w: &WordTerm, d: u32) -> u16 {
        w.exact
            .binary_search_by_key(&d, |p| p.0)
            .map_or(0, |i| w.exact[i].1)
    }

    /// How often a term occurs in a document (0: no real match), weighted by which form matched,
    /// and how closely it matches: 2 the word as typed is there, 1 only a word of its stem (or
    /// the Hangul word without its particle).
    fn term_freq(&self, t: &Term, d: u32) -> (f32, u8) {
        match t {
            Term::Hangul(forms) => {
                for (k, f) in forms.iter().enumerate() {
                    let c = self.hangul_count(f, d);
                    if c > 0 {
                        return if k == 0 {
                            (c as f32, 3)
                        } else {
                            (c as f32 * 0.8, 1)
                        };
                    }
                }
                (0.0, 0)
            }
            Term::Word(w) => {
                let tf = f32::from(self.count(&w.stem, d));
                let quality = if tf == 0.0 || self.surface_freq(w, d) == 0 {
                    1
                } else if w.raw == w.surface || self.has_cased(d, &w.raw) {
                    3
                } else {
                    2
                };
                (tf, quality)
            }
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
        // (match quality, from the user's notes, score, entry): ranked in that order, so the
        // very words typed come first, and the user's notes before cards that match as well.
        let mut scored: Vec<(u8, bool, f32, u32)> = Vec::new();
        'doc: for d in acc {
            let e = &self.entries[d as usize];
            if kind.is_some_and(|k| k != e.kind) {
                continue;
            }
            let norm_len = 0.25 + 0.75 * self.lens[d as usize] as f32 / self.avg_len;
            let mut score = 0.0;
            let mut quality = u8::MAX;
            for ((_, t), w) in sets.iter().zip(&idf) {
                let (tf, q) = self.term_freq(t, d);
                if tf == 0.0 {
                    continue 'doc;
                }
                quality = quality.min(q);
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
            if terms.len() >= 2
                && phrase.len() >= 2
                && count_occurrences(&self.norm[d as usize], &phrase) > 0
            {
                score *= 1.3;
            }
            scored.push((quality, e.origin.is_some(), score * e.boost, d));
        }
        let k = limit.min(scored.len());
        if k == 0 {
            return Vec::new();
        }
        self.diversify(&mut scored);
        let rank = |a: &(u8, bool, f32, u32), b: &(u8, bool, f32, u32)| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.total_cmp(&a.2))
                .then(a.3.cmp(&b.3))
        };
        scored.select_nth_unstable_by(k - 1, rank);
        scored.truncate(k);
        scored.sort_by(rank);
        scored
            .into_iter()
            .map(|(_, _, score, d)| {
                let e = &self.entries[d as usize];
                let (snippet, highlights, first) = self.snippet(e, &terms);
                let (source, heading) = match &e.origin {
                    Some(o) => {
                        let line = match first {
                            Some(f) => o.line_at(f),
                            None => o.lines.first().map_or(1, |l| l.1),
                        };
                        let heading = o.outline.at(line);
                        let source = HitSource {
                            path: o.path.to_string(),
                            line,
                        };
                        (Some(source), Some(heading))
                    }
                    None => (None, None),
                };
                let title = if e.title.is_empty() {
                    heading
                        .as_ref()
                        .and_then(|h| h.last().cloned())
                        .unwrap_or_default()
                } else {
                    e.title.clone()
                };
                Hit {
                    id: e.id.clone(),
                    kind: e.kind,
                    title,
                    snippet,
                    highlights,
                    score,
                    source,
                    heading,
                }
            })
            .collect()
    }

    /// Spreads the hits of one notes file among the others': within a match quality, a
    /// file's best hit comes before any file's second, its second before any third (one
    /// file that mentions a word fifty times does not hide the one line of another file
    /// that has it). Done by folding each hit's rank in its file into the quality field:
    /// `quality * 4 + 3 - min(rank in file, 3)` keeps the quality first; cards take the
    /// lowest place of their quality (their order among themselves is by score), so every
    /// note of a quality still comes before them.
    fn diversify(&self, scored: &mut [(u8, bool, f32, u32)]) {
        // Linear: each file's three best hits per quality, then every hit's rank from them.
        let better = |a: (f32, u32), b: (f32, u32)| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1));
        let mut top: FxHashMap<(u8, u32), Vec<(f32, u32)>> = FxHashMap::default();
        for h in scored.iter() {
            let file = self.files[h.3 as usize];
            if file == u32::MAX {
                continue;
            }
            let best = top.entry((h.0, file)).or_default();
            let at = best.partition_point(|&b| better(b, (h.2, h.3)).is_gt());
            if at < 3 {
                best.insert(at, (h.2, h.3));
                best.truncate(3);
            }
        }
        for h in scored.iter_mut() {
            let file = self.files[h.3 as usize];
            let spread = if file == u32::MAX {
                3
            } else {
                top.get(&(h.0, file))
                    .and_then(|best| best.iter().position(|&b| b.1 == h.3))
                    .map_or(3, |i| i as u8)
            };
            h.0 = h.0 * 4 + 3 - spread;
        }
    }
}
