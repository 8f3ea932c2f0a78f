//! The "Liên kết website" box: links to other agencies' portals.

use bantin_contract::ExternalLink;
use leptos::prelude::*;

use crate::strings;

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
                <h2 id="bt-links-title" class="bt-box__title">{strings::LINKS_BOX}</h2>
                <ul class="bt-links__list">
                    {links
                        .into_iter()
                        .map(|l| {
                            view! {
                                <li>
                                    <a href=l.url target="_blank" rel="noopener noreferrer">
                                        {l.name}
                                        <span class="bt-sr">" "{strings::OPENS_NEW_TAB}</span>
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
