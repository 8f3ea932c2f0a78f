// Embeddable widgets on a foreign page: a host page served by a second small server
// (another port, so another origin) whose CSS is hostile (global resets, `!important`
// on a, li, div and img, a 40px root font size) embeds the portal's news with
// dist/embed.js, with the iframe page (nhung/khung/) and through oEmbed.
//
// Set E2E_SHOTS=/some/dir to keep screenshots of the host pages and the embed page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { DIST, axeViolations, readData, useSite, waitUntil } from './helpers.mjs';

const site = useSite();

const HOSTILE_CSS = `
html { font-size: 40px !important; }
* { margin: 0 !important; padding: 0 !important; box-sizing: content-box !important; }
a { color: rgb(255, 0, 255) !important; font-size: 30px !important; text-decoration: line-through !important; display: block !important; }
li { list-style: square !important; font-size: 28px !important; color: rgb(0, 128, 0) !important; border: 5px solid rgb(255, 0, 0) !important; }
div { background: rgb(255, 255, 0) !important; font-family: serif !important; padding: 20px !important; }
img { width: 500px !important; height: 500px !important; border: 10px solid rgb(0, 0, 255) !important; }
`;

// Heights from crates/widgets/src/options.rs `layout`.
const HEAD = 40;
const FOOT = 36;
const ROW_COMPACT = 48;
const ROW_THUMB = 76;
const BORDER = 2;

/** The host site: pages set by the tests, served from another port. */
const host = { pages: new Map(), server: null, url: '' };

before(async () => {
  host.server = http.createServer((req, res) => {
    const body = host.pages.get(new URL(req.url, 'http://x').pathname);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'không có');
  });
  await new Promise((resolve) => host.server.listen(0, '127.0.0.1', resolve));
  host.url = `http://127.0.0.1:${host.server.address().port}`;
});

after(() => new Promise((resolve) => host.server.close(resolve)));

function hostPage(name, body) {
  host.pages.set(`/${name}`, `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Trang của đơn vị</title><link rel="icon" href="data:,"><style>${HOSTILE_CSS}</style>
<script>window.__before = Object.getOwnPropertyNames(window);</script></head>
<body>
<div id="dau-trang">Trang của một trường học</div>
<ul id="ds-host"><li>Mục của trang chủ</li></ul>
<a id="lk-host" href="/lien-he">Liên hệ</a>
<img id="anh-host" alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
${body}
<p id="cuoi-trang">Hết trang</p>
</body></html>`);
  return `${host.url}/${name}`;
}

async function shot(page, name) {
  if (process.env.E2E_SHOTS) {
    await page.screenshot({ path: path.join(process.env.E2E_SHOTS, `${name}.png`), fullPage: true });
  }
}

/** Waits until the widget `selector` has rendered, then reads what its shadow root shows. */
async function readWidget(page, selector) {
  await waitUntil(() => page.evaluate((s) => document.querySelector(s)?.getAttribute('data-trang-thai') === 'xong', selector), {
    message: `widget ${selector} to render`,
  });
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    const root = el.shadowRoot;
    const px = (e, p) => (e ? getComputedStyle(e)[p] : null);
    const first = root.querySelector('li a');
    return {
      height: Math.round(el.getBoundingClientRect().height),
      heading: root.querySelector('h2')?.textContent ?? null,
      titles: [...root.querySelectorAll('li .t')].map((t) => t.textContent),
      hrefs: [...root.querySelectorAll('li a')].map((a) => a.href),
      targets: [...root.querySelectorAll('li a')].map((a) => a.target),
      error: root.querySelector('.e')?.textContent ?? null,
      imgs: [...root.querySelectorAll('img')].map((i) => [i.getBoundingClientRect().width, i.getBoundingClientRect().height]),
      linkColor: px(first, 'color'),
      linkDecoration: px(first, 'textDecorationLine'),
      titleSize: px(root.querySelector('.t'), 'fontSize'),
      rowHeight: root.querySelector('li') ? Math.round(root.querySelector('li').getBoundingClientRect().height) : null,
      background: px(root.querySelector('.w'), 'backgroundColor'),
    };
  }, selector);
}

