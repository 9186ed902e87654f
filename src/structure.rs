//! A kind's structure, declared once. The structural checks (here) and the exported JSON Schema
//! (`schema.rs`) are both derived from this declaration, so they cannot disagree.

use std::fmt::Write;

use serde_json::Value;

use crate::diagnostic::Sink;
use crate::fix::{Op, Proposed};
use crate::json::{Member, Members, SpanRef, View, pointer};
use crate::rules::{self, RuleMeta};
use crate::text::{Float, Suggester, clip, describe, repeats, suggest};

/// One member of a closed object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    /// The field's human label, in the platform's own UI or docs wording ("Client ID"): the
    /// schema's `title`, and the `label` of a diagnostic about the field in the JavaScript API.
    pub label: &'static str,
    pub description: &'static str,
    pub required: bool,
    /// What the field means beyond its type, for the rules that read every kind alike.
    pub role: Role,
    pub ty: Ty,
}

/// What a field means, declared once with the field, so that a rule spanning kinds (the policy's
/// allowed scopes and longest token lifetime, secrets never echoed) reads the roles instead of
/// asking each kind through a hook of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Nothing beyond its type.
    Plain,
    /// A secret: never echoed in a message, `writeOnly` in the schema.
    Secret,
    /// The scopes a credential requests: a list of scope strings, or one space-separated string
    /// (RFC 6749 §3.3), as the field's type says.
    Scopes,
    /// How long an issued token lives, in seconds.
    TokenLifetime,
}

impl Field {
    /// A secret ([`Role::Secret`]).
    pub fn sensitive(&self) -> bool {
        self.role == Role::Secret
    }
}

/// The kind rules that `fields` declare (a field's type names the rule that reports a value
/// outside it): checked by the structure check and said by the exported JSON Schema, both made
/// from the same declaration. In declaration order, each once.
pub fn declared_rules(fields: &'static [Field]) -> Vec<&'static RuleMeta> {
    let mut out: Vec<&'static RuleMeta> = Vec::new();
    each_declared_rule(fields, &mut |rule| {
        if !out.iter().any(|r| r.id == rule.id) {
            out.push(rule);
        }
    });
    out
}

/// Whether `fields` declare the rule `id` (see [`declared_rules`]).
pub fn declares(fields: &'static [Field], id: &str) -> bool {
    let mut found = false;
    each_declared_rule(fields, &mut |rule| found = found || rule.id == id);
    found
}

fn each_declared_rule(fields: &'static [Field], visit: &mut dyn FnMut(&'static RuleMeta)) {
    fn ty(t: &'static Ty, visit: &mut dyn FnMut(&'static RuleMeta)) {
        let rules: [Option<&'static RuleMeta>; 2] = match t {
            Ty::String(s) => [s.one_of.and_then(|(_, r)| r), s.token],
            Ty::Integer { rule, .. } | Ty::Number { rule, .. } => [*rule, None],
            Ty::Array { items, unique, .. } => {
                ty(items, visit);
                [*unique, None]
            }
            Ty::Object(inner) | Ty::OpenObject(inner) => {
                each_declared_rule(inner, visit);
                [None, None]
            }
            Ty::Map(spec) => [Some(spec.reserved_rule), Some(spec.scalar_rule)],
            Ty::Either(a, b) => {
                ty(a, visit);
                ty(b, visit);
                [None, None]
            }
            Ty::Boolean | Ty::Any => [None, None],
        };
        rules.into_iter().flatten().for_each(&mut *visit);
    }
    for field in fields {
        ty(&field.ty, visit);
    }
}

/// Each value in `document` (a document of the kind declaring `fields`) of a field whose role is
/// `role`, with its JSON Pointer and declared type, at any depth of declared objects.
pub fn with_role<'d>(
    fields: &'static [Field],
    document: SpanRef<'d>,
    role: Role,
) -> Vec<(String, SpanRef<'d>, &'static Ty)> {
    fn walk<'d>(
        fields: &'static [Field],
        value: SpanRef<'d>,
        role: Role,
        path: &mut String,
        out: &mut Vec<(String, SpanRef<'d>, &'static Ty)>,
    ) {
        let Some(object) = value.as_object() else {
            return;
        };
        for field in fields {
            let Some(member) = object.find(field.name) else {
                continue;
            };
            let v = member.value;
            let len = path.len();
            pointer::push_token(path, field.name);
            if field.role == role {
                out.push((path.clone(), v, &field.ty));
            }
            if let Ty::Object(inner) | Ty::OpenObject(inner) = &field.ty {
                walk(inner, v, role, path, out);
            }
            path.truncate(len);
        }
    }
    let mut out = Vec::new();
    walk(fields, document, role, &mut String::new(), &mut out);
    out
}

