//! `json::parse_each` (a batch held one element at a time; plan JSON's resource changes one at a
//! time, its unread members checked for syntax only) against `json::parse` and against the whole
//! tree: the same errors at the same offsets, the same elements, and the same findings.
//! (`fuzz/fuzz_targets/json_parser.rs` tries the parser side on any text.)

use credlint::engine::{self, Options};
use credlint::json::{self, Take, TopLevel, Tree};
use serde_json::Value;

fn each_of(
    text: &str,
    take: fn(&str) -> Take,
) -> (Result<TopLevel, json::ParseError>, Vec<(usize, Tree)>) {
    let mut got = Vec::new();
    let top = json::parse_each(text, 64, &mut |k| take(k), &mut |i, p| {
        got.push((i, p.clone()))
    });
    (top, got)
}

#[test]
fn a_list_is_handed_over_element_by_element_with_its_duplicate_keys() {
    let text = r#"[{"a": 1, "a": 2}, [3], {"b": {"c": 1, "c": 1}}]"#;
    let whole = json::parse(text, 64).expect("JSON");
    let (top, got) = each_of(text, |_| Take::Build);
    assert!(matches!(top, Ok(TopLevel::List { elements: 3 })), "{top:?}");
    let values: Vec<Value> = got.iter().map(|(_, p)| p.spans.root().to_value()).collect();
    assert_eq!(Value::Array(values), whole.value);
    let indices: Vec<usize> = got.iter().map(|(i, _)| *i).collect();
    assert_eq!(indices, [0, 1, 2]);
    let pointers: Vec<&str> = got
        .iter()
        .flat_map(|(_, p)| p.duplicates.iter().map(|d| d.pointer.as_str()))
        .collect();
    assert_eq!(pointers, ["/0/a", "/2/b/c"]);
    assert_eq!(
        got[2].1.spans.get("/b/c").map(|s| s.offset()),
        whole.spans.get("/2/b/c").map(|s| s.offset())
    );
}

#[test]
fn errors_are_those_of_the_whole_parse_wherever_they_are() {
    for text in [
        "[{}, {}, {\"a\": 1,}]",
        "[1, 2",
        "[1] x",
        "{\"planned_values\": {\"a\": [1, 2,]}, \"resource_changes\": []}",
        "{\"resource_changes\": [{\"a\": tru}]}",
        "{\"planned_values\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        "\u{feff}[\"\\ud800\"]",
    ] {
        let whole = json::parse(text, 64).expect_err(text);
        for take in [
            (|_| Take::Build) as fn(&str) -> Take,
            |_| Take::Skip,
            |_| Take::Stream,
        ] {
            let (top, _) = each_of(text, take);
            assert_eq!(top.expect_err(text), whole, "{text}");
        }
    }
}

#[test]
fn skipped_members_are_left_out_and_streamed_lists_handed_over() {
    let text = r#"{"format_version": "1.2", "planned_values": {"x": [1, {"y": 2}]}, "resource_changes": [{"a": 1}, {"b": 2, "b": 3}], "other": [4]}"#;
    let (top, got) = each_of(text, |k| match k {
        "planned_values" => Take::Skip,
        "resource_changes" | "format_version" => Take::Stream,
        _ => Take::Build,
    });
    let Ok(TopLevel::Value {
        parsed,
        partial: true,
    }) = top
    else {
        panic!("{top:?}")
    };
    // A member to stream that is not a list is built.
    assert_eq!(
        parsed.spans.root().to_value(),
        serde_json::json!({"format_version": "1.2", "other": [4]})
    );
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[1].1.spans.root().to_value(),
        serde_json::json!({"b": 3})
    );
    assert_eq!(got[1].1.duplicates[0].pointer, "/resource_changes/1/b");
    let whole = json::parse(text, 64).expect("JSON");
    assert_eq!(
        got[1].1.spans.get("/b").map(|s| s.offset()),
        whole.spans.get("/resource_changes/1/b").map(|s| s.offset())
    );
}

/// The engine's findings on plan JSON streamed equal its findings on the same plan parsed whole
/// (which it does when the plan repeats `resource_changes`: the last list counts), and an
/// object that looked like a plan while it was read but is not one is checked whole.
#[test]
fn plans_streamed_and_whole_give_the_same_findings() {
    let change = |name: &str, secret: &str| {
        format!(
            r#"{{"address": "paragon_integration_credentials.{name}", "type": "paragon_integration_credentials", "change": {{"actions": ["create"], "after": {{"integration_id": "not-a-uuid", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac", "oauth": {{"client_id": "c", "client_secret": "{secret}", "scopes": []}}}}, "after_unknown": {{"id": true}}, "after_sensitive": {{"oauth": true}}}}}}"#
        )
    };
    let changes = format!("[{}, {}]", change("a", "s1"), change("b", "s2"));
    let streamed = format!(
        r#"{{"format_version": "1.2", "planned_values": {{"root_module": {{}}}}, "terraform_version": "1.9.5", "resource_changes": {changes}}}"#
    );
    // The same plan where the last `resource_changes` counts: parsed whole.
    let repeated = format!(
        r#"{{"format_version": "1.2", "planned_values": {{"root_module": {{}}}}, "terraform_version": "1.9.5", "resource_changes": [{}], "resource_changes": {changes}}}"#,
        change("z", "s0")
    );
    let opts = Options::default();
    let a = engine::check_text(&streamed, Some("plan.json"), &opts).expect("checked");
    let b = engine::check_text(&repeated, Some("plan.json"), &opts).expect("checked");
    assert_eq!(a.documents, 2);
    assert_eq!(b.documents, 2);
    let show = |r: &engine::Findings| {
        r.diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {} {:?}",
                    d.rule,
                    d.resource.as_deref().unwrap_or(""),
                    d.line
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(
        show(&a)
            .iter()
            .any(|d| d.starts_with("paragon/id-format paragon_integration_credentials.a")),
        "{:?}",
        show(&a)
    );
    assert_eq!(show(&a), show(&b));
    assert!(
        !show(&b).iter().any(|d| d.contains(".z ")),
        "{:?}",
        show(&b)
    );
    assert_eq!(a.skipped.len(), b.skipped.len());

    // `kind` at the end: an envelope after all, with plan keys the envelope does not know.
    let envelope = format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": {changes}, "planned_values": {{}}, "kind": "paragon.integration-credentials", "document": {{}}}}"#
    );
    let c = engine::check_text(&envelope, Some("e.json"), &opts).expect("checked");
    assert_eq!(c.documents, 1);
    assert!(
        c.diagnostics.iter().all(|d| d.resource.is_none()),
        "{:?}",
        c.diagnostics
    );
    assert!(
        c.diagnostics.iter().any(|d| d.rule == "structure/invalid-envelope" && d.message.contains("planned_values")),
        "{:?}",
        c.diagnostics.iter().map(|d| (&d.rule, &d.message)).collect::<Vec<_>>()
    );
}
