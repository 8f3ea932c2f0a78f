// (a) A reader's trip: home -> a category -> its page 2 -> an article -> a related
// article, then back twice. Checks URLs, the h1 and focus after each step, that new
// views start at the top and that back restores each view's scroll position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appReady,
  categoryWithPages,
  expectFocusOnH1,
  expectScroll,
  expectTitle,
  h1,
  navigateInApp,
  readData,
  scrollY,
  useSite,
  waitUntil,
  where,
} from './helpers.mjs';

const site = useSite();

test('home -> category -> page 2 -> article -> related article, then back and back again', { timeout: 90_000 }, async () => {
  const { page } = site;
  const cat = categoryWithPages(2);
  const page2 = readData(`chuyen-muc/${cat.slug}/2.json`);

  await page.goto('/');
  await h1(page);
  await expectTitle(page, null);
  // Until the app has started (when the browser is idle after the page's load), a
  // click is an ordinary page load, which moves no focus; this trip is the app's.
  await appReady(page);

  // The category, from the header's menu.
  const menu = page.getByRole('navigation', { name: 'Menu chính' });
  await menu.getByRole('link', { name: cat.name, exact: true }).click();
  await waitUntil(() => where(page) === `/chuyen-muc/${cat.slug}`, { message: () => `URL /chuyen-muc/${cat.slug} (is ${where(page)})` });
  assert.equal(await h1(page, cat.name), cat.name);
  await expectFocusOnH1(page);
  await expectTitle(page, cat.name);

  // Page 2 through "Trang sau".
  const pager = page.getByRole('navigation', { name: 'Phân trang' });
  await pager.getByRole('link', { name: 'Trang sau' }).click();
  await waitUntil(() => where(page) === `/chuyen-muc/${cat.slug}/trang/2`, { message: () => `/trang/2 in the URL (is ${where(page)})` });
  await h1(page, cat.name);
  await page.getByText(`Trang 2/${page2.page_count} · ${page2.total} bài viết`).first().waitFor();
  const current = pager.locator('[aria-current="page"]');
  assert.equal(await current.count(), 1, 'one page link is marked current');
  assert.match((await current.innerText()).trim(), /\b2\b/);
  await pager.getByRole('link', { name: 'Trang trước' }).waitFor();
  await expectFocusOnH1(page);

  // An article of page 2. Clicking scrolls the list a little; remember where it was.
  const first = page2.items[0];
  const articleLink = page.getByRole('main').getByRole('link', { name: first.title, exact: true }).first();
  await articleLink.scrollIntoViewIfNeeded();
  const categoryScroll = await scrollY(page);
  await articleLink.click();
  await waitUntil(() => where(page) === `/bai-viet/${first.slug}`, { message: () => `URL /bai-viet/${first.slug} (is ${where(page)})` });
  await h1(page, first.title);
  await expectFocusOnH1(page);
  await expectScroll(page, 0, 5); // a new view starts at the top
  await expectTitle(page, first.title);

  // A related article, from the "Tin liên quan" section near the end of the article.
  const article = readData(`bai-viet/${first.slug}.json`);
  assert.ok(article.related?.length > 0, `${first.slug} has related articles in the data`);
  const related = article.related[0];
  const relatedSection = page.getByRole('region', { name: 'Tin liên quan' }).or(
    page.locator('section, aside').filter({ has: page.getByRole('heading', { name: 'Tin liên quan', exact: true }) }),
  );
  const relatedLink = relatedSection.first().getByRole('link', { name: related.title, exact: true }).first();
  await relatedLink.scrollIntoViewIfNeeded();
  const articleScroll = await scrollY(page);
  assert.ok(articleScroll > 100, `the article is long enough to scroll to its related links (scrollY ${articleScroll})`);
  await relatedLink.click();
  await waitUntil(() => where(page) === `/bai-viet/${related.slug}`, { message: () => `URL /bai-viet/${related.slug} (is ${where(page)})` });
  await h1(page, related.title);
  await expectFocusOnH1(page);
  await expectScroll(page, 0, 5);

  // Scroll the related article, then go back: the first article returns where it was left.
  await page.evaluate(() => window.scrollTo(0, 400));
  await page.goBack();
  await waitUntil(() => where(page) === `/bai-viet/${first.slug}`, { message: () => `back to /bai-viet/${first.slug} (is ${where(page)})` });
  await h1(page, first.title);
  await expectScroll(page, articleScroll);

  // Back again: category page 2, at its scroll position.
  await page.goBack();
  await waitUntil(() => where(page) === `/chuyen-muc/${cat.slug}/trang/2`, { message: () => `back to page 2 (is ${where(page)})` });
  await h1(page, cat.name);
  await page.getByText(`Trang 2/${page2.page_count}`).first().waitFor();
  await expectScroll(page, categoryScroll);

  site.assertNoErrors();
});

