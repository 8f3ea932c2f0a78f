// First contentful paint and largest contentful paint of an article deep link in
// headless Chromium (Debian's, driven by playwright-core) with 4x CPU slowdown and
// Lighthouse's slow-4G profile, beside the same page's HTML with every <script>
// and modulepreload removed (the static floor), alternating runs in one session.
//
// The site is served by a small static server here (brotli or gzip, as the browser
// accepts, like a static host): `/bai-viet/<slug>` answers with the prerendered page
// (or the app shell), and `/bai-viet/<slug>?san=1` with the static floor.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CONTENT_TYPES } from '../../tests/e2e/helpers.mjs';

// Lighthouse's "slow 4G" as DevTools applies it: 150 ms RTT x 3.75, 1.6 Mbps x 0.9
// down, 750 Kbps x 0.9 up.
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
export const CPU_SLOWDOWN = 4;

const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|svg|xml|txt)$/;

/** The page HTML without scripts: no <script> elements, no modulepreload/preload of scripts or wasm. */
export function staticFloor(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel=["']?(?:modulepreload|preload)["']?[^>]*>/gi, '');
}

/** Serves `dist` on a free port; `floor(html)` answers `?san=1`. */
function serve(dist) {
  const cache = new Map();
  const compressed = (file, body, enc) => {
    const key = `${file}\0${enc}`;
    if (!cache.has(key)) {
      cache.set(
        key,
        enc === 'br'
          ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
          : gzipSync(body, { level: 9 }),
      );
    }
    return cache.get(key);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    let file = path.join(dist, rel);
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      // The app's routes fall back to the shell, as `bantin serve` does.
      file = existsSync(path.join(dist, 'app.html')) ? path.join(dist, 'app.html') : path.join(dist, 'index.html');
    }
    let body = readFileSync(file);
    if (url.searchParams.has('san') && file.endsWith('.html')) body = Buffer.from(staticFloor(body.toString('utf8')));
    const ext = path.extname(file);
    const headers = { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    const accept = req.headers['accept-encoding'] ?? '';
    const enc = !COMPRESSIBLE.test(file) ? null : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    if (enc) {
      body = compressed(file + (url.searchParams.has('san') ? '?san' : ''), body, enc);
      headers['content-encoding'] = enc;
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Records paint entries as they come (LCP may change while the app takes over).
const OBSERVE = `
window.__paint = { fcp: null, lcp: null };
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__paint.fcp = e.startTime; })
  .observe({ type: 'paint', buffered: true });
new PerformanceObserver((l) => { const es = l.getEntries(); window.__paint.lcp = es[es.length - 1].startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });
`;

async function once(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  // Let the app boot and render (or not), then read the last entries.
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => {});
  await page.waitForTimeout(1500);
  const paint = await page.evaluate(() => window.__paint);
  await context.close();
  return paint;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Medians of FCP and LCP (ms) for the app page and its static floor, `runs` each. */
export async function measurePaint({ dist, slug, runs = 5, chromiumPath = '/usr/bin/chromium' }) {
  const server = await serve(path.resolve(dist));
  const { port } = server.address();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const url = `http://127.0.0.1:${port}/bai-viet/${slug}`;
  const got = { app: [], floor: [] };
  try {
    await once(browser, url); // warm the server's compression cache
    await once(browser, `${url}?san=1`);
    for (let i = 0; i < runs; i++) {
      got.app.push(await once(browser, url));
      got.floor.push(await once(browser, `${url}?san=1`));
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sum = (list) => ({
    fcp: median(list.map((p) => p.fcp)),
    lcp: median(list.map((p) => p.lcp)),
    runs: list,
  });
  return { url: `/bai-viet/${slug}`, app: sum(got.app), floor: sum(got.floor) };
}
