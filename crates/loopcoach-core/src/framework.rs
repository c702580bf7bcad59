//! Principle frameworks: the built-in Amazon Leadership Principles and name matching.
//!
//! The framework is data (`content/framework/amazon.toml`, embedded at build time); this module
//! loads it and matches the names people write in their notes ("Are Right, A Lot", "right alot",
//! "고객 집착") to a principle key, tolerant of case, spacing, punctuation and misspellings.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};

const AMAZON_TOML: &str = include_str!("../../../content/framework/amazon.toml");

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub key: String,
    pub name: Text,
    pub summary: Text,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub key: String,
    pub name: Text,
    pub principles: Vec<Principle>,
    /// Normalised names (key, names, aliases), built once: in order, with their length in
    /// characters, and by name for the exact lookups.
    #[serde(skip)]
    index: Vec<IndexedName>,
    #[serde(skip)]
    exact: std::collections::HashMap<String, usize>,
}

/// A normalised name of a principle.
#[derive(Debug, Clone, Default)]
struct IndexedName {
    name: String,
    chars: usize,
    letters: u64,
    principle: usize,
}

/// Which letters a string holds, as a set of 64 classes (a letter's class is a hash of it).
/// A class in one string and not the other stands for at least one edit between them.
fn letter_set(s: &str) -> u64 {
    s.chars().fold(0, |set, c| {
        set | 1 << (u32::from(c).wrapping_mul(0x9E37_79B9) >> 26)
    })
}

/// A name matched to a principle, with how sure the match is (0..1).
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub key: String,
    pub score: f64,
}

impl Framework {
    /// The built-in Amazon framework, read once per process (reading it takes ~90 µs, as
    /// long as parsing the seed notes): what the importer uses on every file.
    pub fn shared() -> &'static Framework {
        static F: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
        F.get_or_init(Self::read_amazon)
    }

    /// The built-in Amazon framework, as a value of its own.
    pub fn amazon() -> Framework {
        Self::shared().clone()
    }

    /// The embedded TOML is checked by a unit test, so a parse failure here is a build defect,
    /// reported as an empty framework rather than a panic.
    fn read_amazon() -> Framework {
        let mut f: Framework = toml::from_str(AMAZON_TOML).unwrap_or_else(|_| Framework {
            key: "amazon".into(),
            name: Text::default(),
            principles: Vec::new(),
            index: Vec::new(),
            exact: Default::default(),
        });
        f.build_index();
        f
    }

    fn build_index(&mut self) {
        self.index = self
            .principles
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                [p.key.as_str(), p.name.en.as_str(), p.name.ko.as_str()]
                    .into_iter()
                    .chain(p.aliases.iter().map(String::as_str))
                    .map(move |n| (normalize_name(n), i))
            })
            .filter(|(n, _)| !n.is_empty())
            .map(|(name, principle)| IndexedName {
                chars: name.chars().count(),
                letters: letter_set(&name),
                name,
                principle,
            })
            .collect();
        // The first principle a name belongs to, as a search in order finds it.
        self.exact.clear();
        for e in &self.index {
            self.exact.entry(e.name.clone()).or_insert(e.principle);
        }
    }

    pub fn get(&self, key: &str) -> Option<&Principle> {
        self.principles.iter().find(|p| p.key == key)
    }

    pub fn name(&self, key: &str, lang: Lang) -> String {
        self.get(key)
            .map(|p| p.name.get(lang).to_string())
            .unwrap_or_else(|| key.to_string())
    }

    /// Match a name as written in notes to a principle. Returns `None` below 0.75 confidence.
    pub fn match_name(&self, written: &str) -> Option<NameMatch> {
        self.match_principle(written).map(|(p, score)| NameMatch {
            key: p.key.clone(),
            score,
        })
    }

    /// The principle whose name or alias `written` is, exactly once normalised (no edit
    /// distances: for text that is most likely not a name at all).
    pub fn match_exact(&self, written: &str) -> Option<&Principle> {
        if written.len() > 96 {
            return None;
        }
        let mut whole = crate::CompactString::default();
        normalize_name_into(written, &mut whole);
        // Names of fewer than three characters say too little.
        whole.chars().nth(2)?;
        self.exact.get(whole.as_str()).map(|&i| &self.principles[i])
    }

    /// How a story is named to the candidate: its own title, except when that title is only
    /// the name of a principle (a story under a `Customer Obsession` heading takes the heading
    /// as its title): then the first words of its own first part, so "Customer Obsession:
    /// Customer Obsession" reads "Customer Obsession: 일정이 굉장히 촉박한 상황". The stored
    /// title (and the story's id) stay as they are.
    pub fn story_title(&self, story: &crate::Story) -> String {
        let title = story.title.trim();
        if !title.is_empty() && self.match_exact(title).is_none() {
            return title.to_string();
        }
        crate::StarPart::ALL
            .iter()
            .map(|p| story.part(*p))
            .chain([story.notes.as_str()])
            .find_map(first_words)
            .unwrap_or_else(|| title.to_string())
    }

    /// [`Framework::match_name`], giving the principle itself and the score (no copy of its
    /// key: the importer asks this of every heading).
    pub fn match_principle(&self, written: &str) -> Option<(&Principle, f64)> {
        // The common case first, with no allocation: the whole name, exactly (normalised
        // inline: the names are short).
        let mut whole = crate::CompactString::default();
        normalize_name_into(written, &mut whole);
        if whole.chars().nth(2).is_some()
            && let Some(&i) = self.exact.get(whole.as_str())
        {
            return Some((&self.principles[i], 1.0));
        }
        // "Customer Obsession (고객 집착)" or "Customer Obsession / 고객 집착": try each part
        // too, the whole first. Each is normalised into one reused buffer (no list of copies).
        let pieces = std::iter::once(written).chain(
            written
                .split(['(', ')', '/', '|', '[', ']'])
                .filter(|piece| !piece.trim().is_empty()),
        );
        let mut n = crate::CompactString::default();
        // Normalised into `n`; names of fewer than three characters say too little to match.
        let normed = |piece: &str, n: &mut crate::CompactString| {
            n.clear();
            normalize_name_into(piece, n);
            n.chars().nth(2).is_some()
        };
        // Exact (normalised) names of the parts first (the whole has been tried): cheap.
        for piece in pieces.clone().skip(1) {
            if normed(piece, &mut n)
                && let Some(&i) = self.exact.get(n.as_str())
            {
                return Some((&self.principles[i], 1.0));
            }
        }
        // The best score and the principle it was first reached for.
        let mut best: Option<(f64, usize)> = None;
        for piece in pieces {
            if !normed(piece, &mut n) {
                continue;
            }
            let (chars, letters) = (n.chars().count(), letter_set(&n));
            for e in &self.index {
                let score = name_score((&n, chars, letters), (&e.name, e.chars, e.letters));
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, e.principle));
                }
            }
        }
        best.filter(|&(score, _)| score >= 0.75)
            .map(|(score, i)| (&self.principles[i], score))
    }
}

