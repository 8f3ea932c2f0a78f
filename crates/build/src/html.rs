//! Static HTML pages: the home page, every article, every category's and
//! every tag's first page and `404.html`, each a real document at its clean URL
//! (`OUT/bai-viet/<slug>/index.html`, …), so link previews, search engines and
//! readers without JavaScript see the content before the app takes over.
//!
//! Each page is trunk's app shell (`index.html`, kept as `app.html` once the
//! build has written its own `index.html`) with:
//! - the `<title>` and `<meta name="description">` of the view;
//! - in `<head>`: the [`MARKER`] comment, the canonical link, Open Graph,
//!   Twitter card and (for articles) JSON-LD `NewsArticle` tags, RSS links;
//! - in `<body>`: the shell's `<noscript>` note and `#bt-boot` paragraph
//!   removed, `<div id="bt-static">` holding the skip link, header, `<main>`
//!   and footer exactly as the app renders them, and two JSON data islands
//!   (`#bt-site`, `#bt-data`) so the app starts without a fetch.
//!
//! The markup mirrors the app's components (`src/components`, `src/pages`)
//! element for element, class for class, attribute for attribute, so swapping
//! the static content for the app's causes no layout shift. The app's strings
//! are copied in [`s`]; a test checks they still match `src/strings.rs`.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::Path;

use bantin_contract::paging::{page_window, PageItem};
use bantin_contract::paths::{self, routes};
use bantin_contract::{
    date, url, Article, ArticleSummary, Block, ExternalLink, Figure, Home, Image, Inline, Listing,
    ListingKind, SiteSettings, Term,
};

use crate::output::Writer;
use crate::par;
use crate::render::Model;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// Marks a page written by the build (never trunk's shell).
pub const MARKER: &str = "<!--bantin:prerendered-->";
/// Where the untouched app shell is kept once `index.html` is the home page.
pub const APP_SHELL: &str = "app.html";
/// The home page, and trunk's app shell before the first build.
pub const INDEX: &str = "index.html";
/// The page a server sends for unknown paths.
pub const NOT_FOUND: &str = "404.html";
/// The search page's route (`tim-kiem/index.html`).
pub const SEARCH_ROUTE: &str = "tim-kiem";

/// The app's user-facing strings (`src/strings.rs`), copied: the build tool
/// cannot depend on the app crate. `strings_match_the_app` keeps them in sync.
pub mod s {
    #![allow(missing_docs)]
    pub const SKIP_LINK: &str = "Bỏ qua, đến nội dung chính";
    pub const MENU_BUTTON: &str = "Chuyên mục";
    pub const MENU_NAV_LABEL: &str = "Chuyên mục";
    pub const HOME: &str = "Trang chủ";
    pub const BREADCRUMB_LABEL: &str = "Đường dẫn";
    pub const LATEST: &str = "Tin mới nhất";
    pub const LEAD_STORY: &str = "Tin nổi bật";
    pub const SEE_MORE: &str = "Xem thêm";
    pub const LINKS_BOX: &str = "Liên kết website";
    pub const NO_ARTICLES: &str = "Chưa có bài viết nào.";
    pub const POSTED_ON: &str = "Đăng ngày:";
    pub const UPDATED_ON: &str = "Cập nhật:";
    pub const AUTHOR: &str = "Tác giả:";
    pub const SOURCE: &str = "Nguồn:";
    pub const TAGS: &str = "Từ khóa:";
    pub const RELATED: &str = "Tin liên quan";
    pub const TAG_TITLE_PREFIX: &str = "Từ khóa: ";
    pub const LATEST_TITLE: &str = "Tin mới nhất";
    pub const OPENS_NEW_TAB: &str = "(mở trong thẻ mới)";
    pub const FOOTER_EMBED: &str = "Nhúng tin vào trang của bạn";
    pub const FOOTER_RSS: &str = "Tin qua RSS";
    pub const TOOLS_LABEL: &str = "Công cụ bài viết";
    pub const PRINT: &str = "In bài viết";
    pub const SHARE_FACEBOOK: &str = "Chia sẻ Facebook";
    pub const SHARE_ZALO: &str = "Chia sẻ Zalo";
    pub const COPY_LINK: &str = "Sao chép liên kết";
    pub const TEXT_SMALLER: &str = "Giảm cỡ chữ";
    pub const TEXT_LARGER: &str = "Tăng cỡ chữ";
    pub const TEXT_SIZE_LABEL: &str = "Cỡ chữ";
    pub const PAGINATION_LABEL: &str = "Phân trang";
    pub const PREV_PAGE: &str = "Trang trước";
    pub const NEXT_PAGE: &str = "Trang sau";
    pub const PAGE: &str = "Trang";
    pub const ARTICLES_UNIT: &str = "bài viết";
    pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
    pub const NOT_FOUND_TEXT: &str =
        "Trang bạn tìm không tồn tại, đã được chuyển đi hoặc đường dẫn bị gõ sai.";
    pub const BACK_HOME: &str = "Về trang chủ";
    pub const SEE_LATEST: &str = "Xem tin mới nhất";
    pub const FOOTER_LABEL: &str = "Thông tin cơ quan";
    pub const PHONE: &str = "Điện thoại:";
    pub const EMAIL: &str = "Email:";
    pub const ADDRESS: &str = "Địa chỉ:";
    pub const SEARCH: &str = "Tìm kiếm";
    pub const SEARCH_LABEL: &str = "Tìm bài viết";
    pub const SEARCH_PLACEHOLDER: &str = "Tìm bài viết…";
    pub const SUGGESTIONS_LABEL: &str = "Gợi ý tìm kiếm";
}

// ------------------------------------------------------------------ escaping writer

/// Appends `s` to `out`, replacing each byte `esc` has an entity for.
fn push_escaped(out: &mut String, s: &str, esc: fn(u8) -> Option<&'static str>) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(e) = esc(b) {
            out.push_str(&s[last..i]);
            out.push_str(e);
            last = i + 1;
        }
    }
    out.push_str(&s[last..]);
}

fn text_entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    }
}

fn attr_entity(b: u8) -> Option<&'static str> {
    match b {
        b'"' => Some("&quot;"),
        other => text_entity(other),
    }
}

/// `s` escaped for text content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, text_entity);
    out
}

/// `s` escaped for a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, attr_entity);
    out
}

/// JSON inside `<script type="application/json">`: every `<` becomes `\u003c`,
/// so no `</script>` or `<!--` in the data can end or disturb the element.
pub fn json_island(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// JSON-LD inside `<script type="application/ld+json">`: `</` becomes `<\/`
/// (and `<!--` becomes `\u003c!--`); both are still the same JSON.
pub fn json_ld(json: &str) -> String {
    json.replace("</", "<\\/").replace("<!--", "\\u003c!--")
}

/// A tiny HTML writer: text and attribute values are always escaped. It also
/// knows the site's base path, to write the site's own URLs as the app does.
pub struct Html {
    /// The markup written so far.
    pub out: String,
    /// The base path, starting and ending with `/` (see [`base_path`]).
    base: String,
}

impl Default for Html {
    fn default() -> Self {
        Html::new("/", 0)
    }
}

impl Html {
    /// A writer for a site at `base` (a path from [`base_path`]), with room for `capacity` bytes.
    pub fn new(base: &str, capacity: usize) -> Html {
        Html {
            out: String::with_capacity(capacity),
            base: base.to_string(),
        }
    }

    /// The URL of an app route such as `bai-viet/x` (the app's `base::url`).
    pub fn url(&self, route: &str) -> String {
        format!("{}{}", self.base, route.trim_start_matches('/'))
    }

    /// A URL from content: `/anh/x.svg` is the site's own, under the base path
    /// (the app's `base::site_path`); other URLs are kept.
    pub fn site_path<'a>(&self, href: &'a str) -> Cow<'a, str> {
        if href.starts_with('/') && !href.starts_with("//") && self.base != "/" {
            Cow::Owned(self.url(href))
        } else {
            Cow::Borrowed(href)
        }
    }

    /// Writes `<tag a="v" …>`.
    pub fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.open(tag);
        for (name, value) in attrs {
            self.attr(name, value);
        }
        self.end()
    }

    /// Writes `<tag`; follow with [`Html::attr`] calls and [`Html::end`].
    pub fn open(&mut self, tag: &str) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self
    }

    /// Writes ` name="value"`.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_escaped(&mut self.out, value, attr_entity);
        self.out.push('"');
        self
    }

    /// Writes ` name="value"` when there is a value.
    pub fn attr_opt(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.attr(name, v);
        }
        self
    }

    /// Ends a start tag.
    pub fn end(&mut self) -> &mut Self {
        self.out.push('>');
        self
    }

    /// Writes `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Writes escaped text.
    pub fn text(&mut self, s: &str) -> &mut Self {
        push_escaped(&mut self.out, s, text_entity);
        self
    }

    /// Writes markup as is (only for markup this module made).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    /// Writes `<tag attrs>text</tag>`.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.start(tag, attrs).text(text).close(tag)
    }

    /// Writes `<meta property="…" content="…">`.
    fn meta_property(&mut self, property: &str, content: &str) -> &mut Self {
        self.start("meta", &[("property", property), ("content", content)])
    }

    /// Writes `<meta name="…" content="…">`.
    fn meta_name(&mut self, name: &str, content: &str) -> &mut Self {
        self.start("meta", &[("name", name), ("content", content)])
    }
}

