//! Component tests in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): each test mounts a component into a fresh
//! element and checks what a reader would see.
#![cfg(target_arch = "wasm32")]

use bantin::api::{FetchError, ListingSource};
use bantin::components::article_list::{ArticleCard, ListStyle};
use bantin::components::blocks::Blocks;
use bantin::components::error_view::ErrorView;
use bantin::components::links_box::LinksBox;
use bantin::components::pagination::Pagination;
use bantin::pages::article::ArticleView;
use bantin_contract::{
    Article, ArticleSummary, Block, ExternalLink, Figure, Image, Inline, Source, Term,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a new element of the document and returns that element.
fn mount<F, V>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), f);
    std::mem::forget(handle);
    host
}

/// Lets effects and scheduled tasks run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn one(host: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

fn summary(slug: &str, lead: Option<&str>, thumb: bool) -> ArticleSummary {
    ArticleSummary {
        slug: slug.into(),
        title: format!("Tiêu đề {slug}"),
        lead: lead.map(Into::into),
        published: "2025-03-14T08:30:00+07:00".into(),
        category: None,
        thumb: thumb.then(|| Image {
            src: "/anh/x.svg".into(),
            alt: String::new(),
            width: Some(960),
            height: Some(640),
            ..Image::new("", "")
        }),
    }
}

