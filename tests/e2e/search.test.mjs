// (s) Search (issue 4): the header's search box with suggestions while typing,
// the search page /tim-kiem?q=…&trang=N, the messages for no results, punctuation
// only, an over-long query and an index that fails to load, and that nothing of
// the engine loads until the reader starts searching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NETWORK_ERROR,
  SITE_NAME,
  TITLE_SEP,
  allArticles,
  dataExists,
  h1,
  readData,
  useSite,
  waitUntil,
  where,
} from './helpers.mjs';

const site = useSite();
const settings = readData('site.json');
/** The site's pages (data/trang/<slug>.json), searchable beside the articles. */
const sitePages = (settings.pages ?? []).map((p) => readData(`trang/${p.slug}.json`));
/**
 * The registry's documents (data/van-ban/<slug>.json), searchable too, each
 * with the title search shows ("Nghị quyết 05-NQ/TU").
 */
const registryDocs = (dataExists('van-ban/index.json') ? readData('van-ban/index.json').items : []).map((row) => {
  const d = readData(`van-ban/${row.slug}.json`);
  return { ...d, title: `${d.type.name} ${d.number}` };
});
/** The article, page or document titled `title`, with its URL. */
function docTitled(title) {
  const a = allArticles().find((x) => x.title === title);
  if (a) return { ...a, url: `/bai-viet/${a.slug}` };
  const p = sitePages.find((x) => x.title === title);
  if (p) return { ...p, url: `/trang/${p.slug}` };
  const d = registryDocs.find((x) => x.title === title);
  return d && { ...d, url: `/van-ban/${d.slug}` };
}
/** The article, page or document a result's href names. */
function docOf(href) {
  const [, kind, slug] = href.match(/^\/(bai-viet|trang|van-ban)\/([^/?#]+)$/) ?? [];
  if (kind === 'trang') return sitePages.find((p) => p.slug === slug);
  if (kind === 'van-ban') return registryDocs.find((d) => d.slug === slug);
  return kind ? allArticles().find((a) => a.slug === slug) : undefined;
}
/** What search reads of an article, page or document, folded. */
function searchedText(x) {
  const fields = (x.fields ?? []).map((f) => f.name);
  return fold([x.title, x.lead ?? '', x.summary ?? '', x.issuer?.name ?? '', x.signer ?? '', ...fields, JSON.stringify(x.body ?? [])].join(' '));
}

/** Lowercase without tone marks, đ as d: how the reader's words are compared. */
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** A word (3+ letters, folded) of the sample titles and how many titles have it. */
function titleWords() {
  const counts = new Map();
  for (const a of allArticles()) {
    for (const w of new Set(fold(a.title).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3))) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return counts;
}

/** The spelling with tone marks of a folded word, as a title has it. */
function toned(word) {
  for (const a of allArticles()) {
    for (const w of a.title.split(/[^\p{L}\p{N}]+/u)) if (fold(w) === word && w.toLowerCase() !== word) return w.toLowerCase();
  }
  return null;
}

// A word with tone marks in many titles (so the results take more than one page
// on a site of this size, when the site has enough), and one in only a few.
const words = [...titleWords()].filter(([w]) => toned(w));
words.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
const [COMMON] = words[0];
const [RARE] = words.find(([, n]) => n >= 1 && n <= 3);
const box = (page) => page.getByRole('combobox', { name: 'Tìm bài viết' });
const listbox = (page) => page.getByRole('listbox', { name: 'Gợi ý tìm kiếm' });

/**
 * Waits until the app has started (a prerendered page stays as built; the search
 * page, which needs the app, is drawn by it).
 */
async function appReady(page) {
  await waitUntil(() => page.evaluate(() => window.__bantinReady === true && !document.querySelector('#bt-static[data-bt-now]')), {
    message: 'the app started',
  });
}

/**
 * The search page's results as the reader sees them, once every snippet has been
 * cut from its document (the results show first with their leads; the root
 * element carries `data-bt-snippets` until the documents have arrived).
 */
async function shownResults(page) {
  await waitUntil(() => page.evaluate(() => !document.documentElement.hasAttribute('data-bt-snippets')), {
    message: 'the snippets are cut from the documents',
  });
  return resultsNow(page);
}

/** The search page's results as they are on screen now. */
function resultsNow(page) {
  return page.locator('main .bt-found__hit').evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector('h2').innerText.trim(),
      href: li.querySelector('h2 a').getAttribute('href'),
      marks: [...li.querySelectorAll('h2 mark')].map((m) => m.innerText),
      meta: li.querySelector('.bt-found__meta')?.innerText ?? '',
      snippet: li.querySelector('.bt-found__snippet')?.innerText ?? null,
      snippetMarks: [...li.querySelectorAll('.bt-found__snippet mark')].map((m) => m.innerText),
    })),
  );
}

