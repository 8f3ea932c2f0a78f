#!/usr/bin/env node
// Size budget of an article's first view: what a reader's browser downloads when it
// opens a deep link to an article (/bai-viet/<slug>) with nothing cached.
//
//   node tests/size-budget.mjs [DIST]      (DIST defaults to ./dist)
//
// Counted: dist/index.html; the CSS, JS glue and .wasm that index.html references;
// data/site.json; and one article document, the largest in data/bai-viet/ (the worst
// case). Images are not counted: they load lazily and are outside the app's bundle.
// Each file is compressed with brotli at quality 11, as a static host would serve it.
// Fails (exit 1) above the budget of 150 KB; also prints the distance to the 100 KB goal.
// No dependencies: node's own zlib.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants, brotliCompressSync } from 'node:zlib';

const BUDGET = 150 * 1024; // 153600 bytes: fail above this
const GOAL = 100 * 1024; // 102400 bytes: what we aim for

const dist = path.resolve(process.argv[2] ?? 'dist');

function fail(msg) {
  console.error(`size budget: ${msg}`);
  process.exit(1);
}

if (!existsSync(path.join(dist, 'index.html'))) fail(`${dist}/index.html is missing: run \`make site\` first`);

const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

// --- what index.html loads ----------------------------------------------------------
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
// Every local .css/.js/.wasm named in an attribute or a quoted string (trunk writes them
// in <link rel="stylesheet|modulepreload|preload"> and in its inline module loader).
const refs = new Set();
for (const m of html.matchAll(/["'`]([^"'`\s<>]+?\.(?:css|js|mjs|wasm))(?:[?#][^"'`\s<>]*)?["'`]/g)) {
  const ref = m[1];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('//')) continue; // other origins
  refs.add(ref.replace(/^\.?\//, ''));
}

const files = [{ name: 'index.html', file: path.join(dist, 'index.html') }];
for (const ref of [...refs].sort()) {
  const file = path.join(dist, ref);
  if (!existsSync(file)) fail(`index.html references ${ref}, which is not in ${dist}`);
  files.push({ name: ref, file });
}
// JS snippets the wasm-bindgen glue imports (`#[wasm_bindgen(module = ...)]`) load too.
for (const { name } of [...files]) {
  if (!/\.m?js$/.test(name)) continue;
  const js = readFileSync(path.join(dist, name), 'utf8');
  for (const m of js.matchAll(/(?:import|from)\s*\(?\s*['"](\.\/snippets\/[^'"]+)['"]/g)) {
    const ref = path.posix.join(path.posix.dirname(name), m[1]);
    if (!files.some((f) => f.name === ref) && existsSync(path.join(dist, ref))) files.push({ name: ref, file: path.join(dist, ref) });
  }
}
const kinds = (ext) => files.filter((f) => f.name.endsWith(ext)).length;
if (!kinds('.wasm')) fail('index.html references no .wasm file');
if (!kinds('.js') && !kinds('.mjs')) fail('index.html references no JS glue');
if (!kinds('.css')) console.warn('size budget: warning: index.html references no CSS file (inline styles are counted in index.html)');

// --- the data of the first view -------------------------------------------------------
const site = path.join(dist, 'data', 'site.json');
if (!existsSync(site)) fail(`${site} is missing: the content build did not run`);
files.push({ name: 'data/site.json', file: site });

const articleDir = path.join(dist, 'data', 'bai-viet');
const articles = existsSync(articleDir)
  ? readdirSync(articleDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, size: statSync(path.join(articleDir, f)).size }))
  : [];
if (!articles.length) fail(`no article documents in ${articleDir}`);
articles.sort((a, b) => b.size - a.size || a.f.localeCompare(b.f));
const largest = articles[0].f;
files.push({ name: `data/bai-viet/${largest}`, file: path.join(articleDir, largest), note: 'largest article' });

// --- the table ----------------------------------------------------------------------------
let rawTotal = 0;
let brTotal = 0;
const rows = files.map(({ name, file, note }) => {
  const buf = readFileSync(file);
  const br = brotli(buf);
  rawTotal += buf.length;
  brTotal += br;
  return { name: note ? `${name} (${note})` : name, raw: buf.length, br };
});

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const width = Math.max(...rows.map((r) => r.name.length), 'total'.length);
const line = (name, raw, br) => `${name.padEnd(width)}  ${String(raw).padStart(9)}  ${String(br).padStart(9)}  ${kb(br).padStart(9)}`;

console.log(`Size of an article's first view (${dist}), brotli quality 11:`);
console.log(`${'file'.padEnd(width)}  ${'raw bytes'.padStart(9)}  ${'brotli'.padStart(9)}  ${''.padStart(9)}`);
for (const r of rows) console.log(line(r.name, r.raw, r.br));
console.log(line('total', rawTotal, brTotal));
console.log();
const goalGap = brTotal - GOAL;
console.log(
  goalGap > 0
    ? `goal 100 KB (${GOAL} bytes): ${goalGap} bytes (${kb(goalGap)}) over`
    : `goal 100 KB (${GOAL} bytes): met, ${-goalGap} bytes (${kb(-goalGap)}) under`,
);
if (brTotal > BUDGET) {
  console.log(`size budget: FAILED: ${brTotal} bytes (${kb(brTotal)}) is over the budget of ${BUDGET} bytes (150 KB) by ${brTotal - BUDGET} bytes`);
  process.exit(1);
}
console.log(`size budget: ok: ${brTotal} bytes (${kb(brTotal)}) within ${BUDGET} bytes (150 KB), ${BUDGET - brTotal} bytes to spare`);
