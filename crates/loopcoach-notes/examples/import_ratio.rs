//! How many times a bare CommonMark parse our parse takes, measured so that the machine's
//! drift cancels out: the two are timed in turn, pair after pair, and the ratio is taken
//! within each pair (criterion times each function over its own stretch of seconds, so on a
//! shared VM whose speed drifts by a third within minutes the ratio of two of its figures
//! drifts too).
//!
//! ```text
//! cargo run --release -p loopcoach-notes --example import_ratio [-- FILE... [--pairs N]]
//! ```
//! With no file: the seed notes (`../shared/seed`, else `examples/interview-notes.md`)
//! repeated to 10.6 MB (the contract check's file) and 10 MB of synthetic notes. For each:
//! the median and quartiles of the per-pair ratio, for the parse alone (the document handed
//! back, as `loopcoach import` does) and with the document freed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

fn commonmark(text: &str) -> usize {
    let p = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
    p.into_offset_iter().count()
}

fn quartiles(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (at(0.25), at(0.5), at(0.75))
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut pairs = 25;
    if let Some(i) = args.iter().position(|a| a == "--pairs") {
        pairs = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .expect("--pairs N");
        args.drain(i..i + 2);
    }
    let mut inputs: Vec<(String, String)> = args
        .iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read_to_string(f).expect("a UTF-8 notes file"),
            )
        })
        .collect();
    if inputs.is_empty() {
        // The seed beside the repository, else the example notes in it, repeated to 10.6 MB.
        let (name, notes) = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seed/aws-cse-interview-notes.md"
        ))
        .map_or_else(
            |_| {
                let example = include_str!("../../../examples/interview-notes.md");
                ("example notes", example.to_string())
            },
            |seed| ("seed", seed),
        );
        let copies = (10_600_000 / notes.len()).max(1);
        inputs.push((format!("{name} x{copies}"), notes.repeat(copies)));
        inputs.push((
            "synthetic 10 MB".into(),
            loopcoach_notes::synth::notes(10 * 1024 * 1024, 42),
        ));
    }
    println!("pairs: {pairs} (a warm-up pair first, not counted)");
    for (name, text) in &inputs {
        let (mut kept, mut freed, mut cm_ms) = (Vec::new(), Vec::new(), Vec::new());
        for k in 0..=pairs {
            let t = Instant::now();
            black_box(commonmark(black_box(text)));
            let cm = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let doc = loopcoach_notes::parse_text("notes.md", black_box(text)).unwrap();
            let parsed = t.elapsed().as_secs_f64();
            drop(black_box(doc));
            let with_free = t.elapsed().as_secs_f64();
            if k > 0 {
                kept.push(parsed / cm);
                freed.push(with_free / cm);
                cm_ms.push(cm * 1e3);
            }
        }
        let (_, cm, _) = quartiles(cm_ms);
        let (a, b, c) = quartiles(kept);
        let (d, e, f) = quartiles(freed);
        println!(
            "{name} ({:.1} MB, CommonMark median {cm:.1} ms): parse {b:.2}x (quartiles {a:.2}-{c:.2}); parse and free {e:.2}x ({d:.2}-{f:.2})",
            text.len() as f64 / 1e6
        );
    }
}
