// Security headers and the Content-Security-Policy (docs/security.md), with the site
// served by `bantin serve`:
//   - a `securitypolicyviolation` listener records no violation on any kind of page:
//     home, a listing, an article (loaded and reached inside the app), search with
//     results, the 404 page, the embed page, the embed frame, and a widget and the
//     frame on another origin whose own policy is strict;
//   - an inline script or handler injected into a page's HTML is blocked;
//   - another origin cannot frame the site, and can frame the embed frame;
//   - every inline script of every HTML file in dist/ is allowed by its hash, and no
//     page has markup no hash can allow (`on…=` handlers, `style=` attributes);
//   - nginx.conf, .htaccess and _headers, parsed, send every header on every route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import {
  DIST,
  NOT_FOUND,
  ROOT,
  SITE_NAME,
  appReady,
  categoryWithPages,
  directives,
  h1,
  inlineScripts,
  navigateInApp,
  partnerPolicy,
  readData,
  sha256Source,
  useSite,
  waitUntil,
  watchViolations,
} from './helpers.mjs';

const site = useSite();

/** Another origin: pages set by the tests, each with the headers it is given. */
const other = { pages: new Map(), server: null, url: '' };

before(async () => {
  other.server = http.createServer((req, res) => {
    const page = other.pages.get(new URL(req.url, 'http://x').pathname);
    res.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', ...(page?.headers ?? {}) });
    res.end(page?.body ?? 'không có');
  });
  await new Promise((resolve) => other.server.listen(0, '127.0.0.1', resolve));
  other.url = `http://127.0.0.1:${other.server.address().port}`;
});

after(() => new Promise((resolve) => other.server.close(resolve)));

