//! PKI labs: a TLS server whose certificate chain a client rejects. rcgen issues a root, an
//! intermediate and a leaf; every issuer signs with an RSA 2048 key of the committed pool
//! (deterministic PKCS#1 v1.5 signatures, so the PEM files are byte-identical across runs) and
//! the leaf holds an RSA 2048 or ECDSA P-256 key; serials and validity come from the seed
//! and the lab's `now`. The server sends `chain.pem` (leaf, intermediate), holds `key.pem`
//! (at difficulty ≥ 2 the lab holds only its public half, `key.pub.pem`, as a customer sends it),
//! and the client trusts `ca.pem` (the root, plus unrelated roots at higher difficulty).
//!
//! [`diagnose`] is the validator: rustls-webpki builds and checks the path at the lab's `now`
//! for server authentication and the hostname; x509-parser tells which certificate expired and
//! compares the leaf's public key with the server's key. The tests cross-check with
//! `openssl verify`.

use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SerialNumber,
};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use time::OffsetDateTime;
use webpki::{EndEntityCert, KeyUsage};

use crate::common::{Built, KeyKind, LabInfo, ORGS, Spec, bad, build_err, pick, range, text};
use crate::{LabError, LabFile};

pub(crate) const FAULTS: &[&str] = &[
    "pki/expired-leaf",
    "pki/expired-intermediate",
    "pki/not-yet-valid",
    "pki/hostname-mismatch",
    "pki/missing-intermediate",
    "pki/untrusted-root",
    "pki/wrong-eku",
    "pki/key-mismatch",
];

const HOSTS: &[&str] = &["api", "shop", "login", "pay", "partner", "gw"];
const DAY: i64 = 86_400;

struct Node {
    params: CertificateParams,
    key: KeyPair,
}

impl Node {
    fn issuer(&self) -> Issuer<'_, &KeyPair> {
        Issuer::from_params(&self.params, &self.key)
    }
}

/// Whose key: each role its own key of the lab's pool turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Intermediate,
    OldRoot,
    /// One of the other roots in the client's bundle (0 or 1).
    Bundle(usize),
    Leaf,
    /// The key the customer kept from the previous certificate (`pki/key-mismatch`).
    LeafPrevious,
}

/// The key of `role`. Every issuer signs with RSA 2048 (as the public CAs' roots and most
/// private CAs do; RSA PKCS#1 v1.5 signatures are deterministic, so labs stay reproducible);
/// the server's own key is RSA 2048 or ECDSA P-256, by the seed, as certificates in the field
/// are: the key type says nothing about the fault.
fn keypair(spec: &Spec, role: Role) -> Result<KeyPair, LabError> {
    use rand_core::RngCore as _;
    let leaf_kind = if spec.rng("leaf-key-type").next_u32() % 5 < 3 {
        KeyKind::P256
    } else {
        KeyKind::Rsa
    };
    let (kind, slot) = match role {
        Role::Root => (KeyKind::Rsa, 0),
        Role::Intermediate => (KeyKind::Rsa, 1),
        Role::OldRoot => (KeyKind::Rsa, 2),
        Role::Bundle(i) => (KeyKind::Rsa, 3 + i.min(1)),
        Role::Leaf => (leaf_kind, if leaf_kind == KeyKind::Rsa { 5 } else { 0 }),
        Role::LeafPrevious => (leaf_kind, if leaf_kind == KeyKind::Rsa { 6 } else { 1 }),
    };
    KeyPair::from_pem(spec.pool_key(kind, slot))
        .map_err(|e| build_err("an rcgen key")(e.to_string()))
}

fn at(spec: &Spec, offset_seconds: i64) -> OffsetDateTime {
    spec.now + time::Duration::seconds(offset_seconds)
}

fn name(cn: &str, org: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "KR");
    dn.push(DnType::OrganizationName, org);
    dn.push(DnType::CommonName, cn);
    dn
}

