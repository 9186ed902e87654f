//! Property: no secret value ever appears in any output.
//!
//! For every kind (found through `kinds::all()`, so kinds added later are covered without a
//! change here), documents are generated from the kind's declared fields with random structure
//! (fields present or missing, wrong types, random junk members, nested junk) and a secret marker
//! in every sensitive position: every field declared `sensitive: true` (and everything below it),
//! every member named `client_secret`, `password`, `access_token`, `refresh_token` or
//! `clientSecret` wherever it appears, and every value of a free-key map (`extra_configuration`).
//! Each document goes through every entry point (`check_value`, `check_value_non_finite`,
//! JSON text as an envelope, a batch, a bare document with a kind and with a duplicate key,
//! `.tf` text and plan JSON for kinds that are Terraform resources, `validate_field` at every
//! sensitive position, `to_wire`, what remains after every fix) and every renderer (human, json,
//! sarif, github); no output and no error message may contain the marker. Hand-written cases
//! (the hardest shapes found so far, and the Terraform fixtures) go through the same checks.
//! `credlint explain` prints static text only.
//!
//! The numeric marker catches derived leaks too: `"004242424242"` is sent as the integer
//! `4242424242`, so a message saying what will be sent would show `4242424242`.

use credlint::engine::{self, Options};
use credlint::json::pointer;
use credlint::kinds::{self, Kind};
use credlint::policy::Policy;
use credlint::structure::{Field, Format, Ty};
use credlint::{Findings, Report, render};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};

/// The secret marker. Never produced by the non-secret generators below (they use other letters).
const MARK: &str = "QZSECRETQZ";
/// A secret that the wire form turns into a number: `NUM_CORE` must not appear either.
const NUM_MARK: &str = "004242424242";
const NUM_CORE: &str = "4242424242";
/// Member names that hold secrets wherever they appear.
const SECRET_NAMES: &[&str] = &[
    "client_secret",
    "password",
    "access_token",
    "refresh_token",
    "clientSecret",
];
/// Cases per kind (`PROPTEST_CASES` overrides). Each case runs a dozen checks, renders each
/// result four ways and calls `validate_field` at every secret: about 15 s in a debug build.
const CASES: u32 = 64;

fn leaks(text: &str) -> bool {
    text.contains(MARK) || text.contains(NUM_CORE)
}

// ---------------------------------------------------------------------------------------------
// Generators

/// A secret string: the marker alone, inside URLs, with whitespace (scope-token rules), with
/// leading zeros or signs (wire coercion), as a would-be colour, UUID or date, or padded.
fn secret_string() -> BoxedStrategy<String> {
    prop_oneof![
        Just(MARK.to_owned()),
        Just(NUM_MARK.to_owned()),
        Just(format!("+{NUM_CORE}")),
        Just(format!("{NUM_CORE}.50")),
        Just(format!("{NUM_CORE}e0")),
        Just(format!("{MARK} {MARK}")),
        Just(format!("\"{MARK}\\")),
        Just(format!("00{MARK}")),
        Just(format!("NaN{MARK}")),
        Just(format!("#{MARK}")),
        Just(format!("{MARK}\n\t\r")),
        Just(format!("https://{MARK}.example.com/{{{{{MARK}}}}}")),
        Just(format!("http://user:{MARK}@10.0.0.1/#{MARK}")),
        Just(format!("custom.{MARK}")),
        Just(format!("2024-01-31T12:00:00Z{MARK}")),
        Just(format!("${{var.{MARK}}}")),
        ("[a-z ]{0,4}", "[a-z ]{0,4}").prop_map(|(a, b)| format!("{a}{MARK}{b}")),
    ]
    .boxed()
}

/// A secret in any JSON shape (for wrong-type diagnostics).
fn secret_value() -> BoxedStrategy<Value> {
    prop_oneof![
        8 => secret_string().prop_map(Value::String),
        1 => secret_string().prop_map(|s| json!([s])),
        1 => secret_string().prop_map(|s| json!({"v": s, "client_secret": s})),
        1 => secret_string().prop_map(|s| json!([[{"k": [s]}]])),
    ]
    .boxed()
}

/// A non-secret string: never contains the marker (no `Q`, no `Z`, short digit runs).
fn plain_string() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-p ]{0,12}",
        "[a-p_.:/-]{1,20}",
        Just(String::new()),
        Just("https://api.example.com/v1".to_owned()),
        Just("http://localhost:8080/cb".to_owned()),
        Just("http://127.0.0.1/cb".to_owned()),
        Just("https://*.example.com/cb#frag".to_owned()),
        Just("https://{{subdomain}}.example.com/oauth".to_owned()),
        Just("custom.acme".to_owned()),
        Just("d589fe10-b66e-4cb2-885a-0440393886f4".to_owned()),
        Just("#ff8800".to_owned()),
        Just("2024-01-31T12:00:00Z".to_owned()),
        Just("007".to_owned()),
        Just("NaN".to_owned()),
        Just("-Infinity".to_owned()),
        Just("1e3".to_owned()),
        Just("true".to_owned()),
        Just("a b".to_owned()),
        Just("__proto__".to_owned()),
        Just("<svg/>".to_owned()),
        Just("data:image/svg+xml;base64,PHN2Zy8+".to_owned()),
    ]
    .boxed()
}

