//! `credlint apply`: the order of events and what is printed. Nothing is sent until every
//! document is valid in its complete context; unchanged credentials are not re-sent.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

use crate::diagnostic::Report;
use crate::engine::{self, ContextSource, Options};
use crate::policy::Policy;
use crate::render;

use super::api::{Api, CallError, IntegrationFacts};
use super::base_url::{BaseUrl, DEFAULT_BASE_URL, usable_segment};
use super::plan::{self, Document, Unusable};
use super::retry::RetryPolicy;
use super::secrets::{Redactor, Secret};
use super::transport::Transport;
use super::ureq_transport::UreqTransport;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ApplyFormat {
    Human,
    Json,
}

/// Send validated `paragon.integration-credentials` documents to Paragon
/// (login from PARAGON_USERNAME / PARAGON_PASSWORD)
#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    /// JSON files: envelopes, batches of envelopes, or bare `paragon.integration-credentials` documents
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Show what would be created, changed or left as is, and the requests (secrets redacted); send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The Paragon API (https; plain http only for loopback)
    #[arg(long, default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// A context file: a context object, or the `paragon_integrations` data source's map
    #[arg(long)]
    pub context: Option<PathBuf>,
    /// A policy file (default: `credlint.json` found upward from the working directory)
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// One line per document, or one JSON object with `ok`, `validation`, `results` and `summary`
    #[arg(long, value_enum, default_value = "human")]
    pub format: ApplyFormat,
    /// Time allowed for each request, connection included, in milliseconds
    #[arg(long, default_value_t = 30_000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub timeout_ms: u64,
    /// Time allowed to connect, in milliseconds
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub connect_timeout_ms: u64,
    /// Retries of a request after a 429, a 5xx or a network failure (with backoff)
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
}

/// The account `apply` signs in with.
pub struct Login {
    pub username: String,
    pub password: Secret,
}

impl Login {
    /// From `PARAGON_USERNAME` / `PARAGON_PASSWORD`: never from the command line, where other
    /// users of the machine can read it.
    pub fn from_env() -> Result<Login, String> {
        let get = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        match (get("PARAGON_USERNAME"), get("PARAGON_PASSWORD")) {
            (Some(username), Some(password)) => Ok(Login { username, password: Secret::new(password) }),
            (None, _) => Err("PARAGON_USERNAME is not set: apply signs in with PARAGON_USERNAME and PARAGON_PASSWORD from the environment".into()),
            (_, None) => Err("PARAGON_PASSWORD is not set: apply signs in with PARAGON_USERNAME and PARAGON_PASSWORD from the environment".into()),
        }
    }
}

/// Where the run is, for the JSON output's `results[].status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    /// Sent, and the platform answered 200.
    Applied,
    /// Identical to the platform's credential: not sent.
    Unchanged,
    /// `--dry-run`: would be sent.
    Planned,
    /// Sending (or reading the current credential) failed.
    Failed,
    /// Not sent because a document has errors.
    NotSent,
}

/// What the document does to the platform's credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Action {
    /// The document's `id` is not (or no longer) on the platform.
    Create,
    /// Some fields differ (listed in `changed`).
    Update,
    /// Nothing differs.
    Unchanged,
    /// No `id` in the document, so the current credential was not compared: the PUT sets it.
    Set,
}

#[derive(Debug, Serialize)]
struct DocResult {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    project_id: String,
    integration_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<Action>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    changed: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The request may have reached the platform although it failed: check the credential.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    outcome_unknown: bool,
    /// `--dry-run`: the request that would be sent, values redacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<Value>,
}

impl DocResult {
    fn new(name: &str, doc: &Document, status: Status) -> Self {
        DocResult {
            file: name.to_owned(),
            index: doc.index,
            project_id: doc.project_id().to_owned(),
            integration_id: doc.integration_id().to_owned(),
            id: doc.credential_id().map(str::to_owned),
            status,
            action: None,
            changed: Vec::new(),
            http_status: None,
            attempts: None,
            error: None,
            outcome_unknown: false,
            request: None,
        }
    }

    fn failed(&mut self, e: &CallError) {
        self.status = Status::Failed;
        self.http_status = e.status;
        self.attempts = Some(e.attempts);
        self.error = Some(e.to_string());
        self.outcome_unknown = e.outcome_unknown;
    }

    fn label(&self) -> String {
        match self.index {
            Some(i) => format!("{}[{i}]", self.file),
            None => self.file.clone(),
        }
    }

