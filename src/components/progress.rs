//! The thin progress bar at the top of the window.

use leptos::prelude::*;

use crate::strings;

/// Shown while a view or its data loads; CSS delays it so quick loads never flash it.
#[component]
pub fn ProgressBar(
    /// Whether something is loading.
    #[prop(into)]
    active: Signal<bool>,
) -> impl IntoView {
    view! {
        <Show when=move || active.get()>
            <div class="bt-progress" role="progressbar" aria-label=strings::t().loading>
                <div class="bt-progress__bar"></div>
            </div>
        </Show>
    }
}
