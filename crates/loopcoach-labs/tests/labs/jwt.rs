//! JWT labs against jsonwebtoken, the validator the API would run.

use std::str::FromStr;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use loopcoach_labs::{Lab, LabRequest, Lang, generate, generate_twin};
use time::OffsetDateTime;

use crate::common::{NOW, assert_diagnosis_exact, codes, req};

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("jwt");
}

fn file<'a>(lab: &'a Lab, path: &str) -> &'a str {
    std::str::from_utf8(&lab.file(path).unwrap().contents).unwrap()
}

/// What the API would do with jsonwebtoken, all checks on, at the system clock.
fn validate(lab: &Lab) -> Result<(), String> {
    let token = file(lab, "token.txt").trim();
    let config: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(file(lab, "service-config.yaml")).unwrap();
    let jwt = &config["jwt"];
    let jwks: JwkSet = serde_json::from_str(file(lab, "jwks.json")).unwrap();
    let header = jsonwebtoken::decode_header(token).map_err(|e| format!("header: {e:?}"))?;
    let algorithms: Vec<Algorithm> = jwt["algorithms"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| Algorithm::from_str(a.as_str().unwrap()).unwrap())
        .collect();
    let mut v = Validation::new(algorithms[0]);
    v.algorithms = algorithms;
    v.leeway = jwt["leeway_seconds"].as_u64().unwrap();
    v.validate_nbf = true;
    v.set_audience(&[jwt["audience"].as_str().unwrap()]);
    v.set_issuer(&[jwt["issuer"].as_str().unwrap()]);
    v.set_required_spec_claims(&["exp", "iss", "aud"]);
    let kid = header.kid.clone().unwrap_or_default();
    // Algorithm first, as jsonwebtoken's decode does, before looking for a key.
    if !v.algorithms.contains(&header.alg) {
        return Err(format!("{:?}", ErrorKind::InvalidAlgorithm));
    }
    let jwk = jwks.find(&kid).ok_or_else(|| "UnknownKid".to_string())?;
    let key = DecodingKey::from_jwk(jwk).unwrap();
    jsonwebtoken::decode::<serde_json::Value>(token, &key, &v)
        .map(|_| ())
        .map_err(|e| format!("{:?}", e.kind()))
}

#[test]
fn jsonwebtoken_rejects_each_fault_for_its_reason_and_accepts_the_twin() {
    // jsonwebtoken reads the system clock, so these labs happen now.
    let now = OffsetDateTime::now_utc();
    let expected = [
        ("jwt/expired", "ExpiredSignature"),
        ("jwt/not-yet-valid", "ImmatureSignature"),
        ("jwt/wrong-audience", "InvalidAudience"),
        ("jwt/wrong-issuer", "InvalidIssuer"),
        ("jwt/bad-signature", "InvalidSignature"),
        ("jwt/unknown-kid", "UnknownKid"),
        ("jwt/alg-confusion", "InvalidAlgorithm"),
        ("jwt/alg-none", "header: "),
    ];
    assert_eq!(expected.len(), codes("jwt").len());
    for (code, want) in expected {
        for seed in [3, 7, 11, 12] {
            for difficulty in [1, 2] {
                let r = LabRequest {
                    now,
                    ..req("jwt", code, seed, difficulty)
                };
                let lab = generate(&r).unwrap();
                let err = validate(&lab).expect_err(code);
                assert!(err.starts_with(want), "{code} seed {seed}: got {err}");
                let twin = generate_twin(&r).unwrap();
                assert_eq!(validate(&twin), Ok(()), "twin of {code} seed {seed}");
            }
        }
    }
}

#[test]
fn alg_confusion_token_is_a_real_hmac_keyed_with_the_public_key() {
    let lab = generate(&req("jwt", "jwt/alg-confusion", 7, 1)).unwrap();
    let token = file(&lab, "token.txt").trim();
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, Algorithm::HS256);
    // What a confused server would do: HMAC-verify with the PEM of the JWKS's RSA key.
    let jwks: jsonwebtoken::jwk::JwkSet = serde_json::from_str(file(&lab, "jwks.json")).unwrap();
    assert!(
        jwks.keys
            .iter()
            .all(|k| matches!(k.algorithm, jsonwebtoken::jwk::AlgorithmParameters::RSA(_)))
    );
    let mut v = Validation::new(Algorithm::HS256);
    v.validate_aud = false;
    v.required_spec_claims.clear();
    v.validate_exp = false;
    // The JWKS's key is one of the committed pool's: its PEM is the HMAC secret.
    let keys = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/labs/keys"
    ))
    .unwrap()
    .map(|e| e.unwrap().path())
    .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("rsa-"));
    let verified = keys
        .filter(|path| {
            let pem = rcgen::KeyPair::from_pem(&std::fs::read_to_string(path).unwrap())
                .unwrap()
                .public_key_pem();
            jsonwebtoken::decode::<serde_json::Value>(
                token,
                &DecodingKey::from_secret(pem.as_bytes()),
                &v,
            )
            .is_ok()
        })
        .count();
    assert_eq!(verified, 1, "HMAC over exactly one public key PEM verifies");
}

