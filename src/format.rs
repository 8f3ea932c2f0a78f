//! Pure presentation logic with native tests: dates, page numbers, pagination
//! windows, share links and the text-size scale.

use bantin_contract::date::VnDateTime;

use crate::strings;

/// A day in the page's language: "23/01/2024", "23 January 2024".
pub fn day(year: i32, month: u32, day: u32) -> String {
    VnDateTime {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
    }
    .date_in(strings::t().lang)
}

/// The day and time of a moment in Vietnam: "23/01/2024 08:30", "23 January 2024, 08:30".
fn day_time(d: &VnDateTime) -> String {
    let sep = match strings::t().lang {
        strings::Lang::Vi => " ",
        strings::Lang::En => ", ",
    };
    format!("{}{sep}{}", day(d.year, d.month, d.day), d.time())
}

/// "Đăng ngày: 23/01/2024 08:30" in Vietnam's time zone, whatever the reader's.
pub fn posted_line(published: &str) -> Option<String> {
    let d = VnDateTime::parse(published)?;
    Some(format!("{} {}", strings::t().posted_on, day_time(&d)))
}

/// The day of an RFC 3339 time for lists, or `None` when the time is missing or broken.
pub fn short_date(rfc3339: &str) -> Option<String> {
    VnDateTime::parse(rfc3339).map(|d| day(d.year, d.month, d.day))
}

/// The day and time of an RFC 3339 time, or `None` when it is missing or broken.
pub fn date_time(rfc3339: &str) -> Option<String> {
    VnDateTime::parse(rfc3339).map(|d| day_time(&d))
}

/// The day of a date `YYYY-MM-DD` (as it is when malformed).
pub fn iso_day(iso: &str) -> String {
    let part = |r: std::ops::Range<usize>| iso.get(r).and_then(|x| x.parse::<u32>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(y), Some(m), Some(d)) if iso.len() == 10 => day(y as i32, m, d),
        _ => iso.to_string(),
    }
}

pub use bantin_contract::paging::{page_from_query, page_window, PageItem};

/// A file's size in the page's units: "820 byte", "35 KB", "1,2 MB" (decimal
/// comma); in English "820 bytes", "1.2 MB".
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let (comma, bytes_unit) = match strings::t().lang {
        strings::Lang::Vi => (',', "byte"),
        strings::Lang::En => ('.', "bytes"),
    };
    let one_decimal = |n: u64, unit: u64| {
        // Tenths, rounded half up.
        let tenths = (n * 10 + unit / 2) / unit;
        if tenths.is_multiple_of(10) || tenths >= 100 {
            format!("{}", (tenths + 5) / 10)
        } else {
            format!("{}{comma}{}", tenths / 10, tenths % 10)
        }
    };
    if bytes < KB {
        format!("{bytes} {bytes_unit}")
    } else if bytes < MB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{} MB", one_decimal(bytes, MB))
    }
}

/// Facebook's share dialog for a URL.
pub fn facebook_share(url: &str) -> String {
    format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        encode_component(url)
    )
}

/// Zalo on the web, opened after the link is copied when the browser has no
/// share sheet (Zalo offers no share URL that works without its SDK; on phones
/// the share sheet lists the Zalo app).
pub const ZALO_WEB: &str = "https://chat.zalo.me/";

pub use bantin_contract::url::encode_component;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_in_vietnamese_units() {
        assert_eq!(file_size(820), "820 byte");
        assert_eq!(file_size(35 * 1024 + 100), "35 KB");
        assert_eq!(file_size(1024 * 1024), "1 MB");
        assert_eq!(file_size(1_258_291), "1,2 MB");
        assert_eq!(file_size(15 * 1024 * 1024 + 300_000), "15 MB");
    }
    use PageItem::{Gap, Page};

    #[test]
    fn posted_line_is_vietnam_time() {
        assert_eq!(
            posted_line("2024-01-23T01:30:00Z").as_deref(),
            Some("Đăng ngày: 23/01/2024 08:30")
        );
        assert_eq!(
            posted_line("2024-01-22T23:30:00-05:00").as_deref(),
            Some("Đăng ngày: 23/01/2024 11:30")
        );
        assert_eq!(posted_line(""), None);
        assert_eq!(posted_line("hôm qua"), None);
    }

    #[test]
    fn dates_and_sizes_follow_the_language() {
        strings::set_lang(strings::Lang::En);
        let en = (
            posted_line("2024-01-23T01:30:00Z"),
            short_date("2024-12-31T17:00:00Z"),
            iso_day("2025-03-10"),
            file_size(1_258_291),
            file_size(820),
        );
        strings::set_lang(strings::Lang::Vi);
        assert_eq!(en.0.as_deref(), Some("Posted: 23 January 2024, 08:30"));
        assert_eq!(en.1.as_deref(), Some("1 January 2025"));
        assert_eq!(en.2, "10 March 2025");
        assert_eq!(en.3, "1.2 MB");
        assert_eq!(en.4, "820 bytes");
        assert_eq!(iso_day("2025-03-10"), "10/03/2025");
        assert_eq!(iso_day("sai"), "sai");
    }

    #[test]
    fn page_numbers_from_query() {
        assert_eq!(page_from_query(None), Some(1));
        assert_eq!(page_from_query(Some("3")), Some(3));
        assert_eq!(page_from_query(Some("0")), None);
        assert_eq!(page_from_query(Some("-1")), None);
        assert_eq!(page_from_query(Some("abc")), None);
        assert_eq!(page_from_query(Some("99999999999")), None);
    }

    #[test]
    fn pagination_windows() {
        assert_eq!(page_window(1, 1), vec![Page(1)]);
        assert_eq!(page_window(1, 3), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(
            page_window(1, 10),
            vec![Page(1), Page(2), Page(3), Gap, Page(10)]
        );
        assert_eq!(
            page_window(6, 20),
            vec![
                Page(1),
                Gap,
                Page(4),
                Page(5),
                Page(6),
                Page(7),
                Page(8),
                Gap,
                Page(20)
            ]
        );
        assert_eq!(
            page_window(4, 6),
            vec![Page(1), Page(2), Page(3), Page(4), Page(5), Page(6)]
        );
        assert_eq!(
            page_window(20, 20),
            vec![Page(1), Gap, Page(18), Page(19), Page(20)]
        );
        // Out-of-range input is clamped, never panics.
        assert_eq!(page_window(0, 0), vec![Page(1)]);
    }

    #[test]
    fn share_links_encode_the_url() {
        let u = "https://tin.example.vn/bai-viet/a-b?x=1&y=2";
        assert_eq!(
            facebook_share(u),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Ftin.example.vn%2Fbai-viet%2Fa-b%3Fx%3D1%26y%3D2"
        );
        assert_eq!(encode_component("Đ"), "%C4%90");
    }
}
