//! The ELB lab's settings as the AWS CLI prints them (`aws elbv2
//! describe-load-balancer-attributes`, `describe-target-groups`, `describe-target-health`),
//! the app server's keep-alive setting, and all of it read back for diagnosis.

use serde_json::{Value, json};

use super::{Case, Server, matcher_accepts};
use crate::common::{bad, json_pretty, text};
use crate::{LabError, LabFile};

pub(crate) fn attributes(c: &Case) -> Result<Vec<u8>, LabError> {
    let kv = |k: &str, v: String| json!({ "Key": k, "Value": v });
    json_pretty(&json!({ "Attributes": [
        kv("access_logs.s3.enabled", "true".into()),
        kv("access_logs.s3.bucket", format!("{}-alb-logs-{}", c.app, c.account)),
        kv("deletion_protection.enabled", "true".into()),
        kv("idle_timeout.timeout_seconds", c.idle_timeout.to_string()),
        kv("routing.http.desync_mitigation_mode", "defensive".into()),
        kv("routing.http.drop_invalid_header_fields.enabled", "false".into()),
        kv("routing.http2.enabled", "true".into()),
        kv("client_keep_alive.seconds", "3600".into()),
    ]}))
}

fn group(c: &Case, name: &str, id: &str, attached: bool) -> Value {
    json!({
        "TargetGroupArn": c.tg_arn(name, id),
        "TargetGroupName": name,
        "Protocol": "HTTP",
        "Port": c.port,
        "VpcId": c.vpc,
        "HealthCheckProtocol": "HTTP",
        "HealthCheckPort": "traffic-port",
        "HealthCheckEnabled": true,
        "HealthCheckIntervalSeconds": 30,
        "HealthCheckTimeoutSeconds": 5,
        "HealthyThresholdCount": 5,
        "UnhealthyThresholdCount": 2,
        "HealthCheckPath": c.hc_path,
        "Matcher": { "HttpCode": c.matcher },
        "LoadBalancerArns": if attached { vec![c.alb_arn()] } else { Vec::new() },
        "TargetType": "instance",
        "ProtocolVersion": "HTTP1",
        "IpAddressType": "ipv4",
    })
}

pub(crate) fn target_groups(c: &Case) -> Result<Vec<u8>, LabError> {
    let mut groups = vec![group(c, &c.tg_name, &c.tg_id, true)];
    if let Some((name, id)) = &c.spare_tg {
        groups.push(group(c, name, id, false));
    }
    json_pretty(&json!({ "TargetGroups": groups }))
}

pub(crate) fn target_health(c: &Case) -> Result<Vec<u8>, LabError> {
    let code = c.health_status();
    let healthy = matcher_accepts(&c.matcher, code);
    let descriptions: Vec<Value> = c
        .targets
        .iter()
        .map(|t| {
            let health = if healthy {
                json!({ "State": "healthy" })
            } else {
                json!({
                    "State": "unhealthy",
                    "Reason": "Target.ResponseCodeMismatch",
                    "Description": format!("Health checks failed with these codes: [{code}]"),
                })
            };
            json!({
                "Target": { "Id": t.id, "Port": c.port, "AvailabilityZone": t.az },
                "HealthCheckPort": c.port.to_string(),
                "TargetHealth": health,
            })
        })
        .collect();
    json_pretty(&json!({ "TargetHealthDescriptions": descriptions }))
}

pub(crate) fn target_config(c: &Case) -> String {
    match c.server {
        Server::Node => {
            let ms = (c.keepalive * 1000.0) as u64;
            format!(
                "// server.js (excerpt), Node.js 20\nconst server = app.listen({}, '0.0.0.0');\nserver.keepAliveTimeout = {ms}; // ms\nserver.headersTimeout = {};\n",
                c.port,
                ms + 1000
            )
        }
        Server::Gunicorn => format!(
            "# gunicorn.conf.py\nbind = \"0.0.0.0:{}\"\nworkers = 4\ntimeout = 180\nkeepalive = {}\n",
            c.port, c.keepalive as u64
        ),
    }
}

/// What the validator reads from the files.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts {
    pub idle_timeout: u32,
    pub registered: usize,
    pub matcher: String,
    pub keepalive: f64,
    pub health_codes: Vec<u16>,
    pub slowest: f64,
}

fn json_file(files: &[LabFile], path: &str) -> Result<Value, LabError> {
    serde_json::from_str(text(files, path)?).map_err(|e| bad(path)(e.to_string()))
}

pub(crate) fn read_back(files: &[LabFile]) -> Result<Facts, LabError> {
    let attrs = json_file(files, "describe-load-balancer-attributes.json")?;
    let idle_timeout = attrs["Attributes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["Key"] == "idle_timeout.timeout_seconds")
        .and_then(|a| a["Value"].as_str()?.parse().ok())
        .ok_or_else(|| {
            bad("describe-load-balancer-attributes.json")("no idle_timeout.timeout_seconds".into())
        })?;
    let groups = json_file(files, "describe-target-groups.json")?;
    let matcher = groups["TargetGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|g| {
            g["LoadBalancerArns"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        })
        .and_then(|g| g["Matcher"]["HttpCode"].as_str())
        .ok_or_else(|| bad("describe-target-groups.json")("no attached target group".into()))?
        .to_string();
    let health = json_file(files, "describe-target-health.json")?;
    let registered = health["TargetHealthDescriptions"]
        .as_array()
        .map_or(0, Vec::len);
    let config = text(files, "target-config.txt")?;
    let number = |line: &str| {
        line.split('=').nth(1).and_then(|v| {
            v.trim()
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse::<f64>()
                .ok()
        })
    };
    let keepalive = config
        .lines()
        .find_map(|l| {
            let l = l.trim();
            if l.starts_with("server.keepAliveTimeout") {
                number(l).map(|ms| ms / 1000.0)
            } else if l.starts_with("keepalive") {
                number(l)
            } else {
                None
            }
        })
        .ok_or_else(|| bad("target-config.txt")("no keep-alive setting".into()))?;
    let log = text(files, "app.log")?;
    let mut health_codes = Vec::new();
    let mut slowest: f64 = 0.0;
    for line in log.lines() {
        let Some((_, after)) = line.split_once("HTTP/1.1\" ") else {
            continue;
        };
        let code: u16 = after
            .split_whitespace()
            .next()
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| bad("app.log")(format!("no status in `{line}`")))?;
        if line.contains("ELB-HealthChecker") {
            health_codes.push(code);
        } else if let Some(rt) = line
            .rsplit_once("rt=")
            .and_then(|(_, v)| v.parse::<f64>().ok())
        {
            slowest = slowest.max(rt);
        }
    }
    Ok(Facts {
        idle_timeout,
        registered,
        matcher,
        keepalive,
        health_codes,
        slowest,
    })
}