#[test]
fn the_key_type_gives_nothing_away() {
    // Most labs of every fault are RS256, some EdDSA: RSA is not the alg-confusion tell.
    for code in codes("jwt") {
        let algs: std::collections::BTreeSet<String> = (1..=12)
            .map(|seed| {
                let lab = generate(&req("jwt", &code, seed, 1)).unwrap();
                let jwks: serde_json::Value =
                    serde_json::from_str(file(&lab, "jwks.json")).unwrap();
                jwks["keys"][0]["kty"].as_str().unwrap().to_string()
            })
            .collect();
        assert!(algs.contains("RSA"), "{code}: {algs:?}");
        if code != "jwt/alg-confusion" {
            assert!(algs.contains("OKP"), "{code}: {algs:?}");
        }
    }
    // Server certificates: RSA 2048 and ECDSA P-256 leaves, by the seed.
    let mut leaf_kinds = std::collections::BTreeSet::new();
    for seed in 1..=12 {
        let lab = generate(&req("pki", "pki/expired-leaf", seed, 1)).unwrap();
        let chain = file(&lab, "chain.pem");
        let der = rustls_pemfile_first(chain);
        let (_, cert) = x509_parser::parse_x509_certificate(&der).unwrap();
        leaf_kinds.insert(cert.public_key().algorithm.algorithm.to_id_string());
    }
    // rsaEncryption and id-ecPublicKey
    assert!(
        leaf_kinds.contains("1.2.840.113549.1.1.1"),
        "{leaf_kinds:?}"
    );
    assert!(leaf_kinds.contains("1.2.840.10045.2.1"), "{leaf_kinds:?}");
}

/// The DER of the first certificate of a PEM bundle.
fn rustls_pemfile_first(pem: &str) -> Vec<u8> {
    let (_, p) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).unwrap();
    p.contents
}

#[test]
fn lab_json_has_context_but_never_the_fault() {
    for code in codes("jwt") {
        let lab = generate(&req("jwt", &code, 5, 2)).unwrap();
        let json = file(&lab, "lab.json");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        for key in [
            "id",
            "kind",
            "now",
            "seed",
            "difficulty",
            "lang",
            "files",
            "issuer",
            "audience",
        ] {
            assert!(v.get(key).is_some(), "{code}: lab.json lacks {key}");
        }
        assert_eq!(v["now"], "2026-03-14T09:30:00Z");
        let name = code.split('/').nth(1).unwrap();
        assert!(
            !json.contains(&code) && !json.contains(name),
            "{code} leaks into lab.json"
        );
        assert!(!file(&lab, "TICKET.md").contains(&code));
    }
}

#[test]
fn same_request_same_bytes_and_tickets_in_both_languages() {
    for code in codes("jwt") {
        let a = generate(&req("jwt", &code, 9, 3)).unwrap();
        let b = generate(&req("jwt", &code, 9, 3)).unwrap();
        assert_eq!(a.files, b.files, "{code}");
        assert_eq!(a.id, b.id);
        let en = generate(&LabRequest {
            lang: Lang::En,
            ..req("jwt", &code, 9, 3)
        })
        .unwrap();
        let ticket = file(&en, "TICKET.md");
        assert!(
            ticket.contains("Attachments") && !ticket.contains('{'),
            "{ticket}"
        );
        let ko = file(&a, "TICKET.md");
        assert!(ko.contains("첨부 파일") && !ko.contains('{'), "{ko}");
    }
    let x = generate(&req("jwt", "jwt/expired", 1, 1)).unwrap();
    let y = generate(&req("jwt", "jwt/expired", 2, 1)).unwrap();
    assert_ne!(x.id, y.id);
    assert_ne!(x.files, y.files);
}

#[test]
fn time_claims_sit_on_the_right_side_of_now() {
    let now = NOW.unix_timestamp();
    for code in codes("jwt") {
        let lab = generate(&req("jwt", &code, 7, 1)).unwrap();
        let token = file(&lab, "token.txt").trim();
        let claims: serde_json::Value = jsonwebtoken::dangerous::insecure_decode(token)
            .map(|d| d.claims)
            .unwrap_or_else(|_| {
                let payload = token.split('.').nth(1).unwrap();
                use base64::Engine as _;
                let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(payload)
                    .unwrap();
                serde_json::from_slice(&bytes).unwrap()
            });
        let exp = claims["exp"].as_i64().unwrap();
        let nbf = claims["nbf"].as_i64().unwrap();
        assert_eq!(exp <= now, code == "jwt/expired", "{code}: exp");
        assert_eq!(nbf > now, code == "jwt/not-yet-valid", "{code}: nbf");
    }
}
