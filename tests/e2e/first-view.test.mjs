// The first view of a prerendered page costs the reader nothing (issue 14):
// - the app's code is not preloaded, and loads only after the page's `load` event;
// - when it starts, it renders nothing again: the page stays as it was built
//   until the reader's first navigation, which the app then answers itself;
// - before it starts, every control on the page works (the page script) or is hidden;
// - nothing moves (CLS 0) from the first paint through the start and a navigation,
//   nor when the page's HTML arrives in pieces;
// - an article's JSON is prefetched on touch, on hover and for links in view when idle
//   (also after a scroll), and the navigation uses it: no second request;
// - a tap is followed at its touchend, and the touched article is built ahead while
//   the finger is down; a touch that becomes a scroll or a long press is the browser's;
// - the views' module is prefetched when idle after the app starts, and loaded on an
//   intent (touch, hover, focus, the first scroll).
import http from 'node:http';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allArticles, appReady, h1, readData, useSite, waitUntil } from './helpers.mjs';

const site = useSite();
const settings = readData('site.json');
const article = allArticles().find((a) => a.cover && a.related?.length >= 2) ?? allArticles()[0];
// The app's start: its glue, its WebAssembly and the loader of its other module.
const APP_FILE = /\/bantin-(app-[0-9a-f]+(_bg\.wasm|\.js)|split-[0-9a-f]+\.js)$/;
// The module of the app's views (scripts/split-app.mjs): not part of the first view.
const VIEWS_FILE = /\/bantin-views-[0-9a-f]+\.wasm$/;

/**
 * Paths of the page's loads of the views' module so far (resource timing): the
 * loader's fetches, which compile it, not the idle prefetch of its bytes.
 */
const viewsLoads = (page) => viewsRequests(page, (t) => t !== 'link');
/** Paths of the idle prefetches of the views' module's bytes so far. */
const viewsPrefetches = (page) => viewsRequests(page, (t) => t === 'link');
const viewsRequests = (page, initiator) =>
  page
    .evaluate(
      (p) => performance.getEntriesByType('resource').filter((e) => new RegExp(p).test(new URL(e.name).pathname)).map((e) => [new URL(e.name).pathname, e.initiatorType]),
      VIEWS_FILE.source,
    )
    .then((all) => all.filter(([, t]) => initiator(t)).map(([n]) => n));

/** Requests of data documents for articles, as paths. */
function articleRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/data/bai-viet/')) seen.push(path);
  });
  return seen;
}

/** A new browser context as a phone's: touch, 360 px wide, no service worker. */
const phone = () =>
  site.browser.newContext({ baseURL: site.server.url, hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
/** Where a finger taps `link`: near its start, halfway down. */
async function tapPoint(link) {
  const box = await link.boundingBox();
  return { x: box.x + Math.min(box.width / 2, 40), y: box.y + box.height / 2 };
}
/** One touch event as the screen gives it to the browser (CDP), with the fingers at `points`. */
const touch = (cdp, type, points = []) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });

test('a prerendered page neither preloads the app nor loads it before its own load event', async () => {
  const { page } = site;
  const appRequests = [];
  page.on('request', (r) => {
    if (APP_FILE.test(new URL(r.url()).pathname)) appRequests.push(r.url());
  });
  await page.goto(`/bai-viet/${article.slug}`);
  const html = await (await page.request.get(`/bai-viet/${article.slug}`)).text();
  assert.doesNotMatch(html, /<link[^>]*\brel="?(modulepreload|preload)/, 'no preload of the app in the HTML');
  assert.match(
    html,
    /<meta name="bantin-app" data-offline="[^"]*\/offline-[0-9a-f]+\.js" data-offline-integrity="sha384-[^"]+" data-js="[^"]+\.js" data-wasm="[^"]+_bg\.wasm" data-split="[^"]+\.js" data-views="[^"]+\.wasm" data-deps="[^"]+">/,
  );
  assert.doesNotMatch(html, /<script[^>]*\bsrc=/, 'no script file in the markup: the offline script too waits for the load event');
  await appReady(page);
  const timing = await page.evaluate((pattern) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const app = performance.getEntriesByType('resource').filter((e) => new RegExp(pattern).test(new URL(e.name).pathname));
    return { loadStart: nav.loadEventStart, loadEnd: nav.loadEventEnd, appStarts: app.map((e) => e.startTime) };
  }, APP_FILE.source);
  assert.equal(timing.appStarts.length, 3, `the app's JS, wasm and loader: ${JSON.stringify(appRequests)}`);
  for (const start of timing.appStarts) assert.ok(start >= timing.loadEnd, `app file requested at ${start} ms, page loaded at ${timing.loadEnd} ms`);
  const offline = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/offline-[0-9a-f]+\.js$/.test(new URL(e.name).pathname)).map((e) => e.startTime));
  assert.equal(offline.length, 1, 'the offline script loads once');
  assert.ok(offline[0] >= timing.loadStart, `offline script requested at ${offline[0]} ms, the load event at ${timing.loadStart} ms`);
  // The app started and rendered nothing: the page is the one the build wrote, and
  // the views' module has not been loaded; its bytes are prefetched when the
  // browser is idle, at the lowest priority.
  assert.deepEqual(await viewsLoads(page), []);
  await waitUntil(async () => (await viewsPrefetches(page)).length === 1, { message: 'the views module prefetched when idle' });
  const prefetch = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => /\/bantin-views-/.test(r.name));
    return { start: e.startTime, appEnd: Math.max(...performance.getEntriesByType('resource').filter((r) => /\/bantin-app-/.test(r.name)).map((r) => r.responseEnd)) };
  });
  assert.ok(prefetch.start >= prefetch.appEnd, `the views prefetched (${prefetch.start} ms) after the app's files (${prefetch.appEnd} ms)`);
  assert.deepEqual(await viewsLoads(page), [], 'the prefetch does not load the views');
  assert.equal(await page.locator('#bt-static').count(), 1);
  assert.equal(await page.locator('#bt-app').count(), 0);
  site.assertNoErrors();
});

