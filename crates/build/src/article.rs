//! One article file: TOML front matter between `+++` lines, then a Markdown body.

use bantin_contract::date::parse_rfc3339;
use bantin_contract::text::{is_slug, slugify};
use bantin_contract::url::{https_if_protocol_relative, is_safe};
use bantin_contract::{Attachment, Block, Category, Figure, Source, Term};

use crate::diag::Diagnostic;
use crate::images::ImageStore;
use crate::markdown::{collapse_spaces, to_blocks};
use crate::tomlx::{Ctx, Fields};

/// The keys an article's front matter may have.
pub const KEYS: &[&str] = &[
    "title",
    "slug",
    "date",
    "updated",
    "category",
    "tags",
    "author",
    "lead",
    "source",
    "cover",
    "attachments",
    "translation_of",
    "draft",
    "aliases",
];

/// An article as read from its file, before listings and related articles are known.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    /// The file, as shown in messages.
    pub path: String,
    /// The article's slug (given or derived from the title).
    pub slug: String,
    /// The line the slug comes from (the `slug` key, or the `title` key when derived).
    pub slug_line: usize,
    /// The title, whitespace collapsed.
    pub title: String,
    /// Publication time, Unix seconds.
    pub published: i64,
    /// Last update, Unix seconds.
    pub updated: Option<i64>,
    /// The category's slug (known to exist in `site.toml`).
    pub category: String,
    /// Tags in front-matter order, without duplicates.
    pub tags: Vec<Term>,
    /// The author's name.
    pub author: Option<String>,
    /// The lead paragraph.
    pub lead: Option<String>,
    /// Where the article was first published.
    pub source: Option<Source>,
    /// The cover image.
    pub cover: Option<Figure>,
    /// The body.
    pub body: Vec<Block>,
    /// Files attached (front matter first, then those the body links to).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Warnings about the file (the build goes on), sorted; kept in the parse
    /// cache so a rebuild that does not read the file again still shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
    /// `translation_of`: the slug of the article of the main site this one
    /// translates (in a section of another language), with its line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<(String, usize)>,
    /// `draft = true`: never published (the build lists it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// `aliases`: the article's old addresses (paths from the site's root,
    /// normalised: one leading `/`, no trailing one), each with its line; each
    /// redirects to the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<(String, usize)>,
}

/// `translation_of` of an article or a page: the slug (`what` it must be, for
/// the message) of the main site's article or page it translates, with its line.
pub(crate) fn read_translation_of(ctx: &Ctx, f: &Fields, what: &str) -> Option<(String, usize)> {
    let t = f.str("translation_of")?;
    let slug = t.value.trim().trim_end_matches(".md").to_string();
    if is_slug(&slug) {
        Some((slug, t.line))
    } else {
        ctx.error_line(
            t.line,
            format!(
                "translation_of phải là {what} (chỉ gồm a-z, 0-9 và dấu gạch nối): “{}”",
                t.value
            ),
        );
        None
    }
}

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub toml: &'a str,
    /// Byte offset of the TOML in the file.
    pub toml_start: usize,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
}

/// Finds the front matter: the file must start with a `+++` line and have a closing one.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut offset = start;
    let mut open: Option<usize> = None;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        let next = offset + line.len();
        if line.trim_end() == "+++" {
            match open {
                None if i == 0 => open = Some(next),
                Some(toml_start) => {
                    return Ok(Split {
                        toml: &text[toml_start..offset],
                        toml_start,
                        body: &text[next..],
                        body_line: i + 2,
                    })
                }
                None => {}
            }
        } else if open.is_none() {
            return Err((
                1,
                "thiếu phần đầu: tệp phải bắt đầu bằng một dòng +++, rồi các khóa TOML, rồi một dòng +++"
                    .to_string(),
            ));
        }
        offset = next;
    }
    match open {
        None => Err((1, "tệp trống: thiếu phần đầu giữa hai dòng +++".to_string())),
        Some(_) => Err((1, "phần đầu không có dòng +++ đóng".to_string())),
    }
}

