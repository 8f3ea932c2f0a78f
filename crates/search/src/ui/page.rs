//! The search page: [`render_page`] writes the content of the app's
//! `/tim-kiem` view for a query and page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::markup::{
    clamp_query, page_html, push_marked, search_url, Hit, Outcome, PER_PAGE, RETRY_ID,
};
use super::net::{self, Ctx};
use super::read::doc_text;
use crate::index::LEAD_CHARS;
use crate::marks::{snippet, Matcher};
use crate::text::Query;
use bantin_contract::text::cut_at_word;

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;
/// The shortest snippet cut from a document, in characters.
const MIN_SNIPPET_CHARS: usize = 80;

thread_local! {
    /// The context of the last page rendered (for its form and retry button).
    static CTX: RefCell<Option<Rc<Ctx>>> = const { RefCell::new(None) };
}

/// The markup of page `page` of the results for `query` (the inside of the
/// app's `div.bt-listing.bt-found`), or `undefined` when `page` is past the
/// last one (the app then shows its "not found" page). From then on, the
/// page's own form searches again (in-app) and its retry button renders the
/// page again in place.
#[wasm_bindgen]
pub fn render_page(query: String, page: u32, ctx: JsValue) -> js_sys::Promise {
    let ctx = page_ctx(&ctx);
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(render(&query, page, &ctx)
            .await
            .map_or(JsValue::UNDEFINED, JsValue::from))
    })
}

/// The search page the reader opened, written before the app has started:
/// the page script (`src/js/page.js`) calls this once the module is loaded,
/// so the results wait for neither the app's code nor its start. `ctx` is
/// [`render_page`]'s with `config`, the text of `config.json` (`null` when it
/// could not be loaded), in place of `dataRoot`: the data root is read from
/// it as the app reads it (`RuntimeConfig::or_defaults`). The query and page
/// are the address's. Resolves to `true` once the results are in the
/// prerendered page's `div.bt-found`; `false` leaves the page to the app (no
/// such element, a page number that is not one, a page past the last).
/// The context of the page about to be rendered, kept for its form and retry button.
fn page_ctx(v: &JsValue) -> Rc<Ctx> {
    let ctx = Rc::new(Ctx::new(v));
    let first = CTX.with(|c| c.replace(Some(Rc::clone(&ctx))).is_none());
    if first {
        listen();
    }
    ctx
}

#[wasm_bindgen]
pub fn fill_prerendered(ctx: JsValue) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(JsValue::from_bool(fill(&ctx).await.is_some()))
    })
}

async fn fill(ctx: &JsValue) -> Option<()> {
    use bantin_contract::RuntimeConfig;
    let doc = web_sys::window()?.document()?;
    let found = doc.query_selector("#bt-static .bt-found").ok()??;
    let params = web_sys::UrlSearchParams::new_with_str(&doc.location()?.search().ok()?).ok()?;
    let query = params.get("q")?;
    let page = bantin_contract::paging::page_from_query(params.get("trang").as_deref())?;
    let (config, problem) = match js_sys::Reflect::get(ctx, &"config".into())
        .ok()?
        .as_string()
    {
        Some(text) => RuntimeConfig::or_defaults(bantin_contract::js::parse_js(&text)),
        None => (RuntimeConfig::default(), None),
    };
    if let Some(problem) = problem {
        web_sys::console::warn_1(&format!("bantin: {problem}").into());
    }
    let base = net::text_field(ctx, "base");
    let root = config.data_root_under(if base.is_empty() { "/" } else { &base });
    js_sys::Reflect::set(ctx, &"dataRoot".into(), &root.into()).ok()?;
    let html = render(&query, page, &page_ctx(ctx)).await?;
    found.set_inner_html(&html);
    Some(())
}

/// The search page's form and retry button, by delegation (the app swaps the
/// page's markup in and out).
fn listen() {
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(ctx) = CTX.with(|c| c.borrow().clone()) else {
            return;
        };
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let page = target.closest(".bt-found").ok().flatten();
        let query = page
            .as_ref()
            .and_then(|p| p.query_selector("#bt-q-trang").ok().flatten())
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value());
        let (Some(page), Some(query)) = (page, query) else {
            return;
        };
        if ev.type_() == "submit" {
            ev.prevent_default();
            ctx.go(&search_url(&ctx.base, &query, 1));
        } else if target.id() == RETRY_ID {
            let number = target
                .get_attribute("data-trang")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(html) = render(&query, number, &ctx).await {
                    page.set_inner_html(&html);
                }
            });
        }
    })
    .into_js_value();
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        for name in ["submit", "click"] {
            let _ = doc.add_event_listener_with_callback(name, handler.unchecked_ref());
        }
    }
}

