//! The network model of a VPC lab and our own evaluator of it, after the VPC documentation:
//! security groups are stateful allow lists (a flow they allow one way is allowed back,
//! whatever the other direction's rules); network ACLs are stateless, evaluated per
//! direction in rule-number order, the first matching rule deciding, and the `*` rule denying
//! the rest; a route table picks the most specific route (longest prefix, a prefix list's
//! CIDRs counting as theirs); a gateway endpoint's policy must allow the request and an
//! explicit deny wins. The outcome of a connection decides the flow-log records.

use std::net::Ipv4Addr;

/// An IPv4 CIDR block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    pub net: Ipv4Addr,
    pub len: u8,
}

impl Cidr {
    pub fn new(net: [u8; 4], len: u8) -> Self {
        Self {
            net: Ipv4Addr::from(net),
            len,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (ip, len) = s.split_once('/')?;
        let len: u8 = len.parse().ok()?;
        (len <= 32).then_some(())?;
        Some(Self {
            net: ip.parse().ok()?,
            len,
        })
    }

    pub fn any() -> Self {
        Self::new([0, 0, 0, 0], 0)
    }

    fn mask(self) -> u32 {
        if self.len == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(self.len))
        }
    }

    pub fn contains(self, ip: Ipv4Addr) -> bool {
        (u32::from(ip) & self.mask()) == (u32::from(self.net) & self.mask())
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.net, self.len)
    }
}

/// IP protocol numbers as the EC2 API writes them (`-1` is all).
pub(crate) const TCP: i32 = 6;
pub(crate) const ALL: i32 = -1;

