//! The page writer: static HTML pages for the home page, every article, every
//! page of every listing (the latest news, each category, each tag: page 1 at
//! the bare listing URL, page N at `<listing>/trang/N`), the search page and
//! `404.html`, each a real document at its clean URL
//! (`OUT/bai-viet/<slug>/index.html`, `OUT/moi-nhat/trang/2/index.html`, …), so
//! link previews, search engines and readers without JavaScript see the content
//! before the app takes over.
//!
//! The content of each page is the app's own views rendered natively
//! ([`bantin::prerender`], the same Leptos components the browser runs), so
//! there is one markup for every view and the app's take-over swaps in an
//! identical view without a shift. What this module adds is what belongs to
//! the document, not to a view. Each page is trunk's app shell (`index.html`,
//! kept as `app.html` once the build has written its own `index.html`) with:
//! - the `<title>` and `<meta name="description">` of the view;
//! - in `<head>`: the [`MARKER`] comment, the canonical link, Open Graph,
//!   Twitter card and (for articles) JSON-LD `NewsArticle` tags, RSS links;
//! - in `<body>`: the shell's `<noscript>` note and `#bt-boot` paragraph
//!   removed, `<div id="bt-static">` holding the rendered app, and two JSON
//!   data islands (`#bt-site`, `#bt-data`) so the app starts without a fetch.

use std::fs;
use std::io;
use std::path::Path;

use bantin::pages::search::Found;
use bantin::pages::Loaded;
use bantin::prerender::{self, PageRequest, Rendered};
use bantin::strings;
use bantin_contract::paths::{self, routes};
use bantin_contract::{
    url, Article, DocumentIndex, Home, Image, InfoPage, Listing, ListingKind, OfficialDocument,
    SiteSettings, Term,
};