test('two widgets of different kinds render on a hostile foreign page, which keeps its own styles', async () => {
  const { page } = site;
  const latest = readData('moi-nhat/1.json');
  const cat = readData('site.json').categories.find((c) => readData(`chuyen-muc/${c.slug}/1.json`).items.length >= 3);
  const catListing = readData(`chuyen-muc/${cat.slug}/1.json`);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(
    hostPage(
      'hai-hop.html',
      `<script src="${site.url('/embed.js')}" async></script>
<bantin-tin id="w1" loai="moi-nhat" so-tin="4"><a href="${site.url('/moi-nhat')}">Tin mới</a></bantin-tin>
<p id="giua">Giữa hai hộp</p>
<bantin-tin id="w2" loai="chuyen-muc" muc="${cat.slug}" so-tin="3" kieu="gon" giao-dien="toi" tab-moi><a href="${site.url('/')}">Tin</a></bantin-tin>`,
    ),
  );
  // Space is reserved before the widget loads, and the widget fills exactly that space.
  const w1Reserved = HEAD + 4 * ROW_THUMB + FOOT + BORDER;
  const w2Reserved = HEAD + 3 * ROW_COMPACT + FOOT + BORDER;
  const top = (id) => page.evaluate((i) => document.getElementById(i).getBoundingClientRect().top + window.scrollY, id);
  const before = await top('giua');
  const w1 = await readWidget(page, '#w1');
  assert.equal(await top('giua'), before, 'the host content below the widget did not move');
  // The second widget is further down than the viewport: it renders once scrolled near.
  const beforeEnd = await top('cuoi-trang');
  await page.locator('#w2').scrollIntoViewIfNeeded();
  const w2 = await readWidget(page, '#w2');
  assert.equal(await top('cuoi-trang'), beforeEnd, 'the host content below the second widget did not move');

  assert.equal(w1.heading, 'Tin mới nhất');
  assert.deepEqual(w1.titles, latest.items.slice(0, 4).map((i) => i.title));
  assert.deepEqual(w1.hrefs, latest.items.slice(0, 4).map((i) => site.url(`/bai-viet/${i.slug}`)));
  assert.deepEqual(w1.targets, ['', '', '', '']);
  assert.equal(w1.height, w1Reserved);
  assert.equal(w1.rowHeight, ROW_THUMB);
  assert.equal(w1.titleSize, '14px', 'the host root font size does not reach the widget');
  assert.notEqual(w1.linkColor, 'rgb(255, 0, 255)');
  assert.equal(w1.linkDecoration, 'none');
  assert.ok(w1.imgs.length > 0 && w1.imgs.every(([w, h]) => w === 80 && h === 60), `thumbnails ${JSON.stringify(w1.imgs)}`);
  assert.equal(w1.background, 'rgb(255, 255, 255)');

  assert.equal(w2.heading, cat.name);
  assert.deepEqual(w2.titles, catListing.items.slice(0, 3).map((i) => i.title));
  assert.deepEqual(w2.targets, ['_blank', '_blank', '_blank']);
  const described = await page.evaluate(() => {
    const root = document.getElementById('w2').shadowRoot;
    const a = root.querySelector('li a');
    return root.getElementById(a.getAttribute('aria-describedby'))?.textContent;
  });
  assert.equal(described, 'Mở trong thẻ mới');
  assert.deepEqual(w2.imgs, [], 'the compact style has no thumbnails');
  assert.equal(w2.height, w2Reserved);
  assert.equal(w2.background, 'rgb(22, 27, 36)', 'dark theme');

  // The host's own elements keep the host's styles: the widget's CSS never leaks out.
  const hostStyles = await page.evaluate(() => {
    const cs = (id) => getComputedStyle(document.getElementById(id));
    return {
      a: [cs('lk-host').color, cs('lk-host').fontSize, cs('lk-host').textDecorationLine],
      li: [getComputedStyle(document.querySelector('#ds-host li')).color, getComputedStyle(document.querySelector('#ds-host li')).borderTopWidth],
      div: [cs('dau-trang').backgroundColor, cs('dau-trang').paddingTop],
      img: [cs('anh-host').width, cs('anh-host').borderTopColor],
      root: getComputedStyle(document.documentElement).fontSize,
      globals: Object.getOwnPropertyNames(window).filter((k) => k !== '__before' && !window.__before.includes(k)),
    };
  });
  assert.deepEqual(hostStyles.a, ['rgb(255, 0, 255)', '30px', 'line-through']);
  assert.deepEqual(hostStyles.li, ['rgb(0, 128, 0)', '5px']);
  assert.deepEqual(hostStyles.div, ['rgb(255, 255, 0)', '20px']);
  assert.deepEqual(hostStyles.img, ['500px', 'rgb(0, 0, 255)']);
  assert.equal(hostStyles.root, '40px');
  assert.deepEqual(hostStyles.globals, ['BanTinNhung'], 'one namespaced global');
  // The widget module loaded once for both widgets.
  assert.equal(requests.filter((u) => u.endsWith('_bg.wasm')).length, 1);
  await shot(page, 'host-two-widgets');
  site.assertNoErrors();
});

