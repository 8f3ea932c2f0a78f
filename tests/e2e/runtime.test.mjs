// Runtime settings (config.json) and recovery from a redeploy.
//
// Each test serves its own copy of the built site (so it can edit config.json
// or "deploy" a new build into it without touching dist/), with a fresh browser
// context. A second `bantin serve` plays another origin that serves the data.

import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DIST,
  NETWORK_ERROR,
  SITE_NAME,
  TITLE_SEP,
  h1,
  launchBrowser,
  navigateInApp as clickInApp,
  readData,
  sleep,
  startServer,
  waitUntil,
} from './helpers.mjs';

const site = readData('site.json');
const CATEGORY = site.categories.find((c) => existsSync(path.join(DIST, 'data', 'chuyen-muc', c.slug, '1.json')));
const HOME = readData('trang-chu.json');
const ARTICLE = HOME.latest[0] ?? HOME.lead;

let browser;
let tmp;
let servers = [];
let context;
let page;
let errors;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});
beforeEach(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-runtime-'));
  errors = [];
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
});
afterEach(async () => {
  await context?.close();
  for (const s of servers) await s.stop();
  servers = [];
  rmSync(tmp, { recursive: true, force: true });
});

/** A copy of dist/ in the test's folder, served; returns { dir, url }. */
async function servedCopy(name = 'site') {
  const dir = path.join(tmp, name);
  cpSync(DIST, dir, { recursive: true });
  const server = await startServer(dir);
  servers.push(server);
  return { dir, url: server.url, server };
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file, value) => writeFileSync(file, JSON.stringify(value, null, 2));

function assertNoErrors(allow = []) {
  const unexpected = errors.filter((e) => !allow.some((re) => re.test(e.replace(/^console: /, ''))));
  assert.deepEqual(unexpected, [], 'the page logged errors or threw');
}

/** Goes to `href` inside the app, as a click on a link does (no page load). */
const navigateInApp = (href) => clickInApp(page, href);

/**
 * Waits until the app has started and the page shows a view (a prerendered page
 * stays as built until the reader's first navigation; the bare shell is drawn by the app).
 */
async function appStarted() {
  await waitUntil(() => page.evaluate(() => window.__bantinReady === true && !!document.querySelector('#noi-dung h1, #noi-dung .bt-error')), {
    message: 'the app has started',
  });
}

const headerName = async () => ((await page.locator('.bt-header__name').first().textContent()) ?? '').trim();
const pageBuild = () => page.evaluate(() => document.querySelector('meta[name="bantin-build"]')?.content ?? null);

// ------------------------------------------------------------------ config.json

test('config.json changes the site name and the links box without a rebuild', { timeout: 60_000 }, async () => {
  const { dir, url } = await servedCopy();
  const config = readJson(path.join(dir, 'config.json'));
  assert.equal(config.site_name, SITE_NAME, 'the build writes the name from site.toml');
  assert.equal(config.data_url, 'data/');
  assert.match(config.build, /^[0-9a-f]{16}$/);
  const NAME = 'Cổng thử nghiệm cấu hình';
  writeJson(path.join(dir, 'config.json'), {
    ...config,
    site_name: NAME,
    links: [
      { name: 'Liên kết thử nghiệm', url: 'https://vi.wikipedia.org/' },
      { name: 'Liên kết độc', url: 'javascript:alert(1)' },
    ],
  });

  await page.goto(`${url}/`);
  await appStarted();
  await waitUntil(async () => (await headerName()) === NAME, { message: 'the header shows the configured name' });
  assert.equal(await page.title(), NAME);
  const links = page.locator('.bt-links a');
  await waitUntil(async () => (await links.count()) === 1, { message: 'one link in the links box' });
  assert.match(await links.first().innerText(), /^Liên kết thử nghiệm/);
  assert.equal(await links.first().getAttribute('href'), 'https://vi.wikipedia.org/');
  assert.equal(await page.locator('a[href^="javascript"]').count(), 0);

  // Later views keep the configured name, in the header and the title.
  await navigateInApp(`/chuyen-muc/${CATEGORY.slug}`);
  await h1(page, CATEGORY.name);
  await waitUntil(async () => (await page.title()) === `${CATEGORY.name}${TITLE_SEP}${NAME}`, { message: 'the title uses the configured name' });
  assert.equal(await headerName(), NAME);

  // The bare app shell (what a server sends for a URL without a page) reads it too.
  await page.goto(`${url}/app.html`);
  await h1(page);
  await waitUntil(async () => (await headerName()) === NAME, { message: 'the app shell shows the configured name' });
  assertNoErrors();
});

