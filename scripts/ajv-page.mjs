// The size target's anchor: what a page validating credlint's documents with JSON Schema ships
// instead of credlint (ajv 2020, ajv-formats and credlint's exported schemas, compiled at load),
// as an esbuild entry. scripts/size-report.sh and bench/run.mjs both bundle it.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** The entry's source text, importing every `*.schema.json` of `schemasDir`. */
export function ajvPageEntry(schemasDir) {
  const dir = resolve(schemasDir);
  const files = readdirSync(dir).filter((f) => f.endsWith(".schema.json")).sort();
  if (files.length === 0) throw new Error(`ajv-page: no *.schema.json in ${dir}`);
  return (
    `import Ajv from "ajv/dist/2020.js";\nimport addFormats from "ajv-formats";\n` +
    files.map((f, i) => `import s${i} from ${JSON.stringify(join(dir, f))};\n`).join("") +
    `export const ajv = addFormats(new Ajv({ schemas: [${files.map((_, i) => `s${i}`).join(", ")}] }));\n`
  );
}
