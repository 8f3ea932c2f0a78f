//! Embedding the portal's news on other sites (the widgets themselves are
//! `crates/widgets`, packed into `widget/` and `embed.js` by `make site-widgets`):
//!
//! - `nhung/index.html`: the embed page, where an operator picks a widget and its
//!   options, sees a live preview and copies the script or iframe snippet;
//! - `nhung/khung/index.html`: one widget alone, for an iframe; its options come
//!   from the query string and it posts `{type: "bantin:height", id, height}` to
//!   the parent whenever its height changes;
//! - `oembed/<slug>.json`: an oEmbed document per article (type `rich`, an iframe
//!   of the article's card), found through the `<link rel="alternate">` each
//!   prerendered article carries ([`oembed_link`]).
//!
//! The pages carry `<base href>` with the site's base path (the app shell's), so
//! `/nhung` and `/nhung/` both find `embed.js` under any base path.

use std::io;

use bantin_contract::strings::Lang;
use bantin_contract::{paths::routes, Image};
use serde_json::{json, Map, Value};

use crate::output::Writer;
use crate::pages::{escape_attr, escape_text};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_128;

use crate::render::Model;

/// The embed page's folder (the portal's `/nhung`).
pub const EMBED_DIR: &str = "nhung";
/// The iframe page, relative to the site root.
pub const FRAME: &str = "nhung/khung/";
/// The oEmbed documents' folder.
pub const OEMBED_DIR: &str = "oembed";
/// The card's width and height in an oEmbed iframe (the card widget is 126px high).
pub const CARD_WIDTH: u32 = 600;
/// See [`CARD_WIDTH`].
pub const CARD_HEIGHT: u32 = 126;
/// How many of the newest articles the embed page offers by title.
const ARTICLE_CHOICES: usize = 300;

/// The widgets' loader, relative to the site root.
pub const LOADER: &str = "embed.js";

/// `loader` (embed.js) with its `var SITE = …;` line set to the site's
/// language and, when `site.toml` has a `[brand]`, the brand's header colour
/// and its text's (the widgets without `giao-dien` take them). `None` when the
/// loader has no such line (an older one: left as it is).
pub fn loader_with_site(loader: &str, model: &Model) -> Option<String> {
    const START: &str = "\n  var SITE = ";
    let at = loader.find(START)? + 1;
    let end = at + loader[at..].find('\n')?;
    let brand = &model.brand;
    let site = json!({
        "lang": Lang::from_tag(model.site.lang.as_deref().unwrap_or_default()).tag(),
        "brand": brand.set.then(|| [brand.primary.hex(), brand.header_text.hex()]),
    });
    // JSON in a script: `<` escaped as elsewhere (never a closing tag).
    let line = format!("  var SITE = {};", site.to_string().replace('<', "\\u003c"));
    let mut out = loader.to_string();
    out.replace_range(at..end, &line);
    Some(out)
}

/// An article's oEmbed document, relative to the site root.
pub fn oembed_path(slug: &str) -> String {
    format!("{OEMBED_DIR}/{slug}.json")
}

/// The discovery link of an article's oEmbed document (`href` is its URL).
pub fn oembed_link(href: &str, title: &str) -> String {
    format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">\n    ",
        escape_attr(href),
        escape_attr(title)
    )
}

