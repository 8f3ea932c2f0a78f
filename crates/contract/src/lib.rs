//! The bantin JSON contract, version 1: the documents the build tool writes
//! and the app reads. This crate is the single definition of that contract;
//! `docs/contract.md` describes it for humans with an example of each document.
//!
//! Rules that hold for every document:
//! - each carries `"version": 1` (a missing version is read as 1);
//! - unknown fields are ignored, so a producer may add fields within a major version;
//! - optional fields are `Option` or `#[serde(default)]` and may be left out;
//! - a document whose major version is newer than [`CONTRACT_VERSION`] is refused
//!   with [`ContractError::NewerVersion`], so an old app never misreads new data.
//!
//! Besides the types, the crate holds small pure helpers both sides need:
//! where each document lives ([`paths`]), date handling in Vietnam's time zone
//! ([`date`]), Vietnamese text folding and slugs ([`text`]) and URL safety ([`url`]).

pub mod date;
#[cfg(feature = "js")]
pub mod js;
pub mod paging;
pub mod paths;
pub mod strings;
pub mod text;
pub mod url;
mod wire;

use serde::{Deserialize, Serialize};

/// The major version of the contract this crate reads and writes.
pub const CONTRACT_VERSION: u32 = 1;

fn version_one() -> u32 {
    1
}

/// Site-wide settings: `data/site.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteSettings {
    #[serde(default = "version_one")]
    pub version: u32,
    /// The site's name, shown in the header and in document titles.
    pub name: String,
    /// A short line under the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagline: Option<String>,
    /// The public origin and path of the site, e.g. `https://tintuc.example.vn/`;
    /// used for share links and canonical URLs when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Categories in menu order.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The "Liên kết website" box: links to other agencies' portals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ExternalLink>,
    #[serde(default)]
    pub footer: Footer,
    /// The header menu, in order; when empty the menu lists the categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub menu: Vec<MenuEntry>,
    /// The footer's groups of links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footer_links: Vec<LinkGroup>,
    /// Every page of the site (`data/trang/<slug>.json`), by title: for the site map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<Term>,
    /// The documents registry's types ("Nghị quyết", "Quyết định", …), for
    /// the site map; empty when the site has no registry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registry: Vec<Term>,
    /// The language of the site's pages and reader-facing text, a BCP 47 tag
    /// (`en`); absent for Vietnamese, the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The home page of each language of the site, this one included (the
    /// main site and its sections such as `/en/`), for the language switcher;
    /// empty for a site in one language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Alternate>,
}

/// The same page in another language of the site (`hreflang`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternate {
    /// The language, a BCP 47 tag (`vi`, `en`).
    pub lang: String,
    /// Its address: a path from the root of the whole site (`/en/bai-viet/x`),
    /// whatever section the page that names it is in.
    pub url: String,
}

/// An entry of the header menu: a link (`url`), or a sub-menu (`items`, one level).
///
/// Addresses in menus and link groups are absolute `http(s)` URLs, or paths
/// starting with `/` that are under the site's base path (`/trang/lien-he` is
/// `<base>trang/lien-he`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuEntry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ExternalLink>,
}

/// A titled group of links, as in the footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkGroup {
    pub title: String,
    #[serde(default)]
    pub items: Vec<ExternalLink>,
}

/// Runtime settings: `config.json` beside the site's pages (not under `data/`).
///
/// The build tool writes it from `site.toml`; an operator may edit it on the
/// host and the app reads it at start-up, so these settings change without a
/// rebuild. Every field may be left out (a missing field keeps the built-in
/// value); unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeConfig {
    #[serde(default = "version_one")]
    pub version: u32,
    /// Identifies the app build (trunk's files) the site's pages reference;
    /// each page carries the same value in `<meta name="bantin-build">`. A tab
    /// whose page has another value is running an old build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<String>,
    /// Replaces `site.json`'s `name` (header, document titles) when not empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Where the data documents live: relative to the site's base path
    /// (default `data/`), an absolute path (`/api/bantin/`) or an absolute
    /// http(s) URL of another origin serving the same contract (with CORS).
    #[serde(default = "default_data_url")]
    pub data_url: String,
    /// Replaces `site.json`'s links box when present (an empty list hides it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<ExternalLink>>,
}

