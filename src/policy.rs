//! Policy files (`credlint.json`): per-rule severity or `off`, and rule options.

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::Severity;
use crate::registry;
use crate::rules::{self, RuleMeta};

#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// `None` turns the rule off.
    overrides: HashMap<&'static str, Option<Severity>>,
    /// `secrets/hardcoded-secret` also checks JSON inputs (off by default: forms and API
    /// payloads carry secrets by design).
    pub hardcoded_secret_in_json: bool,
    /// The organisation's own constraints (`policy/*` rules), from their options.
    pub constraints: crate::policy_rules::Constraints,
}

impl Policy {
    /// Reads `{"rules": {"RULE_ID": "error" | "warning" | "info" | "off"}}`. Unknown rule ids,
    /// unknown fields and unknown severities are errors, never ignored.
    pub fn from_value(value: &Value) -> Result<Policy, String> {
        let Value::Object(top) = value else {
            return Err(
                "a policy must be a JSON object like {\"rules\": {\"paragon/id-format\": \"off\"}}"
                    .into(),
            );
        };
        let mut policy = Policy::default();
        for (key, v) in top {
            match key.as_str() {
                "$schema" => {}
                "rules" => {
                    let Value::Object(rules_map) = v else {
                        return Err(
                            "`rules` must be an object mapping rule ids to severities".into()
                        );
                    };
                    for (id, sev) in rules_map {
                        let Some(rule) = registry::find(id) else {
                            let hint = crate::text::suggest(id, registry::all().map(|r| r.id))
                                .map(|s| format!(" (did you mean `{s}`?)"))
                                .unwrap_or_default();
                            return Err(format!(
                                "unknown rule id `{id}` in policy{hint}; `credlint rules` lists them"
                            ));
                        };
                        if rules::is_input_failure(rule.id) {
                            return Err(format!(
                                "rule `{id}` cannot be configured: it means an input was not checked, which always fails the run and `apply`"
                            ));
                        }
                        let level = match sev.as_str() {
                            Some("off") => None,
                            Some(s) => Some(Severity::parse(s).ok_or_else(|| {
                                format!("rule `{id}`: `{s}` is not a severity; use error, warning, info or off")
                            })?),
                            None => return Err(format!("rule `{id}`: the severity must be a string (error, warning, info or off)")),
                        };
                        policy.overrides.insert(rule.id, level);
                    }
                }
                "options" => {
                    let Value::Object(options) = v else {
                        return Err(
                            "`options` must be an object mapping rule ids to their options".into(),
                        );
                    };
                    for (id, opt) in options {
                        match (id.as_str(), opt) {
                            ("secrets/hardcoded-secret", Value::Object(o)) => {
                                for (k, flag) in o {
                                    match (k.as_str(), flag) {
                                        ("json", Value::Bool(b)) => {
                                            policy.hardcoded_secret_in_json = *b
                                        }
                                        _ => {
                                            return Err(format!(
                                                "unknown option `{k}` for `secrets/hardcoded-secret`; it has `json` (true or false)"
                                            ));
                                        }
                                    }
                                }
                            }
                            _ if policy.constraints.read(id, opt)? => {}
                            _ => {
                                return Err(format!(
                                    "no options for rule `{}`; rules with options: `secrets/hardcoded-secret` (`json`), `policy/scope-not-allowed` (`allowed`), `policy/token-lifetime` (`max_seconds`)",
                                    crate::text::clip(id)
                                ));
                            }
                        }
                    }
                }
                other => {
                    return Err(format!(
                        "unknown policy field `{other}`; a policy has `rules` and `options`"
                    ));
                }
            }
        }
        Ok(policy)
    }

    pub fn from_text(text: &str) -> Result<Policy, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        Policy::from_value(&value)
    }
}

impl crate::diagnostic::Severities for Policy {
    /// The severity `rule` reports at, or `None` when it is off.
    fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        if rules::is_input_failure(rule.id) {
            return Some(Severity::Error);
        }
        match self.overrides.get(rule.id) {
            Some(level) => *level,
            None => Some(rule.severity),
        }
    }
}
