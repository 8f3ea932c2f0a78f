// A small static server for the bench's browser measurements, standing in for a real
// compressing host in front of the built site (`dist/`):
//
// - brotli (quality 11) when the request's Accept-Encoding has `br`, else gzip when it has
//   `gzip`; each file is compressed once and kept (keyed by path, size and mtime);
// - content types by extension (application/wasm, application/manifest+json, …);
// - `Cache-Control: public, max-age=31536000, immutable` for trunk's content-hashed files,
//   `no-cache` for HTML, JSON and unhashed scripts, an hour for images and fonts;
// - the same URL rules as `bantin serve` (crates/build/src/serve.rs): `/x` is the file
//   `x` or `x/index.html`; dot files are 404; a listing URL that names no file is a 404,
//   and its old forms (`…/trang/1`, `?trang=N`) redirect with 301; any other path without
//   a file extension falls back to the app shell `app.html` with 200; anything else is
//   `404.html` with status 404;
// - `?san=1` on an HTML page answers the same page with every `<script>` element and every
//   modulepreload/preload link removed (`staticFloor`): the page "with its scripts removed".
//
//   const server = await serveDist('dist');  // server.url, server.close()

import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** The query flag that asks for a page's static floor (its HTML without scripts). */
export const FLOOR_FLAG = 'san';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

// Already compressed formats are sent as they are.
const COMPRESSIBLE = new Set(['.html', '.htm', '.js', '.mjs', '.wasm', '.css', '.json', '.map', '.webmanifest', '.svg', '.xml', '.txt', '.ico']);

/** The page HTML without scripts: no <script> elements, no modulepreload/preload links. */
export function staticFloor(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)["']?[^>]*>/gi, '');
}

/** True when a file name carries a trunk content hash (as `bantin serve`'s has_trunk_hash). */
export function hasTrunkHash(name) {
  return name
    .split('-')
    .slice(1)
    .some((part) => {
      const hex = /^[0-9a-f]*/i.exec(part)[0].length;
      return hex >= 12 && (hex === part.length || part[hex] === '.' || part[hex] === '_');
    });
}

function cacheControl(file) {
  const ext = path.extname(file).toLowerCase();
  const type = CONTENT_TYPES[ext] ?? '';
  if (hasTrunkHash(path.basename(file))) return 'public, max-age=31536000, immutable';
  if (type.startsWith('image/') || type.startsWith('font/')) return 'public, max-age=3600';
  return 'no-cache';
}

const isFile = (p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
const isDir = (p) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** `bantin_contract::paths::routes::listing`: [listing segments, page text or null], or null. */
function listing(segments) {
  let head = segments;
  let page = null;
  if (segments.length >= 3 && segments[segments.length - 2] === 'trang') {
    head = segments.slice(0, -2);
    page = segments[segments.length - 1];
  }
  const ok = (head.length === 1 && head[0] === 'moi-nhat') || (head.length === 2 && (head[0] === 'chuyen-muc' || head[0] === 'the'));
  return ok ? { head, page } : null;
}
const pageNumber = (text) => (/^[1-9][0-9]*$/.test(text ?? '') ? Number(text) : null);

/**
 * What a request maps to: { status, file } or { status: 301, location } or { status: 403 }.
 * `root` is an absolute path.
 */
export function resolve(root, url) {
  let decoded;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  const segments = decoded.split('/').filter((s) => s && s !== '.');
  const notFound = () => ({ status: 404, file: isFile(path.join(root, '404.html')) ? path.join(root, '404.html') : null });
  for (const s of segments) {
    if (s === '..' || /[\\\0]/.test(s)) return { status: 403 };
    if (s.startsWith('.') && s !== '.well-known') return notFound();
  }
  const list = listing(segments);
  if (list) {
    const bare = list.head.join('/');
    if (list.page !== null && pageNumber(list.page) === 1) return { status: 301, location: `/${bare}` };
    const q = url.searchParams.get('trang');
    if (list.page === null && q !== null && pageNumber(q) !== null) {
      return { status: 301, location: pageNumber(q) === 1 ? `/${bare}` : `/${bare}/trang/${pageNumber(q)}` };
    }
  }
  const candidate = path.join(root, ...segments);
  if (!candidate.startsWith(root)) return { status: 403 };
  if (isFile(candidate)) return { status: 200, file: candidate };
  if (isDir(candidate) && isFile(path.join(candidate, 'index.html'))) return { status: 200, file: path.join(candidate, 'index.html') };
  const last = segments[segments.length - 1] ?? '';
  const hasExtension = last.lastIndexOf('.') > 0 && last.lastIndexOf('.') < last.length - 1;
  const isListing = list !== null && isFile(path.join(root, '404.html'));
  if (!hasExtension && !isListing) {
    for (const shell of ['app.html', 'index.html']) {
      if (isFile(path.join(root, shell))) return { status: 200, file: path.join(root, shell) };
    }
  }
  return notFound();
}

/**
 * Serves `dist` on 127.0.0.1 (a free port unless `port` is given). Resolves to
 * { url, port, requests, close() }; `requests` counts the requests answered.
 */
export async function serveDist(dist, { port = 0 } = {}) {
  const root = path.resolve(dist);
  if (!isFile(path.join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run \`make site\` first`);
  const cache = new Map();
  /** The body of `file` (its floor when `floor`), encoded with `enc` (null: identity); cached. */
  const body = (file, floor, enc) => {
    const st = statSync(file);
    const key = `${file}\0${floor ? 1 : 0}\0${enc}`;
    const hit = cache.get(key);
    if (hit && hit.mtime === st.mtimeMs && hit.size === st.size) return hit.bytes;
    let bytes = readFileSync(file);
    if (floor) bytes = Buffer.from(staticFloor(bytes.toString('utf8')));
    if (enc === 'br') bytes = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    else if (enc === 'gzip') bytes = gzipSync(bytes, { level: 9 });
    cache.set(key, { mtime: st.mtimeMs, size: st.size, bytes });
    return bytes;
  };
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { allow: 'GET, HEAD' }).end();
      const url = new URL(req.url, 'http://127.0.0.1');
      const r = resolve(root, url);
      if (r.status === 301) return res.writeHead(301, { location: r.location, 'content-length': 0 }).end();
      if (!r.file) return res.writeHead(r.status, { 'content-type': 'text/plain; charset=utf-8' }).end(String(r.status));
      const ext = path.extname(r.file).toLowerCase();
      const floor = url.searchParams.get(FLOOR_FLAG) === '1' && ext === '.html';
      const accept = String(req.headers['accept-encoding'] ?? '');
      const enc = !COMPRESSIBLE.has(ext) ? null : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
      const bytes = body(r.file, floor, enc);
      const headers = {
        'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'cache-control': r.status === 200 ? cacheControl(r.file) : 'no-cache',
        'content-length': bytes.length,
        vary: 'Accept-Encoding',
      };
      if (enc) headers['content-encoding'] = enc;
      res.writeHead(r.status, headers);
      res.end(req.method === 'HEAD' ? undefined : bytes);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err?.message ?? err));
    }
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  const actual = server.address().port;
  let closed = false;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    get requests() {
      return requests;
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
