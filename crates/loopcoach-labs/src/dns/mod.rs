//! DNS labs: a Route 53 hosted zone, the client's resolv.conf and the `dig` runs the
//! customer pasted. The case is a model (zones of records, the VPCs a private zone is
//! associated with, the resolver's cache, the search list and `ndots`), written out as the
//! AWS CLI prints it (`get-hosted-zone`, `list-resource-record-sets`, the change batch) and
//! as `dig` prints the answers our resolver model gives ([`zone::View`]). `diagnose` reads
//! the JSON and resolv.conf back and asks the same model.

mod dig;
mod files;
pub(crate) mod zone;

use std::net::Ipv4Addr;

use rand_chacha::ChaCha20Rng;
use time::Duration;

use crate::common::{Built, LabInfo, Spec, pick, range};
use crate::netlab::{REGION, hex, upper};
use crate::{AnswerKey, LabError, LabFile};
use zone::{RData, Rr, Soa, View, Zone, fqdn};

pub(crate) const FAULTS: &[&str] = &[
    "dns/nxdomain",
    "dns/phz-not-associated",
    "dns/ndots-search",
    "dns/stale-cache",
    "dns/cname-at-apex",
];

const SERVICES: &[&str] = &[
    "orders-db",
    "payments-api",
    "inventory-api",
    "session-cache",
    "auth-api",
];
const PARTNERS: &[&str] = &[
    "api.paygate.co.kr",
    "api.shipfast.com",
    "auth.idpartner.net",
];
/// The Route 53 hosted zone of Application Load Balancers in ap-northeast-2 (alias targets).
const ALB_ZONE_ID: &str = "ZWKZPGTI48KDX";

fn soa_rr(origin: &str, mname: &str, rname: &str, serial: u32, minimum: u32, ttl: u32) -> Rr {
    Rr {
        name: origin.to_string(),
        ttl,
        data: RData::Soa(Soa {
            mname: mname.to_string(),
            rname: rname.to_string(),
            serial,
            refresh: 7200,
            retry: 900,
            expire: 1209600,
            minimum,
        }),
    }
}

fn a(name: &str, ttl: u32, ip: Ipv4Addr) -> Rr {
    Rr {
        name: fqdn(name),
        ttl,
        data: RData::A(ip),
    }
}

/// The customer's last Route 53 change and how it went.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub action: &'static str,
    pub rr: Rr,
    pub comment: String,
    pub submitted: time::OffsetDateTime,
    /// `InvalidChangeBatch` message when Route 53 refused it.
    pub error: Option<String>,
    pub id: String,
}

/// The case: one zone in question, what the client is and where it asks.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub zone: Zone,
    pub name_servers: Vec<String>,
    /// Other zones the client's resolver answers from (CoreDNS's `cluster.local`).
    pub extra_zones: Vec<Zone>,
    pub internet: Vec<Rr>,
    pub root_soa: Rr,
    pub client_vpc: String,
    pub client_ip: Ipv4Addr,
    pub instance: String,
    pub pod: Option<String>,
    pub nameserver: Ipv4Addr,
    pub search: Vec<String>,
    pub ndots: usize,
    /// The name the application is configured with.
    pub target: String,
    /// A name in the same zone that resolves, for comparison.
    pub other: String,
    pub env_var: String,
    /// The customer's service (the app that resolves the name).
    pub service: String,
    pub change: Change,
    pub cache: Vec<Rr>,
    /// A VPC the private zone is associated with (where it resolves).
    pub home_vpc: String,
}

impl Case {
    /// What the client's resolver sees.
    pub fn view(&self) -> View {
        let mut zones = Vec::new();
        if !self.zone.private || self.zone.vpcs.contains(&self.client_vpc) {
            zones.push(self.zone.clone());
        }
        zones.extend(self.extra_zones.iter().cloned());
        View {
            zones,
            internet: self.internet.clone(),
            root_soa: Some(self.root_soa.clone()),
            cache: self.cache.clone(),
        }
    }

    /// What the zone's own servers answer (for a private zone: a resolver in an associated
    /// VPC), with nothing cached.
    pub fn authoritative_view(&self) -> View {
        View {
            zones: vec![self.zone.clone()],
            internet: self.internet.clone(),
            root_soa: Some(self.root_soa.clone()),
            cache: Vec::new(),
        }
    }
}

