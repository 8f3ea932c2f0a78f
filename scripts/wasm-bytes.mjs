#!/usr/bin/env node
// Groups a wasm file's bytes by crate or area, from `twiggy top` with the name section kept.
//
//   node scripts/wasm-bytes.mjs app.wasm        (needs twiggy on PATH: cargo install twiggy)
//
// Prints a Markdown table (docs/benchmarks.md, "WebAssembly: what takes the bytes").
// The name section itself is not counted (the shipped wasm has none). Monomorphized generic
// code counts under the crate that defines the generic function, even when it was
// instantiated for the app's own types (e.g. reactive_graph's Effect::new for a page view).
import { execFileSync } from 'node:child_process';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/wasm-bytes.mjs <file.wasm>');
  process.exit(2);
}
const items = JSON.parse(
  execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 }),
);

const STD = new Set(['core', 'alloc', 'std', 'dlmalloc', 'compiler_builtins', 'panic_abort', 'hashbrown', 'str', 'char', 'u8', 'u16', 'u32', 'u64', 'usize', 'i8', 'i16', 'i32', 'i64', 'isize', 'f32', 'f64', 'bool', 'T', 'A', 'F', 'Ref', 'memcmp', 'memcpy', 'memset', 'memmove', '__multi3', '__rustc', '__rdl_alloc', '__rdl_dealloc', '__rdl_realloc', '__rg_alloc']);
const OWN = new Set(['reactive_graph', 'tachys', 'leptos', 'leptos_router', 'leptos_dom', 'bantin_contract', 'indexmap', 'either_of', 'slotmap', 'futures_util', 'futures_channel', 'futures_core', 'send_wrapper', 'any_spawner', 'gloo_net', 'gloo_utils', 'http', 'serde', 'rustc_hash']);

function area(name) {
  if (/^("|custom section|producers|target_features)/.test(name)) return null; // name section etc.
  if (/^data (segment|\[)/.test(name)) return 'static data (strings, tables, vtables)';
  if (/^(import|export|type|table|elem)\b/.test(name)) return 'imports/exports/types/table (wasm-bindgen interface)';
  const s = name.replace(/\[[0-9a-f]{8,16}\]/g, '').replace(/^[<(&* ]+/, '').replace(/^((dyn|mut|impl|const) )+/, '');
  const c = s.match(/^[A-Za-z_][A-Za-z0-9_]*/)?.[0] ?? '?';
  const head = s.slice(0, 120);
  if (STD.has(c)) {
    if (/::fmt::|Debug|Display/.test(head)) return 'core::fmt (formatting)';
    if (/panic/.test(s.slice(0, 80))) return 'panics';
    if (/dec2flt|flt2dec/.test(s)) return 'core float parse/print';
    if (c === 'dlmalloc' || c.startsWith('__r') || s.startsWith('alloc::alloc')) return 'allocator (dlmalloc)';
    if (c === 'hashbrown') return 'hashbrown';
    if (s.slice(0, 40).includes('drop_in_place')) return 'core::ptr::drop_in_place (destructors, generic)';
    if (/FnOnce::call_once|FnMut::call_mut|Fn::call/.test(s.slice(0, 60))) return 'closure call shims (FnOnce/FnMut)';
    if (s.slice(0, 60).includes('iter::')) return 'core iterator adapters (generic)';
    if (c === 'str' || /str::|string::|unicode/.test(s.slice(0, 40))) return 'core/alloc str and String';
    return 'core/alloc/std (other)';
  }
  if (/^(__wbg|__wbindgen|__externref)/.test(c) || ['wasm_bindgen', 'wasm_bindgen_futures', 'js_sys', 'web_sys'].includes(c)) return 'wasm-bindgen, js-sys, web-sys glue';
  if (c.startsWith('intounderlying') || c === 'wasm_streams') return 'wasm-streams (exported by server_fn)';
  if (['bantin', 'bantin_app', 'main'].includes(c)) return 'bantin (app)';
  if (OWN.has(c)) return c;
  if (c === 'code') return 'unnamed code';
  return `other (${c})`;
}

const sizes = new Map();
for (const { name, shallow_size: bytes } of items) {
  if (name.startsWith('...') || name.startsWith('Σ')) continue;
  const key = area(name);
  if (key) sizes.set(key, (sizes.get(key) ?? 0) + bytes);
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0);
const fmt = (n) => n.toLocaleString('en-US');
const lines = ['| crate / area | bytes raw | share |', '|---|---:|---:|'];
let rest = 0;
for (const [key, bytes] of [...sizes].sort((a, b) => b[1] - a[1])) {
  if (bytes / total < 0.006) rest += bytes;
  else lines.push(`| ${key} | ${fmt(bytes)} | ${((100 * bytes) / total).toFixed(1)}% |`);
}
lines.push(`| everything else (below 0.6% each) | ${fmt(rest)} | ${((100 * rest) / total).toFixed(1)}% |`);
lines.push(`| **total (code and data, without the name section)** | **${fmt(total)}** | 100% |`);
console.log(lines.join('\n'));
