//! Reading an answer as claims. The answer is cut into parts (sentences, and the two sides of
//! a contrast: "X, but Y", "X가 아니라 Y") and parts into pieces at commas. In each piece the
//! words of every fault of the kind are found: a complete phrase (`say`), the field or object
//! it concerns, what is wrong with it (its own `defect` words, or the common ones such as
//! "mismatch", "다릅니다"). A claim is complete when a phrase says it, or when a field and
//! something wrong with it, or the fault's defect and its object, stand in the same part.
//! Cues rule claims out ("X is fine", "not X", "rather than X", "X는 정상", "Not this: …",
//! "That is fine.") or mark them as guesses ("maybe", "또는"). All the words are content
//! (`content/labs/claims.toml` and each kind's faults), so a new kind or language is data.

use crate::content::{self, ClaimWords, Cues};

use super::text::Normalized;

/// Where a claim stands: part, piece, char.
pub(crate) type Pos = (usize, usize, usize);

/// One claim the answer makes about a fault of the kind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim {
    pub cause: String,
    /// A field and what is wrong with it, or a phrase that says the whole cause.
    pub complete: bool,
    /// Ruled out by the answer itself ("not X", "X is fine").
    pub negated: bool,
    /// Said as a guess ("maybe X", "X or Y").
    pub hedged: bool,
    /// For a vague claim: what it does not say (`object`, `field`, `defect`).
    pub missing: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Say,
    Field,
    Object,
    Defect,
    Generic,
    /// A negated predicate: a common defect only right after a field.
    NearGeneric,
    Dismiss,
    NegateFollowing,
    Hedge,
}

#[derive(Debug, Clone)]
struct Hit {
    sub: usize,
    start: usize,
    end: usize,
    /// The fault, for the fault's own words.
    cause: Option<usize>,
    role: Role,
    negated: bool,
}

struct Part {
    subs: Vec<Normalized>,
    raw: String,
    /// Opens with a contrast word ("but the API expects …").
    contrast: bool,
}

/// The claims of `answer` about the faults of `kind`, in the order they are made.
pub(crate) fn claims(kind: &str, answer: &str) -> Vec<Claim> {
    let (Ok(cues), Ok(kc)) = (content::cues(), content::kind(kind)) else {
        return Vec::new();
    };
    let faults: Vec<(&str, &ClaimWords, Vec<String>)> = kc
        .faults
        .iter()
        .map(|(code, f)| (code.as_str(), &f.claim, say_words(code, f)))
        .collect();
    let mut answer = answer.to_string();
    for (sym, words) in &cues.symbols {
        answer = answer.replace(sym.as_str(), words);
    }
    let parts = split(&answer, cues);
    let mut per_part: Vec<Vec<Hit>> = parts.iter().map(|p| part_hits(p, cues, &faults)).collect();
    // Whole sentences ruled out: "Not this: …", and "That is fine." after a sentence.
    for i in 0..parts.len() {
        if opens_with_negation(&parts[i].raw, cues) {
            per_part[i].iter_mut().for_each(|h| h.negated = true);
        }
        let own = per_part[i].iter().any(|h| is_vocab(h.role));
        if i > 0 && !own && dismisses_previous(&parts[i], &per_part[i], cues) {
            per_part[i - 1].iter_mut().for_each(|h| h.negated = true);
        }
    }
    let mut out = Vec::new();
    for (pi, hits) in per_part.iter().enumerate() {
        let hedged = parts[pi].raw.contains('?') || hits.iter().any(|h| h.role == Role::Hedge);
        // "aud = X, but the API expects Y": a contrast that names no other fault's field
        // completes the claim before it.
        let next = per_part
            .get(pi + 1)
            .filter(|_| parts.get(pi + 1).is_some_and(|p| p.contrast))
            .filter(|n| !n.iter().any(|h| h.role == Role::Dismiss));
        let assigned = pair_defects(hits, next.map(Vec::as_slice), &parts[pi].subs);
        for (fi, (code, words, _)) in faults.iter().enumerate() {
            let mine: Vec<&Hit> = hits.iter().filter(|h| h.cause == Some(fi)).collect();
            if mine.is_empty() {
                continue;
            }
            let has = |role: Role, live: bool| {
                mine.iter().any(|h| h.role == role && (!live || !h.negated))
            };
            let live_field = |h: &&Hit| h.cause == Some(fi) && h.role == Role::Field && !h.negated;
            let field_vs_field = next.is_some_and(|n| {
                n.iter().all(|h| {
                    !matches!(h.role, Role::Field | Role::Object | Role::Say) || h.cause == Some(fi)
                }) && n.iter().any(|h| live_field(&h))
                    && mine.iter().any(live_field)
            });
            let complete = has(Role::Say, true) || assigned.contains(&fi) || field_vs_field;
            let ruled_out = mine.iter().any(|h| h.negated)
                && (has(Role::Say, false)
                    || ((has(Role::Field, false) || has(Role::Object, false))
                        && (has(Role::Defect, false)
                            || hits.iter().any(|h| h.role == Role::Generic))));
            let first = |live: bool| {
                mine.iter()
                    .filter(|h| !live || !h.negated)
                    .map(|h| (pi, h.sub, h.start))
                    .min()
                    .unwrap_or((pi, 0, 0))
            };
            let claim = |complete, negated, missing: Option<&str>| Claim {
                cause: (*code).to_string(),
                complete,
                negated,
                hedged,
                missing: missing.map(str::to_string),
                pos: first(!negated),
            };
            if complete {
                out.push(claim(true, false, None));
            } else if has(Role::Defect, true) {
                let missing = words.missing.as_deref().unwrap_or("object");
                out.push(claim(false, false, Some(missing)));
            } else if has(Role::Field, true) {
                out.push(claim(false, false, Some("defect")));
            } else if ruled_out {
                out.push(claim(true, true, None));
            } else if has(Role::Field, false) || has(Role::Defect, false) {
                out.push(claim(false, true, None));
            }
        }
    }
    out.sort_by_key(|c| c.pos);
    out
}

