//! What an answer says besides its structure: measurable quantities (digits with units,
//! percentages, number words such as "twelve minutes" or "두 배"), "I" versus "we", and filler
//! words. Every list is data in `content/analysis/answer.toml`.

use crate::readiness::rules::rules as readiness_rules;
use crate::readiness::words::{is_word_char, lower, tokens};

use super::rules::AnswerRules;

/// Whether `text` states a quantity (see [`quantities`]).
pub fn has_quantity(text: &str, rules: &AnswerRules) -> bool {
    !quantities(text, rules).is_empty()
}

/// A word of `low` with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(low: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let b = low.as_bytes();
    for (i, c) in low.char_indices() {
        // "3,000" and "1.5" stay one word.
        let in_number = (c == ',' || c == '.')
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let w = is_word_char(c) || c == '\'' || c == '%' || in_number;
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &low[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &low[s..],
            start: s,
            end: low.len(),
        });
    }
    out
}

fn starts_with_any<'l>(s: &str, list: &'l [String]) -> Option<&'l str> {
    list.iter()
        .filter(|u| s.starts_with(u.as_str()))
        .max_by_key(|u| u.len())
        .map(String::as_str)
}

/// The quantities `text` states, as the words that state them ("12 minutes", "40%",
/// "두 배", "ten thousand rows", "$3,000"). Ordinals ("2nd", "1차"), list markers and years
/// ("2023년", "in 2021") are not quantities; a bare single digit with no unit is not either.
pub fn quantities(text: &str, rules: &AnswerRules) -> Vec<String> {
    let m = &rules.metric;
    let low = lower(text);
    let ws = words(&low);
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let w = ws[k];
        let next = ws.get(k + 1);
        let digits: usize = w
            .text
            .char_indices()
            .take_while(|&(i, c)| {
                c.is_ascii_digit()
                    || ((c == '.' || c == ',')
                        && i > 0
                        && w.text[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
            })
            .map(|(_, c)| c.len_utf8())
            .sum();
        if digits > 0 {
            let num = &w.text[..digits];
            let rest = &w.text[digits..];
            // A list marker: digits then ")" or "." at the start of a line.
            let line_start = low[..w.start].trim_end_matches([' ', '\t']).ends_with('\n')
                || low[..w.start].trim().is_empty();
            let marker = line_start
                && rest.is_empty()
                && low[w.end..].starts_with([')', '.'])
                && !low[w.end + 1..].starts_with(|c: char| c.is_ascii_digit());
            let ordinal = m
                .ordinal_suffixes
                .iter()
                .any(|s| rest.starts_with(s.as_str()));
            let year = num.len() == 4
                && (num.starts_with("19") || num.starts_with("20"))
                && (rest.is_empty() || rest.starts_with('년'))
                && next.is_none_or(|n| starts_with_any(n.text, &m.units_en).is_none());
            let currency = m
                .currency_en
                .iter()
                .any(|c| low[..w.start].ends_with(c.as_str()));
            let unit_attached = !rest.is_empty()
                && (starts_with_any(rest, &m.units_en).is_some()
                    || starts_with_any(rest, &m.counters_ko).is_some());
            let unit_next = rest.is_empty()
                && next.is_some_and(|n| {
                    n.start == w.end + 1
                        && (starts_with_any(n.text, &m.units_en).is_some()
                            || starts_with_any(n.text, &m.counters_ko).is_some()
                            || m.number_words_en.iter().any(|x| x == n.text))
                });
            let percent_next = low[w.end..].starts_with('%');
            let timing = ws
                .iter()
                .skip(k + 1)
                .take(2)
                .any(|n| m.timing_words.iter().any(|t| *t == n.text))
                || m.timing_words
                    .iter()
                    .any(|t| rest.ends_with(t.as_str()) && !rest.is_empty());
            let noun_next = rest.is_empty()
                && next.is_some_and(|n| {
                    n.start == w.end + 1
                        && n.text.chars().all(char::is_alphabetic)
                        && !["of", "and", "or", "to", "in", "on", "at", "is", "was"]
                            .contains(&n.text)
                });
            if !marker && !ordinal && !year && !timing {
                if currency || unit_attached || percent_next {
                    let unit = starts_with_any(rest, &m.units_en)
                        .or_else(|| starts_with_any(rest, &m.counters_ko))
                        .map_or(0, str::len);
                    let end = if unit_attached {
                        w.start + digits + unit
                    } else {
                        w.end
                    };
                    out.push(text_of(text, &low, w.start, end));
                } else if unit_next {
                    let n = ws[k + 1];
                    out.push(text_of(text, &low, w.start, n.end));
                    k += 1;
                } else if noun_next || num.chars().filter(char::is_ascii_digit).count() >= 2 {
                    out.push(text_of(text, &low, w.start, w.end));
                }
            }
            k += 1;
            continue;
        }
        // Number words followed by a unit: "twelve minutes", "ten thousand rows", "두 배".
        let en_number = m.number_words_en.iter().any(|x| x == w.text);
        let ko_number = m.number_words_ko.iter().any(|x| x == w.text);
        if en_number || ko_number {
            let mut j = k + 1;
            while ws
                .get(j)
                .is_some_and(|n| m.number_words_en.iter().any(|x| x == n.text))
            {
                j += 1;
            }
            let timing = ws
                .iter()
                .skip(j + 1)
                .take(2)
                .any(|n| m.timing_words.iter().any(|t| *t == n.text));
            if let Some(n) = ws.get(j).filter(|_| !timing) {
                let unit = if en_number {
                    starts_with_any(n.text, &m.units_en).is_some()
                        || (w.text != "one"
                            && n.text.len() > 2
                            && n.text.chars().all(|c| c.is_ascii_alphabetic())
                            && !["of", "and", "the", "more", "less", "or"].contains(&n.text))
                } else {
                    m.counters_ko
                        .iter()
                        .filter(|c| {
                            w.text != "한" || !KO_WORD_COUNTER_EXCLUDED.contains(&c.as_str())
                        })
                        .any(|c| n.text.starts_with(c.as_str()))
                };
                if unit {
                    out.push(text_of(text, &low, w.start, n.end));
                    k = j + 1;
                    continue;
                }
            }
        }
        if m.ratio_words_en.iter().any(|x| x == w.text) {
            out.push(text_of(text, &low, w.start, w.end));
        }
        k += 1;
    }
    for r in &m.duration_phrases_en {
        if let Some(at) = crate::readiness::words::find_phrase(&low, r) {
            out.push(text_of(text, &low, at, at + r.len()));
        }
    }
    for r in &m.ratio_words_ko {
        if let Some(at) = low.find(r.as_str()) {
            out.push(text_of(text, &low, at, at + r.len()));
        }
    }
    out
}

/// Counters that follow "한" (one) only in other senses: "한 번" (once, not a
/// measure), "한 일" (what one did), "한 대" (a hit), "한 개", "한 주".
const KO_WORD_COUNTER_EXCLUDED: [&str; 5] = ["번", "일", "대", "개", "주"];

fn text_of(text: &str, low: &str, s: usize, e: usize) -> String {
    if low.len() == text.len() {
        text[s..e].to_string()
    } else {
        low[s..e].to_string()
    }
}

/// First-person singular and plural counts (Korean and English pronoun lists of the
/// readiness rules, whole tokens).
pub fn pronouns(text: &str) -> (usize, usize) {
    let p = &readiness_rules().pronouns;
    let (mut i, mut we) = (0, 0);
    for t in tokens(text) {
        if p.i.contains(&t) {
            i += 1;
        } else if p.we.contains(&t) {
            we += 1;
        }
    }
    (i, we)
}

/// Filler words: those always counted when they stand alone, and those counted only when set
/// off by a comma, an ellipsis, a dash or the end of a sentence (see `answer.toml`).
pub fn fillers(text: &str, rules: &AnswerRules) -> usize {
    let f = &rules.fillers;
    let low = lower(text);
    let ws = words(&low);
    let always = |t: &str| f.always_en.iter().chain(&f.always_ko).any(|x| x == t);
    let mut count = 0;
    let mut k = 0;
    while k < ws.len() {
        let w = ws[k];
        if always(w.text) {
            count += 1;
            k += 1;
            continue;
        }
        // Set-off phrases of one or two words.
        let mut matched = 0;
        for parts in &rules.set_off_phrases {
            let n = parts.len();
            if k + n > ws.len() || !parts.iter().zip(&ws[k..k + n]).all(|(p, w)| *p == w.text) {
                continue;
            }
            let end = ws[k + n - 1].end;
            let after = low[end..].trim_start_matches([' ', '\t']);
            let set_off = after.is_empty()
                || after.starts_with([',', '…', '—', '–', '-', '.', '?', '!', '\n'])
                || ws.get(k + n).is_some_and(|nx| {
                    always(nx.text) || (nx.text == w.text && nx.start <= end + 1)
                });
            // A sentence-final word is a filler only after a comma ("…, you know.").
            let sentence_end = after.starts_with(['.', '?', '!']) || after.is_empty();
            let before_comma = low[..w.start].trim_end().ends_with(',');
            if set_off && (!sentence_end || before_comma) {
                matched = n;
                break;
            }
        }
        if matched > 0 {
            count += 1;
            k += matched;
        } else {
            k += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rules::answer_rules;

    fn q(t: &str) -> Vec<String> {
        quantities(t, answer_rules())
    }

    #[test]
    fn quantities_in_english() {
        assert_eq!(
            q("finishes in 12 minutes instead of 3 hours"),
            vec!["12 minutes", "3 hours"]
        );
        assert_eq!(q("latency fell 40%"), vec!["40%"]);
        assert_eq!(q("saved $3,000 a month"), vec!["3,000", "a month"]);
        assert_eq!(q("it now takes twelve minutes"), vec!["twelve minutes"]);
        assert_eq!(q("batches of ten thousand rows"), vec!["ten thousand rows"]);
        assert_eq!(q("errors were halved"), vec!["halved"]);
        assert_eq!(q("from 120 to 15 tickets"), vec!["120", "15 tickets"]);
    }

    #[test]
    fn ordinals_years_and_markers_are_not_quantities() {
        assert!(q("the 2nd phase in 2021").is_empty());
        assert!(q("1) I looked at logs").is_empty());
        assert!(q("step 1 was the hardest").is_empty());
        assert!(q("I like one of them").is_empty());
        assert!(q("three months later it was fine, 2 weeks ago too").is_empty());
        assert!(q("2023년에 1차 프로젝트").is_empty());
    }

    #[test]
    fn quantities_in_korean() {
        assert_eq!(q("3시간 걸리던 배치가 12분으로"), vec!["3시간", "12분"]);
        assert_eq!(q("오류가 40% 줄었습니다"), vec!["40%"]);
        assert_eq!(q("속도가 두 배 빨라졌습니다"), vec!["두 배", "두 배"]);
        assert_eq!(q("한 달 만에 끝냈습니다"), vec!["한 달"]);
        assert!(q("비용을 절반으로 줄였습니다").contains(&"절반".to_string()));
        assert!(q("매일 새벽마다 타임아웃이 나는 상황").is_empty());
        assert!(q("한 번 더 확인했고 제가 한 일은").is_empty());
    }

    #[test]
    fn pronouns_by_language() {
        assert_eq!(
            pronouns("I fixed it and we shipped; my team helped us"),
            (2, 2)
        );
        assert_eq!(
            pronouns("저는 분석했고 저희 팀은 배포했습니다. 제가 맡았습니다"),
            (2, 1)
        );
    }

    #[test]
    fn fillers_and_their_false_friends() {
        let r = answer_rules();
        assert_eq!(fillers("Um, so it was, like, slow, you know.", r), 3);
        assert_eq!(fillers("I like Rust and you know the rest", r), 0);
        assert_eq!(
            fillers("음 그, 서버가 어 느렸고 약간 뭔가 이제 됐습니다", r),
            6
        );
        assert_eq!(fillers("그 서버가 그동안 그래서 느렸습니다", r), 0);
        assert_eq!(fillers("그 그 서버가", r), 1);
    }
}
