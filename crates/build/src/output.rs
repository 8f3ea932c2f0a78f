//! Writing the output safely.
//!
//! Everything a build produces goes through a [`Writer`], and nothing in the live
//! output folder changes until all content was read, checked and rendered:
//!
//! - with no valid manifest (a first build, or an output folder from an older
//!   version), every file is written to a temporary folder inside the output
//!   folder, then `data/`, `anh/` and whatever else was staged (pages, feeds,
//!   sitemaps) are swapped in with renames ([`Staging`]);
//! - with a manifest ([`MANIFEST`]: every file the previous build produced, with
//!   its content hash, size and modification time), only files whose bytes
//!   changed are staged, then each is renamed over its live copy (atomic per
//!   file), and files the previous build produced but this one does not are
//!   removed. A rebuild after editing one article touches a few hundred files
//!   instead of replacing the whole tree. The files to remove are listed in
//!   [`PENDING`] until they are gone, so that an interrupted build leaves
//!   none of them behind unnamed: the next build reads that list with the
//!   manifest and finishes the removal.
//!
//! Files the build did not produce (trunk's app files, an operator's files) are
//! never removed by an incremental build; a full build replaces only the
//! top-level entries it stages, as it always did.

use std::collections::HashMap;

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use rayon::prelude::*;

/// Prefix of the build's temporary folders inside the output folder.
pub const TMP_PREFIX: &str = ".bantin-";

/// The folders of the output that a build replaces.
pub const FOLDERS: [&str; 2] = ["data", "anh"];

/// A temporary output folder; removed on drop unless it was swapped in.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// Creates `out` if needed, removes leftovers of interrupted builds, and makes
    /// a fresh staging folder with empty `data/` and `anh/`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        fs::create_dir_all(out)?;
        for entry in fs::read_dir(out)? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(TMP_PREFIX) && entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())?;
            }
        }
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = out.join(format!("{TMP_PREFIX}moi-{}-{stamp}", std::process::id()));
        for f in FOLDERS {
            fs::create_dir_all(dir.join(f))?;
        }
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
        })
    }

    /// The staging folder itself: each file or folder written at its top level
    /// replaces the output's entry of the same name on [`Staging::commit_replacing`].
    pub fn root(&self) -> &Path {
        &self.dir
    }

    /// Replaces `out/data`, `out/anh` and every other staged top-level entry with
    /// the staged one, and removes the output's top-level entries that this build
    /// did not stage but `stale` claims as the build's own (e.g. sitemap shards a
    /// smaller site no longer needs).
    pub fn commit_replacing(self, stale: impl Fn(&str) -> bool) -> io::Result<()> {
        let old = self.dir.with_file_name(
            self.dir
                .file_name()
                .map(|n| n.to_string_lossy().replacen("moi-", "cu-", 1))
                .unwrap_or_else(|| format!("{TMP_PREFIX}cu")),
        );
        fs::create_dir_all(&old)?;
        let mut staged: Vec<std::ffi::OsString> = fs::read_dir(&self.dir)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<_>>()?;
        staged.sort();
        for f in &staged {
            let live = self.out.join(f);
            let moved = live.symlink_metadata().is_ok();
            if moved {
                fs::rename(&live, old.join(f))?;
            }
            if let Err(e) = fs::rename(self.dir.join(f), &live) {
                if moved {
                    // Put the previous entry back before giving up.
                    let _ = fs::rename(old.join(f), &live);
                }
                return Err(e);
            }
        }
        for entry in fs::read_dir(&self.out)? {
            let name = entry?.file_name();
            let text = name.to_string_lossy();
            if !text.starts_with(TMP_PREFIX) && !staged.contains(&name) && stale(&text) {
                fs::rename(self.out.join(&name), old.join(&name))?;
            }
        }
        remove_tree(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes the folder `dir` and everything in it, unlinking on several threads
/// (an old output of a large site holds over a hundred thousand files); errors
/// are ignored, as a leftover is removed by the next build.
pub fn remove_tree(dir: &Path) {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        if let Ok(entries) = fs::read_dir(&dirs[i]) {
            for e in entries.flatten() {
                match e.file_type() {
                    Ok(t) if t.is_dir() => dirs.push(e.path()),
                    _ => files.push(e.path()),
                }
            }
        }
        i += 1;
    }
    files
        .par_iter()
        .map(|f| {
            let _ = fs::remove_file(f);
        })
        .collect::<Vec<_>>();
    // Children were found after their parents: remove them first.
    for d in dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}

/// The manifest of the files a build produced, kept in the output folder.
pub const MANIFEST: &str = ".bantin-manifest";

/// The files of the previous build that a build is removing, in the
/// manifest's format, while it removes them (see the module's notes).
pub const PENDING: &str = ".bantin-manifest-removing";

/// The manifest's first line; a manifest with another first line is ignored.
const MANIFEST_HEADER: &str = "bantin-manifest 1";

/// The previous manifest: each file's entry, by path.
pub(crate) type Manifest = HashMap<String, Previous, Xxh3DefaultBuilder>;

/// A file of the previous build's manifest.
#[derive(Debug)]
pub(crate) struct Previous {
    entry: Entry,
    /// This build produces the file too (it asked for its entry while
    /// writing it): the files never seen are the ones to remove.
    seen: AtomicBool,
}

/// What the manifest records of one produced file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// XXH3-128 of the file's bytes.
    hash: u128,
    /// A fingerprint of everything the file was rendered from (0 when not given):
    /// with it, an unchanged file is not even rendered again.
    inputs: u128,
    /// Size in bytes.
    len: u64,
    /// Modification time in nanoseconds since 1970, as the live file had it when
    /// written; a live file with another time or size was changed by someone else.
    mtime: u64,
}

