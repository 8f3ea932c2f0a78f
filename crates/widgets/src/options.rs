//! What a widget element asks for, read from its attributes, and the layout
//! figures `embed.js` uses to reserve the widget's height before it loads.
//!
//! Pure logic, tested natively; the browser side is in `lib.rs`.

use bantin_contract::{paths, text, url};

/// The custom element that declares a widget.
pub const TAG: &str = "bantin-tin";
/// The most items a widget shows (a listing shard holds ten).
pub const MAX_COUNT: u32 = 10;
/// Items shown when `so-tin` is not given.
pub const DEFAULT_COUNT: u32 = 5;

/// Fixed heights in CSS pixels. `embed.js` holds the same numbers (a test
/// compares them), so the space it reserves is the space the widget takes.
pub mod layout {
    /// The title bar.
    pub const HEAD: u32 = 40;
    /// The "more" link at the bottom.
    pub const FOOT: u32 = 36;
    /// A row of the compact style (title only, at most two lines).
    pub const ROW_COMPACT: u32 = 48;
    /// A row with a thumbnail, title and date.
    pub const ROW_THUMB: u32 = 76;
    /// The single-article card.
    pub const CARD: u32 = 124;
    /// The frame's top and bottom borders together.
    pub const BORDER: u32 = 2;
}

/// What a widget lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The latest news (`loai="moi-nhat"`).
    Latest,
    /// One category (`loai="chuyen-muc" muc="…"`).
    Category(String),
    /// One tag (`loai="the" muc="…"`).
    Tag(String),
    /// Articles related to one article (`loai="lien-quan" bai="…"`).
    Related(String),
    /// One article as a card (`loai="bai-viet" bai="…"`), used by oEmbed.
    Card(String),
    /// The site's links box (`loai="lien-ket"`).
    Links,
}

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// No `giao-dien`: the portal's own look (its `[brand]` colours, which
    /// embed.js sets on the element; the light theme when it has none).
    Site,
    Light,
    Dark,
}

/// A widget's options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub kind: Kind,
    /// How many items to show, 1..=[`MAX_COUNT`].
    pub count: u32,
    /// Titles only (`kieu="gon"`) or with thumbnails and dates (`kieu="anh"`, the default).
    pub compact: bool,
    pub theme: Theme,
    /// Open links in a new tab (`tab-moi` present).
    pub new_tab: bool,
}

impl Options {
    /// Reads the options from an element's attributes (`attr` returns an attribute's value).
    /// The error is Vietnamese: it is shown inside the widget for the page's operator.
    pub fn from_attrs(attr: impl Fn(&str) -> Option<String>) -> Result<Options, String> {
        let value = |name: &str| attr(name).map(|v| v.trim().to_string());
        let slug = |name: &str, what: &str| -> Result<String, String> {
            match value(name) {
                None => Err(format!("Thiếu thuộc tính {name} ({what}).")),
                Some(s) if !text::is_slug(&s) => Err(format!(
                    "Thuộc tính {name}=\"{s}\" không hợp lệ: cần đường dẫn {what}, ví dụ thoi-su."
                )),
                Some(s) => Ok(s),
            }
        };
        let kind = match value("loai").as_deref().unwrap_or("moi-nhat") {
            "moi-nhat" | "" => Kind::Latest,
            "chuyen-muc" => Kind::Category(slug("muc", "của chuyên mục")?),
            "the" => Kind::Tag(slug("muc", "của chủ đề")?),
            "lien-quan" => Kind::Related(slug("bai", "của bài viết")?),
            "bai-viet" => Kind::Card(slug("bai", "của bài viết")?),
            "lien-ket" => Kind::Links,
            other => {
                return Err(format!(
                    "Không có loại tin \"{other}\". Chọn một trong: moi-nhat, chuyen-muc, the, \
                     lien-quan, bai-viet, lien-ket."
                ))
            }
        };
        let count = match value("so-tin") {
            None => DEFAULT_COUNT,
            Some(n) => n
                .parse::<i64>()
                .map(|n| n.clamp(1, i64::from(MAX_COUNT)) as u32)
                .map_err(|_| format!("Thuộc tính so-tin=\"{n}\" phải là một số từ 1 đến 10."))?,
        };
        let compact = match value("kieu").as_deref() {
            None | Some("anh") | Some("") => false,
            Some("gon") => true,
            Some(other) => {
                return Err(format!(
                    "Thuộc tính kieu=\"{other}\" không hợp lệ: dùng \"anh\" (có ảnh) hoặc \"gon\" (gọn)."
                ))
            }
        };
        let theme = match value("giao-dien").as_deref() {
            None | Some("") => Theme::Site,
            Some("sang") => Theme::Light,
            Some("toi") => Theme::Dark,
            Some(other) => {
                return Err(format!(
                    "Thuộc tính giao-dien=\"{other}\" không hợp lệ: dùng \"sang\" hoặc \"toi\"."
                ))
            }
        };
        let new_tab = value("tab-moi").is_some_and(|v| v != "khong" && v != "false");
        Ok(Options {
            kind,
            count,
            compact,
            theme,
            new_tab,
        })
    }

