//! Docker labs: a Dockerfile, the commands the customer ran and what they printed. The
//! Dockerfile is a list of typed instructions rendered the way the Dockerfile reference
//! defines them (exec form is a JSON array, written with serde_json) and parsed back by the
//! same module, so the checks below judge structure, not text.
//!
//! The output is derived from the model: the build log from a BuildKit-style layer-cache
//! simulation (a source change invalidates the first COPY that includes it and every later
//! step), `docker ps` ports from the run flags, the stop time from the entrypoint form, `id`
//! from the final USER, `docker history` from ENV/ARG.

use rand_chacha::ChaCha20Rng;
use rand_core::RngCore;

use crate::common::{Built, LabInfo, Spec, b64url, bad, pick, range, text};
use crate::{LabError, LabFile};

pub(crate) const FAULTS: &[&str] = &[
    "docker/shell-form-entrypoint",
    "docker/expose-not-publish",
    "docker/cache-busting-layer-order",
    "docker/secret-in-image",
    "docker/runs-as-root",
];

const APPS: &[&str] = &["orders", "notify", "report", "billing", "profile"];

pub(crate) fn second_cause(primary: &str, rng: &mut ChaCha20Rng) -> Option<&'static str> {
    let others: Vec<&'static str> = FAULTS.iter().copied().filter(|c| *c != primary).collect();
    Some(*pick(rng, &others))
}

/// One Dockerfile instruction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Instr {
    From(String),
    Workdir(String),
    Copy(Vec<String>, String),
    Run(String),
    Env(String, String),
    Arg(String, Option<String>),
    Expose(u16),
    User(String),
    Entrypoint(Form),
}

/// Exec form (JSON array, no shell) or shell form (`/bin/sh -c`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Form {
    Exec(Vec<String>),
    Shell(String),
}

impl Form {
    fn render(&self) -> String {
        match self {
            Form::Exec(args) => serde_json::to_string(args).unwrap_or_default(),
            Form::Shell(s) => s.clone(),
        }
    }

    fn parse(s: &str) -> Form {
        if s.trim_start().starts_with('[')
            && let Ok(args) = serde_json::from_str::<Vec<String>>(s.trim())
        {
            return Form::Exec(args);
        }
        Form::Shell(s.trim().to_string())
    }
}

impl Instr {
    fn render(&self) -> String {
        match self {
            Instr::From(i) => format!("FROM {i}"),
            Instr::Workdir(d) => format!("WORKDIR {d}"),
            Instr::Copy(src, dst) => format!("COPY {} {dst}", src.join(" ")),
            Instr::Run(c) => format!("RUN {c}"),
            Instr::Env(k, v) => format!("ENV {k}={v}"),
            Instr::Arg(k, Some(v)) => format!("ARG {k}={v}"),
            Instr::Arg(k, None) => format!("ARG {k}"),
            Instr::Expose(p) => format!("EXPOSE {p}"),
            Instr::User(u) => format!("USER {u}"),
            Instr::Entrypoint(f) => format!("ENTRYPOINT {}", f.render()),
        }
    }
}

pub(crate) fn render(instrs: &[Instr]) -> String {
    let mut out = String::new();
    for i in instrs {
        out.push_str(&i.render());
        out.push('\n');
    }
    out
}

pub(crate) fn parse(text: &str) -> Vec<Instr> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let (op, rest) = line.split_once(' ').unwrap_or((line, ""));
            let rest = rest.trim();
            Some(match op.to_ascii_uppercase().as_str() {
                "FROM" => Instr::From(rest.to_string()),
                "WORKDIR" => Instr::Workdir(rest.to_string()),
                "COPY" => {
                    let mut parts: Vec<String> = rest
                        .split_whitespace()
                        .filter(|p| !p.starts_with("--"))
                        .map(String::from)
                        .collect();
                    let dst = parts.pop()?;
                    Instr::Copy(parts, dst)
                }
                "RUN" => Instr::Run(rest.to_string()),
                "ENV" => {
                    let (k, v) = rest.split_once('=').or_else(|| rest.split_once(' '))?;
                    Instr::Env(k.trim().to_string(), v.trim().to_string())
                }
                "ARG" => match rest.split_once('=') {
                    Some((k, v)) => Instr::Arg(k.to_string(), Some(v.to_string())),
                    None => Instr::Arg(rest.to_string(), None),
                },
                "EXPOSE" => Instr::Expose(rest.split('/').next()?.parse().ok()?),
                "USER" => Instr::User(rest.to_string()),
                "ENTRYPOINT" => Instr::Entrypoint(Form::parse(rest)),
                _ => return None,
            })
        })
        .collect()
}

