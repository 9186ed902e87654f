//! Fixes: every fixable rule's fixed text (snapshots, LF and CRLF), and properties over the corpus
//! and generated documents: the fixed text parses, no longer has what was fixed, has no new
//! error, is left alone by a second run, and keeps every byte outside the edits.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use credlint::engine::{self, FixMode, Options};
use credlint::fix::{self, Applicability};
use credlint::{Severity, registry, rules};
use proptest::prelude::*;
use serde_json::{Value, json};

fn opts_for(policy: &str) -> Options {
    Options {
        policy: if policy.is_empty() {
            Default::default()
        } else {
            credlint::policy::Policy::from_text(policy).expect("policy")
        },
        ..Default::default()
    }
}

/// An example as a pretty-printed envelope.
fn envelope(e: &rules::Example) -> String {
    let mut env = serde_json::Map::new();
    env.insert("kind".into(), json!(e.kind));
    if !e.context.is_empty() {
        env.insert(
            "context".into(),
            serde_json::from_str(e.context).expect("context"),
        );
    }
    env.insert(
        "document".into(),
        serde_json::from_str(e.document).expect("document"),
    );
    let mut s = serde_json::to_string_pretty(&Value::Object(env)).expect("prints");
    s.push('\n');
    s
}

fn errors(r: &engine::Findings) -> usize {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn by_rule(r: &engine::Findings) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in &r.diagnostics {
        *m.entry(d.rule).or_default() += 1;
    }
    m
}

/// Checks every property of one fix run of `text`, and returns the fixed text.
fn check_properties(text: &str, name: &str, opts: &Options, mode: FixMode) -> String {
    let before = engine::check_file(name, text.as_bytes(), opts).expect("runs");
    // Each fix alone keeps every byte outside its edits, and its edits are in order and apart.
    for d in &before.diagnostics {
        let Some(f) = &d.fix else { continue };
        assert!(!f.edits.is_empty());
        assert!(f.edits.windows(2).all(|w| w[0].end <= w[1].start));
        let (out, n) = fix::apply(text, [f]);
        assert_eq!(n, 1);
        let first = &f.edits[0];
        let last = &f.edits[f.edits.len() - 1];
        assert_eq!(out[..first.start], text[..first.start]);
        let tail = text.len() - last.end;
        assert_eq!(out[out.len() - tail..], text[last.end..]);
        // Titles never quote a value; withheld replacements stay withheld in the output.
        let json = serde_json::to_string(f).expect("serialises");
        for e in &f.edits {
            if e.withheld.is_some() {
                assert!(!json.contains(&serde_json::to_string(&e.replacement).expect("s")[1..]));
            }
        }
    }
    let fixed = engine::fix_text(text, Some(name), opts, mode).expect("runs");
    let after = engine::check_file(name, fixed.text.as_bytes(), opts).expect("runs");
    let unreadable = |r: &engine::Findings| {
        r.diagnostics
            .iter()
            .any(|d| d.rule == rules::INVALID_JSON.id)
    };
    assert!(
        unreadable(&before) || !unreadable(&after),
        "the fixed text does not parse:\n{}",
        fixed.text
    );
    assert!(errors(&after) <= errors(&before), "{}", fixed.text);
    let (b, a) = (by_rule(&before), by_rule(&after));
    let taken = |r: &engine::Findings| {
        r.diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| mode.takes(f)))
            .count()
    };
    if fixed.applied > 0 {
        assert_ne!(fixed.text, text);
        assert!(taken(&after) < taken(&before), "{}", fixed.text);
        // No rule reports more than before, except where a fix moved a value into view.
        for (rule, n) in &a {
            assert!(
                *n <= b.get(rule).copied().unwrap_or(0),
                "{rule} reports more after fixing:\n{}",
                fixed.text
            );
        }
    } else {
        assert_eq!(fixed.text, text);
    }
    // A second run changes nothing.
    let again = engine::fix_text(&fixed.text, Some(name), opts, mode).expect("runs");
    assert_eq!(
        (again.applied, again.text.as_str()),
        (0, fixed.text.as_str())
    );
    fixed.text
}