/// Gives each live defect (a common one such as "mismatch", or a fault's own such as
/// "expired") to the nearest live field or object it can apply to: the faults whose claim it
/// completes. A common defect applies to a field; a fault's own defect to its field or object.
/// The defects of a contrast that follows (`next`) apply too, from afar.
fn pair_defects(hits: &[Hit], next: Option<&[Hit]>, subs: &[Normalized]) -> Vec<usize> {
    const FAR: usize = 1_000_000;
    let anchors: Vec<&Hit> = hits
        .iter()
        .filter(|h| !h.negated && matches!(h.role, Role::Field | Role::Object))
        .collect();
    let dist = |a: &Hit, d: &Hit, far: bool| {
        if far {
            FAR
        } else if a.sub != d.sub {
            10_000 * a.sub.abs_diff(d.sub)
        } else if a.end <= d.start {
            d.start - a.end
        } else {
            a.start.saturating_sub(d.end)
        }
    };
    let word = |h: &Hit, at: usize| {
        subs.get(h.sub)
            .and_then(|s| s.word_of.get(at).copied())
            .unwrap_or(0)
    };
    let mut defects: Vec<(&Hit, bool)> = hits
        .iter()
        .filter(|h| {
            !h.negated && matches!(h.role, Role::Generic | Role::NearGeneric | Role::Defect)
        })
        .map(|h| (h, false))
        .collect();
    if let Some(n) = next
        && !n
            .iter()
            .any(|h| matches!(h.role, Role::Field | Role::Object | Role::Say))
    {
        defects.extend(
            n.iter()
                .filter(|h| !h.negated && matches!(h.role, Role::Generic | Role::Defect))
                .map(|h| (h, true)),
        );
    }
    let mut out = Vec::new();
    for (d, far) in defects {
        let best = anchors
            .iter()
            .filter(|a| match d.role {
                Role::Generic => a.role == Role::Field,
                Role::NearGeneric => {
                    a.role == Role::Field
                        && a.sub == d.sub
                        && a.end <= d.start
                        && word(d, d.start).saturating_sub(word(a, a.start)) <= 4
                }
                _ => a.cause == d.cause,
            })
            .min_by_key(|a| (dist(a, d, far), a.sub, a.start));
        // A fault's own defect shared with other faults ("expired") goes to the nearest of
        // their anchors: compare against every fault that owns the same words.
        let shared_best = (d.role == Role::Defect).then(|| {
            hits.iter()
                .filter(|o| {
                    o.role == Role::Defect
                        && o.sub == d.sub
                        && o.start == d.start
                        && o.end == d.end
                        && !o.negated
                })
                .filter_map(|o| {
                    anchors
                        .iter()
                        .filter(|a| a.cause == o.cause)
                        .map(|a| (dist(a, d, far), o.cause))
                        .min()
                })
                .min()
        });
        match (best, shared_best.flatten()) {
            (Some(a), Some((dmin, _))) if dist(a, d, far) > dmin => {}
            (Some(a), _) => out.extend(a.cause),
            _ => {}
        }
    }
    out
}

