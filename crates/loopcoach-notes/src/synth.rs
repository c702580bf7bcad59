//! A generator of large synthetic notes in the seed's style (mixed Korean and English, bold
//! section titles, numbered questions with nested points and prose, STAR stories with
//! continuation lines and empty parts, the 16 principles), for benchmarks and stress tests.
//! Deterministic: the same seed and size give the same text.

const PRINCIPLES: [&str; 16] = [
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
];
const PROJECTS: [&str; 6] = [
    "마이데이터",
    "GST 프로젝트",
    "결제 API",
    "로그 플랫폼",
    "EKS 이전",
    "인증서 자동화",
];
const SITUATIONS: [&str; 4] = [
    "일정이 굉장히 촉박한 상황에서 긴급 투입되었음",
    "The customer's login failed after a certificate rotation",
    "배포 직후 파드가 반복해서 재시작되는 장애가 발생",
    "Our on-call queue had 40 open tickets and no runbook",
];
const RESULTS: [&str; 4] = [
    "응답 시간을 8초에서 250ms로 줄였고 재발 0건",
    "현재",
    "Closed the escalation in 3 days; tickets dropped 35%",
    "",
];

const PROSE: [&str; 5] = [
    "아마존 이라고 하는 회사는 제가 AWS 서비스를 사용하면서부터 꼭 가고싶었던 회사였습니다. 서비스 자체를 너무 잘 만들었다고 생각했고 그런 서비스를 만든 사람들과 함께 일해보고 싶었습니다.",
    "KB카드 마이데이터 프로젝트에서도 부하테스트를 2주간에 걸쳐 진행한 적이 있습니다. 이 때 마이크로서비스 들이 파드로 올라갔는데 장기부하테스트 마다 특정시간이 지나면 파드가 늘어나 있었습니다.",
    "During the load test we traced the pod growth to a memory leak in a sidecar, fixed the limit and cut the node count from 12 to 8 without touching the SLO.",
    "트러블 슈팅할 때 최대한 DeepDive 하게 -> 사내 프레임워크 코어 소스를 받아 설정이 잘못된 부분을 확인했고, windows 에서 linux 로 전환되면서 설정 파일을 읽는 순서가 달라진 것이 원인이었습니다.",
    "I would explain to the customer what we saw in the logs, what we changed, and how they can confirm it themselves with kubectl describe and the CloudWatch metrics.",
];
const DESCRIPTION: &str = "Leaders start with what matters to the people they serve and work backwards from it. They earn trust through what they do, keep high standards, and look for ways to make things simpler and better for everyone involved, even when nobody asks them to.";

/// Tiny deterministic generator (SplitMix64) so the crate needs no RNG dependency.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Notes of at least `bytes` bytes.
pub fn notes(bytes: usize, seed: u64) -> String {
    let mut r = Mix(seed);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(
        "---\nlayout: resume\ntitle: \"Synthetic interview notes\"\nauthor: \"loopcoach\"\n---\n\n",
    );
    let mut block = 0usize;
    while out.len() < bytes {
        block += 1;
        out.push_str("**채용과정**\n\n1차 면접: Docker, PKI, Token, Oauth2.0, JWT, Kubernetes 인증, 배포전략, Affinity, Selector,  등등\n\n2차 면접: Interview Tips\n\nWhat to expect : a conversation about your experience.\n\n**예상질문**\n\n");
        for q in 1..=10 {
            out.push_str(&format!("{q}. {} 경험 {block}-{q}?\n", r.pick(&PROJECTS)));
            if q % 4 == 0 {
                out.push('\n');
                continue;
            }
            out.push_str(&format!("   1) {} -> \n", r.pick(&PROJECTS)));
            out.push_str(&format!(
                "   S: {}\n      이어지는 설명 줄입니다.\n",
                r.pick(&SITUATIONS)
            ));
            out.push_str("   T: 가트너에서 말하는 구성을 혼자 진행\n");
            out.push_str("   A: 제가 로그와 지표를 대조하고 원인을 찾아 수정했습니다\n");
            out.push_str(&format!("   R: {}\n\n", r.pick(&RESULTS)));
            // Prose like the seed's: drafts run to several lines per question.
            for _ in 0..(2 + r.next() % 4) {
                out.push_str(r.pick(&PROSE));
                out.push('\n');
            }
            out.push('\n');
        }
        out.push_str("**LP**\n\n");
        for (i, p) in PRINCIPLES.iter().enumerate() {
            out.push_str(&format!("{}. {p}\n   {DESCRIPTION}\n\n", i + 1));
            if r.next().is_multiple_of(3) {
                out.push_str(&format!(
                    "   S: {}\n   T: 과제\n   A: \n   R: {}\n\n",
                    r.pick(&SITUATIONS),
                    r.pick(&RESULTS)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_notes_parse_into_the_expected_shape() {
        let t = super::notes(50_000, 7);
        assert!(t.len() >= 50_000);
        assert_eq!(t, super::notes(50_000, 7));
        let d = crate::parse_text("s.md", &t).unwrap();
        assert!(d.questions.len() >= 10 && d.questions.len().is_multiple_of(10));
        assert!(d.principles.len().is_multiple_of(16));
        assert!(d.principles.iter().all(|p| p.builtin.is_some()));
        assert!(d.stories.len() >= 7);
    }
}
