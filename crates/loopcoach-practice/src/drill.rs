//! Drills: which cards are due, the terminal drill loop, and practice statistics.
//!
//! The loop reads from any `BufRead` and writes to any `Write`, so a test drives it with piped
//! text exactly as a user types: the prompt, an answer (or just Enter to recall), the key points
//! beside the user's own draft, then a rating. Recording a review is a callback, so the caller
//! puts it in the store inside a transaction; "now" comes from the caller too.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{BufRead, Write};

use loopcoach_core::i18n::Arg;
use loopcoach_core::text::for_terminal;
use loopcoach_core::{Lang, Messages};
use serde::Serialize;
use time::OffsetDateTime;

use crate::PracticeError;
use crate::cards::{Card, CardHead};
use crate::schedule::{CardState, Rating, Review, Scheduler};

/// A card waiting for review.
#[derive(Debug, Clone, Serialize)]
pub struct DueCard {
    pub id: String,
    pub kind: crate::CardKind,
    pub topic: Option<String>,
    pub principle: Option<String>,
    pub question: String,
    /// `None` for a card never reviewed (new).
    #[serde(with = "time::serde::rfc3339::option")]
    pub due: Option<OffsetDateTime>,
}

/// The cards due at `now`: reviewed cards past due (most overdue first), then new cards in
/// bank order, at most `limit`.
pub fn due_queue<'a>(
    cards: impl IntoIterator<Item = &'a Card>,
    states: &HashMap<String, CardState>,
    now: OffsetDateTime,
    limit: Option<usize>,
) -> Vec<&'a Card> {
    let mut overdue = Vec::new();
    let mut new = Vec::new();
    for c in cards {
        match states.get(&c.id) {
            Some(s) if s.due <= now => overdue.push((s.due, c)),
            Some(_) => {}
            None => new.push(c),
        }
    }
    overdue.sort_by_key(|(d, _)| *d);
    let mut out: Vec<&Card> = overdue.into_iter().map(|(_, c)| c).chain(new).collect();
    if let Some(n) = limit {
        out.truncate(n);
    }
    out
}

/// The same queue over anything in bank order, each with its due time (`None`: never
/// reviewed): past-due items (most overdue first, ties in bank order), then new items in bank
/// order, at most `limit`. Lets the caller build only the heads of cards, and whole cards only
/// for what it shows.
pub fn due_order<T>(
    items: impl IntoIterator<Item = (T, Option<OffsetDateTime>)>,
    now: OffsetDateTime,
    limit: Option<usize>,
) -> Vec<(T, Option<OffsetDateTime>)> {
    let mut overdue = Vec::new();
    let mut new = Vec::new();
    for (item, due) in items {
        match due {
            Some(d) if d <= now => overdue.push((item, due)),
            Some(_) => {}
            None => new.push((item, None)),
        }
    }
    overdue.sort_by_key(|(_, d)| *d);
    let mut out: Vec<_> = overdue.into_iter().chain(new).collect();
    if let Some(n) = limit {
        out.truncate(n);
    }
    out
}

/// [`due_order`] over three sources without holding the middle one: the first and last
/// sources (the built-in cards, the cards from the notes: a few hundred) are given whole and
/// sorted here; the middle one (the user's cards: maybe tens of thousands) is pushed entry by
/// entry already in queue order: its overdue entries earliest first (ties in bank order), then
/// its new entries in bank order. Each entry goes to `emit` as soon as its place is known,
/// until `emit` returns `false`. The entries come out exactly as `due_order` would give them
/// over the three sources concatenated, with no limit (the caller stops by returning `false`).
#[derive(Debug)]
pub struct DueMerge<T, F> {
    first: VecDeque<(T, OffsetDateTime)>,
    first_new: Vec<T>,
    last: VecDeque<(T, OffsetDateTime)>,
    last_new: Vec<T>,
    /// Whether the middle source has reached its new entries (the held overdue ones and the
    /// first source's new ones are out).
    middle_new: bool,
    emit: F,
    open: bool,
}

