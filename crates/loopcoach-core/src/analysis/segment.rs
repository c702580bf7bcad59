//! Sentences and STAR parts: an answer split into sentences (Korean and English), clauses
//! opened by a strong cue split off, STAR labels honoured where the answer has them, and every
//! other sentence given the part its cues point at (see `docs/feedback.md`).

use crate::StarPart;
use crate::readiness::words::{is_word_char, lower};

use super::rules::AnswerRules;

/// One sentence (or clause) of an answer, with the STAR parts it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Byte range in the answer.
    pub start: usize,
    pub end: usize,
    /// The part a label gave it, or the part its cues point at; `None` for a sentence before
    /// any part (an opening "Sure, let me tell you").
    pub part: Option<StarPart>,
    /// A second part the sentence also carries strongly.
    pub also: Option<StarPart>,
    /// Whether a STAR label assigned the part.
    pub labelled: bool,
}

/// Sentence boundaries: byte ranges of the non-empty sentences of `text`. A sentence ends at
/// `.`, `!`, `?`, `。` or `…` followed by a space or the end (not inside a number such as 3.5,
/// not after a short abbreviation such as "e.g."), and at every line break.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end_here = match c {
            '\n' => Some(i),
            '.' | '!' | '?' | '。' | '…' => {
                let after_ok = next.is_none_or(|n| n.is_whitespace() || n == '"' || n == ')');
                let abbreviation = c == '.' && is_abbreviation(&text[start..i]);
                (after_ok && !abbreviation).then_some(i + c.len_utf8())
            }
            _ => None,
        };
        if let Some(end) = end_here {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let w = word.to_ascii_lowercase();
    matches!(
        w.as_str(),
        "e.g" | "i.e" | "etc" | "vs" | "mr" | "ms" | "dr" | "approx" | "no" | "st"
    ) || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()) && w != "i")
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.chars().any(is_word_char) {
        out.push((start + lead, start + lead + t.len()));
    }
}

/// The STAR label a line opens with ("S:", "**Situation**", "결과 -", "`[Task]`"), and the
/// byte offset where its content starts.
pub fn line_label(line: &str, rules: &AnswerRules) -> Option<(StarPart, usize)> {
    let lead = line.len() - line.trim_start().len();
    let mut rest = &line[lead..];
    let mut skipped = lead;
    // List markers and emphasis before the label.
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(['-', '*', '#', '>', '[', '(', '•', '_', ' ']);
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            rest = &rest[digits + 1..];
        }
        skipped += before - rest.len();
        if rest.len() == before {
            break;
        }
    }
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic()))
        .map_or(rest.len(), |(i, _)| i);
    if word_len == 0 {
        return None;
    }
    let word = rest[..word_len].to_lowercase();
    let part = [
        (&rules.labels.situation, StarPart::Situation),
        (&rules.labels.task, StarPart::Task),
        (&rules.labels.action, StarPart::Action),
        (&rules.labels.result, StarPart::Result),
    ]
    .into_iter()
    .find(|(list, _)| list.contains(&word))?
    .1;
    let mut after = &rest[word_len..];
    // "Situation (상황)": a parenthesised gloss after the label.
    let t = after.trim_start_matches(['*', '_', ']', ' ']);
    let t = if t.starts_with('(') {
        t.find(')').map_or(t, |k| &t[k + 1..])
    } else {
        t
    };
    let closed_by_emphasis = after.starts_with(['*', '_', ']']);
    let t2 = t.trim_start_matches(['*', '_', ']', ' ']);
    let short = word.chars().count() == 1;
    let content_at;
    if let Some(r) = t2.strip_prefix([':', '：', '-', '–', '—', ')', '.']) {
        after = r;
        content_at = line.len() - after.len();
    } else if !short && (closed_by_emphasis || t2.trim().is_empty()) {
        after = t2;
        content_at = line.len() - after.len();
    } else {
        return None;
    }
    let _ = skipped;
    let content_at = content_at + (after.len() - after.trim_start().len());
    Some((part, content_at))
}