/// Reads a front-matter date: RFC 3339 with an offset, or `YYYY-MM-DD HH:MM[:SS]`
/// (also with `T`) read as Vietnam time. Returns Unix seconds.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Some(t) = parse_rfc3339(s) {
        return Some(t);
    }
    let local = matches!(s.len(), 16 | 19)
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"-: T".contains(&b));
    if local {
        return parse_rfc3339(&format!("{s}+07:00"));
    }
    None
}

/// An alias (an article's old address) as a path from the site's root: one
/// leading `/`, no trailing one, no `.`/`..` segment, no query or fragment
/// (a static redirect is a file), only characters a URL path carries as they
/// are. The error says what is wrong (after the alias, in Vietnamese).
pub fn alias_path(alias: &str) -> Result<String, &'static str> {
    let a = alias.trim();
    if !a.starts_with('/') {
        return Err(
            "phải bắt đầu bằng “/” (đường dẫn tính từ gốc trang, ví dụ “/2019/05/ten-bai.html”)",
        );
    }
    if a.contains(['?', '#']) {
        return Err("có “?” hoặc “#”: trang chuyển hướng tĩnh chỉ theo đường dẫn");
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || "-._~/%+,=:@".contains(c);
    if !a.chars().all(ok) {
        return Err(
            "có ký tự không dùng được trong đường dẫn (khoảng trắng, chữ có dấu: hãy mã hóa %XX)",
        );
    }
    let path = a.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    if path.is_empty()
        || segments
            .iter()
            .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err("không phải một đường dẫn hợp lệ");
    }
    Ok(path.to_string())
}

