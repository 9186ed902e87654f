//! The JSON entry with `--kind`: byte 0 picks the kind (or none), byte 1 the limits and policy;
//! the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let [k, o, rest @ ..] = data else { return };
    let opts = common::options_for(*o, common::kind_for(*k));
    common::check_file("input.json", rest, &opts);
});
