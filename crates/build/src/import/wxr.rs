//! Reading a WordPress export (WXR: RSS 2.0 with the `wp:`, `content:`,
//! `excerpt:` and `dc:` namespaces) into plain structs. Nothing here knows the
//! content format; `import::run` maps these to it.

use std::collections::BTreeMap;

/// The namespaces of a WXR file. WordPress has written `wxr/1.0` to `1.2`;
/// any `http://wordpress.org/export/…` is accepted.
const WP_PREFIX: &str = "http://wordpress.org/export/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// The channel of a WXR file: the site and its items.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    /// `<title>`: the site's name.
    pub title: String,
    /// `<link>`: the site's address.
    pub link: String,
    /// `<description>`: the site's tagline.
    pub description: String,
    /// `<pubDate>`: when the export was made (RFC 822), if given.
    pub pub_date: Option<String>,
    /// `<wp:category>` terms, in file order.
    pub categories: Vec<Term>,
    /// Authors by login: their display name.
    pub authors: BTreeMap<String, String>,
    /// Every `<item>`, in file order.
    pub items: Vec<Item>,
}

/// A category as the export declares it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    /// `wp:category_nicename` (WordPress's slug, percent-encoded when not ASCII).
    pub nicename: String,
    /// `wp:cat_name`.
    pub name: String,
    /// `wp:category_description`.
    pub description: String,
}

/// A term an item is filed under: `<category domain="…" nicename="…">Name</category>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTerm {
    /// `category` or `post_tag` (other taxonomies are ignored by the importer).
    pub domain: String,
    /// The term's WordPress slug.
    pub nicename: String,
    /// The term's name.
    pub name: String,
}

/// One `<item>`: a post, a page, an attachment or anything else WordPress stores.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// `<title>`.
    pub title: String,
    /// `<link>`: the permalink.
    pub link: String,
    /// `<guid>` (usually `https://site/?p=ID`).
    pub guid: String,
    /// `wp:post_id`.
    pub id: u64,
    /// `wp:post_type`: `post`, `page`, `attachment`, `nav_menu_item`…
    pub post_type: String,
    /// `wp:status`: `publish`, `draft`, `pending`, `future`, `private`, `trash`, `inherit`…
    pub status: String,
    /// `wp:post_name`: the slug (percent-encoded when not ASCII; empty for drafts).
    pub name: String,
    /// `wp:post_date_gmt` (`0000-00-00 00:00:00` when never set).
    pub date_gmt: String,
    /// `wp:post_date`, in the WordPress site's own time zone.
    pub date: String,
    /// `wp:post_modified_gmt`.
    pub modified_gmt: String,
    /// `<pubDate>` (RFC 822).
    pub pub_date: String,
    /// `dc:creator`: the author's login.
    pub creator: String,
    /// `content:encoded`: the body's HTML.
    pub content: String,
    /// `excerpt:encoded`: the excerpt (for an attachment: its caption).
    pub excerpt: String,
    /// `wp:attachment_url` of an attachment.
    pub attachment_url: String,
    /// `wp:post_parent`.
    pub parent: u64,
    /// The item's categories and tags, in file order.
    pub terms: Vec<ItemTerm>,
    /// `wp:postmeta` key → value (the first value of a repeated key).
    pub meta: BTreeMap<String, String>,
    /// The WXR line the item starts on.
    pub line: usize,
    /// The WXR line the body (`content:encoded`'s text) starts on.
    pub content_line: usize,
}

/// Why a file is not a WXR export we can read (Vietnamese, for the editor).
#[derive(Debug, Clone, PartialEq)]
pub struct WxrError(pub String);

