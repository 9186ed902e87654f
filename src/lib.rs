//! credlint: catch mistakes in integration-credential configurations before the platform does.
//!
//! Layers, bottom to top; a module imports only its own layer and those below (`tests/layers.rs`
//! checks it and lists today's known exceptions):
//!
//! 0. [`json`] (positions, duplicate keys), [`weburl`], [`redact`]
//! 1. [`diagnostic`] (the report model), [`rules`] (the registry), [`structure`] (declared
//!    structure and its checks), [`fix`] (fixes as edits of the text)
//! 2. [`kinds`] (each kind's rules), [`policy_rules`] (the `policy/*` rules), [`policy`],
//!    [`schema`] (JSON Schema export)
//! 3. [`terraform`] (`.tf`, tfvars and plan inputs), [`engine`] (entry points)
//! 4. [`render`] (human, JSON, SARIF, GitHub output), [`driver`] (what `credlint check` does with
//!    each input and how the run ends, shared by both command lines)
//! 5. the shells: `cli` (feature `cli`, with `src/main.rs`), which finds and reads files; `apply`
//!    (feature `apply`, native only), which sends validated credentials over HTTP behind a
//!    `Transport` trait the core never sees; `wasm` (the WebAssembly API and the Node bin)

#[cfg(feature = "apply")]
pub mod apply;
#[cfg(feature = "driver")]
pub mod cli;
pub mod diagnostic;
pub mod driver;
pub mod engine;
pub mod fix;
pub mod json;
pub mod kinds;
pub mod policy;
pub mod policy_rules;
pub mod redact;
pub mod render;
pub mod rules;
pub mod schema;
pub mod structure;
pub mod terraform;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod weburl;

pub use diagnostic::{Diagnostic, Report, Severity, Skipped, Summary};
pub use engine::{ContextSource, Error, Findings, Limits, Options};
