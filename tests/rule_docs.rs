//! `docs/rules.md` is generated from the rule registry and must be fresh: this test fails when the
//! committed file differs from what the registry generates. Regenerate with
//! `UPDATE_DOCS=1 cargo test --test rule_docs`.

use std::path::Path;

const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test rule_docs";

#[test]
fn rule_docs_are_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = credlint::render::docs::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/rules.md");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(generated.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "docs/rules.md is stale (first difference at line {line}); regenerate it with `{REGENERATE}`"
        );
    }
}

#[test]
fn rule_docs_cover_every_rule_and_example() {
    let generated = credlint::render::docs::rules_markdown();
    for rule in credlint::registry::all() {
        assert!(
            generated.contains(&format!("### `{}`", rule.id)),
            "{} has no section",
            rule.id
        );
        assert!(generated.contains(rule.why), "{}: why missing", rule.id);
        for ex in rule.examples {
            assert!(
                generated.contains(ex.document.trim_end()),
                "{}: example missing",
                rule.id
            );
        }
    }
}

/// No project file sends readers outside the repository for documentation.
#[test]
fn docs_stay_inside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md"), root.join("pkg/README.md")];
    let mut dirs = vec![root.join("docs"), root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    let mut bad = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if line.contains("../shared") {
                bad.push(format!("{}:{}", f.display(), i + 1));
            }
        }
    }
    assert!(bad.is_empty(), "points outside the repository: {bad:?}");
}
