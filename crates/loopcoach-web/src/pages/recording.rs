//! A mock answer's recording: `app.js` records the microphone with Web Audio, encodes 16-bit
//! mono PCM WAV itself and uploads it (`POST /mock/{id}/{n}/recording`, the CSRF token in the
//! `X-CSRF-Token` header) while the answer is being given. The upload is read as a WAV (junk is
//! a message, never a 500), written atomically into the uploads folder beside the workspace as
//! `{session}-{n}.wav`, and measured (`loopcoach-practice::speech`): the talk time and the long
//! pauses are kept with the answer and shown beside its feedback, the recording played back
//! from `GET /mock/{id}/{n}/recording`.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use loopcoach_core::i18n::Arg;
use loopcoach_practice::speech::{self, LONG_PAUSE_MS, Speech, WavError};
use loopcoach_store::MockRecordingRow;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::mock::{load, mmss};
use super::{Req, error_page, run};
use crate::error::WebError;
use crate::state::AppState;
use crate::svg;
use crate::ui::{Tr, Ui, requested_lang};

/// The largest recording accepted: about 10 minutes of the 16 kHz mono WAV `app.js` makes.
pub const MAX_RECORDING_BYTES: usize = 20 * 1024 * 1024;

/// What the feedback shows of a recording.
#[derive(Debug)]
pub struct SpeechView {
    pub audio: String,
    pub talk: String,
    pub over: bool,
    pub pauses_head: String,
    pub pauses: Vec<String>,
    pub no_pause: Option<String>,
    pub clipped: Option<String>,
    pub svg: String,
}

fn secs(ms: u64) -> String {
    format!("{:.1}", ms as f64 / 1000.0)
}

fn at(ms: u64) -> String {
    mmss(ms / 1000)
}

/// The view of a stored measurement against a time limit of `limit` seconds (none when the
/// stored JSON is unreadable).
pub fn speech_view(r: &MockRecordingRow, limit: u64, t: &Tr) -> Option<SpeechView> {
    let s: Speech = serde_json::from_str(&r.measured).ok()?;
    let pauses: Vec<String> = s
        .pauses
        .iter()
        .map(|p| {
            t.fmt(
                "web-speech-pause",
                &[
                    ("at", Arg::from(at(p.start_ms))),
                    ("seconds", Arg::from(secs(p.length_ms))),
                ],
            )
        })
        .collect();
    let marks: Vec<(u64, u64, String)> = s
        .pauses
        .iter()
        .map(|p| {
            (
                p.start_ms,
                p.length_ms,
                t.fmt(
                    "web-speech-strip-pause",
                    &[
                        ("at", Arg::from(at(p.start_ms))),
                        ("seconds", Arg::from(secs(p.length_ms))),
                    ],
                ),
            )
        })
        .collect();
    Some(SpeechView {
        audio: format!("/mock/{}/{}/recording", r.session_id, r.ordinal),
        talk: t.fmt(
            "web-speech-talk",
            &[
                ("talk", Arg::from(mmss(s.talk_ms / 1000))),
                ("limit", Arg::from(mmss(limit))),
                ("total", Arg::from(mmss(s.total_ms / 1000))),
            ],
        ),
        over: s.talk_ms / 1000 > limit,
        pauses_head: t.fmt(
            "web-speech-pauses",
            &[("min", Arg::from(LONG_PAUSE_MS / 1000))],
        ),
        no_pause: pauses.is_empty().then(|| {
            t.fmt(
                "web-speech-no-pause",
                &[("seconds", Arg::from(secs(s.longest_pause_ms)))],
            )
        }),
        pauses,
        clipped: (s.clipped >= 0.001).then(|| {
            t.fmt(
                "web-speech-clipped",
                &[("percent", Arg::from(format!("{:.1}", s.clipped * 100.0)))],
            )
        }),
        svg: svg::energy_strip(
            &t.get("web-speech-strip"),
            &s.strip,
            s.total_ms,
            &marks,
            ("0:00", &at(s.total_ms)),
        ),
    })
}

/// The file name of a recording: the session id (kept to letters, digits, `-` and `_`) and
/// the answer's ordinal.
pub fn file_name(session: &str, ordinal: i64) -> String {
    let safe: String = session
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}-{ordinal}.wav")
}

/// `POST /mock/{id}/{n}/recording`: the body is the WAV.
pub async fn upload(
    State(st): State<AppState>,
    req: Req,
    Path((id, ordinal)): Path<(String, i64)>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let bytes = match declared {
        Some(n) if n > MAX_RECORDING_BYTES => None,
        _ => axum::body::to_bytes(body, MAX_RECORDING_BYTES).await.ok(),
    };
    let Some(bytes) = bytes else {
        let ui = Ui {
            lang: req
                .lang
                .or_else(|| requested_lang(&headers))
                .unwrap_or_default(),
            csrf: req.csrf,
        };
        let msg = ui.tr().fmt(
            "web-rec-too-large",
            &[("n", Arg::from(MAX_RECORDING_BYTES / (1024 * 1024)))],
        );
        return error_page(&ui, &WebError::TooLarge(msg));
    };
    run(st, req, move |st, ui| {
        upload_blocking(st, ui, &id, ordinal, &bytes)
    })
    .await
}

