//! `loopcoach server`: run the study-group server on PostgreSQL, or administer it
//! (`server admin create-user|create-group|add-member|token|invite|tokens|revoke-token`). The work is in
//! `loopcoach-server`; this is the edge that parses, connects and prints.

use std::io::Read;

use anyhow::{Context, Result};
use loopcoach_server::admin::{self, AdminError};
use loopcoach_server::model::Role;
use loopcoach_server::{AppState, PoolConfig, Postgres};

use crate::ctx::Ctx;
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// PostgreSQL URL, e.g. `postgres://user:pass@host/db` [env: LOOPCOACH_SERVER_DATABASE]
    #[arg(
        long,
        env = "LOOPCOACH_SERVER_DATABASE",
        value_name = "URL",
        hide_env = true
    )]
    pub database: String,
    /// Address to listen on
    #[arg(long, value_name = "HOST:PORT", default_value = "0.0.0.0:8080")]
    pub addr: String,
    /// The address members reach the server at (for links the server writes; https makes
    /// its cookies Secure) [env: LOOPCOACH_SERVER_BASE_URL]
    #[arg(
        long,
        value_name = "URL",
        env = "LOOPCOACH_SERVER_BASE_URL",
        hide_env = true
    )]
    pub base_url: Option<String>,
    /// Most database connections this process holds
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub pool: u32,
    #[command(subcommand)]
    pub command: Option<ServerCommand>,
}

#[derive(Debug, clap::Subcommand)]
pub enum ServerCommand {
    /// Accounts, groups, memberships and tokens
    Admin(AdminArgs),
}

#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub action: AdminAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum AdminAction {
    /// Create an account (the password is read from stdin)
    CreateUser {
        email: String,
        /// Read the password from the first line of stdin
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create a group; prints its id
    CreateGroup {
        name: String,
        /// The owner's email (an existing account)
        #[arg(long, value_name = "EMAIL")]
        owner: String,
    },
    /// Add an account to a group, or change its role
    AddMember {
        /// The group id (`create-group` printed it)
        group: String,
        email: String,
        /// coach | member
        #[arg(long, value_parser = parse_role, default_value = "member")]
        role: Role,
    },
    /// Make a personal API token for an account; prints it (shown once)
    Token { email: String },
    /// Make a one-time invitation link to a group (valid 7 days); prints it
    Invite {
        /// The group id
        group: String,
        /// coach | member
        #[arg(long, value_parser = parse_role, default_value = "member")]
        role: Role,
    },
    /// List an account's API tokens: id, created, last used, revoked
    Tokens { email: String },
    /// Revoke an API token by its id (`tokens` lists them)
    RevokeToken { id: String },
}

fn parse_role(s: &str) -> std::result::Result<Role, String> {
    match Role::parse(s) {
        Some(r @ (Role::Coach | Role::Member)) => Ok(r),
        _ => Err(format!("unknown role '{s}' (coach|member)")),
    }
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(async {
        let cfg = PoolConfig {
            max_connections: a.pool,
            ..PoolConfig::default()
        };
        let db = Postgres::connect(&a.database, &cfg).await.map_err(|e| {
            anyhow::anyhow!(ctx.t(
                "server-db-unreachable",
                &[
                    ("url", redact(&a.database).into()),
                    ("detail", e.to_string().into())
                ]
            ))
        })?;
        match &a.command {
            None => serve(ctx, a, db).await,
            Some(ServerCommand::Admin(adm)) => {
                admin_cmd(ctx, &db, a.base_url.as_deref(), &adm.action).await
            }
        }
    })
}

async fn serve(ctx: &Ctx, a: &Args, db: Postgres) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(&a.addr).await.map_err(|e| {
        anyhow::anyhow!(ctx.t(
            "server-cannot-listen",
            &[
                ("addr", a.addr.as_str().into()),
                ("detail", e.to_string().into())
            ]
        ))
    })?;
    let local = listener.local_addr()?;
    let base_url = a
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    eprintln!(
        "{}",
        ctx.t(
            "server-listening",
            &[
                ("addr", local.to_string().into()),
                ("url", base_url.as_str().into())
            ]
        )
    );
    let app = loopcoach_server::router(AppState { db, base_url });
    loopcoach_server::serve(listener, app, loopcoach_server::shutdown_signal()).await?;
    Ok(())
}

