//! `paragon.integration-credentials`: the `paragon_integration_credentials` Terraform resource
//! (seed 000). The real provider runs these checks only at `terraform apply`, after two network
//! calls, and stops at the first; credlint runs all of them offline.

use crate::json::Lookup;
use serde_json::{Map, Value, json};

use super::Kind;
use crate::condition::{Clause, Cond, Need};
use crate::diagnostic::{Severity, Sink};
use crate::fix::{Op, Proposed};
use crate::json::{Members, SpanRef, SpanTree, pointer};
use crate::rules::{self, Example, RuleMeta, Unit, doc, fix_doc};
use crate::structure::{self, Field, MapSpec, Role, Str, Ty};
use crate::text::describe;

pub struct ParagonCredentials;

const KIND: &str = "paragon.integration-credentials";

/// Keys the provider reserves in `extra_configuration` (exact, case-sensitive: provider
/// `validateExtraConfiguration`), with where each belongs instead.
const RESERVED: &[(&str, &str)] = &[
    ("clientId", "move the client id into `oauth.client_id`"),
    (
        "clientSecret",
        "move the client secret into `oauth.client_secret`",
    ),
    (
        "scopes",
        "move the scopes into `oauth.scopes` (a list of strings)",
    ),
];

static EXTRA: MapSpec = MapSpec {
    reserved: RESERVED,
    reserved_rule: &RESERVED_EXTRA_KEY,
    moves: &[
        ("clientId", "/oauth/client_id", false),
        ("clientSecret", "/oauth/client_secret", false),
        ("scopes", "/oauth/scopes", true),
    ],
    scalar_rule: &EXTRA_VALUE_TYPE,
};

static SCOPE: Ty = Ty::String(Str {
    token: Some(&SCOPE_TOKEN),
    ..Str::ANY
});

static OAUTH_FIELDS: &[Field] = &[
    Field {
        name: "client_id",
        label: "Client ID",
        description: doc("Client ID of the OAuth app registered with the integration's provider."),
        required: true,
        role: Role::Secret,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "client_secret",
        label: "Client Secret",
        description: doc(
            "Client secret of the OAuth app. Keep it out of source control: use a variable or a secret store.",
        ),
        required: true,
        role: Role::Secret,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "scopes",
        label: "Scopes",
        description: doc(
            "OAuth scopes to request, one per item. Required by the provider for non-custom integrations; not allowed for custom integrations (their scopes live in the custom integration builder).",
        ),
        required: false,
        role: Role::Scopes,
        ty: Ty::Array {
            items: &SCOPE,
            min_items: 1,
            unique: None,
        },
    },
];

static FIELDS: &[Field] = &[
    Field {
        name: "integration_id",
        label: "Integration ID",
        description: doc(
            "Identifier (UUID) of the integration to set credentials for; find it with the `paragon_integrations` data source.",
        ),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "project_id",
        label: "Project ID",
        description: doc("Identifier (UUID) of the Paragon project."),
        required: true,
        role: Role::Plain,
        ty: Ty::String(Str::NON_EMPTY),
    },
    Field {
        name: "oauth",
        label: "OAuth",
        description: doc("OAuth app credentials for the integration."),
        required: true,
        role: Role::Plain,
        ty: Ty::Object(OAUTH_FIELDS),
    },
    Field {
        name: "extra_configuration",
        label: "Extra configuration",
        description: doc(
            "Additional credential values (string, number or boolean), sent beside the OAuth values. Sensitive. May not use the reserved keys `clientId`, `clientSecret`, `scopes`; only allowed on OAuth-based custom integrations and, with care, on built-in ones.",
        ),
        required: false,
        role: Role::Secret,
        ty: Ty::Map(&EXTRA),
    },
    Field {
        name: "id",
        label: "Credential ID",
        description: doc("Computed: identifier of the credential (present in Terraform state)."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "creds_provider",
        label: "Credentials provider",
        description: doc(
            "Computed: the credential's provider (`custom` for custom integrations, else the integration type such as `jira`); present in Terraform state.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "scheme",
        label: "Scheme",
        description: doc(
            "Computed: the credential's scheme (`oauth_app`); present in Terraform state.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
];

const AUTH_TYPES: &[&str] = &[
    "oauth",
    "oauth_client_credential",
    "basic",
    "oauth_password",
    "",
];

static INTEGRATION_FIELDS: &[Field] = &[
    Field {
        name: "type",
        label: "Integration type",
        description: doc(
            "The integration's type: `custom` (or the data source's `custom.<slug>`) for a custom integration, else the built-in type such as `jira`.",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
    Field {
        name: "authentication_type",
        label: "Authentication type",
        description: doc("A custom integration's authentication type."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::one_of(AUTH_TYPES)),
    },
];

/// The context: facts the platform would look up at apply time.
pub static CONTEXT_FIELDS: &[Field] = &[
    Field {
        name: "operation",
        label: "Operation",
        description: doc("Whether the credential is being created or updated."),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::one_of(&["create", "update"])),
    },
    Field {
        name: "integration",
        label: "Integration",
        description: doc("The integration the credential is for."),
        required: false,
        role: Role::Plain,
        ty: Ty::Object(INTEGRATION_FIELDS),
    },
    Field {
        name: "name",
        label: "Credential name",
        description: doc(
            "The credential's name in the wire body (the provider uses the signed-in user's email).",
        ),
        required: false,
        role: Role::Plain,
        ty: Ty::String(Str::ANY),
    },
];

// ---- the rules' shared examples, the declared rules, the run order ----------------------------

const BUILTIN: &str = r#"{"integration": {"type": "jira"}}"#;
const CUSTOM_OAUTH: &str = r#"{"integration": {"type": "custom", "authentication_type": "oauth"}}"#;
const CUSTOM_BASIC: &str = r#"{"integration": {"type": "custom", "authentication_type": "basic"}}"#;
const DOC_SCOPES: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["offline_access", "read:jira-user"]}}"#;
const DOC_NO_SCOPES: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}}"#;
const DOC_EXTRA: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"timeout": "30s"}}"#;

pub static RESERVED_EXTRA_KEY: RuleMeta = RuleMeta {
    id: "paragon/reserved-extra-key",
    kind: KIND,
    severity: Severity::Error,
    fix: fix_doc(Some(
        "unsafe: the value is moved into `oauth` (`clientId` → `oauth.client_id`, `clientSecret` → `oauth.client_secret`, `scopes` → `oauth.scopes` as a list); no fix when that field is already set",
    )),
    summary: doc(
        "`extra_configuration` uses a reserved key (`clientId`, `clientSecret`, `scopes`)",
    ),
    why: doc(
        "Extra values are merged into the same `values` object as the OAuth fields; the provider rejects these three keys (exact, case-sensitive) so that they cannot overwrite them.",
    ),
    source: doc(
        "seed 000 (Extra Configuration, Important Notes); provider `validateExtraConfiguration`",
    ),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_EXTRA),
        Example::fail(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"clientId": "x"}}"#,
        ),
        Example::fail(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_secret": "s"}, "extra_configuration": {"clientId": "x", "timeout": "30s"}}"#,
        ),
    ],
};

