// A second brand: the sample content with another `[brand]` table and an emblem
// (tests/e2e/fixtures/brand/), built by `bantin build` over the built site. The
// app's files (trunk's: stylesheet, scripts, WebAssembly) are those of the sample,
// byte for byte: a brand needs no trunk build and no change under style/.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BANTIN_BIN, DIST, ROOT, allArticles, appReady, axeViolations, h1, navigateInApp, useSite, waitUntil } from './helpers.mjs';

const FIXTURE = path.join(ROOT, 'tests/e2e/fixtures/brand');
const BLUE = 'rgb(11, 83, 148)';

// Built at load, before the server of `useSite` starts.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-brand-'));
const out = path.join(tmp, 'dist');
const content = path.join(tmp, 'content');
cpSync(DIST, out, { recursive: true });
cpSync(path.join(ROOT, 'content'), content, { recursive: true });
cpSync(path.join(FIXTURE, 'bieu-trung.svg'), path.join(content, 'anh/bieu-trung-thu.svg'));
cpSync(path.join(FIXTURE, 'bang-ten.svg'), path.join(content, 'anh/bang-ten-thu.svg'));
mkdirSync(path.join(content, 'phong-chu'), { recursive: true });
cpSync(path.join(ROOT, 'crates/build/fonts/BeVietnamPro-Bold.ttf'), path.join(content, 'phong-chu/BeVietnamPro-Bold.ttf'));
const toml = path.join(content, 'site.toml');
const sample = readFileSync(toml, 'utf8');
const table = /^\[brand\]\n(?:[a-z_]+ = .*\n)+/m;
assert.match(sample, table, "the sample's site.toml has a [brand] table");
writeFileSync(toml, sample.replace(table, readFileSync(path.join(FIXTURE, 'brand.toml'), 'utf8').replace(/^#.*\n/gm, '')));
execFileSync(BANTIN_BIN, ['build', '--content', content, '--out', out], { cwd: ROOT, stdio: 'pipe' });
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The files trunk and the app build wrote (not the build tool's), by name. */
function appFiles(dir) {
  return readdirSync(dir).filter((f) => /\.(css|wasm|js)$/.test(f) && !/^(sw|embed)\.js$/.test(f)).sort();
}

describe('a site with its own brand', () => {
  const site = useSite({ root: out });
  const article = allArticles().find((a) => !a.cover) ?? allArticles()[0];

  test("the app's files are the sample's: no trunk build, nothing under style/ changed", () => {
    const files = appFiles(out);
    assert.ok(files.some((f) => f.endsWith('.css')) && files.some((f) => f.endsWith('.wasm')), files.join(', '));
    assert.deepEqual(files, appFiles(DIST));
    for (const f of files) assert.ok(readFileSync(path.join(out, f)).equals(readFileSync(path.join(DIST, f))), f);
  });

  test('the header, links, icon and share cards follow the brand, prerendered and in the app', async () => {
    const p = site.page;
    await p.goto(`/bai-viet/${article.slug}`);
    await h1(p, article.title);
    const look = () =>
      p.evaluate(() => {
        const header = document.querySelector('.bt-header');
        const brand = document.querySelector('.bt-header__brand');
        const link = document.querySelector('.bt-breadcrumb a, main a[href]');
        return {
          header: getComputedStyle(header).backgroundColor,
          rule: getComputedStyle(header).borderBottomColor,
          text: getComputedStyle(brand).color,
          logo: getComputedStyle(brand, '::before').backgroundImage,
          link: link && getComputedStyle(link).color,
        };
      });
    const prerendered = await look();
    assert.equal(prerendered.header, BLUE);
    assert.equal(prerendered.rule, 'rgb(241, 194, 50)');
    assert.equal(prerendered.text, 'rgb(255, 255, 255)');
    assert.match(prerendered.logo, /\/anh\/bieu-trung-thu\.svg"?\)$/);
    assert.equal(prerendered.link, BLUE);
    // The emblem is there, beside the name, and the header's words still fit at 360 px.
    assert.equal((await p.request.get(site.url('/anh/bieu-trung-thu.svg'))).status(), 200);

    // The page's icon and colour: made of the emblem by the build.
    // (`href` resolved against the page's <base>.)
    const icon = await p.evaluate(() => document.querySelector('link[rel="icon"]').href);
    assert.match(icon, /\/icon-192\.png$/);
    const png = await p.request.get(icon);
    assert.equal(png.headers()['content-type'], 'image/png');
    assert.equal(await p.locator('meta[name="theme-color"]').getAttribute('content'), '#0b5394');
    const manifest = await (await p.request.get(site.url('/manifest.webmanifest'))).json();
    assert.equal(manifest.theme_color, '#0b5394');

    // The share card of a page without a cover is drawn in the brand's colour.
    const card = await p.locator('meta[property="og:image"]').getAttribute('content');
    const bytes = await (await p.request.get(site.url(new URL(card).pathname))).body();
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual(await axeViolations(p), [], 'axe, prerendered');

    // The app draws the next view in the same colours (the brand is in the page's head).
    await appReady(p);
    await navigateInApp(p, '/so-do');
    await h1(p);
    const drawn = await look();
    assert.equal(drawn.header, BLUE);
    assert.match(drawn.logo, /bieu-trung-thu\.svg/);
    assert.deepEqual(await axeViolations(p), [], 'axe, in the app');
    site.assertNoErrors();
  });

  test('the heading font is subset, self-hosted, preloaded and draws the Vietnamese titles; the text takes the serif stack', async () => {
    const p = site.page;
    await p.goto(`/bai-viet/${article.slug}`);
    await h1(p, article.title);
    const preload = await p.evaluate(() =>
      [...document.querySelectorAll('link[rel="preload"][as="font"]')].map((l) => ({ href: l.getAttribute('href'), type: l.type, cors: l.crossOrigin })),
    );
    assert.equal(preload.length, 1, JSON.stringify(preload));
    assert.match(preload[0].href, /^\/phong-chu\/bevietnampro-bold-[0-9a-f]{16}\.woff2$/);
    assert.deepEqual([preload[0].type, preload[0].cors], ['font/woff2', 'anonymous']);
    const file = await p.request.get(site.url(preload[0].href));
    assert.equal(file.headers()['content-type'], 'font/woff2');
    const bytes = await file.body();
    assert.equal(bytes.subarray(0, 4).toString(), 'wOF2');
    assert.ok(bytes.length < 40_000, `${bytes.length} B`);
    const fonts = await p.evaluate(async (title) => {
      await document.fonts.ready;
      return {
        h1: getComputedStyle(document.querySelector('h1')).fontFamily,
        text: getComputedStyle(document.body).fontFamily,
        loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'bt-heading' && f.status === 'loaded').length,
        draws: document.fonts.check('700 24px bt-heading', title),
      };
    }, article.title);
    assert.match(fonts.h1, /^"?bt-heading"?,/);
    assert.match(fonts.text, /^Georgia,/);
    assert.equal(fonts.loaded, 1, 'the heading font loaded');
    assert.ok(fonts.draws, 'the heading font has every letter of the title');
    site.assertNoErrors();
  });

  test("the widgets and the embed page take the brand; a widget's own theme wins", async () => {
    const p = site.page;
    // The loader carries the brand (bantin build wrote its SITE line over the sample's).
    const loader = await (await p.request.get(site.url('/embed.js'))).text();
    assert.match(loader, /\n {2}var SITE = \{"brand":\["#0b5394","#ffffff"\],"lang":"vi"\};\n/);
    await p.goto('/nhung/');
    const button = await p.evaluate(() => getComputedStyle(document.querySelector('main button')).backgroundColor);
    assert.equal(button, BLUE, "the embed page's buttons");
    const widget = () =>
      p.evaluate(() => {
        const el = document.querySelector('#xem bantin-tin');
        if (el?.getAttribute('data-trang-thai') !== 'xong') return null;
        const root = el.shadowRoot;
        return {
          bar: getComputedStyle(root.querySelector('.h')).backgroundColor,
          title: getComputedStyle(root.querySelector('.h')).color,
          more: getComputedStyle(root.querySelector('.m')).color,
        };
      });
    const branded = await waitUntil(widget, { message: 'the preview widget' });
    assert.deepEqual(branded, { bar: BLUE, title: 'rgb(255, 255, 255)', more: BLUE });
    // The embedder picks the dark look: the brand steps aside.
    await p.getByRole('radio', { name: 'Tối' }).check();
    await waitUntil(async () => (await widget())?.bar === 'rgba(0, 0, 0, 0)', { message: 'the dark widget' });
    assert.notEqual((await widget()).more, BLUE);
    assert.deepEqual(await axeViolations(p), []);
    site.assertNoErrors();
  });

  test('on wide screens the banner takes the place of the emblem and the name, which stay the link\'s text; phones keep them', async () => {
    const p = site.page;
    const header = () =>
      p.evaluate(() => {
        const brand = document.querySelector('.bt-header__brand');
        const name = brand.querySelector('.bt-header__name');
        return {
          banner: getComputedStyle(brand).backgroundImage,
          width: Math.round(brand.getBoundingClientRect().width),
          height: Math.round(brand.getBoundingClientRect().height),
          nameWidth: Math.round(name.getBoundingClientRect().width),
          scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
    await p.goto('/');
    await h1(p);
    const wide = await header();
    assert.match(wide.banner, /\/anh\/bang-ten-thu\.svg/);
    assert.equal(wide.height, 64);
    assert.ok(wide.width > 300, `the banner is ${wide.width} px wide`);
    assert.ok(wide.nameWidth <= 1, 'the name is read, not shown');
    assert.equal(await p.getByRole('link', { name: /^Cổng Thông tin điện tử tỉnh Hòa Lâm/ }).first().count(), 1);
    assert.equal((await p.request.get(site.url('/anh/bang-ten-thu.svg'))).status(), 200);
    assert.deepEqual(await axeViolations(p), [], 'axe with the banner');
    await p.setViewportSize({ width: 360, height: 740 });
    const phone = await header();
    assert.equal(phone.banner, 'none');
    assert.ok(phone.nameWidth > 100, 'the name shows on a phone');
    assert.ok(phone.scroll <= 0, 'no sideways scroll');
    site.assertNoErrors();
  });

  test('at 360 px the emblem, the name and the menu button share the header', async () => {
    const p = site.page;
    await p.setViewportSize({ width: 360, height: 740 });
    await p.goto('/');
    await h1(p);
    const boxes = await p.evaluate(() => {
      const r = (el) => el.getBoundingClientRect();
      const brand = document.querySelector('.bt-header__brand');
      return {
        brand: r(brand).right,
        width: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
        logo: parseFloat(getComputedStyle(brand, '::before').width),
      };
    });
    assert.ok(boxes.logo > 30, `emblem ${boxes.logo}px wide`);
    assert.ok(boxes.scroll <= boxes.width, `no sideways scroll: ${boxes.scroll} > ${boxes.width}`);
    assert.deepEqual(await axeViolations(p), []);
  });
});
