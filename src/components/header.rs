//! The site header: name, tagline, the search box and the category menu (a toggle on phones).

use bantin_contract::paths::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::base;
use crate::components::search_box::SearchBox;
use crate::strings;
use crate::Site;

/// Header with the site name, the search box and the category menu.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = expect_context::<Site>();
    let location = use_location();
    let name = move || site.get().map(|s| s.name).unwrap_or_default();
    let tagline = move || site.get().and_then(|s| s.tagline);
    let categories = move || {
        let path = location.pathname.get();
        site.get()
            .map(|s| s.categories)
            .unwrap_or_default()
            .into_iter()
            .map(|c| {
                let href = base::url(&routes::category(&c.slug, 1));
                let current = (path == href).then_some("page");
                view! {
                    <li>
                        <a class="bt-menu__link" href=href aria-current=current>
                            {c.name}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <header class="bt-header">
            <div class="bt-header__inner">
                // The title names the link until the site's settings arrive
                // (a page the app draws from the bare shell); a static
                // attribute costs the bundle nothing.
                <a class="bt-header__brand" href=base::url("") title=strings::HOME>
                    <span class="bt-header__name">{name}</span>
                    <span class="bt-header__tagline">{tagline}</span>
                </a>
                <SearchBox />
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
                    {strings::MENU_BUTTON}
                </button>
            </div>
            <nav
                id="bt-menu"
                class="bt-menu"
                aria-label=strings::MENU_NAV_LABEL
            >
                <ul class="bt-menu__list">
                    <li>
                        <a
                            class="bt-menu__link"
                            href=base::url("")
                            aria-current=move || { (location.pathname.get() == base::url("")).then_some("page") }
                        >
                            {strings::HOME}
                        </a>
                    </li>
                    {categories}
                </ul>
            </nav>
        </header>
    }
}
