//! The harness every CLI test shares: a temp workspace and the real binary run in it, with the
//! language fixed so output is predictable. Each test binary uses a subset of it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use assert_cmd::prelude::*;
use serde_json::Value;

/// The real user's notes, beside the repository in `../shared`: the tests that use them are
/// `#[ignore = "needs ../shared"]`, and `.ci/run` runs them.
pub fn seed() -> PathBuf {
    let path = PathBuf::from(format!(
        "{}/../../../shared/seed/aws-cse-interview-notes.md",
        env!("CARGO_MANIFEST_DIR")
    ));
    assert!(
        path.is_file(),
        "{}: the seed notes are beside the repo in ../shared",
        path.display()
    );
    path
}

/// The example notes in the repository (`examples/interview-notes.md`).
pub fn example() -> PathBuf {
    PathBuf::from(format!(
        "{}/../../examples/interview-notes.md",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// A temp folder holding the workspace file `ws.db`.
pub struct Ws {
    pub dir: tempfile::TempDir,
}

impl Ws {
    /// An empty workspace.
    pub fn new() -> Ws {
        Ws {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    /// A workspace with the seed notes imported.
    pub fn imported() -> Ws {
        let w = Ws::new();
        w.ok(&["import", seed().to_str().unwrap()]);
        w
    }
    /// A workspace with the example notes imported.
    pub fn imported_example() -> Ws {
        let w = Ws::new();
        w.ok(&["import", example().to_str().unwrap()]);
        w
    }
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ws.db")
    }
    /// `loopcoach` on this workspace, in English unless a test says `--lang`.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("loopcoach").unwrap();
        c.env("LOOPCOACH_DB", self.db())
            .env_remove("LOOPCOACH_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C");
        c
    }
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
    /// Run with `input` piped to stdin (stdout and stderr captured).
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
    /// Run, assert success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
    /// A path inside the temp folder, as a string.
    pub fn path(&self, p: &str) -> String {
        self.dir.path().join(p).to_string_lossy().into_owned()
    }
    /// Write a file into the temp folder; returns its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    /// A copy of the seed notes in the temp folder (so edits never touch the real file).
    pub fn copy_seed(&self) -> PathBuf {
        let p = self.dir.path().join("notes.md");
        std::fs::copy(seed(), &p).unwrap();
        p
    }
    /// A copy of the example notes in the temp folder.
    pub fn copy_example(&self) -> PathBuf {
        let p = self.dir.path().join("notes.md");
        std::fs::copy(example(), &p).unwrap();
        p
    }
}
