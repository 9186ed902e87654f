//! The one diagnostic model every renderer reads.

use serde::{Deserialize, Serialize};

use crate::rules::RuleMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One finding. `path` is an RFC 6901 JSON Pointer into the document; `line`/`column` (1-based)
/// are present when the document came from text. Messages and hints never hold a secret value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    pub rule: &'static str,
    pub severity: Severity,
    pub path: String,
    /// The Terraform resource address (`paragon_integration_credentials.jira`) for `.tf` and plan
    /// inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Byte offset in the source text, for sorting and source excerpts; not part of the output.
    #[serde(skip)]
    pub offset: Option<usize>,
    /// Other fields a cross-field rule involves (JSON Pointers), so that a form shows the
    /// diagnostic next to each of them; not part of the output.
    #[serde(skip)]
    pub related: Vec<String>,
    /// The fix for this finding, as edits of the input (only for findings in JSON text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<crate::fix::Fix>,
    /// The label of the field, for a form (set by the JavaScript API for a document given as a
    /// value, and by `validateField`; never by the command line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The fix the rule proposes, before the engine lowers it to edits of the text; not part of
    /// the output.
    #[serde(skip)]
    pub proposed: Option<Box<crate::fix::Proposed>>,
}

impl Diagnostic {
    /// A finding of `rule` at `path`, with nothing else known yet (no file, position, hint or
    /// fix): what every place that makes one starts from.
    pub fn new(rule: &'static str, severity: Severity, path: String, message: String) -> Self {
        Diagnostic {
            file: None,
            index: None,
            rule,
            severity,
            path,
            resource: None,
            line: None,
            column: None,
            message,
            hint: None,
            offset: None,
            related: Vec::new(),
            fix: None,
            label: None,
            proposed: None,
        }
    }
}

/// A rule that could not run because a fact it needs was missing: never a silent pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    pub rule: &'static str,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Problems fixed (`--fix`; with `--diff`, that would be fixed); the counts above are what
    /// remains. Only present when some were.
    #[serde(skip_serializing_if = "is_zero")]
    pub fixed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An input the run could not check at all (a file that cannot be read, a named file that is not
/// credentials): the run fails, whatever else it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unchecked {
    pub file: String,
    /// Why, in full (it names the file; never a value from it).
    pub reason: String,
}

/// What one run found: the CLI's `--format json` and the JavaScript `Report`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// False when any error was found or any input could not be checked: exactly when the exit
    /// code is not 0.
    pub ok: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub skipped: Vec<Skipped>,
    /// Inputs that could not be checked (only present when there are some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<Unchecked>,
    pub summary: Summary,
}

impl Report {
    pub fn new() -> Self {
        Report {
            ok: true,
            ..Default::default()
        }
    }

    /// Adds one file's (or one document's) findings and recounts.
    pub fn extend(&mut self, file: Findings) {
        self.summary.files += 1;
        self.summary.documents += file.documents;
        // Diagnostics past the limit count too: one error anywhere is a failed check.
        let mut counts = file.dropped;
        for d in &file.diagnostics {
            counts.add(d.severity);
        }
        self.summary.errors += counts.errors;
        self.summary.warnings += counts.warnings;
        self.summary.infos += counts.infos;
        self.ok = self.passed();
        self.diagnostics.extend(file.diagnostics);
        self.skipped.extend(file.skipped);
    }

    /// Records an input that could not be checked: the run fails.
    pub fn unchecked(&mut self, file: impl Into<String>, reason: impl Into<String>) {
        self.unchecked.push(Unchecked {
            file: file.into(),
            reason: reason.into(),
        });
        self.ok = false;
    }

    fn passed(&self) -> bool {
        self.summary.errors == 0 && self.unchecked.is_empty()
    }

    /// The exit code for this report: 0 passed, 1 errors found, 2 an input could not be checked.
    pub fn exit_code(&self) -> u8 {
        if !self.unchecked.is_empty() {
            2
        } else if self.summary.errors > 0 {
            1
        } else {
            0
        }
    }

    pub fn recount(&mut self) {
        let count = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.infos = count(Severity::Info);
        self.ok = self.passed();
    }
}

/// The findings for one input (a file, a string, a value).
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub skipped: Vec<Skipped>,
    pub documents: usize,
    /// Diagnostics past `max_diagnostics`: counted, not kept.
    pub dropped: Counts,
}

/// Diagnostics found past `max_diagnostics`: not kept, but counted in the summary, the exit code
/// and the last kept diagnostic's hint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn add_all(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// What a [`Sink`] asks of a policy: the severity `rule` reports at, or `None` when it is off.
/// `crate::policy::Policy` is the one users write; [`Defaults`] keeps every rule's own.
pub trait Severities {
    fn severity(&self, rule: &RuleMeta) -> Option<Severity>;
}

/// Every rule at its default severity (no policy).
pub struct Defaults;

impl Severities for Defaults {
    fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        Some(rule.severity)
    }
}

