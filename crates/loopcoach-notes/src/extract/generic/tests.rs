//! Questions by shape and siblings, one construct a test, on fixtures of our own.

use super::*;
use crate::lines::LineTable;

fn plan(text: &str) -> Vec<(String, bool)> {
    let table = LineTable::build(text, 0);
    let fw = Framework::shared();
    let principled: Vec<usize> = (0..table.lines.len())
        .filter(|&i| {
            matches!(table.lines[i].block, Block::Heading(_))
                && principle_head(fw, atx_title(table.lines[i].trimmed(text))).is_some()
        })
        .collect();
    plan_questions(
        text,
        &table,
        fw,
        (0, table.lines.len()),
        &[],
        &principled,
        false,
    )
    .into_iter()
    .map(|q| {
        let answered = match &q.answer {
            Some(a) => has_substance(a),
            None => {
                let body: Vec<&str> = (q.body_first..q.end)
                    .map(|i| table.lines[i].text(text))
                    .collect();
                has_substance(&body.join("\n"))
            }
        };
        (q.title, answered)
    })
    .collect()
}

#[test]
fn question_headings_own_what_follows() {
    let t = "# AWS\n\n## What is a VPC?\n\nA private network.\n\n## Subnet 설명해주세요\n\n\
             - 서브넷은 …\n\n## Why NAT\n\n## NAT gateway\n\ntext\n\n## Notes\n\nmine\n";
    let got = plan(t);
    let titles: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
    // "NAT gateway" is a question by its siblings (three of five are); "Notes" heads the
    // writer's notes, never a prompt.
    assert_eq!(
        titles,
        [
            "What is a VPC?",
            "Subnet 설명해주세요",
            "Why NAT",
            "NAT gateway"
        ]
    );
    assert_eq!(
        got.iter().map(|g| g.1).collect::<Vec<_>>(),
        [true, true, false, true]
    );
}

/// A run of notes headings (three here) before a list of question headings stays notes: a
/// heading is promoted only when the siblings around it are questions too.
#[test]
fn notes_at_the_edge_of_a_question_list_stay_notes() {
    let t = "## Amazon\n\n### Be on time\n\nx\n\n### Bring water\n\nw\n\n\
             ### Know your stuff\n\ny\n\n\
             ### Why Amazon?\n\na\n\n### Why this team?\n\nb\n\n### Biggest mistake\n\nc\n\n\
             ### How do you learn?\n\nd\n\n### What is your weakness?\n\ne\n";
    let titles: Vec<_> = plan(t).into_iter().map(|g| g.0).collect();
    assert_eq!(
        titles,
        [
            "Why Amazon?",
            "Why this team?",
            "Biggest mistake",
            "How do you learn?",
            "What is your weakness?"
        ]
    );
}

#[test]
fn topic_headings_keep_only_their_questions() {
    let t = "# Java\n\n## 集合\n\ntext\n\n## JVM\n\ntext\n\n## 为什么用 Redis\n\nbecause\n\n\
             ## Spring\n\n## MySQL\n\nx\n";
    let titles: Vec<_> = plan(t).into_iter().map(|g| g.0).collect();
    assert_eq!(titles, ["为什么用 Redis"]);
}

#[test]
fn list_questions_by_siblings_and_prose_lists_are_not() {
    let t = "## 네트워크\n\n1. TCP와 UDP의 차이점을 설명해주세요.\n2. DNS 동작 과정\n\
             3. 쿠키와 세션은 무엇인가요?\n\n## Tips\n\n- Be on time\n- Bring water\n\
             - Why not smile? It helps\n- Sleep well\n";
    let titles: Vec<_> = plan(t).into_iter().map(|g| g.0).collect();
    assert_eq!(
        titles,
        [
            "TCP와 UDP의 차이점을 설명해주세요.",
            "DNS 동작 과정",
            "쿠키와 세션은 무엇인가요?"
        ]
    );
}