function otherPage(name, body, headers = {}) {
  other.pages.set(`/${name}`, {
    headers,
    body: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trang đối tác</title>
<link rel="icon" href="data:,"></head><body><h1>Trang đối tác</h1>${body}</body></html>`,
  });
  return `${other.url}/${name}`;
}

/** The SHA-256 source of the widget's stylesheet, read from its Rust source. */
function widgetStyleHash() {
  const src = readFileSync(path.join(ROOT, 'crates/widgets/src/style.rs'), 'utf8');
  const body = src.match(/pub const CSS: &str = "\\\n([\s\S]*?)";/)[1];
  return sha256Source(body.replace(/\\\n/g, ''));
}

const ARTICLE = readData('moi-nhat/1.json').items[0];
const CATEGORY = categoryWithPages(1);

/** Counts violations per page while `visit` runs, and fails when there is one. */
async function expectNoViolations(t, visits) {
  const violations = await watchViolations(site.context);
  const counts = {};
  for (const [name, visit] of visits) {
    const before = violations.length;
    await visit(site.page);
    // Late work (idle prefetch, lazy images, the widget module) has its chance to run.
    await site.page.waitForTimeout(300);
    counts[name] = violations.length - before;
  }
  t.diagnostic(`violations per page: ${JSON.stringify(counts)}`);
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  site.assertNoErrors();
}

test('no policy violation on any kind of page, loaded or reached inside the app', { timeout: 120_000 }, async (t) => {
  const q = ARTICLE.title.split(/\s+/).slice(0, 2).join(' ');
  await expectNoViolations(t, [
    [
      'home',
      async (page) => {
        await page.goto('/');
        await h1(page);
        await appReady(page);
      },
    ],
    [
      'listing (in the app)',
      async (page) => {
        await navigateInApp(page, `/chuyen-muc/${CATEGORY.slug}`);
        await h1(page, CATEGORY.name);
      },
    ],
    [
      'article (in the app)',
      async (page) => {
        await navigateInApp(page, `/bai-viet/${ARTICLE.slug}`);
        await h1(page, ARTICLE.title);
      },
    ],
    [
      'search with results (in the app)',
      async (page) => {
        await navigateInApp(page, `/tim-kiem?q=${encodeURIComponent(q)}`);
        await page.getByText(/^Tìm thấy [1-9]\d* kết quả cho/).waitFor({ timeout: 20_000 });
      },
    ],
    [
      'article',
      async (page) => {
        await page.goto(`/bai-viet/${ARTICLE.slug}`);
        await h1(page, ARTICLE.title);
        await appReady(page);
      },
    ],
    [
      'listing',
      async (page) => {
        await page.goto(`/chuyen-muc/${CATEGORY.slug}`);
        await h1(page, CATEGORY.name);
        await appReady(page);
      },
    ],
    [
      'search with results',
      async (page) => {
        await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
        await h1(page, 'Tìm kiếm');
        await page.getByText(/^Tìm thấy [1-9]\d* kết quả cho/).waitFor({ timeout: 20_000 });
      },
    ],
    [
      '404',
      async (page) => {
        await page.goto('/khong-co-trang-nay');
        await h1(page, NOT_FOUND);
        await appReady(page);
      },
    ],
    [
      'embed page',
      async (page) => {
        await page.goto('/nhung/');
        await page.getByRole('heading', { level: 1, name: 'Nhúng tin vào trang khác' }).waitFor();
        await waitUntil(() => page.evaluate(() => document.querySelector('#xem bantin-tin')?.getAttribute('data-trang-thai') === 'xong'), {
          message: 'the preview widget renders',
        });
      },
    ],
    [
      'embed frame',
      async (page) => {
        await page.goto('/nhung/khung/?loai=moi-nhat&so-tin=3');
        await waitUntil(() => page.evaluate(() => document.querySelector('bantin-tin')?.getAttribute('data-trang-thai') === 'xong'), {
          message: 'the framed widget renders',
        });
      },
    ],
    [
      'widget and frame on another origin with a strict policy',
      async (page) => {
        const portal = site.url('');
        await page.goto(
          otherPage(
            'doi-tac.html',
            `<script src="${portal}/embed.js" async></script>
<bantin-tin loai="moi-nhat" so-tin="3"><a href="${portal}/">Xem tin tại cổng</a></bantin-tin>
<iframe id="khung" src="${portal}/nhung/khung/?loai=bai-viet&amp;bai=${ARTICLE.slug}" title="Tin" width="600" height="126"></iframe>`,
            { 'Content-Security-Policy': partnerPolicy(portal, widgetStyleHash()) },
          ),
        );
        await waitUntil(() => page.evaluate(() => document.querySelector('bantin-tin')?.getAttribute('data-trang-thai') === 'xong'), {
          message: 'the widget renders on the partner page',
        });
        const card = page.frameLocator('#khung').locator('bantin-tin');
        await waitUntil(async () => (await card.getAttribute('data-trang-thai')) === 'xong', { message: 'the framed card renders' });
      },
    ],
  ]);
});

test('an inline script or handler injected into a page is blocked, and the page still works', { timeout: 60_000 }, async () => {
  const { page, context } = site;
  const violations = await watchViolations(context);
  await page.route(
    (u) => u.pathname === `/bai-viet/${ARTICLE.slug}`,
    async (route) => {
      const res = await route.fetch();
      const html = (await res.text())
        .replace('</head>', '<script>window.__injected = true;</script></head>')
        .replace('<main', '<img src="/khong-co.png" alt="" onerror="window.__handler = true"><main');
      // The server's own headers (its policy) with the changed page.
      await route.fulfill({ response: res, body: html });
    },
  );
  await page.goto(`/bai-viet/${ARTICLE.slug}`);
  await h1(page, ARTICLE.title);
  await appReady(page);
  await waitUntil(() => violations.length >= 2, { message: 'both injections are reported' });
  assert.equal(await page.evaluate(() => window.__injected), undefined, 'the injected script did not run');
  assert.equal(await page.evaluate(() => window.__handler), undefined, 'the injected handler did not run');
  const seen = violations.map((v) => v.directive).sort();
  assert.deepEqual(seen, ['script-src-attr', 'script-src-elem'], JSON.stringify(violations));
  // The site's own scripts ran: the app took over the page.
  await navigateInApp(page, `/chuyen-muc/${CATEGORY.slug}`);
  await h1(page, CATEGORY.name);
  site.assertNoErrors({ allow: [/Content Security Policy/, /Failed to load resource/] });
});

test('another origin cannot frame the site, and can frame the embed frame', { timeout: 60_000 }, async () => {
  const { page } = site;
  const portal = site.url('');
  await page.goto(
    otherPage(
      'khung.html',
      `<iframe id="trang" src="${portal}/bai-viet/${ARTICLE.slug}" title="Trang" width="800" height="400"></iframe>
<iframe id="chu" src="${portal}/" title="Trang chủ" width="800" height="400"></iframe>
<iframe id="nhung" src="${portal}/nhung/khung/?loai=moi-nhat&amp;so-tin=2" title="Tin" width="400" height="300"></iframe>`,
    ),
  );
  const widget = page.frameLocator('#nhung').locator('bantin-tin');
  await waitUntil(async () => (await widget.getAttribute('data-trang-thai')) === 'xong', { message: 'the embed frame renders' });
  for (const id of ['trang', 'chu']) {
    const frame = await (await page.$(`#${id}`)).contentFrame();
    await waitUntil(() => frame.url().startsWith('chrome-error://'), {
      message: `the framed page #${id} is refused (is ${frame.url()})`,
    });
    const shown = await frame.content();
    assert.ok(!shown.includes(SITE_NAME) && !shown.includes(ARTICLE.title), `nothing of the site shows in #${id}`);
  }
  const refused = site.errors.filter((e) => /frame-ancestors/.test(e.text));
  assert.equal(refused.length, 2, JSON.stringify(site.errors));
  site.errors.length = 0;
});

