//! What `apply` will send, decided before anything is sent: the documents of every file, their
//! context (the user's, completed with facts from the platform), their validation, their wire
//! bodies, and how each differs from the credential the platform holds. Pure: no network here.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Report, Severity};
use crate::engine::{self, ContextSource, Findings, Options};
use crate::json::{self, LineIndex};
use crate::kinds::Kind;

use super::api::IntegrationFacts;
use super::secrets::{REDACTED, Redactor};

pub const KIND_ID: &str = "paragon.integration-credentials";

/// One input file, kept for positions in diagnostics.
pub struct SourceFile {
    pub name: String,
    text: String,
    lines: LineIndex,
    spans: Option<json::SpanTree>,
}

/// One document to apply.
pub struct Document {
    /// Index into the files.
    pub file: usize,
    /// Position in a batch.
    pub index: Option<usize>,
    /// JSON Pointer of the document in its file (`/document`, `/2/document`, or `` for a bare one).
    pointer: String,
    pub value: Value,
    envelope_context: Option<Value>,
    /// The context it is validated and sent with; complete after [`Document::complete_context`].
    pub context: Value,
}

impl Document {
    pub fn project_id(&self) -> &str {
        self.value
            .get("project_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
    pub fn integration_id(&self) -> &str {
        self.value
            .get("integration_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
    /// The credential's id, from a Terraform state document.
    pub fn credential_id(&self) -> Option<&str> {
        self.value
            .get("id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Whether the context lacks facts the platform can give: the integration's type, or a custom
    /// integration's authentication type.
    pub fn needs_facts(&self) -> bool {
        let integration = self.context.get("integration");
        match integration
            .and_then(|i| i.get("type"))
            .and_then(Value::as_str)
        {
            None => true,
            Some(t) => {
                is_custom_type(t)
                    && integration
                        .and_then(|i| i.get("authentication_type"))
                        .is_none()
            }
        }
    }

    /// Fills in what the context lacks: the facts fetched from the platform (the user's own
    /// context wins where it says something), the operation (a document with the state's `id`
    /// updates that credential; one without creates it) and the credential's name (the
    /// signed-in user's email, as the provider sends it).
    pub fn complete_context(&mut self, facts: Option<&IntegrationFacts>, name: &str) {
        let operation = if self.credential_id().is_some() {
            "update"
        } else {
            "create"
        };
        let Value::Object(ctx) = &mut self.context else {
            return;
        };
        ctx.entry("operation").or_insert_with(|| json!(operation));
        if let Some(facts) = facts {
            let integration = ctx
                .entry("integration")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(i) = integration {
                i.entry("type")
                    .or_insert_with(|| json!(facts.integration_type));
                let custom = i
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(is_custom_type);
                if let (true, Some(a)) = (custom, &facts.authentication_type) {
                    i.entry("authentication_type").or_insert_with(|| json!(a));
                }
            }
        }
        ctx.entry("name").or_insert_with(|| json!(name));
    }
}

fn is_custom_type(t: &str) -> bool {
    t == "custom" || t.starts_with("custom.")
}

/// Why the documents cannot be applied at all (exit 2).
#[derive(Debug)]
pub struct Unusable(pub String);

pub fn kind() -> Result<&'static dyn Kind, Unusable> {
    engine::kind(KIND_ID).map_err(|e| Unusable(e.to_string()))
}

/// Reads every file: first the same check as `credlint check` (with the user's context), then the
/// documents themselves. A file that cannot be read, or a document of a kind that has no wire
/// form, makes the run unusable.
pub fn load(
    inputs: Vec<(String, Vec<u8>)>,
    opts: &Options,
) -> Result<(Vec<SourceFile>, Vec<Document>, Report), Unusable> {
    let kind = kind()?;
    let mut files = Vec::new();
    let mut docs = Vec::new();
    let mut report = Report::new();
    for (name, bytes) in inputs {
        if name.ends_with(".tf") {
            return Err(Unusable(format!(
                "{name}: apply reads JSON documents (envelopes, batches or bare documents), not Terraform files"
            )));
        }
        let result = engine::check_bytes(&bytes, Some(&name), opts)
            .map_err(|e| Unusable(format!("{name}: {e}")))?;
        report.extend(result);
        let text = String::from_utf8(bytes).unwrap_or_default();
        let parsed = json::parse(&text, opts.limits.depth()).ok();
        let file = files.len();
        if let Some(parsed) = &parsed {
            let units: Vec<(Option<usize>, &Value)> = match &parsed.value {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (Some(i), v))
                    .collect(),
                v => vec![(None, v)],
            };
            for (index, unit) in units {
                let prefix = index.map(|i| format!("/{i}")).unwrap_or_default();
                let envelope = unit.get("kind").is_some() && unit.get("document").is_some();
                let (pointer, value, envelope_context) = if envelope {
                    match unit.get("kind").and_then(Value::as_str) {
                        Some(KIND_ID) => {}
                        Some(other) if engine::kind(other).is_ok() => {
                            let at = index.map(|i| format!("[{i}]")).unwrap_or_default();
                            return Err(Unusable(format!(
                                "{name}{at}: `{other}` documents cannot be applied; apply sends `{KIND_ID}` only"
                            )));
                        }
                        // An unknown kind is already an error of the check above.
                        _ => continue,
                    }
                    (
                        format!("{prefix}/document"),
                        unit.get("document").cloned().unwrap_or(Value::Null),
                        unit.get("context").cloned(),
                    )
                } else {
                    (prefix, unit.clone(), None)
                };
                docs.push(Document {
                    file,
                    index,
                    pointer,
                    value,
                    envelope_context,
                    context: Value::Null,
                });
            }
        }
        files.push(SourceFile {
            lines: LineIndex::new(&text),
            spans: parsed.map(|p| p.spans),
            text,
            name,
        });
    }
    for doc in &mut docs {
        doc.context = user_context(kind, doc, opts.context.as_ref());
    }
    Ok((files, docs, report))
}

/// The user's context for one document: the `--context` file (or its `paragon_integrations`
/// entry for this document), overlaid with the envelope's own keys, as `credlint check` does.
fn user_context(kind: &dyn Kind, doc: &Document, source: Option<&ContextSource>) -> Value {
    let mut base = match source {
        None => Map::new(),
        Some(ContextSource::Object(given)) => {
            given.value().as_object().cloned().unwrap_or_default()
        }
        Some(ContextSource::Integrations(map)) => {
            match kind.context_from_integrations(
                crate::json::SpanTree::from_value(&doc.value).root(),
                map,
            ) {
                Some(Value::Object(m)) => m,
                _ => Map::new(),
            }
        }
    };
    if let Some(Value::Object(env)) = &doc.envelope_context {
        for (k, v) in env {
            base.insert(k.clone(), v.clone());
        }
    }
    Value::Object(base)
}

/// Validates every document in its complete context; diagnostics point into the files.
pub fn validate(
    files: &[SourceFile],
    docs: &[Document],
    opts: &Options,
) -> Result<Report, Unusable> {
    let kind = kind()?;
    let plain = Options {
        policy: opts.policy.clone(),
        context: None,
        kind: Some(kind),
        limits: opts.limits,
    };
    let mut per_file: Vec<Findings> = files.iter().map(|_| Findings::default()).collect();
    for doc in docs {
        let file = &files[doc.file];
        let result = engine::check_value(kind, &doc.value, Some(&doc.context), &plain)
            .map_err(|e| Unusable(format!("{}: {e}", file.name)))?;
        let out = &mut per_file[doc.file];
        out.documents += 1;
        out.dropped.add_all(result.dropped);
        for mut d in result.diagnostics {
            let offset = file
                .spans
                .as_ref()
                .map(|s| s.locate(&format!("{}{}", doc.pointer, d.path)));
            d.file = Some(file.name.clone());
            d.index = doc.index;
            if let Some(offset) = offset {
                let (line, column) = file.lines.position(&file.text, offset);
                d.offset = Some(offset);
                d.line = Some(line);
                d.column = Some(column);
            }
            out.diagnostics.push(d);
        }
        for mut s in result.skipped {
            s.file = Some(file.name.clone());
            s.index = doc.index;
            out.skipped.push(s);
        }
    }
    let mut report = Report::new();
    for mut r in per_file {
        crate::order::sort_by_key(&mut r.diagnostics, |d| crate::order::offset_key(d.offset));
        report.extend(r);
    }
    Ok(report)
}

/// Whether any document has an error, counting those past `max_diagnostics`.
pub fn has_errors(report: &Report) -> bool {
    report.summary.errors > 0
        || report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
}

/// The secret values of a document (the kind's sensitive fields: client id and secret, every
/// extra value), to keep out of anything shown.
pub fn add_secrets(redactor: &mut Redactor, doc: &Value) {
    if let Some(oauth) = doc.get("oauth") {
        for field in ["client_id", "client_secret"] {
            if let Some(v) = oauth.get(field) {
                redactor.add_all(v);
            }
        }
    }
    if let Some(extra) = doc.get("extra_configuration") {
        redactor.add_all(extra);
        // And each as the wire sends it (`"007"` goes as `7`): a server may quote the body.
        if let Value::Object(map) = extra {
            for value in map.values() {
                if let Value::String(s) = value {
                    use crate::kinds::paragon_credentials::{WireValue, wire_value};
                    match wire_value(s) {
                        WireValue::Int(i) => redactor.add(&i.to_string()),
                        WireValue::Float(f) => {
                            if let Some(n) = serde_json::Number::from_f64(f) {
                                redactor.add(&n.to_string());
                            }
                        }
                        WireValue::Bool(_) | WireValue::Text => {}
                    }
                }
            }
        }
    }
}

/// The wire body with every value but the scopes replaced, for `--dry-run`.
pub fn redacted_body(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(Value::Object(values)) = body.get_mut("values") {
        for (k, v) in values.iter_mut() {
            if k != "scopes" {
                *v = json!(REDACTED);
            }
        }
    }
    body
}

/// The document field a wire field comes from, for "changed" lists.
fn field_name(wire_key: &str) -> String {
    match wire_key {
        "clientId" => "oauth.client_id".into(),
        "clientSecret" => "oauth.client_secret".into(),
        "scopes" => "oauth.scopes".into(),
        other => format!("extra_configuration.{other}"),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || x.as_f64().zip(y.as_f64()).is_some_and(|(x, y)| x == y)
        }
        // The platform may hand scopes back as a list.
        (Value::String(s), Value::Array(items)) | (Value::Array(items), Value::String(s)) => items
            .iter()
            .map(Value::as_str)
            .collect::<Option<Vec<_>>>()
            .is_some_and(|list| list.join(" ") == *s),
        _ => a == b,
    }
}

/// The document fields whose values differ between the body to send and the credential the
/// platform holds (names only, never values). Extra values the platform holds but the document no
/// longer has count as changes: the PUT replaces the whole set.
pub fn changes(desired: &Value, current: &Value) -> Vec<String> {
    let mut changed = Vec::new();
    let empty = Map::new();
    let want = desired
        .get("values")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let have = current
        .get("values")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (k, v) in want {
        if !have.get(k).is_some_and(|h| same(v, h)) {
            changed.push(field_name(k));
        }
    }
    for k in have.keys() {
        if !want.contains_key(k) {
            changed.push(format!("{} (removed)", field_name(k)));
        }
    }
    for (wire, field) in [
        ("provider", "creds_provider"),
        ("scheme", "scheme"),
        ("integrationId", "integration_id"),
    ] {
        if let (Some(w), Some(h)) = (desired.get(wire), current.get(wire))
            && !h.is_null()
            && !same(w, h)
        {
            changed.push(field.to_owned());
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_fields_not_values() {
        let desired = json!({"values": {"clientId": "a", "clientSecret": "new", "scopes": "read write", "retries": 3}, "provider": "jira", "scheme": "oauth_app", "integrationId": "i"});
        let current = json!({"values": {"clientId": "a", "clientSecret": "old", "scopes": ["read", "write"], "retries": 3.0, "stale": "x"}, "provider": "jira", "scheme": "oauth_app", "integrationId": "i"});
        assert_eq!(
            changes(&desired, &current),
            vec!["oauth.client_secret", "extra_configuration.stale (removed)"]
        );
        let same_again = json!({"values": {"clientId": "a", "clientSecret": "new", "scopes": "read write", "retries": 3}, "provider": "jira"});
        assert!(changes(&desired, &same_again).is_empty());
    }

    #[test]
    fn dry_run_bodies_hide_values() {
        let body = json!({"name": "me@example.com", "values": {"clientId": "a", "clientSecret": "s", "scopes": "read", "x": true}, "provider": "jira"});
        let shown = redacted_body(&body).to_string();
        assert!(
            shown.contains("read")
                && !shown.contains("\"s\"")
                && !shown.contains("true")
                && !shown.contains("\"a\"")
        );
    }
}
