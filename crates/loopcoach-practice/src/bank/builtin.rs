//! The built-in banks (`content/banks/`, embedded): the strict parse of all of them for the
//! schema test, and the cheap paths a start takes instead (card heads from a light scan, one
//! bank by a card id's prefix), so `due` and `drill` do not validate every bank every time.

use super::*;

/// The cards of a built-in bank, parsed without the semantic checks of [`parse_bank`] (the
/// schema test runs those over every built-in bank; a start need not repeat them).
fn parse_builtin(file: &str, text: &str) -> Result<Vec<Card>, String> {
    let raw: RawBank = toml::from_str(text).map_err(|e| format!("{file}: {}", e.message()))?;
    let (kind, key) = kind_and_key(raw.principle, raw.topic)
        .ok_or_else(|| format!("{file}: needs one of principle or topic"))?;
    let lines = Lines::new(text);
    Ok(raw
        .cards
        .into_iter()
        .map(|c| {
            let reference = c.reference.clone().filter(|r| !r.trim().is_empty());
            let id_line = lines.find_id(&c.id);
            card_from_raw(c, kind, &key, reference, file, id_line)
        })
        .collect())
}

/// The built-in cards among `ids`, in `ids` order, parsing only the banks that hold them
/// (the bank of `jwt-03` is `technical/jwt.toml`). Ids of no built-in card are left out; a
/// bank that does not parse is reported in the second list.
pub fn builtin_cards_for(ids: &[&str]) -> (Vec<Card>, Vec<String>) {
    let mut parsed: Vec<(&str, Vec<Card>)> = Vec::new();
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for id in ids {
        let Some(key) = crate::content::key_of_id(id) else {
            continue;
        };
        if !parsed.iter().any(|(k, _)| *k == key) {
            let cards = match crate::content::builtin_bank(key) {
                Some((file, text)) => parse_builtin(file, text).unwrap_or_else(|e| {
                    errors.push(e);
                    Vec::new()
                }),
                None => Vec::new(),
            };
            parsed.push((key, cards));
        }
        if let Some(c) = parsed
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, cards)| cards.iter().find(|c| c.id == *id))
        {
            out.push(c.clone());
        }
    }
    (out, errors)
}

/// One built-in card by id, parsing only its bank.
pub fn builtin_card(id: &str) -> Option<Card> {
    builtin_cards_for(&[id]).0.into_iter().next()
}

#[derive(Debug, Deserialize)]
struct LeanBank {
    principle: Option<String>,
    topic: Option<String>,
    #[serde(default)]
    cards: Vec<LeanCard>,
}

#[derive(Debug, Deserialize)]
struct LeanCard {
    id: String,
    question: Text,
}

/// The heads of one bank's cards. Fast path: only the `principle`/`topic`, `[[cards]]`, `id`
/// and `question` lines go through the TOML parser (the long key points and follow-ups are
/// skipped); if that does not give one question per card (a bank written another way), the
/// whole file is parsed.
pub(super) fn heads_of(text: &str) -> Option<Vec<CardHead>> {
    let mut mini = String::with_capacity(text.len() / 4);
    let mut tables = 0;
    for line in text.lines() {
        let t = line.trim_start();
        let is = |k: &str| {
            t.strip_prefix(k)
                .is_some_and(|r| r.trim_start().starts_with('='))
        };
        let header = t.starts_with("[[cards]]");
        if header || is("id") || is("question") || (tables == 0 && (is("principle") || is("topic")))
        {
            tables += usize::from(header);
            mini.push_str(line);
            mini.push('\n');
        }
    }
    let lean = toml::from_str::<LeanBank>(&mini)
        .ok()
        .filter(|b| b.cards.len() == tables)
        .or_else(|| toml::from_str::<LeanBank>(text).ok())?;
    let (kind, key) = kind_and_key(lean.principle, lean.topic)?;
    let technical = kind == CardKind::Technical;
    Some(
        lean.cards
            .into_iter()
            .map(|c| CardHead {
                id: c.id,
                kind,
                topic: technical.then(|| key.clone()),
                principle: (!technical).then(|| key.clone()),
                question: c.question,
            })
            .collect(),
    )
}

/// The heads of every built-in card, in file order, without building whole cards: what the
/// due queue and the statistics need. A bank that does not parse is left out (its file is
/// returned in the second list).
pub fn builtin_heads() -> (Vec<CardHead>, Vec<&'static str>) {
    let mut out = Vec::new();
    let mut broken = Vec::new();
    for (file, text) in BUILTIN {
        match heads_of(text) {
            Some(h) => out.extend(h),
            None => broken.push(*file),
        }
    }
    (out, broken)
}

/// Every built-in bank. Banks that fail validation are returned as errors (the schema test
/// keeps that list empty); the others are still usable.
pub fn builtin_banks() -> (Vec<Bank>, Vec<BankError>) {
    let mut banks = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in BUILTIN {
        match parse_bank(path, text) {
            Ok(b) => banks.push(b),
            Err(e) => errors.extend(e),
        }
    }
    (banks, errors)
}

/// The cards of every valid built-in bank, in file order.
pub fn builtin_cards() -> Vec<Card> {
    builtin_banks()
        .0
        .into_iter()
        .flat_map(|b| b.cards)
        .collect()
}
