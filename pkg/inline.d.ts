// Types of `credlint/inline`: the API of index.d.ts, with the bytes inline, so neither `init()`
// nor `initSync()` takes an argument.
import type { InitOutput } from "./index.js";

export * from "./index.js";

/** Instantiates the inline WebAssembly (once; later calls return the same instance). */
export default function init(): Promise<InitOutput>;

/** Instantiates the inline WebAssembly synchronously (Node, a worker, a test); on a browser's main thread prefer `await init()`. */
export function initSync(): InitOutput;
