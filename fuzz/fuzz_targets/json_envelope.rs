//! The JSON entry as the CLI and the pre-commit hook use it: a `.json` file with no `--kind`
//! (envelopes, batches, plan JSON recognised by content).
#![no_main]

use credlint::engine::Options;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::check_file("input.json", data, &Options::default());
});
