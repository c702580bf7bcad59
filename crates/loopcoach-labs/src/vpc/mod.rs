//! VPC labs: an instance that cannot be reached or cannot reach out. The case is a network
//! model (the instance's security groups, its subnet's network ACL and route table, the S3
//! gateway endpoint and its policy) written out as `aws ec2 describe-*` prints it
//! (`aws.rs`); our evaluator (`eval.rs`) decides what happens to the customer's connection
//! attempts, and the VPC flow log records (version 2, default format) are made from those
//! decisions. `diagnose` reads the JSON back and asks the same evaluator.

mod aws;
pub(crate) mod eval;

use std::net::Ipv4Addr;

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;
use time::Duration;

use crate::common::{Built, LabInfo, Spec, pick, range};
use crate::netlab::aws_id;
use crate::{LabError, LabFile};
use eval::{
    ALL, Acl, AclEntry, Cidr, Dest, Endpoint, Net, Outcome, Peer, Route, SecurityGroup, SgRule,
    Statement, Stop, TCP, Target,
};

pub(crate) const FAULTS: &[&str] = &[
    "vpc/sg-missing-inbound",
    "vpc/nacl-ephemeral",
    "vpc/no-route-to-gateway",
    "vpc/endpoint-policy-deny",
];

const APPS: &[&str] = &["shop", "orders", "reports", "partner-sync", "billing"];
const PARTNERS: &[&str] = &[
    "api.paygate.co.kr",
    "api.shipfast.com",
    "hooks.idpartner.net",
];
/// The S3 managed prefix list of ap-northeast-2 and some of its CIDRs.
pub(crate) const S3_PREFIX_LIST: &str = "pl-78a54011";
const S3_CIDRS: &[&str] = &["52.219.56.0/22", "52.219.60.0/23", "3.5.140.0/22"];

/// What the customer tried.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Attempt {
    /// A client on the internet opens `port` on the instance's public address.
    Inbound { client: Ipv4Addr, port: u16 },
    /// The instance opens `dst:port` (`host` is the name it used).
    Outbound {
        dst: Ipv4Addr,
        port: u16,
        host: String,
    },
    /// The instance gets an object from S3 through the gateway endpoint.
    S3 {
        dst: Ipv4Addr,
        port: u16,
        bucket: String,
        key: String,
    },
}

/// The case.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub account: String,
    pub app: String,
    pub vpc: String,
    pub subnet: String,
    pub instance: String,
    pub eni: String,
    pub private_ip: Ipv4Addr,
    pub public_ip: Option<Ipv4Addr>,
    pub role: String,
    pub acl_assoc: String,
    pub rt_id: String,
    pub net: Net,
    pub attempt: Attempt,
}

fn public_ip(r: &mut ChaCha20Rng, first: u8, second: u8) -> Ipv4Addr {
    Ipv4Addr::new(
        first,
        second,
        range(r, 1, 250) as u8,
        range(r, 1, 250) as u8,
    )
}

fn sg_rule(proto: i32, from: u16, to: u16, cidr: Cidr, description: &str) -> SgRule {
    SgRule {
        proto,
        from,
        to,
        peer: Peer::Cidr(cidr),
        description: description.to_string(),
    }
}

fn acl_entry(
    number: u16,
    egress: bool,
    proto: i32,
    ports: Option<(u16, u16)>,
    cidr: Cidr,
    allow: bool,
) -> AclEntry {
    AclEntry {
        number,
        egress,
        proto,
        ports,
        cidr,
        allow,
    }
}

