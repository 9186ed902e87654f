//! The pure core's entry points: text or values in, diagnostics out. No files, no terminal, no
//! WebAssembly here; the CLI and the WebAssembly module sit on top.

use serde_json::{Map, Value};

use crate::diagnostic::{Counts, Diagnostic, Severities, Severity, Sink, Skipped};
use crate::json::{self, LineIndex, SpanRef, SpanTree, View, pointer};
use crate::kinds::{self, Kind};
use crate::policy::Policy;
use crate::redact::Redactor;
use crate::rules;
use crate::structure;

/// Bounds that keep hostile input from exhausting time, memory or the stack.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of arrays and objects accepted.
    pub max_depth: usize,
    /// Most diagnostics kept per file; the rest are counted in one closing diagnostic.
    pub max_diagnostics: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 128,
            max_diagnostics: 1000,
        }
    }
}

impl Limits {
    /// The largest `max_depth` there is: the parsers and the checks recurse once per level, and
    /// 512 levels fit with room to spare in WebAssembly's 1 MiB stack (measured: about 1000 do
    /// in an optimised build) and in the CLI's threads. A larger limit is an error (exit 2);
    /// library callers that pass one get this one.
    pub const DEEPEST: usize = 512;

    /// The nesting limit actually applied.
    pub fn depth(&self) -> usize {
        self.max_depth.min(Self::DEEPEST)
    }

    /// Refuses limits that cannot be honoured safely, with a message for CLI and JavaScript users.
    pub fn check(&self) -> Result<(), Error> {
        if self.max_depth > Self::DEEPEST {
            return Err(Error::InvalidInput(format!(
                "the nesting limit (--max-depth, maxDepth) may be at most {}, not {}: deeper nesting could exhaust the stack",
                Self::DEEPEST,
                self.max_depth
            )));
        }
        Ok(())
    }
}

/// Where context comes from when an envelope does not give all of it.
#[derive(Debug, Clone)]
pub enum ContextSource {
    /// A context object, as in an envelope's `context`.
    Object(ContextObject),
    /// The `integrations` map of the `paragon_integrations` data source, keyed by type.
    Integrations(Map<String, Value>),
}

impl ContextSource {
    /// Tells a context object from a `paragon_integrations` map (bare, or under `integrations`).
    pub fn from_value(value: Value) -> Result<ContextSource, String> {
        let Value::Object(map) = value else {
            return Err("a context must be a JSON object".into());
        };
        if let Some(Value::Object(inner)) = map.get("integrations")
            && inner.values().all(|e| e.get("id").is_some())
        {
            return Ok(ContextSource::Integrations(inner.clone()));
        }
        let looks_like_map =
            !map.is_empty() && map.values().all(|e| e.is_object() && e.get("id").is_some());
        if looks_like_map {
            Ok(ContextSource::Integrations(map))
        } else {
            Ok(ContextSource::Object(ContextObject::new(Value::Object(
                map,
            ))))
        }
    }
}

/// A context object given for every document of a call (`--context`, `options.context`): its
/// value, its span tree (made once), and whether it suits each kind (checked once per kind, the
/// first time a document of that kind needs it), rather than once per document.
#[derive(Debug, Clone)]
pub struct ContextObject {
    value: Value,
    tree: SpanTree,
    /// [`Kind::check_context`]'s verdict for each kind, in [`kinds::all`]'s order.
    fits: Vec<std::sync::OnceLock<Result<(), String>>>,
}

impl ContextObject {
    pub fn new(value: Value) -> Self {
        ContextObject {
            tree: SpanTree::from_value(&value),
            value,
            fits: kinds::all()
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    pub fn tree(&self) -> SpanRef<'_> {
        self.tree.root()
    }

    /// Whether the context suits `kind`'s context structure; `Err` says what is wrong, naming
    /// the field only.
    pub fn fits(&self, kind: &dyn Kind) -> Result<(), String> {
        let at = kinds::all().iter().position(|k| k.id() == kind.id());
        match at.and_then(|i| self.fits.get(i)) {
            Some(verdict) => verdict
                .get_or_init(|| kind.check_context(self.tree()))
                .clone(),
            None => kind.check_context(self.tree()),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub policy: Policy,
    /// Context for documents whose envelope gives none (or only part: the envelope's keys win).
    pub context: Option<ContextSource>,
    /// The kind of bare (non-envelope) documents.
    pub kind: Option<&'static dyn Kind>,
    pub limits: Limits,
}

impl std::fmt::Debug for dyn Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Problems that stop a check from running at all (exit code 2), as opposed to diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("unknown kind `{0}`; known kinds: {known}", known = kinds::ids().join(", "))]
    UnknownKind(String),
    #[error(
        "the input is not an envelope (an object with `kind` and `document`), and no kind was given: pass --kind KIND"
    )]
    NeedKind,
    #[error("invalid context: {0}")]
    InvalidContext(String),
    #[error("invalid policy: {0}")]
    InvalidPolicy(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("the document has errors, so there is no wire body: {0}")]
    HasErrors(String),
    #[error("{0}")]
    NoWire(String),
}

/// The findings for one input, defined with the report model it feeds.
pub use crate::diagnostic::Findings;

pub fn kind(id: &str) -> Result<&'static dyn Kind, Error> {
    kinds::find(id).ok_or_else(|| Error::UnknownKind(id.to_owned()))
}

/// What a file's name says it is; extensions match whatever their case (`A.JSON`, `main.TF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    /// `*.json`: envelopes, batches, bare documents with a kind, or Terraform plan JSON.
    Json,
    /// `*.tf`: Terraform's native syntax.
    Tf,
    /// `*.tf.json`: Terraform's JSON syntax (CDKTF writes it).
    TfJson,
    /// `*.tfvars`: variable values, where secrets are most often committed.
    TfVars,
    /// `*.tfvars.json`.
    TfVarsJson,
    /// `credlint.json`: a policy file, never a document.
    Policy,
    /// Anything else: not read by walks.
    Other,
}

pub fn file_type(name: &str) -> FileType {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    if lower == "credlint.json" {
        FileType::Policy
    } else if lower.ends_with(".tf.json") {
        FileType::TfJson
    } else if lower.ends_with(".tfvars.json") {
        FileType::TfVarsJson
    } else if lower.ends_with(".json") {
        FileType::Json
    } else if lower.ends_with(".tf") {
        FileType::Tf
    } else if lower.ends_with(".tfvars") {
        FileType::TfVars
    } else {
        FileType::Other
    }
}

