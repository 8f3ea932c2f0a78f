//! `[brand]` in `site.toml`: the portal's colours and logo, turned into the
//! site's CSS custom properties by the build (no trunk build, no change under
//! `style/`), checked for WCAG AA contrast first.
//!
//! ```toml
//! [brand]
//! logo = "/anh/bieu-trung.svg"   # SVG or PNG of anh/: header, icons, share cards
//! primary = "#9f1c1c"            # the header, buttons, links
//! accent = "#7a1414"             # the rule under the header, the cards' band
//! header_text = "#ffffff"        # text on the primary colour
//! ```
//!
//! Every text/background pair the colours make is checked (see [`pairs`]); a
//! brand below AA is refused on its `site.toml` line, with the pair, its
//! ratio and the nearest colour of the same hue that passes.

use crate::tomlx::{At, Fields};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// `#rrggbb` or `#rgb`, any case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        match hex.len() {
            3 => Some(Rgb([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
            }
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// WCAG 2.1 relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0[0]) + 0.7152 * lin(self.0[1]) + 0.0722 * lin(self.0[2])
    }

    /// Each channel times `factor` (darker below 1).
    pub fn scaled(self, factor: f64) -> Rgb {
        Rgb(self
            .0
            .map(|c| (f64::from(c) * factor).round().clamp(0.0, 255.0) as u8))
    }

    fn hsl(self) -> (f64, f64, f64) {
        let [r, g, b] = self.0.map(|c| f64::from(c) / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        if max == min {
            return (0.0, 0.0, l);
        }
        let d = max - min;
        let s = if l > 0.5 {
            d / (2.0 - max - min)
        } else {
            d / (max + min)
        };
        let h = if max == r {
            (g - b) / d + if g < b { 6.0 } else { 0.0 }
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        } / 6.0;
        (h, s, l)
    }

    fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
        if s == 0.0 {
            let v = (l * 255.0).round() as u8;
            return Rgb([v, v, v]);
        }
        let q = if l < 0.5 {
            l * (1.0 + s)
        } else {
            l + s - l * s
        };
        let p = 2.0 * l - q;
        let channel = |t: f64| {
            let t = t.rem_euclid(1.0);
            let v = if t < 1.0 / 6.0 {
                p + (q - p) * 6.0 * t
            } else if t < 0.5 {
                q
            } else if t < 2.0 / 3.0 {
                p + (q - p) * (2.0 / 3.0 - t) * 6.0
            } else {
                p
            };
            (v * 255.0).round().clamp(0.0, 255.0) as u8
        };
        Rgb([channel(h + 1.0 / 3.0), channel(h), channel(h - 1.0 / 3.0)])
    }

    /// This colour with its HSL lightness set to `l` (hue and saturation kept).
    fn with_lightness(self, l: f64) -> Rgb {
        let (h, s, _) = self.hsl();
        Rgb::from_hsl(h, s, l.clamp(0.0, 1.0))
    }
}

/// The WCAG 2.1 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG AA for normal text.
pub const AA: f64 = 4.5;
/// The page's background (`--bt-bg`).
pub const PAGE: Rgb = Rgb([0xff, 0xff, 0xff]);
/// The soft background of boxes (`--bt-soft`), where links also sit.
pub const SOFT: Rgb = Rgb([0xf5, 0xf3, 0xef]);
/// How much darker the strong variant of the primary colour is (menus, hover).
const DARKER: f64 = 0.77;

/// The dark theme's page (`--bt-bg` under `[data-theme="dark"]`).
pub const DARK_PAGE: Rgb = Rgb([0x17, 0x18, 0x1a]);
/// The dark theme's boxes (`--bt-soft` under `[data-theme="dark"]`).
pub const DARK_SOFT: Rgb = Rgb([0x22, 0x24, 0x28]);

/// The primary colour of the stylesheet (`style/main.css`) and of the sample.
pub const DEFAULT_PRIMARY: Rgb = Rgb([0x9f, 0x1c, 0x1c]);
/// The accent colour of the stylesheet and of the sample.
pub const DEFAULT_ACCENT: Rgb = Rgb([0x7a, 0x14, 0x14]);
/// The header's text colour of the stylesheet and of the sample.
pub const DEFAULT_TEXT: Rgb = Rgb([0xff, 0xff, 0xff]);

