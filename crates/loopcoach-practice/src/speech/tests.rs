use super::*;

/// Talk 1.5 s, silence 2.5 s, talk 1 s, a 0.2 s gap between words, talk 1 s, silence 3 s,
/// talk 0.5 s: 4.2 s of talk (the gap counts), two long pauses.
const PATTERN: &[(u64, f32)] = &[
    (1500, 0.3),
    (2500, 0.0),
    (1000, 0.3),
    (200, 0.0),
    (1000, 0.3),
    (3000, 0.0),
    (500, 0.3),
];

fn near(got: u64, want: u64, tol: u64) -> bool {
    got.abs_diff(want) <= tol
}

fn assert_pattern(s: &Speech) {
    assert!(near(s.total_ms, 9700, 1), "{s:?}");
    assert!(near(s.talk_ms, 4200, 2 * FRAME_MS), "talk {s:?}");
    assert_eq!(s.pauses.len(), 2, "{s:?}");
    assert!(near(s.pauses[0].start_ms, 1500, FRAME_MS), "{s:?}");
    assert!(near(s.pauses[0].length_ms, 2500, 2 * FRAME_MS), "{s:?}");
    assert!(near(s.pauses[1].start_ms, 6200, FRAME_MS), "{s:?}");
    assert!(near(s.pauses[1].length_ms, 3000, 2 * FRAME_MS), "{s:?}");
    assert_eq!(
        s.longest_pause_ms, s.pauses[1].length_ms,
        "the longest is the second"
    );
}

#[test]
fn tone_bursts_with_known_silences_at_every_rate() {
    for rate in [8_000, 16_000, 44_100, 48_000] {
        let s = measure(&synth(rate, PATTERN, 0.0), rate);
        assert_eq!(s.sample_rate, rate);
        assert_pattern(&s);
        assert!(s.clipped < 0.001);
        assert!(!s.strip.is_empty() && s.strip.len() <= STRIP_POINTS);
        // The strip is high during talk, low in the pauses.
        assert_eq!(s.strip[0], 100);
        let mid_pause = s.strip.len() * 2750 / 9700;
        assert!(s.strip[mid_pause] < 20, "{:?}", s.strip);
    }
}

#[test]
fn a_noise_floor_is_not_talk() {
    // Hiss at about -45 dBFS under the whole recording; talk at about -13 dBFS.
    let s = measure(&synth(16_000, PATTERN, 0.01), 16_000);
    assert_pattern(&s);
    assert!(
        s.noise_floor_db > -60.0 && s.noise_floor_db < -35.0,
        "{s:?}"
    );
    assert!(s.threshold_db > s.noise_floor_db + MIN_CONTRAST_DB - 0.1);
    // A louder room: the floor follows it and the pauses are still found.
    let s = measure(&synth(16_000, PATTERN, 0.05), 16_000);
    assert_pattern(&s);
}

#[test]
fn silence_and_steady_hiss_have_no_talk() {
    for (name, samples) in [
        ("zeros", vec![0.0f32; 48_000]),
        ("hiss", synth(48_000, &[(3000, 0.0)], 0.005)),
    ] {
        let s = measure(&samples, 48_000);
        assert_eq!(s.talk_ms, 0, "{name}: {s:?}");
        assert!(s.pauses.is_empty(), "{name}");
        assert_eq!(s.longest_pause_ms, 0, "{name}");
        // Hiss is drawn as what it is: a little above its own floor.
        assert!(s.strip.iter().all(|&v| v < 10), "{name}: {:?}", s.strip);
    }
}

#[test]
fn a_steady_tone_is_talk_throughout() {
    let s = measure(&synth(16_000, &[(2000, 0.5)], 0.0), 16_000);
    assert!(near(s.talk_ms, 2000, FRAME_MS), "{s:?}");
    assert!(s.pauses.is_empty());
}