/// Checks a file by its name ([`file_type`]): Terraform files as Terraform, anything else as JSON
/// (envelopes, batches, bare documents with `opts.kind`, or Terraform plan JSON, recognised by
/// its content).
pub fn check_file(name: &str, bytes: &[u8], opts: &Options) -> Result<Findings, Error> {
    if bytes.len() > opts.limits.max_bytes {
        return Ok(oversized(Some(name), opts));
    }
    let ty = file_type(name);
    if matches!(
        ty,
        FileType::Tf | FileType::TfJson | FileType::TfVars | FileType::TfVarsJson
    ) {
        #[cfg(feature = "terraform")]
        return match std::str::from_utf8(bytes) {
            Ok(text) => match ty {
                FileType::Tf => crate::terraform::check_tf(text, Some(name), opts),
                FileType::TfJson => crate::terraform::tf_json::check(text, Some(name), opts),
                FileType::TfVars => crate::terraform::tfvars::check(text, Some(name), opts),
                _ => crate::terraform::tfvars::check_json(text, Some(name), opts),
            },
            Err(_) => check_bytes(bytes, Some(name), opts),
        };
        #[cfg(not(feature = "terraform"))]
        return Err(Error::InvalidInput(
            "this build of credlint has no Terraform parser (the browser package leaves it out): check `.tf` files with the CLI or the Node bin".into(),
        ));
    }
    check_bytes(bytes, Some(name), opts)
}

/// Whether a file that did not parse as JSON is JSON with comments or trailing commas (a tool's
/// configuration, like `tsconfig.json`) that holds nothing shaped like credentials: a walk passes
/// it over. A file that does not parse even so, or that holds an envelope, is still a failure.
pub fn unrelated_jsonc(name: &str, bytes: &[u8], result: &Findings) -> bool {
    if file_type(name) != FileType::Json
        || !result
            .diagnostics
            .iter()
            .any(|d| d.rule == rules::INVALID_JSON.id)
    {
        return false;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    if text.len() > 16 * 1024 * 1024 {
        return false;
    }
    match json::parse_tree(&strip_jsonc(text), Limits::default().depth()) {
        Ok(tree) => {
            let root = tree.spans.root();
            !looks_like_ours(root) && !crate::terraform::plan::is_plan(root)
        }
        Err(_) => false,
    }
}

/// JSON with comments (`//`, `/* */`) and trailing commas made plain JSON (each removed character
/// becomes a space).
fn strip_jsonc(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                for o in &mut out[i..end] {
                    if *o != b'\n' {
                        *o = b' ';
                    }
                }
                i = end;
                continue;
            }
            b',' => {
                let next = out[i + 1..]
                    .iter()
                    .zip(i + 1..)
                    .find(|(c, _)| !c.is_ascii_whitespace())
                    .map(|(c, at)| (*c, at));
                // A comma before a comment: look past the comment in the original text.
                let closes = match next {
                    Some((b'}' | b']', _)) => true,
                    Some((b'/', at)) => {
                        let mut j = at;
                        let mut rest_closes = false;
                        while j < b.len() {
                            if b[j] == b'/' && b.get(j + 1) == Some(&b'/') {
                                while j < b.len() && b[j] != b'\n' {
                                    j += 1;
                                }
                            } else if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
                                j = text[j + 2..].find("*/").map_or(b.len(), |e| j + 2 + e + 2);
                            } else if b[j].is_ascii_whitespace() {
                                j += 1;
                            } else {
                                rest_closes = matches!(b[j], b'}' | b']');
                                break;
                            }
                        }
                        rest_closes
                    }
                    _ => false,
                };
                if closes {
                    out[i] = b' ';
                }
            }
            _ => {}
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Checks raw bytes (a file): invalid UTF-8 is a diagnostic with its position.
pub fn check_bytes(bytes: &[u8], file: Option<&str>, opts: &Options) -> Result<Findings, Error> {
    // The size counts bytes before decoding: an input cut at the limit inside a character is
    // too large, not invalid UTF-8.
    if bytes.len() > opts.limits.max_bytes {
        return Ok(oversized(file, opts));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text(text, file, opts),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let text = std::str::from_utf8(good).unwrap_or("");
            let lines = LineIndex::new(text);
            let (line, column) = lines.position(text, text.len());
            Ok(unreadable(
                file,
                line,
                column,
                "the file is not valid UTF-8".into(),
            ))
        }
    }
}

/// The one diagnostic for an input over `max_bytes`.
pub(crate) fn oversized(file: Option<&str>, opts: &Options) -> Findings {
    let message = format!(
        "the input is larger than the limit of {} bytes (`max_bytes`)",
        opts.limits.max_bytes
    );
    let mut result = unreadable(file, 1, 1, message);
    if let Some(d) = result.diagnostics.first_mut() {
        d.hint = Some("if the input is meant to be this large, raise the limit (--max-bytes; maxBytes in JavaScript)".into());
    }
    result
}

/// The result for an input that cannot be read as a document at all: one
/// `structure/invalid-json` diagnostic at its position (unless the policy turns the rule off).
pub(crate) fn unreadable(file: Option<&str>, line: u32, column: u32, message: String) -> Findings {
    let mut result = Findings {
        documents: 1,
        ..Default::default()
    };
    // An input that was not checked fails whatever the policy says.
    result.diagnostics.push(Diagnostic {
        file: file.map(str::to_owned),
        line: Some(line),
        column: Some(column),
        ..Diagnostic::new(
            rules::INVALID_JSON.id,
            Severity::Error,
            String::new(),
            message,
        )
    });
    result
}

