//! Paginated listings: a category, a tag, or the latest news (`?trang=2`).

use bantin_contract::{paths::routes, Listing, ListingKind};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, FetchError, ListingSource};
use crate::components::article_list::ArticleList;
use crate::components::error_view::ErrorView;
use crate::components::pagination::Pagination;
use crate::format::page_from_query;
use crate::nav::ViewReady;
use crate::pages::not_found::NotFoundPage;
use crate::strings;

/// `/chuyen-muc/:slug`
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    view! { <ListingPage source=move || { ListingSource::Category(params.read().get("slug").unwrap_or_default()) } /> }
}

/// `/the/:slug`
#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    view! { <ListingPage source=move || { ListingSource::Tag(params.read().get("slug").unwrap_or_default()) } /> }
}

/// `/moi-nhat`
#[component]
pub fn LatestPage() -> impl IntoView {
    view! { <ListingPage source=|| ListingSource::Latest /> }
}

#[component]
fn ListingPage(source: impl Fn() -> ListingSource + Send + Sync + 'static) -> impl IntoView {
    let query = use_query_map();
    let key = Memo::new(move |_| {
        let page = page_from_query(query.read().get("trang").as_deref());
        (source(), page)
    });
    let listing = LocalResource::new(move || {
        let (source, page) = key.get();
        async move {
            match page {
                Some(page) => api::listing(source, page).await,
                None => Err(FetchError::NotFound),
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <div class="bt-skeleton" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(l) => view! { <ListingView listing=l /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e retry=move || listing.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ListingView(listing: Listing) -> impl IntoView {
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
        return view! { <NotFoundPage /> }.into_any();
    }
    let (title, base) = match (kind, &term) {
        (ListingKind::Category, Some(t)) => {
            (t.name.clone(), format!("/{}", routes::category(&t.slug, 1)))
        }
        (ListingKind::Tag, Some(t)) => (
            format!("{}{}", strings::TAG_TITLE_PREFIX, t.name),
            format!("/{}", routes::tag(&t.slug, 1)),
        ),
        _ => (
            strings::LATEST_TITLE.to_string(),
            format!("/{}", routes::latest(1)),
        ),
    };
    let view_title = if page > 1 {
        format!("{title} – {} {page}", strings::PAGE)
    } else {
        title.clone()
    };
    let breadcrumb = view! {
        <nav class="bt-crumbs" aria-label=strings::BREADCRUMB_LABEL>
            <ol>
                <li><a href="/">{strings::HOME}</a></li>
                <li><a href=base.clone() aria-current=(page == 1).then_some("page")>{title.clone()}</a></li>
            </ol>
        </nav>
    };
    let body = if items.is_empty() {
        view! { <p class="bt-empty">{strings::NO_ARTICLES}</p> }.into_any()
    } else {
        view! { <ArticleList items level=2 /> }.into_any()
    };
    view! {
        <ViewReady title=view_title />
        <div class="bt-listing">
            {breadcrumb}
            <header class="bt-listing__head">
                <h1>{title}</h1>
                <p class="bt-listing__summary">{strings::page_summary(page, page_count.max(1), total)}</p>
            </header>
            {body}
            <Pagination base page page_count />
        </div>
    }
    .into_any()
}
