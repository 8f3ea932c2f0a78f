// A site in English: the sample content built with `lang = "en"` in its
// site.toml (the app's files are those of the built site: no second trunk
// build). Every page says lang="en", and the reader-facing words of the
// prerendered pages, the app, its error messages, the 404 page, the documents
// registry and the search page are English. (The sample's articles stay in
// Vietnamese: this checks the site's own words, not the content's.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BANTIN_BIN,
  DIST,
  ROOT,
  allArticles,
  appReady,
  axeViolations,
  expectEnglish,
  h1,
  navigateInApp,
  useSite,
  waitUntil,
} from './helpers.mjs';

// Built at load, before the server of `useSite` starts.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-en-'));
const out = path.join(tmp, 'dist');
const content = path.join(tmp, 'content');
cpSync(DIST, out, { recursive: true });
cpSync(path.join(ROOT, 'content'), content, { recursive: true });
// The whole site in English: no English section beside it.
rmSync(path.join(content, 'en'), { recursive: true, force: true });
rmSync(path.join(out, 'en'), { recursive: true, force: true });
const toml = path.join(content, 'site.toml');
writeFileSync(toml, `lang = "en"\n${readFileSync(toml, 'utf8')}`);
execFileSync(BANTIN_BIN, ['build', '--content', content, '--out', out], { cwd: ROOT, stdio: 'pipe' });
after(() => rmSync(tmp, { recursive: true, force: true }));

const data = (rel) => JSON.parse(readFileSync(path.join(out, 'data', rel), 'utf8'));
const article = allArticles()[0];


describe('a site in English', () => {
  const site = useSite({ root: out, locale: 'en-GB' });

  before(() => {
    assert.equal(data('site.json').lang, 'en');
  });

  for (const [name, url, heading] of [
    ['home', '/', null],
    ['article', `/bai-viet/${article.slug}`, article.title],
    ['documents', '/van-ban', 'Documents'],
    ['site map', '/so-do', 'Site map'],
    ['not found', '/khong-co-trang-nay', 'Page not found'],
  ]) {
    test(`${name}: lang="en" and English words, prerendered and in the app`, async () => {
      const p = site.page;
      await p.goto(url);
      await h1(p, heading ?? undefined);
      await expectEnglish(p, `${name}, prerendered`);
      // The same view drawn by the app after a navigation.
      await appReady(p);
      await navigateInApp(p, url === '/' ? '/so-do' : '/');
      await h1(p, url === '/' ? 'Site map' : undefined);
      await navigateInApp(p, url);
      await h1(p, heading ?? undefined);
      await expectEnglish(p, `${name}, in the app`);
      assert.deepEqual(await axeViolations(p), [], `axe on ${url}`);
      site.assertNoErrors({ allow: [/Failed to load resource/] });
    });
  }

  test('article: the date line, the tools and the skip link are English', async () => {
    const p = site.page;
    await p.goto(`/bai-viet/${article.slug}`);
    await h1(p, article.title);
    assert.match(await p.locator('.bt-article__date').first().innerText(), /^Posted: \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d/);
    await p.getByRole('link', { name: 'Skip to main content' }).waitFor({ state: 'attached' });
    await p.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await p.getByRole('button', { name: 'Print article' }).waitFor({ state: 'attached' });
  });

  test('a failed load says so in English, with a way to retry', async () => {
    const p = site.page;
    await p.goto('/');
    await h1(p);
    await appReady(p);
    await p.route(/\/data\/bai-viet\/.*\.json$/, (r) => r.fulfill({ status: 500, body: 'lỗi' }));
    await navigateInApp(p, `/bai-viet/${article.slug}`);
    await p.getByText('The content could not be loaded').waitFor();
    await p.getByText('The server has a problem').waitFor();
    await p.unroute(/\/data\/bai-viet\/.*\.json$/);
    await p.getByRole('button', { name: 'Try again' }).click();
    await h1(p, article.title);
    site.assertNoErrors({ allow: [/Failed to load resource/, /500/] });
  });

  test('the embed page and the iframe widget\'s page are English', async () => {
    const p = site.page;
    await p.goto('/nhung/');
    await h1(p, 'Embed our news on your site');
    assert.equal(await p.evaluate(() => document.documentElement.lang), 'en');
    const text = await p.locator('main').innerText();
    for (const vi of ['Nhúng tin', 'Loại hộp tin', 'Xem trước', 'Chép mã', 'Xem tin tại']) assert.ok(!text.includes(vi), `shows “${vi}”`);
    assert.match(await p.locator('#ma-script').inputValue(), /See the news at /);
    assert.match(await p.locator('#ma-khung').inputValue(), /title="News from /);
    assert.deepEqual(await axeViolations(p), []);
    await p.goto('/nhung/khung/?loai=moi-nhat&so-tin=3');
    assert.equal(await p.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await p.title(), /^News from /);
    site.assertNoErrors();
  });

  test('the search page and its results are English', async () => {
    const p = site.page;
    await p.goto('/tim-kiem');
    await p.getByText('Enter words to search the articles').waitFor();
    await expectEnglish(p, 'search, empty');
    await p.goto('/tim-kiem?q=t%E1%BB%89nh');
    await p.getByText(/^\d+ results? for “tỉnh”/).waitFor({ timeout: 15_000 });
    await p.goto('/tim-kiem?q=khongcotukhoanay');
    await p.getByText('No article found for “khongcotukhoanay”').waitFor({ timeout: 15_000 });
    await expectEnglish(p, 'search, nothing found');
    assert.deepEqual(await axeViolations(p), []);
    site.assertNoErrors();
  });

  test('the documents registry: filter labels, counts and dates in English', async () => {
    const p = site.page;
    const index = data('van-ban/index.json');
    await p.goto('/van-ban');
    await h1(p, 'Documents');
    await p.getByLabel('Document type').waitFor();
    await p.getByLabel('Year issued').waitFor();
    assert.match(await p.locator('.bt-registry__count').innerText(), new RegExp(`^${index.items.length} documents`));
    assert.match(await p.locator('.bt-docs__meta').first().innerText(), /^Issued: \d{1,2} [A-Z][a-z]+ \d{4}/);
    await waitUntil(async () => (await p.getByRole('button', { name: 'Filter', exact: true }).count()) === 1, { message: 'the Filter button' });
  });
});
