#!/usr/bin/env node
// Minifies the app's JavaScript in a trunk build, in place (`make site-app` runs it
// after `trunk build`), with terser (npm): every byte of it is in an article's first
// view (issue 14's budget). The sources keep their comments; readers get none.
//
//   node scripts/minify-app.mjs DIST
//
// - the wasm-bindgen glue (`bantin-app-<hash>.js`), its snippets (`snippets/**.js`) and
//   the loader of the app's other modules (`bantin-split-<hash>.js`), ES modules;
// - classic scripts trunk copied with a hash (`<script src=… integrity=…>`, such as the
//   offline script): their `integrity` in the shell is computed anew;
// - the shell's inline classic scripts (the stale-deploy recovery, the page script).
// Trunk's own minifier is not used: it would also rewrite the shell's markup, whose
// quoted URLs the build tool moves to the site's base path.
// File names keep trunk's hash of the unminified file: still a new name for new content.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minifyJs } from './terser.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const shellPath = path.join(dist, 'index.html');
if (!existsSync(shellPath)) {
  console.error(`minify-app: ${shellPath} is missing: run trunk build first`);
  process.exit(1);
}
const min = (code, module, name) => minifyJs(code, { module, name: `minify-app: ${name}` });

let before = 0;
let after = 0;
async function minifyFile(file, module) {
  const code = readFileSync(file, 'utf8');
  const small = await min(code, module, path.relative(dist, file));
  before += code.length;
  after += small.length;
  writeFileSync(file, small);
}

const walk = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

let shell = readFileSync(shellPath, 'utf8');

// The glue and its snippets (ES modules).
const glue = readdirSync(dist).filter((f) => /^bantin-app-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) throw new Error(`minify-app: expected one bantin-app-<hash>.js in ${dist}, found ${glue.length}`);
await minifyFile(path.join(dist, glue[0]), true);
// The loader of the app's other modules (scripts/split-app.mjs), imported by the glue.
for (const f of readdirSync(dist).filter((f) => /^bantin-split-[0-9a-f]+\.js$/.test(f))) {
  await minifyFile(path.join(dist, f), true);
}
if (existsSync(path.join(dist, 'snippets'))) {
  for (const f of walk(path.join(dist, 'snippets')).filter((f) => f.endsWith('.js'))) await minifyFile(f, true);
}

// Classic scripts with a hash and an integrity attribute.
const sha384 = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
for (const m of [...shell.matchAll(/<script\b[^>]*\bsrc="\/?([^"]+\.js)"[^>]*>/g)]) {
  const tag = m[0];
  const file = path.join(dist, m[1]);
  if (!existsSync(file) || /type="module"/.test(tag)) continue;
  await minifyFile(file, false);
  shell = shell.replace(tag, tag.replace(/integrity="[^"]*"/, `integrity="${sha384(file)}"`));
}

// The offline script leaves the first view: the page script loads it after the page's
// load event (src/js/page.js), by the name and integrity this moves onto
// <meta name="bantin-app"> (data-offline, data-offline-integrity).
{
  const tag = shell.match(/<script\b[^>]*\bsrc="([^"]*\/offline-[0-9a-f]+\.js)"[^>]*\bintegrity="([^"]*)"[^>]*><\/script>\s*/);
  // The tag itself (the page script's comments name it too, before they are minified away).
  const meta = /<meta name="bantin-app" (?=data-js=)/;
  if (!tag || !meta.test(shell)) throw new Error('minify-app: the shell has no offline script tag or no <meta name="bantin-app">');
  shell = shell.replace(tag[0], '').replace(meta, `<meta name="bantin-app" data-offline="${tag[1]}" data-offline-integrity="${tag[2]}" `);
}

// The shell's inline classic scripts.
const inline = [];
for (const m of shell.matchAll(/<script>([\s\S]*?)<\/script>/g)) inline.push(m);
for (const m of inline.reverse()) {
  const small = await min(m[1], false, 'an inline script of index.html');
  before += m[1].length;
  after += small.length;
  shell = shell.slice(0, m.index) + `<script>${small}</script>` + shell.slice(m.index + m[0].length);
}
writeFileSync(shellPath, shell);
console.log(`minify-app: ${before} → ${after} bytes of JavaScript`);
