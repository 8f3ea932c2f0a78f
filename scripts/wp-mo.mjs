// Compiles a gettext .po file into a GNU .mo file (used for the WordPress
// plugin's translations in integrations/wordpress/bantin/languages):
//
//   node scripts/wp-mo.mjs in.po out.mo           write out.mo
//   node scripts/wp-mo.mjs --check in.po out.mo   exit 1 if out.mo is not what in.po compiles to
//
// No dependencies. Output is deterministic: little-endian, revision 0, keys
// sorted by their UTF-8 bytes, no hash table; all original strings, then all
// translations, each followed by NUL (the layout of `msgfmt --no-hash`).
// Handles msgctxt, plurals, multi-line strings, C escapes and the header entry
// (empty msgid), from which POT-Creation-Date is dropped as msgfmt does.
// Fuzzy (except the header), untranslated and obsolete (#~)
// entries are left out, as msgfmt does. The .po file must be UTF-8.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const MAGIC = 0x950412de;
const EOT = Buffer.from([4]); // separates msgctxt from msgid in a key
const NUL = Buffer.from([0]); // separates plural forms

class PoError extends Error {}

const SIMPLE_ESCAPES = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34, "'": 39, '?': 63,
};

// Reads the C-style string literal starting at line[pos] (a '"'); returns its
// bytes and the index after the closing quote.
function readString(line, pos, where) {
  const parts = [];
  let i = pos + 1;
  let plain = i;
  const flush = (end) => {
    if (end > plain) parts.push(Buffer.from(line.slice(plain, end), 'utf8'));
  };
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      flush(i);
      return { bytes: Buffer.concat(parts), end: i + 1 };
    }
    if (c !== '\\') {
      i++;
      continue;
    }
    flush(i);
    const e = line[i + 1];
    if (e === undefined) break;
    if (e in SIMPLE_ESCAPES) {
      parts.push(Buffer.from([SIMPLE_ESCAPES[e]]));
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(line.slice(i + 1));
      const value = parseInt(m[0], 8);
      if (value > 255) throw new PoError(`${where}: octal escape \\${m[0]} is out of range`);
      parts.push(Buffer.from([value]));
      i += 1 + m[0].length;
    } else if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 2));
      if (!m) throw new PoError(`${where}: \\x needs hex digits`);
      parts.push(Buffer.from([parseInt(m[0], 16)]));
      i += 2 + m[0].length;
    } else {
      throw new PoError(`${where}: unknown escape \\${e}`);
    }
    plain = i;
  }
  throw new PoError(`${where}: string is not closed`);
}

