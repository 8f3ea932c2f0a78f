//! Every user-facing string of the app, once per language ([`VI`], [`EN`]),
//! in one place so the wording stays consistent and reviewable. Views read
//! them through [`t`], the table of the page's language: in the browser the
//! language of the page (`<html lang>`, which the build tool writes from the
//! site's `lang`), natively the language the prerenderer set ([`set_lang`]).
//! Strings that other parts of the site show too (the search module, the
//! widgets) are defined once in the contract crate, per language.
//!
//! Own tables rather than an i18n crate: a table is a static of `&str`
//! fields, one load per string, and formatting is plain `format!` (see
//! `docs/benchmarks.md` for the bytes).

#[cfg(not(target_arch = "wasm32"))]
use std::cell::Cell;

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
    pub latest: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub pagination_label: &'static str,
    pub prev_page: &'static str,
    pub related: &'static str,
    pub retry: &'static str,
    pub search: &'static str,
    pub see_latest: &'static str,
    pub skip_link: &'static str,
    pub menu_button: &'static str,
    pub menu_nav_label: &'static str,
    pub home: &'static str,
    pub loading: &'static str,
    pub breadcrumb_label: &'static str,
    pub lead_story: &'static str,
    pub see_more: &'static str,
    pub links_box: &'static str,
    pub no_articles: &'static str,
    pub posted_on: &'static str,
    pub updated_on: &'static str,
    pub author: &'static str,
    pub source: &'static str,
    pub tags: &'static str,
    pub other_news: &'static str,
    pub tag_title_prefix: &'static str,
    pub opens_new_tab: &'static str,
    pub tools_label: &'static str,
    pub print: &'static str,
    pub share_facebook: &'static str,
    pub share_zalo: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub copied_for_zalo: &'static str,
    pub copy_failed: &'static str,
    pub share_native: &'static str,
    pub text_smaller: &'static str,
    pub text_larger: &'static str,
    pub text_size_label: &'static str,
    /// The normal text size, shown until the page script shows the reader's own.
    pub text_size_normal: &'static str,
    /// The header's theme toggle (pressed: the dark theme).
    pub theme_dark: &'static str,
    pub articles_unit: &'static str,
    pub table_label: &'static str,
    pub play_video: &'static str,
    pub gallery: &'static str,
    /// The gallery viewer's words, read by the page script: previous, next, close, "Ảnh" (as in "Ảnh 2/5").
    pub gallery_viewer: &'static str,
    pub attachments: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_page_past_end: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub err_newer: &'static str,
    pub latest_title: &'static str,
    pub registry_title: &'static str,
    pub registry_filter: &'static str,
    pub registry_all: &'static str,
    pub registry_type: &'static str,
    pub registry_issuer: &'static str,
    pub registry_field: &'static str,
    pub registry_year: &'static str,
    pub registry_apply: &'static str,
    pub registry_clear: &'static str,
    pub registry_none: &'static str,
    pub registry_number: &'static str,
    pub registry_signer: &'static str,
    pub registry_issued: &'static str,
    pub registry_effective: &'static str,
    pub registry_content: &'static str,
    pub registry_every: &'static str,
    pub issued_on: &'static str,
    pub sitemap_title: &'static str,
    pub sitemap_menu: &'static str,
    pub sitemap_categories: &'static str,
    pub sitemap_pages: &'static str,
    pub sitemap_services: &'static str,
    pub footer_label: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub address: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub suggestions_label: &'static str,
    pub search_results_title: &'static str,
    /// Footer links: the embed page for partner sites, and the news feed.
    pub footer_embed: &'static str,
    pub footer_rss: &'static str,
    pub footer_saved: &'static str,
    /// Offline reading: the save button, `/da-luu` and the offline view.
    pub save: &'static str,
    pub saved_title: &'static str,
    pub saved_intro: &'static str,
    pub saved_empty: &'static str,
    pub remove: &'static str,
    pub remove_all: &'static str,
    pub offline_title: &'static str,
    pub offline_text: &'static str,
    pub offline_none: &'static str,
    pub recent_title: &'static str,
}