/// Lowercase, letters and digits only (Hangul kept).
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_name_into(s, &mut out);
    out
}

/// [`normalize_name`], appended to `out` (an inline string for short names: no heap block).
/// The characters kept are gathered in a small buffer and written in a few pieces, not one by
/// one; ASCII and Hangul syllables (most names) skip the Unicode tables.
pub fn normalize_name_into(s: &str, out: &mut impl std::fmt::Write) {
    let mut buf = [0u8; 64];
    let mut n = 0;
    // Room for any lowercase expansion of one character (at most three, of four bytes).
    const ROOM: usize = 12;
    for c in s.chars() {
        if n + ROOM > buf.len() {
            flush_name_buf(&buf[..n], out);
            n = 0;
        }
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf[n] = c.to_ascii_lowercase() as u8;
                n += 1;
            }
        } else if crate::text::is_hangul_syllable(c) {
            n += c.encode_utf8(&mut buf[n..]).len();
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                n += l.encode_utf8(&mut buf[n..]).len();
            }
        }
    }
    flush_name_buf(&buf[..n], out);
}

fn flush_name_buf(bytes: &[u8], out: &mut impl std::fmt::Write) {
    // Whole characters were encoded, so the bytes are UTF-8; writing to a string cannot fail.
    if let Ok(t) = std::str::from_utf8(bytes) {
        let _ = out.write_str(t);
    }
}