pub static EXTRA_VALUE_TYPE: RuleMeta = RuleMeta {
    id: "paragon/extra-value-type",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("an `extra_configuration` value that is not a string, number or boolean"),
    why: doc(
        "Extra configuration supports string, number and boolean values only (a Terraform `map(string)`); null, lists and objects cannot be sent.",
    ),
    source: doc("seed 000 (Validation Rules, Data Type Support)"),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_EXTRA),
        Example::fail(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"retry": {"count": 3}}}"#,
        ),
    ],
};

pub static SCOPE_TOKEN: RuleMeta = RuleMeta {
    id: "paragon/scope-token",
    kind: KIND,
    severity: Severity::Error,
    fix: fix_doc(Some(
        "unsafe: a scope holding several space-separated scopes is split into items of their own",
    )),
    summary: doc("a scope that is empty or holds whitespace, `\"` or `\\`"),
    why: doc(
        "Scopes travel joined by single spaces and are split on spaces when read back, so such a scope comes back as a different list and the plan drifts for ever. RFC 6749 §3.3 allows none of these characters in a scope token.",
    ),
    source: doc("RFC 6749 §3.3; provider `strings.Join` / `strings.Split`"),
    examples: &[
        Example::pass(KIND, BUILTIN, DOC_SCOPES),
        Example::fail(
            KIND,
            BUILTIN,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read write"]}}"#,
        ),
    ],
};

/// What the rules read: the document's parts and the facts about its integration, worked out
/// once for all of them.
struct Input<'a> {
    /// The document (an object).
    doc: SpanRef<'a>,
    /// The context, as the context conditions read it.
    ctx: SpanRef<'a>,
    facts: Facts<'a>,
    scopes: Option<SpanRef<'a>>,
    extra: Option<SpanRef<'a>>,
}

type Check = for<'a, 'b> fn(&'b Input<'a>, &mut Sink);

/// The kind's rules, in the order they run. The first three are declared by the fields (the
/// structure check runs them before these).
static UNITS: &[Unit<Check>] = &[
    Unit::declared(&SCOPE_TOKEN),
    Unit::declared(&RESERVED_EXTRA_KEY),
    Unit::declared(&EXTRA_VALUE_TYPE),
    Unit::new(&ID_FORMAT, id_format),
    Unit::new(&DUPLICATE_SCOPE, duplicate_scope),
    Unit::new(&RESERVED_KEY_LOOKALIKE, reserved_key_lookalike),
    Unit::new(&EXTRA_VALUE_NON_FINITE, extra_value_non_finite),
    Unit::new(&EXTRA_VALUE_COERCION, extra_value_coercion),
    // Context-dependent rules, in the provider's order. Each error's clause (its condition and
    // what it requires) gates its check and is its envelope-schema `if`/`then`.
    Unit::when(
        &EXTRA_CONFIG_AUTH_TYPE,
        &Clause {
            when: CUSTOM_NOT_OAUTH,
            then: Need::Absent(&["extra_configuration"]),
        },
        extra_config_auth_type,
    ),
    Unit::new(&EXTRA_CONFIG_BUILTIN, extra_config_builtin),
    Unit::when(
        &CUSTOM_AUTH_TYPE,
        &Clause {
            when: CUSTOM_NOT_OAUTH,
            then: Need::Never,
        },
        custom_auth_type,
    ),
    Unit::when(
        &CUSTOM_SCOPES,
        &Clause {
            when: CUSTOM,
            then: Need::Absent(&["oauth", "scopes"]),
        },
        custom_scopes,
    ),
    Unit::when(
        &MISSING_SCOPES,
        &Clause {
            when: BUILT_IN,
            then: Need::Present(&["oauth", "scopes"]),
        },
        missing_scopes,
    ),
    Unit::when(
        &UPDATE_NON_OAUTH,
        &Clause {
            when: UPDATING_NON_OAUTH,
            then: Need::Never,
        },
        update_non_oauth,
    ),
];

// ---- facts -----------------------------------------------------------------------------------

/// What is known about the integration, from the context or the document's state attributes.
struct Facts<'a> {
    operation: Option<&'a str>,
    /// `Some(true)` custom, `Some(false)` built-in, `None` unknown.
    custom: Option<bool>,
    auth_type: Option<&'a str>,
}

fn is_custom_type(t: &str) -> bool {
    t == "custom" || t.starts_with("custom.")
}

/// [`is_custom_type`] as the schema's regular expression.
const CUSTOM_PATTERN: &str = "^custom($|\\.)";

/// The string at `at` names a custom integration (`custom`) or a built-in one.
const fn names_custom(at: &'static [&'static str], custom: bool) -> Cond {
    if custom {
        Cond::Matches {
            at,
            pattern: CUSTOM_PATTERN,
            test: is_custom_type,
        }
    } else {
        Cond::Unmatched {
            at,
            pattern: CUSTOM_PATTERN,
            test: is_custom_type,
        }
    }
}

// The context conditions, each declared once: the check decides with them and the envelope
// schema's `if`s are written from them.
const UPDATING: Cond = Cond::Is(&["context", "operation"], "update");
const HAS_OPERATION: Cond = Cond::Present(&["context", "operation"]);
const HAS_PROVIDER: Cond = Cond::Present(&["document", "creds_provider"]);
const HAS_TYPE: Cond = Cond::Present(&["context", "integration", "type"]);
/// On update the state's `creds_provider` decides (provider Update reads `state.Provider`).
const STATE_DECIDES: Cond = Cond::All(&[UPDATING, HAS_PROVIDER]);
const PROVIDER: &[&str] = &["document", "creds_provider"];
const TYPE: &[&str] = &["context", "integration", "type"];

/// Whether the integration is custom: on update the state's `creds_provider`; otherwise the
/// integration's type from the context; with neither an operation nor a type, the state's
/// `creds_provider`.
macro_rules! custom_is {
    ($custom:expr) => {
        Cond::Any(&[
            Cond::All(&[STATE_DECIDES, names_custom(PROVIDER, $custom)]),
            Cond::All(&[
                Cond::Not(&STATE_DECIDES),
                HAS_TYPE,
                names_custom(TYPE, $custom),
            ]),
            Cond::All(&[
                Cond::Not(&HAS_OPERATION),
                Cond::Not(&HAS_TYPE),
                HAS_PROVIDER,
                names_custom(PROVIDER, $custom),
            ]),
        ])
    };
}
const CUSTOM: Cond = custom_is!(true);
const BUILT_IN: Cond = custom_is!(false);
const AUTH: &[&str] = &["context", "integration", "authentication_type"];
/// An authentication type is given and is not `oauth`.
const AUTH_NOT_OAUTH: Cond = Cond::All(&[Cond::Present(AUTH), Cond::Not(&Cond::Is(AUTH, "oauth"))]);
/// A custom integration whose authentication type is given and is not `oauth` (the check reads
/// its first half from [`Facts::custom`], worked out once).
const CUSTOM_NOT_OAUTH: Cond = Cond::All(&[CUSTOM, AUTH_NOT_OAUTH]);
const SCHEME: &[&str] = &["document", "scheme"];
/// Updating a credential whose state's scheme is given and is not `oauth_app`.
const UPDATING_NON_OAUTH: Cond = Cond::All(&[
    UPDATING,
    Cond::Present(SCHEME),
    Cond::Not(&Cond::Is(SCHEME, "oauth_app")),
]);

