//! Tests of `projects`.

use super::*;
use crate::readiness::rules::{automaton, rules};

fn names(t: &str) -> Vec<String> {
    mentions(t, rules())
        .into_iter()
        .map(|m| m.join(" "))
        .collect()
}

#[test]
fn finds_project_names_in_korean_and_english() {
    assert_eq!(
        names("KB카드 마이데이터 프로젝트는 일정부터가 촉박했습니다"),
        vec!["KB카드 마이데이터"]
    );
    assert_eq!(names("인도 출장 GST 프로젝트 ->"), vec!["GST"]);
    assert_eq!(names("GST프로젝트 관련 자재"), vec!["GST"]);
    assert_eq!(names("대한항공 프로젝트에서 한 위원님과"), vec!["대한항공"]);
    assert_eq!(names("I led the Atlas project for a year"), vec!["Atlas"]);
}

#[test]
fn verb_forms_and_pronouns_are_not_names() {
    assert!(names("처음 혼자 투입된 프로젝트에서").is_empty());
    assert!(names("매우 촉박한 프로젝트 였습니다").is_empty());
    assert!(names("제가 프로젝트를 하면서").is_empty());
    assert!(names("성공적으로 프로젝트를 맞칠수").is_empty());
    assert!(names("이미 프로젝트의 일정이").is_empty());
    assert!(names("this project went well").is_empty());
}

/// The grouping as first written: every group scanned for every mention (the reference
/// the indexed grouping is tested against).
fn group_naive(mentions: Vec<Vec<String>>) -> Vec<(Vec<String>, String)> {
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    for m in mentions {
        let words: Vec<String> = m.iter().map(|w| lower(w)).collect();
        let name = m.join(" ");
        let hits: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.0.iter().any(|w| words.contains(w)))
            .map(|(i, _)| i)
            .collect();
        let mut merged = (words, name);
        let mut kept_name: Option<String> = None;
        for &i in hits.iter().rev() {
            let g = groups.remove(i);
            for w in g.0 {
                if !merged.0.contains(&w) {
                    merged.0.push(w);
                }
            }
            if g.1.split(' ').count() >= merged.1.split(' ').count() {
                kept_name = Some(g.1);
            }
        }
        if let Some(n) = kept_name {
            merged.1 = n;
        }
        groups.push(merged);
    }
    groups
}

fn doc_with_answers(answers: &[&str]) -> Document {
    Document {
        id: "d".into(),
        path: "d.md".into(),
        hash: String::new(),
        front_matter: None,
        sections: vec![],
        rounds: vec![],
        questions: answers
            .iter()
            .enumerate()
            .map(|(i, a)| crate::Question {
                id: format!("q{i}").into(),
                number: None,
                title: String::new(),
                answer: (*a).to_string(),
                points: vec![],
                stories: vec![],
                span: crate::Span::default(),
                title_span: crate::Span::default(),
                source: crate::Source {
                    path: "d.md".into(),
                    line: 1,
                    column: 1,
                },
            })
            .collect(),
        stories: vec![],
        principles: vec![],
        warnings: vec![],
    }
}

const MIXED: [&str; 10] = [
    "KB카드 마이데이터 프로젝트는 일정부터가 촉박했습니다",
    "마이데이터 프로젝트에서 그리고 GST프로젝트 관련, Atlas project",
    "the Hermes-Core project and Hermes project/Apollo PROJECT",
    "İstanbul Project: Über-team PROJECT delivered, Ω-Omega project",
    "first line\r\nthe Zeus Athena project\n\n과제 Zeus 과제를 -> Athena 프로젝트",
    "Apollo Hermes project; Athena Apollo project",
    "no anchor here at all",
    "Kelvin sign \u{212A}B project, KB project, 대한항공 프로젝트에서 한 위원님과",
    "x project project project y 프로젝트프로젝트",
    "Atlas project Atlas Zeus project",
];