/// Junk of any JSON type, with secret-named members (holding the marker) mixed in.
fn junk(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(|n| json!(n)),
        prop_oneof![Just(-1.5f64), Just(0.25), Just(1e300), Just(-0.0)].prop_map(|f| json!(f)),
        plain_string().prop_map(Value::String),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        4 => leaf,
        1 => proptest::collection::vec(junk(depth - 1), 0..3).prop_map(Value::Array),
        1 => (proptest::collection::vec(("[a-p_]{1,8}", junk(depth - 1)), 0..3), proptest::option::of((proptest::sample::select(SECRET_NAMES), secret_value())))
            .prop_map(|(members, secret)| {
                let mut map: Map<String, Value> = members.into_iter().collect();
                if let Some((k, v)) = secret {
                    map.insert(k.to_owned(), v);
                }
                Value::Object(map)
            }),
    ]
    .boxed()
}

/// A value for a declared type. `secret`: the position is sensitive, so every string below it
/// holds the marker.
fn value_for(ty: &'static Ty, secret: bool, depth: u32) -> BoxedStrategy<Value> {
    let typed: BoxedStrategy<Value> = match ty {
        Ty::String(spec) if secret => {
            let _ = spec;
            secret_string().prop_map(Value::String).boxed()
        }
        Ty::String(spec) => {
            let mut options: Vec<BoxedStrategy<Value>> =
                vec![plain_string().prop_map(Value::String).boxed()];
            if let Some((values, _)) = spec.one_of {
                let values: Vec<&'static str> = values.to_vec();
                options.push(
                    proptest::sample::select(values)
                        .prop_map(|s| json!(s))
                        .boxed(),
                );
                options.push(
                    proptest::sample::select(vec!["", "nope", "CODE ", "oauth2"])
                        .prop_map(|s| json!(s))
                        .boxed(),
                );
            }
            if let Some(f) = spec.format {
                let sample = match f {
                    Format::Colour => vec!["#fff", "#ff8800", "#ggg", "fff"],
                    Format::Uuid => vec![
                        "d589fe10-b66e-4cb2-885a-0440393886f4",
                        "d589fe10b66e4cb2885a0440393886f4",
                    ],
                    Format::DateTime => vec![
                        "2024-01-31T12:00:00Z",
                        "2024-01-31T12:00:00.5+01:00",
                        "2024-01-31",
                        "2024-13-99T99:99:99Z",
                    ],
                };
                options.push(
                    proptest::sample::select(sample)
                        .prop_map(|s| json!(s))
                        .boxed(),
                );
            }
            proptest::strategy::Union::new(options).boxed()
        }
        Ty::Integer { min, max, .. } => {
            let (lo, hi) = (min.unwrap_or(-10), max.unwrap_or(100_000));
            prop_oneof![
                Just(json!(lo)),
                Just(json!(hi)),
                Just(json!(lo.saturating_sub(1))),
                Just(json!(hi.saturating_add(1))),
                (-5i64..5).prop_map(|n| json!(n)),
                Just(json!(1.5)),
                Just(json!(u64::MAX)),
            ]
            .boxed()
        }
        Ty::Number { .. } => prop_oneof![
            (-100i64..100).prop_map(|n| json!(n)),
            Just(json!(0.5)),
            Just(json!(-1e300))
        ]
        .boxed(),
        Ty::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Ty::Array { items, .. } => {
            proptest::collection::vec(value_for(items, secret, depth.saturating_sub(1)), 0..4)
                .prop_map(Value::Array)
                .boxed()
        }
        Ty::Object(fields) | Ty::OpenObject(fields) => object_for(fields, secret, depth),
        Ty::Map(spec) => {
            // Keys are named in diagnostics (reserved keys, lookalikes); values are secrets.
            let mut keys: Vec<&'static str> = spec.reserved.iter().map(|(k, _)| *k).collect();
            keys.extend([
                "client_id",
                "ClientSecret",
                "SCOPES",
                "timeout",
                "retry_count",
                "a/b~c",
                "",
                "__proto__",
                "constructor",
            ]);
            let key = prop_oneof![
                proptest::sample::select(keys).prop_map(str::to_owned),
                "[a-p_]{1,8}"
            ];
            let val = prop_oneof![
                6 => secret_string().prop_map(Value::String),
                1 => secret_value(),
                1 => Just(Value::Null),
                1 => Just(json!(true)),
                1 => Just(json!(7)),
            ];
            proptest::collection::vec((key, val), 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        Ty::Either(a, b) => {
            prop_oneof![value_for(a, secret, depth), value_for(b, secret, depth)].boxed()
        }
        Ty::Any if secret => secret_value(),
        Ty::Any => junk(2),
    };
    if secret {
        // Sometimes the wrong type, still holding the secret.
        prop_oneof![9 => typed, 1 => secret_value()].boxed()
    } else {
        prop_oneof![12 => typed, 1 => junk(1)].boxed()
    }
}

/// An object of declared fields (each present or not), plus junk members and secret-named ones.
fn object_for(fields: &'static [Field], secret: bool, depth: u32) -> BoxedStrategy<Value> {
    let members: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .iter()
        .map(|f| {
            let s = secret || f.sensitive() || SECRET_NAMES.contains(&f.name);
            let name = f.name.to_owned();
            let present = if f.required { 0.85 } else { 0.6 };
            proptest::option::weighted(present, value_for(&f.ty, s, depth.saturating_sub(1)))
                .prop_map(move |v| v.map(|v| (name.clone(), v)))
                .boxed()
        })
        .collect();
    let extra_junk =
        proptest::collection::vec(("[a-p_]{1,8}", junk(if depth > 0 { 1 } else { 0 })), 0..2);
    let extra_secret = proptest::collection::vec(
        (proptest::sample::select(SECRET_NAMES), secret_value()),
        0..2,
    );
    (members, extra_junk, extra_secret)
        .prop_map(move |(members, junk, secrets)| {
            let mut map = Map::new();
            for (k, v) in members.into_iter().flatten() {
                map.insert(k, v);
            }
            for (k, v) in junk {
                // Junk must not overwrite a secret position with a non-secret value named like one.
                if !secret && !map.contains_key(&k) {
                    map.insert(k, v);
                }
            }
            for (k, v) in secrets {
                map.insert(k.to_owned(), v);
            }
            Value::Object(map)
        })
        .boxed()
}

fn context_for(kind: &'static dyn Kind) -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(json!({}))),
        1 => Just(Some(json!({"operation": "update", "integration": {"type": "custom", "authentication_type": "oauth"}}))),
        1 => Just(Some(json!({"operation": "create", "integration": {"type": "custom.acme", "authentication_type": "basic"}}))),
        1 => Just(Some(json!({"operation": "create", "integration": {"type": "jira"}}))),
        1 => Just(Some(json!({"now": "2030-01-01T00:00:00Z"}))),
        3 => object_for(kind.context_fields(), false, 2).prop_map(Some),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Where the secrets are

/// Pointers of every string holding the marker (or the numeric marker) in `value`.
fn marked(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::String(s) if leaks(s) || s.contains(NUM_MARK) => out.push(path.to_owned()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| marked(v, &pointer::join(path, &i.to_string()), out)),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| marked(v, &pointer::join(path, k), out)),
        _ => {}
    }
}

/// Pointers of every declared sensitive position, present or not (for `validate_field`).
fn declared(fields: &'static [Field], path: &str, secret: bool, out: &mut Vec<String>) {
    for f in fields {
        let p = pointer::join(path, f.name);
        let s = secret || f.sensitive() || SECRET_NAMES.contains(&f.name);
        match &f.ty {
            Ty::Object(inner) | Ty::OpenObject(inner) => declared(inner, &p, s, out),
            Ty::Map(_) => out.push(pointer::join(&p, "some_key")),
            Ty::Array { .. } if s => out.push(pointer::join(&p, "0")),
            _ if s => out.push(p),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs as files

/// HCL text for a JSON value (strings escaped, interpolation markers doubled).
fn hcl(value: &Value, indent: usize) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => hcl_string(s),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|v| hcl(v, indent))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => {
            let pad = "  ".repeat(indent + 1);
            let mut out = String::from("{\n");
            for (k, v) in map {
                out.push_str(&format!(
                    "{pad}{} = {}\n",
                    hcl_string(k),
                    hcl(v, indent + 1)
                ));
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
            out
        }
    }
}

fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A `.tf` file with the document as a resource block, an output exposing it, and a variable
/// with a secret default.
fn tf_file(resource_type: &str, document: &Value) -> String {
    let mut out = format!("resource \"{resource_type}\" \"x\" {{\n");
    if let Value::Object(map) = document {
        for (k, v) in map {
            if is_identifier(k) {
                out.push_str(&format!("  {k} = {}\n", hcl(v, 1)));
            }
        }
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "output \"o\" {{\n  value = {resource_type}.x.client_secret\n}}\n\n"
    ));
    out.push_str(&format!(
        "variable \"client_secret\" {{\n  default = {}\n}}\n",
        hcl_string(MARK)
    ));
    out
}

fn plan_file(resource_type: &str, document: &Value, unknown: &Value) -> String {
    json!({
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "resource_changes": [{
            "address": format!("{resource_type}.x"),
            "type": resource_type,
            "change": {"actions": ["update"], "before": document, "after": document, "after_unknown": unknown},
        }],
    })
    .to_string()
}

// ---------------------------------------------------------------------------------------------
// Checks

struct Outputs {
    renders: std::cell::Cell<usize>,
}

impl Outputs {
    fn render(&self, what: &str, result: Findings) -> Result<(), TestCaseError> {
        let mut report = Report::new();
        report.extend(result);
        for (format, text) in [
            ("human", render::human(&report)),
            ("json", render::json(&report)),
            ("sarif", render::sarif(&report)),
            ("github", render::github(&report)),
        ] {
            self.renders.set(self.renders.get() + 1);
            prop_assert!(
                !leaks(&text),
                "{what}: a secret in the {format} output:\n{text}"
            );
        }
        // Fields no renderer shows today are part of the model too.
        prop_assert!(
            !leaks(&format!("{:?}", report.diagnostics)),
            "{what}: a secret in the diagnostics: {:?}",
            report.diagnostics
        );
        prop_assert!(
            !leaks(&format!("{:?}", report.skipped)),
            "{what}: a secret in the skipped list: {:?}",
            report.skipped
        );
        Ok(())
    }

    fn result(&self, what: &str, r: Result<Findings, engine::Error>) -> Result<(), TestCaseError> {
        match r {
            Ok(result) => self.render(what, result),
            Err(e) => {
                prop_assert!(!leaks(&e.to_string()), "{what}: a secret in the error: {e}");
                Ok(())
            }
        }
    }
}

fn check_case(
    kind: &'static dyn Kind,
    document: &Value,
    context: Option<&Value>,
    out: &Outputs,
) -> Result<(), TestCaseError> {
    let id = kind.id();
    let opts = Options::default();
    let with_kind = Options {
        kind: Some(kind),
        ..Default::default()
    };

    // As a value (the JavaScript and library path), also with non-finite numbers at the secrets.
    out.result(
        &format!("{id} check_value"),
        engine::check_value(kind, document, context, &opts),
    )?;
    let mut secrets = Vec::new();
    marked(document, "", &mut secrets);
    out.result(
        &format!("{id} check_value_non_finite"),
        engine::check_value_non_finite(kind, document, context, &secrets, &opts),
    )?;

    // As JSON text: an envelope, a batch, a bare document, one with a duplicate secret key, and
    // one cut off right after a secret.
    let envelope = match context {
        Some(c) => json!({"kind": id, "context": c, "document": document}),
        None => json!({"kind": id, "document": document}),
    };
    let text = serde_json::to_string_pretty(&envelope).unwrap_or_default();
    out.result(
        &format!("{id} envelope"),
        engine::check_file("e.json", text.as_bytes(), &opts),
    )?;
    let batch = format!("[{text},\r\n{text}, 3]");
    out.result(
        &format!("{id} batch"),
        engine::check_file("b.json", batch.as_bytes(), &opts),
    )?;
    let bare = document.to_string();
    out.result(
        &format!("{id} bare"),
        engine::check_file("d.json", bare.as_bytes(), &with_kind),
    )?;
    if let Some(rest) = bare.strip_prefix('{') {
        let sep = if rest.starts_with('}') { "" } else { "," };
        let dup = format!("{{\"client_secret\": \"{MARK}\", \"password\": {NUM_MARK:?}{sep}{rest}");
        out.result(
            &format!("{id} duplicate"),
            engine::check_file("d.json", dup.as_bytes(), &with_kind),
        )?;
        if let Some(at) = dup.rfind(MARK) {
            let cut = &dup[..at + MARK.len()];
            out.result(
                &format!("{id} truncated"),
                engine::check_file("d.json", cut.as_bytes(), &with_kind),
            )?;
        }
    }

    // After every fix (unsafe ones too): what remains, and the fixes still proposed. The fixed
    // text holds the secrets by design (a reserved key moved keeps its value); the report not.
    if let Ok(fixed) = engine::fix_text(&text, Some("e.json"), &opts, engine::FixMode::Unsafe) {
        out.render(&format!("{id} envelope, after every fix"), fixed.result)?;
    }

    // With the policy that applies `secrets/hardcoded-secret` to JSON too.
    let policy = Policy::from_text(r#"{"options": {"secrets/hardcoded-secret": {"json": true}}}"#)
        .expect("valid policy");
    let json_secrets = Options {
        policy,
        ..Default::default()
    };
    out.result(
        &format!("{id} envelope, secrets in JSON on"),
        engine::check_file("e.json", text.as_bytes(), &json_secrets),
    )?;

    // As Terraform, when the kind is a Terraform resource.
    for (resource_type, kind_id) in credlint::terraform::RESOURCE_TYPES {
        if *kind_id != id {
            continue;
        }
        let tf = tf_file(resource_type, document);
        out.result(
            &format!("{id} .tf"),
            engine::check_file("main.tf", tf.as_bytes(), &opts),
        )?;
        let unknown = json!({"id": true, "oauth": {"client_secret": true}});
        let plan = plan_file(resource_type, document, &unknown);
        out.result(
            &format!("{id} plan"),
            engine::check_file("plan.json", plan.as_bytes(), &opts),
        )?;
    }

    // validate_field at every secret present and every declared sensitive position. Its
    // diagnostics are the ones the renderers above showed; the whole model is checked here.
    let mut pointers = secrets;
    declared(kind.fields(), "", false, &mut pointers);
    for p in &pointers {
        for (value, non_finite) in [
            (json!(MARK), vec![]),
            (json!([NUM_MARK]), vec![]),
            (json!(null), vec![p.clone()]),
        ] {
            match engine::validate_field(
                kind,
                p,
                value,
                Some(document),
                context,
                &non_finite,
                &opts,
            ) {
                Ok(ds) => prop_assert!(
                    !leaks(&format!("{ds:?}")),
                    "{id} validate_field {p}: a secret in {ds:?}"
                ),
                Err(e) => prop_assert!(
                    !leaks(&e.to_string()),
                    "{id} validate_field {p}: a secret in the error: {e}"
                ),
            }
        }
    }

    // The wire body holds the secrets by design; its errors must not.
    if let Err(e) = engine::to_wire(kind, document, context, &opts) {
        prop_assert!(
            !leaks(&e.to_string()),
            "{id} to_wire: a secret in the error: {e}"
        );
    }
    Ok(())
}

#[test]
fn no_secret_in_any_output_for_any_kind() {
    let out = Outputs {
        renders: std::cell::Cell::new(0),
    };
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(CASES);
    let mut kinds_seen = 0;
    for &kind in kinds::all() {
        kinds_seen += 1;
        let renders_before = out.renders.get();
        let with_secret = std::cell::Cell::new(0u32);
        let config = Config {
            cases,
            failure_persistence: None,
            max_shrink_iters: 200,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let strategy = (object_for(kind.fields(), false, 4), context_for(kind));
        let result = runner.run(&strategy, |(document, context)| {
            if leaks(&document.to_string()) {
                with_secret.set(with_secret.get() + 1);
            }
            check_case(kind, &document, context.as_ref(), &out)
        });
        if let Err(e) = result {
            panic!("{}: {e}", kind.id());
        }
        // Not vacuous: every case of this kind was rendered four ways, and most generated
        // documents held a secret to leak.
        let rendered = out.renders.get() - renders_before;
        assert!(
            rendered >= 4 * cases as usize,
            "{}: {rendered} outputs rendered for {cases} cases",
            kind.id()
        );
        assert!(
            with_secret.get() * 2 >= cases,
            "{}: only {} of {cases} generated documents held a secret",
            kind.id(),
            with_secret.get()
        );
    }
    assert!(kinds_seen >= 6, "every kind is generated");
    println!(
        "no-secret property: {kinds_seen} kinds x {cases} cases, {} outputs rendered, none held a secret",
        out.renders.get()
    );
}

/// Hand-written documents, each shaped to reach rules the generators rarely combine (secrets in
/// URLs' user info, queries and fragments, reserved and lookalike keys, coercions, secrets of
/// the wrong type), through the same entry points and renderers as the generated ones.
fn hand_written_cases() -> Vec<(&'static str, Value, Option<Value>)> {
    let m = MARK;
    let creds = "paragon.integration-credentials";
    let contexts = [
        None,
        Some(
            json!({"operation": "create", "integration": {"type": "custom", "authentication_type": "basic"}}),
        ),
        Some(json!({"operation": "update", "integration": {"type": "jira"}})),
    ];
    let paragon = [
        json!({"integration_id": format!("{m}"), "project_id": format!("{m} x"), "oauth": {"client_id": format!("{m}"), "client_secret": format!("{m}"), "scopes": [format!("{m} {m}"), format!("{m}"), format!("{m}"), format!("\"{m}")]},
               "extra_configuration": {"clientId": format!("{m}"), "client_secret": format!("{m}"), "x": format!("00{m}"), "n": [format!("{m}")], "o": {"k": format!("{m}")}}}),
        json!({"integration_id": [m], "project_id": {"a": m}, "oauth": {"client_id": [m], "client_secret": {"v": m}, "scopes": m, "extra": m}, "extra_configuration": m, "unknown": m}),
        json!({"oauth": m}),
        json!({"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_id": m, "client_secret": m},
               "extra_configuration": {"a": format!("0{m}"), "b": "007", "c": "NaN", "d": "1e3", "e": m}}),
    ];
    let mut cases: Vec<_> = paragon
        .iter()
        .flat_map(|doc| {
            contexts
                .iter()
                .map(move |c| (creds, doc.clone(), c.clone()))
        })
        .collect();
    let now = Some(json!({"now": "2024-06-01T00:00:00Z"}));
    cases.extend([
        ("itential.token-config", json!({"flow": "password", "username": "u", "password": m, "client_id": m, "client_secret": m,
            "token_url": format!("https://{m}:{m}@idp/{m}?{m}"), "refresh_url": format!("{m} {m}"),
            "token": {"access_token": m, "refresh_token": m, "token_type": "MAC", "created_at": "2024-05-01T10:00:00Z", "expires_at": "2024-02-30T00:00:00Z"}}), now.clone()),
        ("itential.token-config", json!({"flow": "clientCredentials", "client_id": [m], "client_secret": {"v": m}, "password": 5,
            "token": {"access_token": [m], "refresh_token": m, "expires_at": "soon", "created_at": 5}}), None),
        ("itential.token-config", json!({"client_id": m, "client_secret": "", "token_url": format!("{m}"),
            "openapi": {"components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": format!("http://{m}:{m}@x?{m}")}}}}}},
            "token": {"access_token": m, "refresh_token": m}}), now),
        ("genesys.oauth-client", json!({"name": "n", "authorized_grant_type": "CODE", "client_secret": m, "client_id": m, "expose_client_secret": true,
            "registered_redirect_uris": [format!("{m}:{m}@host/{m}"), format!("https://{m}:{m}@h/?{m}#{m}"), format!(" https://h/{m}")], "roles": [{"role_id": "r"}]}), None),
        ("genesys.oauth-client", json!({"name": "n", "authorized_grant_type": "CLIENT-CREDENTIALS", "client_secret": [m], "client_id": {"a": m}}), None),
        ("oauth.client", json!({"token_endpoint_auth_method": "none", "client_secret": m, "client_id": m, "registration_access_token": m, "software_statement": m,
            "redirect_uris": [format!("http://{m}:{m}@example.com/cb?code={m}#{m}"), format!("https://*.{m}/cb"), format!("{m}://x"), format!("{m}"), format!("com.{m}:/cb?{m}")]}), None),
        ("oauth.client", json!({"token_endpoint_auth_method": "client_secret", "client_secret": [m], "client_id": 5}), None),
        ("oauth.client", json!({"token_endpoint_auth_method": "none", "client_secret": m, "grant_types": ["client_credentials"], "response_types": []}), None),
        ("oauth.client", json!({"redirect_uris": [format!("https://u:{m}@localhost/cb")], "grant_types": ["implicit"], "response_types": ["id_token"], "client_secrets": m}), None),
        ("oauth.client", json!({"redirect_uris": [format!("myapp:/{m}"), format!("javascript:{m}")], "registration_access_token": m}), None),
        ("oauth.client", json!({"redirect_uris": ["https://app.example.com/cb"], "jwks_uri": format!("http://x/{m}"), "sector_identifier_uri": format!("{m}")}), None),
    ]);
    cases
}

