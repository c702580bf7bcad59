//! Practice through the real binary: cards from banks and notes, bank add (good and bad), search,
//! scripted reviews, the drill loop on piped stdin, due and stats, optimize, and the Anki round trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Ws;

#[test]
#[ignore = "needs ../shared"]
fn cards_cover_banks_and_notes_with_filters() {
    let ws = Ws::imported();
    let all = ws.json(&["cards", "--json"]);
    let all = all.as_array().unwrap();
    let kind = |k: &str| all.iter().filter(|c| c["kind"] == k).count();
    assert!(kind("behavioural") >= 160 && kind("technical") >= 144 && kind("mine") >= 10);
    let c = &all[0];
    for field in [
        "id",
        "kind",
        "question",
        "key_points",
        "follow_ups",
        "reference",
    ] {
        assert!(c.get(field).is_some(), "{field}");
    }
    assert!(c["question"]["ko"].is_string() && c["key_points"]["en"].is_array());
    let jwt = ws.json(&["cards", "--topic", "jwt", "--json"]);
    assert!(
        jwt.as_array()
            .unwrap()
            .iter()
            .all(|c| c["topic"] == "jwt" && c["reference"].is_string())
    );
    let own = ws.json(&["cards", "--principle", "Ownership", "--json"]);
    assert!(
        own.as_array()
            .unwrap()
            .iter()
            .all(|c| c["principle"] == "ownership")
    );
    let mine = ws.json(&["cards", "--mine", "--json"]);
    assert!(
        mine.as_array()
            .unwrap()
            .iter()
            .any(|c| c["question"]["ko"] == "고객에 집착했던 경험")
    );
    let table = ws.ok(&["--lang", "ko", "cards", "--topic", "docker"]);
    assert!(table.contains("docker-01") && table.contains("이미지"));
}

const BANK: &str = r#"topic = "jwt"

[[cards]]
id = "jwt-91"
question = { en = "What does the kid header do?", ko = "kid 헤더는 무슨 역할인가요?" }
follow_ups = { en = ["After a key rotation?"], ko = ["키 교체 후에는?"] }
key_points = { en = ["a", "b", "c"], ko = ["가", "나", "다"] }
reference = "RFC 7515 §4.1.4"
"#;