fn is_dependency_install(cmd: &str) -> bool {
    [
        "npm ci",
        "npm install",
        "pip install",
        "yarn install",
        "go mod download",
    ]
    .iter()
    .any(|p| cmd.contains(p))
}

fn copies_everything(i: &Instr) -> bool {
    matches!(i, Instr::Copy(src, _) if src.iter().any(|s| s == "." || s == "./"))
}

fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    [
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "ACCESS_KEY",
        "API_KEY",
    ]
    .iter()
    .any(|w| n.contains(w))
}

fn has_credentials_in_url(v: &str) -> bool {
    v.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|authority| authority.contains('@') && authority.contains(':'))
}

/// The rules: what is wrong with this Dockerfile and run command.
pub(crate) fn check(instrs: &[Instr], run: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    let entry = instrs.iter().rev().find_map(|i| match i {
        Instr::Entrypoint(f) => Some(f),
        _ => None,
    });
    if matches!(entry, Some(Form::Shell(_))) {
        found.push("docker/shell-form-entrypoint");
    }
    let exposes = instrs.iter().any(|i| matches!(i, Instr::Expose(_)));
    let publishes = run
        .split_whitespace()
        .any(|w| w == "-p" || w == "-P" || w.starts_with("--publish") || w.starts_with("-p"));
    if exposes && run.contains("docker run") && !publishes {
        found.push("docker/expose-not-publish");
    }
    let first_full_copy = instrs.iter().position(copies_everything);
    let install = instrs
        .iter()
        .position(|i| matches!(i, Instr::Run(c) if is_dependency_install(c)));
    if let (Some(copy), Some(install)) = (first_full_copy, install)
        && copy < install
    {
        found.push("docker/cache-busting-layer-order");
    }
    if instrs.iter().any(|i| match i {
        Instr::Env(k, v) | Instr::Arg(k, Some(v)) => {
            (secret_name(k) && !v.is_empty()) || has_credentials_in_url(v)
        }
        _ => false,
    }) {
        found.push("docker/secret-in-image");
    }
    let user = instrs.iter().rev().find_map(|i| match i {
        Instr::User(u) => Some(u.as_str()),
        _ => None,
    });
    if matches!(user, None | Some("root") | Some("0") | Some("0:0")) {
        found.push("docker/runs-as-root");
    }
    found
}

struct Stack {
    base: &'static str,
    manifests: Vec<String>,
    install: &'static str,
    port: u16,
    user: &'static str,
    entry: Vec<String>,
    secret_env: &'static str,
}

fn stack(python: bool, app: &str) -> Stack {
    if python {
        Stack {
            base: "python:3.12-slim",
            manifests: vec!["requirements.txt".into()],
            install: "pip install --no-cache-dir -r requirements.txt",
            port: 8000,
            user: "10001",
            entry: [
                "gunicorn",
                "--bind",
                "0.0.0.0:8000",
                "--graceful-timeout",
                "20",
                "app:app",
            ]
            .map(String::from)
            .to_vec(),
            secret_env: "PIP_INDEX_URL",
        }
    } else {
        Stack {
            base: "node:22-bookworm-slim",
            manifests: vec!["package.json".into(), "package-lock.json".into()],
            install: "npm ci --omit=dev",
            port: 3000,
            user: "node",
            entry: vec!["node".into(), format!("{app}.js")],
            secret_env: "NPM_TOKEN",
        }
    }
}

