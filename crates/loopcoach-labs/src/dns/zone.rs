//! A small DNS model: zones of resource records, and the lookup a resolver does on them
//! (RFC 1034 §4.3.2 with RFC 4592 wildcards and RFC 2308 negative answers): an exact
//! match, a CNAME chased across zones, a wildcard synthesised at the closest encloser, NODATA
//! (NOERROR, no answer, the SOA in AUTHORITY) and NXDOMAIN (the SOA with the negative TTL,
//! the lesser of the SOA's own TTL and its MINIMUM field). Route 53 alias records answer
//! with the target's addresses under the queried name. `dig` prints what this returns
//! (`dig.rs`).

use std::net::Ipv4Addr;

/// One resource record (class IN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rr {
    /// Fully qualified, with the trailing dot, lower case.
    pub name: String,
    pub ttl: u32,
    pub data: RData,
}

/// The record data of the types the labs use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RData {
    A(Ipv4Addr),
    Cname(String),
    Ns(String),
    Soa(Soa),
    /// A Route 53 alias (type A) to another name: answered with that name's addresses.
    Alias {
        dns_name: String,
        zone_id: String,
    },
}

impl RData {
    pub fn type_name(&self) -> &'static str {
        match self {
            RData::A(_) | RData::Alias { .. } => "A",
            RData::Cname(_) => "CNAME",
            RData::Ns(_) => "NS",
            RData::Soa(_) => "SOA",
        }
    }

    /// The presentation form of the data, as `dig` prints it.
    pub fn text(&self) -> String {
        match self {
            RData::A(ip) => ip.to_string(),
            RData::Cname(t) | RData::Ns(t) => t.clone(),
            RData::Soa(s) => format!(
                "{} {} {} {} {} {} {}",
                s.mname, s.rname, s.serial, s.refresh, s.retry, s.expire, s.minimum
            ),
            RData::Alias { dns_name, .. } => dns_name.clone(),
        }
    }
}

/// An SOA record's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Soa {
    pub mname: String,
    pub rname: String,
    pub serial: u32,
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    /// The negative-caching TTL (RFC 2308).
    pub minimum: u32,
}

/// A zone: its origin, records, and for a Route 53 private hosted zone the VPCs it is
/// associated with.
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    pub origin: String,
    pub id: String,
    pub private: bool,
    pub vpcs: Vec<String>,
    pub records: Vec<Rr>,
}

impl Zone {
    pub fn soa(&self) -> Option<&Rr> {
        self.records
            .iter()
            .find(|r| r.name == self.origin && matches!(r.data, RData::Soa(_)))
    }

    /// The SOA as a negative answer carries it: its TTL is min(SOA TTL, MINIMUM).
    fn negative_soa(&self) -> Vec<Rr> {
        self.soa()
            .map(|r| {
                let mut r = r.clone();
                if let RData::Soa(s) = &r.data {
                    r.ttl = r.ttl.min(s.minimum);
                }
                r
            })
            .into_iter()
            .collect()
    }

    fn contains(&self, name: &str) -> bool {
        in_domain(name, &self.origin)
    }

    /// The name owns records, or is an empty non-terminal (a name below it owns some).
    fn exists(&self, name: &str) -> bool {
        self.records
            .iter()
            .any(|r| r.name == name || r.name.ends_with(&format!(".{name}")))
    }
}

/// Whether `name` is `domain` or below it.
pub(crate) fn in_domain(name: &str, domain: &str) -> bool {
    domain == "." || name == domain || name.ends_with(&format!(".{domain}"))
}

/// `name` made fully qualified and lower case.
pub(crate) fn fqdn(name: &str) -> String {
    let n = name.trim().to_ascii_lowercase();
    if n.ends_with('.') { n } else { format!("{n}.") }
}

/// The response code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rcode {
    NoError,
    NxDomain,
    ServFail,
}

impl Rcode {
    pub fn text(self) -> &'static str {
        match self {
            Rcode::NoError => "NOERROR",
            Rcode::NxDomain => "NXDOMAIN",
            Rcode::ServFail => "SERVFAIL",
        }
    }
}

/// A response: code, ANSWER and AUTHORITY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Msg {
    pub rcode: Rcode,
    pub answer: Vec<Rr>,
    pub authority: Vec<Rr>,
}

impl Msg {
    /// The addresses the answer ends with.
    pub fn addresses(&self) -> Vec<Ipv4Addr> {
        self.answer
            .iter()
            .filter_map(|r| match r.data {
                RData::A(ip) => Some(ip),
                _ => None,
            })
            .collect()
    }
}

/// What one resolver sees: the zones it can answer from (a private hosted zone only in the
/// VPCs it is associated with), the rest of the internet, the root's SOA for names that exist
/// nowhere, and what it has cached (records whose TTL has not run out, with what is left).
#[derive(Debug, Clone, Default)]
pub(crate) struct View {
    pub zones: Vec<Zone>,
    pub internet: Vec<Rr>,
    pub root_soa: Option<Rr>,
    pub cache: Vec<Rr>,
}

