//! The labs' integration tests: every fault is rejected by the real validator for exactly
//! its reason, and the repaired twin is accepted; openssl and jsonwebtoken cross-check pki and
//! jwt; grading, explanations and the lab directory round trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod answers;
mod api;
mod common;
mod dns;
mod docker;
mod elb;
mod grading;
mod iam;
mod jwt;
mod k8s;
mod linux;
mod oauth;
mod pki;
mod vpc;
