//! The HTML report opened from disk in headless Chromium: the inline SVG heatmap renders (a
//! screenshot is decoded and saved to `target/screenshots/report-{en,ko}.png`), the rendered DOM
//! has one cell per (principle, story) and the 16 principle labels, and a `<script>` in the
//! notes stays text. Ignored by default (they need `chromium` on PATH); `.ci/run` installs
//! Chromium and runs them with `--include-ignored`, where a missing browser fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::prelude::*;
use serde_json::Value;

/// Kill Chromium if it has not finished by then.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);
const WINDOW: (u32, u32) = (1280, 2000);
/// Cell size of the heatmap in `readiness::render::heatmap_svg`.
const CELL: usize = 28;

/// The example notes in the repository.
fn example() -> PathBuf {
    PathBuf::from(format!(
        "{}/../../examples/interview-notes.md",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// `chromium` on PATH. A test that runs (it is asked for) fails without it: never a pass that
/// checked nothing.
fn chromium() -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join("chromium"))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!("`chromium` is not on PATH (apt-get install chromium; .ci/run installs it)")
        })
}

/// `<target>/screenshots`, from this test binary's own path (`<target>/<profile>/deps/…`).
fn screenshot_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe
        .ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "deps"))
        .expect("test binary under <target>/<profile>/deps");
    let dir = deps.parent().unwrap().parent().unwrap().join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Ws {
    dir: tempfile::TempDir,
}

impl Ws {
    fn new() -> Ws {
        Ws {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = Command::cargo_bin("loopcoach")
            .unwrap()
            .env("LOOPCOACH_DB", self.dir.path().join("ws.db"))
            .env_remove("LOOPCOACH_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn import(&self, notes: &Path) {
        self.ok(&["import", notes.to_str().unwrap()]);
    }
    /// `report --format html --lang L -o FILE`, and the same report as JSON.
    fn html_report(&self, lang: &str) -> (PathBuf, Value) {
        let file = self.dir.path().join(format!("report-{lang}.html"));
        self.ok(&[
            "report",
            "--format",
            "html",
            "--lang",
            lang,
            "-o",
            file.to_str().unwrap(),
        ]);
        let json = self.ok(&["report", "--format", "json", "--lang", lang]);
        (file, serde_json::from_str(&json).unwrap())
    }
}

/// Run headless Chromium with the given mode flags on `file://html`; stdout on success. Killed
/// (and the test failed) after [`CHROMIUM_TIMEOUT`].
fn run_chromium(chromium: &Path, mode: &[String], html: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", html.canonicalize().unwrap().display());
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={},{}", WINDOW.0, WINDOW.1))
        .args(mode)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads so a chatty browser cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).unwrap();
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {mode:?} on {url} still running after {CHROMIUM_TIMEOUT:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = out_t.join().unwrap();
    let stderr = err_t.join().unwrap();
    assert!(status.success(), "chromium {mode:?}: {status}\n{stderr}");
    stdout
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The one `<svg class="heatmap">` of a serialized DOM.
fn heatmap_of(dom: &str) -> &str {
    assert_eq!(
        dom.matches("class=\"heatmap\"").count(),
        1,
        "one heatmap in the DOM"
    );
    let start = dom.find("<svg").expect("an <svg> in the rendered DOM");
    assert!(
        dom[start..].starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\""),
        "the first <svg> is the heatmap: {}",
        &dom[start..(start + 120).min(dom.len())]
    );
    let end = start + dom[start..].find("</svg>").expect("</svg>") + "</svg>".len();
    &dom[start..end]
}

/// Texts of the row labels (`<text … text-anchor="end">NAME (SCORE)</text>`).
fn row_labels(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter(|t| t[..t.find('>').unwrap()].contains("text-anchor=\"end\""))
        .map(|t| {
            let body = &t[t.find('>').unwrap() + 1..];
            unescape(&body[..body.find("</text>").unwrap()])
        })
        .collect()
}

/// Rows of the screenshot that are mostly heatmap cells: a run of rows (allowing the thin
/// stroke lines between cells) with at least `min_px` pixels of the empty-cell grey or of the
/// cell blue blended on white. Returns (first row, last row).
fn heatmap_rows(px: &[[u8; 3]], width: usize, min_px: usize) -> Option<(usize, usize)> {
    let is_cell = |[r, g, b]: [u8; 3]| {
        [r, g, b] == [0xf3, 0xf4, 0xf6] || (i32::from(b) - i32::from(r) >= 25 && b >= g && b > 200)
    };
    let rows: Vec<usize> = px
        .chunks(width)
        .enumerate()
        .filter(|(_, row)| row.iter().filter(|p| is_cell(**p)).count() >= min_px)
        .map(|(y, _)| y)
        .collect();
    let mut best: Option<(usize, usize)> = None;
    let mut cur: Option<(usize, usize)> = None;
    for y in rows {
        cur = match cur {
            Some((a, b)) if y <= b + 3 => Some((a, y)),
            _ => Some((y, y)),
        };
        let c = cur.unwrap();
        if best.is_none_or(|b| c.1 - c.0 > b.1 - b.0) {
            best = cur;
        }
    }
    best
}

/// Decode a PNG screenshot to RGB pixels and its width.
fn decode_png(bytes: &[u8]) -> (Vec<[u8; 3]>, usize, usize) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Indexed => panic!("indexed PNG after normalize_to_color8"),
    };
    let (w, h) = (info.width as usize, info.height as usize);
    let mut px = Vec::with_capacity(w * h);
    for line in buf[..info.line_size * h].chunks(info.line_size) {
        for p in line[..w * channels].chunks(channels) {
            px.push(if channels >= 3 {
                [p[0], p[1], p[2]]
            } else {
                [p[0], p[0], p[0]]
            });
        }
    }
    (px, w, h)
}

