// Lighthouse 12 (PageSpeed Insights' method: mobile defaults, simulated throttling) over
// the built site served with brotli (./static-server.mjs), for issue 14's "what must hold":
// home, a category, an article (one with a cover image) and the search page, with a query
// and without one, each also with its scripts removed (`?san=1`), so LCP can be compared
// with the page's static floor.
//
// Lighthouse is installed on demand into target/bench-tools/lighthouse (npm, never into
// the project's package.json, so `make test` never installs it) and run through its CLI,
// one process per run (a fresh Chromium each time, killed on timeout). Debian's Chromium:
// CHROME_PATH (default /usr/bin/chromium), headless=new, no sandbox.
//
// Environment (read by bench.mjs): BENCH_LH_RUNS (runs per page and variant, default 5),
// BENCH_LH_PAGES (comma-separated subset of home,category,article,search,search-form).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serveDist, FLOOR_FLAG } from './static-server.mjs';
import { CHROMIUM_ARGS } from '../../tests/e2e/helpers.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const LIGHTHOUSE_VERSION = '12.2.3';
const lighthouseDir = path.join(root, 'target/bench-tools/lighthouse');
const cli = path.join(lighthouseDir, 'node_modules/lighthouse/cli/index.js');
/** One Lighthouse run may take this long before it is killed (the machine may be loaded). */
const RUN_TIMEOUT_MS = 240_000;
export const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** The search page's query (words found in the sample content). */
export const SEARCH_QUERY = 'học sinh';

/** Installs lighthouse@12.2.3 into target/bench-tools/lighthouse if missing; returns its CLI path. */
export function ensureLighthouse() {
  const pkg = path.join(lighthouseDir, 'node_modules/lighthouse/package.json');
  if (!existsSync(cli) || JSON.parse(readFileSync(pkg, 'utf8')).version !== LIGHTHOUSE_VERSION) {
    console.log(`bench: npm install lighthouse@${LIGHTHOUSE_VERSION} into ${path.relative(root, lighthouseDir)}`);
    mkdirSync(lighthouseDir, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', lighthouseDir, '--no-audit', '--no-fund', '--no-save', '-E', `lighthouse@${LIGHTHOUSE_VERSION}`], {
      stdio: 'inherit',
    });
    if (r.status !== 0 || !existsSync(cli)) throw new Error(`npm install lighthouse@${LIGHTHOUSE_VERSION} failed`);
  }
  return cli;
}

/** The article the browser benches use: the largest document among those with a cover image (else the largest). */
export function benchArticle(dist) {
  const dir = path.join(dist, 'data/bai-viet');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`make site\` first`);
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const file = path.join(dir, f);
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      return { slug: doc.slug ?? f.slice(0, -5), title: doc.title, cover: Boolean(doc.cover?.image), size: statSync(file).size, related: doc.related ?? [] };
    })
    .filter((d) => existsSync(path.join(dist, 'bai-viet', d.slug, 'index.html')));
  if (!docs.length) throw new Error(`${dist} has no prerendered article: run \`make site\` first`);
  const withCover = docs.filter((d) => d.cover);
  const pool = withCover.length ? withCover : docs;
  return pool.sort((a, b) => b.size - a.size || a.slug.localeCompare(b.slug))[0];
}

/** The pages measured: [{ key, label, path }]. */
export function benchPages(dist) {
  const site = JSON.parse(readFileSync(path.join(dist, 'data/site.json'), 'utf8'));
  const category = site.categories.find((c) => existsSync(path.join(dist, 'chuyen-muc', c.slug, 'index.html')));
  if (!category) throw new Error(`${dist} has no prerendered category page`);
  const article = benchArticle(dist);
  return [
    { key: 'home', label: 'home', path: '/' },
    { key: 'category', label: `category (${category.name})`, path: `/chuyen-muc/${category.slug}` },
    { key: 'article', label: `article${article.cover ? ' with a cover image' : ''}`, path: `/bai-viet/${article.slug}` },
    { key: 'search', label: `search (\`${SEARCH_QUERY}\`)`, path: `/tim-kiem?q=${encodeURIComponent(SEARCH_QUERY)}` },
    { key: 'search-form', label: 'search, no query', path: '/tim-kiem' },
  ];
}

// The running Lighthouse processes (each in its own process group, which a Ctrl-C of the
// bench does not reach): killed with their Chromium when the bench is stopped.
const running = new Set();
const killGroup = (child) => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
};
function onStop(signal) {
  for (const child of running) killGroup(child);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Runs the Lighthouse CLI once; resolves to the parsed JSON report (saved as `out`). */
function lighthouseOnce(url, out) {
  return new Promise((resolve, reject) => {
    const args = [
      cli,
      url,
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--max-wait-for-load=60000',
    ];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout also kills the Chromium it started
    });
    running.add(child);
    let log = '';
    child.stdout.on('data', (b) => (log += b));
    child.stderr.on('data', (b) => (log += b));
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`lighthouse ${url} timed out after ${RUN_TIMEOUT_MS / 1000} s\n${log.slice(-2000)}`));
    }, RUN_TIMEOUT_MS);
    child.on('error', (err) => {
      running.delete(child);
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`lighthouse ${url} failed (${code ?? signal}):\n${log.slice(-2000)}`));
      let report;
      try {
        report = JSON.parse(readFileSync(out, 'utf8'));
      } catch (err) {
        return reject(new Error(`lighthouse ${url}: no readable report in ${out}: ${err.message}`));
      }
      if (report.runtimeError) return reject(new Error(`lighthouse ${url}: ${report.runtimeError.code}: ${report.runtimeError.message}`));
      resolve(report);
    });
  });
}

