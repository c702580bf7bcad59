//! `loopcoach comments --accept ID`: apply a reviewer's suggested edit, pulled from a study
//! group, to the notes. It is a `story set` splice (`SqliteStore::edit_story`): only the
//! suggested span changes in the notes file, and the suggestion is marked accepted in the same
//! transaction. The notes stay the source of truth: a suggestion whose text is no longer in
//! the story (edited since it was shared) is refused, never forced.

use anyhow::Result;
use loopcoach_core::StarPart;
use loopcoach_core::suggestion::{self, Conflict};
use loopcoach_store::{EditError, RemoteCommentRow, StoryEdit};
use serde::Serialize;

use crate::ctx::{Ctx, print_json};
use crate::out;

#[derive(Debug, Serialize)]
struct Accepted {
    id: i64,
    server: String,
    story: String,
    part: String,
    path: String,
    /// The part's text before and after.
    before: String,
    after: String,
}

/// The pulled comment `id` (of `server` when several servers have one with that id).
fn find(
    ctx: &Ctx,
    rows: Vec<RemoteCommentRow>,
    id: i64,
    server: Option<&str>,
) -> Result<RemoteCommentRow> {
    let server = server.map(|s| s.trim_end_matches('/'));
    let mut found: Vec<RemoteCommentRow> = rows
        .into_iter()
        .filter(|r| r.remote_id == id && server.is_none_or(|s| r.server == s))
        .collect();
    match found.len() {
        0 => anyhow::bail!(ctx.t("accept-no-comment", &[("id", id.to_string().into())])),
        1 => Ok(found.remove(0)),
        _ => anyhow::bail!(
            ctx.t(
                "accept-which-server",
                &[
                    ("id", id.to_string().into()),
                    (
                        "servers",
                        found
                            .iter()
                            .map(|r| r.server.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into()
                    )
                ]
            )
        ),
    }
}

pub fn accept(ctx: &Ctx, id: i64, server: Option<&str>, json: bool) -> Result<()> {
    let mut store = ctx.store()?;
    let c = find(ctx, store.remote_comments(None)?, id, server)?;
    let (Some(replacement), Some(quote)) = (&c.suggestion, &c.quote) else {
        anyhow::bail!(ctx.t("accept-not-a-suggestion", &[("id", id.to_string().into())]));
    };
    if c.accepted_at.is_some() {
        anyhow::bail!(ctx.t("accept-already", &[("id", id.to_string().into())]));
    }
    let Some(part) = StarPart::parse(&c.part).filter(|_| c.part != "title") else {
        anyhow::bail!(ctx.t("accept-not-a-suggestion", &[("id", id.to_string().into())]));
    };
    let Some((doc, _)) = store.document_of(&c.story_id)? else {
        anyhow::bail!(ctx.t("share-story-gone", &[("story", c.story_id.as_str().into())]));
    };
    let Some(story) = doc.story(&c.story_id) else {
        anyhow::bail!(ctx.t("share-story-gone", &[("story", c.story_id.as_str().into())]));
    };
    let before = story.part(part).to_string();
    let span = c.span.map(|(a, b)| {
        (
            usize::try_from(a).unwrap_or(0),
            usize::try_from(b).unwrap_or(0),
        )
    });
    let after = match suggestion::apply(&before, quote, span, replacement) {
        Ok(t) => t,
        Err(conflict) => {
            let key = match conflict {
                Conflict::Gone => "accept-conflict-gone",
                Conflict::Ambiguous(_) => "accept-conflict-ambiguous",
            };
            anyhow::bail!(ctx.t(
                key,
                &[
                    ("id", id.to_string().into()),
                    ("part", c.part.as_str().into()),
                    ("quote", quote.as_str().into()),
                    ("story", c.story_id.as_str().into()),
                ]
            ));
        }
    };
    let now = ctx.now_rfc3339();
    let parts = [(part, after.clone())];
    let edited = store
        .edit_story_then(
            &ctx.msg,
            &StoryEdit {
                id: &c.story_id,
                parts: &parts,
                write: true,
                base: None,
                now: &now,
            },
            |tx| tx.mark_suggestion_accepted(&c.server, c.remote_id, &now),
        )
        .map_err(EditError::into_anyhow)?;
    if json {
        return print_json(&Accepted {
            id,
            server: c.server.clone(),
            story: c.story_id.clone(),
            part: c.part.clone(),
            path: edited.path,
            before,
            after,
        });
    }
    out::line(ctx.t(
        "accept-done",
        &[
            ("author", c.author.as_str().into()),
            ("part", c.part.as_str().into()),
            ("title", edited.title.as_str().into()),
            ("id", c.story_id.as_str().into()),
            ("path", edited.path.as_str().into()),
        ],
    ))
}
