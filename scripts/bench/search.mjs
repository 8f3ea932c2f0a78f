// Search beside Pagefind, on the same articles: index size on disk, bytes a query
// fetches (brotli, as a compressing host serves our text files; Pagefind's own files
// are already gzip-compressed and are counted as served), and time to results (from
// the last index byte arriving to the results being in the DOM), in headless Chromium.
//
//   node scripts/bench/search.mjs SITE...      # SITE: a `bantin build` output folder
//
// Both engines run in the same bare page (`/bench-search.html`, written here), one
// query per fresh browser context (nothing cached), without CPU or network throttling:
// - bantin: `tim/bantin_search.js` driven through its API (init/need/add/results, see
//   docs/search.md); the page fetches what `need` names, round after round.
// - Pagefind 1.6 (npm `pagefind`, installed on demand into target/bench-tools/, never
//   into the project's package.json): `pagefind.js` with `search()` and `data()` of the
//   first 10 results, on the main thread (`noWorker`, so its fetches are the page's).
// The page renders the first 10 hits as `li` items of `ol.search-results` (title
// with its marks and the lead or excerpt), then reads `performance.now()`; the last
// byte is the latest `responseEnd` of the page's resource timing entries.

import { spawnSync } from 'node:child_process';
import { freemem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CONTENT_TYPES } from '../../tests/e2e/helpers.mjs';
import { checkRecall } from './search-recall.mjs';
import { QUERIES } from './search-queries.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const PAGEFIND_VERSION = '1.6.0';
const pagefindDir = path.join(root, 'target/bench-tools/pagefind');
// Pagefind's indexer held 18.8 GB at its peak for 100,000 articles (213 MB at 1,000):
// below this much available memory per article it is not run (the row says so).
const PAGEFIND_BYTES_PER_ARTICLE = 200 * 1024;
// Pagefind is not run above this many articles (BENCH_PAGEFIND_MAX; default: no limit but memory).
const PAGEFIND_MAX = Number(process.env.BENCH_PAGEFIND_MAX ?? Infinity);

export { QUERIES };