fn default_data_url() -> String {
    paths::DEFAULT_DATA_URL.to_string()
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            version: CONTRACT_VERSION,
            build: None,
            site_name: None,
            data_url: default_data_url(),
            links: None,
        }
    }
}

impl RuntimeConfig {
    /// The checked data URL, ending in `/` (see [`check_data_url`]).
    pub fn data_root(&self) -> Result<String, String> {
        check_data_url(&self.data_url)
    }

    /// The settings a reader of `config.json` uses, from what its text gave
    /// (`parsed`): the settings, with the default data URL in place of one
    /// that cannot be used; the built-in settings for a text that is not
    /// valid or is from a newer version. With what was wrong, for a console
    /// warning. The app and the search module read `config.json` this way.
    pub fn or_defaults(
        parsed: Result<RuntimeConfig, ContractError>,
    ) -> (RuntimeConfig, Option<String>) {
        match parsed {
            Ok(config) => match config.data_root() {
                Ok(_) => (config, None),
                Err(e) => (
                    RuntimeConfig {
                        data_url: default_data_url(),
                        ..config
                    },
                    Some(format!("config.json: {e}; data is read from the default data/")),
                ),
            },
            Err(ContractError::NewerVersion(v)) => (
                RuntimeConfig::default(),
                Some(format!(
                    "config.json is version {v}, newer than this app reads; using the built-in settings"
                )),
            ),
            Err(ContractError::Malformed(e)) => (
                RuntimeConfig::default(),
                Some(format!(
                    "config.json is not valid ({e}); using the built-in settings"
                )),
            ),
        }
    }

    /// Where data documents are fetched from, for pages whose base path is
    /// `base` (see [`data_root_under`]).
    pub fn data_root_under(&self, base: &str) -> String {
        let checked = self
            .data_root()
            .unwrap_or_else(|_| paths::DEFAULT_DATA_URL.to_string());
        data_root_under(base, &checked)
    }

    /// Puts this configuration's site name and links over `site`'s. Links
    /// that are not http(s) or relative are dropped.
    pub fn apply(&self, site: &mut SiteSettings) {
        if let Some(name) = self.site_name.as_deref().map(str::trim) {
            if !name.is_empty() {
                site.name = name.to_string();
            }
        }
        if let Some(links) = &self.links {
            site.links = links
                .iter()
                .filter(|l| url::is_safe(&l.url) && !l.name.trim().is_empty())
                .cloned()
                .collect();
        }
    }
}

/// Checks a `data_url` and returns it ending in `/`. Accepted: a relative
/// path (`data/`, `../du-lieu/`), an absolute path (`/api/`), or an absolute
/// `http:`/`https:` URL with a host. Refused, with the reason: an empty value,
/// any other scheme (`javascript:`, `data:`, …), spaces, and a query or fragment
/// (document paths are appended to it).
///
/// The value is quoted with `Display`, not `{:?}`: the app's wasm is built with
/// `-Zfmt-debug=none` (see the Makefile), where `{:?}` prints nothing, and escaping it
/// would bring back the Unicode tables that flag removes (about 3 KB of brotli).
pub fn check_data_url(raw: &str) -> Result<String, String> {
    let u = raw.trim();
    if u.is_empty() {
        return Err("data_url is empty".into());
    }
    if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("data_url contains spaces: \"{u}\""));
    }
    if u.contains(['?', '#']) {
        return Err(format!(
            "data_url must not have a query or fragment: \"{u}\""
        ));
    }
    let root = if u.ends_with('/') {
        u.to_string()
    } else {
        format!("{u}/")
    };
    // The root as it is used is checked: `%1e` at the end of a value decodes to a
    // control character around the URL, but inside the root once `/` follows it.
    if !url::is_safe(u) || !url::is_safe(&root) {
        return Err(format!("data_url must be http(s) or relative: \"{u}\""));
    }
    if url::is_external(u) {
        let rest = u.split_once("//").map(|(_, r)| r).unwrap_or_default();
        if rest.is_empty() || rest.starts_with('/') {
            return Err(format!("data_url has no host: \"{u}\""));
        }
    }
    Ok(root)
}

