// (i) Prerendered pages: `bantin build` writes a real HTML document for the home
// page, every article, every category and 404. With JavaScript off (link-preview
// crawlers, search engines, readers) the content, its links and its head tags are
// there; the static markup is the app's markup for the same data; and with
// JavaScript on the app takes the page over without a second h1 or an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_NAME, TITLE_SEP, allArticles, appReady, h1, readData, useSite, vnDateTime, waitUntil } from './helpers.mjs';

const site = useSite();
const settings = readData('site.json');
const BASE_URL = settings.base_url;

/** The article that shows the most: lead, cover, category, tags, related. */
function richArticle() {
  const score = (a) =>
    (a.lead ? 2 : 0) + (a.cover ? 1 : 0) + (a.category ? 1 : 0) + (a.tags?.length ? 1 : 0) + (a.related?.length ? 2 : 0);
  return allArticles().sort((x, y) => score(y) - score(x) || y.size - x.size)[0];
}
const article = richArticle();

/** The text of an article's first paragraph, as the reader sees it. */
function firstParagraph(a) {
  const p = a.body.find((b) => b.type === 'paragraph');
  return p.content.map((r) => r.text ?? '').join('');
}

/** A page with JavaScript turned off (a crawler's or a reader's view). */
async function staticPage(viewport = { width: 1280, height: 800 }) {
  const context = await site.browser.newContext({
    baseURL: site.server.url,
    javaScriptEnabled: false,
    locale: 'vi-VN',
    viewport,
  });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

/**
 * The markup of the page's top-level elements, without comments (the native
 * renderer's `<!>` text separators), scripts, the shell's notes or the
 * share-sheet button (the app adds it only where the browser has one), with
 * each element's attributes in name order and its style as the browser writes
 * it (the order in which a renderer sets attributes is not markup); the
 * Facebook link's address is the site's public one.
 */
function markupOf(page, selector) {
  return page.evaluate(
    ([selector, local, pub]) => {
      const root = document.querySelector(selector).cloneNode(true);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
      const comments = [];
      while (walker.nextNode()) comments.push(walker.currentNode);
      comments.forEach((c) => c.remove());
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const style = el.getAttribute('style') === null ? null : el.style.cssText;
        const attrs = [...el.attributes].map((a) => [a.name, a.value]).sort((x, y) => (x[0] < y[0] ? -1 : 1));
        attrs.forEach(([name]) => el.removeAttribute(name));
        attrs.forEach(([name, value]) => el.setAttribute(name, name === 'style' ? style : value));
      }
      // A <noscript> note is never shown where the app runs.
      root.querySelectorAll('noscript').forEach((n) => n.remove());
      root.querySelectorAll('.bt-tool').forEach((b) => {
        if (b.textContent === 'Chia sẻ…') b.remove();
      });
      return [...root.children]
        .filter((e) => !['SCRIPT', 'NOSCRIPT'].includes(e.tagName) && e.id !== 'bt-boot' && e.id !== 'bt-app')
        .map((e) => e.outerHTML)
        .join('')
        .replaceAll(encodeURIComponent(local), encodeURIComponent(pub));
    },
    [selector, `${site.server.url}/`, BASE_URL],
  );
}

