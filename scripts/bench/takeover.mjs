#!/usr/bin/env node
// How the app takes over a prerendered page: main-thread cost of its start (issue 14).
//
//   node scripts/bench/takeover.mjs [DIST]      (BENCH_TAKEOVER_RUNS=7)
//
// In Debian's headless Chromium under 4× CPU slowdown, the built site served with brotli
// (./static-server.mjs), each page opened in a fresh context; the long tasks (> 50 ms)
// that run from the app's first request (its JS) until 1.5 s after it has started
// (`window.__bantinReady`) are summed. Two ways of starting, same build:
//
//   lazy (shipped): the app starts its router-free listeners only and renders its
//                   first view on the reader's first navigation (src/takeover.rs);
//   render at once: the same page with `data-bt-now` on #bt-static, which makes the app
//                   render the whole page hidden and swap it in at start: what every
//                   page did before issue 14.
//
// Printed per page: the median (of the runs) of the sum of long-task time, of the
// blocking part (each task's time above 50 ms, as TBT counts it) and of the longest task.

import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist } from './static-server.mjs';
import { CHROMIUM_ARGS } from '../../tests/e2e/helpers.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const runs = Number(process.env.BENCH_TAKEOVER_RUNS ?? 7);
const CPU = 4;
const APP_FILE = /\/bantin-app-[0-9a-f]+\.js$/;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

const OBSERVE = `window.__lt = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`;

async function measure(browser, base, url, renderAtOnce) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    await page.addInitScript(OBSERVE);
    if (renderAtOnce) {
      await page.route((u) => u.pathname === new URL(url, base).pathname, async (route) => {
        const res = await route.fetch();
        const body = (await res.text()).replace('<div id="bt-static">', '<div id="bt-static" data-bt-now="views">');
        await route.fulfill({ response: res, body });
      });
    }
    await page.goto(base + url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bantinReady === true, null, { timeout: 60_000 });
    await page.waitForTimeout(1500);
    return await page.evaluate((pattern) => {
      const app = performance.getEntriesByType('resource').find((e) => new RegExp(pattern).test(new URL(e.name).pathname));
      const from = app ? app.startTime : 0;
      const tasks = window.__lt.filter(([start]) => start >= from);
      return {
        total: tasks.reduce((s, [, d]) => s + d, 0),
        blocking: tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
        longest: tasks.reduce((m, [, d]) => Math.max(m, d), 0),
        rendered: !document.getElementById('bt-static'),
      };
    }, APP_FILE.source);
  } finally {
    await context.close();
  }
}

const server = await serveDist(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const article = (await (await fetch(`${server.url}/data/moi-nhat/1.json`)).json()).items[0].slug;
const pages = [
  ['home', '/'],
  ['category', '/moi-nhat'],
  ['article', `/bai-viet/${article}`],
];
const rows = [];
try {
  for (const [name, url] of pages) {
    const out = { lazy: [], now: [] };
    for (let i = 0; i < runs; i++) {
      out.lazy.push(await measure(browser, server.url, url, false));
      out.now.push(await measure(browser, server.url, url, true));
    }
    for (const [mode, label] of [['now', 'render at once (before)'], ['lazy', 'lazy (shipped)']]) {
      const r = out[mode];
      rows.push(`| ${name}: \`${url.length > 40 ? url.slice(0, 40) + '…' : url}\` | ${label} | ${Math.round(median(r.map((x) => x.total)))} ms | ${Math.round(median(r.map((x) => x.blocking)))} ms | ${Math.round(median(r.map((x) => x.longest)))} ms | ${r.every((x) => x.rendered === (mode === 'now')) ? 'yes' : 'NO'} |`);
    }
  }
} finally {
  await browser.close();
  await server.close?.();
}
console.log(`Take-over cost, medians of ${runs}, 4× CPU, from the app's first request to 1.5 s after its start:\n`);
console.log('| page | start | long tasks | blocking (> 50 ms) | longest task | as expected |');
console.log('|---|---|---:|---:|---:|---|');
for (const r of rows) console.log(r);
process.exit(0);
