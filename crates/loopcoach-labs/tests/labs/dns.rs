//! DNS labs: the resolver model finds exactly the fault and nothing in the twin; the dig
//! output is in dig's real format and says what real DNS says.

use loopcoach_labs::{AnswerKey, ask, generate};
use regex::Regex;

use crate::common::{assert_diagnosis_exact, codes, req};

fn file(lab: &loopcoach_labs::Lab, path: &str) -> String {
    String::from_utf8_lossy(&lab.file(path).unwrap().contents).into_owned()
}

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("dns");
}

#[test]
fn dig_output_is_in_the_real_format() {
    // The topics contract's regex, and the rest of what dig prints.
    let header = Regex::new(r";; ->>HEADER<<- opcode: QUERY, status: [A-Z]+, id: \d+").unwrap();
    let flags = Regex::new(
        r";; flags: qr( aa)? rd( ra)?; QUERY: 1, ANSWER: \d+, AUTHORITY: \d+, ADDITIONAL: 1",
    )
    .unwrap();
    let stats = Regex::new(
        r";; Query time: \d+ msec\n;; SERVER: [\d.]+#53\([\d.]+\) \(UDP\)\n;; WHEN: [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n;; MSG SIZE  rcvd: \d+",
    )
    .unwrap();
    for code in codes("dns") {
        for seed in [1, 5, 9] {
            let lab = generate(&req("dns", &code, seed, 2)).unwrap();
            let dig = file(&lab, "dig.txt");
            assert!(header.is_match(&dig), "{code}: {dig}");
            assert!(flags.is_match(&dig), "{code}: {dig}");
            assert!(stats.is_match(&dig), "{code}: {dig}");
            assert!(dig.contains(";; QUESTION SECTION:\n;"), "{code}");
        }
    }
}

#[test]
fn negative_answers_carry_the_soa_and_plain_dig_ignores_the_search_list() {
    let lab = generate(&req("dns", "dns/nxdomain", 3, 1)).unwrap();
    let dig = file(&lab, "dig.txt");
    assert!(dig.contains("status: NXDOMAIN"), "{dig}");
    let authority = dig.split(";; AUTHORITY SECTION:\n").nth(1).unwrap();
    // The zone's own SOA, with the negative TTL min(900, 86400).
    assert!(
        authority.starts_with(&format!("{}.", lab.answer.context["zone"])),
        "{authority}"
    );
    assert!(
        authority
            .lines()
            .next()
            .unwrap()
            .contains("\t900\tIN\tSOA\t")
    );

    // Not associated: the root's SOA, since the query went to public DNS.
    let lab = generate(&req("dns", "dns/phz-not-associated", 3, 1)).unwrap();
    let dig = file(&lab, "dig.txt");
    assert!(
        dig.contains(".\t\t86400\tIN\tSOA\ta.root-servers.net."),
        "{dig}"
    );

    // ndots: plain dig shows the public answer, getent (the search list) the wildcard.
    let lab = generate(&req("dns", "dns/ndots-search", 3, 1)).unwrap();
    let dig = file(&lab, "dig.txt");
    let zone = &lab.answer.context["zone"];
    let target = &lab.answer.context["target"];
    let (plain, getent) = dig.split_once("getent hosts").unwrap();
    assert!(
        plain.contains("status: NOERROR") && !plain.contains(zone.as_str()),
        "{plain}"
    );
    assert!(getent.contains(&format!("{target}.{zone}")), "{getent}");
    let e = ask(&lab.answer, "dig +search").unwrap();
    assert!(e.text.contains(&format!(";{target}.{zone}.")), "{}", e.text);

    // The apex: NOERROR with no answer (NODATA) and the change refused.
    let lab = generate(&req("dns", "dns/cname-at-apex", 3, 1)).unwrap();
    let dig = file(&lab, "dig.txt");
    assert!(dig.contains("status: NOERROR") && dig.contains("ANSWER: 0, AUTHORITY: 1"));
    assert!(file(&lab, "change.txt").contains("InvalidChangeBatch"));
}

#[test]
fn a_stale_answer_counts_down_while_the_authority_has_the_new_one() {
    let lab = generate(&req("dns", "dns/stale-cache", 4, 1)).unwrap();
    let dig = file(&lab, "dig.txt");
    let answer = dig.split(";; ANSWER SECTION:\n").nth(1).unwrap();
    let line = answer.lines().next().unwrap();
    let ttl: u32 = line.split('\t').find_map(|f| f.parse().ok()).unwrap();
    assert!(ttl < 86400 && ttl > 0, "{line}");
    let key: &AnswerKey = &lab.answer;
    let auth = ask(key, "authoritative").unwrap().text;
    assert!(auth.contains("flags: qr aa rd"), "{auth}");
    assert!(auth.contains("\t86400\tIN\tA\t"), "{auth}");
    assert!(
        !auth.contains(line.split('\t').next_back().unwrap()),
        "{auth}"
    );
}

#[test]
fn labs_are_deterministic() {
    for code in codes("dns") {
        let a = generate(&req("dns", &code, 11, 3)).unwrap();
        let b = generate(&req("dns", &code, 11, 3)).unwrap();
        assert_eq!(a.files, b.files, "{code}");
    }
}
