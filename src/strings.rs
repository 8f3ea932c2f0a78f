//! Every user-facing string of the app, in Vietnamese, in one place so the
//! wording stays consistent and reviewable. Strings that other parts of the
//! site show too (the search module, the widgets) are defined once in the
//! contract crate and re-exported here.

pub use bantin_contract::strings::{
    ERR_MALFORMED, ERR_NETWORK, ERR_SERVER, ERR_TIMEOUT, LATEST, NEXT_PAGE, PAGE, PAGINATION_LABEL,
    PREV_PAGE, RELATED, RETRY, SEARCH, SEE_LATEST,
};

pub const SKIP_LINK: &str = "Bỏ qua, đến nội dung chính";
pub const MENU_BUTTON: &str = "Menu";
pub const MENU_NAV_LABEL: &str = "Menu chính";
pub const HOME: &str = "Trang chủ";
pub const LOADING: &str = "Đang tải";
pub const BREADCRUMB_LABEL: &str = "Đường dẫn";

pub const LEAD_STORY: &str = "Tin nổi bật";
pub const SEE_MORE: &str = "Xem thêm";
pub const LINKS_BOX: &str = "Liên kết website";
pub const NO_ARTICLES: &str = "Chưa có bài viết nào.";

pub const POSTED_ON: &str = "Đăng ngày:";
pub const UPDATED_ON: &str = "Cập nhật:";
pub const AUTHOR: &str = "Tác giả:";
pub const SOURCE: &str = "Nguồn:";
pub const TAGS: &str = "Từ khóa:";
pub const OTHER_NEWS: &str = "Các tin khác";
pub const TAG_TITLE_PREFIX: &str = "Từ khóa: ";
pub const OPENS_NEW_TAB: &str = "(mở trong thẻ mới)";

pub const TOOLS_LABEL: &str = "Công cụ bài viết";
pub const PRINT: &str = "In bài viết";
pub const SHARE_FACEBOOK: &str = "Chia sẻ Facebook";
pub const SHARE_ZALO: &str = "Chia sẻ Zalo";
pub const COPY_LINK: &str = "Sao chép liên kết";
pub const COPIED: &str = "Đã sao chép liên kết";
pub const COPIED_FOR_ZALO: &str = "Đã sao chép liên kết. Hãy dán vào cuộc trò chuyện Zalo.";
pub const COPY_FAILED: &str = "Không sao chép được, hãy chép địa chỉ trên thanh trình duyệt";
pub const SHARE_NATIVE: &str = "Chia sẻ…";
pub const TEXT_SMALLER: &str = "Giảm cỡ chữ";
pub const TEXT_LARGER: &str = "Tăng cỡ chữ";
pub const TEXT_SIZE_LABEL: &str = "Cỡ chữ";
/// The normal text size, shown until the page script shows the reader's own.
pub const TEXT_SIZE_NORMAL: &str = "100%";

pub const ARTICLES_UNIT: &str = "bài viết";

pub const TABLE_LABEL: &str = "Bảng số liệu";
pub const PLAY_VIDEO: &str = "Phát video:";
pub const GALLERY: &str = "Phóng sự ảnh";
/// The gallery viewer's words, read by the page script: previous, next, close, "Ảnh" (as in "Ảnh 2/5").
pub const GALLERY_VIEWER: &str = "Ảnh trước|Ảnh sau|Đóng|Ảnh";
pub const ATTACHMENTS: &str = "Tài liệu đính kèm";

pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
pub const NOT_FOUND_TEXT: &str =
    "Trang bạn tìm không tồn tại, đã được chuyển đi hoặc đường dẫn bị gõ sai.";
pub const NOT_FOUND_PAGE_PAST_END: &str = "Chuyên mục này không có nhiều trang đến thế.";
pub const BACK_HOME: &str = "Về trang chủ";

pub const ERROR_TITLE: &str = "Không tải được nội dung";
pub const ERR_NEWER: &str =
    "Dữ liệu được tạo cho phiên bản mới hơn của trang. Vui lòng tải lại trang (F5) để cập nhật.";

pub const LATEST_TITLE: &str = "Tin mới nhất";

