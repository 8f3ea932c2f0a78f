// The portal's embeds on a real WordPress (Debian's 6.1 with Twenty Twenty-Three,
// tests/e2e/wordpress.mjs), as its users would meet them. The portal is the sample
// site rebuilt for its test address (`--base-url`), so its oEmbed documents and the
// plugin's zip name it.
// - with no plugin, an Author pastes an article URL: WordPress discovers the oEmbed
//   document (only the port limit lifted, by a test-only must-use plugin), keeps the
//   card in its sandbox, and a click opens the article;
// - the administrator activates the plugin uploaded from the portal's zip
//   (nhung/bantin-wordpress.zip): it comes set to the portal; a hostile address is
//   refused on its settings page;
// - an Author pastes an article URL (classic content and the block editor's embed
//   block): a card shows, and a click opens the article;
// - an Author writes the shortcode: the widget renders, the theme's styles stay;
// - the administrator pastes the README's script and iframe snippets into Custom HTML
//   blocks: both render, and the iframe's height never drops below its reserved value.
// Every WordPress page is looked at 1280 and 390 px wide, with no console errors and
// no horizontal overflow. E2E_SHOTS=/some/dir keeps screenshots of each case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { BANTIN_BIN, DIST, ROOT, launchBrowser, readData, startServer, waitUntil } from './helpers.mjs';
import { USERS, logIn, publish, startWordPress } from './wordpress.mjs';

const WIDTHS = [1280, 390];
const SETTINGS = '/wp-admin/options-general.php?page=bantin';
const started = Date.now();

let portal;
let wp;
let browser;
let tmp;
/** Console errors and uncaught exceptions of every page the tests opened. */
const errors = [];

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-wp-portal-'));
  const out = path.join(tmp, 'dist');
  cpSync(DIST, out, { recursive: true });
  portal = await startServer(out);
  execFileSync(BANTIN_BIN, ['build', '--content', path.join(ROOT, 'content'), '--out', out, '--base-url', `${portal.url}/`], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  wp = await startWordPress({
    pluginZip: path.join(out, 'nhung/bantin-wordpress.zip'),
    activate: false,
    discoverPorts: [portal.port],
  });
  browser = await launchBrowser();
  console.log(`# WordPress ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  await browser?.close();
  await wp?.stop();
  await portal?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  console.log(`# WordPress tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

async function open(width, user) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN', serviceWorkers: 'block' });
  context.setDefaultTimeout(15_000);
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`${width}px ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`${width}px ${page.url()}: ${err}`));
  };
  context.on('page', watch);
  const page = await context.newPage();
  if (user) await logIn(page, wp, user);
  return { context, page };
}

async function shot(page, name) {
  if (process.env.E2E_SHOTS) {
    await page.screenshot({ path: path.join(process.env.E2E_SHOTS, `${name}.png`), fullPage: true });
  }
}

async function noOverflow(page, what) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${what}: the page scrolls sideways (${scroll} > ${width})`);
}

function assertNoErrors() {
  assert.deepEqual(errors.splice(0), [], 'WordPress pages logged errors');
  const log = wp.debugLog();
  const ours = log.split('\n').filter((l) => l.includes('/plugins/bantin/'));
  assert.deepEqual(ours, [], 'PHP notices from the plugin');
}

/** The README's snippets, with the portal's address put in as the README says. */
function readmeSnippets() {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
  const script = blocks.find((b) => b.includes('<bantin-tin'));
  const frame = blocks.find((b) => b.includes('nhung/khung/'));
  assert.ok(script && frame, 'the README has a script and an iframe snippet');
  const put = (s) => s.replaceAll('https://PORTAL/', `${portal.url}/`);
  return { script: put(script), frame: put(frame) };
}

const article = () => readData('moi-nhat/1.json').items[0];

/**
 * Opens `post` at each width and checks the article card in it: shown by WordPress's
 * wp-embed.js (iframe unclipped, quote hidden), drawn, within WordPress's height
 * clamp, inside the page; then a click on it opens the article in the same tab.
 */
