// (f) Hostile content: markup in the data is shown as text, never run, and a
// javascript: link never reaches the DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allArticles, dataUrl, h1, sleep, useSite } from './helpers.mjs';

const site = useSite();

const EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
const TITLE = `Tin giả ${EVIL}`;
const SLUG = 'bai-doc-hai';

function hostileArticle() {
  const real = allArticles()[0];
  return {
    version: 1,
    slug: SLUG,
    title: TITLE,
    lead: `Tóm tắt ${EVIL}`,
    published: '2024-03-01T09:15:00+07:00',
    category: real.category,
    tags: [{ slug: 'the-doc-hai', name: `Thẻ ${EVIL}` }],
    author: `Tác giả ${EVIL}`,
    source: { name: 'Nguồn độc hại', url: 'javascript:window.__pwned=1' },
    body: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: `Đoạn văn ${EVIL} ` },
          { type: 'link', text: 'Bấm vào đây', href: 'javascript:window.__pwned=1' },
          { type: 'text', text: ' và ' },
          { type: 'link', text: 'liên kết hoa', href: 'JaVaScRiPt:window.__pwned=1' },
          { type: 'text', text: ' hết.' },
        ],
      },
      { type: 'heading', level: 2, text: `Mục ${EVIL}` },
      {
        type: 'figure',
        image: { src: '/anh/doc-hai.svg', alt: `Ảnh ${EVIL}`, width: 10, height: 10 },
        caption: `Chú thích ${EVIL}`,
      },
      { type: 'script', text: 'window.__pwned=1' },
    ],
    related: [],
  };
}

test('hostile article data is shown as text and never runs', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.route(dataUrl(`bai-viet/${SLUG}.json`), (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(hostileArticle()) }),
  );
  await page.goto(`/bai-viet/${SLUG}`);

  // The title is literal text, markup and all.
  assert.equal(await h1(page), TITLE);

  // The link's text is there (as a link or as plain text); clicking it runs nothing.
  const linkText = page
    .getByRole('link', { name: 'Bấm vào đây' })
    .or(page.getByRole('main').locator('p').filter({ hasText: 'Bấm vào đây' }))
    .first();
  await linkText.waitFor();
  await linkText.click();
  await sleep(500);

  const dom = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const js = [];
    for (const el of all) {
      for (const attr of el.attributes) {
        if (/^\s*javascript:/i.test(attr.value) || /^on/i.test(attr.name)) js.push(`${el.tagName}[${attr.name}=${attr.value}]`);
      }
    }
    return {
      pwned: typeof window.__pwned,
      js,
      injectedImg: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
    };
  });
  assert.equal(dom.pwned, 'undefined', 'window.__pwned is not set');
  assert.deepEqual(dom.js, [], 'no javascript: URL or on* handler attribute in the DOM');
  assert.equal(dom.injectedImg, 0, 'no <img src=x> made from the data');
  assert.equal(dom.scripts, 0, 'no <script> made from the data');
  assert.equal(new URL(page.url()).pathname, `/bai-viet/${SLUG}`, 'still on the article');
  assert.ok((await page.getByText(`Đoạn văn ${EVIL}`).count()) >= 1, 'the paragraph shows the markup as text');
  // Console errors are possible here (e.g. a blocked image); uncaught exceptions are not.
  assert.deepEqual(
    site.errors.filter((e) => e.kind === 'pageerror'),
    [],
    'no uncaught exception',
  );
});
