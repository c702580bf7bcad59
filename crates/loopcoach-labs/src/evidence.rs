//! Evidence on request (issue #18): a real case starts with a vague ticket, and the engineer
//! asks for the data that separates the hypotheses. `ask` hands out one item (decoded token
//! claims, the JWKS, `openssl s_client`, the two SPKI digests the customer pasted, `kubectl
//! describe`, events, `docker history`, the failing component's log, ...), generated from the
//! lab's real state: the lab is made again from its key and read with the same parsers and
//! validators that grade it. `debrief` compares the path taken with the expert's minimal
//! path. The catalogue, the log lines and the expert paths are content
//! (`content/labs/evidence.toml`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::common::{b64url_decode, rfc3339};
use crate::content::fill;
use crate::{AnswerKey, LabError, LabFile, LabRequest, Lang, Text};

const SOURCE: &str = include_str!("../../../content/labs/evidence.toml");
/// Catalogues of later kinds, each in its own file, merged into the first.
const MORE: &[(&str, &str)] = &[
    (
        "iam-evidence.toml",
        include_str!("../../../content/labs/iam-evidence.toml"),
    ),
    (
        "linux-evidence.toml",
        include_str!("../../../content/labs/linux-evidence.toml"),
    ),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    item: Vec<Item>,
    logs: BTreeMap<String, String>,
    expert: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    kind: String,
    key: String,
    asks: Vec<String>,
    title: Text,
}

fn catalogue() -> Result<&'static Catalogue, LabError> {
    static C: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    C.get_or_init(|| {
        let mut c: Catalogue = toml::from_str(SOURCE).map_err(|e| format!("evidence.toml: {e}"))?;
        for (name, src) in MORE {
            let more: Catalogue = toml::from_str(src).map_err(|e| format!("{name}: {e}"))?;
            c.item.extend(more.item);
            c.logs.extend(more.logs);
            c.expert.extend(more.expert);
        }
        Ok(c)
    })
    .as_ref()
    .map_err(|e| LabError::Content(e.clone()))
}

/// One thing that can be asked for.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceInfo {
    /// Its key (`claims`, `s_client`, `events`, ...).
    pub key: String,
    /// Other words that ask for it.
    pub asks: Vec<String>,
    /// What it is.
    pub title: Text,
}

/// One piece of evidence handed out.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The catalogue key.
    pub key: String,
    /// What it is.
    pub title: Text,
    /// The evidence itself, as the tool would print it.
    pub text: String,
}

/// The path taken compared with the expert's.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Debrief {
    /// What was asked, in order (catalogue keys, repeats removed).
    pub asked: Vec<String>,
    /// The expert's minimal path for the lab's cause(s).
    pub expert: Vec<String>,
    /// Expert steps not taken.
    pub missed: Vec<String>,
    /// Steps taken that the expert did not need.
    pub extra: Vec<String>,
}

/// What can be asked for in a lab of `kind`.
pub fn evidence_catalogue(kind: &str) -> Result<Vec<EvidenceInfo>, LabError> {
    let c = catalogue()?;
    let items: Vec<EvidenceInfo> = c
        .item
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| EvidenceInfo {
            key: i.key.clone(),
            asks: i.asks.clone(),
            title: i.title.clone(),
        })
        .collect();
    if items.is_empty() {
        return Err(crate::unknown_kind(kind));
    }
    Ok(items)
}