#[derive(Debug)]
pub enum Ty {
    String(Str),
    Integer {
        min: Option<i64>,
        max: Option<i64>,
        rule: Option<&'static RuleMeta>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        rule: Option<&'static RuleMeta>,
    },
    Boolean,
    /// A list. `unique` names the rule that reports a repeated item (and makes the schema say
    /// `uniqueItems`).
    Array {
        items: &'static Ty,
        min_items: usize,
        unique: Option<&'static RuleMeta>,
    },
    /// An object whose members are all declared; anything else is `structure/unknown-field`.
    Object(&'static [Field]),
    /// An object with declared members that also allows others (a platform that ignores them).
    OpenObject(&'static [Field]),
    /// An object with free keys (Paragon's `extra_configuration`).
    Map(&'static MapSpec),
    /// Either of two types of different JSON kinds (a string or a list of strings, ...).
    Either(&'static Ty, &'static Ty),
    /// Any JSON value.
    Any,
}

#[derive(Debug)]
pub struct Str {
    pub min_length: usize,
    /// Allowed values, with the named rule that reports a value outside them (default
    /// `structure/enum`).
    pub one_of: Option<(&'static [&'static str], Option<&'static RuleMeta>)>,
    /// An RFC 6749 scope token (no whitespace, `"` or `\`), reported by the given rule.
    pub token: Option<&'static RuleMeta>,
    /// A shape the value must have, reported as `structure/format`.
    pub format: Option<Format>,
}

impl Str {
    pub const ANY: Str = Str {
        min_length: 0,
        one_of: None,
        token: None,
        format: None,
    };
    pub const NON_EMPTY: Str = Str {
        min_length: 1,
        ..Str::ANY
    };

    pub const fn one_of(values: &'static [&'static str]) -> Str {
        Str {
            one_of: Some((values, None)),
            ..Str::ANY
        }
    }

    /// Allowed values reported by a kind's own named rule.
    pub const fn one_of_rule(values: &'static [&'static str], rule: &'static RuleMeta) -> Str {
        Str {
            one_of: Some((values, Some(rule))),
            ..Str::ANY
        }
    }

    pub const fn format(format: Format) -> Str {
        Str {
            format: Some(format),
            ..Str::ANY
        }
    }
}

/// Value shapes. Each has a Rust check and the regular expression the exported schema uses
/// (`pattern`, not `format`: validators disagree on whether `format` asserts); the schema
/// differential tests prove the two agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `#rgb` or `#rrggbb`.
    Colour,
    /// 8-4-4-4-12 hexadecimal digits.
    Uuid,
    /// RFC 3339 date-time (`2024-01-31T12:00:00Z`, fractional seconds and offsets allowed).
    DateTime,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Colour => "a colour such as `#ff8800` or `#f80`",
            Format::Uuid => "a UUID such as `d589fe10-b66e-4cb2-885a-0440393886f4`",
            Format::DateTime => "an RFC 3339 date-time such as `2024-01-31T12:00:00Z`",
        }
    }

    pub fn pattern(self) -> &'static str {
        match self {
            Format::Colour => "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
            Format::Uuid => {
                "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
            }
            Format::DateTime => {
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
            }
        }
    }

    pub fn matches(self, s: &str) -> bool {
        let b = s.as_bytes();
        let digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        match self {
            Format::Colour => {
                (b.len() == 4 || b.len() == 7)
                    && b[0] == b'#'
                    && b[1..].iter().all(u8::is_ascii_hexdigit)
            }
            Format::Uuid => {
                let hex = |r: std::ops::Range<usize>| {
                    b.get(r)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
                };
                b.len() == 36
                    && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
                    && hex(0..8)
                    && hex(9..13)
                    && hex(14..18)
                    && hex(19..23)
                    && hex(24..36)
            }
            Format::DateTime => {
                if !(b.len() >= 20
                    && digits(0..4)
                    && b[4] == b'-'
                    && digits(5..7)
                    && b[7] == b'-'
                    && digits(8..10)
                    && matches!(b[10], b'T' | b't')
                    && digits(11..13)
                    && b[13] == b':'
                    && digits(14..16)
                    && b[16] == b':'
                    && digits(17..19))
                {
                    return false;
                }
                let mut i = 19;
                if b[i] == b'.' {
                    let start = i + 1;
                    i = start;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    if i == start {
                        return false;
                    }
                }
                match &b[i..] {
                    [b'Z' | b'z'] => true,
                    [b'+' | b'-', h1, h2, b':', m1, m2] => {
                        [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit())
                    }
                    _ => false,
                }
            }
        }
    }
}

