#!/usr/bin/env node
// `make bench`: build speed and memory at 1,000 / 10,000 / 50,000 generated articles
// beside Hugo, the first view's bytes, paint times of an article deep link beside
// its static floor, and search beside Pagefind at 1,000 / 10,000 / 100,000 articles
// (scripts/bench/search.mjs). Prints one table and writes it into docs/benchmarks.md.
//
//   node scripts/bench/bench.mjs
//
// Environment: BENCH_SIZES (default 1000,10000,50000), BENCH_RUNS (paint runs per
// page, default 5), BENCH_SEARCH_SIZES (default 1000,10000,100000; empty skips the
// search part), BENCH_SEARCH_RUNS (runs per query and engine, default 3),
// BENCH_ONLY=search (only the search part; its section of the doc is replaced, the
// rest kept), BENCH_ONLY=build (only part (a), printed, the doc untouched),
// BENCH_ONLY=lighthouse or BENCH_ONLY=nav (only part (e) or (f), issue 14's Lighthouse
// scores and navigation timing, scripts/bench/lighthouse.mjs and nav.mjs; their block of
// the doc's "Issue 14" section is replaced, the rest kept), BENCH_LH_RUNS (Lighthouse runs
// per page and variant, default 5), BENCH_LH_PAGES (subset of home,category,article,search,search-form),
// BENCH_ONLY=photos (only part (g), the photo pipeline on 200 camera photos,
// scripts/bench/photos.mjs; its section of the doc is replaced, the rest kept),
// BENCH_NAV_RUNS (default 7), BENCH_NAV_PRESS_MS (touch duration of a tap, default 100),
// BENCH_NAV_SETTLE_MS (wait after scrolling the link into view, default 500),
// BENCH_BASELINE (a git revision whose build tool also builds every archive of (a),
// side by side in the same run; default HEAD~1, empty skips it), DIST (the built site, default dist), BENCH_WORK (scratch folder,
// default target/bench), BENCH_DOC (default docs/benchmarks.md; "-" prints only).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measurePaint, SLOW_4G, CPU_SLOWDOWN } from './paint.mjs';
import { syncArticle, writeHugoSite } from './hugo-site.mjs';
import { benchSearch, searchTable, spliceSearch, PAGEFIND_VERSION, SEARCH_METHOD } from './search.mjs';
import { benchLighthouse, lighthouseRuns, lighthouseTable } from './lighthouse.mjs';
import { benchNav, navRuns, navTable } from './nav.mjs';
import { ISSUE14_SECTION, issue14Section, spliceIssue14, treeLabel } from './issue14-doc.mjs';
import { benchPhotos, splicePhotos } from './photos.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dist = path.resolve(root, process.env.DIST ?? 'dist');
const work = path.resolve(root, process.env.BENCH_WORK ?? 'target/bench');
const docPath = process.env.BENCH_DOC ?? path.join(root, 'docs/benchmarks.md');
const bantin = path.join(root, 'target/tool/bantin');
const searchSizes = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000,100000').split(',').filter(Boolean).map(Number);
const searchRuns = Number(process.env.BENCH_SEARCH_RUNS ?? 3);
const only = process.env.BENCH_ONLY ?? '';
if (!['', 'search', 'build', 'lighthouse', 'nav', 'photos'].includes(only)) die(`BENCH_ONLY=${only}: expected search, build, lighthouse, nav or photos`);
if (only === 'photos') {
  // Part (g) alone: its section of the doc is replaced, the rest kept.
  const lines = benchPhotos({ root, bantin, work });
  console.log(lines.join('\n'));
  if (docPath !== '-') {
    writeFileSync(docPath, splicePhotos(existsSync(docPath) ? readFileSync(docPath, 'utf8') : '', lines));
    console.log(`bench: wrote ${path.relative(root, docPath)}`);
  }
  process.exit(0);
}
const searchOnly = only === 'search';
const buildOnly = only === 'build';
const browserOnly = only === 'lighthouse' || only === 'nav';
// Five: a single run's LCP is bimodal on some pages (the category's 755 or 903 ms, with or
// without its scripts), which a median of three does not always smooth out.
const lhRuns = Number(process.env.BENCH_LH_RUNS ?? 5);
const lhPages = process.env.BENCH_LH_PAGES ? process.env.BENCH_LH_PAGES.split(',') : null;
const navOptions = {
  runs: Number(process.env.BENCH_NAV_RUNS ?? 7),
  pressMs: Number(process.env.BENCH_NAV_PRESS_MS ?? 100),
  settleMs: Number(process.env.BENCH_NAV_SETTLE_MS ?? 500),
};
const baselineRev = process.env.BENCH_BASELINE ?? 'HEAD~1';

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
if (!existsSync(bantin)) die(`${bantin} is missing: run \`make site\` first`);
if (!searchOnly && !browserOnly && !has('hugo')) {
  console.log('bench: installing Debian\'s hugo');
  const r = spawnSync('apt-get', ['install', '-y', 'hugo'], { stdio: 'inherit' });
  if (r.status !== 0 || !has('hugo')) die('could not install hugo (apt-get install -y hugo)');
}
if (!existsSync('/usr/bin/time')) die('/usr/bin/time is missing (apt-get install -y time)');
const shellFile = ['app.html', 'index.html'].map((f) => path.join(dist, f)).find(existsSync);
if (!shellFile) die(`${dist} has no app shell: run \`make site\` first`);
const shell = readFileSync(shellFile, 'utf8');