/// The catalogue key that `what` asks for ("kubectl describe" → `describe`).
pub fn resolve_evidence(kind: &str, what: &str) -> Result<String, LabError> {
    let items = evidence_catalogue(kind)?;
    let norm = |s: &str| {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '.')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let w = norm(what);
    let exact = items
        .iter()
        .find(|i| norm(&i.key) == w || i.asks.iter().any(|a| norm(a) == w));
    let loose = || {
        items.iter().find(|i| {
            i.asks
                .iter()
                .chain(std::iter::once(&i.key))
                .any(|a| !w.is_empty() && (w.contains(&norm(a)) && norm(a).len() > 2))
        })
    };
    exact
        .or_else(loose)
        .map(|i| i.key.clone())
        .ok_or_else(|| LabError::UnknownEvidence {
            what: what.to_string(),
            valid: items
                .iter()
                .map(|i| i.key.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Hands out the evidence `what` asks for, made from the lab's real state.
pub fn ask(key: &AnswerKey, what: &str) -> Result<Evidence, LabError> {
    let which = resolve_evidence(&key.kind, what)?;
    let files = regenerate(key)?;
    let text = match (key.kind.as_str(), which.as_str()) {
        (_, "logs") => logs(key, &files)?,
        ("jwt", "header") => jwt_part(&files, 0)?,
        ("jwt", "claims") => jwt_part(&files, 1)?,
        ("jwt", "jwks") => jwks(&files)?,
        ("jwt", "idp-logs") => idp_logs(&files)?,
        ("pki", "s_client") => s_client(key, &files)?,
        ("pki", "x509") => certs(&files, "chain.pem")?,
        ("pki", "trust-store") => certs(&files, "ca.pem")?,
        ("pki", "digests") => digests(&files)?,
        ("oauth", "exchange") => file_or_none(&files, &["exchange.http"], key),
        ("oauth", "client") => {
            file_or_none(&files, &["client.json", "authorization-server.json"], key)
        }
        ("k8s", "describe") => file_or_none(&files, &["describe.txt"], key),
        ("k8s", "events") => file_or_none(&files, &["events.txt"], key),
        ("k8s", "manifests") => file_or_none(
            &files,
            &["deployment.yaml", "service.yaml", "nodes.yaml", "rbac.yaml"],
            key,
        ),
        ("docker", "dockerfile") => file_or_none(&files, &["Dockerfile"], key),
        ("docker", "run") => file_or_none(&files, &["run.sh"], key),
        ("docker", "history") => docker_history(&files)?,
        ("dns", "dig-search" | "authoritative") => {
            crate::dns::ask(key, &which)?.unwrap_or_default()
        }
        ("dns", "zone") => file_or_none(&files, &["hosted-zone.json"], key),
        ("dns", "records") => file_or_none(&files, &["record-sets.json"], key),
        ("dns", "resolv") => file_or_none(&files, &["resolv.conf"], key),
        ("dns", "change") => file_or_none(&files, &["change-batch.json", "change.txt"], key),
        ("dns", "instance") => file_or_none(&files, &["instance.json"], key),
        ("vpc", "instance") => file_or_none(&files, &["describe-instances.json"], key),
        ("vpc", "security-groups") => file_or_none(&files, &["describe-security-groups.json"], key),
        ("vpc", "nacl") => file_or_none(&files, &["describe-network-acls.json"], key),
        ("vpc", "routes") => file_or_none(&files, &["describe-route-tables.json"], key),
        ("vpc", "endpoints") => file_or_none(
            &files,
            &["describe-vpc-endpoints.json", "prefix-list-entries.json"],
            key,
        ),
        ("vpc", "flow-logs") => file_or_none(&files, &["flow-logs.txt"], key),
        ("elb", "access-logs") => file_or_none(&files, &["access.log"], key),
        ("elb", "attributes") => {
            file_or_none(&files, &["describe-load-balancer-attributes.json"], key)
        }
        ("elb", "target-groups") => file_or_none(&files, &["describe-target-groups.json"], key),
        ("elb", "target-health") => file_or_none(&files, &["describe-target-health.json"], key),
        ("elb", "target-config") => file_or_none(&files, &["target-config.txt"], key),
        ("elb", "app-logs") => file_or_none(&files, &["app.log"], key),
        ("iam", other) => crate::iam::evidence(&files, other)?,
        ("linux", other) => crate::linux::evidence(&files, other)?,
        _ => file_or_none(&files, &[], key),
    };
    let title = evidence_catalogue(&key.kind)?
        .into_iter()
        .find(|i| i.key == which)
        .map(|i| i.title)
        .unwrap_or_default();
    Ok(Evidence {
        key: which,
        title,
        text,
    })
}

/// Compares the evidence asked for (catalogue keys or free words) with the expert's path.
pub fn debrief(key: &AnswerKey, asked: &[String]) -> Debrief {
    let mut taken: Vec<String> = Vec::new();
    for a in asked {
        let k = resolve_evidence(&key.kind, a).unwrap_or_else(|_| a.clone());
        if !taken.contains(&k) {
            taken.push(k);
        }
    }
    let mut expert: Vec<String> = Vec::new();
    if let Ok(c) = catalogue() {
        for cause in &key.causes {
            for step in c.expert.get(cause).into_iter().flatten() {
                if !expert.contains(step) {
                    expert.push(step.clone());
                }
            }
        }
    }
    Debrief {
        missed: expert
            .iter()
            .filter(|e| !taken.contains(e))
            .cloned()
            .collect(),
        extra: taken
            .iter()
            .filter(|t| !expert.contains(t))
            .cloned()
            .collect(),
        asked: taken,
        expert,
    }
}

fn regenerate(key: &AnswerKey) -> Result<Vec<LabFile>, LabError> {
    let now = OffsetDateTime::parse(&key.now, &Rfc3339).map_err(|e| LabError::BadArtifact {
        path: "answer key".to_string(),
        message: e.to_string(),
    })?;
    let lab = crate::generate(&LabRequest {
        kind: key.kind.clone(),
        fault: key.causes.first().cloned(),
        seed: key.seed,
        difficulty: key.difficulty,
        lang: Lang::En,
        now,
    })?;
    Ok(lab.files)
}

fn text<'a>(files: &'a [LabFile], path: &str) -> Option<&'a str> {
    files
        .iter()
        .find(|f| f.path == path || f.path.ends_with(&format!("/{path}")))
        .and_then(|f| std::str::from_utf8(&f.contents).ok())
}

fn file_or_none(files: &[LabFile], paths: &[&str], key: &AnswerKey) -> String {
    let found: Vec<String> = paths
        .iter()
        .filter_map(|p| text(files, p).map(|t| format!("# {p}\n{}", t.trim_end())))
        .collect();
    if found.is_empty() {
        let ns = key
            .context
            .get("namespace")
            .map_or("default", String::as_str);
        format!("No resources found in {ns} namespace.")
    } else {
        found.join("\n\n")
    }
}

fn artifact(path: &str, message: impl Into<String>) -> LabError {
    LabError::BadArtifact {
        path: path.to_string(),
        message: message.into(),
    }
}

fn logs(key: &AnswerKey, files: &[LabFile]) -> Result<String, LabError> {
    let c = catalogue()?;
    let codes = crate::diagnose(files).unwrap_or_else(|_| key.causes.clone());
    let mut ctx = key.context.clone();
    ctx.insert("now".to_string(), key.now.clone());
    let lines: Vec<String> = codes
        .iter()
        .filter_map(|code| c.logs.get(code))
        .map(|l| format!("{} {}", key.now, fill(l, &ctx)))
        .collect();
    Ok(if lines.is_empty() {
        format!("{} (no errors logged)", key.now)
    } else {
        lines.join("\n")
    })
}

fn jwt_json(files: &[LabFile], part: usize) -> Result<serde_json::Value, LabError> {
    let token = text(files, "token.txt").ok_or_else(|| artifact("token.txt", "missing"))?;
    let seg = token
        .trim()
        .split('.')
        .nth(part)
        .ok_or_else(|| artifact("token.txt", "not a compact JWT"))?;
    let bytes = b64url_decode(seg).ok_or_else(|| artifact("token.txt", "not base64url"))?;
    serde_json::from_slice(&bytes).map_err(|e| artifact("token.txt", e.to_string()))
}

fn jwt_part(files: &[LabFile], part: usize) -> Result<String, LabError> {
    let mut v = jwt_json(files, part)?;
    if let Some(obj) = v.as_object_mut() {
        for claim in ["exp", "nbf", "iat"] {
            if let Some(secs) = obj.get(claim).and_then(serde_json::Value::as_i64)
                && let Ok(t) = OffsetDateTime::from_unix_timestamp(secs)
            {
                obj.insert(
                    format!("{claim} (UTC)"),
                    serde_json::Value::String(rfc3339(t)?),
                );
            }
        }
    }
    serde_json::to_string_pretty(&v).map_err(|e| artifact("token.txt", e.to_string()))
}

fn jwks(files: &[LabFile]) -> Result<String, LabError> {
    let raw = text(files, "jwks.json").ok_or_else(|| artifact("jwks.json", "missing"))?;
    let v: serde_json::Value =
        serde_json::from_str(raw).map_err(|e| artifact("jwks.json", e.to_string()))?;
    let keys = v["keys"].as_array().cloned().unwrap_or_default();
    let field = |k: &serde_json::Value, f: &str| k[f].as_str().unwrap_or("-").to_string();
    let mut out = format!("{} key(s)\n", keys.len());
    for k in &keys {
        out.push_str(&format!(
            "kid={} kty={} alg={} use={} crv={}\n",
            field(k, "kid"),
            field(k, "kty"),
            field(k, "alg"),
            field(k, "use"),
            field(k, "crv")
        ));
    }
    Ok(out)
}

fn idp_logs(files: &[LabFile]) -> Result<String, LabError> {
    let header = jwt_json(files, 0)?;
    let claims = jwt_json(files, 1)?;
    let s = |v: &serde_json::Value, f: &str| match &v[f] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "-".to_string(),
        other => other.to_string(),
    };
    let issued = claims["iat"]
        .as_i64()
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .map(rfc3339)
        .transpose()?
        .unwrap_or_else(|| "-".to_string());
    Ok(format!(
        "{issued} token issued sub={} iss={} aud={} alg={} kid={} exp={}",
        s(&claims, "sub"),
        s(&claims, "iss"),
        s(&claims, "aud"),
        s(&header, "alg"),
        s(&header, "kid"),
        s(&claims, "exp"),
    ))
}

fn pem_certs(files: &[LabFile], path: &str) -> Result<Vec<Vec<u8>>, LabError> {
    let raw = text(files, path).ok_or_else(|| artifact(path, "missing"))?;
    crate::pki::pem_ders(path, raw)
}

fn describe_cert(der: &[u8], path: &str) -> Result<String, LabError> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(der).map_err(|e| artifact(path, e.to_string()))?;
    let v = cert.validity();
    let mut out = format!(
        "subject={}\nissuer={}\nnotBefore={}\nnotAfter={}\n",
        cert.subject(),
        cert.issuer(),
        v.not_before,
        v.not_after
    );
    let alg = match cert.public_key().parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(k)) => format!("RSA {} bit", k.key_size()),
        Ok(x509_parser::public_key::PublicKey::EC(p)) => format!("EC {} bit", p.key_size()),
        _ => match cert
            .public_key()
            .algorithm
            .algorithm
            .to_id_string()
            .as_str()
        {
            "1.3.101.112" => "Ed25519".to_string(),
            other => other.to_string(),
        },
    };
    out.push_str(&format!("public key={alg}\n"));
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        let names: Vec<String> = san
            .value
            .general_names
            .iter()
            .map(|n| n.to_string())
            .collect();
        out.push_str(&format!("subjectAltName={}\n", names.join(", ")));
    }
    if let Ok(Some(eku)) = cert.extended_key_usage() {
        let mut uses = Vec::new();
        if eku.value.server_auth {
            uses.push("serverAuth");
        }
        if eku.value.client_auth {
            uses.push("clientAuth");
        }
        out.push_str(&format!("extendedKeyUsage={}\n", uses.join(", ")));
    }
    Ok(out)
}

