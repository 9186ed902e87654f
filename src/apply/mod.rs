//! `credlint apply` (cargo feature `apply`, native only): sends validated
//! `paragon.integration-credentials` documents to Paragon.
//!
//! Layers, from the inside out: [`plan`] (pure: documents, context, validation through the
//! engine, wire bodies, differences), [`api`] (the four endpoints) over [`retry`] over the
//! [`transport::Transport`] seam, implemented by [`ureq_transport`]; [`command`] orders them and
//! prints. Secrets ([`secrets`]) never reach the output.

#[cfg(target_arch = "wasm32")]
compile_error!("the `apply` feature is native only: it is never part of the WebAssembly build");

pub mod api;
pub mod base_url;
pub mod command;
pub mod plan;
pub mod retry;
pub mod secrets;
pub mod transport;
pub mod ureq_transport;

pub use command::{ApplyArgs, run_cli};
