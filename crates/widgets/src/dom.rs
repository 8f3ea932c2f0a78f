//! Rendering a widget into its shadow root (browser only).

use bantin_contract::js::{parse_js, FromJs};
use bantin_contract::{paths, Article, ArticleSummary, Document, Image, Listing, SiteSettings};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Node, Response, ShadowRoot};

use crate::options::{resolve, Kind, Options};
use crate::style::CSS;
use crate::texts::{self, Text};

/// The id of the hidden "opens in a new tab" note that new-tab links point to.
const NEW_TAB_ID: &str = "tm";

/// Renders the widget declared by `host` into `shadow`. `root` is the portal's
/// address ending in `/` (embed.js's folder), `lang` the portal's language
/// (`site.json`'s, from embed.js); the element's own `lang` attribute wins.
/// Never fails for bad options or data: the widget then shows a message with
/// a link to the portal.
#[wasm_bindgen]
pub async fn render(host: Element, shadow: ShadowRoot, root: String, lang: Option<String>) {
    let doc = host.owner_document().unwrap_throw();
    let t = texts::text(&host.get_attribute("lang").or(lang).unwrap_or_default());
    let ui = Ui { doc, root, t };
    let style = ui.el("style");
    style.set_text_content(Some(CSS));
    shadow.set_text_content(None);
    let _ = shadow.append_child(&style);
    let opts = match Options::from_attrs(|n| host.get_attribute(n)) {
        Ok(o) => o,
        Err(msg) => return ui.error(&shadow, &msg, false),
    };
    let frame = ui.el("section");
    let dark = matches!(opts.theme, crate::options::Theme::Dark);
    let mut class = String::from("w");
    match opts.theme {
        crate::options::Theme::Dark => class.push_str(" w--toi"),
        crate::options::Theme::Site => class.push_str(" w--cong"),
        crate::options::Theme::Light => {}
    }
    if opts.thumbs() {
        class.push_str(" a");
    }
    let _ = frame.set_attribute("class", &class);
    let _ = frame.set_attribute("aria-label", t.region);
    if opts.new_tab {
        // Screen readers announce it on every link (ids are scoped to the shadow root).
        let note = ui.add(&frame, "span", "", Some(t.new_tab));
        let _ = note.set_attribute("id", NEW_TAB_ID);
        let _ = note.set_attribute("hidden", "");
    }
    match fetch(t, &format!("{}data/{}", ui.root, opts.data_path())).await {
        Ok(text) => {
            if let Err(msg) = ui.fill(&frame, &opts, &text) {
                return ui.error(&shadow, msg, dark);
            }
        }
        Err(msg) => return ui.error(&shadow, msg, dark),
    }
    let _ = shadow.append_child(&frame);
}

/// Fetches a document's text; the error is the message to show.
async fn fetch(t: &'static Text, url: &str) -> Result<String, &'static str> {
    let window = web_sys::window().ok_or(t.load_failed)?;
    let resp: Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| t.load_failed)?
        .unchecked_into();
    if resp.status() == 404 {
        return Err(t.not_found);
    }
    if !resp.ok() {
        return Err(t.load_failed);
    }
    let text = JsFuture::from(resp.text().map_err(|_| t.load_failed)?)
        .await
        .map_err(|_| t.load_failed)?;
    text.as_string().ok_or(t.load_failed)
}