#[test]
fn nested_answers_and_answer_blocks() {
    let t = "## K8s\n\n1.  **What is a Pod?**\n\n    **Answer:** The smallest unit.\n\n\
             2.  **Explain a Deployment**\n\n    **Answer:**\n\n    - manages ReplicaSets\n\n\
             - 面试官：介绍一下自己\n    - 我：...\n";
    let got = plan(t);
    assert_eq!(got[0], ("What is a Pod?".to_string(), true));
    assert_eq!(got[1], ("Explain a Deployment".to_string(), true));
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn details_summaries_and_their_follow_ups() {
    let t = "<details markdown = \"1\">\n<summary>&nbsp; 오랫동안 다닐 건가요?</summary>\n\n\
             네, 그렇습니다.\n\n</details>\n\n<details>\n  <summary><h3>1. 시스템 콜이 무엇인지 \
             설명해 주세요.</h3></summary>\n<ul>\n<li> 예시를 들어주세요.</li>\n<li> 왜 \
             구분해야 하나요? </li>\n</ul>\n</details>\n";
    let got = plan(t);
    let titles: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        titles,
        [
            "오랫동안 다닐 건가요?",
            "시스템 콜이 무엇인지 설명해 주세요.",
            "예시를 들어주세요.",
            "왜 구분해야 하나요?"
        ]
    );
    assert_eq!(
        got.iter().map(|g| g.1).collect::<Vec<_>>(),
        [true, false, false, false]
    );
}

#[test]
fn table_rows_with_a_question_column() {
    let t = "| NO | 질문 | 답변 |\n| --- | --- | --- |\n| 1 | OSI 7계층 | [🗝️](./q1.md) |\n\
             | 2 | TCP란? | 연결 지향 |\n";
    let got = plan(t);
    assert_eq!(
        got,
        [
            ("OSI 7계층".to_string(), false),
            ("TCP란?".to_string(), true)
        ]
    );
}

#[test]
fn prefixes_bold_lines_and_qa_bullets() {
    let t = "# Question 1\n\n* **Q** : What is DevOps?\n\n* **A** : A culture.\n\n\
             ### Q. Redis를 왜 썼나요\n\n- 빠름\n\n**Q1: \"RabbitMQ가 다운되면?\"**\n\n\
             - **A**: 재시도\n\nA paragraph that asks why? is prose.\n";
    let got = plan(t);
    let titles: Vec<_> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        titles,
        [
            "What is DevOps?",
            "Redis를 왜 썼나요",
            "RabbitMQ가 다운되면?"
        ]
    );
    assert!(got.iter().all(|g| g.1), "{got:?}");
}

#[test]
fn principle_headings_with_a_question_after_the_name() {
    let fw = Framework::shared();
    assert_eq!(principle_head(fw, "Customer Obsession"), Some(None));
    assert_eq!(
        principle_head(fw, "CUSTOMER OBSESSION: Tell me about a customer"),
        Some(Some("Tell me about a customer"))
    );
    assert_eq!(principle_head(fw, "Why AWS?"), None);
    let t = "### OWNERSHIP: When did you go beyond your role?\n\ncase 1\n";
    assert_eq!(plan(t)[0].0, "When did you go beyond your role?");
}

/// A principle's name mentioned in prose creates no principle section, and prose about an
/// interview gives its rounds and one warning, no questions or stories.
#[test]
fn prose_mentions_make_nothing_but_rounds() {
    let t = "# My Amazon loop\n\nThey asked about Customer Obsession and Ownership. Why? \
             Because every question maps to one.\n\nThe phone screen came first, then the \
             onsite loop a week later.\n\n- they look for ownership\n- and for data\n";
    let doc = crate::parse_text("n.md", t).unwrap();
    assert!(doc.questions.is_empty(), "{:?}", doc.questions);
    assert!(doc.principles.is_empty());
    assert!(doc.stories.is_empty());
    assert_eq!(doc.rounds.len(), 2, "{:?}", doc.rounds);
    assert_eq!(
        doc.warnings
            .iter()
            .map(|w| w.code.as_str())
            .collect::<Vec<_>>(),
        ["prose-only"]
    );
}

#[test]
fn empty_templates_and_links_are_no_answer() {
    assert!(!has_substance("S:\nT:\nA:\nR:"));
    assert!(!has_substance("**A** :"));
    assert!(!has_substance("- [link](https://x.y)"));
    assert!(has_substance("S: we were late\nR:"));
    assert!(has_substance("A : DevOps is a culture"));
}
