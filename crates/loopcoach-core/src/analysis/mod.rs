//! Answer analysis: what a spoken or typed interview answer has and lacks, in Korean and
//! English, the way Interview Warmup or Yoodli give feedback, but offline.
//!
//! [`analyze`] reads one answer: its sentences as STAR parts ([`segment`]), a measurable
//! result, "I" versus "we", filler words, speaking time (estimated, or measured from a
//! [`transcript`]), the principles it signals, and, for a question with a prepared story,
//! which of the story's facts it dropped ([`coverage`]). Each finding explains itself in one
//! line in both languages; the score's formula is in `docs/feedback.md`. Every word list and
//! weight is data (`content/analysis/answer.toml`, see [`rules`]). Pure: no I/O, no clock.

pub mod coverage;
pub mod followup;
pub mod rules;
pub mod segment;
pub mod signals;
pub mod transcript;

use serde::Serialize;

use crate::StarPart;
use crate::framework::Framework;
use crate::i18n::{Arg, Lang, Messages, Text};
use crate::links::classifier;
use crate::readiness::words::syllables_and_words;
use crate::text::hangul_ratio;

pub use coverage::{KeyPoint, PointCoverage, PointKind, key_point_coverage, story_key_points};
pub use rules::{AnswerRules, answer_rules};
pub use segment::Segment;
pub use transcript::{Transcript, TranscriptError};

/// What to analyse: the answer, and what is known about the question it answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnswerInput<'a> {
    pub text: &'a str,
    /// Timestamps, when the answer came from a transcript.
    pub transcript: Option<&'a Transcript>,
    /// The principle the question probes (a framework key).
    pub probed: Option<&'a str>,
    /// Facts of the prepared story for this question, or a technical card's key points.
    pub key_points: &'a [KeyPoint],
    /// A technical question: the answer is an explanation, not a story. STAR, metric,
    /// pronoun and principle findings are left out, and the score is the share of key points
    /// covered (see `docs/feedback.md`).
    pub technical: bool,
}

/// Which STAR parts the answer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Star {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
}

impl Star {
    pub fn has(&self, p: StarPart) -> bool {
        match p {
            StarPart::Situation => self.situation,
            StarPart::Task => self.task,
            StarPart::Action => self.action,
            StarPart::Result => self.result,
        }
    }
    fn set(&mut self, p: StarPart) {
        match p {
            StarPart::Situation => self.situation = true,
            StarPart::Task => self.task = true,
            StarPart::Action => self.action = true,
            StarPart::Result => self.result = true,
        }
    }
}

/// The kind of a finding; the JSON names are part of the stable shape (`docs/json.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    MissingPart,
    ThinPart,
    NoMetric,
    WeHeavy,
    Fillers,
    TooShort,
    TooLong,
    TooFast,
    TooSlow,
    LongPause,
    PrincipleNotSignalled,
    DroppedFact,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::MissingPart => "missing-part",
            FindingKind::ThinPart => "thin-part",
            FindingKind::NoMetric => "no-metric",
            FindingKind::WeHeavy => "we-heavy",
            FindingKind::Fillers => "fillers",
            FindingKind::TooShort => "too-short",
            FindingKind::TooLong => "too-long",
            FindingKind::TooFast => "too-fast",
            FindingKind::TooSlow => "too-slow",
            FindingKind::LongPause => "long-pause",
            FindingKind::PrincipleNotSignalled => "principle-not-signalled",
            FindingKind::DroppedFact => "dropped-fact",
        }
    }
}

/// One thing the answer lacks, said in one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The STAR part it is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<StarPart>,
    /// In the language asked for.
    pub message: String,
    /// In both languages.
    pub text: Text,
}

/// A sentence and the part it was read as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceView {
    pub text: String,
    pub part: Option<StarPart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<StarPart>,
}

/// Measured pace, from a transcript.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    /// Words (English) or syllables (Korean) per minute.
    pub per_minute: f64,
    pub unit: &'static str,
}

/// A long silence in a transcript.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pause {
    pub at: f64,
    pub seconds: f64,
}

/// Everything [`analyze`] found (the `analyze --json` shape, `docs/json.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub star: Star,
    pub metric: bool,
    pub i_share: f64,
    pub fillers: usize,
    pub seconds: f64,
    pub principles: Vec<String>,
    pub score: u32,
    pub findings: Vec<Finding>,
    /// `ko` or `en`: the answer's own language.
    pub language: Lang,
    /// Whether `seconds` was measured from timestamps (else estimated).
    pub measured: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pace: Option<Pace>,
    pub pauses: Vec<Pause>,
    /// Quantities stated in the Result.
    pub metrics: Vec<String>,
    pub i_count: usize,
    pub we_count: usize,
    pub sentences: Vec<SentenceView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probed: Option<String>,
    /// Coverage of the prepared story's facts (empty without a story).
    pub coverage: Vec<PointCoverage>,
}

impl Analysis {
    pub fn has(&self, kind: FindingKind) -> bool {
        self.findings.iter().any(|f| f.kind == kind)
    }
}