test('the skip link leads to the main content', async () => {
  const { page } = site;
  await page.goto('/');
  await h1(page);
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính', exact: true });
  assert.equal(await skip.getAttribute('href'), '#noi-dung');
  assert.equal(await page.locator('main#noi-dung').count(), 1, '<main id="noi-dung"> exists');
  // It is the first thing the keyboard reaches, and it shows itself when focused.
  const firstFocusable = await page.evaluate(() => {
    const el = document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
    return el?.textContent?.trim();
  });
  assert.equal(firstFocusable, 'Bỏ qua, đến nội dung chính');
  await skip.focus();
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 1 && box.height > 1 && box.y >= 0, `the focused skip link is visible (${JSON.stringify(box)})`);
  await page.keyboard.press('Enter');
  await waitUntil(
    () => page.evaluate(() => location.hash === '#noi-dung' || !!document.activeElement?.closest('main')),
    { message: 'Enter on the skip link moves to the main content' },
  );
  assert.equal(new URL(page.url()).pathname, '/', 'the skip link does not leave the view');
  await h1(page);
  site.assertNoErrors();
});

test('the site name in the header leads home', async () => {
  const { page } = site;
  const cat = categoryWithPages(1);
  await page.goto(`/chuyen-muc/${cat.slug}`);
  await h1(page, cat.name);
  await page.getByRole('banner').getByRole('link', { name: 'Cổng Thông tin điện tử tỉnh Hòa Lâm' }).first().click();
  await waitUntil(() => where(page) === '/', { message: () => `URL / (is ${where(page)})` });
  await page.getByRole('heading', { level: 2, name: 'Tin mới nhất' }).waitFor();
  await expectTitle(page, null);
  site.assertNoErrors();
});

test("the footer's embed page and RSS links leave the app for the static files", async () => {
  const { page } = site;
  const cat = categoryWithPages(1);
  await page.goto(`/chuyen-muc/${cat.slug}`);
  await h1(page, cat.name);
  const footer = page.getByRole('contentinfo');
  assert.equal(await footer.getByRole('link', { name: 'Tin qua RSS' }).getAttribute('href'), '/rss.xml');
  await footer.getByRole('link', { name: 'Nhúng tin vào trang của bạn' }).click();
  await waitUntil(() => where(page) === '/nhung/', { message: () => `URL /nhung/ (is ${where(page)})` });
  // The embed page itself (a static page), not the app's 404 view.
  assert.equal(await h1(page, 'Nhúng tin vào trang khác'), 'Nhúng tin vào trang khác');
  site.assertNoErrors();
});

test("an article's old address (its `aliases`) leads to the article", async () => {
  const { page } = site;
  const article = readData('bai-viet/bao-tang-tinh-mo-cua-phuc-vu-khach-tham-quan-dip-tet-binh-ngo.json');
  await page.goto('/tin-tuc/2026/02/bao-tang-mo-cua-tet.html');
  await waitUntil(() => where(page) === `/bai-viet/${article.slug}`, { message: () => `URL /bai-viet/${article.slug} (is ${where(page)})` });
  assert.equal(await h1(page, article.title), article.title);
  site.assertNoErrors();
});

test("an article reached in the app draws its body, tools and related list after its heading, and its controls are synced with them", { timeout: 60_000 }, async () => {
  const { page } = site;
  const home = readData('trang-chu.json');
  const first = home.latest[0];
  assert.ok(first?.slug, 'the home page lists an article');
  const article = readData(`bai-viet/${first.slug}.json`);

  // Saved on its own page first (the page script's "Lưu bài").
  await page.goto(`/bai-viet/${first.slug}`);
  await h1(page, article.title);
  const save = page.locator('[data-bt-save]');
  await save.click();
  await waitUntil(async () => (await save.getAttribute('aria-pressed')) === 'true', { message: 'saved' });

  // Then reached in the app from the home page.
  await page.goto('/');
  await h1(page);
  await appReady(page);
  await page.getByRole('main').getByRole('link', { name: article.title, exact: true }).first().click();
  await waitUntil(() => where(page) === `/bai-viet/${first.slug}`, { message: () => `URL /bai-viet/${first.slug} (is ${where(page)})` });
  await h1(page, article.title);
  await expectFocusOnH1(page);
  // The rest of the view follows: the body, the tools, the related list and the links box.
  await page.locator('.bt-article__body').waitFor();
  await page.locator('.bt-article-layout__side .bt-links-host').waitFor({ state: 'attached' });
  if (article.related?.length) await page.getByRole('heading', { name: 'Tin liên quan', exact: true }).waitFor();
  // The page scripts sync the controls once the whole view is there (`bantin:view`):
  // the save button says the article is saved.
  await waitUntil(async () => (await page.locator('[data-bt-save]').getAttribute('aria-pressed')) === 'true', {
    message: async () => `the save button of a saved article reached in the app is pressed (is ${await page.locator('[data-bt-save]').getAttribute('aria-pressed')})`,
    timeout: 3000,
  });
  assert.equal(await page.locator('#bt-static').count(), 0, 'the app drew the view');

  // A link to a place in the part drawn later (its related list) is drawn whole and
  // lands there.
  const other = readData(`bai-viet/${home.latest[1].slug}.json`);
  assert.ok(other.related?.length, `${other.slug} has related articles`);
  await navigateInApp(page, `/bai-viet/${other.slug}#bt-related-title`);
  await waitUntil(() => where(page) === `/bai-viet/${other.slug}`, { message: () => `URL /bai-viet/${other.slug} (is ${where(page)})` });
  await h1(page, other.title);
  await waitUntil(
    () => page.evaluate(() => {
      const r = document.getElementById('bt-related-title')?.getBoundingClientRect();
      return !!r && r.top >= -2 && r.top < innerHeight / 2 && scrollY > 0;
    }),
    { message: 'the related list scrolled into view' },
  );
  site.assertNoErrors();
});
