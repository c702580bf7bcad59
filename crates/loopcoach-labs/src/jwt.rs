//! JWT labs: a token the customer's API rejects, the issuer's JWKS, and the API's validation
//! config. Tokens are signed by jsonwebtoken, RS256 with RSA 2048 keys from the committed pool
//! (`content/labs/keys`) for most seeds, EdDSA with Ed25519 keys derived from the seed for the
//! others: both signatures are deterministic, so labs are byte-identical across runs, and the
//! key type says nothing about the fault. The two tokens jsonwebtoken refuses to make
//! (`alg: none`, and HS256 keyed with the RSA public key) are assembled by hand with base64url
//! and a real HMAC (ring).
//!
//! [`diagnose`] is the validator: jsonwebtoken decodes and checks signature, audience and
//! issuer; exp/nbf are compared with the lab's `now` (plus the config's leeway), because
//! jsonwebtoken only knows the system clock.

use std::str::FromStr;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{
    AlgorithmParameters, CommonParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm,
    OctetKeyPairParameters, OctetKeyPairType, PublicKeyUse,
};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;
use serde::{Deserialize, Serialize};

use crate::common::{
    Built, Ed25519Key, KeyKind, LabInfo, ORGS, Spec, b64url, b64url_decode, bad, build_err, file,
    json_pretty, pick, range, text, yaml,
};
use crate::{LabError, LabFile};

pub(crate) const FAULTS: &[&str] = &[
    "jwt/expired",
    "jwt/not-yet-valid",
    "jwt/wrong-audience",
    "jwt/wrong-issuer",
    "jwt/bad-signature",
    "jwt/unknown-kid",
    "jwt/alg-confusion",
    "jwt/alg-none",
];

const APIS: &[&str] = &[
    "orders",
    "payments",
    "inventory",
    "profile",
    "shipping",
    "search",
];
const TOKEN_TTL: i64 = 3600;
const LEEWAY: u64 = 60;

/// The API's JWT validation settings (`service-config.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ServiceConfig {
    pub service: String,
    pub jwt: JwtConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct JwtConfig {
    pub issuer: String,
    pub audience: String,
    pub jwks_uri: String,
    pub algorithms: Vec<String>,
    pub leeway_seconds: u64,
    pub required_claims: Vec<String>,
}

/// The token's claims, in a fixed order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Claims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub scope: String,
    pub jti: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_use: Option<String>,
}

/// Claims faults combine; the others stop validation before the claims are read.
const CLAIM_FAULTS: &[&str] = &[
    "jwt/expired",
    "jwt/not-yet-valid",
    "jwt/wrong-audience",
    "jwt/wrong-issuer",
];