/// A security group rule: protocol, port range, and one source (or destination).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SgRule {
    pub proto: i32,
    pub from: u16,
    pub to: u16,
    pub peer: Peer,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Peer {
    Cidr(Cidr),
    PrefixList(String),
    Group(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SecurityGroup {
    pub id: String,
    pub name: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// A network ACL entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AclEntry {
    /// 32767 is the `*` rule.
    pub number: u16,
    pub egress: bool,
    pub proto: i32,
    /// `None`: all ports (protocol -1).
    pub ports: Option<(u16, u16)>,
    pub cidr: Cidr,
    pub allow: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Acl {
    pub id: String,
    pub entries: Vec<AclEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Dest {
    Cidr(Cidr),
    PrefixList(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target {
    Local,
    Igw(String),
    Nat(String),
    Vpce(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Route {
    pub dest: Dest,
    pub target: Target,
}

/// A gateway endpoint policy statement (`Principal: *`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Statement {
    pub allow: bool,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Endpoint {
    pub id: String,
    pub service: String,
    pub prefix_list: String,
    pub policy: Vec<Statement>,
}

/// What the evaluator needs: the instance's groups, its subnet's ACL and route table, the
/// prefix lists and the gateway endpoints.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Net {
    pub vpc_cidr: Cidr,
    pub groups: Vec<SecurityGroup>,
    pub acl: Acl,
    pub routes: Vec<Route>,
    pub prefix_lists: Vec<(String, Vec<Cidr>)>,
    pub endpoints: Vec<Endpoint>,
}

/// Where a connection stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    AclInbound,
    SgInbound,
    /// The reply to an inbound connection, leaving the subnet.
    AclOutboundReturn,
    SgOutbound,
    AclOutbound,
    NoRoute,
    /// The reply to an outbound connection, entering the subnet.
    AclInboundReturn,
    EndpointPolicy,
}

/// A connection's fate: delivered, or where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Delivered,
    Stopped(Stop),
}

fn port_match(proto: i32, from: u16, to: u16, want_proto: i32, port: u16) -> bool {
    proto == ALL || (proto == want_proto && from <= port && port <= to)
}

impl Net {
    fn prefix_list(&self, id: &str) -> &[Cidr] {
        self.prefix_lists
            .iter()
            .find(|(p, _)| p == id)
            .map_or(&[], |(_, c)| c.as_slice())
    }

    fn peer_match(&self, peer: &Peer, ip: Ipv4Addr) -> bool {
        match peer {
            Peer::Cidr(c) => c.contains(ip),
            Peer::PrefixList(id) => self.prefix_list(id).iter().any(|c| c.contains(ip)),
            // The labs' peers are outside the VPC: a group reference matches none of them.
            Peer::Group(_) => false,
        }
    }

    /// Security groups allow a new flow when any rule of any group allows it.
    pub fn sg_allows(&self, inbound: bool, peer: Ipv4Addr, proto: i32, port: u16) -> bool {
        self.groups.iter().any(|g| {
            let rules = if inbound { &g.ingress } else { &g.egress };
            rules.iter().any(|r| {
                port_match(r.proto, r.from, r.to, proto, port) && self.peer_match(&r.peer, peer)
            })
        })
    }

    /// The ACL's decision in one direction: the lowest-numbered matching entry, or the `*`
    /// rule. Returns (allowed, rule number).
    pub fn acl_decides(&self, egress: bool, peer: Ipv4Addr, proto: i32, port: u16) -> (bool, u16) {
        let mut entries: Vec<&AclEntry> = self
            .acl
            .entries
            .iter()
            .filter(|e| e.egress == egress)
            .collect();
        entries.sort_by_key(|e| e.number);
        entries
            .iter()
            .find(|e| {
                e.cidr.contains(peer)
                    && (e.proto == ALL
                        || (e.proto == proto
                            && e.ports.is_none_or(|(a, b)| a <= port && port <= b)))
            })
            .map_or((false, 32767), |e| (e.allow, e.number))
    }

    /// The route for `dst`: the longest matching prefix.
    pub fn route(&self, dst: Ipv4Addr) -> Option<&Route> {
        self.routes
            .iter()
            .filter_map(|r| {
                let len = match &r.dest {
                    Dest::Cidr(c) => c.contains(dst).then_some(c.len),
                    Dest::PrefixList(id) => self
                        .prefix_list(id)
                        .iter()
                        .filter(|c| c.contains(dst))
                        .map(|c| c.len)
                        .max(),
                }?;
                Some((len, r))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, r)| r)
    }

    /// A client outside the VPC opens `port` on the instance.
    pub fn inbound(&self, client: Ipv4Addr, port: u16, ephemeral: u16, public: bool) -> Outcome {
        if !self.acl_decides(false, client, TCP, port).0 {
            return Outcome::Stopped(Stop::AclInbound);
        }
        if !self.sg_allows(true, client, TCP, port) {
            return Outcome::Stopped(Stop::SgInbound);
        }
        // The reply: the group is stateful, the ACL is not.
        if !self.acl_decides(true, client, TCP, ephemeral).0 {
            return Outcome::Stopped(Stop::AclOutboundReturn);
        }
        let routed = self.route(client).is_some_and(|r| match r.target {
            Target::Igw(_) => public,
            Target::Local => self.vpc_cidr.contains(client),
            _ => false,
        });
        if !routed {
            return Outcome::Stopped(Stop::NoRoute);
        }
        Outcome::Delivered
    }

    /// The instance opens `dst:port`; for a gateway endpoint, `request` is the (action,
    /// resource) the endpoint policy judges.
    pub fn outbound(
        &self,
        dst: Ipv4Addr,
        port: u16,
        ephemeral: u16,
        public_ip: bool,
        request: Option<(&str, &str)>,
    ) -> Outcome {
        if !self.sg_allows(false, dst, TCP, port) {
            return Outcome::Stopped(Stop::SgOutbound);
        }
        if !self.acl_decides(true, dst, TCP, port).0 {
            return Outcome::Stopped(Stop::AclOutbound);
        }
        let via = self.route(dst).map(|r| &r.target);
        let ok = match via {
            Some(Target::Local) => self.vpc_cidr.contains(dst),
            Some(Target::Igw(_)) => public_ip,
            Some(Target::Nat(_)) | Some(Target::Vpce(_)) => true,
            None => false,
        };
        if !ok {
            return Outcome::Stopped(Stop::NoRoute);
        }
        if !self.acl_decides(false, dst, TCP, ephemeral).0 {
            return Outcome::Stopped(Stop::AclInboundReturn);
        }
        if let (Some(Target::Vpce(id)), Some((action, resource))) = (via, request)
            && let Some(ep) = self.endpoints.iter().find(|e| &e.id == id)
            && !policy_allows(&ep.policy, action, resource)
        {
            return Outcome::Stopped(Stop::EndpointPolicy);
        }
        Outcome::Delivered
    }
}

/// `*` and `?` wildcards as IAM policies use them, case-insensitive for actions.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[char], t: &[char]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    go(&p, &t)
}

/// An explicit deny wins; otherwise some statement must allow.
pub(crate) fn policy_allows(policy: &[Statement], action: &str, resource: &str) -> bool {
    let matches = |s: &Statement| {
        s.actions
            .iter()
            .any(|a| glob(&a.to_ascii_lowercase(), &action.to_ascii_lowercase()))
            && s.resources.iter().any(|r| glob(r, resource))
    };
    !policy.iter().any(|s| !s.allow && matches(s)) && policy.iter().any(|s| s.allow && matches(s))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rule(proto: i32, from: u16, to: u16, cidr: &str) -> SgRule {
        SgRule {
            proto,
            from,
            to,
            peer: Peer::Cidr(Cidr::parse(cidr).unwrap()),
            description: String::new(),
        }
    }

    /// (number, egress, protocol, ports, CIDR, allow)
    type Entry<'a> = (u16, bool, i32, Option<(u16, u16)>, &'a str, bool);

    fn acl(entries: &[Entry]) -> Acl {
        Acl {
            id: "acl-1".into(),
            entries: entries
                .iter()
                .map(|&(number, egress, proto, ports, cidr, allow)| AclEntry {
                    number,
                    egress,
                    proto,
                    ports,
                    cidr: Cidr::parse(cidr).unwrap(),
                    allow,
                })
                .collect(),
        }
    }

    fn net() -> Net {
        Net {
            vpc_cidr: Cidr::parse("10.0.0.0/16").unwrap(),
            groups: vec![SecurityGroup {
                id: "sg-1".into(),
                name: "web".into(),
                ingress: vec![rule(TCP, 443, 443, "0.0.0.0/0")],
                egress: vec![],
            }],
            acl: acl(&[
                (100, false, ALL, None, "0.0.0.0/0", true),
                (100, true, ALL, None, "0.0.0.0/0", true),
            ]),
            routes: vec![
                Route {
                    dest: Dest::Cidr(Cidr::parse("10.0.0.0/16").unwrap()),
                    target: Target::Local,
                },
                Route {
                    dest: Dest::Cidr(Cidr::any()),
                    target: Target::Igw("igw-1".into()),
                },
                Route {
                    dest: Dest::PrefixList("pl-s3".into()),
                    target: Target::Vpce("vpce-1".into()),
                },
            ],
            prefix_lists: vec![("pl-s3".into(), vec![Cidr::parse("52.219.56.0/22").unwrap()])],
            endpoints: vec![Endpoint {
                id: "vpce-1".into(),
                service: "com.amazonaws.ap-northeast-2.s3".into(),
                prefix_list: "pl-s3".into(),
                policy: vec![Statement {
                    allow: true,
                    actions: vec!["s3:GetObject".into()],
                    resources: vec!["arn:aws:s3:::logs/*".into()],
                }],
            }],
        }
    }

    const CLIENT: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 7);

    #[test]
    fn security_groups_are_stateful() {
        // No egress rule at all, yet the reply to an allowed inbound flow goes out.
        let n = net();
        assert_eq!(n.inbound(CLIENT, 443, 50000, true), Outcome::Delivered);
        assert_eq!(
            n.inbound(CLIENT, 22, 50000, true),
            Outcome::Stopped(Stop::SgInbound)
        );
        // And an egress-less group opens nothing outbound.
        assert_eq!(
            n.outbound(CLIENT, 443, 50000, true, None),
            Outcome::Stopped(Stop::SgOutbound)
        );
    }

    #[test]
    fn acl_rules_are_evaluated_in_number_order_and_default_deny() {
        let mut n = net();
        n.acl = acl(&[
            (200, false, TCP, Some((443, 443)), "0.0.0.0/0", true),
            (100, false, TCP, Some((443, 443)), "203.0.113.0/24", false),
        ]);
        // Rule 100 (deny) comes before 200 (allow), whatever the order they are listed in.
        assert_eq!(n.acl_decides(false, CLIENT, TCP, 443), (false, 100));
        assert_eq!(
            n.acl_decides(false, Ipv4Addr::new(198, 51, 100, 1), TCP, 443),
            (true, 200)
        );
        // Nothing matches: the `*` rule denies.
        assert_eq!(n.acl_decides(false, CLIENT, TCP, 80), (false, 32767));
    }

    #[test]
    fn acls_are_stateless_so_ephemeral_ports_must_be_open_for_replies() {
        let mut n = net();
        n.acl = acl(&[
            (100, false, TCP, Some((443, 443)), "0.0.0.0/0", true),
            (100, true, TCP, Some((443, 443)), "0.0.0.0/0", true),
        ]);
        assert_eq!(
            n.inbound(CLIENT, 443, 50000, true),
            Outcome::Stopped(Stop::AclOutboundReturn)
        );
        n.acl.entries.push(
            acl(&[(110, true, TCP, Some((1024, 65535)), "0.0.0.0/0", true)]).entries[0].clone(),
        );
        assert_eq!(n.inbound(CLIENT, 443, 50000, true), Outcome::Delivered);
    }

    #[test]
    fn routes_take_the_longest_prefix_and_need_a_gateway() {
        let n = net();
        let s3 = Ipv4Addr::new(52, 219, 57, 10);
        assert_eq!(n.route(s3).unwrap().target, Target::Vpce("vpce-1".into()));
        assert_eq!(
            n.route(Ipv4Addr::new(10, 0, 3, 4)).unwrap().target,
            Target::Local
        );
        assert_eq!(n.route(CLIENT).unwrap().target, Target::Igw("igw-1".into()));
        let mut private = n.clone();
        private.routes.retain(|r| r.dest != Dest::Cidr(Cidr::any()));
        private.groups[0].egress.push(rule(ALL, 0, 0, "0.0.0.0/0"));
        assert_eq!(
            private.outbound(CLIENT, 443, 50000, false, None),
            Outcome::Stopped(Stop::NoRoute)
        );
        // An internet gateway does not serve an instance without a public address.
        let mut n = n;
        n.groups[0].egress.push(rule(ALL, 0, 0, "0.0.0.0/0"));
        assert_eq!(
            n.outbound(CLIENT, 443, 50000, false, None),
            Outcome::Stopped(Stop::NoRoute)
        );
        assert_eq!(
            n.outbound(CLIENT, 443, 50000, true, None),
            Outcome::Delivered
        );
    }

    #[test]
    fn endpoint_policies_need_an_allow_and_a_deny_wins() {
        let mut n = net();
        n.groups[0].egress.push(rule(ALL, 0, 0, "0.0.0.0/0"));
        let s3 = Ipv4Addr::new(52, 219, 57, 10);
        let get =
            |n: &Net, res: &str| n.outbound(s3, 443, 50000, false, Some(("s3:GetObject", res)));
        assert_eq!(get(&n, "arn:aws:s3:::logs/a.txt"), Outcome::Delivered);
        assert_eq!(
            get(&n, "arn:aws:s3:::reports/a.txt"),
            Outcome::Stopped(Stop::EndpointPolicy)
        );
        n.endpoints[0].policy.push(Statement {
            allow: false,
            actions: vec!["s3:*".into()],
            resources: vec!["arn:aws:s3:::logs/secret/*".into()],
        });
        assert_eq!(
            get(&n, "arn:aws:s3:::logs/secret/k"),
            Outcome::Stopped(Stop::EndpointPolicy)
        );
        assert!(glob("s3:get*", "s3:getobject"));
        assert!(!glob("arn:aws:s3:::logs/*", "arn:aws:s3:::logs2/x"));
    }
}
