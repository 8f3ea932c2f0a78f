// The documents registry ("Văn bản"): the listing at /van-ban, filtered by
// type, issuing body, field and year and paged through query parameters (a
// shareable URL that survives a reload on a static host), a document's page,
// and articles that link to a document by its number. At desktop width and at
// 360 px, prerendered and inside the app.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allArticles,
  appReady,
  axeViolations,
  expectTitle,
  h1,
  navigateInApp,
  readData,
  useSite,
  waitUntil,
  where,
} from './helpers.mjs';

const index = readData('van-ban/index.json');
const settings = readData('site.json');
const PER_PAGE = 20;

const titleOf = (row) => `${index.types[row.type].name} ${row.number}`;

/** The rows a filter keeps, newest first (as the index lists them). */
function expected({ loai = '', nam = '', 'co-quan': issuer = '', 'linh-vuc': field = '' } = {}) {
  return index.items.filter(
    (r) =>
      (!loai || index.types[r.type].slug === loai) &&
      (!issuer || index.issuers[r.issuer].slug === issuer) &&
      (!field || r.fields?.some((f) => index.fields[f].slug === field)) &&
      (!nam || r.issued.startsWith(nam)),
  );
}

/** A year and a type with entries of both, and entries of that type in other years. */
function yearAndType() {
  for (const t of index.types) {
    const years = [...new Set(expected({ loai: t.slug }).map((r) => r.issued.slice(0, 4)))];
    if (years.length >= 2) return { loai: t.slug, nam: years[0], type: t };
  }
  throw new Error('no type spans two years');
}

/** The titles of the entries on screen. */
const shown = (p) => p.locator('.bt-docs__title a').allTextContents();

async function expectEntries(p, rows, message) {
  const want = rows.map(titleOf);
  let got = [];
  await waitUntil(
    async () => {
      got = (await shown(p)).map((t) => t.trim());
      return JSON.stringify(got) === JSON.stringify(want);
    },
    { message: () => `${message}: entries ${JSON.stringify(got)} want ${JSON.stringify(want)}` },
  );
}

test('the sample registry has at least 30 documents over several types and years', () => {
  assert.ok(index.items.length >= 30, `${index.items.length} documents`);
  assert.ok(index.types.length >= 4, `${index.types.length} types`);
  assert.ok(new Set(index.items.map((r) => r.issued.slice(0, 4))).size >= 3, 'three years or more');
  assert.ok(settings.registry.length === index.types.length, 'site.json lists the types');
});