thread_local! {
    /// Both catalogues, parsed once per thread (parsing one takes longer than an analysis).
    static CATALOGUES: (Messages, Messages) = (Messages::new(Lang::En), Messages::new(Lang::Ko));
}

/// Run `f` with the English and Korean catalogues.
pub fn with_catalogues<R>(f: impl FnOnce(&Messages, &Messages) -> R) -> R {
    CATALOGUES.with(|(en, ko)| f(en, ko))
}

fn part_arg(msg: &Messages, p: StarPart) -> Arg {
    msg.get(&format!("analysis-part-{}", p.as_str())).into()
}

struct FindingBuilder<'m> {
    en: &'m Messages,
    ko: &'m Messages,
    lang: Lang,
    out: Vec<Finding>,
}

impl FindingBuilder<'_> {
    fn push(
        &mut self,
        kind: FindingKind,
        part: Option<StarPart>,
        args: impl Fn(&Messages) -> Vec<(&'static str, Arg)>,
    ) {
        let id = format!("analysis-finding-{}", kind.as_str());
        self.push_id(kind, part, &id, args);
    }

    fn push_as(
        &mut self,
        kind: FindingKind,
        id: &str,
        args: impl Fn(&Messages) -> Vec<(&'static str, Arg)>,
    ) {
        self.push_id(kind, None, id, args);
    }

    fn push_id(
        &mut self,
        kind: FindingKind,
        part: Option<StarPart>,
        id: &str,
        args: impl Fn(&Messages) -> Vec<(&'static str, Arg)>,
    ) {
        let text = Text {
            en: self.en.format(id, &args(self.en)),
            ko: self.ko.format(id, &args(self.ko)),
        };
        self.out.push(Finding {
            kind,
            part,
            message: text.get(self.lang).to_string(),
            text,
        });
    }
}

/// Analyse one answer; messages in `lang`.
pub fn analyze(input: &AnswerInput<'_>, lang: Lang) -> Analysis {
    analyze_with(input, lang, answer_rules())
}

/// [`analyze`] with explicit rules.
pub fn analyze_with(input: &AnswerInput<'_>, lang: Lang, rules: &AnswerRules) -> Analysis {
    with_catalogues(|en, ko| analyze_in(input, lang, rules, en, ko))
}

fn analyze_in(
    input: &AnswerInput<'_>,
    lang: Lang,
    rules: &AnswerRules,
    en: &Messages,
    ko: &Messages,
) -> Analysis {
    let text = input.text;
    let language = if hangul_ratio(text) >= 0.3 {
        Lang::Ko
    } else {
        Lang::En
    };
    let segs = segment::segment(text, rules);
    let mut star = Star::default();
    let mut part_len = [(0usize, 0usize); 4];
    let mut result_text = String::new();
    for s in &segs {
        for p in [s.part, s.also].into_iter().flatten() {
            star.set(p);
            let (syl, words) = syllables_and_words(&text[s.start..s.end]);
            part_len[p.index()].0 += syl;
            part_len[p.index()].1 += words;
            if p == StarPart::Result {
                result_text.push_str(&text[s.start..s.end]);
                result_text.push('\n');
            }
        }
    }
    let metrics = signals::quantities(&result_text, rules);
    let metric = star.result && !metrics.is_empty();
    let (i_count, we_count) = signals::pronouns(text);
    let i_share = if i_count + we_count == 0 {
        0.5
    } else {
        i_count as f64 / (i_count + we_count) as f64
    };
    let fillers = signals::fillers(text, rules);
    let (syllables, words) = syllables_and_words(text);
    let p = &rules.pace;
    let estimated = words as f64 / p.en_words_per_minute * 60.0
        + syllables as f64 / p.ko_syllables_per_minute * 60.0;
    let (seconds, measured, pace, pauses) = match input.transcript {
        Some(t) if t.seconds() > 0.0 => {
            let secs = t.seconds();
            let pace = if language == Lang::Ko {
                Pace {
                    per_minute: round1(syllables as f64 / secs * 60.0),
                    unit: "syllables",
                }
            } else {
                Pace {
                    per_minute: round1(words as f64 / secs * 60.0),
                    unit: "words",
                }
            };
            let pauses = t
                .pauses(p.long_pause_seconds)
                .into_iter()
                .map(|(at, s)| Pause {
                    at: round1(at),
                    seconds: round1(s),
                })
                .collect();
            (secs, true, Some(pace), pauses)
        }
        _ => (estimated, false, None, Vec::new()),
    };
    // Principles the answer signals, strongest first.
    let cls = classifier();
    let principles: Vec<String> = cls
        .scores(text)
        .into_iter()
        .filter(|(_, s)| *s >= cls.question_threshold)
        .map(|(k, _)| k)
        .collect();

    let mut fb = FindingBuilder {
        en,
        ko,
        lang,
        out: Vec::new(),
    };
    let story = !input.technical;
    let mut thin = 0;
    for part in StarPart::ALL.into_iter().filter(|_| story) {
        if !star.has(part) {
            fb.push(FindingKind::MissingPart, Some(part), |m| {
                vec![("part", part_arg(m, part))]
            });
        } else {
            let (syl, w) = part_len[part.index()];
            if syl < rules.thin.min_ko_syllables && w < rules.thin.min_en_words {
                thin += 1;
                fb.push(FindingKind::ThinPart, Some(part), |m| {
                    vec![("part", part_arg(m, part))]
                });
            }
        }
    }
    if story && star.result && !metric {
        fb.push(FindingKind::NoMetric, Some(StarPart::Result), |_| vec![]);
    }
    let we_heavy =
        story && i_share < rules.we_heavy.max_i_share && we_count >= rules.we_heavy.min_we;
    if we_heavy {
        fb.push(FindingKind::WeHeavy, None, |_| {
            vec![("we", we_count.into()), ("i", i_count.into())]
        });
    }
    let units = words as f64 + syllables as f64 / 1.5;
    let too_many_fillers =
        fillers > 0 && fillers as f64 * 100.0 / units.max(1.0) > rules.fillers_limit.per_100;
    if too_many_fillers {
        fb.push(FindingKind::Fillers, None, |_| {
            vec![("count", fillers.into())]
        });
    }
    let secs_arg = seconds.round();
    let length_off = if story && seconds < p.min_seconds {
        fb.push(FindingKind::TooShort, None, |_| {
            vec![("seconds", secs_arg.into()), ("min", p.min_seconds.into())]
        });
        true
    } else if seconds > p.max_seconds {
        fb.push(FindingKind::TooLong, None, |_| {
            vec![("seconds", secs_arg.into()), ("max", p.max_seconds.into())]
        });
        true
    } else {
        false
    };
    let mut pace_off = false;
    if let Some(pc) = &pace {
        let (low, high) = if language == Lang::Ko {
            (p.ko_spm_low, p.ko_spm_high)
        } else {
            (p.en_wpm_low, p.en_wpm_high)
        };
        let unit_id = format!("analysis-unit-{}", pc.unit);
        if pc.per_minute > high {
            pace_off = true;
            fb.push(FindingKind::TooFast, None, |m| {
                vec![
                    ("rate", pc.per_minute.into()),
                    ("unit", m.get(&unit_id).into()),
                ]
            });
        } else if pc.per_minute < low {
            pace_off = true;
            fb.push(FindingKind::TooSlow, None, |m| {
                vec![
                    ("rate", pc.per_minute.into()),
                    ("unit", m.get(&unit_id).into()),
                ]
            });
        }
    }
    for ps in &pauses {
        fb.push(FindingKind::LongPause, None, |_| {
            vec![("at", ps.at.into()), ("seconds", ps.seconds.into())]
        });
    }
    if let Some(key) = input.probed.filter(|_| story)
        && !principles.iter().any(|p| p == key)
    {
        let fw = Framework::shared();
        fb.push(FindingKind::PrincipleNotSignalled, None, |m| {
            vec![("principle", fw.name(key, m.lang()).into())]
        });
    }
    let points: Vec<&str> = input.key_points.iter().map(|k| k.text.as_str()).collect();
    let coverage = coverage::coverage_with(text, &points, rules);
    for c in coverage.iter().filter(|c| !c.covered) {
        let fact = shorten(&c.point, 80);
        fb.push_as(
            FindingKind::DroppedFact,
            // A technical card's key point is not a prepared story's fact.
            if story {
                "analysis-finding-dropped-fact"
            } else {
                "analysis-finding-missed-point"
            },
            |_| vec![("fact", fact.as_str().into())],
        );
    }

    let sc = &rules.score;
    let ownership = (i_share / 0.5).min(1.0);
    let covered = coverage.iter().filter(|c| c.covered).count();
    let base = if !story {
        if coverage.is_empty() {
            100.0
        } else {
            100.0 * covered as f64 / coverage.len() as f64
        }
    } else {
        100.0
            * (sc.situation * f64::from(u8::from(star.situation))
                + sc.task * f64::from(u8::from(star.task))
                + sc.action * f64::from(u8::from(star.action))
                + sc.result * f64::from(u8::from(star.result))
                + sc.metric * f64::from(u8::from(metric))
                + sc.ownership * ownership)
    };
    let penalties = sc.penalty_fillers * f64::from(u8::from(too_many_fillers))
        + sc.penalty_length * f64::from(u8::from(length_off))
        + sc.penalty_thin * thin as f64
        + sc.penalty_pace * f64::from(u8::from(pace_off))
        + sc.penalty_pause * pauses.len().min(3) as f64;
    let score = (base - penalties).clamp(0.0, 100.0).round() as u32;

    Analysis {
        star,
        metric,
        i_share: (i_share * 100.0).round() / 100.0,
        fillers,
        seconds: round1(seconds),
        principles,
        score,
        findings: fb.out,
        language,
        measured,
        pace,
        pauses,
        metrics,
        i_count,
        we_count,
        sentences: segs
            .iter()
            .map(|s| SentenceView {
                text: text[s.start..s.end].to_string(),
                part: s.part,
                also: s.also,
            })
            .collect(),
        probed: input.probed.map(str::to_string),
        coverage,
    }
}

/// At most `max` characters, with "…" when cut.
fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
