#!/usr/bin/env node
// Splits the app's WebAssembly in a trunk build, in place (`make site-app` runs it
// after `trunk build`, before scripts/minify-app.mjs): the module a page starts with
// keeps what waits for the reader (take-over, prefetch, the search box, the page's
// settings); the views, their frame and the router are a second module, loaded when
// the reader first navigates, or at once where a page needs the app's view (issue 14,
// docs/benchmarks.md "Splitting the app").
//
//   node scripts/split-app.mjs DIST [RAW_WASM]
//
// RAW_WASM (default target/wasm32-unknown-unknown/release/bantin-app.wasm) is the
// binary cargo linked for trunk, with `--features split` and `-Clink-args=--emit-relocs`
// (index.html and the Makefile ask for both). Steps:
//   1. `bantin split-app` (crates/build/src/split.rs) cuts it at its split points;
//   2. wasm-bindgen (`--keep-lld-exports`: the other modules import the main one's
//      functions, memory and table) on the main module, wasm-opt -Oz on every module;
//   3. every file is named with one hash of them all (the loader and the glue import
//      each other, so a change of any must rename every one);
//   4. trunk's unsplit glue and wasm are replaced, and the shell's
//      `<meta name="bantin-app">` names the new files: data-js and data-wasm (the first
//      view), data-split (the loader, imported by the glue), data-views (the views'
//      module, which the page script preloads where a page needs the app at once) and
//      data-deps (every module the glue imports, relative to it, which the page script
//      preloads with it).

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(process.argv[2] ?? 'dist');
const raw = path.resolve(process.argv[3] ?? path.join(root, 'target/wasm32-unknown-unknown/release/bantin-app.wasm'));
const bantin = process.env.BANTIN_BIN ?? path.join(root, 'target/tool/bantin');
const work = path.join(root, 'target/split');

function die(msg) {
  console.error(`split-app: ${msg}`);
  process.exit(1);
}
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const bin = (name) => {
  const local = path.join(root, 'node_modules/.bin', name);
  return existsSync(local) ? local : name;
};

const shellPath = path.join(dist, 'index.html');
if (!existsSync(shellPath)) die(`${shellPath} is missing: run trunk build first`);
if (!existsSync(raw)) die(`${raw} is missing: run trunk build first`);
if (!existsSync(bantin)) die(`${bantin} is missing: cargo build --profile tool -p bantin-build`);
let shell = readFileSync(shellPath, 'utf8');
if (shell.includes('id="bt-static"')) die(`${shellPath} is a prerendered page, not trunk's shell: run this after trunk build, before bantin build`);
const META = /<meta name="bantin-app" data-js="([^"]*)" data-wasm="([^"]*)"[^>]*>/;
const meta = shell.match(META);
if (!meta) die(`${shellPath} has no <meta name="bantin-app" data-js=… data-wasm=…> (Trunk.toml pattern_script)`);
const prefix = meta[1].slice(0, meta[1].lastIndexOf('/') + 1);

// 1. Split.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const written = run(bantin, ['split-app', raw, '--out', path.join(work, 'split')])
  .split('\n')
  .filter(Boolean);
const [mainWasm, ...others] = written;
const loader = others.pop();
const modules = others; // split_<name>.wasm

// 2. wasm-bindgen on the main module; wasm-opt on every module.
const bg = path.join(work, 'bindgen');
run('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
  '--out-dir', bg, '--out-name', 'bantin-app', mainWasm,
]);
const OPT = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int'];
const mainOut = path.join(work, 'main.wasm');
run(bin('wasm-opt'), [...OPT, path.join(bg, 'bantin-app_bg.wasm'), '-o', mainOut]);
const parts = modules.map((m) => {
  const name = path.basename(m, '.wasm').replace(/^split_/, '');
  if (!/^[a-z0-9_]+$/.test(name)) die(`unexpected module name ${m}`);
  const out = path.join(work, `${name}.wasm`);
  run(bin('wasm-opt'), [...OPT, m, '-o', out]);
  return { name, out };
});

// 3. One hash of every file.
let glue = readFileSync(path.join(bg, 'bantin-app.js'), 'utf8');
let load = readFileSync(loader, 'utf8');
const hash = createHash('sha256');
// This script too: a change of how the files are written must give them new names.
hash.update(readFileSync(new URL(import.meta.url)));
for (const b of [glue, load, readFileSync(mainOut), ...parts.map((p) => readFileSync(p.out))]) hash.update(b);
const h = hash.digest('hex').slice(0, 16);
const names = {
  js: `bantin-app-${h}.js`,
  wasm: `bantin-app-${h}_bg.wasm`,
  split: `bantin-split-${h}.js`,
};
const swap = (text, from, to, what) => {
  if (!text.includes(from)) die(`${what} does not name ${from}`);
  return text.split(from).join(to);
};
// Only the glue's import statement: the wasm's own import module keeps its name.
const importOf = (name) => new RegExp(`(from\\s*["'])\\./${name.replace(/\./g, '\\.')}(["'])`, 'g');
const swapImport = (text, from, to, what) => {
  const re = importOf(from);
  if (!re.test(text)) die(`${what} does not import ./${from}`);
  return text.replace(re, `$1./${to}$2`);
};
glue = swapImport(glue, 'bantin-split.js', names.split, 'the glue');
load = swapImport(load, 'bantin-app.js', names.js, 'the loader');
for (const p of parts) {
  p.file = `bantin-${p.name}-${h}.wasm`;
  load = swap(load, `./split_${p.name}.wasm`, `./${p.file}`, 'the loader');
}
const views = parts.find((p) => p.name === 'views');
if (!views) die(`no "views" module among ${parts.map((p) => p.name).join(', ')}`);

// 4. Into dist/, in place of trunk's files.
for (const f of readdirSync(dist)) {
  if (/^bantin-(app|split|[a-z0-9_]+)-[0-9a-f]{12,}(_bg)?\.(js|wasm)$/.test(f)) rmSync(path.join(dist, f));
}
writeFileSync(path.join(dist, names.js), glue);
cpSync(mainOut, path.join(dist, names.wasm));
writeFileSync(path.join(dist, names.split), load);
for (const p of parts) cpSync(p.out, path.join(dist, p.file));
if (existsSync(path.join(bg, 'snippets'))) {
  rmSync(path.join(dist, 'snippets'), { recursive: true, force: true });
  cpSync(path.join(bg, 'snippets'), path.join(dist, 'snippets'), { recursive: true });
}
// The modules the glue imports (its snippets, the loader), relative to the glue: the
// page script asks for them with the glue, not one round trip after it. Relative, so
// that \`bantin build\` moving the site under a sub-path (which rebases data-js) needs
// nothing more.
const deps = [...glue.matchAll(/\bfrom\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]);
if (!deps.includes(names.split)) die(`the glue's imports were not found: ${deps.join(' ')}`);
shell = shell.replace(
  META,
  `<meta name="bantin-app" data-js="${prefix}${names.js}" data-wasm="${prefix}${names.wasm}" ` +
    `data-split="${prefix}${names.split}" data-views="${prefix}${views.file}" data-deps="${[...new Set(deps)].join(' ')}">`,
);
writeFileSync(shellPath, shell);

const br = (file) =>
  brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
for (const f of [names.wasm, ...parts.map((p) => p.file)]) {
  const file = path.join(dist, f);
  console.log(`split-app: ${f.padEnd(40)} ${String(readFileSync(file).length).padStart(8)} B, ${br(file)} B brotli`);
}
