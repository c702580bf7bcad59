//! The Service scenario: a Service whose selector or targetPort leaves it without working
//! endpoints, with `kubectl describe svc`, EndpointSlices and a curl from inside the cluster.

use super::*;
pub(super) fn service(spec: &Spec, c: &Case, built: &mut Built) -> Result<(), LabError> {
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
    let mut pod = PodSpec {
        containers: vec![container(c)],
        ..Default::default()
    };
    if spec.difficulty >= 3 {
        pod.containers.push(Container {
            name: "log-router".into(),
            image: Some("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2".into()),
            ports: Some(vec![ContainerPort {
                container_port: 2020,
                name: Some("metrics".into()),
                ..Default::default()
            }]),
            ..Default::default()
        });
    }
    let labels = l(&[("app", &c.app), ("version", "v1")]);
    let mut deploy = deployment(c, pod.clone(), None);
    if let Some(t) = deploy
        .spec
        .as_mut()
        .and_then(|s| s.template.metadata.as_mut())
    {
        t.labels = Some(labels.clone());
    }
    let pods = pod_objects(spec, c, &pod, &labels, true);
    let endpoints = endpoints(&svc, &pods);

    let mut out = format!("$ kubectl describe svc {} -n {}\n", c.app, c.ns);
    let sel_text = selector
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    let tp = match &target {
        IntOrString::Int(n) => format!("{n}/TCP"),
        IntOrString::String(s) => format!("{s}/TCP"),
    };
    // A pod whose named targetPort cannot be resolved is in the slice without a port.
    let with_port: Vec<&String> = endpoints.iter().filter(|e| e.contains(':')).collect();
    let ep_text = if with_port.is_empty() {
        "<none>".to_string()
    } else {
        with_port
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&format!("Name:              {}\nNamespace:         {}\nLabels:            app={}\nSelector:          {sel_text}\nType:              ClusterIP\nIP:                {cluster_ip}\nPort:              http  80/TCP\nTargetPort:        {tp}\nEndpoints:         {ep_text}\nSession Affinity:  None\nEvents:            <none>\n\n", c.app, c.ns, c.app));
    out.push_str(&format!(
        "$ kubectl get endpointslices -n {} -l kubernetes.io/service-name={}\n",
        c.ns, c.app
    ));
    let ports = with_port
        .first()
        .and_then(|e| e.rsplit(':').next())
        .map_or_else(|| "<unset>".to_string(), str::to_string);
    let addrs = if endpoints.is_empty() {
        "<unset>".to_string()
    } else {
        endpoints
            .iter()
            .filter_map(|e| e.split(':').next())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut er = spec.rng("slice");
    out.push_str(&render::table(&[
        ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"]
            .map(String::from)
            .to_vec(),
        vec![
            format!("{}-{}", c.app, hash(&mut er, 5)),
            "IPv4".into(),
            ports,
            addrs,
            "3h".into(),
        ],
    ]));
    out.push('\n');
    out.push_str(&render::pods_table(&c.ns, spec.now, &pods));
    out.push('\n');
    let url = format!("http://{}.{}.svc.cluster.local/", c.app, c.ns);
    out.push_str(&format!("$ kubectl run curl-test -n {} --rm -i --restart=Never --image=public.ecr.aws/curl/curl:latest -- curl -sS -m 5 {url}\n", c.ns));
    let reply = match (endpoints.is_empty(), spec.has("k8s/wrong-target-port")) {
        (true, _) | (false, true) => format!(
            "curl: (7) Failed to connect to {}.{}.svc.cluster.local port 80 after 4 ms: Couldn't connect to server\npod {}/curl-test terminated (Error)\n",
            c.app, c.ns, c.ns
        ),
        (false, false) => "{\"status\":\"ok\"}\npod deleted\n".to_string(),
    };
    out.push_str(&reply);
    let ago = |s: i64| spec.now - time::Duration::seconds(s);
    let mut events: Vec<_> = c
        .pods
        .iter()
        .map(|p| {
            render::event(
                &c.ns,
                "Pod",
                p,
                "Normal",
                "Started",
                format!("Started container {}", c.app),
                ago(10_800),
                1,
            )
        })
        .collect();
    super::pending::noise(spec, c, &mut events);
    built.file("service.yaml", yaml(&svc)?);
    built.file("deployment.yaml", yaml(&deploy)?);
    built.file("describe.txt", out);
    built.file(
        "events.txt",
        render::events_table(&c.ns, spec.now, &mut events),
    );
    Ok(())
}

/// What the EndpointSlice controller publishes: selected pods, the Service's targetPort
/// resolved per pod (`ip:port`; a pod without the named port is listed by its IP alone, the
/// slice's port unset).
pub(super) fn endpoints(svc: &Service, pods: &[Pod]) -> Vec<String> {
    let Some(s) = svc.spec.as_ref() else {
        return Vec::new();
    };
    let Some(port) = s.ports.as_ref().and_then(|p| p.first()) else {
        return Vec::new();
    };
    let target = port
        .target_port
        .clone()
        .unwrap_or(IntOrString::Int(port.port));
    pods.iter()
        .filter(|p| {
            rules::service_selects(
                s.selector.as_ref(),
                &p.metadata.labels.clone().unwrap_or_default(),
            )
        })
        .filter_map(|p| {
            let containers = p
                .spec
                .as_ref()
                .map(|s| s.containers.as_slice())
                .unwrap_or(&[]);
            let ip = p.status.as_ref().and_then(|s| s.pod_ip.clone())?;
            match rules::resolve_port(&target, containers) {
                PortRef::Open(n) | PortRef::Closed(n) => Some(format!("{ip}:{n}")),
                // The EndpointSlice still lists the pod, with the port unset.
                PortRef::NoSuchName(_) => Some(ip),
            }
        })
        .collect()
}
