//! `config.json` (the app's runtime settings, see `bantin_contract::RuntimeConfig`)
//! and the build id that lets an open tab notice a new deployment.
//!
//! The build id is a hash of trunk's app shell: the shell names the hashed
//! JavaScript, WebAssembly and CSS files, so the id changes exactly when the
//! app changes, and a content-only rebuild keeps it. Every page carries it in
//! `<meta name="bantin-build">` and `config.json` in `build`; the app compares
//! the two and loads the new version when they differ.

use bantin_contract::{paths, RuntimeConfig, SiteSettings, CONTRACT_VERSION};

/// The `name` of the meta tag holding the build id.
pub const BUILD_META: &str = "bantin-build";

/// The range of the shell's `<meta name="bantin-build" …>` tag, if any.
fn meta_range(shell: &str) -> Option<(usize, usize)> {
    let lower = shell.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<meta") {
        let start = at + i;
        let end = start + lower[start..].find('>')? + 1;
        let tag = &lower[start..end];
        if tag.contains(&format!("name=\"{BUILD_META}\"")) {
            // Take the line's indentation and end with it, as written by [`with_build_meta`].
            let line_start = lower[..start].trim_end_matches([' ', '\t']).len();
            let end = if lower[end..].starts_with('\n') {
                end + 1
            } else {
                end
            };
            let start = if line_start == 0 || lower[..line_start].ends_with('\n') {
                line_start
            } else {
                start
            };
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// The shell without its build meta tag.
fn without_meta(shell: &str) -> String {
    match meta_range(shell) {
        Some((s, e)) => format!("{}{}", &shell[..s], &shell[e..]),
        None => shell.to_string(),
    }
}

/// The build id of an app shell: 16 hex digits of a 64-bit FNV-1a hash of the
/// shell (without any build meta tag it already carries) and the contract version.
pub fn build_id(shell: &str) -> String {
    let text = without_meta(shell);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes().chain(CONTRACT_VERSION.to_le_bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The build id a shell names in its `<meta name="bantin-build">` (a
/// section's shell names the main site's), else [`build_id`] of the shell.
pub fn named_build(shell: &str) -> String {
    meta_range(shell)
        .and_then(|(s, e)| {
            let tag = &shell[s..e];
            let from = tag.find("content=\"")? + "content=\"".len();
            let len = tag[from..].find('"')?;
            Some(tag[from..from + len].to_string())
        })
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| build_id(shell))
}

/// The shell with `<meta name="bantin-build" content="<id>">` as the first
/// element of `<head>` (replacing one already there).
pub fn with_build_meta(shell: &str) -> String {
    with_build_id(shell, &build_id(shell))
}

/// The shell naming the build `id` (a section of the site names the main
/// site's build: both run the same app).
pub fn with_build_id(shell: &str, id: &str) -> String {
    let text = without_meta(shell);
    let tag = format!("<meta name=\"{BUILD_META}\" content=\"{id}\" />");
    let lower = text.to_ascii_lowercase();
    let Some(head) = lower
        .find("<head")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
    else {
        return text;
    };
    format!("{}\n    {tag}{}", &text[..head], &text[head..])
}

/// `config.json` for `site`: its name and links, the data URL (`data_url` of
/// `site.toml`, else the default) and the build id (absent when the output has
/// no app shell). Pretty-printed: operators edit it.
pub fn config_json(site: &SiteSettings, data_url: Option<&str>, build: Option<&str>) -> String {
    let config = RuntimeConfig {
        version: CONTRACT_VERSION,
        build: build.map(str::to_string),
        site_name: Some(site.name.clone()),
        data_url: data_url.unwrap_or(paths::DEFAULT_DATA_URL).to_string(),
        links: Some(site.links.clone()),
    };
    let mut json = serde_json::to_string_pretty(&config).expect("the config always serializes");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"vi\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <script type=\"module\">import init from '/app-0123456789abcdef.js';</script>\n  </head>\n  <body></body>\n</html>\n";

    #[test]
    fn build_id_follows_the_app_files_only() {
        let id = build_id(SHELL);
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        let other = SHELL.replace("0123456789abcdef", "fedcba9876543210");
        assert_ne!(build_id(&other), id, "new app files, new id");
        // The meta tag the build adds does not change the id, so a rebuild of
        // the content alone (reading the kept app.html) keeps it.
        let tagged = with_build_meta(SHELL);
        assert_eq!(build_id(&tagged), id);
        assert_eq!(
            with_build_meta(&tagged),
            tagged,
            "adding it again changes nothing"
        );
        assert!(tagged.contains(&format!(
            "<head>\n    <meta name=\"bantin-build\" content=\"{id}\" />\n    <meta charset"
        )));
        assert_eq!(without_meta(&tagged), SHELL);
    }

    #[test]
    fn config_from_site() {
        let site = SiteSettings {
            version: 1,
            name: "Cổng".into(),
            tagline: None,
            base_url: None,
            categories: Vec::new(),
            links: Vec::new(),
            footer: Default::default(),
            menu: Vec::new(),
            footer_links: Vec::new(),
            pages: Vec::new(),
            registry: Vec::new(),
            lang: None,
            languages: Vec::new(),
        };
        let json = config_json(&site, None, Some("abc"));
        let back: RuntimeConfig = bantin_contract::parse(&json).unwrap();
        assert_eq!(back.build.as_deref(), Some("abc"));
        assert_eq!(back.site_name.as_deref(), Some("Cổng"));
        assert_eq!(back.data_url, "data/");
        assert_eq!(back.links, Some(Vec::new()));
        assert!(!config_json(&site, None, None).contains("build"));
        let other = config_json(&site, Some("https://api.tinh.vn/bantin/"), None);
        let back: RuntimeConfig = bantin_contract::parse(&other).unwrap();
        assert_eq!(back.data_url, "https://api.tinh.vn/bantin/");
    }
}