const loads = [];
const noteLoad = () => loads.push(loadavg()[0]);
// The load before the benchmark starts is other work's; during the run the
// benchmark's own builds keep both cores busy, so the load then says little.
const startLoad = loadavg()[0];

/** Runs `cmd args` under /usr/bin/time; returns wall seconds, peak RSS in MB, and stdout. */
function timed(cmd, args, opts = {}) {
  const stats = path.join(work, 'time.txt');
  noteLoad();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', stats, cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
  });
  if (r.status !== 0) die(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const [secs, kb] = readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { secs, mb: kb / 1024, out: r.stdout };
}

/** One article file in the middle of the archive, for the "one changed article" rebuild. */
function middleArticle(content) {
  const years = readdirSync(path.join(content, 'articles')).sort();
  const dir = path.join(content, 'articles', years[years.length >> 1]);
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  return path.join(dir, files[files.length >> 1]);
}

/** Changes one word of an article's title and a sentence of its body. */
function editArticle(file) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('title = "', 'title = "Cập nhật: ').replace(/\n\+\+\+\n\n/, '\n+++\n\nĐoạn mở đầu được sửa cho lần dựng lại.\n\n'));
}

/** Section (d): search beside Pagefind on the same generated articles. */
async function search() {
  const started = performance.now();
  const results = await benchSearch({ sizes: searchSizes, work, bantin, shell, dist, timed, runs: searchRuns });
  noteLoad();
  const secs = (performance.now() - started) / 1000;
  return { lines: searchTable(results, searchRuns), secs };
}

const stamp = () => new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');

/** Section (e): Lighthouse 12 on four pages, each beside the same page without scripts. */
async function lighthouse() {
  console.log(`bench: Lighthouse on ${path.relative(root, dist) || '.'}, ${lhRuns} runs per page and variant`);
  const load = loadavg()[0];
  const result = await benchLighthouse({ dist, work, runs: lhRuns, only: lhPages });
  const label = treeLabel(root);
  const cpu = Math.round(Math.min(...result.pages.flatMap((p) => p.app.runs.map((r) => r.benchmarkIndex))));
  return [
    ...lighthouseTable(result, label),
    '',
    `Measured on ${stamp()} (${label}; 1-minute load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${cpus().length} cores; Lighthouse's CPU benchmark index ${cpu} at the lowest). Medians of ${lhRuns} runs each; every run as performance/LCP ms/TBT ms:`,
    '',
    ...lighthouseRuns(result).map((l) => `- ${l}`),
  ].join('\n');
}

/** Section (f): a tap on a related article beside a full page load. */
async function nav() {
  console.log(`bench: navigation timing, ${navOptions.runs} runs per variant`);
  const load = loadavg()[0];
  const result = await benchNav({ dist, ...navOptions });
  const label = treeLabel(root);
  return [
    ...navTable(result, label),
    '',
    `From \`/bai-viet/${result.article}\` to its first related article \`/bai-viet/${result.related}\`; measured on ${stamp()} (${label}; 1-minute load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${cpus().length} cores). Medians of ${result.runs}; the app was taken as ready by ${result.ready.join(' and ')}. Runs: ${navRuns(result)}.`,
  ].join('\n');
}

