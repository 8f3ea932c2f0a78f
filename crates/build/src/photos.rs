//! Photos under `anh/`: resized copies in WebP and JPEG (or PNG), made once.
//!
//! Every JPEG, PNG and WebP file in the content's `anh/` folder is decoded
//! (within [`MAX_PIXELS`] and [`MAX_BYTES`]), turned upright by its EXIF
//! orientation, and written at each of [`WIDTHS`] up to its own width (never
//! wider): lossy WebP for browsers, and JPEG (PNG when the photo has
//! transparency) for the others and for share cards and feeds. A copy under the
//! original name, at the widest of those widths, keeps old addresses working.
//! The encoders write no metadata: EXIF (GPS, camera), XMP and ICC profiles
//! are gone from every file written. The placeholder colour is the photo's mean.
//!
//! The results are cached by the source file's content hash in a folder that
//! outlives the output (see [`default_cache_dir`]): a rebuild that changes no
//! photo encodes nothing. Photos are processed on a pool of at most
//! [`MAX_THREADS`] threads, one photo per thread at a time, so memory stays
//! bounded by the pixel limit times the thread count.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::output::Writer;

/// The widths written, in pixels (at most the photo's own).
pub const WIDTHS: [u32; 4] = [360, 720, 1200, 1600];
/// The width of the copy that `src` names, for share cards, feeds and browsers without `srcset`.
pub const DEFAULT_WIDTH: u32 = 1200;
/// Largest photo accepted, in pixels (width × height): 50 megapixels.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Largest photo file accepted, in bytes.
pub const MAX_BYTES: u64 = 40 * 1024 * 1024;
/// Most threads used (each holds one decoded photo).
pub const MAX_THREADS: usize = 4;
/// WebP quality (0–100).
const WEBP_QUALITY: f32 = 72.0;
/// JPEG quality (0–100).
const JPEG_QUALITY: u8 = 80;
/// Changes whenever the copies would come out differently: part of the cache key.
const PIPELINE: &str = "bantin-photos 1: 360,720,1200,1600 webp72 jpeg80 lanczos3";

/// The extensions of the photos handled here (lower case).
pub const EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// True when `name` is a photo this module processes (by extension).
pub fn is_photo(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// What the build knows of one processed photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    /// Upright width of the original.
    pub width: u32,
    /// Upright height of the original.
    pub height: u32,
    /// The widths of the copies, smallest first.
    pub widths: Vec<u32>,
    /// `jpg` or `png`.
    pub fallback: String,
    /// `#rrggbb`.
    pub placeholder: String,
    /// The content key (hash of the pipeline and the file's bytes, 32 hex
    /// digits): the cache folder's name; its first 10 digits are in every copy's name.
    pub key: String,
}

/// The photos of a content folder, by path relative to `anh/` (`/`-separated),
/// each processed or with the reason it could not be.
#[derive(Debug, Default)]
pub struct Photos {
    pub(crate) by_path: BTreeMap<String, Result<Photo, String>>,
    cache: PathBuf,
    /// Photos encoded by this build (0 when every one came from the cache).
    pub encoded: usize,
}

impl Photos {
    /// The photo at `rel` (relative to `anh/`), if it is one of the folder's.
    pub fn get(&self, rel: &str) -> Option<&Result<Photo, String>> {
        self.by_path.get(rel)
    }

    /// How many photos the folder has (processed or not).
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    /// True when the folder has no photos.
    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// The address stem of `rel`'s copies: `/anh/<path without extension>.<key prefix>`.
    pub fn stem(rel: &str, photo: &Photo) -> String {
        let base = rel.rsplit_once('.').map_or(rel, |(b, _)| b);
        let key = photo.key.get(..10).unwrap_or(&photo.key);
        format!("{}{base}.{key}", crate::images::PREFIX)
    }

    /// The cached copy of `photo` at `width` (one of its widths), in its fallback format.
    pub fn copy(&self, photo: &Photo, width: u32) -> PathBuf {
        self.cache
            .join(&photo.key)
            .join(format!("{width}.{}", photo.fallback))
    }