test('with JavaScript off, an article shows its title, lead and body, and its links work', { timeout: 60_000 }, async () => {
  const { page, close } = await staticPage();
  try {
    const a = article;
    const res = await page.goto(`/bai-viet/${a.slug}`);
    assert.equal(res.status(), 200);
    assert.equal(await page.title(), `${a.title}${TITLE_SEP}${SITE_NAME}`);
    const heading = page.getByRole('heading', { level: 1 });
    assert.equal(await heading.count(), 1);
    assert.equal((await heading.innerText()).trim(), a.title);
    assert.ok(await heading.isVisible());
    const main = page.getByRole('main');
    if (a.lead) {
      const lead = main.locator('.bt-article__lead');
      assert.ok(await lead.isVisible());
      assert.equal((await lead.innerText()).trim(), a.lead.trim());
    }
    const body = main.locator('.bt-article__body p').first();
    assert.ok(await body.isVisible());
    assert.equal((await body.innerText()).trim(), firstParagraph(a).trim());
    await main.getByText(`Đăng ngày: ${vnDateTime(a.published)}`).waitFor();
    // No "needs JavaScript" or "loading" note on a page with content.
    assert.equal(await page.locator('.bt-noscript, #bt-boot').count(), 0);

    // A related article's link opens its page.
    const rel = a.related[0];
    await main.locator('.bt-related').getByRole('link', { name: rel.title, exact: true }).click();
    await page.waitForURL(`**/bai-viet/${rel.slug}`);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), rel.title);

    // The breadcrumb's category link opens the category's page, marked current in the menu.
    await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: rel.category.name, exact: true }).click();
    await page.waitForURL(`**/chuyen-muc/${rel.category.slug}`);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), rel.category.name);
    const current = page.getByRole('navigation', { name: 'Menu chính' }).locator('[aria-current="page"]');
    assert.equal((await current.innerText()).trim(), rel.category.name);

    // The brand link goes home; its articles link to their pages.
    await page.getByRole('banner').getByRole('link', { name: SITE_NAME }).first().click();
    await page.waitForURL((u) => u.pathname === '/');
    const home = readData('trang-chu.json');
    await page.locator('.bt-home__lead').getByRole('link', { name: home.lead.title, exact: true }).click();
    await page.waitForURL(`**/bai-viet/${home.lead.slug}`);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), home.lead.title);
  } finally {
    await close();
  }
});

test("an article's head: canonical, Open Graph and Twitter tags, JSON-LD NewsArticle", async () => {
  const { page, close } = await staticPage();
  try {
    const a = article;
    await page.goto(`/bai-viet/${a.slug}`);
    const url = `${BASE_URL}bai-viet/${a.slug}`;
    const attr = (sel, name = 'content') => page.locator(sel).first().getAttribute(name);
    assert.equal(await attr('link[rel="canonical"]', 'href'), url);
    assert.equal(await attr('meta[property="og:type"]'), 'article');
    assert.equal(await attr('meta[property="og:title"]'), a.title);
    assert.equal(await attr('meta[property="og:url"]'), url);
    assert.equal(await attr('meta[property="og:site_name"]'), SITE_NAME);
    assert.equal(await attr('meta[property="og:locale"]'), 'vi_VN');
    assert.equal(await attr('meta[name="description"]'), a.lead);
    assert.equal(await attr('meta[property="og:description"]'), a.lead);
    assert.equal(await attr('meta[property="article:published_time"]'), a.published);
    assert.equal(await page.locator('meta[name="description"]').count(), 1);
    // The share card: a raster of 1200 × 630 made from the cover (SVG or photo), or drawn.
    const image = await attr('meta[property="og:image"]');
    assert.match(image, new RegExp(`^${BASE_URL}chia-se/[0-9a-f]+\\.(jpg|png)$`));
    if (a.cover) assert.match(image, /\.jpg$/);
    assert.equal(await attr('meta[property="og:image:width"]'), '1200');
    assert.equal(await attr('meta[property="og:image:height"]'), '630');
    assert.equal(await attr('meta[name="twitter:card"]'), 'summary_large_image');
    assert.equal(await attr('meta[name="twitter:image"]'), image);
    // The image is really there, and is what the tags say.
    const res = await page.request.get(image.replace(BASE_URL, `${site.server.url}/`));
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], await attr('meta[property="og:image:type"]'));
    const tags = await page.locator('meta[property="article:tag"]').evaluateAll((els) => els.map((e) => e.content));
    assert.deepEqual(tags, (a.tags ?? []).map((t) => t.name));
    const feeds = await page.locator('link[rel="alternate"][type="application/rss+xml"]').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    assert.deepEqual(feeds, ['/rss.xml', `/chuyen-muc/${a.category.slug}/rss.xml`]);

    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, a.title);
    assert.equal(ld.datePublished, a.published);
    assert.equal(ld.dateModified, a.updated ?? a.published);
    assert.equal(ld.publisher.name, SITE_NAME);
    assert.equal(ld.mainEntityOfPage['@id'], url);
    assert.equal(ld.inLanguage, 'vi');
    if (a.author) assert.equal(ld.author.name, a.author);
    // The photo cover (an SVG one is left to the card), then the share card; the publisher's logo.
    const photo = a.cover && !a.cover.image.src.endsWith('.svg') ? [new URL(a.cover.image.src, BASE_URL).href] : [];
    assert.deepEqual(ld.image, [...photo, image]);
    assert.equal(ld.publisher.logo.url, `${BASE_URL}icon-512.png`);

    // The data islands hold the documents the app would fetch.
    const island = (id) => page.locator(`script#${id}`);
    assert.equal(await island('bt-data').getAttribute('data-doc'), `bai-viet/${a.slug}.json`);
    assert.deepEqual(JSON.parse(await island('bt-data').textContent()), readData(`bai-viet/${a.slug}.json`));
    assert.deepEqual(JSON.parse(await island('bt-site').textContent()), settings);
  } finally {
    await close();
  }
});

