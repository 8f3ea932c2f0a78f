/*
 * bantin embed loader (dist/embed.js). A host page includes it once:
 *   <script src="https://PORTAL/embed.js" async></script>
 * and declares widgets anywhere, at any time:
 *   <bantin-tin loai="moi-nhat" so-tin="5"><a href="https://PORTAL/">Tin tức</a></bantin-tin>
 * Attributes are documented in README.md ("Nhúng tin vào trang khác").
 *
 * ES5 on purpose, no dependencies. One global: window.BanTinNhung. Every URL
 * is derived from this script's own address, so the portal may live under any
 * origin and base path. The widget module (WebAssembly) loads only when a
 * widget comes within 200px of the viewport, and renders each widget inside
 * its own shadow root; until then, and if scripts or the module fail, the
 * element's own fallback link shows.
 */
(function (w, d) {
  'use strict';
  var NS = 'BanTinNhung';
  if (w[NS]) {
    // Included twice: the first copy already watches the page.
    w[NS].scan();
    return;
  }
  var TAG = 'bantin-tin';
  var MARK = '__bantinTin';
  // The content-hashed widget files, filled in by scripts/build-widgets.mjs.
  var FILE = '__BANTIN_WIDGET__';
  // The portal's language (site.toml's `lang`) and brand ([brand]: the header's
  // colour and its text's), on this one line, which `bantin build` writes (and
  // scripts/build-widgets.mjs keeps); a widget's `lang` and `giao-dien` win.
  var SITE = {"lang":"vi","brand":null};
  var LANG = SITE.lang;
  var BRAND = SITE.brand;
  // Heights in px; they must equal `layout` in crates/widgets/src/options.rs (a test checks).
  var HEAD = 40, FOOT = 36, ROW_COMPACT = 48, ROW_THUMB = 76, CARD = 124, BORDER = 2;
  var MAX_COUNT = 10, DEFAULT_COUNT = 5;

  var script = d.currentScript;
  if (!script) {
    var all = d.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0 && !script; i--) {
      if (/\/embed\.js(?:[?#]|$)/.test(all[i].src)) script = all[i];
    }
  }
  // The portal's address ending in '/': the folder embed.js is served from.
  var root = script ? script.src.replace(/[?#].*$/, '').replace(/[^\/]*$/, '') : '';
  var state = 0; // 0 not loaded, 1 loading, 2 ready, 3 failed
  var render = null;
  var waiting = [];
  var sight = w.IntersectionObserver
    ? new w.IntersectionObserver(onSight, { rootMargin: '200px' })
    : null;

  function attr(el, name) {
    return (el.getAttribute(name) || '').replace(/^\s+|\s+$/g, '');
  }

  // The widget's height from its attributes, as options.rs computes it.
  function height(el) {
    var kind = attr(el, 'loai');
    if (kind === 'bai-viet') return CARD + BORDER;
    var n = parseInt(attr(el, 'so-tin'), 10);
    n = isNaN(n) ? DEFAULT_COUNT : Math.max(1, Math.min(MAX_COUNT, n));
    var row = attr(el, 'kieu') === 'gon' || kind === 'lien-ket' ? ROW_COMPACT : ROW_THUMB;
    return HEAD + n * row + FOOT + BORDER;
  }

  function scan() {
    var list = d.getElementsByTagName(TAG);
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (el[MARK]) continue;
      el[MARK] = 1;
      // Reserve the space now so the host's layout does not jump later.
      el.style.display = 'block';
      el.style.minHeight = height(el) + 'px';
      if (sight) sight.observe(el);
      else want(el);
    }
  }

  function onSight(entries) {
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].isIntersecting) {
        sight.unobserve(entries[i].target);
        want(entries[i].target);
      }
    }
  }

  function want(el) {
    if (state === 2) draw(el);
    else if (state !== 3) {
      waiting.push(el);
      load();
    }
  }

  function load() {
    if (state !== 0) return;
    state = 1;
    var s = d.createElement('script');
    s.type = 'module';
    s.src = root + 'widget/' + FILE + '-start.js';
    s.onerror = fail;
    (d.head || d.documentElement).appendChild(s);
  }

  // Called by the start module with wasm-bindgen's init and the widget's render.
  function ready(init, draw) {
    if (state !== 1) return;
    init({ module_or_path: root + 'widget/' + FILE + '_bg.wasm' }).then(function () {
      render = draw;
      state = 2;
      var list = waiting;
      waiting = [];
      for (var i = 0; i < list.length; i++) want(list[i]);
    }, fail);
  }

  // The module did not load: keep the fallback links and give the space back.
  function fail() {
    state = 3;
    for (var i = 0; i < waiting.length; i++) waiting[i].style.minHeight = '';
    waiting = [];
  }

  function draw(el) {
    if (!el.attachShadow && !el.shadowRoot) {
      el.style.minHeight = '';
      return;
    }
    var shadow = el.shadowRoot || el.attachShadow({ mode: 'open' });
    if (BRAND) {
      // Read only by a widget without `giao-dien` (crates/widgets/src/style.rs).
      el.style.setProperty('--bantin-brand', BRAND[0]);
      el.style.setProperty('--bantin-on-brand', BRAND[1]);
    }
    render(el, shadow, root, LANG).then(function () {
      el.style.minHeight = '';
      el.setAttribute('data-trang-thai', 'xong');
    });
  }

  w[NS] = { root: root, scan: scan, height: height, _ready: ready };
  scan();
  if (w.MutationObserver) {
    var queued = false;
    new w.MutationObserver(function () {
      if (queued) return;
      queued = true;
      setTimeout(function () {
        queued = false;
        scan();
      }, 0);
    }).observe(d.documentElement, { childList: true, subtree: true });
  }
})(window, document);
