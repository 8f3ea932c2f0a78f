// bantin's service worker. Written by `bantin build` (crates/build/src/offline.rs)
// into <base>sw.js with the values below filled in; served with no-cache, never hashed.
// Caches: the app files of one build (deleted when a newer build activates),
// pages (only those naming this build are served; the others go on
// activation), data documents (stale-while-revalidate), images (cache-first,
// least recently used out past IMG_MAX) and the reader's saved articles
// (bantin-luu, written by the page script src/js/offline.js, never evicted here).
"use strict";
const BUILD = "__BUILD__";
const BASE = "__BASE__";
// The whole site's root: BASE, but in a section of another language (BASE
// then is e.g. ROOT + "en/"), whose app files and images are the root's.
const ROOT = "__ROOT__";
// The sections under this worker's scope, which have workers of their own.
const SECTIONS = __SECTIONS__;
// Precached files: under BASE, or the root's named by their path ("/…").
const PRECACHE = __PRECACHE__;
const SHELL = BASE + "app.html";
const OFFLINE = BASE + "ngoai-tuyen";
const C_APP = "bantin-vo-" + BUILD;
const C_PAGES = "bantin-trang";
const C_DATA = "bantin-du-lieu";
const C_IMG = "bantin-anh";
const C_SAVED = "bantin-luu";
const KEEP = [C_APP, C_PAGES, C_DATA, C_IMG, C_SAVED];
const IMG_MAX = 200;
const NAV_TIMEOUT = 3000;
const LOG = BASE + "__bantin-anh-log";

// Whether a page names this build's files (<meta name="bantin-build">).
const current = async (r) => (await r.clone().text()).includes('content="' + BUILD + '"');
const good = (r) => r && r.ok && r.status === 200 && r.type === "basic";
const editor = (p) => /\/(admin|quan-tri)(\/|$)/.test(p);
// One cache key per page: no query, no final slash, no index.html.
const pageKey = (u) => {
  const p = new URL(u, location.href).pathname.replace(/index\.html$/, "");
  return location.origin + (p.length > BASE.length ? p.replace(/\/+$/, "") : BASE);
};

async function put(cache, key, res) {
  if (good(res)) await (await caches.open(cache)).put(key, res);
}

self.addEventListener("install", (e) => {
  e.waitUntil(
    (async () => {
      const c = await caches.open(C_APP);
      await Promise.all(
        PRECACHE.map(async (u) => {
          const at = u.startsWith("/") ? u : BASE + u;
          const res = await fetch(at, { cache: "reload" });
          if (!good(res)) throw new Error("bantin sw: cannot precache " + u);
          await c.put(u === "" || u.endsWith("/") ? pageKey(at) : at, res);
        }),
      );
    })(),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const k of await caches.keys()) if (k.startsWith("bantin-") && !KEEP.includes(k)) await caches.delete(k);
      // Pages of an older build name files that may be gone.
      const pages = await caches.open(C_PAGES);
      for (const req of await pages.keys()) if (!(await current(await pages.match(req)))) await pages.delete(req);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (e) => {
  const d = e.data || {};
  // A page of this build asks, once it has loaded and gone quiet (src/js/offline.js).
  if (d.t === "activate" && d.build === BUILD) e.waitUntil(takeOver());
  // A page shown before this worker controlled it: keep it and its images.
  if (d.t === "seen" && typeof d.page === "string")
    e.waitUntil(
      Promise.all([
        fetch(d.page).then((r) => put(C_PAGES, pageKey(d.page), r)),
        ...(d.images || []).map((u) => image(new Request(u)).catch(() => {})),
      ]).catch(() => {}),
    );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== location.origin || !url.pathname.startsWith(ROOT) || editor(url.pathname)) return;
  if (!url.pathname.startsWith(BASE)) {
    // A section's page asks for the root's images and app files.
    if (req.mode === "navigate") return;
    const own = url.pathname.slice(ROOT.length);
    if (req.destination === "image" || own.startsWith("anh/")) return e.respondWith(image(req));
    return e.respondWith(caches.match(req, { cacheName: C_APP }).then((r) => r || fetch(req)));
  }
  const path = url.pathname.slice(BASE.length);
  if (SECTIONS.some((s) => path.startsWith(s))) return;
  if (path === "sw.js") return;
  if (req.mode === "navigate") return e.respondWith(navigate(e));
  if (path === "config.json") return e.respondWith(network(e, req, C_DATA));
  if (path.startsWith("data/")) return e.respondWith(revalidate(e, req));
  if (req.destination === "image" || path.startsWith("anh/")) return e.respondWith(image(req));
  e.respondWith(caches.match(req, { cacheName: C_APP }).then((r) => r || fetch(req)));
});

