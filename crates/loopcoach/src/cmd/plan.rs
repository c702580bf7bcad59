//! `loopcoach plan --interviewers N --per-interviewer K [--bar-raiser] [--require NAME …]
//! [--json]`: which story to tell for which (interviewer, principle) slot, never twice.

use std::io::Write;

use anyhow::{Result, bail};
use loopcoach_core::Framework;
use loopcoach_core::plan::{self, Plan};
use loopcoach_core::sheet::render_plan_table;

use crate::ctx::{Ctx, print_json};
use crate::out;

/// The loop's shape, shared by `plan` and `sheet`.
#[derive(Debug, Clone, clap::Args)]
pub struct LoopArgs {
    /// Number of interviewers in the loop
    #[arg(long, default_value_t = 5)]
    pub interviewers: usize,
    /// Principles each interviewer probes
    #[arg(long, default_value_t = 2)]
    pub per_interviewer: usize,
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
        a.interviewers,
        a.per_interviewer,
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
    out::print(|out| Ok(out.write_all(text.as_bytes())?))
}
