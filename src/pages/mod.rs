//! The views, one file per page, and the host that loads them.
//!
//! The route table ([`crate::route`]) turns a URL into a [`crate::Request`]; the
//! [`PageHost`] loads the data for it and shows the matching view. Keeping the
//! loading in one place means: the previous view stays on screen while the next
//! one loads, a request still in flight is aborted when the reader moves on,
//! every failure gets the same retry, and the bundle holds one loading
//! machine instead of one per page.
//!
//! Natively (the build tool prerendering a page) nothing loads: the host shows
//! the data the prerenderer provides ([`crate::prerender`]) through the same
//! [`page_view`].

pub mod article;
pub mod home;
pub mod info;
pub mod listing;
pub mod not_found;
pub mod offline;
pub mod registry;
pub mod search;

use bantin_contract::{Article, Home, Listing, SiteSettings};
use leptos::either::EitherOf12;
use leptos::prelude::*;

use crate::api::FetchError;
use crate::components::error_view::ErrorView;

/// What a request loaded.
#[derive(Debug, Clone)]
pub enum Loaded {
    Home(Box<Home>),
    Article(Box<Article>),
    Listing(Listing),
    /// A page of the site (`/trang/:slug`): its `InfoPage` document, read as
    /// an article without date (`impl From<InfoPage> for Article`), shown by
    /// the article view.
    Page(Box<Article>),
    /// The site map, drawn from the site settings.
    SiteMap(Box<SiteSettings>),
    /// The documents registry's listing and the filter to show it with.
    Registry(
        std::sync::Arc<bantin_contract::DocumentIndex>,
        registry::Filter,
    ),
    /// A document of the registry.
    Document(Box<bantin_contract::OfficialDocument>),
    Search(Box<search::Found>),
    /// `/da-luu` and `/ngoai-tuyen`: read from the browser, nothing to fetch.
    Saved,
    Offline,
    NotFound,
    Failed(FetchError),
}

/// Whether the next view is loading (drives the progress bar).
#[derive(Clone, Copy)]
pub struct Loading(pub RwSignal<bool>);

/// Loads the data again after a failure.
#[derive(Clone, Copy)]
pub struct Retry(pub RwSignal<u32>);

impl Loaded {
    /// What is shown in the site's other languages (an article's or a page's
    /// translations), for the language switcher.
    pub fn translations(&self) -> Vec<bantin_contract::Alternate> {
        match self {
            Loaded::Article(a) | Loaded::Page(a) => a.translations.clone(),
            _ => Vec::new(),
        }
    }
}

/// Loads one request. A missing listing page or article is [`Loaded::NotFound`].
#[cfg(target_arch = "wasm32")]
async fn load(request: crate::Request, controller: web_sys::AbortController) -> Loaded {
    use crate::{api, Request};
    let result = match request {
        Request::Home => api::home(&controller)
            .await
            .map(|h| Loaded::Home(Box::new(h))),
        Request::Article(slug) => api::article(&slug, &controller)
            .await
            .map(|a| Loaded::Article(Box::new(a))),
        Request::Listing(source, page) => api::listing(&source, page, &controller).await.map(|l| {
            if l.page > l.page_count.max(1) {
                Loaded::NotFound
            } else {
                Loaded::Listing(l)
            }
        }),
        Request::Page(slug) => api::page(&slug, &controller)
            .await
            .map(|p| Loaded::Page(Box::new(p))),
        Request::SiteMap => match api::site(&controller).await {
            Ok(mut s) => {
                crate::config::apply(&mut s).await;
                Ok(Loaded::SiteMap(Box::new(s)))
            }
            Err(e) => Err(e),
        },
        Request::Registry(filter) => api::registry(&controller)
            .await
            .map(|index| Loaded::Registry(index, filter)),
        Request::Document(slug) => api::document(&slug, &controller)
            .await
            .map(|d| Loaded::Document(Box::new(d))),
        Request::Search(query, Some(page)) => Ok(search::load(query, page).await),
        Request::Saved => Ok(Loaded::Saved),
        Request::Offline => Ok(Loaded::Offline),
        // The host replaces the address instead of loading a redirect.
        Request::Search(_, None) | Request::Redirect(_) | Request::NotFound => Ok(Loaded::NotFound),
    };
    match result {
        Ok(loaded) => loaded,
        Err(FetchError::NotFound) => Loaded::NotFound,
        Err(e) => Loaded::Failed(e),
    }
}

/// Shows the view for the current request, keeping the previous one until
/// the next has loaded; natively, the view of the page being prerendered.
#[component]
pub fn PageHost() -> impl IntoView {
    host()
}

