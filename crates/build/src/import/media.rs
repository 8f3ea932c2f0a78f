//! The old site's addresses and its uploaded files: which address is a page of
//! the old site, which is an upload, and the copies of uploads into `anh/` and
//! `tep/` under safe unique names.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use bantin_contract::text::slugify;
use bantin_contract::url::is_safe;

use super::html::{self, Attachment, Resolved};

/// The old site's address: its origin and base path.
#[derive(Debug, Clone, Default)]
pub(super) struct Origin {
    /// `https://host` (lower case, no port change), empty when unknown.
    pub(super) origin: String,
    /// The site's path, without a trailing `/` (`""` at the root).
    base: String,
}

impl Origin {
    pub(super) fn new(link: &str) -> Self {
        let link = link.trim();
        let Some((scheme, rest)) = link.split_once("://") else {
            return Origin::default();
        };
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Origin::default();
        }
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        Origin {
            origin: format!(
                "{}://{}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            ),
            base: path
                .split(['?', '#'])
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
        }
    }

    pub(super) fn base_url(&self) -> Option<String> {
        (!self.origin.is_empty()).then(|| format!("{}{}/", self.origin, self.base))
    }

    fn host(&self) -> &str {
        self.origin.split_once("://").map(|(_, h)| h).unwrap_or("")
    }

    /// The path and query of an address of this site, from the site's root.
    pub(super) fn path_with_query_of(&self, url: &str) -> Option<String> {
        let url = url.trim();
        let rest = if let Some((scheme, rest)) = url.split_once("://") {
            if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
                return None;
            }
            let (host, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
            let host = host.to_ascii_lowercase();
            let bare = |h: &str| h.trim_start_matches("www.").to_string();
            if self.origin.is_empty() || bare(&host) != bare(self.host()) {
                return None;
            }
            path.to_string()
        } else if url.starts_with('/') && !url.starts_with("//") {
            url.to_string()
        } else {
            return None;
        };
        let rest = rest.split('#').next().unwrap_or("");
        let rest = rest.strip_prefix(&self.base).unwrap_or(rest);
        let rest = if rest.starts_with('?') {
            format!("/{rest}")
        } else {
            rest.to_string()
        };
        if rest.is_empty() {
            return Some("/".into());
        }
        rest.starts_with('/').then_some(rest)
    }

    /// The path (no query) of an address of this site; `None` for a query address.
    pub(super) fn path_of(&self, url: &str) -> Option<String> {
        let p = self.path_with_query_of(url)?;
        if p.contains('?') {
            return None;
        }
        Some(p)
    }
}

pub(super) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// What a path keeps as written: letters, digits and the URL path's safe marks
/// (`%` too, so an address already escaped is not escaped twice).
const PATH_KEPT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'%')
    .remove(b'+')
    .remove(b',')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

pub(super) fn percent_encode_path(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, PATH_KEPT).to_string()
}

// ---------------------------------------------------------------------------

const IMAGE_EXTS: &[&str] = &["jpg", "jpeg", "png", "webp", "svg"];

fn ext_of(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.contains('/'))
        .unwrap_or_default()
}

pub(super) fn is_image_name(name: &str) -> bool {
    let e = ext_of(name.split(['?', '#']).next().unwrap_or(name));
    IMAGE_EXTS.contains(&e.as_str())
        || matches!(e.as_str(), "gif" | "bmp" | "tif" | "tiff" | "avif" | "heic")
}

/// Finds uploaded files, copies them into the staged `anh/` and `tep/` once
/// each under safe unique names, and maps old addresses.
pub(super) struct MediaStore {
    pub(super) uploads: Option<PathBuf>,
    pub(super) stage: PathBuf,
    pub(super) copied: HashMap<PathBuf, String>,
    pub(super) names: HashSet<String>,
    pub(super) images: usize,
    pub(super) files: usize,
    pub(super) attachments: HashMap<u64, Attachment>,
    pub(super) children: BTreeMap<u64, Vec<u64>>,
    pub(super) site: Origin,
    pub(super) new_paths: HashMap<String, String>,
    pub(super) by_id: HashMap<u64, String>,
}