/// Overdue entries (earliest first, ties in order) and new entries (in order) of `items`;
/// entries due after `now` are left out.
fn split<T>(
    items: impl IntoIterator<Item = (T, Option<OffsetDateTime>)>,
    now: OffsetDateTime,
) -> (VecDeque<(T, OffsetDateTime)>, Vec<T>) {
    let mut overdue = Vec::new();
    let mut new = Vec::new();
    for (item, due) in items {
        match due {
            Some(d) if d <= now => overdue.push((item, d)),
            Some(_) => {}
            None => new.push(item),
        }
    }
    overdue.sort_by_key(|(_, d)| *d);
    (overdue.into(), new)
}

impl<T, E, F: FnMut(T, Option<OffsetDateTime>) -> Result<bool, E>> DueMerge<T, F> {
    /// The first and last sources in bank order, each item with its due time (`None`: new).
    pub fn new(
        first: impl IntoIterator<Item = (T, Option<OffsetDateTime>)>,
        last: impl IntoIterator<Item = (T, Option<OffsetDateTime>)>,
        now: OffsetDateTime,
        emit: F,
    ) -> Self {
        let (first, first_new) = split(first, now);
        let (last, last_new) = split(last, now);
        DueMerge {
            first,
            first_new,
            last,
            last_new,
            middle_new: false,
            emit,
            open: true,
        }
    }

    /// Whether `emit` still takes entries.
    pub fn is_open(&self) -> bool {
        self.open
    }

    fn send(&mut self, item: T, due: Option<OffsetDateTime>) -> Result<bool, E> {
        if self.open {
            self.open = (self.emit)(item, due)?;
        }
        Ok(self.open)
    }

    /// Send the held overdue entries that come before a middle entry due at `due` (all of
    /// them for `None`): on equal due times the first source goes before the middle one and
    /// the last source after it.
    fn overdue_before(&mut self, due: Option<OffsetDateTime>) -> Result<bool, E> {
        while self.open {
            let f = self.first.front().map(|e| e.1);
            let l = self.last.front().map(|e| e.1);
            let from_first = match (f, l) {
                (Some(f), Some(l)) => f <= l,
                (f, _) => f.is_some(),
            };
            let next = match (from_first, due) {
                (true, Some(d)) if f.is_some_and(|f| f > d) => None,
                (false, Some(d)) if l.is_none_or(|l| l >= d) => None,
                (true, _) => self.first.pop_front(),
                (false, _) => self.last.pop_front(),
            };
            let Some((item, at)) = next else { break };
            self.send(item, Some(at))?;
        }
        Ok(self.open)
    }

    /// The held overdue entries, then the first source's new ones (once).
    fn start_new(&mut self) -> Result<bool, E> {
        if !self.middle_new {
            self.middle_new = true;
            self.overdue_before(None)?;
            for item in std::mem::take(&mut self.first_new) {
                if !self.send(item, None)? {
                    break;
                }
            }
        }
        Ok(self.open)
    }

    /// The middle source's next entry, in queue order: overdue ones (`Some` due, at or before
    /// `now`) earliest first, then new ones (`None`). Returns whether `emit` takes more.
    pub fn push(&mut self, item: T, due: Option<OffsetDateTime>) -> Result<bool, E> {
        match due {
            Some(d) if !self.middle_new => {
                self.overdue_before(Some(d))?;
                self.send(item, due)
            }
            _ => {
                self.start_new()?;
                self.send(item, due)
            }
        }
    }

    /// After the middle source's last entry: what is still held, in order.
    pub fn finish(mut self) -> Result<(), E> {
        self.start_new()?;
        for item in std::mem::take(&mut self.last_new) {
            if !self.send(item, None)? {
                break;
            }
        }
        Ok(())
    }
}

/// Display width of a character in a terminal (CJK wide characters take two columns).
fn width(c: char) -> usize {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}' => 2,
        _ => 1,
    }
}

