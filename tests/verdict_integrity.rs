//! Nothing unchecked may pass: inputs credlint could not check fail the run whatever the policy
//! says, plan JSON is told from envelopes by its full shape, files a user expects checked are
//! checked, and every output tells the truth about the exit code. Natively (in-process and
//! through the binary); `js-tests/bin.test.mjs` runs the same cases through the Node bin.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use credlint::engine::{self, Limits, Options};
use credlint::policy::Policy;
use credlint::{Report, registry, rules};
use proptest::prelude::*;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_credlint");
const KIND: &str = "paragon.integration-credentials";
const DOC: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b", "scopes": ["read"]}}"#;

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("binary finishes")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, bytes).expect("write");
    name.to_owned()
}

/// Inputs that cannot be checked, each with the `--max-bytes` to use.
fn uncheckable() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    let envelope = format!(r#"{{"kind": "{KIND}", "document": {DOC}}}"#);
    vec![
        ("oversized.json", envelope.clone().into_bytes(), Some("100")),
        ("latin1.json", b"{\"kind\": \"\xff\"}".to_vec(), None),
        (
            "truncated.json",
            envelope.as_bytes()[..envelope.len() / 2].to_vec(),
            None,
        ),
        (
            "unknown-kind.json",
            format!(r#"{{"kind": "paragon.integration_credentials", "document": {DOC}}}"#)
                .into_bytes(),
            None,
        ),
        (
            "kind-not-string.json",
            format!(r#"{{"kind": 7, "document": {DOC}}}"#).into_bytes(),
            None,
        ),
        (
            "document-array.json",
            format!(r#"{{"kind": "{KIND}", "document": [{DOC}]}}"#).into_bytes(),
            None,
        ),
        (
            "batch-element.json",
            format!(r#"[{envelope}, {DOC}]"#).into_bytes(),
            None,
        ),
        (
            "misspelt-kind-key.json",
            format!(r#"{{"Kind": "{KIND}", "document": {DOC}}}"#).into_bytes(),
            None,
        ),
        (
            "kind-with-space.json",
            format!(r#"{{"kind ": "{KIND}", "document": {DOC}}}"#).into_bytes(),
            None,
        ),
        (
            "documents.json",
            format!(r#"{{"kind": "{KIND}", "documents": {DOC}}}"#).into_bytes(),
            None,
        ),
        (
            "plan-key-envelope.json",
            format!(r#"{{"kind": "{KIND}", "document": {DOC}, "resource_changes": []}}"#)
                .into_bytes(),
            None,
        ),
        (
            "plan-version-envelope.json",
            format!(
                r#"{{"kind": "{KIND}", "document": {DOC}, "format_version": "1.2", "terraform_version": "1.9.5"}}"#
            )
            .into_bytes(),
            None,
        ),
        ("bare-document.json", DOC.as_bytes().to_vec(), None),
    ]
}

/// Every rule a policy may configure.
fn configurable() -> Vec<&'static str> {
    registry::all()
        .map(|r| r.id)
        .filter(|id| !rules::is_input_failure(id))
        .collect()
}

#[test]
fn a_policy_cannot_configure_input_failures() {
    for id in ["structure/invalid-json", "structure/invalid-envelope"] {
        for level in ["off", "warning", "info", "error"] {
            let text = json!({"rules": {id: level}}).to_string();
            let e = Policy::from_text(&text).expect_err("refused");
            assert!(e.contains("cannot be configured"), "{e}");
        }
    }
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "credlint.json",
        br#"{"rules": {"structure/invalid-json": "off"}}"#,
    );
    write(dir.path(), "a.json", b"{");
    let o = run_in(dir.path(), &["check", "a.json"], None);
    assert_eq!(code(&o), 2, "{}", err(&o));
    assert!(err(&o).contains("cannot be configured"), "{}", err(&o));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever severities a policy gives every configurable rule, an input that was not checked
    /// fails the run.
    #[test]
    fn no_policy_lets_an_unchecked_input_pass(levels in prop::collection::vec(0u8..4, 200)) {
        let ids = configurable();
        let rules_map: serde_json::Map<String, Value> = ids
            .iter()
            .zip(levels.iter().cycle())
            .map(|(id, l)| ((*id).to_owned(), json!(["off", "info", "warning", "error"][*l as usize])))
            .collect();
        let policy = Policy::from_value(&json!({"rules": rules_map})).expect("valid policy");
        for (name, bytes, max) in uncheckable() {
            let mut limits = Limits::default();
            if let Some(m) = max {
                limits.max_bytes = m.parse().expect("number");
            }
            let opts = Options { policy: policy.clone(), limits, ..Default::default() };
            let mut report = Report::new();
            match engine::check_file(name, &bytes, &opts) {
                Ok(r) => report.extend(r),
                Err(e) => report.unchecked(name, e.to_string()),
            }
            prop_assert!(!report.ok, "{name} passed under {rules_map:?}");
            prop_assert_ne!(report.exit_code(), 0, "{}", name);
        }
    }
}

#[test]
fn uncheckable_inputs_fail_through_the_binary_with_everything_off() {
    let dir = tempfile::tempdir().expect("tmp");
    let off: serde_json::Map<String, Value> = configurable()
        .into_iter()
        .map(|id| (id.to_owned(), json!("off")))
        .collect();
    write(
        dir.path(),
        "off.json",
        json!({ "rules": off }).to_string().as_bytes(),
    );
    for (name, bytes, max) in uncheckable() {
        write(dir.path(), name, &bytes);
        let mut args = vec!["check", name, "--policy", "off.json"];
        if let Some(m) = max {
            args.extend(["--max-bytes", m]);
        }
        for format in ["human", "json", "sarif"] {
            let mut a = args.clone();
            a.extend(["--format", format]);
            let o = run_in(dir.path(), &a, None);
            assert_ne!(code(&o), 0, "{name} ({format}): {}", out(&o));
            assert!(
                !out(&o).contains("All checks passed"),
                "{name}: {}",
                out(&o)
            );
            if format == "json" {
                let v: Value = serde_json::from_str(&out(&o)).expect("json");
                assert_eq!(v["ok"], false, "{name}");
            }
        }
    }
}

#[test]
fn plan_json_is_recognised_by_its_full_shape_only() {
    let opts = Options::default();
    let plan =
        br#"{"format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": []}"#;
    let r = engine::check_file("plan.json", plan, &opts).expect("runs");
    assert!(r.diagnostics.is_empty());
    // `resource_changes` alone is not plan JSON (and not credentials).
    let e = engine::check_file("x.json", br#"{"resource_changes": []}"#, &opts);
    assert!(matches!(e, Err(engine::Error::NeedKind)), "{e:?}");
    // Named explicitly, an envelope with a plan key is an error, never an empty plan.
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "env.json",
        format!(r#"{{"kind": "{KIND}", "document": {DOC}, "resource_changes": []}}"#).as_bytes(),
    );
    let o = run_in(dir.path(), &["check", "env.json"], None);
    assert_eq!(code(&o), 1, "{}", out(&o));
    assert!(
        out(&o).contains("structure/invalid-envelope"),
        "{}",
        out(&o)
    );
}

#[test]
fn a_walk_checks_what_a_user_expects_and_says_what_it_passes_over() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).expect("repo root");
    write(
        d,
        "infra/main.tf.json",
        br#"{
  "resource": {
    "paragon_integration_credentials": {
      "jira": {
        "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
        "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
        "oauth": {"client_id": "id", "client_secret": "QZLITERALQZ", "scopes": ["read"]}
      }
    }
  }
}
"#,
    );
    write(
        d,
        "infra/terraform.tfvars",
        b"region = \"eu\"\njira_client_secret = \"QZTFVARSQZ\"\n",
    );
    write(
        d,
        "infra/prod.tfvars.json",
        br#"{"db_password": "QZTFVARSJSONQZ", "size": 3}"#,
    );
    write(
        d,
        "UPPER.JSON",
        format!(r#"{{"kind": "{KIND}", "document": {{"integration_id": 7}}}}"#).as_bytes(),
    );
    write(
        d,
        "misspelt.json",
        format!(r#"{{"Kind": "{KIND}", "document": {DOC}}}"#).as_bytes(),
    );
    write(d, "package.json", br#"{"name": "app", "version": "1.0.0"}"#);
    write(
        d,
        "tsconfig.app.json",
        b"{\n  // comments\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
    );
    let o = run_in(d, &["check", "--format", "json", "--verbose"], None);
    let v: Value = serde_json::from_str(&out(&o)).expect("json");
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["rule"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let has = |file: &str, rule: &str| found.iter().any(|(f, r)| f.ends_with(file) && r == rule);
    assert!(has("main.tf.json", "secrets/hardcoded-secret"), "{found:?}");
    assert!(
        has("terraform.tfvars", "secrets/hardcoded-secret"),
        "{found:?}"
    );
    assert!(
        has("prod.tfvars.json", "secrets/hardcoded-secret"),
        "{found:?}"
    );
    assert!(has("UPPER.JSON", "structure/type"), "{found:?}");
    assert!(
        has("misspelt.json", "structure/invalid-envelope"),
        "{found:?}"
    );
    assert_eq!(code(&o), 1);
    // No secret in any output, and what was passed over is said with --verbose.
    for secret in ["QZLITERALQZ", "QZTFVARSQZ", "QZTFVARSJSONQZ"] {
        assert!(!out(&o).contains(secret) && !err(&o).contains(secret));
    }
    let notes = err(&o);
    assert!(notes.contains("passed over ./package.json"), "{notes}");
    assert!(notes.contains("passed over ./tsconfig.app.json"), "{notes}");
    // A credlint.json below the root that is not a valid policy (it holds an envelope) is
    // reported, and fails the run.
    write(
        d,
        "sub/credlint.json",
        format!(r#"{{"kind": "{KIND}", "document": {DOC}}}"#).as_bytes(),
    );
    let o = run_in(d, &["check", "sub"], None);
    assert_eq!(code(&o), 2, "{}", err(&o));
    assert!(err(&o).contains("sub/credlint.json"), "{}", err(&o));
}

#[test]
fn policy_discovery_stops_at_the_repository_root() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    // A permissive policy above the repository is never obeyed.
    write(
        d,
        "credlint.json",
        br#"{"rules": {"paragon/custom-scopes": "off", "paragon/reserved-extra-key": "off"}}"#,
    );
    std::fs::create_dir_all(d.join("repo/.git")).expect("repo");
    let repo = d.join("repo");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/credentials.json"),
        repo.join("c.json"),
    )
    .expect("copy");
    let o = run_in(&repo, &["check", "c.json", "--format", "json"], None);
    let v: Value = serde_json::from_str(&out(&o)).expect("json");
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(rules.contains(&"paragon/reserved-extra-key"), "{rules:?}");
    // Inside the repository, a policy is found upward.
    write(
        &repo,
        "credlint.json",
        br#"{"rules": {"paragon/reserved-extra-key": "off"}}"#,
    );
    std::fs::create_dir(repo.join("deep")).expect("mkdir");
    let o = run_in(
        &repo.join("deep"),
        &["check", "../c.json", "--format", "json"],
        None,
    );
    assert!(
        !out(&o).contains("paragon/reserved-extra-key"),
        "{}",
        out(&o)
    );
}

#[test]
fn outputs_tell_the_truth_about_unchecked_inputs() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    write(
        d,
        "ok.json",
        format!(r#"{{"kind": "{KIND}", "context": {{"operation": "create", "integration": {{"type": "jira"}}}}, "document": {DOC}}}"#).as_bytes(),
    );
    write(d, "other.json", br#"{"name": "x"}"#);
    for (args, what) in [
        (vec!["check", "missing.json"], "unreadable"),
        (vec!["check", "other.json"], "not an envelope"),
        (
            vec!["check", "ok.json", "missing.json"],
            "one of two unreadable",
        ),
    ] {
        let o = run_in(d, &args, None);
        assert_eq!(code(&o), 2, "{what}");
        assert!(
            !out(&o).contains("All checks passed"),
            "{what}: {}",
            out(&o)
        );
        assert!(out(&o).contains("Not passed"), "{what}: {}", out(&o));
        let mut a = args.clone();
        a.extend(["--format", "json"]);
        let v: Value = serde_json::from_slice(&run_in(d, &a, None).stdout).expect("json");
        assert_eq!(v["ok"], false, "{what}");
        assert!(!v["unchecked"].as_array().expect("listed").is_empty());
        let mut a = args.clone();
        a.extend(["--format", "sarif"]);
        let v: Value = serde_json::from_slice(&run_in(d, &a, None).stdout).expect("sarif");
        let inv = &v["runs"][0]["invocations"][0];
        assert_eq!(inv["executionSuccessful"], false, "{what}");
        assert!(
            !inv["toolExecutionNotifications"][0]["message"]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty()
        );
    }
    // A clean run is a successful invocation.
    let v: Value =
        serde_json::from_slice(&run_in(d, &["check", "ok.json", "--format", "sarif"], None).stdout)
            .expect("sarif");
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    // Errors past --max-diagnostics 0 are never "no problems".
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/credentials.json"),
        d.join("c.json"),
    )
    .expect("copy");
    let o = run_in(d, &["check", "c.json", "--max-diagnostics", "0"], None);
    assert_eq!(code(&o), 1);
    assert!(!out(&o).contains("No problems"), "{}", out(&o));
    assert!(out(&o).contains("not shown"), "{}", out(&o));
}

#[test]
fn human_output_escapes_control_characters() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "esc.json",
        br#"{"kind": "\u001b[2K\rAll checks passed", "document": {}}"#,
    );
    let o = run_in(dir.path(), &["check", "esc.json"], None);
    assert_eq!(code(&o), 1);
    let text = out(&o);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    assert!(text.contains("\\u{1b}[2K\\rAll checks passed"), "{text}");
}

#[test]
fn parse_errors_never_quote_the_input() {
    let opts = Options::default();
    let r = engine::check_file(
        "a.json",
        br#"{"kind": "x", "document": {"client_secret": QZ#SECRET}}"#,
        &opts,
    )
    .expect("runs");
    let m = &r.diagnostics[0].message;
    assert!(!m.contains('Q') && !m.contains('#'), "{m}");
    let r = engine::check_file("a.json", br#"{"a": #}"#, &opts).expect("runs");
    assert!(!r.diagnostics[0].message.contains('#'), "{r:?}");
}

#[test]
fn template_of_literals_is_a_hardcoded_secret() {
    let tf = "resource \"paragon_integration_credentials\" \"j\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id = \"a\"\n    client_secret = \"${\"LIT\"}ERAL\"\n    scopes = [\"read\"]\n  }\n}\n";
    let r = engine::check_file("main.tf", tf.as_bytes(), &Options::default()).expect("runs");
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.rule == "secrets/hardcoded-secret"),
        "{r:?}"
    );
    assert!(!format!("{r:?}").contains("LITERAL"));
}

#[test]
fn named_option_files_are_bounded_and_never_block() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "a.json", DOC.as_bytes());
    for args in [
        vec!["token-action", "/dev/zero"],
        vec!["check", "a.json", "--policy", "/dev/zero"],
        vec!["check", "a.json", "--context", "/dev/zero"],
        vec!["check", "/dev/zero"],
    ] {
        let start = Instant::now();
        let o = run_in(dir.path(), &args, None);
        assert_eq!(code(&o), 2, "{args:?}: {}", err(&o));
        assert!(
            err(&o).contains("not a regular file"),
            "{args:?}: {}",
            err(&o)
        );
        assert!(start.elapsed() < Duration::from_secs(5), "{args:?}");
    }
    // A FIFO named explicitly is refused, one in a folder passed over; neither blocks.
    let fifo = dir.path().join("w/x.json");
    std::fs::create_dir_all(fifo.parent().expect("parent")).expect("mkdir");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let start = Instant::now();
        let o = run_in(dir.path(), &["check", "w/x.json"], None);
        assert_eq!(code(&o), 2, "{}", err(&o));
        let o = run_in(dir.path(), &["check", "w", "--verbose"], None);
        assert!(err(&o).contains("passed over w/x.json"), "{}", err(&o));
        assert!(start.elapsed() < Duration::from_secs(5));
    }
    // Symbolic links that loop, or lead out of the tree, are not followed.
    let loops = dir.path().join("loops");
    std::fs::create_dir(&loops).expect("mkdir");
    std::os::unix::fs::symlink(".", loops.join("a")).expect("link");
    std::os::unix::fs::symlink(".", loops.join("b")).expect("link");
    std::os::unix::fs::symlink("/", loops.join("r")).expect("link");
    let start = Instant::now();
    let o = run_in(dir.path(), &["check", "loops", "--verbose"], None);
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(err(&o).contains("symbolic link to a folder"), "{}", err(&o));
}

/// Plan JSON: a value `after_sensitive` marks is never quoted, even when a message shortens it
/// (the shortened form is blanked too).
#[test]
fn plan_json_never_quotes_a_long_sensitive_value() {
    let long = "QZSENSITIVE".repeat(10);
    let plan = json!({
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "resource_changes": [{
            "address": "genesyscloud_oauth_client.c",
            "type": "genesyscloud_oauth_client",
            "name": "c",
            "change": {
                "actions": ["create"],
                "after": {"name": "c", "authorized_grant_type": long, "access_token_validity_seconds": 86400},
                "after_unknown": {},
                "after_sensitive": {"authorized_grant_type": true}
            }
        }]
    });
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "plan.json", plan.to_string().as_bytes());
    for format in ["human", "json", "sarif", "github"] {
        let o = run_in(
            dir.path(),
            &["check", "plan.json", "--format", format],
            None,
        );
        assert_eq!(code(&o), 1, "{}", out(&o));
        assert!(!out(&o).contains("QZSENSITIVE"), "{format}: {}", out(&o));
        assert!(out(&o).contains("genesys/grant-type"), "{}", out(&o));
    }
}

