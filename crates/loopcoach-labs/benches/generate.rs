//! How long `generate()` takes per kind (the budget is 100 ms per lab).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use loopcoach_labs::{LabRequest, Lang, catalog, generate};

fn bench(c: &mut Criterion) {
    let now = time::macros::datetime!(2026-03-14 09:30:00 UTC);
    for kind in catalog() {
        let Some(first) = kind.faults.first() else {
            continue;
        };
        let mut seed = 0u64;
        c.bench_function(&format!("generate/{}", kind.kind), |b| {
            b.iter(|| {
                seed += 1;
                let req = LabRequest {
                    kind: kind.kind.clone(),
                    fault: Some(first.code.clone()),
                    seed,
                    difficulty: 2,
                    lang: Lang::Ko,
                    now,
                };
                generate(&req).unwrap()
            })
        });
    }
    c.bench_function("generate/jwt-alg-confusion-rsa", |b| {
        b.iter(|| {
            let req = LabRequest {
                kind: "jwt".into(),
                fault: Some("jwt/alg-confusion".into()),
                seed: 7,
                difficulty: 2,
                lang: Lang::En,
                now,
            };
            generate(&req).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
