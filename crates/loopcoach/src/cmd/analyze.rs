//! `loopcoach analyze [--question ID] (--file F | --transcript F.srt|.vtt) [--json]`: feedback
//! on one answer (see `loopcoach_core::analysis` and `docs/feedback.md`). The answer is kept
//! in the history as a one-answer session.

use std::path::PathBuf;

use anyhow::{Context, Result};
use loopcoach_core::analysis::{self, Analysis, AnswerInput, KeyPoint, Transcript};
use loopcoach_core::links::classifier;
use loopcoach_core::{Document, LinkKind};
use loopcoach_store::MockSessionRow;
use serde::Serialize;

use crate::ctx::Ctx;

// Shared with the web UI's mock page (issue 17).
pub use loopcoach_practice::mock_store::{QuestionInfo, answer_row, session_id};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The question answered: a question id from your notes or a card id
    #[arg(long, value_name = "ID")]
    pub question: Option<String>,
    /// The answer as plain text
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "transcript",
        conflicts_with = "transcript"
    )]
    pub file: Option<PathBuf>,
    /// The answer as a timestamped transcript (.srt or .vtt) from any speech-to-text tool
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,
    /// Print JSON (docs/json.md)
    #[arg(long)]
    pub json: bool,
    /// Record the answer at this time (RFC 3339) instead of now
    #[arg(long, hide = true)]
    pub now: Option<String>,
}

/// Find `id` among the notes' questions, then among the cards.
pub fn question_info(ctx: &Ctx, docs: &[Document], id: &str) -> Result<QuestionInfo> {
    for d in docs {
        if let Some(q) = d.question(id) {
            let story = q.stories.first().and_then(|s| d.story(s));
            let principle = classifier().question_principle(&q.title).or_else(|| {
                story.and_then(|s| {
                    s.links
                        .iter()
                        .find(|l| l.kind == LinkKind::Explicit)
                        .or(s.links.first())
                        .map(|l| l.principle.to_string())
                })
            });
            return Ok(QuestionInfo {
                id: Some(id.to_string()),
                text: q.title.clone(),
                principle,
                topic: None,
                key_points: story.map(analysis::story_key_points).unwrap_or_default(),
                technical: false,
            });
        }
    }
    let cards = loopcoach_practice::builtin_cards()
        .into_iter()
        .chain(loopcoach_practice::mine_cards(docs));
    for c in cards {
        if c.id == id {
            let technical = c.kind == loopcoach_practice::CardKind::Technical;
            return Ok(QuestionInfo {
                id: Some(id.to_string()),
                text: c.question.get(ctx.lang).to_string(),
                principle: c.principle.clone(),
                topic: c.topic.clone(),
                key_points: if technical {
                    c.key_points
                        .get(ctx.lang)
                        .iter()
                        .map(|t| KeyPoint {
                            kind: analysis::PointKind::Point,
                            text: t.clone(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                technical,
            });
        }
    }
    anyhow::bail!(ctx.t("analyze-unknown-question", &[("id", id.into())]))
}

#[derive(Serialize)]
struct Out<'a> {
    question: Option<&'a str>,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// The lines of human feedback on one analysis.
pub fn render(ctx: &Ctx, a: &Analysis) -> String {
    let star: String = loopcoach_core::StarPart::ALL
        .iter()
        .map(|p| {
            if a.star.has(*p) {
                p.letter().to_string()
            } else {
                "-".to_string()
            }
        })
        .collect();
    let mut out = vec![
        ctx.t("analyze-score", &[("score", u64::from(a.score).into())]),
        ctx.t("analyze-star", &[("star", star.into())]),
        if a.metric {
            ctx.t(
                "analyze-metric-yes",
                &[("metrics", a.metrics.join(", ").into())],
            )
        } else {
            ctx.t("analyze-metric-no", &[])
        },
        ctx.t(
            "analyze-pronouns",
            &[
                ("ishare", (a.i_share * 100.0).round().into()),
                ("i", a.i_count.into()),
                ("we", a.we_count.into()),
                ("fillers", a.fillers.into()),
            ],
        ),
        match &a.pace {
            Some(p) => ctx.t(
                "analyze-seconds-measured",
                &[
                    ("seconds", a.seconds.into()),
                    ("rate", p.per_minute.into()),
                    (
                        "unit",
                        ctx.t(&format!("analysis-unit-{}", p.unit), &[]).into(),
                    ),
                ],
            ),
            None => ctx.t(
                "analyze-seconds-estimated",
                &[("seconds", a.seconds.round().into())],
            ),
        },
    ];
    let fw = loopcoach_core::Framework::shared();
    let names: Vec<String> = a.principles.iter().map(|k| fw.name(k, ctx.lang)).collect();
    out.push(
        ctx.t(
            "analyze-principles",
            &[(
                "principles",
                if names.is_empty() {
                    ctx.t("analyze-none", &[])
                } else {
                    names.join(", ")
                }
                .into(),
            )],
        ),
    );
    for f in &a.findings {
        out.push(format!("- {}", f.message));
    }
    out.join("\n")
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let now = match &a.now {
        Some(s) => ctx.parse_now(s)?,
        None => ctx.now(),
    };
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).with_context(|| {
            ctx.t(
                "error-cannot-read",
                &[("path", p.display().to_string().into())],
            )
        })
    };
    let (text, transcript) = match (&a.file, &a.transcript) {
        (_, Some(t)) => {
            let src = read(t)?;
            let tr = Transcript::parse(&src).map_err(|e| {
                anyhow::anyhow!(ctx.t(
                    "analyze-bad-transcript",
                    &[
                        ("path", t.display().to_string().into()),
                        ("detail", e.to_string().into())
                    ]
                ))
            })?;
            (tr.text(), Some(tr))
        }
        (Some(f), None) => (read(f)?, None),
        (None, None) => anyhow::bail!("--file or --transcript"),
    };
    if text.trim().is_empty() {
        let p = a.file.as_ref().or(a.transcript.as_ref());
        anyhow::bail!(
            ctx.t(
                "analyze-empty",
                &[(
                    "path",
                    p.map(|p| p.display().to_string())
                        .unwrap_or_default()
                        .into()
                )]
            )
        );
    }
    let mut store = ctx.store()?;
    let docs = store.workspace()?;
    let info = match &a.question {
        Some(id) => question_info(ctx, &docs, id)?,
        None => QuestionInfo::default(),
    };
    let analysis = analysis::analyze(
        &AnswerInput {
            text: &text,
            transcript: transcript.as_ref(),
            probed: info.principle.as_deref(),
            key_points: &info.key_points,
            technical: info.technical,
        },
        ctx.lang,
    );
    let at = crate::ctx::rfc3339(now);
    let session = MockSessionRow {
        id: session_id(&store, "analyze", now)?,
        round: "analyze".into(),
        lang: ctx.lang.code().into(),
        seed: None,
        started_at: at.clone(),
        ended_at: Some(at.clone()),
        outcome: None,
    };
    let row = answer_row(&session.id, 1, &info, &text, &analysis, &at)?;
    store.transact(|tx| -> Result<()> {
        tx.create_mock_session(&session)?;
        tx.add_mock_answer(&row)?;
        Ok(())
    })?;
    if a.json {
        crate::ctx::print_json(&Out {
            question: info.id.as_deref(),
            analysis: &analysis,
        })
    } else {
        crate::out::line(loopcoach_core::text::for_terminal(&render(ctx, &analysis)))
    }
}
