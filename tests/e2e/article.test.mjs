// (b) Deep links to an article, and what an article page holds (the UI contract).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allArticles, expectTitle, h1, startsWith, useSite, vnDateTime, waitUntil, where } from './helpers.mjs';

const site = useSite({ permissions: ['clipboard-read', 'clipboard-write'] });

/** The article that exercises the most of the page: source link, tags, figures, related. */
function richestArticle() {
  const score = (a) =>
    (a.source?.url ? 2 : 0) +
    (a.tags?.length ? 2 : 0) +
    (a.related?.length ? 2 : 0) +
    (a.lead ? 2 : 0) +
    (a.author ? 1 : 0) +
    (a.body ?? []).filter((b) => b.type === 'figure' && b.caption).length +
    (a.cover?.caption ? 1 : 0);
  return allArticles().sort((x, y) => score(y) - score(x) || y.size - x.size)[0];
}

const article = richestArticle();

async function expectArticle(page, a) {
  assert.equal(await h1(page, a.title), a.title);
  await expectTitle(page, a.title);
  await page.getByText(`Đăng ngày: ${vnDateTime(a.published)}`).first().waitFor();
  if (a.lead) {
    const lead = page.locator('.bt-article__lead');
    await lead.waitFor();
    assert.equal((await lead.innerText()).trim(), a.lead.trim());
    const weight = await lead.evaluate((el) => Number.parseInt(getComputedStyle(el).fontWeight, 10));
    assert.ok(weight >= 600, `the lead is bold (font-weight ${weight})`);
  }
}

test('a deep link to an article shows it, and so does a reload', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${article.slug}`);
  await expectArticle(page, article);
  await page.reload();
  await expectArticle(page, article);
  assert.equal(where(page), `/bai-viet/${article.slug}`);
  site.assertNoErrors();
});

test('an article page has its breadcrumb, figures, author, source, tags and related news', { timeout: 60_000 }, async () => {
  const { page } = site;
  const a = article;
  await page.goto(`/bai-viet/${a.slug}`);
  await h1(page, a.title);
  const main = page.getByRole('main');

  // Breadcrumb: Trang chủ › category.
  const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
  assert.equal(await crumbs.getByRole('link', { name: 'Trang chủ', exact: true }).getAttribute('href'), '/');
  if (a.category) {
    const catLink = crumbs.getByRole('link', { name: a.category.name, exact: true });
    assert.equal(await catLink.getAttribute('href'), `/chuyen-muc/${a.category.slug}`);
  }

  // Figures with their captions.
  const figures = (a.body ?? []).filter((b) => b.type === 'figure' && b.caption);
  for (const f of figures) {
    const fig = main.locator('figure').filter({ has: page.locator('figcaption', { hasText: f.caption }) });
    assert.ok((await fig.count()) >= 1, `a figure captioned ${JSON.stringify(f.caption)}`);
    const img = fig.first().locator('img');
    assert.equal(await img.first().getAttribute('alt'), f.image.alt);
  }

  if (a.author) await main.getByText(a.author).first().waitFor();

  // Source: "Nguồn: <a rel="noopener noreferrer">".
  if (a.source) {
    await main.getByText('Nguồn:').first().waitFor();
    if (a.source.url) {
      const src = main.getByRole('link', { name: startsWith(a.source.name) }).first();
      assert.equal(await src.getAttribute('href'), a.source.url);
      const rel = ((await src.getAttribute('rel')) ?? '').split(/\s+/);
      assert.ok(rel.includes('noopener') && rel.includes('noreferrer'), `rel="noopener noreferrer" (is ${rel.join(' ')})`);
    }
  }

  // Tags: "Từ khóa:" then links to /the/<slug>.
  if (a.tags?.length) {
    await main.getByText('Từ khóa:').first().waitFor();
    for (const t of a.tags) {
      const link = main.locator(`a[href="/the/${t.slug}"]`);
      assert.ok((await link.count()) >= 1, `a link to the tag ${t.slug}`);
      assert.equal((await link.first().innerText()).trim(), t.name);
    }
  }

  // Related news.
  if (a.related?.length) {
    await main.getByRole('heading', { level: 2, name: 'Tin liên quan', exact: true }).waitFor();
    for (const r of a.related) {
      const link = page.locator(`a[href="/bai-viet/${r.slug}"]`).filter({ hasText: r.title });
      assert.ok((await link.count()) >= 1, `a related link to ${r.slug}`);
    }
  }
  site.assertNoErrors();
});

test('print, copy link and share', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${article.slug}`);
  await h1(page, article.title);

  // "In bài viết" opens the print dialog (stubbed: headless has none).
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await page.getByRole('button', { name: 'In bài viết', exact: true }).click();
  await waitUntil(() => page.evaluate(() => window.__printed === 1), { message: 'window.print() called once' });

  // "Sao chép liên kết" puts the article's address on the clipboard.
  await page.getByRole('button', { name: 'Sao chép liên kết', exact: true }).click();
  const copied = await waitUntil(() => page.evaluate(() => navigator.clipboard.readText()), {
    message: 'text on the clipboard',
  });
  assert.match(copied, new RegExp(`/bai-viet/${article.slug}$`), `the copied link (${copied})`);

  // Share links carry the article's address.
  for (const [name, host] of [
    ['Chia sẻ Facebook', /facebook\.com/],
    ['Chia sẻ Zalo', /zalo\.me|zalo/],
  ]) {
    const share = page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true }));
    assert.equal(await share.count(), 1, `one "${name}" control`);
    const href = await share.getAttribute('href');
    if (href) {
      assert.match(href, host, `${name} goes to ${host}`);
      assert.ok(decodeURIComponent(href).includes(`/bai-viet/${article.slug}`), `${name} shares the article (${href})`);
    }
  }
  site.assertNoErrors();
});

test('the text size buttons change the article text and are remembered', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${article.slug}`);
  await h1(page, article.title);
  // A paragraph of the body, found by its text.
  const para = article.body.find((b) => b.type === 'paragraph' && b.content.map((i) => i.text ?? '').join('').length > 40);
  assert.ok(para, 'the article has a paragraph to measure');
  const start = para.content.map((i) => i.text ?? '').join('').slice(0, 40);
  const bodyText = page.getByRole('main').locator('p').filter({ hasText: start }).first();
  const size = () => bodyText.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));

  const before = await size();
  await page.getByRole('button', { name: 'A+ Tăng cỡ chữ', exact: true }).click();
  const bigger = await waitUntil(async () => ((await size()) > before ? size() : 0), {
    message: `a bigger font than ${before}px after "Tăng cỡ chữ"`,
  });

  await page.reload();
  await h1(page, article.title);
  await waitUntil(async () => (await size()) === bigger, { message: `the font size (${bigger}px) kept after a reload` });
  const stored = await page.evaluate(() => Object.keys(localStorage).length);
  assert.ok(stored > 0, 'the choice is in localStorage');

  await page.getByRole('button', { name: 'A− Giảm cỡ chữ', exact: true }).click();
  await waitUntil(async () => (await size()) < bigger, { message: `a smaller font after "Giảm cỡ chữ"` });
  site.assertNoErrors();
});
