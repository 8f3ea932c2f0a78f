//! The Vietnamese text of the search page and its error messages (the header's
//! box is the app's, `src/strings.rs`). Compiled on every target: the browser
//! module shows them, and the build tool writes the prerendered search page
//! (`tim-kiem/index.html`) from the same constants. Strings the app shows
//! too are defined once in the contract crate and re-exported here.

pub use bantin_contract::strings::{
    ERR_MALFORMED, ERR_NETWORK, ERR_SERVER, ERR_TIMEOUT, NEXT_PAGE, PAGE, PAGINATION_LABEL,
    PREV_PAGE, RETRY, SEARCH, SEE_LATEST,
};

pub const SEARCH_AGAIN_LABEL: &str = "Từ khóa";
pub const SEARCH_PROMPT: &str = "Nhập từ khóa để tìm bài viết, có dấu hoặc không dấu đều được.";
pub const SEARCH_NO_WORDS: &str =
    "Từ khóa chỉ có dấu câu hoặc ký hiệu. Hãy nhập từ khóa có chữ hoặc số.";
pub const SEARCH_TRY_ELSE: &str =
    "Hãy thử từ khóa khác, ít từ hơn hoặc gõ không dấu. Hoặc xem tin theo chuyên mục:";
pub const SEARCH_TRUNCATED: &str = "Từ khóa quá dài nên chỉ tìm theo các từ đầu tiên.";
pub const SEARCH_IGNORED: &str = "Đã bỏ qua các từ:";
pub const SEARCH_FAILED: &str = "Không tải được dữ liệu tìm kiếm";
/// What a page of the site ("Giới thiệu", "Liên hệ") found by search is, shown
/// where an article's date would be.
pub const SEARCH_PAGE_KIND: &str = "Trang thông tin";
/// What a document of the registry ("Nghị quyết 05-NQ/TU") found by search is,
/// shown where an article's date would be.
pub const SEARCH_DOCUMENT_KIND: &str = "Văn bản";
/// The note of the prerendered page for readers without JavaScript.
pub const SEARCH_NEEDS_JS: &str =
    "Tìm kiếm cần JavaScript. Hãy bật JavaScript trong trình duyệt rồi tải lại trang.";

/// "Tìm thấy 12 kết quả cho “chuyển đổi số”"
pub fn search_count(total: u32, query: &str) -> String {
    format!("Tìm thấy {total} kết quả cho “{query}”")
}

/// The notice of an answer whose count is not exact: the lists of `words` were
/// too big for what one search may download ("Kết quả chưa đầy đủ: …“an”…").
pub fn search_incomplete(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
    format!(
        "Kết quả chưa đầy đủ: từ {} có trong quá nhiều bài viết nên không tải hết được danh sách bài có từ này, số kết quả chưa chính xác. Hãy thêm từ cụ thể hơn hoặc đặt cụm từ trong ngoặc kép.",
        quoted.join(", ")
    )
}

/// "Không tìm thấy bài viết nào cho “xyz”."
pub fn search_nothing(query: &str) -> String {
    format!("Không tìm thấy bài viết nào cho “{query}”.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_nothing() {
        assert!(search_incomplete(&["an".into(), "toàn".into()])
            .starts_with("Kết quả chưa đầy đủ: từ “an”, “toàn” có trong"));
        assert_eq!(search_count(3, "số"), "Tìm thấy 3 kết quả cho “số”");
        assert_eq!(
            search_nothing("xyz"),
            "Không tìm thấy bài viết nào cho “xyz”."
        );
    }
}
