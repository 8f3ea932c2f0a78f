//! An article's old addresses (`aliases` in its front matter): each redirects
//! to the article, as a static page at the old path (a `meta refresh` and a
//! canonical link, for any host) and as a 301 rule in the host configs
//! (`crate::deploy`), which answer first where they apply.
//!
//! An alias may not take a path the site uses: another article's address, a
//! page, a listing, a file the build or trunk writes. Two articles may not
//! claim the same old address.

use std::collections::HashMap;

use crate::build::Whole;
use crate::diag::Diagnostic;
use crate::output::Writer;
use crate::pages::{escape_attr, escape_text};

/// One alias: its path from the site's root (no leading `/`), the article's
/// path (`bai-viet/<slug>`, under its section), and where it was declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old address, relative to the site's root (`2019/05/ten-bai.html`).
    pub from: String,
    /// The article's address, relative to the site's root.
    pub to: String,
    title: String,
    lang: String,
    file: String,
    line: usize,
}

impl Alias {
    /// The file the static redirect is written to: the path itself when its
    /// last segment has an extension, else its folder's `index.html`.
    pub fn file(&self) -> String {
        if crate::deploy::is_file_path(&self.from) {
            self.from.clone()
        } else {
            format!("{}/index.html", self.from)
        }
    }
}

/// Every published article's aliases, checked against each other and
/// against the articles' own addresses.
pub fn collect(whole: &Whole) -> Result<Vec<Alias>, Vec<Diagnostic>> {
    let mut out: Vec<Alias> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    let sites = std::iter::once((String::new(), &whole.main))
        .chain(whole.sections.iter().map(|(d, m)| (format!("{d}/"), m)));
    let mut own: Vec<String> = Vec::new();
    let mut all = Vec::new();
    for (prefix, model) in sites {
        let lang = model.site.lang.clone().unwrap_or_else(|| "vi".into());
        for a in &model.articles {
            own.push(format!(
                "{prefix}{}",
                bantin_contract::paths::routes::article(&a.slug)
            ));
            all.push((prefix.clone(), lang.clone(), a));
        }
    }
    for (prefix, lang, a) in all {
        for (path, line) in &a.aliases {
            let from = path.trim_start_matches('/').to_string();
            let to = format!(
                "{prefix}{}",
                bantin_contract::paths::routes::article(&a.slug)
            );
            if let Some((file, l)) = seen.get(&from) {
                errors.push(Diagnostic::new(
                    &a.path,
                    *line,
                    format!("địa chỉ cũ “{path}” đã là của bài khác ({file}:{l})"),
                ));
                continue;
            }
            if own.contains(&from) {
                errors.push(Diagnostic::new(
                    &a.path,
                    *line,
                    format!("địa chỉ cũ “{path}” là địa chỉ hiện tại của một bài viết"),
                ));
                continue;
            }
            let first = from.split('/').next().unwrap_or_default();
            let reserved = bantin_contract::paths::routes::RESERVED.contains(&first)
                || whole.sections.iter().any(|(d, _)| d == first);
            // Under bai-viet/ an old slug is fine (a current one was refused
            // above); the site's other folders are its own.
            if reserved && first != "bai-viet" {
                errors.push(Diagnostic::new(
                    &a.path,
                    *line,
                    format!(
                        "địa chỉ cũ “{path}” nằm trong /{first}/, phần địa chỉ của chính trang"
                    ),
                ));
                continue;
            }
            seen.insert(from.clone(), (a.path.clone(), *line));
            out.push(Alias {
                from,
                to,
                title: a.title.clone(),
                lang: lang.clone(),
                file: a.path.clone(),
                line: *line,
            });
        }
    }
    out.sort_by(|x, y| x.from.cmp(&y.from));
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort();
        Err(errors)
    }
}

/// The static redirect page of `alias` for a site whose root path is `base`.
pub fn page(alias: &Alias, base: &str) -> String {
    let to = format!("{}/{}", base.trim_end_matches('/'), alias.to);
    let (to_attr, title) = (escape_attr(&to), escape_text(&alias.title));
    // The site's icon (trunk's public/favicon.svg): no request for /favicon.ico.
    let icon = escape_attr(&format!("{}/favicon.svg", base.trim_end_matches('/')));
    let moved = if alias.lang == "en" {
        "This article has moved to"
    } else {
        "Bài viết đã chuyển đến"
    };
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{to_attr}\">\n\
         <link rel=\"icon\" href=\"{icon}\" type=\"image/svg+xml\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to_attr}\">\n</head>\n\
         <body>\n<p>{moved} <a href=\"{to_attr}\">{title}</a>.</p>\n</body>\n</html>\n",
        escape_attr(&alias.lang)
    )
}

/// Writes the redirect pages of `aliases` (after every other file of the
/// build, so that a path the site uses is known): an alias whose file is
/// taken is an error on its line.
pub fn write(aliases: &[Alias], base: &str, writer: &Writer) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for a in aliases {
        let file = a.file();
        if writer.taken(&file) {
            errors.push(Diagnostic::new(
                &a.file,
                a.line,
                format!(
                    "địa chỉ cũ “/{}” trùng với một tệp của trang ({file}): chọn địa chỉ khác",
                    a.from
                ),
            ));
            continue;
        }
        if let Err(e) = writer.write(&file, page(a, base).as_bytes()) {
            errors.push(Diagnostic::new(
                &a.file,
                a.line,
                format!("không ghi được trang chuyển hướng {file}: {e}"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
