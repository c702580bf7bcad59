//! Linux labs: an EC2 instance with one thing wrong, as the customer's diagnostics bundle
//! shows it: `df -h`/`df -i`, `du`, `lsof +L1`, `free -m`, the kernel and service journals,
//! `ls -ld` of the SSH path and the SSH client's error. Every lab has the same files; each
//! is rendered from one machine model (mounts, directory sizes and inode counts, open files,
//! processes, file modes), so the numbers agree across them: df's Used is what du sees plus
//! the deleted-but-open bytes plus the filesystem's own metadata, df -i's IUsed is du
//! --inodes plus the reserved inodes, the OOM-killed PID is the service's.
//!
//! The validator reads the files back and applies the rules a support engineer would: a
//! full filesystem whose deleted-but-open files hold the space, an inode table at 100% with
//! blocks free, the kernel's "Killed process" line, and sshd's StrictModes walk (the file,
//! then every directory up to the home, owned by root or the user and not group/other
//! writable).

mod render;

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;

use crate::common::{Built, LabInfo, Spec, pick, range, text};
use crate::{LabError, LabFile};

use render::{DfRow, LsofRow, Node, Task};

pub(crate) const FAULTS: &[&str] = &[
    "linux/deleted-open-file",
    "linux/inode-exhaustion",
    "linux/oom-killer",
    "linux/ssh-bad-modes",
];

const APPS: &[&str] = &["orders", "billing", "report", "ledger", "catalog", "media"];
const GIB: u64 = 1024 * 1024; // in 1K blocks

pub(crate) fn second_cause(primary: &str, rng: &mut ChaCha20Rng) -> Option<&'static str> {
    let others: Vec<&'static str> = FAULTS.iter().copied().filter(|c| *c != primary).collect();
    Some(*pick(rng, &others))
}

/// The distribution decides names and formats: user, root device, SELinux mark.
struct Distro {
    user: &'static str,
    root_source: &'static str,
    root_fs_ext4: bool,
    selinux: bool,
    kernel: &'static str,
    /// The sshd unit (`ssh` on Ubuntu).
    sshd_unit: &'static str,
}

const AL2023: Distro = Distro {
    user: "ec2-user",
    root_source: "/dev/nvme0n1p1",
    root_fs_ext4: false,
    selinux: true,
    kernel: "6.1.79-99.167.amzn2023.x86_64",
    sshd_unit: "sshd",
};
const UBUNTU: Distro = Distro {
    user: "ubuntu",
    root_source: "/dev/root",
    root_fs_ext4: true,
    selinux: false,
    kernel: "6.5.0-1017-aws",
    sshd_unit: "ssh",
};

