//! Analysis of one spoken answer of about three minutes (target < 1 ms): English (~450 words)
//! and Korean (~800 syllables), with fillers, numbers and a transcript's timings.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use loopcoach_core::Lang;
use loopcoach_core::analysis::{AnswerInput, Transcript, analyze, key_point_coverage};

const EN: &str = "Um, so last year our nightly export job kept failing and customers got their reports late. I owned the fix because I was the on-call engineer that month. I profiled the job, like, found it loaded the whole table into memory, and rewrote it to stream rows in batches of ten thousand. Then I added an alarm on the job's duration and wrote a runbook for the next person on call. The job now finishes in 12 minutes instead of 3 hours and has not failed once in six months. ";
const KO: &str = "음 작년에 저희 팀 결제 API가 매일 새벽마다 타임아웃이 나는 상황이었습니다. 제가 담당자로서 원인을 찾아야 했습니다. 저는 로드밸런서 로그와 DB 슬로우 쿼리 로그를 비교해서 리포팅 배치가 테이블을 잠그는 것을 찾아냈고, 배치를 읽기 전용 복제본으로 옮겼습니다. 그 결과 타임아웃이 하루 40건에서 0건으로 줄었습니다. ";

/// `sentence` repeated `times` times.
fn answer(sentence: &str, times: usize) -> String {
    sentence.repeat(times)
}

fn bench(c: &mut Criterion) {
    let en = answer(EN, 5); // ~450 words, ~3 minutes at 150 words a minute
    let ko = answer(KO, 5); // ~800 syllables, ~3 minutes at 270 syllables a minute
    // 60 cues of 7-8 words, 3 s apart: ~450 words in three minutes, as a tool writes them.
    let words: Vec<&str> = en.split_whitespace().collect();
    let srt: String = words
        .chunks(words.len().div_ceil(60))
        .enumerate()
        .map(|(i, w)| {
            format!(
                "{}\n00:{:02}:{:02},000 --> 00:{:02}:{:02},500\n{}\n\n",
                i + 1,
                (i * 3) / 60,
                (i * 3) % 60,
                (i * 3 + 2) / 60,
                (i * 3 + 2) % 60,
                w.join(" ")
            )
        })
        .collect();
    let transcript = Transcript::parse(&srt).unwrap();
    let spoken = transcript.text();
    c.bench_function("analyze 3-minute answer (en)", |b| {
        b.iter(|| {
            analyze(
                black_box(&AnswerInput {
                    text: &en,
                    ..Default::default()
                }),
                Lang::En,
            )
        })
    });
    c.bench_function("analyze 3-minute answer (ko)", |b| {
        b.iter(|| {
            analyze(
                black_box(&AnswerInput {
                    text: &ko,
                    ..Default::default()
                }),
                Lang::Ko,
            )
        })
    });
    c.bench_function("analyze 3-minute transcript (srt)", |b| {
        b.iter(|| {
            analyze(
                black_box(&AnswerInput {
                    text: &spoken,
                    transcript: Some(&transcript),
                    ..Default::default()
                }),
                Lang::En,
            )
        })
    });
    c.bench_function("parse 3-minute srt", |b| {
        b.iter(|| Transcript::parse(black_box(&srt)))
    });
    let points = [
        "12 minutes instead of 3 hours",
        "profiled the job",
        "stream rows in batches",
        "added an alarm",
    ];
    c.bench_function("key_point_coverage (4 points, 3-minute answer)", |b| {
        b.iter(|| key_point_coverage(black_box(&en), black_box(&points)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