/// Checks JSON text: one envelope, a batch (array) of envelopes, or a bare document of
/// `opts.kind`. Positions are 1-based lines and columns into `text`.
pub fn check_text(text: &str, file: Option<&str>, opts: &Options) -> Result<Findings, Error> {
    if text.len() > opts.limits.max_bytes {
        return Ok(oversized(file, opts));
    }
    let lines = LineIndex::new(text);
    let src = Source::new(text, &lines, file, opts);
    let mut result = Findings::default();
    // A large input is checked as the parser reads it, so that only one element's tree is alive
    // at a time: a batch element by element; in what may be plan JSON, each resource change,
    // with the members no check reads (`planned_values`, ...) checked for syntax only. Whether
    // an object is plan JSON is known only at its end: what its resource changes gave is kept
    // when it is, and an object that is not is parsed again whole.
    use crate::terraform::plan;
    let mut ours = false;
    let mut failed: Option<Error> = None;
    let in_object = std::cell::Cell::new(false);
    let mut changes_lists = 0;
    let mut plan_result = Findings::default();
    let top = json::parse_each(
        text,
        opts.limits.depth(),
        &mut |key| {
            in_object.set(true);
            if key == "resource_changes" {
                changes_lists += 1;
                json::Take::Stream
            } else if plan::UNREAD_KEYS.contains(&key) {
                json::Take::Skip
            } else {
                json::Take::Build
            }
        },
        &mut |index, element| {
            let checked = if in_object.get() {
                plan::check_change(element.spans.root(), &src, &mut plan_result)
            } else {
                ours = ours || unit_looks_like_ours(element.spans.root());
                check_unit(Some(index), element, &src, &mut result)
            };
            if let Err(e) = checked {
                failed.get_or_insert(e);
            }
        },
    );
    let parsed = match top {
        Ok(json::TopLevel::List { .. }) => {
            // The verdict on a list that is not credentials, or that a check could not finish,
            // replaces whatever its elements gave.
            if opts.kind.is_none() && !ours {
                return Err(Error::NeedKind);
            }
            if let Some(e) = failed {
                return Err(e);
            }
            cap(&mut result, opts.limits.max_diagnostics);
            return Ok(result);
        }
        Ok(json::TopLevel::Value { parsed, partial }) => {
            // A repeated `resource_changes` streamed both lists, where the last one counts.
            if plan::is_plan(parsed.spans.root()) && changes_lists < 2 {
                if let Some(e) = failed {
                    return Err(e);
                }
                plan::check_changes(parsed.spans.root(), &src, &mut plan_result)?;
                return Ok(plan::finish(plan_result, opts));
            }
            if partial {
                match json::parse_tree(text, opts.limits.depth()) {
                    Ok(whole) => whole,
                    Err(e) => return Ok(invalid_json(&src, &e)),
                }
            } else {
                parsed
            }
        }
        // Nothing the elements before the error gave is kept.
        Err(e) => return Ok(invalid_json(&src, &e)),
    };
    if plan::is_plan(parsed.spans.root()) {
        return plan::check(parsed.spans.root(), &src);
    }
    if opts.kind.is_none() && !looks_like_ours(parsed.spans.root()) {
        return Err(Error::NeedKind);
    }
    check_unit(None, &parsed, &src, &mut result)?;
    cap(&mut result, opts.limits.max_diagnostics);
    Ok(result)
}

/// One input being checked: its text, the line index of that text, its file name and the run's
/// options. Every step that checks the input and places its findings at lines and columns reads
/// them from here.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub file: Option<&'a str>,
    pub opts: &'a Options,
}

impl<'a> Source<'a> {
    pub fn new(
        text: &'a str,
        lines: &'a LineIndex,
        file: Option<&'a str>,
        opts: &'a Options,
    ) -> Self {
        Source {
            text,
            lines,
            file,
            opts,
        }
    }

    /// The 1-based line and column of a byte offset into the text.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        self.lines.position(self.text, offset)
    }

    /// The one `structure/invalid-json` result of this input, which cannot be read at byte
    /// `offset` for the reason `message`.
    pub fn unreadable(&self, offset: usize, message: String) -> Findings {
        let (line, column) = self.position(offset);
        unreadable(self.file, line, column, message)
    }
}

/// The one `structure/invalid-json` result for text that is not JSON.
pub(crate) fn invalid_json(src: &Source, e: &json::ParseError) -> Findings {
    src.unreadable(e.offset, format!("invalid JSON: {}", e.message))
}

/// Checks one unit of a JSON input (the whole input, or the batch element at `index`) and adds
/// what it found to `result`: an envelope's own findings, duplicate keys, and the document's.
/// `unit`'s duplicate keys are those inside it (pointers from the top of the file).
fn check_unit(
    index: Option<usize>,
    unit: &json::Tree,
    src: &Source,
    result: &mut Findings,
) -> Result<(), Error> {
    let Source {
        text,
        lines,
        file,
        opts,
    } = *src;
    let (unit_span, duplicates) = (unit.spans.root(), &unit.duplicates);
    let locate = |span: SpanRef<'_>, path: &str| {
        let offset = span.locate(path);
        (offset, lines.position(text, offset))
    };
    // Diagnostics past the limit are counted, not kept: a batch of millions of bad elements
    // must not hold millions of diagnostics.
    let max = opts.limits.max_diagnostics;
    result.documents += 1;
    let policy = &opts.policy;
    let mut sink = Sink::new(policy);
    let unit_prefix = index.map(|i| format!("/{i}")).unwrap_or_default();
    // An object with `kind` is an envelope, whatever else it holds.
    let envelope = unit_span.field("kind").is_some();

    // Where the document sits in the file, and what it is.
    let (kind, doc_span, doc_prefix, envelope_context) = if envelope {
        match check_envelope(unit_span, &mut sink) {
            Some((kind, context)) => (
                Some(kind),
                unit_span.field("document"),
                format!("{unit_prefix}/document"),
                context,
            ),
            None => (None, None, String::new(), None),
        }
    } else {
        match opts.kind {
            Some(k) => (Some(k), Some(unit_span), unit_prefix.clone(), None),
            None => {
                not_an_envelope(unit_span, index.is_some(), &mut sink);
                (None, None, String::new(), None)
            }
        }
    };

    // Envelope-level findings point into the envelope.
    let mut diags: Vec<Diagnostic> = Vec::new();
    for mut d in sink.diagnostics.drain(..) {
        let at = locate(unit_span, &d.path);
        d.path = String::new();
        diags.push(place(d, file, index, Some(at)));
    }
    let in_document = |p: &str| {
        doc_span.is_some()
            && p.strip_prefix(doc_prefix.as_str())
                .is_some_and(|rel| rel.is_empty() || rel.starts_with('/'))
    };
    for dup in duplicates {
        let Some(rel) = dup.pointer.strip_prefix(unit_prefix.as_str()) else {
            continue;
        };
        if !(rel.is_empty() || rel.starts_with('/')) {
            continue;
        }
        let Some(severity) = policy.severity(&rules::DUPLICATE_KEY) else {
            continue;
        };
        let (line, column) = lines.position(text, dup.offset);
        let (first_line, _) = lines.position(text, dup.first_offset);
        let (path, what) = if in_document(&dup.pointer) {
            let p = dup.pointer[doc_prefix.len()..].to_owned();
            let what = crate::text::describe(&p);
            (p, what)
        } else {
            (
                String::new(),
                format!("the envelope's {}", crate::text::describe(rel)),
            )
        };
        diags.push(Diagnostic {
            file: file.map(str::to_owned),
            index,
            line: Some(line),
            column: Some(column),
            hint: Some("remove one of the two: a reviewer may read one value while the platform uses the other".into()),
            offset: Some(dup.offset),
            ..Diagnostic::new(
                rules::DUPLICATE_KEY.id,
                severity,
                path,
                format!("{what} is given twice (first on line {first_line}); the last value wins"),
            )
        });
    }

    if let (Some(kind), Some(doc_span)) = (kind, doc_span) {
        let located = Located {
            kind,
            document: None,
            span: doc_span,
            values: doc_span,
            index,
            context: envelope_context,
            resource: None,
            unknown: &[],
            sensitive: None,
        };
        // Once the input's diagnostics are at the limit, every later element's are counted, not
        // kept (they come after, in the text): none is worded or placed. Until then an element
        // keeps up to the whole limit, so that the ones it shows are its first in the text.
        let keep = if result.diagnostics.len() >= max {
            0
        } else {
            max
        };
        let (d, s, dropped) = check_located(&located, src, keep)?;
        diags.extend(d);
        result.skipped.extend(s);
        result.dropped.add_all(dropped);
    }
    crate::order::sort_by_key(&mut diags, |d| crate::order::offset_key(d.offset));
    result.diagnostics.extend(diags);
    if result.diagnostics.len() > max {
        for d in result.diagnostics.drain(max..) {
            result.dropped.add(d.severity);
        }
    }
    Ok(())
}