    fn human(&self, dry_run: bool) -> String {
        let what = match (self.action, dry_run) {
            (Some(Action::Create), true) => {
                "would create (its `id` is not on the platform)".to_owned()
            }
            (Some(Action::Create), false) => {
                "created (its `id` was not on the platform)".to_owned()
            }
            (Some(Action::Update), true) => format!("would change {}", self.changed.join(", ")),
            (Some(Action::Update), false) => format!("changed {}", self.changed.join(", ")),
            (Some(Action::Set), true) => {
                "would set (no `id` in the document, so the current credential was not compared)"
                    .to_owned()
            }
            (Some(Action::Set), false) => {
                "set (no `id` in the document, so the current credential was not compared)"
                    .to_owned()
            }
            (Some(Action::Unchanged), true) => "unchanged; would not be sent".to_owned(),
            (Some(Action::Unchanged), false) | (None, _) => "unchanged; not sent".to_owned(),
        };
        match self.status {
            Status::Applied => format!("{}: applied: {what}", self.label()),
            Status::Unchanged | Status::Planned => format!("{}: {what}", self.label()),
            Status::Failed => {
                let unknown = if self.outcome_unknown {
                    "; the platform may or may not have stored it: check before retrying"
                } else {
                    ""
                };
                format!(
                    "{}: failed: {}{unknown}",
                    self.label(),
                    self.error.as_deref().unwrap_or("unknown error")
                )
            }
            Status::NotSent => match &self.error {
                Some(e) => format!("{}: not sent: {e}", self.label()),
                None => format!("{}: not sent", self.label()),
            },
        }
    }
}

/// Everything `run` needs from outside, so tests can drive it without a terminal or a network.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub sleep: &'a dyn Fn(Duration),
}

/// Parses the base URL, reads the login, builds the HTTP client and runs. Returns the exit code.
pub fn run_cli(args: ApplyArgs) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr();
    let base = match BaseUrl::parse(&args.base_url) {
        Ok(b) => b,
        Err(e) => return fatal(&mut stderr, &e),
    };
    let login = match Login::from_env() {
        Ok(l) => l,
        Err(e) => return fatal(&mut stderr, &e),
    };
    let transport = UreqTransport::new(
        Duration::from_millis(args.connect_timeout_ms),
        Duration::from_millis(args.timeout_ms),
        base.is_loopback(),
    );
    let sleep = |d: Duration| std::thread::sleep(d);
    let code = run(
        &args,
        base,
        login,
        &transport,
        Io {
            out: &mut stdout,
            err: &mut stderr,
            sleep: &sleep,
        },
    );
    let _ = stdout.flush();
    code
}

fn fatal(err: &mut dyn Write, message: &str) -> u8 {
    let _ = writeln!(err, "credlint: {message}");
    2
}