/// Where data documents are fetched from, for pages whose base path is `base`
/// (ends in `/`): the checked data root `checked` ([`check_data_url`]) as it is
/// when it is an address or an absolute path, else under `base`. The app reads
/// `config.json`'s this way, and the build tool names the search index's first
/// file for the page script with it.
pub fn data_root_under(base: &str, checked: &str) -> String {
    if url::is_external(checked) || checked.starts_with('/') {
        checked.to_string()
    } else {
        format!("{base}{checked}")
    }
}

/// A category of news, e.g. "Thời sự".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A link, e.g. to another site in the "Liên kết website" box, or a menu's item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalLink {
    pub name: String,
    pub url: String,
}

/// The footer: who runs the site and how to reach them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footer {
    /// The body responsible for the site, e.g. "Cổng Thông tin điện tử tỉnh …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Licence or permit line, e.g. "Giấy phép số …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Free lines shown last (copyright, editor in chief, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A reference to a category or tag from inside another document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub slug: String,
    pub name: String,
}

/// An image with its intrinsic size, so the page reserves its space before it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Copies of a photo at several widths, made by the build tool; the browser
    /// picks one (`srcset`). `src` is then one of the fallback copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resized: Option<Resized>,
    /// A colour (`#rrggbb`) shown in the image's place until it arrives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
}

impl Image {
    /// An image with only an address and a text alternative.
    pub fn new(src: impl Into<String>, alt: impl Into<String>) -> Self {
        Image {
            src: src.into(),
            alt: alt.into(),
            width: None,
            height: None,
            resized: None,
            placeholder: None,
        }
    }

    /// The address of the copy at least `width` pixels wide (the widest when none
    /// is), or `src` when the image has no copies: for thumbnails and share cards.
    pub fn at_width(&self, width: u32) -> String {
        self.copy_at(width, None)
    }

    /// As [`Image::at_width`], the WebP copy (for a video's poster, which has
    /// no `srcset` to offer a choice of formats).
    pub fn webp_at_width(&self, width: u32) -> String {
        self.copy_at(width, Some("webp"))
    }

    fn copy_at(&self, width: u32, ext: Option<&str>) -> String {
        match &self.resized {
            Some(r) if !r.widths.is_empty() => {
                r.url(r.width_for(width), ext.unwrap_or(&r.fallback))
            }
            _ => self.src.clone(),
        }
    }
}

/// Copies of a photo at several widths: `{stem}-{width}.webp` and
/// `{stem}-{width}.{fallback}` for each width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resized {
    /// The copies' common address, without the width and extension.
    pub stem: String,
    /// The widths in pixels, smallest first.
    pub widths: Vec<u32>,
    /// The extension of the copies for browsers without WebP: `jpg` or `png`.
    #[serde(default = "jpg")]
    pub fallback: String,
}

fn jpg() -> String {
    "jpg".into()
}

impl Resized {
    /// The width of the narrowest copy at least `width` pixels wide (the
    /// widest when none is); 0 without copies.
    pub fn width_for(&self, width: u32) -> u32 {
        self.widths
            .iter()
            .copied()
            .find(|w| *w >= width)
            .or_else(|| self.widths.last().copied())
            .unwrap_or(0)
    }

    /// The address of the copy `width` pixels wide with extension `ext`.
    pub fn url(&self, width: u32, ext: &str) -> String {
        format!("{}-{width}.{ext}", self.stem)
    }

    /// A `srcset` of every width with extension `ext`, each address passed through `map`.
    pub fn srcset(&self, ext: &str, map: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        for w in &self.widths {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&map(&self.url(*w, ext)));
            out.push(' ');
            out.push_str(&w.to_string());
            out.push('w');
        }
        out
    }
}

/// Where an article was first published ("Nguồn").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One article: `data/bai-viet/<slug>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    #[serde(default = "version_one")]
    pub version: u32,
    pub slug: String,
    pub title: String,
    /// The lead paragraph, shown in bold under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// RFC 3339 with an offset, e.g. `2024-01-23T08:30:00+07:00`.
    #[serde(default)]
    pub published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Term>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Term>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Figure>,
    #[serde(default)]
    pub body: Vec<Block>,
    /// Files attached to the article ("Tài liệu đính kèm"): from the front
    /// matter, then those the body links to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Related articles, precomputed by the build tool, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<ArticleSummary>,
    /// The article in the site's other languages (`translation_of`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Alternate>,
}

