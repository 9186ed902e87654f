#!/usr/bin/env node
// The `credlint` bin: the native CLI's `check`, `schema`, `rules` and `explain` on the same
// WebAssembly engine, so a Node project's pre-commit hook needs no Rust toolchain.
//
// This file only parses arguments and does the file I/O (in the native CLI's order, with its
// messages). Checking, rendering, messages and exit codes come from Rust (`runCli`), so stdout and
// the exit code (0 no error, 1 errors, 2 could not run) are the native CLI's.
import { closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, version } from "../node.js";

const FORMATS = ["human", "json", "sarif", "github"];
/** `rules` and `token-action` print no diagnostics: human or JSON only, as natively. */
const TEXT_FORMATS = ["human", "json"];
const NUMBERS = ["max-bytes", "max-depth", "max-diagnostics"];
const placeholder = (name) => `--${name} <${name.toUpperCase().replace(/-/g, "_")}>`;

const HELP = `Catch mistakes in integration-credential configurations before the platform does

Usage: credlint <COMMAND>

Commands:
  check         Check files: JSON envelopes and batches (bare documents with --kind), Terraform \`.tf\` files and plan JSON
  schema        Print a kind's JSON Schema, or write every schema with --all --out-dir DIR
  rules         List every rule
  explain       Explain one rule: why it exists, its source, and examples
  token-action  What Itential does with a token configuration's token at a time: use, refresh or fetch
  help          Print this message or the help of the given subcommand(s)

Options:
  -h, --help     Print help
  -V, --version  Print version
`;

const COMMANDS = {
  check: {
    usage: "credlint check [OPTIONS] [PATHS]...",
    values: ["kind", "context", "policy", "format", "stdin-filename", "max-bytes", "max-depth", "max-diagnostics"],
    flags: ["stdin", "skip-unrelated", "verbose"],
    positional: { name: "paths", min: 0, max: Infinity },
    help: `Check files: JSON envelopes and batches (bare documents with --kind), Terraform \`.tf\` files and plan JSON

Usage: credlint check [OPTIONS] [PATHS]...

Arguments:
  [PATHS]...  Files or directories (directories: every \`*.json\`, \`*.tf\` and \`*.tfvars\` below them). Default: \`.\`

Options:
      --kind <KIND>
          The kind of bare (non-envelope) documents
      --context <CONTEXT>
          A context file: a context object, or the \`paragon_integrations\` data source's map
      --policy <POLICY>
          A policy file (default: \`credlint.json\` found upward from the working directory, up to the repository root)
      --format <FORMAT>
          [default: human] [possible values: human, json, sarif, github]
      --stdin
          Read one input from standard input
      --stdin-filename <STDIN_FILENAME>
          The file name to report for standard input (its extension picks the parser: \`.tf\` or JSON) [default: <stdin>]
      --max-bytes <MAX_BYTES>
          Largest input accepted, in bytes [default: 67108864]
      --max-depth <MAX_DEPTH>
          Deepest nesting of arrays and objects accepted [default: 128]
      --max-diagnostics <MAX_DIAGNOSTICS>
          Most diagnostics kept per file [default: 1000]
      --skip-unrelated
          Treat named files as if found in a folder: pass over what is not credentials (for hooks that pass every staged file)
      --verbose
          Say which files were passed over and why
  -h, --help
          Print help
`,
  },
  schema: {
    usage: "credlint schema [OPTIONS] [KIND]",
    values: ["out-dir"],
    flags: ["all"],
    positional: { name: "kind", min: 0, max: 1 },
    help: `Print a kind's JSON Schema, or write every schema with --all --out-dir DIR

Usage: credlint schema [OPTIONS] [KIND]

Arguments:
  [KIND]  

Options:
      --all                
      --out-dir <OUT_DIR>  
  -h, --help               Print help
`,
  },
  rules: {
    usage: "credlint rules [OPTIONS]",
    values: ["format"],
    flags: [],
    formats: TEXT_FORMATS,
    positional: { name: "", min: 0, max: 0 },
    help: `List every rule

Usage: credlint rules [OPTIONS]

Options:
      --format <FORMAT>  [default: human] [possible values: human, json]
  -h, --help             Print help
`,
  },
  "token-action": {
    usage: "credlint token-action [OPTIONS] <FILE>",
    // clap shows only the required arguments when one is missing.
    requiredUsage: "credlint token-action <FILE>",
    values: ["now", "format"],
    flags: [],
    formats: TEXT_FORMATS,
    positional: { name: "file", min: 1, max: 1 },
    help: `What Itential does with a token configuration's token at a time: use, refresh or fetch

Usage: credlint token-action [OPTIONS] <FILE>

Arguments:
  <FILE>  An \`itential.token-config\` envelope or bare document

Options:
      --now <NOW>        The time to decide at (RFC 3339); default: the envelope's \`context.now\`, else the clock
      --format <FORMAT>  [default: human] [possible values: human, json]
  -h, --help             Print help
`,
  },
  explain: {
    usage: "credlint explain <RULE>",
    values: [],
    flags: [],
    positional: { name: "rule", min: 1, max: 1 },
    help: `Explain one rule: why it exists, its source, and examples

Usage: credlint explain <RULE>

Arguments:
  <RULE>  

Options:
  -h, --help  Print help
`,
  },
};

