//! Share cards: every page's `og:image` and `twitter:image`, a raster of
//! [`WIDTH`] × [`HEIGHT`] that Facebook, Zalo and X show (they show nothing
//! for an SVG).
//!
//! - A page whose cover is one of the site's photos gets the photo cut to the
//!   card's shape around its centre (JPEG).
//! - A page whose cover is one of the site's SVG images gets it rasterised,
//!   cut the same way (JPEG).
//! - Any other page (home, listings, pages, documents, articles without a
//!   cover or with a cover on another site) gets a card drawn here: the
//!   brand's colours, its logo, the site's name and the page's title, in Be
//!   Vietnam Pro (embedded, see `fonts/README.md`), shaped by rustybuzz through
//!   resvg, so every Vietnamese letter and tone mark is right (PNG: sharp text).
//!   The title is never cut: it wraps, and a long one is set smaller.
//!
//! A card's file name is the hash of everything that draws it, so a page
//! names its card before the card exists, identical cards are one file, and
//! a card is drawn once: kept in a cache folder beside the photos' (see
//! [`crate::photos::default_cache_dir`]) and, in an output folder that has a
//! manifest, not written again while its name stays.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use bantin_contract::Image;
use image::{DynamicImage, ImageFormat};
use rayon::prelude::*;
use resvg::tiny_skia::{Color, Pixmap, PixmapPaint, Transform};
use resvg::usvg;

use crate::output::Writer;
use crate::pages::escape_attr;

/// Width of a card, in pixels.
pub const WIDTH: u32 = 1200;
/// Height of a card, in pixels (1.91:1, the ratio Facebook and X crop to).
pub const HEIGHT: u32 = 630;
/// The output folder of the cards (never a route of the site).
pub const FOLDER: &str = "chia-se";
/// Changes whenever a card would come out differently: part of every name.
const PIPELINE: &str =
    "bantin-cards 2: 1200x630 jpeg82..54<280k png-indexed-fast; be-vietnam-pro 700/500; logo plate";
/// JPEG qualities of photo and picture cards: the first whose file is under [`MAX_BYTES`].
const JPEG_QUALITIES: [u8; 5] = [82, 76, 70, 62, 54];
/// Largest card file: Facebook and X take images up to a few megabytes, but a
/// card is fetched for every share, and Zalo's previews are slow above this.
pub const MAX_BYTES: usize = 280 * 1024;

const FONT_BOLD: &[u8] = include_bytes!("../fonts/BeVietnamPro-Bold.ttf");
const FONT_MEDIUM: &[u8] = include_bytes!("../fonts/BeVietnamPro-Medium.ttf");
const FAMILY: &str = "Be Vietnam Pro";

// The drawn card's layout, in pixels.
const MARGIN: f32 = 72.0;
const LOGO: f32 = 88.0;
/// The white plate's margin around the logo.
const PAD: f32 = 8.0;
const TOP: f32 = 64.0;
/// The title's box: from under the logo to above the address line.
const TITLE_TOP: f32 = 206.0;
const TITLE_BOTTOM: f32 = 528.0;
/// Title sizes tried, largest first; the smallest wraps onto as many lines as it needs.
const TITLE_SIZES: [f32; 7] = [64.0, 58.0, 52.0, 46.0, 42.0, 38.0, 34.0];
const LINE_HEIGHT: f32 = 1.28;

/// A logo for the drawn cards.
#[derive(Debug, Clone, PartialEq)]
pub enum Logo {
    /// SVG text.
    Svg(String),
    /// PNG (or JPEG, WebP) bytes.
    Raster(Vec<u8>),
}

/// How the drawn cards look: the brand's colours and logo, the site's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// The card's background (the brand's primary colour), `#rrggbb`.
    pub background: String,
    /// The band along the card's foot (the brand's accent colour), `#rrggbb`.
    pub accent: String,
    /// The text's colour (the header's text colour), `#rrggbb`.
    pub text: String,
    /// The logo, drawn at the top left; none: no logo.
    pub logo: Option<Logo>,
    /// The site's name, beside the logo.
    pub site_name: String,
    /// The site's host name, at the foot (`hoalam.gov.vn`); empty: none.
    pub host: String,
}

