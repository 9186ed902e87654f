//! The `.tf` entry: HCL through hcl-edit, resource blocks as documents, secrets in source.
#![no_main]

use credlint::engine::Options;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::check_file("main.tf", data, &Options::default());
});