// ------------------------------------------------------------------ the shell

/// A place in the shell where each page puts its own markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// `<title>…</title>`.
    Title,
    /// `<meta name="description" …>`.
    Description,
    /// Just before `</head>`.
    Head,
    /// Just before `</body>`.
    Body,
}

/// The app shell, split once into literal pieces around the [`Slot`]s.
#[derive(Debug, Clone)]
pub struct Shell {
    /// Literal text, then the slot that follows it (the last piece has none).
    pieces: Vec<(String, Option<Slot>)>,
    /// The `href` of the shell's `<base>` (trunk writes its `public_url` there).
    base_href: Option<String>,
}

/// What one page puts in the shell.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The document title (plain text).
    pub title: String,
    /// The description (plain text).
    pub description: String,
    /// Markup added at the end of `<head>`.
    pub head: String,
    /// Markup added at the end of `<body>`.
    pub body: String,
}

/// The byte range of the first `open … close` element at or after `from`
/// (`lower` is the shell in ASCII lower case).
fn element_range(lower: &str, from: usize, open: &str, close: &str) -> Option<(usize, usize)> {
    let start = from + lower.get(from..)?.find(open)?;
    let end = start + lower[start..].find(close)? + close.len();
    Some((start, end))
}

/// The value of attribute `name` in the start tag `tag` (quoted or not), entities not decoded.
fn attr_value(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let before = lower[..i].chars().last();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(value.to_string());
    }
    None
}

/// The base path (starting and ending with `/`) for a `<base href>`: its folder,
/// as the app's `base::normalize` makes it; `/` without one.
pub fn base_path(href: Option<&str>) -> String {
    let href = href.map(str::trim).unwrap_or("/");
    // An absolute URL's path: after the host.
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None if href.starts_with("//") => href[2..].find('/').map_or("/", |i| &href[2 + i..]),
        None => href,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("/{dir}")
    }
}

