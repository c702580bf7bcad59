//! Grading and explanations, both languages.

use loopcoach_labs::{Lang, Verdict, explain, generate, grade};

use crate::common::req;

fn verdict(kind: &str, code: &str, answer: &str) -> Verdict {
    let lab = generate(&req(kind, code, 1, 1)).unwrap();
    grade(&lab.answer, answer).verdict
}

#[test]
fn jwt_answers() {
    use Verdict::*;
    let cases = [
        ("jwt/expired", "jwt/expired", Right),
        ("jwt/expired", "EXPIRED", Partly),
        ("jwt/expired", "토큰 만료", Right),
        ("jwt/expired", "토큰이 만료됐어요", Right),
        ("jwt/expired", "만료된 토큰입니다", Right),
        (
            "jwt/expired",
            "The token expired, exp is in the past",
            Right,
        ),
        ("jwt/expired", "exp in the past", Right),
        ("jwt/expired", "시계 문제 같아요", Wrong),
        ("jwt/expired", "nbf is in the future", Wrong),
        ("jwt/expired", "토큰 문제", Wrong),
        ("jwt/expired", "wrong issuer", Wrong),
        ("jwt/expired", "bad signature", Wrong),
        ("jwt/expired", "인증서 체인 문제", Wrong),
        ("jwt/alg-confusion", "signature problem", Wrong),
        ("jwt/alg-confusion", "서명 문제입니다", Wrong),
        (
            "jwt/alg-confusion",
            "HS256 / RS256 algorithm confusion",
            Right,
        ),
        ("jwt/alg-confusion", "공개키를 HMAC 비밀키로 썼어요", Right),
        ("jwt/alg-confusion", "토큰 만료", Wrong),
        ("jwt/unknown-kid", "kid가 JWKS에 없어요", Right),
        (
            "jwt/unknown-kid",
            "stale JWKS cache after key rotation",
            Right,
        ),
        ("jwt/wrong-audience", "aud mismatch", Right),
        ("jwt/wrong-audience", "다른 API용 토큰", Right),
        ("jwt/alg-none", "alg: none, unsigned token", Right),
        ("jwt/alg-none", "서명이 없는 토큰", Right),
        ("jwt/bad-signature", "페이로드가 변조됐어요", Right),
        ("jwt/not-yet-valid", "issuer clock ahead, nbf", Right),
    ];
    for (code, answer, want) in cases {
        assert_eq!(verdict("jwt", code, answer), want, "{code}: {answer:?}");
    }
}

#[test]
fn pki_answers() {
    use Verdict::*;
    let cases = [
        ("pki/expired-intermediate", "중간 인증서 만료", Right),
        (
            "pki/expired-intermediate",
            "The intermediate certificate has expired",
            Right,
        ),
        ("pki/expired-intermediate", "인증서 만료", Partly),
        ("pki/expired-intermediate", "certificate expired", Partly),
        ("pki/expired-leaf", "server certificate expired", Right),
        ("pki/expired-leaf", "서버 인증서가 만료되었습니다", Right),
        ("pki/expired-leaf", "인증서 문제", Wrong),
        ("pki/hostname-mismatch", "인증서 문제", Wrong),
        (
            "pki/hostname-mismatch",
            "SAN에 호스트 이름이 없어서 hostname mismatch",
            Right,
        ),
        ("pki/hostname-mismatch", "호스트 이름 불일치", Right),
        ("pki/hostname-mismatch", "key mismatch", Wrong),
        ("pki/missing-intermediate", "중간 인증서 누락", Right),
        ("pki/missing-intermediate", "the chain is incomplete", Right),
        ("pki/missing-intermediate", "root CA is not trusted", Wrong),
        (
            "pki/untrusted-root",
            "클라이언트 trust store에 없는 새 루트",
            Right,
        ),
        ("pki/wrong-eku", "EKU has clientAuth only", Right),
        ("pki/wrong-eku", "확장 키 용도가 클라이언트 인증용", Right),
        ("pki/key-mismatch", "개인키 불일치", Right),
        (
            "pki/key-mismatch",
            "the private key doesn't match the certificate",
            Right,
        ),
        ("pki/key-mismatch", "토큰 만료", Wrong),
        (
            "pki/not-yet-valid",
            "not yet valid: notBefore in the future",
            Right,
        ),
    ];
    for (code, answer, want) in cases {
        assert_eq!(verdict("pki", code, answer), want, "{code}: {answer:?}");
    }
}