impl Look {
    fn key(&self) -> String {
        let logo = match &self.logo {
            None => 0,
            Some(Logo::Svg(s)) => xxhash_rust::xxh3::xxh3_128(s.as_bytes()),
            Some(Logo::Raster(b)) => xxhash_rust::xxh3::xxh3_128(b),
        };
        format!(
            "{}\0{}\0{}\0{logo:x}\0{}\0{}",
            self.background, self.accent, self.text, self.site_name, self.host
        )
    }
}

impl Look {
    /// A card of the default colours, without words or logo.
    fn plain() -> Look {
        let b = crate::brand::Brand::default();
        Look {
            background: b.primary.hex(),
            accent: b.accent.hex(),
            text: b.header_text.hex(),
            logo: None,
            site_name: String::new(),
            host: String::new(),
        }
    }

    /// The look of a site's drawn cards: the brand's colours and logo (else
    /// the icon, `public/favicon.svg`), the site's name and host.
    pub fn of_site(
        site: &bantin_contract::SiteSettings,
        brand: &crate::brand::Brand,
        logo: Option<Logo>,
    ) -> Look {
        let host = site
            .base_url
            .as_deref()
            .and_then(|u| u.split_once("://"))
            .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default())
            .unwrap_or_default()
            .to_string();
        Look {
            background: brand.primary.hex(),
            accent: brand.accent.hex(),
            text: brand.header_text.hex(),
            logo: Some(logo.unwrap_or_else(|| Logo::Svg(crate::offline::FAVICON.to_string()))),
            site_name: site.name.clone(),
            host,
        }
    }
}

/// What a card is made from.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// A raster file (a photo's widest copy), cut to the card's shape.
    Raster(PathBuf),
    /// An SVG file, rasterised and cut to the card's shape.
    Svg(PathBuf),
    /// A title, drawn with a [`Look`].
    Title(String, Arc<Look>),
}

/// The cards of a build: each page asks for its card ([`Cards::card`]) and
/// gets its path at once; [`Cards::write`] then draws the ones not drawn before.
pub struct Cards {
    /// The content's `anh/` folder (SVG covers are read there).
    anh: PathBuf,
    /// A photo's copies' stem (`/anh/x.0123456789`) to its widest copy and its content key.
    photos: HashMap<String, (PathBuf, String)>,
    /// An SVG's hash by path (read once).
    svgs: Mutex<HashMap<PathBuf, Option<String>>>,
    /// Every card asked for: its file name, what it is made from.
    wanted: Mutex<BTreeMap<String, Source>>,
    /// Where drawn cards are kept between builds.
    cache: PathBuf,
    /// Each look's key (a site and its sections have a few), made once rather
    /// than for each of tens of thousands of cards.
    look_keys: Mutex<Vec<(Arc<Look>, Arc<str>)>>,
}

impl Cards {
    /// The cards of a site whose photos (processed, see [`crate::photos`])
    /// and SVG images are in `anh`; drawn cards are kept in `cache`.
    pub fn new(anh: &Path, photos: &crate::photos::Photos, cache: &Path) -> Cards {
        let photos = photos
            .by_path
            .iter()
            .filter_map(|(rel, r)| r.as_ref().ok().map(|p| (rel, p)))
            .map(|(rel, p)| {
                let widest = p.widths.last().copied().unwrap_or(p.width);
                (
                    crate::photos::Photos::stem(rel, p),
                    (photos.copy(p, widest), p.key.clone()),
                )
            })
            .collect();
        Cards {
            anh: anh.to_path_buf(),
            photos,
            svgs: Mutex::new(HashMap::new()),
            wanted: Mutex::new(BTreeMap::new()),
            cache: cache.to_path_buf(),
            look_keys: Mutex::new(Vec::new()),
        }
    }

