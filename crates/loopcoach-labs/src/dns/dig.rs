//! `dig` output, as BIND 9.18's dig prints a response: the header line with opcode, status
//! and id, the flags (`aa` only from an authoritative server, `ra` only from a recursive
//! one, with the warning dig prints when recursion was asked of a server that does not
//! offer it), the OPT pseudo-section, QUESTION / ANSWER / AUTHORITY, and the statistics
//! (`Query time`, `SERVER`, `WHEN`, `MSG SIZE  rcvd`, the size of the response on the wire
//! with name compression).

use time::OffsetDateTime;

use super::zone::{Msg, RData, Rr};

/// One `dig` run.
pub(crate) struct Dig<'a> {
    /// What followed `dig` on the command line.
    pub args: String,
    /// The name in the QUESTION section (after `+search`, the expanded one).
    pub qname: String,
    pub msg: &'a Msg,
    pub server: String,
    /// The server is authoritative and does not recurse.
    pub authoritative: bool,
    pub id: u16,
    pub query_ms: u32,
    pub when: OffsetDateTime,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `date`'s default format, as dig's `WHEN` line uses it: `Sat Mar 14 09:28:11 UTC 2026`.
pub(crate) fn when(t: OffsetDateTime) -> String {
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} UTC {}",
        WEEKDAYS[t.weekday().number_days_from_monday() as usize],
        MONTHS[t.month() as usize - 1],
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.year()
    )
}

fn record(r: &Rr) -> String {
    let name_col = if r.name.len() < 24 {
        format!("{}\t\t", r.name)
    } else {
        format!("{}\t", r.name)
    };
    format!(
        "{name_col}{}\tIN\t{}\t{}\n",
        r.ttl,
        r.data.type_name(),
        r.data.text()
    )
}

fn wire_name(name: &str) -> usize {
    name.trim_end_matches('.')
        .split('.')
        .filter(|l| !l.is_empty())
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + 1
}

/// The response size on the wire: header, question, records (owner names compressed to a
/// pointer when they repeat the question or a name before, data names written out), OPT.
fn msg_size(qname: &str, msg: &Msg) -> usize {
    let mut seen: Vec<&str> = vec![qname];
    let mut size = 12 + wire_name(qname) + 4;
    for r in msg.answer.iter().chain(&msg.authority) {
        let repeated = seen
            .iter()
            .any(|s| *s == r.name || s.ends_with(&format!(".{}", r.name)));
        size += if repeated { 2 } else { wire_name(&r.name) };
        seen.push(&r.name);
        size += 10
            + match &r.data {
                RData::A(_) | RData::Alias { .. } => 4,
                RData::Cname(t) | RData::Ns(t) => wire_name(t),
                RData::Soa(s) => wire_name(&s.mname) + wire_name(&s.rname) + 20,
            };
    }
    size + 11
}

impl Dig<'_> {
    pub fn render(&self) -> String {
        let m = self.msg;
        let mut out = format!(
            "; <<>> DiG 9.18.33 <<>> {}\n;; global options: +cmd\n;; Got answer:\n",
            self.args
        );
        out.push_str(&format!(
            ";; ->>HEADER<<- opcode: QUERY, status: {}, id: {}\n",
            m.rcode.text(),
            self.id
        ));
        let flags = if self.authoritative {
            "qr aa rd"
        } else {
            "qr rd ra"
        };
        out.push_str(&format!(
            ";; flags: {flags}; QUERY: 1, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: 1\n",
            m.answer.len(),
            m.authority.len()
        ));
        if self.authoritative {
            out.push_str(";; WARNING: recursion requested but not available\n");
        }
        out.push_str(&format!(
            "\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n;; QUESTION SECTION:\n;{}\t\t\tIN\tA\n",
            self.qname
        ));
        if !m.answer.is_empty() {
            out.push_str("\n;; ANSWER SECTION:\n");
            m.answer.iter().for_each(|r| out.push_str(&record(r)));
        }
        if !m.authority.is_empty() {
            out.push_str("\n;; AUTHORITY SECTION:\n");
            m.authority.iter().for_each(|r| out.push_str(&record(r)));
        }
        out.push_str(&format!(
            "\n;; Query time: {} msec\n;; SERVER: {}#53({}) (UDP)\n;; WHEN: {}\n;; MSG SIZE  rcvd: {}\n",
            self.query_ms,
            self.server,
            self.server,
            when(self.when),
            msg_size(&self.qname, m)
        ));
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dns::zone::{Rcode, Soa};
    use time::macros::datetime;

    #[test]
    fn the_header_and_the_negative_answer_read_like_dig() {
        let msg = Msg {
            rcode: Rcode::NxDomain,
            answer: vec![],
            authority: vec![Rr {
                name: "example.internal.".into(),
                ttl: 900,
                data: RData::Soa(Soa {
                    mname: "ns-1536.awsdns-00.co.uk.".into(),
                    rname: "awsdns-hostmaster.amazon.com.".into(),
                    serial: 1,
                    refresh: 7200,
                    retry: 900,
                    expire: 1209600,
                    minimum: 86400,
                }),
            }],
        };
        let out = Dig {
            args: "db.example.internal".into(),
            qname: "db.example.internal.".into(),
            msg: &msg,
            server: "10.0.0.2".into(),
            authoritative: false,
            id: 4242,
            query_ms: 3,
            when: datetime!(2026-03-14 09:05:07 UTC),
        }
        .render();
        assert!(out.contains(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4242\n"));
        assert!(
            out.contains(";; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1")
        );
        assert!(out.contains("example.internal.\t\t900\tIN\tSOA\tns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400\n"));
        assert!(out.contains(";; WHEN: Sat Mar 14 09:05:07 UTC 2026\n"));
        assert!(out.contains(";; SERVER: 10.0.0.2#53(10.0.0.2) (UDP)\n"));
        // 12 header + 21+4 question + 2+10+(25+30+20) SOA (owner compressed) + 11 OPT
        assert!(out.contains(";; MSG SIZE  rcvd: 135\n"), "{out}");
    }
}
