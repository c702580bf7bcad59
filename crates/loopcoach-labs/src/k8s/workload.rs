//! The rollout and RBAC scenarios: a Deployment the API server refuses or whose new pods
//! never become Ready, and a pod-watching tool whose service account lacks permissions.

use super::*;
pub(super) fn rollout(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
    let mut ctr = container(c);
    let mut r = spec.rng("rollout");
    let probe_port = if r.next_u32().is_multiple_of(2) {
        8081
    } else {
        80
    };
    if spec.has("k8s/readiness-probe-failing")
        && let Some(h) = ctr
            .readiness_probe
            .as_mut()
            .and_then(|p| p.http_get.as_mut())
    {
        h.port = IntOrString::Int(probe_port);
    }
    let minor = range(&mut r, 41, 60);
    ctr.image = Some(format!(
        "{}:1.{minor}.0",
        c.image.rsplit_once(':').map(|(a, _)| a).unwrap_or(&c.image)
    ));
    let strategy = if spec.has("k8s/surge-and-unavailable-zero") {
        rolling(IntOrString::Int(0), IntOrString::Int(0))
    } else {
        rolling(IntOrString::Int(1), IntOrString::Int(0))
    };
    let pod = PodSpec {
        containers: vec![ctr.clone()],
        ..Default::default()
    };
    let deploy = deployment(c, pod.clone(), Some(strategy.clone()));
    let new_rs = format!("{}-{}", c.app, hash(&mut r, 9));
    let new_pod = format!("{new_rs}-{}", hash(&mut r, 5));
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    let mut out = "$ kubectl apply -f deployment.yaml\n".to_string();
    let mut events = Vec::new();
    if let Some(err) = rules::rolling_update_error(Some(&strategy)) {
        out.push_str(&format!(
            "The Deployment \"{}\" is invalid: {err}\n\n",
            c.app
        ));
        out.push_str(&format!(
            "$ kubectl get deploy {} -n {} -o wide\n",
            c.app, c.ns
        ));
        out.push_str(&render::table(&[
            ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "IMAGES"]
                .map(String::from)
                .to_vec(),
            vec![
                c.app.clone(),
                "3/3".into(),
                "3".into(),
                "3".into(),
                "21d".into(),
                c.image.clone(),
            ],
        ]));
    } else {
        out.push_str(&format!("deployment.apps/{} configured\n\n$ kubectl rollout status deployment/{} -n {} --timeout=5m\n", c.app, c.app, c.ns));
        let port = ctr
            .readiness_probe
            .as_ref()
            .and_then(|p| p.http_get.as_ref())
            .map(|h| h.port.clone())
            .unwrap_or(IntOrString::Int(PORT));
        match rules::resolve_port(&port, &pod.containers) {
            PortRef::Open(_) => out.push_str(&format!(
                "deployment \"{}\" successfully rolled out\n",
                c.app
            )),
            PortRef::Closed(n) => {
                out.push_str(&format!("Waiting for deployment \"{}\" rollout to finish: 1 out of 3 new replicas have been updated...\nerror: timed out waiting for the condition\n\n", c.app));
                out.push_str(&format!(
                    "$ kubectl get pods -n {} -l app={}\n",
                    c.ns, c.app
                ));
                let mut rows = vec![
                    ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
                        .map(String::from)
                        .to_vec(),
                ];
                for p in &c.pods {
                    rows.push(vec![
                        p.clone(),
                        "1/1".into(),
                        "Running".into(),
                        "0".into(),
                        "21d".into(),
                    ]);
                }
                rows.push(vec![
                    new_pod.clone(),
                    "0/1".into(),
                    "Running".into(),
                    "0".into(),
                    "5m10s".into(),
                ]);
                out.push_str(&render::table(&rows));
                let ip = &c.ips[0];
                events.push(render::event(&c.ns, "Pod", &new_pod, "Warning", "Unhealthy", format!("Readiness probe failed: Get \"http://{ip}:{n}/healthz\": dial tcp {ip}:{n}: connect: connection refused"), ago(20), 31));
            }
            PortRef::NoSuchName(_) => {}
        }
        events.push(render::event(
            &c.ns,
            "Deployment",
            &c.app,
            "Normal",
            "ScalingReplicaSet",
            format!("Scaled up replica set {new_rs} from 0 to 1"),
            ago(310),
            1,
        ));
        events.push(render::event(
            &c.ns,
            "Pod",
            &new_pod,
            "Normal",
            "Started",
            format!("Started container {}", c.app),
            ago(300),
            1,
        ));
    }
    super::pending::noise(spec, c, &mut events);
    built.file("deployment.yaml", yaml(&deploy)?);
    built.file("describe.txt", out);
    built.file(
        "events.txt",
        render::events_table(&c.ns, spec.now, &mut events),
    );
    Ok(())
}

