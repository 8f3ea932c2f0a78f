//! Deploying `dist/` anywhere: one base path for the whole site, and the
//! static hosts' configuration files.
//!
//! The base path is the path of `base_url` in `site.toml` (or `bantin build
//! --base-url`): `https://tinh.gov.vn/tin-tuc/` → `/tin-tuc/`. Trunk always
//! builds with `public_url = "/"`; [`rebase_shell`] moves the shell it wrote
//! (its `<base href>` and the absolute URLs of the hashed bundle) under the
//! base path before every page is made from it, so one trunk build serves any
//! base path.
//!
//! [`host_configs`] writes the files static hosts read from the published
//! folder (Apache's `.htaccess`, Netlify/Cloudflare Pages' `_headers` and
//! `_redirects`) and an nginx `server` block (`nginx.conf`, to copy into the
//! server's configuration), all with the base path in their rules:
//! trunk-hashed files are cached for a year, HTML, JSON, feeds, sitemaps and
//! the embed loader are revalidated on every use, images for a day, and the
//! files other sites embed (`data/`, `embed.js`, `widget/`, `oembed/`,
//! `config.json`) may be read from any origin. Every config also sends the
//! security headers of [`crate::security`], by route: the site's pages (never
//! framed), the embed frame (framed by any site) and the files other sites read.

use std::fmt::Write as _;

use crate::security::{Policy, Route, HSTS, SHARED_FILES, SHARED_FOLDERS};
use crate::serve::has_trunk_hash;

/// Apache's per-folder settings.
pub const HTACCESS: &str = ".htaccess";
/// Netlify / Cloudflare Pages response headers.
pub const HEADERS: &str = "_headers";
/// Netlify / Cloudflare Pages redirects (the 404 fallback).
pub const REDIRECTS: &str = "_redirects";
/// An nginx `server` block for the site.
pub const NGINX: &str = "nginx.conf";

/// Cache rule for trunk-hashed files: their name changes with their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache rule for everything that changes in place (HTML, JSON, feeds, the embed loader).
pub const REVALIDATE: &str = "no-cache";
/// Cache rule for images under `anh/` (their names do not change with their content).
pub const IMAGES: &str = "public, max-age=86400";

/// Folders (under the base path) whose files other origins may read.
pub const CORS_FOLDERS: [&str; 3] = SHARED_FOLDERS;
/// Files (under the base path) other origins may read.
pub const CORS_FILES: [&str; 2] = SHARED_FILES;

/// A regex matching a listing's URL under the base path (`moi-nhat`,
/// `chuyen-muc/<slug>`, `the/<slug>`; `bantin_contract::paths::routes`).
const LISTING_RE: &str = "moi-nhat|(?:chuyen-muc|the)/[^/]+";
/// A page number as URLs write it (`routes::page_number`).
const PAGE_RE: &str = "[1-9][0-9]*";

/// True for the names [`host_configs`] writes (so a rebuild replaces them).
pub fn is_owned(name: &str) -> bool {
    [HTACCESS, HEADERS, REDIRECTS, NGINX].contains(&name)
}

