// Newsroom media (issue 11): camera photos reach phones resized, upright and
// without metadata; tables scroll inside their own region; attachments show
// their sizes; a YouTube video asks nothing of YouTube before a click; a gallery
// works with the keyboard, swipes, and without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { allArticles, DIST, appReady, useSite, waitUntil } from './helpers.mjs';

const site = useSite();
const articles = allArticles();
const withBlock = (type) => articles.find((a) => a.body?.some((b) => b.type === type));
const tableArticle = withBlock('table');
// The article whose body has a photo taken with the phone turned (ho-binh-minh.jpg).
const figureArticle = articles.find((a) => a.body?.some((b) => b.type === 'figure' && b.image.src.includes('ho-binh-minh')));
const videoArticle = articles.find((a) => a.body?.some((b) => b.type === 'video' && b.youtube));
const galleryArticle = withBlock('gallery');
const filesArticle = articles.find((a) => a.attachments?.length >= 2) ?? articles.find((a) => a.attachments?.length);
// A cover made from a camera photo: its copies go up to 1,600 px.
const cameraArticle = articles.find((a) => a.cover?.image.resized?.widths.includes(1600));

/** The size as the article page shows it ("820 byte", "35 KB", "1,2 MB"). */
function fileSize(bytes) {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.floor((bytes + 512) / 1024)} KB`;
  const tenths = Math.floor((bytes * 10 + 524288) / 1048576);
  return tenths % 10 === 0 || tenths >= 100 ? `${Math.floor((tenths + 5) / 10)} MB` : `${Math.floor(tenths / 10)},${tenths % 10} MB`;
}

test('the sample has every new block', () => {
  for (const [name, a] of Object.entries({ tableArticle, figureArticle, videoArticle, galleryArticle, filesArticle, cameraArticle })) {
    assert.ok(a, `an article with ${name}`);
  }
});

test('a camera photo as cover costs a 360 px phone (DPR 2) at most 100 KB', async () => {
  const context = await site.browser.newContext({
    baseURL: site.server.url,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    await page.goto(`/bai-viet/${cameraArticle.slug}`, { waitUntil: 'load' });
    const cover = page.locator('.bt-article > .bt-figure img').first();
    await waitUntil(() => cover.evaluate((img) => img.complete && img.naturalWidth > 0), { message: 'the cover loaded' });
    const got = await cover.evaluate((img) => {
      const e = performance.getEntriesByName(img.currentSrc)[0];
      return { src: img.currentSrc, bytes: e?.encodedBodySize ?? -1, priority: img.getAttribute('fetchpriority'), loading: img.loading };
    });
    console.log(`cover at 360 px, DPR 2: ${got.src.split('/').pop()}, ${(got.bytes / 1024).toFixed(1)} KB`);
    assert.match(got.src, /-720\.webp$/, 'the 720 px WebP copy');
    assert.ok(got.bytes > 0 && got.bytes <= 100 * 1024, `${got.bytes} bytes`);
    assert.equal(got.priority, 'high');
    assert.equal(got.loading, 'eager');
    // The source file is a 4,000 px camera JPEG; none of it is sent.
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(!requested.some((u) => /\/anh\/[^/.]+\.jpg$/.test(new URL(u).pathname)), 'no original-size file');
  } finally {
    await context.close();
  }
});

test('photos below the fold load lazily, with their space and colour reserved', async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${figureArticle.slug}`);
  const figures = page.locator('.bt-article__body .bt-figure img');
  assert.ok((await figures.count()) >= 1);
  const attrs = await figures.first().evaluate((img) => ({
    loading: img.loading,
    width: img.getAttribute('width'),
    height: img.getAttribute('height'),
    sizes: img.getAttribute('sizes'),
    bg: getComputedStyle(img).backgroundColor,
    ph: img.getAttribute('data-bt-ph'),
    style: img.getAttribute('style'),
    webp: img.parentElement.querySelector('source[type="image/webp"]')?.getAttribute('srcset'),
  }));
  assert.equal(attrs.loading, 'lazy');
  assert.ok(Number(attrs.width) > 0 && Number(attrs.height) > 0);
  assert.ok(attrs.sizes);
  // The placeholder colour is the photo's mean, shown without a style attribute (CSP).
  assert.match(attrs.ph, /^#[0-9a-f]{6}$/);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(attrs.ph.slice(i, i + 2), 16));
  assert.equal(attrs.bg, `rgb(${r}, ${g}, ${b})`);
  const html = await (await page.request.get(`/bai-viet/${figureArticle.slug}`)).text();
  assert.doesNotMatch(html, /<img[^>]* style=/, 'no style attribute in the page (CSP)');
  assert.match(attrs.webp, /-360\.webp 360w, .*-720\.webp 720w/);
});

