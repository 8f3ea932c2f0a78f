// The dark theme (issue 16): it follows the system's setting (prefers-color-scheme),
// the header's toggle remembers the reader's choice, a prerendered page paints in
// its theme from the first frame, print is always light, and the prerendered
// pages pass axe in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allArticles, appReady, axeViolations, h1, readData, useSite, waitUntil, where } from './helpers.mjs';

const site = useSite();
const article = allArticles().find((a) => a.cover) ?? allArticles()[0];
const category = readData('site.json').categories[0];

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(23, 24, 26)';

// Records, for every frame from the document's start to a while after its load,
// the theme on <html> and the page's background (once there is a body): what the
// reader saw painted, frame by frame.
const RECORD_FRAMES = () => {
  window.__frames = [];
  const frame = () => {
    const body = document.body;
    if (body) {
      window.__frames.push({
        theme: document.documentElement.getAttribute('data-theme'),
        bg: getComputedStyle(body).backgroundColor,
        color: getComputedStyle(body).color,
      });
    }
    if (window.__frames.length < 30) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

async function frames(page) {
  await waitUntil(() => page.evaluate(() => window.__frames?.length >= 30), { message: '30 frames recorded' });
  return page.evaluate(() => window.__frames);
}

const toggle = (page) => page.getByRole('button', { name: 'Giao diện tối' });

test('a dark system gets the dark theme from the first painted frame of a prerendered article', async () => {
  const context = await site.browser.newContext({ baseURL: site.server.url, colorScheme: 'dark', serviceWorkers: 'block' });
  try {
    await context.addInitScript(RECORD_FRAMES);
    const page = await context.newPage();
    await page.goto(`/bai-viet/${article.slug}`);
    await h1(page, article.title);
    assert.equal(await page.locator('#bt-static').count(), 1, 'the prerendered page');
    const seen = await frames(page);
    assert.ok(seen.length > 0);
    for (const [i, f] of seen.entries()) {
      assert.deepEqual(f, { theme: 'dark', bg: DARK_BG, color: 'rgb(233, 231, 228)' }, `frame ${i}`);
    }
    await waitUntil(async () => (await toggle(page).getAttribute('aria-pressed')) === 'true', { message: 'the toggle pressed' });
    // Links take the brand's colour made light for the dark page (#e36161), not the header's red.
    const link = await page.evaluate(() => getComputedStyle(document.querySelector('main a[href]:not([class])')).color);
    assert.equal(link, 'rgb(227, 97, 97)');
    // Native controls (the search box) are dark too.
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), 'dark');
  } finally {
    await context.close();
  }
});

test('without a choice the page follows a change of the system setting', async () => {
  const { page } = site;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await h1(page);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), LIGHT_BG);
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitUntil(() => page.evaluate(() => document.documentElement.dataset.theme === 'dark'), { message: 'the dark theme' });
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BG);
});

test('the toggle, by keyboard, switches the theme and is remembered across pages, reloads and the app', async () => {
  const { page, context } = site;
  await context.addInitScript(RECORD_FRAMES);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/chuyen-muc/${category.slug}`);
  await h1(page, category.name);
  const button = toggle(page);
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.focus();
  await page.keyboard.press('Space');
  await waitUntil(() => page.evaluate(() => document.documentElement.dataset.theme === 'dark'), { message: 'dark after Space' });
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BG);

  // A choice outlasts the system's setting and a reload: the article paints dark from its first frame.
  await page.goto(`/bai-viet/${article.slug}`);
  await h1(page, article.title);
  for (const [i, f] of (await frames(page)).entries()) assert.equal(f.bg, DARK_BG, `frame ${i} of the article`);

  // In the app's own views (after a navigation inside it) the toggle shows the same state.
  await appReady(page);
  await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: category.name, exact: true }).first().click();
  await waitUntil(() => where(page) === `/chuyen-muc/${category.slug}`, { message: 'the category in the app' });
  await h1(page, category.name);
  await waitUntil(async () => (await page.locator('#bt-static').count()) === 0, { message: 'the app drew the view' });
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'true');

  // Back to light by a click; still light after a reload on a dark system.
  await toggle(page).click();
  await waitUntil(() => page.evaluate(() => document.documentElement.dataset.theme === 'light'), { message: 'light after the click' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await h1(page, category.name);
  for (const [i, f] of (await frames(page)).entries()) assert.equal(f.bg, LIGHT_BG, `frame ${i} after the reload`);
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'false');
  site.assertNoErrors();
});

test('an article prints in the light colours from the dark theme', async () => {
  const { page } = site;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/bai-viet/${article.slug}`);
  await h1(page, article.title);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const printed = await page.evaluate(() => ({
    bg: getComputedStyle(document.body).backgroundColor,
    h1: getComputedStyle(document.querySelector('h1')).color,
  }));
  assert.equal(printed.bg, LIGHT_BG);
  assert.notEqual(printed.h1, 'rgb(233, 231, 228)', 'the title is not light text on white paper');
});

for (const colorScheme of ['light', 'dark']) {
  test(`home, article, listing and search pass axe as prerendered, in the ${colorScheme} theme`, { timeout: 60_000 }, async () => {
    const { page } = site;
    await page.emulateMedia({ colorScheme });
    for (const url of ['/', `/bai-viet/${article.slug}`, `/chuyen-muc/${category.slug}`, '/tim-kiem?q=t%E1%BB%89nh']) {
      await page.goto(url);
      await h1(page);
      if (url.startsWith('/tim-kiem')) await page.locator('.bt-found__hit').first().waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), colorScheme, url);
      assert.deepEqual(await axeViolations(page), [], `${url} in the ${colorScheme} theme`);
    }
    site.assertNoErrors();
  });
}
