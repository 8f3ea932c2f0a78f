// The web editor at /quan-tri/ (Decap CMS, docs/editors.md), driven like an editor
// would: against the real CMS bundle in dist/cms/ and its local backend (decap-server,
// the npm package `make edit` starts), over a temp copy of the built site and of the
// sample content. An article written in the form, with an uploaded photo, a category and
// tags, is published; the file it leaves in the content folder is checked, and within
// 2 s `bantin dev` (what `make edit` runs) has the article on its page, in its category,
// in search and in the RSS feed. Every request stays on the site's origin or goes to the local backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BANTIN_BIN, DIST, ROOT, axeViolations, freePort, h1, useSite, waitUntil } from './helpers.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-editor-'));
const out = path.join(tmp, 'dist');
const content = path.join(tmp, 'content');
const articles = path.join(content, 'articles');
const backendPort = await freePort();
cpSync(DIST, out, { recursive: true });
cpSync(path.join(ROOT, 'content'), content, { recursive: true });
assert.ok(existsSync(path.join(out, 'cms/decap-cms.js')), 'dist/cms/decap-cms.js is missing: run `make site-editor`');
// The local backend on a port of its own (the default, 8081, may be taken).
writeFileSync(path.join(content, 'site.toml'), `${readFileSync(path.join(content, 'site.toml'), 'utf8')}\n[editor]\nlocal_port = ${backendPort}\n`);
const build = () => execFileSync(BANTIN_BIN, ['build', '--content', content, '--out', out], { cwd: ROOT, stdio: 'pipe' });
build();

