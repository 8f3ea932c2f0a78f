//! bantin: the reader app's views. This file owns the App, the route table
//! (every URL the site has is listed in [`route`]) and the frame around every view.
//!
//! The same components render in two places, chosen by the target, never by a
//! feature flag (see `Cargo.toml`):
//! - in the browser (wasm32, Leptos `csr`): [`start`] is the entry point,
//!   built by trunk;
//! - natively (Leptos `ssr`): [`prerender`] renders a page to HTML for the
//!   build tool (`crates/build/src/pages.rs`), which writes it into the app
//!   shell with the page's head tags and data.

pub mod api;
pub mod base;
pub mod components;
pub mod config;
pub mod format;
pub mod nav;
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod prefetch;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod search;
pub mod strings;
#[cfg(target_arch = "wasm32")]
pub mod takeover;

use bantin_contract::SiteSettings;
use leptos::prelude::*;
use leptos_router::components::Router;

use crate::api::ListingSource;
use crate::components::{footer::SiteFooter, header::SiteHeader, progress::ProgressBar};
use crate::format::page_from_query;
use crate::nav::ViewTitle;
use crate::pages::{Loading, PageHost, Retry};

/// Site settings, loaded once at start-up and shared by every view.
#[derive(Clone, Copy)]
pub struct Site(pub RwSignal<Option<SiteSettings>>);

impl Site {
    /// The settings once they have loaded.
    pub fn get(&self) -> Option<SiteSettings> {
        self.0.get()
    }
}

/// The page shown in the site's other languages (an article's
/// translations), for the language switcher; empty for other pages.
#[derive(Clone, Copy)]
pub struct Translations(pub RwSignal<Vec<bantin_contract::Alternate>>);

/// Starts the app (the browser's entry point; the page script,
/// `src/js/page.js`, decides when).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // The page's language (the build wrote the site's into `<html lang>`).
    if let Some(tag) = document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
    {
        strings::set_lang(strings::Lang::from_tag(&tag));
    }
    // config.json says where the data lives: ask for it before anything else.
    config::start();
    // The static "loading" note in index.html is replaced by the app.
    if let Some(el) = document().get_element_by_id("bt-boot") {
        el.remove();
    }
    // The rest in tasks of their own: compiling and instantiating the
    // WebAssembly is the task this one runs in, and the browser compiles each
    // function the first time it runs, so doing it all here made one long
    // task (Lighthouse's TBT on the search page, `docs/benchmarks.md`).
    let next = std::time::Duration::ZERO;
    set_timeout(
        move || {
            // The header's search box, whichever is on screen (prerendered or the app's).
            search::hook();
            prefetch::install();
            set_timeout(take_over, next);
        },
        next,
    );
}

/// What [`start`] does last: how the app takes the page on screen over.
#[cfg(target_arch = "wasm32")]
fn take_over() {
    // A prerendered page stays as it is until the reader navigates (see
    // `takeover`); the search page's results are written into it.
    let location: wasm_bindgen::JsValue = window().location().into();
    match (
        document().get_element_by_id("bt-static"),
        takeover::request_of(&location),
    ) {
        (Some(_), Some(Request::Redirect(_))) => takeover::mount(),
        // The prerendered listing is the unfiltered first page: another
        // filter or page is the app's to show, at once.
        (Some(_), Some(Request::Registry(f))) if f.narrows() || f.page > 1 => takeover::mount(),
        // The search page without a query is complete as it is (the page
        // script then treats it as any prerendered page: `src/js/page.js`).
        (Some(_), Some(Request::Search(query, Some(page)))) if !query.trim().is_empty() => {
            takeover::wait();
            takeover::fill_search(query, page);
        }
        (Some(page), _) if page.has_attribute("data-bt-now") => takeover::mount(),
        (Some(_), _) => takeover::wait(),
        (None, _) => takeover::mount(),
    }
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__bantinReady".into(), &true.into());
    }
}

/// Renders the app into `root`: its views, their frame and the router.
///
/// In the site's build (feature `split`, `make site-app`), these are a
/// WebAssembly module of their own, fetched here the first time: a page the
/// build prerendered needs none of them until the reader navigates (see
/// `takeover`), so its first view does not download them. `Err` when that
/// module could not be loaded (the network failed).
#[cfg(target_arch = "wasm32")]
pub async fn render_app(root: web_sys::HtmlElement) -> Result<(), ViewsNotLoaded> {
    views::mount(root).await
}

