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
            <ViewReady title=strings::t().not_found_title />
            <p class="bt-notfound__code" aria-hidden="true">"404"</p>
            <h1>{strings::t().not_found_title}</h1>
            <p>{strings::t().not_found_text}</p>
            <ul class="bt-notfound__ways">
                <li><a class="bt-button" href=base::url("")>{strings::t().back_home}</a></li>
                <li><a class="bt-button bt-button--ghost" href=base::url(&bantin_contract::paths::routes::latest(1))>{strings::t().see_latest}</a></li>
            </ul>
        </section>
    }
}
