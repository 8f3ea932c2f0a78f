// Vietnamese matching and ranking of Pagefind 1.6 beside bantin's engine, on the
// sample site (content/) plus a few hand-made articles that isolate one rule each.
// Both engines index the same articles (see search.mjs) and answer in headless
// Chromium; prints the checks as a Markdown table (docs/search.md, "Pagefind 1.6,
// measured").
//
//   node scripts/bench/search-quality.mjs      # needs `make site` (dist/ and target/tool/bantin)

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPagefind, launch, loadPagefind, runQuery, serveSearch, PAGEFIND_VERSION } from './search.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = path.resolve(root, process.env.DIST ?? 'dist');
const work = path.join(root, 'target/bench-quality');
const bantin = path.join(root, 'target/tool/bantin');

// Each hand-made article isolates one rule; `date` makes the one that should lose the newer.
const ARTICLES = [
  ['duong-road', '2025-03-01 08:00', 'Thông xe con đường liên xã ở Nà Hang', 'Tuyến đường dài 12 km nối ba xã vùng cao đã hoàn thành sau hai năm thi công.'],
  ['duong-name', '2025-06-01 08:00', 'Ông Dương Văn Minh nhận bằng khen của tỉnh', 'Ông Dương Văn Minh, trưởng thôn Tân Lập, được khen vì vận động người dân hiến đất.'],
  ['phrase-yes', '2025-01-10 08:00', 'Tin ngắn từ huyện Yên Thế', 'Huyện Yên Thế mở lại chợ phiên vùng cao vào mỗi sáng chủ nhật cho bà con các xã.'],
  ['phrase-no', '2025-07-10 08:00', 'Tin ngắn từ huyện Thạch Bàn', 'Ở vùng cao Thạch Bàn, chợ được dựng lại; phiên đầu tiên có bà con các xã tham gia.'],
  ['title-yes', '2025-02-15 08:00', 'Xây kho lạnh cho hợp tác xã rau Đồi Thông', 'Hợp tác xã được hỗ trợ vốn để bảo quản rau sau thu hoạch, giảm hư hỏng khi vào vụ.'],
  ['tone-ca', '2025-04-05 08:00', 'Nuôi cá lồng trên hồ chứa Khe Mây', 'Mười hộ dân thả cá lồng trên hồ chứa, mỗi năm thu hoạch hai vụ, bán cho thương lái trong huyện.'],
  ['tone-caphe', '2025-09-05 08:00', 'Giá cà phê nhân xô tăng ở Lâm Viên', 'Giá cà phê nhân xô tại các đại lý Lâm Viên tăng mạnh trong tuần, nông dân phấn khởi.'],
  ['title-no', '2025-08-15 08:00', 'Hợp tác xã rau Suối Ngang mở rộng sản xuất', 'Hợp tác xã đầu tư kho lạnh và máy sơ chế để bảo quản rau sau thu hoạch cho bà con.'],
];

