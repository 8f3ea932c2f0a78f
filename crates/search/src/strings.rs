//! The Vietnamese text of the search page and its error messages (the header's
//! box is the app's, `src/strings.rs`). Compiled on every target: the browser
//! module shows them, and the build tool writes the prerendered search page
//! (`tim-kiem/index.html`) from the same constants.

pub const SEARCH: &str = "Tìm kiếm";
pub const SEARCH_AGAIN_LABEL: &str = "Từ khóa";
pub const SEARCH_PROMPT: &str = "Nhập từ khóa để tìm bài viết, có dấu hoặc không dấu đều được.";
pub const SEARCH_NO_WORDS: &str =
    "Từ khóa chỉ có dấu câu hoặc ký hiệu. Hãy nhập từ khóa có chữ hoặc số.";
pub const SEARCH_TRY_ELSE: &str =
    "Hãy thử từ khóa khác, ít từ hơn hoặc gõ không dấu. Hoặc xem tin theo chuyên mục:";
pub const SEARCH_TRUNCATED: &str = "Từ khóa quá dài nên chỉ tìm theo các từ đầu tiên.";
pub const SEARCH_IGNORED: &str = "Đã bỏ qua các từ:";
pub const SEARCH_FAILED: &str = "Không tải được dữ liệu tìm kiếm";
/// The note of the prerendered page for readers without JavaScript.
pub const SEARCH_NEEDS_JS: &str =
    "Tìm kiếm cần JavaScript. Hãy bật JavaScript trong trình duyệt rồi tải lại trang.";
pub const SEE_LATEST: &str = "Xem tin mới nhất";
pub const RETRY: &str = "Thử lại";
pub const PAGINATION_LABEL: &str = "Phân trang";
pub const PREV_PAGE: &str = "Trang trước";
pub const NEXT_PAGE: &str = "Trang sau";
pub const PAGE: &str = "Trang";

pub const ERR_NETWORK: &str =
    "Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.";
pub const ERR_TIMEOUT: &str = "Máy chủ phản hồi quá chậm. Vui lòng thử lại sau ít phút.";
pub const ERR_SERVER: &str = "Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.";
pub const ERR_MALFORMED: &str = "Dữ liệu nhận được bị lỗi định dạng. Vui lòng thử lại sau.";

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

    /// The strings shared with the app (`src/strings.rs`) say the same there.
    #[test]
    fn shared_strings_match_the_app() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/strings.rs");
        let Ok(app) = std::fs::read_to_string(&path) else {
            return;
        };
        for (name, ours) in [
            ("SEARCH", SEARCH),
            ("SEE_LATEST", SEE_LATEST),
            ("RETRY", RETRY),
            ("PAGINATION_LABEL", PAGINATION_LABEL),
            ("PREV_PAGE", PREV_PAGE),
            ("NEXT_PAGE", NEXT_PAGE),
            ("PAGE", PAGE),
            ("ERR_NETWORK", ERR_NETWORK),
            ("ERR_TIMEOUT", ERR_TIMEOUT),
            ("ERR_SERVER", ERR_SERVER),
            ("ERR_MALFORMED", ERR_MALFORMED),
        ] {
            let decl = format!("pub const {name}: &str =");
            let at = app
                .find(&decl)
                .unwrap_or_else(|| panic!("{name} is gone from the app"));
            let rest = &app[at + decl.len()..];
            let open = rest.find('"').unwrap() + 1;
            let close = open + rest[open..].find('"').unwrap();
            assert_eq!(&rest[open..close], ours, "{name}");
        }
    }
}
