// Deploy anywhere: the site built for a sub-path (/tin-tuc/) from the same trunk
// output, served by a plain static server (files, `dir/` → `dir/index.html`, missing
// → 404.html with status 404, nothing else: like GitHub Pages), works end to end;
// feeds and sitemaps parse as XML and list the newest articles under the sub-path.
//
// The sub-path build is made in a temporary folder from a copy of BANTIN_DIST
// (`bantin build --base-url http://127.0.0.1:<port>/tin-tuc/`), so no second trunk build.

import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  BANTIN_BIN,
  CONTENT_TYPES,
  DIST,
  NETWORK_ERROR,
  NOT_FOUND,
  ROOT,
  SITE_NAME,
  h1,
  launchBrowser,
  partnerPolicy,
  sha256Source,
  waitUntil,
  watchViolations,
} from './helpers.mjs';

const BASE = '/tin-tuc/';

/**
 * A plain static server for `root` mounted at BASE: the file, or the folder's
 * index.html, else root/404.html with status 404. Requests outside BASE are
 * recorded in `escaped` and answered 404.
 */
function staticServer(root) {
  const escaped = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      rel = null;
    }
    if (rel === BASE.slice(0, -1)) {
      res.writeHead(301, { Location: BASE });
      res.end();
      return;
    }
    if (rel === null || !rel.startsWith(BASE)) {
      escaped.push(req.url);
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('outside the site');
      return;
    }
    const send = (file, status) => {
      // The CORS header the README asks of every host (the widgets load cross-origin).
      res.writeHead(status, {
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Access-Control-Allow-Origin': '*',
      });
      res.end(readFileSync(file));
    };
    const parts = rel.slice(BASE.length).split('/');
    if (!parts.includes('..')) {
      let file = path.join(root, ...parts);
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (existsSync(file) && statSync(file).isFile()) return send(file, 200);
    }
    send(path.join(root, '404.html'), 404);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, escaped, port: server.address().port }));
  });
}

let tmp;
let srv;
let origin;
let browser;
let context;
let page;
let errors;
let requests;