/// Reads one article file. `path` names it in messages; `categories` are the known ones.
pub fn parse_article(
    path: &str,
    text: &str,
    categories: &[Category],
    images: &ImageStore,
) -> Result<Parsed, Vec<Diagnostic>> {
    let parts = split(text).map_err(|(line, msg)| vec![Diagnostic::new(path, line, msg)])?;
    let ctx = Ctx::new(path, text, parts.toml_start);
    let Some(doc) = ctx.parse(parts.toml) else {
        return Err(ctx.into_errors());
    };
    // Missing keys are reported on the opening +++ line.
    let f = Fields::new(&ctx, doc.get_ref(), &(0..0), KEYS, "").with_line(1);

    let title = f.req_str("title");
    let slug = match f.str("slug") {
        Some(s) if !is_slug(&s.value) => {
            ctx.error_line(
                s.line,
                format!(
                    "slug không hợp lệ: “{}” (chỉ gồm chữ thường a-z, số và dấu gạch nối, ví dụ “{}”)",
                    s.value,
                    slugify(&s.value)
                ),
            );
            None
        }
        Some(s) => Some((s.value, s.line)),
        None => match &title {
            Some(t) if slugify(&t.value).is_empty() => {
                ctx.error_line(
                    t.line,
                    "không tạo được slug từ tiêu đề: hãy khai báo khóa `slug`",
                );
                None
            }
            Some(t) => Some((slugify(&t.value), t.line)),
            None => None,
        },
    };

    let date = |key: &str, required: bool| -> Option<i64> {
        match f.date_text(key) {
            Some(d) => {
                let parsed = parse_date(&d.value);
                if parsed.is_none() {
                    ctx.error_line(
                        d.line,
                        format!(
                            "ngày không hợp lệ: “{}” (dùng dạng 2024-01-23T08:30:00+07:00 hoặc 2024-01-23 08:30)",
                            d.value
                        ),
                    );
                }
                parsed
            }
            None => {
                if required {
                    f.missing(key);
                }
                None
            }
        }
    };
    let published = date("date", true);
    let updated = date("updated", false);

    let category = match f.req_str("category") {
        Some(c) if categories.iter().any(|k| k.slug == c.value) => Some(c.value),
        Some(c) => {
            let known: Vec<&str> = categories.iter().map(|k| k.slug.as_str()).collect();
            ctx.error_line(
                c.line,
                format!(
                    "chuyên mục không tồn tại: “{}” (các chuyên mục trong site.toml: {})",
                    c.value,
                    known.join(", ")
                ),
            );
            None
        }
        None => None,
    };

    let mut tags: Vec<Term> = Vec::new();
    for t in f.str_list("tags").map(|l| l.value).unwrap_or_default() {
        let name = collapse_spaces(&t.value);
        let slug = slugify(&name);
        if slug.is_empty() {
            ctx.error_line(t.line, format!("thẻ không hợp lệ: “{}”", t.value));
        } else if !tags.iter().any(|x| x.slug == slug) {
            tags.push(Term { slug, name });
        }
    }

    let text_of = |key: &str| {
        f.str(key)
            .map(|s| collapse_spaces(&s.value))
            .filter(|s| !s.is_empty())
    };
    let author = text_of("author");
    let lead = text_of("lead");
    let translation_of = read_translation_of(&ctx, &f, "slug của một bài viết");

    let source = f.table("source", &["name", "url"]).and_then(|s| {
        let name = s.req_str("name");
        let url = s.str("url");
        if let Some(u) = &url {
            if !is_safe(&u.value) {
                ctx.error_line(u.line, format!("địa chỉ nguồn không an toàn: {}", u.value));
            }
        }
        name.map(|n| Source {
            name: collapse_spaces(&n.value),
            url: url.map(|u| https_if_protocol_relative(&u.value)),
        })
    });

    let cover = f
        .table("cover", &["src", "alt", "caption", "credit"])
        .and_then(|c| {
            let src = c.req_str("src");
            let alt = c.str("alt");
            let alt = match alt {
                Some(a) if !a.value.trim().is_empty() => Some(collapse_spaces(&a.value)),
                Some(a) => {
                    ctx.error_line(a.line, "ảnh bìa thiếu mô tả (alt)");
                    None
                }
                None => {
                    ctx.error_line(c.line(), "ảnh bìa thiếu mô tả: cần khóa `cover.alt`");
                    None
                }
            };
            let src = src?;
            let image = match images.image(&src.value, alt?) {
                Ok(image) => image,
                Err(msg) => {
                    ctx.error_line(src.line, msg);
                    return None;
                }
            };
            let nonempty =
                |s: Option<String>| s.map(|s| collapse_spaces(&s)).filter(|s| !s.is_empty());
            Some(Figure {
                image,
                caption: nonempty(c.str("caption").map(|s| s.value)),
                credit: nonempty(c.str("credit").map(|s| s.value)),
            })
        });

    let draft = f.bool("draft").is_some_and(|d| d.value);
    let mut aliases: Vec<(String, usize)> = Vec::new();
    for a in f.str_or_list("aliases") {
        match alias_path(&a.value) {
            Ok(p) if aliases.iter().any(|(x, _)| *x == p) => {
                ctx.error_line(a.line, format!("địa chỉ cũ bị lặp: “{}”", a.value));
            }
            Ok(p) => aliases.push((p, a.line)),
            Err(msg) => ctx.error_line(a.line, format!("aliases: “{}” {msg}", a.value)),
        }
    }
    let mut attachments = read_attachments(&ctx, &f, images);
    let body = read_body(&ctx, &parts, images, &mut attachments);

    if ctx.has_errors() {
        return Err(ctx.into_errors());
    }
    let (slug, slug_line) = slug.expect("checked");
    Ok(Parsed {
        path: path.to_string(),
        slug,
        slug_line,
        title: collapse_spaces(&title.expect("checked").value),
        published: published.expect("checked"),
        updated,
        category: category.expect("checked"),
        tags,
        author,
        lead,
        source,
        cover,
        body,
        attachments,
        warnings: ctx.take_warnings(),
        translation_of,
        draft,
        aliases,
    })
}