fn ip(r: &mut ChaCha20Rng, a: u8, b: u8) -> Ipv4Addr {
    Ipv4Addr::new(a, b, range(r, 1, 250) as u8, range(r, 10, 250) as u8)
}

fn typo(name: &str, r: &mut ChaCha20Rng) -> String {
    let chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len().saturating_sub(1))
        .filter(|&i| {
            chars[i].is_ascii_alphabetic()
                && chars[i + 1].is_ascii_alphabetic()
                && chars[i] != chars[i + 1]
        })
        .collect();
    let i = *pick(r, &letters);
    let mut out = chars.clone();
    out.swap(i, i + 1);
    out.into_iter().collect()
}

pub(crate) fn case(spec: &Spec) -> Case {
    let mut r = spec.rng("names");
    let org = *pick(&mut r, crate::common::ORGS);
    let service = *pick(&mut r, SERVICES);
    let other = *pick(
        &mut r,
        &SERVICES
            .iter()
            .copied()
            .filter(|s| *s != service)
            .collect::<Vec<_>>(),
    );
    let partner = *pick(&mut r, PARTNERS);
    let octet = range(&mut r, 16, 60) as u8;
    let home_vpc = crate::netlab::aws_id("vpc", &mut r);
    let new_vpc = crate::netlab::aws_id("vpc", &mut r);
    let instance = crate::netlab::aws_id("i", &mut r);
    let client_ip = ip(&mut r, 10, octet);
    let service_ip = ip(&mut r, 10, octet);
    let other_ip = ip(&mut r, 10, octet);
    let ingress_ip = ip(&mut r, 10, octet);
    let old_ip = Ipv4Addr::new(
        3,
        35,
        range(&mut r, 1, 250) as u8,
        range(&mut r, 1, 250) as u8,
    );
    let partner_ip = Ipv4Addr::new(
        52,
        78,
        range(&mut r, 1, 250) as u8,
        range(&mut r, 1, 250) as u8,
    );
    let alb_ips = [
        Ipv4Addr::new(
            13,
            124,
            range(&mut r, 1, 250) as u8,
            range(&mut r, 1, 250) as u8,
        ),
        Ipv4Addr::new(
            43,
            201,
            range(&mut r, 1, 250) as u8,
            range(&mut r, 1, 250) as u8,
        ),
    ];
    let alb = format!(
        "{org}-web-alb-{}.{REGION}.elb.amazonaws.com.",
        range(&mut r, 100000000, 999999999)
    );
    let ns_n = range(&mut r, 100, 2000);
    let name_servers = vec![
        format!("ns-{ns_n}.awsdns-{:02}.org.", ns_n % 64),
        format!("ns-{}.awsdns-{:02}.co.uk.", ns_n + 512, (ns_n + 3) % 64),
        format!("ns-{}.awsdns-{:02}.com.", ns_n % 512, (ns_n + 7) % 64),
        format!(
            "ns-{}.awsdns-{:02}.net.",
            ns_n % 512 + 512,
            (ns_n + 11) % 64
        ),
    ];
    let zone_id = format!("Z0{}", upper(&mut r, 19));
    let change_id = format!("C0{}", upper(&mut r, 19));
    let ago_min = range(&mut r, 40, 180);
    let cached_min = range(&mut r, 1, 30);
    let days = range(&mut r, 3, 20);
    let serial = 1_773_000_000 + range(&mut r, 0, 400_000) as u32;

    let public = spec.about("dns/stale-cache") || spec.about("dns/cname-at-apex");
    let origin = if public {
        format!("{org}.co.kr.")
    } else {
        format!("{org}.internal.")
    };
    let hostmaster = "awsdns-hostmaster.amazon.com.";
    let soa = if public {
        soa_rr(&origin, &name_servers[0], hostmaster, 1, 86400, 900)
    } else {
        soa_rr(
            &origin,
            "ns-1536.awsdns-00.co.uk.",
            hostmaster,
            1,
            86400,
            900,
        )
    };
    let zone_ns: Vec<String> = if public {
        name_servers.clone()
    } else {
        [
            "ns-0.awsdns-00.com.",
            "ns-512.awsdns-00.net.",
            "ns-1024.awsdns-00.org.",
            "ns-1536.awsdns-00.co.uk.",
        ]
        .map(String::from)
        .to_vec()
    };
    let mut records = vec![soa];
    records.extend(zone_ns.iter().map(|n| Rr {
        name: origin.clone(),
        ttl: 172800,
        data: RData::Ns(n.clone()),
    }));
    let internet = vec![
        a(&alb, 60, alb_ips[0]),
        a(&alb, 60, alb_ips[1]),
        a(partner, 300, partner_ip),
    ];
    let now = spec.now;
    let mut target = format!("{service}.{}", origin.trim_end_matches('.'));
    let other_name = format!("{other}.{}", origin.trim_end_matches('.'));
    records.push(a(&other_name, 300, other_ip));
    let mut vpcs = vec![home_vpc.clone()];
    let mut client_vpc = home_vpc.clone();
    let mut search = vec![format!("{REGION}.compute.internal")];
    let mut ndots = 1;
    let mut nameserver = Ipv4Addr::new(10, octet, 0, 2);
    let mut extra_zones = Vec::new();
    let mut pod = None;
    let mut cache = Vec::new();
    let days_ago = now - Duration::days(days);
    let mut change = Change {
        action: "CREATE",
        rr: a(&target, 300, service_ip),
        comment: format!("add {service}"),
        submitted: days_ago,
        error: None,
        id: format!("/change/{change_id}"),
    };
    let env_var = service.split('-').next().unwrap_or(service).to_uppercase() + "_HOST";

    if spec.about("dns/nxdomain") {
        records.push(a(&target, 300, service_ip));
        if spec.has("dns/nxdomain") {
            target = format!("{}.{}", typo(service, &mut r), origin.trim_end_matches('.'));
        }
    } else if spec.about("dns/phz-not-associated") {
        records.push(a(&target, 300, service_ip));
        client_vpc = new_vpc;
        if !spec.has("dns/phz-not-associated") {
            vpcs.push(client_vpc.clone());
        }
    } else if spec.about("dns/ndots-search") {
        let wildcard = a(&format!("*.{origin}"), 300, ingress_ip);
        records.push(wildcard.clone());
        change.rr = wildcard;
        change.comment = "catch-all to the internal ingress".into();
        search = vec![
            "default.svc.cluster.local".into(),
            "svc.cluster.local".into(),
            "cluster.local".into(),
            origin.trim_end_matches('.').to_string(),
            format!("{REGION}.compute.internal"),
        ];
        ndots = if spec.has("dns/ndots-search") { 5 } else { 2 };
        nameserver = Ipv4Addr::new(172, 20, 0, 10);
        extra_zones.push(Zone {
            origin: "cluster.local.".into(),
            id: String::new(),
            private: false,
            vpcs: vec![],
            records: vec![soa_rr(
                "cluster.local.",
                "ns.dns.cluster.local.",
                "hostmaster.cluster.local.",
                serial,
                30,
                30,
            )],
        });
        pod = Some(format!("{service}-{}-{}", hex(&mut r, 10), hex(&mut r, 5)));
        target = partner.to_string();
    } else if spec.about("dns/stale-cache") {
        target = format!("api.{org}.co.kr");
        let ttl = if spec.has("dns/stale-cache") {
            86400
        } else {
            300
        };
        let new = a(&target, ttl, alb_ips[0]);
        records.push(new.clone());
        let submitted = now - Duration::minutes(ago_min);
        change = Change {
            action: "UPSERT",
            rr: new,
            comment: "move api to the new load balancer".into(),
            submitted,
            error: None,
            id: change.id,
        };
        let cached_at = submitted - Duration::minutes(cached_min);
        let left = i64::from(ttl) - (now - cached_at).whole_seconds();
        if left > 0 {
            cache.push(a(&target, left as u32, old_ip));
        }
    } else {
        // dns/cname-at-apex
        target = origin.trim_end_matches('.').to_string();
        records.push(Rr {
            name: format!("www.{origin}"),
            ttl: 300,
            data: RData::Cname(alb.clone()),
        });
        let submitted = now - Duration::minutes(ago_min);
        if spec.has("dns/cname-at-apex") {
            change = Change {
                action: "CREATE",
                rr: Rr {
                    name: origin.clone(),
                    ttl: 300,
                    data: RData::Cname(alb.clone()),
                },
                comment: "apex to the load balancer".into(),
                submitted,
                error: Some(format!(
                    "[RRSet of type CNAME with DNS name {origin} is not permitted at apex in zone {origin}]"
                )),
                id: change.id,
            };
        } else {
            let alias = Rr {
                name: origin.clone(),
                ttl: 60,
                data: RData::Alias {
                    dns_name: format!("dualstack.{alb}"),
                    zone_id: ALB_ZONE_ID.into(),
                },
            };
            records.push(alias.clone());
            change = Change {
                action: "CREATE",
                rr: alias,
                comment: "apex to the load balancer".into(),
                submitted,
                error: None,
                id: change.id,
            };
        }
    }
    let mut internet = internet;
    // `dualstack.` names answer like the load balancer's own name.
    internet.push(a(&format!("dualstack.{alb}"), 60, alb_ips[0]));
    internet.push(a(&format!("dualstack.{alb}"), 60, alb_ips[1]));
    let root_soa = soa_rr(
        ".",
        "a.root-servers.net.",
        "nstld.verisign-grs.com.",
        // The root zone's serial is its date: YYYYMMDDnn.
        (spec.now.year() as u32) * 1_000_000
            + u32::from(spec.now.month() as u8) * 10_000
            + u32::from(spec.now.day()) * 100,
        86400,
        86400,
    );
    Case {
        zone: Zone {
            origin,
            id: zone_id,
            private: !public,
            vpcs,
            records,
        },
        name_servers,
        extra_zones,
        internet,
        root_soa,
        client_vpc,
        client_ip,
        instance,
        pod,
        nameserver,
        search,
        ndots,
        target,
        other: other_name,
        env_var,
        service: service.to_string(),
        change,
        cache,
        home_vpc,
    }
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let c = case(spec);
    let mut r = spec.rng("dig");
    let mut built = Built::default();
    built.file("resolv.conf", files::resolv_conf(&c));
    built.file("app.env", files::app_env(&c));
    built.file("dig.txt", files::dig_transcript(&c, spec.now, &mut r));
    built.file("hosted-zone.json", files::hosted_zone(&c)?);
    built.file("record-sets.json", files::record_sets(&c.zone)?);
    built.file("instance.json", files::instance(&c)?);
    built.file("change-batch.json", files::change_batch(&c)?);
    built.file("change.txt", files::change_transcript(&c)?);
    built.set("target", c.target.clone());
    built.set("zone", c.zone.origin.trim_end_matches('.'));
    built.set("zone_id", c.zone.id.clone());
    built.set("vpc", c.client_vpc.clone());
    built.set("resolver", c.nameserver.to_string());
    built.set("app", c.service.clone());
    built.set("ns", c.name_servers[0].clone());
    // For the ticket: how long ago the last change was made.
    let since = spec.now - c.change.submitted;
    built.set("ago", since.whole_minutes().to_string());
    built.set("days", since.whole_days().to_string());
    Ok(built)
}