before(async () => {
  assert.ok(existsSync(path.join(DIST, 'app.html')), `${DIST}/app.html is missing: run \`make site\` first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-deploy-'));
  // Readable by nginx's workers (another user when the tests run as root).
  chmodSync(tmp, 0o755);
  const out = path.join(tmp, 'dist-sub');
  cpSync(DIST, out, { recursive: true });
  srv = await staticServer(out);
  origin = `http://127.0.0.1:${srv.port}`;
  execFileSync(
    BANTIN_BIN,
    ['build', '--content', path.join(ROOT, 'content'), '--out', out, '--base-url', `${origin}${BASE}`],
    { cwd: ROOT, stdio: 'pipe' },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (srv ? srv.server.close(resolve) : resolve()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  errors = [];
  requests = [];
  context = await browser.newContext({ baseURL: origin, locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
});

afterEach(async () => {
  await context?.close();
});

const sub = (p) => `${BASE}${p}`;
const data = (rel) => JSON.parse(readFileSync(path.join(tmp, 'dist-sub', 'data', rel), 'utf8'));
const pathname = () => decodeURI(new URL(page.url()).pathname);

/** Every request the page made stayed under the sub-path; so did every request the server saw. */
function assertStayedUnder() {
  const outside = requests.filter((u) => !u.startsWith('data:') && !u.startsWith(`${origin}${BASE}`));
  assert.deepEqual(outside, [], 'requests outside the sub-path');
  assert.deepEqual(srv.escaped, [], 'the server saw requests outside the sub-path');
}

function assertNoErrors({ allow = [] } = {}) {
  assert.deepEqual(
    errors.filter((e) => !allow.some((re) => re.test(e))),
    [],
    'the page logged errors or threw',
  );
}

/** Waits until the app has started (it leaves a prerendered page as it is until a navigation). */
async function appStarted() {
  await page.waitForFunction(() => window.__bantinReady === true, null, { timeout: 15_000 });
}

test('the sub-path build rebased the shell, the pages and the host configs', () => {
  const out = path.join(tmp, 'dist-sub');
  for (const rel of ['app.html', 'index.html', '404.html', 'chuyen-muc/thoi-su/index.html']) {
    // The data islands hold the JSON documents as they are (the app resolves their paths).
    const html = readFileSync(path.join(out, rel), 'utf8').replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/g, '');
    assert.match(html, /<base href="\/tin-tuc\/" \/>/, rel);
    // No own absolute path (quoted, starting with one "/") outside the sub-path.
    const own = [...html.matchAll(/["'](\/[^/"'\s][^"'\s]*)["']/g)].map((m) => m[1]);
    assert.ok(own.length > 3, rel);
    assert.deepEqual(own.filter((u) => !u.startsWith(BASE)), [], rel);
  }
  assert.match(readFileSync(path.join(out, '.htaccess'), 'utf8'), /^ErrorDocument 404 \/tin-tuc\/404\.html$/m);
  assert.match(readFileSync(path.join(out, '_redirects'), 'utf8'), /^\/tin-tuc\/\*  \/tin-tuc\/404\.html  404$/m);
  assert.match(readFileSync(path.join(out, 'nginx.conf'), 'utf8'), /error_page 404 \/tin-tuc\/404\.html;/);
  assert.match(readFileSync(path.join(out, 'robots.txt'), 'utf8'), new RegExp(`^Sitemap: ${origin}/tin-tuc/sitemap\\.xml$`, 'm'));
  // The dist/ the other tests use is untouched (still at the root).
  assert.match(readFileSync(path.join(DIST, 'index.html'), 'utf8'), /<base href="\/" \/>/);
});

test('home, category, article and back: the whole site works under the sub-path', async () => {
  const res = await page.goto(sub(''));
  assert.equal(res.status(), 200);
  await page.getByRole('heading', { level: 2, name: 'Tin mới nhất' }).waitFor();
  await appStarted();
  assert.equal(await page.title(), SITE_NAME);
  // Images load (from /tin-tuc/anh/).
  await waitUntil(
    () => page.evaluate(() => [...document.images].some((i) => i.complete && i.naturalWidth > 0 && i.src.includes('/tin-tuc/anh/'))),
    { message: 'an image from /tin-tuc/anh/ loaded' },
  );

  // Client-side navigation to a category (the app fetches its data under the sub-path).
  const site = data('site.json');
  const cat = site.categories[0];
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: cat.name, exact: true }).first().click();
  assert.equal(await h1(page, cat.name), cat.name);
  assert.equal(pathname(), sub(`chuyen-muc/${cat.slug}`));

  // An article from the listing.
  const listing = data(`chuyen-muc/${cat.slug}/1.json`);
  const first = listing.items[0];
  await page.locator(`main a[href="${sub(`bai-viet/${first.slug}`)}"]`).first().click();
  assert.equal(await h1(page, first.title), first.title);
  assert.equal(pathname(), sub(`bai-viet/${first.slug}`));
  assert.ok(
    requests.some((u) => u === `${origin}${sub(`data/bai-viet/${first.slug}.json`)}`),
    'the article data was fetched under the sub-path',
  );

  // Back to the category, then home through the brand link.
  await page.goBack();
  assert.equal(await h1(page, cat.name), cat.name);
  await page.locator('a.bt-header__brand').click();
  await page.getByRole('heading', { level: 2, name: 'Tin mới nhất' }).waitFor();
  assert.equal(pathname(), BASE);
  assertStayedUnder();
  assertNoErrors();
});

test('a deep link to an article loads, and reloads, under the sub-path', async () => {
  const latest = data('moi-nhat/1.json').items[0];
  const url = sub(`bai-viet/${latest.slug}`);
  for (let i = 0; i < 2; i++) {
    const res = i === 0 ? await page.goto(url) : await page.reload();
    assert.equal(res.status(), 200);
    assert.equal(await h1(page, latest.title), latest.title);
    await appStarted();
    assert.equal(pathname(), url);
  }
  // Its canonical URL and feed link are under the sub-path too.
  assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), `${origin}${url}`);
  const feeds = await page.locator('link[rel=alternate][type="application/rss+xml"]').evaluateAll((l) => l.map((e) => e.getAttribute('href')));
  assert.ok(feeds.length >= 1 && feeds.every((f) => f.startsWith(BASE) || f.startsWith(`${origin}${BASE}`)), JSON.stringify(feeds));
  assertStayedUnder();
  assertNoErrors();
});

for (const [what, rel] of [
  ['an unknown URL', 'khong-co-trang'],
  ['an unknown deep URL', 'a/b/c/khong-co-trang'],
  ['an unknown article slug', 'bai-viet/khong-co-bai-nay'],
]) {
  test(`${what} served through 404.html shows the app's 404 view with links back`, async () => {
    const res = await page.goto(sub(rel));
    assert.equal(res.status(), 404);
    assert.equal(await h1(page, NOT_FOUND), NOT_FOUND);
    await appStarted();
    assert.equal(await h1(page, NOT_FOUND), NOT_FOUND);
    assert.equal(pathname(), sub(rel), 'the URL is kept');
    const home = page.getByRole('main').getByRole('link', { name: 'Về trang chủ', exact: true });
    assert.equal(await home.getAttribute('href'), BASE);
    await home.click();
    await page.getByRole('heading', { level: 2, name: 'Tin mới nhất' }).waitFor();
    assert.equal(pathname(), BASE);
    assertStayedUnder();
    // Chromium logs the 404 answers (the page itself, missing data) on its own.
    assertNoErrors({ allow: [NETWORK_ERROR] });
  });
}

test('search works under the sub-path: page, engine, index and results stay under it', async () => {
  const res = await page.goto(sub(`tim-kiem?q=${encodeURIComponent('lúa')}`));
  assert.equal(res.status(), 200);
  const hits = page.locator('.bt-found__hit');
  await waitUntil(async () => (await hits.count()) > 0, { message: 'search results' });
  const links = await page.locator('.bt-found__hit a.bt-card__link').evaluateAll((l) => l.map((a) => a.getAttribute('href')));
  // Articles, and the site's pages and registry documents the word is in.
  const routes = ['bai-viet/', 'trang/', 'van-ban/'].map((r) => `${BASE}${r}`);
  assert.ok(links.length > 0 && links.every((h) => routes.some((r) => h.startsWith(r))), JSON.stringify(links));
  // The engine came from the sub-path's tim/, the index from its data/tim/.
  assert.ok(requests.some((u) => u.startsWith(`${origin}${BASE}tim/bantin_search`)), 'the engine was loaded');
  assert.ok(requests.some((u) => u.startsWith(`${origin}${BASE}data/tim/`)), 'the index was read');
  // A result opens in the app, under the sub-path.
  await page.locator(`.bt-found__hit a.bt-card__link[href^="${BASE}bai-viet/"]`).first().click();
  await waitUntil(async () => pathname().startsWith(`${BASE}bai-viet/`), { message: 'the article opens' });
  assertStayedUnder();
  assertNoErrors();
});

test('a tag page is prerendered under the sub-path and taken over by the app', async () => {
  const article = data(`bai-viet/${data('moi-nhat/1.json').items[0].slug}.json`);
  const tag = article.tags[0];
  assert.ok(tag, 'the newest article has a tag');
  const res = await page.goto(sub(`the/${tag.slug}`));
  assert.equal(res.status(), 200);
  assert.equal(await h1(page, `Từ khóa: ${tag.name}`), `Từ khóa: ${tag.name}`);
  await appStarted();
  assert.equal(await h1(page, `Từ khóa: ${tag.name}`), `Từ khóa: ${tag.name}`);
  assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), `${origin}${sub(`the/${tag.slug}`)}`);
  assert.equal(await page.locator(`main a[href="${sub(`bai-viet/${article.slug}`)}"]`).count() > 0, true, 'the article is listed');
  assertStayedUnder();
  assertNoErrors();
});

