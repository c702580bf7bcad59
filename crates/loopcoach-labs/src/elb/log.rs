//! The ALB access log in the documented field order (type time elb client:port target:port
//! request_processing_time target_processing_time response_processing_time elb_status_code
//! target_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher
//! ssl_protocol target_group_arn "trace_id" "domain_name" "chosen_cert_arn"
//! matched_rule_priority request_creation_time "actions_executed" "redirect_url"
//! "error_reason" "target:port_list" "target_status_code_list" "classification"
//! "classification_reason" conn_trace_id), and the app's own access log on a target.
//! Processing times are -1 where the ALB could not get a response, and the target status is
//! `-` then.

use rand_chacha::ChaCha20Rng;
use time::{Duration, OffsetDateTime};

use super::{Case, Served, Server};
use crate::LabError;
use crate::common::{Spec, pick};
use crate::netlab::hex;

const AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "okhttp/4.12.0",
    "python-requests/2.32.3",
];

/// `2026-03-14T09:21:03.123456Z`.
pub(crate) fn iso_micros(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

fn secs(x: f64) -> String {
    if x < 0.0 {
        "-1".to_string()
    } else {
        format!("{x:.3}")
    }
}

fn at(start: OffsetDateTime, s: f64) -> OffsetDateTime {
    start + Duration::seconds_f64(s)
}

/// The window the traffic falls in: the quarter of an hour before the case.
fn window_start(spec: &Spec) -> OffsetDateTime {
    spec.now - Duration::minutes(15)
}

pub(crate) fn access_log(
    c: &Case,
    spec: &Spec,
    served: &[Served],
    r: &mut ChaCha20Rng,
) -> Result<String, LabError> {
    let start = window_start(spec);
    let tg_arn = c.tg_arn(&c.tg_name, &c.tg_id);
    let cert = format!(
        "arn:aws:acm:{}:{}:certificate/{}-{}-{}-{}-{}",
        crate::netlab::REGION,
        c.account,
        hex(r, 8),
        hex(r, 4),
        hex(r, 4),
        hex(r, 4),
        hex(r, 12)
    );
    let mut out = String::new();
    for s in served {
        let arrived = at(start, s.at);
        let total = if s.elb_status == 504 {
            f64::from(c.idle_timeout) + 0.001
        } else {
            [s.request_time, s.target_time, s.response_time]
                .iter()
                .filter(|x| **x >= 0.0)
                .sum::<f64>()
                + 0.0004
        };
        let done = at(arrived, total);
        let target = s
            .target
            .map_or("-".to_string(), |(ip, port)| format!("{ip}:{port}"));
        let status = s.target_status.map_or("-".to_string(), |x| x.to_string());
        out.push_str(&format!(
            "https {} app/{}/{} {}:{} {target} {} {} {} {} {status} {} {} \"{} https://{}:443{} HTTP/1.1\" \"{}\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 {tg_arn} \"Root=1-{:08x}-{}\" \"{}\" \"{cert}\" 0 {} \"forward\" \"-\" \"-\" \"{target}\" \"{status}\" \"-\" \"-\" TID_{}\n",
            iso_micros(done),
            c.alb_name,
            c.alb_id,
            s.client.0,
            s.client.1,
            secs(s.request_time),
            secs(s.target_time),
            secs(s.response_time),
            s.elb_status,
            s.received,
            s.sent,
            s.route.method,
            c.host,
            s.route.path,
            pick(r, AGENTS),
            arrived.unix_timestamp(),
            hex(r, 24),
            c.host,
            iso_micros(arrived.replace_nanosecond(arrived.millisecond() as u32 * 1_000_000).unwrap_or(arrived)),
            hex(r, 32),
        ));
    }
    Ok(out)
}

fn clf_time(t: OffsetDateTime) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{:02}/{}/{:04}:{:02}:{:02}:{:02} +0000",
        t.day(),
        MONTHS[t.month() as usize - 1],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The access log of one target (the one that served the first report export, else the
/// first registered), in combined format with `rt=` seconds, and the ALB's health checks
/// (`ELB-HealthChecker/2.0`) every 30 seconds from each node.
pub(crate) fn app_log(
    c: &Case,
    spec: &Spec,
    served: &[Served],
    r: &mut ChaCha20Rng,
) -> Result<String, LabError> {
    let start = window_start(spec);
    let mut out = match c.server {
        Server::Node => format!(
            "{} server listening on 0.0.0.0:{}\n",
            iso_micros(start - Duration::hours(3)),
            c.port
        ),
        Server::Gunicorn => format!(
            "[{}] [1] [INFO] Listening at: http://0.0.0.0:{} (1)\n",
            (start - Duration::hours(3)).date(),
            c.port
        ),
    };
    let Some(first) = c.targets.first() else {
        return Ok(out);
    };
    let shown = served
        .iter()
        .find(|s| s.route.path == "/reports/export")
        .and_then(|s| s.target)
        .map_or(first.ip, |(ip, _)| ip);
    let mut lines: Vec<(f64, String)> = Vec::new();
    let hc = c.health_status();
    for k in 0..10 {
        let node = c.node_ips[k % c.node_ips.len()];
        let t = 15.0 * k as f64 + 3.0;
        lines.push((
            t,
            format!(
                "{node} - - [{}] \"GET {} HTTP/1.1\" {hc} {} \"-\" \"ELB-HealthChecker/2.0\" rt=0.002",
                clf_time(at(start, t)),
                c.hc_path,
                if hc == 200 { 15 } else { 9 + (hc % 7) as u32 }
            ),
        ));
    }
    for s in served
        .iter()
        .filter(|s| s.target.is_some_and(|(ip, _)| ip == shown) && s.elb_status != 502)
    {
        let node = *pick(r, &c.node_ips);
        // The app finishes what the ALB gave up on (504) and logs it as it always does.
        let done = s.at + s.route.seconds;
        lines.push((
            done,
            format!(
                "{node} - - [{}] \"{} {} HTTP/1.1\" {} {} \"-\" \"{}\" rt={:.3}",
                clf_time(at(start, done)),
                s.route.method,
                s.route.path,
                s.route.status,
                s.sent.max(120),
                pick(r, AGENTS),
                s.route.seconds
            ),
        ));
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, l) in lines {
        out.push_str(&l);
        out.push('\n');
    }
    Ok(out)
}