async function checkCard(post, name, sandbox) {
  const item = article();
  for (const width of [...WIDTHS, 360]) {
    const { context, page } = await open(width);
    await page.goto(post.link);
    const frame = page.locator('iframe.wp-embedded-content');
    assert.equal(await frame.count(), 1, `${name}: one card`);
    assert.equal(await frame.getAttribute('sandbox'), sandbox, `${name}: the sandbox`);
    // wp-embed.js shows the iframe (drops its clip) once the frame announces itself.
    await waitUntil(async () => (await frame.getAttribute('style')) === null, { message: `${name} ${width}px: the card shown` });
    const card = page.frameLocator('iframe.wp-embedded-content').locator('bantin-tin');
    await waitUntil(async () => (await card.getAttribute('data-trang-thai')) === 'xong', { message: `${name} ${width}px: the card drawn` });
    const box = await frame.boundingBox();
    assert.ok(box.height >= 126 && box.height < 200, `${name} ${width}px: card height ${box.height} (WordPress's 200px clamp not triggered)`);
    assert.ok(box.x >= 0 && box.x + box.width <= width, `${name} ${width}px: the card fits (${box.x}+${box.width})`);
    assert.equal(await page.locator('blockquote.wp-embedded-content').isVisible(), false, `${name}: the fallback quote hidden`);
    assert.equal(await card.locator('.t').first().textContent(), item.title);
    await noOverflow(page, `${name} ${width}px`);
    await shot(page, `wp-${name}-${width}`);
    // A click asks WordPress to open the article (the sandbox may forbid new tabs).
    await Promise.all([
      page.waitForURL((u) => u.origin === portal.url && u.pathname.replace(/\/$/, '') === `/bai-viet/${item.slug}`),
      // The card's link, in the widget's shadow root (not the light-DOM fallback).
      card.locator('.c > a').click(),
    ]);
    await page.locator('h1').first().waitFor();
    assert.equal(context.pages().length, 1, 'no new tab');
    await context.close();
  }
}

test('with no plugin, a pasted article URL is discovered by WordPress and its card opens the article', async () => {
  const url = `${portal.url}/bai-viet/${article().slug}`;
  const { context, page } = await open(1280, USERS.author);
  const post = await publish(page, wp, 'Tin từ cổng tỉnh (oEmbed của WordPress)', `Mời bạn đọc:\n\n${url}\n\nHết bài.`);
  await context.close();
  // WordPress's own filter: its sandbox without popups, our quote and frameborder kept.
  await checkCard(post, 'discovered', 'allow-scripts');
  assertNoErrors();
});

test('the plugin, uploaded from the portal’s zip, comes set to the portal; its settings refuse a hostile address', async () => {
  const { context, page } = await open(1280, USERS.admin);
  await page.goto(`${wp.url}/wp-admin/plugins.php`);
  const row = page.locator('tr[data-plugin="bantin/bantin.php"]');
  await row.locator('a[href*="action=activate"]').click();
  await page.locator('tr.active[data-plugin="bantin/bantin.php"]').waitFor();
  await page.goto(`${wp.url}${SETTINGS}`);
  const field = page.getByLabel('Địa chỉ cổng thông tin');
  // The zip comes set to the portal it was downloaded from (its base_url).
  assert.equal(await field.inputValue(), `${portal.url}/`);
  await shot(page, 'wp-settings-1280');

  // A hostile address is refused and the previous one kept.
  await field.fill('javascript:alert(1)');
  await page.getByRole('button', { name: /Lưu/ }).click();
  await page.locator('.notice-error, .error').first().waitFor();
  assert.equal(await page.getByLabel('Địa chỉ cổng thông tin').inputValue(), `${portal.url}/`);

  await page.getByLabel('Địa chỉ cổng thông tin').fill(portal.url);
  await page.getByRole('button', { name: /Lưu/ }).click();
  await page.locator('.notice-success, .updated').first().waitFor();
  assert.equal(await page.getByLabel('Địa chỉ cổng thông tin').inputValue(), `${portal.url}/`, 'saved with the trailing slash');
  await context.close();
  assertNoErrors();
});

test('as an Author, with the plugin, a pasted article URL shows the card, and a click opens the article', async () => {
  const url = `${portal.url}/bai-viet/${article().slug}`;
  const { context, page } = await open(1280, USERS.author);
  const classic = await publish(page, wp, 'Tin từ cổng tỉnh (trình soạn cổ điển)', `Mời bạn đọc bài của cổng thông tin tỉnh:\n\n${url}\n\nHết bài.`);
  const block = await publish(
    page,
    wp,
    'Tin từ cổng tỉnh (khối nhúng)',
    `<!-- wp:paragraph --><p>Bài đáng đọc:</p><!-- /wp:paragraph -->\n<!-- wp:embed {"url":"${url}"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n${url}\n</div></figure>\n<!-- /wp:embed -->`,
  );
  await context.close();
  const sandbox = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
  await checkCard(classic, 'plugin-classic', sandbox);
  await checkCard(block, 'plugin-block', sandbox);
  assertNoErrors();
});

