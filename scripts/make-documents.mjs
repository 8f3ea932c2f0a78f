// Writes the files attached to the sample documents registry (issue 12):
// for every content/documents/*.md it reads the front matter and writes each
// file its `files` list names under content/tep/van-ban/:
//
//   - `.pdf`: A4 pages laid out like a Vietnamese administrative document
//     (issuing body, national motto or party header, number, place and date,
//     type, trích yếu, a few invented articles or sections written from the
//     front matter and the Markdown body, signature block), printed by
//     Chromium through playwright-core. Chromium embeds a subset of the font,
//     so the Vietnamese text is real text in the PDF. Every page carries the
//     note "Văn bản mẫu, tỉnh giả định, dùng cho dữ liệu mẫu của bantin".
//   - `.docx`: a minimal Office Open XML document (zip written here with
//     node:zlib and our own CRC-32): the appendix (heading, the document it
//     belongs to, the body's tables and paragraphs) or, when the file's name
//     says "Mẫu", a blank form.
//
// Everything is fiction: the province, the documents, the people.
//
// Run it from anywhere (paths are relative to this file) after editing
// content/documents; nothing is installed: it uses the playwright-core of the
// project's tooling (`npm ci` in a checkout) and Debian's chromium:
//
//   node scripts/make-documents.mjs                               # with ./node_modules
//   NODE_PATH=../main/node_modules node scripts/make-documents.mjs  # a worktree without one
//
// The font is DejaVu Serif Condensed (Debian's fonts-dejavu-core): Debian's
// Liberation Serif 1.07 has no Vietnamese letters. The same Chromium and fonts
// give the same bytes; another version may change the PDFs slightly.
//
// playwright-core is looked up, in order, in $BANTIN_NODE_MODULES (a
// node_modules folder, e.g. that of another checkout), then from this
// repository (its node_modules, then $NODE_PATH, which CommonJS resolution
// honours). Chromium is $CHROMIUM, else `chromium` or `chromium-browser` on
// PATH, else /usr/bin/chromium.
//
// The output is deterministic: the PDF's creation and modification dates are
// set to the document's issue date (and its creator to this script), zip
// entries carry that date, and a file is
// written only when its bytes change (mtimes stay put on a rerun). Files under
// content/tep/van-ban/ that no document lists any more are removed: the folder
// belongs to this script.
//
// Options: --check     write nothing; exit 1 if a file is missing or differs.
//          --html DIR  also write the HTML each PDF is printed from into DIR.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = join(repo, 'content/documents');
const outDir = join(repo, 'content/tep/van-ban');
const PREFIX = '/tep/van-ban/';
const NOTE = 'Văn bản mẫu, tỉnh giả định, dùng cho dữ liệu mẫu của bantin';
const PROVINCE = 'Hòa Lâm';
const CHECK = process.argv.includes('--check');
// --html DIR: also write each PDF's HTML there, to look at the layout in a browser.
const HTML_DIR = process.argv.includes('--html') ? resolve(process.argv[process.argv.indexOf('--html') + 1]) : null;

// ---------------------------------------------------------------------------
// Front matter: a TOML subset (strings, arrays, inline tables, comments),
// enough for the known keys of a document.

function parseToml(src, file) {
  let i = 0;
  const fail = (msg) => {
    const line = src.slice(0, i).split('\n').length;
    throw new Error(`${file}: front matter line ${line}: ${msg}`);
  };
  const ws = (newlines) => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) i++;
      else if (c === '#') while (i < src.length && src[i] !== '\n') i++;
      else return;
    }
  };
  const key = () => {
    const m = /^[A-Za-z0-9_-]+/.exec(src.slice(i));
    if (!m) fail('expected a key');
    i += m[0].length;
    return m[0];
  };
  const string = () => {
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = src[i++];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = src[i++];
      const simple = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
      if (e in simple) out += simple[e];
      else if (e === 'u' || e === 'U') {
        const n = e === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(src.slice(i, i + n), 16));
        i += n;
      } else fail(`bad escape \\${e}`);
    }
  };
  const value = () => {
    ws(false);
    const c = src[i];
    if (c === '"') return string();
    if (c === '[') {
      i++;
      const arr = [];
      for (;;) {
        ws(true);
        if (src[i] === ']') {
          i++;
          return arr;
        }
        arr.push(value());
        ws(true);
        if (src[i] === ',') i++;
        else if (src[i] !== ']') fail('expected , or ] in an array');
      }
    }
    if (c === '{') {
      i++;
      const obj = {};
      for (;;) {
        ws(false);
        if (src[i] === '}') {
          i++;
          return obj;
        }
        const k = key();
        ws(false);
        if (src[i++] !== '=') fail('expected =');
        obj[k] = value();
        ws(false);
        if (src[i] === ',') i++;
        else if (src[i] !== '}') fail('expected , or } in an inline table');
      }
    }
    const m = /^(true|false|-?\d+)/.exec(src.slice(i));
    if (!m) fail('unsupported value');
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : Number(m[0]);
  };
  const doc = {};
  for (;;) {
    ws(true);
    if (i >= src.length) return doc;
    const k = key();
    ws(false);
    if (src[i++] !== '=') fail('expected =');
    if (k in doc) fail(`duplicate key ${k}`);
    doc[k] = value();
    ws(false);
    if (i < src.length && src[i] !== '\n') fail('expected the end of the line');
  }
}

