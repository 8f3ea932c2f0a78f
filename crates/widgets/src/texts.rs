//! Every word the widget shows to readers, in one place (those the portal's
//! pages show too come from the contract crate).

pub use bantin_contract::strings::{LATEST, RELATED};

pub const CATEGORY: &str = "Chuyên mục";
pub const TAG_PREFIX: &str = "Chủ đề: ";
pub const LINKS: &str = "Liên kết";
pub const MORE: &str = "Xem thêm »";
pub const PORTAL: &str = "Đến cổng thông tin »";
pub const EMPTY: &str = "Chưa có tin.";
pub const NOT_FOUND: &str = "Không tìm thấy mục tin này trên cổng thông tin.";
pub const LOAD_FAILED: &str = "Không tải được tin.";
pub const BAD_DATA: &str = "Dữ liệu tin không đọc được.";
pub const SEE_PORTAL: &str = "Xem tin tại cổng thông tin";
/// The label of a widget's region, for screen readers.
pub const REGION: &str = "Tin từ cổng thông tin";
/// Described on links that open in a new tab.
pub const NEW_TAB: &str = "Mở trong thẻ mới";
