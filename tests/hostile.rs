//! Hostile input, natively: every case gets a clear diagnostic or error, within bounded time and
//! memory, and never a crash. Cases that could abort the process (stack overflow, out of memory)
//! run through the built binary (or this test binary in a child process), so that a failure is a
//! failed assertion, not a dead test runner; the binary's peak memory is read from
//! `/proc/<pid>/status` while it runs.
//!
//! Time bounds are generous sanity bounds for a debug build on a loaded two-core machine, never
//! benchmarks. A test marked `#[ignore = "known limit: ..."]` measures a documented limit that is
//! not a bug to fix here (it needs a different value representation); run it with
//! `cargo test --test hostile -- --ignored`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use credlint::engine::{self, Limits, Options};
use credlint::{Diagnostic, Findings, Report, kinds, render};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_credlint");
const CREDS: &str = "paragon.integration-credentials";
/// The sanity bound on one check in a debug build.
const SANE: Duration = Duration::from_secs(60);
/// The memory bound on one run of the binary.
const MAX_RSS_KB: u64 = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Helpers

fn creds() -> Options {
    Options {
        kind: kinds::find(CREDS),
        ..Default::default()
    }
}

/// Checks `bytes` as the file `name` in-process, timing it.
fn check(name: &str, bytes: &[u8], opts: &Options) -> (Findings, Duration) {
    let start = Instant::now();
    let result = engine::check_file(name, bytes, opts)
        .unwrap_or_else(|e| panic!("{name}: the check did not run: {e}"));
    let took = start.elapsed();
    assert!(took < SANE, "{name}: took {took:?}");
    // Every renderer copes with the result.
    let mut report = Report::new();
    report.extend(result.clone());
    for out in [
        render::human(&report),
        render::json(&report),
        render::sarif(&report),
        render::github(&report),
    ] {
        assert!(!out.is_empty() || report.diagnostics.is_empty());
    }
    (result, took)
}

/// The only diagnostic of a result, which must be `structure/invalid-json`.
fn fatal(result: &Findings) -> &Diagnostic {
    assert_eq!(result.diagnostics.len(), 1, "{:#?}", result.diagnostics);
    let d = &result.diagnostics[0];
    assert_eq!(d.rule, "structure/invalid-json", "{d:?}");
    d
}

fn at(d: &Diagnostic) -> (u32, u32) {
    (d.line.expect("a line"), d.column.expect("a column"))
}

fn envelope(document: &str) -> String {
    format!("{{\"kind\": \"{CREDS}\", \"document\": {document}}}")
}

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    /// `None`: killed by a signal (a crash, or our timeout).
    code: Option<i32>,
    timed_out: bool,
    stdout: String,
    stderr: String,
    took: Duration,
    /// Peak resident memory of the binary, when it could be measured.
    peak_rss_kb: Option<u64>,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
    }

    /// Exited by itself with 0 or 1 (checked), not 2 (could not run) or a signal (a crash).
    fn assert_checked(&self, what: &str) {
        assert!(
            !self.timed_out,
            "{what}: still running after {:?}",
            self.took
        );
        assert!(
            matches!(self.code, Some(0 | 1)),
            "{what}: exit {:?}\nstderr: {}",
            self.code,
            clip(&self.stderr)
        );
        if let Some(kb) = self.peak_rss_kb {
            assert!(kb < MAX_RSS_KB, "{what}: peak memory {} MB", kb / 1024);
        }
    }
}

