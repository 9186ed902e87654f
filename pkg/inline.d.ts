// Types of `credlint/inline`: the API of index.d.ts; `initSync()` needs no argument here.
export * from "./index.js";
export { default } from "./index.js";
