// Packs the search module (engine and search UI) into the site: run after
//   cargo build --release --target wasm32-unknown-unknown -p bantin-search
// (`make site-search` builds it for size, in a target directory of its own).
//
//   node scripts/build-search.mjs DIST [CRATE_WASM]
//
// wasm-bindgen (--target web) and wasm-opt -Oz (binaryen from node_modules) turn the
// crate's wasm (CRATE_WASM, by default cargo's usual place) into DIST/tim/bantin_search_bg.wasm,
// and terser (npm) minifies the glue, DIST/tim/bantin_search.js: both are on the search
// page's way to its results.
// The names are stable (the app imports them only when a reader starts searching,
// and the host configs serve them no-cache); DIST/tim is replaced whole.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyJs } from './terser.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? 'dist');
const input = resolve(process.argv[3] ?? join(repo, 'target/wasm32-unknown-unknown/release/bantin_search.wasm'));
const work = join(repo, 'target/search-pack');
const bin = (name) => {
  const local = join(repo, 'node_modules/.bin', name);
  return existsSync(local) ? local : name;
};

if (!existsSync(input)) {
  console.error(`build-search: ${input} is missing; build the crate first`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, input], {
  stdio: 'inherit',
});
const optWasm = join(work, 'opt.wasm');
execFileSync(bin('wasm-opt'), ['-Oz', join(work, 'bantin_search_bg.wasm'), '-o', optWasm], {
  stdio: 'inherit',
});
const source = readFileSync(join(work, 'bantin_search.js'), 'utf8');
const glue = await minifyJs(source, { module: true, name: 'build-search: the glue' });
const wasm = readFileSync(optWasm);

// Write next to the old folder, then swap, so a server never sees half of it.
const staged = join(dist, '.tim-moi');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
writeFileSync(join(staged, 'bantin_search.js'), glue);
writeFileSync(join(staged, 'bantin_search_bg.wasm'), wasm);
rmSync(join(dist, 'tim'), { recursive: true, force: true });
renameSync(staged, join(dist, 'tim'));
console.log(`build-search: ${dist}/tim/bantin_search.js (${glue.length} B, ${source.length} B before terser), _bg.wasm (${wasm.length} B)`);