// A listing's images load as the reader scrolls (loading=lazy), so its load event
// can come before its first paint; what it asks for before that paint shares the
// network with it, and Lighthouse counts it in its wait for the page's paints.
test("a listing whose images wait for the scroll asks for the app's and offline files after its first paint", async () => {
  const { page } = site;
  const category = settings.categories[0];
  await page.goto(`/chuyen-muc/${category.slug}`);
  await appReady(page);
  const timing = await page.evaluate((pattern) => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const later = performance
      .getEntriesByType('resource')
      .filter((e) => new RegExp(pattern).test(new URL(e.name).pathname) || /\/offline-[0-9a-f]+\.js$/.test(e.name))
      .map((e) => ({ path: new URL(e.name).pathname, at: e.startTime }));
    return { paint: paint && paint.startTime, later };
  }, APP_FILE.source);
  assert.ok(timing.paint > 0, 'the page painted');
  assert.equal(timing.later.length, 4, `the app's three files and the offline script: ${JSON.stringify(timing.later)}`);
  assert.deepEqual(
    timing.later.filter((r) => r.at < timing.paint).map((r) => `${r.path} at ${Math.round(r.at)} ms`),
    [],
    `asked for before the first paint at ${Math.round(timing.paint)} ms`,
  );
  site.assertNoErrors();
});

// One file serves the search page for every query. Without one, the page is complete
// as it is: nothing of search or of the app shares the network with its first view,
// and the app, when it starts, does not draw it again. With one, the head asks for
// the search module and the index's meta.txt as it is read.
test('the search page without a query is an ordinary prerendered page that fetches the search module ahead when its box is focused; with one its head asks for it', { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({ baseURL: site.server.url, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    // The page's own markup, marked as it is parsed: a redraw would replace it.
    await page.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        const found = document.querySelector('#bt-static .bt-found');
        if (found) found.btBuilt = true;
      }),
    );
    await page.goto('/tim-kiem');
    await appReady(page);
    const timing = await page.evaluate((pattern) => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const all = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, at: e.startTime }));
      return {
        loadEnd: nav.loadEventEnd,
        paint: paint && paint.startTime,
        search: all.filter((e) => /^\/(data\/)?tim\//.test(e.path)).map((e) => e.path),
        app: all.filter((e) => new RegExp(pattern).test(e.path)),
      };
    }, APP_FILE.source);
    assert.deepEqual(timing.search, [], 'nothing of search before the reader searches');
    assert.equal(timing.app.length, 3, JSON.stringify(timing.app));
    for (const f of timing.app) assert.ok(f.at >= timing.loadEnd && f.at >= timing.paint, `${f.path} at ${f.at} ms: load ${timing.loadEnd} ms, first paint ${timing.paint} ms`);
    assert.equal(await page.evaluate(() => document.querySelector('#bt-static .bt-found').btBuilt), true, 'the page the build wrote, not drawn again');
    assert.equal(await page.locator('#bt-app').count(), 0);
    // A reader in its own box is about to search: the module's files and meta.txt
    // are fetched ahead, at the lowest priority, for the search's page load.
    const SEARCH_FILES = /\/tim\/(bantin_search\.js|bantin_search_bg\.wasm|meta\.txt)$/;
    const input = page.getByRole('searchbox', { name: 'Từ khóa' });
    await input.focus();
    await waitUntil(
      () => page.evaluate((p) => performance.getEntriesByType('resource').filter((e) => new RegExp(p).test(e.name) && e.responseEnd > 0).length === 3, SEARCH_FILES.source),
      { message: 'the search files fetched ahead on focus' },
    );
    // Its form searches (a page load), and the results come.
    await input.fill('tỉnh');
    await Promise.all([page.waitForURL(/\/tim-kiem\?q=t%E1%BB%89nh$/), input.press('Enter')]);
    await page.locator('.bt-found__hit').first().waitFor({ timeout: 20_000 });
    // With a query, the module's two files and meta.txt were asked for once each, as
    // the head was read (before the page script's start at DOMContentLoaded).
    const early = await page.evaluate(() => {
      const dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
      return performance
        .getEntriesByType('resource')
        .filter((e) => /\/tim\/(bantin_search\.js|bantin_search_bg\.wasm|meta\.txt)$/.test(e.name))
        .map((e) => `${new URL(e.name).pathname}${e.startTime < dcl ? '' : ` at ${e.startTime} ms, DOMContentLoaded at ${dcl} ms`}`)
        .sort();
    });
    assert.deepEqual(early, ['/data/tim/meta.txt', '/tim/bantin_search.js', '/tim/bantin_search_bg.wasm']);
    // ...from the HTTP cache, fetched ahead: the WebAssembly (76 KB) was not downloaded again.
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => /\/tim\/bantin_search_bg\.wasm$/.test(e.name)));
    assert.ok(wasm.transferSize < 2000, `the search WebAssembly's transfer: ${wasm.transferSize} B`);
  } finally {
    await context.close();
  }
  site.assertNoErrors();
});

