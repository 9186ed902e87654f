//! The WebAssembly shell (wasm32 only): converts JavaScript values to JSON at the boundary, calls
//! the core, and hands plain objects back. Results cross as one JSON string rebuilt by
//! `JSON.parse`, so callers get plain objects and arrays (never `Map`s), and a `__proto__` key
//! becomes an own property instead of a prototype.
//!
//! Nothing here panics: every failure is a thrown JavaScript `Error` (a `TypeError` for an
//! argument of the wrong type) with a message that names fields, never their values, and the
//! instance stays usable for the next call. Calls back into JavaScript that may throw (getters,
//! `toJSON`, proxies) go through `catch` bindings, so no JavaScript exception unwinds through Rust.
//!
//! Kinds and rules come from the core's registries; nothing here names a kind.

#[cfg(feature = "driver")]
use js_sys::Uint8Array;
use js_sys::{Array, Function, JsString};
use serde::Serialize;
use serde_json::{Number, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::diagnostic::{Diagnostic, Report};
use crate::engine::{self, ContextSource, Limits, Options};
use crate::json::{LineIndex, Scalar, SpanTree, pointer};
use crate::kinds::{self, Kind};
use crate::policy::Policy;
#[cfg(feature = "docs")]
use crate::schema;
use crate::structure;

type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen]
extern "C" {
    // `Object.keys` and `Array.isArray` throw on revoked proxies; `catch` turns that into a
    // `Result` instead of an exception unwinding through Rust frames.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_enumerable_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

fn error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(message.as_ref()).into()
}

fn type_error(message: impl AsRef<str>) -> JsValue {
    js_sys::TypeError::new(message.as_ref()).into()
}

/// The core's error in JavaScript terms (an argument, not a command-line flag).
fn engine_error(e: engine::Error) -> JsValue {
    match e {
        engine::Error::NeedKind => error(
            "the input is not an envelope (an object with `kind` and `document`), and no kind was given: pass the kind as the first argument",
        ),
        e => error(e.to_string()),
    }
}

/// A plain JavaScript object (or array) with the same content as `value`'s JSON.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|_| error("credlint could not serialise its result"))?;
    js_sys::JSON::parse(&text)
}

/// What a JavaScript value is, with its article, for messages.
fn js_type(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "a string"
    } else if value.is_bigint() {
        "a BigInt"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else if is_array(value).unwrap_or(false) {
        "an array"
    } else {
        "an object"
    }
}

// ---------------------------------------------------------------------------------------------
// Strings: JavaScript strings are UTF-16 and may hold lone surrogates, which UTF-8 (and so JSON
// text and the core) cannot. wasm-bindgen replaces each with U+FFFD on the way in; a U+FFFD in
// the result is then checked against the original code unit to tell a real U+FFFD from a lone
// surrogate, so the common case costs one scan.

/// The string, or the byte offset (in the lossy UTF-8 copy) of its first lone surrogate.
fn js_string(value: &JsValue) -> Option<Result<String, (String, usize)>> {
    let text = value.as_string()?;
    // U+FFFD is EF BF BD in UTF-8: a byte search, not `str::contains`'s general substring one.
    let bytes = text.as_bytes();
    let replacement = memchr::memchr_iter(0xEF, bytes)
        .any(|i| bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]));
    if !replacement {
        return Some(Ok(text));
    }
    let js: &JsString = value.unchecked_ref();
    let mut utf16_index = 0u32;
    for (byte_offset, c) in text.char_indices() {
        if c == '\u{FFFD}' && js.char_code_at(utf16_index) as u32 != 0xFFFD {
            return Some(Err((text, byte_offset)));
        }
        utf16_index += c.len_utf16() as u32;
    }
    Some(Ok(text))
}

fn lone_surrogate_in_text(text: &str, offset: usize) -> JsValue {
    let (line, column) = LineIndex::new(text).position(text, offset);
    error(format!(
        "the text has a lone surrogate (an unpaired UTF-16 code unit) at line {line}, column {column}: \
         it cannot be encoded as UTF-8, so it is not valid JSON text"
    ))
}