/** A usage error, reported like clap does (exit 2). */
class UsageError extends Error {
  constructor(message, usage) {
    super(message);
    this.usage = usage;
  }
}

/** Whether `arg` names one of the command's options or flags (or help). */
function isOption(spec, arg) {
  if (arg === "-h" || arg === "--help") return true;
  if (!arg.startsWith("--")) return false;
  const name = arg.slice(2).split("=")[0];
  return spec.values.includes(name) || spec.flags.includes(name);
}

function parse(argv) {
  const [command, ...rest] = argv;
  const spec = COMMANDS[command];
  if (!spec) {
    throw new UsageError(
      command === undefined ? "a subcommand is required" : `unrecognized subcommand '${command}'`,
      "credlint <COMMAND>",
    );
  }
  const options = {};
  const positional = [];
  let onlyPositional = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyPositional || !arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositional = true;
      continue;
    }
    if (arg === "-h" || arg === "--help") return { help: spec.help };
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq === -1 ? undefined : eq) : null;
    if (name !== null && spec.flags.includes(name) && eq === -1) {
      if (options[name]) throw new UsageError(`the argument '--${name}' cannot be used multiple times`, spec.usage);
      options[name] = true;
    } else if (name !== null && spec.values.includes(name)) {
      let value;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (i + 1 < rest.length && !(rest[i + 1].startsWith("-") && rest[i + 1].length > 1)) value = rest[++i];
      else if (i + 1 < rest.length && !isOption(spec, rest[i + 1])) {
        const next = rest[i + 1];
        throw new UsageError(`unexpected argument '${next}' found\n\n  tip: to pass '${next}' as a value, use '-- ${next}'`, spec.usage);
      } else throw new UsageError(`a value is required for '${placeholder(name)}' but none was supplied`, null);
      if (options[name] !== undefined) {
        throw new UsageError(`the argument '${placeholder(name)}' cannot be used multiple times`, spec.usage);
      }
      if (NUMBERS.includes(name)) {
        const problem = value === "" ? "cannot parse integer from empty string"
          : !/^\+?[0-9]+$/.test(value) ? "invalid digit found in string"
          : BigInt(value) > 2n ** 64n - 1n ? "number too large to fit in target type" : null;
        if (problem) throw new UsageError(`invalid value '${value}' for '${placeholder(name)}': ${problem}`, null);
      }
      options[name] = value;
    } else {
      throw new UsageError(`unexpected argument '${arg}' found\n\n  tip: to pass '${arg}' as a value, use '-- ${arg}'`, spec.usage);
    }
  }
  const formats = spec.formats ?? FORMATS;
  if (options.format !== undefined && !formats.includes(options.format)) {
    throw new UsageError(`invalid value '${options.format}' for '--format <FORMAT>'\n  [possible values: ${formats.join(", ")}]`, null);
  }
  if (positional.length > spec.positional.max) {
    throw new UsageError(`unexpected argument '${positional[spec.positional.max]}' found`, spec.usage);
  }
  if (positional.length < spec.positional.min) {
    throw new UsageError(`the following required arguments were not provided:\n  <${spec.positional.name.toUpperCase()}>`, spec.requiredUsage ?? spec.usage);
  }
  return { command, options, positional };
}