#[test]
fn every_fixable_rule_fixes_its_failing_example() {
    let mut snapshots = 0;
    for rule in registry::all().filter(|r| r.fix.is_some()) {
        let mut fixed_one = false;
        for (i, e) in rule.examples.iter().filter(|e| !e.pass).enumerate() {
            let opts = opts_for(e.policy);
            let (text, file) = if e.kind == "terraform" {
                (e.document.to_owned(), "main.tf")
            } else {
                (envelope(e), "x.json")
            };
            let before = engine::check_file(file, text.as_bytes(), &opts).expect("runs");
            if !before
                .diagnostics
                .iter()
                .any(|d| d.rule == rule.id && d.fix.is_some())
            {
                continue;
            }
            fixed_one = true;
            let fixed = check_properties(&text, file, &opts, FixMode::Unsafe);
            assert!(
                !engine::check_file(file, fixed.as_bytes(), &opts)
                    .expect("runs")
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == rule.id && d.fix.is_some()),
                "{}: still reported after fixing",
                rule.id
            );
            let crlf = text.replace('\n', "\r\n");
            let fixed_crlf = check_properties(&crlf, file, &opts, FixMode::Unsafe);
            assert_eq!(fixed_crlf, fixed.replace('\n', "\r\n"), "{}", rule.id);
            let name = format!("{}-{i}", rule.id.replace('/', "__"));
            insta::assert_snapshot!(
                format!("fix_lf_{name}"),
                format!("{text}\n--- fixed ---\n\n{fixed}")
            );
            insta::assert_snapshot!(format!("fix_crlf_{name}"), format!("{fixed_crlf:?}"));
            snapshots += 1;
        }
        assert!(
            fixed_one,
            "{} says it fixes, but none of its failing examples gets a fix",
            rule.id
        );
    }
    assert!(snapshots >= 9);
}

#[test]
fn safe_fixes_only_by_default() {
    let text = "{\"kind\": \"paragon.integration-credentials\", \"document\": {\"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\", \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\", \"oauth\": {\"client_id\": \"id\", \"client_secret\": \"s\", \"scopes\": [\"read\", \"write\", \"read\"], \"scope\": 1}}}";
    let opts = Options::default();
    let safe = engine::fix_text(text, None, &opts, FixMode::Safe).expect("runs");
    assert_eq!(safe.applied, 1);
    assert!(safe.text.contains("[\"read\", \"write\"], \"scope\": 1"));
    let all = engine::fix_text(text, None, &opts, FixMode::Unsafe).expect("runs");
    // `scope` is not renamed: `scopes` is set.
    assert_eq!(all.applied, 1);
    // A typo of a field that is not set is renamed, unsafely.
    let typo = text
        .replace("\"scopes\"", "\"scopez\"")
        .replace(", \"scope\": 1", "");
    let r = engine::check_text(&typo, None, &opts).expect("runs");
    let fixes: Vec<_> = r
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .collect();
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0].applicability, Applicability::Unsafe);
    assert_eq!(fixes[0].title, "rename `oauth.scopez` to `scopes`");
    // Not applied: the renamed field would bring a new finding (its repeated scope) into view.
    let fixed = engine::fix_text(&typo, None, &opts, FixMode::Unsafe).expect("runs");
    assert_eq!((fixed.applied, fixed.text.as_str()), (0, typo.as_str()));
    let typo = typo.replace(", \"read\"]", "]");
    let fixed = engine::fix_text(&typo, None, &opts, FixMode::Unsafe).expect("runs");
    assert_eq!(fixed.applied, 1);
    assert!(fixed.text.contains("\"scopes\": [\"read\", \"write\"]}"));
}