pub const REGISTRY_TITLE: &str = "Văn bản";
pub const REGISTRY_FILTER: &str = "Lọc văn bản";
pub const REGISTRY_ALL: &str = "Tất cả";
pub const REGISTRY_TYPE: &str = "Loại văn bản";
pub const REGISTRY_ISSUER: &str = "Cơ quan ban hành";
pub const REGISTRY_FIELD: &str = "Lĩnh vực";
pub const REGISTRY_YEAR: &str = "Năm ban hành";
pub const REGISTRY_APPLY: &str = "Lọc";
pub const REGISTRY_CLEAR: &str = "Bỏ lọc";
pub const REGISTRY_NONE: &str = "Không có văn bản nào khớp với bộ lọc. Hãy bỏ bớt điều kiện lọc.";
pub const REGISTRY_NUMBER: &str = "Số ký hiệu";
pub const REGISTRY_SIGNER: &str = "Người ký";
pub const REGISTRY_ISSUED: &str = "Ngày ban hành";
pub const REGISTRY_EFFECTIVE: &str = "Ngày hiệu lực";
pub const REGISTRY_CONTENT: &str = "Nội dung chính";
pub const REGISTRY_EVERY: &str = "Tất cả văn bản";
pub const ISSUED_ON: &str = "Ban hành:";

/// "Có 12 văn bản" and, past one page, "· Trang 2/3".
pub fn registry_count(total: usize, page: u32, page_count: u32) -> String {
    if page_count > 1 {
        format!("Có {total} văn bản · {PAGE} {page}/{page_count}")
    } else {
        format!("Có {total} văn bản")
    }
}

pub const SITEMAP_TITLE: &str = "Sơ đồ cổng thông tin";
pub const SITEMAP_MENU: &str = "Danh mục chính";
pub const SITEMAP_CATEGORIES: &str = "Chuyên mục tin tức";
pub const SITEMAP_PAGES: &str = "Thông tin chung";
pub const SITEMAP_SERVICES: &str = "Tiện ích";
pub const FOOTER_LABEL: &str = "Thông tin cơ quan";
pub const PHONE: &str = "Điện thoại:";
pub const EMAIL: &str = "Email:";
pub const ADDRESS: &str = "Địa chỉ:";

pub const SEARCH_LABEL: &str = "Tìm bài viết";
pub const SEARCH_PLACEHOLDER: &str = "Tìm bài viết…";
pub const SUGGESTIONS_LABEL: &str = "Gợi ý tìm kiếm";
pub const SEARCH_RESULTS_TITLE: &str = "Kết quả tìm kiếm: ";
// The search page's own text is in the search module: `crates/search/src/strings.rs`.
/// "Trang 2/5 · 60 bài viết"
pub fn page_summary(page: u32, page_count: u32, total: u32) -> String {
    format!("{PAGE} {page}/{page_count} · {total} {ARTICLES_UNIT}")
}

/// The document title of a view: "<view> – <site>", or the site name alone.
pub fn document_title(view: Option<&str>, site: &str) -> String {
    match view {
        Some(v) if !v.is_empty() && !site.is_empty() => format!("{v} – {site}"),
        Some(v) if !v.is_empty() => v.to_string(),
        _ => site.to_string(),
    }
}

/// Footer links: the embed page for partner sites, and the news feed.
pub const FOOTER_EMBED: &str = "Nhúng tin vào trang của bạn";
pub const FOOTER_RSS: &str = "Tin qua RSS";
pub const FOOTER_SAVED: &str = "Bài đã lưu";

/// Offline reading: the save button, `/da-luu` and the offline view.
pub const SAVE: &str = "Lưu bài";
pub const SAVED_TITLE: &str = "Bài đã lưu";
pub const SAVED_INTRO: &str =
    "Bài đã lưu được giữ trong trình duyệt này, cả chữ lẫn ảnh, để đọc lại khi không có mạng.";
pub const SAVED_EMPTY: &str =
    "Bạn chưa lưu bài nào. Khi đọc một bài, bấm “Lưu bài” để đọc lại sau, kể cả khi không có mạng.";
pub const REMOVE: &str = "Xóa";
pub const REMOVE_ALL: &str = "Xóa tất cả";
pub const OFFLINE_TITLE: &str = "Bạn đang ngoại tuyến";
pub const OFFLINE_TEXT: &str = "Thiết bị đang không có kết nối mạng nên trang này chưa tải được. Hãy kiểm tra Wi-Fi hoặc dữ liệu di động rồi bấm “Thử lại”. Trong lúc chờ, bạn vẫn đọc được các bài dưới đây.";
pub const OFFLINE_NONE: &str = "Chưa có bài nào.";
pub const RECENT_TITLE: &str = "Bài đọc gần đây";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_and_titles() {
        assert_eq!(page_summary(2, 5, 60), "Trang 2/5 · 60 bài viết");
        assert_eq!(document_title(Some("Thời sự"), "Cổng"), "Thời sự – Cổng");
        assert_eq!(document_title(None, "Cổng"), "Cổng");
        assert_eq!(document_title(Some(""), "Cổng"), "Cổng");
        assert_eq!(document_title(Some("Bài"), ""), "Bài");
    }
}