// Rust's io::Error text for the errors a file read meets, so messages match the native CLI's.
const OS_ERRORS = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  EIO: [5, "Input/output error"],
  EACCES: [13, "Permission denied"],
  EEXIST: [17, "File exists"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EMFILE: [24, "Too many open files"],
  ENOSPC: [28, "No space left on device"],
  EROFS: [30, "Read-only file system"],
  ENAMETOOLONG: [36, "File name too long"],
  ELOOP: [40, "Too many levels of symbolic links"],
};

function ioMessage(e) {
  const known = OS_ERRORS[e.code];
  if (known) return `${known[1]} (os error ${known[0]})`;
  return e.code ? `${e.code} (os error ${Math.abs(e.errno ?? 0)})` : String(e.message);
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `dir` joined with `name` as Rust's `Path::join` prints it. */
function joinPath(dir, name) {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/**
 * A file's bytes, or why they could not be read (the native CLI's message). At most one byte past
 * `limit` is read, so an oversized input is reported (by the engine's size check) without being
 * loaded whole.
 */
function readSource(name, limit = Infinity) {
  let fd;
  try {
    fd = openSync(name, "r");
    const chunks = [];
    let total = 0;
    const want = limit === Infinity ? Infinity : limit + 1;
    while (total < want) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, want - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    return { name, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { name, error: `cannot read ${name}: ${ioMessage(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const byBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The most a policy, context or token configuration file may hold, as natively. */
const SMALL_FILE_LIMIT = 16 * 1024 * 1024;

/**
 * A file named by an option (`--policy`, `--context`, token-action's file): a regular file of at
 * most SMALL_FILE_LIMIT bytes, with the native CLI's messages (a fatal input otherwise).
 */
function readOption(name) {
  try {
    if (!statSync(name).isFile()) return { name, error: `cannot read ${name}: not a regular file` };
  } catch {
    // Reading gives the system's own message.
  }
  const source = readSource(name, SMALL_FILE_LIMIT);
  if (source.bytes && source.bytes.length > SMALL_FILE_LIMIT) {
    return { name, error: `${name} is larger than ${SMALL_FILE_LIMIT} bytes, the limit for this file` };
  }
  return source;
}

/** Whether a walk looks at a file of this name (the engine decides what it is). */
const CANDIDATE = /\.(json|tf|tfvars)$/i;

/**
 * Every `*.json`, `*.tf` and `*.tfvars` file below `dir` (any case) in the native CLI's order,
 * skipping hidden folders, node_modules and target. Links to folders are not followed and FIFOs,
 * sockets and devices never opened: both are passed to the engine as what they are (it lists
 * them as passed over). Returns false after pushing a fatal input (the native CLI stops there).
 */
function walk(dir, inputs, limit) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byBytes(a.name, b.name));
  } catch (e) {
    inputs.push({ from: "fatal", name: dir, error: `cannot read directory ${dir}: ${ioMessage(e)}` });
    return false;
  }
  for (const entry of entries) {
    const name = entry.name;
    const path = joinPath(dir, name);
    const skippedFolder = name.startsWith(".") || name === "node_modules" || name === "target";
    if (entry.isDirectory()) {
      if (!skippedFolder && !walk(path, inputs, limit)) return false;
      continue;
    }
    let target;
    if (entry.isSymbolicLink()) {
      try {
        target = statSync(path);
      } catch {
        target = undefined;
      }
    }
    if (target?.isDirectory()) {
      if (!skippedFolder) inputs.push({ from: "dir", name: path, type: "link-to-folder" });
      continue;
    }
    if (!CANDIDATE.test(name)) continue;
    const regular = entry.isSymbolicLink() ? target === undefined || target.isFile() : entry.isFile();
    // An unreadable file is reported and the rest still checked, as natively.
    if (regular) inputs.push({ from: "dir", ...readSource(path, limit) });
    else inputs.push({ from: "dir", name: path, type: "not-regular" });
  }
  return true;
}

function findPolicy() {
  let dir = process.cwd();
  for (;;) {
    const candidate = join(dir, "credlint.json");
    if (isFile(candidate)) return candidate;
    // Discovery stops at the repository root, as natively.
    if (existsSync(join(dir, ".git"))) return undefined;
    const parent = join(dir, "..");
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The engine's default limits, for reads (the engine applies whichever limits it is given). */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function checkRequest(options, positional) {
  const request = {
    command: "check",
    format: options.format ?? "human",
    skipUnrelated: options["skip-unrelated"] === true,
    verbose: options.verbose === true,
  };
  for (const name of NUMBERS) {
    if (options[name] !== undefined) request[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = Number(options[name]);
  }
  const limit = request.maxBytes ?? DEFAULT_MAX_BYTES;
  const policy = options.policy ?? findPolicy();
  if (policy !== undefined) request.policy = readOption(policy);
  if (options.kind !== undefined) request.kind = options.kind;
  if (options.context !== undefined) request.context = readOption(options.context);
  const inputs = [];
  if (options.stdin) {
    const name = options["stdin-filename"] ?? "<stdin>";
    try {
      inputs.push({ from: "stdin", name, ...readStdin(limit) });
    } catch (e) {
      inputs.push({ from: "fatal", name, error: `cannot read standard input: ${ioMessage(e)}` });
    }
  } else {
    for (const path of positional.length ? positional : ["."]) {
      let stat;
      try {
        stat = statSync(path);
      } catch {
        stat = undefined;
      }
      if (stat?.isDirectory()) {
        if (!walk(path, inputs, limit)) break;
      } else if (stat !== undefined && !stat.isFile()) {
        inputs.push({ from: "file", name: path, type: "not-regular" });
      } else {
        inputs.push({ from: "file", ...readSource(path, limit) });
      }
    }
  }
  request.inputs = inputs;
  return request;
}

function readStdin(limit) {
  const chunks = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 16);
  while (total <= limit) {
    let n;
    try {
      n = readSync(0, chunk, 0, Math.min(chunk.length, limit + 1 - total), null);
    } catch (e) {
      if (e.code === "EAGAIN") continue;
      if (e.code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
  }
  return { bytes: Buffer.concat(chunks, total) };
}

function writeSchemas(dir, files) {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    return `cannot create ${dir}: ${ioMessage(e)}`;
  }
  for (const { name, text } of files) {
    const path = joinPath(dir, name);
    try {
      writeFileSync(path, text);
    } catch (e) {
      return `cannot write ${path}: ${ioMessage(e)}`;
    }
  }
  return null;
}

function main(argv) {
  if (argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") return { stdout: HELP, exitCode: 0 };
  if (argv[0] === "-V" || argv[0] === "--version") return { stdout: `credlint ${version()}\n`, exitCode: 0 };
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (argv.length === 0) return { stderr: HELP, exitCode: 2 };
    return {
      stderr: `error: ${e.message}\n\n${e.usage ? `Usage: ${e.usage}\n\n` : ""}For more information, try '--help'.\n`,
      exitCode: 2,
    };
  }
  if (parsed.help) return { stdout: parsed.help, exitCode: 0 };
  const { command, options, positional } = parsed;
  switch (command) {
    case "check":
      return runCli(checkRequest(options, positional));
    case "schema": {
      const result = runCli({
        command: "schema",
        kind: positional[0],
        all: options.all === true,
        outDir: options["out-dir"] !== undefined,
      });
      if (result.files) {
        const failure = writeSchemas(options["out-dir"], result.files);
        if (failure) return { stderr: `credlint: ${failure}\n`, exitCode: 2 };
      }
      return result;
    }
    case "rules":
      return runCli({ command: "rules", format: options.format ?? "human" });
    case "explain":
      return runCli({ command: "explain", rule: positional[0] });
    case "token-action":
      return runCli({
        command: "token-action",
        file: readOption(positional[0]),
        now: options.now,
        clock: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        format: options.format ?? "human",
      });
  }
}

let result;
try {
  result = main(process.argv.slice(2));
} catch (e) {
  result = { stderr: `credlint: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 2 };
}
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
