//! A WordPress post's HTML (`content:encoded`) as the content format's
//! Markdown: paragraphs (WordPress leaves them as blank lines, without `<p>`),
//! headings, lists, quotes, figures with captions (`[caption]` shortcodes and
//! `<figure><figcaption>`), galleries, tables, YouTube videos, bold, italic
//! and links. The HTML is parsed as a browser would (html5ever), so broken
//! markup still gives a tree. Whatever has no equivalent is reported with its
//! place (the block of the body and the WXR line), never dropped silently.

use std::collections::HashMap;

use bantin_contract::url::is_safe;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::markdown::{block_md, Blk, Photo, Run};
use crate::markdown::{collapse_spaces, youtube_id};

/// The result of looking up an address of the old site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    /// The address to write (`/anh/x.jpg`, `/tep/x.pdf`, `/bai-viet/x`, or the
    /// original one); `None` drops the image or the link (its text stays).
    pub src: Option<String>,
    /// What the editor should know (a missing file, a remote address kept).
    pub problem: Option<String>,
}

/// An attachment item of the export (an uploaded image or file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attachment {
    /// `wp:attachment_url`.
    pub url: String,
    /// `_wp_attachment_image_alt`.
    pub alt: String,
    /// The attachment's caption (its excerpt).
    pub caption: String,
    /// Its title.
    pub title: String,
}

/// What the converter needs from the import: media and links of the old site.
pub trait Media {
    /// An image's address: copied from the uploads folder, or kept remote.
    fn image(&mut self, url: &str) -> Resolved;
    /// A link's address: an uploaded file becomes `/tep/…`, a post of the old
    /// site its new address; other addresses stay.
    fn link(&mut self, href: &str) -> Resolved;
    /// An attachment by its post ID.
    fn attachment(&self, id: u64) -> Option<Attachment>;
    /// The image attachments of a post, in ID order (`[gallery]` without `ids`).
    fn children(&self, post: u64) -> Vec<u64>;
}

/// One thing the converter could not carry over, or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The block of the imported body it is at or before (1-based).
    pub block: usize,
    /// The line of the WXR file.
    pub line: usize,
    /// What happened, in Vietnamese.
    pub message: String,
    /// True when content was lost (not converted); false for a note.
    pub lost: bool,
}

/// A converted body.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    /// The body as the content format's Markdown.
    pub markdown: String,
    /// What could not be converted, or was changed, in body order.
    pub issues: Vec<Issue>,
}

/// The post being converted.
#[derive(Debug, Clone, Default)]
pub struct Post<'a> {
    /// `wp:post_id`.
    pub id: u64,
    /// The title (for the text of a video without one).
    pub title: &'a str,
    /// The WXR line the HTML starts on.
    pub first_line: usize,
}

/// Converts a post's HTML to Markdown blocks.
pub fn convert(html: &str, post: &Post<'_>, media: &mut dyn Media) -> Converted {
    let pre = shortcodes(html);
    let doc = Html::parse_fragment(&pre.text);
    let mut w = Walker {
        media,
        post,
        pre: &pre,
        blocks: Vec::new(),
        para: Vec::new(),
        strong: 0,
        em: 0,
        link: None,
        capture: 0,
        hoisted: Vec::new(),
        seen: HashMap::new(),
        issues: Vec::new(),
    };
    let root = doc.root_element();
    w.children(*root);
    w.flush();
    let mut markdown = String::new();
    for b in &w.blocks {
        let text = block_md(b);
        if text.trim().is_empty() {
            continue;
        }
        if !markdown.is_empty() {
            markdown.push_str("\n\n");
        }
        markdown.push_str(&text);
    }
    if !markdown.is_empty() {
        markdown.push('\n');
    }
    Converted {
        markdown,
        issues: w.issues,
    }
}

// ---------------------------------------------------------------------------
// Shortcodes, before the HTML parser sees the text.

/// The HTML with shortcodes replaced, and where its pieces came from.
struct Preprocessed {
    text: String,
    /// (offset in `text`, offset in the original) at each copied piece.
    map: Vec<(usize, usize)>,
    original: String,
}

impl Preprocessed {
    /// The line (1-based, within the HTML) of an offset of `text`.
    fn line_of(&self, at: usize) -> usize {
        let i = self
            .map
            .partition_point(|(p, _)| *p <= at)
            .saturating_sub(1);
        let orig = self
            .map
            .get(i)
            .map(|(p, o)| o + at.saturating_sub(*p))
            .unwrap_or(0)
            .min(self.original.len());
        let orig = (0..=orig)
            .rev()
            .find(|i| self.original.is_char_boundary(*i))
            .unwrap_or(0);
        self.original[..orig].matches('\n').count() + 1
    }

    /// The offset of the `n`-th (0-based) `<tag` of `text`, case aside.
    fn nth_tag(&self, tag: &str, n: usize) -> Option<usize> {
        let lower = self.text.to_ascii_lowercase();
        let needle = format!("<{tag}");
        lower
            .match_indices(&needle)
            .filter(|(i, _)| {
                lower[i + needle.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
            })
            .nth(n)
            .map(|(i, _)| i)
    }
}

/// The shortcodes WordPress renders that the importer maps; others are reported.
fn shortcodes(html: &str) -> Preprocessed {
    let mut out = String::with_capacity(html.len());
    let mut map = vec![(0, 0)];
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        let Some(rel) = html[i..].find('[') else {
            out.push_str(&html[i..]);
            break;
        };
        let at = i + rel;
        out.push_str(&html[i..at]);
        let line = html[..at].matches('\n').count() + 1;
        // `[[x]]` is WordPress's way to write a literal `[x]`.
        if bytes.get(at + 1) == Some(&b'[') {
            if let Some(end) = html[at..].find("]]") {
                let inner = &html[at + 1..at + end + 1];
                if parse_open(inner).is_some() {
                    out.push_str(inner);
                    i = at + end + 2;
                    map.push((out.len(), i));
                    continue;
                }
            }
        }
        let Some((name, attrs, len)) = parse_open(&html[at..]) else {
            out.push('[');
            i = at + 1;
            map.push((out.len(), i));
            continue;
        };
        let open_end = at + len;
        let close = format!("[/{name}]");
        let closing = html[open_end..].find(&close).map(|c| open_end + c);
        match name.as_str() {
            "caption" | "wp_caption" => {
                let (inner, end) = match closing {
                    Some(c) => (&html[open_end..c], c + close.len()),
                    None => ("", open_end),
                };
                out.push_str(&caption_figure(inner, attr(&attrs, "caption")));
                i = end;
            }
            "gallery" => {
                out.push_str(&format!(
                    "<bantin-gallery data-ids=\"{}\" data-line=\"{line}\"></bantin-gallery>",
                    escape_attr(&attr(&attrs, "ids").unwrap_or_default())
                ));
                i = open_end;
            }
            "video" | "audio" => {
                // WordPress's media shortcodes: `src`, or one attribute per format.
                let keys: &[&str] = if name == "video" {
                    &["src", "mp4", "webm", "m4v", "ogv"]
                } else {
                    &["src", "mp3", "m4a", "ogg", "wav"]
                };
                let src = keys
                    .iter()
                    .find_map(|k| attr(&attrs, k))
                    .unwrap_or_default();
                out.push_str(&format!("<{name} src=\"{}\"></{name}>", escape_attr(&src)));
                i = match closing {
                    Some(c) => c + close.len(),
                    None => open_end,
                };
            }
            "embed" if closing.is_some() => {
                let c = closing.unwrap_or(open_end);
                out.push_str(&format!(
                    "<bantin-embed data-url=\"{}\" data-line=\"{line}\"></bantin-embed>",
                    escape_attr(html[open_end..c].trim())
                ));
                i = c + close.len();
            }
            _ => {
                let raw = &html[at..open_end];
                let what = if closing.is_some() {
                    format!("{raw} … {close}")
                } else {
                    raw.to_string()
                };
                out.push_str(&format!(
                    "<bantin-drop data-what=\"{}\" data-kept=\"{}\" data-line=\"{line}\"></bantin-drop>",
                    escape_attr(&what),
                    closing.is_some()
                ));
                // An enclosing shortcode's content stays; its closing tag goes.
                i = open_end;
                if let Some(c) = closing {
                    map.push((out.len(), i));
                    out.push_str(&html[i..c]);
                    i = c + close.len();
                }
            }
        }
        map.push((out.len(), i));
    }
    Preprocessed {
        text: out,
        map,
        original: html.to_string(),
    }
}

