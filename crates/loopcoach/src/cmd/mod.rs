//! One module per subcommand; each turns typed arguments into library calls and output.

pub mod export;
pub mod import;
pub mod lab;
pub mod list;
pub mod outline;
pub mod plan;
pub mod report;
pub mod sheet;
pub mod show;
pub mod story;
pub mod sync;
// practice (drills, banks, search, Anki)
pub mod anki;
pub mod cards;
pub mod deck;
pub mod drill;
pub mod search;
// mock interviews and answer feedback (issue 16)
pub mod accept;
pub mod analyze;
pub mod history;
pub mod mock;
// the web UI (issue 17)
pub mod serve;
// the study-group server and sharing with it (issue 21)
pub mod server;
pub mod share;
