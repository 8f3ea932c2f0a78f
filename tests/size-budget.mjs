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
// Fails (exit 1) above the budget of 155 KB (153 KB until the English section's
// language switcher, hreflang alternates and root-relative content paths came,
// issue 12: +2.3 KB of WebAssembly and CSS; 138 KB until the header menu, its
// sub-menus, the footer's link groups and the site's pages came, issue 12: +4.1 KB;
// 142 KB until the documents registry's listing and document views came, issue 12:
// +9.3 KB, all in the one bundle; 151 KB until every string of the app came in
// English too, issue 12: +2.1 KB; issue 14 is to split rarely used views out of the
// first view and bring it down to 125 KB); also prints the distance to the 100 KB goal.
// Issue 14 brought it to 125 KB; issue 11's article blocks (photos in <picture>, tables,
// video, audio, galleries, attachments) added about 8 KB of WebAssembly and 1 KB of CSS,
// and the largest sample article (which this measures) is now one that uses them.
// No dependencies: node's own zlib.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants, brotliCompressSync } from 'node:zlib';

const BUDGET = 155 * 1024; // 158720 bytes: fail above this
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

// Every local .css/.js/.wasm named in an attribute or a quoted string (trunk writes them
// in <link rel="stylesheet|modulepreload|preload"> and in its inline module loader).
// A <base href> (trunk's public_url) is where relative references start.
const base = (html.match(/<base\s[^>]*href=["']([^"']*)["']/i)?.[1] ?? '/').replace(/^\/+/, '');
const refs = new Set();
for (const m of html.matchAll(/["'`]([^"'`\s<>]+?\.(?:css|js|mjs|wasm))(?:[?#][^"'`\s<>]*)?["'`]/g)) {
  const ref = m[1];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('//')) continue; // other origins
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
if (brTotal > BUDGET) {
  console.log(`size budget: FAILED: ${brTotal} bytes (${kb(brTotal)}) is over the budget of ${BUDGET} bytes (155 KB) by ${brTotal - BUDGET} bytes`);
  process.exit(1);
}
console.log(`size budget: ok: ${brTotal} bytes (${kb(brTotal)}) within ${BUDGET} bytes (155 KB), ${BUDGET - brTotal} bytes to spare`);