/// `[name attrs]` or `[name attrs /]` at the start of `s`: the name, the
/// attributes' text and the length of the tag.
fn parse_open(s: &str) -> Option<(String, String, usize)> {
    let rest = s.strip_prefix('[')?;
    let name_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &rest[name_len..];
    if !(after.starts_with(']')
        || after.starts_with(char::is_whitespace)
        || after.starts_with("/]"))
    {
        return None;
    }
    // The closing `]`, outside quotes.
    let mut quote: Option<char> = None;
    for (k, c) in after.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '[') => return None,
            (None, ']') => {
                let attrs = after[..k].trim().trim_end_matches('/').trim().to_string();
                return Some((name.to_ascii_lowercase(), attrs, 1 + name_len + k + 1));
            }
            _ => {}
        }
    }
    None
}

/// The value of `key="…"` (or `'…'`, or bare) in a shortcode's attributes.
fn attr(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(pos) = rest.find(key) {
        let before_ok = pos == 0 || rest[..pos].ends_with(char::is_whitespace);
        let after = rest[pos + key.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let value = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                    _ => v.split(char::is_whitespace).next().unwrap_or(""),
                };
                return Some(value.to_string());
            }
        }
        rest = &rest[pos + key.len()..];
    }
    None
}

/// `[caption]<a><img></a> Text[/caption]` as `<figure>` with a `<figcaption>`.
fn caption_figure(inner: &str, caption_attr: Option<String>) -> String {
    let lower = inner.to_ascii_lowercase();
    let (media, mut caption) = match lower.find("<img") {
        Some(img) => {
            let end = lower[img..]
                .find('>')
                .map(|e| img + e + 1)
                .unwrap_or(inner.len());
            let rest = &lower[end..];
            let trimmed = rest.trim_start();
            let end = if trimmed.starts_with("</a>") {
                end + (rest.len() - trimmed.len()) + 4
            } else {
                end
            };
            (&inner[..end], inner[end..].to_string())
        }
        None => ("", inner.to_string()),
    };
    if caption.trim().is_empty() {
        caption = caption_attr.map(|c| escape_attr(&c)).unwrap_or_default();
    }
    format!("<figure class=\"wp-caption\">{media}<figcaption>{caption}</figcaption></figure>")
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---------------------------------------------------------------------------
// The tree walk.

/// Elements whose content is dropped and reported, with what to say.
fn dropped(name: &str) -> Option<&'static str> {
    Some(match name {
        "script" => "đoạn mã <script> bị bỏ (trang tĩnh không chạy mã trong bài)",
        "style" => "khối định dạng <style> bị bỏ",
        "form" => "biểu mẫu <form> không chuyển được, đã bỏ (hãy thay bằng liên kết tới biểu mẫu)",
        "object" | "embed" | "applet" => "nội dung nhúng <object>/<embed> bị bỏ",
        "canvas" | "svg" | "math" => "hình vẽ trực tiếp (<svg>, <canvas>, <math>) bị bỏ",
        "input" | "button" | "select" | "textarea" => "ô nhập/nút của biểu mẫu bị bỏ",
        "noscript" | "template" => "nội dung <noscript>/<template> bị bỏ",
        "map" | "area" => "bản đồ ảnh <map> bị bỏ",
        _ => return None,
    })
}

/// Containers whose content flows into blocks around them.
const BLOCK_CONTAINERS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "center",
    "details",
    "summary",
    "address",
    "dl",
    "dt",
    "dd",
    "figcaption",
    "hgroup",
    "body",
    "html",
    "fieldset",
    "legend",
    "caption",
    "pre",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "li",
];

/// Inline elements whose text is kept as it is.
const TRANSPARENT: &[&str] = &[
    "span",
    "font",
    "u",
    "ins",
    "mark",
    "small",
    "big",
    "sub",
    "sup",
    "abbr",
    "acronym",
    "time",
    "q",
    "code",
    "kbd",
    "samp",
    "var",
    "tt",
    "label",
    "bdi",
    "bdo",
    "data",
    "s",
    "strike",
    "del",
    "cite",
    "dfn",
    "wbr",
    "nobr",
    "picture",
    "source",
    "bantin-frag",
];

struct Walker<'a, 'p> {
    media: &'a mut dyn Media,
    post: &'a Post<'p>,
    pre: &'a Preprocessed,
    blocks: Vec<Blk>,
    para: Vec<Run>,
    strong: u32,
    em: u32,
    link: Option<String>,
    /// Inside a list item, a cell, a heading or a quote: paragraph ends are spaces
    /// and figures wait in `hoisted` until the enclosing block is written.
    capture: u32,
    hoisted: Vec<Blk>,
    /// How many elements of each reported tag were met (to find their line).
    seen: HashMap<String, usize>,
    issues: Vec<Issue>,
}