impl std::fmt::Display for WxrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a WXR export. Errors say, in Vietnamese, what is wrong and where.
pub fn parse(text: &str) -> Result<Channel, WxrError> {
    let opts = roxmltree::ParsingOptions {
        // WordPress writes no DTD, but a file from elsewhere may: entities
        // stay refused by roxmltree beyond its own limits.
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        // The file ending too soon: roxmltree says so (end of stream, an
        // unclosed root, at the root's start), or fails on the last line
        // (a cut CDATA, a cut tag).
        let last_line = text.trim_end().lines().count().max(1);
        let cut = text.trim_start().starts_with('<')
            && (matches!(
                e,
                roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode
            ) || pos.row as usize >= last_line);
        // roxmltree's own words (English) stay as the detail.
        if cut {
            WxrError(format!(
                "tệp không phải XML hợp lệ: tệp kết thúc giữa chừng ở dòng {last_line} (chi tiết: {e}); tệp có vẻ bị cắt cụt: hãy xuất lại từ WordPress"
            ))
        } else {
            WxrError(format!(
                "tệp không phải XML hợp lệ: dòng {}, cột {} (chi tiết: {e})",
                pos.row, pos.col
            ))
        }
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "rss" {
        return Err(WxrError(format!(
            "không phải tệp xuất WordPress (WXR): phần tử gốc là <{}>, cần <rss>",
            root.tag_name().name()
        )));
    }
    let Some(channel) = child(root, "channel") else {
        return Err(WxrError(
            "không phải tệp xuất WordPress (WXR): thiếu <channel>".to_string(),
        ));
    };
    let is_wxr = channel.children().any(|c| {
        c.tag_name()
            .namespace()
            .is_some_and(|ns| ns.starts_with(WP_PREFIX))
    });
    if !is_wxr {
        return Err(WxrError(
            "không phải tệp xuất WordPress (WXR): <channel> không có phần tử wp:… nào (hãy dùng Công cụ → Xuất trong trang quản trị WordPress)".to_string(),
        ));
    }

    let mut out = Channel {
        title: text_of(channel, "title"),
        link: text_of(channel, "link"),
        description: text_of(channel, "description"),
        pub_date: Some(text_of(channel, "pubDate")).filter(|s| !s.is_empty()),
        ..Default::default()
    };
    for c in channel.children().filter(|c| c.is_element()) {
        let (ns, name) = (c.tag_name().namespace().unwrap_or(""), c.tag_name().name());
        match (ns.starts_with(WP_PREFIX), name) {
            (true, "category") => out.categories.push(Term {
                nicename: wp_text(c, "category_nicename"),
                name: wp_text(c, "cat_name"),
                description: wp_text(c, "category_description"),
            }),
            (true, "author") => {
                let login = wp_text(c, "author_login");
                let display = wp_text(c, "author_display_name");
                if !login.is_empty() {
                    out.authors.insert(login, display);
                }
            }
            (false, "item") => out.items.push(item(&doc, c)),
            _ => {}
        }
    }
    Ok(out)
}

fn item(doc: &roxmltree::Document<'_>, node: roxmltree::Node<'_, '_>) -> Item {
    let mut it = Item {
        title: text_of(node, "title"),
        link: text_of(node, "link"),
        guid: text_of(node, "guid"),
        pub_date: text_of(node, "pubDate"),
        line: doc.text_pos_at(node.range().start).row as usize,
        ..Default::default()
    };
    for c in node.children().filter(|c| c.is_element()) {
        let ns = c.tag_name().namespace().unwrap_or("");
        let name = c.tag_name().name();
        let text = || c.text().map(str::to_string).unwrap_or_else(|| all_text(c));
        if ns == CONTENT_NS && name == "encoded" {
            it.content = text();
            // The text starts after `<content:encoded>` and `<![CDATA[`.
            let start = c
                .first_child()
                .map(|t| t.range().start)
                .unwrap_or(c.range().start);
            it.content_line = doc.text_pos_at(start).row as usize;
        } else if is_excerpt_ns(ns) && name == "encoded" {
            it.excerpt = text();
        } else if ns == DC_NS && name == "creator" {
            it.creator = text();
        } else if ns.starts_with(WP_PREFIX) {
            match name {
                "post_id" => it.id = text().trim().parse().unwrap_or(0),
                "post_type" => it.post_type = text().trim().to_string(),
                "status" => it.status = text().trim().to_string(),
                "post_name" => it.name = text().trim().to_string(),
                "post_date_gmt" => it.date_gmt = text().trim().to_string(),
                "post_date" => it.date = text().trim().to_string(),
                "post_modified_gmt" => it.modified_gmt = text().trim().to_string(),
                "attachment_url" => it.attachment_url = text().trim().to_string(),
                "post_parent" => it.parent = text().trim().parse().unwrap_or(0),
                "postmeta" => {
                    let key = wp_text(c, "meta_key");
                    let value = wp_text(c, "meta_value");
                    it.meta.entry(key).or_insert(value);
                }
                _ => {}
            }
        } else if ns.is_empty() && name == "category" {
            it.terms.push(ItemTerm {
                domain: c.attribute("domain").unwrap_or("").to_string(),
                nicename: c.attribute("nicename").unwrap_or("").to_string(),
                name: text().trim().to_string(),
            });
        }
    }
    if it.content_line == 0 {
        it.content_line = it.line;
    }
    it
}

/// The text of the first child element named `name` (no namespace).
fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    node.children()
        .find(|c| {
            c.is_element() && c.tag_name().name() == name && c.tag_name().namespace().is_none()
        })
        .map(all_text)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The text of the first `wp:` child named `name`.
fn wp_text(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    node.children()
        .find(|c| {
            c.is_element()
                && c.tag_name().name() == name
                && c.tag_name()
                    .namespace()
                    .is_some_and(|ns| ns.starts_with(WP_PREFIX))
        })
        .map(all_text)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `http://wordpress.org/export/1.2/excerpt/` (under the `wp:` prefix, so tested first).
fn is_excerpt_ns(ns: &str) -> bool {
    ns.starts_with(WP_PREFIX) && ns.trim_end_matches('/').ends_with("/excerpt")
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// All the text under a node (CDATA sections included).
fn all_text(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Tin Hòa Lâm</title>
  <link>https://tin.example.vn</link>
  <description>Tin tức địa phương</description>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>kinh-te</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Kinh tế]]></wp:cat_name></wp:category>
  <wp:author><wp:author_login>bientap</wp:author_login><wp:author_display_name><![CDATA[Ban Biên tập]]></wp:author_display_name></wp:author>
  <item>
    <title>Chợ phiên</title>
    <link>https://tin.example.vn/2024/01/cho-phien/</link>
    <dc:creator><![CDATA[bientap]]></dc:creator>
    <content:encoded><![CDATA[Đoạn một.

Đoạn hai.]]></content:encoded>
    <excerpt:encoded><![CDATA[Tóm tắt]]></excerpt:encoded>
    <wp:post_id>7</wp:post_id>
    <wp:post_date_gmt>2024-01-23 01:30:00</wp:post_date_gmt>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="category" nicename="kinh-te"><![CDATA[Kinh tế]]></category>
    <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>
  </item>
</channel>
</rss>"#;

    #[test]
    fn reads_channel_and_items() {
        let c = parse(MINI).unwrap();
        assert_eq!(c.title, "Tin Hòa Lâm");
        assert_eq!(c.categories[0].name, "Kinh tế");
        assert_eq!(c.authors["bientap"], "Ban Biên tập");
        let it = &c.items[0];
        assert_eq!(
            (it.id, it.post_type.as_str(), it.status.as_str()),
            (7, "post", "publish")
        );
        assert_eq!(it.content, "Đoạn một.\n\nĐoạn hai.");
        assert_eq!(it.excerpt, "Tóm tắt");
        assert_eq!(it.meta["_thumbnail_id"], "9");
        assert_eq!(it.terms[0].nicename, "kinh-te");
        assert_eq!(it.line, 12);
        assert_eq!(it.content_line, 16);
    }

    #[test]
    fn refuses_what_is_not_wxr() {
        assert!(parse("chào")
            .unwrap_err()
            .0
            .starts_with("tệp không phải XML hợp lệ"));
        let cut = &MINI[..MINI.len() / 2];
        assert!(parse(cut).unwrap_err().0.contains("bị cắt cụt"));
        assert!(parse("<html><body/></html>")
            .unwrap_err()
            .0
            .contains("<html>"));
        let rss = "<rss><channel><title>x</title></channel></rss>";
        assert!(parse(rss).unwrap_err().0.contains("wp:"));
    }
}
