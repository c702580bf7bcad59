//! The VPC lab's files as the AWS CLI prints them (`aws ec2 describe-instances`,
//! `describe-security-groups`, `describe-network-acls`, `describe-route-tables`,
//! `describe-vpc-endpoints` with the policy as a JSON string, `get-managed-prefix-list-entries`)
//! and read back into the evaluator's model; the customer's transcript.

use std::net::Ipv4Addr;

use serde_json::{Value, json};

use super::eval::{
    ALL, Acl, AclEntry, Cidr, Dest, Endpoint, Net, Outcome, Peer, Route, SecurityGroup, SgRule,
    Statement, Stop, Target,
};
use super::{Attempt, Case};
use crate::common::{Spec, bad, json_pretty, text};
use crate::netlab::REGION;
use crate::{LabError, LabFile};

fn proto_text(p: i32) -> String {
    p.to_string()
}

fn permission(r: &SgRule) -> Value {
    let mut v = json!({
        "IpProtocol": if r.proto == ALL { "-1".to_string() } else if r.proto == 6 { "tcp".to_string() } else { proto_text(r.proto) },
        "IpRanges": [],
        "Ipv6Ranges": [],
        "PrefixListIds": [],
        "UserIdGroupPairs": [],
    });
    if r.proto != ALL {
        v["FromPort"] = r.from.into();
        v["ToPort"] = r.to.into();
    }
    match &r.peer {
        Peer::Cidr(c) => {
            let mut range = json!({ "CidrIp": c.to_string() });
            if !r.description.is_empty() {
                range["Description"] = r.description.clone().into();
            }
            v["IpRanges"] = json!([range]);
        }
        Peer::PrefixList(id) => v["PrefixListIds"] = json!([{ "PrefixListId": id }]),
        Peer::Group(id) => v["UserIdGroupPairs"] = json!([{ "GroupId": id }]),
    }
    v
}

pub(crate) fn instances(c: &Case) -> Result<Vec<u8>, LabError> {
    let groups: Vec<Value> = c
        .net
        .groups
        .iter()
        .map(|g| json!({ "GroupId": g.id, "GroupName": g.name }))
        .collect();
    let mut i = json!({
        "InstanceId": c.instance,
        "InstanceType": "t3.medium",
        "State": { "Code": 16, "Name": "running" },
        "PrivateIpAddress": c.private_ip.to_string(),
        "PrivateDnsName": format!("ip-{}.{REGION}.compute.internal", c.private_ip.to_string().replace('.', "-")),
        "SubnetId": c.subnet,
        "VpcId": c.vpc,
        "IamInstanceProfile": { "Arn": format!("arn:aws:iam::{}:instance-profile/{}", c.account, c.role) },
        "SecurityGroups": groups,
        "NetworkInterfaces": [{
            "NetworkInterfaceId": c.eni,
            "PrivateIpAddress": c.private_ip.to_string(),
            "SubnetId": c.subnet,
            "VpcId": c.vpc,
            "Groups": groups,
            "SourceDestCheck": true,
        }],
    });
    if let Some(ip) = c.public_ip {
        i["PublicIpAddress"] = ip.to_string().into();
        i["NetworkInterfaces"][0]["Association"] =
            json!({ "PublicIp": ip.to_string(), "IpOwnerId": c.account });
    }
    json_pretty(&json!({ "Reservations": [{ "OwnerId": c.account, "Instances": [i] }] }))
}

pub(crate) fn security_groups(c: &Case) -> Result<Vec<u8>, LabError> {
    let groups: Vec<Value> = c
        .net
        .groups
        .iter()
        .map(|g| {
            json!({
                "GroupId": g.id,
                "GroupName": g.name,
                "Description": format!("{} instances", g.name),
                "OwnerId": c.account,
                "VpcId": c.vpc,
                "IpPermissions": g.ingress.iter().map(permission).collect::<Vec<_>>(),
                "IpPermissionsEgress": g.egress.iter().map(permission).collect::<Vec<_>>(),
            })
        })
        .collect();
    json_pretty(&json!({ "SecurityGroups": groups }))
}

pub(crate) fn network_acls(c: &Case) -> Result<Vec<u8>, LabError> {
    let a = &c.net.acl;
    let entries: Vec<Value> = a
        .entries
        .iter()
        .map(|e| {
            let mut v = json!({
                "CidrBlock": e.cidr.to_string(),
                "Egress": e.egress,
                "Protocol": proto_text(e.proto),
                "RuleAction": if e.allow { "allow" } else { "deny" },
                "RuleNumber": e.number,
            });
            if let Some((from, to)) = e.ports {
                v["PortRange"] = json!({ "From": from, "To": to });
            }
            v
        })
        .collect();
    let default = a.entries.iter().all(|e| e.proto == ALL);
    json_pretty(&json!({ "NetworkAcls": [{
        "NetworkAclId": a.id,
        "VpcId": c.vpc,
        "IsDefault": default,
        "OwnerId": c.account,
        "Associations": [{ "NetworkAclAssociationId": c.acl_assoc, "NetworkAclId": a.id, "SubnetId": c.subnet }],
        "Entries": entries,
    }]}))
}

