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
//! Once the views are there, an article whose document is prefetched (or
//! arrives) while the finger is on its link, or the pointer rests on it, is
//! also built ahead, out of the document (`crate::pages`, through
//! [`on_article_intent`]): the tap then only puts it in place.
//!
//! A tap on a link to one of the app's views is followed at its touchend
//! ([`install`]'s `taps`), not at the click the browser makes of it a task
//! later; a finger that moved, a long press or a second finger leave it to
//! the browser.
//!
//! Never under `Save-Data` or on a 2G connection, at most [`MAX_PER_VIEW`]
//! documents per view, and never when `localStorage["bantin:no-prefetch"]` is
//! set (the benchmark's switch). A prefetched answer is used once, by
//! `api::fetch_text`: the navigation makes no second request.
//!
//! The document a prerendered page names rather than carries (home's,
//! `#bt-static[data-doc]`) is fetched when the browser is idle after the
//! app's start, for a reader who comes back to the page in the app.
//!
//! A document the search page has fetched to cut its snippets from
//! (`window.__bantinDocs`, `crates/search/src/ui/page.rs`) counts as
//! prefetched, whatever the connection and outside the cap: the result the
//! reader opens is there, and neither the idle prefetch nor the navigation
//! asks for it again.

use wasm_bindgen::prelude::*;

use crate::Request;

/// Documents prefetched per view, at most.
const MAX_PER_VIEW: u32 = 6;
/// Article links in the viewport prefetched when the browser is idle.
const IDLE_LINKS: u32 = 3;
/// How long the pointer must rest on a link before it counts as intent (ms).
const HOVER_MS: u32 = 80;
/// How far a finger may move on a link and still tap it (CSS px each way).
const TAP_SLOP_PX: u32 = 10;
/// A press longer than this is the browser's (its menu opens at about 500 ms).
const TAP_MAX_MS: u32 = 350;

#[wasm_bindgen(inline_js = r#"
const got = new Map();
// Whether `url` is in `got`, after putting there the document the search page
// asked for for its snippets, if it did (`window.__bantinDocs`,
// crates/search/src/ui/page.rs, a promise of its text from the moment it is
// asked for): opening that result, or prefetching it, asks for nothing.
function adopt(url) {
  const docs = self.__bantinDocs, text = !got.has(url) && docs && docs.get && docs.get(url);
  if (text && typeof text.then == "function") got.set(url, text);
  return got.has(url);
}
// Fetches the text of `url` into `got` (forgotten if it fails).
function fetchAhead(url) {
  const p = fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.text() : Promise.reject(r.status)));
  got.set(url, p);
  p.catch(() => got.delete(url));
}
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
    if (fetchToo && a.href) go(a);
    intent(a, ahead);
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
// A tap on a link to one of the app's views is followed at its touchend, not at
// the click the browser makes of it in a later task (tens of milliseconds later
// on a phone): the touchend is cancelled (no mouse events, no native click) and
// the link clicked, which the app's router answers as any click. A finger that
// moved, a second finger, a long press (the browser's menu) or a touchend that
// cannot be cancelled (a scroll under way) leave the tap to the browser.
export function taps(follows, slop, maxMs) {
  let tap = null;
  const near = (t, p) => p && Math.abs(p.clientX - t.x) <= slop && Math.abs(p.clientY - t.y) <= slop;
  addEventListener("touchstart", (e) => {
    tap = null;
    const p = e.touches && e.touches.length == 1 && e.touches[0];
    const a = p && e.target && e.target.closest && e.target.closest("a[href]");
    if (a && follows(a)) tap = { a, x: p.clientX, y: p.clientY, at: e.timeStamp };
  }, { capture: true, passive: true });
  addEventListener("touchmove", (e) => {
    if (tap && !(e.touches.length == 1 && near(tap, e.touches[0]))) tap = null;
  }, { capture: true, passive: true });
  addEventListener("touchcancel", () => { tap = null; }, { capture: true, passive: true });
  addEventListener("touchend", (e) => {
    const t = tap;
    tap = null;
    if (!t || !e.cancelable || e.defaultPrevented || e.touches.length || e.timeStamp - t.at > maxMs) return;
    const p = e.changedTouches[0];
    const over = near(t, p) && document.elementFromPoint(p.clientX, p.clientY);
    if (!over || over.closest("a[href]") !== t.a || !t.a.isConnected) return;
    e.preventDefault();
    t.a.click();
  }, { capture: true });
}
export function install(toUrl, max, idleLinks, own) {
  if (quiet()) return;
  let count = 0;
  go = (a) => {
    if (!a || a.origin != location.origin) return;
    const url = toUrl(a);
    if (!url || adopt(url) || count >= max) return;
    count++;
    fetchAhead(url);
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
  // The page's own document, where the page names it rather than carrying it
  // (home, #bt-static[data-doc]): the app needs it when the reader comes back
  // to this page in the app.
  if (own) (self.requestIdleCallback || setTimeout)(() => got.has(own) || fetchAhead(own));
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
// A task of its own that the browser does not hold back while a finger is
// down (it holds timers back for about 100 ms after a touchstart): a posted message.
const chan = typeof MessageChannel == "function" ? new MessageChannel() : null;
const queued = [];
if (chan) chan.port1.onmessage = () => { const f = queued.shift(); if (f) f(); };
export function soon(f) {
  if (!chan) return void setTimeout(f, 0);
  queued.push(f);
  chan.port2.postMessage(0);
}
export function peek(url) {
  adopt(url);
  return got.get(url) || undefined;
}
export function take(url) {
  adopt(url);
  const p = got.get(url);
  // Used once; kept as taken so a late hover does not fetch it again.
  if (p) got.set(url, null);
  return p || undefined;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = install)]
    fn js_install(to_url: &JsValue, max: u32, idle_links: u32, own: &str);
    #[wasm_bindgen(js_name = intents)]
    fn js_intents(intent: &JsValue, hover_ms: u32);
    #[wasm_bindgen(js_name = taps)]
    fn js_taps(follows: &JsValue, slop: u32, max_ms: u32);
    #[wasm_bindgen(js_name = take)]
    fn js_take(url: &str) -> Option<js_sys::Promise>;
    #[wasm_bindgen(js_name = peek)]
    fn js_peek(url: &str) -> Option<js_sys::Promise>;
    #[wasm_bindgen(js_name = soon)]
    fn js_soon(f: JsValue);
}

