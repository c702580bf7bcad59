//! Writes one lab to a directory, for trying the artifacts by hand:
//! `cargo run -p loopcoach-labs --example write_lab -- KIND FAULT SEED DIFFICULTY DIR [twin]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use loopcoach_labs::{LabRequest, Lang, generate, generate_twin, write_lab};

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let req = LabRequest {
        kind: a[1].clone(),
        fault: Some(a[2].clone()),
        seed: a[3].parse().unwrap(),
        difficulty: a[4].parse().unwrap(),
        lang: Lang::Ko,
        now: time::macros::datetime!(2026-03-14 09:30:00 UTC),
    };
    let lab = if a.get(6).is_some_and(|t| t == "twin") {
        generate_twin(&req)
    } else {
        generate(&req)
    }
    .unwrap();
    write_lab(std::path::Path::new(&a[5]), &lab).unwrap();
    eprintln!("{} {:?}", lab.id, lab.answer.causes);
}