#[derive(Debug)]
pub struct MapSpec {
    /// Keys that may not appear, each with a hint on where it belongs, and the rule that says so.
    pub reserved: &'static [(&'static str, &'static str)],
    pub reserved_rule: &'static RuleMeta,
    /// Where each reserved key's value belongs (a JSON Pointer in the document), and whether that
    /// field is a list of scopes: the rule's fix moves it there.
    pub moves: &'static [(&'static str, &'static str, bool)],
    /// Values must be strings, numbers or booleans; this rule reports anything else.
    pub scalar_rule: &'static RuleMeta,
}

/// Characters that may not appear in a scope token. Listed explicitly (not `\s`) so that Rust,
/// the `jsonschema` crate and JavaScript regular expressions all agree on what "whitespace" is.
pub const SCOPE_FORBIDDEN: &[char] = &[
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}',
    '"', '\\',
];

/// [`SCOPE_FORBIDDEN`]'s ASCII characters as a bit set, so a scope's ASCII characters (most
/// scopes are all ASCII) are each checked with one test instead of a walk through the list.
const SCOPE_FORBIDDEN_ASCII: u128 = {
    let mut set = 0u128;
    let mut i = 0;
    while i < SCOPE_FORBIDDEN.len() {
        let c = SCOPE_FORBIDDEN[i] as u32;
        if c < 128 {
            set |= 1 << c;
        }
        i += 1;
    }
    set
};

fn scope_forbidden(c: char) -> bool {
    let code = c as u32;
    if code < 128 {
        SCOPE_FORBIDDEN_ASCII >> code & 1 == 1
    } else {
        SCOPE_FORBIDDEN.contains(&c)
    }
}

pub fn is_scope_token(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(scope_forbidden)
}

/// What a kind does with root fields its structure does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownFields {
    /// Each is a `structure/unknown-field` error: Terraform rejects unknown attributes, and a
    /// platform API that drops them loses the setting without a word.
    Closed,
    /// Accepted (RFC 7591 §2: a server ignores metadata it does not understand), except a near
    /// miss of a declared field, which is a `structure/unknown-field` warning with "did you mean".
    Open,
}

/// Checks `value` against `fields` as the root object of a document. Root members named
/// `field#tag` for a field in `tagged` are that field in another language (RFC 7591 §2.2) and are
/// checked as it. Unknown root members are treated as `unknown` says (a kind's
/// `unknown_fields()`; closed for contexts and other inputs).
pub fn check_root(
    fields: &'static [Field],
    tagged: &[&str],
    unknown: UnknownFields,
    value: SpanRef<'_>,
    sink: &mut Sink,
) {
    let closed = unknown == UnknownFields::Closed;
    let Some(object) = value.as_object() else {
        let root = if closed {
            Ty::Object(fields)
        } else {
            Ty::OpenObject(fields)
        };
        return type_mismatch(&root, value, "", sink);
    };
    // `field#tag` members: each checked as its field, and left out of the object's check.
    let tag_of = |key: &str| {
        (!tagged.is_empty())
            .then(|| key.split_once('#'))
            .flatten()
            .filter(|(b, t)| !t.is_empty() && tagged.contains(b))
            .map(|(b, _)| b.len())
    };
    let mut path = String::with_capacity(64);
    let mut any_tagged = false;
    if !tagged.is_empty() {
        for member in object.distinct() {
            let Some(len) = tag_of(member.key) else {
                continue;
            };
            any_tagged = true;
            if let Some(f) = fields.iter().find(|f| f.name == &member.key[..len]) {
                pointer::push_token(&mut path, member.key);
                check(&f.ty, f.sensitive(), member.value, &mut path, sink);
                path.clear();
            }
        }
    }
    let skip = |key: &str| any_tagged && tag_of(key).is_some();
    check_object(fields, closed, false, object, &skip, &mut path, sink);
    if !closed {
        near_misses(fields, object, &skip, sink);
    }
}