/** Installs pagefind@1.6.0 into target/bench-tools/pagefind if missing; returns its Node API. */
export async function loadPagefind() {
  const lib = path.join(pagefindDir, 'node_modules/pagefind/lib/index.js');
  const pkg = path.join(pagefindDir, 'node_modules/pagefind/package.json');
  if (!existsSync(lib) || JSON.parse(readFileSync(pkg, 'utf8')).version !== PAGEFIND_VERSION) {
    console.log(`bench: npm install pagefind@${PAGEFIND_VERSION} into ${path.relative(root, pagefindDir)}`);
    mkdirSync(pagefindDir, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', pagefindDir, '--no-audit', '--no-fund', '-E', `pagefind@${PAGEFIND_VERSION}`], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`npm install pagefind@${PAGEFIND_VERSION} failed`);
  }
  return import(lib);
}

const esc = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const inlines = (runs) => runs.map((r) => esc(r.text ?? '')).join('');

/**
 * The HTML Pagefind indexes for one article document (`data/bai-viet/<slug>.json`): the
 * same text our index gets (title, lead, body blocks; not the related lists or the
 * page's navigation), with the title as `h1` and sub-headings as `h2`/`h3`, so Pagefind
 * applies its own heading weights.
 */
export function articleHtml(doc) {
  const body = [];
  for (const b of doc.body ?? []) {
    if (b.type === 'paragraph') body.push(`<p>${inlines(b.content)}</p>`);
    else if (b.type === 'heading') body.push(`<h${b.level === 3 ? 3 : 2}>${esc(b.text)}</h${b.level === 3 ? 3 : 2}>`);
    else if (b.type === 'quote') body.push(`<blockquote><p>${inlines(b.content)}</p>${b.cite ? `<cite>${esc(b.cite)}</cite>` : ''}</blockquote>`);
    else if (b.type === 'list') body.push(`<ul>${b.items.map((it) => `<li>${inlines(it)}</li>`).join('')}</ul>`);
    else if (b.type === 'figure' && b.caption) body.push(`<figure><figcaption>${esc(b.caption)}</figcaption></figure>`);
  }
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(doc.title)}</title></head><body><main data-pagefind-body>
<h1>${esc(doc.title)}</h1>
<p data-pagefind-meta="date:${esc(doc.published ?? '')}">${esc(doc.lead ?? '')}</p>
${body.join('\n')}
</main></body></html>`;
}

/** The plain text of an article's lead and body, block by block (as `bantin_contract::plain_text`). */
export function articleText(doc) {
  const lines = [doc.lead ?? ''];
  for (const b of doc.body ?? []) {
    if (b.type === 'paragraph') lines.push(b.content.map((r) => r.text ?? '').join(''));
    else if (b.type === 'heading') lines.push(b.text);
    else if (b.type === 'quote') lines.push(b.content.map((r) => r.text ?? '').join(''), b.cite ?? '');
    else if (b.type === 'list') lines.push(...b.items.map((it) => it.map((r) => r.text ?? '').join('')));
    else if (b.type === 'figure') lines.push(b.caption ?? '');
  }
  return lines.filter(Boolean).join('\n');
}

/**
 * Indexes every article of `site` (a bantin output) with Pagefind's Node API into
 * `site/<folder>/`: `addHTMLFile` of `articleHtml`, or with `records`, `addCustomRecord`
 * (content: lead and body; title and date as metadata). Returns seconds.
 */
export async function buildPagefind(pagefind, site, { records = false, folder = 'pagefind' } = {}) {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi' });
  if (errors.length) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  const dir = path.join(site, 'data/bai-viet');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const add = async (f) => {
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const url = `/bai-viet/${doc.slug}/`;
    const r = records
      ? await index.addCustomRecord({ url, content: articleText(doc), language: 'vi', meta: { title: doc.title, date: doc.published ?? '' } })
      : await index.addHTMLFile({ url, content: articleHtml(doc) });
    if (r.errors.length) throw new Error(`pagefind addHTMLFile ${f}: ${r.errors.join('; ')}`);
  };
  for (let i = 0; i < files.length; i += 256) await Promise.all(files.slice(i, i + 256).map(add));
  const w = await index.writeFiles({ outputPath: path.join(site, folder) });
  if (w.errors.length) throw new Error(`pagefind writeFiles: ${w.errors.join('; ')}`);
  await index.deleteIndex();
  return { secs: (performance.now() - started) / 1000, docs: files.length };
}

/**
 * Pagefind's CLI over one HTML file per article (written first to `dir/pagefind-src/`,
 * as a site's pages would already be on disk; not timed): faster than the Node API's
 * service (10,000 articles: 31 s beside 49 s on the same loaded machine). `timed`
 * runs it under /usr/bin/time; returns its seconds and peak memory.
 */
export function buildPagefindCli(site, timed) {
  const src = path.join(site, '..', 'pagefind-src');
  const dir = path.join(site, 'data/bai-viet');
  let docs = 0;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const out = path.join(src, 'bai-viet', doc.slug);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'index.html'), articleHtml(doc));
    docs += 1;
  }
  const bin = path.join(pagefindDir, 'node_modules/.bin/pagefind');
  const r = timed(bin, ['--site', src, '--output-path', path.join(site, 'pagefind'), '--force-language', 'vi']);
  return { secs: r.secs, mb: r.mb, docs };
}

/** Files and bytes under `dir`, optionally only those `keep(rel)` accepts. */
export function diskSize(dir, keep = () => true) {
  let files = 0;
  let bytes = 0;
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (keep(r)) {
        files += 1;
        bytes += statSync(path.join(d, e.name)).size;
      }
    }
  };
  walk(dir, '');
  return { files, bytes };
}

// Pagefind's UI files are not needed by a page that calls its API: not counted on disk.
export const pagefindIndexFile = (rel) => !/^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(rel);

const HARNESS = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title></head>
<body><ol class="search-results"></ol>
<script type="module">
const list = document.querySelector('ol.search-results');
function show(hits) {
  list.replaceChildren(...hits.map((h) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = h.url;
    h.title.forEach((seg, i) => a.append(i % 2 ? Object.assign(document.createElement('mark'), { textContent: seg }) : seg));
    const p = document.createElement('p');
    if (h.html) p.innerHTML = h.text; else p.textContent = h.text;
    li.append(a, p);
    return li;
  }));
}
function timing(t0, hits, total) {
  list.getBoundingClientRect();
  const shown = performance.now();
  const res = performance.getEntriesByType('resource');
  const last = Math.max(...res.map((e) => e.responseEnd));
  return { total, titles: hits.map((h) => h.title.join('')), urls: hits.map((h) => h.url), afterLastByte: shown - last, whole: shown - t0,
           files: res.map((e) => e.name.replace(location.origin, '')) };
}
window.bantin = async (q, prefix, perPage = 10) => {
  const t0 = performance.now();
  const m = await import('/tim/bantin_search.js');
  await m.default({ module_or_path: '/tim/bantin_search_bg.wasm' });
  const get = async (f) => { const r = await fetch('/data/' + f); if (!r.ok) throw new Error(f + ': ' + r.status); return r.text(); };
  const err = m.init(await get('tim/meta.txt'));
  if (err) throw new Error(err);
  for (let round = 0; ; round++) {
    const need = m.need(q, prefix, 1, perPage);
    if (!need) break;
    if (round > 8) throw new Error('need() did not settle: ' + need);
    const files = need.split('\\n');
    const texts = await Promise.all(files.map(get));
    files.forEach((f, i) => { const e = m.add(f, texts[i]); if (e) throw new Error(e); });
  }
  const r = JSON.parse(m.results(q, prefix, 1, perPage));
  const hits = r.hits.map((h) => ({ url: '/bai-viet/' + h.slug + '/', title: h.title_marks, text: h.lead }));
  show(hits);
  return { ...timing(t0, hits, r.total), incomplete: r.incomplete ?? [] };
};
window.pagefind = async (q, perPage = 10, exactDiacritics = false, base = '/pagefind/') => {
  const t0 = performance.now();
  const pf = await import(base + 'pagefind.js');
  await pf.options({ noWorker: true, exactDiacritics });
  await pf.init();
  const s = await pf.search(q);
  const data = await Promise.all(s.results.slice(0, perPage).map((r) => r.data()));
  const hits = data.map((d) => ({ url: d.url, title: [d.meta.title], text: d.excerpt, html: true }));
  show(hits);
  return timing(t0, hits, s.results.length);
};
</script></body></html>`;

const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|svg|xml|txt)$/;

