//! What to practise first: the candidate's own gaps, then their upcoming round, then the rest,
//! and no more new cards a day than they can take in.
//!
//! A day of Anki-style practice is the reviews that fell due plus a handful of new cards (20
//! unless the user says otherwise). Which new cards come first is decided here from the
//! notes, never from a list of ours:
//! - **gaps** ([`Tier::Gap`]): cards on a principle no story covers yet, the notes' own
//!   questions whose answer is blank, and the cards of labs not solved;
//! - **the upcoming round** ([`Tier::Round`]): technical cards on a topic of the first round of
//!   the hiring process that names topics the banks know (the round the candidate prepares
//!   for; later rounds come after it);
//! - **the rest** ([`Tier::Rest`]).
//!
//! New cards are dealt like cards from several piles, one pile per principle or topic (and one
//! for the candidate's own blank questions and labs, which lead the gaps). The gap piles are
//! dealt in turns (a card from each), and so are the round's piles (in the order the notes
//! name the topics); the day alternates between the two, a gap first, so neither crowds out
//! the other when one is large (sixteen principles with no story, three topics). Only when
//! both are empty do the other piles come, in turns too. So the first twenty new cards of a
//! day touch the gaps and every topic of the round instead of twenty cards of the
//! alphabetically first principle. Within a pile, bank order is kept.

use std::collections::{HashMap, HashSet};

use loopcoach_core::{Document, Framework};
use serde::Serialize;

use crate::cards::CardKind;

/// New cards a day when the user has not set a limit.
pub const DEFAULT_NEW_PER_DAY: usize = 20;

/// How soon a new card is worth the candidate's time (lower first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// One of the candidate's own gaps.
    Gap,
    /// A topic of the upcoming round.
    Round,
    /// Everything else.
    Rest,
}

/// What the notes (and the labs) say the candidate should practise first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Priorities {
    /// Principle keys no story is linked to.
    pub gap_principles: HashSet<String>,
    /// Card ids that are gaps by themselves: blank questions of the notes, labs not solved.
    pub gap_cards: HashSet<String>,
    /// Bank topic keys of the upcoming round, in the order the notes name them.
    pub round_topics: Vec<String>,
}

impl Priorities {
    /// The gaps and the upcoming round as the notes tell them: principles of `framework`
    /// with no story linked, questions with a title and no answer (their `mine-` cards), and
    /// the matched topics of the first round (lowest ordinal) that names bank topics.
    /// With no notes there are no priorities: every card is [`Tier::Rest`].
    pub fn from_notes(docs: &[Document], framework: &Framework) -> Priorities {
        if docs.is_empty() {
            return Priorities::default();
        }
        let covered: HashSet<&str> = docs
            .iter()
            .flat_map(|d| &d.stories)
            .flat_map(|s| &s.links)
            .map(|l| l.principle.as_str())
            .collect();
        let gap_principles = framework
            .principles
            .iter()
            .filter(|p| !covered.contains(p.key.as_str()))
            .map(|p| p.key.clone())
            .collect();
        let gap_cards = docs
            .iter()
            .flat_map(|d| &d.questions)
            .filter(|q| !q.title.trim().is_empty() && q.answer.trim().is_empty())
            .map(|q| format!("mine-{}", q.id))
            .collect();
        let upcoming = docs
            .iter()
            .flat_map(|d| &d.rounds)
            .filter(|r| r.topic_keys.iter().any(Option::is_some))
            .min_by_key(|r| r.ordinal);
        let mut round_topics: Vec<String> = Vec::new();
        for k in upcoming.iter().flat_map(|r| r.topic_keys.iter().flatten()) {
            if !round_topics.iter().any(|t| t == k.as_str()) {
                round_topics.push(k.to_string());
            }
        }
        Priorities {
            gap_principles,
            gap_cards,
            round_topics,
        }
    }

    /// The tier of a card.
    pub fn tier(
        &self,
        id: &str,
        kind: CardKind,
        topic: Option<&str>,
        principle: Option<&str>,
    ) -> Tier {
        if self.gap_cards.contains(id) {
            return Tier::Gap;
        }
        // A story card of the notes is a story the candidate has: not a gap, even when it is
        // the only one (a principle is a gap only when no story is linked to it).
        if kind != CardKind::Mine && principle.is_some_and(|p| self.gap_principles.contains(p)) {
            return Tier::Gap;
        }
        if topic.is_some_and(|t| self.round_topics.iter().any(|r| r == t)) {
            return Tier::Round;
        }
        Tier::Rest
    }