#[test]
fn bank_add_refuses_a_malformed_bank_with_file_line_and_field() {
    let ws = Ws::imported_example();
    let bad = ws.file(
        "bad.toml",
        &BANK.replace(r#"ko = ["가", "나", "다"]"#, r#"ko = ["가"]"#),
    );
    let out = ws.run(&["bank", "add", &bad]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:7:") && err.contains("cards[0].key_points.ko"),
        "{err}"
    );
    let typo = ws.file("typo.toml", &BANK.replace("follow_ups", "followups"));
    let err = String::from_utf8_lossy(&ws.run(&["bank", "add", &typo]).stderr).to_string();
    assert!(
        err.contains("typo.toml:6:") && err.contains("followups"),
        "{err}"
    );
    let clash = ws.file("clash.toml", &BANK.replace("jwt-91", "jwt-01"));
    let err = String::from_utf8_lossy(&ws.run(&["bank", "add", &clash]).stderr).to_string();
    assert!(
        err.contains("clash.toml:4:") && err.contains("jwt-01"),
        "{err}"
    );
    assert!(!ws.ok(&["cards", "--json"]).contains("jwt-91"));
    let good = ws.file("good.toml", BANK);
    ws.ok(&["bank", "add", &good]);
    ws.ok(&["bank", "add", &good]);
    let jwt = ws.json(&["cards", "--topic", "jwt", "--json"]);
    assert_eq!(
        jwt.as_array()
            .unwrap()
            .iter()
            .filter(|c| c["id"] == "jwt-91")
            .count(),
        1
    );
}

#[test]
#[ignore = "needs ../shared"]
fn search_is_korean_aware_and_stems_english() {
    let ws = Ws::imported();
    let hits = |q: &str| {
        ws.json(&["search", q, "--json"])["hits"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(
        hits("집착")
            .iter()
            .any(|h| h["title"] == "고객에 집착했던 경험")
    );
    assert!(
        hits("배포 전략")
            .iter()
            .any(|h| h["snippet"].as_str().unwrap().contains("배포전략"))
    );
    assert!(
        hits("고객과")
            .iter()
            .any(|h| h["snippet"].as_str().unwrap().contains("고객"))
    );
    assert!(hits("deploy").iter().any(|h| {
        h["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("deployment")
    }));
    assert!(
        hits("파드를")
            .iter()
            .any(|h| h["snippet"].as_str().unwrap().contains("파드"))
    );
    let stories = ws.json(&["search", "집착", "--kind", "story", "--json"]);
    assert!(
        stories["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["kind"] == "story")
    );
    assert!(ws.ok(&["search", "집착"]).contains("[집착]"));
}

#[test]
fn reviews_grow_intervals_and_show_in_due_and_stats() {
    let ws = Ws::imported_example();
    let r1 = ws.json(&[
        "review",
        "docker-01",
        "--rating",
        "good",
        "--now",
        "2026-12-01T09:00:00Z",
        "--json",
    ]);
    let r2 = ws.json(&[
        "review",
        "docker-01",
        "--rating",
        "good",
        "--now",
        "2026-12-05T09:00:00Z",
        "--json",
    ]);
    assert_eq!(r1["due"], "2026-12-03T09:00:00Z");
    assert!(r2["interval_days"].as_u64().unwrap() > r1["interval_days"].as_u64().unwrap());
    assert!(
        !ws.run(&["review", "no-such-card", "--rating", "good"])
            .status
            .success()
    );
    assert!(
        !ws.run(&["review", "docker-01", "--rating", "meh"])
            .status
            .success()
    );
    let due = ws.json(&[
        "due",
        "--topic",
        "docker",
        "--now",
        "2026-12-06T09:00:00Z",
        "--json",
    ]);
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .all(|d| d["id"] != "docker-01")
    );
    let stats = ws.json(&["stats", "--now", "2026-12-06T09:00:00Z", "--json"]);
    assert_eq!(stats["reviews"], 2);
    assert_eq!(stats["per_group"]["docker"]["reviewed"], 1);
    assert!(ws.ok(&["optimize"]).contains("2 of 100"));
}

#[test]
fn drill_runs_on_piped_stdin() {
    let ws = Ws::imported_example();
    let out = ws.run_stdin(
        &[
            "--lang",
            "ko",
            "drill",
            "--mine",
            "--limit",
            "2",
            "--now",
            "2026-12-01T09:00:00Z",
        ],
        "제 답변입니다\n\n3\n\n4\n",
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("핵심 포인트") && text.contains("내 초안") && text.contains("완료: 2장 복습"),
        "{text}"
    );
    assert_eq!(ws.json(&["stats", "--json"])["reviews"], 2);
    // The typed answer is kept with its review (the second card was answered in the head).
    let db = rusqlite::Connection::open(ws.db()).unwrap();
    let kept: Vec<String> = db
        .prepare("SELECT answer FROM review_answer")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept, ["제 답변입니다"]);
}

#[test]
fn anki_export_reads_back() {
    let ws = Ws::imported_example();
    let out = ws.dir.path().join("tls.txt");
    ws.ok(&[
        "--lang",
        "ko",
        "anki",
        "export",
        "--topic",
        "tls",
        "--deck",
        "loopcoach::tls",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("#separator:tab\n#html:false\n") && text.contains("#deck:loopcoach::tls")
    );
    let plain = ws.file(
        "plain.txt",
        "#separator:tab\n#html:false\nWhat is a pod?\tThe smallest deployable unit\n",
    );
    ws.ok(&["anki", "import", &plain]);
    ws.ok(&["anki", "import", out.to_str().unwrap()]);
    let mine = ws.json(&["cards", "--json"]);
    let all = mine.as_array().unwrap();
    assert!(all.iter().any(|c| c["question"]["en"] == "What is a pod?"));
    assert_eq!(all.iter().filter(|c| c["id"] == "tls-01").count(), 1);
}

#[test]
fn due_pages_the_table_and_lists_every_card_in_json() {
    let ws = Ws::new();
    // (Every new card is listed: past the day's limit of new cards, which is tested in
    // cli_evening.rs.)
    // The built-in cards and 60 imported ones; three reviewed at the same moment (so due
    // together): one built-in card and the last two imported ones.
    let tsv: String = (0..60)
        .map(|i| format!("Imported question {i:02}?\tanswer {i}\n"))
        .collect();
    let deck = ws.file("deck.txt", &format!("#separator:tab\n#html:false\n{tsv}"));
    ws.ok(&["anki", "import", &deck]);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    };
    let before = ids(&ws.json(&["due", "--new-limit", "100000", "--json"]));
    assert!(before.len() > 400, "{}", before.len());
    for id in [
        &before[10],
        &before[before.len() - 1],
        &before[before.len() - 2],
    ] {
        ws.ok(&[
            "review",
            id,
            "--rating",
            "good",
            "--now",
            "2026-12-01T09:00:00Z",
        ]);
    }
    let now = ["--now", "2026-12-20T09:00:00Z"];
    let all = ids(&ws.json(&["due", "--new-limit", "100000", "--json", now[0], now[1]]));
    assert_eq!(all.len(), before.len());
    // Reviewed cards first, in bank order on equal due times; then the new ones in bank order.
    assert_eq!(all[0], before[10]);
    assert_eq!(all[1], before[before.len() - 2]);
    assert_eq!(all[2], before[before.len() - 1]);
    // The table: the summary counts every card, 50 rows, then how many more.
    let table = ws.ok(&["due", "--new-limit", "100000", now[0], now[1]]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{} cards due ({} new, 3 to review).",
            all.len(),
            all.len() - 3
        )
    );
    let rows: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| id"))
        .copied()
        .collect();
    assert_eq!(rows.len(), 50);
    for (row, id) in rows.iter().zip(&all) {
        assert!(row.starts_with(&format!("| {id} ")), "{row} vs {id}");
    }
    assert_eq!(
        lines.last().unwrap(),
        &format!(
            "… and {} more (--limit N shows more, --json lists them all).",
            all.len() - 50
        )
    );
    // --limit: that many rows (the summary still counts all), and a JSON list cut to it.
    let five = ws.ok(&[
        "due",
        "--new-limit",
        "100000",
        "--limit",
        "5",
        now[0],
        now[1],
    ]);
    assert!(five.starts_with(&format!("{} cards due", all.len())));
    assert_eq!(
        five.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| id"))
            .count(),
        5
    );
    assert!(five.contains(&format!("… and {} more", all.len() - 5)));
    assert_eq!(
        ids(&ws.json(&[
            "due",
            "--new-limit",
            "100000",
            "--json",
            "--limit",
            "5",
            now[0],
            now[1]
        ])),
        all[..5]
    );
    // Everything fits: no "more" line.
    let jwt = ws.ok(&[
        "due",
        "--new-limit",
        "100000",
        "--topic",
        "jwt",
        now[0],
        now[1],
    ]);
    assert!(!jwt.contains("more"), "{jwt}");
}

#[test]
fn the_support_topic_banks_are_listed_and_filtered_by_topic() {
    // Issue #19: six banks of at least 14 bilingual cards, each reachable with --topic.
    let ws = Ws::new();
    for topic in [
        "networking",
        "vpc",
        "linux",
        "iam",
        "k8s-troubleshooting",
        "elb",
    ] {
        let cards = ws.json(&["cards", "--topic", topic, "--json"]);
        let cards = cards.as_array().unwrap();
        assert!(cards.len() >= 14, "{topic}: {}", cards.len());
        for c in cards {
            assert_eq!(c["topic"], topic);
            assert!(c["id"].as_str().unwrap().starts_with(&format!("{topic}-")));
            for lang in ["en", "ko"] {
                assert!(!c["question"][lang].as_str().unwrap().is_empty());
                assert!(c["key_points"][lang].as_array().unwrap().len() >= 3);
            }
            assert!(!c["reference"].as_str().unwrap().is_empty());
        }
    }
    // A topic's cards are its own: the k8s-troubleshooting filter does not pull in k8s-auth.
    let k8s = ws.json(&["cards", "--topic", "k8s-troubleshooting", "--json"]);
    assert!(
        k8s.as_array()
            .unwrap()
            .iter()
            .all(|c| c["topic"] != "k8s-auth")
    );
}
