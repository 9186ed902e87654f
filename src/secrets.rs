//! Secrets in source files: literal secrets in `.tf` files, and outputs that expose secret
//! attributes. Seed 000: "The credentials should be stored securely and not exposed in any public
//! repositories." A commit hook is where that is caught. The rules and the JSON scan live here;
//! the scan of `.tf` files is in `hcl_secrets` (feature `terraform`).

use crate::diagnostic::{Severity, Sink};
use crate::json::{Member, SpanRef, View, pointer};
use crate::rules::{Example, RuleMeta, doc, fix_doc};
use crate::text::describe;

/// Attribute names whose values are secrets wherever they appear.
pub const SECRET_NAMES: &[&str] = &["client_secret", "password", "access_token", "refresh_token"];

/// Whether a variable's name says it holds a secret (`client_secret`, `db_password`,
/// `api_token`...).
pub fn secret_variable_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&name.as_str())
        || ["secret", "password", "token"]
            .iter()
            .any(|w| name.contains(w))
}

pub static HARDCODED_SECRET: RuleMeta = RuleMeta {
    id: "secrets/hardcoded-secret",
    kind: "*",
    severity: Severity::Error,
    fix: fix_doc(Some(
        "unsafe, in `.tf` files: the literal becomes a reference to a new variable (`var.<block name>_<field>`) declared `sensitive = true` at the end of the file, whose value must then be given at apply time; no fix when that variable exists, in `.tfvars` files or for a variable's `default`. Rotate the secret anyway: it stays in the history",
    )),
    summary: doc("a secret field holds a literal in a Terraform file instead of a reference"),
    why: doc(
        "A `client_secret`, `password`, `access_token` or `refresh_token` written into a `.tf` file is committed with it and readable by everyone with access to the repository, for ever (history keeps it after the line is changed). Reference a variable (`var.x`, marked `sensitive = true`), a local, or a data source from a secret store instead. JSON inputs (forms, API payloads, envelope files) are exempt by default.",
    ),
    source: doc(
        "seed 000 (\"credentials should be stored securely and not exposed in any public repositories\")",
    ),
    examples: &[
        Example::pass(
            "terraform",
            "",
            "resource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = var.jira_client_secret\n    scopes        = [\"read\"]\n  }\n}\n",
        ),
        Example::fail(
            "terraform",
            "",
            "resource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = \"secret\"\n    scopes        = [\"read\"]\n  }\n}\n",
        ),
    ],
};

pub static SENSITIVE_OUTPUT: RuleMeta = RuleMeta {
    id: "secrets/sensitive-output",
    kind: "*",
    severity: Severity::Warning,
    fix: None,
    summary: doc("a Terraform `output` exposes a secret attribute without `sensitive = true`"),
    why: doc(
        "An output prints its value after every apply and stores it in plain text in the state; an output built from `oauth`, `extra_configuration` or a client secret must say `sensitive = true` (Terraform then refuses to print it).",
    ),
    source: doc("Terraform outputs; seed 000 (credentials must not be exposed)"),
    examples: &[
        Example::pass(
            "terraform",
            "",
            "output \"secret\" {\n  value     = paragon_integration_credentials.jira.oauth.client_secret\n  sensitive = true\n}\n",
        ),
        Example::fail(
            "terraform",
            "",
            "output \"secret\" {\n  value = paragon_integration_credentials.jira.oauth.client_secret\n}\n",
        ),
    ],
};

pub static RULES: &[&RuleMeta] = &[&HARDCODED_SECRET, &SENSITIVE_OUTPUT];

/// `secrets/hardcoded-secret` over a JSON document, for policies that turn it on for JSON inputs.
pub fn scan_json(value: SpanRef<'_>, path: &str, sink: &mut Sink) {
    match value.view() {
        View::Object(object) => {
            for Member {
                key: k, value: v, ..
            } in object.distinct()
            {
                let here = pointer::join(path, k);
                if SECRET_NAMES.contains(&k) && v.as_str().is_some_and(|s| !s.is_empty()) {
                    sink.report(&HARDCODED_SECRET, here.clone(), || format!("{} holds a literal secret in a file", describe(&here)))
                        .hint("keep secrets out of files in the repository: inject them at run time from a secret store");
                }
                scan_json(v, &here, sink);
            }
        }
        View::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                scan_json(v, &pointer::join(path, &i.to_string()), sink);
            }
        }
        _ => {}
    }
}
