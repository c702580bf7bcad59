//! Text as the index sees it: Hangul and other scripts written without spaces, words,
//! lower-casing, Korean particles, and the character-level matching helpers.

use serde::Deserialize;

pub(super) const PARTICLES_TOML: &str =
    include_str!("../../../../content/analysis/korean-particles.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ParticleData {
    pub(super) min_stem: usize,
    pub(super) particles: Vec<String>,
}

/// Korean particle stripping, from data.
#[derive(Debug, Clone)]
pub struct Particles {
    min_stem: usize,
    /// Longest first.
    list: Vec<Vec<char>>,
}

impl Particles {
    pub fn builtin() -> Particles {
        // The embedded file is checked by a test; a parse failure yields no stripping.
        let data: ParticleData = toml::from_str(PARTICLES_TOML).unwrap_or(ParticleData {
            min_stem: 2,
            particles: vec![],
        });
        let mut list: Vec<Vec<char>> = data.particles.iter().map(|p| p.chars().collect()).collect();
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Particles {
            min_stem: data.min_stem,
            list,
        }
    }

    /// The word without its particle, if it ends in one and enough remains.
    pub fn strip(&self, word: &[char]) -> Option<Vec<char>> {
        self.list
            .iter()
            .find(|p| word.len() >= p.len() + self.min_stem && word.ends_with(p))
            .map(|p| word[..word.len() - p.len()].to_vec())
    }
}

/// Hangul, and the other scripts written without spaces between words (Chinese characters,
/// kana): indexed by syllable (character) unigrams and bigrams.
pub(super) fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}' | '\u{1100}'..='\u{11FF}'
        | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}')
}

/// The letter and digit runs of a word that mixes them (`http2server`: `http`, `2`,
/// `server`), so a word found inside such a token is found; nothing for a plain word.
pub(super) fn mixed_parts(w: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut prev: Option<bool> = None;
    for (i, c) in w.char_indices() {
        let digit = c.is_numeric();
        if prev.is_some_and(|p| p != digit) {
            parts.push((start, &w[start..i]));
            start = i;
        }
        prev = Some(digit);
    }
    if parts.is_empty() {
        return parts;
    }
    parts.push((start, &w[start..]));
    parts
}

pub(super) fn is_word(c: char) -> bool {
    // ASCII and Hangul first: the Unicode tables are only read for the other scripts.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_hangul(c) && c.is_alphanumeric()
    }
}

/// Pushes `c` lower-cased (ASCII and Hangul without a table lookup).
pub(super) fn push_lower(out: &mut Vec<char>, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Lower-cased text with whitespace inside Hangul runs removed.
pub(super) fn normalize(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    // Where the whitespace run at the end of `out` starts, if a Hangul syllable precedes it.
    let mut gap: Option<usize> = None;
    for c in s.chars() {
        if c.is_whitespace() {
            if gap.is_none() && out.last().is_some_and(|p| is_hangul(*p)) {
                gap = Some(out.len());
            }
            out.push(c);
            continue;
        }
        if let Some(k) = gap.take()
            && is_hangul(c)
        {
            out.truncate(k);
        }
        push_lower(&mut out, c);
    }
    out
}

pub(super) fn uni(c: char) -> u64 {
    u64::from(u32::from(c))
}
pub(super) fn bi(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

pub(super) fn count_occurrences(hay: &[char], needle: &[char]) -> usize {
    if needle.is_empty() || hay.len() < needle.len() {
        return 0;
    }
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// If `form` matches `s` at `i`, allowing whitespace between Hangul syllables, the end.
pub(super) fn match_spaced(s: &[char], i: usize, form: &[char]) -> Option<usize> {
    let mut j = i;
    for (k, &c) in form.iter().enumerate() {
        if k > 0 {
            while j < s.len() && s[j].is_whitespace() {
                j += 1;
            }
        }
        if j >= s.len() || s[j] != c {
            return None;
        }
        j += 1;
    }
    Some(j)
}
