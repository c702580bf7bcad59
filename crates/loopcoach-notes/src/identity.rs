//! Stable ids: an entity keeps its id across re-imports while it is still recognisably there.
//!
//! New entities are matched to the previous import's entities of the same kind: first exactly
//! (same title and body), then by similarity of title and body with a small bonus for the same
//! position, best pairs first. What stays unmatched gets a fresh id derived from the document,
//! kind, title and occurrence, so importing the same file twice gives the same ids.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

use rustc_hash::FxHasher;

use sha2::{Digest, Sha256};

use loopcoach_core::{CompactString, Document, StoryParent};

/// A short hex digest.
pub fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex4(&h.finalize()).to_string()
}

/// The document id for a path.
pub fn document_id(path: &str) -> String {
    format!("d-{}", short_hash(&[path]))
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// What an entity is compared by: its normalised title and body (in the buffer of its kind,
/// see [`describe`]), and its position.
#[derive(Debug, Clone, Copy)]
struct Desc<'a> {
    title: &'a str,
    body: &'a str,
    ordinal: usize,
}

/// The normalised titles and bodies of a list of entities, written one after another into
/// `buf` (one buffer for a whole kind, not a string per entity): where each ends.
fn describe<'e>(
    items: impl Iterator<Item = (Cow<'e, str>, Cow<'e, str>)>,
    buf: &mut String,
) -> Vec<(usize, usize)> {
    items
        .map(|(title, body)| {
            norm_into(&title, buf);
            let title_end = buf.len();
            norm_into(&body, buf);
            (title_end, buf.len())
        })
        .collect()
}

/// The [`Desc`]s of what [`describe`] wrote.
fn descs<'a>(buf: &'a str, ends: &[(usize, usize)]) -> Vec<Desc<'a>> {
    let mut start = 0;
    ends.iter()
        .enumerate()
        .map(|(ordinal, &(title_end, body_end))| {
            let d = Desc {
                title: &buf[start..title_end],
                body: &buf[title_end..body_end],
                ordinal,
            };
            start = body_end;
            d
        })
        .collect()
}

/// `s` without whitespace, at most 600 characters of it, appended to `out`.
fn norm_into(s: &str, out: &mut String) {
    if s.len() > 600 {
        out.extend(s.chars().filter(|c| !c.is_whitespace()).take(600));
        return;
    }
    // At most 600 bytes, so at most 600 characters: copy the runs between whitespace,
    // decoding only characters whose first byte may start a whitespace character.
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let (len, space) = match bytes[i] {
            b'\t'..=b'\r' | b' ' => (1, true),
            0..=0x7F => (1, false),
            // U+0085 and U+00A0 (C2), U+1680 (E1), U+2000..U+205F (E2), U+3000 (E3).
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match s[i..].chars().next() {
                Some(c) => (c.len_utf8(), c.is_whitespace()),
                None => break,
            },
            0xC0..=0xDF => (2, false),
            0xE0..=0xEF => (3, false),
            _ => (4, false),
        };
        if space {
            out.push_str(&s[run..i]);
            run = i + len;
        }
        i += len;
    }
    out.push_str(&s[run..]);
}

/// Character bigrams of a string as a sorted multiset (Unicode-aware: Hangul syllables count
/// as characters, not bytes).
fn grams(s: &str) -> Vec<(char, char)> {
    let mut out: Vec<(char, char)> = s.chars().zip(s.chars().skip(1)).collect();
    out.sort_unstable();
    out
}

