//! The native entry point: the app's own views rendered to HTML text (Leptos
//! `ssr`), for the pages the build tool prerenders. Nothing here needs a
//! browser, an async runtime or a server: [`render`] runs the [`App`] once,
//! synchronously, with the page's data provided instead of fetched, and
//! returns what the browser would show in `<body>` before any data loads.
//!
//! The build tool (`crates/build/src/pages.rs`) wraps the result in
//! `<div id="bt-static">`, adds the head tags and the data islands, and the app
//! takes the page over in the browser by swapping in its own, identical view.

use bantin_contract::SiteSettings;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::nav::ViewTitle;
use crate::pages::Loaded;
use crate::{base, App, Site};

/// The data of the page being prerendered, read by `PageHost` natively.
#[derive(Clone)]
pub struct Prerendered(pub Loaded);

/// The page's public address, for the share links (the browser reads its own).
#[derive(Clone)]
pub struct PageAddress(pub String);

/// One page to render.
pub struct PageRequest<'a> {
    /// The site's base path (`/` or `/tin-tuc/`).
    pub base: &'a str,
    /// The whole site's root path: the base path, but in a section (`/en/` is under `/`).
    pub root: &'a str,
    /// The page's route under the base, as the router sees it (`bai-viet/x`, `` for home).
    pub route: &'a str,
    /// The page's public address (absolute when the site's address is known).
    pub address: &'a str,
    /// What the page shows.
    pub loaded: Loaded,
}

/// What [`render`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The markup of the skip link, header, main content and footer.
    pub body: String,
    /// The view's own title (as the app puts it in the document title); `None` for home.
    pub view_title: Option<String>,
    /// The view needs the app at once (the search page's results, the saved and
    /// offline lists, which live in the reader's browser): the page says so
    /// (`data-bt-now`), and the app starts when the page loads. Other pages are
    /// complete on their own (see `crate::takeover`).
    pub needs_app: bool,
    /// Of those, the views that the app renders at once (the saved and
    /// offline lists; the search page's results are written into the page):
    /// the page preloads the module of the app's views beside the app's code
    /// (`data-bt-now="views"`).
    pub needs_views: bool,
}

/// The renderer's markers (`<!>` between text nodes and after lists, and the
/// `<!--<() />-->` of an empty view) taken out: they guide hydration, and the
/// app never hydrates a prerendered page (it swaps in its own view), so for a
/// reader they are only bytes. Text and attribute values are escaped, so these
/// strings never stand for content.
fn without_markers(html: &str) -> String {
    html.replace("<!>", "").replace("<!--<() />-->", "")
}