use crate::output::Writer;
use crate::render::{page_count, Job, Model};
use rayon::prelude::*;
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
        bantin::base::join(&self.base, route)
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
    /// Markup added after the description, before the shell's scripts: what
    /// the page script reads as it starts, while the head is parsed.
    pub early: String,
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
    bantin::base::normalize(path.split(['?', '#']).next().unwrap_or(""))
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
            literal
                + page.early.len()
                + page.head.len()
                + page.body.len()
                + page.title.len() * 2
                + 256,
        );
        for (lit, slot) in &self.pieces {
            h.raw(lit);
            match slot {
                Some(Slot::Title) => {
                    h.el("title", &[], &page.title);
                }
                Some(Slot::Description) => {
                    h.meta_name("description", &page.description);
                    h.raw(&page.early);
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

// ------------------------------------------------------------------ pages

/// What every page shares, made once.
pub struct Site<'a> {
    /// The settings.
    pub settings: &'a SiteSettings,
    /// The base path the site's own URLs start with (see [`base_path`]).
    path: String,
    /// `data/site.json`'s text, escaped for the data island.
    site_island: String,
    /// The root path of the whole site, where content paths start (the base
    /// path, but in a section such as `/en/`).
    root: String,
    /// The whole site's address, for content URLs (the site's own but in a section).
    root_url: Option<String>,
    /// The share cards every page names (`og:image`), and how this site's
    /// drawn cards look; none: no card.
    cards: Option<(&'a crate::cards::Cards, std::sync::Arc<crate::cards::Look>)>,
}

impl<'a> Site<'a> {
    /// Prepares the shared parts of every page of a site at `path` (see [`base_path`]).
    pub fn new(settings: &'a SiteSettings, path: &str) -> Site<'a> {
        let json = serde_json::to_string(settings).expect("site settings always serialize");
        Site {
            settings,
            path: path.to_string(),
            site_island: json_island(&json),
            root: path.to_string(),
            root_url: None,
            cards: None,
        }
    }

    /// The site with share cards from `cards` on its pages.
    /// (The drawn cards take `model`'s brand and logo.)
    pub fn with_cards(mut self, cards: &'a crate::cards::Cards, model: &Model) -> Site<'a> {
        let mark = model.logo.as_ref().map(|(_, l)| l.clone());
        let look = crate::cards::Look::of_site(self.settings, &model.brand, mark);
        self.cards = Some((cards, std::sync::Arc::new(look)));
        self
    }

    /// The share card of a page titled `title` with the cover `image`: its
    /// path from the whole site's root (see [`crate::cards`]).
    fn card(&self, image: Option<&Image>, title: &str) -> Option<String> {
        self.cards
            .as_ref()
            .map(|(c, look)| format!("/{}", c.card(look, image, title)))
    }

    /// The title on a listing's card: its category's or tag's name, the
    /// latest news' title; the same on every page of it.
    fn listing_card_title(&self, l: &Listing) -> String {
        match &l.term {
            Some(t) => t.name.clone(),
            None => match self.language() {
                strings::Lang::En => strings::EN.latest_title,
                strings::Lang::Vi => strings::VI.latest_title,
            }
            .to_string(),
        }
    }

    /// The site as a section of the whole site at `root` (its address `root_url`).
    pub fn under_root(mut self, root: &str, root_url: Option<&str>) -> Site<'a> {
        self.root = root.to_string();
        self.root_url = root_url.map(str::to_string);
        self
    }

    /// The address content paths (`/anh/x.jpg`) are under.
    fn content_base(&self) -> Option<&str> {
        self.root_url
            .as_deref()
            .filter(|b| url::is_safe(b))
            .or_else(|| self.base())
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

    /// The public address of a route: absolute when the site's address is
    /// known, else its path under the base path.
    fn address(&self, route: &str) -> String {
        self.absolute_route(route)
            .unwrap_or_else(|| bantin::base::join(&self.path, route))
    }

    /// The app at `route`, showing `loaded`.
    fn render(&self, route: &str, loaded: Loaded) -> Rendered {
        self.render_at(route, &self.address(route), loaded)
    }

    /// [`Site::render`] for a route whose public `address` is already known.
    fn render_at(&self, route: &str, address: &str, loaded: Loaded) -> Rendered {
        prerender::render(
            self.settings,
            PageRequest {
                base: &self.path,
                root: &self.root,
                route,
                address,
                loaded,
            },
        )
    }

    /// `<div id="bt-static">` with the app, then the data islands: the site's
    /// settings and the page's own document (`doc`: its path and JSON), which
    /// the app reads instead of fetching them. A document given without its
    /// JSON is named instead (`data-doc` on `#bt-static`), and the app fetches
    /// it when the browser is idle after its start (`src/prefetch.rs`): home's,
    /// the largest listing there is, which would take the page past what a new
    /// connection's first round trip carries (14.6 KB; `docs/benchmarks.md`).
    fn body(&self, view: &Rendered, doc: Option<(&str, Option<&str>)>) -> String {
        let island = doc.and_then(|(path, json)| Some((path, json_island(json?))));
        let mut h = self.html(
            view.body.len()
                + self.site_island.len()
                + island.as_ref().map_or(0, |(_, i)| i.len())
                + 256,
        );
        h.open("div").attr("id", "bt-static");
        if view.needs_app {
            h.attr("data-bt-now", if view.needs_views { "views" } else { "" });
        }
        if let Some((path, None)) = doc {
            h.attr("data-doc", path);
        }
        h.end()
            .raw(&view.body)
            .close("div")
            .raw("\n")
            .start("script", &[("type", "application/json"), ("id", "bt-site")])
            .raw(&self.site_island)
            .close("script")
            .raw("\n");
        if let Some((path, island)) = island {
            h.start(
                "script",
                &[
                    ("type", "application/json"),
                    ("id", "bt-data"),
                    ("data-doc", path),
                ],
            )
            .raw(&island)
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
        let locale = |lang: &str| match bantin_contract::strings::Lang::from_tag(lang) {
            bantin_contract::strings::Lang::En => "en_US",
            bantin_contract::strings::Lang::Vi => "vi_VN",
        };
        h.meta_property("og:site_name", &site.name)
            .meta_property("og:locale", locale(self.lang()));
        // The page in the site's other languages: an article's translations,
        // the home page's other homes (each page names itself too).
        let others: &[bantin_contract::Alternate] = match (meta.article, meta.route) {
            _ if !meta.alternates.is_empty() => meta.alternates,
            (Some(a), _) => &a.translations,
            (None, Some("")) => &site.languages,
            _ => &[],
        };
        if let (Some(c), Some(root)) = (&canonical, self.content_base()) {
            let others: Vec<_> = others.iter().filter(|l| l.lang != self.lang()).collect();
            if !others.is_empty() {
                h.start(
                    "link",
                    &[("rel", "alternate"), ("hreflang", self.lang()), ("href", c)],
                );
                for l in others {
                    h.meta_property("og:locale:alternate", locale(&l.lang));
                    let href = join_base(root, &l.url);
                    h.start(
                        "link",
                        &[("rel", "alternate"), ("hreflang", &l.lang), ("href", &href)],
                    );
                }
            }
        }
        // The share card: a raster of the cover, or drawn (see `crate::cards`).
        let card = self
            .card(meta.image, meta.card_title)
            .and_then(|c| absolute(self.content_base(), &c));
        let alt = meta
            .image
            .map(|i| i.alt.as_str())
            .filter(|a| !a.is_empty())
            .unwrap_or(meta.card_title);
        if let Some(src) = &card {
            let kind = if src.ends_with(".png") {
                "image/png"
            } else {
                "image/jpeg"
            };
            h.meta_property("og:image", src)
                .meta_property("og:image:type", kind)
                .meta_property("og:image:width", &crate::cards::WIDTH.to_string())
                .meta_property("og:image:height", &crate::cards::HEIGHT.to_string())
                .meta_property("og:image:alt", alt);
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
            if card.is_some() {
                "summary_large_image"
            } else {
                "summary"
            },
        )
        .meta_name("twitter:title", meta.title)
        .meta_name("twitter:description", meta.description);
        if let Some(src) = &card {
            h.meta_name("twitter:image", src)
                .meta_name("twitter:image:alt", alt);
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

    /// The document title of a view, as the app makes it.
    fn title(&self, view: &Rendered) -> String {
        strings::document_title(view.view_title.as_deref(), &self.settings.name)
    }

    /// The site's own description: its tagline, else its name.
    /// The site's language tag (`vi`, `en`).
    fn lang(&self) -> &'static str {
        self.language().tag()
    }

    /// The site's language.
    fn language(&self) -> bantin_contract::strings::Lang {
        bantin_contract::strings::Lang::from_tag(self.settings.lang.as_deref().unwrap_or_default())
    }

    fn default_description(&self) -> String {
        self.settings
            .tagline
            .clone()
            .unwrap_or_else(|| self.settings.name.clone())
    }

    /// The page of an article; `fallback_lead` describes it when it has no lead.
    pub fn article_page(&self, a: &Article, json: &str, fallback_lead: Option<&str>) -> Page {
        let route = routes::article(&a.slug);
        let page_url = self.address(&route);
        let view = self.render_at(&route, &page_url, Loaded::Article(Box::new(a.clone())));
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
            card_title: &a.title,
            description: &description,
            image,
            article: Some(a),
            feed: a.category.as_ref(),
            json_ld: Some(ld),
            noindex: false,
            alternates: &[],
        };
        let path = paths::article(&a.slug);
        // The widgets and their oEmbed cards show the main site's articles: a
        // section's articles have no card (its pages have no embed frame).
        let mut head = self.head(&meta);
        if self.root == self.path {
            let oembed = self.address(&crate::embed::oembed_path(&a.slug));
            head.push_str(&crate::embed::oembed_link(&oembed, &a.title));
        }
        Page {
            title: self.title(&view),
            head,
            body: self.body(&view, Some((&path, Some(json)))),
            description,
            early: String::new(),
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
            "publisher": self.publisher(),
            "inLanguage": self.lang(),
        });
        let obj = ld.as_object_mut().expect("an object");
        if let Some(author) = &a.author {
            obj.insert(
                "author".into(),
                serde_json::json!({ "@type": "Person", "name": author }),
            );
        }
        // The cover when it is a raster (Google reads SVG poorly), and the share card.
        let mut images: Vec<String> = image
            .filter(|i| !i.src.to_ascii_lowercase().ends_with(".svg"))
            .and_then(|i| absolute(self.content_base(), &i.src))
            .into_iter()
            .collect();
        images.extend(
            self.card(image, &a.title)
                .and_then(|c| absolute(self.content_base(), &c)),
        );
        if !images.is_empty() {
            obj.insert("image".into(), serde_json::json!(images));
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

    /// JSON-LD `publisher`: the site, with its logo (the app icon) when the
    /// site's address is known.
    fn publisher(&self) -> serde_json::Value {
        let mut p = serde_json::json!({ "@type": "Organization", "name": self.settings.name });
        if let Some(logo) = self.base().map(|b| join_base(b, "icon-512.png")) {
            p["logo"] = serde_json::json!({
                "@type": "ImageObject",
                "url": logo,
                "width": 512,
                "height": 512,
            });
        }
        p
    }

    /// The home page (its document is named, not carried: see [`Self::body`]).
    pub fn home_page(&self, home: Home) -> Page {
        let description = self.default_description();
        let ld = self.absolute_route("").map(|u| {
            serde_json::to_string(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": self.settings.name,
                "url": u,
                "inLanguage": self.lang(),
            }))
            .expect("JSON-LD always serializes")
        });
        let meta = Meta {
            route: Some(""),
            og_type: "website",
            title: &self.settings.name,
            // The site's name is on every card already: the home page's says what the site is.
            card_title: &description,
            description: &description,
            image: None,
            article: None,
            feed: None,
            json_ld: ld,
            noindex: false,
            alternates: &[],
        };
        let head = self.head(&meta);
        let view = self.render("", Loaded::Home(Box::new(home)));
        Page {
            title: self.title(&view),
            head,
            body: self.body(&view, Some((paths::HOME, None))),
            description,
            early: String::new(),
        }
    }

    /// A page of a listing (the latest news, a category or a tag), at its own
    /// URL (`paths::routes`): its title, canonical URL and `rel="prev"`/`"next"`
    /// links name that page.
    pub fn listing_page(&self, l: Listing, json: &str) -> Page {
        let listing = listing_rule(&l);
        let (path, feed, description) = match (listing, &l.term) {
            (routes::Listing::Category(slug), Some(term)) => (
                paths::category(slug, l.page),
                Some(term),
                self.settings
                    .categories
                    .iter()
                    .find(|c| c.slug == slug)
                    .and_then(|c| c.description.clone()),
            ),
            (routes::Listing::Tag(slug), _) => (paths::tag(slug, l.page), None, None),
            _ => (paths::latest(l.page), None, None),
        };
        let route = listing.page(l.page);
        let prev = (l.page > 1).then(|| listing.page(l.page - 1));
        let next = (l.page < l.page_count).then(|| listing.page(l.page + 1));
        let feed = feed.cloned();
        let description = description.unwrap_or_else(|| self.default_description());
        let card_title = self.listing_card_title(&l);
        let view = self.render(&route, Loaded::Listing(l));
        let title = self.title(&view);
        let meta = Meta {
            route: Some(&route),
            og_type: "website",
            title: view.view_title.as_deref().unwrap_or(&title),
            card_title: &card_title,
            description: &description,
            image: None,
            article: None,
            feed: feed.as_ref(),
            json_ld: None,
            noindex: false,
            alternates: &[],
        };
        let mut head = self.head(&meta);
        // Neighbouring pages, after the shared tags (before the final newline and indent).
        let mut links = self.html(256);
        for (rel, to) in [("prev", prev), ("next", next)] {
            if let Some(to) = to {
                links.start("link", &[("rel", rel), ("href", &self.address(&to))]);
            }
        }
        let at = head.trim_end().len();
        head.insert_str(at, &links.out);
        Page {
            title,
            head,
            body: self.body(&view, Some((&path, Some(json)))),
            description,
            early: String::new(),
        }
    }

    /// A page of the site (`trang/<slug>/index.html`).
    pub fn info_page(&self, p: &InfoPage, json: &str) -> Page {
        let route = routes::page(&p.slug);
        let view = self.render(&route, Loaded::Page(Box::new(p.clone().into())));
        let description = p
            .description
            .clone()
            .unwrap_or_else(|| self.default_description());
        let page_url = self.address(&route);
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": p.title,
            "description": description,
            "inLanguage": self.lang(),
            "url": page_url,
            "isPartOf": { "@type": "WebSite", "name": self.settings.name },
        });
        if let Some(u) = &p.updated {
            ld["dateModified"] = u.clone().into();
        }
        self.web_page(
            &route,
            &view,
            &p.title,
            description,
            &ld,
            (&paths::page(&p.slug), json, &p.translations),
        )
    }

    /// `van-ban/index.html`: the registry's first page, unfiltered. The
    /// listing's data is not in the page (a large registry's would weigh
    /// more than the page): the app fetches it when the reader filters.
    pub fn registry_page(&self, index: DocumentIndex) -> Page {
        let view = self.render(
            routes::REGISTRY,
            Loaded::Registry(std::sync::Arc::new(index), Default::default()),
        );
        self.plain_page(Some(routes::REGISTRY), &view, false)
    }

    /// A document of the registry (`van-ban/<slug>/index.html`).
    pub fn document_page(&self, d: &OfficialDocument, json: &str) -> Page {
        let route = routes::document(&d.slug);
        let view = self.render(&route, Loaded::Document(Box::new(d.clone())));
        let title = view.view_title.clone().unwrap_or_default();
        let description = d.summary.clone();
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": title,
            "legislationIdentifier": d.number,
            "legislationType": d.kind.name,
            "legislationDate": d.issued,
            "abstract": d.summary,
            "inLanguage": self.lang(),
            "url": self.address(&route),
            "legislationPassedBy": { "@type": "GovernmentOrganization", "name": d.issuer.name },
        });
        if let Some(e) = &d.effective {
            ld["legislationDateVersion"] = e.clone().into();
        }
        self.web_page(
            &route,
            &view,
            &title,
            description,
            &ld,
            (&paths::document(&d.slug), json, &[]),
        )
    }

    /// A page of the site's own (not an article or a listing): its head with
    /// the JSON-LD `ld`, and its body with its document `doc` (path, JSON, and
    /// the page in the site's other languages).
    fn web_page(
        &self,
        route: &str,
        view: &Rendered,
        title: &str,
        description: String,
        ld: &serde_json::Value,
        doc: (&str, &str, &[bantin_contract::Alternate]),
    ) -> Page {
        let (path, json, alternates) = doc;
        let meta = Meta {
            route: Some(route),
            og_type: "website",
            title,
            card_title: title,
            description: &description,
            image: None,
            article: None,
            feed: None,
            json_ld: Some(serde_json::to_string(ld).expect("JSON-LD always serializes")),
            noindex: false,
            alternates,
        };
        Page {
            title: self.title(view),
            head: self.head(&meta),
            body: self.body(view, Some((path, Some(json)))),
            description,
            early: String::new(),
        }
    }

    /// `so-do/index.html`: the site map.
    pub fn site_map_page(&self) -> Page {
        let view = self.render(
            routes::SITE_MAP,
            Loaded::SiteMap(Box::new(self.settings.clone())),
        );
        self.plain_page(Some(routes::SITE_MAP), &view, false)
    }

    /// `tim-kiem/index.html`: the search page as the app first draws it (the
    /// search module's own markup, so the app takes over without a shift); the app
    /// reads `q` and searches. Without JavaScript a note says search needs it.
    ///
    /// One file serves every query, so what the page needs depends on its
    /// address, which the page script reads (`src/js/page.js`). The page names,
    /// before that script (`early`), the index's `meta.txt`, which every search
    /// starts with, and the search module's two files: `<meta
    /// name="bantin-index" content="…/meta.txt" data-js="…" data-wasm="…">`.
    /// With a query, the script asks for the three as the head is read, beside
    /// the stylesheet (the results need them; the page script's and the
    /// module's own requests then take these responses), and has the module
    /// write the results. Without one, the page is complete as it is (its form
    /// searches with a page load): an ordinary prerendered page, whose first
    /// view nothing of search or of the app shares the network with.
    ///
    /// `data_url` is `site.toml`'s, checked and resolved as the app resolves
    /// `config.json`'s ([`bantin_contract::data_root_under`]). An operator who
    /// points `config.json` elsewhere after the build costs the page one small
    /// request, nothing more.
    pub fn search_page(&self, data_url: Option<&str>) -> Page {
        use bantin_search::ui::markup::{page_html, Outcome};
        let lang = self.language();
        let html = page_html(lang, "", 1, &Outcome::Prompt, &[], &self.path)
            + "<noscript><p class=\"bt-found__note\">"
            + &escape_text(bantin_search::strings::text(lang).search_needs_js)
            + "</p></noscript>";
        let found = Found {
            query: String::new(),
            page: 1,
            html,
        };
        let view = self.render(SEARCH_ROUTE, Loaded::Search(Box::new(found)));
        // Indexable as the site's one search page: every query's URL names
        // `tim-kiem` as its canonical, so results pages are not indexed apart.
        let mut page = self.plain_page(Some(SEARCH_ROUTE), &view, false);
        let checked = bantin_contract::check_data_url(data_url.unwrap_or(paths::DEFAULT_DATA_URL))
            .unwrap_or_else(|_| paths::DEFAULT_DATA_URL.to_string());
        let root = bantin_contract::data_root_under(&self.path, &checked);
        // The module is an app file, at the whole site's root.
        let module = format!("{}tim/bantin_search", self.root);
        let mut h = self.html(300);
        h.raw("\n    ").start(
            "meta",
            &[
                ("name", "bantin-index"),
                ("content", &format!("{root}tim/meta.txt")),
                ("data-js", &format!("{module}.js")),
                ("data-wasm", &format!("{module}_bg.wasm")),
            ],
        );
        page.early = h.out;
        page
    }

    /// `da-luu/index.html` (saved articles) or `ngoai-tuyen/index.html` (the
    /// offline view, which the service worker serves for pages it cannot
    /// answer): the view as the app first draws it, lists empty (they live
    /// in the reader's browser).
    pub fn offline_page(&self, route: &str) -> Page {
        let loaded = if route == crate::offline::SAVED_ROUTE {
            Loaded::Saved
        } else {
            Loaded::Offline
        };
        let view = self.render(route, loaded);
        self.plain_page(None, &view, true)
    }

    /// `404.html`.
    pub fn not_found_page(&self) -> Page {
        let view = self.render(NOT_FOUND, Loaded::NotFound);
        self.plain_page(None, &view, true)
    }

    /// A page without data for the app (`route` is its canonical route, if it
    /// has one); `noindex` keeps search engines from indexing it.
    fn plain_page(&self, route: Option<&str>, view: &Rendered, noindex: bool) -> Page {
        let description = self.default_description();
        let meta = Meta {
            route,
            og_type: "website",
            title: view.view_title.as_deref().unwrap_or(&self.settings.name),
            card_title: view.view_title.as_deref().unwrap_or(&description),
            description: &description,
            image: None,
            article: None,
            feed: None,
            json_ld: None,
            noindex,
            alternates: &[],
        };
        Page {
            title: self.title(view),
            head: self.head(&meta),
            body: self.body(view, None),
            description,
            early: String::new(),
        }
    }
}

/// The URL rule of a listing document's listing.
fn listing_rule(l: &Listing) -> routes::Listing<'_> {
    match (l.kind, &l.term) {
        (ListingKind::Category, Some(t)) => routes::Listing::Category(&t.slug),
        (ListingKind::Tag, Some(t)) => routes::Listing::Tag(&t.slug),
        _ => routes::Listing::Latest,
    }
}

