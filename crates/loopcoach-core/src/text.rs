//! Small text helpers shared by import and analysis: line/column lookup, script detection,
//! and making text from files safe to show on a terminal.

use std::borrow::Cow;

use compact_str::CompactString;

/// `s` made safe to write to a terminal: control characters from notes, banks or Anki files
/// (ESC starting a CSI or OSC sequence, NUL, BEL, a lone CR that would overwrite the line, C1
/// controls) are shown as visible symbols instead of being obeyed. C0 controls become their
/// Unicode control pictures (ESC is `␛`, NUL `␀`), DEL becomes `␡`, C1 controls `�`; newline
/// and tab stay, and CR stays only as part of CRLF (which becomes LF). Text without any of them
/// is returned as it is, without a copy.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}';
    if !s.contains(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' => out.push(c),
            '\u{7f}' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Maps byte offsets to 1-based line and column (column counted in characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let col = text
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end - start);
        (line, col + 1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// `s.to_lowercase()`, inline when it fits in 24 bytes (no heap block for a word or two). The
/// same text as [`str::to_lowercase`]: a capital sigma, whose lowercase depends on its place
/// in the word, is left to it.
pub fn lowercase_compact(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut out = CompactString::from(s);
        out.make_ascii_lowercase();
        out
    } else if s.contains('Σ') {
        CompactString::from(s.to_lowercase())
    } else {
        s.chars().flat_map(char::to_lowercase).collect()
    }
}

/// A Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// A precomposed Hangul syllable (U+AC00..=U+D7A3): a letter, with no case.
#[inline]
pub fn is_hangul_syllable(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// Whether the UTF-8 bytes at `i` (the first byte of a character) encode a Hangul syllable
/// (U+AC00..=U+D7A3, three bytes `EA B0 80` ..= `ED 9E A3`), read without decoding.
#[inline]
pub fn hangul_syllable_at(bytes: &[u8], i: usize) -> bool {
    let (Some(&b0), Some(&b1)) = (bytes.get(i), bytes.get(i + 1)) else {
        return false;
    };
    match b0 {
        0xEB | 0xEC => true,
        0xEA => b1 >= 0xB0,
        0xED => b1 < 0x9E || b1 == 0x9E && bytes.get(i + 2).is_some_and(|&b2| b2 <= 0xA3),
        _ => false,
    }
}

/// `b.is_ascii_alphabetic()` for an ASCII byte, without branches: `| 0x20` folds capitals
/// onto small letters and moves nothing else into `a..=z`.
#[inline]
fn is_ascii_letter(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
}

/// Share of letters that are Hangul (0 when there are no letters).
pub fn hangul_ratio(s: &str) -> f64 {
    let (mut h, mut l) = (0usize, 0usize);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // A run of ASCII: 32 bytes at a time while a whole block is ASCII (both loops
            // over a block are vectorised), then byte by byte up to the next other byte.
            while let Some(block) = bytes.get(i..i + 32) {
                if block.iter().fold(0, |acc, &b| acc | b) >= 0x80 {
                    break;
                }
                l += block.iter().filter(|&&b| is_ascii_letter(b)).count();
                i += 32;
            }
            while let Some(&b) = bytes.get(i).filter(|&&b| b < 0x80) {
                l += usize::from(is_ascii_letter(b));
                i += 1;
            }
        } else if hangul_syllable_at(bytes, i) {
            h += 1;
            l += 1;
            i += 3;
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if is_hangul(c) {
                h += 1;
                l += 1;
            } else if c.is_alphabetic() {
                l += 1;
            }
            i += c.len_utf8();
        }
    }
    if l == 0 { 0.0 } else { h as f64 / l as f64 }
}

