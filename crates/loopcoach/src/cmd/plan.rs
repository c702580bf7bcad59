//! `loopcoach plan --interviewers N --per-interviewer K [--bar-raiser] [--require NAME …]
//! [--json]`: which story to tell for which (interviewer, principle) slot, never twice.

use std::io::Write;

use anyhow::{Result, bail};
use loopcoach_core::Framework;
use loopcoach_core::plan::{self, Plan};
use loopcoach_core::sheet::render_plan_table;

use crate::ctx::{Ctx, print_json};
use crate::out;

/// The most interviewers a loop may have (real loops have four to seven; the planner's work
/// grows with the square of the slots, and 100,000 interviewers once asked for 320 GB).
const MAX_INTERVIEWERS: i64 = 20;
/// The most principles one interviewer probes: all sixteen.
const MAX_PER_INTERVIEWER: i64 = 16;

/// The loop's shape, shared by `plan` and `sheet`.
#[derive(Debug, Clone, clap::Args)]
pub struct LoopArgs {
    /// Number of interviewers in the loop (1 to 20)
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=MAX_INTERVIEWERS))]
    pub interviewers: u16,
    /// Principles each interviewer probes (1 to 16, the principles there are)
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=MAX_PER_INTERVIEWER))]
    pub per_interviewer: u16,
    /// The last interviewer is a Bar Raiser (probes two of the hardest principles)
    #[arg(long)]
    pub bar_raiser: bool,
    /// A principle the loop must cover, as written ("Dive Deep", "고객 집착"); repeatable
    #[arg(long, value_name = "NAME", num_args = 1..)]
    pub require: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub loop_: LoopArgs,
    /// Print the plan as JSON (`docs/json.md`)
    #[arg(long)]
    pub json: bool,
}

/// Make a plan from the workspace.
pub fn make(ctx: &Ctx, a: &LoopArgs) -> Result<Plan> {
    let f = Framework::amazon();
    let mut keys = Vec::new();
    for name in &a.require {
        match f.match_name(name) {
            Some(m) => keys.push(m.key),
            None => bail!("--require: no principle matches '{name}'"),
        }
    }
    let ws = ctx.workspace()?;
    Ok(plan::plan(
        &ws,
        &f,
        usize::from(a.interviewers),
        usize::from(a.per_interviewer),
        a.bar_raiser,
        &keys,
    )?)
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let p = make(ctx, &a.loop_)?;
    if a.json {
        return print_json(&p);
    }
    let text = render_plan_table(&p, &Framework::amazon(), ctx.lang);
    let text = loopcoach_core::text::for_terminal(&text);
    out::print(|out| Ok(out.write_all(text.as_bytes())?))
}