fn parse<T: Document + FromJs>(t: &'static Text, text: &str) -> Result<T, &'static str> {
    parse_js(text).map_err(|_| t.bad_data)
}

struct Ui {
    doc: web_sys::Document,
    root: String,
    /// The widget's words, in its language.
    t: &'static Text,
}

impl Ui {
    fn el(&self, tag: &str) -> Element {
        self.doc.create_element(tag).unwrap_throw()
    }

    fn add(&self, parent: &Node, tag: &str, class: &str, text: Option<&str>) -> Element {
        let e = self.el(tag);
        if !class.is_empty() {
            let _ = e.set_attribute("class", class);
        }
        if text.is_some() {
            e.set_text_content(text);
        }
        let _ = parent.append_child(&e);
        e
    }

    /// A link to `href` (resolved and checked); an unsafe one becomes a plain `<span>`.
    fn link(&self, parent: &Node, href: &str, class: &str, opts: &Options) -> Element {
        let Some(url) = resolve(&self.root, href) else {
            return self.add(parent, "span", class, None);
        };
        let a = self.add(parent, "a", class, None);
        let _ = a.set_attribute("href", &url);
        if opts.new_tab {
            let _ = a.set_attribute("target", "_blank");
            let _ = a.set_attribute("rel", "noopener");
            let _ = a.set_attribute("aria-describedby", NEW_TAB_ID);
        }
        a
    }

    /// A thumbnail, or a blank of the same size when there is none (rows stay aligned).
    fn thumb(&self, parent: &Node, image: Option<&Image>) {
        // A photo's smallest copy is enough for a thumbnail.
        match image.and_then(|i| resolve(&self.root, &i.at_width(120))) {
            Some(src) => {
                let img = self.add(parent, "img", "", None);
                let _ = img.set_attribute("src", &src);
                // The title beside it says what the picture is about.
                let _ = img.set_attribute("alt", "");
                let _ = img.set_attribute("loading", "lazy");
                let _ = img.set_attribute("decoding", "async");
            }
            None => {
                self.add(parent, "span", "p", None);
            }
        }
    }

    /// Reads the document `text` and fills `frame` with the title, rows and "more" link.
    fn fill(&self, frame: &Element, opts: &Options, text: &str) -> Result<(), &'static str> {
        let t = self.t;
        let n = opts.count as usize;
        let (title, more, more_text) = match &opts.kind {
            Kind::Latest | Kind::Category(_) | Kind::Tag(_) => {
                let l: Listing = parse(t, text)?;
                let name = l.term.as_ref().map(|term| term.name.as_str());
                let title = match (&opts.kind, name) {
                    (Kind::Latest, _) => t.latest.to_string(),
                    (Kind::Tag(_), Some(n)) => format!("{}{n}", t.tag_prefix),
                    (_, Some(n)) => n.to_string(),
                    _ => t.category.to_string(),
                };
                self.head(frame, &title, opts);
                self.summaries(frame, &l.items[..n.min(l.items.len())], opts);
                (title, opts.more_route(), t.more)
            }
            Kind::Related(_) => {
                let a: Article = parse(t, text)?;
                self.head(frame, t.related, opts);
                self.summaries(frame, &a.related[..n.min(a.related.len())], opts);
                (a.title, opts.more_route(), t.more)
            }
            Kind::Card(_) => {
                let a: Article = parse(t, text)?;
                let _ = frame.set_attribute("class", &format!("{} c", frame.class_name()));
                let link = self.link(frame, &opts.more_route(), "", opts);
                self.thumb(&link, a.cover.as_ref().map(|c| &c.image));
                let body = self.add(&link, "div", "b", None);
                self.add(&body, "span", "t", Some(&a.title));
                if let Some(lead) = &a.lead {
                    self.add(&body, "p", "", Some(lead));
                }
                self.date(&body, &a.published);
                return Ok(());
            }
            Kind::Links => {
                let s: SiteSettings = parse(t, text)?;
                self.head(frame, t.links, opts);
                let ul = self.add(frame, "ul", "", None);
                for l in s.links.iter().take(n) {
                    let li = self.add(&ul, "li", "", None);
                    let a = self.link(&li, &l.url, "", opts);
                    self.add(&a, "span", "t", Some(&l.name));
                }
                if s.links.is_empty() {
                    self.add(&ul, "li", "e", Some(t.empty));
                }
                (s.name, String::new(), t.portal)
            }
        };
        let m = self.link(frame, &more, "m", opts);
        m.set_text_content(Some(more_text));
        let _ = m.set_attribute("title", &title);
        Ok(())
    }

    fn head(&self, frame: &Element, title: &str, opts: &Options) {
        let h = self.add(frame, "h2", "h", None);
        let route = if matches!(opts.kind, Kind::Links | Kind::Related(_)) {
            String::new()
        } else {
            opts.more_route()
        };
        let a = self.link(&h, &route, "", opts);
        a.set_text_content(Some(title));
    }

    fn summaries(&self, frame: &Element, items: &[ArticleSummary], opts: &Options) {
        let ul = self.add(frame, "ul", "", None);
        for item in items {
            let li = self.add(&ul, "li", "", None);
            let a = self.link(&li, &paths::routes::article(&item.slug), "", opts);
            if opts.thumbs() {
                self.thumb(&a, item.thumb.as_ref());
                let body = self.add(&a, "span", "b", None);
                self.add(&body, "span", "t", Some(&item.title));
                self.date(&body, &item.published);
            } else {
                self.add(&a, "span", "t", Some(&item.title));
            }
        }
        if items.is_empty() {
            self.add(&ul, "li", "e", Some(self.t.empty));
        }
    }

    fn date(&self, parent: &Node, published: &str) {
        if let Some(d) = self.t.date(published) {
            let time = self.add(parent, "time", "", Some(&d));
            let _ = time.set_attribute("datetime", published);
        }
    }

    /// A message in place of the widget, with a plain link to the portal.
    fn error(&self, shadow: &ShadowRoot, msg: &str, dark: bool) {
        let frame = self.el("div");
        let _ = frame.set_attribute("class", if dark { "w w--toi" } else { "w" });
        let _ = frame.set_attribute("role", "status");
        let p = self.add(&frame, "p", "e", Some(msg));
        p.append_with_str_1(" ").unwrap_throw();
        let a = self.add(&p, "a", "", Some(self.t.see_portal));
        let _ = a.set_attribute("href", &self.root);
        let _ = shadow.append_child(&frame);
    }
}