/// A whole field known only at apply (`merge(...)`): every rule that reads it is named as
/// skipped, never passed in silence.
#[test]
fn an_unknown_field_names_every_rule_it_skips() {
    let tf = "resource \"paragon_integration_credentials\" \"j\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id = \"a\"\n    client_secret = var.s\n    scopes = [\"read\"]\n  }\n  extra_configuration = merge({ clientId = \"x\" }, {})\n}\n";
    let r = engine::check_file("main.tf", tf.as_bytes(), &Options::default()).expect("runs");
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.rule).collect();
    for rule in [
        "paragon/reserved-extra-key",
        "paragon/reserved-key-lookalike",
        "paragon/extra-value-coercion",
    ] {
        assert!(skipped.contains(&rule), "{rule} not listed: {skipped:?}");
    }
    let reason = r
        .skipped
        .iter()
        .find(|s| s.rule == "paragon/reserved-extra-key")
        .map(|s| s.reason.as_str())
        .unwrap_or("");
    assert!(
        reason.contains("extra_configuration") && reason.contains("apply"),
        "{reason}"
    );
    // Turned off by a policy, a rule is not listed.
    let opts = Options {
        policy: Policy::from_text(r#"{"rules": {"paragon/reserved-extra-key": "off"}}"#)
            .expect("policy"),
        ..Default::default()
    };
    let r = engine::check_file("main.tf", tf.as_bytes(), &opts).expect("runs");
    assert!(
        !r.skipped
            .iter()
            .any(|s| s.rule == "paragon/reserved-extra-key")
    );
}
