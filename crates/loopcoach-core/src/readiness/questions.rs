//! Question checks: blank titles, blank answers and empty sub-points (`blank-question`), and
//! prose that reads like a story but carries no STAR labels (`unlabelled-draft`), under a
//! question or a principle, with the parts it seems to have.

use crate::i18n::Arg;
use crate::links::classifier;
use crate::{Document, StarPart};

use super::rules::Rules;
use super::words::{contains_phrase, english_words, find_metric, hangul_syllables, lower};
use super::{FindingKind, Issue};

fn number_arg(n: Option<u32>) -> Arg {
    Arg::from(n.map_or_else(|| "?".to_string(), |n| n.to_string()))
}

/// Blank titles, blank answers, empty sub-points.
pub fn check_questions(workspace: &[Document], _r: &Rules) -> Vec<Issue> {
    let mut out = Vec::new();
    for q in workspace.iter().flat_map(|d| d.questions.iter()) {
        let blank_title = q.title.trim().is_empty();
        let blank_answer = q.answer.trim().is_empty() && q.stories.is_empty();
        let msg = match (blank_title, blank_answer) {
            (true, true) => Some("readiness-blank-question"),
            (true, false) => Some("readiness-blank-title"),
            (false, true) => Some("readiness-blank-answer"),
            (false, false) => None,
        };
        let mk = |msg| {
            let mut i = Issue::new(FindingKind::BlankQuestion, q.id.clone(), msg);
            i.args.push(("number", number_arg(q.number)));
            i.args.push(("title", Arg::from(q.title.trim())));
            i.line = Some(q.source.line);
            i
        };
        if let Some(msg) = msg {
            out.push(mk(msg));
        }
        for p in &q.points {
            if p.text.trim().is_empty() {
                let mut i = mk("readiness-empty-point");
                i.args.push(("marker", Arg::from(p.marker.as_str())));
                i.line = Some(p.line);
                out.push(i);
            }
        }
    }
    out
}

/// Which STAR parts a piece of prose seems to have, by cue words (and numbers for a result).
pub fn draft_parts(text: &str, r: &Rules) -> Vec<StarPart> {
    let d = &r.draft;
    let low = lower(text);
    let cue = |list: &[String]| list.iter().any(|c| contains_phrase(&low, &lower(c)));
    let mut parts = Vec::new();
    if cue(&d.situation) {
        parts.push(StarPart::Situation);
    }
    if cue(&d.task) {
        parts.push(StarPart::Task);
    }
    if cue(&d.action) {
        parts.push(StarPart::Action);
    }
    if cue(&d.result) || find_metric(text, r).is_some() {
        parts.push(StarPart::Result);
    }
    parts
}

/// Whether prose reads like a story: long enough, and cues of enough parts, an action among them.
pub fn reads_like_story(text: &str, r: &Rules) -> Option<Vec<StarPart>> {
    let d = &r.draft;
    if hangul_syllables(text) < d.min_hangul_syllables && english_words(text) < d.min_english_words
    {
        return None;
    }
    let parts = draft_parts(text, r);
    (parts.len() >= d.min_parts && parts.contains(&StarPart::Action)).then_some(parts)
}

/// Prose with no STAR labels that reads like a story: under a principle (its notes) or under a
/// question with no story (its answer). Motivation and self-assessment questions ("why Amazon",
/// strengths) are not expected to be stories and are skipped.
pub fn check_drafts(workspace: &[Document], r: &Rules) -> Vec<Issue> {
    let mut out = Vec::new();
    let c = classifier();
    for d in workspace {
        for q in &d.questions {
            if !q.stories.is_empty() || q.answer.trim().is_empty() {
                continue;
            }
            let title = lower(&q.title);
            if r.draft
                .not_story_questions
                .iter()
                .any(|w| contains_phrase(&title, &lower(w)))
            {
                continue;
            }
            if let Some(parts) = reads_like_story(&q.answer, r) {
                let mut i = Issue::new(
                    FindingKind::UnlabelledDraft,
                    q.id.clone(),
                    "readiness-draft-question",
                );
                i.args.push(("number", number_arg(q.number)));
                i.args.push(("title", Arg::from(q.title.trim())));
                i.principle = c.question_principle(&q.title);
                i.parts = parts;
                i.line = Some(q.source.line);
                out.push(i);
            }
        }
        for p in &d.principles {
            if p.notes.trim().is_empty() {
                continue;
            }
            if let Some(parts) = reads_like_story(&p.notes, r) {
                let target = p.builtin.clone().unwrap_or_else(|| p.id.clone());
                let mut i = Issue::new(
                    FindingKind::UnlabelledDraft,
                    target,
                    "readiness-draft-principle",
                );
                i.args.push(("section", Arg::from(p.name.as_str())));
                i.principle = p.builtin.as_deref().map(str::to_string);
                i.parts = parts;
                i.line = Some(p.source.line);
                out.push(i);
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::readiness::rules::rules;

    #[test]
    fn korean_and_english_drafts_read_like_stories() {
        let r = rules();
        let ko = "기존에 잘 운영되던 어플리케이션을 컨테이너로 옮기자 문제가 발생했습니다. 제가 프레임워크 소스를 받아 설정 파일을 읽는 순서를 확인했고, \
                  원인과 해결 방법을 팀에 전달했습니다. 결과적으로 장애가 다시 나지 않았습니다.";
        let parts = reads_like_story(ko, r).unwrap();
        assert!(
            parts.contains(&StarPart::Situation)
                && parts.contains(&StarPart::Action)
                && parts.contains(&StarPart::Result)
        );
        let en = "When I was on the payments team at the time, nightly jobs failed every week and nobody owned them. My goal was to stop the pages. \
                  I traced the failures to a lock held by the exporter, I rewrote the job to retry with backoff, and I added an alert. As a result pages dropped by 90%.";
        assert_eq!(reads_like_story(en, r).unwrap(), StarPart::ALL.to_vec());
    }

    #[test]
    fn opinions_and_short_notes_are_not_drafts() {
        let r = rules();
        assert_eq!(
            reads_like_story("트러블 슈팅할 때 최대한 깊게 본다.", r),
            None
        );
        let opinion = "AWS 서비스는 고객친화적으로 잘 만들어졌다고 생각합니다. 콘솔이 사용하기 쉽고 문서가 잘 되어 있어서 좋아하게 되었고, \
                       그런 서비스를 만드는 사람들과 함께 일해보고 싶은 마음이 큽니다. 그래서 지원하게 되었습니다.";
        assert_eq!(reads_like_story(opinion, r), None);
        let en = "I think the console is easy to use and the documentation is clear, which is why I enjoy the services and want to work with the people who \
                  build them and support them every day for customers around the world.";
        assert_eq!(reads_like_story(en, r), None);
    }
}
