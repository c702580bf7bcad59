//! What the network labs (`dns`, `vpc`, `elb`, issue #19) share: AWS-style identifiers drawn
//! from the seed, and the generation spec made again from an answer key for evidence on
//! request.

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::common::{Spec, whole_seconds};
use crate::{AnswerKey, LabError};

/// The region every network lab is set in.
pub(crate) const REGION: &str = "ap-northeast-2";

/// `n` lower-case hex digits.
pub(crate) fn hex(r: &mut ChaCha20Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(r.next_u32() % 16, 16).unwrap_or('0'))
        .collect()
}

/// `n` characters of the alphabet Route 53 ids use.
pub(crate) fn upper(r: &mut ChaCha20Rng, n: usize) -> String {
    const A: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    (0..n)
        .map(|_| A[(r.next_u32() as usize) % A.len()] as char)
        .collect()
}

/// An AWS resource id: `vpc-0` and 16 hex digits, `i-0…`, `sg-0…`.
pub(crate) fn aws_id(prefix: &str, r: &mut ChaCha20Rng) -> String {
    format!("{prefix}-0{}", hex(r, 16))
}

/// The spec the lab of `key` was generated from (the broken lab, not the twin).
pub(crate) fn spec_of(key: &AnswerKey) -> Result<Spec, LabError> {
    let now = OffsetDateTime::parse(&key.now, &Rfc3339).map_err(|e| LabError::BadArtifact {
        path: "answer key".to_string(),
        message: e.to_string(),
    })?;
    Ok(Spec {
        kind: key.kind.clone(),
        causes: key.causes.clone(),
        twin: false,
        seed: key.seed,
        difficulty: key.difficulty,
        now: whole_seconds(now),
    })
}
