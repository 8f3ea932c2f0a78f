//! The widget's attribute parser (`bantin_widgets::options`): each input line
//! is one attribute, `name=value` (the first value of a name wins, as in
//! HTML). Accepted options stay in range and name only the site's own
//! documents; `resolve` (for the `href` attribute's value) returns only safe URLs.
#![no_main]

use bantin_contract::text::is_slug;
use bantin_fuzz::{must_refuse, text, whatwg_scheme};
use bantin_widgets::options::{resolve, Kind, Options, MAX_COUNT};
use libfuzzer_sys::fuzz_target;

const ROOT: &str = "https://cong.example.vn/tin-tuc/";

fuzz_target!(|data: &[u8]| {
    let Some(input) = text(data) else { return };
    let attrs: Vec<(&str, &str)> = input
        .split('\n')
        .map(|l| l.split_once('=').unwrap_or((l, "")))
        .collect();
    let attr = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    };
    match Options::from_attrs(attr) {
        Ok(o) => {
            assert!((1..=MAX_COUNT).contains(&o.count));
            if let Kind::Category(s) | Kind::Tag(s) | Kind::Related(s) | Kind::Card(s) = &o.kind {
                assert!(is_slug(s), "{s:?}");
            }
            let path = o.data_path();
            assert!(!path.starts_with('/') && !path.contains("..") && !path.contains("//"));
            assert!(!must_refuse(&path) && !must_refuse(&o.more_route()));
            let _ = o.height(o.count);
        }
        Err(e) => assert!(!e.is_empty()),
    }
    if let Some(href) = attr("href") {
        if let Some(u) = resolve(ROOT, &href) {
            assert!(!must_refuse(&u), "resolved to an unsafe URL: {u:?}");
            // The site's own paths are resolved under its root; anything else
            // is read by the browser as an absolute http(s) URL, never as a
            // path relative to the page that embeds the widget.
            let scheme = whatwg_scheme(&u);
            assert!(
                u.starts_with(ROOT)
                    || matches!(scheme.as_deref(), Some("http" | "https"))
                    || u.starts_with("//"),
                "{u:?}"
            );
        }
    }
});