pub(crate) fn case(spec: &Spec) -> Case {
    let mut r = spec.rng("names");
    let org = *pick(&mut r, crate::common::ORGS);
    let app = *pick(&mut r, APPS);
    let partner = *pick(&mut r, PARTNERS);
    let account = format!("{:012}", r.next_u64() % 1_000_000_000_000);
    let o = range(&mut r, 16, 90) as u8;
    let vpc_cidr = Cidr::new([10, o, 0, 0], 16);
    let vpc = aws_id("vpc", &mut r);
    let subnet = format!("subnet-0{}", crate::netlab::hex(&mut r, 16));
    let instance = aws_id("i", &mut r);
    let eni = aws_id("eni", &mut r);
    let sg_id = aws_id("sg", &mut r);
    let acl_id = format!("acl-0{}", crate::netlab::hex(&mut r, 16));
    let acl_assoc = format!("aclassoc-0{}", crate::netlab::hex(&mut r, 16));
    let rt_id = format!("rtb-0{}", crate::netlab::hex(&mut r, 16));
    let igw = format!("igw-0{}", crate::netlab::hex(&mut r, 16));
    let nat = format!("nat-0{}", crate::netlab::hex(&mut r, 16));
    let vpce = format!("vpce-0{}", crate::netlab::hex(&mut r, 16));
    let office = Cidr {
        net: public_ip(&mut r, 211, 234),
        len: 32,
    };
    let client = public_ip(&mut r, 175, 223);
    let partner_ip = public_ip(&mut r, 52, 78);
    let s3_ip = Ipv4Addr::new(52, 219, 58, range(&mut r, 1, 250) as u8);
    let eip = public_ip(&mut r, 43, 201);
    let host = range(&mut r, 10, 250) as u8;

    let public_web = spec.about("vpc/sg-missing-inbound") || spec.about("vpc/nacl-ephemeral");
    let private_ip = if public_web {
        Ipv4Addr::new(10, o, 1, host)
    } else {
        Ipv4Addr::new(10, o, 11, host)
    };
    let any = Cidr::any();
    let mut ingress = vec![sg_rule(TCP, 22, 22, office, "ssh from the office")];
    if public_web {
        ingress.push(sg_rule(TCP, 80, 80, any, "http redirect"));
        if !spec.has("vpc/sg-missing-inbound") {
            ingress.push(sg_rule(TCP, 443, 443, any, "https"));
        }
    }
    let group = SecurityGroup {
        id: sg_id,
        name: format!("{app}-{}", if public_web { "web" } else { "app" }),
        ingress,
        egress: vec![sg_rule(ALL, 0, 0, any, "")],
    };
    let acl = if spec.about("vpc/nacl-ephemeral") {
        let mut entries = vec![
            acl_entry(100, false, TCP, Some((443, 443)), any, true),
            acl_entry(110, false, TCP, Some((22, 22)), office, true),
            acl_entry(120, false, TCP, Some((1024, 65535)), any, true),
            acl_entry(32767, false, ALL, None, any, false),
            acl_entry(100, true, TCP, Some((443, 443)), any, true),
            acl_entry(110, true, TCP, Some((80, 80)), any, true),
            acl_entry(32767, true, ALL, None, any, false),
        ];
        if !spec.has("vpc/nacl-ephemeral") {
            entries.push(acl_entry(120, true, TCP, Some((1024, 65535)), any, true));
        }
        entries.sort_by_key(|e| (e.egress, e.number));
        Acl {
            id: acl_id,
            entries,
        }
    } else {
        Acl {
            id: acl_id,
            entries: vec![
                acl_entry(100, false, ALL, None, any, true),
                acl_entry(32767, false, ALL, None, any, false),
                acl_entry(100, true, ALL, None, any, true),
                acl_entry(32767, true, ALL, None, any, false),
            ],
        }
    };
    let mut routes = vec![Route {
        dest: Dest::Cidr(vpc_cidr),
        target: Target::Local,
    }];
    if public_web {
        routes.push(Route {
            dest: Dest::Cidr(any),
            target: Target::Igw(igw),
        });
    } else if !spec.has("vpc/no-route-to-gateway") {
        routes.push(Route {
            dest: Dest::Cidr(any),
            target: Target::Nat(nat),
        });
    }
    routes.push(Route {
        dest: Dest::PrefixList(S3_PREFIX_LIST.into()),
        target: Target::Vpce(vpce.clone()),
    });
    let artifacts = format!("{org}-artifacts");
    let reports = format!("{org}-{app}-exports");
    let mut allowed = vec![
        format!("arn:aws:s3:::{artifacts}"),
        format!("arn:aws:s3:::{artifacts}/*"),
    ];
    let policy = if spec.about("vpc/endpoint-policy-deny") {
        if !spec.has("vpc/endpoint-policy-deny") {
            allowed.push(format!("arn:aws:s3:::{reports}"));
            allowed.push(format!("arn:aws:s3:::{reports}/*"));
        }
        vec![Statement {
            allow: true,
            actions: vec![
                "s3:GetObject".into(),
                "s3:PutObject".into(),
                "s3:ListBucket".into(),
            ],
            resources: allowed,
        }]
    } else {
        vec![Statement {
            allow: true,
            actions: vec!["*".into()],
            resources: vec!["*".into()],
        }]
    };
    let net = Net {
        vpc_cidr,
        groups: vec![group],
        acl,
        routes,
        prefix_lists: vec![(
            S3_PREFIX_LIST.into(),
            S3_CIDRS.iter().filter_map(|c| Cidr::parse(c)).collect(),
        )],
        endpoints: vec![Endpoint {
            id: vpce,
            service: format!("com.amazonaws.{}.s3", crate::netlab::REGION),
            prefix_list: S3_PREFIX_LIST.into(),
            policy,
        }],
    };
    let attempt = if public_web {
        Attempt::Inbound { client, port: 443 }
    } else if spec.about("vpc/endpoint-policy-deny") {
        Attempt::S3 {
            dst: s3_ip,
            port: 443,
            bucket: reports,
            key: format!("daily/{}.csv", (spec.now - Duration::days(1)).date()),
        }
    } else {
        Attempt::Outbound {
            dst: partner_ip,
            port: 443,
            host: partner.to_string(),
        }
    };
    Case {
        account,
        app: app.to_string(),
        vpc,
        subnet,
        instance,
        eni,
        private_ip,
        public_ip: public_web.then_some(eip),
        role: format!("{app}-ec2-role"),
        acl_assoc,
        rt_id,
        net,
        attempt,
    }
}