// Home's document would take its HTML past a first round trip: the page names it
// (#bt-static[data-doc]) and the app fetches it when idle after its start, for the
// reader who comes back to home in the app.
test('home names its document; the app fetches it once, when idle, and coming back to home asks for nothing more', async () => {
  const { page } = site;
  const asked = [];
  const record = (r) => {
    if (new URL(r.url()).pathname === '/data/trang-chu.json') asked.push(r.url());
  };
  page.on('request', record);
  try {
    await page.goto('/');
    assert.equal(await page.locator('script#bt-data').count(), 0, 'no island on home');
    await appReady(page);
    await waitUntil(() => asked.length === 1, { message: () => `home's document fetched when idle (${asked.length})` });
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const doc = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/data/trang-chu.json'));
      return { paint: paint.startTime, doc: doc.startTime };
    });
    assert.ok(timing.doc > timing.paint, `asked for at ${timing.doc} ms, after the first paint at ${timing.paint} ms`);
    const home = readData('trang-chu.json');
    const first = home.lead ?? home.latest[0];
    await page.locator(`main a[href="/bai-viet/${first.slug}"]`).first().click();
    await h1(page, first.title);
    await page.goBack();
    await page.locator(`main a[href="/bai-viet/${first.slug}"]`).first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(asked.length, 1, 'home came back without another request');
  } finally {
    page.off('request', record);
  }
  site.assertNoErrors();
});

