//! jsonwebtoken's signatures on ring, the one crypto library of the labs (rcgen and
//! rustls-webpki use it too). jsonwebtoken ships two backends, aws-lc-rs (its C library took
//! ~50 s of CPU, a tenth of a first release build, to compile) and RustCrypto (a second crypto
//! stack beside ring, with an older `rand`); it has no ring backend but takes any
//! [`CryptoProvider`], so this is one: every algorithm jsonwebtoken knows (HS, RS, PS, ES256,
//! ES384, EdDSA) and the key helpers its JWKs need, as its aws-lc-rs provider does them.
//!
//! [`install`] makes it the process's provider; the labs call it before any use of
//! jsonwebtoken, so any later use in the process (a test checking a lab's token) finds it.

use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{ErrorKind, Result};
use jsonwebtoken::jwk::{EllipticCurve, ThumbprintHash};
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, DecodingKey, DecodingKeyKind, EncodingKey};
use ring::rand::SystemRandom;
use ring::signature::{self as sig, KeyPair as _};
use ring::{digest, hmac};

static PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: new_signer,
    verifier_factory: new_verifier,
    key_utils: KeyUtils {
        rsa_pub_components_from_private_key: rsa_components_from_private_key,
        rsa_pub_components_from_public_key: rsa_components_from_public_key,
        ec_pub_components_from_private_key: ec_components_from_private_key,
        ed_pub_components_from_private_key: ed_component_from_private_key,
        compute_digest,
    },
};

/// Make the ring provider jsonwebtoken's provider for this process (once; later calls, and a
/// provider installed before, leave it as it is).
pub(crate) fn install() {
    let _ = PROVIDER.install_default();
}

/// What signs with one algorithm and one key.
struct RingSigner {
    alg: Algorithm,
    key: Vec<u8>,
}

/// What verifies one algorithm's signatures with one key.
struct RingVerifier {
    alg: Algorithm,
    key: DecodingKey,
}

fn new_signer(alg: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>> {
    if key.family() != alg.family() {
        return Err(ErrorKind::InvalidKeyFormat.into());
    }
    Ok(Box::new(RingSigner {
        alg: *alg,
        key: key.as_bytes().to_vec(),
    }))
}

fn new_verifier(alg: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>> {
    if key.family() != alg.family() {
        return Err(ErrorKind::InvalidKeyFormat.into());
    }
    Ok(Box::new(RingVerifier {
        alg: *alg,
        key: key.clone(),
    }))
}

fn hmac_algorithm(alg: Algorithm) -> Option<hmac::Algorithm> {
    match alg {
        Algorithm::HS256 => Some(hmac::HMAC_SHA256),
        Algorithm::HS384 => Some(hmac::HMAC_SHA384),
        Algorithm::HS512 => Some(hmac::HMAC_SHA512),
        _ => None,
    }
}

fn rsa_encoding(alg: Algorithm) -> Option<&'static dyn sig::RsaEncoding> {
    match alg {
        Algorithm::RS256 => Some(&sig::RSA_PKCS1_SHA256),
        Algorithm::RS384 => Some(&sig::RSA_PKCS1_SHA384),
        Algorithm::RS512 => Some(&sig::RSA_PKCS1_SHA512),
        Algorithm::PS256 => Some(&sig::RSA_PSS_SHA256),
        Algorithm::PS384 => Some(&sig::RSA_PSS_SHA384),
        Algorithm::PS512 => Some(&sig::RSA_PSS_SHA512),
        _ => None,
    }
}

fn rsa_parameters(alg: Algorithm) -> Option<&'static sig::RsaParameters> {
    match alg {
        Algorithm::RS256 => Some(&sig::RSA_PKCS1_2048_8192_SHA256),
        Algorithm::RS384 => Some(&sig::RSA_PKCS1_2048_8192_SHA384),
        Algorithm::RS512 => Some(&sig::RSA_PKCS1_2048_8192_SHA512),
        Algorithm::PS256 => Some(&sig::RSA_PSS_2048_8192_SHA256),
        Algorithm::PS384 => Some(&sig::RSA_PSS_2048_8192_SHA384),
        Algorithm::PS512 => Some(&sig::RSA_PSS_2048_8192_SHA512),
        _ => None,
    }
}