/// What the evaluator says about the attempt (client port `ephemeral`).
pub(crate) fn outcome(c: &Case, ephemeral: u16) -> Outcome {
    match &c.attempt {
        Attempt::Inbound { client, port } => {
            c.net
                .inbound(*client, *port, ephemeral, c.public_ip.is_some())
        }
        Attempt::Outbound { dst, port, .. } => {
            c.net
                .outbound(*dst, *port, ephemeral, c.public_ip.is_some(), None)
        }
        Attempt::S3 {
            dst,
            port,
            bucket,
            key,
        } => c.net.outbound(
            *dst,
            *port,
            ephemeral,
            c.public_ip.is_some(),
            Some(("s3:GetObject", &format!("arn:aws:s3:::{bucket}/{key}"))),
        ),
    }
}

/// The fault a stop means.
pub(crate) fn fault_of(stop: Stop) -> &'static str {
    match stop {
        Stop::SgInbound | Stop::SgOutbound => "vpc/sg-missing-inbound",
        Stop::AclInbound | Stop::AclOutbound | Stop::AclOutboundReturn | Stop::AclInboundReturn => {
            "vpc/nacl-ephemeral"
        }
        Stop::NoRoute => "vpc/no-route-to-gateway",
        Stop::EndpointPolicy => "vpc/endpoint-policy-deny",
    }
}

/// One flow-log record (version 2, default format).
#[allow(clippy::too_many_arguments)]
fn record(
    c: &Case,
    src: Ipv4Addr,
    dst: Ipv4Addr,
    sport: u16,
    dport: u16,
    packets: u32,
    bytes: u32,
    start: i64,
    accept: bool,
) -> String {
    format!(
        "2 {} {} {src} {dst} {sport} {dport} 6 {packets} {bytes} {start} {} {} OK",
        c.account,
        c.eni,
        start + 60,
        if accept { "ACCEPT" } else { "REJECT" }
    )
}