/// What the grader must never be fooled by (issue #18): a list of every title, a single
/// buzzword, the right cause ruled out, another cause of the same kind.
#[test]
fn stuffing_buzzwords_negation_and_other_causes_are_not_right() {
    for info in loopcoach_labs::catalog() {
        let titles_en: Vec<String> = info.faults.iter().map(|f| f.title.en.clone()).collect();
        let titles_ko: Vec<String> = info.faults.iter().map(|f| f.title.ko.clone()).collect();
        for f in &info.faults {
            let lab = generate(&req(&info.kind, &f.code, 1, 1)).unwrap();
            for list in [titles_en.join("; "), titles_ko.join(", ")] {
                let g = grade(&lab.answer, &list);
                assert_eq!(g.verdict, Verdict::Wrong, "{}: stuffed {list}", f.code);
                assert!(g.stuffed && g.missing.contains(&"commit".to_string()));
            }
            let buzz = f
                .code
                .rsplit('-')
                .next()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap();
            assert_ne!(
                grade(&lab.answer, buzz).verdict,
                Verdict::Right,
                "{}: buzzword {buzz}",
                f.code
            );
            for title in [&f.title.en, &f.title.ko] {
                assert_eq!(
                    grade(&lab.answer, title).verdict,
                    Verdict::Right,
                    "{}: own title",
                    f.code
                );
                let negated = format!("Not this: {title}. That is fine.");
                assert_eq!(
                    grade(&lab.answer, &negated).verdict,
                    Verdict::Wrong,
                    "{}: {negated}",
                    f.code
                );
            }
            for other in info.faults.iter().filter(|o| o.code != f.code) {
                let g = grade(&lab.answer, &other.title.en);
                assert_eq!(
                    g.verdict,
                    Verdict::Wrong,
                    "{}: other cause {}",
                    f.code,
                    other.code
                );
                assert_eq!(g.claimed.as_deref(), Some(other.code.as_str()));
                let contrast = format!("{} 아니라 {}", f.title.ko, other.title.ko);
                assert_eq!(
                    grade(&lab.answer, &contrast).verdict,
                    Verdict::Wrong,
                    "{}: {contrast}",
                    f.code
                );
            }
        }
    }
}

#[test]
fn vague_answers_say_what_is_missing_and_guesses_are_told_to_commit() {
    let lab = generate(&req("pki", "pki/expired-leaf", 1, 1)).unwrap();
    let g = grade(&lab.answer, "the certificate expired");
    assert_eq!(g.verdict, Verdict::Partly);
    assert_eq!(g.missing, vec!["object".to_string()]);
    let lab = generate(&req("jwt", "jwt/wrong-issuer", 1, 1)).unwrap();
    let g = grade(&lab.answer, "issuer");
    assert_eq!(g.verdict, Verdict::Partly);
    assert_eq!(g.missing, vec!["defect".to_string()]);
    let g = grade(
        &lab.answer,
        "Maybe the issuer is wrong, or the token expired.",
    );
    assert_eq!(g.verdict, Verdict::Partly);
    assert_eq!(g.claimed.as_deref(), Some("jwt/wrong-issuer"));
    assert!(g.missing.contains(&"commit".to_string()));
    let g = grade(
        &lab.answer,
        "The token expired. Or maybe the issuer is wrong.",
    );
    assert_eq!(
        g.verdict,
        Verdict::Wrong,
        "the first committed cause is judged"
    );
    let g = grade(
        &lab.answer,
        "The token is not expired; the issuer is wrong.",
    );
    assert_eq!(g.verdict, Verdict::Right);
    assert_eq!(g.ruled_out, vec!["jwt/expired".to_string()]);
}