/// The brand of a site.
#[derive(Debug, Clone, PartialEq)]
pub struct Brand {
    /// The header's background, buttons and links (`--bt-brand`).
    pub primary: Rgb,
    /// The rule under the header and the share cards' band (`--bt-accent`).
    pub accent: Rgb,
    /// Text on the primary colour (`--bt-on-brand`).
    pub header_text: Rgb,
    /// The logo's address (`/anh/…`) and its `site.toml` line.
    pub logo: Option<(String, usize)>,
    /// The banner for wide screens (`/anh/…`, any image) and its `site.toml` line.
    pub banner: Option<(String, usize)>,
    /// The headings' font (`heading_font`): a system stack, or files of `phong-chu/`.
    pub heading_font: Option<FontChoice>,
    /// The text's font (`body_font`).
    pub body_font: Option<FontChoice>,
    /// True when `site.toml` has a `[brand]` table (else the stylesheet's own colours hold).
    pub set: bool,
}

impl Default for Brand {
    fn default() -> Self {
        Brand {
            primary: DEFAULT_PRIMARY,
            accent: DEFAULT_ACCENT,
            header_text: DEFAULT_TEXT,
            logo: None,
            banner: None,
            heading_font: None,
            body_font: None,
            set: false,
        }
    }
}

impl Brand {
    /// The strong variant of the primary colour (menus, hover): `--bt-brand-dark`.
    pub fn primary_dark(&self) -> Rgb {
        self.primary.scaled(DARKER)
    }

    /// The links' colour on the dark theme's page (`--bt-link` there): the
    /// primary colour, its hue and saturation kept, made just light enough to
    /// read at AA on the dark page and on its boxes.
    pub fn dark_link(&self) -> Rgb {
        let (_, _, l) = self.primary.hsl();
        let passes = |c: Rgb| contrast(c, DARK_PAGE) >= AA && contrast(c, DARK_SOFT) >= AA;
        (0..=200)
            .map(|i| self.primary.with_lightness(l + f64::from(i) * 0.005))
            .find(|&c| passes(c))
            .unwrap_or(Rgb([0xff, 0xff, 0xff]))
    }
}

/// The keys of `[brand]`.
pub const KEYS: &[&str] = &[
    "logo",
    "banner",
    "primary",
    "accent",
    "header_text",
    "heading_font",
    "body_font",
];

/// A font of the brand, as `site.toml` names it.
#[derive(Debug, Clone, PartialEq)]
pub enum FontChoice {
    /// A system stack (`"system"` or `"serif"`: [`crate::fonts::stack`]).
    Stack(&'static str),
    /// Font files (`/phong-chu/…`, TrueType or OpenType), each with its line.
    Files(Vec<(String, usize)>),
}

/// Reads `key` (a font: a stack's name, or one or more font files).
fn font_choice(f: &Fields<'_, '_>, key: &str) -> Option<FontChoice> {
    let values = f.str_or_list(key);
    if values.is_empty() {
        return None;
    }
    if let [one] = values.as_slice() {
        if let Some(stack) = crate::fonts::stack(one.value.trim()) {
            return Some(FontChoice::Stack(stack));
        }
    }
    let prefix = format!("/{}/", crate::fonts::DIR);
    let mut files = Vec::new();
    for v in values {
        let src = v.value.trim().to_string();
        let lower = src.to_ascii_lowercase();
        let file = src.starts_with(&prefix)
            && !src.contains("..")
            && (lower.ends_with(".ttf") || lower.ends_with(".otf"));
        if file {
            files.push((src, v.line));
        } else {
            f.ctx().error_line(
                v.line,
                format!(
                    "[brand] {key}: “{src}” phải là \"system\", \"serif\" hoặc tệp phông chữ .ttf/.otf trong {}/ (dạng \"{prefix}ten-phong.ttf\")",
                    crate::fonts::DIR
                ),
            );
        }
    }
    (!files.is_empty()).then_some(FontChoice::Files(files))
}

/// Which colour of the brand a pair's failure is fixed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Primary,
    HeaderText,
}