impl Shell {
    /// Splits trunk's `index.html`. Never fails: a part the shell lacks is
    /// added where it belongs (a missing `<title>` goes before `</head>`, …).
    pub fn parse(text: &str) -> Shell {
        let lower = text.to_ascii_lowercase();
        let head_end = lower.find("</head>");
        let body_start = lower.find("<body").unwrap_or(head_end.unwrap_or(0));
        let head_limit = head_end.unwrap_or(body_start);
        // (start, end, slot): the range is dropped and the slot put in its place.
        let mut cuts: Vec<(usize, usize, Option<Slot>)> = Vec::new();

        let title = element_range(&lower, 0, "<title", "</title>").filter(|r| r.1 <= head_limit);
        let description = {
            let mut found = None;
            let mut at = 0;
            while let Some((s, e)) = element_range(&lower, at, "<meta", ">") {
                if s >= head_limit {
                    break;
                }
                let tag = &lower[s..e];
                if [
                    "name=\"description\"",
                    "name='description'",
                    "name=description",
                ]
                .iter()
                .any(|n| tag.contains(n))
                {
                    found = Some((s, e));
                    break;
                }
                at = e;
            }
            found
        };
        match (title, description) {
            (Some((s, e)), d) => {
                cuts.push((s, e, Some(Slot::Title)));
                match d {
                    Some((ds, de)) => cuts.push((ds, de, Some(Slot::Description))),
                    None => cuts.push((e, e, Some(Slot::Description))),
                }
            }
            (None, Some((ds, de))) => {
                cuts.push((ds, ds, Some(Slot::Title)));
                cuts.push((ds, de, Some(Slot::Description)));
            }
            (None, None) => {
                cuts.push((head_limit, head_limit, Some(Slot::Title)));
                cuts.push((head_limit, head_limit, Some(Slot::Description)));
            }
        }
        cuts.push((head_limit, head_limit, Some(Slot::Head)));

        // The shell's "needs JavaScript" and "loading" notes make no sense on a page with content.
        if let Some(r) = element_range(&lower, body_start, "<noscript", "</noscript>") {
            cuts.push((r.0, r.1, None));
        }
        if let Some(id) = lower[body_start..]
            .find("id=\"bt-boot\"")
            .map(|i| i + body_start)
        {
            if let Some(open) = lower[..id].rfind('<') {
                let name: String = lower[open + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if let Some(r) = element_range(&lower, open, "<", &format!("</{name}>")) {
                    cuts.push((r.0, r.1, None));
                }
            }
        }
        let body_end = lower.rfind("</body>").unwrap_or(text.len());
        cuts.push((body_end, body_end, Some(Slot::Body)));

        // Stable sort keeps the order pushed for slots at the same place.
        cuts.sort_by_key(|c| c.0);
        let mut pieces = Vec::new();
        let mut at = 0;
        for (start, end, slot) in cuts {
            if start < at {
                // Overlaps a range already cut (a malformed shell): keep only its slot.
                if slot.is_some() {
                    pieces.push((String::new(), slot));
                }
                continue;
            }
            pieces.push((text[at..start].to_string(), slot));
            at = end;
        }
        pieces.push((text[at..].to_string(), None));
        let base_href = element_range(&lower, 0, "<base", ">")
            .filter(|r| r.1 <= head_limit)
            .and_then(|(s, e)| attr_value(&text[s..e], "href"));
        Shell { pieces, base_href }
    }

    /// The base path of the site's own URLs, from the shell's `<base href>` (as the app reads it).
    pub fn base_path(&self) -> String {
        base_path(self.base_href.as_deref())
    }

    /// The shell with `page` in its slots.
    pub fn render(&self, page: &Page) -> String {
        let literal: usize = self.pieces.iter().map(|p| p.0.len()).sum();
        let mut h = Html::new(
            "/",
            literal + page.head.len() + page.body.len() + page.title.len() * 2 + 256,
        );
        for (lit, slot) in &self.pieces {
            h.raw(lit);
            match slot {
                Some(Slot::Title) => {
                    h.el("title", &[], &page.title);
                }
                Some(Slot::Description) => {
                    h.meta_name("description", &page.description);
                }
                Some(Slot::Head) => {
                    h.raw(&page.head);
                }
                Some(Slot::Body) => {
                    h.raw(&page.body);
                }
                None => {}
            }
        }
        h.out
    }
}

/// The app shell to build pages from: `OUT/index.html` when trunk wrote it
/// (no [`MARKER`]), else the copy kept in `OUT/app.html`; `None` when neither exists.
pub fn find_shell(out: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(out.join(INDEX)) {
        Ok(text) if !text.contains(MARKER) => return Ok(Some(text)),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    match fs::read_to_string(out.join(APP_SHELL)) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

// ------------------------------------------------------------------ small helpers

/// `path` (relative to the site root) under the site's public address.
fn join_base(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// An absolute URL for a link or image `u`, when it is safe and one can be made.
pub(crate) fn absolute(base: Option<&str>, u: &str) -> Option<String> {
    let u = url::safe(u)?;
    if u.starts_with("//") {
        let scheme = base
            .and_then(|b| b.split_once("://"))
            .map(|(s, _)| s)
            .unwrap_or("https");
        return Some(format!("{scheme}:{u}"));
    }
    if url::is_external(u) {
        return Some(u.to_string());
    }
    base.map(|b| join_base(b, u))
}

// ------------------------------------------------------------------ the app's components

/// Which header menu link is the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Current<'a> {
    Home,
    Category(&'a str),
    Nothing,
}

/// `SiteHeader`.
fn header(h: &mut Html, site: &SiteSettings, current: Current) {
    let home = h.url("");
    let search = search_box(&h.base);
    h.start("header", &[("class", "bt-header")])
        .start("div", &[("class", "bt-header__inner")])
        .start("a", &[("class", "bt-header__brand"), ("href", &home)])
        .el("span", &[("class", "bt-header__name")], &site.name)
        .el(
            "span",
            &[("class", "bt-header__tagline")],
            site.tagline.as_deref().unwrap_or(""),
        )
        .close("a")
        .raw(&search)
        .start(
            "button",
            &[
                ("class", "bt-header__toggle"),
                ("type", "button"),
                ("aria-controls", "bt-menu"),
                ("aria-expanded", "false"),
            ],
        )
        .start(
            "span",
            &[("class", "bt-header__burger"), ("aria-hidden", "true")],
        )
        .close("span")
        .text(s::MENU_BUTTON)
        .close("button")
        .close("div")
        .start(
            "nav",
            &[
                ("class", "bt-menu"),
                ("id", "bt-menu"),
                ("aria-label", s::MENU_NAV_LABEL),
            ],
        )
        .start("ul", &[("class", "bt-menu__list")])
        .start("li", &[])
        .open("a")
        .attr("class", "bt-menu__link")
        .attr("href", &home)
        .attr_opt("aria-current", (current == Current::Home).then_some("page"))
        .end()
        .text(s::HOME)
        .close("a")
        .close("li");
    for c in &site.categories {
        let link = h.url(&routes::category(&c.slug, 1));
        h.start("li", &[])
            .open("a")
            .attr("class", "bt-menu__link")
            .attr("href", &link)
            .attr_opt(
                "aria-current",
                (current == Current::Category(&c.slug)).then_some("page"),
            )
            .end()
            .text(&c.name)
            .close("a")
            .close("li");
    }
    h.close("ul").close("nav").close("header");
}

/// `SearchBox` (`src/components/search_box.rs`) as the app first renders it:
/// a GET form to the search page, its suggestions list empty and hidden.
fn search_box(base: &str) -> String {
    let mut h = Html::new(base, 640);
    let action = h.url("tim-kiem");
    h.start(
        "form",
        &[
            ("class", "bt-search"),
            ("role", "search"),
            ("action", &action),
            ("method", "get"),
        ],
    )
    .el(
        "label",
        &[("class", "bt-sr"), ("for", "bt-q")],
        s::SEARCH_LABEL,
    )
    .start(
        "input",
        &[
            ("id", "bt-q"),
            ("class", "bt-search__input"),
            ("type", "search"),
            ("name", "q"),
            ("placeholder", s::SEARCH_PLACEHOLDER),
            ("autocomplete", "off"),
            ("role", "combobox"),
            ("aria-autocomplete", "list"),
            ("aria-controls", "bt-goi-y"),
            ("aria-expanded", "false"),
        ],
    )
    .start(
        "button",
        &[("class", "bt-search__submit"), ("type", "submit")],
    )
    .el(
        "span",
        &[("class", "bt-search__icon"), ("aria-hidden", "true")],
        "",
    )
    .el("span", &[("class", "bt-sr")], s::SEARCH)
    .close("button")
    .start(
        "ul",
        &[
            ("id", "bt-goi-y"),
            ("class", "bt-search__list"),
            ("role", "listbox"),
            ("aria-label", s::SUGGESTIONS_LABEL),
            ("hidden", ""),
        ],
    )
    .close("ul")
    .close("form");
    h.out
}

/// `SiteFooter`.
fn footer(h: &mut Html, site: &SiteSettings) {
    let f = &site.footer;
    h.start(
        "footer",
        &[("class", "bt-footer"), ("aria-label", s::FOOTER_LABEL)],
    )
    .start("div", &[("class", "bt-footer__inner")])
    .el("p", &[("class", "bt-footer__name")], &site.name);
    if let Some(o) = &f.owner {
        h.el("p", &[], o);
    }
    let line = |h: &mut Html, label: &str, v: &Option<String>| {
        if let Some(v) = v {
            h.start("p", &[])
                .start("span", &[("class", "bt-footer__label")])
                .text(label)
                .text(" ")
                .close("span")
                .text(v)
                .close("p");
        }
    };
    line(h, s::ADDRESS, &f.address);
    line(h, s::PHONE, &f.phone);
    if let Some(e) = &f.email {
        h.start("p", &[])
            .start("span", &[("class", "bt-footer__label")])
            .text(s::EMAIL)
            .text(" ")
            .close("span")
            .el("a", &[("href", &format!("mailto:{e}"))], e)
            .close("p");
    }
    if let Some(l) = &f.license {
        h.el("p", &[], l);
    }
    for n in &f.notes {
        h.el("p", &[("class", "bt-footer__note")], n);
    }
    let embed = h.url("nhung/");
    let rss = h.url("rss.xml");
    h.start("p", &[("class", "bt-footer__links")])
        .el(
            "a",
            &[("href", &embed), ("rel", "external")],
            s::FOOTER_EMBED,
        )
        .text(" · ")
        .el("a", &[("href", &rss), ("rel", "external")], s::FOOTER_RSS)
        .close("p");
    h.close("div").close("footer");
}

/// `LinksBox`: nothing when there are no safe links.
fn links_box(h: &mut Html, links: &[ExternalLink]) {
    let safe: Vec<&ExternalLink> = links.iter().filter(|l| url::is_safe(&l.url)).collect();
    if safe.is_empty() {
        return;
    }
    h.start(
        "aside",
        &[
            ("class", "bt-box bt-links"),
            ("aria-labelledby", "bt-links-title"),
        ],
    )
    .el(
        "h2",
        &[("class", "bt-box__title"), ("id", "bt-links-title")],
        s::LINKS_BOX,
    )
    .start("ul", &[("class", "bt-links__list")]);
    for l in safe {
        h.start("li", &[])
            .start(
                "a",
                &[
                    ("href", &l.url),
                    ("target", "_blank"),
                    ("rel", "noopener noreferrer"),
                ],
            )
            .text(&l.name)
            .start("span", &[("class", "bt-sr")])
            .text(" ")
            .text(s::OPENS_NEW_TAB)
            .close("span")
            .close("a")
            .close("li");
    }
    h.close("ul").close("aside");
}

/// How a list of articles looks (`ListStyle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListStyle {
    Full,
    Compact,
}

/// `ArticleList`.
fn article_list(h: &mut Html, items: &[ArticleSummary], style: ListStyle, level: u8) {
    let class = match style {
        ListStyle::Full => "bt-list",
        ListStyle::Compact => "bt-list bt-list--compact",
    };
    h.start("ul", &[("class", class)]);
    for item in items {
        h.start("li", &[]);
        article_card(h, item, style, level, false);
        h.close("li");
    }
    h.close("ul");
}

/// `ArticleCard`.
fn article_card(h: &mut Html, item: &ArticleSummary, style: ListStyle, level: u8, lead: bool) {
    let link = h.url(&routes::article(&item.slug));
    h.start(
        "article",
        &[(
            "class",
            if lead {
                "bt-card bt-card--lead"
            } else {
                "bt-card"
            },
        )],
    );
    if style == ListStyle::Full {
        if let Some(img) = &item.thumb {
            thumbnail(h, img, &link, lead);
        }
    }
    let heading = if level <= 2 { "h2" } else { "h3" };
    h.start("div", &[("class", "bt-card__body")])
        .start(heading, &[("class", "bt-card__title")])
        .el(
            "a",
            &[("class", "bt-card__link"), ("href", &link)],
            &item.title,
        )
        .close(heading);
    if let Some(d) = date::format_date(&item.published) {
        h.el(
            "time",
            &[("class", "bt-card__date"), ("datetime", &item.published)],
            &d,
        );
    }
    if style == ListStyle::Full {
        if let Some(l) = &item.lead {
            h.el("p", &[("class", "bt-card__lead")], l);
        }
    }
    h.close("div").close("article");
}

/// An `<img>` with the app's attributes (`width`/`height` only when known).
fn img(h: &mut Html, src: &str, alt: &str, image: &Image, eager: bool, priority: bool) {
    let (w, ht) = (
        image.width.map(|w| w.to_string()),
        image.height.map(|v| v.to_string()),
    );
    h.open("img")
        .attr("src", src)
        .attr("alt", alt)
        .attr_opt("width", w.as_deref())
        .attr_opt("height", ht.as_deref())
        .attr("loading", if eager { "eager" } else { "lazy" })
        .attr_opt("fetchpriority", priority.then_some("high"))
        .attr("decoding", "async")
        .end();
}

/// The linked thumbnail of a card (nothing for an unsafe source).
fn thumbnail(h: &mut Html, image: &Image, link: &str, eager: bool) {
    let Some(src) = url::safe(&image.src).map(|s| h.site_path(s).into_owned()) else {
        return;
    };
    h.start(
        "a",
        &[
            ("class", "bt-card__thumb"),
            ("href", link),
            ("tabindex", "-1"),
            ("aria-hidden", "true"),
        ],
    );
    img(h, &src, "", image, eager, false);
    h.close("a");
}

/// `FigureView`.
fn figure(h: &mut Html, f: &Figure, eager: bool) {
    h.start("figure", &[("class", "bt-figure")]);
    if let Some(src) = url::safe(&f.image.src).map(|s| h.site_path(s).into_owned()) {
        img(h, &src, &f.image.alt, &f.image, eager, eager);
    }
    if f.caption.is_some() || f.credit.is_some() {
        h.start("figcaption", &[]);
        if let Some(c) = &f.caption {
            h.el("span", &[("class", "bt-figure__caption")], c);
        }
        if let Some(c) = &f.credit {
            h.el("span", &[("class", "bt-figure__credit")], c);
        }
        h.close("figcaption");
    }
    h.close("figure");
}

/// Runs of text (`inlines`): unsafe links keep their words and lose the link.
fn inlines(h: &mut Html, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text { text } => {
                h.text(text);
            }
            Inline::Strong { text } => {
                h.el("strong", &[], text);
            }
            Inline::Emphasis { text } => {
                h.el("em", &[], text);
            }
            Inline::Link { text, href } => match url::safe(href) {
                Some(safe) => {
                    let external = url::is_external(safe);
                    let link = h.site_path(safe).into_owned();
                    h.open("a")
                        .attr("href", &link)
                        .attr_opt("target", external.then_some("_blank"))
                        .attr_opt("rel", external.then_some("noopener noreferrer"))
                        .end()
                        .text(text)
                        .close("a");
                }
                None => {
                    h.text(text);
                }
            },
            Inline::Unknown => {}
        }
    }
}

/// `Blocks`: an article's body.
fn blocks(h: &mut Html, body: &[Block]) {
    for b in body {
        match b {
            Block::Paragraph { content } => {
                h.start("p", &[]);
                inlines(h, content);
                h.close("p");
            }
            Block::Heading { level, text } => {
                h.el(if *level >= 3 { "h3" } else { "h2" }, &[], text);
            }
            Block::Figure(f) => figure(h, f, false),
            Block::Quote { content, cite } => {
                h.start("blockquote", &[("class", "bt-quote")])
                    .start("p", &[]);
                inlines(h, content);
                h.close("p");
                if let Some(c) = cite {
                    h.start("footer", &[("class", "bt-quote__cite")])
                        .text("— ")
                        .text(c)
                        .close("footer");
                }
                h.close("blockquote");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                h.start(tag, &[]);
                for item in items {
                    h.start("li", &[]);
                    inlines(h, item);
                    h.close("li");
                }
                h.close(tag);
            }
            Block::Unknown => {}
        }
    }
}

/// `ArticleView`; `page_url` is the article's address for the share link.
fn article_view(h: &mut Html, a: &Article, site: &SiteSettings, page_url: &str) {
    let home = h.url("");
    h.start("div", &[("class", "bt-article-layout")])
        .start(
            "article",
            &[("class", "bt-article"), ("style", "font-size: 100%;")],
        )
        .start(
            "nav",
            &[("class", "bt-crumbs"), ("aria-label", s::BREADCRUMB_LABEL)],
        )
        .start("ol", &[])
        .start("li", &[])
        .el("a", &[("href", &home)], s::HOME)
        .close("li");
    if let Some(c) = &a.category {
        let link = h.url(&routes::category(&c.slug, 1));
        h.start("li", &[])
            .el("a", &[("href", &link)], &c.name)
            .close("li");
    }
    h.close("ol")
        .close("nav")
        .el("h1", &[("class", "bt-article__title")], &a.title)
        .start("div", &[("class", "bt-article__meta")]);
    if let Some(d) = date::VnDateTime::parse(&a.published) {
        h.start("p", &[("class", "bt-article__date")]).el(
            "time",
            &[("datetime", &a.published)],
            &format!("{} {} {}", s::POSTED_ON, d.date(), d.time()),
        );
        if let Some(u) = a.updated.as_deref().and_then(date::format_date_time) {
            h.el(
                "span",
                &[("class", "bt-article__updated")],
                &format!("{} {u}", s::UPDATED_ON),
            );
        }
        h.close("p");
    }
    // `TextSize` at the normal size: both buttons enabled.
    h.start(
        "div",
        &[
            ("class", "bt-textsize"),
            ("role", "group"),
            ("aria-label", s::TEXT_SIZE_LABEL),
        ],
    )
    .el(
        "button",
        &[
            ("class", "bt-tool"),
            ("type", "button"),
            ("aria-label", s::TEXT_SMALLER),
        ],
        "A−",
    )
    .el(
        "span",
        &[("class", "bt-textsize__value"), ("aria-live", "polite")],
        "100%",
    )
    .el(
        "button",
        &[
            ("class", "bt-tool"),
            ("type", "button"),
            ("aria-label", s::TEXT_LARGER),
        ],
        "A+",
    )
    .close("div")
    .close("div");
    if let Some(l) = &a.lead {
        h.el("p", &[("class", "bt-article__lead")], l);
    }
    if let Some(c) = &a.cover {
        figure(h, c, true);
    }
    h.start("div", &[("class", "bt-article__body")]);
    blocks(h, &a.body);
    h.close("div");
    if let Some(author) = &a.author {
        h.start("p", &[("class", "bt-article__author")])
            .start("span", &[("class", "bt-sr")])
            .text(s::AUTHOR)
            .text(" ")
            .close("span")
            .text(author)
            .close("p");
    }
    if let Some(src) = &a.source {
        h.start("p", &[("class", "bt-article__source")])
            .text(s::SOURCE)
            .text(" ");
        match src.url.as_deref().and_then(url::safe) {
            Some(link) => {
                h.start(
                    "a",
                    &[
                        ("href", link),
                        ("target", "_blank"),
                        ("rel", "noopener noreferrer"),
                    ],
                )
                .text(&src.name)
                .start("span", &[("class", "bt-sr")])
                .text(" ")
                .text(s::OPENS_NEW_TAB)
                .close("span")
                .close("a");
            }
            None => {
                h.text(&src.name);
            }
        }
        h.close("p");
    }
    if !a.tags.is_empty() {
        h.start("p", &[("class", "bt-article__tags")]).el(
            "span",
            &[("class", "bt-article__tags-label")],
            s::TAGS,
        );
        for t in &a.tags {
            let link = h.url(&routes::tag(&t.slug, 1));
            h.el("a", &[("class", "bt-tag"), ("href", &link)], &t.name);
        }
        h.close("p");
    }
    // `ShareTools` without the native share button (only the app knows whether the browser has one).
    let fb = format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        url::encode_component(page_url)
    );
    h.start(
        "div",
        &[
            ("class", "bt-tools"),
            ("role", "group"),
            ("aria-label", s::TOOLS_LABEL),
        ],
    )
    .el(
        "a",
        &[
            ("class", "bt-tool bt-tool--fb"),
            ("href", &fb),
            ("target", "_blank"),
            ("rel", "noopener noreferrer"),
        ],
        s::SHARE_FACEBOOK,
    )
    .el(
        "button",
        &[("class", "bt-tool bt-tool--zalo"), ("type", "button")],
        s::SHARE_ZALO,
    )
    .el(
        "button",
        &[("class", "bt-tool"), ("type", "button")],
        s::COPY_LINK,
    )
    .el(
        "button",
        &[("class", "bt-tool"), ("type", "button")],
        s::PRINT,
    )
    .el(
        "p",
        &[("class", "bt-tools__status"), ("role", "status")],
        "",
    )
    .close("div");
    if !a.related.is_empty() {
        h.start(
            "section",
            &[
                ("class", "bt-related"),
                ("aria-labelledby", "bt-related-title"),
            ],
        )
        .el(
            "h2",
            &[("class", "bt-related__title"), ("id", "bt-related-title")],
            s::RELATED,
        );
        article_list(h, &a.related, ListStyle::Full, 3);
        h.close("section");
    }
    h.close("article")
        .start("div", &[("class", "bt-article-layout__side")]);
    links_box(h, &site.links);
    h.close("div").close("div");
}

