//! ELB labs: an Application Load Balancer answering 5xx, or a target group that reports its
//! targets unhealthy. The case is a model (the load balancer's idle timeout, the target
//! group's health check, the registered targets, the app server's keep-alive and how long
//! each route takes); a small simulation serves the customer's traffic through it the way
//! the ALB documentation describes (connections the target closed first are reused and
//! answer 502, a target slower than the idle timeout gets 504, an empty target group 503,
//! health checks judged by the matcher, fail-open when every target is unhealthy) and writes
//! the access log in the documented field order (`log.rs`) and the `aws elbv2` JSON
//! (`aws.rs`). `diagnose` reads the files back.

mod aws;
mod log;

use std::net::Ipv4Addr;

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;

use crate::common::{Built, LabInfo, Spec, pick, range};
use crate::netlab::{aws_id, hex};
use crate::{LabError, LabFile};

pub(crate) const FAULTS: &[&str] = &[
    "elb/keepalive-shorter-than-idle",
    "elb/no-healthy-targets",
    "elb/target-timeout",
    "elb/health-check-mismatch",
];

const APPS: &[&str] = &["shop", "orders", "catalog", "booking", "billing"];

/// The app server on the targets and how it writes its keep-alive setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Server {
    Node,
    Gunicorn,
}

/// One route of the app: path, method, status, seconds it takes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AppRoute {
    pub method: &'static str,
    pub path: String,
    pub status: u16,
    pub seconds: f64,
}

/// A registered target.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    pub id: String,
    pub ip: Ipv4Addr,
    pub az: String,
}

/// The case.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub account: String,
    pub app: String,
    pub host: String,
    pub alb_name: String,
    pub alb_id: String,
    pub idle_timeout: u32,
    pub tg_name: String,
    pub tg_id: String,
    pub spare_tg: Option<(String, String)>,
    pub port: u16,
    pub hc_path: String,
    pub matcher: String,
    pub targets: Vec<Target>,
    pub server: Server,
    /// Seconds the app server keeps an idle connection open.
    pub keepalive: f64,
    pub routes: Vec<AppRoute>,
    pub vpc: String,
    pub node_ips: Vec<Ipv4Addr>,
}

impl Case {
    pub fn alb_arn(&self) -> String {
        format!(
            "arn:aws:elasticloadbalancing:{}:{}:loadbalancer/app/{}/{}",
            crate::netlab::REGION,
            self.account,
            self.alb_name,
            self.alb_id
        )
    }

    pub fn tg_arn(&self, name: &str, id: &str) -> String {
        format!(
            "arn:aws:elasticloadbalancing:{}:{}:targetgroup/{name}/{id}",
            crate::netlab::REGION,
            self.account
        )
    }

    pub fn route(&self, path: &str) -> Option<&AppRoute> {
        self.routes.iter().find(|r| r.path == path)
    }

    /// What the health check gets from a target: the status of its path (404 if the app has
    /// no such route).
    pub fn health_status(&self) -> u16 {
        self.route(&self.hc_path).map_or(404, |r| r.status)
    }
}

/// Whether `code` is one of the matcher's success codes ("200", "200,302", "200-399").
pub(crate) fn matcher_accepts(matcher: &str, code: u16) -> bool {
    matcher.split(',').any(|part| {
        let part = part.trim();
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (a.trim().parse().unwrap_or(0), b.trim().parse().unwrap_or(0));
                a <= code && code <= b
            }
            None => part.parse() == Ok(code),
        }
    })
}

