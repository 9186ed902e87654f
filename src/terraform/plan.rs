//! Terraform plan JSON (`terraform show -json plan.out`): `resource_changes[]` of known types,
//! checked on `change.after`. Values in `after_unknown` are known only at apply; `null` means
//! unset, as in Terraform.

use serde_json::Value;

use super::{RESOURCE_TYPES, TfDocument, check_documents};
use crate::engine::{Error, Findings, Options, Source};
use crate::json::{SpanRef, pointer};
use crate::redact::Redactor;

/// Whether a JSON value is Terraform plan (or state) output rather than an envelope: recognised
/// by its full shape only (`format_version` and `terraform_version` strings at the top), and never
/// when it has `kind` (an envelope, whatever else it carries).
pub fn is_plan(v: SpanRef<'_>) -> bool {
    v.field("kind").is_none()
        && v.field("format_version")
            .and_then(SpanRef::as_str)
            .is_some()
        && v.field("terraform_version")
            .and_then(SpanRef::as_str)
            .is_some()
}

/// The top-level keys that only Terraform plan or state JSON has.
pub const PLAN_KEYS: &[&str] = &[
    "format_version",
    "terraform_version",
    "resource_changes",
    "planned_values",
    "prior_state",
];

/// Removes members whose value is `null` (unset in Terraform), recursively through objects.
fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, child| !child.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Marks every `true` leaf of `after_unknown` as unknown in the document (a `null` placeholder,
/// so that the attribute counts as present).
fn mark_unknown(doc: &mut Value, unknown: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match unknown {
        Value::Bool(true) => {
            out.push((path.to_owned(), "known only after apply".into()));
        }
        Value::Object(map) => {
            for (k, u) in map {
                let child = pointer::join(path, k);
                if u == &Value::Bool(true) {
                    if let Value::Object(m) = doc {
                        m.insert(k.clone(), Value::Null);
                    }
                    out.push((child, "known only after apply".into()));
                } else if let Some(d) = doc.get_mut(k) {
                    mark_unknown(d, u, &child, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, u) in items.iter().enumerate() {
                let child = pointer::join(path, &i.to_string());
                if u == &Value::Bool(true) {
                    if let Some(slot) = doc.get_mut(i) {
                        *slot = Value::Null;
                    }
                    out.push((child, "known only after apply".into()));
                } else if let Some(d) = doc.get_mut(i) {
                    mark_unknown(d, u, &child, out);
                }
            }
        }
        _ => {}
    }
}

/// Every value of `after` that `after_sensitive` marks (`true` for a value or a whole subtree),
/// and the pointers marked.
fn sensitive_values(after: &Value, marks: &Value, path: &str, out: &mut (Redactor, Vec<String>)) {
    match marks {
        Value::Bool(true) => {
            out.0.add_all(after);
            out.1.push(path.to_owned());
        }
        Value::Object(map) => {
            for (k, m) in map {
                if let Some(a) = after.get(k) {
                    sensitive_values(a, m, &pointer::join(path, k), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, m) in items.iter().enumerate() {
                if let Some(a) = after.get(i) {
                    sensitive_values(a, m, &pointer::join(path, &i.to_string()), out);
                }
            }
        }
        _ => {}
    }
}

/// The top-level members of plan JSON that no check reads and that can be large (every
/// resource's values again, the configuration): when streaming, their syntax is checked but they
/// are not kept.
pub const UNREAD_KEYS: &[&str] = &[
    "planned_values",
    "prior_state",
    "resource_drift",
    "relevant_attributes",
    "configuration",
    "output_changes",
];

/// Checks plan JSON parsed whole: every resource change of a known type.
pub(crate) fn check(plan: SpanRef<'_>, src: &Source) -> Result<Findings, Error> {
    let mut result = Findings::default();
    check_changes(plan, src, &mut result)?;
    Ok(finish(result, src.opts))
}

/// Checks the resource changes in the plan's tree (none when they were streamed), adding to
/// `result`.
pub(crate) fn check_changes(
    plan: SpanRef<'_>,
    src: &Source,
    result: &mut Findings,
) -> Result<(), Error> {
    let Some(changes) = plan.field("resource_changes").and_then(SpanRef::as_array) else {
        return Ok(());
    };
    for rc in changes.iter() {
        check_change(rc, src, result)?;
    }
    Ok(())
}

/// Checks one element of `resource_changes`, adding to `result`; a resource of a type credlint
/// does not check adds nothing (and is not read further).
pub(crate) fn check_change(
    spans: SpanRef<'_>,
    src: &Source,
    result: &mut Findings,
) -> Result<(), Error> {
    let rtype = spans.field("type").and_then(SpanRef::as_str);
    if !RESOURCE_TYPES.iter().any(|(t, _)| Some(*t) == rtype) {
        return Ok(());
    }
    // The conversion (nulls dropped, unknown values marked) edits a value.
    match document(&spans.to_value(), spans) {
        Some(doc) => check_documents(std::slice::from_ref(&doc), src, result),
        None => Ok(()),
    }
}

/// Diagnostics in file order, capped.
pub fn finish(mut result: Findings, opts: &Options) -> Findings {
    crate::order::sort_by_key(&mut result.diagnostics, |d| {
        crate::order::offset_key(d.offset)
    });
    crate::engine::cap(&mut result, opts.limits.max_diagnostics);
    result
}

/// The document a resource change plans (`change.after`, nulls dropped, unknown values marked),
/// when its type is one credlint checks.
fn document(rc: &Value, rc_spans: SpanRef<'_>) -> Option<TfDocument> {
    let rtype = rc.get("type").and_then(Value::as_str)?;
    let (_, kind_id) = RESOURCE_TYPES.iter().find(|(t, _)| *t == rtype)?;
    let kind = crate::kinds::find(kind_id)?;
    let change = rc.get("change")?;
    let after = change.get("after").filter(|a| a.is_object())?;
    let spans = rc_spans.get("/change/after")?;
    let actions: Vec<&str> = change
        .get("actions")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let operation = if actions.contains(&"create") {
        "create"
    } else {
        "update"
    };
    let mut document = after.clone();
    drop_nulls(&mut document);
    let mut unknown = Vec::new();
    if let Some(u) = change.get("after_unknown") {
        mark_unknown(&mut document, u, "", &mut unknown);
    }
    let mut sensitive = (Redactor::default(), Vec::new());
    if let Some(marks) = change.get("after_sensitive") {
        sensitive_values(after, marks, "", &mut sensitive);
    }
    let address = rc
        .get("address")
        .and_then(Value::as_str)
        .map_or_else(|| rtype.to_owned(), str::to_owned);
    Some(TfDocument {
        kind,
        address,
        document,
        spans: spans.to_tree(),
        unknown,
        context: Some(serde_json::json!({ "operation": operation })),
        offset: spans.offset(),
        sensitive,
    })
}