enum Step {
    Records(Vec<Rr>),
    Cname(Rr, String),
    NoData(Vec<Rr>),
    NxDomain(Vec<Rr>),
}

impl View {
    /// Resolves `qname` for type A.
    pub fn lookup(&self, qname: &str) -> Msg {
        let mut name = fqdn(qname);
        let mut answer = Vec::new();
        for _ in 0..8 {
            match self.step(&name) {
                Step::Records(rrs) => {
                    answer.extend(rrs);
                    return Msg {
                        rcode: Rcode::NoError,
                        answer,
                        authority: Vec::new(),
                    };
                }
                Step::Cname(rr, target) => {
                    answer.push(rr);
                    name = target;
                }
                Step::NoData(soa) => {
                    return Msg {
                        rcode: Rcode::NoError,
                        answer,
                        authority: soa,
                    };
                }
                Step::NxDomain(soa) => {
                    return Msg {
                        rcode: Rcode::NxDomain,
                        answer,
                        authority: soa,
                    };
                }
            }
        }
        Msg {
            rcode: Rcode::ServFail,
            answer: Vec::new(),
            authority: Vec::new(),
        }
    }

    fn step(&self, name: &str) -> Step {
        let cached: Vec<Rr> = self
            .cache
            .iter()
            .filter(|r| r.name == name)
            .cloned()
            .collect();
        if !cached.is_empty() {
            return Step::Records(cached);
        }
        let zone = self
            .zones
            .iter()
            .filter(|z| z.contains(name))
            .max_by_key(|z| z.origin.len());
        let Some(zone) = zone else {
            let rrs: Vec<Rr> = self
                .internet
                .iter()
                .filter(|r| r.name == name)
                .cloned()
                .collect();
            return match rrs.first().map(|r| &r.data) {
                Some(RData::Cname(t)) => Step::Cname(rrs[0].clone(), t.clone()),
                Some(_) => Step::Records(rrs),
                None => Step::NxDomain(self.root_soa.clone().into_iter().collect()),
            };
        };
        let own: Vec<&Rr> = zone.records.iter().filter(|r| r.name == name).collect();
        if !own.is_empty() {
            return self.answer_from(zone, name, &own);
        }
        if zone.exists(name) {
            return Step::NoData(zone.negative_soa());
        }
        // RFC 4592: the closest encloser is the longest existing ancestor; its wildcard
        // child, if it exists, is the source of synthesis.
        let mut ce = name;
        while let Some((_, parent)) = ce.split_once('.')
            && !parent.is_empty()
        {
            ce = parent;
            if zone.exists(ce) || ce == zone.origin {
                break;
            }
        }
        let wildcard = format!("*.{ce}");
        let source: Vec<&Rr> = zone.records.iter().filter(|r| r.name == wildcard).collect();
        if source.is_empty() {
            return Step::NxDomain(zone.negative_soa());
        }
        self.answer_from(zone, name, &source)
    }

    fn answer_from(&self, zone: &Zone, owner: &str, rrs: &[&Rr]) -> Step {
        let renamed = |r: &Rr| Rr {
            name: owner.to_string(),
            ..r.clone()
        };
        if let Some(r) = rrs.iter().find(|r| matches!(r.data, RData::Cname(_)))
            && let RData::Cname(t) = &r.data
        {
            return Step::Cname(renamed(r), t.clone());
        }
        if let Some(r) = rrs.iter().find(|r| matches!(r.data, RData::Alias { .. }))
            && let RData::Alias { dns_name, .. } = &r.data
        {
            let target = self.lookup(dns_name);
            return Step::Records(target.answer.iter().map(renamed).collect());
        }
        let a: Vec<Rr> = rrs
            .iter()
            .filter(|r| matches!(r.data, RData::A(_)))
            .map(|r| renamed(r))
            .collect();
        if a.is_empty() {
            Step::NoData(zone.negative_soa())
        } else {
            Step::Records(a)
        }
    }

