//! Small evaluators of Kubernetes rules that no Rust library decides: scheduler fit (taints
//! and tolerations, nodeSelector, required node affinity, resource requests), label selectors,
//! Service targetPort resolution, probe ports, the RollingUpdate validation, and RBAC rule
//! matching. Each follows the rules as the Kubernetes documentation states them, with unit
//! tests on the documentation's examples. They judge the k8s labs and write the messages the
//! real components print (scheduler events, API server errors), so the pasted output agrees
//! with the manifests.
//!
//! Simplifications (documented in docs/labs.md): free capacity is the node's allocatable (the
//! labs place no other pods), and an app listens exactly on its declared containerPorts.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::DeploymentStrategy;
use k8s_openapi::api::core::v1::{
    Container, Node, NodeSelector, NodeSelectorRequirement, PodSpec, Taint, Toleration,
};
use k8s_openapi::api::rbac::v1::{PolicyRule, Role, RoleBinding};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

pub(crate) type Labels = BTreeMap<String, String>;

/// A resource quantity in base units (cores, bytes): `250m`, `1.5`, `256Mi`, `1G`, `1e3`.
pub(crate) fn quantity(q: &str) -> Option<f64> {
    let q = q.trim();
    let suffixes: &[(&str, f64)] = &[
        ("Ki", 1024.0),
        ("Mi", 1024f64.powi(2)),
        ("Gi", 1024f64.powi(3)),
        ("Ti", 1024f64.powi(4)),
        ("Pi", 1024f64.powi(5)),
        ("Ei", 1024f64.powi(6)),
        ("n", 1e-9),
        ("u", 1e-6),
        ("m", 1e-3),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
        ("P", 1e15),
        ("E", 1e18),
    ];
    for (s, factor) in suffixes {
        if let Some(num) = q.strip_suffix(s) {
            return num.parse::<f64>().ok().map(|n| n * factor);
        }
    }
    q.parse::<f64>().ok()
}

/// A nodeSelector / node affinity requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt).
pub(crate) fn node_requirement(req: &NodeSelectorRequirement, labels: &Labels) -> bool {
    let values = req.values.as_deref().unwrap_or(&[]);
    let value = labels.get(&req.key);
    match req.operator.as_str() {
        "In" => value.is_some_and(|v| values.contains(v)),
        "NotIn" => value.is_none_or(|v| !values.contains(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(bound)) = (
                value.and_then(|v| v.parse::<i64>().ok()),
                values.first().and_then(|b| b.parse::<i64>().ok()),
            ) else {
                return false;
            };
            if req.operator == "Gt" {
                v > bound
            } else {
                v < bound
            }
        }
        _ => false,
    }
}

/// Required node affinity: terms are ORed, a term's expressions ANDed; an empty term matches
/// no node.
pub(crate) fn node_affinity(selector: &NodeSelector, labels: &Labels) -> bool {
    selector.node_selector_terms.iter().any(|term| {
        let exprs = term.match_expressions.as_deref().unwrap_or(&[]);
        !exprs.is_empty() && exprs.iter().all(|r| node_requirement(r, labels))
    })
}

/// Whether a toleration tolerates a taint: an empty effect matches every effect; an empty key
/// with `Exists` matches every taint; `Exists` ignores the value; `Equal` (the default)
/// compares values.
pub(crate) fn tolerates(tol: &Toleration, taint: &Taint) -> bool {
    let effect = tol.effect.as_deref().unwrap_or("");
    if !effect.is_empty() && effect != taint.effect {
        return false;
    }
    let key = tol.key.as_deref().unwrap_or("");
    let op = tol.operator.as_deref().unwrap_or("Equal");
    if key.is_empty() {
        return op == "Exists";
    }
    if key != taint.key {
        return false;
    }
    match op {
        "Exists" => true,
        "Equal" => tol.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        _ => false,
    }
}