/// The prerendered page's view, from the data the prerenderer provides.
#[cfg(not(target_arch = "wasm32"))]
fn host() -> impl IntoView {
    let loaded = use_context::<crate::prerender::Prerendered>().map(|p| p.0);
    let retry = expect_context::<Retry>().0;
    view! { <div class="bt-page">{page_view(loaded, retry)}</div> }
}

/// The loading machine of the browser (see the module's notes).
#[cfg(target_arch = "wasm32")]
fn host() -> impl IntoView {
    use leptos::tachys::view::Render;
    use leptos_router::hooks::use_location;
    use leptos_router::location::{BrowserUrl, LocationProvider};

    use crate::{route, Request};

    let location = use_location();
    let requested = Memo::new(move |_| {
        let query = location.query.read();
        // `?q=` exactly as typed (the router's map decodes `%` escapes twice).
        let q = web_sys::UrlSearchParams::new_with_str(&location.search.read())
            .ok()
            .and_then(|p| p.get("q"));
        route(
            crate::base::strip(crate::base::base(), &location.pathname.read()),
            query.get_str("trang"),
            q.as_deref(),
        )
        .with_query(&location.search.read())
    });
    let loading = expect_context::<Loading>().0;
    let retry = expect_context::<Retry>().0;
    let shown = RwSignal::new(None::<Loaded>);
    // The language switcher follows the view on screen.
    let translations = expect_context::<crate::Translations>().0;
    // The router puts a clicked link's URL in the address bar once we say the
    // view is ready, so the address and the view on screen change together.
    let browser_url = use_context::<BrowserUrl>();
    // The request in flight: its number (later answers win) and its controller.
    let in_flight = StoredValue::new_local((0u32, None::<web_sys::AbortController>));
    let navigate = leptos_router::hooks::use_navigate();

    // Every load after the first view (a navigation or a retry) also checks in
    // the background whether a new version of the site was deployed.
    let first_load = StoredValue::new_local(true);
    Effect::new(move |_| {
        retry.track();
        let request = requested.get();
        // `/trang/1` and old `?trang=N` listing URLs: the page's one URL
        // replaces them in the address bar (and history), then loads as usual.
        if let Request::Redirect(to) = &request {
            let options = leptos_router::NavigateOptions {
                resolve: false,
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&crate::base::url(to), options);
            return;
        }
        // Every navigation: an article still being built ahead is not wanted
        // any more (`build_ahead`).
        NAVIGATIONS.set(NAVIGATIONS.get().wrapping_add(1));
        let first = first_load.get_value();
        first_load.set_value(false);
        // Rendered ahead of the reader's first navigation: the page on screen
        // is this request's, prerendered; the next one is the first to load.
        if first && crate::takeover::rendered_ahead() {
            return;
        }
        if !first {
            crate::config::check_build(destination(&location));
        }
        // The article the reader touched, built while the finger was down.
        let ahead = take_ahead(&request);
        // Leaving the prerendered page: the loading bar shows on it.
        if ahead.is_none()
            && crate::takeover::rendered_ahead()
            && document().get_element_by_id("bt-static").is_some()
        {
            crate::takeover::show_progress();
        }
        // This request supersedes the one in flight (aborted): its number, for
        // the answer to tell whether it is still the latest.
        let supersede = |controller: Option<web_sys::AbortController>| {
            in_flight
                .try_update_value(|(n, previous)| {
                    if let Some(old) = std::mem::replace(previous, controller) {
                        old.abort();
                    }
                    *n += 1;
                    *n
                })
                .unwrap_or_default()
        };
        if let Some(ahead) = ahead {
            supersede(None);
            crate::prefetch::forget(&ahead.url);
            loading.set(false);
            translations.set(ahead.article.translations.clone());
            let article = Loaded::Article(Box::new(ahead.article));
            READY.set(Some((ahead.owner, ahead.view, ahead.then)));
            shown.set(Some(article));
            if let Some(url) = &browser_url {
                url.ready_to_complete();
            }
            return;
        }
        let Ok(controller) = web_sys::AbortController::new() else {
            shown.set(Some(Loaded::Failed(FetchError::Network)));
            return;
        };
        let number = supersede(Some(controller.clone()));
        loading.set(true);
        let browser_url = browser_url.clone();
        leptos::task::spawn_local(async move {
            let loaded = load(request, controller).await;
            let current = in_flight.try_with_value(|(n, _)| *n) == Some(number);
            // A newer request has taken over: its answer will be shown instead.
            if current && !matches!(loaded, Loaded::Failed(FetchError::Aborted)) {
                loading.set(false);
                translations.set(loaded.translations());
                shown.set(Some(loaded));
                if let Some(url) = &browser_url {
                    url.ready_to_complete();
                }
            }
        });
    });
    on_cleanup(move || {
        if let Some(Some(c)) = in_flight.try_with_value(|(_, c)| c.clone()) {
            c.abort();
        }
        drop_ahead();
    });
    // An article the reader is about to open is built ahead (`build_ahead`).
    let host_owner = Owner::current().unwrap_or_default();
    crate::prefetch::on_article_intent(Box::new(move |slug, url, text| {
        build_ahead(host_owner.clone(), retry, slug, url, text);
    }));
    // The frame drawn ahead on a prerendered article: its view is rehearsed.
    if crate::takeover::rendered_ahead() {
        if let Request::Article(slug) = requested.get_untracked() {
            rehearse(slug);
        }
    }

    // Each view is built once and swapped in whole, never diffed against the
    // previous one: the bundle then holds no diffing code for page content.
    let host = NodeRef::<leptos::html::Div>::new();
    crate::components::swap_into(
        Box::new(move || host.get().map(Into::into)),
        Box::new(move || {
            let loaded = shown.get();
            match READY
                .take()
                .filter(|_| matches!(loaded, Some(Loaded::Article(_))))
            {
                Some((owner, view, then)) => {
                    SHOWN_THEN.set(then);
                    (Some(owner), view)
                }
                None => (None, Box::new(page_view(loaded, retry).into_view().build())),
            }
        }),
        Some(Box::new(move || {
            if shown.with_untracked(Option::is_some) {
                crate::take_over_static_page();
            }
            // A view built ahead, now in the document: its title, focus and
            // later parts.
            for then in SHOWN_THEN.take() {
                then();
            }
        })),
    );
    view! { <div class="bt-page" node_ref=host></div> }
}