test('as an Author, the shortcode renders the widget and leaves the theme’s styles alone', async () => {
  const latest = readData('moi-nhat/1.json').items;
  const category = readData('site.json').categories[0].slug;
  const listing = readData(`chuyen-muc/${category}/1.json`).items;
  const { script } = readmeSnippets();
  const { context, page } = await open(1280, USERS.author);
  const text = '<!-- wp:paragraph --><p>Đoạn văn của trang đối tác, với <a href="https://example.org/">một liên kết</a>.</p><!-- /wp:paragraph -->';
  const control = await publish(page, wp, 'Bài đối chứng', text);
  const post = await publish(
    page,
    wp,
    'Tin mới từ cổng tỉnh',
    `${text}\n<!-- wp:shortcode -->\n[bantin loai="moi-nhat" so-tin="3"]\n<!-- /wp:shortcode -->\n<!-- wp:shortcode -->\n[bantin loai="chuyen-muc" muc="${category}" so-tin="2" kieu="gon"]\n<!-- /wp:shortcode -->`,
  );
  // What the plugin is for: an Author's script snippet is stripped silently.
  const stripped = await publish(page, wp, 'Mã script của tác giả', `<!-- wp:html -->\n${script}\n<!-- /wp:html -->`);
  assert.ok(!stripped.content.includes('<script') && !stripped.content.includes('<bantin-tin'), stripped.content);
  await context.close();

  const styles = (page) =>
    page.evaluate(() => {
      const pick = (sel) => {
        const el = document.querySelector(sel);
        if (!el) return null;
        const s = getComputedStyle(el);
        return [s.fontFamily, s.fontSize, s.color, s.lineHeight, s.margin, s.textDecorationLine].join(' | ');
      };
      return {
        body: pick('body'),
        title: pick('h1'),
        paragraph: pick('.wp-block-post-content p, .entry-content p'),
        link: pick('.wp-block-post-content p a, .entry-content p a'),
        siteTitle: pick('.wp-block-site-title a'),
      };
    });

  for (const width of WIDTHS) {
    const { context, page } = await open(width);
    await page.goto(control.link);
    const before = await styles(page);
    await page.goto(post.link);
    const boxes = page.locator('bantin-tin');
    assert.equal(await boxes.count(), 2);
    for (let i = 0; i < 2; i++) {
      await boxes.nth(i).scrollIntoViewIfNeeded();
      await waitUntil(async () => (await boxes.nth(i).getAttribute('data-trang-thai')) === 'xong', { message: `widget ${i} at ${width}px` });
    }
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('bantin-tin')].map((el) => [...el.shadowRoot.querySelectorAll('li .t')].map((t) => t.textContent)),
    );
    assert.deepEqual(shown, [latest.slice(0, 3).map((i) => i.title), listing.slice(0, 2).map((i) => i.title)]);
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('bantin-tin')].flatMap((el) => [...el.shadowRoot.querySelectorAll('li a')].map((a) => a.href)),
    );
    assert.deepEqual(
      hrefs,
      [...latest.slice(0, 3), ...listing.slice(0, 2)].map((i) => `${portal.url}/bai-viet/${i.slug}`),
      'the links, inside the shadow roots, lead to the portal',
    );
    assert.equal(await page.locator('script[src$="embed.js"]').count(), 1, 'embed.js once per page');
    assert.deepEqual(await styles(page), before, 'the theme’s styles are untouched');
    await noOverflow(page, `shortcode ${width}px`);
    await shot(page, `wp-shortcode-${width}`);
    await context.close();
  }
  assertNoErrors();
});

test('as an administrator, the README’s script and iframe snippets render in Custom HTML blocks', async () => {
  const { script, frame } = readmeSnippets();
  const reserved = Number(frame.match(/ height="(\d+)"/)[1]);
  // Records every height the iframe is given, from before it loads.
  const recorder = `<script>window.__heights = [];
new MutationObserver(function (list) {
  list.forEach(function (m) { if (m.target.tagName === 'IFRAME') window.__heights.push(+m.target.height); });
}).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['height'] });</script>`;
  const { context, page } = await open(1280, USERS.admin);
  const post = await publish(
    page,
    wp,
    'Hộp tin của cổng tỉnh',
    [recorder, script, frame].map((html) => `<!-- wp:html -->\n${html}\n<!-- /wp:html -->`).join('\n'),
  );
  assert.ok(post.content.includes('<script src=') && post.content.includes('<iframe'), 'an administrator’s snippets are kept');
  await context.close();

  for (const width of WIDTHS) {
    const { context, page } = await open(width);
    await page.goto(post.link);
    const box = page.locator('bantin-tin').first();
    await box.scrollIntoViewIfNeeded();
    await waitUntil(async () => (await box.getAttribute('data-trang-thai')) === 'xong', { message: `script widget at ${width}px` });
    const iframe = page.locator('iframe#bantin-tin-1');
    await iframe.scrollIntoViewIfNeeded();
    const inner = page.frameLocator('iframe#bantin-tin-1').locator('bantin-tin');
    await waitUntil(async () => (await inner.getAttribute('data-trang-thai')) === 'xong', { message: `framed widget at ${width}px` });
    await page.waitForTimeout(300);
    const heights = await page.evaluate(() => window.__heights);
    assert.ok(heights.length > 0, 'the frame reported its height');
    assert.ok(heights.every((h) => h >= reserved), `the iframe's height never dropped below ${reserved}: ${heights}`);
    const final = Math.round((await iframe.boundingBox()).height);
    assert.equal(final, Math.round(await inner.evaluate((el) => el.getBoundingClientRect().height)), 'the frame takes the widget’s height');
    await noOverflow(page, `snippets ${width}px`);
    await shot(page, `wp-snippets-${width}`);
    await context.close();
  }
  assertNoErrors();
});
