//! The text of the search page, its suggestions and its error messages, once
//! per language ([`VI`], [`EN`]; the header's box is the app's,
//! `src/strings.rs`). Compiled on every target: the browser module shows them
//! in the page's language (`<html lang>`, see [`text`]), and the build tool
//! writes the prerendered search page (`tim-kiem/index.html`) in the site's.
//! Strings the app shows too are defined once in the contract crate.
//!
//! A table is a static of `&str` fields, as in the app: one load per string,
//! cheaper in the WebAssembly module than a `match` on the language at each
//! use. The sentences around a number or a query are methods that put the
//! table's pieces together.

pub use bantin_contract::strings::Lang;
use bantin_contract::strings::{self as common, en as common_en};

/// The strings of one language.
#[derive(Debug)]
pub struct Text {
    /// The language of this table.
    pub lang: Lang,
    pub err_malformed: &'static str,
    pub err_network: &'static str,
    pub err_server: &'static str,
    pub err_timeout: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub pagination_label: &'static str,
    pub prev_page: &'static str,
    pub retry: &'static str,
    pub search: &'static str,
    pub see_latest: &'static str,
    /// The label of the search page's own box.
    pub search_again_label: &'static str,
    pub search_prompt: &'static str,
    pub search_no_words: &'static str,
    pub search_try_else: &'static str,
    pub search_truncated: &'static str,
    pub search_ignored: &'static str,
    pub search_failed: &'static str,
    /// What a page of the site ("Giới thiệu", "Liên hệ") found by search is,
    /// shown where an article's date would be.
    pub search_page_kind: &'static str,
    /// What a document of the registry ("Nghị quyết 05-NQ/TU") found by
    /// search is, shown where an article's date would be.
    pub search_document_kind: &'static str,
    /// The note of the prerendered page for readers without JavaScript.
    pub search_needs_js: &'static str,
    /// The sentences around a query or a number, pieces rather than a
    /// `match` on the language, so they cost one `format!` each (see the
    /// methods below).
    pub count_before: &'static str,
    pub count_after_one: &'static str,
    pub count_after: &'static str,
    pub nothing_before: &'static str,
    pub incomplete_before: &'static str,
    pub incomplete_after_one: &'static str,
    pub incomplete_after: &'static str,
}

/// Vietnamese, the default.
pub static VI: Text = Text {
    lang: Lang::Vi,
    err_malformed: common::ERR_MALFORMED,
    err_network: common::ERR_NETWORK,
    err_server: common::ERR_SERVER,
    err_timeout: common::ERR_TIMEOUT,
    next_page: common::NEXT_PAGE,
    page: common::PAGE,
    pagination_label: common::PAGINATION_LABEL,
    prev_page: common::PREV_PAGE,
    retry: common::RETRY,
    search: common::SEARCH,
    see_latest: common::SEE_LATEST,
    search_again_label: "Từ khóa",
    search_prompt: "Nhập từ khóa để tìm bài viết, có dấu hoặc không dấu đều được.",
    search_no_words: "Từ khóa chỉ có dấu câu hoặc ký hiệu. Hãy nhập từ khóa có chữ hoặc số.",
    search_try_else:
        "Hãy thử từ khóa khác, ít từ hơn hoặc gõ không dấu. Hoặc xem tin theo chuyên mục:",
    search_truncated: "Từ khóa quá dài nên chỉ tìm theo các từ đầu tiên.",
    search_ignored: "Đã bỏ qua các từ:",
    search_failed: "Không tải được dữ liệu tìm kiếm",
    search_page_kind: "Trang thông tin",
    search_document_kind: "Văn bản",
    search_needs_js:
        "Tìm kiếm cần JavaScript. Hãy bật JavaScript trong trình duyệt rồi tải lại trang.",
    count_before: "Tìm thấy ",
    count_after_one: " kết quả cho “",
    count_after: " kết quả cho “",
    nothing_before: "Không tìm thấy bài viết nào cho “",
    incomplete_before: "Kết quả chưa đầy đủ: từ ",
    incomplete_after_one: INCOMPLETE_AFTER_VI,
    incomplete_after: INCOMPLETE_AFTER_VI,
};

const INCOMPLETE_AFTER_VI: &str = " có trong quá nhiều bài viết nên không tải hết được danh sách bài có từ này, số kết quả chưa chính xác. Hãy thêm từ cụ thể hơn hoặc đặt cụm từ trong ngoặc kép.";