/// Builds the article view of the prerendered article on screen once, out of
/// the document, from the data the page carries, and drops it (see
/// [`crate::nav::Dry`]), in a task of its own after the frame drawn ahead.
/// The browser compiles a WebAssembly function the first time it runs: the
/// article view's would otherwise be compiled in the task of the reader's
/// first navigation, tens of milliseconds on a phone before the next heading
/// paints (`docs/benchmarks.md`). Not once the reader has navigated.
#[cfg(target_arch = "wasm32")]
fn rehearse(slug: String) {
    let owner = Owner::current().unwrap_or_default();
    leptos::prelude::set_timeout(
        move || {
            if document().get_element_by_id("bt-static").is_none() {
                return;
            }
            let path = bantin_contract::paths::article(&slug);
            let Some(article) = crate::api::peek_island(&path)
                .and_then(|text| bantin_contract::js::parse_js::<Article>(&text).ok())
            else {
                return;
            };
            let child = owner.child();
            child.with(|| {
                use leptos::tachys::view::Render;
                provide_context(crate::nav::Dry);
                let loaded = Some(Loaded::Article(Box::new(article)));
                drop(page_view(loaded, RwSignal::new(0)).into_view().build());
            });
            child.cleanup();
        },
        std::time::Duration::ZERO,
    );
}

/// An article's view built ahead of the navigation that shows it (see [`build_ahead`]).
#[cfg(target_arch = "wasm32")]
struct Ahead {
    slug: String,
    /// The URL of its document, whose prefetched text it was built from.
    url: String,
    article: Article,
    owner: Owner,
    view: Box<dyn leptos::tachys::view::Mountable>,
    /// What its parts do once it is shown (`crate::nav::hold`).
    then: Vec<crate::nav::Held>,
}

#[cfg(target_arch = "wasm32")]
type Ready = (
    Owner,
    Box<dyn leptos::tachys::view::Mountable>,
    Vec<crate::nav::Held>,
);

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The article view built ahead, until a navigation shows it or another replaces it.
    static AHEAD: std::cell::RefCell<Option<Ahead>> = const { std::cell::RefCell::new(None) };
    /// Navigations so far: a build ahead that a navigation overtook is dropped.
    static NAVIGATIONS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Intents to open an article so far: only the latest is built.
    static INTENTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// The view built ahead that the navigation under way shows, for the swap.
    static READY: std::cell::RefCell<Option<Ready>> = const { std::cell::RefCell::new(None) };
    /// What the view built ahead does once it is in the document.
    static SHOWN_THEN: std::cell::RefCell<Vec<crate::nav::Held>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Builds the view of the article at `slug` out of the document while the
