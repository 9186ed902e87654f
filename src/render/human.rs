//! `--format human`: `file:line:column: severity[rule-id] message`, like ruff, then a summary.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Report};

/// `file:line:column`, exactly, so that editors and CI problem matchers read it; a batch
/// element's index goes after the rule (`[3] message`).
fn location(d: &Diagnostic) -> String {
    let file = d.file.as_deref().unwrap_or("<input>");
    match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        _ if d.path.is_empty() => file.to_owned(),
        _ => format!("{file}#{}", d.path),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn human(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let index = d.index.map(|i| format!("[{i}] ")).unwrap_or_default();
        let resource = d
            .resource
            .as_deref()
            .map(|r| format!("{r}: "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: {}[{}] {index}{resource}{}",
            location(d),
            d.severity.as_str(),
            d.rule,
            d.message
        );
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  help: {h}");
        }
    }
    if !report.skipped.is_empty() {
        // One line per rule and reason, however many documents it was skipped for.
        let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for s in &report.skipped {
            *by_rule.entry((s.rule, s.reason.as_str())).or_default() += 1;
        }
        if !report.diagnostics.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "Skipped for lack of context (not checked, not passed):"
        );
        for ((rule, reason), n) in by_rule {
            let times = if n > 1 {
                format!(" ({n} documents)")
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {rule}: {reason}{times}");
        }
    }
    let s = &report.summary;
    let scope = format!(
        "{} ({})",
        plural(s.files, "file", "files"),
        plural(s.documents, "document", "documents")
    );
    if report.diagnostics.is_empty() && report.skipped.is_empty() {
        let _ = writeln!(out, "All checks passed: {scope}.");
    } else if report.diagnostics.is_empty() {
        let _ = writeln!(
            out,
            "No problems found in {scope}; some rules were skipped (above)."
        );
    } else {
        let _ = writeln!(
            out,
            "Found {}, {}, {} in {scope}.",
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            plural(s.infos, "info", "infos")
        );
    }
    out
}