impl Entry {
    /// True when the live file at `path` still is the one this entry describes.
    fn matches_file(&self, path: &Path) -> bool {
        fs::metadata(path).is_ok_and(|m| {
            m.is_file() && m.len() == self.len && m.modified().map(nanos).ok() == Some(self.mtime)
        })
    }
}

fn nanos(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// Reads the manifest of `out`, with the files an interrupted build was
/// removing ([`PENDING`]); `None` when it is missing or either is not understood.
fn read_manifest(out: &Path) -> Option<Manifest> {
    let mut map = parse_manifest(&fs::read_to_string(out.join(MANIFEST)).ok()?)?;
    match fs::read_to_string(out.join(PENDING)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(_) => return None,
        Ok(text) => {
            for (path, entry) in parse_manifest(&text)? {
                map.entry(path).or_insert(entry);
            }
        }
    }
    Some(map)
}

/// The entries of a manifest's text; `None` when it is not understood.
fn parse_manifest(text: &str) -> Option<Manifest> {
    let mut lines = text.lines();
    if lines.next()? != MANIFEST_HEADER {
        return None;
    }
    // Parsed in parallel (a large site's manifest has hundreds of thousands of
    // lines); one bad line discards the manifest.
    let lines: Vec<&str> = lines.collect();
    let entries = lines
        .par_iter()
        .map(|line| {
            let mut parts = line.splitn(5, ' ');
            let mut field = || parts.next();
            let hash = u128::from_str_radix(field()?, 16).ok()?;
            let inputs = u128::from_str_radix(field()?, 16).ok()?;
            let len = field()?.parse().ok()?;
            let mtime = field()?.parse().ok()?;
            let path = field()?;
            if path.is_empty() || !is_relative_path(path) {
                return None;
            }
            let entry = Entry {
                hash,
                inputs,
                len,
                mtime,
            };
            let seen = AtomicBool::new(false);
            Some((path.to_string(), Previous { entry, seen }))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut map = HashMap::with_capacity_and_hasher(entries.len(), Xxh3DefaultBuilder::new());
    map.extend(entries);
    Some(map)
}

/// A path the manifest may name: relative, `/`-separated, no `.` or `..` parts,
/// nothing at the top level that belongs to the build's own bookkeeping.
fn is_relative_path(path: &str) -> bool {
    !path.starts_with(TMP_PREFIX)
        && !path.contains(['\\', '\n', '\r', '\0'])
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

/// The manifest's lines for `entries` (formatted in parallel: a large site's
/// manifest has hundreds of thousands of lines).
fn manifest_lines(entries: &[(&str, Entry)]) -> String {
    entries
        .par_chunks(4096)
        .map(|chunk| {
            let mut text = String::with_capacity(chunk.len() * 120);
            for (path, e) in chunk {
                let _ = writeln!(
                    text,
                    "{:032x} {:032x} {} {} {path}",
                    e.hash, e.inputs, e.len, e.mtime
                );
            }
            text
        })
        .collect()
}

/// Writes the manifest `name` ([`MANIFEST`] or [`PENDING`]) of `out` with the
/// lines `parts` (from [`manifest_lines`]), atomically (a temporary file, then a rename).
fn write_manifest(out: &Path, name: &str, parts: &[&str]) -> io::Result<()> {
    let tmp = out.join(format!("{name}.tmp"));
    let mut file = io::BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?);
    file.write_all(MANIFEST_HEADER.as_bytes())?;
    file.write_all(b"\n")?;
    for part in parts {
        file.write_all(part.as_bytes())?;
    }
    file.into_inner().map_err(|e| e.into_error())?;
    fs::rename(&tmp, out.join(name))
}

/// One file produced by this build.
struct Produced {
    path: String,
    entry: Entry,
    /// Whether it was written to the staging folder (its bytes changed).
    staged: bool,
}

/// What [`Writer::commit`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Committed {
    /// Files the build produced.
    pub files: usize,
    /// Files whose bytes changed and were written.
    pub written: usize,
    /// Files of the previous build that are no longer produced and were removed.
    pub removed: usize,
    /// Whether the previous output's manifest was used (an incremental build).
    pub incremental: bool,
}

/// Takes every file a build produces, by path relative to the output folder,
/// and puts the changed ones in place on [`Writer::commit`]. Usable from
/// several threads at once.
pub struct Writer {
    out: PathBuf,
    staging: Staging,
    /// The previous build's manifest; `None` makes a full build.
    previous: Option<Manifest>,
    produced: Mutex<Vec<Produced>>,
    /// A file was produced that the previous manifest does not record as it is.
    differs: AtomicBool,
    /// The inline scripts and styles of the HTML files written (see [`crate::security`]).
    inline: Mutex<crate::security::Inline>,
    /// The build's own bookkeeping files (name in the output folder, bytes),
    /// written after the commit (see [`Writer::keep`]).
    kept: Mutex<Vec<(String, Vec<u8>)>>,
    /// Put before every path written (`en/` while a section is written).
    prefix: std::sync::RwLock<String>,
    /// A fingerprint of this build tool's own executable, mixed into every input
    /// fingerprint so that a changed tool renders everything again (0 when the
    /// executable cannot be read: then nothing is skipped unrendered).
    tool: u128,
}

/// A fingerprint of the running executable (its path, size and modification
/// time: rebuilding the tool changes them), or 0 when it cannot be read.
pub fn tool_fingerprint() -> u128 {
    let Ok(exe) = std::env::current_exe() else {
        return 0;
    };
    match fs::metadata(&exe).and_then(|m| Ok((m.len(), m.modified()?))) {
        Ok((len, modified)) => xxhash_rust::xxh3::xxh3_128(
            format!("{}\0{len}\0{}", exe.display(), nanos(modified)).as_bytes(),
        ),
        Err(_) => 0,
    }
}

/// A build-state file (`.bantin-search-state`, `.bantin-related-state`): a
/// header line with `format`, this executable's fingerprint, a hash of the
/// body (`parts` in a row) and `extra` (fields of the caller's, after a
/// space), then the body.
pub fn seal_state(format: &str, extra: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut sum = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        sum.update(part);
    }
    let head = format!(
        "{format} {:032x} {:032x}{extra}\n",
        tool_fingerprint(),
        sum.digest128()
    );
    let mut out = Vec::with_capacity(head.len() + parts.iter().map(|p| p.len()).sum::<usize>());
    out.extend_from_slice(head.as_bytes());
    for part in parts {
        out.extend_from_slice(part);
    }
    out
}

/// The body of a state [`seal_state`] wrote in `format` with this
/// executable, and the rest of its header line after the hash (`None` when
/// there is none); `None` when it is of another format or executable, or
/// damaged.
pub fn open_state<'a>(format: &str, bytes: &'a [u8]) -> Option<(Option<&'a str>, &'a [u8])> {
    let line = bytes.iter().position(|&b| b == b'\n')?;
    let head = std::str::from_utf8(&bytes[..line]).ok()?;
    let body = &bytes[line + 1..];
    let mut fields = head.strip_prefix(format)?.strip_prefix(' ')?.splitn(3, ' ');
    let tool = u128::from_str_radix(fields.next()?, 16).ok()?;
    let sum = u128::from_str_radix(fields.next()?, 16).ok()?;
    let current = tool_fingerprint();
    if tool != current || current == 0 || xxhash_rust::xxh3::xxh3_128(body) != sum {
        return None;
    }
    Some((fields.next(), body))
}