/// A string argument, with a clear error for anything else.
fn string_arg(value: &JsValue, what: &str) -> JsResult<String> {
    match js_string(value) {
        Some(Ok(s)) => Ok(s),
        Some(Err(_)) => Err(error(format!(
            "{what} has a lone surrogate (an unpaired UTF-16 code unit)"
        ))),
        None => Err(type_error(format!(
            "{what} must be a string, not {}",
            js_type(value)
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// JavaScript values to JSON, with JSON.stringify's rules (undefined, functions and symbols are
// left out of objects and become null in arrays; `toJSON` is honoured) and with what
// JSON.stringify gets wrong or cannot do turned into findings: NaN and ±Infinity become null and
// are listed (the core reports them as what they are), cycles, deep nesting, BigInts and lone
// surrogates are errors, and the size is bounded like a file's.

/// The key a value is under, as `toJSON` receives it (made a JavaScript string only for a call).
#[derive(Clone, Copy)]
enum Key<'k> {
    Root,
    Name(&'k JsValue),
    Index(u32),
}

impl Key<'_> {
    fn to_js(self) -> JsValue {
        match self {
            Key::Root => JsValue::from_str(""),
            Key::Name(k) => k.clone(),
            Key::Index(i) => JsValue::from_str(&i.to_string()),
        }
    }
}

struct Walker {
    /// `"toJSON"`, made once per walk: every object is asked for it.
    to_json: JsValue,
    /// The value as a tree without text (every offset 0, numbers as serde_json writes them:
    /// what [`SpanTree::from_value`] would make of the same value), built as the walk goes.
    tree: SpanTree,
    /// A number's text, reused.
    number: String,
    /// JSON Pointers of the non-finite numbers, each replaced by null.
    non_finite: Vec<String>,
    /// The objects and arrays being converted, outermost first, to detect cycles.
    ancestors: Vec<JsValue>,
    /// Bytes of JSON text the value may still take.
    budget: usize,
    limits: Limits,
    /// "the document", "the context", ... for messages.
    what: &'static str,
}

impl Walker {
    fn new(what: &'static str, limits: Limits) -> Self {
        Walker {
            to_json: JsValue::from_str("toJSON"),
            tree: SpanTree::with_capacity(16, 64),
            number: String::new(),
            non_finite: Vec::new(),
            ancestors: Vec::new(),
            budget: limits.max_bytes,
            limits,
            what,
        }
    }

    fn at(&self, path: &str) -> String {
        if path.is_empty() {
            self.what.to_owned()
        } else {
            format!("{} of {}", crate::text::describe(path), self.what)
        }
    }

    fn spend(&mut self, bytes: usize) -> JsResult<()> {
        match self.budget.checked_sub(bytes) {
            Some(left) => {
                self.budget = left;
                Ok(())
            }
            None => Err(error(format!(
                "{} is larger than the limit of {} bytes as JSON text",
                self.what, self.limits.max_bytes
            ))),
        }
    }

    /// Converts the root value into a tree; `None` when it is something JSON leaves out
    /// (undefined...).
    fn root(&mut self, value: &JsValue, base: &str) -> JsResult<Option<SpanTree>> {
        let mut path = base.to_owned();
        self.tree.clear();
        if !self.value(value, Key::Root, &mut path)? {
            return Ok(None);
        }
        let mut tree = std::mem::replace(&mut self.tree, SpanTree::with_capacity(0, 0));
        tree.finish();
        Ok(Some(tree))
    }

    /// [`Walker::root`] as a `serde_json::Value`, for what takes one (a context, a policy...).
    fn root_value(&mut self, value: &JsValue, base: &str) -> JsResult<Option<Value>> {
        Ok(self.root(value, base)?.map(|tree| tree.root().to_value()))
    }

    /// Adds `value` to the tree; `false` (and nothing added) when JSON leaves it out.
    fn value(&mut self, value: &JsValue, key: Key<'_>, path: &mut String) -> JsResult<bool> {
        // Strings and numbers first: most of a document, each found with one call into
        // JavaScript (the tests below are exclusive: a value has one type).
        if let Some(s) = js_string(value) {
            return match s {
                Ok(s) => {
                    self.spend(s.len() + 2)?;
                    self.tree.push_scalar(0, Scalar::String(&s));
                    Ok(true)
                }
                Err(_) => Err(error(format!(
                    "{} is a string with a lone surrogate (an unpaired UTF-16 code unit), which UTF-8 and JSON cannot carry",
                    self.at(path)
                ))),
            };
        }
        if let Some(n) = value.as_f64() {
            self.spend(24)?;
            self.number(n, path);
            return Ok(true);
        }
        if value.is_undefined() || value.is_function() || value.is_symbol() {
            return Ok(false);
        }
        if value.is_null() {
            self.spend(4)?;
            self.tree.push_scalar(0, Scalar::Null);
            return Ok(true);
        }
        if let Some(b) = value.as_bool() {
            self.spend(5)?;
            self.tree.push_scalar(0, Scalar::Bool(b));
            return Ok(true);
        }
        if value.is_bigint() {
            return Err(type_error(format!(
                "{} is a BigInt, which JSON cannot carry: use a number or a string",
                self.at(path)
            )));
        }
        // An object or an array. `toJSON` first, as JSON.stringify does (a Date becomes its ISO string).
        let to_json = js_sys::Reflect::get(value, &self.to_json)
            .map_err(|_| error(format!("reading {} threw an exception", self.at(path))))?;
        if let Some(f) = to_json.dyn_ref::<Function>() {
            let replaced = f.call1(value, &key.to_js()).map_err(|_| {
                error(format!(
                    "the toJSON method of {} threw an exception",
                    self.at(path)
                ))
            })?;
            if replaced.is_object() && !replaced.is_function() {
                // An object from toJSON is converted as is (its own toJSON is not called again).
                return self.container(&replaced, path).map(|()| true);
            }
            return self.value(&replaced, key, path);
        }
        if value.is_instance_of::<js_sys::Map>() || value.is_instance_of::<js_sys::Set>() {
            return Err(type_error(format!(
                "{} is a Map or Set, which JSON cannot carry (JSON.stringify would silently write {{}}): use a plain object or an array",
                self.at(path)
            )));
        }
        self.container(value, path).map(|()| true)
    }

    /// Adds a number, written as serde_json writes the `Value` of it: integral values as
    /// integers, as JSON.stringify writes them (1, not 1.0; -0 as 0); a non-finite one as null,
    /// its place listed.
    fn number(&mut self, n: f64, path: &str) {
        use std::fmt::Write;
        if !n.is_finite() {
            self.non_finite.push(path.to_owned());
            self.tree.push_scalar(0, Scalar::Null);
            return;
        }
        self.number.clear();
        if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 {
            let _ = write!(self.number, "{}", n as i64);
        } else if let Some(n) = Number::from_f64(n) {
            let _ = write!(self.number, "{n}");
        }
        self.tree.push_scalar(0, Scalar::Number(&self.number));
    }

    fn container(&mut self, value: &JsValue, path: &mut String) -> JsResult<()> {
        if self.ancestors.iter().any(|a| a == value) {
            return Err(type_error(format!(
                "{} contains itself (a cyclic structure), which JSON cannot carry",
                self.at(path)
            )));
        }
        if self.ancestors.len() >= self.limits.depth() {
            return Err(error(format!(
                "{} is nested deeper than {} levels of objects and arrays",
                self.what,
                self.limits.depth()
            )));
        }
        let array = is_array(value).map_err(|_| {
            error(format!(
                "{} cannot be read (a revoked proxy?)",
                self.at(path)
            ))
        })?;
        self.ancestors.push(value.clone());
        let result = if array {
            self.array(value, path)
        } else {
            self.object(value, path)
        };
        self.ancestors.pop();
        result
    }

    fn array(&mut self, value: &JsValue, path: &mut String) -> JsResult<()> {
        let length = js_sys::Reflect::get(value, &JsValue::from_str("length"))
            .ok()
            .and_then(|l| l.as_f64())
            .unwrap_or(0.0);
        // Each element takes at least two bytes of JSON text ("0,"): bound huge sparse arrays
        // before walking them.
        if length * 2.0 > self.budget as f64 {
            return Err(error(format!(
                "{} is larger than the limit of {} bytes as JSON text",
                self.what, self.limits.max_bytes
            )));
        }
        let length = length as u32;
        let at = self.tree.open(0);
        for i in 0..length {
            let item = js_sys::Reflect::get_u32(value, i).map_err(|_| {
                error(format!(
                    "reading element {i} of {} threw an exception",
                    self.at(path)
                ))
            })?;
            let mark = path.len();
            pointer::push_index(path, i as usize);
            if !self.value(&item, Key::Index(i), path)? {
                self.tree.push_scalar(0, Scalar::Null);
            }
            path.truncate(mark);
            self.spend(1)?;
        }
        self.spend(2)?;
        self.tree.close_array(at, length as usize);
        Ok(())
    }

    fn object(&mut self, value: &JsValue, path: &mut String) -> JsResult<()> {
        let keys = own_enumerable_keys(value)
            .map_err(|_| error(format!("the keys of {} cannot be read", self.at(path))))?;
        let at = self.tree.open(0);
        let mut count = 0;
        for key in keys.iter() {
            let name = match js_string(&key) {
                Some(Ok(name)) => name,
                _ => {
                    return Err(error(format!(
                        "{} has a key with a lone surrogate (an unpaired UTF-16 code unit), which UTF-8 and JSON cannot carry",
                        self.at(path)
                    )));
                }
            };
            // Reflect.get reads an own `__proto__` property (made by JSON.parse or
            // defineProperty) as a plain key, never the prototype.
            let item = js_sys::Reflect::get(value, &key).map_err(|_| {
                error(format!(
                    "reading {} threw an exception",
                    self.at(&pointer::join(path, &name))
                ))
            })?;
            let mark = path.len();
            pointer::push_token(path, &name);
            // The key first; taken back when JSON leaves the value out (nothing else was added).
            self.tree.push_key(0, &name);
            let kept = self.value(&item, Key::Name(&key), path)?;
            path.truncate(mark);
            if kept {
                self.spend(name.len() + 4)?;
                count += 1;
            } else {
                self.tree.pop_key();
            }
        }
        self.spend(2)?;
        // A JavaScript object's own keys are distinct.
        self.tree.close_object(at, count, Some(false));
        Ok(())
    }
}

/// Converts a value that must be JSON all through (a context, a policy): non-finite numbers are
/// an error here, as they have no meaning in either.
fn plain_json(value: &JsValue, what: &'static str) -> JsResult<Option<Value>> {
    let mut walker = Walker::new(what, Limits::default());
    let converted = walker.root_value(value, "")?;
    if let Some(first) = walker.non_finite.first() {
        return Err(error(format!(
            "{} is NaN or Infinity, which JSON cannot carry",
            walker.at(first)
        )));
    }
    Ok(converted)
}

// ---------------------------------------------------------------------------------------------
// Arguments.

fn kind_arg(value: &JsValue) -> JsResult<&'static dyn Kind> {
    match js_string(value) {
        Some(Ok(id)) => engine::kind(&id).map_err(engine_error),
        Some(Err(_)) => Err(engine_error(engine::Error::UnknownKind(
            "(a string with a lone surrogate)".into(),
        ))),
        None => Err(type_error(format!(
            "the kind must be a string (one of: {}), not {}",
            kinds::ids().join(", "),
            js_type(value)
        ))),
    }
}

/// `options`: `{ context?, policy?, file?, kind? }`; unknown options are an error, so a typo
/// does not silently check with defaults.
struct CallOptions {
    options: Options,
    file: Option<String>,
    /// `labels`: the app's own label for a field, by JSON Pointer.
    labels: Vec<(String, String)>,
}

fn read_field(object: &JsValue, name: &str) -> JsResult<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| error(format!("reading options.{name} threw an exception")))
}

/// In an `allowed` list: the three resource bounds, `maxBytes`, `maxDepth`, `maxDiagnostics`.
const LIMITS: &str = "maxBytes, maxDepth, maxDiagnostics";

/// A resource bound from the options: a whole number of zero or more, or absent.
fn limit_option(object: &JsValue, name: &str, default: usize) -> JsResult<usize> {
    let value = read_field(object, name)?;
    if value.is_undefined() || value.is_null() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => Ok(n as usize),
        _ => Err(type_error(format!(
            "options.{name} must be a whole number of zero or more, not {}",
            js_type(&value)
        ))),
    }
}