pub(crate) fn case(spec: &Spec) -> Case {
    let mut r = spec.rng("names");
    let org = *pick(&mut r, crate::common::ORGS);
    let app = *pick(&mut r, APPS);
    let account = format!("{:012}", r.next_u64() % 1_000_000_000_000);
    let o = range(&mut r, 16, 90) as u8;
    let server = if r.next_u32().is_multiple_of(2) {
        Server::Node
    } else {
        Server::Gunicorn
    };
    let path_variant = r.next_u32().is_multiple_of(2);
    let alb_name = format!("{app}-alb");
    let alb_id = hex(&mut r, 16);
    let tg_id = hex(&mut r, 16);
    let spare_id = hex(&mut r, 16);
    let vpc = aws_id("vpc", &mut r);
    let azs = ["ap-northeast-2a", "ap-northeast-2c"];
    let mut targets: Vec<Target> = (0..3)
        .map(|k| Target {
            id: aws_id("i", &mut r),
            ip: Ipv4Addr::new(10, o, 11 + (k % 2) as u8, range(&mut r, 10, 250) as u8),
            az: azs[k % 2].to_string(),
        })
        .collect();
    let node_ips = vec![
        Ipv4Addr::new(10, o, 1, range(&mut r, 10, 250) as u8),
        Ipv4Addr::new(10, o, 2, range(&mut r, 10, 250) as u8),
    ];
    let port = if server == Server::Node { 3000 } else { 8000 };
    let export_secs = range(&mut r, 70, 110) as f64 + 0.123;
    let mut routes = vec![
        AppRoute {
            method: "GET",
            path: "/healthz".into(),
            status: 200,
            seconds: 0.002,
        },
        AppRoute {
            method: "GET",
            path: "/".into(),
            status: 302,
            seconds: 0.003,
        },
        AppRoute {
            method: "GET",
            path: format!("/api/{app}"),
            status: 200,
            seconds: 0.045,
        },
        AppRoute {
            method: "POST",
            path: format!("/api/{app}"),
            status: 201,
            seconds: 0.120,
        },
        AppRoute {
            method: "GET",
            path: "/api/me".into(),
            status: 200,
            seconds: 0.012,
        },
        AppRoute {
            method: "POST",
            path: "/reports/export".into(),
            status: 200,
            seconds: if spec.about("elb/target-timeout") {
                export_secs
            } else {
                3.4
            },
        },
    ];
    let mut idle_timeout = 60;
    if spec.about("elb/target-timeout") && !spec.has("elb/target-timeout") {
        idle_timeout = 120;
    }
    // Longer than the idle timeout, as the ALB documentation advises ...
    let mut keepalive = f64::from(idle_timeout) + 5.0;
    if spec.has("elb/keepalive-shorter-than-idle") {
        // ... but for the servers' defaults.
        keepalive = if server == Server::Node { 5.0 } else { 2.0 };
    }
    let (mut hc_path, mut matcher) = ("/healthz".to_string(), "200".to_string());
    if spec.about("elb/health-check-mismatch") {
        if path_variant {
            hc_path = "/health".into();
            if !spec.has("elb/health-check-mismatch") {
                hc_path = "/healthz".into();
            }
        } else {
            hc_path = "/".into();
            if !spec.has("elb/health-check-mismatch") {
                matcher = "200-399".into();
            }
        }
    }
    let mut spare_tg = None;
    if spec.about("elb/no-healthy-targets") {
        spare_tg = Some((format!("{app}-green"), spare_id));
        if spec.has("elb/no-healthy-targets") {
            targets.clear();
        }
    }
    routes.sort_by(|a, b| a.path.cmp(&b.path));
    Case {
        account,
        app: app.to_string(),
        host: format!("www.{org}.co.kr"),
        alb_name,
        alb_id,
        idle_timeout,
        tg_name: if spare_tg.is_some() {
            format!("{app}-blue")
        } else {
            format!("{app}-tg")
        },
        tg_id,
        spare_tg,
        port,
        hc_path,
        matcher,
        targets,
        server,
        keepalive,
        routes,
        vpc,
        node_ips,
    }
}

/// One request as the ALB served it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Served {
    /// Seconds after the start of the window, when the request arrived.
    pub at: f64,
    pub client: (Ipv4Addr, u16),
    pub route: AppRoute,
    pub target: Option<(Ipv4Addr, u16)>,
    pub request_time: f64,
    pub target_time: f64,
    pub response_time: f64,
    pub elb_status: u16,
    pub target_status: Option<u16>,
    pub received: u32,
    pub sent: u32,
}

