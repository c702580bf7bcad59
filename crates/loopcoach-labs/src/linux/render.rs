//! The tools' output formats, laid out as GNU coreutils, procps-ng, lsof and the kernel print
//! them: `df` (columns at least as wide as df's minimums, the source left-aligned, numbers
//! right-aligned, `-h` rounding up in powers of 1024, Use% = ceil(used / (used + avail))),
//! `du` (size, a tab, the path), `lsof` (COMMAND cut at 9 characters, FD as number + mode +
//! lock), `free -m`, `ls -ld` and the kernel's OOM report (`dump_task` and `oom-kill:` lines).

/// `df -h`/`du -h` sizes: 1024-based, rounded up, one decimal below 10 ("8.0G", "20G", "0").
pub(crate) fn human(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["K", "M", "G", "T", "P", "E"];
    if bytes < 1024 {
        return bytes.to_string();
    }
    let b = u128::from(bytes);
    let mut base: u128 = 1024;
    let mut exp = 0usize;
    while b >= base * 1024 && exp + 1 < UNITS.len() {
        base *= 1024;
        exp += 1;
    }
    let tenths = (b * 10).div_ceil(base);
    if tenths < 100 {
        return format!("{}.{}{}", tenths / 10, tenths % 10, UNITS[exp]);
    }
    let whole = b.div_ceil(base);
    if whole >= 1024 && exp + 1 < UNITS.len() {
        return format!("1.0{}", UNITS[exp + 1]);
    }
    format!("{whole}{}", UNITS[exp])
}

/// df's percentage: used / (used + available), rounded up; `-` when both are zero.
pub(crate) fn pct(used: u64, avail: u64) -> String {
    let total = used + avail;
    if total == 0 {
        return "-".to_string();
    }
    format!("{}%", (u128::from(used) * 100).div_ceil(u128::from(total)))
}

/// One line of `df`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DfRow {
    pub source: String,
    /// 1K blocks.
    pub size: u64,
    pub used: u64,
    pub avail: u64,
    pub inodes: u64,
    pub iused: u64,
    pub target: String,
}

/// Lays out rows the way df does: each column as wide as its widest cell or df's minimum
/// (Filesystem 14, numbers 5, Use% 4), the source and mount left-aligned.
fn df_table(header: [&str; 6], rows: &[[String; 6]], minimums: [usize; 5]) -> String {
    let mut w = [0usize; 5];
    for (i, m) in minimums.iter().enumerate() {
        w[i] = rows
            .iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].chars().count(), *m])
            .max()
            .unwrap_or(0);
    }
    let line = |cells: [&str; 6]| {
        let mut s = format!("{:<w0$}", cells[0], w0 = w[0]);
        for i in 1..5 {
            s.push_str(&format!(" {:>wi$}", cells[i], wi = w[i]));
        }
        s.push(' ');
        s.push_str(cells[5]);
        s.push('\n');
        s
    };
    let mut out = line(header);
    for r in rows {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]));
    }
    out
}

/// `df -h`.
pub(crate) fn df_h(rows: &[DfRow]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.source.clone(),
                human(r.size * 1024),
                human(r.used * 1024),
                human(r.avail * 1024),
                pct(r.used, r.avail),
                r.target.clone(),
            ]
        })
        .collect();
    df_table(
        ["Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"],
        &cells,
        [14, 5, 5, 5, 4],
    )
}

/// `df` (1K blocks).
pub(crate) fn df_k(rows: &[DfRow]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.source.clone(),
                r.size.to_string(),
                r.used.to_string(),
                r.avail.to_string(),
                pct(r.used, r.avail),
                r.target.clone(),
            ]
        })
        .collect();
    df_table(
        [
            "Filesystem",
            "1K-blocks",
            "Used",
            "Available",
            "Use%",
            "Mounted on",
        ],
        &cells,
        [14, 5, 5, 5, 4],
    )
}