/** The number in "Tìm thấy N kết quả cho “q”". */
async function countLine(page, q) {
  const line = page.getByText(new RegExp(`^Tìm thấy \\d+ kết quả cho “${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”$`));
  await line.waitFor({ timeout: 20_000 });
  return Number((await line.innerText()).match(/\d+/)[0]);
}

test('typing suggests articles; arrows move, Enter opens one, Escape closes', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto('/');
  await appReady(page);
  const input = box(page);
  assert.equal(await input.getAttribute('aria-expanded'), 'false');

  // Without tone marks: the words are found whatever their marks.
  const prefix = RARE.slice(0, Math.max(2, RARE.length - 1));
  await input.click();
  await input.pressSequentially(prefix, { delay: 40 });
  await listbox(page).waitFor({ state: 'visible', timeout: 20_000 });
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const options = listbox(page).getByRole('option');
  const count = await options.count();
  assert.ok(count >= 1 && count <= 6, `1 to 6 suggestions (got ${count})`);
  // Each suggestion is an article (or a page, or a document) with a word (in
  // its title or text) starting so.
  const titles = await listbox(page).locator('.bt-search__title').allInnerTexts();
  for (const t of titles) {
    const a = docTitled(t.trim());
    assert.ok(a, `the suggestion "${t}" is an article, a page of the site or a document`);
    const text = searchedText(a);
    assert.ok(text.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(prefix)), `"${t}" has a word starting with "${prefix}"`);
  }
  const marks = await listbox(page).locator('mark').allInnerTexts();
  assert.ok(marks.length >= 1, 'the matched words are marked');
  for (const m of marks) assert.ok(fold(m).startsWith(prefix), `mark "${m}" starts with "${prefix}"`);

  // Arrows move the active option (focus stays in the box).
  await input.press('ArrowDown');
  const firstId = await options.nth(0).getAttribute('id');
  assert.equal(await input.getAttribute('aria-activedescendant'), firstId);
  assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
  if (count > 1) {
    await input.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
    await input.press('ArrowUp');
  }
  assert.equal(await input.getAttribute('aria-activedescendant'), firstId);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'bt-q');

  // Escape closes the list; ArrowDown opens it again.
  await input.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await listbox(page).waitFor({ state: 'hidden' });
  assert.equal(await input.inputValue(), prefix, 'the first Escape keeps the text');
  await input.press('ArrowDown');
  await listbox(page).waitFor({ state: 'visible' });

  // Enter opens the active suggestion inside the app: the first article or
  // page (a registry document, newest in the index, may come before them on a
  // tie; its view is tested with the registry).
  const shown = (await listbox(page).locator('.bt-search__title').allInnerTexts()).map((t) => docTitled(t.trim()));
  const pick = shown.findIndex((x) => !x.url.startsWith('/van-ban/'));
  assert.ok(pick >= 0, `an article or a page among the suggestions: ${shown.map((x) => x.url).join(' ')}`);
  for (let i = 0; i < pick; i++) await input.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(pick).getAttribute('id'));
  const title = (await options.nth(pick).locator('.bt-search__title').innerText()).trim();
  const article = docTitled(title);
  assert.ok(article, `the suggestion "${title}" is an article or a page of the site`);
  await page.evaluate(() => (window.__sameDocument = true));
  await input.press('Enter');
  await waitUntil(() => where(page) === article.url, { message: () => `the suggestion's URL (is ${where(page)})` });
  assert.equal(await h1(page, article.title), article.title);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  site.assertNoErrors();
});

