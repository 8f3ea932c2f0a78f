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

/// A page's document (`InfoPage`).
pub fn page(slug: &str) -> String {
    format!("trang/{slug}.json")
}

/// The documents registry's listing (`DocumentIndex`).
pub const REGISTRY: &str = "van-ban/index.json";

/// An entry of the documents registry (`OfficialDocument`).
pub fn document(slug: &str) -> String {
    format!("van-ban/{slug}.json")
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
///
/// A listing's page N (N ≥ 2) is a path of its own, `<listing>/trang/<N>`
/// (`chuyen-muc/kinh-te/trang/2`); page 1 is the bare listing URL, never
/// `…/trang/1`. The old form `<listing>?trang=N` is read only to redirect to
/// the path ([`listing`] takes a path apart, the app's route table and the
/// hosts' rules use it). The search page (`tim-kiem?q=…&trang=N`) is a query
/// page, not a listing, and keeps its `?trang=`.
pub mod routes {
    /// The query parameter that carries the search page's page number, and
    /// a listing's in old URLs (`chuyen-muc/x?trang=2`, redirected).
    pub const PAGE_PARAM: &str = "trang";
    /// The path segment before a listing's page number (`…/trang/2`).
    pub const PAGE_SEGMENT: &str = "trang";

    pub fn article(slug: &str) -> String {
        format!("bai-viet/{slug}")
    }

    /// A page of the site (`trang/gioi-thieu`).
    pub fn page(slug: &str) -> String {
        format!("trang/{slug}")
    }

    /// The site map page.
    pub const SITE_MAP: &str = "so-do";

    /// The first segments of the site's own paths (routes, data and the
    /// folders the build writes), which a section of another language cannot be named.
    pub const RESERVED: &[&str] = &[
        "bai-viet",
        "trang",
        "so-do",
        "van-ban",
        "chuyen-muc",
        "the",
        "moi-nhat",
        "tim-kiem",
        "da-luu",
        "ngoai-tuyen",
        "data",
        "anh",
        "chia-se",
        "phong-chu",
        "tep",
        "nhung",
        "widget",
        "oembed",
        "snippets",
        "quan-tri",
        "cms",
    ];

    /// Whether a section may not be named `segment` (see [`RESERVED`]).
    pub fn is_reserved(segment: &str) -> bool {
        RESERVED.contains(&segment)
    }

    /// The documents registry's listing; its filters are query parameters
    /// (see [`registry_query`]).
    pub const REGISTRY: &str = "van-ban";

    /// An entry of the documents registry (`van-ban/2025-05-nq-tu`).
    pub fn document(slug: &str) -> String {
        format!("{REGISTRY}/{slug}")
    }

    /// The registry listing's query parameters: type, issuer, field, year and page.
    pub const REGISTRY_PARAMS: [&str; 5] = ["loai", "co-quan", "linh-vuc", "nam", PAGE_PARAM];

    /// The registry listing's URL for filter values in the order of
    /// [`REGISTRY_PARAMS`] (empty values and page 1 left out).
    pub fn registry_query(values: [&str; 5]) -> String {
        let mut url = String::from(REGISTRY);
        let mut sep = '?';
        for (key, value) in REGISTRY_PARAMS.iter().zip(values) {
            if value.is_empty() || (*key == PAGE_PARAM && value == "1") {
                continue;
            }
            url.push(sep);
            url.push_str(key);
            url.push('=');
            // Values are slugs and numbers: nothing to escape but what a
            // hostile address could carry.
            for c in value.chars() {
                if c.is_ascii_alphanumeric() || c == '-' {
                    url.push(c);
                }
            }
            sep = '&';
        }
        url
    }

    pub fn category(slug: &str, page: u32) -> String {
        Listing::Category(slug).page(page)
    }

    pub fn tag(slug: &str, page: u32) -> String {
        Listing::Tag(slug).page(page)
    }

    /// The latest news, all categories.
    pub fn latest(page: u32) -> String {
        Listing::Latest.page(page)
    }

    /// A paginated listing, named by its URL.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Listing<'a> {
        /// `moi-nhat`.
        Latest,
        /// `chuyen-muc/<slug>`.
        Category(&'a str),
        /// `the/<slug>`.
        Tag(&'a str),
    }

    impl Listing<'_> {
        /// The URL of page `page` (1-based): the bare listing for page 1, else
        /// `<listing>/trang/<page>`.
        pub fn page(self, page: u32) -> String {
            let bare = match self {
                Listing::Latest => "moi-nhat".to_string(),
                Listing::Category(slug) => format!("chuyen-muc/{slug}"),
                Listing::Tag(slug) => format!("the/{slug}"),
            };
            if page > 1 {
                format!("{bare}/{PAGE_SEGMENT}/{page}")
            } else {
                bare
            }
        }
    }

    /// A listing URL taken apart: which listing, and the text after
    /// `/trang/` (`None` for the bare listing URL). `segments` are the path's
    /// non-empty segments under the base path; `None` when they name no listing.
    pub fn listing<'a>(segments: &[&'a str]) -> Option<(Listing<'a>, Option<&'a str>)> {
        let (head, page) = match segments {
            [head @ .., seg, n] if *seg == PAGE_SEGMENT && !head.is_empty() => (head, Some(*n)),
            all => (all, None),
        };
        let listing = match head {
            ["moi-nhat"] => Listing::Latest,
            ["chuyen-muc", slug] => Listing::Category(slug),
            ["the", slug] => Listing::Tag(slug),
            _ => return None,
        };
        Some((listing, page))
    }

    /// A page number as URLs write it: digits only, no leading zero, at least
    /// 1 (`"2"`; not `"02"`, `"+2"`, `"0"` or `" 2"`); `None` otherwise.
    pub fn page_number(text: &str) -> Option<u32> {
        if text.is_empty() || text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok()
    }

    /// Where an old `?trang=` value on a bare listing URL leads: the page's
    /// path (`?trang=1` → the bare URL); `None` for a value that is no page
    /// number as [`page_number`] reads it (the app shows "not found" for it;
    /// the hosts' rules match the same values, `[1-9][0-9]*`).
    pub fn redirect_query(listing: Listing<'_>, value: &str) -> Option<String> {
        page_number(value).map(|n| listing.page(n))
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
        assert_eq!(routes::category("thoi-su", 2), "chuyen-muc/thoi-su/trang/2");
        assert_eq!(routes::tag("x", 3), "the/x/trang/3");
        assert_eq!(routes::latest(1), "moi-nhat");
        assert_eq!(routes::latest(12), "moi-nhat/trang/12");
        assert_eq!(routes::article("a"), "bai-viet/a");
    }

    #[test]
    fn listing_urls_taken_apart() {
        use routes::{listing, page_number, redirect_query, Listing};
        assert_eq!(listing(&["moi-nhat"]), Some((Listing::Latest, None)));
        assert_eq!(
            listing(&["chuyen-muc", "kinh-te", "trang", "2"]),
            Some((Listing::Category("kinh-te"), Some("2")))
        );
        assert_eq!(
            listing(&["the", "trang", "trang", "x"]),
            Some((Listing::Tag("trang"), Some("x")))
        );
        assert_eq!(
            listing(&["chuyen-muc", "trang"]),
            Some((Listing::Category("trang"), None))
        );
        assert_eq!(listing(&["trang", "2"]), None);
        assert_eq!(listing(&["chuyen-muc", "a", "b"]), None);
        assert_eq!(listing(&["bai-viet", "a"]), None);
        assert_eq!(listing(&["moi-nhat", "trang", "2", "x"]), None);
        assert_eq!(page_number("2"), Some(2));
        assert_eq!(page_number("120"), Some(120));
        for bad in ["", "0", "02", "+2", "-1", " 2", "2a", "99999999999"] {
            assert_eq!(page_number(bad), None, "{bad:?}");
        }
        assert_eq!(
            redirect_query(Listing::Category("a"), "3").as_deref(),
            Some("chuyen-muc/a/trang/3")
        );
        assert_eq!(
            redirect_query(Listing::Latest, "1").as_deref(),
            Some("moi-nhat")
        );
        assert_eq!(redirect_query(Listing::Latest, "x"), None);
    }
}
