//! The shipped pre-commit hook in a real git repository: a commit with a credential mistake is
//! refused, the fixed commit goes through, the hook checks what is staged, from the repository
//! root (its `credlint.json` applies; one planted in the temporary folder does not), and JSON
//! that is not a credential envelope (package.json, renovate.json, a commented tsconfig) is
//! passed over by `--skip-unrelated`, not by a glob. The hook with the npm package's bin and no
//! native `credlint` on PATH: js-tests/hook.test.mjs (it needs pkg/ built).

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    git_with(dir, args, &[])
}

fn git_with(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> std::process::Output {
    let mut c = Command::new("git");
    c.args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("CREDLINT", env!("CARGO_BIN_EXE_credlint"));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("git runs")
}

fn output(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn install_hook(d: &Path) {
    assert!(git(d, &["init", "-q"]).status.success());
    let hook = Path::new(env!("CARGO_MANIFEST_DIR")).join("hooks/pre-commit");
    std::fs::copy(&hook, d.join(".git/hooks/pre-commit")).expect("install hook");
}

#[test]
fn hook_blocks_bad_commits_and_lets_fixed_ones_through() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    install_hook(d);

    let bad = "resource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = \"S3CR3TMARK\"\n    scopes        = [\"read\"]\n  }\n}\n";
    std::fs::write(d.join("main.tf"), bad).expect("write");
    std::fs::write(d.join("package.json"), "{\"name\": \"x\"}").expect("write");
    git(d, &["add", "."]);
    let o = git(d, &["commit", "-qm", "bad"]);
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!o.status.success(), "the hook must refuse: {out}");
    assert!(
        out.contains("secrets/hardcoded-secret") && out.contains("main.tf:6:21"),
        "{out}"
    );
    assert!(!out.contains("S3CR3TMARK"), "{out}");

    // Fixing the working tree without staging is not enough: the hook checks the index.
    let good = bad.replace("\"S3CR3TMARK\"", "var.jira_client_secret");
    std::fs::write(d.join("main.tf"), &good).expect("write");
    assert!(!git(d, &["commit", "-qm", "still bad"]).status.success());
    git(d, &["add", "main.tf"]);
    let o = git(d, &["commit", "-qm", "good"]);
    assert!(o.status.success(), "{}", output(&o));

    // JSON that is not a credential envelope is passed over by rule (with a notice), whatever
    // its name: renovate.json, editor settings, a tsconfig with comments.
    std::fs::write(
        d.join("renovate.json"),
        "{\"extends\": [\"config:recommended\"]}\n",
    )
    .expect("write");
    std::fs::create_dir_all(d.join(".vscode")).expect("mkdir");
    std::fs::write(
        d.join(".vscode/settings.json"),
        "{\"editor.formatOnSave\": true}\n",
    )
    .expect("write");
    std::fs::write(
        d.join("tsconfig.app.json"),
        "{\n  // the app's own settings\n  \"compilerOptions\": { \"strict\": true, /* no emit */ \"noEmit\": true }\n}\n",
    )
    .expect("write");
    git(d, &["add", "."]);
    let o = git(d, &["commit", "-qm", "config files"]);
    assert!(o.status.success(), "{}", output(&o));

    // Variable files are checked too, whatever the case of the extension.
    std::fs::write(
        d.join("prod.TFVARS"),
        "jira_client_secret = \"S3CR3TMARK\"\n",
    )
    .expect("write");
    git(d, &["add", "prod.TFVARS"]);
    let o = git(d, &["commit", "-qm", "tfvars"]);
    let out = output(&o);
    assert!(
        !o.status.success(),
        "a secret in a .tfvars file must be refused: {out}"
    );
    assert!(
        out.contains("prod.TFVARS:1:22: error[secrets/hardcoded-secret]"),
        "{out}"
    );
    assert!(!out.contains("S3CR3TMARK"), "{out}");
    git(d, &["rm", "-q", "--cached", "prod.TFVARS"]);

    // A near-envelope (a misspelt kind) is not passed over.
    std::fs::write(
        d.join("creds.json"),
        "{\"kind\": \"paragon.integration-credental\", \"document\": {}}\n",
    )
    .expect("write");
    git(d, &["add", "creds.json"]);
    let o = git(d, &["commit", "-qm", "typo"]);
    assert!(
        !o.status.success(),
        "a misspelt kind must be refused: {}",
        output(&o)
    );
}