/// The phrases that state a fault whole: its `say` words, its titles, its code, and its
/// name when that has more than one word ("wrong target port", not "expired").
fn say_words(code: &str, f: &content::Fault) -> Vec<String> {
    let mut say = f.claim.say.clone();
    say.push(f.title.ko.clone());
    say.push(f.title.en.clone());
    say.push(code.to_string());
    if let Some((_, name)) = code.split_once('/')
        && name.contains('-')
    {
        say.push(name.replace('-', " "));
    }
    say
}

fn is_vocab(role: Role) -> bool {
    matches!(role, Role::Say | Role::Field | Role::Object | Role::Defect)
}

/// Cuts the answer into parts (sentences and contrast) and pieces (commas).
fn split(answer: &str, cues: &Cues) -> Vec<Part> {
    let before: Vec<Vec<String>> = cues
        .contrast_before
        .iter()
        .map(|c| c.split_whitespace().map(str::to_string).collect())
        .collect();
    let mut parts: Vec<(Vec<String>, bool)> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_contrast = false;
    let flush =
        |cur: &mut Vec<String>, contrast: &mut bool, parts: &mut Vec<(Vec<String>, bool)>| {
            if !cur.is_empty() {
                parts.push((std::mem::take(cur), *contrast));
            }
            *contrast = false;
        };
    for line in answer.lines() {
        let pieces: Vec<&str> = line.split_whitespace().collect();
        let mut i = 0;
        while i < pieces.len() {
            let bare = |p: &str| {
                p.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            };
            let opens = before.iter().any(|words| {
                !words.is_empty()
                    && words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| pieces.get(i + k).is_some_and(|p| bare(p) == *w))
            });
            if opens {
                flush(&mut cur, &mut cur_contrast, &mut parts);
                cur_contrast = true;
            }
            let piece = pieces[i];
            cur.push(piece.to_string());
            let word = bare(piece);
            let closes_contrast = cues
                .contrast_after
                .iter()
                .any(|c| word.ends_with(c.as_str()) && !word.is_empty());
            let end = piece.trim_end_matches(['"', '\'', ')', ']', '’', '”', '`', '*']);
            let sentence_end = (end.ends_with(['.', '!', '?', '。'])
                && end
                    .trim_end_matches(['.', '!', '?', '。'])
                    .chars()
                    .any(char::is_alphanumeric))
                || end.ends_with(';');
            if closes_contrast || sentence_end {
                flush(&mut cur, &mut cur_contrast, &mut parts);
                cur_contrast = closes_contrast;
            }
            i += 1;
        }
        flush(&mut cur, &mut cur_contrast, &mut parts);
    }
    parts
        .into_iter()
        .map(|(pieces, contrast)| {
            let raw = pieces.join(" ");
            let mut subs = Vec::new();
            let mut sub = String::new();
            for p in &pieces {
                if p.starts_with(['(', '（']) && !sub.trim().is_empty() {
                    subs.push(Normalized::new(&sub));
                    sub.clear();
                }
                sub.push_str(p);
                sub.push(' ');
                if p.ends_with([',', '，', '、', ')', '）']) {
                    subs.push(Normalized::new(&sub));
                    sub.clear();
                }
            }
            if !sub.trim().is_empty() || subs.is_empty() {
                subs.push(Normalized::new(&sub));
            }
            Part {
                subs,
                raw,
                contrast,
            }
        })
        .collect()
}