#[test]
fn no_secret_in_any_output_for_the_hand_written_cases() {
    let out = Outputs {
        renders: std::cell::Cell::new(0),
    };
    let cases = hand_written_cases();
    let mut rules = std::collections::BTreeSet::new();
    for (id, document, context) in &cases {
        let kind = kinds::find(id).expect("kind");
        if let Err(e) = check_case(kind, document, context.as_ref(), &out) {
            panic!("{id} {document}: {e}");
        }
        let r = engine::check_value(kind, document, context.as_ref(), &Options::default())
            .expect("runs");
        assert!(!r.diagnostics.is_empty(), "{id} {document}: no diagnostic");
        rules.extend(r.diagnostics.iter().map(|d| d.rule));
    }
    // Not vacuous: the cases reach many rules, each case was rendered many ways.
    assert!(
        rules.len() >= 25,
        "{} rules reached: {rules:?}",
        rules.len()
    );
    assert!(out.renders.get() >= 4 * 8 * cases.len());

    // The Terraform fixtures (literal secrets marked `S3CR3TMARK`, in `.tf` and in a plan).
    for file in [
        "tests/fixtures/terraform/main.tf",
        "tests/fixtures/terraform/plan.json",
    ] {
        let text = std::fs::read(file).expect("fixture");
        let result = engine::check_file(file, &text, &Options::default()).expect("runs");
        assert!(!result.diagnostics.is_empty(), "{file}");
        let mut report = Report::new();
        report.extend(result);
        for text in [
            render::human(&report),
            render::json(&report),
            render::sarif(&report),
            render::github(&report),
            format!("{:?}", report.diagnostics),
        ] {
            assert!(!text.contains("S3CR3TMARK"), "{file}:\n{text}");
        }
    }

    // Invalid JSON right inside a secret, and invalid UTF-8 next to one: one input failure,
    // located, that does not quote the text.
    let with_kind = Options {
        kind: kinds::find("paragon.integration-credentials"),
        ..Default::default()
    };
    let mut inputs: Vec<Vec<u8>> = [
        format!("{{\"oauth\": {{\"client_secret\": \"{MARK}"),
        format!("{{\"oauth\": {{\"client_secret\": \"{MARK}\\q\"}}}}"),
        format!("{{\"oauth\": {{\"client_secret\": \"{MARK}\u{1}\"}}}}"),
        format!("{{\"oauth\": {{\"client_secret\": {MARK}}}}}"),
        format!("{{\"oauth\": {{\"client_secret\": '{MARK}'}}}}"),
    ]
    .map(String::into_bytes)
    .into();
    let mut bad_utf8 = format!("{{\"oauth\": {{\"client_secret\": \"{MARK}").into_bytes();
    bad_utf8.extend_from_slice(b"\xff\"}}");
    inputs.push(bad_utf8);
    for bytes in &inputs {
        let result = engine::check_file("f.json", bytes, &with_kind).expect("runs");
        assert!(
            result
                .diagnostics
                .iter()
                .any(|d| d.rule == "structure/invalid-json"),
            "{}: {:?}",
            String::from_utf8_lossy(bytes),
            result.diagnostics
        );
        if let Err(e) = out.render("invalid JSON in a secret", result) {
            panic!("{e}");
        }
    }

    // `token_action`'s errors name fields, never tokens.
    use credlint::kinds::itential_token::token_action;
    let c = json!({"token": {"access_token": MARK, "refresh_token": MARK, "expires_at": "soon"}});
    let e = token_action(&c, "2024-05-01T00:00:00Z").expect_err("bad expires_at");
    assert!(e.contains("expires_at") && !leaks(&e), "{e}");
    let e = token_action(
        &json!({"token": {"access_token": [MARK]}}),
        "2024-05-01T00:00:00Z",
    )
    .expect_err("a list is no token");
    assert!(!leaks(&e), "{e}");
}

