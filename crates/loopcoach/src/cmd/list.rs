//! `loopcoach questions | stories | principles [--json]`: one kind of entity, a line each.

use anyhow::Result;
use loopcoach_core::{Framework, views};

use crate::ctx::{Ctx, print_json};
use crate::out;
use crate::table::{new as table, short};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub json: bool,
}

fn or_blank(ctx: &Ctx, s: &str) -> String {
    if s.trim().is_empty() {
        ctx.t("blank", &[])
    } else {
        s.to_string()
    }
}

pub fn questions(ctx: &Ctx, a: &Args) -> Result<()> {
    let v = views::questions(&ctx.workspace()?);
    if a.json {
        return print_json(&v);
    }
    let mut t = table(vec![
        ctx.t("col-id", &[]),
        ctx.t("col-number", &[]),
        ctx.t("col-title", &[]),
        ctx.t("col-answer", &[]),
    ]);
    for q in &v {
        crate::table::add(
            &mut t,
            vec![
                q.id.clone(),
                q.number.map(|n| n.to_string()).unwrap_or_default(),
                or_blank(ctx, &short(&q.title, 40)),
                or_blank(ctx, &short(&q.answer, 40)),
            ],
        );
    }
    out::line(&t)
}

pub fn stories(ctx: &Ctx, a: &Args) -> Result<()> {
    let v = views::stories(&ctx.workspace()?);
    if a.json {
        return print_json(&v);
    }
    let mut t = table(vec![
        ctx.t("col-id", &[]),
        ctx.t("col-title", &[]),
        ctx.t("col-parts", &[]),
        ctx.t("col-principles", &[]),
        ctx.t("col-source", &[]),
    ]);
    for s in &v {
        let mark = |p: &str| if p.trim().is_empty() { "·" } else { "✓" };
        crate::table::add(
            &mut t,
            vec![
                s.id.clone(),
                or_blank(ctx, &short(&s.title, 40)),
                format!(
                    "{} {} {} {}",
                    mark(&s.situation),
                    mark(&s.task),
                    mark(&s.action),
                    mark(&s.result)
                ),
                s.principles.join(", "),
                format!(
                    "{}:{}",
                    std::path::Path::new(&s.source.path)
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    s.source.line
                ),
            ],
        );
    }
    out::line(&t)
}

pub fn principles(ctx: &Ctx, a: &Args) -> Result<()> {
    let v = views::principles(&ctx.workspace()?, &Framework::amazon(), ctx.lang);
    if a.json {
        return print_json(&v);
    }
    let mut t = table(vec![
        ctx.t("col-id", &[]),
        ctx.t("col-name", &[]),
        ctx.t("col-builtin", &[]),
        ctx.t("col-stories", &[]),
    ]);
    for p in &v {
        let name = match ctx.lang {
            loopcoach_core::Lang::Ko if !p.name_ko.is_empty() => {
                format!("{} ({})", p.name, p.name_ko)
            }
            _ => p.name.clone(),
        };
        crate::table::add(
            &mut t,
            vec![
                p.id.clone(),
                name,
                p.builtin.clone().unwrap_or_default(),
                p.stories.len().to_string(),
            ],
        );
    }
    out::line(&t)
}
