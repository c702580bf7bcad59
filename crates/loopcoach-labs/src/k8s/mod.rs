//! Kubernetes labs: manifests built as k8s-openapi objects and written with serde_yaml_ng,
//! plus the `kubectl describe` / `get events` output the customer pasted. Four scenarios:
//! a Pod stuck Pending (scheduler fit), a Service without working endpoints, a rollout that
//! cannot proceed, and an RBAC Forbidden. The pasted messages come from the rule evaluators
//! in [`rules`], so they say what the manifests imply.
//!
//! [`diagnose`] re-reads the manifests and applies the same rules, each independently, so a
//! difficulty-3 lab with two Pending causes reports both.

mod pending;
mod render;
pub(crate) mod rules;
mod service;
mod workload;

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{
    Deployment, DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment,
};
use k8s_openapi::api::core::v1::{
    Affinity, Container, ContainerPort, HTTPGetAction, Node, NodeAffinity, NodeSelector,
    NodeSelectorRequirement, NodeSelectorTerm, NodeSpec, NodeStatus, Pod, PodCondition, PodSpec,
    PodStatus, PodTemplateSpec, Probe, ResourceRequirements, Service, ServiceAccount, ServicePort,
    ServiceSpec, Taint, Toleration,
};
use k8s_openapi::api::rbac::v1::{PolicyRule, Role, RoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;
use serde::de::DeserializeOwned;

use crate::common::{Built, LabInfo, Spec, bad, pick, range, text, yaml};
use crate::{LabError, LabFile};
use rules::{Access, PortRef};

pub(crate) const FAULTS: &[&str] = &[
    "k8s/node-selector-unsatisfiable",
    "k8s/node-affinity-unsatisfiable",
    "k8s/untolerated-taint",
    "k8s/insufficient-resources",
    "k8s/selector-mismatch",
    "k8s/wrong-target-port",
    "k8s/surge-and-unavailable-zero",
    "k8s/readiness-probe-failing",
    "k8s/rbac-forbidden",
];

const PENDING: &[&str] = &[
    "k8s/node-selector-unsatisfiable",
    "k8s/node-affinity-unsatisfiable",
    "k8s/untolerated-taint",
    "k8s/insufficient-resources",
];

const NAMESPACES: &[&str] = &["shop", "payments", "orders", "search", "member"];
const APPS: &[&str] = &["web", "api", "checkout", "catalog", "gateway"];
const ZONES: &[&str] = &["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"];
const PORT: i32 = 8080;

pub(crate) fn second_cause(primary: &str, rng: &mut ChaCha20Rng) -> Option<&'static str> {
    if !PENDING.contains(&primary) {
        return None;
    }
    let others: Vec<&'static str> = PENDING.iter().copied().filter(|c| *c != primary).collect();
    Some(*pick(rng, &others))
}

fn l(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn meta(name: &str, namespace: Option<&str>, labels: BTreeMap<String, String>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: namespace.map(str::to_string),
        labels: (!labels.is_empty()).then_some(labels),
        ..Default::default()
    }
}

fn hash(rng: &mut ChaCha20Rng, n: usize) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    (0..n)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

fn q(map: &[(&str, &str)]) -> BTreeMap<String, Quantity> {
    map.iter()
        .map(|(k, v)| (k.to_string(), Quantity(v.to_string())))
        .collect()
}

/// The names every scenario shares.
struct Case {
    ns: String,
    app: String,
    image: String,
    rs: String,
    pods: Vec<String>,
    ips: Vec<String>,
}

fn case(spec: &Spec) -> Case {
    let mut r = spec.rng("names");
    let ns = pick(&mut r, NAMESPACES).to_string();
    let app = pick(&mut r, APPS).to_string();
    let minor = range(&mut r, 3, 40);
    let rs = format!("{app}-{}", hash(&mut r, 9));
    let pods = (0..3)
        .map(|_| format!("{rs}-{}", hash(&mut r, 5)))
        .collect();
    let ips = (0..3)
        .map(|i| {
            format!(
                "10.0.{}.{}",
                1 + i * 16 + range(&mut r, 0, 15),
                range(&mut r, 10, 250)
            )
        })
        .collect();
    Case {
        image: format!("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/{app}:1.{minor}.0"),
        ns,
        app,
        rs,
        pods,
        ips,
    }
}

