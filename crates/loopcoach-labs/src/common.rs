//! What every lab kind shares: the generation spec, seeded randomness, deterministic keys,
//! time formatting, `lab.json`, and reading a lab's files back for diagnosis.
//!
//! Determinism lives here: every random choice comes from a ChaCha20 stream seeded by
//! SHA-256 of (kind, seed, label). Labels name what the stream is for, never the fault, so a
//! lab and its repaired twin share names, keys and times.

use std::collections::BTreeMap;

use base64::Engine as _;
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{LabError, LabFile, LabRequest};

/// What a kind's generator is asked to build.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub kind: String,
    /// The causes the lab is about (also in the twin, which shares the scenario).
    pub causes: Vec<String>,
    /// Build the repaired twin: the same scenario with nothing broken.
    pub twin: bool,
    pub seed: u64,
    pub difficulty: u8,
    /// Whole seconds.
    pub now: OffsetDateTime,
}

impl Spec {
    /// Whether `code` is broken in this build.
    pub fn has(&self, code: &str) -> bool {
        !self.twin && self.about(code)
    }

    /// Whether the scenario is about `code` (true in the twin too).
    pub fn about(&self, code: &str) -> bool {
        self.causes.iter().any(|c| c == code)
    }

    pub fn rng(&self, label: &str) -> ChaCha20Rng {
        rng_for(&self.kind, self.seed, label)
    }

    /// A deterministic Ed25519 key for `label`.
    pub fn ed25519(&self, label: &str) -> Result<Ed25519Key, LabError> {
        let mut rng = self.rng(&format!("ed25519:{label}"));
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed);
        Ed25519Key::from_seed(&seed)
    }

    /// Key `slot` of this lab's turn through the committed pool of `kind`
    /// (`content/labs/keys`): the lab's seed picks where the turn starts, and distinct slots
    /// (below the pool's size) always get distinct keys. PKCS#8 PEM.
    pub fn pool_key(&self, kind: KeyKind, slot: usize) -> &'static str {
        let pool: &[&str] = match kind {
            KeyKind::Rsa => &RSA_POOL,
            KeyKind::P256 => &P256_POOL,
        };
        debug_assert!(slot < pool.len(), "slot {slot} would repeat a key");
        let start = (self.rng("key-pool").next_u64() % pool.len() as u64) as usize;
        pool[(start + slot) % pool.len()]
    }

    pub fn now_unix(&self) -> i64 {
        self.now.unix_timestamp()
    }
}

/// The kinds of key the committed pools hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// RSA 2048.
    Rsa,
    /// ECDSA P-256 (for certificate subjects only: ECDSA signatures are randomised).
    P256,
}

macro_rules! lab_keys {
    ($($name:literal),* $(,)?) => {
        [$(include_str!(concat!("../../../content/labs/keys/", $name, ".pem"))),*]
    };
}

/// RSA 2048 test keys (`content/labs/keys/README.md`).
const RSA_POOL: [&str; 10] = lab_keys!(
    "rsa-0", "rsa-1", "rsa-2", "rsa-3", "rsa-4", "rsa-5", "rsa-6", "rsa-7", "rsa-8", "rsa-9"
);
/// ECDSA P-256 test keys.
const P256_POOL: [&str; 8] = lab_keys!(
    "p256-0", "p256-1", "p256-2", "p256-3", "p256-4", "p256-5", "p256-6", "p256-7"
);

/// What a kind's generator built.
#[derive(Debug, Clone, Default)]
pub(crate) struct Built {
    /// The artifacts (not TICKET.md nor lab.json).
    pub files: Vec<LabFile>,
    /// Names for the ticket and the explanation (`{hostname}`, `{namespace}`, ...).
    pub context: BTreeMap<String, String>,
    /// The context keys that `lab.json` carries too.
    pub public: Vec<&'static str>,
}

impl Built {
    pub fn file(&mut self, path: &str, contents: impl Into<Vec<u8>>) {
        self.files.push(LabFile {
            path: path.to_string(),
            contents: contents.into(),
        });
    }

    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.context.insert(key.to_string(), value.into());
    }

    pub fn set_public(&mut self, key: &'static str, value: impl Into<String>) {
        self.set(key, value);
        self.public.push(key);
    }
}

/// PKCS#8 v1 of an Ed25519 private key up to its 32-byte seed (RFC 8410 §7):
/// `SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING } }`.
pub(crate) const ED25519_PKCS8_V1_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// An Ed25519 key pair made from a 32-byte seed.
#[derive(Debug, Clone)]
pub(crate) struct Ed25519Key {
    /// PKCS#8 v1 DER (what openssl, rcgen and jsonwebtoken read).
    pub pkcs8: Vec<u8>,
    /// The raw 32-byte public key.
    pub public: Vec<u8>,
}

impl Ed25519Key {
    fn from_seed(seed: &[u8; 32]) -> Result<Self, LabError> {
        use ring::signature::{Ed25519KeyPair, KeyPair as _};
        let pair = Ed25519KeyPair::from_seed_unchecked(seed).map_err(|e| LabError::Build {
            what: "an Ed25519 key",
            message: e.to_string(),
        })?;
        Ok(Self {
            pkcs8: [&ED25519_PKCS8_V1_PREFIX[..], seed].concat(),
            public: pair.public_key().as_ref().to_vec(),
        })
    }
}