/// A document found in a file, with what the file itself says about it.
pub(crate) struct Located<'a> {
    pub kind: &'static dyn Kind,
    /// The document as a value, when it was converted (Terraform): the probes of its unknown
    /// values edit it.
    pub document: Option<&'a Value>,
    /// Offsets of the document's keys and values in the file.
    pub span: SpanRef<'a>,
    /// The document's values: `span` again for a JSON document (checked as written), a tree made
    /// from the converted value otherwise.
    pub values: SpanRef<'a>,
    /// Position in a batch.
    pub index: Option<usize>,
    /// Context the file gives (an envelope's `context`, or facts a `.tf` file shows).
    pub context: Option<SpanRef<'a>>,
    /// Terraform resource address.
    pub resource: Option<&'a str>,
    /// Pointers whose values are unknown until `terraform apply`, with what they are.
    pub unknown: &'a [(String, String)],
    /// Values the input itself marks secret, beyond the kind's own sensitive fields, and the
    /// pointers marked.
    pub sensitive: Option<(&'a Redactor, &'a [String])>,
}

/// Checks one located document: structure and semantic rules, placed at lines and columns.
/// Value checks on unknown values are not run: they are listed as skipped, never reported.
/// Keeps up to `keep` diagnostics (normally `max_diagnostics`); the rest are counted.
pub(crate) fn check_located(
    loc: &Located,
    src: &Source,
    keep: usize,
) -> Result<(Vec<Diagnostic>, Vec<Skipped>, Counts), Error> {
    let Source {
        text,
        lines,
        file,
        opts,
    } = *src;
    let mut made_context = None;
    let context = context_tree(loc.kind, loc.values, loc.context, opts, &mut made_context)?;
    let mut sink = Sink::with_limit(&opts.policy, keep);
    let tree = loc.values;
    check_document(loc.kind, tree, context, &opts.policy, &mut sink);
    if opts.policy.hardcoded_secret_in_json && loc.resource.is_none() {
        crate::secrets::scan_json(tree, "", &mut sink);
    }
    let value_rule = |rule: &str| rule.starts_with("structure/") || loc.kind.schema_encodes(rule);
    let mut diags = Vec::new();
    let mut skipped = std::mem::take(&mut sink.skipped);
    for d in std::mem::take(&mut sink.diagnostics) {
        let unknown = loc.unknown.iter().find(|(p, _)| at_or_below(&d.path, p));
        if let Some((p, what)) = unknown
            && value_rule(d.rule)
        {
            if !skipped.iter().any(|s| s.rule == d.rule) {
                skipped.push(Skipped {
                    file: None,
                    index: None,
                    resource: None,
                    rule: d.rule,
                    reason: format!("{} is {what}", crate::text::describe(p)),
                });
            }
            continue;
        }
        let offset = loc.span.locate(&d.path);
        let mut d = place(
            d,
            file,
            loc.index,
            Some((offset, lines.position(text, offset))),
        );
        d.resource = loc.resource.map(str::to_owned);
        // Fixes are edits of JSON text: a document converted from Terraform has none.
        if let Some(proposed) = d.proposed.take()
            && loc.resource.is_none()
        {
            d.fix = proposed.lower(loc.span, text, lines);
        }
        // A finding about a value the input marks sensitive may quote it: blank it out. (Findings
        // about other fields do not quote values of these.)
        if let Some((r, _)) = loc
            .sensitive
            .filter(|(_, marked)| marked.iter().any(|p| at_or_below(&d.path, p)))
        {
            d.message = r.redact(&d.message);
            d.hint = d.hint.map(|h| r.redact(&h));
        }
        diags.push(d);
    }
    // A whole field whose value is unknown (`extra_configuration = merge(...)`): every rule of
    // the kind that a value there could have made report is named as skipped, not only those
    // that happened to fire on the placeholder. Which values: those of the rule's own failing
    // examples, tried in the document's place.
    for (p, what) in loc.unknown {
        let Some(field) = p.strip_prefix('/').filter(|f| !f.contains('/')) else {
            continue;
        };
        for (rule, samples) in rules_reading(loc.kind, field) {
            let fired = diags.iter().any(|d: &Diagnostic| d.rule == rule.id);
            if fired
                || opts.policy.severity(rule).is_none()
                || skipped.iter().any(|s| s.rule == rule.id)
            {
                continue;
            }
            let could_report = samples.iter().any(|sample| {
                let mut probe = loc.document.cloned().unwrap_or_else(|| tree.to_value());
                if let Value::Object(map) = &mut probe {
                    map.insert(field.to_owned(), sample.clone());
                }
                let mut s = Sink::new(&opts.policy);
                let probe = SpanTree::from_value(&probe);
                check_document(loc.kind, probe.root(), context, &opts.policy, &mut s);
                s.diagnostics.iter().any(|d| d.rule == rule.id)
            });
            if could_report {
                skipped.push(Skipped {
                    file: None,
                    index: None,
                    resource: None,
                    rule: rule.id,
                    reason: format!("{} is {what}", crate::text::describe(p)),
                });
            }
        }
    }
    for s in &mut skipped {
        s.file = file.map(str::to_owned);
        s.index = loc.index;
        s.resource = loc.resource.map(str::to_owned);
    }
    Ok((diags, skipped, sink.dropped))
}

