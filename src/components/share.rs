//! Print and share tools of an article: Facebook, Zalo, copy link, the
//! phone's share sheet (where the browser has one) and print.
//!
//! The markup only: Facebook is a plain link, and the buttons work through the
//! page script (`src/js/page.js`, by their `data-bt-act`), on a prerendered
//! page before the app has started as on the views the app renders. The
//! messages the script shows are carried by the group's `data-bt-*`
//! attributes, so every word stays here.

use leptos::prelude::*;

use crate::format::{facebook_share, ZALO_WEB};
use crate::strings;

/// The article's address without any fragment.
#[cfg(target_arch = "wasm32")]
fn page_url() -> String {
    let href = window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((u, _)) => u.to_string(),
        None => href,
    }
}

/// The address of the page being prerendered.
#[cfg(not(target_arch = "wasm32"))]
fn page_url() -> String {
    use_context::<crate::prerender::PageAddress>()
        .map(|a| a.0)
        .unwrap_or_default()
}

/// The row of article tools.
#[component]
pub fn ShareTools(
    /// The article's title, for the share sheet.
    title: String,
) -> impl IntoView {
    view! {
        <div
            class="bt-tools"
            role="group"
            aria-label=strings::t().tools_label
            data-bt-tools=""
            data-bt-title=title
            data-bt-copied=strings::t().copied
            data-bt-copied-zalo=strings::t().copied_for_zalo
            data-bt-failed=strings::t().copy_failed
        >
            <a
                class="bt-tool bt-tool--fb"
                href=facebook_share(&page_url())
                target="_blank"
                rel="noopener noreferrer"
            >
                {strings::t().share_facebook}
            </a>
            <button type="button" class="bt-tool bt-tool--zalo" data-bt-act="zalo" data-bt-href=ZALO_WEB>
                {strings::t().share_zalo}
            </button>
            <button type="button" class="bt-tool" data-bt-act="copy">
                {strings::t().copy_link}
            </button>
            <button type="button" class="bt-tool" data-bt-act="print">
                {strings::t().print}
            </button>
            // Shown by the page script where the browser has a share sheet.
            <button type="button" class="bt-tool" data-bt-act="share" hidden="">
                {strings::t().share_native}
            </button>
            // Empty until the page script has something to say.
            <p class="bt-tools__status" role="status"></p>
        </div>
    }
}
