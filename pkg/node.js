// The Node entry (the "node" export condition): loads the WebAssembly synchronously, so
// `import { validate } from "credlint"` works with no `await init()`. It loads the full build
// (`credlint_full`, with the Terraform parser the bin needs for `.tf` files); browsers and
// bundlers load credlint.js, the same engine without it, and call `await init()` once; calling
// it here too is harmless.
import { readFileSync } from "node:fs";
import { initSync } from "./credlint_full.js";

initSync({ module: readFileSync(new URL("./credlint_full_bg.wasm", import.meta.url)) });

export * from "./credlint_full.js";
export { default } from "./credlint_full.js";
