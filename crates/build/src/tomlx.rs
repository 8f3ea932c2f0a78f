//! Reading TOML with line numbers: a thin layer over `toml`'s spanned document
//! tree that reports wrong types, missing keys and unknown keys (typos) as
//! [`Diagnostic`]s in Vietnamese, each on the line it concerns. Every string is
//! read without bidirectional controls, each removed one a warning on its line
//! ([`crate::diag::strip_bidi`]).

use std::cell::RefCell;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::{line_of, strip_bidi, Diagnostic};

/// One TOML text inside a file: the file's path and text, and where the TOML starts.
pub struct Ctx<'a> {
    path: &'a str,
    file: &'a str,
    base: usize,
    errors: RefCell<Vec<Diagnostic>>,
    warnings: RefCell<Vec<Diagnostic>>,
}

impl<'a> Ctx<'a> {
    /// A context for the TOML at byte `base` of `file` (0 for a whole `.toml` file).
    pub fn new(path: &'a str, file: &'a str, base: usize) -> Self {
        Ctx {
            path,
            file,
            base,
            errors: RefCell::new(Vec::new()),
            warnings: RefCell::new(Vec::new()),
        }
    }

    /// Parses `toml` (a slice of the file starting at `base`); a syntax error is
    /// reported on the line of the file it is on.
    pub fn parse<'i>(&self, toml: &'i str) -> Option<Spanned<DeTable<'i>>> {
        match DeTable::parse(toml) {
            Ok(t) => Some(t),
            Err(e) => {
                let at = e.span().map(|s| s.start).unwrap_or(0);
                let msg = e.message().lines().next().unwrap_or("").trim().to_string();
                self.error_at(at, format!("TOML không hợp lệ: {msg}"));
                None
            }
        }
    }

    /// The file line of a span of the TOML text.
    pub fn line(&self, span: &Range<usize>) -> usize {
        line_of(self.file, self.base + span.start)
    }

    /// Records an error at byte `at` of the TOML text.
    pub fn error_at(&self, at: usize, message: impl Into<String>) {
        self.errors.borrow_mut().push(Diagnostic::new(
            self.path,
            line_of(self.file, self.base + at),
            message,
        ));
    }

    /// Records an error on a given file line.
    pub fn error_line(&self, line: usize, message: impl Into<String>) {
        self.errors
            .borrow_mut()
            .push(Diagnostic::new(self.path, line, message));
    }

    /// Records a warning on a given file line.
    pub fn warn_line(&self, line: usize, message: impl Into<String>) {
        self.warnings
            .borrow_mut()
            .push(Diagnostic::new(self.path, line, message));
    }

    /// The warnings recorded so far, sorted; the list is emptied.
    pub fn take_warnings(&self) -> Vec<Diagnostic> {
        let mut w = std::mem::take(&mut *self.warnings.borrow_mut());
        w.sort();
        w.dedup();
        w
    }

    /// A string value found at `span`, without bidirectional controls (each
    /// removed one is a warning on its line), with the line it starts on.
    fn string(&self, value: &str, span: &Range<usize>) -> At<String> {
        let start = self.base + span.start;
        let raw = self.file.get(start..self.base + span.end).unwrap_or("");
        let (value, warnings) = strip_bidi(value, raw, |at| line_of(self.file, start + at));
        for (line, message) in warnings {
            self.warn_line(line, message);
        }
        At {
            value,
            line: self.line(span),
        }
    }

    /// The path of the file, for messages.
    pub fn path(&self) -> &str {
        self.path
    }

    /// True when an error has been recorded.
    pub fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// The errors recorded so far.
    pub fn into_errors(self) -> Vec<Diagnostic> {
        self.errors.into_inner()
    }
}

/// A value with the file line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Its 1-based line in the file.
    pub line: usize,
}

/// The keys of one TOML table, read one by one with type checks.
pub struct Fields<'c, 'i> {
    ctx: &'c Ctx<'c>,
    table: &'c DeTable<'i>,
    line: usize,
    prefix: String,
}

