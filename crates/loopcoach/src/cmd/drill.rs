//! `loopcoach drill | due | stats | review | optimize`: FSRS practice over every card.

//!
//! These commands build only what they show: the due queue is made of card heads (id, kind,
//! topic, principle, question); built-in heads come from a light scan of the embedded banks,
//! user cards from their columns (never their bodies), and only the states of the cards in
//! question are read. The queue is handed out entry by entry in its final order (the store
//! gives the due user cards already sorted), so `due` never holds a 10,000-card deck in memory
//! and `drill` stops reading at its limit. Whole cards are built only for the cards a drill
//! shows: a built-in card from the one bank its id names (`jwt-03` → `technical/jwt.toml`), a
//! user card from its row, a `mine` card from the notes (read only when notes are imported).

use std::collections::{HashMap, HashSet};
use std::io::Write;

use anyhow::{Context, Result};
use loopcoach_core::i18n::Arg;
use loopcoach_core::{Document, Lang, Text};
use loopcoach_practice::drill::{DrillItem, DueCard, DueMerge, stats_of};
use loopcoach_practice::queue::{NewCards, Priorities};
use loopcoach_practice::schedule::{Optimized, optimize};
use loopcoach_practice::{
    Card, CardFilter, CardHead, CardKind, Rating, bank, cards::draft_for, mine_cards,
};
use loopcoach_store::{SqliteStore, UserCardFilter, UserCardHead};
use time::OffsetDateTime;

use super::deck::{self, DayArgs, DaySettings, FilterArgs};
use crate::ctx::{Ctx, print_json, rfc3339};
use crate::out;
use crate::table::{new as table, short};

#[derive(Debug, clap::Args)]
pub struct DrillArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub day: DayArgs,
    /// At most this many cards
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The time to drill at (RFC 3339) instead of the clock
    #[arg(long)]
    pub now: Option<String>,
}