/// Something the previous build kept in the output folder (its manifest, a
/// state, the security policy), read on a thread of its own while the build
/// reads its content: a large site's take a core a tenth of a second or more.
pub struct ReadAhead<T>(std::thread::JoinHandle<Option<T>>);

impl<T: Send + 'static> ReadAhead<T> {
    /// Starts `read` (`None`: nothing usable is there).
    pub fn start(read: impl FnOnce() -> Option<T> + Send + 'static) -> ReadAhead<T> {
        ReadAhead(std::thread::spawn(read))
    }

    /// What `read` gave. A panic on its thread (a bug) counts as nothing
    /// usable: the build does without it, as without the file.
    pub fn join(self) -> Option<T> {
        self.0.join().ok().flatten()
    }
}

impl Writer {
    /// Prepares a build into `out`: reads its manifest, if any, and makes a staging folder.
    pub fn new(out: &Path) -> io::Result<Writer> {
        Writer::with_previous(out, read_manifest(out))
    }

    /// Starts reading the manifest of `out` for [`Writer::with_manifest`].
    pub(crate) fn read_ahead(out: &Path) -> ReadAhead<Manifest> {
        let out = out.to_path_buf();
        ReadAhead::start(move || read_manifest(&out))
    }

    /// [`Writer::new`] with the manifest of `out` read by [`Writer::read_ahead`].
    pub(crate) fn with_manifest(out: &Path, read: ReadAhead<Manifest>) -> io::Result<Writer> {
        Writer::with_previous(out, read.join())
    }