/// `df -i`.
pub(crate) fn df_i(rows: &[DfRow]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let free = r.inodes.saturating_sub(r.iused);
            [
                r.source.clone(),
                r.inodes.to_string(),
                r.iused.to_string(),
                free.to_string(),
                pct(r.iused, free),
                r.target.clone(),
            ]
        })
        .collect();
    df_table(
        [
            "Filesystem",
            "Inodes",
            "IUsed",
            "IFree",
            "IUse%",
            "Mounted on",
        ],
        &cells,
        [14, 5, 5, 5, 4],
    )
}

/// Reads a `df`, `df -h` or `df -i` table back: (source, four middle cells, mount).
pub(crate) fn parse_df(text: &str) -> Vec<(String, [String; 4], String)> {
    text.lines()
        .skip_while(|l| !l.starts_with("Filesystem"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('$'))
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            (c.len() >= 6).then(|| {
                (
                    c[0].to_string(),
                    [c[1], c[2], c[3], c[4]].map(str::to_string),
                    c[5..].join(" "),
                )
            })
        })
        .collect()
}

/// One row of `lsof`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LsofRow {
    pub command: String,
    pub pid: u32,
    pub user: String,
    pub fd: u32,
    pub mode: char,
    pub device: String,
    pub size: u64,
    pub nlink: u32,
    pub node: u64,
    pub name: String,
}

/// `lsof +L1`; empty output when nothing matches, as lsof prints.
pub(crate) fn lsof(rows: &[LsofRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let cmd: Vec<String> = rows
        .iter()
        .map(|r| r.command.chars().take(9).collect())
        .collect();
    let fds: Vec<String> = rows.iter().map(|r| r.fd.to_string()).collect();
    let wmax = |head: &str, cells: &mut dyn Iterator<Item = usize>, min: usize| {
        cells.chain([head.len(), min]).max().unwrap_or(min)
    };
    let wc = wmax("COMMAND", &mut cmd.iter().map(String::len), 7);
    let wp = wmax("PID", &mut rows.iter().map(|r| r.pid.to_string().len()), 3);
    let wu = wmax("USER", &mut rows.iter().map(|r| r.user.len()), 4);
    let wf = wmax("FD", &mut fds.iter().map(String::len), 4);
    let wt = 4;
    let wd = wmax("DEVICE", &mut rows.iter().map(|r| r.device.len()), 6);
    let ws = wmax(
        "SIZE/OFF",
        &mut rows.iter().map(|r| r.size.to_string().len()),
        8,
    );
    let wl = wmax(
        "NLINK",
        &mut rows.iter().map(|r| r.nlink.to_string().len()),
        5,
    );
    let wn = wmax(
        "NODE",
        &mut rows.iter().map(|r| r.node.to_string().len()),
        4,
    );
    let mut out = format!(
        "{:<wc$} {:>wp$} {:<wu$} {:>wf$}   {:>wt$} {:>wd$} {:>ws$} {:>wl$} {:>wn$} NAME\n",
        "COMMAND", "PID", "USER", "FD", "TYPE", "DEVICE", "SIZE/OFF", "NLINK", "NODE"
    );
    for (i, r) in rows.iter().enumerate() {
        out.push_str(&format!(
            "{:<wc$} {:>wp$} {:<wu$} {:>wf$}{}  {:>wt$} {:>wd$} {:>ws$} {:>wl$} {:>wn$} {}\n",
            cmd[i], r.pid, r.user, fds[i], r.mode, "REG", r.device, r.size, r.nlink, r.node, r.name
        ));
    }
    out
}

/// Reads `lsof` rows back: (command, pid, size, name).
pub(crate) fn parse_lsof(text: &str) -> Vec<(String, u32, u64, String)> {
    text.lines()
        .skip_while(|l| !l.starts_with("COMMAND"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('$'))
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            if c.len() < 10 {
                return None;
            }
            Some((
                c[0].to_string(),
                c[1].parse().ok()?,
                c[6].parse().ok()?,
                c[9..].join(" "),
            ))
        })
        .collect()
}