#[test]
fn indexed_grouping_matches_the_naive_one() {
    let r = rules();
    for n in 1..=MIXED.len() {
        // Every rotation, so groups merge in different orders.
        for rot in 0..n {
            let texts: Vec<&str> = (0..n).map(|i| MIXED[(i + rot) % n]).collect();
            let all: Vec<Vec<String>> = texts.iter().flat_map(|t| mentions(t, r)).collect();
            let want = group_naive(all);
            let got = projects(&[doc_with_answers(&texts)], r);
            let got: Vec<(Vec<String>, String)> =
                got.into_iter().map(|p| (p.words, p.name)).collect();
            assert_eq!(got, want, "{texts:?}");
        }
    }
}

#[test]
fn proposed_starts_find_what_the_whole_text_finds() {
    let words = |w: &[&str]| Project {
        name: w[0].into(),
        words: w.iter().map(|w| (*w).to_string()).collect(),
    };
    let projects = vec![
        words(&["마이데이터", "kb카드"]),
        words(&["gst"]),
        words(&["igst", "ab"]),
        words(&["atlas1"]),
        words(&["atlas12", "프로젝트1"]),
        words(&["프로젝트12"]),
    ];
    let fast = Matcher::new(&projects);
    assert!(fast.starts.is_some());
    let whole = Matcher {
        starts: None,
        ..Matcher::new(&projects)
    };
    let texts = MIXED.iter().chain(&[
        "aab AB abab KB카드kb카드 IGST gst-igst atlasAtlas 마이데이터마이데이터",
        "Atlas12 ATLAS1 프로젝트12 프로젝트1 xatlas12 (gst) 3ab",
        "atlas1의 atlas1, atlas123 프로젝트1을 프로젝트1２ atlas1０ 프로젝트123x atlas1",
        "",
        "a",
    ]);
    for t in texts {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        fast.hits(t, |p| a.push(p));
        whole.hits(t, |p| b.push(p));
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{t}");
    }
}