test('with tone marks, a suggestion is clicked; Enter without one opens the search page', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto('/');
  await appReady(page);
  const input = box(page);
  const word = toned(RARE);
  await input.click();
  await input.pressSequentially(word, { delay: 40 });
  await listbox(page).waitFor({ state: 'visible', timeout: 20_000 });
  const marks = await listbox(page).locator('mark').allInnerTexts();
  assert.ok(marks.some((m) => fold(m) === RARE), `"${word}" is marked in the suggestions (${marks.join(', ')})`);
  const option = listbox(page).getByRole('option').first();
  const title = (await option.locator('.bt-search__title').innerText()).trim();
  await option.click();
  const article = docTitled(title);
  await waitUntil(() => where(page) === article.url, { message: 'the clicked suggestion' });
  await h1(page, article.title);

  // Enter with no active suggestion: the search page for the typed words.
  await input.fill('');
  await input.pressSequentially(word, { delay: 20 });
  await input.press('Enter');
  await waitUntil(() => where(page) === `/tim-kiem?q=${encodeURIComponent(word)}`, {
    message: () => `the search page's URL (is ${where(page)})`,
  });
  assert.equal(await h1(page, 'Tìm kiếm'), 'Tìm kiếm');
  assert.ok((await countLine(page, word)) >= 1);
  await waitUntil(async () => (await page.title()) === `Kết quả tìm kiếm: ${word}${TITLE_SEP}${SITE_NAME}`, {
    message: async () => `the document title (is ${await page.title()})`,
  });
  site.assertNoErrors();
});

test('the search page: count, marked titles and snippets, dates, categories and pages', { timeout: 90_000 }, async () => {
  const { page } = site;
  const q = toned(COMMON);
  await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
  assert.equal(await h1(page, 'Tìm kiếm'), 'Tìm kiếm');
  const total = await countLine(page, q);
  const expected = [...allArticles(), ...sitePages, ...registryDocs].filter((a) => fold(a.title).split(/[^\p{L}\p{N}]+/u).includes(COMMON)).length;
  assert.ok(total >= expected, `at least the ${expected} articles, pages and documents with "${q}" in their title are found (got ${total})`);
  assert.equal(await page.getByRole('searchbox', { name: 'Từ khóa' }).inputValue(), q, 'the page box holds the query');

  const pages = Math.ceil(total / 10);
  const seen = new Set();
  for (let p = 1; p <= Math.min(pages, 3); p++) {
    if (p > 1) {
      await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau' }).click();
      await waitUntil(() => where(page) === `/tim-kiem?q=${encodeURIComponent(q)}&trang=${p}`, {
        message: () => `page ${p}'s URL (is ${where(page)})`,
      });
      await waitUntil(async () => (await page.title()).startsWith(`Kết quả tìm kiếm: ${q}${TITLE_SEP}Trang ${p}`), {
        message: 'the title names the page',
      });
    }
    const results = await shownResults(page);
    assert.equal(results.length, Math.min(10, total - (p - 1) * 10), `page ${p} shows its share of ${total} results`);
    for (const r of results) {
      assert.ok(!seen.has(r.href), `${r.href} is shown once`);
      seen.add(r.href);
      const article = docOf(r.href);
      assert.ok(article, `${r.href} is an article, a page or a document`);
      assert.equal(r.title, article.title);
      for (const m of r.marks) assert.equal(fold(m), COMMON, `title mark "${m}"`);
      if (r.href.startsWith('/trang/')) {
        assert.equal(r.meta, 'Trang thông tin', 'a page has no date or category');
      } else if (r.href.startsWith('/van-ban/')) {
        assert.equal(r.meta, 'Văn bản', 'a document has no date or category');
      } else {
        assert.match(r.meta, /^\d\d\/\d\d\/\d{4}/, 'the date comes first');
        const category = settings.categories.find((c) => c.slug === article.category?.slug);
        if (category) assert.ok(r.meta.endsWith(` · ${category.name}`), `the category name in "${r.meta}"`);
      }
      assert.ok(r.snippet, `${r.href} has a snippet`);
      for (const m of r.snippetMarks) assert.equal(fold(m), COMMON, `snippet mark "${m}"`);
    }
    if (p === 1) {
      assert.ok(results.some((r) => r.marks.length > 0), 'some titles have marks');
      assert.ok(results.some((r) => r.snippetMarks.length > 0), 'some snippets have marks');
    }
  }
  // A result opens its article inside the app.
  const first = (await shownResults(page))[0];
  await page.getByRole('main').getByRole('link', { name: first.title, exact: true }).click();
  await h1(page, first.title);
  site.assertNoErrors();
});