/// The kind's own rules that report about the top-level `field`, each with the values that field
/// has in the rule's failing examples; learnt once from the examples, so no list is kept by hand.
fn rules_reading(
    kind: &'static dyn Kind,
    field: &str,
) -> Vec<(&'static rules::RuleMeta, Vec<Value>)> {
    type Samples = Vec<(String, Value)>;
    type Learnt = Vec<(&'static str, Vec<(&'static rules::RuleMeta, Samples)>)>;
    static LEARNT: std::sync::OnceLock<Learnt> = std::sync::OnceLock::new();
    let learnt = LEARNT.get_or_init(|| {
        kinds::all()
            .iter()
            .map(|k| {
                let per_rule = k
                    .rules()
                    .iter()
                    .map(|rule| {
                        let mut samples: Samples = Vec::new();
                        for ex in rule.examples.iter().filter(|e| !e.pass && e.kind == k.id()) {
                            let depth = Limits::default().depth();
                            let Ok(doc) = json::parse(ex.document, depth).map(|p| p.value) else {
                                continue;
                            };
                            let context = json::parse(ex.context, depth).ok().map(|p| p.value);
                            let Ok(r) =
                                check_value(*k, &doc, context.as_ref(), &Options::default())
                            else {
                                continue;
                            };
                            for d in r.diagnostics.iter().filter(|d| d.rule == rule.id) {
                                for path in std::iter::once(&d.path).chain(&d.related) {
                                    let first =
                                        pointer::tokens(path).and_then(|t| t.into_iter().next());
                                    if let Some(first) = first
                                        && let Some(value) = doc.get(&first)
                                        && !samples.iter().any(|(f, v)| *f == first && v == value)
                                    {
                                        samples.push((first, value.clone()));
                                    }
                                }
                            }
                        }
                        (*rule, samples)
                    })
                    .collect();
                (k.id(), per_rule)
            })
            .collect()
    });
    learnt
        .iter()
        .filter(|(id, _)| *id == kind.id())
        .flat_map(|(_, per_rule)| per_rule.iter())
        .map(|(rule, samples)| {
            let values: Vec<Value> = samples
                .iter()
                .filter(|(f, _)| f == field)
                .map(|(_, v)| v.clone())
                .collect();
            (*rule, values)
        })
        .filter(|(_, values)| !values.is_empty())
        .collect()
}

fn place(
    mut d: Diagnostic,
    file: Option<&str>,
    index: Option<usize>,
    at: Option<(usize, (u32, u32))>,
) -> Diagnostic {
    d.file = file.map(str::to_owned);
    d.index = index;
    if let Some((offset, (line, column))) = at {
        d.offset = Some(offset);
        d.line = Some(line);
        d.column = Some(column);
    }
    d
}

/// Validates the envelope itself; reports with envelope pointers (rewritten to `""` by the caller
/// after placing). Returns the kind and the envelope's context, or `None` when the document cannot
/// be checked (reported as `structure/invalid-envelope`, which no policy lowers).
fn check_envelope<'t>(
    unit: SpanRef<'t>,
    sink: &mut Sink,
) -> Option<(&'static dyn Kind, Option<SpanRef<'t>>)> {
    let obj = unit.as_object()?;
    let mut checkable = true;
    for key in obj.distinct().map(|m| m.key) {
        if matches!(key, "kind" | "context" | "document" | "$schema") {
            continue;
        }
        if crate::terraform::plan::PLAN_KEYS.contains(&key) {
            sink.report(
                &rules::INVALID_ENVELOPE,
                pointer::join("", key),
                || format!("the envelope also has `{key}`, a key of Terraform plan JSON: it is ambiguous whether this is an envelope or a plan"),
            )
            .hint("give an envelope only `kind`, `context` and `document`; check plan JSON as its own file");
            checkable = false;
            continue;
        }
        // A misspelt `document` leaves nothing to check; a misspelt `context` is an unknown
        // field (the document is still checked, and rules that need the context are skipped).
        let near = envelope_key(key).filter(|k| *k == "document" && unit.field(k).is_none());
        if let Some(meant) = near {
            sink.report(&rules::INVALID_ENVELOPE, pointer::join("", key), || {
                format!(
                    "the envelope has `{}` where `{meant}` is expected",
                    crate::text::clip(key)
                )
            })
            .hint(|| format!("did you mean `{meant}`?"));
            checkable = false;
            continue;
        }
        sink.report(&rules::UNKNOWN_FIELD, pointer::join("", key), || {
            format!("unknown envelope field `{}`", crate::text::clip(key))
        })
        .hint("an envelope has `kind`, `context` (optional) and `document`");
    }
    let kind = match unit.field("kind").map(|k| (k, k.view())) {
        Some((_, View::String(id))) => match kinds::find(id) {
            Some(k) => Some(k),
            None => {
                let d = sink.report(
                    &rules::INVALID_ENVELOPE,
                    "/kind",
                    || format!(
                        "unknown kind `{}` in the envelope, so the document was not checked; known kinds: {}",
                        crate::text::clip(id),
                        kinds::ids().join(", ")
                    ),
                );
                if let Some(s) = crate::text::suggest(id, kinds::ids().into_iter()) {
                    d.hint(|| format!("did you mean `{s}`?"));
                }
                None
            }
        },
        Some((other, _)) => {
            sink.report(
                &rules::INVALID_ENVELOPE,
                "/kind",
                || format!(
                    "the envelope's `kind` must be a string, not {}, so the document was not checked",
                    other.a_type_name()
                ),
            );
            None
        }
        None => None,
    };
    match unit.field("document") {
        Some(doc) if doc.as_object().is_none() => {
            sink.report(&rules::INVALID_ENVELOPE, "/document", || {
                format!(
                    "the envelope's `document` must be an object, not {}, so it was not checked",
                    doc.a_type_name()
                )
            });
            return None;
        }
        Some(_) => {}
        None => {
            if checkable {
                sink.report(
                    &rules::INVALID_ENVELOPE,
                    "",
                    "the envelope has no `document`, so there is nothing to check",
                )
                .hint(
                    "an envelope is {\"kind\": \"...\", \"context\": {...}, \"document\": {...}}",
                );
            }
            return None;
        }
    }
    if !checkable {
        return None;
    }
    let context = match unit.field("context") {
        None => None,
        Some(c) if c.is_null() => None,
        Some(c) if c.as_object().is_some() => {
            if let Some(k) = kind
                && let Err(e) = k.check_context(c)
            {
                // The document is still checked; rules that need the context are skipped.
                sink.report(&rules::TYPE, "/context", || {
                    format!("the envelope's `context` is invalid: {e}")
                });
                return kind.map(|k| (k, None));
            }
            Some(c)
        }
        Some(other) => {
            sink.report(&rules::TYPE, "/context", || {
                format!(
                    "the envelope's `context` must be an object, not {}",
                    other.a_type_name()
                )
            });
            return kind.map(|k| (k, None));
        }
    };
    kind.map(|k| (k, context))
}

/// The envelope key `key` is or nearly is (`Kind`, `kind `, `documents`), if any.
fn envelope_key(key: &str) -> Option<&'static str> {
    let k = crate::text::lower_case(key.trim());
    match k.as_str() {
        "kind" | "kinds" | "knid" => Some("kind"),
        "document" | "documents" | "documnet" | "docment" | "documet" => Some("document"),
        _ if k.len() >= 6 && crate::text::suggest(&k, ["document"].into_iter()).is_some() => {
            Some("document")
        }
        _ => None,
    }
}