    /// The card of a page titled `title` whose cover (if any) is `image`,
    /// drawn with `look` when it has no cover: its path from the site's root
    /// (`chia-se/<hash>.jpg`). The card is drawn by [`Cards::write`].
    pub fn card(&self, look: &Arc<Look>, image: Option<&Image>, title: &str) -> String {
        let (source, key) = self.source(look, image, title);
        let ext = match source {
            Source::Title(..) => "png",
            _ => "jpg",
        };
        let hash = xxhash_rust::xxh3::xxh3_128(format!("{PIPELINE}\0{key}").as_bytes());
        let name = format!("{FOLDER}/{:024x}.{ext}", hash >> 32);
        self.wanted
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(name.clone())
            .or_insert(source);
        name
    }

    /// [`Look::key`] of `look`, made once.
    fn look_key(&self, look: &Arc<Look>) -> Arc<str> {
        let mut keys = self.look_keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, key)) = keys.iter().find(|(l, _)| Arc::ptr_eq(l, look)) {
            return key.clone();
        }
        let key: Arc<str> = look.key().into();
        keys.push((look.clone(), key.clone()));
        key
    }

    /// What the card of `image` and `title` is made from, and the key of its inputs.
    fn source(&self, look: &Arc<Look>, image: Option<&Image>, title: &str) -> (Source, String) {
        if let Some(image) = image {
            if let Some(r) = &image.resized {
                if let Some((path, key)) = self.photos.get(&r.stem) {
                    return (Source::Raster(path.clone()), format!("photo\0{key}"));
                }
            }
            let svg = image
                .src
                .strip_prefix(crate::images::PREFIX)
                .filter(|rel| rel.to_ascii_lowercase().ends_with(".svg"));
            if let Some(rel) = svg {
                let path = self.anh.join(rel);
                let hash = self
                    .svgs
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .entry(path.clone())
                    .or_insert_with(|| {
                        fs::read(&path)
                            .ok()
                            .map(|b| format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&b)))
                    })
                    .clone();
                if let Some(h) = hash {
                    return (Source::Svg(path), format!("svg\0{h}"));
                }
            }
        }
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = format!("title\0{}\0{title}", self.look_key(look));
        (Source::Title(title, look.clone()), key)
    }

    /// How many cards were asked for.
    pub fn len(&self) -> usize {
        self.wanted.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// True when no card was asked for.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Produces every card asked for through `writer` (at the site's root);
    /// returns how many were drawn by this call (the others were in the
    /// output or the cache). A card that cannot be drawn (an unreadable
    /// cover) is drawn from its title instead, with a warning.
    pub fn write(&self, writer: &Writer) -> io::Result<Written> {
        let wanted = std::mem::take(&mut *self.wanted.lock().unwrap_or_else(|p| p.into_inner()));
        fs::create_dir_all(&self.cache)?;
        let drawn = AtomicUsize::new(0);
        let warnings = Mutex::new(Vec::new());
        let jobs: Vec<(&String, &Source)> = wanted.iter().collect();
        jobs.par_iter()
            .map(|(name, source)| -> io::Result<()> {
                let inputs = xxhash_rust::xxh3::xxh3_128(name.as_bytes());
                writer.write_made(name, inputs, || {
                    let cached = self
                        .cache
                        .join(name.trim_start_matches(&format!("{FOLDER}/")));
                    if let Ok(bytes) = fs::read(&cached) {
                        return Ok(bytes);
                    }
                    let bytes = match draw(source) {
                        Ok(b) => b,
                        Err(e) => {
                            warnings
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .push(format!("{name}: {e}"));
                            // A plain card of the site's colour: the look is not known here.
                            let plain = Arc::new(Look::plain());
                            draw(&Source::Title(String::new(), plain)).map_err(io::Error::other)?
                        }
                    };
                    drawn.fetch_add(1, Ordering::Relaxed);
                    // Whole or absent: written aside, then renamed.
                    let tmp = cached.with_extension(format!("tmp-{}", std::process::id()));
                    if fs::write(&tmp, &bytes).is_ok() && fs::rename(&tmp, &cached).is_err() {
                        let _ = fs::remove_file(&tmp);
                    }
                    Ok(bytes)
                })
            })
            .collect::<io::Result<Vec<()>>>()?;
        Ok(Written {
            cards: wanted.len(),
            drawn: drawn.into_inner(),
            warnings: warnings.into_inner().unwrap_or_else(|p| p.into_inner()),
        })
    }
}

