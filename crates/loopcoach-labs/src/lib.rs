//! Troubleshooting labs: real broken artifacts, diagnosed and graded.
//!
//! A lab is a small support case: a customer's ticket (`TICKET.md`), the artifacts they sent
//! (a JWT and its JWKS, a certificate chain, manifests, a Dockerfile, a captured HTTP exchange,
//! `dig` output, `aws ec2`/`elbv2` JSON with VPC flow logs or ALB access logs)
//! and `lab.json` with the context (the moment the case happens, the expected issuer, the
//! hostname, ...). Each lab is broken for exactly one reason (two at difficulty 3 for some
//! kinds), and the artifacts are made by the libraries made for the job (jsonwebtoken, rcgen,
//! k8s-openapi, ...), never by string templates, so real validators reject them for that reason
//! and accept the repaired twin ([`generate_twin`]).
//!
//! The crate is pure: no stdout, no system clock (`now` is passed in), no store. The one I/O
//! helper is [`write_lab`] (and [`read_lab_id`]). User-facing text lives in
//! `content/labs/<kind>.toml` (Korean and English), embedded at build time.

mod common;
mod content;
mod dns;
mod docker;
mod elb;
mod evidence;
mod grade;
mod iam;
mod jwt;
mod jwt_crypto;
mod k8s;
mod linux;
mod netlab;
mod oauth;
mod pki;
mod vpc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

pub use evidence::{
    Debrief, Evidence, EvidenceInfo, ask, debrief, evidence_catalogue, resolve_evidence,
};
pub use grade::{Grade, Verdict, grade};

/// The kinds of lab, in the order `lab list` shows them.
pub const KINDS: &[&str] = &[
    "jwt", "pki", "oauth", "k8s", "docker", "dns", "vpc", "elb", "iam", "linux",
];

/// The language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Korean.
    #[default]
    Ko,
    /// English.
    En,
}

impl Lang {
    /// The language's code, `ko` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Korean.
    pub ko: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }
}

/// One kind of lab and its faults, for `lab list`.
#[derive(Debug, Clone, Serialize)]
pub struct KindInfo {
    /// `jwt`, `pki`, ...
    pub kind: String,
    /// What the kind is about.
    pub title: Text,
    /// The faults this kind can break.
    pub faults: Vec<FaultInfo>,
}

/// One fault: its stable code (`kind/name`) and title.
#[derive(Debug, Clone, Serialize)]
pub struct FaultInfo {
    /// Stable code, e.g. `jwt/expired`.
    pub code: String,
    /// A short title.
    pub title: Text,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct LabRequest {
    /// One of [`KINDS`].
    pub kind: String,
    /// A fault code (`jwt/expired`, or just `expired`); `None` picks one from the seed.
    pub fault: Option<String>,
    /// The seed: the same kind, fault, seed, difficulty and `now` give the same lab.
    pub seed: u64,
    /// 1 to 3: how much noise the artifacts carry; 3 may add a second root cause.
    pub difficulty: u8,
    /// The language of `TICKET.md`.
    pub lang: Lang,
    /// The moment the case happens; every time in the lab is relative to it.
    pub now: OffsetDateTime,
}

/// One file of a lab directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabFile {
    /// Path relative to the lab directory (`token.txt`, `manifests/deployment.yaml`).
    pub path: String,
    /// The bytes.
    pub contents: Vec<u8>,
}

/// A generated lab: the files to write and the hidden answer key.
#[derive(Debug, Clone)]
pub struct Lab {
    /// Stable id derived from kind, fault(s), seed and difficulty.
    pub id: String,
    /// The kind.
    pub kind: String,
    /// The files, including `TICKET.md` and `lab.json`.
    pub files: Vec<LabFile>,
    /// The answer key, kept out of the directory (the caller stores it).
    pub answer: AnswerKey,
}