/// Sørensen–Dice coefficient over the character bigrams of `a` and `b`.
fn sim(a: &str, b: &str, ga: &[(char, char)], gb: &[(char, char)]) -> f64 {
    if a == b {
        return 1.0;
    }
    if ga.is_empty() && gb.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < ga.len() && j < gb.len() {
        match ga[i].cmp(&gb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (ga.len() + gb.len()) as f64
}

/// Match `new` descriptors to `old` ones; returns, for each new index, the old index it keeps
/// the id of.
fn match_descs(new: &[Desc], old: &[Desc]) -> Vec<Option<usize>> {
    let mut out = vec![None; new.len()];
    if old.is_empty() {
        return out;
    }
    let mut old_used = vec![false; old.len()];
    // 1. Exact: same title and body.
    let mut exact: FxMap<(&str, &str), Vec<usize>> = FxMap::default();
    for (i, o) in old.iter().enumerate().rev() {
        exact.entry((o.title, o.body)).or_default().push(i);
    }
    for (ni, n) in new.iter().enumerate() {
        if let Some(v) = exact.get_mut(&(n.title, n.body))
            && let Some(oi) = v.pop()
        {
            old_used[oi] = true;
            out[ni] = Some(oi);
        }
    }
    // 2. Similar: title and body similarity, position as a tie-breaker.
    let rest_new: Vec<usize> = (0..new.len()).filter(|&i| out[i].is_none()).collect();
    let rest_old: Vec<usize> = (0..old.len()).filter(|&i| !old_used[i]).collect();
    if rest_new.is_empty() || rest_old.is_empty() {
        return out;
    }
    let window = if rest_new.len() * rest_old.len() > 250_000 {
        50
    } else {
        usize::MAX
    };
    let gram_pair = |d: &Desc| (grams(d.title), grams(d.body));
    let old_grams: Vec<_> = rest_old.iter().map(|&oi| gram_pair(&old[oi])).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for &ni in &rest_new {
        let n = &new[ni];
        let (nt, nb) = gram_pair(n);
        for (k, &oi) in rest_old.iter().enumerate() {
            let o = &old[oi];
            if n.ordinal.abs_diff(o.ordinal) > window {
                continue;
            }
            let (ot, ob) = &old_grams[k];
            let ts = sim(n.title, o.title, &nt, ot);
            let bs = sim(n.body, o.body, &nb, ob);
            let pos = 1.0 / (1.0 + n.ordinal.abs_diff(o.ordinal) as f64);
            let score = 0.45 * ts + 0.45 * bs + 0.1 * pos;
            if score >= 0.55 && (ts >= 0.5 || bs >= 0.6) {
                pairs.push((score, ni, oi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, ni, oi) in pairs {
        if out[ni].is_some() || old_used[oi] {
            continue;
        }
        old_used[oi] = true;
        out[ni] = Some(oi);
    }
    out
}

/// The id an entity gets while a document is being read; [`assign_ids`] replaces it and every
/// reference to it. A big document is read in two halves at once, each numbering its entities
/// from 0; the second half's ids carry a `~` (`story~12`), so joining the halves renumbers
/// nothing.
pub(crate) fn provisional(kind: &str, index: usize, second_half: bool) -> CompactString {
    let mut id = CompactString::new(kind);
    if second_half {
        id.push('~');
    }
    id.push_str(decimal(index, &mut [0; 20]));
    id
}

/// `n` in decimal, written into `buf` (ids are numbered by the tens of thousands: this is
/// cheaper than the general formatting machinery).
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits.
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

/// A key for a provisional id of `kind`: `question12` → 24, `question~12` → 25 (the halves
/// interleaved, so one table holds both).
fn provisional_index(kind: &str, id: &str) -> Option<usize> {
    let rest = id.strip_prefix(kind)?;
    match rest.strip_prefix('~') {
        Some(n) => n.parse::<usize>().ok().map(|n| 2 * n + 1),
        None => rest.parse::<usize>().ok().map(|n| 2 * n),
    }
}

/// Where each provisional id of `kind` now stands (entities may have been reordered after
/// they were numbered, and the halves joined): provisional key → position.
fn positions<'a>(kind: &str, ids: impl Iterator<Item = &'a str>) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for (pos, id) in ids.enumerate() {
        if let Some(k) = provisional_index(kind, id) {
            if out.len() <= k {
                out.resize(k + 1, None);
            }
            out[k] = Some(pos);
        }
    }
    out
}

/// The final id for a provisional reference: the planned id of the entity it named.
fn resolve<'a>(
    kind: &str,
    id: &str,
    at: &[Option<usize>],
    planned: &'a [CompactString],
) -> Option<&'a CompactString> {
    let k = provisional_index(kind, id)?;
    let pos = (*at.get(k)?)?;
    planned.get(pos)
}

fn fx(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Final ids for the entities of one kind: a matched entity keeps its old id (unless already
/// taken); the rest get `prefix-hash(path, prefix, title, occurrence)`, with a `-k` suffix
/// when that collides with an id in use or an old id that is not carried over.
///
/// `used` holds a 64-bit hash of every id given so far; a (vanishingly rare) false hit only
/// moves an id to its next suffix, which is still unique and still deterministic.
fn kind_ids(
    path: &str,
    prefix: &str,
    new: &[Desc],
    old: &[Desc],
    old_ids: &[&str],
    used: &mut FxSet<u64>,
) -> Vec<CompactString> {
    let matched = match_descs(new, old);
    let carried: FxSet<usize> = matched.iter().flatten().copied().collect();
    let reserved: FxSet<&str> = old_ids
        .iter()
        .enumerate()
        .filter(|(i, _)| !carried.contains(i))
        .map(|(_, id)| *id)
        .collect();
    let mut base_hasher = Sha256::new();
    for p in [path, prefix] {
        base_hasher.update(p.as_bytes());
        base_hasher.update([0u8]);
    }
    let mut seen: FxMap<&str, usize> = FxMap::default();
    seen.reserve(new.len());
    used.reserve(new.len());
    let mut out = Vec::with_capacity(new.len());
    for (i, d) in new.iter().enumerate() {
        let occurrence = seen.entry(d.title).or_insert(0);
        *occurrence += 1;
        let id = match matched[i].map(|oi| old_ids[oi]) {
            Some(id) if !used.contains(&fx(id)) => CompactString::from(id),
            _ => {
                let mut h = base_hasher.clone();
                h.update(d.title.as_bytes());
                h.update([0u8]);
                h.update(decimal(*occurrence, &mut [0; 20]).as_bytes());
                h.update([0u8]);
                let mut base = CompactString::with_capacity(prefix.len() + 9);
                base.push_str(prefix);
                base.push('-');
                base.push_str(hex4(&h.finalize()).as_str());
                if used.contains(&fx(&base)) || reserved.contains(base.as_str()) {
                    let mut k = 2;
                    loop {
                        let id = compact_str::format_compact!("{base}-{k}");
                        if !used.contains(&fx(&id)) && !reserved.contains(id.as_str()) {
                            break id;
                        }
                        k += 1;
                    }
                } else {
                    base
                }
            }
        };
        used.insert(fx(&id));
        out.push(id);
    }
    out
}

/// The first four bytes of a digest in lowercase hex (8 digits, inline).
fn hex4(d: &[u8]) -> CompactString {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 8];
    let n = d.len().min(4);
    for (k, &b) in d.iter().take(n).enumerate() {
        out[2 * k] = HEX[usize::from(b >> 4)];
        out[2 * k + 1] = HEX[usize::from(b & 15)];
    }
    // Hex digits are ASCII.
    CompactString::from_utf8(&out[..2 * n]).unwrap_or_default()
}

/// What each kind of entity is recognised by: a title (also what its fresh id is derived from)…
mod title {
    use super::Cow;
    use loopcoach_core::{PrincipleSection, Question, Round, Section, Story};
    pub fn section(e: &Section) -> Cow<'_, str> {
        Cow::Borrowed(&e.title)
    }
    pub fn round(e: &Round) -> Cow<'_, str> {
        Cow::Owned(e.ordinal.to_string())
    }
    pub fn question(e: &Question) -> Cow<'_, str> {
        Cow::Borrowed(&e.title)
    }
    pub fn principle(e: &PrincipleSection) -> Cow<'_, str> {
        Cow::Borrowed(e.builtin.as_deref().unwrap_or(&e.name))
    }
    pub fn story(e: &Story) -> Cow<'_, str> {
        Cow::Borrowed(&e.title)
    }
}

