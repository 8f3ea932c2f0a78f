// bantin's page script, inlined into every page by trunk (index.html). It makes a
// prerendered page complete on its own before (or without) the app, and starts the app:
//
// - Controls: every control that needs a script acts through one delegated listener on
//   the markup the Leptos views render (`data-bt-*` attributes), so it works the same on
//   a prerendered page before the app has started and on the views the app renders:
//   text size (`data-bt-size`), the theme (`data-bt-theme`), the phone menu and the sub-menus (`data-bt-toggle`), copy link, Zalo, the
//   share sheet, print, a video's play button and a gallery's photos (`data-bt-act`). The app dispatches `bantin:view` on document
//   after each view it shows; the state of the controls is synced then.
// - Loading: the app's code (named by trunk in `<meta name="bantin-app">`, see Trunk.toml)
//   loads at once where the page needs it (the bare app shell, or a prerendered page whose
//   `#bt-static` says `data-bt-now`), else after the page's `load` event and its first
//   paint (afterFirstPaint), when the browser is idle, at low priority: it then never
//   competes with the page's own images. A click before that is an ordinary page load.
//   Focusing the search box starts it sooner. The search page with a query has the
//   search module write its results first, and starts the app after them.
// - Links to a place in the page ("#noi-dung") stay in the page despite <base href>.
(function () {
  var root = document.documentElement;
  var SIZES = [90, 100, 115, 130, 150];
  var SIZE_KEY = "bantin:co-chu";

  function stored() {
    try {
      var i = parseInt(localStorage.getItem(SIZE_KEY), 10);
      return i >= 0 && i < SIZES.length ? i : 1;
    } catch (e) {
      return 1;
    }
  }
  // Applied before the body is parsed: a reader's size never shifts the page.
  var size = stored();
  function applySize() {
    root.style.setProperty("--bt-text", SIZES[size] + "%");
  }
  applySize();

  // The theme: the reader's choice (the header's toggle), else the system's. Set on
  // <html> before the body is parsed, so a page paints in its theme from the first
  // frame (main.css, [data-theme="dark"]); it follows a change of the system's
  // setting and a choice made in another tab.
  var THEME_KEY = "bantin:giao-dien";
  var system = window.matchMedia && matchMedia("(prefers-color-scheme: dark)");
  function chosenTheme() {
    try {
      var t = localStorage.getItem(THEME_KEY);
      if (t == "dark" || t == "light") return t;
    } catch (e) {}
    return null;
  }
  function applyTheme(t) {
    root.setAttribute("data-theme", t || chosenTheme() || (system && system.matches ? "dark" : "light"));
  }
  applyTheme();
  function themeChanged() {
    applyTheme();
    sync();
  }
  if (system && system.addEventListener) system.addEventListener("change", themeChanged);
  addEventListener("storage", function (e) {
    if (e.key == THEME_KEY || e.key == SIZE_KEY) {
      size = stored();
      applySize();
      themeChanged();
    }
  });

  var placeholdersInCss = window.CSS && CSS.supports("background-color: attr(data-x type(<color>), red)");

  function each(selector, fn) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  // The state shown by the controls of the views on screen.
  function sync() {
    each("[data-bt-size]", function (b) {
      var up = b.getAttribute("data-bt-size") == "+";
      b.disabled = up ? size >= SIZES.length - 1 : size <= 0;
    });
    each(".bt-textsize__value", function (v) {
      v.textContent = SIZES[size] + "%";
    });
    each("[data-bt-act=share]", function (b) {
      b.hidden = !navigator.share;
    });
    // Photos' placeholder colours, where the stylesheet cannot read them (see main.css).
    if (!placeholdersInCss) {
      each("img[data-bt-ph]", function (img) {
        img.style.backgroundColor = img.getAttribute("data-bt-ph");
      });
    }
    each("[data-bt-theme]", function (b) {
      b.setAttribute("aria-pressed", String(root.getAttribute("data-theme") == "dark"));
    });
    each("[data-bt-toggle]", function (b) {
      setOpen(b, false);
    });
  }

  function say(el, key) {
    var group = el.closest("[data-bt-tools]");
    var status = group && group.querySelector("[role=status]");
    if (status) status.textContent = group.getAttribute("data-bt-" + key) || "";
  }
  function pageUrl() {
    return location.href.split("#")[0];
  }
  function copy(text) {
    return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject();
  }
  function sheet(el) {
    var group = el.closest("[data-bt-tools]");
    if (!navigator.share) return Promise.reject();
    return navigator.share({ title: (group && group.getAttribute("data-bt-title")) || document.title, url: pageUrl() });
  }

  // A YouTube facade becomes the privacy-enhanced player, playing, only on a click.
  function video(el, ev) {
    var id = el.getAttribute("data-bt-yt");
    if (!/^[\w-]{11}$/.test(id)) return;
    ev.preventDefault();
    var f = document.createElement("iframe");
    f.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1";
    f.title = el.getAttribute("data-bt-title") || "";
    f.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    f.setAttribute("allowfullscreen", "");
    f.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    el.replaceWith(f);
    f.focus();
  }

  // A gallery's photo opens in a viewer: arrows or swipes move, Escape closes.
  function photo(el, ev) {
    var g = el.closest("[data-bt-gallery]");
    if (!g || !window.HTMLDialogElement) return;
    ev.preventDefault();
    var words = g.getAttribute("data-bt-gallery").split("|");
    var links = g.querySelectorAll("[data-bt-act=photo]");
    var i = Array.prototype.indexOf.call(links, el);
    var d = document.createElement("dialog");
    d.className = "bt-viewer";
    d.setAttribute("aria-label", g.getAttribute("aria-label"));
    d.innerHTML =
      '<figure><img alt=""><figcaption></figcaption></figure><p class="bt-viewer__count" aria-live="polite"></p>' +
      '<button type="button" class="bt-viewer__prev" data-v="-1"></button>' +
      '<button type="button" class="bt-viewer__next" data-v="1"></button>' +
      '<button type="button" class="bt-viewer__close" data-v="0"></button>';
    var img = d.querySelector("img");
    // A mouse swipe must not drag the picture away instead.
    img.draggable = false;
    var buttons = d.querySelectorAll("button");
    for (var b = 0; b < 3; b++) buttons[b].setAttribute("aria-label", words[b]);
    function show(k) {
      i = (k + links.length) % links.length;
      var a = links[i], thumb = a.querySelector("img"), cap = a.parentNode.querySelector("figcaption");
      img.src = a.getAttribute("href");
      img.alt = thumb ? thumb.alt : "";
      d.querySelector("figcaption").textContent = cap ? cap.textContent : "";
      d.querySelector("p").textContent = words[3] + " " + (i + 1) + "/" + links.length;
    }
    function move(step) {
      if (step) show(i + step);
      else d.close();
    }
    d.addEventListener("click", function (e) {
      var v = e.target.closest && e.target.closest("[data-v]");
      if (v) move(+v.getAttribute("data-v"));
      else if (e.target == d) d.close();
    });
    d.addEventListener("keydown", function (e) {
      if (e.key == "ArrowLeft") move(-1);
      else if (e.key == "ArrowRight") move(1);
    });
    var x0 = null;
    d.addEventListener("pointerdown", function (e) { x0 = e.clientX; });
    d.addEventListener("pointerup", function (e) {
      if (x0 != null && Math.abs(e.clientX - x0) > 40) move(e.clientX < x0 ? 1 : -1);
      x0 = null;
    });
    d.addEventListener("close", function () {
      d.remove();
      links[i].focus();
    });
    document.body.appendChild(d);
    show(i);
    d.showModal();
  }

  var actions = {
    video: video,
    photo: photo,
    print: function () {
      print();
    },
    copy: function (el) {
      copy(pageUrl()).then(
        function () { say(el, "copied"); },
        function () { say(el, "failed"); }
      );
    },
    share: function (el) {
      sheet(el).catch(function () {});
    },
    // Zalo has no share URL for the web: the share sheet where there is one,
    // else the link is copied and Zalo's web chat opened.
    zalo: function (el) {
      sheet(el).catch(function (e) {
        if (e && e.name == "AbortError") return;
        copy(pageUrl()).then(
          function () {
            say(el, "copied-zalo");
            open(el.getAttribute("data-bt-href"), "_blank", "noopener");
          },
          function () { say(el, "failed"); }
        );
      });
    },
  };

  // A disclosure button (`data-bt-toggle`) and what it controls.
  function setOpen(button, open_) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", String(open_));
    if (menu) menu.classList.toggle(button.getAttribute("data-bt-toggle"), open_);
  }
  // Closes the open sub-menus of the menu (`data-bt-sub`), but `keep`.
  function closeSubs(keep) {
    each("[data-bt-sub][aria-expanded=true]", function (b) {
      if (b != keep) setOpen(b, false);
    });
  }
  // The registry's filter form, sent before the app runs: the choices left
  // at "all" stay out of the URL (`/van-ban?loai=…&nam=…`, as the app writes it).
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("bt-filter")) return;
    each(".bt-filter select", function (s) {
      if (!s.value) s.disabled = true;
    });
  });
  // Back to a page left by that form: its choices work again.
  window.addEventListener("pageshow", function () {
    each(".bt-filter select", function (s) {
      s.disabled = false;
    });
  });
  // A sub-menu closes on Escape (focus back on its button), on a click
  // elsewhere, and when focus leaves it.
  document.addEventListener("keydown", function (ev) {
    if (ev.key != "Escape") return;
    var item = ev.target && ev.target.closest && ev.target.closest(".bt-menu__list > li");
    var button = item && item.querySelector("[data-bt-sub][aria-expanded=true]");
    if (button) {
      setOpen(button, false);
      button.focus();
    }
  });
  document.addEventListener("pointerdown", function (ev) {
    var item = ev.target && ev.target.closest && ev.target.closest(".bt-menu__list > li");
    closeSubs(item && item.querySelector("[data-bt-sub]"));
  });
  document.addEventListener("focusout", function (ev) {
    var item = ev.target && ev.target.closest && ev.target.closest(".bt-menu__list > li");
    if (item && !(ev.relatedTarget && item.contains(ev.relatedTarget))) {
      var button = item.querySelector("[data-bt-sub][aria-expanded=true]");
      // Only when focus went somewhere: a click on the page's background keeps none.
      if (button && ev.relatedTarget) setOpen(button, false);
    }
  });

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var el = t && t.closest && t.closest("[data-bt-size],[data-bt-act],[data-bt-toggle],[data-bt-theme]");
    if (!el) return;
    var step = el.getAttribute("data-bt-size");
    var act = el.getAttribute("data-bt-act");
    var toggle = el.getAttribute("data-bt-toggle");
    if (step) {
      size = Math.max(0, Math.min(SIZES.length - 1, size + (step == "+" ? 1 : -1)));
      try {
        localStorage.setItem(SIZE_KEY, String(size));
      } catch (e) {}
      applySize();
      sync();
    } else if (el.hasAttribute("data-bt-theme")) {
      var next = root.getAttribute("data-theme") == "dark" ? "light" : "dark";
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch (e) {}
      applyTheme(next);
      sync();
    } else if (toggle) {
      var open_ = el.getAttribute("aria-expanded") != "true";
      // One sub-menu open at a time.
      if (open_ && el.hasAttribute("data-bt-sub")) closeSubs(el);
      setOpen(el, open_);
    } else if (actions[act]) {
      actions[act](el, ev);
    }
  });
  // A link to a place in this page ("#noi-dung", the skip link; a note in an article):
  // the page's <base href> would make the browser (and the app's router) read it as a
  // link to the base path, another page. It scrolls there and moves the focus instead,
  // with the fragment in the address as the browser's own would put it.
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest && ev.target.closest('a[href^="#"]');
    if (!a || ev.defaultPrevented || ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var id = a.getAttribute("href").slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {}
    var to = id && document.getElementById(id);
    if (!to) return;
    ev.preventDefault();
    if (to.tabIndex < 0 && !to.hasAttribute("tabindex")) to.setAttribute("tabindex", "-1");
    to.focus({ preventScroll: true });
    to.scrollIntoView();
    if (location.hash != "#" + id) history.pushState(history.state, "", location.pathname + location.search + "#" + encodeURIComponent(id));
  });
  document.addEventListener("bantin:view", sync);
  document.addEventListener("DOMContentLoaded", sync);

  // ---------------------------------------------------------------- offline reading
  // The offline script (src/js/offline.js: "Lưu bài", the lists of saved and recent
  // articles, the service worker) is named by <meta name="bantin-app" data-offline>
  // (scripts/minify-app.mjs) and loads after the page's load event and first paint,
  // out of the first view's way; the pages it draws (the saved and offline lists) load
  // it at once. The save buttons show from the first paint, and a click on one before
  // the script has arrived loads it and is handled then.
  var offline = 0; // 0 not asked, 1 loading, 2 loaded
  var pendingSave = null;
  function offlineMeta() {
    return document.querySelector("meta[name=bantin-app][data-offline]");
  }
  function offlineOn() {
    return !document.querySelector('meta[name="bantin-offline"][content="off"]') && window.caches && "serviceWorker" in navigator && window.isSecureContext;
  }
  function loadOffline() {
    var meta = offlineMeta();
    if (offline || !meta || !offlineOn()) return;
    offline = 1;
    var s = document.createElement("script");
    s.src = meta.getAttribute("data-offline");
    var sri = meta.getAttribute("data-offline-integrity");
    if (sri) s.integrity = sri;
    s.onload = function () {
      offline = 2;
      var b = pendingSave;
      pendingSave = null;
      if (b) b.click();
    };
    s.onerror = function () {
      offline = 0;
      pendingSave = null;
    };
    document.head.appendChild(s);
  }
  document.addEventListener(
    "click",
    function (ev) {
      var b = ev.target && ev.target.closest && ev.target.closest("[data-bt-save]");
      if (b && offline != 2 && offlineMeta()) {
        ev.stopImmediatePropagation();
        pendingSave = b;
        loadOffline();
      }
    },
    true
  );
  document.addEventListener("DOMContentLoaded", function () {
    // Shows the save buttons (main.css), as offline.js does.
    if (offlineMeta() && offlineOn()) root.classList.add("bt-luu");
  });

  // ---------------------------------------------------------------- starting the app
  var started = false;
  function boot(priority) {
    if (started) return;
    var meta = document.querySelector("meta[name=bantin-app]");
    if (!meta) return;
    started = true;
    // The modules the glue imports (named relative to it) are asked for with it, not
    // one round trip later.
    var glue = new URL(meta.getAttribute("data-js"), document.baseURI);
    (meta.getAttribute("data-deps") || "").split(" ").forEach(function (d) {
      if (d) preload(new URL(d, glue).href, "modulepreload");
    });
    var wasm = fetch(meta.getAttribute("data-wasm"), { priority: priority, credentials: "same-origin" });
    // A failure (files gone after a redeploy) reaches the shell's recovery as an unhandled rejection.
    import(meta.getAttribute("data-js"))
      .then(function (m) {
        return m.default({ module_or_path: wasm });
      })
      .then(function (w) {
        dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: w } }));
      });
  }
  function later() {
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 50); };
    idle(function () { boot("low"); }, { timeout: 3000 });
  }
  // Follows a link as a click on it would (the app's router takes it once it has started).
  function follow(url) {
    var a = document.createElement("a");
    a.href = url;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  // A file the app will ask for at once (as fetch() and import() ask for it), or, as a
  // "prefetch", the next page will.
  function preload(href, rel) {
    var l = document.createElement("link");
    l.rel = rel;
    if (rel == "preload") l.as = "fetch";
    l.crossOrigin = "anonymous";
    l.href = href;
    document.head.appendChild(l);
  }
  // The search page's query (the address's `q`), or "" when it has none worth a search.
  function searchQuery() {
    var q = "";
    try {
      q = new URLSearchParams(location.search).get("q") || "";
    } catch (e) {}
    return /\S/.test(q) ? q : "";
  }
  // The search page's files: the index's meta.txt and the search module's glue and
  // WebAssembly, named by the build before this script (<meta name="bantin-index">,
  // crates/build/src/pages.rs, search_page); null on any other page.
  function searchFiles() {
    var m = document.querySelector("meta[name=bantin-index][data-js]");
    return m && { index: m.content, js: m.getAttribute("data-js"), wasm: m.getAttribute("data-wasm") };
  }
  // The search page with a query asks for them as its head is read, beside the
  // stylesheet: its results need them first. Without a query the page is complete as
  // it is, and nothing of search shares the network with its first view.
  var early = searchQuery() && searchFiles();
  if (early) {
    preload(early.js, "modulepreload");
    preload(early.wasm, "preload");
    if (early.index) preload(early.index, "preload");
  }
  // The search index's files the search module asks for first, fetched while its
  // code (the long wait) is on its way: `meta.txt` (named by the build in
  // <meta name="bantin-index">), then the dictionaries of the query's words and the
  // shards a small list of a word, of its written form or of two adjacent words is in
  // (crates/search/src/format.rs: dict_key, file_key, shard_file, hash). A hint only:
  // the module takes a file from window.__bantinIndex(url) when it is there, once
  // (crates/search/src/ui/net.rs), and reads only what its dictionaries name, so a word
  // folded differently here costs a request, never a result.
  function indexAhead(metaUrl) {
    var ahead = new Map();
    window.__bantinIndex = function (url) {
      url = new URL(url, document.baseURI).href;
      var text = ahead.get(url);
      ahead.delete(url);
      return text;
    };
    function get(url) {
      if (ahead.has(url)) return;
      var stop = window.AbortController ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (stop) stop.abort();
      }, 15000);
      var text = fetch(url, { credentials: "same-origin", signal: stop && stop.signal })
        .then(function (r) {
          return r.ok ? r.text() : null;
        })
        .then(null, function () {
          return null;
        })
        .then(function (t) {
          clearTimeout(timer);
          return t;
        });
      ahead.set(url, text);
      return text;
    }
    var dir = metaUrl.replace(/meta\.txt$/, "");
    get(metaUrl).then(function (meta) {
      // Older browsers (no BigInt or TextEncoder) only get meta.txt ahead.
      if (meta) {
        try {
          hints(meta);
        } catch (e) {}
      }
    });
    function hints(meta) {
      var keys = {};
      var shards = 0;
      meta.split("\n").forEach(function (line) {
        var kv = line.split(" ");
        if (kv[0] == "shards") shards = parseInt(kv[1], 10) || 0;
        if (kv[0] == "keys") kv.slice(1).forEach(function (k) { keys[k] = 1; });
      });
      var q = searchQuery();
      // The query's words, lowercase and folded (no tone or vowel marks, "đ" as
      // "d"), character by character: a pattern of Unicode classes takes
      // milliseconds to compile on a phone.
      var words = [];
      var lower = "";
      var folded = "";
      function push() {
        if (folded && lower.length <= 40 && words.length < 8 && !words.some(function (x) { return x.lower == lower; })) {
          words.push({ lower: lower, folded: folded });
        }
        lower = folded = "";
      }
      Array.from(q.slice(0, 200).toLowerCase()).forEach(function (c) {
        var f = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0111/g, "d");
        if (/^[a-z0-9]*$/.test(f) && (f || lower)) {
          lower += c;
          folded += f;
        } else {
          push();
        }
      });
      push();
      function fileKey(k) {
        if (/^[a-z0-9 ]*$/.test(k)) return k.replace(/ /g, "-");
        return "_" + Array.prototype.map.call(new TextEncoder().encode(k), function (b) {
          return (b < 16 ? "0" : "") + b.toString(16);
        }).join("");
      }
      function shard(k) {
        var h = BigInt("0xcbf29ce484222325");
        var prime = BigInt("0x100000001b3");
        new TextEncoder().encode(k).forEach(function (b) {
          h = BigInt.asUintN(64, (h ^ BigInt(b)) * prime);
        });
        return "s/" + (h % BigInt(shards)) + ".txt";
      }
      var lists = [];
      words.forEach(function (w, i) {
        var d = fileKey(Array.from(w.folded).slice(0, 2).join(""));
        if (keys[d]) get(dir + "tu/" + d + ".txt");
        lists.push(w.folded);
        if (w.lower != w.folded) lists.push("~" + w.lower);
        if (i) lists.push(words[i - 1].folded + " " + w.folded);
      });
      if (shards > 0) {
        lists.slice(0, 8).forEach(function (k) {
          get(dir + shard(k));
        });
      }
    }
  }
  // Resolves once what the page has just written is on screen. A frame is
  // presented some time after its animation callbacks (tens of milliseconds
  // later on a busy or headless browser), so two frames are not enough: where
  // the browser reports the largest paints, the first one made from now on
  // (the results', larger than the prompt they replace); else, or when none
  // comes (results smaller than what was on screen, or the reader already
  // scrolled), two frames and half a second on.
  function presented() {
    return new Promise(function (done) {
      var since = performance.now();
      var watch = null;
      function finish() {
        if (watch) watch.disconnect();
        done();
      }
      try {
        if (PerformanceObserver.supportedEntryTypes.indexOf("largest-contentful-paint") >= 0) {
          watch = new PerformanceObserver(function (list) {
            if (list.getEntries().some(function (e) { return e.startTime >= since; })) finish();
          });
          watch.observe({ type: "largest-contentful-paint" });
        }
      } catch (e) {
        watch = null;
      }
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          if (watch) setTimeout(finish, 500);
          else done();
        });
      });
    });
  }
  // Runs `f` once the page's first contentful paint is on screen, as the browser
  // reports it (else two frames on; at the latest 3 s on, for a page in a
  // background tab, which paints nothing). A page whose images all wait for the
  // reader's scroll fires `load` before that paint, and what it asks for then
  // shares the network with it (Lighthouse counts it in its wait for the paint).
  function afterFirstPaint(f) {
    var done = false;
    function go() {
      if (!done) f();
      done = true;
    }
    try {
      if (performance.getEntriesByName("first-contentful-paint").length) return go();
      if (PerformanceObserver.supportedEntryTypes.indexOf("paint") >= 0) {
        var watch = new PerformanceObserver(function (list) {
          if (list.getEntriesByName("first-contentful-paint").length) {
            watch.disconnect();
            go();
          }
        });
        watch.observe({ type: "paint" });
        setTimeout(go, 3000);
        return;
      }
    } catch (e) {}
    requestAnimationFrame(function () {
      requestAnimationFrame(go);
    });
  }
  function decide() {
    var page = document.getElementById("bt-static");
    // On the search page: its files, and the query it was opened with ("" for none).
    var search = searchFiles();
    var query = search && searchQuery();
    // The search page draws its results at once, but without a query it is complete
    // as it is (its form searches with a page load): it is then an ordinary
    // prerendered page, whose first view the app does not share the network with,
    // and which the app does not draw again when it starts (src/lib.rs, take_over).
    if (page && page.getAttribute("data-bt-now") === "" && search && !query) page.removeAttribute("data-bt-now");
    if (!page || page.hasAttribute("data-bt-now")) {
      // A page the app draws at once starts it as soon as the page has painted (its
      // stylesheet and markup first have the network to themselves).
      requestAnimationFrame(function () {
        setTimeout(now, 0);
      });
      return;
    }
    function now() {
      // The bare shell and the saved and offline lists (not the search page, whose
      // results are written into it): the views' module loads beside the app.
      var meta = document.querySelector("meta[name=bantin-app][data-views]");
      if (meta && (!page || page.getAttribute("data-bt-now") == "views")) preload(meta.getAttribute("data-views"), "preload");
      // The app's first request, config.json (src/config.rs), asked for now beside its
      // code rather than after it starts; fresh from the server, as the app asks for it.
      var config = null;
      if (window.fetch) {
        config = fetch(new URL("config.json", document.baseURI).href, { cache: "no-cache", credentials: "same-origin" }).then(function (r) {
          if (!r.ok) throw new Error("config.json: " + r.status);
          return r.text();
        });
        config.catch(function () {});
        window.__bantinConfig = config;
      }
      loadOffline();
      // The search page with a query: the search module (at the whole site's root, where
      // the app's files are) writes the results into the page itself, and the app starts
      // after them; they wait for neither its code nor its start. The app then only sets
      // the title (src/takeover.rs, fill_search), or renders the page itself when the
      // module could not (window.__bantinFound resolves to false).
      if (config && page && query && page.querySelector(".bt-found")) {
        // The module's two files the head has asked for already (above); the index's
        // first files are asked for beside them rather than after the module.
        var js = search.js;
        var wasm = search.wasm;
        if (search.index) indexAhead(new URL(search.index, document.baseURI).href);
        var found = import(js).then(function (m) {
          return m.default({ module_or_path: wasm }).then(function () {
            return config.then(null, function () {
              return null;
            });
          }).then(function (text) {
            // In a task of its own, not in the one that instantiated the module.
            return new Promise(function (go) {
              setTimeout(function () {
                go(text);
              }, 0);
            });
          }).then(function (text) {
            return m.fill_prerendered({ base: new URL(".", document.baseURI).pathname, config: text, navigate: follow });
          });
        }).then(null, function () {
          return false;
        });
        window.__bantinFound = found;
        // The app's files, and the documents that refine the results' snippets
        // (crates/search/src/ui/page.rs, refine_snippets), are asked for once the
        // results are on screen: asked for before, they would share the network
        // with that paint, and Lighthouse counts every request started before it
        // in its wait.
        var shown = found.then(function (written) {
          return written && presented();
        });
        window.__bantinShown = shown;
        shown.then(function () {
          boot("high");
        });
        // A slow index does not hold the app back for long (it then waits on `found`).
        setTimeout(function () {
          boot("high");
        }, 3000);
        return;
      }
      boot("high");
    }
    function afterLoad() {
      afterFirstPaint(function () {
        later();
        loadOffline();
      });
    }
    if (document.readyState == "complete") afterLoad();
    else addEventListener("load", afterLoad);
    // The search page without a query: a reader in its own box is about to search,
    // with a page load whose results need the search module and meta.txt first. They
    // are fetched now, once, at the lowest priority, into the HTTP cache for it.
    var warm = search;
    document.addEventListener("focusin", function (e) {
      var t = e.target;
      if (!t) return;
      if (t.id == "bt-q") boot("high");
      else if (warm && t.closest && t.closest("#bt-static .bt-found")) {
        [warm.js, warm.wasm, warm.index].forEach(function (href) {
          if (href) preload(href, "prefetch");
        });
        warm = null;
      }
    });
  }
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", decide);
  else decide();
})();
