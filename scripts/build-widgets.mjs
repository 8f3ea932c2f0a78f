// Packs the embeddable widgets into the site: run after
//   cargo build --release --target wasm32-unknown-unknown -p bantin-widgets
// (`make site-widgets` builds it for size, in a target directory of its own).
//
//   node scripts/build-widgets.mjs DIST [CRATE_WASM]
//
// wasm-bindgen (--target web), wasm-opt -Oz (binaryen from node_modules) and terser
// (npm, the glue) turn the crate's wasm (CRATE_WASM, by default cargo's usual place)
// into DIST/widget/bantin-widgets-<hash>.js and _bg.wasm, plus a
// tiny start module that hands them to the loader; DIST/embed.js (stable name,
// from crates/widgets/embed.js) gets the hashed name. DIST/widget is replaced whole.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyJs } from './terser.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? 'dist');
const input = resolve(process.argv[3] ?? join(repo, 'target/wasm32-unknown-unknown/release/bantin_widgets.wasm'));
const work = join(repo, 'target/widgets-pack');
const bin = (name) => {
  const local = join(repo, 'node_modules/.bin', name);
  return existsSync(local) ? local : name;
};

if (!existsSync(input)) {
  console.error(`build-widgets: ${input} is missing; build the crate first`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, input], {
  stdio: 'inherit',
});
const rawWasm = join(work, 'bantin_widgets_bg.wasm');
const optWasm = join(work, 'opt.wasm');
execFileSync(bin('wasm-opt'), ['-Oz', rawWasm, '-o', optWasm], { stdio: 'inherit' });

const glue = await minifyJs(readFileSync(join(work, 'bantin_widgets.js'), 'utf8'), { module: true, name: 'build-widgets: the glue' });
const wasm = readFileSync(optWasm);
const hash = createHash('sha256').update(glue).update(wasm).digest('hex').slice(0, 16);
const file = `bantin-widgets-${hash}`;

// Write next to the old folder, then swap, so a server never sees half of it.
const staged = join(dist, '.widget-moi');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
writeFileSync(join(staged, `${file}.js`), glue);
writeFileSync(join(staged, `${file}_bg.wasm`), wasm);
writeFileSync(
  join(staged, `${file}-start.js`),
  `import init, { render } from './${file}.js';\nwindow.BanTinNhung._ready(init, render);\n`,
);
rmSync(join(dist, 'widget'), { recursive: true, force: true });
renameSync(staged, join(dist, 'widget'));

const template = readFileSync(join(repo, 'crates/widgets/embed.js'), 'utf8');
if (!template.includes('__BANTIN_WIDGET__')) {
  console.error('build-widgets: crates/widgets/embed.js lost its __BANTIN_WIDGET__ marker');
  process.exit(1);
}
// The portal's language and brand are on one line of embed.js, which `bantin build`
// writes from site.toml (crates/build/src/embed.rs, loader_site): keep the line of
// the embed.js this replaces; a new one has the template's (Vietnamese, no brand)
// until the next `bantin build`.
const SITE_LINE = /^ {2}var SITE = .*;$/m;
if (!SITE_LINE.test(template)) {
  console.error('build-widgets: crates/widgets/embed.js lost its `var SITE = …;` line');
  process.exit(1);
}
let loader = template.replace('__BANTIN_WIDGET__', file);
try {
  const kept = readFileSync(join(dist, 'embed.js'), 'utf8').match(SITE_LINE);
  if (kept) loader = loader.replace(SITE_LINE, () => kept[0]);
} catch {
  // No embed.js yet.
}
writeFileSync(join(dist, 'embed.js'), loader);
console.log(`build-widgets: ${dist}/widget/${file}.js (${glue.length} B), _bg.wasm (${wasm.length} B), embed.js`);