test('a click while the app draws at once for config.json is followed by the app, not a page load', { timeout: 60_000 }, async () => {
  const { dir, url } = await servedCopy();
  const config = readJson(path.join(dir, 'config.json'));
  const NAME = 'Cổng đổi tên';
  writeJson(path.join(dir, 'config.json'), { ...config, site_name: NAME });
  // The views' module is held back: the app has started and is rendering, its router not there yet.
  let release;
  const held = new Promise((r) => (release = r));
  let asked = false;
  await page.route(/\/bantin-views-[0-9a-f]+\.wasm$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  const documents = [];
  page.on('request', (r) => r.resourceType() === 'document' && documents.push(r.url()));
  await page.goto(`${url}/bai-viet/${ARTICLE.slug}`);
  await appStarted();
  await waitUntil(() => asked, { message: 'the views module asked for' });
  await navigateInApp(`/chuyen-muc/${CATEGORY.slug}`);
  await waitUntil(() => page.url().endsWith(`/chuyen-muc/${CATEGORY.slug}`), { message: 'the address is the link’s' });
  assert.equal(await page.locator('#bt-static').count(), 1, 'the page stays until the view is ready');
  release();
  await h1(page, CATEGORY.name);
  await waitUntil(async () => (await headerName()) === NAME, { message: 'the configured name' });
  assert.deepEqual(documents, [`${url}/bai-viet/${ARTICLE.slug}`], 'no page load');
  assertNoErrors();
});

test('data can come from another origin named by config.json', { timeout: 60_000 }, async () => {
  const dataSite = await servedCopy('du-lieu');
  const { dir, url } = await servedCopy();
  // The site's own data is gone: every document must come from the other origin.
  rmSync(path.join(dir, 'data'), { recursive: true });
  const config = readJson(path.join(dir, 'config.json'));
  writeJson(path.join(dir, 'config.json'), { ...config, data_url: `${dataSite.url}/data` });

  // The Content-Security-Policy does not know that origin yet: its data is refused
  // (docs/security.md), and the page stays readable with the usual error view.
  const refused = [];
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && refused.push(m.text()));
  await page.goto(`${url}/bai-viet/${ARTICLE.slug}`);
  await h1(page, ARTICLE.title);
  await appStarted();
  await navigateInApp(`/chuyen-muc/${CATEGORY.slug}`);
  await page.locator('.bt-error').first().waitFor();
  assert.ok(refused.some((t) => t.includes(dataSite.url) && t.includes('connect-src')), refused.join('\n'));
  errors.length = 0;
  // What a rebuild with `data_url` in site.toml writes: the origin in connect-src of
  // the policy `bantin serve` reads.
  const policyFile = path.join(dir, '.bantin-security');
  const policy = readJson(policyFile);
  writeJson(policyFile, { ...policy, connect: [...policy.connect, dataSite.url] });

  const dataRequests = [];
  page.on('request', (r) => {
    if (/\.json$/.test(new URL(r.url()).pathname) && !r.url().endsWith('/config.json')) dataRequests.push(r.url());
  });
  await page.goto(`${url}/`);
  await appStarted();
  await navigateInApp(`/chuyen-muc/${CATEGORY.slug}`);
  await h1(page, CATEGORY.name);
  await navigateInApp(`/bai-viet/${ARTICLE.slug}`);
  await h1(page, ARTICLE.title);
  await navigateInApp('/moi-nhat/trang/2');
  await h1(page);
  // The bare app shell (no data islands) loads the site settings from there too.
  await page.goto(`${url}/app.html`);
  await h1(page);
  await page.locator('.bt-header__name').first().waitFor();

  assert.ok(dataRequests.length >= 4, `data was fetched: ${dataRequests}`);
  for (const u of dataRequests) assert.ok(u.startsWith(`${dataSite.url}/data/`), `${u} should come from ${dataSite.url}`);
  assert.ok(dataRequests.some((u) => u.endsWith('/site.json')));
  assert.equal(await headerName(), SITE_NAME);
  assertNoErrors();
});

