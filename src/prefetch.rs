//! Prefetching the next article (issue 14): its JSON is fetched before the
//! reader's click lands, so the navigation paints without a round trip.
//!
//! - on `touchstart` on a link to an article;
//! - on hover, after a short intent delay (a pointer passing over does nothing);
//! - when the browser is idle after a view, and after each scroll, for the
//!   first few article links in the viewport.
//!
//! The same touch, hover, or keyboard focus on a link to one of the app's
//! views (or on the search box) starts loading the module of the app's views
//! (`crate::preload_views`), which a prerendered page has not needed yet; so
//! does the reader's first scroll; that scroll, a pointer resting on a link or
//! keyboard focus on one also has the app render its frame ahead, out of the
//! document (`crate::takeover::render_ahead`). On a prerendered page the app waits on, its
//! bytes are prefetched into the HTTP cache (`<link rel=prefetch>`, the lowest
//! priority) when the browser is idle after the app has started, so that
//! loading it is a compile, not a download.
//!
//! Never under `Save-Data` or on a 2G connection, at most [`MAX_PER_VIEW`]
//! documents per view, and never when `localStorage["bantin:no-prefetch"]` is
//! set (the benchmark's switch). A prefetched answer is used once, by
//! `api::fetch_text`: the navigation makes no second request.

use wasm_bindgen::prelude::*;

use crate::Request;

/// Documents prefetched per view, at most.
const MAX_PER_VIEW: u32 = 6;
/// Article links in the viewport prefetched when the browser is idle.
const IDLE_LINKS: u32 = 3;
/// How long the pointer must rest on a link before it counts as intent (ms).
const HOVER_MS: u32 = 80;

#[wasm_bindgen(inline_js = r#"
const got = new Map();
// Save-Data, 2G, or the benchmark's switch: nothing is fetched ahead.
function quiet() {
  const c = navigator.connection;
  try {
    return !!((c && (c.saveData || /2g/.test(c.effectiveType))) || localStorage.getItem("bantin:no-prefetch"));
  } catch (e) {
    return false;
  }
}
// The article prefetch, once `install` has run.
let go = () => {};
// Touch, a pointer resting on a link, keyboard focus: the reader may be about to
// navigate. `intent` is told (the app's views start loading; `ahead`: the app may
// draw its frame now); a touched or hovered link's article is prefetched.
export function intents(intent, hoverMs) {
  if (quiet()) return;
  let timer;
  const target = (e) => {
    const t = e.target;
    return t && t.closest && (t.id == "bt-q" ? t : t.closest("a[href]"));
  };
  const want = (a, fetchToo, ahead) => {
    intent(a, ahead);
    if (fetchToo && a.href) go(a);
  };
  addEventListener("touchstart", (e) => {
    const a = target(e);
    if (a) want(a, true, false);
  }, { capture: true, passive: true });
  addEventListener("focusin", (e) => {
    const a = target(e);
    if (a) want(a, false, true);
  }, true);
  addEventListener("mouseover", (e) => {
    clearTimeout(timer);
    const a = target(e);
    if (a) timer = setTimeout(() => want(a, true, true), hoverMs);
  }, true);
  addEventListener("mouseout", () => clearTimeout(timer), true);
  // A reader who scrolls is reading on: the views' module starts (from the HTTP
  // cache once `install` has prefetched it) when the browser is next idle, and
  // the app draws its frame ahead once it is there (a tap's click comes too
  // soon after its touch for that).
  const scrolled = () => {
    removeEventListener("scroll", scrolled);
    (self.requestIdleCallback || setTimeout)(() => intent(null, true));
  };
  addEventListener("scroll", scrolled, { passive: true });
}
export function install(toUrl, max, idleLinks) {
  if (quiet()) return;
  let count = 0;
  go = (a) => {
    if (!a || count >= max || a.origin != location.origin) return;
    const url = toUrl(a);
    if (!url || got.has(url)) return;
    count++;
    const p = fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.text() : Promise.reject(r.status)));
    got.set(url, p);
    p.catch(() => got.delete(url));
  };
  const idle = () => (self.requestIdleCallback || setTimeout)(() => {
    let n = 0;
    for (const a of document.querySelectorAll("main a[href]")) {
      if (n >= idleLinks) break;
      const r = a.getBoundingClientRect();
      if (r.width && r.bottom > 0 && r.top < innerHeight && toUrl(a)) {
        go(a);
        n++;
      }
    }
  });
  document.addEventListener("bantin:view", () => { count = 0; idle(); });
  // Links scrolled into view count as the viewport's too (the related articles,
  // reached at the end of the one being read), within the same cap.
  let settle;
  addEventListener("scroll", () => {
    clearTimeout(settle);
    settle = setTimeout(idle, 150);
  }, { passive: true });
  idle();
  // The views' module, into the HTTP cache at low priority while the reader
  // reads: the first navigation then compiles it without waiting for the network.
  // Only on a prerendered page the app waits on: a page it draws at once (the
  // search page's results) keeps the network for what it shows.
  const views = document.querySelector("meta[name=bantin-app][data-views]");
  if (views && document.querySelector('#bt-static:not([data-bt-now])')) (self.requestIdleCallback || setTimeout)(() => {
    const l = document.createElement("link");
    l.rel = "prefetch";
    l.crossOrigin = "anonymous";
    l.href = views.getAttribute("data-views");
    document.head.appendChild(l);
  });
}
export function take(url) {
  const p = got.get(url);
  // Used once; kept as taken so a late hover does not fetch it again.
  if (p) got.set(url, null);
  return p || undefined;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = install)]
    fn js_install(to_url: &JsValue, max: u32, idle_links: u32);
    #[wasm_bindgen(js_name = intents)]
    fn js_intents(intent: &JsValue, hover_ms: u32);
    #[wasm_bindgen(js_name = take)]
    fn js_take(url: &str) -> Option<js_sys::Promise>;
}