fn certs(files: &[LabFile], path: &str) -> Result<String, LabError> {
    let ders = pem_certs(files, path)?;
    let mut out = Vec::new();
    for (i, der) in ders.iter().enumerate() {
        out.push(format!("[{i}]\n{}", describe_cert(der, path)?));
    }
    Ok(out.join("\n"))
}

fn s_client(key: &AnswerKey, files: &[LabFile]) -> Result<String, LabError> {
    let host = key.context.get("hostname").cloned().unwrap_or_default();
    let ders = pem_certs(files, "chain.pem")?;
    let mut out = format!(
        "CONNECTED(00000003)\n---\nCertificate chain (openssl s_client -connect {host}:443 -servername {host})\n"
    );
    for (i, der) in ders.iter().enumerate() {
        let (_, cert) = x509_parser::parse_x509_certificate(der)
            .map_err(|e| artifact("chain.pem", e.to_string()))?;
        out.push_str(&format!(
            " {i} s:{}\n   i:{}\n   v:NotBefore: {}; NotAfter: {}\n",
            cert.subject(),
            cert.issuer(),
            cert.validity().not_before,
            cert.validity().not_after
        ));
    }
    out.push_str("---\n");
    out.push_str(&logs(key, files)?);
    out.push('\n');
    Ok(out)
}