/// Writes the embed pages and every article's oEmbed document into `dir` (the
/// staging folder); `base` is the site's absolute address ending in `/`, `base_path`
/// the path the site is served under (`/`, `/tin-tuc/`). Returns the number of files written.
pub fn write(model: &Model, base: &str, base_path: &str, writer: &Writer) -> io::Result<usize> {
    // The widgets' loader (`make site-widgets` writes it; absent before that)
    // takes the site's language and brand on its one `var SITE` line.
    if let Ok(loader) = std::fs::read_to_string(writer.out().join(LOADER)) {
        if let Some(with_site) = loader_with_site(&loader, model) {
            writer.write(LOADER, with_site.as_bytes())?;
        }
    }
    writer.write(
        &format!("{EMBED_DIR}/index.html"),
        embed_page(model, base_path).as_bytes(),
    )?;
    writer.write(
        &format!("{FRAME}index.html"),
        frame_page(&model.site.name, base_path, model.site.lang.as_deref()).as_bytes(),
    )?;
    writer.write(crate::wordpress::ZIP, &crate::wordpress::zip(base)?)?;
    let indices: Vec<usize> = (0..model.articles.len()).collect();
    // A document is made from the base URL, the site's name and its article.
    let shared = xxh3_128(format!("{base}\0{}", model.site.name).as_bytes());
    let results = indices
        .par_iter()
        .map(|&i| {
            let a = &model.articles[i];
            let inputs = match model.fingerprints[i] {
                0 => 0,
                f => {
                    let mut both = [0u8; 32];
                    both[..16].copy_from_slice(&shared.to_le_bytes());
                    both[16..].copy_from_slice(&f.to_le_bytes());
                    xxh3_128(&both)
                }
            };
            writer.write_rendered(&oembed_path(&a.slug), inputs, || {
                let doc = oembed(
                    base,
                    &model.site.name,
                    &a.slug,
                    &a.title,
                    a.author.as_deref(),
                    a.cover.as_ref().map(|c| &c.image),
                );
                Ok(doc.to_string())
            })
        })
        .collect::<Vec<_>>();
    results.into_iter().collect::<io::Result<Vec<()>>>()?;
    Ok(model.articles.len() + 3)
}

/// The oEmbed 1.0 document of one article.
pub fn oembed(
    base: &str,
    site_name: &str,
    slug: &str,
    title: &str,
    author: Option<&str>,
    cover: Option<&Image>,
) -> Value {
    let frame = format!("{base}{FRAME}?loai=bai-viet&bai={slug}");
    let url = format!("{base}{}", routes::article(slug));
    // WordPress's shape: a link fallback in a bare <blockquote>, then the iframe. It
    // keeps only these attributes (`style` is stripped, hence `frameborder`); it hides
    // the iframe until the frame announces itself (khung.html), then the quote. The
    // width is relative so that the card never overflows a narrow column.
    let html = format!(
        "<blockquote><a href=\"{}\">{}</a></blockquote>\
         <iframe src=\"{}\" width=\"100%\" height=\"{CARD_HEIGHT}\" frameborder=\"0\" \
         marginwidth=\"0\" marginheight=\"0\" scrolling=\"no\" title=\"{}\" \
         style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        escape_attr(&url),
        escape_text(title),
        escape_attr(&frame),
        escape_attr(title)
    );
    let mut doc = Map::new();
    doc.insert("version".into(), json!("1.0"));
    doc.insert("type".into(), json!("rich"));
    doc.insert("title".into(), json!(title));
    if let Some(a) = author {
        doc.insert("author_name".into(), json!(a));
    }
    doc.insert("provider_name".into(), json!(site_name));
    doc.insert("provider_url".into(), json!(base));
    doc.insert("url".into(), json!(url));
    doc.insert("cache_age".into(), json!(3600));
    // The spec wants a thumbnail's size with it, so one without a known size is left out.
    if let Some((img, (w, h))) = cover.and_then(|c| Some((c, (c.width?, c.height?)))) {
        if let Some(src) = crate::pages::absolute(Some(base), &img.src) {
            doc.insert("thumbnail_url".into(), json!(src));
            doc.insert("thumbnail_width".into(), json!(w));
            doc.insert("thumbnail_height".into(), json!(h));
        }
    }
    doc.insert("html".into(), json!(html));
    doc.insert("width".into(), json!(CARD_WIDTH));
    doc.insert("height".into(), json!(CARD_HEIGHT));
    Value::Object(doc)
}

fn option(out: &mut String, value: &str, label: &str) {
    out.push_str(&format!(
        "<option value=\"{}\">{}</option>",
        escape_attr(value),
        escape_text(label)
    ));
}

