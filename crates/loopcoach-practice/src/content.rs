//! The built-in question banks, embedded at build time.
//!
//! One entry per file in `content/banks/`: the path (for error messages) and the text. A new
//! bank file is added here by hand (no build script), and the schema test in `bank.rs` checks
//! every entry, so a file missing from this list or failing the schema is caught by `cargo test`.

/// `(path relative to the repository root, TOML text)` of every built-in bank.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    (
        "content/banks/behavioural/are-right-a-lot.toml",
        include_str!("../../../content/banks/behavioural/are-right-a-lot.toml"),
    ),
    (
        "content/banks/behavioural/bias-for-action.toml",
        include_str!("../../../content/banks/behavioural/bias-for-action.toml"),
    ),
    (
        "content/banks/behavioural/broad-responsibility.toml",
        include_str!("../../../content/banks/behavioural/broad-responsibility.toml"),
    ),
    (
        "content/banks/behavioural/customer-obsession.toml",
        include_str!("../../../content/banks/behavioural/customer-obsession.toml"),
    ),
    (
        "content/banks/behavioural/deliver-results.toml",
        include_str!("../../../content/banks/behavioural/deliver-results.toml"),
    ),
    (
        "content/banks/behavioural/dive-deep.toml",
        include_str!("../../../content/banks/behavioural/dive-deep.toml"),
    ),
    (
        "content/banks/behavioural/earn-trust.toml",
        include_str!("../../../content/banks/behavioural/earn-trust.toml"),
    ),
    (
        "content/banks/behavioural/earths-best-employer.toml",
        include_str!("../../../content/banks/behavioural/earths-best-employer.toml"),
    ),
    (
        "content/banks/behavioural/frugality.toml",
        include_str!("../../../content/banks/behavioural/frugality.toml"),
    ),
    (
        "content/banks/behavioural/have-backbone.toml",
        include_str!("../../../content/banks/behavioural/have-backbone.toml"),
    ),
    (
        "content/banks/behavioural/hire-and-develop-the-best.toml",
        include_str!("../../../content/banks/behavioural/hire-and-develop-the-best.toml"),
    ),
    (
        "content/banks/behavioural/insist-on-the-highest-standards.toml",
        include_str!("../../../content/banks/behavioural/insist-on-the-highest-standards.toml"),
    ),
    (
        "content/banks/behavioural/invent-and-simplify.toml",
        include_str!("../../../content/banks/behavioural/invent-and-simplify.toml"),
    ),
    (
        "content/banks/behavioural/learn-and-be-curious.toml",
        include_str!("../../../content/banks/behavioural/learn-and-be-curious.toml"),
    ),
    (
        "content/banks/behavioural/ownership.toml",
        include_str!("../../../content/banks/behavioural/ownership.toml"),
    ),
    (
        "content/banks/behavioural/think-big.toml",
        include_str!("../../../content/banks/behavioural/think-big.toml"),
    ),
    (
        "content/banks/technical/affinity.toml",
        include_str!("../../../content/banks/technical/affinity.toml"),
    ),
    (
        "content/banks/technical/deployment-strategies.toml",
        include_str!("../../../content/banks/technical/deployment-strategies.toml"),
    ),
    (
        "content/banks/technical/dns.toml",
        include_str!("../../../content/banks/technical/dns.toml"),
    ),
    (
        "content/banks/technical/docker.toml",
        include_str!("../../../content/banks/technical/docker.toml"),
    ),
    (
        "content/banks/technical/jwt.toml",
        include_str!("../../../content/banks/technical/jwt.toml"),
    ),
    (
        "content/banks/technical/k8s-auth.toml",
        include_str!("../../../content/banks/technical/k8s-auth.toml"),
    ),
    (
        "content/banks/technical/oauth2.toml",
        include_str!("../../../content/banks/technical/oauth2.toml"),
    ),
    (
        "content/banks/technical/pki.toml",
        include_str!("../../../content/banks/technical/pki.toml"),
    ),
    (
        "content/banks/technical/selectors.toml",
        include_str!("../../../content/banks/technical/selectors.toml"),
    ),
    (
        "content/banks/technical/token.toml",
        include_str!("../../../content/banks/technical/token.toml"),
    ),
    (
        "content/banks/technical/http-status.toml",
        include_str!("../../../content/banks/technical/http-status.toml"),
    ),
    (
        "content/banks/technical/tls.toml",
        include_str!("../../../content/banks/technical/tls.toml"),
    ),
    (
        "content/banks/technical/networking.toml",
        include_str!("../../../content/banks/technical/networking.toml"),
    ),
    (
        "content/banks/technical/vpc.toml",
        include_str!("../../../content/banks/technical/vpc.toml"),
    ),
    (
        "content/banks/technical/linux.toml",
        include_str!("../../../content/banks/technical/linux.toml"),
    ),
    (
        "content/banks/technical/iam.toml",
        include_str!("../../../content/banks/technical/iam.toml"),
    ),
    (
        "content/banks/technical/k8s-troubleshooting.toml",
        include_str!("../../../content/banks/technical/k8s-troubleshooting.toml"),
    ),
    (
        "content/banks/technical/elb.toml",
        include_str!("../../../content/banks/technical/elb.toml"),
    ),
];

/// The built-in bank holding the cards of `key` (a principle or topic key):
/// `jwt` → `content/banks/technical/jwt.toml`, `customer-obsession` →
/// `content/banks/behavioural/customer-obsession.toml`.
pub(crate) fn builtin_bank(key: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN.iter().copied().find(|(path, _)| {
        path.strip_suffix(".toml")
            .and_then(|p| p.rsplit_once('/'))
            .is_some_and(|(_, stem)| stem == key)
    })
}

/// The key a built-in card id is made of: `jwt-03` → `jwt`, `k8s-auth-12` → `k8s-auth`.
pub(crate) fn key_of_id(id: &str) -> Option<&str> {
    let (key, n) = id.rsplit_once('-')?;
    (!key.is_empty() && n.len() >= 2 && n.chars().all(|c| c.is_ascii_digit())).then_some(key)
}
