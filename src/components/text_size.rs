//! The "A− A+" control that scales an article's text; the choice is remembered.

use leptos::prelude::*;

use crate::format::{parse_text_size, step_text_size, TEXT_SIZES};
use crate::strings;

const STORAGE_KEY: &str = "bantin:co-chu";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The remembered text-size index (into [`TEXT_SIZES`]).
#[cfg(target_arch = "wasm32")]
pub fn stored_text_size() -> usize {
    parse_text_size(
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .as_deref(),
    )
}

/// The normal size: a prerendered page is the same for every reader.
#[cfg(not(target_arch = "wasm32"))]
pub fn stored_text_size() -> usize {
    parse_text_size(None)
}

/// Buttons that change `size` (an index into [`TEXT_SIZES`]) and remember it.
#[component]
pub fn TextSize(size: RwSignal<usize>) -> impl IntoView {
    let step = move |larger: bool| {
        let next = step_text_size(size.get_untracked(), larger);
        size.set(next);
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, &next.to_string());
        }
    };
    view! {
        <div class="bt-textsize" role="group" aria-label=strings::TEXT_SIZE_LABEL>
            // The name is the visible "A−" followed by what it does (WCAG 2.5.3:
            // the accessible name contains the visible text).
            <button
                type="button"
                class="bt-tool"
                disabled=move || { size.get() == 0 }
                on:click=move |_| step(false)
            >
                "A−"<span class="bt-sr">" "{strings::TEXT_SMALLER}</span>
            </button>
            <span class="bt-textsize__value" aria-live="polite">
                {move || format!("{}%", TEXT_SIZES[size.get().min(TEXT_SIZES.len() - 1)])}
            </span>
            <button
                type="button"
                class="bt-tool"
                disabled=move || { size.get() + 1 >= TEXT_SIZES.len() }
                on:click=move |_| step(true)
            >
                "A+"<span class="bt-sr">" "{strings::TEXT_LARGER}</span>
            </button>
        </div>
    }
}
