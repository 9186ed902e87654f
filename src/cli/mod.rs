//! The one command-line driver (feature `driver`): argument parsing (clap, so help, errors and
//! suggestions are clap's everywhere), path expansion and the folder walk, policy discovery,
//! context loading, formats, rendering and exit codes. The native CLI (`src/main.rs`) and the
//! Node bin (`pkg/bin/credlint.js`, through `wasm::run_cli`) both call [`run`] with a [`Host`]
//! that gives it files, streams, the environment and the clock.

pub mod host;
mod token_action;
pub mod walk;

use clap::{Parser, Subcommand, ValueEnum};

use crate::driver::{self, Entry, Format, Origin, Outcome};
use crate::engine::{self, ContextSource, Options};
use crate::policy::Policy;
use crate::{render, schema};
pub use host::Host;
use host::{FileKind, join};
use walk::{Input, What};

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

/// The formats of the commands that print no diagnostics (`rules`, `token-action`).
#[derive(Clone, Copy, ValueEnum)]
enum TextFormat {
    Human,
    Json,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories (directories: every `*.json`, `*.tf` and `*.tfvars` below them, honouring `.gitignore` and `.ignore`). Default: `.`
    paths: Vec<String>,
    /// The kind of bare (non-envelope) documents
    #[arg(long)]
    kind: Option<String>,
    /// A context file: a context object, or the `paragon_integrations` data source's map
    #[arg(long)]
    context: Option<String>,
    /// A policy file (default: `credlint.json` found upward from the working directory, up to the repository root)
    #[arg(long)]
    policy: Option<String>,
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
    /// Follow symbolic links to folders (never out of the walked folder, never twice into one)
    #[arg(long)]
    follow_links: bool,
    /// Apply safe fixes to the files (with --stdin: print the fixed text on standard output, the report on standard error)
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (they change what is sent: review them)
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print what --fix would change as a unified diff and write nothing; exit 1 if anything would change
    #[arg(long)]
    diff: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check files: JSON envelopes and batches (bare documents with --kind), Terraform `.tf` files and plan JSON
    Check(CheckArgs),
    /// Print a kind's JSON Schema, or write every schema with --all --out-dir DIR
    Schema {
        kind: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        out_dir: Option<String>,
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
        file: String,
        /// The time to decide at (RFC 3339); default: the envelope's `context.now`, else the clock
        #[arg(long)]
        now: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: TextFormat,
    },
    /// Send validated Paragon credentials to the platform (PARAGON_USERNAME / PARAGON_PASSWORD)
    #[cfg(feature = "apply")]
    Apply(crate::apply::ApplyArgs),
}

/// A failure to run (exit 2), as opposed to findings (exit 1).
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

/// Runs one command line (`args` without the program name) and returns the exit code: 0 no
/// error, 1 at least one error, 2 could not run or an input could not be checked.
pub fn run(args: &[String], host: &dyn Host) -> u8 {
    let argv = std::iter::once("credlint".to_owned()).chain(args.iter().cloned());
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            return if e.use_stderr() {
                host.stderr(&text);
                2
            } else {
                host.stdout(&text);
                0
            };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args, host),
        Command::Schema { kind, all, out_dir } => schema_cmd(kind, all, out_dir, host),
        Command::Rules { format } => {
            host.stdout(&if matches!(format, TextFormat::Json) {
                render::docs::rules_json()
            } else {
                render::docs::rules_human()
            });
            Ok(0)
        }
        Command::Explain { rule } => render::docs::explain(&rule)
            .map(|text| {
                host.stdout(&text);
                0
            })
            .map_err(Fatal),
        Command::TokenAction { file, now, format } => token_action(&file, now, format, host),
        #[cfg(feature = "apply")]
        Command::Apply(args) => Ok(crate::apply::run_cli(args)),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            host.stderr(&format!("credlint: {msg}\n"));
            2
        }
    }
}

/// The most a policy, context or token configuration file may hold (they are small; a bound
/// keeps `/dev/zero` or a huge file from exhausting memory).
pub const SMALL_FILE_LIMIT: usize = 16 * 1024 * 1024;

/// Reads a file named by an option (`--policy`, `--context`, token-action's file): a regular file
/// of at most [`SMALL_FILE_LIMIT`] bytes.
fn read_option_file(path: &str, host: &dyn Host) -> Result<Vec<u8>, Fatal> {
    if let Ok(kind) = host.stat(path, true)
        && kind != FileKind::File
    {
        return Err(Fatal(format!("cannot read {path}: not a regular file")));
    }
    let bytes = host
        .read(path, SMALL_FILE_LIMIT)
        .map_err(|e| Fatal(format!("cannot read {path}: {e}")))?;
    if bytes.len() > SMALL_FILE_LIMIT {
        return Err(Fatal(format!(
            "{path} is larger than {SMALL_FILE_LIMIT} bytes, the limit for this file"
        )));
    }
    Ok(bytes)
}

