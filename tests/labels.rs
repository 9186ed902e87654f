//! Field labels: every declared field of every kind (and of every context) has a human label, the
//! exported schemas carry it as each property's `title`, and a pointer resolves to the label of
//! the declared field it is at or in (what the JavaScript API puts on a diagnostic).

use credlint::kinds::{self, Kind};
use credlint::schema;
use credlint::structure::{Field, Ty, label_at, label_for};
use serde_json::Value;

fn walk(fields: &'static [Field], at: &str, out: &mut Vec<(String, &'static Field)>) {
    for f in fields {
        let pointer = format!("{at}/{}", f.name);
        out.push((pointer.clone(), f));
        walk_ty(&f.ty, &pointer, out);
    }
}

fn walk_ty(ty: &'static Ty, at: &str, out: &mut Vec<(String, &'static Field)>) {
    match ty {
        Ty::Object(fs) | Ty::OpenObject(fs) => walk(fs, at, out),
        Ty::Array { items, .. } => walk_ty(items, &format!("{at}/0"), out),
        Ty::Either(a, b) => {
            walk_ty(a, at, out);
            walk_ty(b, at, out);
        }
        _ => {}
    }
}

fn kind(id: &str) -> &'static dyn Kind {
    kinds::find(id).expect("kind")
}

#[test]
fn every_field_has_a_label_that_is_not_its_wire_name() {
    let mut seen = 0;
    for k in kinds::all() {
        let mut fields = Vec::new();
        walk(k.fields(), "", &mut fields);
        walk(k.context_fields(), "", &mut fields);
        for (pointer, f) in fields {
            seen += 1;
            let label = f.label;
            assert!(!label.trim().is_empty(), "{} {pointer}: no label", k.id());
            assert_eq!(
                label,
                label.trim(),
                "{} {pointer}: label has spaces",
                k.id()
            );
            assert!(
                label.chars().next().is_some_and(char::is_uppercase),
                "{} {pointer}: label {label:?} does not start with a capital",
                k.id()
            );
            // A label is words, not the wire key again (`client_id`, `oauthClientId`).
            assert!(
                !label.contains('_') && label != f.name,
                "{} {pointer}: label {label:?} is the wire name",
                k.id()
            );
        }
    }
    assert!(seen > 150, "only {seen} fields walked");
}

#[test]
fn schemas_carry_labels_as_titles() {
    for k in kinds::all() {
        let s = schema::kind_schema(*k);
        let mut fields = Vec::new();
        walk(k.fields(), "", &mut fields);
        for (pointer, f) in fields {
            // /oauth/client_id -> /properties/oauth/properties/client_id; list items through /items.
            let mut sp = String::new();
            for t in pointer.split('/').skip(1) {
                if t == "0" {
                    sp.push_str("/items");
                } else {
                    sp.push_str("/properties/");
                    sp.push_str(t);
                }
            }
            let Some(prop) = s.pointer(&sp) else {
                continue; // behind an `anyOf` (Either): checked by the root fields below
            };
            assert_eq!(
                prop.get("title").and_then(Value::as_str),
                Some(f.label),
                "{} {pointer}",
                k.id()
            );
        }
        for f in k.fields() {
            assert_eq!(
                s["properties"][f.name]["title"].as_str(),
                Some(f.label),
                "{} /{}",
                k.id(),
                f.name
            );
        }
    }
}

#[test]
fn a_pointer_resolves_to_its_declared_field() {
    let k = kind("paragon.integration-credentials");
    let at = |p: &str| label_at(k.fields(), k.language_tagged(), p);
    assert_eq!(at("/oauth/client_id"), Some(("Client ID", 16)));
    assert_eq!(at("/oauth/client_secret"), Some(("Client Secret", 20)));
    assert_eq!(at("/oauth"), Some(("OAuth", 6)));
    // An item of a declared list, an entry of a declared map: the list's, the map's.
    assert_eq!(at("/oauth/scopes/3"), Some(("Scopes", 13)));
    assert_eq!(
        at("/extra_configuration/clientId"),
        Some(("Extra configuration", 20))
    );
    // Not a declared field: the document, unknown members, malformed pointers, below a scalar.
    assert_eq!(at(""), None);
    assert_eq!(at("/oauth/client_idd"), None);
    assert_eq!(at("/nope"), None);
    assert_eq!(at("oauth"), None);
    assert_eq!(at("/oauth/~2"), None);
    assert_eq!(at("/project_id/x"), None);
    assert_eq!(at("/oauth/scopes/x"), None);

    let c = kind("paragon.custom-integration");
    let at = |p: &str| label_at(c.fields(), c.language_tagged(), p).map(|(l, _)| l);
    assert_eq!(at("/oauthClientId"), Some("Client ID"));
    assert_eq!(at("/inputFields/1/title"), Some("Label"));
    assert_eq!(at("/inputFields/1"), Some("Input fields"));

    // A language-tagged root member is its field (RFC 7591 §2.2); an escaped key is unescaped.
    let o = kind("oauth.client");
    let at = |p: &str| label_at(o.fields(), o.language_tagged(), p).map(|(l, _)| l);
    assert_eq!(at("/client_name#ja-Jpan-JP"), Some("Client name"));
    assert_eq!(at("/redirect_uris/0"), Some("Redirect URIs"));
}

#[test]
fn an_apps_label_wins_for_its_field_and_what_is_in_it() {
    let k = kind("paragon.integration-credentials");
    let app = vec![
        ("/oauth/client_id".to_owned(), "App key".to_owned()),
        ("/oauth/scopes".to_owned(), "Permissions".to_owned()),
        ("/whatever".to_owned(), "Something".to_owned()),
    ];
    let f = |p: &str| label_for(k.fields(), k.language_tagged(), p, &app);
    assert_eq!(f("/oauth/client_id"), Some("App key"));
    assert_eq!(f("/oauth/scopes/2"), Some("Permissions"));
    assert_eq!(f("/oauth/client_secret"), Some("Client Secret"));
    // An undeclared pointer: only the app's own label for exactly it.
    assert_eq!(f("/whatever"), Some("Something"));
    assert_eq!(f("/whatever/x"), None);
    assert_eq!(f(""), None);
    assert_eq!(
        label_for(k.fields(), &[], "/oauth/client_id", &[]),
        Some("Client ID")
    );
}
