use super::*;

fn body(title: &str, principles: &[&str]) -> StoryBody {
    StoryBody {
        title: title.to_owned(),
        result: "p99 2.1s → 180ms".to_owned(),
        principles: principles.iter().map(|s| s.to_string()).collect(),
        ..StoryBody::default()
    }
}

#[test]
fn principles_are_keys_or_exact_names_each_once() {
    let b = body(
        " t ",
        &["dive-deep", "Dive Deep", "Customer Obsession", "고객 집착"],
    )
    .validate()
    .map_err(|e| e.to_string());
    let b = b.as_ref().map(|b| (b.title.as_str(), b.principles.clone()));
    assert_eq!(
        b,
        Ok((
            "t",
            vec!["dive-deep".to_owned(), "customer-obsession".to_owned()]
        ))
    );
}

#[test]
fn unknown_principles_and_empty_titles_are_refused_with_the_field() {
    let e = body("t", &["deep dive please"]).validate();
    assert_eq!(e.map_err(|e| e.field), Err("story.principles".to_owned()));
    let e = body("   ", &[]).validate();
    assert_eq!(e.map_err(|e| e.field), Err("story.title".to_owned()));
    let e = body(&"가".repeat(MAX_TITLE + 1), &[]).validate();
    assert_eq!(e.map_err(|e| e.field), Err("story.title".to_owned()));
    let mut long = body("t", &[]);
    long.action = "a".repeat(MAX_TEXT + 1);
    assert_eq!(
        long.validate().map_err(|e| e.field),
        Err("story.action".to_owned())
    );
}

#[test]
fn comment_spans_count_characters_of_the_part() {
    let story = body("제목", &[]);
    let c = |part: &str, span: Option<(u32, u32)>| NewComment {
        part: part.to_owned(),
        text: " 좋아요 ".to_owned(),
        span: span.map(|(start, end)| CharSpan { start, end }),
        suggestion: None,
    };
    // "p99 2.1s → 180ms" is 16 characters (the arrow is one).
    assert!(c("result", Some((0, 16))).validate(&story).is_ok());
    assert!(c("result", Some((16, 16))).validate(&story).is_ok());
    assert_eq!(
        c("result", Some((0, 17)))
            .validate(&story)
            .map_err(|e| e.field),
        Err("span".to_owned())
    );
    assert_eq!(
        c("result", Some((3, 2)))
            .validate(&story)
            .map_err(|e| e.field),
        Err("span".to_owned())
    );
    assert!(c("title", Some((0, 2))).validate(&story).is_ok());
    assert!(c("situation", Some((0, 1))).validate(&story).is_err());
    assert_eq!(
        c("conclusion", None).validate(&story).map_err(|e| e.field),
        Err("part".to_owned())
    );
    let ok = c("task", None).validate(&story);
    assert_eq!(
        ok.map(|v| (v.part, v.text)),
        Ok((Part::Task, "좋아요".to_owned()))
    );
    let empty = NewComment {
        part: "task".to_owned(),
        text: " \n".to_owned(),
        span: None,
        suggestion: None,
    };
    assert_eq!(
        empty.validate(&story).map_err(|e| e.field),
        Err("text".to_owned())
    );
}

