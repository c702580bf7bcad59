//! What every command gets: where the workspace is, the language, the message catalogue.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use loopcoach_core::i18n::EnvLang;
use loopcoach_core::{Document, Lang, Messages};
use loopcoach_store::SqliteStore;

#[derive(Debug)]
pub struct Ctx {
    pub db: PathBuf,
    pub lang: Lang,
    pub msg: Messages,
}

/// The language the workspace's notes are mostly written in, when no locale says one: read
/// from the first 64 KiB of each document (`None` without a workspace or notes).
fn notes_lang(db: &Path) -> Option<Lang> {
    if !db.is_file() {
        return None;
    }
    let samples = SqliteStore::open(db).ok()?.text_samples(64 * 1024).ok()?;
    loopcoach_core::i18n::dominant_lang(&samples.join("\n"))
}

impl Ctx {
    pub fn new(db: Option<PathBuf>, lang: Option<String>) -> Result<Ctx> {
        let db = match db {
            Some(p) => p,
            None => match std::env::var_os("LOOPCOACH_DB").filter(|v| !v.is_empty()) {
                Some(p) => PathBuf::from(p),
                None => default_db()?,
            },
        };
        let lang = match lang.or_else(|| {
            std::env::var("LOOPCOACH_LANG")
                .ok()
                .filter(|v| !v.is_empty())
        }) {
            Some(l) => l.parse::<Lang>().map_err(anyhow::Error::msg)?,
            None => match loopcoach_core::i18n::env_lang(|k| std::env::var(k).ok()) {
                EnvLang::Lang(l) => l,
                EnvLang::Untranslated => Lang::En,
                EnvLang::Unset => notes_lang(&db).unwrap_or(Lang::En),
            },
        };
        Ok(Ctx {
            db,
            lang,
            msg: Messages::new(lang),
        })
    }

    pub fn store(&self) -> Result<SqliteStore> {
        // The error names the workspace file itself.
        Ok(SqliteStore::open(&self.db)?)
    }

    pub fn workspace(&self) -> Result<Vec<Document>> {
        Ok(self.store()?.workspace()?)
    }

    /// A message in the user's language.
    pub fn t(&self, id: &str, args: &[(&str, loopcoach_core::i18n::Arg)]) -> String {
        self.msg.format(id, args)
    }

    /// The current time, RFC 3339 (the one place the binary reads the clock).
    pub fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::now_utc()
    }

    pub fn now_rfc3339(&self) -> String {
        rfc3339(self.now())
    }

    /// A `--now` value: an RFC 3339 time between the years [`FIRST_YEAR`] and [`LAST_YEAR`]
    /// (schedules a century ahead and certificates years around it stay in range).
    pub fn parse_now(&self, s: &str) -> Result<time::OffsetDateTime> {
        let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .map_err(|_| anyhow::anyhow!(self.t("error-bad-now", &[("value", s.into())])))?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&t.year()) {
            anyhow::bail!(self.t(
                "error-now-range",
                &[
                    ("value", s.into()),
                    ("first", FIRST_YEAR.to_string().into()),
                    ("last", LAST_YEAR.to_string().into()),
                ]
            ));
        }
        Ok(t)
    }
}

/// The first year `--now` accepts.
pub const FIRST_YEAR: i32 = 1970;
/// The last year `--now` accepts.
pub const LAST_YEAR: i32 = 2999;

pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

fn default_db() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "loopcoach").context(
        "no home directory to keep the workspace in; pass --db PATH or set LOOPCOACH_DB",
    )?;
    Ok(dirs.data_dir().join("loopcoach.db"))
}

/// The path a notes file is known by: absolute and normalised, so `notes.md` and
/// `./notes.md` are the same document.
pub fn doc_path(ctx: &Ctx, p: &Path) -> Result<String> {
    let abs = std::fs::canonicalize(p).with_context(|| {
        ctx.t(
            "error-cannot-read",
            &[("path", p.display().to_string().into())],
        )
    })?;
    Ok(abs.to_string_lossy().into_owned())
}

/// Print JSON to stdout (pretty, then a newline). Write errors are returned; `main` ends
/// quietly on a closed pipe (`loopcoach show --json | head`).
pub fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    use std::io::Write;
    crate::out::print(|out| {
        serde_json::to_writer_pretty(&mut *out, v)?;
        writeln!(out)?;
        Ok(())
    })
}