/// Score of each part for one sentence (lowercased), from its cues and its shape.
pub fn cue_scores(low: &str, rules: &AnswerRules) -> [f64; 4] {
    let mut scores = [0.0; 4];
    let c = &rules.cues;
    if let Some(f) = &rules.cue_finder {
        // Each cue counts once; a sentence holds a handful, so a short list beats a bitmap.
        let mut seen: Vec<usize> = Vec::new();
        for m in f.ac.find_overlapping_iter(low) {
            let k = m.pattern().as_usize();
            let (part, w, word_start) = f.patterns[k];
            if seen.contains(&k) {
                continue;
            }
            if word_start
                && low[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
            {
                continue;
            }
            seen.push(k);
            scores[part] += w;
        }
    }
    // English shapes.
    let toks: Vec<&str> = low
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\''))
        .filter(|t| !t.is_empty())
        .collect();
    let is_past = |t: &str| {
        (t.len() > 3 && t.ends_with("ed") && !c.en_not_action_ed.iter().any(|x| x == t))
            || c.en_irregular_past.iter().any(|x| x == t)
    };
    let mut i_action = false;
    let mut we_action = false;
    let mut progressive = false;
    for (k, t) in toks.iter().enumerate() {
        let window = toks.iter().skip(k + 1).take(2);
        if c.first_person_en.iter().any(|x| x == t) {
            // "I decided to", "I offered to": an intention, not a deed.
            let past_not_to = |j: usize| {
                toks.get(j).is_some_and(|v| is_past(v)) && toks.get(j + 1) != Some(&"to")
            };
            let mut w = (k + 1..k + 3).map(past_not_to);
            // "I then rewrote", "I quickly found": the verb may follow one adverb.
            if w.next() == Some(true)
                || (toks.get(k + 1).is_some_and(|v| {
                    v.ends_with("ly") || ["then", "also", "first", "finally"].contains(v)
                }) && w.next() == Some(true))
            {
                i_action = true;
            }
        } else if c.we_en.iter().any(|x| x == t)
            && window.clone().next().is_some_and(|v| is_past(v))
        {
            we_action = true;
        }
        if c.past_progressive_en.iter().any(|x| x == t)
            && toks
                .get(k + 1)
                .is_some_and(|v| v.len() > 4 && v.ends_with("ing"))
        {
            progressive = true;
        }
    }
    if i_action {
        scores[2] += c.en_i_past_action;
    } else if we_action {
        scores[2] += c.en_we_past_action;
    }
    if progressive {
        scores[0] += c.en_past_progressive_situation;
    }
    // Korean shape: a past-tense verb at the end that is not a state, more so with a
    // first-person subject.
    let tail = low.trim_end_matches(|ch: char| !is_word_char(ch));
    if c.ko_past_endings.iter().any(|e| tail.ends_with(e.as_str()))
        && !c
            .ko_state_endings
            .iter()
            .any(|e| tail.ends_with(e.as_str()))
    {
        scores[2] += c.ko_past_action;
        if c.ko_first_person.iter().any(|p| low.contains(p.as_str())) {
            scores[2] += c.ko_first_person_action;
        }
    }
    scores
}

/// Whether a sentence (lowercased) is told in the past (see `present_scale` in the rules).
pub fn is_past(low: &str, rules: &AnswerRules) -> bool {
    let c = &rules.cues;
    let en = low
        .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '\''))
        .any(|t| {
            (t.len() > 3 && t.ends_with("ed"))
                || c.en_past_markers.iter().any(|x| x == t)
                || c.en_irregular_past.iter().any(|x| x == t)
        });
    if en {
        return true;
    }
    let last = low
        .split(|ch: char| ch.is_whitespace())
        .rev()
        .find(|w| w.chars().any(crate::text::is_hangul_syllable))
        .unwrap_or("");
    // Whole-text check too: "…던 상황이었습니다" ends in a past copula already.
    last.chars().any(|ch| {
        let code = ch as u32;
        (0xAC00..=0xD7A3).contains(&code)
            && ((code - 0xAC00) % 28 == 20 && ch != '있' || ch == '던')
    })
}

/// Whether a sentence is a plan, a hope, a hypothetical or a general claim (no STAR part).
pub fn not_story(low: &str, rules: &AnswerRules) -> bool {
    rules.cues.not_story.iter().any(|p| {
        if p.starts_with(|c: char| c.is_ascii_alphabetic()) {
            crate::readiness::words::contains_phrase(low, p)
        } else {
            low.contains(p.as_str())
        }
    })
}

/// Whether a sentence (lowercased) with `quantities` quantities states a change: a change
/// word ("cut", "줄었") with one, a comparison word ("from", "instead", "에서") with two.
fn states_change(low: &str, quantities: usize, rules: &AnswerRules) -> bool {
    let has = |list: &[String]| {
        list.iter().any(|w| {
            if w.contains(' ') {
                crate::readiness::words::contains_phrase(low, w)
            } else if w.is_ascii() {
                low.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|t| t == w)
            } else {
                low.contains(w.as_str())
            }
        })
    };
    (quantities >= 1 && has(&rules.cues.change_words))
        || (quantities >= 2 && has(&rules.cues.comparison_words))
}