/// `credlint.json` in the working directory or the nearest folder above it, up to the repository
/// root (the first folder holding `.git`), as ESLint's `root` and ruff's project discovery stop
/// there: a policy outside the repository is never obeyed.
pub fn find_policy(host: &dyn Host) -> Option<String> {
    let mut dir = host.current_dir().ok()?;
    loop {
        let candidate = join(&dir, "credlint.json");
        if host.stat(&candidate, true).ok() == Some(FileKind::File) {
            return Some(candidate);
        }
        if host.stat(&join(&dir, ".git"), false).is_ok() {
            return None;
        }
        let parent = match dir.rfind('/') {
            Some(0) if dir.len() > 1 => "/".to_owned(),
            Some(i) if i > 0 => dir[..i].to_owned(),
            _ => return None,
        };
        dir = parent;
    }
}

fn load_policy(path: Option<String>, host: &dyn Host) -> Result<Policy, Fatal> {
    let Some(path) = path.or_else(|| find_policy(host)) else {
        return Ok(Policy::default());
    };
    let text = String::from_utf8(read_option_file(&path, host)?)
        .map_err(|_| Fatal(format!("{path}: not valid UTF-8")))?;
    Policy::from_text(&text).map_err(|e| Fatal(format!("invalid policy {path}: {e}")))
}

fn load_context(path: &str, host: &dyn Host) -> Result<ContextSource, Fatal> {
    let text = String::from_utf8(read_option_file(path, host)?)
        .map_err(|_| Fatal(format!("{path}: not valid UTF-8")))?;
    // The context file never holds secrets, but say only where it fails, as everywhere.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Fatal(format!(
            "invalid context {path}: not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    ContextSource::from_value(value).map_err(|e| Fatal(format!("invalid context {path}: {e}")))
}

