// A portal beyond the news stream: the menu of site.toml with its sub-menus
// (keyboard, mouse and touch, at 360 px and at desktop width, nothing on
// hover), the site's pages at /trang/<slug>, the footer's groups of links and
// the generated site map, prerendered and inside the app.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
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

const settings = readData('site.json');
const subMenu = settings.menu.find((e) => e.items?.length);
const pageLink = subMenu.items.find((i) => i.url.startsWith('/trang/'));
const pageSlug = pageLink.url.slice('/trang/'.length);
const page = readData(`trang/${pageSlug}.json`);

test('the site has a menu with a sub-menu of pages (the sample site.toml)', () => {
  assert.ok(subMenu, 'an entry of [[menu]] has items');
  assert.ok(settings.pages.length >= 5, `pages in site.json: ${settings.pages.length}`);
  assert.ok(settings.footer_links.length >= 1);
});

/** The sub-menu's button and its list. */
function parts(p) {
  const nav = p.getByRole('navigation', { name: 'Menu chính' });
  const button = nav.getByRole('button', { name: subMenu.name, exact: true });
  const link = nav.getByRole('link', { name: pageLink.name, exact: true });
  return { nav, button, link };
}

const expanded = async (button, want) =>
  waitUntil(async () => (await button.getAttribute('aria-expanded')) === want, {
    message: `aria-expanded="${want}"`,
  });

describe('desktop', () => {
  const desktop = useSite();

  for (const app of [false, true]) {
    const how = app ? 'in the app' : 'on the prerendered page';
    test(`desktop, keyboard only, ${how}: the sub-menu opens with Enter, closes with Escape, and leads to the page`, async () => {
      const p = desktop.page;
      await p.goto('/');
      await h1(p);
      if (app) await appReady(p);
      const { button, link } = parts(p);
      assert.equal(await link.isVisible(), false, 'the sub-menu is closed at first');
      // Nothing opens on hover.
      await button.hover();
      await p.waitForTimeout(300);
      assert.equal(await link.isVisible(), false, 'hovering opens nothing');
      assert.equal(await button.getAttribute('aria-expanded'), 'false');

      await button.focus();
      await p.keyboard.press('Enter');
      await expanded(button, 'true');
      await link.waitFor({ state: 'visible' });
      // Escape closes it and keeps focus on its button.
      await p.keyboard.press('Tab');
      await p.keyboard.press('Escape');
      await expanded(button, 'false');
      assert.equal(await p.evaluate(() => document.activeElement?.getAttribute('aria-controls')), await button.getAttribute('aria-controls'));
      // Space opens it again; Tab walks its links in order; Enter follows one.
      await p.keyboard.press(' ');
      await expanded(button, 'true');
      for (const item of subMenu.items) {
        await p.keyboard.press('Tab');
        assert.equal((await p.evaluate(() => document.activeElement?.textContent))?.trim(), item.name);
        if (item === pageLink) break;
      }
      await p.keyboard.press('Enter');
      await waitUntil(() => where(p) === pageLink.url, { message: () => `URL ${pageLink.url} (is ${where(p)})` });
      await h1(p, page.title);
      await expectTitle(p, page.title);
      // The page is marked current, in its sub-menu, which is closed again.
      const current = parts(p).nav.locator('[aria-current="page"]');
      await waitUntil(async () => (await current.count()) === 1, { message: 'one aria-current link' });
      assert.equal((await current.textContent()).trim(), pageLink.name);
      assert.match(await parts(p).button.getAttribute('class'), /bt-menu__toggle--current/);
      await expanded(parts(p).button, 'false');
      desktop.assertNoErrors();
    });
  }

  test('desktop, mouse: one sub-menu open at a time, a click elsewhere or focus leaving closes it', async () => {
    const p = desktop.page;
    await p.goto('/');
    await h1(p);
    const { button, link } = parts(p);
    await button.click();
    await expanded(button, 'true');
    // The drop-down lies over the page, inside the viewport, and passes axe open.
    const box = await p.locator(`#${await button.getAttribute('aria-controls')}`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 1280, `sub-menu box ${JSON.stringify(box)}`);
    assert.deepEqual(await axeViolations(p), []);
    await p.mouse.click(1200, 700);
    await expanded(button, 'false');
    await button.click();
    await expanded(button, 'true');
    await link.focus();
    await p.locator('#bt-q').focus();
    await expanded(button, 'false');
    desktop.assertNoErrors();
});

test('a page: prerendered with its title, body and description; in sitemap-trang.xml', async () => {
  const p = desktop.page;
  const res = await p.goto(`/trang/${pageSlug}`);
  assert.equal(res.status(), 200);
  const html = await res.text();
  assert.match(html, /<!--bantin:prerendered-->/);
  assert.ok(html.includes(`<h1 class="bt-article__title">${page.title}</h1>`), 'the h1 is in the HTML');
  if (page.description) {
    assert.ok(html.includes(`<meta name="description" content="${page.description.replaceAll('"', '&quot;')}"`), 'meta description');
  }
  assert.match(html, /"@type":"WebPage"/);
  await h1(p, page.title);
  const sitemap = await (await fetch(desktop.url('/sitemap-trang.xml'))).text();
  for (const pg of settings.pages) {
    assert.ok(sitemap.includes(`/trang/${pg.slug}</loc>`), `sitemap-trang.xml lists ${pg.slug}`);
  }
  assert.ok(sitemap.includes('/so-do</loc>'));
  desktop.assertNoErrors();
});

test('the site map lists the menu, every category, every page and the footer groups, prerendered and in the app', async () => {
  const p = desktop.page;
  for (const app of [false, true]) {
    if (app) {
      await p.goto('/');
      await appReady(p);
      await navigateInApp(p, '/so-do');
    } else {
      await p.goto('/so-do');
    }
    await h1(p, 'Sơ đồ cổng thông tin');
    await expectTitle(p, 'Sơ đồ cổng thông tin');
    const main = p.locator('main');
    const hrefs = await main.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const want = [
      ...settings.categories.map((c) => `/chuyen-muc/${c.slug}`),
      ...settings.pages.map((pg) => `/trang/${pg.slug}`),
      ...settings.menu.flatMap((e) => (e.url ? [e.url] : e.items.map((i) => i.url))),
      ...settings.footer_links.flatMap((g) => g.items.map((i) => i.url)),
      '/moi-nhat',
      '/tim-kiem',
    ];
    for (const h of want) assert.ok(hrefs.includes(h), `${app ? 'app' : 'static'}: the site map links ${h}; has ${hrefs.join(' ')}`);
    for (const g of settings.footer_links) {
      await main.getByRole('heading', { level: 2, name: g.title, exact: true }).waitFor();
    }
  }
  // The footer links it on every page.
  await p.getByRole('contentinfo').getByRole('link', { name: 'Sơ đồ cổng thông tin' }).first().waitFor();
  desktop.assertNoErrors();
});

test('the footer groups are navigation regions named by their titles', async () => {
  const p = desktop.page;
  await p.goto('/');
  await h1(p);
  for (const g of settings.footer_links) {
    const nav = p.getByRole('navigation', { name: g.title, exact: true });
    for (const i of g.items) await nav.getByRole('link', { name: i.name }).first().waitFor();
  }
  desktop.assertNoErrors();
});

test('a missing page is "not found" inside the app', async () => {
  const p = desktop.page;
  await p.goto('/');
  await appReady(p);
  await navigateInApp(p, '/trang/khong-co-trang-nay');
  await h1(p, 'Không tìm thấy trang');
  desktop.assertNoErrors({ allow: [/^Failed to load resource: /] });
});
});

