//! `credlint apply` against a real HTTP server on loopback, started by each test (port 0). The
//! server implements the endpoints of `tests/data/paragon-api-contract.json`, checks every request
//! against it, records what it received, and stops by itself (bounded in connections and time).
#![cfg(feature = "apply")]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_credlint");

const USER: &str = "ops@example.com";
// Markers: none of these may ever appear in anything credlint prints.
const PASSWORD: &str = "MARKER-PASSWORD-7d1e";
const TOKEN: &str = "MARKER-TOKEN-5b9a";
const SECRET: &str = "MARKER-SECRET-c0ffee";
const EXTRA_SECRET: &str = "MARKER-EXTRA-4242";
const CLIENT_ID: &str = "MARKER-CLIENT-ID-99";

const PROJECT: &str = "6c9880c7-66af-467a-b319-0ce70e886bac";
const JIRA: &str = "d589fe10-b66e-4cb2-885a-0440393886f4";
const CUSTOM: &str = "e09db889-dad3-49e4-895b-96b22d7de0db";
const CUSTOM_2: &str = "3f0c9a1e-8b2d-4c6f-a7e5-1d2b3c4d5e6f";
const CRED_ID: &str = "b9447451-56e0-4f70-a6df-2be85597e859";

/// Most connections one server accepts, and the longest it lives.
const MAX_CONNECTIONS: usize = 64;
const MAX_LIFETIME: Duration = Duration::from_secs(60);

// ---- the loopback server ---------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Recorded {
    endpoint: String,
    path: String,
    body: String,
    /// Where the request breaks the recorded contract.
    violations: Vec<String>,
}

impl Recorded {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

#[allow(dead_code)]
enum Reply {
    /// The contract's answer.
    Contract,
    Status(u16, Vec<(&'static str, String)>, String),
    /// Read the request, then wait this long without answering (a stalled server).
    Stall(Duration),
    /// Read the request, then close the connection without a byte (a dropped connection).
    Drop,
}

/// Per test: what the platform holds, and answers that replace the contract's for the n-th call
/// (0-based) of an endpoint.
type Script = dyn Fn(&str, usize) -> Reply + Send + Sync;

struct State {
    contract: Vec<Value>,
    recorded: Mutex<Vec<Recorded>>,
    /// Decrypted credentials by id (absent: 404).
    credentials: Mutex<HashMap<String, Value>>,
    /// Integrations by id (absent: 404).
    integrations: HashMap<String, Value>,
    script: Box<Script>,
    stop: AtomicBool,
}

struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    fn start(script: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        Server::with_credentials(HashMap::new(), script)
    }

    fn with_credentials(
        credentials: HashMap<String, Value>,
        script: impl Fn(&str, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/paragon-api-contract.json"),
        )
        .expect("contract");
        let contract: Value = serde_json::from_str(&text).expect("contract is JSON");
        let contract = contract["endpoints"].as_array().expect("endpoints").clone();
        let mut integrations = HashMap::new();
        integrations.insert(
            CUSTOM.to_owned(),
            json!({"type": "custom", "authenticationType": "oauth"}),
        );
        integrations.insert(
            CUSTOM_2.to_owned(),
            json!({"type": "custom", "authenticationType": "oauth"}),
        );
        integrations.insert(JIRA.to_owned(), json!({"type": "jira"}));
        let state = Arc::new(State {
            contract,
            recorded: Mutex::new(Vec::new()),
            credentials: Mutex::new(credentials),
            integrations,
            script: Box::new(script),
            stop: AtomicBool::new(false),
        });
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let st = Arc::clone(&state);
        let accept = std::thread::spawn(move || {
            let started = Instant::now();
            let mut workers = Vec::new();
            while !st.stop.load(Ordering::SeqCst)
                && started.elapsed() < MAX_LIFETIME
                && workers.len() < MAX_CONNECTIONS
            {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let st = Arc::clone(&st);
                        workers.push(std::thread::spawn(move || serve(stream, &st)));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => break,
                }
            }
            st.stop.store(true, Ordering::SeqCst);
            for w in workers {
                let _ = w.join();
            }
        });
        Server {
            addr,
            state,
            accept: Some(accept),
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Recorded> {
        self.state.recorded.lock().expect("lock").clone()
    }

    fn count(&self, endpoint: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.endpoint == endpoint)
            .count()
    }

    fn puts(&self) -> Vec<Value> {
        self.requests()
            .iter()
            .filter(|r| r.endpoint == "put")
            .map(Recorded::json)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
        if !std::thread::panicking() {
            let violations: Vec<String> = self
                .requests()
                .into_iter()
                .flat_map(|r| r.violations)
                .collect();
            assert!(
                violations.is_empty(),
                "requests broke the contract: {violations:?}"
            );
        }
    }
}

fn read_request(
    stream: &mut TcpStream,
) -> Option<(String, String, HashMap<String, String>, String)> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 || buf.len() > 1 << 20 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len.min(1 << 20) {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some((
        method,
        path,
        headers,
        String::from_utf8_lossy(&body).into_owned(),
    ))
}

/// The contract endpoint a request is for, with the path's parameters.
fn route<'c>(
    contract: &'c [Value],
    method: &str,
    path: &str,
) -> Option<(&'c Value, HashMap<String, String>)> {
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    contract.iter().find_map(|e| {
        if e["method"] != method {
            return None;
        }
        let pattern: Vec<&str> = e["path"]
            .as_str()?
            .trim_start_matches('/')
            .split('/')
            .collect();
        if pattern.len() != segs.len() {
            return None;
        }
        let mut params = HashMap::new();
        for (p, s) in pattern.iter().zip(&segs) {
            if let Some(name) = p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                params.insert(name.to_owned(), (*s).to_owned());
            } else if p != s {
                return None;
            }
        }
        Some((e, params))
    })
}

