// (c) The 404 view: unknown URLs, unknown articles (the data answers 404) and
// category pages past the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETWORK_ERROR, NOT_FOUND, expectTitle, h1, useSite, waitUntil, where } from './helpers.mjs';

const site = useSite();

for (const url of [
  '/bai-viet/khong-ton-tai',
  '/abc/xyz',
  '/chuyen-muc/thoi-su/trang/999',
  '/chuyen-muc/thoi-su?trang=999',
  '/moi-nhat/trang/0',
  '/chuyen-muc/khong-ton-tai',
  '/the/khong-ton-tai',
]) {
  test(`${url} shows the 404 view`, async () => {
    const { page } = site;
    await page.goto(url);
    assert.equal(await h1(page, NOT_FOUND), NOT_FOUND);
    await expectTitle(page, NOT_FOUND);
    assert.equal(await page.getByRole('alert').count(), 0, 'not shown as a loading failure');
    // The way out.
    await page.getByRole('main').getByRole('link', { name: 'Về trang chủ', exact: true }).click();
    await waitUntil(() => where(page) === '/', { message: () => `URL / (is ${where(page)})` });
    await page.getByRole('heading', { level: 2, name: 'Tin mới nhất' }).waitFor();
    // Chromium logs the data's 404 answer itself; nothing else may be logged.
    site.assertNoErrors({ allow: [NETWORK_ERROR] });
  });
}

test('a listing page past the end is a 404 status with the 404 view, also without JavaScript', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, baseURL: site.url('/') });
  try {
    const page = await context.newPage();
    for (const url of ['/chuyen-muc/thoi-su/trang/999', '/moi-nhat/trang/999']) {
      const res = await page.goto(url);
      assert.equal(res.status(), 404, url);
      assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), NOT_FOUND, url);
    }
  } finally {
    await context.close();
  }
});

test('the server answers 404 (not the app shell) for missing data', async () => {
  const res = await fetch(site.url('/data/bai-viet/khong-ton-tai.json'));
  assert.equal(res.status, 404);
  await res.arrayBuffer();
});