// ------------------------------------------------------------------ feeds and sitemaps

/** Fetches `url` in the page and parses it with Chromium's DOMParser: the root element and the text of `select`. */
async function parseXml(url, select) {
  await page.goto(sub(''));
  return page.evaluate(
    async ([u, sel]) => {
      const res = await fetch(u);
      const text = await res.text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        status: res.status,
        error: doc.getElementsByTagName('parsererror').length > 0 ? text.slice(0, 200) : null,
        root: doc.documentElement.localName,
        // Unprefixed elements only (an RSS channel's atom:link is not its link).
        values: [...doc.getElementsByTagName(sel)].map((e) => e.textContent.trim()),
      };
    },
    [url, select],
  );
}

const articleUrl = (slug) => `${origin}${sub(`bai-viet/${slug}`)}`;

test('rss.xml parses and lists the newest articles under the sub-path', async () => {
  const rss = await parseXml(sub('rss.xml'), 'link');
  assert.equal(rss.status, 200);
  assert.equal(rss.error, null);
  assert.equal(rss.root, 'rss');
  const newest = data('moi-nhat/1.json').items.map((i) => articleUrl(i.slug));
  // The channel's link, then the items newest first.
  assert.equal(rss.values[0], `${origin}${BASE}`);
  assert.deepEqual(rss.values.slice(1, 1 + newest.length), newest);
});