/// The generators do reach the rules: a sample of documents yields diagnostics of many rules,
/// so the property above is not vacuous.
#[test]
fn generated_documents_reach_many_rules() {
    let mut rules = std::collections::BTreeSet::new();
    let mut runner = TestRunner::deterministic();
    for &kind in kinds::all() {
        let strategy = (object_for(kind.fields(), false, 4), context_for(kind));
        let mut with_secrets = 0;
        for _ in 0..40 {
            let Ok(tree) = strategy.new_tree(&mut runner) else {
                continue;
            };
            let (document, context) = tree.current();
            if let Ok(r) =
                engine::check_value(kind, &document, context.as_ref(), &Options::default())
            {
                rules.extend(r.diagnostics.iter().map(|d| d.rule));
            }
            let mut secrets = Vec::new();
            marked(&document, "", &mut secrets);
            with_secrets += usize::from(!secrets.is_empty());
        }
        assert!(
            with_secrets >= 30,
            "{}: only {with_secrets} of 40 documents hold a secret",
            kind.id()
        );
    }
    println!(
        "rules reached by generated documents: {}: {rules:?}",
        rules.len()
    );
    assert!(
        rules.len() >= 25,
        "only {} rules reached: {rules:?}",
        rules.len()
    );
}

/// The detector itself: a marker in a message, a hint, a skipped reason or an error is caught.
#[test]
fn the_leak_detector_detects() {
    let out = Outputs {
        renders: std::cell::Cell::new(0),
    };
    let kind = kinds::all()[0];
    let clean = engine::check_value(kind, &json!({}), None, &Options::default()).expect("runs");
    assert!(out.render("clean", clean.clone()).is_ok());
    let mut leaky = clean.clone();
    leaky.diagnostics[0].message.push_str(MARK);
    assert!(out.render("message", leaky).is_err());
    let mut leaky = clean.clone();
    leaky.diagnostics[0].hint = Some(format!("sent as {NUM_CORE}"));
    assert!(out.render("hint", leaky).is_err());
    let mut leaky = clean;
    leaky.diagnostics[0].path = format!("/{MARK}");
    assert!(out.render("path", leaky).is_err());
    assert!(
        out.result("error", Err(engine::Error::InvalidInput(MARK.into())))
            .is_err()
    );
}