function readDocument(file) {
  const text = readFileSync(file, 'utf8');
  const m = /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no +++ front matter`);
  const fm = parseToml(m[1], file);
  for (const k of ['number', 'type', 'issuer', 'signer', 'signer_title', 'issued', 'summary']) {
    if (typeof fm[k] !== 'string' || !fm[k]) throw new Error(`${file}: missing ${k}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fm.issued)) throw new Error(`${file}: bad issued date ${fm.issued}`);
  if (fm.effective !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fm.effective)) {
    throw new Error(`${file}: bad effective date ${fm.effective}`);
  }
  if (!Array.isArray(fm.files)) throw new Error(`${file}: missing files`);
  // A file's display name is its `title` (as in the build tool).
  fm.files = fm.files.map((f) => ({ ...f, name: f.title }));
  return { file, ...fm, fields: fm.fields ?? [], body: parseBody(m[2]) };
}

// ---------------------------------------------------------------------------
// The Markdown body, reduced to what these documents use: paragraphs and
// tables (with a `: caption`). Inline text keeps **bold** and drops link URLs.

function parseBody(md) {
  const blocks = [];
  const lines = md.split(/\r?\n/);
  let para = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join(' ') });
    para = [];
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) {
      flush();
      continue;
    }
    if (line.startsWith('|')) {
      flush();
      const rows = [];
      while (n < lines.length && lines[n].trim().startsWith('|')) {
        const cells = lines[n].trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
        else rows.align = cells.map((c) => (c.endsWith(':') && !c.startsWith(':') ? 'right' : 'left'));
        n++;
      }
      let caption = '';
      while (n < lines.length && !lines[n].trim()) n++;
      if (n < lines.length && lines[n].trim().startsWith(': ')) caption = lines[n].trim().slice(2);
      else n--;
      blocks.push({ kind: 'table', head: rows[0], rows: rows.slice(1), align: rows.align ?? [], caption });
      continue;
    }
    if (line.startsWith('#') || line.startsWith('>') || line.startsWith('```')) {
      throw new Error(`unsupported Markdown in a document body: ${line}`);
    }
    para.push(line.replace(/^[-*] /, ''));
  }
  flush();
  return blocks;
}

/** Inline Markdown to runs: [{text, bold}], link targets dropped. */
function runs(text) {
  const plain = text.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  return plain.split(/(\*\*[^*]+\*\*)/).filter(Boolean).map((s) =>
    s.startsWith('**') ? { text: s.slice(2, -2), bold: true } : { text: s.replace(/\*([^*]+)\*/g, '$1'), bold: false },
  );
}

/** Sentences that point to the portal (a link to a news item, a page) are not document text. */
const PORTAL_LINK = /\]\(\/(bai-viet|trang|van-ban)\//;
const withoutPortalLinks = (text) =>
  text
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !PORTAL_LINK.test(sentence))
    .join(' ');

// ---------------------------------------------------------------------------
// The words of the document, from its front matter.

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Escapes, and keeps words with an inner hyphen, slash or en dash ("05-NQ/TU", "X-quang", "2024–2025") on one line. */
const escText = (s) => esc(s).replace(/\S*[\p{L}\p{N}][-/–][\p{L}\p{N}]\S*/gu, (w) => `<span class="nw">${w}</span>`);
const inlineHtml = (t) => runs(t).map((r) => (r.bold ? `<b>${escText(r.text)}</b>` : escText(r.text))).join('');
const upper = (s) => s.toLocaleUpperCase('vi');
const lowerFirst = (s) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const upperFirst = (s) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** "Hòa Lâm, ngày 05 tháng 02 năm 2026": days below 10 and months 1 and 2 take a leading zero. */
function placeDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `${PROVINCE}, ngày ${dd} tháng ${mm} năm ${y}`;
}
const shortDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
};

/** Who issues: header lines, the authority that decides, the signature's capacity lines. */
function issuerInfo(doc) {
  const t = doc.signer_title;
  const issuer = doc.issuer;
  if (issuer.startsWith('Tỉnh ủy')) {
    return {
      party: true,
      head: [{ text: `ĐẢNG BỘ TỈNH ${upper(PROVINCE)}`, bold: false }, { text: 'TỈNH ỦY', bold: true }, { text: '*', bold: true }],
      numberPrefix: 'Số',
      authority: 'BAN THƯỜNG VỤ TỈNH ỦY',
      who: 'Ban Thường vụ Tỉnh ủy',
      sign: ['T/M BAN THƯỜNG VỤ', upper(t)],
    };
  }
  if (issuer.startsWith('HĐND')) {
    return {
      head: [{ text: 'HỘI ĐỒNG NHÂN DÂN', bold: true }, { text: `TỈNH ${upper(PROVINCE)}`, bold: true }],
      numberPrefix: 'Số:',
      authority: `HỘI ĐỒNG NHÂN DÂN TỈNH ${upper(PROVINCE)}`,
      who: 'Hội đồng nhân dân tỉnh',
      sign: t === 'Chủ tịch' ? ['CHỦ TỊCH'] : ['KT. CHỦ TỊCH', upper(t)],
    };
  }
  if (issuer.startsWith('UBND')) {
    return {
      head: [{ text: 'ỦY BAN NHÂN DÂN', bold: true }, { text: `TỈNH ${upper(PROVINCE)}`, bold: true }],
      numberPrefix: 'Số:',
      authority: `ỦY BAN NHÂN DÂN TỈNH ${upper(PROVINCE)}`,
      who: 'Ủy ban nhân dân tỉnh',
      sign: t === 'Chủ tịch' ? ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] : ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', upper(t)],
    };
  }
  if (issuer.startsWith('Văn phòng')) {
    return {
      head: [{ text: `UBND TỈNH ${upper(PROVINCE)}`, bold: false }, { text: 'VĂN PHÒNG', bold: true }],
      numberPrefix: 'Số:',
      authority: 'VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH',
      who: 'Văn phòng UBND tỉnh',
      sign: t === 'Chánh Văn phòng' ? ['CHÁNH VĂN PHÒNG'] : ['KT. CHÁNH VĂN PHÒNG', upper(t)],
    };
  }
  // A department (sở) of the province.
  return {
    head: [{ text: `UBND TỈNH ${upper(PROVINCE)}`, bold: false }, { text: upper(issuer), bold: true }],
    numberPrefix: 'Số:',
    authority: `GIÁM ĐỐC ${upper(issuer)}`,
    who: issuer,
    sign: t === 'Giám đốc' ? ['GIÁM ĐỐC'] : ['KT. GIÁM ĐỐC', upper(t)],
  };
}