test("a category's rss.xml parses and lists its newest articles", async () => {
  const cat = data('site.json').categories[0];
  const rss = await parseXml(sub(`chuyen-muc/${cat.slug}/rss.xml`), 'link');
  assert.equal(rss.error, null);
  assert.equal(rss.root, 'rss');
  const newest = data(`chuyen-muc/${cat.slug}/1.json`).items.map((i) => articleUrl(i.slug));
  assert.deepEqual(rss.values.slice(1, 1 + newest.length), newest);
});

test('the sitemap index, its shards and the news sitemap parse and list the newest articles', async () => {
  const index = await parseXml(sub('sitemap.xml'), 'loc');
  assert.equal(index.error, null);
  assert.equal(index.root, 'sitemapindex');
  assert.ok(index.values.length >= 3);
  const all = [];
  for (const loc of index.values) {
    assert.ok(loc.startsWith(`${origin}${BASE}`), loc);
    const shard = await parseXml(new URL(loc).pathname, 'loc');
    assert.equal(shard.status, 200, loc);
    assert.equal(shard.error, null, loc);
    assert.equal(shard.root, 'urlset', loc);
    all.push(...shard.values);
  }
  assert.ok(all.every((u) => u.startsWith(`${origin}${BASE}`)));
  assert.ok(all.includes(`${origin}${BASE}`), 'the home page is listed');
  const latest = data('moi-nhat/1.json');
  for (const item of latest.items) assert.ok(all.includes(articleUrl(item.slug)), item.slug);
  const articles = all.filter((u) => u.includes('/bai-viet/'));
  assert.equal(new Set(articles).size, latest.total, 'every article once in the article shards');

  const news = await parseXml(sub('sitemap-tin-moi.xml'), 'loc');
  assert.equal(news.error, null);
  assert.ok(news.values.length >= 1);
  assert.equal(news.values[0], articleUrl(latest.items[0].slug), 'the newest article first');
  for (const u of news.values) assert.ok(u.startsWith(`${origin}${BASE}bai-viet/`), u);
});

// ------------------------------------------------------------------ real nginx

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

