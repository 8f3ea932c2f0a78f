// (h) Every kind of view: one h1, the right document title, what the view must show,
// and a console without errors. Also the home page's and listings' contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SITE_NAME,
  allArticles,
  categoryWithPages,
  dataExists,
  expectTitle,
  h1,
  readData,
  startsWith,
  useSite,
} from './helpers.mjs';

const site = useSite();

test('home: latest news, one section per category, the links box', async () => {
  const { page } = site;
  const home = readData('trang-chu.json');
  const settings = readData('site.json');
  await page.goto('/');
  await h1(page);
  await expectTitle(page, null);

  await page.getByRole('banner').getByRole('link', { name: SITE_NAME }).first().waitFor();
  const menu = page.getByRole('navigation', { name: 'Menu chính' });
  for (const c of settings.categories) {
    const link = menu.getByRole('link', { name: c.name, exact: true });
    assert.equal(await link.getAttribute('href'), `/chuyen-muc/${c.slug}`);
  }

  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 2, name: 'Tin mới nhất', exact: true }).waitFor();
  for (const s of home.sections) {
    await page.getByRole('heading', { level: 2, name: s.category.name, exact: true }).first().waitFor();
  }
  for (const item of [home.lead, ...home.latest].filter(Boolean)) {
    assert.ok((await page.locator(`a[href="/bai-viet/${item.slug}"]`).count()) >= 1, `a link to ${item.slug}`);
  }

  const aside = page.getByRole('complementary').filter({
    has: page.getByRole('heading', { level: 2, name: 'Liên kết website', exact: true }),
  });
  await aside.first().waitFor();
  for (const l of settings.links ?? []) {
    assert.equal(await aside.first().getByRole('link', { name: startsWith(l.name) }).getAttribute('href'), l.url);
  }
  site.assertNoErrors();
});

test('category page 1 and a later page: counts and pagination', async () => {
  const { page } = site;
  const cat = categoryWithPages(2);
  const last = cat.listing.page_count;
  const lastPage = readData(`chuyen-muc/${cat.slug}/${last}.json`);

  await page.goto(`/chuyen-muc/${cat.slug}/trang/${last}`);
  assert.equal(await h1(page, cat.name), cat.name);
  await expectTitle(page, cat.name, { page: last });
  await page.getByText(`Trang ${last}/${last} · ${lastPage.total} bài viết`).first().waitFor();
  const pager = page.getByRole('navigation', { name: 'Phân trang' });
  assert.equal(await pager.getByRole('link', { name: 'Trang sau', exact: true }).count(), 0, 'no "Trang sau" on the last page');
  await pager.getByRole('link', { name: 'Trang trước', exact: true }).waitFor();
  for (const item of lastPage.items) {
    assert.ok((await page.locator(`main a[href="/bai-viet/${item.slug}"]`).count()) >= 1, `a link to ${item.slug}`);
  }

  await page.goto(`/chuyen-muc/${cat.slug}`);
  await h1(page, cat.name);
  assert.equal(await pager.getByRole('link', { name: 'Trang trước', exact: true }).count(), 0, 'no "Trang trước" on page 1');
  await pager.getByRole('link', { name: 'Trang sau', exact: true }).waitFor();
  site.assertNoErrors();
});

test('tag page', async () => {
  const { page } = site;
  const tag = allArticles().find((a) => a.tags?.length)?.tags[0];
  assert.ok(tag, 'some article has a tag');
  assert.ok(dataExists(`the/${tag.slug}/1.json`), `data for the tag ${tag.slug}`);
  const listing = readData(`the/${tag.slug}/1.json`);
  await page.goto(`/the/${tag.slug}`);
  const title = `Từ khóa: ${tag.name}`;
  assert.equal(await h1(page, title), title);
  await expectTitle(page, title);
  for (const item of listing.items) {
    assert.ok((await page.locator(`main a[href="/bai-viet/${item.slug}"]`).count()) >= 1, `a link to ${item.slug}`);
  }
  site.assertNoErrors();
});

test('no view logs an error to the console, and each has one h1', { timeout: 120_000 }, async () => {
  const { page } = site;
  const settings = readData('site.json');
  const articles = allArticles();
  const urls = ['/'];
  for (const c of settings.categories) {
    if (!dataExists(`chuyen-muc/${c.slug}/1.json`)) continue;
    urls.push(`/chuyen-muc/${c.slug}`);
    const { page_count } = readData(`chuyen-muc/${c.slug}/1.json`);
    if (page_count > 1) urls.push(`/chuyen-muc/${c.slug}/trang/${page_count}`);
  }
  for (const a of articles) urls.push(`/bai-viet/${a.slug}`);
  const tags = new Map();
  for (const a of articles) for (const t of a.tags ?? []) tags.set(t.slug, t);
  for (const slug of [...tags.keys()].slice(0, 5)) urls.push(`/the/${slug}`);

  const problems = [];
  for (const url of urls) {
    site.errors = [];
    await page.goto(url);
    const text = await h1(page);
    const pageNo = Number(/\/trang\/(\d+)$/.exec(url)?.[1] ?? 1);
    try {
      await expectTitle(page, url === '/' ? null : text, { page: pageNo });
    } catch (err) {
      problems.push(`${url}: ${err.message}`);
    }
    await page.waitForLoadState('networkidle');
    for (const e of site.errors) problems.push(`${url}: ${e.kind}: ${e.text}`);
  }
  assert.deepEqual(problems, [], `${urls.length} views checked`);
});