// Parses .po text into entries { ctxt, id, plural, strs, flags, line }, where
// ctxt/plural may be null and strings are Buffers.
export function parsePo(text, name = 'input') {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries = [];
  let cur = null; // entry being read
  let target = null; // chunks the next continuation line goes to
  let flags = new Set();

  const finish = () => {
    if (!cur) return;
    const where = `${name}:${cur.line}`;
    if (!cur.msgid) throw new PoError(`${where}: entry has no msgid`);
    const indexes = Object.keys(cur.msgstr).map(Number).sort((a, b) => a - b);
    if (indexes.length === 0) throw new PoError(`${where}: entry has no msgstr`);
    if (cur.msgid_plural) {
      if (cur.plainMsgstr) throw new PoError(`${where}: plural entry needs msgstr[n], not msgstr`);
      indexes.forEach((n, k) => {
        if (n !== k) throw new PoError(`${where}: msgstr[${k}] is missing`);
      });
    } else if (!cur.plainMsgstr || indexes.length !== 1) {
      throw new PoError(`${where}: entry without msgid_plural needs exactly one plain msgstr`);
    }
    const join = (chunks) => Buffer.concat(chunks);
    entries.push({
      ctxt: cur.msgctxt ? join(cur.msgctxt) : null,
      id: join(cur.msgid),
      plural: cur.msgid_plural ? join(cur.msgid_plural) : null,
      strs: indexes.map((n) => join(cur.msgstr[n])),
      flags: cur.flags,
      line: cur.line,
    });
    cur = null;
    target = null;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const where = `${name}:${lineNo}`;
    const line = raw.trim();
    if (line === '') {
      finish();
      return;
    }
    if (line.startsWith('#')) {
      // A comment after msgstr starts the next entry's preamble.
      if (cur && Object.keys(cur.msgstr).length) finish();
      if (line.startsWith('#~')) return; // obsolete entry
      if (line.startsWith('#,')) {
        for (const f of line.slice(2).split(',')) if (f.trim()) flags.add(f.trim());
      }
      target = null;
      return;
    }
    if (line.startsWith('"')) {
      if (!target) throw new PoError(`${where}: string without a keyword before it`);
      const s = readString(line, 0, where);
      if (line.slice(s.end).trim() !== '') throw new PoError(`${where}: text after the string`);
      target.push(s.bytes);
      return;
    }
    const m = /^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s*(?=")/.exec(line);
    if (!m) throw new PoError(`${where}: cannot read this line`);
    const [, keyword, n] = m;
    if (n !== undefined && keyword !== 'msgstr') throw new PoError(`${where}: only msgstr takes [n]`);
    const startsEntry = keyword === 'msgctxt' || keyword === 'msgid';
    // msgctxt always opens an entry; msgid does unless it follows its msgctxt.
    if (cur && (keyword === 'msgctxt' || (keyword === 'msgid' && (cur.msgid || Object.keys(cur.msgstr).length)))) {
      finish();
    }
    if (!cur) {
      cur = { msgstr: {}, plainMsgstr: false, flags, line: lineNo };
      flags = new Set();
    }
    if (keyword !== 'msgstr' && !startsEntry && !cur.msgid) throw new PoError(`${where}: msgid_plural before msgid`);
    if (keyword === 'msgstr' && !cur.msgid) throw new PoError(`${where}: msgstr before msgid`);
    const s = readString(line, m[0].length, where);
    if (line.slice(s.end).trim() !== '') throw new PoError(`${where}: text after the string`);
    const chunks = [s.bytes];
    if (keyword === 'msgstr') {
      const key = n === undefined ? 0 : Number(n);
      if (key in cur.msgstr) throw new PoError(`${where}: msgstr${n === undefined ? '' : `[${n}]`} given twice`);
      if (n === undefined) cur.plainMsgstr = true;
      cur.msgstr[key] = chunks;
    } else {
      if (cur[keyword]) throw new PoError(`${where}: ${keyword} given twice`);
      cur[keyword] = chunks;
    }
    target = chunks;
  });
  finish();
  return entries;
}

// The (key, value) pairs an .mo file holds, sorted by key bytes.
export function messages(entries, name = 'input') {
  const seen = new Map();
  const out = [];
  for (const e of entries) {
    const key = Buffer.concat([
      ...(e.ctxt ? [e.ctxt, EOT] : []),
      e.id,
      ...(e.plural ? [NUL, e.plural] : []),
    ]);
    const dedup = key.toString('latin1');
    if (seen.has(dedup)) {
      throw new PoError(`${name}:${e.line}: duplicate of the entry at line ${seen.get(dedup)}`);
    }
    seen.set(dedup, e.line);
    const header = e.ctxt === null && e.id.length === 0;
    if (e.flags.has('fuzzy') && !header) continue; // msgfmt keeps even a fuzzy header
    if (e.strs.every((s) => s.length === 0)) continue; // untranslated
    let strs = e.strs;
    if (header) {
      const text = e.strs[0].toString('utf8');
      checkHeader(text, `${name}:${e.line}`);
      // Like msgfmt, drop the template's creation date, which says nothing
      // about the translation.
      strs = [Buffer.from(text.replace(/^POT-Creation-Date:.*(?:\n|$)/m, ''), 'utf8')];
    }
    const value = Buffer.concat(strs.flatMap((s, i) => (i ? [NUL, s] : [s])));
    out.push([key, value]);
  }
  return out.sort((a, b) => Buffer.compare(a[0], b[0]));
}