test('results show before their documents arrive, with their leads; the snippets around the words follow', { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = toned(COMMON);
  // The hits' documents are held until the results are on screen.
  const held = [];
  let hold = true;
  const documents = /\/data\/(bai-viet|trang|van-ban)\/[^/]+\.json$/;
  await page.route(documents, (route) => (hold ? held.push(route) : route.continue()));
  try {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    const total = await countLine(page, q);
    assert.ok(await page.evaluate(() => document.documentElement.hasAttribute('data-bt-snippets')), 'the snippets are pending');
    const first = await resultsNow(page);
    assert.equal(first.length, Math.min(10, total), 'a full page of results shows while no document has arrived');
    const words = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const r of first) {
      const doc = docOf(r.href);
      const lead = doc.lead ?? doc.summary ?? doc.description ?? '';
      if (!lead.trim()) continue;
      assert.ok(r.snippet, `${r.href} shows its lead`);
      const own = new Set(words(lead));
      assert.ok(words(r.snippet).every((w) => own.has(w)), `${r.href}: the snippet is its lead: ${r.snippet}`);
      for (const m of r.snippetMarks) assert.equal(fold(m), COMMON, `lead mark "${m}"`);
    }
    // Asked for once the results are on screen (src/js/page.js, presented).
    await waitUntil(() => held.length >= first.length, { message: () => `the documents asked for (${held.length})` });
    hold = false;
    for (const route of held) await route.continue();
    const after = await shownResults(page);
    assert.deepEqual(after.map((r) => r.href), first.map((r) => r.href), 'the same results, in place');
    for (const r of after) {
      const own = new Set(words(searchedText(docOf(r.href))));
      assert.ok(r.snippet && words(r.snippet).every((w) => own.has(w)), `${r.href}: the snippet is the document's: ${r.snippet}`);
    }
    assert.ok(after.some((r) => r.snippetMarks.length > 0), 'the snippets mark the words');
    assert.ok(after.some((r, i) => r.snippet !== first[i].snippet), 'some snippets were cut from the body');
  } finally {
    await page.unroute(documents).catch(() => {});
  }
  site.assertNoErrors();
});

test("the search page's results wait for neither the app's code nor its start", { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = toned(COMMON);
  // The app's files are held: the page script has the search module write the results.
  const app = /\/bantin-(app-[0-9a-f]+(_bg\.wasm|\.js)|split-[0-9a-f]+\.js)$/;
  const held = [];
  let hold = true;
  await page.route(app, (route) => (hold ? held.push(route) : route.continue()));
  try {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    const total = await countLine(page, q);
    const first = await resultsNow(page);
    assert.equal(first.length, Math.min(10, total), 'a page of results before the app');
    assert.equal(await page.evaluate(() => window.__bantinReady === true), false, 'the app has not started');
    // Marked, to see that the app does not write the results again.
    await page.evaluate(() => {
      document.querySelector('.bt-found').firstElementChild.dataset.written = 'page';
    });
    hold = false;
    for (const route of held) await route.continue();
    await waitUntil(() => page.evaluate(() => window.__bantinReady === true), { message: 'the app started' });
    await waitUntil(async () => (await page.title()) === `Kết quả tìm kiếm: ${q}${TITLE_SEP}${SITE_NAME}`, { message: 'the app sets the title' });
    assert.equal(await page.evaluate(() => document.querySelector('.bt-found').firstElementChild.dataset.written), 'page', 'the results stay as written');
    assert.deepEqual((await shownResults(page)).map((r) => r.href), first.map((r) => r.href));
    // The page's form is the module's: a new query shows its results in the app.
    const next = toned(words[1]?.[0] ?? COMMON);
    await page.locator('#bt-q-trang').fill(next);
    await page.locator('#bt-q-trang').press('Enter');
    await countLine(page, next);
    assert.ok(new URL(page.url()).searchParams.get('q') === next, 'the address is the new query');
  } finally {
    await page.unroute(app).catch(() => {});
  }
  site.assertNoErrors();
});

