// The Node entry (the "node" export condition): loads the WebAssembly synchronously, so
// `import { validate } from "credlint"` works with no `await init()`. Browsers and bundlers load
// credlint.js instead and call `await init()` once; calling it here too is harmless.
import { readFileSync } from "node:fs";
import { initSync } from "./credlint.js";

initSync({ module: readFileSync(new URL("./credlint_bg.wasm", import.meta.url)) });

export * from "./credlint.js";
export { default } from "./credlint.js";