function checkHeader(header, where) {
  const m = /^content-type:.*charset=([^\s;]+)/im.exec(header);
  if (m && !/^utf-?8$/i.test(m[1])) {
    throw new PoError(`${where}: charset ${m[1]} is not supported; save the file as UTF-8`);
  }
}

// Lays out the .mo file.
export function buildMo(pairs) {
  const n = pairs.length;
  const origTable = 28;
  const transTable = origTable + 8 * n;
  let offset = transTable + 8 * n; // strings follow the tables; no hash table
  const head = Buffer.alloc(offset);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(0, 4); // revision
  head.writeUInt32LE(n, 8);
  head.writeUInt32LE(origTable, 12);
  head.writeUInt32LE(transTable, 16);
  head.writeUInt32LE(0, 20); // hash table size
  head.writeUInt32LE(offset, 24); // hash table offset
  const body = [];
  const place = (table, i, s) => {
    head.writeUInt32LE(s.length, table + 8 * i);
    head.writeUInt32LE(offset, table + 8 * i + 4);
    body.push(s, NUL);
    offset += s.length + 1;
  };
  pairs.forEach(([key], i) => place(origTable, i, key));
  pairs.forEach(([, value], i) => place(transTable, i, value));
  return Buffer.concat([head, ...body]);
}

// Reads an .mo file back into (key, value) pairs; used to verify the output.
export function readMo(buf) {
  if (buf.length < 28) throw new Error('too short for an .mo file');
  const magic = buf.readUInt32LE(0);
  const le = magic === MAGIC;
  if (!le && buf.readUInt32BE(0) !== MAGIC) throw new Error('not an .mo file (bad magic number)');
  const u32 = (at) => (le ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const n = u32(8);
  const orig = u32(12);
  const trans = u32(16);
  const str = (table, i) => {
    const length = u32(table + 8 * i);
    const at = u32(table + 8 * i + 4);
    if (at + length >= buf.length || buf[at + length] !== 0) throw new Error(`string ${i} is out of bounds`);
    return buf.subarray(at, at + length);
  };
  const pairs = [];
  for (let i = 0; i < n; i++) pairs.push([str(orig, i), str(trans, i)]);
  return pairs;
}

export function compile(text, name) {
  const pairs = messages(parsePo(text, name), name);
  const mo = buildMo(pairs);
  // Self-check: the layout must read back to exactly the pairs we meant.
  const back = readMo(mo);
  const same =
    back.length === pairs.length &&
    back.every(([k, v], i) => k.equals(pairs[i][0]) && v.equals(pairs[i][1]));
  if (!same) throw new Error('internal error: the .mo file does not read back as written');
  return { mo, count: pairs.length };
}

function main(argv) {
  const check = argv[0] === '--check';
  const args = check ? argv.slice(1) : argv;
  if (args.length !== 2 || args.some((a) => a.startsWith('--'))) {
    console.error('usage: node scripts/wp-mo.mjs [--check] in.po out.mo');
    return 2;
  }
  const [input, output] = args;
  let result;
  try {
    result = compile(readFileSync(input, 'utf8'), input);
  } catch (err) {
    console.error(`wp-mo: ${err instanceof PoError ? err.message : `${input}: ${err.message}`}`);
    return 1;
  }
  if (check) {
    const fix = `run: node scripts/wp-mo.mjs ${input} ${output}`;
    if (!existsSync(output)) {
      console.error(`wp-mo: ${output} is missing; ${fix}`);
      return 1;
    }
    if (!readFileSync(output).equals(result.mo)) {
      console.error(`wp-mo: ${output} is out of date with ${input}; ${fix}`);
      return 1;
    }
    console.log(`wp-mo: ${output} is up to date (${result.count} messages)`);
    return 0;
  }
  writeFileSync(output, result.mo);
  console.log(`wp-mo: wrote ${output} (${result.count} messages, ${result.mo.length} bytes)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