// Lighthouse counts every request started before the largest paint in its wait for
// it, and a frame is on screen some time after its animation callbacks: the app's
// files and the documents that refine the snippets wait for the paint of the results
// itself, as the browser reports it.
test("the app's files and the snippets' documents are asked for once the results are on screen", { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = toned(COMMON);
  await page.addInitScript(() => {
    window.__paints = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__paints.push({ at: e.startTime, hit: !!(e.element && e.element.closest('.bt-found__hit')) });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  // At a phone's speed (4× slower), where the frame that shows the results reaches
  // the screen well after its animation callbacks (two of them were not enough).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  try {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    await countLine(page, q);
    await waitUntil(() => page.evaluate(() => window.__bantinReady === true), { message: 'the app started' });
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
    await cdp.detach().catch(() => {});
  }
  await waitUntil(() => page.evaluate(() => !document.documentElement.hasAttribute('data-bt-snippets')), { message: 'the snippets refined' });
  const { paints, asked } = await page.evaluate(() => ({
    paints: window.__paints,
    asked: performance.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname, at: r.startTime })),
  }));
  const results = paints.find((p) => p.hit);
  assert.ok(results, `the results made the largest paint: ${JSON.stringify(paints)}`);
  const later = asked.filter((r) => /^\/bantin-(app|split)-|^\/data\/(bai-viet|trang|van-ban)\//.test(r.path));
  assert.ok(later.some((r) => r.path.startsWith('/bantin-app-')) && later.some((r) => r.path.startsWith('/data/')), `the app and documents were asked for: ${JSON.stringify(later)}`);
  assert.deepEqual(
    later.filter((r) => r.at < results.at).map((r) => `${r.path} at ${Math.round(r.at)} ms`),
    [],
    `asked for before the results' paint at ${Math.round(results.at)} ms`,
  );
  site.assertNoErrors();
});

// The documents the search page fetched to cut its snippets from are the app's too
// (window.__bantinDocs): its idle prefetch of the links in view and the result the
// reader opens ask for none of them again.
test('a result opened from the search page is not asked for again, nor prefetched twice', { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = toned(COMMON);
  const asked = [];
  const record = (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/data\/(bai-viet|trang|van-ban)\//.test(pathname)) asked.push(pathname);
  };
  page.on('request', record);
  try {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    await countLine(page, q);
    const results = await shownResults(page);
    await waitUntil(() => page.evaluate(() => window.__bantinReady === true), { message: 'the app started' });
    // The app's prefetch of the links in view has had its idle moment.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 500))));
    const counts = new Map();
    for (const p of asked) counts.set(p, (counts.get(p) ?? 0) + 1);
    assert.deepEqual([...counts].filter(([, n]) => n > 1), [], `each document asked for once: ${asked.join(', ')}`);
    assert.equal(counts.size, results.length, `the results' documents, for their snippets: ${asked.join(', ')}`);
    // An article beyond the first few (which the idle prefetch reaches) opens with no request.
    const pick = results.find((r, i) => i >= 3 && r.href.startsWith('/bai-viet/')) ?? results.find((r) => r.href.startsWith('/bai-viet/'));
    assert.ok(pick, 'an article among the results');
    const before = asked.length;
    await page.locator(`main .bt-found__hit h2 a[href="${pick.href}"]`).click();
    await h1(page, docOf(pick.href).title);
    assert.equal(where(page), pick.href);
    assert.deepEqual(asked.slice(before), [], 'opening it asked for nothing');
  } finally {
    page.off('request', record);
  }
  site.assertNoErrors();
});

test("the search page asks for its words' index files while the search module is on its way, each once", { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = `${toned(COMMON)} ${toned(words[1][0])}`;
  // The search module's code is held: what the page asks for meanwhile is the page script's.
  const module = /\/tim\/bantin_search(_bg\.wasm|\.js)$/;
  const held = [];
  let hold = true;
  await page.route(module, (route) => (hold ? held.push(route) : route.continue()));
  const asked = [];
  const onRequest = (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/data/tim/')) asked.push({ path, early: hold });
  };
  page.on('request', onRequest);
  // The page's own record of what it fetched, written in the task that fetches: the
  // script asks for all its shards in one task, whose request events may reach this
  // process one by one, after the module is let through.
  await page.addInitScript(() => {
    if (window.__fetched) return;
    window.__fetched = [];
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      try {
        window.__fetched.push(new URL(input instanceof Request ? input.url : String(input), document.baseURI).pathname);
      } catch {}
      return fetch.call(this, input, init);
    };
  });
  try {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    const dictionaries = [...new Set(q.split(' ').map((w) => fold(w).slice(0, 2)))].map((k) => `/data/tim/tu/${k}.txt`);
    let fetched = [];
    await waitUntil(
      async () => {
        fetched = await page.evaluate(() => window.__fetched ?? []);
        return dictionaries.every((d) => fetched.includes(d)) && fetched.some((p) => p.startsWith('/data/tim/s/'));
      },
      { message: `the dictionaries (${dictionaries.join(', ')}) and a shard are asked for before the module is there` },
    );
    assert.ok(asked.some((a) => a.path === '/data/tim/meta.txt' && a.early), 'meta.txt before the module');
    assert.ok(held.length >= 1, 'the module was held');
    const ahead = new Set(fetched.filter((p) => p.startsWith('/data/tim/s/')));
    hold = false;
    for (const route of held) await route.continue();
    const total = await countLine(page, q);
    assert.ok(total >= 1, 'results');
    await shownResults(page);
    const counts = new Map();
    for (const a of asked) counts.set(a.path, (counts.get(a.path) ?? 0) + 1);
    assert.deepEqual([...counts].filter(([, n]) => n > 1), [], 'no index file is asked for twice');
    // The script hashes keys as the index does (format::shard_file): every shard the
    // module read for the two words, their forms and their pair came ahead.
    assert.deepEqual(
      asked.filter((a) => a.path.startsWith('/data/tim/s/') && !ahead.has(a.path)),
      [],
      'no shard is left for the module to ask for',
    );
  } finally {
    page.off('request', onRequest);
    await page.unroute(module).catch(() => {});
  }
  site.assertNoErrors();
});

