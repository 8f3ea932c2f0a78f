// Accessibility: every view passes axe-core (WCAG 2.0/2.1 A and AA, plus the
// label-in-name rule of WCAG 2.5.3, which axe ships as experimental) with no
// violation, at phone and desktop widths, both as the prerendered page a reader
// without JavaScript gets and as the app draws it after a navigation inside it,
// in the light and the dark theme (tests/e2e/theme.test.mjs has the prerendered
// pages in the dark theme).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { allArticles, h1, navigateInApp, appReady, readData, useSite, waitUntil } from './helpers.mjs';

const require = createRequire(import.meta.url);
// Evaluated rather than added as a <script>, so it also runs with the page's scripts off.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const site = useSite();

const settings = readData('site.json');
const article = allArticles().find((a) => a.cover && a.related?.length && a.tags?.length) ?? allArticles()[0];
const category = settings.categories[0];
const tag = article.tags?.[0];
// Articles with the media blocks: a table and a video, a gallery, attachments.
const withBlock = (type) => allArticles().find((a) => a.body?.some((b) => b.type === type));
const mediaViews = [
  ['table and video', withBlock('video')],
  ['gallery', withBlock('gallery')],
  ['attachments', allArticles().find((a) => a.attachments?.length)],
]
  .filter(([, a], i, all) => a && all.findIndex(([, b]) => b?.slug === a.slug) === i)
  .map(([name, a]) => [name, `/bai-viet/${a.slug}`]);

/** Every kind of view, by URL. */
const VIEWS = [
  ['home', '/'],
  ['article', `/bai-viet/${article.slug}`],
  ...mediaViews,
  ['category', `/chuyen-muc/${category.slug}`],
  ...(tag ? [['tag', `/the/${tag.slug}`]] : []),
  ['latest', '/moi-nhat/trang/2'],
  ['search', '/tim-kiem?q=t%E1%BB%89nh'],
  // The site's pages (the one with a table, when there is one) and the site map.
  ...(settings.pages?.length
    ? [['page', `/trang/${(settings.pages.find((p) => readData(`trang/${p.slug}.json`).body.some((b) => b.type === 'table')) ?? settings.pages[0]).slug}`]]
    : []),
  ['site map', '/so-do'],
  // The documents registry: the listing filtered (the app's) and a document.
  ...(settings.registry?.length
    ? [
        ['registry', `/van-ban?loai=${settings.registry[0].slug}`],
        ['document', `/van-ban/${readData('van-ban/index.json').items[0].slug}`],
      ]
    : []),
  ['not found', '/khong-co-trang-nay'],
];

const WIDTHS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

// With the page's scripts off, Chromium runs no timers, and axe waits on
// setTimeout and requestAnimationFrame: they become microtasks there.
const NO_TIMERS = `window.setTimeout = (f, ms, ...a) => { Promise.resolve().then(() => f(...a)); return 0; };
window.clearTimeout = () => {};
window.requestAnimationFrame = (f) => { Promise.resolve().then(() => f(performance.now())); return 0; };`;

/** axe's violations on the page, as "rule: target" lines (empty when it passes). */
async function violations(page, scripts) {
  await page.evaluate(`${scripts ? '' : NO_TIMERS}${AXE};0`);
  const found = await page.evaluate(async () => {
    const wcag = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    const labelInName = await window.axe.run(document, {
      runOnly: { type: 'rule', values: ['label-content-name-mismatch'] },
      resultTypes: ['violations'],
    });
    return [...wcag.violations, ...labelInName.violations].flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1).join(' ').trim()})`),
    );
  });
  return found;
}

for (const viewport of WIDTHS) {
  test(`every view passes axe at ${viewport.width} px, with and without JavaScript, in both themes`, { timeout: 300_000 }, async () => {
    // The dark theme needs the page script (it sets data-theme on <html>).
    for (const [scripts, colorScheme] of [[false, 'light'], [true, 'light'], [true, 'dark']]) {
      const context = await site.browser.newContext({
        baseURL: site.server.url,
        viewport,
        locale: 'vi-VN',
        javaScriptEnabled: scripts,
        colorScheme,
      });
      try {
        const page = await context.newPage();
        for (const [name, url] of VIEWS) {
          if (scripts) {
            // The view as the app draws it, reached by navigations inside the app:
            // the first one makes the app draw its views (a prerendered page stays
            // as built until then), the second reaches the view.
            await page.goto('/moi-nhat');
            await appReady(page);
            await navigateInApp(page, url === '/' ? '/moi-nhat/trang/2' : '/');
            await waitUntil(async () => (await page.locator('#bt-static').count()) === 0, {
              message: `${name}: the app draws its views`,
            });
            await navigateInApp(page, url);
            await page.waitForURL((u) => u.pathname + u.search === url);
            await h1(page);
            if (name === 'search') await page.locator('.bt-found').getByRole('heading', { level: 1 }).waitFor();
          }
          if (!scripts) await page.goto(url);
          const found = await violations(page, scripts);
          assert.deepEqual(found, [], `${name} (${url}) at ${viewport.width} px, JavaScript ${scripts ? 'on' : 'off'}, ${colorScheme} theme`);
          if (scripts) assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), colorScheme);
        }
      } finally {
        await context.close();
      }
    }
  });
}