test("every inline script of every page is allowed by the policy's hashes, and no page needs unsafe-inline", async () => {
  const walk = (dir) =>
    readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  const pages = walk(DIST).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 50, `${pages.length} HTML files`);
  const policies = new Map();
  const csp = async (rel) => {
    const route = rel.startsWith('nhung/khung/') ? 'frame' : 'site';
    if (!policies.has(route)) {
      const res = await fetch(site.url(`/${rel.replace(/index\.html$/, '')}`));
      await res.arrayBuffer();
      policies.set(route, directives(res.headers.get('content-security-policy')));
    }
    return policies.get(route);
  };
  let scripts = 0;
  for (const file of pages) {
    const rel = path.relative(DIST, file).split(path.sep).join('/');
    const html = readFileSync(file, 'utf8');
    const d = await csp(rel);
    for (const s of inlineScripts(html)) {
      scripts++;
      assert.ok(d['script-src'].includes(sha256Source(s)), `${rel}: an inline script without its hash in the policy: ${s.slice(0, 80)}`);
    }
    const markup = html.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
    assert.doesNotMatch(markup, /<[a-z][^>]*\s(on[a-z]+|style)\s*=/i, `${rel}: a handler or style attribute no policy allows`);
  }
  assert.ok(scripts >= pages.length, `${scripts} inline scripts checked`);
  for (const d of policies.values()) {
    assert.deepEqual(d['script-src'].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
    for (const [name, values] of Object.entries(d)) {
      assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), `${name}: ${values}`);
    }
  }
});

// ------------------------------------------------------------------ the host configs, parsed

/** The headers each route must carry, as `bantin serve` sends them (same policy as the configs). */
async function expectedHeaders() {
  const get = async (p) => {
    const res = await fetch(site.url(p));
    await res.arrayBuffer();
    return res.headers;
  };
  const names = [
    'content-security-policy',
    'x-frame-options',
    'cross-origin-opener-policy',
    'permissions-policy',
    'referrer-policy',
    'x-content-type-options',
    'access-control-allow-origin',
    'cross-origin-resource-policy',
  ];
  const pick = (h) => Object.fromEntries(names.filter((n) => h.get(n) !== null).map((n) => [n, h.get(n)]));
  return {
    site: pick(await get('/')),
    frame: pick(await get('/nhung/khung/')),
    shared: pick(await get('/data/site.json')),
  };
}

/** Paths under the base path `/` and their routes. */
const PATHS = [
  ['', 'site'],
  ['index.html', 'site'],
  [`bai-viet/${ARTICLE.slug}`, 'site'],
  [`chuyen-muc/${CATEGORY.slug}`, 'site'],
  ['moi-nhat', 'site'],
  ['tim-kiem', 'site'],
  ['404.html', 'site'],
  ['nhung', 'site'],
  ['nhung/', 'site'],
  ['sw.js', 'site'],
  ['nhung/khung/', 'frame'],
  ['nhung/khung', 'frame'],
  ['data/site.json', 'shared'],
  ['oembed/a.json', 'shared'],
  ['widget/bantin-widgets-0123456789abcdef_bg.wasm', 'shared'],
  ['embed.js', 'shared'],
  ['config.json', 'shared'],
];

