//! `site.toml`: the site's name, categories, links box and footer.

use bantin_contract::text::is_slug;
use bantin_contract::url::{https_if_protocol_relative, is_safe};
use bantin_contract::{Category, ExternalLink, Footer, SiteSettings, CONTRACT_VERSION};

use crate::diag::Diagnostic;
use crate::tomlx::{Ctx, Fields};

/// Reads the site settings from the text of `site.toml` (`path` is used in
/// messages); returns them with the warnings about the file, sorted.
pub fn parse_site(
    path: &str,
    text: &str,
) -> Result<(SiteSettings, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_site_with_offline(path, text).map(|(s, _, w)| (s, w))
}

/// [`parse_site`], also returning the `[offline]` table's settings
/// (`enabled`, default true; `short_name`, the installed app's short name).
pub fn parse_site_with_offline(
    path: &str,
    text: &str,
) -> Result<(SiteSettings, crate::offline::Settings, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_site_full(path, text).map(|(s, o, _, _, _, w)| (s, o, w))
}

/// The site settings with every table the build uses:
/// [`parse_site_with_offline`], and the security settings (`data_url`, the
/// app's data root, and the `[security]` table's origins of third-party
/// services: `connect_src`, `img_src`, `media_src`, `frame_src`), the brand
/// and the web editor's `[editor]` table.
#[allow(clippy::type_complexity)]
pub fn parse_site_full(
    path: &str,
    text: &str,
) -> Result<
    (
        SiteSettings,
        crate::offline::Settings,
        crate::security::Settings,
        crate::brand::Brand,
        crate::editor::Settings,
        Vec<Diagnostic>,
    ),
    Vec<Diagnostic>,
