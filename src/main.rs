//! The `credlint` command line: reads files, renders reports, maps exit codes (0 no error,
//! 1 at least one error, 2 could not run). All checking happens in the library.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use credlint::driver::{self, Entry, Origin, Outcome};
use credlint::engine::{self, ContextSource, Options};
use credlint::policy::Policy;
use credlint::{render, schema};

#[derive(Parser)]
#[command(
    name = "credlint",
    version,
    about = "Catch mistakes in integration-credential configurations before the platform does"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// The formats of the commands that print no diagnostics (`rules`, `token-action`).
#[derive(Clone, Copy, ValueEnum)]
enum TextFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check files: JSON envelopes and batches (bare documents with --kind), Terraform `.tf` files and plan JSON
    Check {
        /// Files or directories (directories: every `*.json`, `*.tf` and `*.tfvars` below them). Default: `.`
        paths: Vec<PathBuf>,
        /// The kind of bare (non-envelope) documents
        #[arg(long)]
        kind: Option<String>,
        /// A context file: a context object, or the `paragon_integrations` data source's map
        #[arg(long)]
        context: Option<PathBuf>,
        /// A policy file (default: `credlint.json` found upward from the working directory, up to the repository root)
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Read one input from standard input
        #[arg(long)]
        stdin: bool,
        /// The file name to report for standard input (its extension picks the parser: `.tf` or JSON)
        #[arg(long, default_value = "<stdin>")]
        stdin_filename: String,
        /// Largest input accepted, in bytes
        #[arg(long, default_value_t = engine::Limits::default().max_bytes)]
        max_bytes: usize,
        /// Deepest nesting of arrays and objects accepted
        #[arg(long, default_value_t = engine::Limits::default().max_depth)]
        max_depth: usize,
        /// Most diagnostics kept per file
        #[arg(long, default_value_t = engine::Limits::default().max_diagnostics)]
        max_diagnostics: usize,
        /// Treat named files as if found in a folder: pass over what is not credentials (for hooks that pass every staged file)
        #[arg(long)]
        skip_unrelated: bool,
        /// Say which files were passed over and why
        #[arg(long)]
        verbose: bool,
    },
    /// Print a kind's JSON Schema, or write every schema with --all --out-dir DIR
    Schema {
        kind: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// List every rule
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: TextFormat,
    },
    /// Explain one rule: why it exists, its source, and examples
    Explain { rule: String },
    /// What Itential does with a token configuration's token at a time: use, refresh or fetch
    TokenAction {
        /// An `itential.token-config` envelope or bare document
        file: PathBuf,
        /// The time to decide at (RFC 3339); default: the envelope's `context.now`, else the clock
        #[arg(long)]
        now: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: TextFormat,
    },
    /// Send validated Paragon credentials to the platform (PARAGON_USERNAME / PARAGON_PASSWORD)
    #[cfg(feature = "apply")]
    Apply(credlint::apply::ApplyArgs),
}

/// A failure to run (exit 2), as opposed to findings (exit 1).
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Check {
            paths,
            kind,
            context,
            policy,
            format,
            stdin,
            stdin_filename,
            max_bytes,
            max_depth,
            max_diagnostics,
            skip_unrelated,
            verbose,
        } => {
            let limits = engine::Limits {
                max_bytes,
                max_depth,
                max_diagnostics,
            };
            check(CheckArgs {
                paths,
                kind,
                context,
                policy,
                format,
                stdin,
                stdin_filename,
                limits,
                flags: driver::Flags {
                    skip_unrelated,
                    verbose,
                },
            })
        }
        Command::Schema { kind, all, out_dir } => schema_cmd(kind, all, out_dir),
        Command::Rules { format } => rules_cmd(format),
        Command::Explain { rule } => explain(&rule),
        Command::TokenAction { file, now, format } => token_action(&file, now, format),
        #[cfg(feature = "apply")]
        Command::Apply(args) => Ok(credlint::apply::run_cli(args)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fatal(msg)) => {
            eprintln!("credlint: {msg}");
            ExitCode::from(2)
        }
    }
}

/// The most a policy, context or token configuration file may hold (they are small; a bound
/// keeps `/dev/zero` or a huge file from exhausting memory).
const SMALL_FILE_LIMIT: usize = 16 * 1024 * 1024;