/// The validator: the zone, resolv.conf, the client and the change read back and asked of
/// the same resolver model.
pub(crate) fn diagnose(lab: &[LabFile], info: &LabInfo) -> Result<Vec<String>, LabError> {
    let c = files::read_back(lab)?;
    let mut found = Vec::new();
    let view = c.view();
    let target = fqdn(&c.target);
    let in_zone = zone::in_domain(&target, &c.zone.origin);
    if c.change.rr.name == c.zone.origin && matches!(c.change.rr.data, RData::Cname(_)) {
        found.push("dns/cname-at-apex");
    }
    let age = (info.now - c.change.submitted).whole_seconds();
    if c.change.action == "UPSERT" && age >= 0 && age < i64::from(c.change.rr.ttl) {
        found.push("dns/stale-cache");
    }
    let associated = !c.zone.private || c.zone.vpcs.contains(&c.client_vpc);
    if in_zone && !associated {
        found.push("dns/phz-not-associated");
    }
    if in_zone && associated && view.lookup(&target).rcode == zone::Rcode::NxDomain {
        found.push("dns/nxdomain");
    }
    if !in_zone {
        let (name, _) = view.stub_lookup(&c.target, &c.search, c.ndots);
        if name != target {
            found.push("dns/ndots-search");
        }
    }
    Ok(found.into_iter().map(str::to_string).collect())
}

/// Evidence made from the case itself: `dig +search` and the zone's own answer.
pub(crate) fn ask(key: &AnswerKey, which: &str) -> Result<Option<String>, LabError> {
    let spec = crate::netlab::spec_of(key)?;
    let c = case(&spec);
    let mut r = spec.rng("ask");
    Ok(match which {
        "dig-search" => Some(files::dig_search(&c, spec.now, &mut r)),
        "authoritative" => Some(files::dig_authoritative(&c, spec.now, &mut r)),
        _ => None,
    })
}