impl Input<'_> {
    fn holds(&self, cond: &Cond) -> bool {
        cond.holds(Some(self.ctx), Some(self.doc))
    }
}

impl<'a> Facts<'a> {
    fn new(doc: SpanRef<'a>, ctx: SpanRef<'a>) -> Self {
        let (context, document) = (Some(ctx), Some(doc));
        let custom = if CUSTOM.holds(context, document) {
            Some(true)
        } else if BUILT_IN.holds(context, document) {
            Some(false)
        } else {
            None
        };
        Facts {
            operation: ctx.field("operation").and_then(SpanRef::as_str),
            custom,
            auth_type: ctx
                .field("integration")
                .and_then(|i| i.field("authentication_type"))
                .and_then(SpanRef::as_str),
        }
    }
}

const NO_TYPE: &str = "context has no integration type (give `context.integration.type`, or the `paragon_integrations` map as context: `--context FILE` on the command line, `options.context` in JavaScript)";
const NO_AUTH: &str = "context has no authentication type for this custom integration (give `context.integration.authentication_type`)";

// ---- wire conversion -------------------------------------------------------------------------

/// What the provider sends for an extra-configuration string (`parseStringToAppropriateType`).
#[derive(Debug, Clone, PartialEq)]
pub enum WireValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text,
}

/// Go's `strconv.Atoi`: optional sign, decimal digits, 64-bit range.
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits
        .parse::<i128>()
        .ok()
        .and_then(|v| i64::try_from(if s.starts_with('-') { -v } else { v }).ok())?;
    Some(n)
}

/// Go's `strconv.ParseFloat(s, 64)` where it succeeds (`strconv/atof.go`): first `special()`,
/// then `readFloat()` over the whole text, then the value, refused when out of range (`ErrRange`).
fn go_parse_float(s: &str) -> Option<f64> {
    if let Some(v) = go_special(s) {
        return Some(v);
    }
    let b = s.as_bytes();
    // Optional sign.
    let (neg, mut i) = match b.first() {
        Some(b'+') => (false, 1),
        Some(b'-') => (true, 1),
        _ => (false, 0),
    };
    // Base prefix: only `0x`, and only with something after it (`i+2 < len(s)`).
    let hex = i + 2 < b.len() && b[i] == b'0' && b[i + 1] | 0x20 == b'x';
    if hex {
        i += 2;
    }
    // Digits, one `.`, and `_` anywhere (checked below by `underscoreOK`).
    let (mantissa_start, mut saw_dot, mut saw_digits, mut underscores) = (i, false, false, false);
    while i < b.len() {
        let c = b[i];
        if c == b'_' {
            underscores = true;
        } else if c == b'.' {
            if saw_dot {
                break;
            }
            saw_dot = true;
        } else if c.is_ascii_digit() || (hex && matches!(c | 0x20, b'a'..=b'f')) {
            saw_digits = true;
        } else {
            break;
        }
        i += 1;
    }
    if !saw_digits {
        return None;
    }
    let mantissa_end = i;
    // Optional exponent (`e`, or `p`, which a hexadecimal mantissa must have). Go stops adding
    // digits once it reaches 10000: any larger exponent overflows or underflows all the same.
    let mut exp: i64 = 0;
    if i < b.len() && b[i] | 0x20 == if hex { b'p' } else { b'e' } {
        i += 1;
        let sign = match b.get(i) {
            Some(b'+') => {
                i += 1;
                1
            }
            Some(b'-') => {
                i += 1;
                -1
            }
            _ => 1,
        };
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            if b[i] == b'_' {
                underscores = true;
            } else if exp < 10000 {
                exp = exp * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        exp *= sign;
    } else if hex {
        return None;
    }
    // ParseFloat: the number must be the whole text.
    if i != b.len() || (underscores && !go_underscores_ok(s)) {
        return None;
    }
    let mantissa: String = s[mantissa_start..mantissa_end]
        .chars()
        .filter(|c| *c != '_')
        .collect();
    let v = if hex {
        hex_float(&mantissa, exp)
    } else {
        crate::json::parse_f64(&format!("{mantissa}e{exp}"))?
    };
    match (v.is_finite(), neg) {
        (false, _) => None,
        (true, true) => Some(-v),
        (true, false) => Some(v),
    }
}

/// Go's `special()` as `ParseFloat` uses it (the whole text): `inf` and `infinity` with an
/// optional sign, `nan` without one (a sign falls through to the `inf` case only), in any case.
fn go_special(s: &str) -> Option<f64> {
    let (sign, body) = match s.as_bytes().first() {
        Some(b'+') => (Some(1.0), &s[1..]),
        Some(b'-') => (Some(-1.0), &s[1..]),
        _ => (None, s),
    };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        Some(sign.unwrap_or(1.0) * f64::INFINITY)
    } else if sign.is_none() && body.eq_ignore_ascii_case("nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// Go's `underscoreOK`: `_` only between digits (a base prefix counts as a digit).
fn go_underscores_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let mut saw = b'^';
    let mut hex = false;
    if b.len() >= i + 2 && b[i] == b'0' && matches!(b[i + 1] | 0x20, b'b' | b'o' | b'x') {
        hex = b[i + 1] | 0x20 == b'x';
        i += 2;
        saw = b'0';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && (c | 0x20).is_ascii_hexdigit() && c.is_ascii_alphabetic())
        {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// The value of hexadecimal mantissa digits (with at most one `.`) times two to `exp`: the first
/// 32 significant digits exactly, any non-zero digit after them as a sticky bit, rounded once.
fn hex_float(mantissa: &str, exp: i64) -> f64 {
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut m: u128 = 0;
    let mut digits = 0usize;
    let mut e2 = exp - 4 * frac.len() as i64;
    let mut sticky = false;
    for c in int.chars().chain(frac.chars()) {
        let d = u128::from(c.to_digit(16).unwrap_or(0));
        if digits < 32 {
            m = m * 16 + d;
            if m != 0 {
                digits += 1;
            }
        } else {
            sticky |= d != 0;
            e2 += 4;
        }
    }
    if sticky {
        m |= 1;
    }
    let mut v = m as f64;
    // Scale in steps that cannot overflow or underflow before the last one.
    while e2 > 0 {
        let step = e2.min(1000);
        v *= 2f64.powi(step as i32);
        e2 -= step;
    }
    while e2 < 0 {
        let step = (-e2).min(1000);
        v /= 2f64.powi(step as i32);
        e2 += step;
    }
    v
}

pub fn wire_value(s: &str) -> WireValue {
    match s {
        "true" => return WireValue::Bool(true),
        "false" => return WireValue::Bool(false),
        _ => {}
    }
    if let Some(i) = go_atoi(s) {
        return WireValue::Int(i);
    }
    match go_parse_float(s) {
        Some(f) => WireValue::Float(f),
        None => WireValue::Text,
    }
}

/// How Go's `encoding/json` writes a float64 (shortest form; exponent outside [1e-6, 1e21)).
fn go_float_text(f: f64) -> String {
    let a = f.abs();
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        let s = crate::text::Float(f).exp().to_string();
        match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        }
    } else {
        crate::text::Float(f).to_string()
    }
}

/// Why numeric text does not survive the trip, without repeating the text.
fn coercion_reason(s: &str, sent: &WireValue) -> &'static str {
    let digits = s.trim_start_matches(['+', '-']);
    if s.starts_with('+') {
        "the `+` sign is dropped"
    } else if digits.len() > 1
        && digits.starts_with('0')
        && !digits.starts_with("0.")
        && !digits[1..].starts_with(['x', 'X'])
    {
        "leading zeros are dropped"
    } else if digits.starts_with("0x") || digits.starts_with("0X") {
        "hexadecimal notation is converted to decimal"
    } else if s.contains('_') {
        "digit separators (`_`) are dropped"
    } else if s.contains(['e', 'E']) {
        "exponent notation is expanded"
    } else if matches!(sent, WireValue::Float(_))
        && s.contains('.')
        && (s.ends_with('0') || s.ends_with('.') || digits.starts_with('.'))
    {
        "trailing or missing digits around the decimal point are normalised"
    } else if matches!(sent, WireValue::Float(_)) && !s.contains('.') {
        "the integer is too large and is sent as an approximate floating-point number"
    } else if s.starts_with("-0") {
        "the minus sign of zero is dropped"
    } else {
        "the number is written differently on the wire"
    }
}