test('with JavaScript off, the home page, a category and 404 show their content', async () => {
  const { page, close } = await staticPage();
  try {
    const home = readData('trang-chu.json');
    await page.goto('/');
    assert.equal(await page.title(), SITE_NAME);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    const menu = page.getByRole('navigation', { name: 'Menu chính' });
    assert.equal((await menu.locator('[aria-current="page"]').innerText()).trim(), 'Trang chủ');
    for (const item of [home.lead, ...home.latest]) {
      assert.ok(await page.locator(`main a[href="/bai-viet/${item.slug}"]`).first().isVisible(), item.slug);
    }
    // Home names its document rather than carrying it (the app fetches it when idle).
    assert.equal(await page.locator('script#bt-data').count(), 0);
    assert.equal(await page.locator('#bt-static').getAttribute('data-doc'), 'trang-chu.json');

    const cat = settings.categories[0];
    await menu.getByRole('link', { name: cat.name, exact: true }).click();
    await page.waitForURL(`**/chuyen-muc/${cat.slug}`);
    assert.equal(await page.title(), `${cat.name}${TITLE_SEP}${SITE_NAME}`);
    const listing = readData(`chuyen-muc/${cat.slug}/1.json`);
    await page.getByText(`Trang 1/${listing.page_count} · ${listing.total} bài viết`).waitFor();
    for (const item of listing.items) {
      assert.ok(await page.locator(`main a.bt-card__link[href="/bai-viet/${item.slug}"]`).isVisible(), item.slug);
    }
    if (cat.description) {
      assert.equal(await page.locator('meta[name="description"]').getAttribute('content'), cat.description);
    }

    const res = await page.goto('/404.html');
    assert.equal(res.status(), 200);
    assert.equal(await page.title(), `Không tìm thấy trang${TITLE_SEP}${SITE_NAME}`);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Không tìm thấy trang');
    assert.equal(await page.locator('script#bt-data').count(), 0);
  } finally {
    await close();
  }
});

test('with JavaScript off on a phone, the menu is open and script-only controls are hidden', async () => {
  const { page, close } = await staticPage({ width: 360, height: 740 });
  try {
    await page.goto(`/bai-viet/${article.slug}`);
    const menu = page.getByRole('navigation', { name: 'Menu chính' });
    for (const cat of settings.categories) {
      assert.ok(await menu.getByRole('link', { name: cat.name, exact: true }).isVisible(), cat.name);
    }
    assert.equal(await page.locator('.bt-header__toggle').isVisible(), false, 'the menu toggle needs scripts');
    const tools = page.getByRole('group', { name: 'Công cụ bài viết' });
    assert.ok(await tools.getByRole('link', { name: 'Chia sẻ Facebook' }).isVisible(), 'Facebook sharing is a plain link');
    assert.equal(await tools.getByRole('button').filter({ visible: true }).count(), 0, 'no inert buttons');
    assert.equal(await page.locator('.bt-textsize').isVisible(), false, 'the text size control needs scripts');
  } finally {
    await close();
  }
});

/** A category with at least `n` pages (the sample's largest have 2), else `null`. */
function categoryWithPages(n) {
  return settings.categories.find((c) => readData(`chuyen-muc/${c.slug}/1.json`).page_count >= n) ?? null;
}

