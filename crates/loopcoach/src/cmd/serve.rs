//! `loopcoach serve [--addr 127.0.0.1:7878] [--open] [--allow-remote] [--token T]`: the web UI
//! (crate `loopcoach-web`). Loopback only unless `--allow-remote`, which then requires an
//! access token on every request (generated and printed when not given).

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, Result};
use loopcoach_web::{AppState, LocalWorkspace};

use crate::ctx::Ctx;
use crate::out;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub addr: SocketAddr,
    /// Open the dashboard in the default browser
    #[arg(long)]
    pub open: bool,
    /// Listen on a non-loopback address (every request then needs the access token)
    #[arg(long)]
    pub allow_remote: bool,
    /// The access token for --allow-remote [default: a random one, printed]
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
}

pub fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    if !loopcoach_web::is_loopback(&a.addr) && !a.allow_remote {
        anyhow::bail!(ctx.t(
            "serve-error-remote",
            &[("addr", a.addr.to_string().as_str().into())]
        ));
    }
    if a.token.as_deref().is_some_and(|t| t.trim().len() < 8) {
        anyhow::bail!(ctx.t("serve-error-token", &[]));
    }
    let token = match (&a.token, a.allow_remote) {
        (Some(t), _) => Some(t.trim().to_string()),
        (None, true) => Some(loopcoach_web::new_access_token()?),
        (None, false) => None,
    };
    let backend = LocalWorkspace::open(&ctx.db)?;
    let state = AppState::new(Arc::new(backend), token.clone())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(a.addr)
            .await
            .with_context(|| ctx.t("serve-error-bind", &[("addr", a.addr.to_string().into())]))?;
        let local = listener.local_addr()?;
        let url = match &token {
            Some(t) => format!("http://{local}/?token={t}"),
            None => format!("http://{local}/"),
        };
        out::line(ctx.t("serve-listening", &[("url", url.as_str().into())]))?;
        if a.open {
            open_browser(ctx, &url);
        }
        loopcoach_web::serve(listener, state, loopcoach_server::shutdown_signal()).await?;
        anyhow::Ok(())
    })
}

/// Open `url` in the desktop's browser; a failure is a warning (the address is printed).
fn open_browser(ctx: &Ctx, url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("{}", ctx.t("serve-open-failed", &[("url", url.into())]));
    }
}