/// In an open root object: every unknown member within two edits of a declared field (once case,
/// `_` and `-` are ignored) is reported as a warning; any other unknown member is extension
/// metadata and passes. Members `skip` names are left out.
fn near_misses(
    fields: &'static [Field],
    object: Members<'_>,
    skip: &dyn Fn(&str) -> bool,
    sink: &mut Sink,
) {
    // Built on the first unknown field only: most documents have none.
    let names = std::cell::OnceCell::new();
    for key in object.distinct().map(|m| m.key) {
        if fields.iter().any(|f| f.name == key) || skip(key) {
            continue;
        }
        let names = names.get_or_init(|| field_names(fields));
        if let Some(name) = names.suggest(key) {
            let child = pointer::join("", key);
            sink.report_at_most(
                &rules::UNKNOWN_FIELD,
                crate::diagnostic::Severity::Warning,
                child.clone(),
                || format!(
                    "unknown field {}, close to the known field `{name}`",
                    describe(&child)
                ),
            )
            .hint(|| format!(
                "did you mean `{name}`? Unknown fields are accepted here as extension metadata, so a misspelt one is silently ignored"
            ))
            .fix(rename(&child, name));
        }
    }
}

fn expected(ty: &Ty) -> &'static str {
    match ty {
        Ty::String(_) => "a string",
        Ty::Integer { .. } => "an integer",
        Ty::Number { .. } => "a number",
        Ty::Boolean => "a boolean",
        Ty::Array { .. } => "a list",
        Ty::Object(_) | Ty::OpenObject(_) | Ty::Map(_) => "an object",
        Ty::Either(..) | Ty::Any => "a value",
    }
}

/// Whether `value` has the JSON type `ty` checks (before its constraints).
fn base_matches(ty: &Ty, value: SpanRef<'_>) -> bool {
    match (ty, value.view()) {
        (Ty::String(_), View::String(_)) | (Ty::Boolean, View::Bool(_)) | (Ty::Any, _) => true,
        (Ty::Integer { .. }, _) => is_integer(value).is_some(),
        (Ty::Number { .. }, View::Number(_)) => true,
        (Ty::Array { .. }, View::Array(_)) => true,
        (Ty::Object(_) | Ty::OpenObject(_) | Ty::Map(_), View::Object(_)) => true,
        (Ty::Either(a, b), _) => base_matches(a, value) || base_matches(b, value),
        _ => false,
    }
}

fn is_integer(value: SpanRef<'_>) -> Option<f64> {
    let n = value.number()?;
    if n.is_i64() || n.is_u64() {
        return n.as_f64();
    }
    n.as_f64().filter(|f| f.fract() == 0.0)
}

fn type_mismatch(ty: &Ty, value: SpanRef<'_>, path: &str, sink: &mut Sink) {
    let hint = (value.is_null() && !path.is_empty())
        .then(|| "remove the field to leave it unset".to_string());
    let d = sink.report(&rules::TYPE, path, || {
        format!(
            "{} must be {}, not {}",
            describe(path),
            expected(ty),
            value.a_type_name()
        )
    });
    let d = match hint {
        Some(h) => d.hint(h),
        None => d,
    };
    if let Some(fix) = scope_string_as_list(ty, value, path) {
        d.fix(fix);
    }
}

/// The label of the declared field a pointer (RFC 6901) is at or in, with the length of that
/// field's own pointer: a declared field's own label, and for an item of a declared list, an
/// entry of a declared map or a value inside a free (`Any`) field, that field's label. `None` for
/// the document itself, a member the structure does not declare, and a malformed pointer. Root
/// members named `field#tag` for a field in `tagged` are that field (RFC 7591 §2.2).
pub fn label_at(
    fields: &'static [Field],
    tagged: &[&str],
    pointer: &str,
) -> Option<(&'static str, usize)> {
    let tokens = pointer::tokens(pointer)?;
    let mut raw = pointer.split('/').skip(1).map(str::len);
    // The field that gives the label (with its pointer's length), and the type of the value at
    // the pointer so far (`None`: the document's root object).
    let mut owner: Option<(&'static Field, usize)> = None;
    let mut ty: Option<&'static Ty> = None;
    let mut len = 0;
    for token in &tokens {
        len += 1 + raw.next()?;
        let (declared, next) = match ty {
            None => {
                let field = fields.iter().find(|f| {
                    f.name == token
                        || (tagged.contains(&f.name)
                            && token
                                .split_once('#')
                                .is_some_and(|(name, tag)| name == f.name && !tag.is_empty()))
                })?;
                (Some(field), &field.ty)
            }
            Some(ty) => member(ty, token)?,
        };
        if let Some(field) = declared {
            owner = Some((field, len));
        }
        ty = Some(next);
    }
    owner.map(|(field, len)| (field.label, len))
}

/// What `token` names inside a value of type `ty`, with that member's type: a declared member
/// (`Some(field)`), or an item or entry that belongs to the value's own field (`None`); `None`
/// overall when nothing is declared there.
fn member(ty: &'static Ty, token: &str) -> Option<(Option<&'static Field>, &'static Ty)> {
    match ty {
        Ty::Object(fields) | Ty::OpenObject(fields) => fields
            .iter()
            .find(|f| f.name == token)
            .map(|f| (Some(f), &f.ty)),
        Ty::Array { items, .. } => (!token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()))
            .then_some((None, *items)),
        Ty::Map(_) | Ty::Any => Some((None, &Ty::Any)),
        Ty::Either(a, b) => member(a, token).or_else(|| member(b, token)),
        Ty::String(_) | Ty::Integer { .. } | Ty::Number { .. } | Ty::Boolean => None,
    }
}

