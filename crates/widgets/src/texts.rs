//! Every word the widget shows to readers, once per language ([`VI`],
//! [`EN`]; those the portal's pages show too come from the contract crate).
//! A table is a static of `&str` fields, as in the app: one load per string.
//! The widget's language is the portal's (`embed.js` passes `site.json`'s
//! `lang`), or the element's own `lang` attribute.

pub use bantin_contract::strings::Lang;
use bantin_contract::strings::{self as common, en as common_en};

/// The strings of one language.
#[derive(Debug)]
pub struct Text {
    /// The language of this table.
    pub lang: Lang,
    pub latest: &'static str,
    pub related: &'static str,
    pub category: &'static str,
    pub tag_prefix: &'static str,
    pub links: &'static str,
    pub more: &'static str,
    pub portal: &'static str,
    pub empty: &'static str,
    pub not_found: &'static str,
    pub load_failed: &'static str,
    pub bad_data: &'static str,
    pub see_portal: &'static str,
    /// The label of a widget's region, for screen readers.
    pub region: &'static str,
    /// Described on links that open in a new tab.
    pub new_tab: &'static str,
}

/// Vietnamese, the default.
pub static VI: Text = Text {
    lang: Lang::Vi,
    latest: common::LATEST,
    related: common::RELATED,
    category: "Chuyên mục",
    tag_prefix: "Chủ đề: ",
    links: "Liên kết",
    more: "Xem thêm »",
    portal: "Đến cổng thông tin »",
    empty: "Chưa có tin.",
    not_found: "Không tìm thấy mục tin này trên cổng thông tin.",
    load_failed: "Không tải được tin.",
    bad_data: "Dữ liệu tin không đọc được.",
    see_portal: "Xem tin tại cổng thông tin",
    region: "Tin từ cổng thông tin",
    new_tab: "Mở trong thẻ mới",
};

/// English.
pub static EN: Text = Text {
    lang: Lang::En,
    latest: common_en::LATEST,
    related: common_en::RELATED,
    category: "Section",
    tag_prefix: "Tag: ",
    links: "Links",
    more: "More »",
    portal: "Go to the portal »",
    empty: "No news yet.",
    not_found: "This item was not found on the portal.",
    load_failed: "The news could not be loaded.",
    bad_data: "The news data could not be read.",
    see_portal: "See the news on the portal",
    region: "News from the portal",
    new_tab: "Opens in a new tab",
};

/// The table of a language tag (`vi`, `en`, `en-GB`; Vietnamese for any other).
pub fn text(tag: &str) -> &'static Text {
    match Lang::from_tag(tag) {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl Text {
    /// An article's day: "23/01/2024", "23 January 2024".
    pub fn date(&self, rfc3339: &str) -> Option<String> {
        bantin_contract::date::format_date_in(self.lang, rfc3339)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of a table.
    fn all(t: &Text) -> [&'static str; 14] {
        [
            t.latest,
            t.related,
            t.category,
            t.tag_prefix,
            t.links,
            t.more,
            t.portal,
            t.empty,
            t.not_found,
            t.load_failed,
            t.bad_data,
            t.see_portal,
            t.region,
            t.new_tab,
        ]
    }

    #[test]
    fn each_language_has_its_own_words_and_dates() {
        assert_eq!(text("en").lang, Lang::En);
        assert_eq!(text("en-GB").lang, Lang::En);
        assert_eq!(text("vi").lang, Lang::Vi);
        assert_eq!(text("").lang, Lang::Vi);
        assert_eq!(text("__BANTIN_LANG__").lang, Lang::Vi);
        let (vi, en) = (all(&VI), all(&EN));
        for (v, e) in vi.iter().zip(en) {
            assert!(!e.is_empty() && v != &e, "{v} / {e}");
            // English words only: no Vietnamese letter.
            assert!(e.is_ascii() || e.ends_with('»'), "{e}");
        }
        assert_eq!(EN.latest, "Latest news");
        assert_eq!(EN.more, "More »");
        assert_eq!(VI.more, "Xem thêm »");
        let published = "2024-01-23T08:00:00+07:00";
        assert_eq!(EN.date(published).as_deref(), Some("23 January 2024"));
        assert_eq!(VI.date(published).as_deref(), Some("23/01/2024"));
        assert_eq!(EN.date("hôm qua"), None);
    }
}
