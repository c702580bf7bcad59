//! Talk time and long pauses measured from a recorded answer (issue 17's mock page): pure,
//! over samples and their rate, so the web UI and tests measure the same way.
//!
//! How it measures:
//! 1. The signal is cut into frames of [`FRAME_MS`]; each frame's energy is its RMS level in
//!    dBFS (full scale = 0 dB).
//! 2. The noise floor adapts to the recording: the mean level of its quietest frames
//!    ([`FLOOR_SHARE`] of them); the talk level is the 90th percentile. A frame is talk when it
//!    is above `floor + max(MIN_CONTRAST_DB, 40 % of the talk-to-floor distance)` and above
//!    [`SILENCE_DBFS`]. A recording with less contrast than [`MIN_CONTRAST_DB`] is steady:
//!    all talk if it is louder than [`STEADY_TALK_DBFS`], else all silence (a room's hiss).
//! 3. Hangover: a silent run shorter than [`HANGOVER_MS`] between talk (the gap between two
//!    words) counts as talk; then a talk run shorter than [`MIN_TALK_MS`] (a click) counts as
//!    silence. Both are applied looking at the whole recording, so a pause keeps its real
//!    length instead of losing the hangover.
//! 4. Talk time is the talk frames' length; a long pause is a silent run of at least
//!    [`LONG_PAUSE_MS`] between the first and the last talk (the silence before the first word
//!    and after the last one is thinking and stopping, not a pause).

use std::io::Cursor;

use serde::{Deserialize, Serialize};

/// The length of one analysis frame.
pub const FRAME_MS: u64 = 20;
/// A silence at least this long between words is a long pause (what an interviewer notices).
pub const LONG_PAUSE_MS: u64 = 2000;
/// Silences shorter than this between talk are the gaps between words: they count as talk.
pub const HANGOVER_MS: u64 = 300;
/// Talk shorter than this, alone between silences, is a click or a bump: it counts as silence.
pub const MIN_TALK_MS: u64 = 60;
/// Talk must stand this far above the noise floor (dB) at least.
pub const MIN_CONTRAST_DB: f64 = 10.0;
/// Nothing quieter than this (dBFS) is talk, whatever the floor.
pub const SILENCE_DBFS: f64 = -60.0;
/// A steady recording (no contrast) louder than this (dBFS) is talk throughout.
pub const STEADY_TALK_DBFS: f64 = -40.0;
/// The share of the quietest frames whose mean level is the noise floor.
pub const FLOOR_SHARE: f64 = 0.03;
/// A sample this close to full scale is clipped.
pub const CLIP_LEVEL: f32 = 0.999;
/// Points in the energy strip drawn beside the feedback.
pub const STRIP_POINTS: usize = 120;
/// The lowest level a frame is given (digital silence), in dBFS.
const FLOOR_DBFS: f64 = -120.0;

/// A long pause: where it starts in the recording and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeechPause {
    pub start_ms: u64,
    pub length_ms: u64,
}

/// What [`measure`] found in a recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speech {
    pub sample_rate: u32,
    pub total_ms: u64,
    pub talk_ms: u64,
    /// The long pauses (at least [`LONG_PAUSE_MS`]), in order.
    pub pauses: Vec<SpeechPause>,
    /// The longest silence between talk, long or not (0 without one).
    pub longest_pause_ms: u64,
    /// The share of samples at full scale (0..1): the microphone was too close or too loud.
    pub clipped: f64,
    pub noise_floor_db: f64,
    pub threshold_db: f64,
    /// The level over time, [`STRIP_POINTS`] values (fewer for a short recording) of 0..=100
    /// from the noise floor to the talk level.
    pub strip: Vec<u8>,
}

fn level_db(frame: &[f32]) -> f64 {
    if frame.is_empty() {
        return FLOOR_DBFS;
    }
    let sum: f64 = frame.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    let rms = (sum / frame.len() as f64).sqrt();
    if rms <= 0.0 {
        FLOOR_DBFS
    } else {
        (20.0 * rms.log10()).max(FLOOR_DBFS)
    }
}

/// Runs of equal values: (value, first index, length).
fn runs(v: &[bool]) -> Vec<(bool, usize, usize)> {
    let mut out: Vec<(bool, usize, usize)> = Vec::new();
    for (i, &x) in v.iter().enumerate() {
        match out.last_mut() {
            Some(r) if r.0 == x => r.2 += 1,
            _ => out.push((x, i, 1)),
        }
    }
    out
}

