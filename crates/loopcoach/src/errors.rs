//! How an error reaches the user: once, in their language, with the file it is about, and
//! never with raw control characters.
//!
//! An error's chain often says the same thing twice (an I/O error wrapped with its own text,
//! a library error repeating its source's message), which `{:#}` prints in full: a cause whose
//! text is already in what is shown is left out. Errors of the notes reader and of the store
//! are rendered from the Fluent catalogue; a store error names the workspace file.

use loopcoach_core::i18n::Arg;
use loopcoach_core::text::for_terminal;
use loopcoach_notes::ImportError;
use loopcoach_practice::PracticeError;
use loopcoach_practice::anki::AnkiProblem;
use loopcoach_store::StoreError;

use crate::ctx::Ctx;

/// The text shown for `e` (after `loopcoach: `).
pub fn render(ctx: &Ctx, e: &anyhow::Error) -> String {
    let mut shown = String::new();
    for cause in e.chain() {
        let text = if let Some(ie) = cause.downcast_ref::<ImportError>() {
            import_error(ctx, ie)
        } else if let Some(se) = cause.downcast_ref::<StoreError>() {
            store_error(ctx, se)
        } else if let Some(PracticeError::Anki {
            file,
            line,
            problem,
        }) = cause.downcast_ref::<PracticeError>()
        {
            anki_error(ctx, file, *line, problem)
        } else {
            cause.to_string()
        };
        let text = text.trim();
        if text.is_empty() || shown.contains(text) {
            continue;
        }
        if !shown.is_empty() {
            shown.push_str(": ");
        }
        shown.push_str(text);
    }
    for_terminal(&shown).into_owned()
}

fn import_error(ctx: &Ctx, e: &ImportError) -> String {
    let s = |v: &str| Arg::from(v);
    let n = |v: usize| Arg::from(v);
    match e {
        ImportError::TooLarge { path, size, limit } => ctx.t(
            "import-error-too-large",
            &[
                ("path", s(path)),
                ("size", Arg::from(*size)),
                ("limit", Arg::from(*limit)),
            ],
        ),
        ImportError::BeyondCeiling { path, size } => ctx.t(
            "import-error-beyond-ceiling",
            &[
                ("path", s(path)),
                ("size", Arg::from(*size)),
                ("limit", Arg::from(loopcoach_notes::MAX_TEXT_BYTES)),
            ],
        ),
        ImportError::Binary { path, offset } => ctx.t(
            "import-error-binary",
            &[("path", s(path)), ("offset", n(*offset))],
        ),
        ImportError::Utf16 { path, encoding } => ctx.t(
            "import-error-utf16",
            &[("path", s(path)), ("encoding", s(encoding))],
        ),
        ImportError::InvalidUtf8 {
            path,
            line,
            column,
            offset,
        } => ctx.t(
            "import-error-invalid-utf8",
            &[
                ("path", s(path)),
                ("line", n(*line)),
                ("column", n(*column)),
                ("offset", n(*offset)),
            ],
        ),
        ImportError::UnterminatedFrontMatter {
            path,
            line,
            column,
            fence,
        } => ctx.t(
            "import-error-front-matter-open",
            &[
                ("path", s(path)),
                ("line", n(*line)),
                ("column", n(*column)),
                ("fence", s(fence)),
            ],
        ),
        ImportError::FrontMatter {
            path,
            line,
            column,
            message,
        } => ctx.t(
            "import-error-front-matter",
            &[
                ("path", s(path)),
                ("line", n(*line)),
                ("column", n(*column)),
                ("message", s(message)),
            ],
        ),
    }
}

fn store_error(ctx: &Ctx, e: &StoreError) -> String {
    match e {
        StoreError::Open { path, message } => ctx.t(
            "error-workspace-open",
            &[("path", Arg::from(path)), ("message", Arg::from(message))],
        ),
        StoreError::Dir { path, message } => ctx.t(
            "error-workspace-dir",
            &[("path", Arg::from(path)), ("message", Arg::from(message))],
        ),
        other => ctx.t(
            "error-workspace",
            &[
                ("path", Arg::from(ctx.db.display().to_string())),
                ("message", Arg::from(other.to_string())),
            ],
        ),
    }
}

fn anki_error(ctx: &Ctx, file: &str, line: usize, problem: &AnkiProblem) -> String {
    let detail = match problem {
        AnkiProblem::EmptySeparator => ctx.t("anki-error-empty-separator", &[]),
        AnkiProblem::UnterminatedQuote => ctx.t("anki-error-unterminated-quote", &[]),
        AnkiProblem::EmptyFront => ctx.t("anki-error-empty-front", &[]),
        AnkiProblem::TooManyNotes { max } => {
            ctx.t("anki-error-too-many", &[("max", Arg::from(*max))])
        }
        AnkiProblem::FieldTooLong { chars, max } => ctx.t(
            "anki-error-field-too-long",
            &[("chars", Arg::from(*chars)), ("max", Arg::from(*max))],
        ),
    };
    ctx.t(
        "anki-error",
        &[
            ("path", Arg::from(file)),
            ("line", Arg::from(line)),
            ("detail", Arg::from(detail)),
        ],
    )
}
