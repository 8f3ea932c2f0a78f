// The app's take-over of a prerendered page: it swaps in its own view of the
// same markup, so nothing moves. Cumulative layout shift, from the first paint
// until the app has taken over, is 0 on every kind of prerendered page, on a
// phone and on a desktop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allArticles, readData, useSite, waitUntil } from './helpers.mjs';

const site = useSite();
const settings = readData('site.json');
const article = allArticles().find((a) => a.cover && a.related?.length) ?? allArticles()[0];
const PAGES = [
  ['home', '/'],
  ['article', `/bai-viet/${article.slug}`],
  ['category', `/chuyen-muc/${settings.categories[0].slug}`],
  ['search', '/tim-kiem'],
];

// Collects every layout shift from the start of the page's life.
const OBSERVE = `window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__shifts.push({ value: e.value, input: e.hadRecentInput, nodes: (e.sources || []).map((s) => s.node && (s.node.className || s.node.nodeName)) });
}).observe({ type: 'layout-shift', buffered: true });`;

for (const viewport of [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
]) {
  test(`the take-over moves nothing at ${viewport.width} px (CLS 0)`, { timeout: 90_000 }, async () => {
    const context = await site.browser.newContext({ baseURL: site.server.url, viewport, locale: 'vi-VN' });
    try {
      await context.addInitScript(OBSERVE);
      const page = await context.newPage();
      for (const [name, url] of PAGES) {
        await page.goto(url);
        await waitUntil(async () => (await page.locator('#bt-static').count()) === 0, { message: `${name}: the app takes over` });
        // Two frames after the swap, so a shift it caused would be recorded.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const shifts = await page.evaluate(() => window.__shifts);
        const cls = shifts.filter((s) => !s.input).reduce((sum, s) => sum + s.value, 0);
        assert.equal(cls, 0, `${name} at ${viewport.width} px: ${JSON.stringify(shifts)}`);
      }
    } finally {
      await context.close();
    }
  });
}