/// Why a node cannot take a pod, in the scheduler's filter order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fit {
    Fits,
    Taint(String, String),
    Affinity,
    Insufficient(Vec<String>),
}

fn labels_of(node: &Node) -> Labels {
    node.metadata.labels.clone().unwrap_or_default()
}

pub(crate) fn untolerated<'a>(spec: &PodSpec, node: &'a Node) -> Option<&'a Taint> {
    let tolerations = spec.tolerations.as_deref().unwrap_or(&[]);
    node.spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .find(|t| !tolerations.iter().any(|tol| tolerates(tol, t)))
}

pub(crate) fn node_selector_ok(spec: &PodSpec, node: &Node) -> bool {
    let labels = labels_of(node);
    spec.node_selector
        .as_ref()
        .is_none_or(|sel| sel.iter().all(|(k, v)| labels.get(k) == Some(v)))
}

pub(crate) fn node_affinity_ok(spec: &PodSpec, node: &Node) -> bool {
    let labels = labels_of(node);
    spec.affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| {
            na.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .is_none_or(|sel| node_affinity(sel, &labels))
}

/// The pod's requests, summed over its containers.
pub(crate) fn requests(spec: &PodSpec) -> BTreeMap<String, f64> {
    let mut sum = BTreeMap::new();
    for c in &spec.containers {
        let reqs = c.resources.as_ref().and_then(|r| r.requests.as_ref());
        for (name, q) in reqs.into_iter().flatten() {
            *sum.entry(name.clone()).or_insert(0.0) += quantity(&q.0).unwrap_or(0.0);
        }
    }
    sum
}

pub(crate) fn insufficient(spec: &PodSpec, node: &Node) -> Vec<String> {
    let alloc = node.status.as_ref().and_then(|s| s.allocatable.as_ref());
    requests(spec)
        .into_iter()
        .filter(|(name, want)| {
            let have = alloc
                .and_then(|a| a.get(name))
                .and_then(|q| quantity(&q.0))
                .unwrap_or(0.0);
            *want > have
        })
        .map(|(name, _)| name)
        .collect()
}

pub(crate) fn fit(spec: &PodSpec, node: &Node) -> Fit {
    if let Some(t) = untolerated(spec, node) {
        return Fit::Taint(t.key.clone(), t.value.clone().unwrap_or_default());
    }
    if !node_selector_ok(spec, node) || !node_affinity_ok(spec, node) {
        return Fit::Affinity;
    }
    let short = insufficient(spec, node);
    if !short.is_empty() {
        return Fit::Insufficient(short);
    }
    Fit::Fits
}

/// The scheduler's FailedScheduling message, or None when some node fits.
pub(crate) fn scheduling_message(spec: &PodSpec, nodes: &[Node]) -> Option<String> {
    let fits: Vec<Fit> = nodes.iter().map(|n| fit(spec, n)).collect();
    if fits.contains(&Fit::Fits) {
        return None;
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in &fits {
        let reasons = match f {
            Fit::Taint(k, v) => vec![format!("node(s) had untolerated taint {{{k}: {v}}}")],
            Fit::Affinity => vec!["node(s) didn't match Pod's node affinity/selector".to_string()],
            Fit::Insufficient(names) => names.iter().map(|n| format!("Insufficient {n}")).collect(),
            Fit::Fits => Vec::new(),
        };
        for r in reasons {
            *counts.entry(r).or_insert(0) += 1;
        }
    }
    let n = nodes.len();
    let parts: Vec<String> = counts.iter().map(|(r, c)| format!("{c} {r}")).collect();
    let preemption = if fits.iter().any(|f| matches!(f, Fit::Insufficient(_))) {
        format!(
            "preemption: 0/{n} nodes are available: {n} No preemption victims found for incoming pod."
        )
    } else {
        format!(
            "preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling."
        )
    };
    Some(format!(
        "0/{n} nodes are available: {}. {preemption}",
        parts.join(", ")
    ))
}

/// A label selector: matchLabels and matchExpressions, all ANDed; an empty selector matches
/// everything.
pub(crate) fn label_selector(sel: &LabelSelector, labels: &Labels) -> bool {
    let by_labels = sel
        .match_labels
        .as_ref()
        .is_none_or(|m| m.iter().all(|(k, v)| labels.get(k) == Some(v)));
    let by_exprs = sel
        .match_expressions
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .all(|r| label_requirement(r, labels));
    by_labels && by_exprs
}

fn label_requirement(req: &LabelSelectorRequirement, labels: &Labels) -> bool {
    let values = req.values.as_deref().unwrap_or(&[]);
    let value = labels.get(&req.key);
    match req.operator.as_str() {
        "In" => value.is_some_and(|v| values.contains(v)),
        "NotIn" => value.is_none_or(|v| !values.contains(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        _ => false,
    }
}

/// A Service's equality selector; a Service without a selector selects no pods.
pub(crate) fn service_selects(selector: Option<&Labels>, labels: &Labels) -> bool {
    selector.is_some_and(|s| !s.is_empty() && s.iter().all(|(k, v)| labels.get(k) == Some(v)))
}

/// Resolving a port reference (Service targetPort, probe port) against a pod's containers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PortRef {
    /// Resolves to a port the app listens on.
    Open(i32),
    /// A named port that no container declares: no endpoint for this pod.
    NoSuchName(String),
    /// A number the app does not listen on: connections are refused.
    Closed(i32),
}

pub(crate) fn resolve_port(port: &IntOrString, containers: &[Container]) -> PortRef {
    let declared = containers
        .iter()
        .flat_map(|c| c.ports.as_deref().unwrap_or(&[]));
    match port {
        IntOrString::String(name) => declared
            .clone()
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .map(|p| PortRef::Open(p.container_port))
            .unwrap_or_else(|| PortRef::NoSuchName(name.clone())),
        IntOrString::Int(n) => {
            if declared.clone().any(|p| p.container_port == *n) {
                PortRef::Open(*n)
            } else {
                PortRef::Closed(*n)
            }
        }
    }
}

/// The API server's validation of a RollingUpdate: maxUnavailable may not be 0 when maxSurge
/// is 0 (percentages count by their number, as `getIntOrPercentValue` does).
pub(crate) fn rolling_update_error(strategy: Option<&DeploymentStrategy>) -> Option<String> {
    let ru = strategy?.rolling_update.as_ref()?;
    let value = |v: Option<&IntOrString>, default: i32| match v {
        None => default,
        Some(IntOrString::Int(n)) => *n,
        Some(IntOrString::String(s)) => s.trim_end_matches('%').parse().unwrap_or(-1),
    };
    let surge = value(ru.max_surge.as_ref(), 1);
    let unavailable = value(ru.max_unavailable.as_ref(), 1);
    (surge == 0 && unavailable == 0).then(|| {
        let shown = match &ru.max_unavailable {
            Some(IntOrString::String(s)) => format!("\"{s}\""),
            _ => "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}".to_string(),
        };
        format!("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: {shown}: may not be 0 when maxSurge is 0")
    })
}

/// One API request, as the authorizer sees it.
#[derive(Debug, Clone)]
pub(crate) struct Access {
    pub sa_namespace: String,
    pub sa_name: String,
    pub namespace: String,
    pub verb: String,
    pub group: String,
    pub resource: String,
    pub subresource: Option<String>,
    pub name: Option<String>,
}

impl Access {
    pub fn user(&self) -> String {
        format!(
            "system:serviceaccount:{}:{}",
            self.sa_namespace, self.sa_name
        )
    }

    /// The API server's Forbidden message.
    pub fn forbidden(&self) -> String {
        let res = match &self.subresource {
            Some(s) => format!("{}/{s}", self.resource),
            None => self.resource.clone(),
        };
        let named = self
            .name
            .as_ref()
            .map(|n| format!(" \"{n}\""))
            .unwrap_or_default();
        format!(
            "{}{named} is forbidden: User \"{}\" cannot {} resource \"{res}\" in API group \"{}\" in the namespace \"{}\"",
            self.resource,
            self.user(),
            self.verb,
            self.group,
            self.namespace
        )
    }
}

/// Whether one rule allows the access: verbs, apiGroups, resources (with `*` and
/// `resource/subresource`) and resourceNames (empty means all names).
pub(crate) fn rule_allows(rule: &PolicyRule, a: &Access) -> bool {
    let has = |list: Option<&Vec<String>>, v: &str| {
        list.is_some_and(|l| l.iter().any(|x| x == "*" || x == v))
    };
    let resource = match &a.subresource {
        Some(s) => format!("{}/{s}", a.resource),
        None => a.resource.clone(),
    };
    let resource_ok = rule.resources.as_ref().is_some_and(|l| {
        l.iter().any(|r| {
            r == "*"
                || *r == resource
                || a.subresource
                    .as_ref()
                    .is_some_and(|s| *r == format!("*/{s}"))
        })
    });
    let names_ok = match rule.resource_names.as_deref() {
        None | Some([]) => true,
        Some(names) => a.name.as_ref().is_some_and(|n| names.contains(n)),
    };
    (rule.verbs.iter().any(|v| v == "*" || *v == a.verb))
        && has(rule.api_groups.as_ref(), &a.group)
        && resource_ok
        && names_ok
}

/// Namespaced RBAC: a RoleBinding in the access's namespace whose subjects include the
/// service account (by name, or the `system:serviceaccounts[:ns]` groups) and whose Role
/// has an allowing rule.
pub(crate) fn authorize(a: &Access, roles: &[Role], bindings: &[RoleBinding]) -> bool {
    bindings
        .iter()
        .filter(|b| b.metadata.namespace.as_deref() == Some(a.namespace.as_str()))
        .filter(|b| {
            b.subjects
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .any(|s| match s.kind.as_str() {
                    "ServiceAccount" => {
                        s.name == a.sa_name
                            && s.namespace.as_deref().unwrap_or(a.namespace.as_str())
                                == a.sa_namespace
                    }
                    "Group" => {
                        s.name == "system:serviceaccounts"
                            || s.name == format!("system:serviceaccounts:{}", a.sa_namespace)
                    }
                    "User" => s.name == a.user(),
                    _ => false,
                })
        })
        .filter(|b| b.role_ref.kind == "Role")
        .filter_map(|b| {
            roles.iter().find(|r| {
                r.metadata.name.as_deref() == Some(b.role_ref.name.as_str())
                    && r.metadata.namespace == b.metadata.namespace
            })
        })
        .any(|r| {
            r.rules
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .any(|rule| rule_allows(rule, a))
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{ContainerPort, NodeSelectorTerm};

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: (!values.is_empty()).then(|| values.iter().map(|v| v.to_string()).collect()),
        }
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("250m"), Some(0.25));
        assert_eq!(quantity("2"), Some(2.0));
        assert_eq!(quantity("128Mi"), Some(134_217_728.0));
        assert_eq!(quantity("1G"), Some(1e9));
        assert_eq!(quantity("1e3"), Some(1000.0));
        assert_eq!(quantity("bogus"), None);
    }

    #[test]
    fn node_affinity_docs_example() {
        // The docs' example: zone In [antarctica-east1, antarctica-west1].
        let sel = NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_expressions: Some(vec![req(
                    "topology.kubernetes.io/zone",
                    "In",
                    &["antarctica-east1", "antarctica-west1"],
                )]),
                match_fields: None,
            }],
        };
        assert!(node_affinity(
            &sel,
            &labels(&[("topology.kubernetes.io/zone", "antarctica-west1")])
        ));
        assert!(!node_affinity(
            &sel,
            &labels(&[("topology.kubernetes.io/zone", "us-east-1a")])
        ));
        assert!(!node_affinity(&sel, &labels(&[])));
        let l = labels(&[("gpu", "2"), ("disk", "ssd")]);
        assert!(node_requirement(&req("gpu", "Gt", &["1"]), &l));
        assert!(!node_requirement(&req("gpu", "Lt", &["2"]), &l));
        assert!(node_requirement(&req("disk", "NotIn", &["hdd"]), &l));
        assert!(
            node_requirement(&req("zone", "NotIn", &["a"]), &l),
            "NotIn matches a missing key"
        );
        assert!(node_requirement(&req("zone", "DoesNotExist", &[]), &l));
        assert!(!node_requirement(&req("disk", "DoesNotExist", &[]), &l));
        assert!(node_requirement(&req("disk", "Exists", &[]), &l));
        let empty_term = NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm::default()],
        };
        assert!(
            !node_affinity(&empty_term, &l),
            "an empty term matches no node"
        );
    }

    fn tol(
        key: Option<&str>,
        op: Option<&str>,
        value: Option<&str>,
        effect: Option<&str>,
    ) -> Toleration {
        Toleration {
            key: key.map(String::from),
            operator: op.map(String::from),
            value: value.map(String::from),
            effect: effect.map(String::from),
            toleration_seconds: None,
        }
    }

    #[test]
    fn tolerations_docs_examples() {
        // `kubectl taint nodes node1 key1=value1:NoSchedule` and the docs' two tolerations.
        let taint = Taint {
            key: "key1".into(),
            value: Some("value1".into()),
            effect: "NoSchedule".into(),
            time_added: None,
        };
        assert!(tolerates(
            &tol(
                Some("key1"),
                Some("Equal"),
                Some("value1"),
                Some("NoSchedule")
            ),
            &taint
        ));
        assert!(tolerates(
            &tol(Some("key1"), Some("Exists"), None, Some("NoSchedule")),
            &taint
        ));
        assert!(
            tolerates(&tol(Some("key1"), None, Some("value1"), None), &taint),
            "Equal is the default, empty effect matches all"
        );
        assert!(!tolerates(
            &tol(
                Some("key1"),
                Some("Equal"),
                Some("value2"),
                Some("NoSchedule")
            ),
            &taint
        ));
        assert!(!tolerates(
            &tol(
                Some("key1"),
                Some("Equal"),
                Some("value1"),
                Some("NoExecute")
            ),
            &taint
        ));
        assert!(
            tolerates(&tol(None, Some("Exists"), None, None), &taint),
            "empty key + Exists tolerates everything"
        );
        assert!(!tolerates(&tol(None, Some("Equal"), None, None), &taint));
    }

    #[test]
    fn label_selectors() {
        let sel = LabelSelector {
            match_labels: Some([("app".to_string(), "web".to_string())].into()),
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "tier".into(),
                operator: "In".into(),
                values: Some(vec!["frontend".into()]),
            }]),
        };
        assert!(label_selector(
            &sel,
            &labels(&[("app", "web"), ("tier", "frontend")])
        ));
        assert!(!label_selector(
            &sel,
            &labels(&[("app", "web"), ("tier", "backend")])
        ));
        assert!(label_selector(&LabelSelector::default(), &labels(&[])));
        assert!(!service_selects(None, &labels(&[("app", "web")])));
        assert!(service_selects(
            Some(&labels(&[("app", "web")])),
            &labels(&[("app", "web"), ("x", "y")])
        ));
        assert!(!service_selects(
            Some(&labels(&[("app", "web")])),
            &labels(&[("app", "api")])
        ));
    }

    #[test]
    fn ports() {
        let c = Container {
            name: "app".into(),
            ports: Some(vec![ContainerPort {
                container_port: 8080,
                name: Some("http".into()),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let cs = [c];
        assert_eq!(
            resolve_port(&IntOrString::String("http".into()), &cs),
            PortRef::Open(8080)
        );
        assert_eq!(
            resolve_port(&IntOrString::String("web".into()), &cs),
            PortRef::NoSuchName("web".into())
        );
        assert_eq!(
            resolve_port(&IntOrString::Int(8080), &cs),
            PortRef::Open(8080)
        );
        assert_eq!(
            resolve_port(&IntOrString::Int(80), &cs),
            PortRef::Closed(80)
        );
    }

    #[test]
    fn rolling_update_validation() {
        use k8s_openapi::api::apps::v1::RollingUpdateDeployment;
        let s = |surge: IntOrString, unavailable: IntOrString| DeploymentStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(RollingUpdateDeployment {
                max_surge: Some(surge),
                max_unavailable: Some(unavailable),
            }),
        };
        assert!(rolling_update_error(Some(&s(IntOrString::Int(0), IntOrString::Int(0)))).is_some());
        assert!(
            rolling_update_error(Some(&s(
                IntOrString::String("0%".into()),
                IntOrString::String("0%".into())
            )))
            .is_some()
        );
        assert!(rolling_update_error(Some(&s(IntOrString::Int(1), IntOrString::Int(0)))).is_none());
        assert!(
            rolling_update_error(Some(&s(
                IntOrString::Int(0),
                IntOrString::String("25%".into())
            )))
            .is_none()
        );
        assert!(rolling_update_error(None).is_none());
    }

    #[test]
    fn rbac_docs_examples() {
        // The docs' "pod-reader" Role: get, watch, list pods in "default".
        let rule = PolicyRule {
            api_groups: Some(vec!["".into()]),
            resources: Some(vec!["pods".into()]),
            verbs: vec!["get".into(), "watch".into(), "list".into()],
            ..Default::default()
        };
        let a =
            |verb: &str, group: &str, res: &str, sub: Option<&str>, name: Option<&str>| Access {
                sa_namespace: "default".into(),
                sa_name: "reader".into(),
                namespace: "default".into(),
                verb: verb.into(),
                group: group.into(),
                resource: res.into(),
                subresource: sub.map(String::from),
                name: name.map(String::from),
            };
        assert!(rule_allows(&rule, &a("list", "", "pods", None, None)));
        assert!(!rule_allows(&rule, &a("delete", "", "pods", None, None)));
        assert!(!rule_allows(&rule, &a("list", "apps", "pods", None, None)));
        assert!(
            !rule_allows(&rule, &a("get", "", "pods", Some("log"), None)),
            "pods does not cover pods/log"
        );
        // The docs' resourceNames example: configmap "my-configmap", update and get.
        let named = PolicyRule {
            api_groups: Some(vec!["".into()]),
            resources: Some(vec!["configmaps".into()]),
            resource_names: Some(vec!["my-configmap".into()]),
            verbs: vec!["update".into(), "get".into()],
            ..Default::default()
        };
        assert!(rule_allows(
            &named,
            &a("get", "", "configmaps", None, Some("my-configmap"))
        ));
        assert!(!rule_allows(
            &named,
            &a("get", "", "configmaps", None, Some("other"))
        ));
        assert!(!rule_allows(
            &named,
            &a("list", "", "configmaps", None, None)
        ));
        let wild = PolicyRule {
            api_groups: Some(vec!["*".into()]),
            resources: Some(vec!["*/scale".into()]),
            verbs: vec!["*".into()],
            ..Default::default()
        };
        assert!(rule_allows(
            &wild,
            &a("update", "apps", "deployments", Some("scale"), None)
        ));
        assert!(!rule_allows(
            &wild,
            &a("update", "apps", "deployments", None, None)
        ));
        let msg = a("list", "", "pods", None, None).forbidden();
        assert_eq!(
            msg,
            "pods is forbidden: User \"system:serviceaccount:default:reader\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""
        );
    }
}
