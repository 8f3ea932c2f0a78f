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
    /// Whether a view has been shown yet (the first one keeps focus where it is).
    shown_once: bool,
}

thread_local! {
    static STATE: RefCell<NavState> = RefCell::new(NavState::default());
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
    let saved: HashMap<String, f64> = session_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    STATE.with_borrow_mut(|s| {
        s.restore = current_key().and_then(|k| saved.get(&k).copied());
        s.restoring = s.restore.is_some();
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
        let target =
            current_key().and_then(|k| STATE.with_borrow(|s| s.positions.get(&k).copied()));
        STATE.with_borrow_mut(|s| {
            s.restore = Some(target.unwrap_or(0.0));
            s.restoring = true;
        });
    });
    window_event_listener(leptos::ev::pagehide, move |_| {
        remember_position();
        let json = STATE.with_borrow(|s| serde_json::to_string(&s.positions).ok());
        if let (Some(storage), Some(json)) = (session_storage(), json) {
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
    });
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

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Called when a view's content is in place: restores the scroll position
/// after back/forward, and moves focus to the view's heading after a navigation.
pub fn view_ready() {
    request_animation_frame(|| {
        let (restore, first) = STATE.with_borrow_mut(|s| {
            let first = !s.shown_once;
            s.shown_once = true;
            s.restoring = false;
            (s.restore.take(), first)
        });
        if let Some(y) = restore {
            window().scroll_to_with_x_and_y(0.0, y);
        }
        if !first {
            focus_heading();
        }
    });
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
    if let Some(t) = use_context::<ViewTitle>() {
        t.0.set(title);
    }
    Effect::new(move |_| view_ready());
}
