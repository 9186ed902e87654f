//! What `credlint check` does with each input, for both command lines (the native CLI and the
//! Node bin through WebAssembly): the one place that decides whether a file is checked, passed
//! over (with a notice) or could not be checked (the run fails), and how the run ends. The hosts
//! only find the files and read their bytes.

use crate::diagnostic::Report;
use crate::engine::{self, FileResult, FileType, FixMode, Options};
use crate::policy::Policy;
use crate::render;

/// How an input came to be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line (or standard input).
    Named,
    /// Found in a folder walk.
    Found,
}

/// What the host found at an input's path.
#[derive(Debug)]
pub enum Entry {
    /// A regular file's bytes (at most one past the size limit), or the full message of why
    /// they could not be read.
    File(Result<Vec<u8>, String>),
    /// A FIFO, socket or device: never opened (a FIFO would block for ever).
    NotRegular,
    /// A symbolic link to a folder, found in a walk: not followed (links can loop or leave the
    /// tree).
    LinkToFolder,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    /// Named files are treated as found in a walk: what is not credentials is passed over.
    pub skip_unrelated: bool,
    /// Notices for every file passed over (always shown for named files).
    pub verbose: bool,
    /// Which fixes to apply (`--fix`, `--unsafe-fixes`).
    pub fix: FixMode,
    /// Show what the fixes would change as a unified diff, and write nothing (`--diff`).
    pub diff: bool,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Checked(FileResult),
    /// Checked, and fixes were applied: what remains, and the text before and after.
    Fixed(Box<FixedFile>),
    /// Not credlint's to check, with why (shown as a notice).
    PassedOver(String),
    /// Could not be checked: the run fails (exit 2), with the full message.
    Failed(String),
}

/// A file the fixes changed.
#[derive(Debug)]
pub struct FixedFile {
    pub original: String,
    pub fixed: engine::Fixed,
}

/// Whether a walk looks at a file of this name: `*.json`, `*.tf` and `*.tfvars`, whatever the
/// case of the extension (`main.tf.json` and `x.tfvars.json` end in `.json`).
pub fn is_candidate(name: &str) -> bool {
    !matches!(engine::file_type(name), FileType::Other)
}

/// Decides and checks one input.
pub fn check_input(
    name: &str,
    origin: Origin,
    entry: Entry,
    opts: &Options,
    flags: Flags,
) -> Outcome {
    let lenient = origin == Origin::Found || flags.skip_unrelated;
    let bytes = match entry {
        Entry::File(Ok(bytes)) => bytes,
        Entry::File(Err(message)) => return Outcome::Failed(message),
        Entry::NotRegular if origin == Origin::Named => {
            return Outcome::Failed(format!(
                "cannot read {name}: not a regular file (a FIFO, socket or device)"
            ));
        }
        Entry::NotRegular => {
            return Outcome::PassedOver("not a regular file (a FIFO, socket or device)".into());
        }
        Entry::LinkToFolder => {
            return Outcome::PassedOver("a symbolic link to a folder (not followed)".into());
        }
    };
    if engine::file_type(name) == FileType::Policy {
        return match std::str::from_utf8(&bytes)
            .map_err(|_| "not valid UTF-8".to_owned())
            .and_then(Policy::from_text)
        {
            Ok(_) => Outcome::PassedOver("a policy file (valid)".into()),
            Err(e) => Outcome::Failed(format!(
                "{name}: a file named credlint.json is a policy, and this one is not valid: {e}"
            )),
        };
    }
    match engine::check_file(name, &bytes, opts) {
        Ok(r) if lenient && engine::unrelated_jsonc(name, &bytes, &r) => Outcome::PassedOver(
            "JSON with comments or trailing commas that holds no credentials (a tool's configuration)"
                .into(),
        ),
        Ok(r) if r
            .diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| flags.fix.takes(f))) =>
        {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                return Outcome::Checked(r);
            };
            match engine::fix_text(text, Some(name), opts, flags.fix) {
                Ok(fixed) if fixed.applied > 0 => Outcome::Fixed(Box::new(FixedFile {
                    original: text.to_owned(),
                    fixed,
                })),
                Ok(fixed) => Outcome::Checked(fixed.result),
                Err(_) => Outcome::Checked(r),
            }
        }
        Ok(r) => Outcome::Checked(r),
        Err(engine::Error::NeedKind) if lenient => Outcome::PassedOver(
            "not a credential configuration (no `kind`, nothing shaped like a known kind)".into(),
        ),
        Err(e) => Outcome::Failed(format!("{name}: {e}")),
    }
}

