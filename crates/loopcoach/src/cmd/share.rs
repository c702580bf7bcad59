//! `loopcoach push` and `pull`: share chosen stories with a study-group server, and bring the
//! comments on them back beside the notes (`loopcoach comments` lists them with the notes
//! file and line each is about). The notes stay the source of truth: nothing is shared unless
//! named (`--stories`) or asked for (`--all`), and a comment never edits the notes.

use anyhow::Result;
use loopcoach_core::{Document, LinkKind, StarPart, Story};
use loopcoach_server::client::{Client, ClientError};
use loopcoach_server::model::{GroupView, NewShare, StoryBody};
use loopcoach_store::RemoteCommentRow;
use serde::Serialize;

use crate::ctx::{Ctx, print_json};
use crate::out;

#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// The group server's address, e.g. `https://study.example.com`
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// The group (its id or name); optional when you are in exactly one group
    #[arg(long, value_name = "G")]
    pub group: Option<String>,
    /// The stories to share (ids from `loopcoach stories`), comma-separated
    #[arg(
        long,
        value_name = "ID,…",
        value_delimiter = ',',
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub stories: Vec<String>,
    /// Share every story in the workspace
    #[arg(long)]
    pub all: bool,
    /// Your personal API token [default: $LOOPCOACH_TOKEN]
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct PullArgs {
    /// The group server's address
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// The group (its id or name)
    #[arg(long, value_name = "G")]
    pub group: String,
    /// Your personal API token [default: $LOOPCOACH_TOKEN]
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CommentsArgs {
    /// Only the comments on this story
    pub story: Option<String>,
    /// Apply the suggested edit of this pulled comment to the notes (a `story set` splice)
    #[arg(long, value_name = "ID", conflicts_with = "story")]
    pub accept: Option<i64>,
    /// With --accept: the server the comment came from, when several have that id
    #[arg(long, value_name = "URL", requires = "accept")]
    pub server: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn token(ctx: &Ctx, flag: &Option<String>) -> Result<String> {
    flag.clone()
        .or_else(|| std::env::var("LOOPCOACH_TOKEN").ok())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| anyhow::anyhow!(ctx.t("share-no-token", &[])))
}

/// A client error in the user's language.
fn client_error(ctx: &Ctx, e: ClientError) -> anyhow::Error {
    let msg = match &e {
        ClientError::Status {
            status: 401, url, ..
        } => ctx.t("share-unauthorized", &[("url", url.as_str().into())]),
        ClientError::Status {
            status: 404, url, ..
        } => ctx.t("share-not-found", &[("url", url.as_str().into())]),
        ClientError::Status {
            url,
            status,
            message,
            ..
        } => ctx.t(
            "share-refused",
            &[
                ("url", url.as_str().into()),
                ("status", u32::from(*status).into()),
                ("message", message.as_str().into()),
            ],
        ),
        ClientError::Transport { url, message } | ClientError::Decode { url, message } => ctx.t(
            "share-unreachable",
            &[
                ("url", url.as_str().into()),
                ("detail", message.as_str().into()),
            ],
        ),
    };
    anyhow::anyhow!(msg)
}

/// The group named by `g` (an id or an exact name) among the caller's; with no name, the
/// caller's only group.
fn pick_group(ctx: &Ctx, groups: &[GroupView], g: Option<&str>) -> Result<GroupView> {
    let names = || {
        groups
            .iter()
            .map(|g| format!("{} ({})", g.id, g.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let found = match g.map(str::trim) {
        Some(g) => groups
            .iter()
            .find(|x| x.id.to_string() == g)
            .or_else(|| groups.iter().find(|x| x.name == g)),
        None if groups.len() == 1 => groups.first(),
        None => {
            anyhow::bail!(ctx.t("share-choose-group", &[("groups", names().into())]))
        }
    };
    found.cloned().ok_or_else(|| {
        anyhow::anyhow!(ctx.t(
            "share-no-group",
            &[
                ("group", g.unwrap_or("").into()),
                ("groups", names().into())
            ]
        ))
    })
}

/// A local story as it is shared: its title, parts, and the principles it stands under or
/// is tagged with (not the inferred ones, which are guesses).
pub fn story_body(s: &Story) -> StoryBody {
    let mut principles: Vec<String> = Vec::new();
    let explicit = s
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Explicit)
        .map(|l| l.principle.as_str());
    for p in explicit.chain(s.tags.iter().map(|t| t.as_str())) {
        if !principles.iter().any(|x| x == p) {
            principles.push(p.to_owned());
        }
    }
    StoryBody {
        title: s.title.to_string(),
        situation: s.part(StarPart::Situation).to_owned(),
        task: s.part(StarPart::Task).to_owned(),
        action: s.part(StarPart::Action).to_owned(),
        result: s.part(StarPart::Result).to_owned(),
        principles,
    }
}

#[derive(Debug, Serialize)]
struct PushedStory {
    story: String,
    title: String,
    share: i64,
    created: bool,
}

#[derive(Debug, Serialize)]
struct PushReport {
    server: String,
    group: i64,
    shares: Vec<PushedStory>,
}

pub fn push(ctx: &Ctx, a: &PushArgs) -> Result<()> {
    let token = token(ctx, &a.token)?;
    let docs = ctx.workspace()?;
    let all: Vec<&Story> = docs.iter().flat_map(|d| &d.stories).collect();
    // Every named story must exist before anything is sent.
    let chosen: Vec<&Story> = if a.all {
        all
    } else {
        let mut v = Vec::new();
        for id in a.stories.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            let s = all
                .iter()
                .find(|s| s.id == id)
                .ok_or_else(|| anyhow::anyhow!(ctx.t("error-no-story", &[("id", id.into())])))?;
            if !v.iter().any(|x: &&Story| x.id == s.id) {
                v.push(*s);
            }
        }
        v
    };
    if chosen.is_empty() {
        anyhow::bail!(ctx.t("share-nothing", &[]));
    }
    let client = Client::new(&a.server, &token);
    let groups = client.groups().map_err(|e| client_error(ctx, e))?;
    let group = pick_group(ctx, &groups, a.group.as_deref())?;
    let mut report = PushReport {
        server: a.server.clone(),
        group: group.id,
        shares: Vec::new(),
    };
    for s in chosen {
        let share = NewShare {
            story: story_body(s),
            local_id: Some(s.id.to_string()),
        };
        let done = client
            .share(group.id, &share)
            .map_err(|e| client_error(ctx, e))?;
        report.shares.push(PushedStory {
            story: s.id.to_string(),
            title: s.title.to_string(),
            share: done.id,
            created: done.created,
        });
    }
    if a.json {
        return print_json(&report);
    }
    for p in &report.shares {
        let key = if p.created {
            "share-pushed-new"
        } else {
            "share-pushed-updated"
        };
        out::line(ctx.t(
            key,
            &[
                ("story", p.story.as_str().into()),
                ("title", p.title.as_str().into()),
                ("share", p.share.to_string().into()),
            ],
        ))?;
    }
    out::line(ctx.t(
        "share-pushed-summary",
        &[
            ("count", report.shares.len().into()),
            ("group", group.name.as_str().into()),
        ],
    ))
}

/// A pulled comment placed beside the local story.
#[derive(Debug, Serialize)]
struct PlacedComment {
    story: String,
    title: Option<String>,
    path: Option<String>,
    line: Option<usize>,
    part: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<[i64; 2]>,
    author: String,
    text: String,
    created_at: String,
    server: String,
    share: i64,
    id: i64,
    /// A suggested edit: the replacement for `quote`; `accepted_at` once it is in the notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted_at: Option<String>,
}

fn place(docs: &[Document], c: &RemoteCommentRow) -> PlacedComment {
    let story = docs.iter().find_map(|d| d.story(&c.story_id));
    let line = story.map(|s| {
        StarPart::parse(&c.part)
            .filter(|_| c.part != "title")
            .and_then(|p| s.parts[p.index()].as_ref().map(|ps| ps.line))
            .unwrap_or(s.source.line)
    });
    PlacedComment {
        story: c.story_id.clone(),
        title: story.map(|s| s.title.to_string()),
        path: story.map(|s| s.source.path.to_string()),
        line,
        part: c.part.clone(),
        span: c.span.map(|(a, b)| [a, b]),
        author: c.author.clone(),
        text: c.body.clone(),
        created_at: c.created_at.clone(),
        server: c.server.clone(),
        share: c.share_id,
        id: c.remote_id,
        suggestion: c.suggestion.clone(),
        quote: c.quote.clone(),
        accepted_at: c.accepted_at.clone(),
    }
}

fn print_placed(ctx: &Ctx, placed: &[PlacedComment]) -> Result<()> {
    for p in placed {
        let place = match (&p.path, p.line) {
            (Some(path), Some(line)) => format!("{path}:{line}"),
            _ => ctx.t("share-story-gone", &[("story", p.story.as_str().into())]),
        };
        out::line(ctx.t(
            "share-comment-line",
            &[
                ("place", place.into()),
                ("title", p.title.clone().unwrap_or_default().into()),
                ("part", p.part.as_str().into()),
                ("author", p.author.as_str().into()),
                ("text", p.text.as_str().into()),
            ],
        ))?;
        if let (Some(s), Some(q)) = (&p.suggestion, &p.quote) {
            let key = if p.accepted_at.is_some() {
                "share-suggestion-accepted"
            } else {
                "share-suggestion"
            };
            out::line(ctx.t(
                key,
                &[
                    ("quote", q.as_str().into()),
                    ("suggestion", s.as_str().into()),
                    ("id", p.id.to_string().into()),
                ],
            ))?;
        }
    }
    Ok(())
}

#[derive(Debug, Serialize)]
struct PullReport {
    server: String,
    group: i64,
    shares: usize,
    new: usize,
    comments: Vec<PlacedComment>,
}

pub fn pull(ctx: &Ctx, a: &PullArgs) -> Result<()> {
    let token = token(ctx, &a.token)?;
    let client = Client::new(&a.server, &token);
    let groups = client.groups().map_err(|e| client_error(ctx, e))?;
    let group = pick_group(ctx, &groups, Some(&a.group))?;
    let shares = client.shares(group.id).map_err(|e| client_error(ctx, e))?;
    let mine: Vec<_> = shares
        .into_iter()
        .filter(|s| s.mine)
        .filter_map(|s| s.local_id.clone().map(|l| (s, l)))
        .collect();
    // Everything is fetched first, then stored in one transaction.
    let now = ctx.now_rfc3339();
    let mut rows = Vec::new();
    for (share, local) in &mine {
        for c in client
            .comments(share.id)
            .map_err(|e| client_error(ctx, e))?
        {
            rows.push(RemoteCommentRow {
                server: a.server.trim_end_matches('/').to_owned(),
                remote_id: c.id,
                group_id: group.id,
                share_id: share.id,
                story_id: local.clone(),
                part: c.part.as_str().to_owned(),
                span: c.span.map(|s| (i64::from(s.start), i64::from(s.end))),
                body: c.text,
                author: c.author,
                created_at: c.created_at,
                pulled_at: now.clone(),
                suggestion: c.suggestion,
                quote: c.quote,
                accepted_at: None,
            });
        }
    }
    let mut store = ctx.store()?;
    let new = store.transact(|tx| -> Result<usize> {
        let mut new = 0;
        for r in &rows {
            new += usize::from(tx.save_remote_comment(r)?);
        }
        Ok(new)
    })?;
    let docs = store.workspace()?;
    let report = PullReport {
        server: a.server.clone(),
        group: group.id,
        shares: mine.len(),
        new,
        comments: rows.iter().map(|r| place(&docs, r)).collect(),
    };
    if a.json {
        return print_json(&report);
    }
    print_placed(ctx, &report.comments)?;
    out::line(ctx.t(
        "share-pulled-summary",
        &[
            ("count", report.comments.len().into()),
            ("new", report.new.into()),
            ("shares", report.shares.into()),
            ("group", group.name.as_str().into()),
        ],
    ))
}

pub fn comments(ctx: &Ctx, a: &CommentsArgs) -> Result<()> {
    if let Some(id) = a.accept {
        return super::accept::accept(ctx, id, a.server.as_deref(), a.json);
    }
    let store = ctx.store()?;
    let docs = store.workspace()?;
    if let Some(id) = &a.story
        && !docs.iter().any(|d| d.story(id).is_some())
    {
        anyhow::bail!(ctx.t("error-no-story", &[("id", id.as_str().into())]));
    }
    let rows = store.remote_comments(a.story.as_deref())?;
    let placed: Vec<PlacedComment> = rows.iter().map(|r| place(&docs, r)).collect();
    if a.json {
        return print_json(&placed);
    }
    if placed.is_empty() {
        return out::line(ctx.t("share-no-comments", &[]));
    }
    print_placed(ctx, &placed)
}
