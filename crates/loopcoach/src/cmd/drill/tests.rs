//! Tests of `drill`.

use loopcoach_practice::queue::{DEFAULT_NEW_PER_DAY, Priorities, day_queue};
use loopcoach_practice::{CardFilter, TextList};
use loopcoach_store::UserCardRow;
use time::macros::datetime;

use super::*;

/// A workspace with the example notes, one user card and three cards reviewed at the same
/// time: a built-in one, the user one and one from the notes.
fn workspace(dir: &std::path::Path) -> (Ctx, String) {
    let ctx = Ctx::new(Some(dir.join("ws.db")), Some("en".into())).unwrap();
    let notes = std::path::PathBuf::from(format!(
        "{}/../../examples/interview-notes.md",
        env!("CARGO_MANIFEST_DIR")
    ));
    let args = super::super::import::Args {
        file: notes,
        max_size: 10 << 20,
        json: true,
    };
    super::super::import::run(&ctx, &args).unwrap();
    let mut store = ctx.store().unwrap();
    let card = Card {
        id: "deck-00001".into(),
        kind: CardKind::Technical,
        topic: Some("selectors".into()),
        principle: None,
        question: Text {
            en: "What is a pod?".into(),
            ko: "파드란?".into(),
        },
        key_points: TextList {
            en: vec!["The smallest deployable unit".into()],
            ko: vec!["가장 작은 배포 단위".into()],
        },
        follow_ups: TextList::default(),
        reference: None,
        troubleshooting: false,
        source: None,
    };
    let row = UserCardRow {
        id: card.id.clone(),
        deck: "t".into(),
        kind: "technical".into(),
        topic: card.topic.clone(),
        principle: None,
        body: serde_json::to_string(&card).unwrap(),
    };
    // A user card with a built-in card's id: the built-in one wins everywhere.
    let hidden = UserCardRow {
        id: "jwt-05".into(),
        topic: Some("jwt".into()),
        body: serde_json::to_string(&Card {
            id: "jwt-05".into(),
            topic: Some("jwt".into()),
            ..card.clone()
        })
        .unwrap(),
        ..row.clone()
    };
    store
        .transact(|tx| tx.replace_deck("t", &[row, hidden], "2026-12-01T09:00:00Z"))
        .unwrap();
    let mine_id = mine_cards(&store.workspace().unwrap())[0].id.clone();
    let scheduler = deck::scheduler(&store).unwrap();
    for id in ["jwt-03", "deck-00001", mine_id.as_str()] {
        let (s, r) = scheduler
            .review(id, None, Rating::Good, datetime!(2026-12-01 09:00 UTC))
            .unwrap();
        deck::record(&mut store, &s, &r).unwrap();
    }
    (ctx, mine_id)
}

/// The default day, as a fresh workspace has it.
fn day() -> DaySettings {
    DaySettings {
        new_per_day: DEFAULT_NEW_PER_DAY,
        learning: loopcoach_practice::Steps::default_learning(),
        relearning: loopcoach_practice::Steps::default_relearning(),
    }
}

#[test]
fn due_built_in_user_and_mine_cards_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, mine_id) = workspace(dir.path());
    let store = ctx.store().unwrap();
    let now = datetime!(2027-01-01 09:00 UTC);
    let (queue, mine) =
        due_heads(&ctx, &store, &CardFilter::default(), now, Some(3), &day()).unwrap();
    let ids: Vec<&str> = queue.iter().map(|(h, _)| h.head.id.as_str()).collect();
    assert_eq!(ids, ["jwt-03", "deck-00001", mine_id.as_str()]);
    let sources: Vec<Source> = queue.iter().map(|(h, _)| h.source).collect();
    assert_eq!(sources, [Source::Builtin, Source::User, Source::Mine]);
    let cards = whole_cards(&ctx, &store, &queue, mine).unwrap();
    let all = deck::all_cards(&ctx, &store, &store.workspace().unwrap()).unwrap();
    assert_eq!(cards.len(), 3);
    for c in &cards {
        assert_eq!(Some(c), all.iter().find(|a| a.id == c.id), "{}", c.id);
    }
    for id in ["jwt-03", "docker-01", "deck-00001", mine_id.as_str()] {
        assert!(card_exists(&store, id).unwrap(), "{id}");
    }
    for id in ["jwt-99", "deck-00002", "mine-nope"] {
        assert!(!card_exists(&store, id).unwrap(), "{id}");
    }
}

#[test]
fn the_head_queue_is_the_queue_over_every_card() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, _) = workspace(dir.path());
    let store = ctx.store().unwrap();
    let docs = store.workspace().unwrap();
    let all = deck::all_cards(&ctx, &store, &docs).unwrap();
    let states = deck::states(&store).unwrap();
    let priorities = Priorities::from_notes(&docs, &loopcoach_core::Framework::amazon());
    let filters = [
        CardFilter::default(),
        CardFilter {
            mine: true,
            ..CardFilter::default()
        },
        CardFilter {
            topic: Some("selectors".into()),
            ..CardFilter::default()
        },
        CardFilter {
            topic: Some("jwt".into()),
            ..CardFilter::default()
        },
        CardFilter {
            principle: Some("customer-obsession".into()),
            ..CardFilter::default()
        },
    ];
    for now in [
        datetime!(2026-12-01 09:00 UTC),
        datetime!(2026-12-02 09:00 UTC),
        datetime!(2027-01-01 09:00 UTC),
    ] {
        for ((f, limit), new_limit) in filters
            .iter()
            .flat_map(|f| [None, Some(0), Some(1), Some(2), Some(3)].map(|l| (f, l)))
            .flat_map(|fl| [0, 2, DEFAULT_NEW_PER_DAY, 1000].map(|n| (fl, n)))
        {
            let cards: Vec<&Card> = all.iter().filter(|c| f.matches(c)).collect();
            let old: Vec<(String, Option<OffsetDateTime>)> = day_queue(
                cards.iter().copied(),
                &states,
                now,
                limit,
                &priorities,
                // the day's limit less the cards first reviewed that day
                deck::new_budget(&store, now, new_limit).unwrap(),
            )
            .into_iter()
            .map(|c| (c.id.clone(), states.get(&c.id).map(|s| s.due)))
            .collect();
            let day = DaySettings {
                new_per_day: new_limit,
                ..day()
            };
            let (queue, _) = due_heads(&ctx, &store, f, now, limit, &day).unwrap();
            let new: Vec<(String, Option<OffsetDateTime>)> =
                queue.into_iter().map(|(h, due)| (h.head.id, due)).collect();
            assert_eq!(old, new, "{f:?} at {now}, limit {limit:?}, {new_limit} new");
            if limit.is_none() {
                // The table's summary counts, without reading the user cards' heads.
                let sources = DueSources::read(&ctx, &store, f, now, &day).unwrap();
                let fresh = new.iter().filter(|(_, due)| due.is_none()).count();
                assert_eq!(
                    sources.count(&store, f, now).unwrap(),
                    (new.len(), fresh),
                    "{f:?} at {now}"
                );
            }
        }
    }
}