fn call_options(value: &JsValue, allowed: &[&str]) -> JsResult<CallOptions> {
    let mut out = CallOptions {
        options: Options::default(),
        file: None,
        labels: Vec::new(),
    };
    if value.is_undefined() || value.is_null() {
        return Ok(out);
    }
    if !value.is_object() || value.is_function() || is_array(value).unwrap_or(false) {
        return Err(type_error(format!(
            "options must be an object like {{ context, policy }}, not {}",
            js_type(value)
        )));
    }
    let keys = own_enumerable_keys(value).map_err(|_| error("the options cannot be read"))?;
    let with_limits = allowed.contains(&LIMITS);
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        let is_limit =
            with_limits && matches!(name.as_str(), "maxBytes" | "maxDepth" | "maxDiagnostics");
        if !is_limit && !allowed.contains(&name.as_str()) {
            return Err(type_error(format!(
                "unknown option `{}`; the options are: {}",
                crate::text::clip(&name),
                allowed.join(", ")
            )));
        }
    }
    if allowed.contains(&"context") {
        let context = read_field(value, "context")?;
        if !context.is_undefined() && !context.is_null() {
            let Some(context) = plain_json(&context, "options.context")? else {
                return Err(type_error("options.context must be an object"));
            };
            let source = ContextSource::from_value(context)
                .map_err(|e| engine_error(engine::Error::InvalidContext(e)))?;
            out.options.context = Some(source);
        }
    }
    if allowed.contains(&"policy") {
        let policy = read_field(value, "policy")?;
        if !policy.is_undefined() && !policy.is_null() {
            let policy = plain_json(&policy, "options.policy")?.unwrap_or(Value::Null);
            out.options.policy = Policy::from_value(&policy)
                .map_err(|e| engine_error(engine::Error::InvalidPolicy(e)))?;
        }
    }
    if allowed.contains(&"file") {
        let file = read_field(value, "file")?;
        if !file.is_undefined() && !file.is_null() {
            out.file = Some(string_arg(&file, "options.file")?);
        }
    }
    if allowed.contains(&"labels") {
        out.labels = labels_option(&read_field(value, "labels")?)?;
    }
    if allowed.contains(&"kind") {
        let kind = read_field(value, "kind")?;
        if !kind.is_undefined() && !kind.is_null() {
            out.options.kind = Some(kind_arg(&kind)?);
        }
    }
    if with_limits {
        let limits = &mut out.options.limits;
        limits.max_bytes = limit_option(value, "maxBytes", limits.max_bytes)?;
        limits.max_depth = limit_option(value, "maxDepth", limits.max_depth)?;
        limits.max_diagnostics = limit_option(value, "maxDiagnostics", limits.max_diagnostics)?;
        limits.check().map_err(engine_error)?;
    }
    Ok(out)
}