/// The kind whose document `value` looks like (its required top-level fields present, or most of
/// its keys known to the kind), with the fields that say so.
fn kind_shaped(value: SpanRef<'_>) -> Option<(&'static dyn Kind, Vec<&'static str>)> {
    let members = value.as_object()?;
    let has = |name: &str| members.find(name).is_some();
    // The keys as `JSON.parse` counts them: a repeated one once.
    let len = members.distinct().count();
    let mut best: Option<(&'static dyn Kind, Vec<&'static str>)> = None;
    for kind in kinds::all() {
        let fields = kind.fields();
        let known = fields.iter().filter(|f| has(f.name)).count();
        let mut required = fields.iter().filter(|f| f.required).peekable();
        let all_required = required.peek().is_some() && required.all(|f| has(f.name));
        let most = known >= 3 && known * 2 >= len;
        if known >= 2
            && (all_required || most)
            && best.as_ref().is_none_or(|(_, b)| known > b.len())
        {
            let names = fields.iter().filter(|f| has(f.name)).map(|f| f.name);
            best = Some((*kind, names.collect()));
        }
    }
    best
}

/// Whether an input with no kind given could be credentials (an envelope, a near miss of one, a
/// document of a known kind outside its envelope, or a batch holding one): such an input is
/// checked, and fails when it is not an envelope; anything else is not credlint's to check
/// ([`Error::NeedKind`]).
pub fn looks_like_ours(value: SpanRef<'_>) -> bool {
    match value.as_array() {
        Some(items) => items.iter().any(unit_looks_like_ours),
        None => unit_looks_like_ours(value),
    }
}

/// Whether one unit (the input, or a batch element) could be credentials; see [`looks_like_ours`].
fn unit_looks_like_ours(v: SpanRef<'_>) -> bool {
    v.as_object().is_some_and(|o| {
        o.find("kind").is_some() || o.iter().any(|m| envelope_key(m.key).is_some())
    }) || kind_shaped(v).is_some()
}

/// Reports why an input that is not an envelope (and was given no kind) cannot be checked.
fn not_an_envelope(unit: SpanRef<'_>, in_batch: bool, sink: &mut Sink) {
    let what = if in_batch {
        "this batch element"
    } else {
        "the input"
    };
    if let Some(obj) = unit.as_object()
        && let Some((key, meant)) = obj.distinct().find_map(|m| {
            envelope_key(m.key)
                .filter(|k| *k != m.key)
                .map(|k| (m.key, k))
        })
    {
        sink.report(
            &rules::INVALID_ENVELOPE,
            pointer::join("", key),
            || format!(
                "{what} is not an envelope: it has `{}` where `{meant}` is expected, so nothing in it was checked",
                crate::text::clip(key)
            ),
        )
        .hint(|| format!("did you mean `{meant}`? An envelope is {{\"kind\": \"...\", \"document\": {{...}}}}"));
        return;
    }
    if let Some((kind, fields)) = kind_shaped(unit) {
        let listed: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        sink.report(
            &rules::INVALID_ENVELOPE,
            "",
            || format!(
                "{what} looks like a `{}` document ({}) but is not in an envelope, so it was not checked",
                kind.id(),
                listed.join(", ")
            ),
        )
        .hint(|| format!(
            "wrap it as {{\"kind\": \"{}\", \"document\": {{...}}}}, or give its kind (`--kind` on the command line, the kind argument in JavaScript)",
            kind.id()
        ));
        return;
    }
    let d = sink.report(
        &rules::INVALID_ENVELOPE,
        "",
        if unit.field("document").is_some() {
            format!("{what} has `document` but no `kind`, so it was not checked")
        } else {
            format!("{what} is not an envelope: it needs `kind` and `document`")
        },
    );
    d.hint("wrap the document as {\"kind\": \"...\", \"document\": {...}}, or give the kind of bare documents (`--kind` on the command line, the kind argument in JavaScript)");
}

/// The context a document is checked in: the options' context (or the integrations map entry
/// for this document), overlaid with the envelope's own keys.
fn effective_context(
    kind: &dyn Kind,
    document: SpanRef<'_>,
    envelope: Option<&Value>,
    opts: &Options,
) -> Result<Value, Error> {
    let mut base = match &opts.context {
        None => Map::new(),
        Some(ContextSource::Object(given)) => {
            given.fits(kind).map_err(Error::InvalidContext)?;
            given.value().as_object().cloned().unwrap_or_default()
        }
        Some(ContextSource::Integrations(map)) => {
            match kind.context_from_integrations(document, map) {
                Some(Value::Object(m)) => m,
                _ => Map::new(),
            }
        }
    };
    if let Some(Value::Object(env)) = envelope {
        for (k, v) in env {
            base.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(base))
}

/// The context a document is checked in ([`effective_context`]), as a span tree: the envelope's
/// (or the file's) own when the options give none, as it is; an empty object when neither does;
/// the options' context object's own tree (made once per call) when the envelope gives none;
/// otherwise the two merged, in `made`.
fn context_tree<'a>(
    kind: &dyn Kind,
    document: SpanRef<'_>,
    envelope: Option<SpanRef<'a>>,
    opts: &'a Options,
    made: &'a mut Option<SpanTree>,
) -> Result<SpanRef<'a>, Error> {
    static EMPTY: std::sync::LazyLock<SpanTree> =
        std::sync::LazyLock::new(|| SpanTree::from_value(&Value::Object(Map::new())));
    match (&opts.context, envelope) {
        (None, Some(own)) => Ok(own),
        (None, None) => Ok(EMPTY.root()),
        (Some(ContextSource::Object(given)), None) => {
            given.fits(kind).map_err(Error::InvalidContext)?;
            Ok(given.tree())
        }
        (Some(_), own) => {
            let own = own.map(SpanRef::to_value);
            let merged = effective_context(kind, document, own.as_ref(), opts)?;
            Ok(made.insert(SpanTree::from_value(&merged)).root())
        }
    }
}

/// Structure first, then the kind's semantic rules, on the document's tree, in `context`.
pub fn check_document(
    kind: &dyn Kind,
    tree: SpanRef<'_>,
    context: SpanRef<'_>,
    policy: &Policy,
    sink: &mut Sink,
) {
    structure::check_root(
        kind.fields(),
        kind.language_tagged(),
        kind.unknown_fields(),
        tree,
        sink,
    );
    kind.check(tree, context, sink);
    crate::policy_rules::check(kind, tree, &policy.constraints, sink);
}

/// Checks a document given as a value (from JavaScript or a program): no positions.
pub fn check_value(
    kind: &dyn Kind,
    document: &Value,
    context: Option<&Value>,
    opts: &Options,
) -> Result<Findings, Error> {
    check_value_non_finite(kind, document, context, &[], opts)
}

/// Like [`check_value`], for a document that came from JavaScript with non-finite numbers (NaN,
/// ±Infinity), which JSON cannot hold: the caller put `null` at each of `non_finite` (JSON
/// Pointers) and each is reported as what it is, not as a null.
pub fn check_value_non_finite(
    kind: &dyn Kind,
    document: &Value,
    context: Option<&Value>,
    non_finite: &[String],
    opts: &Options,
) -> Result<Findings, Error> {
    check_tree_non_finite(
        kind,
        &SpanTree::from_value(document),
        context,
        non_finite,
        opts,
    )
}