/// Reads a regular file of at most `limit` bytes (never a FIFO or device, never more than
/// `limit + 1` bytes into memory).
fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("cannot read {}: {}", path.display(), e.kind());
    if !std::fs::metadata(path).map_err(cannot)?.is_file() {
        return Err(format!(
            "cannot read {}: not a regular file",
            path.display()
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > limit {
        return Err(format!(
            "{} is larger than {limit} bytes, the limit for this file",
            path.display()
        ));
    }
    Ok(bytes)
}

use crate::cli::SMALL_FILE_LIMIT;

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_bounded(path, SMALL_FILE_LIMIT)?;
    String::from_utf8(bytes).map_err(|_| format!("{}: not valid UTF-8", path.display()))
}

fn options(args: &ApplyArgs) -> Result<Options, String> {
    let found = || crate::cli::find_policy(&crate::cli::host::NativeHost).map(PathBuf::from);
    let policy = match args.policy.clone().or_else(found) {
        None => Policy::default(),
        Some(p) => Policy::from_text(&read_text(&p)?)
            .map_err(|e| format!("invalid policy {}: {e}", p.display()))?,
    };
    let context = match &args.context {
        None => None,
        Some(p) => {
            let value: Value = serde_json::from_str(&read_text(p)?).map_err(|e| {
                format!(
                    "invalid context {}: not valid JSON (line {}, column {})",
                    p.display(),
                    e.line(),
                    e.column()
                )
            })?;
            Some(
                ContextSource::from_value(value)
                    .map_err(|e| format!("invalid context {}: {e}", p.display()))?,
            )
        }
    };
    if let Some(ContextSource::Object(given)) = &context {
        given
            .fits(plan::kind().map_err(|Unusable(e)| e)?)
            .map_err(|e| format!("invalid context: {e}"))?;
    }
    Ok(Options {
        policy,
        context,
        kind: Some(plan::kind().map_err(|Unusable(e)| e)?),
        ..Default::default()
    })
}

/// The whole command over any transport. Exit codes: 0 every document applied (or unchanged, or
/// planned), 1 a document is invalid or failed, 2 the command could not run (nothing sent).
pub fn run(
    args: &ApplyArgs,
    base: BaseUrl,
    login: Login,
    transport: &dyn Transport,
    io: Io<'_>,
) -> u8 {
    let Io { out, err, sleep } = io;
    let err = RefCell::new(err);
    let say = |line: &str| {
        let mut e = err.borrow_mut();
        let _ = writeln!(e, "credlint: {line}");
    };

    let opts = match options(args) {
        Ok(o) => o,
        Err(e) => {
            say(&e);
            return 2;
        }
    };
    let mut inputs = Vec::new();
    for path in &args.files {
        match read_bounded(path, opts.limits.max_bytes) {
            Ok(bytes) => inputs.push((path.display().to_string(), bytes)),
            Err(e) => {
                say(&e);
                return 2;
            }
        }
    }

    // 1. The documents as written, checked as `credlint check` would: any error, nothing is sent
    //    and the platform is not even contacted.
    let (files, mut docs, first) = match plan::load(inputs, &opts) {
        Ok(x) => x,
        Err(Unusable(e)) => {
            say(&e);
            return 2;
        }
    };
    if plan::has_errors(&first) {
        return refuse(out, &say, args, &first, not_sent(&files, &docs, &[]));
    }
    if docs.is_empty() {
        say("no documents to apply");
        return 2;
    }

    // Ids that cannot be a path segment, and two documents for one integration's credential
    // (the last would silently win): refused before signing in.
    let mut problems: Vec<(usize, String)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let ids = [
            ("project_id", Some(d.project_id())),
            ("integration_id", Some(d.integration_id())),
            ("id", d.credential_id()),
        ];
        for (field, value) in ids {
            if value.is_some_and(|v| !usable_segment(v)) {
                problems.push((i, format!("`{field}` cannot be empty, `.` or `..`")));
            }
        }
    }
    let mut targets: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let key = (d.project_id().to_owned(), d.integration_id().to_owned());
        if let Some(first) = targets.insert(key, i) {
            let f = &docs[first];
            let at = match f.index {
                Some(n) => format!("{}[{n}]", files[f.file].name),
                None => files[f.file].name.clone(),
            };
            problems.push((
                i,
                format!("sets the same integration's credential as {at}: only one document may"),
            ));
        }
    }
    if !problems.is_empty() {
        return refuse(out, &say, args, &first, not_sent(&files, &docs, &problems));
    }

    let mut redactor = Redactor::default();
    redactor.add(login.password.expose());
    for d in &docs {
        plan::add_secrets(&mut redactor, &d.value);
    }
    let notify = |line: &str| say(line);
    let mut api = Api::new(
        transport,
        base,
        RetryPolicy {
            retries: args.retries,
            ..RetryPolicy::default()
        },
        sleep,
        &notify,
        redactor,
    );

    // 2. Sign in, and complete each context with the facts the platform holds.
    if let Err(e) = api.login(&login.username, &login.password) {
        say(&format!("login failed: {e}"));
        return 2;
    }
    let mut facts: HashMap<(String, String), Option<IntegrationFacts>> = HashMap::new();
    for d in &docs {
        if d.needs_facts() {
            let key = (d.project_id().to_owned(), d.integration_id().to_owned());
            if let std::collections::hash_map::Entry::Vacant(slot) = facts.entry(key) {
                match api.integration(d.project_id(), d.integration_id()) {
                    Ok(f) => {
                        slot.insert(f);
                    }
                    Err(e) => {
                        say(&format!(
                            "cannot look up the integration, so nothing was sent: {e}"
                        ));
                        return 2;
                    }
                }
            }
        }
    }
    for (i, d) in docs.iter_mut().enumerate() {
        let key = (d.project_id().to_owned(), d.integration_id().to_owned());
        let fetched = facts.get(&key);
        if let Some(None) = fetched {
            problems.push((
                i,
                format!(
                    "integration `{}` was not found in project `{}`",
                    key.1, key.0
                ),
            ));
        }
        d.complete_context(fetched.and_then(Option::as_ref), &login.username);
    }

    // 3. Every document again, in its complete context.
    let report = match plan::validate(&files, &docs, &opts) {
        Ok(r) => r,
        Err(Unusable(e)) => {
            say(&e);
            return 2;
        }
    };
    let kind = match plan::kind() {
        Ok(k) => k,
        Err(Unusable(e)) => {
            say(&e);
            return 2;
        }
    };
    let mut bodies = Vec::new();
    if !plan::has_errors(&report) && problems.is_empty() {
        let plain = Options {
            policy: opts.policy.clone(),
            ..Default::default()
        };
        for (i, d) in docs.iter().enumerate() {
            match engine::to_wire(kind, &d.value, Some(&d.context), &plain) {
                Ok(b) => bodies.push(b),
                Err(e) => problems.push((i, format!("no wire body: {e}"))),
            }
        }
    }
    if plan::has_errors(&report) || !problems.is_empty() {
        return refuse(out, &say, args, &report, not_sent(&files, &docs, &problems));
    }

    // 4. Compare with the platform's credential, then send what differs.
    let mut results = Vec::new();
    for (d, body) in docs.iter().zip(&bodies) {
        let name = &files[d.file].name;
        let mut r = DocResult::new(
            name,
            d,
            if args.dry_run {
                Status::Planned
            } else {
                Status::Applied
            },
        );
        let current = match d.credential_id() {
            None => Ok(None),
            Some(id) => api.decrypted_credential(d.project_id(), id).map(Some),
        };
        match current {
            Err(e) => {
                r.failed(&e);
                r.error = Some(format!(
                    "cannot read the current credential, so it was not sent: {e}"
                ));
                results.push(r);
                continue;
            }
            Ok(None) => r.action = Some(Action::Set),
            Ok(Some(None)) => r.action = Some(Action::Create),
            Ok(Some(Some(current))) => {
                let owner = current.get("integrationId").and_then(Value::as_str);
                if owner.is_some_and(|o| o != d.integration_id()) {
                    r.status = Status::Failed;
                    r.error = Some("the credential `id` belongs to another integration than `integration_id`; not sent".into());
                    results.push(r);
                    continue;
                }
                r.changed = plan::changes(body, &current);
                r.action = Some(if r.changed.is_empty() {
                    Action::Unchanged
                } else {
                    Action::Update
                });
            }
        }
        if r.action == Some(Action::Unchanged) {
            r.status = Status::Unchanged;
        } else if args.dry_run {
            r.request = Some(json!({
                "method": "PUT",
                "url": api.url(&["projects", d.project_id(), "credentials", "oauth"]).unwrap_or_default(),
                "body": plan::redacted_body(body),
            }));
        } else {
            match api.put_credential(d.project_id(), body) {
                Ok(attempts) => r.attempts = Some(attempts),
                Err(e) => r.failed(&e),
            }
        }
        results.push(r);
    }
    finish(out, args, &report, results)
}