/// Measure talk and pauses in `samples` (mono, -1..1) recorded at `sample_rate` Hz.
pub fn measure(samples: &[f32], sample_rate: u32) -> Speech {
    let ms_at = |sample: usize| -> u64 {
        if sample_rate == 0 {
            0
        } else {
            (sample as u64 * 1000) / u64::from(sample_rate)
        }
    };
    let total_ms = ms_at(samples.len());
    let clipped = if samples.is_empty() {
        0.0
    } else {
        samples.iter().filter(|s| s.abs() >= CLIP_LEVEL).count() as f64 / samples.len() as f64
    };
    let frame_len = ((u64::from(sample_rate) * FRAME_MS / 1000) as usize).max(1);
    let levels: Vec<f64> = if sample_rate == 0 {
        Vec::new()
    } else {
        samples.chunks(frame_len).map(level_db).collect()
    };
    if levels.is_empty() {
        return Speech {
            sample_rate,
            total_ms,
            talk_ms: 0,
            pauses: Vec::new(),
            longest_pause_ms: 0,
            clipped,
            noise_floor_db: FLOOR_DBFS,
            threshold_db: SILENCE_DBFS,
            strip: Vec::new(),
        };
    }
    let mut sorted = levels.clone();
    sorted.sort_by(f64::total_cmp);
    let quiet = ((sorted.len() as f64 * FLOOR_SHARE).ceil() as usize).clamp(1, sorted.len());
    let floor = sorted[..quiet].iter().sum::<f64>() / quiet as f64;
    let talk_level = sorted[((sorted.len() - 1) as f64 * 0.9).round() as usize];
    let contrast = talk_level - floor;
    let steady = contrast < MIN_CONTRAST_DB;
    let threshold = if steady {
        STEADY_TALK_DBFS
    } else {
        (floor + MIN_CONTRAST_DB.max(0.4 * contrast)).max(SILENCE_DBFS)
    };
    let mut talk: Vec<bool> = levels
        .iter()
        .map(|&l| {
            if steady {
                talk_level >= STEADY_TALK_DBFS
            } else {
                l >= threshold
            }
        })
        .collect();
    // Frames per duration (at least one).
    let frames = |ms: u64| ms.div_ceil(FRAME_MS) as usize;
    // Hangover: short silences between talk are talk.
    let r = runs(&talk);
    for (k, &(value, start, len)) in r.iter().enumerate() {
        let inner = k > 0 && k + 1 < r.len();
        if !value && inner && len < frames(HANGOVER_MS) {
            talk[start..start + len].fill(true);
        }
    }
    // Then clicks are silence.
    for (value, start, len) in runs(&talk) {
        if value && len < frames(MIN_TALK_MS) {
            talk[start..start + len].fill(false);
        }
    }
    // Each frame's span in ms (the last frame may be short).
    let span = |i: usize| -> (u64, u64) {
        let a = ms_at(i * frame_len);
        let b = ms_at(((i + 1) * frame_len).min(samples.len()));
        (a, b - a)
    };
    let talk_ms: u64 = talk
        .iter()
        .enumerate()
        .filter(|(_, t)| **t)
        .map(|(i, _)| span(i).1)
        .sum();
    let r = runs(&talk);
    let mut pauses = Vec::new();
    let mut longest = 0;
    for (k, &(value, start, len)) in r.iter().enumerate() {
        if value || k == 0 || k + 1 == r.len() {
            continue;
        }
        let start_ms = span(start).0;
        let end = span(start + len - 1);
        let length_ms = end.0 + end.1 - start_ms;
        longest = longest.max(length_ms);
        if length_ms >= LONG_PAUSE_MS {
            pauses.push(SpeechPause {
                start_ms,
                length_ms,
            });
        }
    }
    let top = talk_level.max(floor + MIN_CONTRAST_DB);
    let points = STRIP_POINTS.min(levels.len());
    let strip = (0..points)
        .map(|p| {
            let a = p * levels.len() / points;
            let b = ((p + 1) * levels.len() / points).max(a + 1);
            let l = levels[a..b].iter().copied().fold(FLOOR_DBFS, f64::max);
            (((l - floor) / (top - floor)).clamp(0.0, 1.0) * 100.0).round() as u8
        })
        .collect();
    Speech {
        sample_rate,
        total_ms,
        talk_ms,
        pauses,
        longest_pause_ms: longest,
        clipped,
        noise_floor_db: (floor * 10.0).round() / 10.0,
        threshold_db: (threshold * 10.0).round() / 10.0,
        strip,
    }
}

