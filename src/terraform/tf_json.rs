//! `*.tf.json`: Terraform's JSON syntax (written by CDKTF and generators), with the same resources
//! and rules as `.tf` files. Strings holding `${…}` are expressions: unknown until apply, unless
//! every interpolation is itself a string literal (`"${"LIT"}ERAL"` is the literal `LITERAL`).

use serde_json::Value;

use super::{RESOURCE_TYPES, SECRET_ATTRIBUTES, TfDocument, check_documents, convert};
use crate::diagnostic::Sink;
use crate::engine::{self, Error, Findings, Options, Source};
use crate::json::{LineIndex, SpanRef, SpanTree, pointer};
use crate::secrets::{HARDCODED_SECRET, SECRET_NAMES, SENSITIVE_OUTPUT, secret_variable_name};
use crate::structure::Ty;
use crate::text::describe;

/// The literal text of a Terraform JSON string: `None` when it holds an expression.
pub fn template_literal(s: &str) -> Option<String> {
    if !s.contains("${") && !s.contains("%{") {
        return Some(s.to_owned());
    }
    let mut out = String::new();
    let mut rest = s;
    loop {
        let Some(at) = rest.find(['$', '%']) else {
            out.push_str(rest);
            return Some(out);
        };
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // `$${` and `%%{` are escapes for a literal `${` / `%{`.
        if after.starts_with("$${") || after.starts_with("%%{") {
            out.push_str(&after[1..3]);
            rest = &after[3..];
        } else if after.starts_with("%{") {
            return None;
        } else if let Some(inner) = after.strip_prefix("${") {
            let end = inner.find('}')?;
            let expr = inner[..end]
                .trim()
                .trim_start_matches('~')
                .trim_end_matches('~');
            let expr = expr.trim();
            // Only a plain quoted string with no escapes or nested templates is a literal.
            let lit = expr.strip_prefix('"')?.strip_suffix('"')?;
            if lit.contains(['"', '\\', '$', '%']) {
                return None;
            }
            out.push_str(lit);
            rest = &inner[end + 1..];
        } else {
            out.push_str(&after[..1]);
            rest = &after[1..];
        }
    }
}

/// Each `(type, name, pointer to the body)` under `resource`, in both of its JSON forms (objects,
/// or lists of objects).
fn resources(root: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let each = |v: &Value, at: String| -> Vec<(Value, String)> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, x)| (x.clone(), pointer::join(&at, &i.to_string())))
                .collect(),
            other => vec![(other.clone(), at)],
        }
    };
    let Some(resource) = root.get("resource") else {
        return out;
    };
    for (types, at) in each(resource, "/resource".into()) {
        let Value::Object(types) = types else {
            continue;
        };
        for (rtype, names) in &types {
            let Value::Object(names) = names else {
                continue;
            };
            for (name, body) in names {
                let body_at = pointer::join(&pointer::join(&at, rtype), name);
                for (body, body_at) in each(body, body_at) {
                    if body.is_object() {
                        out.push((rtype.clone(), name.clone(), body_at));
                    }
                }
            }
        }
    }
    out
}

/// The document of one resource body: `//` comment keys dropped, templates resolved or marked
/// unknown, single nested blocks given as objects made lists, Terraform's conversions applied.
fn document(
    kind: &'static dyn crate::kinds::Kind,
    body: &Value,
    spans: SpanRef<'_>,
) -> (Value, SpanTree, Vec<(String, String)>) {
    let mut unknown = Vec::new();
    let mut doc = body.clone();
    resolve(&mut doc, "", &mut unknown);
    if let Value::Object(map) = &mut doc {
        map.remove("//");
        // A single nested block may be written as an object: Terraform reads it as a list of
        // one (positions inside it point at the block's key).
        for f in kind.fields() {
            if let (Ty::Array { items, .. }, Some(v)) = (&f.ty, map.get_mut(f.name))
                && matches!(items, Ty::Object(_) | Ty::OpenObject(_))
                && v.is_object()
            {
                *v = Value::Array(vec![v.take()]);
            }
        }
    }
    convert::terraform_types(kind.fields(), &mut doc);
    (doc, spans.to_tree(), unknown)
}

