//! Two languages, one small module (after Anki's `rslib/i18n`).
//!
//! Sentences a user reads live in Fluent files, one per language
//! (`content/i18n/{en,ko}.ftl`, embedded at build time); code asks for a message by id with
//! arguments. Bilingual data in content files uses [`Text`].

use std::fmt;
use std::str::FromStr;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

// One catalogue per language, assembled from per-domain files (fewer edit collisions).
const EN_FTL: &str = concat!(
    include_str!("../../../content/i18n/en.ftl"),
    "\n",
    include_str!("../../../content/i18n/readiness.en.ftl"),
);
const KO_FTL: &str = concat!(
    include_str!("../../../content/i18n/ko.ftl"),
    "\n",
    include_str!("../../../content/i18n/readiness.ko.ftl"),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ko,
    #[default]
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        match s.split(['-', '_', '.']).next().unwrap_or("") {
            "ko" | "kr" | "korean" => Ok(Lang::Ko),
            "en" | "english" => Ok(Lang::En),
            _ => Err(format!("unknown language '{s}' (ko|en)")),
        }
    }
}

/// The language a text is mostly written in, by words: a word holding Hangul is Korean, a word
/// of two or more Latin letters (and no Hangul) is English; other words (numbers, markup,
/// Chinese or Japanese, which loopcoach does not speak) count for neither. `None` when no word
/// counts, or when both count the same.
pub fn dominant_lang(text: &str) -> Option<Lang> {
    let (mut ko, mut en) = (0usize, 0usize);
    for word in text.split_whitespace() {
        if word.chars().any(crate::text::is_hangul) {
            ko += 1;
        } else if word
            .chars()
            .filter(char::is_ascii_alphabetic)
            .nth(1)
            .is_some()
        {
            en += 1;
        }
    }
    match ko.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Ko),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

/// What the environment says about the language of messages: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty decides, as POSIX has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvLang {
    /// A locale in a language loopcoach speaks (`ko_KR.UTF-8`, `en_US`).
    Lang(Lang),
    /// A locale loopcoach has no messages for, or `C`/`POSIX` (untranslated, as gettext treats
    /// them): English.
    Untranslated,
    /// No locale at all: the language the notes are mostly written in.
    Unset,
}

/// Reads [`EnvLang`] through `var` (the environment, or a map in tests).
pub fn env_lang(var: impl Fn(&str) -> Option<String>) -> EnvLang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.trim().is_empty()))
        .map_or(EnvLang::Unset, |v| {
            v.parse::<Lang>()
                .map_or(EnvLang::Untranslated, EnvLang::Lang)
        })
}

/// A string in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko if !self.ko.is_empty() => &self.ko,
            Lang::Ko => &self.en,
            Lang::En if !self.en.is_empty() => &self.en,
            Lang::En => &self.ko,
        }
    }
}

/// A message catalogue for one language.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