/// The `<head>` facts of one page.
struct Meta<'a> {
    /// The page's route (for the canonical and og:url); `None` for 404.
    route: Option<&'a str>,
    og_type: &'a str,
    title: &'a str,
    /// The title on the page's share card (a listing's name on each of its pages).
    card_title: &'a str,
    description: &'a str,
    image: Option<&'a Image>,
    article: Option<&'a Article>,
    /// The category whose feed is linked.
    feed: Option<&'a Term>,
    json_ld: Option<String>,
    noindex: bool,
    /// The page in the site's other languages (a page's translations); an
    /// article's come with it, the home page's are the site's languages.
    alternates: &'a [bantin_contract::Alternate],
}

/// One HTML file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageJob {
    Home,
    NotFound,
    Search,
    /// `da-luu/` and `ngoai-tuyen/` (see [`Site::offline_page`]).
    Offline(&'static str),
    /// A page (1-based) of the latest news.
    Latest(u32),
    /// A page of the category at this index in the settings.
    Category(usize, u32),
    /// A page of the tag at this index in the model.
    Tag(usize, u32),
    Article(usize),
    /// A page of the site, by index in the model.
    Info(usize),
    SiteMap,
    /// The documents registry's listing (its first, unfiltered page).
    Registry,
    /// A document of the registry, by index.
    Document(usize),
}