/// What [`Cards::write`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Cards in the output.
    pub cards: usize,
    /// Cards drawn by this build (not found in the output or the cache).
    pub drawn: usize,
    /// Covers that could not be made into a card (drawn from the title instead).
    pub warnings: Vec<String>,
}

/// Where drawn cards are kept between builds: a folder of the photos' cache
/// (whose own entries are named by 32 hex digits).
pub fn default_cache_dir() -> PathBuf {
    crate::photos::default_cache_dir().join(FOLDER)
}

/// The card made from `source`, encoded.
fn draw(source: &Source) -> Result<Vec<u8>, String> {
    match source {
        Source::Raster(path) => {
            let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let img = crate::photos::decode(&bytes)?;
            jpeg(&cover(&img))
        }
        Source::Svg(path) => {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let img = rasterise_cover(&text)?;
            jpeg(&img)
        }
        Source::Title(title, look) => {
            let pixmap = title_card(title, look)?;
            match indexed_png(&pixmap)? {
                Some(bytes) => Ok(bytes),
                None => png(&pixmap_image(&pixmap)?),
            }
        }
    }
}

/// An opaque pixmap of at most 256 colours (a drawn card: two colours and
/// the edges between them, about 80) as an indexed PNG at fast compression:
/// smaller than RGB at the default compression, in a fifth of its time.
/// `None` when it has more colours (a photographic logo).
fn indexed_png(pixmap: &Pixmap) -> Result<Option<Vec<u8>>, String> {
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut index: HashMap<[u8; 3], u8> = HashMap::new();
    let mut data = Vec::with_capacity(pixmap.data().len() / 4);
    // Runs of one colour are long: look the colour up only when it changes.
    let mut last: Option<([u8; 3], u8)> = None;
    for px in pixmap.data().chunks_exact(4) {
        let c = [px[0], px[1], px[2]];
        let n = match last {
            Some((l, n)) if l == c => n,
            _ => {
                let n = match index.get(&c) {
                    Some(&n) => n,
                    None if palette.len() < 256 => {
                        palette.push(c);
                        let n = (palette.len() - 1) as u8;
                        index.insert(c, n);
                        n
                    }
                    None => return Ok(None),
                };
                last = Some((c, n));
                n
            }
        };
        data.push(n);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette.concat());
    encoder.set_compression(png::Compression::Fast);
    let fail = |e: png::EncodingError| format!("không mã hóa được ảnh PNG: {e}");
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&data).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(Some(out))
}

/// An opaque card of many colours as PNG: RGB at the default compression (a
/// quarter of tiny-skia's RGBA at fast settings, as small as the best
/// compression in half its time).
fn png(img: &DynamicImage) -> Result<Vec<u8>, String> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive);
    image::ImageEncoder::write_image(
        encoder,
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        image::ExtendedColorType::Rgb8,
    )
    .map_err(|e| format!("không mã hóa được ảnh PNG: {e}"))?;
    Ok(out)
}

/// `img` as JPEG at the best of [`JPEG_QUALITIES`] that stays under [`MAX_BYTES`].
fn jpeg(img: &DynamicImage) -> Result<Vec<u8>, String> {
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    for q in JPEG_QUALITIES {
        out.clear();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, q)
            .encode_image(&rgb)
            .map_err(|e| format!("không mã hóa được ảnh JPEG: {e}"))?;
        if out.len() <= MAX_BYTES {
            break;
        }
    }
    Ok(out)
}

/// `img` scaled to cover the card and cut around its centre.
fn cover(img: &DynamicImage) -> DynamicImage {
    let (w, h) = (img.width().max(1), img.height().max(1));
    let scale = (WIDTH as f32 / w as f32).max(HEIGHT as f32 / h as f32);
    let (sw, sh) = (
        ((w as f32 * scale).round() as u32).max(WIDTH),
        ((h as f32 * scale).round() as u32).max(HEIGHT),
    );
    let scaled = img.resize_exact(sw, sh, image::imageops::FilterType::Lanczos3);
    scaled.crop_imm((sw - WIDTH) / 2, (sh - HEIGHT) / 2, WIDTH, HEIGHT)
}