    fn with_previous(out: &Path, previous: Option<Manifest>) -> io::Result<Writer> {
        let staging = Staging::new(out)?;
        Ok(Writer {
            out: out.to_path_buf(),
            previous,
            staging,
            produced: Mutex::new(Vec::new()),
            differs: AtomicBool::new(false),
            inline: Mutex::new(crate::security::Inline::default()),
            kept: Mutex::new(Vec::new()),
            prefix: std::sync::RwLock::new(String::new()),
            tool: tool_fingerprint(),
        })
    }

    /// Whether `path` is taken: this build produced it, or a file of someone
    /// else's (trunk's, the widgets') is there, which the previous build did
    /// not produce.
    pub fn taken(&self, path: &str) -> bool {
        let path = self.full(path);
        let produced = self
            .produced
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .any(|p| p.path == path);
        let ours_before = self
            .previous
            .as_ref()
            .is_some_and(|m| m.contains_key(&path));
        produced || (!ours_before && self.out.join(&path).exists())
    }

    /// True when a previous manifest is used: only changed files are written.
    pub fn is_incremental(&self) -> bool {
        self.previous.is_some()
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Writes every later file under the folder `prefix` (`en/`, a section
    /// of the site; empty for the site's root).
    pub fn set_prefix(&self, prefix: &str) {
        *self.prefix.write().unwrap_or_else(|p| p.into_inner()) = prefix.to_string();
    }

    /// The folder every later file is written under (see [`Writer::set_prefix`]).
    pub fn prefix(&self) -> String {
        self.prefix
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// `path` under the current prefix (see [`Writer::set_prefix`]).
    fn full(&self, path: &str) -> String {
        let prefix = self.prefix.read().unwrap_or_else(|p| p.into_inner());
        format!("{prefix}{path}")
    }

    /// Produces the file `path` (relative, `/`-separated) with `bytes`.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_entry(&self.full(path), bytes, 0)
    }

    /// Produces the file `path` with the bytes `render` makes from inputs whose
    /// fingerprint is `inputs`: when the previous build produced `path` from the
    /// same fingerprint and the live file is untouched, `render` is not called.
    /// The fingerprint must cover everything `render` reads.
    pub fn write_rendered(
        &self,
        path: &str,
        inputs: u128,
        render: impl FnOnce() -> io::Result<String>,
    ) -> io::Result<()> {
        self.write_made(path, inputs, || render().map(String::into_bytes))
    }

    /// [`Writer::write_rendered`] for bytes of any kind (an image).
    pub fn write_made(
        &self,
        path: &str,
        inputs: u128,
        render: impl FnOnce() -> io::Result<Vec<u8>>,
    ) -> io::Result<()> {
        let path = &self.full(path);
        let inputs = if inputs == 0 || self.tool == 0 {
            0
        } else {
            let mut both = [0u8; 32];
            both[..16].copy_from_slice(&inputs.to_le_bytes());
            both[16..].copy_from_slice(&self.tool.to_le_bytes());
            xxhash_rust::xxh3::xxh3_128(&both)
        };
        if let Some(old) = self.unchanged(path, |e| inputs != 0 && e.inputs == inputs) {
            self.record(path, old, Some(old));
            return Ok(());
        }
        self.write_entry(path, &render()?, inputs)
    }

    /// The text of the file `path` (under the current prefix) as the previous
    /// build produced it: `None` when it did not, or the live file is not
    /// that one any more (its size, time or hash differ) or is not UTF-8.
    pub fn previous_text(&self, path: &str) -> Option<String> {
        let path = self.full(path);
        let old = &self.previous.as_ref()?.get(&path)?.entry;
        let live = self.out.join(&path);
        if !old.matches_file(&live) {
            return None;
        }
        let bytes = fs::read(&live).ok()?;
        let same = bytes.len() as u64 == old.len && xxhash_rust::xxh3::xxh3_128(&bytes) == old.hash;
        String::from_utf8(bytes).ok().filter(|_| same)
    }

    /// The previous entry of `path` when `same` holds for it and the live
    /// file is untouched. Only for a file this build produces: it marks the
    /// file as one not to remove.
    fn unchanged(&self, path: &str, same: impl Fn(&Entry) -> bool) -> Option<Entry> {
        let old = self.previous.as_ref()?.get(path)?;
        old.seen.store(true, Ordering::Relaxed);
        let old = &old.entry;
        (same(old) && old.matches_file(&self.out.join(path))).then_some(*old)
    }

    fn write_entry(&self, path: &str, bytes: &[u8], inputs: u128) -> io::Result<()> {
        if !is_relative_path(path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("đường dẫn kết quả không hợp lệ: {path:?}"),
            ));
        }
        if path.ends_with(".html") {
            let mut found = crate::security::Inline::default();
            found.scan(path, &String::from_utf8_lossy(bytes));
            self.inline
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(found);
        }
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        let len = bytes.len() as u64;
        if let Some(old) = self.unchanged(path, |e| e.hash == hash && e.len == len) {
            self.record(path, Entry { inputs, ..old }, Some(old));
            return Ok(());
        }
        let target = self.staging.root().join(path);
        let mut file = match fs::File::create(&target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::File::create(&target)?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        let mtime = nanos(file.metadata()?.modified()?);
        let entry = Entry {
            hash,
            inputs,
            len,
            mtime,
        };
        self.record(path, entry, None);
        Ok(())
    }

    /// Writes `bytes` as the file `name` of the build's own bookkeeping (at
    /// the top of the output folder, outside the manifest) once the build's
    /// files are in place, so that a failed build leaves it as it was. It is
    /// written whole or not at all; a failure removes it.
    pub fn keep(&self, name: &str, bytes: Vec<u8>) {
        self.kept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((name.to_string(), bytes));
    }

    /// The inline scripts and styles of every HTML file given so far. A page
    /// [`Writer::write_rendered`] did not render again is made from the same
    /// app shell as the pages this build wrote (its inputs include the shell),
    /// and the views put no running script in a page, so they count too.
    pub fn inline(&self) -> crate::security::Inline {
        self.inline
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Records the file `path` this build produces: `kept` is the previous
    /// entry of a file whose live copy stays, `None` for one written to the
    /// staging folder.
    fn record(&self, path: &str, entry: Entry, kept: Option<Entry>) {
        let staged = kept.is_none();
        if kept != Some(entry) {
            self.differs.store(true, Ordering::Relaxed);
        }
        self.produced
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Produced {
                path: path.to_string(),
                entry,
                staged,
            });
    }

    /// Puts this build's files in place and records them in the manifest.
    ///
    /// A full build swaps in the staged top-level entries and also removes the
    /// output's top-level entries that `stale` claims (see
    /// [`Staging::commit_replacing`]). An incremental build renames each changed
    /// file over its live copy and removes the files of the previous manifest
    /// that were not produced again.
    pub fn commit(mut self, stale: impl Fn(&str) -> bool) -> io::Result<Committed> {
        let kept = std::mem::take(self.kept.get_mut().unwrap_or_else(|p| p.into_inner()));
        let out = self.out.clone();
        let tmp = |name: &str| out.join(format!("{name}.tmp"));
        // The bookkeeping files are written beside the commit (tens of MB for a
        // large site), and put in place once it succeeded.
        let (committed, written) = std::thread::scope(|scope| {
            let written = scope.spawn(|| {
                kept.iter()
                    .map(|(name, bytes)| fs::write(tmp(name), bytes).is_ok())
                    .collect::<Vec<bool>>()
            });
            let committed = self.commit_files(stale);
            (committed, written.join().unwrap_or_default())
        });
        for (i, (name, _)) in kept.iter().enumerate() {
            let path = out.join(name);
            let placed = committed.is_ok()
                && written.get(i) == Some(&true)
                && fs::rename(tmp(name), &path).is_ok();
            if !placed {
                let _ = fs::remove_file(tmp(name));
                // A failed commit leaves the previous one as it was.
                if committed.is_ok() {
                    let _ = fs::remove_file(&path);
                }
            }
        }
        committed
    }

    /// [`Writer::commit`] without the bookkeeping files.
    fn commit_files(self, stale: impl Fn(&str) -> bool) -> io::Result<Committed> {
        let mut produced = self
            .produced
            .into_inner()
            .unwrap_or_else(|p| p.into_inner());
        produced.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
        if let Some(w) = produced.windows(2).find(|w| w[0].path == w[1].path) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("hai tài liệu cùng ghi vào {}", w[0].path),
            ));
        }
        let written = produced.iter().filter(|p| p.staged).count();
        let entries: Vec<(&str, Entry)> = produced
            .iter()
            .map(|p| (p.path.as_str(), p.entry))
            .collect();
        let Some(previous) = self.previous else {
            // Without a manifest no file of the old output can be trusted: swap
            // the staged tree in. The manifest goes first, so that an interrupted
            // swap leaves no manifest naming files that are not there.
            let _ = fs::remove_file(self.out.join(MANIFEST));
            let _ = fs::remove_file(self.out.join(PENDING));
            self.staging.commit_replacing(stale)?;
            write_manifest(&self.out, MANIFEST, &[&manifest_lines(&entries)])?;
            return Ok(Committed {
                files: produced.len(),
                written,
                removed: 0,
                incremental: false,
            });
        };
        // The previous build's files this one did not produce (every file it
        // produced asked for its previous entry: `Writer::unchanged`).
        let mut removed: Vec<(&str, Entry)> = previous
            .iter()
            .filter(|(_, p)| !p.seen.load(Ordering::Relaxed))
            .map(|(p, e)| (p.as_str(), e.entry))
            .collect();
        removed.sort_unstable_by(|a, b| a.0.cmp(b.0));
        // A manifest that would not change is not written again (writing it is a
        // good part of a small rebuild of a large site): nothing removed, as
        // many files, and each the one recorded (`Writer::record`).
        let unchanged = removed.is_empty()
            && entries.len() == previous.len()
            && !self.differs.load(Ordering::Relaxed);
        // Until the end, the files to remove are listed beside the manifest,
        // which is written once, final, before any file changes: an interrupted
        // commit is finished by the next build (a live file that is not yet the
        // new one differs in size or time from its entry, and the listed files
        // are its to remove).
        if !removed.is_empty() {
            write_manifest(&self.out, PENDING, &[&manifest_lines(&removed)])?;
        }
        if !unchanged {
            write_manifest(&self.out, MANIFEST, &[&manifest_lines(&entries)])?;
        }
        for p in produced.iter().filter(|p| p.staged) {
            let live = self.out.join(&p.path);
            let from = self.staging.root().join(&p.path);
            if let Err(e) = fs::rename(&from, &live) {
                if e.kind() != io::ErrorKind::NotFound {
                    return Err(e);
                }
                if let Some(parent) = live.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::rename(&from, &live)?;
            }
        }
        for (path, _) in &removed {
            let live = self.out.join(path);
            match fs::remove_file(&live) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            // Remove the folders this leaves empty (never the output folder itself).
            let mut dir = live.parent();
            while let Some(d) = dir.filter(|d| *d != self.out) {
                if fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        // Top-level entries the build claims as its own (e.g. sitemap shards of a
        // bigger site, written before there was a manifest) go too, as in a full build.
        let mut claimed = 0;
        for entry in fs::read_dir(&self.out)? {
            let entry = entry?;
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if !text.starts_with(TMP_PREFIX)
                && entry.file_type()?.is_file()
                && stale(&text)
                && produced
                    .binary_search_by(|p| p.path.as_str().cmp(&text))
                    .is_err()
            {
                fs::remove_file(entry.path())?;
                claimed += 1;
            }
        }
        // Done: the list of files to remove (this build's, or an interrupted
        // one's that this build read) goes. Were it left, the next build would
        // find its files gone already.
        let _ = fs::remove_file(self.out.join(PENDING));
        let committed = Committed {
            files: produced.len(),
            written,
            removed: removed.len() + claimed,
            incremental: true,
        };
        // Hundreds of thousands of paths are freed beside the build's last steps.
        drop((entries, removed));
        std::thread::spawn(move || drop((previous, produced)));
        Ok(committed)
    }
}

