//! The API's client, as `loopcoach push` and `pull` use it: blocking HTTP (ureq, rustls),
//! the same JSON types the server answers with, and the server's own error message when a
//! request is refused.

use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::model::{CommentView, GroupView, NewComment, NewShare, ShareView};

/// A request that did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error status (its JSON error's code and message).
    #[error("{url}: {status} {message}")]
    Status {
        url: String,
        status: u16,
        code: String,
        message: String,
    },
    /// The server could not be reached, or the connection broke.
    #[error("{url}: {message}")]
    Transport { url: String, message: String },
    /// The answer was not the JSON expected.
    #[error("{url}: unexpected answer: {message}")]
    Decode { url: String, message: String },
}

/// The answer to a share.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Shared {
    pub id: i64,
    pub created: bool,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: String,
    message: String,
}

/// A connection to one server with one token.
#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    token: String,
    agent: ureq::Agent,
}

impl Client {
    /// `base` is the server's address (`https://study.example.com`), with or without a
    /// trailing slash.
    pub fn new(base: &str, token: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent();
        Client {
            base: base.trim_end_matches('/').to_owned(),
            token: token.trim().to_owned(),
            agent,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn finish<T: DeserializeOwned>(
        url: String,
        r: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, ClientError> {
        let mut resp = r.map_err(|e| ClientError::Transport {
            url: url.clone(),
            message: e.to_string(),
        })?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| ClientError::Transport {
                url: url.clone(),
                message: e.to_string(),
            })?;
        if !(200..300).contains(&status) {
            let (code, message) = match serde_json::from_str::<ErrorBody>(&text) {
                Ok(b) => (b.error.code, b.error.message),
                Err(_) => (String::new(), text.chars().take(200).collect()),
            };
            return Err(ClientError::Status {
                url,
                status,
                code,
                message,
            });
        }
        serde_json::from_str(&text).map_err(|e| ClientError::Decode {
            url,
            message: e.to_string(),
        })
    }

    fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        let url = self.url(path);
        let r = self
            .agent
            .get(&url)
            .header("Authorization", format!("Bearer {}", self.token))
            .call();
        Self::finish(url, r)
    }

    fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<T, ClientError> {
        let url = self.url(path);
        let r = self
            .agent
            .post(&url)
            .header("Authorization", format!("Bearer {}", self.token))
            .send_json(body);
        Self::finish(url, r)
    }

    /// The caller's groups.
    pub fn groups(&self) -> Result<Vec<GroupView>, ClientError> {
        self.get("/api/groups")
    }

    /// Share (or re-share) a story in `group`.
    pub fn share(&self, group: i64, share: &NewShare) -> Result<Shared, ClientError> {
        self.post(&format!("/api/groups/{group}/shares"), share)
    }

    /// The stories shared in `group`.
    pub fn shares(&self, group: i64) -> Result<Vec<ShareView>, ClientError> {
        self.get(&format!("/api/groups/{group}/shares"))
    }

    /// The comments on a share.
    pub fn comments(&self, share: i64) -> Result<Vec<CommentView>, ClientError> {
        self.get(&format!("/api/shares/{share}/comments"))
    }

    /// Comment on a share.
    pub fn comment(&self, share: i64, c: &NewComment) -> Result<CommentView, ClientError> {
        self.post(&format!("/api/shares/{share}/comments"), c)
    }
}
