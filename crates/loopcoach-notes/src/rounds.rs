//! Hiring-process lines: `1차 면접: Docker, PKI, …, 등등`, `Round 2: Interview Tips`,
//! `2nd round - Bar raiser`. The ordinal, then topics (a comma list, with a trailing "etc."
//! word dropped) or a title.

use crate::labels::list_marker;
use crate::lines::bold_inner;
use crate::vocab::vocab;
use loopcoach_core::CompactString;

/// A round line: (ordinal, what follows the colon).
pub(crate) fn round_line(text: &str) -> Option<(u32, &str)> {
    let mut t = text.trim();
    if let Some((m, off)) = list_marker(t)
        && !m.as_bytes()[0].is_ascii_digit()
    {
        t = t[off..].trim();
    }
    let t = bold_inner(t).unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    let (ord, after) = if let Some(rest) = ["round", "r"].iter().find_map(|p| lower.strip_prefix(p))
    {
        let rest_t = rest.trim_start();
        let d = rest_t.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 {
            return None;
        }
        (rest_t[..d].parse().ok()?, lower.len() - rest_t.len() + d)
    } else {
        let d = lower.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 || d > 2 {
            return None;
        }
        let rest = &lower[d..];
        let rest_t = rest.trim_start();
        let skip = ["차", "st", "nd", "rd", "th", "번째"]
            .iter()
            .find(|s| rest_t.starts_with(*s))?;
        (
            lower[..d].parse().ok()?,
            d + (rest.len() - rest_t.len()) + skip.len(),
        )
    };
    // Optional round words, then a colon or dash.
    let mut rest = lower[after..].trim_start();
    loop {
        let before = rest;
        for w in &vocab().round_words {
            if let Some(r) = rest.strip_prefix(w.as_str()) {
                rest = r.trim_start();
            }
        }
        if rest == before {
            break;
        }
    }
    let sep = [":", "：", " - ", "- ", "-", "–", "—"]
        .iter()
        .find(|s| rest.starts_with(*s))?;
    let value_lower = &rest[sep.len()..];
    // Map back to the original text (lowercasing kept byte lengths for ASCII; for safety,
    // locate by the suffix length).
    let offset = t.len().checked_sub(value_lower.len())?;
    let value = t.get(offset..)?.trim();
    Some((ord, value))
}

/// "Docker, PKI, Token, 등등" → ("", [Docker, PKI, Token]); "Interview Tips" → (title, []).
pub(crate) fn split_topics(rest: &str) -> (String, Vec<CompactString>) {
    if !rest.contains([',', '、', '，']) {
        return (rest.trim().to_string(), Vec::new());
    }
    let topics = rest
        .split([',', '、', '，'])
        .map(str::trim)
        .filter(|t| !t.is_empty() && !vocab().is_etc(t))
        .map(CompactString::from)
        .collect();
    (String::new(), topics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_lines_in_both_languages() {
        assert_eq!(
            round_line("1차 면접: Docker, PKI"),
            Some((1, "Docker, PKI"))
        );
        assert_eq!(
            round_line("2차 면접: Interview Tips"),
            Some((2, "Interview Tips"))
        );
        assert_eq!(
            round_line("Round 2: Interview Tips"),
            Some((2, "Interview Tips"))
        );
        assert_eq!(
            round_line("2nd round - Bar raiser"),
            Some((2, "Bar raiser"))
        );
        assert_eq!(round_line("- 3차: 임원 면접"), Some((3, "임원 면접")));
        assert_eq!(round_line("What to expect : x"), None);
        assert_eq!(round_line("2019년 입사"), None);
    }

    #[test]
    fn topic_lists_drop_etc_markers() {
        let (t, topics) = split_topics("Docker, PKI, Kubernetes 인증, Selector,  등등");
        assert_eq!(t, "");
        assert_eq!(topics, ["Docker", "PKI", "Kubernetes 인증", "Selector"]);
        assert_eq!(
            split_topics("Interview Tips"),
            ("Interview Tips".into(), vec![])
        );
    }
}
