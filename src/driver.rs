//! What `credlint check` does with each input, for both command lines (the native CLI and the
//! Node bin through WebAssembly): the one place that decides whether a file is checked, passed
//! over (with a notice) or could not be checked (the run fails), and how the run ends. The hosts
//! only find the files and read their bytes.

use crate::diagnostic::Report;
use crate::engine::{self, FileType, Findings, FixMode, Options};
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
    Checked(Findings),
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
    let mut stdout = String::new();
    let mut write = |text: &str| stdout.push_str(text);
    let mut run = Run::new(format, flags, &mut write);
    for (name, origin, outcome) in outcomes {
        run.add(name, origin, outcome);
    }
    let ended = run.end();
    Finished {
        stdout,
        stderr: ended.stderr,
        exit_code: ended.exit_code,
        writes: ended.writes,
    }
}

/// How a run ended: the notices for standard error, the exit code, and the files to write with
/// their fixed text (`--fix` without `--diff`), in input order.
#[derive(Debug, Default)]
pub struct Ended {
    pub stderr: String,
    pub exit_code: u8,
    pub writes: Vec<(String, String)>,
}

/// Output is handed on in pieces of about this size.
const PIECE: usize = 64 * 1024;

/// A run in progress: takes each input's outcome as it comes (in input order) and writes the
/// report as it goes, so that a run over a large tree holds neither every file's findings as a
/// model nor the whole report as one string. `--format human` prints each file's findings at
/// once; `--format json` keeps each finding as its rendered text (its `ok` comes first, so
/// nothing can be written before the last file); SARIF and the GitHub format are rendered at the
/// end from the model; `--diff` writes each fixed file's diff as it comes (and no report). The
/// text is exactly what the renderers give for the whole report.
pub struct Run<'w> {
    format: Format,
    flags: Flags,
    /// The report without the findings already printed or rendered (all of them for SARIF and
    /// GitHub).
    report: Report,
    /// The findings printed or rendered so far.
    shown: render::Shown,
    /// `--format json`: each finding and each skipped rule, rendered as the report's
    /// `diagnostics` and `skipped` arrays hold them.
    rendered: Vec<String>,
    rendered_skipped: Vec<String>,
    /// Text not yet handed to `write`.
    pending: String,
    stderr: String,
    writes: Vec<(String, String)>,
    write: &'w mut dyn FnMut(&str),
}

impl<'w> Run<'w> {
    pub fn new(format: Format, flags: Flags, write: &'w mut dyn FnMut(&str)) -> Self {
        Run {
            format,
            flags,
            report: Report::new(),
            shown: render::Shown::default(),
            rendered: Vec::new(),
            rendered_skipped: Vec::new(),
            pending: String::new(),
            stderr: String::new(),
            writes: Vec::new(),
            write,
        }
    }

    /// Takes one input's outcome.
    pub fn add(&mut self, name: String, origin: Origin, outcome: Outcome) {
        match outcome {
            Outcome::Checked(r) => self.checked(r),
            Outcome::Fixed(f) => {
                let FixedFile { original, fixed } = *f;
                self.report.summary.fixed += fixed.applied;
                if self.flags.diff {
                    let diff = unified_diff(&render::escape(&name), &original, &fixed.text);
                    self.pending.push_str(&diff);
                    self.flush(false);
                } else {
                    self.writes.push((name, fixed.text));
                }
                self.checked(fixed.result);
            }
            Outcome::PassedOver(why) => {
                if self.flags.verbose || origin == Origin::Named {
                    self.stderr.push_str(&format!(
                        "credlint: note: passed over {}: {why}\n",
                        render::escape(&name)
                    ));
                }
            }
            Outcome::Failed(message) => {
                self.stderr
                    .push_str(&format!("credlint: {}\n", render::escape(&message)));
                self.report.unchecked(name, message);
            }
        }
    }

