//! Kubernetes labs: the rule evaluators find exactly the fault, the twin is healthy, and the
//! pasted output says what the real components would say.

use loopcoach_labs::generate;

use crate::common::{assert_diagnosis_exact, codes, req};

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("k8s");
}

#[test]
fn pasted_output_carries_the_components_messages() {
    let expect = [
        (
            "k8s/node-selector-unsatisfiable",
            "didn't match Pod's node affinity/selector",
        ),
        (
            "k8s/node-affinity-unsatisfiable",
            "didn't match Pod's node affinity/selector",
        ),
        (
            "k8s/untolerated-taint",
            "had untolerated taint {dedicated: batch}",
        ),
        ("k8s/insufficient-resources", "Insufficient "),
        ("k8s/selector-mismatch", "Endpoints:         <none>"),
        ("k8s/wrong-target-port", "Couldn't connect to server"),
        (
            "k8s/surge-and-unavailable-zero",
            "may not be 0 when maxSurge is 0",
        ),
        ("k8s/readiness-probe-failing", "Readiness probe failed"),
        (
            "k8s/rbac-forbidden",
            "is forbidden: User \"system:serviceaccount:",
        ),
    ];
    assert_eq!(expect.len(), codes("k8s").len());
    for (code, needle) in expect {
        for difficulty in 1..=2 {
            let lab = generate(&req("k8s", code, 5, difficulty)).unwrap();
            let all: String = lab
                .files
                .iter()
                .filter(|f| f.path.ends_with(".txt"))
                .map(|f| String::from_utf8_lossy(&f.contents).to_string())
                .collect();
            assert!(all.contains(needle), "{code} d{difficulty}: {all}");
        }
    }
}

#[test]
fn manifests_are_real_kubernetes_objects() {
    use k8s_openapi::api::apps::v1::Deployment;
    for code in codes("k8s") {
        let lab = generate(&req("k8s", &code, 3, 2)).unwrap();
        let d: Deployment =
            serde_yaml_ng::from_slice(&lab.file("deployment.yaml").unwrap().contents).unwrap();
        assert_eq!(
            d.metadata.namespace.as_deref(),
            lab.answer.context.get("namespace").map(String::as_str)
        );
        let y = String::from_utf8_lossy(&lab.file("deployment.yaml").unwrap().contents).to_string();
        assert!(
            y.starts_with("apiVersion: apps/v1\nkind: Deployment\n"),
            "{y}"
        );
    }
}

/// Issue #18 fidelity: a wrong targetPort leaves the pods in the EndpointSlice (their IPs,
/// the port unset or the wrong one), which tells it from a selector that selects nothing; a
/// ReplicaSet of three writes three SuccessfulCreate events.
#[test]
fn endpoint_slices_and_events_tell_the_faults_apart() {
    let slice_row = |text: &str| -> String {
        let mut lines = text
            .lines()
            .skip_while(|l| !l.contains("get endpointslices"));
        lines.nth(2).unwrap_or_default().to_string()
    };
    for seed in 0..6 {
        let tp = generate(&req("k8s", "k8s/wrong-target-port", seed, 1)).unwrap();
        let d = String::from_utf8(tp.file("describe.txt").unwrap().contents.clone()).unwrap();
        let row = slice_row(&d);
        assert!(
            row.contains("10."),
            "wrong-target-port: pod IPs in the slice\n{d}"
        );
        let sm = generate(&req("k8s", "k8s/selector-mismatch", seed, 1)).unwrap();
        let d = String::from_utf8(sm.file("describe.txt").unwrap().contents.clone()).unwrap();
        let row = slice_row(&d);
        assert!(
            !row.contains("10.") && row.contains("<unset>"),
            "selector-mismatch: empty slice\n{d}"
        );
        let pending = generate(&req("k8s", "k8s/untolerated-taint", seed, 1)).unwrap();
        let ev = String::from_utf8(pending.file("events.txt").unwrap().contents.clone()).unwrap();
        assert_eq!(ev.matches("SuccessfulCreate").count(), 3, "{ev}");
    }
}
