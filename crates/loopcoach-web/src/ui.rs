//! What every page needs besides its data: the language (and its message catalogue) and the
//! CSRF token its forms carry.

use std::cell::RefCell;
use std::rc::Rc;

use axum::http::HeaderMap;
use loopcoach_core::i18n::Arg;
use loopcoach_core::{Lang, Messages};

/// The name of the cookie that remembers the language.
pub const LANG_COOKIE: &str = "lc_lang";

thread_local! {
    // One parsed catalogue per language per worker thread: parsing the Fluent files costs
    // more than rendering most pages. Immutable once built; never shared across threads.
    static CATALOGUES: RefCell<[Option<Rc<Messages>>; 2]> = const { RefCell::new([None, None]) };
}

/// The catalogue of `lang` (built once per thread).
fn catalogue(lang: Lang) -> Rc<Messages> {
    let i = match lang {
        Lang::Ko => 0,
        Lang::En => 1,
    };
    CATALOGUES.with(|c| {
        let mut c = c.borrow_mut();
        Rc::clone(c[i].get_or_insert_with(|| Rc::new(Messages::new(lang))))
    })
}

/// Messages in one language, for templates (`{{ p.t.get("web-nav-dashboard") }}`).
#[derive(Debug, Clone)]
pub struct Tr {
    msg: Rc<Messages>,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr {
            msg: catalogue(lang),
        }
    }

    /// The message `id`.
    pub fn get(&self, id: &str) -> String {
        self.msg.get(id)
    }

    /// The message `id` with arguments.
    pub fn fmt(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.msg.format(id, args)
    }

    /// The message `id` with one numeric argument `n` (by reference: how templates pass it).
    pub fn n(&self, id: &str, n: &usize) -> String {
        self.msg.format(id, &[("n", Arg::from(*n))])
    }

    /// The message `id` with one text argument `name`.
    pub fn s(&self, id: &str, name: &str) -> String {
        self.msg.format(id, &[("name", Arg::from(name))])
    }

    pub fn messages(&self) -> &Messages {
        &self.msg
    }
}

/// The request's page context: language and CSRF token.
#[derive(Debug, Clone)]
pub struct Ui {
    pub lang: Lang,
    pub csrf: String,
}

impl Ui {
    /// English, no token: for errors raised before the request was read.
    pub fn fallback() -> Ui {
        Ui {
            lang: Lang::En,
            csrf: String::new(),
        }
    }

    pub fn tr(&self) -> Tr {
        Tr::new(self.lang)
    }
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The language the request asks for: the remembered choice, else the first of ko/en in
/// `Accept-Language` (by its order of preference), else none (the notes decide).
pub fn requested_lang(headers: &HeaderMap) -> Option<Lang> {
    if let Some(l) = cookie(headers, LANG_COOKIE).and_then(|v| v.parse::<Lang>().ok()) {
        return Some(l);
    }
    let accept = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)?
        .to_str()
        .ok()?;
    let mut best: Option<(f32, Lang)> = None;
    for item in accept.split(',') {
        let mut it = item.split(';');
        let tag = it.next().unwrap_or("").trim();
        let q = it
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Ok(l) = tag.parse::<Lang>()
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, l));
        }
    }
    best.map(|(_, l)| l)
}

/// The language the notes are written in: Korean when Hangul is at least a tenth of their
/// letters.
pub fn notes_lang(docs: &[loopcoach_core::Document]) -> Lang {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for d in docs {
        for s in &d.stories {
            for c in s.full_text().chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                    hangul += 1;
                }
            }
        }
        for q in &d.questions {
            for c in q.title.chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                    hangul += 1;
                }
            }
        }
    }
    if letters > 0 && hangul * 10 >= letters {
        Lang::Ko
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_cookie_wins_over_accept_language() {
        let h = headers(&[("cookie", "a=1; lc_lang=ko"), ("accept-language", "en-US")]);
        assert_eq!(requested_lang(&h), Some(Lang::Ko));
    }

    #[test]
    fn accept_language_is_read_by_preference() {
        let h = headers(&[("accept-language", "fr;q=1, en;q=0.5, ko-KR;q=0.8")]);
        assert_eq!(requested_lang(&h), Some(Lang::Ko));
        let h = headers(&[("accept-language", "de, fr")]);
        assert_eq!(requested_lang(&h), None);
    }

    #[test]
    fn a_bad_cookie_falls_back_to_the_header() {
        let h = headers(&[("cookie", "lc_lang=xx"), ("accept-language", "en")]);
        assert_eq!(requested_lang(&h), Some(Lang::En));
    }
}