/// Collects what the rules of one document report, at the severities of a policy. Past its limit
/// it counts findings instead of keeping them, so that a hostile document cannot make millions of
/// them.
pub struct Sink<'a> {
    policy: &'a dyn Severities,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) skipped: Vec<Skipped>,
    limit: usize,
    pub(crate) dropped: Counts,
}

impl<'a> Sink<'a> {
    pub fn new(policy: &'a dyn Severities) -> Self {
        Self::with_limit(policy, usize::MAX)
    }

    /// A sink that keeps at most `limit` diagnostics.
    pub fn with_limit(policy: &'a dyn Severities, limit: usize) -> Self {
        Sink {
            policy,
            diagnostics: Vec::new(),
            skipped: Vec::new(),
            limit,
            dropped: Counts::default(),
        }
    }

    /// Reports `rule` at `path`. Returns the diagnostic to add a hint to, or `None` when the policy
    /// turned the rule off. (Generic only in how the path and message are made: each closure is a
    /// type of its own, so the work is in [`Sink::severity_kept`] and [`Sink::push`], written
    /// once.)
    #[inline]
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        path: impl Into<String>,
        message: impl Text,
    ) -> Reported<'_> {
        self.report_at_most(rule, Severity::Error, path, message)
    }

    /// [`Sink::report`] for a rule's milder case: at most `severity`, after the policy (a policy
    /// that lowers the rule lowers it further). A finding past the cap is counted at that
    /// severity too.
    #[inline]
    pub fn report_at_most(
        &mut self,
        rule: &'static RuleMeta,
        severity: Severity,
        path: impl Into<String>,
        message: impl Text,
    ) -> Reported<'_> {
        match self.severity_kept(rule, severity) {
            None => Reported(None),
            Some(severity) => self.push(rule, severity, path.into(), message.text()),
        }
    }

    /// The severity (at most `cap`) of a finding of `rule` that is kept; `None` (counting it,
    /// at that severity, when only the cap stops it) when it is not.
    fn severity_kept(&mut self, rule: &'static RuleMeta, cap: Severity) -> Option<Severity> {
        let severity = self.policy.severity(rule)?.min(cap);
        if self.diagnostics.len() >= self.limit {
            self.dropped.add(severity);
            return None;
        }
        Some(severity)
    }

    fn push(
        &mut self,
        rule: &'static RuleMeta,
        severity: Severity,
        path: String,
        message: String,
    ) -> Reported<'_> {
        self.diagnostics
            .push(Diagnostic::new(rule.id, severity, path, message));
        Reported(self.diagnostics.last_mut())
    }

    /// Records that `rule` could not run for lack of a fact. Rules turned off are not listed.
    pub fn skip(&mut self, rule: &'static RuleMeta, reason: impl Into<String>) {
        if self.policy.severity(rule).is_some() && !self.skipped.iter().any(|s| s.rule == rule.id) {
            self.skipped.push(Skipped {
                file: None,
                index: None,
                resource: None,
                rule: rule.id,
                reason: reason.into(),
            });
        }
    }

    pub fn has_errors(&self) -> bool {
        self.dropped.errors > 0
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// A diagnostic's message or hint: text, or a closure that writes it (`|| format!(..)`), called
/// only when the diagnostic is kept: a finding that the policy turns off, or that comes past the
/// diagnostic cap, costs no formatting.
pub trait Text {
    fn text(self) -> String;
}

impl Text for String {
    fn text(self) -> String {
        self
    }
}

impl Text for &str {
    fn text(self) -> String {
        self.to_owned()
    }
}

impl<F: FnOnce() -> String> Text for F {
    fn text(self) -> String {
        self()
    }
}

/// What a rule just reported (`sink.report(..)` returns it), to add a hint and a fix:
/// `sink.report(..).hint("..").fix(..)`; nothing when the policy turned the rule off or the
/// diagnostic cap was reached.
pub struct Reported<'s>(Option<&'s mut Diagnostic>);

impl Reported<'_> {
    fn with(mut self, f: impl FnOnce(&mut Diagnostic)) -> Self {
        if let Some(d) = self.0.as_deref_mut() {
            f(d);
        }
        self
    }

    #[inline]
    pub fn hint(mut self, hint: impl Text) -> Self {
        if let Some(d) = self.0.as_deref_mut() {
            d.hint = Some(hint.text());
        }
        self
    }

    /// Sets the byte offset in the source (for findings that are not at a document path).
    pub fn at(self, offset: usize) -> Self {
        self.with(|d| d.offset = Some(offset))
    }

    /// Sets the Terraform resource address.
    pub fn resource(self, address: impl Into<String>) -> Self {
        self.with(|d| d.resource = Some(address.into()))
    }

    /// Proposes a fix for this finding (see [`crate::fix`]).
    pub fn fix(self, fix: crate::fix::Proposed) -> Self {
        self.with(|d| d.proposed = Some(Box::new(fix)))
    }

    /// Names another field this diagnostic involves (see [`Diagnostic::related`]).
    pub fn related(self, pointer: impl Into<String>) -> Self {
        self.with(|d| d.related.push(pointer.into()))
    }
}