    /// The document the widget reads, relative to the data root.
    pub fn data_path(&self) -> String {
        match &self.kind {
            Kind::Latest => paths::latest(1),
            Kind::Category(s) => paths::category(s, 1),
            Kind::Tag(s) => paths::tag(s, 1),
            Kind::Related(s) | Kind::Card(s) => paths::article(s),
            Kind::Links => paths::SITE.to_string(),
        }
    }

    /// The portal page the title and "more" links lead to, relative to the site root.
    pub fn more_route(&self) -> String {
        match &self.kind {
            Kind::Latest => paths::routes::latest(1),
            Kind::Category(s) => paths::routes::category(s, 1),
            Kind::Tag(s) => paths::routes::tag(s, 1),
            Kind::Related(s) | Kind::Card(s) => paths::routes::article(s),
            Kind::Links => String::new(),
        }
    }

    /// True when rows have thumbnails (the links box is always compact).
    pub fn thumbs(&self) -> bool {
        !self.compact && self.kind != Kind::Links
    }

    /// The widget's height in pixels when it shows `items` rows.
    pub fn height(&self, items: u32) -> u32 {
        if matches!(self.kind, Kind::Card(_)) {
            return layout::CARD + layout::BORDER;
        }
        let row = if self.thumbs() {
            layout::ROW_THUMB
        } else {
            layout::ROW_COMPACT
        };
        layout::HEAD + items * row + layout::FOOT + layout::BORDER
    }
}