/// Every text/background pair the brand produces: what it is, the text's
/// and the background's colour, and which key sets the text's colour.
fn pairs(b: &Brand) -> Vec<(&'static str, Rgb, Rgb, Key)> {
    vec![
        (
            "chữ đầu trang (header_text) trên màu chính (primary)",
            b.header_text,
            b.primary,
            Key::HeaderText,
        ),
        (
            "chữ trình đơn (header_text) trên màu chính đậm của trình đơn",
            b.header_text,
            b.primary_dark(),
            Key::HeaderText,
        ),
        (
            "liên kết (primary) trên nền trang",
            b.primary,
            PAGE,
            Key::Primary,
        ),
        (
            "liên kết (primary) trên nền hộp nhạt",
            b.primary,
            SOFT,
            Key::Primary,
        ),
        (
            "liên kết khi rê chuột (primary đậm) trên nền trang",
            b.primary_dark(),
            PAGE,
            Key::Primary,
        ),
        // The dark theme: its links are derived from the primary colour to pass
        // (Brand::dark_link); the header keeps the brand's colours in both themes.
        (
            "liên kết (giao diện tối) trên nền trang tối",
            b.dark_link(),
            DARK_PAGE,
            Key::Primary,
        ),
        (
            "liên kết (giao diện tối) trên nền hộp tối",
            b.dark_link(),
            DARK_SOFT,
            Key::Primary,
        ),
    ]
}

/// The pairs of `brand` below AA, as messages (with the nearest passing
/// colour), each with the key whose line it belongs on.
fn failures(brand: &Brand) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (what, fg, bg, key) in pairs(brand) {
        let ratio = contrast(fg, bg);
        if ratio >= AA {
            continue;
        }
        let (name, suggestion) = match key {
            Key::Primary => ("primary", nearest(brand, Key::Primary)),
            Key::HeaderText => ("header_text", nearest(brand, Key::HeaderText)),
        };
        let hint = match suggestion {
            Some(c) => format!("; màu gần nhất đạt chuẩn: {name} = \"{}\"", c.hex()),
            None => String::new(),
        };
        out.push((
            name,
            format!(
                "[brand] độ tương phản không đạt WCAG AA: {what}: {} trên {} là {:.2}:1, cần ít nhất {AA}:1{hint}",
                fg.hex(),
                bg.hex(),
                (ratio * 100.0).floor() / 100.0
            ),
        ));
    }
    out
}

/// The colour nearest to `key`'s (same hue and saturation, the least change
/// of lightness) with which every pair of that key passes.
fn nearest(brand: &Brand, key: Key) -> Option<Rgb> {
    let colour = match key {
        Key::Primary => brand.primary,
        Key::HeaderText => brand.header_text,
    };
    let (_, _, l) = colour.hsl();
    let passes = |c: Rgb| {
        let mut b = brand.clone();
        match key {
            Key::Primary => b.primary = c,
            Key::HeaderText => b.header_text = c,
        }
        pairs(&b)
            .iter()
            .filter(|p| p.3 == key)
            .all(|(_, fg, bg, _)| contrast(*fg, *bg) >= AA)
    };
    // Steps of 0.5 % lightness, both ways; the first that passes is the nearest.
    (1..=200).find_map(|i| {
        let d = f64::from(i) * 0.005;
        [l - d, l + d]
            .into_iter()
            .filter(|x| (0.0..=1.0).contains(x))
            .map(|x| colour.with_lightness(x))
            .find(|&c| passes(c))
    })
}