/// ECDSA with the fixed-length (r || s) signatures JWS uses.
fn ecdsa_signing(alg: Algorithm) -> Option<&'static sig::EcdsaSigningAlgorithm> {
    match alg {
        Algorithm::ES256 => Some(&sig::ECDSA_P256_SHA256_FIXED_SIGNING),
        Algorithm::ES384 => Some(&sig::ECDSA_P384_SHA384_FIXED_SIGNING),
        _ => None,
    }
}

fn ecdsa_verification(alg: Algorithm) -> Option<&'static sig::EcdsaVerificationAlgorithm> {
    match alg {
        Algorithm::ES256 => Some(&sig::ECDSA_P256_SHA256_FIXED),
        Algorithm::ES384 => Some(&sig::ECDSA_P384_SHA384_FIXED),
        _ => None,
    }
}

fn failed(e: impl std::error::Error + Send + Sync + 'static) -> signature::Error {
    signature::Error::from_source(e)
}

impl Signer<Vec<u8>> for RingSigner {
    fn try_sign(&self, msg: &[u8]) -> std::result::Result<Vec<u8>, signature::Error> {
        let alg = self.alg;
        if let Some(h) = hmac_algorithm(alg) {
            return Ok(hmac::sign(&hmac::Key::new(h, &self.key), msg)
                .as_ref()
                .to_vec());
        }
        let rng = SystemRandom::new();
        if let Some(encoding) = rsa_encoding(alg) {
            // jsonwebtoken keeps an RSA private key as PKCS#1 DER.
            let pair = sig::RsaKeyPair::from_der(&self.key).map_err(failed)?;
            let mut out = vec![0; pair.public().modulus_len()];
            pair.sign(encoding, &rng, msg, &mut out).map_err(failed)?;
            return Ok(out);
        }
        if let Some(ecdsa) = ecdsa_signing(alg) {
            let pair = sig::EcdsaKeyPair::from_pkcs8(ecdsa, &self.key, &rng).map_err(failed)?;
            return Ok(pair.sign(&rng, msg).map_err(failed)?.as_ref().to_vec());
        }
        // EdDSA: PKCS#8 v1 (seed only) or v2 (with the public key).
        let pair = sig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&self.key).map_err(failed)?;
        Ok(pair.sign(msg).as_ref().to_vec())
    }
}

impl JwtSigner for RingSigner {
    fn algorithm(&self) -> Algorithm {
        self.alg
    }
}

impl Verifier<Vec<u8>> for RingVerifier {
    fn verify(&self, msg: &[u8], signature: &Vec<u8>) -> std::result::Result<(), signature::Error> {
        let alg = self.alg;
        if let (Some(params), DecodingKeyKind::RsaModulusExponent { n, e }) =
            (rsa_parameters(alg), self.key.kind())
        {
            return sig::RsaPublicKeyComponents { n, e }
                .verify(params, msg, signature)
                .map_err(failed);
        }
        let key = self.key.try_get_as_bytes().map_err(failed)?;
        if let Some(h) = hmac_algorithm(alg) {
            return hmac::verify(&hmac::Key::new(h, key), msg, signature).map_err(failed);
        }
        let verification: &dyn sig::VerificationAlgorithm = if let Some(p) = rsa_parameters(alg) {
            p // PKCS#1 RSAPublicKey DER
        } else if let Some(p) = ecdsa_verification(alg) {
            p // the uncompressed point
        } else {
            &sig::ED25519
        };
        sig::UnparsedPublicKey::new(verification, key)
            .verify(msg, signature)
            .map_err(failed)
    }
}

impl JwtVerifier for RingVerifier {
    fn algorithm(&self) -> Algorithm {
        self.alg
    }
}

fn rsa_components_from_private_key(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let pair =
        sig::RsaKeyPair::from_der(der).map_err(|e| ErrorKind::InvalidRsaKey(e.to_string()))?;
    let c = sig::RsaPublicKeyComponents::<Vec<u8>>::from(pair.public());
    Ok((c.n, c.e))
}

