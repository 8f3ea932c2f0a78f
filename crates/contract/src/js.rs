//! Reading the contract's documents in the browser (feature `js`).
//!
//! The browser's own `JSON.parse` reads the text and these readers map the
//! result onto the contract's types. It accepts the same documents as the
//! serde derive (required fields must be there with the right type; unknown
//! fields are ignored; optional fields may be missing) for a fraction of the
//! WebAssembly that serde_json and the derived visitors cost. The browser
//! tests check both readers agree on every document type.

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;

use crate::{
    parse_with, Align, Alternate, Article, ArticleSummary, Attachment, Audio, Block, Category,
    ContractError, Document, DocumentIndex, DocumentRow, ExternalLink, Figure, Footer, Gallery,
    Home, HomeSection, Image, InfoPage, Inline, LinkGroup, Listing, ListingKind, MediaSource,
    MenuEntry, OfficialDocument, Resized, RuntimeConfig, SiteSettings, Source, Table, Term, Track,
    Video,
};

/// A type read from a parsed JSON value.
pub trait FromJs: Sized {
    /// Reads `value`; the error names what was wrong.
    fn from_js(value: &JsValue) -> Result<Self, String>;
}

/// Parses a document from JSON text with the browser's parser and checks its version.
pub fn parse_js<T: Document + FromJs>(json: &str) -> Result<T, ContractError> {
    let value = JSON::parse(json).map_err(|_| ContractError::Malformed("not JSON".into()))?;
    parse_with(
        || T::from_js(&value),
        || {
            if value.is_object() {
                Some(version(&value))
            } else {
                None
            }
        },
    )
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn opt_str(o: &JsValue, key: &str) -> Option<String> {
    get(o, key).as_string()
}

fn req_str(o: &JsValue, key: &str) -> Result<String, String> {
    opt_str(o, key).ok_or_else(|| format!("missing or non-string field `{key}`"))
}

fn opt_u32(o: &JsValue, key: &str) -> Option<u32> {
    get(o, key)
        .as_f64()
        .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX))
        .map(|f| f as u32)
}

fn req_u32(o: &JsValue, key: &str) -> Result<u32, String> {
    opt_u32(o, key).ok_or_else(|| format!("missing or non-integer field `{key}`"))
}

fn version(o: &JsValue) -> u32 {
    opt_u32(o, "version").unwrap_or(1)
}

fn object(value: &JsValue) -> Result<&JsValue, String> {
    if value.is_object() && !Array::is_array(value) {
        Ok(value)
    } else {
        Err("expected an object".into())
    }
}

fn opt<T: FromJs>(o: &JsValue, key: &str) -> Result<Option<T>, String> {
    let v = get(o, key);
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        T::from_js(&v).map(Some)
    }
}

fn req<T: FromJs>(o: &JsValue, key: &str) -> Result<T, String> {
    T::from_js(&get(o, key)).map_err(|e| format!("`{key}`: {e}"))
}

fn list<T: FromJs>(o: &JsValue, key: &str) -> Result<Vec<T>, String> {
    let v = get(o, key);
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(&v) {
        return Err(format!("`{key}` is not a list"));
    }
    Array::from(&v)
        .iter()
        .map(|item| T::from_js(&item))
        .collect()
}

impl FromJs for String {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        v.as_string().ok_or_else(|| "expected a string".into())
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        if !Array::is_array(v) {
            return Err("expected a list".into());
        }
        Array::from(v)
            .iter()
            .map(|item| T::from_js(&item))
            .collect()
    }
}

impl FromJs for Term {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Term {
            slug: req_str(o, "slug")?,
            name: req_str(o, "name")?,
        })
    }
}

impl FromJs for Category {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Category {
            slug: req_str(o, "slug")?,
            name: req_str(o, "name")?,
            description: opt_str(o, "description"),
        })
    }
}

impl FromJs for ExternalLink {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(ExternalLink {
            name: req_str(o, "name")?,
            url: req_str(o, "url")?,
        })
    }
}

impl FromJs for Footer {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Footer {
            owner: opt_str(o, "owner"),
            address: opt_str(o, "address"),
            phone: opt_str(o, "phone"),
            email: opt_str(o, "email"),
            license: opt_str(o, "license"),
            notes: list(o, "notes")?,
        })
    }
}

impl FromJs for SiteSettings {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(SiteSettings {
            version: version(o),
            name: req_str(o, "name")?,
            tagline: opt_str(o, "tagline"),
            base_url: opt_str(o, "base_url"),
            categories: list(o, "categories")?,
            links: list(o, "links")?,
            footer: opt(o, "footer")?.unwrap_or_default(),
            menu: list(o, "menu")?,
            footer_links: list(o, "footer_links")?,
            pages: list(o, "pages")?,
            registry: list(o, "registry")?,
            lang: opt_str(o, "lang"),
            languages: list(o, "languages")?,
        })
    }
}