#[test]
fn two_causes_score_by_share() {
    // Difficulty 3 jwt claim faults add a second cause.
    let lab = generate(&req("jwt", "jwt/wrong-audience", 4, 3)).unwrap();
    assert_eq!(lab.answer.causes.len(), 2, "{:?}", lab.answer.causes);
    let g = grade(&lab.answer, "aud mismatch");
    assert_eq!(g.verdict, Verdict::Partly);
    assert_eq!(g.matched, vec!["jwt/wrong-audience".to_string()]);
    assert_eq!(g.missed.len(), 1);
    assert!((g.score - 0.5).abs() < 1e-6);
    let both = lab.answer.causes.join(" and ");
    assert_eq!(grade(&lab.answer, &both).verdict, Verdict::Right);
}

#[test]
fn explanations_name_commands_and_fill_names() {
    for kind in ["jwt", "pki"] {
        for info in loopcoach_labs::catalog()
            .into_iter()
            .filter(|k| k.kind == kind)
        {
            for f in info.faults {
                let lab = generate(&req(kind, &f.code, 1, 1)).unwrap();
                for lang in [Lang::Ko, Lang::En] {
                    let e = explain(&lab.answer, lang);
                    assert_eq!(e.cause, f.code);
                    assert!(!e.summary.is_empty() && !e.fix.is_empty() && !e.confirm.is_empty());
                    let all = format!("{} {} {}", e.summary, e.fix, e.confirm.join(" "));
                    for hole in [
                        "{hostname}",
                        "{issuer}",
                        "{audience}",
                        "{service}",
                        "{now}",
                        "{org}",
                    ] {
                        assert!(!all.contains(hole), "{}: {hole} unfilled", f.code);
                    }
                    let json = serde_json::to_value(&e).unwrap();
                    assert!(json["causes"].is_array() && json["confirm"].is_array());
                }
            }
        }
    }
}

#[test]
fn k8s_oauth_docker_answers() {
    use Verdict::*;
    let cases = [
        (
            "k8s",
            "k8s/untolerated-taint",
            "노드 taint를 허용하는 toleration이 없어요",
            Right,
        ),
        (
            "k8s",
            "k8s/untolerated-taint",
            "missing toleration for the dedicated taint",
            Right,
        ),
        (
            "k8s",
            "k8s/untolerated-taint",
            "파드가 Pending이라 스케줄링 문제",
            Wrong,
        ),
        ("k8s", "k8s/untolerated-taint", "insufficient cpu", Wrong),
        ("k8s", "k8s/untolerated-taint", "RBAC forbidden", Wrong),
        (
            "k8s",
            "k8s/selector-mismatch",
            "Service selector가 파드 라벨과 안 맞음",
            Right,
        ),
        (
            "k8s",
            "k8s/selector-mismatch",
            "endpoints are empty",
            Partly,
        ),
        (
            "k8s",
            "k8s/rbac-forbidden",
            "서비스 어카운트 권한 부족",
            Right,
        ),
        (
            "k8s",
            "k8s/surge-and-unavailable-zero",
            "maxSurge and maxUnavailable are both 0",
            Right,
        ),
        (
            "k8s",
            "k8s/readiness-probe-failing",
            "readiness probe가 잘못된 포트를 봅니다",
            Right,
        ),
        ("k8s", "k8s/readiness-probe-failing", "롤아웃 문제", Wrong),
        (
            "oauth",
            "oauth/pkce-mismatch",
            "PKCE code_verifier가 challenge와 달라요",
            Right,
        ),
        (
            "oauth",
            "oauth/pkce-mismatch",
            "authorization code 교환 실패",
            Wrong,
        ),
        (
            "oauth",
            "oauth/code-reused",
            "인가 코드를 두 번 사용",
            Right,
        ),
        (
            "oauth",
            "oauth/code-expired",
            "the code expired before redemption",
            Right,
        ),
        (
            "oauth",
            "oauth/redirect-uri-mismatch",
            "redirect_uri mismatch",
            Right,
        ),
        ("oauth", "oauth/redirect-uri-mismatch", "로그인 문제", Wrong),
        (
            "oauth",
            "oauth/wrong-resource",
            "token for another API (aud)",
            Right,
        ),
        ("oauth", "oauth/wrong-resource", "pkce", Wrong),
        (
            "docker",
            "docker/shell-form-entrypoint",
            "셸 형식 ENTRYPOINT라 SIGTERM이 전달 안 됨",
            Right,
        ),
        (
            "docker",
            "docker/shell-form-entrypoint",
            "PID 1 is /bin/sh, signal not forwarded",
            Right,
        ),
        (
            "docker",
            "docker/expose-not-publish",
            "-p 옵션으로 포트 게시를 안 했어요",
            Right,
        ),
        ("docker", "docker/runs-as-root", "root로 실행됩니다", Right),
        ("docker", "docker/runs-as-root", "보안 문제", Wrong),
        (
            "docker",
            "docker/secret-in-image",
            "NPM token is hardcoded in ENV; docker history shows it",
            Right,
        ),
        (
            "docker",
            "docker/cache-busting-layer-order",
            "COPY . . 이 의존성 설치 전에 있어 빌드 캐시가 깨짐",
            Right,
        ),
        (
            "docker",
            "docker/cache-busting-layer-order",
            "컨테이너 문제",
            Wrong,
        ),
    ];
    for (kind, code, answer, want) in cases {
        assert_eq!(verdict(kind, code, answer), want, "{code}: {answer:?}");
    }
}