/// Like [`check_value_non_finite`], for a document already made into a tree without text (every
/// offset 0, numbers as serde_json writes them: [`SpanTree::from_value`]'s, or the JavaScript
/// API's walk of an object).
pub fn check_tree_non_finite(
    kind: &dyn Kind,
    document: &SpanTree,
    context: Option<&Value>,
    non_finite: &[String],
    opts: &Options,
) -> Result<Findings, Error> {
    let max = opts.limits.max_diagnostics;
    let mut result = check_tree_up_to(kind, document, context, non_finite, opts, max)?;
    cap(&mut result, max);
    Ok(result)
}

/// [`check_tree_non_finite`] keeping at most about `keep` diagnostics (the rest counted), before
/// any cap.
fn check_tree_up_to(
    kind: &dyn Kind,
    tree: &SpanTree,
    context: Option<&Value>,
    non_finite: &[String],
    opts: &Options,
    keep: usize,
) -> Result<Findings, Error> {
    let own = match context {
        Some(c) if !c.is_object() => {
            return Err(Error::InvalidContext(format!(
                "a context must be an object, not {}",
                json::a_type_name(c)
            )));
        }
        Some(c) => {
            let own = SpanTree::from_value(c);
            kind.check_context(own.root())
                .map_err(Error::InvalidContext)?;
            Some(own)
        }
        None => None,
    };
    let mut made = None;
    let ctx = context_tree(
        kind,
        tree.root(),
        own.as_ref().map(SpanTree::root),
        opts,
        &mut made,
    )?;
    // Up to one kept diagnostic per placeholder is dropped below: keep that many more.
    let mut sink = Sink::with_limit(&opts.policy, keep.saturating_add(non_finite.len()));
    check_document(kind, tree.root(), ctx, &opts.policy, &mut sink);
    if !non_finite.is_empty() {
        // Whatever was said about the placeholder null is not about the value.
        let placeholders: std::collections::HashSet<&str> =
            non_finite.iter().map(String::as_str).collect();
        sink.diagnostics
            .retain(|d| !placeholders.contains(d.path.as_str()));
        for p in non_finite {
            let rule = kind.non_finite_rule(p).unwrap_or(&rules::TYPE);
            sink.report(rule, p.clone(), || {
                format!(
                    "{} is NaN or Infinity, which JSON cannot carry",
                    crate::text::describe(p)
                )
            })
            .hint("use a finite number");
        }
    }
    let mut diagnostics = sink.diagnostics;
    value_fixes(tree.root(), &mut diagnostics, opts);
    Ok(Findings {
        diagnostics,
        skipped: sink.skipped,
        documents: 1,
        dropped: sink.dropped,
    })
}

/// A document given as a value has no text to edit: each finding a fix applies to carries the
/// fix's title and applicability with no edits (`fix()` in JavaScript applies it to the value).
/// Whether it applies is decided on the value's JSON text.
fn value_fixes(document: SpanRef<'_>, diagnostics: &mut [Diagnostic], opts: &Options) {
    if diagnostics.iter().all(|d| d.proposed.is_none()) {
        return;
    }
    let text = document.to_value().to_string();
    let Ok(parsed) = json::parse(&text, opts.limits.depth()) else {
        return;
    };
    let lines = LineIndex::new(&text);
    for d in diagnostics {
        if let Some(proposed) = d.proposed.take()
            && let Some(fix) = proposed.lower(parsed.spans.root(), &text, &lines)
        {
            d.fix = Some(crate::fix::Fix {
                edits: Vec::new(),
                ..fix
            });
        }
    }
}

/// The body `apply` would send for a valid document.
pub fn to_wire(
    kind: &dyn Kind,
    document: &Value,
    context: Option<&Value>,
    opts: &Options,
) -> Result<Value, Error> {
    let result = check_value(kind, document, context, opts)?;
    if let Some(first) = result
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(Error::HasErrors(format!(
            "{} [{}]",
            first.message, first.rule
        )));
    }
    if result.dropped.errors > 0 {
        let n = result.dropped.errors;
        return Err(Error::HasErrors(format!(
            "{n} more error{} past the limit of {} diagnostics (`max_diagnostics`)",
            if n == 1 { "" } else { "s" },
            opts.limits.max_diagnostics
        )));
    }
    let tree = SpanTree::from_value(document);
    let ctx = effective_context(kind, tree.root(), context, opts)?;
    kind.to_wire(document, &ctx).map_err(Error::NoWire)
}

/// Keeps at most `max` diagnostics, counting the rest; the last one kept says how many more there
/// were (those counted before, and those cut here).
pub(crate) fn cap(result: &mut Findings, max: usize) {
    if result.diagnostics.len() > max {
        for d in result.diagnostics.drain(max..) {
            result.dropped.add(d.severity);
        }
    }
    let dropped = result.dropped.total();
    if dropped > 0 {
        if let Some(last) = result.diagnostics.last_mut() {
            last.hint = Some(format!(
                "{}{dropped} more diagnostics in this input were not shown (limit {max})",
                last.hint
                    .as_deref()
                    .map(|h| format!("{h}; "))
                    .unwrap_or_default()
            ));
        }
    }
}

