//! The browser pages of a group's banks and drill: `/groups/{id}/banks` (the list, and for
//! owners and coaches a form for a new bank), `/groups/{id}/banks/{name}` (its questions, and
//! the bank's TOML to edit), `/groups/{id}/drill` (the caller's next card, rated 1–4). The
//! same operations as the API ([`crate::study::service`]); a bank the parser refuses comes
//! back in its form with the problems, one a line.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use loopcoach_core::i18n::Arg;
use loopcoach_core::{Framework, Text};
use loopcoach_practice::bank::TextList;
use loopcoach_practice::{Card, CardKind};
use loopcoach_web::pages::P;

use super::{PageUi, render, render_status, see_other};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::handlers::PathOf;
use crate::router::{AppState, Id};
use crate::storage::Database;
use crate::study::banks::{BankSummary, BankUpload, BankView};
use crate::study::drill::{DrillNext, NewDrillRating};
use crate::study::service;

/// The fields of a form body (`a=1&b=2&b=3`), in order; repeated names kept.
pub fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// The first value of `name` in a form, or "".
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// What a template needs to show bilingual content in the page's language.
pub trait Lingual {
    fn page(&self) -> &P;
    fn tx<'a>(&self, t: &'a Text) -> &'a str {
        t.get(self.page().language)
    }
    fn tl<'a>(&self, l: &'a TextList) -> &'a [String] {
        l.get(self.page().language)
    }
    fn principle(&self, key: &str) -> String {
        Framework::shared().name(key, self.page().language)
    }
}

#[derive(Debug, Template)]
#[template(path = "server/study_banks.html")]
pub struct BanksPage {
    pub p: P,
    pub group: i64,
    pub banks: Vec<BankSummary>,
    pub can_edit: bool,
    /// A refused new bank: its name, text and the problems.
    pub draft: Option<(String, String, String)>,
}

impl Lingual for BanksPage {
    fn page(&self) -> &P {
        &self.p
    }
}

impl BanksPage {
    pub fn subject(&self, b: &BankSummary) -> String {
        match b.kind {
            CardKind::Technical => b.key.clone(),
            _ => self.principle(&b.key),
        }
    }
}

#[derive(Debug, Template)]
#[template(path = "server/study_bank.html")]
pub struct BankPage {
    pub p: P,
    pub group: i64,
    pub bank: BankView,
    pub can_edit: bool,
    /// The text in the editor (the bank's, or a refused edit).
    pub toml: String,
    pub problems: Option<String>,
}

impl Lingual for BankPage {
    fn page(&self) -> &P {
        &self.p
    }
}

async fn banks_page<D: Database>(
    st: &AppState<D>,
    user: &crate::storage::User,
    ui: &PageUi,
    group: i64,
    draft: Option<(String, String, String)>,
) -> Result<BanksPage, ApiError> {
    let (banks, role) = service::banks(&st.db, user, group).await?;
    Ok(BanksPage {
        p: ui.p("groups", "study-banks-title"),
        group,
        banks,
        can_edit: role.can_coach(),
        draft,
    })
}

/// `GET /groups/{id}/banks`.
pub async fn banks<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
) -> Result<Response, ApiError> {
    render(&banks_page(&st, &user, &ui, group, None).await?)
}

/// `POST /groups/{id}/banks` (owners and coaches): a new bank from `name` and `toml`; a bank
/// the parser refuses comes back in the form (400).
pub async fn create_bank<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
    body: Bytes,
) -> Result<Response, ApiError> {
    let f = form_fields(&body);
    let (name, toml) = (field(&f, "name").trim().to_owned(), field(&f, "toml"));
    let upload = BankUpload {
        toml: toml.replace("\r\n", "\n"),
    };
    match service::put_bank(&st.db, &user, group, &name, &upload).await {
        Ok((b, _)) => Ok(see_other(&format!("/groups/{group}/banks/{}", b.name))),
        Err(ApiError::BadRequest(problems)) => {
            let page =
                banks_page(&st, &user, &ui, group, Some((name, upload.toml, problems))).await?;
            render_status(StatusCode::BAD_REQUEST, &page)
        }
        Err(e) => Err(e),
    }
}

