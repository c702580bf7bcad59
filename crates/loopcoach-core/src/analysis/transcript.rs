//! Timestamped transcripts: SubRip (`.srt`) and WebVTT (`.vtt`), as any speech-to-text tool
//! writes them, read into cues (start, end, text) so an answer's real pace and long pauses can
//! be measured. A small parser of our own: the two formats are a few lines of grammar and no
//! well-kept crate reading both was within reach.

use thiserror::Error;

/// One timed line of speech.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start_ms: u64,
    pub end_ms: u64,
    pub text: String,
}

/// A transcript: cues in time order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transcript {
    pub cues: Vec<Cue>,
}

/// A transcript that cannot be read, with the 1-based line where reading stopped.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TranscriptError {
    #[error("line {line}: bad timing line {text:?} (expected `00:00:01,000 --> 00:00:04,000`)")]
    BadTiming { line: usize, text: String },
    #[error("line {line}: a cue ends before it starts")]
    Backwards { line: usize },
    #[error("line {line}: text with no timing line before it")]
    NoTiming { line: usize },
    #[error("no timed cues in the transcript")]
    Empty,
}

impl Transcript {
    /// Read SRT or WebVTT text (told apart by the `WEBVTT` header).
    pub fn parse(src: &str) -> Result<Transcript, TranscriptError> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let vtt = src.trim_start().starts_with("WEBVTT");
        let mut cues = Vec::new();
        let lines: Vec<&str> = src.lines().collect();
        let mut k = 0;
        if vtt {
            // The header block.
            while k < lines.len() && !lines[k].trim().is_empty() {
                k += 1;
            }
        }
        while k < lines.len() {
            // One block: up to the next blank line.
            while k < lines.len() && lines[k].trim().is_empty() {
                k += 1;
            }
            let start = k;
            while k < lines.len() && !lines[k].trim().is_empty() {
                k += 1;
            }
            if start == k {
                break;
            }
            let block = &lines[start..k];
            let first = block[0].trim();
            if vtt && (first.starts_with("NOTE") || first == "STYLE" || first == "REGION") {
                continue;
            }
            let Some(t) = block.iter().position(|l| l.contains("-->")) else {
                return Err(TranscriptError::NoTiming { line: start + 1 });
            };
            // Before the timing line: an SRT index or a VTT cue id, at most one line.
            if t > 1 {
                return Err(TranscriptError::NoTiming { line: start + 1 });
            }
            let line_no = start + t + 1;
            let timing = block[t];
            let bad = || TranscriptError::BadTiming {
                line: line_no,
                text: timing.trim().chars().take(60).collect(),
            };
            let (a, b) = timing.split_once("-->").ok_or_else(bad)?;
            let b = b.split_whitespace().next().ok_or_else(bad)?;
            let (s, e) = (
                parse_time(a.trim()).ok_or_else(bad)?,
                parse_time(b).ok_or_else(bad)?,
            );
            if e < s {
                return Err(TranscriptError::Backwards { line: line_no });
            }
            let text = block[t + 1..]
                .iter()
                .map(|l| strip_tags(l.trim()))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            cues.push(Cue {
                start_ms: s,
                end_ms: e,
                text,
            });
        }
        if cues.is_empty() {
            return Err(TranscriptError::Empty);
        }
        cues.sort_by_key(|c| (c.start_ms, c.end_ms));
        Ok(Transcript { cues })
    }

    /// The spoken text, cue after cue.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in self.cues.iter().filter(|c| !c.text.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&c.text);
        }
        out
    }

    /// Seconds from the first word to the last.
    pub fn seconds(&self) -> f64 {
        match (self.cues.first(), self.cues.iter().map(|c| c.end_ms).max()) {
            (Some(f), Some(end)) => end.saturating_sub(f.start_ms) as f64 / 1000.0,
            _ => 0.0,
        }
    }

    /// Silences between cues of at least `min_seconds`: (at second, length in seconds).
    pub fn pauses(&self, min_seconds: f64) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        let mut last_end: Option<u64> = None;
        for c in &self.cues {
            if let Some(end) = last_end
                && c.start_ms > end
            {
                let gap = (c.start_ms - end) as f64 / 1000.0;
                if gap >= min_seconds {
                    out.push((end as f64 / 1000.0, gap));
                }
            }
            last_end = Some(last_end.map_or(c.end_ms, |e| e.max(c.end_ms)));
        }
        out
    }
}

