//! What happens around a navigation that the router does not do itself:
//! scroll restoration on back/forward (views load asynchronously, so the
//! browser's own restoration would fire too early), moving focus to the new
//! view's heading, and the document title.
//!
//! Pages call [`view_ready`] (through the `ViewReady` component) once the
//! content of a view is in the DOM.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "bantin:scroll";
/// Positions kept per session, most recent URLs win.
const MAX_ENTRIES: usize = 200;

#[derive(Default)]
struct NavState {
    /// Last known scroll position per URL (path and query).
    positions: HashMap<String, f64>,
    /// Where to scroll when the next view is ready (back/forward or reload).
    restore: Option<f64>,
    /// True between a history traversal and the view that answers it.
    restoring: bool,
    /// The URL of the view on screen (`None` before the first one).
    shown_key: Option<String>,
    /// The link the reader followed last names a place in its page (a
    /// fragment): the next view is drawn whole (see [`later`]).
    to_fragment: bool,
}

thread_local! {
    static STATE: RefCell<NavState> = RefCell::new(NavState::default());
    /// Parts of the view on screen still to be drawn after its first frame
    /// ([`later`]): the view is announced once the last is there.
    static DEFERRED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// While a view is built ahead of the navigation that shows it ([`hold`]):
    /// what its parts do once it is shown (title, focus, scroll, parts drawn
    /// later), kept until then.
    static HELD: RefCell<Option<Vec<Held>>> = const { RefCell::new(None) };
}

/// What a part of a view built ahead does once the view is shown (see [`hold`]).
pub type Held = Box<dyn FnOnce()>;

/// Builds a view ahead of the navigation that will show it (`crate::pages`,
/// for an article the reader is about to open): nothing of it sets the title,
/// moves the focus, scrolls or is announced while it waits out of the
/// document; what it would have done is returned, to be run, in order, once
/// the view is in the document ([`ViewReady`] and [`later`] hold theirs).
#[cfg(target_arch = "wasm32")]
pub fn hold<T>(build: impl FnOnce() -> T) -> (T, Vec<Held>) {
    let outer = HELD.replace(Some(Vec::new()));
    let built = build();
    let held = HELD.replace(outer).unwrap_or_default();
    (built, held)
}

/// Keeps `then` for when the view being built ahead is shown; `Err(then)`
/// when no view is being built ahead.
fn held(then: Held) -> Result<(), Held> {
    HELD.with_borrow_mut(|held| match held {
        Some(held) => {
            held.push(then);
            Ok(())
        }
        None => Err(then),
    })
}

/// Whether the navigation under way is an ordinary one: not a history
/// traversal that restores a place, not to a place in the page. A view built
/// ahead draws its lower part after its first frame, which only such a
/// navigation does (see [`later`]).
#[cfg(target_arch = "wasm32")]
pub fn plain_navigation() -> bool {
    STATE.with_borrow(|s| !s.restoring && !s.to_fragment)
        && !window().location().hash().is_ok_and(|h| h.len() > 1)
}

fn current_key() -> Option<String> {
    let loc = window().location();
    Some(format!("{}{}", loc.pathname().ok()?, loc.search().ok()?))
}

/// Sets up manual scroll restoration. Call once, before the router starts.
pub fn install() {
    let win = window();
    if let Ok(history) = win.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    // Positions survive a reload of the tab.
    let mut saved = session_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|text| decode_positions(&text))
        .unwrap_or_default();
    STATE.with_borrow_mut(|s| {
        // A reload restores where the reader was; the first view of a click
        // on a prerendered page is a navigation (see `navigated_from_static_page`).
        if s.shown_key.is_none() {
            s.restore = current_key().and_then(|k| saved.get(&k).copied());
            s.restoring = s.restore.is_some();
        }
        saved.extend(s.positions.drain());
        s.positions = saved;
    });

    let pending = StoredValue::new_local(false);
    window_event_listener(leptos::ev::scroll, move |_| {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            remember_position();
        });
    });
    window_event_listener(leptos::ev::popstate, move |_| {
        let Some(key) = current_key() else { return };
        STATE.with_borrow_mut(|s| {
            // A fragment change within the view on screen loads nothing.
            if s.shown_key.as_deref() == Some(key.as_str()) {
                return;
            }
            s.restore = Some(s.positions.get(&key).copied().unwrap_or(0.0));
            s.restoring = true;
        });
    });
    // The app scrolls when the next view is ready, not when the link is
    // clicked: the router's own scroll-to-top is turned off for internal links
    // (it reads `data-noscroll` in its click handler, which runs after this one).
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(mark_no_scroll)
            .into_js_value()
            .unchecked_ref(),
        true,
    );
    window_event_listener(leptos::ev::pagehide, move |_| {
        remember_position();
        let text = STATE.with_borrow(|s| encode_positions(&s.positions));
        if let Some(storage) = session_storage() {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    });
}

