//! The drill screen's layout: text wrapped to the terminal's width at word boundaries (Korean
//! too: its words are separated by spaces like English ones), two columns side by side when
//! there is room and one under the other when there is not, and colour only when asked.
//!
//! Widths are display columns (`unicode-width`: a Hangul syllable takes two). A word is
//! broken only when it is wider than the whole column by itself (a long URL), never otherwise.
//! Which key points an answer covered is [`key_point_coverage`]: one clearly named function,
//! so the answer analysis can take its place when it lands.

use std::collections::HashSet;

use crate::search::Particles;

/// Narrowest screen laid out in two columns; below it the columns go one under the other.
pub const MIN_TWO_COLUMNS: usize = 60;
/// Width when the output is not a terminal.
pub const FALLBACK_WIDTH: usize = 80;

/// How the drill screen is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// Display columns.
    pub width: usize,
    /// ANSI colour (only on a terminal, never with `NO_COLOR`: the caller decides).
    pub color: bool,
}

impl Default for Screen {
    fn default() -> Self {
        Screen {
            width: FALLBACK_WIDTH,
            color: false,
        }
    }
}

/// A colour of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Bold,
    Dim,
    Green,
    Yellow,
    Cyan,
}

impl Screen {
    /// `text` in `paint` when colour is on, as is otherwise.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if !self.color || text.is_empty() {
            return text.to_string();
        }
        let code = match paint {
            Paint::Bold => "1",
            Paint::Dim => "2",
            Paint::Green => "32",
            Paint::Yellow => "33",
            Paint::Cyan => "36",
        };
        format!("\u{1b}[{code}m{text}\u{1b}[0m")
    }
}

pub use loopcoach_core::text::{width, wrap};

/// Pad `s` with spaces to `cols` display columns.
fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(width(s))))
}

