//! The site's pages (`content/pages/<slug>.md`): "Giới thiệu", "Liên hệ" and
//! the like, outside the news stream. Same file format as an article (TOML
//! front matter between `+++` lines, then a Markdown body with every block an
//! article may have), with fewer keys: a page has no category, tags or
//! publication date. Its slug is its file name; the menus of `site.toml` name
//! pages by it.

use std::collections::HashMap;
use std::path::Path;

use bantin_contract::text::{is_slug, slugify};
use bantin_contract::{InfoPage, CONTRACT_VERSION};

use crate::article::{parse_date, read_attachments, read_body, split};
use crate::diag::Diagnostic;
use crate::images::ImageStore;
use crate::markdown::collapse_spaces;
use crate::summary::rfc3339;
use crate::tomlx::{Ctx, Fields};

/// The keys a page's front matter may have.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "updated",
    "attachments",
    "translation_of",
];

/// The content folder's folder of pages.
pub const FOLDER: &str = "pages";

/// A page as read from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    /// The file, as shown in messages.
    pub path: String,
    /// The page's document.
    pub page: InfoPage,
    /// Warnings about the file (the build goes on).
    pub warnings: Vec<Diagnostic>,
    /// `translation_of`: the main site's page (its slug) this one translates, with its line.
    pub translation_of: Option<(String, usize)>,
}

/// The slug of a page file: its name without `.md`.
fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads one page file; `path` names it in messages, `file` is where it is
/// (its name is the slug).
pub fn parse_page(
    path: &str,
    file: &Path,
    text: &str,
    images: &ImageStore,
) -> Result<ParsedPage, Vec<Diagnostic>> {
    let parts = split(text).map_err(|(line, msg)| vec![Diagnostic::new(path, line, msg)])?;
    let ctx = Ctx::new(path, text, parts.toml_start);
    let Some(doc) = ctx.parse(parts.toml) else {
        return Err(ctx.into_errors());
    };
    let f = Fields::new(&ctx, doc.get_ref(), &(0..0), KEYS, "").with_line(1);
    let slug = slug_of(file);
    if !is_slug(&slug) {
        ctx.error_line(
            1,
            format!(
                "tên tệp trang không hợp lệ: “{slug}.md” (tên tệp là địa chỉ của trang: chỉ gồm chữ thường a-z, số và dấu gạch nối, ví dụ “{}.md”)",
                slugify(&slug)
            ),
        );
    }
    let title = f
        .req_str("title")
        .map(|t| (collapse_spaces(&t.value), t.line));
    if let Some((t, line)) = &title {
        if t.is_empty() {
            ctx.error_line(*line, "tiêu đề trang trống");
        }
    }
    let description = f
        .str("description")
        .map(|s| collapse_spaces(&s.value))
        .filter(|s| !s.is_empty());
    let updated = f.date_text("updated").and_then(|d| {
        // A page's date is often only a day: read it as that day's start, Vietnam time.
        let value = d.value.trim();
        let day = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
        let parsed = if day {
            parse_date(&format!("{value} 00:00"))
        } else {
            parse_date(value)
        };
        if parsed.is_none() {
            ctx.error_line(
                d.line,
                format!(
                    "ngày không hợp lệ: “{}” (dùng dạng 2026-11-30, 2026-11-30 08:30 hoặc 2026-11-30T08:30:00+07:00)",
                    d.value
                ),
            );
        }
        parsed
    });
    let translation_of =
        crate::article::read_translation_of(&ctx, &f, "tên tệp (không có .md) của một trang");
    let mut attachments = read_attachments(&ctx, &f, images);
    let body = read_body(&ctx, &parts, images, &mut attachments);
    if ctx.has_errors() {
        return Err(ctx.into_errors());
    }
    let (title, _) = title.expect("checked");
    Ok(ParsedPage {
        path: path.to_string(),
        page: InfoPage {
            version: CONTRACT_VERSION,
            slug,
            title,
            description,
            updated: updated.map(rfc3339),
            body,
            attachments,
            translations: Vec::new(),
        },
        warnings: ctx.take_warnings(),
        translation_of,
    })
}

/// Reads every page of `files` (the `.md` files of the pages folder, sorted);
/// two files with one name in different subfolders are an error.
pub fn parse_pages(
    files: &[std::path::PathBuf],
    images: &ImageStore,
) -> Result<Vec<ParsedPage>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut pages: Vec<ParsedPage> = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for file in files {
        let path = file.display().to_string();
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Diagnostic::new(
                    &path,
                    1,
                    format!("không đọc được tệp: {e}"),
                ));
                continue;
            }
        };
        match parse_page(&path, file, &text, images) {
            Ok(p) => {
                if let Some(first) = seen.get(&p.page.slug) {
                    errors.push(Diagnostic::new(
                        &path,
                        1,
                        format!(
                            "trang bị trùng địa chỉ: “{}” đã dùng cho {first} (đổi tên một trong hai tệp)",
                            p.page.slug
                        ),
                    ));
                } else {
                    seen.insert(p.page.slug.clone(), path);
                    pages.push(p);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        errors.sort();
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> ImageStore {
        ImageStore::new(std::env::temp_dir().join("bantin-no-images"), "anh".into())
    }

    fn parse(name: &str, text: &str) -> Result<ParsedPage, Vec<String>> {
        parse_page(name, Path::new(name), text, &store())
            .map_err(|e| e.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_a_page() {
        let p = parse(
            "lien-he.md",
            "+++\ntitle = \"Liên  hệ\"\ndescription = \"Địa chỉ\"\nupdated = \"2026-11-30\"\n+++\n## Giờ làm việc\n\nSáng 7h30.\n",
        )
        .unwrap()
        .page;
        assert_eq!(p.slug, "lien-he");
        assert_eq!(p.title, "Liên hệ");
        assert_eq!(p.description.as_deref(), Some("Địa chỉ"));
        assert_eq!(p.updated.as_deref(), Some("2026-11-30T00:00:00+07:00"));
        assert_eq!(p.body.len(), 2);
    }

    #[test]
    fn reports_problems_with_lines() {
        let e = parse("Lien He.md", "+++\ntitle = \"Liên hệ\"\n+++\nx\n").unwrap_err();
        assert!(
            e[0].starts_with("Lien He.md:1: tên tệp trang không hợp lệ")
                && e[0].contains("lien-he.md"),
            "{e:?}"
        );
        let e = parse(
            "a.md",
            "+++\ndescription = \"x\"\ncategory = \"y\"\nupdated = \"hôm qua\"\n+++\n",
        )
        .unwrap_err();
        assert!(
            e.iter()
                .any(|m| m.starts_with("a.md:1: thiếu khóa bắt buộc `title`")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("a.md:3: khóa không được hỗ trợ: `category`")),
            "{e:?}"
        );
        assert!(
            e.iter().any(|m| m.starts_with("a.md:4: ngày không hợp lệ")),
            "{e:?}"
        );
    }
}