// Network, then the cache only when the network fails (config.json).
async function network(e, req, cache) {
  try {
    const res = await fetch(req);
    e.waitUntil(put(cache, req.url, res.clone()));
    return res;
  } catch (err) {
    const hit = await caches.match(req.url, { cacheName: cache });
    if (hit) return hit;
    throw err;
  }
}

// Data documents: the cached copy at once (a saved one counts), refreshed in the background.
async function revalidate(e, req) {
  const hit = (await caches.match(req.url, { cacheName: C_DATA })) || (await caches.match(req.url, { cacheName: C_SAVED }));
  const fresh = fetch(req).then(async (res) => {
    await put(C_DATA, req.url, res.clone());
    return res;
  });
  if (hit) {
    e.waitUntil(fresh.catch(() => {}));
    return hit;
  }
  return fresh;
}

// Images: cache-first; the LRU log lives in the image cache itself.
let log = null, logTimer = 0;
async function readLog(c) {
  if (!log) {
    const r = await c.match(LOG);
    log = r ? await r.json().catch(() => ({})) : {};
  }
  return log;
}
async function image(req) {
  const url = req.url.split("#")[0];
  const saved = await caches.match(url, { cacheName: C_SAVED });
  if (saved) return saved;
  const c = await caches.open(C_IMG);
  const l = await readLog(c);
  let res = await c.match(url);
  if (!res) {
    res = await fetch(req);
    if (!good(res)) return res;
    await c.put(url, res.clone());
  }
  l[url] = Date.now();
  clearTimeout(logTimer);
  logTimer = setTimeout(() => trim(c), 500);
  return res;
}
async function trim(c) {
  const l = await readLog(c);
  const urls = Object.keys(l).sort((a, b) => l[a] - l[b]);
  for (const u of urls.slice(0, Math.max(0, urls.length - IMG_MAX))) {
    delete l[u];
    await c.delete(u);
  }
  await c.put(LOG, new Response(JSON.stringify(l), { headers: { "Content-Type": "application/json" } }));
}

// Pages: the network within NAV_TIMEOUT (kept for later), else the cache,
// else the app shell when the route's data is cached, else the offline page.
async function navigate(e) {
  const req = e.request;
  const key = pageKey(req.url);
  const net = fetch(req).then((res) => {
    if (good(res) && !res.redirected) e.waitUntil(put(C_PAGES, key, res.clone()));
    return res;
  });
  e.waitUntil(net.catch(() => {}));
  try {
    return await Promise.race([net, new Promise((_, no) => setTimeout(no, NAV_TIMEOUT))]);
  } catch (err) {
    /* offline, or slower than NAV_TIMEOUT */
  }
  const page = (await caches.match(key, { cacheName: C_APP })) || (await caches.match(key, { cacheName: C_PAGES }));
  // A page kept under an older build names files that may be gone: the shell
  // of this build shows it from its data instead.
  if (page && (await current(page))) return page;
  const saved = await caches.match(key, { cacheName: C_SAVED });
  if (saved && (await current(saved))) return saved;
  const doc = dataOf(key.slice(location.origin.length + BASE.length));
  const data = doc && ((await caches.match(BASE + "data/" + doc, { cacheName: C_DATA })) || (await caches.match(BASE + "data/" + doc, { cacheName: C_SAVED })));
  if (page || saved || data) {
    const shell = await caches.match(SHELL, { cacheName: C_APP });
    if (shell) return shell;
  }
  return (await caches.match(pageKey(OFFLINE), { cacheName: C_APP })) || Response.error();
}

// The data document an app route shows (bantin_contract::paths).
function dataOf(route) {
  let m;
  if (route === "") return "trang-chu.json";
  if ((m = /^bai-viet\/([^/]+)$/.exec(route))) return "bai-viet/" + m[1] + ".json";
  if ((m = /^trang\/([^/]+)$/.exec(route))) return "trang/" + m[1] + ".json";
  if (route === "van-ban") return "van-ban/index.json";
  if ((m = /^van-ban\/([^/]+)$/.exec(route))) return "van-ban/" + m[1] + ".json";
  if ((m = /^(moi-nhat|chuyen-muc\/[^/]+|the\/[^/]+)(?:\/trang\/([1-9][0-9]*))?$/.exec(route))) return m[1] + "/" + (m[2] || 1) + ".json";
  return null;
}

// A new build takes over from the old one between pages, never mid-page: when a
// page that names this build's files (so it came from the network after the
// deploy) asks, and it is the site's only window. It asks once it has loaded
// and gone quiet, not on its navigation: Chromium stops a busy old worker to
// activate the new one, and a fetch of the page that restarts it first leaves
// the activation pending until a later navigation, which then can hang.
async function takeOver() {
  const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  if (self.registration.waiting === self.serviceWorker && open.length <= 1) await self.skipWaiting();
}
