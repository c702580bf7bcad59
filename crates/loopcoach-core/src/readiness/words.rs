//! Word-level helpers the checks share: tokens, syllable and word counts, phrase matching with
//! word boundaries, and finding the first measurable number in a text.

use crate::text::is_hangul;

use super::rules::Rules;

/// Lowercase, fast for what notes are made of: ASCII and Hangul (which has no case) are
/// handled directly, anything else through the full Unicode mapping. Byte length is kept
/// for ASCII and Hangul.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_hangul(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether [`lower`] changes `s` byte for byte (ASCII and Hangul only): its lowercase form then
/// has the same byte offsets and is the ASCII lowercase of each byte, so it can be compared
/// in place, without building it.
pub fn lowers_in_place(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii() || is_hangul(c))
}

/// `lower(hay) == needle` for a `hay` that [`lowers_in_place`].
pub fn lowered_eq(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() == needle.len()
        && hay
            .iter()
            .zip(needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// A letter or digit (Hangul checked first: it is most of the text and the slow path).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_hangul(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// Lowercased tokens, split on whitespace and punctuation (apostrophes kept: "we're").
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.contains('’') {
                lower(&t.replace('’', "'"))
            } else {
                lower(t)
            }
        })
        .collect()
}

/// Hangul syllables (what Korean speaking time is counted in).
pub fn hangul_syllables(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, '\u{AC00}'..='\u{D7A3}'))
        .count()
}

/// The character at byte `i` of `text` when it lies in U+A000..U+D7FF (a 3-byte character
/// whose UTF-8 starts with 0xEA..=0xED: every Hangul syllable), decoded from its bytes.
#[inline]
pub fn three_byte_at(b: &[u8], i: usize) -> Option<u32> {
    let x = *b.get(i)?;
    if !(0xEA..=0xED).contains(&x) {
        return None;
    }
    let (y, z) = (*b.get(i + 1)?, *b.get(i + 2)?);
    Some((u32::from(x & 0x0F) << 12) | (u32::from(y & 0x3F) << 6) | u32::from(z & 0x3F))
}

/// [`hangul_syllables`] and [`english_words`] of a text in one pass (bytes read directly for
/// ASCII and Hangul, other characters decoded).
pub fn syllables_and_words(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let (mut syllables, mut words) = (0, 0);
    // The current whitespace-separated word: has an ASCII letter or digit / a character
    // encoded with a leading byte 0xEA..=0xED (U+A000..U+D7FF, surrogates excluded).
    let (mut alnum, mut high) = (false, false);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if matches!(x, b' ' | b'\t'..=b'\r') {
                words += usize::from(alnum && !high);
                (alnum, high) = (false, false);
            } else if x.is_ascii_alphanumeric() {
                alnum = true;
            }
            i += 1;
        } else if let Some(cp) = three_byte_at(b, i) {
            high = true;
            syllables += usize::from((0xAC00..=0xD7A3).contains(&cp));
            i += 3;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                words += usize::from(alnum && !high);
                (alnum, high) = (false, false);
            }
            i += c.len_utf8();
        }
    }
    (syllables, words + usize::from(alnum && !high))
}

/// Words with no Hangul in them (English words and bare numbers).
pub fn english_words(text: &str) -> usize {
    // Hangul syllables (U+AC00..U+D7A3) start with bytes 0xEA..=0xED in UTF-8.
    text.split_whitespace()
        .filter(|w| {
            let b = w.as_bytes();
            b.iter().any(u8::is_ascii_alphanumeric) && !b.iter().any(|x| (0xEA..=0xED).contains(x))
        })
        .count()
}

/// Whether `hay` (lowercased) contains `needle` (lowercased); a needle starting with an ASCII
/// letter must start a word ("half" is not in "behalf", "two " is not in "network ").
pub fn contains_phrase(hay: &str, needle: &str) -> bool {
    find_phrase(hay, needle).is_some()
}