/// (n, e) of a PKCS#1 `RSAPublicKey` (`SEQUENCE { n INTEGER, e INTEGER }`), big-endian
/// without leading zeros.
fn rsa_components_from_public_key(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let bad = || ErrorKind::InvalidRsaKey("not a PKCS#1 RSAPublicKey".to_string());
    let (body, rest) = der_element(der, 0x30).ok_or_else(bad)?;
    let (n, body) = der_element(body, 0x02).ok_or_else(bad)?;
    let (e, body) = der_element(body, 0x02).ok_or_else(bad)?;
    if !rest.is_empty() || !body.is_empty() {
        return Err(bad().into());
    }
    let positive = |i: &[u8]| {
        let start = i.iter().position(|&b| b != 0).unwrap_or(i.len());
        i[start..].to_vec()
    };
    Ok((positive(n), positive(e)))
}

/// The contents of the DER element with `tag` at the start of `input`, and what follows it.
fn der_element(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&t, input) = input.split_first()?;
    let (&first, mut input) = input.split_first()?;
    if t != tag {
        return None;
    }
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > std::mem::size_of::<usize>() || input.len() < count {
            return None;
        }
        let (bytes, rest) = input.split_at(count);
        input = rest;
        bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b))
    };
    (len <= input.len()).then(|| input.split_at(len))
}

fn ec_components_from_private_key(
    der: &[u8],
    alg: Algorithm,
) -> Result<(EllipticCurve, Vec<u8>, Vec<u8>)> {
    let (curve, half) = match alg {
        Algorithm::ES256 => (EllipticCurve::P256, 32),
        Algorithm::ES384 => (EllipticCurve::P384, 48),
        _ => return Err(ErrorKind::InvalidEcdsaKey.into()),
    };
    let signing = ecdsa_signing(alg).ok_or(ErrorKind::InvalidEcdsaKey)?;
    let pair = sig::EcdsaKeyPair::from_pkcs8(signing, der, &SystemRandom::new())
        .map_err(|_| ErrorKind::InvalidEcdsaKey)?;
    match pair.public_key().as_ref() {
        [4, point @ ..] if point.len() == 2 * half => {
            let (x, y) = point.split_at(half);
            Ok((curve, x.to_vec(), y.to_vec()))
        }
        _ => Err(ErrorKind::InvalidEcdsaKey.into()),
    }
}

fn ed_component_from_private_key(der: &[u8], curve: &EllipticCurve) -> Result<Vec<u8>> {
    match curve {
        EllipticCurve::Ed25519 => Ok(sig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
            .map_err(|_| ErrorKind::InvalidEddsaKey)?
            .public_key()
            .as_ref()
            .to_vec()),
        _ => Err(ErrorKind::InvalidAlgorithm.into()),
    }
}

