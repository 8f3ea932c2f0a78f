// Copies the web editor's bundle (Decap CMS, pinned in package.json) into the site:
//
//   node scripts/build-editor.mjs DIST
//
// DIST/cms/ gets decap-cms.js, the chunks it loads on demand (<id>.decap-cms.js, found
// next to the script it was loaded from) and its WebAssembly files, and the licence
// notices; source maps and the second copy of the bundle (cms.js) stay out. The page
// that loads it, /quan-tri/, and its configuration are written by `bantin build`
// (crates/build/src/editor.rs). The folder is replaced whole (written next to the old
// one, then swapped); `bantin build` never writes it, so its full builds keep it.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? 'dist');
const from = join(repo, 'node_modules/decap-cms/dist');
if (!existsSync(join(from, 'decap-cms.js'))) {
  console.error(`build-editor: ${from}/decap-cms.js is missing; run npm ci first`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(join(repo, 'node_modules/decap-cms/package.json'), 'utf8')).version;
const wanted = (name) =>
  name === 'decap-cms.js' ||
  /^[0-9]+\.decap-cms\.js$/.test(name) ||
  /^[0-9a-f]+\.wasm$/.test(name) ||
  /\.LICENSE\.txt$/.test(name) && name.startsWith('decap-cms');
const target = join(dist, 'cms');
const next = join(dist, 'cms.tmp');
rmSync(next, { recursive: true, force: true });
mkdirSync(next, { recursive: true });
let raw = 0, gz = 0, br = 0, files = 0, firstRaw = 0, firstGz = 0, firstBr = 0;
for (const name of readdirSync(from).sort()) {
  if (!wanted(name)) continue;
  copyFileSync(join(from, name), join(next, name));
  const bytes = readFileSync(join(from, name));
  const g = gzipSync(bytes, { level: 9 }).length;
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += bytes.length; gz += g; br += b; files += 1;
  if (name === 'decap-cms.js') [firstRaw, firstGz, firstBr] = [bytes.length, g, b];
}
rmSync(target, { recursive: true, force: true });
renameSync(next, target);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `build-editor: Decap CMS ${version} in ${target}: ${files} files, ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli ` +
    `(decap-cms.js alone: ${kb(firstRaw)} raw, ${kb(firstGz)} gzip, ${kb(firstBr)} brotli)`,
);
