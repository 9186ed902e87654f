//! The built `credlint` binary: exit codes, output formats, policy, context, batches, stdin.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_credlint");

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

fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

const VALID: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b", "scopes": ["read"]}}"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

#[test]
fn exit_codes_follow_the_interface() {
    // 0: no errors (the only finding here is a warning).
    let dir = tempfile::tempdir().expect("tmp");
    let warn = write(
        dir.path(),
        "warn.json",
        r#"{"kind": "paragon.integration-credentials", "context": {"operation": "create", "integration": {"type": "jira"}}, "document": {"integration_id": "jira", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b", "scopes": ["read"]}}}"#,
    );
    let o = run_in(dir.path(), &["check", &warn], None);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("warning[paragon/id-format]"));
    // 1: an error.
    let o = run(&["check", "examples/credentials.json"]);
    assert_eq!(code(&o), 1);
    // 2: could not run.
    assert_eq!(code(&run(&["check", "no/such/file.json"])), 2);
    assert_eq!(
        code(&run(&[
            "check",
            "--kind",
            "nope",
            "examples/credentials.json"
        ])),
        2
    );
    assert_eq!(
        code(&run(&[
            "check",
            "--format",
            "xml",
            "examples/credentials.json"
        ])),
        2
    );
    assert_eq!(code(&run(&["frobnicate"])), 2);
    assert_eq!(code(&run(&["explain", "paragon/no-such-rule"])), 2);
    assert_eq!(code(&run(&["schema", "nope"])), 2);
    assert_eq!(code(&run(&["explain", "paragon/reserved-extra-key"])), 0);
    assert_eq!(code(&run(&["rules"])), 0);
    // Formats for diagnostics only: `rules` refuses them rather than printing something else.
    assert_eq!(code(&run(&["rules", "--format", "sarif"])), 2);
    assert_eq!(code(&run(&["rules", "--format", "github"])), 2);
    assert_eq!(code(&run(&["--help"])), 0);
    // A bare document without --kind cannot be checked: it is shaped like a known kind, so it
    // fails (never passed over) with a hint to give its kind.
    let bare = write(dir.path(), "bare.json", VALID);
    let o = run_in(dir.path(), &["check", &bare], None);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("structure/invalid-envelope") && out.contains("--kind"),
        "{out}"
    );
    // JSON that is not shaped like credentials at all is not an envelope: exit 2.
    let other = write(
        dir.path(),
        "other.json",
        r#"{"name": "x", "version": "1.0.0"}"#,
    );
    let o = run_in(dir.path(), &["check", &other], None);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--kind"));
}

#[test]
fn json_output_has_the_documented_shape() {
    let o = run(&["check", "--format", "json", "examples/credentials.json"]);
    let v = json_out(&o);
    assert_eq!(v["ok"], false);
    let d = &v["diagnostics"][0];
    for key in [
        "file", "rule", "severity", "path", "line", "column", "message",
    ] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
    }
    assert!(d.get("index").is_none(), "index only for batches");
    let s = &v["summary"];
    for key in ["files", "documents", "errors", "warnings", "infos"] {
        assert!(s[key].is_u64(), "summary lacks {key}");
    }
    assert_eq!(
        s["errors"].as_u64().unwrap() as usize,
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count()
    );
    assert!(v["skipped"].is_array());
}

#[test]
fn human_output_is_ruff_like() {
    let o = run(&["check", "examples/credentials.json"]);
    let out = stdout(&o);
    assert!(
        out.lines().any(|l| l == "examples/credentials.json:16:7: error[paragon/reserved-extra-key] `extra_configuration` may not hold the reserved key `clientId`"),
        "{out}"
    );
    assert!(out.contains("  help: move the client id into `oauth.client_id`"));
    assert!(
        out.lines()
            .any(|l| l.starts_with("Found ") && l.ends_with("in 1 file (1 document).")),
        "{out}"
    );
    // Then how many findings a fix run would fix.
    assert!(
        out.trim_end()
            .ends_with("fixable with `--fix --unsafe-fixes`).")
            || out.trim_end().ends_with("fixable with `--fix`."),
        "{out}"
    );
}

