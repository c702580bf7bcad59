//! The Pending scenario: nodes (labels, taints, allocatable), a Deployment whose pods the
//! scheduler cannot place, and the FailedScheduling events the rules produce.

use super::*;
pub(super) fn nodes(spec: &Spec) -> Vec<Node> {
    let mut r = spec.rng("nodes");
    let mut out: Vec<Node> = ZONES
        .iter()
        .map(|zone| {
            let name = format!(
                "ip-10-0-{}-{}.ap-northeast-2.compute.internal",
                range(&mut r, 0, 63),
                range(&mut r, 4, 250)
            );
            let taints = spec.about("k8s/untolerated-taint").then(|| {
                vec![Taint {
                    key: "dedicated".into(),
                    value: Some("batch".into()),
                    effect: "NoSchedule".into(),
                    time_added: None,
                }]
            });
            node(
                &name,
                zone,
                "ng-general",
                "m5.large",
                ("1930m", "7220Mi"),
                taints,
            )
        })
        .collect();
    if spec.difficulty >= 2 {
        let name = format!(
            "ip-10-0-{}-{}.ap-northeast-2.compute.internal",
            range(&mut r, 64, 95),
            range(&mut r, 4, 250)
        );
        let taint = Taint {
            key: "nvidia.com/gpu".into(),
            value: Some("true".into()),
            effect: "NoSchedule".into(),
            time_added: None,
        };
        out.push(node(
            &name,
            ZONES[0],
            "ng-gpu",
            "g5.xlarge",
            ("3920m", "14790Mi"),
            Some(vec![taint]),
        ));
    }
    out
}

