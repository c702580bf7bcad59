//! Story checks: a STAR part missing or empty (`missing-part`), a part so short or cut off it
//! is clearly unfinished (`unfinished-part`), a Result with nothing measurable (`no-metric`), an
//! Action told as "we" rather than "I" (`we-heavy`), and a complete story whose estimated
//! speaking time falls outside the target window (`length`).

use crate::i18n::Arg;
use crate::{StarPart, Story};

use super::rules::{Derived, Pronouns, Rules, pack_token};
use super::words::{
    english_words, find_metric, hangul_syllables, is_word_char, lower, lowered_eq, lowers_in_place,
    metric_snippet, syllables_and_words, three_byte_at,
};
use super::{FindingKind, Issue};

/// What the story checks found.
#[derive(Debug, Clone)]
pub struct StoryCheck {
    pub issues: Vec<Issue>,
    pub seconds: f64,
    pub present: Vec<StarPart>,
    pub metric: Option<String>,
}

/// Whether a labelled, non-empty part reads as unfinished: a placeholder, too short, or its
/// last line (or a paragraph's last line) stops mid-sentence.
pub fn is_unfinished(text: &str, r: &Rules) -> bool {
    let t = text.trim();
    is_unfinished_counted(t, hangul_syllables(t), english_words(t), r)
}

/// [`is_unfinished`] with the part's syllable and word counts already known.
fn is_unfinished_counted(t: &str, syllables: usize, words: usize, r: &Rules) -> bool {
    let u = &r.unfinished;
    if t.len() <= 24 && u.placeholders.contains(&lower(t)) {
        return true;
    }
    if syllables < u.min_hangul_syllables && words < u.min_english_words {
        return true;
    }
    let mut lines = t.lines().peekable();
    while let Some(line) = lines.next() {
        let paragraph_end = lines.peek().is_none_or(|next| next.trim().is_empty());
        if paragraph_end && !line.trim().is_empty() && dangles(line, r) {
            return true;
        }
    }
    false
}

fn dangles(line: &str, r: &Rules) -> bool {
    let u = &r.unfinished;
    // Only the end of the line matters: the last 16 characters.
    let t = line.trim_end();
    let from = t.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
    let tail = &t[from..];
    // ASCII and Hangul (16 characters of at most 3 bytes): lowercase and squash on the stack.
    let mut buf = [0u8; 48];
    if tail.len() <= buf.len() && lowers_in_place(tail) {
        let b = tail.as_bytes();
        let mut n = 0;
        for &x in b {
            // The only whitespace in ASCII-and-Hangul text is ASCII (space, \t..=\r).
            if !matches!(x, b' ' | b'\t'..=b'\r') {
                buf[n] = x.to_ascii_lowercase();
                n += 1;
            }
        }
        let squashed = &buf[..n];
        // The last byte first: most suffixes are ruled out without comparing the rest.
        let last = squashed.last().copied();
        let last_lower = b.last().map(u8::to_ascii_lowercase);
        let may_end =
            |s: &String, last: Option<u8>| s.as_bytes().last().is_none_or(|x| Some(*x) == last);
        return u
            .dangling_suffixes_ko
            .iter()
            .any(|s| may_end(s, last) && squashed.ends_with(s.as_bytes()))
            || u.dangling_suffixes_en.iter().any(|s| {
                may_end(s, last_lower)
                    && s.len() <= b.len()
                    && lowered_eq(&b[b.len() - s.len()..], s.as_bytes())
            });
    }
    let l = lower(tail);
    let squashed: String = l.chars().filter(|c| !c.is_whitespace()).collect();
    u.dangling_suffixes_ko
        .iter()
        .any(|s| squashed.ends_with(s.as_str()))
        || u.dangling_suffixes_en
            .iter()
            .any(|s| l.ends_with(s.as_str()))
}