/// `HH:MM:SS,mmm`, `HH:MM:SS.mmm` or `MM:SS.mmm` in milliseconds.
fn parse_time(s: &str) -> Option<u64> {
    let (hms, ms) = s.split_once([',', '.'])?;
    if ms.len() != 3 || !ms.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = hms.split(':').collect();
    let nums: Option<Vec<u64>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let nums = nums?;
    let (h, m, sec) = match nums.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [m, s] => (0, *m, *s),
        _ => return None,
    };
    if m >= 60 || sec >= 60 {
        return None;
    }
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms.parse::<u64>().ok()?)
}

/// Cue text without markup: `<i>`, `<v Speaker>`, `<00:00:01.000>`, `{\an8}`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth_angle = false;
    let mut depth_brace = false;
    for c in s.chars() {
        match c {
            '<' => depth_angle = true,
            '>' if depth_angle => depth_angle = false,
            '{' if s.contains("{\\") => depth_brace = true,
            '}' if depth_brace => depth_brace = false,
            _ if depth_angle || depth_brace => {}
            _ => out.push(c),
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRT: &str = "1\n00:00:00,000 --> 00:00:04,500\nIn my last team the <i>export</i> job failed.\n\n2\n00:00:09,000 --> 00:00:12,000\n{\\an8}I owned the fix.\n\n";
    const VTT: &str = "WEBVTT - made by a tool\nKind: captions\n\nNOTE a comment\nspanning lines\n\nc1\n00:01.000 --> 00:03.000 align:start\n<v Kim>작년에 장애가 있었습니다.\n\n00:00:03.500 --> 00:00:05.000\n제가 맡았습니다.\n";

    #[test]
    fn srt_cues_text_and_pauses() {
        let t = Transcript::parse(SRT).unwrap();
        assert_eq!(t.cues.len(), 2);
        assert_eq!(
            t.text(),
            "In my last team the export job failed. I owned the fix."
        );
        assert_eq!(t.seconds(), 12.0);
        assert_eq!(t.pauses(3.0), vec![(4.5, 4.5)]);
        assert!(t.pauses(5.0).is_empty());
    }

    #[test]
    fn vtt_with_header_notes_ids_settings_and_voices() {
        let t = Transcript::parse(VTT).unwrap();
        assert_eq!(t.cues[0].start_ms, 1000);
        assert_eq!(t.text(), "작년에 장애가 있었습니다. 제가 맡았습니다.");
        assert_eq!(t.seconds(), 4.0);
        let crlf = VTT.replace('\n', "\r\n");
        assert_eq!(Transcript::parse(&crlf).unwrap(), t);
    }

    #[test]
    fn bad_transcripts_say_where() {
        assert_eq!(
            Transcript::parse("1\n00:00:01,000 -> 00:00:02,000\nhi\n"),
            Err(TranscriptError::NoTiming { line: 1 })
        );
        assert!(matches!(
            Transcript::parse("1\n00:00:01,000 --> 00:00:0x,000\nhi\n"),
            Err(TranscriptError::BadTiming { line: 2, .. })
        ));
        assert_eq!(
            Transcript::parse("1\n00:00:05,000 --> 00:00:02,000\nhi\n"),
            Err(TranscriptError::Backwards { line: 2 })
        );
        assert_eq!(Transcript::parse("WEBVTT\n\n"), Err(TranscriptError::Empty));
        assert_eq!(Transcript::parse(""), Err(TranscriptError::Empty));
        assert!(parse_time("00:61:00,000").is_none());
    }
}