impl FromJs for MenuEntry {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(MenuEntry {
            name: req_str(o, "name")?,
            url: opt_str(o, "url"),
            items: list(o, "items")?,
        })
    }
}

impl FromJs for LinkGroup {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(LinkGroup {
            title: req_str(o, "title")?,
            items: list(o, "items")?,
        })
    }
}

impl FromJs for InfoPage {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(InfoPage {
            version: version(o),
            slug: req_str(o, "slug")?,
            title: req_str(o, "title")?,
            description: opt_str(o, "description"),
            updated: opt_str(o, "updated"),
            body: list(o, "body")?,
            attachments: list(o, "attachments")?,
            translations: list(o, "translations")?,
        })
    }
}

impl FromJs for OfficialDocument {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(OfficialDocument {
            version: version(o),
            slug: req_str(o, "slug")?,
            number: req_str(o, "number")?,
            kind: Term::from_js(&get(o, "type"))?,
            issuer: Term::from_js(&get(o, "issuer"))?,
            signer: req_str(o, "signer")?,
            signer_title: opt_str(o, "signer_title"),
            issued: req_str(o, "issued")?,
            effective: opt_str(o, "effective"),
            summary: req_str(o, "summary")?,
            fields: list(o, "fields")?,
            body: list(o, "body")?,
            files: list(o, "files")?,
        })
    }
}

impl FromJs for DocumentIndex {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(DocumentIndex {
            version: version(o),
            types: list(o, "types")?,
            issuers: list(o, "issuers")?,
            fields: list(o, "fields")?,
            items: list(o, "items")?,
        })
    }
}

impl FromJs for DocumentRow {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(DocumentRow {
            slug: req_str(o, "slug")?,
            number: req_str(o, "number")?,
            summary: req_str(o, "summary")?,
            issued: req_str(o, "issued")?,
            kind: req_u32(o, "type")?,
            issuer: req_u32(o, "issuer")?,
            fields: list(o, "fields")?,
        })
    }
}

impl FromJs for RuntimeConfig {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        let defaults = RuntimeConfig::default();
        Ok(RuntimeConfig {
            version: version(o),
            build: opt_str(o, "build"),
            site_name: opt_str(o, "site_name"),
            data_url: opt_str(o, "data_url").unwrap_or(defaults.data_url),
            links: opt(o, "links")?,
        })
    }
}

impl FromJs for Image {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Image {
            src: req_str(o, "src")?,
            alt: opt_str(o, "alt").unwrap_or_default(),
            width: opt_u32(o, "width"),
            height: opt_u32(o, "height"),
            resized: opt(o, "resized")?,
            placeholder: opt_str(o, "placeholder"),
        })
    }
}

impl FromJs for u32 {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        v.as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX))
            .map(|f| f as u32)
            .ok_or_else(|| "expected an integer".into())
    }
}

impl FromJs for Resized {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Resized {
            stem: req_str(o, "stem")?,
            widths: list(o, "widths")?,
            fallback: opt_str(o, "fallback").unwrap_or_else(|| "jpg".into()),
        })
    }
}

impl FromJs for MediaSource {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(MediaSource {
            src: req_str(o, "src")?,
            mime: req_str(o, "type")?,
        })
    }
}

impl FromJs for Track {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Track {
            src: req_str(o, "src")?,
            lang: opt_str(o, "lang").unwrap_or_default(),
            label: opt_str(o, "label").unwrap_or_default(),
        })
    }
}

impl FromJs for Attachment {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Attachment {
            href: req_str(o, "href")?,
            title: req_str(o, "title")?,
            format: opt_str(o, "format").unwrap_or_default(),
            size: get(o, "size")
                .as_f64()
                .filter(|f| *f >= 0.0)
                .map_or(0, |f| f as u64),
        })
    }
}

impl FromJs for Figure {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Figure {
            image: req(o, "image")?,
            caption: opt_str(o, "caption"),
            credit: opt_str(o, "credit"),
        })
    }
}

impl FromJs for Source {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Source {
            name: req_str(o, "name")?,
            url: opt_str(o, "url"),
        })
    }
}

impl FromJs for Inline {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        let text = opt_str(o, "text").unwrap_or_default();
        Ok(match opt_str(o, "type").as_deref() {
            Some("text") => Inline::Text { text },
            Some("strong") => Inline::Strong { text },
            Some("emphasis") => Inline::Emphasis { text },
            Some("link") => Inline::Link {
                text,
                href: opt_str(o, "href").unwrap_or_default(),
            },
            _ => Inline::Unknown,
        })
    }
}

