//! OAuth labs: an authorization-code + PKCE flow captured as HTTP (`exchange.http`), the
//! client's registration (`client.json`) and the authorization server's policy
//! (`authorization-server.json`: code lifetime, scopes, resource servers, JWKS).
//!
//! The responses in the capture are not written by hand: a small authorization server
//! ([`Server`]) applies RFC 6749 / RFC 7636 / RFC 8707 rules to the requests the client made
//! (exact redirect_uri match, registered scopes, S256 PKCE with SHA-256, one-time codes with a
//! lifetime, audience-bound access tokens signed by jsonwebtoken), and the API checks the
//! token's audience with jsonwebtoken. [`diagnose`] re-reads the requests and replays them.

use std::collections::BTreeMap;

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand_core::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use url::Url;

use crate::common::{
    Built, LabInfo, ORGS, Spec, b64url, bad, build_err, file, json_pretty, pick, range, text,
};
use crate::{LabError, LabFile};

pub(crate) const FAULTS: &[&str] = &[
    "oauth/redirect-uri-mismatch",
    "oauth/pkce-mismatch",
    "oauth/invalid-scope",
    "oauth/code-reused",
    "oauth/code-expired",
    "oauth/wrong-resource",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Client {
    client_id: String,
    client_name: String,
    redirect_uris: Vec<String>,
    grant_types: Vec<String>,
    response_types: Vec<String>,
    token_endpoint_auth_method: String,
    scope: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct AuthServer {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    code_lifetime_seconds: i64,
    code_challenge_methods_supported: Vec<String>,
    resource_servers: Vec<String>,
    jwks: JwkSet,
}

#[derive(Debug, Clone, PartialEq)]
struct Req {
    method: String,
    url: Url,
    date: i64,
    headers: Vec<(String, String)>,
    form: Vec<(String, String)>,
}

impl Req {
    fn param(&self, key: &str) -> Option<String> {
        self.url
            .query_pairs()
            .chain(
                self.form
                    .iter()
                    .map(|(k, v)| (k.as_str().into(), v.as_str().into())),
            )
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.to_string())
    }
}

#[derive(Debug, Clone)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

fn http_date(t: i64) -> String {
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&fmt).ok())
        .unwrap_or_default()
}

fn parse_http_date(s: &str) -> Option<i64> {
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(s.trim(), &fmt)
        .ok()
        .map(|p| p.assume_utc().unix_timestamp())
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn oauth_error(status: u16, error: &str, desc: &str) -> Resp {
    let body = serde_json::json!({ "error": error, "error_description": desc }).to_string();
    Resp {
        status,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Cache-Control".into(), "no-store".into()),
        ],
        body,
    }
}

fn redirect(location: &Url) -> Resp {
    Resp {
        status: 302,
        headers: vec![("Location".into(), location.to_string())],
        body: String::new(),
    }
}

/// The authorization server and the API, applying the rules to each request in turn.
struct Server<'a> {
    client: &'a Client,
    policy: &'a AuthServer,
    api: String,
    signing_key: Option<&'a [u8]>,
    codes: BTreeMap<String, (i64, String, Option<String>, String, bool)>,
    next_code: String,
    found: Vec<&'static str>,
}