/// The fonts the cards are drawn with: the embedded ones, then the system's
/// for letters they lack (another script's, say).
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BOLD.to_vec());
        db.load_font_data(FONT_MEDIUM.to_vec());
        db.load_system_fonts();
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: fonts(),
        font_family: FAMILY.to_string(),
        ..usvg::Options::default()
    }
}

/// An SVG cover rasterised to cover the card, cut around its centre, on white.
fn rasterise_cover(text: &str) -> Result<DynamicImage, String> {
    let tree =
        usvg::Tree::from_str(text, &options()).map_err(|e| format!("SVG không hợp lệ: {e}"))?;
    let size = tree.size();
    let scale = (WIDTH as f32 / size.width()).max(HEIGHT as f32 / size.height());
    let dx = (WIDTH as f32 - size.width() * scale) / 2.0;
    let dy = (HEIGHT as f32 - size.height() * scale) / 2.0;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("the card's size is not empty");
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_row(scale, 0.0, 0.0, scale, dx, dy),
        &mut pixmap.as_mut(),
    );
    pixmap_image(&pixmap)
}

fn pixmap_image(pixmap: &Pixmap) -> Result<DynamicImage, String> {
    // Opaque: premultiplied and straight colours are the same.
    image::RgbaImage::from_raw(pixmap.width(), pixmap.height(), pixmap.data().to_vec())
        .map(DynamicImage::ImageRgba8)
        .ok_or_else(|| "ảnh không đúng kích thước".to_string())
}