/// `options.labels`: `{ "/pointer": "label" }`, the app's own labels for its fields.
fn labels_option(value: &JsValue) -> JsResult<Vec<(String, String)>> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let Some(Value::Object(map)) = plain_json(value, "options.labels")? else {
        return Err(type_error(format!(
            "options.labels must be an object of labels by JSON Pointer, like {{ \"/oauth/client_id\": \"App key\" }}, not {}",
            js_type(value)
        )));
    };
    map.into_iter()
        .map(|(pointer, label)| {
            if !(pointer.is_empty() || pointer.starts_with('/')) {
                return Err(type_error(format!(
                    "options.labels: `{}` is not a JSON Pointer (like `/oauth/client_id`)",
                    crate::text::clip(&pointer)
                )));
            }
            match label {
                Value::String(label) => Ok((pointer, label)),
                other => Err(type_error(format!(
                    "options.labels[\"{}\"] must be a string, not {}",
                    crate::text::clip(&pointer),
                    crate::json::a_type_name(&other)
                ))),
            }
        })
        .collect()
}

/// Gives each diagnostic (of one `kind`) the `label` of its field: the app's (`labels`) or the
/// kind's declared one; none when neither names it.
fn label(diagnostics: &mut [Diagnostic], kind: &dyn Kind, labels: &[(String, String)]) {
    for d in diagnostics {
        d.label = structure::label_for(kind.fields(), kind.language_tagged(), &d.path, labels)
            .map(str::to_owned);
    }
}

fn report_of(result: engine::Findings) -> Report {
    let mut report = Report::new();
    report.extend(result);
    report
}

