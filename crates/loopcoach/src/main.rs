//! loopcoach: the binary. Thin by design: parse flags, build the context, call the library
//! crates, print (through `out`, never `println!`). Errors are printed once, to stderr, with a
//! non-zero exit; a closed stdout pipe ends the program quietly.

mod cli;
mod cmd;
mod ctx;
mod errors;
mod files;
mod out;
mod table;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let ctx = match ctx::Ctx::new(cli.global.db.clone(), cli.global.lang.clone()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "loopcoach: {}",
                loopcoach_core::text::for_terminal(&format!("{e:#}"))
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    match run(&ctx, &cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // The reader of our stdout closed it early (`loopcoach stories | head -2`): the command
        // stopped writing there, as a pipeline expects. That is not a failure, so nothing goes
        // to stderr and the status is 0 (not 1, and not the 141 of a process killed by
        // SIGPIPE, which Rust ignores and which cannot be restored without `unsafe`); under
        // `set -o pipefail` the pipeline still succeeds. Everything the command had to do
        // before printing (an import, a review) is already committed.
        Err(e) if out::is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("loopcoach: {}", errors::render(&ctx, &e));
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(ctx: &ctx::Ctx, cli: &cli::Cli) -> anyhow::Result<()> {
    use cli::Command as C;
    match &cli.command {
        C::Import(a) => cmd::import::run(ctx, a),
        C::Outline(a) => cmd::outline::run(ctx, a),
        C::Sync(a) => cmd::sync::run(ctx, a),
        C::Show(a) => cmd::show::run(ctx, a),
        C::Questions(a) => cmd::list::questions(ctx, a),
        C::Stories(a) => cmd::list::stories(ctx, a),
        C::Principles(a) => cmd::list::principles(ctx, a),
        C::Story(a) => cmd::story::run(ctx, a),
        C::Export(a) => cmd::export::run(ctx, a),
        C::Report(a) => cmd::report::run(ctx, a),
        C::Plan(a) => cmd::plan::run(ctx, a),
        C::Sheet(a) => cmd::sheet::run(ctx, a),
        C::Cards(a) => cmd::cards::run(ctx, a),
        C::Bank(a) => cmd::cards::bank(ctx, a),
        C::Drill(a) => cmd::drill::drill(ctx, a),
        C::Due(a) => cmd::drill::due(ctx, a),
        C::Stats(a) => cmd::drill::stats_cmd(ctx, a),
        C::Review(a) => cmd::drill::review(ctx, a),
        C::Optimize(a) => cmd::drill::optimize_cmd(ctx, a),
        C::Search(a) => cmd::search::run(ctx, a),
        C::Anki(a) => cmd::anki::run(ctx, a),
        C::Lab(a) => cmd::lab::run(ctx, a),
        C::Analyze(a) => cmd::analyze::run(ctx, a),
        C::Mock(a) => cmd::mock::run(ctx, a),
        C::History(a) => cmd::history::run(ctx, a),
        C::Serve(a) => cmd::serve::run(ctx, a),
        C::Server(a) => cmd::server::run(ctx, a),
        C::Push(a) => cmd::share::push(ctx, a),
        C::Pull(a) => cmd::share::pull(ctx, a),
        C::Comments(a) => cmd::share::comments(ctx, a),
    }
}
