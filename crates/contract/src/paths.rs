//! Where each document lives, relative to the data root (by default `/data/`),
//! and the app's clean URLs. Both sides build paths only through these functions.

/// Runtime settings, beside the pages at the site's base path (not under the data root).
pub const CONFIG: &str = "config.json";
/// The data root when `config.json` does not say otherwise, relative to the base path.
pub const DEFAULT_DATA_URL: &str = "data/";
/// Site settings.
pub const SITE: &str = "site.json";
/// The home page document.
pub const HOME: &str = "trang-chu.json";

/// An article's document.
pub fn article(slug: &str) -> String {
    format!("bai-viet/{slug}.json")
}

/// A page (1-based) of the latest news.
pub fn latest(page: u32) -> String {
    format!("moi-nhat/{page}.json")
}

/// A page (1-based) of a category's listing.
pub fn category(slug: &str, page: u32) -> String {
    format!("chuyen-muc/{slug}/{page}.json")
}

/// A page (1-based) of a tag's listing.
pub fn tag(slug: &str, page: u32) -> String {
    format!("the/{slug}/{page}.json")
}

/// The app's clean URLs, relative to the site's base path (no leading slash).
pub mod routes {
    /// The query parameter that carries a listing's page number.
    pub const PAGE_PARAM: &str = "trang";

    pub fn article(slug: &str) -> String {
        format!("bai-viet/{slug}")
    }

    pub fn category(slug: &str, page: u32) -> String {
        with_page(format!("chuyen-muc/{slug}"), page)
    }

    pub fn tag(slug: &str, page: u32) -> String {
        with_page(format!("the/{slug}"), page)
    }

    /// The latest news, all categories.
    pub fn latest(page: u32) -> String {
        with_page("moi-nhat".to_string(), page)
    }

    fn with_page(path: String, page: u32) -> String {
        if page > 1 {
            format!("{path}?{PAGE_PARAM}={page}")
        } else {
            path
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_routes() {
        assert_eq!(article("a-b"), "bai-viet/a-b.json");
        assert_eq!(category("thoi-su", 2), "chuyen-muc/thoi-su/2.json");
        assert_eq!(tag("x", 1), "the/x/1.json");
        assert_eq!(latest(3), "moi-nhat/3.json");
        assert_eq!(routes::category("thoi-su", 1), "chuyen-muc/thoi-su");
        assert_eq!(routes::category("thoi-su", 2), "chuyen-muc/thoi-su?trang=2");
        assert_eq!(routes::article("a"), "bai-viet/a");
    }
}