fn part_hits(part: &Part, cues: &Cues, faults: &[(&str, &ClaimWords, Vec<String>)]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (si, sub) in part.subs.iter().enumerate() {
        let mut add = |pats: &[String], cause: Option<usize>, role: Role, words: bool| {
            for p in pats {
                let found = if words {
                    sub.find_words(p)
                } else {
                    sub.find_all(p)
                };
                for (start, end) in found {
                    hits.push(Hit {
                        sub: si,
                        start,
                        end,
                        cause,
                        role,
                        negated: false,
                    });
                }
            }
        };
        for (fi, (_, w, say)) in faults.iter().enumerate() {
            add(say, Some(fi), Role::Say, false);
            add(&w.field, Some(fi), Role::Field, false);
            add(&w.object, Some(fi), Role::Object, false);
            add(&w.defect, Some(fi), Role::Defect, false);
        }
        add(&cues.defects, None, Role::Generic, false);
        add(&cues.negated_predicates, None, Role::NearGeneric, false);
        add(&cues.dismiss_after, None, Role::Dismiss, false);
        add(&cues.negate_following, None, Role::NegateFollowing, false);
        add(&cues.hedges, None, Role::Hedge, true);
    }
    // A hit inside a longer hit of another fault or role gives way ("문제없" is a dismissal,
    // not the defect "문제"; "not yet valid" is a phrase, not the cue "valid").
    let keep: Vec<bool> = hits
        .iter()
        .map(|h| {
            !hits.iter().any(|o| {
                o.sub == h.sub
                    && !matches!(o.role, Role::Generic | Role::NearGeneric | Role::Hedge)
                    && !(matches!(h.role, Role::Generic | Role::NearGeneric | Role::Defect)
                        && o.role == Role::Defect)
                    && o.start <= h.start
                    && h.end <= o.end
                    && (o.end - o.start) > (h.end - h.start)
                    && (o.cause != h.cause || o.role != h.role)
                    && !(o.cause.is_some() && o.cause == h.cause)
            })
        })
        .collect();
    let mut hits: Vec<Hit> = hits
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect();
    hits.sort_by_key(|h| (h.sub, h.start));
    negate(&mut hits, part, cues);
    // "X (exp) 아니라 Y": a dismissal that closes the part rules out all of the part.
    let last_word = part
        .raw
        .split_whitespace()
        .last()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default();
    let closes = cues
        .contrast_after
        .iter()
        .any(|c| last_word.ends_with(c.as_str()));
    let last_sub = part.subs.len().saturating_sub(1);
    if closes
        && hits.iter().any(|h| {
            h.role == Role::Dismiss
                && h.sub == last_sub
                && !cancelled(&part.subs[h.sub], h.start, cues)
        })
    {
        hits.iter_mut()
            .filter(|h| is_vocab(h.role))
            .for_each(|h| h.negated = true);
    }
    // "No secret in the image, that's fine": a piece that points back and rules out.
    for k in 1..part.subs.len() {
        let own = hits.iter().any(|h| h.sub == k && is_vocab(h.role));
        let sub_hits: Vec<Hit> = hits.iter().filter(|h| h.sub == k).cloned().collect();
        if !own && points_back_and_rules_out(&part.subs[k], &sub_hits, cues) {
            hits.iter_mut()
                .filter(|h| h.sub == k - 1)
                .for_each(|h| h.negated = true);
        }
    }
    hits
}