impl Server<'_> {
    fn handle(&mut self, req: &Req) -> Resp {
        match req.url.path() {
            "/oauth2/authorize" => self.authorize(req),
            "/oauth2/token" => self.token(req),
            _ => self.api_call(req),
        }
    }

    fn authorize(&mut self, req: &Req) -> Resp {
        let redirect_uri = req.param("redirect_uri").unwrap_or_default();
        if !self.client.redirect_uris.contains(&redirect_uri) {
            self.found.push("oauth/redirect-uri-mismatch");
            return oauth_error(
                400,
                "invalid_request",
                "redirect_uri does not match a registered redirect URI",
            );
        }
        let Ok(mut back) = Url::parse(&redirect_uri) else {
            return oauth_error(400, "invalid_request", "malformed redirect_uri");
        };
        let state = req.param("state").unwrap_or_default();
        let allowed: Vec<&str> = self.client.scope.split_whitespace().collect();
        let scope = req.param("scope").unwrap_or_default();
        if scope.split_whitespace().any(|s| !allowed.contains(&s)) {
            self.found.push("oauth/invalid-scope");
            back.query_pairs_mut()
                .append_pair("error", "invalid_scope")
                .append_pair(
                    "error_description",
                    "requested scope is not allowed for this client",
                )
                .append_pair("state", &state);
            return redirect(&back);
        }
        let challenge = req.param("code_challenge").unwrap_or_default();
        let code = self.next_code.clone();
        self.codes.insert(
            code.clone(),
            (
                req.date,
                challenge,
                req.param("resource"),
                redirect_uri,
                false,
            ),
        );
        back.query_pairs_mut()
            .append_pair("code", &code)
            .append_pair("state", &state);
        redirect(&back)
    }

    fn token(&mut self, req: &Req) -> Resp {
        let code = req.param("code").unwrap_or_default();
        let Some((issued, challenge, _, redirect_uri, used)) = self.codes.get(&code).cloned()
        else {
            return oauth_error(400, "invalid_grant", "unknown authorization code");
        };
        if used {
            self.found.push("oauth/code-reused");
            return oauth_error(
                400,
                "invalid_grant",
                "authorization code has already been used",
            );
        }
        if let Some(entry) = self.codes.get_mut(&code) {
            entry.4 = true;
        }
        if req.date - issued > self.policy.code_lifetime_seconds {
            self.found.push("oauth/code-expired");
            return oauth_error(400, "invalid_grant", "authorization code has expired");
        }
        if req.param("redirect_uri").as_deref() != Some(redirect_uri.as_str()) {
            return oauth_error(
                400,
                "invalid_grant",
                "redirect_uri does not match the authorization request",
            );
        }
        let verifier = req.param("code_verifier").unwrap_or_default();
        if b64url(&Sha256::digest(verifier.as_bytes())) != challenge {
            self.found.push("oauth/pkce-mismatch");
            return oauth_error(400, "invalid_grant", "PKCE verification failed");
        }
        let resource = req.param("resource").unwrap_or_else(|| self.api.clone());
        let claims = serde_json::json!({
            "iss": self.policy.issuer, "sub": "user-20417", "aud": resource,
            "client_id": self.client.client_id, "scope": req.param("scope").unwrap_or_default(),
            "iat": req.date, "exp": req.date + 3600,
        });
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = self
            .policy
            .jwks
            .keys
            .first()
            .and_then(|k| k.common.key_id.clone());
        let token = match self.signing_key {
            Some(der) => jsonwebtoken::encode(&header, &claims, &EncodingKey::from_ed_der(der))
                .unwrap_or_default(),
            None => String::new(),
        };
        let body = serde_json::json!({ "access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": req.param("scope").unwrap_or_default() });
        Resp {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("Cache-Control".into(), "no-store".into()),
            ],
            body: serde_json::to_string_pretty(&body).unwrap_or_default(),
        }
    }

    fn api_call(&mut self, req: &Req) -> Resp {
        let token = req
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .and_then(|(_, v)| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        let ok = self
            .policy
            .jwks
            .keys
            .first()
            .and_then(|jwk| DecodingKey::from_jwk(jwk).ok())
            .is_some_and(|key| {
                let mut v = Validation::new(Algorithm::EdDSA);
                v.validate_exp = false;
                v.set_audience(&[&self.api]);
                v.set_issuer(&[&self.policy.issuer]);
                jsonwebtoken::decode::<serde_json::Value>(token, &key, &v).is_ok()
            });
        if ok {
            Resp {
                status: 200,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: "{\"orders\":[]}".into(),
            }
        } else {
            self.found.push("oauth/wrong-resource");
            let hdr = format!(
                "Bearer realm=\"{}\", error=\"invalid_token\", error_description=\"the access token audience is not this resource\"",
                self.api
            );
            Resp {
                status: 401,
                headers: vec![("WWW-Authenticate".into(), hdr)],
                body: String::new(),
            }
        }
    }
}

fn render_exchange(steps: &[(Req, Resp)]) -> String {
    let mut out = String::new();
    for (i, (req, resp)) in steps.iter().enumerate() {
        let target = match req.url.query() {
            Some(q) => format!("{}?{q}", req.url.path()),
            None => req.url.path().to_string(),
        };
        out.push_str(&format!(
            "### {}\n{} {target} HTTP/1.1\nHost: {}\nDate: {}\n",
            i + 1,
            req.method,
            req.url.host_str().unwrap_or(""),
            http_date(req.date)
        ));
        for (k, v) in &req.headers {
            out.push_str(&format!("{k}: {v}\n"));
        }
        if !req.form.is_empty() {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&req.form)
                .finish();
            out.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\n\n{body}\n"
            ));
        }
        let reason = match resp.status {
            200 => "OK",
            302 => "Found",
            400 => "Bad Request",
            401 => "Unauthorized",
            _ => "",
        };
        out.push_str(&format!(
            "\nHTTP/1.1 {} {reason}\nDate: {}\n",
            resp.status,
            http_date(req.date)
        ));
        for (k, v) in &resp.headers {
            out.push_str(&format!("{k}: {v}\n"));
        }
        if !resp.body.is_empty() {
            out.push_str(&format!("\n{}\n", resp.body));
        }
        out.push('\n');
    }
    out
}

