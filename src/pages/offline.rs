//! Offline reading: the saved-articles page (`/da-luu`) and the offline view
//! (`/ngoai-tuyen`, also shown for a page that failed to load while the
//! browser is offline).
//!
//! The lists live in the browser (`localStorage`, written by the page script
//! `src/js/offline.js`, which also saves the pages, documents and images in
//! the `bantin-luu` cache and handles the buttons carrying `data-bt-*`
//! attributes here). These views only read the lists, once, when they are
//! built; natively (the prerendered pages) they are empty.

use bantin_contract::paths::routes;
use leptos::prelude::*;

use crate::base;
use crate::nav::ViewReady;
use crate::strings;

/// `localStorage` key of the saved articles (newest first).
pub const SAVED_KEY: &str = "bantin:da-luu";
/// `localStorage` key of the recently read articles (newest first, at most 20).
pub const RECENT_KEY: &str = "bantin:gan-day";

/// One article in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub slug: String,
    pub title: String,
    /// The publication time (RFC 3339).
    pub date: String,
}

/// The list stored under `key`; entries without a valid slug or title are skipped.
#[cfg(target_arch = "wasm32")]
pub fn stored(key: &str) -> Vec<Entry> {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let Some(text) = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(key).ok().flatten())
    else {
        return Vec::new();
    };
    let Ok(value) = js_sys::JSON::parse(&text) else {
        return Vec::new();
    };
    if !js_sys::Array::is_array(&value) {
        return Vec::new();
    }
    let field = |item: &JsValue, name: &str| {
        Reflect::get(item, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    js_sys::Array::from(&value)
        .iter()
        .map(|item| Entry {
            slug: field(&item, "slug"),
            title: field(&item, "title"),
            date: field(&item, "date"),
        })
        .filter(|e| bantin_contract::text::is_slug(&e.slug) && !e.title.trim().is_empty())
        .collect()
}

/// Natively there is no browser storage: the lists are empty.
#[cfg(not(target_arch = "wasm32"))]
pub fn stored(_key: &str) -> Vec<Entry> {
    Vec::new()
}

/// A list of articles: title link and date, and (on `/da-luu`) a remove button.
fn entries(items: Vec<Entry>, removable: bool) -> impl IntoView {
    view! {
        <ul class="bt-saved__list">
            {items.into_iter().map(|e| {
                let date = crate::format::date_time(&e.date);
                view! {
                    <li class="bt-saved__item">
                        <a class="bt-saved__link" href=base::url(&routes::article(&e.slug))>{e.title.clone()}</a>
                        {date.map(|d| view! { <time class="bt-saved__date" datetime=e.date.clone()>{d}</time> })}
                        {removable.then(|| view! {
                            <button type="button" class="bt-tool bt-saved__remove" data-bt-remove=e.slug.clone()>
                                {strings::t().remove}<span class="bt-sr">" "{e.title.clone()}</span>
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/da-luu`: the saved articles, the storage they use, remove and remove all.
/// Built once (views are never diffed): the page script removes an item's row
/// when it is removed, and shows the empty note when none is left.
#[component]
pub fn SavedView() -> impl IntoView {
    let items = stored(SAVED_KEY);
    let empty = items.is_empty();
    view! {
        <section class="bt-saved">
            <ViewReady title=strings::t().saved_title />
            <h1>{strings::t().saved_title}</h1>
            <p>{strings::t().saved_intro}</p>
            // Filled in by the page script from navigator.storage.estimate().
            <p class="bt-saved__usage" data-bt-storage="" hidden></p>
            <p class="bt-saved__empty" hidden=!empty>{strings::t().saved_empty}</p>
            {entries(items, true)}
            <p hidden=empty>
                <button type="button" class="bt-button bt-button--ghost" data-bt-clear="">{strings::t().remove_all}</button>
            </p>
        </section>
    }
}

/// "Bạn đang ngoại tuyến": what happened, a retry, and what can be read offline.
#[component]
pub fn OfflineView() -> impl IntoView {
    let list = |key: &str| {
        let items = stored(key);
        let empty = items.is_empty();
        view! {
            <p class="bt-saved__empty" hidden=!empty>{strings::t().offline_none}</p>
            {entries(items, false)}
        }
    };
    view! {
        <section class="bt-offline">
            <ViewReady title=strings::t().offline_title />
            <h1>{strings::t().offline_title}</h1>
            <p>{strings::t().offline_text}</p>
            <p class="bt-error__actions">
                <button type="button" class="bt-button" data-bt-retry="">{strings::t().retry}</button>
                <a class="bt-button bt-button--ghost" href=base::url("")>{strings::t().back_home}</a>
            </p>
            <h2>{strings::t().saved_title}</h2>
            {list(SAVED_KEY)}
            <h2>{strings::t().recent_title}</h2>
            {list(RECENT_KEY)}
        </section>
    }
}

/// True when the browser says it has no connection (never natively).
pub fn offline_now() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        !window().navigator().on_line()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}
