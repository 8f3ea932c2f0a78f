#!/usr/bin/env node
// Size budget of an article's first view: what a reader's browser downloads when it
// opens a deep link to an article (/bai-viet/<slug>) with nothing cached.
//
//   node tests/size-budget.mjs [DIST]      (DIST defaults to ./dist)
//
// The article is the one with the largest document in data/bai-viet/ (the worst case).
// Counted:
//   - the HTML the server sends for /bai-viet/<slug>: the prerendered page
//     bai-viet/<slug>/index.html when the build wrote one (docs/content.md), else the
//     app shell (app.html, or index.html when there is no app.html);
//   - the CSS, JS glue (and any wasm-bindgen snippets it imports) and .wasm that page references;
//   - data/site.json and data/bai-viet/<slug>.json, unless the page carries them inline
//     (<script type="application/json" id="bt-site"> / id="bt-data"), when the app
//     fetches neither.
// Images are not counted: they load lazily and are outside the app's bundle.
// Each file is compressed with brotli at quality 11, as a static host would serve it.
// Fails (exit 1) above the budget of 125 KB (issue 14). The history: 125 KB when issue
// 14 first met it by minifying the app's JavaScript; issue 11's article blocks (about
// 9 KB) and issue 12's menus, pages, registry, English strings and section (about 18 KB)
// took it to 154.4 KB with every view in the one WebAssembly module; since the app is
// split (scripts/split-app.mjs), the views, their frame and the router are a second
// module that a prerendered page loads only when the reader is about to navigate.
// That module (`data-views` in the page's `<meta name="bantin-app">`) is not counted in
// the first view: it is printed apart, with its own budget of 100 KB.
// No dependencies: node's own zlib.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants, brotliCompressSync } from 'node:zlib';

const BUDGET = 125 * 1024; // 128000 bytes: fail above this
const VIEWS_BUDGET = 100 * 1024; // the views' module, loaded later: fail above this
const GOAL = 100 * 1024; // 102400 bytes: what we aim for

const dist = path.resolve(process.argv[2] ?? 'dist');
const inDist = (...p) => path.join(dist, ...p);

function fail(msg) {
  console.error(`size budget: ${msg}`);
  process.exit(1);
}

const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

// --- the article: the largest document ---------------------------------------------------
const articleDir = inDist('data', 'bai-viet');
const articles = existsSync(articleDir)
  ? readdirSync(articleDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, size: statSync(path.join(articleDir, f)).size }))
  : [];
if (!articles.length) fail(`no article documents in ${articleDir}: run \`make site\` first`);
articles.sort((a, b) => b.size - a.size || a.f.localeCompare(b.f));
const docFile = articles[0].f;
const slug = docFile.replace(/\.json$/, '');

// --- the page the server sends for /bai-viet/<slug> -----------------------------------------
const candidates = [`bai-viet/${slug}/index.html`, 'app.html', 'index.html'];
const entry = candidates.find((c) => existsSync(inDist(c)));
if (!entry) fail(`none of ${candidates.join(', ')} is in ${dist}: run \`make site\` first`);
const prerendered = entry.startsWith('bai-viet/');
const html = readFileSync(inDist(entry), 'utf8');

const files = [{ name: entry, file: inDist(entry), note: prerendered ? 'prerendered page' : 'app shell' }];

