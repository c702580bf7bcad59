//! Studying together on the server (issue 21): the group's own question banks drilled by every
//! member with their own FSRS state ([`banks`], [`drill`]), peer mock interviews and their
//! debrief ([`mocks`], [`debrief`]), and the coaches' cohort dashboard ([`dashboard`]).
//!
//! Pure like [`crate::model`]: the rules and the shapes live here and reuse the practice and
//! core crates (the bank schema, the FSRS scheduler, the mock planner, readiness); the storage
//! keeps the values and the handlers only connect the two.

pub mod banks;
pub mod dashboard;
pub mod debrief;
pub mod drill;
pub mod mocks;
pub mod service;