/// `HomeView`.
fn home_view(h: &mut Html, home: &Home, site: &SiteSettings) {
    h.el("h1", &[("class", "bt-sr")], &site.name)
        .start("div", &[("class", "bt-home")])
        .start("div", &[("class", "bt-home__main")]);
    if let Some(lead) = &home.lead {
        h.start(
            "section",
            &[("class", "bt-home__lead"), ("aria-label", s::LEAD_STORY)],
        );
        article_card(h, lead, ListStyle::Full, 2, true);
        h.close("section");
    }
    h.start("div", &[("class", "bt-home__sections")]);
    for sec in home.sections.iter().filter(|s| !s.items.is_empty()) {
        let link = h.url(&routes::category(&sec.category.slug, 1));
        let id = format!("bt-sec-{}", sec.category.slug);
        h.start(
            "section",
            &[("class", "bt-section"), ("aria-labelledby", &id)],
        )
        .start("h2", &[("class", "bt-section__title"), ("id", &id)])
        .el("a", &[("href", &link)], &sec.category.name)
        .close("h2");
        article_list(h, &sec.items, ListStyle::Full, 3);
        h.start("a", &[("class", "bt-section__more"), ("href", &link)])
            .text(s::SEE_MORE)
            .start("span", &[("class", "bt-sr")])
            .text(" ")
            .text(&sec.category.name)
            .close("span")
            .text(" ›")
            .close("a")
            .close("section");
    }
    h.close("div")
        .close("div")
        .start("div", &[("class", "bt-home__side")])
        .start(
            "section",
            &[("class", "bt-box"), ("aria-labelledby", "bt-latest-title")],
        )
        .el(
            "h2",
            &[("class", "bt-box__title"), ("id", "bt-latest-title")],
            s::LATEST,
        );
    article_list(h, &home.latest, ListStyle::Compact, 3);
    let latest = h.url(&routes::latest(1));
    h.start("a", &[("class", "bt-section__more"), ("href", &latest)])
        .text(s::SEE_MORE)
        .text(" ›")
        .close("a")
        .close("section");
    links_box(h, &site.links);
    h.close("div").close("div");
}