pub(crate) fn second_cause(primary: &str, rng: &mut ChaCha20Rng) -> Option<&'static str> {
    if !CLAIM_FAULTS.contains(&primary) {
        return None;
    }
    let time = ["jwt/expired", "jwt/not-yet-valid"];
    let options: Vec<&'static str> = CLAIM_FAULTS
        .iter()
        .copied()
        .filter(|c| *c != primary && !(time.contains(c) && time.contains(&primary)))
        .collect();
    Some(*pick(rng, &options))
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    crate::jwt_crypto::install();
    let mut names = spec.rng("names");
    let org = *pick(&mut names, ORGS);
    let api = *pick(&mut names, APIS);
    let other_api = *pick(
        &mut names,
        &APIS
            .iter()
            .filter(|a| **a != api)
            .copied()
            .collect::<Vec<_>>(),
    );
    let key_no = range(&mut names, 3, 9);
    let user_no = range(&mut names, 1000, 99999);
    let variant = names.next_u32() % 2;
    let mut jti = [0u8; 12];
    names.fill_bytes(&mut jti);

    let issuer = format!("https://auth.{org}.example/");
    let audience = format!("https://{api}.{org}.example");
    let kid = format!("{org}-sig-{key_no}");
    let service = format!("{api}-api");

    // Times: every draw happens whatever the fault, so the twin shares them.
    let mut t = spec.rng("times");
    let age = range(&mut t, 60, 1800);
    let overdue = range(&mut t, 300, 7200);
    let ahead = range(&mut t, 600, 2400);
    let now = spec.now_unix();
    let mut iat = now - age;
    if spec.has("jwt/expired") {
        iat = now - overdue - TOKEN_TTL;
    }
    if spec.has("jwt/not-yet-valid") {
        iat = now + ahead;
    }
    let iss = if !spec.has("jwt/wrong-issuer") {
        issuer.clone()
    } else if variant == 0 {
        issuer.trim_end_matches('/').to_string()
    } else {
        format!("https://auth.staging.{org}.example/")
    };
    let aud = if spec.has("jwt/wrong-audience") {
        format!("https://{other_api}.{org}.example")
    } else {
        audience.clone()
    };
    let noisy = spec.difficulty >= 2;
    let claims = Claims {
        iss,
        sub: format!("user-{user_no}"),
        aud,
        iat,
        nbf: iat,
        exp: iat + TOKEN_TTL,
        scope: format!("{api}:read {api}:write"),
        jti: b64url(&jti),
        client_id: noisy.then(|| format!("{org}-web")),
        token_use: noisy.then(|| "access".to_string()),
    };

    let family = family(spec);
    let current = sig_key(spec, family, &kid, 0)?;
    let alg_name = current.alg_name();
    let token = if spec.has("jwt/alg-none") {
        unsigned_token(&claims)?
    } else if spec.has("jwt/alg-confusion") {
        hs256_with_public_key(&claims, &kid, &current)?
    } else if spec.has("jwt/unknown-kid") {
        let new_kid = format!("{org}-sig-{}", key_no + 1);
        let new_key = sig_key(spec, family, &new_kid, 1)?;
        sign(&new_kid, &claims, &new_key)?
    } else if spec.has("jwt/bad-signature") && variant == 0 {
        // Signed by a key that is not the one published under this kid.
        let other = sig_key(spec, family, "unpublished", 2)?;
        sign(&kid, &claims, &other)?
    } else {
        let signed = sign(&kid, &claims, &current)?;
        if spec.has("jwt/bad-signature") {
            // The payload was edited after signing (a proxy "fixing" the scope).
            let mut edited = claims.clone();
            edited.scope = format!("{api}:read {api}:write {api}:admin");
            replace_payload(&signed, &edited)?
        } else {
            signed
        }
    };

    let mut keys = vec![current.jwk(&kid)?];
    if noisy {
        let old_kid = format!("{org}-sig-{}", key_no - 1);
        keys.push(sig_key(spec, family, &old_kid, 3)?.jwk(&old_kid)?);
    }
    let jwks = JwkSet { keys };

    let config = ServiceConfig {
        service: service.clone(),
        jwt: JwtConfig {
            issuer: issuer.clone(),
            audience: audience.clone(),
            jwks_uri: format!("{issuer}.well-known/jwks.json"),
            algorithms: vec![alg_name.to_string()],
            leeway_seconds: LEEWAY,
            required_claims: ["exp", "iss", "aud"].map(String::from).to_vec(),
        },
    };

    let mut built = Built::default();
    built.file("token.txt", format!("{token}\n"));
    built.file("jwks.json", json_pretty(&jwks)?);
    built.file("service-config.yaml", yaml(&config)?);
    built.set_public("issuer", issuer);
    built.set_public("audience", audience);
    built.set("service", service);
    built.set("org", org);
    built.set("kid", kid);
    Ok(built)
}

fn sign(kid: &str, claims: &Claims, key: &SigKey) -> Result<String, LabError> {
    let mut header = Header::new(key.alg());
    header.typ = Some("JWT".to_string());
    header.kid = Some(kid.to_string());
    jsonwebtoken::encode(&header, claims, &key.encoding()?)
        .map_err(|e| build_err("a JWT")(e.to_string()))
}

/// How the lab's identity provider signs: RS256, as most do (Cognito, Auth0, Okta, Entra
/// ID), or EdDSA for a quarter of the seeds. The algorithm-confusion lab needs RSA; every other
/// lab may have it too, so the key type gives nothing away.
fn family(spec: &Spec) -> Algorithm {
    if spec.about("jwt/alg-confusion") || !spec.rng("signing-family").next_u32().is_multiple_of(4) {
        Algorithm::RS256
    } else {
        Algorithm::EdDSA
    }
}