test('a photo taken with the phone turned is shown upright', async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${figureArticle.slug}`);
  // ho-binh-minh.jpg is stored 2,500 × 4,000 with EXIF orientation 8 (a landscape photo).
  const img = page.locator('.bt-article__body img[src*="ho-binh-minh"]');
  await img.scrollIntoViewIfNeeded();
  await waitUntil(() => img.evaluate((i) => i.complete && i.naturalWidth > 0), { message: 'the photo loaded' });
  const size = await img.evaluate((i) => ({ w: i.naturalWidth, h: i.naturalHeight, bw: i.clientWidth, bh: i.clientHeight }));
  assert.ok(size.w > size.h, `natural ${size.w}×${size.h}`);
  assert.ok(size.bw > size.bh, `shown ${size.bw}×${size.bh}`);
});

test('no image in dist/ keeps EXIF, GPS or camera data (exiftool)', () => {
  const r = spawnSync('exiftool', ['-j', '-G', '-r', '-ext', 'jpg', '-ext', 'webp', '-ext', 'png', path.join(DIST, 'anh')], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.error, undefined, 'exiftool runs (scripts/install-tools.sh --browser installs it)');
  const files = JSON.parse(r.stdout);
  assert.ok(files.length >= 20, `${files.length} images`);
  const leaks = files.flatMap((f) =>
    Object.keys(f)
      .filter((k) => /^(EXIF|GPS|XMP|IPTC|MakerNotes|ICC_Profile|Photoshop)(-|:)/i.test(k) || /:(GPS|Make$|Model$|Orientation$)/.test(k))
      .map((k) => `${path.basename(f.SourceFile)} ${k}`),
  );
  assert.deepEqual(leaks, []);
});

test('a wide table scrolls inside its region at 360 px; the page never scrolls sideways', async () => {
  const context = await site.browser.newContext({ baseURL: site.server.url, viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`/bai-viet/${tableArticle.slug}`);
    const region = page.getByRole('region', { name: tableArticle.body.find((b) => b.type === 'table').caption });
    await region.scrollIntoViewIfNeeded();
    const m = await region.evaluate((r) => ({
      scroll: r.scrollWidth,
      client: r.clientWidth,
      tab: r.tabIndex,
      page: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    assert.ok(m.scroll > m.client, `the table is wider than its region (${m.scroll} > ${m.client})`);
    assert.ok(m.page <= m.inner, `no horizontal overflow (${m.page} <= ${m.inner})`);
    assert.equal(m.tab, 0, 'focusable');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitUntil(() => region.evaluate((r) => r.scrollLeft > 0), { message: 'arrow keys scroll the table' });
    assert.ok(await page.locator('table caption').count());
    assert.equal(await region.locator('thead th[scope=col]').count(), 4);
  } finally {
    await context.close();
  }
});

test('the attachment list shows each file with its type and size', async () => {
  const { page } = site;
  await page.goto(`/bai-viet/${filesArticle.slug}`);
  const list = page.getByRole('region', { name: 'Tài liệu đính kèm' });
  await list.waitFor();
  for (const a of filesArticle.attachments) {
    const bytes = statSync(path.join(DIST, a.href)).size;
    assert.equal(a.size, bytes, `${a.href}: the size read at build time`);
    const item = list.getByRole('listitem').filter({ hasText: a.title });
    assert.equal((await item.innerText()).replace(/\s+/g, ' ').trim(), `${a.title} (${a.format}, ${fileSize(bytes)})`);
    const href = await item.getByRole('link').getAttribute('href');
    const res = await page.request.get(href);
    assert.equal(res.status(), 200, href);
    assert.equal((await res.body()).length, bytes);
  }
});

test('the video facade asks nothing of YouTube until it is clicked', async () => {
  const { page } = site;
  const video = videoArticle.body.find((b) => b.type === 'video' && b.youtube);
  const external = [];
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (!['127.0.0.1', 'localhost'].includes(host)) external.push(r.url());
  });
  // The machine is offline: the player's page is answered here.
  await page.route(/youtube-nocookie\.com/, (route) => route.fulfill({ contentType: 'text/html', body: '<title>player</title>' }));
  await page.goto(`/bai-viet/${videoArticle.slug}`, { waitUntil: 'load' });
  await appReady(page);
  const facade = page.getByRole('link', { name: `Phát video: ${video.title}` });
  await facade.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  assert.deepEqual(external, [], 'no request outside the site before the click');
  await facade.click();
  const frame = page.locator(`.bt-video iframe[title="${video.title}"]`);
  await frame.waitFor();
  assert.equal(await frame.getAttribute('src'), `https://www.youtube-nocookie.com/embed/${video.youtube}?autoplay=1`);
  await waitUntil(() => external.length > 0, { message: 'the player loads after the click' });
  assert.ok(external.every((u) => new URL(u).hostname === 'www.youtube-nocookie.com'), external.join(' '));
  site.assertNoErrors();
});

