#!/usr/bin/env node
// The `credlint` bin: the native CLI's own driver (argument parsing, help, the folder walk,
// policy discovery, checking, messages, exit codes), compiled to WebAssembly, with `node:fs` as
// its host. Nothing here parses arguments, walks folders or holds a message: this file only
// answers the driver's requests (read a file, list a folder, ...), so a Node project's
// pre-commit hook needs no Rust toolchain and prints exactly what the native CLI prints.
// Files are read as the driver asks for them: memory is bounded by the largest file, not the tree.
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  readFileSync,
  readdirSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { setFlagsFromString } from "node:v8";
// The bin's own build (credlint_cli: the engine and the command-line driver), read from its file
// next to this one: a bin is never bundled, and no library user pays for the command line.
import { initSync, runCli } from "../credlint_cli.js";

// V8's baseline WebAssembly compiler only (before the module is compiled): optimising the hot
// functions again costs more memory (about 15 MiB, measured by scripts/bench.sh) and, on a run
// as short as a hook's, more time than it saves.
setFlagsFromString("--liftoff-only");
initSync({ module: readFileSync(new URL("../credlint_cli_bg.wasm", import.meta.url)) });

/** A failure, as the driver reads it: the errno (it prints Rust's own text for it). */
const failure = (e) => ({ errno: typeof e?.errno === "number" ? e.errno : -5 });

/** What a directory entry or a stat result is. */
const kind = (s) => (s.isFile() ? "file" : s.isDirectory() ? "dir" : s.isSymbolicLink() ? "symlink" : "other");

/** At most `limit + 1` bytes from a file descriptor (more is not needed to know it is too large):
 * one buffer of the file's size when it has one, growing only for pipes and files that grow. */
function readAll(fd, limit) {
  const want = limit + 1;
  let size = 0;
  try {
    size = fstatSync(fd).size;
  } catch {}
  let buf = Buffer.allocUnsafe(Math.max(1, Math.min(want, size > 0 ? size + 1 : 64 * 1024)));
  let total = 0;
  while (total < want) {
    if (total === buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(want, buf.length * 2));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    let n;
    try {
      n = readSync(fd, buf, total, buf.length - total, null);
    } catch (e) {
      if (e.code === "EAGAIN") continue; // a non-blocking standard input
      if (e.code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    total += n;
  }
  return buf.subarray(0, total);
}

const host = {
  read(path, limit) {
    let fd;
    try {
      fd = openSync(path, "r");
      return readAll(fd, limit);
    } catch (e) {
      return failure(e);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  readStdin(limit) {
    try {
      return readAll(0, limit);
    } catch (e) {
      return failure(e);
    }
  },
  readDir(path) {
    try {
      return readdirSync(path, { withFileTypes: true, encoding: "buffer" }).map((d) => ({ name: d.name, kind: kind(d) }));
    } catch (e) {
      return failure(e);
    }
  },
  stat(path, follow) {
    try {
      return kind(follow ? statSync(path) : lstatSync(path));
    } catch (e) {
      return failure(e);
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch (e) {
      return failure(e);
    }
  },
  mkdirp(path) {
    try {
      mkdirSync(path, { recursive: true });
      return null;
    } catch (e) {
      return failure(e);
    }
  },
  writeFile(path, text) {
    try {
      writeFileSync(path, text);
      return null;
    } catch (e) {
      return failure(e);
    }
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: () => process.cwd(),
  env: (name) => process.env[name],
  now: () => new Date().toISOString().replace(/\.\d+Z$/, "Z"),
};

process.exitCode = runCli(process.argv.slice(2), host);