/// A signing key of the lab's family: slot `slot` of the committed RSA pool, or an Ed25519
/// key derived from the seed and `label`.
fn sig_key(spec: &Spec, family: Algorithm, label: &str, slot: usize) -> Result<SigKey, LabError> {
    Ok(if family == Algorithm::RS256 {
        SigKey::Rsa(spec.pool_key(KeyKind::Rsa, slot))
    } else {
        SigKey::Ed(spec.ed25519(label)?)
    })
}

/// A JWT signing key.
#[derive(Debug, Clone)]
enum SigKey {
    /// RSA 2048, PKCS#8 PEM.
    Rsa(&'static str),
    Ed(Ed25519Key),
}

impl SigKey {
    fn alg(&self) -> Algorithm {
        match self {
            SigKey::Rsa(_) => Algorithm::RS256,
            SigKey::Ed(_) => Algorithm::EdDSA,
        }
    }

    fn alg_name(&self) -> &'static str {
        match self {
            SigKey::Rsa(_) => "RS256",
            SigKey::Ed(_) => "EdDSA",
        }
    }

    fn encoding(&self) -> Result<EncodingKey, LabError> {
        match self {
            SigKey::Rsa(pem) => EncodingKey::from_rsa_pem(pem.as_bytes())
                .map_err(|e| build_err("an RSA key")(e.to_string())),
            SigKey::Ed(k) => Ok(EncodingKey::from_ed_der(&k.pkcs8)),
        }
    }

    /// The key's entry in the JWKS, under `kid`.
    fn jwk(&self, kid: &str) -> Result<Jwk, LabError> {
        match self {
            SigKey::Rsa(_) => {
                let mut jwk = Jwk::from_encoding_key(&self.encoding()?, Algorithm::RS256)
                    .map_err(|e| build_err("an RSA JWK")(e.to_string()))?;
                jwk.common.public_key_use = Some(PublicKeyUse::Signature);
                jwk.common.key_id = Some(kid.to_string());
                Ok(jwk)
            }
            SigKey::Ed(k) => Ok(ed_jwk(kid, &k.public)),
        }
    }

    /// The public key as PEM (SubjectPublicKeyInfo), as a confused server would key HMAC with.
    fn public_pem(&self) -> Result<String, LabError> {
        match self {
            SigKey::Rsa(pem) => rcgen::KeyPair::from_pem(pem)
                .map(|k| k.public_key_pem())
                .map_err(|e| build_err("an RSA key")(e.to_string())),
            SigKey::Ed(k) => rcgen::KeyPair::try_from(k.pkcs8.as_slice())
                .map(|k| k.public_key_pem())
                .map_err(|e| build_err("an Ed25519 key")(e.to_string())),
        }
    }
}

fn part<T: Serialize>(value: &T) -> Result<String, LabError> {
    let bytes = serde_json::to_vec(value).map_err(|e| build_err("a JWT part")(e.to_string()))?;
    Ok(b64url(&bytes))
}

/// `alg: none`, no signature: jsonwebtoken will not make one.
fn unsigned_token(claims: &Claims) -> Result<String, LabError> {
    let header = serde_json::json!({ "alg": "none", "typ": "JWT" });
    Ok(format!("{}.{}.", part(&header)?, part(claims)?))
}

/// HS256 keyed with the RSA public key PEM: the classic algorithm-confusion token.
fn hs256_with_public_key(claims: &Claims, kid: &str, key: &SigKey) -> Result<String, LabError> {
    use ring::hmac;
    let header = serde_json::json!({ "alg": "HS256", "typ": "JWT", "kid": kid });
    let input = format!("{}.{}", part(&header)?, part(claims)?);
    let public_pem = key.public_pem()?;
    let key = hmac::Key::new(hmac::HMAC_SHA256, public_pem.as_bytes());
    let tag = hmac::sign(&key, input.as_bytes());
    Ok(format!("{input}.{}", b64url(tag.as_ref())))
}

