//! Shared by every fuzz target: run an entry point, then render every output format and check
//! the invariants that hold for any input (the renderers run, the JSON and SARIF outputs are
//! JSON, positions are 1-based, the diagnostic cap holds).

#![allow(dead_code)]

use credlint::engine::{self, Findings, Options};
use credlint::{Report, render};

/// Renders `result` in every format and checks what must hold for any input. SARIF output
/// describes all rules every time (most of its cost is constant), so it is rendered for one
/// input in `sarif_every`, to keep the executions per second up.
pub fn render_all(result: Findings, opts: &Options, sarif_every: usize) {
    let mut report = Report::new();
    report.extend(result);
    for d in &report.diagnostics {
        assert!(d.line.is_none_or(|l| l >= 1), "line 0 in {d:?}");
        assert!(d.column.is_none_or(|c| c >= 1), "column 0 in {d:?}");
        assert!(
            d.path.is_empty() || d.path.starts_with('/'),
            "path is not a JSON Pointer: {d:?}"
        );
    }
    let _ = opts;
    let human = render::human(&report);
    assert!(!human.is_empty());
    let json = render::json(&report);
    serde_json::from_str::<serde_json::Value>(&json).expect("--format json output is JSON");
    if sarif_every <= 1 || report.diagnostics.len() % sarif_every == 1 {
        let sarif = render::sarif(&report);
        serde_json::from_str::<serde_json::Value>(&sarif).expect("--format sarif output is JSON");
    }
    let github = render::github(&report);
    assert_eq!(
        github.lines().count(),
        report.diagnostics.len(),
        "one annotation line per diagnostic"
    );
}

/// Checks `data` as the file `name` and renders the result; an `Error` (exit 2) is fine, a
/// panic is not.
pub fn check_file(name: &str, data: &[u8], opts: &Options) {
    match engine::check_file(name, data, opts) {
        Ok(result) => render_all(result, opts, 8),
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// A kind chosen by one byte, or none.
pub fn kind_for(byte: u8) -> Option<&'static dyn credlint::kinds::Kind> {
    let all = credlint::kinds::all();
    all.get(byte as usize % (all.len() + 1)).copied()
}

/// Options varied by one byte: default limits, or small ones (to reach the limit paths).
pub fn options_for(byte: u8, kind: Option<&'static dyn credlint::kinds::Kind>) -> Options {
    let mut opts = Options {
        kind,
        ..Default::default()
    };
    if byte & 1 == 1 {
        opts.limits.max_diagnostics = 3;
    }
    if byte & 2 == 2 {
        opts.limits.max_depth = 4;
    }
    if byte & 4 == 4 {
        opts.limits.max_bytes = 256;
    }
    if byte & 8 == 8 {
        opts.policy = credlint::policy::Policy::from_text(
            r#"{"options": {"secrets/hardcoded-secret": {"json": true}}}"#,
        )
        .expect("a valid policy");
    }
    opts
}
