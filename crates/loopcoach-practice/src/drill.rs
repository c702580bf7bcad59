//! Drills: which cards are due and practice statistics; the terminal drill loop itself is in
//! [`crate::session`] (re-exported here).

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde::Serialize;
use time::OffsetDateTime;

use crate::cards::{Card, CardHead};
use crate::schedule::{CardState, Rating};
pub use crate::session::{DrillItem, Setup, Summary, TypedAnswer, run};

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
    use crate::schedule::{DEFAULT_RETENTION, Scheduler};
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
}
