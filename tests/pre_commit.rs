//! The shipped pre-commit hook in a real git repository: a commit with a credential mistake is
//! refused, the fixed commit goes through, and the hook checks what is staged.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("CREDLINT", env!("CARGO_BIN_EXE_credlint"))
        .output()
        .expect("git runs")
}

#[test]
fn hook_blocks_bad_commits_and_lets_fixed_ones_through() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    assert!(git(d, &["init", "-q"]).status.success());
    let hook = Path::new(env!("CARGO_MANIFEST_DIR")).join("hooks/pre-commit");
    std::fs::copy(&hook, d.join(".git/hooks/pre-commit")).expect("install hook");

    let bad = "resource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = \"S3CR3TMARK\"\n    scopes        = [\"read\"]\n  }\n}\n";
    std::fs::write(d.join("main.tf"), bad).expect("write");
    std::fs::write(d.join("package.json"), "{\"name\": \"x\"}").expect("write");
    git(d, &["add", "."]);
    let o = git(d, &["commit", "-qm", "bad"]);
    let out = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(!o.status.success(), "the hook must refuse: {out}");
    assert!(out.contains("secrets/hardcoded-secret") && out.contains("main.tf:6:21"), "{out}");
    assert!(!out.contains("S3CR3TMARK"), "{out}");

    // Fixing the working tree without staging is not enough: the hook checks the index.
    let good = bad.replace("\"S3CR3TMARK\"", "var.jira_client_secret");
    std::fs::write(d.join("main.tf"), &good).expect("write");
    assert!(!git(d, &["commit", "-qm", "still bad"]).status.success());
    git(d, &["add", "main.tf"]);
    let o = git(d, &["commit", "-qm", "good"]);
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
}