/// Reads a file named by an option (`--policy`, `--context`, token-action's file): a regular file
/// of at most [`SMALL_FILE_LIMIT`] bytes.
fn read_file(path: &Path) -> Result<Vec<u8>, Fatal> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(Fatal(format!(
                "cannot read {}: not a regular file",
                path.display()
            )));
        }
        _ => {}
    }
    let bytes = read_limited(path, SMALL_FILE_LIMIT).map_err(Fatal)?;
    if bytes.len() > SMALL_FILE_LIMIT {
        return Err(Fatal(format!(
            "{} is larger than {SMALL_FILE_LIMIT} bytes, the limit for this file",
            path.display()
        )));
    }
    Ok(bytes)
}

/// Reads at most one byte past `limit`, so that an oversized input is reported (by the engine's
/// size check) without being loaded whole.
fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(bytes)
}

fn load_policy(path: Option<PathBuf>) -> Result<Policy, Fatal> {
    let Some(path) = path.or_else(credlint::policy::find_upward) else {
        return Ok(Policy::default());
    };
    let text = String::from_utf8(read_file(&path)?)
        .map_err(|_| Fatal(format!("{}: not valid UTF-8", path.display())))?;
    Policy::from_text(&text).map_err(|e| Fatal(format!("invalid policy {}: {e}", path.display())))
}

fn load_context(path: &Path) -> Result<ContextSource, Fatal> {
    let text = String::from_utf8(read_file(path)?)
        .map_err(|_| Fatal(format!("{}: not valid UTF-8", path.display())))?;
    // The context file never holds secrets, but say only where it fails, as everywhere.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Fatal(format!(
            "invalid context {}: not valid JSON (line {}, column {})",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    ContextSource::from_value(value)
        .map_err(|e| Fatal(format!("invalid context {}: {e}", path.display())))
}

/// An input to check: its path, how it was found, and what is there (the bytes are read later,
/// on a checking thread).
struct Input {
    path: PathBuf,
    origin: Origin,
    what: What,
}

enum What {
    File,
    NotRegular,
    LinkToFolder,
}

/// Every `*.json`, `*.tf` and `*.tfvars` file below `dir` (extensions in any case), sorted,
/// skipping hidden folders, `node_modules` and `target`. Symbolic links to files are read;
/// symbolic links to folders are not followed (they can loop, or leave the tree), and FIFOs,
/// sockets and devices are never opened: both are listed as passed over.
fn walk(dir: &Path, out: &mut Vec<Input>) -> Result<(), Fatal> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Fatal(format!("cannot read directory {}: {e}", dir.display())))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(ty) = entry.file_type() else { continue };
        let skipped_folder = name.starts_with('.') || name == "node_modules" || name == "target";
        if ty.is_dir() {
            if !skipped_folder {
                walk(&path, out)?;
            }
            continue;
        }
        // A link is not followed into a folder; a link to a file is read like the file.
        let target = if ty.is_symlink() {
            std::fs::metadata(&path).ok()
        } else {
            None
        };
        if target.as_ref().is_some_and(|m| m.is_dir()) {
            if !skipped_folder {
                out.push(Input {
                    path,
                    origin: Origin::Found,
                    what: What::LinkToFolder,
                });
            }
            continue;
        }
        if !driver::is_candidate(&name) {
            continue;
        }
        let what = match (ty.is_symlink(), target) {
            (false, _) if ty.is_file() => What::File,
            // A dangling link: reading it gives the system's own message.
            (true, None) => What::File,
            (true, Some(m)) if m.is_file() => What::File,
            _ => What::NotRegular,
        };
        out.push(Input {
            path,
            origin: Origin::Found,
            what,
        });
    }
    Ok(())
}

struct CheckArgs {
    paths: Vec<PathBuf>,
    kind: Option<String>,
    context: Option<PathBuf>,
    policy: Option<PathBuf>,
    format: Format,
    stdin: bool,
    stdin_filename: String,
    limits: engine::Limits,
    flags: driver::Flags,
}