/// The data URL of the article `link` (an anchor) leads to, once `config.json`
/// has said where data lives (before that nothing is prefetched).
fn article_url(link: JsValue) -> Option<String> {
    match crate::takeover::request_of(&link)? {
        Request::Article(slug) => data_url(&slug),
        _ => None,
    }
}

/// The data URL of the article at `slug`, once `config.json` has said where data lives.
fn data_url(slug: &str) -> Option<String> {
    if !bantin_contract::text::is_slug(slug) {
        return None;
    }
    let root = crate::config::data_root_now()?;
    Some(format!("{root}{}", bantin_contract::paths::article(slug)))
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
    let request = crate::takeover::request_of(&target);
    // An article being prefetched: the views (once there) build it ahead.
    if let Some(Request::Article(slug)) = &request {
        if let Some(url) = data_url(slug) {
            if let Some(text) = js_peek(&url) {
                ARTICLE_INTENT.with_borrow(|hook| {
                    if let Some(hook) = hook {
                        hook(slug.clone(), url, text);
                    }
                });
            }
        }
    }
    let search_box = js_sys::Reflect::get(&target, &"id".into())
        .ok()
        .and_then(|id| id.as_string())
        .is_some_and(|id| id == "bt-q");
    if search_box {
        crate::preload_views();
    } else if request.is_some() {
        crate::preload_views();
        if ahead {
            crate::takeover::render_ahead();
        }
    }
}

/// Whether the app follows a tap on `link` (an anchor) at its touchend: a
/// link of this site to one of its views, opening in the same tab.
fn tap_followed(link: JsValue) -> bool {
    link.dyn_ref::<web_sys::Element>()
        .is_some_and(crate::takeover::own_link)
        && crate::takeover::request_of(&link).is_some()
}

/// Starts prefetching once `config.json` has said where data lives, and
/// follows taps at their touchend (call once).
pub fn install() {
    let follows = Closure::<dyn Fn(JsValue) -> bool>::new(tap_followed);
    js_taps(&follows.into_js_value(), TAP_SLOP_PX, TAP_MAX_MS);
    let intent = Closure::<dyn Fn(JsValue, bool)>::new(views_wanted);
    js_intents(&intent.into_js_value(), HOVER_MS);
    wasm_bindgen_futures::spawn_local(async {
        crate::config::data_root().await;
        let to_url = Closure::<dyn Fn(JsValue) -> Option<String>>::new(article_url);
        js_install(
            &to_url.into_js_value(),
            MAX_PER_VIEW,
            IDLE_LINKS,
            &own_document(),
        );
    });
}

/// The data URL of the document a prerendered page names instead of carrying
/// it (`#bt-static[data-doc]`, the build tool's `body`), or "".
fn own_document() -> String {
    let path = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#bt-static[data-doc]").ok().flatten())
        .and_then(|e| e.get_attribute("data-doc"))
        // A document under the data root: no other origin, nothing above it.
        .filter(|p| {
            p.ends_with(".json") && !p.starts_with('/') && !p.contains(':') && !p.contains("..")
        });
    match (path, crate::config::data_root_now()) {
        (Some(path), Some(root)) => format!("{root}{path}"),
        _ => String::new(),
    }
}

/// What the app's views do when the reader shows an intent to open an article
/// whose document is being prefetched: its slug, the document's URL and the
/// prefetched text (a promise). Set by the views' host (`crate::pages`), which
/// builds the article's view ahead; a hook, so that this module, which a
/// prerendered page starts with, holds none of the views' code.
pub type ArticleIntent = Box<dyn Fn(String, String, js_sys::Promise)>;

thread_local! {
    static ARTICLE_INTENT: std::cell::RefCell<Option<ArticleIntent>> = const { std::cell::RefCell::new(None) };
}

/// Sets what the app's views do on an intent to open an article (see [`ArticleIntent`]).
pub fn on_article_intent(hook: ArticleIntent) {
    ARTICLE_INTENT.set(Some(hook));
}

/// Runs `f` in a task of its own, soon: unlike a timer's, not held back by
/// the browser while the reader's finger is down.
pub fn soon(f: impl FnOnce() + 'static) {
    js_soon(Closure::once_into_js(f));
}

/// Marks the prefetched text of `url` as used (a later navigation fetches it again).
pub fn forget(url: &str) {
    let _ = js_take(url);
}

/// The prefetched text of `url`, once: `None` when it was not prefetched or failed.
pub async fn take(url: &str) -> Option<String> {
    let promise = js_take(url)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}