/// The files of an article's or a page's `[[attachments]]`.
pub(crate) fn read_attachments(ctx: &Ctx, f: &Fields, images: &ImageStore) -> Vec<Attachment> {
    read_files(ctx, f, images, "attachments", false)
}

/// The files of the tables `key` of `f` (each `src` under `/tep/` and a
/// `title`), each once, with the format and size read from the file; with
/// `documents_only`, each must be a document (PDF, DOC, DOCX…), not media.
/// Problems go to `ctx` on their lines.
pub(crate) fn read_files(
    ctx: &Ctx,
    f: &Fields,
    images: &ImageStore,
    key: &str,
    documents_only: bool,
) -> Vec<Attachment> {
    let mut files: Vec<Attachment> = Vec::new();
    for a in f.tables(key, &["src", "title"]) {
        let (Some(src), Some(title)) = (a.req_str("src"), a.req_str("title")) else {
            continue;
        };
        let title = collapse_spaces(&title.value);
        if title.is_empty() {
            ctx.error_line(a.line(), "tài liệu đính kèm thiếu tên (title)");
            continue;
        }
        let href = src.value.trim();
        match crate::markdown::Assets::file(images, href) {
            Ok(info) if documents_only && info.kind != crate::files::Kind::Document => ctx
                .error_line(
                    src.line,
                    format!("tệp văn bản phải là tài liệu (PDF, DOC, DOCX…): {href}"),
                ),
            Ok(_) if files.iter().any(|x| x.href == href) => {
                ctx.error_line(src.line, format!("tài liệu đính kèm bị trùng: {href}"))
            }
            Ok(info) => files.push(Attachment {
                href: href.to_string(),
                title,
                format: info.format,
                size: info.size,
            }),
            Err(msg) => ctx.error_line(src.line, msg),
        }
    }
    files
}

/// The Markdown body of a file as blocks; the files it links to are added to
/// `attachments` (those already there are kept once). Problems go to `ctx`.
pub(crate) fn read_body(
    ctx: &Ctx,
    parts: &Split<'_>,
    images: &ImageStore,
    attachments: &mut Vec<Attachment>,
) -> Vec<Block> {
    match to_blocks(parts.body, parts.body_line, images) {
        Ok(b) => {
            for (line, msg) in b.warnings {
                ctx.warn_line(line, msg);
            }
            for a in b.attachments {
                if !attachments.iter().any(|x| x.href == a.href) {
                    attachments.push(a);
                }
            }
            b.blocks
        }
        Err(errs) => {
            for (line, msg) in errs {
                ctx.error_line(line, msg);
            }
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split("+++\na = 1\n+++\nBody\n").unwrap();
        assert_eq!(s.toml, "a = 1\n");
        assert_eq!(s.toml_start, 4);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
        let s = split("\u{feff}+++\r\na = 1\r\n+++\r\n").unwrap();
        assert_eq!(s.toml, "a = 1\r\n");
        assert_eq!(s.body, "");
        assert!(split("title = 1\n").is_err());
        assert!(split("+++\na = 1\n").is_err());
        assert!(split("").is_err());
    }

    #[test]
    fn dates() {
        let a = parse_date("2024-01-23T08:30:00+07:00").unwrap();
        assert_eq!(parse_date("2024-01-23 08:30"), Some(a));
        assert_eq!(parse_date("2024-01-23T08:30"), Some(a));
        assert_eq!(parse_date("2024-01-23 08:30:00"), Some(a));
        assert_eq!(parse_date("2024-01-23T01:30:00Z"), Some(a));
        for bad in [
            "2024-01-23",
            "23/01/2024 08:30",
            "2024-02-30 08:30",
            "hôm qua",
            "2024-01-23 8:30",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