/// Checks JSON text as a file would be checked, with line and column.
fn check_js_text(text_value: &JsValue, opts: &CallOptions) -> JsResult<Report> {
    let text = match js_string(text_value) {
        Some(Ok(text)) => text,
        Some(Err((text, offset))) => return Err(lone_surrogate_in_text(&text, offset)),
        None => {
            return Err(type_error(format!(
                "the input must be a string of JSON text, not {}",
                js_type(text_value)
            )));
        }
    };
    engine::check_text(&text, opts.file.as_deref(), &opts.options)
        .map(report_of)
        .map_err(engine_error)
}

// ---------------------------------------------------------------------------------------------
// The API of INTERFACES.md.

/// `validate(kind, document, options?)`: a `Report`. `document` is the document as a value, or
/// JSON text (a bare document of `kind`, or self-describing envelopes, for which `kind` may be
/// null); text gives `line` and `column`.
#[wasm_bindgen]
pub fn validate(kind: JsValue, document: JsValue, options: JsValue) -> JsResult<JsValue> {
    if document.is_string() {
        // Text is a file: its report is the CLI's (no `label`s, so no `labels` option).
        let mut opts = call_options(&options, &["context", "policy", "file", LIMITS])?;
        if !(kind.is_undefined() || kind.is_null()) {
            opts.options.kind = Some(kind_arg(&kind)?);
        }
        return to_js(&check_js_text(&document, &opts)?);
    }
    let kind = kind_arg(&kind)?;
    if document.is_undefined() {
        return Err(type_error(
            "the document is undefined: pass an object, or JSON text as a string",
        ));
    }
    let opts = call_options(&options, &["context", "policy", "file", "labels", LIMITS])?;
    let mut walker = Walker::new("the document", opts.options.limits);
    let tree = walker.root(&document, "")?.ok_or_else(|| {
        type_error(format!(
            "the document must be an object or JSON text, not {}",
            js_type(&document)
        ))
    })?;
    let mut result =
        engine::check_tree_non_finite(kind, &tree, None, &walker.non_finite, &opts.options)
            .map_err(engine_error)?;
    if let Some(file) = &opts.file {
        for d in &mut result.diagnostics {
            d.file = Some(file.clone());
        }
        for s in &mut result.skipped {
            s.file = Some(file.clone());
        }
    }
    let mut report = report_of(result);
    label(&mut report.diagnostics, kind, &opts.labels);
    to_js(&report)
}

/// `validateBatch(input, options?)`: one call for many documents; `input` is JSON text (an array
/// of envelopes, or of bare documents with `options.kind`).
#[wasm_bindgen(js_name = validateBatch)]
pub fn validate_batch(input: JsValue, options: JsValue) -> JsResult<JsValue> {
    let opts = call_options(&options, &["context", "policy", "file", "kind", LIMITS])?;
    to_js(&check_js_text(&input, &opts)?)
}

fn at_or_below(path: &str, pointer: &str) -> bool {
    path.strip_prefix(pointer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `validateField(kind, pointer, value, document?, options?)`: the diagnostics to show next to
/// one form field.
#[wasm_bindgen(js_name = validateField)]
pub fn validate_field(
    kind: JsValue,
    pointer_arg: JsValue,
    value: JsValue,
    document: JsValue,
    options: JsValue,
) -> JsResult<JsValue> {
    let kind = kind_arg(&kind)?;
    let field = string_arg(&pointer_arg, "the pointer")?;
    let opts = call_options(&options, &["context", "policy", "labels", LIMITS])?;
    if value.is_undefined() {
        return Err(type_error(
            "the field's value is undefined: pass its value (an empty string for an empty input)",
        ));
    }
    let mut value_walker = Walker::new("the value", opts.options.limits);
    let value = value_walker.root(&value, &field)?.ok_or_else(|| {
        type_error(format!(
            "the field's value must be JSON data, not {}",
            js_type(&value)
        ))
    })?;
    let mut doc_walker = Walker::new("the document", opts.options.limits);
    let doc = if document.is_undefined() || document.is_null() {
        None
    } else if document.is_object()
        && !is_array(&document).unwrap_or(false)
        && !document.is_function()
    {
        doc_walker.root(&document, "")?
    } else {
        return Err(type_error(format!(
            "the document must be an object, not {}",
            js_type(&document)
        )));
    };

    // NaN and ±Infinity crossed as null; the engine reports them as what they are. The field's
    // value replaces whatever the document held at or below the field.
    let mut non_finite: Vec<String> = doc_walker
        .non_finite
        .into_iter()
        .filter(|p| !at_or_below(p, &field))
        .collect();
    non_finite.extend(value_walker.non_finite);
    let mut diagnostics = engine::validate_field_tree(
        kind,
        &field,
        &value,
        doc.as_ref(),
        None,
        &non_finite,
        &opts.options,
    )
    .map_err(engine_error)?;
    label(&mut diagnostics, kind, &opts.labels);
    to_js(&diagnostics)
}

/// `fix(kind, input, options?)`: applies the fixes of what `validate` reports: safe ones, and
/// unsafe ones too with `options.unsafe`. `input` is JSON text (a bare document of `kind`, or
/// envelopes, for which `kind` may be null) or a document as a value. Returns
/// `{ text, applied, remaining }`: the fixed text (everything outside the edits as it was), how
/// many fixes were applied, and the `Report` of what remains; for a value, also `document`, the
/// fixed value.
#[wasm_bindgen]
pub fn fix(kind: JsValue, input: JsValue, options: JsValue) -> JsResult<JsValue> {
    let mut opts = call_options(
        &options,
        &["context", "policy", "file", "unsafe", "only", LIMITS],
    )?;
    let only = if options.is_object() {
        fix_only(&read_field(&options, "only")?)?
    } else {
        None
    };
    let unsafe_fixes = if options.is_object() {
        let u = read_field(&options, "unsafe")?;
        match u.as_bool() {
            Some(b) => b,
            None if u.is_undefined() || u.is_null() => false,
            None => {
                return Err(type_error(format!(
                    "options.unsafe must be a boolean, not {}",
                    js_type(&u)
                )));
            }
        }
    } else {
        false
    };
    let mode = if unsafe_fixes {
        engine::FixMode::Unsafe
    } else {
        engine::FixMode::Safe
    };
    let (text, as_value) = if input.is_string() {
        if !(kind.is_undefined() || kind.is_null()) {
            opts.options.kind = Some(kind_arg(&kind)?);
        }
        match js_string(&input) {
            Some(Ok(text)) => (text, false),
            Some(Err((text, offset))) => return Err(lone_surrogate_in_text(&text, offset)),
            None => return Err(type_error("the input must be JSON text or a document")),
        }
    } else {
        opts.options.kind = Some(kind_arg(&kind)?);
        let mut walker = Walker::new("the document", opts.options.limits);
        let value = walker.root_value(&input, "")?.ok_or_else(|| {
            type_error(format!(
                "the document must be an object or JSON text, not {}",
                js_type(&input)
            ))
        })?;
        if !walker.non_finite.is_empty() {
            return Err(type_error(
                "the document holds NaN or Infinity, which JSON cannot carry: fix those first",
            ));
        }
        (
            serde_json::to_string_pretty(&value).map_err(|e| error(e.to_string()))?,
            true,
        )
    };
    let only = only.as_ref().map(|(rule, path)| (*rule, path.as_deref()));
    let fixed = engine::fix_json_text(&text, opts.file.as_deref(), &opts.options, mode, only)
        .map_err(engine_error)?;
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), value)
            .map(|_| ())
            .map_err(|_| error("cannot build the result"))
    };
    set("text", &JsValue::from_str(&fixed.text))?;
    set("applied", &JsValue::from_f64(fixed.applied as f64))?;
    if as_value {
        let document = crate::json::parse(&fixed.text, opts.options.limits.depth())
            .map_err(|e| error(e.message))?
            .value;
        set("document", &to_js(&document)?)?;
    }
    set("remaining", &to_js(&report_of(fixed.result))?)?;
    Ok(out.into())
}