#[test]
fn a_suggestion_quotes_what_it_replaces() {
    let story = body("제목", &[]);
    let c = |part: &str, span: Option<(u32, u32)>, suggestion: &str| NewComment {
        part: part.to_owned(),
        text: "숫자를 더 구체적으로".to_owned(),
        span: span.map(|(start, end)| CharSpan { start, end }),
        suggestion: Some(suggestion.to_owned()),
    };
    // "p99 2.1s → 180ms": characters 9..16 are "→ 180ms" (the arrow is one character).
    let v = c("result", Some((9, 16)), " → 180ms (-91%) ")
        .validate(&story)
        .unwrap();
    assert_eq!(
        v.suggestion,
        Some(Suggestion {
            replacement: "→ 180ms (-91%)".to_owned(),
            quote: "→ 180ms".to_owned(),
        })
    );
    // Without a span the whole part is quoted.
    let whole = c("result", None, "p99 2.1s → 180ms, 0 timeouts")
        .validate(&story)
        .unwrap();
    assert_eq!(whole.suggestion.unwrap().quote, story.result);
    let field = |v: Result<ValidComment, Invalid>| v.map(|_| ()).map_err(|e| e.field);
    assert_eq!(
        field(c("title", None, "새 제목").validate(&story)),
        Err("suggestion".to_owned())
    );
    assert_eq!(
        field(c("result", Some((9, 16)), "→ 180ms").validate(&story)),
        Err("suggestion".to_owned()),
        "a suggestion that changes nothing"
    );
    assert_eq!(
        field(c("result", None, &"x".repeat(MAX_TEXT + 1)).validate(&story)),
        Err("suggestion".to_owned())
    );
}

#[test]
fn ratings_take_a_known_principle_and_a_score_of_one_to_four() {
    let r = |p: &str, score: i64| NewRating {
        principle: p.to_owned(),
        score,
        note: String::new(),
    };
    assert_eq!(
        r("Ownership", 4).validate().map(|v| (v.principle, v.score)),
        Ok(("ownership".to_owned(), 4))
    );
    for bad in [0, 5, -1, i64::MAX] {
        assert_eq!(
            r("ownership", bad).validate().map_err(|e| e.field),
            Err("score".to_owned())
        );
    }
    assert_eq!(
        r("nope", 3).validate().map_err(|e| e.field),
        Err("principle".to_owned())
    );
}

#[test]
fn emails_are_normalised_and_checked() {
    assert_eq!(
        normalize_email(" Alice@Example.COM "),
        Ok("alice@example.com".to_owned())
    );
    for bad in [
        "",
        "alice",
        "@example.com",
        "alice@",
        "a b@example.com",
        "a@b@c",
    ] {
        assert!(normalize_email(bad).is_err(), "{bad}");
    }
}

#[test]
fn roles_and_parts_round_trip_their_names() {
    for r in [Role::Owner, Role::Coach, Role::Member] {
        assert_eq!(Role::parse(r.as_str()), Some(r));
    }
    assert!(Role::Owner.can_coach() && Role::Coach.can_coach() && !Role::Member.can_coach());
    for p in Part::ALL {
        assert_eq!(Part::parse(p.as_str()), Some(p));
    }
    assert_eq!(Role::parse("admin"), None);
    assert!(check_password("123456789").is_err());
    assert!(check_password("1234567890").is_ok());
    assert!(normalize_group_name(" 스터디 ").is_ok_and(|n| n == "스터디"));
}

#[test]
fn a_new_share_drops_an_empty_local_id_and_refuses_a_long_one() {
    let s = NewShare {
        story: body("t", &[]),
        local_id: Some("  ".to_owned()),
    };
    assert_eq!(s.validate().map(|s| s.local_id), Ok(None));
    let s = NewShare {
        story: body("t", &[]),
        local_id: Some("x".repeat(MAX_LOCAL_ID + 1)),
    };
    assert_eq!(
        s.validate().map(|_| ()).map_err(|e| e.field),
        Err("local_id".to_owned())
    );
}

#[test]
fn words_to_replace_become_a_span_when_found_once() {
    let text = "p99 2.1s → 180ms, 0건 그리고 0건";
    assert_eq!(
        span_of(text, " 180ms "),
        Ok(CharSpan { start: 11, end: 16 })
    );
    assert_eq!(span_of(text, "→").map(|s| (s.start, s.end)), Ok((9, 10)));
    let field = |r: Result<CharSpan, Invalid>| r.map_err(|e| e.field);
    assert_eq!(field(span_of(text, "0건")), Err("replace".to_owned()));
    assert_eq!(field(span_of(text, "없는 말")), Err("replace".to_owned()));
    assert_eq!(field(span_of(text, "  ")), Err("replace".to_owned()));
}