fn mark_no_scroll(ev: web_sys::MouseEvent) {
    let anchor = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten());
    if let Some(a) = anchor {
        let _ = a.set_attribute("data-noscroll", "");
        let to_fragment = a
            .get_attribute("href")
            .is_some_and(|h| h.split_once('#').is_some_and(|(_, f)| !f.is_empty()));
        STATE.with_borrow_mut(|s| s.to_fragment = to_fragment);
    }
}

fn remember_position() {
    let Some(key) = current_key() else { return };
    let y = window().scroll_y().unwrap_or(0.0);
    STATE.with_borrow_mut(|s| {
        if s.restoring {
            return;
        }
        if s.positions.len() >= MAX_ENTRIES && !s.positions.contains_key(&key) {
            s.positions.clear();
        }
        s.positions.insert(key, y);
    });
}

/// Positions as "y<TAB>url" lines (URLs hold no tabs or newlines).
fn encode_positions(positions: &HashMap<String, f64>) -> String {
    positions
        .iter()
        .map(|(url, y)| format!("{}\t{url}\n", y.round() as i64))
        .collect()
}

fn decode_positions(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter_map(|line| {
            let (y, url) = line.split_once('\t')?;
            // Written as whole pixels; read as such (parsing floats would
            // bring Rust's float parser and its tables into the bundle: 13 KB brotli).
            Some((url.to_string(), y.parse::<i64>().ok()? as f64))
        })
        .collect()
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Called when a view's content is in place: restores the scroll position
/// after back/forward, and moves focus to the view's heading after a navigation.
pub fn view_ready() {
    request_animation_frame(|| {
        let key = current_key();
        let (restore, first, same_view) = STATE.with_borrow_mut(|s| {
            let first = s.shown_key.is_none();
            let same_view = s.shown_key == key;
            s.shown_key = key;
            s.restoring = false;
            s.to_fragment = false;
            (s.restore.take(), first, same_view)
        });
        match restore {
            Some(y) => window().scroll_to_with_x_and_y(0.0, y),
            // A new view starts at the top (or at its fragment); a retry stays put.
            None if !first && !same_view => scroll_to_fragment_or_top(),
            None => {}
        }
        if !first {
            focus_heading();
        }
        // A part drawn later announces the view itself, once it is there.
        if DEFERRED.get() == 0 {
            announce_view();
        }
    });
}

/// The part of a view below its first screen, drawn by `make` in the task
/// after the frame that shows the rest of the view, so that a navigation
/// paints the new heading without waiting for the whole view (an article's
/// body, related list and tools: tens of milliseconds on a phone). Drawn at
/// once natively (a prerendered page is whole), for the first view (it is
/// no navigation), when the view restores a scroll position and when the
/// link followed names a place in the page (both need the whole page).
///
/// Drawn later, the part goes into an element of its own (`bt-later`, laid
/// out as its children: `display: contents`) through
/// [`crate::components::swapped`], built once and never diffed: a `move ||`
/// child would bring the diffing code of every element in it into the bundle.
#[cfg(target_arch = "wasm32")]
pub fn later<V, F>(make: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: FnOnce() -> V + 'static,
{
    use leptos::either::Either;
    // The browser's address is the link's when the app answers a click on a
    // prerendered page (`crate::takeover`); the router's clicks are told by
    // `mark_no_scroll`, as the address changes once the view is ready.
    let at_once = STATE.with_borrow(|s| s.shown_key.is_none() || s.restoring || s.to_fragment)
        || window().location().hash().is_ok_and(|h| h.len() > 1)
        || use_context::<Dry>().is_some();
    // Built ahead, the view is shown by an ordinary navigation only (see
    // `plain_navigation`): its part waits for its first frame.
    let ahead = HELD.with_borrow(Option::is_some);
    if at_once && !ahead {
        return Either::Left(make());
    }
    let shown = RwSignal::new(false);
    let schedule = move || {
        DEFERRED.set(DEFERRED.get() + 1);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // The view may be gone already (the reader moved on).
                    let _ = shown.try_set(true);
                    DEFERRED.set(DEFERRED.get().saturating_sub(1));
                    if DEFERRED.get() == 0 {
                        // Once the part is in the document.
                        request_animation_frame(announce_view);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    };
    if let Err(now) = held(Box::new(schedule)) {
        now();
    }
    let host = NodeRef::<leptos::html::Div>::new();
    let make = std::cell::Cell::new(Some(make));
    // Only `shown` is tracked: the part is made once.
    crate::components::swapped(host, move || {
        shown.get().then(|| make.take().map(untrack)).flatten()
    });
    Either::Right(view! { <div class="bt-later" node_ref=host></div> })
}

/// See the browser's [`later`]: natively the part is drawn at once, in place.
#[cfg(not(target_arch = "wasm32"))]
pub fn later<V, F>(make: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: FnOnce() -> V + 'static,
{
    make()
}

/// Tells the page scripts (src/js/page.js, the offline script, prefetch) that
/// a new view is on screen, so they sync their controls with it.
pub fn announce_view() {
    if let Ok(ev) = web_sys::Event::new("bantin:view") {
        let _ = document().dispatch_event(&ev);
    }
}

/// Call before the app's first view answers a click on a prerendered page
/// (see `crate::takeover`), while the address is still the page's: its scroll
/// position is remembered for the way back, and the view is a navigation: it
/// starts at the top (or its fragment) with the focus on its heading.
pub fn leaving_static_page() {
    let key = current_key();
    let y = window().scroll_y().unwrap_or(0.0);
    STATE.with_borrow_mut(|s| {
        if let Some(key) = &key {
            s.positions.insert(key.clone(), y);
        }
        s.shown_key = Some(key.unwrap_or_default());
    });
}

fn scroll_to_fragment_or_top() {
    let hash = window().location().hash().unwrap_or_default();
    let target = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document().get_element_by_id(id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Moves keyboard and screen-reader focus to the main heading without scrolling.
fn focus_heading() {
    let Some(h1) = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = h1.set_attribute("tabindex", "-1");
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = h1.focus_with_options(&options);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip() {
        let mut p = HashMap::new();
        p.insert("/chuyen-muc/thoi-su?trang=2".to_string(), 1234.0);
        p.insert("/".to_string(), 0.0);
        assert_eq!(decode_positions(&encode_positions(&p)), p);
        assert!(decode_positions("rác\nkhông hợp lệ").is_empty());
    }
}

/// Provided while a view is built only to be dropped (`crate::pages`'
/// rehearsal): nothing of it sets the title, moves the focus, scrolls or is
/// announced, and its parts are drawn at once.
#[derive(Clone, Copy)]
pub struct Dry;

/// The title of the current view, combined with the site name by the app.
#[derive(Clone, Copy)]
pub struct ViewTitle(pub RwSignal<Option<String>>);

/// Marks a view's content as shown: sets the document title and runs [`view_ready`].
#[component]
pub fn ViewReady(
    /// The view's title ("" or absent for the home page).
    #[prop(optional, into)]
    title: Option<String>,
) -> impl IntoView {
    if use_context::<Dry>().is_some() {
        return;
    }
    let view_title = use_context::<ViewTitle>();
    let set_title = move || {
        if let Some(t) = view_title {
            t.0.set(title);
        }
    };
    if HELD.with_borrow(Option::is_some) {
        let _ = held(Box::new(move || {
            set_title();
            view_ready();
        }));
        return;
    }
    set_title();
    Effect::new(move |_| view_ready());
}