/// An image with its caption and credit, as in an article's body or cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub image: Image,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made the image, e.g. "Ảnh: Minh Anh".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A block of an article's body. Tagged by `"type"`; a block of a type this
/// version does not know is read as [`Block::Unknown`] and skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", from = "wire::RawBlock")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    /// A section sub-heading; level 2 or 3 (the title is the only level 1).
    Heading {
        level: u8,
        text: String,
    },
    Figure(Figure),
    Quote {
        content: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// A table of figures.
    Table(Table),
    /// A video: a YouTube video or the site's own files.
    Video(Video),
    /// A sound recording (radio, podcast).
    Audio(Audio),
    /// A series of photos ("phóng sự ảnh").
    Gallery(Gallery),
    #[serde(other)]
    Unknown,
}

/// A table: a header row and body rows of cells, each cell a list of runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Each column's alignment; missing columns are `auto`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub align: Vec<Align>,
    /// The header row (may be empty).
    #[serde(default)]
    pub head: Vec<Vec<Inline>>,
    #[serde(default)]
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// A table column's alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Auto,
    Left,
    Center,
    Right,
}

impl Align {
    /// The name on the wire and in CSS.
    pub fn name(self) -> &'static str {
        match self {
            Align::Auto => "auto",
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }

    /// Reads a wire name; anything else is `Auto`.
    pub fn from_name(s: &str) -> Align {
        match s {
            "left" => Align::Left,
            "center" => Align::Center,
            "right" => Align::Right,
            _ => Align::Auto,
        }
    }
}

/// A file of a video or a recording, with its MIME type (`video/mp4`, `audio/mpeg`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaSource {
    pub src: String,
    #[serde(rename = "type")]
    pub mime: String,
}

/// A WebVTT captions file of a video.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    pub src: String,
    /// Language code, e.g. `vi`.
    #[serde(default)]
    pub lang: String,
    /// Shown in the player's captions menu, e.g. "Tiếng Việt".
    #[serde(default)]
    pub label: String,
}

/// A video. `youtube` (an id) is shown in privacy-enhanced mode, loaded only when
/// the reader asks; otherwise `sources` are the site's own files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Video {
    /// What the video is, for everyone and for screen readers.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub youtube: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<MediaSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<Image>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<Track>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// A sound recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audio {
    pub title: String,
    pub sources: Vec<MediaSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// A series of photos with their captions and credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gallery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub photos: Vec<Figure>,
}

/// A file attached to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file's address, e.g. `/tep/nghi-quyet-12.pdf`.
    pub href: String,
    pub title: String,
    /// The file's kind in capitals, e.g. `PDF`, `DOCX`.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
}

/// A run of text inside a paragraph, quote or list item. Tagged by `"type"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", from = "wire::RawInline")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        text: String,
    },
    Emphasis {
        text: String,
    },
    /// A link; the app renders it only when `href` is http(s) or relative.
    Link {
        text: String,
        href: String,
    },
    #[serde(other)]
    Unknown,
}

impl Inline {
    /// The visible text of this run.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text { text }
            | Inline::Strong { text }
            | Inline::Emphasis { text }
            | Inline::Link { text, .. } => text,
            Inline::Unknown => "",
        }
    }
}