#[test]
fn reserved_keys_move_into_oauth_unless_set() {
    let doc = |extra: &str, oauth: &str| {
        format!(
            "{{\n  \"kind\": \"paragon.integration-credentials\",\n  \"context\": {{\"integration\": {{\"type\": \"custom\", \"authentication_type\": \"oauth\"}}}},\n  \"document\": {{\n    \"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\",\n    \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\",\n    \"oauth\": {{\n{oauth}\n    }},\n    \"extra_configuration\": {{\n{extra}\n    }}\n  }}\n}}\n"
        )
    };
    let text = doc(
        "      \"clientId\": \"the-id\",\n      \"clientSecret\": \"the-secret\",\n      \"timeout\": \"30s\"",
        "      \"client_id\": \"\"",
    );
    let opts = Options::default();
    let r = engine::check_text(&text, None, &opts).expect("runs");
    let moves: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "paragon/reserved-extra-key")
        .collect();
    assert_eq!(moves.len(), 2);
    // `oauth.client_id` is set (if empty): no fix for `clientId`.
    assert!(moves[0].fix.is_none());
    let f = moves[1].fix.as_ref().expect("a fix for clientSecret");
    assert!(!f.title.contains("the-secret"));
    let out = serde_json::to_string(f).expect("serialises");
    assert!(!out.contains("the-secret"), "{out}");
    let fixed = check_properties(&text, "x.json", &opts, FixMode::Unsafe);
    assert_eq!(
        fixed,
        doc(
            "      \"clientId\": \"the-id\",\n      \"timeout\": \"30s\"",
            "      \"client_id\": \"\",\n      \"client_secret\": \"the-secret\""
        )
    );
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).expect("corpus/ exists") {
        let dir = dir.expect("readable").path();
        for f in std::fs::read_dir(&dir).into_iter().flatten() {
            let f = f.expect("readable").path();
            let name = f.to_string_lossy().into_owned();
            if name.ends_with(".json") && !name.ends_with(".expect.json") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn corpus_fixes_hold_the_properties() {
    let mut fixed_files = 0;
    for file in corpus_files() {
        let text = std::fs::read_to_string(&file).expect("readable");
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            for t in [text.clone(), text.replace('\n', "\r\n")] {
                let out = check_properties(&t, "x.json", &Options::default(), mode);
                if out != t {
                    fixed_files += 1;
                }
            }
        }
    }
    assert!(fixed_files > 0, "no corpus file has a fix");
}

/// A generated Paragon document with fixable and unfixable problems, printed in one of several
/// styles.
fn generated() -> impl Strategy<Value = String> {
    let scope = prop::sample::select(vec!["read", "write", "admin", "read write", "a  b"]);
    (
        prop::collection::vec(scope, 0..6),
        prop::collection::vec(
            prop::sample::select(vec![
                "clientId",
                "clientSecret",
                "scopes",
                "timeout",
                "client_id",
            ]),
            0..4,
        ),
        any::<bool>(),
        prop::sample::select(vec!["scope", "scopez", "client_secrett", "x"]),
        0usize..4,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(scopes, extra, with_id, typo, style, crlf, trailing)| {
            let mut oauth = serde_json::Map::new();
            if with_id {
                oauth.insert("client_id".into(), json!("id"));
            }
            oauth.insert("client_secret".into(), json!("s"));
            oauth.insert("scopes".into(), json!(scopes));
            oauth.insert(typo.into(), json!(["read"]));
            let mut ex = serde_json::Map::new();
            for k in extra {
                let v = if k == "scopes" {
                    json!("read  write")
                } else {
                    json!("v")
                };
                ex.insert(k.into(), v);
            }
            let doc = json!({"kind": "paragon.integration-credentials",
                    "context": {"integration": {"type": "custom", "authentication_type": "oauth"}},
                    "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4",
                        "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
                        "oauth": oauth, "extra_configuration": ex}});
            let mut text = match style {
                0 => doc.to_string(),
                1 => serde_json::to_string_pretty(&doc).unwrap_or_default(),
                2 => serde_json::to_string_pretty(&doc)
                    .unwrap_or_default()
                    .replace("  ", "\t"),
                _ => serde_json::to_string_pretty(&doc)
                    .unwrap_or_default()
                    .replace(": ", " :  ")
                    .replace(",\n", " ,\n"),
            };
            if trailing {
                text.push('\n');
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn generated_fixes_hold_the_properties(text in generated(), unsafe_fixes in any::<bool>()) {
        let mode = if unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
        check_properties(&text, "x.json", &Options::default(), mode);
    }
}

#[test]
fn terraform_literal_secrets_become_sensitive_variables_and_comments_stay() {
    let text = "# the Jira app\nresource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\" # from the data source\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = \"S3CR3TMARK\" // rotate me\n    scopes        = [\"read\"]\n  }\n}\n\nresource \"genesyscloud_oauth_client\" \"c\" {\n  name = \"c\"\n  authorized_grant_type = \"CLIENT-CREDENTIALS\"\n  client_secret = <<EOT\nS3CR3TMARK\nEOT\n  roles {\n    role_id = \"r\"\n    division_id = \"*\"\n  }\n}";
    let opts = Options::default();
    let r = engine::check_file("main.tf", text.as_bytes(), &opts).expect("runs");
    let fixes: Vec<_> = r
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .collect();
    assert_eq!(fixes.len(), 2);
    assert!(
        fixes
            .iter()
            .all(|f| f.applicability == Applicability::Unsafe
                && !serde_json::to_string(f).expect("s").contains("S3CR3TMARK"))
    );
    // Safe fixes only: nothing changes.
    let safe = engine::fix_text(text, Some("main.tf"), &opts, FixMode::Safe).expect("runs");
    assert_eq!(safe.applied, 0);
    let fixed = check_properties(text, "main.tf", &opts, FixMode::Unsafe);
    assert!(!fixed.contains("S3CR3TMARK"), "{fixed}");
    insta::assert_snapshot!("fix_tf_two_secrets", fixed);
    // CRLF, and a variable of that name already declared: that one is not fixed.
    let crlf = format!("{text}\n\nvariable \"c_client_secret\" {{\n  type = string\n}}\n")
        .replace('\n', "\r\n");
    let fixed_crlf = check_properties(&crlf, "main.tf", &opts, FixMode::Unsafe);
    assert!(fixed_crlf.contains("client_secret = var.jira_client_secret // rotate me\r\n"));
    assert!(fixed_crlf.contains("<<EOT\r\nS3CR3TMARK"));
    assert!(fixed_crlf.ends_with(
        "variable \"jira_client_secret\" {\r\n  type      = string\r\n  sensitive = true\r\n}\r\n"
    ));
}

/// Fixing stays bounded on a large batch: many fixes in one pass, and many that are refused
/// (each pass tries only a few of them alone before moving on).
#[test]
fn large_batches_fix_in_bounded_time() {
    let doc = |oauth: &str| {
        format!(
            "{{\"kind\": \"paragon.integration-credentials\", \"context\": {{\"integration\": {{\"type\": \"jira\"}}}}, \"document\": {{\"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\", \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\", \"oauth\": {{\"client_id\": \"i\", \"client_secret\": \"s\", {oauth}}}}}}}"
        )
    };
    let n = 400;
    let dups: Vec<String> = (0..n)
        .map(|_| doc("\"scopes\": [\"a\", \"b\", \"a\"]"))
        .collect();
    let text = format!("[{}]", dups.join(",\n"));
    let start = std::time::Instant::now();
    let fixed = engine::fix_text(&text, None, &Options::default(), FixMode::Safe).expect("runs");
    assert_eq!(fixed.applied, n);
    assert!(
        !fixed
            .result
            .diagnostics
            .iter()
            .any(|d| d.rule == "paragon/duplicate-scope")
    );
    // Renaming `scopez` would bring the repeated scope into view: refused, document by document.
    let refused: Vec<String> = (0..n).map(|_| doc("\"scopez\": [\"a\", \"a\"]")).collect();
    let text = format!("[{}]", refused.join(",\n"));
    let fixed = engine::fix_text(&text, None, &Options::default(), FixMode::Unsafe).expect("runs");
    assert_eq!((fixed.applied, fixed.text == text), (0, true));
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}