/// English.
pub static EN: Text = Text {
    lang: Lang::En,
    err_malformed: common_en::ERR_MALFORMED,
    err_network: common_en::ERR_NETWORK,
    err_server: common_en::ERR_SERVER,
    err_timeout: common_en::ERR_TIMEOUT,
    next_page: common_en::NEXT_PAGE,
    page: common_en::PAGE,
    pagination_label: common_en::PAGINATION_LABEL,
    prev_page: common_en::PREV_PAGE,
    retry: common_en::RETRY,
    search: common_en::SEARCH,
    see_latest: common_en::SEE_LATEST,
    search_again_label: "Search terms",
    search_prompt: "Enter words to search the articles, with or without Vietnamese tone marks.",
    search_no_words:
        "The search has only punctuation or symbols. Enter words with letters or digits.",
    search_try_else:
        "Try other words, fewer words, or words without tone marks. Or browse the news by section:",
    search_truncated: "The search was too long, so only its first words were searched for.",
    search_ignored: "Words left out:",
    search_failed: "The search data could not be loaded",
    search_page_kind: "Information page",
    search_document_kind: "Document",
    search_needs_js:
        "Search needs JavaScript. Please turn on JavaScript in your browser, then reload the page.",
    count_before: "",
    count_after_one: " result for “",
    count_after: " results for “",
    nothing_before: "No article found for “",
    incomplete_before: "Incomplete results: ",
    incomplete_after_one: " is in too many articles to load them all, so the count is not exact. Add more specific words or put a phrase in quotation marks.",
    incomplete_after: " are in too many articles to load them all, so the count is not exact. Add more specific words or put a phrase in quotation marks.",
};

/// The table of `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl Text {
    /// "Tìm thấy 12 kết quả cho “chuyển đổi số”",
    /// "12 results for “digital transformation”"
    pub fn search_count(&self, total: u32, query: &str) -> String {
        let after = if total == 1 {
            self.count_after_one
        } else {
            self.count_after
        };
        format!("{}{total}{after}{query}”", self.count_before)
    }

    /// The notice of an answer whose count is not exact: the lists of `words`
    /// were too big for what one search may download ("Kết quả chưa đầy đủ:
    /// …“an”…", "Incomplete results: “an” …").
    pub fn search_incomplete(&self, words: &[String]) -> String {
        let quoted: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
        let after = if words.len() == 1 {
            self.incomplete_after_one
        } else {
            self.incomplete_after
        };
        format!("{}{}{after}", self.incomplete_before, quoted.join(", "))
    }

    /// "Không tìm thấy bài viết nào cho “xyz”.", "No article found for “xyz”."
    pub fn search_nothing(&self, query: &str) -> String {
        format!("{}{query}”.", self.nothing_before)
    }

    /// The day of an article's RFC 3339 time: "23/01/2024", "23 January 2024".
    pub fn date(&self, rfc3339: &str) -> Option<String> {
        bantin_contract::date::format_date_in(self.lang, rfc3339)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_nothing() {
        assert!(VI
            .search_incomplete(&["an".into(), "toàn".into()])
            .starts_with("Kết quả chưa đầy đủ: từ “an”, “toàn” có trong"));
        assert_eq!(VI.search_count(3, "số"), "Tìm thấy 3 kết quả cho “số”");
        assert_eq!(
            VI.search_nothing("xyz"),
            "Không tìm thấy bài viết nào cho “xyz”."
        );
    }

    #[test]
    fn counts_and_nothing_in_english() {
        assert_eq!(
            EN.search_count(12, "digital transformation"),
            "12 results for “digital transformation”"
        );
        assert_eq!(EN.search_count(1, "x"), "1 result for “x”");
        assert_eq!(EN.search_nothing("xyz"), "No article found for “xyz”.");
        assert!(EN
            .search_incomplete(&["an".into()])
            .starts_with("Incomplete results: “an” is in too many articles"));
        assert!(EN
            .search_incomplete(&["an".into(), "toan".into()])
            .starts_with("Incomplete results: “an”, “toan” are in"));
        assert_eq!(
            EN.date("2024-01-23T08:00:00+07:00").as_deref(),
            Some("23 January 2024")
        );
        assert_eq!(
            VI.date("2024-01-23T08:00:00+07:00").as_deref(),
            Some("23/01/2024")
        );
        assert_eq!(text(Lang::from_tag("en-GB")).lang, Lang::En);
        assert_eq!(text(Lang::Vi).lang, Lang::Vi);
    }
}