/// An argument value for a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Num(f64::from(n))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        let src = match lang {
            Lang::Ko => KO_FTL,
            Lang::En => EN_FTL,
        };
        let langid = match lang {
            Lang::Ko => unic_langid::langid!("ko"),
            Lang::En => unic_langid::langid!("en"),
        };
        let mut bundle = FluentBundle::new(vec![langid]);
        // Terminal output: no Unicode isolation marks around arguments.
        bundle.set_use_isolating(false);
        // The embedded files are checked by tests; a broken resource yields ids, not a panic.
        let res = match FluentResource::try_new(src.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(res);
        Messages { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id` with no arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with named arguments (control characters in them made visible, see
    /// [`crate::text::for_terminal`]). A missing id returns the id itself, so a gap in
    /// a catalogue shows up in output (and in the catalogue test) instead of vanishing.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(msg) = self.bundle.get_message(id) else {
            return id.to_string();
        };
        let Some(pattern) = msg.value() else {
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            match v {
                // Arguments carry text from files (titles, ids, paths): never raw controls.
                Arg::Str(s) => fargs.set(
                    *k,
                    FluentValue::from(crate::text::for_terminal(s).into_owned()),
                ),
                Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
            }
        }
        let mut errors = vec![];
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// Every message id in this catalogue (for the catalogue test).
    pub fn ids(lang: Lang) -> Vec<String> {
        let src = match lang {
            Lang::Ko => KO_FTL,
            Lang::En => EN_FTL,
        };
        src.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t', '.', '[', '*', '}']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_and_hold_the_same_ids() {
        for src in [EN_FTL, KO_FTL] {
            assert!(FluentResource::try_new(src.to_string()).is_ok());
        }
        let mut en = Messages::ids(Lang::En);
        let mut ko = Messages::ids(Lang::Ko);
        en.sort();
        ko.sort();
        let only_en: Vec<_> = en.iter().filter(|i| !ko.contains(i)).collect();
        let only_ko: Vec<_> = ko.iter().filter(|i| !en.contains(i)).collect();
        assert!(only_en.is_empty(), "missing in ko.ftl: {only_en:?}");
        assert!(only_ko.is_empty(), "missing in en.ftl: {only_ko:?}");
    }

    #[test]
    fn formats_arguments_in_both_languages() {
        let en = Messages::new(Lang::En);
        let ko = Messages::new(Lang::Ko);
        let args = [("count", Arg::from(3usize)), ("path", Arg::from("a.md"))];
        assert!(en.format("import-done", &args).contains("a.md"));
        assert!(ko.format("import-done", &args).contains("a.md"));
        assert_ne!(
            en.format("import-done", &args),
            ko.format("import-done", &args)
        );
        assert_eq!(en.get("no-such-message"), "no-such-message");
    }

    #[test]
    fn dominant_lang_counts_words_not_letters() {
        // Korean sentences with English terms inside are Korean.
        assert_eq!(
            dominant_lang("JWT의 구조는 헤더, 페이로드, 서명입니다. Docker 이미지"),
            Some(Lang::Ko)
        );
        assert_eq!(
            dominant_lang("The token expired before the 요청 reached the API."),
            Some(Lang::En)
        );
        // Markup, numbers and single letters count for neither; Chinese is not spoken.
        assert_eq!(dominant_lang("**S:** 1) - [x] | --- |"), None);
        assert_eq!(dominant_lang("我负责 后端 服务"), None);
        assert_eq!(dominant_lang("간단 simple"), None);
    }

    #[test]
    fn the_environment_decides_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(env_lang(env(&[])), EnvLang::Unset);
        assert_eq!(env_lang(env(&[("LANG", "")])), EnvLang::Unset);
        assert_eq!(
            env_lang(env(&[("LANG", "ko_KR.UTF-8")])),
            EnvLang::Lang(Lang::Ko)
        );
        assert_eq!(env_lang(env(&[("LANG", "C.UTF-8")])), EnvLang::Untranslated);
        assert_eq!(env_lang(env(&[("LANG", "POSIX")])), EnvLang::Untranslated);
        assert_eq!(
            env_lang(env(&[("LANG", "de_DE.UTF-8")])),
            EnvLang::Untranslated
        );
        assert_eq!(
            env_lang(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "ko_KR.UTF-8")])),
            EnvLang::Lang(Lang::Ko)
        );
        assert_eq!(
            env_lang(env(&[("LANG", "ko_KR.UTF-8"), ("LC_MESSAGES", "C")])),
            EnvLang::Untranslated
        );
        assert_eq!(
            env_lang(env(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "")])),
            EnvLang::Lang(Lang::Ko)
        );
    }

    #[test]
    fn lang_parses_common_spellings() {
        assert_eq!("ko".parse::<Lang>(), Ok(Lang::Ko));
        assert_eq!("ko_KR.UTF-8".parse::<Lang>(), Ok(Lang::Ko));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
    }
}