/// The hook runs from the repository root: the repository's `credlint.json` applies, and a
/// `credlint.json` in the temporary folder (where the old hook ran) is not obeyed.
#[test]
fn hook_uses_the_repository_policy_and_no_other() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().join("repo");
    let planted = dir.path().join("tmp");
    std::fs::create_dir_all(&d).expect("mkdir");
    std::fs::create_dir_all(&planted).expect("mkdir");
    let off = "{\"rules\": {\"secrets/hardcoded-secret\": \"off\"}}\n";
    std::fs::write(planted.join("credlint.json"), off).expect("write");
    install_hook(&d);
    let tmp_env = [("TMPDIR", planted.as_path())];

    let tf = "resource \"paragon_integration_credentials\" \"jira\" {\n  integration_id = \"d589fe10-b66e-4cb2-885a-0440393886f4\"\n  project_id     = \"6c9880c7-66af-467a-b319-0ce70e886bac\"\n  oauth = {\n    client_id     = \"client_id\"\n    client_secret = \"S3CR3TMARK\"\n  }\n}\n";
    std::fs::create_dir_all(d.join("infra")).expect("mkdir");
    std::fs::write(d.join("infra/main.tf"), tf).expect("write");
    git(&d, &["add", "."]);
    let o = git_with(&d, &["commit", "-qm", "secret"], &tmp_env);
    let out = output(&o);
    assert!(
        !o.status.success(),
        "the planted policy must not be obeyed: {out}"
    );
    assert!(
        out.contains("infra/main.tf:6:21: error[secrets/hardcoded-secret]"),
        "{out}"
    );
    assert!(!out.contains("S3CR3TMARK"), "{out}");

    // The repository's own policy is (committed in the same commit or earlier: the working tree's).
    std::fs::write(d.join("credlint.json"), off).expect("write");
    git(&d, &["add", "."]);
    let o = git_with(&d, &["commit", "-qm", "policy"], &tmp_env);
    assert!(
        o.status.success(),
        "the repository's policy applies: {}",
        output(&o)
    );
}

/// A throwaway git repository whose `.pre-commit-config.yaml` uses hook `id` of this repository
/// (at its `HEAD`), installed by the pre-commit framework, with the built `credlint` on `PATH`.
struct FrameworkRepo {
    _dir: tempfile::TempDir,
    d: std::path::PathBuf,
    cache: std::path::PathBuf,
    path: String,
}

impl FrameworkRepo {
    fn new(id: &str) -> Self {
        let found = Command::new("python3")
            .args(["-m", "pre_commit", "--version"])
            .output();
        assert!(
            found.as_ref().is_ok_and(|o| o.status.success()),
            "the pre-commit framework is not installed: `python3 -m pip install pre-commit` (bash .ci/run does it)"
        );
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let head = git(repo, &["rev-parse", "HEAD"]);
        assert!(head.status.success(), "this checkout is a git repository");
        let rev = String::from_utf8_lossy(&head.stdout).trim().to_owned();
        let dir = tempfile::tempdir().expect("tmp");
        let d = dir.path().join("project");
        let cache = dir.path().join("pre-commit-home");
        std::fs::create_dir(&d).expect("mkdir");
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_credlint"))
            .parent()
            .expect("bin dir")
            .to_owned();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let r = FrameworkRepo {
            _dir: dir,
            d,
            cache,
            path,
        };
        assert!(r.run(&["git", "init", "-q"]).0);
        let config = format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {id}\n",
            repo.display()
        );
        std::fs::write(r.d.join(".pre-commit-config.yaml"), config).expect("write");
        let (ok, out) = r.run(&["python3", "-m", "pre_commit", "install"]);
        assert!(ok, "pre-commit install: {out}");
        r
    }

    /// Runs `args` in the repository: whether it succeeded, and its stdout and stderr.
    fn run(&self, args: &[&str]) -> (bool, String) {
        let o = Command::new(args[0])
            .args(&args[1..])
            .current_dir(&self.d)
            .env("PATH", &self.path)
            .env("PRE_COMMIT_HOME", &self.cache)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env_remove("CREDLINT")
            .output()
            .expect("runs");
        (o.status.success(), output(&o))
    }
}