fn check(args: CheckArgs) -> Result<u8, Fatal> {
    let CheckArgs {
        paths,
        kind,
        context,
        policy,
        format,
        stdin,
        stdin_filename,
        limits,
        flags,
    } = args;
    limits.check()?;
    let mut opts = Options {
        policy: load_policy(policy)?,
        limits,
        ..Default::default()
    };
    if let Some(k) = kind {
        opts.kind = Some(engine::kind(&k)?);
    }
    if let Some(c) = context {
        opts.context = Some(load_context(&c)?);
    }

    let outcomes = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(
                u64::try_from(opts.limits.max_bytes)
                    .unwrap_or(u64::MAX)
                    .saturating_add(1),
            )
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        // Standard input is a named input (hooks pass each staged file this way, with
        // --skip-unrelated and the file's name).
        let outcome = driver::check_input(
            &stdin_filename,
            Origin::Named,
            Entry::File(Ok(bytes)),
            &opts,
            flags,
        );
        vec![(stdin_filename, Origin::Named, outcome)]
    } else {
        let paths = if paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            paths
        };
        // Files named on the command line, and those found in folders (where what is not
        // credentials is simply not ours).
        let mut inputs: Vec<Input> = Vec::new();
        for path in paths {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => walk(&path, &mut inputs)?,
                Ok(m) if !m.is_file() => inputs.push(Input {
                    path,
                    origin: Origin::Named,
                    what: What::NotRegular,
                }),
                _ => inputs.push(Input {
                    path,
                    origin: Origin::Named,
                    what: What::File,
                }),
            }
        }
        check_all(&inputs, &opts, flags)
    };
    let format = match format {
        Format::Human => driver::Format::Human,
        Format::Json => driver::Format::Json,
        Format::Sarif => driver::Format::Sarif,
        Format::Github => driver::Format::Github,
    };
    let finished = driver::finish(outcomes, format, flags);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(finished.stdout.as_bytes());
    let _ = out.flush();
    eprint!("{}", finished.stderr);
    Ok(finished.exit_code)
}

fn check_one(input: &Input, opts: &Options, flags: driver::Flags) -> (String, Origin, Outcome) {
    let name = input.path.display().to_string();
    let entry = match input.what {
        What::File => Entry::File(read_limited(&input.path, opts.limits.max_bytes)),
        What::NotRegular => Entry::NotRegular,
        What::LinkToFolder => Entry::LinkToFolder,
    };
    let outcome = driver::check_input(&name, input.origin, entry, opts, flags);
    (name, input.origin, outcome)
}

const WORKER_STACK: usize = 8 * 1024 * 1024;

/// Checks the files on every core, keeping their order in the output.
fn check_all(
    inputs: &[Input],
    opts: &Options,
    flags: driver::Flags,
) -> Vec<(String, Origin, Outcome)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len() / 32 + 1);
    if threads <= 1 {
        return inputs.iter().map(|i| check_one(i, opts, flags)).collect();
    }
    let chunk = inputs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                let work = move || {
                    part.iter()
                        .map(|i| check_one(i, opts, flags))
                        .collect::<Vec<_>>()
                };
                // The main thread's stack, not a spawned thread's 2 MiB: nesting up to
                // `Limits::DEEPEST` must fit in every build.
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, work)
                    .map_err(|_| part)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h {
                Ok(h) => h.join().unwrap_or_else(|_| {
                    vec![(
                        String::new(),
                        Origin::Named,
                        Outcome::Failed("a checking thread stopped".into()),
                    )]
                }),
                // No thread to be had: check this part here.
                Err(part) => part.iter().map(|i| check_one(i, opts, flags)).collect(),
            })
            .collect()
    })
}

fn schema_cmd(kind: Option<String>, all: bool, out_dir: Option<PathBuf>) -> Result<u8, Fatal> {
    match (kind, all, out_dir) {
        (Some(k), false, None) => {
            let kind = engine::kind(&k)?;
            print!("{}", schema::to_text(&schema::kind_schema(kind)));
            Ok(0)
        }
        (None, true, Some(dir)) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Fatal(format!("cannot create {}: {e}", dir.display())))?;
            for (name, text) in schema::all_files() {
                let path = dir.join(&name);
                std::fs::write(&path, text)
                    .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
            }
            Ok(0)
        }
        _ => Err(Fatal(
            "usage: credlint schema KIND | credlint schema --all --out-dir DIR".into(),
        )),
    }
}

fn rules_cmd(format: TextFormat) -> Result<u8, Fatal> {
    print!(
        "{}",
        if matches!(format, TextFormat::Json) {
            render::docs::rules_json()
        } else {
            render::docs::rules_human()
        }
    );
    Ok(0)
}

fn explain(id: &str) -> Result<u8, Fatal> {
    print!("{}", render::docs::explain(id).map_err(Fatal)?);
    Ok(0)
}

/// The current time as RFC 3339 (UTC, whole seconds).
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn token_action(file: &Path, now: Option<String>, format: TextFormat) -> Result<u8, Fatal> {
    let bytes = read_file(file)?;
    let name = file.display().to_string();
    print!(
        "{}",
        render::docs::token_action(
            &name,
            &bytes,
            now,
            now_rfc3339,
            matches!(format, TextFormat::Json)
        )
        .map_err(Fatal)?
    );
    Ok(0)
}