pub(crate) fn build(spec: &Spec) -> Result<Built, LabError> {
    let mut r = spec.rng("names");
    let app = *pick(&mut r, APPS);
    let python = r.next_u32().is_multiple_of(2);
    let version = format!("1.{}.{}", range(&mut r, 2, 30), range(&mut r, 0, 9));
    let mut token = [0u8; 18];
    r.fill_bytes(&mut token);
    let s = stack(python, app);
    let image = format!("{app}:{version}");

    let mut d = vec![
        Instr::From(s.base.to_string()),
        Instr::Workdir("/app".into()),
    ];
    if python && !spec.has("docker/runs-as-root") {
        d.push(Instr::Run(
            "useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app".into(),
        ));
    }
    let secret_value = if python {
        format!(
            "https://deploy:{}@pypi.internal.example/simple",
            b64url(&token)
        )
    } else {
        format!("npm_{}", b64url(&token).replace(['-', '_'], "x"))
    };
    let install = if spec.has("docker/secret-in-image") {
        d.push(Instr::Env(s.secret_env.into(), secret_value.clone()));
        s.install.to_string()
    } else if spec.about("docker/secret-in-image") {
        let target = if python {
            "/root/.config/pip/pip.conf"
        } else {
            "/root/.npmrc"
        };
        format!(
            "--mount=type=secret,id=registry,target={target} {}",
            s.install
        )
    } else {
        s.install.to_string()
    };
    let full_copy = Instr::Copy(vec![".".into()], ".".into());
    if spec.has("docker/cache-busting-layer-order") {
        d.push(full_copy.clone());
        d.push(Instr::Run(install));
    } else {
        d.push(Instr::Copy(s.manifests.clone(), "./".into()));
        d.push(Instr::Run(install));
        d.push(full_copy);
    }
    if spec.difficulty >= 2 {
        d.push(Instr::Env("TZ".into(), "Asia/Seoul".into()));
    }
    d.push(Instr::Expose(s.port));
    if !spec.has("docker/runs-as-root") {
        d.push(Instr::User(s.user.into()));
    }
    d.push(Instr::Entrypoint(
        if spec.has("docker/shell-form-entrypoint") {
            Form::Shell(s.entry.join(" "))
        } else {
            Form::Exec(s.entry.clone())
        },
    ));

    let publish = if spec.has("docker/expose-not-publish") {
        String::new()
    } else {
        format!("-p {0}:{0} ", s.port)
    };
    let build_cmd = if spec.about("docker/secret-in-image") && !spec.has("docker/secret-in-image") {
        format!("docker build --secret id=registry,src=$HOME/.registry-credentials -t {image} .")
    } else {
        format!("docker build -t {image} .")
    };
    let run_cmd = format!("docker run -d --name {app} {publish}{image}");
    let script = format!("#!/bin/sh\nset -e\n{build_cmd}\n{run_cmd}\n");

    let found = check(&d, &run_cmd);
    let output = transcript(
        spec, &d, &s, app, &image, &build_cmd, &run_cmd, &found, &mut r,
    );

    let mut built = Built::default();
    built.file("Dockerfile", render(&d));
    built.file("run.sh", script);
    built.file("output.txt", output);
    built.set("app", app);
    built.set("image", image);
    built.set("port", s.port.to_string());
    Ok(built)
}