/// The hook as the pre-commit framework (from PyPI) installs it from this repository's
/// `.pre-commit-hooks.yaml`: a commit with a reserved extra-configuration key or a hard-coded
/// secret is refused with the diagnostics (never the secret), and the fixed commit goes through.
/// `.ci/run` installs `pre-commit`; without it this test fails and says how to get it.
#[test]
fn pre_commit_framework_runs_the_declared_hook() {
    let repo = FrameworkRepo::new("credlint");
    let d = &repo.d;
    let run = |args: &[&str]| repo.run(args);

    let creds = |extra: &str| {
        format!(
            "{{\n  \"kind\": \"paragon.integration-credentials\",\n  \"context\": {{\"operation\": \"create\", \"integration\": {{\"type\": \"jira\"}}}},\n  \"document\": {{\n    \"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\",\n    \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\",\n    \"oauth\": {{\"client_id\": \"id\", \"client_secret\": \"PRECOMMITMARK\", \"scopes\": [\"read\"]}},\n    \"extra_configuration\": {{{extra}}}\n  }}\n}}\n"
        )
    };
    let tf = |secret: &str| {
        format!(
            "resource \"genesyscloud_oauth_client\" \"c\" {{\n  name = \"c\"\n  authorized_grant_type = \"CLIENT-CREDENTIALS\"\n  access_token_validity_seconds = 86400\n  client_secret = {secret}\n  roles {{\n    role_id = \"r\"\n    division_id = \"*\"\n  }}\n}}\n"
        )
    };
    std::fs::write(
        d.join("creds.json"),
        creds("\"clientId\": \"PRECOMMITMARK\""),
    )
    .expect("write");
    std::fs::write(d.join("main.tf"), tf("\"PRECOMMITMARK\"")).expect("write");
    assert!(run(&["git", "add", "."]).0);
    let (ok, out) = run(&["git", "commit", "-qm", "bad"]);
    assert!(!ok, "the hook must refuse the commit: {out}");
    assert!(
        out.contains("creds.json:8:29: error[paragon/reserved-extra-key]"),
        "{out}"
    );
    assert!(
        out.contains("main.tf:5:19: error[secrets/hardcoded-secret]"),
        "{out}"
    );
    assert!(!out.contains("PRECOMMITMARK"), "{out}");

    std::fs::write(d.join("creds.json"), creds("\"region\": \"eu\"")).expect("write");
    std::fs::write(d.join("main.tf"), tf("var.client_secret")).expect("write");
    assert!(run(&["git", "add", "."]).0);
    let (ok, out) = run(&["git", "commit", "-qm", "good"]);
    assert!(ok, "the fixed commit goes through: {out}");
    assert!(out.contains("credlint") && out.contains("Passed"), "{out}");
}

/// The framework's `credlint-fix` hook: it rewrites a staged file with a safe fix (a repeated
/// scope), the framework stops the commit and names the file, and once the change is staged the
/// commit goes through.
#[test]
fn pre_commit_framework_fix_hook_rewrites_and_stops_for_review() {
    let repo = FrameworkRepo::new("credlint-fix");
    let d = &repo.d;
    let run = |args: &[&str]| repo.run(args);

    let creds = |scopes: &str| {
        format!(
            "{{\r\n  \"kind\": \"paragon.integration-credentials\",\r\n  \"context\": {{\"operation\": \"create\", \"integration\": {{\"type\": \"jira\"}}}},\r\n  \"document\": {{\r\n    \"integration_id\": \"d589fe10-b66e-4cb2-885a-0440393886f4\",\r\n    \"project_id\": \"6c9880c7-66af-467a-b319-0ce70e886bac\",\r\n    \"oauth\": {{\"client_id\": \"id\", \"client_secret\": \"PRECOMMITMARK\", \"scopes\": [{scopes}]}}\r\n  }}\r\n}}\r\n"
        )
    };
    std::fs::write(d.join("creds.json"), creds("\"read\", \"write\", \"read\"")).expect("write");
    assert!(run(&["git", "add", "."]).0);
    let (ok, out) = run(&["git", "commit", "-qm", "with a repeated scope"]);
    assert!(
        !ok,
        "the framework stops a commit whose files the hook changed: {out}"
    );
    assert!(out.contains("files were modified by this hook"), "{out}");
    assert!(!out.contains("PRECOMMITMARK"), "{out}");
    let fixed = std::fs::read_to_string(d.join("creds.json")).expect("read");
    assert_eq!(
        fixed,
        creds("\"read\", \"write\""),
        "only the repeated scope went"
    );

    // Reviewed and staged: the commit goes through.
    assert!(run(&["git", "add", "creds.json"]).0);
    let (ok, out) = run(&["git", "commit", "-qm", "fixed"]);
    assert!(ok, "the fixed commit goes through: {out}");
    assert!(
        out.contains("credlint (fix)") && out.contains("Passed"),
        "{out}"
    );
}