/// The advance widths of the embedded fonts, to wrap titles before shaping.
struct Metrics {
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn bold() -> &'static Metrics {
        static M: OnceLock<Metrics> = OnceLock::new();
        M.get_or_init(|| Metrics {
            face: ttf_parser::Face::parse(FONT_BOLD, 0).expect("the embedded font parses"),
        })
    }

    fn medium() -> &'static Metrics {
        static M: OnceLock<Metrics> = OnceLock::new();
        M.get_or_init(|| Metrics {
            face: ttf_parser::Face::parse(FONT_MEDIUM, 0).expect("the embedded font parses"),
        })
    }

    /// The width of `text` set at `size` pixels (a letter the font lacks
    /// counts as wide as an "M", as another font will draw it).
    fn width(&self, text: &str, size: f32) -> f32 {
        let em = f32::from(self.face.units_per_em());
        let m = self
            .face
            .glyph_index('M')
            .and_then(|g| self.face.glyph_hor_advance(g))
            .unwrap_or(800);
        let units: u32 = text
            .chars()
            .map(|c| match self.face.glyph_index(c) {
                Some(g) => u32::from(self.face.glyph_hor_advance(g).unwrap_or(0)),
                // Combining marks the font lacks take no width.
                None if is_mark(c) => 0,
                None => u32::from(m),
            })
            .sum();
        units as f32 * size / em
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// `text` broken into lines of at most `width` pixels at `size` (a word longer
/// than a line is broken between letters).
fn wrap(text: &str, metrics: &Metrics, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if metrics.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if metrics.width(word, size) <= width {
            line = word.to_string();
            continue;
        }
        // A word wider than the line: as many letters (with their marks) as fit.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && !is_mark(c) && metrics.width(&next, size) > width {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The title's size and lines: the largest size whose lines fit the title's
/// box; at the smallest, the lines it takes (the box grows upwards into the
/// space under the logo, so nothing is ever cut).
fn title_lines(title: &str) -> (f32, Vec<String>) {
    let width = WIDTH as f32 - 2.0 * MARGIN;
    let metrics = Metrics::bold();
    for size in TITLE_SIZES {
        let lines = wrap(title, metrics, size, width);
        if lines.len() as f32 * size * LINE_HEIGHT <= TITLE_BOTTOM - TITLE_TOP {
            return (size, lines);
        }
    }
    let size = TITLE_SIZES[TITLE_SIZES.len() - 1];
    let lines = wrap(title, metrics, size, width);
    // What still does not fit at the smallest size gets smaller still.
    let room = TITLE_BOTTOM - TOP - LOGO * 0.5;
    let mut size = size;
    let mut lines = lines;
    while lines.len() as f32 * size * LINE_HEIGHT > room && size > 12.0 {
        size -= 2.0;
        lines = wrap(title, metrics, size, width);
    }
    (size, lines)
}

/// A card drawn for `title` with `look`: the look's ground (drawn once per
/// look, see [`ground`]) with the title set on it.
fn title_card(title: &str, look: &Look) -> Result<Pixmap, String> {
    let (size, lines) = title_lines(title);
    let line = size * LINE_HEIGHT;
    // The title sits at the top of its box, and grows upwards into the
    // space under the logo when it is long.
    let block = lines.len() as f32 * line;
    let first = (TITLE_BOTTOM - block).min(TITLE_TOP) + size;
    let mut svg = svg_open();
    for (i, l) in lines.iter().enumerate() {
        svg_text(
            &mut svg,
            look,
            (MARGIN, first + i as f32 * line),
            700,
            size,
            1.0,
            l,
        );
    }
    svg.push_str("</svg>");
    let tree = usvg::Tree::from_str(&svg, &options()).map_err(|e| e.to_string())?;
    let mut pixmap = ground(look)?;
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    Ok(pixmap)
}

fn svg_open() -> String {
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    )
}

/// One line of text at `at` (its baseline's start).
fn svg_text(
    svg: &mut String,
    look: &Look,
    at: (f32, f32),
    weight: u16,
    size: f32,
    opacity: f32,
    text: &str,
) {
    svg.push_str(&format!(
        r#"<text x="{}" y="{:.1}" font-family="{FAMILY}" font-weight="{weight}" font-size="{size}" fill="{fill}" fill-opacity="{opacity}">{}</text>"#,
        at.0,
        at.1,
        escape_attr(text),
        fill = escape_attr(&look.text),
    ));
}

/// What every drawn card of `look` shares: its colours, the band, the logo,
/// the site's name and host. Drawn once per look and copied for each card.
fn ground(look: &Look) -> Result<Pixmap, String> {
    static GROUNDS: OnceLock<Mutex<HashMap<String, Pixmap>>> = OnceLock::new();
    let key = look.key();
    let grounds = GROUNDS.get_or_init(Default::default);
    if let Some(p) = grounds.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(p.clone());
    }
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    let name_x = if look.logo.is_some() {
        MARGIN + LOGO + PAD + 28.0
    } else {
        MARGIN
    };
    // The site's name beside the logo: on two lines at most, smaller when long.
    let name_room = w - MARGIN - name_x;
    let mut name_size = 34.0f32;
    let name_lines = loop {
        let l = wrap(&look.site_name, Metrics::medium(), name_size, name_room);
        if l.len() <= 2 || name_size <= 20.0 {
            break l;
        }
        name_size -= 2.0;
    };
    let name_block = name_lines.len() as f32 * name_size * 1.2;
    let name_first = TOP + LOGO / 2.0 - name_block / 2.0 + name_size * 0.95;
    let mut svg = svg_open();
    svg.push_str(&format!(
        r#"<rect width="{w}" height="{h}" fill="{bg}"/><rect y="{band}" width="{w}" height="14" fill="{accent}"/>"#,
        bg = escape_attr(&look.background),
        accent = escape_attr(&look.accent),
        band = h - 14.0,
    ));
    for (i, l) in name_lines.iter().enumerate() {
        let y = name_first + i as f32 * name_size * 1.2;
        svg_text(&mut svg, look, (name_x, y), 500, name_size, 0.92, l);
    }
    if !look.host.is_empty() {
        svg_text(
            &mut svg,
            look,
            (MARGIN, h - 44.0),
            500,
            26.0,
            0.85,
            &look.host,
        );
    }
    svg.push_str("</svg>");
    let tree = usvg::Tree::from_str(&svg, &options()).map_err(|e| e.to_string())?;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("the card's size is not empty");
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    if let Some(logo) = &look.logo {
        draw_logo(&mut pixmap, logo)?;
    }
    grounds
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key, pixmap.clone());
    Ok(pixmap)
}