/// The visible text of a body, block by block on lines of their own (headings,
/// captions, quotes and list items included): what search indexes and quotes.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let line = |out: &mut String, parts: &mut dyn Iterator<Item = &str>| {
        let start = out.len();
        for p in parts {
            out.push_str(p);
        }
        if out.len() > start {
            out.push('\n');
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Quote {
                content,
                cite: None,
            } => {
                line(&mut out, &mut content.iter().map(Inline::text));
            }
            Block::Quote {
                content,
                cite: Some(cite),
            } => {
                line(&mut out, &mut content.iter().map(Inline::text));
                line(&mut out, &mut std::iter::once(cite.as_str()));
            }
            Block::Heading { text, .. } => line(&mut out, &mut std::iter::once(text.as_str())),
            Block::Figure(f) => {
                if let Some(c) = &f.caption {
                    line(&mut out, &mut std::iter::once(c.as_str()));
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    line(&mut out, &mut item.iter().map(Inline::text));
                }
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    line(&mut out, &mut std::iter::once(c.as_str()));
                }
                for row in std::iter::once(&t.head).chain(&t.rows) {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| c.iter().map(Inline::text).collect())
                        .collect();
                    line(&mut out, &mut [cells.join(" ")].iter().map(String::as_str));
                }
            }
            Block::Video(v) => {
                line(&mut out, &mut std::iter::once(v.title.as_str()));
                if let Some(c) = &v.caption {
                    line(&mut out, &mut std::iter::once(c.as_str()));
                }
            }
            Block::Audio(a) => {
                line(&mut out, &mut std::iter::once(a.title.as_str()));
                if let Some(c) = &a.caption {
                    line(&mut out, &mut std::iter::once(c.as_str()));
                }
            }
            Block::Gallery(g) => {
                if let Some(t) = &g.title {
                    line(&mut out, &mut std::iter::once(t.as_str()));
                }
                for f in &g.photos {
                    if let Some(c) = &f.caption {
                        line(&mut out, &mut std::iter::once(c.as_str()));
                    }
                }
            }
            Block::Unknown => {}
        }
    }
    out
}

/// A page of the site outside the news stream ("Giới thiệu", "Liên hệ"):
/// `data/trang/<slug>.json`, shown at `/trang/<slug>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfoPage {
    #[serde(default = "version_one")]
    pub version: u32,
    pub slug: String,
    pub title: String,
    /// What the page is about, for search engines and share cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the page was last changed, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// The page in the site's other languages (`translation_of`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Alternate>,
}

impl From<InfoPage> for Article {
    /// A page as an article without date, category or related articles: the
    /// app shows both with one view, and reads a page's document as an
    /// article's (every field an `InfoPage` has, an `Article` reads alike;
    /// `description` is for the page's `<head>` only).
    fn from(p: InfoPage) -> Article {
        Article {
            version: p.version,
            slug: p.slug,
            title: p.title,
            lead: None,
            published: String::new(),
            updated: p.updated,
            category: None,
            tags: Vec::new(),
            author: None,
            source: None,
            cover: None,
            body: p.body,
            attachments: p.attachments,
            related: Vec::new(),
            translations: p.translations,
        }
    }
}

/// An entry of the documents registry ("Văn bản"): `data/van-ban/<slug>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialDocument {
    #[serde(default = "version_one")]
    pub version: u32,
    pub slug: String,
    /// The document number ("số ký hiệu"), e.g. `05-NQ/TU`.
    pub number: String,
    /// Its type ("Nghị quyết", "Quyết định", …), with the slug the listing filters by.
    #[serde(rename = "type")]
    pub kind: Term,
    /// The issuing body ("cơ quan ban hành").
    pub issuer: Term,
    pub signer: String,
    /// The signer's office ("Chủ tịch").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer_title: Option<String>,
    /// Date issued, `YYYY-MM-DD`.
    pub issued: String,
    /// Date it takes effect, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// What it is about ("trích yếu").
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Term>,
    /// A short account of its content (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
    /// Its files (PDF, DOC, DOCX), at least one.
    #[serde(default)]
    pub files: Vec<Attachment>,
}

/// The documents registry's listing: `data/van-ban/index.json`. Every entry,
/// newest first, with the facets the listing filters by; entries name their
/// type, issuer and fields by position in those lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentIndex {
    #[serde(default = "version_one")]
    pub version: u32,
    #[serde(default)]
    pub types: Vec<Term>,
    #[serde(default)]
    pub issuers: Vec<Term>,
    #[serde(default)]
    pub fields: Vec<Term>,
    #[serde(default)]
    pub items: Vec<DocumentRow>,
}