/// Text wrapped for a terminal: by display columns (`unicode-width`: a Hangul syllable
/// takes two), at word boundaries in both languages.
/// Display columns of `s`.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` wrapped to `cols` display columns at word boundaries, paragraph by paragraph (each line
/// of `s` is one). A line that starts with a bullet (`• `, `- `, `* `, `✓ `, `· `, `1. `) or an
/// indent keeps its continuation lines under its text. Only a word wider than the column is
/// broken.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(4);
    let mut out = Vec::new();
    for para in s.lines() {
        let lead = hanging(para);
        let indent = " ".repeat(width(&para[..lead]).min(cols / 2));
        let mut line = para[..lead].to_string();
        let mut w = width(&line);
        let start = w;
        for word in para[lead..].split_whitespace() {
            let ww = width(word);
            let sep = usize::from(w > start);
            if w + sep + ww <= cols {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                w += sep + ww;
                continue;
            }
            if w > start {
                out.push(std::mem::take(&mut line));
                line.push_str(&indent);
                w = width(&indent);
            }
            // A word wider than the room: broken at character boundaries.
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if w + cw > cols && w > width(&indent) {
                    out.push(std::mem::take(&mut line));
                    line.push_str(&indent);
                    w = width(&indent);
                }
                line.push(c);
                w += cw;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// Bytes of a paragraph's bullet or indent (its continuation lines go under the text).
fn hanging(para: &str) -> usize {
    let spaces = para.len() - para.trim_start().len();
    let rest = &para[spaces..];
    for b in ["• ", "- ", "* ", "✓ ", "· ", "$ "] {
        if rest.starts_with(b) {
            return spaces + b.len();
        }
    }
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") ")) {
        return spaces + digits + 2;
    }
    spaces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inline lowercase is `str::to_lowercase`, whatever the script (a final sigma, a
    /// dotted capital I that lowercases to two characters, Hangul, long text on the heap).
    #[test]
    fn lowercase_compact_is_to_lowercase() {
        for s in [
            "",
            "Situation",
            "SITUATION (상황)",
            "ΟΔΟΣ ΣΑΣ",
            "İstanbul",
            "Straße ẞ",
            "결과 Result",
            "A LONG ASCII VALUE THAT DOES NOT FIT INLINE",
            "Ⅻ Ⓐ ǅ",
        ] {
            assert_eq!(lowercase_compact(s), s.to_lowercase(), "{s}");
        }
    }

    /// The byte test agrees with `is_hangul` on every syllable and on the characters around
    /// the syllable block that share its lead bytes.
    #[test]
    fn hangul_syllables_are_told_from_their_bytes() {
        for c in ('\u{A000}'..='\u{D7FF}').chain('\u{E000}'..='\u{E0FF}') {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let syllable = ('\u{AC00}'..='\u{D7A3}').contains(&c);
            assert_eq!(hangul_syllable_at(s.as_bytes(), 0), syllable, "{c:?}");
        }
        assert!(!hangul_syllable_at(b"a", 0));
        assert!(
            !hangul_syllable_at("ㄱ".as_bytes(), 0),
            "jamo are not syllables"
        );
    }

    #[test]
    fn hangul_ratio_counts_letters_of_every_script() {
        assert_eq!(hangul_ratio(""), 0.0);
        assert_eq!(hangul_ratio("123 !"), 0.0);
        assert_eq!(hangul_ratio("가나"), 1.0);
        assert_eq!(hangul_ratio("ab가나"), 0.5);
        assert_eq!(hangul_ratio("ㄱㄴ ab"), 0.5);
        assert_eq!(hangul_ratio("Ωé가나"), 0.5);
    }

    #[test]
    fn line_index_counts_lines_and_characters() {
        let t = "ab\n가나다\n\nx";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 3), (2, 1));
        assert_eq!(ix.line_col(t, 9), (2, 3)); // after 가나 (3 bytes each)
        assert_eq!(ix.line(t.len()), 4);
        assert_eq!(ix.line_count(), 4);
    }

    /// The block-wise count agrees with counting character by character, whatever the mix
    /// and wherever the blocks of 32 bytes fall.
    #[test]
    fn hangul_ratio_agrees_with_a_count_by_character() {
        let by_char = |s: &str| {
            let l = s.chars().filter(|c| c.is_alphabetic()).count();
            let h = s.chars().filter(|&c| is_hangul(c)).count();
            if l == 0 { 0.0 } else { h as f64 / l as f64 }
        };
        for b in 0..=0x7Fu8 {
            assert_eq!(is_ascii_letter(b), b.is_ascii_alphabetic(), "{b:#x}");
        }
        let pieces = [
            "Customer Obsession: leaders start with the customer ",
            "고객 집착 ",
            "[@`{ZAza] 0123 ",
            "é Ω ㄱ ",
            "\t\n~",
            "x",
        ];
        let mut text = String::new();
        for k in 0..400usize {
            text.push_str(pieces[(k * 7 + k / 3) % pieces.len()]);
            for cut in [0, 1, 31, 32, 33] {
                let t = &text[text.floor_char_boundary(text.len().saturating_sub(cut))..];
                assert_eq!(hangul_ratio(t), by_char(t), "{t:?}");
            }
            assert_eq!(hangul_ratio(&text), by_char(&text));
        }
    }

    #[test]
    fn terminal_text_shows_controls_instead_of_obeying_them() {
        assert!(matches!(for_terminal("plain 한글\tok\n"), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\0d"),
            "a\u{241b}]0;pwned\u{2407}b\u{241b}[2Jc\u{2400}d"
        );
        assert_eq!(for_terminal("x\r\ny\rz\u{7f}"), "x\ny\u{240d}z\u{2421}");
        assert_eq!(for_terminal("c1\u{9b}31m"), "c1\u{fffd}31m");
        for s in ["\u{1b}", "\0", "\u{9b}", "\r", "\u{7}"] {
            assert!(!for_terminal(s).contains(|c: char| c.is_control()), "{s:?}");
        }
    }

    #[test]
    fn hangul_ratio_ignores_punctuation() {
        assert_eq!(hangul_ratio("가나 ab!"), 0.5);
        assert_eq!(hangul_ratio("123 ..."), 0.0);
    }
}