/// `ListingView` (a page that exists: `page <= page_count`).
fn listing_view(h: &mut Html, l: &Listing) {
    let (title, base) = match (l.kind, &l.term) {
        (ListingKind::Category, Some(t)) => (t.name.clone(), h.url(&routes::category(&t.slug, 1))),
        (ListingKind::Tag, Some(t)) => (
            format!("{}{}", s::TAG_TITLE_PREFIX, t.name),
            h.url(&routes::tag(&t.slug, 1)),
        ),
        _ => (s::LATEST_TITLE.to_string(), h.url(&routes::latest(1))),
    };
    let page_count = l.page_count.max(1);
    let home = h.url("");
    h.start("div", &[("class", "bt-listing")])
        .start(
            "nav",
            &[("class", "bt-crumbs"), ("aria-label", s::BREADCRUMB_LABEL)],
        )
        .start("ol", &[])
        .start("li", &[])
        .el("a", &[("href", &home)], s::HOME)
        .close("li")
        .start("li", &[])
        .open("a")
        .attr("href", &base)
        .attr_opt("aria-current", (l.page == 1).then_some("page"))
        .end()
        .text(&title)
        .close("a")
        .close("li")
        .close("ol")
        .close("nav")
        .start("header", &[("class", "bt-listing__head")])
        .el("h1", &[], &title)
        .el(
            "p",
            &[("class", "bt-listing__summary")],
            &format!(
                "{} {}/{} · {} {}",
                s::PAGE,
                l.page,
                page_count,
                l.total,
                s::ARTICLES_UNIT
            ),
        )
        .close("header");
    if l.items.is_empty() {
        h.el("p", &[("class", "bt-empty")], s::NO_ARTICLES);
    } else {
        article_list(h, &l.items, ListStyle::Full, 2);
    }
    pagination(h, &base, l.page, page_count);
    h.close("div");
}

/// `Pagination`: nothing for a single page.
fn pagination(h: &mut Html, base: &str, page: u32, page_count: u32) {
    if page_count <= 1 {
        return;
    }
    let link = |p: u32| {
        if p <= 1 {
            base.to_string()
        } else {
            format!("{base}?{}={p}", routes::PAGE_PARAM)
        }
    };
    h.start(
        "nav",
        &[("class", "bt-pages"), ("aria-label", s::PAGINATION_LABEL)],
    );
    if page > 1 {
        h.el(
            "a",
            &[
                ("class", "bt-pages__step"),
                ("rel", "prev"),
                ("href", &link(page - 1)),
            ],
            s::PREV_PAGE,
        );
    }
    h.start("ul", &[("class", "bt-pages__list")]);
    for item in page_window(page, page_count) {
        match item {
            PageItem::Gap => {
                h.el(
                    "li",
                    &[("class", "bt-pages__gap"), ("aria-hidden", "true")],
                    "…",
                );
            }
            PageItem::Page(p) => {
                h.start("li", &[])
                    .open("a")
                    .attr("class", "bt-pages__num")
                    .attr("href", &link(p))
                    .attr_opt("aria-current", (p == page).then_some("page"))
                    .end()
                    .start("span", &[("class", "bt-sr")])
                    .text(s::PAGE)
                    .text(" ")
                    .close("span")
                    .text(&p.to_string())
                    .close("a")
                    .close("li");
            }
        }
    }
    h.close("ul");
    if page < page_count {
        h.el(
            "a",
            &[
                ("class", "bt-pages__step"),
                ("rel", "next"),
                ("href", &link(page + 1)),
            ],
            s::NEXT_PAGE,
        );
    }
    h.close("nav");
}

/// `NotFoundPage`.
fn not_found_view(h: &mut Html) {
    let (home, latest) = (h.url(""), h.url(&routes::latest(1)));
    h.start("section", &[("class", "bt-notfound")])
        .el(
            "p",
            &[("class", "bt-notfound__code"), ("aria-hidden", "true")],
            "404",
        )
        .el("h1", &[], s::NOT_FOUND_TITLE)
        .el("p", &[], s::NOT_FOUND_TEXT)
        .start("ul", &[("class", "bt-notfound__ways")])
        .start("li", &[])
        .el(
            "a",
            &[("class", "bt-button"), ("href", &home)],
            s::BACK_HOME,
        )
        .close("li")
        .start("li", &[])
        .el(
            "a",
            &[("class", "bt-button bt-button--ghost"), ("href", &latest)],
            s::SEE_LATEST,
        )
        .close("li")
        .close("ul")
        .close("section");
}

// ------------------------------------------------------------------ pages

/// What every page shares, made once.
pub struct Site<'a> {
    /// The settings.
    pub settings: &'a SiteSettings,
    /// The base path the site's own URLs start with (see [`base_path`]).
    path: String,
    /// `data/site.json`'s text, escaped for the data island.
    site_island: String,
    /// The footer's markup.
    footer: String,
}