/// The label to show for a diagnostic at `pointer`: the app's own label (`app`, pointer → label)
/// for the pointer, else for the declared field it is in, else that field's declared label
/// ([`label_at`]); `None` when neither names it.
pub fn label_for<'a>(
    fields: &'static [Field],
    tagged: &[&str],
    pointer: &str,
    app: &'a [(String, String)],
) -> Option<&'a str> {
    let app_label = |p: &str| app.iter().find(|(k, _)| k == p).map(|(_, v)| v.as_str());
    if let Some(label) = app_label(pointer) {
        return Some(label);
    }
    let (label, len) = label_at(fields, tagged, pointer)?;
    Some(pointer.get(..len).and_then(app_label).unwrap_or(label))
}

/// The fix of a `structure/unknown-field` near miss: rename the key (unsafe: the value starts
/// being sent, or read, under its real name).
fn rename(child: &str, name: &str) -> Proposed {
    Proposed::unsafe_(
        format!("rename {} to `{name}`", describe(child)),
        Op::RenameKey(child.to_owned(), name.to_owned()),
    )
}

/// Scope tokens in a string: `None` unless every whitespace-separated part is a scope token.
fn scope_tokens(s: &str) -> Option<Vec<&str>> {
    let mut tokens: Vec<&str> = Vec::new();
    for t in s.split(SCOPE_FORBIDDEN).filter(|t| !t.is_empty()) {
        if !is_scope_token(t) || s.contains(['"', '\\']) {
            return None;
        }
        if !tokens.contains(&t) {
            tokens.push(t);
        }
    }
    (!tokens.is_empty()).then_some(tokens)
}