fn is_uuid(s: &str) -> bool {
    structure::Format::Uuid.matches(s)
}

// ---- the kind --------------------------------------------------------------------------------

impl Kind for ParagonCredentials {
    fn id(&self) -> &'static str {
        KIND
    }
    fn title(&self) -> &'static str {
        "Paragon integration credentials (paragon_integration_credentials)"
    }
    fn description(&self) -> &'static str {
        doc(
            "OAuth app credentials for a Paragon integration: the attributes of the `paragon_integration_credentials` Terraform resource (snake_case), or its state.",
        )
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn rules(&self) -> Vec<&'static RuleMeta> {
        rules::metas(KIND, UNITS)
    }

    fn context_fields(&self) -> &'static [Field] {
        CONTEXT_FIELDS
    }

    fn context_from_integrations(
        &self,
        document: SpanRef<'_>,
        integrations: &Map<String, Value>,
    ) -> Option<Value> {
        let id = document.field("integration_id")?.as_str()?;
        let (key, entry) = integrations
            .iter()
            .find(|(_, e)| e.field("id").and_then(Value::as_str) == Some(id))?;
        // The data source keys custom integrations as `custom.<slug>`; its `type` may say `custom`.
        let ty = entry.field("type").and_then(Value::as_str).unwrap_or(key);
        let custom = is_custom_type(ty)
            || is_custom_type(key)
            || entry
                .field("custom_integration_id")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty());
        let mut integration = Map::new();
        integration.insert(
            "type".into(),
            json!(if custom && !is_custom_type(ty) {
                "custom"
            } else {
                ty
            }),
        );
        if let Some(a) = entry.field("authentication_type").and_then(Value::as_str) {
            integration.insert("authentication_type".into(), json!(a));
        }
        Some(json!({ "integration": integration }))
    }

    #[cfg(feature = "docs")]
    fn envelope_rules(&self) -> Vec<(&'static RuleMeta, Value)> {
        rules::envelope(KIND, UNITS)
    }

    fn non_finite_rule(&self, pointer: &str) -> Option<&'static RuleMeta> {
        let key = pointer.strip_prefix("/extra_configuration/")?;
        (!key.contains('/')).then_some(&EXTRA_VALUE_NON_FINITE)
    }

    fn check(&self, tree: SpanRef<'_>, context: SpanRef<'_>, sink: &mut Sink) {
        if tree.as_object().is_none() {
            return;
        }
        let input = Input {
            doc: tree,
            ctx: context,
            facts: Facts::new(tree, context),
            scopes: tree.field("oauth").and_then(|o| o.field("scopes")),
            extra: tree.field("extra_configuration"),
        };
        for check in rules::checks(UNITS, tree) {
            check(&input, sink);
        }
    }

    fn to_wire(&self, doc: &Value, ctx: &Value) -> Result<Value, String> {
        let (doc_tree, ctx_tree) = (SpanTree::from_value(doc), SpanTree::from_value(ctx));
        let facts = Facts::new(doc_tree.root(), ctx_tree.root());
        let custom = facts.custom.ok_or_else(|| {
            format!("the wire body depends on whether the integration is custom: {NO_TYPE}")
        })?;
        let oauth = doc.field("oauth").ok_or("`oauth` is required")?;
        let text = |v: Option<&Value>, name: &str| {
            v.and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(format!("`{name}` must be a string"))
        };
        let mut values = Map::new();
        values.insert(
            "clientId".into(),
            json!(text(oauth.field("client_id"), "oauth.client_id")?),
        );
        values.insert(
            "clientSecret".into(),
            json!(text(oauth.field("client_secret"), "oauth.client_secret")?),
        );
        let scopes = if custom {
            String::new()
        } else {
            let list = oauth
                .field("scopes")
                .and_then(Value::as_array)
                .ok_or("`oauth.scopes` is required for a non-custom integration")?;
            list.iter()
                .map(|s| s.as_str().ok_or("`oauth.scopes` must hold strings"))
                .collect::<Result<Vec<_>, _>>()?
                .join(" ")
        };
        values.insert("scopes".into(), json!(scopes));
        if let Some(Value::Object(extra)) = doc.field("extra_configuration") {
            for (k, v) in extra {
                // Terraform holds every extra value as a string (`map(string)`); the provider then
                // converts it back (`parseStringToAppropriateType`).
                let as_text = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => {
                        return Err(format!(
                            "{} must be a string, number or boolean",
                            describe(&pointer::join("/extra_configuration", k))
                        ));
                    }
                };
                let sent = match wire_value(&as_text) {
                    WireValue::Bool(b) => json!(b),
                    WireValue::Int(i) => json!(i),
                    WireValue::Float(f) => serde_json::Number::from_f64(f)
                        .map(Value::Number)
                        .ok_or_else(|| {
                            format!(
                                "{} becomes NaN or Infinity, which JSON cannot carry",
                                describe(&pointer::join("/extra_configuration", k))
                            )
                        })?,
                    WireValue::Text => json!(as_text),
                };
                values.insert(k.clone(), sent);
            }
        }
        let update = facts.operation == Some("update");
        let state_provider = doc.field("creds_provider").and_then(Value::as_str);
        let ctx_type = ctx
            .field("integration")
            .and_then(|i| i.field("type"))
            .and_then(Value::as_str);
        let provider = match (update, state_provider, ctx_type) {
            (true, Some(p), _) => p.to_owned(),
            (_, _, Some(t)) if is_custom_type(t) => "custom".to_owned(),
            (_, _, Some(t)) => t.to_owned(),
            (_, Some(p), None) => p.to_owned(),
            _ => return Err(NO_TYPE.into()),
        };
        let scheme = match (update, doc.field("scheme").and_then(Value::as_str)) {
            (true, Some(s)) => s,
            _ => "oauth_app",
        };
        let mut body = Map::new();
        if let Some(name) = ctx.field("name").and_then(Value::as_str) {
            body.insert("name".into(), json!(name));
        }
        body.insert("values".into(), Value::Object(values));
        body.insert("provider".into(), json!(provider));
        body.insert("scheme".into(), json!(scheme));
        body.insert(
            "integrationId".into(),
            json!(text(doc.field("integration_id"), "integration_id")?),
        );
        Ok(Value::Object(body))
    }
}