/// The module of the app's views could not be loaded.
#[cfg(target_arch = "wasm32")]
#[derive(Debug)]
pub struct ViewsNotLoaded;

/// Starts loading the module of the app's views, when the reader shows an
/// intent to navigate (a touch, a pointer resting on a link, keyboard focus
/// on one: `prefetch`), so that the first navigation does not wait for it.
#[cfg(target_arch = "wasm32")]
pub fn preload_views() {
    thread_local! {
        static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !ASKED.replace(true) {
        wasm_bindgen_futures::spawn_local(async {
            // A failure is not kept: the navigation itself tries again.
            if views::preload().await.is_err() {
                ASKED.set(false);
            }
        });
    }
}

/// Loads the module of the app's views if it is not loaded yet (see
/// [`render_app`]); `Err` when the network failed.
#[cfg(target_arch = "wasm32")]
pub async fn views_loaded() -> Result<(), ViewsNotLoaded> {
    views::preload().await
}

#[cfg(target_arch = "wasm32")]
mod views {
    use super::*;

    #[cfg(feature = "split")]
    impl From<leptos::wasm_split::SplitLoaderError> for ViewsNotLoaded {
        fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
            ViewsNotLoaded
        }
    }

    #[cfg(feature = "split")]
    #[leptos::wasm_split::wasm_split(
        views,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(preload_module)
    )]
    pub fn mount(root: web_sys::HtmlElement) -> Result<(), ViewsNotLoaded> {
        leptos::mount::mount_to(root, App).forget();
        Ok(())
    }

    #[cfg(feature = "split")]
    pub async fn preload() -> Result<(), ViewsNotLoaded> {
        Ok(preload_module().await?)
    }

    #[cfg(not(feature = "split"))]
    pub async fn mount(root: web_sys::HtmlElement) -> Result<(), ViewsNotLoaded> {
        leptos::mount::mount_to(root, App).forget();
        Ok(())
    }

    #[cfg(not(feature = "split"))]
    pub async fn preload() -> Result<(), ViewsNotLoaded> {
        Ok(())
    }
}

/// Swaps a prerendered page's static markup for the app in one step (the
/// markup is the same, so nothing flickers or shifts). Does nothing on later views.
pub fn take_over_static_page() {
    let doc = document();
    if let Some(static_page) = doc.get_element_by_id("bt-static") {
        // What the reader already typed into the static search box moves along.
        let typed = components::search_box::typed_in(&static_page);
        static_page.remove();
        #[cfg(target_arch = "wasm32")]
        takeover::attach_ahead();
        if let Some(root) = doc.get_element_by_id("bt-app") {
            let _ = root.remove_attribute("hidden");
        }
        if let Some(typed) = typed {
            components::search_box::carry_over(typed);
        }
    }
}

/// The router's base: the base path without its trailing slash ("" at the root).
fn router_base() -> String {
    base::base().trim_end_matches('/').to_string()
}

/// What the reader asked for: the result of [`route`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Home,
    Article(String),
    /// A page (1-based) of a listing.
    Listing(ListingSource, u32),
    /// The search page: the query (`?q=`) and the page (`?trang=`; `None`
    /// when that is not a page number).
    Search(String, Option<u32>),
    /// Another URL (a route under the base path) says the same: the app
    /// replaces the address with it (`/trang/1`, old `?trang=N` listing URLs).
    Redirect(String),
    /// `/trang/<slug>`: a page of the site.
    Page(String),
    /// `/so-do`: the site map.
    SiteMap,
    /// `/van-ban?loai=&co-quan=&linh-vuc=&nam=&trang=`: the documents
    /// registry's listing (the filter comes from the query: [`Request::with_query`]).
    Registry(pages::registry::Filter),
    /// `/van-ban/<slug>`: a document of the registry.
    Document(String),
    /// `/da-luu`: the articles saved for offline reading.
    Saved,
    /// `/ngoai-tuyen`: the offline view.
    Offline,
    NotFound,
}