type N<'t> = NodeRef<'t, Node>;

impl Walker<'_, '_> {
    fn report_at(&mut self, line: usize, message: impl Into<String>, lost: bool) {
        self.issues.push(Issue {
            block: self.blocks.len() + 1,
            line: self.post.first_line + line.saturating_sub(1),
            message: message.into(),
            lost,
        });
    }

    /// The line (within the HTML) of the next element `tag` met: elements
    /// are counted in document order, which is the source's.
    fn next_line_of(&mut self, tag: &str) -> usize {
        let n = self.seen.entry(tag.to_string()).or_insert(0);
        let index = *n;
        *n += 1;
        self.pre
            .nth_tag(tag, index)
            .map(|at| self.pre.line_of(at))
            .unwrap_or(1)
    }

    /// Reports an element by finding its tag in the source.
    fn report_tag(&mut self, tag: &str, message: impl Into<String>, lost: bool) {
        let line = self.next_line_of(tag);
        self.report_at(line, message, lost);
    }

    /// Counts an element met without a report, so later ones find their line.
    fn count_tag(&mut self, tag: &str) {
        *self.seen.entry(tag.to_string()).or_insert(0) += 1;
    }

    fn push_block(&mut self, b: Blk) {
        if self.capture > 0 {
            self.hoisted.push(b);
        } else {
            self.blocks.push(b);
        }
    }

    /// Ends the paragraph being read.
    fn flush(&mut self) {
        if self.capture > 0 {
            self.text(" ");
            return;
        }
        let runs = merge(std::mem::take(&mut self.para));
        if !runs.is_empty() {
            self.blocks.push(Blk::Para(runs));
        }
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        let t = t.replace(['\n', '\r', '\t'], " ");
        let run = if let Some(href) = &self.link {
            Run::Link {
                text: t,
                href: href.clone(),
            }
        } else if self.strong > 0 {
            Run::Strong(t)
        } else if self.em > 0 {
            Run::Em(t)
        } else {
            Run::Text(t)
        };
        self.para.push(run);
    }

    /// Text of the flow: a blank line ends a paragraph (WordPress's wpautop).
    fn flow_text(&mut self, t: &str) {
        let mut first = true;
        for piece in split_blank_lines(t) {
            if !first {
                self.flush();
            }
            first = false;
            self.text(piece);
        }
    }

    fn children(&mut self, n: N<'_>) {
        for c in n.children() {
            self.node(c);
        }
    }

    /// Reads the inline content of `n` on its own: its runs, the figures
    /// found in it waiting in `hoisted`.
    fn captured(&mut self, n: N<'_>) -> Vec<Run> {
        let saved = std::mem::take(&mut self.para);
        let (strong, em, link) = (self.strong, self.em, self.link.take());
        self.capture += 1;
        self.children(n);
        self.capture -= 1;
        self.strong = strong;
        self.em = em;
        self.link = link;
        merge(std::mem::replace(&mut self.para, saved))
    }

    fn release_hoisted(&mut self) {
        if self.capture == 0 {
            let h = std::mem::take(&mut self.hoisted);
            self.blocks.extend(h);
        }
    }

    fn node(&mut self, n: N<'_>) {
        match n.value() {
            Node::Text(t) => {
                let t: &str = t;
                if self.capture > 0 {
                    self.text(t)
                } else {
                    self.flow_text(t)
                }
            }
            Node::Element(e) => {
                let name = e.name().to_string();
                self.element(n, &name);
            }
            _ => {}
        }
    }