/// Wrap text to `cols` display columns.
fn wrap(s: &str, cols: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in s.lines() {
        let mut line = String::new();
        let mut w = 0;
        for c in para.chars() {
            let cw = width(c);
            if w + cw > cols {
                out.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
        out.push(line);
    }
    out
}

/// Two columns side by side, each `cols` wide.
pub fn side_by_side(left: &str, right: &str, cols: usize) -> String {
    let (l, r) = (wrap(left, cols), wrap(right, cols));
    let mut out = String::new();
    for i in 0..l.len().max(r.len()) {
        let a = l.get(i).map(String::as_str).unwrap_or("");
        let b = r.get(i).map(String::as_str).unwrap_or("");
        let pad = cols.saturating_sub(a.chars().map(width).sum());
        out.push_str(&format!("{a}{}  │ {b}\n", " ".repeat(pad)).replace("  │ \n", "  │\n"));
    }
    out
}

/// One card to drill: the card, its state before, the user's draft.
#[derive(Debug)]
pub struct DrillItem<'a> {
    pub card: &'a Card,
    pub state: Option<CardState>,
    pub draft: Option<String>,
}

fn read_line(input: &mut impl BufRead) -> Result<Option<String>, PracticeError> {
    let mut s = String::new();
    if input.read_line(&mut s)? == 0 {
        return Ok(None);
    }
    Ok(Some(s.trim_end_matches(['\n', '\r']).to_string()))
}

/// Run a drill over `items`. `record` stores each review; returns how many were rated.
pub fn run<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    msg: &Messages,
    items: &[DrillItem<'_>],
    scheduler: &Scheduler,
    now: impl Fn() -> OffsetDateTime,
    mut record: impl FnMut(&CardState, &Review) -> Result<(), PracticeError>,
) -> Result<usize, PracticeError> {
    let lang: Lang = msg.lang();
    let mut done = 0;
    'cards: for (n, item) in items.iter().enumerate() {
        let c = item.card;
        let group = c
            .topic
            .as_deref()
            .or(c.principle.as_deref())
            .unwrap_or(c.kind.as_str());
        writeln!(
            out,
            "\n{}",
            msg.format(
                "drill-card",
                &[
                    ("n", Arg::from(n + 1)),
                    ("total", Arg::from(items.len())),
                    ("id", Arg::from(&c.id)),
                    ("kind", Arg::from(group))
                ]
            )
        )?;
        writeln!(out, "{}\n", for_terminal(c.question.get(lang)))?;
        writeln!(out, "{}", msg.get("drill-answer-prompt"))?;
        out.flush()?;
        loop {
            match read_line(input)? {
                None => break 'cards,
                Some(l) if l.trim().is_empty() => break,
                Some(_) => {}
            }
        }
        let points: String = c
            .key_points
            .get(lang)
            .iter()
            .map(|p| format!("• {p}\n"))
            .collect();
        let draft = item
            .draft
            .clone()
            .unwrap_or_else(|| msg.get("drill-no-draft"));
        write!(
            out,
            "{}",
            side_by_side(
                &for_terminal(&format!("{}\n{points}", msg.get("drill-key-points"))),
                &for_terminal(&format!("{}\n{draft}", msg.get("drill-your-draft"))),
                46
            )
        )?;
        let follow = c.follow_ups.get(lang);
        if !follow.is_empty() {
            writeln!(out, "{}", msg.get("drill-follow-ups"))?;
            for f in follow {
                writeln!(out, "  - {}", for_terminal(f))?;
            }
        }
        if let Some(r) = &c.reference {
            writeln!(
                out,
                "{}",
                msg.format("drill-reference", &[("reference", Arg::from(r))])
            )?;
        }
        let rating = loop {
            writeln!(out, "{}", msg.get("drill-rate-prompt"))?;
            out.flush()?;
            match read_line(input)? {
                None => break 'cards,
                Some(l) if l.trim().eq_ignore_ascii_case("q") => break 'cards,
                Some(l) => match l.parse::<Rating>() {
                    Ok(r) => break r,
                    Err(_) => writeln!(out, "{}", msg.get("drill-rate-again"))?,
                },
            }
        };
        let (state, review) = scheduler.review(&c.id, item.state.as_ref(), rating, now())?;
        record(&state, &review)?;
        done += 1;
        writeln!(
            out,
            "{}",
            msg.format(
                "drill-next",
                &[
                    ("due", Arg::from(state.due.date().to_string())),
                    ("days", Arg::from(state.interval_days))
                ]
            )
        )?;
    }
    writeln!(
        out,
        "\n{}",
        msg.format("drill-done", &[("count", Arg::from(done))])
    )?;
    Ok(done)
}

