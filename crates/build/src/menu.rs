//! The menus of `site.toml`: the header menu (`[[menu]]`, with one level of
//! sub-menus) and the footer's groups of links (`[[footer_links]]`).
//!
//! An entry names a page of `content/pages/` (`page = "lien-he"`), a category
//! (`category = "kinh-te"`) or an address (`url = "/moi-nhat"` under the site,
//! or `https://…`). They are read in two steps: [`parse`] checks the shape of
//! `site.toml` with its lines, and [`resolve`], once the pages and articles are
//! known, turns every entry into a name and an address, refusing one that
//! points to nothing.

use std::collections::{HashMap, HashSet};

use bantin_contract::paths::routes;
use bantin_contract::url::{https_if_protocol_relative, is_external, is_safe};
use bantin_contract::{Category, ExternalLink, LinkGroup, MenuEntry};

use crate::diag::Diagnostic;
use crate::tomlx::{Ctx, Fields};

/// The keys of a menu item.
const ITEM_KEYS: &[&str] = &["name", "url", "page", "category"];
/// The keys of a top-level menu entry.
const ENTRY_KEYS: &[&str] = &["name", "url", "page", "category", "items"];

/// What an entry points to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Url(String),
    Page(String),
    Category(String),
}

/// One link as written, with the line of its target.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    name: Option<String>,
    target: Target,
    line: usize,
}

/// A top-level entry as written: a link, or a name with a sub-menu.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Link(Item),
    Sub { name: String, items: Vec<Item> },
}

/// The menus of `site.toml` as written, checked for shape only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Menus {
    path: String,
    menu: Vec<Entry>,
    footer: Vec<(String, Vec<Item>)>,
}

/// What the addresses of the menus may point to.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Page slugs and titles.
    pub pages: HashMap<String, String>,
    /// The categories of `site.toml`.
    pub categories: Vec<Category>,
    /// Article slugs.
    pub articles: HashSet<String>,
    /// Tag slugs.
    pub tags: HashSet<String>,
    /// The registry's document slugs.
    pub documents: HashSet<String>,
    /// Where this site is under the site's root: empty for the main site,
    /// `en/` for a section. Addresses start at the root (`/en/trang/about`).
    pub prefix: String,
    /// For a section: what the main site has, to check addresses outside the section.
    pub main: Option<Box<Known>>,
}

impl Known {
    /// What a built model has (its pages, categories, articles, tags and documents).
    pub fn of_model(model: &crate::render::Model) -> Known {
        Known {
            pages: model
                .pages
                .iter()
                .map(|p| (p.slug.clone(), p.title.clone()))
                .collect(),
            categories: model.site.categories.clone(),
            articles: model.articles.iter().map(|a| a.slug.clone()).collect(),
            tags: model.tags.iter().map(|t| t.term.slug.clone()).collect(),
            documents: model
                .registry
                .documents
                .iter()
                .map(|d| d.slug.clone())
                .collect(),
            prefix: String::new(),
            main: None,
        }
    }
}

/// The target of an item's table: exactly one of `url`, `page`, `category`.
fn target(ctx: &Ctx, f: &Fields, what: &str) -> Option<(Target, usize)> {
    let url = f.str("url");
    let page = f.str("page");
    let category = f.str("category");
    let given: Vec<(Target, usize)> = [
        url.map(|u| (Target::Url(u.value.trim().to_string()), u.line)),
        page.map(|p| (Target::Page(p.value.trim().to_string()), p.line)),
        category.map(|c| (Target::Category(c.value.trim().to_string()), c.line)),
    ]
    .into_iter()
    .flatten()
    .collect();
    match given.len() {
        1 => given.into_iter().next(),
        0 => {
            ctx.error_line(
                f.line(),
                format!("{what} cần một trong các khóa `url`, `page` hoặc `category`"),
            );
            None
        }
        _ => {
            ctx.error_line(
                f.line(),
                format!("{what} chỉ được có một trong các khóa `url`, `page`, `category`"),
            );
            None
        }
    }
}

