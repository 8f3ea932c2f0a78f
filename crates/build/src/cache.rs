//! The parse cache: what a rebuild need not read and parse again.
//!
//! A build keeps, in the output folder ([`CACHE`]), one entry per article file
//! it parsed: the file's size, modification time and content hash, and the
//! parsed article without its body (only the first paragraph is kept when the
//! front matter has no lead, as summaries and feeds use it). The next build
//! takes an article from the cache instead of reading its file when:
//!
//! - the whole cache was made from the same inputs: this executable, the same
//!   `site.toml` bytes, the same images under `anh/` (names, sizes and times)
//!   and the same content folder ([`Cache::key`]); anything else discards it;
//! - the file still has the recorded size, modification time and status change
//!   time, and its modification time is more than [`RACY_SECS`] older than the
//!   start of the build that wrote the cache (a file changed again within the
//!   same clock tick as the cached read would otherwise look unchanged; such
//!   files are read again);
//! - or, when the file is read again (its stamp changed or cannot be trusted),
//!   its bytes hash to the recorded hash: it is not parsed again.
//!
//! The body of a cached article is read and parsed again only when a document
//! or page that shows it has to be rendered ([`crate::render::Model`]). A
//! missing, damaged or foreign cache is ignored: the build parses everything.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use bantin_contract::Block;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::article::Parsed;
use crate::output::tool_fingerprint;
use rayon::prelude::*;

/// The cache's file name in the output folder.
pub const CACHE: &str = ".bantin-parse-cache";

/// The cache's first word and format version.
const HEADER: &str = "bantin-parse-cache 1";

/// Files modified less than this long before the caching build started are not trusted.
pub const RACY_SECS: u64 = 2;

/// Size and modification time of a file, as the cache records them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: u64,
    /// Status change time, nanoseconds since 1970 (0 where unknown): unlike the
    /// modification time it cannot be set back, so a file replaced by one of the
    /// same size and modification time (`touch -d`, `rsync -t`) is still noticed.
    pub ctime: u64,
}