/// Practice statistics.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub cards: usize,
    pub reviewed: usize,
    pub due: usize,
    pub reviews: usize,
    /// Share of reviews after the first one of a card that were not "again" (None: no data).
    pub retention: Option<f64>,
    pub per_day: BTreeMap<String, usize>,
    pub per_group: BTreeMap<String, GroupStats>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct GroupStats {
    pub cards: usize,
    pub reviewed: usize,
    pub due: usize,
}

/// Statistics over `cards`, their states and the review log (`(card_id, rating, at)`).
pub fn stats(
    cards: &[Card],
    states: &HashMap<String, CardState>,
    log: &[(String, Rating, OffsetDateTime)],
    now: OffsetDateTime,
) -> Stats {
    let dues: HashMap<String, OffsetDateTime> =
        states.iter().map(|(k, s)| (k.clone(), s.due)).collect();
    let heads: Vec<CardHead> = cards.iter().map(Card::head).collect();
    stats_of(&heads, &dues, log, now)
}

/// Statistics over card heads, each reviewed card's due time and the review log.
pub fn stats_of(
    cards: &[CardHead],
    dues: &HashMap<String, OffsetDateTime>,
    log: &[(String, Rating, OffsetDateTime)],
    now: OffsetDateTime,
) -> Stats {
    let mut per_group: BTreeMap<String, GroupStats> = BTreeMap::new();
    let (mut reviewed, mut due) = (0, 0);
    for c in cards {
        let g = per_group
            .entry(
                c.topic
                    .clone()
                    .or(c.principle.clone())
                    .unwrap_or_else(|| c.kind.as_str().to_string()),
            )
            .or_default();
        g.cards += 1;
        let is_due = dues.get(&c.id).is_none_or(|d| *d <= now);
        if dues.contains_key(&c.id) {
            reviewed += 1;
            g.reviewed += 1;
        }
        if is_due {
            due += 1;
            g.due += 1;
        }
    }
    let mut per_day = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    let (mut recalled, mut graded) = (0usize, 0usize);
    let mut sorted: Vec<&(String, Rating, OffsetDateTime)> = log.iter().collect();
    sorted.sort_by_key(|r| r.2);
    for (id, r, at) in sorted {
        *per_day.entry(at.date().to_string()).or_insert(0) += 1;
        if !seen.insert(id.as_str()) {
            graded += 1;
            recalled += usize::from(*r != Rating::Again);
        }
    }
    Stats {
        cards: cards.len(),
        reviewed,
        due,
        reviews: log.len(),
        retention: (graded > 0).then(|| recalled as f64 / graded as f64),
        per_day,
        per_group,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::schedule::DEFAULT_RETENTION;
    use time::macros::datetime;

    fn cards() -> Vec<Card> {
        crate::bank::builtin_cards()
            .into_iter()
            .filter(|c| c.topic.as_deref() == Some("docker"))
            .take(3)
            .collect()
    }

    /// `DueMerge` over random sources (many equal due times, some not yet due, the middle
    /// pushed in queue order) gives exactly `due_order` over the three concatenated, and stops
    /// where `emit` says.
    #[test]
    fn the_merge_is_due_order_over_the_three_sources() {
        let now = datetime!(2026-12-10 09:00 UTC);
        let mut seed = 7u64;
        let mut rand = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for round in 0..300 {
            let source = |tag: &str, rand: &mut dyn FnMut(u64) -> u64| {
                let n = rand(12);
                (0..n)
                    .map(|i| {
                        let due = match rand(4) {
                            0 => None,
                            // a handful of due times, so ties are common; some after now
                            _ => Some(now + time::Duration::days(rand(5) as i64 - 3)),
                        };
                        (format!("{tag}{i}"), due)
                    })
                    .collect::<Vec<_>>()
            };
            let (first, middle, last) = (
                source("f", &mut rand),
                source("m", &mut rand),
                source("l", &mut rand),
            );
            let all: Vec<_> = first.iter().chain(&middle).chain(&last).cloned().collect();
            let limit = (round % 3 == 0).then(|| rand(10) as usize);
            let expected = due_order(all, now, limit);
            // The middle as the store gives it: overdue earliest first (stable), then new.
            let mut overdue: Vec<_> = middle
                .iter()
                .filter(|(_, d)| d.is_some_and(|d| d <= now))
                .cloned()
                .collect();
            overdue.sort_by_key(|(_, d)| *d);
            let new = middle.iter().filter(|(_, d)| d.is_none()).cloned();
            let mut got = Vec::new();
            if limit != Some(0) {
                let mut m = DueMerge::new(first, last, now, |id, due| {
                    got.push((id, due));
                    Ok::<_, ()>(limit.is_none_or(|n| got.len() < n))
                });
                for (id, due) in overdue.into_iter().chain(new) {
                    if !m.push(id, due).unwrap() {
                        break;
                    }
                }
                m.finish().unwrap();
            }
            assert_eq!(got, expected, "round {round}");
        }
    }

    #[test]
    fn the_loop_runs_on_piped_input() {
        let cards = cards();
        let items: Vec<DrillItem> = cards
            .iter()
            .map(|c| DrillItem {
                card: c,
                state: None,
                draft: Some("내 초안: 이미지는 읽기 전용".into()),
            })
            .collect();
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let msg = Messages::new(Lang::Ko);
        // card 1: typed answer then Enter, rated good; card 2: just Enter, a bad rating then easy;
        // card 3: quit.
        let mut input = "컨테이너는 인스턴스\n\n3\n\nmeh\neasy\n\nq\n".as_bytes();
        let mut out = Vec::new();
        let mut got = vec![];
        let n = run(
            &mut input,
            &mut out,
            &msg,
            &items,
            &s,
            || datetime!(2026-12-01 09:00 UTC),
            |st, r| {
                got.push((st.card_id.clone(), r.rating));
                Ok(())
            },
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            got,
            vec![
                (cards[0].id.clone(), Rating::Good),
                (cards[1].id.clone(), Rating::Easy)
            ]
        );
        assert!(out.contains(&cards[0].question.ko));
        assert!(out.contains("핵심 포인트") && out.contains("내 초안: 이미지는"));
        assert!(out.contains(&cards[0].key_points.ko[0][..20]));
        assert!(out.contains(&msg.get("drill-rate-again")));
    }

    #[test]
    fn due_queue_puts_overdue_first_then_new() {
        let cards = cards();
        let s = Scheduler::new(None, DEFAULT_RETENTION).unwrap();
        let t0 = datetime!(2026-12-01 09:00 UTC);
        let mut states = HashMap::new();
        let (a, _) = s.review(&cards[2].id, None, Rating::Good, t0).unwrap();
        let (b, _) = s.review(&cards[1].id, None, Rating::Easy, t0).unwrap();
        states.insert(a.card_id.clone(), a);
        states.insert(b.card_id.clone(), b);
        let q: Vec<&str> = due_queue(&cards, &states, datetime!(2026-12-04 09:00 UTC), None)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(q, [cards[2].id.as_str(), cards[0].id.as_str()]);
        assert_eq!(due_queue(&cards, &states, t0, Some(1)).len(), 1);
        let st = stats(&cards, &states, &[], datetime!(2026-12-04 09:00 UTC));
        assert_eq!((st.cards, st.reviewed, st.due), (3, 2, 2));
        assert_eq!(st.per_group["docker"].cards, 3);
    }

    #[test]
    fn side_by_side_lines_up_korean() {
        let s = side_by_side("가나\nab", "x", 6);
        assert_eq!(s, "가나    │ x\nab      │\n");
    }
}