/// The base path (starting and ending with `/`) of a site's `base_url`:
/// `https://a.vn/tin-tuc` and `https://a.vn/tin-tuc/` both give `/tin-tuc/`.
/// Unlike a `<base href>`, a `base_url` names a folder even without its final `/`.
pub fn base_path_of_url(base_url: &str) -> String {
    let u = base_url.trim();
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// `text` (HTML) with the quoted attribute values of its tags replaced by
/// `f(name, value)` where it gives one (`name` in lower case). Comments and
/// the text of `<script>` and `<style>` elements are kept as they are.
pub fn map_attributes(text: &str, f: &dyn Fn(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    // Markup, one tag at a time; raw text (comments, scripts, styles) is copied.
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let lower_head: String = rest
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else {
            None
        };
        if let Some(end) = skip_to {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let tag_end = tag_end(rest).unwrap_or(rest.len());
        map_values(&mut out, &rest[..tag_end], f);
        rest = &rest[tag_end..];
        for raw in ["script", "style"] {
            let opens = lower_head.strip_prefix('<').is_some_and(|t| {
                t.starts_with(raw)
                    && t[raw.len()..].starts_with(|c: char| c.is_whitespace() || c == '>')
            });
            if opens {
                let close = format!("</{raw}");
                let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The app shell `text` (whose own URLs start with base path `from`) with them
/// under base path `to` instead: every quoted attribute value that is an
/// absolute path starting with `from` (`<base href>`, the stylesheet, the
/// app's files in `<meta name="bantin-app" data-js=… data-wasm=…>`, icons).
/// Comments and the text of `<script>` and `<style>` elements are kept as they
/// are (a script's prose may hold any quote). A shell without `<base>` (base
/// path `/`) moved elsewhere gets one at the start of `<head>`, as the app
/// reads its base path there. Other values (relative URLs, `//host` URLs, text
/// with spaces) are kept.
pub fn rebase_shell(text: &str, from: &str, to: &str) -> String {
    if from == to {
        return text.to_string();
    }
    let mut out = map_attributes(text, &|_, value| {
        let own = value.starts_with('/')
            && !value.starts_with("//")
            && !value.contains(char::is_whitespace);
        let tail = value.strip_prefix(from).filter(|_| own)?;
        Some(format!("{to}{tail}"))
    });
    let lower = out.to_ascii_lowercase();
    let head = lower.find("<head").and_then(|h| {
        let end = h + lower[h..].find('>')? + 1;
        (end <= lower.find("</head>").unwrap_or(lower.len())).then_some(end)
    });
    let has_base = lower
        .find("<base")
        .is_some_and(|b| lower[b + 5..].starts_with(|c: char| c.is_whitespace() || c == '>'));
    match head {
        Some(at) if !has_base => {
            let attr = crate::pages::escape_attr(to);
            out.insert_str(at, &format!("\n    <base href=\"{attr}\" />"));
            out
        }
        _ => out,
    }
}

/// The end of the tag that starts `text` (after its `>`), quotes respected.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Copies one tag, with its quoted values under `to` instead of `from`.
/// The values of one tag's attributes through `f` (see [`map_attributes`]).
fn map_values(out: &mut String, tag: &str, f: &dyn Fn(&str, &str) -> Option<String>) {
    let mut rest = tag;
    while let Some(q) = rest.find(['"', '\'']) {
        let quote = &rest[q..q + 1];
        let Some(len) = rest[q + 1..].find(quote) else {
            break;
        };
        let value = &rest[q + 1..q + 1 + len];
        out.push_str(&rest[..=q]);
        let name = rest[..q]
            .trim_end()
            .strip_suffix('=')
            .map(|n| n.trim_end())
            .and_then(|n| n.rsplit(|c: char| c.is_whitespace() || c == '<').next())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match f(&name, value) {
            Some(v) => out.push_str(&v),
            None => out.push_str(value),
        }
        out.push_str(quote);
        rest = &rest[q + 2 + len..];
    }
    out.push_str(rest);
}

/// The files of the built site's root folder that carry a trunk content hash.
fn hashed(root_files: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = root_files
        .iter()
        .map(String::as_str)
        .filter(|f| has_trunk_hash(f))
        .collect();
    v.sort_unstable();
    v
}

/// The host configuration files for a site at base path `base` whose root
/// folder holds `root_files` (file names, used to list the hashed bundle for
/// hosts whose rules cannot match a hash), with the security headers of
/// `policy`, as (name, text) pairs.
///
/// `sections` are the base paths of the site's sections of other languages
/// (`/en/`, under `base`): each has its own pages, data and 404 page.
pub fn host_configs(
    base: &str,
    sections: &[String],
    root_files: &[String],
    policy: &Policy,
    aliases: &[(String, String)],
) -> Vec<(&'static str, String)> {
    vec![
        (
            HTACCESS,
            with_aliases_htaccess(htaccess_with(base, sections, policy), base, aliases),
        ),
        (HEADERS, headers_with(base, sections, root_files, policy)),
        (
            REDIRECTS,
            with_aliases_redirects(redirects_with(base, sections), base, aliases),
        ),
        (
            NGINX,
            with_aliases_nginx(nginx_with(base, sections, policy), base, aliases),
        ),
    ]
}

/// Whether the last segment of `path` has an extension: a file, not a folder.
pub fn is_file_path(path: &str) -> bool {
    path.rsplit('/').next().unwrap_or_default().contains('.')
}

/// `text` with `rules` (a line each, under the line `comment` when not empty)
/// inserted at byte `at`.
fn insert_rules(mut text: String, at: usize, comment: &str, rules: &[String]) -> String {
    if rules.is_empty() {
        return text;
    }
    let mut block = comment.to_string();
    for r in rules {
        block.push_str(r);
        block.push('\n');
    }
    text.insert_str(at, &block);
    text
}

/// The articles' old addresses (`aliases`, as (old path, article path) from
/// the site's root, see `crate::aliases`) as 301 rules, before the others.
fn with_aliases_htaccess(text: String, base: &str, aliases: &[(String, String)]) -> String {
    const AT: &str = "  RewriteEngine On\n";
    let Some(at) = text.find(AT).map(|i| i + AT.len()) else {
        return text;
    };
    let rules: Vec<String> = aliases
        .iter()
        .map(|(from, to)| format!("  RewriteRule ^{}/?$ {base}{to} [R=301,L]", re_escape(from)))
        .collect();
    insert_rules(
        text,
        at,
        "  # Articles' old addresses (aliases) move to the articles.\n",
        &rules,
    )
}

/// [`with_aliases_htaccess`] for `_redirects` (forced: the redirect page is a
/// file there), after its header comment.
fn with_aliases_redirects(text: String, base: &str, aliases: &[(String, String)]) -> String {
    let mut rules = Vec::new();
    for (from, to) in aliases {
        rules.push(format!("{base}{from}  {base}{to}  301!"));
        if !is_file_path(from) {
            rules.push(format!("{base}{from}/  {base}{to}  301!"));
        }
    }
    let at = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.len() + 1)
        .sum::<usize>();
    insert_rules(text, at, "", &rules)
}

/// [`with_aliases_htaccess`] for nginx: exact-match locations, before the others.
fn with_aliases_nginx(text: String, base: &str, aliases: &[(String, String)]) -> String {
    let Some(at) = text.find("\n    location ").map(|i| i + 1) else {
        return text;
    };
    let mut rules = Vec::new();
    for (from, to) in aliases {
        rules.push(format!(
            "    location = \"{base}{from}\" {{ return 301 {base}{to}; }}"
        ));
        if !is_file_path(from) {
            rules.push(format!(
                "    location = \"{base}{from}/\" {{ return 301 {base}{to}; }}"
            ));
        }
    }
    insert_rules(
        text,
        at,
        "    # Articles' old addresses (aliases) move to the articles.\n",
        &rules,
    )
}

/// The regex of a listing's path under `base`, in the site or in one of its
/// `sections` (`(?:en/)?(?:moi-nhat|…)`).
fn listing_re(base: &str, sections: &[String]) -> String {
    let sec = sections_re(base, sections);
    if sec.is_empty() {
        LISTING_RE.to_string()
    } else {
        format!("{sec}(?:{LISTING_RE})")
    }
}

/// The sections' paths under `base` (`en/`), as an optional regex group
/// (`(?:en/)?`; empty without sections).
fn sections_re(base: &str, sections: &[String]) -> String {
    let names: Vec<String> = sections
        .iter()
        .filter_map(|s| s.strip_prefix(base))
        .map(re_escape)
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("(?:{})?", names.join("|"))
    }
}

/// The path of the embed frame's folder under the base path, without its final slash.
fn frame_path(base: &str) -> String {
    format!("{base}{}", crate::security::FRAME_DIR.trim_end_matches('/'))
}

/// The path of the web editor's folder under the base path, without its final slash.
fn editor_path(base: &str) -> String {
    format!("{base}{}", crate::editor::DIR)
}

/// A header value inside a double-quoted config string (nginx, Apache).
fn quoted(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The HSTS advice the nginx and Apache configs carry for an https site, as
/// comment lines indented by `indent`.
fn hsts_note(indent: &str) -> String {
    [
        "HSTS: once every page of this host (and of its subdomains, for",
        "includeSubDomains) answers over https, uncomment the Strict-Transport-Security",
        "lines. Browsers then refuse plain http for a year: try a small max-age first.",
    ]
    .iter()
    .map(|l| format!("{indent}# {l}\n"))
    .collect()
}

/// A regex matching a trunk-hashed file name (see [`has_trunk_hash`]), e.g.
/// `bantin-app-1a2b3c4d5e6f7a8b_bg.wasm`. Trunk writes its 64-bit hash without
/// leading zeros, so a name may carry fewer than 16 digits.
const HASHED_RE: &str = r"-[0-9a-f]{12,}(_bg)?\.[a-z0-9]+$";

/// `base` with regex metacharacters escaped (base paths come from URLs, so `.` and `+` may occur).
fn re_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if r"\.+*?()|[]{}^$#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Apache: `.htaccess` in the published folder (which may be any folder
/// mapped to the base path: its rewrite rules are relative to it).
pub fn htaccess(base: &str, policy: &Policy) -> String {
    htaccess_with(base, &[], policy)
}

/// [`htaccess`] for a site with sections of other languages at `sections`.
pub fn htaccess_with(base: &str, sections: &[String], policy: &Policy) -> String {
    let b = re_escape(base);
    let listing = listing_re(base, sections);
    let mut section_404 = String::new();
    for s in sections {
        let _ = write!(
            section_404,
            "<If \"%{{REQUEST_URI}} =~ m#^{}#\">\n\x20 ErrorDocument 404 {s}404.html\n</If>\n",
            re_escape(s)
        );
    }
    let cors_dirs = CORS_FOLDERS
        .iter()
        .map(|f| re_escape(f.trim_end_matches('/')))
        .collect::<Vec<_>>()
        .join("|");
    let cors_files = CORS_FILES
        .iter()
        .map(|f| re_escape(f))
        .collect::<Vec<_>>()
        .join("|");
    let mut x = String::new();
    let _ = writeln!(
        x,
        "# bantin: Apache settings for the site at {base} (written by `bantin build`;\n\
         # rebuild with another base_url / --base-url rather than editing).\n\
         # Needs AllowOverride All (FileInfo, Indexes, Options); uses mod_rewrite, mod_headers, mod_expires.\n\
         \n\
         # Unknown paths get the app's 404 view, with status 404.\n\
         ErrorDocument 404 {base}404.html\n\
         {section_404}\
         DirectoryIndex index.html\n\
         Options -Indexes -MultiViews\n\
         \n\
         # The build's own files (.bantin-manifest, .bantin-parse-cache) are not for readers.\n\
         <FilesMatch \"^\\.bantin-\">\n\
         \x20 Require all denied\n\
         </FilesMatch>\n\
         \n\
         # The app's URLs have no final slash (bai-viet/<slug>): serve the folder's\n\
         # index.html for them instead of redirecting to bai-viet/<slug>/.\n\
         # A listing page has one URL: …/trang/1 is the listing itself, and old\n\
         # ?trang=N URLs move to …/trang/N (other query parameters are dropped).\n\
         <IfModule mod_rewrite.c>\n\
         \x20 DirectorySlash Off\n\
         \x20 RewriteEngine On\n\
         \x20 RewriteRule ^({listing})/trang/1/?$ {base}$1 [R=301,L]\n\
         \x20 RewriteCond %{{QUERY_STRING}} (?:^|&)trang=1(?:&|$)\n\
         \x20 RewriteRule ^({listing})/?$ {base}$1? [R=301,L]\n\
         \x20 RewriteCond %{{QUERY_STRING}} (?:^|&)trang=({PAGE_RE})(?:&|$)\n\
         \x20 RewriteRule ^({listing})/?$ {base}$1/trang/%1? [R=301,L]\n\
         \x20 RewriteCond %{{REQUEST_FILENAME}} -d\n\
         \x20 RewriteCond %{{REQUEST_FILENAME}}/index.html -f\n\
         \x20 RewriteRule ^(.+?)/?$ $1/index.html [L]\n\
         </IfModule>\n\
         \n\
         <IfModule mod_mime.c>\n\
         \x20 AddType application/wasm .wasm\n\
         \x20 AddType application/json .json\n\
         \x20 AddType application/manifest+json .webmanifest\n\
         \x20 AddType image/svg+xml .svg\n\
         \x20 AddCharset utf-8 .html .json .xml .txt .js .css .svg\n\
         </IfModule>\n\
         \n\
         # Images under anh/ keep their names when replaced: cache them for a day.\n\
         <IfModule mod_expires.c>\n\
         \x20 ExpiresActive On\n\
         \x20 ExpiresByType image/svg+xml \"access plus 1 day\"\n\
         \x20 ExpiresByType image/png \"access plus 1 day\"\n\
         \x20 ExpiresByType image/jpeg \"access plus 1 day\"\n\
         \x20 ExpiresByType image/webp \"access plus 1 day\"\n\
         \x20 ExpiresByType image/avif \"access plus 1 day\"\n\
         \x20 ExpiresByType image/gif \"access plus 1 day\"\n\
         </IfModule>\n\
         \n\
         <IfModule mod_headers.c>\n\
         \x20 # HTML, JSON, feeds, sitemaps, robots.txt, the embed loader, the service\n\
         \x20 # worker and the web app manifest change in place: revalidate on every use.\n\
         \x20 <FilesMatch \"(\\.(html|json|xml|txt|webmanifest)|^embed\\.js|^sw\\.js)$\">\n\
         \x20   Header set Cache-Control \"{REVALIDATE}\"\n\
         \x20 </FilesMatch>\n\
         \x20 <FilesMatch \"\\.(svg|png|jpe?g|webp|avif|gif)$\">\n\
         \x20   Header set Cache-Control \"{IMAGES}\"\n\
         \x20 </FilesMatch>\n\
         \x20 # Trunk-hashed files (bantin-app-<hash>.js, …_bg.wasm, main-<hash>.css) never change.\n\
         \x20 <FilesMatch \"{HASHED_RE}\">\n\
         \x20   Header set Cache-Control \"{IMMUTABLE}\"\n\
         \x20 </FilesMatch>\n\
         \x20 # The widget's files are content-hashed too (widget/bantin-widgets-<hash>…).\n\
         \x20 <If \"%{{REQUEST_URI}} =~ m#^{b}widget/#\">\n\
         \x20   Header set Cache-Control \"{IMMUTABLE}\"\n\
         \x20 </If>\n\
         \x20 # Security headers (`always`: also on the 404 page and redirects). The site's pages:"
    );
    let site = policy.headers(Route::Site);
    for (name, value) in &site {
        let _ = writeln!(x, "  Header always set {name} \"{}\"", quoted(value));
    }
    if policy.https {
        let _ = writeln!(
            x,
            "{}  # Header always set Strict-Transport-Security \"{HSTS}\"",
            hsts_note("  ")
        );
    }
    let frame = re_escape(&frame_path(base));
    for (route, test, note) in [
        (
            Route::Frame,
            format!("^{frame}(/|$)"),
            "The embed frame (the iframe widget, the oEmbed card): any site may frame it.",
        ),
        (
            Route::Shared,
            format!("^{b}(({cors_dirs})/|({cors_files})$)"),
            "Files other sites embed may be read from any origin.",
        ),
        (
            Route::Editor,
            format!("^{}(/|$)", re_escape(&editor_path(base))),
            "The web editor (Decap CMS): its own policy, never indexed.",
        ),
    ] {
        let _ = writeln!(x, "  # {note}\n  <If \"%{{REQUEST_URI}} =~ m#{test}#\">");
        let own = policy.headers(route);
        for (name, _) in site
            .iter()
            .filter(|(n, _)| !own.iter().any(|(o, _)| o == n))
        {
            let _ = writeln!(x, "    Header always unset {name}");
        }
        for (name, value) in &own {
            let _ = writeln!(x, "    Header always set {name} \"{}\"", quoted(value));
        }
        let _ = writeln!(x, "  </If>");
    }
    x.push_str("</IfModule>\n");
    x
}

/// Netlify / Cloudflare Pages: `_headers` in the published folder. Their
/// patterns only have whole-segment wildcards, so the hashed files are listed
/// by name, and no catch-all rule is used (both hosts would join its
/// `Cache-Control` with a more specific one). Both hosts revalidate HTML and
/// other files without a rule by default.
///
/// Both hosts join the values of a header set by several matching rules, so
/// each security header is set by one rule per path: the catch-all rule sends
/// only those every route shares, and the rules of pages, the embed frame and
/// the files other sites read add their own. Unknown paths (the 404 page) get
/// only the catch-all's. Both hosts send HSTS on https by themselves.
pub fn headers(base: &str, root_files: &[String], policy: &Policy) -> String {
    headers_with(base, &[], root_files, policy)
}

/// [`headers`] for a site with sections of other languages at `sections`.
pub fn headers_with(
    base: &str,
    sections: &[String],
    root_files: &[String],
    policy: &Policy,
) -> String {
    let mut x = format!(
        "# bantin: response headers for Netlify and Cloudflare Pages, for the site at {base}\n\
         # (written by `bantin build`). Files without a rule here are revalidated by default.\n"
    );
    let common = common_headers(policy);
    let security = |route: Option<Route>| -> Vec<(&'static str, String)> {
        match route {
            Some(r) => policy
                .headers(r)
                .into_iter()
                .filter(|h| !common.contains(h))
                .collect(),
            None => Vec::new(),
        }
    };
    let mut rule = |path: &str, headers: &[(&str, &str)], route: Option<Route>| {
        let _ = writeln!(x, "\n{path}");
        for (k, v) in headers {
            let _ = writeln!(x, "  {k}: {v}");
        }
        for (k, v) in security(route) {
            let _ = writeln!(x, "  {k}: {v}");
        }
    };
    let common_refs: Vec<(&str, &str)> = common.iter().map(|(k, v)| (*k, v.as_str())).collect();
    rule(&format!("{base}*"), &common_refs, None);
    for f in hashed(root_files) {
        rule(&format!("{base}{f}"), &[("Cache-Control", IMMUTABLE)], None);
    }
    rule(&format!("{base}anh/*"), &[("Cache-Control", IMAGES)], None);
    let revalidate = ("Cache-Control", REVALIDATE);
    let shared = Some(Route::Shared);
    rule(&format!("{base}data/*"), &[revalidate], shared);
    for sec in sections {
        rule(&format!("{sec}data/*"), &[revalidate], shared);
    }
    rule(&format!("{base}oembed/*"), &[revalidate], shared);
    // The widget's files are content-hashed (see scripts/build-widgets.mjs).
    rule(
        &format!("{base}widget/*"),
        &[("Cache-Control", IMMUTABLE)],
        shared,
    );
    // The brand's fonts and the share cards are named by their content's hash.
    for folder in [crate::fonts::DIR, crate::cards::FOLDER] {
        rule(
            &format!("{base}{folder}/*"),
            &[("Cache-Control", IMMUTABLE)],
            None,
        );
    }
    for f in CORS_FILES {
        rule(&format!("{base}{f}"), &[revalidate], shared);
    }
    // The embed frame, framed by any site (the pattern with `/*` also matches its folder).
    let frame = frame_path(base);
    rule(&frame, &[revalidate], Some(Route::Frame));
    rule(&format!("{frame}/*"), &[revalidate], Some(Route::Frame));
    // The web editor: its own policy, never indexed.
    let editor = editor_path(base);
    rule(&editor, &[revalidate], Some(Route::Editor));
    rule(&format!("{editor}/*"), &[revalidate], Some(Route::Editor));
    for page in [
        String::new(),
        "index.html".into(),
        "404.html".into(),
        "app.html".into(),
        "bai-viet/*".into(),
        "trang/*".into(),
        bantin_contract::paths::routes::SITE_MAP.into(),
        bantin_contract::paths::routes::REGISTRY.into(),
        format!("{}/*", bantin_contract::paths::routes::REGISTRY),
        "chuyen-muc/*".into(),
        "the/*".into(),
        "moi-nhat".into(),
        "moi-nhat/*".into(),
        "da-luu".into(),
        "ngoai-tuyen".into(),
        "tim-kiem".into(),
        crate::embed::EMBED_DIR.into(),
        format!("{}/", crate::embed::EMBED_DIR),
        crate::offline::SW.into(),
        crate::offline::MANIFEST.into(),
        "rss.xml".into(),
        "sitemap.xml".into(),
        "robots.txt".into(),
    ] {
        let route = page.ends_with(".xml") || page.ends_with(".txt") || page.contains(".web");
        let route = (!route).then_some(Route::Site);
        rule(&format!("{base}{page}"), &[revalidate], route);
        // A section has the same pages, but for the embed frame (the main site's).
        if !page.starts_with(crate::embed::EMBED_DIR) && page != "robots.txt" {
            for sec in sections {
                rule(&format!("{sec}{page}"), &[revalidate], route);
            }
        }
    }
    x
}

/// The security headers every route sends alike.
fn common_headers(policy: &Policy) -> Vec<(&'static str, String)> {
    let [site, frame, shared, editor] =
        [Route::Site, Route::Frame, Route::Shared, Route::Editor].map(|r| policy.headers(r));
    site.into_iter()
        .filter(|h| frame.contains(h) && shared.contains(h) && editor.contains(h))
        .collect()
}

/// Netlify: `_redirects` in the published folder. A listing page has one
/// URL: `…/trang/1` moves to the listing itself and old `?trang=N` URLs to
/// `…/trang/N` (`!`: also where a file exists). Netlify serves an existing
/// file before the other rules, so the last one only gives unknown paths
/// under the base path the app's `404.html` with status 404. (Cloudflare
/// Pages finds `404.html` by itself and skips that rule; it matches no query
/// parameters, so there the app moves `?trang=N` URLs.)
pub fn redirects(base: &str) -> String {
    redirects_with(base, &[])
}

/// [`redirects`] for a site with sections of other languages at `sections`,
/// whose unknown paths get their own 404 page.
pub fn redirects_with(base: &str, sections: &[String]) -> String {
    let mut x = format!(
        "# bantin: listing pages have one URL each; unknown paths under {base} get the\n\
         # app's 404 view (written by `bantin build`).\n\
         {base}.bantin-*  {base}404.html  404!\n"
    );
    for b in sections.iter().map(String::as_str).chain([base]) {
        for listing in ["moi-nhat", "chuyen-muc/:slug", "the/:slug"] {
            let _ = writeln!(x, "{b}{listing}/trang/1  {b}{listing}  301!");
            let _ = writeln!(
                x,
                "{b}{listing}  trang=:page  {b}{listing}/trang/:page  301!"
            );
        }
    }
    // The first rule that matches applies: the sections' before the site's.
    for b in sections.iter().map(String::as_str).chain([base]) {
        let _ = writeln!(x, "{b}*  {b}404.html  404");
    }
    x
}

/// nginx: a `server` block for the site, to copy into the server's configuration.
///
/// A location with an `add_header` of its own inherits none of the server's,
/// so every location lists its route's security headers (`always`: on the 404
/// page and redirects too).
pub fn nginx(base: &str, policy: &Policy) -> String {
    nginx_with(base, &[], policy)
}

/// [`nginx`] for a site with sections of other languages at `sections`.
pub fn nginx_with(base: &str, sections: &[String], policy: &Policy) -> String {
    let b = re_escape(base);
    let listing = listing_re(base, sections);
    let root_note = if base == "/" {
        "the built site (the content of dist/)".to_string()
    } else {
        format!(
            "the folder that holds the built site as {}/ (dist/ copied there)",
            base.trim_matches('/')
        )
    };
    // The security headers of a route, one `add_header` a line, indented for a location.
    let security = |route: Route| -> String {
        let mut lines = String::new();
        for (name, value) in policy.headers(route) {
            let _ = write!(
                lines,
                "\n        add_header {name} \"{}\" always;",
                quoted(&value)
            );
        }
        if policy.https {
            let _ = write!(
                lines,
                "\n        # add_header Strict-Transport-Security \"{HSTS}\" always;"
            );
        }
        lines
    };
    let site = security(Route::Site);
    let hsts_note = if policy.https {
        format!("\n{}", hsts_note("    ").trim_end())
    } else {
        String::new()
    };
    let mut x = String::new();
    let _ = writeln!(
        x,
        "# bantin: nginx server block for the site at {base} (written by `bantin build`;\n\
         # rebuild with another base_url / --base-url rather than editing the paths).\n\
         # Include it from the http block of nginx.conf; set server_name, listen and root.\n\
         server {{\n\
         \x20   listen 80;\n\
         \x20   server_name _;\n\
         \x20   # root: {root_note}.\n\
         \x20   root /var/www/bantin;\n\
         \x20   charset utf-8;\n\
         \x20   charset_types text/css text/xml text/plain application/javascript application/json application/rss+xml image/svg+xml;\n\
         \x20   gzip on;\n\
         \x20   gzip_types text/css text/xml text/plain application/javascript application/json application/wasm application/rss+xml image/svg+xml;\n\
         \x20   # nginx's own pages and redirects name no version.\n\
         \x20   server_tokens off;\n\
         \n\
         \x20   # Security headers: each location sends those of its route (the site's\n\
         \x20   # pages; the embed frame, which any site may frame; the files other sites\n\
         \x20   # read). To allow a third-party service, add its origin to [security] in\n\
         \x20   # site.toml and rebuild (docs/security.md) rather than editing them here.{hsts_note}\n\
         \n\
         \x20   # Unknown paths get the app's 404 view, with status 404.\n\
         \x20   error_page 404 {base}404.html;"
    );
    if base != "/" {
        let _ = writeln!(
            x,
            "    location = {} {{\n        return 301 {base};{site}\n    }}",
            base.trim_end_matches('/')
        );
    }
    let _ = writeln!(
        x,
        "    # The build's own files (.bantin-manifest, .bantin-parse-cache) are not for readers.\n\
         \x20   location ^~ {base}.bantin- {{\n\
         \x20       return 404;\n\
         \x20   }}\n\
         \x20   # A listing page has one URL: …/trang/1 is the listing itself, and old\n\
         \x20   # ?trang=N URLs move to …/trang/N (other query parameters are dropped).\n\
         \x20   location ~ \"^{b}(?<listing>{listing})/trang/1/?$\" {{\n\
         \x20       return 301 {base}$listing;{site}\n\
         \x20   }}\n\
         \x20   location ~ \"^{b}(?<listing>{listing})/?$\" {{\n\
         \x20       if ($arg_trang = \"1\") {{\n\
         \x20           return 301 {base}$listing;\n\
         \x20       }}\n\
         \x20       if ($arg_trang ~ \"^{PAGE_RE}$\") {{\n\
         \x20           return 301 {base}$listing/trang/$arg_trang;\n\
         \x20       }}\n\
         \x20       try_files $uri $uri/index.html =404;\n\
         \x20       add_header Cache-Control \"{REVALIDATE}\" always;{site}\n\
         \x20   }}\n\
         \x20   # Pages, feeds, sitemaps: a folder's index.html, revalidated on every use.\n\
         \x20   location {base} {{\n\
         \x20       try_files $uri $uri/index.html =404;\n\
         \x20       add_header Cache-Control \"{REVALIDATE}\" always;{site}\n\
         \x20   }}\n\
         \x20   # Trunk-hashed files (bantin-app-<hash>.js, …_bg.wasm, main-<hash>.css) never change.\n\
         \x20   location ~ \"^{b}[^/]*{HASHED_RE}\" {{\n\
         \x20       types {{ application/wasm wasm; application/javascript js; text/css css; image/svg+xml svg; }}\n\
         \x20       try_files $uri =404;\n\
         \x20       add_header Cache-Control \"{IMMUTABLE}\";{site}\n\
         \x20   }}\n\
         \x20   location {base}anh/ {{\n\
         \x20       try_files $uri =404;\n\
         \x20       add_header Cache-Control \"{IMAGES}\";{site}\n\
         \x20   }}\n\
         \x20   # The brand's fonts and the share cards are named by their content's hash.\n\
         \x20   location {base}phong-chu/ {{\n\
         \x20       types {{ font/woff2 woff2; }}\n\
         \x20       try_files $uri =404;\n\
         \x20       add_header Cache-Control \"{IMMUTABLE}\";{site}\n\
         \x20   }}\n\
         \x20   location {base}chia-se/ {{\n\
         \x20       try_files $uri =404;\n\
         \x20       add_header Cache-Control \"{IMMUTABLE}\";{site}\n\
         \x20   }}"
    );
    // Each section of another language: its own 404 page.
    for s in sections {
        let _ = writeln!(
            x,
            "    # The section at {s}: its pages, with its own 404 view.\n\
             \x20   location {s} {{\n\
             \x20       error_page 404 {s}404.html;\n\
             \x20       try_files $uri $uri/index.html =404;\n\
             \x20       add_header Cache-Control \"{REVALIDATE}\" always;{site}\n\
             \x20   }}"
        );
    }
    // The web app manifest (nginx's mime.types may lack its type); the service
    // worker (sw.js) is revalidated by the `location {base}` rule above.
    let _ = writeln!(
        x,
        "    location = {base}{} {{\n\
         \x20       types {{ application/manifest+json webmanifest; }}\n\
         \x20       try_files $uri =404;\n\
         \x20       add_header Cache-Control \"{REVALIDATE}\";{site}\n\
         \x20   }}",
        crate::offline::MANIFEST
    );
    // The embed frame (the iframe widget and the oEmbed card): any site may frame it.
    let frame = frame_path(base);
    let framed = security(Route::Frame);
    let _ = writeln!(
        x,
        "    # The embed frame (the iframe widget, the oEmbed card): any site may frame it.\n\
         \x20   location = {frame} {{\n\
         \x20       try_files $uri/index.html =404;\n\
         \x20       add_header Cache-Control \"{REVALIDATE}\" always;{framed}\n\
         \x20   }}\n\
         \x20   location {frame}/ {{\n\
         \x20       try_files $uri $uri/index.html =404;\n\
         \x20       add_header Cache-Control \"{REVALIDATE}\" always;{framed}\n\
         \x20   }}"
    );
    // The web editor: its own policy, never indexed.
    let editor = editor_path(base);
    let editing = security(Route::Editor);
    let _ = writeln!(
        x,
        "    # The web editor (Decap CMS, docs/editors.md): its own policy, never indexed.\n\
         \x20   location = {editor} {{\n\
         \x20       return 301 {editor}/;{editing}\n\
         \x20   }}\n\
         \x20   location {editor}/ {{\n\
         \x20       types {{ text/html html; application/javascript js; text/yaml yml; }}\n\
         \x20       try_files $uri $uri/index.html =404;\n\
         \x20       add_header Cache-Control \"{REVALIDATE}\" always;{editing}\n\
         \x20   }}"
    );
    // Files other sites embed: readable from any origin.
    let shared = security(Route::Shared);
    for f in CORS_FOLDERS {
        let cache = if f == "widget/" {
            // Content-hashed, like trunk's files.
            IMMUTABLE
        } else {
            REVALIDATE
        };
        let _ = writeln!(
            x,
            "    location {base}{f} {{\n\
             \x20       try_files $uri $uri/index.html =404;\n\
             \x20       add_header Cache-Control \"{cache}\";{shared}\n\
             \x20   }}"
        );
    }
    for f in CORS_FILES {
        let _ = writeln!(
            x,
            "    location = {base}{f} {{\n\
             \x20       try_files $uri =404;\n\
             \x20       add_header Cache-Control \"{REVALIDATE}\";{shared}\n\
             \x20   }}"
        );
    }
    x.push_str("}\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"vi\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <base href=\"/\" />\n    <title>Bản tin</title>\n    <script>\n      // The app's page script: a reader's text size; '/not/rebased' stays.\n      var x = \"/data/\" + 'it\\'s';\n    </script>\n    <!-- The app's files: \"/comment/\" -->\n    <link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\" />\n    <link rel=\"stylesheet\" href=\"/main-76e1ff69c8036859.css\" integrity=\"sha384-x\"/>\n    <style>a[title='/x'] { color: red }</style>\n    <meta name=\"bantin-app\" data-js=\"/bantin-app-723a2ddeee9259f8.js\" data-wasm='/bantin-app-723a2ddeee9259f8_bg.wasm'>\n  </head>\n  <body>\n    <p title=\"/ not a path\">Đang tải…</p>\n    <a href=\"//cdn.vn/x\">x</a>\n  </body>\n</html>\n";

    #[test]
    fn base_paths_of_urls() {
        assert_eq!(
            base_path_of_url("https://tinh.gov.vn/tin-tuc/"),
            "/tin-tuc/"
        );
        assert_eq!(base_path_of_url("https://tinh.gov.vn/tin-tuc"), "/tin-tuc/");
        assert_eq!(base_path_of_url("https://tinh.gov.vn"), "/");
        assert_eq!(base_path_of_url("http://127.0.0.1:8080/"), "/");
        assert_eq!(base_path_of_url("https://a.vn/a/b/?x#y"), "/a/b/");
    }

    #[test]
    fn rebases_every_own_url_of_the_shell() {
        let out = rebase_shell(SHELL, "/", "/tin-tuc/");
        assert!(out.contains("<base href=\"/tin-tuc/\" />"), "{out}");
        assert!(out.contains("href=\"/tin-tuc/main-76e1ff69c8036859.css\""));
        assert!(out.contains("data-js=\"/tin-tuc/bantin-app-723a2ddeee9259f8.js\""));
        assert!(out.contains("data-wasm='/tin-tuc/bantin-app-723a2ddeee9259f8_bg.wasm'"));
        // Scripts, styles and comments are text, never rebased.
        assert!(out.contains("'/not/rebased' stays.\n      var x = \"/data/\""));
        assert!(out.contains("<!-- The app's files: \"/comment/\" -->"));
        assert!(out.contains("a[title='/x']"));
        // Relative, protocol-relative and prose values are kept.
        assert!(out.contains("href=\"favicon.svg\""));
        assert!(out.contains("href=\"//cdn.vn/x\""));
        assert!(out.contains("title=\"/ not a path\""));
        assert!(out.contains("integrity=\"sha384-x\""));
        // No quoted absolute path is left outside the base path in the markup.
        for line in out.lines().filter(|l| {
            !l.contains("/data/")
                && !l.contains("'/x'")
                && !l.contains("rebased")
                && !l.contains("comment")
        }) {
            for (i, _) in line.match_indices(['"', '\'']) {
                let v = &line[i + 1..];
                if v.starts_with('/') && !["//", "/ ", "/>"].iter().any(|p| v.starts_with(p)) {
                    assert!(v.starts_with("/tin-tuc/"), "{line}");
                }
            }
        }
        // Back and forth gives the same shell; the same base changes nothing.
        assert_eq!(rebase_shell(&out, "/tin-tuc/", "/"), SHELL);
        assert_eq!(rebase_shell(SHELL, "/", "/"), SHELL);
        assert_eq!(
            rebase_shell(&out, "/tin-tuc/", "/a/b/"),
            rebase_shell(SHELL, "/", "/a/b/")
        );
    }

    #[test]
    fn a_shell_without_base_gets_one() {
        let out = rebase_shell(
            "<html><head><title>x</title><link href=\"/m-0123456789abcdef.css\"></head><body></body></html>",
            "/",
            "/t/",
        );
        assert_eq!(
            out,
            "<html><head>\n    <base href=\"/t/\" /><title>x</title><link href=\"/t/m-0123456789abcdef.css\"></head><body></body></html>"
        );
        // An unclosed quote ends the rewriting without losing text.
        assert_eq!(
            rebase_shell("<head><base href=\"/x", "/", "/t/"),
            "<head><base href=\"/x"
        );
    }

    fn files() -> Vec<String> {
        [
            "bantin-app-723a2ddeee9259f8.js",
            "bantin-app-723a2ddeee9259f8_bg.wasm",
            // A hash with leading zeros, as trunk prints it (14 digits).
            "bantin-app-9dc01ed9139768_bg.wasm",
            "main-76e1ff69c8036859.css",
            "favicon.svg",
            "index.html",
            "rss.xml",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn configs_honour_the_base_path() {
        let configs = host_configs("/tin-tuc/", &[], &files(), &Policy::default(), &[]);
        let names: Vec<&str> = configs.iter().map(|c| c.0).collect();
        assert_eq!(names, [HTACCESS, HEADERS, REDIRECTS, NGINX]);
        assert!(names.iter().all(|n| is_owned(n)));
        for (name, text) in &configs {
            assert!(text.contains("/tin-tuc/404.html"), "{name}: {text}");
            // Every absolute site path in a rule is under the base path.
            for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
                for word in line.split_whitespace() {
                    let w = word.trim_matches(['"', ';']);
                    if w.starts_with('/') && !w.starts_with("/var/") {
                        assert!(w.starts_with("/tin-tuc"), "{name}: {line}");
                    }
                }
            }
        }
        // The web editor: its own headers on every host, under the base path.
        for (name, text) in &configs {
            if *name == REDIRECTS {
                continue;
            }
            assert!(text.contains("/tin-tuc/quan-tri"), "{name}");
            assert!(text.contains("X-Robots-Tag"), "{name}");
            assert!(text.contains("'unsafe-eval'"), "{name}");
        }
        assert!(configs[1].1.contains("\n/tin-tuc/quan-tri/*\n"));
        assert!(configs[3].1.contains("location /tin-tuc/quan-tri/ {"));
        assert_eq!(redirects("/tin-tuc/"), configs[2].1);
        assert!(configs[2]
            .1
            .contains("\n/tin-tuc/*  /tin-tuc/404.html  404\n"));
    }

    #[test]
    fn headers_cache_hashed_files_forever_and_revalidate_the_rest() {
        let h = headers("/", &files(), &Policy::default());
        let rule = |path: &str| -> Vec<String> {
            let head = format!("\n{path}\n");
            let at = h
                .find(&head)
                .unwrap_or_else(|| panic!("no rule for {path}:\n{h}"));
            h[at + head.len()..]
                .lines()
                .take_while(|l| l.starts_with("  "))
                .map(|l| l.trim().to_string())
                .collect()
        };
        let immutable = format!("Cache-Control: {IMMUTABLE}");
        let revalidate = format!("Cache-Control: {REVALIDATE}");
        assert_eq!(
            rule("/bantin-app-723a2ddeee9259f8_bg.wasm").join("\n"),
            immutable
        );
        assert_eq!(
            rule("/main-76e1ff69c8036859.css"),
            std::slice::from_ref(&immutable)
        );
        // Pages: revalidated, with the site's security headers; feeds without them.
        let csp = |r: &[String]| r.iter().any(|l| l.starts_with("Content-Security-Policy: "));
        for page in [
            "/",
            "/sw.js",
            "/tim-kiem",
            "/nhung",
            "/nhung/",
            "/bai-viet/*",
            "/trang/*",
            "/so-do",
            "/van-ban",
            "/van-ban/*",
        ] {
            assert_eq!(rule(page)[0], revalidate, "{page}");
            assert!(csp(&rule(page)), "{page}");
            assert!(rule(page).contains(&"X-Frame-Options: DENY".to_string()));
        }
        assert_eq!(rule("/rss.xml").join("\n"), revalidate);
        assert_eq!(rule("/manifest.webmanifest").join("\n"), revalidate);
        let a = htaccess("/", &Policy::default());
        assert!(
            a.contains(r"^sw\.js)$")
                && a.contains("AddType application/manifest+json .webmanifest")
        );
        assert!(nginx("/t/", &Policy::default()).contains(
            "location = /t/manifest.webmanifest {\n        types { application/manifest+json webmanifest; }"
        ));
        let cors = "Access-Control-Allow-Origin: *".to_string();
        assert!(rule("/data/*").contains(&cors));
        assert!(rule("/embed.js").contains(&revalidate));
        assert!(rule("/config.json").contains(&cors));
        assert_eq!(rule("/anh/*"), [format!("Cache-Control: {IMAGES}")]);
        assert_eq!(rule("/widget/*")[0], immutable);
        assert!(rule("/widget/*").contains(&cors));
        assert!(!csp(&rule("/anh/*")) && !rule("/").contains(&cors));
        // The embed frame may be framed: no X-Frame-Options, frame-ancestors *.
        for frame in ["/nhung/khung", "/nhung/khung/*"] {
            let r = rule(frame);
            assert!(r.iter().any(|l| l.ends_with("frame-ancestors *")), "{r:?}");
            assert!(!r.iter().any(|l| l.starts_with("X-Frame-Options")));
        }
        assert!(
            !h.contains("favicon"),
            "an unhashed file is not cached forever"
        );
        // The catch-all rule sends only what every path shares (both hosts
        // would join a value set twice): no Cache-Control, no policy.
        assert_eq!(
            rule("/*"),
            [
                format!("Referrer-Policy: {}", crate::security::REFERRER_POLICY),
                "X-Content-Type-Options: nosniff".to_string()
            ]
        );
    }

    #[test]
    fn hash_patterns_match_trunk_names_only() {
        // The pattern in the Apache and nginx rules, checked by hand against has_trunk_hash.
        let matches = |name: &str| {
            let Some(dash) = name.rfind('-') else {
                return false;
            };
            let tail = &name[dash + 1..];
            let hex = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
            let rest = &tail[hex..];
            let rest = rest.strip_prefix("_bg").unwrap_or(rest);
            hex >= 12
                && rest.starts_with('.')
                && rest[1..]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        };
        for f in files() {
            assert_eq!(matches(&f), has_trunk_hash(&f), "{f}");
        }
        assert!(HASHED_RE.contains("{12,}"));
        let n = nginx("/a.b/", &Policy::default());
        assert!(
            n.contains("location ~ \"^/a\\.b/[^/]*-[0-9a-f]{12,}"),
            "{n}"
        );
        assert!(n.contains("location = /a.b {\n        return 301 /a.b/;"));
        // At the root there is no base path to redirect to a slash.
        assert!(!nginx("/", &Policy::default()).contains("return 301 /;"));
        assert!(htaccess("/", &Policy::default()).contains("ErrorDocument 404 /404.html"));
    }

    #[test]
    fn listing_pages_have_one_url_on_every_host() {
        let n = nginx("/tin-tuc/", &Policy::default());
        assert!(n.contains("location ~ \"^/tin-tuc/(?<listing>moi-nhat|(?:chuyen-muc|the)/[^/]+)/trang/1/?$\" {\n        return 301 /tin-tuc/$listing;"), "{n}");
        assert!(n.contains("if ($arg_trang ~ \"^[1-9][0-9]*$\") {\n            return 301 /tin-tuc/$listing/trang/$arg_trang;"), "{n}");
        let a = htaccess("/tin-tuc/", &Policy::default());
        assert!(
            a.contains(
                "RewriteRule ^(moi-nhat|(?:chuyen-muc|the)/[^/]+)/trang/1/?$ /tin-tuc/$1 [R=301,L]"
            ),
            "{a}"
        );
        assert!(a.contains("RewriteCond %{QUERY_STRING} (?:^|&)trang=([1-9][0-9]*)(?:&|$)\n  RewriteRule ^(moi-nhat|(?:chuyen-muc|the)/[^/]+)/?$ /tin-tuc/$1/trang/%1? [R=301,L]"), "{a}");
        // The redirects come before the folder rule that would serve page 1.
        assert!(a.find("trang/%1").unwrap() < a.find("$1/index.html").unwrap());
        let r = redirects("/tin-tuc/");
        assert!(r.contains("/tin-tuc/chuyen-muc/:slug  trang=:page  /tin-tuc/chuyen-muc/:slug/trang/:page  301!\n"), "{r}");
        assert!(
            r.contains("/tin-tuc/moi-nhat/trang/1  /tin-tuc/moi-nhat  301!\n"),
            "{r}"
        );
        assert!(r.ends_with("/tin-tuc/*  /tin-tuc/404.html  404\n"), "{r}");
    }
}