/// The customer's traffic through the model. Targets are picked round robin among the
/// healthy ones (all of them when none is healthy: the ALB fails open). A request that finds
/// the connection idle for longer than the target's keep-alive (but within the ALB's idle
/// timeout) races the target's close: 502 without a response. A target slower than the idle
/// timeout: 504. No registered target: 503.
pub(crate) fn serve(c: &Case, r: &mut ChaCha20Rng, n: usize) -> Vec<Served> {
    let traffic: Vec<&AppRoute> = c
        .routes
        .iter()
        .filter(|x| x.path != "/healthz" && x.path != "/")
        .collect();
    let mut last_on: Vec<f64> = vec![f64::NEG_INFINITY; c.targets.len()];
    let mut out = Vec::new();
    let mut t = 0.0;
    let mut next = 0;
    let mut prev = 0;
    // The race window after the target's keep-alive runs out (its FIN in flight).
    let race = 0.05;
    // Quiet spells end just after the keep-alive default of the server (5 s Node, 2 s
    // gunicorn): the same traffic in the lab and its twin.
    let quiet = if c.server == Server::Node { 5.0 } else { 2.0 };
    for k in 0..n {
        let straggler = k % 4 == 3 && k > 0 && !c.targets.is_empty();
        let i = if straggler {
            prev
        } else if c.targets.is_empty() {
            0
        } else {
            next % c.targets.len()
        };
        if straggler {
            t = last_on[i] + quiet + 0.004 + f64::from(r.next_u32() % 20) / 1000.0;
        } else {
            t += f64::from(range(r, 200, 2500) as u32) / 1000.0;
            next += 1;
        }
        let route = traffic[(k + k / 4) % traffic.len()].clone();
        let client = (
            Ipv4Addr::new(
                *pick(r, &[121u8, 175, 211, 223]),
                range(r, 1, 250) as u8,
                range(r, 1, 250) as u8,
                range(r, 1, 250) as u8,
            ),
            range(r, 1024, 65535) as u16,
        );
        let received = range(r, 300, 900) as u32;
        let mut s = Served {
            at: t,
            client,
            route: route.clone(),
            target: None,
            request_time: -1.0,
            target_time: -1.0,
            response_time: -1.0,
            elb_status: 503,
            target_status: None,
            received,
            sent: 336,
        };
        if c.targets.is_empty() {
            out.push(s);
            continue;
        }
        prev = i;
        s.target = Some((c.targets[i].ip, c.port));
        let gap = t - last_on[i];
        let idle = f64::from(c.idle_timeout);
        if c.keepalive < idle && gap > c.keepalive && gap <= c.keepalive + race {
            // The ALB reused a connection the target had just closed: no response.
            s.elb_status = 502;
            s.sent = 272;
        } else if route.seconds > idle {
            s.request_time = 0.001;
            s.elb_status = 504;
            s.sent = 282;
        } else {
            s.request_time = 0.001;
            s.target_time = route.seconds + f64::from(r.next_u32() % 9) / 1000.0;
            s.response_time = 0.0;
            s.elb_status = route.status;
            s.target_status = Some(route.status);
            s.sent = range(r, 400, 6000) as u32;
        }
        last_on[i] = t + route.seconds.min(idle);
        out.push(s);
    }
    out
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let c = case(spec);
    let mut r = spec.rng("traffic");
    let served = serve(&c, &mut r, 16);
    let mut built = Built::default();
    built.file("access.log", log::access_log(&c, spec, &served, &mut r)?);
    built.file(
        "describe-load-balancer-attributes.json",
        aws::attributes(&c)?,
    );
    built.file("describe-target-groups.json", aws::target_groups(&c)?);
    built.file("describe-target-health.json", aws::target_health(&c)?);
    built.file("target-config.txt", aws::target_config(&c));
    built.file("app.log", log::app_log(&c, spec, &served, &mut r)?);
    built.set("app", c.app.clone());
    built.set("alb", c.alb_name.clone());
    built.set("alb_arn", c.alb_arn());
    built.set("tg", c.tg_name.clone());
    built.set("tg_arn", c.tg_arn(&c.tg_name, &c.tg_id));
    built.set("host", c.host.clone());
    built.set("idle", c.idle_timeout.to_string());
    built.set("hc_path", c.hc_path.clone());
    built.set("port", c.port.to_string());
    Ok(built)
}

/// The validator: the settings and logs read back.
pub(crate) fn diagnose(files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    let f = aws::read_back(files)?;
    let mut found = Vec::new();
    if f.registered == 0 {
        found.push("elb/no-healthy-targets");
    }
    if f.keepalive < f64::from(f.idle_timeout) {
        found.push("elb/keepalive-shorter-than-idle");
    }
    if f.slowest > f64::from(f.idle_timeout) {
        found.push("elb/target-timeout");
    }
    if f.health_codes
        .iter()
        .any(|code| !matcher_accepts(&f.matcher, *code))
    {
        found.push("elb/health-check-mismatch");
    }
    Ok(found.into_iter().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matchers_read_like_the_elbv2_api() {
        assert!(matcher_accepts("200", 200));
        assert!(!matcher_accepts("200", 302));
        assert!(matcher_accepts("200-399", 302));
        assert!(matcher_accepts("200,302", 302));
        assert!(!matcher_accepts("200-299", 404));
    }
}