/// Reads the `[brand]` table (`fields`); errors go on their lines.
pub fn read(fields: Option<Fields<'_, '_>>) -> Brand {
    let Some(f) = fields else {
        return Brand::default();
    };
    let mut brand = Brand {
        set: true,
        ..Brand::default()
    };
    let mut lines = [f.line(); 2];
    let mut bad = false;
    let mut colour = |key: &str, slot: &mut Rgb| -> Option<usize> {
        let v: At<String> = f.str(key)?;
        match Rgb::parse(&v.value) {
            Some(c) => *slot = c,
            None => {
                bad = true;
                f.ctx().error_line(
                    v.line,
                    format!(
                        "[brand] {key}: “{}” không phải một màu (dùng dạng \"#9f1c1c\")",
                        v.value
                    ),
                )
            }
        }
        Some(v.line)
    };
    if let Some(l) = colour("primary", &mut brand.primary) {
        lines[0] = l;
    }
    colour("accent", &mut brand.accent);
    if let Some(l) = colour("header_text", &mut brand.header_text) {
        lines[1] = l;
    }
    if let Some(logo) = f.str("logo") {
        let src = logo.value.trim().to_string();
        let lower = src.to_ascii_lowercase();
        if !src.starts_with(crate::images::PREFIX)
            || !(lower.ends_with(".svg") || lower.ends_with(".png"))
        {
            f.ctx().error_line(
                logo.line,
                format!("[brand] logo: “{src}” phải là một tệp SVG hoặc PNG trong anh/ (dạng \"/anh/bieu-trung.svg\")"),
            );
        } else {
            brand.logo = Some((src, logo.line));
        }
    }
    if let Some(banner) = f.str("banner") {
        let src = banner.value.trim().to_string();
        if src.starts_with(crate::images::PREFIX) {
            brand.banner = Some((src, banner.line));
        } else {
            f.ctx().error_line(
                banner.line,
                format!("[brand] banner: “{src}” phải là một ảnh trong anh/ (dạng \"/anh/bang-ten.jpg\")"),
            );
        }
    }
    brand.heading_font = font_choice(&f, "heading_font");
    brand.body_font = font_choice(&f, "body_font");
    if !bad {
        for (key, message) in failures(&brand) {
            let line = if key == "primary" { lines[0] } else { lines[1] };
            f.ctx().error_line(line, message);
        }
    }
    brand
}

/// The brand's CSS: the custom properties of `style/main.css` with the
/// brand's colours, and the logo (its address and size in pixels) beside the
/// site's name in the header. Empty when `site.toml` sets no brand.
pub fn css(brand: &Brand, logo: Option<(&str, u32, u32)>, banner: Option<&Banner>) -> String {
    if !brand.set {
        return String::new();
    }
    let mut css = format!(
        ":root{{--bt-brand:{};--bt-brand-dark:{};--bt-on-brand:{};--bt-accent:{}}}\
         @media screen{{:root[data-theme=\"dark\"]{{--bt-link:{}}}}}",
        brand.primary.hex(),
        brand.primary_dark().hex(),
        brand.header_text.hex(),
        brand.accent.hex(),
        brand.dark_link().hex()
    );
    if let Some((url, w, h)) = logo {
        // Beside the name and tagline, 3rem high, its width by its ratio.
        let ratio = f64::from(w.max(1)) / f64::from(h.max(1));
        let width = (ratio * 3.0 * 100.0).round() / 100.0;
        let url = css_url(url);
        css.push_str(&format!(
            ".bt-header__brand{{display:grid;grid-template-columns:auto minmax(0,1fr);column-gap:.75rem;align-items:center}}\
             .bt-header__brand::before{{content:\"\";grid-row:1/span 2;width:{width}rem;height:3rem;background:url(\"{url}\") center/contain no-repeat}}"
        ));
    }
    if let Some(b) = banner {
        css.push_str(&banner_css(b));
    }
    css
}

/// `u` made safe inside `url("…")` in a stylesheet: no quote, backslash,
/// line break or parenthesis.
fn css_url(u: &str) -> String {
    u.replace(['"', '\\', '\n', '\r', '(', ')'], "")
}

/// The banner as the pages show it: its copy for wide screens (`jpg`/`png`, or
/// the SVG itself), the WebP copy when there is one, and its size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    /// The copy for browsers without WebP (or the SVG).
    pub url: String,
    /// The WebP copy of the same width, when the photo has copies.
    pub webp: Option<String>,
    /// The banner's width in pixels (its ratio sets its width in the header).
    pub width: u32,
    /// The banner's height in pixels.
    pub height: u32,
}

/// The banner's height in the header on wide screens, in rem (the header's
/// row is 4.5rem high with its padding).
const BANNER_REM: f64 = 4.0;