/**
 * Serves `site` (a bantin output, with `pagefind/`), the engine in `engineDir` as
 * `/tim/`, and the harness page. Text files go out brotli-compressed (quality 11, as
 * a host's precompressed files), Pagefind's `.pf_*`/`.pagefind` files as they are.
 * `log` collects [path, bytes on the wire] of every request.
 */
export function serveSearch(site, engineDir) {
  const cache = new Map();
  const log = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    let body;
    let file = rel;
    if (rel === 'bench-search.html') body = Buffer.from(HARNESS);
    else {
      const full = rel.startsWith('tim/') ? path.join(engineDir, rel.slice(4)) : path.join(site, rel);
      if (!full.startsWith(site) && !full.startsWith(engineDir)) return res.writeHead(403).end();
      if (!existsSync(full) || !statSync(full).isFile()) {
        log.push([`/${rel}`, 0]);
        return res.writeHead(404, { 'content-type': 'text/plain' }).end();
      }
      file = full;
      body = readFileSync(full);
    }
    const headers = { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (COMPRESSIBLE.test(file) && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      if (!cache.has(file)) cache.set(file, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      body = cache.get(file);
      headers['content-encoding'] = 'br';
    }
    headers['content-length'] = body.length;
    log.push([`/${rel}`, body.length]);
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, log, url: `http://127.0.0.1:${server.address().port}` })));
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Engine code (JS + wasm) versus index data, by path. */
const isCode = (p) => /^\/tim\/|^\/pagefind[^/]*\/(pagefind\.js|wasm\.[^/]*\.pagefind)$/.test(p);