fn check_lang(lang: &str) {
    let chromium = chromium();
    let t0 = Instant::now();
    let ws = Ws::new();
    ws.import(&example());
    let (html, report) = ws.html_report(lang);

    // The rendered DOM: the heatmap with one cell per (principle, story) and a label per principle.
    let dom = run_chromium(&chromium, &["--dump-dom".to_string()], &html);
    let svg = heatmap_of(&dom);
    let principles = report["principles"].as_array().unwrap();
    let stories = report["stories"].as_array().unwrap();
    assert_eq!(principles.len(), 16, "the report has the 16 principles");
    assert!(!stories.is_empty());
    assert_eq!(
        svg.matches("<rect ").count(),
        principles.len() * stories.len(),
        "one cell per (principle, story)"
    );
    assert_eq!(
        svg.matches("transform=\"rotate(").count(),
        stories.len(),
        "one column label per story"
    );
    let labels = row_labels(svg);
    assert_eq!(labels.len(), 16, "{labels:?}");
    for (p, label) in principles.iter().zip(&labels) {
        let name = p["name"].as_str().unwrap();
        let score = p["score"].as_u64().unwrap();
        let shown = label
            .strip_suffix(&format!(" ({score})"))
            .unwrap_or_else(|| panic!("{label:?} ends with the score {score}"));
        // Long names are cut to fit with an ellipsis.
        assert!(
            shown == name || name.starts_with(shown.trim_end_matches('…')),
            "{label:?} labels {name:?}"
        );
    }
    if lang == "ko" {
        assert!(
            labels.iter().any(|l| l.starts_with("고객 집착")),
            "{labels:?}"
        );
    } else {
        assert!(
            labels.iter().any(|l| l.starts_with("Customer Obsession")),
            "{labels:?}"
        );
    }

    // The screenshot.
    let png_path = ws.dir.path().join(format!("report-{lang}.png"));
    run_chromium(
        &chromium,
        &[format!("--screenshot={}", png_path.display())],
        &html,
    );
    let bytes = std::fs::read(&png_path).expect("chromium wrote the screenshot");
    let saved = screenshot_dir().join(format!("report-{lang}.png"));
    std::fs::write(&saved, &bytes).unwrap();
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "PNG signature ({})",
        saved.display()
    );
    assert!(
        bytes.len() > 10 * 1024,
        "{} is only {} bytes",
        saved.display(),
        bytes.len()
    );
    let (px, w, h) = decode_png(&bytes);
    assert_eq!((w, h), (WINDOW.0 as usize, WINDOW.1 as usize));

    // Proof the heatmap was painted: a block of cell rows as tall as 16 rows of cells, holding
    // grey (no link) and several shades of blue (links), among the labels' anti-aliased text.
    let min_px = (stories.len().min(60) * CELL * 2 / 3).max(CELL);
    let (top, bottom) = heatmap_rows(&px, w, min_px)
        .unwrap_or_else(|| panic!("no heatmap cells in {}", saved.display()));
    let height = bottom - top + 1;
    assert!(
        height.abs_diff(16 * CELL) <= CELL / 2,
        "heatmap rows {top}..={bottom} ({height} px) in {}, expected ~{} px",
        saved.display(),
        16 * CELL
    );
    let area = &px[top * w..(bottom + 1) * w];
    let colours: HashSet<[u8; 3]> = area.iter().copied().collect();
    let blues: HashSet<[u8; 3]> = area
        .iter()
        .copied()
        .filter(|&[r, g, b]| i32::from(b) - i32::from(r) >= 25 && b >= g && b > 200)
        .collect();
    assert!(
        colours.len() > 8,
        "only {} colours in the heatmap area of {}",
        colours.len(),
        saved.display()
    );
    assert!(
        area.contains(&[0xf3, 0xf4, 0xf6]),
        "no empty (grey) cell in {}",
        saved.display()
    );
    assert!(
        !blues.is_empty(),
        "no linked (blue) cell in {}",
        saved.display()
    );
    eprintln!(
        "report-{lang}: heatmap rows {top}..={bottom}, {} colours ({} blue); saved {} in {:.1?}",
        colours.len(),
        blues.len(),
        saved.display(),
        t0.elapsed()
    );
}