/// Vietnamese, the default.
pub static VI: Text = Text {
    lang: Lang::Vi,
    err_malformed: common::ERR_MALFORMED,
    err_network: common::ERR_NETWORK,
    err_server: common::ERR_SERVER,
    err_timeout: common::ERR_TIMEOUT,
    latest: common::LATEST,
    next_page: common::NEXT_PAGE,
    page: common::PAGE,
    pagination_label: common::PAGINATION_LABEL,
    prev_page: common::PREV_PAGE,
    related: common::RELATED,
    retry: common::RETRY,
    search: common::SEARCH,
    see_latest: common::SEE_LATEST,
    skip_link: "Bỏ qua, đến nội dung chính",
    menu_button: "Menu",
    menu_nav_label: "Menu chính",
    home: "Trang chủ",
    loading: "Đang tải",
    breadcrumb_label: "Đường dẫn",
    lead_story: "Tin nổi bật",
    see_more: "Xem thêm",
    links_box: "Liên kết website",
    no_articles: "Chưa có bài viết nào.",
    posted_on: "Đăng ngày:",
    updated_on: "Cập nhật:",
    author: "Tác giả:",
    source: "Nguồn:",
    tags: "Từ khóa:",
    other_news: "Các tin khác",
    tag_title_prefix: "Từ khóa: ",
    opens_new_tab: "(mở trong thẻ mới)",
    tools_label: "Công cụ bài viết",
    print: "In bài viết",
    share_facebook: "Chia sẻ Facebook",
    share_zalo: "Chia sẻ Zalo",
    copy_link: "Sao chép liên kết",
    copied: "Đã sao chép liên kết",
    copied_for_zalo: "Đã sao chép liên kết. Hãy dán vào cuộc trò chuyện Zalo.",
    copy_failed: "Không sao chép được, hãy chép địa chỉ trên thanh trình duyệt",
    share_native: "Chia sẻ…",
    text_smaller: "Giảm cỡ chữ",
    text_larger: "Tăng cỡ chữ",
    text_size_label: "Cỡ chữ",
    text_size_normal: "100%",
    theme_dark: "Giao diện tối",
    articles_unit: "bài viết",
    table_label: "Bảng số liệu",
    play_video: "Phát video:",
    gallery: "Phóng sự ảnh",
    gallery_viewer: "Ảnh trước|Ảnh sau|Đóng|Ảnh",
    attachments: "Tài liệu đính kèm",
    not_found_title: "Không tìm thấy trang",
    not_found_text: "Trang bạn tìm không tồn tại, đã được chuyển đi hoặc đường dẫn bị gõ sai.",
    not_found_page_past_end: "Chuyên mục này không có nhiều trang đến thế.",
    back_home: "Về trang chủ",
    error_title: "Không tải được nội dung",
    err_newer: "Dữ liệu được tạo cho phiên bản mới hơn của trang. Vui lòng tải lại trang (F5) để cập nhật.",
    latest_title: "Tin mới nhất",
    registry_title: "Văn bản",
    registry_filter: "Lọc văn bản",
    registry_all: "Tất cả",
    registry_type: "Loại văn bản",
    registry_issuer: "Cơ quan ban hành",
    registry_field: "Lĩnh vực",
    registry_year: "Năm ban hành",
    registry_apply: "Lọc",
    registry_clear: "Bỏ lọc",
    registry_none: "Không có văn bản nào khớp với bộ lọc. Hãy bỏ bớt điều kiện lọc.",
    registry_number: "Số ký hiệu",
    registry_signer: "Người ký",
    registry_issued: "Ngày ban hành",
    registry_effective: "Ngày hiệu lực",
    registry_content: "Nội dung chính",
    registry_every: "Tất cả văn bản",
    issued_on: "Ban hành:",
    sitemap_title: "Sơ đồ cổng thông tin",
    sitemap_menu: "Danh mục chính",
    sitemap_categories: "Chuyên mục tin tức",
    sitemap_pages: "Thông tin chung",
    sitemap_services: "Tiện ích",
    footer_label: "Thông tin cơ quan",
    phone: "Điện thoại:",
    email: "Email:",
    address: "Địa chỉ:",
    search_label: "Tìm bài viết",
    search_placeholder: "Tìm bài viết…",
    suggestions_label: "Gợi ý tìm kiếm",
    search_results_title: "Kết quả tìm kiếm: ",
    footer_embed: "Nhúng tin vào trang của bạn",
    footer_rss: "Tin qua RSS",
    footer_saved: "Bài đã lưu",
    save: "Lưu bài",
    saved_title: "Bài đã lưu",
    saved_intro: "Bài đã lưu được giữ trong trình duyệt này, cả chữ lẫn ảnh, để đọc lại khi không có mạng.",
    saved_empty: "Bạn chưa lưu bài nào. Khi đọc một bài, bấm “Lưu bài” để đọc lại sau, kể cả khi không có mạng.",
    remove: "Xóa",
    remove_all: "Xóa tất cả",
    offline_title: "Bạn đang ngoại tuyến",
    offline_text: "Thiết bị đang không có kết nối mạng nên trang này chưa tải được. Hãy kiểm tra Wi-Fi hoặc dữ liệu di động rồi bấm “Thử lại”. Trong lúc chờ, bạn vẫn đọc được các bài dưới đây.",
    offline_none: "Chưa có bài nào.",
    recent_title: "Bài đọc gần đây",
};

