//! The I/O floor under the native CLI's wall time (`node bench/run.mjs`): walks a tree with the
//! `ignore` crate's parallel walker on as many threads as the CLI uses
//! (`available_parallelism`), opens and reads every file the CLI would check (`*.json`, `*.tf`,
//! `*.tfvars`) into one buffer, and does nothing else. Prints `FILES BYTES`.
//!
//!   cargo build --release --example io-floor
//!   target/release/examples/io-floor DIR

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use ignore::{WalkBuilder, WalkState};

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: io-floor DIR");
        std::process::exit(2);
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let files = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let failed = AtomicU64::new(0);
    let (files_ref, bytes_ref, failed_ref) = (&files, &bytes, &failed);
    // No ignore files and no hidden-file filter: the tree is the bench's own, and the floor should
    // not spend time the CLI does not (its walk reads the ignore files it finds; the bench's tree
    // has none).
    WalkBuilder::new(&root)
        .standard_filters(false)
        .threads(threads)
        .build_parallel()
        .run(move || {
            let (files, bytes, failed) = (files_ref, bytes_ref, failed_ref);
            Box::new(move |entry| {
                let Ok(entry) = entry else {
                    failed.fetch_add(1, Ordering::Relaxed);
                    return WalkState::Continue;
                };
                if entry.file_type().is_some_and(|t| t.is_file()) && wanted(entry.path()) {
                    match std::fs::read(entry.path()) {
                        Ok(buf) => {
                            files.fetch_add(1, Ordering::Relaxed);
                            bytes.fetch_add(buf.len() as u64, Ordering::Relaxed);
                        }
                        Err(_) => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                WalkState::Continue
            })
        });
    println!(
        "{} {}",
        files.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed)
    );
    if failed.load(Ordering::Relaxed) > 0 {
        eprintln!(
            "io-floor: {} entries could not be read",
            failed.into_inner()
        );
        std::process::exit(1);
    }
}

/// The files a folder walk of `credlint check` picks up.
fn wanted(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("json" | "tf" | "tfvars")
    )
}
