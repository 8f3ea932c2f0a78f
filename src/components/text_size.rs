//! The "A− A+" control that scales an article's text.
//!
//! The markup only: the page script (`src/js/page.js`) owns the scale
//! (90–150 %), applies the reader's remembered size to `--bt-text` before the
//! page paints (`.bt-article` reads it), and handles these buttons by their
//! `data-bt-size` attribute, so they work on a prerendered page before the app
//! has started as well as on the views the app renders.

use leptos::prelude::*;

use crate::strings;

/// Buttons that make an article's text smaller or larger; the reader's choice is remembered.
#[component]
pub fn TextSize() -> impl IntoView {
    view! {
        <div class="bt-textsize" role="group" aria-label=strings::t().text_size_label>
            // The name is the visible "A−" followed by what it does (WCAG 2.5.3:
            // the accessible name contains the visible text).
            <button type="button" class="bt-tool" data-bt-size="-">
                "A−"<span class="bt-sr">" "{strings::t().text_smaller}</span>
            </button>
            // The page script writes the reader's size here.
            <span class="bt-textsize__value" aria-live="polite">
                {strings::t().text_size_normal}
            </span>
            <button type="button" class="bt-tool" data-bt-size="+">
                "A+"<span class="bt-sr">" "{strings::t().text_larger}</span>
            </button>
        </div>
    }
}