/// Count we- and I-tokens in a text (whole tokens, ASCII case ignored, ’ read as ').
pub fn pronoun_counts(text: &str, r: &Rules) -> (usize, usize) {
    let Some(table) = &r.derived().pronouns else {
        let tokens = text
            .split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
            .filter(|t| !t.is_empty());
        return pronoun_counts_in_lists(tokens, &r.pronouns);
    };
    let (mut we, mut i) = (0, 0);
    let mut count = |token: &[u8]| {
        // A packed token holds at most 16 bytes, each from at most 3 bytes of text.
        if token.len() <= 48
            && let Some(key) = pack_token(token)
        {
            match Derived::pronoun(table, key) {
                Some(true) => we += 1,
                Some(false) => i += 1,
                None => {}
            }
        }
    };
    // Tokens are runs of letters, digits and apostrophes; only their ends are looked for here.
    let b = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < b.len() {
        let x = b[at];
        let (word, len) = if x < 0x80 {
            (x.is_ascii_alphanumeric() || x == b'\'', 1)
        } else if three_byte_at(b, at).is_some_and(|cp| (0xAC00..=0xD7A3).contains(&cp)) {
            (true, 3)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c == '’' || is_word_char(c), c.len_utf8())
        };
        match (word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                count(&b[s..at]);
                start = None;
            }
            _ => {}
        }
        at += len;
    }
    if let Some(s) = start {
        count(&b[s..]);
    }
    (we, i)
}

/// [`pronoun_counts`] by comparing each token with the lists (pronouns too long to pack).
fn pronoun_counts_in_lists<'a>(
    tokens: impl Iterator<Item = &'a str>,
    p: &Pronouns,
) -> (usize, usize) {
    let (mut we, mut i) = (0, 0);
    let is = |list: &[String], t: &str| {
        list.iter()
            .any(|w| w.len() == t.len() && w.eq_ignore_ascii_case(t))
    };
    for t in tokens {
        let owned;
        let t = if t.contains('’') {
            owned = t.replace('’', "'");
            owned.as_str()
        } else {
            t
        };
        if is(&p.we, t) {
            we += 1;
        } else if is(&p.i, t) {
            i += 1;
        }
    }
    (we, i)
}

/// Whether an Action is told mostly as "we".
pub fn is_we_heavy(text: &str, r: &Rules) -> bool {
    let (we, i) = pronoun_counts(text, r);
    we_heavy_counts(we, i, r)
}

fn we_heavy_counts(we: usize, i: usize, r: &Rules) -> bool {
    we >= r.pronouns.min_we && we as f64 > r.pronouns.max_we_share * (we + i) as f64
}

/// Estimated speaking time of a text, seconds (Hangul syllables and English words).
pub fn speaking_seconds(text: &str, r: &Rules) -> f64 {
    seconds_of(hangul_syllables(text), english_words(text), r)
}

fn seconds_of(syllables: usize, words: usize, r: &Rules) -> f64 {
    let l = &r.length;
    syllables as f64 / l.ko_syllables_per_second + words as f64 / (l.en_words_per_minute / 60.0)
}

/// The first metric in the story (Result first, then Action, Task, Situation), with its words.
pub fn story_metric(s: &Story, r: &Rules) -> Option<String> {
    let result = s.part(StarPart::Result);
    story_metric_after(s, result, find_metric(result, r), r)
}

/// [`story_metric`] with the Result's metric already found.
fn story_metric_after(
    s: &Story,
    result: &str,
    result_metric: Option<(usize, usize)>,
    r: &Rules,
) -> Option<String> {
    if let Some(m) = result_metric {
        return Some(metric_snippet(result, m));
    }
    [StarPart::Action, StarPart::Task, StarPart::Situation]
        .into_iter()
        .find_map(|p| {
            let t = s.part(p);
            find_metric(t, r).map(|m| metric_snippet(t, m))
        })
}

