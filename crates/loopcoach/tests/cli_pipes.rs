//! A reader that stops early (`loopcoach stories | head -2`): every listing, on notes far
//! bigger than a pipe buffer, with its stdout closed after a few bytes or before the first
//! write, ends quietly: status 0, no panic, nothing on stderr.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read;
use std::process::{Output, Stdio};

use common::{Ws, example};

/// A Linux pipe holds 64 KiB by default; a command writing more is still writing (blocked on
/// the full pipe) when the reader closes it.
const PIPE_BUFFER: usize = 64 << 10;

/// `loopcoach ARGS` with stdout a pipe this end closes after reading `read` bytes (0: right
/// away, before the command has written anything); its exit status and stderr.
fn closed_after(ws: &Ws, args: &[&str], read: usize) -> Output {
    let mut child = ws
        .cmd()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = vec![0; read];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    child.wait_with_output().unwrap()
}

#[test]
fn listings_end_quietly_when_the_reader_closes_the_pipe() {
    let ws = Ws::new();
    // 2,000 copies of the example notes: 4,000 stories, 8,000 questions, megabytes of JSON
    // and text.
    let notes = ws.file(
        "big.md",
        &std::fs::read_to_string(example()).unwrap().repeat(2000),
    );
    ws.ok(&["import", &notes]);
    // (command, whether its whole output is bigger than a pipe buffer); the small ones are
    // still cut off when the pipe is closed before they write.
    let commands: [(&[&str], bool); 10] = [
        (&["stories"], true),
        (&["stories", "--json"], true),
        (&["questions"], true),
        (&["principles"], false),
        (&["principles", "--json"], true),
        (&["show"], false),
        (&["show", "--json"], true),
        (&["export", &notes], true),
        (&["cards"], true),
        // every card, past the day's limit of new cards
        (&["due", "--json", "--new-limit", "100000"], true),
    ];
    for (args, big) in commands {
        if big {
            let whole = ws.ok(args).len();
            assert!(whole > PIPE_BUFFER, "{args:?}: only {whole} bytes");
        }
        for read in [16, 0] {
            let out = closed_after(&ws, args, read);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains("panicked"),
                "{args:?} closed after {read} bytes panicked: {stderr}"
            );
            assert!(
                out.status.success(),
                "{args:?} closed after {read} bytes: {}: {stderr}",
                out.status
            );
            assert!(
                stderr.is_empty(),
                "{args:?} closed after {read} bytes wrote to stderr: {stderr}"
            );
        }
    }
}

/// A full disk is an error, not a quiet end: one clear message (the i/o error said once, not
/// repeated by its source), status 1, no panic.
#[test]
fn a_full_disk_is_reported_once() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not Linux
    };
    let ws = Ws::imported_example();
    for (args, stdin) in [(&["stories"][..], ""), (&["drill"][..], "good\n")] {
        let mut child = ws
            .cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The command may have failed and closed its stdin before this is written.
        let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(
            stderr.matches("No space left on device").count(),
            1,
            "{args:?}: {stderr}"
        );
    }
}