// ---------------------------------------------------------------------------------------------
// `credlint apply` (feature `apply`): its dry run and its real run, over an in-memory platform

/// `apply` with and without `--dry-run`, in both formats, over an in-memory transport that plays
/// the platform: valid documents (every secret a marker) whose current credential on the
/// platform holds other markers (so the dry run lists changed fields), a password and a token
/// that are markers, and a server that quotes the secrets back in its error messages; and the
/// generated documents of the property above (mostly invalid: validation output). No output of
/// any run may hold a marker.
#[cfg(feature = "apply")]
mod apply_runs {
    use super::*;
    use credlint::apply::ApplyArgs;
    use credlint::apply::base_url::BaseUrl;
    use credlint::apply::command::{ApplyFormat, Io, Login, run};
    use credlint::apply::secrets::Secret;
    use credlint::apply::transport::{Method, Request, Response, Transport, TransportError};

    const PROJECT: &str = "6c9880c7-66af-467a-b319-0ce70e886bac";
    const INTEGRATION: &str = "d589fe10-b66e-4cb2-885a-0440393886f4";
    const CREDENTIAL: &str = "b9447451-56e0-4f70-a6df-2be85597e859";

    /// The platform: answers as the recorded contract does; `fail_put` answers the PUT with a
    /// 400 whose message quotes the body's secrets, as a careless server might.
    struct Platform {
        custom: bool,
        exists: bool,
        fail_put: bool,
    }

