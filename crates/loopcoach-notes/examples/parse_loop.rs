//! Parse one notes file N times, freeing each document: a steady loop to profile.
//!
//! ```text
//! cargo build --release -p loopcoach-notes --example parse_loop
//! perf record --call-graph dwarf target/release/examples/parse_loop NOTES.md 10
//! valgrind --tool=dhat target/release/examples/parse_loop NOTES.md 1
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: parse_loop NOTES.md [TIMES]");
    let text = std::fs::read_to_string(path).expect("a UTF-8 notes file");
    let n: usize = std::env::args().nth(2).map_or(20, |s| s.parse().unwrap());
    for _ in 0..n {
        let doc = loopcoach_notes::parse_text("n.md", &text).unwrap();
        std::hint::black_box(&doc);
        drop(doc);
    }
}
