//! The site's base path, so the same build works at `/` or under a sub-path
//! such as `/tin-tuc/`. It comes from the page's `<base href>`, which trunk
//! fills in with `/` and `bantin build` moves to the path of the site's `base_url`.
//! Every URL the app writes goes through [`url`] or [`site_path`].
//!
//! Natively (the build tool rendering a page) there is no document: the base
//! path is the one the page being rendered is written for ([`set_native`]).

use std::borrow::Cow;

/// The base path, always starting and ending with `/`.
#[cfg(target_arch = "wasm32")]
pub fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let from_page = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|u| u.pathname());
        normalize(from_page.as_deref().unwrap_or("/"))
    })
}

/// The root path of the whole site, where the paths of content and settings
/// start (`/anh/x.jpg`, `/van-ban`): the base path, but in a section of
/// another language (base `/en/`), whose shell names the root in
/// `<meta name="bantin-root">`.
#[cfg(target_arch = "wasm32")]
pub fn root() -> &'static str {
    static ROOT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=bantin-root]").ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .map(|r| normalize(&r))
            .unwrap_or_else(|| base().to_string())
    })
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static NATIVE_BASE: std::cell::Cell<&'static str> = const { std::cell::Cell::new("/") };
    static NATIVE_ROOT: std::cell::Cell<&'static str> = const { std::cell::Cell::new("/") };
}

/// The root path of the whole site (see the browser's): natively, the one
/// set on this thread by [`set_native`].
#[cfg(not(target_arch = "wasm32"))]
pub fn root() -> &'static str {
    NATIVE_ROOT.get()
}

/// The base path, always starting and ending with `/`: natively, the one set
/// on this thread by [`set_native`].
#[cfg(not(target_arch = "wasm32"))]
pub fn base() -> &'static str {
    NATIVE_BASE.get()
}

/// Sets the base path and the root path of what this thread renders natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_native(path: &str, root: &str) {
    NATIVE_BASE.set(interned(path));
    NATIVE_ROOT.set(interned(root));
}

/// A path kept once for the life of the process (a build has a few).
#[cfg(not(target_arch = "wasm32"))]
fn interned(path: &str) -> &'static str {
    use std::sync::Mutex;
    static KNOWN: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let path = normalize(path);
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    match known.iter().find(|k| **k == path) {
        Some(k) => k,
        None => {
            let k: &'static str = Box::leak(path.into_boxed_str());
            known.push(k);
            k
        }
    }
}

/// A base path in canonical form: leading and trailing `/`, directory only.
pub fn normalize(path: &str) -> String {
    // `<base href="/tin-tuc/index.html">` names a file; its folder is the base.
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("/{dir}")
    }
}

/// The URL of an app route such as `bai-viet/x` (see `bantin_contract::paths::routes`).
pub fn url(route: &str) -> String {
    join(base(), route)
}

/// An app route as a path from the whole site's root, as content and settings
/// write addresses (`so-do` is `/so-do`, `/en/so-do` in the section at `/en/`).
pub fn from_root(route: &str) -> String {
    let section = base().strip_prefix(root()).unwrap_or_default();
    format!("/{section}{}", route.trim_start_matches('/'))
}

/// Joins a base path and a route.
pub fn join(base: &str, route: &str) -> String {
    format!("{base}{}", route.trim_start_matches('/'))
}

/// A URL from content: `/anh/x.svg` means the site's own `anh/x.svg`, under
/// the root (the base path, but in a section: see [`root`]).
pub fn site_path(href: &str) -> Cow<'_, str> {
    rebase(root(), href)
}

/// [`site_path`] with an explicit base.
pub fn rebase<'a>(base: &str, href: &'a str) -> Cow<'a, str> {
    if href.starts_with('/') && !href.starts_with("//") && base != "/" {
        Cow::Owned(join(base, href))
    } else {
        Cow::Borrowed(href)
    }
}

/// A location's path relative to the base (`/tin-tuc/bai-viet/x` -> `/bai-viet/x`).
pub fn strip<'a>(base: &str, pathname: &'a str) -> &'a str {
    let trimmed = base.trim_end_matches('/');
    match pathname.strip_prefix(trimmed) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => pathname,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(normalize("/"), "/");
        assert_eq!(normalize("/tin-tuc/"), "/tin-tuc/");
        assert_eq!(normalize("/tin-tuc/index.html"), "/tin-tuc/");
        assert_eq!(join("/tin-tuc/", "bai-viet/a"), "/tin-tuc/bai-viet/a");
        assert_eq!(join("/", ""), "/");
        assert_eq!(rebase("/tin-tuc/", "/anh/x.svg"), "/tin-tuc/anh/x.svg");
        assert_eq!(rebase("/", "/anh/x.svg"), "/anh/x.svg");
        assert_eq!(rebase("/tin-tuc/", "https://a.vn/x"), "https://a.vn/x");
        assert_eq!(rebase("/tin-tuc/", "//cdn.vn/x"), "//cdn.vn/x");
        assert_eq!(strip("/tin-tuc/", "/tin-tuc/bai-viet/a"), "/bai-viet/a");
        assert_eq!(strip("/tin-tuc/", "/tin-tuc"), "");
        assert_eq!(strip("/tin-tuc/", "/tin-tucx/a"), "/tin-tucx/a");
        assert_eq!(strip("/", "/bai-viet/a"), "/bai-viet/a");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_section_writes_content_paths_from_the_root() {
        set_native("/tin/en/", "/tin/");
        assert_eq!(from_root("so-do"), "/en/so-do");
        assert_eq!(site_path("/anh/x.svg"), "/tin/anh/x.svg");
        assert_eq!(url("so-do"), "/tin/en/so-do");
        set_native("/tin/", "/tin/");
        assert_eq!(from_root("so-do"), "/so-do");
    }
}
