// Shared harness for bantin's end-to-end tests (node --test + playwright-core).
//
// Each test file calls `useSite()` once at top level. That registers hooks which:
//   - start `target/tool/bantin serve dist --port <free port> --quiet` before the
//     file's tests and stop it after them;
//   - launch Debian's chromium (never a downloaded browser) with the flags this
//     closed network needs;
//   - give every test a fresh browser context and page, and collect the page's
//     console errors and uncaught exceptions so the test can assert there were none.
//
// Environment overrides: BANTIN_BIN (the server binary), BANTIN_DIST (the built site),
// CHROMIUM (the browser), E2E_TIMEZONE (the browser's time zone; not Vietnam's on
// purpose, so dates must be shown in Vietnam time whatever the reader's clock says).

import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.resolve(process.env.BANTIN_DIST ?? path.join(ROOT, 'dist'));
export const BANTIN_BIN = process.env.BANTIN_BIN ?? path.join(ROOT, 'target/tool/bantin');
export const SITE_NAME = 'Cổng Thông tin điện tử tỉnh Hòa Lâm';
export const NOT_FOUND = 'Không tìm thấy trang';
/** The separator between a view's title and the site's name in document.title. */
export const TITLE_SEP = ' – ';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Content types by extension, for the small static servers of the tests and the bench. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// ------------------------------------------------------------------ small utilities

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `fn` until it returns a truthy value (which is returned).
 * On timeout, fails with `message` (a string, or a function giving one, evaluated
 * then) and the last value or error seen.
 */
export async function waitUntil(fn, { timeout = 10_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      const what = typeof message === 'function' ? await message() : message;
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(interval);
  }
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return '/usr/bin/chromium';
}

/** A free TCP port on the loopback interface. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------ the site's data

/** Reads a JSON document the build wrote under dist/data/. */
export function readData(rel) {
  const file = path.join(DIST, 'data', rel);
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function dataExists(rel) {
  return existsSync(path.join(DIST, 'data', rel));
}

/** Every article document in dist/data/bai-viet/, parsed. */
export function allArticles() {
  const dir = path.join(DIST, 'data', 'bai-viet');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, size: statSync(path.join(dir, f)).size, ...readData(`bai-viet/${f}`) }));
}

/** "dd/mm/yyyy HH:MM" of an RFC 3339 instant, in Vietnam time (UTC+7, no DST). */
export function vnDateTime(rfc3339) {
  const ms = Date.parse(rfc3339);
  assert.ok(!Number.isNaN(ms), `not a date: ${rfc3339}`);
  const d = new Date(ms + 7 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** A category with at least `pages` pages of listing, with its first listing page. */
export function categoryWithPages(pages = 2) {
  const site = readData('site.json');
  for (const c of site.categories) {
    if (!dataExists(`chuyen-muc/${c.slug}/1.json`)) continue;
    const first = readData(`chuyen-muc/${c.slug}/1.json`);
    if (first.page_count >= pages) return { ...c, listing: first };
  }
  throw new Error(`the sample content has no category with ${pages}+ pages of articles`);
}

// ------------------------------------------------------------------ server and browser

/** Starts `bantin serve` for `root` (default: the built site) on a free loopback port; resolves once it answers. */
export async function startServer(root = DIST) {
  assert.ok(existsSync(BANTIN_BIN), `${BANTIN_BIN} is missing: run \`make site\` first`);
  assert.ok(existsSync(path.join(root, 'index.html')), `${root}/index.html is missing: run \`make site\` first`);
  const port = await freePort();
  const child = spawn(BANTIN_BIN, ['serve', root, '--port', String(port), '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (exited) throw new Error(`bantin serve exited early (${JSON.stringify(exited)}): ${output}`);
      const res = await fetch(`${url}/`);
      return res.ok;
    },
    { timeout: 15_000, interval: 100, message: `bantin serve on ${url}` },
  ).catch((err) => {
    child.kill('SIGKILL');
    throw err;
  });

  return {
    url,
    port,
    output: () => output,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exit;
        clearTimeout(timer);
      }
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Messages Chromium itself logs for any HTTP error answer (404, 500): not the app's errors. */
export const NETWORK_ERROR = /^Failed to load resource: /;

/**
 * Registers the hooks described at the top of this file and returns an object whose
 * `page`, `context`, `server` and `browser` are set while a test runs.
 *
 * options.viewport: the page size (default 1280x800).
 */
export function useSite({ viewport = { width: 1280, height: 800 }, root = DIST, ...contextOptions } = {}) {
  const site = {
    server: null,
    browser: null,
    context: null,
    page: null,
    /** Console errors and uncaught exceptions of the current test's pages. */
    errors: [],
    url: (p = '/') => `${site.server.url}${p}`,
    /**
     * Fails if the page logged an error or threw. `allow` lists regexps of console
     * messages that are expected in this test (e.g. NETWORK_ERROR for a deliberate 500).
     */
    assertNoErrors({ allow = [] } = {}) {
      const unexpected = site.errors.filter((e) => !(e.kind === 'console' && allow.some((re) => re.test(e.text))));
      assert.deepEqual(unexpected, [], 'the page logged errors or threw');
    },
  };

  before(async () => {
    site.server = await startServer(typeof root === 'function' ? root() : root);
    site.browser = await launchBrowser();
  });

  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });

  beforeEach(async () => {
    site.errors = [];
    site.context = await site.browser.newContext({
      baseURL: site.server.url,
      viewport,
      locale: 'vi-VN',
      timezoneId: process.env.E2E_TIMEZONE ?? 'America/New_York',
      // The service worker would answer requests these tests route or count;
      // tests/e2e/offline.test.mjs tests it in contexts of its own.
      serviceWorkers: 'block',
      ...contextOptions,
    });
    site.context.setDefaultTimeout(10_000);
    site.context.on('page', (p) => watchErrors(p, (e) => site.errors.push(e)));
    site.page = await site.context.newPage();
  });

  afterEach(async () => {
    await site.context?.close();
    site.context = null;
    site.page = null;
  });

  return site;
}

function watchErrors(page, report) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      report({ kind: 'console', text: msg.text(), url: loc?.url ?? '' });
    }
  });
  page.on('pageerror', (err) => report({ kind: 'pageerror', text: String(err?.stack ?? err) }));
}