/// Run the story checks on one story.
pub fn check_story(s: &Story, r: &Rules) -> StoryCheck {
    let mut issues = Vec::new();
    let mut present = Vec::new();
    let mut unfinished = Vec::new();
    let mk = |kind, part: Option<StarPart>, msg| {
        let mut i = Issue::new(kind, s.id.clone(), msg);
        i.part = part;
        i.story = Some(s.title.to_string());
        i.line = Some(
            s.parts[part.map_or(0, StarPart::index)]
                .as_ref()
                .map_or(s.source.line, |p| p.line),
        );
        i
    };
    let (mut syllables, mut words) = (0, 0);
    for p in StarPart::ALL {
        let text = s.part(p).trim();
        if text.is_empty() {
            let msg = if s.has_label(p) {
                "readiness-empty-part"
            } else {
                "readiness-missing-part"
            };
            issues.push(mk(FindingKind::MissingPart, Some(p), msg));
            continue;
        }
        present.push(p);
        let (sy, w) = syllables_and_words(text);
        syllables += sy;
        words += w;
        if is_unfinished_counted(text, sy, w, r) {
            let mut i = mk(
                FindingKind::UnfinishedPart,
                Some(p),
                "readiness-unfinished-part",
            );
            i.args.push(("text", Arg::from(short(text, 30))));
            issues.push(i);
            unfinished.push(p);
        }
    }
    let result = s.part(StarPart::Result);
    let result_metric = find_metric(result, r);
    if present.contains(&StarPart::Result)
        && !unfinished.contains(&StarPart::Result)
        && result_metric.is_none()
    {
        issues.push(mk(
            FindingKind::NoMetric,
            Some(StarPart::Result),
            "readiness-no-metric",
        ));
    }
    let action = s.part(StarPart::Action);
    let (we, i) = if present.contains(&StarPart::Action) {
        pronoun_counts(action, r)
    } else {
        (0, 0)
    };
    if we_heavy_counts(we, i, r) {
        let mut is = mk(
            FindingKind::WeHeavy,
            Some(StarPart::Action),
            "readiness-we-heavy",
        );
        is.args.push(("we", Arg::from(we)));
        is.args.push(("i", Arg::from(i)));
        issues.push(is);
    }
    let seconds = seconds_of(syllables, words, r);
    if present.len() == 4 && unfinished.is_empty() {
        let l = &r.length;
        let msg = if seconds < l.min_seconds {
            Some("readiness-too-short")
        } else if seconds > l.max_seconds {
            Some("readiness-too-long")
        } else {
            None
        };
        if let Some(msg) = msg {
            let mut i = mk(FindingKind::Length, None, msg);
            i.args.push(("seconds", Arg::from(seconds.round())));
            i.args.push(("min", Arg::from(l.min_seconds)));
            i.args.push(("max", Arg::from(l.max_seconds)));
            issues.push(i);
        }
    }
    StoryCheck {
        issues,
        seconds,
        present,
        metric: story_metric_after(s, result, result_metric, r),
    }
}