    fn element(&mut self, n: N<'_>, name: &str) {
        let el = match n.value() {
            Node::Element(e) => e,
            _ => return,
        };
        match name {
            "p" => {
                self.flush();
                self.children(n);
                self.flush();
            }
            "br" => self.text(" "),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = if name >= "h3" { 3 } else { 2 };
                if name == "h1" {
                    self.report_tag(name, "tiêu đề cấp 1 <h1> trong thân bài thành tiêu đề mục (##): tiêu đề bài là cấp 1 duy nhất", false);
                } else if level == 3 && name != "h3" {
                    self.report_tag(
                        name,
                        format!("tiêu đề <{name}> thành tiêu đề cấp 3 (###)"),
                        false,
                    );
                }
                let runs = self.captured(n);
                let text = collapse_spaces(&runs.iter().map(Run::text).collect::<String>());
                if !text.is_empty() {
                    self.push_block(Blk::Heading(level, text));
                }
                self.release_hoisted();
            }
            "strong" | "b" => {
                self.strong += 1;
                self.children(n);
                self.strong -= 1;
            }
            "em" | "i" => {
                self.em += 1;
                self.children(n);
                self.em -= 1;
            }
            "a" => self.anchor(n, el),
            "img" => {
                if let Some(p) = self.photo(el, None) {
                    self.figure_break(Blk::Figure(p));
                }
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                self.list_items(n, &mut items);
                if !items.is_empty() {
                    self.push_block(Blk::List {
                        ordered: name == "ol",
                        items,
                    });
                }
                self.release_hoisted();
            }
            "blockquote" => self.quote(n),
            "table" => {
                self.flush();
                self.table(n, None);
                self.release_hoisted();
            }
            "figure" => self.figure(n, el),
            "iframe" => {
                let src = el.attr("src").unwrap_or("").to_string();
                let title = el.attr("title").map(collapse_spaces);
                self.embed(&src, title, None, "iframe");
            }
            "hr" => {
                self.flush();
                self.report_tag(
                    name,
                    "đường kẻ ngang <hr> bị bỏ (định dạng nội dung không có)",
                    false,
                );
            }
            "bantin-gallery" => {
                let line = el
                    .attr("data-line")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1);
                let ids: Vec<u64> = el
                    .attr("data-ids")
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect();
                let ids = if ids.is_empty() {
                    self.media.children(self.post.id)
                } else {
                    ids
                };
                let photos: Vec<Photo> = ids
                    .iter()
                    .filter_map(|id| self.attachment_photo(*id, line))
                    .collect();
                self.gallery(photos, None, line);
            }
            "video" | "audio" => self.media_file(n, name == "video", None),
            "bantin-embed" => {
                let url = el.attr("data-url").unwrap_or("").to_string();
                let line = el
                    .attr("data-line")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1);
                match youtube_id(&url) {
                    Some(id) => self.video(id, None, None),
                    None => {
                        self.flush();
                        self.report_at(line, format!("mã ngắn [embed] với {url} không chuyển được (chỉ hỗ trợ video YouTube); đã bỏ"), true);
                    }
                }
            }
            "bantin-drop" => {
                let what = el.attr("data-what").unwrap_or("").to_string();
                let kept = el.attr("data-kept") == Some("true");
                let line = el
                    .attr("data-line")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1);
                let msg = if kept {
                    format!("mã ngắn (shortcode) không chuyển được: {what}; đã bỏ mã, giữ chữ bên trong")
                } else {
                    format!("mã ngắn (shortcode) không chuyển được, đã bỏ: {what}")
                };
                self.report_at(line, msg, true);
            }
            _ if dropped(name).is_some() => {
                let mut msg = dropped(name).unwrap_or_default().to_string();
                let text = collapse_spaces(
                    &n.descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect::<String>(),
                );
                if !text.is_empty() && name != "script" && name != "style" {
                    msg.push_str(&format!(" (chữ bên trong: “{}”)", excerpt(&text)));
                }
                // A stylesheet is no content (Word pastes bring them): a note.
                self.report_tag(name, msg, name != "style");
            }
            _ if BLOCK_CONTAINERS.contains(&name) => {
                if name == "pre" {
                    self.report_tag(name, "khối <pre> thành đoạn văn thường", false);
                }
                self.flush();
                self.children(n);
                self.flush();
            }
            // Word's `<o:p>` and other prefixed tags, and empty unknown
            // tags, carry nothing to report.
            _ if TRANSPARENT.contains(&name)
                || name.contains(':')
                || text_of(n).trim().is_empty() =>
            {
                self.count_tag(name);
                self.children(n)
            }
            _ => {
                self.report_tag(
                    name,
                    format!("thẻ <{name}> không được hỗ trợ: đã bỏ thẻ, giữ chữ bên trong"),
                    false,
                );
                self.children(n);
            }
        }
    }

    fn anchor(&mut self, n: N<'_>, el: &scraper::node::Element) {
        // Every `<a` of the source is counted, so a report finds its own line.
        let line = self.next_line_of("a");
        let Some(href) = el.attr("href").map(str::trim).filter(|h| !h.is_empty()) else {
            self.children(n);
            return;
        };
        // A link around an image (to the full-size file): the image is the figure.
        let has_img = n
            .descendants()
            .any(|d| d.value().as_element().is_some_and(|e| e.name() == "img"));
        if has_img || self.link.is_some() {
            self.children(n);
            return;
        }
        if !is_safe(href) {
            let scheme = href
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let msg = if matches!(scheme.as_str(), "mailto" | "tel" | "sms" | "zalo") {
                format!(
                    "liên kết {scheme}: không dùng được (chỉ http(s) và đường dẫn); đã bỏ liên kết, giữ chữ: {}",
                    excerpt(href)
                )
            } else {
                format!(
                    "liên kết không an toàn bị bỏ (chỉ giữ chữ): {}",
                    excerpt(href)
                )
            };
            self.report_at(line, msg, true);
            self.children(n);
            return;
        }
        let r = self.media.link(href);
        if let Some(p) = r.problem {
            self.report_at(line, format!("liên kết {}: {p}", excerpt(href)), true);
        }
        match r.src {
            Some(href) => {
                self.link = Some(href);
                self.children(n);
                self.link = None;
            }
            None => self.children(n),
        }
    }

    /// A figure met in a paragraph's flow: it ends the paragraph and starts a new one.
    fn figure_break(&mut self, b: Blk) {
        if self.capture > 0 {
            self.hoisted.push(b);
        } else {
            self.flush();
            self.blocks.push(b);
        }
    }

    fn photo(&mut self, el: &scraper::node::Element, caption: Option<String>) -> Option<Photo> {
        let src = el.attr("src").unwrap_or("").trim().to_string();
        if src.is_empty() || src.starts_with("data:") {
            self.report_tag(
                "img",
                "ảnh không có địa chỉ (hoặc ảnh nhúng data:) bị bỏ",
                true,
            );
            return None;
        }
        let alt = el.attr("alt").map(collapse_spaces).unwrap_or_default();
        self.resolve_photo(&src, alt, caption, None)
    }

    fn resolve_photo(
        &mut self,
        src: &str,
        alt: String,
        caption: Option<String>,
        line: Option<usize>,
    ) -> Option<Photo> {
        // The line of the `<img>` (each is counted once), or the shortcode's.
        let line = line.unwrap_or_else(|| self.next_line_of("img"));
        let r = self.media.image(src);
        if let Some(p) = &r.problem {
            self.report_at(line, format!("ảnh {}: {p}", excerpt(src)), true);
        }
        let src = r.src?;
        let mut alt = alt;
        if alt.is_empty() {
            alt = caption
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| format!("Ảnh minh họa: {}", collapse_spaces(self.post.title)));
            let msg = format!(
                "ảnh {} thiếu mô tả (alt); đã dùng “{}”, hãy viết lại cho đúng ảnh",
                excerpt(&src),
                excerpt(&alt)
            );
            self.report_at(line, msg, false);
        }
        Some(Photo { src, alt, caption })
    }

    fn attachment_photo(&mut self, id: u64, line: usize) -> Option<Photo> {
        let Some(a) = self.media.attachment(id) else {
            self.report_at(
                line,
                format!("ảnh số {id} của phóng sự ảnh không có trong tệp xuất; đã bỏ"),
                true,
            );
            return None;
        };
        let caption = Some(collapse_spaces(&strip_tags(&a.caption))).filter(|c| !c.is_empty());
        let alt = if a.alt.trim().is_empty() {
            collapse_spaces(&a.title)
        } else {
            collapse_spaces(&a.alt)
        };
        self.resolve_photo(&a.url, alt, caption, Some(line))
    }

    fn gallery(&mut self, photos: Vec<Photo>, title: Option<String>, line: usize) {
        self.flush();
        match photos.len() {
            0 => self.report_at(
                line,
                "phóng sự ảnh không còn ảnh nào dùng được; đã bỏ",
                true,
            ),
            1 => self.push_block(Blk::Figure(photos.into_iter().next().expect("one"))),
            _ => self.push_block(Blk::Gallery { title, photos }),
        }
    }

    fn list_items(&mut self, n: N<'_>, items: &mut Vec<Vec<Run>>) {
        for c in n.children() {
            let Some(e) = c.value().as_element() else {
                continue;
            };
            if e.name() != "li" {
                let runs = self.captured(c);
                if !runs.is_empty() {
                    items.push(runs);
                }
                continue;
            }
            // Nested lists become items of this one.
            let mut nested = Vec::new();
            let saved = std::mem::take(&mut self.para);
            self.capture += 1;
            for g in c.children() {
                match g.value().as_element().map(|e| e.name()) {
                    Some(l @ ("ul" | "ol")) => {
                        self.report_tag(
                            l,
                            "danh sách lồng nhau được làm phẳng thành một cấp",
                            false,
                        );
                        self.list_items(g, &mut nested);
                    }
                    _ => self.node(g),
                }
            }
            self.capture -= 1;
            let runs = merge(std::mem::replace(&mut self.para, saved));
            if !runs.is_empty() {
                items.push(runs);
            }
            items.append(&mut nested);
        }
    }

    fn quote(&mut self, n: N<'_>) {
        self.flush();
        // The attribution: a `<cite>`, or a last paragraph "— Name".
        let mut cite = None;
        let last = n.children().filter(|c| c.value().is_element()).last();
        let last_cite = last
            .filter(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "p" | "div"))
            })
            .and_then(|c| {
                let t = collapse_spaces(&text_of(c));
                let who = t
                    .strip_prefix('—')
                    .or_else(|| t.strip_prefix('–'))?
                    .trim()
                    .to_string();
                (!who.is_empty()).then_some((c.id(), who))
            });
        let saved = std::mem::take(&mut self.para);
        self.capture += 1;
        for c in n.children() {
            if last_cite.as_ref().is_some_and(|(id, _)| *id == c.id()) {
                continue;
            }
            self.quote_child(c, &mut cite);
        }
        self.capture -= 1;
        let content = merge(std::mem::replace(&mut self.para, saved));
        let cite = cite.or(last_cite.map(|(_, who)| who));
        if !content.is_empty() {
            self.push_block(Blk::Quote { content, cite });
        }
        self.release_hoisted();
    }

    fn quote_child(&mut self, c: N<'_>, cite: &mut Option<String>) {
        match c.value().as_element().map(|e| e.name()) {
            Some("cite") => {
                let t = collapse_spaces(&text_of(c));
                let t = t.trim_start_matches(['—', '–', '-', ' ']).to_string();
                if !t.is_empty() {
                    *cite = Some(t);
                }
            }
            Some("p" | "div") => {
                for g in c.children() {
                    self.quote_child(g, cite);
                }
                self.text(" ");
            }
            _ => self.node(c),
        }
    }

    fn table(&mut self, n: N<'_>, caption: Option<String>) {
        let mut head: Vec<Vec<Run>> = Vec::new();
        let mut rows: Vec<Vec<Vec<Run>>> = Vec::new();
        let mut caption = caption;
        let mut row_nodes = Vec::new();
        for d in n.descendants() {
            match d.value().as_element().map(|e| e.name()) {
                Some("tr") => row_nodes.push(d),
                Some("caption") if caption.is_none() => {
                    caption = Some(collapse_spaces(&text_of(d))).filter(|c| !c.is_empty())
                }
                _ => {}
            }
        }
        for (i, r) in row_nodes.into_iter().enumerate() {
            let in_head = r
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name() == "thead"))
                .unwrap_or(false);
            let mut cells = Vec::new();
            let mut all_th = true;
            for c in r.children() {
                let Some(e) = c.value().as_element() else {
                    continue;
                };
                if e.name() != "td" && e.name() != "th" {
                    continue;
                }
                all_th &= e.name() == "th";
                cells.push(self.captured(c));
            }
            if cells.is_empty() {
                continue;
            }
            if (in_head || (all_th && i == 0)) && head.is_empty() && rows.is_empty() {
                head = cells;
            } else {
                rows.push(cells);
            }
        }
        if head.is_empty() && rows.is_empty() {
            return;
        }
        let width = rows
            .iter()
            .map(Vec::len)
            .chain([head.len()])
            .max()
            .unwrap_or(0);
        if head.is_empty() {
            head = vec![Vec::new(); width];
        }
        for r in rows.iter_mut().chain(std::iter::once(&mut head)) {
            r.resize(width, Vec::new());
        }
        self.push_block(Blk::Table {
            head,
            rows,
            caption,
        });
    }

    fn figure(&mut self, n: N<'_>, el: &scraper::node::Element) {
        self.flush();
        // This figure's line; the figures inside it (a gallery's) are read
        // here, not met again, so they are counted now.
        let index = self.seen.get("figure").copied().unwrap_or(0);
        let nested = n
            .descendants()
            .skip(1)
            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "figure"))
            .count();
        self.seen.insert("figure".to_string(), index + 1 + nested);
        let line = self
            .pre
            .nth_tag("figure", index)
            .map(|at| self.pre.line_of(at))
            .unwrap_or(1);
        let class = el.attr("class").unwrap_or("").to_string();
        let figcaption = n.children().find(|c| {
            c.value()
                .as_element()
                .is_some_and(|e| e.name() == "figcaption")
        });
        let caption_text = figcaption
            .map(|c| collapse_spaces(&text_of(c)))
            .filter(|c| !c.is_empty());
        let has = |tag: &str| {
            n.descendants()
                .any(|d| d.value().as_element().is_some_and(|e| e.name() == tag))
        };
        if has("table") {
            for d in n.descendants() {
                if d.value().as_element().is_some_and(|e| e.name() == "table") {
                    self.table(d, caption_text.clone());
                    break;
                }
            }
        } else if has("video") || has("audio") {
            for d in n.descendants() {
                if let Some(e) = d
                    .value()
                    .as_element()
                    .filter(|e| matches!(e.name(), "video" | "audio"))
                {
                    let video = e.name() == "video";
                    self.media_file(d, video, caption_text.clone());
                    break;
                }
            }
        } else if has("iframe") {
            for d in n.descendants() {
                if let Some(e) = d.value().as_element().filter(|e| e.name() == "iframe") {
                    let src = e.attr("src").unwrap_or("").to_string();
                    let title = e.attr("title").map(collapse_spaces);
                    self.embed(&src, title, caption_text.clone(), "iframe");
                    break;
                }
            }
        } else if class.contains("wp-block-embed") {
            // The block editor's embed: the address alone, WordPress renders it.
            let url = collapse_spaces(
                &n.children()
                    .filter(|c| {
                        c.value()
                            .as_element()
                            .is_none_or(|e| e.name() != "figcaption")
                    })
                    .map(text_of)
                    .collect::<String>(),
            );
            match youtube_id(&url) {
                Some(id) => self.video(id, None, caption_text.clone()),
                None => self.report_at(
                    line,
                    format!(
                        "nội dung nhúng {} không chuyển được (chỉ hỗ trợ video YouTube); đã bỏ",
                        excerpt(&url)
                    ),
                    true,
                ),
            }
        } else {
            let imgs: Vec<N<'_>> = n
                .descendants()
                .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "img"))
                .collect();
            let gallery = class.contains("gallery") || imgs.len() > 1;
            if gallery {
                let mut photos = Vec::new();
                for img in imgs {
                    // Each photo's caption is the figcaption of its own figure.
                    let own = img
                        .ancestors()
                        .find(|a| {
                            a.value()
                                .as_element()
                                .is_some_and(|e| e.name() == "figure" || e.name() == "li")
                        })
                        .filter(|a| a.id() != n.id())
                        .and_then(|f| {
                            f.descendants().find(|c| {
                                c.value()
                                    .as_element()
                                    .is_some_and(|e| e.name() == "figcaption")
                            })
                        })
                        .map(|c| collapse_spaces(&text_of(c)))
                        .filter(|c| !c.is_empty());
                    if let Some(e) = img.value().as_element() {
                        if let Some(p) = self.photo(e, own) {
                            photos.push(p);
                        }
                    }
                }
                self.gallery(photos, caption_text, line);
            } else if let Some(e) = imgs.first().and_then(|i| i.value().as_element()) {
                if let Some(p) = self.photo(e, caption_text.clone()) {
                    self.push_block(Blk::Figure(p));
                }
            } else {
                // A figure of something else: its content flows (its own
                // figures are met again).
                self.seen.insert("figure".to_string(), index + 1);
                for c in n.children() {
                    self.node(c);
                }
            }
        }
        // Figcaption links or emphasis are lost in a caption: the text stays.
        self.flush();
        self.release_hoisted();
    }

    fn embed(&mut self, src: &str, title: Option<String>, caption: Option<String>, tag: &str) {
        self.flush();
        match youtube_id(src) {
            Some(id) => {
                self.count_tag(tag);
                self.video(id, title, caption)
            }
            None => {
                let host = host_of(src);
                self.report_tag(
                    tag,
                    format!("nội dung nhúng <iframe> từ {host} không được hỗ trợ (chỉ video YouTube); đã bỏ: {}", excerpt(src)),
                    true,
                )
            }
        }
    }

    /// A `<video>` or `<audio>` of the uploads: a block of the site's own file.
    fn media_file(&mut self, n: N<'_>, video: bool, caption: Option<String>) {
        self.flush();
        let tag = if video { "video" } else { "audio" };
        let src = n
            .value()
            .as_element()
            .and_then(|e| e.attr("src"))
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
            .or_else(|| {
                n.descendants()
                    .filter_map(|d| d.value().as_element())
                    .find(|e| e.name() == "source")
                    .and_then(|e| e.attr("src"))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let r = self.media.link(&src);
        match r.src.filter(|s| s.starts_with("/tep/")) {
            Some(file) => {
                self.count_tag(tag);
                let title = caption.clone().unwrap_or_else(|| {
                    format!(
                        "{}: {}",
                        if video { "Video" } else { "Âm thanh" },
                        collapse_spaces(self.post.title)
                    )
                });
                self.push_block(Blk::File {
                    video,
                    src: file,
                    title,
                    caption,
                });
            }
            None => {
                // The file's own problem, without "kept remote": a block needs a file of tep/.
                let why = r
                    .problem
                    .and_then(|p| p.split("; ").next().map(str::to_string))
                    .unwrap_or_else(|| "tệp không nằm trong thư mục uploads".to_string());
                self.report_tag(
                    tag,
                    format!("<{tag}> {} không chuyển được ({why}); đã bỏ", excerpt(&src)),
                    true,
                );
            }
        }
    }

    fn video(&mut self, id: String, title: Option<String>, caption: Option<String>) {
        self.flush();
        let title = title
            .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("youtube video player"))
            .or_else(|| caption.clone())
            .unwrap_or_else(|| format!("Video: {}", collapse_spaces(self.post.title)));
        self.push_block(Blk::Video {
            youtube: id,
            title,
            caption,
        });
    }
}