/// `free -m`: the label in 8 columns, every number right-aligned in 12.
pub(crate) fn free_m(mem: [u64; 6], swap: [u64; 3]) -> String {
    let mut out = format!(
        "{:8}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}\n",
        "", "total", "used", "free", "shared", "buff/cache", "available"
    );
    out.push_str(&format!("{:<8}", "Mem:"));
    for v in mem {
        out.push_str(&format!("{v:>12}"));
    }
    out.push('\n');
    out.push_str(&format!("{:<8}", "Swap:"));
    for v in swap {
        out.push_str(&format!("{v:>12}"));
    }
    out.push('\n');
    out
}

/// A file as `ls -ld` shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub path: String,
    pub dir: bool,
    pub mode: u32,
    pub owner: String,
    pub group: String,
    pub links: u32,
    pub size: u64,
    /// `Mar 14 09:01` (within six months).
    pub mtime: String,
}

/// `rwxr-x---` from permission bits.
pub(crate) fn mode_string(dir: bool, mode: u32) -> String {
    let mut s = String::from(if dir { "d" } else { "-" });
    for shift in [6, 3, 0] {
        let b = (mode >> shift) & 7;
        s.push(if b & 4 != 0 { 'r' } else { '-' });
        s.push(if b & 2 != 0 { 'w' } else { '-' });
        s.push(if b & 1 != 0 { 'x' } else { '-' });
    }
    s
}

/// The permission bits of `drwxr-x---` (a trailing `.` or `+` is the SELinux/ACL mark).
pub(crate) fn parse_mode(s: &str) -> Option<(bool, u32)> {
    let s = s.trim_end_matches(['.', '+']);
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 10 {
        return None;
    }
    let mut mode = 0u32;
    for (i, c) in chars[1..].iter().enumerate() {
        let want = ['r', 'w', 'x'][i % 3];
        if *c == want {
            mode |= 1 << (8 - i);
        } else if *c != '-' {
            return None;
        }
    }
    Some((chars[0] == 'd', mode))
}

/// `ls -ld a b c`: one listing, the link count, owner, group and size columns aligned.
pub(crate) fn ls_ld(nodes: &[Node], selinux: bool) -> String {
    let w = |f: &dyn Fn(&Node) -> String| nodes.iter().map(|n| f(n).len()).max().unwrap_or(0);
    let wl = w(&|n| n.links.to_string());
    let wo = w(&|n| n.owner.clone());
    let wg = w(&|n| n.group.clone());
    let ws = w(&|n| n.size.to_string());
    let mut out = String::new();
    for n in nodes {
        out.push_str(&format!(
            "{}{} {:>wl$} {:<wo$} {:<wg$} {:>ws$} {} {}\n",
            mode_string(n.dir, n.mode),
            if selinux { "." } else { "" },
            n.links,
            n.owner,
            n.group,
            n.size,
            n.mtime,
            n.path
        ));
    }
    out
}

/// Reads `ls -ld` lines back as (mode bits, is dir, owner, path).
pub(crate) fn parse_ls(text: &str) -> Vec<(u32, bool, String, String)> {
    text.lines()
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            if c.len() < 9 {
                return None;
            }
            let (dir, mode) = parse_mode(c[0])?;
            Some((mode, dir, c[2].to_string(), c[8..].join(" ")))
        })
        .collect()
}

/// A process in the kernel's OOM report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Task {
    pub pid: u32,
    pub uid: u32,
    /// Pages.
    pub total_vm: u64,
    /// Pages (anon + file + shmem).
    pub rss: u64,
    pub pgtables_bytes: u64,
    pub oom_score_adj: i32,
    pub name: String,
}

/// `dump_task`'s row (mm/oom_kill.c): `[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s`.
pub(crate) fn task_row(t: &Task) -> String {
    format!(
        "[{:>7}] {:>5} {:>5} {:>8} {:>8} {:>8} {:>8}         {:>5} {}",
        t.pid, t.uid, t.pid, t.total_vm, t.rss, t.pgtables_bytes, 0, t.oom_score_adj, t.name
    )
}