pub fn drill(ctx: &Ctx, a: &DrillArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let f = a.filter.filter(ctx)?;
    let now = deck::now(ctx, a.now.as_deref())?;
    let day = a.day.settings(&mut store)?;
    let (queue, mine) = due_heads(ctx, &store, &f, now, Some(a.limit), &day)?;
    if queue.is_empty() {
        return out::line(ctx.t("drill-none", &[]));
    }
    let cards = whole_cards(ctx, &store, &queue, mine)?;
    let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    let states = deck::states_of(&store, &ids)?;
    // Drafts: the notes' answers and stories, for mine and behavioural cards.
    let docs: Vec<Document> = if cards.iter().any(|c| c.kind != CardKind::Technical) {
        store.workspace()?
    } else {
        Vec::new()
    };
    let items: Vec<DrillItem> = cards
        .iter()
        .map(|c| DrillItem {
            card: c,
            state: states.get(&c.id).cloned(),
            draft: draft_for(c, &docs),
        })
        .collect();
    let scheduler = deck::day_scheduler(&store, &day)?;
    let fixed = a.now.is_some();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    // Unbuffered beyond stdout's own line buffer: the loop flushes each prompt before it reads
    // the answer. A closed pipe comes back as an error `main` ends on quietly.
    let mut out = std::io::stdout().lock();
    let screen = crate::table::screen();
    loopcoach_practice::drill::run(
        &mut input,
        &mut out,
        loopcoach_practice::drill::Setup {
            msg: &ctx.msg,
            scheduler: &scheduler,
            screen,
        },
        &items,
        || if fixed { now } else { ctx.now() },
        |state, review, answer| {
            let covered = answer.map(|a| serde_json::to_string(&a.covered).unwrap_or_default());
            let typed = answer.map(|a| a.text.as_str()).zip(covered.as_deref());
            deck::record_with_answer(&mut store, state, review, typed)
                .map_err(|e| loopcoach_practice::PracticeError::Bank(e.to_string()))
        },
    )?;
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub day: DayArgs,
    /// Show at most this many cards (default: the first 50 in the table, every card with --json)
    #[arg(long)]
    pub limit: Option<usize>,
    /// The time to look at (RFC 3339) instead of the clock
    #[arg(long)]
    pub now: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// Rows of the `due` table when `--limit` is not given; the summary still counts every card.
const DUE_TABLE_ROWS: usize = 50;

/// A queue entry as `due` shows it: the question in the user's language, chosen as
/// `Text::get` does, moved rather than copied.
fn due_card(lang: Lang, (h, due): Entry) -> DueCard {
    let Text { en, ko } = h.head.question;
    let question = match lang {
        Lang::Ko if !ko.is_empty() => ko,
        Lang::Ko => en,
        Lang::En if !en.is_empty() => en,
        Lang::En => ko,
    };
    DueCard {
        question,
        id: h.head.id,
        kind: h.head.kind,
        topic: h.head.topic,
        principle: h.head.principle,
        due,
    }
}

pub fn due(ctx: &Ctx, a: &DueArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let f = a.filter.filter(ctx)?;
    let now = deck::now(ctx, a.now.as_deref())?;
    let day = a.day.settings(&mut store)?;
    if a.json {
        return due_json(ctx, &store, &f, now, a.limit, &day);
    }
    // The table shows the first rows (`--limit`, else 50); the summary counts every due card
    // (the user cards counted by the store, not read).
    let rows = a.limit.unwrap_or(DUE_TABLE_ROWS);
    let sources = DueSources::read(ctx, &store, &f, now, &day)?;
    let (count, new) = sources.count(&store, &f, now)?;
    let mut shown: Vec<DueCard> = Vec::new();
    sources.each(&store, &f, now, Some(rows), |e| {
        shown.push(due_card(ctx.lang, e));
        Ok(true)
    })?;
    let text = if count == 0 {
        ctx.t("due-none", &[])
    } else {
        let summary = ctx.t(
            "due-summary",
            &[
                ("count", Arg::from(count)),
                ("new", Arg::from(new)),
                ("review", Arg::from(count - new)),
            ],
        );
        let mut t = table(vec![
            ctx.t("col-id", &[]),
            ctx.t("col-topic", &[]),
            ctx.t("col-due", &[]),
            ctx.t("col-question", &[]),
        ]);
        for d in &shown {
            crate::table::add(
                &mut t,
                vec![
                    d.id.clone(),
                    d.topic.clone().or(d.principle.clone()).unwrap_or_default(),
                    d.due
                        .map(|t| t.date().to_string())
                        .unwrap_or_else(|| ctx.t("due-new", &[])),
                    short(&d.question, 50),
                ],
            );
        }
        let mut text = format!("{summary}\n{t}");
        if count > shown.len() {
            let more = ctx.t("due-more", &[("more", Arg::from(count - shown.len()))]);
            text = format!("{text}\n{more}");
        }
        text
    };
    // A closed pipe (`due | head`) is returned; `main` ends on it quietly.
    out::line(text)
}

/// `due --json`: the queue written as it is decided, through one buffer (a 10,000-card queue
/// is neither collected nor written line by line). The same bytes as `print_json` of the whole
/// list; a closed pipe (`due --json | head`) is returned, and `main` ends on it quietly.
fn due_json(
    ctx: &Ctx,
    store: &SqliteStore,
    f: &CardFilter,
    now: OffsetDateTime,
    limit: Option<usize>,
    day: &DaySettings,
) -> Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    out::print_with_capacity(64 << 10, |out| {
        let mut ser = serde_json::Serializer::pretty(&mut *out);
        let mut seq = ser.serialize_seq(None)?;
        each_due(ctx, store, f, now, limit, day, |e| {
            seq.serialize_element(&due_card(ctx.lang, e))?;
            Ok(true)
        })?;
        seq.end()?;
        writeln!(out)?;
        Ok(())
    })
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[arg(long)]
    pub now: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn stats_cmd(ctx: &Ctx, a: &StatsArgs) -> Result<()> {
    let store = ctx.store()?;
    let mut seen = HashSet::new();
    let mut heads = builtin_heads(ctx);
    heads.retain(|h| seen.insert(h.id.clone()));
    for u in store.user_card_heads()? {
        let h = user_head(u.id, &u.kind, u.topic, u.principle, Text::default())?;
        if seen.insert(h.id.clone()) {
            heads.push(h);
        }
    }
    if store.has_documents()? {
        for c in mine_cards(&store.workspace()?) {
            if seen.insert(c.id.clone()) {
                heads.push(c.head());
            }
        }
    }
    let mut dues = HashMap::new();
    for (id, due) in store.all_dues()? {
        dues.insert(id, at(due)?);
    }
    let log = deck::review_log(&store)?;
    let now = deck::now(ctx, a.now.as_deref())?;
    let s = stats_of(&heads, &dues, &log, now);
    if a.json {
        return print_json(&s);
    }
    let retention = s
        .retention
        .map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "-".into());
    let summary = ctx.t(
        "stats-summary",
        &[
            ("cards", Arg::from(s.cards)),
            ("reviewed", Arg::from(s.reviewed)),
            ("due", Arg::from(s.due)),
            ("reviews", Arg::from(s.reviews)),
            ("retention", Arg::from(retention)),
        ],
    );
    let mut t = table(vec![
        ctx.t("col-topic", &[]),
        ctx.t("col-cards", &[]),
        ctx.t("col-reviewed", &[]),
        ctx.t("col-due", &[]),
    ]);
    for (g, v) in &s.per_group {
        crate::table::add(
            &mut t,
            vec![
                g.clone(),
                v.cards.to_string(),
                v.reviewed.to_string(),
                v.due.to_string(),
            ],
        );
    }
    out::print(|out| {
        writeln!(out, "{summary}")?;
        if !s.per_day.is_empty() {
            writeln!(out, "{}", ctx.t("stats-per-day", &[]))?;
            for (d, n) in &s.per_day {
                writeln!(out, "  {d}  {n}")?;
            }
        }
        writeln!(out, "{}", ctx.t("stats-per-group", &[]))?;
        writeln!(out, "{t}")?;
        Ok(())
    })
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The card's id (`loopcoach cards` lists them)
    pub card_id: String,
    /// again, hard, good or easy
    #[arg(long)]
    pub rating: String,
    /// When the review happened (RFC 3339) instead of the clock
    #[arg(long)]
    pub now: Option<String>,
    #[command(flatten)]
    pub day: DayArgs,
    #[arg(long)]
    pub json: bool,
}

