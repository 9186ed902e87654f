// The Node entry (the "node" export condition; node.cjs is this file as CommonJS): the
// WebAssembly is instantiated synchronously at load, so `import { validate } from "credlint"`
// works with no `await init()` (calling it is harmless). It is the full build (`credlint_full`,
// with the Terraform parser the bin needs for `.tf` files).
//
// The bytes come inline (base64 in credlint_full_wasm.js), not from a file next to this one: a
// bundler that packs this module for a server (Next.js, esbuild --platform=node) would rewrite or
// lose that file's path, while a string travels with the code.
import base64 from "./credlint_full_wasm.js";
import { initSync } from "./credlint_full.js";

function bytes(text) {
  if (typeof Buffer === "function") return Buffer.from(text, "base64");
  const binary = atob(text); // Jest's jsdom environment has no Buffer
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

initSync({ module: bytes(base64) });

// The public API only: the bin's `runCli` (the command-line driver's entry) is internal, imported
// by bin/credlint.js from credlint_full.js itself.
export {
  default,
  exportSchema,
  fix,
  initSync,
  listKinds,
  listRules,
  standardSchema,
  toWire,
  tokenAction,
  validate,
  validateBatch,
  validateField,
  version,
} from "./credlint_full.js";