fn replace_payload(token: &str, claims: &Claims) -> Result<String, LabError> {
    let mut parts = token.split('.');
    let (Some(h), Some(_), Some(s)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(build_err("a JWT")("not three parts".to_string()));
    };
    Ok(format!("{h}.{}.{s}", part(claims)?))
}

pub(crate) fn ed_jwk(kid: &str, public: &[u8]) -> Jwk {
    Jwk {
        common: CommonParameters {
            public_key_use: Some(PublicKeyUse::Signature),
            key_algorithm: Some(KeyAlgorithm::EdDSA),
            key_id: Some(kid.to_string()),
            ..Default::default()
        },
        algorithm: AlgorithmParameters::OctetKeyPair(OctetKeyPairParameters {
            key_type: OctetKeyPairType::OctetKeyPair,
            curve: EllipticCurve::Ed25519,
            x: b64url(public),
        }),
    }
}

/// The validator: which causes make the API reject this token at the lab's `now`.
pub(crate) fn diagnose(files: &[LabFile], info: &LabInfo) -> Result<Vec<String>, LabError> {
    crate::jwt_crypto::install();
    let token = text(files, "token.txt")?.trim();
    let config: ServiceConfig = serde_yaml_ng::from_str(text(files, "service-config.yaml")?)
        .map_err(|e| bad("service-config.yaml")(e.to_string()))?;
    let jwks: JwkSet = serde_json::from_slice(file(files, "jwks.json")?)
        .map_err(|e| bad("jwks.json")(e.to_string()))?;
    let allowed: Vec<Algorithm> = config
        .jwt
        .algorithms
        .iter()
        .filter_map(|a| Algorithm::from_str(a).ok())
        .collect();

    let header = match jsonwebtoken::decode_header(token) {
        Ok(h) => h,
        Err(e) => {
            let raw_alg = token
                .split('.')
                .next()
                .and_then(b64url_decode)
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .and_then(|v| v.get("alg").and_then(|a| a.as_str()).map(str::to_string));
            return match raw_alg {
                Some(alg) if alg.eq_ignore_ascii_case("none") => Ok(vec!["jwt/alg-none".into()]),
                _ => Err(bad("token.txt")(e.to_string())),
            };
        }
    };
    if !allowed.contains(&header.alg) {
        // The only lab way to get here: an HMAC token against an asymmetric-key API.
        return Ok(vec!["jwt/alg-confusion".into()]);
    }
    let kid = header.kid.clone().unwrap_or_default();
    let Some(jwk) = jwks.find(&kid) else {
        return Ok(vec!["jwt/unknown-kid".into()]);
    };
    let key = DecodingKey::from_jwk(jwk).map_err(|e| bad("jwks.json")(e.to_string()))?;
    let mut base = Validation::new(header.alg);
    base.required_spec_claims.clear();
    base.validate_exp = false;
    base.validate_nbf = false;
    base.validate_aud = false;
    let claims = match jsonwebtoken::decode::<Claims>(token, &key, &base) {
        Ok(data) => data.claims,
        Err(e) if matches!(e.kind(), ErrorKind::InvalidSignature) => {
            return Ok(vec!["jwt/bad-signature".into()]);
        }
        Err(e) => return Err(bad("token.txt")(e.to_string())),
    };
    let mut found = Vec::new();
    let now = info.now.unix_timestamp();
    let leeway = config.jwt.leeway_seconds as i64;
    if claims.exp < now - leeway {
        found.push("jwt/expired".to_string());
    }
    if claims.nbf > now + leeway {
        found.push("jwt/not-yet-valid".to_string());
    }
    let mut aud = base.clone();
    aud.validate_aud = true;
    aud.set_audience(&[&config.jwt.audience]);
    if let Err(e) = jsonwebtoken::decode::<Claims>(token, &key, &aud)
        && matches!(e.kind(), ErrorKind::InvalidAudience)
    {
        found.push("jwt/wrong-audience".to_string());
    }
    let mut iss = base;
    iss.set_issuer(&[&config.jwt.issuer]);
    if let Err(e) = jsonwebtoken::decode::<Claims>(token, &key, &iss)
        && matches!(e.kind(), ErrorKind::InvalidIssuer)
    {
        found.push("jwt/wrong-issuer".to_string());
    }
    Ok(found)
}
