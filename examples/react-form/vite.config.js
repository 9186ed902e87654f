// Nothing credlint-specific: Vite emits credlint_bg.wasm as an asset of the build.
import { defineConfig } from "vite";

export default defineConfig({});