/// The data URL of the article `link` (an anchor) leads to, once `config.json`
/// has said where data lives (before that nothing is prefetched).
fn article_url(link: JsValue) -> Option<String> {
    match crate::takeover::request_of(&link)? {
        Request::Article(slug) if bantin_contract::text::is_slug(&slug) => {
            let root = crate::config::data_root_now()?;
            Some(format!("{root}{}", bantin_contract::paths::article(&slug)))
        }
        _ => None,
    }
}

/// The reader may be about to navigate (`target` is a link they touched,
/// rested the pointer on or focused, or the search box; `null` when they
/// scrolled): the module of the app's views starts loading if the app will
/// need it. With `ahead` (the first scroll, a pointer resting on a link,
/// keyboard focus on one), the app also draws its frame once the module is
/// there. Not on a touch: the click follows within a press of about 100 ms,
/// shorter than drawing the frame on a phone, so the click would wait for it
/// (measured in `docs/benchmarks.md`); a reader who scrolled to the link has
/// had the frame drawn then.
fn views_wanted(target: JsValue, ahead: bool) {
    if target.is_null() {
        crate::preload_views();
        if ahead {
            crate::takeover::render_ahead();
        }
        return;
    }
    let search_box = js_sys::Reflect::get(&target, &"id".into())
        .ok()
        .and_then(|id| id.as_string())
        .is_some_and(|id| id == "bt-q");
    if search_box {
        crate::preload_views();
    } else if crate::takeover::request_of(&target).is_some() {
        crate::preload_views();
        if ahead {
            crate::takeover::render_ahead();
        }
    }
}

/// Starts prefetching once `config.json` has said where data lives (call once).
pub fn install() {
    let intent = Closure::<dyn Fn(JsValue, bool)>::new(views_wanted);
    js_intents(&intent.into_js_value(), HOVER_MS);
    wasm_bindgen_futures::spawn_local(async {
        crate::config::data_root().await;
        let to_url = Closure::<dyn Fn(JsValue) -> Option<String>>::new(article_url);
        js_install(&to_url.into_js_value(), MAX_PER_VIEW, IDLE_LINKS);
    });
}

/// The prefetched text of `url`, once: `None` when it was not prefetched or failed.
pub async fn take(url: &str) -> Option<String> {
    let promise = js_take(url)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}
