//! `--format sarif`: SARIF 2.1.0 for code-scanning upload. Every rule is described (with help
//! text from the registry); every result has a physical location when the input had positions.

use serde_json::{Value, json};

use crate::diagnostic::{Report, Severity};
use crate::fix::Fix;
use crate::registry;
use crate::rules;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A fix as SARIF 2.1.0 §3.55 has it: one artifact change of replacements (§3.57), each a
/// deleted region and the content inserted there. A fix whose replacement is withheld (it
/// carries a value credlint never shows) is left out: a partial fix would be a wrong one.
fn sarif_fix(fix: &Fix, file: Option<&str>) -> Option<Value> {
    if fix.edits.iter().any(|e| e.withheld.is_some()) {
        return None;
    }
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            json!({
                "deletedRegion": {
                    "startLine": e.line,
                    "startColumn": e.column,
                    "endLine": e.end_line,
                    "endColumn": e.end_column,
                    "byteOffset": e.start,
                    "byteLength": e.end - e.start,
                },
                "insertedContent": {"text": e.replacement},
            })
        })
        .collect();
    Some(json!({
        "description": {"text": fix.title},
        "artifactChanges": [{
            "artifactLocation": {"uri": file.unwrap_or("<input>")},
            "replacements": replacements,
        }],
        "properties": {"applicability": fix.applicability.as_str()},
    }))
}

pub fn sarif(report: &Report) -> String {
    let all: Vec<&rules::RuleMeta> = registry::all().collect();
    let rule_entries: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.replace(['/', '-'], "_"),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.why},
                "help": {
                    "text": format!("{}\n\nWhy: {}\n\nSource: {}\n\nRun `credlint explain {}` for examples.", r.summary, r.why, r.source, r.id),
                    "markdown": format!("**{}**\n\n{}\n\nSource: {}\n\nRun `credlint explain {}` for examples.", r.summary, r.why, r.source, r.id),
                },
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": [r.kind]},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let text = match &d.hint {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            };
            let mut location = json!({
                "physicalLocation": {"artifactLocation": {"uri": d.file.as_deref().unwrap_or("<input>")}}
            });
            if let (Some(line), Some(column)) = (d.line, d.column) {
                location["physicalLocation"]["region"] = json!({"startLine": line, "startColumn": column});
            }
            let logical = match (&d.resource, d.path.is_empty()) {
                (Some(r), true) => Some(r.clone()),
                (Some(r), false) => Some(format!("{r}{}", d.path)),
                (None, false) => Some(d.path.clone()),
                (None, true) => None,
            };
            if let Some(name) = logical {
                location["logicalLocations"] = json!([{"fullyQualifiedName": name}]);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location],
            });
            if let Some(i) = all.iter().position(|r| r.id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = d.fix.as_ref().and_then(|f| sarif_fix(f, d.file.as_deref())) {
                result["fixes"] = json!([fix]);
            }
            result
        })
        .collect();
    // Inputs that could not be checked: the invocation failed (SARIF 2.1.0 §3.20.14), with a
    // notification for each (§3.58), so that an upload never shows an empty, clean run.
    let notifications: Vec<Value> = report
        .unchecked
        .iter()
        .map(|u| {
            json!({
                "level": "error",
                "message": {"text": u.reason},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": u.file}}}],
            })
        })
        .collect();
    let mut invocation = json!({"executionSuccessful": report.unchecked.is_empty()});
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "credlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://credlint.dev",
                "rules": rule_entries,
            }},
            "invocations": [invocation],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