fn auth_label(a: &str) -> String {
    if a.is_empty() {
        "empty".into()
    } else {
        format!("`{a}`")
    }
}

// ---- the rules: each rule's metadata, then its check ------------------------------------------

pub static ID_FORMAT: RuleMeta = RuleMeta {
    id: "paragon/id-format",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("`integration_id` or `project_id` is not a UUID"),
    why: doc(
        "Every Paragon id is a UUID; anything else is usually a name or slug pasted by mistake, which fails at apply after a network call.",
    ),
    source: doc("seed 000 examples"),
    examples: &[
        Example::pass(KIND, BUILTIN, DOC_SCOPES),
        Example::fail(
            KIND,
            BUILTIN,
            r#"{"integration_id": "jira", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}}"#,
        ),
    ],
};

fn id_format(i: &Input, sink: &mut Sink) {
    for field in ["integration_id", "project_id"] {
        if let Some(s) = i.doc.field(field).and_then(SpanRef::as_str)
            && !s.is_empty()
            && !is_uuid(s)
        {
            sink.report(&ID_FORMAT, format!("/{field}"), || format!("`{field}` is not a UUID"))
                .hint("every Paragon id is a UUID such as `d589fe10-b66e-4cb2-885a-0440393886f4`; find the integration's with the `paragon_integrations` data source");
        }
    }
}

pub static DUPLICATE_SCOPE: RuleMeta = RuleMeta {
    id: "paragon/duplicate-scope",
    kind: KIND,
    severity: Severity::Warning,
    fix: fix_doc(Some("safe: the repeated scope is removed")),
    summary: doc("the same scope listed twice"),
    why: doc(
        "Harmless to most providers, but a sign of a copy-paste mistake, and some identity providers reject repeated scopes.",
    ),
    source: doc("RFC 6749 §3.3 (scope is a set)"),
    examples: &[
        Example::pass(KIND, BUILTIN, DOC_SCOPES),
        Example::fail(
            KIND,
            BUILTIN,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read", "write", "read"]}}"#,
        ),
    ],
};

fn duplicate_scope(i: &Input, sink: &mut Sink) {
    let Some(list) = i.scopes.and_then(SpanRef::as_array) else {
        return;
    };
    for (n, first) in crate::text::repeats(list.iter().map(SpanRef::as_str)) {
        sink.report(&DUPLICATE_SCOPE, format!("/oauth/scopes/{n}"), || {
            format!("scope {n} of `oauth.scopes` repeats scope {first}")
        })
        .hint("remove the repeated scope")
        .fix(Proposed::safe(
            "remove the repeated scope",
            Op::Remove(format!("/oauth/scopes/{n}")),
        ));
    }
}

/// `extra_configuration`'s members, when it is an object.
fn extra_members<'a>(i: &Input<'a>) -> impl Iterator<Item = (&'a str, SpanRef<'a>)> {
    // Each key once, with the value that counts (as `JSON.parse` and the provider read it).
    i.extra
        .and_then(SpanRef::as_object)
        .into_iter()
        .flat_map(Members::distinct)
        .map(|m| (m.key, m.value))
}

pub static RESERVED_KEY_LOOKALIKE: RuleMeta = RuleMeta {
    id: "paragon/reserved-key-lookalike",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("an `extra_configuration` key that looks like a reserved key but is not one"),
    why: doc(
        "The provider's reserved-key check is exact, so `client_id`, `ClientSecret` or `SCOPES` pass it and are sent as extra values beside the real OAuth fields: almost never what was meant.",
    ),
    source: doc("provider `validateExtraConfiguration` (exact match only)"),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_EXTRA),
        Example::fail(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"client_secret": "x"}}"#,
        ),
    ],
};

fn reserved_key_lookalike(i: &Input, sink: &mut Sink) {
    for (key, _) in extra_members(i) {
        if let Some((reserved, hint)) = RESERVED
            .iter()
            .find(|(r, _)| *r != key && same_normalised(r, key))
        {
            sink.report(
                &RESERVED_KEY_LOOKALIKE,
                pointer::join("/extra_configuration", key),
                || format!("`{key}` is not the reserved key `{reserved}`: it is sent as an extra value named `{key}` beside the real OAuth fields"),
            )
            .hint(|| format!("{hint}, or rename the key if it really is an extra value"));
        }
    }
}

/// Each string extra value with what the provider sends for it.
fn extra_wire_values<'a>(i: &Input<'a>) -> impl Iterator<Item = (&'a str, &'a str, WireValue)> {
    extra_members(i).filter_map(|(key, value)| {
        let s = value.as_str()?;
        Some((key, s, wire_value(s)))
    })
}

pub static EXTRA_VALUE_NON_FINITE: RuleMeta = RuleMeta {
    id: "paragon/extra-value-non-finite",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("an `extra_configuration` value that becomes NaN or ±Infinity on the wire"),
    why: doc(
        "The provider turns numeric-looking strings into numbers with Go's `strconv.ParseFloat`, which accepts `NaN`, `Inf` and `Infinity` in any case; JSON cannot encode the result, so the request fails.",
    ),
    source: doc("provider `parseStringToAppropriateType`"),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_EXTRA),
        Example::fail(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"limit": "-Infinity"}}"#,
        ),
    ],
};

fn extra_value_non_finite(i: &Input, sink: &mut Sink) {
    for (key, _, sent) in extra_wire_values(i) {
        if let WireValue::Float(f) = sent
            && !f.is_finite()
        {
            let path = pointer::join("/extra_configuration", key);
            let what = describe(&path);
            sink.report(
                &EXTRA_VALUE_NON_FINITE,
                path,
                || format!("{what} reads as NaN or Infinity to the provider, which JSON cannot carry: the request would fail"),
            )
            .hint("use a finite number, or text that does not read as a number");
        }
    }
}