/// How well `written` matches `name`, 0..1; each comes with its length in characters and its
/// [`letter_set`].
fn name_score(
    (written, wl, wset): (&str, usize, u64),
    (name, nl, nset): (&str, usize, u64),
) -> f64 {
    if written.is_empty() || name.is_empty() {
        return 0.0;
    }
    if written == name {
        return 1.0;
    }
    // One contains the other only if its letter classes are all in the other's.
    let contains =
        |outer: &str, oset: u64, inner: &str, iset: u64| iset & !oset == 0 && outer.contains(inner);
    if wl >= 4
        && nl >= 4
        && (contains(name, nset, written, wset) || contains(written, wset, name, nset))
    {
        // "rightalot" in "arerightalot", "disagreeandcommit" in the full name.
        let ratio = wl.min(nl) as f64 / wl.max(nl) as f64;
        return 0.8 + 0.15 * ratio;
    }
    // The edit distance is at least the difference in length, and at least the number of
    // letter classes one string has and the other lacks. When either is over a fifth of the
    // longer name, the similarity is under 0.8 and the score under 0.4, far below a match:
    // returned as that bound, without the quadratic distance (every heading of the notes is
    // asked whether it names a principle: 120,000 headings took 5 s).
    let longest = wl.max(nl);
    let missing = (wset & !nset).count_ones().max((nset & !wset).count_ones());
    let least = wl.abs_diff(nl).max(missing as usize);
    if least * 5 > longest {
        return (1.0 - least as f64 / longest as f64).max(0.0) * 0.5;
    }
    let sim = strsim::normalized_levenshtein(written, name);
    // Misspellings: one or two letters off on a long name.
    if sim >= 0.8 { sim * 0.95 } else { sim * 0.5 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The buffered normalisation keeps what the plain one keeps, character for character:
    /// ASCII, Hangul, letters that lowercase to two characters, numerals, long names that
    /// fill the buffer several times.
    #[test]
    fn buffered_normalisation_is_the_plain_one() {
        fn plain(s: &str) -> String {
            let mut out = String::new();
            for c in s.chars().filter(|c| c.is_alphanumeric()) {
                out.extend(c.to_lowercase());
            }
            out
        }
        let long = "Insist on the Highest Standards (최고의 기준을 고집) İİİ ".repeat(9);
        for s in [
            "",
            "Customer Obsession",
            "Are Right, A Lot!",
            "고객 집착 (Customer Obsession)",
            "İstanbul ΣΑΣ Ⅻ ǅ 🚀 ㄱㅏ ᄀ",
            long.as_str(),
        ] {
            assert_eq!(normalize_name(s), plain(s), "{s}");
            let mut inline = crate::CompactString::default();
            normalize_name_into(s, &mut inline);
            assert_eq!(inline, plain(s), "{s}");
        }
    }

    #[test]
    fn amazon_framework_has_sixteen_principles_with_both_languages() {
        let f: Framework = toml::from_str(AMAZON_TOML).unwrap();
        assert_eq!(f.principles.len(), 16);
        for p in &f.principles {
            assert!(!p.name.en.is_empty() && !p.name.ko.is_empty(), "{}", p.key);
            assert!(
                !p.summary.en.is_empty() && !p.summary.ko.is_empty(),
                "{}",
                p.key
            );
        }
        let mut keys: Vec<_> = f.principles.iter().map(|p| &p.key).collect();
        keys.dedup();
        assert_eq!(keys.len(), 16);
    }

    #[test]
    fn matches_names_as_people_write_them() {
        let f = Framework::amazon();
        let key = |s: &str| f.match_name(s).map(|m| m.key);
        assert_eq!(
            key("Customer Obsession").as_deref(),
            Some("customer-obsession")
        );
        assert_eq!(
            key("customer  obsession!").as_deref(),
            Some("customer-obsession")
        );
        assert_eq!(key("Are Right, A Lot").as_deref(), Some("are-right-a-lot"));
        assert_eq!(key("right alot").as_deref(), Some("are-right-a-lot"));
        assert_eq!(
            key("Costumer Obsesion").as_deref(),
            Some("customer-obsession")
        );
        assert_eq!(
            key("Have Backbone; Disagree and Commit").as_deref(),
            Some("have-backbone")
        );
        assert_eq!(key("Disagree & Commit").as_deref(), Some("have-backbone"));
        assert_eq!(key("고객 집착").as_deref(), Some("customer-obsession"));
        assert_eq!(key("주인의식").as_deref(), Some("ownership"));
        assert_eq!(
            key("Dive Deep (깊이 파고들기)").as_deref(),
            Some("dive-deep")
        );
        assert_eq!(
            key("Strive to be Earth's Best Employer").as_deref(),
            Some("earths-best-employer")
        );
        assert_eq!(
            key("Success and Scale Bring Broad Responsibility").as_deref(),
            Some("broad-responsibility")
        );
    }

    /// The bounds that skip the edit distance change no match: every name of every principle,
    /// with letters dropped, doubled, swapped or replaced, and headings that name none, match
    /// as scoring every name in full does.
    #[test]
    fn skipping_hopeless_names_changes_no_match() {
        let f = Framework::amazon();
        let full = |written: &str| -> Option<(String, f64)> {
            let mut pieces = vec![written.to_string()];
            pieces.extend(
                written
                    .split(['(', ')', '/', '|', '[', ']'])
                    .filter(|p| !p.trim().is_empty())
                    .map(str::to_string),
            );
            let normed: Vec<String> = pieces
                .iter()
                .map(|p| normalize_name(p))
                .filter(|n| n.chars().count() >= 3)
                .collect();
            let mut best: Option<(f64, usize)> = None;
            for n in &normed {
                for e in &f.index {
                    let score = if *n == e.name {
                        1.0
                    } else {
                        let (wl, nl) = (n.chars().count(), e.chars);
                        if wl >= 4
                            && nl >= 4
                            && (e.name.contains(n.as_str()) || n.contains(&e.name))
                        {
                            0.8 + 0.15 * (wl.min(nl) as f64 / wl.max(nl) as f64)
                        } else {
                            let sim = strsim::normalized_levenshtein(n, &e.name);
                            if sim >= 0.8 { sim * 0.95 } else { sim * 0.5 }
                        }
                    };
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, e.principle));
                    }
                }
            }
            best.filter(|b| b.0 >= 0.75)
                .map(|(s, i)| (f.principles[i].key.clone(), s))
        };
        let mut inputs: Vec<String> = vec![
            "Section 12".into(),
            "Project A".into(),
            "인도 출장 GST 프로젝트".into(),
            "Interview Tips".into(),
            "Are Right, A Lot".into(),
            "right alot".into(),
            "Customer Obsesion (고객 집착)".into(),
        ];
        for p in &f.principles {
            for name in [&p.name.en, &p.name.ko, &p.key] {
                let chars: Vec<char> = name.chars().collect();
                for k in 0..chars.len() {
                    let mut dropped = chars.clone();
                    dropped.remove(k);
                    let mut doubled = chars.clone();
                    doubled.insert(k, chars[k]);
                    let mut replaced = chars.clone();
                    replaced[k] = 'x';
                    let mut swapped = chars.clone();
                    if k + 1 < chars.len() {
                        swapped.swap(k, k + 1);
                    }
                    for v in [dropped, doubled, replaced, swapped] {
                        inputs.push(v.into_iter().collect());
                    }
                }
            }
        }
        for w in &inputs {
            let got = f.match_name(w).map(|m| (m.key, m.score));
            assert_eq!(got, full(w), "{w:?}");
        }
    }

    #[test]
    fn unrelated_names_do_not_match() {
        let f = Framework::amazon();
        assert_eq!(f.match_name("Kubernetes 인증"), None);
        assert_eq!(f.match_name("Interview Tips"), None);
        assert_eq!(f.match_name("왜 아마존에 입사하고 싶은가요?"), None);
    }
}

