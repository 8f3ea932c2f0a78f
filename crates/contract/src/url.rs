//! Which link and image URLs are safe to render.
//!
//! Only `http:`/`https:` and relative URLs are kept; `javascript:`, `data:`,
//! `vbscript:` and every other scheme are refused, including obfuscated forms
//! with upper case, whitespace or control characters inside the scheme.
//!
//! Protocol-relative URLs (`//host/path`) take the scheme of the page showing
//! them. They pass [`is_safe`], but the build tool never writes one into a
//! document: it resolves links with [`https_if_protocol_relative`] and refuses
//! images for which [`is_protocol_relative`] holds.

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// True when `url` is http(s) (absolute or protocol-relative) or relative.
pub fn is_safe(url: &str) -> bool {
    let trimmed = url.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if trimmed.is_empty() {
        return false;
    }
    // Browsers drop tabs and newlines anywhere in a URL, so "java\tscript:" is a scheme.
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match scheme(&cleaned) {
        None => !cleaned.starts_with('\\') && !cleaned.starts_with("/\\"),
        Some(s) => s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"),
    }
}

/// True when `url` leaves the site (absolute http(s) or protocol-relative).
pub fn is_external(url: &str) -> bool {
    let u = url.trim();
    u.starts_with("//") || scheme(u).is_some()
}

/// True when `url` is protocol-relative (`//host/path`), as a browser reads it:
/// ignoring surrounding spaces and the tabs and newlines it drops inside.
pub fn is_protocol_relative(url: &str) -> bool {
    let mut c = url
        .trim_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control());
    c.next() == Some('/') && c.next() == Some('/')
}

/// `url` trimmed, with `https:` put before it when it is protocol-relative
/// (`//host/path` becomes `https://host/path`).
pub fn https_if_protocol_relative(url: &str) -> String {
    let u = url.trim();
    if is_protocol_relative(u) {
        format!("https:{u}")
    } else {
        u.to_string()
    }
}

/// Returns `url` when safe, for `href`/`src` attributes.
pub fn safe(url: &str) -> Option<&str> {
    is_safe(url).then_some(url.trim())
}

/// The scheme of `url`, if it has one (text before a `:` that comes before any `/`, `?` or `#`).
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' || end == 0 {
        return None;
    }
    Some(&url[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_http_and_relative() {
        for u in [
            "https://example.vn/a",
            "HTTP://example.vn",
            "//cdn.example.vn/x.png",
            "/bai-viet/a",
            "anh/x.svg",
            "../x",
            "#muc-1",
            "?trang=2",
            "a:b/c?x=1:2".replace("a:b", "x/a:b").as_str(),
        ] {
            assert!(is_safe(u), "{u} should be kept");
        }
    }

    #[test]
    fn refuses_other_schemes() {
        for u in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{0001}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "mailto:a@b.vn",
            "file:///etc/passwd",
            "",
            "   ",
            "\\\\evil.example/x",
        ] {
            assert!(!is_safe(u), "{u:?} should be refused");
        }
    }

    #[test]
    fn protocol_relative() {
        for u in ["//cdn.example.vn/x.png", " //a.vn", "/\t/a.vn/x", "//"] {
            assert!(is_protocol_relative(u), "{u:?}");
        }
        for u in ["/anh/x.svg", "https://a.vn", "/", "anh//x.svg", "", "#//"] {
            assert!(!is_protocol_relative(u), "{u:?}");
        }
        assert_eq!(
            https_if_protocol_relative(" //a.vn/tin?x=1 "),
            "https://a.vn/tin?x=1"
        );
        assert_eq!(
            https_if_protocol_relative("http://a.vn//x"),
            "http://a.vn//x"
        );
        assert_eq!(https_if_protocol_relative("/bai-viet/a"), "/bai-viet/a");
    }

    #[test]
    fn external() {
        assert!(is_external("https://a.vn"));
        assert!(is_external("//a.vn"));
        assert!(!is_external("/bai-viet/a"));
        assert!(!is_external("bai-viet/a"));
    }
}