/// English.
pub static EN: Text = Text {
    lang: Lang::En,
    err_malformed: common_en::ERR_MALFORMED,
    err_network: common_en::ERR_NETWORK,
    err_server: common_en::ERR_SERVER,
    err_timeout: common_en::ERR_TIMEOUT,
    latest: common_en::LATEST,
    next_page: common_en::NEXT_PAGE,
    page: common_en::PAGE,
    pagination_label: common_en::PAGINATION_LABEL,
    prev_page: common_en::PREV_PAGE,
    related: common_en::RELATED,
    retry: common_en::RETRY,
    search: common_en::SEARCH,
    see_latest: common_en::SEE_LATEST,
    skip_link: "Skip to main content",
    menu_button: "Menu",
    menu_nav_label: "Main menu",
    home: "Home",
    loading: "Loading",
    breadcrumb_label: "Breadcrumb",
    lead_story: "Top story",
    see_more: "More",
    links_box: "Related websites",
    no_articles: "No articles yet.",
    posted_on: "Posted:",
    updated_on: "Updated:",
    author: "Author:",
    source: "Source:",
    tags: "Tags:",
    other_news: "Other news",
    tag_title_prefix: "Tag: ",
    opens_new_tab: "(opens in a new tab)",
    tools_label: "Article tools",
    print: "Print article",
    share_facebook: "Share on Facebook",
    share_zalo: "Share on Zalo",
    copy_link: "Copy link",
    copied: "Link copied",
    copied_for_zalo: "Link copied. Paste it into your Zalo chat.",
    copy_failed: "Could not copy: please copy the address from the browser's address bar",
    share_native: "Share…",
    text_smaller: "Smaller text",
    text_larger: "Larger text",
    text_size_label: "Text size",
    text_size_normal: "100%",
    theme_dark: "Dark theme",
    articles_unit: "articles",
    table_label: "Data table",
    play_video: "Play video:",
    gallery: "Photo story",
    gallery_viewer: "Previous photo|Next photo|Close|Photo",
    attachments: "Attachments",
    not_found_title: "Page not found",
    not_found_text: "The page you are looking for does not exist, has moved, or the address was mistyped.",
    not_found_page_past_end: "This section does not have that many pages.",
    back_home: "Back to the home page",
    error_title: "The content could not be loaded",
    err_newer: "This data was made for a newer version of the site. Please reload the page (F5) to update it.",
    latest_title: "Latest news",
    registry_title: "Documents",
    registry_filter: "Filter documents",
    registry_all: "All",
    registry_type: "Document type",
    registry_issuer: "Issued by",
    registry_field: "Field",
    registry_year: "Year issued",
    registry_apply: "Filter",
    registry_clear: "Clear filters",
    registry_none: "No document matches these filters. Try removing some of them.",
    registry_number: "Number",
    registry_signer: "Signed by",
    registry_issued: "Date issued",
    registry_effective: "Effective from",
    registry_content: "Main content",
    registry_every: "All documents",
    issued_on: "Issued:",
    sitemap_title: "Site map",
    sitemap_menu: "Main sections",
    sitemap_categories: "News sections",
    sitemap_pages: "General information",
    sitemap_services: "Services",
    footer_label: "About the agency",
    phone: "Phone:",
    email: "Email:",
    address: "Address:",
    search_label: "Search articles",
    search_placeholder: "Search articles…",
    suggestions_label: "Search suggestions",
    search_results_title: "Search results: ",
    footer_embed: "Embed our news on your site",
    footer_rss: "News by RSS",
    footer_saved: "Saved articles",
    save: "Save article",
    saved_title: "Saved articles",
    saved_intro: "Saved articles are kept in this browser, text and photos, to read again without a connection.",
    saved_empty: "You have not saved any article yet. While reading one, press “Save article” to read it later, even offline.",
    remove: "Remove",
    remove_all: "Remove all",
    offline_title: "You are offline",
    offline_text: "This device has no network connection, so this page could not load. Check your Wi-Fi or mobile data, then press “Try again”. Meanwhile, you can still read the articles below.",
    offline_none: "No articles yet.",
    recent_title: "Recently read",
};