/// …and a body, compared only against a previous import.
mod body {
    use super::Cow;
    use loopcoach_core::{PrincipleSection, Question, Round, Section, Story};
    pub fn section(e: &Section) -> Cow<'_, str> {
        Cow::Owned(format!("{:?}", e.kind))
    }
    pub fn round(e: &Round) -> Cow<'_, str> {
        Cow::Owned(format!("{} {}", e.title, e.topics.join(",")))
    }
    pub fn question(e: &Question) -> Cow<'_, str> {
        Cow::Borrowed(&e.answer)
    }
    pub fn principle(e: &PrincipleSection) -> Cow<'_, str> {
        Cow::Borrowed(&e.notes)
    }
    pub fn story(e: &Story) -> Cow<'_, str> {
        Cow::Owned(e.full_text())
    }
}

/// Give every entity of `doc` its final id, keeping ids from `old` where entities match, and
/// rewrite the cross references (question → stories, principle → stories, story → parent).
pub fn assign_ids(doc: &mut Document, old: Option<&Document>) {
    let plan = plan_ids(doc, old);
    apply_ids(doc, plan, false);
}

/// The final ids of a document's entities, worked out without changing it (so it can run
/// alongside other read-only passes).
#[derive(Debug)]
pub(crate) struct IdPlan {
    document: String,
    sections: Vec<CompactString>,
    rounds: Vec<CompactString>,
    questions: Vec<CompactString>,
    principles: Vec<CompactString>,
    stories: Vec<CompactString>,
}