/// Renders the app at `page.route` with `site`'s settings and the page's data.
pub fn render(site: &SiteSettings, page: PageRequest<'_>) -> Rendered {
    base::set_native(page.base, page.root);
    crate::strings::set_lang(crate::strings::Lang::from_tag(
        site.lang.as_deref().unwrap_or_default(),
    ));
    let owner = Owner::new();
    let rendered = owner.with(|| {
        let path = base::url(page.route);
        provide_context(RequestUrl::new(&path));
        provide_context(Site(RwSignal::new(Some(site.clone()))));
        let title = ViewTitle(RwSignal::new(None));
        provide_context(title);
        provide_context(PageAddress(page.address.to_string()));
        let needs_views = matches!(page.loaded, Loaded::Saved | Loaded::Offline);
        let needs_app = needs_views || matches!(page.loaded, Loaded::Search(_));
        provide_context(crate::Translations(RwSignal::new(
            page.loaded.translations(),
        )));
        provide_context(Prerendered(page.loaded));
        let body = view! { <App /> }.to_html();
        Rendered {
            body: without_markers(&body),
            view_title: title.0.get_untracked(),
            needs_app,
            needs_views,
        }
    });
    owner.cleanup();
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_contract::{Article, Listing};

    fn site() -> SiteSettings {
        serde_json::from_str(
            r#"{"version":1,"name":"Cổng <thử>","categories":[{"slug":"kinh-te","name":"Kinh tế"}],
                "links":[{"name":"Bộ","url":"https://bo.gov.vn/"},{"name":"Xấu","url":"javascript:alert(1)"}],
                "footer":{"email":"a@b.vn"}}"#,
        )
        .unwrap()
    }

    fn article() -> Article {
        serde_json::from_str(
            r#"{"slug":"cau","title":"Cầu <script>alert(1)</script>","lead":"Sapo",
                "published":"2024-01-23T01:30:00Z","category":{"slug":"kinh-te","name":"Kinh tế"},
                "body":[{"type":"paragraph","content":[{"type":"text","text":"Đoạn "},
                        {"type":"link","text":"xấu","href":"javascript:alert(1)"}]}]}"#,
        )
        .unwrap()
    }

    fn page(base: &str, route: &str, loaded: Loaded) -> Rendered {
        render(
            &site(),
            PageRequest {
                base,
                root: base,
                route,
                address: "https://tinh.vn/tin-tuc/bai-viet/cau",
                loaded,
            },
        )
    }

    #[test]
    fn an_article_renders_natively_under_its_base_path() {
        let r = page(
            "/tin-tuc/",
            "bai-viet/cau",
            Loaded::Article(Box::new(article())),
        );
        let html = &r.body;
        assert!(!html.contains("<!"), "no renderer markers: {html}");
        assert_eq!(
            r.view_title.as_deref(),
            Some("Cầu <script>alert(1)</script>")
        );
        assert!(html.starts_with("<a href=\"#noi-dung\" class=\"bt-skip\">"));
        assert!(html.contains(
            "<h1 class=\"bt-article__title\">Cầu &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
        ));
        assert!(
            html.contains("<a href=\"/tin-tuc/\" title=\"Trang chủ\" class=\"bt-header__brand\">")
        );
        assert!(html.contains("<a href=\"/tin-tuc/chuyen-muc/kinh-te\">Kinh tế</a>"));
        assert!(html.contains("Đăng ngày: 23/01/2024 08:30"));
        // Unsafe links lose their link, never their words.
        assert!(!html.contains("javascript:"));
        assert!(html.contains("<p>Đoạn xấu</p>"));
        // The share link carries the page's public address.
        assert!(html.contains("sharer.php?u=https%3A%2F%2Ftinh.vn%2Ftin-tuc%2Fbai-viet%2Fcau"));
        // The text-size buttons are named by their visible text (WCAG 2.5.3).
        assert!(html.contains(
            "<button type=\"button\" data-bt-size=\"-\" class=\"bt-tool\">A−<span class=\"bt-sr\"> Giảm cỡ chữ</span></button>"
        ), "{html}");
        assert!(!html.contains("aria-label=\"Giảm cỡ chữ\""));
        // The share sheet's button is hidden until the page script finds one;
        // the status text is empty.
        assert!(
            html.contains("data-bt-act=\"share\" hidden=\"\" class=\"bt-tool\">Chia sẻ…</button>")
        );
        assert!(html.contains("<p class=\"bt-tools__status\" role=\"status\"></p>"));
        // The links box keeps only safe links.
        assert!(html.contains("https://bo.gov.vn/") && !html.contains(">Xấu<"));
    }

    #[test]
    fn the_menu_marks_the_current_page() {
        let listing: Listing = serde_json::from_str(
            r#"{"kind":"category","term":{"slug":"kinh-te","name":"Kinh tế"},"page":1,"per_page":10,"page_count":1,"total":0,"items":[]}"#,
        )
        .unwrap();
        let r = page("/", "chuyen-muc/kinh-te", Loaded::Listing(listing));
        assert!(r.body.contains(
            "<a href=\"/chuyen-muc/kinh-te\" aria-current=\"page\" class=\"bt-menu__link\">Kinh tế</a>"
        ));
        assert!(r
            .body
            .contains("<a href=\"/\" class=\"bt-menu__link\">Trang chủ</a>"));
        assert_eq!(r.view_title.as_deref(), Some("Kinh tế"));

        let r = page("/", "404.html", Loaded::NotFound);
        assert!(!r.body.contains("aria-current"));
        assert_eq!(
            r.view_title.as_deref(),
            Some(crate::strings::t().not_found_title)
        );
    }

    fn portal() -> SiteSettings {
        let mut s = site();
        s.menu = serde_json::from_str(
            r#"[{"name":"Giới thiệu","items":[{"name":"Liên hệ","url":"/trang/lien-he"},
                 {"name":"RSS","url":"/rss.xml"},{"name":"Xấu","url":"javascript:alert(1)"}]},
                {"name":"Dịch vụ công","url":"https://dichvucong.gov.vn/"}]"#,
        )
        .unwrap();
        s.footer_links = serde_json::from_str(
            r#"[{"title":"Về cổng","items":[{"name":"Sơ đồ cổng thông tin","url":"/so-do"}]}]"#,
        )
        .unwrap();
        s.pages = vec![bantin_contract::Term {
            slug: "lien-he".into(),
            name: "Liên hệ".into(),
        }];
        s
    }

    #[test]
    fn a_page_with_the_menu_of_the_site() {
        let page: bantin_contract::InfoPage = serde_json::from_str(
            r#"{"slug":"lien-he","title":"Liên hệ","updated":"2026-11-30T00:00:00+07:00",
                "body":[{"type":"heading","level":2,"text":"Giờ làm việc"}]}"#,
        )
        .unwrap();
        let r = render(
            &portal(),
            PageRequest {
                root: "/tin/",
                base: "/tin/",
                route: "trang/lien-he",
                address: "https://tinh.vn/tin/trang/lien-he",
                loaded: Loaded::Page(Box::new(page.into())),
            },
        );
        let html = &r.body;
        assert_eq!(r.view_title.as_deref(), Some("Liên hệ"));
        assert!(!r.needs_app && !r.needs_views);
        assert!(
            html.contains("<h1 class=\"bt-article__title\">Liên hệ</h1>"),
            "{html}"
        );
        assert!(
            html.contains(
                "Cập nhật: <time datetime=\"2026-11-30T00:00:00+07:00\">30/11/2026</time>"
            ),
            "{html}"
        );
        // The sub-menu: a disclosure button, marked as holding the current page.
        assert!(html.contains(
            "<button type=\"button\" aria-expanded=\"false\" aria-controls=\"bt-menu-0\" data-bt-toggle=\"bt-menu__sub--open\" data-bt-sub=\"\" class=\"bt-menu__link bt-menu__toggle bt-menu__toggle--current\">Giới thiệu"
        ), "{html}");
        assert!(html.contains(
            "<a href=\"/tin/trang/lien-he\" aria-current=\"page\" class=\"bt-menu__link\">Liên hệ</a>"
        ), "{html}");
        // A file of the site is left to the browser; another site opens in a new tab.
        assert!(
            html.contains(
                "<a href=\"/tin/rss.xml\" rel=\"external\" class=\"bt-menu__link\">RSS</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"https://dichvucong.gov.vn/\" rel=\"noopener noreferrer\" target=\"_blank\""
            ),
            "{html}"
        );
        assert!(!html.contains("javascript:"));
        // The categories are not listed when the site has a menu.
        assert!(!html.contains(">Kinh tế</a>"));
        // The footer's group, named by its title.
        assert!(
            html.contains(
                "<nav aria-labelledby=\"bt-fl-0\" class=\"bt-footer__group\"><h2 id=\"bt-fl-0\""
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/tin/so-do\">Sơ đồ cổng thông tin</a>"),
            "{html}"
        );
    }

    #[test]
    fn the_site_map_lists_every_section() {
        let r = render(
            &portal(),
            PageRequest {
                base: "/",
                root: "/",
                route: "so-do",
                address: "https://tinh.vn/so-do",
                loaded: Loaded::SiteMap(Box::new(portal())),
            },
        );
        let html = &r.body;
        assert_eq!(
            r.view_title.as_deref(),
            Some(crate::strings::t().sitemap_title)
        );
        for want in [
            "<h2 class=\"bt-sitemap__title\">Danh mục chính</h2>",
            "<h2 class=\"bt-sitemap__title\">Giới thiệu</h2>",
            "<h2 class=\"bt-sitemap__title\">Chuyên mục tin tức</h2>",
            "<li><a href=\"/chuyen-muc/kinh-te\">Kinh tế</a></li>",
            "<h2 class=\"bt-sitemap__title\">Thông tin chung</h2>",
            "<h2 class=\"bt-sitemap__title\">Về cổng</h2>",
            "<a href=\"/nhung/\" rel=\"external\">",
            "<h2 class=\"bt-sitemap__title\">Liên kết website</h2>",
        ] {
            assert!(html.contains(want), "{want} in {html}");
        }
        assert!(
            html.contains("<a href=\"/trang/lien-he\">Liên hệ</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript:"));
    }

    /// Natively Leptos is built for `ssr` alone: were `csr` unified into the
    /// native build (see Cargo.toml), effects would be scheduled and this would
    /// panic (no executor) or run them.
    #[test]
    fn effects_never_run_natively() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let ran = Arc::new(AtomicBool::new(false));
        let owner = Owner::new();
        owner.with(|| {
            let ran = ran.clone();
            Effect::new(move |_| ran.store(true, Ordering::SeqCst));
        });
        owner.cleanup();
        assert!(!ran.load(Ordering::SeqCst));
    }

    #[test]
    fn threads_render_with_their_own_base_paths() {
        let handles: Vec<_> = ["/", "/a/", "/b/c/"]
            .into_iter()
            .map(|base| {
                std::thread::spawn(move || {
                    (0..20)
                        .map(|_| page(base, "", Loaded::NotFound).body)
                        .all(|b| {
                            b.contains(&format!("<a href=\"{base}\" title=\"Trang chủ\" class=\"bt-header__brand\">"))
                        })
                })
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap());
        }
    }
}