/** The department that proposes or carries out a document, by its first field. */
const LEAD = {
  'Kinh tế': 'Sở Tài chính',
  'Tài chính': 'Sở Tài chính',
  'Đầu tư': 'Sở Tài chính',
  'Nông nghiệp': 'Sở Nông nghiệp và Môi trường',
  'Môi trường': 'Sở Nông nghiệp và Môi trường',
  'Y tế': 'Sở Y tế',
  'Giáo dục': 'Sở Giáo dục và Đào tạo',
  'Văn hóa': 'Sở Văn hóa, Thể thao và Du lịch',
  'Du lịch': 'Sở Văn hóa, Thể thao và Du lịch',
  'Giao thông': 'Sở Xây dựng',
  'Chuyển đổi số': 'Sở Khoa học và Công nghệ',
  'Tổ chức bộ máy': 'Sở Nội vụ',
  'Cải cách hành chính': 'Sở Nội vụ',
  'Quốc phòng - An ninh': 'Bộ Chỉ huy Quân sự tỉnh',
  'Xã hội': 'Sở Nội vụ',
};
function lead(doc) {
  const own = doc.issuer.startsWith('Sở') ? doc.issuer : null;
  return own ?? LEAD[doc.fields[0]] ?? 'Văn phòng UBND tỉnh';
}
/** Telephone numbers of the issuers, as in content/pages/co-cau-to-chuc.md. */
const PHONES = {
  'UBND tỉnh Hòa Lâm': '0200 3 852 001',
  'Văn phòng UBND tỉnh': '0200 3 852 001',
  'Sở Nông nghiệp và Môi trường': '0200 3 852 150',
  'Sở Giáo dục và Đào tạo': '0200 3 852 180',
  'Sở Y tế': '0200 3 852 190',
};
const headOf = (unit) => (unit.startsWith('Sở') ? `Giám đốc ${unit}` : unit.startsWith('Bộ Chỉ huy') ? `Chỉ huy trưởng ${unit}` : `Thủ trưởng ${unit}`);

/** The summary as the object of a sentence: "Về việc đẩy nhanh…" → "đẩy nhanh…". */
function subject(summary) {
  return summary.replace(/^Về việc /, '').replace(/^Về /, '');
}
const fieldWords = (doc) => doc.fields.map((f) => f.replace(' - ', ', ').toLocaleLowerCase('vi')).join(', ');

const textParas = (doc) =>
  doc.body
    .filter((b) => b.kind === 'p')
    .map((b) => ({ ...b, text: withoutPortalLinks(b.text) }))
    .filter((b) => b.text);
const tables = (doc) => doc.body.filter((b) => b.kind === 'table');

/**
 * The document's text as blocks: {kind:'center'|'p'|'item'|'heading'|'table', …}.
 * Written from the front matter and the body; the wording is invented.
 */
