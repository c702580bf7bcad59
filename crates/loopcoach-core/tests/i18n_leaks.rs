//! Every message, rendered in both languages: the Korean catalogue never shows English words
//! of its English twin (issue 20: finding kinds, "technical", "new", file errors and plan
//! labels were English under `--lang ko`), and English plurals agree with their number.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use loopcoach_core::i18n::Arg;
use loopcoach_core::{Lang, Messages};

/// Words that are the same in both languages: names, formats and technical terms a Korean
/// engineer writes in Latin letters too.
const SHARED: &[&str] = &[
    "loopcoach",
    "star",
    "json",
    "toml",
    "utf",
    "anki",
    "fifo",
    "fsrs",
    "html",
    "markdown",
    "ticket",
    "front",
    "matter",
    "separator",
    "reference",
    "troubleshooting",
    "enter",
    "bar",
    "raiser",
    "gib",
    "iconv",
    "file",
    "files",
    "notes",
    "import",
    "sync",
    "cards",
    "stories",
    "principles",
    "export",
    "outline",
    "limit",
    "lab",
    "labs",
    "list",
    "explain",
    "check",
    "answer",
    "new",
    "dir",
    "kind",
    "max",
    "size",
    "principle",
    "key",
    "json",
    "story",
    "set",
    "due",
    "tab",
];

/// Every `$name` in the English catalogue's source.
fn variables() -> BTreeSet<String> {
    let src = [
        include_str!("../../../content/i18n/en.ftl"),
        include_str!("../../../content/i18n/readiness.en.ftl"),
    ]
    .concat();
    let mut out = BTreeSet::new();
    for part in src.split('$').skip(1) {
        let name: String = part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// Latin words of four letters or more, outside backticks (commands stay as typed).
fn words(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, chunk) in s.split('`').enumerate() {
        if i % 2 == 1 {
            continue;
        }
        // Flags and paths stay as typed too.
        for token in chunk
            .split_whitespace()
            .filter(|t| !t.starts_with("--") && !t.contains('/') && !t.contains(".md"))
        {
            for w in token.split(|c: char| !c.is_ascii_alphabetic()) {
                if w.len() >= 4 {
                    out.insert(w.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

#[test]
fn no_english_leaks_into_korean_messages() {
    let (en, ko) = (Messages::new(Lang::En), Messages::new(Lang::Ko));
    let vars = variables();
    let mut leaks = Vec::new();
    for n in [1usize, 3] {
        // Numbers for every variable (plural selectors need them); text arguments would only
        // add the same words to both sides.
        let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), Arg::from(n))).collect();
        for id in Messages::ids(Lang::En) {
            let e = en.format(&id, &args);
            let k = ko.format(&id, &args);
            let english = words(&e);
            let leaked: Vec<String> = words(&k)
                .intersection(&english)
                .filter(|w| !SHARED.contains(&w.as_str()))
                .cloned()
                .collect();
            if !leaked.is_empty() {
                leaks.push(format!("{id}: {leaked:?} in {k:?}"));
            }
        }
    }
    leaks.dedup();
    assert!(
        leaks.is_empty(),
        "English in Korean messages:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn english_plurals_agree_with_their_number() {
    let en = Messages::new(Lang::En);
    let vars = variables();
    for id in Messages::ids(Lang::En) {
        let args: Vec<(&str, Arg)> = vars
            .iter()
            .map(|v| (v.as_str(), Arg::from(1usize)))
            .collect();
        let text = en.format(&id, &args);
        for bad in [
            "1 cards",
            "1 days",
            "1 stories",
            "1 questions",
            "1 files",
            "1 minutes",
            "1 reviews",
            "1 principles",
            "1 rounds",
        ] {
            assert!(!text.contains(bad), "{id}: {text}");
        }
    }
}
