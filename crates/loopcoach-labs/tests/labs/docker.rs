//! Docker labs: the Dockerfile rules find exactly the fault; the twin is clean.

use loopcoach_labs::generate;

use crate::common::{assert_diagnosis_exact, req};

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("docker");
}

#[test]
fn output_shows_the_symptom() {
    let cases = [
        ("docker/shell-form-entrypoint", "137"),
        ("docker/expose-not-publish", "Couldn't connect to server"),
        ("docker/secret-in-image", "ENV "),
        ("docker/runs-as-root", "uid=0(root)"),
    ];
    for (code, needle) in cases {
        let lab = generate(&req("docker", code, 2, 1)).unwrap();
        let out = String::from_utf8_lossy(&lab.file("output.txt").unwrap().contents).to_string();
        assert!(out.contains(needle), "{code}: {out}");
    }
    let lab = generate(&req("docker", "docker/cache-busting-layer-order", 2, 1)).unwrap();
    let out = String::from_utf8_lossy(&lab.file("output.txt").unwrap().contents).to_string();
    let install = out
        .lines()
        .position(|l| l.contains("npm ci") || l.contains("pip install"))
        .unwrap();
    assert!(
        out.lines().nth(install + 1).unwrap().contains("DONE"),
        "{out}"
    );
}