impl<'a> Site<'a> {
    /// Prepares the shared parts of every page of a site at `path` (see [`base_path`]).
    pub fn new(settings: &'a SiteSettings, path: &str) -> Site<'a> {
        let json = serde_json::to_string(settings).expect("site settings always serialize");
        let mut f = Html::new(path, 1024);
        footer(&mut f, settings);
        Site {
            settings,
            path: path.to_string(),
            site_island: json_island(&json),
            footer: f.out,
        }
    }

    /// A writer for this site.
    fn html(&self, capacity: usize) -> Html {
        Html::new(&self.path, capacity)
    }

    fn base(&self) -> Option<&str> {
        self.settings
            .base_url
            .as_deref()
            .filter(|b| url::is_safe(b))
    }

    /// The absolute address of a route, when the site's `base_url` is known.
    fn absolute_route(&self, route: &str) -> Option<String> {
        self.base().map(|b| join_base(b, route))
    }

    /// `<div id="bt-static">` with the view, then the data islands.
    fn body(&self, current: Current, view: &str, doc: Option<(&str, &str)>) -> String {
        let mut h = self.html(view.len() * 2 + self.footer.len() + 4096);
        h.start("div", &[("id", "bt-static")]).el(
            "a",
            &[("class", "bt-skip"), ("href", "#noi-dung")],
            s::SKIP_LINK,
        );
        header(&mut h, self.settings, current);
        h.start(
            "main",
            &[("class", "bt-main"), ("id", "noi-dung"), ("tabindex", "-1")],
        )
        .start("div", &[("class", "bt-page")])
        .raw(view)
        .close("div")
        .close("main")
        .raw(&self.footer)
        .close("div")
        .raw("\n")
        .start("script", &[("type", "application/json"), ("id", "bt-site")])
        .raw(&self.site_island)
        .close("script")
        .raw("\n");
        if let Some((path, json)) = doc {
            h.start(
                "script",
                &[
                    ("type", "application/json"),
                    ("id", "bt-data"),
                    ("data-doc", path),
                ],
            )
            .raw(&json_island(json))
            .close("script")
            .raw("\n");
        }
        h.out
    }

    /// The `<head>` additions shared by every page, then the page's own.
    fn head(&self, meta: &Meta) -> String {
        let site = self.settings;
        let mut h = self.html(4096);
        h.raw("\n    ").raw(MARKER).raw("\n    ");
        if meta.noindex {
            h.meta_name("robots", "noindex");
        }
        let canonical = meta.route.and_then(|r| self.absolute_route(r));
        if let Some(c) = &canonical {
            h.start("link", &[("rel", "canonical"), ("href", c)]);
        }
        h.meta_property("og:type", meta.og_type)
            .meta_property("og:title", meta.title)
            .meta_property("og:description", meta.description);
        if let Some(c) = &canonical {
            h.meta_property("og:url", c);
        }
        h.meta_property("og:site_name", &site.name)
            .meta_property("og:locale", "vi_VN");
        let image = meta.image.and_then(|i| {
            absolute(self.base(), &i.src).map(|u| (u, i.width, i.height, i.alt.as_str()))
        });
        if let Some((src, w, ht, alt)) = &image {
            h.meta_property("og:image", src);
            if let Some(w) = w {
                h.meta_property("og:image:width", &w.to_string());
            }
            if let Some(ht) = ht {
                h.meta_property("og:image:height", &ht.to_string());
            }
            if !alt.is_empty() {
                h.meta_property("og:image:alt", alt);
            }
        }
        if let Some(a) = meta.article {
            h.meta_property("article:published_time", &a.published)
                .meta_property(
                    "article:modified_time",
                    a.updated.as_deref().unwrap_or(&a.published),
                );
            if let Some(c) = &a.category {
                h.meta_property("article:section", &c.name);
            }
            for t in &a.tags {
                h.meta_property("article:tag", &t.name);
            }
        }
        h.meta_name(
            "twitter:card",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            },
        )
        .meta_name("twitter:title", meta.title)
        .meta_name("twitter:description", meta.description);
        if let Some((src, _, _, alt)) = &image {
            h.meta_name("twitter:image", src);
            if !alt.is_empty() {
                h.meta_name("twitter:image:alt", alt);
            }
        }
        if let Some(ld) = &meta.json_ld {
            h.start("script", &[("type", "application/ld+json")])
                .raw(&json_ld(ld))
                .close("script");
        }
        let feed = h.url("rss.xml");
        h.start(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "application/rss+xml"),
                ("href", &feed),
                ("title", &site.name),
            ],
        );
        if let Some(c) = meta.feed {
            let feed = h.url(&format!("{}/rss.xml", routes::category(&c.slug, 1)));
            h.start(
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "application/rss+xml"),
                    ("href", &feed),
                    ("title", &format!("{} – {}", c.name, site.name)),
                ],
            );
        }
        h.raw("\n  ");
        h.out
    }

    /// "<view> – <site>", or the site name alone (the app's `document_title`).
    fn title(&self, view: Option<&str>) -> String {
        let site = &self.settings.name;
        match view {
            Some(v) if !v.is_empty() && !site.is_empty() => format!("{v} – {site}"),
            Some(v) if !v.is_empty() => v.to_string(),
            _ => site.clone(),
        }
    }

    /// The site's own description: its tagline, else its name.
    fn default_description(&self) -> String {
        self.settings
            .tagline
            .clone()
            .unwrap_or_else(|| self.settings.name.clone())
    }

    /// The page of an article; `fallback_lead` describes it when it has no lead.
    pub fn article_page(&self, a: &Article, json: &str, fallback_lead: Option<&str>) -> Page {
        let route = routes::article(&a.slug);
        let page_url = self
            .absolute_route(&route)
            .unwrap_or_else(|| self.html(0).url(&route));
        let mut view = self.html(16 * 1024);
        article_view(&mut view, a, self.settings, &page_url);
        let description = a
            .lead
            .as_deref()
            .or(fallback_lead)
            .map(str::to_string)
            .unwrap_or_else(|| self.default_description());
        let image = a.cover.as_ref().map(|c| &c.image);
        let ld = self.news_article(a, &description, &page_url, image);
        let meta = Meta {
            route: Some(&route),
            og_type: "article",
            title: &a.title,
            description: &description,
            image,
            article: Some(a),
            feed: a.category.as_ref(),
            json_ld: Some(ld),
            noindex: false,
        };
        let path = paths::article(&a.slug);
        let oembed = crate::embed::oembed_path(&a.slug);
        let oembed = self
            .absolute_route(&oembed)
            .unwrap_or_else(|| self.html(0).url(&oembed));
        Page {
            title: self.title(Some(&a.title)),
            head: self.head(&meta) + &crate::embed::oembed_link(&oembed, &a.title),
            body: self.body(Current::Nothing, &view.out, Some((&path, json))),
            description,
        }
    }

    /// JSON-LD `NewsArticle` of an article.
    fn news_article(
        &self,
        a: &Article,
        description: &str,
        page_url: &str,
        image: Option<&Image>,
    ) -> String {
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "description": description,
            "datePublished": a.published,
            "dateModified": a.updated.as_deref().unwrap_or(&a.published),
            "publisher": { "@type": "Organization", "name": self.settings.name },
            "inLanguage": "vi",
        });
        let obj = ld.as_object_mut().expect("an object");
        if let Some(author) = &a.author {
            obj.insert(
                "author".into(),
                serde_json::json!({ "@type": "Person", "name": author }),
            );
        }
        if let Some(src) = image.and_then(|i| absolute(self.base(), &i.src)) {
            obj.insert("image".into(), serde_json::json!([src]));
        }
        if self.base().is_some() {
            obj.insert(
                "mainEntityOfPage".into(),
                serde_json::json!({ "@type": "WebPage", "@id": page_url }),
            );
        }
        if let Some(c) = &a.category {
            obj.insert("articleSection".into(), c.name.clone().into());
        }
        if !a.tags.is_empty() {
            let words: Vec<&str> = a.tags.iter().map(|t| t.name.as_str()).collect();
            obj.insert("keywords".into(), words.join(", ").into());
        }
        serde_json::to_string(&ld).expect("JSON-LD always serializes")
    }

    /// The home page.
    pub fn home_page(&self, home: &Home, json: &str) -> Page {
        let mut view = self.html(16 * 1024);
        home_view(&mut view, home, self.settings);
        let description = self.default_description();
        let ld = self.absolute_route("").map(|u| {
            serde_json::to_string(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": self.settings.name,
                "url": u,
                "inLanguage": "vi",
            }))
            .expect("JSON-LD always serializes")
        });
        let meta = Meta {
            route: Some(""),
            og_type: "website",
            title: &self.settings.name,
            description: &description,
            image: home.lead.as_ref().and_then(|l| l.thumb.as_ref()),
            article: None,
            feed: None,
            json_ld: ld,
            noindex: false,
        };
        Page {
            title: self.title(None),
            head: self.head(&meta),
            body: self.body(Current::Home, &view.out, Some((paths::HOME, json))),
            description,
        }
    }

    /// The first page of a category's listing.
    pub fn category_page(&self, l: &Listing, json: &str) -> Page {
        let term = l.term.as_ref().expect("a category listing has its term");
        let route = routes::category(&term.slug, l.page);
        let mut view = self.html(16 * 1024);
        listing_view(&mut view, l);
        let description = self
            .settings
            .categories
            .iter()
            .find(|c| c.slug == term.slug)
            .and_then(|c| c.description.clone())
            .unwrap_or_else(|| self.default_description());
        let meta = Meta {
            route: Some(&route),
            og_type: "website",
            title: &term.name,
            description: &description,
            image: l.items.first().and_then(|i| i.thumb.as_ref()),
            article: None,
            feed: Some(term),
            json_ld: None,
            noindex: false,
        };
        let path = paths::category(&term.slug, l.page);
        Page {
            title: self.title(Some(&term.name)),
            head: self.head(&meta),
            body: self.body(
                Current::Category(&term.slug),
                &view.out,
                Some((&path, json)),
            ),
            description,
        }
    }

    /// The first page of a tag's listing.
    pub fn tag_page(&self, l: &Listing, json: &str) -> Page {
        let term = l.term.as_ref().expect("a tag listing has its term");
        let route = routes::tag(&term.slug, l.page);
        let mut view = self.html(16 * 1024);
        listing_view(&mut view, l);
        let title = format!("{}{}", s::TAG_TITLE_PREFIX, term.name);
        let description = self.default_description();
        let meta = Meta {
            route: Some(&route),
            og_type: "website",
            title: &title,
            description: &description,
            image: l.items.first().and_then(|i| i.thumb.as_ref()),
            article: None,
            feed: None,
            json_ld: None,
            noindex: false,
        };
        let path = paths::tag(&term.slug, l.page);
        Page {
            title: self.title(Some(&title)),
            head: self.head(&meta),
            body: self.body(Current::Nothing, &view.out, Some((&path, json))),
            description,
        }
    }

    /// `tim-kiem/index.html`: the search page as the app first draws it (the
    /// search module's own markup, so the app takes over without a shift); the app
    /// reads `q` and searches. Without JavaScript a note says search needs it.
    pub fn search_page(&self) -> Page {
        use bantin_search::ui::markup::{page_html, Outcome};
        let mut view = self.html(4 * 1024);
        view.start("div", &[("class", "bt-listing bt-found")])
            .raw(&page_html("", 1, &Outcome::Prompt, &[], &self.path))
            .open("noscript")
            .end()
            .el(
                "p",
                &[("class", "bt-found__note")],
                bantin_search::strings::SEARCH_NEEDS_JS,
            )
            .close("noscript")
            .close("div");
        let title = bantin_search::strings::SEARCH;
        let description = self.default_description();
        let meta = Meta {
            route: Some(SEARCH_ROUTE),
            og_type: "website",
            title,
            description: &description,
            image: None,
            article: None,
            feed: None,
            json_ld: None,
            noindex: true,
        };
        Page {
            title: self.title(Some(title)),
            head: self.head(&meta),
            body: self.body(Current::Nothing, &view.out, None),
            description,
        }
    }

    /// `404.html`.
    pub fn not_found_page(&self) -> Page {
        let mut view = self.html(16 * 1024);
        not_found_view(&mut view);
        let description = self.default_description();
        let meta = Meta {
            route: None,
            og_type: "website",
            title: s::NOT_FOUND_TITLE,
            description: &description,
            image: None,
            article: None,
            feed: None,
            json_ld: None,
            noindex: true,
        };
        Page {
            title: self.title(Some(s::NOT_FOUND_TITLE)),
            head: self.head(&meta),
            body: self.body(Current::Nothing, &view.out, None),
            description,
        }
    }
}