/** The headers nginx sends for a path: the location nginx picks (exact, ^~, regex in order, longest prefix). */
function nginxHeaders(conf, rel) {
  const locations = [...conf.matchAll(/\n {4}location (=|\^~|~)? ?("[^"]+"|\S+) \{([\s\S]*?)\n {4}\}/g)].map((m) => ({
    kind: m[1] ?? '',
    pattern: m[2].replace(/^"|"$/g, ''),
    body: m[3],
  }));
  const uri = `/${rel}`;
  const exact = locations.find((l) => l.kind === '=' && l.pattern === uri);
  let chosen = exact;
  if (!chosen) {
    const prefixes = locations.filter((l) => (l.kind === '' || l.kind === '^~') && uri.startsWith(l.pattern));
    const longest = prefixes.sort((a, b) => b.pattern.length - a.pattern.length)[0];
    if (longest?.kind === '^~') chosen = longest;
    else {
      const regex = locations.find((l) => l.kind === '~' && new RegExp(l.pattern.replace(/\(\?<\w+>/g, '(')).test(uri));
      chosen = regex ?? longest;
    }
  }
  assert.ok(chosen, `nginx: no location for ${uri}`);
  const headers = {};
  for (const m of chosen.body.matchAll(/^\s*add_header (\S+) "((?:[^"\\]|\\.)*)"( always)?;/gm)) {
    const name = m[1].toLowerCase();
    assert.ok(!(name in headers), `nginx: ${name} twice for ${uri}`);
    headers[name] = m[2].replace(/\\(.)/g, '$1');
  }
  return headers;
}

/** The headers Apache sends for a path: the top-level `Header always` lines, then the matching `<If>` blocks. */
function apacheHeaders(conf, rel) {
  const uri = `/${rel}`;
  const headers = {};
  const apply = (text) => {
    for (const m of text.matchAll(/^\s*Header always (set|unset) (\S+)(?: "((?:[^"\\]|\\.)*)")?$/gm)) {
      const name = m[2].toLowerCase();
      if (m[1] === 'unset') delete headers[name];
      else headers[name] = m[3].replace(/\\(.)/g, '$1');
    }
  };
  const ifs = [...conf.matchAll(/\n {2}<If "%\{REQUEST_URI\} =~ m#([^#]+)#">([\s\S]*?)\n {2}<\/If>/g)];
  apply(ifs.reduce((text, m) => text.replace(m[0], ''), conf));
  for (const m of ifs) if (new RegExp(m[1]).test(uri)) apply(m[2]);
  return headers;
}

/** The headers Netlify and Cloudflare Pages send: every matching rule's, values of a name set twice joined. */
function netlifyHeaders(conf, rel) {
  const uri = `/${rel}`;
  const headers = {};
  for (const block of conf.split(/\n(?=\/)/).slice(1)) {
    const [pattern, ...lines] = block.trim().split('\n');
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (!re.test(uri)) continue;
    for (const line of lines) {
      const m = line.match(/^ {2}([^:]+): (.*)$/);
      if (!m) continue;
      const name = m[1].toLowerCase();
      headers[name] = name in headers ? `${headers[name]}, ${m[2]}` : m[2];
    }
  }
  return headers;
}

test('nginx.conf, .htaccess and _headers send every security header on every route, once', async () => {
  const want = await expectedHeaders();
  assert.match(want.site['content-security-policy'], /frame-ancestors 'none'/);
  assert.match(want.frame['content-security-policy'], /frame-ancestors \*/);
  assert.equal(want.site['x-frame-options'], 'DENY');
  assert.equal(want.shared['access-control-allow-origin'], '*');
  const configs = {
    nginx: [readFileSync(path.join(DIST, 'nginx.conf'), 'utf8'), nginxHeaders],
    apache: [readFileSync(path.join(DIST, '.htaccess'), 'utf8'), apacheHeaders],
    netlify: [readFileSync(path.join(DIST, '_headers'), 'utf8'), netlifyHeaders],
  };
  for (const [host, [conf, headersOf]] of Object.entries(configs)) {
    for (const [rel, route] of PATHS) {
      const got = headersOf(conf, rel);
      for (const [name, value] of Object.entries(want[route])) {
        assert.equal(got[name], value, `${host}: ${name} of /${rel} (${route})`);
      }
      // Nothing of another route leaks in (a site page is never readable cross-origin, the frame never DENY).
      for (const name of ['x-frame-options', 'access-control-allow-origin', 'cross-origin-opener-policy']) {
        if (!(name in want[route])) assert.ok(!(name in got), `${host}: /${rel} (${route}) must not send ${name}`);
      }
    }
  }
  // The sample site's base_url is http: no upgrade, no HSTS advice.
  assert.doesNotMatch(configs.nginx[0], /Strict-Transport-Security/);
});
