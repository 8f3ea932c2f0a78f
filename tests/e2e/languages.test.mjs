// The English section of the sample site (content/en, built under /en/):
// its pages say lang="en" and English words throughout, the language switcher
// leads from an article to its translation and back (else to the other home
// page), its errors and 404 page are English, its search finds its own
// articles, and every view passes axe, at desktop width and at 360 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DIST, appReady, axeViolations, expectEnglish, h1, navigateInApp, useSite } from './helpers.mjs';

const enData = (rel) => JSON.parse(readFileSync(path.join(DIST, 'en/data', rel), 'utf8'));
const viData = (rel) => JSON.parse(readFileSync(path.join(DIST, 'data', rel), 'utf8'));
const enArticles = readdirSync(path.join(DIST, 'en/data/bai-viet'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => enData(`bai-viet/${f}`));
const translated = enArticles.find((a) => a.translations?.length);
const alone = enArticles.find((a) => !a.translations?.length);
const original = viData(`bai-viet/${translated.translations[0].url.split('/').pop()}.json`);


const switcher = (p, name) => p.locator('.bt-header__langs').getByRole('link', { name, exact: true });

for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['360 px', { width: 360, height: 740 }],
]) {
  describe(`the English section (${label})`, () => {
    const site = useSite({ viewport, locale: 'en-GB' });

    test('the switcher goes from an article to its translation and back, by keyboard and by click', async () => {
      const p = site.page;
      await p.goto(`/bai-viet/${original.slug}`);
      await h1(p, original.title);
      assert.equal(await p.evaluate(() => document.documentElement.lang), 'vi');
      const hreflang = await p.locator('link[rel=alternate][hreflang=en]').getAttribute('href');
      assert.ok(hreflang.endsWith(`/en/bai-viet/${translated.slug}`), hreflang);
      // By keyboard: focus the switcher and press Enter.
      await switcher(p, 'English').focus();
      await p.keyboard.press('Enter');
      await p.waitForURL(`**/en/bai-viet/${translated.slug}`);
      await h1(p, translated.title);
      await expectEnglish(p, 'the translation');
      assert.equal(await p.locator('html').getAttribute('lang'), 'en');
      // Back, by click (or tap), once the app has taken the page over.
      await appReady(p);
      await switcher(p, 'Tiếng Việt').click();
      await p.waitForURL(`**/bai-viet/${original.slug}`);
      await h1(p, original.title);
      assert.equal(await p.evaluate(() => document.documentElement.lang), 'vi');
      site.assertNoErrors();
    });

    test('without a translation the switcher leads to the other home page, also after a navigation in the app', async () => {
      const p = site.page;
      await p.goto(`/en/bai-viet/${translated.slug}`);
      await h1(p, translated.title);
      await appReady(p);
      await navigateInApp(p, `/en/bai-viet/${alone.slug}`);
      await h1(p, alone.title);
      assert.equal(await switcher(p, 'Tiếng Việt').getAttribute('href'), '/');
      await navigateInApp(p, `/en/bai-viet/${translated.slug}`);
      await h1(p, translated.title);
      assert.equal(await switcher(p, 'Tiếng Việt').getAttribute('href'), `/bai-viet/${original.slug}`);
      await p.goto('/moi-nhat');
      await h1(p);
      assert.equal(await switcher(p, 'English').getAttribute('href'), '/en/');
      site.assertNoErrors();
    });

    test('a page leads to the page it translates', async () => {
      const p = site.page;
      await p.goto('/en/trang/about');
      await h1(p, 'About Hòa Lâm');
      await appReady(p);
      await switcher(p, 'Tiếng Việt').click();
      await p.waitForURL('**/trang/gioi-thieu');
      await h1(p);
      assert.equal(await switcher(p, 'English').getAttribute('href'), '/en/trang/about');
      site.assertNoErrors();
    });

    for (const [name, url, heading] of [
      ['home', '/en/', null],
      ['article', `/en/bai-viet/${translated.slug}`, translated.title],
      ['category', '/en/chuyen-muc/kinh-te', 'Economy'],
      ['page', '/en/trang/about', null],
      ['site map', '/en/so-do', 'Site map'],
      ['not found', '/en/no-such-page', 'Page not found'],
    ]) {
      test(`${name}: lang="en", English words, prerendered and in the app; axe`, async () => {
        const p = site.page;
        await p.goto(url);
        await h1(p, heading ?? undefined);
        await expectEnglish(p, `${name}, prerendered`);
        assert.deepEqual(await axeViolations(p), [], `axe on ${url}`);
        await appReady(p);
        await navigateInApp(p, url === '/en/' ? '/en/so-do' : '/en/');
        await h1(p, url === '/en/' ? 'Site map' : undefined);
        await navigateInApp(p, url);
        await h1(p, heading ?? undefined);
        await expectEnglish(p, `${name}, in the app`);
        site.assertNoErrors({ allow: [/Failed to load resource/] });
      });
    }

    test('images and links of English content lead to the root site', async () => {
      const p = site.page;
      await p.goto(`/en/bai-viet/${translated.slug}`);
      await h1(p, translated.title);
      const src = await p.locator('.bt-article img').first().getAttribute('src');
      assert.ok(src.startsWith('/anh/'), src);
      assert.ok(await p.locator('.bt-article img').first().evaluate((i) => i.complete && i.naturalWidth > 0));
      // A menu link to the Vietnamese documents registry is a full page load.
      const docs = p.getByRole('link', { name: 'Documents (Vietnamese)' });
      if (!(await docs.isVisible())) await p.getByRole('button', { name: 'Menu' }).click();
      await appReady(p);
      await docs.click();
      await p.waitForURL('**/van-ban');
      await h1(p, 'Văn bản');
      assert.equal(await p.evaluate(() => document.documentElement.lang), 'vi');
      site.assertNoErrors();
    });

    test('a failed load says so in English, with a way to retry', async () => {
      const p = site.page;
      // Before the page loads: the app may prefetch the article while idle.
      await p.route(/\/en\/data\/bai-viet\/.*\.json$/, (r) => r.fulfill({ status: 500, body: 'error' }));
      await p.goto('/en/');
      await h1(p);
      await appReady(p);
      await navigateInApp(p, `/en/bai-viet/${alone.slug}`);
      await p.getByText('The server has a problem').waitFor();
      await expectEnglish(p, 'the error');
      await p.unroute(/\/en\/data\/bai-viet\/.*\.json$/);
      await p.getByRole('button', { name: 'Try again' }).click();
      await h1(p, alone.title);
      site.assertNoErrors({ allow: [/Failed to load resource/, /500/] });
    });

    test('search in English finds the English articles', async () => {
      const p = site.page;
      await p.goto('/en/tim-kiem?q=tea');
      await p.getByText(/^\d+ results? for “tea”/).waitFor({ timeout: 15_000 });
      const first = await p.locator('.bt-search-results a, main ol a').first().innerText();
      assert.ok(enArticles.some((a) => a.title === first.trim()), `an English article: ${first}`);
      await expectEnglish(p, 'search');
      assert.deepEqual(await axeViolations(p), []);
      site.assertNoErrors();
    });
  });
}