/// Produces every file of the folder `from` whose name `keep` accepts,
/// recursively, under `prefix` (e.g. `anh`) through `writer`; returns the number of files.
pub fn copy_into(
    writer: &Writer,
    from: &Path,
    prefix: &str,
    keep: &dyn Fn(&str) -> bool,
) -> io::Result<usize> {
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut n = 0;
    for e in entries {
        let name = e.file_name();
        let Some(name) = name.to_str() else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("tên tệp không phải UTF-8: {}", e.path().display()),
            ));
        };
        let target = format!("{prefix}/{name}");
        let meta = fs::metadata(e.path())?;
        if meta.is_dir() {
            n += copy_into(writer, &e.path(), &target, keep)?;
        } else if meta.is_file() && keep(name) {
            writer.write(&target, &fs::read(e.path())?)?;
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        fs::create_dir_all(out.join("data")).unwrap();
        fs::write(out.join("data/old.json"), "1").unwrap();
        fs::write(out.join("index.html"), "x").unwrap();
        fs::create_dir_all(out.join(".bantin-moi-1-2")).unwrap();

        let s = Staging::new(&out).unwrap();
        fs::write(s.root().join("data").join("new.json"), "2").unwrap();
        s.commit_replacing(|_| false).unwrap();
        assert!(out.join("data/new.json").exists());
        assert!(!out.join("data/old.json").exists());
        assert!(out.join("anh").is_dir());
        assert!(
            out.join("index.html").exists(),
            "other files are left alone"
        );
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.starts_with(TMP_PREFIX)),
            "{names:?}"
        );

        // Other staged entries are swapped in too; claimed leftovers are removed.
        fs::write(out.join("sitemap-9.xml"), "old").unwrap();
        fs::write(out.join("sitemap-1.xml"), "old").unwrap();
        let s = Staging::new(&out).unwrap();
        fs::write(s.root().join("data").join("new.json"), "2").unwrap();
        fs::write(s.root().join("sitemap-1.xml"), "new").unwrap();
        fs::create_dir_all(s.root().join("chuyen-muc/a")).unwrap();
        fs::write(s.root().join("chuyen-muc/a/rss.xml"), "r").unwrap();
        s.commit_replacing(|n| n.starts_with("sitemap-")).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("sitemap-1.xml")).unwrap(),
            "new"
        );
        assert!(!out.join("sitemap-9.xml").exists());
        assert!(out.join("chuyen-muc/a/rss.xml").exists());
        assert!(out.join("index.html").exists());
        assert!(out.join("data").is_dir());

        // Dropping without commit leaves the live folders as they were.
        let s = Staging::new(&out).unwrap();
        fs::write(s.root().join("data").join("half.json"), "3").unwrap();
        drop(s);
        assert!(out.join("data/new.json").exists());
        assert!(!out.join("data/half.json").exists());
    }

    #[test]
    fn writer_writes_changed_files_and_removes_dropped_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let w = Writer::new(&out).unwrap();
        assert!(!w.is_incremental());
        w.write("a.txt", b"1").unwrap();
        w.write("x/y/b.txt", b"2").unwrap();
        w.write("x/c.txt", b"3").unwrap();
        let done = w.commit(|_| false).unwrap();
        assert_eq!((done.files, done.written, done.removed), (3, 3, 0));
        fs::write(out.join("x/riêng.txt"), "operator").unwrap();

        let w = Writer::new(&out).unwrap();
        assert!(w.is_incremental());
        w.write("a.txt", b"1").unwrap();
        w.write("x/c.txt", b"33").unwrap();
        let mut rendered = false;
        w.write_rendered("d/e.txt", 5, || {
            rendered = true;
            Ok("4".to_string())
        })
        .unwrap();
        assert!(rendered);
        let done = w.commit(|_| false).unwrap();
        assert_eq!((done.files, done.written, done.removed), (3, 2, 1));
        assert_eq!(fs::read_to_string(out.join("x/c.txt")).unwrap(), "33");
        assert_eq!(fs::read_to_string(out.join("d/e.txt")).unwrap(), "4");
        assert!(!out.join("x/y").exists(), "emptied folders go");
        assert!(out.join("x/riêng.txt").exists(), "other files stay");

        // Same inputs and an untouched live file: not rendered again.
        let w = Writer::new(&out).unwrap();
        w.write_rendered("d/e.txt", 5, || panic!("rendered again"))
            .unwrap();
        w.write_rendered("a.txt", 9, || Ok("1".to_string()))
            .unwrap();
        let done = w.commit(|_| false).unwrap();
        assert_eq!((done.files, done.written, done.removed), (2, 0, 1));
        assert!(!out.join("x/c.txt").exists());

        // Two documents writing one path is an error, and nothing changes.
        let w = Writer::new(&out).unwrap();
        w.write("a.txt", b"5").unwrap();
        w.write("a.txt", b"6").unwrap();
        assert!(w.commit(|_| false).is_err());
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "1");
        assert!(Writer::new(&out).unwrap().write("../z", b"").is_err());
    }

    #[test]
    fn an_interrupted_removal_is_finished_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let w = Writer::new(&out).unwrap();
        for f in ["a.txt", "x/b.txt", "x/c.txt"] {
            w.write(f, f.as_bytes()).unwrap();
        }
        w.commit(|_| false).unwrap();
        assert!(!out.join(PENDING).exists(), "no list of removals once done");

        // A build that drops x/b.txt and x/c.txt, stopped after it wrote its
        // manifest and the list of removals, before it removed anything.
        let w = Writer::new(&out).unwrap();
        w.write("a.txt", b"a.txt").unwrap();
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        let (kept, dropped): (Vec<&str>, Vec<&str>) = manifest
            .lines()
            .skip(1)
            .partition(|l| l.ends_with(" a.txt"));
        let lines = |l: &[&str]| format!("{MANIFEST_HEADER}\n{}\n", l.join("\n"));
        fs::write(out.join(MANIFEST), lines(&kept)).unwrap();
        fs::write(out.join(PENDING), lines(&dropped)).unwrap();
        drop(w);

        // The next build removes them, as the stopped one would have.
        let w = Writer::new(&out).unwrap();
        assert!(w.is_incremental());
        w.write("a.txt", b"a.txt").unwrap();
        let done = w.commit(|_| false).unwrap();
        assert_eq!((done.files, done.written, done.removed), (1, 0, 2));
        assert!(!out.join("x").exists());
        assert!(!out.join(PENDING).exists());
        assert!(out.join("a.txt").exists());

        // A list that cannot be read makes a full build: nothing of the old
        // output is trusted.
        fs::write(out.join(PENDING), "hỏng").unwrap();
        let w = Writer::new(&out).unwrap();
        assert!(!w.is_incremental());
        w.write("a.txt", b"a.txt").unwrap();
        w.commit(|_| false).unwrap();
        assert!(!out.join(PENDING).exists());
        assert!(Writer::new(&out).unwrap().is_incremental());
    }

    #[test]
    fn an_unchanged_build_leaves_the_manifest_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        let build = |files: &[(&str, &str)]| {
            let w = Writer::new(&out).unwrap();
            for (path, text) in files {
                w.write(path, text.as_bytes()).unwrap();
            }
            w.commit(|_| false).unwrap()
        };
        build(&[("a.txt", "1"), ("b.txt", "2")]);
        let modified = || {
            fs::metadata(out.join(MANIFEST))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = modified();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let done = build(&[("b.txt", "2"), ("a.txt", "1")]);
        assert_eq!((done.written, done.removed), (0, 0));
        assert_eq!(modified(), before, "not written again");
        // One file fewer, or one changed: written again.
        build(&[("a.txt", "1")]);
        assert_ne!(modified(), before);
        let before = modified();
        std::thread::sleep(std::time::Duration::from_millis(20));
        build(&[("a.txt", "11")]);
        assert_ne!(modified(), before);
        assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "11");
    }

    #[test]
    fn removes_a_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cu");
        for i in 0..50 {
            fs::create_dir_all(root.join(format!("a/{i}"))).unwrap();
            fs::write(root.join(format!("a/{i}/index.html")), "x").unwrap();
        }
        fs::write(root.join("top.txt"), "x").unwrap();
        remove_tree(&root);
        assert!(!root.exists());
    }
}
