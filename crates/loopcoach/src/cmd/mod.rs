//! One module per subcommand; each turns typed arguments into library calls and output.

pub mod export;
pub mod import;
pub mod list;
pub mod plan;
pub mod report;
pub mod sheet;
pub mod show;
pub mod story;
pub mod sync;