// Every local .css/.js/.wasm named in an attribute of the markup (trunk writes them in
// <link rel="stylesheet">, <script src> and <meta name="bantin-app">).
// A <base href> (trunk's public_url) is where relative references start.
const base = (html.match(/<base\s[^>]*href=["']([^"']*)["']/i)?.[1] ?? '/').replace(/^\/+/, '');
const refs = new Set();
// The module of the app's views (scripts/split-app.mjs) is not part of the first view: a
// prerendered page loads it when the reader is about to navigate, and the service worker
// after the page has loaded. It is measured apart below, against its own budget.
const viewsRef = html.match(/\bdata-views=["']([^"']+)["']/)?.[1];
const later = [];
// The text of inline scripts is left out: the page script names files that only other
// pages load (the search module, on the search page), and data islands hold any text.
const markup = html.replace(/<script\b(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/gi, '');
for (const m of markup.matchAll(/["'`]([^"'`\s<>]+?\.(?:css|js|mjs|wasm))(?:[?#][^"'`\s<>]*)?["'`]/g)) {
  const ref = m[1];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('//')) continue; // other origins
  if (ref === viewsRef) continue;
  refs.add(ref.startsWith('/') ? ref.slice(1) : path.posix.join(base, ref.replace(/^\.\//, '')));
}
for (const ref of [...refs].sort()) {
  if (!existsSync(inDist(ref))) fail(`${entry} references ${ref}, which is not in ${dist}`);
  files.push({ name: ref, file: inDist(ref) });
}
// JS snippets the wasm-bindgen glue imports (`#[wasm_bindgen(module = ...)]`) load too.
for (const { name } of [...files]) {
  if (!/\.m?js$/.test(name)) continue;
  const js = readFileSync(inDist(name), 'utf8');
  for (const m of js.matchAll(/(?:import|from)\s*\(?\s*['"](\.\/snippets\/[^'"]+)['"]/g)) {
    const ref = path.posix.join(path.posix.dirname(name), m[1]);
    if (!files.some((f) => f.name === ref) && existsSync(inDist(ref))) files.push({ name: ref, file: inDist(ref) });
  }
}
if (viewsRef) {
  const ref = viewsRef.startsWith('/') ? viewsRef.slice(1) : path.posix.join(base, viewsRef.replace(/^\.\//, ''));
  if (!existsSync(inDist(ref))) fail(`${entry} names the views' module ${ref}, which is not in ${dist}`);
  later.push({ name: ref, file: inDist(ref) });
}
const kinds = (re) => files.filter((f) => re.test(f.name)).length;
if (!kinds(/\.wasm$/)) fail(`${entry} references no .wasm file`);
if (!kinds(/\.m?js$/)) fail(`${entry} references no JS glue`);
if (!kinds(/\.css$/)) console.warn(`size budget: warning: ${entry} references no CSS file (inline styles are counted in it)`);

// --- the data the first view fetches ------------------------------------------------------------
const inline = [];
const siteInline = /<script[^>]*\bid=["']bt-site["']/.test(html);
const docInline = new RegExp(`<script[^>]*\\bdata-doc=["']bai-viet/${slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.json["']`).test(html)
  || (/<script[^>]*\bid=["']bt-data["']/.test(html) && prerendered);
if (siteInline) inline.push('data/site.json');
else {
  if (!existsSync(inDist('data', 'site.json'))) fail(`${dist}/data/site.json is missing: the content build did not run`);
  files.push({ name: 'data/site.json', file: inDist('data', 'site.json') });
}
if (docInline) inline.push(`data/bai-viet/${docFile}`);
else files.push({ name: `data/bai-viet/${docFile}`, file: inDist('data', 'bai-viet', docFile) });

// --- the table ----------------------------------------------------------------------------------
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
const width = Math.min(Math.max(...rows.map((r) => r.name.length), 'total'.length), 72);
const cut = (s) => (s.length > width ? `…${s.slice(s.length - width + 1)}` : s);
const line = (name, raw, br) => `${cut(name).padEnd(width)}  ${String(raw).padStart(9)}  ${String(br).padStart(9)}  ${kb(br).padStart(9)}`;

console.log(`Size of an article's first view, brotli quality 11 (${dist})`);
console.log(`article: ${slug} (largest document, ${articles[0].size} bytes of JSON)`);
console.log(`${'file'.padEnd(width)}  ${'raw bytes'.padStart(9)}  ${'brotli'.padStart(9)}`);
for (const r of rows) console.log(line(r.name, r.raw, r.br));
console.log(line('total', rawTotal, brTotal));
if (inline.length) console.log(`not fetched, carried inline by ${entry}: ${inline.join(', ')}`);
console.log();
const goalGap = brTotal - GOAL;
console.log(
  goalGap > 0
    ? `goal 100 KB (${GOAL} bytes): ${goalGap} bytes (${kb(goalGap)}) over`
    : `goal 100 KB (${GOAL} bytes): met, ${-goalGap} bytes (${kb(-goalGap)}) under`,
);
let failed = false;
if (brTotal > BUDGET) {
  console.log(`size budget: FAILED: ${brTotal} bytes (${kb(brTotal)}) is over the budget of ${BUDGET} bytes (125 KB) by ${brTotal - BUDGET} bytes`);
  failed = true;
} else {
  console.log(`size budget: ok: ${brTotal} bytes (${kb(brTotal)}) within ${BUDGET} bytes (125 KB), ${BUDGET - brTotal} bytes to spare`);
}
// --- later: the views' module ---------------------------------------------------------------------
console.log();
if (!later.length) {
  console.log('views module: none (the app is not split: scripts/split-app.mjs did not run)');
} else {
  for (const { name, file } of later) {
    const buf = readFileSync(file);
    const br = brotli(buf);
    console.log(`views module, loaded on the reader's first navigation (or by the service worker after the page): ${name}`);
    console.log(line('views module', buf.length, br));
    console.log(line('first view and views module together', rawTotal + buf.length, brTotal + br));
    if (br > VIEWS_BUDGET) {
      console.log(`views budget: FAILED: ${br} bytes (${kb(br)}) is over ${VIEWS_BUDGET} bytes (100 KB) by ${br - VIEWS_BUDGET} bytes`);
      failed = true;
    } else {
      console.log(`views budget: ok: ${br} bytes (${kb(br)}) within ${VIEWS_BUDGET} bytes (100 KB), ${VIEWS_BUDGET - br} bytes to spare`);
    }
  }
}
if (failed) process.exit(1);