pub fn review(ctx: &Ctx, a: &ReviewArgs) -> Result<()> {
    let rating: Rating = a.rating.parse()?;
    let mut store = ctx.store()?;
    if !card_exists(&store, &a.card_id)? {
        anyhow::bail!(ctx.t("error-no-card", &[("id", Arg::from(&a.card_id))]));
    }
    let now = deck::now(ctx, a.now.as_deref())?;
    let day = a.day.settings(&mut store)?;
    let before = deck::state_of(&store, &a.card_id)?;
    let (state, log) =
        deck::day_scheduler(&store, &day)?.review(&a.card_id, before.as_ref(), rating, now)?;
    deck::record(&mut store, &state, &log)?;
    if a.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            state: &'a loopcoach_practice::CardState,
            rating: Rating,
        }
        return print_json(&Out {
            state: &state,
            rating,
        });
    }
    out::line(ctx.t(
        "review-done",
        &[
            ("id", Arg::from(&a.card_id)),
            ("rating", Arg::from(rating.as_str())),
            ("due", Arg::from(rfc3339(state.due))),
            ("days", Arg::from(state.interval_days)),
        ],
    ))
}

#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// Also set the desired retention (0.70 to 0.99; default 0.9)
    #[arg(long)]
    pub retention: Option<f32>,
}

pub fn optimize_cmd(ctx: &Ctx, a: &OptimizeArgs) -> Result<()> {
    let mut store = ctx.store()?;
    if let Some(r) = a.retention {
        loopcoach_practice::Scheduler::new(None, r)?;
        store.transact(|tx| tx.set_practice_setting(deck::RETENTION_KEY, &r.to_string()))?;
    }
    let log = deck::review_log(&store)?;
    match optimize(&log)? {
        Optimized::NotEnough { reviews, needed } => {
            out::line(ctx.t(
                "optimize-not-enough",
                &[
                    ("reviews", Arg::from(reviews)),
                    ("needed", Arg::from(needed)),
                ],
            ))?;
        }
        Optimized::Fitted {
            reviews,
            parameters,
        } => {
            let json = serde_json::to_string(&parameters).context("parameters")?;
            store.transact(|tx| tx.set_practice_setting(deck::PARAMETERS_KEY, &json))?;
            out::line(ctx.t("optimize-done", &[("reviews", Arg::from(reviews))]))?;
        }
    }
    Ok(())
}

