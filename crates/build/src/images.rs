//! Images under `/anh/`: checking they exist, reading their width and height,
//! and naming the resized copies of photos (see [`crate::photos`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use bantin_contract::url::{is_protocol_relative, is_safe};
use bantin_contract::{Image, Resized};

use crate::files::{FileInfo, FileStore};
use crate::markdown::Assets;
use crate::photos::{self, Photos, DEFAULT_WIDTH};

impl Assets for ImageStore {
    fn image(&self, src: &str, alt: String) -> Result<Image, String> {
        ImageStore::image(self, src, alt)
    }

    fn file(&self, href: &str) -> Result<FileInfo, String> {
        self.files.lookup(href)
    }

    fn document(&self, number: &str) -> Result<String, String> {
        self.documents
            .get(&crate::documents::number_key(number))
            .cloned()
            .ok_or_else(|| crate::markdown::no_document(number))
    }
}

/// The URL prefix of the content's own images.
pub const PREFIX: &str = "/anh/";

/// The result of looking up an image: its size if known, or why it is unusable.
pub type Lookup = Result<Option<(u32, u32)>, String>;

/// Checks an image's address: images come from the site itself (relative,
/// usually `/anh/…`) or from an absolute http(s) address. A protocol-relative
/// one (`//host/…`) is refused: it would load over whatever scheme the page has.
pub fn check_src(src: &str) -> Result<(), String> {
    if !is_safe(src) {
        return Err(format!("địa chỉ ảnh không an toàn: {src}"));
    }
    if is_protocol_relative(src) {
        return Err(format!(
            "địa chỉ ảnh không được bắt đầu bằng //: {} (dùng ảnh của trang, /anh/…, hoặc địa chỉ https://…)",
            src.trim()
        ));
    }
    Ok(())
}

/// Looks up `/anh/…` images in the content's `anh/` folder, caching their sizes.
pub struct ImageStore {
    root: PathBuf,
    shown_root: String,
    cache: Mutex<HashMap<String, Lookup>>,
    photos: Photos,
    files: FileStore,
    /// The registry's document slugs by number (see [`crate::documents::number_key`]).
    documents: HashMap<String, String>,
}

impl ImageStore {
    /// A store for the images in `root` (the content's `anh/` folder); `shown_root`
    /// is how that folder is named in messages. Holds no processed photos: a
    /// JPEG, PNG or WebP image is then an error (see [`ImageStore::with_photos`]).
    pub fn new(root: PathBuf, shown_root: String) -> Self {
        Self::with_photos(root, shown_root, Photos::default())
    }

    /// A store that also knows the folder's processed `photos`.
    pub fn with_photos(root: PathBuf, shown_root: String, photos: Photos) -> Self {
        ImageStore {
            root,
            shown_root,
            cache: Mutex::new(HashMap::new()),
            photos,
            files: FileStore::default(),
            documents: HashMap::new(),
        }
    }

    /// Lets bodies link to the registry's documents by number (slugs by number key).
    pub fn set_documents(&mut self, documents: HashMap<String, String>) {
        self.documents = documents;
    }

    /// This store, also knowing the content's files under `/tep/`.
    pub fn with_files(mut self, files: FileStore) -> Self {
        self.files = files;
        self
    }

    /// The processed photos.
    pub fn photos(&self) -> &Photos {
        &self.photos
    }

    /// The contract's image for `src` and `alt`: checked, and for the site's own
    /// images with their size; a photo also gets its resized copies and
    /// placeholder colour, and `src` becomes its copy [`DEFAULT_WIDTH`] wide (or
    /// the widest below). The error says why the image cannot be used.
    pub fn image(&self, src: &str, alt: String) -> Result<Image, String> {
        check_src(src)?;
        let src = src.trim();
        let mut image = Image::new(src, alt);
        if let Some(rel) = src.strip_prefix(PREFIX) {
            if photos::is_photo(rel) {
                let photo = match self.photos.get(rel) {
                    Some(Ok(p)) => p,
                    Some(Err(e)) => return Err(format!("ảnh {src} không dùng được: {e}")),
                    None => {
                        return self.lookup(src).and_then(|_| {
                            Err(format!(
                                "ảnh {src} chưa được xử lý (tên tệp phân biệt chữ hoa, chữ thường)"
                            ))
                        })
                    }
                };
                let stem = Photos::stem(rel, photo);
                let default = photo
                    .widths
                    .iter()
                    .copied()
                    .filter(|w| *w <= DEFAULT_WIDTH)
                    .max()
                    .unwrap_or(photo.widths[0]);
                let resized = Resized {
                    stem,
                    widths: photo.widths.clone(),
                    fallback: photo.fallback.clone(),
                };
                // `width` and `height` are those of the copy `src` names (the
                // page reserves space from their ratio; feeds and share cards
                // state the size of the file they point to).
                image.src = resized.url(default, &resized.fallback);
                image.width = Some(default);
                image.height = Some(scaled_height(photo, default));
                // A colour behind a transparent image would show through it.
                if resized.fallback == "jpg" {
                    image.placeholder = Some(photo.placeholder.clone());
                }
                image.resized = Some(resized);
                return Ok(image);
            }
            let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            if ext.as_deref() != Some("svg") {
                return Err(format!(
                    "định dạng ảnh không được hỗ trợ: {src} (dùng JPEG, PNG, WebP hoặc SVG)"
                ));
            }
        }
        if let Some((w, h)) = self.lookup(src)? {
            image.width = Some(w);
            image.height = Some(h);
        }
        Ok(image)
    }

