//! Stable ids: an entity keeps its id across re-imports while it is still recognisably there.
//!
//! New entities are matched to the previous import's entities of the same kind: first exactly
//! (same title and body), then by similarity of title and body with a small bonus for the same
//! position, best pairs first. What stays unmatched gets a fresh id derived from the document,
//! kind, title and occurrence, so importing the same file twice gives the same ids.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use loopcoach_core::{Document, StoryParent};

/// A short hex digest.
pub fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    d.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// The document id for a path.
pub fn document_id(path: &str) -> String {
    format!("d-{}", short_hash(&[path]))
}

#[derive(Debug, Clone)]
struct Desc {
    id: String,
    title: String,
    body: String,
    ordinal: usize,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).take(600).collect()
}

fn sim(a: &str, b: &str) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a == b {
        return 1.0;
    }
    dice(a, b)
}

/// Sørensen–Dice coefficient over character bigrams (Unicode-aware: Hangul syllables count
/// as characters, not bytes).
fn dice(a: &str, b: &str) -> f64 {
    fn grams(s: &str) -> HashMap<(char, char), usize> {
        let cs: Vec<char> = s.chars().collect();
        let mut m = HashMap::new();
        for w in cs.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    }
    let (ga, gb) = (grams(a), grams(b));
    let (na, nb): (usize, usize) = (ga.values().sum(), gb.values().sum());
    if na + nb == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let common: usize = ga
        .iter()
        .map(|(k, v)| (*v).min(*gb.get(k).unwrap_or(&0)))
        .sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// Match `new` descriptors to `old` ones; returns new index → old id.
fn match_descs(new: &[Desc], old: &[Desc]) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    let mut old_used = vec![false; old.len()];
    // 1. Exact: same title and body.
    let mut exact: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, o) in old.iter().enumerate().rev() {
        exact
            .entry((norm(&o.title), norm(&o.body)))
            .or_default()
            .push(i);
    }
    for (ni, n) in new.iter().enumerate() {
        if let Some(v) = exact.get_mut(&(norm(&n.title), norm(&n.body)))
            && let Some(oi) = v.pop()
        {
            old_used[oi] = true;
            out.insert(ni, old[oi].id.clone());
        }
    }
    // 2. Similar: title and body similarity, position as a tie-breaker.
    let rest_new: Vec<usize> = (0..new.len()).filter(|i| !out.contains_key(i)).collect();
    let rest_old: Vec<usize> = (0..old.len()).filter(|&i| !old_used[i]).collect();
    if rest_new.is_empty() || rest_old.is_empty() {
        return out;
    }
    let window = if rest_new.len() * rest_old.len() > 250_000 {
        50
    } else {
        usize::MAX
    };
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for &ni in &rest_new {
        let n = &new[ni];
        let (nt, nb) = (norm(&n.title), norm(&n.body));
        for &oi in &rest_old {
            let o = &old[oi];
            if n.ordinal.abs_diff(o.ordinal) > window {
                continue;
            }
            let ts = sim(&nt, &norm(&o.title));
            let bs = sim(&nb, &norm(&o.body));
            let pos = 1.0 / (1.0 + n.ordinal.abs_diff(o.ordinal) as f64);
            let score = 0.45 * ts + 0.45 * bs + 0.1 * pos;
            if score >= 0.55 && (ts >= 0.5 || bs >= 0.6) {
                pairs.push((score, ni, oi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut new_used = HashSet::new();
    for (_, ni, oi) in pairs {
        if new_used.contains(&ni) || old_used[oi] {
            continue;
        }
        new_used.insert(ni);
        old_used[oi] = true;
        out.insert(ni, old[oi].id.clone());
    }
    out
}

/// Give every entity of `doc` its final id, keeping ids from `old` where entities match, and
/// rewrite the cross references (question → stories, principle → stories, story → parent).
pub fn assign_ids(doc: &mut Document, old: Option<&Document>) {
    doc.id = old.map_or_else(|| document_id(&doc.path), |o| o.id.clone());
    let mut used: HashSet<String> = HashSet::new();
    let mut remap: HashMap<String, String> = HashMap::new();
    let path = doc.path.clone();

    macro_rules! kind {
        ($field:ident, $prefix:expr, $title:expr, $body:expr) => {{
            // Bodies are only compared against a previous import: skip building them otherwise.
            let with_body = old.is_some();
            let new: Vec<Desc> = doc
                .$field
                .iter()
                .enumerate()
                .map(|(i, e)| Desc {
                    id: e.id.clone(),
                    title: $title(e),
                    body: if with_body { $body(e) } else { String::new() },
                    ordinal: i,
                })
                .collect();
            let olds: Vec<Desc> = old
                .map(|o| {
                    o.$field
                        .iter()
                        .enumerate()
                        .map(|(i, e)| Desc {
                            id: e.id.clone(),
                            title: $title(e),
                            body: $body(e),
                            ordinal: i,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let matched = match_descs(&new, &olds);
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (i, d) in new.iter().enumerate() {
                let occurrence = seen.entry(norm(&d.title)).or_insert(0);
                *occurrence += 1;
                let id = match matched.get(&i) {
                    Some(id) if !used.contains(id) => id.clone(),
                    _ => {
                        let base = format!(
                            "{}-{}",
                            $prefix,
                            short_hash(&[&path, $prefix, &norm(&d.title), &occurrence.to_string()])
                        );
                        let mut id = base.clone();
                        let mut k = 2;
                        while used.contains(&id)
                            || olds
                                .iter()
                                .any(|o| o.id == id && !matched.values().any(|m| *m == id))
                        {
                            id = format!("{base}-{k}");
                            k += 1;
                        }
                        id
                    }
                };
                used.insert(id.clone());
                remap.insert(d.id.clone(), id.clone());
                doc.$field[i].id = id;
            }
        }};
    }

    kind!(
        sections,
        "sec",
        |e: &loopcoach_core::Section| e.title.clone(),
        |e: &loopcoach_core::Section| format!("{:?}", e.kind)
    );
    kind!(
        rounds,
        "r",
        |e: &loopcoach_core::Round| e.ordinal.to_string(),
        |e: &loopcoach_core::Round| format!("{} {}", e.title, e.topics.join(","))
    );
    kind!(
        questions,
        "q",
        |e: &loopcoach_core::Question| e.title.clone(),
        |e: &loopcoach_core::Question| e.answer.clone()
    );
    kind!(
        principles,
        "p",
        |e: &loopcoach_core::PrincipleSection| e.builtin.clone().unwrap_or_else(|| e.name.clone()),
        |e: &loopcoach_core::PrincipleSection| e.notes.clone()
    );
    kind!(
        stories,
        "s",
        |e: &loopcoach_core::Story| e.title.clone(),
        |e: &loopcoach_core::Story| e.full_text()
    );

    let fix = |id: &mut String| {
        if let Some(n) = remap.get(id) {
            *id = n.clone();
        }
    };
    for q in &mut doc.questions {
        q.stories.iter_mut().for_each(fix);
    }
    for p in &mut doc.principles {
        p.stories.iter_mut().for_each(fix);
    }
    for s in &mut doc.stories {
        match &mut s.parent {
            StoryParent::Question(id) | StoryParent::Principle(id) | StoryParent::Section(id) => {
                fix(id)
            }
            StoryParent::Document => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: &str, title: &str, body: &str, ordinal: usize) -> Desc {
        Desc {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            ordinal,
        }
    }

    #[test]
    fn exact_and_similar_matches_keep_ids() {
        let old = vec![
            d("a", "GST 프로젝트", "S: 출장 T: 세금 계산", 0),
            d("b", "마이데이터", "S: 병가로 투입", 1),
        ];
        let new = vec![
            d("x", "마이데이터 프로젝트", "S: 병가로 투입 T: 가트너", 0),
            d("y", "GST 프로젝트", "S: 출장 T: 세금 계산", 1),
            d("z", "완전히 새로운 이야기", "S: 전혀 다른 내용", 2),
        ];
        let m = match_descs(&new, &old);
        assert_eq!(m.get(&1).map(String::as_str), Some("a"));
        assert_eq!(m.get(&0).map(String::as_str), Some("b"));
        assert_eq!(m.get(&2), None);
    }

    #[test]
    fn short_hash_is_stable() {
        assert_eq!(short_hash(&["a", "b"]), short_hash(&["a", "b"]));
        assert_ne!(short_hash(&["ab"]), short_hash(&["a", "b"]));
        assert_eq!(document_id("x").len(), 10);
    }
}