/// `options.only` of `fix`: `{ rule, path? }`, the one finding (or rule) whose fixes to apply.
fn fix_only(only: &JsValue) -> JsResult<Option<(&'static str, Option<String>)>> {
    if only.is_undefined() || only.is_null() {
        return Ok(None);
    }
    let shape = "options.only must be an object like { rule, path }";
    if !only.is_object() || only.is_function() || is_array(only).unwrap_or(false) {
        return Err(type_error(format!("{shape}, not {}", js_type(only))));
    }
    let id = string_arg(&read_field(only, "rule")?, "options.only.rule")?;
    let rule = crate::registry::find(&id)
        .map(|meta| meta.id)
        .ok_or_else(|| {
            type_error(format!(
                "options.only.rule: unknown rule `{}` (listRules() lists them)",
                crate::text::clip(&id)
            ))
        })?;
    let path = read_field(only, "path")?;
    let path = if path.is_undefined() || path.is_null() {
        None
    } else {
        Some(string_arg(&path, "options.only.path")?)
    };
    Ok(Some((rule, path)))
}

/// `exportSchema(kind)`: the kind's JSON Schema (draft 2020-12). Only in the builds that keep
/// the descriptions (feature `docs`: the bin's); the package generates its `schemas.js` from it.
#[cfg(feature = "docs")]
#[wasm_bindgen(js_name = exportSchema)]
pub fn export_schema(kind: JsValue) -> JsResult<JsValue> {
    to_js(&schema::kind_schema(kind_arg(&kind)?))
}

/// `exportSchema(kind)`'s WebAssembly half in the library builds: the id of the kind `kind`
/// names, or the error any export gives for that kind argument. The package's glue returns a copy
/// of that kind's schema from `schemas.js` (scripts/pkg-entries.mjs), so that the schemas and their
/// descriptions are not in the WebAssembly a page downloads, and a bundle that never calls
/// `exportSchema` leaves them out.
#[cfg(not(feature = "docs"))]
#[wasm_bindgen(js_name = exportSchema)]
pub fn schema_kind(kind: JsValue) -> JsResult<String> {
    Ok(kind_arg(&kind)?.id().to_owned())
}

/// `listKinds()`: every kind id.
#[wasm_bindgen(js_name = listKinds)]
pub fn list_kinds() -> JsResult<JsValue> {
    to_js(&kinds::ids())
}

/// `listRules()`: every rule, as `credlint rules --format json` lists them. Only in the builds
/// that keep the rules' documentation (feature `docs`: the bin's); the package generates its
/// `rules.js` from it, and the library entries export `listRules` from there, so the text is
/// not in the WebAssembly a page downloads.
#[cfg(feature = "docs")]
#[wasm_bindgen(js_name = listRules)]
pub fn list_rules() -> JsResult<JsValue> {
    to_js(&crate::render::docs::rule_list())
}

