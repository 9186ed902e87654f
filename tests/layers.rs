//! The layering of `src/` holds: a module never imports one of a higher layer. The layers, bottom
//! to top (also in `src/lib.rs`'s doc comment); a module may import its own layer and those below:
//!
//! 0. `json`, `text`, `weburl`, `redact`, `order`: JSON text and positions, message text, URLs,
//!    redaction, sorting
//! 1. `diagnostic`, `rules`, `structure`, `fix`: the report model, what a rule is, declared
//!    structure, fixes
//! 2. `kinds`, `policy_rules`, `secrets`, `registry`, `policy`, `schema`: each kind's rules, the
//!    cross-kind rules, the registry of every rule, policy, schema
//! 3. `terraform`, `engine`: inputs and the entry points
//! 4. `render`, `driver`: renderers and what a run does with each input
//! 5. `cli`, `apply`, `wasm` (and `src/main.rs`): the shells
//!
//! Imports are every `crate::module` path in code (comments and `#[cfg(test)]` unit-test modules
//! are not read: a test may build its fixtures with a higher layer). Where today's code breaks the
//! order, it is listed in `KNOWN_EXCEPTIONS` with why; an exception that no longer occurs fails
//! too, so the list only shrinks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LAYERS: &[&[&str]] = &[
    &["json", "text", "weburl", "redact", "order"],
    &["diagnostic", "rules", "structure", "condition", "fix"],
    &[
        "kinds",
        "policy_rules",
        "secrets",
        "registry",
        "policy",
        "schema",
    ],
    &["terraform", "engine"],
    &["render", "driver"],
    &["cli", "apply", "wasm", "main"],
];

/// (importer, imported, why): upward imports of today's code, to be removed. None are left: the
/// list stays so that a new one is a deliberate, explained choice.
const KNOWN_EXCEPTIONS: &[(&str, &str, &str)] = &[];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src/") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/kinds/x.rs` → `kinds`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src/");
    let first = rel
        .components()
        .next()
        .expect("a component")
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The code of a file without comments and without its `#[cfg(test)]` unit-test module.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod tests"))
        {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        let code = line.split(" // ").next().unwrap_or_default();
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The top-level modules `code` names through `crate::`: `crate::x`, `crate::{x, y::z}`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `mycrate::`, not `crate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            // A group: the first name of each top-level item.
            let mut depth = 0;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !item.is_empty() {
                            found.insert(std::mem::take(&mut item));
                        }
                        at_start = true;
                    }
                    c if at_start && (c.is_alphanumeric() || c == '_') => item.push(c),
                    _ if at_start && !item.is_empty() => {
                        found.insert(std::mem::take(&mut item));
                        at_start = false;
                    }
                    _ => {}
                }
            }
            if !item.is_empty() {
                found.insert(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn no_lower_layer_imports_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut exceptions_seen = BTreeSet::new();
    let mut edges = 0;
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue; // the crate root declares the modules
        }
        let Some(from) = layer_of(&module) else {
            violations.push(format!(
                "{}: module `{module}` is in no layer (add it to LAYERS and src/lib.rs)",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable");
        for target in imports(&code(&text)) {
            if target == module || target.chars().next().is_some_and(char::is_uppercase) {
                continue; // its own module, or a re-export at the crate root
            }
            let Some(to) = layer_of(&target) else {
                violations.push(format!(
                    "{}: imports `{target}`, which is in no layer",
                    file.display()
                ));
                continue;
            };
            edges += 1;
            if to > from {
                if KNOWN_EXCEPTIONS
                    .iter()
                    .any(|(a, b, _)| *a == module && *b == target)
                {
                    exceptions_seen.insert((module.clone(), target));
                } else {
                    violations.push(format!(
                        "{}: `{module}` (layer {from}) imports `{target}` (layer {to}), a higher layer",
                        file.display()
                    ));
                }
            }
        }
    }
    for (a, b, why) in KNOWN_EXCEPTIONS {
        if !exceptions_seen.contains(&(a.to_string(), b.to_string())) {
            violations.push(format!(
                "known exception `{a}` -> `{b}` ({why}) no longer occurs: remove it from KNOWN_EXCEPTIONS"
            ));
        }
    }
    assert!(
        edges > 50,
        "only {edges} imports found: is the scan broken?"
    );
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_scan_sees_imports() {
    let text = "use crate::json::pointer;\nuse crate::{render, schema::{self, x}};\n// crate::cli in a comment\nfn f() { crate::engine::check(); }\n#[cfg(test)]\nmod tests { use crate::apply; }\n";
    let found: Vec<String> = imports(&code(text)).into_iter().collect();
    assert_eq!(found, ["engine", "json", "render", "schema"]);
}

#[test]
fn lib_rs_documents_the_same_layers() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("readable");
    for (i, layer) in LAYERS.iter().enumerate() {
        let start = format!("//! {i}. ");
        let doc: Vec<&str> = lib
            .lines()
            .skip_while(|l| !l.starts_with(&start))
            .enumerate()
            .take_while(|(n, l)| *n == 0 || l.starts_with("//!    "))
            .map(|(_, l)| l)
            .collect();
        assert!(!doc.is_empty(), "src/lib.rs does not document layer {i}");
        let doc = doc.join(" ");
        for module in layer.iter().filter(|m| **m != "main") {
            assert!(
                doc.contains(&format!("[`{module}`]")) || doc.contains(&format!("`{module}`")),
                "src/lib.rs layer {i} does not name `{module}`: {doc}"
            );
        }
    }
}