/// The `<head>` facts of one page.
struct Meta<'a> {
    /// The page's route (for the canonical and og:url); `None` for 404.
    route: Option<&'a str>,
    og_type: &'a str,
    title: &'a str,
    description: &'a str,
    image: Option<&'a Image>,
    article: Option<&'a Article>,
    /// The category whose feed is linked.
    feed: Option<&'a Term>,
    json_ld: Option<String>,
    noindex: bool,
}

/// One HTML file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageJob {
    Home,
    NotFound,
    Search,
    Category(usize),
    Tag(usize),
    Article(usize),
}

/// Produces the pages of `model` through `writer` from the app shell found in
/// the output folder (see [`find_shell`]); returns the build id the pages carry
/// (see [`crate::runtime`]), or `None` when the output folder has no shell (a
/// bare output folder: no pages).
pub fn write_site(model: &Model, writer: &Writer) -> io::Result<Option<String>> {
    match find_shell(writer.out())? {
        Some(shell) => write_pages(model, &shell, writer).map(Some),
        None => Ok(None),
    }
}

/// The app shell as the site serves it: moved to the site's one base path (the
/// path of `base_url`, the shell's own when there is none) and naming its app
/// build in `<meta name="bantin-build">` (see [`crate::runtime`]).
fn site_shell(model: &Model, shell_text: &str) -> String {
    let from = Shell::parse(shell_text).base_path();
    let path = model
        .site
        .base_url
        .as_deref()
        .map_or_else(|| from.clone(), crate::deploy::base_path_of_url);
    crate::runtime::with_build_meta(&crate::deploy::rebase_shell(shell_text, &from, &path))
}

/// Produces the app shell (`app.html`), the home page (`index.html`), `404.html`,
/// `bai-viet/<slug>/index.html`, `chuyen-muc/<slug>/index.html` and
/// `the/<slug>/index.html` (a tag's first page) through `writer`; returns the
/// build id they carry.
pub fn write_pages(model: &Model, shell_text: &str, writer: &Writer) -> io::Result<String> {
    let shell_text = site_shell(model, shell_text);
    let shell = Shell::parse(&shell_text);
    let site = Site::new(&model.site, &shell.base_path());
    writer.write(APP_SHELL, shell_text.as_bytes())?;
    // An article page is made from the shell, the site settings, the article's
    // document and its lead only: their fingerprint (the document's by its
    // inputs, see `Model::article_inputs`) lets a rebuild skip rendering the
    // pages of unchanged articles.
    let shared = {
        let settings = serde_json::to_string(&model.site).expect("site settings always serialize");
        xxh3_128(format!("{shell_text}\0{settings}").as_bytes())
    };

    let mut jobs = vec![PageJob::Home, PageJob::NotFound, PageJob::Search];
    jobs.extend((0..model.site.categories.len()).map(PageJob::Category));
    jobs.extend((0..model.tags.len()).map(PageJob::Tag));
    jobs.extend((0..model.articles.len()).map(PageJob::Article));
    let results = par::map(&jobs, |&job| -> io::Result<()> {
        let to_json = |v: &dyn erased::Json| v.to_json();
        let (file, page) = match job {
            PageJob::Home => {
                let home = model.home();
                (INDEX.to_string(), site.home_page(&home, &to_json(&home)))
            }
            PageJob::NotFound => (NOT_FOUND.to_string(), site.not_found_page()),
            PageJob::Search => (format!("{SEARCH_ROUTE}/{INDEX}"), site.search_page()),
            PageJob::Category(c) => {
                let cat = &model.site.categories[c];
                let term = Term {
                    slug: cat.slug.clone(),
                    name: cat.name.clone(),
                };
                let l = model.listing(ListingKind::Category, Some(term), &model.by_category[c], 1);
                (
                    format!("chuyen-muc/{}/{INDEX}", cat.slug),
                    site.category_page(&l, &to_json(&l)),
                )
            }
            PageJob::Tag(t) => {
                let g = &model.tags[t];
                let l = model.listing(ListingKind::Tag, Some(g.term.clone()), &g.items, 1);
                (
                    format!("the/{}/{INDEX}", g.term.slug),
                    site.tag_page(&l, &to_json(&l)),
                )
            }
            PageJob::Article(i) => {
                let lead = model.summaries[i].lead.as_deref();
                // The document's inputs cover the lead (part of the article's own).
                let doc = model.article_inputs(i);
                let inputs = if doc == 0 {
                    0
                } else {
                    let mut h = Xxh3::new();
                    h.update(&shared.to_le_bytes());
                    h.update(&doc.to_le_bytes());
                    h.digest128()
                };
                return writer.write_rendered(
                    &format!("bai-viet/{}/{INDEX}", model.articles[i].slug),
                    inputs,
                    || {
                        let a = model.try_article(i)?;
                        let json = to_json(&a);
                        Ok(shell.render(&site.article_page(&a, &json, lead)))
                    },
                );
            }
        };
        writer.write(&file, shell.render(&page).as_bytes())
    });
    results.into_iter().collect::<io::Result<Vec<()>>>()?;
    Ok(crate::runtime::build_id(&shell_text))
}