/// `toWire(kind, document, context?)`: the body `apply` would send; throws when the document has
/// errors or the kind has no wire form.
#[wasm_bindgen(js_name = toWire)]
pub fn to_wire(kind: JsValue, document: JsValue, context: JsValue) -> JsResult<JsValue> {
    let kind = kind_arg(&kind)?;
    if !document.is_object() || document.is_function() || is_array(&document).unwrap_or(false) {
        return Err(type_error(format!(
            "the document must be an object, not {}",
            js_type(&document)
        )));
    }
    let mut walker = Walker::new("the document", Limits::default());
    let value = walker.root_value(&document, "")?.unwrap_or(Value::Null);
    if let Some(first) = walker.non_finite.first() {
        return Err(error(format!(
            "{} is NaN or Infinity, which JSON cannot carry",
            walker.at(first)
        )));
    }
    let context = if context.is_undefined() || context.is_null() {
        None
    } else {
        plain_json(&context, "the context")?
    };
    to_js(
        &engine::to_wire(kind, &value, context.as_ref(), &Options::default())
            .map_err(engine_error)?,
    )
}

/// `tokenAction(config, now)`: what the platform does with the stored token of an
/// `itential.token-config` document at `now` (RFC 3339): `"use"`, `"refresh"` or `"fetch"`.
#[wasm_bindgen(js_name = tokenAction)]
pub fn token_action(config: JsValue, now: JsValue) -> JsResult<JsValue> {
    if !config.is_object() || config.is_function() || is_array(&config).unwrap_or(false) {
        return Err(type_error(format!(
            "the configuration must be an object, not {}",
            js_type(&config)
        )));
    }
    let now = string_arg(&now, "`now` (an RFC 3339 date-time)")?;
    let config = plain_json(&config, "the configuration")?.unwrap_or(Value::Null);
    crate::kinds::itential_token::token_action(&config, &now)
        .map(|action| JsValue::from_str(action.as_str()))
        .map_err(error)
}

/// The package's version (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

// ---------------------------------------------------------------------------------------------
// The Node bin: the one command-line driver (`crate::cli`) with a host made of `node:fs`
// callbacks, so the bin's arguments, help, messages, walk and exit codes are the native CLI's by
// construction. Only in the Node build (feature `driver`); the browser build carries no CLI.

/// What a host callback answered; a callback that throws is an answer too (an error), never an
/// exception unwinding through WebAssembly frames.
#[cfg(feature = "driver")]
fn call(host: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f = js_sys::Reflect::get(host, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("the host has no `{name}` function"))?;
    let list = Array::new();
    for a in args {
        list.push(a);
    }
    js_sys::Reflect::apply(&f, host, &list).map_err(|_| format!("the host's `{name}` threw"))
}

/// A property of an object, read without letting a throwing getter or proxy unwind through
/// WebAssembly frames (the instance would be corrupted).
#[cfg(feature = "driver")]
fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// `{errno}` from a host callback as Rust's `io::Error` text.
#[cfg(feature = "driver")]
fn host_error(answer: &JsValue) -> Option<String> {
    let errno = field(answer, "errno").as_f64()?;
    Some(crate::cli::host::os_error_message(errno.abs() as i32))
}

