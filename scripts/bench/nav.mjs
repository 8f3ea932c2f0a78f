// Navigation timing for issue 14: in Debian's headless Chromium (playwright-core) under
// slow 4G (150 ms RTT, 1.6 Mbps down, 750 Kbps up) and 4× CPU slowdown, with the site
// served with brotli (./static-server.mjs):
//
//   (a) tap:        open an article, wait until the app can navigate, tap its first related
//                   article and time from the finger touching the screen (the touchstart
//                   event's timeStamp) to the new article's h1 text being painted;
//   (b) no prefetch: the same with localStorage "bantin:no-prefetch" = "1" set before the
//                   page loads (the app then fetches nothing on touch, hover or idle);
//   (c) page load:  the same related article opened by a full page load from the article
//                   (same tab, warm HTTP cache): its first contentful paint.
//
// Each run is a new browser context (empty cache, storage and service workers); the three
// variants alternate. The tap is a real touch sequence (CDP Input.dispatchTouchEvent:
// touchStart, BENCH_NAV_PRESS_MS later touchEnd; Chromium turns it into a click), made
// BENCH_NAV_SETTLE_MS after the link was scrolled into view. The press is timed from the
// touchStart's sending, as a finger lifts whatever the page is doing: CDP answers a touch
// event only once the page has handled it (20 to 35 ms at 4× CPU), and the touchEnd
// waits for neither that answer nor the page (Chromium queues it behind the touchstart).
// The press as the page saw it (touchend's timeStamp minus touchstart's) is reported.
// "Painted" is the first frame in which a visible h1 holds the new title: a
// requestAnimationFrame loop sees it, then a message posted from that frame's callback
// runs after the frame is painted.

import path from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/helpers.mjs';
import { serveDist } from './static-server.mjs';
import { benchArticle, median } from './lighthouse.mjs';

/** The network of the issue's "slow 4G" as CDP applies it. */
export const NAV_NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
  connectionType: 'cellular4g',
};
export const NAV_CPU_SLOWDOWN = 4;
/** The related list's article links in an article page (src/pages/article.rs, src/components/article_list.rs). */
export const RELATED_LINK = '.bt-related a.bt-card__link';
export const NO_PREFETCH_KEY = 'bantin:no-prefetch';

// Installed before any page script: records when the app started and when the page was
// last busy (long tasks, resources), and the lead's "ready" signals.
const READY_PROBE = `(() => {
  const s = { started: null, lastBusy: 0, readyEvent: false };
  window.__benchApp = s;
  addEventListener('TrunkApplicationStarted', () => { s.started = performance.now(); s.lastBusy = Math.max(s.lastBusy, s.started); });
  document.addEventListener('bantin:ready', () => { s.readyEvent = true; });
  const busy = (t) => { s.lastBusy = Math.max(s.lastBusy, t); };
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) busy(e.startTime + e.duration); }).observe({ type: 'longtask', buffered: true }); } catch (e) {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) busy(e.responseEnd); }).observe({ type: 'resource', buffered: true }); } catch (e) {}
})();`;

/**
 * Waits until the app on `page` can navigate: `window.__bantinReady === true` or the
 * document event "bantin:ready" (the app's own signal), or else TrunkApplicationStarted
 * followed by `quietMs` without a long task or a finished request, whichever comes first.
 * Resolves to how it ended ("signal" or "started + quiet") and when (ms since navigation start).
 */
export async function waitForAppReady(page, { quietMs = 1000, timeout = 60_000 } = {}) {
  try {
    const handle = await page.waitForFunction(
      (quiet) => {
        const s = window.__benchApp;
        if (!s) return false;
        if (window.__bantinReady === true || s.readyEvent) return { how: 'signal', at: performance.now() };
        if (s.started !== null && performance.now() - Math.max(s.started, s.lastBusy) >= quiet) return { how: 'started + quiet', at: performance.now() };
        return false;
      },
      quietMs,
      { timeout, polling: 100 },
    );
    return handle.jsonValue();
  } catch (err) {
    const state = await page.evaluate(() => ({ app: window.__benchApp, ready: window.__bantinReady })).catch(() => null);
    throw new Error(`the app did not become ready within ${timeout} ms on ${page.url()} (state: ${JSON.stringify(state)}): ${err.message.split('\n')[0]}`);
  }
}