pub static EXTRA_VALUE_COERCION: RuleMeta = RuleMeta {
    id: "paragon/extra-value-coercion",
    kind: KIND,
    severity: Severity::Warning,
    fix: None,
    summary: doc("an `extra_configuration` string the wire turns into a different value"),
    why: doc(
        "The provider sends `\"true\"`/`\"false\"` as booleans and numeric text as numbers (Go `Atoi`, then `ParseFloat`): `\"007\"` arrives as 7, `\"+5\"` as 5, `\"1e3\"` as 1000. Exactly `\"true\"`, `\"false\"` and canonical numbers are fine.",
    ),
    source: doc("provider `parseStringToAppropriateType` / `mergeCredentialValues`"),
    examples: &[
        Example::pass(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"retries": "3", "debug": "true"}}"#,
        ),
        Example::fail(
            KIND,
            CUSTOM_OAUTH,
            r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s"}, "extra_configuration": {"account": "007"}}"#,
        ),
    ],
};

fn extra_value_coercion(i: &Input, sink: &mut Sink) {
    for (key, s, sent) in extra_wire_values(i) {
        let sent_as = match sent {
            WireValue::Int(n) if n.to_string() != *s => "an integer",
            WireValue::Float(f) if f.is_finite() && go_float_text(f) != *s => "a number",
            _ => continue,
        };
        let path = pointer::join("/extra_configuration", key);
        let what = describe(&path);
        sink.report(
            &EXTRA_VALUE_COERCION,
            path,
            || format!("{what} is sent as {sent_as}, not as the text written: {}", coercion_reason(s, &sent)),
        )
        .hint("write the number in its canonical form, or make the value clearly non-numeric if the exact text matters");
    }
}

pub static EXTRA_CONFIG_AUTH_TYPE: RuleMeta = RuleMeta {
    id: "paragon/extra-config-auth-type",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc(
        "`extra_configuration` on a custom integration whose authentication type is not `oauth`",
    ),
    why: doc(
        "Extra configuration is only supported for OAuth-based custom integrations; the provider rejects it (even `{}`) for API-key and other custom integrations.",
    ),
    source: doc("seed 000 (Extra Configuration, Notes); provider `validateExtraConfiguration`"),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_EXTRA),
        Example::fail(KIND, CUSTOM_BASIC, DOC_EXTRA),
    ],
};

/// Runs where `extra_configuration` is given (its clause).
fn extra_config_auth_type(i: &Input, sink: &mut Sink) {
    match i.facts.custom {
        Some(true) if i.holds(&AUTH_NOT_OAUTH) => {
            sink.report(
                &EXTRA_CONFIG_AUTH_TYPE,
                "/extra_configuration",
                || format!("`extra_configuration` is not allowed: this custom integration's authentication type is {}, not `oauth`", auth_label(i.facts.auth_type.unwrap_or_default())),
            )
            .hint("remove `extra_configuration`; extra values are only supported for OAuth-based custom integrations");
        }
        Some(true) if i.facts.auth_type.is_none() => sink.skip(&EXTRA_CONFIG_AUTH_TYPE, NO_AUTH),
        Some(_) => {}
        None => sink.skip(&EXTRA_CONFIG_AUTH_TYPE, NO_TYPE),
    }
}

pub static EXTRA_CONFIG_BUILTIN: RuleMeta = RuleMeta {
    id: "paragon/extra-config-builtin",
    kind: KIND,
    severity: Severity::Info,
    fix: None,
    summary: doc("`extra_configuration` on a non-custom integration"),
    why: doc(
        "Allowed, but extra values may interfere with the built-in integration's standard behaviour.",
    ),
    source: doc("seed 000 (Extra Configuration, Notes)"),
    examples: &[
        Example::pass(KIND, BUILTIN, DOC_SCOPES),
        Example::fail(
            KIND,
            BUILTIN,
            r#"{"integration_id": "e09db889-dad3-49e4-895b-96b22d7de0db", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}, "extra_configuration": {"authenticateAsApplication": true}}"#,
        ),
    ],
};

fn extra_config_builtin(i: &Input, sink: &mut Sink) {
    if i.extra.is_none() {
        return;
    }
    match i.facts.custom {
        Some(false) => {
            sink.report(&EXTRA_CONFIG_BUILTIN, "/extra_configuration", "`extra_configuration` on a built-in (non-custom) integration may interfere with its standard behaviour")
                .hint("keep only the values the integration documents");
        }
        None => sink.skip(&EXTRA_CONFIG_BUILTIN, NO_TYPE),
        Some(true) => {}
    }
}

pub static CUSTOM_AUTH_TYPE: RuleMeta = RuleMeta {
    id: "paragon/custom-auth-type",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("a custom integration whose authentication type is not `oauth`"),
    why: doc(
        "This resource sets OAuth app credentials only; the provider rejects an `oauth` block for a custom integration that authenticates otherwise.",
    ),
    source: doc("seed 000 (\"Currently only oauth creds are supported\"); provider Create"),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_NO_SCOPES),
        Example::fail(KIND, CUSTOM_BASIC, DOC_NO_SCOPES),
    ],
};

fn custom_auth_type(i: &Input, sink: &mut Sink) {
    match i.facts.custom {
        Some(true) if i.holds(&AUTH_NOT_OAUTH) => {
            sink.report(
                &CUSTOM_AUTH_TYPE,
                "/oauth",
                || format!("an `oauth` block is given, but this custom integration's authentication type is {}, not `oauth`", auth_label(i.facts.auth_type.unwrap_or_default())),
            )
            .hint("this resource sets OAuth app credentials only; users supply other credentials when they connect");
        }
        Some(true) if i.facts.auth_type.is_none() => sink.skip(&CUSTOM_AUTH_TYPE, NO_AUTH),
        Some(_) => {}
        None => sink.skip(&CUSTOM_AUTH_TYPE, NO_TYPE),
    }
}

pub static CUSTOM_SCOPES: RuleMeta = RuleMeta {
    id: "paragon/custom-scopes",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("`oauth.scopes` given for a custom integration"),
    why: doc(
        "A custom integration's scopes are set in the custom integration builder; the provider rejects scopes here on create and on update.",
    ),
    source: doc("seed 000 (Notes); provider Create and Update"),
    examples: &[
        Example::pass(KIND, CUSTOM_OAUTH, DOC_NO_SCOPES),
        Example::fail(KIND, CUSTOM_OAUTH, DOC_SCOPES),
        Example::fail(
            KIND,
            r#"{"operation": "update"}"#,
            r#"{"creds_provider": "custom", "id": "b9447451-56e0-4f70-a6df-2be85597e859", "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "your_client_id", "client_secret": "your_client_secret", "scopes": ["scope1", "scope2"]}, "scheme": "oauth_app"}"#,
        ),
    ],
};

/// Runs where `oauth.scopes` is given (its clause).
fn custom_scopes(i: &Input, sink: &mut Sink) {
    match i.facts.custom {
        Some(true) => {
            sink.report(&CUSTOM_SCOPES, "/oauth/scopes", "`oauth.scopes` is not allowed for a custom integration")
                .hint("remove `oauth.scopes`; a custom integration's scopes are set in its custom integration builder");
        }
        None => sink.skip(&CUSTOM_SCOPES, NO_TYPE),
        Some(false) => {}
    }
}