fn check(args: CheckArgs, host: &dyn Host) -> Result<u8, Fatal> {
    let limits = engine::Limits {
        max_bytes: args.max_bytes,
        max_depth: args.max_depth,
        max_diagnostics: args.max_diagnostics,
    };
    let flags = driver::Flags {
        skip_unrelated: args.skip_unrelated,
        verbose: args.verbose,
        fix: match (args.fix || args.diff, args.unsafe_fixes) {
            (false, _) => engine::FixMode::Off,
            (true, false) => engine::FixMode::Safe,
            (true, true) => engine::FixMode::Unsafe,
        },
        diff: args.diff,
    };
    limits.check()?;
    let mut opts = Options {
        policy: load_policy(args.policy, host)?,
        limits,
        ..Default::default()
    };
    if let Some(k) = &args.kind {
        opts.kind = Some(engine::kind(k)?);
    }
    if let Some(c) = &args.context {
        opts.context = Some(load_context(c, host)?);
    }

    // With --stdin --fix, standard output is the (fixed) text, and the report goes to standard
    // error.
    let stdin_fix = args.stdin && args.fix && !args.diff;
    let mut stdin_text = None;
    let mut report_text = String::new();
    let mut write = |text: &str| {
        if stdin_fix {
            report_text.push_str(text);
        } else {
            host.stdout(text);
        }
    };
    let mut run = driver::Run::new(args.format, flags, &mut write);
    if args.stdin {
        let bytes = host
            .read_stdin(opts.limits.max_bytes)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        if stdin_fix {
            stdin_text = Some(String::from_utf8_lossy(&bytes).into_owned());
        }
        // Standard input is a named input (hooks pass each staged file this way, with
        // --skip-unrelated and the file's name).
        let name = args.stdin_filename;
        let outcome =
            driver::check_input(&name, Origin::Named, Entry::File(Ok(bytes)), &opts, flags);
        run.add(name, Origin::Named, outcome);
    } else {
        let paths = if args.paths.is_empty() {
            vec![".".to_owned()]
        } else {
            args.paths
        };
        // Files named on the command line, and those found in folders (where what is not
        // credentials is simply not ours).
        let mut inputs: Vec<Input> = Vec::new();
        for path in paths {
            match host.stat(&path, true) {
                Ok(FileKind::Dir) => walk::Walker::new(host, args.follow_links)
                    .walk(&path, &mut inputs)
                    .map_err(Fatal)?,
                Ok(FileKind::Other) => inputs.push(Input {
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
        check_all(&inputs, &opts, flags, host, &mut |(
            name,
            origin,
            outcome,
        )| {
            run.add(name, origin, outcome)
        });
    }
    let ended = run.end();
    let mut exit_code = ended.exit_code;
    let mut stderr = ended.stderr;
    match stdin_text {
        Some(original) => {
            let text = ended.writes.into_iter().next().map_or(original, |(_, t)| t);
            host.stdout(&text);
            stderr = format!("{report_text}{stderr}");
        }
        None => {
            for (path, text) in &ended.writes {
                if let Err(e) = host.write_file(path, text) {
                    stderr.push_str(&format!(
                        "credlint: cannot write the fixes to {}: {e}\n",
                        render::escape(path)
                    ));
                    exit_code = 2;
                }
            }
        }
    }
    if !stderr.is_empty() {
        host.stderr(&stderr);
    }
    Ok(exit_code)
}

fn check_one(
    input: &Input,
    opts: &Options,
    flags: driver::Flags,
    host: &dyn Host,
) -> (String, Origin, Outcome) {
    let name = input.path.clone();
    let entry = match input.what {
        What::File => Entry::File(
            host.read(&input.path, opts.limits.max_bytes)
                .map_err(|e| format!("cannot read {name}: {e}")),
        ),
        What::NotRegular => Entry::NotRegular,
        What::LinkToFolder => Entry::LinkToFolder,
        What::LinkLoop => {
            return (
                name,
                input.origin,
                Outcome::PassedOver(
                    "a symbolic link to a folder outside the walked folder, or walked already (not followed)"
                        .into(),
                ),
            );
        }
        What::BadName => {
            let message = format!(
                "{}: the name is not valid UTF-8, so it cannot be checked; rename it",
                render::escape(&name)
            );
            return (name, input.origin, Outcome::Failed(message));
        }
    };
    let outcome = driver::check_input(&name, input.origin, entry, opts, flags);
    (name, input.origin, outcome)
}

const WORKER_STACK: usize = 8 * 1024 * 1024;

/// Checks the files, on every core when the host may be shared between threads, and hands on
/// each outcome in input order (one at a time as it is checked, when checking on one thread).
fn check_all(
    inputs: &[Input],
    opts: &Options,
    flags: driver::Flags,
    host: &dyn Host,
    each: &mut dyn FnMut((String, Origin, Outcome)),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len() / 32 + 1);
    let shared = match host.as_sync() {
        Some(h) if threads > 1 && cfg!(not(target_arch = "wasm32")) => h,
        _ => {
            for input in inputs {
                each(check_one(input, opts, flags, host));
            }
            return;
        }
    };
    let chunk = inputs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                let work = move || {
                    part.iter()
                        .map(|i| check_one(i, opts, flags, shared))
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
        for outcome in handles.into_iter().flat_map(|h| match h {
            Ok(h) => h.join().unwrap_or_else(|_| {
                vec![(
                    String::new(),
                    Origin::Named,
                    Outcome::Failed("a checking thread stopped".into()),
                )]
            }),
            // No thread to be had: check this part here.
            Err(part) => part
                .iter()
                .map(|i| check_one(i, opts, flags, shared))
                .collect(),
        }) {
            each(outcome);
        }
    })
}

fn schema_cmd(
    kind: Option<String>,
    all: bool,
    out_dir: Option<String>,
    host: &dyn Host,
) -> Result<u8, Fatal> {
    match (kind, all, out_dir) {
        (Some(k), false, None) => {
            let kind = engine::kind(&k)?;
            host.stdout(&schema::to_text(&schema::kind_schema(kind)));
            Ok(0)
        }
        (None, true, Some(dir)) => {
            host.create_dir_all(&dir)
                .map_err(|e| Fatal(format!("cannot create {dir}: {e}")))?;
            for (name, text) in schema::all_files() {
                let path = join(&dir, &name);
                host.write_file(&path, &text)
                    .map_err(|e| Fatal(format!("cannot write {path}: {e}")))?;
            }
            Ok(0)
        }
        _ => Err(Fatal(
            "usage: credlint schema KIND | credlint schema --all --out-dir DIR".into(),
        )),
    }
}

fn token_action(
    file: &str,
    now: Option<String>,
    format: TextFormat,
    host: &dyn Host,
) -> Result<u8, Fatal> {
    let bytes = read_option_file(file, host)?;
    let text = token_action::decision(
        file,
        &bytes,
        now,
        || host.now(),
        matches!(format, TextFormat::Json),
    )
    .map_err(Fatal)?;
    host.stdout(&text);
    Ok(0)
}