fn upload_blocking(
    st: &AppState,
    ui: &Ui,
    id: &str,
    ordinal: i64,
    bytes: &Bytes,
) -> Result<Response, WebError> {
    let t = ui.tr();
    let l = load(st, &t, id)?;
    if !l.rows.iter().any(|r| r.ordinal == ordinal) {
        return Err(WebError::NotFound(t.fmt(
            "web-mock-no-question",
            &[
                ("session", Arg::from(id)),
                ("n", Arg::from(ordinal.to_string())),
            ],
        )));
    }
    let mut store = st.backend().store()?;
    if store
        .mock_session_answers(id)?
        .iter()
        .any(|a| a.ordinal == ordinal)
    {
        return Err(WebError::Conflict(
            t.fmt("web-mock-already", &[("n", Arg::from(ordinal.to_string()))]),
        ));
    }
    let rec = speech::decode_wav(bytes).map_err(|e| {
        let why = match e {
            WavError::NotWav(m) | WavError::Unsupported(m) => m,
            WavError::Empty => e.to_string(),
        };
        WebError::BadRequest(t.s("web-rec-bad", &why))
    })?;
    let s = speech::measure(&rec.samples, rec.sample_rate);
    let dir = st.backend().uploads_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| WebError::Other(format!("{}: {e}", dir.display())))?;
    let name = file_name(id, ordinal);
    loopcoach_notes::files::replace(t.messages(), &dir.join(&name), bytes, None)
        .map_err(|e| WebError::Other(format!("{e:#}")))?;
    let row = MockRecordingRow {
        session_id: id.to_string(),
        ordinal,
        file: name,
        total_ms: i64::try_from(s.total_ms).unwrap_or(i64::MAX),
        talk_ms: i64::try_from(s.talk_ms).unwrap_or(i64::MAX),
        longest_pause_ms: i64::try_from(s.longest_pause_ms).unwrap_or(i64::MAX),
        long_pauses: s.pauses.len() as i64,
        measured: serde_json::to_string(&s).map_err(|e| WebError::Other(e.to_string()))?,
        at: OffsetDateTime::now_utc()
            .format(&Rfc3339)
            .unwrap_or_default(),
    };
    store.transact(|tx| tx.put_mock_recording(&row))?;
    let msg = t.fmt(
        "web-rec-saved",
        &[
            ("talk", Arg::from(mmss(s.talk_ms / 1000))),
            ("total", Arg::from(mmss(s.total_ms / 1000))),
            ("pauses", Arg::from(s.pauses.len())),
        ],
    );
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        msg,
    )
        .into_response())
}

/// `GET /mock/{id}/{n}/recording`: the WAV, for an `<audio controls>` element.
pub async fn serve(
    State(st): State<AppState>,
    req: Req,
    Path((id, ordinal)): Path<(String, i64)>,
) -> Response {
    run(st, req, move |st, ui| {
        let t = ui.tr();
        let row = st
            .backend()
            .store()?
            .mock_recording(&id, ordinal)?
            .ok_or_else(|| {
                WebError::NotFound(t.fmt(
                    "web-mock-no-question",
                    &[
                        ("session", Arg::from(id.as_str())),
                        ("n", Arg::from(ordinal.to_string())),
                    ],
                ))
            })?;
        // The stored name is ours; a name with a separator is not read.
        if row.file.contains(['/', '\\']) || row.file.starts_with('.') {
            return Err(WebError::NotFound(t.get("web-rec-missing")));
        }
        let path = st.backend().uploads_dir().join(&row.file);
        let bytes = loopcoach_notes::files::read_limited(&path, MAX_RECORDING_BYTES as u64)
            .map_err(|_| WebError::NotFound(t.get("web-rec-missing")))?;
        let mut r = (StatusCode::OK, bytes).into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("audio/wav"));
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        Ok(r)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_to_safe_characters() {
        assert_eq!(file_name("web-17-3", 2), "web-17-3-2.wav");
        assert_eq!(file_name("../../etc/x", 1), "______etc_x-1.wav");
    }

    #[test]
    fn a_measurement_is_shown_with_its_pauses_in_both_languages() {
        let s = speech::measure(
            &speech::synth(
                8_000,
                &[
                    (1000, 0.3),
                    (2500, 0.0),
                    (1000, 0.3),
                    (500, 0.0),
                    (1000, 3.0),
                ],
                0.0,
            ),
            8_000,
        );
        let row = MockRecordingRow {
            session_id: "s".into(),
            ordinal: 1,
            file: "s-1.wav".into(),
            total_ms: 0,
            talk_ms: 0,
            longest_pause_ms: 0,
            long_pauses: 0,
            measured: serde_json::to_string(&s).unwrap_or_default(),
            at: String::new(),
        };
        for lang in [loopcoach_core::Lang::En, loopcoach_core::Lang::Ko] {
            let v = speech_view(&row, 2, &Tr::new(lang)).unwrap_or_else(|| panic!("view"));
            assert_eq!(v.audio, "/mock/s/1/recording");
            assert_eq!(v.pauses.len(), 1);
            assert!(
                v.pauses[0].contains("0:01") && v.pauses[0].contains("2.5"),
                "{:?}",
                v.pauses
            );
            assert!(v.over, "3 s of talk over a 2 s limit");
            assert!(v.clipped.is_some());
            assert!(v.no_pause.is_none());
            assert_eq!(v.svg.matches("class=\"pause\"").count(), 1);
        }
        let bad = MockRecordingRow {
            measured: "nope".into(),
            ..row
        };
        assert!(speech_view(&bad, 2, &Tr::new(loopcoach_core::Lang::En)).is_none());
    }
}