test('nginx accepts the generated server block and serves the sub-path with its cache rules', { skip: NGINX ? false : 'nginx is not installed (apt-get install nginx-light)' }, async (t) => {
  const out = path.join(tmp, 'dist-sub');
  const web = path.join(tmp, 'www');
  cpSync(out, path.join(web, 'tin-tuc'), { recursive: true });
  const port = await new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const block = readFileSync(path.join(out, 'nginx.conf'), 'utf8')
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('root /var/www/bantin;', `root ${web};`);
  const prefix = path.join(tmp, 'nginx');
  cpSync('/etc/nginx/mime.types', path.join(prefix, 'mime.types'));
  writeFileSync(path.join(prefix, 'site.conf'), block);
  writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\n  include mime.types;\n  access_log off;\n  client_body_temp_path ${prefix}/tmp;\n  proxy_temp_path ${prefix}/tmp;\n  fastcgi_temp_path ${prefix}/tmp;\n  uwsgi_temp_path ${prefix}/tmp;\n  scgi_temp_path ${prefix}/tmp;\n  include site.conf;\n}\n`,
  );
  const args = ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')];
  const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
  assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);

  const { spawn } = await import('node:child_process');
  const child = spawn(NGINX, args, { stdio: 'ignore' });
  try {
    const u = (p) => `http://127.0.0.1:${port}${p}`;
    await waitUntil(async () => (await fetch(u(BASE))).ok, { message: 'nginx answers' });
    const head = async (p) => {
      const r = await fetch(u(p), { redirect: 'manual' });
      await r.arrayBuffer();
      return r;
    };
    const home = await head(BASE);
    assert.equal(home.headers.get('cache-control'), 'no-cache');
    const wasm = readFileSync(path.join(out, 'app.html'), 'utf8').match(/\/tin-tuc\/([^'"]+_bg\.wasm)/)[1];
    const w = await head(sub(wasm));
    assert.equal(w.status, 200);
    assert.equal(w.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(w.headers.get('content-type'), 'application/wasm');
    const widgetFile = readdirSync(path.join(out, 'widget')).find((f) => f.endsWith('_bg.wasm'));
    const wf = await head(sub(`widget/${widgetFile}`));
    assert.equal(wf.status, 200);
    assert.equal(wf.headers.get('cache-control'), 'public, max-age=31536000, immutable', 'widget files are content-hashed');
    assert.equal(wf.headers.get('access-control-allow-origin'), '*');
    const d = await head(sub('data/site.json'));
    assert.equal(d.headers.get('access-control-allow-origin'), '*');
    assert.equal(d.headers.get('cache-control'), 'no-cache');
    assert.ok(existsSync(path.join(out, '.bantin-manifest')));
    assert.equal((await head(sub('.bantin-manifest'))).status, 404, "the build's own files are not served");
    const missing = await head(sub('khong-co-trang'));
    assert.equal(missing.status, 404);
    assert.match(await (await fetch(u(sub('khong-co-trang')))).text(), /<base href="\/tin-tuc\/"/);
    const article = await head(sub(`bai-viet/${data('moi-nhat/1.json').items[0].slug}`));
    assert.equal(article.status, 200, 'a folder without its slash is its index.html, no redirect');
    assert.equal((await head('/tin-tuc')).status, 301);
    // An article's old address (the sample's `aliases`): a 301 to the article under the sub-path,
    // and the share cards and brand fonts are cached for good.
    const moved = await head(sub('tin-tuc/2026/02/bao-tang-mo-cua-tet.html'));
    assert.equal(moved.status, 301);
    assert.equal(new URL(moved.headers.get('location'), u('/')).pathname, sub('bai-viet/bao-tang-tinh-mo-cua-phuc-vu-khach-tham-quan-dip-tet-binh-ngo'));
    const card = readFileSync(path.join(out, 'index.html'), 'utf8').match(/property="og:image" content="[^"]*\/tin-tuc\/(chia-se\/[^"]+)"/)[1];
    const c = await head(sub(card));
    assert.equal(c.status, 200);
    assert.equal(c.headers.get('cache-control'), 'public, max-age=31536000, immutable', 'share cards are content-hashed');

    // The app itself, through nginx: a deep link and the 404 view.
    await page.goto(u(sub('khong-co-trang')));
    assert.equal(await h1(page, NOT_FOUND), NOT_FOUND);
    await appStarted();
    assertNoErrors({ allow: [NETWORK_ERROR] });

    // Security headers by route, on answers of every status (`always`).
    const csp = (r) => r.headers.get('content-security-policy') ?? '';
    for (const r of [home, missing, article]) {
      assert.match(csp(r), /frame-ancestors 'none'/);
      assert.match(csp(r), /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(r.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
      assert.match(r.headers.get('permissions-policy'), /camera=\(\)/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('access-control-allow-origin'), null, 'pages are not for other origins to read');
    }
    for (const p of ['nhung/khung/', 'nhung/khung']) {
      const f = await head(sub(p));
      assert.equal(f.status, 200, p);
      assert.match(csp(f), /frame-ancestors \*/, p);
      assert.equal(f.headers.get('x-frame-options'), null, p);
    }
    assert.equal(d.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(d.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    // The hashes in the policy are those of the inline scripts nginx serves.
    const html = await (await fetch(u(BASE))).text();
    for (const m of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
      assert.ok(csp(home).includes(sha256Source(m[1])), `the hash of ${m[1].slice(0, 60)}`);
    }

    // Walking the site through nginx: no policy violation anywhere.
    const violations = await watchViolations(context);
    const counts = {};
    const visit = async (name, fn) => {
      const before = violations.length;
      await fn();
      await page.waitForTimeout(300);
      counts[name] = violations.length - before;
    };
    const item = data('moi-nhat/1.json').items[0];
    const category = data('site.json').categories[0];
    await visit('home', async () => {
      await page.goto(u(BASE));
      await h1(page);
      await appStarted();
    });
    await visit('listing', async () => {
      await page.goto(u(sub(`chuyen-muc/${category.slug}`)));
      await h1(page, category.name);
      await appStarted();
    });
    await visit('article', async () => {
      await page.goto(u(sub(`bai-viet/${item.slug}`)));
      await h1(page, item.title);
      await appStarted();
    });
    await visit('search with results', async () => {
      await page.goto(u(sub(`tim-kiem?q=${encodeURIComponent(item.title.split(/\s+/).slice(0, 2).join(' '))}`)));
      await page.getByText(/^Tìm thấy [1-9]\d* kết quả cho/).waitFor({ timeout: 20_000 });
    });
    await visit('404', async () => {
      await page.goto(u(sub('khong-co-trang')));
      await h1(page, NOT_FOUND);
      await appStarted();
    });
    const rendered = (frame) =>
      waitUntil(() => frame.evaluate(() => document.querySelector('bantin-tin')?.getAttribute('data-trang-thai') === 'xong'), {
        message: 'the widget renders',
      });
    await visit('embed page', async () => {
      await page.goto(u(sub('nhung/')));
      await page.getByRole('heading', { level: 1, name: 'Nhúng tin vào trang khác' }).waitFor();
      await rendered(page);
    });
    await visit('embed frame', async () => {
      await page.goto(u(sub('nhung/khung/?loai=moi-nhat&so-tin=3')));
      await rendered(page);
    });
    // A partner's page on another origin (the test's plain server), with a strict policy of its own.
    const portal = `http://127.0.0.1:${port}`;
    const style = csp(await head(sub('nhung/khung/')))
      .match(/style-src ([^;]+)/)[1]
      .split(' ')
      .filter((s) => s.startsWith("'sha256-"))
      .join(' ');
    const partner = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': partnerPolicy(portal, style) });
      res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đối tác</title></head><body>
<script src="${portal}${BASE}embed.js" async></script>
<bantin-tin loai="moi-nhat" so-tin="3"><a href="${portal}${BASE}">Xem tin</a></bantin-tin>
<iframe id="the" src="${portal}${BASE}nhung/khung/?loai=bai-viet&amp;bai=${item.slug}" title="Tin" width="600" height="126"></iframe>
<iframe id="trang" src="${portal}${BASE}" title="Trang" width="600" height="200"></iframe></body></html>`);
    });
    await new Promise((resolve) => partner.listen(0, '127.0.0.1', resolve));
    try {
      await visit('widget and frames on another origin', async () => {
        await page.goto(`http://127.0.0.1:${partner.address().port}/`);
        await rendered(page);
        await rendered((await page.$('#the').then((f) => f.contentFrame())));
        // The site itself refuses to be framed there.
        const framed = await (await page.$('#trang')).contentFrame();
        await waitUntil(() => framed.url().startsWith('chrome-error://'), { message: 'the site is not framed' });
      });
    } finally {
      await new Promise((resolve) => partner.close(resolve));
    }
    t.diagnostic(`nginx: violations per page: ${JSON.stringify(counts)}`);
    assert.deepEqual(violations, [], 'no Content-Security-Policy violation through nginx');
    assertNoErrors({ allow: [NETWORK_ERROR, /frame-ancestors/] });
  } finally {
    child.kill('SIGTERM');
  }
});

// ------------------------------------------------------------------ real Apache

const APACHE = ['/usr/sbin/apache2', '/usr/sbin/httpd'].find((p) => existsSync(p));
const APACHE_MODULES = ['/usr/lib/apache2/modules', '/usr/lib64/httpd/modules'].find((p) => existsSync(p));

test('Apache reads the generated .htaccess and sends each route its security headers', { skip: APACHE && APACHE_MODULES ? false : 'Apache is not installed (apt-get install apache2)' }, async (t) => {
  const out = path.join(tmp, 'dist-sub');
  const prefix = path.join(tmp, 'apache');
  const web = path.join(prefix, 'www');
  cpSync(out, path.join(web, 'tin-tuc'), { recursive: true });
  const port = await new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const modules = ['mpm_event', 'authz_core', 'mime', 'dir', 'rewrite', 'headers', 'expires'];
  const user = process.getuid?.() === 0 ? 'User www-data\nGroup www-data\n' : '';
  writeFileSync(
    path.join(prefix, 'httpd.conf'),
    `ServerRoot ${prefix}\nServerName 127.0.0.1\nListen 127.0.0.1:${port}\nPidFile ${prefix}/httpd.pid\nErrorLog ${prefix}/error.log\n` +
      modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join('\n') +
      `\n${user}TypesConfig /etc/mime.types\nDocumentRoot ${web}\n<Directory ${web}>\n  AllowOverride All\n  Require all granted\n</Directory>\n`,
  );
  execFileSync('chmod', ['-R', 'a+rX', prefix]);
  const args = ['-f', path.join(prefix, 'httpd.conf')];
  const check = spawnSync(APACHE, [...args, '-t'], { encoding: 'utf8' });
  assert.equal(check.status, 0, `apache2 -t: ${check.stderr}`);
  const { spawn } = await import('node:child_process');
  const child = spawn(APACHE, [...args, '-DFOREGROUND'], { stdio: 'ignore' });
  try {
    const u = (p) => `http://127.0.0.1:${port}${p}`;
    await waitUntil(async () => (await fetch(u(BASE)).catch(() => ({ ok: false }))).ok, { message: 'Apache answers' });
    const get = async (p) => {
      const r = await fetch(u(p), { redirect: 'manual' });
      await r.arrayBuffer();
      return r;
    };
    const item = data('moi-nhat/1.json').items[0];
    const routes = {
      site: [BASE, sub(`bai-viet/${item.slug}`), sub('khong-co-trang'), sub('nhung/')],
      frame: [sub('nhung/khung/'), sub('nhung/khung')],
      shared: [sub('data/site.json'), sub('embed.js'), sub('config.json')],
    };
    const seen = {};
    for (const [route, paths] of Object.entries(routes)) {
      for (const p of paths) {
        const r = await get(p);
        const h = (n) => r.headers.get(n);
        assert.ok([200, 404].includes(r.status), `${p}: ${r.status}`);
        assert.equal(h('referrer-policy'), 'strict-origin-when-cross-origin', p);
        assert.equal(h('x-content-type-options'), 'nosniff', p);
        if (route === 'site') {
          assert.match(h('content-security-policy'), /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-.*frame-ancestors 'none'$/, p);
          assert.equal(h('x-frame-options'), 'DENY', p);
          assert.equal(h('cross-origin-opener-policy'), 'same-origin', p);
          assert.equal(h('access-control-allow-origin'), null, p);
        } else if (route === 'frame') {
          assert.match(h('content-security-policy'), /frame-ancestors \*$/, p);
          assert.equal(h('x-frame-options'), null, p);
          assert.equal(h('cross-origin-opener-policy'), null, p);
        } else {
          assert.equal(h('content-security-policy'), "default-src 'none'; frame-ancestors 'none'", p);
          assert.equal(h('access-control-allow-origin'), '*', p);
          assert.equal(h('cross-origin-resource-policy'), 'cross-origin', p);
        }
        seen[route] ??= h('content-security-policy');
      }
    }
    // The same policy as nginx's (one definition, three idioms).
    const conf = readFileSync(path.join(out, 'nginx.conf'), 'utf8');
    assert.ok(conf.includes(`add_header Content-Security-Policy "${seen.site}" always;`));
    assert.ok(conf.includes(`add_header Content-Security-Policy "${seen.frame}" always;`));

    // A page through Apache runs without a policy violation.
    const violations = await watchViolations(context);
    await page.goto(u(sub(`bai-viet/${item.slug}`)));
    await h1(page, item.title);
    await appStarted();
    await page.waitForTimeout(300);
    t.diagnostic(`Apache: violations on an article: ${violations.length}`);
    assert.deepEqual(violations, []);
    assertNoErrors();
  } finally {
    child.kill('SIGTERM');
  }
});

// ------------------------------------------------------------------ widgets under the sub-path

test('a widget on another origin loads from the sub-path and links under it', async () => {
  const hostServer = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trang đối tác</title>
<link rel="icon" href="data:,"></head><body><h1>Trang đối tác</h1>
<script src="${origin}${BASE}embed.js" async></script>
<bantin-tin loai="moi-nhat" so-tin="3"><a href="${origin}${BASE}">Xem tin tại cổng</a></bantin-tin>
</body></html>`);
  });
  await new Promise((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  try {
    const hostUrl = `http://127.0.0.1:${hostServer.address().port}/`;
    await page.goto(hostUrl);
    await waitUntil(() => page.evaluate(() => document.querySelector('bantin-tin')?.getAttribute('data-trang-thai') === 'xong'), {
      message: 'the widget renders',
    });
    const hrefs = await page.evaluate(() =>
      [...document.querySelector('bantin-tin').shadowRoot.querySelectorAll('li a')].map((a) => a.getAttribute('href')),
    );
    const latest = data('moi-nhat/1.json').items.slice(0, 3);
    assert.deepEqual(hrefs, latest.map((it) => `${origin}${BASE}bai-viet/${it.slug}`));
    const outside = requests.filter((u) => !u.startsWith('data:') && !u.startsWith(hostUrl) && !u.startsWith(`${origin}${BASE}`));
    assert.deepEqual(outside, [], 'every widget request stays under the sub-path');
    assert.deepEqual(errors, []);
  } finally {
    await new Promise((resolve) => hostServer.close(resolve));
  }
});
