//! What the fuzz targets share: the invariants they assert, written apart from
//! the code under test so that a bug in one is not copied into the other.

use bantin_build::diag::Diagnostic;

/// The number of lines of `text` as an editor shows them (at least 1).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// Every diagnostic names `path` and a line within `text` (1..=its line count).
pub fn assert_lines(path: &str, text: &str, diags: &[Diagnostic]) {
    let lines = line_count(text);
    for d in diags {
        assert_eq!(d.path, path, "diagnostic for another file: {d}");
        assert!(
            (1..=lines).contains(&d.line),
            "diagnostic on line {} of a {lines}-line file: {d}",
            d.line
        );
        assert!(
            !d.message.trim().is_empty(),
            "diagnostic without a message: {d}"
        );
    }
}

/// The schemes a browser could see in `url`, written into an `href` or `src`
/// attribute, under every encoding a careless writer or reader might undo:
/// as it is, with HTML character references decoded, percent-decoded, and
/// both in either order. Each is read as the WHATWG URL parser reads a
/// scheme: leading and trailing C0 controls and spaces dropped, tabs and
/// newlines dropped anywhere, then an ASCII letter and letters, digits, `+`,
/// `-` or `.` up to a `:`, lowercased.
pub fn browser_schemes(url: &str) -> Vec<String> {
    let entities = decode_entities(url);
    let variants = [
        url.to_string(),
        decode_percent(url),
        decode_percent(&entities),
        decode_entities(&decode_percent(url)),
        entities,
    ];
    variants.iter().filter_map(|v| whatwg_scheme(v)).collect()
}

/// True when the URL check must refuse `url`: some reading of it has a scheme
/// other than `http` or `https`.
pub fn must_refuse(url: &str) -> bool {
    browser_schemes(url)
        .iter()
        .any(|s| s != "http" && s != "https")
}

/// The scheme a browser reads in `url` as written (see [`browser_schemes`]).
pub fn whatwg_scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let s: String = trimmed
        .chars()
        .filter(|&c| c != '\t' && c != '\n' && c != '\r')
        .collect();
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(s[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

/// `%XX` escapes decoded once (bytes that do not form UTF-8 become U+FFFD).
pub fn decode_percent(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// HTML character references decoded once, as in an attribute value: numeric
/// ones (`&#58;`, `&#x3a;`, with or without the `;`) and the named ones that
/// give a character a scheme can hold or hide behind (`&colon;`, `&Tab;`, `&NewLine;`).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let named = [("&colon;", ':'), ("&Tab;", '\t'), ("&NewLine;", '\n')];
        if let Some((name, c)) = named.iter().find(|(n, _)| rest.starts_with(n)) {
            out.push(*c);
            rest = &rest[name.len()..];
            continue;
        }
        if let Some(num) = rest.strip_prefix("&#") {
            let (radix, digits) = match num.strip_prefix(['x', 'X']) {
                Some(d) => (16, d),
                None => (10, num),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            if len > 0 {
                // Too many digits for a code point: U+FFFD, as browsers do.
                let value = digits[..len].chars().try_fold(0u32, |v, d| {
                    v.checked_mul(radix)?.checked_add(d.to_digit(radix)?)
                });
                let c = value
                    .and_then(char::from_u32)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{FFFD}');
                out.push(c);
                let consumed = rest.len() - digits.len() + len;
                rest = &rest[consumed..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// The input as text, or `None` when it is not UTF-8 (files are read as UTF-8
/// and refused otherwise before any parser sees them).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_sees_encoded_schemes() {
        for u in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "javascript&#58;x",
            "javascript&#x3A;x",
            "&#106;avascript:x",
            "&#x6a;avascript&colon;x",
            "javascript%3Ax",
            "java&Tab;script:x",
            "data:text/html,x",
            "%64ata:x",
        ] {
            assert!(must_refuse(u), "{u}");
        }
        for u in ["https://a.vn/x", "/bai-viet/a", "a?b=c:d", "//a.vn", "#x:y"] {
            assert!(!must_refuse(u), "{u}");
        }
    }
}