pub static MISSING_SCOPES: RuleMeta = RuleMeta {
    id: "paragon/missing-scopes",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("no `oauth.scopes` for a non-custom integration"),
    why: doc(
        "The documentation calls scopes optional, but the provider rejects a non-custom integration without them at apply (\"Scopes must be specified for this integration\").",
    ),
    source: doc("provider Create and Update"),
    examples: &[
        Example::pass(KIND, BUILTIN, DOC_SCOPES),
        Example::fail(KIND, BUILTIN, DOC_NO_SCOPES),
    ],
};

/// Runs where `oauth` is an object without `scopes` (its clause).
fn missing_scopes(i: &Input, sink: &mut Sink) {
    match i.facts.custom {
        Some(false) => {
            sink.report(&MISSING_SCOPES, "/oauth/scopes", "`oauth.scopes` is required for a non-custom integration")
                .hint("add the scopes the integration needs (Paragon dashboard → the integration → Settings); the provider rejects a missing list at apply although its docs call it optional");
        }
        None => sink.skip(&MISSING_SCOPES, NO_TYPE),
        Some(true) => {}
    }
}

pub static UPDATE_NON_OAUTH: RuleMeta = RuleMeta {
    id: "paragon/update-non-oauth",
    kind: KIND,
    severity: Severity::Error,
    fix: None,
    summary: doc("updating a credential whose scheme is not `oauth_app`"),
    why: doc(
        "Only OAuth app credentials are supported; trying to update non-OAuth credentials results in an error.",
    ),
    source: doc("seed 000 (\"Trying to update non-oauth creds will result in an error\")"),
    examples: &[
        Example::pass(
            KIND,
            r#"{"operation": "update", "integration": {"type": "jira"}}"#,
            r#"{"creds_provider": "jira", "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}, "scheme": "oauth_app"}"#,
        ),
        Example::fail(
            KIND,
            r#"{"operation": "update", "integration": {"type": "jira"}}"#,
            r#"{"creds_provider": "jira", "integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}, "scheme": "api_key"}"#,
        ),
    ],
};

fn update_non_oauth(i: &Input, sink: &mut Sink) {
    if i.holds(&UPDATING_NON_OAUTH) {
        sink.report(&UPDATE_NON_OAUTH, "/scheme", "cannot update this credential: its scheme is not `oauth_app`, and only OAuth app credentials can be updated")
            .hint("manage this credential in the Paragon dashboard instead");
        return;
    }
    let scheme = i.doc.field("scheme").and_then(SpanRef::as_str);
    match (i.facts.operation, scheme) {
        (Some("create"), _) | (_, Some("oauth_app")) => {}
        (Some(_), None) => sink.skip(&UPDATE_NON_OAUTH, "the document has no state `scheme` to tell whether the credential is an OAuth app credential"),
        (Some(_), Some(_)) => {}
        (None, _) => sink.skip(&UPDATE_NON_OAUTH, "context has no `operation` (`create` or `update`)"),
    }
}

