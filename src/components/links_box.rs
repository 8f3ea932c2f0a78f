//! The "Liên kết website" box: links to other agencies' portals.

use bantin_contract::ExternalLink;
use leptos::prelude::*;

use crate::components::swapped;
use crate::strings;
use crate::Site;

/// The links box of the site settings, once they are known (drawn whole again
/// if `config.json` changes them); its wrapper takes no place in the layout.
#[component]
pub fn SiteLinksBox() -> impl IntoView {
    let site = use_context::<Site>();
    let host = NodeRef::<leptos::html::Div>::new();
    let inner = swapped(host, move || {
        site.and_then(|s| s.get())
            .map(|s| view! { <LinksBox links=s.links /> })
    });
    view! { <div class="bt-links-host" node_ref=host>{inner}</div> }
}

/// The links box from the site settings; renders nothing when there are no safe links.
#[component]
pub fn LinksBox(links: Vec<ExternalLink>) -> impl IntoView {
    let links: Vec<ExternalLink> = links
        .into_iter()
        .filter(|l| bantin_contract::url::is_safe(&l.url))
        .collect();
    (!links.is_empty()).then(|| {
        view! {
            <aside class="bt-box bt-links" aria-labelledby="bt-links-title">
                <h2 id="bt-links-title" class="bt-box__title">{strings::t().links_box}</h2>
                <ul class="bt-links__list">
                    {links
                        .into_iter()
                        .map(|l| {
                            view! {
                                <li>
                                    <a href=l.url target="_blank" rel="noopener noreferrer">
                                        {l.name}
                                        <span class="bt-sr">" "{strings::t().opens_new_tab}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </aside>
        }
    })
}