fn item(ctx: &Ctx, f: &Fields, what: &str) -> Option<Item> {
    let name = f.str("name").map(|n| n.value.trim().to_string());
    if let Some(n) = &name {
        if n.is_empty() {
            ctx.error_line(f.line(), format!("{what} có tên trống"));
        }
    }
    let (target, line) = target(ctx, f, what)?;
    if matches!(target, Target::Url(_)) && name.is_none() {
        f.missing("name");
        return None;
    }
    Some(Item { name, target, line })
}

/// Reads the `[[menu]]` and `[[footer_links]]` tables of `site.toml` (`path`
/// names it in messages).
pub fn parse(path: &str, text: &str) -> Result<Menus, Vec<Diagnostic>> {
    let ctx = Ctx::new(path, text, 0);
    let Some(doc) = ctx.parse(text) else {
        return Err(ctx.into_errors());
    };
    // Every other key is site.rs's; only the two tables are read here.
    let top = Fields::unchecked(&ctx, doc.get_ref(), &(0..0), "");
    let mut menus = Menus {
        path: path.to_string(),
        ..Default::default()
    };
    for m in top.tables("menu", ENTRY_KEYS) {
        let has_items = m.has("items");
        if has_items {
            let name = m.req_str("name").map(|n| n.value.trim().to_string());
            for key in ["url", "page", "category"] {
                if m.has(key) {
                    ctx.error_line(
                        m.line(),
                        format!("mục menu có menu con (`items`) không được có khóa `{key}`: hãy đưa liên kết ấy vào `items`"),
                    );
                }
            }
            let items: Vec<Item> = m
                .tables("items", ITEM_KEYS)
                .iter()
                .filter_map(|i| item(&ctx, i, "mục menu con"))
                .collect();
            if items.is_empty() && !ctx.has_errors() {
                ctx.error_line(m.line(), "menu con trống: `items` cần ít nhất một mục");
            }
            if let Some(name) = name {
                menus.menu.push(Entry::Sub { name, items });
            }
        } else if let Some(i) = item(&ctx, &m, "mục menu") {
            menus.menu.push(Entry::Link(i));
        }
    }
    for g in top.tables("footer_links", &["title", "items"]) {
        let title = g.req_str("title").map(|t| t.value.trim().to_string());
        if !g.has("items") {
            g.missing("items");
        }
        let items: Vec<Item> = g
            .tables("items", ITEM_KEYS)
            .iter()
            .filter_map(|i| item(&ctx, i, "liên kết chân trang"))
            .collect();
        if let Some(title) = title {
            menus.footer.push((title, items));
        }
    }
    if ctx.has_errors() {
        Err(ctx.into_errors())
    } else {
        Ok(menus)
    }
}

/// Why a path under the site names nothing it has: `None` when it may (only the
/// app's own kinds of pages are checked; other paths are the operator's).
fn missing_route(path: &str, known: &Known) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    // A section checks its own addresses, and the main site's with what that has.
    let path = if known.prefix.is_empty() {
        path
    } else {
        let own = format!("/{}", known.prefix.trim_end_matches('/'));
        match path.strip_prefix(&own) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
            _ => return known.main.as_deref().and_then(|m| missing_route(path, m)),
        }
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if let Some((listing, _)) = routes::listing(&segments) {
        return match listing {
            routes::Listing::Category(slug) if !known.categories.iter().any(|c| c.slug == slug) => {
                Some(format!("chuyên mục không tồn tại: “{slug}”"))
            }
            routes::Listing::Tag(slug) if !known.tags.contains(slug) => {
                Some(format!("thẻ không tồn tại: “{slug}”"))
            }
            _ => None,
        };
    }
    match segments.as_slice() {
        ["trang", slug] if !known.pages.contains_key(*slug) => {
            Some(format!("trang không tồn tại: “{slug}”"))
        }
        ["bai-viet", slug] if !known.articles.contains(*slug) => {
            Some(format!("bài viết không tồn tại: “{slug}”"))
        }
        [routes::REGISTRY] if known.documents.is_empty() => {
            Some("sổ văn bản trống: chưa có văn bản nào trong content/documents".to_string())
        }
        [routes::REGISTRY, slug] if !known.documents.contains(*slug) => {
            Some(format!("văn bản không tồn tại: “{slug}”"))
        }
        _ => None,
    }
}