/// The kernel's "Out of memory: Killed process" line (4 KiB pages; all of rss is anon).
pub(crate) fn killed_line(t: &Task, memcg: bool) -> String {
    format!(
        "{}: Killed process {} ({}) total-vm:{}kB, anon-rss:{}kB, file-rss:0kB, shmem-rss:0kB, UID:{} pgtables:{}kB oom_score_adj:{}",
        if memcg {
            "Memory cgroup out of memory"
        } else {
            "Out of memory"
        },
        t.pid,
        t.name,
        t.total_vm * 4,
        t.rss * 4,
        t.uid,
        t.pgtables_bytes / 1024,
        t.oom_score_adj
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_round_up_like_coreutils() {
        assert_eq!(human(0), "0");
        assert_eq!(human(4096), "4.0K");
        assert_eq!(human(20 * 1024 * 1024 * 1024), "20G");
        assert_eq!(human(8_372_204 * 1024), "8.0G");
        assert_eq!(human(8_500_000 * 1024), "8.2G");
        // 9.96 GiB rounds up to 10G, not 10.0G.
        assert_eq!(human(10_443_000 * 1024), "10G");
        assert_eq!(human(1024 * 1024 * 1024 - 1), "1.0G");
        assert_eq!(pct(0, 0), "-");
        assert_eq!(pct(1, 199), "1%");
        assert_eq!(pct(8_300_000, 0), "100%");
    }

    #[test]
    fn df_lays_out_columns_like_gnu_df() {
        let rows = vec![
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
                source: "/dev/nvme0n1p1".into(),
                size: 8_372_204,
                used: 8_372_204,
                avail: 0,
                inodes: 4_192_192,
                iused: 123_456,
                target: "/".into(),
            },
        ];
        let h = df_h(&rows);
        assert_eq!(
            h,
            "Filesystem      Size  Used Avail Use% Mounted on\n\
             devtmpfs        4.0M     0  4.0M   0% /dev\n\
             /dev/nvme0n1p1  8.0G  8.0G     0 100% /\n"
        );
        let i = df_i(&rows);
        assert!(
            i.starts_with("Filesystem      Inodes  IUsed   IFree IUse% Mounted on\n"),
            "{i}"
        );
        let k = df_k(&rows);
        assert!(
            k.starts_with("Filesystem     1K-blocks    Used Available Use% Mounted on\n"),
            "{k}"
        );
        let parsed = parse_df(&h);
        assert_eq!(parsed[1].1[3], "100%");
    }

    #[test]
    fn lsof_matches_the_real_layout() {
        // The same columns `lsof +L1` printed on a test machine.
        let rows = [LsofRow {
            command: "sleep".into(),
            pid: 27566,
            user: "root".into(),
            fd: 7,
            mode: 'w',
            device: "254,0".into(),
            size: 5_000_000,
            nlink: 0,
            node: 10_010_644,
            name: "/tmp/zz.log (deleted)".into(),
        }];
        let out = lsof(&rows);
        assert_eq!(
            out,
            "COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NLINK     NODE NAME\n\
             sleep   27566 root    7w   REG  254,0  5000000     0 10010644 /tmp/zz.log (deleted)\n"
        );
        assert_eq!(parse_lsof(&out)[0].2, 5_000_000);
        assert_eq!(lsof(&[]), "");
    }

    #[test]
    fn modes_round_trip() {
        assert_eq!(mode_string(true, 0o755), "drwxr-xr-x");
        assert_eq!(parse_mode("drwxrwxr-x."), Some((true, 0o775)));
        assert_eq!(parse_mode("-rw-------"), Some((false, 0o600)));
        assert_eq!(parse_mode("garbage"), None);
    }

    #[test]
    fn free_matches_procps_layout() {
        let out = free_m([24105, 1299, 15230, 10, 7977, 22806], [0, 0, 0]);
        assert_eq!(
            out,
            "               total        used        free      shared  buff/cache   available\n\
             Mem:           24105        1299       15230          10        7977       22806\n\
             Swap:              0           0           0\n"
        );
    }
}