pub(crate) fn plan_ids(doc: &Document, old: Option<&Document>) -> IdPlan {
    plan_ids_on(doc, old, false)
}

/// [`plan_ids`], each kind on its own (every kind's ids carry its own prefix, so no id of one
/// kind can be taken by another); with `parallel` two threads take the kinds in turn, the
/// costliest first, each taking the next as soon as it is done. The plan is the same either
/// way.
pub(crate) fn plan_ids_on(doc: &Document, old: Option<&Document>, parallel: bool) -> IdPlan {
    let path = doc.path.as_str();

    macro_rules! kind {
        ($field:ident, $prefix:expr, $title:expr, $body:expr) => {{
            // Bodies are only compared against a previous import: skip building them otherwise.
            let with_body = old.is_some();
            let mut new_buf = String::new();
            let new_ends = describe(
                doc.$field.iter().map(|e| {
                    let body = if with_body {
                        $body(e)
                    } else {
                        Cow::Borrowed("")
                    };
                    ($title(e), body)
                }),
                &mut new_buf,
            );
            let new = descs(&new_buf, &new_ends);
            let mut old_buf = String::new();
            let (old_ends, old_ids): (Vec<(usize, usize)>, Vec<&str>) = match old {
                Some(o) => (
                    describe(o.$field.iter().map(|e| ($title(e), $body(e))), &mut old_buf),
                    o.$field.iter().map(|e| e.id.as_str()).collect(),
                ),
                None => Default::default(),
            };
            let olds = descs(&old_buf, &old_ends);
            kind_ids(path, $prefix, &new, &olds, &old_ids, &mut FxSet::default())
        }};
    }

    // Costliest first (long question titles, then many stories and principles), so that two
    // threads taking them in turn end close together.
    const QUESTIONS: usize = 0;
    const STORIES: usize = 1;
    const PRINCIPLES: usize = 2;
    const SECTIONS: usize = 3;
    // 4: rounds.
    let plan_kind = |k: usize| match k {
        QUESTIONS => kind!(questions, "q", title::question, body::question),
        STORIES => kind!(stories, "s", title::story, body::story),
        PRINCIPLES => kind!(principles, "p", title::principle, body::principle),
        SECTIONS => kind!(sections, "sec", title::section, body::section),
        _ => kind!(rounds, "r", title::round, body::round),
    };
    let mut planned: [Vec<CompactString>; 5] = Default::default();
    if parallel {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let take = || {
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k >= planned.len() {
                    break done;
                }
                done.push((k, plan_kind(k)));
            }
        };
        let (mine, theirs) = std::thread::scope(|scope| {
            let t = scope.spawn(take);
            let mine = take();
            (mine, t.join())
        });
        for (k, ids) in mine.into_iter().chain(theirs.unwrap_or_default()) {
            planned[k] = ids;
        }
        // A panic on the other thread lost the kinds it took: plan them here.
        for (k, ids) in planned.iter_mut().enumerate() {
            if ids.len() != kind_len(doc, k) {
                *ids = plan_kind(k);
            }
        }
    } else {
        for (k, ids) in planned.iter_mut().enumerate() {
            *ids = plan_kind(k);
        }
    }
    let [questions, stories, principles, sections, rounds] = planned;
    IdPlan {
        document: old.map_or_else(|| document_id(path), |o| o.id.clone()),
        sections,
        rounds,
        questions,
        principles,
        stories,
    }
}