/// One entry of [`DocumentIndex`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub slug: String,
    pub number: String,
    pub summary: String,
    /// Date issued, `YYYY-MM-DD`.
    pub issued: String,
    /// Position in [`DocumentIndex::types`].
    #[serde(rename = "type")]
    pub kind: u32,
    /// Position in [`DocumentIndex::issuers`].
    pub issuer: u32,
    /// Positions in [`DocumentIndex::fields`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<u32>,
}

impl DocumentRow {
    /// The year it was issued (`0` when the date is malformed).
    pub fn year(&self) -> u32 {
        self.issued
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(0)
    }
}

/// What listings and related lists show of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default)]
    pub published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Term>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<Image>,
}

/// Which articles a listing holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingKind {
    Latest,
    Category,
    Tag,
}

/// One page of a listing, newest first: `data/moi-nhat/<page>.json`,
/// `data/chuyen-muc/<slug>/<page>.json` or `data/the/<slug>/<page>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    #[serde(default = "version_one")]
    pub version: u32,
    pub kind: ListingKind,
    /// The category or tag; absent for the latest news.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// 1-based page number.
    pub page: u32,
    pub page_count: u32,
    /// Number of articles in the whole listing.
    pub total: u32,
    pub per_page: u32,
    #[serde(default)]
    pub items: Vec<ArticleSummary>,
}

/// The home page: `data/trang-chu.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    #[serde(default = "version_one")]
    pub version: u32,
    /// The lead story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<ArticleSummary>,
    /// The latest news after the lead story.
    #[serde(default)]
    pub latest: Vec<ArticleSummary>,
    /// One block per category, in menu order.
    #[serde(default)]
    pub sections: Vec<HomeSection>,
}

/// A category's block on the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeSection {
    pub category: Term,
    #[serde(default)]
    pub items: Vec<ArticleSummary>,
}

/// Any top-level document of the contract.
pub trait Document: for<'de> Deserialize<'de> {
    fn version(&self) -> u32;
}

macro_rules! document {
    ($($t:ty),*) => {$(
        impl Document for $t {
            fn version(&self) -> u32 {
                self.version
            }
        }
    )*};
}
document!(
    SiteSettings,
    Article,
    Listing,
    Home,
    RuntimeConfig,
    InfoPage,
    OfficialDocument,
    DocumentIndex
);

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractError {
    /// Not JSON, or JSON of the wrong shape; the message is the parser's.
    Malformed(String),
    /// Written for a newer major version of the contract than this app knows.
    NewerVersion(u32),
}

impl std::fmt::Display for ContractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContractError::Malformed(e) => write!(f, "malformed document: {e}"),
            ContractError::NewerVersion(v) => write!(
                f,
                "document is contract version {v}, this reader knows version {CONTRACT_VERSION}"
            ),
        }
    }
}

impl std::error::Error for ContractError {}

/// Reads a document with any deserializer and checks its version.
///
/// `read` parses the whole document; `probe` reads only its `version` field
/// and is called when `read` fails, so a newer major version is reported as
/// such (not as malformed) even when its shape has changed.
pub fn parse_with<T: Document, E: std::fmt::Display>(
    read: impl FnOnce() -> Result<T, E>,
    probe: impl FnOnce() -> Option<u32>,
) -> Result<T, ContractError> {
    match read() {
        Ok(doc) if doc.version() > CONTRACT_VERSION => {
            Err(ContractError::NewerVersion(doc.version()))
        }
        Ok(doc) => Ok(doc),
        Err(e) => match probe() {
            Some(v) if v > CONTRACT_VERSION => Err(ContractError::NewerVersion(v)),
            _ => Err(ContractError::Malformed(e.to_string())),
        },
    }
}

/// The `version` of a document, for [`parse_with`]'s probe.
#[derive(Deserialize)]
pub struct VersionProbe {
    #[serde(default = "version_one")]
    pub version: u32,
}

/// Parses a document of the contract from JSON text and checks its version.
#[cfg(feature = "json")]
pub fn parse<T: Document>(json: &str) -> Result<T, ContractError> {
    parse_with(
        || serde_json::from_str::<T>(json),
        || {
            serde_json::from_str::<VersionProbe>(json)
                .ok()
                .map(|p| p.version)
        },
    )
}
