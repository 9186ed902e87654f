//! The policy file parser (`credlint.json`). A policy that parses is then applied to a batch of
//! documents of every kind, so that raised, lowered and disabled rules go through the renderers.
#![no_main]

use credlint::engine::Options;
use credlint::policy::Policy;
use libfuzzer_sys::fuzz_target;

mod common;

const BATCHES: &[&str] = &[
    include_str!("../../corpus/paragon.integration-credentials/rules-fail-batch.json"),
    include_str!("../../corpus/paragon.custom-integration/rules-fail-batch.json"),
    include_str!("../../corpus/paragon.connect-options/rules-fail-batch.json"),
    include_str!("../../corpus/itential.token-config/rules-fail-batch.json"),
    include_str!("../../corpus/genesys.oauth-client/rules-fail-batch.json"),
    include_str!("../../corpus/oauth.client/rules-fail-batch.json"),
];

const TF: &str = include_str!("../../tests/fixtures/terraform/main.tf");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let policy = match Policy::from_text(text) {
        Ok(p) => p,
        Err(e) => {
            assert!(!e.is_empty());
            return;
        }
    };
    let opts = Options {
        policy,
        ..Default::default()
    };
    let pick = data.len() % BATCHES.len();
    common::check_file("batch.json", BATCHES[pick].as_bytes(), &opts);
    common::check_file("main.tf", TF.as_bytes(), &opts);
});