fn digests(files: &[LabFile]) -> Result<String, LabError> {
    let ders = pem_certs(files, "chain.pem")?;
    let leaf = ders
        .first()
        .ok_or_else(|| artifact("chain.pem", "no certificate"))?;
    let (_, cert) = x509_parser::parse_x509_certificate(leaf)
        .map_err(|e| artifact("chain.pem", e.to_string()))?;
    let hex = |b: &[u8]| -> String {
        Sha256::digest(b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect()
    };
    let cert_spki = hex(cert.public_key().raw);
    let key_spki =
        hex(&crate::pki::server_key_spki(files).map_err(|e| artifact("key.pem", e.to_string()))?);
    Ok(format!(
        "$ openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform der | sha256sum\n{cert_spki}  -\n$ openssl pkey -in their-key.pem -pubout -outform der | sha256sum\n{key_spki}  -\n{}\n",
        if cert_spki == key_spki {
            "(the digests are equal)"
        } else {
            "(the digests differ)"
        }
    ))
}

fn docker_history(files: &[LabFile]) -> Result<String, LabError> {
    let df = text(files, "Dockerfile").ok_or_else(|| artifact("Dockerfile", "missing"))?;
    let mut steps: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in df.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(head) = l.strip_suffix('\\') {
            cur.push_str(head.trim_end());
            cur.push(' ');
            continue;
        }
        cur.push_str(l);
        steps.push(std::mem::take(&mut cur));
    }
    let mut out = String::from(
        "IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT\n",
    );
    let n = steps.len();
    for (i, step) in steps.iter().enumerate().rev() {
        let (instr, rest) = step.split_once(' ').unwrap_or((step.as_str(), ""));
        let instr = instr.to_uppercase();
        if instr == "FROM" {
            out.push_str(&format!(
                "<missing>      2 weeks ago     # base image {rest}\n"
            ));
            continue;
        }
        let by = match instr.as_str() {
            "RUN" => format!("RUN /bin/sh -c {rest} # buildkit"),
            "COPY" | "ADD" => format!("{instr} {rest} # buildkit"),
            _ => format!("{instr} {rest}"),
        };
        let size = if matches!(instr.as_str(), "RUN" | "COPY" | "ADD") {
            format!("{}MB", 1 + (i * 37) % 90)
        } else {
            "0B".to_string()
        };
        let id = if i + 1 == n {
            "sha256:3f1c9a"
        } else {
            "<missing>"
        };
        out.push_str(&format!(
            "{id:<14} {:<15} {by:<47} {size:<9} buildkit.dockerfile.v0\n",
            format!("{} minutes ago", n - i)
        ));
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_and_every_fault_has_an_expert_path_and_a_log() {
        let c = catalogue().unwrap();
        for kind in crate::KINDS {
            let items = evidence_catalogue(kind).unwrap();
            for code in crate::faults_of(kind).unwrap() {
                let path = c.expert.get(*code).unwrap();
                assert!(!path.is_empty(), "{code}");
                for step in path {
                    assert!(items.iter().any(|i| &i.key == step), "{code}: {step}");
                }
                assert!(c.logs.contains_key(*code), "{code}: no log line");
            }
        }
    }

    #[test]
    fn words_resolve_to_keys() {
        assert_eq!(
            resolve_evidence("k8s", "kubectl describe").unwrap(),
            "describe"
        );
        assert_eq!(resolve_evidence("k8s", "Events").unwrap(), "events");
        assert_eq!(
            resolve_evidence("pki", "openssl s_client").unwrap(),
            "s_client"
        );
        assert_eq!(resolve_evidence("jwt", "토큰 헤더").unwrap(), "header");
        let e = resolve_evidence("jwt", "the weather").unwrap_err();
        assert!(e.to_string().contains("claims"), "{e}");
    }
}
