//! Markdown notes in, structured workspace out, and back again without losing a byte.
//!
//! The document text is kept whole; the model records the byte span of everything it
//! recognised. Export is the text itself, and an edit replaces only the span it changes
//! ([`edit::set_part`]). Re-importing keeps ids ([`identity::assign_ids`]).

pub mod edit;
mod extract;
mod html;
pub mod identity;
pub mod input;
mod lines;
mod rounds;
mod star;
pub mod synth;
mod vocab;

use loopcoach_core::{Document, Framework};
use sha2::{Digest, Sha256};
use thiserror::Error;

pub use input::DEFAULT_MAX_BYTES;

/// Why a notes file was refused. Every variant names the file and, where there is one, the
/// place (line:column, byte offset).
#[derive(Debug, Error, PartialEq)]
pub enum ImportError {
    #[error(
        "{path}: file is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: binary content (NUL or control byte at byte {offset}); not a notes file")]
    Binary { path: String, offset: usize },
    #[error("{path}:{line}:{column}: invalid UTF-8 at byte {offset}; save the file as UTF-8")]
    InvalidUtf8 {
        path: String,
        line: usize,
        column: usize,
        offset: usize,
    },
    #[error("{path}:{line}:{column}: front matter opened with '{fence}' is never closed")]
    UnterminatedFrontMatter {
        path: String,
        line: usize,
        column: usize,
        fence: String,
    },
    #[error("{path}:{line}:{column}: front matter: {message}")]
    FrontMatter {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// Why an edit could not be made.
#[derive(Debug, Error, PartialEq)]
pub enum EditError {
    #[error("the story's position in the notes is out of date; run `loopcoach sync`")]
    Stale,
    #[error("invalid text: {0}")]
    InvalidText(String),
    #[error("not supported yet: {0}")]
    Unsupported(String),
}

/// Options for reading a file.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub max_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// SHA-256 of the text, hex.
pub fn content_hash(text: &str) -> String {
    let d = Sha256::digest(text.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Check raw bytes and parse them. `old` is the previous import of the same file, whose ids
/// are kept for entities that are still there.
pub fn parse_bytes(
    path: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    old: Option<&Document>,
) -> Result<(Document, String), ImportError> {
    let text = input::decode(path, bytes, opts.max_bytes)?;
    let doc = parse_with(path, text, old)?;
    Ok((doc, text.to_string()))
}

/// Like [`parse_bytes`], taking the bytes by value so the text is not copied (a 10 MB file
/// stays one allocation).
pub fn parse_owned(
    path: &str,
    bytes: Vec<u8>,
    opts: &ImportOptions,
    old: Option<&Document>,
) -> Result<(Document, String), ImportError> {
    input::decode(path, &bytes, opts.max_bytes)?;
    // `decode` has checked the bytes are UTF-8.
    let text = String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        ImportError::InvalidUtf8 {
            path: path.to_string(),
            line: 0,
            column: 0,
            offset: off,
        }
    })?;
    let doc = parse_with(path, &text, old)?;
    Ok((doc, text))
}

/// Parse text (already known to be UTF-8) into a document with final ids and links.
pub fn parse_with(path: &str, text: &str, old: Option<&Document>) -> Result<Document, ImportError> {
    let framework = Framework::amazon();
    let (fm, body_start) = input::front_matter(path, text, &framework)?;
    let table = lines::LineTable::build(text, body_start);
    let body_first_line = if body_start >= text.len() && body_start > 0 {
        table.lines.len()
    } else {
        table.line_of(body_start)
    };
    let ex = extract::Extractor::new(text, path, &table, &framework, fm, content_hash(text));
    let mut doc = ex.run(body_first_line);
    identity::assign_ids(&mut doc, old);
    loopcoach_core::links::link_document(&mut doc);
    Ok(doc)
}

/// Parse text with no previous import.
pub fn parse_text(path: &str, text: &str) -> Result<Document, ImportError> {
    parse_with(path, text, None)
}
