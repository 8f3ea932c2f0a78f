//! Build diagnostics: one problem in one file, printed as `path:line: message`.

use std::fmt;

use bantin_contract::text::{is_bidi_control, strip_bidi_controls};

/// A problem found while reading the content folder: an error (the build
/// stops) or a warning (the message starts with `cảnh báo:`, the build goes on).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file, as given on the command line joined with its relative path.
    pub path: String,
    /// The 1-based line the problem is on.
    pub line: usize,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic for `path` at `line`.
    pub fn new(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: line.max(1),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The warning for a bidirectional control `c` removed from the content.
pub fn bidi_warning(c: char) -> String {
    format!(
        "cảnh báo: đã bỏ ký tự điều khiển hướng chữ U+{:04X} (ký tự này làm đảo ngược thứ tự chữ phía sau nó)",
        c as u32
    )
}

/// Removes the bidirectional controls from `value`, a text read from the
/// source text `raw` (see [`strip_bidi_controls`]). Returns the text and, for
/// each character removed, its file line and the [`bidi_warning`] message;
/// `line_at` gives the file line of a byte offset in `raw`.
///
/// When the characters are written as they are in `raw`, each is reported on
/// its own line; when some were escapes (`\u202E` in TOML, `&#x202E;` in
/// Markdown), all are reported on the line `raw` starts on.
pub fn strip_bidi(
    value: &str,
    raw: &str,
    line_at: impl Fn(usize) -> usize,
) -> (String, Vec<(usize, String)>) {
    let removed: Vec<char> = value.chars().filter(|&c| is_bidi_control(c)).collect();
    if removed.is_empty() {
        return (value.to_string(), Vec::new());
    }
    let written: Vec<(usize, char)> = raw
        .char_indices()
        .filter(|&(_, c)| is_bidi_control(c))
        .collect();
    let literal = written.iter().map(|&(_, c)| c).eq(removed.iter().copied());
    let warnings = if literal {
        written
            .into_iter()
            .map(|(at, c)| (line_at(at), bidi_warning(c)))
            .collect()
    } else {
        removed
            .into_iter()
            .map(|c| (line_at(0), bidi_warning(c)))
            .collect()
    };
    (strip_bidi_controls(value).into_owned(), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        assert_eq!(Diagnostic::new("x.md", 0, "lỗi").to_string(), "x.md:1: lỗi");
    }

    #[test]
    fn bidi_controls_on_their_lines() {
        let raw = "\"\"\"\nmột\u{202E}\nhai\u{2066}\"\"\"";
        let value = "một\u{202E}\nhai\u{2066}";
        let (text, warnings) = strip_bidi(value, raw, |at| 10 + line_of(raw, at) - 1);
        assert_eq!(text, "một\nhai");
        assert_eq!(
            warnings,
            vec![
                (11, bidi_warning('\u{202E}')),
                (12, bidi_warning('\u{2066}'))
            ]
        );
        assert!(bidi_warning('\u{202E}').contains("U+202E"));
        // Written as an escape: reported on the first line of the value.
        let (text, warnings) = strip_bidi("a\u{202E}b", "\"\n\\u202Eb\"", |at| 3 + at);
        assert_eq!(text, "ab");
        assert_eq!(warnings, vec![(3, bidi_warning('\u{202E}'))]);
        // Nothing to remove: nothing reported.
        assert_eq!(
            strip_bidi("ab", "ab", |_| 1),
            ("ab".to_string(), Vec::new())
        );
    }
}