impl FromJs for Block {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        // Same rules as the serde reader (see `wire.rs`): unknown or empty blocks are skipped.
        let content = || list::<Inline>(o, "content");
        Ok(match opt_str(o, "type").as_deref() {
            Some("paragraph") => match content()? {
                c if c.is_empty() => Block::Unknown,
                content => Block::Paragraph { content },
            },
            Some("heading") => match opt_str(o, "text") {
                Some(text) if !text.trim().is_empty() => Block::Heading {
                    level: opt_u32(o, "level").map_or(2, |l| l.min(6) as u8),
                    text,
                },
                _ => Block::Unknown,
            },
            Some("figure") => match opt::<Image>(o, "image")? {
                Some(image) => Block::Figure(Figure {
                    image,
                    caption: opt_str(o, "caption"),
                    credit: opt_str(o, "credit"),
                }),
                None => Block::Unknown,
            },
            Some("quote") => match content()? {
                c if c.is_empty() => Block::Unknown,
                content => Block::Quote {
                    content,
                    cite: opt_str(o, "cite"),
                },
            },
            Some("list") => match list::<Vec<Inline>>(o, "items")? {
                items if items.is_empty() => Block::Unknown,
                items => Block::List {
                    ordered: get(o, "ordered").as_bool().unwrap_or(false),
                    items,
                },
            },
            Some("table") => {
                // Read leniently, as `wire.rs` does: another shape is left out.
                let head: Vec<Vec<Inline>> = list(o, "head").unwrap_or_default();
                let rows: Vec<Vec<Vec<Inline>>> = list(o, "rows").unwrap_or_default();
                if head.is_empty() && rows.is_empty() {
                    Block::Unknown
                } else {
                    let align: Vec<String> = list(o, "align").unwrap_or_default();
                    Block::Table(Table {
                        caption: opt_str(o, "caption"),
                        align: align.iter().map(|a| Align::from_name(a)).collect(),
                        head,
                        rows,
                    })
                }
            }
            Some("video") => {
                let youtube = opt_str(o, "youtube");
                let sources = list(o, "sources").unwrap_or_default();
                match opt_str(o, "title") {
                    Some(title) if youtube.is_some() || !sources.is_empty() => {
                        Block::Video(Video {
                            title,
                            youtube,
                            sources,
                            poster: opt(o, "poster").unwrap_or_default(),
                            tracks: list(o, "tracks").unwrap_or_default(),
                            caption: opt_str(o, "caption"),
                        })
                    }
                    _ => Block::Unknown,
                }
            }
            Some("audio") => {
                let sources: Vec<MediaSource> = list(o, "sources").unwrap_or_default();
                match opt_str(o, "title") {
                    Some(title) if !sources.is_empty() => Block::Audio(Audio {
                        title,
                        sources,
                        caption: opt_str(o, "caption"),
                    }),
                    _ => Block::Unknown,
                }
            }
            Some("gallery") => match list::<Figure>(o, "photos").unwrap_or_default() {
                photos if photos.is_empty() => Block::Unknown,
                photos => Block::Gallery(Gallery {
                    title: opt_str(o, "title"),
                    photos,
                }),
            },
            _ => Block::Unknown,
        })
    }
}

impl FromJs for ArticleSummary {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(ArticleSummary {
            slug: req_str(o, "slug")?,
            title: req_str(o, "title")?,
            lead: opt_str(o, "lead"),
            published: opt_str(o, "published").unwrap_or_default(),
            category: opt(o, "category")?,
            thumb: opt(o, "thumb")?,
        })
    }
}

impl FromJs for Article {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Article {
            version: version(o),
            slug: req_str(o, "slug")?,
            title: req_str(o, "title")?,
            lead: opt_str(o, "lead"),
            published: opt_str(o, "published").unwrap_or_default(),
            updated: opt_str(o, "updated"),
            category: opt(o, "category")?,
            tags: list(o, "tags")?,
            author: opt_str(o, "author"),
            source: opt(o, "source")?,
            cover: opt(o, "cover")?,
            body: list(o, "body")?,
            attachments: list(o, "attachments")?,
            related: list(o, "related")?,
            translations: list(o, "translations")?,
        })
    }
}

impl FromJs for Alternate {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Alternate {
            lang: req_str(o, "lang")?,
            url: req_str(o, "url")?,
        })
    }
}

impl FromJs for Listing {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        let kind = match opt_str(o, "kind").as_deref() {
            Some("latest") => ListingKind::Latest,
            Some("category") => ListingKind::Category,
            Some("tag") => ListingKind::Tag,
            _ => return Err("missing or unknown field `kind`".into()),
        };
        Ok(Listing {
            version: version(o),
            kind,
            term: opt(o, "term")?,
            page: req_u32(o, "page")?,
            page_count: req_u32(o, "page_count")?,
            total: req_u32(o, "total")?,
            per_page: req_u32(o, "per_page")?,
            items: list(o, "items")?,
        })
    }
}

impl FromJs for HomeSection {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(HomeSection {
            category: req(o, "category")?,
            items: list(o, "items")?,
        })
    }
}

impl FromJs for Home {
    fn from_js(v: &JsValue) -> Result<Self, String> {
        let o = object(v)?;
        Ok(Home {
            version: version(o),
            lead: opt(o, "lead")?,
            latest: list(o, "latest")?,
            sections: list(o, "sections")?,
        })
    }
}
