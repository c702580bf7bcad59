//! Import speed: a bare CommonMark parse of the same bytes (the floor), our parse (line table,
//! extraction, ids, links), and the whole import into a SQLite file in one transaction.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The seed notes beside the repository (`../shared/seed`), else the example notes in the
/// repository (a ninth of its size: the `seed` figures are then the example's).
fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/aws-cse-interview-notes.md"
    ))
    .unwrap_or_else(|_| {
        eprintln!("no ../shared/seed: the `seed` benches read examples/interview-notes.md");
        include_str!("../../../examples/interview-notes.md").to_string()
    })
}

/// The floor: a bare CommonMark parse (pulldown-cmark with tables, every event and its offset).
fn commonmark(text: &str) -> usize {
    let p = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
    p.into_offset_iter().count()
}

/// What a first `loopcoach import` does: a new workspace file, the parse, one transaction.
fn import_into_new_file(db: &std::path::Path, path: &str, text: &str) {
    let mut store = loopcoach_store::SqliteStore::open(db).unwrap();
    let doc = loopcoach_notes::parse_text(path, text).unwrap();
    store
        .transact(|tx| tx.save_document(&doc, text, &doc.hash, "2026-01-01T00:00:00Z"))
        .unwrap();
}

fn bench(c: &mut Criterion) {
    let small = seed();
    let big = loopcoach_notes::synth::notes(10 * 1024 * 1024, 42);
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("seed/parse", |b| {
        b.iter(|| loopcoach_notes::parse_text("seed.md", black_box(&small)))
    });
    g.bench_function("10MB/commonmark-only", |b| {
        b.iter(|| commonmark(black_box(&big)))
    });
    g.bench_function("10MB/parse", |b| {
        b.iter(|| loopcoach_notes::parse_text("big.md", black_box(&big)))
    });
    // The same parse with the model freed outside the timing: how much of the figure above
    // is the allocator taking ~125,000 heap blocks back.
    g.bench_function("10MB/parse-without-drop", |b| {
        b.iter_with_large_drop(|| loopcoach_notes::parse_text("big.md", black_box(&big)))
    });
    // The contract check's file: the seed repeated to 10.6 MB (prose-heavier and less dense in
    // stories than the synthetic notes above).
    let seed640 = small.repeat((10_600_000 / small.len()).max(1));
    g.bench_function("seed640/commonmark-only", |b| {
        b.iter(|| commonmark(black_box(&seed640)))
    });
    g.bench_function("seed640/parse", |b| {
        b.iter(|| loopcoach_notes::parse_text("seed640.md", black_box(&seed640)))
    });
    // A long run of untitled stories under one title (2 MB, ~20,000 stories): each takes the
    // title above it, found in one pass over the lines (it was a look back per story: 5 s for
    // 5 MB).
    let mut run = String::from("# Leadership Principles\n\n## 1. Ownership\n\n**Project A**\n\n");
    for k in 0.. {
        if run.len() >= 2 * 1024 * 1024 {
            break;
        }
        run.push_str(&format!(
            "S: situation {k} with some words\nT: task {k}\nA: action {k} taken\nR: result {k}, 30% faster\n\n"
        ));
    }
    g.bench_function("untitled-stories-2MB/parse", |b| {
        b.iter(|| loopcoach_notes::parse_text("run.md", black_box(&run)))
    });
    let dir = tempfile::tempdir().unwrap();
    // The seed into a new workspace file (created and migrated), as a first `import` does.
    g.bench_function("seed/parse+store-new-file", |b| {
        let mut n = 0;
        b.iter(|| {
            n += 1;
            import_into_new_file(&dir.path().join(format!("s{n}.db")), "seed.md", &small);
        })
    });
    // An edited seed into the workspace that holds it (ids matched against the stored model),
    // alternating two versions so every save changes something, as `sync` after an edit does.
    // (The example notes have no "R: 현재": their first result is edited.)
    let mut edited = small.replacen("R: 현재", "R: 현재, 2주 단축", 1);
    if edited == small {
        edited = small.replacen("R: ", "R: 2주 단축, ", 1);
    }
    let mut store = loopcoach_store::SqliteStore::open(&dir.path().join("seed.db")).unwrap();
    let first = loopcoach_notes::parse_text("seed.md", &small).unwrap();
    store
        .transact(|tx| tx.save_document(&first, &small, &first.hash, "2026-01-01T00:00:00Z"))
        .unwrap();
    g.bench_function("seed/reimport-edited", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let text = if flip { &edited } else { &small };
            let old = store.document_by_path("seed.md").unwrap();
            let (doc, _) = loopcoach_notes::parse_bytes(
                "seed.md",
                text.as_bytes(),
                &loopcoach_notes::ImportOptions::default(),
                old.as_ref().map(|(d, _)| d),
            )
            .unwrap();
            store
                .transact(|tx| tx.save_document(&doc, text, &doc.hash, "2026-01-01T00:00:00Z"))
                .unwrap();
        })
    });
    g.bench_function("10MB/parse+store", |b| {
        let mut n = 0;
        b.iter(|| {
            n += 1;
            import_into_new_file(&dir.path().join(format!("b{n}.db")), "big.md", &big);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