test('before the app starts, every control of a prerendered article works or is hidden', { timeout: 60_000 }, async () => {
  const { page, context } = site;
  // The app's files never arrive: everything below is the page on its own.
  await page.route(APP_FILE, () => {});
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
    window.__opened = [];
    window.open = (url) => window.__opened.push(url);
  });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/bai-viet/${article.slug}`);
  await page.waitForLoadState('load');
  assert.notEqual(await page.evaluate(() => window.__bantinReady), true, 'the app has not started');

  // Every visible button is the search form's submit or one the page script handles.
  const unhandled = await page.evaluate(() =>
    [...document.querySelectorAll('#bt-static button')]
      .filter((b) => b.offsetParent !== null)
      .filter((b) => !(b.type === 'submit' && b.form) && !b.matches('[data-bt-size],[data-bt-act],[data-bt-toggle],[data-bt-save],[data-bt-theme]'))
      .map((b) => b.outerHTML),
  );
  assert.deepEqual(unhandled, [], 'buttons nothing would handle');

  // The theme toggle works on the page alone.
  await page.getByRole('button', { name: 'Giao diện tối' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByRole('button', { name: 'Giao diện tối' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');

  // Text size: A+ twice, A− once; remembered across a reload, applied before paint.
  const body = page.locator('.bt-article');
  const size = () => body.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normal = await size();
  await page.getByRole('button', { name: /^A\+/ }).click();
  await page.getByRole('button', { name: /^A\+/ }).click();
  await page.getByRole('button', { name: /^A−/ }).click();
  assert.equal(await page.locator('.bt-textsize__value').innerText(), '115%');
  assert.ok((await size()) > normal * 1.1, 'the article text is larger');
  await page.reload();
  assert.equal(await page.locator('.bt-textsize__value').innerText(), '115%');
  assert.ok((await size()) > normal * 1.1, 'the size is remembered');
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: /^A\+/ }).click({ force: true });
  assert.ok(await page.getByRole('button', { name: /^A\+/ }).isDisabled(), 'A+ stops at the largest size');

  // Copy link, Zalo (no share sheet here: copies, then opens Zalo), print.
  const status = page.locator('.bt-tools__status');
  await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
  await waitUntil(async () => (await status.innerText()) === 'Đã sao chép liên kết', { message: 'copy status' });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url().split('#')[0]);
  await page.getByRole('button', { name: 'Chia sẻ Zalo' }).click();
  await waitUntil(async () => (await status.innerText()).startsWith('Đã sao chép liên kết. Hãy dán'), { message: 'zalo status' });
  assert.deepEqual(await page.evaluate(() => window.__opened), ['https://chat.zalo.me/']);
  await page.getByRole('button', { name: 'In bài viết' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  // The share sheet's button shows only where the browser has one (not here).
  const hasShare = await page.evaluate(() => !!navigator.share);
  assert.equal(await page.getByRole('button', { name: 'Chia sẻ…' }).isVisible(), hasShare);

  // The phone menu opens and closes.
  const toggle = page.locator('.bt-header__toggle');
  const menu = page.locator('#bt-menu');
  assert.equal(await menu.isVisible(), false);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await menu.isVisible(), 'the menu opens');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');

  // A link is an ordinary page load, and the search box a plain form.
  await page.locator('#bt-q').fill('lúa');
  await Promise.all([page.waitForURL(/\/tim-kiem\?q=l%C3%BAa/), page.locator('#bt-q').press('Enter')]);
});

test("the app renders its first view on the reader's first navigation, not before", async () => {
  const { page } = site;
  const related = article.related[0];
  await page.goto(`/bai-viet/${article.slug}`);
  await appReady(page);
  const link = page.locator(`.bt-related a[href$="/bai-viet/${related.slug}"]`).first();
  await link.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => Math.round(window.scrollY));
  assert.ok(y > 100, 'the related list is down the page');
  // Scrolling is reading on: the views' module loads when the browser is idle,
  // and renders nothing until the reader navigates.
  await waitUntil(async () => (await viewsLoads(page)).length === 1, { message: 'the views module loaded after the scroll' });
  await page.waitForTimeout(200);
  assert.equal(await page.locator('#bt-static').count(), 1, 'the prerendered page stays');
  assert.equal(await page.locator('#bt-app:not([hidden])').count(), 0, 'nothing rendered yet');
  const loads = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && loads.push(f.url()));
  await link.click();
  assert.equal(await h1(page, related.title), related.title);
  assert.equal((await viewsLoads(page)).length, 1, 'the views module, once');
  assert.deepEqual(loads.filter((u) => !u.includes('#')).length, 1, 'one history entry, no page load');
  assert.equal(await page.locator('#bt-static').count(), 0, 'the prerendered page is gone');
  assert.ok(await page.evaluate(() => document.activeElement?.tagName === 'H1'), 'focus on the new heading');
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0, 'the new view starts at the top');
  // Back: the first article again, where the reader was.
  await page.goBack();
  assert.equal(await h1(page, article.title), article.title);
  await waitUntil(async () => Math.abs((await page.evaluate(() => window.scrollY)) - y) < 50, { message: `scroll restored to ${y}` });
  site.assertNoErrors();
});

test('an article is prefetched on touch and the navigation makes no second request', async () => {
  const context = await phone();
  try {
    const page = await context.newPage();
    const seen = articleRequests(page);
    await page.goto(`/bai-viet/${article.slug}`);
    await appReady(page);
    const link = page.locator('.bt-related a[href*="/bai-viet/"]').last();
    const slug = (await link.getAttribute('href')).split('/').pop();
    const json = `/data/bai-viet/${slug}.json`;
    await link.scrollIntoViewIfNeeded();
    await link.dispatchEvent('touchstart');
    await waitUntil(() => seen.includes(json), { message: `prefetch of ${json}: ${JSON.stringify(seen)}` });
    await link.tap();
    const title = readData(`bai-viet/${slug}.json`).title;
    assert.equal(await h1(page, title), title);
    assert.equal(seen.filter((p) => p === json).length, 1, `one request for ${json}: ${JSON.stringify(seen)}`);
  } finally {
    await context.close();
  }
});

test('a tap on a link is followed at its touchend; a finger that moves or a long press is left to the browser', async () => {
  const context = await phone();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`/bai-viet/${article.slug}`);
    await appReady(page);
    // What the page's own listeners see: whether each touchend was cancelled, and
    // the clicks and mouse events the browser made (isTrusted) or the app made.
    await page.evaluate(() => {
      const seen = (window.__taps = { ends: [], trusted: [], clicks: 0 });
      document.addEventListener('touchend', (e) => seen.ends.push(e.defaultPrevented));
      for (const type of ['mousedown', 'click']) {
        document.addEventListener(type, (e) => {
          if (e.isTrusted) seen.trusted.push(type);
          if (type === 'click') seen.clicks++;
        }, true);
      }
    });
    const taps = () => page.evaluate(() => window.__taps);
    const link = page.locator('.bt-related a[href*="/bai-viet/"]').first();
    const slug = (await link.getAttribute('href')).split('/').pop();
    const title = readData(`bai-viet/${slug}.json`).title;
    await link.scrollIntoViewIfNeeded();
    const center = () => tapPoint(link);
    // A finger that moves off its place on the link (the start of a scroll): not a tap.
    let { x, y } = await center();
    await touch(cdp, 'touchStart', [{ x, y }]);
    await touch(cdp, 'touchMove', [{ x, y: y - 30 }]);
    await touch(cdp, 'touchEnd');
    await page.waitForTimeout(400);
    // A long press (longer than the app's 350 ms, shorter than the browser's menu
    // at 500 ms): the browser's, which makes a click of it.
    ({ x, y } = await center());
    await touch(cdp, 'touchStart', [{ x, y }]);
    await page.waitForTimeout(400);
    await touch(cdp, 'touchEnd');
    await page.waitForTimeout(400);
    let seen = await taps();
    assert.deepEqual(seen.ends, [false, false], 'neither touchend cancelled');
    if (seen.clicks === 0) assert.notEqual(await page.locator('h1').first().textContent(), title, 'no navigation without a click');
    // A tap: followed at its touchend, which is cancelled, so the browser makes no
    // mouse events and no click of its own; the app navigates without a page load.
    if (seen.clicks > 0) {
      await page.goBack();
      await h1(page, article.title);
      await page.evaluate(() => { window.__taps.ends = []; window.__taps.trusted = []; window.__taps.clicks = 0; });
    }
    await link.scrollIntoViewIfNeeded();
    const loads = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && loads.push(f.url()));
    ({ x, y } = await center());
    await touch(cdp, 'touchStart', [{ x, y }]);
    await page.waitForTimeout(80);
    await touch(cdp, 'touchEnd');
    assert.equal(await h1(page, title), title);
    seen = await taps();
    assert.equal(seen.ends.at(-1), true, 'the tap\'s touchend cancelled');
    assert.deepEqual(seen.trusted, [], 'no mouse events or click from the browser');
    assert.equal(seen.clicks, 1, 'one click: the app\'s');
    assert.equal(loads.length, 1, 'one history entry, no page load');
    assert.ok(await page.evaluate(() => document.activeElement?.tagName === 'H1'), 'focus on the new heading');
  } finally {
    await context.close();
  }
});

test('an article touched while its document is prefetched is built ahead: the tap shows it at once, whole, and a touch that was no tap changes nothing', async () => {
  const context = await phone();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const seen = articleRequests(page);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`/bai-viet/${article.slug}`);
    await appReady(page);
    const hrefs = [...new Set(await page.locator('.bt-related a[href*="/bai-viet/"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href'))))];
    assert.ok(hrefs.length >= 2, 'two related articles');
    const [a, b] = hrefs.slice(0, 2).map((h) => page.locator(`.bt-related a[href="${h}"]`).first());
    const slugB = hrefs[1].split('/').pop();
    const docB = readData(`bai-viet/${slugB}.json`);
    // The reader scrolls to the related list: the views' module loads and the frame
    // is drawn ahead; the links in view are prefetched.
    await b.scrollIntoViewIfNeeded();
    await page.locator('html[data-bt-ahead]').waitFor({ state: 'attached' });
    // What the page shows meanwhile: a loading bar would mean the view was loaded
    // and built after the tap, not before.
    await page.evaluate(() => {
      const w = (window.__ahead = { progress: 0, views: 0 });
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && (n.matches('.bt-progress') || n.querySelector('.bt-progress'))) w.progress++;
      }).observe(document, { subtree: true, childList: true });
      document.addEventListener('bantin:view', () => w.views++);
    });
    // A touch on A that becomes a scroll: A is built ahead, never shown.
    let p = await tapPoint(a);
    await touch(cdp, 'touchStart', [p]);
    await page.waitForTimeout(300);
    await touch(cdp, 'touchMove', [{ x: p.x, y: p.y - 40 }]);
    await touch(cdp, 'touchEnd');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('h1').first().textContent(), article.title, 'still the first article');
    // A tap on B, held long enough for its view to be built.
    await b.scrollIntoViewIfNeeded();
    await waitUntil(() => seen.includes(`/data/bai-viet/${slugB}.json`), { message: `prefetch of ${slugB}` });
    p = await tapPoint(b);
    await touch(cdp, 'touchStart', [p]);
    await page.waitForTimeout(300);
    await touch(cdp, 'touchEnd');
    assert.equal(await h1(page, docB.title), docB.title);
    const w = await page.evaluate(() => window.__ahead);
    assert.equal(w.progress, 0, 'no loading bar: the view was there when the finger lifted');
    assert.equal(seen.filter((x) => x === `/data/bai-viet/${slugB}.json`).length, 1, `one request for ${slugB}: ${JSON.stringify(seen)}`);
    // The view, whole: its title, the focus on its heading, the top of the page,
    // and its parts drawn after the first frame (its body and related list).
    await waitUntil(async () => (await page.title()).startsWith(docB.title), { message: `document title ${await page.title()}` });
    assert.ok(await page.evaluate(() => document.activeElement?.tagName === 'H1'), 'focus on the new heading');
    assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0, 'the new view starts at the top');
    await waitUntil(() => page.evaluate(() => window.__ahead.views === 1), { message: 'the view announced once' });
    if (docB.related?.length) await page.locator('.bt-related a[href*="/bai-viet/"]').first().waitFor();
    assert.equal(await page.locator('main h1').count(), 1);
    // Back: the first article again.
    await page.goBack();
    assert.equal(await h1(page, article.title), article.title);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
});

test('a pointer resting on a link has the app draw its frame ahead, out of the document; a touch does not; the click then shows the article', async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${article.slug}`);
  await appReady(page);
  const title = await page.title();
  const related = article.related[0];
  // A link of the first screen (the breadcrumb's category): nothing scrolls, since
  // the reader's first scroll draws the frame too (the next test).
  const near = page.locator('#bt-static .bt-crumbs a[href*="/chuyen-muc/"]').first();
  // A touch prefetches but draws nothing: the click follows within the press.
  await near.dispatchEvent('touchstart');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bt-ahead')), false, 'no frame drawn on a touch');
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0, 'nothing scrolled');
  await near.hover();
  await page.locator('html[data-bt-ahead]').waitFor({ state: 'attached' });
  // Nothing on screen changed: the page, its title, its place; the frame waits out of
  // the document (the page keeps the only elements with its ids).
  assert.equal(await page.locator('#bt-static').count(), 1);
  assert.equal(await page.locator('#bt-app').count(), 0);
  assert.equal(await page.locator('#bt-q').count(), 1, 'one search box');
  assert.equal(await page.title(), title);
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0);
  const link = page.locator(`.bt-related a[href$="/bai-viet/${related.slug}"]`).first();
  await link.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => Math.round(window.scrollY));
  const loads = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && loads.push(f.url()));
  await link.click();
  assert.equal(await h1(page, related.title), related.title);
  assert.equal(loads.length, 1, 'one history entry, no page load');
  assert.equal(await page.locator('#bt-static').count(), 0);
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0, 'the new view starts at the top');
  await page.goBack();
  assert.equal(await h1(page, article.title), article.title);
  await waitUntil(async () => Math.abs((await page.evaluate(() => window.scrollY)) - y) < 50, { message: `scroll restored to ${y}` });
  site.assertNoErrors();
});

