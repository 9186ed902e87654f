//! The Terraform plan JSON entry (`terraform show -json`). Byte 0 chooses the mode: even, the
//! rest is the whole plan file; odd, the rest is one resource change's `after` (and, after a
//! 0xFF byte, its `after_unknown`), wrapped into a plan of a resource type chosen by byte 0, so
//! that the fuzzer spends its time inside the plan checks rather than on finding the plan shape.
#![no_main]

use credlint::engine::Options;
use libfuzzer_sys::fuzz_target;

mod common;

const TYPES: &[&str] = &[
    "paragon_integration_credentials",
    "genesyscloud_oauth_client",
];

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else { return };
    if mode & 1 == 0 {
        common::check_file("plan.json", rest, &Options::default());
        return;
    }
    let rtype = TYPES[(*mode as usize >> 1) % TYPES.len()];
    let action = if mode & 0x40 == 0 { "create" } else { "update" };
    let (after, unknown) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &b"{}"[..]),
    };
    let mut plan = Vec::with_capacity(rest.len() + 256);
    plan.extend_from_slice(
        format!(
            r#"{{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{{"address":"{rtype}.x","type":"{rtype}","change":{{"actions":["{action}"],"after":"#
        )
        .as_bytes(),
    );
    plan.extend_from_slice(after);
    plan.extend_from_slice(b",\"after_unknown\":");
    plan.extend_from_slice(unknown);
    plan.extend_from_slice(b"}}]}");
    common::check_file("plan.json", &plan, &Options::default());
});
