//! credlint: catch mistakes in integration-credential configurations before the platform does.
//!
//! Layers, from the inside out:
//! - the pure core: [`json`] (positions, duplicate keys), [`structure`] (declared structure and its
//!   checks), [`schema`] (JSON Schema export), [`kinds`] (each kind's rules), [`rules`] (the
//!   registry), [`policy`], [`engine`] (entry points) and [`render`] (human and JSON output);
//! - [`driver`]: what `credlint check` does with each input (checked, passed over with a notice,
//!   or not checkable: the run fails) and how the run ends, shared by both command lines;
//! - the CLI (`src/main.rs`, feature `cli`) and the Node bin (through `wasm::run_cli`), which find
//!   and read files;
//! - [`apply`] (feature `apply`, native only): sends validated credentials over HTTP, behind a
//!   `Transport` trait the core never sees.

#[cfg(feature = "apply")]
pub mod apply;
#[cfg(feature = "driver")]
pub mod cli;
pub mod constraints;
pub mod diagnostic;
pub mod driver;
pub mod engine;
pub mod json;
pub mod kinds;
pub mod policy;
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
pub use engine::{ContextSource, Error, FileResult, Limits, Options};
