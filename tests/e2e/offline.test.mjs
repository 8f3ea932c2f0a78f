// Offline reading (issue 14): the service worker, "Lưu bài" and /da-luu, the
// offline view, the web app manifest, and a new deploy taking over.
//
// Every test uses a Chromium persistent context (a real profile folder: the
// service worker, its caches and localStorage survive a browser restart, and
// installability can be checked, which incognito contexts refuse) and serves
// its own copy of BANTIN_DIST with `bantin serve`, so the deploy test can
// rebuild the copy in place. "Offline" is Playwright's context.setOffline(true).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BANTIN_BIN, CHROMIUM_ARGS, DIST, ROOT, allArticles, axeViolations, h1, startServer, waitUntil } from './helpers.mjs';

const OFFLINE_TITLE = 'Bạn đang ngoại tuyến';
const articles = allArticles().sort((a, b) => a.slug.localeCompare(b.slug));
const withCover = articles.find((a) => a.cover?.image?.src?.startsWith('/anh/')) ?? articles[0];
const [a1, a2, never] = articles.filter((a) => a.slug !== withCover.slug);

let tmp, out, server;
const profiles = [];

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-offline-'));
  out = path.join(tmp, 'dist');
  cpSync(DIST, out, { recursive: true });
  server = await startServer(out);
});

