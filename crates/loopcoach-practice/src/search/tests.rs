//! Unit tests of the search index.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::text::*;
use super::*;

fn entry(id: &str, kind: EntryKind, title: &str, text: &str) -> Entry {
    Entry {
        id: id.into(),
        kind,
        title: title.into(),
        text: text.into(),
        boost: 1.0,
        origin: None,
    }
}

fn index() -> Index {
    Index::build(vec![
        entry(
            "q4",
            EntryKind::Question,
            "고객에 집착했던 경험",
            "마이데이터",
        ),
        entry(
            "r1",
            EntryKind::Note,
            "1차 면접",
            "Docker, PKI, Token, 배포전략, Affinity",
        ),
        entry(
            "s1",
            EntryKind::Story,
            "부하 테스트",
            "장기부하테스트 마다 파드가 늘어나있었습니다.",
        ),
        entry(
            "c1",
            EntryKind::Card,
            "What is a rolling deployment?",
            "롤링 업데이트는 파드를 하나씩 교체",
        ),
        entry(
            "c2",
            EntryKind::Card,
            "Token expiry",
            "토큰 만료 후 401 이 나면 장애 원인을 확인",
        ),
        entry("c3", EntryKind::Card, "결과", "차이 회의"),
    ])
}

fn ids(ix: &Index, q: &str) -> Vec<String> {
    ix.search(q, None, 20).into_iter().map(|h| h.id).collect()
}

#[test]
fn normalize_lowercases_and_joins_hangul_across_spaces() {
    let n = |s: &str| normalize(s).into_iter().collect::<String>();
    assert_eq!(n("배포 전략"), "배포전략");
    assert_eq!(n("배포 \n 전략을 Deploy"), "배포전략을 deploy");
    assert_eq!(n("Ab 배포  x 전략"), "ab 배포  x 전략");
    assert_eq!(n("ÀÉ İ"), "àé i\u{307}");
    assert_eq!(n("분산 一致性"), "분산一致性");
    assert_eq!(n("끝 "), "끝 ");
}

#[test]
fn particles_data_parses() {
    let d: ParticleData = toml::from_str(PARTICLES_TOML).unwrap();
    assert!(d.particles.contains(&"을".to_string()) && d.min_stem == 2);
}

#[test]
fn korean_recall_on_a_fixed_query_set() {
    let ix = index();
    assert_eq!(ids(&ix, "집착"), ["q4"]);
    assert_eq!(ids(&ix, "배포 전략"), ["r1"]);
    assert_eq!(ids(&ix, "배포전략"), ["r1"]);
    assert!(
        ids(&ix, "파드").contains(&"s1".to_string())
            && ids(&ix, "파드").contains(&"c1".to_string())
    );
    assert_eq!(ids(&ix, "파드를").len(), 2);
    assert_eq!(ids(&ix, "고객과"), ["q4"]);
    assert_eq!(ids(&ix, "고객이"), ["q4"]);
    assert_eq!(ids(&ix, "장애"), ["c2"]);
    assert_eq!(ids(&ix, "토큰 만료"), ["c2"]);
    assert_eq!(ids(&ix, "부하테스트"), ["s1"]);
    // a short noun that ends like a particle is not cut down to one syllable
    assert_eq!(ids(&ix, "결과"), ["c3"]);
    assert!(ids(&ix, "없는말").is_empty());
}

#[test]
fn english_is_stemmed_and_kinds_filter() {
    let ix = index();
    assert_eq!(ids(&ix, "deploy"), ["c1"]);
    assert_eq!(ids(&ix, "Deployments"), ["c1"]);
    assert_eq!(ids(&ix, "docker"), ["r1"]);
    assert!(
        ix.search("파드", Some(EntryKind::Story), 10)
            .iter()
            .all(|h| h.kind == EntryKind::Story)
    );
}

#[test]
fn snippets_highlight_matches_across_spacing() {
    let ix = Index::build(vec![entry(
        "a",
        EntryKind::Note,
        "t",
        "우리는 배포 전략을 바꿨다",
    )]);
    let h = &ix.search("배포전략", None, 5)[0];
    assert_eq!(
        mark(&h.snippet, &h.highlights, "[", "]"),
        "우리는 [배포 전략]을 바꿨다"
    );
    let ix = Index::build(vec![entry(
        "a",
        EntryKind::Card,
        "t",
        "A rolling Deployment replaces pods",
    )]);
    let h = &ix.search("deploy", None, 5)[0];
    assert_eq!(
        mark(&h.snippet, &h.highlights, "[", "]"),
        "A rolling [Deployment] replaces pods"
    );
}

#[test]
fn titles_and_notes_rank_first() {
    let mut e = vec![
        entry("card", EntryKind::Card, "x", "파드 파드"),
        entry("note", EntryKind::Note, "파드", "y"),
    ];
    e[1].boost = 1.5;
    let ix = Index::build(e);
    assert_eq!(ids(&ix, "파드")[0], "note");
}