test('the bytes a host page downloads for one widget stay within 60 KB brotli', async () => {
  const { page } = site;
  const bodies = [];
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (u.origin === new URL(site.url('/')).origin && !u.pathname.startsWith('/anh/')) {
      bodies.push(r.body().then((b) => ({ path: u.pathname, raw: b.length, br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length })));
    }
  });
  await page.goto(hostPage('mot-hop.html', `<script src="${site.url('/embed.js')}" async></script>
<bantin-tin id="mot" loai="moi-nhat"><a href="${site.url('/moi-nhat')}">Tin mới</a></bantin-tin>`));
  await readWidget(page, '#mot');
  const got = await Promise.all(bodies);
  const kinds = got.map((g) => g.path.replace(/-[0-9a-f]{16}/, '-<hash>')).sort();
  assert.deepEqual(kinds, ['/data/moi-nhat/1.json', '/embed.js', '/widget/bantin-widgets-<hash>-start.js', '/widget/bantin-widgets-<hash>.js', '/widget/bantin-widgets-<hash>_bg.wasm']);
  const total = got.reduce((s, g) => s + g.br, 0);
  console.log(`widget first view as fetched: ${got.map((g) => `${g.path} ${g.br} B`).join(', ')}; total ${total} B brotli`);
  assert.ok(total <= 60 * 1024, `${total} B brotli is over 60 KB`);
  site.assertNoErrors();
});

test('a widget added after load renders, and one far below loads only when scrolled near', async () => {
  const { page } = site;
  const tag = readData(`the/${pickTag()}/1.json`);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(
    hostPage(
      'muon.html',
      `<script src="${site.url('/embed.js')}" async></script>
<div style="height:3000px">Khoảng trống dài</div>
<bantin-tin id="xa" loai="lien-ket" so-tin="3"><a href="${site.url('/')}">Liên kết</a></bantin-tin>`,
    ),
  );
  await page.waitForFunction(() => window.BanTinNhung);
  await page.waitForTimeout(300);
  assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 0, 'no widget module before a widget nears the viewport');
  assert.equal(await page.evaluate(() => document.getElementById('xa').shadowRoot), null);

  await page.evaluate((slug) => {
    const el = document.createElement('bantin-tin');
    el.id = 'sau';
    el.setAttribute('loai', 'the');
    el.setAttribute('muc', slug);
    el.setAttribute('so-tin', '2');
    document.body.prepend(el);
  }, tag.term.slug);
  const added = await readWidget(page, '#sau');
  assert.equal(added.heading, `Chủ đề: ${tag.term.name}`);
  assert.deepEqual(added.titles, tag.items.slice(0, 2).map((i) => i.title));
  assert.equal(await page.evaluate(() => document.getElementById('xa').shadowRoot), null, 'the far widget still waits');

  await page.evaluate(() => document.getElementById('xa').scrollIntoView());
  const links = await readWidget(page, '#xa');
  const siteLinks = readData('site.json').links;
  assert.equal(links.heading, 'Liên kết');
  assert.deepEqual(links.titles, siteLinks.slice(0, 3).map((l) => l.name));
  site.assertNoErrors();
});

