//! How the app takes over a page the build tool prerendered (`#bt-static`).
//!
//! Such a page is complete on its own: its links are real links and its
//! controls work through the page script (`src/js/page.js`). Rendering it a
//! second time when the app starts would block the main thread for a few
//! hundred milliseconds on a phone for nothing on screen changing (measured in
//! `docs/benchmarks.md`, issue 14), so the app does not: [`wait`] only listens
//! for the reader's first click on a link to one of the app's views, and the
//! app renders its first view then ([`mount`]), with the page's markup kept on
//! screen until that view is ready (`crate::take_over_static_page`).
//!
//! The one exception: when `config.json` gives the site a name or links other
//! than those the page was built with, the app renders at once, so the reader
//! sees the operator's settings.
//!
//! When the reader shows an intent to navigate with a pointer resting on a
//! link or keyboard focus on one (`crate::prefetch`), the app renders its
//! frame ahead, out of the document ([`render_ahead`]): the time before the
//! click is idle, and the click then has only the next view to draw. From
//! then on the app's router answers the click, as it does on every later view.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{base, route, strings, Request};

/// The click listener of a page the app has not rendered yet.
type Listener = Closure<dyn Fn(web_sys::MouseEvent)>;

thread_local! {
    static MOUNTED: Cell<bool> = const { Cell::new(false) };
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
    /// The app is rendering because the reader followed a link (not at once).
    static FOLLOWED: Cell<bool> = const { Cell::new(false) };
    /// The app was rendered ahead, hidden, for the page on screen, which it
    /// does not load again: its first view is the reader's next one.
    static AHEAD: Cell<bool> = const { Cell::new(false) };
    /// The search page's results are being written into the prerendered page.
    static FILLING: Cell<bool> = const { Cell::new(false) };
    /// The element of the app rendered ahead, until its first view is shown.
    static AHEAD_ROOT: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

/// Waits on a prerendered page for the reader's first navigation.
pub fn wait() {
    listen();
    wasm_bindgen_futures::spawn_local(async {
        if crate::config::changes_page_settings().await {
            mount();
        }
    });
}

/// Listens for the reader's first click on a link to one of the app's views.
fn listen() {
    let listener = Listener::new(on_click);
    let _ = leptos::prelude::document()
        .add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    LISTENER.set(Some(listener));
}

/// Fills the prerendered search page (which the build writes without results)
/// with the results of `query`, through the search module, without rendering
/// the page again; a page past the last one, or a failure, is the app's to show.
/// The page script may have had the module write them before the app started
/// (`window.__bantinFound`, see `src/js/page.js`): then only the title is set.
pub fn fill_search(query: String, page: u32) {
    FILLING.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        let found = if written_by_page_script().await {
            Some((
                crate::pages::search::Found {
                    query: crate::search::clamp_query(&query).to_string(),
                    page,
                    html: String::new(),
                },
                false,
            ))
        } else {
            match crate::pages::search::load(query, page).await {
                crate::pages::Loaded::Search(found) => Some((*found, true)),
                _ => None,
            }
        };
        let doc = leptos::prelude::document();
        match (
            found,
            doc.query_selector("#bt-static .bt-found").ok().flatten(),
        ) {
            (Some((found, write)), Some(el)) if !MOUNTED.get() => {
                if write {
                    el.set_inner_html(&found.html);
                }
                let view = crate::pages::search::title(&found);
                let site = crate::config::site_name().await;
                doc.set_title(&strings::document_title(Some(&view), &site));
                crate::nav::announce_view();
            }
            _ => mount(),
        }
    });
}

/// Whether the page script wrote the search page's results (see [`fill_search`]).
async fn written_by_page_script() -> bool {
    let Ok(written) = js_sys::Reflect::get(&leptos::prelude::window(), &"__bantinFound".into())
    else {
        return false;
    };
    let Ok(written) = written.dyn_into::<js_sys::Promise>() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(written)
        .await
        .is_ok_and(|w| w.as_bool() == Some(true))
}