after(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** A persistent context on `dir` (a new profile when not given). */
async function open(dir) {
  dir ??= mkdtempSync(path.join(tmp, 'profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: server.url,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  const errors = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
  return { context, page, dir, errors };
}

/** Waits until the page is controlled by the service worker. */
async function controlled(page) {
  await waitUntil(() => page.evaluate(() => !!navigator.serviceWorker.controller), {
    timeout: 20_000,
    message: 'the service worker controls the page',
  });
}

/** True once the page `route` is in one of the worker's page caches. */
const pageCached = (page, route) =>
  page.evaluate(async (r) => {
    for (const k of await caches.keys()) {
      if (k.startsWith('bantin-trang') && (await (await caches.open(k)).match(new URL(r, location.href).href))) return true;
    }
    return false;
  }, route);

test('visited articles read offline; an article never visited shows the offline view', { timeout: 120_000 }, async () => {
  const { context, page, errors } = await open();
  try {
    await page.goto(`/bai-viet/${a1.slug}`);
    await h1(page, a1.title);
    await controlled(page);
    // The first page, shown before the worker existed, is kept too.
    await waitUntil(() => pageCached(page, `/bai-viet/${a1.slug}`), { message: 'the first page cached' });
    await page.goto(`/bai-viet/${a2.slug}`);
    await h1(page, a2.title);
    await waitUntil(() => pageCached(page, `/bai-viet/${a2.slug}`), { message: 'the second page cached' });

    await context.setOffline(true);
    await page.reload();
    assert.equal(await h1(page, a2.title), a2.title);
    await page.goto(`/bai-viet/${a1.slug}`);
    assert.equal(await h1(page, a1.title), a1.title);
    // Styles came from the precache: the header has the brand colour.
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.querySelector('.bt-header')).backgroundColor),
      'rgb(159, 28, 28)',
    );

    await page.goto(`/bai-viet/${never.slug}`);
    await h1(page, OFFLINE_TITLE);
    await page.getByRole('button', { name: 'Thử lại' }).waitFor();
    // The recently read articles are offered (once the app has drawn the lists).
    for (const a of [a1, a2]) await page.getByRole('link', { name: a.title, exact: true }).first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the offline view with its lists');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the English section has a worker of its own: its articles read offline with the root\'s images and app', { timeout: 120_000 }, async () => {
  const dir = path.join(out, 'en/data/bai-viet');
  const en = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  const withImage = en.find((a) => a.cover?.image?.src?.startsWith('/anh/'));
  const other = en.find((a) => a.slug !== withImage.slug);
  const { context, page, errors } = await open();
  try {
    await page.goto(`/en/bai-viet/${withImage.slug}`);
    await h1(page, withImage.title);
    await controlled(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.ok(scope.endsWith('/en/'), scope);
    await waitUntil(() => pageCached(page, `/en/bai-viet/${withImage.slug}`), { message: 'the page cached' });

    await context.setOffline(true);
    await page.reload();
    assert.equal(await h1(page, withImage.title), withImage.title);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    // The cover (a root image) and the styles (root app files) came from the caches.
    await waitUntil(() => page.locator('.bt-article img').first().evaluate((i) => i.complete && i.naturalWidth > 0), {
      message: 'the cover shows offline',
    });
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.querySelector('.bt-header')).backgroundColor),
      'rgb(159, 28, 28)',
    );
    await page.goto(`/en/bai-viet/${other.slug}`);
    await h1(page, 'You are offline');
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the English offline view');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a saved article reads offline with its images after a browser restart; /da-luu lists and removes it', { timeout: 150_000 }, async () => {
  let { context, page, dir, errors } = await open();
  const url = `/bai-viet/${withCover.slug}`;
  try {
    await page.goto(url);
    await h1(page, withCover.title);
    await controlled(page);
    const button = page.locator('[data-bt-save]');
    await button.waitFor({ state: 'visible' });
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    assert.equal((await button.innerText()).trim(), 'Lưu bài');
    await button.click();
    await waitUntil(async () => (await button.getAttribute('aria-pressed')) === 'true', { message: 'saved' });
    assert.equal((await button.innerText()).trim(), 'Đã lưu');

    await page.goto('/da-luu');
    await h1(page, 'Bài đã lưu');
    await page.getByRole('link', { name: withCover.title, exact: true }).waitFor();
    await waitUntil(async () => /^Đang dùng \d+,\d MB$/.test(await page.locator('[data-bt-storage]').innerText()), {
      message: 'storage used shown',
    });
    // Only the saved copy is left: the worker's own page, data and image caches go.
    await page.evaluate(async () => {
      for (const k of await caches.keys()) if (!k.startsWith('bantin-luu') && !k.startsWith('bantin-vo-')) await caches.delete(k);
    });
  } finally {
    await context.close();
  }

  ({ context, page, errors } = await open(dir));
  try {
    await context.setOffline(true);
    await page.goto(url);
    await h1(page, withCover.title);
    const images = page.locator('article img');
    assert.ok((await images.count()) > 0, 'the article has images');
    await waitUntil(
      () => page.evaluate(() => [...document.querySelectorAll('article > figure img, .bt-article__body img')].every((i) => i.complete && i.naturalWidth > 0)),
      { message: 'every image of the saved article shown offline' },
    );
    await context.setOffline(false);

    await page.goto('/da-luu');
    await page.getByRole('link', { name: withCover.title, exact: true }).waitFor();
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Xóa tất cả' }).click();
    await page.getByText('Bạn chưa lưu bài nào.', { exact: false }).waitFor();
    assert.equal(await page.evaluate(() => caches.has('bantin-luu')), false);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('/da-luu and the offline view pass axe, empty and with lists', { timeout: 90_000 }, async () => {
  const { context, page } = await open();
  try {
    for (const route of ['/da-luu', '/ngoai-tuyen']) {
      await page.goto(route);
      await h1(page);
      assert.deepEqual(await axeViolations(page), [], `axe on ${route} (empty)`);
    }
    await page.evaluate(
      ([a, b]) => {
        const e = (x) => ({ slug: x.slug, title: x.title, date: x.published, url: `/bai-viet/${x.slug}` });
        localStorage.setItem('bantin:da-luu', JSON.stringify([e(a)]));
        localStorage.setItem('bantin:gan-day', JSON.stringify([e(b), e(a)]));
      },
      [a1, a2],
    );
    await page.goto('/da-luu');
    await page.getByRole('button', { name: new RegExp(`^Xóa ${a1.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on /da-luu with a saved article');
    await page.goto('/ngoai-tuyen');
    await page.getByRole('link', { name: a2.title, exact: true }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the offline view with lists');
  } finally {
    await context.close();
  }
});

test('the manifest has no installability errors', { timeout: 60_000 }, async () => {
  const { context, page } = await open();
  try {
    await page.goto('/');
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const m = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(m.start_url, '/');
    assert.equal(m.display, 'standalone');
    for (const icon of m.icons) {
      const png = Buffer.from(await (await fetch(`${server.url}/${icon.src}`)).arrayBuffer());
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    }
  } finally {
    await context.close();
  }
});

test('a new deploy takes over on the next navigation without a broken page', { timeout: 150_000 }, async () => {
  const { context, page, errors } = await open();
  const build = () => page.evaluate(() => document.querySelector('meta[name="bantin-build"]').content);
  try {
    await page.goto(`/bai-viet/${a1.slug}`);
    await h1(page, a1.title);
    await controlled(page);
    const old = await build();
    await waitUntil(() => page.evaluate((b) => caches.has(`bantin-vo-${b}`), old), { message: 'the precache' });

    // A new deploy: the app's stylesheet gets a new hashed name (the old one is
    // deleted), so the shell and the build id change; the build tool runs again.
    const css = readdirSync(out).find((f) => /^main-[0-9a-f]+\.css$/.test(f));
    const renamed = css.replace(/-([0-9a-f]+)\.css$/, (_, h) => `-${[...h].reverse().join('')}.css`);
    renameSync(path.join(out, css), path.join(out, renamed));
    const shell = path.join(out, 'app.html');
    writeFileSync(shell, readFileSync(shell, 'utf8').replaceAll(css, renamed));
    execFileSync(BANTIN_BIN, ['build', '--content', path.join(ROOT, 'content'), '--out', out], { cwd: ROOT, stdio: 'pipe' });

    // A page of the old build finds the new worker, which installs and waits:
    // that page never lets it take over (its files are the old build's).
    const waiting = () => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await waitUntil(waiting, { timeout: 20_000, message: 'the new worker installed and waiting' });
    await page.waitForTimeout(3000);
    assert.ok(await waiting(), 'still waiting under a page of the old build');

    // Next navigation: the old worker answers it from the network, so the page
    // names the new build. The browser finds the new worker; once installed, and
    // once the page has loaded and gone quiet (about 2 s), the page lets it take over.
    await page.goto(`/bai-viet/${a2.slug}`);
    await h1(page, a2.title);
    const now = await build();
    assert.notEqual(now, old);
    await waitUntil(
      () => page.evaluate(async ([o, n]) => (await caches.has(`bantin-vo-${n}`)) && !(await caches.has(`bantin-vo-${o}`)), [old, now]),
      { timeout: 30_000, message: 'the new build cached, the old one removed' },
    );
    await controlled(page);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.querySelector('.bt-header')).backgroundColor),
      'rgb(159, 28, 28)',
    );
    assert.equal(await page.locator('#bt-stale').count(), 0, 'no stale-deploy notice');
    // The next page is whole, and offline the new build's pages still read.
    await page.goto(`/bai-viet/${never.slug}`);
    await h1(page, never.title);
    assert.equal(await build(), now);
    await context.setOffline(true);
    await page.reload();
    await h1(page, never.title);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('turned off in site.toml, the worker clears the caches and unregisters, and pages register none', { timeout: 120_000 }, async () => {
  const { context, page } = await open();
  try {
    await page.goto(`/bai-viet/${a1.slug}`);
    await controlled(page);
    // The operator turns offline reading off and rebuilds.
    const content = path.join(tmp, 'content-off');
    cpSync(path.join(ROOT, 'content'), content, { recursive: true });
    writeFileSync(path.join(content, 'site.toml'), `${readFileSync(path.join(content, 'site.toml'), 'utf8')}\n[offline]\nenabled = false\n`);
    execFileSync(BANTIN_BIN, ['build', '--content', content, '--out', out], { cwd: ROOT, stdio: 'pipe' });

    await page.goto(`/bai-viet/${a2.slug}`);
    await h1(page, a2.title);
    await waitUntil(
      () =>
        page.evaluate(async () => !(await navigator.serviceWorker.getRegistration()) && !(await caches.keys()).some((k) => k.startsWith('bantin-'))),
      { timeout: 20_000, message: 'the worker gone and the caches cleared' },
    );
    await page.goto(`/bai-viet/${a1.slug}`);
    await h1(page, a1.title);
    assert.equal(await page.locator('meta[name="bantin-offline"][content="off"]').count(), 1);
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())), false, 'no new registration');
    assert.equal(
      await page.locator('[data-bt-save]').isVisible(),
      false,
      await page.evaluate(() => `no save button: ${document.documentElement.className} ${document.querySelector('[data-bt-save]').outerHTML}`),
    );
  } finally {
    await context.close();
  }
});