fn ts(spec: &Spec, minutes_before: i64) -> String {
    let t = spec.now - time::Duration::minutes(minutes_before);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {:02} {:02}:{:02}:{:02}",
        MONTHS[usize::from(u8::from(t.month())) - 1],
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `Last login: Fri Mar 13 09:30:00 2026` (a day before the case).
fn last_login(spec: &Spec) -> String {
    let t = spec.now - time::Duration::days(1);
    let day = &format!("{:?}", t.weekday())[..3];
    let full = ts(spec, 1440);
    let (date, clock) = full.split_at(6);
    let (mon, dd) = date.split_at(4);
    format!(
        "{day} {mon}{:>2} {} {}",
        dd.trim_start_matches('0').trim(),
        clock.trim(),
        t.year()
    )
}

/// ls's date for a recent file: `Mar 14 09:01` (day padded with a space).
fn ls_time(spec: &Spec, days_before: i64) -> String {
    let full = ts(spec, days_before * 24 * 60 + 7);
    let (mon, rest) = full.split_at(4);
    let (day, time) = rest.split_at(2);
    format!(
        "{mon}{:>2} {}",
        day.trim_start_matches('0'),
        &time.trim()[..5]
    )
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let mut r = spec.rng("names");
    let app = *pick(&mut r, APPS);
    let d = if r.next_u32().is_multiple_of(2) {
        &AL2023
    } else {
        &UBUNTU
    };
    let host = format!("ip-10-0-{}-{}", range(&mut r, 1, 40), range(&mut r, 4, 250));
    let public_ip = format!(
        "3.{}.{}.{}",
        range(&mut r, 34, 39),
        range(&mut r, 1, 250),
        range(&mut r, 1, 250)
    );
    let app_pid = range(&mut r, 1800, 9000) as u32;
    let app_uid = 1001u32;
    let mut built = Built::default();

    // --- Filesystems. Root: xfs on AL2023 (no reserve), ext4 on Ubuntu (5% reserve).
    let root_gib = *pick(&mut r, &[8u64, 20, 30]);
    let root_size = root_gib * GIB - range(&mut r, 40_000, 120_000) as u64;
    let reserve = if d.root_fs_ext4 { root_size / 20 } else { 0 };
    let dirs: Vec<(&str, u64)> = vec![
        ("/usr", range(&mut r, 1_800_000, 2_500_000) as u64),
        ("/var", range(&mut r, 400_000, 1_200_000) as u64),
        ("/opt", range(&mut r, 250_000, 900_000) as u64),
        ("/home", range(&mut r, 20_000, 200_000) as u64),
        ("/etc", range(&mut r, 24_000, 42_000) as u64),
        ("/boot", range(&mut r, 60_000, 90_000) as u64),
        ("/root", range(&mut r, 12, 400) as u64),
    ];
    let visible: u64 = dirs.iter().map(|(_, k)| k).sum();
    let metadata = range(&mut r, 50_000, 90_000) as u64;
    let deleted_small = if spec.difficulty >= 2 {
        9_216 * 1024
    } else {
        0
    };
    let deleted_big = if spec.has("linux/deleted-open-file") {
        // Everything the filesystem had left, held by the rotated-away log.
        (root_size - reserve).saturating_sub(
            visible + metadata + deleted_small / 1024 + range(&mut r, 0, 2_000) as u64,
        ) * 1024
    } else {
        0
    };
    let root_used = visible + metadata + deleted_big / 1024 + deleted_small / 1024;
    let root_avail = root_size.saturating_sub(root_used + reserve);
    let root_inodes = if d.root_fs_ext4 {
        root_size / 16
    } else {
        root_size / 2
    };
    let root_iused = range(&mut r, 90_000, 180_000) as u64;

    // The application's data volume: ext4, 50 GiB, 16 KiB per inode.
    let data_size = 50 * GIB - 885_000;
    let data_inodes = 50 * GIB / 16;
    let data_reserve = data_size / 20;
    let cache_dirs: Vec<(String, u64)> = vec![
        ("lost+found".to_string(), 1),
        ("db".to_string(), range(&mut r, 40, 400) as u64),
        ("uploads".to_string(), range(&mut r, 20_000, 90_000) as u64),
        (
            "cache".to_string(),
            if spec.has("linux/inode-exhaustion") {
                0
            } else {
                range(&mut r, 2_000, 30_000) as u64
            },
        ),
    ];
    let mut cache_dirs = cache_dirs;
    let known: u64 = cache_dirs.iter().map(|(_, n)| n).sum();
    if spec.has("linux/inode-exhaustion") {
        // du --inodes on the mount counts every inode but the ten reserved ones (<11)
        // other than the root directory; the cache takes all that is left.
        let total_du = data_inodes - 10;
        cache_dirs[3].1 = total_du - known - 1;
    }
    let data_du_inodes: u64 = cache_dirs.iter().map(|(_, n)| n).sum::<u64>() + 1;
    let data_iused = data_du_inodes + 10;
    let data_used = range(&mut r, 16 * GIB as i64, 26 * GIB as i64) as u64;
    let data_avail = data_size - data_used - data_reserve;

    let data_mount = format!("/var/lib/{app}");
    let mut rows = vec![
        DfRow {
            source: "devtmpfs".into(),
            size: 4096,
            used: 0,
            avail: 4096,
            inodes: 489_034,
            iused: 326,
            target: "/dev".into(),
        },
        DfRow {
            source: "tmpfs".into(),
            size: 1_956_636,
            used: 0,
            avail: 1_956_636,
            inodes: 489_159,
            iused: 1,
            target: "/dev/shm".into(),
        },
        DfRow {
            source: "tmpfs".into(),
            size: 782_656,
            used: 8_760,
            avail: 773_896,
            inodes: 819_200,
            iused: 612,
            target: "/run".into(),
        },
        DfRow {
            source: d.root_source.into(),
            size: root_size,
            used: root_used,
            avail: root_avail,
            inodes: root_inodes,
            iused: root_iused,
            target: "/".into(),
        },
        DfRow {
            source: "/dev/nvme1n1".into(),
            size: data_size,
            used: data_used,
            avail: data_avail,
            inodes: data_inodes,
            iused: data_iused,
            target: data_mount.clone(),
        },
    ];
    if !d.root_fs_ext4 {
        rows.push(DfRow {
            source: "/dev/nvme0n1p128".into(),
            size: 10_202,
            used: 1_318,
            avail: 8_884,
            inodes: 0,
            iused: 0,
            target: "/boot/efi".into(),
        });
    }
    built.file(
        "df.txt",
        format!(
            "$ df -h\n{}\n$ df -i\n{}\n$ df /\n{}",
            render::df_h(&rows),
            render::df_i(&rows),
            render::df_k(&rows[3..4])
        ),
    );

    // du: what the files that still have names take.
    let mut du = String::from("$ sudo du -xh --max-depth=1 / 2>/dev/null | sort -h\n");
    let mut sorted = dirs.clone();
    sorted.sort_by_key(|(_, k)| *k);
    for (p, k) in &sorted {
        du.push_str(&format!("{}\t{p}\n", render::human(k * 1024)));
    }
    du.push_str(&format!("{}\t/\n", render::human(visible * 1024)));
    du.push_str(&format!(
        "\n$ sudo du -x --inodes --max-depth=1 {data_mount} | sort -n\n"
    ));
    let mut by_count = cache_dirs.clone();
    by_count.sort_by_key(|(_, n)| *n);
    for (p, n) in &by_count {
        du.push_str(&format!("{n}\t{data_mount}/{p}\n"));
    }
    du.push_str(&format!("{data_du_inodes}\t{data_mount}\n"));
    built.file("du.txt", du);

    // lsof +L1: open files with no name left.
    let mut open = Vec::new();
    if deleted_big > 0 {
        open.push(LsofRow {
            command: "java".into(),
            pid: app_pid,
            user: app.into(),
            fd: range(&mut r, 30, 90) as u32,
            mode: 'w',
            device: "259,1".into(),
            size: deleted_big,
            nlink: 0,
            node: range(&mut r, 100_000, 9_000_000) as u64,
            name: format!("/var/log/{app}/{app}.log.1 (deleted)"),
        });
    }
    if deleted_small > 0 {
        // A small, harmless one: sssd's memory cache (Amazon Linux) or a journal file
        // journald rotated away (Ubuntu).
        let (command, name) = if d.selinux {
            ("sssd_nss", "/var/lib/sss/mc/passwd (deleted)".to_string())
        } else {
            (
                "systemd-journald",
                format!(
                    "/var/log/journal/{:016x}{:016x}/system@0006{:010x}-{:016x}.journal~ (deleted)",
                    r.next_u64(),
                    r.next_u64(),
                    r.next_u64() & 0xff_ffff_ffff,
                    r.next_u64()
                ),
            )
        };
        open.push(LsofRow {
            command: command.into(),
            pid: range(&mut r, 300, 1500) as u32,
            user: "root".into(),
            fd: 19,
            mode: 'u',
            device: "259,1".into(),
            size: deleted_small,
            nlink: 0,
            node: range(&mut r, 100_000, 9_000_000) as u64,
            name,
        });
    }
    built.file(
        "lsof.txt",
        format!("$ sudo lsof -nP +L1\n{}", render::lsof(&open)),
    );

    // Memory and the kernel log.
    let total_mb = *pick(&mut r, &[3_828u64, 7_816, 15_788]);
    let oom = spec.has("linux/oom-killer");
    let heap_mb = if oom {
        total_mb - range(&mut r, 120, 260) as u64
    } else {
        total_mb / 3
    };
    let java = Task {
        pid: app_pid,
        uid: app_uid,
        total_vm: (heap_mb + range(&mut r, 900, 2_400) as u64) * 256,
        rss: heap_mb * 256,
        pgtables_bytes: heap_mb * 2 * 1024,
        oom_score_adj: 0,
        name: "java".into(),
    };
    let (used, free, cache) = if oom {
        (
            total_mb * 32 / 100,
            total_mb * 42 / 100,
            total_mb * 22 / 100,
        )
    } else {
        (
            total_mb * 45 / 100,
            total_mb * 20 / 100,
            total_mb * 31 / 100,
        )
    };
    let available = free + cache * 8 / 10;
    built.file(
        "free.txt",
        format!(
            "$ free -m\n{}",
            render::free_m([total_mb, used, free, 2, cache, available], [0, 0, 0])
        ),
    );
    let k = |m: i64, msg: &str| format!("{} {host} kernel: {msg}\n", ts(spec, m));
    let mut kern = "$ sudo journalctl -k --since \"-2h\" --no-pager | tail -n 40\n".to_string();
    kern.push_str(&k(95, "ena 0000:00:05.0 eth0: Link is Up"));
    if spec.difficulty >= 2 {
        kern.push_str(&k(
            70,
            if d.selinux {
                "audit: type=1400 audit(0.0:212): avc:  denied  { read } for  pid=1210 comm=\"amazon-ssm-agen\" name=\"resolv.conf\" dev=\"tmpfs\" ino=1046 scontext=system_u:system_r:unconfined_service_t:s0"
            } else {
                "audit: type=1400 audit(0.0:212): apparmor=\"DENIED\" operation=\"open\" class=\"file\" profile=\"/usr/sbin/chronyd\" name=\"/etc/ssl/openssl.cnf\" pid=811 comm=\"chronyd\" requested_mask=\"r\" denied_mask=\"r\" fsuid=0 ouid=0"
            },
        ));
        kern.push_str(&k(41, "TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.  Check SNMP counters."));
    }
    if oom {
        let m = 12;
        kern.push_str(&k(m, "java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0"));
        kern.push_str(&k(
            m,
            &format!(
                "CPU: 1 PID: {app_pid} Comm: java Not tainted {} #1",
                d.kernel
            ),
        ));
        kern.push_str(&k(m, "Mem-Info:"));
        kern.push_str(&k(m, &format!(
            "active_anon:{} inactive_anon:{} isolated_anon:0 active_file:212 inactive_file:301 isolated_file:0 unevictable:0 dirty:0 writeback:0 free:{}",
            java.rss - 2_048, 1_337, total_mb * 256 / 100
        )));
        kern.push_str(&k(m, "Tasks state (memory values in pages):"));
        kern.push_str(&k(
            m,
            "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
        ));
        for t in [
            Task {
                pid: 402,
                uid: 0,
                total_vm: 12_845,
                rss: 1_812,
                pgtables_bytes: 110_592,
                oom_score_adj: -250,
                name: "systemd-journal".into(),
            },
            Task {
                pid: 1021,
                uid: 0,
                total_vm: 330_112,
                rss: 4_096,
                pgtables_bytes: 282_624,
                oom_score_adj: 0,
                name: "amazon-ssm-agen".into(),
            },
            Task {
                pid: 1188,
                uid: 0,
                total_vm: 3_966,
                rss: 1_408,
                pgtables_bytes: 73_728,
                oom_score_adj: -1000,
                name: "sshd".into(),
            },
            java.clone(),
        ] {
            kern.push_str(&k(m, &render::task_row(&t)));
        }
        kern.push_str(&k(m, &format!(
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/{app}.service,task=java,pid={app_pid},uid={app_uid}"
        )));
        kern.push_str(&k(m, &render::killed_line(&java, false)));
        kern.push_str(&k(m - 1, &format!(
            "oom_reaper: reaped process {app_pid} (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB"
        )));
    }
    built.file("kernel.txt", kern);

    // The service's journal.
    let s = |m: i64, unit: &str, msg: &str| format!("{} {host} {unit}: {msg}\n", ts(spec, m));
    let mut svc = format!("$ sudo journalctl -u {app} --since \"-2h\" --no-pager | tail -n 20\n");
    svc.push_str(&s(
        90,
        "systemd[1]",
        &format!("Started {app}.service - {app} API."),
    ));
    if spec.has("linux/deleted-open-file") {
        svc.push_str(&s(20, &format!("java[{app_pid}]"), &format!(
            "ERROR c.{app}.Exporter - write failed: java.io.IOException: No space left on device"
        )));
        svc.push_str(&s(8, &format!("java[{app_pid}]"), "ERROR o.h.engine.jdbc.spi.SqlExceptionHelper - could not write temp file: No space left on device"));
    }
    if spec.has("linux/inode-exhaustion") {
        svc.push_str(&s(16, &format!("java[{app_pid}]"), &format!(
            "ERROR c.{app}.ThumbnailCache - java.nio.file.FileSystemException: {data_mount}/cache/7f/3a/7f3a91c2.bin: No space left on device"
        )));
    }
    if oom {
        svc.push_str(&s(12, &format!("run.sh[{}]", app_pid - 2), &format!(
            "/opt/{app}/bin/run.sh: line 14: {app_pid:>5} Killed                  java -Xms{heap_mb}m -jar /opt/{app}/{app}.jar"
        )));
        svc.push_str(&s(
            12,
            "systemd[1]",
            &format!("{app}.service: A process of this unit has been killed by the OOM killer."),
        ));
        svc.push_str(&s(
            12,
            "systemd[1]",
            &format!("{app}.service: Main process exited, code=exited, status=137/n/a"),
        ));
        svc.push_str(&s(
            12,
            "systemd[1]",
            &format!("{app}.service: Failed with result 'oom-kill'."),
        ));
        svc.push_str(&s(
            11,
            "systemd[1]",
            &format!("{app}.service: Scheduled restart job, restart counter is at 4."),
        ));
    }
    built.file("service.txt", svc);

    // SSH: the client's error and the server's StrictModes view, from file modes.
    let user = d.user;
    let home = format!("/home/{user}");
    let variant = r.next_u32() % 4;
    let bad_ssh = spec.has("linux/ssh-bad-modes");
    let mut nodes = vec![
        Node {
            path: home.clone(),
            dir: true,
            mode: 0o700,
            owner: user.into(),
            group: user.into(),
            links: 4,
            size: if d.root_fs_ext4 { 4096 } else { 95 },
            mtime: ls_time(spec, 30),
        },
        Node {
            path: format!("{home}/.ssh"),
            dir: true,
            mode: 0o700,
            owner: user.into(),
            group: user.into(),
            links: 2,
            size: if d.root_fs_ext4 { 4096 } else { 48 },
            mtime: ls_time(spec, 1),
        },
        Node {
            path: format!("{home}/.ssh/authorized_keys"),
            dir: false,
            mode: 0o600,
            owner: user.into(),
            group: user.into(),
            links: 1,
            size: 389 + 99 * u64::from(variant % 2),
            mtime: ls_time(spec, 1),
        },
    ];
    if bad_ssh {
        match variant {
            0 => nodes[0].mode = 0o775,
            1 => nodes[1].mode = 0o777,
            2 => nodes[2].mode = 0o664,
            _ => {
                nodes[1].owner = "deploy".into();
                nodes[1].group = "deploy".into();
            }
        }
    }
    built.file(
        "ls.txt",
        format!(
            "$ ls -ld {home} {home}/.ssh {home}/.ssh/authorized_keys\n{}",
            render::ls_ld(&nodes, d.selinux)
        ),
    );
    let refused = strict_modes(&nodes, user, &home);
    let client_port = range(&mut r, 50_000, 64_000);
    let client_ip = format!("211.45.60.{}", range(&mut r, 2, 250));
    let mut ssh = format!("$ ssh -i ~/.ssh/{app}-prod.pem {user}@{public_ip}\n");
    let mut auth = format!(
        "# via Session Manager\n$ sudo journalctl -u {} --since \"-30min\" --no-pager\n",
        d.sshd_unit
    );
    let sshd_pid = range(&mut r, 20_000, 60_000);
    let line = |m: i64, msg: &str| format!("{} {host} sshd[{sshd_pid}]: {msg}\n", ts(spec, m));
    match &refused {
        Some(what) => {
            ssh.push_str(&format!(
                "{user}@{public_ip}: Permission denied (publickey).\n"
            ));
            auth.push_str(&line(6, &format!("Authentication refused: {what}")));
            auth.push_str(&line(6, &format!(
                "Connection closed by authenticating user {user} {client_ip} port {client_port} [preauth]"
            )));
        }
        None => {
            let prompt = if d.selinux {
                format!("[{user}@{host} ~]$")
            } else {
                format!("{user}@{host}:~$")
            };
            ssh.push_str(&format!(
                "Last login: {} from {client_ip}\n{prompt} exit\n",
                last_login(spec)
            ));
            auth.push_str(&line(6, &format!(
                "Accepted publickey for {user} from {client_ip} port {client_port} ssh2: ED25519 SHA256:Qm9vZ2xlIHRoZSBrZXkgZmluZ2VycHJpbnQgaGVyZQ"
            )));
            auth.push_str(&line(6, &format!(
                "pam_unix(sshd:session): session opened for user {user}(uid=1000) by {user}(uid=0)"
            )));
        }
    }
    built.file("ssh.txt", ssh);
    built.file("auth.log", auth);

    built.set("app", app);
    built.set("host", &host);
    built.set("user", user);
    built.set("ip", &public_ip);
    built.set("pid", app_pid.to_string());
    built.set("data_mount", &data_mount);
    built.set_public("user", user);
    Ok(built)
}

/// sshd's StrictModes check (auth.c `auth_secure_path`): the key file, then each directory
/// up to and including the home, must be owned by root or the user and not writable by
/// group or others. The first failure, as sshd words it.
fn strict_modes(nodes: &[Node], user: &str, home: &str) -> Option<String> {
    let mut path = format!("{home}/.ssh/authorized_keys");
    let mut is_file = true;
    loop {
        let n = nodes.iter().find(|n| n.path == path)?;
        if (n.owner != "root" && n.owner != user) || n.mode & 0o022 != 0 {
            return Some(format!(
                "bad ownership or modes for {} {}",
                if is_file { "file" } else { "directory" },
                n.path
            ));
        }
        if path == home {
            return None;
        }
        path = path.rsplit_once('/').map(|(p, _)| p.to_string())?;
        is_file = false;
    }
}

/// The validator: the rules applied to the bundle.
pub(crate) fn diagnose(files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    let mut found = Vec::new();
    let df = text(files, "df.txt")?;
    let (h, i) = df.split_once("$ df -i").unwrap_or((df, ""));
    let i = i.split("$ df /").next().unwrap_or(i);
    let pct = |s: &str| s.trim_end_matches('%').parse::<u64>().ok();
    let lsof = render::parse_lsof(text(files, "lsof.txt")?);
    // A full filesystem whose space is held by deleted-but-open files (the lsof rows are on
    // the root NVMe partition, 259,1): more than a tenth of the disk.
    let held: u64 = lsof
        .iter()
        .filter(|(_, _, _, name)| name.ends_with("(deleted)"))
        .map(|(_, _, size, _)| *size)
        .sum();
    for (_, cells, target) in render::parse_df(h) {
        let full = pct(&cells[3]).is_some_and(|p| p >= 95);
        let size_gib = cells[0].trim_end_matches('G').parse::<f64>().unwrap_or(0.0);
        if target == "/" && full && held as f64 > size_gib * (GIB * 1024) as f64 / 10.0 {
            found.push("linux/deleted-open-file".to_string());
        }
    }
    let space: Vec<(String, Option<u64>)> = render::parse_df(h)
        .into_iter()
        .map(|(_, c, t)| (t, pct(&c[3])))
        .collect();
    for (_, cells, target) in render::parse_df(i) {
        let inodes_full = pct(&cells[3]).is_some_and(|p| p >= 99);
        let blocks_free = space
            .iter()
            .any(|(t, p)| *t == target && p.is_some_and(|p| p < 90));
        if inodes_full && blocks_free {
            found.push("linux/inode-exhaustion".to_string());
        }
    }
    let kern = text(files, "kernel.txt")?;
    if kern.lines().any(|l| {
        l.contains("out of memory: Killed process") || l.contains("Out of memory: Killed process")
    }) {
        found.push("linux/oom-killer".to_string());
    }
    let ls = render::parse_ls(text(files, "ls.txt")?);
    let nodes: Vec<Node> = ls
        .iter()
        .map(|(mode, dir, owner, path)| Node {
            path: path.clone(),
            dir: *dir,
            mode: *mode,
            owner: owner.clone(),
            group: String::new(),
            links: 0,
            size: 0,
            mtime: String::new(),
        })
        .collect();
    if let Some(home) = nodes.first().filter(|n| n.dir).map(|n| n.path.clone()) {
        let user = home.rsplit('/').next().unwrap_or_default().to_string();
        if strict_modes(&nodes, &user, &home).is_some() {
            found.push("linux/ssh-bad-modes".to_string());
        }
    }
    found.dedup();
    Ok(found)
}

/// `lab ask` for Linux labs: the bundle's files, and `stat` of the SSH path.
pub(crate) fn evidence(files: &[LabFile], key: &str) -> Result<String, LabError> {
    let t = |p: &str| text(files, p).map(str::to_string);
    Ok(match key {
        "df" => t("df.txt")?,
        "du" => t("du.txt")?,
        "lsof" => t("lsof.txt")?,
        "memory" => t("free.txt")?,
        "kernel" => t("kernel.txt")?,
        "service" => t("service.txt")?,
        "auth" => format!("{}\n{}", t("ssh.txt")?, t("auth.log")?),
        "perms" => {
            let ls = t("ls.txt")?;
            let parsed = render::parse_ls(&ls);
            let paths: Vec<&str> = parsed.iter().map(|(_, _, _, p)| p.as_str()).collect();
            let mut out = format!("{ls}\n$ stat -c '%a %U:%G %n' {}\n", paths.join(" "));
            for line in ls.lines().skip(1) {
                let c: Vec<&str> = line.split_whitespace().collect();
                if let (Some((_, mode)), true) =
                    (c.first().and_then(|m| render::parse_mode(m)), c.len() >= 9)
                {
                    out.push_str(&format!(
                        "{mode:o} {}:{} {}\n",
                        c[2],
                        c[3],
                        c[8..].join(" ")
                    ));
                }
            }
            out
        }
        other => {
            return Err(crate::common::bad("lab ask")(format!(
                "nothing called `{other}` here"
            )));
        }
    })
}
