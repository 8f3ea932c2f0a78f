// Packs the search module (engine and search UI) into the site: run after
//   cargo build --release --target wasm32-unknown-unknown -p bantin-search
//
//   node scripts/build-search.mjs DIST
//
// wasm-bindgen (--target web) and wasm-opt -Oz (binaryen from node_modules) turn the
// crate's wasm into DIST/tim/bantin_search.js and DIST/tim/bantin_search_bg.wasm.
// The names are stable (the app imports them only when a reader starts searching,
// and the host configs serve them no-cache); DIST/tim is replaced whole.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? 'dist');
const input = join(repo, 'target/wasm32-unknown-unknown/release/bantin_search.wasm');
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
const glue = readFileSync(join(work, 'bantin_search.js'));
const wasm = readFileSync(optWasm);

// Write next to the old folder, then swap, so a server never sees half of it.
const staged = join(dist, '.tim-moi');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
writeFileSync(join(staged, 'bantin_search.js'), glue);
writeFileSync(join(staged, 'bantin_search_bg.wasm'), wasm);
rmSync(join(dist, 'tim'), { recursive: true, force: true });
renameSync(staged, join(dist, 'tim'));
console.log(`build-search: ${dist}/tim/bantin_search.js (${glue.length} B), _bg.wasm (${wasm.length} B)`);
