//! Rendering what the customer pasted: `kubectl get events`, `kubectl describe`, `kubectl get
//! pods` tables and command transcripts. Events are k8s-openapi `Event` objects; the tables
//! are laid out the way kubectl prints them (columns padded to the widest cell).

use k8s_openapi::api::core::v1::{Event, ObjectReference, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use time::OffsetDateTime;

/// kubectl's short age: `45s`, `3m12s`, `2m`, `5h`, `3d`.
pub(crate) fn age(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..=119 => format!("{s}s"),
        120..=599 => format!("{}m{}s", s / 60, s % 60),
        600..=10_799 => format!("{}m", s / 60),
        10_800..=172_799 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

/// Pads columns like kubectl's tabwriter (three spaces between columns).
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                let pad = widths[i] - cell.chars().count() + 3;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An event as the API stores it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn event(
    namespace: &str,
    kind: &str,
    name: &str,
    type_: &str,
    reason: &str,
    message: String,
    at: OffsetDateTime,
    count: i32,
) -> Event {
    Event {
        metadata: ObjectMeta {
            name: Some(format!("{name}.{:x}", at.unix_timestamp())),
            namespace: Some(namespace.to_string()),
            ..Default::default()
        },
        involved_object: ObjectReference {
            kind: Some(kind.to_string()),
            name: Some(name.to_string()),
            namespace: Some(namespace.to_string()),
            ..Default::default()
        },
        type_: Some(type_.to_string()),
        reason: Some(reason.to_string()),
        message: Some(message),
        last_timestamp: Some(Time(to_jiff(at))),
        count: Some(count),
        ..Default::default()
    }
}

fn to_jiff(t: OffsetDateTime) -> k8s_openapi::jiff::Timestamp {
    k8s_openapi::jiff::Timestamp::from_second(t.unix_timestamp())
        .unwrap_or(k8s_openapi::jiff::Timestamp::UNIX_EPOCH)
}

fn seconds_before(now: OffsetDateTime, e: &Event) -> i64 {
    let at = e
        .last_timestamp
        .as_ref()
        .map(|t| t.0.as_second())
        .unwrap_or(now.unix_timestamp());
    now.unix_timestamp() - at
}

/// `kubectl get events -n NS --sort-by=.lastTimestamp`.
pub(crate) fn events_table(namespace: &str, now: OffsetDateTime, events: &mut [Event]) -> String {
    events.sort_by_key(|e| -seconds_before(now, e));
    let mut rows = vec![
        ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
            .map(String::from)
            .to_vec(),
    ];
    for e in events.iter() {
        let obj = &e.involved_object;
        rows.push(vec![
            age(seconds_before(now, e)),
            e.type_.clone().unwrap_or_default(),
            e.reason.clone().unwrap_or_default(),
            format!(
                "{}/{}",
                obj.kind.clone().unwrap_or_default().to_lowercase(),
                obj.name.clone().unwrap_or_default()
            ),
            e.message.clone().unwrap_or_default(),
        ]);
    }
    format!(
        "$ kubectl get events -n {namespace} --sort-by=.lastTimestamp\n{}",
        table(&rows)
    )
}

/// The Events block at the end of `kubectl describe`.
pub(crate) fn describe_events(now: OffsetDateTime, events: &[&Event]) -> String {
    if events.is_empty() {
        return "Events:            <none>\n".to_string();
    }
    let mut rows = vec![
        ["Type", "Reason", "Age", "From", "Message"]
            .map(String::from)
            .to_vec(),
        ["----", "------", "----", "----", "-------"]
            .map(String::from)
            .to_vec(),
    ];
    for e in events {
        let from = match e.reason.as_deref() {
            Some("FailedScheduling") => "default-scheduler",
            _ => "kubelet",
        };
        rows.push(vec![
            e.type_.clone().unwrap_or_default(),
            e.reason.clone().unwrap_or_default(),
            age(seconds_before(now, e)),
            from.to_string(),
            e.message.clone().unwrap_or_default(),
        ]);
    }
    let mut out = "Events:\n".to_string();
    for line in table(&rows).lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `kubectl get pods -n NS --show-labels`.
pub(crate) fn pods_table(namespace: &str, now: OffsetDateTime, pods: &[Pod]) -> String {
    let mut rows = vec![
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "LABELS"]
            .map(String::from)
            .to_vec(),
    ];
    for p in pods {
        let status = p.status.clone().unwrap_or_default();
        let ready = status
            .conditions
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .any(|c| c.type_ == "Ready" && c.status == "True");
        let n = p.spec.as_ref().map(|s| s.containers.len()).unwrap_or(1);
        let started = status
            .start_time
            .as_ref()
            .map(|t| now.unix_timestamp() - t.0.as_second())
            .unwrap_or(0);
        let labels = p
            .metadata
            .labels
            .clone()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        rows.push(vec![
            p.metadata.name.clone().unwrap_or_default(),
            format!("{}/{n}", if ready { n } else { 0 }),
            status.phase.clone().unwrap_or_default(),
            "0".to_string(),
            age(started),
            labels,
        ]);
    }
    format!(
        "$ kubectl get pods -n {namespace} --show-labels\n{}",
        table(&rows)
    )
}

pub(crate) fn start_time(now: OffsetDateTime, seconds_ago: i64) -> Time {
    Time(to_jiff(now - time::Duration::seconds(seconds_ago)))
}
