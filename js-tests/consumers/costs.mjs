// What each way of loading the WebAssembly costs: bytes (raw and gzip -9) and start-up (median
// of fresh Node processes; in headless Chromium, the median of fresh pages), for the entries of
// pkg/: the URL entry (credlint.js + credlint_bg.wasm, fetched and compiled while streaming),
// `credlint/inline` (the bytes as base64 in the JavaScript), the Node entry (inline, synchronous)
// against reading the .wasm file next to it (the old node.js, which bundlers break).
// Prints a table and writes js-tests/artifacts/entry-costs.json. Run after scripts/build-pkg.sh.
import { spawnSync } from "node:child_process";
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = fileURLToPath(new URL(".", import.meta.url));
const pkg = join(here, "..", "..", "pkg");
const RUNS = Number(process.env.RUNS ?? 9);
const size = (...files) => {
  const bufs = files.map((f) => readFileSync(join(pkg, f)));
  return { raw: bufs.reduce((n, b) => n + b.length, 0), gzip: bufs.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bytes = {
  "credlint (URL: credlint.js + credlint_bg.wasm)": size("credlint.js", "credlint_bg.wasm"),
  "credlint/inline (inline.js + credlint.js + credlint_wasm.js)": size("inline.js", "credlint.js", "credlint_wasm.js"),
  "Node entry, ESM (node.js + credlint_full.js + credlint_full_wasm.js)": size("node.js", "credlint_full.js", "credlint_full_wasm.js"),
  "Node entry, CommonJS (node.cjs)": size("node.cjs"),
  "the Node build as a .wasm file (not shipped)": size("credlint_full.js", "credlint_full_bg.wasm"),
};

function nodeStartup(script) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkg, encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push(Number(r.stdout.trim()));
  }
  return median(times);
}
const t0 = "const t0 = performance.now();";
const done = "console.log((performance.now() - t0).toFixed(1));";
const node = {
  "import \"credlint\" (node.js: inline bytes, synchronous)": nodeStartup(`${t0} await import("./node.js"); ${done}`),
  "require(\"credlint\") (node.cjs)": nodeStartup(`import { createRequire } from "node:module"; ${t0} createRequire(import.meta.url)("./node.cjs"); ${done}`),
  "readFileSync + initSync of the .wasm file (for comparison)": nodeStartup(
    `import { readFileSync } from "node:fs"; ${t0} const g = await import("./credlint_full.js"); g.initSync({ module: readFileSync("credlint_full_bg.wasm") }); ${done}`,
  ),
  "credlint/inline in Node (await init())": nodeStartup(`${t0} const m = await import("./inline.js"); await m.default(); ${done}`),
};

// Chromium: a page per entry, timing the module load and init() from navigation start.
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".cjs": "text/javascript", ".wasm": "application/wasm" };
const pages = {
  url: `<script type="module">import init from "/credlint.js"; await init(); document.title = String(performance.now());</script>`,
  inline: `<script type="module">import init from "/inline.js"; await init(); document.title = String(performance.now());</script>`,
};
const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  if (path.startsWith("/page-")) return res.writeHead(200, { "content-type": "text/html" }).end(pages[path.slice(6)]);
  const file = normalize(join(pkg, path));
  if (!file.startsWith(pkg + sep)) return res.writeHead(403).end();
  try {
    statSync(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const { chromium } = await import("playwright-core");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const chrome = {};
for (const [name, label] of [["url", "credlint: fetch + instantiateStreaming"], ["inline", "credlint/inline: decode base64 + instantiate"]]) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/page-${name}`);
    await page.waitForFunction(() => document.title !== "", null, { timeout: 30_000 });
    times.push(Number(await page.title()));
    await context.close();
  }
  chrome[`${label} (ms from navigation, local server)`] = Number(median(times).toFixed(1));
}
await browser.close();
server.close();

const report = { runs: RUNS, node: process.version, bytes, nodeStartupMs: node, chromiumMs: chrome };
mkdirSync(join(here, "..", "artifacts"), { recursive: true });
writeFileSync(join(here, "..", "artifacts", "entry-costs.json"), `${JSON.stringify(report, null, 2)}\n`);
for (const [k, v] of Object.entries(bytes)) console.log(`${k.padEnd(66)} ${String(v.raw).padStart(9)} raw ${String(v.gzip).padStart(8)} gzip`);
for (const [k, v] of Object.entries(node)) console.log(`Node ${process.version}: ${k.padEnd(60)} ${v} ms`);
for (const [k, v] of Object.entries(chrome)) console.log(`Chromium: ${k.padEnd(66)} ${v} ms`);