test('the gallery opens in a viewer that works with the keyboard and with swipes', async () => {
  const { page } = site;
  const gallery = galleryArticle.body.find((b) => b.type === 'gallery');
  await page.goto(`/bai-viet/${galleryArticle.slug}`);
  const links = page.locator('.bt-gallery a[data-bt-act=photo]');
  assert.equal(await links.count(), gallery.photos.length);
  await links.first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const count = dialog.locator('.bt-viewer__count');
  assert.equal(await count.innerText(), `Ảnh 1/${gallery.photos.length}`);
  assert.equal(await dialog.locator('figcaption').innerText(), [gallery.photos[0].caption, gallery.photos[0].credit].filter(Boolean).join(''));
  await page.keyboard.press('ArrowRight');
  assert.equal(await count.innerText(), `Ảnh 2/${gallery.photos.length}`);
  assert.equal(await dialog.locator('img').getAttribute('alt'), gallery.photos[1].image.alt);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await count.innerText(), `Ảnh ${gallery.photos.length}/${gallery.photos.length}`, 'wraps around');
  // The buttons have names, and Tab stays inside the viewer.
  for (const name of ['Ảnh trước', 'Ảnh sau', 'Đóng']) await dialog.getByRole('button', { name }).waitFor();
  await dialog.getByRole('button', { name: 'Ảnh sau' }).click();
  assert.equal(await count.innerText(), `Ảnh 1/${gallery.photos.length}`);
  // A swipe to the left shows the next photo.
  const box = await dialog.locator('img').boundingBox();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.equal(await count.innerText(), `Ảnh 2/${gallery.photos.length}`);
  await page.keyboard.press('Escape');
  await waitUntil(async () => (await page.locator('dialog').count()) === 0, { message: 'Escape closes the viewer' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-bt-act')), 'photo', 'focus returns to the photo');
  site.assertNoErrors();
});

test('without JavaScript a gallery is a list of figures, each a link to the photo', async () => {
  const context = await site.browser.newContext({ baseURL: site.server.url, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const gallery = galleryArticle.body.find((b) => b.type === 'gallery');
    await page.goto(`/bai-viet/${galleryArticle.slug}`);
    const figures = page.locator('.bt-gallery li figure');
    assert.equal(await figures.count(), gallery.photos.length);
    const href = await figures.first().locator('a').getAttribute('href');
    assert.match(href, /-1600\.jpg$/);
    assert.equal((await page.request.get(href)).status(), 200);
    assert.equal(await figures.first().locator('figcaption').innerText(), [gallery.photos[0].caption, gallery.photos[0].credit].filter(Boolean).join('\n'));
  } finally {
    await context.close();
  }
});

test("the site's own video and audio load nothing before the reader plays them", async () => {
  const { page } = site;
  const a = articles.find((x) => x.body?.some((b) => b.type === 'video' && b.sources?.length) && x.body.some((b) => b.type === 'audio'));
  assert.ok(a, 'an article with a self-hosted video and a recording');
  const media = [];
  page.on('request', (r) => {
    if (/\.(mp4|webm|mp3|m4a|ogg)$/.test(new URL(r.url()).pathname)) media.push(r.url());
  });
  await page.goto(`/bai-viet/${a.slug}`, { waitUntil: 'load' });
  const v = a.body.find((b) => b.type === 'video');
  const video = page.locator(`video[aria-label="${v.title}"]`);
  await video.scrollIntoViewIfNeeded();
  assert.equal(await video.getAttribute('preload'), 'none');
  // The poster comes with the page: its WebP copy, 720 pixels wide, served.
  const poster = await video.getAttribute('poster');
  assert.match(poster ?? '', /-720\.webp$/);
  assert.equal((await page.request.get(poster)).status(), 200);
  assert.equal(await video.locator('track[kind=captions][srclang=vi]').count(), 1);
  const track = await video.locator('track').getAttribute('src');
  assert.equal((await page.request.get(track)).status(), 200);
  const au = a.body.find((b) => b.type === 'audio');
  const audio = page.locator(`audio[aria-label="${au.title}"]`);
  assert.equal(await audio.getAttribute('preload'), 'none');
  await page.waitForTimeout(300);
  assert.deepEqual(media, [], 'no media file before play');
  // The files are served whole under their own addresses.
  for (const s of [...v.sources, ...au.sources]) {
    const res = await page.request.get(s.src);
    assert.equal(res.status(), 200, s.src);
    assert.equal((await res.body()).length, statSync(path.join(DIST, s.src)).size);
  }
});