async fn render(query: &str, page: u32, ctx: &Rc<Ctx>) -> Option<String> {
    let q = clamp_query(query);
    // A query cut to the length cap gets the engine's "too long" notice too.
    let cut = q.len() < query.trim().len();
    let outcome = if q.is_empty() {
        // The reader is about to type a query.
        net::warm(ctx.data_root.clone());
        Outcome::Prompt
    } else {
        match net::run(&ctx.data_root, q, false, page, PER_PAGE).await {
            Ok(mut r) => {
                if page > r.pages.max(1) {
                    return None;
                }
                net::yield_if_long().await;
                r.truncated |= cut;
                // The results show at once, each with the words of its lead
                // that the index keeps; its document (which also warms the
                // cache for the click) then gives the snippet around the
                // matched words, written in place ([`refine_snippets`]).
                let matcher = Matcher::new(&Query::parse(q, false));
                let leads = r
                    .hits
                    .iter()
                    .map(|h| Some(snippet(&matcher, &whole_words(&h.lead), SNIPPET_CHARS)))
                    .map(|s| s.filter(|s| s.iter().any(|part| !part.trim().is_empty())))
                    .collect();
                refine_snippets(ctx, q, &r.hits);
                Outcome::Found(r, leads)
            }
            Err(e) => Outcome::Failed(e.message(crate::strings::text(ctx.lang))),
        }
    };
    // The categories are the ways on after a search without result.
    let categories = match &outcome {
        Outcome::Found(r, _) if r.total == 0 && !r.terms.is_empty() => ctx.categories().await,
        _ => Vec::new(),
    };
    Some(page_html(
        ctx.lang,
        q,
        page,
        &outcome,
        &categories,
        &ctx.base,
    ))
}

/// Replaces, once the search page shows `hits`, each hit's lead by the best
/// window of its document for `q`, as each document arrives. The documents
/// are asked for once the results have painted (the caller of [`render`]
/// inserts its markup when it returns), so that they do not compete with what
/// the reader waits for; a hit no longer on screen (the reader searched again)
/// is left alone. Until the last document of the latest search has arrived or
/// failed, the root element carries [`PENDING`] (what the tests wait for).
fn refine_snippets(ctx: &Rc<Ctx>, q: &str, hits: &[Hit]) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let round = ROUND.with(|r| {
        r.set(r.get() + 1);
        r.get()
    });
    let _ = root.set_attribute(PENDING, "");
    if let Some(kept) = fetched().filter(|k| k.size() > KEPT_DOCUMENTS) {
        kept.clear();
    }
    let (ctx, q, hits) = (Rc::clone(ctx), q.to_string(), hits.to_vec());
    wasm_bindgen_futures::spawn_local(async move {
        // The results paint first: their documents are asked for after.
        after_paint().await;
        net::join_all(hits.iter().enumerate().map(|(i, hit)| {
            let (ctx, q) = (&ctx, &q);
            async move {
                // Each document asked for, and its snippet fitted (a layout), in a
                // task of its own, out of the frame's callbacks: ten in one task
                // would block a phone's main thread for tens of milliseconds.
                net::next_task().await;
                // About as long as the lead it replaces, so it takes the same lines.
                let chars = whole_words(&hit.lead).chars().count();
                let chars = chars.clamp(MIN_SNIPPET_CHARS, SNIPPET_CHARS);
                if let Some(text) = document_text(ctx, hit).await {
                    let matcher = Matcher::new(&Query::parse(q, false));
                    let cut = |chars| snippet(&matcher, &text, chars);
                    show_snippet(&href_of(ctx, hit), i, chars, cut);
                }
            }
        }))
        .await;
        if ROUND.with(|r| r.get()) == round {
            let _ = root.remove_attribute(PENDING);
        }
    });
}