/** Installs the tap/paint probe: touchstart and click times, and when a visible h1 first shows `title` painted. */
function installPaintProbe(page, title) {
  return page.evaluate((want) => {
    const nav = { touch: null, up: null, click: null, seen: null, painted: null };
    window.__benchNav = nav;
    addEventListener('touchstart', (e) => { nav.touch ??= e.timeStamp; }, { capture: true, passive: true });
    addEventListener('touchend', (e) => { nav.up ??= e.timeStamp; }, { capture: true, passive: true });
    addEventListener('click', (e) => { nav.click ??= e.timeStamp; }, { capture: true });
    const shown = () =>
      [...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === want && h.getClientRects().length > 0 && (h.checkVisibility ? h.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : true));
    const frame = () => {
      if (nav.touch !== null && shown()) {
        nav.seen = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { nav.painted = performance.now(); };
        ch.port2.postMessage(0);
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, title);
}

async function newContext(browser, { noPrefetch }) {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  context.setDefaultTimeout(30_000);
  if (noPrefetch) await context.addInitScript((key) => localStorage.setItem(key, '1'), NO_PREFETCH_KEY);
  await context.addInitScript(READY_PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NAV_NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: NAV_CPU_SLOWDOWN });
  return { context, page, cdp };
}

/** One run of variant (a) or (b): ms from touchstart (and from click) to the new h1 painted. */
async function tapOnce(browser, { url, related, noPrefetch, pressMs, settleMs }) {
  const { context, page, cdp } = await newContext(browser, { noPrefetch });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    const ready = await waitForAppReady(page);
    const link = page.locator(`${RELATED_LINK}[href$="/bai-viet/${related.slug}"]`).first();
    if (!(await link.count())) throw new Error(`${url} has no related link to ${related.slug} (${RELATED_LINK})`);
    await link.scrollIntoViewIfNeeded();
    await page.waitForTimeout(settleMs);
    const box = await link.boundingBox();
    if (!box) throw new Error(`the related link to ${related.slug} is not rendered`);
    const x = box.x + Math.min(box.width / 2, 40);
    const y = box.y + box.height / 2;
    const hit = await page.evaluate(([px, py, slug]) => document.elementFromPoint(px, py)?.closest('a')?.getAttribute('href') ?? null, [x, y, related.slug]);
    if (!hit?.endsWith(`/bai-viet/${related.slug}`)) throw new Error(`a tap at (${x}, ${y}) would hit ${hit}, not the related link`);
    await installPaintProbe(page, related.title);
    // One Promise.all from the start: a failed touchStart is an error of the run,
    // not an unhandled rejection while the press lasts.
    const lifted = new Promise((resolve) => setTimeout(resolve, pressMs));
    await Promise.all([
      cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] }),
      lifted.then(() => cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })),
    ]);
    const deadline = Date.now() + 30_000;
    let nav;
    for (;;) {
      // A new document has no probe: the tap was an ordinary page load, not the app's navigation.
      nav = await page.evaluate(() => window.__benchNav ?? null).catch(() => null);
      if (nav === null) throw new Error(`the tap on ${related.slug} loaded a new page instead of navigating in the app (was the app ready? ${JSON.stringify(ready)})`);
      if (nav.painted !== null) break;
      if (Date.now() > deadline) throw new Error(`the h1 "${related.title}" was not painted within 30 s of the tap (probe: ${JSON.stringify(nav)})`);
      await page.waitForTimeout(50);
    }
    if (nav.click === null) throw new Error('the tap produced no click');
    return { fromTouch: nav.painted - nav.touch, fromClick: nav.painted - nav.click, press: nav.up - nav.touch, ready: ready.how };
  } finally {
    await context.close();
  }
}