fn not_sent(
    files: &[plan::SourceFile],
    docs: &[Document],
    problems: &[(usize, String)],
) -> Vec<DocResult> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let mut r = DocResult::new(&files[d.file].name, d, Status::NotSent);
            let mine: Vec<&str> = problems
                .iter()
                .filter(|(j, _)| *j == i)
                .map(|(_, m)| m.as_str())
                .collect();
            if !mine.is_empty() {
                r.error = Some(mine.join("; "));
            }
            r
        })
        .collect()
}

#[derive(Serialize, Default)]
struct Counts {
    documents: usize,
    applied: usize,
    unchanged: usize,
    planned: usize,
    failed: usize,
    not_sent: usize,
}

fn counts(results: &[DocResult]) -> Counts {
    let n = |s: Status| results.iter().filter(|r| r.status == s).count();
    Counts {
        documents: results.len(),
        applied: n(Status::Applied),
        unchanged: n(Status::Unchanged),
        planned: n(Status::Planned),
        failed: n(Status::Failed),
        not_sent: n(Status::NotSent),
    }
}

fn json_output(
    out: &mut dyn Write,
    args: &ApplyArgs,
    ok: bool,
    report: &Report,
    results: &[DocResult],
) {
    let value = json!({
        "ok": ok,
        "dry_run": args.dry_run,
        "validation": report,
        "results": results,
        "summary": counts(results),
    });
    let _ = writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into())
    );
}

/// Validation failed: nothing was sent.
fn refuse(
    out: &mut dyn Write,
    say: &dyn Fn(&str),
    args: &ApplyArgs,
    report: &Report,
    results: Vec<DocResult>,
) -> u8 {
    match args.format {
        ApplyFormat::Json => json_output(out, args, false, report, &results),
        ApplyFormat::Human => {
            if !report.diagnostics.is_empty() {
                let _ = out.write_all(render::human(report).as_bytes());
            }
            for r in results.iter().filter(|r| r.error.is_some()) {
                let _ = writeln!(out, "{}", r.human(args.dry_run));
            }
        }
    }
    say("nothing was sent: fix the errors above first");
    1
}

