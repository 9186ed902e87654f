//! `--format human`: `file:line:column: severity[rule-id] message`, like ruff, then a summary.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Report};
use crate::fix::Applicability;

/// `file:line:column`, exactly, so that editors and CI problem matchers read it; a batch
/// element's index goes after the rule (`[3] message`).
fn location(d: &Diagnostic) -> String {
    let file = escape(d.file.as_deref().unwrap_or("<input>"));
    match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        _ if d.path.is_empty() => file.into_owned(),
        _ => format!("{file}#{}", d.path),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The whole report: its diagnostics, then [`human_end`].
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    human_lines(&report.diagnostics, &mut out);
    let mut shown = Shown::default();
    report.diagnostics.iter().for_each(|d| shown.add(d));
    out.push_str(&human_end(report, &shown));
    out
}

/// What the findings printed before [`human_end`] were: how many (the rest were past the
/// limit), and how many of them have a safe or an unsafe fix.
#[derive(Debug, Default, Clone, Copy)]
pub struct Shown {
    pub findings: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Shown {
    pub fn add(&mut self, d: &Diagnostic) {
        self.findings += 1;
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => self.safe_fixes += 1,
            Some(Applicability::Unsafe) => self.unsafe_fixes += 1,
            None => {}
        }
    }
}

/// One finding per line (and its help): what a run prints as each file is checked.
pub fn human_lines(diagnostics: &[Diagnostic], out: &mut String) {
    for d in diagnostics {
        let index = d.index.map(|i| format!("[{i}] ")).unwrap_or_default();
        let resource = d
            .resource
            .as_deref()
            .map(|r| format!("{}: ", escape(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: {}[{}] {index}{resource}{}",
            location(d),
            d.severity.as_str(),
            d.rule,
            escape(&d.message)
        );
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  help: {}", escape(h));
        }
        // The title only: a replacement may carry a value never shown (a moved secret).
        if let Some(f) = &d.fix {
            let how = match f.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--fix --unsafe-fixes",
            };
            let _ = writeln!(out, "  fix ({how}): {}", escape(&f.title));
        }
    }
}

/// What follows the findings: the rules skipped for lack of context, the summary line and what
/// `--fix` would do. `shown` is what the findings printed before it were.
pub fn human_end(report: &Report, shown: &Shown) -> String {
    let mut out = String::new();
    if !report.skipped.is_empty() {
        // One line per rule and reason, however many documents it was skipped for.
        let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for s in &report.skipped {
            *by_rule.entry((s.rule, s.reason.as_str())).or_default() += 1;
        }
        if shown.findings > 0 {
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
            let _ = writeln!(out, "  {rule}: {}{times}", escape(reason));
        }
    }
    let s = &report.summary;
    let scope = format!(
        "{} ({})",
        plural(s.files, "file", "files"),
        plural(s.documents, "document", "documents")
    );
    let found = format!(
        "{}, {}, {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos")
    );
    let counted = s.errors + s.warnings + s.infos;
    // Diagnostics past the per-input limit are counted, not shown: say so rather than "none".
    let hidden = counted.saturating_sub(shown.findings);
    let not_shown = if hidden > 0 {
        format!(" ({hidden} not shown: past the limit of diagnostics per input)")
    } else {
        String::new()
    };
    if !report.unchecked.is_empty() {
        // Never "passed" when an input could not be checked: the exit code is 2.
        let _ = writeln!(
            out,
            "Not passed: {} could not be checked (the reasons are on standard error); found {found} in {scope}{not_shown}.",
            plural(report.unchecked.len(), "input", "inputs")
        );
    } else if s.files == 0 {
        // Never "passed" for nothing: say that nothing was there to check.
        let _ = writeln!(
            out,
            "Nothing to check: no credential configurations found (0 files)."
        );
    } else if counted == 0 && report.skipped.is_empty() {
        let _ = writeln!(out, "All checks passed: {scope}.");
    } else if counted == 0 {
        let _ = writeln!(
            out,
            "No problems found in {scope}; some rules were skipped (above)."
        );
    } else {
        let _ = writeln!(out, "Found {found} in {scope}{not_shown}.");
    }
    if s.fixed > 0 {
        let _ = writeln!(
            out,
            "Fixed {}; the counts above are what remains.",
            plural(s.fixed, "problem", "problems")
        );
    }
    match (shown.safe_fixes, shown.unsafe_fixes) {
        (0, 0) => {}
        (0, u) => {
            let _ = writeln!(out, "{u} fixable with `--fix --unsafe-fixes`.");
        }
        (s, 0) => {
            let _ = writeln!(out, "{s} fixable with `--fix`.");
        }
        (s, u) => {
            let _ = writeln!(
                out,
                "{s} fixable with `--fix` ({u} more with `--fix --unsafe-fixes`)."
            );
        }
    }
    out
}

/// Text from the input (quoted values, file names) made safe for a terminal: control characters
/// (escape sequences, carriage returns) and bidirectional overrides are shown escaped, never
/// interpreted, so an input cannot rewrite what the reader sees.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.into()
}