test('the site\'s pages are found by the words of their body, and a result opens the page', { timeout: 60_000 }, async () => {
  const { page } = site;
  const contact = sitePages.find((p) => p.body.some((b) => b.type === 'heading' && fold(b.text) === 'gio lam viec'));
  if (!contact) return; // a site without such a page
  for (const q of ['giờ làm việc', 'gio lam viec']) {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    await countLine(page, q);
    const results = await shownResults(page);
    const hit = results.find((r) => r.href === `/trang/${contact.slug}`);
    assert.ok(hit, `"${q}" finds /trang/${contact.slug} among ${results.map((r) => r.href).join(' ')}`);
    assert.equal(hit.meta, 'Trang thông tin');
    assert.ok(hit.snippetMarks.length > 0, `the snippet marks the words: ${hit.snippet}`);
  }
  await page.getByRole('main').getByRole('link', { name: contact.title, exact: true }).click();
  await waitUntil(() => where(page) === `/trang/${contact.slug}`, { message: () => `URL /trang/${contact.slug} (is ${where(page)})` });
  await h1(page, contact.title);
  site.assertNoErrors();
});

test('a document number finds its document first, labelled "Văn bản", as typed or without tone marks', { timeout: 60_000 }, async () => {
  const { page } = site;
  const doc = registryDocs.find((d) => d.number === '05-NQ/TU');
  if (!doc) return; // a site without the sample's registry
  // A number with "Đ" (24/2025/NQ-HĐND), also typed without it.
  const marked = registryDocs.find((d) => fold(d.number) !== d.number.toLowerCase());
  const cases = [
    [doc.number, doc],
    ['05-nq/tu', doc],
    ['05 NQ TU', doc],
    ...(marked ? [[marked.number, marked], [fold(marked.number), marked]] : []),
  ];
  const wordsOf = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const [q, want] of cases) {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    await countLine(page, q);
    const [first] = await shownResults(page);
    assert.equal(first.href, `/van-ban/${want.slug}`, `"${q}" lists ${want.number} first`);
    assert.equal(first.title, want.title);
    assert.equal(first.meta, 'Văn bản');
    // The snippet is cut from the document's summary and body.
    const own = new Set(wordsOf([want.summary, JSON.stringify(want.body ?? [])].join(' ')));
    assert.ok(first.snippet && wordsOf(first.snippet).every((w) => own.has(w)), `the snippet is the document's: ${first.snippet}`);
  }
  // The header's suggestions while typing the number: the document first.
  await page.goto('/');
  await appReady(page);
  const input = box(page);
  await input.click();
  await input.pressSequentially(doc.number, { delay: 40 });
  await listbox(page).waitFor({ state: 'visible', timeout: 20_000 });
  const option = listbox(page).getByRole('option').first();
  await waitUntil(async () => (await option.locator('.bt-search__title').innerText()).trim() === doc.title, {
    message: async () => `the first suggestion is ${doc.title} (is ${await option.innerText()})`,
  });
  assert.equal((await option.locator('.bt-search__kind').innerText()).trim(), 'Văn bản');
  site.assertNoErrors();
});

