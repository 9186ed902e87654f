//! The organisation's own constraints: rules a policy switches on by giving them options
//! (INTERFACES.md: "rule options (e.g. allowed scopes, maximum token lifetime)"). Without their
//! options they have nothing to compare with and report nothing. Every kind's fields declare their
//! role ([`Role::Scopes`], [`Role::TokenLifetime`]), so one rule covers every kind, with no hook
//! of its own in any of them.
//!
//! ```json
//! {"options": {"policy/scope-not-allowed": {"allowed": ["read", "write"]},
//!              "policy/token-lifetime": {"max_seconds": 3600}}}
//! ```

use serde_json::Value;

use crate::diagnostic::{Severity, Sink};
use crate::json::{SpanRef, View};
use crate::kinds::Kind;
use crate::rules::{Example, RuleMeta, doc};
use crate::structure::{Role, Ty, with_role};
use crate::text::{clip, describe};

const CREDS: &str = "paragon.integration-credentials";
const GENESYS: &str = "genesys.oauth-client";
const CREDS_DOC: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read", "admin:org"]}}"#;
const GENESYS_DOC: &str = r#"{"name": "Reports", "authorized_grant_type": "CLIENT-CREDENTIALS", "access_token_validity_seconds": 86400, "roles": [{"role_id": "r", "division_id": "*"}]}"#;

pub static SCOPE_NOT_ALLOWED: RuleMeta = RuleMeta {
    id: "policy/scope-not-allowed",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a scope the policy does not allow (`options.\"policy/scope-not-allowed\".allowed`)",
    ),
    why: doc(
        "Least privilege: an organisation lists the scopes its integrations may request, and a credential asking for more (a copied `admin:org`, a wildcard) is caught before it is granted. Reports nothing until a policy lists the allowed scopes.",
    ),
    source: doc("RFC 9700 §2.3 (privilege restriction); INTERFACES.md (policy rule options)"),
    examples: &[
        Example::pass(CREDS, "", CREDS_DOC).with_policy(
            r#"{"options": {"policy/scope-not-allowed": {"allowed": ["read", "admin:org"]}}}"#,
        ),
        Example::pass(CREDS, "", CREDS_DOC),
        Example::fail(CREDS, "", CREDS_DOC).with_policy(
            r#"{"options": {"policy/scope-not-allowed": {"allowed": ["read", "write"]}}}"#,
        ),
    ],
};

pub static TOKEN_LIFETIME: RuleMeta = RuleMeta {
    id: "policy/token-lifetime",
    kind: "*",
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "a token lifetime above the policy's maximum (`options.\"policy/token-lifetime\".max_seconds`)",
    ),
    why: doc(
        "A stolen access token is good until it expires: an organisation caps how long its tokens may live, below what the platform allows (Genesys Cloud accepts up to 450 days). Reports nothing until a policy gives the maximum.",
    ),
    source: doc("RFC 9700 §4.14 (short-lived access tokens); INTERFACES.md (policy rule options)"),
    examples: &[
        Example::pass(GENESYS, "", GENESYS_DOC)
            .with_policy(r#"{"options": {"policy/token-lifetime": {"max_seconds": 86400}}}"#),
        Example::pass(GENESYS, "", GENESYS_DOC),
        Example::fail(GENESYS, "", GENESYS_DOC)
            .with_policy(r#"{"options": {"policy/token-lifetime": {"max_seconds": 3600}}}"#),
    ],
};

pub static RULES: &[&RuleMeta] = &[&SCOPE_NOT_ALLOWED, &TOKEN_LIFETIME];

/// The policy's constraints, as its options give them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `policy/scope-not-allowed`: the scopes that may be requested.
    pub allowed_scopes: Option<Vec<String>>,
    /// `policy/token-lifetime`: the longest a token may live, in seconds.
    pub max_token_seconds: Option<u64>,
}

