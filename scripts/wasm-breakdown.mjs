// Where a WebAssembly build's bytes go, by crate and by credlint module (a twiggy-style
// breakdown): reads a build that kept its function names (`wasm-opt --debuginfo`; scripts/
// build-pkg.sh writes one for the browser build to target/size/credlint_named.wasm), groups each
// function body by the crate (and, for credlint, the module) its name says it comes from, and
// prints each group's bytes and the bytes it adds to the gzip -9 of the whole (the gzip of the
// code without that group, subtracted from the gzip of all the code). Data segments (text and
// tables) are one group: their owner is not recorded in the build.
//
// Usage: node scripts/wasm-breakdown.mjs FILE.wasm [--json OUT.json] [--top N] [--functions CRATE]
// (--functions lists the largest functions of one crate, or of one credlint module: `engine`.)
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && (i === 0 || !["--json", "--top", "--functions"].includes(args[i - 1])));
if (!file) {
  console.error("usage: node scripts/wasm-breakdown.mjs FILE.wasm [--json OUT.json] [--top N]");
  process.exit(2);
}
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : null;
const top = args.includes("--top") ? Number(args[args.indexOf("--top") + 1]) : 12;
const functionsOf = args.includes("--functions") ? args[args.indexOf("--functions") + 1] : null;
const bytes = readFileSync(file);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

// --- the module's sections ---------------------------------------------------------------------
function reader(buf, pos = 0) {
  const r = {
    pos,
    u32() {
      let n = 0;
      let shift = 0;
      let x;
      do {
        x = buf[r.pos++];
        n += (x & 127) * 2 ** shift;
        shift += 7;
      } while (x & 128);
      return n;
    },
    name() {
      const len = r.u32();
      const s = buf.subarray(r.pos, r.pos + len).toString("utf8");
      r.pos += len;
      return s;
    },
  };
  return r;
}

const sections = [];
{
  const r = reader(bytes, 8);
  while (r.pos < bytes.length) {
    const id = bytes[r.pos++];
    const size = r.u32();
    const start = r.pos;
    const name = id === 0 ? reader(bytes, start).name() : null;
    sections.push({ id, name, start, size });
    r.pos = start + size;
  }
}
const section = (id, name) => sections.find((s) => s.id === id && (name === undefined || s.name === name));

// Imported functions come first in the function index space.
let importedFunctions = 0;
{
  const s = section(2);
  if (s) {
    const r = reader(bytes, s.start);
    for (let n = r.u32(); n > 0; n--) {
      r.name();
      r.name();
      const kind = bytes[r.pos++];
      if (kind === 0) {
        r.u32();
        importedFunctions++;
      } else if (kind === 1) {
        r.pos++;
        const flags = r.u32();
        r.u32();
        if (flags & 1) r.u32();
      } else if (kind === 2) {
        const flags = r.u32();
        r.u32();
        if (flags & 1) r.u32();
      } else if (kind === 3) {
        r.pos += 2;
      } else {
        r.pos++;
        r.u32();
      }
    }
  }
}

// Function names (the name section's subsection 1).
const names = new Map();
{
  const s = section(0, "name");
  if (!s) {
    console.error(`wasm-breakdown: ${file} has no name section (build it with wasm-opt --debuginfo)`);
    process.exit(2);
  }
  const r = reader(bytes, s.start);
  r.name();
  while (r.pos < s.start + s.size) {
    const sub = bytes[r.pos++];
    const len = r.u32();
    const end = r.pos + len;
    if (sub === 1) {
      for (let n = r.u32(); n > 0; n--) {
        const index = r.u32();
        names.set(index, r.name());
      }
    }
    r.pos = end;
  }
}

// Function bodies.
const bodies = [];
{
  const s = section(10);
  const r = reader(bytes, s.start);
  for (let i = 0, n = r.u32(); i < n; i++) {
    const size = r.u32();
    bodies.push({ name: names.get(importedFunctions + i) ?? `function[${importedFunctions + i}]`, body: bytes.subarray(r.pos, r.pos + size) });
    r.pos += size;
  }
}
const data = section(11);