#[test]
fn batches_report_each_element_with_its_index() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "corpus/paragon.integration-credentials/rules-fail-batch.json",
    ]);
    let v = json_out(&o);
    assert_eq!(v["summary"]["documents"], 6);
    let indexes: std::collections::BTreeSet<u64> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["index"].as_u64().expect("index"))
        .collect();
    assert_eq!(
        indexes.into_iter().collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4, 5]
    );
}

#[test]
fn stdin_with_kind_and_positions() {
    let input = "{\n  \"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\",\n  \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\",\n  \"oauth\": {\"client_id\": \"a\", \"client_secret\": \"b\"},\n  \"extra_configuration\": {\"scopes\": \"x\"}\n}\n";
    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "check",
            "--stdin",
            "--kind",
            "paragon.integration-credentials",
            "--format",
            "json",
            "--stdin-filename",
            "form.json",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(code(&o), 1);
    let v = json_out(&o);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "paragon/reserved-extra-key")
        .expect("reserved key found");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("form.json"), Some(5), Some(27))
    );
    assert_eq!(d["path"], "/extra_configuration/scopes");
}

#[test]
fn invalid_json_and_invalid_utf8_are_diagnostics_with_positions() {
    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "check",
            "--stdin",
            "--kind",
            "paragon.integration-credentials",
            "--format",
            "json",
        ],
        Some(b"{\n  \"a\": tru\n}"),
    );
    assert_eq!(code(&o), 1);
    let d = &json_out(&o)["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("structure/invalid-json"), Some(2), Some(8))
    );

    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "check",
            "--stdin",
            "--kind",
            "paragon.integration-credentials",
            "--format",
            "json",
        ],
        Some(b"{\n  \"a\": \"\xff\"\n}"),
    );
    assert_eq!(code(&o), 1);
    let d = &json_out(&o)["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("structure/invalid-json"), Some(2), Some(9))
    );
}