    /// One checked input's findings: printed, rendered or kept, as the format needs.
    fn checked(&mut self, mut r: Findings) {
        if !self.flags.diff {
            match self.format {
                Format::Human => {
                    render::human_lines(&r.diagnostics, &mut self.pending);
                    self.take_findings(&mut r);
                    self.flush(false);
                }
                Format::Json => {
                    for d in &r.diagnostics {
                        self.rendered.push(render::json_item(d));
                    }
                    for skipped in r.skipped.drain(..) {
                        self.rendered_skipped.push(render::json_item(&skipped));
                    }
                    self.take_findings(&mut r);
                }
                Format::Sarif | Format::Github => {}
            }
        }
        self.report.extend(r);
    }

    /// Moves a file's findings out of it (they are printed or rendered), keeping their count.
    fn take_findings(&mut self, r: &mut Findings) {
        for d in r.diagnostics.drain(..) {
            r.dropped.add(d.severity);
            self.shown.add(&d);
        }
    }

    /// Hands on the pending text when there is enough of it (or all of it at the end), in
    /// pieces of at most about [`PIECE`] bytes.
    fn flush(&mut self, all: bool) {
        if self.pending.is_empty() || (!all && self.pending.len() < PIECE) {
            return;
        }
        let mut rest = self.pending.as_str();
        while !rest.is_empty() {
            let mut end = rest.len().min(PIECE);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let (piece, tail) = rest.split_at(end);
            (self.write)(piece);
            rest = tail;
        }
        self.pending.clear();
    }

    /// Writes the rest of the report (with `--diff`, nothing: the diffs were the output).
    pub fn end(mut self) -> Ended {
        if self.flags.diff {
            // The diffs are the output; the exit code says whether anything would change.
            let n = self.report.summary.fixed;
            if n > 0 {
                self.stderr.push_str(&format!(
                    "credlint: would fix {n} {} (run with --fix to apply)\n",
                    if n == 1 { "problem" } else { "problems" }
                ));
            }
            let exit_code = if !self.report.unchecked.is_empty() {
                2
            } else {
                u8::from(n > 0)
            };
            self.flush(true);
            return Ended {
                stderr: self.stderr,
                exit_code,
                writes: self.writes,
            };
        }
        match self.format {
            Format::Human => {
                let end = render::human_end(&self.report, &self.shown);
                self.pending.push_str(&end);
            }
            Format::Json => {
                // The report without its findings and skipped rules, with their rendered items
                // put in place of its two empty arrays (`diagnostics` comes right after `ok`, a
                // boolean, and `skipped` right after it: neither can be found elsewhere first).
                let rest = render::json(&self.report);
                let mut from = 0;
                for (key, items) in [
                    ("\"diagnostics\": []", std::mem::take(&mut self.rendered)),
                    (
                        "\"skipped\": []",
                        std::mem::take(&mut self.rendered_skipped),
                    ),
                ] {
                    let Some(at) = rest[from..].find(key).map(|i| from + i) else {
                        continue;
                    };
                    if items.is_empty() {
                        continue;
                    }
                    self.pending.push_str(&rest[from..at]);
                    self.pending.push_str(&key[..key.len() - 1]);
                    self.pending.push('\n');
                    let count = items.len();
                    for (i, item) in items.into_iter().enumerate() {
                        self.pending.push_str(&item);
                        self.pending
                            .push_str(if i + 1 < count { ",\n" } else { "\n" });
                        self.flush(false);
                    }
                    self.pending.push_str("  ]");
                    from = at + key.len();
                }
                self.pending.push_str(&rest[from..]);
            }
            Format::Sarif => self.pending.push_str(&render::sarif(&self.report)),
            Format::Github => self.pending.push_str(&render::github(&self.report)),
        }
        self.flush(true);
        Ended {
            stderr: self.stderr,
            exit_code: self.report.exit_code(),
            writes: self.writes,
        }
    }
}
