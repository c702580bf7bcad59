//! loopcoach's core: the domain model, principle frameworks, and all analysis.
//!
//! Pure by design: no files, no database, no clock except as arguments, so every result is
//! reproducible in a test. Import lives in `loopcoach-notes`, persistence in `loopcoach-store`.

pub mod analysis;
pub mod framework;
pub mod i18n;
pub mod links;
pub mod model;
pub mod outline;
pub mod plan;
pub mod readiness;
pub mod sheet;
pub mod suggestion;
pub mod text;
pub mod views;

pub use framework::Framework;
pub use i18n::{Lang, Messages, Text};
pub use model::*;
