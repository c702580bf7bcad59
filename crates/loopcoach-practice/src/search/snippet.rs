//! What a hit shows: the matches in an entry's text, how closely each matches, and the
//! one-line window around the match the hit lands on.

use super::text::{is_word, match_spaced, mixed_parts};
use super::{Entry, Index, Term};

impl Index {
    /// Match ranges (character offsets) of the terms in `s`, each with how closely it matches:
    /// 3 the word as typed, 2 the word in another case, 1 a word of the same stem (or a Hangul
    /// word without its particle).
    fn highlight(&self, s: &[char], terms: &[Term]) -> Vec<([usize; 2], u8)> {
        let lower: Vec<char> = s
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let mut out = Vec::new();
        for t in terms {
            match t {
                Term::Hangul(forms) => {
                    for (k, f) in forms.iter().enumerate() {
                        let before = out.len();
                        let mut i = 0;
                        while i < lower.len() {
                            if let Some(end) = match_spaced(&lower, i, f) {
                                // written as typed, or with other spacing (가능한 시간 for 한시간)
                                let quality = match (k, end - i == f.len()) {
                                    (0, true) => 3,
                                    (0, false) => 2,
                                    _ => 1,
                                };
                                out.push(([i, end], quality));
                                i = end;
                            } else {
                                i += 1;
                            }
                        }
                        if out.len() > before {
                            break;
                        }
                    }
                }
                Term::Word(word) => {
                    let quality = |from: usize, w: &str| {
                        if w != word.surface {
                            1
                        } else if s[from..]
                            .iter()
                            .take(word.raw.chars().count())
                            .copied()
                            .eq(word.raw.chars())
                        {
                            3
                        } else {
                            2
                        }
                    };
                    let mut i = 0;
                    while i < lower.len() {
                        if is_word(lower[i]) {
                            let start = i;
                            while i < lower.len() && is_word(lower[i]) {
                                i += 1;
                            }
                            let w: String = lower[start..i].iter().collect();
                            if self.stemmer.stem(&w) == word.stem.as_str() {
                                out.push(([start, i], quality(start, &w)));
                            } else {
                                for (at, part) in mixed_parts(&w) {
                                    if self.stemmer.stem(part) == word.stem.as_str() {
                                        let from = start + w[..at].chars().count();
                                        let to = from + part.chars().count();
                                        out.push(([from, to], quality(from, part)));
                                    }
                                }
                            }
                        } else {
                            i += 1;
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The snippet, its highlights, and where the first match is in the entry's text (`None`
    /// when only the title matched).
    pub(super) fn snippet(
        &self,
        e: &Entry,
        terms: &[Term],
    ) -> (String, Vec<[usize; 2]>, Option<usize>) {
        const BEFORE: usize = 30;
        const WIDTH: usize = 120;
        let body: Vec<char> = e
            .text
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        let marks = self.highlight(&body, terms);
        // The closest match, then one in the body rather than the title line, then the
        // first: where the hit lands and the window shows.
        let body_from = e.origin.as_ref().map_or(0, |o| o.body_from as usize);
        let best = marks
            .iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then((a.0[0] >= body_from).cmp(&(b.0[0] >= body_from)))
                    .then(b.0[0].cmp(&a.0[0]))
            })
            .map(|m| m.0[0]);
        let (src, marks) = if marks.is_empty() {
            let t: Vec<char> = e.title.chars().collect();
            let m = self.highlight(&t, terms);
            (t, m)
        } else {
            (body, marks)
        };
        let at = best.or_else(|| marks.first().map(|m| m.0[0])).unwrap_or(0);
        let start = at.saturating_sub(BEFORE);
        let end = (start + WIDTH).min(src.len());
        let start = if end == src.len() {
            end.saturating_sub(WIDTH).min(start)
        } else {
            start
        };
        let mut snippet: String = src[start..end].iter().collect();
        let mut shift = 0;
        if start > 0 {
            snippet.insert(0, '…');
            shift = 1;
        }
        if end < src.len() {
            snippet.push('…');
        }
        let highlights = marks
            .into_iter()
            .map(|(m, _)| m)
            .filter(|m| m[0] >= start && m[1] <= end)
            .map(|m| [m[0] - start + shift, m[1] - start + shift])
            .collect();
        (snippet, highlights, best)
    }
}

/// Wrap the highlighted ranges of a snippet in `open`/`close` (terminal output).
pub fn mark(snippet: &str, highlights: &[[usize; 2]], open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut buf = [0u8; 4];
    for (i, c) in snippet.chars().enumerate() {
        if highlights.iter().any(|h| h[0] == i) {
            out.push_str(open);
        }
        // For a terminal: a control character of the text is shown, not obeyed (only the
        // marks around the highlights are escape sequences).
        out.push_str(&loopcoach_core::text::for_terminal(c.encode_utf8(&mut buf)));
        if highlights.iter().any(|h| h[1] == i + 1) {
            out.push_str(close);
        }
    }
    out
}
