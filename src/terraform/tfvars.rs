//! `*.tfvars` and `*.tfvars.json`: variable values. They are where secrets are most often
//! committed, so `secrets/hardcoded-secret` reads them: a secret-named variable (or a secret-named
//! key inside one) holding a literal.

use serde_json::Value;

use super::hcl_secrets::{self, TFVARS_HINT};
use super::tf_json::template_literal;
use crate::diagnostic::Sink;
use crate::engine::{self, Error, Findings, Options, Source};
use crate::json::{self, LineIndex, SpanRef, pointer};
use crate::secrets::{HARDCODED_SECRET, SECRET_NAMES, secret_variable_name};

/// Checks a `.tfvars` file (HCL attributes).
pub fn check(text: &str, file: Option<&str>, opts: &Options) -> Result<Findings, Error> {
    if text.len() > opts.limits.max_bytes {
        return Ok(engine::oversized(file, opts));
    }
    let lines = LineIndex::new(text);
    let src = Source::new(text, &lines, file, opts);
    let unmarked = super::unmarked(text);
    let body = match super::parse_hcl(&src, &unmarked) {
        Ok(b) => b,
        Err(unreadable) => return Ok(unreadable),
    };
    let mut result = Findings {
        documents: 1,
        ..Default::default()
    };
    let secrets = hcl_secrets::scan_tfvars(&body, &opts.policy);
    super::place_and_cap(secrets, &src, &mut result);
    Ok(result)
}

fn literal(v: &Value) -> bool {
    v.as_str()
        .and_then(template_literal)
        .is_some_and(|s| !s.is_empty())
}

fn scan(value: &Value, path: &str, var: &str, spans: SpanRef<'_>, sink: &mut Sink) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = pointer::join(path, k);
                if SECRET_NAMES.contains(&k.as_str()) && literal(v) {
                    sink.report(&HARDCODED_SECRET, String::new(), || {
                        format!(
                            "`{k}` in this variable's value is a literal secret in a variables file"
                        )
                    })
                    .hint(TFVARS_HINT)
                    .at(spans.get(&here).map_or(0, |s| s.offset()))
                    .resource(format!("var.{var}"));
                }
                scan(v, &here, var, spans, sink);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                scan(v, &pointer::join(path, &i.to_string()), var, spans, sink);
            }
        }
        _ => {}
    }
}

/// Checks a `.tfvars.json` file (one object of variable values).
pub fn check_json(text: &str, file: Option<&str>, opts: &Options) -> Result<Findings, Error> {
    if text.len() > opts.limits.max_bytes {
        return Ok(engine::oversized(file, opts));
    }
    let lines = LineIndex::new(text);
    let src = Source::new(text, &lines, file, opts);
    let parsed = match super::parse_json(&src) {
        Ok(p) => p,
        Err(unreadable) => return Ok(unreadable),
    };
    let mut result = Findings {
        documents: 1,
        ..Default::default()
    };
    let mut sink = Sink::new(&opts.policy);
    match &parsed.value {
        Value::Object(vars) => {
            for (name, v) in vars {
                let at = pointer::join("", name);
                if secret_variable_name(name) && literal(v) {
                    sink.report(
                        &HARDCODED_SECRET,
                        String::new(),
                        "this variable's value is a literal secret in a `.tfvars` file",
                    )
                    .hint(TFVARS_HINT)
                    .at(parsed.spans.get(&at).map_or(0, |s| s.offset()))
                    .resource(format!("var.{name}"));
                } else {
                    scan(v, &at, name, parsed.spans.root(), &mut sink);
                }
            }
        }
        other => {
            sink.report(
                &crate::rules::INVALID_ENVELOPE,
                "",
                || format!(
                    "a `.tfvars.json` file must hold an object of variable values, not {}, so it was not checked",
                    json::a_type_name(other)
                ),
            )
            .at(parsed.spans.offset());
        }
    }
    super::place_and_cap(sink.diagnostics, &src, &mut result);
    Ok(result)
}
