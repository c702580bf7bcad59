//! Content lint over every built-in bank (behavioural and technical), read from disk so a file
//! added to `content/banks/` is linted even before it is listed in `content.rs`.
//!
//! Korean spacing: a particle written apart from the Latin-script word, number or closing
//! bracket before it ("JWT 의", "(ID) 를", "401 이") fails, with the file, the card id, the
//! field and the offending text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use loopcoach_practice::parse_bank;
use loopcoach_practice::spacing::SpacingRules;

fn bank_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/banks");
    let mut files = Vec::new();
    for dir in ["behavioural", "technical"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("content/banks is readable");
        for e in entries {
            let p = e.expect("a directory entry").path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// `(field, Korean text)` of every Korean text of a card.
fn korean_texts(card: &loopcoach_practice::Card) -> Vec<(String, &str)> {
    let mut out = vec![("question.ko".to_string(), card.question.ko.as_str())];
    for (i, t) in card.key_points.ko.iter().enumerate() {
        out.push((format!("key_points.ko[{i}]"), t.as_str()));
    }
    for (i, t) in card.follow_ups.ko.iter().enumerate() {
        out.push((format!("follow_ups.ko[{i}]"), t.as_str()));
    }
    out
}

/// A short stretch of `text` around byte `at`, on character boundaries.
fn excerpt(text: &str, at: usize, particle: &str) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(11)
        .map_or(0, |(i, _)| i);
    let end_from = at + 1 + particle.len();
    let end = text[end_from..]
        .char_indices()
        .nth(8)
        .map_or(text.len(), |(i, _)| end_from + i);
    text[start..end].to_string()
}

/// Every spaced particle of every built-in bank, one line each.
fn spacing_findings(rules: &SpacingRules) -> (Vec<String>, usize) {
    let mut findings = Vec::new();
    let mut texts = 0;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for path in bank_files() {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("a bank file is readable");
        let bank =
            parse_bank(&rel, &text).unwrap_or_else(|e| panic!("{rel} does not parse: {e:?}"));
        for card in &bank.cards {
            for (field, ko) in korean_texts(card) {
                texts += 1;
                for s in rules.spaced_particles(ko) {
                    findings.push(format!(
                        "{rel}: {} {field}: particle '{}' spaced off '{}' in \"{}\" (write \"{}\")",
                        card.id,
                        s.particle,
                        s.word,
                        excerpt(ko, s.at, &s.particle),
                        s.attached()
                    ));
                }
            }
        }
    }
    (findings, texts)
}

#[test]
fn no_korean_particle_is_spaced_off_the_word_before_it() {
    let rules = SpacingRules::builtin().expect("the spacing data parses");
    let (findings, texts) = spacing_findings(&rules);
    assert!(
        texts > 1000,
        "only {texts} Korean texts read: are the banks there?"
    );
    assert!(
        findings.is_empty(),
        "{} Korean particle(s) spaced off the word before them:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

#[test]
fn the_lint_reports_the_file_the_card_the_field_and_the_text() {
    // The same reporting on a bank that breaks the rule, so a failure message stays useful.
    let rules = SpacingRules::builtin().expect("the spacing data parses");
    let bank = parse_bank(
        "content/banks/technical/jwt.toml",
        r#"topic = "jwt"

[[cards]]
id = "jwt-01"
question = { en = "What is exp?", ko = "JWT 의 exp 클레임은 무엇인가요?" }
follow_ups = { en = ["Skew?"], ko = ["시계 오차는?"] }
key_points = { en = ["a", "b", "c"], ko = ["가", "401 이 반환됨", "(ID) 를 확인"] }
reference = "RFC 7519 §4.1.4"
"#,
    )
    .expect("the sample bank parses");
    let card = &bank.cards[0];
    let found: Vec<(String, String, String)> = korean_texts(card)
        .into_iter()
        .flat_map(|(field, ko)| {
            rules
                .spaced_particles(ko)
                .into_iter()
                .map(move |s| (field.clone(), s.word, s.particle))
        })
        .collect();
    assert_eq!(
        found,
        [
            ("question.ko".into(), "JWT".into(), "의".into()),
            ("key_points.ko[1]".into(), "401".into(), "이".into()),
            ("key_points.ko[2]".into(), "(ID)".into(), "를".into()),
        ]
    );
    assert_eq!(excerpt("가나다 JWT 의 구조", 9, "의"), "가나다 JWT 의 구조");
}

#[test]
fn every_behavioural_card_asks_for_own_actions_and_a_measured_result() {
    // What a bar raiser weighs in every story, whatever the principle: the candidate's own
    // actions ("I", not "we") and a result that was measured.
    let mut missing = Vec::new();
    let mut cards = 0;
    for path in bank_files() {
        let text = std::fs::read_to_string(&path).expect("a bank file is readable");
        let name = path.to_string_lossy().to_string();
        let bank = parse_bank(&name, &text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        for card in bank.cards.iter().filter(|c| c.principle.is_some()) {
            cards += 1;
            let en = card
                .key_points
                .en
                .iter()
                .any(|k| k.contains("'I'") && k.contains("measured result"));
            let ko = card
                .key_points
                .ko
                .iter()
                .any(|k| k.contains("'제가'") && k.contains("측정된 결과"));
            if !(en && ko) {
                missing.push(format!("{name}: {} (en {en}, ko {ko})", card.id));
            }
        }
    }
    assert!(cards >= 16 * 12, "only {cards} behavioural cards read");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