#[test]
fn clipping_is_reported_and_does_not_hide_the_pauses() {
    // A tone driven to three times full scale: flat tops.
    let loud: Vec<(u64, f32)> = PATTERN
        .iter()
        .map(|&(ms, a)| (ms, if a > 0.0 { 3.0 } else { 0.0 }))
        .collect();
    let s = measure(&synth(16_000, &loud, 0.0), 16_000);
    assert_pattern(&s);
    // 4.2 s of 9.7 s are clipped tone, most of whose samples sit at full scale.
    assert!(s.clipped > 0.25 && s.clipped < 0.45, "{}", s.clipped);
}

#[test]
fn a_short_pause_is_the_longest_but_not_long() {
    let s = measure(
        &synth(8_000, &[(1000, 0.3), (1500, 0.0), (1000, 0.3)], 0.0),
        8_000,
    );
    assert!(s.pauses.is_empty());
    assert!(near(s.longest_pause_ms, 1500, 2 * FRAME_MS), "{s:?}");
    assert!(near(s.talk_ms, 2000, 2 * FRAME_MS));
}

#[test]
fn silence_before_the_first_word_and_after_the_last_is_no_pause() {
    let s = measure(
        &synth(16_000, &[(3000, 0.0), (1000, 0.3), (4000, 0.0)], 0.001),
        16_000,
    );
    assert!(s.pauses.is_empty(), "{s:?}");
    assert!(near(s.talk_ms, 1000, 2 * FRAME_MS));
}

#[test]
fn a_click_is_not_talk() {
    let s = measure(
        &synth(16_000, &[(1000, 0.0), (20, 0.9), (1000, 0.0)], 0.0),
        16_000,
    );
    assert_eq!(s.talk_ms, 0, "{s:?}");
}

#[test]
fn very_short_input_measures_without_panicking() {
    let s = measure(&[], 16_000);
    assert_eq!((s.total_ms, s.talk_ms, s.strip.len()), (0, 0, 0));
    let s = measure(&[0.5; 10], 16_000);
    assert_eq!(s.total_ms, 0);
    assert_eq!(s.talk_ms, 0);
    assert_eq!(s.strip.len(), 1);
    let s = measure(&[0.5; 10], 0);
    assert_eq!((s.total_ms, s.talk_ms), (0, 0));
}

#[test]
fn a_wav_round_trips_and_junk_is_refused() {
    let samples = synth(16_000, PATTERN, 0.0);
    let bytes = encode_wav(&samples, 16_000);
    assert_eq!(&bytes[..4], b"RIFF");
    let r = decode_wav(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.sample_rate, r.channels), (16_000, 1));
    assert_eq!(r.samples.len(), samples.len());
    assert!((r.samples[100] - samples[100]).abs() < 1e-3);
    assert_pattern(&measure(&r.samples, r.sample_rate));

    assert!(matches!(
        decode_wav(b"<html>not audio</html>"),
        Err(WavError::NotWav(_))
    ));
    assert!(matches!(decode_wav(&[]), Err(WavError::NotWav(_))));
    // A header promising more than is there.
    assert!(decode_wav(&bytes[..bytes.len() / 2]).is_err());
    assert_eq!(decode_wav(&encode_wav(&[], 16_000)), Err(WavError::Empty));
    assert!(matches!(
        decode_wav(&encode_wav(&[0.1; 100], 4_000)),
        Err(WavError::Unsupported(_))
    ));
}

#[test]
fn stereo_and_float_wavs_are_mixed_to_mono() {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 48_000,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut out = Cursor::new(Vec::new());
    {
        let mut w = hound::WavWriter::new(&mut out, spec).unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..480 {
            w.write_sample(0.5f32).unwrap_or_else(|e| panic!("{e}"));
            w.write_sample(-0.1f32).unwrap_or_else(|e| panic!("{e}"));
        }
        w.finalize().unwrap_or_else(|e| panic!("{e}"));
    }
    let r = decode_wav(&out.into_inner()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.channels, r.samples.len()), (2, 480));
    assert!((r.samples[0] - 0.2).abs() < 1e-6);
}
