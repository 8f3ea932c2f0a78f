//! The site map (`/so-do`), drawn from the site settings. (The site's own
//! pages, `/trang/:slug`, are shown by the article view: see `Loaded::Page`.)

use bantin_contract::paths::routes;
use bantin_contract::{ExternalLink, SiteSettings};
use leptos::prelude::*;

use crate::components::link_item;
use crate::nav::ViewReady;
use crate::strings;

/// A link to a route under the base path.
fn route_link(name: &str, route: &str) -> ExternalLink {
    ExternalLink {
        name: name.to_string(),
        url: crate::base::from_root(route),
    }
}

/// The site map's sections, in order: the menu's links, each sub-menu, every
/// category, every page, the registry (all, then by type), the footer's groups, the services and the links box.
fn sections(s: SiteSettings) -> Vec<(String, Vec<ExternalLink>)> {
    let mut out = Vec::new();
    let mut top = Vec::new();
    for e in s.menu {
        match e.url {
            Some(url) => top.push(ExternalLink { name: e.name, url }),
            None => out.push((e.name, e.items)),
        }
    }
    out.insert(0, (strings::t().sitemap_menu.to_string(), top));
    out.push((
        strings::t().sitemap_categories.to_string(),
        s.categories
            .iter()
            .map(|c| route_link(&c.name, &routes::category(&c.slug, 1)))
            .collect(),
    ));
    out.push((
        strings::t().sitemap_pages.to_string(),
        s.pages
            .iter()
            .map(|p| route_link(&p.name, &routes::page(&p.slug)))
            .collect(),
    ));
    if !s.registry.is_empty() {
        let mut docs = vec![route_link(strings::t().registry_every, routes::REGISTRY)];
        docs.extend(
            s.registry
                .iter()
                .map(|t| route_link(&t.name, &routes::registry_query([&t.slug, "", "", "", ""]))),
        );
        out.push((strings::t().registry_title.to_string(), docs));
    }
    out.extend(s.footer_links.into_iter().map(|g| (g.title, g.items)));
    out.push((
        strings::t().sitemap_services.to_string(),
        vec![
            route_link(strings::t().home, ""),
            route_link(strings::t().latest_title, &routes::latest(1)),
            route_link(strings::t().search, "tim-kiem"),
            route_link(strings::t().footer_saved, "da-luu"),
            // The embed page is the whole site's (at the root).
            ExternalLink {
                name: strings::t().footer_embed.to_string(),
                url: "/nhung/".to_string(),
            },
            route_link(strings::t().footer_rss, "rss.xml"),
        ],
    ));
    out.push((strings::t().links_box.to_string(), s.links));
    out
}

/// The site map's sections with links (only safe ones), one shape for all.
fn site_map(s: SiteSettings) -> impl IntoView {
    sections(s)
        .into_iter()
        .filter_map(|(title, links)| {
            let items: Vec<_> = links
                .into_iter()
                .filter(|l| bantin_contract::url::is_safe(&l.url))
                .map(link_item)
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <section class="bt-sitemap__section">
                        <h2 class="bt-sitemap__title">{title}</h2>
                        <ul class="bt-sitemap__list">{items}</ul>
                    </section>
                }
            })
        })
        .collect_view()
}

/// "Sơ đồ cổng thông tin": `/so-do`, from the site settings (as `config.json` left them).
#[component]
pub fn SiteMapView(site: SiteSettings) -> impl IntoView {
    view! {
        <ViewReady title=strings::t().sitemap_title />
        <section class="bt-sitemap">
            <h1 class="bt-sitemap__heading">{strings::t().sitemap_title}</h1>
            {site_map(site)}
        </section>
    }
}
