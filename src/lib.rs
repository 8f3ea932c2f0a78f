//! bantin: the reader app. This file owns the App, the route table (every URL
//! the site has is listed in [`App`]) and the shell around every view.

pub mod api;
pub mod components;
pub mod format;
pub mod nav;
pub mod pages;
pub mod strings;

use bantin_contract::SiteSettings;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{Fetched, InFlight};
use crate::components::{footer::SiteFooter, header::SiteHeader, progress::ProgressBar};
use crate::nav::ViewTitle;
use crate::pages::{
    article::ArticlePage, home::HomePage, listing::CategoryPage, listing::LatestPage,
    listing::TagPage, not_found::NotFoundPage,
};

/// Site settings, loaded once at start-up and shared by every view.
#[derive(Clone, Copy)]
pub struct Site(pub LocalResource<Fetched<SiteSettings>>);

impl Site {
    /// The settings when they have loaded successfully.
    pub fn get(&self) -> Option<SiteSettings> {
        self.0.get().and_then(Result::ok)
    }
}

/// Boots the app into `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // The static "loading" note in index.html is replaced by the app.
    if let Some(el) = document().get_element_by_id("bt-boot") {
        el.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// The whole app: shell, router and routes.
#[component]
pub fn App() -> impl IntoView {
    nav::install();
    let site = Site(LocalResource::new(api::site));
    provide_context(site);
    let in_flight = InFlight(RwSignal::new(0));
    provide_context(in_flight);
    let view_title = ViewTitle(RwSignal::new(None));
    provide_context(view_title);
    let is_routing = RwSignal::new(false);

    // The document title follows the view: "<view> – <site>".
    Effect::new(move |_| {
        let site_name = site.get().map(|s| s.name).unwrap_or_default();
        let view = view_title.0.get();
        let title = strings::document_title(view.as_deref(), &site_name);
        if !title.is_empty() {
            document().set_title(&title);
        }
    });

    view! {
        <Router set_is_routing=is_routing>
            <a class="bt-skip" href="#noi-dung">{strings::SKIP_LINK}</a>
            <ProgressBar active=Signal::derive(move || is_routing.get() || in_flight.0.get() > 0) />
            <SiteHeader />
            <main id="noi-dung" class="bt-main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/bai-viet/:slug") view=ArticlePage />
                    <Route path=path!("/chuyen-muc/:slug") view=CategoryPage />
                    <Route path=path!("/the/:slug") view=TagPage />
                    <Route path=path!("/moi-nhat") view=LatestPage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