/// The banner's CSS: on wide screens (900 px and more) it takes the place of
/// the logo, the site's name and tagline, which stay the link's text for
/// screen readers and search engines (a banner shows the name in the
/// portal's own lettering: a logotype). Phones keep the logo and the name.
fn banner_css(b: &Banner) -> String {
    let ratio = f64::from(b.width.max(1)) / f64::from(b.height.max(1));
    let width = (ratio * BANNER_REM * 100.0).round() / 100.0;
    let mut image = format!("background-image:url(\"{}\");", css_url(&b.url));
    if let Some(webp) = &b.webp {
        // Browsers without image-set() types keep the declaration before.
        image.push_str(&format!(
            "background-image:image-set(url(\"{}\") type(\"image/webp\"),url(\"{}\"));",
            css_url(webp),
            css_url(&b.url)
        ));
    }
    format!(
        "@media (min-width:900px){{.bt-header__brand{{display:block;flex:0 1 {width}rem;height:{BANNER_REM}rem;{image}background-position:left center;background-size:contain;background-repeat:no-repeat}}\
         .bt-header__brand::before{{display:none}}\
         .bt-header__brand>span{{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}}}}"
    )
}

/// The logo file at `path` read for drawing (icons, share cards): SVG text,
/// or a raster's bytes.
pub fn read_logo(path: &std::path::Path) -> Result<crate::cards::Logo, String> {
    let svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let read = if svg {
        std::fs::read_to_string(path).map(crate::cards::Logo::Svg)
    } else {
        std::fs::read(path).map(crate::cards::Logo::Raster)
    };
    read.map_err(|e| format!("không đọc được {}: {e}", path.display()))
}