    /// The size of the image `src` points to: `Ok(None)` for images outside `/anh/`
    /// (not checked), an error message when an `/anh/` image is missing or unreadable.
    pub fn lookup(&self, src: &str) -> Lookup {
        let Some(rel) = src.strip_prefix(PREFIX) else {
            return Ok(None);
        };
        if let Some(hit) = self.cache.lock().expect("image cache").get(rel) {
            return hit.clone();
        }
        let result = self.read(rel);
        self.cache
            .lock()
            .expect("image cache")
            .insert(rel.to_string(), result.clone());
        result
    }

    fn read(&self, rel: &str) -> Lookup {
        let bad = rel.is_empty()
            || rel.contains('\\')
            || rel.contains('?')
            || rel.contains('#')
            || rel
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..");
        if bad {
            return Err(format!("đường dẫn ảnh không hợp lệ: {PREFIX}{rel}"));
        }
        let path = self.root.join(rel);
        if !path.is_file() {
            return Err(format!(
                "không tìm thấy ảnh {PREFIX}{rel} (thiếu tệp {}/{rel})",
                self.shown_root
            ));
        }
        image_size(&path)
            .map(Some)
            .map_err(|e| format!("không đọc được kích thước ảnh {PREFIX}{rel}: {e}"))
    }
}

/// The height of `photo`'s copy `width` pixels wide (as [`crate::photos`] makes it).
fn scaled_height(photo: &photos::Photo, width: u32) -> u32 {
    ((u64::from(photo.height) * u64::from(width) + u64::from(photo.width) / 2)
        / u64::from(photo.width.max(1)))
    .max(1) as u32
}

/// Width and height of an image file: SVG from its root element, raster formats by `imagesize`.
pub fn image_size(path: &Path) -> Result<(u32, u32), String> {
    let is_svg = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        svg_size(&text).ok_or_else(|| {
            "thẻ <svg> không có width/height (hoặc viewBox) tính bằng px".to_string()
        })
    } else {
        let s = imagesize::size(path).map_err(|e| e.to_string())?;
        let w = u32::try_from(s.width).map_err(|e| e.to_string())?;
        let h = u32::try_from(s.height).map_err(|e| e.to_string())?;
        Ok((w, h))
    }
}

/// Reads `width` and `height` of the root `<svg>` element (plain numbers or `px`),
/// falling back to the `viewBox` size.
pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    let tag = svg_start_tag(text)?;
    let attrs = attributes(tag);
    let get = |name: &str| attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    let length = |v: Option<&str>| -> Option<u32> {
        let v = v?.trim();
        let v = v.strip_suffix("px").unwrap_or(v).trim();
        let n: f64 = v.parse().ok()?;
        (n.is_finite() && n >= 0.5 && n < f64::from(u32::MAX)).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (length(get("width")), length(get("height"))) {
        return Some((w, h));
    }
    let vb: Vec<f64> = get("viewBox")?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match vb[..] {
        [_, _, w, h] if w >= 0.5 && h >= 0.5 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

/// The text of the first `<svg …>` start tag (without `<svg` and `>`), skipping comments.
fn svg_start_tag(text: &str) -> Option<&str> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find('<')?;
        let rest = &text[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            from = at + 4 + comment.find("-->")? + 3;
            continue;
        }
        let after = &rest[1..];
        if let Some(attrs) = after.strip_prefix("svg") {
            if attrs.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
                // Find the closing '>' outside quotes.
                let mut quote = None;
                for (i, c) in attrs.char_indices() {
                    match (quote, c) {
                        (None, '"' | '\'') => quote = Some(c),
                        (Some(q), c) if c == q => quote = None,
                        (None, '>') => return Some(&attrs[..i]),
                        _ => {}
                    }
                }
                return None;
            }
        }
        from = at + 1;
    }
}

/// `name="value"` pairs of a start tag.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].split_whitespace().last().unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(end) = after[1..].find(q) else {
            break;
        };
        out.push((name, &after[1..1 + end]));
        rest = &after[end + 2..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(
                r#"<?xml version="1.0"?><!-- <svg> --><svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><rect/></svg>"#
            ),
            Some((800, 450))
        );
        assert_eq!(
            svg_size(r#"<svg width='12.4px' height="7px">"#),
            Some((12, 7))
        );
        assert_eq!(
            svg_size(r#"<svg viewBox="0 0 1200 675" width="100%">"#),
            Some((1200, 675))
        );
        assert_eq!(
            svg_size(r#"<svg data-x="a>b" viewBox="0,0,30,20">"#),
            Some((30, 20))
        );
        assert_eq!(svg_size("<svg>"), None);
        assert_eq!(svg_size("<svgx width=\"1\" height=\"1\">"), None);
    }

    #[test]
    fn store_checks_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.svg"),
            r#"<svg width="10" height="20"></svg>"#,
        )
        .unwrap();
        let store = ImageStore::new(dir.path().to_path_buf(), "content/anh".into());
        assert_eq!(store.lookup("/anh/a.svg"), Ok(Some((10, 20))));
        assert_eq!(store.lookup("https://x.vn/a.png"), Ok(None));
        assert!(store
            .lookup("/anh/b.svg")
            .unwrap_err()
            .contains("content/anh/b.svg"));
        assert!(store.lookup("/anh/../site.toml").is_err());
    }
}