impl<'c, 'i> Fields<'c, 'i> {
    /// Reads `table` (found at `span`); any key not in `allowed` is reported at once.
    /// `prefix` names the table in messages (e.g. `cover.`), empty for the top level.
    pub fn new(
        ctx: &'c Ctx<'c>,
        table: &'c DeTable<'i>,
        span: &Range<usize>,
        allowed: &[&str],
        prefix: &str,
    ) -> Self {
        for (k, _) in table.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                ctx.error_at(
                    k.span().start,
                    format!(
                        "khóa không được hỗ trợ: `{prefix}{}` (các khóa hợp lệ: {})",
                        k.get_ref(),
                        allowed.join(", ")
                    ),
                );
            }
        }
        Fields {
            ctx,
            table,
            line: ctx.line(span),
            prefix: prefix.to_string(),
        }
    }

    /// Reads `table` without checking its keys (another reader owns the rest of it).
    pub fn unchecked(
        ctx: &'c Ctx<'c>,
        table: &'c DeTable<'i>,
        span: &Range<usize>,
        prefix: &str,
    ) -> Self {
        Fields {
            ctx,
            table,
            line: ctx.line(span),
            prefix: prefix.to_string(),
        }
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Reports missing keys on `line` instead of the table's first line.
    pub fn with_line(mut self, line: usize) -> Self {
        self.line = line;
        self
    }

    /// The line the table starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The context errors and warnings go to.
    pub fn ctx(&self) -> &'c Ctx<'c> {
        self.ctx
    }

    fn get(&self, key: &str) -> Option<&'c Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn wrong_type(&self, key: &str, v: &Spanned<DeValue<'i>>, expected: &str) {
        self.ctx.error_at(
            v.span().start,
            format!(
                "khóa `{}{key}` phải là {expected}, không phải {}",
                self.prefix,
                type_name(v.get_ref())
            ),
        );
    }

    /// Reports a missing required key on the table's line.
    pub fn missing(&self, key: &str) {
        self.ctx.error_line(
            self.line,
            format!("thiếu khóa bắt buộc `{}{key}`", self.prefix),
        );
    }

    /// An optional string.
    pub fn str(&self, key: &str) -> Option<At<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(self.ctx.string(s, &v.span())),
            _ => {
                self.wrong_type(key, v, "chuỗi");
                None
            }
        }
    }

    /// An optional string or list of strings, as a list (empty when absent).
    pub fn str_or_list(&self, key: &str) -> Vec<At<String>> {
        match self.get(key).map(|v| v.get_ref()) {
            Some(DeValue::String(_)) => self.str(key).into_iter().collect(),
            Some(_) => self.str_list(key).map(|l| l.value).unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str) -> Option<At<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(At {
                value: *b,
                line: self.ctx.line(&v.span()),
            }),
            _ => {
                self.wrong_type(key, v, "true hoặc false");
                None
            }
        }
    }

    /// An optional whole number (its text as written, e.g. `8081`).
    pub fn int_text(&self, key: &str) -> Option<At<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => Some(At {
                value: if i.radix() == 10 {
                    i.as_str().replace('_', "")
                } else {
                    String::new()
                },
                line: self.ctx.line(&v.span()),
            }),
            _ => {
                self.wrong_type(key, v, "số nguyên");
                None
            }
        }
    }

    /// A required, non-blank string.
    pub fn req_str(&self, key: &str) -> Option<At<String>> {
        match self.str(key) {
            Some(s) if s.value.trim().is_empty() => {
                self.ctx.error_line(
                    s.line,
                    format!("khóa `{}{key}` không được để trống", self.prefix),
                );
                None
            }
            Some(s) => Some(s),
            None => {
                if self.get(key).is_none() {
                    self.missing(key);
                }
                None
            }
        }
    }

    /// An optional string or TOML date-time, as text (for dates).
    pub fn date_text(&self, key: &str) -> Option<At<String>> {
        let v = self.get(key)?;
        let line = self.ctx.line(&v.span());
        match v.get_ref() {
            DeValue::String(s) => Some(self.ctx.string(s, &v.span())),
            DeValue::Datetime(d) => Some(At {
                value: d.to_string(),
                line,
            }),
            _ => {
                self.wrong_type(key, v, "ngày giờ");
                None
            }
        }
    }

    /// An optional list of strings.
    pub fn str_list(&self, key: &str) -> Option<At<Vec<At<String>>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "danh sách chuỗi");
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(self.ctx.string(s, &item.span())),
                _ => self.wrong_type(key, item, "chuỗi"),
            }
        }
        Some(At {
            value: out,
            line: self.ctx.line(&v.span()),
        })
    }

    /// An optional sub-table (inline `{ … }` or `[key]`).
    pub fn table(&self, key: &str, allowed: &[&str]) -> Option<Fields<'c, 'i>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(Fields::new(
                self.ctx,
                t,
                &v.span(),
                allowed,
                &format!("{}{key}.", self.prefix),
            )),
            _ => {
                self.wrong_type(key, v, "bảng");
                None
            }
        }
    }

    /// An optional array of tables (`[[key]]`).
    pub fn tables(&self, key: &str, allowed: &[&str]) -> Vec<Fields<'c, 'i>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "danh sách bảng");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(Fields::new(
                    self.ctx,
                    t,
                    &item.span(),
                    allowed,
                    &format!("{}{key}.", self.prefix),
                )),
                _ => self.wrong_type(key, item, "bảng"),
            }
        }
        out
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "chuỗi",
        DeValue::Integer(_) => "số nguyên",
        DeValue::Float(_) => "số thực",
        DeValue::Boolean(_) => "giá trị đúng/sai",
        DeValue::Datetime(_) => "ngày giờ",
        DeValue::Array(_) => "danh sách",
        DeValue::Table(_) => "bảng",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_reports_lines() {
        let file = "+++\ntitle = \"A\"\ntitel = \"B\"\ntags = [\"x\", 1]\n+++\n";
        let toml = &file[4..file.len() - 4];
        let ctx = Ctx::new("a.md", file, 4);
        let t = ctx.parse(toml).unwrap();
        let f = Fields::new(&ctx, t.get_ref(), &t.span(), &["title", "tags", "date"], "");
        assert_eq!(f.req_str("title").unwrap().line, 2);
        assert!(f.req_str("date").is_none());
        let tags = f.str_list("tags").unwrap();
        assert_eq!(tags.value.len(), 1);
        let errs = ctx.into_errors();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert!(lines.contains(&3), "{errs:?}");
        assert!(lines.contains(&4), "{errs:?}");
        assert!(errs.iter().any(|e| e.message.contains("`date`")));
    }

    #[test]
    fn strings_lose_bidi_controls_with_warnings() {
        let file = "+++\ntitle = \"A\u{202E}B\"\ntags = [\"x\",\n  \"y\u{2067}\"]\nlead = \"\"\"\nmột\nhai\u{202D}\"\"\"\nslug = \"c\\u202Ed\"\n+++\n";
        let ctx = Ctx::new("a.md", file, 4);
        let t = ctx.parse(&file[4..file.len() - 4]).unwrap();
        let f = Fields::new(
            &ctx,
            t.get_ref(),
            &t.span(),
            &["title", "tags", "lead", "slug"],
            "",
        );
        assert_eq!(f.str("title").unwrap().value, "AB");
        let tags: Vec<String> = f
            .str_list("tags")
            .unwrap()
            .value
            .into_iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(tags, ["x", "y"]);
        assert_eq!(f.str("lead").unwrap().value, "một\nhai");
        assert_eq!(f.str("slug").unwrap().value, "cd");
        let warnings: Vec<String> = ctx.take_warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                format!("a.md:2: {}", crate::diag::bidi_warning('\u{202E}')),
                format!("a.md:4: {}", crate::diag::bidi_warning('\u{2067}')),
                format!("a.md:7: {}", crate::diag::bidi_warning('\u{202D}')),
                // Written as an escape: on the value's line.
                format!("a.md:8: {}", crate::diag::bidi_warning('\u{202E}')),
            ]
        );
        assert!(!ctx.has_errors());
    }

    #[test]
    fn syntax_error_line_is_offset() {
        let file = "+++\ntitle = \"A\"\nbad = = 1\n+++\n";
        let ctx = Ctx::new("a.md", file, 4);
        assert!(ctx.parse(&file[4..file.len() - 4]).is_none());
        let errs = ctx.into_errors();
        assert_eq!(errs[0].line, 3, "{errs:?}");
        assert!(errs[0].message.starts_with("TOML không hợp lệ"));
    }
}
