//! The pagination window shared by the app, the prerendered pages and the search page.

/// The page number of the search page from its `?trang=` value: absent means 1;
/// anything that is not a positive number is `None` (shown as not found).
/// The app's route table and the search module read it alike.
pub fn page_from_query(value: Option<&str>) -> Option<u32> {
    match value {
        None | Some("") => Some(1),
        Some(v) => v.trim().parse::<u32>().ok().filter(|&p| p >= 1),
    }
}

/// One element of a pagination bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageItem {
    Page(u32),
    Gap,
}

/// The page links to show: the first and last pages, and two on each side of
/// the current one, with gaps between; at most 9 items.
pub fn page_window(current: u32, count: u32) -> Vec<PageItem> {
    let count = count.max(1);
    let current = current.clamp(1, count);
    let mut items = Vec::new();
    let lo = current.saturating_sub(2).max(1);
    let hi = (current + 2).min(count);
    if lo > 1 {
        items.push(PageItem::Page(1));
        if lo > 2 {
            items.push(PageItem::Gap);
        }
    }
    items.extend((lo..=hi).map(PageItem::Page));
    if hi < count {
        if hi < count - 1 {
            items.push(PageItem::Gap);
        }
        items.push(PageItem::Page(count));
    }
    items
}
