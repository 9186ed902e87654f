//! Snapshots of what users see (`insta`): the full `--format json` report of every corpus file,
//! and every renderer (human, json, sarif, github) over a representative run. Snapshots live in
//! `tests/snapshots/`; after an intended change, review them with `cargo insta review` (or accept
//! all with `INSTA_UPDATE=always cargo test --test snapshots`) and commit them. Secrets never
//! appear in a snapshot: every secret-looking value of the inputs is checked absent.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{corpus_files, root};

use credlint::driver::{self, Entry, Flags, Format, Origin, Outcome};
use credlint::engine::Options;

/// Values of secret fields in `text` (JSON or HCL), those long and distinctive enough that their
/// appearance in output could only be a leak (not a field name or a word of a message).
fn secrets_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for key in [
        "client_secret",
        "password",
        "access_token",
        "refresh_token",
        "secret",
    ] {
        let mut rest = text;
        while let Some(i) = rest.find(key) {
            rest = &rest[i + key.len()..];
            let after = rest.trim_start_matches('"').trim_start();
            let Some(after) = after.strip_prefix([':', '=']) else {
                continue;
            };
            let Some(value) = after.trim_start().strip_prefix('"') else {
                continue;
            };
            let value = value.split('"').next().unwrap_or_default();
            let wordlike = value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == ' ');
            if value.len() >= 6 && !wordlike {
                found.push(value.to_owned());
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn assert_no_secret(input: &str, output: &str, what: &str) {
    for secret in secrets_in(input) {
        assert!(
            !output.contains(&secret),
            "{what}: a secret value of the input appears in the output"
        );
    }
}

fn checked(name: &str, bytes: Vec<u8>, origin: Origin) -> (String, Origin, Outcome) {
    let outcome = driver::check_input(
        name,
        origin,
        Entry::File(Ok(bytes)),
        &Options::default(),
        Flags::default(),
    );
    (name.to_owned(), origin, outcome)
}

#[test]
fn secrets_in_finds_the_corpus_placeholders() {
    // The guard itself can fail: it sees a distinctive secret.
    assert_eq!(
        secrets_in(r#"{"client_secret": "S3CR3TMARK", "password" = "p"}"#),
        ["S3CR3TMARK"]
    );
}

/// The full `--format json` report of every corpus file.
#[test]
fn corpus_reports() {
    let files = corpus_files();
    assert!(files.len() > 50, "corpus not found");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for file in files {
            let rel = file
                .strip_prefix(root())
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&file).expect("readable");
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let run = driver::finish(
                [checked(&rel, bytes, Origin::Named)],
                Format::Json,
                Flags::default(),
            );
            let shown = format!(
                "exit code: {}\nstderr:\n{}\nstdout:\n{}",
                run.exit_code, run.stderr, run.stdout
            );
            assert_no_secret(&text, &shown, &rel);
            let name = rel
                .trim_start_matches("corpus/")
                .trim_end_matches(".json")
                .replace('/', "__");
            insta::assert_snapshot!(format!("corpus__{name}"), shown);
        }
    });
}

const REPRESENTATIVE: &[&str] = &[
    "examples/credentials.json",
    "corpus/genesys.oauth-client/rules-fail-batch.json",
    "tests/fixtures/terraform/main.tf",
    "tests/fixtures/terraform/plan.json",
];

fn representative_run(format: Format) -> (String, String) {
    let mut outcomes = Vec::new();
    let mut inputs = String::new();
    for rel in REPRESENTATIVE {
        let bytes = std::fs::read(root().join(rel)).expect("readable");
        inputs.push_str(&String::from_utf8_lossy(&bytes));
        outcomes.push(checked(rel, bytes, Origin::Named));
    }
    // Found in a walk and not credentials: passed over (a notice only with --verbose).
    outcomes.push(checked(
        "package.json",
        br#"{"name": "app", "version": "1.0.0"}"#.to_vec(),
        Origin::Found,
    ));
    // Named and not readable: the run fails, the report lists it as unchecked.
    outcomes.push((
        "missing.json".to_owned(),
        Origin::Named,
        driver::check_input(
            "missing.json",
            Origin::Named,
            Entry::File(Err(
                "cannot read missing.json: No such file or directory".into()
            )),
            &Options::default(),
            Flags::default(),
        ),
    ));
    let run = driver::finish(outcomes, format, Flags::default());
    (
        format!(
            "exit code: {}\nstderr:\n{}\nstdout:\n{}",
            run.exit_code, run.stderr, run.stdout
        ),
        inputs,
    )
}

fn clean_run(format: Format) -> String {
    let rel = "corpus/genesys.oauth-client/rules-pass-batch.json";
    let bytes = std::fs::read(root().join(rel)).expect("readable");
    let run = driver::finish(
        [checked(rel, bytes, Origin::Named)],
        format,
        Flags::default(),
    );
    format!(
        "exit code: {}\nstderr:\n{}\nstdout:\n{}",
        run.exit_code, run.stderr, run.stdout
    )
}

#[test]
fn renderers() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (label, format) in [
            ("human", Format::Human),
            ("json", Format::Json),
            ("sarif", Format::Sarif),
            ("github", Format::Github),
        ] {
            let (shown, inputs) = representative_run(format);
            assert_no_secret(&inputs, &shown, label);
            insta::assert_snapshot!(format!("render__{label}"), shown);
            insta::assert_snapshot!(format!("render__{label}__clean"), clean_run(format));
        }
    });
}