/// The logo fitted in its square at the top left, on a white plate (a logo
/// is drawn for light backgrounds; the card's may be of its own colour).
fn draw_logo(pixmap: &mut Pixmap, logo: &Logo) -> Result<(), String> {
    let plate = resvg::tiny_skia::PathBuilder::from_rect(
        resvg::tiny_skia::Rect::from_xywh(
            MARGIN - PAD,
            TOP - PAD,
            LOGO + 2.0 * PAD,
            LOGO + 2.0 * PAD,
        )
        .expect("a rectangle"),
    );
    let mut white = resvg::tiny_skia::Paint::default();
    white.set_color(Color::WHITE);
    white.anti_alias = true;
    pixmap.fill_path(
        &plate,
        &white,
        resvg::tiny_skia::FillRule::Winding,
        Transform::identity(),
        None,
    );
    let mut image = match logo {
        Logo::Svg(text) => {
            let tree = usvg::Tree::from_str(text, &options())
                .map_err(|e| format!("logo SVG không hợp lệ: {e}"))?;
            let size = tree.size();
            let scale = LOGO / size.width().max(size.height());
            let (lw, lh) = (
                (size.width() * scale).ceil().max(1.0) as u32,
                (size.height() * scale).ceil().max(1.0) as u32,
            );
            let mut p = Pixmap::new(lw, lh).ok_or("logo rỗng")?;
            resvg::render(&tree, Transform::from_scale(scale, scale), &mut p.as_mut());
            p
        }
        Logo::Raster(bytes) => raster_pixmap(bytes, LOGO as u32).ok_or("logo hỏng")?,
    };
    let x = MARGIN + (LOGO - image.width() as f32) / 2.0;
    let y = TOP + (LOGO - image.height() as f32) / 2.0;
    pixmap.draw_pixmap(
        x.round() as i32,
        y.round() as i32,
        image.as_mut().as_ref(),
        &PixmapPaint::default(),
        Transform::identity(),
        None,
    );
    Ok(())
}