function pickTag() {
  // The tag of the newest article that has one.
  for (const item of readData('moi-nhat/1.json').items) {
    const a = readData(`bai-viet/${item.slug}.json`);
    if (a.tags?.length) return a.tags[0].slug;
  }
  throw new Error('no article has a tag');
}

test('related news and bad attributes: the widget says what is wrong, in Vietnamese', async () => {
  const { page } = site;
  const article = readData('moi-nhat/1.json').items.map((i) => readData(`bai-viet/${i.slug}.json`)).find((a) => a.related?.length >= 2);
  await page.goto(
    hostPage(
      'lien-quan.html',
      `<script src="${site.url('/embed.js')}"></script>
<bantin-tin id="lq" loai="lien-quan" bai="${article.slug}" so-tin="2"></bantin-tin>
<bantin-tin id="sai" loai="tat-ca"></bantin-tin>
<bantin-tin id="mat" loai="chuyen-muc" muc="khong-co-muc-nay"></bantin-tin>`,
    ),
  );
  const related = await readWidget(page, '#lq');
  assert.equal(related.heading, 'Tin liên quan');
  assert.deepEqual(related.titles, article.related.slice(0, 2).map((r) => r.title));
  const wrong = await readWidget(page, '#sai');
  assert.match(wrong.error, /Không có loại tin "tat-ca"/);
  const missing = await readWidget(page, '#mat');
  assert.match(missing.error, /Không tìm thấy mục tin này/);
  await shot(page, 'host-related-and-errors');
  site.assertNoErrors({ allow: [/^Failed to load resource: /] });
});

test('with scripts off, the fallback link inside the element is there', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(
      hostPage(
        'tat-script.html',
        `<script src="${site.url('/embed.js')}"></script>
<bantin-tin loai="moi-nhat"><a id="du-phong" href="${site.url('/moi-nhat')}">Xem tin mới tại cổng thông tin</a></bantin-tin>`,
      ),
    );
    const link = page.locator('#du-phong');
    assert.ok(await link.isVisible());
    assert.equal(await link.getAttribute('href'), site.url('/moi-nhat'));
    assert.equal(await page.evaluate(() => document.querySelector('bantin-tin').shadowRoot), null);
  } finally {
    await context.close();
  }
});

