//! Shared by the server's integration tests: an in-process server (its own runtime, pool and
//! listener, like one server process) and a raw HTTP call helper.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod browser;

use std::time::Duration;

use loopcoach_server::model::Role;
use loopcoach_server::{AppState, PoolConfig, Postgres, admin};
use serde_json::{Value, json};

/// One server process's worth: its own runtime, pool and listener on a free port.
pub struct Server {
    pub rt: tokio::runtime::Runtime,
    pub db: Postgres,
    pub base: String,
}

impl Server {
    pub fn start(url: &str) -> Server {
        Server::start_at(url, None)
    }

    /// A server whose public address (`--base-url`) is `base_url` (default: its own).
    pub fn start_at(url: &str, base_url: Option<&str>) -> Server {
        let base_url = base_url.map(str::to_owned);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let (db, base) = rt.block_on(async {
            let db = Postgres::connect(url, &PoolConfig::default())
                .await
                .expect("connect and migrate");
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let base = format!("http://{}", listener.local_addr().expect("addr"));
            let app = loopcoach_server::router(AppState {
                db: db.clone(),
                base_url: base_url.unwrap_or_else(|| base.clone()),
            });
            tokio::spawn(loopcoach_server::serve(
                listener,
                app,
                std::future::pending::<()>(),
            ));
            (db, base)
        });
        Server { rt, db, base }
    }

    pub fn user(&self, email: &str) -> String {
        self.rt.block_on(async {
            admin::create_user(&self.db, email, "password-123456")
                .await
                .expect("create user");
            admin::token(&self.db, email).await.expect("token")
        })
    }

    /// Another token for an existing account.
    pub fn user_token(&self, email: &str) -> String {
        self.rt
            .block_on(admin::token(&self.db, email))
            .expect("token")
    }

    pub fn group(&self, name: &str, owner: &str) -> i64 {
        self.rt
            .block_on(admin::create_group(&self.db, name, owner))
            .expect("create group")
    }

    pub fn add(&self, group: i64, email: &str, role: Role) {
        self.rt
            .block_on(admin::add_member(&self.db, &group.to_string(), email, role))
            .expect("add member");
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> (u16, Value) {
        call(&self.base, method, path, token, body)
    }
}

/// An agent that does not follow redirects (pages answer forms with 303).
pub fn agent_no_redirects() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent()
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent()
}

/// A request with an optional bearer token and raw JSON body; the status and the JSON answer
/// (Null when the body is not JSON, which every test treats as a failure where it matters).
pub fn call(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> (u16, Value) {
    let url = format!("{base}{path}");
    let a = agent();
    let mut req = ureq::http::Request::builder().method(method).uri(&url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let resp = match body {
        Some(b) => a.run(
            req.header("Content-Type", "application/json")
                .body(b.to_owned())
                .expect("request"),
        ),
        None => a.run(req.body(()).expect("request")),
    };
    let mut resp = resp.expect("transport");
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

pub fn story(title: &str) -> String {
    json!({"story": {"title": title, "situation": "매일 새벽 타임아웃", "task": "원인 분석",
        "action": "슬로우 쿼리 로그 분석", "result": "p99 2.1s → 180ms", "principles": ["dive-deep", "Ownership"]}})
    .to_string()
}