/// The route table: every URL the site has. `page` is the `?trang=` value,
/// `query` the `?q=` value.
///
/// | URL                            | view                                  |
/// |--------------------------------|---------------------------------------|
/// | `/`                            | home                                  |
/// | `/bai-viet/<slug>`             | an article                            |
/// | `/chuyen-muc/<slug>`           | a category's listing, page 1          |
/// | `/chuyen-muc/<slug>/trang/<N>` | page N ≥ 2 of it                      |
/// | `/the/<slug>[/trang/<N>]`      | a tag's listing                       |
/// | `/moi-nhat[/trang/<N>]`        | the latest news                       |
/// | `/trang/<slug>`                | a page of the site ("Giới thiệu")     |
/// | `/so-do`                       | the site map                          |
/// | `/van-ban?loai=&nam=&trang=…`  | the documents registry, filtered      |
/// | `/van-ban/<slug>`              | a document of the registry            |
/// | `/tim-kiem?q=&trang=`          | search results                        |
/// | `/da-luu`                      | saved articles (offline reading)      |
/// | `/ngoai-tuyen`                 | the offline view                      |
/// | anything else                  | 404                                   |
///
/// A listing's `/trang/1` and its old `?trang=N` URLs redirect to the one
/// URL of that page (`bantin_contract::paths::routes`).
pub fn route(path: &str, page: Option<&str>, query: Option<&str>) -> Request {
    use bantin_contract::paths::routes;
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let Some((listing, page_segment)) = routes::listing(&segments) {
        let source = ListingSource::from(listing);
        return match (page_segment, page) {
            (Some(text), _) => match routes::page_number(text) {
                Some(1) => Request::Redirect(listing.page(1)),
                Some(n) => Request::Listing(source, n),
                None => Request::NotFound,
            },
            (None, None) => Request::Listing(source, 1),
            (None, Some(value)) => {
                routes::redirect_query(listing, value).map_or(Request::NotFound, Request::Redirect)
            }
        };
    }
    match segments.as_slice() {
        [] => Request::Home,
        ["bai-viet", slug] => Request::Article(slug.to_string()),
        ["trang", slug] => Request::Page(slug.to_string()),
        [routes::SITE_MAP] => Request::SiteMap,
        [routes::REGISTRY] => Request::Registry(pages::registry::Filter {
            page: page_from_query(page).unwrap_or(1),
            ..Default::default()
        }),
        [routes::REGISTRY, slug] => Request::Document(slug.to_string()),
        ["da-luu"] => Request::Saved,
        ["ngoai-tuyen"] => Request::Offline,
        ["tim-kiem"] => {
            Request::Search(query.unwrap_or_default().to_string(), page_from_query(page))
        }
        _ => Request::NotFound,
    }
}

impl Request {
    /// The request with what else the URL's query (`search`, with or without
    /// its `?`) says: the registry listing's filters.
    pub fn with_query(self, search: &str) -> Request {
        match self {
            Request::Registry(_) => Request::Registry(pages::registry::Filter::from_query(search)),
            other => other,
        }
    }
}

/// The context of type `T` that whoever renders the app provided (the
/// prerenderer provides the site settings and collects the view's title),
/// else a new one from `make`, provided here.
fn shared_context<T: Clone + Send + Sync + 'static>(make: impl FnOnce() -> T) -> T {
    use_context::<T>().unwrap_or_else(|| {
        let value = make();
        provide_context(value.clone());
        value
    })
}