test('with JavaScript off, page 2 of a listing is its own page, and "Trang sau" leads to page 3', { timeout: 60_000 }, async () => {
  const { page, close } = await staticPage();
  try {
    const cat = categoryWithPages(2);
    assert.ok(cat, 'a category with two pages');
    const data = readData(`chuyen-muc/${cat.slug}/2.json`);
    const path = `/chuyen-muc/${cat.slug}/trang/2`;
    const res = await page.goto(path);
    assert.equal(res.status(), 200);
    assert.equal(await page.title(), `${cat.name} – Trang 2${TITLE_SEP}${SITE_NAME}`);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), cat.name);
    await page.getByText(`Trang 2/${data.page_count} · ${data.total} bài viết`).first().waitFor();
    const main = page.getByRole('main');
    for (const item of data.items) {
      assert.equal(await main.getByRole('link', { name: item.title, exact: true }).count() >= 1, true, `a link to ${item.slug}`);
    }
    // Page 1's articles are not on page 2.
    const first = readData(`chuyen-muc/${cat.slug}/1.json`).items[0];
    assert.equal(await main.locator(`a[href="/bai-viet/${first.slug}"]`).count(), 0);
    assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), `${BASE_URL}chuyen-muc/${cat.slug}/trang/2`);
    assert.equal(await page.locator('link[rel="prev"]').getAttribute('href'), `${BASE_URL}chuyen-muc/${cat.slug}`);
    assert.equal(await page.locator('script#bt-data').getAttribute('data-doc'), `chuyen-muc/${cat.slug}/2.json`);
    // "Trang trước" leads back to the bare listing URL.
    await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang trước', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/chuyen-muc/${cat.slug}`);
    await page.getByText(`Trang 1/${data.page_count}`).first().waitFor();

    // A listing with a third page (a category when the content has one, else the latest news).
    const three = categoryWithPages(3);
    const [base, doc] = three ? [`/chuyen-muc/${three.slug}`, `chuyen-muc/${three.slug}`] : ['/moi-nhat', 'moi-nhat'];
    await page.goto(`${base}/trang/2`);
    await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `${base}/trang/3`);
    const page3 = readData(`${doc}/3.json`);
    await page.getByText(`Trang 3/${page3.page_count}`).first().waitFor();
    for (const item of page3.items) {
      assert.ok((await page.locator(`main a[href="/bai-viet/${item.slug}"]`).count()) >= 1, `page 3 links to ${item.slug}`);
    }

    // An old ?trang=2 URL lands on /trang/2 (the server redirects; no script needed).
    const old = await page.goto(`/chuyen-muc/${cat.slug}?trang=2`);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, path);
    assert.equal(old.status(), 200);
    assert.equal(old.request().redirectedFrom()?.url(), `${site.server.url}/chuyen-muc/${cat.slug}?trang=2`);
    await page.getByText(`Trang 2/${data.page_count}`).first().waitFor();
    // /trang/1 is the bare listing.
    await page.goto(`/chuyen-muc/${cat.slug}/trang/1`);
    assert.equal(new URL(page.url()).pathname, `/chuyen-muc/${cat.slug}`);
  } finally {
    await close();
  }
});

test('with JavaScript on, ?trang=2 lands on /trang/2 also where the host serves page 1 for it', { timeout: 60_000 }, async () => {
  const { page } = site;
  const cat = categoryWithPages(2);
  const data = readData(`chuyen-muc/${cat.slug}/2.json`);
  // A host that ignores the query (GitHub Pages, Cloudflare Pages) sends page 1's HTML.
  const page1 = await (await fetch(`${site.server.url}/chuyen-muc/${cat.slug}`)).text();
  await page.route(
    (u) => u.pathname === `/chuyen-muc/${cat.slug}` && u.search === '?trang=2',
    (r) => r.fulfill({ status: 200, contentType: 'text/html', body: page1 }),
  );
  await page.goto(`/chuyen-muc/${cat.slug}?trang=2`);
  await waitUntil(() => new URL(page.url()).pathname === `/chuyen-muc/${cat.slug}/trang/2` && !new URL(page.url()).search, {
    message: () => `the app moved to /trang/2 (is ${page.url()})`,
  });
  assert.equal(await h1(page, cat.name), cat.name);
  await page.getByText(`Trang 2/${data.page_count}`).first().waitFor();
  await waitUntil(async () => (await page.locator(`main a[href="/bai-viet/${data.items[0].slug}"]`).count()) >= 1, {
    message: 'page 2 shows its own articles',
  });
  // Back does not return to the old URL: it was replaced.
  assert.equal(await page.evaluate(() => history.length), 2);
  site.assertNoErrors();
});