fn parse_exchange(raw: &str) -> Result<Vec<Req>, LabError> {
    let mut reqs = Vec::new();
    for block in raw.split("### ").filter(|b| !b.trim().is_empty()) {
        let mut lines = block.lines().skip(1);
        let first = lines.next().unwrap_or_default();
        let mut parts = first.split_whitespace();
        let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
            continue;
        };
        let mut headers = Vec::new();
        let mut host = String::new();
        let mut date = 0;
        let mut body = None;
        let mut in_body = false;
        for line in lines {
            if line.starts_with("HTTP/1.1 ") {
                break;
            }
            if in_body {
                if !line.is_empty() {
                    body = Some(line.to_string());
                }
                continue;
            }
            if line.is_empty() {
                in_body = true;
                continue;
            }
            if let Some((k, v)) = line.split_once(": ") {
                match k {
                    "Host" => host = v.to_string(),
                    "Date" => date = parse_http_date(v).unwrap_or(0),
                    "Content-Type" => {}
                    _ => headers.push((k.to_string(), v.to_string())),
                }
            }
        }
        let url = Url::parse(&format!("https://{host}{target}"))
            .map_err(|e| bad("exchange.http")(e.to_string()))?;
        let form = body
            .map(|b| {
                url::form_urlencoded::parse(b.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        reqs.push(Req {
            method: method.to_string(),
            url,
            date,
            headers,
            form,
        });
    }
    Ok(reqs)
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    crate::jwt_crypto::install();
    let mut r = spec.rng("names");
    let org = *pick(&mut r, ORGS);
    let as_host = format!("login.{org}.example");
    let issuer = format!("https://{as_host}");
    let app_host = format!("app.{org}.example");
    let api = format!("https://api.{org}.example");
    let other_api = format!("https://admin-api.{org}.example");
    let client_id = format!("{org}-web-{}", range(&mut r, 100, 999));
    let mut bytes = [0u8; 32];
    r.fill_bytes(&mut bytes);
    let verifier = b64url(&bytes);
    r.fill_bytes(&mut bytes);
    let wrong_verifier = b64url(&bytes);
    let mut st = [0u8; 12];
    r.fill_bytes(&mut st);
    let state = b64url(&st);
    r.fill_bytes(&mut st);
    let code = b64url(&st);
    let delay = range(&mut r, 2, 9);
    let late = range(&mut r, 180, 900);
    let key = spec.ed25519("as-signing")?;
    let kid = format!("{org}-as-1");

    let registered = format!("https://{app_host}/auth/callback");
    let client = Client {
        client_id: client_id.clone(),
        client_name: format!("{org} web"),
        redirect_uris: vec![registered.clone()],
        grant_types: vec!["authorization_code".into(), "refresh_token".into()],
        response_types: vec!["code".into()],
        token_endpoint_auth_method: "none".into(),
        scope: "openid profile orders:read orders:write".into(),
    };
    let policy = AuthServer {
        issuer: issuer.clone(),
        authorization_endpoint: format!("{issuer}/oauth2/authorize"),
        token_endpoint: format!("{issuer}/oauth2/token"),
        code_lifetime_seconds: 60,
        code_challenge_methods_supported: vec!["S256".into()],
        resource_servers: vec![api.clone(), other_api.clone()],
        jwks: JwkSet {
            keys: vec![crate::jwt::ed_jwk(&kid, &key.public)],
        },
    };
    let redirect_uri = if spec.has("oauth/redirect-uri-mismatch") {
        if spec.difficulty >= 2 {
            format!("{registered}/")
        } else {
            format!("http://{app_host}/auth/callback")
        }
    } else {
        registered.clone()
    };
    let scope = if spec.has("oauth/invalid-scope") {
        "openid profile orders:read orders:admin"
    } else {
        "openid profile orders:read"
    };
    let challenge = b64url(&Sha256::digest(verifier.as_bytes()));
    let resource = if spec.has("oauth/wrong-resource") {
        other_api.clone()
    } else {
        api.clone()
    };
    let t0 = spec.now_unix() - 30 - late - delay;
    let mut auth_url = Url::parse(&policy.authorization_endpoint)
        .map_err(|e| build_err("a URL")(e.to_string()))?;
    auth_url
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &client_id)
        .append_pair("redirect_uri", &redirect_uri)
        .append_pair("scope", scope)
        .append_pair("state", &state)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("resource", &resource);
    let token_url =
        Url::parse(&policy.token_endpoint).map_err(|e| build_err("a URL")(e.to_string()))?;
    let token_at = if spec.has("oauth/code-expired") {
        t0 + late
    } else {
        t0 + delay
    };
    let sent_verifier = if spec.has("oauth/pkce-mismatch") {
        wrong_verifier
    } else {
        verifier
    };
    let token_req = Req {
        method: "POST".into(),
        url: token_url,
        date: token_at,
        headers: vec![("Accept".into(), "application/json".into())],
        form: form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect_uri),
            ("client_id", &client_id),
            ("code_verifier", &sent_verifier),
            ("resource", &resource),
        ]),
    };
    let mut server = Server {
        client: &client,
        policy: &policy,
        api: api.clone(),
        signing_key: Some(&key.pkcs8),
        codes: BTreeMap::new(),
        next_code: code.clone(),
        found: Vec::new(),
    };
    let auth_req = Req {
        method: "GET".into(),
        url: auth_url,
        date: t0,
        headers: vec![("User-Agent".into(), "Mozilla/5.0".into())],
        form: Vec::new(),
    };
    let mut steps = Vec::new();
    let resp = server.handle(&auth_req);
    let proceed = resp.status == 302 && resp.headers.iter().any(|(_, v)| v.contains("code="));
    steps.push((auth_req, resp));
    if proceed {
        let mut reqs = vec![token_req.clone()];
        if spec.has("oauth/code-reused") {
            let mut retry = token_req.clone();
            retry.date += 1;
            reqs.push(retry);
        }
        for req in reqs {
            let resp = server.handle(&req);
            let token = serde_json::from_str::<serde_json::Value>(&resp.body)
                .ok()
                .and_then(|v| v["access_token"].as_str().map(String::from));
            steps.push((req.clone(), resp));
            if let Some(token) = token {
                if spec.has("oauth/code-reused") {
                    continue;
                }
                let api_req = Req {
                    method: "GET".into(),
                    url: Url::parse(&format!("{api}/v1/orders"))
                        .map_err(|e| build_err("a URL")(e.to_string()))?,
                    date: req.date + 1,
                    headers: vec![("Authorization".into(), format!("Bearer {token}"))],
                    form: Vec::new(),
                };
                let resp = server.handle(&api_req);
                steps.push((api_req, resp));
            }
        }
    }
    let mut built = Built::default();
    built.file("exchange.http", render_exchange(&steps));
    built.file("client.json", json_pretty(&client)?);
    built.file("authorization-server.json", json_pretty(&policy)?);
    built.set_public("client_id", client_id);
    built.set_public("resource", api);
    built.set("issuer", issuer);
    built.set("org", org);
    Ok(built)
}

/// The validator: replay the captured requests against the rules.
pub(crate) fn diagnose(files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    crate::jwt_crypto::install();
    let client: Client = serde_json::from_slice(file(files, "client.json")?)
        .map_err(|e| bad("client.json")(e.to_string()))?;
    let policy: AuthServer = serde_json::from_slice(file(files, "authorization-server.json")?)
        .map_err(|e| bad("authorization-server.json")(e.to_string()))?;
    let raw = text(files, "exchange.http")?;
    let reqs = parse_exchange(raw)?;
    let first_code = raw
        .lines()
        .find_map(|l| l.strip_prefix("Location: "))
        .and_then(|loc| Url::parse(loc).ok())
        .and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "code")
                .map(|(_, v)| v.to_string())
        })
        .unwrap_or_default();
    let api = policy.resource_servers.first().cloned().unwrap_or_default();
    let mut server = Server {
        client: &client,
        policy: &policy,
        api,
        signing_key: None,
        codes: BTreeMap::new(),
        next_code: first_code,
        found: Vec::new(),
    };
    for req in &reqs {
        server.handle(req);
    }
    let mut found: Vec<String> = server.found.iter().map(|s| s.to_string()).collect();
    found.dedup();
    Ok(found)
}