/// Produces the pages of `model` through `writer` from the app shell found in
/// the output folder (see [`find_shell`]); returns the build id the pages carry
/// (see [`crate::runtime`]), or `None` when the output folder has no shell (a
/// bare output folder: no pages).
pub fn write_site(
    model: &Model,
    cards: &crate::cards::Cards,
    writer: &Writer,
) -> io::Result<Option<String>> {
    match find_shell(writer.out())? {
        Some(shell) => write_pages(model, &shell, cards, writer).map(Some),
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
    let shell = brand_shell(shell_text, model, &path);
    let shell = crate::deploy::rebase_shell(&shell, &from, &path);
    let shell = localize_shell(&shell, model.site.lang.as_deref());
    crate::runtime::with_build_meta(&crate::offline::mark_shell(&shell, model.offline.enabled))
}

/// The shell (trunk's, or the one a previous build kept) in the brand of
/// `model` (see [`crate::brand`]), for a site whose root path is `root`: the
/// brand's `<style>` last in `<head>` (after the stylesheet), its colour as
/// `theme-color`, and with a logo the icon made of it as the page's icon.
/// What a previous build put there is replaced, so a brand can change or go.
fn brand_shell(shell: &str, model: &Model, root: &str) -> String {
    const SVG_ICON: &str = "href=\"favicon.svg\" type=\"image/svg+xml\"";
    const PNG_ICON: &str = "href=\"icon-192.png\" type=\"image/png\"";
    let brand = &model.brand;
    let mut out = shell.to_string();
    let open = "<style id=\"bt-brand\">";
    // The fonts' preloads a previous build wrote (crate::fonts::preloads).
    while let Some(start) = out.find(crate::fonts::PRELOAD_MARK) {
        let Some(len) = out[start..].find('>') else {
            break;
        };
        let mut end = start + len + 1;
        end += out[end..].len() - out[end..].trim_start_matches([' ', '\n']).len();
        out.replace_range(start..end, "");
    }
    if let Some(start) = out.find(open) {
        if let Some(len) = out[start..].find("</style>") {
            let mut end = start + len + "</style>".len();
            end += out[end..].len() - out[end..].trim_start_matches([' ', '\n']).len();
            out.replace_range(start..end, "");
        }
    }
    let meta = "<meta name=\"theme-color\" content=\"";
    if let Some(start) = out.find(meta).map(|i| i + meta.len()) {
        if let Some(len) = out[start..].find('"') {
            out.replace_range(start..start + len, &brand.primary.hex());
        }
    }
    let logo = model.logo.as_ref().filter(|_| brand.set).map(|(image, _)| {
        let url = format!("{}{}", root.trim_end_matches('/'), image.src);
        (url, image.width.unwrap_or(1), image.height.unwrap_or(1))
    });
    out = match logo {
        Some(_) => out.replacen(SVG_ICON, PNG_ICON, 1),
        None => out.replacen(PNG_ICON, SVG_ICON, 1),
    };
    let banner = model
        .banner
        .as_ref()
        .filter(|_| brand.set)
        .map(|image| banner_of(image, root));
    let mut css = crate::brand::css(
        brand,
        logo.as_ref().map(|(u, w, h)| (u.as_str(), *w, *h)),
        banner.as_ref(),
    );
    css.push_str(&crate::fonts::css(&model.fonts, root));
    if !css.is_empty() {
        if let Some(end) = out.to_ascii_lowercase().rfind("</head>") {
            let preloads = crate::fonts::preloads(&model.fonts, root);
            out.insert_str(
                end,
                &format!("{preloads}{}\n  ", crate::brand::style_element(&css)),
            );
        }
    }
    out
}

/// The banner `image` as the header shows it on wide screens (4rem high):
/// the copy at least twice as wide as it is shown (for dense screens), with
/// its WebP twin, under the site's root path `root`.
fn banner_of(image: &bantin_contract::Image, root: &str) -> crate::brand::Banner {
    let (w, h) = (image.width.unwrap_or(1), image.height.unwrap_or(1));
    let shown = (f64::from(w) / f64::from(h.max(1)) * 64.0 * 2.0).ceil() as u32;
    let at = |u: &str| format!("{}{u}", root.trim_end_matches('/'));
    let (url, webp) = match &image.resized {
        Some(r) if !r.widths.is_empty() => {
            let width = r.width_for(shown);
            (
                at(&r.url(width, &r.fallback)),
                Some(at(&r.url(width, "webp"))),
            )
        }
        _ => (at(&image.src), None),
    };
    crate::brand::Banner {
        url,
        webp,
        width: w,
        height: h,
    }
}

/// The shell in the site's language: `<html lang>`, and the words it shows
/// before the app runs (the note for readers without JavaScript, "loading").
/// The shell (trunk's `index.html`) is written in Vietnamese.
fn localize_shell(shell: &str, lang: Option<&str>) -> String {
    use bantin_contract::strings::Lang;
    let lang = Lang::from_tag(lang.unwrap_or_default());
    let mut out = shell.replacen(
        "<html lang=\"vi\">",
        &format!("<html lang=\"{}\">", lang.tag()),
        1,
    );
    if lang == Lang::En {
        // Text in attributes and in the inline stale-deploy script (index.html).
        for (vi, en) in [
            (
                "Trang vừa được cập nhật phiên bản mới nhưng chưa tải được đầy đủ. Nội dung vẫn đọc được; vui lòng tải lại trang sau ít phút.",
                "This site has just been updated and the new version did not load completely. You can still read this page; please reload it in a few minutes.",
            ),
            (
                "content=\"Tin tức, sự kiện, chỉ đạo điều hành.\"",
                "content=\"News, events and announcements.\"",
            ),
            ("<title>Bản tin</title>", "<title>News</title>"),
        ] {
            out = out.replacen(vi, en, 1);
        }
        for (open, text) in [
            (
                "<p class=\"bt-noscript\">",
                "This site needs JavaScript to show the news. Please turn JavaScript on or use another browser.",
            ),
            ("role=\"status\">", "Loading…"),
        ] {
            if let Some(start) = out.find(open).map(|i| i + open.len()) {
                if let Some(len) = out[start..].find("</p>") {
                    out.replace_range(start..start + len, text);
                }
            }
        }
    }
    out
}

/// Produces the app shell (`app.html`), the home page (`index.html`), `404.html`,
/// `bai-viet/<slug>/index.html`, and every page of every listing at its URL
/// (`moi-nhat/index.html`, `moi-nhat/trang/2/index.html`,
/// `chuyen-muc/<slug>/…`, `the/<slug>/…`) through `writer`; returns the build
/// id they carry. Listing and article pages are rendered only when their
/// inputs changed (see [`Writer::write_rendered`]).
pub fn write_pages(
    model: &Model,
    shell_text: &str,
    cards: &crate::cards::Cards,
    writer: &Writer,
) -> io::Result<String> {
    let shell_text = site_shell(model, shell_text);
    let path = Shell::parse(&shell_text).base_path();
    let build = crate::runtime::build_id(&shell_text);
    let site = Site::new(&model.site, &path).with_cards(cards, model);
    write_pages_of(model, shell_text, site, writer)?;
    Ok(build)
}

/// The pages of a section of the site (`model`, whose `base_url` is under
/// the main site's `root_url`, at path `root`), through a writer that puts
/// them in the section's folder: the app shell of trunk (`shell_text`) with
/// the section's base path and language, naming the main site's app files
/// and its build `build`.
pub fn write_section_pages(
    model: &Model,
    shell_text: &str,
    root: &str,
    root_url: Option<&str>,
    build: &str,
    cards: &crate::cards::Cards,
    writer: &Writer,
) -> io::Result<()> {
    let path = model
        .site
        .base_url
        .as_deref()
        .map_or_else(|| root.to_string(), crate::deploy::base_path_of_url);
    let from = Shell::parse(shell_text).base_path();
    let shell = brand_shell(shell_text, model, root);
    let shell = crate::deploy::rebase_shell(&shell, &from, root);
    let shell = section_shell(&shell, &path, root);
    let shell = localize_shell(&shell, model.site.lang.as_deref());
    let shell = crate::runtime::with_build_id(
        &crate::offline::mark_shell(&shell, model.offline.enabled),
        build,
    );
    let site = Site::new(&model.site, &path)
        .under_root(root, root_url)
        .with_cards(cards, model);
    write_pages_of(model, shell, site, writer)
}

/// A shell whose app files are at the root path `root` moved to the section
/// at `path`: its `<base href>` is the section's, the files it names
/// relatively are the root's (but the section's own manifest and icons), and
/// `<meta name="bantin-root">` tells the app where content paths start.
fn section_shell(shell: &str, path: &str, root: &str) -> String {
    let mut out = crate::deploy::map_attributes(shell, &|name, value| {
        let relative = matches!(name, "href" | "src")
            && !value.is_empty()
            && !value.starts_with(['/', '#', '?'])
            && !value.contains(':')
            && !crate::offline::is_owned(value);
        relative.then(|| format!("{}{value}", escape_attr(root)))
    });
    let lower = out.to_ascii_lowercase();
    let tag = format!(
        "<base href=\"{}\" />\n    <meta name=\"bantin-root\" content=\"{}\" />",
        escape_attr(path),
        escape_attr(root)
    );
    let base = lower
        .find("<base")
        .filter(|&b| lower[b + 5..].starts_with(|c: char| c.is_whitespace() || c == '>'));
    if let Some(b) = base {
        let end = b + lower[b..].find('>').map_or(0, |e| e + 1);
        out.replace_range(b..end, &tag);
    } else if let Some(head) = lower
        .find("<head")
        .and_then(|h| lower[h..].find('>').map(|e| h + e + 1))
    {
        out.insert_str(head, &format!("\n    {tag}"));
    }
    out
}

/// The pages of `model` with the final app shell `shell_text`, for `site`.
fn write_pages_of(
    model: &Model,
    shell_text: String,
    site: Site<'_>,
    writer: &Writer,
) -> io::Result<()> {
    let shell = Shell::parse(&shell_text);
    writer.write(APP_SHELL, shell_text.as_bytes())?;
    // An article page is made from the shell, the site settings, the article's
    // document and its lead only: their fingerprint (the document's by its
    // inputs, see `Model::article_inputs`) lets a rebuild skip rendering the
    // pages of unchanged articles.
    let shared = {
        let settings = serde_json::to_string(&model.site).expect("site settings always serialize");
        xxh3_128(format!("{shell_text}\0{settings}").as_bytes())
    };

    let mut jobs = vec![
        PageJob::Home,
        PageJob::NotFound,
        PageJob::Search,
        PageJob::Offline(crate::offline::SAVED_ROUTE),
        PageJob::Offline(crate::offline::OFFLINE_ROUTE),
        PageJob::SiteMap,
    ];
    jobs.extend((0..model.pages.len()).map(PageJob::Info));
    if !model.registry.documents.is_empty() {
        jobs.push(PageJob::Registry);
        jobs.extend((0..model.registry.documents.len()).map(PageJob::Document));
    }
    jobs.extend((1..=page_count(model.articles.len())).map(PageJob::Latest));
    for (c, items) in model.by_category.iter().enumerate() {
        jobs.extend((1..=page_count(items.len())).map(|p| PageJob::Category(c, p)));
    }
    for (t, g) in model.tags.iter().enumerate() {
        jobs.extend((1..=page_count(g.items.len())).map(|p| PageJob::Tag(t, p)));
    }
    jobs.extend((0..model.articles.len()).map(PageJob::Article));
    // A listing page is made from the shell, the site settings and its
    // document, whose inputs the model fingerprints (`Model::inputs`).
    let with_shared = |doc: u128| {
        if doc == 0 {
            return 0;
        }
        let mut h = Xxh3::new();
        h.update(&shared.to_le_bytes());
        h.update(&doc.to_le_bytes());
        h.digest128()
    };
    let to_json = |v: &dyn crate::render::erased::Json| v.to_json();
    let write_listing = |job: Job| -> io::Result<()> {
        let listing = model.listing_of(job).expect("a listing job");
        // Named before the page may be skipped: its card is still this build's.
        site.card(None, &site.listing_card_title(&listing));
        let file = format!("{}/{INDEX}", listing_rule(&listing).page(listing.page));
        writer.write_rendered(&file, with_shared(model.inputs(job)), || {
            let json = to_json(&listing);
            Ok(shell.render(&site.listing_page(listing, &json)))
        })
    };
    let results = jobs
        .par_iter()
        .map(|&job| -> io::Result<()> {
            let (file, page) = match job {
                PageJob::Home => (INDEX.to_string(), site.home_page(model.home())),
                PageJob::NotFound => (NOT_FOUND.to_string(), site.not_found_page()),
                PageJob::Search => (
                    format!("{SEARCH_ROUTE}/{INDEX}"),
                    site.search_page(model.security.data_url.as_deref()),
                ),
                PageJob::Offline(route) => (format!("{route}/{INDEX}"), site.offline_page(route)),
                PageJob::SiteMap => (
                    format!("{}/{INDEX}", routes::SITE_MAP),
                    site.site_map_page(),
                ),
                PageJob::Registry => (
                    format!("{}/{INDEX}", routes::REGISTRY),
                    site.registry_page(model.registry.index()),
                ),
                PageJob::Document(i) => {
                    let d = &model.registry.documents[i];
                    let json = to_json(d);
                    (
                        format!("{}/{INDEX}", routes::document(&d.slug)),
                        site.document_page(d, &json),
                    )
                }
                PageJob::Info(i) => {
                    let p = &model.pages[i];
                    let json = to_json(p);
                    (
                        format!("{}/{INDEX}", routes::page(&p.slug)),
                        site.info_page(p, &json),
                    )
                }
                PageJob::Latest(page) => return write_listing(Job::Latest(page)),
                PageJob::Category(c, page) => return write_listing(Job::Category(c, page)),
                PageJob::Tag(t, page) => return write_listing(Job::Tag(t, page)),
                PageJob::Article(i) => {
                    let lead = model.summaries[i].lead.as_deref();
                    // The document's inputs cover the lead (part of the article's own).
                    let inputs = with_shared(model.article_inputs(i));
                    let summary = &model.summaries[i];
                    site.card(summary.thumb.as_ref(), &summary.title);
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
        })
        .collect::<Vec<_>>();
    results.into_iter().collect::<io::Result<Vec<()>>>()?;
    let build = crate::runtime::named_build(&shell_text);
    crate::offline::write(
        writer,
        &crate::offline::Identity {
            site: &model.site,
            settings: &model.offline,
            brand: &model.brand,
            mark: model.logo.as_ref().map(|(_, l)| l),
        },
        &shell_text,
        &site.path,
        &site.root,
        &build,
    )
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
            early: "<!--EARLY-->".into(),
            head: "<!--HEAD-->".into(),
            body: "<!--BODY-->".into(),
        };
        let out = shell.render(&page);
        assert!(out.contains("<title>A &lt; B</title>"), "{out}");
        assert!(
            out.contains("<meta name=\"description\" content=\"Mô &quot;tả&quot;\"><!--EARLY-->")
        );
        assert!(out.find("<!--EARLY-->") < out.find("<link rel=\"stylesheet\""));
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
    }
}
