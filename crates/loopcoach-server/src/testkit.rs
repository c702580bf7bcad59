//! Test support: a throwaway PostgreSQL cluster for integration tests (ours and the binary's).
//!
//! [`Cluster::shared`] finds Debian's PostgreSQL binaries (`/usr/lib/postgresql/*/bin`, else
//! `initdb` on `PATH`), makes a cluster in a temporary folder on a free local port (as the
//! `postgres` user when running as root, which PostgreSQL requires), and starts it once per
//! test process; a watchdog stops it and removes the folder when the process ends. Each test
//! takes its own database ([`Cluster::database`]), so tests run in parallel without sharing
//! rows. Tests that use it are `#[ignore]`d with the reason, and `.ci/run` installs PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A running test cluster.
#[derive(Debug)]
pub struct Cluster {
    pub port: u16,
    pub dir: PathBuf,
    pub bin: PathBuf,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// Where PostgreSQL's server binaries are: the newest `/usr/lib/postgresql/N/bin`, else the
/// folder of `initdb` on `PATH`.
pub fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.split('.').next()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    dirs.sort();
    if let Some((_, d)) = dirs.pop() {
        return Some(d);
    }
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p).find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists())
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Run a shell command line, as `postgres` when we are root.
fn run_pg(cmd: &str) -> Result<(), String> {
    let out = if is_root() {
        Command::new("su")
            .args(["postgres", "-s", "/bin/sh", "-c", cmd])
            .stdin(Stdio::null())
            .output()
    } else {
        Command::new("sh")
            .args(["-c", cmd])
            .stdin(Stdio::null())
            .output()
    }
    .map_err(|e| format!("{cmd}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(55432)
}

impl Cluster {
    /// The cluster of this test process, started on first use.
    pub fn shared() -> Result<&'static Cluster, String> {
        CLUSTER
            .get_or_init(Cluster::start)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn start() -> Result<Cluster, String> {
        let bin = pg_bin().ok_or("PostgreSQL is not installed (apt-get install postgresql)")?;
        let dir = std::env::temp_dir().join(format!(
            "loopcoach-pg-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if is_root() {
            // The cluster's owner must be able to reach and own its folder.
            let _ = Command::new("chmod").arg("755").arg(&dir).status();
            let _ = Command::new("chown").arg("postgres").arg(&dir).status();
        }
        let port = free_port();
        let d = dir.display();
        let b = bin.display();
        run_pg(&format!(
            "'{b}/initdb' -D '{d}/data' --auth=trust -U postgres -E UTF8 --no-sync >/dev/null"
        ))?;
        run_pg(&format!(
            "'{b}/pg_ctl' -D '{d}/data' -o \"-p {port} -k '{d}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" -l '{d}/log' start -w >/dev/null"
        ))?;
        Self::watchdog(&bin, &dir);
        Ok(Cluster { port, dir, bin })
    }

    /// Stop the cluster and remove its folder once this process is gone.
    fn watchdog(bin: &Path, dir: &Path) {
        let stop = format!(
            "'{}/pg_ctl' -D '{}/data' stop -m immediate >/dev/null 2>&1",
            bin.display(),
            dir.display()
        );
        let stop = if is_root() {
            format!(
                "su postgres -s /bin/sh -c \"{}\"",
                stop.replace('"', "\\\"")
            )
        } else {
            stop
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop}; rm -rf '{dir}'",
            pid = std::process::id(),
            dir = dir.display()
        );
        let _ = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
    }

    /// The URL of a database on the cluster.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// A new, empty database for one test; returns its URL.
    pub fn database(&self) -> Result<String, String> {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst)
        );
        run_pg(&format!(
            "'{}/createdb' -h 127.0.0.1 -p {} -U postgres {name}",
            self.bin.display(),
            self.port
        ))?;
        Ok(self.url(&name))
    }

    /// Restart the cluster (fault tests): stop fast, start again on the same port.
    pub fn restart(&self) -> Result<(), String> {
        let (b, d) = (self.bin.display(), self.dir.display());
        run_pg(&format!(
            "'{b}/pg_ctl' -D '{d}/data' restart -m fast -w >/dev/null"
        ))
    }
}