/// The embed page: form, live preview (through `embed.js`) and snippets.
fn embed_page(model: &Model, base_path: &str) -> String {
    let site = &model.site.name;
    let mut categories = String::new();
    for c in &model.site.categories {
        option(&mut categories, &c.slug, &c.name);
    }
    let mut tags = String::new();
    for t in &model.tags {
        option(&mut tags, &t.term.slug, &t.term.name);
    }
    let mut articles = String::new();
    for a in model.articles.iter().take(ARTICLE_CHOICES) {
        option(&mut articles, &a.slug, &a.title);
    }
    let lang = Lang::from_tag(model.site.lang.as_deref().unwrap_or_default());
    let intro = if lang == Lang::En {
        format!(
            "Choose a kind of news box and its options, see the preview beside them, then copy the code into your organisation's website. The box updates itself when {} publishes news.",
            escape_text(site)
        )
    } else {
        format!(
            "Chọn loại hộp tin và các tùy chọn, xem trước ngay bên cạnh, rồi chép đoạn mã dán vào trang web của đơn vị bạn. Hộp tin tự cập nhật khi {} có tin mới.",
            escape_text(site)
        )
    };
    // The page's button in the brand's colours (checked for contrast at load).
    let (brand, on_brand) = (model.brand.primary.hex(), model.brand.header_text.hex());
    let (base_attr, site_attr, site_text) =
        (escape_attr(base_path), escape_attr(site), escape_text(site));
    let mut values: Vec<(&str, &str)> = vec![
        ("BASE", &base_attr),
        ("SITE_ATTR", &site_attr),
        ("SITE", &site_text),
        ("CATEGORIES", &categories),
        ("TAGS", &tags),
        ("ARTICLES", &articles),
        ("LANG", lang.tag()),
        ("T_INTRO", &intro),
        ("BRAND", &brand),
        ("ON_BRAND", &on_brand),
    ];
    values.extend(
        EMBED_TEXTS
            .iter()
            .map(|(key, ..)| (*key, embed_text(lang, key))),
    );
    fill(EMBED_PAGE, &values)
}

/// The embed pages' word `key` (see [`EMBED_TEXTS`]) in `lang`.
fn embed_text(lang: Lang, key: &str) -> &'static str {
    EMBED_TEXTS
        .iter()
        .find(|t| t.0 == key)
        .map_or("", |t| if lang == Lang::En { t.2 } else { t.1 })
}

