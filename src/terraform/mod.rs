//! Terraform inputs: `.tf` files and `terraform show -json` plan output. Both providers whose
//! configurations credlint checks are Terraform providers, so this is where users keep them.

use serde_json::Value;

use crate::engine::{self, ContextSource, Error, Findings, Located, Options, Source};
use crate::json::SpanTree;
use crate::kinds::Kind;
use crate::redact::Redactor;

#[cfg(feature = "terraform")]
mod convert;
#[cfg(feature = "terraform")]
pub mod hcl;
#[cfg(feature = "terraform")]
mod hcl_secrets;
pub mod plan;
#[cfg(feature = "terraform")]
pub mod tf_json;
#[cfg(feature = "terraform")]
pub mod tfvars;

/// Attributes of each resource type that hold secrets (the provider marks them sensitive).
pub const SECRET_ATTRIBUTES: &[(&str, &[&str])] = &[
    (
        "paragon_integration_credentials",
        &["oauth", "extra_configuration"],
    ),
    ("genesyscloud_oauth_client", &["client_secret"]),
];

/// Terraform resource types and the kinds their blocks are.
pub const RESOURCE_TYPES: &[(&str, &str)] = &[
    (
        "paragon_integration_credentials",
        "paragon.integration-credentials",
    ),
    ("genesyscloud_oauth_client", "genesys.oauth-client"),
];

/// A resource found in a Terraform input, as a document of its kind.
pub struct TfDocument {
    pub kind: &'static dyn Kind,
    /// `paragon_integration_credentials.jira`
    pub address: String,
    pub document: Value,
    pub spans: SpanTree,
    /// Pointers whose values are unknown until apply, with what they are.
    pub unknown: Vec<(String, String)>,
    /// Facts the file itself shows (the integration's key in the data source).
    pub context: Option<Value>,
    /// Byte offset of the resource block.
    pub offset: usize,
    /// The values the input marks sensitive (a plan's `after_sensitive`), blanked out of the
    /// messages about them, and the pointers marked.
    pub sensitive: (Redactor, Vec<String>),
}

/// The context for a resource: a `paragon_integrations` map entry named by the data source key
/// the file uses wins over the key alone.
fn file_context(doc: &TfDocument, opts: &Options) -> Option<Value> {
    let key = doc
        .context
        .as_ref()?
        .pointer("/integration/type")
        .and_then(Value::as_str);
    if let Some(key) = key
        && let Some(ContextSource::Integrations(map)) = &opts.context
        && let Some(entry) = map.get(key)
        && let Some(id) = entry.get("id")
    {
        let probe = SpanTree::from_value(&serde_json::json!({ "integration_id": id }));
        if let Some(ctx) = doc.kind.context_from_integrations(probe.root(), map) {
            return Some(ctx);
        }
    }
    doc.context.clone()
}

/// Checks the located documents of a Terraform input and adds them to `result`.
pub(crate) fn check_documents(
    docs: &[TfDocument],
    src: &Source,
    result: &mut Findings,
) -> Result<(), Error> {
    for doc in docs {
        result.documents += 1;
        let context = file_context(doc, src.opts).map(|c| SpanTree::from_value(&c));
        let values = SpanTree::from_value(&doc.document);
        let located = Located {
            kind: doc.kind,
            document: Some(&doc.document),
            span: doc.spans.root(),
            values: values.root(),
            index: None,
            context: context.as_ref().map(SpanTree::root),
            resource: Some(&doc.address),
            unknown: &doc.unknown,
            sensitive: Some((&doc.sensitive.0, doc.sensitive.1.as_slice()))
                .filter(|(_, marked)| !marked.is_empty()),
        };
        let (d, s, dropped) =
            engine::check_located(&located, src, src.opts.limits.max_diagnostics)?;
        result.diagnostics.extend(d);
        result.skipped.extend(s);
        result.dropped.add_all(dropped);
    }
    Ok(())
}

/// Terraform accepts and ignores a UTF-8 byte order mark (Windows editors write one); HCL and
/// JSON parsers do not. Three spaces in its place keep every offset, and the line index of the
/// original text does not count the mark as a column.
#[cfg(feature = "terraform")]
pub(crate) fn unmarked(text: &str) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => format!("   {rest}").into(),
        None => text.into(),
    }
}

/// A Terraform input's HCL body, or the one `structure/invalid-json` result of a parse failure.
#[cfg(feature = "terraform")]
pub(crate) fn parse_hcl(
    src: &Source,
    unmarked: &str,
) -> Result<hcl_edit::structure::Body, Findings> {
    hcl::parse(unmarked, src.opts.limits.depth())
        .map_err(|e| src.unreadable(e.offset, format!("invalid HCL: {}", e.message)))
}

/// A Terraform JSON input (`.tf.json`, `.tfvars.json`) parsed with spans, or the one
/// `structure/invalid-json` result of a parse failure.
#[cfg(feature = "terraform")]
pub(crate) fn parse_json(src: &Source) -> Result<crate::json::Parsed, Findings> {
    crate::json::parse(&unmarked(src.text), src.opts.limits.depth())
        .map_err(|e| engine::invalid_json(src, &e))
}

/// Gives findings made with byte offsets their file, line and column, then sorts and caps the
/// result.
#[cfg(feature = "terraform")]
pub(crate) fn place_and_cap(
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    src: &Source,
    result: &mut Findings,
) {
    let Source {
        text,
        lines,
        file,
        opts,
    } = *src;
    for mut d in diagnostics {
        let offset = d.offset.unwrap_or(0);
        let (line, column) = lines.position(text, offset);
        // Fixes of Terraform text are byte edits already (`Op::Raw`): no document to resolve in.
        if let Some(proposed) = d.proposed.take() {
            d.fix = proposed.lower(SpanTree::leaf(0).root(), text, lines);
        }
        d.file = file.map(str::to_owned);
        d.line = Some(line);
        d.column = Some(column);
        result.diagnostics.push(d);
    }
    crate::order::sort_by_key(&mut result.diagnostics, |d| {
        crate::order::offset_key(d.offset)
    });
    engine::cap(result, opts.limits.max_diagnostics);
}

/// Checks a `.tf` file.
#[cfg(feature = "terraform")]
pub fn check_tf(text: &str, file: Option<&str>, opts: &Options) -> Result<Findings, Error> {
    if text.len() > opts.limits.max_bytes {
        return Ok(engine::oversized(file, opts));
    }
    let lines = crate::json::LineIndex::new(text);
    let src = Source::new(text, &lines, file, opts);
    let mut result = Findings::default();
    let unmarked = unmarked(text);
    let body = match parse_hcl(&src, &unmarked) {
        Ok(b) => b,
        Err(unreadable) => return Ok(unreadable),
    };
    let docs = hcl::documents(&body, &unmarked);
    check_documents(&docs, &src, &mut result)?;
    let secrets = hcl_secrets::scan(&body, &opts.policy, text);
    place_and_cap(secrets, &src, &mut result);
    Ok(result)
}
