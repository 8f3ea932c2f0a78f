// Offline reading, the page side (plain JS, no app needed): registers the
// service worker (crates/build/src/sw.js), handles "Lưu bài" and the buttons
// of /da-luu and the offline view (data-bt-* attributes rendered by the app's
// components), and remembers the recently read articles. Lists are JSON
// arrays of {slug, title, date, url} in localStorage (src/pages/offline.rs reads them).
(function () {
  var d = document, SAVED = "bantin:da-luu", RECENT = "bantin:gan-day", CACHE = "bantin-luu";
  if (d.querySelector('meta[name="bantin-offline"][content="off"]') || !window.caches || !("serviceWorker" in navigator) || !isSecureContext) return;
  var sw = navigator.serviceWorker;
  // Shows the save buttons (main.css) without changing the views' markup.
  d.documentElement.classList.add("bt-luu");
  function read(k) { try { var v = JSON.parse(localStorage.getItem(k)); return Array.isArray(v) ? v : []; } catch (e) { return []; } }
  function write(k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) {} }
  function abs(u) { return new URL(u, d.baseURI).href; }
  function key(u) { var p = new URL(u, d.baseURI); return p.origin + p.pathname.replace(/index\.html$/, "").replace(/(.)\/+$/, "$1"); }
  function entry(b) { var s = b.dataset; return { slug: s.btSave, title: s.btTitle, date: s.btDate, url: s.btUrl }; }
  function without(list, slug) { return list.filter(function (e) { return e.slug !== slug; }); }

  // The words this script shows, in the page's language (the app's own are in src/strings.rs).
  var EN = d.documentElement.lang == "en";
  var W = EN
    ? { saved: "Saved", save: "Save article", using: "Using ", clear: "Remove every saved article from this browser?", failed: "Not saved, try again", locale: "en-GB" }
    : { saved: "Đã lưu", save: "Lưu bài", using: "Đang dùng ", clear: "Xóa tất cả bài đã lưu khỏi trình duyệt này?", failed: "Chưa lưu được, thử lại", locale: "vi-VN" };

  // The buttons of the view on screen, and the recently read list.
  function sync() {
    var saved = read(SAVED);
    d.querySelectorAll("[data-bt-save]").forEach(function (b) {
      var on = saved.some(function (e) { return e.slug === b.dataset.btSave; });
      var t = on ? W.saved : W.save;
      if (b.textContent != t) { b.setAttribute("aria-pressed", on); b.textContent = t; }
    });
    var a = d.querySelector("[data-bt-save]");
    if (a) write(RECENT, [entry(a)].concat(without(read(RECENT), a.dataset.btSave)).slice(0, 20));
    var p = d.querySelector("[data-bt-storage]");
    if (p && navigator.storage && navigator.storage.estimate)
      navigator.storage.estimate().then(function (s) {
        p.textContent = W.using + ((s.usage || 0) / 1048576).toLocaleString(W.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) + " MB";
        p.hidden = false;
      });
  }

  // Saves the page, its document and its images in the cache the worker never evicts.
  async function save(b) {
    var s = b.dataset, c = await caches.open(CACHE), art = b.closest("article") || d;
    var imgs = [].map.call(art.querySelectorAll(":scope > figure img, .bt-article__body img"), function (i) { return i.currentSrc || i.src; });
    if (s.btImage) imgs.push(abs(s.btImage));
    imgs = imgs.filter(function (u, i) { return u && new URL(u).origin === location.origin && imgs.indexOf(u) === i; });
    await Promise.all([[s.btUrl, key(s.btUrl)], [s.btJson, abs(s.btJson)]].concat(imgs.map(function (u) { return [u, u]; })).map(async function (x) {
      var r = await fetch(abs(x[0]));
      if (!r.ok) throw new Error(x[0]);
      await c.put(x[1], r);
    }));
    await c.put(abs("__bantin-luu/" + s.btSave), new Response(JSON.stringify(imgs)));
    write(SAVED, [entry(b)].concat(without(read(SAVED), s.btSave)));
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  }
  function imagesOf(c, slug) { return c.match(abs("__bantin-luu/" + slug)).then(function (r) { return r ? r.json() : []; }).catch(function () { return []; }); }
  async function remove(slug) {
    var c = await caches.open(CACHE), all = read(SAVED), e = all.find(function (x) { return x.slug === slug; });
    var mine = await imagesOf(c, slug), others = [];
    // An image another saved article shows stays.
    for (var o of all) if (o.slug !== slug) others = others.concat(await imagesOf(c, o.slug));
    var gone = mine.filter(function (u) { return others.indexOf(u) < 0; });
    if (e) gone.push(key(e.url));
    gone.push(abs("data/bai-viet/" + slug + ".json"), abs("__bantin-luu/" + slug));
    await Promise.all(gone.map(function (u) { return c.delete(u); }));
    write(SAVED, without(read(SAVED), slug));
    shown(slug);
  }
  // /da-luu is drawn once: take the removed rows out, say so when none is left.
  function shown(slug) {
    d.querySelectorAll("[data-bt-remove]").forEach(function (b) { if (!slug || b.dataset.btRemove === slug) b.closest("li").remove(); });
    var s = d.querySelector(".bt-saved");
    if (s && !s.querySelector("li")) { s.querySelector(".bt-saved__empty").hidden = false; d.querySelector("[data-bt-clear]").parentNode.hidden = true; }
  }

  d.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("[data-bt-save],[data-bt-remove],[data-bt-clear],[data-bt-retry]");
    if (!b) return;
    var s = b.dataset;
    if (s.btRetry !== undefined) return location.reload();
    if (s.btClear !== undefined) {
      if (confirm(W.clear)) caches.delete(CACHE).then(function () { write(SAVED, []); shown(); sync(); });
      return;
    }
    var slug = s.btSave || s.btRemove, on = s.btSave && b.getAttribute("aria-pressed") !== "true";
    b.disabled = true;
    (on ? save(b) : remove(slug)).then(sync, function () {
      b.textContent = W.failed;
    }).then(function () { b.disabled = false; });
  });
  d.addEventListener("bantin:view", sync);
  if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", sync); else sync();

  // A new build's worker waiting: this page asks it to take over once the page
  // has gone quiet; it does when the page is of its build and the site's only
  // window (takeOver in crates/build/src/sw.js).
  function takeOver(r) {
    var b = d.querySelector('meta[name="bantin-build"]');
    if (r.waiting && b)
      setTimeout(function () {
        (window.requestIdleCallback || setTimeout)(function () {
          if (r.waiting) r.waiting.postMessage({ t: "activate", build: b.content });
        });
      }, 2000);
  }

  // The worker, once the page has loaded and the browser is idle (the page
  // script loads this file after the page's load event: src/js/page.js).
  function registerWorker() {
    (window.requestIdleCallback || setTimeout)(function () {
      sw.register(abs("sw.js")).then(function () { return sw.ready; }).then(function (r) {
        // A page shown before the worker took over: let it keep the page and its images.
        if (!sw.controller && r.active)
          r.active.postMessage({ t: "seen", page: location.href, images: [].map.call(d.images, function (i) { return i.currentSrc || i.src; }) });
        takeOver(r);
        r.addEventListener("updatefound", function () {
          var w = r.installing;
          if (w) w.addEventListener("statechange", function () { if (w.state == "installed") takeOver(r); });
        });
      }).catch(function () {});
    });
  }
  if (d.readyState == "complete") registerWorker();
  else addEventListener("load", registerWorker);
})();