impl Constraints {
    /// Reads one rule's options; `Ok(false)` when `id` is not a constraint rule.
    pub fn read(&mut self, id: &str, options: &Value) -> Result<bool, String> {
        let Value::Object(map) = options else {
            return match id {
                "policy/scope-not-allowed" | "policy/token-lifetime" => {
                    Err(format!("the options of `{id}` must be an object"))
                }
                _ => Ok(false),
            };
        };
        match id {
            "policy/scope-not-allowed" => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("allowed", Value::Array(items)) => {
                            let scopes: Option<Vec<String>> = items
                                .iter()
                                .map(|s| s.as_str().map(str::to_owned))
                                .collect();
                            self.allowed_scopes = Some(scopes.ok_or_else(|| {
                                format!("`{id}`: `allowed` must be a list of scopes (strings)")
                            })?);
                        }
                        ("allowed", _) => {
                            return Err(format!(
                                "`{id}`: `allowed` must be a list of scopes (strings)"
                            ));
                        }
                        _ => {
                            return Err(format!(
                                "unknown option `{}` for `{id}`; it has `allowed` (a list of scopes)",
                                clip(k)
                            ));
                        }
                    }
                }
                Ok(true)
            }
            "policy/token-lifetime" => {
                for (k, v) in map {
                    match (k.as_str(), v.as_u64()) {
                        ("max_seconds", Some(n)) if n > 0 => self.max_token_seconds = Some(n),
                        ("max_seconds", _) => {
                            return Err(format!(
                                "`{id}`: `max_seconds` must be a whole number of seconds above 0"
                            ));
                        }
                        _ => {
                            return Err(format!(
                                "unknown option `{}` for `{id}`; it has `max_seconds`",
                                clip(k)
                            ));
                        }
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

/// Runs the constraints the policy configures over one document.
pub fn check(kind: &dyn Kind, document: SpanRef<'_>, constraints: &Constraints, sink: &mut Sink) {
    if let Some(allowed) = &constraints.allowed_scopes {
        for (pointer, scope) in scopes(kind, document) {
            if !allowed.iter().any(|a| a == scope) {
                sink.report(
                    &SCOPE_NOT_ALLOWED,
                    pointer.clone(),
                    || format!("{} requests the scope `{}`, which the policy does not allow", describe(&pointer), clip(scope)),
                )
                .hint(|| format!(
                    "request only allowed scopes ({}), or add this one to the policy's `allowed` list",
                    allowed.iter().take(8).map(|s| format!("`{}`", clip(s))).collect::<Vec<_>>().join(", ")
                        + if allowed.len() > 8 { ", ..." } else { "" }
                ));
            }
        }
    }
    if let Some(max) = constraints.max_token_seconds {
        for (pointer, seconds) in token_lifetimes(kind, document) {
            if seconds > max as f64 {
                sink.report(
                    &TOKEN_LIFETIME,
                    pointer.clone(),
                    || format!("{} lets a token live {} seconds, longer than the policy's maximum of {max}", describe(&pointer), crate::text::Float(seconds)),
                )
                .hint(|| format!("set it to {max} seconds or less"));
            }
        }
    }
}

/// Every scope the document requests ([`Role::Scopes`] fields), each with its pointer: a list's
/// items at their own pointers, a space-separated string's tokens (RFC 6749 §3.3) at the string's.
/// A value of the wrong type is the structure rules' to report, not read here.
fn scopes<'d>(kind: &dyn Kind, document: SpanRef<'d>) -> Vec<(String, &'d str)> {
    let mut out = Vec::new();
    for (pointer, value, ty) in with_role(kind.fields(), document, Role::Scopes) {
        match (ty, value.view()) {
            (Ty::Array { .. }, View::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(scope) = item.as_str() {
                        out.push((crate::json::pointer::join(&pointer, &i.to_string()), scope));
                    }
                }
            }
            (Ty::String(_), View::String(s)) => {
                out.extend(s.split_whitespace().map(|t| (pointer.clone(), t)));
            }
            _ => {}
        }
    }
    out
}

/// Every token lifetime the document sets ([`Role::TokenLifetime`] fields), in seconds.
fn token_lifetimes(kind: &dyn Kind, document: SpanRef<'_>) -> Vec<(String, f64)> {
    with_role(kind.fields(), document, Role::TokenLifetime)
        .into_iter()
        .filter_map(|(pointer, value, _)| Some((pointer, value.number()?.as_f64()?)))
        .collect()
}
