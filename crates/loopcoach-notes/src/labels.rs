//! STAR labels at the start of a line (`S:`, `Situation (상황):`, `**결과**:`), label headings,
//! legends that only define the letters, list markers and title cleaning.

use loopcoach_core::text::lowercase_compact;
use loopcoach_core::{CompactString, StarPart};

use crate::lines::{atx_title, bold_inner};

/// A label found at the start of a line's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub part: StarPart,
    /// Offset (within the line text) where the value starts.
    pub value_offset: usize,
    pub long: bool,
    pub bullet: Option<&'static str>,
    pub bold: bool,
}

const WORDS: [(&str, StarPart, bool); 12] = [
    ("situation", StarPart::Situation, true),
    ("task", StarPart::Task, true),
    ("action", StarPart::Action, true),
    ("result", StarPart::Result, true),
    ("상황", StarPart::Situation, true),
    ("과제", StarPart::Task, true),
    ("행동", StarPart::Action, true),
    ("결과", StarPart::Result, true),
    ("S", StarPart::Situation, false),
    ("T", StarPart::Task, false),
    ("A", StarPart::Action, false),
    ("R", StarPart::Result, false),
];

/// Match a label word at the start of `s`; returns the part, its length and whether long.
fn label_word(s: &str) -> Option<(StarPart, usize, bool)> {
    // Most lines start with none of the label words: the first byte rejects them, or picks
    // the only words that can follow (the English word, else its capital letter; or one
    // Korean word), so a line of prose starting with "The" or "So" is not held against
    // all twelve.
    let b = s.as_bytes();
    let (first, letter) = match b.first()? {
        b's' | b'S' => (0, 8),
        b't' | b'T' => (1, 9),
        b'a' | b'A' => (2, 10),
        b'r' | b'R' => (3, 11),
        // 상 과 행 결 (U+C0C1 U+ACFC U+D589 U+ACB0) in UTF-8.
        0xEA | 0xEC | 0xED => match b.get(..3)? {
            [0xEC, 0x83, 0x81] => (4, usize::MAX),
            [0xEA, 0xB3, 0xBC] => (5, usize::MAX),
            [0xED, 0x96, 0x89] => (6, usize::MAX),
            [0xEA, 0xB2, 0xB0] => (7, usize::MAX),
            _ => return None,
        },
        _ => return None,
    };
    [first, letter]
        .into_iter()
        .filter_map(|k| WORDS.get(k))
        .find_map(|&(w, part, long)| {
            let ok = if long && w.is_ascii() {
                s.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w))
            } else {
                s.starts_with(w)
            };
            let next = s.get(w.len()..).and_then(|r| r.chars().next());
            (ok && next.is_none_or(|c| !c.is_alphanumeric())).then_some((
                part,
                w.len(),
                long || !w.is_ascii(),
            ))
        })
}

/// Parse a STAR label at the start of a line's text (`S: x`, `- **Situation**: x`,
/// `Situation (상황): x`, `**S:** x`).
pub(crate) fn line_label(text: &str) -> Option<Label> {
    let mut i = 0usize;
    let mut bullet = None;
    for b in ["- ", "* ", "+ "] {
        if text.starts_with(b) {
            bullet = Some(&b[..1]);
            i = 2;
            while text[i..].starts_with(' ') {
                i += 1;
            }
            break;
        }
    }
    let mut bold = false;
    for d in ["**", "__"] {
        if text[i..].starts_with(d) {
            bold = true;
            i += 2;
            break;
        }
    }
    // Decoration before a bold label (`**📋 S** :`): emoji and other symbols, then spaces.
    if bold
        && text
            .as_bytes()
            .get(i)
            .is_some_and(|b| *b >= 0xF0 || *b == 0xE2)
    {
        let rest = &text[i..];
        let skipped = rest
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() || c.is_ascii_punctuation())
            .map_or(rest.len(), |(k, _)| k);
        if skipped > 0 && rest[..skipped].chars().all(|c| !c.is_alphanumeric()) {
            i += skipped;
        }
    }
    let (part, len, long) = label_word(&text[i..])?;
    i += len;
    let skip_bold = |i: &mut usize| {
        for d in ["**", "__"] {
            if text[*i..].starts_with(d) {
                *i += 2;
            }
        }
    };
    skip_bold(&mut i);
    // Optional parenthetical: "Situation (상황)", "S(Situation)".
    let j = i + text[i..].len() - text[i..].trim_start().len();
    if text[j..].starts_with('(') {
        let close = text[j..].find(')')?;
        if close > 40 {
            return None;
        }
        i = j + close + 1;
    }
    skip_bold(&mut i);
    let rest = &text[i..];
    let trimmed = rest.trim_start();
    let colon = if trimmed.starts_with(':') {
        1
    } else if trimmed.starts_with('：') {
        '：'.len_utf8()
    } else {
        return None;
    };
    i += rest.len() - trimmed.len() + colon;
    skip_bold(&mut i);
    if !bold && bullet.is_none() && !long && text[i..].starts_with(':') {
        return None; // "A::" or similar
    }
    Some(Label {
        part,
        value_offset: i,
        long,
        bullet,
        bold,
    })
}