/// Issue #18: every fault has at least three ticket variants, and none of them names the cause:
/// the grader reading a ticket as an answer never finds the lab's cause stated whole.
#[test]
fn tickets_vary_by_seed_and_never_name_the_cause() {
    let mut naming = Vec::new();
    for info in loopcoach_labs::catalog() {
        for f in &info.faults {
            for lang in [Lang::Ko, Lang::En] {
                let mut seen = std::collections::BTreeSet::new();
                for seed in 0..24 {
                    let mut r = req(&info.kind, &f.code, seed, 2);
                    r.lang = lang;
                    let lab = generate(&r).unwrap();
                    let t =
                        String::from_utf8(lab.file("TICKET.md").unwrap().contents.clone()).unwrap();
                    let body: String = t
                        .lines()
                        .skip_while(|l| !l.starts_with("**"))
                        .skip(1)
                        .take_while(|l| !l.starts_with("**") && !l.starts_with("## "))
                        .collect::<Vec<_>>()
                        .join("\n");
                    assert!(
                        !t.split('{').skip(1).any(|rest| rest
                            .split_once('}')
                            .is_some_and(|(name, _)| !name.is_empty()
                                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')))
                            || info.kind == "k8s",
                        "{}: unfilled\n{t}",
                        f.code
                    );
                    // The customer's own words: what they paste (in backticks) is what the
                    // software printed, and the real software may well say it.
                    let words: String = body
                        .split('`')
                        .enumerate()
                        .filter(|(i, _)| i % 2 == 0)
                        .map(|(_, p)| p)
                        .collect();
                    let g = grade(&lab.answer, &words);
                    if g.verdict == Verdict::Right {
                        naming.push(format!("{} ({lang:?}):\n{body}", f.code));
                    }
                    seen.insert(body);
                }
                assert!(
                    seen.len() >= 3,
                    "{}: {} ticket variants",
                    f.code,
                    seen.len()
                );
            }
        }
    }
    assert!(
        naming.is_empty(),
        "tickets that name their cause:\n{}",
        naming.join("\n---\n")
    );
}

/// Issue #18: a compound lab's explanation never rules out one of its own causes, and read as
/// an answer it is not judged wrong.
#[test]
fn compound_explanations_agree_with_grading() {
    let mut compound = 0;
    for info in loopcoach_labs::catalog() {
        for f in &info.faults {
            for seed in 0..4 {
                let lab = generate(&req(&info.kind, &f.code, seed, 3)).unwrap();
                if lab.answer.causes.len() < 2 {
                    continue;
                }
                compound += 1;
                for lang in [Lang::Ko, Lang::En] {
                    let e = explain(&lab.answer, lang);
                    let g = grade(&lab.answer, &e.summary);
                    let contradicts: Vec<&String> = g
                        .ruled_out
                        .iter()
                        .filter(|c| lab.answer.causes.contains(c))
                        .collect();
                    assert!(
                        contradicts.is_empty(),
                        "{:?} ({lang:?}): explanation rules out {contradicts:?}:\n{}",
                        lab.answer.causes,
                        e.summary
                    );
                }
            }
        }
    }
    assert!(compound > 20, "only {compound} compound labs");
}