/// An absolute URL for a link or image `href` found in the data, or `None`
/// when it is unsafe. Root-relative and relative paths are the site's own
/// (as in the app), so they are resolved against `root`, the site's address
/// ending in `/` (which carries its base path).
pub fn resolve(root: &str, href: &str) -> Option<String> {
    let href = url::safe(href)?;
    if url::is_external(href) {
        return Some(href.to_string());
    }
    Some(format!("{root}{}", href.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<Options, String> {
        Options::from_attrs(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_are_the_latest_five_with_thumbnails() {
        let o = read(&[]).unwrap();
        assert_eq!(o.kind, Kind::Latest);
        assert_eq!(
            (o.count, o.compact, o.theme, o.new_tab),
            (5, false, Theme::Site, false)
        );
        assert_eq!(read(&[("giao-dien", "sang")]).unwrap().theme, Theme::Light);
        assert_eq!(o.data_path(), "moi-nhat/1.json");
        assert_eq!(o.more_route(), "moi-nhat");
    }

    #[test]
    fn reads_every_kind_and_option() {
        let o = read(&[
            ("loai", "chuyen-muc"),
            ("muc", " kinh-te "),
            ("so-tin", "3"),
            ("kieu", "gon"),
            ("giao-dien", "toi"),
            ("tab-moi", ""),
        ])
        .unwrap();
        assert_eq!(o.kind, Kind::Category("kinh-te".into()));
        assert_eq!(
            (o.count, o.compact, o.theme, o.new_tab),
            (3, true, Theme::Dark, true)
        );
        assert_eq!(o.data_path(), "chuyen-muc/kinh-te/1.json");
        assert_eq!(o.more_route(), "chuyen-muc/kinh-te");
        let t = read(&[("loai", "the"), ("muc", "ocop")]).unwrap();
        assert_eq!(t.data_path(), "the/ocop/1.json");
        let r = read(&[("loai", "lien-quan"), ("bai", "a-b")]).unwrap();
        assert_eq!(r.data_path(), "bai-viet/a-b.json");
        assert_eq!(r.more_route(), "bai-viet/a-b");
        let c = read(&[("loai", "bai-viet"), ("bai", "a-b")]).unwrap();
        assert_eq!(c.kind, Kind::Card("a-b".into()));
        let l = read(&[("loai", "lien-ket"), ("tab-moi", "khong")]).unwrap();
        assert_eq!(
            (l.data_path().as_str(), l.new_tab, l.thumbs()),
            ("site.json", false, false)
        );
    }

    #[test]
    fn counts_are_clamped_and_garbage_is_refused() {
        assert_eq!(read(&[("so-tin", "50")]).unwrap().count, MAX_COUNT);
        assert_eq!(read(&[("so-tin", "0")]).unwrap().count, 1);
        assert!(read(&[("so-tin", "năm")]).unwrap_err().contains("so-tin"));
    }

    #[test]
    fn bad_attributes_get_vietnamese_errors() {
        assert!(read(&[("loai", "tat-ca")])
            .unwrap_err()
            .contains("Không có loại tin"));
        assert!(read(&[("loai", "chuyen-muc")])
            .unwrap_err()
            .contains("Thiếu thuộc tính muc"));
        assert!(read(&[("loai", "the"), ("muc", "../x")])
            .unwrap_err()
            .contains("không hợp lệ"));
        assert!(read(&[("loai", "lien-quan")]).unwrap_err().contains("bai"));
        assert!(read(&[("kieu", "to")]).unwrap_err().contains("kieu"));
        assert!(read(&[("giao-dien", "xanh")])
            .unwrap_err()
            .contains("giao-dien"));
    }

    #[test]
    fn heights_follow_the_rows() {
        let thumbs = read(&[("so-tin", "5")]).unwrap();
        assert_eq!(thumbs.height(5), 40 + 5 * 76 + 36 + 2);
        let compact = read(&[("kieu", "gon")]).unwrap();
        assert_eq!(compact.height(2), 40 + 2 * 48 + 36 + 2);
        let links = read(&[("loai", "lien-ket")]).unwrap();
        assert_eq!(links.height(1), 40 + 48 + 36 + 2);
        let card = read(&[("loai", "bai-viet"), ("bai", "x")]).unwrap();
        assert_eq!(card.height(9), 126);
    }

    #[test]
    fn resolves_site_paths_under_the_root_and_refuses_unsafe_ones() {
        let root = "https://cong.example.vn/tin-tuc/";
        assert_eq!(
            resolve(root, "/anh/a.svg").as_deref(),
            Some("https://cong.example.vn/tin-tuc/anh/a.svg")
        );
        assert_eq!(
            resolve(root, "bai-viet/x").as_deref(),
            Some("https://cong.example.vn/tin-tuc/bai-viet/x")
        );
        assert_eq!(
            resolve(root, "https://chinhphu.vn/").as_deref(),
            Some("https://chinhphu.vn/")
        );
        assert_eq!(resolve(root, "javascript:alert(1)"), None);
        assert_eq!(resolve(root, " JaVa\tScRiPt:x"), None);
        assert_eq!(resolve(root, "data:text/html,x"), None);
        // Found by fuzzing: control characters inside the scheme made this look
        // external, but a browser reads it as a path relative to the host page.
        assert_eq!(resolve(root, "ht\0\0\0tps://&#106;a.vn/x"), None);
        assert_eq!(resolve(root, "javascript&#58;alert(1)"), None);
        assert_eq!(resolve(root, "htt\u{a0}ps://a.vn/x"), None);
    }
}