/// Words a clause may open with before its cue ("and as a result", "그리고 그 결과").
const CONNECTORS: [&str; 7] = [
    "and then ",
    "and ",
    "so ",
    "but ",
    "그리고 ",
    "근데 ",
    "그런데 ",
];

/// Split a sentence where a clause opens with a strong cue: after a comma or semicolon
/// (`clause_cue`), or, in run-on speech with no punctuation, at a word that opens a cue of
/// at least `secondary_score`. Each piece keeps at least three words. The cues are found in
/// one pass over the sentence.
fn clauses(text: &str, (s, e): (usize, usize), rules: &AnswerRules) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let body = &text[s..e];
    let low = lower(body);
    let Some(f) = rules
        .cue_finder
        .as_ref()
        .filter(|_| low.len() == body.len())
    else {
        push_trimmed(text, s, e, &mut out);
        return out;
    };
    // The heaviest cue starting at each byte.
    let mut best = vec![0.0f64; low.len() + 1];
    for m in f.ac.find_overlapping_iter(&low) {
        let w = f.patterns[m.pattern().as_usize()].1;
        if w > best[m.start()] {
            best[m.start()] = w;
        }
    }
    let opening = |pos: usize| -> f64 {
        let skip = |p: usize| p + (low[p..].len() - low[p..].trim_start().len());
        let mut p = skip(pos);
        if let Some(c) = CONNECTORS.iter().find(|c| low[p..].starts_with(*c)) {
            p = skip(p + c.len());
        }
        best[p]
    };
    // Where each word starts, so the words between two places are counted by two searches.
    let mut word_starts = Vec::new();
    let mut in_word = false;
    for (i, ch) in body.char_indices() {
        if !ch.is_whitespace() && !in_word {
            word_starts.push(i);
        }
        in_word = !ch.is_whitespace();
    }
    let words = |a: usize, b: usize| {
        word_starts.partition_point(|&w| w < b) - word_starts.partition_point(|&w| w < a)
    };
    let mut start = 0;
    let mut prev_space = false;
    for (at, ch) in body.char_indices() {
        let (next, need) = if ch == ',' || ch == ';' {
            (at + 1, rules.cues.clause_cue)
        } else if prev_space && !ch.is_whitespace() {
            (at, rules.cues.secondary_score)
        } else {
            prev_space = ch.is_whitespace();
            continue;
        };
        prev_space = ch.is_whitespace();
        if next >= body.len() || words(start, at) < 3 || words(next, body.len()) < 3 {
            continue;
        }
        if opening(next) >= need {
            push_trimmed(text, s + start, s + at, &mut out);
            start = next;
        }
    }
    push_trimmed(text, s + start, e, &mut out);
    out
}