/// Resolves once the browser has shown the frame being prepared: in the frame
/// after it (a frame is on screen some time after its animation callbacks).
/// On the search page the reader opened, the page script knows better
/// (`window.__bantinShown`, `src/js/page.js`): it resolves once the results
/// written into the prerendered page are on screen.
async fn after_paint() {
    if let Some(shown) = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__bantinShown".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    {
        let _ = wasm_bindgen_futures::JsFuture::from(shown).await;
    }
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            match web_sys::window() {
                Some(w) => {
                    let _ = w.request_animation_frame(&resolve);
                }
                None => {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            };
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// A lead as the index keeps it, at most [`LEAD_CHARS`] characters: one
/// that long may end in half a word, which is left out for "…".
fn whole_words(lead: &str) -> String {
    if lead.chars().count() < LEAD_CHARS {
        return lead.to_string();
    }
    format!("{}…", cut_at_word(lead, LEAD_CHARS - 1))
}

/// The attribute on the root element while snippets are being refined.
const PENDING: &str = "data-bt-snippets";

thread_local! {
    /// Searches rendered so far (the latest one clears [`PENDING`]).
    static ROUND: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The link a hit's title has on the search page.
fn href_of(ctx: &Ctx, hit: &Hit) -> String {
    format!("{}{}", ctx.base, hit.route())
}

/// Writes the snippet of the `i`-th result, if that result is still the one
/// linking to `href` and shows a lead: `cut(n)` is the best window of at most
/// `n` characters of its document. Nothing on the page moves: the snippet
/// starts about as long as the lead (`chars`), and while it takes more lines
/// than the lead did it is cut shorter (a fifth at a time, down to
/// [`MIN_SNIPPET_CHARS`] / 2; failing that the lead stays); one that takes
/// fewer keeps the lead's height. A hit without a lead keeps none, as a new
/// paragraph would push the results below it down. Each try is laid out
/// before the frame is painted, so only the last is seen.
///
/// The paragraph's box stays as it was (no new display type, no clamp box):
/// the browser then counts the new text as the same paint, and the page's
/// largest paint stays the results' first one, not one that waited for the
/// documents.
fn show_snippet(href: &str, i: usize, chars: usize, cut: impl Fn(usize) -> Vec<String>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!(".bt-found__list > .bt-found__hit:nth-child({})", i + 1);
    let Some(item) = doc.query_selector(&selector).ok().flatten() else {
        return;
    };
    let link = item.query_selector("a.bt-card__link").ok().flatten();
    if link.and_then(|a| a.get_attribute("href")).as_deref() != Some(href) {
        return;
    }
    let Some(p) = item
        .query_selector(".bt-found__snippet")
        .ok()
        .flatten()
        .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let (lead, before) = (p.inner_html(), p.offset_height());
    let mut chars = chars;
    loop {
        let mut html = String::new();
        push_marked(&mut html, &cut(chars));
        p.set_inner_html(&html);
        if before == 0 || p.offset_height() <= before {
            break;
        }
        if chars <= MIN_SNIPPET_CHARS / 2 {
            p.set_inner_html(&lead);
            return;
        }
        chars = (chars * 4 / 5).max(MIN_SNIPPET_CHARS / 2);
    }
    if p.offset_height() < before {
        let _ = p.style().set_property("min-height", &format!("{before}px"));
    }
}

/// The text snippets are cut from, of a hit's document: from [`fetched`]
/// when an earlier search of this page asked for it, else asked for and kept
/// there from the moment it is asked for (a promise of its text), so that the
/// app's prefetch takes the request in flight rather than making its own.
async fn document_text(ctx: &Ctx, hit: &Hit) -> Option<String> {
    let url = format!("{}{}", ctx.data_root, hit.data_path());
    let (kept, key) = (fetched(), JsValue::from_str(&url));
    let earlier = kept
        .as_ref()
        .and_then(|k| k.get(&key).dyn_into::<js_sys::Promise>().ok());
    let text = match earlier {
        Some(text) => text,
        None => {
            let text = wasm_bindgen_futures::future_to_promise(async move {
                net::get(&url)
                    .await
                    .map(JsValue::from)
                    .map_err(|_| JsValue::NULL)
            });
            if let Some(kept) = &kept {
                kept.set(&key, &text);
            }
            text
        }
    };
    let Some(json) = JsFuture::from(text).await.ok().and_then(|t| t.as_string()) else {
        // A failure is not kept: the next search, or the app, asks again.
        if let Some(kept) = &kept {
            kept.delete(&key);
        }
        return None;
    };
    let doc = JSON::parse(&json).ok().filter(JsValue::is_object)?;
    Some(doc_text(&doc))
}

/// Documents [`fetched`] keeps from one search to the next, at most: past
/// that, a new search starts with none (those on screen are at most a page of
/// results).
const KEPT_DOCUMENTS: u32 = 40;

/// The documents this page asked for for its snippets, by URL: a `Map` of
/// promises of their texts, `window.__bantinDocs`, which the app reads too
/// (`src/prefetch.rs`), so that a result the reader opens, or the app
/// prefetches, is not asked for a second time.
fn fetched() -> Option<js_sys::Map> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("__bantinDocs");
    if let Ok(map) = js_sys::Reflect::get(&window, &key).ok()?.dyn_into() {
        return Some(map);
    }
    let map = js_sys::Map::new();
    js_sys::Reflect::set(&window, &key, &map).ok()?;
    Some(map)
}