/// The flow log of the attempts, as the evaluator decides them, and the client's transcript.
pub(crate) fn flow_logs(c: &Case, spec: &Spec, r: &mut ChaCha20Rng) -> (String, Vec<Outcome>) {
    let mut lines = vec![
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status".to_string(),
    ];
    let mut outcomes = Vec::new();
    let me = c.private_ip;
    let base = spec.now.unix_timestamp() - 600;
    for k in 0..4 {
        let start = base + k * 120 + range(r, 0, 50);
        let eph = range(r, 32768, 60999) as u16;
        let o = outcome(c, eph);
        outcomes.push(o);
        match (&c.attempt, o) {
            (
                Attempt::Inbound { client, port },
                Outcome::Stopped(Stop::AclInbound | Stop::SgInbound),
            ) => {
                // SYN and its two retransmissions, rejected.
                lines.push(record(c, *client, me, eph, *port, 3, 180, start, false));
            }
            (Attempt::Inbound { client, port }, Outcome::Stopped(_)) => {
                // In, accepted; the SYN-ACKs out, rejected by the stateless ACL.
                lines.push(record(c, *client, me, eph, *port, 4, 240, start, true));
                lines.push(record(c, me, *client, *port, eph, 4, 240, start, false));
            }
            (Attempt::Inbound { client, port }, Outcome::Delivered) => {
                let n = range(r, 9, 16) as u32;
                lines.push(record(c, *client, me, eph, *port, n, n * 120, start, true));
                let back = range(r, 4000, 9000) as u32;
                lines.push(record(c, me, *client, *port, eph, n - 1, back, start, true));
            }
            (Attempt::Outbound { dst, port, .. } | Attempt::S3 { dst, port, .. }, o) => {
                let (dst, port) = (*dst, *port);
                match o {
                    Outcome::Stopped(Stop::SgOutbound | Stop::AclOutbound) => {
                        lines.push(record(c, me, dst, eph, port, 3, 180, start, false));
                    }
                    // Accepted out of the interface, then nowhere to go: no reply.
                    Outcome::Stopped(Stop::NoRoute) => {
                        lines.push(record(c, me, dst, eph, port, 3, 180, start, true));
                    }
                    Outcome::Stopped(Stop::AclInboundReturn) => {
                        lines.push(record(c, me, dst, eph, port, 3, 180, start, true));
                        lines.push(record(c, dst, me, port, eph, 3, 180, start, false));
                    }
                    // Delivered, or refused by S3 over a working connection (HTTP 403).
                    _ => {
                        let n = range(r, 8, 15) as u32;
                        lines.push(record(c, me, dst, eph, port, n, n * 120, start, true));
                        let back = range(r, 3000, 8000) as u32;
                        lines.push(record(c, dst, me, port, eph, n, back, start, true));
                    }
                }
            }
        }
        if spec.difficulty >= 2 && k % 2 == 1 {
            // The internet's background noise: scans the group rejects.
            let second = range(r, 80, 160) as u8;
            let scanner = public_ip(r, 45, second);
            let port = *pick(r, &[23u16, 3389, 5900, 8088]);
            lines.push(record(
                c,
                scanner,
                me,
                range(r, 40000, 60000) as u16,
                port,
                1,
                40,
                start + 7,
                false,
            ));
        }
    }
    lines.push(String::new());
    (lines.join("\n"), outcomes)
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let c = case(spec);
    let mut r = spec.rng("flows");
    let (logs, outcomes) = flow_logs(&c, spec, &mut r);
    let mut built = Built::default();
    built.file("describe-instances.json", aws::instances(&c)?);
    built.file("describe-security-groups.json", aws::security_groups(&c)?);
    built.file("describe-network-acls.json", aws::network_acls(&c)?);
    built.file("describe-route-tables.json", aws::route_tables(&c)?);
    built.file("describe-vpc-endpoints.json", aws::vpc_endpoints(&c)?);
    built.file("prefix-list-entries.json", aws::prefix_list(&c)?);
    built.file("flow-logs.txt", logs);
    built.file("output.txt", aws::transcript(&c, spec, outcomes[0]));
    let (target, port) = match &c.attempt {
        Attempt::Inbound { port, .. } => (c.public_ip.unwrap_or(c.private_ip).to_string(), *port),
        Attempt::Outbound { host, port, .. } => (host.clone(), *port),
        Attempt::S3 { bucket, key, .. } => (format!("s3://{bucket}/{key}"), 443),
    };
    built.set("app", c.app.clone());
    built.set("instance", c.instance.clone());
    built.set("eni", c.eni.clone());
    built.set("sg", c.net.groups[0].id.clone());
    built.set("acl", c.net.acl.id.clone());
    built.set("rtb", c.rt_id.clone());
    built.set("vpce", c.net.endpoints[0].id.clone());
    built.set("target", target);
    built.set("port", port.to_string());
    built.set_public("attempt", aws::attempt_text(&c.attempt));
    Ok(built)
}

/// The validator: the JSON read back and the attempt judged by the same evaluator.
pub(crate) fn diagnose(files: &[LabFile], info: &LabInfo) -> Result<Vec<String>, LabError> {
    let c = aws::read_back(files, info.str("attempt")?)?;
    Ok(match outcome(&c, 50000) {
        Outcome::Delivered => Vec::new(),
        Outcome::Stopped(stop) => vec![fault_of(stop).to_string()],
    })
}