    /// Produces every copy under `anh/` through `writer`; returns how many files.
    pub fn write(&self, writer: &Writer) -> io::Result<usize> {
        let jobs: Vec<(&String, &Photo)> = self
            .by_path
            .iter()
            .filter_map(|(rel, r)| r.as_ref().ok().map(|p| (rel, p)))
            .collect();
        let counts = jobs
            .par_iter()
            .map(|(rel, photo)| -> io::Result<usize> {
                let dir = self.cache.join(&photo.key);
                let stem = Photos::stem(rel, photo);
                let stem = stem.trim_start_matches('/');
                let mut n = 0;
                for w in &photo.widths {
                    for ext in ["webp", photo.fallback.as_str()] {
                        let bytes = fs::read(dir.join(format!("{w}.{ext}")))?;
                        writer.write(&format!("{stem}-{w}.{ext}"), &bytes)?;
                        n += 1;
                    }
                }
                let bytes = fs::read(dir.join("original"))?;
                writer.write(&format!("anh/{rel}"), &bytes)?;
                Ok(n + 1)
            })
            .collect::<io::Result<Vec<usize>>>()?;
        Ok(counts.iter().sum())
    }
}

/// Where processed photos are kept between builds: `$BANTIN_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/bantin/anh`, else `~/.cache/bantin/anh`, else a folder in
/// the system's temporary directory.
pub fn default_cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("BANTIN_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|d| !d.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })
        .unwrap_or_else(std::env::temp_dir);
    base.join("bantin").join("anh")
}