/**
 * Runs `query` with `engine` ('bantin' | 'pagefind') in a fresh context; returns the
 * page's figures plus bytes fetched (index data, engine code) from the server's log.
 */
export async function runQuery(browser, srv, engine, { q, prefix = false }, opts = {}) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${srv.url}/bench-search.html`);
    const from = srv.log.length;
    const r =
      engine === 'bantin'
        ? await page.evaluate(([q, p, n]) => window.bantin(q, p, n), [q, prefix, opts.perPage ?? 10])
        : await page.evaluate(([q, n, x, b]) => window.pagefind(q, n, x, b), [q, opts.perPage ?? 10, opts.exactDiacritics ?? false, opts.base ?? '/pagefind/']);
    const got = srv.log.slice(from);
    if (errors.length) throw new Error(`${engine} ${q}: ${errors.join('; ')}`);
    const missing = got.filter(([, b]) => b === 0).map(([p]) => p);
    if (missing.length) throw new Error(`${engine} ${q}: 404 for ${missing.join(', ')}`);
    const shown = await page.locator('ol.search-results > li').count();
    if (shown !== Math.min(r.total, opts.perPage ?? 10)) throw new Error(`${engine} ${q}: ${shown} items shown of ${r.total}`);
    r.code = got.filter(([p]) => isCode(p)).reduce((s, [, b]) => s + b, 0);
    r.data = got.filter(([p]) => !isCode(p)).reduce((s, [, b]) => s + b, 0);
    r.requests = got.filter(([p]) => !isCode(p)).length;
    return r;
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Every query of QUERIES with both engines on one site, `runs` times each (bytes are
 * the same every run; the times' median is kept). Returns per-query rows.
 */
export async function measureSite(browser, site, engineDir, runs = 3, engines = ['bantin', 'pagefind']) {
  const srv = await serveSearch(site, engineDir);
  try {
    const rows = [];
    for (const query of QUERIES) {
      for (const engine of engines) {
        const rs = [];
        for (let i = 0; i < runs; i++) rs.push(await runQuery(browser, srv, engine, query));
        rows.push({
          engine,
          q: query.q,
          total: rs[0].total,
          incomplete: rs[0].incomplete ?? [],
          data: rs[0].data,
          code: rs[0].code,
          requests: rs[0].requests,
          afterLastByte: median(rs.map((r) => r.afterLastByte)),
          whole: median(rs.map((r) => r.whole)),
          top: rs[0].titles[0] ?? '',
        });
      }
    }
    return rows;
  } finally {
    srv.server.close();
  }
}

export const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
export const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;

/** Sums up one engine's rows of one size: median and max over the queries. */
export function summarize(rows, engine) {
  const mine = rows.filter((r) => r.engine === engine);
  const pick = (k) => mine.map((r) => r[k]);
  return {
    dataMedian: median(pick('data')),
    dataMax: Math.max(...pick('data')),
    code: Math.max(...pick('code')),
    timeMedian: median(pick('afterLastByte')),
    timeMax: Math.max(...pick('afterLastByte')),
    wholeMedian: median(pick('whole')),
  };
}

/**
 * `make bench`'s search rows: for each size, the site built by the scale part (or a
 * new one: `bantin generate` + `bantin build`, timed by `timed`), Pagefind's index of
 * the same articles, both indexes' size on disk and every query with both engines.
 */
export async function benchSearch({ sizes, work, bantin, shell, dist, timed, runs = 3 }) {
  const engineDir = path.join(dist, 'tim');
  if (!existsSync(path.join(engineDir, 'bantin_search.js'))) throw new Error(`${engineDir}/bantin_search.js is missing: run \`make site\` first`);
  await loadPagefind();
  const browser = await launch();
  const out = [];
  try {
    for (const n of sizes) {
      const dir = path.join(work, `n${n}`);
      const site = path.join(dir, 'bantin');
      let build = null;
      if (!existsSync(path.join(site, 'data/tim/meta.txt'))) {
        console.log(`bench: search, ${n} articles: generate and build`);
        const content = path.join(dir, 'content');
        timed(bantin, ['generate', '--count', String(n), '--out', content]);
        mkdirSync(site, { recursive: true });
        writeFileSync(path.join(site, 'index.html'), shell);
        build = timed(bantin, ['build', '--content', content, '--out', site]);
      }
      const need = n * PAGEFIND_BYTES_PER_ARTICLE;
      let pf = null;
      let skipped = null;
      if (n > PAGEFIND_MAX) {
        skipped = `not run (BENCH_PAGEFIND_MAX=${PAGEFIND_MAX}): see docs/search.md for its figures at this size`;
        console.log(`bench: search, ${n} articles: Pagefind ${skipped}`);
      } else if (freemem() < need) {
        skipped = `not run: Pagefind's indexer needs about ${(need / 2 ** 30).toFixed(0)} GB here, ${(freemem() / 2 ** 30).toFixed(0)} GB available`;
        console.log(`bench: search, ${n} articles: Pagefind ${skipped}`);
      } else {
        console.log(`bench: search, ${n} articles: Pagefind ${PAGEFIND_VERSION} index`);
        pf = buildPagefindCli(site, timed);
      }
      const ours = diskSize(path.join(site, 'data/tim'));
      const theirs = pf ? diskSize(path.join(site, 'pagefind'), pagefindIndexFile) : null;
      const engines = pf ? ['bantin', 'pagefind'] : ['bantin'];
      console.log(`bench: search, ${n} articles: ${QUERIES.length} queries × ${engines.length} engines × ${runs} runs`);
      const rows = await measureSite(browser, site, engineDir, runs, engines);
      const recall = recallOrThrow(site, rows);
      const r = { n, build, pf, skipped, ours, theirs, rows, recall, bantin: summarize(rows, 'bantin'), pagefind: pf && summarize(rows, 'pagefind') };
      out.push(r);
      console.log(`  recall: bantin's count equals the brute-force count for all ${QUERIES.length} queries (${recall.incomplete} with the "incomplete" notice)`);
      console.log(
        `  bantin: index ${mb(ours.bytes)} in ${ours.files} files, data/query ${kb(r.bantin.dataMedian)} (max ${kb(r.bantin.dataMax)}), after last byte ${r.bantin.timeMedian.toFixed(0)} ms (max ${r.bantin.timeMax.toFixed(0)})`,
      );
      if (pf) {
        console.log(
          `  Pagefind: index ${mb(theirs.bytes)} in ${theirs.files} files (${pf.secs.toFixed(1)} s, ${pf.mb.toFixed(0)} MB), data/query ${kb(r.pagefind.dataMedian)} (max ${kb(r.pagefind.dataMax)}), after last byte ${r.pagefind.timeMedian.toFixed(0)} ms (max ${r.pagefind.timeMax.toFixed(0)})`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

/**
 * Checks every bantin count of `rows` against a brute-force scan of `site`'s articles
 * (scripts/bench/search-recall.mjs) and throws on any difference; returns the truth
 * and how many queries carried the "incomplete" notice.
 */
export function recallOrThrow(site, rows) {
  const { truth, problems } = checkRecall(site, QUERIES, rows);
  if (problems.length) throw new Error(`search recall check failed on ${site}:\n  ${problems.join('\n  ')}`);
  const incomplete = rows.filter((r) => r.engine === 'bantin' && r.incomplete?.length).length;
  return { truth, incomplete };
}

/** The Markdown of section (d). */
export function searchTable(results, runs) {
  const lines = [];
  const f0 = (x) => x.toFixed(0);
  lines.push(`### (d) Search beside Pagefind ${PAGEFIND_VERSION} (same articles; ${QUERIES.length} queries, median of ${runs} runs each, no throttling)`, '');
  lines.push('| articles | engine | index on disk | index files | index build | index data per query, median (max) | engine code per search | results after last byte, median (max) | whole query on loopback, median |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const n = r.n.toLocaleString('en');
    const build = r.build ? `part of the site build (${r.build.secs.toFixed(1)} s, ${r.build.mb.toFixed(0)} MB)` : 'part of the site build, (a)';
    lines.push(`| ${n} | bantin | ${mb(r.ours.bytes)} | ${r.ours.files} | ${build} | ${kb(r.bantin.dataMedian)} (${kb(r.bantin.dataMax)}) | ${kb(r.bantin.code)} | ${f0(r.bantin.timeMedian)} ms (${f0(r.bantin.timeMax)} ms) | ${f0(r.bantin.wholeMedian)} ms |`);
    if (r.pf) lines.push(`| ${n} | Pagefind | ${mb(r.theirs.bytes)} | ${r.theirs.files} | ${r.pf.secs.toFixed(1)} s, ${r.pf.mb.toFixed(0)} MB | ${kb(r.pagefind.dataMedian)} (${kb(r.pagefind.dataMax)}) | ${kb(r.pagefind.code)} | ${f0(r.pagefind.timeMedian)} ms (${f0(r.pagefind.timeMax)} ms) | ${f0(r.pagefind.wholeMedian)} ms |`);
    else lines.push(`| ${n} | Pagefind | ${r.skipped} | | | | | | |`);
  }
  lines.push('', 'By query (index data fetched, brotli, and results after the last byte; hits found, and the articles that truly match by a brute-force scan, which the bench requires bantin to equal; words left incomplete by the budget):', '');
  lines.push('| articles | query | bantin data | Pagefind data | bantin time | Pagefind time | hits bantin / brute force / Pagefind | incomplete |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    QUERIES.forEach((q, i) => {
      const b = r.rows.find((x) => x.engine === 'bantin' && x.q === q.q);
      const p = r.rows.find((x) => x.engine === 'pagefind' && x.q === q.q);
      const pc = (f) => (p ? f(p) : 'n/a');
      const what = `${q.prefix ? ' (prefix)' : ''}${q.common ? ' (common words)' : ''}`;
      const incomplete = b.incomplete?.length ? b.incomplete.join(', ') : 'none';
      lines.push(`| ${r.n.toLocaleString('en')} | \`${q.q}\`${what} | ${kb(b.data)} | ${pc((x) => kb(x.data))} | ${f0(b.afterLastByte)} ms | ${pc((x) => `${f0(x.afterLastByte)} ms`)} | ${b.total} / ${r.recall.truth.results[i].count} / ${pc((x) => x.total)} | ${incomplete} |`);
    });
  }
  return lines;
}

/** Replaces section (d) of an existing docs/benchmarks.md (or adds it before "## What is measured"). */
export function spliceSearch(doc, table) {
  const end = doc.indexOf('\n## What is measured');
  if (end < 0) throw new Error('the doc has no "## What is measured" heading');
  const start = doc.indexOf('### (d)');
  let out = start >= 0 && start < end ? `${doc.slice(0, start)}${table}\n${doc.slice(end)}` : `${doc.slice(0, end)}\n${table}\n${doc.slice(end)}`;
  if (!out.includes('- **(d)**')) {
    const how = out.indexOf('\n## How to reproduce');
    out = `${out.slice(0, how)}${SEARCH_METHOD}${out.slice(how)}`;
  }
  return out;
}

/** What section (d) measures, for the doc's "What is measured". */
export const SEARCH_METHOD = `- **(d)** \`scripts/bench/search.mjs\`: generated archives (those of (a) when it ran; the
  others, e.g. 100,000 articles, generated and built for this part) are indexed by bantin's build (\`data/tim/\`) and by
  Pagefind ${PAGEFIND_VERSION} (npm, installed into \`target/bench-tools/\`, CLI \`--force-language vi\`)
  over one HTML page per article with the same text (title as \`h1\`, lead, body; written from
  \`data/bai-viet/*.json\`). Index on disk: bantin's \`data/tim/\`; Pagefind's \`pagefind/\`
  without its UI files. Queries (${QUERIES.map((q) => `\`${q.q}\`${q.prefix ? ' as a typing prefix' : ''}`).join(', ')})
  run in Debian's headless Chromium, one fresh browser context each (nothing cached), no
  throttling, on a bare page that loads the engine, fetches what it needs and renders the
  first 10 hits as \`li\` items of \`ol.search-results\`. bantin: \`tim/bantin_search.js\` driven
  through its API (init, then need/add rounds, results; the same calls the app makes).
  Pagefind: \`pagefind.js\` \`search()\` and \`data()\` of the first 10 results, on the main
  thread (\`noWorker\`). Bytes are what the server sent: text files brotli (quality 11), as a
  compressing host serves them; Pagefind's index files are gzip already and go as they are.
  "Index data" is everything but the engine's JS and wasm ("engine code", fetched once per
  visit). Time to results runs from the last byte of any fetch (the page's resource timing
  \`responseEnd\`) to the hits being in the DOM, so it is the engines' own work (parsing,
  ranking, rendering), not the network's. Recall: every count bantin shows is compared
  with a brute-force scan of the site's article documents (\`scripts/bench/search-recall.mjs\`:
  title, lead and body folded as the engine folds, every query word present, quoted words
  adjacent, a typed prefix starting any word), and the bench fails on any difference; the
  queries marked "common words" must have every word in more than half of the articles.
  \`BENCH_PAGEFIND_MAX=N\` skips Pagefind above N articles.
`;