test('without tone marks the same articles are found', { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = toned(COMMON);
  await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
  const withMarks = await countLine(page, q);
  // The page's own box searches again.
  const again = page.getByRole('searchbox', { name: 'Từ khóa' });
  await again.fill(COMMON);
  await again.press('Enter');
  await waitUntil(() => where(page) === `/tim-kiem?q=${encodeURIComponent(COMMON)}`, { message: 'the new query URL' });
  assert.equal(await countLine(page, COMMON), withMarks);
  const marks = await page.locator('main .bt-found__hit h2 mark').allInnerTexts();
  assert.ok(marks.length > 0 && marks.every((m) => fold(m) === COMMON), `marks on "${q}" (${marks.join(', ')})`);
  site.assertNoErrors();
});

test('a query that finds nothing offers the latest news and the categories', { timeout: 60_000 }, async () => {
  const { page } = site;
  const q = 'qxzwvyk';
  await page.goto(`/tim-kiem?q=${q}`);
  await page.getByText(`Không tìm thấy bài viết nào cho “${q}”.`).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('main .bt-found__hit').count(), 0);
  const main = page.getByRole('main');
  await main.getByRole('link', { name: 'Xem tin mới nhất' }).waitFor();
  const cat = settings.categories[0];
  await main.getByRole('link', { name: cat.name, exact: true }).click();
  await waitUntil(() => where(page) === `/chuyen-muc/${cat.slug}`, { message: 'the category listing' });
  await h1(page, cat.name);
  site.assertNoErrors();
});

test('punctuation only asks for a keyword instead of saying nothing was found', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto(`/tim-kiem?q=${encodeURIComponent('?!… --- ;')}`);
  await page.getByText('Từ khóa chỉ có dấu câu hoặc ký hiệu. Hãy nhập từ khóa có chữ hoặc số.').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByText(/Không tìm thấy bài viết nào/).count(), 0);
  assert.equal(await page.getByText(/^Tìm thấy/).count(), 0);
  // /tim-kiem with no query asks for one.
  await box(page).fill('');
  await box(page).press('Enter');
  await page.getByText('Nhập từ khóa để tìm bài viết, có dấu hoặc không dấu đều được.').waitFor();
  assert.equal(where(page), '/tim-kiem?q=');
  site.assertNoErrors();
});

test('a very long query gets a notice and still finds articles', { timeout: 60_000 }, async () => {
  const { page } = site;
  await page.goto('/');
  await appReady(page);
  const input = box(page);
  // The common word first, then dozens of other words of the site.
  const long = [toned(COMMON), ...words.slice(1, 60).map(([w]) => w)].join(' ');
  await input.fill(long);
  await listbox(page).waitFor({ state: 'attached' });
  await input.press('Enter');
  await h1(page, 'Tìm kiếm');
  await page.getByText(/Từ khóa quá dài nên chỉ tìm theo các từ đầu tiên\./).waitFor({ timeout: 20_000 });
  const notice = await page.locator('.bt-found__notice').innerText();
  assert.match(notice, /Đã bỏ qua các từ: /, 'the left-out words are named');
  // A URL with a query longer than the app takes (600 characters, one word again
  // and again) is cut, says so and does not break the page.
  await page.goto(`/tim-kiem?q=${encodeURIComponent('đường '.repeat(100))}`);
  await page.getByText(/Từ khóa quá dài/).waitFor({ timeout: 20_000 });
  await box(page).waitFor();
  site.assertNoErrors();
});

test('a word whose list is too big to fetch: the page says the results are incomplete and names it', { timeout: 60_000 }, async () => {
  const { page } = site;
  const [other] = words[1];
  const q = `${toned(COMMON)} ${other}`;
  // Without interference the count is exact and nothing is said.
  await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
  await countLine(page, q);
  assert.equal(await page.locator('.bt-found__notice').count(), 0);
  // The dictionary says the second word's list is far beyond what a search may fetch.
  await page.route(
    (url) => url.pathname.startsWith('/data/tim/tu/'),
    async (route) => {
      const res = await route.fetch();
      const text = (await res.text()).replace(new RegExp(`^${other} (\\d+) (s|f\\d+)`, 'm'), `${other} $1 f99999999`);
      await route.fulfill({ response: res, body: text });
    },
  );
  await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
  await page.getByText(/^Kết quả chưa đầy đủ: /).waitFor({ timeout: 20_000 });
  const notice = await page.locator('.bt-found__notice').innerText();
  assert.match(notice, new RegExp(`^Kết quả chưa đầy đủ: từ “${other}” có trong quá nhiều bài viết`), 'the word is named');
  site.assertNoErrors();
});