> {
    let ctx = Ctx::new(path, text, 0);
    let Some(doc) = ctx.parse(text) else {
        return Err(ctx.into_errors());
    };
    let top = Fields::new(
        &ctx,
        doc.get_ref(),
        &(0..0),
        &[
            "name",
            "tagline",
            "lang",
            "base_url",
            "categories",
            "links",
            "footer",
            "offline",
            "data_url",
            "security",
            // Read by `crate::menu` once the pages are known.
            "menu",
            "footer_links",
            "brand",
            "editor",
        ],
        "",
    );
    let name = top.req_str("name");
    let tagline = top.str("tagline").map(|s| s.value);
    let lang = top.str("lang").and_then(|l| {
        match l.value.trim().to_ascii_lowercase().as_str() {
            "vi" => None,
            "en" => Some("en".to_string()),
            _ => {
                ctx.error_line(
                    l.line,
                    format!(
                        "ngôn ngữ không được hỗ trợ: “{}” (dùng \"vi\" cho tiếng Việt hoặc \"en\" cho tiếng Anh)",
                        l.value
                    ),
                );
                None
            }
        }
    });
    let base_url = top.str("base_url");
    if let Some(u) = &base_url {
        if !is_safe(&u.value) {
            ctx.error_line(u.line, format!("địa chỉ không an toàn: {}", u.value));
        }
    }

    let mut categories: Vec<Category> = Vec::new();
    for c in top.tables("categories", &["slug", "name", "description"]) {
        let slug = c.req_str("slug");
        let cname = c.req_str("name");
        let description = c.str("description").map(|s| s.value);
        if let Some(s) = &slug {
            if !is_slug(&s.value) {
                ctx.error_line(
                    s.line,
                    format!(
                        "slug chuyên mục không hợp lệ: “{}” (chỉ gồm a-z, 0-9 và dấu gạch nối)",
                        s.value
                    ),
                );
            } else if categories.iter().any(|k| k.slug == s.value) {
                ctx.error_line(s.line, format!("chuyên mục bị trùng: {}", s.value));
            }
        }
        if let (Some(slug), Some(cname)) = (slug, cname) {
            categories.push(Category {
                slug: slug.value,
                name: cname.value,
                description,
            });
        }
    }

    let mut links = Vec::new();
    for l in top.tables("links", &["name", "url"]) {
        let lname = l.req_str("name");
        let url = l.req_str("url");
        if let Some(u) = &url {
            if !is_safe(&u.value) {
                ctx.error_line(u.line, format!("địa chỉ không an toàn: {}", u.value));
            }
        }
        if let (Some(n), Some(u)) = (lname, url) {
            links.push(ExternalLink {
                name: n.value,
                url: https_if_protocol_relative(&u.value),
            });
        }
    }

    let mut footer = Footer::default();
    if let Some(f) = top.table(
        "footer",
        &["owner", "address", "phone", "email", "license", "notes"],
    ) {
        footer.owner = f.str("owner").map(|s| s.value);
        footer.address = f.str("address").map(|s| s.value);
        footer.phone = f.str("phone").map(|s| s.value);
        footer.email = f.str("email").map(|s| s.value);
        footer.license = f.str("license").map(|s| s.value);
        footer.notes = f
            .str_list("notes")
            .map(|l| l.value.into_iter().map(|s| s.value).collect())
            .unwrap_or_default();
    }

    let mut offline = crate::offline::Settings::default();
    if let Some(o) = top.table("offline", &["enabled", "short_name"]) {
        if let Some(b) = o.bool("enabled") {
            offline.enabled = b.value;
        }
        offline.short_name = o.str("short_name").map(|s| s.value);
    }

    let mut security = crate::security::Settings::default();
    if let Some(u) = top.str("data_url") {
        match bantin_contract::check_data_url(&u.value) {
            Ok(_) => security.data_url = Some(u.value),
            Err(e) => ctx.error_line(u.line, format!("data_url không hợp lệ: {e}")),
        }
    }
    if let Some(t) = top.table(
        "security",
        &["connect_src", "img_src", "media_src", "frame_src"],
    ) {
        for (key, list) in [
            ("connect_src", &mut security.connect),
            ("img_src", &mut security.img),
            ("media_src", &mut security.media),
            ("frame_src", &mut security.frame),
        ] {
            for o in t.str_list(key).map(|l| l.value).unwrap_or_default() {
                match crate::security::origin_of(&o.value) {
                    Some(origin) if o.value.trim().trim_end_matches('/') == origin => {
                        list.push(origin)
                    }
                    _ => ctx.error_line(
                        o.line,
                        format!(
                            "{key}: “{}” không phải một origin (dạng https://ten-mien[:cong], không có đường dẫn)",
                            o.value
                        ),
                    ),
                }
            }
        }
    }

    let brand = crate::brand::read(top.table("brand", crate::brand::KEYS));
    let editor = crate::editor::read(top.table("editor", crate::editor::KEYS));

    if ctx.has_errors() {
        return Err(ctx.into_errors());
    }
    let settings = SiteSettings {
        version: CONTRACT_VERSION,
        name: name.map(|n| n.value).unwrap_or_default(),
        tagline,
        base_url: base_url.map(|u| u.value),
        categories,
        links,
        footer,
        menu: Vec::new(),
        footer_links: Vec::new(),
        pages: Vec::new(),
        registry: Vec::new(),
        lang,
        languages: Vec::new(),
    };
    Ok((
        settings,
        offline,
        security,
        brand,
        editor,
        ctx.take_warnings(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_site() {
        let s = parse_site(
            "site.toml",
            "name = \"Cổng\"\n[[categories]]\nslug = \"thoi-su\"\nname = \"Thời sự\"\n[footer]\nnotes = [\"a\"]\n",
        )
        .unwrap()
        .0;
        assert_eq!(s.name, "Cổng");
        assert_eq!(s.categories[0].slug, "thoi-su");
        assert_eq!(s.footer.notes, vec!["a"]);
    }

    #[test]
    fn offline_settings() {
        let (_, o, _) = parse_site_with_offline("site.toml", "name = \"Cổng\"\n").unwrap();
        assert_eq!(o, crate::offline::Settings::default());
        assert!(o.enabled);
        let (_, o, _) = parse_site_with_offline(
            "site.toml",
            "name = \"Cổng\"\n[offline]\nenabled = false\nshort_name = \"Hòa Lâm\"\n",
        )
        .unwrap();
        assert!(!o.enabled);
        assert_eq!(o.short_name.as_deref(), Some("Hòa Lâm"));
        let errs = parse_site(
            "site.toml",
            "name = \"Cổng\"\n[offline]\nenabled = \"không\"\n",
        )
        .unwrap_err();
        assert!(
            errs[0]
                .to_string()
                .starts_with("site.toml:3: khóa `offline.enabled` phải là true hoặc false"),
            "{errs:?}"
        );
    }

    #[test]
    fn links_and_text() {
        let (s, warnings) = parse_site(
            "site.toml",
            "name = \"Cổng\u{202E}\"\n[[links]]\nname = \"Báo\"\nurl = \"//bao.example.vn/\"\n[footer]\nnotes = [\"a\",\n\"b\u{2068}\"]\n",
        )
        .unwrap();
        assert_eq!(s.name, "Cổng");
        assert_eq!(s.links[0].url, "https://bao.example.vn/");
        assert_eq!(s.footer.notes, ["a", "b"]);
        let lines: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            lines,
            [
                format!("site.toml:1: {}", crate::diag::bidi_warning('\u{202E}')),
                format!("site.toml:7: {}", crate::diag::bidi_warning('\u{2068}')),
            ]
        );
    }

    #[test]
    fn reports_problems_with_lines() {
        let errs = parse_site(
            "site.toml",
            "nam = \"x\"\n[[categories]]\nslug = \"Thời sự\"\nname = \"Thời sự\"\n",
        )
        .unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            text.iter()
                .any(|e| e.starts_with("site.toml:1: khóa không được hỗ trợ: `nam`")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("site.toml:1: thiếu khóa bắt buộc `name`")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.starts_with("site.toml:3: slug chuyên mục không hợp lệ")),
            "{text:?}"
        );
    }
}