#[test]
#[ignore = "needs chromium (apt-get install chromium); .ci/run installs it"]
fn html_report_renders_the_heatmap_in_english() {
    check_lang("en");
}

#[test]
#[ignore = "needs chromium (apt-get install chromium); .ci/run installs it"]
fn html_report_renders_the_heatmap_in_korean() {
    check_lang("ko");
}

#[test]
#[ignore = "needs chromium (apt-get install chromium); .ci/run installs it"]
fn script_in_notes_is_not_a_live_element() {
    let chromium = chromium();
    let ws = Ws::new();
    let notes = ws.dir.path().join("inject.md");
    std::fs::write(
        &notes,
        "# Leadership Principles\n\n## Customer Obsession\n\n\
         1) Outage <script>alert(1)</script> story\n   \
         S: A customer outage hit <script>alert(1)</script> our payments at night.\n   \
         T: I had to restore service within the hour.\n   \
         A: I rolled back the release and wrote the postmortem myself.\n   \
         R: Service came back in 40 minutes and churn stayed under 1%.\n",
    )
    .unwrap();
    ws.import(&notes);
    let (html, report) = ws.html_report("en");
    let title = report["stories"][0]["title"].as_str().unwrap();
    assert!(title.contains("<script>alert(1)</script>"), "{title:?}");

    let dom = run_chromium(&chromium, &["--dump-dom".to_string()], &html);
    let svg = heatmap_of(&dom);
    assert_eq!(svg.matches("<rect ").count(), 16);
    assert!(
        !dom.to_ascii_lowercase().contains("<script"),
        "a live <script> element in the rendered DOM"
    );
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the script is shown as text"
    );
}