fn ca_params(
    spec: &Spec,
    dn: DistinguishedName,
    serial: u64,
    (from, to): (i64, i64),
    path_len: Option<u8>,
) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = dn;
    p.serial_number = Some(SerialNumber::from(serial));
    p.not_before = at(spec, from);
    p.not_after = at(spec, to);
    p.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p.use_authority_key_identifier_extension = path_len.is_some();
    p
}

fn serial(rng: &mut rand_chacha::ChaCha20Rng) -> u64 {
    use rand_core::RngCore;
    // Positive, and never short.
    (rng.next_u64() >> 2) | (1 << 60)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let mut names = spec.rng("names");
    let org = *pick(&mut names, ORGS);
    let host = *pick(&mut names, HOSTS);
    let other_host = *pick(
        &mut names,
        &HOSTS
            .iter()
            .filter(|h| **h != host)
            .copied()
            .collect::<Vec<_>>(),
    );
    let variant = range(&mut names, 0, 1);
    let org_name = format!("{} Corp", capitalised(org));
    let hostname = format!("{host}.{org}.example");
    let root_gen = range(&mut names, 2, 4);

    let mut t = spec.rng("times");
    let root_age = range(&mut t, 3 * 365, 6 * 365) * DAY;
    let inter_age = range(&mut t, 200, 700) * DAY;
    let leaf_age = range(&mut t, 5, 60) * DAY;
    let leaf_lifetime = 90 * DAY;
    let expired_for = range(&mut t, 1, 20) * DAY + range(&mut t, 0, DAY);
    let early_by = range(&mut t, 2 * 3600, 20 * 3600);
    let serials = [
        serial(&mut t),
        serial(&mut t),
        serial(&mut t),
        serial(&mut t),
    ];

    let root = {
        let dn = name(&format!("{org_name} Root CA G{root_gen}"), &org_name);
        let p = ca_params(spec, dn, serials[0], (-root_age, 20 * 365 * DAY), None);
        Node {
            params: p,
            key: keypair(spec, Role::Root)?,
        }
    };
    let inter_validity = if spec.has("pki/expired-intermediate") {
        (-5 * 365 * DAY, -expired_for)
    } else {
        (-inter_age, 5 * 365 * DAY - inter_age)
    };
    let inter = {
        let dn = name(&format!("{org_name} TLS Issuing CA 1"), &org_name);
        let p = ca_params(spec, dn, serials[1], inter_validity, Some(0));
        Node {
            params: p,
            key: keypair(spec, Role::Intermediate)?,
        }
    };

    let mut sans = vec![hostname.clone()];
    if spec.difficulty >= 2 {
        sans.push(format!("{other_host}.{org}.example"));
    }
    if spec.has("pki/hostname-mismatch") {
        sans = if variant == 0 {
            vec![
                format!("{other_host}.{org}.example"),
                format!("{org}.example"),
            ]
        } else {
            // A wildcard covers one label only: not `{host}.{org}.example`'s parent.
            vec![format!("*.internal.{org}.example")]
        };
    }
    let mut leaf_params = CertificateParams::new(sans.clone())
        .map_err(|e| build_err("leaf parameters")(e.to_string()))?;
    let cn = sans.first().cloned().unwrap_or_default();
    leaf_params.distinguished_name = name(&cn, &org_name);
    leaf_params.serial_number = Some(SerialNumber::from(serials[2]));
    let (from, to) = if spec.has("pki/expired-leaf") {
        (-leaf_lifetime - expired_for, -expired_for)
    } else if spec.has("pki/not-yet-valid") {
        (early_by, early_by + leaf_lifetime)
    } else {
        (-leaf_age, leaf_lifetime - leaf_age)
    };
    leaf_params.not_before = at(spec, from);
    leaf_params.not_after = at(spec, to);
    leaf_params.is_ca = IsCa::ExplicitNoCa;
    leaf_params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    leaf_params.extended_key_usages = if spec.has("pki/wrong-eku") {
        vec![ExtendedKeyUsagePurpose::ClientAuth]
    } else if spec.difficulty >= 2 {
        vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ]
    } else {
        vec![ExtendedKeyUsagePurpose::ServerAuth]
    };
    leaf_params.use_authority_key_identifier_extension = true;
    let leaf_key = keypair(spec, Role::Leaf)?;

    let root_cert = root
        .params
        .self_signed(&root.key)
        .map_err(|e| build_err("the root")(e.to_string()))?;
    let inter_cert = inter
        .params
        .signed_by(&inter.key, &root.issuer())
        .map_err(|e| build_err("the intermediate")(e.to_string()))?;
    let leaf_cert = leaf_params
        .signed_by(&leaf_key, &inter.issuer())
        .map_err(|e| build_err("the leaf")(e.to_string()))?;

    let mut chain = leaf_cert.pem();
    if !spec.has("pki/missing-intermediate") {
        chain.push_str(&inter_cert.pem());
    }

    let mut ca = String::new();
    if spec.has("pki/untrusted-root") {
        // The client still trusts the previous generation, a different key and name.
        let dn = name(&format!("{org_name} Root CA G{}", root_gen - 1), &org_name);
        let p = ca_params(
            spec,
            dn,
            serials[3],
            (-10 * 365 * DAY, 10 * 365 * DAY),
            None,
        );
        let old = keypair(spec, Role::OldRoot)?;
        let cert = p
            .self_signed(&old)
            .map_err(|e| build_err("the old root")(e.to_string()))?;
        ca.push_str(&cert.pem());
    } else {
        ca.push_str(&root_cert.pem());
    }
    if spec.difficulty >= 2 {
        for (i, other) in ORGS.iter().filter(|o| **o != org).take(2).enumerate() {
            let other_name = format!("{} Corp", capitalised(other));
            let dn = name(&format!("{other_name} Root CA G1"), &other_name);
            let mut r = spec.rng(&format!("bundle:{other}"));
            let p = ca_params(spec, dn, serial(&mut r), (-2000 * DAY, 4000 * DAY), None);
            let k = keypair(spec, Role::Bundle(i))?;
            let cert = p
                .self_signed(&k)
                .map_err(|e| build_err("a bundle root")(e.to_string()))?;
            ca.push_str(&cert.pem());
        }
    }

    let server_key = if spec.has("pki/key-mismatch") {
        keypair(spec, Role::LeafPrevious)?
    } else {
        leaf_key
    };

    let mut built = Built::default();
    built.file("chain.pem", chain);
    if spec.difficulty >= 2 {
        // As in a real case: the customer never sends their private key; asked for it, they
        // send its public half (`openssl pkey -in server.key -pubout`).
        built.file("key.pub.pem", server_key.public_key_pem());
    } else {
        // Difficulty 1 is the classroom: the server's key as it is configured.
        built.file("key.pem", server_key.serialize_pem());
    }
    built.file("ca.pem", ca);
    built.set_public("hostname", hostname);
    built.set("org", org);
    built.set("org_name", org_name);
    // When an expired certificate started failing: the ticket says "since" that day, so the
    // customer's story agrees with the certificates.
    let since = spec.now - time::Duration::seconds(expired_for);
    built.set("failing_since", since.date().to_string());
    Ok(built)
}