/// Where a card's content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Builtin,
    User,
    Mine,
}

/// A card's head and where the rest of it is.
#[derive(Debug, Clone)]
struct Head {
    head: CardHead,
    source: Source,
}

fn at(unix: i64) -> Result<OffsetDateTime> {
    Ok(OffsetDateTime::from_unix_timestamp(unix)?)
}

/// The heads of the built-in cards (a built-in bank that does not parse is reported; the
/// schema test keeps that from happening).
fn builtin_heads(ctx: &Ctx) -> Vec<CardHead> {
    let (heads, broken) = bank::builtin_heads();
    for file in broken {
        eprintln!(
            "{}",
            ctx.t("bank-builtin-broken", &[("error", Arg::from(file))])
        );
    }
    heads
}

fn user_head(
    id: String,
    kind: &str,
    topic: Option<String>,
    principle: Option<String>,
    question: Text,
) -> Result<CardHead> {
    let kind = match kind {
        "behavioural" => CardKind::Behavioural,
        "technical" => CardKind::Technical,
        "mine" => CardKind::Mine,
        other => anyhow::bail!("stored card {id} has an unknown kind '{other}'"),
    };
    Ok(CardHead {
        id,
        kind,
        topic,
        principle,
        question,
    })
}

/// A user card's head as a queue entry's head.
fn user_entry(u: UserCardHead) -> Result<Head> {
    let question = Text {
        en: u.question_en.unwrap_or_default(),
        ko: u.question_ko.unwrap_or_default(),
    };
    let head = user_head(u.id, &u.kind, u.topic, u.principle, question)?;
    Ok(Head {
        head,
        source: Source::User,
    })
}

/// One entry of the due queue: a card's head and where the rest of it is, with its due time
/// (`None`: never reviewed).
type Entry = (Head, Option<OffsetDateTime>);

/// Due heads with their due times, and the `mine` cards when the notes were read.
type DueHeads = (Vec<Entry>, Option<Vec<Card>>);

/// The due queue at `now` (at most `limit`), collected; see [`DueSources::each`].
fn due_heads(
    ctx: &Ctx,
    store: &SqliteStore,
    f: &CardFilter,
    now: OffsetDateTime,
    limit: Option<usize>,
    day: &DaySettings,
) -> Result<DueHeads> {
    let mut queue = Vec::new();
    let mine = each_due(ctx, store, f, now, limit, day, |e| {
        queue.push(e);
        Ok(true)
    })?;
    Ok((queue, mine))
}

/// What the due queue is made of besides the user cards: the built-in and notes entries in
/// bank order with their due times (a few hundred, held), the user cards a built-in card of
/// the same id hides (the built-in one wins; usually none), and the `mine` cards when the
/// notes were read.
struct DueSources {
    builtin: Vec<Entry>,
    notes: Vec<Entry>,
    hidden: Vec<String>,
    mine: Option<Vec<Card>>,
    /// What to practise first (from the notes and the labs).
    priorities: Priorities,
    /// New cards still to take in today.
    new_budget: usize,
}

