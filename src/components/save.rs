//! The article's "Lưu bài" (save for offline reading) button. Its behaviour
//! is the page script's (`src/js/offline.js`, delegated on `document`), so it
//! works on a prerendered page before the app starts and on the app's views
//! alike: the `data-bt-*` attributes carry what it saves. It stays hidden
//! until the script shows it (a browser with service workers and caches, and
//! offline reading not turned off by the operator): the script marks `<html>`
//! with `bt-luu` and the stylesheet shows it, so the markup stays the app's.

use bantin_contract::paths::{self, routes};
use leptos::prelude::*;

use crate::base;
use crate::strings;

/// "Lưu bài" / "Đã lưu" (`aria-pressed`), for the article `slug`.
#[component]
pub fn SaveButton(
    slug: String,
    title: String,
    /// The publication time (RFC 3339).
    date: String,
    /// The cover image's address, if any.
    cover: Option<String>,
) -> impl IntoView {
    let json = base::url(&format!(
        "{}{}",
        paths::DEFAULT_DATA_URL,
        paths::article(&slug)
    ));
    let page = base::url(&routes::article(&slug));
    let cover = cover
        .as_deref()
        .and_then(bantin_contract::url::safe)
        .map(|src| base::site_path(src).into_owned());
    view! {
        <p class="bt-save">
            <button
                type="button"
                class="bt-tool bt-save__button"
                aria-pressed="false"
                hidden
                data-bt-save=slug
                data-bt-title=title
                data-bt-date=date
                data-bt-json=json
                data-bt-url=page
                data-bt-image=cover
            >
                {strings::t().save}
            </button>
        </p>
    }
}
