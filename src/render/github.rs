//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), which
//! GitHub shows as annotations on the pull request's diff.

use crate::diagnostic::{Report, Severity};

/// `--format github`: GitHub Actions workflow commands, one annotation per diagnostic.
pub fn github(report: &Report) -> String {
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!(
            "file={}",
            property(d.file.as_deref().unwrap_or("<input>"))
        )];
        if let (Some(l), Some(c)) = (d.line, d.column) {
            props.push(format!("line={l}"));
            props.push(format!("col={c}"));
        }
        props.push(format!("title={}", property(d.rule)));
        let resource = d
            .resource
            .as_deref()
            .map(|r| format!("{r}: "))
            .unwrap_or_default();
        let hint = d
            .hint
            .as_deref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&format!("{resource}{}{hint}", d.message))
        ));
    }
    for u in &report.unchecked {
        out.push_str(&format!(
            "::error file={},title=credlint::{}\n",
            property(&u.file),
            data(&u.reason)
        ));
    }
    out
}