/// A property of a JS object as a string ("" when missing).
fn prop(target: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The app's request for `url` (an anchor or the location: anything with
/// `pathname` and `search`), `None` when it is not one of the app's views.
pub fn request_of(url: &JsValue) -> Option<Request> {
    let path = prop(url, "pathname");
    let within = base::strip(base::base(), &path);
    // A path outside the base path is another site's on the same host.
    if within.len() == path.len() && base::base() != "/" {
        return None;
    }
    let search = web_sys::UrlSearchParams::new_with_str(&prop(url, "search")).ok()?;
    let request = route(
        within,
        search.get("trang").as_deref(),
        search.get("q").as_deref(),
    )
    .with_query(&prop(url, "search"));
    (request != Request::NotFound).then_some(request)
}

/// Whether `anchor` is a link of this site that opens in the same tab (no
/// download, no other window, not marked external): one the app may follow.
pub fn own_link(anchor: &web_sys::Element) -> bool {
    let target = anchor.get_attribute("target").unwrap_or_default();
    let rel = anchor.get_attribute("rel").unwrap_or_default();
    let location: JsValue = leptos::prelude::window().location().into();
    !anchor.has_attribute("download")
        && (target.is_empty() || target == "_self")
        && !rel.split_whitespace().any(|r| r == "external")
        && prop(anchor.as_ref(), "origin") == prop(&location, "origin")
}

/// The anchor a click landed on, when the app should follow it itself: a plain
/// left click on a same-origin link to another of the app's views.
fn followed_link(ev: &web_sys::MouseEvent) -> Option<web_sys::Element> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let anchor = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    if !own_link(&anchor) {
        return None;
    }
    let location: JsValue = leptos::prelude::window().location().into();
    let link: &JsValue = anchor.as_ref();
    // The same page (a fragment link such as the skip link): the browser's.
    if prop(link, "pathname") == prop(&location, "pathname")
        && prop(link, "search") == prop(&location, "search")
    {
        return None;
    }
    request_of(link)?;
    Some(anchor)
}

/// A click on a link to one of the app's views before its router is there:
/// the address becomes the link's, and the app renders (or, when it is
/// already rendering, its router starts from that address).
fn on_click(ev: web_sys::MouseEvent) {
    let Some(anchor) = followed_link(&ev) else {
        return;
    };
    let href = prop(anchor.as_ref(), "href");
    let Ok(history) = leptos::prelude::window().history() else {
        return;
    };
    ev.prevent_default();
    crate::nav::leaving_static_page();
    if history
        .push_state_with_url(&JsValue::NULL, "", Some(&href))
        .is_err()
    {
        let _ = leptos::prelude::window().location().assign(&href);
        return;
    }
    // As on any navigation inside the app: a new deploy loads the destination in full.
    crate::config::check_build(href);
    if !FOLLOWED.replace(true) {
        show_progress();
    }
    // A frame being drawn ahead: its first view is now the link's, not the
    // page on screen.
    AHEAD.set(false);
    mount();
}

/// The loading bar (the app's own component) on the page being left: the
/// app's is not on screen yet.
pub fn show_progress() {
    use leptos::prelude::*;
    if let Some(page) = document().get_element_by_id("bt-static") {
        leptos::mount::mount_to(page.unchecked_into(), || {
            view! { <crate::components::progress::ProgressBar active=true /> }
        })
        .forget();
    }
}

/// The app's views could not be loaded (the network failed). After the
/// reader followed a link from a prerendered page (the address is already the
/// link's), the address loads as an ordinary page, as it would have before
/// the app started. A page the app had to draw at once says so in the site's
/// words, with a way to try again.
fn views_not_loaded() {
    let window = leptos::prelude::window();
    let doc = leptos::prelude::document();
    if FOLLOWED.get() {
        crate::config::load_in_full(None);
        return;
    }
    let Some(body) = doc.body() else {
        return;
    };
    let t = strings::t();
    // A link to this very address: the page script's policy forbids inline handlers.
    let here = window
        .location()
        .href()
        .unwrap_or_default()
        .replace('&', "&amp;")
        .replace('"', "&quot;");
    let html = format!(
        "<section class=\"bt-error\" role=\"alert\"><h1 class=\"bt-error__title\">{}</h1>\
         <p class=\"bt-error__text\">{}</p><p class=\"bt-error__actions\">\
         <a class=\"bt-button\" href=\"{here}\">{}</a></p></section>",
        t.error_title, t.err_network, t.retry
    );
    let _ = body.insert_adjacent_html("afterbegin", &html);
}

