//! Paginated listings: a category, a tag, or the latest news; page N ≥ 2 at
//! `<listing>/trang/<N>`.

use bantin_contract::{Listing, ListingKind};
use leptos::either::Either;
use leptos::prelude::*;

use crate::api::ListingSource;
use crate::components::article_list::ArticleList;
use crate::components::pagination::Pagination;
use crate::nav::ViewReady;
use crate::pages::not_found::NotFoundPage;
use crate::strings;

/// A page of a listing: `/chuyen-muc/:slug`, `/the/:slug` or `/moi-nhat`, then `/trang/:n`.
#[component]
pub fn ListingView(listing: Listing) -> impl IntoView {
    let Listing {
        kind,
        term,
        page,
        page_count,
        total,
        items,
        ..
    } = listing;
    if page > page_count.max(1) {
        return Either::Left(view! { <NotFoundPage /> });
    }
    let (title, source) = match (kind, &term) {
        (ListingKind::Category, Some(t)) => {
            (t.name.clone(), ListingSource::Category(t.slug.clone()))
        }
        (ListingKind::Tag, Some(t)) => (
            format!("{}{}", strings::t().tag_title_prefix, t.name),
            ListingSource::Tag(t.slug.clone()),
        ),
        _ => (strings::t().latest_title.to_string(), ListingSource::Latest),
    };
    let view_title = if page > 1 {
        format!("{title} – {} {page}", strings::t().page)
    } else {
        title.clone()
    };
    let breadcrumb = crate::components::crumbs(vec![
        (String::new(), strings::t().home.to_string(), false),
        (source.route().page(1), title.clone(), page == 1),
    ]);
    let body = if items.is_empty() {
        Either::Left(view! { <p class="bt-empty">{strings::t().no_articles}</p> })
    } else {
        Either::Right(view! { <ArticleList items level=2 /> })
    };
    Either::Right(view! {
        <ViewReady title=view_title />
        <div class="bt-listing">
            {breadcrumb}
            <header class="bt-listing__head">
                <h1>{title}</h1>
                <p class="bt-listing__summary">{strings::t().page_summary(page, page_count.max(1), total)}</p>
            </header>
            {body}
            <Pagination listing=source page page_count />
        </div>
    })
}
