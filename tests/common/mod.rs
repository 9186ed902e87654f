//! Helpers shared by the integration tests (each test file is its own crate: not every one uses
//! every helper).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every corpus input (`corpus/<kind>/*.json`, not the `.expect.json` files), sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root().join("corpus")).expect("corpus/ exists") {
        let dir = dir.expect("readable").path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).expect("readable") {
            let f = f.expect("readable").path();
            let name = f
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            if name.ends_with(".json") && !name.ends_with(".expect.json") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}
