// The "Issue 14" section of docs/benchmarks.md: its text when the doc has none yet, and
// the replacement of its generated blocks (between `<!-- bench:lighthouse -->` and
// `<!-- /bench:lighthouse -->`, and the same for `nav`). Everything else in the section,
// such as the hand-kept "before" figures, is left as it is.

import { execFileSync } from 'node:child_process';
import { CHROME_FLAGS, LIGHTHOUSE_VERSION, SEARCH_QUERY } from './lighthouse.mjs';
import { NAV_CPU_SLOWDOWN, NAV_NETWORK, NO_PREFETCH_KEY, RELATED_LINK } from './nav.mjs';

export const ISSUE14_HEADING = '## Issue 14: first view and navigation';

const block = (part) => [`<!-- bench:${part} -->`, `<!-- /bench:${part} -->`];

export const ISSUE14_SECTION = `${ISSUE14_HEADING}

What must hold (issue 14): in Lighthouse 12 (mobile defaults, simulated throttling, the site
served with brotli) home, a category, an article with a cover image and the search page each
score at least 98 for performance, with TBT at most 50 ms, LCP within 1.1× of the same page
with its scripts removed, and 100 for accessibility, best practices and SEO; under slow 4G
and 4× CPU a tap on a related article paints its h1 within 200 ms (median of 7, prefetch on
touch).

\`\`\`sh
make site SKIP_TOOLS=1
BENCH_ONLY=lighthouse node scripts/bench/bench.mjs   # (e), about 10 minutes; or BENCH_ONLY=lighthouse make bench SKIP_TOOLS=1
BENCH_ONLY=nav node scripts/bench/bench.mjs          # (f), about 3 minutes
BENCH_ONLY=lighthouse BENCH_LH_RUNS=1 BENCH_LH_PAGES=home,article BENCH_DOC=- node scripts/bench/bench.mjs   # a quick look, no doc
\`\`\`

Each command replaces only its own block below (between its \`<!-- bench:… -->\` markers);
the "before" figures are kept by hand.

### (e) Lighthouse ${LIGHTHOUSE_VERSION}, latest run

${block('lighthouse').join('\n\n')}

### (f) Navigation from an article to a related one, latest run

${block('nav').join('\n\n')}

### How (e) and (f) are measured

- **Server** (\`scripts/bench/static-server.mjs\`): \`dist/\` served on 127.0.0.1 by a small
  Node server that compresses with brotli (quality 11, once per file) when the browser
  accepts it, sends \`application/wasm\`, \`application/manifest+json\` and the other types by
  extension, marks trunk's content-hashed files \`immutable\` for a year, and follows
  \`bantin serve\`'s URL rules (\`/x\` is \`x/index.html\`, unknown app routes get \`app.html\`,
  unknown listing pages and files \`404.html\` with 404). \`?san=1\` serves an HTML page with
  every \`<script>\` element and every modulepreload/preload link removed: the page "with its
  scripts removed".
- **(e)** \`scripts/bench/lighthouse.mjs\`: npm \`lighthouse@${LIGHTHOUSE_VERSION}\` (installed on
  demand into \`target/bench-tools/lighthouse\`, never by \`make test\`), its CLI with its
  defaults (mobile form factor and screen, simulated throttling: PageSpeed Insights' method),
  the four categories, Debian's Chromium (\`CHROME_PATH\`, \`${CHROME_FLAGS.slice(0, 2).join(' ')}\`), a new
  browser per run. Pages: home \`/\`, the first category, the article with the largest
  document among those with a cover image, and \`/tim-kiem?q=${SEARCH_QUERY}\`; each page and its
  scripts-removed variant alternate, 3 runs each; every figure is the median of its runs
  (scores included), and "LCP ratio" is the page's median LCP over its scripts-removed
  median. Lighthouse's simulated TBT scales the main-thread work it observed, so a loaded
  machine inflates it: the CPU benchmark index is printed with each run (a fast desktop is
  above 1,000). The JSON reports are kept in \`target/bench/lighthouse/\`.
- **(f)** \`scripts/bench/nav.mjs\`: Debian's headless Chromium through playwright-core, a
  412 × 823 mobile viewport with touch, CDP \`Network.emulateNetworkConditions\`
  (${NAV_NETWORK.latency} ms latency, ${(NAV_NETWORK.downloadThroughput * 8) / 1e6} Mbps down, ${(NAV_NETWORK.uploadThroughput * 8) / 1e3} Kbps up) and
  \`Emulation.setCPUThrottlingRate\` (rate ${NAV_CPU_SLOWDOWN}), a new browser context per run (empty cache
  and storage). The article is the one of (e); it loads, then the bench waits until the app
  can navigate (\`window.__bantinReady === true\` or the document event \`bantin:ready\`, else
  \`TrunkApplicationStarted\` followed by 1 s without a long task or a finished request:
  \`waitForAppReady\`), scrolls the first related link (\`${RELATED_LINK}\`) into view, waits
  500 ms and taps it: a CDP touchStart, 100 ms later touchEnd (Chromium makes the click).
  Time runs from the touchstart event's timeStamp to the first painted frame in which a
  visible \`h1\` holds the related article's title (a \`requestAnimationFrame\` loop sees it;
  a message posted from that callback runs once the frame is painted). "From the click"
  starts at the click event instead. "Prefetch off" sets \`localStorage["${NO_PREFETCH_KEY}"] = "1"\`
  before the page loads. The full page load opens the related article's URL in the same
  tab after the article (warm HTTP cache) and reads its first-contentful-paint entry. The
  three variants alternate, 7 runs each; medians.
`;

/** The issue 14 section of `doc` (from its heading to the next `## ` heading or the end), or null. */
export function issue14Section(doc) {
  const start = doc.indexOf(ISSUE14_HEADING);
  if (start < 0) return null;
  const next = doc.indexOf('\n## ', start + ISSUE14_HEADING.length);
  return doc.slice(start, next < 0 ? doc.length : next + 1).trimEnd() + '\n';
}

/** `doc` with `text` in the `part` block ("lighthouse" or "nav") of its issue 14 section (added at the end if missing). */
export function spliceIssue14(doc, part, text) {
  const [open, close] = block(part);
  if (!doc.includes(ISSUE14_HEADING)) doc = `${doc.trimEnd()}\n\n${ISSUE14_SECTION}`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close, a);
  if (a < 0 || b < 0) throw new Error(`the doc's issue 14 section has no ${open} … ${close} block`);
  return `${doc.slice(0, a + open.length)}\n\n${text.trim()}\n\n${doc.slice(b)}`;
}

/** The app sources' paths: a tree is labelled by the last commit that changed them. */
const APP_PATHS = ['src', 'crates', 'index.html', 'style', 'public', 'Trunk.toml', 'Cargo.toml', 'Cargo.lock'];

/**
 * The tree measured: the last commit that changed the app's sources (so a branch that only
 * changed the bench is labelled by the app it measured), with "+ local changes" when the
 * work tree's app sources differ from it.
 */
export function treeLabel(root) {
  const git = (args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    const commit = git(['log', '-1', '--format=%h', '--abbrev=7', '--', ...APP_PATHS]) || git(['rev-parse', '--short=7', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--', ...APP_PATHS]);
    return dirty ? `${commit} + local changes` : commit;
  } catch {
    return 'unknown tree';
  }
}
