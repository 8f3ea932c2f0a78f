//! The 404 view: unknown URLs, unknown articles and pages past the end.

use leptos::prelude::*;

use crate::base;
use crate::nav::ViewReady;
use crate::strings;

/// "Không tìm thấy trang", with ways back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="bt-notfound">
            <ViewReady title=strings::NOT_FOUND_TITLE />
            <p class="bt-notfound__code" aria-hidden="true">"404"</p>
            <h1>{strings::NOT_FOUND_TITLE}</h1>
            <p>{strings::NOT_FOUND_TEXT}</p>
            <ul class="bt-notfound__ways">
                <li><a class="bt-button" href=base::url("")>{strings::BACK_HOME}</a></li>
                <li><a class="bt-button bt-button--ghost" href=base::url(&bantin_contract::paths::routes::latest(1))>{strings::SEE_LATEST}</a></li>
            </ul>
        </section>
    }
}