pub(crate) fn pem_ders(path: &str, contents: &str) -> Result<Vec<Vec<u8>>, LabError> {
    let blocks = pem::parse_many(contents).map_err(|e| bad(path)(e.to_string()))?;
    Ok(blocks
        .into_iter()
        .filter(|p| p.tag() == "CERTIFICATE")
        .map(|p| p.into_contents())
        .collect())
}

/// The validator: why a client connecting to `hostname` at `now` rejects this server.
pub(crate) fn diagnose(files: &[LabFile], info: &LabInfo) -> Result<Vec<String>, LabError> {
    let hostname = info.str("hostname")?;
    let chain = pem_ders("chain.pem", text(files, "chain.pem")?)?;
    let roots = pem_ders("ca.pem", text(files, "ca.pem")?)?;
    let Some(leaf_der) = chain.first() else {
        return Err(bad("chain.pem")("no certificate".to_string()));
    };
    let leaf = CertificateDer::from(leaf_der.as_slice());
    let intermediates: Vec<CertificateDer<'_>> = chain[1..]
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let root_ders: Vec<CertificateDer<'_>> = roots
        .iter()
        .map(|d| CertificateDer::from(d.as_slice()))
        .collect();
    let anchors = root_ders
        .iter()
        .map(|d| webpki::anchor_from_trusted_cert(d).map(|a| a.to_owned()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad("ca.pem")(format!("{e:?}")))?;
    let ee = EndEntityCert::try_from(&leaf).map_err(|e| bad("chain.pem")(format!("{e:?}")))?;
    let secs = u64::try_from(info.now.unix_timestamp()).unwrap_or(0);
    let time = UnixTime::since_unix_epoch(Duration::from_secs(secs));

    let mut found = Vec::new();
    let result = ee.verify_for_usage(
        // What a TLS client accepts from these chains: RSA PKCS#1 v1.5 with SHA-256 (every
        // issuer here), and Ed25519 for labs made before the key pools.
        &[
            webpki::ring::RSA_PKCS1_2048_8192_SHA256,
            webpki::ring::ED25519,
        ],
        &anchors,
        &intermediates,
        time,
        KeyUsage::server_auth(),
        None,
        None,
    );
    if let Err(e) = result {
        let cause = match e {
            webpki::Error::CertExpired { .. } => {
                if expired(leaf_der, info.now)? {
                    "pki/expired-leaf"
                } else {
                    "pki/expired-intermediate"
                }
            }
            webpki::Error::CertNotValidYet { .. } => "pki/not-yet-valid",
            webpki::Error::UnknownIssuer if intermediates.is_empty() => "pki/missing-intermediate",
            webpki::Error::UnknownIssuer => "pki/untrusted-root",
            webpki::Error::RequiredEkuNotFoundContext(_) => "pki/wrong-eku",
            other => return Err(bad("chain.pem")(format!("{other:?}"))),
        };
        found.push(cause.to_string());
    }
    let name =
        ServerName::try_from(hostname.to_string()).map_err(|e| bad("lab.json")(e.to_string()))?;
    if ee.verify_is_valid_for_subject_name(&name).is_err() {
        found.push("pki/hostname-mismatch".to_string());
    }
    if leaf_spki(leaf_der)? != server_key_spki(files)? {
        found.push("pki/key-mismatch".to_string());
    }
    Ok(found)
}

/// The SubjectPublicKeyInfo (DER) of the key the server is configured with: from `key.pem`
/// (difficulty 1) or from the public half the customer sent (`key.pub.pem`).
pub(crate) fn server_key_spki(files: &[LabFile]) -> Result<Vec<u8>, LabError> {
    if let Ok(key_pem) = text(files, "key.pem") {
        let key = KeyPair::from_pem(key_pem).map_err(|e| bad("key.pem")(e.to_string()))?;
        return Ok(rcgen::PublicKeyData::subject_public_key_info(&key));
    }
    let public = text(files, "key.pub.pem")?;
    let block = pem::parse(public).map_err(|e| bad("key.pub.pem")(e.to_string()))?;
    if block.tag() != "PUBLIC KEY" {
        return Err(bad("key.pub.pem")(format!(
            "a {} block, not PUBLIC KEY",
            block.tag()
        )));
    }
    Ok(block.contents().to_vec())
}

fn parse(der: &[u8]) -> Result<x509_parser::certificate::X509Certificate<'_>, LabError> {
    x509_parser::parse_x509_certificate(der)
        .map(|(_, c)| c)
        .map_err(|e| bad("chain.pem")(e.to_string()))
}

fn expired(der: &[u8], now: OffsetDateTime) -> Result<bool, LabError> {
    Ok(parse(der)?.validity().not_after.timestamp() < now.unix_timestamp())
}

fn leaf_spki(der: &[u8]) -> Result<Vec<u8>, LabError> {
    Ok(parse(der)?.tbs_certificate.subject_pki.raw.to_vec())
}