#[test]
fn policy_overrides_severity_and_unknown_ids_fail() {
    let dir = tempfile::tempdir().expect("tmp");
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).expect("mkdir");
    let file = write(
        &nested,
        "creds.json",
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/credentials.json"),
        )
        .expect("example"),
    );
    // Without a policy: exit 1.
    assert_eq!(code(&run_in(&nested, &["check", &file], None)), 1);
    // credlint.json found upward turns every error of this file off or down.
    write(
        dir.path(),
        "credlint.json",
        r#"{"rules": {"paragon/custom-scopes": "off", "paragon/reserved-extra-key": "warning", "paragon/extra-value-non-finite": "info", "paragon/extra-value-type": "off"}}"#,
    );
    let o = run_in(&nested, &["check", "--format", "json", &file], None);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v = json_out(&o);
    let rules: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert!(rules.contains(&("paragon/reserved-extra-key", "warning")));
    assert!(rules.contains(&("paragon/extra-value-non-finite", "info")));
    assert!(
        !rules
            .iter()
            .any(|(r, _)| *r == "paragon/custom-scopes" || *r == "paragon/extra-value-type")
    );
    // --policy wins over discovery, and raising works too.
    let strict = write(
        dir.path(),
        "strict.json",
        r#"{"rules": {"paragon/duplicate-scope": "error"}}"#,
    );
    let v = json_out(&run_in(
        &nested,
        &["check", "--format", "json", "--policy", &strict, &file],
        None,
    ));
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "paragon/duplicate-scope" && d["severity"] == "error")
    );
    // The hard-coded secret rule is off for JSON unless the policy turns it on.
    assert!(
        !json_out(&run_in(
            &nested,
            &["check", "--format", "json", &file],
            None
        ))["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "secrets/hardcoded-secret")
    );
    let on = write(
        dir.path(),
        "on.json",
        r#"{"options": {"secrets/hardcoded-secret": {"json": true}}}"#,
    );
    let v = json_out(&run_in(
        &nested,
        &["check", "--format", "json", "--policy", &on, &file],
        None,
    ));
    assert!(v["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "secrets/hardcoded-secret" && d["path"] == "/oauth/client_secret"), "{v}");
    // Unknown rule ids, severities and fields are errors (exit 2), naming the problem.
    for bad in [
        r#"{"rules": {"paragon/nope": "off"}}"#,
        r#"{"rules": {"paragon/id-format": "fatal"}}"#,
        r#"{"rulez": {}}"#,
        "[1",
        r#"{"options": {"paragon/id-format": {}}}"#,
        r#"{"options": {"secrets/hardcoded-secret": {"yaml": true}}}"#,
    ] {
        let p = write(dir.path(), "bad.json", bad);
        let o = run_in(&nested, &["check", "--policy", &p, &file], None);
        assert_eq!(code(&o), 2, "{bad}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("invalid policy"),
            "{bad}"
        );
    }
}

#[test]
fn context_file_may_be_the_integrations_data_source_map() {
    let dir = tempfile::tempdir().expect("tmp");
    let ctx = write(
        dir.path(),
        "integrations.json",
        r#"{"jira": {"id": "d589fe10-b66e-4cb2-885a-0440393886f4", "type": "jira", "authentication_type": "oauth", "custom_integration_id": ""},
            "custom.acme": {"id": "e09db889-dad3-49e4-895b-96b22d7de0db", "type": "custom.acme", "authentication_type": "basic", "custom_integration_id": "f1"}}"#,
    );
    let batch = write(
        dir.path(),
        "batch.json",
        r#"[
          {"kind": "paragon.integration-credentials", "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b"}}},
          {"kind": "paragon.integration-credentials", "document": {"integration_id": "e09db889-dad3-49e4-895b-96b22d7de0db", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "a", "client_secret": "b"}}}
        ]"#,
    );
    let v = json_out(&run_in(
        dir.path(),
        &["check", "--format", "json", "--context", &ctx, &batch],
        None,
    ));
    let found: Vec<(u64, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["index"].as_u64().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&(0, "paragon/missing-scopes")), "{found:?}");
    assert!(
        found.contains(&(1, "paragon/custom-auth-type")),
        "{found:?}"
    );
    assert!(
        !v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "paragon/custom-scopes" || s["rule"] == "paragon/missing-scopes")
    );
    // Without the context file the same rules are skipped, never silently passed.
    let v = json_out(&run_in(
        dir.path(),
        &["check", "--format", "json", &batch],
        None,
    ));
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rule"].as_str().unwrap())
        .collect();
    assert!(
        skipped.contains(&"paragon/missing-scopes")
            && skipped.contains(&"paragon/custom-auth-type"),
        "{skipped:?}"
    );
    let human = stdout(&run_in(dir.path(), &["check", &batch], None));
    assert!(
        human.contains("Skipped for lack of context") && human.contains("paragon/missing-scopes"),
        "{human}"
    );
}

#[test]
fn directories_are_walked_for_envelopes() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("node_modules")).expect("mkdir");
    write(dir.path(), "package.json", r#"{"name": "x"}"#);
    write(
        &dir.path().join("node_modules"),
        "bad.json",
        r#"{"kind": "paragon.integration-credentials", "document": {}}"#,
    );
    write(
        &dir.path().join("sub"),
        "bad.json",
        r#"{"kind": "paragon.integration-credentials", "document": {}}"#,
    );
    let v = json_out(&run_in(
        dir.path(),
        &["check", "--format", "json", "."],
        None,
    ));
    assert_eq!(v["summary"]["files"], 1, "only the envelope counts: {v}");
    assert!(
        v["diagnostics"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("bad.json")
    );
}

#[test]
fn schema_and_rules_commands() {
    let o = run(&["schema", "paragon.integration-credentials"]);
    let v = json_out(&o);
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let v = json_out(&run(&["rules", "--format", "json"]));
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"paragon/reserved-extra-key") && ids.contains(&"structure/duplicate-key")
    );
    let explain = stdout(&run(&["explain", "paragon/extra-value-coercion"]));
    assert!(
        explain.contains("parseStringToAppropriateType")
            && explain.contains("Fails")
            && explain.contains("Passes")
    );
}