fn clip(s: &str) -> &str {
    let mut end = s.len().min(2000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the input");
    path
}

/// Runs the binary with `args`, killing it (by its process id; the run then fails) after
/// `limit`. Output goes to files, so a large report cannot block a pipe. Peak memory is the
/// kernel's high-water mark (`VmHWM` in `/proc/<pid>/status`), read every 10 ms while the binary
/// runs: it only ever grows, so the last reading misses at most the final 10 ms.
fn cli(args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Run {
    let dir = scratch();
    let out_path = dir.path().join("stdout");
    let err_path = dir.path().join("stderr");
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("the binary starts");
    let writer = stdin.map(|input| {
        let mut pipe = child.stdin.take().expect("stdin");
        let input = input.to_vec();
        // The binary may stop reading at its size limit: a broken pipe is fine.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        })
    });
    let mut hwm = None;
    let mut timed_out = false;
    let status = loop {
        hwm = vm_hwm_kb(child.id()).or(hwm);
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait after kill");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stdout =
        String::from_utf8_lossy(&std::fs::read(&out_path).unwrap_or_default()).into_owned();
    let stderr =
        String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned();
    Run {
        code: status.code(),
        timed_out,
        stdout,
        stderr,
        took,
        peak_rss_kb: hwm,
    }
}

/// Runs `body` in a child process (this test binary, running only the test `name`), so that a
/// stack overflow or an abort fails the test instead of killing the test runner.
fn isolated(name: &str, body: impl FnOnce()) {
    if std::env::var_os("CREDLINT_HOSTILE_CHILD").is_some() {
        body();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new(exe)
        .args([
            name,
            "--exact",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("CREDLINT_HOSTILE_CHILD", "1")
        .output()
        .expect("the test binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{name} failed in a child process ({:?}):\n{}",
        out.status,
        clip(&stderr)
    );
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---------------------------------------------------------------------------------------------
// Deep nesting

#[test]
fn json_nested_100000_deep_is_one_diagnostic() {
    let deep_array = "[".repeat(100_000);
    let deep_object = "{\"a\":".repeat(100_000);
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases = [
        // The 129th opening bracket is where the limit is passed.
        (deep_array.clone(), (1, 129)),
        (deep_object, (1, 5 * 128 + 1)),
        (closed, (1, 129)),
        (
            envelope(&format!(
                "{{\"extra_configuration\": {{\"a\": {deep_array}}}}}"
            )),
            (1, 0),
        ),
        (
            format!("{{\"oauth\":\r\n{}", "[\r\n".repeat(100_000)),
            (129, 1),
        ),
    ];
    for (text, (line, column)) in cases {
        for opts in [creds(), Options::default()] {
            let (r, _) = check("deep.json", text.as_bytes(), &opts);
            let d = fatal(&r);
            assert!(
                d.message.contains("nesting deeper than 128 levels"),
                "{d:?}"
            );
            assert_eq!(d.line, Some(line), "{d:?}");
            if column > 0 {
                assert_eq!(d.column, Some(column), "{d:?}");
            }
        }
    }
}

/// The library on a small stack, as in WebAssembly (1 MiB by default there). A debug build's
/// frames are several times larger than a release build's: 64 nested HCL template directives
/// (hcl-edit's own limit) need more than 1 MiB unoptimised, and less than 256 KiB optimised
/// (measured with the fuzz build), so the debug bound is 4 MiB.
#[test]
fn json_and_tf_nesting_fit_a_small_stack() {
    isolated("json_and_tf_nesting_fit_a_small_stack", small_stack);
}

fn small_stack() {
    let size = if cfg!(debug_assertions) { 4 } else { 1 } * 1024 * 1024;
    let handle = std::thread::Builder::new()
        .stack_size(size)
        .spawn(|| {
            let deepest_allowed = format!("{}{}", "[".repeat(128), "]".repeat(128));
            eprintln!("small stack: JSON at the depth limit");
            let r = engine::check_file(
                "a.json",
                envelope(&format!(
                    "{{\"extra_configuration\": {{\"a\": {deepest_allowed}}}}}"
                ))
                .as_bytes(),
                &Options::default(),
            );
            assert!(r.is_ok());
            for text in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
                let r = engine::check_file("a.json", text.as_bytes(), &Options::default())
                    .expect("runs");
                fatal(&r);
            }
            for (what, tf) in deep_tf_cases() {
                eprintln!("small stack: {what}");
                let _ = engine::check_file("main.tf", tf.as_bytes(), &Options::default())
                    .expect("runs");
            }
        })
        .expect("thread");
    handle
        .join()
        .expect("no panic or overflow on a small stack");
}

/// Deeply nested and long-chained Terraform expressions: brackets, blocks, operators,
/// conditionals, templates, traversals.
fn deep_tf_cases() -> Vec<(&'static str, String)> {
    let n = 100_000;
    let local = |expr: String| format!("locals {{\n  a = {expr}\n}}\n");
    vec![
        ("lists", local("[".repeat(n))),
        (
            "closed lists",
            local(format!("{}{}", "[".repeat(n), "]".repeat(n))),
        ),
        ("objects", local("{ a = ".repeat(n))),
        (
            "parentheses",
            local(format!("{}1{}", "(".repeat(n), ")".repeat(n))),
        ),
        (
            "function calls",
            local(format!("{}1{}", "f(".repeat(n), ")".repeat(n))),
        ),
        (
            "blocks",
            format!("{}{}", "a {\n".repeat(n), "}\n".repeat(n)),
        ),
        (
            "resource blocks",
            format!(
                "resource \"paragon_integration_credentials\" \"x\" {{\n{}{}}}\n",
                "b {\n".repeat(n),
                "}\n".repeat(n)
            ),
        ),
        ("not", local(format!("{}true", "!".repeat(n)))),
        ("negation", local(format!("{}1", "-".repeat(n)))),
        ("sums", local(format!("{}1", "1 + ".repeat(n)))),
        ("conditionals", local(format!("{}1", "x ? 1 : ".repeat(n)))),
        (
            "templates",
            local(format!("{}1{}", "\"${".repeat(n / 2), "}\"".repeat(n / 2))),
        ),
        (
            "template directives",
            local(format!(
                "\"{}x{}\"",
                "%{ if a }".repeat(n / 2),
                "%{ endif }".repeat(n / 2)
            )),
        ),
        ("heredocs", local(format!("<<EOT\n{}\nEOT", "${".repeat(n)))),
        ("traversals", local(format!("x{}", ".a".repeat(n)))),
        ("indexes", local(format!("x{}", "[0]".repeat(n)))),
        ("splats", local(format!("x{}", "[*].a".repeat(n)))),
        (
            "for expressions",
            local(format!(
                "{}x{}",
                "[for x in ".repeat(n / 2),
                " : x]".repeat(n / 2)
            )),
        ),
    ]
}

#[test]
fn tf_nested_100000_deep_gives_a_result() {
    for (what, tf) in deep_tf_cases() {
        let (r, _) = check("main.tf", tf.as_bytes(), &Options::default());
        for d in &r.diagnostics {
            assert!(d.line.is_some(), "{what}: {d:?}");
            if d.rule == "structure/invalid-json" {
                assert!(d.message.starts_with("invalid HCL"), "{what}: {d:?}");
            }
        }
    }
    // And through the binary (the main thread's stack).
    let dir = scratch();
    for (what, tf) in deep_tf_cases() {
        let path = write(dir.path(), "main.tf", tf.as_bytes());
        let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
        run.assert_checked(what);
        run.json();
    }
}

#[test]
fn json_nested_100000_deep_through_the_binary() {
    let dir = scratch();
    let path = write(dir.path(), "deep.json", "[".repeat(100_000).as_bytes());
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("deep JSON");
    assert_eq!(run.code, Some(1));
    let out = run.json();
    assert_eq!(out["diagnostics"][0]["rule"], "structure/invalid-json");
}

/// `--max-depth` above `Limits::DEEPEST` is refused (exit 2) with a clear message, natively and
/// in the library's limits check; the library clamps a larger limit it is handed. At the ceiling,
/// a 100,000-deep input is one diagnostic, and documents nested right up to it are checked, on
/// the binary's main thread and on its worker threads (64 files), in a debug build.
#[test]
fn max_depth_has_a_ceiling_that_fits_the_stack() {
    let dir = scratch();
    let hundred_thousand = write(
        dir.path(),
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    let run = cli(
        &[
            "check",
            "--kind",
            CREDS,
            "--max-depth",
            "1000000",
            path_str(&hundred_thousand),
        ],
        None,
        SANE,
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("may be at most 512, not 1000000"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let too_deep = Limits {
        max_depth: 1_000_000,
        ..Default::default()
    };
    assert!(too_deep.check().is_err());
    assert_eq!(too_deep.depth(), Limits::DEEPEST);

    let ceiling = Limits::DEEPEST.to_string();
    let run = cli(
        &[
            "check",
            "--kind",
            CREDS,
            "--max-depth",
            &ceiling,
            "--format",
            "json",
            path_str(&hundred_thousand),
        ],
        None,
        SANE,
    );
    run.assert_checked("100,000-deep JSON with --max-depth 512");
    assert!(
        run.stdout.contains("nesting deeper than 512 levels"),
        "{}",
        clip(&run.stdout)
    );
    let opts = Options {
        limits: too_deep,
        ..creds()
    };
    let (r, _) = check(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
        &opts,
    );
    assert!(
        fatal(&r).message.contains("nesting deeper than 512 levels"),
        "{:?}",
        r.diagnostics
    );

    // The envelope, `document` and `extra_configuration` are three levels.
    let inner = Limits::DEEPEST - 3;
    let objects = format!("{}1{}", "{\"a\": ".repeat(inner), "}".repeat(inner));
    let arrays = format!("{}{}", "[".repeat(inner), "]".repeat(inner));
    let mut paths = Vec::new();
    for i in 0..32 {
        for (name, deep) in [("objects", &objects), ("arrays", &arrays)] {
            let text = envelope(&format!("{{\"extra_configuration\": {{\"a\": {deep}}}}}"));
            paths.push(write(
                dir.path(),
                &format!("{name}-{i}.json"),
                text.as_bytes(),
            ));
        }
    }
    let first = [path_str(&paths[0]), path_str(&paths[1])];
    let mut args = vec!["check", "--max-depth", &ceiling, "--format", "json"];
    args.extend(first);
    let run = cli(&args, None, SANE);
    run.assert_checked("two documents nested 512 deep, on the main thread");
    assert!(
        !run.stdout.contains("nesting deeper"),
        "{}",
        clip(&run.stdout)
    );
    assert!(
        run.stdout.contains("paragon/extra-value-type"),
        "{}",
        clip(&run.stdout)
    );
    let mut args = vec!["check", "--max-depth", &ceiling, "--format", "json"];
    args.extend(paths.iter().map(|p| path_str(p)));
    let run = cli(&args, None, SANE);
    run.assert_checked("64 documents nested 512 deep, on worker threads");
    assert_eq!(run.json()["summary"]["documents"], 64);
}

// ---------------------------------------------------------------------------------------------
// Size

/// A 100 MB document with the default limits: rejected by `max_bytes` (64 MiB) with one
/// diagnostic, in-process and through the binary (which reads no more than the limit).
#[test]
fn document_of_100_mb_is_rejected_by_the_size_limit() {
    let secret = "x".repeat(100 * 1024 * 1024);
    let text = envelope(&format!(
        "{{\"oauth\": {{\"client_id\": \"a\", \"client_secret\": \"{secret}\"}}}}"
    ));
    drop(secret);
    for name in ["big.json", "big.tf"] {
        let (r, _) = check(name, text.as_bytes(), &Options::default());
        let d = fatal(&r);
        assert!(
            d.message
                .contains("larger than the limit of 67108864 bytes"),
            "{d:?}"
        );
        assert_eq!(at(d), (1, 1));
    }
    let dir = scratch();
    let path = write(dir.path(), "big.json", text.as_bytes());
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("100 MB file");
    assert!(
        run.json()["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("larger than the limit")
    );
    println!(
        "100 MB file, default limits: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
    let run = cli(
        &["check", "--stdin", "--format", "json"],
        Some(text.as_bytes()),
        SANE,
    );
    run.assert_checked("100 MB on standard input");
    assert!(
        run.json()["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("larger than the limit")
    );
    println!(
        "100 MB on stdin, default limits: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
}

/// A 100 MB document under a raised limit is checked, in bounded time and memory, and the
/// 100 MB secret is not echoed.
#[test]
fn document_of_100_mb_under_a_raised_limit_is_checked() {
    let secret = "s".repeat(100 * 1024 * 1024);
    let text = envelope(&format!(
        "{{\"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\", \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\", \"oauth\": {{\"client_id\": \"a\", \"client_secret\": \"{secret}\", \"scopes\": [\"read\"]}}, \"extra_configuration\": {{\"k\": \"{}\"}}}}",
        &secret[..1000]
    ));
    drop(secret);
    let dir = scratch();
    let path = write(dir.path(), "big.json", text.as_bytes());
    drop(text);
    let run = cli(
        &[
            "check",
            "--max-bytes",
            "200000000",
            "--format",
            "json",
            path_str(&path),
        ],
        None,
        SANE,
    );
    run.assert_checked("100 MB document, --max-bytes 200000000");
    assert_eq!(run.code, Some(0), "{}", clip(&run.stdout));
    assert!(run.stdout.len() < 10_000);
    println!(
        "100 MB document checked: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
}

/// Memory per input byte, worst shape: 60 MB (under the default 64 MiB limit) of one-digit
/// values in one list. Each value is a 16-byte span tree node and a byte of the tree's text (a
/// list of leaves needs no index): with the text itself and the process's own memory, at most
/// 10x the input (~570 MB here). Before the checks read the tree alone, every value was also a
/// `serde_json::Value`: 2.8 GB, more than a WebAssembly instance can have.
#[test]
fn sixty_megabytes_of_small_values_take_at_most_ten_times_their_size() {
    let mut text = String::with_capacity(61_000_000);
    text.push_str("{\"kind\": \"paragon.integration-credentials\", \"document\": {\"extra_configuration\": {\"a\": [");
    for i in 0..30_000_000 {
        text.push_str(if i == 0 { "1" } else { ",1" });
    }
    text.push_str("]}}}");
    let dir = scratch();
    let path = write(dir.path(), "many.json", text.as_bytes());
    let run = cli(
        &["check", "--format", "json", path_str(&path)],
        None,
        Duration::from_secs(120),
    );
    println!(
        "60 MB of small values: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
    run.assert_checked("60 MB of small values");
    let kb = run.peak_rss_kb.unwrap_or_else(|| {
        panic!("60 MB of small values: the binary's peak memory could not be read")
    });
    // The process's own memory included.
    let ratio = (kb * 1024) as f64 / text.len() as f64;
    assert!(
        ratio <= 10.0,
        "60 MB of small values: peak memory {ratio:.2}x the input"
    );
}

/// Memory stays proportional and bounded for a 10 MB list (what the default limits should
/// allow for every input size, once the reproducer above is fixed).
#[test]
fn ten_megabytes_of_small_values_stay_under_one_gigabyte() {
    let mut text = String::with_capacity(10_100_000);
    text.push_str("{\"kind\": \"paragon.integration-credentials\", \"document\": {\"extra_configuration\": {\"a\": [");
    for i in 0..5_000_000 {
        text.push_str(if i == 0 { "1" } else { ",1" });
    }
    text.push_str("]}}}");
    let dir = scratch();
    let path = write(dir.path(), "many.json", text.as_bytes());
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("10 MB of small values");
    let out = run.json();
    assert_eq!(out["diagnostics"][0]["rule"], "structure/required");
    println!(
        "10 MB of small values: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
}

/// The size limit counts bytes before decoding: a file cut at the limit inside a multi-byte
/// character is "too large", not "not valid UTF-8".
#[test]
fn size_limit_wins_over_utf8_decoding() {
    let text = envelope(&format!(
        "{{\"oauth\": {{\"client_secret\": \"{}\"}}}}",
        "é".repeat(200)
    ));
    // The binary reads max_bytes + 1 bytes: let the last of them be the first half of an `é`.
    let end = (100..text.len())
        .find(|&i| !text.is_char_boundary(i))
        .expect("inside an `é`");
    let opts = Options {
        limits: Limits {
            max_bytes: end - 1,
            ..Default::default()
        },
        ..Default::default()
    };
    let cut = &text.as_bytes()[..end];
    assert!(std::str::from_utf8(cut).is_err());
    let (r, _) = check("big.json", cut, &opts);
    assert!(
        fatal(&r).message.contains("larger than the limit"),
        "{:?}",
        r.diagnostics
    );
}

// ---------------------------------------------------------------------------------------------
// Many keys, many diagnostics

fn many_keys(n: usize, separator: &str) -> String {
    let mut text = String::with_capacity(n * 16);
    text.push_str(
        "{\"kind\": \"paragon.integration-credentials\", \"document\": {\"extra_configuration\": {",
    );
    for i in 0..n {
        if i > 0 {
            text.push(',');
            text.push_str(separator);
        }
        text.push_str(&format!("\"k{i}\": \"v\""));
    }
    text.push_str("}}}");
    text
}

/// A million keys in one object: the parser looks for an earlier occurrence of each key among
/// all the members before it, so the time grows with the square of the number of keys (20,000
/// keys: 4 s, 40,000: 16 s in a debug build; a million: hours).
#[test]
fn million_keys_in_one_object() {
    let dir = scratch();
    let path = write(
        dir.path(),
        "keys.json",
        many_keys(1_000_000, "\n").as_bytes(),
    );
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("a million keys");
}

/// A million keys spread over many small objects is fine: the time is linear.
#[test]
fn million_keys_in_small_objects() {
    let mut text = String::from("[");
    for i in 0..10_000 {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str("{\"kind\": \"paragon.integration-credentials\", \"document\": {\"extra_configuration\": {");
        for k in 0..100 {
            text.push_str(&format!("{}\"k{k}\": \"v\"", if k > 0 { ", " } else { "" }));
        }
        text.push_str("}}}");
    }
    text.push(']');
    let (r, took) = check("keys.json", text.as_bytes(), &Options::default());
    assert_eq!(r.documents, 10_000);
    assert_eq!(r.diagnostics.len(), 1000, "capped at max_diagnostics");
    assert!(
        r.diagnostics
            .last()
            .and_then(|d| d.hint.as_deref())
            .is_some_and(|h| h.contains("more diagnostics"))
    );
    println!("a million keys in 10,000 objects: {took:?}");
}

/// Many diagnostics on one long line (minified JSON): each position is counted from the start
/// of its line, so the time grows with the square of the line length (200,000 elements: 4 s in
/// a debug build; a 64 MiB line: days).
#[test]
fn many_diagnostics_on_one_long_line() {
    // A batch (its first element is a near-envelope) whose other elements are not envelopes: a
    // diagnostic each. (A list of plain numbers alone is not credentials at all: refused whole.)
    let text = format!("[{{\"kind\":1}},{}]", vec!["1"; 2_000_000].join(","));
    let dir = scratch();
    let path = write(dir.path(), "batch.json", text.as_bytes());
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("2,000,000 batch elements on one line");
}

/// The same batch with one element per line is linear.
#[test]
fn many_diagnostics_on_many_lines() {
    // Batch elements that are not envelopes (a `document` without `kind`): one diagnostic each.
    let text = format!("[{}]", vec![r#"{"document": {}}"#; 200_000].join(",\n"));
    let (r, took) = check("batch.json", text.as_bytes(), &Options::default());
    assert_eq!(r.documents, 200_000);
    assert_eq!(r.diagnostics.len(), 1000);
    assert_eq!(at(&r.diagnostics[999]), (1000, 1));
    println!("200,000 batch elements on 200,000 lines: {took:?}");
}

/// `max_diagnostics` holds for every input, Terraform ones included.
#[test]
fn diagnostic_cap_holds_for_terraform_inputs() {
    let mut tf = String::new();
    for i in 0..1500 {
        tf.push_str(&format!(
            "resource \"paragon_integration_credentials\" \"r{i}\" {{\n  integration_id = 1\n}}\n"
        ));
    }
    let (r, _) = check("main.tf", tf.as_bytes(), &Options::default());
    assert!(
        r.diagnostics.len() <= 1000,
        "{} diagnostics for a .tf file",
        r.diagnostics.len()
    );
    let changes: Vec<Value> = (0..1500)
        .map(|i| json!({"address": format!("paragon_integration_credentials.r{i}"), "type": "paragon_integration_credentials", "change": {"actions": ["create"], "after": {"integration_id": 1}}}))
        .collect();
    let plan =
        json!({"format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": changes})
            .to_string();
    let (r, _) = check("plan.json", plan.as_bytes(), &Options::default());
    assert!(
        r.diagnostics.len() <= 1000,
        "{} diagnostics for a plan",
        r.diagnostics.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Encodings

#[test]
fn invalid_utf8_is_a_diagnostic_at_its_position() {
    let cases: Vec<(&str, Vec<u8>, (u32, u32))> = vec![
        ("a.json", b"{\n  \"kind\": \"paragon.integration-credentials\",\n  \"x\": \"ab\xff\"\n}".to_vec(), (3, 11)),
        ("a.json", b"{\"oauth\": \"\xc3\"}".to_vec(), (1, 12)),
        ("a.json", b"{\"oauth\": \"\xe2\x82\"}".to_vec(), (1, 12)),
        ("a.json", b"{\"a\": \"\xc0\xaf\"}".to_vec(), (1, 8)),
        ("a.json", b"{\"a\": \"\xed\xa0\x80\"}".to_vec(), (1, 8)),
        ("a.json", b"\xff\xfe{\x00}\x00".to_vec(), (1, 1)),
        ("a.json", b"{\"a\": \"x\"}\xe2\x82".to_vec(), (1, 11)),
        ("main.tf", b"resource \"paragon_integration_credentials\" \"x\" {\r\n  integration_id = \"\x80\"\r\n}\r\n".to_vec(), (2, 21)),
    ];
    for (name, bytes, position) in cases {
        let (r, _) = check(name, &bytes, &creds());
        let d = fatal(&r);
        assert_eq!(d.message, "the file is not valid UTF-8", "{name} {bytes:?}");
        assert_eq!(at(d), position, "{name} {bytes:?}");
    }
}

#[test]
fn lone_surrogate_escapes_are_invalid_json_at_the_escape() {
    for (doc, column) in [
        (r#"{"oauth": {"client_id": "\ud800"}}"#, 26),
        (r#"{"oauth": {"client_id": "\udfff"}}"#, 26),
        (r#"{"oauth": {"client_id": "ab\uDBFF\u0041"}}"#, 28),
        (r#"{"oauth": {"client_id": "\ud800\ud800"}}"#, 26),
        (r#"{"oauth": {"client_id": "\ud800\"#, 26),
        (r#"{"oauth": {"client_id": "\ud800"#, 26),
        (r#"{"\udc00": 1}"#, 3),
    ] {
        let (r, _) = check("a.json", doc.as_bytes(), &creds());
        let d = fatal(&r);
        assert!(d.message.contains("lone surrogate"), "{doc}: {d:?}");
        assert_eq!(at(d), (1, column), "{doc}");
    }
    // A correct pair is a character.
    let (r, _) = check(
        "a.json",
        envelope(r#"{"extra_configuration": {"e": "\ud83d\ude00"}}"#).as_bytes(),
        &Options::default(),
    );
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.rule != "structure/invalid-json"),
        "{:?}",
        r.diagnostics
    );
    // In HCL: `\u` escapes of surrogates are not characters either.
    let tf =
        "resource \"paragon_integration_credentials\" \"x\" {\n  integration_id = \"\\ud800\"\n}\n";
    let (r, _) = check("main.tf", tf.as_bytes(), &Options::default());
    assert!(
        r.diagnostics.iter().any(|d| d.line == Some(2)),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn byte_order_marks() {
    // A BOM before JSON is accepted and not counted as a column.
    let plain = envelope("{\"integration_id\": 1}");
    let column = plain.find("\"integration_id\"").expect("key") as u32 + 1;
    let text = format!("\u{feff}{plain}");
    let (r, _) = check("a.json", text.as_bytes(), &Options::default());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/type")
        .expect("type error");
    assert_eq!(at(d), (1, column));
    // A BOM anywhere else, or two, is not JSON.
    for (text, position) in [
        (format!("\u{feff}\u{feff}{{}}"), (1, 1)),
        (format!("{{\u{feff}}}"), (1, 2)),
    ] {
        let (r, _) = check("a.json", text.as_bytes(), &creds());
        assert_eq!(at(fatal(&r)), position, "{text:?}");
    }
    // A UTF-16 BOM is not UTF-8.
    let (r, _) = check("a.json", b"\xfe\xff\x00{\x00}", &creds());
    assert_eq!(fatal(&r).message, "the file is not valid UTF-8");
}

/// Terraform accepts and ignores a UTF-8 BOM (hashicorp/terraform#19715, since 0.12), and Windows
/// editors write one; credlint reports "invalid HCL: unexpected token" at 1:1 instead.
#[test]
fn tf_with_a_byte_order_mark_is_checked() {
    let tf = "resource \"paragon_integration_credentials\" \"x\" {\n  integration_id = 1\n}\n";
    let (plain, _) = check("main.tf", tf.as_bytes(), &Options::default());
    let (bom, _) = check(
        "main.tf",
        format!("\u{feff}{tf}").as_bytes(),
        &Options::default(),
    );
    let rules = |r: &Findings| {
        r.diagnostics
            .iter()
            .map(|d| (d.rule, d.line, d.column))
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(&bom), rules(&plain));
}

#[test]
fn crlf_and_lone_cr_line_endings_keep_line_numbers() {
    let lf = envelope(
        "{\n  \"integration_id\": 1,\n  \"project_id\": \"p\",\n  \"oauth\": {\n    \"client_id\": \"\",\n    \"client_secret\": 2\n  }\n}",
    );
    let expected = {
        let (r, _) = check("a.json", lf.as_bytes(), &Options::default());
        r.diagnostics
            .iter()
            .map(|d| (d.rule, d.line, d.column))
            .collect::<Vec<_>>()
    };
    assert!(
        expected.iter().any(|(_, line, _)| *line == Some(6)),
        "{expected:?}"
    );
    for ending in ["\r\n", "\r"] {
        let text = lf.replace('\n', ending);
        let (r, _) = check("a.json", text.as_bytes(), &Options::default());
        let got: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.line, d.column))
            .collect();
        assert_eq!(got, expected, "line ending {ending:?}");
    }
    // Invalid JSON after CRLF lines.
    let (r, _) = check("a.json", b"{\r\n\r\n  \"a\": tru\r\n}", &creds());
    assert_eq!(at(fatal(&r)), (3, 8));
    // Terraform with CRLF.
    let tf = "resource \"paragon_integration_credentials\" \"x\" {\n  integration_id = 1\n\n  oauth = {\n    client_secret = \"literal\"\n  }\n}\n";
    let positions = |text: &str| {
        let (r, _) = check("main.tf", text.as_bytes(), &Options::default());
        r.diagnostics
            .iter()
            .map(|d| (d.rule, d.line, d.column))
            .collect::<Vec<_>>()
    };
    let lf_positions = positions(tf);
    assert!(
        lf_positions
            .iter()
            .any(|(rule, line, _)| *rule == "secrets/hardcoded-secret" && *line == Some(5)),
        "{lf_positions:?}"
    );
    assert_eq!(positions(&tf.replace('\n', "\r\n")), lf_positions);
}

// ---------------------------------------------------------------------------------------------
// Keys and values that mean something elsewhere

#[test]
fn duplicate_keys_are_reported_with_both_lines() {
    let text = "{\n  \"kind\": \"paragon.integration-credentials\",\n  \"document\": {\n    \"oauth\": {\"client_secret\": \"a\",\n               \"client_secret\": \"b\"},\n    \"__proto__\": 1,\n    \"__proto__\": 2\n  },\n  \"kind\": \"paragon.integration-credentials\"\n}";
    let (r, _) = check("a.json", text.as_bytes(), &Options::default());
    let dups: Vec<(&str, (u32, u32), &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/duplicate-key")
        .map(|d| (d.path.as_str(), at(d), d.message.as_str()))
        .collect();
    assert_eq!(dups.len(), 3, "{dups:?}");
    assert_eq!((dups[0].0, dups[0].1), ("/oauth/client_secret", (5, 16)));
    assert!(dups[0].2.contains("first on line 4"), "{dups:?}");
    assert_eq!((dups[1].0, dups[1].1), ("/__proto__", (7, 5)));
    assert_eq!((dups[2].0, dups[2].1), ("", (9, 3)));
    assert!(!format!("{:?}", r.diagnostics).contains("\"b\""));
    // A million duplicates of one key stay linear and capped.
    let mut text = String::from(
        "{\"kind\": \"paragon.integration-credentials\", \"document\": {\"extra_configuration\": {",
    );
    for i in 0..1_000_000 {
        text.push_str(if i == 0 { "\"a\": 1" } else { ",\n\"a\": 1" });
    }
    text.push_str("}}}");
    let (r, took) = check("dups.json", text.as_bytes(), &Options::default());
    assert_eq!(r.diagnostics.len(), 1000);
    println!("a million duplicate keys: {took:?}");
    // Terraform: a repeated attribute.
    let tf = "resource \"paragon_integration_credentials\" \"x\" {\n  integration_id = \"a\"\n  integration_id = \"b\"\n}\n";
    let (r, _) = check("main.tf", tf.as_bytes(), &Options::default());
    assert!(!r.diagnostics.is_empty());
}

#[test]
fn proto_and_constructor_keys_are_plain_keys() {
    let doc = json!({
        "__proto__": {"polluted": true},
        "constructor": {"prototype": {"polluted": true}},
        "oauth": {"client_id": "a", "client_secret": "b", "__proto__": "x"},
        "extra_configuration": {"__proto__": "v", "constructor": "w", "prototype": "x", "hasOwnProperty": "y"},
    });
    let text =
        serde_json::to_string_pretty(&json!({"kind": CREDS, "document": doc})).unwrap_or_default();
    let (r, _) = check("a.json", text.as_bytes(), &Options::default());
    let unknown: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/unknown-field")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        unknown,
        vec!["/__proto__", "/constructor", "/oauth/__proto__"]
    );
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.path.starts_with("/extra_configuration")),
        "{:?}",
        r.diagnostics
    );
    // The JSON report carries the keys as data.
    let mut report = Report::new();
    report.extend(r);
    let out: Value = serde_json::from_str(&render::json(&report)).expect("JSON");
    assert!(
        out["diagnostics"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|d| d["path"] == "/__proto__")),
        "{out}"
    );
    // As an envelope's kind, and through validate_field.
    let (r, _) = check(
        "a.json",
        br#"{"kind": "__proto__", "document": {}}"#,
        &Options::default(),
    );
    assert_eq!(r.diagnostics[0].rule, "structure/invalid-envelope");
    let kind = kinds::find(CREDS).expect("kind");
    let ds = engine::validate_field(
        kind,
        "/__proto__/polluted",
        json!(true),
        None,
        None,
        &[],
        &Options::default(),
    )
    .expect("runs");
    assert!(
        ds.iter().all(|d| d.path.starts_with("/__proto__")),
        "{ds:?}"
    );
}

#[test]
fn nan_like_values() {
    // Strings that become NaN or Infinity on the wire.
    let extra = json!({"a": "NaN", "b": "nan", "c": "Infinity", "d": "-Infinity", "e": "+Inf", "f": "inf", "g": "-INF", "h": "infinity"});
    let text = envelope(&json!({"extra_configuration": extra}).to_string());
    let (r, _) = check("a.json", text.as_bytes(), &Options::default());
    let non_finite: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "paragon/extra-value-non-finite")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(non_finite.len(), 8, "{:?}", r.diagnostics);
    // Literals that are not JSON, and numbers JSON can write but not hold.
    for (doc, message, column) in [
        ("{\"a\": NaN}", "unexpected word", 7),
        ("{\"a\": Infinity}", "unexpected word", 7),
        ("{\"a\": -Infinity}", "a digit was expected", 8),
        ("{\"a\": 1e999}", "number out of range", 7),
        ("{\"a\": -1e999}", "number out of range", 7),
    ] {
        let (r, _) = check("a.json", doc.as_bytes(), &creds());
        let d = fatal(&r);
        assert!(d.message.contains(message), "{doc}: {d:?}");
        assert_eq!(at(d), (1, column), "{doc}");
    }
    // Non-finite numbers from JavaScript (the package passes their pointers).
    let kind = kinds::find(CREDS).expect("kind");
    let doc = json!({"extra_configuration": {"n": null}});
    let r = engine::check_value_non_finite(
        kind,
        &doc,
        None,
        &["/extra_configuration/n".to_owned()],
        &Options::default(),
    )
    .expect("runs");
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.path == "/extra_configuration/n"
                && d.rule == "paragon/extra-value-non-finite"),
        "{:?}",
        r.diagnostics
    );
}

// ---------------------------------------------------------------------------------------------
// validate_field's pointer

#[test]
fn validate_field_with_hostile_pointers() {
    let kind = kinds::find(CREDS).expect("kind");
    let doc = json!({"oauth": {"scopes": ["a"]}});
    let opts = Options::default();
    for p in [
        "a",
        "/~",
        "/~2",
        "/oauth/scopes/-",
        "/oauth/scopes/99",
        "/oauth/scopes/01",
        "/oauth/scopes/18446744073709551616",
        "/oauth/scopes/0/x",
    ] {
        let r = engine::validate_field(kind, p, json!(1), Some(&doc), None, &[], &opts);
        if let Err(e) = &r {
            assert!(!e.to_string().is_empty());
        }
    }
    // A long pointer is clipped in the error message.
    let long = format!("x{}", "/a".repeat(100_000));
    let e = engine::validate_field(kind, &long, json!(1), Some(&doc), None, &[], &opts)
        .expect_err("not a pointer");
    assert!(e.to_string().len() < 1000, "{}", e.to_string().len());
}

/// A pointer of 100,000 tokens builds a 100,000-deep document, which is then checked, cloned and
/// dropped recursively: the nesting limit should apply to the pointer too.
#[test]
fn validate_field_with_a_deep_pointer() {
    isolated("validate_field_with_a_deep_pointer", deep_pointer);
}

fn deep_pointer() {
    let handle = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(|| {
            let kind = kinds::find(CREDS).expect("kind");
            let opts = Options::default();
            let depth = opts.limits.depth();
            // Past the nesting limit: refused before any document is built, saying why.
            let deep = "/extra_configuration".to_owned() + &"/a".repeat(100_000);
            let e = engine::validate_field(kind, &deep, json!(1), None, None, &[], &opts)
                .expect_err("a pointer past the nesting limit is refused");
            assert!(e.to_string().contains("nesting limit"), "{e}");
            // One token past the limit is refused too; a pointer at the limit is checked.
            let over = "/extra_configuration".to_owned() + &"/a".repeat(depth);
            let e = engine::validate_field(kind, &over, json!(1), None, None, &[], &opts)
                .expect_err("one token past the limit is refused");
            assert!(e.to_string().contains("nesting limit"), "{e}");
            let at = "/extra_configuration".to_owned() + &"/a".repeat(depth - 1);
            engine::validate_field(kind, &at, json!(1), None, None, &[], &opts)
                .expect("a pointer at the nesting limit is checked");
        })
        .expect("thread");
    handle.join().expect("no overflow");
}

// ---------------------------------------------------------------------------------------------
// Linear time on long lists and in the sink

/// Repeats in long lists are found by hashing, not by comparing every pair: 200,000 scopes
/// (a quadratic search: 2·10¹⁰ comparisons), 200,000 account types (structural `uniqueItems`),
/// 50,000 input fields and placeholders, each checked in seconds in a debug build.
#[test]
fn repeats_in_long_lists_are_linear() {
    let n = 200_000;
    let scopes: Vec<String> = (0..n).map(|i| format!("s{}", i % (n / 2))).collect();
    let creds = json!({"kind": CREDS, "context": {"operation": "create", "integration": {"type": "jira"}},
        "document": {"integration_id": "d589fe10-b66e-4cb2-885a-0440393886f4", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
                     "oauth": {"client_id": "a", "client_secret": "b", "scopes": scopes}}});
    let account_types: Vec<&str> = (0..n)
        .map(|i| {
            if i % 2 == 0 {
                "default"
            } else {
                "user-configured-oauth"
            }
        })
        .collect();
    let connect = json!({"kind": "paragon.connect-options", "document": {"integration": "zendesk", "accountType": account_types}});
    let fields: Vec<Value> = (0..50_000)
        .map(|i| json!({"id": format!("f{}", i % 25_000), "title": "t", "type": "text"}))
        .collect();
    let url: String = (0..50_000).map(|i| format!("{{{{u{i}}}}}")).collect();
    let custom = json!({"kind": "paragon.custom-integration", "document": {"name": "Acme", "authenticationType": "basic",
        "inputFields": fields, "apiBaseUrl": format!("https://api.example.com/{url}")}});
    for (what, doc, rule) in [
        ("200,000 scopes", creds, "paragon/duplicate-scope"),
        (
            "200,000 account types",
            connect,
            "paragon/account-type-value",
        ),
        (
            "50,000 input fields and placeholders",
            custom,
            "paragon/input-field-id",
        ),
    ] {
        let (r, took) = check("long.json", doc.to_string().as_bytes(), &Options::default());
        assert_eq!(r.diagnostics.len(), 1000, "{what}");
        assert!(
            r.diagnostics.iter().any(|d| d.rule == rule),
            "{what}: {:?}",
            &r.diagnostics[..3]
        );
        assert!(took < Duration::from_secs(30), "{what}: {took:?}");
        println!("{what}: {took:?}");
    }
}

/// Past `max_diagnostics`, diagnostics are counted, not kept, and still count: an error that is
/// not shown still fails the check (exit 1) and is in the summary.
#[test]
fn errors_past_the_diagnostic_limit_still_fail_the_check() {
    let dir = scratch();
    let ctx = json!({"operation": "create", "integration": {"type": "jira"}});
    // A batch: the first document has a warning only (`paragon/id-format`), the second an error.
    let warning = json!({"integration_id": "x", "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
                         "oauth": {"client_id": "a", "client_secret": "b", "scopes": ["read"]}});
    let mut error = warning.clone();
    error["integration_id"] = json!("d589fe10-b66e-4cb2-885a-0440393886f4");
    error["oauth"]["client_secret"] = json!("");
    let batch = json!([{"kind": CREDS, "context": ctx, "document": warning}, {"kind": CREDS, "context": ctx, "document": error}]);
    let path = write(
        dir.path(),
        "a.json",
        serde_json::to_string_pretty(&batch)
            .expect("json")
            .as_bytes(),
    );
    let run = cli(
        &[
            "check",
            "--max-diagnostics",
            "1",
            "--format",
            "json",
            path_str(&path),
        ],
        None,
        SANE,
    );
    let out = run.json();
    assert_eq!(run.code, Some(1), "{out}");
    assert_eq!(out["ok"], false);
    assert_eq!(out["diagnostics"].as_array().map(Vec::len), Some(1));
    assert_eq!(out["diagnostics"][0]["rule"], "paragon/id-format");
    assert!(
        out["diagnostics"][0]["hint"]
            .as_str()
            .unwrap_or("")
            .contains("1 more diagnostics in this input were not shown (limit 1)")
    );
    assert_eq!(out["summary"]["errors"], 1);
    assert_eq!(out["summary"]["warnings"], 1);
    // And a value whose only error is past the limit (`paragon/id-format`, a warning, is found
    // before `paragon/missing-scopes`): `to_wire` refuses it, and the result counts what it did
    // not keep.
    let kind = kinds::find(CREDS).expect("kind");
    let mut doc = batch[0]["document"].clone();
    doc["oauth"]
        .as_object_mut()
        .expect("oauth")
        .remove("scopes");
    let opts = Options {
        limits: Limits {
            max_diagnostics: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    let r = engine::check_value(kind, &doc, Some(&ctx), &opts).expect("runs");
    assert_eq!(
        r.diagnostics.iter().map(|d| d.rule).collect::<Vec<_>>(),
        ["paragon/id-format"]
    );
    assert_eq!(r.dropped.errors, 1);
    let mut report = Report::new();
    report.extend(r);
    assert_eq!(
        (report.ok, report.summary.errors, report.summary.warnings),
        (false, 1, 1)
    );
    let refused =
        engine::to_wire(kind, &doc, Some(&ctx), &opts).expect_err("an error past the limit");
    assert!(
        refused
            .to_string()
            .contains("1 more error past the limit of 1 diagnostics"),
        "{refused}"
    );
}

/// A million unknown fields in one closed object: linear time, and memory for the 1000 kept
/// diagnostics only (the sink counts the rest). (`oauth.client` is open: see
/// `a_million_unknown_fields_in_an_open_kind`.)
#[test]
fn a_million_unknown_fields_keep_only_the_limit() {
    let mut text = String::from(
        "{\"kind\": \"genesys.oauth-client\", \"document\": {\"name\": \"c\", \"authorized_grant_type\": \"CLIENT-CREDENTIALS\", \"roles\": [{\"role_id\": \"r\", \"division_id\": \"*\"}]",
    );
    for i in 0..1_000_000 {
        text.push_str(&format!(", \"x{i}\": 1"));
    }
    text.push_str("}}");
    let dir = scratch();
    let path = write(dir.path(), "fields.json", text.as_bytes());
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("a million unknown fields");
    let out = run.json();
    assert_eq!(out["diagnostics"].as_array().map(Vec::len), Some(1000));
    assert_eq!(out["summary"]["errors"], 1_000_000);
    println!(
        "a million unknown fields: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
}

/// The same in `oauth.client`, whose unknown fields are extension metadata: a million of them
/// pass, in linear time (each is compared with the known names by length first), and a near miss
/// among them is still a warning.
#[test]
fn a_million_unknown_fields_in_an_open_kind() {
    let mut text = String::from(
        "{\"kind\": \"oauth.client\", \"document\": {\"grant_types\": [\"client_credentials\"], \"response_types\": [], \"redirect_uri\": \"https://app.example.com/cb\"",
    );
    for i in 0..1_000_000 {
        text.push_str(&format!(", \"x{i}\": 1"));
    }
    text.push_str("}}");
    let dir = scratch();
    let path = write(dir.path(), "fields.json", text.as_bytes());
    let run = cli(&["check", "--format", "json", path_str(&path)], None, SANE);
    run.assert_checked("a million extension fields");
    let out = run.json();
    assert_eq!(out["summary"]["errors"], 0, "{}", out["diagnostics"]);
    assert_eq!(out["summary"]["warnings"], 1, "{}", out["diagnostics"]);
    assert_eq!(out["diagnostics"][0]["path"], "/redirect_uri");
    println!(
        "a million extension fields: {:?}, peak memory {:?} KB",
        run.took, run.peak_rss_kb
    );
}

/// Every envelope in `corpus/` (files holding one envelope, and the elements of batch files).
fn corpus_envelopes() -> Vec<String> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut kinds: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus/")
        .map(|e| e.expect("corpus entry").path())
        .collect();
    kinds.sort();
    for dir in kinds {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("a kind's folder")
            .map(|e| e.expect("corpus file").path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && !p.to_string_lossy().ends_with(".expect.json")
            })
            .collect();
        files.sort();
        for file in files {
            let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(&file).expect("read"))
            else {
                continue;
            };
            match value {
                Value::Array(items) => out.extend(
                    items
                        .iter()
                        .filter(|v| v.get("kind").is_some())
                        .map(Value::to_string),
                ),
                v if v.get("kind").is_some() => out.push(v.to_string()),
                _ => {}
            }
        }
    }
    out
}

/// Peak memory ÷ input size on a large input, with the CLI's report.
fn memory_ratio(what: &str, text: &str, documents: u64) -> f64 {
    let dir = scratch();
    let path = write(dir.path(), "large.json", text.as_bytes());
    let max = (text.len() * 2).to_string();
    let run = cli(
        &[
            "check",
            "--format",
            "json",
            "--max-bytes",
            &max,
            path_str(&path),
        ],
        None,
        Duration::from_secs(300),
    );
    run.assert_checked(what);
    let out = run.json();
    assert_eq!(out["summary"]["files"], 1, "{what}: {}", out["summary"]);
    assert_eq!(
        out["summary"]["documents"], documents,
        "{what}: {}",
        out["summary"]
    );
    let kb = run
        .peak_rss_kb
        .unwrap_or_else(|| panic!("{what}: the binary's peak memory could not be read"));
    let ratio = (kb * 1024) as f64 / text.len() as f64;
    println!(
        "{what}: {} bytes, peak memory {kb} KB ({ratio:.2}x), {:?}",
        text.len(),
        run.took
    );
    ratio
}

/// A large batch is held one element at a time, and so is a plan's list of resource changes
/// (the members no check reads, such as `planned_values`, are checked for syntax only): peak
/// memory, the process's own included, is at most 3x the input on 24 MB of each (it was 13x
/// when the whole input became one tree).
#[test]
fn large_batches_and_plans_take_at_most_three_times_their_size() {
    const SIZE: usize = 24_000_000;
    let envelopes = corpus_envelopes();
    assert!(
        envelopes.len() > 20,
        "{} envelopes in corpus/",
        envelopes.len()
    );
    let mut batch = String::with_capacity(SIZE + 10_000);
    batch.push('[');
    let mut count = 0u64;
    while batch.len() < SIZE {
        if count > 0 {
            batch.push_str(",\n");
        }
        batch.push_str(&envelopes[count as usize % envelopes.len()]);
        count += 1;
    }
    batch.push_str("]\n");
    let ratio = memory_ratio("a 24 MB batch of corpus envelopes", &batch, count);
    assert!(
        ratio <= 3.0,
        "a 24 MB batch: peak memory {ratio:.2}x the input"
    );
    drop(batch);

    // Plan JSON as `terraform show -json` writes it: every resource in `planned_values`, in
    // `resource_changes` and in `configuration`.
    let mut resources = Vec::new();
    let mut changes = Vec::new();
    let mut config = Vec::new();
    let mut known = 0u64;
    let mut i = 0;
    let mut size = 0;
    while size < SIZE {
        let (rtype, after, unknown, sensitive) = match i % 3 {
            0 => (
                "paragon_integration_credentials",
                json!({
                    "integration_id": format!("d589fe10-b66e-4cb2-885a-{i:012}"),
                    "project_id": "6c9880c7-66af-467a-b319-0ce70e886bac",
                    "oauth": {"client_id": format!("cid-{i}"), "client_secret": format!("s3cr3t-{i}"), "scopes": ["offline_access"]},
                    "extra_configuration": null
                }),
                json!({"id": true, "oauth": {}}),
                json!({"oauth": true}),
            ),
            1 => (
                "genesyscloud_oauth_client",
                json!({
                    "name": format!("client {i}"),
                    "authorized_grant_type": "CLIENT-CREDENTIALS",
                    "access_token_validity_seconds": 86400,
                    "roles": [{"role_id": format!("5c3a1e4b-7d2f-4a6b-9c1d-{i:012}"), "division_id": "*"}],
                    "registered_redirect_uris": null
                }),
                json!({"client_id": true, "client_secret": true, "id": true, "roles": [{}]}),
                json!({"client_secret": true, "roles": [{}]}),
            ),
            _ => (
                "aws_s3_bucket",
                json!({"bucket": format!("bucket-{i}"), "force_destroy": false, "tags": {"team": "a"}}),
                json!({"id": true}),
                json!({}),
            ),
        };
        if rtype != "aws_s3_bucket" {
            known += 1;
        }
        let address = format!("{rtype}.r{i}");
        let resource = json!({"address": address, "mode": "managed", "type": rtype, "name": format!("r{i}"), "values": after, "sensitive_values": sensitive});
        let change = json!({"address": address, "mode": "managed", "type": rtype, "name": format!("r{i}"), "change": {"actions": ["create"], "before": null, "after": after, "after_unknown": unknown, "before_sensitive": false, "after_sensitive": sensitive}});
        let configured = json!({"address": address, "mode": "managed", "type": rtype, "name": format!("r{i}"), "expressions": {"name": {"constant_value": format!("r{i}")}}});
        size +=
            resource.to_string().len() + change.to_string().len() + configured.to_string().len();
        resources.push(resource);
        changes.push(change);
        config.push(configured);
        i += 1;
    }
    let plan = serde_json::to_string_pretty(&json!({
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": changes,
        "configuration": {"root_module": {"resources": config}}
    }))
    .expect("plan JSON");
    let ratio = memory_ratio(&format!("a plan of {i} resources"), &plan, known);
    assert!(ratio <= 3.0, "a plan: peak memory {ratio:.2}x the input");
}