/// The first line of `text` up to its first sentence end, at most [`TITLE_WORDS_MAX`] bytes cut
/// at a word boundary (with `…` when cut); `None` for blank text.
fn first_words(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let sentence = line
        .find(". ")
        .map_or(line, |i| &line[..i])
        .trim_end_matches(['.', ',', ';', ':']);
    if sentence.len() <= TITLE_WORDS_MAX {
        return Some(sentence.to_string());
    }
    let mut out = String::new();
    for w in sentence.split_whitespace() {
        if !out.is_empty() && out.len() + 1 + w.len() > TITLE_WORDS_MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = sentence.chars().take(24).collect();
    }
    out.push('…');
    Some(out)
}

/// Longest title taken from a story's own words, in bytes (about 25 Hangul syllables).
const TITLE_WORDS_MAX: usize = 72;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod story_title_tests {
    use super::*;

    #[test]
    fn a_story_titled_after_its_principle_is_named_by_its_own_words() {
        let text = "**LP**\n\n1. Customer Obsession\n\n   S: 일정이 굉장히 촉박한 상황. 고객이 기다렸다\n   T: 원인을 찾는다\n   A: 로그를 분석했습니다\n   R: 실패율을 30% 줄였습니다\n";
        let mut stories = loopcoach_notes_free_parse(text);
        assert_eq!(stories[0].title, "Customer Obsession");
        let f = Framework::amazon();
        assert_eq!(f.story_title(&stories[0]), "일정이 굉장히 촉박한 상황");
        stories[0].title = "인도 출장 GST 프로젝트".into();
        assert_eq!(f.story_title(&stories[0]), "인도 출장 GST 프로젝트");
        assert_eq!(
            first_words("  \n A long, long line. Then more").as_deref(),
            Some("A long, long line")
        );
        let long = "word ".repeat(40);
        let t = first_words(&long).unwrap();
        assert!(t.ends_with('…') && t.len() <= TITLE_WORDS_MAX + 3, "{t}");
        assert_eq!(first_words("   "), None);
    }

    /// The stories of `text` as the importer reads them (through JSON: the importer links
    /// its own build of this crate).
    fn loopcoach_notes_free_parse(text: &str) -> Vec<crate::Story> {
        let doc = loopcoach_notes::parse_text("n.md", text).expect("notes");
        let v = serde_json::to_value(&doc.stories).expect("json");
        serde_json::from_value(v).expect("stories")
    }
}