/// How many entities of kind `k` (in [`plan_ids_on`]'s order) the document has.
fn kind_len(doc: &Document, k: usize) -> usize {
    [
        doc.questions.len(),
        doc.stories.len(),
        doc.principles.len(),
        doc.sections.len(),
        doc.rounds.len(),
    ][k]
}

/// Set the planned ids and rewrite every provisional reference to the entity's final id
/// (read from the plan, so the stories and the rest are rewritten on two threads at once).
pub(crate) fn apply_ids(doc: &mut Document, plan: IdPlan, parallel: bool) {
    let Document {
        id,
        sections,
        rounds,
        questions,
        principles,
        stories,
        ..
    } = doc;
    *id = plan.document;
    // Where each provisional id stands, read before any id is replaced.
    let section_at = positions("sec", sections.iter().map(|e| e.id.as_str()));
    let question_at = positions("question", questions.iter().map(|e| e.id.as_str()));
    let principle_at = positions("principle", principles.iter().map(|e| e.id.as_str()));
    let story_at = positions("story", stories.iter().map(|e| e.id.as_str()));
    let final_id =
        |kind: &str, at: &[Option<usize>], ids: &[CompactString], id: &mut CompactString| {
            if let Some(t) = resolve(kind, id, at, ids) {
                id.clone_from(t);
            }
        };
    let set_stories = |stories: &mut [loopcoach_core::Story]| {
        for (s, id) in stories.iter_mut().zip(&plan.stories) {
            s.id.clone_from(id);
            match &mut s.parent {
                StoryParent::Question(id) => {
                    final_id("question", &question_at, &plan.questions, id)
                }
                StoryParent::Principle(id) => {
                    final_id("principle", &principle_at, &plan.principles, id)
                }
                StoryParent::Section(id) => final_id("sec", &section_at, &plan.sections, id),
                StoryParent::Document => {}
            }
        }
    };
    let mut set_rest = || {
        for (q, id) in questions.iter_mut().zip(&plan.questions) {
            q.id.clone_from(id);
            for s in &mut q.stories {
                final_id("story", &story_at, &plan.stories, s);
            }
        }
        for (p, id) in principles.iter_mut().zip(&plan.principles) {
            p.id.clone_from(id);
            for s in &mut p.stories {
                final_id("story", &story_at, &plan.stories, s);
            }
        }
        for (e, id) in sections.iter_mut().zip(&plan.sections) {
            e.id.clone_from(id);
        }
        for (e, id) in rounds.iter_mut().zip(&plan.rounds) {
            e.id.clone_from(id);
        }
    };
    if parallel {
        std::thread::scope(|scope| {
            scope.spawn(|| set_stories(stories));
            set_rest();
        });
    } else {
        set_stories(stories);
        set_rest();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_formatting_would() {
        for n in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string());
        }
    }

    #[test]
    fn provisional_ids_of_the_two_halves_never_meet() {
        assert_eq!(provisional("story", 12, false), "story12");
        assert_eq!(provisional("story", 12, true), "story~12");
        assert_eq!(provisional_index("story", "story12"), Some(24));
        assert_eq!(provisional_index("story", "story~12"), Some(25));
        assert_eq!(provisional_index("story", "story~0"), Some(1));
        // Final ids and other kinds are not provisional ids of `kind`.
        assert_eq!(provisional_index("sec", "sec-1a2b3c4d"), None);
        assert_eq!(provisional_index("story", "question3"), None);
        assert_eq!(provisional_index("story", "story~"), None);
    }

    #[test]
    fn norm_drops_whitespace_and_keeps_600_characters() {
        let plain =
            |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).take(600).collect() };
        let long = "가 나\t다\u{3000}".repeat(300);
        for t in [
            "",
            " a b ",
            "인도 출장 GST 프로젝트 ->",
            "x\u{00A0}y\r\nz\u{0B}\u{0C}w",
            "\u{0085}a\u{1680}b\u{2003}c\u{205F}d\u{3000}e\u{2060}f — g",
            "é ü ñ 😀 x",
            long.as_str(),
        ] {
            assert_eq!(norm(t), plain(t), "{t:?}");
        }
        assert_eq!(norm(&long).chars().count(), 600);
    }

    fn norm(s: &str) -> String {
        let mut out = String::new();
        norm_into(s, &mut out);
        out
    }

    /// A description on its own (its strings leaked: tests only).
    fn d(title: &str, body: &str, ordinal: usize) -> Desc<'static> {
        Desc {
            title: norm(title).leak(),
            body: norm(body).leak(),
            ordinal,
        }
    }

    /// Descriptions written into one buffer read back as each one normalised alone, in order.
    #[test]
    fn one_buffer_holds_every_description() {
        let long = "가 나 ".repeat(400);
        let items = [
            ("GST 프로젝트", "S: 출장\nT: 세금"),
            ("", ""),
            ("  마이 데이터 ", ""),
            ("x", long.as_str()),
        ];
        let mut buf = String::new();
        let ends = describe(
            items
                .iter()
                .map(|&(t, b)| (Cow::Borrowed(t), Cow::Borrowed(b))),
            &mut buf,
        );
        let got = descs(&buf, &ends);
        assert_eq!(got.len(), items.len());
        for (i, (g, &(t, b))) in got.iter().zip(&items).enumerate() {
            assert_eq!(
                (g.title, g.body, g.ordinal),
                (norm(t).as_str(), norm(b).as_str(), i)
            );
        }
    }

    #[test]
    fn exact_and_similar_matches_keep_ids() {
        let old = vec![
            d("GST 프로젝트", "S: 출장 T: 세금 계산", 0),
            d("마이데이터", "S: 병가로 투입", 1),
        ];
        let new = vec![
            d("마이데이터 프로젝트", "S: 병가로 투입 T: 가트너", 0),
            d("GST 프로젝트", "S: 출장 T: 세금 계산", 1),
            d("완전히 새로운 이야기", "S: 전혀 다른 내용", 2),
        ];
        assert_eq!(match_descs(&new, &old), vec![Some(1), Some(0), None]);
    }

    #[test]
    fn dice_counts_repeated_bigrams_once_each() {
        let (a, b) = ("가나가나", "가나");
        let s = sim(a, b, &grams(a), &grams(b));
        // 가나 가나 나가 vs 가나: one common bigram of 3 + 1.
        assert!((s - 0.5).abs() < 1e-9, "{s}");
        assert_eq!(sim("", "", &[], &[]), 1.0);
        assert_eq!(sim("가", "나", &[], &[]), 0.0);
    }

    #[test]
    fn ids_do_not_depend_on_the_implementation() {
        // Fixed values: ids are stored in workspaces and must never change.
        assert_eq!(short_hash(&["notes.md", "q", "고객", "1"]).len(), 8);
        let mut used = FxSet::default();
        let new = vec![d("고객 경험", "", 0), d("고객경험", "", 1), d("", "", 2)];
        let ids = kind_ids("notes.md", "q", &new, &[], &[], &mut used);
        assert_eq!(
            ids[0],
            format!("q-{}", short_hash(&["notes.md", "q", "고객경험", "1"]))
        );
        assert_eq!(
            ids[1],
            format!("q-{}", short_hash(&["notes.md", "q", "고객경험", "2"]))
        );
        assert_eq!(
            ids[2],
            format!("q-{}", short_hash(&["notes.md", "q", "", "1"]))
        );
    }

    #[test]
    fn unmatched_old_ids_are_not_reused() {
        let old = vec![d("완전히 다른 제목", "전혀 다른 본문", 0)];
        let taken = format!("q-{}", short_hash(&["n.md", "q", "새질문", "1"]));
        let mut used = FxSet::default();
        let ids = kind_ids(
            "n.md",
            "q",
            &[d("새 질문", "", 0)],
            &old,
            &[taken.as_str()],
            &mut used,
        );
        assert_eq!(ids, vec![format!("{taken}-2")]);
    }

    #[test]
    fn short_hash_is_stable() {
        assert_eq!(short_hash(&["a", "b"]), short_hash(&["a", "b"]));
        assert_ne!(short_hash(&["ab"]), short_hash(&["a", "b"]));
        assert_eq!(document_id("x").len(), 10);
    }
}