/// A raster image (`bytes`) fitted in a square of `side` pixels, as a pixmap.
pub fn raster_pixmap(bytes: &[u8], side: u32) -> Option<Pixmap> {
    let img = crate::photos::decode(bytes).ok()?;
    let img = img.resize(side, side, image::imageops::FilterType::Lanczos3);
    let mut rgba = img.to_rgba8();
    // tiny-skia wants premultiplied colours.
    for p in rgba.pixels_mut() {
        let a = u16::from(p.0[3]);
        for c in &mut p.0[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
    let size = resvg::tiny_skia::IntSize::from_wh(rgba.width(), rgba.height())?;
    Pixmap::from_vec(rgba.into_raw(), size)
}

/// The format of a card file from its bytes, and its size: for checks.
pub fn inspect(bytes: &[u8]) -> Option<(ImageFormat, u32, u32)> {
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let format = reader.format()?;
    let (w, h) = reader.into_dimensions().ok()?;
    Some((format, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look() -> Look {
        Look {
            background: "#9f1c1c".into(),
            accent: "#e0a526".into(),
            text: "#ffffff".into(),
            logo: Some(Logo::Svg(
                r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1d4ed8"/></svg>"##.into(),
            )),
            site_name: "Cổng Thông tin điện tử tỉnh Hòa Lâm".into(),
            host: "hoalam.gov.vn".into(),
        }
    }

    #[test]
    fn a_title_card_is_a_png_of_the_card_size() {
        let png = draw(&Source::Title(
            "Hội nghị tổng kết năm: ưu tiên đường tỉnh, thủy lợi".into(),
            Arc::new(look()),
        ))
        .unwrap();
        assert_eq!(inspect(&png), Some((ImageFormat::Png, WIDTH, HEIGHT)));
        assert!(png.len() < 300 * 1024, "{} bytes", png.len());
        // The text is drawn: the card is not one colour and the logo's white is there.
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        let logo = img.get_pixel(MARGIN as u32 + 40, TOP as u32 + 40).0;
        assert_eq!(logo, [0x1d, 0x4e, 0xd8]);
        let plate = img
            .get_pixel((MARGIN - PAD) as u32 + 2, (TOP - PAD) as u32 + 2)
            .0;
        assert_eq!(plate, [255, 255, 255]);
        let background = img.get_pixel(WIDTH - 5, 5).0;
        assert_eq!(background, [0x9f, 0x1c, 0x1c]);
        let white_in_title = (TITLE_TOP as u32..TITLE_BOTTOM as u32)
            .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y).0 == [255, 255, 255])
            .count();
        assert!(white_in_title > 2_000, "{white_in_title}");
    }

    #[test]
    fn long_titles_wrap_and_shrink_but_are_never_cut() {
        let short = title_lines("Khai mạc Hội báo Xuân");
        assert_eq!(short.0, TITLE_SIZES[0]);
        assert_eq!(short.1, vec!["Khai mạc Hội báo Xuân".to_string()]);
        let long = "Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2026–2030 trên địa bàn các huyện miền núi, vùng đồng bào dân tộc thiểu số và các xã đặc biệt khó khăn";
        let (size, lines) = title_lines(long);
        assert!(size < TITLE_SIZES[0] && lines.len() > 2, "{size} {lines:?}");
        assert_eq!(lines.join(" "), long, "every word is kept, in order");
        let width = WIDTH as f32 - 2.0 * MARGIN;
        for l in &lines {
            assert!(Metrics::bold().width(l, size) <= width, "{l}");
        }
        // Longer than any real title: still every letter.
        let huge = long.repeat(4);
        let (size, lines) = title_lines(&huge);
        assert_eq!(lines.join(" "), huge);
        assert!(lines.len() as f32 * size * LINE_HEIGHT <= TITLE_BOTTOM - TOP);
        // One word wider than the card is broken between letters.
        let word = "Đ".repeat(80);
        let lines = wrap(&word, Metrics::bold(), 64.0, width);
        assert!(lines.len() > 1 && lines.concat() == word);
    }

    #[test]
    fn covers_are_cut_to_the_card_shape() {
        let tall = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            600,
            900,
            image::Rgb([10, 200, 30]),
        ));
        let c = cover(&tall);
        assert_eq!((c.width(), c.height()), (WIDTH, HEIGHT));
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#123456"/></svg>"##;
        let img = rasterise_cover(svg).unwrap();
        assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
        assert_eq!(img.to_rgb8().get_pixel(600, 315).0, [0x12, 0x34, 0x56]);
        let jpg = jpeg(&img).unwrap();
        assert_eq!(inspect(&jpg), Some((ImageFormat::Jpeg, WIDTH, HEIGHT)));
    }

    #[test]
    fn names_follow_what_draws_the_card() {
        let dir = tempfile::tempdir().unwrap();
        let photos = crate::photos::Photos::default();
        let cards = Cards::new(dir.path(), &photos, dir.path());
        let l = Arc::new(look());
        let a = cards.card(&l, None, "Tin  một");
        assert!(a.starts_with("chia-se/") && a.ends_with(".png"), "{a}");
        assert_eq!(cards.card(&l, None, "Tin một"), a, "spaces do not matter");
        assert_ne!(cards.card(&l, None, "Tin hai"), a);
        let other = Arc::new(Look {
            background: "#003366".into(),
            ..look()
        });
        assert_ne!(
            cards.card(&other, None, "Tin một"),
            a,
            "the look is in the name"
        );
        // An SVG cover of the site: a JPEG card named by the file's content.
        fs::write(
            dir.path().join("bia.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
        )
        .unwrap();
        let svg = cards.card(&l, Some(&Image::new("/anh/bia.svg", "")), "Tin một");
        assert!(svg.ends_with(".jpg"), "{svg}");
        // A cover on another site, or a missing file: the title's card.
        let far = cards.card(&l, Some(&Image::new("https://x.vn/a.svg", "")), "Tin một");
        assert_eq!(far, a);
        assert_eq!(cards.len(), 4);
    }
}