/// The projects `text` mentions, by the first word of each, on both matcher paths (which
/// must agree).
fn mentioned(projects: &[Project], text: &str) -> Vec<String> {
    let fast = Matcher::new(projects);
    assert!(fast.starts.is_some());
    let whole = Matcher {
        starts: None,
        ..Matcher::new(projects)
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    fast.hits(text, |p| a.push(p));
    whole.hits(text, |p| b.push(p));
    for v in [&mut a, &mut b] {
        v.sort_unstable();
        v.dedup();
    }
    assert_eq!(a, b, "{text}");
    a.into_iter()
        .map(|p| projects[p].words[0].clone())
        .collect()
}

fn single_words(words: &[&str]) -> Vec<Project> {
    words
        .iter()
        .map(|w| Project {
            name: (*w).into(),
            words: vec![(*w).into()],
        })
        .collect()
}

#[test]
fn a_word_ending_in_a_digit_is_not_in_a_longer_number_english() {
    let p = single_words(&["atlas1", "atlas12", "atlas"]);
    assert_eq!(mentioned(&p, "Atlas12 went live"), vec!["atlas12", "atlas"]);
    assert_eq!(mentioned(&p, "ATLAS123 and atlas1０"), vec!["atlas"]);
    assert_eq!(mentioned(&p, "the atlas1, then"), vec!["atlas1", "atlas"]);
    assert_eq!(mentioned(&p, "atlas1's owner"), vec!["atlas1", "atlas"]);
    assert_eq!(mentioned(&p, "two atlas1s"), vec!["atlas1", "atlas"]);
    assert_eq!(mentioned(&p, "(atlas1)"), vec!["atlas1", "atlas"]);
    assert_eq!(mentioned(&p, "end atlas1"), vec!["atlas1", "atlas"]);
    // A word ending in a letter still matches before a digit, plurals and possessives.
    assert_eq!(mentioned(&p, "Atlas2 and more"), vec!["atlas"]);
    assert_eq!(mentioned(&p, "the Atlases and Atlas's"), vec!["atlas"]);
}

#[test]
fn a_word_ending_in_a_digit_is_not_in_a_longer_number_korean() {
    let p = single_words(&["프로젝트1", "프로젝트12", "마이데이터", "차세대１"]);
    assert_eq!(mentioned(&p, "프로젝트12에서"), vec!["프로젝트12"]);
    assert_eq!(mentioned(&p, "프로젝트123"), Vec::<String>::new());
    assert_eq!(mentioned(&p, "프로젝트1２ 차세대１2"), Vec::<String>::new());
    assert_eq!(mentioned(&p, "프로젝트1의 일정"), vec!["프로젝트1"]);
    assert_eq!(mentioned(&p, "프로젝트1을 맡아"), vec!["프로젝트1"]);
    assert_eq!(mentioned(&p, "차세대１에서"), vec!["차세대１"]);
    // Particles still follow a word: it is a prefix of the text's word.
    assert_eq!(mentioned(&p, "마이데이터를 맡아"), vec!["마이데이터"]);
    assert_eq!(mentioned(&p, "KB카드마이데이터에서"), vec!["마이데이터"]);
    assert_eq!(mentioned(&p, "마이데이터2"), vec!["마이데이터"]);
}

fn over_relied(answers: &[&str]) -> Vec<(String, usize)> {
    check_projects(&[doc_with_answers(answers)], rules())
        .into_iter()
        .filter_map(|i| Some((i.project?, i.related.len())))
        .collect()
}

#[test]
fn numbered_projects_are_not_used_where_a_longer_number_is() {
    // Atlas1 is told once, Atlas12 twice: neither is over-relied on.
    let answers = [
        "I led the Atlas1 project",
        "On the Atlas12 project we shipped",
        "Atlas12 again, and Atlas123",
    ];
    assert!(over_relied(&answers).is_empty());
    let answers = [
        "차세대1 프로젝트에서 시작했습니다",
        "차세대12 프로젝트를 맡았습니다",
        "차세대12에서, 그리고 차세대123",
    ];
    assert!(over_relied(&answers).is_empty());
    // The same number with a particle or punctuation after it is a use.
    let answers = [
        "I led the Atlas1 project",
        "Atlas1, again",
        "the Atlas1's rollout",
        "차세대1 프로젝트에서",
        "차세대1의 일정",
        "차세대1을 마치고",
    ];
    assert_eq!(
        over_relied(&answers),
        vec![("Atlas1".to_string(), 3), ("차세대1".to_string(), 3)]
    );
}

#[test]
fn korean_particles_after_a_project_word_are_uses() {
    let answers = [
        "KB카드 마이데이터 프로젝트는 촉박했습니다",
        "마이데이터를 맡으면서",
        "마이데이터에서 배운 것",
    ];
    assert_eq!(
        over_relied(&answers),
        vec![("KB카드 마이데이터".to_string(), 3)]
    );
}

#[test]
fn anchor_starts_are_every_match_start() {
    let mut many = rules().clone();
    many.projects.anchors = vec!["PROject".into(), "proj".into(), "과제".into(), "ab".into()];
    for r in [rules(), &many] {
        let a = &r.projects.anchors;
        let finder = automaton(a, true).unwrap();
        let starts = AnchorStarts::new(a).unwrap();
        for t in MIXED
            .iter()
            .chain(&["aab ab abab PrOjEcT projproject 과과제제", "", "pro"])
        {
            let mut want: Vec<usize> = finder
                .find_overlapping_iter(*t)
                .map(|m| m.start())
                .collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(starts.starts(t).collect::<Vec<_>>(), want, "{t}");
        }
    }
}

#[test]
fn anchored_lines_give_what_every_word_gives() {
    // The embedded anchors, and anchors that span words (read line by line).
    let mut spanning = rules().clone();
    spanning.projects.anchors.push("pet project".into());
    assert!(rules().derived().anchor_starts.is_some());
    assert!(spanning.derived().anchor_starts.is_none());
    for r in [rules(), &spanning] {
        let finder = r.derived().anchor_finder.as_ref().unwrap();
        for t in MIXED {
            let mut want = Vec::new();
            for line in t.lines().filter(|l| finder.is_match(l)) {
                line_mentions(line, r, &mut want);
            }
            assert_eq!(mentions(t, r), want, "{t}");
        }
    }
}