fn resolve(v: &mut Value, path: &str, unknown: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => match template_literal(s) {
            Some(lit) => *s = lit,
            None => {
                *v = Value::Null;
                unknown.push((
                    path.to_owned(),
                    "a string with interpolations, known only at apply".into(),
                ));
            }
        },
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                resolve(item, &pointer::join(path, &i.to_string()), unknown);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                resolve(item, &pointer::join(path, k), unknown);
            }
        }
        _ => {}
    }
}

/// Literal secrets below `value` (a resource body), reported with paths into its document.
fn scan_secrets(value: &Value, path: &str, spans: SpanRef<'_>, resource: &str, sink: &mut Sink) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = pointer::join(path, k);
                if SECRET_NAMES.contains(&k.as_str())
                    && v.as_str()
                        .and_then(template_literal)
                        .is_some_and(|s| !s.is_empty())
                {
                    let offset = spans.get(&here).map_or(spans.offset(), |s| s.offset());
                    sink.report(
                        &HARDCODED_SECRET,
                        here.clone(),
                        || format!("{} holds a literal secret in a Terraform file", describe(&here)),
                    )
                    .hint("reference a variable marked `sensitive = true` (`${var.x}`) or a secret store instead, and rotate the secret: it is in the repository's history")
                    .at(offset)
                    .resource(resource);
                }
                scan_secrets(v, &here, spans, resource, sink);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                scan_secrets(
                    v,
                    &pointer::join(path, &i.to_string()),
                    spans,
                    resource,
                    sink,
                );
            }
        }
        _ => {}
    }
}

/// Whether a Terraform JSON expression string references a secret attribute of a known resource
/// (`${paragon_integration_credentials.jira.oauth}`, or the whole resource).
fn references_secret(s: &str) -> bool {
    let mut rest = s;
    while let Some(at) = rest.find("${") {
        let inner = &rest[at + 2..];
        let end = inner.find('}').unwrap_or(inner.len());
        let expr = &inner[..end];
        for (rtype, attrs) in SECRET_ATTRIBUTES {
            let mut search = expr;
            while let Some(p) = search.find(rtype) {
                let before_ok = p == 0
                    || !search[..p]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
                let tail = &search[p + rtype.len()..];
                if before_ok && let Some(tail) = tail.strip_prefix('.') {
                    // Skip the resource name and any index or splat.
                    let name_end = tail
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                        .unwrap_or(tail.len());
                    let mut after = &tail[name_end..];
                    while after.starts_with('[') {
                        after = after.find(']').map_or("", |e| &after[e + 1..]);
                    }
                    let after = after.trim_start_matches(".*");
                    match after.strip_prefix('.') {
                        None => return true,
                        Some(attr) => {
                            let attr_end = attr
                                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                                .unwrap_or(attr.len());
                            if attrs.contains(&&attr[..attr_end]) {
                                return true;
                            }
                        }
                    }
                }
                search = &search[p + rtype.len()..];
            }
        }
        rest = &inner[end.min(inner.len())..];
    }
    false
}