fn container(c: &Case) -> Container {
    Container {
        name: c.app.clone(),
        image: Some(c.image.clone()),
        ports: Some(vec![ContainerPort {
            container_port: PORT,
            name: Some("http".into()),
            protocol: Some("TCP".into()),
            ..Default::default()
        }]),
        resources: Some(ResourceRequirements {
            requests: Some(q(&[("cpu", "250m"), ("memory", "256Mi")])),
            limits: Some(q(&[("memory", "512Mi")])),
            ..Default::default()
        }),
        readiness_probe: Some(Probe {
            http_get: Some(HTTPGetAction {
                path: Some("/healthz".into()),
                port: IntOrString::String("http".into()),
                ..Default::default()
            }),
            period_seconds: Some(10),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn deployment(c: &Case, pod: PodSpec, strategy: Option<DeploymentStrategy>) -> Deployment {
    let labels = l(&[("app", &c.app)]);
    Deployment {
        metadata: meta(&c.app, Some(&c.ns), labels.clone()),
        spec: Some(DeploymentSpec {
            replicas: Some(3),
            selector: LabelSelector {
                match_labels: Some(labels.clone()),
                ..Default::default()
            },
            strategy: Some(strategy.unwrap_or_else(|| {
                rolling(
                    IntOrString::String("25%".into()),
                    IntOrString::String("25%".into()),
                )
            })),
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels),
                    ..Default::default()
                }),
                spec: Some(pod),
            },
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn rolling(surge: IntOrString, unavailable: IntOrString) -> DeploymentStrategy {
    DeploymentStrategy {
        type_: Some("RollingUpdate".into()),
        rolling_update: Some(RollingUpdateDeployment {
            max_surge: Some(surge),
            max_unavailable: Some(unavailable),
        }),
    }
}

fn pod_objects(
    spec: &Spec,
    c: &Case,
    pod: &PodSpec,
    labels: &BTreeMap<String, String>,
    ready: bool,
) -> Vec<Pod> {
    c.pods
        .iter()
        .zip(&c.ips)
        .map(|(name, ip)| {
            let mut lb = labels.clone();
            lb.insert(
                "pod-template-hash".into(),
                c.rs.trim_start_matches(&format!("{}-", c.app)).to_string(),
            );
            Pod {
                metadata: meta(name, Some(&c.ns), lb),
                spec: Some(pod.clone()),
                status: Some(PodStatus {
                    phase: Some("Running".into()),
                    pod_ip: Some(ip.clone()),
                    start_time: Some(render::start_time(spec.now, 3 * 3600)),
                    conditions: Some(vec![PodCondition {
                        type_: "Ready".into(),
                        status: if ready { "True" } else { "False" }.into(),
                        ..Default::default()
                    }]),
                    ..Default::default()
                }),
            }
        })
        .collect()
}

fn multi_doc(docs: &[String]) -> String {
    docs.join("---\n")
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let c = case(spec);
    let primary = spec.causes.first().map(String::as_str).unwrap_or("");
    let mut built = Built::default();
    built.set_public("namespace", c.ns.clone());
    built.set("app", c.app.clone());
    built.set("pod", c.pods[0].clone());
    if PENDING.contains(&primary) {
        pending::pending(spec, &c, &mut built)?;
    } else if primary == "k8s/selector-mismatch" || primary == "k8s/wrong-target-port" {
        service::service(spec, &c, &mut built)?;
    } else if primary == "k8s/rbac-forbidden" {
        workload::rbac(spec, &c, &mut built)?;
    } else {
        workload::rollout(spec, &c, &mut built)?;
    }
    Ok(built)
}

fn docs<T: DeserializeOwned>(files: &[LabFile], path: &str) -> Result<Vec<T>, LabError> {
    let raw = text(files, path)?;
    raw.split("\n---\n")
        .map(|d| {
            serde_yaml_ng::from_str::<T>(d.trim_start_matches("---\n"))
                .map_err(|e| bad(path)(e.to_string()))
        })
        .collect()
}

fn kind_docs<T: DeserializeOwned>(
    files: &[LabFile],
    path: &str,
    kind: &str,
) -> Result<Vec<T>, LabError> {
    let raw = text(files, path)?;
    raw.split("\n---\n")
        .filter(|d| d.lines().any(|line| line == format!("kind: {kind}")))
        .map(|d| serde_yaml_ng::from_str::<T>(d).map_err(|e| bad(path)(e.to_string())))
        .collect()
}

/// The validator: the rules applied to the manifests.
pub(crate) fn diagnose(files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    let deploy: Deployment = serde_yaml_ng::from_str(text(files, "deployment.yaml")?)
        .map_err(|e| bad("deployment.yaml")(e.to_string()))?;
    let dspec = deploy.spec.clone().unwrap_or_default();
    let template_labels = dspec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let pod = dspec.template.spec.clone().unwrap_or_default();
    if !rules::label_selector(&dspec.selector, &template_labels) {
        // The API server refuses such a Deployment; the labs never make one.
        return Err(bad("deployment.yaml")(
            "selector does not match template labels".into(),
        ));
    }
    let mut found = Vec::new();
    if text(files, "nodes.yaml").is_ok() {
        let nodes: Vec<Node> = docs(files, "nodes.yaml")?;
        if !nodes.iter().any(|n| rules::node_selector_ok(&pod, n)) {
            found.push("k8s/node-selector-unsatisfiable");
        }
        if !nodes.iter().any(|n| rules::node_affinity_ok(&pod, n)) {
            found.push("k8s/node-affinity-unsatisfiable");
        }
        if nodes.iter().all(|n| rules::untolerated(&pod, n).is_some()) {
            found.push("k8s/untolerated-taint");
        }
        if nodes
            .iter()
            .all(|n| !rules::insufficient(&pod, n).is_empty())
        {
            found.push("k8s/insufficient-resources");
        }
    }
    if let Ok(raw) = text(files, "service.yaml") {
        let svc: Service =
            serde_yaml_ng::from_str(raw).map_err(|e| bad("service.yaml")(e.to_string()))?;
        let s = svc.spec.unwrap_or_default();
        if !rules::service_selects(s.selector.as_ref(), &template_labels) {
            found.push("k8s/selector-mismatch");
        } else if let Some(port) = s.ports.as_ref().and_then(|p| p.first()) {
            let target = port
                .target_port
                .clone()
                .unwrap_or(IntOrString::Int(port.port));
            if !matches!(
                rules::resolve_port(&target, &pod.containers),
                PortRef::Open(_)
            ) {
                found.push("k8s/wrong-target-port");
            }
        }
    }
    if rules::rolling_update_error(dspec.strategy.as_ref()).is_some() {
        found.push("k8s/surge-and-unavailable-zero");
    }
    for c in &pod.containers {
        if let Some(port) = c
            .readiness_probe
            .as_ref()
            .and_then(|p| p.http_get.as_ref())
            .map(|h| &h.port)
            && !matches!(rules::resolve_port(port, &pod.containers), PortRef::Open(_))
        {
            found.push("k8s/readiness-probe-failing");
        }
    }
    if text(files, "rbac.yaml").is_ok() {
        let roles: Vec<Role> = kind_docs(files, "rbac.yaml", "Role")?;
        let bindings: Vec<RoleBinding> = kind_docs(files, "rbac.yaml", "RoleBinding")?;
        let ns = deploy.metadata.namespace.clone().unwrap_or_default();
        let sa = pod
            .service_account_name
            .clone()
            .unwrap_or_else(|| "default".into());
        for c in &pod.containers {
            let cmd: Vec<&str> = c
                .command
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .map(String::as_str)
                .collect();
            if cmd.first() == Some(&"kubectl")
                && workload::access_of(&ns, &sa, &cmd)
                    .iter()
                    .any(|a| !rules::authorize(a, &roles, &bindings))
            {
                found.push("k8s/rbac-forbidden");
            }
        }
    }
    Ok(found.into_iter().map(str::to_string).collect())
}

/// kubectl-style table layout, shared with the docker transcripts.
pub(crate) fn render_table(rows: &[Vec<String>]) -> String {
    render::table(rows)
}
