//! Text reduced for matching: lower-case letters and digits, remembering where words start
//! and end and which word each character belongs to (so a cue can look at the words before a
//! match). Apostrophes inside a word are dropped ("doesn't" is one word, `doesnt`).

/// A normalised piece of text.
#[derive(Debug, Clone)]
pub(crate) struct Normalized {
    pub chars: Vec<char>,
    starts: Vec<bool>,
    ends: Vec<bool>,
    /// The word each char belongs to.
    pub word_of: Vec<usize>,
    /// The words, normalised.
    pub words: Vec<String>,
}

impl Normalized {
    pub fn new(text: &str) -> Self {
        let mut n = Self {
            chars: Vec::new(),
            starts: Vec::new(),
            ends: Vec::new(),
            word_of: Vec::new(),
            words: Vec::new(),
        };
        let mut in_word = false;
        let mut prev_alnum = false;
        let mut it = text.chars().peekable();
        while let Some(ch) = it.next() {
            if (ch == '\'' || ch == '’')
                && prev_alnum
                && it.peek().is_some_and(|c| c.is_ascii_alphabetic())
            {
                continue;
            }
            if ch.is_alphanumeric() {
                // A switch between ASCII and other scripts is a word boundary too:
                // Korean particles attach to Latin words ("kid가", "JWKS에").
                let switch = n
                    .chars
                    .last()
                    .is_some_and(|p: &char| p.is_ascii() != ch.is_ascii());
                if in_word && switch {
                    n.end_word();
                }
                let new_word = !in_word || switch;
                if new_word {
                    n.words.push(String::new());
                }
                for lc in ch.to_lowercase() {
                    n.chars.push(lc);
                    n.starts
                        .push(new_word && n.words.last().is_some_and(String::is_empty));
                    n.ends.push(false);
                    n.word_of.push(n.words.len() - 1);
                    if let Some(w) = n.words.last_mut() {
                        w.push(lc);
                    }
                }
                in_word = true;
                prev_alnum = true;
            } else {
                if in_word {
                    n.end_word();
                }
                in_word = false;
                prev_alnum = false;
            }
        }
        n.end_word();
        n
    }

    fn end_word(&mut self) {
        if let Some(last) = self.ends.last_mut() {
            *last = true;
        }
    }

    /// Where the pattern occurs, as char ranges of the normalised text. ASCII patterns must
    /// start on a word start (short ones, up to four letters, also end on a word end);
    /// Korean ones may sit inside a word, since particles attach to words.
    /// A phrase whose last word is short ("not in") must end on a word end too, so "not in"
    /// is not found in "not insufficient".
    pub fn find_all(&self, pattern: &str) -> Vec<(usize, usize)> {
        let p = Normalized::new(pattern);
        let short_tail =
            p.words.len() > 1 && p.words.last().is_some_and(|w| w.chars().count() <= 3);
        self.find_chars(&p.chars)
            .into_iter()
            .filter(|&(_, e)| {
                !short_tail || !p.chars.last().is_some_and(char::is_ascii) || self.ends[e - 1]
            })
            .collect()
    }

    pub fn find_chars(&self, pat: &[char]) -> Vec<(usize, usize)> {
        let n = pat.len();
        if n == 0 || n > self.chars.len() {
            return Vec::new();
        }
        let ascii_start = pat.first().is_some_and(char::is_ascii);
        let ascii_end = n <= 4 && pat.last().is_some_and(char::is_ascii);
        (0..=self.chars.len() - n)
            .filter(|&i| self.chars[i..i + n] == pat[..])
            .filter(|&i| !ascii_start || self.starts[i])
            .filter(|&i| !ascii_end || self.ends[i + n - 1])
            .map(|i| (i, i + n))
            .collect()
    }

    /// Whether the pattern occurs as whole words (both ends on word boundaries).
    pub fn find_words(&self, pattern: &str) -> Vec<(usize, usize)> {
        let pat = Normalized::new(pattern).chars;
        self.find_chars(&pat)
            .into_iter()
            .filter(|&(s, e)| self.starts[s] && self.ends[e - 1])
            .collect()
    }

    /// The words strictly before char `at`, nearest first.
    pub fn words_before(&self, at: usize) -> impl Iterator<Item = &str> {
        let w = self.word_of.get(at).copied().unwrap_or(self.words.len());
        self.words[..w].iter().rev().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_space_and_punctuation() {
        let t = Normalized::new("The JWT-Token  EXPIRED!");
        assert_eq!(t.find_all("token expired").len(), 1);
        assert_eq!(t.find_all("jwt token").len(), 1);
        assert!(t.find_all("oken").is_empty(), "ASCII needs a word start");
        let k = Normalized::new("토큰이 만료 됐어요");
        assert_eq!(k.find_all("만료됐").len(), 1);
    }

    #[test]
    fn short_ascii_words_need_both_boundaries() {
        let t = Normalized::new("no kidding, the kid is wrong");
        assert_eq!(t.find_all("kid").len(), 1);
    }

    #[test]
    fn apostrophes_stay_inside_words_and_words_are_kept() {
        let t = Normalized::new("The Service's selector doesn't match");
        assert_eq!(t.words, ["the", "services", "selector", "doesnt", "match"]);
        assert_eq!(t.find_all("doesnt match").len(), 1);
        let at = t.find_all("selector")[0].0;
        assert_eq!(t.words_before(at).next(), Some("services"));
        let k = Normalized::new("kid가 JWKS에 없어요");
        assert_eq!(k.words, ["kid", "가", "jwks", "에", "없어요"]);
    }
}