/// Why a recording could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WavError {
    /// Not a WAV file, or a damaged one (the parser's words).
    #[error("not a WAV file: {0}")]
    NotWav(String),
    #[error("unsupported WAV: {0}")]
    Unsupported(String),
    #[error("the recording holds no sound")]
    Empty,
}

/// A decoded recording: mono samples in -1..1.
#[derive(Debug, Clone, PartialEq)]
pub struct Recording {
    pub sample_rate: u32,
    pub channels: u16,
    pub samples: Vec<f32>,
}

/// The sample rates accepted (telephone to studio).
pub const RATES: std::ops::RangeInclusive<u32> = 8_000..=192_000;

/// Read a WAV file held in memory (PCM 8, 16, 24 or 32 bit, or 32-bit float; channels are
/// mixed down to mono).
pub fn decode_wav(bytes: &[u8]) -> Result<Recording, WavError> {
    let mut r =
        hound::WavReader::new(Cursor::new(bytes)).map_err(|e| WavError::NotWav(e.to_string()))?;
    let spec = r.spec();
    if !RATES.contains(&spec.sample_rate) {
        return Err(WavError::Unsupported(format!(
            "{} Hz (8000 to 192000)",
            spec.sample_rate
        )));
    }
    if spec.channels == 0 || spec.channels > 8 {
        return Err(WavError::Unsupported(format!("{} channels", spec.channels)));
    }
    let interleaved: Vec<f32> = match (spec.sample_format, spec.bits_per_sample) {
        (hound::SampleFormat::Float, 32) => r
            .samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(|e| WavError::NotWav(e.to_string()))?,
        (hound::SampleFormat::Int, bits @ (8 | 16 | 24 | 32)) => {
            let scale = (1u64 << (bits - 1)) as f32;
            r.samples::<i32>()
                .map(|s| s.map(|v| v as f32 / scale))
                .collect::<Result<_, _>>()
                .map_err(|e| WavError::NotWav(e.to_string()))?
        }
        (f, b) => {
            return Err(WavError::Unsupported(format!("{f:?} {b}-bit samples")));
        }
    };
    let ch = usize::from(spec.channels);
    let samples: Vec<f32> = interleaved
        .chunks(ch)
        .map(|c| c.iter().sum::<f32>() / ch as f32)
        .collect();
    if samples.is_empty() {
        return Err(WavError::Empty);
    }
    Ok(Recording {
        sample_rate: spec.sample_rate,
        channels: spec.channels,
        samples,
    })
}

/// 16-bit mono PCM WAV of `samples` (-1..1, clamped): what the browser uploads, and what
/// tests write.
pub fn encode_wav(samples: &[f32], sample_rate: u32) -> Vec<u8> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut out = Cursor::new(Vec::with_capacity(44 + samples.len() * 2));
    if let Ok(mut w) = hound::WavWriter::new(&mut out, spec) {
        for s in samples {
            let v = (s.clamp(-1.0, 1.0) * f32::from(i16::MAX)).round() as i16;
            if w.write_sample(v).is_err() {
                break;
            }
        }
        let _ = w.finalize();
    }
    out.into_inner()
}

/// A test signal: a 440 Hz tone of amplitude `amp` for each `(ms, amp)` segment (0: silence),
/// with white noise of amplitude `noise` throughout (a fixed generator: the same every run).
pub fn synth(sample_rate: u32, segments: &[(u64, f32)], noise: f32) -> Vec<f32> {
    let mut out = Vec::new();
    let mut state: u32 = 0x1234_5678;
    for &(ms, amp) in segments {
        let n = (u64::from(sample_rate) * ms / 1000) as usize;
        for _ in 0..n {
            let t = out.len() as f32 / sample_rate as f32;
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let white = (state as f32 / u32::MAX as f32) * 2.0 - 1.0;
            let tone = amp * (t * 440.0 * std::f32::consts::TAU).sin();
            out.push((tone + noise * white).clamp(-1.0, 1.0));
        }
    }
    out
}

#[cfg(test)]
mod tests;
