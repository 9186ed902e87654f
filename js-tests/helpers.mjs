// Shared by the js-tests: where things are, and the native CLI to compare against.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const pkgDir = join(root, "pkg");
export const bin = join(pkgDir, "bin", "credlint.js");

let nativePath;
/**
 * The native `credlint` binary (target/debug), built (or brought up to date) once per test
 * process, so the comparison is always with the CLI of the same sources.
 */
export function native() {
  if (nativePath) return nativePath;
  const build = spawnSync("cargo", ["build", "-q", "--bin", "credlint"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("cargo build of the native credlint failed");
  nativePath = join(root, "target", "debug", "credlint");
  if (!existsSync(nativePath)) throw new Error(`${nativePath} was not built`);
  return nativePath;
}

/** Runs a command; stdout and stderr as strings, and the exit code. */
export function run(command, args, { cwd = root, input } = {}) {
  const r = spawnSync(command, args, { cwd, input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

export const runNative = (args, opts) => run(native(), args, opts);
export const runBin = (args, opts) => run(process.execPath, [bin, ...args], opts);

/** Every `*.json` file below `dir` (sorted; not in `node_modules/`), relative to the repository root. */
export function jsonFiles(dir) {
  const out = [];
  const visit = (d) => {
    for (const name of readdirSync(join(root, d)).sort()) {
      const rel = `${d}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) {
        if (name !== "node_modules") visit(rel); // an example's npm install is not ours
      }
      else if (name.endsWith(".json")) out.push(rel);
    }
  };
  if (existsSync(join(root, dir))) visit(dir);
  return out;
}