if (browserOnly) {
  const text = only === 'lighthouse' ? await lighthouse() : await nav();
  console.log(`\n${text}\n`);
  if (docPath !== '-') {
    writeFileSync(docPath, spliceIssue14(readFileSync(docPath, 'utf8'), only, text));
    console.log(`bench: wrote the ${only} block of ${path.relative(root, docPath)}`);
  }
  process.exit(0);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
if (searchOnly) {
  const { lines, secs } = await search();
  const note = `Measured by \`BENCH_ONLY=search make bench\` on ${new Date().toISOString().replace(/\.\d+Z$/, ' UTC')} in ${(secs / 60).toFixed(1)} minutes; the 1-minute load average was ${startLoad.toFixed(1)} before and ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} during it (${cpus().length} cores).`;
  const table = [...lines, '', note].join('\n');
  console.log(`\n${table}\n`);
  if (docPath !== '-') {
    writeFileSync(docPath, spliceSearch(readFileSync(docPath, 'utf8'), table));
    console.log(`bench: wrote section (d) of ${path.relative(root, docPath)}`);
  }
  process.exit(0);
}

/**
 * The build tool of `rev` (a git revision), built once into target/bench-baseline/
 * (kept between runs): the same archives are built by it and by this tree's tool.
 */
function baselineTool(rev) {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const base = path.join(root, 'target/bench-baseline');
  const src = path.join(base, 'src');
  mkdirSync(base, { recursive: true });
  spawnSync('git', ['worktree', 'remove', '--force', src], { cwd: root });
  rmSync(src, { recursive: true, force: true });
  spawnSync('git', ['worktree', 'prune'], { cwd: root });
  const add = spawnSync('git', ['worktree', 'add', '--detach', src, commit], { cwd: root, encoding: 'utf8' });
  if (add.status !== 0) die(`git worktree add ${commit} failed:\n${add.stderr}`);
  // Trees before the `tool` profile built the tool with `--release`.
  const tool = readFileSync(path.join(src, 'Cargo.toml'), 'utf8').includes('[profile.tool]');
  const bin = path.join(base, tool ? 'target/tool/bantin' : 'target/release/bantin');
  console.log(`bench: building the baseline build tool (${rev} = ${commit.slice(0, 10)})`);
  const build = spawnSync('cargo', ['build', tool ? '--profile=tool' : '--release', '-p', 'bantin-build'], {
    cwd: src,
    stdio: 'inherit',
    env: { ...process.env, CARGO_TARGET_DIR: path.join(base, 'target') },
  });
  spawnSync('git', ['worktree', 'remove', '--force', src], { cwd: root });
  if (build.status !== 0 || !existsSync(bin)) die(`the baseline build tool (${rev}) did not build`);
  return { bin, rev, commit: commit.slice(0, 10) };
}

// ---------------------------------------------------------------- (a) build scale
const baseline = baselineRev ? baselineTool(baselineRev) : null;
const scale = [];
for (const n of sizes) {
  const dir = path.join(work, `n${n}`);
  const content = path.join(dir, 'content');
  const out = path.join(dir, 'bantin');
  const hugoSite = path.join(dir, 'hugo');
  console.log(`bench: ${n} articles`);
  const gen = timed(bantin, ['generate', '--count', String(n), '--out', content]);
  writeHugoSite(content, hugoSite);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'index.html'), shell);

  const full = timed(bantin, ['build', '--content', content, '--out', out]);
  const files = Number(/; (\d+) tệp/.exec(full.out)?.[1]);
  // The baseline tool builds the same archive into its own output folder.
  const baseOut = path.join(dir, 'baseline');
  let baseFull = null;
  if (baseline) {
    mkdirSync(baseOut, { recursive: true });
    writeFileSync(path.join(baseOut, 'index.html'), shell);
    baseFull = timed(baseline.bin, ['build', '--content', content, '--out', baseOut]);
  }
  const hugoFull = timed('hugo', ['--source', hugoSite, '--destination', 'public']);
  const hugoPages = Number(/Pages\s*\|\s*(\d+)/.exec(hugoFull.out)?.[1]);

  // An editor's loop: the article edited, reverted, edited again, a rebuild
  // after each (each tool's in turn); the median is reported. The full builds'
  // files are flushed to disk first, so that no rebuild shares the disk with
  // the kernel writing back a whole site.
  spawnSync('sync');
  const changed = middleArticle(content);
  const original = readFileSync(changed, 'utf8');
  const rebuilds = [];
  const baseRebuilds = [];
  for (const step of ['edit', 'revert', 'edit']) {
    if (step === 'edit') editArticle(changed);
    else writeFileSync(changed, original);
    const again = timed(bantin, ['build', '--content', content, '--out', out]);
    if (!/dựng tăng dần/.test(again.out)) die(`the rebuild was not incremental:\n${again.out}`);
    rebuilds.push(again);
    if (baseline) baseRebuilds.push(timed(baseline.bin, ['build', '--content', content, '--out', baseOut]));
  }
  syncArticle(content, hugoSite, changed);
  const median = (runs) => [...runs].sort((a, b) => a.secs - b.secs)[runs.length >> 1];
  const re = median(rebuilds);
  re.all = rebuilds.map((r) => r.secs);
  const written = /ghi (\d+) tệp, xóa (\d+) tệp/.exec(rebuilds[0].out);
  const baseRe = baseline ? median(baseRebuilds) : null;
  const hugoRe = timed('hugo', ['--source', hugoSite, '--destination', 'public']);
  scale.push({ n, gen, full, re, files, written: Number(written?.[1]), hugoFull, hugoRe, hugoPages, baseFull, baseRe });
  const r = scale[scale.length - 1];
  console.log(
    `  generate ${gen.secs}s; bantin ${full.secs}s ${full.mb.toFixed(0)} MB, rebuild ${re.secs}s (median of ${re.all.join(', ')} s; ${r.written} files written); hugo ${hugoFull.secs}s ${hugoFull.mb.toFixed(0)} MB, again ${hugoRe.secs}s` +
      (baseFull ? `; baseline ${baseFull.secs}s ${baseFull.mb.toFixed(0)} MB, rebuild ${baseRe.secs}s` : ''),
  );
}