/// The address's host, for messages.
fn host_of(url: &str) -> String {
    let rest = url.split_once("//").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or("").to_string()
}

/// The first 80 characters of `s`, for messages.
fn excerpt(s: &str) -> String {
    let s = collapse_spaces(s);
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

fn text_of(n: N<'_>) -> String {
    n.descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect::<Vec<_>>()
        .join("")
}

/// Plain text of an HTML snippet (an excerpt, a caption).
pub fn strip_tags(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    collapse_spaces(&text_of(*doc.root_element()))
}

/// Splits text on blank lines (a line with only spaces counts as blank).
fn split_blank_lines(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let b = t.as_bytes();
    while i < b.len() {
        if b[i] == b'\n' {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                out.push(&t[start..i]);
                while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n') {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push(&t[start..]);
    out
}

/// Merges neighbouring runs of one style and collapses whitespace; the ends trimmed.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for r in runs {
        match (out.last_mut(), &r) {
            (Some(Run::Text(a)), Run::Text(b))
            | (Some(Run::Strong(a)), Run::Strong(b))
            | (Some(Run::Em(a)), Run::Em(b)) => a.push_str(b),
            (Some(Run::Link { text, href }), Run::Link { text: t2, href: h2 }) if href == h2 => {
                text.push_str(t2)
            }
            _ => out.push(r),
        }
    }
    // Collapse whitespace inside and across runs.
    let mut prev_space = true;
    for r in out.iter_mut() {
        let t = match r {
            Run::Text(t) | Run::Strong(t) | Run::Em(t) => t,
            Run::Link { text, .. } => text,
        };
        let mut s = String::with_capacity(t.len());
        for c in t.chars() {
            if c.is_whitespace() {
                if !prev_space {
                    s.push(' ');
                }
                prev_space = true;
            } else {
                s.push(c);
                prev_space = false;
            }
        }
        *t = s;
    }
    if let Some(last) = out.last_mut() {
        let t = match last {
            Run::Text(t) | Run::Strong(t) | Run::Em(t) => t,
            Run::Link { text, .. } => text,
        };
        let trimmed = t.trim_end().to_string();
        *t = trimmed;
    }
    out.retain(|r| !r.text().is_empty());
    // A link or styled run that is only spaces becomes plain text.
    for r in out.iter_mut() {
        if r.text().trim().is_empty() {
            *r = Run::Text(" ".into());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{to_blocks, Assets};
    use bantin_contract::{Block, Image, Inline};

    /// Media of a site whose uploads are all at hand: `/anh/<file name>`.
    struct Uploads;

    impl Media for Uploads {
        fn image(&mut self, url: &str) -> Resolved {
            let name = url.rsplit('/').next().unwrap_or("").to_string();
            Resolved {
                src: Some(format!("/anh/{name}")),
                problem: None,
            }
        }
        fn link(&mut self, href: &str) -> Resolved {
            Resolved {
                src: Some(href.to_string()),
                problem: None,
            }
        }
        fn attachment(&self, id: u64) -> Option<Attachment> {
            (id < 3).then(|| Attachment {
                url: format!("https://x.vn/wp-content/uploads/a{id}.jpg"),
                alt: format!("Ảnh {id}"),
                caption: String::new(),
                title: String::new(),
            })
        }
        fn children(&self, _: u64) -> Vec<u64> {
            vec![1, 2]
        }
    }

    /// Every image exists.
    struct AnyImage;

    impl Assets for AnyImage {
        fn image(&self, src: &str, alt: String) -> Result<Image, String> {
            Ok(Image::new(src, alt))
        }
        fn file(&self, href: &str) -> Result<crate::files::FileInfo, String> {
            Err(format!("không có {href}"))
        }
    }

    fn convert_html(html: &str) -> Converted {
        let post = Post {
            id: 7,
            title: "Bài thử",
            first_line: 10,
        };
        convert(html, &post, &mut Uploads)
    }

    /// The Markdown made, and the blocks the build reads from it.
    fn blocks(html: &str) -> (String, Vec<Block>) {
        let c = convert_html(html);
        let body = to_blocks(&c.markdown, 1, &AnyImage)
            .unwrap_or_else(|e| panic!("{e:?} in:\n{}", c.markdown));
        (c.markdown, body.blocks)
    }

    fn text(runs: &[Inline]) -> String {
        runs.iter().map(Inline::text).collect()
    }

    #[test]
    fn blank_lines_are_paragraphs_and_line_breaks_spaces() {
        let (md, b) = blocks("Dòng một\ndòng hai.\n\n\nĐoạn <b>hai</b>.\n \nĐoạn ba");
        assert_eq!(md, "Dòng một dòng hai.\n\nĐoạn **hai**.\n\nĐoạn ba\n");
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn text_that_looks_like_markdown_stays_text() {
        let html = "1. Không phải danh sách *sao* _gạch_ [ngoặc] &lt;b&gt; # thăng | ống\n\n- gạch đầu\n\n: hai chấm\n\n11.200 người";
        let (_, b) = blocks(html);
        let texts: Vec<String> = b
            .iter()
            .map(|x| match x {
                Block::Paragraph { content } => text(content),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "1. Không phải danh sách *sao* _gạch_ [ngoặc] <b> # thăng | ống",
                "- gạch đầu",
                ": hai chấm",
                "11.200 người"
            ]
        );
    }

    #[test]
    fn caption_shortcodes_and_figures_become_figures() {
        let html = "[caption id=\"attachment_5\" align=\"alignnone\" width=\"300\"]<a href=\"https://x.vn/wp-content/uploads/a.jpg\"><img src=\"https://x.vn/wp-content/uploads/a-300x200.jpg\" alt=\"Cầu mới\" /></a> Cầu \"Tân Hòa\" | khánh thành[/caption]\n\n<figure><img src=\"b.jpg\"><figcaption>Không có <em>alt</em></figcaption></figure>";
        let c = convert_html(html);
        let (_, b) = blocks(html);
        let [Block::Figure(f1), Block::Figure(f2)] = b.as_slice() else {
            panic!("{b:?}")
        };
        assert_eq!(f1.image.src, "/anh/a-300x200.jpg");
        assert_eq!(f1.image.alt, "Cầu mới");
        assert_eq!(f1.caption.as_deref(), Some("Cầu \"Tân Hòa\" | khánh thành"));
        assert_eq!(f1.credit, None);
        // A missing alt is filled from the caption, and noted.
        assert_eq!(f2.image.alt, "Không có alt");
        assert!(c
            .issues
            .iter()
            .any(|i| !i.lost && i.message.contains("thiếu mô tả (alt)")));
    }

    #[test]
    fn an_image_in_a_paragraph_splits_it() {
        let (_, b) = blocks("<p>Trước <img src=\"x.png\" alt=\"Ảnh\"> sau</p>");
        assert!(matches!(
            b.as_slice(),
            [
                Block::Paragraph { .. },
                Block::Figure(_),
                Block::Paragraph { .. }
            ]
        ));
    }

    #[test]
    fn headings_lists_quotes_and_tables() {
        let html = "<h1>Lớn</h1><h4>Nhỏ</h4><ol><li>Một<ul><li>Con</li></ul></li><li>Hai</li></ol>\
            <blockquote><p>Câu nói.</p><p>— Bà Lan</p></blockquote>\
            <table><tr><td>a|b</td><td><strong>1</strong></td></tr><tr><td>c</td></tr></table>";
        let c = convert_html(html);
        let (_, b) = blocks(html);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                text: "Lớn".into()
            }
        );
        assert_eq!(
            b[1],
            Block::Heading {
                level: 3,
                text: "Nhỏ".into()
            }
        );
        let Block::List {
            ordered: true,
            items,
        } = &b[2]
        else {
            panic!("{:?}", b[2])
        };
        let items: Vec<String> = items.iter().map(|i| text(i)).collect();
        assert_eq!(items, ["Một", "Con", "Hai"]);
        let Block::Quote { content, cite } = &b[3] else {
            panic!("{:?}", b[3])
        };
        assert_eq!(
            (text(content).as_str(), cite.as_deref()),
            ("Câu nói.", Some("Bà Lan"))
        );
        let Block::Table(t) = &b[4] else {
            panic!("{:?}", b[4])
        };
        assert!(t.head.iter().all(Vec::is_empty));
        assert_eq!(text(&t.rows[0][0]), "a|b");
        assert_eq!(t.rows[1].len(), 2);
        let notes: Vec<&str> = c.issues.iter().map(|i| i.message.as_str()).collect();
        assert!(notes.iter().any(|n| n.contains("<h1>")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("lồng nhau")), "{notes:?}");
    }

    #[test]
    fn embeds_galleries_and_what_cannot_be_converted() {
        let html = "Mở đầu\n\n[gallery]\n\n[embed]https://youtu.be/aqz-KE-bpKQ[/embed]\n\n\
            <iframe src=\"https://www.facebook.com/plugins/video.php\"></iframe>\n\
            [dangky so=\"3\"]Nội dung giữ[/dangky] <form><input name=\"q\"></form>\n\
            <p><a href=\"javascript:alert(1)\">bấm</a> <a href=\"data:text/html,x\">xem</a></p>";
        let c = convert_html(html);
        let (_, b) = blocks(html);
        let Block::Gallery(g) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(g.photos.len(), 2);
        let Block::Video(v) = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(v.youtube.as_deref(), Some("aqz-KE-bpKQ"));
        assert_eq!(v.title, "Video: Bài thử");
        let all: String = b
            .iter()
            .filter_map(|x| match x {
                Block::Paragraph { content } => Some(text(content)),
                _ => None,
            })
            .collect();
        assert!(
            all.contains("Nội dung giữ") && all.contains("bấm") && all.contains("xem"),
            "{all}"
        );
        assert!(!b.iter().any(|x| matches!(x, Block::Paragraph { content } if content.iter().any(|i| matches!(i, Inline::Link { .. })))));
        let lost: Vec<(usize, &str)> = c
            .issues
            .iter()
            .filter(|i| i.lost)
            .map(|i| (i.line, i.message.as_str()))
            .collect();
        assert_eq!(lost.len(), 5, "{lost:?}");
        // Lines of the WXR: the HTML starts on line 10.
        assert_eq!(lost[0].0, 16);
        assert!(lost[0].1.contains("www.facebook.com"));
        assert!(lost[1].1.contains("[dangky so=\"3\"] … [/dangky]") && lost[1].0 == 17);
        assert!(lost[2].1.contains("<form>"));
        assert!(lost[3].1.contains("javascript:alert(1)") && lost[3].0 == 18);
        assert!(lost[4].1.contains("data:text/html"));
    }

    #[test]
    fn each_link_is_reported_on_its_own_line() {
        let c = convert_html(
            "<a href=\"x.jpg\"><img src=\"x.jpg\" alt=\"Ảnh\"></a>\n<a name=\"neo\">neo</a>\n<a href=\"mailto:ubnd@tanhoa.vn\">thư</a>",
        );
        let [issue] = c.issues.as_slice() else {
            panic!("{:?}", c.issues)
        };
        assert_eq!(issue.line, 12);
        assert!(
            issue
                .message
                .starts_with("liên kết mailto: không dùng được"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn word_pastes_and_unknown_tags() {
        let c = convert_html(
            "<style>p.MsoNormal{margin:0}</style><p class=\"MsoNormal\">Văn bản<o:p></o:p></p>\n<marquee>Chạy chữ</marquee>",
        );
        assert_eq!(c.markdown, "Văn bản\n\nChạy chữ\n");
        let notes: Vec<(usize, bool, &str)> = c
            .issues
            .iter()
            .map(|i| (i.line, i.lost, i.message.as_str()))
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(!notes[0].1 && notes[0].2.contains("<style>"));
        assert_eq!(notes[1].0, 11);
        assert!(!notes[1].1 && notes[1].2.contains("thẻ <marquee> không được hỗ trợ"));
    }

    #[test]
    fn figures_are_reported_on_their_own_lines() {
        let c = convert_html(
            "<figure><img src=\"a.png\" alt=\"A\"></figure>\n<figure class=\"wp-block-gallery\"><figure><img src=\"data:x\"></figure></figure>\n<figure class=\"wp-block-embed\"><div>https://vimeo.com/1</div></figure>",
        );
        let lost: Vec<(usize, &str)> = c
            .issues
            .iter()
            .filter(|i| i.lost)
            .map(|i| (i.line, i.message.as_str()))
            .collect();
        assert_eq!(lost.len(), 3, "{lost:?}");
        assert!(
            lost[1].0 == 11 && lost[1].1.contains("phóng sự ảnh"),
            "{lost:?}"
        );
        assert!(
            lost[2].0 == 12 && lost[2].1.contains("vimeo.com"),
            "{lost:?}"
        );
    }

    #[test]
    fn hostile_and_odd_html_still_makes_markdown_the_build_reads() {
        for html in [
            "[caption]không đóng",
            "[/caption] [[ ]] [caption id=\"x\"][/caption] [gallery ids=\"\"]",
            "<table><tr><td>ô<td><table><tr><td>lồng",
            "<ul><li><ul><li><ul><li>sâu</ul></ul></ul><ol></ol><li>lạc",
            "<a href=>trống</a><a href=\"%\">phần trăm</a><a>không href</a>",
            "<h2></h2><h3><img src=\"a.png\" alt=\"Ảnh trong tiêu đề\"></h3>",
            "<blockquote></blockquote><blockquote><cite>chỉ tên</cite></blockquote>",
            "**sao** __gạch__ `mã` ~~gạch~~ <b> </b><i>\u{a0}</i>",
            "<p>Ảnh <img src=\"https://x.vn/a b(1).png\" alt=\"Có \\ gạch\"> giữa</p>",
            "<figure><figcaption>Chỉ chú thích</figcaption></figure><figure class=\"wp-block-gallery\"></figure>",
            "Đoạn\r\n\r\nCRLF\r\n",
            "<iframe></iframe><iframe src=\"javascript:alert(1)\"></iframe><video></video>",
            "```\nmã\n```\n\n> không phải trích dẫn\n\n# không phải tiêu đề",
        ] {
            let c = convert_html(html);
            to_blocks(&c.markdown, 1, &AnyImage)
                .unwrap_or_else(|e| panic!("{html:?}: {e:?} in:\n{}", c.markdown));
        }
    }

    #[test]
    fn a_dash_inside_a_quote_is_no_attribution() {
        let (_, b) =
            blocks("<blockquote>Chúng tôi — những người trồng lúa — rất vui.</blockquote>");
        let [Block::Quote {
            content,
            cite: None,
        }] = b.as_slice()
        else {
            panic!("{b:?}")
        };
        assert_eq!(
            text(content),
            "Chúng tôi — những người trồng lúa — rất vui."
        );
    }

    #[test]
    fn broken_html_is_read_as_a_browser_would() {
        let (_, b) = blocks("<div><p>Một <em>nghiêng\n<p>Hai</div></div></span>\n\nBa</b>");
        let texts: Vec<String> = b
            .iter()
            .map(|x| match x {
                Block::Paragraph { content } => text(content),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, ["Một nghiêng", "Hai", "Ba"]);
    }

    #[test]
    fn literal_brackets_and_shortcode_parsing() {
        assert_eq!(
            parse_open("[gallery ids=\"1,2\"]x").unwrap(),
            ("gallery".into(), "ids=\"1,2\"".into(), 19)
        );
        assert_eq!(parse_open("[1]"), None);
        assert_eq!(parse_open("[Ảnh]"), None);
        assert_eq!(
            attr("ids=\"1,2\" size='large' x=3", "size").as_deref(),
            Some("large")
        );
        let c = convert_html("Chú thích [1] và [[caption]] và [Kỳ 2]");
        assert_eq!(
            c.markdown,
            "Chú thích \\[1\\] và \\[caption\\] và \\[Kỳ 2\\]\n"
        );
        assert!(c.issues.is_empty());
    }
}
