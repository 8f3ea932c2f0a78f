//! The site footer: who runs the site and how to reach them.

use leptos::prelude::*;

use crate::base;
use crate::strings;
use crate::Site;

/// Footer from the site settings.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = expect_context::<Site>();
    let body = move || {
        site.get().map(|s| {
            let f = s.footer;
            let line = |label: &'static str, v: Option<String>| {
                v.map(|v| view! { <p><span class="bt-footer__label">{label}" "</span>{v}</p> })
            };
            let email = f.email.map(|e| {
                view! {
                    <p>
                        <span class="bt-footer__label">{strings::EMAIL}" "</span>
                        <a href=format!("mailto:{e}")>{e.clone()}</a>
                    </p>
                }
            });
            view! {
                <p class="bt-footer__name">{s.name}</p>
                {f.owner.map(|o| view! { <p>{o}</p> })}
                {line(strings::ADDRESS, f.address)}
                {line(strings::PHONE, f.phone)}
                {email}
                {f.license.map(|l| view! { <p>{l}</p> })}
                {f.notes.into_iter().map(|n| view! { <p class="bt-footer__note">{n}</p> }).collect_view()}
                // Static files beside the app, not routes: rel="external" makes the
                // router leave these clicks to the browser.
                <p class="bt-footer__links">
                    <a href=base::url("nhung/") rel="external">{strings::FOOTER_EMBED}</a>
                    " · "
                    <a href=base::url("rss.xml") rel="external">{strings::FOOTER_RSS}</a>
                    " · "
                    <a href=base::url("da-luu")>{strings::FOOTER_SAVED}</a>
                </p>
            }
        })
    };
    view! {
        <footer class="bt-footer" aria-label=strings::FOOTER_LABEL>
            <div class="bt-footer__inner">{body}</div>
        </footer>
    }
}
