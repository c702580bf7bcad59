//! Linux labs: the rules find exactly the fault(s), the twin is healthy, and the numbers
//! agree across df, du, lsof, the kernel log and the service journal.

use loopcoach_labs::{ask, evidence_catalogue, generate};

use crate::common::{assert_diagnosis_exact, codes, req};

fn file(lab: &loopcoach_labs::Lab, path: &str) -> String {
    String::from_utf8_lossy(&lab.file(path).unwrap().contents).to_string()
}

/// The topics check's test: `Filesystem\s+(Size|1K-blocks|Inodes)`.
fn df_header(t: &str) -> bool {
    t.match_indices("Filesystem").any(|(i, m)| {
        let rest = &t[i + m.len()..];
        let trimmed = rest.trim_start();
        trimmed.len() < rest.len()
            && ["Size", "1K-blocks", "Inodes"]
                .iter()
                .any(|h| trimmed.starts_with(h))
    })
}

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("linux");
}

#[test]
fn artifacts_pass_the_topics_contract_check() {
    assert!(df_header("Filesystem      Size  Used"));
    assert!(!df_header("Filesystems are fine"));
    let all = codes("linux");
    assert!(all.len() >= 4);
    for code in &all {
        let lab = generate(&req("linux", code, 5, 1)).unwrap();
        let t: String = lab
            .files
            .iter()
            .map(|f| String::from_utf8_lossy(&f.contents).to_string())
            .collect();
        assert!(df_header(&t), "{code}");
        let df = file(&lab, "df.txt");
        assert!(
            df.contains("Filesystem      Inodes  IUsed") || df.contains("Inodes"),
            "{df}"
        );
    }
}

/// (size, used, avail) of `/` in 1K blocks from `df /`, and the size `du -sx` prints.
fn root_numbers(lab: &loopcoach_labs::Lab) -> (u64, u64, u64) {
    let df = file(lab, "df.txt");
    let k = df.split("$ df /\n").nth(1).unwrap();
    let row: Vec<&str> = k.lines().nth(1).unwrap().split_whitespace().collect();
    (
        row[1].parse().unwrap(),
        row[2].parse().unwrap(),
        row[3].parse().unwrap(),
    )
}

#[test]
fn numbers_agree_across_the_artifacts() {
    for seed in 0..12 {
        let lab = generate(&req("linux", "linux/deleted-open-file", seed, 2)).unwrap();
        let (size, used, avail) = root_numbers(&lab);
        let df = file(&lab, "df.txt");
        let root_h = df.lines().find(|l| l.ends_with(" /")).unwrap();
        assert!(root_h.contains(" 100% /"), "{root_h}");
        // Size is Used + Avail (xfs), or that plus ext4's 5% reserve.
        let reserve = size - used - avail;
        assert!(
            reserve == 0 || reserve == size / 20,
            "{size} {used} {avail}"
        );
        // df's Used = what du sees + what deleted-but-open files hold + metadata (< 100 MB).
        let lsof = file(&lab, "lsof.txt");
        let held: u64 = lsof
            .lines()
            .filter(|l| l.ends_with("(deleted)"))
            .map(|l| l.split_whitespace().nth(6).unwrap().parse::<u64>().unwrap() / 1024)
            .sum();
        let du = file(&lab, "du.txt");
        let visible_h = du.lines().find(|l| l.ends_with("\t/")).unwrap();
        let gap = used - held;
        assert!(gap > 0 && gap < 6 * 1024 * 1024, "{gap}");
        assert!(!visible_h.is_empty());
        // The writer of the deleted log is the service's PID.
        let pid = lsof
            .lines()
            .find(|l| l.starts_with("java"))
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_string();
        assert!(file(&lab, "service.txt").contains(&format!("java[{pid}]")));
    }
    for seed in 0..8 {
        let lab = generate(&req("linux", "linux/inode-exhaustion", seed, 1)).unwrap();
        let df = file(&lab, "df.txt");
        let idf = df.split("$ df -i\n").nth(1).unwrap();
        let row: Vec<&str> = idf
            .lines()
            .find(|l| l.contains("/var/lib/"))
            .unwrap()
            .split_whitespace()
            .collect();
        let (inodes, iused, ifree) = (
            row[1].parse::<u64>().unwrap(),
            row[2].parse::<u64>().unwrap(),
            row[3].parse::<u64>().unwrap(),
        );
        assert_eq!(inodes, iused + ifree);
        assert_eq!(row[4], "100%");
        let du = file(&lab, "du.txt");
        let total: u64 = du
            .lines()
            .last()
            .unwrap()
            .split('\t')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(total + 10, iused, "du --inodes + the reserved inodes");
    }
    for seed in 0..8 {
        let lab = generate(&req("linux", "linux/oom-killer", seed, 1)).unwrap();
        let k = file(&lab, "kernel.txt");
        let killed = k
            .lines()
            .find(|l| l.contains("Out of memory: Killed process"))
            .unwrap();
        let pid = killed
            .split("Killed process ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        let row = k
            .lines()
            .find(|l| l.contains(&format!("[{pid:>7}]")))
            .unwrap();
        let cols: Vec<&str> = row.split(']').nth(1).unwrap().split_whitespace().collect();
        let total_vm: u64 = cols[2].parse().unwrap();
        let rss: u64 = cols[3].parse().unwrap();
        assert!(
            killed.contains(&format!("total-vm:{}kB", total_vm * 4)),
            "{killed}"
        );
        assert!(
            killed.contains(&format!("anon-rss:{}kB", rss * 4)),
            "{killed}"
        );
        assert!(k.contains(&format!("task=java,pid={pid},")));
        let svc = file(&lab, "service.txt");
        assert!(
            svc.contains("status=137/n/a") && svc.contains(&format!("{pid} Killed")),
            "{svc}"
        );
    }
    for seed in 0..8 {
        let lab = generate(&req("linux", "linux/ssh-bad-modes", seed, 1)).unwrap();
        let auth = file(&lab, "auth.log");
        let line = auth
            .lines()
            .find(|l| l.contains("Authentication refused"))
            .unwrap();
        let path = line.rsplit(' ').next().unwrap();
        let ls = file(&lab, "ls.txt");
        let entry = ls
            .lines()
            .find(|l| l.ends_with(&format!(" {path}")))
            .unwrap();
        let bad_mode = entry[5..6] == *"w" || entry[8..9] == *"w";
        let bad_owner = !entry.contains(" ec2-user ") && !entry.contains(" ubuntu ");
        assert!(bad_mode || bad_owner, "{line} / {entry}");
        assert!(file(&lab, "ssh.txt").contains("Permission denied (publickey)."));
    }
}

#[test]
fn every_evidence_item_answers() {
    for code in codes("linux") {
        let lab = generate(&req("linux", &code, 2, 2)).unwrap();
        for item in evidence_catalogue("linux").unwrap() {
            let e = ask(&lab.answer, &item.key).unwrap();
            assert!(!e.text.trim().is_empty(), "{code}: {}", item.key);
        }
    }
    let lab = generate(&req("linux", "linux/ssh-bad-modes", 1, 1)).unwrap();
    let perms = ask(&lab.answer, "stat").unwrap().text;
    assert!(perms.contains("$ stat -c '%a %U:%G %n'"), "{perms}");
}