pub(super) fn rbac(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
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
        role_ref: RoleRef {
            api_group: "rbac.authorization.k8s.io".into(),
            kind: "Role".into(),
            name: "pod-reader".into(),
        },
        subjects: Some(vec![Subject {
            kind: "ServiceAccount".into(),
            name: subject_name,
            namespace: Some(c.ns.clone()),
            api_group: None,
        }]),
    };
    let account = ServiceAccount {
        metadata: meta(&sa, Some(&c.ns), BTreeMap::new()),
        ..Default::default()
    };
    let pod = PodSpec {
        service_account_name: Some(sa.clone()),
        containers: vec![Container {
            name: "watcher".into(),
            image: Some("public.ecr.aws/bitnami/kubectl:1.34".into()),
            command: Some(
                ["kubectl", "get", "pods", "--watch", "--namespace", &c.ns]
                    .map(String::from)
                    .to_vec(),
            ),
            ..Default::default()
        }],
        ..Default::default()
    };
    let deploy = deployment(c, pod, None);
    let access = access_of(&c.ns, &sa, &["kubectl", "get", "pods", "--watch"]);
    let allowed: Vec<bool> = access
        .iter()
        .map(|a| {
            rules::authorize(
                a,
                std::slice::from_ref(&role),
                std::slice::from_ref(&binding),
            )
        })
        .collect();
    let mut out = format!("$ kubectl logs deploy/{} -n {} --tail=3\n", c.app, c.ns);
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    let mut events = vec![render::event(
        &c.ns,
        "Pod",
        &c.pods[0],
        "Normal",
        "Started",
        "Started container watcher".into(),
        ago(600),
        4,
    )];
    match access.iter().zip(&allowed).find(|(_, ok)| !**ok) {
        Some((denied, _)) => {
            let msg = denied.forbidden();
            out.push_str(&format!("Error from server (Forbidden): {msg}\n\n"));
            out.push_str(&format!(
                "$ kubectl auth can-i {} {} -n {} --as=system:serviceaccount:{}:{sa}\nno\n",
                denied.verb, denied.resource, c.ns, c.ns
            ));
            events.push(render::event(
                &c.ns,
                "Pod",
                &c.pods[0],
                "Warning",
                "BackOff",
                format!(
                    "Back-off restarting failed container watcher in pod {}_{}",
                    c.pods[0], c.ns
                ),
                ago(30),
                14,
            ));
        }
        None => out.push_str(&format!(
            "NAME   READY   STATUS    RESTARTS   AGE\n{}   1/1   Running   0   3h\n",
            c.pods[0]
        )),
    }
    super::pending::noise(spec, c, &mut events);
    let docs = [yaml(&account)?, yaml(&role)?, yaml(&binding)?];
    built.file("rbac.yaml", multi_doc(&docs));
    built.file("deployment.yaml", yaml(&deploy)?);
    built.file("describe.txt", out);
    built.file(
        "events.txt",
        render::events_table(&c.ns, spec.now, &mut events),
    );
    built.set("service_account", sa);
    Ok(())
}

/// The API calls a `kubectl get RESOURCE [--watch]` container makes.
pub(super) fn access_of(ns: &str, sa: &str, command: &[&str]) -> Vec<Access> {
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
