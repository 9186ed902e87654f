//! Renderers over the one diagnostic model. A renderer never knows a rule; a rule never formats
//! output.

pub mod docs;
mod human;
mod sarif;

pub use human::{escape, human};
pub use sarif::{github, sarif};

use crate::diagnostic::Report;

/// `--format json`: the report as INTERFACES.md shows it.
pub fn json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
