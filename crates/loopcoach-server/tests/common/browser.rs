//! A browser's worth of HTTP for the page tests: cookies kept by hand (each `Set-Cookie`
//! remembered, sent back as `Cookie`), no redirects followed, forms posted URL-encoded.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use super::agent_no_redirects;

/// One answer.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub set_cookies: Vec<String>,
    pub csp: Option<String>,
}

/// A browser: its cookie jar, and the base URL of the server it talks to.
#[derive(Debug, Clone)]
pub struct Browser {
    pub base: String,
    pub jar: BTreeMap<String, String>,
}

/// The value of the first `name="csrf" value="…"` in a page.
pub fn csrf_of(body: &str) -> Option<String> {
    let i = body.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &body[i..];
    Some(rest[..rest.find('"')?].to_owned())
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            jar: BTreeMap::new(),
        }
    }

    /// The same cookies, talking to another server copy.
    pub fn on(&self, base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            jar: self.jar.clone(),
        }
    }

    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, String)>,
    ) -> Resp {
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if !self.jar.is_empty() {
            let c: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header("Cookie", c.join("; "));
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let a = agent_no_redirects();
        let resp = match body {
            Some((ty, b)) => a.run(req.header("Content-Type", ty).body(b).expect("request")),
            None => a.run(req.body(()).expect("request")),
        };
        let mut resp = resp.expect("transport");
        let h = |n: &str| {
            resp.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (location, retry_after, csp) = (
            h("location"),
            h("retry-after"),
            h("content-security-policy"),
        );
        let set_cookies: Vec<String> = resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        for sc in &set_cookies {
            let kv = sc.split(';').next().unwrap_or("");
            if let Some((k, v)) = kv.split_once('=') {
                if v.is_empty() || sc.contains("Max-Age=0") {
                    self.jar.remove(k);
                } else {
                    self.jar.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        Resp {
            status,
            body,
            location,
            retry_after,
            set_cookies,
            csp,
        }
    }

    pub fn get(&mut self, path: &str) -> Resp {
        self.request("GET", path, &[], None)
    }

    /// A URL-encoded form.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(
            "POST",
            path,
            &[],
            Some(("application/x-www-form-urlencoded", body)),
        )
    }

    /// The CSRF token the page at `path` carries in its forms.
    pub fn csrf(&mut self, path: &str) -> String {
        let r = self.get(path);
        csrf_of(&r.body).unwrap_or_else(|| panic!("no csrf field on {path}: {}", r.status))
    }

    /// Sign in through the form; the answer to the POST.
    pub fn sign_in(&mut self, email: &str, password: &str) -> Resp {
        let csrf = self.csrf("/login");
        self.post(
            "/login",
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
    }
}
