#!/usr/bin/env node
// Size budget of an embedded widget's first view: what a host page's visitor downloads,
// nothing cached, for one widget to show.
//
//   node tests/widget-size-budget.mjs [DIST]      (DIST defaults to ./dist)
//
// Counted, each compressed with brotli at quality 11 as a static host would serve it:
//   - embed.js (the stable loader the host includes);
//   - widget/*-start.js, the wasm-bindgen glue and the .wasm it loads;
//   - the widget's data: the largest document any widget kind reads on its first view
//     (moi-nhat/1.json, every chuyen-muc/*/1.json and the/*/1.json, every article in
//     bai-viet/ for the related and card kinds, site.json for the links box).
// Thumbnails are not counted (they load lazily, as in tests/size-budget.mjs); the
// latest-news widget's five thumbnails are printed for information.
// Fails (exit 1) above 60 KB. No dependencies: node's own zlib.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { constants, brotliCompressSync } from 'node:zlib';

const BUDGET = 60 * 1024;
const dist = path.resolve(process.argv[2] ?? 'dist');

function fail(msg) {
  console.error(`widget size budget: ${msg}`);
  process.exit(1);
}

const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

const rel = (f) => path.relative(dist, f);
const measure = (f) => {
  if (!existsSync(f)) fail(`${rel(f)} is missing: run \`make site\` first`);
  const buf = readFileSync(f);
  return { file: rel(f), raw: buf.length, br: brotli(buf) };
};

// --- the code: embed.js names the hashed files it loads ---------------------------------------
const embed = path.join(dist, 'embed.js');
if (!existsSync(embed)) fail(`${rel(embed)} is missing: run \`make site\` first`);
const name = readFileSync(embed, 'utf8').match(/var FILE = '([^']+)'/)?.[1];
if (!name || name.startsWith('__')) fail('embed.js does not name its widget files (was it packed by scripts/build-widgets.mjs?)');
const code = [
  measure(embed),
  measure(path.join(dist, 'widget', `${name}-start.js`)),
  measure(path.join(dist, 'widget', `${name}.js`)),
  measure(path.join(dist, 'widget', `${name}_bg.wasm`)),
];

// --- the data: the worst first view among the widget kinds ------------------------------------
const data = path.join(dist, 'data');
const firstPages = (dir) =>
  existsSync(path.join(data, dir))
    ? readdirSync(path.join(data, dir)).map((slug) => path.join(data, dir, slug, '1.json')).filter(existsSync)
    : [];
const articles = existsSync(path.join(data, 'bai-viet'))
  ? readdirSync(path.join(data, 'bai-viet')).filter((f) => f.endsWith('.json')).map((f) => path.join(data, 'bai-viet', f))
  : [];
const candidates = [path.join(data, 'moi-nhat', '1.json'), path.join(data, 'site.json'), ...firstPages('chuyen-muc'), ...firstPages('the'), ...articles].filter(existsSync);
if (candidates.length === 0) fail(`${rel(data)} has no documents: run \`make site\` first`);
const worst = candidates.map(measure).sort((a, b) => b.br - a.br)[0];

const rows = [...code, worst];
const total = rows.reduce((s, r) => s + r.br, 0);
const pad = Math.max(...rows.map((r) => r.file.length));
console.log('Widget first view (brotli q11):');
for (const r of rows) console.log(`  ${r.file.padEnd(pad)}  ${String(r.raw).padStart(7)} B raw  ${String(r.br).padStart(6)} B br`);
console.log(`  ${'total'.padEnd(pad)}  ${' '.repeat(13)}  ${String(total).padStart(6)} B br  (budget ${BUDGET} B = 60 KB, ${((100 * total) / BUDGET).toFixed(0)}%)`);

// For information: the thumbnails the default widget (latest five, with pictures) shows.
try {
  const latest = JSON.parse(readFileSync(path.join(data, 'moi-nhat', '1.json'), 'utf8'));
  const thumbs = latest.items.slice(0, 5).map((i) => i.thumb?.src).filter((s) => s && s.startsWith('/'));
  const bytes = thumbs.map((s) => path.join(dist, s.slice(1))).filter(existsSync).reduce((s, f) => s + brotli(readFileSync(f)), 0);
  console.log(`  (not counted: ${thumbs.length} thumbnails of the latest-news widget, ${bytes} B br, loaded lazily)`);
} catch {
  // No latest listing: nothing to add.
}
if (total > BUDGET) fail(`${total} B brotli is over the budget of ${BUDGET} B`);
console.log('widget size budget: ok');