#[allow(clippy::too_many_arguments)]
fn transcript(
    spec: &Spec,
    d: &[Instr],
    s: &Stack,
    app: &str,
    image: &str,
    build_cmd: &str,
    run_cmd: &str,
    found: &[&str],
    r: &mut ChaCha20Rng,
) -> String {
    let mut out = String::new();
    // A rebuild after editing one source file: the cache simulation.
    let changed = if s.port == 8000 {
        "app.py"
    } else {
        "src/routes.js"
    };
    out.push_str(&format!(
        "$ vi {changed}   # one-line change\n$ {build_cmd}\n"
    ));
    // Only FROM, WORKDIR, COPY and RUN are build steps; the rest is image metadata.
    let steps: Vec<&Instr> = d
        .iter()
        .filter(|i| {
            matches!(
                i,
                Instr::From(_) | Instr::Workdir(_) | Instr::Copy(..) | Instr::Run(_)
            )
        })
        .collect();
    let n = steps.len();
    let mut invalid = false;
    for (k, i) in steps.into_iter().enumerate() {
        if matches!(i, Instr::From(_)) {
            out.push_str(&format!("#{} [{}/{n}] {}\n", k + 4, k + 1, i.render()));
            continue;
        }
        if copies_everything(i) {
            invalid = true;
        }
        let secs = match i {
            Instr::Run(c) if is_dependency_install(c) => range(r, 60, 140) as f64 + 0.4,
            Instr::Run(_) => 1.2,
            _ => 0.1,
        };
        if invalid {
            out.push_str(&format!(
                "#{} [{}/{n}] {}\n#{} DONE {secs:.1}s\n",
                k + 4,
                k + 1,
                i.render(),
                k + 4
            ));
        } else {
            out.push_str(&format!(
                "#{} [{}/{n}] {}\n#{} CACHED\n",
                k + 4,
                k + 1,
                i.render(),
                k + 4
            ));
        }
    }
    out.push_str(&format!(
        "#{} naming to docker.io/library/{image} done\n\n",
        n + 4
    ));
    let mut id = [0u8; 32];
    r.fill_bytes(&mut id);
    let cid: String = id.iter().map(|b| format!("{b:02x}")).collect();
    out.push_str(&format!(
        "$ {run_cmd}\n{cid}\n\n$ docker ps --filter name={app}\n"
    ));
    let ports = if found.contains(&"docker/expose-not-publish") {
        format!("{}/tcp", s.port)
    } else {
        format!("0.0.0.0:{0}->{0}/tcp", s.port)
    };
    out.push_str(&crate::k8s::render_table(&[
        ["CONTAINER ID", "IMAGE", "STATUS", "PORTS", "NAMES"]
            .map(String::from)
            .to_vec(),
        vec![
            cid[..12].to_string(),
            image.to_string(),
            "Up 2 minutes".into(),
            ports,
            app.to_string(),
        ],
    ]));
    out.push_str(&format!(
        "\n$ curl -sS -m 3 http://localhost:{}/healthz\n",
        s.port
    ));
    if found.contains(&"docker/expose-not-publish") {
        out.push_str(&format!("curl: (7) Failed to connect to localhost port {} after 0 ms: Couldn't connect to server\n", s.port));
    } else {
        out.push_str("{\"status\":\"ok\"}\n");
    }
    out.push_str(&format!("\n$ time docker stop {app}\n{app}\n"));
    if found.contains(&"docker/shell-form-entrypoint") {
        out.push_str("real\t0m10.31s\n\n$ docker inspect --format '{{.State.ExitCode}}' ");
        out.push_str(&format!("{app}\n137\n"));
    } else {
        out.push_str("real\t0m0.62s\n\n$ docker inspect --format '{{.State.ExitCode}}' ");
        out.push_str(&format!("{app}\n0\n"));
    }
    let user = d.iter().rev().find_map(|i| match i {
        Instr::User(u) => Some(u.clone()),
        _ => None,
    });
    out.push_str(&format!("\n$ docker run --rm --entrypoint id {image}\n"));
    out.push_str(&match user.as_deref() {
        None | Some("root") | Some("0") => "uid=0(root) gid=0(root) groups=0(root)\n".to_string(),
        Some("node") => "uid=1000(node) gid=1000(node) groups=1000(node)\n".to_string(),
        Some(u) => format!("uid={u}(app) gid={u}(app) groups={u}(app)\n"),
    });
    if spec.difficulty >= 2 || found.contains(&"docker/secret-in-image") {
        let n = d.len() - 1;
        out.push_str(&format!(
            "\n$ docker history --no-trunc --format '{{{{.CreatedBy}}}}' {image} | head -n {n}\n"
        ));
        for i in d.iter().rev().filter(|i| !matches!(i, Instr::From(_))) {
            let line = match i {
                Instr::Run(c) => format!("RUN /bin/sh -c {c} # buildkit"),
                other => format!("{} # buildkit", other.render()),
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The validator: the rules applied to the lab's Dockerfile and run.sh.
pub(crate) fn diagnose(files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    let d = parse(text(files, "Dockerfile")?);
    if d.is_empty() {
        return Err(bad("Dockerfile")("no instructions".into()));
    }
    let run = text(files, "run.sh")?;
    Ok(check(&d, run).into_iter().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_and_shell_forms_round_trip() {
        let d = vec![
            Instr::From("node:22".into()),
            Instr::Entrypoint(Form::Exec(vec!["node".into(), "a b.js".into()])),
        ];
        assert_eq!(parse(&render(&d)), d);
        assert_eq!(
            Form::parse("node server.js"),
            Form::Shell("node server.js".into())
        );
        assert_eq!(
            Form::parse("[\"node\", \"server.js\"]"),
            Form::Exec(vec!["node".into(), "server.js".into()])
        );
    }

    #[test]
    fn rules_on_small_examples() {
        let good = parse(
            "FROM node:22\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nEXPOSE 3000\nUSER node\nENTRYPOINT [\"node\", \"s.js\"]\n",
        );
        assert!(check(&good, "docker run -d -p 3000:3000 x").is_empty());
        assert_eq!(
            check(&good, "docker run -d x"),
            vec!["docker/expose-not-publish"]
        );
        assert!(check(&good, "docker run -d -P x").is_empty());
        let bad = parse(
            "FROM node:22\nCOPY . .\nRUN npm ci\nENV GITHUB_TOKEN=ghp_x\nENTRYPOINT node s.js\n",
        );
        assert_eq!(
            check(&bad, "docker run x"),
            vec![
                "docker/shell-form-entrypoint",
                "docker/cache-busting-layer-order",
                "docker/secret-in-image",
                "docker/runs-as-root"
            ]
        );
        assert!(has_credentials_in_url("https://u:p@host/simple"));
        assert!(!has_credentials_in_url("https://host/simple"));
    }
}
