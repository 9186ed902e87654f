//! credlint: catch mistakes in integration-credential configurations before the platform does.
//!
//! Layers, bottom to top; a module imports only its own layer and those below (`tests/layers.rs`
//! checks it):
//!
//! 0. [`json`] (positions, duplicate keys), [`text`] (message text: clipping, paths in words,
//!    "did you mean", numbers as text), [`weburl`], [`redact`], [`order`] (sorting through one
//!    instantiation of the standard sort)
//! 1. [`diagnostic`] (the report model; a policy's severities as a trait), [`rules`] (what a rule
//!    is, and the structure rules), [`structure`] (declared structure and its checks),
//!    [`condition`] (context rules as data: conditions and what they require, for both the checks
//!    and the schema), [`fix`] (fixes as edits of the text)
//! 2. [`kinds`] (each kind's rules), [`policy_rules`] (the `policy/*` rules), [`secrets`] (the
//!    `secrets/*` rules), [`registry`] (every rule), [`policy`] (parsing a policy; finding its
//!    file is the shells' job), [`schema`] (JSON Schema export)
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
pub mod condition;
pub mod diagnostic;
pub mod driver;
pub mod engine;
pub mod fix;
pub mod json;
pub mod kinds;
pub mod order;
pub mod policy;
pub mod policy_rules;
pub mod redact;
pub mod registry;
pub mod render;
pub mod rules;
#[cfg(feature = "docs")]
pub mod schema;
pub mod secrets;
pub mod structure;
pub mod terraform;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod weburl;

pub use diagnostic::{Diagnostic, Report, Severity, Skipped, Summary};
pub use engine::{ContextSource, Error, Findings, Limits, Options};