mod erased {
    /// Compact JSON of a document, as `data/` holds it.
    pub trait Json {
        fn to_json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).expect("documents always serialize")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"vi\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"description\" content=\"Mặc định\" />\n    <title>Bản tin</title>\n    <link rel=\"stylesheet\" href=\"/main-1.css\"/>\n  </head>\n  <body>\n    <noscript>\n      <p class=\"bt-noscript\">Cần JavaScript.</p>\n    </noscript>\n    <p id=\"bt-boot\" class=\"bt-boot\" role=\"status\">Đang tải…</p>\n  </body>\n</html>\n";

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(escape_text("<script>&\"'"), "&lt;script&gt;&amp;\"'");
        assert_eq!(escape_attr("a\"<b>&"), "a&quot;&lt;b&gt;&amp;");
        let mut h = Html::default();
        h.el("a", &[("href", "/x?a=1&b=\"2\"")], "Tôi & <em>");
        assert_eq!(
            h.out,
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\">Tôi &amp; &lt;em&gt;</a>"
        );
    }

    #[test]
    fn islands_cannot_close_their_script() {
        let json = r#"{"t":"</script><!-- x"}"#;
        let island = json_island(json);
        assert!(!island.contains('<'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&island).unwrap()["t"],
            "</script><!-- x"
        );
        let ld = json_ld(json);
        assert!(!ld.contains("</") && !ld.contains("<!--"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&ld).unwrap()["t"],
            "</script><!-- x"
        );
    }

    #[test]
    fn splits_the_shell_once() {
        let shell = Shell::parse(SHELL);
        let page = Page {
            title: "A < B".into(),
            description: "Mô \"tả\"".into(),
            head: "<!--HEAD-->".into(),
            body: "<!--BODY-->".into(),
        };
        let out = shell.render(&page);
        assert!(out.contains("<title>A &lt; B</title>"), "{out}");
        assert!(out.contains("<meta name=\"description\" content=\"Mô &quot;tả&quot;\">"));
        assert!(!out.contains("Bản tin") && !out.contains("Mặc định"));
        assert!(
            !out.contains("noscript") && !out.contains("bt-boot"),
            "{out}"
        );
        assert!(out.contains("<!--HEAD--></head>"));
        assert!(out.contains("<!--BODY--></body>"));
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/main-1.css\"/>"));
        assert_eq!(out.matches("<title>").count(), 1);

        // A bare shell still gets every slot.
        let out = Shell::parse("<p>x</p>").render(&page);
        assert!(
            out.contains("<title>") && out.contains("<!--HEAD-->") && out.contains("<!--BODY-->")
        );
    }

    #[test]
    fn absolute_urls() {
        let base = Some("https://tin.example.vn/");
        assert_eq!(
            absolute(base, "/anh/a.svg").as_deref(),
            Some("https://tin.example.vn/anh/a.svg")
        );
        assert_eq!(
            absolute(base, "https://cdn.vn/a.png").as_deref(),
            Some("https://cdn.vn/a.png")
        );
        assert_eq!(
            absolute(base, "//cdn.vn/a.png").as_deref(),
            Some("https://cdn.vn/a.png")
        );
        assert_eq!(absolute(base, "javascript:alert(1)"), None);
        assert_eq!(absolute(None, "/anh/a.svg"), None);
        assert_eq!(join_base("https://a.vn", ""), "https://a.vn/");
    }

    #[test]
    fn base_paths_from_the_shell() {
        assert_eq!(base_path(None), "/");
        assert_eq!(base_path(Some("/")), "/");
        assert_eq!(base_path(Some("/tin-tuc/")), "/tin-tuc/");
        assert_eq!(base_path(Some("/tin-tuc/index.html")), "/tin-tuc/");
        assert_eq!(base_path(Some("https://a.vn/tin-tuc/?x=1")), "/tin-tuc/");
        assert_eq!(base_path(Some("https://a.vn")), "/");
        let shell =
            |head: &str| Shell::parse(&format!("<html><head>{head}</head><body></body></html>"));
        assert_eq!(
            shell("<base href=\"/tin-tuc/\" />").base_path(),
            "/tin-tuc/"
        );
        assert_eq!(shell("<BASE data-x HREF='/a/b/'>").base_path(), "/a/b/");
        assert_eq!(shell("<base href=/c/>").base_path(), "/c/");
        assert_eq!(shell("<base target=\"_self\">").base_path(), "/");

        let h = Html::new("/tin-tuc/", 0);
        assert_eq!(h.url(""), "/tin-tuc/");
        assert_eq!(h.url("bai-viet/a"), "/tin-tuc/bai-viet/a");
        assert_eq!(h.site_path("/anh/x.svg"), "/tin-tuc/anh/x.svg");
        assert_eq!(h.site_path("https://a.vn/x"), "https://a.vn/x");
        assert_eq!(h.site_path("//cdn.vn/x"), "//cdn.vn/x");
        assert_eq!(Html::default().site_path("/anh/x.svg"), "/anh/x.svg");
    }

    #[test]
    fn page_windows_match_the_app() {
        use PageItem::{Gap, Page as P};
        assert_eq!(page_window(1, 1), vec![P(1)]);
        assert_eq!(page_window(1, 10), vec![P(1), P(2), P(3), Gap, P(10)]);
        assert_eq!(
            page_window(6, 20),
            vec![P(1), Gap, P(4), P(5), P(6), P(7), P(8), Gap, P(20)]
        );
    }

    /// The copied strings must stay those of the app (`src/strings.rs`).
    #[test]
    fn strings_match_the_app() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/strings.rs");
        let Ok(app) = fs::read_to_string(&path) else {
            // Built outside the workspace (e.g. a packaged crate): nothing to compare with.
            return;
        };
        let value = |name: &str| -> String {
            let decl = format!("pub const {name}: &str =");
            let at = app
                .find(&decl)
                .unwrap_or_else(|| panic!("{name} is gone from src/strings.rs"));
            let rest = &app[at + decl.len()..];
            let open = rest.find('"').unwrap() + 1;
            let close = open + rest[open..].find('"').unwrap();
            rest[open..close].to_string()
        };
        let ours: &[(&str, &str)] = &[
            ("SKIP_LINK", s::SKIP_LINK),
            ("MENU_BUTTON", s::MENU_BUTTON),
            ("MENU_NAV_LABEL", s::MENU_NAV_LABEL),
            ("HOME", s::HOME),
            ("BREADCRUMB_LABEL", s::BREADCRUMB_LABEL),
            ("LATEST", s::LATEST),
            ("LEAD_STORY", s::LEAD_STORY),
            ("SEE_MORE", s::SEE_MORE),
            ("LINKS_BOX", s::LINKS_BOX),
            ("NO_ARTICLES", s::NO_ARTICLES),
            ("POSTED_ON", s::POSTED_ON),
            ("UPDATED_ON", s::UPDATED_ON),
            ("AUTHOR", s::AUTHOR),
            ("SOURCE", s::SOURCE),
            ("TAGS", s::TAGS),
            ("RELATED", s::RELATED),
            ("OPENS_NEW_TAB", s::OPENS_NEW_TAB),
            ("FOOTER_EMBED", s::FOOTER_EMBED),
            ("FOOTER_RSS", s::FOOTER_RSS),
            ("TOOLS_LABEL", s::TOOLS_LABEL),
            ("PRINT", s::PRINT),
            ("SHARE_FACEBOOK", s::SHARE_FACEBOOK),
            ("SHARE_ZALO", s::SHARE_ZALO),
            ("COPY_LINK", s::COPY_LINK),
            ("TEXT_SMALLER", s::TEXT_SMALLER),
            ("TEXT_LARGER", s::TEXT_LARGER),
            ("TEXT_SIZE_LABEL", s::TEXT_SIZE_LABEL),
            ("PAGINATION_LABEL", s::PAGINATION_LABEL),
            ("PREV_PAGE", s::PREV_PAGE),
            ("NEXT_PAGE", s::NEXT_PAGE),
            ("PAGE", s::PAGE),
            ("ARTICLES_UNIT", s::ARTICLES_UNIT),
            ("NOT_FOUND_TITLE", s::NOT_FOUND_TITLE),
            ("NOT_FOUND_TEXT", s::NOT_FOUND_TEXT),
            ("BACK_HOME", s::BACK_HOME),
            ("SEE_LATEST", s::SEE_LATEST),
            ("FOOTER_LABEL", s::FOOTER_LABEL),
            ("PHONE", s::PHONE),
            ("EMAIL", s::EMAIL),
            ("ADDRESS", s::ADDRESS),
            ("TAG_TITLE_PREFIX", s::TAG_TITLE_PREFIX),
            ("LATEST_TITLE", s::LATEST_TITLE),
            ("SEARCH", s::SEARCH),
            ("SEARCH_LABEL", s::SEARCH_LABEL),
            ("SEARCH_PLACEHOLDER", s::SEARCH_PLACEHOLDER),
            ("SUGGESTIONS_LABEL", s::SUGGESTIONS_LABEL),
        ];
        for (name, want) in ours {
            assert_eq!(&value(name), want, "{name} differs from src/strings.rs");
        }
    }
}
