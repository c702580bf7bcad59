//! Kubernetes labs: manifests built as k8s-openapi objects and written with serde_yaml_ng,
//! plus the `kubectl describe` / `get events` output the customer pasted. Four scenarios:
//! a Pod stuck Pending (scheduler fit), a Service without working endpoints, a rollout that
//! cannot proceed, and an RBAC Forbidden. The pasted messages come from the rule evaluators
//! in [`rules`], so they say what the manifests imply.
//!
//! [`diagnose`] re-reads the manifests and applies the same rules, each independently, so a
//! difficulty-3 lab with two Pending causes reports both.

mod render;
pub(crate) mod rules;

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
    let pods = (0..3).map(|_| format!("{rs}-{}", hash(&mut r, 5))).collect();
    let ips = (0..3)
        .map(|i| format!("10.0.{}.{}", 1 + i * 16 + range(&mut r, 0, 15), range(&mut r, 10, 250)))
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
            strategy: Some(strategy.unwrap_or_else(|| rolling(IntOrString::String("25%".into()), IntOrString::String("25%".into())))),
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

fn pod_objects(spec: &Spec, c: &Case, pod: &PodSpec, labels: &BTreeMap<String, String>, ready: bool) -> Vec<Pod> {
    c.pods
        .iter()
        .zip(&c.ips)
        .map(|(name, ip)| {
            let mut lb = labels.clone();
            lb.insert("pod-template-hash".into(), c.rs.trim_start_matches(&format!("{}-", c.app)).to_string());
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
        pending(spec, &c, &mut built)?;
    } else if primary == "k8s/selector-mismatch" || primary == "k8s/wrong-target-port" {
        service(spec, &c, &mut built)?;
    } else if primary == "k8s/rbac-forbidden" {
        rbac(spec, &c, &mut built)?;
    } else {
        rollout(spec, &c, &mut built)?;
    }
    Ok(built)
}

fn nodes(spec: &Spec) -> Vec<Node> {
    let mut r = spec.rng("nodes");
    let mut out: Vec<Node> = ZONES
        .iter()
        .map(|zone| {
            let name = format!(
                "ip-10-0-{}-{}.ap-northeast-2.compute.internal",
                range(&mut r, 0, 63),
                range(&mut r, 4, 250)
            );
            let taints = spec
                .about("k8s/untolerated-taint")
                .then(|| vec![Taint { key: "dedicated".into(), value: Some("batch".into()), effect: "NoSchedule".into(), time_added: None }]);
            node(&name, zone, "ng-general", "m5.large", ("1930m", "7220Mi"), taints)
        })
        .collect();
    if spec.difficulty >= 2 {
        let name = format!("ip-10-0-{}-{}.ap-northeast-2.compute.internal", range(&mut r, 64, 95), range(&mut r, 4, 250));
        let taint = Taint { key: "nvidia.com/gpu".into(), value: Some("true".into()), effect: "NoSchedule".into(), time_added: None };
        out.push(node(&name, ZONES[0], "ng-gpu", "g5.xlarge", ("3920m", "14790Mi"), Some(vec![taint])));
    }
    out
}

fn node(name: &str, zone: &str, group: &str, itype: &str, (cpu, mem): (&str, &str), taints: Option<Vec<Taint>>) -> Node {
    let labels = l(&[
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("node.kubernetes.io/instance-type", itype),
        ("topology.kubernetes.io/zone", zone),
        ("eks.amazonaws.com/nodegroup", group),
    ]);
    Node {
        metadata: meta(name, None, labels),
        spec: Some(NodeSpec { taints, ..Default::default() }),
        status: Some(NodeStatus {
            allocatable: Some(q(&[("cpu", cpu), ("memory", mem), ("pods", "29")])),
            ..Default::default()
        }),
    }
}

fn zone_affinity(zones: &[&str]) -> Affinity {
    Affinity {
        node_affinity: Some(NodeAffinity {
            required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                node_selector_terms: vec![NodeSelectorTerm {
                    match_expressions: Some(vec![NodeSelectorRequirement {
                        key: "topology.kubernetes.io/zone".into(),
                        operator: "In".into(),
                        values: Some(zones.iter().map(|z| z.to_string()).collect()),
                    }]),
                    match_fields: None,
                }],
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn pending(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
    let mut ctr = container(c);
    let mut pod = PodSpec::default();
    let mut selector = l(&[("kubernetes.io/os", "linux")]);
    if spec.about("k8s/node-selector-unsatisfiable") {
        let group = if spec.has("k8s/node-selector-unsatisfiable") { format!("ng-{}", c.app) } else { "ng-general".to_string() };
        selector.insert("eks.amazonaws.com/nodegroup".into(), group);
    }
    pod.node_selector = Some(selector);
    if spec.has("k8s/node-affinity-unsatisfiable") {
        pod.affinity = Some(zone_affinity(&["ap-northeast-2d"]));
    } else if spec.about("k8s/node-affinity-unsatisfiable") || spec.difficulty >= 2 {
        pod.affinity = Some(zone_affinity(&[ZONES[0], ZONES[2]]));
    }
    if spec.about("k8s/untolerated-taint") {
        let value = if !spec.has("k8s/untolerated-taint") { Some("batch") } else if spec.difficulty >= 2 { Some("batch-jobs") } else { None };
        pod.tolerations = value.map(|v| vec![Toleration {
            key: Some("dedicated".into()),
            operator: Some("Equal".into()),
            value: Some(v.into()),
            effect: Some("NoSchedule".into()),
            toleration_seconds: None,
        }]);
    }
    if spec.has("k8s/insufficient-resources") {
        let mut r = spec.rng("resources");
        let (cpu, mem) = if r.next_u32() % 2 == 0 { ("4", "1Gi") } else { ("500m", "16Gi") };
        ctr.resources = Some(ResourceRequirements {
            requests: Some(q(&[("cpu", cpu), ("memory", mem)])),
            limits: Some(q(&[("memory", mem)])),
            ..Default::default()
        });
    }
    pod.containers = vec![ctr];
    let deploy = deployment(c, pod.clone(), None);
    let nodes = nodes(spec);
    let message = rules::scheduling_message(&pod, &nodes);

    let now = spec.now;
    let ago = |s: i64| now - time::Duration::seconds(s);
    let mut events = vec![
        render::event(&c.ns, "Deployment", &c.app, "Normal", "ScalingReplicaSet", format!("Scaled up replica set {} from 0 to 3", c.rs), ago(420), 1),
        render::event(&c.ns, "ReplicaSet", &c.rs, "Normal", "SuccessfulCreate", format!("Created pod: {}", c.pods[0]), ago(420), 1),
    ];
    if let Some(m) = &message {
        for p in &c.pods {
            events.push(render::event(&c.ns, "Pod", p, "Warning", "FailedScheduling", m.clone(), ago(45), 7));
        }
    } else {
        for (i, p) in c.pods.iter().enumerate() {
            events.push(render::event(&c.ns, "Pod", p, "Normal", "Scheduled", format!("Successfully assigned {}/{p} to {}", c.ns, nodes[i % 3].metadata.name.clone().unwrap_or_default()), ago(418), 1));
        }
    }
    noise(spec, c, &mut events);
    let describe = describe_pod(spec, c, &pod, message.is_none(), &events);
    built.file("deployment.yaml", yaml(&deploy)?);
    let docs = nodes.iter().map(yaml).collect::<Result<Vec<_>, _>>()?;
    built.file("nodes.yaml", multi_doc(&docs));
    built.file("describe.txt", describe);
    built.file("events.txt", render::events_table(&c.ns, now, &mut events));
    Ok(())
}

fn noise(spec: &Spec, c: &Case, events: &mut Vec<k8s_openapi::api::core::v1::Event>) {
    if spec.difficulty < 2 {
        return;
    }
    let mut r = spec.rng("noise");
    let other = format!("{}-worker-{}", c.ns, hash(&mut r, 5));
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    events.push(render::event(&c.ns, "Pod", &other, "Normal", "Pulled", "Container image \"public.ecr.aws/docker/library/redis:7.2\" already present on machine".into(), ago(900), 1));
    events.push(render::event(&c.ns, "Pod", &other, "Warning", "BackOff", "Back-off restarting failed container redis in pod".to_string() + " " + &other, ago(600), 12));
    if spec.difficulty >= 3 {
        events.push(render::event(&c.ns, "HorizontalPodAutoscaler", &c.app, "Warning", "FailedGetResourceMetric", "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API".into(), ago(240), 9));
    }
}

fn describe_pod(spec: &Spec, c: &Case, pod: &PodSpec, scheduled: bool, events: &[k8s_openapi::api::core::v1::Event]) -> String {
    let ctr = pod.containers.first().cloned().unwrap_or_default();
    let reqs = ctr.resources.as_ref().and_then(|r| r.requests.clone()).unwrap_or_default();
    let mut out = format!("$ kubectl describe pod {} -n {}\n", c.pods[0], c.ns);
    out.push_str(&format!("Name:             {}\nNamespace:        {}\nPriority:         0\nService Account:  default\n", c.pods[0], c.ns));
    out.push_str(&format!("Node:             {}\n", if scheduled { "ip-10-0-12-34.ap-northeast-2.compute.internal" } else { "<none>" }));
    out.push_str(&format!("Labels:           app={}\n", c.app));
    out.push_str(&format!("Status:           {}\n", if scheduled { "Running" } else { "Pending" }));
    out.push_str(&format!("Controlled By:    ReplicaSet/{}\nContainers:\n  {}:\n    Image:      {}\n    Port:       {PORT}/TCP\n    Requests:\n", c.rs, ctr.name, c.image));
    for (k, v) in &reqs {
        out.push_str(&format!("      {k}:     {}\n", v.0));
    }
    out.push_str(&format!("Conditions:\n  Type           Status\n  PodScheduled   {}\n", if scheduled { "True" } else { "False" }));
    let sel = pod.node_selector.clone().unwrap_or_default().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("\n                 ");
    out.push_str(&format!("Node-Selectors:  {sel}\n"));
    let mut tols: Vec<String> = pod.tolerations.as_deref().unwrap_or(&[]).iter().map(|t| format!("{}={}:{}", t.key.clone().unwrap_or_default(), t.value.clone().unwrap_or_default(), t.effect.clone().unwrap_or_default())).collect();
    tols.push("node.kubernetes.io/not-ready:NoExecute op=Exists for 300s".into());
    tols.push("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s".into());
    out.push_str(&format!("Tolerations:     {}\n", tols.join("\n                 ")));
    let mine: Vec<&k8s_openapi::api::core::v1::Event> = events.iter().filter(|e| e.involved_object.name.as_deref() == Some(c.pods[0].as_str())).collect();
    out.push_str(&render::describe_events(spec.now, &mine));
    out
}

fn service(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
    let variant = spec.difficulty >= 2;
    let selector = if !spec.has("k8s/selector-mismatch") {
        l(&[("app", &c.app)])
    } else if variant {
        l(&[("app", &c.app), ("version", "v2")])
    } else {
        l(&[("app.kubernetes.io/name", &c.app)])
    };
    let target = if !spec.has("k8s/wrong-target-port") {
        IntOrString::String("http".into())
    } else if variant {
        IntOrString::Int(80)
    } else {
        IntOrString::String("web".into())
    };
    let mut r = spec.rng("service");
    let cluster_ip = format!("172.20.{}.{}", range(&mut r, 0, 255), range(&mut r, 1, 254));
    let svc = Service {
        metadata: meta(&c.app, Some(&c.ns), l(&[("app", &c.app)])),
        spec: Some(ServiceSpec {
            selector: Some(selector.clone()),
            ports: Some(vec![ServicePort {
                name: Some("http".into()),
                port: 80,
                protocol: Some("TCP".into()),
                target_port: Some(target.clone()),
                ..Default::default()
            }]),
            type_: Some("ClusterIP".into()),
            cluster_ip: Some(cluster_ip.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut pod = PodSpec { containers: vec![container(c)], ..Default::default() };
    if spec.difficulty >= 3 {
        pod.containers.push(Container {
            name: "log-router".into(),
            image: Some("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2".into()),
            ports: Some(vec![ContainerPort { container_port: 2020, name: Some("metrics".into()), ..Default::default() }]),
            ..Default::default()
        });
    }
    let labels = l(&[("app", &c.app), ("version", "v1")]);
    let mut deploy = deployment(c, pod.clone(), None);
    if let Some(t) = deploy.spec.as_mut().and_then(|s| s.template.metadata.as_mut()) {
        t.labels = Some(labels.clone());
    }
    let pods = pod_objects(spec, c, &pod, &labels, true);
    let endpoints = endpoints(&svc, &pods);

    let mut out = format!("$ kubectl describe svc {} -n {}\n", c.app, c.ns);
    let sel_text = selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
    let tp = match &target { IntOrString::Int(n) => format!("{n}/TCP"), IntOrString::String(s) => format!("{s}/TCP") };
    let ep_text = if endpoints.is_empty() { "<none>".to_string() } else { endpoints.join(",") };
    out.push_str(&format!("Name:              {}\nNamespace:         {}\nLabels:            app={}\nSelector:          {sel_text}\nType:              ClusterIP\nIP:                {cluster_ip}\nPort:              http  80/TCP\nTargetPort:        {tp}\nEndpoints:         {ep_text}\nSession Affinity:  None\nEvents:            <none>\n\n", c.app, c.ns, c.app));
    out.push_str(&format!("$ kubectl get endpointslices -n {} -l kubernetes.io/service-name={}\n", c.ns, c.app));
    let ports = if endpoints.is_empty() { "<unset>".to_string() } else { endpoints.first().and_then(|e| e.rsplit(':').next()).unwrap_or("").to_string() };
    let addrs = if endpoints.is_empty() { "<unset>".to_string() } else { endpoints.iter().filter_map(|e| e.split(':').next()).collect::<Vec<_>>().join(",") };
    let mut er = spec.rng("slice");
    out.push_str(&render::table(&[
        ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"].map(String::from).to_vec(),
        vec![format!("{}-{}", c.app, hash(&mut er, 5)), "IPv4".into(), ports, addrs, "3h".into()],
    ]));
    out.push('\n');
    out.push_str(&render::pods_table(&c.ns, spec.now, &pods));
    out.push('\n');
    let url = format!("http://{}.{}.svc.cluster.local/", c.app, c.ns);
    out.push_str(&format!("$ kubectl run curl-test -n {} --rm -i --restart=Never --image=public.ecr.aws/curl/curl:latest -- curl -sS -m 5 {url}\n", c.ns));
    let reply = match (endpoints.is_empty(), spec.has("k8s/wrong-target-port")) {
        (true, _) | (false, true) => format!("curl: (7) Failed to connect to {}.{}.svc.cluster.local port 80 after 4 ms: Couldn't connect to server\npod {}/curl-test terminated (Error)\n", c.app, c.ns, c.ns),
        (false, false) => "{\"status\":\"ok\"}\npod deleted\n".to_string(),
    };
    out.push_str(&reply);
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    let mut events: Vec<_> = c.pods.iter().map(|p| render::event(&c.ns, "Pod", p, "Normal", "Started", format!("Started container {}", c.app), ago(10_800), 1)).collect();
    noise(spec, c, &mut events);
    built.file("service.yaml", yaml(&svc)?);
    built.file("deployment.yaml", yaml(&deploy)?);
    built.file("describe.txt", out);
    built.file("events.txt", render::events_table(&c.ns, spec.now, &mut events));
    Ok(())
}

/// What the EndpointSlice controller publishes: selected pods, the Service's targetPort
/// resolved per pod (a pod without the named port gets no endpoint).
fn endpoints(svc: &Service, pods: &[Pod]) -> Vec<String> {
    let Some(s) = svc.spec.as_ref() else { return Vec::new() };
    let Some(port) = s.ports.as_ref().and_then(|p| p.first()) else { return Vec::new() };
    let target = port.target_port.clone().unwrap_or(IntOrString::Int(port.port));
    pods.iter()
        .filter(|p| rules::service_selects(s.selector.as_ref(), &p.metadata.labels.clone().unwrap_or_default()))
        .filter_map(|p| {
            let containers = p.spec.as_ref().map(|s| s.containers.as_slice()).unwrap_or(&[]);
            let ip = p.status.as_ref().and_then(|s| s.pod_ip.clone())?;
            match rules::resolve_port(&target, containers) {
                PortRef::Open(n) | PortRef::Closed(n) => Some(format!("{ip}:{n}")),
                PortRef::NoSuchName(_) => None,
            }
        })
        .collect()
}

fn rollout(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
    let mut ctr = container(c);
    let mut r = spec.rng("rollout");
    let probe_port = if r.next_u32() % 2 == 0 { 8081 } else { 80 };
    if spec.has("k8s/readiness-probe-failing") {
        if let Some(h) = ctr.readiness_probe.as_mut().and_then(|p| p.http_get.as_mut()) {
            h.port = IntOrString::Int(probe_port);
        }
    }
    let minor = range(&mut r, 41, 60);
    ctr.image = Some(format!("{}:1.{minor}.0", c.image.rsplit_once(':').map(|(a, _)| a).unwrap_or(&c.image)));
    let strategy = if spec.has("k8s/surge-and-unavailable-zero") {
        rolling(IntOrString::Int(0), IntOrString::Int(0))
    } else {
        rolling(IntOrString::Int(1), IntOrString::Int(0))
    };
    let pod = PodSpec { containers: vec![ctr.clone()], ..Default::default() };
    let deploy = deployment(c, pod.clone(), Some(strategy.clone()));
    let new_rs = format!("{}-{}", c.app, hash(&mut r, 9));
    let new_pod = format!("{new_rs}-{}", hash(&mut r, 5));
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    let mut out = "$ kubectl apply -f deployment.yaml\n".to_string();
    let mut events = Vec::new();
    if let Some(err) = rules::rolling_update_error(Some(&strategy)) {
        out.push_str(&format!("The Deployment \"{}\" is invalid: {err}\n\n", c.app));
        out.push_str(&format!("$ kubectl get deploy {} -n {} -o wide\n", c.app, c.ns));
        out.push_str(&render::table(&[
            ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "IMAGES"].map(String::from).to_vec(),
            vec![c.app.clone(), "3/3".into(), "3".into(), "3".into(), "21d".into(), c.image.clone()],
        ]));
    } else {
        out.push_str(&format!("deployment.apps/{} configured\n\n$ kubectl rollout status deployment/{} -n {} --timeout=5m\n", c.app, c.app, c.ns));
        let port = ctr.readiness_probe.as_ref().and_then(|p| p.http_get.as_ref()).map(|h| h.port.clone()).unwrap_or(IntOrString::Int(PORT));
        match rules::resolve_port(&port, &pod.containers) {
            PortRef::Open(_) => out.push_str(&format!("deployment \"{}\" successfully rolled out\n", c.app)),
            PortRef::Closed(n) => {
                out.push_str(&format!("Waiting for deployment \"{}\" rollout to finish: 1 out of 3 new replicas have been updated...\nerror: timed out waiting for the condition\n\n", c.app));
                out.push_str(&format!("$ kubectl get pods -n {} -l app={}\n", c.ns, c.app));
                let mut rows = vec![["NAME", "READY", "STATUS", "RESTARTS", "AGE"].map(String::from).to_vec()];
                for p in &c.pods {
                    rows.push(vec![p.clone(), "1/1".into(), "Running".into(), "0".into(), "21d".into()]);
                }
                rows.push(vec![new_pod.clone(), "0/1".into(), "Running".into(), "0".into(), "5m10s".into()]);
                out.push_str(&render::table(&rows));
                let ip = &c.ips[0];
                events.push(render::event(&c.ns, "Pod", &new_pod, "Warning", "Unhealthy", format!("Readiness probe failed: Get \"http://{ip}:{n}/healthz\": dial tcp {ip}:{n}: connect: connection refused"), ago(20), 31));
            }
            PortRef::NoSuchName(_) => {}
        }
        events.push(render::event(&c.ns, "Deployment", &c.app, "Normal", "ScalingReplicaSet", format!("Scaled up replica set {new_rs} from 0 to 1"), ago(310), 1));
        events.push(render::event(&c.ns, "Pod", &new_pod, "Normal", "Started", format!("Started container {}", c.app), ago(300), 1));
    }
    noise(spec, c, &mut events);
    built.file("deployment.yaml", yaml(&deploy)?);
    built.file("describe.txt", out);
    built.file("events.txt", render::events_table(&c.ns, spec.now, &mut events));
    Ok(())
}

fn rbac(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
    let sa = format!("{}-pod-watcher", c.app);
    let mut r = spec.rng("rbac");
    let variant = r.next_u32() % 3;
    let broken = spec.has("k8s/rbac-forbidden");
    let mut rule = PolicyRule {
        api_groups: Some(vec!["".into()]),
        resources: Some(vec!["pods".into()]),
        verbs: ["get", "list", "watch"].map(String::from).to_vec(),
        ..Default::default()
    };
    let mut subject_name = sa.clone();
    if broken {
        match variant {
            0 => rule.verbs = vec!["get".into()],
            1 => rule.api_groups = Some(vec!["apps".into()]),
            _ => subject_name = format!("{}-watcher", c.app),
        }
    }
    let role = Role {
        metadata: meta("pod-reader", Some(&c.ns), BTreeMap::new()),
        rules: Some(vec![rule]),
    };
    let binding = RoleBinding {
        metadata: meta("pod-reader", Some(&c.ns), BTreeMap::new()),
        role_ref: RoleRef { api_group: "rbac.authorization.k8s.io".into(), kind: "Role".into(), name: "pod-reader".into() },
        subjects: Some(vec![Subject { kind: "ServiceAccount".into(), name: subject_name, namespace: Some(c.ns.clone()), api_group: None }]),
    };
    let account = ServiceAccount { metadata: meta(&sa, Some(&c.ns), BTreeMap::new()), ..Default::default() };
    let pod = PodSpec {
        service_account_name: Some(sa.clone()),
        containers: vec![Container {
            name: "watcher".into(),
            image: Some("public.ecr.aws/bitnami/kubectl:1.34".into()),
            command: Some(["kubectl", "get", "pods", "--watch", "--namespace", &c.ns].map(String::from).to_vec()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let deploy = deployment(c, pod, None);
    let access = access_of(&c.ns, &sa, &["kubectl", "get", "pods", "--watch"]);
    let allowed: Vec<bool> = access.iter().map(|a| rules::authorize(a, std::slice::from_ref(&role), std::slice::from_ref(&binding))).collect();
    let mut out = format!("$ kubectl logs deploy/{} -n {} --tail=3\n", c.app, c.ns);
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    let mut events = vec![render::event(&c.ns, "Pod", &c.pods[0], "Normal", "Started", "Started container watcher".into(), ago(600), 4)];
    match access.iter().zip(&allowed).find(|(_, ok)| !**ok) {
        Some((denied, _)) => {
            let msg = denied.forbidden();
            out.push_str(&format!("Error from server (Forbidden): {msg}\n\n"));
            out.push_str(&format!("$ kubectl auth can-i {} {} -n {} --as=system:serviceaccount:{}:{sa}\nno\n", denied.verb, denied.resource, c.ns, c.ns));
            events.push(render::event(&c.ns, "Pod", &c.pods[0], "Warning", "BackOff", format!("Back-off restarting failed container watcher in pod {}_{}", c.pods[0], c.ns), ago(30), 14));
        }
        None => out.push_str(&format!("NAME   READY   STATUS    RESTARTS   AGE\n{}   1/1   Running   0   3h\n", c.pods[0])),
    }
    noise(spec, c, &mut events);
    let docs = [yaml(&account)?, yaml(&role)?, yaml(&binding)?];
    built.file("rbac.yaml", multi_doc(&docs));
    built.file("deployment.yaml", yaml(&deploy)?);
    built.file("describe.txt", out);
    built.file("events.txt", render::events_table(&c.ns, spec.now, &mut events));
    built.set("service_account", sa);
    Ok(())
}

/// The API calls a `kubectl get RESOURCE [--watch]` container makes.
fn access_of(ns: &str, sa: &str, command: &[&str]) -> Vec<Access> {
    let resource = command.get(2).copied().unwrap_or("pods");
    let mut verbs = vec!["list"];
    if command.contains(&"--watch") || command.contains(&"-w") {
        verbs.push("watch");
    }
    verbs
        .into_iter()
        .map(|verb| Access {
            sa_namespace: ns.to_string(),
            sa_name: sa.to_string(),
            namespace: ns.to_string(),
            verb: verb.to_string(),
            group: String::new(),
            resource: resource.to_string(),
            subresource: None,
            name: None,
        })
        .collect()
}

fn docs<T: DeserializeOwned>(files: &[LabFile], path: &str) -> Result<Vec<T>, LabError> {
    let raw = text(files, path)?;
    raw.split("\n---\n")
        .map(|d| serde_yaml_ng::from_str::<T>(d.trim_start_matches("---\n")).map_err(|e| bad(path)(e.to_string())))
        .collect()
}

fn kind_docs<T: DeserializeOwned>(files: &[LabFile], path: &str, kind: &str) -> Result<Vec<T>, LabError> {
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
    let template_labels = dspec.template.metadata.as_ref().and_then(|m| m.labels.clone()).unwrap_or_default();
    let pod = dspec.template.spec.clone().unwrap_or_default();
    if !rules::label_selector(&dspec.selector, &template_labels) {
        // The API server refuses such a Deployment; the labs never make one.
        return Err(bad("deployment.yaml")("selector does not match template labels".into()));
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
        if nodes.iter().all(|n| !rules::insufficient(&pod, n).is_empty()) {
            found.push("k8s/insufficient-resources");
        }
    }
    if let Ok(raw) = text(files, "service.yaml") {
        let svc: Service = serde_yaml_ng::from_str(raw).map_err(|e| bad("service.yaml")(e.to_string()))?;
        let s = svc.spec.unwrap_or_default();
        if !rules::service_selects(s.selector.as_ref(), &template_labels) {
            found.push("k8s/selector-mismatch");
        } else if let Some(port) = s.ports.as_ref().and_then(|p| p.first()) {
            let target = port.target_port.clone().unwrap_or(IntOrString::Int(port.port));
            if !matches!(rules::resolve_port(&target, &pod.containers), PortRef::Open(_)) {
                found.push("k8s/wrong-target-port");
            }
        }
    }
    if rules::rolling_update_error(dspec.strategy.as_ref()).is_some() {
        found.push("k8s/surge-and-unavailable-zero");
    }
    for c in &pod.containers {
        if let Some(port) = c.readiness_probe.as_ref().and_then(|p| p.http_get.as_ref()).map(|h| &h.port) {
            if !matches!(rules::resolve_port(port, &pod.containers), PortRef::Open(_)) {
                found.push("k8s/readiness-probe-failing");
            }
        }
    }
    if text(files, "rbac.yaml").is_ok() {
        let roles: Vec<Role> = kind_docs(files, "rbac.yaml", "Role")?;
        let bindings: Vec<RoleBinding> = kind_docs(files, "rbac.yaml", "RoleBinding")?;
        let ns = deploy.metadata.namespace.clone().unwrap_or_default();
        let sa = pod.service_account_name.clone().unwrap_or_else(|| "default".into());
        for c in &pod.containers {
            let cmd: Vec<&str> = c.command.as_deref().unwrap_or(&[]).iter().map(String::as_str).collect();
            if cmd.first() == Some(&"kubectl")
                && access_of(&ns, &sa, &cmd).iter().any(|a| !rules::authorize(a, &roles, &bindings))
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
