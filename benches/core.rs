//! Native throughput of the core: `engine::check_text` on corpus documents and on a batch, with
//! no WebAssembly boundary, so `bench/run.mjs` can show what the boundary costs.
//! Run: `cargo bench --bench core --no-default-features` (the bench needs no CLI; see
//! docs/performance.md), `-- --output-format bencher` for one line per benchmark.

use std::hint::black_box;
use std::path::Path;

use credlint::engine::{self, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Corpus envelopes of four kinds, with and without errors.
const DOCUMENTS: &[(&str, &str)] = &[
    (
        "credentials-custom",
        "corpus/paragon.integration-credentials/seed-advanced-config-custom.json",
    ),
    (
        "genesys-example",
        "corpus/genesys.oauth-client/seed-example.json",
    ),
    ("oauth-rfc7591", "corpus/oauth.client/rfc7591-example.json"),
    (
        "custom-integration-oauth",
        "corpus/paragon.custom-integration/seed-oauth.json",
    ),
];

const BATCHES: &[&str] = &[
    "corpus/genesys.oauth-client/rules-fail-batch.json",
    "corpus/oauth.client/rules-pass-batch.json",
    "corpus/itential.token-config/rules-pass-batch.json",
    "corpus/paragon.custom-integration/rules-fail-batch.json",
];

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

/// One JSON array holding every element of the batch files: a batch mixing four kinds.
fn mixed_batch() -> (String, u64) {
    let mut elements = Vec::new();
    for path in BATCHES {
        match serde_json::from_str::<serde_json::Value>(&read(path)) {
            Ok(serde_json::Value::Array(items)) => elements.extend(items),
            _ => panic!("{path} is not a JSON array"),
        }
    }
    let count = elements.len() as u64;
    (serde_json::Value::Array(elements).to_string(), count)
}

fn core(c: &mut Criterion) {
    let opts = Options::default();
    let mut group = c.benchmark_group("check_text");
    for (name, path) in DOCUMENTS {
        let text = read(path);
        assert!(
            engine::check_text(&text, None, &opts).is_ok(),
            "{path} does not run"
        );
        group.throughput(Throughput::Elements(1));
        group.bench_function(*name, |b| {
            b.iter(|| engine::check_text(black_box(&text), None, &opts))
        });
    }
    let (batch, count) = mixed_batch();
    group.throughput(Throughput::Elements(count));
    group.bench_function(format!("batch-{count}"), |b| {
        b.iter(|| engine::check_text(black_box(&batch), None, &opts))
    });
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
