// (d) Loading failures and "Thử lại"; (e) a slow load shows the progress bar while the
// previous view stays on screen. Responses for /data/*.json are faked with page.route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, NETWORK_ERROR, allArticles, dataUrl, h1, openInApp, readData, sleep, useSite, waitUntil, where } from './helpers.mjs';

const site = useSite();

test('a failed load shows an alert with "Thử lại"; retrying recovers', { timeout: 60_000 }, async () => {
  const { page } = site;
  const a = allArticles()[0];
  const answers = ['500', 'malformed', 'real'];
  let calls = 0;
  // Answers are counted and timed here: nothing may be prefetched behind the test's back.
  await page.addInitScript(() => localStorage.setItem('bantin:no-prefetch', '1'));
  await page.route(dataUrl(`bai-viet/${a.slug}.json`), async (route) => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls += 1;
    if (answer === '500') {
      await route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' });
    } else if (answer === 'malformed') {
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "slug": "x", "title": ' });
    } else {
      await route.continue();
    }
  });

  // Inside the app: a prerendered page carries its own data and fetches nothing.
  await openInApp(page, `/bai-viet/${a.slug}`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = (await alert.innerText()).trim();
  assert.match(message, /[à-ỹ]/i, `a Vietnamese message (${JSON.stringify(message)})`);
  assert.equal(calls, 1);

  // Retry: this time the answer is not JSON.
  await alert.getByRole('button', { name: 'Thử lại', exact: true }).click();
  await waitUntil(() => calls === 2, { message: 'a second request after "Thử lại"' });
  await alert.waitFor();
  await alert.getByRole('button', { name: 'Thử lại', exact: true }).waitFor();

  // Retry again: the real article.
  await alert.getByRole('button', { name: 'Thử lại', exact: true }).click();
  assert.equal(await h1(page, a.title), a.title);
  assert.equal(calls, 3);
  assert.equal(await page.getByRole('alert').count(), 0, 'the alert is gone');
  assert.equal(where(page), `/bai-viet/${a.slug}`);
  site.assertNoErrors({ allow: [NETWORK_ERROR] });
});

test('a slow load shows the progress bar and keeps the previous view on screen', { timeout: 60_000 }, async () => {
  const { page } = site;
  const home = readData('trang-chu.json');
  const target = home.lead ?? home.latest[0];
  assert.ok(target, 'the home page lists an article');
  // Answers are counted and timed here: nothing may be prefetched behind the test's back.
  await page.addInitScript(() => localStorage.setItem('bantin:no-prefetch', '1'));

  await page.goto('/');
  const homeH1 = await h1(page);
  // Before the app has started, a click is an ordinary page load.
  await appReady(page);
  const link = page.getByRole('main').getByRole('link', { name: target.title, exact: true }).first();
  await link.waitFor();

  let released = false;
  await page.route(dataUrl(`bai-viet/${target.slug}.json`), async (route) => {
    await sleep(3_000);
    released = true;
    await route.continue();
  });
  await link.click();

  const progress = page.getByRole('progressbar', { name: 'Đang tải' });
  await progress.waitFor({ state: 'visible', timeout: 2_500 });
  assert.equal(released, false, 'the progress bar shows while the data is still on its way');

  // Sample the page while the data is held back: never blank, the old view stays.
  let samples = 0;
  while (!released) {
    const state = await page.evaluate(() => ({
      h1: document.querySelector('h1')?.innerText?.trim() ?? null,
      text: document.body.innerText.trim().length,
    }));
    if (released) break;
    assert.equal(state.h1, homeH1, 'the previous view stays while the next one loads');
    assert.ok(state.text > 200, `the page is not blank (${state.text} characters of text)`);
    samples += 1;
    await sleep(200);
  }
  assert.ok(samples >= 5, `sampled the page while loading (${samples} samples)`);

  assert.equal(await h1(page, target.title), target.title);
  await progress.waitFor({ state: 'hidden' });
  site.assertNoErrors();
});