// Standalone: node scripts/bench/search.mjs SITE... (each already built, engine from dist/tim)
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const sites = process.argv.slice(2).map((s) => path.resolve(s));
  if (!sites.length) {
    console.error('usage: node scripts/bench/search.mjs SITE...');
    process.exit(2);
  }
  const engineDir = path.resolve(root, process.env.DIST ?? 'dist', 'tim');
  const pagefind = await loadPagefind();
  const browser = await launch();
  try {
    for (const site of sites) {
      const docs = readdirSync(path.join(site, 'data/bai-viet')).length;
      const engines = docs > PAGEFIND_MAX ? ['bantin'] : ['bantin', 'pagefind'];
      if (engines.includes('pagefind') && !existsSync(path.join(site, 'pagefind'))) {
        const b = await buildPagefind(pagefind, site);
        console.log(`${site}: pagefind indexed ${b.docs} articles in ${b.secs.toFixed(1)} s`);
      }
      const rows = await measureSite(browser, site, engineDir, Number(process.env.BENCH_RUNS ?? 3), engines);
      const { truth } = recallOrThrow(site, rows);
      for (const r of rows) {
        const bf = r.engine === 'bantin' ? ` (brute force ${truth.results[QUERIES.findIndex((q) => q.q === r.q)].count})` : '';
        const inc = r.incomplete?.length ? `  incomplete: ${r.incomplete.join(', ')}` : '';
        console.log(`${r.engine.padEnd(8)} ${JSON.stringify(r.q).padEnd(22)} ${String(r.total).padStart(6)} hits${bf}  data ${kb(r.data).padStart(9)} (${r.requests} files)  code ${kb(r.code).padStart(8)}  after last byte ${r.afterLastByte.toFixed(1)} ms  whole ${r.whole.toFixed(0)} ms${inc}  top: ${r.top.slice(0, 60)}`);
      }
      const sum = summarize(rows, 'bantin');
      console.log(`bantin, ${docs} articles: data/query median ${kb(sum.dataMedian)}, max ${kb(sum.dataMax)}; after last byte median ${sum.timeMedian.toFixed(0)} ms, max ${sum.timeMax.toFixed(0)} ms; every count equals the brute-force count`);
    }
  } finally {
    await browser.close();
    await pagefind.close();
  }
}