describe('phone', () => {
  const phone = useSite({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  for (const app of [false, true]) {
    const how = app ? 'in the app' : 'on the prerendered page';
    test(`360 px, touch, ${how}: the menu is one disclosure; a tap opens the sub-menu in place and its link leads to the page`, async () => {
      const p = phone.page;
      await p.goto('/');
      await h1(p);
      if (app) await appReady(p);
      const menuButton = p.getByRole('button', { name: 'Menu', exact: true });
      const { button, link } = parts(p);
      assert.equal(await button.isVisible(), false, 'the menu is closed');
      await menuButton.tap();
      await expanded(menuButton, 'true');
      await button.tap();
      await expanded(button, 'true');
      await link.waitFor({ state: 'visible' });
      // In place: the sub-menu's links are under its button, within the screen.
      const [b, l] = [await button.boundingBox(), await link.boundingBox()];
      assert.ok(l.y > b.y && l.x >= 0 && l.x + l.width <= 360, `button ${JSON.stringify(b)}, link ${JSON.stringify(l)}`);
      assert.ok(l.height >= 24, `tap target ${l.height}px high`);
      assert.ok(
        (await p.evaluate(() => document.scrollingElement.scrollWidth)) <= 360,
        'no sideways scroll with the sub-menu open',
      );
      assert.deepEqual(await axeViolations(p), []);
      await link.tap();
      await waitUntil(() => where(p) === pageLink.url, { message: () => `URL ${pageLink.url} (is ${where(p)})` });
      await h1(p, page.title);
      // A new view closes the menu.
      await expanded(p.getByRole('button', { name: 'Menu', exact: true }), 'false');
      phone.assertNoErrors();
    });
  }

  test('360 px: a page with a table and the site map read without sideways scroll', async () => {
    const p = phone.page;
    for (const url of [...settings.pages.map((pg) => `/trang/${pg.slug}`), '/so-do']) {
      await p.goto(url);
      await h1(p);
      const { scrollWidth } = await p.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth }));
      assert.ok(scrollWidth <= 360, `${url}: scrollWidth ${scrollWidth}`);
    }
    phone.assertNoErrors();
});
});