impl Stamp {
    /// The stamp of the file at `path`.
    pub fn of(path: &Path) -> io::Result<Stamp> {
        let m = fs::metadata(path)?;
        #[cfg(unix)]
        let ctime = {
            use std::os::unix::fs::MetadataExt;
            (m.ctime() as u64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(m.ctime_nsec() as u64)
        };
        #[cfg(not(unix))]
        let ctime = 0;
        Ok(Stamp {
            len: m.len(),
            mtime: nanos(m.modified()?),
            ctime,
        })
    }
}

/// Nanoseconds since 1970 (0 before it).
pub fn nanos(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// One cached article, a line of the cache file.
#[derive(Debug, Serialize, Deserialize)]
struct Line {
    len: u64,
    mtime: u64,
    ctime: u64,
    /// XXH3-128 of the file's bytes, in hex.
    hash: String,
    /// The parsed article, body reduced to what summaries need.
    parsed: Parsed,
}

/// One cached article as a build uses it.
#[derive(Debug)]
struct Entry {
    len: u64,
    mtime: u64,
    ctime: u64,
    /// XXH3-128 of the file's bytes, in hex.
    hash: String,
    /// The parsed article, until the build takes it (once: each file is read once).
    parsed: std::sync::Mutex<Option<Parsed>>,
    /// The entry's line in the cache file, written again as it is.
    line: String,
    /// Its file was modified too close to the caching build's start for its
    /// stamp to be trusted: it is used only when the file's bytes still hash
    /// to `hash` (see [`Cache::get_checked`]).
    racy: bool,
}

impl Entry {
    /// The parsed article, taken (not copied: a large site has tens of
    /// thousands); `None` once taken.
    fn take(&self) -> Option<Parsed> {
        self.parsed.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// The stamp of the file it was made from.
    fn stamp(&self) -> Stamp {
        Stamp {
            len: self.len,
            mtime: self.mtime,
            ctime: self.ctime,
        }
    }
}

/// An article as the loader got it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The article; when `partial`, its body holds only what summaries need.
    pub parsed: Parsed,
    /// XXH3-128 of the file's bytes.
    pub hash: u128,
    /// Whether it came from the cache (its body must be read again to render it).
    pub partial: bool,
}

/// The body a cached article keeps: the first non-empty paragraph when the
/// front matter has no lead (it is the summary's lead), else nothing.
pub fn summary_body(a: &Parsed) -> Vec<Block> {
    if a.lead.is_some() {
        return Vec::new();
    }
    a.body
        .iter()
        .find(|b| match b {
            Block::Paragraph { content } => {
                let t: String = content.iter().map(|i| i.text()).collect();
                !t.trim().is_empty()
            }
            _ => false,
        })
        .cloned()
        .into_iter()
        .collect()
}

/// The cache read from an output folder, and what this build adds to it.
pub struct Cache {
    key: u128,
    started: u64,
    /// Entries of the previous build by file path (as shown in messages), trusted ones only.
    old: HashMap<String, Entry>,
}

impl Cache {
    /// A fingerprint of everything besides an article's own file that parsing it
    /// depends on: this executable, `site.toml`, the images and the content folder.
    pub fn key(content: &Path, site_text: &str) -> u128 {
        let mut h = Xxh3::new();
        h.update(HEADER.as_bytes());
        h.update(&tool_fingerprint().to_le_bytes());
        h.update(content.display().to_string().as_bytes());
        h.update(b"\0");
        h.update(site_text.as_bytes());
        h.update(b"\0");
        let mut images = Vec::new();
        list_files(&content.join("anh"), &mut images);
        images.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, s) in images {
            h.update(p.as_bytes());
            h.update(&s.len.to_le_bytes());
            h.update(&s.mtime.to_le_bytes());
        }
        h.digest128()
    }

    /// Reads the cache of `out` if it was made with `key`; an empty cache otherwise.
    pub fn read(out: Option<&Path>, key: u128) -> Cache {
        let started = nanos(SystemTime::now());
        let mut cache = Cache {
            key,
            started,
            old: HashMap::new(),
        };
        let Some(text) = out.and_then(|o| fs::read_to_string(o.join(CACHE)).ok()) else {
            return cache;
        };
        let mut lines = text.lines();
        let Some(header) = lines.next() else {
            return cache;
        };
        let mut words = header.split(' ');
        let ok = words.next() == Some("bantin-parse-cache")
            && words.next() == Some("1")
            && words.next().and_then(|k| u128::from_str_radix(k, 16).ok()) == Some(key);
        let Some(then) = words.next().and_then(|t| t.parse::<u64>().ok()) else {
            return cache;
        };
        if !ok {
            return cache;
        }
        let trusted_before = then.saturating_sub(RACY_SECS * 1_000_000_000);
        let lines: Vec<&str> = lines.collect();
        let entries = lines
            .par_iter()
            .map(|l| {
                serde_json::from_str::<Line>(l).ok().map(|e| {
                    let path = e.parsed.path.clone();
                    let entry = Entry {
                        line: l.to_string(),
                        racy: e.mtime >= trusted_before,
                        len: e.len,
                        mtime: e.mtime,
                        ctime: e.ctime,
                        hash: e.hash,
                        parsed: std::sync::Mutex::new(Some(e.parsed)),
                    };
                    (path, entry)
                })
            })
            .collect::<Vec<_>>();
        if entries.iter().any(Option::is_none) {
            // A damaged cache is not used at all.
            return cache;
        }
        cache.old = entries.into_iter().flatten().collect();
        cache
    }

    /// The cached article of the file `path` whose stamp is `stamp`, if any.
    pub fn get(&self, path: &str, stamp: Stamp) -> Option<Loaded> {
        let e = self.old.get(path)?;
        if e.racy || e.stamp() != stamp {
            return None;
        }
        let hash = u128::from_str_radix(&e.hash, 16).ok()?;
        Some(Loaded {
            parsed: e.take()?,
            hash,
            partial: true,
        })
    }

    /// The cached article of the file `path` whose bytes hash to `hash`, if
    /// any, whatever its stamp: the file was read (its stamp could not be
    /// trusted, or changed) but its bytes are those the entry was parsed from,
    /// so it need not be parsed again.
    pub fn get_checked(&self, path: &str, hash: u128) -> Option<Loaded> {
        let e = self.old.get(path)?;
        if u128::from_str_radix(&e.hash, 16).ok()? != hash {
            return None;
        }
        Some(Loaded {
            parsed: e.take()?,
            hash,
            partial: true,
        })
    }

    /// The cache's text for `articles` (with their files' stamps), to be
    /// written by [`Cache::write`]; `None` when the cache read holds exactly
    /// these articles (every one came from it), so it need not be written again.
    pub fn render(&self, articles: &[(&Loaded, Stamp)]) -> Option<String> {
        // An entry is written again as it is when its file's stamp is the one
        // it records and trusted; an entry of a file read again gets its new
        // stamp (and the cache a new start time, which trusts it next time).
        let kept = |a: &Loaded, s: Stamp| {
            self.old
                .get(&a.parsed.path)
                .filter(|e| a.partial && !e.racy && e.stamp() == s)
        };
        if articles.len() == self.old.len() && articles.iter().all(|(a, s)| kept(a, *s).is_some()) {
            return None;
        }
        let lines = articles
            .par_iter()
            .map(|(a, s)| {
                if let Some(e) = kept(a, *s) {
                    return e.line.clone();
                }
                let entry = Line {
                    len: s.len,
                    mtime: s.mtime,
                    ctime: s.ctime,
                    hash: format!("{:032x}", a.hash),
                    parsed: Parsed {
                        body: summary_body(&a.parsed),
                        ..a.parsed.clone()
                    },
                };
                serde_json::to_string(&entry).expect("cache entries always serialize")
            })
            .collect::<Vec<_>>();
        let mut text = format!("{HEADER} {:032x} {}\n", self.key, self.started);
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
        Some(text)
    }

    /// Writes `text` (from [`Cache::render`]) as the cache of `out`, atomically;
    /// failures are ignored (the next build parses everything).
    pub fn write(out: &Path, text: &str) {
        let tmp = out.join(format!("{CACHE}.tmp"));
        if fs::write(&tmp, text).is_err() || fs::rename(&tmp, out.join(CACHE)).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    /// The fingerprint of an article parsed from a file at `path` whose bytes
    /// hash to `hash`, under this cache's key: equal fingerprints, equal articles.
    pub fn fingerprint(&self, path: &str, hash: u128) -> u128 {
        let mut h = Xxh3::new();
        h.update(&self.key.to_le_bytes());
        h.update(&hash.to_le_bytes());
        h.update(path.as_bytes());
        h.digest128().max(1)
    }
}

/// Every file under `dir` with its stamp, by path relative to `dir`.
fn list_files(dir: &Path, out: &mut Vec<(String, Stamp)>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(s) = Stamp::of(&p) {
                let rel = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
                out.push((rel, s));
            }
        }
    }
}

/// XXH3-128 of `bytes`.
pub fn hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}
