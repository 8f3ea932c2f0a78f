//! Reader-facing strings (Vietnamese here, English in [`en`]) that more than one part of the site shows
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

/// A language the site's reader-facing text exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese (`vi`), the default.
    #[default]
    Vi,
    /// English (`en`).
    En,
}

impl Lang {
    /// The language of a BCP 47 tag (`vi`, `en`, `en-GB`); Vietnamese for any other.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// Its name in itself, as a language switcher shows it.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// Its tag, as in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The same strings in English.
pub mod en {
    pub const SEARCH: &str = "Search";
    pub const SEE_LATEST: &str = "See the latest news";
    pub const RETRY: &str = "Try again";
    pub const PAGINATION_LABEL: &str = "Pagination";
    pub const PREV_PAGE: &str = "Previous page";
    pub const NEXT_PAGE: &str = "Next page";
    pub const PAGE: &str = "Page";
    pub const ERR_NETWORK: &str =
        "Could not reach the server. Please check your connection and try again.";
    pub const ERR_TIMEOUT: &str =
        "The server is answering too slowly. Please try again in a few minutes.";
    pub const ERR_SERVER: &str = "The server has a problem. Please try again in a few minutes.";
    pub const ERR_MALFORMED: &str = "The data received is damaged. Please try again later.";
    pub const LATEST: &str = "Latest news";
    pub const RELATED: &str = "Related news";
}