impl DueSources {
    /// Built-in heads (cheap) and the states of the ones `f` takes; the cards from the notes
    /// only when notes are imported and `f` can take them (a built-in or user card of the
    /// same id wins).
    fn read(
        ctx: &Ctx,
        store: &SqliteStore,
        f: &CardFilter,
        now: OffsetDateTime,
        day: &deck::DaySettings,
    ) -> Result<DueSources> {
        let builtin = builtin_heads(ctx);
        let builtin_ids: Vec<&str> = builtin.iter().map(|h| h.id.as_str()).collect();
        let hidden = store.user_card_ids_among(&builtin_ids)?;
        let mut seen: HashSet<String> = builtin_ids.iter().map(|id| id.to_string()).collect();
        let builtin: Vec<CardHead> = builtin.into_iter().filter(|h| f.matches_head(h)).collect();
        let ids: Vec<&str> = builtin.iter().map(|h| h.id.as_str()).collect();
        let mut dues = HashMap::new();
        for (id, due) in store.dues_of(&ids)? {
            dues.insert(id, at(due)?);
        }
        let builtin: Vec<Entry> = builtin
            .into_iter()
            .map(|h| {
                let due = dues.get(&h.id).copied();
                let head = Head {
                    head: h,
                    source: Source::Builtin,
                };
                (head, due)
            })
            .collect();
        let mut mine = None;
        let mut notes: Vec<Entry> = Vec::new();
        let docs = if store.has_documents()? {
            store.workspace()?
        } else {
            Vec::new()
        };
        let mut priorities = Priorities::from_notes(&docs, &loopcoach_core::Framework::amazon());
        for lab in store.unsolved_labs()? {
            priorities
                .gap_cards
                .insert(loopcoach_practice::lab_practice::lab_card_id(&lab));
        }
        let new_budget = deck::new_budget(store, now, day.new_per_day)?;
        if f.admits(CardKind::Mine) && !docs.is_empty() {
            let mut cards: Vec<Card> = mine_cards(&docs)
                .into_iter()
                .filter(|c| seen.insert(c.id.clone()))
                .collect();
            let ids: Vec<&str> = cards.iter().map(|c| c.id.as_str()).collect();
            let user: HashSet<String> = store.user_card_ids_among(&ids)?.into_iter().collect();
            cards.retain(|c| !user.contains(&c.id));
            let ids: Vec<&str> = cards
                .iter()
                .filter(|c| f.matches(c))
                .map(|c| c.id.as_str())
                .collect();
            let mut dues = HashMap::new();
            for (id, due) in store.dues_of(&ids)? {
                dues.insert(id, at(due)?);
            }
            notes = cards
                .iter()
                .filter(|c| f.matches(c))
                .map(|c| {
                    let head = Head {
                        head: c.head(),
                        source: Source::Mine,
                    };
                    (head, dues.get(&c.id).copied())
                })
                .collect();
            mine = Some(cards);
        }
        Ok(DueSources {
            builtin,
            notes,
            hidden,
            mine,
            priorities,
            new_budget,
        })
    }

    /// The store's filter for the user cards `f` takes (none hidden by a built-in card).
    fn user_filter<'a>(f: &'a CardFilter, except: &'a [&'a str]) -> UserCardFilter<'a> {
        UserCardFilter {
            kind: f.mine.then_some(CardKind::Mine.as_str()),
            topic: f.topic.as_deref(),
            principle: f.principle.as_deref(),
            except,
        }
    }

    /// How many entries are due at `now` and how many of them are new, user cards counted by
    /// the store (no head read).
    fn count(
        &self,
        store: &SqliteStore,
        f: &CardFilter,
        now: OffsetDateTime,
    ) -> Result<(usize, usize)> {
        let except: Vec<&str> = self.hidden.iter().map(String::as_str).collect();
        let (overdue, new) =
            store.count_due_user_cards(now.unix_timestamp(), &Self::user_filter(f, &except))?;
        let (mut overdue, mut fresh) = (overdue, new);
        for (_, due) in self.builtin.iter().chain(&self.notes) {
            match due {
                None => fresh += 1,
                Some(d) if *d <= now => overdue += 1,
                Some(_) => {}
            }
        }
        let fresh = fresh.min(self.new_budget);
        Ok((overdue + fresh, fresh))
    }

    /// The due queue at `now` (at most `limit`), in the order `day_queue` gives over every
    /// card, handed to `emit` entry by entry until it returns `false`. First the reviewed
    /// cards due: the built-in and notes ones are sorted here; the due user cards come from the
    /// store already sorted (earliest first; filtered, at most `limit`) and are merged in as
    /// they are read, so none is held. Then the day's new cards, dealt by `NewCards` from
    /// every source in bank order (which holds at most the day's limit per pile).
    /// Returns the `mine` cards.
    fn each(
        self,
        store: &SqliteStore,
        f: &CardFilter,
        now: OffsetDateTime,
        limit: Option<usize>,
        mut emit: impl FnMut(Entry) -> Result<bool>,
    ) -> Result<Option<Vec<Card>>> {
        if limit == Some(0) {
            return Ok(self.mine);
        }
        let except: Vec<&str> = self.hidden.iter().map(String::as_str).collect();
        let filter = Self::user_filter(f, &except);
        let mut new = NewCards::new(&self.priorities, self.new_budget);
        let take = |new: &mut NewCards<'_, Head>, h: Head| {
            let c = &h.head;
            let (id, kind) = (c.id.clone(), c.kind);
            let (topic, principle) = (c.topic.clone(), c.principle.clone());
            new.push(h, &id, kind, topic.as_deref(), principle.as_deref());
        };
        // Reviewed entries (their due times decide whether they are due) and new ones apart.
        let part = |list: Vec<Entry>| -> (Vec<Entry>, Vec<Head>) {
            let (due, fresh): (Vec<Entry>, Vec<Entry>) =
                list.into_iter().partition(|(_, d)| d.is_some());
            (due, fresh.into_iter().map(|(h, _)| h).collect())
        };
        let (builtin, builtin_new) = part(self.builtin);
        let (notes, notes_new) = part(self.notes);
        let mut n = 0usize;
        let mut open = true;
        {
            let mut m = DueMerge::new(builtin, notes, now, |h, due| {
                n += 1;
                open = emit((h, due))? && limit.is_none_or(|l| n < l);
                Ok::<bool, anyhow::Error>(open)
            });
            let mut push = |u: UserCardHead| -> Result<bool> {
                let due = u.due.map(at).transpose()?;
                m.push(user_entry(u)?, due)
            };
            store.each_overdue_user_card(now.unix_timestamp(), &filter, limit, &mut push)?;
            m.finish()?;
        }
        if !open || self.new_budget == 0 {
            return Ok(self.mine);
        }
        // New cards in bank order: built-in, then the user's, then the notes'.
        for h in builtin_new {
            take(&mut new, h);
        }
        store.each_new_user_card(&filter, None, |u: UserCardHead| -> Result<bool> {
            take(&mut new, user_entry(u)?);
            Ok(true)
        })?;
        for h in notes_new {
            take(&mut new, h);
        }
        for h in new.finish() {
            n += 1;
            if !emit((h, None))? || limit.is_some_and(|l| n >= l) {
                break;
            }
        }
        Ok(self.mine)
    }
}

