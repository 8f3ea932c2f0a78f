// Requests the reader no longer needs are cancelled, and data written for a
// newer contract version gets a clear message rather than a broken view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETWORK_ERROR, allArticles, appReady, dataUrl, h1, navigateInApp, openInApp, useSite, waitUntil, where } from './helpers.mjs';

const site = useSite();

test('navigating away cancels the request still in flight', { timeout: 60_000 }, async () => {
  const { page } = site;
  const [slow, other] = allArticles();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = false;
  await page.route(dataUrl(`bai-viet/${slow.slug}.json`), async (route) => {
    asked = true;
    await held;
    await route.continue().catch(() => {});
  });
  const failed = [];
  page.on('requestfailed', (req) => {
    if (req.url().includes(`/data/bai-viet/${slow.slug}.json`)) failed.push(req.failure()?.errorText ?? '');
  });

  // The navigation's own request is what is cancelled: a document the idle
  // prefetch already asked for (the slow article may be linked on the home page)
  // is awaited instead, with no request of the navigation's to cancel.
  await page.addInitScript(() => localStorage.setItem('bantin:no-prefetch', '1'));
  await page.goto('/');
  await h1(page);
  await appReady(page);
  // Start loading the slow article, then go elsewhere before it answers.
  await navigateInApp(page, `/bai-viet/${slow.slug}`);
  await waitUntil(() => page.evaluate(() => !!document.querySelector('[role=progressbar]')), {
    message: 'the progress bar while the slow article loads',
  });
  // The progress bar shows at once; the request goes out once config.json is read.
  await waitUntil(() => asked, { message: 'the slow article requested' });
  await navigateInApp(page, `/bai-viet/${other.slug}`);
  assert.equal(await h1(page, other.title), other.title);
  await waitUntil(() => failed.length > 0, { message: 'the slow request was aborted' });
  assert.match(failed[0], /ABORTED/i);
  release();
  // The late answer, if any, never replaces the view the reader chose.
  await page.waitForTimeout(300);
  assert.equal(where(page), `/bai-viet/${other.slug}`);
  assert.equal(await h1(page), other.title);
  site.assertNoErrors({ allow: [NETWORK_ERROR] });
});

test('data of a newer contract version gets a clear message', { timeout: 60_000 }, async () => {
  const { page } = site;
  const a = allArticles()[0];
  await page.route(dataUrl(`bai-viet/${a.slug}.json`), (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ version: 2, article: { headline: 'Định dạng mới' } }),
    }),
  );
  await openInApp(page, `/bai-viet/${a.slug}`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /phiên bản mới hơn/);
  await alert.getByRole('button', { name: 'Thử lại', exact: true }).waitFor();
  site.assertNoErrors({ allow: [NETWORK_ERROR] });
});