/// The output formats of `check` (also the `--format` values of the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "driver", derive(clap::ValueEnum))]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// What a run prints and how it exits.
#[derive(Debug, Default)]
pub struct Finished {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: u8,
    /// Files to write with their fixed text (`--fix` without `--diff`), in input order.
    pub writes: Vec<(String, String)>,
}

/// A unified diff of a file's text before and after its fixes (`--diff`); without the
/// driver's diff library (a build with no command line), the new text whole.
/// Control characters and bidirectional overrides of the file's lines are shown escaped, as in
/// human output (tabs and line endings stay), so that a file cannot rewrite the terminal.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    #[cfg(feature = "driver")]
    return similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
        .split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix("\r\n") {
                Some(b) => (b, "\r\n"),
                None => line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n")),
            };
            let safe: String = body
                .split('\t')
                .map(|part| render::escape(part).into_owned())
                .collect::<Vec<_>>()
                .join("\t");
            format!("{safe}{end}")
        })
        .collect();
    #[cfg(not(feature = "driver"))]
    {
        let _ = before;
        format!("--- {name}\n+++ {name}\n{after}")
    }
}

/// Collects the outcomes (in input order) into the report, the notices and the exit code.
pub fn finish(
    outcomes: impl IntoIterator<Item = (String, Origin, Outcome)>,
    format: Format,
    flags: Flags,
) -> Finished {
    let mut report = Report::new();
    let mut stderr = String::new();
    let mut writes = Vec::new();
    let mut diffs = String::new();
    for (name, origin, outcome) in outcomes {
        match outcome {
            Outcome::Checked(r) => report.extend(r),
            Outcome::Fixed(f) => {
                let FixedFile { original, fixed } = *f;
                report.summary.fixed += fixed.applied;
                report.extend(fixed.result);
                if flags.diff {
                    diffs.push_str(&unified_diff(
                        &render::escape(&name),
                        &original,
                        &fixed.text,
                    ));
                } else {
                    writes.push((name, fixed.text));
                }
            }
            Outcome::PassedOver(why) => {
                if flags.verbose || origin == Origin::Named {
                    stderr.push_str(&format!(
                        "credlint: note: passed over {}: {why}\n",
                        render::escape(&name)
                    ));
                }
            }
            Outcome::Failed(message) => {
                stderr.push_str(&format!("credlint: {}\n", render::escape(&message)));
                report.unchecked(name, message);
            }
        }
    }
    if flags.diff {
        // The diffs are the output; the exit code says whether anything would change.
        let n = report.summary.fixed;
        if n > 0 {
            stderr.push_str(&format!(
                "credlint: would fix {n} {} (run with --fix to apply)\n",
                if n == 1 { "problem" } else { "problems" }
            ));
        }
        let exit_code = if !report.unchecked.is_empty() {
            2
        } else {
            u8::from(n > 0)
        };
        return Finished {
            stdout: diffs,
            stderr,
            exit_code,
            writes,
        };
    }
    let stdout = match format {
        Format::Human => render::human(&report),
        Format::Json => render::json(&report),
        Format::Sarif => render::sarif(&report),
        Format::Github => render::github(&report),
    };
    Finished {
        stdout,
        stderr,
        exit_code: report.exit_code(),
        writes,
    }
}