test('the embed page previews a widget and its iframe snippet reports the height to a foreign parent', async () => {
  const { page } = site;
  // Without the trailing slash: the page's <base href> keeps its URLs right.
  await page.goto(site.url('/nhung'));
  await page.getByRole('heading', { level: 1, name: 'Nhúng tin vào trang khác' }).waitFor();
  await page.getByLabel('Loại hộp tin').selectOption('chuyen-muc');
  await page.getByLabel('Số tin (1–10)').fill('3');
  await page.getByLabel('Gọn (chỉ tiêu đề)').check();
  const category = await page.locator('select[name="chuyen-muc"]').inputValue();
  const listing = readData(`chuyen-muc/${category}/1.json`);
  const preview = await readWidget(page, '#xem bantin-tin');
  assert.deepEqual(preview.titles, listing.items.slice(0, 3).map((i) => i.title));
  const script = await page.locator('#ma-script').inputValue();
  assert.ok(script.includes(`<script src="${site.url('/embed.js')}" async></script>`), script);
  assert.ok(script.includes(`<bantin-tin loai="chuyen-muc" muc="${category}" so-tin="3" kieu="gon">`), script);
  assert.deepEqual(await axeViolations(page), [], 'axe on the embed page at 1280 px');
  await page.setViewportSize({ width: 360, height: 800 });
  assert.deepEqual(await axeViolations(page), [], 'axe on the embed page at 360 px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');
  await page.setViewportSize({ width: 1280, height: 800 });
  // The WordPress shortcode, and the plugin's zip it links to.
  assert.equal(await page.locator('#ma-wp').inputValue(), `[bantin loai="chuyen-muc" muc="${category}" so-tin="3" kieu="gon"]`);
  const zip = await page.getByRole('link', { name: 'plugin bantin cho WordPress' }).getAttribute('href');
  const download = await fetch(new URL(zip, await page.evaluate(() => document.baseURI)));
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/zip');
  assert.equal(Buffer.from(await download.arrayBuffer()).subarray(0, 4).toString('binary'), 'PK\x03\x04');
  await shot(page, 'embed-page');

  await site.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url('') });
  await page.getByRole('button', { name: 'Chép mã khung' }).click();
  await page.getByText('Đã chép mã vào bộ nhớ tạm.').waitFor();
  const snippet = await page.locator('#ma-khung').inputValue();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

  // The iframe snippet, pasted as is into a page of another origin, with a recorder
  // of every height the iframe takes while it loads.
  const recorder = `<script>window.__heights = [];
new MutationObserver(function (list) {
  list.forEach(function (m) { if (m.target.tagName === 'IFRAME') window.__heights.push(+m.target.height); });
}).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['height'] });</script>`;
  await page.goto(hostPage('khung.html', recorder + snippet));
  const expected = HEAD + 3 * ROW_COMPACT + FOOT + BORDER;
  assert.ok(snippet.includes(` height="${expected}"`), `the snippet reserves ${expected}px: ${snippet}`);
  const frame = page.locator('iframe');
  await waitUntil(async () => (await frame.evaluate((f) => f.getBoundingClientRect().height)) === expected, {
    message: `the iframe to take the widget's height ${expected}px`,
  });
  const inner = page.frameLocator('iframe').locator('bantin-tin');
  await waitUntil(async () => (await inner.getAttribute('data-trang-thai')) === 'xong', { message: 'the framed widget' });
  const heights = await page.evaluate(() => window.__heights);
  assert.ok(heights.every((h) => h === expected), `the iframe's height never left ${expected}px while loading: ${heights}`);
  // Heights are clamped to [100, 2000].
  await page.evaluate(() => {
    const id = document.querySelector('iframe').id;
    window.postMessage({ type: 'bantin:height', id, height: 99999 }, '*');
  });
  await page.waitForTimeout(100);
  assert.equal(await frame.evaluate((f) => f.getBoundingClientRect().height), expected, 'messages from other origins are ignored');
  await shot(page, 'host-iframe');
  site.assertNoErrors();
});

test('oEmbed: an article page links its oEmbed document, whose iframe shows the article card', async () => {
  const { page } = site;
  const item = readData('moi-nhat/1.json').items[0];
  const res = await fetch(site.url(`/bai-viet/${item.slug}/`));
  const html = await res.text();
  const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/);
  assert.ok(link, 'discovery link in the head');
  const doc = JSON.parse(readFileSync(path.join(DIST, 'oembed', `${item.slug}.json`), 'utf8'));
  assert.equal(new URL(link[1]).pathname, `/oembed/${item.slug}.json`);
  assert.equal(doc.version, '1.0');
  assert.equal(doc.type, 'rich');
  assert.equal(doc.title, item.title);
  // WordPress's shape: a bare <blockquote> link fallback, then a borderless iframe.
  assert.ok(doc.html.startsWith(`<blockquote><a href="${doc.url}">`), doc.html);
  assert.match(doc.html, /<\/blockquote><iframe src="[^"]+\/nhung\/khung\/\?loai=bai-viet&amp;bai=[^"]+" width="100%" height="126" frameborder="0" /);
  // The card, served by the portal (base_url points elsewhere in the sample site).
  const src = new URL(doc.html.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  await page.goto(hostPage('oembed.html', `<iframe src="${site.url(src.pathname + src.search)}" width="${doc.width}" height="${doc.height}" style="border:0"></iframe>`));
  const card = page.frameLocator('iframe').locator('bantin-tin');
  await waitUntil(async () => (await card.getAttribute('data-trang-thai')) === 'xong', { message: 'the card' });
  const shown = await card.evaluate((el) => ({
    title: el.shadowRoot.querySelector('.t').textContent,
    href: el.shadowRoot.querySelector('a').href,
    target: el.shadowRoot.querySelector('a').target,
    height: Math.round(el.getBoundingClientRect().height),
  }));
  assert.deepEqual(shown, { title: item.title, href: site.url(`/bai-viet/${item.slug}`), target: '_blank', height: doc.height });
  await shot(page, 'host-oembed-card');
  site.assertNoErrors();
});