/// A label heading: `#### S`, `### Situation (상황)`, `## 결과`.
pub(crate) fn heading_label(title: &str) -> Option<StarPart> {
    let t = title.trim().trim_end_matches(':').trim();
    let (part, len, _) = label_word(t)?;
    let rest = t[len..].trim();
    if rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')') && rest.len() < 40) {
        return Some(part);
    }
    // "행동 (Action) - 기술적 의사결정", "Result: 정량적 성과": a label heading with a subtitle.
    let after_paren = match rest.strip_prefix('(') {
        Some(r) => r.find(')').filter(|k| *k < 40).map(|k| r[k + 1..].trim()),
        None => Some(rest),
    };
    if let Some(r) = after_paren
        && len > 1
        && r.starts_with(['-', ':', '—', '–', '：'])
        && r.trim_start_matches(['-', ':', '—', '–', '：'])
            .starts_with(' ')
    {
        return Some(part);
    }
    // "S - Situation", "S: Situation"
    let rest = rest.trim_start_matches(['-', ':', '—', '–']).trim();
    label_word(rest)
        .filter(|(p, l, _)| *p == part && rest.len() == *l)
        .map(|_| part)
}

/// Text that only names the part itself ("Situation", "상황", "Situation (상황)").
pub(crate) fn is_legend_value(part: StarPart, value: &str) -> bool {
    // A legend value is a word or three ("Situation (상황)"); anything long is a real value.
    if value.len() > 48 {
        return false;
    }
    // Its first word is a label word: most values are rejected on their first letter.
    let first = value.chars().find(|c| c.is_alphanumeric());
    if !first.is_some_and(|c| {
        matches!(
            c.to_ascii_lowercase(),
            's' | 't' | 'a' | 'r' | '상' | '과' | '행' | '결'
        )
    }) {
        return false;
    }
    // At most 48 bytes: the letters and spaces lowercased fit inline, mostly.
    let letters: CompactString = value
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let v = lowercase_compact(&letters);
    let words = v.split_whitespace();
    // One to three words.
    if words.clone().next().is_none() || words.clone().nth(3).is_some() {
        return false;
    }
    // A single letter counts only as the part's own ("Situation (S)"): `S: r` or `R: a` is a
    // (short) value, not a legend.
    words.clone().all(|w| {
        label_word(w).is_some_and(|(p, l, long)| p == part && long && l == w.len())
            || w.eq_ignore_ascii_case(part.letter())
    })
}

/// A line defining several letters at once: "S: Situation, T: Task, A: Action, R: Result".
pub(crate) fn is_legend_line(value: &str) -> bool {
    // Every label ends in a colon, and the pieces of one split do not overlap: fewer than two
    // colons cannot hold two labels (most values are rejected here, in one scan).
    // (Each colon is looked for on its own: a search for one character skips ahead a word
    // at a time, one for either of two decodes every character.)
    let ascii = value.matches(':').take(2).count();
    if ascii < 2 && ascii + value.matches('：').take(2 - ascii).count() < 2 {
        return false;
    }
    let mut n = 0;
    for sep in [',', '/', '|', ' '] {
        for piece in value.split(sep) {
            let p = piece.trim();
            if line_label(p).is_some() {
                n += 1;
            }
        }
        if n >= 2 {
            return true;
        }
        n = 0;
    }
    false
}

/// A list-marker line: `1)`, `1.`, `-`, `*`, `+`. Returns (marker, text offset in line text).
pub(crate) fn list_marker(text: &str) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    if b.is_empty() {
        return None;
    }
    if matches!(b[0], b'-' | b'*' | b'+') {
        if b.len() == 1 {
            return Some((&text[..1], 1));
        }
        if b[1] == b' ' || b[1] == b'\t' {
            // "**bold**" is not a bullet, "* " is.
            return Some((&text[..1], 2));
        }
        return None;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && digits < b.len() && matches!(b[digits], b'.' | b')') {
        let after = digits + 1;
        if after == b.len() || b[after] == b' ' || b[after] == b'\t' {
            return Some((&text[..after], (after + 1).min(b.len())));
        }
    }
    None
}