// ------------------------------------------------------------------ reading the page

/** The view's one h1 (fails if there is not exactly one), once it is visible. */
export async function h1(page, name, { timeout = 10_000 } = {}) {
  const heading = name
    ? page.getByRole('heading', { level: 1, name, exact: true })
    : page.getByRole('heading', { level: 1 });
  await heading.first().waitFor({ state: 'visible', timeout });
  await waitUntil(async () => (await page.locator('h1').count()) === 1, {
    timeout: 2_000,
    message: 'exactly one h1 in the view',
  });
  return (await heading.first().innerText()).trim();
}

/**
 * Waits until document.title is the view's title followed by the site name
 * ("<view title> – <site name>"; just the site name on the home page). A listing's
 * later pages may add their number: "Thời sự – Trang 2 – <site name>".
 */
export async function expectTitle(page, viewTitle, { page: pageNo } = {}) {
  const want = [viewTitle ? `${viewTitle}${TITLE_SEP}${SITE_NAME}` : SITE_NAME];
  if (viewTitle && pageNo > 1) want.push(`${viewTitle}${TITLE_SEP}Trang ${pageNo}${TITLE_SEP}${SITE_NAME}`);
  await waitUntil(async () => want.includes(await page.title()), {
    timeout: 5_000,
    message: async () => `document.title in ${JSON.stringify(want)} (is ${JSON.stringify(await page.title())})`,
  });
}

/** Waits until keyboard focus is on the view's h1 (focus moves there after navigation). */
export async function expectFocusOnH1(page) {
  await waitUntil(() => page.evaluate(() => document.activeElement?.tagName === 'H1'), {
    timeout: 10_000,
    message: 'focus on the h1',
  });
}

export const scrollY = (page) => page.evaluate(() => Math.round(window.scrollY));

/** Waits until window.scrollY is within `tolerance` px of `want`. */
export async function expectScroll(page, want, tolerance = 50) {
  await waitUntil(async () => Math.abs((await scrollY(page)) - want) <= tolerance, {
    timeout: 5_000,
    message: async () => `scrollY within ${tolerance}px of ${want} (is ${await scrollY(page)})`,
  });
}

/** The pathname and search of the page's URL, e.g. "/chuyen-muc/thoi-su?trang=2". */
export function where(page) {
  const u = new URL(page.url());
  return decodeURI(u.pathname) + u.search;
}