    /// What the stub resolver (`getaddrinfo`) gets for `name` with this search list and
    /// `ndots` (resolv.conf(5)): a name with a trailing dot is absolute; a name with at least
    /// `ndots` dots is tried as is first, then with each search domain; one with fewer dots
    /// gets the search domains first. The first answer that is not NXDOMAIN (nor NODATA) wins.
    pub fn stub_lookup(&self, name: &str, search: &[String], ndots: usize) -> (String, Msg) {
        let trimmed = name.trim();
        if trimmed.ends_with('.') {
            return (fqdn(trimmed), self.lookup(trimmed));
        }
        let dots = trimmed.matches('.').count();
        let mut order: Vec<String> = search
            .iter()
            .map(|d| fqdn(&format!("{trimmed}.{}", d.trim_end_matches('.'))))
            .collect();
        if dots >= ndots {
            order.insert(0, fqdn(trimmed));
        } else {
            order.push(fqdn(trimmed));
        }
        let mut last = None;
        for candidate in order {
            let m = self.lookup(&candidate);
            if m.rcode == Rcode::NoError && !m.answer.is_empty() {
                return (candidate, m);
            }
            last = Some((candidate, m));
        }
        last.unwrap_or_else(|| (fqdn(trimmed), self.lookup(trimmed)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn soa(origin: &str, ttl: u32, minimum: u32) -> Rr {
        Rr {
            name: origin.into(),
            ttl,
            data: RData::Soa(Soa {
                mname: "ns-1536.awsdns-00.co.uk.".into(),
                rname: "awsdns-hostmaster.amazon.com.".into(),
                serial: 1,
                refresh: 7200,
                retry: 900,
                expire: 1209600,
                minimum,
            }),
        }
    }

    fn a(name: &str, ip: [u8; 4]) -> Rr {
        Rr {
            name: name.into(),
            ttl: 300,
            data: RData::A(Ipv4Addr::from(ip)),
        }
    }

    fn zone() -> Zone {
        Zone {
            origin: "example.internal.".into(),
            id: "Z1".into(),
            private: true,
            vpcs: vec![],
            records: vec![
                soa("example.internal.", 900, 86400),
                a("db.example.internal.", [10, 0, 0, 5]),
                a("x.sub.example.internal.", [10, 0, 0, 6]),
                Rr {
                    name: "www.example.internal.".into(),
                    ttl: 300,
                    data: RData::Cname("db.example.internal.".into()),
                },
                a("*.example.internal.", [10, 0, 0, 9]),
            ],
        }
    }

    #[test]
    fn exact_cname_nodata_and_negative_ttl() {
        let v = View {
            zones: vec![zone()],
            ..View::default()
        };
        let m = v.lookup("db.example.internal");
        assert_eq!(m.rcode, Rcode::NoError);
        assert_eq!(m.addresses(), vec![Ipv4Addr::new(10, 0, 0, 5)]);
        let m = v.lookup("www.example.internal.");
        assert_eq!(m.answer.len(), 2);
        assert_eq!(m.answer[0].data.type_name(), "CNAME");
        // An empty non-terminal exists: NODATA, not NXDOMAIN, and no wildcard (RFC 4592 §2.2.2).
        let m = v.lookup("sub.example.internal.");
        assert_eq!(m.rcode, Rcode::NoError);
        assert!(m.answer.is_empty());
        // RFC 2308: the negative answer's SOA TTL is min(TTL, MINIMUM).
        assert_eq!(m.authority[0].ttl, 900);
    }

    #[test]
    fn wildcards_follow_rfc_4592() {
        let v = View {
            zones: vec![zone()],
            ..View::default()
        };
        // Synthesised under the queried name.
        let m = v.lookup("anything.example.internal.");
        assert_eq!(m.answer[0].name, "anything.example.internal.");
        assert_eq!(m.addresses(), vec![Ipv4Addr::new(10, 0, 0, 9)]);
        // Deeper names match too when their closest encloser is the apex.
        let m = v.lookup("api.partner.com.example.internal.");
        assert_eq!(m.addresses(), vec![Ipv4Addr::new(10, 0, 0, 9)]);
        // Below an existing name the apex wildcard does not apply: NXDOMAIN.
        let m = v.lookup("y.sub.example.internal.");
        assert_eq!(m.rcode, Rcode::NxDomain);
    }

    #[test]
    fn the_search_list_and_ndots() {
        let mut v = View {
            zones: vec![zone()],
            ..View::default()
        };
        v.internet.push(a("api.partner.com.", [3, 3, 3, 3]));
        let search = vec!["example.internal".to_string()];
        // Two dots, ndots 5: the search domain first, and its wildcard answers.
        let (name, m) = v.stub_lookup("api.partner.com", &search, 5);
        assert_eq!(name, "api.partner.com.example.internal.");
        assert_eq!(m.addresses(), vec![Ipv4Addr::new(10, 0, 0, 9)]);
        // ndots 1, or a trailing dot: the name as is first.
        let (_, m) = v.stub_lookup("api.partner.com", &search, 1);
        assert_eq!(m.addresses(), vec![Ipv4Addr::new(3, 3, 3, 3)]);
        let (_, m) = v.stub_lookup("api.partner.com.", &search, 5);
        assert_eq!(m.addresses(), vec![Ipv4Addr::new(3, 3, 3, 3)]);
        // A name nowhere: NXDOMAIN with the root's SOA when there is one.
        assert_eq!(v.lookup("nothing.invalid.").rcode, Rcode::NxDomain);
    }
}