#[test]
fn token_action_decides_like_the_platform() {
    let f = "corpus/itential.token-config/seed-retrieved-token.json";
    let action = |extra: &[&str]| {
        let mut args = vec!["token-action", f];
        args.extend_from_slice(extra);
        let o = run(&args);
        (code(&o), stdout(&o).trim().to_owned())
    };
    // The envelope's context gives the clock; `--now` overrides it.
    assert_eq!(action(&[]), (0, "use".into()));
    assert_eq!(
        action(&["--now", "2024-05-01T10:59:59Z"]),
        (0, "use".into())
    );
    // Exactly at `expires_at` the token is expired; refresh token and URL are present.
    assert_eq!(
        action(&["--now", "2024-05-01T11:00:00Z"]),
        (0, "refresh".into())
    );
    assert_eq!(
        action(&["--now", "2024-05-01T12:00:00+01:00"]),
        (0, "refresh".into())
    );
    let v: Value =
        serde_json::from_str(&action(&["--now", "2099-01-01T00:00:00Z", "--format", "json"]).1)
            .expect("json");
    assert_eq!(v["action"], "refresh");
    // Bad times and wrong kinds cannot run: exit 2.
    assert_eq!(action(&["--now", "yesterday"]).0, 2);
    assert_eq!(
        code(&run(&["token-action", "examples/credentials.json"])),
        2
    );
    let o = run(&["token-action", f, "--now", "2024-05-01T11:00:00Z"]);
    assert!(!stdout(&o).contains("eyJ") && !String::from_utf8_lossy(&o.stderr).contains("eyJ"));
}

/// A document with a safe fix (a repeated scope) and an unsafe one (a reserved key to move),
/// CRLF line endings and a trailing newline.
const FIXABLE: &str = "{\r\n  \"kind\": \"paragon.integration-credentials\",\r\n  \"document\": {\r\n    \"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\",\r\n    \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\",\r\n    \"oauth\": {\"client_secret\": \"S3CR3TMARK\", \"scopes\": [\"read\", \"read\", \"write\"]},\r\n    \"extra_configuration\": {\"clientId\": \"ID4MARK\"}\r\n  }\r\n}\r\n";

#[test]
fn fix_applies_safe_fixes_and_unsafe_ones_when_asked() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(dir.path(), "c.json", FIXABLE);
    let o = run_in(dir.path(), &["check", "c.json"], None);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("  fix (--fix): remove the repeated scope"),
        "{out}"
    );
    assert!(
        out.contains("1 fixable with `--fix` (1 more with `--fix --unsafe-fixes`)."),
        "{out}"
    );
    assert!(
        !out.contains("ID4MARK") && !out.contains("S3CR3TMARK"),
        "{out}"
    );
    // The JSON output's fix does not show the moved value.
    let o = run_in(dir.path(), &["check", "--format", "json", "c.json"], None);
    let v = json_out(&o);
    let fixes: Vec<&Value> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d.get("fix"))
        .collect();
    assert_eq!(fixes.len(), 2);
    assert_eq!(fixes[0]["applicability"], "safe");
    assert_eq!(fixes[0]["edits"][0]["line"], 6);
    assert_eq!(fixes[1]["applicability"], "unsafe");
    assert!(!stdout(&o).contains("ID4MARK"));
    // SARIF results carry the fix (§3.55), except one whose replacement is withheld.
    let o = run_in(dir.path(), &["check", "--format", "sarif", "c.json"], None);
    let v = json_out(&o);
    let results = v["runs"][0]["results"].as_array().expect("results");
    let with_fixes: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .collect();
    assert_eq!(with_fixes.len(), 1);
    let change = &with_fixes[0]["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "c.json");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startLine"], 6);
    assert_eq!(replacement["insertedContent"]["text"], "");
    assert!(!stdout(&o).contains("ID4MARK"));

    // --fix: the safe fix only; everything else byte for byte.
    let o = run_in(dir.path(), &["check", "--fix", "c.json"], None);
    assert_eq!(code(&o), 1, "the reserved key remains an error");
    assert!(stdout(&o).contains("Fixed 1 problem;"), "{}", stdout(&o));
    let after = std::fs::read_to_string(&file).expect("read");
    assert_eq!(after, FIXABLE.replace("\"read\", \"read\"", "\"read\""));
    // A second run changes nothing.
    let o = run_in(dir.path(), &["check", "--fix", "c.json"], None);
    assert!(!stdout(&o).contains("Fixed"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), after);

    // --unsafe-fixes: the client id moves into `oauth`, and the file passes.
    let o = run_in(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "c.json"],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let after = std::fs::read_to_string(&file).expect("read");
    assert!(after.contains("\"scopes\": [\"read\", \"write\"], \"client_id\": \"ID4MARK\"},\r\n    \"extra_configuration\": {}\r\n"), "{after}");
}