/// Renders the app for the current URL, hidden beside the prerendered page,
/// which it replaces once its view is ready (or on the bare shell's body).
/// Runs once.
pub fn mount() {
    if MOUNTED.replace(true) {
        return;
    }
    let doc = leptos::prelude::document();
    // A prerendered page stays on screen until the app's view is ready beside
    // it; the bare shell has nothing to keep, and the app draws on its body.
    let root = match doc.get_element_by_id("bt-static") {
        None => doc.body(),
        Some(_) => hidden_root(),
    };
    let Some(root) = root else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        // The click listener stays until the router is there (the views'
        // module may still be loading): a click meanwhile is followed by the
        // app (`on_click`), never by a full page load.
        let rendered = crate::render_app(root).await;
        stop_listening();
        if rendered.is_err() {
            views_not_loaded();
        }
    });
}

/// Removes the click listener of [`wait`], if it is there.
fn stop_listening() {
    if let Some(listener) = LISTENER.take() {
        let _ = leptos::prelude::document()
            .remove_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    }
}

/// A new hidden element after the prerendered page, for the app to render into.
fn hidden_root() -> Option<web_sys::HtmlElement> {
    let root = new_root()?;
    leptos::prelude::document()
        .body()?
        .append_child(&root)
        .ok()?;
    Some(root)
}

/// The element the app renders into beside a prerendered page (hidden until
/// its first view is ready), not yet in the document.
fn new_root() -> Option<web_sys::HtmlElement> {
    let root = leptos::prelude::document().create_element("div").ok()?;
    root.set_id("bt-app");
    let _ = root.set_attribute("hidden", "");
    Some(root.unchecked_into())
}

/// The reader may be about to follow a link from the prerendered page the app
/// waits on: the app renders its frame now, hidden, without the page on
/// screen (see the module's notes). Its router answers the click; the view
/// it loads then replaces the prerendered page as on any first navigation.
/// Does nothing once the app has rendered, on a page it fills (the search
/// results) or draws at once, or when its views cannot be loaded.
pub fn render_ahead() {
    let waiting = || !MOUNTED.get() && !FILLING.get() && LISTENER.with_borrow(Option::is_some);
    if !waiting() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        // Nothing is rendered before the views' module is there: until then
        // a click takes the ordinary way (`on_click`).
        if crate::views_loaded().await.is_err() || crate::config::changes_page_settings().await {
            return;
        }
        if !waiting() {
            return;
        }
        // Out of the document until the first view replaces the prerendered
        // page (`attach_ahead`): the page on screen keeps the only elements
        // with its ids (the search box, the main content).
        let Some(root) = new_root() else {
            return;
        };
        MOUNTED.set(true);
        AHEAD.set(true);
        AHEAD_ROOT.set(Some(root.clone()));
        // Says so to the page's scripts and tests.
        if let Some(html) = leptos::prelude::document().document_element() {
            let _ = html.set_attribute("data-bt-ahead", "");
        }
        // The page on screen is the view the app's navigation starts from.
        crate::nav::leaving_static_page();
        // As in `mount`: the click listener stays until the router is there.
        if crate::render_app(root).await.is_ok() {
            stop_listening();
        } else if FOLLOWED.get() {
            // Not expected (the module is loaded). A click came meanwhile:
            // the address is already the link's.
            stop_listening();
            views_not_loaded();
        } else {
            // Not expected: the page waits as before.
            AHEAD_ROOT.take();
            AHEAD.set(false);
            MOUNTED.set(false);
        }
    });
}

/// Puts the app rendered ahead ([`render_ahead`]) into the document, where
/// its first view replaces the prerendered page (`crate::take_over_static_page`).
pub fn attach_ahead() {
    if let Some(root) = AHEAD_ROOT.take() {
        let doc = leptos::prelude::document();
        if let Some(body) = doc.body() {
            let _ = body.append_child(&root);
        }
        if let Some(html) = doc.document_element() {
            let _ = html.remove_attribute("data-bt-ahead");
        }
    }
}

/// Whether the app was rendered ahead for the prerendered page still on
/// screen: its host then leaves that page's request to the page.
pub fn rendered_ahead() -> bool {
    AHEAD.get()
}