const f1 = (x) => x.toFixed(1);
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
/** Part (a′): this tree's build tool beside the baseline's, same archives, same run. */
function baselineLines() {
  if (!baseline) return [];
  const out = [`### (a′) This build tool beside ${baseline.rev} (${baseline.commit}), same archives, same run`, ''];
  out.push('| articles | build | baseline build | ratio | peak RSS | baseline peak RSS | rebuild, 1 changed (median of 3) | baseline rebuild | ratio |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of scale) {
    out.push(
      `| ${r.n.toLocaleString('en')} | ${f1(r.full.secs)} s | ${f1(r.baseFull.secs)} s | ${ratio(r.full.secs, r.baseFull.secs)} | ${r.full.mb.toFixed(0)} MB | ${r.baseFull.mb.toFixed(0)} MB | ${f1(r.re.secs)} s | ${f1(r.baseRe.secs)} s | ${ratio(r.re.secs, r.baseRe.secs)} |`,
    );
  }
  out.push('');
  return out;
}
if (buildOnly) {
  console.log(`\n${baselineLines().join('\n')}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------- (b) first-view bytes
noteLoad();
const size = spawnSync('node', ['tests/size-budget.mjs', path.relative(root, dist) || '.'], { cwd: root, encoding: 'utf8' });
if (size.status !== 0) die(`size budget failed:\n${size.stdout}${size.stderr}`);
const slug = /^article: (\S+)/m.exec(size.stdout)?.[1];
if (!slug) die('size-budget.mjs printed no article');

// ---------------------------------------------------------------- (c) paint times
console.log(`bench: paint times of /bai-viet/${slug}, ${runs} runs each`);
noteLoad();
const paint = await measurePaint({ dist, slug, runs });
noteLoad();

// ---------------------------------------------------------------- (d) search beside Pagefind
const searchPart = searchSizes.length ? await search() : null;

// ---------------------------------------------------------------- (e), (f) issue 14: Lighthouse, navigation
const lighthousePart = await lighthouse();
noteLoad();
const navPart = await nav();
noteLoad();

// ---------------------------------------------------------------- the table
const lines = [];
lines.push('### (a) Build time and peak memory (bantin beside Hugo, same articles)', '');
lines.push('| articles | files (bantin) | bantin build | peak RSS | rebuild, 1 article changed (median of 3) | files written | Hugo build | Hugo peak RSS | Hugo again, 1 changed | time bantin/Hugo | memory bantin/Hugo | rebuild/full (bantin) |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of scale) {
  lines.push(
    `| ${r.n.toLocaleString('en')} | ${r.files} | ${f1(r.full.secs)} s | ${r.full.mb.toFixed(0)} MB | ${f1(r.re.secs)} s | ${r.written} | ${f1(r.hugoFull.secs)} s | ${r.hugoFull.mb.toFixed(0)} MB | ${f1(r.hugoRe.secs)} s | ${ratio(r.full.secs, r.hugoFull.secs)} | ${ratio(r.full.mb, r.hugoFull.mb)} | ${ratio(r.re.secs, r.full.secs)} |`,
  );
}
lines.push('', `Generating the archives (\`bantin generate\`): ${scale.map((r) => `${r.n.toLocaleString('en')} in ${f1(r.gen.secs)} s`).join(', ')}. Hugo pages: ${scale.map((r) => r.hugoPages).join(', ')}.`, '');
lines.push(...baselineLines());
lines.push('### (b) First view of an article deep link (bytes by file)', '', '```', size.stdout.trim().replaceAll(`${root}/`, ''), '```', '');
lines.push(`### (c) Paint times of \`${paint.url}\` (median of ${runs}, 4× CPU slowdown, slow 4G)`, '');
lines.push('| page | FCP | LCP |', '|---|---:|---:|');
lines.push(`| app (prerendered page + scripts) | ${paint.app.fcp.toFixed(0)} ms | ${paint.app.lcp.toFixed(0)} ms |`);
lines.push(`| static floor (same HTML, scripts removed) | ${paint.floor.fcp.toFixed(0)} ms | ${paint.floor.lcp.toFixed(0)} ms |`);
lines.push(`| ratio app/floor | ${ratio(paint.app.fcp, paint.floor.fcp)} | ${ratio(paint.app.lcp, paint.floor.lcp)} |`);
lines.push('', `Runs (ms, FCP/LCP): app ${paint.app.runs.map((p) => `${p.fcp.toFixed(0)}/${p.lcp.toFixed(0)}`).join(', ')}; floor ${paint.floor.runs.map((p) => `${p.fcp.toFixed(0)}/${p.lcp.toFixed(0)}`).join(', ')}.`);
if (searchPart) lines.push('', ...searchPart.lines, '', `The search part took ${(searchPart.secs / 60).toFixed(1)} minutes.`);
const table = lines.join('\n');
console.log(`\n${table}\n`);

// ---------------------------------------------------------------- docs/benchmarks.md
if (docPath !== '-') {
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
    } catch {
      return 'unknown';
    }
  };
  const cpu = cpus();
  const maxLoad = Math.max(...loads);
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${version('uname', ['-sr'])}`;
  const doc = `# Benchmarks

Measured by \`make bench\` (\`scripts/bench/bench.mjs\`) on ${new Date().toISOString().replace(/\.\d+Z$/, ' UTC')}.

- Machine: ${machine}.
- Load: the 1-minute load average was ${startLoad.toFixed(1)} before the run and ${Math.min(...loads).toFixed(1)} to ${maxLoad.toFixed(1)} during it (the benchmark's own builds use every core)${
    startLoad > cpu.length * 0.5
      ? ': other work was running on the same cores when it started, so absolute times are pessimistic; the ratios compare runs made side by side in the same session'
      : ''
  }.
- Tools: ${version('hugo', ['version'])}; ${version('/usr/bin/chromium', ['--version'])}; Node ${process.version}; Pagefind ${PAGEFIND_VERSION} (npm).
- Peak memory is the maximum resident set size reported by \`/usr/bin/time\`.

${table}

## What is measured

- **(a)** \`bantin generate --count N\` makes a synthetic archive (Vietnamese words, realistic
  lengths, categories, tags, dates). \`bantin build\` writes it into an empty output folder that
  holds only the app shell (so every article, category, home and 404 page is prerendered, beside
  \`data/\`, feeds and sitemaps). Then one article in the middle of the archive gets a new title
  and a new first paragraph, and \`bantin build\` runs again over the same output, as an editor's
  loop does: after the edit, after its revert and after the edit again (the full build's files
  flushed to disk first with \`sync\`); the median of the three is reported. Each is an
  incremental build (the output's \`.bantin-manifest\` records every produced file's hash and
  input fingerprint, and \`.bantin-parse-cache\` every article parsed, see \`docs/content.md\`:
  unchanged article files are not read again, documents and pages whose inputs are unchanged
  are not rendered again, and only files whose bytes changed are written). Hugo builds the same
  articles exported as Markdown with TOML front matter (\`scripts/bench/hugo-site.mjs\`), with a
  minimal theme written for this benchmark: an article page and paginated lists (home,
  categories, tags, 20 a page), plus Hugo's default RSS and sitemap. It has no related articles,
  no JSON documents and no data islands, so it does less work per article than bantin. "Hugo
  again" is a second \`hugo\` run after the same one-article change (Hugo has no incremental
  mode outside \`hugo server\`).
- The rebuild still looks at every article file (its size and times), fingerprints every
  document and checks every produced file is untouched (its size and time against the
  manifest), so its time still grows with the archive; what it saves is reading and parsing
  unchanged articles, computing the related lists and the search index whole (both are
  patched from their state in the output folder), rendering unchanged documents and pages,
  and writing: a few dozen files instead of every one.
- **(b)** \`tests/size-budget.mjs\`: what the browser downloads for a deep link to the article
  with the largest document, raw and brotli (quality 11).
- **(c)** \`scripts/bench/paint.mjs\`: Debian's Chromium, headless, through playwright-core, with
  CDP \`Emulation.setCPUThrottlingRate\` (rate ${CPU_SLOWDOWN}) and
  \`Network.emulateNetworkConditions\` (Lighthouse's slow 4G: ${SLOW_4G.latency} ms latency,
  ${((SLOW_4G.downloadThroughput * 8) / 1024).toFixed(0)} Kbps down, ${((SLOW_4G.uploadThroughput * 8) / 1024).toFixed(0)} Kbps up), cache
  disabled, a 412 × 823 viewport, a new browser context per load. The site in \`${path.relative(root, dist)}/\`
  is served by \`scripts/bench/static-server.mjs\` with brotli or gzip (whichever the browser accepts). The
  static floor is the same prerendered HTML with every \`<script>\` and every modulepreload or
  preload removed; app and floor loads alternate. FCP and LCP come from the page's own
  \`PerformanceObserver\` entries, read after the network is idle.
${SEARCH_METHOD}
## How to reproduce

\`\`\`sh
make site SKIP_TOOLS=1        # the app and the sample site in dist/ (needed for b and c)
make bench SKIP_TOOLS=1       # installs Debian's hugo if missing; about 10 minutes at 50,000, plus 10 to 15 for search (d)
BENCH_SIZES=1000 BENCH_RUNS=3 BENCH_SEARCH_SIZES=1000 BENCH_DOC=- node scripts/bench/bench.mjs   # a quick look, no doc
BENCH_ONLY=search make bench SKIP_TOOLS=1   # only (d), replacing that section of the doc
BENCH_ONLY=lighthouse make bench SKIP_TOOLS=1   # only (e), issue 14's Lighthouse block (about 10 minutes)
BENCH_ONLY=nav make bench SKIP_TOOLS=1          # only (f), issue 14's navigation block (about 3 minutes)
BENCH_ONLY=photos make bench SKIP_TOOLS=1       # only (g), the photo pipeline on 200 camera photos
node scripts/bench/search-quality.mjs        # docs/search.md's matching table (Pagefind beside bantin)
\`\`\`

The scratch folder \`target/bench/\` holds the generated archives and both outputs (several GB
at 50,000 articles); it is replaced on each run.
`;
  // Sections written by hand after the generated part are carried over: issue 14's
  // (with its hand-kept "before" figures; its measured blocks are replaced here) and,
  // last, the WebAssembly size analysis.
  const old = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  const KEPT = '\n## WebAssembly: what takes the bytes';
  const wasm = old.includes(KEPT) ? `${old.slice(old.indexOf(KEPT) + 1).trimEnd()}\n` : '';
  let out = `${doc.trimEnd()}\n\n${issue14Section(old) ?? ISSUE14_SECTION}`;
  out = spliceIssue14(spliceIssue14(out, 'lighthouse', lighthousePart), 'nav', navPart);
  if (wasm) out = `${out.trimEnd()}\n\n${wasm}`;
  out = splicePhotos(out, benchPhotos({ root, bantin, work }));
  writeFileSync(docPath, out);
  console.log(`bench: wrote ${path.relative(root, docPath)}`);
}
