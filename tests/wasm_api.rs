//! The WebAssembly binding layer (src/wasm.rs), from inside the instance, with wasm-bindgen-test:
//! under Node by default, in headless Chromium with `WASM_BINDGEN_USE_BROWSER=1` (and
//! `CHROMEDRIVER`, flags from webdriver.json). scripts/test-js.sh runs both.
#![cfg(target_arch = "wasm32")]

use credlint::wasm;
use js_sys::{Array, JSON, JsString, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const KIND: &str = "paragon.integration-credentials";
const GOOD: &str = r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
  "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
  "oauth": {"client_id": "id", "client_secret": "s", "scopes": ["read"]}}"#;
const CONTEXT: &str = r#"{"context": {"operation": "create", "integration": {"type": "jira"}}}"#;

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("readable")
}

fn kind() -> JsValue {
    JsValue::from_str(KIND)
}

/// The error's message, after checking it is a JS `Error`.
fn message(result: Result<JsValue, JsValue>) -> String {
    let e = result.expect_err("the call should fail");
    let e: &js_sys::Error = e.dyn_ref().expect("a JS Error");
    String::from(e.message())
}

fn diagnostics(report: &JsValue) -> Vec<(String, String)> {
    let list: Array = get(report, "diagnostics").dyn_into().expect("an array");
    list.iter()
        .map(|d| {
            (
                get(&d, "rule").as_string().unwrap_or_default(),
                get(&d, "path").as_string().unwrap_or_default(),
            )
        })
        .collect()
}

/// A good call after a bad one gives the right answer: the instance is intact.
fn still_works() {
    let report = wasm::validate(kind(), js(GOOD), js(CONTEXT)).expect("a good call works");
    assert_eq!(get(&report, "ok"), JsValue::TRUE);
    assert!(diagnostics(&report).is_empty());
}