#[test]
fn diff_writes_nothing_and_exits_1_when_something_would_change() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(dir.path(), "c.json", FIXABLE);
    let o = run_in(dir.path(), &["check", "--diff", "c.json"], None);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.starts_with("--- c.json\n+++ c.json\n@@"), "{out}");
    assert!(out.contains("-    \"oauth\": {\"client_secret\""), "{out}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), FIXABLE);
    assert!(String::from_utf8_lossy(&o.stderr).contains("would fix 1 problem"));
    // The file's control characters are shown escaped; tabs and CRLF stay.
    let tricky = FIXABLE.replace("\"write\"]", "\"write\"], \"x\u{202e}y\":\t1");
    write(dir.path(), "t.json", &tricky);
    let o = run_in(dir.path(), &["check", "--diff", "t.json"], None);
    let out = stdout(&o);
    assert!(out.contains("\"x\\u{202e}y\":\t1},\r\n"), "{out:?}");
    assert!(!out.contains('\u{202e}'));
    // Nothing to change: exit 0, no output.
    let clean = write(
        dir.path(),
        "ok.json",
        &format!(
            "{{\"kind\": \"paragon.integration-credentials\", \"context\": {{\"integration\": {{\"type\": \"jira\"}}}}, \"document\": {VALID}}}"
        ),
    );
    let o = run_in(dir.path(), &["check", "--diff", &clean], None);
    assert_eq!((code(&o), stdout(&o).as_str()), (0, ""));
}

#[test]
fn stdin_fix_prints_the_fixed_text_and_reports_on_stderr() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = run_in(
        dir.path(),
        &["check", "--stdin", "--fix", "--stdin-filename", "c.json"],
        Some(FIXABLE.as_bytes()),
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        FIXABLE.replace("\"read\", \"read\"", "\"read\"")
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Fixed 1 problem;"), "{err}");
    assert_eq!(code(&o), 1);
    // Nothing to fix: the text comes back as it was.
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--stdin",
            "--fix",
            "--kind",
            "paragon.integration-credentials",
        ],
        Some(VALID.as_bytes()),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), VALID);
}

#[test]
fn explain_says_how_a_rule_fixes_and_tf_files_are_fixed_too() {
    let o = run(&["explain", "paragon/duplicate-scope"]);
    assert!(
        stdout(&o).contains("\nFix: safe: the repeated scope is removed\n"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&run(&["explain", "paragon/id-format"])).contains("Fix:"));
    let dir = tempfile::tempdir().expect("tmp");
    let tf = "resource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = \"S3CR3TMARK\" # a comment\n    scopes        = [\"read\"]\n  }\n}\n";
    let file = write(dir.path(), "main.tf", tf);
    // Unsafe: --fix alone leaves it.
    let o = run_in(dir.path(), &["check", "--fix", "main.tf"], None);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("1 fixable with `--fix --unsafe-fixes`."),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("S3CR3TMARK"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), tf);
    let o = run_in(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "main.tf"],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        tf.replace(
            "\"S3CR3TMARK\" # a comment",
            "var.jira_client_secret # a comment"
        ) + "\nvariable \"jira_client_secret\" {\n  type      = string\n  sensitive = true\n}\n"
    );
}