/**
 * A name matcher for a link whose accessible name starts with `text` (links that open a
 * new tab add a hidden "(mở trong thẻ mới)" to their name).
 */
export function startsWith(text) {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** A route matcher for one data document, e.g. dataUrl('bai-viet/x.json'). */
export function dataUrl(rel) {
  return (url) => url.pathname === `/data/${rel}`;
}

/**
 * Waits until the app has started on the page (on a prerendered page it starts
 * when the browser is idle after the page has loaded; before that a click is an
 * ordinary page load).
 */
export async function appReady(page, { timeout = 15_000 } = {}) {
  await page.waitForFunction(() => window.__bantinReady === true, null, { timeout });
}

/**
 * Opens the site's home page, then goes to `href` inside the app (as a click on a
 * link would), so the view's data is fetched rather than read from the prerendered page.
 */
export async function openInApp(page, href) {
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'attached' });
  await appReady(page);
  await navigateInApp(page, href);
}

/** Goes to `href` inside the running app, as a click on a link does (no page load). */
export async function navigateInApp(page, href) {
  await page.evaluate((to) => {
    const a = document.createElement('a');
    a.href = to;
    a.textContent = to;
    document.querySelector('main').append(a);
    a.click();
    a.remove();
  }, href);
}

// ------------------------------------------------------------------ security policy

/**
 * Records every Content-Security-Policy violation in the pages and frames of
 * `context` (the `securitypolicyviolation` event, listened to before any page
 * script runs) into the returned list, as { url, directive, blocked, sample, source }.
 */
export async function watchViolations(context) {
  const list = [];
  await context.exposeBinding('__bantinViolation', ({ frame }, v) => list.push({ url: frame.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        window.__bantinViolation({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          sample: e.sample,
          source: `${e.sourceFile}:${e.lineNumber}`,
        }),
      true,
    );
  });
  return list;
}

/** The header a site's partners need to embed its widgets under a strict policy of their own (docs/security.md). */
export function partnerPolicy(portalOrigin, widgetStyleHash) {
  return [
    "default-src 'self'",
    `script-src 'self' ${portalOrigin} 'wasm-unsafe-eval'`,
    `connect-src 'self' ${portalOrigin}`,
    `img-src 'self' data: ${portalOrigin}`,
    `style-src 'self' ${widgetStyleHash}`,
    `frame-src ${portalOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/** The executable inline scripts of an HTML text (no src, no data type), as written. */
export function inlineScripts(html) {
  const out = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)) {
    const attrs = m[1];
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = attrs.match(/\btype\s*=\s*["']?([^"'\s>]+)/i)?.[1]?.toLowerCase();
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
    out.push(m[2]);
  }
  return out;
}

/** The CSP source expression of a script's text: 'sha256-<base64>'. */
export function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;
}

/** The directives of a Content-Security-Policy value, by name. */
export function directives(csp) {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values];
      }),
  );
}

// ------------------------------------------------------------------ accessibility

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.0/2.1 A and AA violations on the page, as "rule: target" lines. */
export async function axeViolations(page) {
  await page.evaluate(`${AXE_SOURCE};0`);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

// ------------------------------------------------------------------ languages

/** The app's own Vietnamese words, none of which an English page may show. */
export const VIETNAMESE_UI = [
  'Bỏ qua, đến nội dung chính',
  'Trang chủ',
  'Menu chính',
  'Đăng ngày',
  'Tin liên quan',
  'Các tin khác',
  'Không tìm thấy trang',
  'Thử lại',
  'Tìm bài viết',
  'Lọc văn bản',
  'Tài liệu đính kèm',
  'Đang tải',
];

/** The page's own words (its chrome and views, with their labels and placeholders). */
async function uiWords(p) {
  return p.evaluate(() => {
    const parts = [];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '', el.getAttribute('placeholder') ?? '');
    }
    parts.push(document.body.innerText);
    return parts.join('\n');
  });
}

/** Fails unless the page says lang="en" and shows none of the app's Vietnamese words. */
export async function expectEnglish(p, where) {
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'en', `${where}: <html lang>`);
  const words = await uiWords(p);
  for (const vi of VIETNAMESE_UI) assert.ok(!words.includes(vi), `${where}: shows “${vi}”`);
}