    /// Where a round topic stands in the round (piles of the round are dealt in this order).
    fn round_rank(&self, topic: &str) -> usize {
        self.round_topics
            .iter()
            .position(|t| t == topic)
            .unwrap_or(usize::MAX)
    }
}

/// The pile a card is dealt from: its tier and its topic, principle or kind.
fn pile(
    tier: Tier,
    kind: CardKind,
    topic: Option<&str>,
    principle: Option<&str>,
) -> (Tier, String) {
    let name = topic.or(principle).unwrap_or(kind.as_str());
    (tier, name.to_string())
}

/// Chooses the new cards of a day, in the order of the module's rules, from new cards pushed
/// in bank order. Holds at most `limit` cards per pile (no pile can give more), so a deck of
/// 10,000 new cards is read through without being kept.
#[derive(Debug)]
pub struct NewCards<'p, T> {
    priorities: &'p Priorities,
    limit: usize,
    piles: Vec<((Tier, String), Vec<T>)>,
    index: HashMap<(Tier, String), usize>,
}

impl<'p, T> NewCards<'p, T> {
    pub fn new(priorities: &'p Priorities, limit: usize) -> Self {
        NewCards {
            priorities,
            limit,
            piles: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The next new card in bank order.
    pub fn push(
        &mut self,
        item: T,
        id: &str,
        kind: CardKind,
        topic: Option<&str>,
        principle: Option<&str>,
    ) {
        if self.limit == 0 {
            return;
        }
        let tier = self.priorities.tier(id, kind, topic, principle);
        let mut key = pile(tier, kind, topic, principle);
        if self.priorities.gap_cards.contains(id) {
            key.1 = format!("{OWN}{}", key.1);
        }
        let i = match self.index.get(&key) {
            Some(i) => *i,
            None => {
                self.index.insert(key.clone(), self.piles.len());
                self.piles.push((key, Vec::new()));
                self.piles.len() - 1
            }
        };
        let cards = &mut self.piles[i].1;
        if cards.len() < self.limit {
            cards.push(item);
        }
    }

    /// The day's new cards, at most `limit`, dealt as the module says.
    pub fn finish(self) -> Vec<T> {
        let priorities = self.priorities;
        let limit = self.limit;
        let (mut gaps, mut round, mut rest) = (Vec::new(), Vec::new(), Vec::new());
        for ((tier, name), cards) in self.piles {
            match tier {
                Tier::Gap => gaps.push((name, cards)),
                Tier::Round => round.push((name, cards)),
                Tier::Rest => rest.push((name, cards)),
            }
        }
        // The candidate's own items (blank questions, labs) before the principles; the round
        // in the order the notes name its topics; otherwise bank order (the sort is stable).
        gaps.sort_by_key(|(name, _)| !name.starts_with(OWN));
        round.sort_by_key(|(name, _)| priorities.round_rank(name));
        let gaps = in_turns(gaps, limit);
        let round = in_turns(round, limit);
        let mut out = Vec::with_capacity(limit);
        let (mut g, mut r) = (gaps.into_iter(), round.into_iter());
        // Gaps and the round share the day: a gap, then a round card, and so on.
        while out.len() < limit {
            let (a, b) = (g.next(), r.next());
            if a.is_none() && b.is_none() {
                break;
            }
            out.extend(a);
            if out.len() < limit {
                out.extend(b);
            }
        }
        let room = limit - out.len();
        out.extend(in_turns(rest, room));
        out
    }
}

/// Prefix of the pile of a card that is a gap by itself (see [`Priorities::gap_cards`]).
const OWN: &str = "own:";

/// Cards from `piles` a card from each in turn, at most `max`.
fn in_turns<T>(piles: Vec<(String, Vec<T>)>, max: usize) -> Vec<T> {
    let mut iters: Vec<_> = piles.into_iter().map(|(_, v)| v.into_iter()).collect();
    let mut out = Vec::new();
    while out.len() < max {
        let before = out.len();
        for it in iters.iter_mut() {
            if out.len() == max {
                break;
            }
            out.extend(it.next());
        }
        if out.len() == before {
            break;
        }
    }
    out
}

/// The day's queue over whole cards (the reference the CLI's streamed queue is tested
/// against): reviewed cards due at `now`, most overdue first (ties in bank order), then at
/// most `new_limit` new cards dealt by [`NewCards`]; at most `limit` in all.
pub fn day_queue<'a>(
    cards: impl IntoIterator<Item = &'a crate::Card>,
    states: &HashMap<String, crate::CardState>,
    now: time::OffsetDateTime,
    limit: Option<usize>,
    priorities: &Priorities,
    new_limit: usize,
) -> Vec<&'a crate::Card> {
    let mut overdue = Vec::new();
    let mut new = NewCards::new(priorities, new_limit);
    for c in cards {
        match states.get(&c.id) {
            Some(s) if s.due <= now => overdue.push((s.due, c)),
            Some(_) => {}
            None => new.push(c, &c.id, c.kind, c.topic.as_deref(), c.principle.as_deref()),
        }
    }
    overdue.sort_by_key(|(d, _)| *d);
    let mut out: Vec<&crate::Card> = overdue
        .into_iter()
        .map(|(_, c)| c)
        .chain(new.finish())
        .collect();
    if let Some(n) = limit {
        out.truncate(n);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn prio() -> Priorities {
        Priorities {
            gap_principles: ["dive-deep".to_string(), "frugality".to_string()].into(),
            gap_cards: ["mine-q3".to_string()].into(),
            round_topics: vec!["jwt".into(), "docker".into()],
        }
    }

    #[test]
    fn tiers_follow_the_gaps_and_the_round() {
        let p = prio();
        let b = CardKind::Behavioural;
        let t = CardKind::Technical;
        assert_eq!(p.tier("x", b, None, Some("dive-deep")), Tier::Gap);
        assert_eq!(p.tier("x", b, None, Some("ownership")), Tier::Rest);
        // a story card on the principle is a story the candidate has
        assert_eq!(
            p.tier("x", CardKind::Mine, None, Some("dive-deep")),
            Tier::Rest
        );
        assert_eq!(p.tier("mine-q3", CardKind::Mine, None, None), Tier::Gap);
        assert_eq!(p.tier("jwt-01", t, Some("jwt"), None), Tier::Round);
        assert_eq!(p.tier("pki-01", t, Some("pki"), None), Tier::Rest);
        assert_eq!(
            Priorities::default().tier("jwt-01", t, Some("jwt"), None),
            Tier::Rest
        );
    }

    #[test]
    fn new_cards_are_dealt_from_gap_and_round_piles_first_up_to_the_limit() {
        let p = prio();
        let mut n = NewCards::new(&p, 7);
        let b = CardKind::Behavioural;
        let t = CardKind::Technical;
        // bank order: alphabetical, as the banks are
        for (id, kind, topic, principle) in [
            ("are-right-01", b, None, Some("are-right-a-lot")),
            ("are-right-02", b, None, Some("are-right-a-lot")),
            ("dive-deep-01", b, None, Some("dive-deep")),
            ("dive-deep-02", b, None, Some("dive-deep")),
            ("docker-01", t, Some("docker"), None),
            ("docker-02", t, Some("docker"), None),
            ("frugality-01", b, None, Some("frugality")),
            ("jwt-01", t, Some("jwt"), None),
            ("jwt-02", t, Some("jwt"), None),
            ("pki-01", t, Some("pki"), None),
            ("mine-q3", CardKind::Mine, None, None),
        ] {
            n.push(id, id, kind, topic, principle);
        }
        // the candidate's own blank question leads the gaps; gaps and the round alternate;
        // the round's piles in the notes' order (jwt before docker)
        assert_eq!(
            n.finish(),
            [
                "mine-q3",
                "jwt-01",
                "dive-deep-01",
                "docker-01",
                "frugality-01",
                "jwt-02",
                "dive-deep-02"
            ]
        );
        // a big gap tier does not crowd out the round
        let mut many = Priorities {
            round_topics: vec!["pki".into()],
            ..Priorities::default()
        };
        for k in 0..16 {
            many.gap_principles.insert(format!("p{k}"));
        }
        let mut n = NewCards::new(&many, 6);
        for k in 0..16 {
            let id = format!("p{k}-01");
            n.push(id.clone(), &id, b, None, Some(&format!("p{k}")));
        }
        for k in 1..4 {
            let id = format!("pki-0{k}");
            n.push(id.clone(), &id, t, Some("pki"), None);
        }
        assert_eq!(
            n.finish(),
            ["p0-01", "pki-01", "p1-01", "pki-02", "p2-01", "pki-03"]
        );
    }

    #[test]
    fn the_rest_comes_after_and_in_turns_and_a_zero_limit_gives_nothing() {
        let p = Priorities::default();
        let mut n = NewCards::new(&p, 10);
        let t = CardKind::Technical;
        for (id, topic) in [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b")] {
            n.push(id, id, t, Some(topic), None);
        }
        assert_eq!(n.finish(), ["a1", "b1", "a2", "a3"]);
        let mut z = NewCards::new(&p, 0);
        z.push("a1", "a1", t, Some("a"), None);
        assert!(z.finish().is_empty());
    }
}