/// Read `text` as STAR: labelled lines keep their label's part; other sentences get the part
/// their cues point at, or continue the part before them.
pub fn segment(text: &str, rules: &AnswerRules) -> Vec<Segment> {
    // Labels: the line each one opens, by byte offset.
    let mut labels: Vec<(usize, StarPart, usize)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some((part, at)) = line_label(line, rules) {
            labels.push((offset, part, offset + at));
        }
        offset += line.len();
    }
    let labelled = labels.len() >= 2;
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Option<StarPart> = None;
    let mut seen_action = false;
    let c = &rules.cues;
    // Text is read region by region: before the first label, then each label's span.
    let mut regions: Vec<(usize, usize, Option<StarPart>)> = Vec::new();
    if labelled {
        regions.push((0, labels[0].0, None));
        for (k, &(_, part, content)) in labels.iter().enumerate() {
            let end = labels.get(k + 1).map_or(text.len(), |l| l.0);
            regions.push((content.min(end), end, Some(part)));
        }
    } else {
        regions.push((0, text.len(), None));
    }
    for (rs, re, label) in regions {
        for sent in sentences(&text[rs..re]) {
            let sent = (rs + sent.0, rs + sent.1);
            if let Some(part) = label {
                seen_action |= part == StarPart::Action;
                out.push(Segment {
                    start: sent.0,
                    end: sent.1,
                    part: Some(part),
                    also: None,
                    labelled: true,
                });
                continue;
            }
            for (s, e) in clauses(text, sent, rules) {
                let low = lower(&text[s..e]);
                if not_story(&low, rules) {
                    out.push(Segment {
                        start: s,
                        end: e,
                        part: None,
                        also: None,
                        labelled: false,
                    });
                    continue;
                }
                let mut sc = cue_scores(&low, rules);
                let past = is_past(&low, rules);
                if !past {
                    for v in &mut sc {
                        *v *= c.present_scale;
                    }
                }
                let first = out.iter().all(|x| x.part.is_none());
                let very_first = out.is_empty() && past;
                if first && past {
                    sc[0] += c.first_sentence_situation;
                }
                let n_quantities = super::signals::quantities(&text[s..e], rules).len();
                let quantity = n_quantities > 0;
                if seen_action && quantity && sc[2] < c.min_score {
                    sc[3] += c.metric_after_action_result;
                }
                if seen_action
                    && low.is_ascii()
                    && low
                        .split(|ch: char| !ch.is_ascii_alphanumeric())
                        .find(|t| !t.is_empty())
                        .is_some_and(|t| !c.en_self_openers.iter().any(|o| o == t))
                {
                    sc[3] += c.other_subject_result_en;
                }
                if states_change(&low, n_quantities, rules) {
                    sc[3] += c.change_result;
                }
                let (best, top) =
                    sc.iter().enumerate().fold(
                        (0, f64::MIN),
                        |acc, (k, &v)| if v > acc.1 { (k, v) } else { acc },
                    );
                let part = if top >= c.min_score {
                    Some(StarPart::ALL[best])
                } else if very_first {
                    // A story opens with its scene.
                    Some(StarPart::Situation)
                } else if past {
                    current
                } else {
                    None
                };
                let also = sc
                    .iter()
                    .enumerate()
                    .filter(|&(k, &v)| Some(StarPart::ALL[k]) != part && v >= c.secondary_score)
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map(|(k, _)| StarPart::ALL[k]);
                current = part;
                seen_action |= part == Some(StarPart::Action) || also == Some(StarPart::Action);
                out.push(Segment {
                    start: s,
                    end: e,
                    part,
                    also,
                    labelled: false,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rules::answer_rules;

    fn texts(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn sentences_split_in_both_languages() {
        assert_eq!(
            texts("It took 3.5 hours. Then I fixed it! Done?"),
            vec!["It took 3.5 hours.", "Then I fixed it!", "Done?"]
        );
        assert_eq!(
            texts("상황이었습니다. 제가 맡았습니다\n결과는 좋았습니다"),
            vec!["상황이었습니다.", "제가 맡았습니다", "결과는 좋았습니다"]
        );
        assert_eq!(
            texts("We used tools, e.g. Grafana. It worked."),
            vec!["We used tools, e.g. Grafana.", "It worked."]
        );
        assert!(texts("  \n ... \n").is_empty());
    }

    #[test]
    fn labels_are_read_in_their_usual_shapes() {
        let r = answer_rules();
        for (line, part) in [
            ("S: the build was slow", StarPart::Situation),
            ("**Task**: own it", StarPart::Task),
            ("- Action - I profiled", StarPart::Action),
            ("결과: 절반으로 줄었습니다", StarPart::Result),
            ("[Result] it shipped", StarPart::Result),
            ("Situation (상황): 작년", StarPart::Situation),
            ("Result", StarPart::Result),
        ] {
            assert_eq!(line_label(line, r).map(|l| l.0), Some(part), "{line}");
        }
        for line in [
            "A lot of people were affected",
            "Situations like this are rare",
            "결과적으로 좋아졌습니다",
            "Task force meetings happened daily",
        ] {
            assert_eq!(line_label(line, r), None, "{line}");
        }
        let (_, at) = line_label("S: the build", r).unwrap_or((StarPart::Task, 0));
        assert_eq!(&"S: the build"[at..], "the build");
    }

    #[test]
    fn a_clause_opening_with_a_strong_cue_is_split_off() {
        let r = answer_rules();
        let t = "저는 배치를 옮겼고, 그 결과 타임아웃이 사라졌습니다.";
        let segs = segment(t, r);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[1].part, Some(StarPart::Result));
    }

    #[test]
    fn labelled_parts_keep_their_label() {
        let r = answer_rules();
        let t = "S: Our deploys were slow.\nT: I had to fix it.\nA: I cached layers.\nR:\n";
        let segs = segment(t, r);
        let parts: Vec<_> = segs.iter().map(|s| s.part).collect();
        assert_eq!(
            parts,
            vec![
                Some(StarPart::Situation),
                Some(StarPart::Task),
                Some(StarPart::Action)
            ],
            "an empty label holds no sentence"
        );
        assert!(segs.iter().all(|s| s.labelled));
    }
}