/// The whole app: the frame around the view of the current URL (see [`route`]).
/// The router provides history, link interception and the location.
#[component]
pub fn App() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    nav::install();
    let site = shared_context(|| Site(RwSignal::new(None)));
    let view_title = shared_context(|| ViewTitle(RwSignal::new(None)));
    let loading = shared_context(|| Loading(RwSignal::new(false)));
    let retry = shared_context(|| Retry(RwSignal::new(0)));
    shared_context(|| Translations(RwSignal::new(Vec::new())));

    // Site settings: loaded at start, and again on a retry while they are missing.
    Effect::new(move |_| {
        retry.0.track();
        if site.0.get_untracked().is_some() {
            return;
        }
        let Ok(controller) = web_sys::AbortController::new() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(mut settings) = api::site(&controller).await {
                // The page's own settings show at once; config.json's name and
                // links replace them when it arrives.
                if !config::is_ready() {
                    site.0.set(Some(settings.clone()));
                }
                config::apply(&mut settings).await;
                site.0.set(Some(settings));
            }
        });
    });

    // The document title follows the view: "<view> – <site>".
    Effect::new(move |_| {
        let site_name = site.get().map(|s| s.name).unwrap_or_default();
        let view = view_title.0.get();
        // A prerendered page on screen keeps its own title until a view replaces it.
        if view.is_none() && document().get_element_by_id("bt-static").is_some() {
            return;
        }
        let title = strings::document_title(view.as_deref(), &site_name);
        if !title.is_empty() {
            document().set_title(&title);
        }
    });

    view! {
        <Router base=router_base()>
            // Followed by the page script (src/js/page.js), as every link to a place in the page.
            <a class="bt-skip" href="#noi-dung">
                {strings::t().skip_link}
            </a>
            <ProgressBar active=loading.0 />
            <SiteHeader />
            <main id="noi-dung" class="bt-main" tabindex="-1">
                <PageHost />
            </main>
            <SiteFooter />
        </Router>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_table() {
        let category = |s: &str| ListingSource::Category(s.into());
        assert_eq!(route("/", None, None), Request::Home);
        assert_eq!(route("", None, None), Request::Home);
        assert_eq!(
            route("/bai-viet/mot-bai", None, None),
            Request::Article("mot-bai".into())
        );
        assert_eq!(
            route("/bai-viet/mot-bai/", None, None),
            Request::Article("mot-bai".into())
        );
        assert_eq!(
            route("/chuyen-muc/thoi-su", None, None),
            Request::Listing(category("thoi-su"), 1)
        );
        assert_eq!(
            route("/chuyen-muc/thoi-su/trang/2", None, None),
            Request::Listing(category("thoi-su"), 2)
        );
        assert_eq!(
            route("/chuyen-muc/thoi-su/trang/2/", Some("5"), None),
            Request::Listing(category("thoi-su"), 2)
        );
        assert_eq!(
            route("/chuyen-muc/thoi-su/trang/1", None, None),
            Request::Redirect("chuyen-muc/thoi-su".into())
        );
        for bad in ["0", "02", "abc", "-1"] {
            assert_eq!(
                route(&format!("/chuyen-muc/thoi-su/trang/{bad}"), None, None),
                Request::NotFound
            );
        }
        // Old URLs: `?trang=N` leads to the page's own URL.
        assert_eq!(
            route("/chuyen-muc/thoi-su", Some("2"), None),
            Request::Redirect("chuyen-muc/thoi-su/trang/2".into())
        );
        assert_eq!(
            route("/the/ha-tang", Some("1"), None),
            Request::Redirect("the/ha-tang".into())
        );
        assert_eq!(
            route("/chuyen-muc/thoi-su", Some("abc"), None),
            Request::NotFound
        );
        assert_eq!(
            route("/the/ha-tang", None, None),
            Request::Listing(ListingSource::Tag("ha-tang".into()), 1)
        );
        assert_eq!(
            route("/the/ha-tang/trang/3", None, None),
            Request::Listing(ListingSource::Tag("ha-tang".into()), 3)
        );
        assert_eq!(
            route("/moi-nhat", None, None),
            Request::Listing(ListingSource::Latest, 1)
        );
        assert_eq!(
            route("/moi-nhat/trang/4", None, None),
            Request::Listing(ListingSource::Latest, 4)
        );
        assert_eq!(
            route("/moi-nhat", Some("4"), None),
            Request::Redirect("moi-nhat/trang/4".into())
        );
        assert_eq!(
            route("/tim-kiem", Some("2"), Some("số")),
            Request::Search("số".into(), Some(2))
        );
        assert_eq!(
            route("/tim-kiem/", None, None),
            Request::Search(String::new(), Some(1))
        );
        assert_eq!(route("/da-luu", None, None), Request::Saved);
        assert_eq!(route("/ngoai-tuyen/", None, None), Request::Offline);
        assert_eq!(route("/da-luu/x", None, None), Request::NotFound);
        assert_eq!(route("/abc/xyz", None, None), Request::NotFound);
        assert_eq!(route("/bai-viet", None, None), Request::NotFound);
        assert_eq!(route("/bai-viet/a/b", None, None), Request::NotFound);
        assert_eq!(route("/chuyen-muc/a/trang", None, None), Request::NotFound);
        assert_eq!(
            route("/trang/lien-he/", None, None),
            Request::Page("lien-he".into())
        );
        assert_eq!(route("/trang", None, None), Request::NotFound);
        assert_eq!(route("/trang/a/b", None, None), Request::NotFound);
        assert_eq!(route("/so-do", None, None), Request::SiteMap);
        assert_eq!(
            route("/van-ban/2025-05-nq-tu", None, None),
            Request::Document("2025-05-nq-tu".into())
        );
        assert_eq!(
            route("/van-ban/", Some("2"), None).with_query("?nam=2025&trang=2"),
            Request::Registry(pages::registry::Filter {
                year: "2025".into(),
                page: 2,
                ..Default::default()
            })
        );
    }
}
