//! Reader-facing Vietnamese strings that more than one part of the site shows
//! (the app, the search module, the widgets), defined once. Each part's own
//! strings table re-exports those it uses, beside its own; a constant costs a
//! bundle nothing unless it is shown.

pub const SEARCH: &str = "Tìm kiếm";
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
pub const LATEST: &str = "Tin mới nhất";
pub const RELATED: &str = "Tin liên quan";
