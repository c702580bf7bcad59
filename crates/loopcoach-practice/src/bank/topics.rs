//! The technical topic keys: the names of the files in `content/banks/technical/`, what
//! `--topic` accepts, and what notes' topic names map to (`content/notes/vocabulary.toml`).
//! A new technical bank adds its key here, at the end.

/// The technical topic keys a bank may use.
pub const TOPICS: [&str; 18] = [
    "docker",
    "pki",
    "token",
    "oauth2",
    "jwt",
    "k8s-auth",
    "deployment-strategies",
    "affinity",
    "selectors",
    "tls",
    "dns",
    "http-status",
    "networking",
    "vpc",
    "linux",
    "iam",
    "k8s-troubleshooting",
    "elb",
];
