//! What a line of notes *looks like*: a question (by its shape: `?`, Korean interrogative and
//! request endings, Chinese question words, English openings), an answer marker, a prefix
//! (`Q1:`, `질문 1.`, `问题`), a hiring stage (`1차 면접`, `Phone screen`, `二面`), and the
//! plain text of an item with its markup taken off. Pure functions over the vocabulary in
//! `content/notes/vocabulary.toml`: the rules are data, the code only applies them.

use loopcoach_core::framework::normalize_name;

use crate::vocab::vocab;

/// The text of an item as a reader sees it: list marker, heading marks, emphasis, links
/// (their text kept), HTML tags and entities, leading decoration (emoji, arrows) and
/// surrounding quotes removed; whitespace collapsed.
pub(crate) fn plain(text: &str) -> String {
    let mut t = text.trim();
    if let Some((_, off)) = crate::labels::list_marker(t) {
        t = t[off..].trim_start();
    }
    let t = crate::lines::atx_title(t);
    // Most titles hold no markup: taken as they are, with spaces collapsed.
    let marked = |c: char| {
        matches!(
            c,
            '<' | '&' | '*' | '_' | '`' | '~' | '[' | '!' | '\\' | '"' | '\'' | '\t'
        ) || c == '“'
            || c == '‘'
            || c == '「'
            || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
    };
    if !t.contains(marked) && !t.contains("  ") {
        let s = t.trim_start_matches(|c: char| is_decoration(c) || c.is_whitespace());
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(t.len());
    let b = t.as_bytes();
    let mut i = 0;
    while i < t.len() {
        let c = b[i];
        match c {
            b'<' => {
                // An HTML tag: skipped whole (`<br>`, `<strong>`, `</h3>`).
                if let Some(close) = t[i..].find('>')
                    && t[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
                {
                    out.push(' ');
                    i += close + 1;
                    continue;
                }
                out.push('<');
                i += 1;
            }
            b'&' => {
                let ent = [
                    ("&nbsp;", " "),
                    ("&amp;", "&"),
                    ("&lt;", "<"),
                    ("&gt;", ">"),
                    ("&quot;", "\""),
                    ("&#39;", "'"),
                ]
                .iter()
                .find(|(e, _)| t[i..].starts_with(e));
                match ent {
                    Some((e, r)) => {
                        out.push_str(r);
                        i += e.len();
                    }
                    None => {
                        out.push('&');
                        i += 1;
                    }
                }
            }
            b'*' | b'_' | b'`' | b'~' => {
                // Emphasis marks; a `_` inside a word (snake_case) stays.
                let inner = c == b'_'
                    && i > 0
                    && b[i - 1].is_ascii_alphanumeric()
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                if inner {
                    out.push('_');
                }
                i += 1;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => i += 1,
            b'[' => {
                // `[text](url)`: the text; `[text]` alone stays as written.
                if let Some(close) = t[i..].find("](")
                    && let Some(end) = t[i + close..].find(')')
                {
                    out.push_str(&t[i + 1..i + close]);
                    i += close + end + 1;
                    continue;
                }
                out.push('[');
                i += 1;
            }
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push(b[i + 1] as char);
                i += 2;
            }
            _ => {
                let ch = t[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = collapsed.trim_start_matches(|c: char| is_decoration(c) || c.is_whitespace());
    strip_quotes(s.trim()).to_string()
}

/// Emoji, arrows, bullets and other symbols people put before a title.
fn is_decoration(c: char) -> bool {
    !c.is_alphanumeric()
        && !c.is_ascii()
        && !matches!(c, '“' | '‘' | '「' | '『' | '（' | '(' | '"' | '\'')
        || matches!(c, '#' | '>' | '|' | '-' | '=' | '+')
}

pub(crate) fn strip_quotes(s: &str) -> &str {
    for (a, b) in [
        ("\"", "\""),
        ("“", "”"),
        ("'", "'"),
        ("‘", "’"),
        ("「", "」"),
    ] {
        if let Some(inner) = s.strip_prefix(a).and_then(|r| r.strip_suffix(b))
            && !inner.contains(a)
        {
            return inner.trim();
        }
    }
    s
}

/// The text without trailing punctuation, closing quotes and brackets.
fn trim_tail(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | '。'
                    | ':'
                    | '：'
                    | '!'
                    | '！'
                    | '"'
                    | '”'
                    | '’'
                    | '\''
                    | ')'
                    | '）'
                    | '~'
                    | '…'
            )
    })
}

/// Whether a line of text (already [`plain`]) reads as a question or a prompt.
pub(crate) fn is_question(text: &str) -> bool {
    let t = text.trim();
    let chars = t.chars().count();
    if !(2..=400).contains(&chars) {
        return false;
    }
    // An aside in parentheses ("(same?)") is a note to oneself.
    if t.starts_with(['(', '（']) && t.ends_with([')', '）']) {
        return false;
    }
    // "反思：…？", "정리: …": a short label before a colon heads a note, whatever follows.
    if let Some(k) = t.find([':', '：']) {
        let head = t[..k].trim();
        let after = t[k..].trim_start_matches([':', '：']).trim();
        if !head.is_empty()
            && head.chars().count() <= 6
            && head.chars().all(|c| !c.is_ascii())
            && after.chars().count() > 10
        {
            return false;
        }
    }
    // A question mark at the end, or inside a short line ("경험이 있는지? 있다면 …").
    let tail = trim_tail(t);
    if tail.ends_with(['?', '？']) {
        return true;
    }
    // A question mark inside a short line, followed by little or by another question
    // ("경험이 있는지? 있다면 어떤 도구를"), not by a long statement answering it.
    if chars <= 160
        && let Some(k) = t.rfind(['?', '？'])
    {
        let rest = t[k..].trim_start_matches(['?', '？']).trim();
        if rest.chars().count() <= 40 || is_question(rest) {
            return true;
        }
    }
    // "term：explanation …" is a definition, whatever words the explanation uses: only the
    // term is read (unless the line ends as a question).
    if let Some(k) = t.find([':', '：']) {
        let after = t[k..].trim_start_matches([':', '：']).trim();
        if after.chars().count() > 10 {
            return is_question(&t[..k]);
        }
    }
    let v = vocab();
    // English: an interrogative or imperative opening word.
    let first = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    // "When I joined …", "What we built": a clause about oneself, not a question.
    let second = t
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_ascii_lowercase();
    let clause = matches!(
        first.as_str(),
        "when" | "where" | "what" | "how" | "why" | "which" | "who"
    ) && matches!(
        second.as_str(),
        "i" | "i'm" | "we" | "my" | "our" | "it" | "they" | "he" | "she" | "something" | "someone"
    );
    if first.is_ascii()
        && !clause
        && chars <= 200
        && v.question.en_openings.contains(&first)
        // "Name: value", "Is: …" are a field, not a question.
        && !t[first.len()..].starts_with(':')
    {
        return true;
    }
    if chars > 160 {
        return false;
    }
    // Korean and Chinese words are looked for only in text that has such letters (lead
    // bytes of Hangul syllables 0xEA-0xED, of CJK ideographs 0xE3-0xE9).
    let bytes = t.as_bytes();
    let hangul = bytes.iter().any(|b| (0xEA..=0xED).contains(b));
    let cjk = bytes.iter().any(|b| (0xE3..=0xE9).contains(b));
    if !hangul && !cjk {
        return false;
    }
    // Korean: interrogative and request endings, question words.
    let tail_ko = tail.trim_end_matches(['?', '？']);
    if hangul
        && v.question
            .ko_endings
            .iter()
            .any(|e| tail_ko.ends_with(e.as_str()))
        && tail_ko.chars().rev().nth(1).is_some_and(is_hangul_or_space)
    {
        return true;
    }
    if hangul && v.question.ko_words.iter().any(|w| t.contains(w.as_str())) {
        return true;
    }
    // Chinese: question words anywhere in a short line that is not a statement (no full stop
    // inside it).
    cjk && chars <= 60
        && !trim_tail(t).contains('。')
        && !t.ends_with(['。', '.'])
        && v.question.zh_words.iter().any(|w| t.contains(w.as_str()))
}

/// A heading over notes about questions (advice, references, a summary).
pub(crate) fn is_not_prompt(text: &str) -> bool {
    // Notes headings are a word or two: longer text is never one (and is not normalised).
    if text.len() > 40 {
        return false;
    }
    let n = normalize_name(text);
    vocab().not_prompts.contains(&n)
}

/// A heading over questions to ask the interviewer.
pub(crate) fn is_reverse_head(text: &str) -> bool {
    let l = text.to_lowercase();
    vocab()
        .question
        .reverse
        .iter()
        .any(|w| l.contains(w.as_str()))
}

fn is_hangul_or_space(c: char) -> bool {
    loopcoach_core::text::is_hangul(c) || c == ' '
}

/// A question prefix at the start of `text` (`Q.`, `Q1:`, `Q 3)`, `질문 1.`, `问题：`,
/// `Question 2 -`): the number, if any, and the rest. `None` when there is no prefix or
/// nothing follows it.
pub(crate) fn question_prefix(text: &str) -> Option<(Option<u32>, &str)> {
    prefix_in(text, &vocab().question.prefixes)
}

/// An answer marker at the start of `text` (`A:`, `Answer:`, `답변 :`, `答：`).
pub(crate) fn answer_prefix(text: &str) -> Option<&str> {
    prefix_in(text, &vocab().question.answer_prefixes).map(|(_, rest)| rest)
}

/// Whether the text is only an answer marker with nothing after it (`**A** :`).
pub(crate) fn is_bare_answer_marker(text: &str) -> bool {
    let t = trim_tail(text.trim());
    // The markers are a word of at most a few letters.
    t.len() <= 8
        && vocab()
            .question
            .answer_prefixes
            .iter()
            .any(|w| w.eq_ignore_ascii_case(t))
}

fn prefix_in<'a>(text: &'a str, words: &[String]) -> Option<(Option<u32>, &'a str)> {
    let t = text.trim_start();
    for w in words {
        let Some(head) = t.get(..w.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(w) {
            continue;
        }
        let mut rest = &t[w.len()..];
        // A word prefix must end there ("Question 1", not "Questionable"; "Q." but not "QA").
        if rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && (c.is_ascii() || w.is_ascii()))
        {
            continue;
        }
        rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let number = if digits > 0 && digits <= 3 {
            let n = rest[..digits].parse().ok();
            rest = &rest[digits..];
            n
        } else {
            None
        };
        let before = rest.len();
        rest = rest.trim_start_matches([' ', '.', ':', '：', ')', '-', '—', '–', '、', '．']);
        // A separator (or a number) is needed: "Q what" is not a prefix, "Q. what" is.
        if rest.len() == before && number.is_none() {
            continue;
        }
        let rest = rest.trim();
        if rest.is_empty() {
            return None;
        }
        return Some((number, rest));
    }
    None
}

/// A hiring stage as a heading, a list item or one part of an `A → B → C` line: `1차 면접`,
/// `서류 전형`, `Phone screen`, `Onsite`, `二面`, `HR 面`, `Technical Interview`.
pub(crate) fn is_stage(text: &str) -> bool {
    let t = plain(text);
    // What a stage is followed by in parentheses ("폰인터뷰 (skipped)") does not matter.
    let t = t.split(['(', '（', ':', '：']).next().unwrap_or("").trim();
    if t.is_empty() || t.chars().count() > 30 {
        return false;
    }
    if crate::rounds::round_line(&format!("{t}:")).is_some() {
        return true;
    }
    // "지원/서류": either part.
    if t.contains('/') && t.split('/').any(|p| !p.trim().is_empty() && is_stage(p)) {
        return true;
    }
    let n = normalize_name(t);
    // "Leadership Interviews": the singular.
    let n = match n.strip_suffix("interviews") {
        Some(head) => format!("{head}interview"),
        None => n,
    };
    if n.is_empty() {
        return false;
    }
    let v = vocab();
    if v.stages.contains(&n) {
        return true;
    }
    // An ordinal round ("1차", "2차 임원", "Round 3", "3rd round") or a Chinese one ("一面").
    if ordinal_stage(&n) {
        return true;
    }
    // A short name ending in a stage word ("컬쳐핏 면접", "Onsite Interview", "HR 面").
    n.chars().count() <= 24
        && [
            "면접",
            "인터뷰",
            "전형",
            "interview",
            "screen",
            "round",
            "面",
        ]
        .iter()
        .any(|w| n.ends_with(w) && n.len() > w.len())
}

fn ordinal_stage(n: &str) -> bool {
    let mut cs = n.chars();
    let first = cs.next();
    let second = cs.next();
    match (first, second) {
        (Some(d), Some('차')) if d.is_ascii_digit() => true,
        (Some(d), Some('面')) if "一二三四五六七八九十终".contains(d) => true,
        _ => {
            let digits = n.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| n[digits..].starts_with(s)))
                || n.strip_prefix("round")
                    .is_some_and(|r| r.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        }
    }
}

/// The parts of a line that lists the stages of a process in order (`서류 전형 → 화상 면접 →
/// 기술 면접`, `입사지원 - HR인터뷰 - 온라인코딩`), when most of them are stages.
pub(crate) fn stage_sequence(text: &str) -> Option<Vec<String>> {
    let t = plain(text);
    // What follows a label ("채용 프로세스: …").
    let body = match t.split_once([':', '：']) {
        Some((_, b)) if b.contains(['→', '>', '-', '⇒', '➝', '➡']) => b,
        _ => t.as_str(),
    };
    for sep in ["→", "->", "=>", "⇒", "➝", "➡", ">", " - ", "-"] {
        if !body.contains(sep) {
            continue;
        }
        let parts: Vec<String> = body
            .split(sep)
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        // The first and last parts may sit in a sentence ("…마찬가지로 입사지원 - … -
        // 온사이트 인터뷰 순으로 진행된다"): their words nearest the separator.
        let mut parts = parts;
        let last = parts.len() - 1;
        for (k, from_end) in [(0, true), (last, false)] {
            if is_stage(&parts[k]) {
                continue;
            }
            let words: Vec<&str> = parts[k].split_whitespace().collect();
            let found = (1..=3.min(words.len())).find_map(|n| {
                let w = if from_end {
                    words[words.len() - n..].join(" ")
                } else {
                    words[..n].join(" ")
                };
                is_stage(&w).then_some(w)
            });
            if let Some(w) = found {
                parts[k] = w;
            }
        }
        let stages = parts.iter().filter(|p| is_stage(p)).count();
        if stages >= 2 && stages * 3 >= parts.len() * 2 {
            return Some(parts.into_iter().filter(|p| is_stage(p)).collect());
        }
    }
    None
}

/// Whether a list item only points elsewhere: a table-of-contents entry (`[Question 1](#q1)`)
/// or a bare link.
pub(crate) fn is_link_only(raw: &str) -> bool {
    let mut t = raw.trim();
    if let Some((_, off)) = crate::labels::list_marker(t) {
        t = t[off..].trim();
    }
    let t = t.trim_start_matches(['*', '_']);
    (t.starts_with('[') || t.starts_with("![") || t.starts_with("http")) && links_cover(t)
}

/// Whether markdown links, images and URLs are all there is to `t` (besides punctuation).
pub(crate) fn links_cover(t: &str) -> bool {
    let mut rest = String::new();
    let mut i = 0;
    let b = t.as_bytes();
    while i < t.len() {
        if (b[i] == b'[' || (b[i] == b'!' && b.get(i + 1) == Some(&b'[')))
            && let Some(close) = t[i..].find("](")
            && let Some(end) = t[i + close..].find(')')
        {
            i += close + end + 1;
            continue;
        }
        if t[i..].starts_with("http://") || t[i..].starts_with("https://") {
            i += t[i..].find(char::is_whitespace).unwrap_or(t.len() - i);
            continue;
        }
        let ch = t[i..].chars().next().unwrap_or(' ');
        rest.push(ch);
        i += ch.len_utf8();
    }
    !rest.chars().any(char::is_alphanumeric) || {
        // "[Question 1](#q) | _What is X_": a contents line, its link first.
        t.starts_with('[') && t.contains("](#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_loses_markup_not_words() {
        assert_eq!(plain("1.  **What is a Pod?**"), "What is a Pod?");
        assert_eq!(
            plain("<summary>&nbsp; TCP 설명해주세요</summary>"),
            "TCP 설명해주세요"
        );
        assert_eq!(plain("### 🗡 HTTP"), "HTTP");
        assert_eq!(plain("- [Docs](http://x.y) are _here_"), "Docs are here");
        assert_eq!(plain("## \"Tell me about a time\""), "Tell me about a time");
        assert_eq!(plain("snake_case_name"), "snake_case_name");
    }

    #[test]
    fn questions_by_shape_in_three_languages() {
        for q in [
            "Why AWS?",
            "What is a Pod",
            "Explain the TCP handshake",
            "Tell me about a time you failed",
            "TCP와 UDP의 차이점을 설명해주세요.",
            "프로세스와 스레드의 차이",
            "쿠키와 세션은 무엇인가요",
            "TTL이란?",
            "JWT를 어떻게 검증하나요",
            "HashMap 和 Hashtable 的区别",
            "为什么要用 Redis",
            "介绍一下自己",
            "경험이 있는지? 있다면 어떤 도구를 썼는지",
        ] {
            assert!(is_question(q), "{q}");
        }
        for p in [
            "Docker",
            "네트워크",
            "결과",
            "Summary: we shipped on time.",
            "The team moved to weekly meetings",
            "Java 集合框架",
            "Name: value",
            "When I joined the team, nothing was documented",
            "(same?)",
            "What I value most? 这个阶段的人其实还是空杯, 我希望他有很强的学习能力和进取心, 给自己部门带来新的想法",
            "反思：自己是不是真的要离职，接下来应该做什么？",
            "",
        ] {
            assert!(!is_question(p), "{p}");
        }
    }

    #[test]
    fn prefixes_mark_questions_and_answers() {
        assert_eq!(question_prefix("Q. 왜 Redis?"), Some((None, "왜 Redis?")));
        assert_eq!(question_prefix("Q1: Why?"), Some((Some(1), "Why?")));
        assert_eq!(question_prefix("질문 3. 무엇"), Some((Some(3), "무엇")));
        assert_eq!(
            question_prefix("问题：什么是 JVM"),
            Some((None, "什么是 JVM"))
        );
        assert_eq!(question_prefix("Question 1"), None);
        assert_eq!(question_prefix("Questionable claims"), None);
        assert_eq!(question_prefix("QA team"), None);
        assert_eq!(answer_prefix("A : DevOps is"), Some("DevOps is"));
        assert_eq!(answer_prefix("Answer: yes"), Some("yes"));
        assert_eq!(answer_prefix("답변: 네"), Some("네"));
        assert_eq!(answer_prefix("Action taken"), None);
        assert!(is_bare_answer_marker("A :"));
        assert!(is_bare_answer_marker("Answer:"));
        assert!(!is_bare_answer_marker("A lot"));
    }

    #[test]
    fn stages_of_a_hiring_process() {
        for s in [
            "1차 면접",
            "2차 (임원) 면접",
            "코딩테스트",
            "서류 전형",
            "Phone screen",
            "Onsite",
            "Loop",
            "一面",
            "HR 面",
            "Round 2",
            "컬쳐핏 면접",
            "Technical Interview",
            "Threat Modeling Interview",
            "Behavioral Interview",
            "Leadership Interviews",
        ] {
            assert!(is_stage(s), "{s}");
        }
        for s in [
            "Docker",
            "결과",
            "면접 후기를 남기며 느낀 점이 많았다",
            "面试前",
        ] {
            assert!(!is_stage(s), "{s}");
        }
        assert_eq!(
            stage_sequence("채용 프로세스: 서류 전형 → 화상 면접 → 기술 면접 → 컬쳐핏 면접")
                .map(|v| v.len()),
            Some(4)
        );
        assert_eq!(
            stage_sequence("입사지원 - HR인터뷰 - 온라인코딩 - 폰인터뷰 (생략) - 온사이트 인터뷰")
                .map(|v| v.len()),
            Some(5)
        );
        assert_eq!(stage_sequence("A - B - C"), None);
    }

    #[test]
    fn link_only_items() {
        assert!(is_link_only(
            "1. [Question 1](#Question-1) | _**What is Devops**_"
        ));
        assert!(is_link_only("- [🗝️](./answers/1.md)"));
        assert!(!is_link_only("- What is [JWT](https://jwt.io)?"));
    }
}
