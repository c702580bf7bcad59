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
    /// Normalised names (key, names, aliases) → principle index, built once.
    #[serde(skip)]
    index: Vec<(String, usize)>,
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
            .collect();
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
        // The common case first, with one allocation: the whole name, exactly.
        let whole = normalize_name(written);
        if whole.chars().nth(2).is_some()
            && let Some((_, i)) = self.index.iter().find(|(name, _)| *name == whole)
        {
            return Some(NameMatch {
                key: self.principles[*i].key.clone(),
                score: 1.0,
            });
        }
        let mut candidates: Vec<String> = vec![written.to_string()];
        // "Customer Obsession (고객 집착)" or "Customer Obsession / 고객 집착": try each part too.
        for piece in written.split(['(', ')', '/', '|', '[', ']']) {
            if !piece.trim().is_empty() {
                candidates.push(piece.to_string());
            }
        }
        let normed: Vec<String> = candidates
            .iter()
            .map(|c| normalize_name(c))
            .filter(|n| n.chars().count() >= 3)
            .collect();
        // Exact (normalised) names first: the common case, and cheap.
        for n in &normed {
            if let Some((_, i)) = self.index.iter().find(|(name, _)| name == n) {
                return Some(NameMatch {
                    key: self.principles[*i].key.clone(),
                    score: 1.0,
                });
            }
        }
        let mut best: Option<NameMatch> = None;
        for n in &normed {
            for (name, i) in &self.index {
                let score = name_score(n, name);
                if best.as_ref().is_none_or(|b| score > b.score) {
                    best = Some(NameMatch {
                        key: self.principles[*i].key.clone(),
                        score,
                    });
                }
            }
        }
        best.filter(|b| b.score >= 0.75)
    }
}

/// Lowercase, letters and digits only (Hangul kept).
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn name_score(written: &str, name: &str) -> f64 {
    if written.is_empty() || name.is_empty() {
        return 0.0;
    }
    if written == name {
        return 1.0;
    }
    let (wl, nl) = (written.chars().count(), name.chars().count());
    if wl >= 4 && nl >= 4 && (name.contains(written) || written.contains(name)) {
        // "rightalot" in "arerightalot", "disagreeandcommit" in the full name.
        let ratio = wl.min(nl) as f64 / wl.max(nl) as f64;
        return 0.8 + 0.15 * ratio;
    }
    let sim = strsim::normalized_levenshtein(written, name);
    // Misspellings: one or two letters off on a long name.
    if sim >= 0.8 { sim * 0.95 } else { sim * 0.5 }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn unrelated_names_do_not_match() {
        let f = Framework::amazon();
        assert_eq!(f.match_name("Kubernetes 인증"), None);
        assert_eq!(f.match_name("Interview Tips"), None);
        assert_eq!(f.match_name("왜 아마존에 입사하고 싶은가요?"), None);
    }
}