pub(crate) fn route_tables(c: &Case) -> Result<Vec<u8>, LabError> {
    let routes: Vec<Value> = c
        .net
        .routes
        .iter()
        .map(|r| {
            let mut v = match &r.dest {
                Dest::Cidr(cidr) => json!({ "DestinationCidrBlock": cidr.to_string() }),
                Dest::PrefixList(id) => json!({ "DestinationPrefixListId": id }),
            };
            match &r.target {
                Target::Local => v["GatewayId"] = "local".into(),
                Target::Igw(id) | Target::Vpce(id) => v["GatewayId"] = id.clone().into(),
                Target::Nat(id) => v["NatGatewayId"] = id.clone().into(),
            }
            v["Origin"] = if r.target == Target::Local {
                "CreateRouteTable"
            } else {
                "CreateRoute"
            }
            .into();
            v["State"] = "active".into();
            v
        })
        .collect();
    json_pretty(&json!({ "RouteTables": [{
        "RouteTableId": c.rt_id,
        "VpcId": c.vpc,
        "OwnerId": c.account,
        "Associations": [{
            "Main": false,
            "RouteTableAssociationId": format!("rtbassoc-{}", &c.acl_assoc[9..]),
            "RouteTableId": c.rt_id,
            "SubnetId": c.subnet,
            "AssociationState": { "State": "associated" },
        }],
        "Routes": routes,
    }]}))
}

fn policy_document(policy: &[Statement]) -> String {
    let statements: Vec<Value> = policy
        .iter()
        .map(|s| {
            json!({
                "Effect": if s.allow { "Allow" } else { "Deny" },
                "Principal": "*",
                "Action": if s.actions.len() == 1 { json!(s.actions[0]) } else { json!(s.actions) },
                "Resource": if s.resources.len() == 1 { json!(s.resources[0]) } else { json!(s.resources) },
            })
        })
        .collect();
    let full = policy.len() == 1 && policy[0].actions == ["*"] && policy[0].resources == ["*"];
    // The default endpoint policy keeps the 2008 version string, as AWS writes it.
    let version = if full { "2008-10-17" } else { "2012-10-17" };
    json!({ "Version": version, "Statement": statements }).to_string()
}

pub(crate) fn vpc_endpoints(c: &Case) -> Result<Vec<u8>, LabError> {
    let eps: Vec<Value> = c
        .net
        .endpoints
        .iter()
        .map(|e| {
            json!({
                "VpcEndpointId": e.id,
                "VpcEndpointType": "Gateway",
                "VpcId": c.vpc,
                "ServiceName": e.service,
                "State": "available",
                "PolicyDocument": policy_document(&e.policy),
                "RouteTableIds": [c.rt_id],
                "SubnetIds": [],
                "Groups": [],
                "PrivateDnsEnabled": false,
                "OwnerId": c.account,
            })
        })
        .collect();
    json_pretty(&json!({ "VpcEndpoints": eps }))
}

pub(crate) fn prefix_list(c: &Case) -> Result<Vec<u8>, LabError> {
    let (_, cidrs) = &c.net.prefix_lists[0];
    json_pretty(
        &json!({ "Entries": cidrs.iter().map(|c| json!({ "Cidr": c.to_string() })).collect::<Vec<_>>() }),
    )
}

pub(crate) fn attempt_text(a: &Attempt) -> String {
    match a {
        Attempt::Inbound { client, port } => format!("inbound {client} {port}"),
        Attempt::Outbound { dst, port, host } => format!("outbound {dst} {port} {host}"),
        Attempt::S3 {
            dst,
            port,
            bucket,
            key,
        } => format!("s3 {dst} {port} {bucket} {key}"),
    }
}

fn parse_attempt(s: &str) -> Option<Attempt> {
    let w: Vec<&str> = s.split_whitespace().collect();
    let ip = |i: usize| w.get(i)?.parse::<Ipv4Addr>().ok();
    let port = |i: usize| w.get(i)?.parse::<u16>().ok();
    Some(match *w.first()? {
        "inbound" => Attempt::Inbound {
            client: ip(1)?,
            port: port(2)?,
        },
        "outbound" => Attempt::Outbound {
            dst: ip(1)?,
            port: port(2)?,
            host: w.get(3)?.to_string(),
        },
        "s3" => Attempt::S3 {
            dst: ip(1)?,
            port: port(2)?,
            bucket: w.get(3)?.to_string(),
            key: w.get(4)?.to_string(),
        },
        _ => return None,
    })
}

