//! Command-line definitions (clap derive). Flags are parsed and validated here once; the
//! commands in `cmd/` receive typed arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cmd;

#[derive(Debug, Parser)]
#[command(
    name = "loopcoach",
    version,
    about = "Coach yourself through an interview loop: notes, gaps, drills, labs."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// SQLite workspace file [default: $LOOPCOACH_DB, else the platform data dir]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of messages and reports: ko or en [default: $LOOPCOACH_LANG, else the locale
    /// ($LC_ALL, $LC_MESSAGES, $LANG; C and POSIX are English), else the notes' language]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a notes file, or every .md file under a folder, into the workspace (idempotent; ids are kept across re-imports)
    Import(cmd::import::Args),
    /// Re-read every imported file that changed on disk
    Sync(cmd::sync::Args),
    /// Show how a notes file is read: one line per recognised entity, and the plain notes
    Outline(cmd::outline::Args),
    /// The whole structured workspace
    Show(cmd::show::Args),
    /// The expected questions, one a line
    Questions(cmd::list::Args),
    /// The STAR stories, one a line
    Stories(cmd::list::Args),
    /// The principles, with what the notes hold for each
    Principles(cmd::list::Args),
    /// Edit a story
    Story(cmd::story::Args),
    /// Write an imported notes file back out (with edits spliced in)
    Export(cmd::export::Args),
    /// Readiness report: uncovered principles, story gaps, scores, next actions
    Report(cmd::report::Args),
    /// Plan a loop: a distinct story for each (interviewer, principle) slot
    Plan(cmd::plan::Args),
    /// Interview-day sheet for a loop plan
    Sheet(cmd::sheet::Args),
    /// Practice cards (banks and your notes), filtered
    Cards(cmd::cards::Args),
    /// Your own question banks
    Bank(cmd::cards::BankArgs),
    /// Drill due cards in the terminal (answer, compare with key points, rate)
    Drill(cmd::drill::DrillArgs),
    /// Cards due for review
    Due(cmd::drill::DueArgs),
    /// Practice statistics: reviews per day, retention, due per topic and principle
    Stats(cmd::drill::StatsArgs),
    /// Rate one card (scripted review)
    Review(cmd::drill::ReviewArgs),
    /// Fit FSRS parameters to your review history
    Optimize(cmd::drill::OptimizeArgs),
    /// Search notes and cards (Korean-aware)
    Search(cmd::search::Args),
    /// Anki export and import (tab-separated text)
    Anki(cmd::anki::Args),
    /// Troubleshooting labs: real broken artifacts to diagnose
    Lab(cmd::lab::Args),
    /// Feedback on one answer: STAR parts, metric, I vs we, fillers, time, principles
    Analyze(cmd::analyze::Args),
    /// A timed mock interview with follow-ups, feedback and a debrief
    Mock(cmd::mock::Args),
    /// Progress over time per principle and topic, from mocks and analysed answers
    History(cmd::history::Args),
    /// The web UI: the workspace in a browser (loopback only unless --allow-remote)
    Serve(cmd::serve::Args),
    /// Run the study-group server on PostgreSQL, or administer it (`server … admin`)
    Server(cmd::server::Args),
    /// Share chosen stories with a study-group server
    Push(cmd::share::PushArgs),
    /// Bring the comments on your shared stories back from a study-group server
    Pull(cmd::share::PullArgs),
    /// Comments pulled from a study-group server, beside the notes they are about
    Comments(cmd::share::CommentsArgs),
}