/// Whether two keys are equal once case, `_` and `-` are ignored; compared as they are read, so
/// that most keys are told apart at their first letter, without building a string.
fn same_normalised(a: &str, b: &str) -> bool {
    fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
    }
    letters(a).eq(letters(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_follow_go() {
        assert_eq!(wire_value("true"), WireValue::Bool(true));
        assert_eq!(wire_value("True"), WireValue::Text);
        assert_eq!(wire_value("007"), WireValue::Int(7));
        assert_eq!(wire_value("+5"), WireValue::Int(5));
        assert_eq!(wire_value("-12"), WireValue::Int(-12));
        assert_eq!(wire_value("1e3"), WireValue::Float(1000.0));
        assert_eq!(wire_value("1.5"), WireValue::Float(1.5));
        assert_eq!(wire_value("30s"), WireValue::Text);
        assert_eq!(wire_value("1e400"), WireValue::Text);
        assert_eq!(wire_value("0x1p3"), WireValue::Float(8.0));
        assert_eq!(wire_value("0x10"), WireValue::Text);
        assert_eq!(wire_value("1_000"), WireValue::Float(1000.0));
        assert_eq!(wire_value("_1"), WireValue::Text);
        assert_eq!(wire_value(" 5"), WireValue::Text);
        assert_eq!(wire_value(""), WireValue::Text);
        assert_eq!(
            wire_value("9223372036854775808"),
            WireValue::Float(9223372036854775808.0)
        );
        assert!(matches!(wire_value("-Infinity"), WireValue::Float(f) if f == f64::NEG_INFINITY));
        assert!(matches!(wire_value("nAn"), WireValue::Float(f) if f.is_nan()));
        assert!(matches!(wire_value("+inf"), WireValue::Float(f) if f == f64::INFINITY));
    }

    /// `parseStringToAppropriateType` on a table from Go's own `strconv/atof_test.go` (`atoftests`:
    /// plain, hexadecimal, zeros, specials, range, parse errors, underscores) and the `Atoi` cases
    /// it tries first: `Int` for what `Atoi` accepts, `Float` for what `ParseFloat` accepts
    /// without error (an `ErrRange` is text too), `Text` for the rest.
    #[test]
    fn wire_values_follow_go_strconv_table() {
        #[derive(Debug)]
        enum W {
            Text,
            Int(i64),
            F(f64),
            Nan,
        }
        use W::*;
        let long = |head: &str, tail: &str| format!("{head}{}1{tail}", "0".repeat(10000));
        let long_decimal = long(
            "1.00000000000000011102230246251565404236316680908203125",
            "",
        );
        let long_hex = long("0x1.00000000000008", "p0");
        let table: Vec<(&str, W)> = vec![
            // Atoi first: decimal digits with an optional sign, 64-bit range, no `_`, no prefix.
            ("0", Int(0)),
            ("-0", Int(0)),
            ("+1", Int(1)),
            ("007", Int(7)),
            ("9223372036854775807", Int(i64::MAX)),
            ("-9223372036854775808", Int(i64::MIN)),
            ("9223372036854775808", F(9223372036854775808.0)),
            ("1_000", F(1000.0)),
            ("0b101", Text),
            ("0o17", Text),
            ("0x1F", Text),
            ("+", Text),
            ("-", Text),
            ("+-1", Text),
            (" 5", Text),
            ("5 ", Text),
            // atoftests
            ("", Text),
            ("1x", Text),
            ("1.1.", Text),
            ("1e23", F(1e23)),
            ("1E23", F(1e23)),
            ("100000000000000000000000", F(1e23)),
            ("1e-100", F(1e-100)),
            ("-0.1", F(-0.1)),
            ("1e-20", F(1e-20)),
            ("625e-3", F(0.625)),
            ("1.", F(1.0)),
            (".5", F(0.5)),
            ("+.5", F(0.5)),
            ("0x1p0", F(1.0)),
            ("0x1p-1", F(0.5)),
            ("0x1ep-1", F(15.0)),
            ("-0x1ep-1", F(-15.0)),
            ("-0x1_ep-1", F(-15.0)),
            ("0x1p-200", F(6.223015277861142e-61)),
            ("0x1p200", F(1.6069380442589903e60)),
            ("0x1fFe2.p0", F(131042.0)),
            ("0x1fFe2.P0", F(131042.0)),
            ("-0x2p3", F(-16.0)),
            ("0x0.fp4", F(15.0)),
            ("0x0.fp0", F(0.9375)),
            ("0x1e2", Text),
            ("1p2", Text),
            ("0e0", F(0.0)),
            ("-0e0", F(-0.0)),
            ("+0e-0", F(0.0)),
            ("0e+01234567890123456789", F(0.0)),
            ("-0.00e-01234567890123456789", F(-0.0)),
            ("0x0p+01234567890123456789", F(0.0)),
            ("-0x0.00p-01234567890123456789", F(-0.0)),
            ("0e348", F(0.0)),
            ("0x0p1026", F(0.0)),
            ("nan", Nan),
            ("NaN", Nan),
            ("NAN", Nan),
            ("inf", F(f64::INFINITY)),
            ("-Inf", F(f64::NEG_INFINITY)),
            ("+INF", F(f64::INFINITY)),
            ("-Infinity", F(f64::NEG_INFINITY)),
            ("+INFINITY", F(f64::INFINITY)),
            ("Infinity", F(f64::INFINITY)),
            // `special()` takes a sign before `inf` only: a signed NaN is text.
            ("-NaN", Text),
            ("+NaN", Text),
            ("+nan", Text),
            ("-nan", Text),
            ("infinit", Text),
            ("infx", Text),
            ("infinityy", Text),
            ("nanx", Text),
            ("in_f", Text),
            ("1.7976931348623157e308", F(f64::MAX)),
            ("-1.7976931348623157e308", F(f64::MIN)),
            ("0x1.fffffffffffffp1023", F(f64::MAX)),
            ("0x1fffffffffffffp+971", F(f64::MAX)),
            ("0x.1fffffffffffffp1027", F(f64::MAX)),
            ("1.7976931348623158e308", F(f64::MAX)),
            // ErrRange: not sent as a number.
            ("1.7976931348623159e308", Text),
            ("-1.7976931348623159e308", Text),
            ("0x1p1024", Text),
            ("0x2p1023", Text),
            ("1e309", Text),
            ("1e400000", Text),
            ("-1e400000", Text),
            ("0x1p2000000000", Text),
            ("1e+4294967296", Text),
            ("0x1p+18446744073709551616", Text),
            ("1e-305", F(1e-305)),
            ("5e-324", F(5e-324)),
            ("4e-324", F(5e-324)),
            ("2e-324", F(0.0)),
            ("1e-400000", F(0.0)),
            ("1e-4294967296", F(0.0)),
            ("1e-18446744073709551616", F(0.0)),
            ("0x1p-4294967296", F(0.0)),
            ("0x1p-18446744073709551616", F(0.0)),
            ("0x1.00000000000000p-1022", F(2.2250738585072014e-308)),
            ("0x0.00000000000010p-1022", F(5e-324)),
            ("1e", Text),
            ("1e-", Text),
            (".e-1", Text),
            ("1\x00.2", Text),
            ("0x", Text),
            ("0x.", Text),
            ("0x1", Text),
            ("0x.1", Text),
            ("0x1p", Text),
            ("0x.1p", Text),
            ("0x1p+", Text),
            ("0x1p-", Text),
            ("0x1p+2", F(4.0)),
            ("0x.1p+2", F(0.25)),
            ("0x1p-2", F(0.25)),
            ("0x.1p-2", F(0.015625)),
            ("2.2250738585072012e-308", F(2.2250738585072014e-308)),
            ("4.630813248087435e+307", F(4.630813248087435e307)),
            ("22.222222222222222", F(22.22222222222222)),
            ("0x1.1111111111111p222", F(7.18931911124017e66)),
            (
                "1.00000000000000011102230246251565404236316680908203125",
                F(1.0),
            ),
            ("0x1.00000000000008p0", F(1.0)),
            ("0x1.000000000000081p0", F(1.0000000000000002)),
            (&long_decimal, F(1.0000000000000002)),
            (&long_hex, F(1.0000000000000002)),
            (
                "1.00000000000000033306690738754696212708950042724609375",
                F(1.0000000000000004),
            ),
            ("0x1.00000000000018p0", F(1.0000000000000004)),
            // Underscores: only between digits, or after a base prefix.
            ("1_23.50_0_0e+1_2", F(1.235e14)),
            ("-_123.5e+12", Text),
            ("+_123.5e+12", Text),
            ("_123.5e+12", Text),
            ("1__23.5e+12", Text),
            ("123_.5e+12", Text),
            ("123._5e+12", Text),
            ("123.5_e+12", Text),
            ("123.5__0e+12", Text),
            ("123.5e_+12", Text),
            ("123.5e+_12", Text),
            ("123.5e_-12", Text),
            ("123.5e-_12", Text),
            ("123.5e+1__2", Text),
            ("123.5e+12_", Text),
            ("0x_1_2.3_4_5p+1_2", F(74565.0)),
            ("-_0x12.345p+12", Text),
            ("+_0x12.345p+12", Text),
            ("_0x12.345p+12", Text),
            ("0x__12.345p+12", Text),
            ("0x1__2.345p+12", Text),
            ("0x12_.345p+12", Text),
            ("0x12._345p+12", Text),
            ("0x12.3__45p+12", Text),
            ("0x12.345_p+12", Text),
            ("0x12.345p_+12", Text),
            ("0x12.345p+_12", Text),
            ("0x12.345p_-12", Text),
            ("0x12.345p-_12", Text),
            ("0x12.345p+1__2", Text),
            ("0x12.345p+12_", Text),
        ];
        let mut wrong = Vec::new();
        for (input, want) in &table {
            let got = wire_value(input);
            let ok = match (want, &got) {
                (Text, WireValue::Text) => true,
                (Int(a), WireValue::Int(b)) => a == b,
                (Nan, WireValue::Float(f)) => f.is_nan(),
                (F(a), WireValue::Float(b)) => a.to_bits() == b.to_bits(),
                _ => false,
            };
            if !ok {
                wrong.push(format!(
                    "{:?}: want {want:?}, got {got:?}",
                    crate::text::clip(input)
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn go_float_text_matches_encoding_json() {
        assert_eq!(go_float_text(1000.0), "1000");
        assert_eq!(go_float_text(1.5), "1.5");
        assert_eq!(go_float_text(1e21), "1e+21");
        assert_eq!(go_float_text(1e-7), "1e-7");
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid("d589fe10-b66e-4cb2-885a-0440393886f4"));
        assert!(!is_uuid("d589fe10b66e4cb2885a0440393886f4"));
        assert!(!is_uuid("jira"));
    }
}