/// The embed page's words (`{KEY}` of `embed/nhung.html`): Vietnamese, English.
/// They are markup, written escaped.
const EMBED_TEXTS: &[(&str, &str, &str)] = &[
    ("T_TITLE", "Nhúng tin vào trang khác", "Embed our news on your site"),
    ("T_OPTIONS", "Tùy chọn hộp tin", "News box options"),
    ("T_KIND", "Loại hộp tin", "Kind of news box"),
    ("T_K_LATEST", "Tin mới nhất", "Latest news"),
    ("T_K_CATEGORY", "Tin một chuyên mục", "News of one category"),
    ("T_K_TAG", "Tin một chủ đề", "News on one topic"),
    ("T_K_RELATED", "Tin liên quan đến một bài", "News related to one article"),
    ("T_K_CARD", "Thẻ giới thiệu một bài", "A card for one article"),
    ("T_K_LINKS", "Hộp liên kết", "Links box"),
    ("T_CATEGORY", "Chuyên mục", "Category"),
    ("T_TOPIC", "Chủ đề", "Topic"),
    ("T_ARTICLE", "Bài viết", "Article"),
    ("T_COUNT", "Số tin (1–10)", "Number of items (1–10)"),
    ("T_LAYOUT", "Kiểu hiển thị", "Layout"),
    ("T_PICTURES", "Có ảnh", "With pictures"),
    ("T_COMPACT", "Gọn (chỉ tiêu đề)", "Compact (titles only)"),
    ("T_THEME", "Giao diện", "Theme"),
    ("T_SITE_LOOK", "Màu của cổng", "The portal's colours"),
    ("T_LIGHT", "Sáng", "Light"),
    ("T_DARK", "Tối", "Dark"),
    ("T_NEW_TAB", "Mở liên kết trong thẻ mới", "Open links in a new tab"),
    ("T_PREVIEW", "Xem trước", "Preview"),
    ("T_SCRIPT", "Mã nhúng (thẻ script)", "Embed code (script tag)"),
    (
        "T_SCRIPT_NOTE",
        "Dán thẻ script một lần trên trang; mỗi thẻ &lt;bantin-tin&gt; là một hộp tin, đặt được bao nhiêu hộp cũng được. Khi trình duyệt tắt JavaScript, người đọc vẫn thấy liên kết bên trong thẻ.",
        "Paste the script tag once on a page; each &lt;bantin-tin&gt; tag is one news box, and a page may have as many as it likes. With JavaScript off, readers still see the link inside the tag.",
    ),
    ("T_COPY_SCRIPT", "Chép mã script", "Copy the script code"),
    ("T_FRAME", "Mã nhúng (khung iframe)", "Embed code (iframe)"),
    (
        "T_FRAME_NOTE",
        "Dành cho trang không cho phép script của bên ngoài. Đoạn script nhỏ đi kèm (không bắt buộc) cho khung tự điều chỉnh chiều cao.",
        "For pages that allow no scripts from other sites. The small script that comes with it (optional) lets the frame adjust its height.",
    ),
    ("T_COPY_FRAME", "Chép mã khung", "Copy the iframe code"),
    ("T_WP", "Trang WordPress", "WordPress sites"),
    (
        "T_WP_NOTE",
        "Trên WordPress, chỉ Quản trị viên và Biên tập viên dán được script hay iframe (trong khối “HTML tùy chỉnh”); bài của Tác giả và Cộng tác viên bị WordPress lặng lẽ xóa chúng. Hãy cài <a href=\"nhung/bantin-wordpress.zip\" download>plugin bantin cho WordPress</a> (Plugin → Cài mới → Tải plugin lên): mọi người viết bài đều dùng được mã ngắn dưới đây, và liên kết bài viết của cổng dán vào bài tự thành thẻ tin.",
        "On WordPress, only Administrators and Editors can paste scripts or iframes (in a “Custom HTML” block); WordPress silently removes them from the posts of Authors and Contributors. Install the <a href=\"nhung/bantin-wordpress.zip\" download>bantin plugin for WordPress</a> (Plugins → Add New → Upload Plugin): everyone who writes can then use the shortcode below, and the portal's article links pasted into a post become news cards.",
    ),
    ("T_COPY_WP", "Chép mã ngắn", "Copy the shortcode"),
    ("T_SEE", "Xem tin tại", "See the news at"),
    ("T_FROM", "Tin từ", "News from"),
    ("T_COPIED", "Đã chép mã vào bộ nhớ tạm.", "Code copied to the clipboard."),
    (
        "T_SELECT",
        "Không chép tự động được: mã đã được chọn, hãy nhấn Ctrl+C.",
        "Could not copy automatically: the code is selected, press Ctrl+C.",
    ),
];

/// The iframe widget's page, in the site's language (`lang`; Vietnamese by default).
fn frame_page(site: &str, base_path: &str, lang: Option<&str>) -> String {
    let lang = Lang::from_tag(lang.unwrap_or_default());
    let title = format!("{} {site}", embed_text(lang, "T_FROM"));
    let see = format!("{} {site}", embed_text(lang, "T_SEE"));
    fill(
        FRAME_PAGE,
        &[
            ("BASE", &escape_attr(base_path)),
            ("SITE_ATTR", &escape_attr(site)),
            ("LANG", lang.tag()),
            ("TITLE", &escape_text(&title)),
            ("SEE", &escape_text(&see)),
        ],
    )
}

/// Replaces each `{KEY}` of the template in one pass (values are never searched,
/// so a site name containing `{TAGS}` stays as written).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hit = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match hit {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

