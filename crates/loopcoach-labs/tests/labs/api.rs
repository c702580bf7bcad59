//! The library's edges: errors, the directory helpers, random faults, the time budget.

use loopcoach_labs::{LabError, LabRequest, Lang, catalog, generate, read_lab_id, write_lab};

use crate::common::{NOW, req};

#[test]
fn catalog_lists_every_kind_with_titles() {
    let kinds: Vec<String> = catalog().into_iter().map(|k| k.kind).collect();
    assert_eq!(
        kinds,
        [
            "jwt", "pki", "oauth", "k8s", "docker", "dns", "vpc", "elb", "iam", "linux"
        ]
    );
    for k in catalog() {
        assert!(!k.title.ko.is_empty() && !k.title.en.is_empty());
        for f in k.faults {
            assert!(f.code.starts_with(&format!("{}/", k.kind)));
        }
    }
    let json = serde_json::to_value(catalog()).unwrap();
    assert!(json[0]["faults"][0]["title"]["ko"].is_string());
}

#[test]
fn errors_name_what_is_valid() {
    let err = generate(&req("ftp", "x", 1, 1)).unwrap_err();
    assert!(matches!(err, LabError::UnknownKind { .. }));
    assert!(err.to_string().contains("jwt, pki"));
    let err = generate(&req("jwt", "jwt/melted", 1, 1)).unwrap_err();
    assert!(err.to_string().contains("jwt/expired"), "{err}");
    assert!(matches!(
        generate(&req("jwt", "expired", 1, 4)),
        Err(LabError::BadDifficulty(4))
    ));
    // A moment far out (certificates overflow past 9999) is refused, never a panic.
    for now in [
        time::macros::datetime!(9999-12-31 23:59:59 UTC),
        time::macros::datetime!(0001-01-01 00:00:00 UTC),
        time::macros::datetime!(9999-12-31 23:59:59 -05:00),
    ] {
        for kind in ["pki", "jwt", "oauth", "k8s", "docker", "iam", "linux"] {
            let r = LabRequest {
                now,
                fault: None,
                ..req(kind, "x", 1, 1)
            };
            assert!(
                matches!(generate(&r), Err(LabError::TimeOutOfRange { .. })),
                "{kind} at {now}"
            );
        }
    }
    // A bare fault name is accepted.
    assert_eq!(
        generate(&req("jwt", "expired", 1, 1))
            .unwrap()
            .answer
            .causes,
        ["jwt/expired"]
    );
}

#[test]
fn no_fault_picks_one_from_the_seed() {
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let r = LabRequest {
            fault: None,
            ..req("pki", "", seed, 1)
        };
        let a = generate(&r).unwrap();
        assert_eq!(a.answer.causes, generate(&r).unwrap().answer.causes);
        seen.insert(a.answer.causes[0].clone());
    }
    assert!(seen.len() >= 5, "{seen:?}");
}

#[test]
fn write_and_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lab");
    let lab = generate(&req("k8s", "k8s/rbac-forbidden", 3, 2)).unwrap();
    write_lab(&dir, &lab).unwrap();
    assert_eq!(read_lab_id(&dir).unwrap(), lab.id);
    for f in &lab.files {
        assert_eq!(std::fs::read(dir.join(&f.path)).unwrap(), f.contents);
    }
    assert!(matches!(
        write_lab(&dir, &lab),
        Err(LabError::DirNotEmpty(_))
    ));
    assert!(matches!(read_lab_id(tmp.path()), Err(LabError::Io { .. })));
    // An existing empty directory is fine.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write_lab(&empty, &lab).unwrap();
}

#[test]
fn every_lab_is_quick_and_keeps_its_secret() {
    for k in catalog() {
        for f in k.faults {
            for difficulty in 1..=3 {
                let r = LabRequest {
                    lang: Lang::En,
                    ..req(&k.kind, &f.code, 11, difficulty)
                };
                let start = std::time::Instant::now();
                let lab = generate(&r).unwrap();
                // 100 ms is the release budget (see the bench); debug builds get slack.
                assert!(
                    start.elapsed().as_millis() < 1000,
                    "{}: {:?}",
                    f.code,
                    start.elapsed()
                );
                let json: serde_json::Value =
                    serde_json::from_slice(&lab.file("lab.json").unwrap().contents).unwrap();
                assert_eq!(json["now"], "2026-03-14T09:30:00Z");
                assert_eq!(json["kind"], k.kind.as_str());
                let text = serde_json::to_string(&json).unwrap();
                for c in &lab.answer.causes {
                    assert!(!text.contains(c.as_str()), "{c} leaks into lab.json");
                }
                let listed: Vec<&str> = json["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                for file in &lab.files {
                    assert!(file.path == "lab.json" || listed.contains(&file.path.as_str()));
                }
                let ticket =
                    String::from_utf8_lossy(&lab.file("TICKET.md").unwrap().contents).to_string();
                assert!(
                    !ticket.split('{').skip(1).any(|rest| rest
                        .split_once('}')
                        .is_some_and(|(name, _)| !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')))
                        || k.kind == "k8s",
                    "{}: unfilled ticket\n{ticket}",
                    f.code
                );
            }
        }
    }
    let _ = NOW;
}
