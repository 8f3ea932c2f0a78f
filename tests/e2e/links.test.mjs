// Every address the built site writes for itself leads somewhere: each
// same-site path of every prerendered page (links, images, scripts, the
// save button's data) and every sitemap entry is a file of dist/, or a
// folder with an index.html, in the main site and in its sections of other
// languages. (No browser: the files are read as a static host would serve them.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DIST } from './helpers.mjs';

const site = JSON.parse(readFileSync(path.join(DIST, 'data/site.json'), 'utf8'));
const origin = new URL(site.base_url).origin;
const basePath = new URL(site.base_url).pathname;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'data' && name !== 'tim' && name !== 'widget') yield* files(p);
    } else if (/\.(html|xml)$/.test(name)) yield p;
  }
}

/** Whether `p` (a path of the site) is served: a file, or a folder's index.html. */
function served(p) {
  if (!p.startsWith(basePath)) return false;
  const rel = decodeURIComponent(p.slice(basePath.length));
  const at = path.join(DIST, rel);
  return [at, path.join(at, 'index.html')].some((f) => existsSync(f) && statSync(f).isFile());
}

test('every same-site address of every page and sitemap is served', () => {
  const broken = new Map();
  let checked = 0;
  for (const file of files(DIST)) {
    const text = readFileSync(file, 'utf8');
    const found = [
      ...text.matchAll(/\s(?:href|src|data-bt-json|data-bt-url)="([^"]+)"/g),
      ...text.matchAll(/<loc>([^<]+)<\/loc>/g),
    ].map((m) => m[1].replaceAll('&amp;', '&'));
    for (const raw of found) {
      let url;
      try {
        url = new URL(raw, `${origin}${basePath}`);
      } catch {
        continue;
      }
      if (url.origin !== origin || raw.startsWith('#') || !/^(\/|https?:)/.test(raw)) continue;
      checked += 1;
      if (!served(url.pathname)) broken.set(url.pathname, path.relative(DIST, file));
    }
  }
  assert.ok(checked > 1000, `checked ${checked} addresses`);
  assert.ok(existsSync(path.join(DIST, 'en/index.html')), 'the English section is built');
  assert.deepEqual([...broken].slice(0, 20), [], 'addresses that lead nowhere (path, page)');
});