for (const [what, write] of [
  ['a missing config.json', (file) => rmSync(file)],
  ['a config.json that is not JSON', (file) => writeFileSync(file, '{"site_name": "Hỏng')],
  ['a config.json of a newer version', (file) => writeJson(file, { version: 99, site_name: 'Không dùng', data_url: 'https://khong-dung.invalid/' })],
  ['a javascript: data_url', (file) => writeJson(file, { ...readJson(file), site_name: 'Cổng vẫn chạy', data_url: 'javascript:alert(1)//' })],
  [
    'a data_url of a server that does not answer',
    (file) => {
      writeJson(file, { ...readJson(file), data_url: 'http://127.0.0.1:9/data/' });
      // Its origin in the policy, as after a rebuild with that data_url: the request is
      // made (and fails) rather than refused by the Content-Security-Policy.
      const policyFile = path.join(path.dirname(file), '.bantin-security');
      const policy = readJson(policyFile);
      writeJson(policyFile, { ...policy, connect: [...policy.connect, 'http://127.0.0.1:9'] });
    },
  ],
]) {
  test(`${what} falls back to the defaults, never a blank page`, { timeout: 60_000 }, async () => {
    const { dir, url } = await servedCopy();
    write(path.join(dir, 'config.json'));
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));

    // The prerendered page shows at once, whatever the config says.
    await page.goto(`${url}/bai-viet/${ARTICLE.slug}`);
    await h1(page, ARTICLE.title);
    await appStarted();
    await navigateInApp(`/chuyen-muc/${CATEGORY.slug}`);
    if (what.includes('does not answer')) {
      // A valid data_url is used as it is: its failure is the usual error view with a retry.
      await page.locator('.bt-error').first().waitFor();
      assert.ok(requested.some((u) => u.startsWith('http://127.0.0.1:9/data/')));
      return;
    }
    await h1(page, CATEGORY.name);
    // The app shell (no inline data) works from the default data/ too.
    await page.goto(`${url}/moi-nhat`);
    await h1(page);
    await waitUntil(async () => (await headerName()).length > 0, { message: 'the header has a name' });
    const name = await headerName();
    assert.ok([SITE_NAME, 'Cổng vẫn chạy'].includes(name), name);
    assert.ok(!requested.some((u) => /^javascript:|khong-dung/.test(u)), 'no request to a refused data_url');
    assert.ok(requested.some((u) => u.startsWith(`${url}/data/`)), `data from the default data/: ${requested.filter((u) => !u.includes('/anh/')).join(' ')}`);
    assert.ok(warnings.some((w) => w.includes('config.json')), `a console warning: ${warnings}`);
    assertNoErrors([NETWORK_ERROR]);
  });
}

// ------------------------------------------------------------------ stale assets

/** trunk's hashed files (JS, wasm, CSS) that the site's pages load (trunk's hashes may be shorter than 16 digits). */
function hashedFiles(dir) {
  const shell = readFileSync(path.join(dir, 'app.html'), 'utf8');
  return readdirSync(dir).filter((f) => /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(f) && shell.includes(`/${f}`));
}

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'data' && name !== 'anh') out.push(...htmlFiles(p));
    } else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

/**
 * "Deploys" a new build into `dir`, as a real redeploy would: trunk's files get
 * new hashed names (the old ones are gone), every page names them, and the build
 * id in the pages and config.json changes. Returns the new build id.
 */
function deployNewBuild(dir) {
  const config = readJson(path.join(dir, 'config.json'));
  const oldBuild = config.build;
  const newBuild = [...oldBuild].reverse().join('') === oldBuild ? oldBuild.replace(/./, 'f') : [...oldBuild].reverse().join('');
  const renames = hashedFiles(dir).map((f) => {
    const hash = f.match(/-([0-9a-f]{8,16})(_bg)?\./)[1];
    const next = f.replace(hash, [...hash].map((c) => ((parseInt(c, 16) + 1) % 16).toString(16)).join(''));
    renameSync(path.join(dir, f), path.join(dir, next));
    return [f, next];
  });
  assert.ok(renames.length >= 3, `trunk's files: ${renames}`);
  // The app's modules name each other (the glue imports the loader, which imports the
  // glue and fetches the views' module): a new build's files name the new names.
  for (const [, next] of renames.filter(([f]) => f.endsWith('.js'))) {
    const file = path.join(dir, next);
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of renames) text = text.split(from).join(to);
    writeFileSync(file, text);
  }
  for (const file of htmlFiles(dir)) {
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of renames) text = text.split(from).join(to);
    text = text.split(`content="${oldBuild}"`).join(`content="${newBuild}"`);
    writeFileSync(file, text);
  }
  writeJson(path.join(dir, 'config.json'), { ...config, build: newBuild });
  return { oldBuild, newBuild, renames };
}