    impl Transport for Platform {
        fn send(&self, request: &Request) -> Result<Response, TransportError> {
            let ok = |status: u16, body: Value| {
                Ok(Response {
                    status,
                    retry_after: None,
                    body: body.to_string().into_bytes(),
                })
            };
            let path = request
                .url
                .split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
                .unwrap_or("");
            match (request.method, path) {
                (Method::Post, "/auth/login/email") => {
                    ok(201, json!({"accessToken": format!("token-{MARK}")}))
                }
                (Method::Get, p) if p.ends_with(&format!("/integrations/{INTEGRATION}")) => ok(
                    200,
                    if self.custom {
                        json!({"id": INTEGRATION, "type": "custom", "customIntegration": {"authenticationType": "oauth"}})
                    } else {
                        json!({"id": INTEGRATION, "type": "jira"})
                    },
                ),
                (Method::Get, p) if p.ends_with("/decrypted") => {
                    if self.exists {
                        ok(
                            200,
                            json!({"id": CREDENTIAL, "values": {"clientId": format!("old-{MARK}"), "clientSecret": format!("old-{MARK}"), "scopes": "read", "region": NUM_MARK}, "provider": "jira", "integrationId": INTEGRATION, "scheme": "oauth_app"}),
                        )
                    } else {
                        ok(404, json!({"message": "not found"}))
                    }
                }
                (Method::Put, _) if self.fail_put => {
                    let body = request
                        .body
                        .as_deref()
                        .map(String::from_utf8_lossy)
                        .unwrap_or_default()
                        .into_owned();
                    ok(400, json!({"message": format!("rejected: {body}")}))
                }
                (Method::Put, _) => ok(200, json!({"id": CREDENTIAL, "status": "ACTIVE"})),
                _ => ok(404, json!({"message": "no such endpoint"})),
            }
        }
    }