/// Byte offset of the first match of `needle` in `hay`, with the word rule of [`contains_phrase`].
pub fn find_phrase(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let word_start = needle
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let at = from + i;
        let ok = !word_start
            || hay[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
        if ok {
            return Some(at);
        }
        from = at + needle.len();
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Drop a leading list marker ("1)", "2.", "-", "*") from each line.
pub fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim_start();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let rest = if digits > 0 && t[digits..].starts_with([')', '.']) {
            &t[digits + 1..]
        } else if t.starts_with(['-', '*', '•']) {
            &t[1..]
        } else {
            t
        };
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The first measurable number in `text` (byte range in `text`): a digit that is not a list
/// marker or an ordinal ("1차", "2nd"), else a number word or phrase from the rules.
pub fn find_metric(text: &str, rules: &Rules) -> Option<(usize, usize)> {
    let m = &rules.metric;
    let mut best: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let lead = line.len() - t.len();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let skip = if digits > 0
            && t[digits..].starts_with([')', '.'])
            && !t[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            lead + digits + 1
        } else {
            lead
        };
        let body = &line[skip..];
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphabetic()) {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_digit()
                        || ((bytes[i] == b'.' || bytes[i] == b',')
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
                {
                    i += 1;
                }
                let after = &body[i..];
                let head = after
                    .char_indices()
                    .nth(4)
                    .map_or(after, |(k, _)| &after[..k]);
                let ordinal = if lowers_in_place(head) {
                    let h = head.as_bytes();
                    m.ordinal_suffixes
                        .iter()
                        .any(|s| s.len() <= h.len() && lowered_eq(&h[..s.len()], s.as_bytes()))
                } else {
                    let after_l = lower(head);
                    m.ordinal_suffixes
                        .iter()
                        .any(|s| after_l.starts_with(s.as_str()))
                };
                if !ordinal {
                    best = Some((offset + skip + start, offset + skip + i));
                    break;
                }
            } else {
                i += 1;
            }
        }
        if best.is_some() {
            break;
        }
        offset += line.len();
    }
    if best.is_some() {
        return best;
    }
    let low = lower(text);
    // Phrases are matched on a lowercased copy; only use them when lowercasing kept offsets.
    if low.len() == text.len() {
        let d = rules.derived();
        // One pass finds which phrases occur at all; only those are looked at with the word
        // rule, in list order (the first phrase wins a tie).
        let mut present = vec![false; d.metric_phrases.len()];
        match &d.metric_finder {
            Some(ac) => {
                for hit in ac.find_overlapping_iter(&low) {
                    present[hit.pattern().as_usize()] = true;
                }
            }
            None => present.fill(true),
        }
        for (p, _) in d.metric_phrases.iter().zip(&present).filter(|(_, on)| **on) {
            if let Some(at) = find_phrase(&low, p) {
                let end = at + p.trim_end().len();
                if best.is_none_or(|(s, _)| at < s) {
                    best = Some((at, end));
                }
            }
        }
    }
    best
}

/// The words around a metric: the word holding the number, with the word before and after it.
pub fn metric_snippet(text: &str, (start, end): (usize, usize)) -> String {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = &text[line_start..line_end];
    let (s, e) = (start - line_start, end - line_start);
    let ws = line[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let we = line[e..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| e + i);
    let mut parts: Vec<&str> = Vec::new();
    if let Some(b) = line[..ws].split_whitespace().next_back() {
        parts.push(b);
    }
    parts.push(&line[ws..we]);
    if let Some(a) = line[we..].split_whitespace().next() {
        parts.push(a);
    }
    parts.join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::readiness::rules::rules;

    fn has(t: &str) -> bool {
        find_metric(t, rules()).is_some()
    }

    #[test]
    fn metrics_in_both_languages() {
        assert!(has("응답 시간을 30% 줄였습니다"));
        assert!(has("2주 만에 끝냈습니다"));
        assert!(has("cut errors 3 times over"));
        assert!(has("saved $12,000 a year"));
        assert!(has("halved the build time, twice as fast"));
        assert!(has("비용을 절반으로 줄였습니다"));
    }

    #[test]
    fn ordinals_list_markers_and_words_are_not_metrics() {
        assert!(!has("1차 목표를 달성했습니다"));
        assert!(!has("1) 성공적으로 맞춤"));
        assert!(!has("the 2nd phase went well"));
        assert!(!has("we rebuilt the network on behalf of the team"));
        assert!(!has(
            "개발/운영 환경을 모두 구축하고 모든 일정안에 성공적으로 맞춤"
        ));
        assert!(!has("AWS는 1등 클라우드"));
    }

    #[test]
    fn snippet_keeps_the_number_and_its_neighbours() {
        let t = "부하테스트를 2주간에 걸쳐 진행";
        let m = find_metric(t, rules()).unwrap();
        assert_eq!(metric_snippet(t, m), "부하테스트를 2주간에 걸쳐");
        let t = "latency dropped by 30% overall";
        let m = find_metric(t, rules()).unwrap();
        assert_eq!(metric_snippet(t, m), "by 30% overall");
    }

    #[test]
    fn phrases_respect_word_starts() {
        assert!(contains_phrase("twice as fast", "twice"));
        assert!(!contains_phrase("network ", "two "));
        assert!(contains_phrase("결과적으로 좋았다", "결과"));
    }

    #[test]
    fn counts_syllables_and_words() {
        assert_eq!(hangul_syllables("가나 다 abc"), 3);
        assert_eq!(english_words("I built 3 things 가나"), 4);
        assert_eq!(tokens("We're done, 저는!"), vec!["we're", "done", "저는"]);
    }

    proptest::proptest! {
        #[test]
        fn one_pass_counts_match_the_two_counts(t in "(\\PC|[ \t\n\u{0B}\u{A0}\u{3000}가힣ㄱa1.ꀀ\u{D7B0}\u{D7FF}\u{E000}’])*") {
            proptest::prop_assert_eq!(
                syllables_and_words(&t),
                (hangul_syllables(&t), english_words(&t))
            );
        }

        #[test]
        fn in_place_lowercase_compares_like_lower(t in "[a-zA-Z가-힣ㄱ-ㅎ ]{0,8}", n in "[a-z가-힣 ]{0,8}") {
            proptest::prop_assert!(lowers_in_place(&t));
            proptest::prop_assert_eq!(lowered_eq(t.as_bytes(), n.as_bytes()), lower(&t) == n);
        }
    }
}
