//! What a candidate's title says: a principle's name (with a question after it), a question
//! and its answer on one line, a heading that names a list of questions, an answer marker; and
//! whether an answer says anything.

use loopcoach_core::Framework;

use crate::labels::{line_label, list_marker};
use crate::shape::{answer_prefix, is_bare_answer_marker, is_question, links_cover, plain};

/// `NAME`, `NAME: question`, `NAME - question` where NAME is a built-in principle: `Some(None)`
/// for the name alone, `Some(Some(question))` for a question after it.
pub(crate) fn principle_head<'t>(fw: &Framework, title: &'t str) -> Option<Option<&'t str>> {
    let (_, t) = super::super::strip_number(title);
    // A principle's name is short (the longest, with a misspelling or two, is under 60 bytes):
    // a longer text can only be one with a separator early on.
    if t.len() > 64
        && !t
            .get(..64)
            .is_some_and(|h| h.contains([':', '：', '-', '–', '—', '(', '（']))
    {
        return None;
    }
    let named = |s: &str| fw.match_principle(s).is_some_and(|(_, score)| score >= 0.9);
    if named(t) {
        return Some(None);
    }
    for sep in [":", "：", " - ", " – ", " — "] {
        if let Some((head, rest)) = t.split_once(sep)
            && named(head)
        {
            let rest = rest.trim();
            return Some((!rest.is_empty()).then_some(rest));
        }
    }
    None
}

/// [`principle_head`] with exact names only.
pub(super) fn principle_head_exact<'t>(fw: &Framework, title: &'t str) -> Option<Option<&'t str>> {
    let (_, t) = super::super::strip_number(title);
    if fw.match_exact(t).is_some() {
        return Some(None);
    }
    for sep in [":", "：", " - ", " – ", " — "] {
        if let Some((head, rest)) = t.split_once(sep)
            && fw.match_exact(head).is_some()
        {
            let rest = rest.trim();
            return Some((!rest.is_empty()).then_some(rest));
        }
    }
    None
}

/// The principle's name in a heading that may carry a question after it.
pub(crate) fn principle_name<'t>(fw: &Framework, title: &'t str) -> &'t str {
    if let Some(Some(q)) = principle_head(fw, title)
        && let Some(k) = title.rfind(q)
    {
        return title[..k]
            .trim_end()
            .trim_end_matches([':', '：', '-', '–', '—'])
            .trim_end();
    }
    title
}

/// `question : answer` on one line (`TCP란? : 연결 지향 프로토콜`): the question and the answer
/// when the part before the colon is a question by itself.
pub(super) fn split_inline_answer(t: &str) -> (String, Option<String>) {
    for sep in [" : ", " ： ", "? :", "?:"] {
        if let Some(k) = t.find(sep) {
            let q_end = if sep.starts_with('?') { k + 1 } else { k };
            let (q, a) = (t[..q_end].trim(), t[k + sep.len()..].trim());
            if is_question(q) && !a.is_empty() {
                return (q.to_string(), Some(a.to_string()));
            }
        }
    }
    (t.to_string(), None)
}

/// Whether a heading names a list of questions (`면접 질문`, `[온사이트 인터뷰 질문]`,
/// `Interview Questions`, `面试题`), not questions to ask the interviewer.
pub(super) fn names_questions(raw: &str) -> bool {
    // Most headings hold none of the words: told without a copy.
    let lower_has = |w: &str| {
        raw.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    };
    if ![
        "질문",
        "question",
        "问题",
        "面试题",
        "题目",
        "qna",
        "qa",
        "q&a",
    ]
    .iter()
    .any(|w| lower_has(w))
    {
        return false;
    }
    let p = plain(raw).to_lowercase();
    let n = loopcoach_core::framework::normalize_name(&p);
    if [
        "myquestion",
        "역질문",
        "反问",
        "질문할",
        "questionsfor",
        "toask",
        "askthem",
        "ask",
    ]
    .iter()
    .any(|w| n.contains(w))
    {
        return false;
    }
    [
        "질문",
        "questions",
        "question",
        // (问题 alone is also "problem": only these name questions.)
        "面试问题",
        "常见问题",
        "面试题",
        "题目",
        "qna",
        "qa",
    ]
    .iter()
    .any(|w| n.ends_with(w))
        && n.chars().count() <= 24
}

/// A list item that marks an answer (`* **A** : …`, `- Answer: …`).
pub(super) fn is_answer_item(text: &str) -> bool {
    let p = plain(text);
    answer_prefix(&p).is_some() || is_bare_answer_marker(&p)
}

/// Whether a paragraph's first line may be a question line: emphasised, or opening with a
/// letter a question prefix starts with (`Q`, `질`, `문`, `면`, `问`, `题`, `面`, `I`).
pub(super) fn may_head_paragraph(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('*' | '_' | 'Q' | 'q' | 'I' | 'i' | '질' | '문' | '면' | '问' | '题' | '面')
    )
}

/// The whole line is emphasis (`**…**`, `*…*`, `_…_`).
pub(super) fn whole_emphasis(text: &str) -> bool {
    let t = text.trim();
    ["**", "__", "*", "_"]
        .iter()
        .any(|d| t.len() > 2 * d.len() && t.starts_with(d) && t.ends_with(d))
}

/// Whether an answer says something: words beyond labels (`S:`, `**A** :`), list markers and
/// links (an answer that is only a link to another file is no answer here).
pub(crate) fn has_substance(answer: &str) -> bool {
    answer.lines().any(|line| {
        let mut t = line.trim();
        if let Some((_, off)) = list_marker(t) {
            t = t[off.min(t.len())..].trim();
        }
        if let Some(l) = line_label(t) {
            t = t[l.value_offset.min(t.len())..].trim();
        }
        let p = plain(t);
        if is_bare_answer_marker(&p) {
            return false;
        }
        let p = answer_prefix(&p).map_or(p.as_str(), |r| r).to_string();
        p.chars().any(char::is_alphanumeric) && !links_cover(t)
    })
}
