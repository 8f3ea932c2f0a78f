//! Reusable pieces of the views.

pub mod article_list;
pub mod blocks;
pub mod error_view;
pub mod footer;
pub mod header;
pub mod links_box;
pub mod pagination;
pub mod progress;
pub mod save;
pub mod search_box;
pub mod share;
pub mod text_size;

/// Opens `href` in a new tab when it leaves the site, with `rel` set so the
/// other site gets neither `window.opener` nor a referrer.
pub fn outbound(href: &str) -> (Option<&'static str>, Option<&'static str>) {
    if bantin_contract::url::is_external(href) {
        (Some("_blank"), Some("noopener noreferrer"))
    } else {
        (None, None)
    }
}