function corpus() {
  rmSync(work, { recursive: true, force: true });
  const content = path.join(work, 'content');
  cpSync(path.join(root, 'content'), content, { recursive: true });
  for (const [slug, date, title, lead] of ARTICLES) {
    writeFileSync(
      path.join(content, 'articles', `kiem-thu-${slug}.md`),
      `+++\nslug = "kiem-thu-${slug}"\ntitle = "${title}"\ndate = "${date}"\ncategory = "thoi-su"\nlead = "${lead}"\n+++\n\nBài viết dựng tay để thử tìm kiếm.\n`,
    );
  }
  const out = path.join(work, 'site');
  mkdirSync(out, { recursive: true });
  const shell = ['app.html', 'index.html'].map((f) => path.join(dist, f)).find(existsSync);
  writeFileSync(path.join(out, 'index.html'), readFileSync(shell));
  const r = spawnSync(bantin, ['build', '--content', content, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bantin build failed:\n${r.stdout}${r.stderr}`);
  return out;
}

const slugOf = (url) => url.replace(/^\/bai-viet\//, '').replace(/\/$/, '');
const hand = (name) => (url) => slugOf(url).endsWith(name);

/** Rank (1-based) of the first hit `pred` accepts, or null. */
function rank(r, pred) {
  const i = r.urls.findIndex((u, k) => pred(u, k, r));
  return i < 0 ? null : i + 1;
}

/**
 * The checks: each runs one or two queries and says pass/fail with what was seen.
 * `run(q)` answers with every hit (the corpus is small).
 */
const CHECKS = [
  {
    name: '"duong" finds "đường" (đ folds to d)',
    async check(run) {
      const r = await run('duong');
      const road = rank(r, hand('duong-road'));
      const name = rank(r, hand('duong-name'));
      return { pass: road !== null && name !== null, seen: `${r.total} hits; road article #${road ?? '–'}, Dương article #${name ?? '–'}` };
    },
  },
  {
    name: '"đường" ranks the road article above the "Dương" one (newer)',
    async check(run) {
      const r = await run('đường');
      const road = rank(r, hand('duong-road'));
      const name = rank(r, hand('duong-name'));
      const road2 = r.titles.slice(0, 10).filter((t) => /đường/i.test(t)).length;
      return {
        pass: road !== null && (name === null || road < name),
        seen: `${r.total} hits; road #${road ?? '–'}, Dương #${name ?? '–'}; titles with "đường" in top 10: ${road2}`,
      };
    },
  },
  {
    name: 'tone marks without "đ": "cá" ranks the fish article above the "cà phê" one (newer); "ca" finds both',
    async check(run) {
      const r = await run('cá');
      const fish = rank(r, hand('tone-ca'));
      const coffee = rank(r, hand('tone-caphe'));
      const f = await run('ca');
      const both = rank(f, hand('tone-ca')) !== null && rank(f, hand('tone-caphe')) !== null;
      return {
        pass: fish !== null && (coffee === null || fish < coffee) && both,
        seen: `"cá": ${r.total} hits, fish #${fish ?? '–'}, cà phê #${coffee ?? '–'}; "ca" finds both: ${both ? 'yes' : 'no'}`,
      };
    },
  },
  {
    name: '"chuyen doi so" finds what "chuyển đổi số" finds',
    async check(run) {
      const a = await run('chuyển đổi số');
      const b = await run('chuyen doi so');
      const missing = a.urls.filter((u) => !b.urls.includes(u)).length;
      return { pass: b.total > 0 && b.total >= a.total && missing === 0, seen: `toned ${a.total} hits, untoned ${b.total} hits; ${missing} of the toned top ${a.urls.length} missing` };
    },
  },
  {
    name: 'phrase above scattered words ("chợ phiên vùng cao")',
    async check(run) {
      const r = await run('chợ phiên vùng cao');
      const yes = rank(r, hand('phrase-yes'));
      const no = rank(r, hand('phrase-no'));
      return { pass: yes !== null && (no === null || yes < no), seen: `phrase #${yes ?? '–'}, scattered (newer) #${no ?? '–'}` };
    },
  },
  {
    name: 'title above body ("kho lạnh")',
    async check(run) {
      const r = await run('kho lạnh');
      const yes = rank(r, hand('title-yes'));
      const no = rank(r, hand('title-no'));
      return { pass: yes !== null && (no === null || yes < no), seen: `in title #${yes ?? '–'}, in lead only (newer) #${no ?? '–'}` };
    },
  },
  {
    name: 'capitals: "ĐƯỜNG" and "Chuyển Đổi Số" answer as lowercase',
    async check(run) {
      const a = await run('đường');
      const b = await run('ĐƯỜNG');
      const c = await run('chuyển đổi số');
      const d = await run('Chuyển Đổi Số');
      const same = JSON.stringify(a.urls) === JSON.stringify(b.urls) && JSON.stringify(c.urls) === JSON.stringify(d.urls);
      return { pass: same && b.total > 0, seen: `${b.total}/${a.total} and ${d.total}/${c.total} hits, same order: ${same ? 'yes' : 'no'}` };
    },
  },
  {
    name: 'quoted phrase `"chợ phiên"` keeps only the phrase',
    async check(run) {
      const r = await run('"chợ phiên"');
      const no = rank(r, hand('phrase-no'));
      const yes = rank(r, hand('phrase-yes'));
      return { pass: yes !== null && no === null, seen: `${r.total} hits; phrase #${yes ?? '–'}, scattered #${no ?? '–'}` };
    },
  },
  {
    name: 'typing prefix "kho lạ" finds "kho lạnh"',
    async check(run) {
      const r = await run('kho lạ', true);
      const yes = rank(r, hand('title-yes'));
      return { pass: yes !== null, seen: `${r.total} hits; kho lạnh (title) #${yes ?? '–'}` };
    },
  },
];

const site = corpus();
const pagefind = await loadPagefind();
const built = await buildPagefind(pagefind, site);
const builtRecords = await buildPagefind(pagefind, site, { records: true, folder: 'pagefind-records' });
await pagefind.close();
console.log(`search-quality: ${built.docs} articles; pagefind indexed them in ${built.secs.toFixed(1)} s (HTML), ${builtRecords.secs.toFixed(1)} s (records)`);

const browser = await launch();
const srv = await serveSearch(site, path.join(dist, 'tim'));
const results = [];
try {
  for (const c of CHECKS) {
    const row = { name: c.name };
    for (const [engine, opts] of [
      ['bantin', {}],
      ['pagefind', {}],
      ['pagefind-exact', { exactDiacritics: true }],
      ['pagefind-records', { base: '/pagefind-records/' }],
    ]) {
      const run = (q, prefix = false) => runQuery(browser, srv, engine === 'bantin' ? 'bantin' : 'pagefind', { q, prefix }, { perPage: 200, ...opts });
      row[engine] = await c.check(run);
    }
    results.push(row);
    console.log(`${c.name}\n  bantin:   ${row.bantin.pass ? 'pass' : 'FAIL'}: ${row.bantin.seen}\n  pagefind: ${row.pagefind.pass ? 'pass' : 'FAIL'}: ${row.pagefind.seen}\n  pagefind exactDiacritics: ${row['pagefind-exact'].pass ? 'pass' : 'FAIL'}: ${row['pagefind-exact'].seen}\n  pagefind custom records: ${row['pagefind-records'].pass ? 'pass' : 'FAIL'}: ${row['pagefind-records'].seen}`);
  }
} finally {
  srv.server.close();
  await browser.close();
}

const cell = (r) => `${r.pass ? '**pass**' : '**fail**'}: ${r.seen}`;
console.log(`\n| check | bantin | Pagefind ${PAGEFIND_VERSION} (HTML pages) | Pagefind, \`exactDiacritics: true\` | Pagefind, \`addCustomRecord\` |\n|---|---|---|---|---|`);
for (const r of results) console.log(`| ${r.name} | ${cell(r.bantin)} | ${cell(r.pagefind)} | ${cell(r['pagefind-exact'])} | ${cell(r['pagefind-records'])} |`);