/// The first `n` characters of a text, on one line, with an ellipsis when cut.
pub fn short(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        let mut s: String = one.chars().take(n).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod tests {
    use super::*;
    use crate::readiness::rules::rules;
    use crate::{PartSpan, Source, Span, StarStyle, StoryParent};

    pub(crate) fn story(parts: [Option<&str>; 4]) -> Story {
        let mut ps: [Option<PartSpan>; 4] = Default::default();
        for (i, p) in parts.iter().enumerate() {
            ps[i] = p.map(|t| PartSpan {
                part: StarPart::ALL[i],
                text: t.into(),
                span: Span::default(),
                value: Span::default(),
                continuation_indent: String::new().into(),
                line: i + 1,
            });
        }
        Story {
            id: "s-test".into(),
            title: "Test".into(),
            parent: StoryParent::Document,
            parts: ps,
            notes: String::new(),
            style: StarStyle::Table,
            links: vec![],
            tags: Vec::new(),
            span: Span::default(),
            source: Source {
                path: "t.md".into(),
                line: 1,
                column: 1,
            },
        }
    }

    fn kinds(s: &Story) -> Vec<(FindingKind, Option<StarPart>)> {
        check_story(s, rules())
            .issues
            .iter()
            .map(|i| (i.kind, i.part))
            .collect()
    }

    const KO_S: &str =
        "결제 시스템을 클라우드로 옮기는 프로젝트에서 매일 밤 배치가 실패하는 상황이었습니다.";
    const KO_T: &str = "저는 두 달 안에 배치 실패를 없애는 일을 맡았습니다.";
    const KO_A: &str =
        "제가 로그를 분석해 원인을 찾았고, 재시도 로직을 직접 설계해서 배포했습니다.";
    const EN_A: &str = "I traced the failures to a lock, and I rewrote the job so it retries.";

    #[test]
    fn missing_and_empty_parts_are_missing() {
        let k = kinds(&story([Some(KO_S), Some(KO_T), Some(""), None]));
        assert!(k.contains(&(FindingKind::MissingPart, Some(StarPart::Action))));
        assert!(k.contains(&(FindingKind::MissingPart, Some(StarPart::Result))));
        assert!(!k.iter().any(|(_, p)| *p == Some(StarPart::Situation)));
    }

    #[test]
    fn short_or_cut_off_parts_are_unfinished() {
        let r = rules();
        assert!(is_unfinished("현재", r));
        assert!(is_unfinished("가트너에서", r));
        assert!(is_unfinished("TBD", r));
        assert!(is_unfinished("Migrated the", r));
        assert!(is_unfinished(
            "현지직원들의 지속적인 시스템 개선사항들에 대해서는",
            r
        ));
        assert!(is_unfinished(
            "I rewrote the scheduler and the queue consumer and",
            r
        ));
        // Finished sentences are not flagged.
        assert!(!is_unfinished(KO_A, r));
        assert!(!is_unfinished(EN_A, r));
        assert!(!is_unfinished("일정이 굉장히 촉박한 상황", r));
        assert!(!is_unfinished("Cut p99 latency by 30%.", r));
    }

    #[test]
    fn results_without_numbers_have_no_metric() {
        let k = kinds(&story([
            Some(KO_S),
            Some(KO_T),
            Some(KO_A),
            Some("모든 일정안에 성공적으로 맞췄습니다."),
        ]));
        assert!(k.contains(&(FindingKind::NoMetric, Some(StarPart::Result))));
        let k = kinds(&story([
            Some(KO_S),
            Some(KO_T),
            Some(KO_A),
            Some("The launch went well and the customer was happy."),
        ]));
        assert!(k.contains(&(FindingKind::NoMetric, Some(StarPart::Result))));
    }

    #[test]
    fn results_with_numbers_are_not_flagged() {
        for r in [
            "배치 실패율을 30% 줄였습니다.",
            "2주 만에 전환을 끝냈습니다.",
            "Errors dropped 3 times over the quarter.",
            "We saved $4,000 a month.",
        ] {
            let k = kinds(&story([Some(KO_S), Some(KO_T), Some(KO_A), Some(r)]));
            assert!(!k.iter().any(|(k, _)| *k == FindingKind::NoMetric), "{r}");
        }
    }

    #[test]
    fn we_heavy_actions_are_flagged_in_both_languages() {
        let r = rules();
        assert!(is_we_heavy(
            "우리는 회의를 했고 우리가 결정했고 저희 팀이 배포했습니다.",
            r
        ));
        assert!(is_we_heavy(
            "We met, we decided, and our team shipped it.",
            r
        ));
    }

    #[test]
    fn pronouns_are_whole_tokens_in_any_ascii_case() {
        let r = rules();
        // The packed table and the lists agree, a long pronoun only in the lists.
        let mut long = r.clone();
        long.pronouns.we.push("우리우리우리우리우리".into());
        assert!(long.derived().pronouns.is_none());
        for t in [
            "WE’RE here, We'll see; OUR team, ours, usual, weary, I'M in",
            "우리는 저희가 제가 우리우리우리우리우리",
        ] {
            let tokens = t
                .split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
                .filter(|t| !t.is_empty());
            assert_eq!(
                pronoun_counts(t, r),
                pronoun_counts_in_lists(tokens.clone(), &r.pronouns)
            );
            let (we, i) = pronoun_counts_in_lists(tokens, &long.pronouns);
            assert_eq!(pronoun_counts(t, &long), (we, i));
        }
        assert_eq!(
            pronoun_counts(
                "WE’RE here, We'll see; OUR team, ours, usual, weary, I'M in",
                r
            ),
            (4, 1)
        );
        assert_eq!(
            pronoun_counts("우리는 우리팀은 저희팀의 제가 저는요", r),
            (2, 1)
        );
        assert_eq!(pronoun_counts("", r), (0, 0));
    }

    proptest::proptest! {
        #[test]
        fn packed_pronouns_count_like_the_lists(
            t in "(\\PC|[ ,.'’]|우리|저희|제가|We|wE|i|I'm|we’re|OUR|ours|ꀀ|\u{D7B0}|é)*"
        ) {
            let r = rules();
            let tokens = t
                .split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
                .filter(|t| !t.is_empty());
            proptest::prop_assert_eq!(
                pronoun_counts(&t, r),
                pronoun_counts_in_lists(tokens, &r.pronouns)
            );
        }
    }

    #[test]
    fn dangling_ends_in_any_script() {
        let r = rules();
        assert!(is_unfinished(
            "The scheduler was rewritten and the queue AND",
            r
        ));
        assert!(is_unfinished("개선사항들에 대 해 서 는", r));
        assert!(is_unfinished("We rebuilt the whole Straße because", r));
        // An empty suffix ends every line, in both ways of reading the end.
        let mut empty = r.clone();
        empty.unfinished.dangling_suffixes_en = vec![String::new()];
        empty.unfinished.dangling_suffixes_ko = vec![];
        assert!(is_unfinished(
            "The scheduler was rewritten in a week.",
            &empty
        ));
        assert!(is_unfinished(
            "We rebuilt the whole Straße in a week.",
            &empty
        ));
        assert!(!is_unfinished("We rebuilt the whole Straße in a week.", r));
    }

    #[test]
    fn mostly_i_actions_are_not_we_heavy() {
        let r = rules();
        assert!(!is_we_heavy(
            "저는 팀과 함께 일했지만 제가 원인을 찾았고 제가 수정했습니다.",
            r
        ));
        assert!(!is_we_heavy(
            "I asked the team; we agreed, and I wrote the fix myself.",
            r
        ));
        assert!(!is_we_heavy(KO_A, r));
    }

    #[test]
    fn length_only_for_complete_stories() {
        let r = rules();
        // Complete but short: flagged.
        let k = kinds(&story([
            Some(KO_S),
            Some(KO_T),
            Some(KO_A),
            Some("배치 실패율을 30% 줄였습니다."),
        ]));
        assert!(k.contains(&(FindingKind::Length, None)));
        // Missing parts: no length finding.
        let k = kinds(&story([Some(KO_S), None, Some(KO_A), None]));
        assert!(!k.iter().any(|(k, _)| *k == FindingKind::Length));
        // About two minutes of Korean: not flagged.
        let long_a = KO_A.repeat(14);
        let s = story([
            Some(KO_S),
            Some(KO_T),
            Some(&long_a),
            Some("배치 실패율을 30% 줄였습니다."),
        ]);
        let c = check_story(&s, r);
        assert!((90.0..=180.0).contains(&c.seconds), "{}", c.seconds);
        assert!(!c.issues.iter().any(|i| i.kind == FindingKind::Length));
        // English by words: 150 words a minute.
        assert!((speaking_seconds(&"word ".repeat(300), r) - 120.0).abs() < 1e-9);
    }

    #[test]
    fn metric_to_mention_prefers_the_result() {
        let s = story([
            Some("3년차 때"),
            Some(KO_T),
            Some(KO_A),
            Some("배치 실패율을 30% 줄였습니다."),
        ]);
        assert_eq!(
            story_metric(&s, rules()).as_deref(),
            Some("실패율을 30% 줄였습니다.")
        );
    }
}