impl Menus {
    fn link(
        &self,
        item: &Item,
        known: &Known,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<ExternalLink> {
        let mut error = |m: String| errors.push(Diagnostic::new(&self.path, item.line, m));
        let (name, url) = match &item.target {
            Target::Page(slug) => match known.pages.get(slug) {
                Some(title) => (
                    title.clone(),
                    format!("/{}{}", known.prefix, routes::page(slug)),
                ),
                None => {
                    let mut slugs: Vec<&str> = known.pages.keys().map(String::as_str).collect();
                    slugs.sort_unstable();
                    error(format!(
                        "trang không tồn tại: “{slug}” (các trang trong thư mục pages: {})",
                        if slugs.is_empty() {
                            "chưa có".to_string()
                        } else {
                            slugs.join(", ")
                        }
                    ));
                    return None;
                }
            },
            Target::Category(slug) => match known.categories.iter().find(|c| &c.slug == slug) {
                Some(c) => (
                    c.name.clone(),
                    format!("/{}{}", known.prefix, routes::category(slug, 1)),
                ),
                None => {
                    let slugs: Vec<&str> =
                        known.categories.iter().map(|c| c.slug.as_str()).collect();
                    error(format!(
                        "chuyên mục không tồn tại: “{slug}” (các chuyên mục trong site.toml: {})",
                        slugs.join(", ")
                    ));
                    return None;
                }
            },
            Target::Url(u) => {
                if !is_safe(u) {
                    error(format!("địa chỉ không an toàn: {u}"));
                    return None;
                }
                let external = is_external(u);
                if !external && !u.starts_with('/') {
                    error(format!(
                        "địa chỉ “{u}”: dùng đường dẫn trong cổng bắt đầu bằng / (ví dụ /moi-nhat) hoặc địa chỉ đầy đủ https://…"
                    ));
                    return None;
                }
                if !external {
                    if let Some(m) = missing_route(u, known) {
                        error(format!("liên kết trỏ tới nội dung không có: {m}"));
                        return None;
                    }
                }
                (String::new(), https_if_protocol_relative(u))
            }
        };
        Some(ExternalLink {
            name: item.name.clone().unwrap_or(name),
            url,
        })
    }

    /// The menus with every entry named and addressed; an entry that points to
    /// nothing is an error on its line.
    pub fn resolve(
        &self,
        known: &Known,
    ) -> Result<(Vec<MenuEntry>, Vec<LinkGroup>), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut menu = Vec::new();
        for e in &self.menu {
            match e {
                Entry::Link(i) => {
                    if let Some(l) = self.link(i, known, &mut errors) {
                        menu.push(MenuEntry {
                            name: l.name,
                            url: Some(l.url),
                            items: Vec::new(),
                        });
                    }
                }
                Entry::Sub { name, items } => {
                    let items = items
                        .iter()
                        .filter_map(|i| self.link(i, known, &mut errors))
                        .collect();
                    menu.push(MenuEntry {
                        name: name.clone(),
                        url: None,
                        items,
                    });
                }
            }
        }
        let footer = self
            .footer
            .iter()
            .map(|(title, items)| LinkGroup {
                title: title.clone(),
                items: items
                    .iter()
                    .filter_map(|i| self.link(i, known, &mut errors))
                    .collect(),
            })
            .collect();
        if errors.is_empty() {
            Ok((menu, footer))
        } else {
            errors.sort();
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known_resolve(text: &str) -> Result<(Vec<MenuEntry>, Vec<LinkGroup>), Vec<String>> {
        let pages: HashMap<String, String> =
            [("lien-he".to_string(), "Liên hệ".to_string())].into();
        let categories = vec![Category {
            slug: "kinh-te".into(),
            name: "Kinh tế".into(),
            description: None,
        }];
        let articles: HashSet<String> = ["cau-moi".to_string()].into();
        let tags: HashSet<String> = HashSet::new();
        let documents: HashSet<String> = ["2025-05-nq-tu".to_string()].into();
        let known = Known {
            pages,
            categories,
            articles,
            tags,
            documents,
            ..Known::default()
        };
        parse("site.toml", text)
            .and_then(|m| m.resolve(&known))
            .map_err(|e| e.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn entries_take_names_and_addresses() {
        let (menu, footer) = known_resolve(
            "name = \"x\"\n[[menu]]\nname = \"Giới thiệu\"\nitems = [\n  { page = \"lien-he\" },\n  { name = \"Kinh tế và đầu tư\", category = \"kinh-te\" },\n]\n[[menu]]\nname = \"Dịch vụ công\"\nurl = \"//dichvucong.gov.vn/\"\n[[menu]]\npage = \"lien-he\"\n[[footer_links]]\ntitle = \"Tra cứu\"\nitems = [{ name = \"Mới\", url = \"/moi-nhat\" }, { name = \"Bài\", url = \"/bai-viet/cau-moi#a\" }]\n",
        )
        .unwrap();
        assert_eq!(menu.len(), 3);
        assert_eq!(menu[0].name, "Giới thiệu");
        assert_eq!(menu[0].url, None);
        assert_eq!(menu[0].items[0].name, "Liên hệ");
        assert_eq!(menu[0].items[0].url, "/trang/lien-he");
        assert_eq!(menu[0].items[1].name, "Kinh tế và đầu tư");
        assert_eq!(menu[0].items[1].url, "/chuyen-muc/kinh-te");
        assert_eq!(menu[1].url.as_deref(), Some("https://dichvucong.gov.vn/"));
        assert_eq!(menu[2].name, "Liên hệ");
        assert_eq!(footer[0].title, "Tra cứu");
        assert_eq!(footer[0].items.len(), 2);
    }

    #[test]
    fn entries_that_point_to_nothing_are_errors_on_their_lines() {
        let e = known_resolve(
            "[[menu]]\nname = \"A\"\nitems = [\n  { page = \"gioi-thieu\" },\n  { category = \"y-te\" },\n  { name = \"B\", url = \"javascript:alert(1)\" },\n  { name = \"C\", url = \"/trang/khong-co\" },\n  { name = \"V\", url = \"/van-ban/khong-co\" },\n  { name = \"D\", url = \"moi-nhat\" },\n]\n[[footer_links]]\ntitle = \"T\"\nitems = [{ name = \"E\", url = \"/bai-viet/khong-co\" }]\n",
        )
        .unwrap_err();
        let want = [
            "site.toml:4: trang không tồn tại: “gioi-thieu” (các trang trong thư mục pages: lien-he)",
            "site.toml:5: chuyên mục không tồn tại: “y-te”",
            "site.toml:6: địa chỉ không an toàn: javascript:alert(1)",
            "site.toml:7: liên kết trỏ tới nội dung không có: trang không tồn tại: “khong-co”",
            "site.toml:8: liên kết trỏ tới nội dung không có: văn bản không tồn tại: “khong-co”",
            "site.toml:9: địa chỉ “moi-nhat”: dùng đường dẫn",
            "site.toml:13: liên kết trỏ tới nội dung không có: bài viết không tồn tại: “khong-co”",
        ];
        assert_eq!(e.len(), want.len(), "{e:?}");
        for (got, want) in e.iter().zip(want) {
            assert!(got.starts_with(want), "{got} !~ {want}");
        }
    }

    #[test]
    fn shapes_are_checked() {
        let e = known_resolve(
            "[[menu]]\nname = \"A\"\nurl = \"/\"\nitems = [{ page = \"lien-he\" }]\n[[menu]]\nname = \"B\"\n[[menu]]\nurl = \"/moi-nhat\"\n[[menu]]\nname = \"C\"\npage = \"lien-he\"\ncategory = \"kinh-te\"\n[[menu]]\nname = \"D\"\nitems = [{ page = \"lien-he\", nhan = 1 }]\n",
        )
        .unwrap_err();
        let text = e.join("\n");
        assert!(
            text.contains("site.toml:1: mục menu có menu con (`items`) không được có khóa `url`"),
            "{text}"
        );
        assert!(
            text.contains("site.toml:5: mục menu cần một trong các khóa"),
            "{text}"
        );
        assert!(
            text.contains("site.toml:7: thiếu khóa bắt buộc `menu.name`"),
            "{text}"
        );
        assert!(
            text.contains("site.toml:9: mục menu chỉ được có một trong các khóa"),
            "{text}"
        );
        assert!(
            text.contains("site.toml:15: khóa không được hỗ trợ: `menu.items.nhan`"),
            "{text}"
        );
    }
}