fn negate(hits: &mut [Hit], part: &Part, cues: &Cues) {
    let cues_at: Vec<(usize, usize, usize, Role)> = hits
        .iter()
        .filter(|h| matches!(h.role, Role::Dismiss | Role::NegateFollowing))
        .filter(|h| h.role != Role::Dismiss || !cancelled(&part.subs[h.sub], h.start, cues))
        .map(|h| (h.sub, h.start, h.end, h.role))
        .collect();
    let mut negators: Vec<(usize, usize)> = Vec::new();
    for h in hits
        .iter_mut()
        .filter(|h| is_vocab(h.role) || matches!(h.role, Role::Generic | Role::NearGeneric))
    {
        let sub = &part.subs[h.sub];
        // "X is fine": a dismissal after the claim, with no other dismissal between.
        let mut from = 0;
        for &(s, start, end, role) in &cues_at {
            if s != h.sub {
                continue;
            }
            match role {
                Role::Dismiss if start >= h.end && h.start >= from => {
                    h.negated = true;
                    break;
                }
                Role::Dismiss => from = from.max(end),
                // "rather than X"
                _ if end <= h.start => h.negated = true,
                _ => {}
            }
        }
        // "not (the) X"
        if is_vocab(h.role) {
            let w0 = sub.word_of.get(h.start).copied().unwrap_or(0);
            let mut before = sub.words_before(h.start).enumerate();
            let first = before.find(|(_, w)| !cues.fillers.iter().any(|f| f == w));
            if let Some((k, w)) = first
                && cues.negate_before.iter().any(|n| n == w)
            {
                h.negated = true;
                negators.push((h.sub, w0.saturating_sub(k + 1)));
            }
        }
    }
    // A negation word that negated a claim is not also a defect ("Not insufficient …").
    for h in hits
        .iter_mut()
        .filter(|h| matches!(h.role, Role::Generic | Role::NearGeneric))
    {
        let w = part.subs[h.sub].word_of.get(h.start).copied();
        if negators.iter().any(|&(s, nw)| s == h.sub && Some(nw) == w) {
            h.negated = true;
        }
    }
    // "no X is <defect>": the field and its defect after it are both ruled out.
    let spans: Vec<(usize, usize, Option<usize>, Role)> = hits
        .iter()
        .map(|h| (h.sub, h.start, h.cause, h.role))
        .collect();
    let mut ruled: Vec<(usize, Option<usize>, usize)> = Vec::new();
    for &(s, start, cause, role) in &spans {
        if !matches!(role, Role::Field | Role::Object) {
            continue;
        }
        let sub = &part.subs[s];
        let first = sub
            .words_before(start)
            .find(|w| !cues.fillers.iter().any(|f| f == w));
        let cue = first.is_some_and(|w| cues.negate_before_claim.iter().any(|n| n == w));
        // The defect close after the field ("no secret is in the layers"), not a consequence
        // further on ("no USER line, so the app runs as root").
        let word = |at: usize| sub.word_of.get(at).copied().unwrap_or(usize::MAX);
        let defect_after = spans.iter().any(|&(s2, st2, c2, r2)| {
            s2 == s
                && st2 > start
                && c2 == cause
                && r2 == Role::Defect
                && word(st2).saturating_sub(word(start)) <= 4
        });
        if cue && defect_after {
            ruled.push((s, cause, start));
        }
    }
    for h in hits.iter_mut() {
        if ruled
            .iter()
            .any(|&(s, c, st)| h.sub == s && h.cause == c && h.start >= st)
        {
            h.negated = true;
        }
    }
}

/// Whether the word before a dismissal cue turns it round ("안 맞고", "불일치합니다").
fn cancelled(sub: &Normalized, start: usize, cues: &Cues) -> bool {
    let word = sub.word_of.get(start).copied().unwrap_or(0);
    let word_start = sub.word_of.iter().position(|&w| w == word).unwrap_or(start);
    let prefix: String = sub.chars[word_start..start].iter().collect();
    if !prefix.is_empty() {
        return cues
            .dismiss_cancel
            .iter()
            .any(|c| prefix.ends_with(c.as_str()));
    }
    sub.words_before(start)
        .next()
        .is_some_and(|w| cues.dismiss_cancel.iter().any(|c| c == w))
}

fn opens_with_negation(raw: &str, cues: &Cues) -> bool {
    let lower = raw.trim_start().to_lowercase();
    cues.negate_sentence.iter().any(|p| {
        lower
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：', '-', '—']))
    })
}

/// "That is fine." / "그건 아닙니다.": a part with no claim of its own that points back and
/// rules out.
fn dismisses_previous(part: &Part, hits: &[Hit], cues: &Cues) -> bool {
    let first: Vec<Hit> = hits.iter().filter(|h| h.sub == 0).cloned().collect();
    part.subs
        .first()
        .is_some_and(|s| points_back_and_rules_out(s, &first, cues))
}

fn points_back_and_rules_out(sub: &Normalized, hits: &[Hit], cues: &Cues) -> bool {
    let Some(first) = sub.words.first() else {
        return false;
    };
    let points_back = cues.anaphora.iter().any(|a| {
        let a = Normalized::new(a);
        a.words.first() == Some(first)
    });
    let rules_out = hits
        .iter()
        .any(|h| h.role == Role::Dismiss && !cancelled(sub, h.start, cues));
    points_back && rules_out
}