fn fill(template: &Value, vars: &HashMap<String, String>) -> Value {
    match template {
        Value::String(s) => {
            let key = s.strip_prefix('{').and_then(|k| k.strip_suffix('}'));
            match key.and_then(|k| vars.get(k)) {
                Some(v) => json!(v),
                None => json!(s),
            }
        }
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), fill(v, vars))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| fill(v, vars)).collect()),
        other => other.clone(),
    }
}

fn write_response(stream: &mut TcpStream, status: u16, headers: &[(&str, String)], body: &str) {
    let mut text = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
}

fn serve(mut stream: TcpStream, st: &State) {
    let _ = stream.set_nonblocking(false);
    let Some((method, path, headers, body)) = read_request(&mut stream) else {
        return;
    };
    let Some((endpoint, params)) = route(&st.contract, &method, &path) else {
        st.recorded.lock().expect("lock").push(Recorded {
            endpoint: "unknown".into(),
            path: path.clone(),
            body,
            violations: vec![format!("{method} {path} is not in the contract")],
        });
        write_response(&mut stream, 404, &[], r#"{"message": "no such endpoint"}"#);
        return;
    };
    let name = endpoint["name"].as_str().unwrap_or_default().to_owned();
    let mut violations = Vec::new();
    if endpoint["auth"] == true
        && headers.get("authorization").map(String::as_str) != Some(&format!("Bearer {TOKEN}"))
    {
        violations.push(format!("{name}: no `Authorization: Bearer <token>`"));
    }
    let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    if let Some(fields) = endpoint["request"]["json_fields"].as_array() {
        if !headers
            .get("content-type")
            .is_some_and(|c| c.starts_with("application/json"))
        {
            violations.push(format!("{name}: Content-Type is not application/json"));
        }
        for f in fields.iter().filter_map(Value::as_str) {
            if parsed.get(f).is_none() {
                violations.push(format!("{name}: the body has no `{f}`"));
            }
        }
    }
    let nth = {
        let mut rec = st.recorded.lock().expect("lock");
        let nth = rec.iter().filter(|r| r.endpoint == name).count();
        rec.push(Recorded {
            endpoint: name.clone(),
            path,
            body,
            violations,
        });
        nth
    };
    match (st.script)(&name, nth) {
        Reply::Status(status, headers, body) => {
            write_response(&mut stream, status, &headers, &body)
        }
        Reply::Stall(d) => {
            let until = Instant::now() + d;
            while Instant::now() < until && !st.stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        Reply::Drop => {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        Reply::Contract => {
            let mut vars = params.clone();
            vars.insert("token".into(), TOKEN.into());
            if let Value::Object(m) = &parsed {
                for (k, v) in m {
                    if let Some(s) = v.as_str() {
                        vars.insert(k.clone(), s.to_owned());
                    }
                }
            }
            let mut status = endpoint["response"]["status"].as_u64().unwrap_or(200) as u16;
            let mut body = fill(&endpoint["response"]["body"], &vars);
            match name.as_str() {
                "integration" => match st.integrations.get(&params["integration_id"]) {
                    Some(facts) => {
                        body["type"] = facts["type"].clone();
                        if facts.get("authenticationType").is_some() {
                            body["customIntegration"]["authenticationType"] =
                                facts["authenticationType"].clone();
                        } else {
                            body["customIntegration"] = Value::Null;
                            body["customIntegrationId"] = Value::Null;
                        }
                    }
                    None => {
                        status = 404;
                        body = json!({"message": "Integration not found"});
                    }
                },
                "decrypted" => match st.credentials.lock().expect("lock").get(&params["id"]) {
                    Some(current) => body = current.clone(),
                    None => {
                        status = 404;
                        body = json!({"message": "Credential not found"});
                    }
                },
                _ => {}
            }
            write_response(&mut stream, status, &[], &body.to_string());
        }
    }
}

// ---- running the binary ----------------------------------------------------------------------

fn write(dir: &Path, name: &str, value: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(value).expect("json")).expect("write");
    p.display().to_string()
}

fn run(dir: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("apply").args(args).current_dir(dir);
    for var in [
        "PARAGON_USERNAME",
        "PARAGON_PASSWORD",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("PARAGON_USERNAME", USER);
    if let Some(p) = password {
        cmd.env("PARAGON_PASSWORD", p);
    }
    let out = cmd.output().expect("binary runs");
    assert_no_secrets(&out);
    out
}

/// The fast settings the tests use: short timeouts, few retries.
fn apply(server: &Server, dir: &Path, files: &[&str], extra: &[&str]) -> Output {
    let url = server.url();
    let mut args = vec![
        "--base-url",
        url.as_str(),
        "--timeout-ms",
        "2000",
        "--connect-timeout-ms",
        "1000",
        "--retries",
        "2",
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(files);
    run(dir, &args, Some(PASSWORD))
}

fn assert_no_secrets(out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for marker in [PASSWORD, TOKEN, SECRET, EXTRA_SECRET, CLIENT_ID] {
            assert!(
                !text.contains(marker),
                "{stream} shows the secret marker {marker}:\n{text}"
            );
        }
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn text(o: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", text(o)))
}

/// A built-in integration with its facts in the envelope.
fn jira_envelope(secret: &str) -> Value {
    json!({"kind": "paragon.integration-credentials",
           "context": {"operation": "create", "integration": {"type": "jira"}},
           "document": {"integration_id": JIRA, "project_id": PROJECT,
                        "oauth": {"client_id": CLIENT_ID, "client_secret": secret, "scopes": ["offline_access", "read:jira-user"]}}})
}

/// A custom integration without context: `apply` looks its facts up.
fn custom_envelope() -> Value {
    json!({"kind": "paragon.integration-credentials",
           "document": {"integration_id": CUSTOM, "project_id": PROJECT,
                        "oauth": {"client_id": CLIENT_ID, "client_secret": SECRET},
                        "extra_configuration": {"tenant": EXTRA_SECRET, "retries": "3", "debug": "true"}}})
}

// ---- tests -----------------------------------------------------------------------------------

#[test]
fn applies_valid_documents_with_looked_up_facts() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let batch = write(
        dir.path(),
        "creds.json",
        &json!([jira_envelope(SECRET), custom_envelope()]),
    );
    let out = apply(&server, dir.path(), &[&batch], &["--format", "json"]);
    assert_eq!(code(&out), 0, "{}", text(&out));

    assert_eq!(server.count("login"), 1);
    let login = server
        .requests()
        .into_iter()
        .find(|r| r.endpoint == "login")
        .expect("login");
    assert_eq!(
        login.json(),
        json!({"username": USER, "password": PASSWORD})
    );
    // Only the custom integration lacked facts.
    assert_eq!(server.count("integration"), 1);
    let puts = server.puts();
    assert_eq!(puts.len(), 2);
    assert_eq!(
        puts[0],
        json!({"name": USER, "values": {"clientId": CLIENT_ID, "clientSecret": SECRET, "scopes": "offline_access read:jira-user"},
               "provider": "jira", "scheme": "oauth_app", "integrationId": JIRA})
    );
    assert_eq!(
        puts[1],
        json!({"name": USER, "values": {"clientId": CLIENT_ID, "clientSecret": SECRET, "scopes": "", "tenant": EXTRA_SECRET, "retries": 3, "debug": true},
               "provider": "custom", "scheme": "oauth_app", "integrationId": CUSTOM})
    );
    for r in server.requests().iter().filter(|r| r.endpoint == "put") {
        assert_eq!(r.path, format!("/projects/{PROJECT}/credentials/oauth"));
    }

    let report = json_out(&out);
    assert_eq!(report["ok"], true);
    assert_eq!(report["summary"]["applied"], 2);
    let statuses: Vec<&str> = report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(statuses, ["applied", "applied"]);
    assert_eq!(report["results"][1]["index"], 1);
}

#[test]
fn human_output_has_one_line_per_document() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("a.json: applied"), "{stdout}");
    assert!(
        stdout.contains("Applied 1, 0 unchanged (not sent), 0 failed."),
        "{stdout}"
    );
}

#[test]
fn login_rejected_is_exit_2_and_nothing_is_sent() {
    let server = Server::start(|endpoint, _| match endpoint {
        "login" => Reply::Status(
            401,
            vec![],
            format!(r#"{{"message": "Invalid password {PASSWORD}"}}"#),
        ),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 2, "{}", text(&out));
    // 401 is not retried.
    assert_eq!(server.count("login"), 1);
    assert_eq!(server.count("put"), 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("login failed") && stderr.contains("HTTP 401"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[redacted]"),
        "the server's echo of the password is blanked: {stderr}"
    );
}

#[test]
fn honours_retry_after_on_429() {
    let server = Server::start(|endpoint, nth| match (endpoint, nth) {
        ("put", 0) => Reply::Status(
            429,
            vec![("Retry-After", "1".into())],
            r#"{"message": "slow down"}"#.into(),
        ),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let started = Instant::now();
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(server.count("put"), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}, not the 1s asked",
        started.elapsed()
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("HTTP 429 (Retry-After: 1s)"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_retry_after_beyond_the_cap_is_not_waited_for() {
    let server = Server::start(|endpoint, _| match endpoint {
        "put" => Reply::Status(429, vec![("Retry-After", "86400".into())], "{}".into()),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let started = Instant::now();
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(server.count("put"), 1);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("asked to wait 86400s"),
        "{}",
        text(&out)
    );
}

#[test]
fn retries_a_server_error_then_succeeds() {
    let server = Server::start(|endpoint, nth| match (endpoint, nth) {
        ("put", 0) => Reply::Status(500, vec![], r#"{"message": "boom"}"#.into()),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &["--format", "json"]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(server.count("put"), 2);
    assert_eq!(json_out(&out)["results"][0]["attempts"], 2);
}

#[test]
fn a_persistent_server_error_fails_after_bounded_retries() {
    let server = Server::start(|endpoint, _| match endpoint {
        "put" => Reply::Status(
            503,
            vec![],
            format!(r#"{{"message": "cannot store {SECRET}"}}"#),
        ),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    // --retries 2: three attempts in all.
    assert_eq!(server.count("put"), 3);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("failed: PUT /projects/") && stdout.contains("HTTP 503"),
        "{stdout}"
    );
    assert!(stdout.contains("cannot store [redacted]"), "{stdout}");
    assert!(stdout.contains("may or may not have stored it"), "{stdout}");
}

#[test]
fn other_client_errors_are_not_retried() {
    let server = Server::start(|endpoint, _| match endpoint {
        "put" => Reply::Status(400, vec![], format!("<html>echo {SECRET}</html>")),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &["--format", "json"]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(server.count("put"), 1);
    let r = &json_out(&out)["results"][0];
    assert_eq!(r["status"], "failed");
    assert_eq!(r["http_status"], 400);
}

/// INTERFACES.md: only `200` is success. A `201` or `204` to the PUT is not taken as applied
/// (nor retried: the request was answered).
#[test]
fn only_200_is_success() {
    for status in [201, 204] {
        let server = Server::start(move |endpoint, _| match endpoint {
            "put" => Reply::Status(status, vec![], String::new()),
            _ => Reply::Contract,
        });
        let dir = tempfile::tempdir().expect("tmp");
        let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
        let out = apply(&server, dir.path(), &[&a], &["--format", "json"]);
        assert_eq!(code(&out), 1, "{status}: {}", text(&out));
        assert_eq!(server.count("put"), 1, "{status}");
        let r = &json_out(&out)["results"][0];
        assert_eq!(r["status"], "failed", "{status}");
        assert_eq!(r["http_status"], status);
        assert_no_secrets(&out);
    }
}

#[test]
fn a_stalled_server_times_out() {
    let server = Server::start(|endpoint, _| match endpoint {
        "put" => Reply::Stall(Duration::from_secs(20)),
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let url = server.url();
    let started = Instant::now();
    let out = run(
        dir.path(),
        &[
            "--base-url",
            &url,
            "--timeout-ms",
            "300",
            "--connect-timeout-ms",
            "300",
            "--retries",
            "1",
            "--format",
            "json",
            &a,
        ],
        Some(PASSWORD),
    );
    let elapsed = started.elapsed();
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(
        server.count("put"),
        2,
        "a timeout is retried (the PUT is idempotent), within the bound"
    );
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");
    let r = &json_out(&out)["results"][0];
    assert_eq!(r["status"], "failed");
    assert!(
        r["error"].as_str().is_some_and(|e| e.contains("timed out")),
        "{r}"
    );
    assert_eq!(r["outcome_unknown"], true);
}

#[test]
fn a_dropped_connection_is_retried() {
    let server = Server::start(|endpoint, nth| match (endpoint, nth) {
        ("put", 0) => Reply::Drop,
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(server.count("put"), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("closed before a complete response"),
        "{}",
        text(&out)
    );
}

#[test]
fn connections_that_always_drop_fail_the_document() {
    let server = Server::start(|endpoint, _| match endpoint {
        "put" => Reply::Drop,
        _ => Reply::Contract,
    });
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(server.count("put"), 3);
}

#[test]
fn one_invalid_document_means_nothing_is_sent() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let mut bad = custom_envelope();
    bad["context"] = json!({"integration": {"type": "custom", "authentication_type": "oauth"}});
    bad["document"]["extra_configuration"]["clientSecret"] = json!(EXTRA_SECRET);
    let batch = write(
        dir.path(),
        "creds.json",
        &json!([jira_envelope(SECRET), bad, jira_envelope(SECRET)]),
    );
    let out = apply(&server, dir.path(), &[&batch], &[]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    // Found offline: the platform is not even contacted.
    assert_eq!(server.requests().len(), 0);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("paragon/reserved-extra-key"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was sent"));
}

#[test]
fn an_error_found_with_looked_up_facts_means_nothing_is_sent() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    // Scopes are not allowed on a custom integration: known only once its type is looked up.
    let mut bad = custom_envelope();
    bad["document"]["oauth"]["scopes"] = json!(["read"]);
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let b = write(dir.path(), "b.json", &bad);
    let out = apply(&server, dir.path(), &[&a, &b], &["--format", "json"]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(server.count("integration"), 1);
    assert_eq!(server.count("put"), 0);
    let report = json_out(&out);
    assert_eq!(report["ok"], false);
    let d = &report["validation"]["diagnostics"][0];
    assert_eq!(d["rule"], "paragon/custom-scopes");
    assert!(
        d["file"].as_str().is_some_and(|f| f.ends_with("b.json")) && d["line"].is_number(),
        "{d}"
    );
    assert_eq!(report["summary"]["not_sent"], 2);
}

#[test]
fn an_unknown_integration_means_nothing_is_sent() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let mut doc = custom_envelope();
    doc["document"]["integration_id"] = json!("11111111-2222-4333-8444-555555555555");
    let a = write(dir.path(), "a.json", &doc);
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(server.count("put"), 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("was not found in project"),
        "{}",
        text(&out)
    );
}

#[test]
fn two_documents_for_one_integration_are_refused() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(
        dir.path(),
        "a.json",
        &json!([jira_envelope(SECRET), jira_envelope("other")]),
    );
    let out = apply(&server, dir.path(), &[&a], &[]);
    assert_eq!(code(&out), 1, "{}", text(&out));
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    // `.invalid` never resolves (RFC 6761): even a bug could not reach anything.
    for url in [
        "http://paragon.invalid",
        "http://localhost.invalid:8080",
        "ftp://127.0.0.1/",
    ] {
        let out = run(dir.path(), &["--base-url", url, &a], Some(PASSWORD));
        assert_eq!(code(&out), 2, "{url}: {}", text(&out));
        assert!(out.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("credlint: "),
            "{}",
            text(&out)
        );
    }
    assert_eq!(server.requests().len(), 0);
    // Credentials in the URL are refused without echoing them.
    let out = run(
        dir.path(),
        &[
            "--base-url",
            &format!("https://me:{PASSWORD}@paragon.invalid"),
            &a,
        ],
        Some(PASSWORD),
    );
    assert_eq!(code(&out), 2, "{}", text(&out));
}

#[test]
fn missing_credentials_are_exit_2() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let a = write(dir.path(), "a.json", &jira_envelope(SECRET));
    let out = run(dir.path(), &["--base-url", &server.url(), &a], None);
    assert_eq!(code(&out), 2, "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PARAGON_PASSWORD"));
    assert_eq!(server.requests().len(), 0);
    // The password is never a flag.
    let out = run(
        dir.path(),
        &["--base-url", &server.url(), "--password", PASSWORD, &a],
        Some(PASSWORD),
    );
    assert_eq!(code(&out), 2);
}

fn state_document(id: &str, secret: &str) -> Value {
    json!({"kind": "paragon.integration-credentials",
           "context": {"operation": "update", "integration": {"type": "jira"}},
           "document": {"id": id, "creds_provider": "jira", "scheme": "oauth_app", "integration_id": JIRA, "project_id": PROJECT,
                        "oauth": {"client_id": CLIENT_ID, "client_secret": secret, "scopes": ["read"]}}})
}

fn current(secret: &str) -> Value {
    json!({"id": CRED_ID, "projectId": PROJECT, "integrationId": JIRA, "provider": "jira", "scheme": "oauth_app", "status": "ACTIVE",
           "values": {"clientId": CLIENT_ID, "clientSecret": secret, "scopes": "read"}})
}

#[test]
fn dry_run_reports_changes_by_field_and_sends_nothing() {
    let mut creds = HashMap::new();
    creds.insert(CRED_ID.to_owned(), current("old-secret-value"));
    let server = Server::with_credentials(creds, |_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let changed = write(dir.path(), "changed.json", &state_document(CRED_ID, SECRET));
    let mut gone = state_document("00000000-0000-4000-8000-000000000000", SECRET);
    gone["document"]["integration_id"] = json!(CUSTOM);
    gone["context"]["integration"] = json!({"type": "custom", "authentication_type": "oauth"});
    gone["document"]["creds_provider"] = json!("custom");
    gone["document"]["oauth"]
        .as_object_mut()
        .expect("oauth")
        .remove("scopes");
    let gone = write(dir.path(), "gone.json", &gone);
    let mut fresh = custom_envelope();
    fresh["document"]["integration_id"] = json!(CUSTOM_2);
    let fresh = write(dir.path(), "fresh.json", &fresh);

    let out = apply(
        &server,
        dir.path(),
        &[&changed, &gone, &fresh],
        &["--dry-run"],
    );
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(server.count("put"), 0);
    assert_eq!(server.count("decrypted"), 2);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("changed.json: would change oauth.client_secret\n"),
        "{stdout}"
    );
    assert!(stdout.contains("gone.json: would create"), "{stdout}");
    assert!(stdout.contains("fresh.json: would set"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "PUT {}/projects/{PROJECT}/credentials/oauth",
            server.url()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("[redacted]") && stdout.contains("nothing was sent"),
        "{stdout}"
    );

    let out = apply(
        &server,
        dir.path(),
        &[&changed],
        &["--dry-run", "--format", "json"],
    );
    let r = &json_out(&out)["results"][0];
    assert_eq!(
        (r["status"].as_str(), r["action"].as_str()),
        (Some("planned"), Some("update"))
    );
    assert_eq!(r["changed"], json!(["oauth.client_secret"]));
    assert_eq!(r["request"]["body"]["values"]["clientSecret"], "[redacted]");
    assert_eq!(r["request"]["body"]["values"]["scopes"], "read");
    assert_eq!(server.count("put"), 0);
}

#[test]
fn unchanged_credentials_are_not_resent() {
    let mut creds = HashMap::new();
    creds.insert(CRED_ID.to_owned(), current(SECRET));
    let server = Server::with_credentials(creds, |_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let same = write(dir.path(), "same.json", &state_document(CRED_ID, SECRET));
    let out = apply(&server, dir.path(), &[&same], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(server.count("decrypted"), 1);
    assert_eq!(server.count("put"), 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("same.json: unchanged; not sent"),
        "{}",
        text(&out)
    );

    let dry = apply(&server, dir.path(), &[&same], &["--dry-run"]);
    assert!(
        String::from_utf8_lossy(&dry.stdout).contains("same.json: unchanged; would not be sent"),
        "{}",
        text(&dry)
    );
}

#[test]
fn a_changed_credential_is_sent_with_the_state_provider() {
    let mut creds = HashMap::new();
    creds.insert(CRED_ID.to_owned(), current("old"));
    let server = Server::with_credentials(creds, |_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    let doc = write(dir.path(), "doc.json", &state_document(CRED_ID, SECRET));
    let out = apply(&server, dir.path(), &[&doc], &[]);
    assert_eq!(code(&out), 0, "{}", text(&out));
    assert_eq!(
        server.puts(),
        vec![
            json!({"name": USER, "values": {"clientId": CLIENT_ID, "clientSecret": SECRET, "scopes": "read"}, "provider": "jira", "scheme": "oauth_app", "integrationId": JIRA})
        ]
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("doc.json: applied: changed oauth.client_secret"),
        "{}",
        text(&out)
    );
}

/// The WebAssembly build never contains the HTTP client (nor, without the feature, the native one).
#[test]
fn the_http_client_stays_out_of_the_webassembly_build() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let tree = |args: &[&str]| {
        let out = Command::new(&cargo)
            .args(["tree", "--manifest-path"])
            .arg(&manifest)
            .args(["-e", "normal", "--prefix", "none"])
            .args(args)
            .output()
            .expect("cargo tree runs");
        assert!(
            out.status.success(),
            "cargo tree {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let has = |tree: &str, krate: &str| {
        tree.lines()
            .any(|l| l.split_whitespace().next() == Some(krate))
    };
    // Exactly the WebAssembly build's features (scripts/build-pkg.sh), for its target.
    let wasm = tree(&[
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
    ]);
    for krate in ["ureq", "rustls", "ring", "webpki-roots"] {
        assert!(
            !has(&wasm, krate),
            "the WebAssembly build depends on {krate}:\n{wasm}"
        );
    }
    // The default native build has no HTTP client either: `apply` is opt-in.
    assert!(!has(&tree(&[]), "ureq"));
    // The check itself can see the client where it is.
    assert!(has(&tree(&["--features", "apply"]), "ureq"));
}

/// The secret the platform holds now (read from the decrypted GET) is never shown either: a 400
/// to the PUT that quotes it is printed with it blanked.
#[test]
fn the_stored_secret_is_redacted_from_server_messages() {
    const STORED: &str = "MARKER-STORED-SECRET-31337";
    let mut creds = HashMap::new();
    creds.insert(CRED_ID.to_owned(), current(STORED));
    let server = Server::with_credentials(creds, |endpoint, _| {
        if endpoint == "put" {
            Reply::Status(
                400,
                vec![("content-type", "application/json".into())],
                format!(
                    r#"{{"message": "clientSecret must differ from the current one ({STORED})"}}"#
                ),
            )
        } else {
            Reply::Contract
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let changed = write(dir.path(), "changed.json", &state_document(CRED_ID, SECRET));
    for format in ["human", "json"] {
        let out = apply(&server, dir.path(), &[&changed], &["--format", format]);
        assert_eq!(code(&out), 1, "{}", text(&out));
        assert!(server.count("put") >= 1);
        let shown = text(&out);
        assert!(!shown.contains(STORED), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}

/// A policy cannot silence an input that was not checked: with every configurable rule off (in
/// a `credlint.json` found upward), a broken file beside a good one means nothing is sent.
#[test]
fn no_policy_lets_apply_send_beside_an_unchecked_file() {
    let server = Server::start(|_, _| Reply::Contract);
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join(".git")).expect("repo root");
    let ids: Vec<String> = {
        let o = Command::new(BIN)
            .args(["rules", "--format", "json"])
            .output()
            .expect("rules");
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        let list = v
            .as_array()
            .cloned()
            .unwrap_or_else(|| v["rules"].as_array().cloned().unwrap_or_default());
        list.iter()
            .filter_map(|r| r["id"].as_str().map(str::to_owned))
            .filter(|id| !id.starts_with("structure/invalid-"))
            .collect()
    };
    assert!(ids.len() > 50, "{ids:?}");
    let off: serde_json::Map<String, Value> =
        ids.into_iter().map(|id| (id, json!("off"))).collect();
    std::fs::write(
        dir.path().join("credlint.json"),
        json!({ "rules": off }).to_string(),
    )
    .expect("policy");
    let good = write(dir.path(), "good.json", &jira_envelope(SECRET));
    for broken in [
        "{\"kind\": \"paragon.integration-credentials\", \"document\": {".to_owned(),
        json!({"kind": "paragon.integration_credentials", "document": {}}).to_string(),
        json!({"Kind": "paragon.integration-credentials", "document": {}}).to_string(),
        json!({"kind": "paragon.integration-credentials", "document": [], "resource_changes": []})
            .to_string(),
    ] {
        std::fs::write(dir.path().join("broken.json"), &broken).expect("write");
        let out = apply(&server, dir.path(), &[&good, "broken.json"], &[]);
        assert_ne!(code(&out), 0, "{broken}: {}", text(&out));
        assert_eq!(server.count("put"), 0, "{broken}: {}", text(&out));
        assert!(!text(&out).contains("Applied"), "{broken}: {}", text(&out));
    }
}
