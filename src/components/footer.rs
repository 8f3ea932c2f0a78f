//! The site footer: who runs the site and how to reach them.

use bantin_contract::paths::routes;
use bantin_contract::LinkGroup;
use leptos::prelude::*;

use crate::base;
use crate::components::{link_item, swapped};
use crate::strings;
use crate::Site;

/// Footer from the site settings.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = expect_context::<Site>();
    // Drawn whole again if the settings change (`config.json`'s name).
    let host = NodeRef::<leptos::html::Div>::new();
    let body = swapped(host, move || {
        site.get().map(|s| {
            let f = s.footer;
            let line = |label: &'static str, v: Option<String>| {
                v.map(|v| view! { <p><span class="bt-footer__label">{label}" "</span>{v}</p> })
            };
            let email = f.email.map(|e| {
                view! {
                    <p>
                        <span class="bt-footer__label">{strings::t().email}" "</span>
                        <a href=format!("mailto:{e}")>{e.clone()}</a>
                    </p>
                }
            });
            let groups = (!s.footer_links.is_empty()).then(|| {
                let groups = s
                    .footer_links
                    .into_iter()
                    .enumerate()
                    .map(|(i, g)| link_group(i, g))
                    .collect_view();
                view! { <div class="bt-footer__groups">{groups}</div> }
            });
            view! {
                {groups}
                <p class="bt-footer__name">{s.name}</p>
                {f.owner.map(|o| view! { <p>{o}</p> })}
                {line(strings::t().address, f.address)}
                {line(strings::t().phone, f.phone)}
                {email}
                {f.license.map(|l| view! { <p>{l}</p> })}
                {f.notes.into_iter().map(|n| view! { <p class="bt-footer__note">{n}</p> }).collect_view()}
                // Static files beside the app, not routes: rel="external" makes the
                // router leave these clicks to the browser.
                <p class="bt-footer__links">
                    <a href=base::join(base::root(), "nhung/") rel="external">{strings::t().footer_embed}</a>
                    " · "
                    <a href=base::url("rss.xml") rel="external">{strings::t().footer_rss}</a>
                    " · "
                    <a href=base::url("da-luu")>{strings::t().footer_saved}</a>
                    " · "
                    <a href=base::url(routes::SITE_MAP)>{strings::t().sitemap_title}</a>
                </p>
            }
        })
    });
    view! {
        <footer class="bt-footer" aria-label=strings::t().footer_label>
            <div class="bt-footer__inner" node_ref=host>{body}</div>
        </footer>
    }
}

/// A group of the footer's links (`[[footer_links]]` of `site.toml`): a
/// navigation region named by its title.
fn link_group(i: usize, g: LinkGroup) -> impl IntoView {
    let id = format!("bt-fl-{i}");
    let items = g
        .items
        .into_iter()
        .filter(|l| bantin_contract::url::is_safe(&l.url))
        .map(link_item)
        .collect_view();
    let label = id.clone();
    view! {
        <nav class="bt-footer__group" aria-labelledby=label>
            <h2 id=id class="bt-footer__group-title">{g.title}</h2>
            <ul>{items}</ul>
        </nav>
    }
}