for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 360, height: 740 }],
]) {
  describe(label, () => {
    const site = useSite({ viewport, hasTouch: label === 'phone', isMobile: label === 'phone' });

    test(`${label}: the prerendered listing is the newest ${PER_PAGE} entries, with the count and pages`, async () => {
      const p = site.page;
      await p.goto('/van-ban');
      await h1(p, 'Văn bản');
      assert.equal(await p.locator('#bt-static').count(), 1, 'a prerendered page');
      await expectEntries(p, index.items.slice(0, PER_PAGE), 'page 1');
      const pages = Math.ceil(index.items.length / PER_PAGE);
      assert.match(await p.locator('.bt-registry__count').innerText(), new RegExp(`Có ${index.items.length} văn bản`));
      if (pages > 1) {
        await p.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau' }).click();
        await waitUntil(() => where(p) === '/van-ban?trang=2', { message: () => `URL (is ${where(p)})` });
        await expectEntries(p, index.items.slice(PER_PAGE, 2 * PER_PAGE), 'page 2');
      }
      assert.equal(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll');
      site.assertNoErrors();
    });

    test(`${label}: a filter by year and type gives the right entries, and survives a reload and a shared URL`, async () => {
      const p = site.page;
      const { loai, nam, type } = yearAndType();
      const want = expected({ loai, nam });
      assert.ok(want.length >= 1 && want.length < expected({ loai }).length);
      await p.goto('/van-ban');
      await h1(p, 'Văn bản');
      await p.getByLabel('Loại văn bản').selectOption(loai);
      await p.getByLabel('Năm ban hành').selectOption(nam);
      if (label === 'phone') await p.getByRole('button', { name: 'Lọc', exact: true }).tap();
      else await p.getByRole('button', { name: 'Lọc', exact: true }).click();
      const url = `/van-ban?loai=${loai}&nam=${nam}`;
      await waitUntil(() => where(p) === url, { message: () => `URL ${url} (is ${where(p)})` });
      await expectEntries(p, want, 'filtered');
      assert.match(await p.locator('.bt-registry__count').innerText(), new RegExp(`Có ${want.length} văn bản`));
      // The form shows the filter; "Bỏ lọc" leads back to everything.
      assert.equal(await p.getByLabel('Loại văn bản').inputValue(), loai);
      assert.equal(await p.getByLabel('Năm ban hành').inputValue(), nam);
      await expectTitle(p, 'Văn bản');

      await p.reload();
      await h1(p, 'Văn bản');
      await expectEntries(p, want, 'after a reload');
      assert.equal(await p.getByLabel('Loại văn bản').inputValue(), loai);

      // The URL shared: a new reader's first visit.
      const other = await site.context.browser().newContext({ viewport });
      const q = await other.newPage();
      await q.goto(site.url(url));
      await q.getByRole('heading', { level: 1, name: 'Văn bản' }).waitFor();
      await expectEntries(q, want, 'the shared URL');
      assert.equal(await q.getByLabel('Năm ban hành').inputValue(), nam);
      await other.close();

      assert.deepEqual(await axeViolations(p), [], `axe on ${url}`);
      await p.getByRole('link', { name: 'Bỏ lọc' }).click();
      await waitUntil(() => where(p) === '/van-ban', { message: () => `URL /van-ban (is ${where(p)})` });
      await expectEntries(p, index.items.slice(0, PER_PAGE), 'unfiltered');
      assert.ok(type.name);
      site.assertNoErrors();
    });

    test(`${label}: issuer and field filters, pages that keep the filter, and a filter that finds nothing`, async () => {
      const p = site.page;
      const issuer = index.issuers.find((i) => expected({ 'co-quan': i.slug }).length >= 2);
      const field = index.fields.find((f) => expected({ 'linh-vuc': f.slug }).length >= 2);
      await p.goto(`/van-ban?co-quan=${issuer.slug}`);
      await h1(p, 'Văn bản');
      await expectEntries(p, expected({ 'co-quan': issuer.slug }).slice(0, PER_PAGE), 'by issuer');
      await p.goto(`/van-ban?linh-vuc=${field.slug}`);
      await h1(p, 'Văn bản');
      await expectEntries(p, expected({ 'linh-vuc': field.slug }).slice(0, PER_PAGE), 'by field');
      // No entry: a message, and a way back.
      await p.goto('/van-ban?nam=1990');
      await h1(p, 'Văn bản');
      await p.getByText('Không có văn bản nào khớp với bộ lọc').waitFor();
      assert.equal(await p.locator('.bt-docs__item').count(), 0);
      await p.getByRole('link', { name: 'Bỏ lọc' }).waitFor();
      site.assertNoErrors();
    });

    test(`${label}: a document's page shows its number, type, issuer, signer, dates, fields and files`, async () => {
      const p = site.page;
      const row = index.items.find((r) => r.fields?.length) ?? index.items[0];
      const doc = readData(`van-ban/${row.slug}.json`);
      for (const app of [false, true]) {
        if (app) {
          await p.goto('/van-ban');
          await h1(p, 'Văn bản');
          await appReady(p);
          await navigateInApp(p, `/van-ban/${row.slug}`);
        } else {
          await p.goto(`/van-ban/${row.slug}`);
        }
        await h1(p, `${doc.type.name} ${doc.number}`);
        const facts = await p.locator('.bt-doc__facts').innerText();
        for (const want of [doc.number, doc.issuer.name, doc.signer, doc.issued.split('-').reverse().join('/')]) {
          assert.ok(facts.includes(want), `${want} in ${facts}`);
        }
        for (const f of doc.files) {
          const link = p.getByRole('link', { name: f.title, exact: true });
          assert.equal(await link.getAttribute('href'), f.href);
          assert.match(await link.locator('xpath=..').innerText(), new RegExp(f.format));
        }
        await expectTitle(p, `${doc.type.name} ${doc.number}`);
      }
      // The file is served.
      const res = await p.request.get(site.url(doc.files[0].href));
      assert.equal(res.status(), 200);
      assert.equal((await res.body()).length, doc.files[0].size);
      // Its type leads to the listing of that type, inside the app.
      await p.locator('.bt-doc__facts').getByRole('link', { name: doc.type.name, exact: true }).click();
      await waitUntil(() => where(p) === `/van-ban?loai=${doc.type.slug}`, { message: () => `URL (is ${where(p)})` });
      await expectEntries(p, expected({ loai: doc.type.slug }).slice(0, PER_PAGE), 'by type');
      assert.deepEqual(await axeViolations(p), []);
      site.assertNoErrors();
    });
  });
}

describe('links', () => {
  const site = useSite();

  test('an article links to a document by its number', async () => {
    const p = site.page;
    const article = allArticles().find((a) => JSON.stringify(a.body).includes('"href":"/van-ban/'));
    assert.ok(article, 'a sample article links to the registry');
    const href = JSON.stringify(article.body).match(/"href":"(\/van-ban\/[^"]+)"/)[1];
    const doc = readData(`${href.slice(1)}.json`);
    await p.goto(`/bai-viet/${article.slug}`);
    await h1(p, article.title);
    await appReady(p);
    await p.locator(`main a[href="${href}"]`).first().click();
    await waitUntil(() => where(p) === href, { message: () => `URL ${href} (is ${where(p)})` });
    await h1(p, `${doc.type.name} ${doc.number}`);
    site.assertNoErrors();
  });

  test('the menu, the site map and the sitemap lead to the registry; a missing document is not found', async () => {
    const p = site.page;
    await p.goto('/');
    await h1(p);
    await p.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Văn bản', exact: true }).click();
    await waitUntil(() => where(p) === '/van-ban', { message: () => `URL (is ${where(p)})` });
    await h1(p, 'Văn bản');

    await p.goto('/so-do');
    await h1(p, 'Sơ đồ cổng thông tin');
    const section = p.locator('.bt-sitemap__section', { has: p.getByRole('heading', { name: 'Văn bản', exact: true }) });
    await section.getByRole('link', { name: 'Tất cả văn bản' }).waitFor();
    for (const t of index.types) {
      assert.equal(await section.getByRole('link', { name: t.name, exact: true }).getAttribute('href'), `/van-ban?loai=${t.slug}`);
    }
    const sitemap = await (await fetch(site.url('/sitemap-trang.xml'))).text();
    assert.ok(sitemap.includes('/van-ban</loc>'), 'the listing is in the sitemap');
    for (const r of index.items) assert.ok(sitemap.includes(`/van-ban/${r.slug}</loc>`), r.slug);

    // An unknown document: the host serves the app (as for any unknown route), which says so.
    await p.goto('/van-ban/khong-co-van-ban-nay');
    await h1(p, 'Không tìm thấy trang');
    await appReady(p);
    await navigateInApp(p, '/van-ban/khong-co-van-ban-nay-2');
    await h1(p, 'Không tìm thấy trang');
    site.assertNoErrors({ allow: [/Failed to load resource/] });
  });
});