#[wasm_bindgen_test]
fn hostile_text_is_shown_as_text_never_as_markup() {
    let host = mount(|| {
        view! {
            <Blocks blocks=vec![
                Block::Paragraph {
                    content: vec![text("<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">")],
                },
            ] />
        }
    });
    assert!(all(&host, "script").is_empty());
    assert!(all(&host, "img").is_empty());
    assert!(host
        .text_content()
        .unwrap()
        .contains("<script>window.__pwned=1</script>"));
}

#[wasm_bindgen_test]
fn unsafe_links_lose_their_link_but_keep_their_words() {
    let host = mount(|| {
        view! {
            <Blocks blocks=vec![Block::Paragraph {
                content: vec![
                    Inline::Link { text: "bấm vào đây".into(), href: "javascript:window.__pwned=1".into() },
                    text(" và "),
                    Inline::Link { text: "nguồn".into(), href: "https://bao.example.vn/a".into() },
                    text(" và "),
                    Inline::Link { text: "bài khác".into(), href: "/bai-viet/khac".into() },
                ],
            }] />
        }
    });
    let links = all(&host, "a");
    assert_eq!(links.len(), 2, "only the safe links are links");
    assert!(host.text_content().unwrap().contains("bấm vào đây"));
    assert!(!host.inner_html().contains("javascript:"));
    let external = &links[0];
    assert_eq!(
        external.get_attribute("href").as_deref(),
        Some("https://bao.example.vn/a")
    );
    assert_eq!(
        external.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(external.get_attribute("target").as_deref(), Some("_blank"));
    let internal = &links[1];
    assert_eq!(internal.get_attribute("rel"), None);
}

#[wasm_bindgen_test]
fn blocks_render_headings_figures_quotes_lists_and_skip_unknown() {
    let host = mount(|| {
        view! {
            <Blocks blocks=vec![
                Block::Heading { level: 2, text: "Mục một".into() },
                Block::Heading { level: 3, text: "Mục nhỏ".into() },
                Block::Figure(Figure {
                    image: Image { width: Some(960), height: Some(640), ..Image::new("/anh/a.svg", "Cánh đồng lúa") },
                    caption: Some("Lúa chín vàng".into()),
                    credit: Some("Ảnh: Minh Anh".into()),
                }),
                Block::Figure(Figure {
                    image: Image::new("javascript:alert(1)", "x"),
                    caption: Some("Ảnh lỗi".into()),
                    credit: None,
                }),
                Block::Quote { content: vec![text("Trích dẫn")], cite: Some("Ông A".into()) },
                Block::List { ordered: true, items: vec![vec![text("một")], vec![text("hai")]] },
                Block::Unknown,
            ] />
        }
    });
    assert_eq!(one(&host, "h2").text_content().unwrap(), "Mục một");
    assert_eq!(one(&host, "h3").text_content().unwrap(), "Mục nhỏ");
    let imgs = all(&host, "img");
    assert_eq!(imgs.len(), 1, "the image with an unsafe src is dropped");
    assert_eq!(
        imgs[0].get_attribute("alt").as_deref(),
        Some("Cánh đồng lúa")
    );
    assert_eq!(imgs[0].get_attribute("width").as_deref(), Some("960"));
    assert_eq!(imgs[0].get_attribute("height").as_deref(), Some("640"));
    let captions = all(&host, "figcaption");
    assert!(captions[0]
        .text_content()
        .unwrap()
        .contains("Lúa chín vàng"));
    assert!(captions[0]
        .text_content()
        .unwrap()
        .contains("Ảnh: Minh Anh"));
    assert!(one(&host, "blockquote")
        .text_content()
        .unwrap()
        .contains("— Ông A"));
    assert_eq!(all(&host, "ol li").len(), 2);
}

#[wasm_bindgen_test]
fn cards_without_optional_fields_leave_no_gaps() {
    let host = mount(|| {
        view! {
            <ArticleCard item=summary("a", None, false) />
            <ArticleCard item=summary("b", Some("Tóm tắt"), true) style=ListStyle::Full />
        }
    });
    let cards = all(&host, "article");
    assert_eq!(cards.len(), 2);
    assert!(cards[0].query_selector("img").unwrap().is_none());
    assert!(cards[0].query_selector(".bt-card__lead").unwrap().is_none());
    assert_eq!(
        cards[0]
            .query_selector("a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/bai-viet/a")
    );
    assert!(cards[1].query_selector("img").unwrap().is_some());
    assert_eq!(
        cards[1]
            .query_selector("time")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "14/03/2025"
    );
}

#[wasm_bindgen_test]
fn pagination_marks_the_current_page_and_links_its_neighbours() {
    let host = mount(
        || view! { <Pagination listing=ListingSource::Category("thoi-su".into()) page=2 page_count=5 /> },
    );
    let nav = one(&host, "nav");
    assert_eq!(
        nav.get_attribute("aria-label").as_deref(),
        Some("Phân trang")
    );
    let current = one(&host, "[aria-current=page]");
    assert!(current.text_content().unwrap().ends_with('2'));
    assert_eq!(
        one(&host, "a[rel=prev]").get_attribute("href").as_deref(),
        Some("/chuyen-muc/thoi-su")
    );
    assert_eq!(
        one(&host, "a[rel=next]").get_attribute("href").as_deref(),
        Some("/chuyen-muc/thoi-su/trang/3")
    );
    let single = mount(
        || view! { <Pagination listing=ListingSource::Tag("x".into()) page=1 page_count=1 /> },
    );
    assert!(single.query_selector("nav").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn error_view_offers_a_retry_that_works() {
    let tries = RwSignal::new(0);
    let host = mount(move || {
        view! { <ErrorView error=FetchError::Server(500) retry=move || tries.update(|n| *n += 1) /> }
    });
    let alert = one(&host, "[role=alert]");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("Máy chủ đang gặp sự cố"));
    let button: web_sys::HtmlElement = one(&host, "button").unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Thử lại");
    button.click();
    tick().await;
    assert_eq!(tries.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn links_box_keeps_only_safe_links_and_opens_them_safely() {
    let host = mount(|| {
        view! {
            <LinksBox links=vec![
                ExternalLink { name: "Cổng Chính phủ".into(), url: "https://chinhphu.vn/".into() },
                ExternalLink { name: "Độc hại".into(), url: "javascript:alert(1)".into() },
            ] />
        }
    });
    assert_eq!(one(&host, "h2").text_content().unwrap(), "Liên kết website");
    let links = all(&host, "a");
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

fn sample_article() -> Article {
    Article {
        version: 1,
        slug: "mot-bai".into(),
        title: "Hòa Lâm khởi công tuyến đường ven sông".into(),
        lead: Some("Sáng 23/1, tỉnh khởi công tuyến đường.".into()),
        published: "2024-01-23T01:30:00Z".into(),
        updated: None,
        category: Some(Term {
            slug: "kinh-te".into(),
            name: "Kinh tế".into(),
        }),
        tags: vec![Term {
            slug: "ha-tang".into(),
            name: "Hạ tầng".into(),
        }],
        author: Some("Minh Anh".into()),
        source: Some(Source {
            name: "Báo Hòa Lâm".into(),
            url: Some("https://bao.example.vn/a".into()),
        }),
        cover: None,
        body: vec![Block::Paragraph {
            content: vec![text("Thân bài.")],
        }],
        attachments: vec![],
        related: vec![summary("bai-khac", None, false)],
        translations: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn article_view_shows_what_a_portal_shows() {
    let host = mount(|| view! { <ArticleView article=sample_article() /> });
    tick().await;
    assert_eq!(all(&host, "h1").len(), 1);
    let text = host.text_content().unwrap();
    // 01:30 UTC is 08:30 in Vietnam, whatever the browser's zone.
    assert!(text.contains("Đăng ngày: 23/01/2024 08:30"), "{text}");
    assert_eq!(
        one(&host, ".bt-article__lead").text_content().unwrap(),
        "Sáng 23/1, tỉnh khởi công tuyến đường."
    );
    assert!(text.contains("Minh Anh"));
    let source = one(&host, ".bt-article__source a");
    assert_eq!(
        source.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        one(&host, ".bt-tag").get_attribute("href").as_deref(),
        Some("/the/ha-tang")
    );
    assert_eq!(
        one(&host, "#bt-related-title").text_content().unwrap(),
        "Tin liên quan"
    );
    assert_eq!(
        one(&host, ".bt-related a").get_attribute("href").as_deref(),
        Some("/bai-viet/bai-khac")
    );
    assert_eq!(
        one(&host, ".bt-crumbs li:last-child a")
            .get_attribute("href")
            .as_deref(),
        Some("/chuyen-muc/kinh-te")
    );
}

/// The article's controls are markup for the page script (`src/js/page.js`),
/// which handles them on prerendered pages and app views alike (its behaviour
/// is checked in Chromium by tests/e2e/first-view.test.mjs).
#[wasm_bindgen_test]
async fn article_controls_name_their_action_for_the_page_script() {
    let host = mount(|| view! { <ArticleView article=sample_article() /> });
    tick().await;
    // The reader's size comes from `--bt-text`, not from an inline style.
    let article: web_sys::HtmlElement = one(&host, "article.bt-article").unchecked_into();
    assert_eq!(article.style().get_property_value("font-size").unwrap(), "");
    // Each button's name is its visible text and what it does (WCAG 2.5.3), with no aria-label.
    let smaller = one(&host, ".bt-textsize button:first-child");
    let larger = one(&host, ".bt-textsize button:last-child");
    assert_eq!(smaller.text_content().as_deref(), Some("A− Giảm cỡ chữ"));
    assert_eq!(larger.text_content().as_deref(), Some("A+ Tăng cỡ chữ"));
    assert_eq!(smaller.get_attribute("data-bt-size").as_deref(), Some("-"));
    assert_eq!(larger.get_attribute("data-bt-size").as_deref(), Some("+"));
    assert!(!larger.has_attribute("aria-label"));
    assert_eq!(
        one(&host, ".bt-textsize__value").text_content().as_deref(),
        Some("100%")
    );
    // The tools: each button says what the script does; the messages ride along.
    let tools = one(&host, "[data-bt-tools]");
    let acts: Vec<String> = all(&host, "[data-bt-act]")
        .iter()
        .filter_map(|b| b.get_attribute("data-bt-act"))
        .collect();
    assert_eq!(acts, ["zalo", "copy", "print", "share"]);
    assert!(one(&host, "[data-bt-act=share]").has_attribute("hidden"));
    assert_eq!(
        tools.get_attribute("data-bt-copied").as_deref(),
        Some("Đã sao chép liên kết")
    );
}