test("the static markup is the app's markup for the same data", { timeout: 90_000 }, async () => {
  const { page: off, close } = await staticPage();
  try {
    const cat = settings.categories.find((c) => readData(`chuyen-muc/${c.slug}/1.json`).page_count > 1) ?? settings.categories[0];
    const shell = await (await fetch(`${site.server.url}/app.html`)).text();
    assert.doesNotMatch(shell, /id="bt-static"/, 'app.html is the bare app shell');
    const tag = article.tags[0];
    assert.ok(tag, 'the article has a tag');
    const paths = ['/', `/bai-viet/${article.slug}`, `/chuyen-muc/${cat.slug}`, `/the/${tag.slug}`, '/moi-nhat/trang/2', '/tim-kiem', '/404.html', '/so-do'];
    // The site's pages, shown by the article view.
    if (settings.pages?.length) paths.push(`/trang/${settings.pages[0].slug}`);
    // The documents registry's first page and a document.
    if (settings.registry?.length) paths.push('/van-ban', `/van-ban/${readData('van-ban/index.json').items[0].slug}`);
    // A later page of a listing is a page of its own, with the same markup as the app's.
    assert.ok(readData(`chuyen-muc/${cat.slug}/1.json`).page_count > 1, `${cat.slug} has a page 2`);
    paths.push(`/chuyen-muc/${cat.slug}/trang/2`);
    for (const path of paths) {
      await off.goto(path);
      const prerendered = await markupOf(off, '#bt-static');

      // The app alone, from the bare shell at the same URL: it renders from fetched data.
      const page = await site.context.newPage();
      await page.route((u) => u.pathname === path, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: shell }));
      await page.goto(path);
      await h1(page);
      let rendered = '';
      await waitUntil(
        async () => {
          // Without #bt-static in the shell, the app mounts on <body>.
          rendered = await markupOf(page, 'body');
          return rendered === prerendered;
        },
        {
          timeout: 10_000,
          message: () => {
            let i = 0;
            while (i < rendered.length && rendered[i] === prerendered[i]) i++;
            return `the same markup on ${path}; first difference at ${i}:\n  static: ${prerendered.slice(i - 120, i + 200)}\n  app:    ${rendered.slice(i - 120, i + 200)}`;
          },
        },
      );
      await page.close();
    }
  } finally {
    await close();
  }
  site.assertNoErrors();
});

test('with JavaScript on, the app starts on a prerendered page and answers its first navigation', { timeout: 60_000 }, async () => {
  const { page } = site;
  const a = article;
  const fetched = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname.startsWith('/data/')) fetched.push(u.pathname);
  });
  await page.goto(`/bai-viet/${a.slug}`);
  assert.equal(await h1(page, a.title), a.title);
  await appReady(page);
  // It draws nothing again: the page stays as built until the reader navigates.
  assert.equal(await page.locator('#bt-static').count(), 1);
  assert.equal(await page.locator('#bt-app').count(), 0);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('header.bt-header').count(), 1);
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await page.title(), `${a.title}${TITLE_SEP}${SITE_NAME}`);
  // (Related articles may be prefetched by now: not the page's own documents.)
  assert.deepEqual(
    fetched.filter((p) => p === `/data/bai-viet/${a.slug}.json` || p === '/data/site.json'),
    [],
    'the first view uses the data embedded in the page',
  );

  // And it is the app from then on: a click navigates inside it.
  const rel = a.related[0];
  await page.evaluate(() => (window.__samePage = true));
  await page.locator('.bt-related').getByRole('link', { name: rel.title, exact: true }).click();
  assert.equal(await h1(page, rel.title), rel.title);
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load');
  assert.equal(await page.locator('#bt-static').count(), 0, 'the app drew the view');
  assert.ok(fetched.includes(`/data/bai-viet/${rel.slug}.json`), `fetched ${JSON.stringify(fetched)}`);
  site.assertNoErrors();
});
