//! Shared helpers: a fixed clock, requests, and running the lab's own validator.

use loopcoach_labs::{Lab, LabRequest, Lang, diagnose, generate, generate_twin};
use time::OffsetDateTime;
use time::macros::datetime;

pub const NOW: OffsetDateTime = datetime!(2026-03-14 09:30:00 UTC);

pub fn req(kind: &str, fault: &str, seed: u64, difficulty: u8) -> LabRequest {
    LabRequest {
        kind: kind.to_string(),
        fault: Some(fault.to_string()),
        seed,
        difficulty,
        lang: Lang::Ko,
        now: NOW,
    }
}

pub fn codes(kind: &str) -> Vec<String> {
    loopcoach_labs::catalog()
        .into_iter()
        .find(|k| k.kind == kind)
        .map(|k| k.faults.into_iter().map(|f| f.code).collect())
        .unwrap_or_default()
}

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// For every fault, difficulty and a few seeds: the validator finds exactly the lab's causes,
/// and nothing in the twin.
pub fn assert_diagnosis_exact(kind: &str) {
    let all = codes(kind);
    assert!(!all.is_empty(), "{kind} has faults");
    for code in &all {
        for difficulty in 1..=3 {
            for seed in [1, 2, 7, 42] {
                let r = req(kind, code, seed, difficulty);
                let lab: Lab = generate(&r).unwrap();
                let found = diagnose(&lab.files).unwrap();
                assert_eq!(
                    sorted(found),
                    sorted(lab.answer.causes.clone()),
                    "{code} seed {seed} difficulty {difficulty}"
                );
                let twin = generate_twin(&r).unwrap();
                let found = diagnose(&twin.files).unwrap();
                assert!(found.is_empty(), "twin of {code} seed {seed}: {found:?}");
            }
        }
    }
}
