//! Which link and image URLs are safe to render.
//!
//! Only `http:`/`https:` and relative URLs are kept; `javascript:`, `data:`,
//! `vbscript:` and every other scheme are refused, including obfuscated forms
//! with upper case, whitespace or control characters inside the scheme, and
//! schemes hidden behind HTML character references (`javascript&#58;…`) or
//! percent-encoding (`javascript%3A…`), which a page or tool decoding the URL
//! once would bring back. A control character inside a URL refuses it: browsers
//! do not drop them (only tabs and newlines), so `ht\0tps://x` would be a
//! relative link, not the external one it looks like.
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

/// True when `url` is http(s) (absolute or protocol-relative) or relative,
/// as written and once its character references or percent-escapes are decoded.
pub fn is_safe(url: &str) -> bool {
    if !is_safe_as_written(url) {
        return false;
    }
    if !url.contains(['&', '%']) {
        return true;
    }
    let (refs, percent) = (decode(url, true), decode(url, false));
    [decode(&refs, false), decode(&percent, true), refs, percent]
        .iter()
        .all(|u| is_safe_as_written(u))
}

fn is_safe_as_written(url: &str) -> bool {
    let trimmed = trim(url);
    let dropped = |c: &char| matches!(c, '\t' | '\n' | '\r');
    if trimmed.is_empty() || trimmed.chars().any(|c| c.is_control() && !dropped(&c)) {
        return false;
    }
    // Browsers drop tabs and newlines anywhere in a URL, so "java\tscript:" is a scheme;
    // other spaces are dropped too, to refuse "java script:" whatever a reader makes of it.
    let cleaned: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    match scheme(&cleaned) {
        None => !cleaned.starts_with('\\') && !cleaned.starts_with("/\\"),
        Some(s) => {
            // "htt\u{a0}ps:" is no scheme to a browser but a path relative to the page.
            let as_read: String = trimmed.chars().filter(|c| !dropped(c)).collect();
            (s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
                && scheme(&as_read).is_some_and(|r| r.len() == s.len())
        }
    }
}

/// `s` with one layer of encoding undone, as far as a scheme can hide in it:
/// `%XX` escapes (`refs` false), or HTML character references as in an
/// attribute (`refs` true: numeric ones, the `;` optional, and `&colon;`,
/// `&Tab;`, `&NewLine;`). What decodes to no ASCII character becomes U+FFFD:
/// no scheme holds one. Kept small: it is in the app's WebAssembly.
fn decode(s: &str, refs: bool) -> String {
    let mark = if refs { '&' } else { '%' };
    let digit = |b: Option<&u8>, radix: u32| b.and_then(|&c| (c as char).to_digit(radix));
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(mark) {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let b = rest.as_bytes();
        let named = [(58, "colon;"), (9, "Tab;"), (10, "NewLine;")];
        let (code, used) = if !refs {
            match (digit(b.first(), 16), digit(b.get(1), 16)) {
                (Some(h), Some(l)) => (h * 16 + l, 2),
                _ => (0, 0),
            }
        } else if let Some((code, name)) = named.iter().find(|(_, n)| rest.starts_with(n)) {
            (*code, name.len())
        } else if b.first() == Some(&b'#') {
            let (radix, start) = match b.get(1) {
                Some(b'x' | b'X') => (16, 2),
                _ => (10, 1),
            };
            let (mut code, mut i) = (0u32, start);
            while let Some(d) = digit(b.get(i), radix) {
                code = code.saturating_mul(radix).saturating_add(d);
                i += 1;
            }
            match i > start {
                true => (code, i + usize::from(b.get(i) == Some(&b';'))),
                false => (0, 0),
            }
        } else {
            (0, 0)
        };
        if used == 0 {
            out.push(mark);
            continue;
        }
        out.push(match code {
            1..=0x7f => code as u8 as char,
            _ => '\u{FFFD}',
        });
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// True when `url` leaves the site (absolute http(s) or protocol-relative).
pub fn is_external(url: &str) -> bool {
    let u = trim(url);
    u.starts_with("//") || scheme(u).is_some()
}

/// True when `url` is protocol-relative (`//host/path`), as a browser reads it:
/// ignoring surrounding spaces and the tabs and newlines it drops inside.
pub fn is_protocol_relative(url: &str) -> bool {
    let mut c = trim(url)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control());
    c.next() == Some('/') && c.next() == Some('/')
}

/// `url` trimmed, with `https:` put before it when it is protocol-relative
/// (`//host/path` becomes `https://host/path`).
pub fn https_if_protocol_relative(url: &str) -> String {
    let u = trim(url);
    if is_protocol_relative(u) {
        format!("https:{u}")
    } else {
        u.to_string()
    }
}

/// Returns `url` when safe, for `href`/`src` attributes.
pub fn safe(url: &str) -> Option<&str> {
    is_safe(url).then_some(trim(url))
}

/// `url` without the spaces and control characters around it, which browsers
/// drop too (and which [`is_safe`] ignores there).
fn trim(url: &str) -> &str {
    url.trim_matches(|c: char| c.is_whitespace() || c.is_control())
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
            "https://a.vn/?a=1&amp;b=2&#58;",
            "/tim-kiem?q=a%3Ab",
            "tin%20moi",
            "&",
            "%",
            "&#",
            "&#x;",
            "ht\tt\nps://a.vn/x",
            "https://a.vn/a b",
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
            // Found by fuzzing (fuzz/, docs/fuzzing.md): schemes behind character
            // references or percent-escapes, and control characters inside.
            "javas9cripts9cript&#x6A;oler:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#x3A alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript&colon;alert(1)",
            "java&Tab;script:alert(1)",
            "javascript%3Aalert(1)",
            "%6Aavascript:alert(1)",
            "data%3atext/html,x",
            "VVlle.vn&colon;./du",
            "ht\0\0\0tps://&#106;a.vn/x",
            "https:\u{1}//a.vn",
            "htt\u{a0}ps://a.vn/x",
            "https ://a.vn/x",
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
        // Found by fuzzing: a control character before `//` was kept, and the
        // link written was then refused by the check it had passed.
        assert_eq!(https_if_protocol_relative("\u{16}//88"), "https://88");
        assert!(is_safe(&https_if_protocol_relative("\u{16}//88")));
        assert_eq!(safe("\u{1}/x\u{7f}"), Some("/x"));
    }

    #[test]
    fn external() {
        assert!(is_external("https://a.vn"));
        assert!(is_external("//a.vn"));
        assert!(!is_external("/bai-viet/a"));
        assert!(!is_external("bai-viet/a"));
    }
}
