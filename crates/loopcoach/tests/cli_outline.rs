//! `outline FILE` shows how notes are read; `import DIR` reads a folder of notes in one
//! transaction; notes in other people's styles are found (fixtures of our own).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;

const QA_HEADINGS: &str = "# AWS\n\n## What is a VPC?\n\nA private network in a region.\n\n\
## Subnet 설명해주세요\n\n- 서브넷은 VPC의 IP 범위를 나눈 것\n\n## NAT gateway\n";

const DETAILS: &str = "<details>\n<summary>&nbsp; TCP와 UDP의 차이점은 무엇인가요?</summary>\n\n\
- TCP: 연결 지향\n- UDP: 비연결\n\n</details>\n";

const PROSE: &str = "---\ntitle: my loop\n---\n\nI had a phone screen first. A week later the \
onsite loop took a whole day. I cannot share the questions.\n";

#[test]
fn outline_lists_what_was_read_with_kinds_and_lines() {
    let ws = Ws::new();
    let f = ws.file("qa.md", QA_HEADINGS);
    let o = ws.json(&["outline", &f, "--json"]);
    let kinds: Vec<(&str, u64)> = o
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["line"].as_u64().unwrap()))
        .collect();
    assert!(kinds.contains(&("question", 3)), "{kinds:?}");
    assert!(kinds.contains(&("answer", 5)), "{kinds:?}");
    assert!(kinds.contains(&("question", 7)), "{kinds:?}");
    // The third heading is a question by its siblings; it has no answer.
    assert!(kinds.contains(&("question", 11)), "{kinds:?}");
    assert!(!kinds.contains(&("answer", 11)));
    // Human output: one line per entity, nested, in Korean too; the workspace is untouched.
    let human = ws.ok(&["--lang", "ko", "outline", &f]);
    assert!(
        human.contains("질문") && human.contains("What is a VPC?"),
        "{human}"
    );
    assert!(!ws.db().exists(), "outline reads the file only");
}

#[test]
fn import_of_a_folder_reads_every_notes_file_and_points_to_outline() {
    let ws = Ws::new();
    let dir = ws.path("notes");
    std::fs::create_dir_all(format!("{dir}/sub")).unwrap();
    std::fs::write(format!("{dir}/qa.md"), QA_HEADINGS).unwrap();
    std::fs::write(format!("{dir}/sub/details.md"), DETAILS).unwrap();
    std::fs::write(format!("{dir}/loop.md"), PROSE).unwrap();
    std::fs::write(format!("{dir}/todo.txt"), "not notes").unwrap();
    let out = ws.ok(&["import", &dir]);
    assert!(out.contains("3 files"), "{out}");
    let qs = ws.json(&["questions", "--json"]);
    let titles: Vec<&str> = qs
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"What is a VPC?"));
    assert!(titles.contains(&"TCP와 UDP의 차이점은 무엇인가요?"));
    assert_eq!(titles.len(), 4, "{titles:?}");
    // The prose file: no questions, its rounds from the sentences.
    let show = ws.json(&["show", "--json"]);
    let docs = show["documents"].as_array().unwrap();
    let prose = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("loop.md"))
        .unwrap();
    assert_eq!(prose["rounds"].as_array().unwrap().len(), 2, "{prose}");
}

#[test]
fn a_folder_with_one_unreadable_file_imports_nothing() {
    let ws = Ws::new();
    let dir = ws.path("notes");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(format!("{dir}/qa.md"), QA_HEADINGS).unwrap();
    std::fs::write(format!("{dir}/bad.md"), b"\x00\x01\x02binary").unwrap();
    let out = ws.run(&["import", &dir]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.md") && err.contains("nothing was imported"),
        "{err}"
    );
    let qs = ws.run(&["questions", "--json"]);
    let listed = String::from_utf8_lossy(&qs.stdout);
    assert!(!listed.contains("What is a VPC?"), "{listed}");
}

#[test]
fn a_file_with_nothing_recognised_points_to_outline() {
    let ws = Ws::new();
    let f = ws.file("plain.md", "Just a line of thoughts.\n");
    let out = ws.ok(&["import", &f]);
    assert!(out.contains("loopcoach outline"), "{out}");
}