test("the reader's first scroll has the app draw its frame ahead, out of the document, and nothing on screen changes", async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${article.slug}`);
  await appReady(page);
  const title = await page.title();
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bt-ahead')), false, 'no frame before the scroll');
  await page.evaluate(() => {
    window.__views = 0;
    document.addEventListener('bantin:view', () => window.__views++);
  });
  await page.mouse.wheel(0, 600);
  await page.locator('html[data-bt-ahead]').waitFor({ state: 'attached' });
  const y = await page.evaluate(() => window.scrollY);
  // The article view is then rehearsed out of the document (src/pages/mod.rs,
  // rehearse): it neither scrolls, nor moves the focus, nor announces a view.
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.scrollY), y, 'the page stays where the reader scrolled');
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'the focus stays');
  assert.equal(await page.evaluate(() => window.__views), 0, 'no view announced');
  assert.equal(await page.locator('#bt-static').count(), 1, 'the prerendered page stays');
  assert.equal(await page.locator('#bt-app').count(), 0, 'the frame is out of the document');
  assert.equal(await page.locator('#bt-q').count(), 1, 'one search box');
  assert.equal(await page.title(), title);
  assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the page scrolled');
  site.assertNoErrors();
});

test('the skip link moves the focus to the content, before and after the app has drawn its frame ahead', async () => {
  const { page } = site;
  const url = `/bai-viet/${article.slug}`;
  for (const ahead of [false, true]) {
    await page.goto(url);
    await appReady(page);
    if (ahead) {
      // Keyboard focus on a link is an intent too: the frame is drawn, hidden.
      await page.locator('main a[href*="/bai-viet/"]').first().focus();
      await page.locator('html[data-bt-ahead]').waitFor({ state: 'attached' });
    }
    // The page's <base href> must not turn "#noi-dung" into a link to the home page.
    await page.locator('#bt-static .bt-skip').focus();
    await page.keyboard.press('Enter');
    await waitUntil(() => page.evaluate(() => document.activeElement?.id === 'noi-dung' && !!document.activeElement.closest('#bt-static')), {
      message: `focus on the prerendered main content (${ahead ? 'after' : 'before'} the frame)`,
    });
    assert.equal(new URL(page.url()).pathname, url, 'the same page');
    assert.equal(new URL(page.url()).hash, '#noi-dung');
    assert.equal(await page.locator('#bt-static').count(), 1, 'the page stays');
  }
  site.assertNoErrors();
});

test('hover prefetches after a short pause; links in view when idle; at most six a view', async () => {
  const { page } = site;
  const seen = articleRequests(page);
  await page.goto('/moi-nhat');
  await appReady(page);
  // Idle: the first few article links in the viewport.
  await waitUntil(() => seen.length >= 1, { message: 'idle prefetch of links in view' });
  const links = page.locator('main a[href*="/bai-viet/"]');
  const n = await links.count();
  for (let i = 0; i < n; i++) {
    await links.nth(i).hover();
    await page.waitForTimeout(120);
  }
  await page.waitForTimeout(300);
  assert.ok(new Set(seen).size <= 6, `at most six documents per view: ${seen.length}`);
  assert.ok(new Set(seen).size >= 4, `hovering prefetched: ${JSON.stringify(seen)}`);
});

test('scrolling prefetches the article links it brings into view, within the cap', async () => {
  const { page } = site;
  const seen = articleRequests(page);
  await page.goto(`/bai-viet/${article.slug}`);
  await appReady(page);
  await page.waitForTimeout(300);
  const before = new Set(seen);
  const link = page.locator('.bt-related a[href*="/bai-viet/"]').first();
  const json = `/data/bai-viet/${(await link.getAttribute('href')).split('/').pop()}.json`;
  assert.ok(!before.has(json), `${json} is not prefetched before it is in view`);
  await link.evaluate((a) => a.scrollIntoView({ block: 'start' }));
  await waitUntil(() => seen.includes(json), { message: `prefetch of ${json} once in view: ${JSON.stringify(seen)}` });
  // Scrolling on through the page never passes the cap of six a view.
  for (let y = 0; y < 6; y++) {
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(250);
  }
  assert.ok(new Set(seen).size <= 6, `at most six documents per view: ${JSON.stringify(seen)}`);
  site.assertNoErrors();
});

test('nothing is prefetched under Save-Data', async () => {
  const { page } = site;
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) });
  });
  const seen = articleRequests(page);
  await page.goto('/moi-nhat');
  await appReady(page);
  const link = page.locator('main a[href*="/bai-viet/"]').first();
  await link.hover();
  await link.dispatchEvent('touchstart');
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(600);
  assert.deepEqual(seen, []);
  assert.deepEqual(await viewsPrefetches(page), [], 'nor the views module');
});

// Collects every layout shift from the start of the page's life, with what a failure
// needs to be understood: each moved node's rectangle before and after (x, y, width),
// when it moved, the first paint, and whether the app had started.
const OBSERVE = `window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__shifts.push({ value: e.value, input: e.hadRecentInput, nodes: (e.sources || []).map((s) => s.node && (s.node.className || s.node.nodeName)), rects: (e.sources || []).map((s) => [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.currentRect.x, s.currentRect.y, s.currentRect.width].map(Math.round)), at: Math.round(e.startTime), fcp: Math.round((performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime), ready: window.__bantinReady === true });
}).observe({ type: 'layout-shift', buffered: true });`;

const PAGES = [
  ['home', '/'],
  ['article', `/bai-viet/${article.slug}`],
  ['category', `/chuyen-muc/${settings.categories[0].slug}`],
  // The search page starts the app at once, which writes the results into it.
  ['search', '/tim-kiem?q=t%E1%BB%89nh'],
];

for (const viewport of [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
]) {
  test(`nothing moves from the first paint through the app's start at ${viewport.width} px (CLS 0)`, { timeout: 90_000 }, async () => {
    const context = await site.browser.newContext({ baseURL: site.server.url, viewport, locale: 'vi-VN', serviceWorkers: 'block' });
    try {
      await context.addInitScript(OBSERVE);
      const page = await context.newPage();
      for (const [name, url] of PAGES) {
        await page.goto(url);
        await appReady(page);
        if (name === 'search') {
          await waitUntil(async () => (await page.locator('.bt-found__hit').count()) > 0, { message: 'the results are written into the search page' });
        }
        // Two frames after, so a shift would be recorded.
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

// HTML arrives in pieces on a slow network, and the browser paints what it has. A
// header painted in part moved when its rest came: its last controls (the language
// switcher, the theme and menu buttons) narrow the site's name, which wraps again, or
// push the search box along its row.
test('a header that arrives in two pieces does not move when its rest comes (CLS 0)', { timeout: 60_000 }, async () => {
  const html = await (await fetch(`${site.server.url}/`)).text();
  const form = html.indexOf('class="bt-search"');
  const cut = form < 0 ? -1 : html.indexOf('</form>', form) + '</form>'.length;
  assert.ok(cut > 0 && cut < html.indexOf('</header>'), "home's header has its search box before its other controls");
  // Home's HTML cut after the header's search box, the rest 600 ms later; every
  // other file from the site's server.
  const proxy = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.write(html.slice(0, cut));
      setTimeout(() => res.end(html.slice(cut)), 600);
      return;
    }
    http
      .get(`${site.server.url}${req.url}`, { headers: { 'accept-encoding': req.headers['accept-encoding'] ?? '' } }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      })
      .on('error', () => res.destroy());
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      const context = await site.browser.newContext({ viewport, locale: 'vi-VN', serviceWorkers: 'block' });
      try {
        await context.addInitScript(OBSERVE);
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${proxy.address().port}/`);
        // The paint's entry comes when the frame is presented, which a busy machine
        // delays past the next frames: wait for it, then two frames more.
        await waitUntil(() => page.evaluate(() => performance.getEntriesByName('first-contentful-paint').length === 1), {
          message: 'the first contentful paint',
        });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const shifts = await page.evaluate(() => window.__shifts);
        const cls = shifts.filter((s) => !s.input).reduce((sum, s) => sum + s.value, 0);
        assert.equal(cls, 0, `home at ${viewport.width} px: ${JSON.stringify(shifts)}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
});

test('touching or focusing a link starts loading the views module before the click', async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${article.slug}`);
  await appReady(page);
  assert.deepEqual(await viewsLoads(page), []);
  // Keyboard: focus on a link to one of the app's views is an intent.
  await page.locator(`.bt-related a[href$="/bai-viet/${article.related[0].slug}"]`).first().focus();
  await waitUntil(async () => (await viewsLoads(page)).length === 1, { message: 'the views module requested on focus' });
  site.assertNoErrors();
});

test('when the views module cannot be loaded, the click is an ordinary page load', async () => {
  const { page } = site;
  const related = article.related[0];
  await page.route(VIEWS_FILE, (route) => route.abort('internetdisconnected'));
  await page.goto(`/bai-viet/${article.slug}`);
  await appReady(page);
  const loads = [];
  page.on('load', () => loads.push(page.url()));
  await page.locator(`.bt-related a[href$="/bai-viet/${related.slug}"]`).first().click();
  await waitUntil(() => loads.some((u) => u.endsWith(`/bai-viet/${related.slug}`)), { message: 'a page load of the related article' });
  assert.equal(await h1(page, related.title), related.title);
  // The page the server sent: prerendered, complete, and the app waiting again.
  assert.equal(await page.locator('#bt-static').count(), 1);
  site.assertNoErrors({ allow: [/^Failed to load resource/, /^TypeError: Failed to fetch/, /^TypeError/] });
});

test("a page the app draws at once says so when the views module cannot be loaded, with a way to try again", async () => {
  const { page } = site;
  let fail = true;
  await page.route(VIEWS_FILE, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/da-luu');
  const alert = page.getByRole('alert').filter({ hasText: 'Không tải được nội dung' });
  await alert.waitFor();
  const retry = alert.getByRole('link', { name: 'Thử lại' });
  fail = false;
  await retry.click();
  await h1(page, 'Bài đã lưu');
  site.assertNoErrors({ allow: [/^Failed to load resource/, /^TypeError/] });
});
