//! Files under `/tep/`: documents attached to articles (PDF, Word, Excel, …)
//! and the site's own video, audio and captions. Each is checked to exist, to
//! be of a known kind and within its size limit; its size is read at build
//! time. They are copied to the output as they are, under the same address.

use std::path::PathBuf;

/// The URL prefix of the content's files.
pub const PREFIX: &str = "/tep/";

/// Largest document accepted, in bytes.
pub const MAX_DOCUMENT: u64 = 50 * 1024 * 1024;
/// Largest video or audio file accepted, in bytes.
pub const MAX_MEDIA: u64 = 500 * 1024 * 1024;

/// What a file under `/tep/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A document readers open or download.
    Document,
    /// MP4 or WebM.
    Video,
    /// MP3, M4A or Ogg.
    Audio,
    /// WebVTT captions.
    Captions,
}

/// The kind and MIME type of a file name, by its extension.
pub fn kind_of(name: &str) -> Option<(Kind, &'static str)> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => (Kind::Document, "application/pdf"),
        "doc" => (Kind::Document, "application/msword"),
        "docx" => (
            Kind::Document,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "xls" => (Kind::Document, "application/vnd.ms-excel"),
        "xlsx" => (
            Kind::Document,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "ppt" => (Kind::Document, "application/vnd.ms-powerpoint"),
        "pptx" => (
            Kind::Document,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        "odt" => (Kind::Document, "application/vnd.oasis.opendocument.text"),
        "ods" => (
            Kind::Document,
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        "odp" => (
            Kind::Document,
            "application/vnd.oasis.opendocument.presentation",
        ),
        "rtf" => (Kind::Document, "application/rtf"),
        "txt" => (Kind::Document, "text/plain"),
        "csv" => (Kind::Document, "text/csv"),
        "zip" => (Kind::Document, "application/zip"),
        "mp4" => (Kind::Video, "video/mp4"),
        "webm" => (Kind::Video, "video/webm"),
        "mp3" => (Kind::Audio, "audio/mpeg"),
        "m4a" => (Kind::Audio, "audio/mp4"),
        "ogg" | "oga" => (Kind::Audio, "audio/ogg"),
        "vtt" => (Kind::Captions, "text/vtt"),
        _ => return None,
    })
}

/// A checked file: its kind, MIME type, size in bytes and format name (`PDF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// What it is.
    pub kind: Kind,
    /// Its MIME type.
    pub mime: &'static str,
    /// Its size in bytes.
    pub size: u64,
    /// Its extension in capitals (`PDF`).
    pub format: String,
}

/// Looks up `/tep/…` files in the content's `tep/` folder.
#[derive(Debug, Clone, Default)]
pub struct FileStore {
    root: PathBuf,
    shown_root: String,
}

impl FileStore {
    /// A store for the files in `root` (the content's `tep/` folder), named
    /// `shown_root` in messages.
    pub fn new(root: PathBuf, shown_root: String) -> Self {
        FileStore { root, shown_root }
    }

    /// Checks the file `href` (`/tep/…`) and reads its size.
    pub fn lookup(&self, href: &str) -> Result<FileInfo, String> {
        let href = href.trim();
        let Some(rel) = href.strip_prefix(PREFIX) else {
            return Err(format!(
                "tệp phải nằm trong thư mục tep/ của nội dung (địa chỉ {PREFIX}…): {href}"
            ));
        };
        let bad = rel.is_empty()
            || rel.contains(['\\', '?', '#'])
            || rel
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..");
        if bad {
            return Err(format!("đường dẫn tệp không hợp lệ: {href}"));
        }
        let Some((kind, mime)) = kind_of(rel) else {
            return Err(format!(
                "loại tệp không được hỗ trợ: {href} (tài liệu PDF, DOC(X), XLS(X), PPT(X), ODT, ODS, ODP, RTF, TXT, CSV, ZIP; video MP4, WebM; âm thanh MP3, M4A, OGG; phụ đề VTT)"
            ));
        };
        let path = self.root.join(rel);
        let meta = std::fs::metadata(&path).map_err(|_| {
            format!(
                "không tìm thấy tệp {href} (thiếu tệp {}/{rel})",
                self.shown_root
            )
        })?;
        if !meta.is_file() {
            return Err(format!("{href} không phải một tệp"));
        }
        let limit = match kind {
            Kind::Video | Kind::Audio => MAX_MEDIA,
            _ => MAX_DOCUMENT,
        };
        if meta.len() > limit {
            return Err(format!(
                "tệp quá lớn: {href} ({} MB, tối đa {} MB)",
                meta.len().div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ));
        }
        let format = rel
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .unwrap_or_default();
        Ok(FileInfo {
            kind,
            mime,
            size: meta.len(),
            format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_kind_place_and_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("nq.pdf"), vec![0u8; 1500]).unwrap();
        std::fs::write(dir.path().join("x.exe"), b"MZ").unwrap();
        let store = FileStore::new(dir.path().to_path_buf(), "content/tep".into());
        let f = store.lookup("/tep/nq.pdf").unwrap();
        assert_eq!(
            (f.size, f.format.as_str(), f.kind),
            (1500, "PDF", Kind::Document)
        );
        assert!(store
            .lookup("/tep/x.exe")
            .unwrap_err()
            .contains("không được hỗ trợ"));
        assert!(store
            .lookup("/tep/thieu.pdf")
            .unwrap_err()
            .contains("content/tep/thieu.pdf"));
        assert!(store.lookup("/tep/../site.toml").is_err());
        assert!(store.lookup("/anh/a.pdf").is_err());
        assert_eq!(kind_of("a.MP4"), Some((Kind::Video, "video/mp4")));
    }
}