    fn args(file: std::path::PathBuf, dry_run: bool, format: ApplyFormat) -> ApplyArgs {
        ApplyArgs {
            files: vec![file],
            dry_run,
            base_url: "http://127.0.0.1:9".into(),
            context: None,
            policy: None,
            format,
            timeout_ms: 1000,
            connect_timeout_ms: 1000,
            retries: 0,
        }
    }

    /// Every way of running `apply` on one envelope file; the exit codes seen.
    fn apply_everything(envelope: &Value, custom: bool) -> Result<Vec<u8>, TestCaseError> {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let file = dir.path().join("creds.json");
        std::fs::write(
            &file,
            serde_json::to_string_pretty(envelope).unwrap_or_default(),
        )
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut codes = Vec::new();
        for exists in [true, false] {
            for fail_put in [false, true] {
                for dry_run in [true, false] {
                    for format in [ApplyFormat::Human, ApplyFormat::Json] {
                        let (mut out, mut err) = (Vec::new(), Vec::new());
                        let base =
                            BaseUrl::parse("http://127.0.0.1:9").map_err(TestCaseError::fail)?;
                        let login = Login {
                            username: "ops@example.com".into(),
                            password: Secret::new(format!("pw-{MARK}")),
                        };
                        let code = run(
                            &args(file.clone(), dry_run, format),
                            base,
                            login,
                            &Platform {
                                custom,
                                exists,
                                fail_put,
                            },
                            Io {
                                out: &mut out,
                                err: &mut err,
                                sleep: &|_| {},
                            },
                        );
                        codes.push(code);
                        let text = format!(
                            "{}{}",
                            String::from_utf8_lossy(&out),
                            String::from_utf8_lossy(&err)
                        );
                        prop_assert!(
                            !leaks(&text),
                            "apply (dry run: {dry_run}, exists: {exists}, failing PUT: {fail_put}): a secret in the output:\n{text}"
                        );
                    }
                }
            }
        }
        Ok(codes)
    }