/// A property of a genuine typed array read through its internal slot (the prototype's getter
/// applied with `Reflect.apply`): an own property, a proxy or a getter that throws cannot fake or
/// break it. `None` for anything but a genuine `Uint8Array`.
#[cfg(feature = "driver")]
fn typed_getter(bytes: &JsValue, property: &str) -> Option<JsValue> {
    if !js_sys::ArrayBuffer::is_view(bytes) || !bytes.is_instance_of::<Uint8Array>() {
        return None;
    }
    let fresh: JsValue = Uint8Array::new_with_length(0).into();
    let typed_array_prototype =
        js_sys::Object::get_prototype_of(&js_sys::Object::get_prototype_of(&fresh));
    let descriptor =
        js_sys::Object::get_own_property_descriptor(&typed_array_prototype, &property.into());
    let getter = js_sys::Reflect::get(&descriptor, &"get".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    js_sys::Reflect::apply(&getter, bytes, &Array::new()).ok()
}

/// The bytes of a genuine `Uint8Array` (at most `limit + 1` of them), copied through a fresh
/// view made with `Reflect.construct` (which cannot unwind).
#[cfg(feature = "driver")]
fn genuine_bytes(bytes: &JsValue, limit: usize) -> Option<Vec<u8>> {
    let length = typed_getter(bytes, "length")?.as_f64()?;
    let offset = typed_getter(bytes, "byteOffset")?.as_f64()?;
    let buffer = typed_getter(bytes, "buffer")?;
    let keep = length.min(limit.saturating_add(1) as f64);
    let constructor =
        js_sys::Object::from(JsValue::from(Uint8Array::new_with_length(0))).constructor();
    let args = Array::of3(
        &buffer,
        &JsValue::from_f64(offset),
        &JsValue::from_f64(keep),
    );
    let view = js_sys::Reflect::construct(&constructor, &args)
        .ok()?
        .dyn_into::<Uint8Array>()
        .ok()?;
    Some(view.to_vec())
}

#[cfg(feature = "driver")]
fn kind_of(answer: &JsValue) -> Option<crate::cli::host::FileKind> {
    use crate::cli::host::FileKind;
    Some(match answer.as_string()?.as_str() {
        "file" => FileKind::File,
        "dir" => FileKind::Dir,
        "symlink" => FileKind::Symlink,
        _ => FileKind::Other,
    })
}

/// The Node bin's host: each method is a call into a function of the object the bin passes.
#[cfg(feature = "driver")]
struct JsHost(JsValue);

#[cfg(feature = "driver")]
impl JsHost {
    fn bytes(&self, name: &str, args: &[JsValue], limit: usize) -> Result<Vec<u8>, String> {
        let answer = call(&self.0, name, args)?;
        if let Some(e) = host_error(&answer) {
            return Err(e);
        }
        genuine_bytes(&answer, limit).ok_or_else(|| format!("the host's `{name}` gave no bytes"))
    }

    fn unit(&self, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let answer = call(&self.0, name, args)?;
        match host_error(&answer) {
            Some(e) => Err(e),
            None => Ok(answer),
        }
    }
}

#[cfg(feature = "driver")]
impl crate::cli::Host for JsHost {
    fn read(&self, path: &str, limit: usize) -> Result<Vec<u8>, String> {
        self.bytes(
            "read",
            &[JsValue::from_str(path), JsValue::from_f64(limit as f64)],
            limit,
        )
    }

    fn read_stdin(&self, limit: usize) -> Result<Vec<u8>, String> {
        self.bytes("readStdin", &[JsValue::from_f64(limit as f64)], limit)
    }

    fn read_dir(&self, path: &str) -> Result<Vec<crate::cli::host::DirEntry>, String> {
        let answer = self.unit("readDir", &[JsValue::from_str(path)])?;
        if !is_array(&answer).unwrap_or(false) {
            return Err("the host's `readDir` gave no list".into());
        }
        let length = field(&answer, "length")
            .as_f64()
            .filter(|l| l.fract() == 0.0 && *l >= 0.0 && *l <= 10_000_000.0)
            .ok_or("the host's `readDir` gave no valid length")?;
        let mut out = Vec::with_capacity(length as usize);
        for i in 0..length as u32 {
            let entry = js_sys::Reflect::get_u32(&answer, i)
                .map_err(|_| "reading the host's `readDir` list threw".to_owned())?;
            let name = genuine_bytes(&field(&entry, "name"), 64 * 1024)
                .ok_or("the host's `readDir` gave a name that is not bytes")?;
            let kind = kind_of(&field(&entry, "kind")).unwrap_or(crate::cli::host::FileKind::Other);
            out.push(crate::cli::host::DirEntry { name, kind });
        }
        Ok(out)
    }

    fn stat(&self, path: &str, follow: bool) -> Result<crate::cli::host::FileKind, String> {
        let answer = self.unit(
            "stat",
            &[JsValue::from_str(path), JsValue::from_bool(follow)],
        )?;
        kind_of(&answer).ok_or_else(|| "the host's `stat` gave no kind".into())
    }

    fn canonicalize(&self, path: &str) -> Result<String, String> {
        self.unit("realpath", &[JsValue::from_str(path)])?
            .as_string()
            .ok_or_else(|| "the host's `realpath` gave no path".into())
    }

    fn create_dir_all(&self, path: &str) -> Result<(), String> {
        self.unit("mkdirp", &[JsValue::from_str(path)]).map(|_| ())
    }

    fn write_file(&self, path: &str, text: &str) -> Result<(), String> {
        self.unit(
            "writeFile",
            &[JsValue::from_str(path), JsValue::from_str(text)],
        )
        .map(|_| ())
    }

    fn stdout(&self, text: &str) {
        let _ = call(&self.0, "stdout", &[JsValue::from_str(text)]);
    }

    fn stderr(&self, text: &str) {
        let _ = call(&self.0, "stderr", &[JsValue::from_str(text)]);
    }

    fn current_dir(&self) -> Result<String, String> {
        call(&self.0, "cwd", &[])?
            .as_string()
            .ok_or_else(|| "the host's `cwd` gave no path".into())
    }

    fn env(&self, name: &str) -> Option<String> {
        call(&self.0, "env", &[JsValue::from_str(name)])
            .ok()?
            .as_string()
    }

    fn now(&self) -> String {
        call(&self.0, "now", &[])
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| crate::cli::host::rfc3339(0))
    }
}

/// The Node bin's entry (not part of the package's API): runs one command line (`args` without
/// the program name) against `host` and returns the exit code.
#[cfg(feature = "driver")]
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: JsValue, host: JsValue) -> JsResult<u8> {
    if !is_array(&args).unwrap_or(false) || !host.is_object() {
        return Err(type_error(
            "runCli takes the arguments (an array of strings) and a host object",
        ));
    }
    let length = field(&args, "length")
        .as_f64()
        .filter(|l| l.fract() == 0.0 && *l >= 0.0 && *l <= 1_000_000.0)
        .ok_or_else(|| type_error("runCli: the arguments have no valid length"))?;
    let mut list = Vec::with_capacity(length as usize);
    for i in 0..length as u32 {
        let arg = js_sys::Reflect::get_u32(&args, i)
            .map_err(|_| error("runCli: reading an argument threw"))?;
        list.push(string_arg(&arg, "each argument")?);
    }
    Ok(crate::cli::run(&list, &JsHost(host)))
}
