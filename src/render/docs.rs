//! Renderers over the rule registry: `credlint rules`, `credlint explain`, `docs/rules.md`.
//! Shared by the native CLI and the npm package's bin, so both print the same bytes.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::registry;
use crate::rules;

/// Every rule as `listRules()` and `credlint rules --format json` give them.
pub fn rule_list() -> Vec<Value> {
    registry::all()
        .map(|r| {
            let mut v = json!({"id": r.id, "kind": r.kind, "severity": r.severity, "description": r.summary, "why": r.why, "source": r.source});
            if let (Some(fix), Some(map)) = (r.fix, v.as_object_mut()) {
                map.insert("fix".into(), json!(fix));
            }
            v
        })
        .collect()
}

pub fn rules_json() -> String {
    let mut s = serde_json::to_string_pretty(&rule_list()).unwrap_or_default();
    s.push('\n');
    s
}

pub fn rules_human() -> String {
    let width = registry::all().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in registry::all() {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {:32}  {}",
            r.id,
            r.severity.as_str(),
            r.kind,
            r.summary
        );
    }
    out
}

/// `docs/rules.md`: every rule of the registry, grouped by family (the id's prefix) in registry
/// order, with the same text `credlint explain` prints. Regenerate with
/// `UPDATE_DOCS=1 cargo test --test rule_docs`; the test fails when the committed file differs.
pub fn rules_markdown() -> String {
    let mut families: Vec<(&str, Vec<&rules::RuleMeta>)> = Vec::new();
    for r in registry::all() {
        let family = r.id.split_once('/').map_or(r.id, |(f, _)| f);
        match families.iter_mut().find(|(f, _)| *f == family) {
            Some((_, list)) => list.push(r),
            None => families.push((family, vec![r])),
        }
    }
    let mut out = String::new();
    out.push_str("# Rules\n\n");
    out.push_str("<!-- Generated from the rule registry (src/registry.rs) by `UPDATE_DOCS=1 cargo test --test rule_docs`; do not edit by hand. -->\n\n");
    let _ = writeln!(
        out,
        "Every rule credlint has ({}), grouped by family. `credlint rules` lists the same rules and `credlint explain RULE_ID` prints one of these sections. Rule ids never change once released. A policy (`credlint.json`, see the README) may change a rule's severity or turn it off, except `structure/invalid-json` and `structure/invalid-envelope`.\n",
        registry::all().count()
    );
    for (family, list) in &families {
        let ids: Vec<String> = list.iter().map(|r| format!("`{}`", r.id)).collect();
        let _ = writeln!(out, "- **{family}**: {}", ids.join(", "));
    }
    for (family, list) in &families {
        let _ = writeln!(out, "\n## {family}");
        for r in list {
            let kind = if r.kind == "*" {
                "every kind".to_owned()
            } else {
                format!("`{}`", r.kind)
            };
            let _ = writeln!(out, "\n### `{}`\n", r.id);
            let _ = writeln!(
                out,
                "Kind: {kind}. Default severity: **{}**.\n",
                r.severity.as_str()
            );
            let _ = writeln!(out, "**What it reports:** {}\n", r.summary);
            let _ = writeln!(out, "**Why:** {}\n", r.why);
            let _ = writeln!(out, "**Source:** {}", r.source);
            if let Some(fix) = r.fix {
                let _ = writeln!(out, "\n**Fix:** {fix}");
            }
            for (label, pass) in [("Fails", false), ("Passes", true)] {
                for e in r.examples.iter().filter(|e| e.pass == pass) {
                    let _ = writeln!(out, "\n{label} (`{}`):\n", e.kind);
                    if !e.policy.is_empty() {
                        let _ = writeln!(out, "- policy: `{}`", e.policy);
                    }
                    if !e.context.is_empty() {
                        let _ = writeln!(out, "- context: `{}`", e.context);
                    }
                    if !e.policy.is_empty() || !e.context.is_empty() {
                        out.push('\n');
                    }
                    let lang = if e.kind == "terraform" { "hcl" } else { "json" };
                    let fence = if e.document.contains("```") {
                        "~~~~"
                    } else {
                        "```"
                    };
                    let _ = writeln!(out, "{fence}{lang}\n{}\n{fence}", e.document.trim_end());
                }
            }
        }
    }
    out
}

/// `credlint explain RULE_ID`, or why it cannot say.
pub fn explain(id: &str) -> Result<String, String> {
    let Some(r) = registry::find(id) else {
        let hint = crate::text::suggest(id, registry::all().map(|r| r.id))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{id}`{hint}; `credlint rules` lists them"
        ));
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ({}, default severity: {})\n",
        r.id,
        r.kind,
        r.severity.as_str()
    );
    let _ = writeln!(out, "What it reports: {}\n", r.summary);
    let _ = writeln!(out, "Why: {}\n", r.why);
    let _ = writeln!(out, "Source: {}", r.source);
    if let Some(fix) = r.fix {
        let _ = writeln!(out, "\nFix: {fix}");
    }
    for (label, pass) in [("Fails", false), ("Passes", true)] {
        for e in r.examples.iter().filter(|e| e.pass == pass) {
            let _ = writeln!(out, "\n{label} ({}):", e.kind);
            if !e.policy.is_empty() {
                let _ = writeln!(out, "  policy:   {}", e.policy);
            }
            if !e.context.is_empty() {
                let _ = writeln!(out, "  context:  {}", e.context);
            }
            let _ = writeln!(out, "  document: {}", e.document);
        }
    }
    Ok(out)
}
