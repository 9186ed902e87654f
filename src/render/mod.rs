//! Renderers over the one diagnostic model. A renderer never knows a rule; a rule never formats
//! output.

pub mod docs;
mod github;
mod human;
mod sarif;

pub use github::github;
pub use human::{Shown, escape, human, human_end, human_lines};
pub use sarif::sarif;

use crate::diagnostic::Report;

/// `--format json`: the report as INTERFACES.md shows it.
pub fn json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// One finding (or skipped rule) as `--format json` prints it inside the report's array
/// (indented for that place, without the separating comma).
pub fn json_item(item: &impl serde::Serialize) -> String {
    let one = serde_json::to_string_pretty(item).unwrap_or_else(|_| "{}".into());
    // A JSON text's strings never hold a raw line break: every line starts a token.
    let mut out = String::with_capacity(one.len() + one.len() / 8);
    for (i, line) in one.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}
