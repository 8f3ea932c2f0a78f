//! What the reader sees when a document cannot be loaded.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::FetchError;
use crate::base;
use crate::nav::ViewReady;
use crate::pages::not_found::NotFoundPage;
use crate::strings;

/// A clear Vietnamese message with a retry button; a missing document shows the 404 view.
#[component]
pub fn ErrorView(
    error: FetchError,
    /// Loads the document again.
    #[prop(into)]
    retry: Callback<()>,
) -> impl IntoView {
    if error == FetchError::NotFound {
        return EitherOf3::A(view! { <NotFoundPage /> });
    }
    // No connection at all: what can still be read (`/ngoai-tuyen`'s view).
    if error == FetchError::Network && crate::pages::offline::offline_now() {
        return EitherOf3::B(view! { <crate::pages::offline::OfflineView /> });
    }
    EitherOf3::C(view! {
        <section class="bt-error" role="alert">
            <ViewReady title=strings::t().error_title />
            <h1 class="bt-error__title">{strings::t().error_title}</h1>
            <p class="bt-error__text">{error.message()}</p>
            <p class="bt-error__actions">
                <button type="button" class="bt-button" on:click=move |_| retry.run(())>
                    {strings::t().retry}
                </button>
                <a class="bt-button bt-button--ghost" href=base::url("")>
                    {strings::t().back_home}
                </a>
            </p>
        </section>
    })
}