    /// A valid document whose every secret is a marker.
    fn valid_document() -> BoxedStrategy<(Value, bool)> {
        let extra_value = prop_oneof![
            secret_string().prop_map(Value::String),
            Just(json!(NUM_MARK)),
            Just(json!(true)),
            Just(json!(4242424242_u64)),
        ];
        (
            any::<bool>(),
            secret_string(),
            secret_string(),
            proptest::collection::btree_map("[a-z_]{1,8}", extra_value, 0..4),
            any::<bool>(),
        )
            .prop_map(|(custom, id, secret, extra, with_credential_id)| {
                let mut oauth = json!({"client_id": id, "client_secret": secret});
                if !custom {
                    oauth["scopes"] = json!(["read", "write"]);
                }
                let mut doc =
                    json!({"integration_id": INTEGRATION, "project_id": PROJECT, "oauth": oauth});
                if with_credential_id {
                    doc["id"] = json!(CREDENTIAL);
                }
                if !extra.is_empty() && !custom {
                    doc["extra_configuration"] = Value::Object(extra.into_iter().collect());
                }
                (doc, custom)
            })
            .boxed()
    }

    #[test]
    fn no_secret_in_any_apply_output() {
        let kind = kinds::find("paragon.integration-credentials").expect("kind");
        let mut runner = TestRunner::new(Config {
            cases: 24,
            failure_persistence: None,
            max_shrink_iters: 100,
            ..Config::default()
        });
        let mut exit_codes = std::collections::BTreeSet::new();
        let seen = std::cell::RefCell::new(&mut exit_codes);
        let result = runner.run(&valid_document(), |(doc, custom)| {
            let envelope = json!({"kind": kind.id(), "document": doc});
            let codes = apply_everything(&envelope, custom)?;
            seen.borrow_mut().extend(codes);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        let strategy = (object_for(kind.fields(), false, 4), context_for(kind));
        let result = runner.run(&strategy, |(doc, context)| {
            let mut envelope = json!({"kind": kind.id(), "document": doc});
            if let Some(c) = context {
                envelope["context"] = c;
            }
            let codes = apply_everything(&envelope, false)?;
            seen.borrow_mut().extend(codes);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // The runs reached every outcome: applied or planned (0), failed or invalid (1).
        assert!(
            exit_codes.contains(&0) && exit_codes.contains(&1),
            "exit codes seen: {exit_codes:?}"
        );
    }
}