// --- who owns a function -----------------------------------------------------------------------
// Names are demangled paths: `core::fmt::write::h…`, `<serde_json::Value as core::fmt::Debug>::fmt::h…`,
// `js_sys::_::<impl wasm_bindgen::cast::JsCast for js_sys::Set<T>>::instanceof::…`.
const STD = new Set(["core", "alloc", "std"]);

/** The leading path of a type (`&mut serde_json::Value` → `serde_json::Value`). */
const typePath = (t) => t.trim().replace(/^(&(mut )?|\*(mut |const )|\[|dyn )+/, "");

/** Splits `a::<b as c>::d<e>::f` at top-level `::`. */
function segments(path) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "<" || c === "(" || c === "[") depth++;
    else if (c === ">" || c === ")" || c === "]") depth--;
    if (depth === 0 && c === ":" && path[i + 1] === ":") {
      out.push(cur);
      cur = "";
      i++;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function owner(symbol) {
  // Crate disambiguators (`core[c5930c85a12de822]`) and symbol hashes say nothing here.
  const name = symbol.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
  // wasm-bindgen's adapters for the exports (`validateField externref shim`).
  if (/^[A-Za-z_]+ .*shim$/.test(name)) return { crate: "credlint", module: "wasm (exports)" };
  let path = segments(name);
  const first = path[0];
  if (first.startsWith("<")) {
    // `<A as B>::f`: the impl belongs to A's crate, unless A is a std type implementing another
    // crate's trait (then to B's).
    const inner = first.slice(1, -1);
    const at = inner.lastIndexOf(" as ");
    const self = typePath(at >= 0 ? inner.slice(0, at) : inner);
    const trait = at >= 0 ? typePath(inner.slice(at + 4)) : null;
    const selfSegments = segments(self);
    // A primitive (`f64`, `str`, `[T]`) is core's.
    const selfCrate = selfSegments.length === 1 ? "core" : selfSegments[0].replace(/<.*/, "");
    const traitCrate = trait ? segments(trait)[0].replace(/<.*/, "") : null;
    const useTrait = STD.has(selfCrate) && traitCrate && !STD.has(traitCrate);
    path = useTrait ? segments(trait) : selfSegments.length === 1 ? ["core", ...selfSegments] : selfSegments;
    path = path.concat(segments(name).slice(1));
  }
  const crate = path[0].replace(/<.*/, "");
  if (!/^[a-z_][a-z0-9_]*$/.test(crate)) {
    if (/^(__wbg|__wbindgen)/.test(name)) return { crate: "wasm_bindgen", module: null };
    if (/^(dlmalloc|__rust|rust_|__rdl|__rg)/.test(name)) return { crate: "alloc", module: null };
    return { crate: "(other)", module: null };
  }
  if (path.length === 1) {
    // An export keeps its JavaScript name (validate, validateField, ...); the allocator's own.
    if (/^(__wbg|__wbindgen)/.test(name)) return { crate: "wasm_bindgen", module: null };
    if (/^(dlmalloc|__rust|rust_|__rdl|__rg|malloc|free|memcpy|memmove|memset|memcmp)/.test(name)) return { crate: "alloc", module: null };
    return { crate: "credlint", module: "wasm (exports)" };
  }
  let module = null;
  if (crate === "credlint") {
    const mods = [];
    for (const seg of path.slice(1, -1)) {
      if (!/^[a-z_][a-z0-9_]*$/.test(seg) || seg === "_") break;
      mods.push(seg);
    }
    const depth = ["kinds", "terraform", "render", "json"].includes(mods[0]) ? 2 : 1;
    module = mods.slice(0, depth).join("::") || "(root)";
  }
  return { crate, module };
}

// --- groups ------------------------------------------------------------------------------------
const allCode = Buffer.concat(bodies.map((b) => b.body));
const codeGzip = gz(allCode);
const group = (keyOf) => {
  const groups = new Map();
  for (const b of bodies) {
    const key = keyOf(b);
    if (key === null) continue;
    const g = groups.get(key) ?? { name: key, functions: 0, bytes: 0, members: [] };
    g.functions++;
    g.bytes += b.body.length;
    g.members.push(b);
    groups.set(key, g);
  }
  const list = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
  // What each of the largest groups adds to the gzip of all the code.
  for (const g of list.slice(0, top)) {
    const set = new Set(g.members);
    g.gzip = codeGzip - gz(Buffer.concat(bodies.filter((b) => !set.has(b)).map((b) => b.body)));
  }
  for (const g of list) delete g.members;
  return list;
};
const byCrate = group((b) => owner(b.name).crate);
const byModule = group((b) => {
  const o = owner(b.name);
  return o.crate === "credlint" ? o.module : null;
});

const dataBytes = data ? bytes.subarray(data.start, data.start + data.size) : Buffer.alloc(0);
// Data: runs of 12 or more printable characters are text (messages, rule docs, schema
// descriptions, examples); the rest is tables (Unicode, float formatting) and constants.
const dataText = dataBytes.toString("latin1");
const textRuns = dataText.match(/[\x20-\x7e\n]{12,}/g) ?? [];
const text = Buffer.from(textRuns.join(""), "latin1");
const tables = Buffer.from(dataText.replace(/[\x20-\x7e\n]{12,}/g, ""), "latin1");
const total = {
  wasm: bytes.length,
  code: allCode.length,
  codeGzip,
  data: dataBytes.length,
  dataGzip: gz(dataBytes),
  dataText: text.length,
  dataTextGzip: gz(text),
  dataTables: tables.length,
  dataTablesGzip: gz(tables),
};
const print = (title, list) => {
  console.log(`\n${title}`);
  const w = Math.max(...list.slice(0, top).map((g) => g.name.length), 10);
  console.log(`  ${"".padEnd(w)}  ${"functions".padStart(9)}  ${"bytes".padStart(8)}  ${"share".padStart(6)}  ${"gzip -9".padStart(8)}`);
  for (const g of list.slice(0, top)) {
    console.log(`  ${g.name.padEnd(w)}  ${String(g.functions).padStart(9)}  ${String(g.bytes).padStart(8)}  ${((100 * g.bytes) / total.code).toFixed(1).padStart(5)}%  ${String(g.gzip ?? "").padStart(8)}`);
  }
  const rest = list.slice(top);
  if (rest.length) console.log(`  ${`(${rest.length} more)`.padEnd(w)}  ${String(rest.reduce((n, g) => n + g.functions, 0)).padStart(9)}  ${String(rest.reduce((n, g) => n + g.bytes, 0)).padStart(8)}`);
};
console.log(`${file}: ${total.wasm} bytes with names; code ${total.code} bytes (gzip -9 ${total.codeGzip}), data ${total.data} bytes (gzip -9 ${total.dataGzip})`);
console.log(`data: text ${total.dataText} bytes (gzip -9 ${total.dataTextGzip}), tables and constants ${total.dataTables} bytes (gzip -9 ${total.dataTablesGzip})`);
print("code by crate (gzip: what the group adds to the gzip of all the code)", byCrate);
print("credlint's code by module", byModule);
if (functionsOf) {
  const mine = bodies
    .filter((b) => {
      const o = owner(b.name);
      return o.crate === functionsOf || o.module === functionsOf;
    })
    .sort((a, b) => b.body.length - a.body.length);
  console.log(`\nlargest functions of ${functionsOf} (${mine.length})`);
  for (const b of mine.slice(0, top)) console.log(`  ${String(b.body.length).padStart(7)}  ${b.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "")}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ file, total, byCrate, byModule }, null, 2) + "\n");
