//! Readiness report on 10,000 stories (target < 200 ms) and the loop planner on 1,000 stories ×
//! 16 principles × 8 interviewers (target < 50 ms). Synthetic workspaces, Korean and English
//! stories, some parts missing, some projects shared, links explicit and inferred.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use loopcoach_core::{
    Document, Framework, Lang, LinkKind, PartSpan, PrincipleLink, Question, Source, Span, StarPart,
    StarStyle, Story, StoryParent,
};

const KO: [&str; 4] = [
    "결제 시스템을 클라우드로 옮기는 {p} 프로젝트에서 매일 밤 배치가 실패하는 상황이었습니다.",
    "저는 두 달 안에 배치 실패를 없애는 일을 맡았습니다.",
    "제가 로그를 분석해 원인을 찾았고, 재시도 로직을 직접 설계해서 배포했습니다. 우리 팀과 함께 검증했습니다.",
    "배치 실패율을 {n}% 줄였고 고객 문의가 절반으로 줄었습니다.",
];
const EN: [&str; 4] = [
    "On the {p} project our nightly billing jobs failed every week and customers noticed.",
    "I had to stop the failures within a quarter without adding people.",
    "I traced the failures to a lock held by the exporter, rewrote the job to retry with backoff, and we added an alert.",
    "Failures dropped by {n}% and on-call pages went from twelve a week to one.",
];

fn story(i: usize, principles: &[String]) -> Story {
    let (tpl, p) = if i.is_multiple_of(2) {
        (KO, format!("프로젝트{}", i % 97))
    } else {
        (EN, format!("Atlas{}", i % 97))
    };
    let mut parts: [Option<PartSpan>; 4] = Default::default();
    for (k, t) in tpl.iter().enumerate() {
        // Every 7th story lacks its Result, every 11th has a short Task.
        if (k == 3 && i.is_multiple_of(7)) || (k == 1 && i.is_multiple_of(11)) {
            parts[k] = Some(PartSpan {
                part: StarPart::ALL[k],
                text: if k == 1 {
                    "현재".into()
                } else {
                    Default::default()
                },
                span: Span::default(),
                value: Span::default(),
                continuation_indent: String::new().into(),
                line: 1,
            });
            continue;
        }
        let text = t
            .replace("{p}", &p)
            .replace("{n}", &(10 + i % 80).to_string())
            .repeat(1 + i % 3);
        parts[k] = Some(PartSpan {
            part: StarPart::ALL[k],
            text: text.into(),
            span: Span::default(),
            value: Span::default(),
            continuation_indent: String::new().into(),
            line: 1,
        });
    }
    let mut links = vec![PrincipleLink {
        principle: principles[i % 16].clone().into(),
        kind: LinkKind::Explicit,
        confidence: 1.0,
    }];
    if i.is_multiple_of(3) {
        links.push(PrincipleLink {
            principle: principles[(i * 7 + 3) % 16].clone().into(),
            kind: LinkKind::Inferred,
            confidence: 0.5 + (i % 5) as f64 / 10.0,
        });
    }
    Story {
        id: format!("s-{i:06}").into(),
        title: compact_str::format_compact!("Story {i} ({p})"),
        parent: StoryParent::Document,
        parts,
        notes: String::new(),
        style: StarStyle::Table,
        links,
        tags: Vec::new(),
        span: Span::default(),
        source: Source {
            path: "bench.md".into(),
            line: i + 1,
            column: 1,
        },
    }
}

fn workspace(stories: usize) -> Vec<Document> {
    let f = Framework::amazon();
    let keys: Vec<String> = f.principles.iter().map(|p| p.key.clone()).collect();
    let per_doc = 500;
    (0..stories.div_ceil(per_doc))
        .map(|d| Document {
            id: format!("d-{d}"),
            path: format!("notes-{d}.md"),
            hash: String::new(),
            front_matter: None,
            sections: vec![],
            rounds: vec![],
            questions: (0..20)
                .map(|q| Question {
                    id: format!("q-{d}-{q}").into(),
                    number: Some(q + 1),
                    title: if q.is_multiple_of(5) {
                        String::new()
                    } else {
                        format!("Question {q}")
                    },
                    answer: if q.is_multiple_of(4) {
                        String::new()
                    } else {
                        "1) 프로젝트0 에서 한 일".into()
                    },
                    points: vec![],
                    stories: vec![],
                    span: Span::default(),
                    title_span: Span::default(),
                    source: Source {
                        path: "bench.md".into(),
                        line: 1,
                        column: 1,
                    },
                })
                .collect(),
            stories: (d * per_doc..((d + 1) * per_doc).min(stories))
                .map(|i| story(i, &keys))
                .collect(),
            principles: vec![],
            warnings: vec![],
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let f = Framework::amazon();
    let big = workspace(10_000);
    let mut g = c.benchmark_group("readiness");
    g.sample_size(10);
    g.bench_function("report_10k_stories", |b| {
        b.iter(|| black_box(loopcoach_core::readiness::report(&big, &f, Lang::Ko)))
    });
    let mid = workspace(1_000);
    g.bench_function("plan_1k_stories_16_principles_8_interviewers", |b| {
        b.iter(|| black_box(loopcoach_core::plan::plan(&mid, &f, 8, 2, true, &[]).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