/// reader's finger is on its link (or the pointer rests on it), from its
/// prefetched document (`text`, a promise of it): the tap's navigation then
/// only puts it in place, instead of building it between the click and the
/// next frame (tens of milliseconds on a phone, `docs/benchmarks.md`). Built
/// under `nav::hold`, it sets no title, moves no focus and draws no later
/// part until it is shown. At most one is kept; a navigation elsewhere drops it.
#[cfg(target_arch = "wasm32")]
fn build_ahead(
    owner: Owner,
    retry: RwSignal<u32>,
    slug: String,
    url: String,
    text: js_sys::Promise,
) {
    if AHEAD.with_borrow(|a| a.as_ref().is_some_and(|a| a.slug == slug)) {
        return;
    }
    let navigations = NAVIGATIONS.get();
    let intent = INTENTS.get().wrapping_add(1);
    INTENTS.set(intent);
    leptos::task::spawn_local(async move {
        let Some(text) = wasm_bindgen_futures::JsFuture::from(text)
            .await
            .ok()
            .and_then(|t| t.as_string())
        else {
            return;
        };
        // In a task of its own, so that the touch's ends sooner; not a timer,
        // which the browser holds back while a finger is down (about 100 ms
        // after a touchstart, as long as a tap lasts).
        crate::prefetch::soon(move || {
            let current = NAVIGATIONS.get() == navigations && INTENTS.get() == intent;
            if !current {
                return;
            }
            let Ok(article) = bantin_contract::js::parse_js::<Article>(&text) else {
                // The navigation reads it again and says what is wrong.
                return;
            };
            let child = owner.child();
            let (view, then) = child.with(|| {
                use leptos::tachys::view::Render;
                crate::nav::hold(|| {
                    let loaded = Some(Loaded::Article(Box::new(article.clone())));
                    Box::new(page_view(loaded, retry).into_view().build())
                        as Box<dyn leptos::tachys::view::Mountable>
                })
            });
            let ahead = Ahead {
                slug,
                url,
                article,
                owner: child,
                view,
                then,
            };
            if let Some(old) = AHEAD.replace(Some(ahead)) {
                old.owner.cleanup();
            }
        });
    });
}

/// The view built ahead for `request`, when it is the article it shows and
/// the navigation is an ordinary one; any other view built ahead is dropped.
#[cfg(target_arch = "wasm32")]
fn take_ahead(request: &crate::Request) -> Option<Ahead> {
    let ahead = AHEAD.take()?;
    match request {
        crate::Request::Article(slug) if *slug == ahead.slug && crate::nav::plain_navigation() => {
            Some(ahead)
        }
        _ => {
            ahead.owner.cleanup();
            None
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn drop_ahead() {
    if let Some(old) = AHEAD.take() {
        old.owner.cleanup();
    }
}

/// The URL being shown or loaded (path, query and fragment), for a full page load.
#[cfg(target_arch = "wasm32")]
fn destination(location: &leptos_router::location::Location) -> String {
    let mut url = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    if !search.is_empty() {
        url.push('?');
        url.push_str(search.trim_start_matches('?'));
    }
    let hash = location.hash.get_untracked();
    if !hash.is_empty() {
        if !hash.starts_with('#') {
            url.push('#');
        }
        url.push_str(&hash);
    }
    url
}

/// The view for what was loaded (a placeholder while nothing has loaded yet).
///
/// Views are built once and swapped whole, never diffed (see [`PageHost`]), so
/// an `either_of` enum is enough: no `AnyView`, whose vtable would keep the
/// diffing code of every element in the bundle.
pub fn page_view(loaded: Option<Loaded>, retry: RwSignal<u32>) -> impl IntoView {
    match loaded {
        None => EitherOf12::A(view! { <div class="bt-skeleton" aria-busy="true"></div> }),
        Some(Loaded::Home(h)) => EitherOf12::B(view! { <home::HomeView home=*h /> }),
        Some(Loaded::Article(a)) => EitherOf12::C(view! { <article::ArticleView article=*a /> }),
        Some(Loaded::Listing(l)) => EitherOf12::D(view! { <listing::ListingView listing=l /> }),
        Some(Loaded::Search(found)) => EitherOf12::E(view! { <search::SearchView found=*found /> }),
        Some(Loaded::NotFound) => EitherOf12::F(view! { <not_found::NotFoundPage /> }),
        Some(Loaded::Saved) => EitherOf12::H(view! { <offline::SavedView /> }),
        Some(Loaded::Offline) => EitherOf12::I(view! { <offline::OfflineView /> }),
        // A page is shown by the article view (one view's code in the bundle).
        Some(Loaded::Page(p)) => {
            EitherOf12::C(view! { <article::ArticleView article=*p page=true /> })
        }
        Some(Loaded::SiteMap(s)) => EitherOf12::J(view! { <info::SiteMapView site=*s /> }),
        Some(Loaded::Registry(index, filter)) => {
            EitherOf12::K(view! { <registry::RegistryView index filter /> })
        }
        Some(Loaded::Document(d)) => EitherOf12::L(view! { <registry::DocumentView doc=*d /> }),
        Some(Loaded::Failed(e)) => {
            EitherOf12::G(view! { <ErrorView error=e retry=move || retry.update(|n| *n += 1) /> })
        }
    }
}