/// The `<style>` element of `css`, for the pages' `<head>` (empty when `css` is).
pub fn style_element(css: &str) -> String {
    if css.is_empty() {
        String::new()
    } else {
        format!("<style id=\"bt-brand\">{css}</style>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tomlx::Ctx;

    fn brand_of(toml: &str) -> Result<Brand, Vec<crate::diag::Diagnostic>> {
        let ctx = Ctx::new("site.toml", toml, 0);
        let doc = ctx.parse(toml).expect("valid TOML");
        let top = Fields::new(&ctx, doc.get_ref(), &(0..0), &["brand"], "");
        let brand = read(top.table("brand", KEYS));
        if ctx.has_errors() {
            Err(ctx.into_errors())
        } else {
            Ok(brand)
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast(Rgb([0, 0, 0]), Rgb([255, 255, 255])) - 21.0).abs() < 1e-9);
        // The sample's red on white.
        let r = contrast(DEFAULT_PRIMARY, PAGE);
        assert!((7.85..7.95).contains(&r), "{r}");
        assert_eq!(Rgb::parse("#ABC"), Some(Rgb([0xaa, 0xbb, 0xcc])));
        assert_eq!(Rgb::parse("#9f1c1c").unwrap().hex(), "#9f1c1c");
        for bad in ["9f1c1c", "#12345", "#gggggg", "red", "#1234567"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        // HSL round trip.
        for c in [DEFAULT_PRIMARY, Rgb([0x1d, 0x4e, 0xd8]), Rgb([12, 200, 99])] {
            let (h, s, l) = c.hsl();
            let back = Rgb::from_hsl(h, s, l);
            assert!(
                c.0.iter().zip(back.0).all(|(a, b)| a.abs_diff(b) <= 1),
                "{c:?} {back:?}"
            );
        }
    }

    /// The stylesheet's dark theme is the one the build checks: its page and
    /// box colours, and its link colour is the default brand's derived one.
    #[test]
    fn the_stylesheets_dark_theme_is_the_checked_one() {
        let css = include_str!("../../../style/main.css");
        let start = css
            .find(":root[data-theme=\"dark\"] {")
            .expect("dark block");
        let block = &css[start..start + css[start..].find('}').unwrap()];
        let value = |name: &str| {
            let at = block
                .find(&format!("{name}:"))
                .unwrap_or_else(|| panic!("{name}"));
            let rest = block[at + name.len() + 1..].trim_start();
            Rgb::parse(&rest[..rest.find(';').unwrap()]).unwrap_or_else(|| panic!("{name}"))
        };
        assert_eq!(value("--bt-bg"), DARK_PAGE);
        assert_eq!(value("--bt-soft"), DARK_SOFT);
        let link = Brand::default().dark_link();
        assert_eq!(
            value("--bt-link"),
            link,
            "main.css should say {}",
            link.hex()
        );
        assert!(contrast(link, DARK_SOFT) >= AA);
        // Every text colour of the dark theme reads at AA on its page and boxes.
        for name in [
            "--bt-ink",
            "--bt-ink-soft",
            "--bt-muted",
            "--bt-fb",
            "--bt-zalo",
            "--bt-link-hover",
        ] {
            for bg in [
                DARK_PAGE,
                DARK_SOFT,
                value("--bt-field"),
                value("--bt-stripe"),
            ] {
                let r = contrast(value(name), bg);
                assert!(r >= AA, "{name} on {}: {r:.2}", bg.hex());
            }
        }
    }

    #[test]
    fn the_sample_brand_passes_and_makes_its_properties() {
        let b = brand_of(
            "[brand]\nprimary = \"#9f1c1c\"\naccent = \"#7a1414\"\nheader_text = \"#fff\"\n",
        )
        .unwrap();
        assert!(b.set);
        assert_eq!(b.primary_dark().hex(), "#7a1616");
        assert_eq!(
            css(&b, None, None),
            format!(
                ":root{{--bt-brand:#9f1c1c;--bt-brand-dark:#7a1616;--bt-on-brand:#ffffff;--bt-accent:#7a1414}}\
                 @media screen{{:root[data-theme=\"dark\"]{{--bt-link:{}}}}}",
                b.dark_link().hex()
            )
        );
        let with_logo = css(&b, Some(("/anh/logo.svg", 200, 100)), None);
        assert!(
            with_logo.contains("width:6rem;height:3rem;background:url(\"/anh/logo.svg\")"),
            "{with_logo}"
        );
        // No table: the stylesheet's own colours, no CSS.
        let none = brand_of("").unwrap();
        assert!(!none.set && css(&none, None, None).is_empty());
    }

    #[test]
    fn low_contrast_is_refused_on_its_line_with_a_passing_colour() {
        let toml = "[brand]\nprimary = \"#e57373\"\nheader_text = \"#ffffff\"\n";
        let errors = brand_of(toml).unwrap_err();
        let primary: Vec<_> = errors.iter().filter(|e| e.line == 2).collect();
        assert!(!primary.is_empty(), "{errors:?}");
        let text = primary[0].to_string();
        assert!(text.starts_with("site.toml:2: "), "{text}");
        assert!(
            text.contains("liên kết (primary) trên nền trang: #e57373 trên #ffffff"),
            "{text}"
        );
        assert!(text.contains("cần ít nhất 4.5:1"), "{text}");
        // The suggestion passes every pair, and is of the same hue.
        let hex = text
            .rsplit("primary = \"")
            .next()
            .unwrap()
            .trim_end_matches('"');
        let fixed = Rgb::parse(hex).unwrap();
        let again = format!(
            "[brand]\nprimary = \"{}\"\nheader_text = \"#ffffff\"\n",
            fixed.hex()
        );
        assert!(brand_of(&again).is_ok(), "{again}");
        let (h0, _, _) = Rgb::parse("#e57373").unwrap().hsl();
        let (h1, _, _) = fixed.hsl();
        assert!((h0 - h1).abs() < 0.02);

        // Grey text on the red header: fixed in header_text, on its line.
        let toml = "[brand]\nprimary = \"#9f1c1c\"\nheader_text = \"#c0a0a0\"\n";
        let errors = brand_of(toml).unwrap_err();
        assert!(errors.iter().all(|e| e.line == 3), "{errors:?}");
        let text = errors[0].to_string();
        assert!(
            text.contains("chữ đầu trang (header_text) trên màu chính (primary)"),
            "{text}"
        );
        assert!(text.contains("header_text = \"#"), "{text}");
    }

    #[test]
    fn bad_values_are_errors_on_their_lines() {
        let errors = brand_of("[brand]\nprimary = \"đỏ\"\nlogo = \"logo.gif\"\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3], "{errors:?}");
        let errors = brand_of("[brand]\ncolour = \"#fff\"\n").unwrap_err();
        assert_eq!(errors[0].line, 2, "{errors:?}");
    }
}
