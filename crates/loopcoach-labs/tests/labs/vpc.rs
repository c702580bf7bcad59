//! VPC labs: the evaluator finds exactly the fault and nothing in the twin; the JSON has
//! the EC2 API's field names and the flow log is in the version 2 default format, its
//! actions agreeing with the fault.

use loopcoach_labs::generate;
use regex::Regex;
use serde_json::Value;

use crate::common::{assert_diagnosis_exact, codes, req};

fn file(lab: &loopcoach_labs::Lab, path: &str) -> String {
    String::from_utf8_lossy(&lab.file(path).unwrap().contents).into_owned()
}

#[test]
fn diagnosis_finds_exactly_the_fault_and_nothing_in_the_twin() {
    assert_diagnosis_exact("vpc");
}

/// The records (not the header) of a flow log, each checked against the default format.
fn records(lab: &loopcoach_labs::Lab) -> Vec<Vec<String>> {
    let v2 = Regex::new(
        r"^2 \d{12} eni-[0-9a-f]{17} (\d+\.){3}\d+ (\d+\.){3}\d+ \d+ \d+ 6 \d+ \d+ \d{10} \d{10} (ACCEPT|REJECT) OK$",
    )
    .unwrap();
    let text = file(lab, "flow-logs.txt");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            // The topics contract: 14 fields, version 2, ACCEPT/REJECT in the 13th.
            let f: Vec<String> = l.split_whitespace().map(String::from).collect();
            assert_eq!(f.len(), 14, "{l}");
            assert!(v2.is_match(l), "{l}");
            f
        })
        .collect()
}

#[test]
fn flow_log_actions_follow_the_evaluator() {
    for seed in [1, 2, 3] {
        let at = |code: &str| generate(&req("vpc", code, seed, 1)).unwrap();
        let lab = at("vpc/sg-missing-inbound");
        let r = records(&lab);
        // Rejected on the way in, nothing out.
        assert!(
            r.iter().all(|f| f[12] == "REJECT" && f[6] == "443"),
            "{r:?}"
        );

        let r = records(&at("vpc/nacl-ephemeral"));
        // In ACCEPT to 443, the replies from 443 to an ephemeral port REJECT.
        assert!(r.iter().any(|f| f[6] == "443" && f[12] == "ACCEPT"));
        assert!(
            r.iter().any(|f| f[5] == "443"
                && f[6].parse::<u16>().unwrap() >= 1024
                && f[12] == "REJECT")
        );

        let r = records(&at("vpc/no-route-to-gateway"));
        // Out ACCEPT, never a reply.
        assert!(
            r.iter().all(|f| f[6] == "443" && f[12] == "ACCEPT"),
            "{r:?}"
        );

        let r = records(&at("vpc/endpoint-policy-deny"));
        // The network carries it both ways: S3 itself says no.
        assert!(r.iter().all(|f| f[12] == "ACCEPT"));
        assert!(r.iter().any(|f| f[5] == "443"));
    }
    // Difficulty 2 adds scans the group rejects; the format stays.
    let lab = generate(&req("vpc", "vpc/no-route-to-gateway", 4, 2)).unwrap();
    assert!(records(&lab).iter().any(|f| f[12] == "REJECT"));
}

#[test]
fn the_json_has_the_ec2_api_field_names() {
    for code in codes("vpc") {
        let lab = generate(&req("vpc", &code, 6, 1)).unwrap();
        let j = |p: &str| -> Value { serde_json::from_str(&file(&lab, p)).unwrap() };
        let i = &j("describe-instances.json")["Reservations"][0]["Instances"][0];
        for f in [
            "InstanceId",
            "PrivateIpAddress",
            "SubnetId",
            "VpcId",
            "SecurityGroups",
            "NetworkInterfaces",
        ] {
            assert!(i.get(f).is_some(), "{code}: instance {f}");
        }
        let g = &j("describe-security-groups.json")["SecurityGroups"][0];
        assert!(
            g["IpPermissions"][0]["IpRanges"][0]["CidrIp"].is_string(),
            "{code}"
        );
        assert_eq!(g["IpPermissionsEgress"][0]["IpProtocol"], "-1");
        let e = &j("describe-network-acls.json")["NetworkAcls"][0]["Entries"];
        assert!(
            e.as_array()
                .unwrap()
                .iter()
                .any(|x| x["RuleNumber"] == 32767 && x["RuleAction"] == "deny")
        );
        let routes = &j("describe-route-tables.json")["RouteTables"][0]["Routes"];
        assert!(
            routes
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["GatewayId"] == "local")
        );
        assert!(
            routes
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["DestinationPrefixListId"] == "pl-78a54011")
        );
        let ep = &j("describe-vpc-endpoints.json")["VpcEndpoints"][0];
        assert_eq!(ep["VpcEndpointType"], "Gateway");
        let doc: Value = serde_json::from_str(ep["PolicyDocument"].as_str().unwrap()).unwrap();
        assert!(doc["Statement"].is_array(), "{code}");
    }
}

#[test]
fn the_client_sees_a_timeout_or_a_403_as_the_real_tools_print_them() {
    let lab = generate(&req("vpc", "vpc/sg-missing-inbound", 1, 2)).unwrap();
    assert!(file(&lab, "output.txt").contains("curl: (28) Failed to connect to"));
    let lab = generate(&req("vpc", "vpc/endpoint-policy-deny", 1, 1)).unwrap();
    let out = file(&lab, "output.txt");
    assert!(out.contains("(403) when calling the HeadObject operation: Forbidden"));
    assert!(out.contains("because no VPC endpoint policy allows the s3:GetObject action"));
    // Difficulty 2: only what `aws s3 cp` says.
    let lab = generate(&req("vpc", "vpc/endpoint-policy-deny", 1, 2)).unwrap();
    assert!(!file(&lab, "output.txt").contains("VPC endpoint policy"));
}