/// Every photo file under `dir`, as paths relative to it (sorted).
fn photo_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        for e in fs::read_dir(&d)? {
            let e = e?;
            let Some(name) = e.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let p = e.path();
            if p.is_dir() {
                stack.push((p, format!("{prefix}{name}/")));
            } else if is_photo(&name) {
                out.push(format!("{prefix}{name}"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Processes every photo under `anh` (the content's `anh/` folder), using and
/// filling the cache folder `cache`.
pub fn prepare(anh: &Path, cache: &Path) -> io::Result<Photos> {
    let files = photo_files(anh)?;
    fs::create_dir_all(cache)?;
    let encoded = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)?;
    let results: Vec<(String, Result<Photo, String>)> = pool.install(|| {
        files
            .par_iter()
            .map(|rel| {
                let r = process_cached(&anh.join(rel), cache, &encoded);
                (rel.clone(), r)
            })
            .collect()
    });
    Ok(Photos {
        by_path: results.into_iter().collect(),
        cache: cache.to_path_buf(),
        encoded: encoded.into_inner(),
    })
}

/// One photo: from the cache when its copies are there, else decoded and encoded.
fn process_cached(path: &Path, cache: &Path, encoded: &AtomicUsize) -> Result<Photo, String> {
    let len = fs::metadata(path).map_err(|e| e.to_string())?.len();
    if len > MAX_BYTES {
        return Err(format!(
            "tệp ảnh quá lớn: {} MB (tối đa {} MB)",
            len / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(PIPELINE.as_bytes());
    hasher.update(&bytes);
    let key = format!("{:032x}", hasher.digest128());
    let dir = cache.join(&key);
    if let Ok(text) = fs::read_to_string(dir.join("photo.json")) {
        if let Ok(photo) = serde_json::from_str::<Photo>(&text) {
            if photo.key == key {
                return Ok(photo);
            }
        }
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let made = encode(&bytes, &ext, &key)?;
    encoded.fetch_add(1, Ordering::Relaxed);
    // Written in a folder of its own, then renamed: a cache entry is whole or
    // absent. The folder is this call's alone (builds in other processes, or on
    // other threads of this one, may encode the same photo at the same time).
    let tmp = temp_entry(cache, &key);
    let write = || -> io::Result<()> {
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp)?;
        for (name, data) in &made.files {
            fs::write(tmp.join(name), data)?;
        }
        fs::write(
            tmp.join("photo.json"),
            serde_json::to_string(&made.photo).map_err(io::Error::other)?,
        )?;
        let _ = fs::remove_dir_all(&dir);
        match fs::rename(&tmp, &dir) {
            Ok(()) => Ok(()),
            // Another build put the same entry in place first: it is the same.
            Err(_) if dir.join("photo.json").is_file() => {
                let _ = fs::remove_dir_all(&tmp);
                Ok(())
            }
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                Err(e)
            }
        }
    };
    write().map_err(|e| format!("không ghi được bộ nhớ đệm ảnh {}: {e}", cache.display()))?;
    Ok(made.photo)
}

/// A new temporary folder's path for the cache entry `key`: unique to this
/// call within the process, and to the process.
fn temp_entry(cache: &Path, key: &str) -> PathBuf {
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    cache.join(format!("{key}.tmp-{}-{n}", std::process::id()))
}

struct Made {
    photo: Photo,
    files: Vec<(String, Vec<u8>)>,
}

/// Decodes a photo within the limits and turns it upright.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    // The size from the header, before any decoder allocates for it.
    if let Ok(size) = imagesize::blob_size(bytes) {
        let pixels = (size.width as u64).saturating_mul(size.height as u64);
        if pixels > MAX_PIXELS {
            return Err(format!(
                "ảnh quá lớn: {}×{} điểm ảnh (tối đa {} triệu điểm ảnh)",
                size.width,
                size.height,
                MAX_PIXELS / 1_000_000
            ));
        }
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = reader.format();
    if !matches!(
        format,
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(match format {
            Some(f) => format!(
                "định dạng ảnh không được hỗ trợ: {} (dùng JPEG, PNG, WebP hoặc SVG)",
                f.extensions_str().first().unwrap_or(&"?").to_uppercase()
            ),
            None => "không nhận ra định dạng ảnh (tệp hỏng, hoặc không phải JPEG, PNG, WebP)"
                .to_string(),
        });
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("ảnh hỏng: {e}"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "ảnh quá lớn: {w}×{h} điểm ảnh (tối đa {} triệu điểm ảnh)",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    decoder
        .set_limits(limits)
        .map_err(|e| format!("ảnh quá lớn: {e}"))?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| format!("ảnh hỏng: {e}"))?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// The widths to write for a photo `width` pixels wide: those of [`WIDTHS`]
/// below it, and its own when it is narrower than the widest.
pub fn widths_for(width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] || out.is_empty() {
        out.push(width.min(WIDTHS[WIDTHS.len() - 1]).max(1));
    } else {
        out.push(WIDTHS[WIDTHS.len() - 1]);
    }
    out.dedup();
    out
}

fn encode(bytes: &[u8], ext: &str, key: &str) -> Result<Made, String> {
    let img = decode(bytes)?;
    let (width, height) = (img.width(), img.height());
    let alpha = img.color().has_alpha() && img.to_rgba8().pixels().any(|p| p.0[3] < 255);
    let img = if alpha {
        DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let fallback = if alpha { "png" } else { "jpg" };
    let widths = widths_for(width);
    let mut files = Vec::new();
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let mut placeholder = String::new();
    let mut widest = None;
    for &w in &widths {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        let copy = if w == width {
            img.clone()
        } else {
            let mut dst = DynamicImage::new(w, h, img.color());
            resizer
                .resize(&img, &mut dst, &options)
                .map_err(|e| format!("không thu nhỏ được ảnh: {e}"))?;
            dst
        };
        if placeholder.is_empty() {
            placeholder = mean_colour(&copy);
        }
        let webp = if alpha {
            webp::Encoder::from_rgba(copy.as_bytes(), w, h).encode(WEBP_QUALITY)
        } else {
            webp::Encoder::from_rgb(copy.as_bytes(), w, h).encode(WEBP_QUALITY)
        };
        files.push((format!("{w}.webp"), webp.to_vec()));
        files.push((format!("{w}.{fallback}"), encode_fallback(&copy, fallback)?));
        widest = Some(copy);
    }
    // The copy under the original name: the widest, in the original's format.
    let widest = widest.expect("at least one width");
    let original = match ext {
        "webp" => files
            .iter()
            .rev()
            .find(|(n, _)| n.ends_with(".webp"))
            .map(|(_, d)| d.clone())
            .unwrap_or_default(),
        "png" => encode_fallback(&widest, "png")?,
        _ if alpha => encode_fallback(&DynamicImage::ImageRgb8(widest.to_rgb8()), "jpg")?,
        _ => files
            .iter()
            .rev()
            .find(|(n, _)| n.ends_with(".jpg"))
            .map(|(_, d)| d.clone())
            .unwrap_or_default(),
    };
    files.push(("original".into(), original));
    Ok(Made {
        photo: Photo {
            width,
            height,
            widths,
            fallback: fallback.into(),
            placeholder,
            key: key.to_string(),
        },
        files,
    })
}

fn encode_fallback(img: &DynamicImage, ext: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let r = if ext == "png" {
        img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
    } else {
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out,
            JPEG_QUALITY,
        ))
    };
    r.map_err(|e| format!("không mã hóa được ảnh: {e}"))?;
    Ok(out)
}

/// The mean colour of an image as `#rrggbb`.
fn mean_colour(img: &DynamicImage) -> String {
    let rgb = img.to_rgb8();
    let (mut r, mut g, mut b) = (0u64, 0u64, 0u64);
    for p in rgb.pixels() {
        r += u64::from(p.0[0]);
        g += u64::from(p.0[1]);
        b += u64::from(p.0[2]);
    }
    let n = (u64::from(rgb.width()) * u64::from(rgb.height())).max(1);
    format!("#{:02x}{:02x}{:02x}", r / n, g / n, b / n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb, Rgba};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128u8]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out, 90,
            ))
            .unwrap();
        out
    }

    /// A JPEG with an EXIF block (orientation `o`, GPS) inserted after SOI.
    fn jpeg_with_exif(w: u32, h: u32, o: u16) -> Vec<u8> {
        let plain = jpeg(w, h);
        // TIFF, little endian: IFD0 with Orientation and a GPS IFD pointer;
        // the GPS IFD has GPSLatitudeRef = "N".
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(0x0112u16.to_le_bytes());
        tiff.extend(3u16.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
        tiff.extend((u32::from(o)).to_le_bytes());
        tiff.extend(0x8825u16.to_le_bytes());
        tiff.extend(4u16.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
        let gps_at = 8 + 2 + 2 * 12 + 4;
        tiff.extend((gps_at as u32).to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        tiff.extend(1u16.to_le_bytes());
        tiff.extend(0x0001u16.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(2u32.to_le_bytes());
        tiff.extend(b"N\0\0\0");
        tiff.extend(0u32.to_le_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend(((app1.len() + 2) as u16).to_be_bytes());
        out.extend(app1);
        out.extend(&plain[2..]);
        out
    }

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths_for(4000), vec![360, 720, 1200, 1600]);
        assert_eq!(widths_for(1600), vec![360, 720, 1200, 1600]);
        assert_eq!(widths_for(1000), vec![360, 720, 1000]);
        assert_eq!(widths_for(360), vec![360]);
        assert_eq!(widths_for(200), vec![200]);
    }

    #[test]
    fn rotated_photo_comes_out_upright_without_metadata() {
        // Stored 200 wide and 400 high, orientation 6: shown 400 wide and 200 high.
        let bytes = jpeg_with_exif(200, 400, 6);
        assert!(bytes.windows(4).any(|w| w == b"Exif"));
        let made = encode(&bytes, "jpg", "k").unwrap();
        assert_eq!((made.photo.width, made.photo.height), (400, 200));
        assert_eq!(made.photo.widths, vec![360, 400]);
        for (name, data) in &made.files {
            assert!(!data.windows(4).any(|w| w == b"Exif"), "{name} has EXIF");
            if name.ends_with(".jpg") || name == "original" {
                let img = image::load_from_memory(data).unwrap();
                assert!(img.width() > img.height(), "{name} is not upright");
            }
        }
        assert!(made.photo.placeholder.starts_with('#'));
        assert_eq!(made.photo.placeholder.len(), 7);
    }

    #[test]
    fn transparent_png_keeps_png_fallback() {
        let img = ImageBuffer::from_fn(500, 300, |x, _| Rgba([10u8, 20, 30, (x % 256) as u8]));
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_with_encoder(image::codecs::png::PngEncoder::new(&mut png))
            .unwrap();
        let made = encode(&png, "png", "k").unwrap();
        assert_eq!(made.photo.fallback, "png");
        assert!(made.files.iter().any(|(n, _)| n == "360.png"));
        assert!(made.files.iter().any(|(n, _)| n == "500.webp"));
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert!(decode(b"not an image at all")
            .unwrap_err()
            .contains("định dạng"));
        let mut broken = jpeg(64, 64);
        broken.truncate(200);
        assert!(encode(&broken, "jpg", "k").is_err());
        let gif = b"GIF89a\x01\0\x01\0\0\0\0;";
        assert!(decode(gif).unwrap_err().contains("GIF"));
        // A PNG header that claims 100,000 × 100,000 pixels (a decompression bomb).
        let mut bomb = Vec::new();
        bomb.extend(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        bomb.extend(13u32.to_be_bytes());
        bomb.extend(&ihdr);
        bomb.extend(crc32(&ihdr).to_be_bytes());
        assert!(
            decode(&bomb).unwrap_err().contains("quá lớn"),
            "{:?}",
            decode(&bomb).err()
        );
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn second_run_encodes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let anh = dir.path().join("anh");
        fs::create_dir_all(anh.join("sub")).unwrap();
        fs::write(anh.join("a.jpg"), jpeg(800, 600)).unwrap();
        fs::write(anh.join("sub/b.JPG"), jpeg(300, 200)).unwrap();
        fs::write(anh.join("c.svg"), "<svg/>").unwrap();
        fs::write(anh.join("d.png"), b"broken").unwrap();
        let cache = dir.path().join("cache");
        let first = prepare(&anh, &cache).unwrap();
        assert_eq!(first.len(), 3);
        assert_eq!(first.encoded, 2);
        assert!(first.get("d.png").unwrap().is_err());
        let a = first.get("a.jpg").unwrap().as_ref().unwrap();
        assert_eq!(a.widths, vec![360, 720, 800]);
        assert_eq!(Photos::stem("a.jpg", a), format!("/anh/a.{}", &a.key[..10]));
        let second = prepare(&anh, &cache).unwrap();
        assert_eq!(second.encoded, 0);
        assert_eq!(second.get("a.jpg"), first.get("a.jpg"));
    }

    /// Builds on several threads of one process, with an empty shared cache,
    /// encode the same photo at once: each writes its own temporary folder
    /// (they shared one, named by the process, and removed each other's).
    #[test]
    fn concurrent_builds_share_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let k = "0".repeat(32);
        assert_ne!(temp_entry(dir.path(), &k), temp_entry(dir.path(), &k));
        let cache = dir.path().join("cache");
        let anh = dir.path().join("anh");
        fs::create_dir_all(&anh).unwrap();
        fs::write(anh.join("a.jpg"), jpeg(800, 450)).unwrap();
        let results: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| prepare(&anh, &cache))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for r in results {
            let photos = r.unwrap();
            assert!(
                photos.get("a.jpg").unwrap().is_ok(),
                "{:?}",
                photos.get("a.jpg")
            );
        }
        let left: Vec<_> = fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            left.len(),
            1,
            "one entry, no temporary folder left: {left:?}"
        );
    }
}
