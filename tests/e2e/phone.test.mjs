// (g) A phone (360x740): the "Menu" button opens and closes the menu, and no
// view scrolls sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allArticles, categoryWithPages, h1, readData, useSite, waitUntil, where } from './helpers.mjs';

const WIDTH = 360;
const site = useSite({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectNoSidewaysScroll(page, what) {
  const { scrollWidth, widest } = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    let widest = null;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && (!widest || r.right > widest.right)) {
        widest = { tag: el.tagName, cls: el.className?.toString?.() ?? '', right: Math.round(r.right) };
      }
    }
    return { scrollWidth: document.scrollingElement.scrollWidth, widest };
  });
  assert.ok(scrollWidth <= WIDTH, `${what}: scrollWidth ${scrollWidth} > ${WIDTH}; widest element: ${JSON.stringify(widest)}`);
}

test('the menu button toggles the category menu', async () => {
  const { page } = site;
  const cat = readData('site.json').categories[0];
  await page.goto('/');
  await h1(page);

  const button = page.getByRole('button', { name: 'Menu', exact: true });
  await button.waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  const menuLink = page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: cat.name, exact: true });
  assert.equal(await menuLink.isVisible(), false, 'the menu is closed at first');

  await button.click();
  await waitUntil(async () => (await button.getAttribute('aria-expanded')) === 'true', { message: 'aria-expanded="true"' });
  await menuLink.waitFor({ state: 'visible' });
  await expectNoSidewaysScroll(page, 'home with the menu open');

  await button.click();
  await waitUntil(async () => (await button.getAttribute('aria-expanded')) === 'false', { message: 'aria-expanded="false"' });
  await menuLink.waitFor({ state: 'hidden' });

  // Open it again and follow a link.
  await button.click();
  await menuLink.click();
  await waitUntil(() => where(page) === `/chuyen-muc/${cat.slug}`, { message: () => `URL /chuyen-muc/${cat.slug} (is ${where(page)})` });
  await h1(page, cat.name);
  site.assertNoErrors();
});

test('no view scrolls sideways on a phone', { timeout: 60_000 }, async () => {
  const { page } = site;
  const cat = categoryWithPages(1);
  const articles = allArticles().sort((a, b) => b.size - a.size);
  const views = [
    ['/', null],
    [`/chuyen-muc/${cat.slug}`, cat.name],
    [`/bai-viet/${articles[0].slug}`, articles[0].title],
    ['/abc/xyz', 'Không tìm thấy trang'],
  ];
  const tag = articles.find((a) => a.tags?.length)?.tags[0];
  if (tag) views.push([`/the/${tag.slug}`, `Từ khóa: ${tag.name}`]);
  for (const [url, title] of views) {
    await page.goto(url);
    await h1(page, title ?? undefined);
    await page.waitForLoadState('load');
    await expectNoSidewaysScroll(page, url);
  }
  site.assertNoErrors({ allow: [/^Failed to load resource: the server responded with a status of 404/] });
});
