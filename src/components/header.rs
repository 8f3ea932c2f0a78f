//! The site header: name, tagline, the search box and the menu (a toggle on
//! phones): the menu of `site.toml`, whose sub-menus are disclosures (a
//! button opens each, by click, tap or keyboard; nothing depends on hover),
//! else the categories.

use bantin_contract::paths::routes;
use bantin_contract::{ExternalLink, MenuEntry};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::base;
use crate::components::search_box::SearchBox;
use crate::components::{swapped, MenuHref};
use crate::strings;
use crate::Site;

/// Header with the site name, the search box and the category menu.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = expect_context::<Site>();
    let location = use_location();
    let name = move || site.get().map(|s| s.name).unwrap_or_default();
    let tagline = move || site.get().and_then(|s| s.tagline);
    // The menu of `site.toml`, else one link per category, drawn whole again
    // when the settings or the location change.
    let menu_host = NodeRef::<leptos::html::Nav>::new();
    let menu = swapped(menu_host, move || {
        let path = location.pathname.get();
        let menu = match site.get() {
            Some(s) if s.menu.is_empty() => s
                .categories
                .into_iter()
                .map(|c| MenuEntry {
                    name: c.name,
                    url: Some(base::from_root(&routes::category(&c.slug, 1))),
                    items: Vec::new(),
                })
                .collect(),
            Some(s) => s.menu,
            None => Vec::new(),
        };
        let entries = menu
            .into_iter()
            .enumerate()
            .map(|(i, e)| menu_entry(i, e, &path))
            .collect_view();
        let home = base::url("");
        let current = (path == home).then_some("page");
        view! {
            <ul class="bt-menu__list">
                <li>
                    <a class="bt-menu__link" href=home aria-current=current>
                        {strings::t().home}
                    </a>
                </li>
                {entries}
            </ul>
        }
    });
    // The other languages of the site: this page's translation, else that language's home.
    let translations = expect_context::<crate::Translations>().0;
    let langs_host = NodeRef::<leptos::html::Div>::new();
    let langs = swapped(langs_host, move || {
        let languages = site.get().map(|s| s.languages).unwrap_or_default();
        let here = strings::t().lang.tag();
        let shown = translations.get();
        languages
            .into_iter()
            .filter(|l| l.lang != here)
            .map(|l| {
                let url = shown
                    .iter()
                    .find(|t| t.lang == l.lang)
                    .map_or(l.url.as_str(), |t| t.url.as_str());
                let href = base::join(base::root(), url);
                let name = strings::Lang::from_tag(&l.lang).autonym();
                view! {
                    <a class="bt-header__lang" href=href lang=l.lang rel="external">
                        {name}
                    </a>
                }
            })
            .collect_view()
    });
    view! {
        <header class="bt-header">
            <div class="bt-header__inner">
                // The title names the link until the site's settings arrive
                // (a page the app draws from the bare shell); a static
                // attribute costs the bundle nothing.
                <a class="bt-header__brand" href=base::url("") title=strings::t().home>
                    <span class="bt-header__name">{name}</span>
                    <span class="bt-header__tagline">{tagline}</span>
                </a>
                <SearchBox />
                <div class="bt-header__langs" node_ref=langs_host>{langs}</div>
                // The theme toggle: the page script (src/js/page.js) owns the
                // theme, sets `data-theme` on <html> before the page paints and
                // keeps `aria-pressed` (pressed: dark) in step with it.
                <button
                    type="button"
                    class="bt-header__theme"
                    aria-pressed="false"
                    title=strings::t().theme_dark
                    data-bt-theme=""
                >
                    <span class="bt-header__theme-icon" aria-hidden="true"></span>
                    <span class="bt-sr">{strings::t().theme_dark}</span>
                </button>
                // The page script (src/js/page.js) opens and closes the menu
                // (`data-bt-toggle` names the class it sets on it); any new view closes it.
                <button
                    type="button"
                    class="bt-header__toggle"
                    aria-controls="bt-menu"
                    aria-expanded="false"
                    data-bt-toggle="bt-menu--open"
                >
                    <span class="bt-header__burger" aria-hidden="true"></span>
                    {strings::t().menu_button}
                </button>
            </div>
            <nav
                id="bt-menu"
                class="bt-menu"
                aria-label=strings::t().menu_nav_label
                node_ref=menu_host
            >
                {menu}
            </nav>
        </header>
    }
}

/// A menu link; `aria-current="page"` when it leads to `path`.
fn menu_link(l: &ExternalLink, path: &str) -> (impl IntoView, bool) {
    let to = MenuHref::new(&l.url);
    let current = to.is_at(path);
    let view = view! {
        <a
            class="bt-menu__link"
            href=to.href
            rel=to.rel
            target=to.target
            aria-current=current.then_some("page")
        >
            {l.name.clone()}
            {to.target.map(|_| view! { <span class="bt-sr">" "{strings::t().opens_new_tab}</span> })}
        </a>
    };
    (view, current)
}

/// An entry of the menu: a link, or a button that opens its sub-menu (the
/// page script, `src/js/page.js`, opens and closes it: `data-bt-toggle`).
fn menu_entry(i: usize, e: MenuEntry, path: &str) -> impl IntoView {
    let inner = match e.url {
        Some(url) => {
            let (link, _) = menu_link(&ExternalLink { name: e.name, url }, path);
            Either::Left(link)
        }
        None => {
            let id = format!("bt-menu-{i}");
            let controls = id.clone();
            let mut inside = false;
            let items = e
                .items
                .iter()
                .filter(|l| bantin_contract::url::is_safe(&l.url))
                .map(|l| {
                    let (link, current) = menu_link(l, path);
                    inside |= current;
                    view! { <li>{link}</li> }
                })
                .collect_view();
            let class = if inside {
                "bt-menu__link bt-menu__toggle bt-menu__toggle--current"
            } else {
                "bt-menu__link bt-menu__toggle"
            };
            let sub = view! {
                <button
                    type="button"
                    class=class
                    aria-expanded="false"
                    aria-controls=controls
                    data-bt-toggle="bt-menu__sub--open"
                    data-bt-sub=""
                >
                    {e.name}
                    <span class="bt-menu__caret" aria-hidden="true"></span>
                </button>
                <ul id=id class="bt-menu__sub">{items}</ul>
            };
            Either::Right(sub)
        }
    };
    view! { <li>{inner}</li> }
}