// The current language: one per thread natively (the build tool prerenders
// sites of different languages side by side, and tests run in parallel); in
// the browser, where there is one thread, a plain static.
#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::Vi) };
}

#[cfg(target_arch = "wasm32")]
static EN_CHOSEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Shows the views in `lang` from now on (on this thread).
pub fn set_lang(lang: Lang) {
    #[cfg(not(target_arch = "wasm32"))]
    LANG.set(lang);
    #[cfg(target_arch = "wasm32")]
    EN_CHOSEN.store(lang == Lang::En, std::sync::atomic::Ordering::Relaxed);
}

/// The table of the current language (not inlined: one copy of the choice
/// in the bundle, not one per string shown).
#[inline(never)]
pub fn t() -> &'static Text {
    #[cfg(not(target_arch = "wasm32"))]
    let lang = LANG.get();
    #[cfg(target_arch = "wasm32")]
    let lang = if EN_CHOSEN.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Vi
    };
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl Text {
    /// "Trang 2/5 · 60 bài viết", "Page 2/5 · 60 articles"
    pub fn page_summary(&self, page: u32, page_count: u32, total: u32) -> String {
        format!(
            "{} {page}/{page_count} · {total} {}",
            self.page, self.articles_unit
        )
    }

    /// "Có 12 văn bản", "12 documents" and, past one page, "· Trang 2/3".
    pub fn registry_count(&self, total: usize, page: u32, page_count: u32) -> String {
        let count = match self.lang {
            Lang::Vi => format!("Có {total} văn bản"),
            Lang::En if total == 1 => "1 document".to_string(),
            Lang::En => format!("{total} documents"),
        };
        if page_count > 1 {
            format!("{count} · {} {page}/{page_count}", self.page)
        } else {
            count
        }
    }
}

/// The document title of a view: "<view> – <site>", or the site name alone.
pub fn document_title(view: Option<&str>, site: &str) -> String {
    match view {
        Some(v) if !v.is_empty() && !site.is_empty() => format!("{v} – {site}"),
        Some(v) if !v.is_empty() => v.to_string(),
        _ => site.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_and_titles() {
        assert_eq!(VI.page_summary(2, 5, 60), "Trang 2/5 · 60 bài viết");
        assert_eq!(EN.page_summary(2, 5, 60), "Page 2/5 · 60 articles");
        assert_eq!(VI.registry_count(12, 2, 3), "Có 12 văn bản · Trang 2/3");
        assert_eq!(EN.registry_count(1, 1, 1), "1 document");
        assert_eq!(document_title(Some("Thời sự"), "Cổng"), "Thời sự – Cổng");
        assert_eq!(document_title(None, "Cổng"), "Cổng");
        assert_eq!(document_title(Some(""), "Cổng"), "Cổng");
        assert_eq!(document_title(Some("Bài"), ""), "Bài");
    }

    #[test]
    fn the_language_is_chosen_per_thread() {
        assert_eq!(t().home, "Trang chủ");
        set_lang(Lang::En);
        assert_eq!(t().home, "Home");
        std::thread::spawn(|| assert_eq!(t().home, "Trang chủ"))
            .join()
            .unwrap();
        set_lang(Lang::Vi);
    }
}