test('after a redeploy, an old tab that navigates loads the new version', { timeout: 60_000 }, async () => {
  const { dir, url } = await servedCopy();
  const documents = [];
  page.on('request', (r) => r.resourceType() === 'document' && documents.push(new URL(r.url()).pathname));
  await page.goto(`${url}/`);
  await appStarted();
  const { oldBuild, newBuild, renames } = deployNewBuild(dir);
  assert.equal(await pageBuild(), oldBuild);
  await page.evaluate(() => (window.__oldTab = true));

  const dest = `/chuyen-muc/${CATEGORY.slug}`;
  await navigateInApp(dest);
  await waitUntil(() => page.evaluate(() => window.__oldTab !== true), { message: 'a full page load of the new version' });
  await h1(page, CATEGORY.name);
  assert.equal(new URL(page.url()).pathname, dest);
  assert.equal(await pageBuild(), newBuild);
  await appStarted();
  // The new app files run; the page works: a further navigation stays inside the app.
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(scripts.some((u) => u.endsWith(renames.find(([f]) => f.endsWith('_bg.wasm'))[1])), 'the new wasm loaded');
  await page.evaluate(() => (window.__newTab = true));
  await navigateInApp(`/bai-viet/${ARTICLE.slug}`);
  await h1(page, ARTICLE.title);
  assert.equal(await page.evaluate(() => window.__newTab), true, 'no further page load');
  assert.deepEqual(documents, ['/', dest]);
  // The old build's views module is gone (this tab never loaded it): its 404 is what
  // sends the tab to the new version when the build check has not done so first.
  assertNoErrors([NETWORK_ERROR, /^TypeError: Failed to execute 'compile' on 'WebAssembly'/]);
});

test('a page naming app files that are gone reloads once, then works', { timeout: 60_000 }, async () => {
  const { dir, url } = await servedCopy();
  const articleUrl = `${url}/bai-viet/${ARTICLE.slug}`;
  const oldHtml = readFileSync(path.join(dir, 'bai-viet', ARTICLE.slug, 'index.html'), 'utf8');
  const { newBuild } = deployNewBuild(dir);
  // The browser (or a cache on the way) still has the old page, once.
  let served = 0;
  await page.route(articleUrl, (route) => (served++ === 0 ? route.fulfill({ body: oldHtml, contentType: 'text/html; charset=utf-8' }) : route.continue()));
  await page.goto(articleUrl);
  await waitUntil(async () => served === 2 && (await pageBuild()) === newBuild, { message: 'the page was loaded again, in its new version' });
  await h1(page, ARTICLE.title);
  await appStarted();
  await sleep(1_000);
  assert.equal(served, 2, 'exactly one reload');
  assert.equal(await page.locator('#bt-stale').count(), 0);
});

test('a page whose app files stay missing reloads once, then keeps its content readable', { timeout: 60_000 }, async () => {
  const { dir, url } = await servedCopy();
  for (const f of hashedFiles(dir).filter((f) => f.endsWith('.wasm'))) rmSync(path.join(dir, f));
  const articleUrl = `${url}/bai-viet/${ARTICLE.slug}`;
  let loads = 0;
  page.on('request', (r) => r.resourceType() === 'document' && loads++);
  await page.goto(articleUrl);
  const notice = page.locator('#bt-stale');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.innerText(), /vừa được cập nhật phiên bản mới/);
  await sleep(2_000);
  assert.equal(loads, 2, 'one reload, no loop');
  // The prerendered article is still there to read.
  await h1(page, ARTICLE.title);
  assert.ok(await page.locator('#bt-static .bt-article, #bt-static article').first().isVisible());

  // The app shell (no content of its own) shows the notice in place of "Đang tải…".
  await page.goto(`${url}/moi-nhat`);
  await waitUntil(() => page.evaluate(() => !!document.getElementById('bt-stale')), { message: 'the notice on the app shell' });
  assert.equal(await page.locator('#bt-boot').count(), 0);
});