/// The largest photo the build takes (its own limits: 50 million pixels, 40 MB).
const MAX_PIXELS: u64 = 50_000_000;
const MAX_PHOTO_BYTES: u64 = 40 * 1024 * 1024;

impl MediaStore {
    pub(super) fn attachment_of(&self, id: u64) -> Option<Attachment> {
        self.attachments.get(&id).cloned()
    }

    /// The path under `uploads/` of an address `…/wp-content/uploads/2024/01/x.jpg`.
    fn upload_rel(url: &str) -> Option<String> {
        let at = url.find("/wp-content/uploads/")?;
        let rel = &url[at + "/wp-content/uploads/".len()..];
        let rel = rel.split(['?', '#']).next().unwrap_or("");
        let rel = percent_decode(rel);
        let ok = !rel.is_empty()
            && rel
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
        ok.then_some(rel)
    }

    /// The uploaded file of `rel`: the full-size original before a WordPress
    /// size (`x-300x200.jpg` → `x.jpg`), else the file itself.
    fn find(&self, rel: &str) -> Option<PathBuf> {
        let root = self.uploads.as_ref()?;
        let mut candidates = Vec::new();
        if let Some((stem, ext)) = rel.rsplit_once('.') {
            if let Some((base, size)) = stem.rsplit_once('-') {
                let is_size = size.split_once('x').is_some_and(|(w, h)| {
                    !w.is_empty()
                        && !h.is_empty()
                        && (w.to_owned() + h).bytes().all(|b| b.is_ascii_digit())
                });
                if is_size {
                    candidates.push(format!("{base}.{ext}"));
                }
            }
            if let Some(base) = stem.strip_suffix("-scaled") {
                candidates.push(format!("{base}.{ext}"));
            }
        }
        candidates.push(rel.to_string());
        candidates
            .into_iter()
            .map(|c| root.join(c))
            .find(|p| p.is_file())
    }

    /// Copies `src` into `folder` (`anh` or `tep`) under a unique safe name.
    fn copy(&mut self, src: &Path, folder: &str) -> Result<String, String> {
        if let Some(done) = self.copied.get(src) {
            return Ok(done.clone());
        }
        let file = src
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = ext_of(&file);
        let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&file);
        let base = Some(slugify(stem))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "tep".into());
        let mut name = format!("{base}.{ext}");
        let mut n = 2;
        while self.names.contains(&format!("{folder}/{name}")) {
            name = format!("{base}-{n}.{ext}");
            n += 1;
        }
        let dir = self.stage.join(folder);
        fs::create_dir_all(&dir).map_err(|e| format!("không tạo được {}: {e}", dir.display()))?;
        fs::copy(src, dir.join(&name))
            .map_err(|e| format!("không chép được {}: {e}", src.display()))?;
        self.names.insert(format!("{folder}/{name}"));
        let url = format!("/{folder}/{name}");
        self.copied.insert(src.to_path_buf(), url.clone());
        if folder == "anh" {
            self.images += 1;
        } else {
            self.files += 1;
        }
        Ok(url)
    }

    /// Whether the build will take the image at `path` (its own checks).
    fn usable_image(path: &Path) -> Result<(), String> {
        let ext = ext_of(&path.to_string_lossy());
        if !IMAGE_EXTS.contains(&ext.as_str()) {
            return Err(format!(
                "định dạng .{ext} không được hỗ trợ (chỉ JPEG, PNG, WebP, SVG)"
            ));
        }
        if ext == "svg" {
            return Ok(());
        }
        let len = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if len > MAX_PHOTO_BYTES {
            return Err("tệp ảnh lớn hơn 40 MB".into());
        }
        let (w, h) = image::image_dimensions(path)
            .map_err(|e| format!("tệp ảnh hỏng hoặc không đọc được ({e})"))?;
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err("ảnh lớn hơn 50 triệu điểm ảnh".into());
        }
        image::open(path).map_err(|e| format!("tệp ảnh hỏng ({e})"))?;
        Ok(())
    }

    /// An address kept as it is, when it is one a page may load.
    fn remote(&self, url: &str) -> Option<String> {
        let url = url.trim();
        if let Some(rest) = url.strip_prefix("//") {
            return Some(format!("https://{rest}"));
        }
        if url.starts_with('/') {
            return (!self.site.origin.is_empty()).then(|| format!("{}{url}", self.site.origin));
        }
        let lower = url.to_ascii_lowercase();
        ((lower.starts_with("https://") || lower.starts_with("http://")) && is_safe(url))
            .then(|| url.to_string())
    }

    fn keep_remote(&self, url: &str, why: String) -> Resolved {
        match self.remote(url) {
            Some(src) => Resolved {
                src: Some(src),
                problem: Some(format!("{why}; giữ địa chỉ gốc trên trang cũ")),
            },
            None => Resolved {
                src: None,
                problem: Some(format!("{why}; đã bỏ")),
            },
        }
    }
}