fn compute_digest(data: &[u8], hash: ThumbprintHash) -> Result<Vec<u8>> {
    let alg = match hash {
        ThumbprintHash::SHA256 => &digest::SHA256,
        ThumbprintHash::SHA384 => &digest::SHA384,
        ThumbprintHash::SHA512 => &digest::SHA512,
        _ => return Err(ErrorKind::UnsupportedAlgorithm.into()),
    };
    Ok(digest::digest(alg, data).as_ref().to_vec())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
    use jsonwebtoken::{Header, Validation, decode, encode};

    const RSA_KEY: &str = include_str!("../../../content/labs/keys/rsa-0.pem");

    fn round_trip(alg: Algorithm, enc: &EncodingKey, dec: &DecodingKey) {
        install();
        let claims = serde_json::json!({ "sub": "me", "exp": 4_102_444_800u64 });
        let token = encode(&Header::new(alg), &claims, enc).unwrap();
        let v = Validation::new(alg);
        let got = decode::<serde_json::Value>(&token, dec, &v).unwrap();
        assert_eq!(got.claims, claims, "{alg:?}");
        // One byte of the signature changed: refused.
        let (head, sig) = token.rsplit_once('.').unwrap();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        let bad = format!("{head}.{flipped}{}", &sig[1..]);
        let err = decode::<serde_json::Value>(&bad, dec, &v).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::InvalidSignature | ErrorKind::Base64(_)
            ),
            "{alg:?}: {err:?}"
        );
    }

    /// Every algorithm family signs and verifies, and a changed signature is refused: RSA
    /// (PKCS#1 v1.5 and PSS) by PEM and by JWK components, ECDSA by a fresh key's JWK,
    /// Ed25519 by a fresh key's JWK, HMAC by the secret.
    #[test]
    fn every_algorithm_signs_and_verifies() {
        install();
        let rsa = EncodingKey::from_rsa_pem(RSA_KEY.as_bytes()).unwrap();
        for alg in [
            Algorithm::RS256,
            Algorithm::RS384,
            Algorithm::RS512,
            Algorithm::PS256,
            Algorithm::PS384,
            Algorithm::PS512,
        ] {
            let jwk = Jwk::from_encoding_key(&rsa, alg).unwrap();
            let AlgorithmParameters::RSA(ref p) = jwk.algorithm else {
                panic!("{jwk:?}")
            };
            assert_eq!(p.e, "AQAB");
            round_trip(alg, &rsa, &DecodingKey::from_jwk(&jwk).unwrap());
        }
        let rng = SystemRandom::new();
        for (alg, signing) in [
            (Algorithm::ES256, &sig::ECDSA_P256_SHA256_FIXED_SIGNING),
            (Algorithm::ES384, &sig::ECDSA_P384_SHA384_FIXED_SIGNING),
        ] {
            let pkcs8 = sig::EcdsaKeyPair::generate_pkcs8(signing, &rng).unwrap();
            let enc = EncodingKey::from_ec_der(pkcs8.as_ref());
            let jwk = Jwk::from_encoding_key(&enc, alg).unwrap();
            round_trip(alg, &enc, &DecodingKey::from_jwk(&jwk).unwrap());
        }
        // jsonwebtoken makes a JWK of PKCS#8 v1 Ed25519 keys only (as the labs' keys are).
        let v1 = [&crate::common::ED25519_PKCS8_V1_PREFIX[..], &[7; 32]].concat();
        let enc = EncodingKey::from_ed_der(&v1);
        let jwk = Jwk::from_encoding_key(&enc, Algorithm::EdDSA).unwrap();
        round_trip(
            Algorithm::EdDSA,
            &enc,
            &DecodingKey::from_jwk(&jwk).unwrap(),
        );
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let secret = b"a secret of thirty-two bytes....";
            round_trip(
                alg,
                &EncodingKey::from_secret(secret),
                &DecodingKey::from_secret(secret),
            );
        }
    }

    /// A key of another family is refused before any signing or verifying.
    #[test]
    fn a_key_of_another_family_is_refused() {
        let Err(e) = new_signer(&Algorithm::RS256, &EncodingKey::from_secret(b"s")) else {
            panic!("an RS256 signer with an HMAC secret");
        };
        assert!(matches!(e.kind(), ErrorKind::InvalidKeyFormat), "{e:?}");
        let Err(e) = new_verifier(&Algorithm::EdDSA, &DecodingKey::from_secret(b"s")) else {
            panic!("an EdDSA verifier with an HMAC secret");
        };
        assert!(matches!(e.kind(), ErrorKind::InvalidKeyFormat), "{e:?}");
    }

    /// The PKCS#1 public key of the test key reads back as the private key's (n, e); broken
    /// DER is an error, never a panic.
    #[test]
    fn rsa_public_components_are_read_from_pkcs1_der() {
        let rsa = EncodingKey::from_rsa_pem(RSA_KEY.as_bytes()).unwrap();
        let (n, e) = rsa_components_from_private_key(rsa.as_bytes()).unwrap();
        assert_eq!((n.len(), e.as_slice()), (256, &[1u8, 0, 1][..]));
        let pair = sig::RsaKeyPair::from_der(rsa.as_bytes()).unwrap();
        let public_der = pair.public_key().as_ref();
        assert_eq!(rsa_components_from_public_key(public_der).unwrap(), (n, e));
        for cut in 0..public_der.len() {
            assert!(rsa_components_from_public_key(&public_der[..cut]).is_err());
        }
        assert!(rsa_components_from_public_key(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
    }
}