fn quoted_list(tokens: &[&str]) -> String {
    tokens
        .iter()
        .map(|t| Value::String((*t).to_owned()).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A string of space-separated scopes where a list of scopes is expected becomes that list
/// (unsafe: what is sent changes).
fn scope_string_as_list(ty: &Ty, value: SpanRef<'_>, path: &str) -> Option<Proposed> {
    let (Ty::Array { items, .. }, Some(s)) = (ty, value.as_str()) else {
        return None;
    };
    let Ty::String(Str { token: Some(_), .. }) = items else {
        return None;
    };
    let tokens = scope_tokens(s)?;
    Some(
        Proposed::unsafe_(
            format!("make {} a list of its scopes", describe(path)),
            Op::Replace(path.to_owned(), format!("[{}]", quoted_list(&tokens))),
        )
        .withholding(describe(path)),
    )
}

/// A reserved key moved to the field it belongs in (unsafe: what is sent changes), when the
/// value has that field's type; never when the field is already set (the lowering refuses).
fn move_reserved(
    spec: &MapSpec,
    key: &str,
    value: SpanRef<'_>,
    child: &str,
    sensitive: bool,
) -> Option<Proposed> {
    let (_, to, list) = spec.moves.iter().find(|(k, _, _)| *k == key)?;
    let moved = match (value.as_str(), value.as_array(), list) {
        (Some(_), _, false) => None,
        (Some(s), _, true) => Some(format!("[{}]", quoted_list(&scope_tokens(s)?))),
        (_, Some(items), true) if items.iter().all(|i| i.as_str().is_some_and(is_scope_token)) => {
            None
        }
        _ => return None,
    };
    let fix = Proposed::unsafe_(
        format!("move {} into {}", describe(child), describe(to)),
        Op::Move {
            from: child.to_owned(),
            to: (*to).to_owned(),
            value: moved,
        },
    );
    Some(if sensitive {
        fix.withholding(describe(child))
    } else {
        fix
    })
}

/// Checks `value` against `ty`. `path` is the value's JSON Pointer, a stack the walk pushes each
/// member's name or item's index onto and pops: a pointer `String` is made only for a finding.
fn check(ty: &Ty, sensitive: bool, value: SpanRef<'_>, path: &mut String, sink: &mut Sink) {
    match (ty, value.view()) {
        (Ty::String(spec), View::String(s)) => check_string(spec, sensitive, s, path, sink),
        (Ty::Integer { min, max, rule }, View::Number(_)) => match is_integer(value) {
            Some(n) => check_range(
                n,
                min.map(|m| m as f64),
                max.map(|m| m as f64),
                *rule,
                path,
                sink,
            ),
            None => type_mismatch(ty, value, path, sink),
        },
        (Ty::Number { min, max, rule }, View::Number(_)) => {
            check_range(
                value.number().and_then(|n| n.as_f64()).unwrap_or_default(),
                *min,
                *max,
                *rule,
                path,
                sink,
            );
        }
        (Ty::Boolean, View::Bool(_)) | (Ty::Any, _) => {}
        (Ty::Either(a, b), _) => {
            if base_matches(a, value) {
                check(a, sensitive, value, path, sink);
            } else if base_matches(b, value) {
                check(b, sensitive, value, path, sink);
            } else {
                sink.report(&rules::TYPE, path.as_str(), || {
                    format!(
                        "{} must be {} or {}, not {}",
                        describe(path),
                        expected(a),
                        expected(b),
                        value.a_type_name()
                    )
                });
            }
        }
        (
            Ty::Array {
                items,
                min_items,
                unique,
            },
            View::Array(list),
        ) => {
            if list.len() < *min_items {
                sink.report(&rules::MIN_ITEMS, path.as_str(), || {
                    format!("{} must not be empty", describe(path))
                })
                .hint("remove the field, or list at least one item");
            }
            let mut repeated = match unique {
                Some(_) => repeats(list.iter().map(|item| Some(Canonical::of(item)))),
                None => Vec::new(),
            }
            .into_iter()
            .peekable();
            let len = path.len();
            for (i, item) in list.iter().enumerate() {
                pointer::push_index(path, i);
                if let Some(rule) = unique
                    && let Some((_, first)) = repeated.next_if(|(r, _)| *r == i)
                {
                    let child = path.clone();
                    let first = pointer::join(&path[..len], &first.to_string());
                    sink.report(rule, child.clone(), || {
                        format!("{} repeats {}", describe(&child), describe(&first))
                    })
                    .hint("remove the repeated item")
                    .fix(Proposed::safe(
                        "remove the repeated item",
                        Op::Remove(child),
                    ));
                }
                check(items, sensitive, item, path, sink);
                path.truncate(len);
            }
        }
        (Ty::Object(fields) | Ty::OpenObject(fields), View::Object(object)) => {
            let closed = matches!(ty, Ty::Object(_));
            check_object(fields, closed, sensitive, object, &|_| false, path, sink);
        }
        (Ty::Map(spec), View::Object(object)) => {
            for Member { key, value: v, .. } in object.distinct() {
                let child = pointer::join(path, key);
                if let Some((_, hint)) = spec.reserved.iter().find(|(k, _)| *k == key) {
                    let d = sink
                        .report(spec.reserved_rule, child.clone(), || {
                            format!("{} may not hold the reserved key `{key}`", describe(path))
                        })
                        .hint(*hint);
                    if let Some(fix) = move_reserved(spec, key, v, &child, sensitive) {
                        d.fix(fix);
                    }
                }
                if !matches!(v.view(), View::String(_) | View::Number(_) | View::Bool(_)) {
                    sink.report(spec.scalar_rule, child, || {
                        format!(
                            "{} must be a string, number or boolean, not {}",
                            describe(&pointer::join(path, key)),
                            v.a_type_name()
                        )
                    });
                }
            }
        }
        (ty, _) => type_mismatch(ty, value, path, sink),
    }
}

/// Checks an object's members (each key once, with the value that counts, in text order; those
/// `skip` names left out) against `fields`: each declared field in declaration order, then, when
/// `closed`, each unknown member in text order.
fn check_object(
    fields: &'static [Field],
    closed: bool,
    sensitive: bool,
    object: Members<'_>,
    skip: &dyn Fn(&str) -> bool,
    path: &mut String,
    sink: &mut Sink,
) {
    // One pass over the members finds each one's declared field (a few members against up
    // to 60 fields: comparing names is cheaper than 60 hashed lookups); the fields are
    // then checked in declaration order, the unknown members after them, in text order.
    // On the stack for up to 64 fields (every kind declares fewer).
    let mut on_stack = [None; 64];
    let mut on_heap = Vec::new();
    let present: &mut [Option<SpanRef<'_>>] = match on_stack.get_mut(..fields.len()) {
        Some(slots) => slots,
        None => {
            on_heap.resize(fields.len(), None);
            &mut on_heap
        }
    };
    let mut unknown: Vec<&str> = Vec::new();
    for member in object.distinct() {
        match fields.iter().position(|f| f.name == member.key) {
            Some(i) => present[i] = Some(member.value),
            None if closed && !skip(member.key) => unknown.push(member.key),
            None => {}
        }
    }
    // A missing field's pointer is built only when it is reported.
    for (field, value) in fields.iter().zip(present.iter().copied()) {
        match value {
            Some(v) => {
                let len = path.len();
                pointer::push_token(path, field.name);
                check(&field.ty, sensitive || field.sensitive(), v, path, sink);
                path.truncate(len);
            }
            None if field.required => {
                let child = pointer::join(path, field.name);
                let message = format!("{} is required", describe(&child));
                sink.report(&rules::REQUIRED, child, message);
            }
            None => {}
        }
    }
    // Built on the first unknown field only: most objects have none.
    let names = std::cell::OnceCell::new();
    for key in unknown {
        let child = pointer::join(path, key);
        let d = sink.report(&rules::UNKNOWN_FIELD, child.clone(), || {
            format!("unknown field {}", describe(&child))
        });
        let names = names.get_or_init(|| field_names(fields));
        match names.suggest(key) {
            Some(name) => d
                .hint(|| format!("did you mean `{name}`?"))
                .fix(rename(&child, name)),
            None => d.hint(|| {
                format!(
                    "known fields here: {}",
                    fields
                        .iter()
                        .map(|f| format!("`{}`", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        };
    }
}

fn check_range(
    n: f64,
    min: Option<f64>,
    max: Option<f64>,
    rule: Option<&'static RuleMeta>,
    path: &str,
    sink: &mut Sink,
) {
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        let bounds = match (min, max) {
            (Some(a), Some(b)) => format!("between {} and {}", Float(a), Float(b)),
            (Some(a), None) => format!("at least {}", Float(a)),
            (None, Some(b)) => format!("at most {}", Float(b)),
            (None, None) => String::new(),
        };
        sink.report(rule.unwrap_or(&rules::RANGE), path, || {
            format!("{} must be {bounds}", describe(path))
        });
    }
}

fn check_string(spec: &Str, sensitive: bool, s: &str, path: &str, sink: &mut Sink) {
    // Fewer characters than `min_length` (most strings have far more bytes than that).
    if s.len() < spec.min_length.saturating_mul(4) && s.chars().count() < spec.min_length {
        sink.report(&rules::MIN_LENGTH, path, || {
            format!("{} must not be empty", describe(path))
        });
        return;
    }
    if let Some((values, rule)) = spec.one_of
        && !values.contains(&s)
    {
        let allowed = values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let what = if sensitive {
            "this value".to_string()
        } else {
            format!("`{}`", clip(s))
        };
        let d = sink.report(rule.unwrap_or(&rules::ENUM), path, || {
            format!(
                "{} is not allowed for {}; allowed: {allowed}",
                what,
                describe(path)
            )
        });
        if !sensitive && let Some(close) = suggest(s, values.iter().copied()) {
            d.hint(|| format!("did you mean `{close}`?"));
        }
    }
    if let Some(format) = spec.format
        && !format.matches(s)
    {
        let what = if sensitive {
            "this value".to_string()
        } else {
            format!("`{}`", clip(s))
        };
        sink.report(&rules::FORMAT, path, || {
            format!("{what} is not {} ({})", format.name(), describe(path))
        });
    }
    if let Some(rule) = spec.token
        && !is_scope_token(s)
    {
        let msg = if s.is_empty() {
            format!("{} is an empty scope", describe(path))
        } else {
            format!(
                "{} holds whitespace, `\"` or `\\`, which a scope may not contain",
                describe(path)
            )
        };
        let d = sink.report(rule, path, msg).hint(
            "scopes travel joined by single spaces, so this one would be split in two on read-back and drift on every plan; list each scope as its own item",
        );
        if let Some(tokens) = scope_tokens(s) {
            d.fix(
                Proposed::unsafe_(
                    format!(
                        "list the scopes of {} as items of their own",
                        describe(path)
                    ),
                    Op::SplitItem(
                        path.to_owned(),
                        tokens
                            .iter()
                            .map(|t| Value::String((*t).to_owned()).to_string())
                            .collect(),
                    ),
                )
                .withholding(describe(path)),
            );
        }
    }
}

thread_local! {
    /// The [`Suggester`] of each declared field list, built once per thread (a list is
    /// `'static`: its address names it).
    static FIELD_NAMES: std::cell::RefCell<Vec<(usize, std::rc::Rc<Suggester<'static>>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The names of `fields` as a [`Suggester`], normalised once per field list and thread (an
/// extension-metadata member of a 60-field kind would otherwise normalise all 60 every time).
fn field_names(fields: &'static [Field]) -> std::rc::Rc<Suggester<'static>> {
    let id = fields.as_ptr() as usize;
    FIELD_NAMES.with(|cache| {
        if let Some((_, s)) = cache.borrow().iter().find(|(k, _)| *k == id) {
            return s.clone();
        }
        let s = std::rc::Rc::new(Suggester::new(fields.iter().map(|f| f.name)));
        cache.borrow_mut().push((id, s.clone()));
        s
    })
}

/// What equal JSON values, and only they, share: a string's own text (no copy), any other
/// value's [`canonical`] text (which never is a string's: it does not start with a quote).
#[derive(PartialEq, Eq, Hash)]
enum Canonical<'t> {
    String(&'t str),
    Other(String),
}

impl<'t> Canonical<'t> {
    fn of(value: SpanRef<'t>) -> Self {
        match value.as_str() {
            Some(s) => Canonical::String(s),
            None => Canonical::Other(canonical(value)),
        }
    }
}

/// A text that equal JSON values, and only they, share (object members in key order), for
/// finding repeats by hashing.
fn canonical(value: SpanRef<'_>) -> String {
    fn write(value: SpanRef<'_>, out: &mut String) {
        match value.view() {
            View::Array(items) => {
                out.push('[');
                for item in items.iter() {
                    write(item, out);
                    out.push(',');
                }
                out.push(']');
            }
            View::Object(object) => {
                let members: Vec<_> = object.distinct().collect();
                let key = |i: u32| members.get(i as usize).map(|m| m.key);
                let mut order: Vec<u32> =
                    (0..u32::try_from(members.len()).unwrap_or(u32::MAX)).collect();
                crate::order::sort_indexes(&mut order, &mut |a, b| key(a).cmp(&key(b)));
                out.push('{');
                for m in order.iter().filter_map(|&i| members.get(i as usize)) {
                    out.push_str(&Value::String(m.key.to_owned()).to_string());
                    out.push(':');
                    write(m.value, out);
                    out.push(',');
                }
                out.push('}');
            }
            View::String(s) => out.push_str(&Value::String(s.to_owned()).to_string()),
            View::Number(_) => match value.number() {
                Some(n) => {
                    let _ = write!(out, "{n}");
                }
                None => out.push_str("null"),
            },
            View::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            View::Null | View::Unknown => out.push_str("null"),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// The first structural problem of `value` against `fields`, as a message (for contexts and other
/// inputs that are not documents). `tree` is the value's span tree when it was parsed from text
/// (else one is made).
pub fn first_problem(fields: &'static [Field], tree: SpanRef<'_>) -> Result<(), String> {
    let mut sink = Sink::new(&crate::diagnostic::Defaults);
    check_root(fields, &[], UnknownFields::Closed, tree, &mut sink);
    match sink.diagnostics.into_iter().next() {
        None => Ok(()),
        Some(d) => Err(match d.hint {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_check_is_the_forbidden_list() {
        // Every character of the first three planes' edges and ranges that hold the list's
        // members, alone and inside a scope.
        let mut checked = 0;
        for code in (0..0x3100).chain(0xfe00..0x10000).chain(0x1f600..0x1f700) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let want = SCOPE_FORBIDDEN.contains(&c);
            assert_eq!(scope_forbidden(c), want, "{code:#x}");
            let scope = format!("read:{c}x");
            assert_eq!(is_scope_token(&scope), !want, "{code:#x}");
            checked += 1;
        }
        assert!(checked > 12_000);
        assert!(!is_scope_token(""));
    }
}