/// `variable` defaults and `output`s, as in `.tf` files.
fn scan_blocks(root: &Value, spans: SpanRef<'_>, sink: &mut Sink) {
    let blocks = |name: &str| -> Vec<(String, String)> {
        let mut out = Vec::new();
        let at = format!("/{name}");
        match root.get(name) {
            Some(Value::Object(map)) => {
                out.extend(map.keys().map(|k| (k.clone(), pointer::join(&at, k))));
            }
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(map) = item {
                        let item_at = pointer::join(&at, &i.to_string());
                        out.extend(map.keys().map(|k| (k.clone(), pointer::join(&item_at, k))));
                    }
                }
            }
            _ => {}
        }
        out
    };
    for (name, at) in blocks("variable") {
        let default_at = format!("{at}/default");
        let Some(default) = root.pointer(&default_at) else {
            continue;
        };
        if secret_variable_name(&name)
            && default
                .as_str()
                .and_then(template_literal)
                .is_some_and(|s| !s.is_empty())
        {
            let offset = spans.get(&default_at).map_or(0, |s| s.offset());
            sink.report(
                &HARDCODED_SECRET,
                String::new(),
                "this variable's `default` is a literal secret",
            )
            .hint("remove the default and pass the value at apply time (`TF_VAR_…`, a `.tfvars` file kept out of the repository, or a secret store)")
            .at(offset)
            .resource(format!("variable.{name}"));
        }
    }
    for (name, at) in blocks("output") {
        let Some(body) = root.pointer(&at) else {
            continue;
        };
        if body.get("sensitive") == Some(&Value::Bool(true)) {
            continue;
        }
        let value_at = format!("{at}/value");
        if body
            .get("value")
            .and_then(Value::as_str)
            .is_some_and(references_secret)
        {
            let offset = spans.get(&value_at).map_or(0, |s| s.offset());
            sink.report(
                &SENSITIVE_OUTPUT,
                String::new(),
                "this output exposes a secret attribute without `sensitive = true`",
            )
            .hint("add `\"sensitive\": true` to the output, or output a non-secret attribute")
            .at(offset)
            .resource(format!("output.{name}"));
        }
    }
}

/// Checks a `.tf.json` file.
pub fn check(text: &str, file: Option<&str>, opts: &Options) -> Result<Findings, Error> {
    if text.len() > opts.limits.max_bytes {
        return Ok(engine::oversized(file, opts));
    }
    let lines = LineIndex::new(text);
    let src = Source::new(text, &lines, file, opts);
    let parsed = match super::parse_json(&src) {
        Ok(p) => p,
        Err(unreadable) => return Ok(unreadable),
    };
    let mut result = Findings::default();
    let mut docs = Vec::new();
    let mut sink = Sink::new(&opts.policy);
    for (rtype, name, at) in resources(&parsed.value) {
        let (Some(body), Some(spans)) = (parsed.value.pointer(&at), parsed.spans.get(&at)) else {
            continue;
        };
        let address = format!("{rtype}.{name}");
        scan_secrets(body, "", spans, &address, &mut sink);
        let Some((_, kind_id)) = RESOURCE_TYPES.iter().find(|(t, _)| *t == rtype) else {
            continue;
        };
        let Some(kind) = crate::kinds::find(kind_id) else {
            continue;
        };
        let (document, spans, unknown) = document(kind, body, spans);
        docs.push(TfDocument {
            kind,
            address,
            document,
            spans,
            unknown,
            context: None,
            offset: parsed.spans.get(&at).map_or(0, |s| s.offset()),
            sensitive: Default::default(),
        });
    }
    scan_blocks(&parsed.value, parsed.spans.root(), &mut sink);
    check_documents(&docs, &src, &mut result)?;
    super::place_and_cap(sink.diagnostics, &src, &mut result);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_of_literals_are_literals() {
        assert_eq!(template_literal("plain").as_deref(), Some("plain"));
        assert_eq!(
            template_literal("${\"LIT\"}ERAL").as_deref(),
            Some("LITERAL")
        );
        assert_eq!(template_literal("a$${b}").as_deref(), Some("a${b}"));
        assert_eq!(template_literal("${var.x}"), None);
        assert_eq!(template_literal("${\"a\"}${var.b}"), None);
        assert_eq!(template_literal("%{ if true }x%{ endif }"), None);
    }

    #[test]
    fn secret_references_in_outputs() {
        assert!(references_secret(
            "${paragon_integration_credentials.jira.oauth}"
        ));
        assert!(references_secret("${paragon_integration_credentials.jira}"));
        assert!(references_secret(
            "${genesyscloud_oauth_client.c[0].client_secret}"
        ));
        assert!(!references_secret(
            "${paragon_integration_credentials.jira.id}"
        ));
        assert!(!references_secret(
            "paragon_integration_credentials.jira.oauth"
        ));
    }
}