impl Lab {
    /// The file at `path`, if the lab has one.
    pub fn file(&self, path: &str) -> Option<&LabFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// The hidden answer key of a lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerKey {
    /// The lab's id.
    pub lab_id: String,
    /// The kind.
    pub kind: String,
    /// The root causes, as codes; the first is the main one.
    pub causes: Vec<String>,
    /// The moment of the case, RFC 3339.
    pub now: String,
    /// The seed.
    pub seed: u64,
    /// The difficulty.
    pub difficulty: u8,
    /// Names used by the explanation's commands (hostname, namespace, ...).
    #[serde(default)]
    pub context: BTreeMap<String, String>,
    /// The language the ticket was written in (`None` in keys stored before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// The explanation of a lab, for `lab explain`.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The main cause code.
    pub cause: String,
    /// All cause codes.
    pub causes: Vec<String>,
    /// What is wrong.
    pub summary: String,
    /// The commands a support engineer runs to confirm it.
    pub confirm: Vec<String>,
    /// How to fix it.
    pub fix: String,
}

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LabError {
    /// The kind is not one of [`KINDS`].
    #[error("unknown lab kind `{kind}` (valid: {valid})")]
    UnknownKind {
        /// What was asked for.
        kind: String,
        /// The valid kinds, comma separated.
        valid: String,
    },
    /// The fault code is not one of the kind's.
    #[error("unknown fault `{code}` for kind `{kind}` (valid: {valid})")]
    UnknownFault {
        /// The kind.
        kind: String,
        /// What was asked for.
        code: String,
        /// The valid codes, comma separated.
        valid: String,
    },
    /// The lab's moment is outside the years certificates and tokens can carry here.
    #[error("the lab's time must be between the years {first} and {last} (got {year})")]
    TimeOutOfRange {
        /// The year asked for.
        year: i32,
        /// The first year accepted.
        first: i32,
        /// The last year accepted.
        last: i32,
    },
    /// Difficulty outside 1..=3.
    #[error("difficulty must be 1, 2 or 3 (got {0})")]
    BadDifficulty(u8),
    /// The target directory exists and is not empty.
    #[error("{} exists and is not empty", .0.display())]
    DirNotEmpty(PathBuf),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `lab.json` is missing a field or is not JSON.
    #[error("{}: not a lab.json ({message})", path.display())]
    BadLabJson {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A lab file needed to diagnose is missing or unreadable.
    #[error("lab file `{path}`: {message}")]
    BadArtifact {
        /// The file in the lab.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// `lab ask` asked for something the kind's catalogue does not have.
    #[error("nothing called `{what}` can be asked for here (valid: {valid})")]
    UnknownEvidence {
        /// What was asked for.
        what: String,
        /// The keys that can be asked for, comma separated.
        valid: String,
    },
    /// The embedded content is broken (a bug, caught by the tests).
    #[error("embedded lab content: {0}")]
    Content(String),
    /// A library refused to build an artifact (a bug, caught by the tests).
    #[error("building {what}: {message}")]
    Build {
        /// What was being built.
        what: &'static str,
        /// The library's message.
        message: String,
    },
}

/// All kinds and their faults.
pub fn catalog() -> Vec<KindInfo> {
    KINDS
        .iter()
        .filter_map(|kind| {
            let c = content::kind(kind).ok()?;
            let codes = faults_of(kind).ok()?;
            if codes.is_empty() {
                return None;
            }
            Some(KindInfo {
                kind: (*kind).to_string(),
                title: c.title.clone(),
                faults: codes
                    .iter()
                    .filter_map(|code| {
                        Some(FaultInfo {
                            code: (*code).to_string(),
                            title: c.faults.get(*code)?.title.clone(),
                        })
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The first year a lab may be set in.
pub const FIRST_YEAR: i32 = 1970;
/// The last year a lab may be set in.
pub const LAST_YEAR: i32 = 2999;

/// Generates a lab.
pub fn generate(req: &LabRequest) -> Result<Lab, LabError> {
    build(req, false)
}

/// Generates the repaired twin of the lab `req` asks for: the same names, keys and times,
/// with the fault(s) fixed. Real validators accept it. Its answer key still names the causes
/// the broken lab has.
pub fn generate_twin(req: &LabRequest) -> Result<Lab, LabError> {
    build(req, true)
}

/// Diagnoses a lab's files with the real validators (jsonwebtoken, rustls-webpki, the
/// Kubernetes rule evaluators, ...): the cause codes found, empty for a healthy lab.
pub fn diagnose(files: &[LabFile]) -> Result<Vec<String>, LabError> {
    let info = common::LabInfo::from_files(files)?;
    match info.kind.as_str() {
        "jwt" => jwt::diagnose(files, &info),
        "pki" => pki::diagnose(files, &info),
        "oauth" => oauth::diagnose(files, &info),
        "k8s" => k8s::diagnose(files, &info),
        "docker" => docker::diagnose(files, &info),
        "dns" => dns::diagnose(files, &info),
        "vpc" => vpc::diagnose(files, &info),
        "elb" => elb::diagnose(files, &info),
        "iam" => iam::diagnose(files, &info),
        "linux" => linux::diagnose(files, &info),
        other => Err(unknown_kind(other)),
    }
}

/// Explains a lab's cause(s) in `lang`.
pub fn explain(key: &AnswerKey, lang: Lang) -> Explanation {
    content::explain(key, lang)
}

/// Writes a lab into `dir`, creating it; refuses a directory that exists and is not empty.
pub fn write_lab(dir: &Path, lab: &Lab) -> Result<(), LabError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LabError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(LabError::DirNotEmpty(dir.to_path_buf()));
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for file in &lab.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, &file.contents).map_err(io(&path))?;
    }
    Ok(())
}

/// Reads the lab id from `dir/lab.json`.
pub fn read_lab_id(dir: &Path) -> Result<String, LabError> {
    let path = dir.join("lab.json");
    let bytes = std::fs::read(&path).map_err(|source| LabError::Io {
        path: path.clone(),
        source,
    })?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| LabError::BadLabJson {
            path: path.clone(),
            message: e.to_string(),
        })?;
    value
        .get("id")
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .ok_or_else(|| LabError::BadLabJson {
            path,
            message: "no string field `id`".to_string(),
        })
}

pub(crate) fn unknown_kind(kind: &str) -> LabError {
    LabError::UnknownKind {
        kind: kind.to_string(),
        valid: KINDS.join(", "),
    }
}

/// Resolves `fault` (a full code or just its name) against the kind's faults.
fn resolve_fault(kind: &str, fault: &str, faults: &[&str]) -> Result<String, LabError> {
    let wanted = fault.trim().to_ascii_lowercase();
    let full = if wanted.contains('/') {
        wanted
    } else {
        format!("{kind}/{wanted}")
    };
    if faults.contains(&full.as_str()) {
        Ok(full)
    } else {
        Err(LabError::UnknownFault {
            kind: kind.to_string(),
            code: fault.to_string(),
            valid: faults.join(", "),
        })
    }
}

pub(crate) fn faults_of(kind: &str) -> Result<&'static [&'static str], LabError> {
    Ok(match kind {
        "jwt" => jwt::FAULTS,
        "pki" => pki::FAULTS,
        "oauth" => oauth::FAULTS,
        "k8s" => k8s::FAULTS,
        "docker" => docker::FAULTS,
        "dns" => dns::FAULTS,
        "vpc" => vpc::FAULTS,
        "elb" => elb::FAULTS,
        "iam" => iam::FAULTS,
        "linux" => linux::FAULTS,
        other => return Err(unknown_kind(other)),
    })
}

fn build(req: &LabRequest, twin: bool) -> Result<Lab, LabError> {
    let kind = req.kind.trim().to_ascii_lowercase();
    let faults = faults_of(&kind)?;
    if !(1..=3).contains(&req.difficulty) {
        return Err(LabError::BadDifficulty(req.difficulty));
    }
    // Certificates are valid for years around the moment (X.509 times end in 9999) and the
    // clock is moved to UTC: a moment far out would overflow them.
    if !(FIRST_YEAR..=LAST_YEAR).contains(&req.now.year()) {
        return Err(LabError::TimeOutOfRange {
            year: req.now.year(),
            first: FIRST_YEAR,
            last: LAST_YEAR,
        });
    }
    let now = common::whole_seconds(req.now);
    let primary = match &req.fault {
        Some(f) => resolve_fault(&kind, f, faults)?,
        None => {
            let mut rng = common::rng_for(&kind, req.seed, "fault");
            common::pick(&mut rng, faults).to_string()
        }
    };
    let mut causes = vec![primary.clone()];
    if req.difficulty == 3 {
        let mut rng = common::rng_for(&kind, req.seed, "second-cause");
        let second = match kind.as_str() {
            "jwt" => jwt::second_cause(&primary, &mut rng),
            "k8s" => k8s::second_cause(&primary, &mut rng),
            "docker" => docker::second_cause(&primary, &mut rng),
            "linux" => linux::second_cause(&primary, &mut rng),
            _ => None,
        };
        causes.extend(second.map(str::to_string));
    }
    let id = lab_id(&kind, &causes, req.seed, req.difficulty);
    let spec = common::Spec {
        kind: kind.clone(),
        causes: causes.clone(),
        twin,
        seed: req.seed,
        difficulty: req.difficulty,
        now,
    };
    let built = match kind.as_str() {
        "jwt" => jwt::build(&spec)?,
        "pki" => pki::build(&spec)?,
        "oauth" => oauth::build(&spec)?,
        "k8s" => k8s::build(&spec)?,
        "dns" => dns::build(&spec)?,
        "vpc" => vpc::build(&spec)?,
        "elb" => elb::build(&spec)?,
        "iam" => iam::build(&spec)?,
        "linux" => linux::build(&spec)?,
        _ => docker::build(&spec)?,
    };
    let now_text = common::rfc3339(now)?;
    let mut files = Vec::with_capacity(built.files.len() + 2);
    files.push(LabFile {
        path: "TICKET.md".to_string(),
        contents: content::ticket(
            &kind,
            &primary,
            req.lang,
            req.difficulty,
            &built,
            &now_text,
            req.seed,
        )?
        .into_bytes(),
    });
    files.extend(built.files.iter().cloned());
    let lab_json = common::lab_json(&id, &kind, &now_text, req, &built)?;
    files.push(LabFile {
        path: "lab.json".to_string(),
        contents: lab_json,
    });
    Ok(Lab {
        id: id.clone(),
        kind: kind.clone(),
        files,
        answer: AnswerKey {
            lab_id: id,
            kind,
            causes,
            now: now_text,
            seed: req.seed,
            difficulty: req.difficulty,
            context: built.context,
            lang: Some(req.lang),
        },
    })
}

fn lab_id(kind: &str, causes: &[String], seed: u64, difficulty: u8) -> String {
    let mut h = Sha256::new();
    h.update(kind.as_bytes());
    for c in causes {
        h.update(b"|");
        h.update(c.as_bytes());
    }
    h.update(format!("|{seed}|{difficulty}").as_bytes());
    let digest = h.finalize();
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{kind}-{hex}")
}