const FRAME_PAGE: &str = include_str!("embed/khung.html");
const EMBED_PAGE: &str = include_str!("embed/nhung.html");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oembed_of_an_article() {
        let cover = Image {
            src: "/anh/a.svg".into(),
            alt: String::new(),
            width: Some(1200),
            height: Some(675),
            ..Image::new("", "")
        };
        let d = oembed(
            "https://cong.example.vn/tin-tuc/",
            "Cổng \"Tin\"",
            "le-hoi",
            "Lễ hội <lớn> & \"vui\"",
            Some("Minh An"),
            Some(&cover),
        );
        assert_eq!(d["version"], "1.0");
        assert_eq!(d["type"], "rich");
        assert_eq!(d["author_name"], "Minh An");
        assert_eq!(d["provider_url"], "https://cong.example.vn/tin-tuc/");
        assert_eq!(d["url"], "https://cong.example.vn/tin-tuc/bai-viet/le-hoi");
        assert_eq!(
            d["thumbnail_url"],
            "https://cong.example.vn/tin-tuc/anh/a.svg"
        );
        assert_eq!(
            (d["thumbnail_width"].as_u64(), d["height"].as_u64()),
            (Some(1200), Some(126))
        );
        let html = d["html"].as_str().unwrap();
        assert!(html.starts_with(
            "<blockquote><a href=\"https://cong.example.vn/tin-tuc/bai-viet/le-hoi\">\
             Lễ hội &lt;lớn&gt; &amp; \"vui\"</a></blockquote>\
             <iframe src=\"https://cong.example.vn/tin-tuc/nhung/khung/?loai=bai-viet&amp;bai=le-hoi\""
        ), "{html}");
        assert!(html.contains(" frameborder=\"0\" "), "{html}");
        assert!(
            html.contains("title=\"Lễ hội &lt;lớn&gt; &amp; &quot;vui&quot;\""),
            "{html}"
        );
        assert!(!html.contains("<lớn>"));
    }

    #[test]
    fn thumbnails_need_a_size_and_a_safe_url() {
        let mut cover = Image {
            src: "javascript:alert(1)".into(),
            alt: String::new(),
            width: Some(10),
            height: Some(10),
            ..Image::new("", "")
        };
        let d = oembed("https://x.vn/", "X", "a", "A", None, Some(&cover));
        assert!(d.get("thumbnail_url").is_none());
        assert!(d.get("author_name").is_none());
        cover.src = "//cdn.x.vn/a.png".into();
        cover.height = None;
        let d = oembed("https://x.vn/", "X", "a", "A", None, Some(&cover));
        assert!(d.get("thumbnail_url").is_none());
        cover.height = Some(5);
        let d = oembed("https://x.vn/", "X", "a", "A", None, Some(&cover));
        assert_eq!(d["thumbnail_url"], "https://cdn.x.vn/a.png");
    }

    #[test]
    fn templates_are_filled_in_one_pass() {
        assert_eq!(
            fill("a{X}b{Y}c{Z}{", &[("X", "{Y}"), ("Y", "1")]),
            "a{Y}b1c{Z}{"
        );
        let page = frame_page("Cổng <Tin>", "/tin-tuc/", None);
        assert!(page.contains("Cổng &lt;Tin&gt;") && !page.contains("{SITE"));
        assert!(page.contains("<base href=\"/tin-tuc/\">"));
        assert!(
            page.contains("<html lang=\"vi\">")
                && page.contains("<title>Tin từ Cổng &lt;Tin&gt;</title>")
        );
        let en = frame_page("Portal", "/", Some("en"));
        assert!(
            en.contains("<html lang=\"en\">") && en.contains("<title>News from Portal</title>")
        );
        assert!(en.contains(">See the news at Portal</a></noscript>"));
    }

    #[test]
    fn discovery_link_is_escaped() {
        assert_eq!(
            oembed_link("https://x.vn/oembed/a.json", "A \"b\""),
            "<link rel=\"alternate\" type=\"application/json+oembed\" \
             href=\"https://x.vn/oembed/a.json\" title=\"A &quot;b&quot;\">\n    "
        );
    }
}