pub(crate) fn transcript(c: &Case, spec: &Spec, first: Outcome) -> String {
    let timeout = |host: &str, port: u16| {
        format!(
            "curl: (28) Failed to connect to {host} port {port} after 10002 ms: Timeout was reached\n"
        )
    };
    match &c.attempt {
        Attempt::Inbound { port, .. } => {
            let ip = c.public_ip.unwrap_or(c.private_ip);
            let mut out = format!(
                "$ curl -sS -m 10 -o /dev/null -w '%{{http_code}}\\n' https://{ip}:{port}/health\n"
            );
            out.push_str(&if first == Outcome::Delivered {
                "200\n".to_string()
            } else {
                timeout(&ip.to_string(), *port)
            });
            out.push_str(&format!(
                "\n$ ssh ec2-user@{ip} 'sudo ss -ltnp | grep :{port}'\nLISTEN 0      511          0.0.0.0:{port}      0.0.0.0:*    users:((\"nginx\",pid=1187,fd=6))\n"
            ));
            out
        }
        Attempt::Outbound { dst, port, host } => {
            let mut out = format!(
                "$ aws ssm start-session --target {}\nsh-5.2$ getent hosts {host}\n{dst:<15} {host}\nsh-5.2$ curl -sS -m 10 -o /dev/null -w '%{{http_code}}\\n' https://{host}/v1/ping\n",
                c.instance
            );
            out.push_str(&if first == Outcome::Delivered {
                "200\n".to_string()
            } else {
                timeout(host, *port)
            });
            out
        }
        Attempt::S3 { bucket, key, .. } => {
            let file = key.rsplit('/').next().unwrap_or(key);
            let mut out = format!(
                "$ aws ssm start-session --target {}\nsh-5.2$ aws s3 cp s3://{bucket}/{key} .\n",
                c.instance
            );
            let denied = first == Outcome::Stopped(Stop::EndpointPolicy);
            if !denied {
                out.push_str(&format!("download: s3://{bucket}/{key} to ./{file}\n"));
                return out;
            }
            out.push_str("fatal error: An error occurred (403) when calling the HeadObject operation: Forbidden\n");
            if spec.difficulty == 1 {
                out.push_str(&format!(
                    "sh-5.2$ aws s3api get-object --bucket {bucket} --key {key} /tmp/{file}\n\nAn error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::{}:assumed-role/{}/{} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::{bucket}/{key}\" because no VPC endpoint policy allows the s3:GetObject action\n",
                    c.account, c.role, c.instance
                ));
            }
            out
        }
    }
}