pub(crate) fn rng_for(kind: &str, seed: u64, label: &str) -> ChaCha20Rng {
    let digest = Sha256::digest(format!("loopcoach-labs|{kind}|{seed}|{label}").as_bytes());
    ChaCha20Rng::from_seed(digest.into())
}

pub(crate) fn pick<'a, T>(rng: &mut ChaCha20Rng, items: &'a [T]) -> &'a T {
    let i = (rng.next_u64() % items.len().max(1) as u64) as usize;
    &items[i.min(items.len().saturating_sub(1))]
}

/// A number in `lo..=hi`.
pub(crate) fn range(rng: &mut ChaCha20Rng, lo: i64, hi: i64) -> i64 {
    let span = (hi - lo + 1).max(1) as u64;
    lo + (rng.next_u64() % span) as i64
}

pub(crate) fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .to_offset(time::UtcOffset::UTC)
}

pub(crate) fn rfc3339(t: OffsetDateTime) -> Result<String, LabError> {
    t.format(&Rfc3339).map_err(|e| LabError::Build {
        what: "a timestamp",
        message: e.to_string(),
    })
}

pub(crate) fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()
}

pub(crate) fn build_err(what: &'static str) -> impl Fn(String) -> LabError {
    move |message| LabError::Build { what, message }
}

pub(crate) fn json_pretty<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, LabError> {
    let mut out = serde_json::to_vec_pretty(value).map_err(|e| LabError::Build {
        what: "JSON",
        message: e.to_string(),
    })?;
    out.push(b'\n');
    Ok(out)
}

pub(crate) fn yaml<T: serde::Serialize>(value: &T) -> Result<String, LabError> {
    serde_yaml_ng::to_string(value).map_err(|e| LabError::Build {
        what: "YAML",
        message: e.to_string(),
    })
}

pub(crate) fn lab_json(
    id: &str,
    kind: &str,
    now: &str,
    req: &LabRequest,
    built: &Built,
) -> Result<Vec<u8>, LabError> {
    let mut map = serde_json::Map::new();
    map.insert("id".into(), id.into());
    map.insert("kind".into(), kind.into());
    map.insert("now".into(), now.into());
    map.insert("seed".into(), req.seed.into());
    map.insert("difficulty".into(), req.difficulty.into());
    map.insert("lang".into(), req.lang.code().into());
    for key in &built.public {
        if let Some(v) = built.context.get(*key) {
            map.insert((*key).to_string(), v.clone().into());
        }
    }
    let mut files = vec![serde_json::Value::from("TICKET.md")];
    files.extend(built.files.iter().map(|f| f.path.clone().into()));
    map.insert("files".into(), files.into());
    json_pretty(&map)
}

/// `lab.json` read back, for diagnosis.
#[derive(Debug, Clone)]
pub(crate) struct LabInfo {
    pub kind: String,
    pub now: OffsetDateTime,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl LabInfo {
    pub fn from_files(files: &[LabFile]) -> Result<Self, LabError> {
        let bad = |message: String| LabError::BadArtifact {
            path: "lab.json".to_string(),
            message,
        };
        let raw = file(files, "lab.json")?;
        let fields: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(raw).map_err(|e| bad(e.to_string()))?;
        let kind = fields
            .get("kind")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad("no `kind`".to_string()))?
            .to_string();
        let now_text = fields
            .get("now")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad("no `now`".to_string()))?;
        let now = OffsetDateTime::parse(now_text, &Rfc3339).map_err(|e| bad(e.to_string()))?;
        Ok(Self { kind, now, fields })
    }

    pub fn str(&self, key: &str) -> Result<&str, LabError> {
        self.fields
            .get(key)
            .and_then(|v| v.as_str())
            .ok_or_else(|| LabError::BadArtifact {
                path: "lab.json".to_string(),
                message: format!("no `{key}`"),
            })
    }
}

pub(crate) fn file<'a>(files: &'a [LabFile], path: &str) -> Result<&'a [u8], LabError> {
    files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_slice())
        .ok_or_else(|| LabError::BadArtifact {
            path: path.to_string(),
            message: "missing".to_string(),
        })
}

pub(crate) fn text<'a>(files: &'a [LabFile], path: &str) -> Result<&'a str, LabError> {
    std::str::from_utf8(file(files, path)?).map_err(|e| LabError::BadArtifact {
        path: path.to_string(),
        message: e.to_string(),
    })
}

pub(crate) fn bad(path: &str) -> impl Fn(String) -> LabError + '_ {
    move |message| LabError::BadArtifact {
        path: path.to_string(),
        message,
    }
}

/// Company-ish names for the cases; identifiers, not sentences.
pub(crate) const ORGS: &[&str] = &[
    "hanbit", "daon", "nuri", "mirae", "saebit", "haneul", "gaon", "bora",
];