fn finish(out: &mut dyn Write, args: &ApplyArgs, report: &Report, results: Vec<DocResult>) -> u8 {
    let c = counts(&results);
    let ok = c.failed == 0;
    match args.format {
        ApplyFormat::Json => json_output(out, args, ok, report, &results),
        ApplyFormat::Human => {
            if !report.diagnostics.is_empty() {
                let _ = out.write_all(render::human(report).as_bytes());
                let _ = writeln!(out);
            }
            for r in &results {
                let _ = writeln!(out, "{}", r.human(args.dry_run));
                if let Some(req) = &r.request {
                    let url = req.get("url").and_then(Value::as_str).unwrap_or_default();
                    let body = req.get("body").map(Value::to_string).unwrap_or_default();
                    let _ = writeln!(out, "  PUT {url} {body}");
                }
            }
            let line = if args.dry_run {
                format!(
                    "Dry run: {} would be sent, {} unchanged, {} failed; nothing was sent.",
                    c.planned, c.unchanged, c.failed
                )
            } else {
                format!(
                    "Applied {}, {} unchanged (not sent), {} failed.",
                    c.applied, c.unchanged, c.failed
                )
            };
            let _ = writeln!(out, "{line}");
        }
    }
    if ok { 0 } else { 1 }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::apply::transport::{Method, Request, Response, TransportError};

    /// Answers like the platform and counts what it is asked.
    #[derive(Default)]
    struct Fake {
        sent: RefCell<Vec<(Method, String)>>,
    }

    impl Transport for Fake {
        fn send(&self, request: &Request) -> Result<Response, TransportError> {
            self.sent
                .borrow_mut()
                .push((request.method, request.url.clone()));
            let body = match request.method {
                Method::Post => r#"{"accessToken": "t0ken-for-tests"}"#,
                _ => "{}",
            };
            Ok(Response {
                status: 200,
                retry_after: None,
                body: body.as_bytes().to_vec(),
            })
        }
    }

    fn args(file: PathBuf) -> ApplyArgs {
        ApplyArgs {
            files: vec![file],
            dry_run: false,
            base_url: "http://127.0.0.1:9".into(),
            context: None,
            policy: None,
            format: ApplyFormat::Json,
            timeout_ms: 1000,
            connect_timeout_ms: 1000,
            retries: 0,
        }
    }

    fn run_with(doc: &str) -> (u8, Vec<(Method, String)>, String) {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("doc.json");
        std::fs::write(&file, doc).expect("write");
        let fake = Fake::default();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let login = Login {
            username: "me@example.com".into(),
            password: Secret::new("pw-for-tests"),
        };
        let base = BaseUrl::parse("http://127.0.0.1:9").expect("base");
        let code = run(
            &args(file),
            base,
            login,
            &fake,
            Io {
                out: &mut out,
                err: &mut err,
                sleep: &|_| {},
            },
        );
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&err)
        );
        (code, fake.sent.into_inner(), printed)
    }

    const VALID: &str = r#"{"kind": "paragon.integration-credentials", "context": {"integration": {"type": "jira"}},
        "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
                     "oauth": {"client_id": "cid-for-tests", "client_secret": "secret-for-tests", "scopes": ["read"]}}}"#;

    #[test]
    fn a_valid_document_is_one_login_and_one_put() {
        let (code, sent, printed) = run_with(VALID);
        assert_eq!(code, 0, "{printed}");
        let methods: Vec<Method> = sent.iter().map(|(m, _)| *m).collect();
        assert_eq!(methods, [Method::Post, Method::Put]);
        assert!(
            sent[1]
                .1
                .ends_with("/projects/6c9880c7-66af-467a-b319-0ce70e886bac/credentials/oauth")
        );
        for secret in [
            "pw-for-tests",
            "t0ken-for-tests",
            "secret-for-tests",
            "cid-for-tests",
        ] {
            assert!(!printed.contains(secret), "{printed}");
        }
    }

    #[test]
    fn an_invalid_document_sends_nothing_at_all() {
        let (code, sent, printed) =
            run_with(&VALID.replace(r#""scopes": ["read"]"#, r#""scopes": ["read write"]"#));
        assert_eq!(code, 1, "{printed}");
        assert!(sent.is_empty());
    }
}