/** One run of variant (c): the related article's FCP on a full page load from the article. */
async function loadOnce(browser, { url, relatedUrl }) {
  const { context, page } = await newContext(browser, { noPrefetch: false });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    const ready = await waitForAppReady(page);
    await page.goto(relatedUrl, { waitUntil: 'load', timeout: 90_000 });
    const fcp = await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 30_000, polling: 100 })
      .then((h) => h.jsonValue())
      .catch(() => {
        throw new Error(`${relatedUrl}: no first-contentful-paint entry within 30 s`);
      });
    return { fcp, ready: ready.how };
  } finally {
    await context.close();
  }
}

/**
 * Medians of `runs` runs of each variant. Resolves to
 * { article, related, tap, noPrefetch, pageLoad, runs, ready }.
 */
export async function benchNav({ dist, runs = 7, pressMs = 100, settleMs = 500, chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium', log = console.log }) {
  const article = benchArticle(dist);
  const relatedSlug = article.related.map((r) => r.slug).find((s) => s && existsSync(path.join(dist, 'data/bai-viet', `${s}.json`)));
  if (!relatedSlug) throw new Error(`the bench article ${article.slug} has no related article`);
  const related = { slug: relatedSlug, title: JSON.parse(readFileSync(path.join(dist, 'data/bai-viet', `${relatedSlug}.json`), 'utf8')).title };
  const server = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  const url = `${server.url}/bai-viet/${article.slug}`;
  const relatedUrl = `${server.url}/bai-viet/${related.slug}`;
  const got = { tap: [], noPrefetch: [], pageLoad: [] };
  const readies = new Set();
  try {
    for (let i = 1; i <= runs; i++) {
      const a = await tapOnce(browser, { url, related, noPrefetch: false, pressMs, settleMs });
      const b = await tapOnce(browser, { url, related, noPrefetch: true, pressMs, settleMs });
      const c = await loadOnce(browser, { url, relatedUrl });
      got.tap.push(a);
      got.noPrefetch.push(b);
      got.pageLoad.push(c);
      for (const r of [a, b, c]) readies.add(r.ready);
      log(
        `  nav run ${i}/${runs}: tap ${a.fromTouch.toFixed(0)} ms (from click ${a.fromClick.toFixed(0)}, press ${a.press.toFixed(0)}), no prefetch ${b.fromTouch.toFixed(0)} ms (from click ${b.fromClick.toFixed(0)}), page load FCP ${c.fcp.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  return {
    article: article.slug,
    related: related.slug,
    runs,
    pressMs,
    settleMs,
    ready: [...readies],
    tap: { median: median(got.tap.map((r) => r.fromTouch)), fromClick: median(got.tap.map((r) => r.fromClick)), press: median(got.tap.map((r) => r.press)), runs: got.tap },
    noPrefetch: { median: median(got.noPrefetch.map((r) => r.fromTouch)), fromClick: median(got.noPrefetch.map((r) => r.fromClick)), runs: got.noPrefetch },
    pageLoad: { median: median(got.pageLoad.map((r) => r.fcp)), runs: got.pageLoad },
  };
}

/** The Markdown table of a `benchNav` result; `label` names the tree measured. */
export function navTable(result, label) {
  const ms = (x) => `${Math.round(x).toLocaleString('en')} ms`;
  return [
    `| ${label ? 'tree | ' : ''}tap → h1 painted, prefetch on touch | same, prefetch off | from the click (prefetch / off) | full page load, FCP |`,
    `|${label ? '---|' : ''}---:|---:|---:|---:|`,
    `| ${label ? `${label} | ` : ''}${ms(result.tap.median)} | ${ms(result.noPrefetch.median)} | ${ms(result.tap.fromClick)} / ${ms(result.noPrefetch.fromClick)} | ${ms(result.pageLoad.median)} |`,
  ];
}

/** Every run's figures, for the doc. */
export function navRuns(result) {
  return `tap ${result.tap.runs.map((r) => Math.round(r.fromTouch)).join(', ')} (press as the page saw it: median ${Math.round(result.tap.press)}); prefetch off ${result.noPrefetch.runs.map((r) => Math.round(r.fromTouch)).join(', ')}; page load FCP ${result.pageLoad.runs.map((r) => Math.round(r.fcp)).join(', ')} (ms)`;
}