impl html::Media for MediaStore {
    fn image(&mut self, url: &str) -> Resolved {
        let Some(rel) = Self::upload_rel(url) else {
            return match self.remote(url) {
                Some(src) => Resolved {
                    src: Some(src),
                    problem: None,
                },
                None => Resolved {
                    src: None,
                    problem: Some("địa chỉ ảnh không dùng được; đã bỏ".into()),
                },
            };
        };
        if self.uploads.is_none() {
            return Resolved {
                src: self.remote(url),
                problem: None,
            };
        }
        let Some(path) = self.find(&rel) else {
            return self.keep_remote(url, format!("không có tệp {rel} trong thư mục uploads"));
        };
        if let Err(why) = Self::usable_image(&path) {
            return self.keep_remote(url, why);
        }
        match self.copy(&path, "anh") {
            Ok(src) => Resolved {
                src: Some(src),
                problem: None,
            },
            Err(why) => self.keep_remote(url, why),
        }
    }

    fn link(&mut self, href: &str) -> Resolved {
        if let Some(rel) = Self::upload_rel(href) {
            if is_image_name(&rel) {
                return self.image(href);
            }
            if self.uploads.is_none() {
                return Resolved {
                    src: Some(href.to_string()),
                    problem: None,
                };
            }
            let Some(path) = self.find(&rel) else {
                return self.keep_remote(href, format!("không có tệp {rel} trong thư mục uploads"));
            };
            if crate::files::kind_of(&rel).is_none() {
                return self.keep_remote(
                    href,
                    format!("loại tệp .{} không đăng được trong tep/", ext_of(&rel)),
                );
            }
            return match self.copy(&path, "tep") {
                Ok(src) => Resolved {
                    src: Some(src),
                    problem: None,
                },
                Err(why) => self.keep_remote(href, why),
            };
        }
        // A post or page of the old site: its new address.
        if let Some(p) = self.site.path_with_query_of(href) {
            if let Some(new) = self
                .new_paths
                .get(&p)
                .or_else(|| self.new_paths.get(&format!("{}/", p.trim_end_matches('/'))))
            {
                return Resolved {
                    src: Some(new.clone()),
                    problem: None,
                };
            }
            let id = p
                .split_once('?')
                .map(|(_, q)| q)
                .and_then(|q| {
                    q.split('&').find_map(|kv| {
                        kv.strip_prefix("p=")
                            .or_else(|| kv.strip_prefix("page_id="))
                    })
                })
                .and_then(|v| v.parse::<u64>().ok());
            if let Some(new) = id.and_then(|id| self.by_id.get(&id)) {
                return Resolved {
                    src: Some(new.clone()),
                    problem: None,
                };
            }
        }
        let h = href.trim();
        let src = if h.starts_with("//") {
            format!("https:{h}")
        } else {
            h.to_string()
        };
        Resolved {
            src: Some(src),
            problem: None,
        }
    }

    fn attachment(&self, id: u64) -> Option<Attachment> {
        self.attachments.get(&id).cloned()
    }

    fn children(&self, post: u64) -> Vec<u64> {
        self.children.get(&post).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_paths() {
        assert_eq!(
            MediaStore::upload_rel("https://x.vn/wp-content/uploads/2024/01/a%20b.jpg?v=2")
                .unwrap(),
            "2024/01/a b.jpg"
        );
        assert_eq!(
            MediaStore::upload_rel("https://x.vn/wp-content/uploads/../etc/passwd"),
            None
        );
        assert_eq!(MediaStore::upload_rel("https://x.vn/anh/a.jpg"), None);
    }
}
