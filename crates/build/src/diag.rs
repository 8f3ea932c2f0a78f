//! Build diagnostics: one problem in one file, printed as `path:line: message`.

use std::fmt;

/// A problem found while reading the content folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
}
