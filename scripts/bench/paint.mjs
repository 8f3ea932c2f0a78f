// First contentful paint and largest contentful paint of an article deep link in
// headless Chromium (Debian's, driven by playwright-core) with 4x CPU slowdown and
// Lighthouse's slow-4G profile, beside the same page's HTML with every <script>
// and modulepreload removed (the static floor), alternating runs in one session.
//
// The site is served by ./static-server.mjs (brotli or gzip, as the browser accepts, like
// a static host): `/bai-viet/<slug>` answers with the prerendered page, and
// `/bai-viet/<slug>?san=1` with the static floor.

import { chromium } from 'playwright-core';
import { serveDist, staticFloor, FLOOR_FLAG } from './static-server.mjs';

export { staticFloor };

// Lighthouse's "slow 4G" as DevTools applies it: 150 ms RTT x 3.75, 1.6 Mbps x 0.9
// down, 750 Kbps x 0.9 up.
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
export const CPU_SLOWDOWN = 4;

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
  const server = await serveDist(dist);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const url = `${server.url}/bai-viet/${slug}`;
  const got = { app: [], floor: [] };
  try {
    await once(browser, url); // warm the server's compression cache
    await once(browser, `${url}?${FLOOR_FLAG}=1`);
    for (let i = 0; i < runs; i++) {
      got.app.push(await once(browser, url));
      got.floor.push(await once(browser, `${url}?${FLOOR_FLAG}=1`));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const sum = (list) => ({
    fcp: median(list.map((p) => p.fcp)),
    lcp: median(list.map((p) => p.lcp)),
    runs: list,
  });
  return { url: `/bai-viet/${slug}`, app: sum(got.app), floor: sum(got.floor) };
}