async fn admin_cmd(
    ctx: &Ctx,
    db: &Postgres,
    base_url: Option<&str>,
    action: &AdminAction,
) -> Result<()> {
    let fail = |e: AdminError| anyhow::anyhow!(admin_error(ctx, &e));
    match action {
        AdminAction::CreateUser {
            email,
            password_stdin,
        } => {
            if !password_stdin {
                anyhow::bail!(ctx.t("server-need-password-stdin", &[]));
            }
            let mut input = String::new();
            std::io::stdin()
                .take(64 * 1024)
                .read_to_string(&mut input)
                .with_context(|| ctx.t("server-need-password-stdin", &[]))?;
            let password = input.lines().next().unwrap_or("");
            let id = admin::create_user(db, email, password)
                .await
                .map_err(fail)?;
            eprintln!(
                "{}",
                ctx.t("server-user-created", &[("email", email.trim().into())])
            );
            out::line(id)
        }
        AdminAction::CreateGroup { name, owner } => {
            let id = admin::create_group(db, name, owner).await.map_err(fail)?;
            eprintln!(
                "{}",
                ctx.t(
                    "server-group-created",
                    &[("name", name.trim().into()), ("id", id.to_string().into())]
                )
            );
            // The id alone on the last line of stdout, for scripts.
            out::line(id)
        }
        AdminAction::AddMember { group, email, role } => {
            admin::add_member(db, group, email, *role)
                .await
                .map_err(fail)?;
            out::line(ctx.t(
                "server-member-added",
                &[
                    ("email", email.trim().into()),
                    ("group", group.trim().into()),
                    ("role", role.as_str().into()),
                ],
            ))
        }
        AdminAction::Token { email } => {
            let token = admin::token(db, email).await.map_err(fail)?;
            eprintln!(
                "{}",
                ctx.t("server-token-note", &[("email", email.trim().into())])
            );
            out::line(token)
        }
        AdminAction::Invite { group, role } => {
            let Some(base) = base_url else {
                anyhow::bail!(ctx.t("server-need-base-url", &[]));
            };
            let created = admin::invite(db, base, group, *role).await.map_err(fail)?;
            eprintln!(
                "{}",
                ctx.t(
                    "server-invite-made",
                    &[
                        ("group", group.trim().into()),
                        ("role", role.as_str().into()),
                        ("expires", created.expires_at.as_str().into()),
                    ]
                )
            );
            // The link alone on the last line of stdout, for scripts.
            out::line(created.link)
        }
        AdminAction::Tokens { email } => {
            let list = admin::tokens(db, email).await.map_err(fail)?;
            if list.is_empty() {
                eprintln!(
                    "{}",
                    ctx.t("server-no-tokens", &[("email", email.trim().into())])
                );
            }
            out::line(ctx.t("server-tokens-header", &[]))?;
            for t in list {
                out::line(format!(
                    "{}\t{}\t{}\t{}",
                    t.id,
                    t.created_at,
                    t.last_used_at.as_deref().unwrap_or("-"),
                    t.revoked_at.as_deref().unwrap_or("-")
                ))?;
            }
            Ok(())
        }
        AdminAction::RevokeToken { id } => {
            admin::revoke_token(db, id).await.map_err(fail)?;
            out::line(ctx.t("server-token-revoked", &[("id", id.trim().into())]))
        }
    }
}

/// An admin command's error in the user's language.
fn admin_error(ctx: &Ctx, e: &AdminError) -> String {
    match e {
        AdminError::NoUser(email) => ctx.t("server-no-user", &[("email", email.as_str().into())]),
        AdminError::NoGroup(g) => ctx.t("server-no-group", &[("group", g.as_str().into())]),
        AdminError::Invalid(i) => ctx.t(
            "server-invalid",
            &[
                ("field", i.field.as_str().into()),
                ("problem", i.problem.as_str().into()),
            ],
        ),
        AdminError::Db(loopcoach_server::DbError::Conflict(_)) => ctx.t("server-user-exists", &[]),
        AdminError::NoToken(id) => ctx.t("server-no-token", &[("id", id.as_str().into())]),
        other => ctx.t("server-db-error", &[("detail", other.to_string().into())]),
    }
}

/// A database URL with its password hidden, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_hides_only_the_password() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("postgres:///db"), "postgres:///db");
    }
}