test('an index file that fails to load: a clear message, the page stays usable, retry works', { timeout: 90_000 }, async () => {
  const { page } = site;
  let failing = true;
  await page.route(
    (url) => url.pathname.startsWith('/data/tim/'),
    (route) => (failing ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue()),
  );
  const q = toned(COMMON);
  await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'Không tải được dữ liệu tìm kiếm' }).waitFor({ timeout: 20_000 });
  assert.match(await alert.innerText(), /Máy chủ đang gặp sự cố\. Vui lòng thử lại sau ít phút\./);
  // The header, the menu and the page's own box are still there.
  await box(page).waitFor();
  assert.equal(await page.getByRole('searchbox', { name: 'Từ khóa' }).inputValue(), q);

  failing = false;
  await alert.getByRole('button', { name: 'Thử lại' }).click();
  assert.ok((await countLine(page, q)) >= 1);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.ok((await shownResults(page)).length >= 1);
  site.assertNoErrors({ allow: [NETWORK_ERROR] });
});

test('an article deep link loads nothing of search until the box is used', { timeout: 60_000 }, async () => {
  const { page } = site;
  const requested = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  const a = allArticles()[0];
  await page.goto(`/bai-viet/${a.slug}`);
  await appReady(page);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const search = () => requested.filter((p) => p.startsWith('/tim/') || p.startsWith('/data/tim/'));
  assert.deepEqual(search(), [], 'no engine or index file before the reader searches');

  await box(page).focus();
  await waitUntil(() => search().includes('/data/tim/meta.txt'), { message: 'the index meta file after focus' });
  assert.ok(search().includes('/tim/bantin_search.js'), 'the engine module after focus');
  assert.ok(search().includes('/tim/bantin_search_bg.wasm'), "the engine's wasm after focus");
  site.assertNoErrors();
});

test('with JavaScript off the header box submits to the search page', { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({ baseURL: site.server.url, javaScriptEnabled: false, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.goto('/');
    const input = page.getByRole('combobox', { name: 'Tìm bài viết' });
    await input.fill('học sinh');
    const [res] = await Promise.all([page.waitForNavigation(), input.press('Enter')]);
    assert.equal(where(page), '/tim-kiem?q=h%E1%BB%8Dc+sinh');
    assert.equal(res.status(), 200, 'the search page exists without JavaScript');
  } finally {
    await context.close();
  }
});

test('on a phone the header stays on one screen width and the suggestions fit', { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({
    baseURL: site.server.url,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'vi-VN',
  });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await appReady(page);
    const input = box(page);
    const inputBox = await input.boundingBox();
    const toggle = await page.getByRole('button', { name: 'Menu', exact: true }).boundingBox();
    assert.ok(inputBox.x >= 8 && inputBox.x + inputBox.width <= 360 - 8 + 48, 'the box is inside the screen');
    assert.ok(inputBox.y >= toggle.y + toggle.height, 'the box is on its own row under the name and menu button');
    assert.ok(inputBox.height >= 40, 'a comfortable touch target');
    await input.click();
    await input.pressSequentially(RARE.slice(0, 3), { delay: 40 });
    await listbox(page).waitFor({ state: 'visible', timeout: 20_000 });
    const list = await listbox(page).boundingBox();
    assert.ok(list.x >= 0 && list.x + list.width <= 360, `the suggestions fit the screen (${JSON.stringify(list)})`);
    const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `no sideways scroll (${scrollWidth})`);
  } finally {
    await context.close();
  }
});

test('what the reader typed before the app started stays in the box and is looked up', { timeout: 60_000 }, async () => {
  const { page } = site;
  // Hold the app's WebAssembly back so the reader types into the prerendered box.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/bantin-app-[^/]*_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  assert.equal(await page.locator('#bt-static').count(), 1, 'the prerendered page is shown');
  const word = toned(RARE);
  await box(page).click();
  await box(page).pressSequentially(word, { delay: 20 });
  release();
  await appReady(page);
  assert.equal(await box(page).inputValue(), word);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'bt-q', 'the box keeps the focus');
  await listbox(page).waitFor({ state: 'visible', timeout: 20_000 });
  site.assertNoErrors();
});
