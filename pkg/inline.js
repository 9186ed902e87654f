// `credlint/inline`: the browser build with its WebAssembly inline (base64 in credlint_wasm.js),
// for bundlers that do not emit the `.wasm` asset that credlint.js loads by URL (esbuild, Rollup)
// and for any place a second file cannot be served. The same API and the same `await init()`;
// `initSync()` needs no argument here. Costs: see README.md, "Which entry".
import base64 from "./credlint_wasm.js";
import glueInit, { initSync as glueInitSync } from "./credlint.js";

export * from "./credlint.js";

function bytes() {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Instantiates the inline WebAssembly (once; later calls return the same instance). */
export default function init() {
  return glueInit({ module_or_path: bytes() });
}

/** Instantiates the inline WebAssembly synchronously (in Node, a worker, a test); on a browser's main thread prefer `await init()`. */
export function initSync() {
  return glueInitSync({ module: bytes() });
}