#[wasm_bindgen_test]
fn reports_are_plain_objects() {
    let report = wasm::validate(kind(), js(GOOD), JsValue::UNDEFINED).expect("runs");
    let proto = Object::get_prototype_of(&report);
    assert_eq!(
        JsValue::from(proto),
        JsValue::from(Object::get_prototype_of(&Object::new()))
    );
    assert!(Array::is_array(&get(&report, "diagnostics")));
    assert!(Array::is_array(&get(&report, "skipped")));
    assert!(get(&report, "summary").is_object());
    assert!(!get(&report, "summary").is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
fn text_gives_positions() {
    let text = r#"{"kind": "paragon.integration-credentials", "document": {"integration_id": 5}}"#;
    let report =
        wasm::validate(JsValue::NULL, JsValue::from_str(text), JsValue::UNDEFINED).expect("runs");
    let list: Array = get(&report, "diagnostics").dyn_into().unwrap();
    let first = list
        .iter()
        .find(|d| get(d, "path").as_string().as_deref() == Some("/integration_id"))
        .expect("found");
    assert_eq!(get(&first, "line").as_f64(), Some(1.0));
    assert!(get(&first, "column").as_f64().is_some());
}

#[wasm_bindgen_test]
fn wrong_types_are_type_errors() {
    let e =
        wasm::validate(JsValue::from_f64(1.0), js(GOOD), JsValue::UNDEFINED).expect_err("fails");
    assert!(e.is_instance_of::<js_sys::TypeError>());
    assert!(
        message(wasm::validate(
            JsValue::UNDEFINED,
            js(GOOD),
            JsValue::UNDEFINED
        ))
        .contains("the kind must be a string")
    );
    assert!(
        message(wasm::validate(
            kind(),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED
        ))
        .contains("undefined")
    );
    assert!(
        message(wasm::validate(kind(), js(GOOD), JsValue::from_f64(3.0)))
            .contains("options must be an object")
    );
    assert!(
        message(wasm::validate(
            JsValue::from_str("nope"),
            js(GOOD),
            JsValue::UNDEFINED
        ))
        .contains("unknown kind `nope`")
    );
    still_works();
}

#[wasm_bindgen_test]
fn non_finite_numbers_are_reported_as_such() {
    let doc = js(GOOD);
    let extra = Object::new();
    Reflect::set(&extra, &"limit".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    Reflect::set(&extra, &"max".into(), &JsValue::from_f64(f64::INFINITY)).unwrap();
    Reflect::set(&doc, &"extra_configuration".into(), &extra).unwrap();
    let report = wasm::validate(kind(), doc, JsValue::UNDEFINED).expect("runs");
    let found = diagnostics(&report);
    assert!(
        found.contains(&(
            "paragon/extra-value-non-finite".into(),
            "/extra_configuration/limit".into()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "paragon/extra-value-non-finite".into(),
            "/extra_configuration/max".into()
        )),
        "{found:?}"
    );
    still_works();
}

#[wasm_bindgen_test]
fn cycles_and_depth_are_errors() {
    let doc = js(GOOD);
    Reflect::set(&doc, &"extra_configuration".into(), &doc).unwrap();
    assert!(message(wasm::validate(kind(), doc, JsValue::UNDEFINED)).contains("cyclic"));
    still_works();

    let mut deep = Object::new();
    for _ in 0..1000 {
        let outer = Object::new();
        Reflect::set(&outer, &"d".into(), &deep).unwrap();
        deep = outer;
    }
    assert!(
        message(wasm::validate(kind(), deep.into(), JsValue::UNDEFINED))
            .contains("nested deeper than 128")
    );
    still_works();
}

#[wasm_bindgen_test]
fn lone_surrogates_are_errors_and_real_replacement_characters_are_not() {
    let lone = JsString::from_char_code(&[0x61, 0xD800]);
    let doc = js(GOOD);
    Reflect::set(&get(&doc, "oauth"), &"client_id".into(), &lone).unwrap();
    assert!(message(wasm::validate(kind(), doc, JsValue::UNDEFINED)).contains("lone surrogate"));
    still_works();

    let text = JsString::from_char_code(&[0x22, 0xDC00, 0x22]);
    assert!(
        message(wasm::validate(kind(), text.into(), JsValue::UNDEFINED))
            .contains("line 1, column 2")
    );
    still_works();

    let doc = js(GOOD);
    Reflect::set(
        &get(&doc, "oauth"),
        &"client_id".into(),
        &JsString::from_char_code(&[0xFFFD]),
    )
    .unwrap();
    let report = wasm::validate(kind(), doc, js(CONTEXT)).expect("a real U+FFFD is fine");
    assert_eq!(get(&report, "ok"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn proto_keys_are_plain_keys() {
    let doc = js(
        r#"{"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
      "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
      "oauth": {"client_id": "id", "client_secret": "s"},
      "extra_configuration": {"__proto__": "p"}}"#,
    );
    let context = js(r#"{"integration": {"type": "custom", "authentication_type": "oauth"}}"#);
    let wire = wasm::to_wire(kind(), doc, context).expect("a wire body");
    let values = get(&wire, "values");
    assert!(
        Object::has_own(values.unchecked_ref::<Object>(), &"__proto__".into()),
        "an own __proto__ property"
    );
    assert_eq!(get(&values, "__proto__").as_string().as_deref(), Some("p"));
    assert!(get(&Object::new(), "p").is_undefined());
}

#[wasm_bindgen_test]
fn validate_field_shows_only_that_field() {
    let found = wasm::validate_field(
        kind(),
        JsValue::from_str("/extra_configuration/clientId"),
        JsValue::from_str("abc"),
        js(GOOD),
        js(CONTEXT),
    )
    .expect("runs");
    let list: Array = found.dyn_into().unwrap();
    assert_eq!(list.length(), 1);
    assert_eq!(
        get(&list.get(0), "rule").as_string().as_deref(),
        Some("paragon/reserved-extra-key")
    );
    // The field's declared label (the JavaScript API's addition to a diagnostic).
    assert_eq!(
        get(&list.get(0), "label").as_string().as_deref(),
        Some("Extra configuration")
    );
    assert!(
        message(wasm::validate_field(
            kind(),
            JsValue::from_str("no-slash"),
            JsValue::NULL,
            js(GOOD),
            JsValue::UNDEFINED
        ))
        .contains("JSON Pointer")
    );
    still_works();
}

#[wasm_bindgen_test]
fn listings_come_from_the_registries() {
    let kinds: Array = wasm::list_kinds().unwrap().dyn_into().unwrap();
    assert!(kinds.iter().any(|k| k.as_string().as_deref() == Some(KIND)));
    // The library builds' `exportSchema` names the kind; the glue returns its schema from the
    // package's schemas.js (js-tests/api.test.mjs holds those to `credlint schema KIND`).
    assert_eq!(wasm::schema_kind(kind()).unwrap(), KIND);
    let unknown = message(wasm::schema_kind(JsValue::from_str("paragon.nope")).map(JsValue::from));
    assert!(unknown.contains("unknown kind `paragon.nope`"), "{unknown}");
    let number = message(wasm::schema_kind(JsValue::from_f64(1.0)).map(JsValue::from));
    assert!(number.contains("the kind must be a string"), "{number}");
}

#[wasm_bindgen_test]
fn fix_applies_safe_fixes_and_unsafe_ones_on_request() {
    let text = r#"{"kind": "paragon.integration-credentials", "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {"client_secret": "s", "scopes": ["read", "read"]}, "extra_configuration": {"clientId": "id"}}}"#;
    let safe = wasm::fix(JsValue::NULL, JsValue::from_str(text), JsValue::UNDEFINED).expect("runs");
    assert_eq!(get(&safe, "applied").as_f64(), Some(1.0));
    assert_eq!(
        get(&safe, "text").as_string().expect("text"),
        text.replace(r#"["read", "read"]"#, r#"["read"]"#)
    );
    let all = wasm::fix(
        JsValue::NULL,
        JsValue::from_str(text),
        js(r#"{"unsafe": true}"#),
    )
    .expect("runs");
    assert_eq!(get(&all, "applied").as_f64(), Some(2.0));
    assert_eq!(get(&get(&all, "remaining"), "ok").as_bool(), Some(true));
    let bad = wasm::fix(
        JsValue::NULL,
        JsValue::from_str(text),
        js(r#"{"unsafe": 1}"#),
    );
    assert!(message(bad).contains("options.unsafe must be a boolean"));
}

/// In WebAssembly, numbers are read by JavaScript's `parseFloat` (the browser build carries no
/// float parser of its own): it must give Rust's correctly rounded result, bit for bit, on the
/// hard cases (halfway points, subnormals, the edges of the range, long mantissas) and on
/// random decimals.
#[wasm_bindgen_test]
fn numbers_are_read_as_rusts_parser_reads_them() {
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "0.1",
        "1e23",
        "9007199254740993",
        "9007199254740992.5",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1e-400",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e400",
        "-1e400",
        "123456789012345678901234567890e-30",
        "0.30000000000000004",
        ".5",
        "5.",
        "+1.5E+3",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Halfway between two doubles, written out in full, and a hair either side.
    let halfway = format!(
        "1.00000000000000011102230246251565404236316680908203125{}",
        ""
    );
    texts.push(halfway.clone());
    texts.push(format!("{halfway}1"));
    texts.push(format!("{}e-1", "9".repeat(800)));
    let mut seed: u64 = 0x1234_5678_9abc_def1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let digits: String = (0..1 + next() % 25)
            .map(|_| char::from(b'0' + (next() % 10) as u8))
            .collect();
        let dot = (next() % (digits.len() as u64 + 1)) as usize;
        let exp = (next() % 700) as i64 - 350;
        texts.push(format!("{}.{}e{exp}", &digits[..dot], &digits[dot..]));
    }
    for text in &texts {
        let want = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(
            credlint::json::parse_f64(text).map(f64::to_bits),
            want,
            "{text}"
        );
    }
    for text in ["inf", "NaN", "1-2", "1e", "", " 1", "0x10", "1_0"] {
        assert_eq!(credlint::json::parse_f64(text), None, "{text}");
    }
}
