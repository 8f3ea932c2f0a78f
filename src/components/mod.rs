//! Reusable pieces of the views.

use leptos::prelude::*;

pub mod article_list;
pub mod blocks;
pub mod error_view;
pub mod files;
pub mod footer;
pub mod header;
pub mod links_box;
pub mod pagination;
pub mod progress;
pub mod save;
pub mod search_box;
pub mod share;
pub mod text_size;

/// Opens `href` in a new tab when it leaves the site, with `rel` set so the
/// other site gets neither `window.opener` nor a referrer.
pub fn outbound(href: &str) -> (Option<&'static str>, Option<&'static str>) {
    if bantin_contract::url::is_external(href) {
        (Some("_blank"), Some("noopener noreferrer"))
    } else {
        (None, None)
    }
}

/// Where a link of the site's menus leads, and whether the app shows it: a
/// path starting with `/` is under the base path (`/trang/lien-he`), anything
/// else is used as written. A path of the site that is no view of the app (a
/// static file such as `/rss.xml` or `/nhung/`) is left to the browser
/// (`rel="external"` keeps the router off it); another site opens in a new tab.
pub struct MenuHref {
    pub href: String,
    /// `rel` of the link.
    pub rel: Option<&'static str>,
    pub target: Option<&'static str>,
    /// The path under the base, for marking the current page (`None` elsewhere).
    pub route: Option<String>,
}

impl MenuHref {
    pub fn new(url: &str) -> MenuHref {
        let url = url.trim();
        if url.starts_with('/') && !url.starts_with("//") {
            // Paths start at the whole site's root: the app's own routes are
            // those under its base (another language's section is another app).
            let path = url.split(['?', '#']).next().unwrap_or_default();
            let full = crate::base::join(crate::base::root(), path);
            let base = crate::base::base();
            let own = full.starts_with(base) || full == base.trim_end_matches('/');
            let route = crate::base::strip(base, &full);
            let app = own && crate::route(route, None, None) != crate::Request::NotFound;
            MenuHref {
                href: crate::base::join(crate::base::root(), url),
                rel: (!app).then_some("external"),
                target: None,
                route: Some(full),
            }
        } else {
            let (target, rel) = outbound(url);
            MenuHref {
                href: url.to_string(),
                rel,
                target,
                route: None,
            }
        }
    }

    /// Whether this link leads to `pathname` (the location's path, with the base).
    pub fn is_at(&self, pathname: &str) -> bool {
        self.route
            .as_deref()
            .is_some_and(|r| r.trim_end_matches('/') == pathname.trim_end_matches('/'))
    }
}

/// A link of the site's settings (menus, footer groups, the site map) as
/// [`MenuHref`] reads its address, in a list item; "(mở trong thẻ mới)" for
/// screen readers when it opens another site in a new tab.
pub fn link_item(l: bantin_contract::ExternalLink) -> impl IntoView {
    let to = MenuHref::new(&l.url);
    let new_tab = to
        .target
        .map(|_| view! { <span class="bt-sr">" "{crate::strings::t().opens_new_tab}</span> });
    view! {
        <li>
            <a href=to.href rel=to.rel target=to.target>{l.name}{new_tab}</a>
        </li>
    }
}

/// The breadcrumb trail ("Đường dẫn"): links of (address under the base path,
/// name, whether it is the page shown). One shape for every view, so the
/// bundle holds its code once.
pub fn crumbs(items: Vec<(String, String, bool)>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|(route, name, current)| {
            view! { <li><a href=crate::base::url(&route) aria-current=current.then_some("page")>{name}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="bt-crumbs" aria-label=crate::strings::t().breadcrumb_label>
            <ol>{items}</ol>
        </nav>
    }
}

/// Content that follows signals without diffing: `make` is rendered into the
/// element of `host`, and rendered again, whole, each time the signals it reads
/// change (the site settings arriving, a navigation); the previous content is
/// unmounted. A `move ||` child would be diffed instead, and the diffing code
/// of every element in it would ship in the bundle (as for the views, see
/// `crate::pages::PageHost`). Natively [`swapped`] renders `make` once, in place.
#[cfg(target_arch = "wasm32")]
pub fn swapped<E, V>(host: NodeRef<E>, make: impl Fn() -> V + 'static) -> Option<V>
where
    E: leptos::html::ElementType + 'static,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
    V: IntoView + 'static,
{
    use leptos::tachys::view::Render;
    use wasm_bindgen::JsCast;
    // Types are erased here, so the bundle holds the effect below once.
    swap_into(
        Box::new(move || host.get().map(|e| e.unchecked_into())),
        Box::new(move || (None, Box::new(make().into_view().build()))),
        None,
    );
    None
}

/// Content built for [`swap_into`]: the owner it was built under when it was
/// built ahead (a child of the swapping component's owner), and the content.
#[cfg(target_arch = "wasm32")]
pub type Built = (Option<Owner>, Box<dyn leptos::tachys::view::Mountable>);

/// [`swapped`]'s work, for any parent and content (also the views' host,
/// `crate::pages::PageHost`): `make`'s content goes into `parent()` and
/// replaces the previous one, then `after` runs.
#[cfg(target_arch = "wasm32")]
#[allow(clippy::type_complexity)]
pub fn swap_into(
    parent: Box<dyn Fn() -> Option<web_sys::Element>>,
    make: Box<dyn Fn() -> Built>,
    after: Option<Box<dyn Fn()>>,
) {
    use leptos::tachys::view::Mountable;
    let owner = Owner::current().unwrap_or_default();
    let mounted = StoredValue::new_local(None::<(Owner, Box<dyn Mountable>)>);
    Effect::new(move |_| {
        let Some(parent) = parent() else { return };
        // Built under an owner of its own (cleaned up with it), read by this
        // effect: the signals `make` reads bring it back. Content built ahead
        // comes with its own.
        let child = owner.child();
        let (ahead, mut next) = child.with(&make);
        let child = match ahead {
            Some(ahead) => {
                child.cleanup();
                ahead
            }
            None => child,
        };
        next.mount(&parent, None);
        if let Some(after) = &after {
            after();
        }
        if let Some((old_owner, mut old)) = mounted
            .try_update_value(|m| m.replace((child, next)))
            .flatten()
        {
            old.unmount();
            old_owner.cleanup();
        }
    });
    on_cleanup(move || {
        if let Some(Some((owner, mut view))) = mounted.try_update_value(Option::take) {
            view.unmount();
            owner.cleanup();
        }
    });
}

/// See the browser's [`swapped`]: natively, `make` rendered once.
#[cfg(not(target_arch = "wasm32"))]
pub fn swapped<E, V>(_host: NodeRef<E>, make: impl Fn() -> V + 'static) -> Option<V>
where
    E: leptos::html::ElementType + 'static,
    V: IntoView + 'static,
{
    Some(make())
}