/// The due queue at `now` (at most `limit`) handed to `emit` entry by entry: see
/// [`DueSources::each`]. Returns the `mine` cards when the notes were read.
fn each_due(
    ctx: &Ctx,
    store: &SqliteStore,
    f: &CardFilter,
    now: OffsetDateTime,
    limit: Option<usize>,
    day: &DaySettings,
    emit: impl FnMut(Entry) -> Result<bool>,
) -> Result<Option<Vec<Card>>> {
    DueSources::read(ctx, store, f, now, day)?.each(store, f, now, limit, emit)
}

/// The whole cards of a queue, in its order: built-in ones from the banks their ids name,
/// user ones from their rows, mine ones from the notes.
fn whole_cards(
    ctx: &Ctx,
    store: &SqliteStore,
    queue: &[Entry],
    mine: Option<Vec<Card>>,
) -> Result<Vec<Card>> {
    let of = |s: Source| -> Vec<&str> {
        queue
            .iter()
            .filter(|(h, _)| h.source == s)
            .map(|(h, _)| h.head.id.as_str())
            .collect()
    };
    let (builtin, errors) = bank::builtin_cards_for(&of(Source::Builtin));
    for e in errors {
        eprintln!(
            "{}",
            ctx.t("bank-builtin-broken", &[("error", Arg::from(e))])
        );
    }
    let mut by_id: HashMap<String, Card> = builtin.into_iter().map(|c| (c.id.clone(), c)).collect();
    for row in store.user_cards_by_id(&of(Source::User))? {
        let c: Card = serde_json::from_str(&row.body)
            .with_context(|| format!("stored card {} is unreadable", row.id))?;
        by_id.insert(row.id, c);
    }
    for c in mine.unwrap_or_default() {
        by_id.insert(c.id.clone(), c);
    }
    Ok(queue
        .iter()
        .filter_map(|(h, _)| by_id.remove(&h.head.id))
        .collect())
}

/// Whether a card exists, reading only where its id says it is.
fn card_exists(store: &SqliteStore, id: &str) -> Result<bool> {
    if bank::builtin_card(id).is_some() || !store.user_cards_by_id(&[id])?.is_empty() {
        return Ok(true);
    }
    Ok(id.starts_with("mine-")
        && store.has_documents()?
        && mine_cards(&store.workspace()?).iter().any(|c| c.id == id))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