/// `GET /groups/{id}/banks/{name}`.
pub async fn bank<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    PathOf((group, name)): PathOf<(i64, String)>,
) -> Result<Response, ApiError> {
    let (bank, role) = service::bank(&st.db, &user, group, &name).await?;
    let mut p = ui.p("groups", "study-banks-title");
    p.title = bank.name.clone();
    render(&BankPage {
        p,
        group,
        toml: bank.toml.clone(),
        bank,
        can_edit: role.can_coach(),
        problems: None,
    })
}

/// `POST /groups/{id}/banks/{name}` (owners and coaches): replace the bank with the edited
/// TOML; refused text comes back in the editor with the problems (400).
pub async fn save_bank<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    PathOf((group, name)): PathOf<(i64, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let f = form_fields(&body);
    let upload = BankUpload {
        toml: field(&f, "toml").replace("\r\n", "\n"),
    };
    match service::put_bank(&st.db, &user, group, &name, &upload).await {
        Ok(_) => Ok(see_other(&format!("/groups/{group}/banks/{name}"))),
        Err(ApiError::BadRequest(problems)) => {
            let (bank, role) = service::bank(&st.db, &user, group, &name).await?;
            let mut p = ui.p("groups", "study-banks-title");
            p.title = bank.name.clone();
            let page = BankPage {
                p,
                group,
                bank,
                can_edit: role.can_coach(),
                toml: upload.toml,
                problems: Some(problems),
            };
            render_status(StatusCode::BAD_REQUEST, &page)
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Template)]
#[template(path = "server/study_drill.html")]
pub struct DrillPage {
    pub p: P,
    pub group: i64,
    pub next: DrillNext,
    /// (value, label) of the four ratings.
    pub ratings: Vec<(u8, String)>,
}

impl Lingual for DrillPage {
    fn page(&self) -> &P {
        &self.p
    }
}

impl DrillPage {
    /// "3 due, 5 new" in the page's language.
    pub fn counts(&self) -> String {
        let n = |v: i64| Arg::from(usize::try_from(v).unwrap_or(0));
        self.p.t.fmt(
            "study-drill-counts",
            &[("due", n(self.next.due)), ("new", n(self.next.new))],
        )
    }

    pub fn card(&self) -> Option<(&str, &Card)> {
        self.next.card.as_ref().map(|c| (c.bank.as_str(), &c.card))
    }
}

/// `GET /groups/{id}/drill`: the caller's next card in the group's banks.
pub async fn drill<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    ui: PageUi,
    Id(group): Id,
) -> Result<Response, ApiError> {
    let next = service::drill_next(&st.db, &user, group).await?;
    let p = ui.p("groups", "study-drill-title");
    let ratings = (1..=4u8)
        .zip([
            "web-rate-again",
            "web-rate-hard",
            "web-rate-good",
            "web-rate-easy",
        ])
        .map(|(n, id)| (n, p.t.get(id)))
        .collect();
    render(&DrillPage {
        p,
        group,
        next,
        ratings,
    })
}

/// `POST /groups/{id}/drill`: rate `card` of `bank` with `rating`, then the next card.
pub async fn rate<D: Database>(
    State(st): State<AppState<D>>,
    Caller(user): Caller,
    Id(group): Id,
    body: Bytes,
) -> Result<Response, ApiError> {
    let f = form_fields(&body);
    let rating = NewDrillRating {
        bank: field(&f, "bank").to_owned(),
        card: field(&f, "card").to_owned(),
        rating: field(&f, "rating").trim().parse().unwrap_or(0),
    };
    service::review(&st.db, &user, group, rating).await?;
    Ok(see_other(&format!("/groups/{group}/drill")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_keep_repeats_and_decode() {
        let f = form_fields(b"csrf=x&p=dive-deep&p=ownership&text=%EA%B9%8A%EC%9D%B4+ok");
        assert_eq!(field(&f, "text"), "깊이 ok");
        assert_eq!(field(&f, "nothing"), "");
        let ps: Vec<&str> = f
            .iter()
            .filter(|(k, _)| k == "p")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(ps, ["dive-deep", "ownership"]);
    }
}