/// Clean a title line: drop a list marker, bold, and a trailing arrow or colon.
pub(crate) fn clean_title(text: &str) -> &str {
    let mut t = text.trim();
    if let Some((_, off)) = list_marker(t) {
        t = t[off..].trim();
    }
    let t = bold_inner(t).unwrap_or(t);
    let t = atx_title(t);
    t.trim_end_matches(['-', '>', ':', '=', '→', ' ', '\t'])
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_byte_filter_admits_every_label_word() {
        for (w, part, long) in WORDS {
            // Long words in any case; single letters only as capitals ("s:" is not a label).
            let forms = if long {
                vec![w.to_string(), w.to_uppercase(), w.to_lowercase()]
            } else {
                vec![w.to_string()]
            };
            for form in forms {
                assert_eq!(
                    label_word(&format!("{form}: x")).map(|l| l.0),
                    Some(part),
                    "{form}"
                );
            }
        }
        assert_eq!(label_word("Because: x"), None);
    }

    /// Picking the candidate words by the first byte finds what trying all twelve in order
    /// finds, on label words, their prefixes and extensions, prose and other scripts.
    #[test]
    fn picking_words_by_first_byte_agrees_with_trying_them_all() {
        let all_words = |s: &str| {
            WORDS.iter().find_map(|&(w, part, long)| {
                let ok = if long && w.is_ascii() {
                    s.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w))
                } else {
                    s.starts_with(w)
                };
                let next = s.get(w.len()..).and_then(|r| r.chars().next());
                (ok && next.is_none_or(|c| !c.is_alphanumeric())).then_some((
                    part,
                    w.len(),
                    long || !w.is_ascii(),
                ))
            })
        };
        let starts = [
            "",
            "S",
            "s",
            "T",
            "t",
            "A",
            "a",
            "R",
            "r",
            "Sit",
            "SITUATION",
            "situations",
            "Task",
            "tasks",
            "Action",
            "actions",
            "Result",
            "results",
            "The",
            "So",
            "And",
            "Re",
            "상황",
            "상",
            "상황들",
            "과제",
            "과",
            "행동",
            "행",
            "결과",
            "결",
            "사람",
            "가나",
            "é",
            "Ω",
            "1",
            "-",
        ];
        for a in starts {
            for b in ["", ":", " x", "(상황):", "1", "a", "가", "é", "\u{3000}"] {
                let t = format!("{a}{b}");
                assert_eq!(label_word(&t), all_words(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn recognises_label_forms() {
        let p = |s: &str| line_label(s).map(|l| l.part);
        assert_eq!(p("S: 일정이 촉박"), Some(StarPart::Situation));
        assert_eq!(p("R: "), Some(StarPart::Result));
        assert_eq!(p("R:"), Some(StarPart::Result));
        assert_eq!(p("Situation: x"), Some(StarPart::Situation));
        assert_eq!(p("* **Situation**: x"), Some(StarPart::Situation));
        assert_eq!(p("- **Action:** x"), Some(StarPart::Action));
        assert_eq!(p("Situation (상황): x"), Some(StarPart::Situation));
        assert_eq!(p("결과: 30% 단축"), Some(StarPart::Result));
        assert_eq!(p("T： 전각 콜론"), Some(StarPart::Task));
        assert_eq!(p("Solution: no"), None);
        assert_eq!(p("What to expect : x"), None);
        assert_eq!(p("a: lowercase letters are prose"), None);
        assert_eq!(p("Act: no"), None);
    }

    #[test]
    fn legends_are_not_values() {
        assert!(is_legend_line("Situation, T: Task, A: Action, R: Result"));
        // Full-width colons count as colons, alone or beside ASCII ones.
        assert!(is_legend_line("상황, T：과제, A：행동"));
        assert!(is_legend_line("상황, T: 과제, A：행동"));
        assert!(!is_legend_line("상황, T：과제 and no other label"));
        assert!(!is_legend_line("Situation, T: Task"));
        assert!(is_legend_value(StarPart::Situation, "Situation (상황)"));
        assert!(is_legend_value(StarPart::Result, "결과"));
        assert!(!is_legend_value(StarPart::Result, "매출 30% 증가"));
        assert!(is_legend_value(StarPart::Situation, "Situation (S)"));
        assert!(is_legend_value(StarPart::Result, "r"));
        // Another part's letter is a value, not a legend.
        assert!(!is_legend_value(StarPart::Situation, "r"));
        assert!(!is_legend_value(StarPart::Result, "a"));
    }

    #[test]
    fn heading_labels() {
        assert_eq!(heading_label("S"), Some(StarPart::Situation));
        assert_eq!(heading_label("Situation (상황)"), Some(StarPart::Situation));
        assert_eq!(heading_label("R - Result"), Some(StarPart::Result));
        assert_eq!(heading_label("Results of the migration"), None);
        assert_eq!(
            heading_label("행동 (Action) - 기술적 의사결정과 구현"),
            Some(StarPart::Action)
        );
        assert_eq!(heading_label("Result: 정량적 성과"), Some(StarPart::Result));
        assert_eq!(heading_label("Action items - week 3"), None);
        assert_eq!(heading_label("S-curve"), None);
    }

    #[test]
    fn titles_are_cleaned() {
        assert_eq!(
            clean_title("1) 인도 출장 GST 프로젝트 -> "),
            "인도 출장 GST 프로젝트"
        );
        assert_eq!(clean_title("- **결제 장애 대응**"), "결제 장애 대응");
    }
}