function contentBlocks(doc, who) {
  const b = [];
  const paras = textParas(doc);
  const tbls = tables(doc);
  const unit = lead(doc);
  const eff = doc.effective ?? doc.issued;
  const addBody = (itemNumber) => {
    paras.forEach((p, k) => b.push({ kind: itemNumber ? 'item' : 'p', label: itemNumber ? `${itemNumber + k}.` : '', text: p.text }));
    for (const t of tbls) b.push(t);
    return paras.length;
  };
  const type = doc.type;

  if (type === 'Quyết định' || (type === 'Nghị quyết' && !who.party)) {
    const resolution = type === 'Nghị quyết';
    b.push({ kind: 'center-bold', text: who.authority });
    b.push({ kind: 'basis', text: 'Căn cứ Luật Tổ chức chính quyền địa phương;' });
    b.push({ kind: 'basis', text: `Căn cứ các văn bản quy phạm pháp luật hiện hành về ${fieldWords(doc)};` });
    if (resolution) {
      b.push({ kind: 'basis', text: 'Xét Tờ trình của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của các Ban của Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.' });
    } else {
      b.push({ kind: 'basis', text: doc.issuer.startsWith('Sở') ? 'Theo đề nghị của Trưởng phòng chuyên môn thuộc Sở.' : `Theo đề nghị của ${headOf(unit)}.` });
    }
    b.push({ kind: 'center-bold', text: resolution ? 'QUYẾT NGHỊ:' : 'QUYẾT ĐỊNH:' });
    let n = 1;
    b.push({ kind: 'article', label: `Điều ${n++}.`, text: `${upperFirst(subject(doc.summary))}.` });
    if (paras.length || tbls.length) {
      b.push({ kind: 'article', label: `Điều ${n++}.`, text: 'Nội dung chủ yếu' });
      addBody(0);
    }
    if (resolution) {
      b.push({ kind: 'article', label: `Điều ${n++}.`, text: 'Tổ chức thực hiện' });
      b.push({ kind: 'item', label: '1.', text: 'Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này, báo cáo kết quả tại kỳ họp cuối năm của Hội đồng nhân dân tỉnh.' });
      b.push({ kind: 'item', label: '2.', text: 'Thường trực Hội đồng nhân dân tỉnh, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.' });
      b.push({ kind: 'article', label: `Điều ${n++}.`, text: `Nghị quyết này được Hội đồng nhân dân tỉnh ${PROVINCE} khóa XVII thông qua ngày ${shortDate(doc.issued)} và có hiệu lực từ ngày ${shortDate(eff)}./.` });
    } else {
      if (!paras.length && !tbls.length) {
        b.push({ kind: 'article', label: `Điều ${n++}.`, text: `Giao ${unit} chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức thực hiện, định kỳ 6 tháng báo cáo kết quả.` });
      }
      b.push({ kind: 'article', label: `Điều ${n++}.`, text: `Quyết định này có hiệu lực kể từ ngày ${shortDate(eff)}.` });
      const boss = doc.issuer.startsWith('Sở') ? `Chánh Văn phòng ${doc.issuer}, Trưởng các phòng, đơn vị thuộc Sở` : `Chánh Văn phòng Ủy ban nhân dân tỉnh, ${headOf(unit)}, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố`;
      b.push({ kind: 'article', label: `Điều ${n++}.`, text: `${boss} và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.` });
    }
    return b;
  }

  if (type === 'Nghị quyết') {
    // A party committee's resolution: numbered parts instead of articles.
    b.push({ kind: 'p', text: `Thời gian qua, các cấp ủy, chính quyền trong tỉnh đã quan tâm lãnh đạo lĩnh vực ${fieldWords(doc)} và đạt được những kết quả bước đầu; tuy nhiên tiềm năng, lợi thế của tỉnh chưa được khai thác tương xứng. Để tạo chuyển biến mạnh mẽ, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết ${lowerFirst(doc.summary)}.` });
    b.push({ kind: 'heading', text: 'I. MỤC TIÊU' });
    if (paras[0]) b.push({ kind: 'p', text: paras[0].text });
    b.push({ kind: 'heading', text: 'II. NHIỆM VỤ, GIẢI PHÁP' });
    if (paras[1]) b.push({ kind: 'p', text: paras[1].text });
    b.push({ kind: 'item', label: '1.', text: 'Nâng cao nhận thức, trách nhiệm của cấp ủy, người đứng đầu; đưa các chỉ tiêu của Nghị quyết vào chương trình công tác hằng năm.' });
    b.push({ kind: 'item', label: '2.', text: 'Ưu tiên nguồn lực đầu tư công, huy động nguồn lực xã hội, cải thiện môi trường đầu tư.' });
    b.push({ kind: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' });
    b.push({ kind: 'p', text: 'Ban Cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo xây dựng kế hoạch thực hiện; Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo ban hành cơ chế, chính sách; Ban Tuyên giáo và Dân vận Tỉnh ủy tổ chức quán triệt Nghị quyết đến chi bộ./.' });
    return b;
  }

  if (type === 'Chỉ thị') {
    const chief = who.party ? 'Ban Thường vụ Tỉnh ủy' : doc.signer_title === 'Chủ tịch' ? 'Chủ tịch Ủy ban nhân dân tỉnh' : 'Ủy ban nhân dân tỉnh';
    const addressees = who.party ? 'các cấp ủy, tổ chức đảng, cơ quan, đơn vị' : 'các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố';
    b.push({ kind: 'p', text: `Nhằm thực hiện tốt nhiệm vụ ${lowerFirst(subject(doc.summary))}, ${chief} yêu cầu ${addressees} tập trung thực hiện các nội dung sau:` });
    let n = addBody(1);
    if (!n) {
      b.push({ kind: 'item', label: '1.', text: `Quán triệt, triển khai nghiêm túc các nhiệm vụ thuộc lĩnh vực ${fieldWords(doc)}; xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời hạn.` });
      b.push({ kind: 'item', label: '2.', text: 'Bố trí đủ lực lượng, phương tiện và kinh phí; chủ động phương án xử lý các tình huống phát sinh, không để bị động, bất ngờ.' });
      b.push({ kind: 'item', label: '3.', text: 'Thông tin kịp thời, chính xác để Nhân dân biết, chủ động phòng tránh và cùng tham gia thực hiện.' });
      n = 3;
    }
    b.push({ kind: 'item', label: `${n + 1}.`, text: `${headOf(unit)} chủ trì theo dõi, đôn đốc việc thực hiện Chỉ thị; tổng hợp, báo cáo kết quả trước ngày 15 tháng 12 hằng năm.` });
    b.push({ kind: 'item', label: `${n + 2}.`, text: 'Người đứng đầu các cơ quan, đơn vị chịu trách nhiệm nếu để xảy ra chậm trễ, thiếu sót trong phạm vi được giao.' });
    b.push({ kind: 'p', text: `Chỉ thị này có hiệu lực kể từ ngày ký. Yêu cầu ${addressees} nghiêm túc thực hiện./.` });
    return b;
  }

  if (type === 'Kế hoạch') {
    b.push({ kind: 'p', text: `${who.who} ban hành Kế hoạch ${lowerFirst(doc.summary)}, như sau:` });
    b.push({ kind: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' });
    b.push({ kind: 'item', label: '1.', text: 'Xác định cụ thể nội dung công việc, thời hạn hoàn thành và trách nhiệm của từng cơ quan, đơn vị.' });
    b.push({ kind: 'item', label: '2.', text: 'Bảo đảm tiết kiệm, hiệu quả, phù hợp với điều kiện thực tế của địa phương.' });
    b.push({ kind: 'heading', text: 'II. NỘI DUNG' });
    if (!addBody(0) && !tbls.length) {
      b.push({ kind: 'p', text: `Triển khai đồng bộ các nhiệm vụ thuộc lĩnh vực ${fieldWords(doc)}; rà soát, bổ sung cơ chế, chính sách; tăng cường kiểm tra, giám sát; biểu dương kịp thời các tập thể, cá nhân làm tốt.` });
    }
    b.push({ kind: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' });
    b.push({ kind: 'p', text: `${lead(doc)} là cơ quan thường trực, chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai Kế hoạch; tổng hợp khó khăn, vướng mắc, báo cáo ${who.who} xem xét, giải quyết./.` });
    return b;
  }

  if (type === 'Công văn') {
    const asks = who.party ? 'đề nghị' : 'yêu cầu';
    b.push({ kind: 'p', text: `Để thực hiện tốt nội dung ${lowerFirst(subject(doc.summary))}, ${who.who} ${asks} các cơ quan, đơn vị:` });
    const n = addBody(1);
    if (!n) {
      b.push({ kind: 'item', label: '1.', text: `Khẩn trương rà soát các nhiệm vụ thuộc lĩnh vực ${fieldWords(doc)} được giao, xác định rõ khó khăn, vướng mắc và giải pháp khắc phục.` });
      b.push({ kind: 'item', label: '2.', text: 'Phân công cụ thể người chịu trách nhiệm, thời hạn hoàn thành; không để chậm trễ, kéo dài.' });
    }
    b.push({ kind: 'item', label: `${(n || 2) + 1}.`, text: `Báo cáo kết quả thực hiện về ${doc.issuer.startsWith('Sở') ? doc.issuer : `${lead(doc)} để tổng hợp, báo cáo Ủy ban nhân dân tỉnh`} trước ngày 25 hằng tháng.` });
    b.push({ kind: 'p', text: `Đề nghị các cơ quan, đơn vị nghiêm túc thực hiện./.` });
    return b;
  }

  // Thông báo.
  if (/^Kết luận|^Ý kiến kết luận/.test(doc.summary)) {
    b.push({
      kind: 'p',
      text: doc.summary.includes(who.who)
        ? `Sau khi nghe báo cáo của các cơ quan liên quan, ${who.who} kết luận như sau:`
        : `${who.who} thông báo ${lowerFirst(doc.summary)}, như sau:`,
    });
    const n = addBody(1);
    if (!n) {
      b.push({ kind: 'item', label: '1.', text: `Ghi nhận kết quả đạt được; đồng thời chỉ rõ những tồn tại, hạn chế trong lĩnh vực ${fieldWords(doc)} cần sớm khắc phục.` });
      b.push({ kind: 'item', label: '2.', text: 'Các cơ quan, đơn vị được giao nhiệm vụ khẩn trương triển khai, báo cáo kết quả trước ngày 30 của tháng tiếp theo.' });
    }
    b.push({ kind: 'p', text: `${who.who} thông báo để các cơ quan, đơn vị biết, thực hiện./.` });
    return b;
  }
  b.push({ kind: 'p', text: `${who.who} thông báo ${lowerFirst(doc.summary)}, như sau:` });
  addBody(0);
  b.push({ kind: 'p', text: `Mọi thắc mắc xin liên hệ Văn phòng ${doc.issuer}, điện thoại ${PHONES[doc.issuer] ?? PHONES['UBND tỉnh Hòa Lâm']}, trong giờ hành chính./.` });
  return b;
}

function recipients(doc, who) {
  const list = [];
  if (doc.type === 'Quyết định') list.push('Như Điều cuối;');
  if (doc.type === 'Công văn') list.push('Như trên;');
  if (who.party) list.push('Các đồng chí Tỉnh ủy viên;', 'Các đảng bộ trực thuộc;');
  else if (doc.issuer.startsWith('HĐND')) list.push('Ủy ban Thường vụ Quốc hội;', 'Chính phủ;', 'Thường trực Tỉnh ủy;', 'UBND tỉnh;', 'Đại biểu HĐND tỉnh;');
  else if (doc.issuer.startsWith('Sở')) list.push('UBND tỉnh (để báo cáo);', 'Ban Giám đốc Sở;');
  else list.push('Thường trực Tỉnh ủy;', 'Thường trực HĐND tỉnh;', 'Chủ tịch, các PCT UBND tỉnh;');
  list.push('Cổng Thông tin điện tử tỉnh;', 'Lưu: VT.');
  return list;
}

// ---------------------------------------------------------------------------
// The PDF: HTML printed by Chromium.

const FONT = `"DejaVu Serif Condensed", "DejaVu Serif", serif`;

function html(doc) {
  const who = issuerInfo(doc);
  const blocks = contentBlocks(doc, who);
  const letter = doc.type === 'Công văn';
  const right = who.party
    ? `<div class="motto"><b class="rule">ĐẢNG CỘNG SẢN VIỆT NAM</b></div>`
    : `<div class="motto"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b class="rule big">Độc lập - Tự do - Hạnh phúc</b></div>`;
  const head = who.head.map((l, k) => (l.bold ? `<b${k === who.head.length - 1 && !who.party ? ' class="rule"' : ''}>${esc(l.text)}</b>` : esc(l.text))).join('<br>');
  const table = (t) => {
    const cell = (c, k, tag) => `<${tag} style="text-align:${t.align[k] ?? 'left'}">${inlineHtml(c)}</${tag}>`;
    return `<table class="data"><thead><tr>${t.head.map((c, k) => cell(c, k, 'th')).join('')}</tr></thead><tbody>${t.rows
      .map((r) => `<tr>${r.map((c, k) => cell(c, k, 'td')).join('')}</tr>`)
      .join('')}</tbody></table>${t.caption ? `<p class="caption">${esc(t.caption)}</p>` : ''}`;
  };
  const body = blocks
    .map((x) => {
      switch (x.kind) {
        case 'center-bold': return `<p class="center"><b>${esc(x.text)}</b></p>`;
        case 'basis': return `<p class="basis">${esc(x.text)}</p>`;
        case 'heading': return `<p class="heading"><b>${esc(x.text)}</b></p>`;
        case 'article': return `<p><b>${esc(x.label)}</b> ${x.text === 'Nội dung chủ yếu' || x.text === 'Tổ chức thực hiện' ? `<b>${esc(x.text)}</b>` : inlineHtml(x.text)}</p>`;
        case 'item': return `<p>${esc(x.label)} ${inlineHtml(x.text)}</p>`;
        case 'table': return table(x);
        default: return `<p>${inlineHtml(x.text)}</p>`;
      }
    })
    .join('\n');
  const title = letter
    ? ''
    : `<div class="title"><b class="type">${esc(upper(doc.type))}</b><br><b>${escText(doc.summary)}</b><div class="short"></div></div>`;
  const vv = letter ? `<div class="vv">V/v ${escText(lowerFirst(subject(doc.summary)))}</div>` : '';
  const greeting = letter
    ? `<div class="to"><span class="to-label">Kính gửi:</span><span>- Các sở, ban, ngành tỉnh;<br>- Ủy ban nhân dân các huyện, thị xã, thành phố.</span></div>`
    : '';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(`${doc.type} ${doc.number}`)}</title>
<style>
  @page { size: A4; }
  html { font-family: ${FONT}; font-size: 13pt; color: #000; }
  body { margin: 0; }
  b { font-weight: 700; }
  .top { display: grid; grid-template-columns: 42% 58%; text-align: center; line-height: 1.25; }
  .top .left { font-size: 12.5pt; }
  .top .motto { font-size: 12pt; }
  .top .big { font-size: 13pt; }
  .nw { white-space: nowrap; }
  .rule { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1px; }
  .number { margin-top: 6pt; font-size: 13pt; }
  .vv { margin-top: 4pt; font-size: 12pt; padding: 0 6mm; }
  .date { margin-top: 6pt; font-style: italic; }
  .title { text-align: center; margin: 16pt 0 10pt; line-height: 1.3; }
  .title .type { font-size: 14pt; }
  .short { width: 32mm; margin: 4pt auto 0; border-top: 1px solid #000; }
  .to { display: flex; justify-content: center; gap: 3mm; margin: 14pt 0 8pt; }
  .to-label { font-style: italic; }
  main p { margin: 0 0 6pt; text-align: justify; text-indent: 10mm; line-height: 1.35; }
  main p.center { text-align: center; text-indent: 0; margin: 8pt 0; }
  main p.basis { font-style: italic; }
  main p.heading { text-indent: 10mm; }
  table.data { border-collapse: collapse; width: 100%; margin: 4pt 0 2pt; font-size: 11.5pt; }
  table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; }
  table.data th { font-weight: 700; }
  main p.caption { text-align: center; text-indent: 0; font-style: italic; font-size: 11.5pt; }
  table.end { width: 100%; border-collapse: collapse; margin-top: 6pt; break-inside: avoid; page-break-inside: avoid; }
  table.end td { vertical-align: top; padding: 6pt 0 0; }
  .end .to-list { width: 48%; font-size: 11pt; line-height: 1.3; }
  .end .to-list b { font-style: italic; font-size: 12pt; }
  .end .sign { text-align: center; line-height: 1.3; }
  .end .signed { margin: 12pt 0 30pt; font-style: italic; }
</style></head><body>
<div class="top">
  <div class="left">${head}<div class="number">${esc(who.numberPrefix)} ${esc(doc.number)}</div>${vv}</div>
  <div class="right">${right}<div class="date">${esc(placeDate(doc.issued))}</div></div>
</div>
${title}${greeting}
<main>
${body}
</main>
<table class="end"><tr>
  <td class="to-list"><b>Nơi nhận:</b><br>${recipients(doc, who).map((r) => `- ${esc(r)}`).join('<br>')}</td>
  <td class="sign"><b>${who.sign.map(esc).join('<br>')}</b><div class="signed">(Đã ký)</div><b>${esc(doc.signer)}</b></td>
</tr></table>
</body></html>`;
}

const FOOTER = `<div style="width:100%;font-family:${FONT.replace(/"/g, "'")};font-size:7.5pt;color:#444;text-align:center;">${esc(NOTE)} · <span class="pageNumber"></span>/<span class="totalPages"></span></div>`;

/** PDF date string for a document's issue date, 08:00 Vietnam time. */
const pdfDate = (iso) => `D:${iso.replace(/-/g, '')}080000+07'00'`;

/**
 * Sets the Info dictionary's dates to the issue date and names this script as
 * the creator instead of the browser's version (same lengths, padded with
 * spaces, so the cross-reference table stays valid).
 */
function fixPdfInfo(buf, iso) {
  let s = buf.toString('latin1');
  s = s.replace(/\/Creator \(((?:[^()\\]|\\.)*)\)/, (whole, old) => {
    const creator = 'bantin scripts/make-documents.mjs (sample data)';
    return creator.length <= old.length ? `/Creator (${creator.padEnd(old.length, ' ')})` : whole;
  });
  for (const key of ['CreationDate', 'ModDate']) {
    s = s.replace(new RegExp(`/${key} \\((D:[^)]*)\\)`), (whole, old) => {
      const fixed = pdfDate(iso);
      return fixed.length === old.length ? `/${key} (${fixed})` : whole;
    });
  }
  return Buffer.from(s, 'latin1');
}

function loadPlaywright() {
  const from = [];
  if (process.env.BANTIN_NODE_MODULES) from.push(join(resolve(process.env.BANTIN_NODE_MODULES), '_resolve_from_here.js'));
  from.push(fileURLToPath(import.meta.url));
  const errors = [];
  for (const base of from) {
    try {
      return createRequire(base)('playwright-core');
    } catch (e) {
      errors.push(e.message.split('\n')[0]);
    }
  }
  throw new Error(`playwright-core not found (set BANTIN_NODE_MODULES or NODE_PATH to a node_modules folder that has it): ${errors.join('; ')}`);
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return '/usr/bin/chromium';
}

// ---------------------------------------------------------------------------
// DOCX: a stored/deflated zip of the few parts Word needs.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of [name, Buffer] entries, all dated `iso` (DOS time 08:00). */
function zip(entries, iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const time = 8 << 11;
  const date = ((y - 1980) << 9) | (m << 5) | d;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const stored = useDeflate ? deflated : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, stored);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + stored.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

const xml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A WordprocessingML paragraph. opts: {align, bold, italic, size (half-points), after (twips)} */
function wP(content, opts = {}) {
  const list = typeof content === 'string' ? [{ text: content, bold: opts.bold }] : content;
  const ppr = `<w:pPr><w:spacing w:after="${opts.after ?? 120}"/>${opts.align ? `<w:jc w:val="${opts.align}"/>` : ''}</w:pPr>`;
  const rs = list
    .map((r) => {
      const rpr = `${r.bold || opts.bold ? '<w:b/>' : ''}${opts.italic ? '<w:i/>' : ''}${opts.size ? `<w:sz w:val="${opts.size}"/>` : ''}`;
      return `<w:r>${rpr ? `<w:rPr>${rpr}</w:rPr>` : ''}<w:t xml:space="preserve">${xml(r.text)}</w:t></w:r>`;
    })
    .join('');
  return `<w:p>${ppr}${rs}</w:p>`;
}

function wTable(t) {
  const border = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');
  const row = (cells, head) =>
    `<w:tr>${cells
      .map((c, k) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${wP(head ? [{ text: c.replace(/\*\*/g, ''), bold: true }] : runs(c), { align: t.align[k] === 'right' ? 'right' : 'left', after: 0 })}</w:tc>`)
      .join('')}</w:tr>`;
  // 9355 twips: the text width of an A4 page with the margins of docx() below.
  const grid = t.head.map(() => `<w:gridCol w:w="${Math.floor(9355 / t.head.length)}"/>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${border}</w:tblBorders></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${row(t.head, true)}${t.rows.map((r) => row(r, false)).join('')}</w:tbl>`;
}

function docxBody(doc, file) {
  const parts = [];
  const ofDoc = `(Kèm theo ${doc.type} số ${doc.number} ngày ${shortDate(doc.issued)} của ${doc.issuer})`;
  parts.push(wP(NOTE, { align: 'center', italic: true, size: 16, after: 240 }));
  if (/^Mẫu/.test(file.name)) {
    parts.push(wP('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center', bold: true, after: 0 }));
    parts.push(wP('Độc lập - Tự do - Hạnh phúc', { align: 'center', bold: true, after: 360 }));
    const title = /hài lòng/.test(file.name) ? 'PHIẾU ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG' : 'PHIẾU ĐĂNG KÝ DỰ TUYỂN';
    parts.push(wP(title, { align: 'center', bold: true, size: 28, after: 0 }));
    parts.push(wP(ofDoc, { align: 'center', italic: true, after: 360 }));
    const lines = /hài lòng/.test(file.name)
      ? ['Họ và tên người nộp hồ sơ (không bắt buộc):', 'Tên thủ tục hành chính:', 'Mã số hồ sơ:', 'Nơi nộp hồ sơ:', 'Thái độ của cán bộ tiếp nhận (Rất hài lòng / Hài lòng / Không hài lòng):', 'Thời gian giải quyết (Đúng hạn / Trễ hạn):', 'Góp ý khác:']
      : ['Họ và tên:', 'Ngày, tháng, năm sinh:', 'Số căn cước:', 'Địa chỉ liên hệ:', 'Điện thoại:', 'Trình độ chuyên môn, chuyên ngành đào tạo:', 'Vị trí việc làm đăng ký dự tuyển:', 'Đơn vị đăng ký dự tuyển:', 'Đối tượng ưu tiên (nếu có):'];
    for (const l of lines) parts.push(wP(`${l} ${'.'.repeat(Math.max(10, 90 - l.length))}`, { after: 160 }));
    parts.push(wP('Tôi xin cam đoan những thông tin trên là đúng sự thật.', { italic: true, after: 240 }));
    parts.push(wP(`${PROVINCE}, ngày ..... tháng ..... năm ${doc.issued.slice(0, 4)}`, { align: 'right', italic: true, after: 0 }));
    parts.push(wP('NGƯỜI KHAI', { align: 'right', bold: true, after: 0 }));
    parts.push(wP('(Ký, ghi rõ họ tên)', { align: 'right', italic: true }));
    return parts.join('');
  }
  parts.push(wP('PHỤ LỤC', { align: 'center', bold: true, size: 28, after: 0 }));
  parts.push(wP(upper(file.name.replace(/^Phụ lục:\s*/, '')), { align: 'center', bold: true, after: 0 }));
  parts.push(wP(ofDoc, { align: 'center', italic: true, after: 360 }));
  for (const p of textParas(doc)) parts.push(wP(runs(p.text), { align: 'both' }));
  for (const t of tables(doc)) {
    if (t.caption) parts.push(wP(t.caption, { bold: true, after: 60 }));
    parts.push(wTable(t));
    parts.push(wP('', { after: 120 }));
  }
  parts.push(wP(`Người ký: ${doc.signer}, ${doc.signer_title} (đã ký)`, { align: 'right', italic: true, after: 0 }));
  return parts.join('');
}

function docx(doc, file) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const stamp = `${doc.issued}T08:00:00Z`;
  const entries = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`],
    ['docProps/core.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(file.name)}</dc:title><dc:creator>${xml(doc.issuer)}</dc:creator><dc:description>${xml(NOTE)}</dc:description><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`],
    ['word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/></Relationships>`],
    ['word/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${docxBody(doc, file)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`],
  ];
  return zip(entries.map(([n, s]) => [n, Buffer.from(s, 'utf8')]), doc.issued);
}

// ---------------------------------------------------------------------------

async function main() {
  const docs = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readDocument(join(docsDir, f)));
  const wanted = new Map(); // output file name -> {doc, file}
  for (const doc of docs) {
    for (const file of doc.files) {
      if (typeof file.src !== 'string' || !file.src.startsWith(PREFIX)) {
        throw new Error(`${doc.file}: files src must start with ${PREFIX}: ${file.src}`);
      }
      const name = file.src.slice(PREFIX.length);
      if (!/^[a-z0-9-]+\.(pdf|docx)$/.test(name)) throw new Error(`${doc.file}: unsupported file ${file.src}`);
      if (wanted.has(name)) throw new Error(`${doc.file}: ${file.src} is listed twice`);
      wanted.set(name, { doc, file });
    }
  }

  const outputs = new Map();
  const pdfs = [...wanted].filter(([n]) => n.endsWith('.pdf'));
  if (pdfs.length) {
    const { chromium } = loadPlaywright();
    const browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      for (const [name, { doc }] of pdfs) {
        const source = html(doc);
        if (HTML_DIR) writeFileSync(join(HTML_DIR, name.replace(/\.pdf$/, '.html')), source);
        await page.setContent(source, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          margin: { top: '20mm', bottom: '20mm', left: '30mm', right: '15mm' },
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
          printBackground: false,
          tagged: false,
          outline: false,
        });
        outputs.set(name, fixPdfInfo(Buffer.from(pdf), doc.issued));
      }
    } finally {
      await browser.close();
    }
  }
  for (const [name, { doc, file }] of wanted) if (name.endsWith('.docx')) outputs.set(name, docx(doc, file));

  mkdirSync(outDir, { recursive: true });
  let written = 0;
  let differ = 0;
  let total = 0;
  for (const [name, bytes] of [...outputs].sort()) {
    const path = join(outDir, name);
    total += bytes.length;
    const same = existsSync(path) && readFileSync(path).equals(bytes);
    if (same) continue;
    differ++;
    if (!CHECK) {
      writeFileSync(path, bytes);
      written++;
    } else console.error(`make-documents: ${name} is missing or out of date`);
  }
  const stale = readdirSync(outDir).filter((n) => /\.(pdf|docx)$/.test(n) && !outputs.has(n));
  for (const n of stale) {
    differ++;
    if (!CHECK) unlinkSync(join(outDir, n));
    else console.error(`make-documents: ${n} is listed by no document`);
  }
  const big = [...outputs].filter(([n, b]) => n.endsWith('.pdf') && b.length > 60 * 1024).map(([n]) => n);
  if (big.length) console.error(`make-documents: PDFs over 60 KB: ${big.join(', ')}`);
  console.log(
    `make-documents: ${docs.length} documents, ${outputs.size} files (${(total / 1024).toFixed(0)} KB) in ${basename(dirname(outDir))}/${basename(outDir)}: ` +
      (CHECK ? `${differ} differ` : `${written} written, ${stale.length} removed, ${outputs.size - written} unchanged`),
  );
  if (CHECK && differ) process.exit(1);
}

main().catch((e) => {
  console.error(`make-documents: ${e.message}`);
  process.exit(1);
});