fn node(
    name: &str,
    zone: &str,
    group: &str,
    itype: &str,
    (cpu, mem): (&str, &str),
    taints: Option<Vec<Taint>>,
) -> Node {
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
        spec: Some(NodeSpec {
            taints,
            ..Default::default()
        }),
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

pub(super) fn pending(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
    let mut ctr = container(c);
    let mut pod = PodSpec::default();
    let mut selector = l(&[("kubernetes.io/os", "linux")]);
    if spec.about("k8s/node-selector-unsatisfiable") {
        let group = if spec.has("k8s/node-selector-unsatisfiable") {
            format!("ng-{}", c.app)
        } else {
            "ng-general".to_string()
        };
        selector.insert("eks.amazonaws.com/nodegroup".into(), group);
    }
    pod.node_selector = Some(selector);
    if spec.has("k8s/node-affinity-unsatisfiable") {
        pod.affinity = Some(zone_affinity(&["ap-northeast-2d"]));
    } else if spec.about("k8s/node-affinity-unsatisfiable") || spec.difficulty >= 2 {
        pod.affinity = Some(zone_affinity(&[ZONES[0], ZONES[2]]));
    }
    if spec.about("k8s/untolerated-taint") {
        let value = if !spec.has("k8s/untolerated-taint") {
            Some("batch")
        } else if spec.difficulty >= 2 {
            Some("batch-jobs")
        } else {
            None
        };
        pod.tolerations = value.map(|v| {
            vec![Toleration {
                key: Some("dedicated".into()),
                operator: Some("Equal".into()),
                value: Some(v.into()),
                effect: Some("NoSchedule".into()),
                toleration_seconds: None,
            }]
        });
    }
    if spec.has("k8s/insufficient-resources") {
        let mut r = spec.rng("resources");
        let (cpu, mem) = if r.next_u32().is_multiple_of(2) {
            ("4", "1Gi")
        } else {
            ("500m", "16Gi")
        };
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
    let mut events = vec![render::event(
        &c.ns,
        "Deployment",
        &c.app,
        "Normal",
        "ScalingReplicaSet",
        format!("Scaled up replica set {} from 0 to 3", c.rs),
        ago(420),
        1,
    )];
    // One SuccessfulCreate per replica, as the ReplicaSet controller writes them.
    for p in &c.pods {
        events.push(render::event(
            &c.ns,
            "ReplicaSet",
            &c.rs,
            "Normal",
            "SuccessfulCreate",
            format!("Created pod: {p}"),
            ago(420),
            1,
        ));
    }
    if let Some(m) = &message {
        for p in &c.pods {
            events.push(render::event(
                &c.ns,
                "Pod",
                p,
                "Warning",
                "FailedScheduling",
                m.clone(),
                ago(45),
                7,
            ));
        }
    } else {
        for (i, p) in c.pods.iter().enumerate() {
            events.push(render::event(
                &c.ns,
                "Pod",
                p,
                "Normal",
                "Scheduled",
                format!(
                    "Successfully assigned {}/{p} to {}",
                    c.ns,
                    nodes[i % 3].metadata.name.clone().unwrap_or_default()
                ),
                ago(418),
                1,
            ));
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

pub(super) fn noise(spec: &Spec, c: &Case, events: &mut Vec<k8s_openapi::api::core::v1::Event>) {
    if spec.difficulty < 2 {
        return;
    }
    let mut r = spec.rng("noise");
    let other = format!("{}-worker-{}", c.ns, hash(&mut r, 5));
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    events.push(render::event(
        &c.ns,
        "Pod",
        &other,
        "Normal",
        "Pulled",
        "Container image \"public.ecr.aws/docker/library/redis:7.2\" already present on machine"
            .into(),
        ago(900),
        1,
    ));
    events.push(render::event(
        &c.ns,
        "Pod",
        &other,
        "Warning",
        "BackOff",
        "Back-off restarting failed container redis in pod".to_string() + " " + &other,
        ago(600),
        12,
    ));
    if spec.difficulty >= 3 {
        events.push(render::event(&c.ns, "HorizontalPodAutoscaler", &c.app, "Warning", "FailedGetResourceMetric", "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API".into(), ago(240), 9));
    }
}

pub(super) fn describe_pod(
    spec: &Spec,
    c: &Case,
    pod: &PodSpec,
    scheduled: bool,
    events: &[k8s_openapi::api::core::v1::Event],
) -> String {
    let ctr = pod.containers.first().cloned().unwrap_or_default();
    let reqs = ctr
        .resources
        .as_ref()
        .and_then(|r| r.requests.clone())
        .unwrap_or_default();
    let mut out = format!("$ kubectl describe pod {} -n {}\n", c.pods[0], c.ns);
    out.push_str(&format!("Name:             {}\nNamespace:        {}\nPriority:         0\nService Account:  default\n", c.pods[0], c.ns));
    out.push_str(&format!(
        "Node:             {}\n",
        if scheduled {
            "ip-10-0-12-34.ap-northeast-2.compute.internal"
        } else {
            "<none>"
        }
    ));
    out.push_str(&format!("Labels:           app={}\n", c.app));
    out.push_str(&format!(
        "Status:           {}\n",
        if scheduled { "Running" } else { "Pending" }
    ));
    out.push_str(&format!("Controlled By:    ReplicaSet/{}\nContainers:\n  {}:\n    Image:      {}\n    Port:       {PORT}/TCP\n    Requests:\n", c.rs, ctr.name, c.image));
    for (k, v) in &reqs {
        out.push_str(&format!("      {:<8} {}\n", format!("{k}:"), v.0));
    }
    out.push_str(&format!(
        "Conditions:\n  Type           Status\n  PodScheduled   {}\n",
        if scheduled { "True" } else { "False" }
    ));
    let sel = pod
        .node_selector
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n                 ");
    out.push_str(&format!("Node-Selectors:  {sel}\n"));
    let mut tols: Vec<String> = pod
        .tolerations
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|t| {
            format!(
                "{}={}:{}",
                t.key.clone().unwrap_or_default(),
                t.value.clone().unwrap_or_default(),
                t.effect.clone().unwrap_or_default()
            )
        })
        .collect();
    tols.push("node.kubernetes.io/not-ready:NoExecute op=Exists for 300s".into());
    tols.push("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s".into());
    out.push_str(&format!(
        "Tolerations:     {}\n",
        tols.join("\n                 ")
    ));
    let mine: Vec<&k8s_openapi::api::core::v1::Event> = events
        .iter()
        .filter(|e| e.involved_object.name.as_deref() == Some(c.pods[0].as_str()))
        .collect();
    out.push_str(&render::describe_events(spec.now, &mine));
    out
}
