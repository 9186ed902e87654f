//! Terraform inputs: `.tf` files and plan JSON, with positions, unknown values, secrets rules
//! and every output format.

use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_credlint");
const MARK: &str = "S3CR3TMARK";

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        o.status.code().expect("code"),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn found(
    json: &str,
) -> (
    Vec<(String, String, String, u64, u64)>,
    Vec<(String, String)>,
) {
    let v: Value = serde_json::from_str(json).expect("json");
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["resource"].as_str().unwrap_or("").to_owned(),
                d["rule"].as_str().expect("rule").to_owned(),
                d["path"].as_str().expect("path").to_owned(),
                d["line"].as_u64().expect("line"),
                d["column"].as_u64().expect("column"),
            )
        })
        .collect();
    let s = v["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (
                format!(
                    "{} {}",
                    s["resource"].as_str().unwrap_or(""),
                    s["rule"].as_str().expect("rule")
                ),
                s["reason"].as_str().expect("reason").to_owned(),
            )
        })
        .collect();
    (d, s)
}

fn t(r: &str, rule: &str, path: &str, line: u64, col: u64) -> (String, String, String, u64, u64) {
    (r.into(), rule.into(), path.into(), line, col)
}

#[test]
fn tf_file_diagnostics_are_at_the_attribute() {
    let (code, out, _) = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/terraform/main.tf",
    ]);
    assert_eq!(code, 1);
    let (diags, skipped) = found(&out);
    let acme = "paragon_integration_credentials.acme";
    assert_eq!(
        diags,
        vec![
            t(
                acme,
                "secrets/hardcoded-secret",
                "/oauth/client_secret",
                25,
                21
            ),
            t(acme, "paragon/custom-scopes", "/oauth/scopes", 26, 5),
            t(
                acme,
                "paragon/reserved-extra-key",
                "/extra_configuration/clientId",
                29,
                5
            ),
            t("output.acme_secret", "secrets/sensitive-output", "", 36, 11),
            t(
                "variable.api_password",
                "secrets/hardcoded-secret",
                "",
                40,
                13
            ),
        ]
    );
    // References are unknown: their value checks are skipped and listed, never reported.
    assert!(
        skipped
            .iter()
            .any(|(r, why)| r.ends_with(" structure/type") && why.contains("`local.project_id`")),
        "{skipped:?}"
    );
    // `integration_id = data.paragon_integrations.all.integrations["custom.acme"].id` made acme
    // custom; jira's type is not known.
    assert!(
        !skipped
            .iter()
            .any(|(r, _)| r == "paragon_integration_credentials.acme paragon/custom-scopes"),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|(r, _)| r == "paragon_integration_credentials.jira paragon/custom-scopes"),
        "{skipped:?}"
    );
}

#[test]
fn tf_context_map_by_data_source_key() {
    let dir = tempfile::tempdir().expect("tmp");
    let ctx = dir.path().join("integrations.json");
    std::fs::write(
        &ctx,
        r#"{"custom.acme": {"id": "e09db889-dad3-49e4-895b-96b22d7de0db", "type": "custom.acme", "authentication_type": "basic", "custom_integration_id": "x"}}"#,
    )
    .expect("write");
    let (_, out, _) = run(&[
        "check",
        "--format",
        "json",
        "--context",
        ctx.to_str().expect("utf8"),
        "tests/fixtures/terraform/main.tf",
    ]);
    let (diags, _) = found(&out);
    assert!(
        diags
            .iter()
            .any(|d| d.1 == "paragon/custom-auth-type"
                && d.0 == "paragon_integration_credentials.acme"),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.1 == "paragon/extra-config-auth-type"),
        "{diags:?}"
    );
}