/** The figures of one report, plus the audits that cost points in each category. */
export function reportFigures(report) {
  const score = (id) => (report.categories[id]?.score == null ? NaN : Math.round(report.categories[id].score * 100));
  const num = (id) => report.audits[id]?.numericValue ?? NaN;
  const lost = [];
  for (const id of CATEGORIES) {
    for (const ref of report.categories[id]?.auditRefs ?? []) {
      const a = report.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) lost.push(`${id}: ${ref.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    }
  }
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    // Lighthouse's measure of this machine's CPU speed (about 1000+ on a fast desktop);
    // simulated TBT scales the observed main-thread work, so a loaded machine inflates it.
    benchmarkIndex: report.environment?.benchmarkIndex ?? NaN,
    warnings: report.runWarnings ?? [],
    lost,
  };
}

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const KEYS = ['performance', 'accessibility', 'bestPractices', 'seo', 'fcp', 'lcp', 'tbt', 'cls', 'benchmarkIndex'];
export const summarize = (runs) => Object.fromEntries([...KEYS.map((k) => [k, median(runs.map((r) => r[k]))]), ['runs', runs]]);

/**
 * Runs Lighthouse `runs` times on every page and on the same page without scripts
 * (alternating), in `work`. Resolves to { pages: [{ ...page, app, floor, lcpRatio }], version }.
 */
export async function benchLighthouse({ dist, work, runs = 3, only = null, log = console.log }) {
  ensureLighthouse();
  const pages = benchPages(dist).filter((p) => !only || only.includes(p.key));
  if (!pages.length) throw new Error(`BENCH_LH_PAGES matched no page (home, category, article, search, search-form)`);
  const dir = path.join(work, 'lighthouse');
  mkdirSync(dir, { recursive: true });
  const server = await serveDist(dist);
  process.once('SIGINT', onStop);
  process.once('SIGTERM', onStop);
  const got = new Map(pages.map((p) => [p.key, { app: [], floor: [] }]));
  try {
    for (let i = 1; i <= runs; i++) {
      for (const p of pages) {
        for (const variant of ['app', 'floor']) {
          const sep = p.path.includes('?') ? '&' : '?';
          const url = `${server.url}${p.path}${variant === 'floor' ? `${sep}${FLOOR_FLAG}=1` : ''}`;
          const started = performance.now();
          const report = await lighthouseOnce(url, path.join(dir, `${p.key}-${variant}-${i}.json`));
          const f = reportFigures(report);
          got.get(p.key)[variant].push(f);
          log(
            `  lighthouse ${p.key}${variant === 'floor' ? ' (scripts removed)' : ''} run ${i}/${runs}: performance ${f.performance}, a11y ${f.accessibility}, best practices ${f.bestPractices}, SEO ${f.seo}; FCP ${f.fcp.toFixed(0)} ms, LCP ${f.lcp.toFixed(0)} ms, TBT ${f.tbt.toFixed(0)} ms, CLS ${f.cls.toFixed(3)}; CPU benchmark index ${Math.round(f.benchmarkIndex)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
          if (i === 1 && variant === 'app') {
            for (const w of f.warnings) log(`    warning: ${w}`);
            for (const l of f.lost) log(`    lost points: ${l}`);
          }
        }
      }
    }
  } finally {
    process.off('SIGINT', onStop);
    process.off('SIGTERM', onStop);
    await server.close();
  }
  return {
    version: LIGHTHOUSE_VERSION,
    runs,
    pages: pages.map((p) => {
      const app = summarize(got.get(p.key).app);
      const floor = summarize(got.get(p.key).floor);
      return { ...p, app, floor, lcpRatio: app.lcp / floor.lcp };
    }),
  };
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en')} ms` : 'n/a');
const sc = (x) => (Number.isFinite(x) ? String(Math.round(x)) : 'n/a');

/** The Markdown table of a `benchLighthouse` result; `label` names the tree measured (e.g. a commit). */
export function lighthouseTable(result, label) {
  const out = [
    `| ${label ? 'tree | ' : ''}page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | LCP, scripts removed | LCP ratio | TBT, scripts removed | performance, scripts removed |`,
    `|${label ? '---|' : ''}---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const p of result.pages) {
    out.push(
      `| ${label ? `${label} | ` : ''}${p.label}: \`${decodeURIComponent(p.path)}\` | ${sc(p.app.performance)} | ${sc(p.app.accessibility)} | ${sc(p.app.bestPractices)} | ${sc(p.app.seo)} | ${ms(p.app.fcp)} | ${ms(p.app.lcp)} | ${ms(p.app.tbt)} | ${Number.isFinite(p.app.cls) ? p.app.cls.toFixed(3) : 'n/a'} | ${ms(p.floor.lcp)} | ${Number.isFinite(p.lcpRatio) ? `${p.lcpRatio.toFixed(2)}×` : 'n/a'} | ${ms(p.floor.tbt)} | ${sc(p.floor.performance)} |`,
    );
  }
  return out;
}

/** One line per page with every run's performance/LCP/TBT, for the doc. */
export function lighthouseRuns(result) {
  return result.pages.map(
    (p) =>
      `${p.key}: ${p.app.runs.map((r) => `${r.performance}/${Math.round(r.lcp)}/${Math.round(r.tbt)}`).join(', ')}; scripts removed ${p.floor.runs.map((r) => `${r.performance}/${Math.round(r.lcp)}/${Math.round(r.tbt)}`).join(', ')}`,
  );
}
