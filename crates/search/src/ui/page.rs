//! The search page: [`render_page`] writes the content of the app's
//! `/tim-kiem` view for a query and page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::markup::{clamp_query, page_html, search_url, Hit, Outcome, PER_PAGE, RETRY_ID};
use super::net::{self, Ctx};
use super::read::doc_text;
use crate::marks::{snippet, Matcher};
use crate::text::Query;

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

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
    let ctx = Rc::new(Ctx::new(&ctx));
    let first = CTX.with(|c| c.replace(Some(Rc::clone(&ctx))).is_none());
    if first {
        listen();
    }
    wasm_bindgen_futures::future_to_promise(async move {
        Ok(render(&query, page, &ctx)
            .await
            .map_or(JsValue::UNDEFINED, JsValue::from))
    })
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

async fn render(query: &str, page: u32, ctx: &Ctx) -> Option<String> {
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
                r.truncated |= cut;
                // Each hit's document (which also warms the cache for the click)
                // gives its snippet: an article's JSON, a page's or a document's.
                let snippets = net::join_all(r.hits.iter().map(|h| snippet_of(ctx, q, h))).await;
                Outcome::Found(r, snippets)
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

/// The best window of a hit's document for `q`, in segments (odd ones matched).
async fn snippet_of(ctx: &Ctx, q: &str, hit: &Hit) -> Option<Vec<String>> {
    let url = format!("{}{}", ctx.data_root, hit.data_path());
    let json = net::get(&url).await.ok()?;
    let doc = JSON::parse(&json).ok().filter(JsValue::is_object)?;
    let text = doc_text(&doc);
    Some(snippet(
        &Matcher::new(&Query::parse(q, false)),
        &text,
        SNIPPET_CHARS,
    ))
}
