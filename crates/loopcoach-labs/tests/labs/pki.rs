//! PKI labs against rustls-webpki (through `diagnose`) and Debian's `openssl verify`, run the
//! way the external contract check runs it.

use std::path::Path;
use std::process::Command;

use loopcoach_labs::{Lab, generate, generate_twin, write_lab};

use crate::common::{NOW, assert_diagnosis_exact, codes, req};

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("pki");
}

fn have_openssl() -> bool {
    let ok = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: `openssl` is not installed; the openssl cross-checks did not run");
    }
    ok
}

fn openssl(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success() && text.contains("OK"), text)
}

/// Writes the lab and splits chain.pem into c1.pem, c2.pem, ... as the contract check does.
fn lay_out(lab: &Lab) -> (tempfile::TempDir, usize, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lab");
    write_lab(&dir, lab).unwrap();
    let chain = std::fs::read_to_string(dir.join("chain.pem")).unwrap();
    let blocks: Vec<String> = chain
        .split_inclusive("-----END CERTIFICATE-----\n")
        .filter(|b| b.contains("BEGIN CERTIFICATE"))
        .map(str::to_string)
        .collect();
    for (i, b) in blocks.iter().enumerate() {
        std::fs::write(dir.join(format!("c{}.pem", i + 1)), b).unwrap();
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("lab.json")).unwrap()).unwrap();
    let host = json["hostname"].as_str().unwrap().to_string();
    let now = time::OffsetDateTime::parse(
        json["now"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(now, NOW);
    (tmp, blocks.len(), host)
}

/// Whether the leaf's public key is the server key's: openssl reads the private key at
/// difficulty 1 and the public half the customer sent above it (never a private key there).
fn pubkeys_equal(dir: &Path) -> bool {
    let (_, leaf) = openssl(dir, &["x509", "-in", "c1.pem", "-noout", "-pubkey"]);
    let (_, key) = if dir.join("key.pem").exists() {
        assert!(!dir.join("key.pub.pem").exists());
        openssl(dir, &["pkey", "-in", "key.pem", "-pubout"])
    } else {
        let text = std::fs::read_to_string(dir.join("key.pub.pem")).unwrap();
        assert!(!text.contains("PRIVATE"), "{text}");
        openssl(dir, &["pkey", "-pubin", "-in", "key.pub.pem", "-pubout"])
    };
    assert!(leaf.contains("BEGIN PUBLIC KEY") && key.contains("BEGIN PUBLIC KEY"));
    leaf == key
}

/// `openssl verify` with the contract's flags; `off` names the check to switch off.
fn verify(dir: &Path, n: usize, host: &str, off: Option<&str>) -> (bool, String) {
    let attime = NOW.unix_timestamp().to_string();
    let mut args: Vec<String> = vec!["verify".into()];
    match off {
        Some("missing-intermediate") => {
            args.extend(["-partial_chain".into(), "-CAfile".into(), "c1.pem".into()])
        }
        Some("untrusted-root") => {
            args.extend(["-partial_chain".into(), "-CAfile".into(), "c2.pem".into()])
        }
        _ => args.extend(["-CAfile".into(), "ca.pem".into()]),
    }
    if n > 1 {
        let untrusted: Vec<String> = (2..=n).map(|i| format!("c{i}.pem")).collect();
        std::fs::write(
            dir.join("untrusted.pem"),
            untrusted
                .iter()
                .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
                .collect::<String>(),
        )
        .unwrap();
        args.extend(["-untrusted".into(), "untrusted.pem".into()]);
    }
    if off == Some("time") {
        // openssl 3 lets -attime win over -no_check_time, so the switch means dropping -attime.
        args.push("-no_check_time".into());
    } else {
        args.extend(["-attime".into(), attime]);
    }
    if off != Some("purpose") {
        args.extend(["-purpose".into(), "sslserver".into()]);
    }
    if off != Some("hostname") {
        args.extend(["-verify_hostname".into(), host.to_string()]);
    }
    args.push("c1.pem".into());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    openssl(dir, &refs)
}

#[test]
fn openssl_rejects_each_fault_for_its_reason_and_nothing_else() {
    if !have_openssl() {
        return;
    }
    let cases: [(&str, &[&str], Option<&str>); 8] = [
        (
            "pki/expired-leaf",
            &["at 0 depth lookup: certificate has expired"],
            Some("time"),
        ),
        (
            "pki/expired-intermediate",
            &["at 1 depth lookup: certificate has expired"],
            Some("time"),
        ),
        ("pki/not-yet-valid", &["not yet valid"], Some("time")),
        (
            "pki/hostname-mismatch",
            &["hostname mismatch"],
            Some("hostname"),
        ),
        (
            "pki/missing-intermediate",
            &["at 0 depth lookup: unable to get local issuer"],
            Some("missing-intermediate"),
        ),
        (
            "pki/untrusted-root",
            &[
                "self-signed certificate in certificate chain",
                "self signed certificate in certificate chain",
                "depth lookup: unable to get local issuer",
            ],
            Some("untrusted-root"),
        ),
        // Error 26: older openssl says "unsupported", 3.0.19 says "unsuitable".
        (
            "pki/wrong-eku",
            &[
                "unsupported certificate purpose",
                "unsuitable certificate purpose",
            ],
            Some("purpose"),
        ),
        ("pki/key-mismatch", &[], None),
    ];
    assert_eq!(cases.len(), codes("pki").len());
    for (code, wants, off) in cases {
        for (seed, difficulty) in [(7, 1), (7, 2), (7, 3), (8, 1), (99, 2)] {
            let lab = generate(&req("pki", code, seed, difficulty)).unwrap();
            let (tmp, n, host) = lay_out(&lab);
            let dir = tmp.path().join("lab");
            let ctx = format!("{code} seed {seed} difficulty {difficulty}");
            assert_eq!(
                dir.join("key.pem").exists(),
                difficulty == 1,
                "{ctx}: key.pem"
            );
            assert_eq!(
                pubkeys_equal(&dir),
                code != "pki/key-mismatch",
                "{ctx}: key"
            );
            if code == "pki/missing-intermediate" {
                assert_eq!(n, 1, "{ctx}: chain holds only the leaf");
            } else {
                assert_eq!(n, 2, "{ctx}: chain is leaf + intermediate");
            }
            let (ok, out) = verify(&dir, n, &host, None);
            if wants.is_empty() {
                assert!(ok, "{ctx}: expected OK, got {out}");
            } else {
                assert!(!ok, "{ctx}: expected a failure, got {out}");
                assert!(wants.iter().any(|w| out.contains(w)), "{ctx}: got {out}");
            }
            let (ok, out) = verify(&dir, n, &host, off);
            assert!(
                ok,
                "{ctx}: with its check off openssl must say OK, got {out}"
            );

            let twin = generate_twin(&req("pki", code, seed, difficulty)).unwrap();
            let (tmp, n, host) = lay_out(&twin);
            let dir = tmp.path().join("lab");
            let (ok, out) = verify(&dir, n, &host, None);
            assert!(ok, "twin of {ctx}: {out}");
            assert!(pubkeys_equal(&dir), "twin of {ctx}: key");
        }
    }
}

#[test]
fn pki_labs_are_byte_identical_per_seed() {
    for code in codes("pki") {
        let a = generate(&req("pki", &code, 7, 2)).unwrap();
        let b = generate(&req("pki", &code, 7, 2)).unwrap();
        assert_eq!(a.files, b.files, "{code}");
    }
}

/// Issue #18 fidelity: the ticket of an expired leaf says it fails since the day the leaf
/// expired (not "since this morning" for a certificate that expired weeks ago).
#[test]
fn expired_leaf_ticket_dates_agree_with_the_certificate() {
    for seed in 0..6 {
        let mut r = crate::common::req("pki", "pki/expired-leaf", seed, 1);
        r.lang = loopcoach_labs::Lang::En;
        let lab = loopcoach_labs::generate(&r).unwrap();
        let chain = String::from_utf8(lab.file("chain.pem").unwrap().contents.clone()).unwrap();
        let leaf = pem::parse_many(&chain).unwrap().remove(0);
        let (_, cert) = x509_parser::parse_x509_certificate(leaf.contents()).unwrap();
        let not_after = cert.validity().not_after.to_datetime().date().to_string();
        let ticket = String::from_utf8(lab.file("TICKET.md").unwrap().contents.clone()).unwrap();
        assert!(ticket.contains(&not_after), "{not_after}\n{ticket}");
        assert!(!ticket.contains("this morning"), "{ticket}");
    }
}