fn json_file(files: &[LabFile], path: &str) -> Result<Value, LabError> {
    serde_json::from_str(text(files, path)?).map_err(|e| bad(path)(e.to_string()))
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn cidr(v: &Value, path: &str) -> Result<Cidr, LabError> {
    v.as_str()
        .and_then(Cidr::parse)
        .ok_or_else(|| bad(path)(format!("not a CIDR: {v}")))
}

fn rules(perms: &Value, path: &str) -> Result<Vec<SgRule>, LabError> {
    let mut out = Vec::new();
    for p in perms.as_array().into_iter().flatten() {
        let proto = match p["IpProtocol"].as_str().unwrap_or("-1") {
            "-1" | "all" => ALL,
            "tcp" => 6,
            "udp" => 17,
            "icmp" => 1,
            other => other.parse().unwrap_or(ALL),
        };
        let from = p["FromPort"].as_u64().unwrap_or(0) as u16;
        let to = p["ToPort"].as_u64().unwrap_or(65535) as u16;
        let rule = |peer| SgRule {
            proto,
            from,
            to,
            peer,
            description: String::new(),
        };
        for r in p["IpRanges"].as_array().into_iter().flatten() {
            out.push(rule(Peer::Cidr(cidr(&r["CidrIp"], path)?)));
        }
        for r in p["PrefixListIds"].as_array().into_iter().flatten() {
            out.push(rule(Peer::PrefixList(
                r["PrefixListId"].as_str().unwrap_or_default().into(),
            )));
        }
        for r in p["UserIdGroupPairs"].as_array().into_iter().flatten() {
            out.push(rule(Peer::Group(
                r["GroupId"].as_str().unwrap_or_default().into(),
            )));
        }
    }
    Ok(out)
}

/// The model as the files tell it.
pub(crate) fn read_back(files: &[LabFile], attempt: &str) -> Result<Case, LabError> {
    let attempt = parse_attempt(attempt)
        .ok_or_else(|| bad("lab.json")(format!("attempt `{attempt}` not understood")))?;
    let inst = json_file(files, "describe-instances.json")?;
    let i = &inst["Reservations"][0]["Instances"][0];
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let ip = |v: &Value| v.as_str().and_then(|s| s.parse::<Ipv4Addr>().ok());
    let group_ids = strings(
        &i["SecurityGroups"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|g| g["GroupId"].clone())
            .collect::<Vec<_>>()
            .into(),
    );
    let sgs = json_file(files, "describe-security-groups.json")?;
    let mut groups = Vec::new();
    for g in sgs["SecurityGroups"].as_array().into_iter().flatten() {
        if group_ids.contains(&s(&g["GroupId"])) {
            groups.push(SecurityGroup {
                id: s(&g["GroupId"]),
                name: s(&g["GroupName"]),
                ingress: rules(&g["IpPermissions"], "describe-security-groups.json")?,
                egress: rules(&g["IpPermissionsEgress"], "describe-security-groups.json")?,
            });
        }
    }
    let acls = json_file(files, "describe-network-acls.json")?;
    let a = &acls["NetworkAcls"][0];
    let mut entries = Vec::new();
    for e in a["Entries"].as_array().into_iter().flatten() {
        entries.push(AclEntry {
            number: e["RuleNumber"].as_u64().unwrap_or(32767) as u16,
            egress: e["Egress"].as_bool().unwrap_or(false),
            proto: s(&e["Protocol"]).parse().unwrap_or(ALL),
            ports: e.get("PortRange").map(|p| {
                (
                    p["From"].as_u64().unwrap_or(0) as u16,
                    p["To"].as_u64().unwrap_or(0) as u16,
                )
            }),
            cidr: cidr(&e["CidrBlock"], "describe-network-acls.json")?,
            allow: e["RuleAction"].as_str() == Some("allow"),
        });
    }
    let rts = json_file(files, "describe-route-tables.json")?;
    let mut routes = Vec::new();
    let mut vpc_cidr = None;
    for r in rts["RouteTables"][0]["Routes"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let dest = match r.get("DestinationPrefixListId") {
            Some(id) => Dest::PrefixList(s(id)),
            None => Dest::Cidr(cidr(
                &r["DestinationCidrBlock"],
                "describe-route-tables.json",
            )?),
        };
        let gw = s(&r["GatewayId"]);
        let target = if gw == "local" {
            Target::Local
        } else if gw.starts_with("igw-") {
            Target::Igw(gw)
        } else if gw.starts_with("vpce-") {
            Target::Vpce(gw)
        } else if let Some(nat) = r["NatGatewayId"].as_str() {
            Target::Nat(nat.to_string())
        } else {
            continue;
        };
        if let (Target::Local, Dest::Cidr(c)) = (&target, &dest) {
            vpc_cidr = Some(*c);
        }
        if r["State"].as_str() == Some("active") {
            routes.push(Route { dest, target });
        }
    }
    let eps = json_file(files, "describe-vpc-endpoints.json")?;
    let mut endpoints = Vec::new();
    for e in eps["VpcEndpoints"].as_array().into_iter().flatten() {
        let doc: Value = serde_json::from_str(e["PolicyDocument"].as_str().unwrap_or("{}"))
            .map_err(|err| bad("describe-vpc-endpoints.json")(err.to_string()))?;
        let policy = doc["Statement"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|st| Statement {
                allow: st["Effect"].as_str() == Some("Allow"),
                actions: strings(&st["Action"]),
                resources: strings(&st["Resource"]),
            })
            .collect();
        endpoints.push(Endpoint {
            id: s(&e["VpcEndpointId"]),
            service: s(&e["ServiceName"]),
            prefix_list: super::S3_PREFIX_LIST.into(),
            policy,
        });
    }
    let pl = json_file(files, "prefix-list-entries.json")?;
    let mut cidrs = Vec::new();
    for e in pl["Entries"].as_array().into_iter().flatten() {
        cidrs.push(cidr(&e["Cidr"], "prefix-list-entries.json")?);
    }
    Ok(Case {
        account: String::new(),
        app: String::new(),
        vpc: s(&i["VpcId"]),
        subnet: s(&i["SubnetId"]),
        instance: s(&i["InstanceId"]),
        eni: String::new(),
        private_ip: ip(&i["PrivateIpAddress"]).unwrap_or(Ipv4Addr::UNSPECIFIED),
        public_ip: ip(&i["PublicIpAddress"]),
        role: String::new(),
        acl_assoc: String::new(),
        rt_id: String::new(),
        net: Net {
            vpc_cidr: vpc_cidr
                .ok_or_else(|| bad("describe-route-tables.json")("no local route".into()))?,
            groups,
            acl: Acl {
                id: s(&a["NetworkAclId"]),
                entries,
            },
            routes,
            prefix_lists: vec![(super::S3_PREFIX_LIST.into(), cidrs)],
            endpoints,
        },
        attempt,
    })
}
