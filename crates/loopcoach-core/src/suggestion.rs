//! Applying a suggested edit from a study group (issue 21) to the story as it is now.
//!
//! A reviewer suggests a replacement for a span of a shared part (or for the whole part). The
//! server keeps what the span held then (the quote). By the time the owner accepts it, the
//! local part may have changed: the suggestion is applied only where the quote is still found
//! unambiguously, so accepting never overwrites words the reviewer did not see.

/// Why a suggestion cannot be applied to the part as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The quoted text is no longer in the part.
    Gone,
    /// The quoted text is in the part more than once, and not at the suggested place.
    Ambiguous(usize),
}

/// The part's text with `replacement` in place of `quote`.
///
/// - With a `span` (character offsets into the part as shared), the quote is looked for there
///   first; if the part moved on, the quote is looked for anywhere and must occur exactly once.
///   An empty quote (an insertion) goes in at the span's start when the part is that long.
/// - Without a span, the quote is the whole part as shared: the part must still read the same
///   (ignoring surrounding white space).
pub fn apply(
    current: &str,
    quote: &str,
    span: Option<(usize, usize)>,
    replacement: &str,
) -> Result<String, Conflict> {
    let Some((start, end)) = span else {
        return if current.trim() == quote.trim() {
            Ok(replacement.trim().to_owned())
        } else {
            Err(Conflict::Gone)
        };
    };
    let byte = |chars: usize| current.char_indices().nth(chars).map(|(b, _)| b);
    let at = |chars: usize| {
        if chars == current.chars().count() {
            Some(current.len())
        } else {
            byte(chars)
        }
    };
    if let (Some(b0), Some(b1)) = (at(start), at(end))
        && b0 <= b1
        && &current[b0..b1] == quote
    {
        return Ok(splice(current, b0, b1, replacement));
    }
    if quote.is_empty() {
        return Err(Conflict::Gone);
    }
    let found: Vec<usize> = current.match_indices(quote).map(|(i, _)| i).collect();
    match found.as_slice() {
        [b0] => Ok(splice(current, *b0, b0 + quote.len(), replacement)),
        [] => Err(Conflict::Gone),
        many => Err(Conflict::Ambiguous(many.len())),
    }
}

fn splice(s: &str, from: usize, to: usize, with: &str) -> String {
    let mut out = String::with_capacity(s.len() + with.len());
    out.push_str(&s[..from]);
    out.push_str(with);
    out.push_str(&s[to..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "p99 2.1s → 180ms, 타임아웃 0건";

    #[test]
    fn a_span_that_still_holds_its_quote_is_replaced_in_place() {
        // "→ 180ms" is characters 9..16 (the arrow is one character).
        assert_eq!(
            apply(R, "→ 180ms", Some((9, 16)), "→ 180ms (-91%)"),
            Ok("p99 2.1s → 180ms (-91%), 타임아웃 0건".to_owned())
        );
        // At the end of the part.
        assert_eq!(
            apply(R, "0건", Some((23, 25)), "0건(30일)"),
            Ok("p99 2.1s → 180ms, 타임아웃 0건(30일)".to_owned())
        );
    }

    #[test]
    fn a_moved_quote_is_found_once_or_refused() {
        let edited = format!("매일 새벽: {R}");
        assert_eq!(
            apply(&edited, "180ms", Some((11, 16)), "0.18 s"),
            Ok("매일 새벽: p99 2.1s → 0.18 s, 타임아웃 0건".to_owned())
        );
        assert_eq!(
            apply("0건 그리고 0건", "0건", Some((30, 32)), "없음"),
            Err(Conflict::Ambiguous(2))
        );
        assert_eq!(
            apply("완전히 다시 쓴 결과", "180ms", Some((11, 16)), "x"),
            Err(Conflict::Gone)
        );
    }

    #[test]
    fn the_whole_part_is_replaced_only_if_unchanged() {
        assert_eq!(
            apply(&format!("  {R}\n"), R, None, " 새 결과 "),
            Ok("새 결과".to_owned())
        );
        assert_eq!(apply("다른 결과", R, None, "새 결과"), Err(Conflict::Gone));
        // A part that was empty when shared takes the suggestion while it is still empty.
        assert_eq!(apply("", "", None, "결과: 0건"), Ok("결과: 0건".to_owned()));
    }

    #[test]
    fn an_insertion_goes_at_its_place_when_the_part_is_long_enough() {
        assert_eq!(
            apply("abc", "", Some((3, 3)), " (30 days)"),
            Ok("abc (30 days)".to_owned())
        );
        assert_eq!(apply("ab", "", Some((3, 3)), "x"), Err(Conflict::Gone));
        // Offsets past the end or reversed never panic.
        assert_eq!(apply("ab", "zz", Some((9, 4)), "x"), Err(Conflict::Gone));
    }
}