/// Two texts side by side across `total` columns (` │ ` between them), or, on a screen
/// narrower than [`MIN_TWO_COLUMNS`], one under the other. Lines are wrapped, never cut.
pub fn side_by_side(left: &str, right: &str, total: usize) -> String {
    let mut out = String::new();
    if total < MIN_TWO_COLUMNS {
        for l in wrap(left, total).into_iter().chain([String::new()]) {
            out.push_str(&l);
            out.push('\n');
        }
        for l in wrap(right, total) {
            out.push_str(&l);
            out.push('\n');
        }
        return out;
    }
    let col = (total - 3) / 2;
    let (l, r) = (wrap(left, col), wrap(right, col));
    for i in 0..l.len().max(r.len()) {
        let a = l.get(i).map(String::as_str).unwrap_or("");
        let b = r.get(i).map(String::as_str).unwrap_or("");
        let line = if b.is_empty() {
            format!("{} │", pad(a, col))
        } else {
            format!("{} │ {b}", pad(a, col))
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Which of `points` the `answer` covered, one flag per point.
///
/// A point is covered when at least a third of its terms (and at least one) are in the answer:
/// key points are full sentences, and an answer names their key words, not all their words. Terms: Latin words of
/// four letters or more, acronyms and words with digits (JWT, k8s), lower-cased and stemmed
/// (so "signing" meets "signed"; short words such as "the" are left out);
/// Hangul words without their particle (고객에게 → 고객), found in the answer with its spaces
/// removed (so 배포 전략 meets 배포전략). A point with no terms is covered when the answer holds
/// its text.
pub fn key_point_coverage(answer: &str, points: &[String]) -> Vec<bool> {
    let particles = Particles::builtin();
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let latin = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric() || is_hangul(c))
            .filter(|w| {
                let acronym = w.chars().count() >= 2
                    && w.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                w.chars().count() >= 4 || acronym || w.chars().any(|c| c.is_ascii_digit())
            })
            .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
            .collect()
    };
    let answer_latin = latin(answer);
    let answer_hangul: String = answer
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    points
        .iter()
        .map(|p| {
            let mut terms = 0usize;
            let mut found = 0usize;
            for t in latin(p) {
                terms += 1;
                found += usize::from(answer_latin.contains(&t));
            }
            for w in p.split(|c: char| !is_hangul(c)).filter(|w| !w.is_empty()) {
                let chars: Vec<char> = w.chars().collect();
                if chars.len() < 2 {
                    continue;
                }
                let stem: String = particles
                    .strip(&chars)
                    .unwrap_or(chars)
                    .into_iter()
                    .collect();
                terms += 1;
                found += usize::from(answer_hangul.contains(&stem));
            }
            if terms == 0 {
                let text = p.trim().to_lowercase();
                return !text.is_empty() && answer.to_lowercase().contains(&text);
            }
            found >= 1 && found * 3 >= terms
        })
        .collect()
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}' | '\u{1100}'..='\u{11FF}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_in_both_languages() {
        let en = "The signature is BASE64URL of the signing input, never encrypted.";
        for cols in [10, 20, 33] {
            let lines = wrap(en, cols);
            assert!(lines.iter().all(|l| width(l) <= cols), "{lines:?}");
            let words: Vec<&str> = en.split_whitespace().collect();
            let again: Vec<String> = lines
                .iter()
                .flat_map(|l| l.split_whitespace())
                .map(String::from)
                .collect();
            assert_eq!(again, words, "no word is cut at {cols}");
        }
        let ko = "토큰 발급 과정에서 서명 키를 검증하는 단계가 빠졌습니다";
        let lines = wrap(ko, 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        for w in ko.split_whitespace() {
            assert!(lines.iter().any(|l| l.contains(w)), "{w} cut in {lines:?}");
        }
    }

    #[test]
    fn bullets_hang_and_only_overlong_words_break() {
        let lines = wrap("• alpha beta gamma delta", 14);
        assert_eq!(lines, ["• alpha beta", "  gamma delta"]);
        let lines = wrap("https://example.invalid/a/very/long/path", 12);
        assert!(
            lines.len() > 1 && lines.iter().all(|l| width(l) <= 12),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "https://example.invalid/a/very/long/path");
    }

    #[test]
    fn columns_fit_the_width_or_stack_on_a_narrow_screen() {
        let left = "Key points:\n• 토큰의 서명은 비밀 키로 만든다";
        let right = "Your answer:\nthe header says which algorithm";
        for total in [80, 120] {
            let s = side_by_side(left, right, total);
            assert!(s.lines().all(|l| width(l) <= total), "{s}");
            assert!(s.lines().all(|l| l.contains('│')));
        }
        let narrow = side_by_side(left, right, 40);
        assert!(!narrow.contains('│'));
        assert!(narrow.contains("Your answer:"));
        // Korean double-width text lines up: the bar is at the same column on every line
        let s = side_by_side("가나\nab", "x", 61);
        let bars: Vec<usize> = s
            .lines()
            .map(|l| width(&l[..l.find('│').unwrap()]))
            .collect();
        assert!(bars.windows(2).all(|w| w[0] == w[1]), "{s}");
    }

    #[test]
    fn colour_only_when_on() {
        let on = Screen {
            width: 80,
            color: true,
        };
        assert_eq!(on.paint(Paint::Green, "ok"), "\u{1b}[32mok\u{1b}[0m");
        assert_eq!(Screen::default().paint(Paint::Green, "ok"), "ok");
    }

    #[test]
    fn coverage_matches_stems_particles_and_spacing() {
        let points = vec![
            "The signature covers the header and the payload".to_string(),
            "Tokens expire: check the exp claim".to_string(),
            "배포 전략은 롤링 업데이트".to_string(),
            "고객에게 먼저 알린다".to_string(),
            "RBAC".to_string(),
        ];
        let got = key_point_coverage(
            "I signed the header and payload; 배포전략 롤링으로 했고 고객 먼저",
            &points,
        );
        assert_eq!(got, [true, false, true, true, false]);
        assert_eq!(key_point_coverage("", &points), [false; 5]);
        assert!(key_point_coverage("rbac roles", &points)[4]);
    }
}
