//! The folder walk of the one driver, through the native binary: `.gitignore`, `.ignore` and
//! git's excludes honoured as ripgrep does, hostile trees (link loops, a link to `/`, FIFOs, names
//! that are not UTF-8) finished at once with the documented result. `js-tests/bin.test.mjs` runs
//! the same trees through the Node bin and compares its output byte for byte.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_credlint");
const BAD: &str =
    r#"{"kind": "paragon.integration-credentials", "document": {"integration_id": 7}}"#;

fn run_in(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs");
    (out, start.elapsed())
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn gitignored_and_ignored_files_are_not_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(d)
        .status();
    if !git.is_ok_and(|s| s.success()) {
        std::fs::create_dir(d.join(".git")).expect("a .git folder");
    }
    write(d, ".gitignore", "build/\n*.local.json\n!keep.local.json\n");
    write(d, "build/bad.json", BAD);
    write(d, "a.local.json", BAD);
    write(d, "keep.local.json", BAD);
    write(d, "sub/.gitignore", "generated.json\n");
    write(d, "sub/generated.json", BAD);
    write(d, "sub/checked.json", BAD);
    write(d, "vendor/.ignore", "*.json\n");
    write(d, "vendor/bad.json", BAD);
    write(d, ".git/info/exclude", "excluded.json\n");
    write(d, "excluded.json", BAD);
    write(d, ".config/git/ignore", "global.json\n");
    write(d, "global.json", BAD);
    let (o, _) = run_in(d, &["check", "--format", "json"]);
    let out = text(&o);
    for passed_over in [
        "build/bad.json",
        "a.local.json",
        "generated.json",
        "vendor/bad.json",
        "excluded.json",
        "global.json",
    ] {
        assert!(!out.contains(passed_over), "{passed_over} reported:\n{out}");
    }
    assert!(out.contains("keep.local.json"), "{out}");
    assert!(out.contains("sub/checked.json"), "{out}");
    assert_eq!(o.status.code(), Some(1), "{out}");
    // Named explicitly, an ignored file is still checked.
    let (o, _) = run_in(d, &["check", "build/bad.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    // Outside a repository `.gitignore` does not count (as in ripgrep), `.ignore` does.
    let plain = tempfile::tempdir().expect("tmp");
    write(plain.path(), ".gitignore", "bad.json\n");
    write(plain.path(), "bad.json", BAD);
    write(plain.path(), "v/.ignore", "*.json\n");
    write(plain.path(), "v/x.json", BAD);
    let (o, _) = run_in(plain.path(), &["check"]);
    let out = text(&o);
    assert!(out.contains("bad.json") && !out.contains("x.json"), "{out}");
}

#[test]
fn hostile_trees_finish_at_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).expect("root");
    write(d, "t/ok.json", BAD);
    std::os::unix::fs::symlink(".", d.join("t/a")).expect("link");
    std::os::unix::fs::symlink(".", d.join("t/b")).expect("link");
    std::os::unix::fs::symlink("/", d.join("t/root")).expect("link");
    std::os::unix::fs::symlink("..", d.join("t/up")).expect("link");
    let fifo = d.join("t/pipe.json");
    let _ = Command::new("mkfifo").arg(&fifo).status();
    let bad_name = std::ffi::OsStr::from_bytes(b"t/bad\xff.json");
    std::fs::write(d.join(bad_name), BAD).expect("non-UTF-8 name");
    for follow in [false, true] {
        let mut args = vec!["check", "t", "--verbose", "--format", "json"];
        if follow {
            args.push("--follow-links");
        }
        let (o, took) = run_in(d, &args);
        let out = text(&o);
        assert!(took < Duration::from_secs(1), "{args:?} took {took:?}");
        // The file is checked once, however many links lead to it.
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(report["summary"]["files"], 1, "{out}");
        assert!(out.contains("passed over t/root"), "{out}");
        assert!(out.contains("passed over t/a") || follow, "{out}");
        if fifo.exists() {
            assert!(out.contains("passed over t/pipe.json"), "{out}");
        }
        assert!(
            out.contains("bad\u{fffd}.json: the name is not valid UTF-8"),
            "{out}"
        );
        assert_eq!(o.status.code(), Some(2), "{out}");
    }
    if fifo.exists() {
        let (o, took) = run_in(d, &["check", "t/pipe.json"]);
        assert!(took < Duration::from_secs(1));
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    }
}