let backend;
/** The `bantin dev` of the publishing test, stopped by it or, if it fails, at the end. */
let devProcess;
before(async () => {
  backend = spawn(process.execPath, [path.join(ROOT, 'node_modules/decap-server/dist/index.js')], {
    env: { ...process.env, PORT: String(backendPort), BIND_HOST: 'localhost', MODE: 'fs', GIT_REPO_DIRECTORY: tmp, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  await waitUntil(
    async () => (await fetch(`http://localhost:${backendPort}/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}' })).ok,
    { timeout: 15_000, interval: 100, message: 'decap-server' },
  );
});
after(() => {
  backend?.kill();
  devProcess?.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
});

const TITLE = 'Hòa Lâm thử nghiệm trình biên tập nội dung trực tuyến';
const SLUG = 'hoa-lam-thu-nghiem-bien-tap-truc-tuyen';
const TAGS = ['Chuyển đổi số', 'Biên tập trực tuyến'];
const ALT = 'Bình minh trên hồ Bản Lìm nhìn từ trụ sở Ủy ban nhân dân tỉnh';
const BODY = 'Từ tháng 12, các phóng viên của Cổng soạn và đăng tin ngay trên trình duyệt, không cần cài phần mềm.';

/** Requests to anywhere but the site and the local backend, and CSP violations, of a page. */
function watch(page, siteOrigin) {
  const seen = { foreign: [], csp: [] };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (['data:', 'blob:'].includes(u.protocol)) return;
    if (u.origin !== siteOrigin && u.origin !== `http://localhost:${backendPort}`) seen.foreign.push(r.url());
  });
  page.on('console', (m) => m.text().startsWith('CSP ') && seen.csp.push(m.text()));
  return page
    .addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.log(`CSP ${e.violatedDirective} ${e.blockedURI}`)),
    )
    .then(() => seen);
}

/** Opens the editor and signs in to the local backend. */
async function signIn(page) {
  await page.goto('/quan-tri/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click({ timeout: 30_000 });
  await page.getByRole('link', { name: /Bài viết/ }).first().waitFor({ timeout: 30_000 });
}

/** `bantin dev` over the test's content and output folders, once its first build is done. */
async function startDev() {
  let output = '';
  const proc = spawn(BANTIN_BIN, ['dev', '--content', content, '--out', out, '--host', '127.0.0.1', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  devProcess = proc;
  proc.stdout.on('data', (b) => (output += b));
  proc.stderr.on('data', (b) => (output += b));
  await waitUntil(() => output.includes('Xem trước tại'), { timeout: 120_000, interval: 100, message: () => `bantin dev (output: ${output})` });
  return {
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.kill('SIGTERM');
        devProcess = null;
      }),
  };
}

/**
 * The name of the file the CMS saved into `dir` (one not in `before`), once it is
 * whole: the local backend writes a file in place, so a read can catch it empty or
 * cut; the text must end a line and read the same twice in a row.
 */
function savedFile(dir, before, message) {
  let last = null;
  return waitUntil(
    () => {
      const name = readdirSync(dir).find((f) => f.endsWith('.md') && !before.has(f));
      if (!name) return undefined;
      const text = readFileSync(path.join(dir, name), 'utf8');
      const whole = text.endsWith('\n') && text === last;
      last = text;
      return whole ? name : undefined;
    },
    { timeout: 15_000, interval: 100, message },
  );
}

/** The article files of the content folder. */
const articleFiles = () => readdirSync(articles).filter((f) => f.endsWith('.md'));

describe('the web editor', () => {
  const site = useSite({ root: out, timezoneId: 'Asia/Ho_Chi_Minh' });

  test('is never indexed, listed or linked, and has its own policy', async () => {
    const res = await site.page.request.get(site.url('/quan-tri/'));
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['x-robots-tag'], 'noindex, nofollow');
    const csp = res.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self' 'unsafe-eval'(;|$)/);
    assert.match(csp, new RegExp(`connect-src 'self' blob: http://localhost:${backendPort}(;|$)`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(await res.text(), /<meta name="robots" content="noindex, nofollow">/);
    // Every other route keeps the site's policy: no eval, no inline styles.
    const home = await site.page.request.get(site.url('/'));
    assert.doesNotMatch(home.headers()['content-security-policy'], /'unsafe-eval'|'unsafe-inline'|localhost/);
    assert.equal(home.headers()['x-robots-tag'], undefined);
    for (const f of ['robots.txt', 'sitemap.xml']) assert.doesNotMatch(readFileSync(path.join(out, f), 'utf8'), /quan-tri/, f);
    for (const f of ['index.html', 'app.html', '404.html']) assert.doesNotMatch(readFileSync(path.join(out, f), 'utf8'), /quan-tri|\/cms\//, f);
    for (const f of ['_headers', 'nginx.conf', '.htaccess']) {
      const text = readFileSync(path.join(out, f), 'utf8');
      assert.match(text, /quan-tri/, f);
      assert.match(text, /X-Robots-Tag/, f);
    }
  });

  test('writes an article with a photo, a category and tags; within 2 s bantin dev has it on the site', async () => {
    const page = site.page;
    const seen = await watch(page, site.url('').replace(/\/$/, ''));
    const before = new Set(articleFiles());
    // `bantin dev`, as `make edit` runs it beside the backend: it watches the content
    // folder and rebuilds `out`, which this test's server serves.
    const dev = await startDev();
    await signIn(page);
    // The interface is Vietnamese.
    await page.getByText('Nội dung', { exact: true }).first().waitFor();
    await page.goto('/quan-tri/#/collections/bai-viet/new');
    await page.getByLabel('Tiêu đề', { exact: true }).fill(TITLE);
    await page.getByLabel(/^Địa chỉ bài \(slug\)/).fill(SLUG);
    await page.getByLabel('Ngày đăng', { exact: true }).fill('2026-12-04T09:30');
    await page.getByLabel('Chuyên mục', { exact: true }).click();
    await page.getByText('Kinh tế', { exact: true }).click();
    await page.getByLabel(/^Thẻ/).fill(TAGS.join(', '));
    await page.getByLabel(/^Sa-pô/).fill('Trình biên tập mới giúp đăng tin nhanh hơn.');
    // The cover: uploaded through the media library, which writes it into anh/.
    await page.getByRole('button', { name: 'Chọn một hình' }).click();
    await page.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'content/anh/ho-binh-minh.jpg'));
    const choose = page.getByRole('button', { name: 'Lấy những cái đã chọn' });
    await waitUntil(() => choose.isEnabled(), { timeout: 15_000, message: 'the upload is selected' });
    await choose.click();
    await page.getByLabel(/^Mô tả ảnh/).fill(ALT);
    const body = page.locator('[data-slate-editor="true"]');
    await body.click();
    await page.keyboard.type(BODY);
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Công bố ngay').click();
    const file = await savedFile(articles, before, 'the new file').catch(async (e) => {
      if (process.env.EDITOR_SHOTS) {
        await page.screenshot({ path: path.join(process.env.EDITOR_SHOTS, 'publish.png'), fullPage: true });
        console.log((await page.locator('li').allInnerTexts()).filter((t) => /bắt buộc|mẫu/.test(t)));
        console.log(JSON.stringify(site.errors).slice(0, 3000));
        console.log((await page.locator('[class*=toast], [role=alert]').allInnerTexts()).join(' | '));
      }
      throw e;
    });
    const text = readFileSync(path.join(articles, file), 'utf8');

    // The file: `+++` TOML front matter with the form's values.
    const [, front, rest] = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/) ?? [];
    assert.ok(front, `a +++ front matter:\n${text}`);
    assert.match(front, new RegExp(`^title = "${TITLE}"$`, 'm'));
    assert.match(front, new RegExp(`^slug = "${SLUG}"$`, 'm'));
    assert.match(front, /^date = "2026-12-04 09:30"$/m);
    assert.match(front, /^category = "kinh-te"$/m);
    assert.match(front, /^tags = \["Chuyển đổi số", "Biên tập trực tuyến"\]$/m);
    assert.match(front, /src = "\/anh\/ho-binh-minh(-[0-9a-z]+)?\.jpg"/);
    assert.ok(front.includes(ALT));
    assert.equal(rest.trim(), BODY);
    // Fields left empty are left out (an empty `slug` or `source` would not build).
    assert.doesNotMatch(front, /^(source|updated|author|aliases|attachments)\b/m);
    const cover = front.match(/src = "(\/anh\/[^"]+)"/)[1];
    assert.ok(existsSync(path.join(content, cover)), `${cover} uploaded into the images folder`);

    // Within 2 s of the save, `bantin dev` has the article on the site: its page,
    // its category, search, the RSS feed.
    const saved = statSync(path.join(articles, file)).mtimeMs;
    const published = () =>
      existsSync(path.join(out, `data/bai-viet/${SLUG}.json`)) && readFileSync(path.join(out, 'rss.xml'), 'utf8').includes(`<title>${TITLE}</title>`);
    await waitUntil(published, { timeout: 30_000, interval: 20, message: () => `bantin dev rebuilt the site (output: ${dev.output()})` });
    const took = Date.now() - saved;
    console.log(`# editor: saved → on the site in ${took} ms`);
    assert.ok(took <= 2000, `on the site ${took} ms after the save (budget 2000 ms)`);
    await dev.stop();
    await page.goto(`/bai-viet/${SLUG}`);
    await h1(page, TITLE);
    assert.equal(await page.locator('main img').first().getAttribute('alt'), ALT);
    await page.goto('/chuyen-muc/kinh-te');
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    await page.goto(`/tim-kiem?q=${encodeURIComponent('biên tập trực tuyến')}`);
    await page.getByRole('link', { name: TITLE }).first().waitFor({ timeout: 15_000 });
    assert.ok(readFileSync(path.join(out, 'rss.xml'), 'utf8').includes(`<title>${TITLE}</title>`));
    for (const tag of TAGS) assert.ok(readFileSync(path.join(out, `data/bai-viet/${SLUG}.json`), 'utf8').includes(tag));

    assert.deepEqual(seen.foreign, [], 'requests to other origins');
    assert.deepEqual(seen.csp, [], 'the policy refused something the editor needs');
  });

  test('an existing article keeps the keys the form does not show', async () => {
    const page = site.page;
    // A sample article, given a key the form has (aliases, hidden in a collapsed
    // list) and one it does not know (`ghi_chu`): the CMS must keep both as they are.
    const name = 'kinh-te-doi-thoai-doanh-nghiep-2025.md';
    const file = path.join(articles, name);
    const original = readFileSync(file, 'utf8');
    const withExtra = original.replace(/^\+\+\+\n/, '+++\naliases = ["/2025/doi-thoai.html"]\nghi_chu = "Bài mẫu, không đăng lại"\n');
    writeFileSync(file, withExtra);
    await signIn(page);
    const [, title] = original.match(/^title = "(.*)"$/m);
    await page.goto('/quan-tri/#/collections/bai-viet');
    await page.getByText(title).first().click();
    const lead = page.getByLabel(/^Sa-pô/);
    await lead.fill(`${await lead.inputValue()} Đã cập nhật.`);
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Công bố ngay').click();
    await waitUntil(() => readFileSync(file, 'utf8') !== withExtra, { timeout: 15_000, message: 'the saved file' });
    const saved = readFileSync(file, 'utf8');
    assert.match(saved, /^\+\+\+\n/);
    assert.match(saved, /Đã cập nhật\./);
    for (const key of ['title', 'date', 'category', 'tags', 'author', 'lead', 'cover', 'source', 'aliases', 'ghi_chu']) {
      assert.match(saved, new RegExp(`^(${key} =|\\[${key}\\])`, 'm'), `${key} kept:\n${saved}`);
    }
    assert.match(saved, /\/2025\/doi-thoai\.html/);
    assert.match(saved, /^ghi_chu = "Bài mẫu, không đăng lại"$/m);
    assert.match(saved, /hiephoidoanhnghiep\.hoalam\.example\.vn\/tin\/doi-thoai-2025/);
    // The body is the same text.
    assert.equal(saved.split(/\n\+\+\+\n/)[1].trim(), original.split(/\n\+\+\+\n/)[1].trim());
    // Without the key the build does not know, the saved file builds.
    writeFileSync(file, saved.replace(/^ghi_chu = .*\n/m, ''));
    build();
    writeFileSync(file, original);
  });

  test("a page's file name, its address, is a slug made from its Vietnamese title", async () => {
    const page = site.page;
    const pages = path.join(content, 'pages');
    const before = new Set(readdirSync(pages));
    await signIn(page);
    await page.goto('/quan-tri/#/collections/trang/new');
    await page.getByLabel('Tiêu đề', { exact: true }).fill('Đường dây nóng Đoàn đại biểu');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('Số điện thoại tiếp nhận phản ánh của cử tri.');
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Công bố ngay').click();
    const file = await savedFile(pages, before, 'the new page');
    assert.equal(file, 'duong-day-nong-doan-dai-bieu.md');
    assert.match(readFileSync(path.join(pages, file), 'utf8'), /^\+\+\+\ntitle = "Đường dây nóng Đoàn đại biểu"\n/);
    build();
    assert.ok(existsSync(path.join(out, 'trang/duong-day-nong-doan-dai-bieu/index.html')));
  });

  test('a document of the registry: its file is named by the year and its number, and it builds', async () => {
    const page = site.page;
    const docs = path.join(content, 'documents');
    const before = new Set(readdirSync(docs));
    await signIn(page);
    await page.goto('/quan-tri/#/collections/van-ban/new');
    await page.getByLabel('Số ký hiệu', { exact: true }).fill('77/KH-UBND');
    await page.getByLabel('Loại văn bản', { exact: true }).fill('Kế hoạch');
    await page.getByLabel('Cơ quan ban hành', { exact: true }).fill('Ủy ban nhân dân tỉnh Hòa Lâm');
    await page.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn Bình');
    await page.getByLabel('Ngày ban hành', { exact: true }).fill('2026-12-01');
    await page.getByLabel('Trích yếu', { exact: true }).fill('Triển khai trình biên tập nội dung trực tuyến của Cổng');
    // (The configuration makes the files required with at least one, as the build
    // does, but Decap 3.16.3 saves a document whose list was never touched: measured
    // here, docs/editors.md; the build then refuses it with "văn bản chưa có tệp".)
    // The full text, uploaded into tep/van-ban/.
    await page.getByRole('button', { name: /^Add tệp/ }).click();
    await page.getByRole('button', { name: 'Chọn một tập tin' }).click();
    await page.locator('input[type="file"]').setInputFiles(path.join(ROOT, 'content/tep/nghi-quyet-12-nq-hdnd-2026.pdf'));
    const choose = page.getByRole('button', { name: 'Lấy những cái đã chọn' });
    await waitUntil(() => choose.isEnabled(), { timeout: 15_000, message: 'the upload is selected' });
    await choose.click();
    await page.getByLabel('Tên tệp', { exact: true }).fill('Toàn văn Kế hoạch 77/KH-UBND');
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Công bố ngay').click();
    const file = await savedFile(docs, before, 'the new document');
    assert.match(file, /^20[0-9]{2}-77-kh-ubnd\.md$/);
    const text = readFileSync(path.join(docs, file), 'utf8');
    assert.match(text, /^issued = "2026-12-01"$/m);
    assert.match(text, /src = "\/tep\/van-ban\/nghi-quyet-12-nq-hdnd-2026\.pdf"/);
    assert.ok(existsSync(path.join(content, 'tep/van-ban/nghi-quyet-12-nq-hdnd-2026.pdf')));
    build();
    assert.ok(existsSync(path.join(out, `van-ban/${file.replace(/\.md$/, '')}/index.html`)));
  });

  test('refuses an invalid slug and a missing title in the form', async () => {
    const page = site.page;
    const before = articleFiles().length;
    await signIn(page);
    await page.goto('/quan-tri/#/collections/bai-viet/new');
    await page.getByLabel(/^Địa chỉ bài \(slug\)/).fill('Tin Mới!');
    await page.getByLabel('Ngày đăng', { exact: true }).fill('2026-12-04T09:30');
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Công bố ngay').click();
    await page.getByText('Tiêu đề bắt buộc nhập.').waitFor();
    await page.getByText(/Chỉ gồm chữ thường không dấu/).waitFor();
    assert.equal(articleFiles().length, before, 'nothing was saved');
  });

  test('the editor and the reader pages pass axe-core', async () => {
    const page = site.page;
    await signIn(page);
    // The CMS's own interface with the repairs `khoi-dong.js` applies to it
    // (crates/build/src/editor-a11y.js): the list of articles and the form.
    await page.goto('/quan-tri/#/collections/bai-viet');
    await page.getByRole('link', { name: /Bài viết/ }).first().waitFor();
    await page.locator('[class*="ListCard"], [class*="GridCard"]').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the list of articles');
    await page.goto('/quan-tri/#/collections/bai-viet/new');
    await page.getByLabel('Tiêu đề', { exact: true }).waitFor();
    await page.locator('[data-slate-editor="true"][aria-label]').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the form of a new article');
    await page.goto('/');
    assert.deepEqual(await axeViolations(page), []);
  });
});
