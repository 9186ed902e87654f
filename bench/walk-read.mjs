// The floor under the Node bin's memory: plain Node walking the same tree and reading every
// file (each into one buffer of its size, as the bin does), with nothing checked or printed.
// Usage: node bench/walk-read.mjs DIR
import { closeSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";

let files = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.isFile()) {
      const fd = openSync(path, "r");
      const buf = Buffer.allocUnsafe(fstatSync(fd).size + 1);
      readSync(fd, buf, 0, buf.length, null);
      closeSync(fd);
      files++;
    }
  }
}
walk(process.argv[2]);
process.stdout.write(`${files}\n`);
