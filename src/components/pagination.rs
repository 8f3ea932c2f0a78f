//! Page links of a listing: "Trang trước", numbers, "Trang sau".

use leptos::either::Either;
use leptos::prelude::*;

use crate::api::ListingSource;
use crate::base;
use crate::format::{page_window, PageItem};
use crate::strings;

/// Pagination for a listing: each page's own URL (`…/trang/N`, the bare
/// listing URL for page 1; `bantin_contract::paths::routes`).
#[component]
pub fn Pagination(listing: ListingSource, page: u32, page_count: u32) -> impl IntoView {
    pages(page, page_count, &move |p: u32| {
        base::url(&listing.route().page(p))
    })
}

/// Page links for page `page` of `page_count`, each at `href(n)`; nothing for one page.
pub fn pages(page: u32, page_count: u32, href: &dyn Fn(u32) -> String) -> Option<impl IntoView> {
    if page_count <= 1 {
        return None;
    }
    let prev = (page > 1).then(|| {
        view! { <a class="bt-pages__step" rel="prev" href=href(page - 1)>{strings::t().prev_page}</a> }
    });
    let next = (page < page_count).then(|| {
        view! { <a class="bt-pages__step" rel="next" href=href(page + 1)>{strings::t().next_page}</a> }
    });
    let items = page_window(page, page_count)
        .into_iter()
        .map(|item| match item {
            PageItem::Gap => {
                Either::Left(view! { <li class="bt-pages__gap" aria-hidden="true">"…"</li> })
            }
            PageItem::Page(p) => Either::Right(view! {
                <li>
                    <a
                        class="bt-pages__num"
                        href=href(p)
                        aria-current=(p == page).then_some("page")
                    >
                        <span class="bt-sr">{strings::t().page}" "</span>
                        {p}
                    </a>
                </li>
            }),
        })
        .collect_view();
    Some(view! {
        <nav class="bt-pages" aria-label=strings::t().pagination_label>
            {prev}
            <ul class="bt-pages__list">{items}</ul>
            {next}
        </nav>
    })
}