#[test]
fn terraform_conversions_apply() {
    let dir = tempfile::tempdir().expect("tmp");
    let f = dir.path().join("conv.tf");
    // HCL `true` and numbers in a map(string) become strings; a boolean is not an invalid extra value.
    std::fs::write(
        &f,
        "resource \"paragon_integration_credentials\" \"x\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id = \"a\"\n    client_secret = var.s\n    scopes = [\"read\"]\n  }\n  extra_configuration = {\n    flag = true\n    n = 3\n    s = \"+5\"\n  }\n}\n",
    )
    .expect("write");
    let (code, out, _) = run(&[
        "check",
        "--format",
        "json",
        "--context",
        "/dev/null",
        f.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 2, "an empty context file is not JSON: {out}");
    let (code, out, _) = run(&["check", "--format", "json", f.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{out}");
    let (diags, _) = found(&out);
    assert_eq!(
        diags
            .iter()
            .map(|d| (d.1.as_str(), d.3))
            .collect::<Vec<_>>(),
        vec![("paragon/extra-value-coercion", 12)]
    );
}

#[test]
fn plan_json_uses_after_and_names_the_address() {
    let (code, out, _) = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/terraform/plan.json",
    ]);
    assert_eq!(code, 1);
    let (diags, skipped) = found(&out);
    let acme = "paragon_integration_credentials.acme";
    let marked = "genesyscloud_oauth_client.marked";
    assert_eq!(
        diags,
        vec![
            t(
                acme,
                "paragon/extra-value-coercion",
                "/extra_configuration/timeout",
                40,
                36
            ),
            t(acme, "paragon/custom-scopes", "/oauth/scopes", 42, 79),
            t(
                marked,
                "genesys/grant-type",
                "/authorized_grant_type",
                60,
                11
            ),
            t(marked, "genesys/state", "/state", 64, 11),
        ]
    );
    // Values `after_sensitive` marks are never quoted, although these fields are not secret in
    // themselves: the field is named, the value blanked.
    let v: Value = serde_json::from_str(&out).expect("json");
    let grant = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["rule"] == "genesys/grant-type")
        .expect("grant-type");
    assert_eq!(
        grant["message"],
        "`[redacted]` is not allowed for `authorized_grant_type`; allowed: `CODE`, `TOKEN`, `SAML2-BEARER`, `SAML2BEARER`, `PASSWORD`, `CLIENT-CREDENTIALS`"
    );
    // Unknown-after-apply attributes are skipped, not reported; `operation` comes from the actions.
    assert!(
        skipped
            .iter()
            .any(|(r, why)| r.ends_with(" structure/type") && why.contains("after apply")),
        "{skipped:?}"
    );
    assert!(
        !skipped
            .iter()
            .any(|(r, _)| r.ends_with(" paragon/update-non-oauth")),
        "{skipped:?}"
    );
}

#[test]
fn invalid_and_hostile_hcl() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.tf");
    std::fs::write(&bad, format!("resource \"paragon_integration_credentials\" \"x\" {{\n  oauth = {{ client_secret = \"{MARK}\n}}\n")).expect("write");
    let (code, out, err) = run(&["check", "--format", "json", bad.to_str().expect("utf8")]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["diagnostics"][0]["rule"], "structure/invalid-json");
    assert!(
        v["diagnostics"][0]["message"]
            .as_str()
            .expect("msg")
            .starts_with("invalid HCL")
    );
    assert!(v["diagnostics"][0]["line"].as_u64().is_some());
    assert!(!out.contains(MARK) && !err.contains(MARK));
    let deep = dir.path().join("deep.tf");
    std::fs::write(&deep, format!("x = {}", "[".repeat(100_000))).expect("write");
    let (code, out, _) = run(&["check", "--format", "json", deep.to_str().expect("utf8")]);
    assert_eq!(code, 1);
    assert!(out.contains("nesting deeper than"));
}

#[test]
fn sarif_and_github_shapes() {
    let (_, out, _) = run(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/terraform/main.tf",
    ]);
    let v: Value = serde_json::from_str(&out).expect("sarif is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), 5);
    for r in results {
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(
            rules[idx]["help"]["text"]
                .as_str()
                .is_some_and(|h| !h.is_empty())
        );
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().is_some_and(|l| l >= 1));
    }
    let (_, out, _) = run(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/terraform/main.tf",
    ]);
    let first = out.lines().next().expect("a line");
    assert!(first.starts_with("::error file=tests/fixtures/terraform/main.tf,line=25,col=21,title=secrets/hardcoded-secret::"), "{first}");
    assert_eq!(out.lines().count(), 5);
}

/// The seeds' own HCL, verbatim: seed 000's five blocks each write the client secret as a
/// literal (the seed itself warns that credentials "should be stored securely and not exposed in
/// any public repositories"), and nothing else is wrong without context; seed 004's Genesys
/// client (authorization code, a redirect URI, scopes, 600 s) is valid.
#[test]
fn seed_hcl_examples_give_the_verdicts_their_text_implies() {
    let (code, out, _) = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/terraform/seed-000.tf",
    ]);
    assert_eq!(code, 1);
    let (diags, skipped) = found(&out);
    let secret = |resource: &str, line: u64| {
        t(
            &format!("paragon_integration_credentials.{resource}"),
            "secrets/hardcoded-secret",
            "/oauth/client_secret",
            line,
            21,
        )
    };
    assert_eq!(
        diags,
        vec![
            secret("jira", 10),
            secret("example", 21),
            secret("custom_integration", 32),
            secret("advanced_config", 49),
            secret("jira_app_auth", 67)
        ]
    );
    // `project_id = local.project_id` is unknown until apply: skipped, never reported.
    assert!(
        skipped
            .iter()
            .any(|(r, why)| r.ends_with(" structure/type") && why.contains("local.project_id")),
        "{skipped:?}"
    );

    let (code, out, _) = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/terraform/seed-004.tf",
    ]);
    assert_eq!(code, 0, "{out}");
    let (diags, _) = found(&out);
    assert!(diags.is_empty(), "{diags:?}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["summary"]["documents"], 1);
}
