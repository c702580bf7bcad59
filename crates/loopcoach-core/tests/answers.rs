//! The analyzer's accuracy on the labelled answers in `tests/fixtures/answers/` (every `*.toml`
//! file there): precision, recall and specificity per label, printed, and at least 0.85 each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use loopcoach_core::Lang;
use loopcoach_core::analysis::{AnswerInput, analyze};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    answer: Vec<Labelled>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    lang: String,
    text: String,
    situation: bool,
    task: bool,
    action: bool,
    result: bool,
    metric: bool,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    tn: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, truth: bool, said: bool) {
        match (truth, said) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
            (true, false) => self.fn_ += 1,
        }
    }
    fn ratio(a: usize, b: usize) -> f64 {
        if a + b == 0 {
            1.0
        } else {
            a as f64 / (a + b) as f64
        }
    }
    fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.fp)
    }
    fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.fn_)
    }
    fn specificity(&self) -> f64 {
        Self::ratio(self.tn, self.fp)
    }
}

fn load() -> Vec<Labelled> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let parsed: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.extend(parsed.answer);
    }
    out
}

#[test]
fn labelled_answers_are_read_right() {
    let answers = load();
    let ko = answers.iter().filter(|a| a.lang == "ko").count();
    let en = answers.iter().filter(|a| a.lang == "en").count();
    assert!(answers.len() >= 80, "{} answers", answers.len());
    assert!(ko >= 40 && en >= 40, "ko {ko}, en {en}");
    let mut counts: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for a in &answers {
        let r = analyze(
            &AnswerInput {
                text: &a.text,
                ..Default::default()
            },
            Lang::En,
        );
        for (label, truth, said) in [
            ("situation", a.situation, r.star.situation),
            ("task", a.task, r.star.task),
            ("action", a.action, r.star.action),
            ("result", a.result, r.star.result),
            ("metric", a.metric, r.metric),
        ] {
            counts.entry(label).or_default().add(truth, said);
            if truth != said {
                misses.push(format!("{} {label}: labelled {truth}, read {said}", a.id));
                if std::env::var_os("LOOPCOACH_DEBUG_ANSWERS").is_some() {
                    for s in &r.sentences {
                        println!("    {:?}/{:?} {}", s.part, s.also, s.text);
                    }
                }
            }
        }
    }
    println!("{} answers ({ko} Korean, {en} English)", answers.len());
    println!("label      precision  recall  specificity");
    let mut low = Vec::new();
    for (label, c) in &counts {
        println!(
            "{label:<10} {:>9.3} {:>7.3} {:>12.3}",
            c.precision(),
            c.recall(),
            c.specificity()
        );
        for (name, v) in [
            ("precision", c.precision()),
            ("recall", c.recall()),
            ("specificity", c.specificity()),
        ] {
            if v < 0.85 {
                low.push(format!("{label} {name} {v:.3}"));
            }
        }
    }
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(low.is_empty(), "below 0.85: {low:?}");
}