/// Whether `path` is `pointer` or lies below it.
fn at_or_below(path: &str, pointer: &str) -> bool {
    path.strip_prefix(pointer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// For live forms: sets `value` at `pointer` in `document` (creating missing parent objects),
/// checks the whole document, and returns only the diagnostics to show next to that field: those
/// at or below it, and cross-field ones that involve it. `non_finite` lists the pointers (in the
/// resulting document) where JavaScript gave NaN or ±Infinity, as for [`check_value_non_finite`].
pub fn validate_field(
    kind: &dyn Kind,
    pointer_text: &str,
    value: Value,
    document: Option<&Value>,
    context: Option<&Value>,
    non_finite: &[String],
    opts: &Options,
) -> Result<Vec<Diagnostic>, Error> {
    let document = document.map(SpanTree::from_value);
    validate_field_tree(
        kind,
        pointer_text,
        &SpanTree::from_value(&value),
        document.as_ref(),
        context,
        non_finite,
        opts,
    )
}

/// [`validate_field`] on trees without text (the JavaScript API's walk of a value, or
/// [`SpanTree::from_value`]'s).
pub fn validate_field_tree(
    kind: &dyn Kind,
    pointer_text: &str,
    value: &SpanTree,
    document: Option<&SpanTree>,
    context: Option<&Value>,
    non_finite: &[String],
    opts: &Options,
) -> Result<Vec<Diagnostic>, Error> {
    let tokens = pointer::tokens(pointer_text).ok_or_else(|| {
        Error::InvalidInput(format!(
            "`{}` is not a JSON Pointer (RFC 6901: empty, or starting with `/`)",
            crate::text::clip(pointer_text)
        ))
    })?;
    // Each token may add a level of nesting to the document: bound them like a file's nesting.
    if tokens.len() > opts.limits.depth() {
        return Err(Error::InvalidInput(format!(
            "the pointer has {} tokens, deeper than the nesting limit of {} levels (`max_depth`)",
            tokens.len(),
            opts.limits.depth()
        )));
    }
    let document = match document.map(SpanTree::root) {
        Some(d) if d.as_object().is_some() => Some(d),
        Some(d) if !d.is_null() => {
            return Err(Error::InvalidInput(format!(
                "the document must be an object, not {}",
                d.a_type_name()
            )));
        }
        // None or null: an empty object.
        _ => None,
    };
    let doc = SpanTree::grafted(document, &tokens, value.root()).map_err(|e| {
        Error::InvalidInput(match e {
            json::Graft::NoElement(token) => format!(
                "`{}`: no element {} in this list",
                crate::text::clip(pointer_text),
                crate::text::clip(&token)
            ),
            json::Graft::NotContainer => format!(
                "`{}`: a parent of this field is not an object or list",
                crate::text::clip(pointer_text)
            ),
        })
    })?;
    if doc.root().as_object().is_none() {
        return Err(Error::InvalidInput(format!(
            "the document must be an object, not {}",
            doc.root().a_type_name()
        )));
    }
    // Every diagnostic is looked at (the field's may come after many others), then capped.
    let result = check_tree_up_to(kind, &doc, context, non_finite, opts, usize::MAX)?;
    let mut field = Findings {
        diagnostics: result
            .diagnostics
            .into_iter()
            .filter(|d| {
                at_or_below(&d.path, pointer_text)
                    || d.related.iter().any(|r| at_or_below(r, pointer_text))
            })
            .collect(),
        ..Default::default()
    };
    cap(&mut field, opts.limits.max_diagnostics);
    Ok(field.diagnostics)
}

/// What a fix run made of one input.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The text with the fixes applied (the input itself when none applied).
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// The findings that remain in `text`.
    pub result: Findings,
}

/// Which fixes a fix run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// None: only check.
    #[default]
    Off,
    /// Safe fixes (`--fix`).
    Safe,
    /// Safe and unsafe fixes (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    pub fn takes(self, fix: &crate::fix::Fix) -> bool {
        match self {
            FixMode::Off => false,
            FixMode::Safe => fix.applicability == crate::fix::Applicability::Safe,
            FixMode::Unsafe => true,
        }
    }
}

/// Checks `text` (as [`check_file`] does when `file` is given, else as [`check_text`]) and
/// applies the fixes `mode` takes, pass after pass: each pass applies the fixes that do not
/// conflict, then checks the new text again, until nothing is left to apply or
/// [`crate::fix::MAX_PASSES`]. A fix after which the text no longer parses, or some rule reports
/// more than before, is not applied (a pass that does so is tried again without it).
pub fn fix_text(
    text: &str,
    file: Option<&str>,
    opts: &Options,
    mode: FixMode,
) -> Result<Fixed, Error> {
    fix_with(
        text,
        |d| d.fix.as_ref().is_some_and(|f| mode.takes(f)),
        |t| match file {
            Some(name) => check_file(name, t.as_bytes(), opts),
            None => check_text(t, None, opts),
        },
    )
}

/// [`fix_text`] for JSON text whatever `file` is called (it only names the diagnostics), as
/// [`check_text`] checks it: what the JavaScript API applies. It never reaches the Terraform
/// parser, so the library builds leave it out. With `only`, just the fixes of the diagnostics
/// of that rule (at that path, when given), as a form's "Fix" button on one finding asks.
pub fn fix_json_text(
    text: &str,
    file: Option<&str>,
    opts: &Options,
    mode: FixMode,
    only: Option<(&str, Option<&str>)>,
) -> Result<Fixed, Error> {
    fix_with(
        text,
        |d| {
            d.fix.as_ref().is_some_and(|f| mode.takes(f))
                && only
                    .is_none_or(|(rule, path)| d.rule == rule && path.is_none_or(|p| d.path == p))
        },
        |t| check_text(t, file, opts),
    )
}

/// How many fixes a failed pass tries one by one to find those that make the text worse.
const CULPRIT_TRIES: usize = 16;

fn fix_with(
    text: &str,
    takes: impl Fn(&Diagnostic) -> bool,
    check: impl Fn(&str) -> Result<Findings, Error>,
) -> Result<Fixed, Error> {
    let counts = |r: &Findings| {
        let mut m: std::collections::BTreeMap<&'static str, usize> = Default::default();
        for d in &r.diagnostics {
            *m.entry(d.rule).or_default() += 1;
        }
        m
    };
    // The findings of `next` if it is an improvement on `result`.
    let accept = |result: &Findings, next: &str| -> Option<Findings> {
        let r = check(next).ok()?;
        let before = counts(result);
        let worse = r
            .diagnostics
            .iter()
            .any(|d| rules::is_input_failure(d.rule))
            || r.dropped.total() > result.dropped.total()
            || counts(&r)
                .iter()
                .any(|(rule, n)| *n > before.get(rule).copied().unwrap_or(0));
        (!worse).then_some(r)
    };
    let key = |d: &Diagnostic| (d.rule, d.index, d.path.clone());
    let mut refused = Vec::new();
    let mut current = text.to_owned();
    let mut result = check(&current)?;
    let mut applied = 0;
    for _ in 0..crate::fix::MAX_PASSES {
        let candidates: Vec<&Diagnostic> = result
            .diagnostics
            .iter()
            .filter(|d| takes(d))
            .filter(|d| !refused.contains(&key(d)))
            .collect();
        let (next, n) =
            crate::fix::apply(&current, candidates.iter().filter_map(|d| d.fix.as_ref()));
        if n == 0 || next == current {
            break;
        }
        if let Some(r) = accept(&result, &next) {
            current = next;
            result = r;
            applied += n;
            continue;
        }
        // Find the fixes that make it worse on their own (among the first few: each try checks
        // the whole text again); the others go in the next pass.
        let before = refused.len();
        for d in candidates.iter().take(CULPRIT_TRIES) {
            let (alone, _) = crate::fix::apply(&current, d.fix.as_ref());
            if accept(&result, &alone).is_none() {
                refused.push(key(d));
            }
        }
        if refused.len() == before {
            // Each is fine alone, not together: take the first only.
            let (alone, n) = crate::fix::apply(&current, candidates[0].fix.as_ref());
            match accept(&result, &alone) {
                Some(r) if n > 0 => {
                    current = alone;
                    result = r;
                    applied += n;
                }
                _ => break,
            }
        }
    }
    Ok(Fixed {
        text: current,
        applied,
        result,
    })
}
