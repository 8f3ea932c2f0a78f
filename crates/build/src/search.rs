//! The search index (`data/tim/`, see the `bantin-search` crate): every article's
//! title, lead and body, oldest first; then every page of the site (its title
//! and body), in the model's file order; then every document of the registry
//! (its type and number, summary, issuer, signer, fields and body), oldest
//! first, with its number's key.
//!
//! Analysing an article (its words, forms and phrases) needs its body, which a
//! rebuild otherwise takes from the parse cache without reading the file. So the
//! analyses are kept too, in [`CACHE`] in the output folder: one line per article,
//! keyed by the article's fingerprint (its file's content hash under the parse
//! cache's key, see [`crate::cache::Cache::fingerprint`]). A rebuild analyses, and
//! reads the body of, only the articles whose fingerprint is not there; a missing
//! or damaged line is simply analysed again. The old file is indexed (fingerprint
//! to offset) and its lines read as each batch needs them, so a large archive's
//! cache is never in memory whole. The pages and the registry's documents are
//! few and always read whole, so they are analysed on every build, without the
//! cache.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use bantin_contract::{plain_text, InfoPage, OfficialDocument};
use bantin_search::index::{analyze, Analyzed, AnalyzedRef, Builder, DocInfo, DocKind};

use crate::output::{ReadAhead, Writer};
use crate::render::Model;
use rayon::prelude::*;

/// Articles analysed at a time (bounds the memory of the words not yet added).
const BATCH: usize = 4096;

/// The analyses' cache file in the output folder.
pub const CACHE: &str = ".bantin-search-cache";

/// The cache's first line (its format version).
const HEADER: &str = "bantin-search-cache 1";

/// The previous build's cache: where each article's line is, read one by one as
/// needed (the whole file would hold hundreds of MB on a large archive).
struct OldCache {
    file: Option<fs::File>,
    /// Fingerprint → (offset of the analysis, its length in bytes). A
    /// fingerprint on several lines (an analysis appended again after its line
    /// was found damaged) is the last one's.
    at: HashMap<u128, (u64, usize)>,
    /// Lines of analyses in the file.
    lines: usize,
}

impl OldCache {
    /// A cache with no lines (none, unreadable, or of another format).
    fn empty() -> OldCache {
        OldCache {
            file: None,
            at: HashMap::new(),
            lines: 0,
        }
    }

    /// Indexes the cache file at `path`; an empty cache when it is missing or of
    /// another format.
    fn open(path: &Path) -> OldCache {
        let mut cache = OldCache::empty();
        let Ok(file) = fs::File::open(path) else {
            return cache;
        };
        let mut r = BufReader::with_capacity(1 << 20, &file);
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line).is_err() || line.trim_ascii_end() != HEADER.as_bytes() {
            return cache;
        }
        let mut offset = line.len() as u64;
        loop {
            line.clear();
            match r.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(n) => {
                    // A line without its newline was cut by an interrupted
                    // append: it may read as a shorter analysis, so it is not used.
                    let whole = line.ends_with(b"\n");
                    let text = line.trim_ascii_end();
                    let tab = text.iter().position(|&b| b == b'\t');
                    if let Some(tab) = tab.filter(|_| whole) {
                        let key = std::str::from_utf8(&text[..tab])
                            .ok()
                            .and_then(|k| u128::from_str_radix(k, 16).ok());
                        if let Some(key) = key {
                            let start = offset + tab as u64 + 1;
                            cache.at.insert(key, (start, text.len() - tab - 1));
                            cache.lines += 1;
                        }
                    }
                    offset += n as u64;
                }
                Err(_) => return OldCache::empty(),
            }
        }
        drop(r);
        cache.file = Some(file);
        cache
    }

    /// The cached line of the article with `fingerprint`, if any. Read at its
    /// offset, so the batch's threads read at once.
    fn line(&self, fingerprint: u128) -> Option<String> {
        let &(offset, len) = self.at.get(&fingerprint).filter(|_| fingerprint != 0)?;
        let mut buf = vec![0; len];
        read_exact_at(self.file.as_ref()?, &mut buf, offset).ok()?;
        String::from_utf8(buf).ok()
    }
}

/// Fills `buf` from `file` at `offset`, without moving a shared cursor.
#[cfg(unix)]
fn read_exact_at(file: &fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fills `buf` from `file` at `offset`, without moving a shared cursor.
#[cfg(windows)]
fn read_exact_at(file: &fs::File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// How the cache file is brought up to date.
enum CacheOut {
    /// Written whole into a temporary file, renamed over the old one at the end.
    Rewrite(BufWriter<fs::File>),
    /// The old file is kept and the new analyses appended to it at the end: a
    /// rebuild that changed a few articles of a large archive writes a few lines,
    /// not hundreds of MB. The lines of changed or removed articles stay until
    /// they are a quarter of the file, when the next build rewrites it.
    Append(Vec<(u128, String)>),
    /// The cache cannot be written (the index is, and the next build analyses
    /// everything again).
    None,
}

/// What [`write`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files of the index.
    pub files: usize,
    /// Articles analysed (the others came from the cache).
    pub analysed: usize,
    /// Pages of the site indexed (always analysed).
    pub pages: usize,
    /// Documents of the registry indexed (always analysed).
    pub documents: usize,
    /// Whether the previous build's index was patched (see [`write`]) rather
    /// than built whole.
    pub patched: bool,
}

/// What the index shows of the article `i` of `model`.
fn doc_info(model: &Model, i: usize) -> DocInfo {
    let a = &model.articles[i];
    let s = &model.summaries[i];
    let category = s.category.as_ref();
    DocInfo {
        slug: a.slug.clone(),
        date: s.published.clone(),
        category: category.map_or_else(String::new, |c| c.slug.clone()),
        category_name: category.map_or_else(String::new, |c| c.name.clone()),
        title: a.title.clone(),
        lead: a.lead.as_deref().unwrap_or("").to_string(),
    }
}

/// The words of the article `i` of `model` (its title, lead and body).
fn analyze_article(model: &Model, i: usize) -> io::Result<Analyzed> {
    let a = &model.articles[i];
    let lead = a.lead.as_deref().unwrap_or("");
    let text = format!("{lead}\n{}", model.body_text(i)?);
    Ok(analyze(&a.title, &text))
}

/// What the index records of a page of the site: its title and visible text
/// (not its description, which only search engines and share cards show).
fn page_doc(page: &InfoPage) -> (DocInfo, Analyzed) {
    let text = plain_text(&page.body);
    let lead = match &page.description {
        Some(d) if !d.trim().is_empty() => d.clone(),
        _ => text.lines().next().unwrap_or("").to_string(),
    };
    let info = DocInfo {
        slug: page.slug.clone(),
        date: String::new(),
        category: String::new(),
        category_name: String::new(),
        title: page.title.clone(),
        lead,
    };
    (info, analyze(&page.title, &text))
}

/// What the index records of a document of the registry: its type and number
/// as the title ("Nghị quyết 05-NQ/TU"), its summary as the lead, and as its
/// text the summary, issuer, signer, fields and body.
fn document_doc(d: &OfficialDocument) -> (DocInfo, Analyzed) {
    let title = format!("{} {}", d.kind.name, d.number);
    let mut text = format!("{}\n{}\n{}\n", d.summary, d.issuer.name, d.signer);
    for field in &d.fields {
        text.push_str(&field.name);
        text.push('\n');
    }
    text.push_str(&plain_text(&d.body));
    let info = DocInfo {
        slug: d.slug.clone(),
        date: String::new(),
        category: String::new(),
        category_name: String::new(),
        title: title.clone(),
        lead: d.summary.clone(),
    };
    (info, analyze(&title, &text))
}

/// Writes the search index of `model` through `writer`.
///
/// The index is patched when it can be: [`STATE`] keeps the previous build's
/// lists, and when this build has the same documents in the same order (but
/// for one added or removed) and few of them changed, only those are taken out and analysed again (see
/// [`patch`]). Otherwise it is built from every article's analysis.
pub fn write(model: &Model, writer: &Writer) -> io::Result<Written> {
    write_with(model, writer, None)
}

/// The previous build's search state of the site's root ([`STATE`]) and its
/// documents' fingerprints.
type State = (Builder, Vec<u128>);

/// Starts reading the search state of the site's root kept in the output
/// folder `out`, for [`write_with_state`].
pub fn read_state_ahead(out: &Path) -> ReadAhead<State> {
    let path = out.join(STATE);
    ReadAhead::start(move || load_state(&path))
}

/// [`write`] for the site's root, with its previous state read by [`read_state_ahead`].
pub fn write_with_state(
    model: &Model,
    writer: &Writer,
    state: ReadAhead<State>,
) -> io::Result<Written> {
    write_with(model, writer, Some(state))
}

fn write_with(
    model: &Model,
    writer: &Writer,
    read: Option<ReadAhead<State>>,
) -> io::Result<Written> {
    let timing = std::env::var_os("BANTIN_TIMING").is_some();
    let t = std::time::Instant::now();
    let pages: Vec<(DocInfo, Analyzed)> = model.pages.iter().map(page_doc).collect();
    // The registry's documents oldest first (the model's are newest first).
    let documents: Vec<(DocInfo, Analyzed, &str)> = model
        .registry
        .documents
        .iter()
        .rev()
        .map(|d| {
            let (info, words) = document_doc(d);
            (info, words, d.number.as_str())
        })
        .collect();
    let docs = Docs {
        model,
        pages,
        documents,
    };
    let prints = docs.fingerprints();
    let state_name = state_name(&writer.prefix());
    let state_path = writer.out().join(&state_name);
    // A state read ahead is the root's.
    let load = || match read {
        Some(read) if state_name == STATE => read.join(),
        _ => load_state(&state_path),
    };
    let (builder, fresh, patched) = match patch(&docs, &prints, load, writer.out(), timing) {
        Some((builder, fresh)) => (builder, fresh, true),
        None => {
            let (builder, fresh) = whole(&docs, writer.out(), timing)?;
            (builder, fresh, false)
        }
    };
    let how = if patched {
        "vá chỉ mục cũ"
    } else {
        "dựng lại cả chỉ mục"
    };
    let built = t.elapsed();
    let t = std::time::Instant::now();
    // The state for the next build is made beside the files.
    let (kept, files) = std::thread::scope(|scope| {
        let kept = scope.spawn(|| {
            let t = std::time::Instant::now();
            (state(&builder, &prints), t.elapsed())
        });
        let files = (|| {
            // Collected, then given to the writer on all cores (it hashes each file
            // and looks at its live copy).
            let mut made: Vec<(String, String)> = Vec::new();
            // A patched index takes its untouched lists' files from the previous build.
            let previous = |path: &str| writer.previous_text(&format!("data/{path}"));
            let previous: Option<&bantin_search::index::Previous<'_>> =
                patched.then_some(&previous);
            builder.finish_with(previous, |path, text| {
                made.push((format!("data/{path}"), text.to_string()));
                Ok::<(), io::Error>(())
            })?;
            made.par_iter()
                .try_for_each(|(path, text)| writer.write(path, text.as_bytes()))?;
            Ok::<usize, io::Error>(made.len())
        })();
        (kept.join(), files)
    });
    let files = files?;
    let (kept, saved) =
        kept.map_err(|_| io::Error::other("việc lưu trạng thái tìm kiếm dừng bất thường"))?;
    writer.keep(&state_name, kept);
    if timing {
        eprintln!(
            "    tìm kiếm: {how} {} ms ({fresh} bài phân tích lại), lưu trạng thái {} ms, ghi {} ms",
            built.as_millis(),
            saved.as_millis(),
            t.elapsed().as_millis()
        );
    }
    Ok(Written {
        files,
        analysed: fresh,
        pages: model.pages.len(),
        documents: model.registry.documents.len(),
        patched,
    })
}

/// The documents of the index, in id order: the model's articles oldest first,
/// then its pages, then its registry's documents oldest first (these two
/// analysed already, with their number for the documents).
struct Docs<'a> {
    model: &'a Model,
    pages: Vec<(DocInfo, Analyzed)>,
    documents: Vec<(DocInfo, Analyzed, &'a str)>,
}

impl Docs<'_> {
    fn len(&self) -> usize {
        self.model.articles.len() + self.pages.len() + self.documents.len()
    }

    /// The index of the article whose id is `doc` (ids run from the oldest
    /// article: `model.articles` is newest first).
    fn article(&self, doc: usize) -> usize {
        self.model.articles.len() - 1 - doc
    }

    /// Each document's kind and slug, by id.
    fn kinds(&self) -> impl Iterator<Item = (DocKind, &str)> + '_ {
        let n = self.model.articles.len();
        let articles = (0..n).map(|d| {
            (
                DocKind::Article,
                self.model.articles[self.article(d)].slug.as_str(),
            )
        });
        let pages = self
            .pages
            .iter()
            .map(|(i, _)| (DocKind::Page, i.slug.as_str()));
        let documents = self
            .documents
            .iter()
            .map(|(i, _, _)| (DocKind::Document, i.slug.as_str()));
        articles.chain(pages).chain(documents)
    }

    /// A fingerprint of each document's words, by id: an article's is its
    /// source's ([`Model::fingerprints`], 0 when unknown), a page's or a
    /// document's that of its analysis (and number).
    fn fingerprints(&self) -> Vec<u128> {
        let of = |a: &Analyzed, number: &str| {
            let mut line = String::new();
            a.encode(&mut line);
            line.push('\t');
            line.push_str(number);
            crate::cache::hash(line.as_bytes()).max(1)
        };
        let n = self.model.articles.len();
        let articles = (0..n).map(|d| self.model.fingerprints[self.article(d)]);
        let pages = self.pages.iter().map(|(_, a)| of(a, ""));
        let documents = self.documents.iter().map(|(_, a, number)| of(a, number));
        articles.chain(pages).chain(documents).collect()
    }

    /// What the index shows of the document `doc`.
    fn info(&self, doc: usize) -> DocInfo {
        let n = self.model.articles.len();
        if doc < n {
            doc_info(self.model, self.article(doc))
        } else if doc < n + self.pages.len() {
            self.pages[doc - n].0.clone()
        } else {
            self.documents[doc - n - self.pages.len()].0.clone()
        }
    }
}

/// The state file in the output folder (one per section of the site).
pub const STATE: &str = ".bantin-search-state";

/// The state file's first word and format version.
const STATE_HEADER: &str = "bantin-search-state 1";

/// A rebuild patches the previous index when at most this many documents changed
/// (each costs a pass over its words' lists); with more, it builds it whole.
const PATCH_MAX: usize = 64;

/// The state file of the section written under `prefix` (`en/`; empty for the
/// site's root).
fn state_name(prefix: &str) -> String {
    match prefix.trim_end_matches('/') {
        "" => STATE.to_string(),
        section => format!("{STATE}-{section}"),
    }
}

/// The state of `builder`, whose documents' fingerprints are `prints`, for
/// the next build: a header line (format, this executable's fingerprint, a
/// hash of the rest, the number of documents), the fingerprints, then the
/// builder's lists. Written after the build's files (see [`Writer::keep`]).
fn state(builder: &Builder, prints: &[u128]) -> Vec<u8> {
    let prints: Vec<u8> = prints.iter().flat_map(|p| p.to_le_bytes()).collect();
    let lists = builder.save();
    let count = format!(" {}", prints.len() / 16);
    crate::output::seal_state(STATE_HEADER, &count, &[&prints, &lists])
}

/// The previous build's builder from the state at `path`, with its documents'
/// fingerprints; `None` when it is missing, of another format or executable,
/// or damaged.
fn load_state(path: &Path) -> Option<(Builder, Vec<u128>)> {
    let bytes = fs::read(path).ok()?;
    let (count, body) = crate::output::open_state(STATE_HEADER, &bytes)?;
    let count: usize = count?.parse().ok()?;
    let (prints, lists) = body.split_at_checked(count.checked_mul(16)?)?;
    let prints: Vec<u128> = prints
        .chunks_exact(16)
        .map(|c| u128::from_le_bytes(c.try_into().expect("16 bytes")))
        .collect();
    let builder = Builder::load(lists)?;
    (builder.len() == count).then_some((builder, prints))
}

/// The previous index patched for `docs`, when `load` reads it ([`load_state`]), it has
/// the same documents in the same order but for one added or removed (see
/// [`align`]), and at most [`PATCH_MAX`] of them
/// changed (their fingerprints in `prints` differ, or are unknown): those
/// are taken out of every list and given their words again. Also returns how
/// many articles were analysed; their analyses are appended to the cache in
/// `out` (for the next whole build).
fn patch(
    docs: &Docs<'_>,
    prints: &[u128],
    load: impl FnOnce() -> Option<State>,
    out: &Path,
    timing: bool,
) -> Option<(Builder, usize)> {
    let t = std::time::Instant::now();
    let (mut builder, mut old) = load()?;
    let loaded = t.elapsed();
    if old.len() != builder.len() || !align(&mut builder, &mut old, docs) {
        return None;
    }
    let changed: Vec<u32> = (0..prints.len())
        .filter(|&d| prints[d] == 0 || prints[d] != old[d])
        .map(|d| d as u32)
        .collect();
    if changed.len() > PATCH_MAX {
        return None;
    }
    let n = docs.model.articles.len();
    // The changed articles' analyses (reading their bodies) before anything changes.
    let analysed: Vec<(usize, Analyzed)> = changed
        .iter()
        .map(|&d| d as usize)
        .filter(|&d| d < n)
        .map(|d| analyze_article(docs.model, docs.article(d)).map(|a| (d, a)))
        .collect::<io::Result<_>>()
        .ok()?;
    for d in 0..docs.len() {
        builder.set_info(d as u32, docs.info(d));
    }
    let t = std::time::Instant::now();
    builder.unindex(&changed);
    let unindexed = t.elapsed();
    let mut lines = Vec::new();
    for (d, words) in &analysed {
        builder.reindex(*d as u32, words.as_ref());
        let fingerprint = docs.model.fingerprints[docs.article(*d)];
        if fingerprint != 0 {
            let mut line = String::new();
            words.encode(&mut line);
            lines.push((fingerprint, line));
        }
    }
    for d in changed.iter().map(|&d| d as usize).filter(|&d| d >= n) {
        match docs.pages.get(d - n) {
            Some((_, words)) => builder.reindex(d as u32, words.as_ref()),
            None => {
                let (_, words, number) = &docs.documents[d - n - docs.pages.len()];
                builder.reindex_document(d as u32, words.as_ref(), number);
            }
        }
    }
    append_lines(&out.join(CACHE), &lines);
    if timing {
        eprintln!(
            "    tìm kiếm: đọc trạng thái {} ms, bỏ {} tài liệu khỏi các danh sách {} ms",
            loaded.as_millis(),
            changed.len(),
            unindexed.as_millis()
        );
    }
    Some((builder, analysed.len()))
}

/// Brings the previous index's documents in `builder` (with their
/// fingerprints `old`) to those of `docs`, when they are the same or one
/// document was added or removed (an article published, the commonest change,
/// comes last of the articles); false when they differ more. An added
/// document has no words yet and fingerprint 0 (it is indexed as changed).
fn align(builder: &mut Builder, old: &mut Vec<u128>, docs: &Docs<'_>) -> bool {
    let now: Vec<(DocKind, &str)> = docs.kinds().collect();
    // Whether a document was added (true) or removed at `at`, or none.
    let change = {
        let then: Vec<(DocKind, &str)> = builder.docs().collect();
        // The first document that differs; the rest must match once it is skipped.
        let at = now
            .iter()
            .zip(&then)
            .position(|(x, y)| x != y)
            .unwrap_or(now.len().min(then.len()));
        if now == then {
            None
        } else if now.len() == then.len() + 1 && now[at + 1..] == then[at..] {
            Some((true, at))
        } else if now.len() + 1 == then.len() && now[at..] == then[at + 1..] {
            Some((false, at))
        } else {
            return false;
        }
    };
    match change {
        Some((true, at)) => {
            builder.insert_doc(at as u32, now[at].0, DocInfo::default());
            old.insert(at, 0);
        }
        Some((false, at)) => {
            builder.remove_doc(at as u32);
            old.remove(at);
        }
        None => {}
    }
    true
}

/// Appends the analyses `lines` (fingerprint, line) to the cache file at
/// `path`, after a newline when an interrupted append left its last line
/// without one. Failures remove the cache (a half-appended line would only be
/// analysed again, but a cache that cannot be written is not trusted).
fn append_lines(path: &Path, lines: &[(u128, String)]) {
    if lines.is_empty() {
        return;
    }
    let appended = fs::OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .and_then(|f| {
            let len = f.metadata()?.len();
            let mut last = [b'\n'];
            if len > 0 {
                read_exact_at(&f, &mut last, len - 1)?;
            }
            let mut w = BufWriter::new(f);
            if last[0] != b'\n' {
                w.write_all(b"\n")?;
            }
            for (fingerprint, line) in lines {
                writeln!(w, "{fingerprint:032x}\t{line}")?;
            }
            w.into_inner().map_err(|e| e.into_error())?.sync_data()
        });
    if appended.is_err() {
        let _ = fs::remove_file(path);
    }
}

/// The index of `docs` built whole, from every article's analysis: the cached
/// one (see [`CACHE`] in `out`) or a new one. Also returns how many articles
/// were analysed.
fn whole(docs: &Docs<'_>, out: &Path, timing: bool) -> io::Result<(Builder, usize)> {
    let model = docs.model;
    let n = model.articles.len();
    let order: Vec<usize> = (0..n).map(|d| docs.article(d)).collect();
    let mut builder = Builder::new();
    let (mut analysing, mut adding) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let cache_path = out.join(CACHE);
    let old = OldCache::open(&cache_path);
    let tmp_path = out.join(format!("{CACHE}.tmp"));
    // Appending is for a cache that stays mostly current: what it would hold
    // that this build does not need, with what this build adds, is at most a
    // quarter of its lines.
    let reused = model
        .fingerprints
        .iter()
        .filter(|&&f| f != 0 && old.at.contains_key(&f))
        .count();
    let churn = old.lines.saturating_sub(reused) + (n - reused);
    let mut cache = if old.file.is_some() && old.lines > 0 && churn * 4 <= old.lines {
        CacheOut::Append(Vec::new())
    } else {
        match fs::File::create(&tmp_path) {
            Ok(f) => {
                let mut w = BufWriter::new(f);
                match writeln!(w, "{HEADER}") {
                    Ok(()) => CacheOut::Rewrite(w),
                    Err(_) => CacheOut::None,
                }
            }
            Err(_) => CacheOut::None,
        }
    };
    let mut fresh = 0usize;
    for batch in order.chunks(BATCH) {
        let t = std::time::Instant::now();
        // Each article's cached line, or its analysis when it has none.
        let analysed = batch
            .par_iter()
            .map(|&i| -> io::Result<(String, Option<Analyzed>)> {
                if let Some(line) = old.line(model.fingerprints[i]) {
                    return Ok((line, None));
                }
                let words = analyze_article(model, i)?;
                let mut line = String::new();
                words.encode(&mut line);
                Ok((line, Some(words)))
            })
            .collect::<Vec<_>>();
        analysing += t.elapsed();
        let t = std::time::Instant::now();
        let analysed = analysed.into_iter().collect::<io::Result<Vec<_>>>()?;
        // Cached lines are read where they lie, in parallel; the index takes
        // them in order. A damaged line reads as `None`.
        let decoded: Vec<Option<AnalyzedRef<'_>>> = analysed
            .par_iter()
            .map(|(line, words)| match words {
                None => AnalyzedRef::decode(line),
                Some(_) => None,
            })
            .collect();
        for (((line, words), decoded), &i) in analysed.iter().zip(decoded).zip(batch) {
            let info = doc_info(model, i);
            let mut again = None;
            let cached = match (decoded, words) {
                (Some(a), _) => {
                    builder.add_ref(info, a);
                    true
                }
                (None, Some(w)) => {
                    builder.add_ref(info, w.as_ref());
                    false
                }
                (None, None) => {
                    // A damaged cache line: analysed again.
                    let w = analyze_article(model, i)?;
                    let mut line = String::new();
                    w.encode(&mut line);
                    builder.add_ref(info, w.as_ref());
                    again = Some(line);
                    false
                }
            };
            fresh += usize::from(!cached);
            let line = again.as_deref().unwrap_or(line);
            let fingerprint = model.fingerprints[i];
            if fingerprint == 0 {
                continue;
            }
            let failed = match &mut cache {
                CacheOut::Rewrite(c) => writeln!(c, "{fingerprint:032x}\t{line}").is_err(),
                CacheOut::Append(lines) if !cached => {
                    lines.push((fingerprint, line.to_string()));
                    false
                }
                _ => false,
            };
            if failed {
                cache = CacheOut::None;
            }
        }
        adding += t.elapsed();
    }
    drop(old);
    for (info, words) in &docs.pages {
        builder.add_page(info.clone(), words.clone());
    }
    for (info, words, number) in &docs.documents {
        builder.add_document(info.clone(), words.clone(), number);
    }
    // Failures are ignored: the next build analyses everything again.
    match cache {
        CacheOut::Rewrite(c) => match c.into_inner().map_err(|e| e.into_error()) {
            Ok(file) if file.sync_all().is_ok() => {
                let _ = fs::rename(&tmp_path, &cache_path);
            }
            _ => {
                let _ = fs::remove_file(&tmp_path);
            }
        },
        CacheOut::Append(lines) => append_lines(&cache_path, &lines),
        CacheOut::None => {}
    }
    if timing {
        eprintln!(
            "    tìm kiếm: phân tích {} ms ({fresh} bài phân tích lại, {} lấy từ bộ nhớ đệm), gộp {} ms",
            analysing.as_millis(),
            n - fresh,
            adding.as_millis(),
        );
    }
    Ok((builder, fresh))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::build::{load_cached, run, Options};
    use crate::generate;

    /// Every article file under `dir`.
    fn articles(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                articles(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// Files written just now are not trusted by the parse cache: an hour older.
    fn age(p: &Path) {
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }

    /// The index of `content` written into the output folder `out`, built
    /// whole (from the analyses' cache: the state of the index is removed first).
    fn index_of(content: &Path, out: &Path) -> (Written, Vec<(String, Vec<u8>)>) {
        let _ = fs::remove_file(out.join(STATE));
        let (model, _) = load_cached(content, Some(out), None, i64::MAX).unwrap();
        let writer = Writer::new(out).unwrap();
        let written = write(&model, &writer).unwrap();
        writer.commit(|_| false).unwrap();
        (written, index_files(out))
    }

    /// The search index's files in the output folder `out`, by their path
    /// under `data/` (`tim/meta.txt`), sorted.
    fn index_files(out: &Path) -> Vec<(String, Vec<u8>)> {
        let data = out.join("data");
        let mut files = Vec::new();
        let mut stack = vec![data.join("tim")];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let name = p.strip_prefix(&data).unwrap().to_str().unwrap();
                    files.push((name.replace('\\', "/"), fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    /// A generated content folder of `count` articles (in a temporary folder,
    /// kept while the first value lives).
    fn generated(count: usize, seed: u64) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        generate::run(&generate::Options {
            count,
            out: content.clone(),
            seed,
        })
        .unwrap();
        (dir, content)
    }

    /// Runs `q` on the index files `files` (paths under `data/`) as the app
    /// does, and gives the engine's answer.
    fn query(files: &HashMap<String, String>, q: &str) -> serde_json::Value {
        let mut e = bantin_search::engine::Engine::new(&files["tim/meta.txt"]).unwrap();
        loop {
            let need = e.need(q, false, 1, 10);
            if need.is_empty() {
                break;
            }
            for f in need {
                e.add(&f, &files[&f]).unwrap();
            }
        }
        serde_json::from_str(&e.results(q, false, 1, 10).unwrap()).unwrap()
    }

    #[test]
    fn pages_are_indexed_after_the_articles() {
        use bantin_contract::{Block, Inline};
        let (dir, content) = generated(12, 5);
        let (mut model, _) = load_cached(&content, None, None, i64::MAX).unwrap();
        let paragraph = |s: &str| Block::Paragraph {
            content: vec![Inline::Text { text: s.into() }],
        };
        let page = |slug: &str, title: &str, body: Vec<Block>| InfoPage {
            version: 1,
            slug: slug.into(),
            title: title.into(),
            description: None,
            updated: None,
            body,
            attachments: Vec::new(),
            translations: Vec::new(),
        };
        model.pages = vec![
            page(
                "gioi-thieu",
                "Giới thiệu",
                vec![paragraph("Tỉnh Hòa Lâm nằm ở vùng núi phía bắc.")],
            ),
            page(
                "lien-he",
                "Liên hệ",
                vec![
                    Block::Heading {
                        level: 2,
                        text: "Giờ làm việc".into(),
                    },
                    paragraph("Sáng từ 7h30 đến 11h30, thứ Hai đến thứ Sáu."),
                ],
            ),
        ];
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        let writer = Writer::new(&out).unwrap();
        let written = write(&model, &writer).unwrap();
        writer.commit(|_| false).unwrap();
        assert_eq!(written.pages, 2);
        let files: HashMap<String, String> = index_files(&out)
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
            .collect();
        let engine = bantin_search::engine::Engine::new(&files["tim/meta.txt"]).unwrap();
        assert_eq!(engine.docs(), 14);
        // Ids 12 and 13, after the articles, in the model's order: the second
        // chunk of 8 ends with the two pages, marked as such.
        let chunk = &files["tim/d/1.txt"];
        let lines: Vec<&str> = chunk.lines().skip(1).collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[4].starts_with("gioi-thieu\t\t\t\tGiới thiệu\tTỉnh Hòa Lâm"));
        assert!(lines[5].starts_with("lien-he\t\t\t\tLiên hệ\tGiờ làm việc"));
        assert!(lines[5].ends_with("\tpage"));
        assert!(lines[..4].iter().all(|l| l.split('\t').count() == 6));

        // A word of the body, and the title, find the page; its hit says it is one.
        for q in ["giờ làm việc", "gio lam viec", "Liên hệ", "lien he"] {
            let v = query(&files, q);
            let hit = &v["hits"][0];
            assert_eq!(hit["slug"], "lien-he", "{q}");
            assert_eq!(hit["kind"], "page", "{q}");
            assert_eq!(hit["date"], "", "{q}");
            assert_eq!(hit["category"], "", "{q}");
        }
        let v = query(&files, "Hòa Lâm vùng núi");
        assert_eq!(v["hits"][0]["slug"], "gioi-thieu");
        assert_eq!(v["hits"][0]["kind"], "page");
        // The articles are still found as articles.
        let first = &model.articles[0];
        let v = query(&files, &first.title);
        let hits = v["hits"].as_array().unwrap();
        let hit = hits
            .iter()
            .find(|h| h["slug"] == first.slug.as_str())
            .unwrap();
        assert_eq!(hit["kind"], "article");
        assert_eq!(hit["date"], model.summaries[0].published.as_str());
    }

    #[test]
    fn registry_documents_are_indexed_after_the_pages() {
        // The sample site: its articles, pages and 39 documents.
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let (model, _) = load_cached(&content, None, None, i64::MAX).unwrap();
        let documents = &model.registry.documents;
        assert!(documents.len() >= 39, "{}", documents.len());
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::new(dir.path()).unwrap();
        let written = write(&model, &writer).unwrap();
        writer.commit(|_| false).unwrap();
        assert_eq!(written.documents, documents.len());
        let files: HashMap<String, String> = index_files(dir.path())
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
            .collect();
        let engine = bantin_search::engine::Engine::new(&files["tim/meta.txt"]).unwrap();
        let first = model.articles.len() + model.pages.len();
        assert_eq!(engine.docs() as usize, first + documents.len());
        // After the pages, oldest first: the last one is the newest document.
        let line = |id: usize| -> String {
            let chunk = &files[&format!("tim/d/{}.txt", id / 8)];
            chunk.lines().nth(1 + id % 8).unwrap().to_string()
        };
        for (id, d) in [
            (first, documents.last().unwrap()),
            (first + documents.len() - 1, &documents[0]),
        ] {
            assert_eq!(
                line(id),
                format!(
                    "{}\t\t\t\t{} {}\t{}\tdocument",
                    d.slug,
                    d.kind.name,
                    d.number,
                    d.summary.chars().take(160).collect::<String>()
                )
            );
        }
        assert!(line(first - 1).ends_with("\tpage"));

        // Every document's number finds it first: as written, folded (no tone
        // marks, lowercase) and with spaces for its separators.
        for d in documents {
            let folded = bantin_contract::text::fold(&d.number);
            let spaced = folded.replace(['/', '-'], " ");
            for q in [d.number.as_str(), &folded, &spaced] {
                let v = query(&files, q);
                let hit = &v["hits"][0];
                assert_eq!(hit["kind"], "document", "{q}");
                assert_eq!(hit["slug"], d.slug.as_str(), "{q}: {v}");
                assert_eq!(hit["title"], format!("{} {}", d.kind.name, d.number));
                assert_eq!(hit["date"], "", "{q}");
            }
        }
        // The brief's examples, by slug; what cites 05-NQ/TU comes after it.
        for (q, slug) in [
            ("05-NQ/TU", "2025-05-nq-tu"),
            ("05-nq/tu", "2025-05-nq-tu"),
            ("05 NQ TU", "2025-05-nq-tu"),
            ("24/2025/NQ-HĐND", "2025-24-2025-nq-hdnd"),
            ("24/2025/nq-hdnd", "2025-24-2025-nq-hdnd"),
            ("1478/SYT-NVY", "2024-1478-syt-nvy"),
        ] {
            let v = query(&files, q);
            assert_eq!(v["hits"][0]["slug"], slug, "{q}");
        }
        let v = query(&files, "05-NQ/TU");
        let slugs: Vec<&str> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["slug"].as_str().unwrap())
            .collect();
        assert!(slugs[1..].contains(&"2025-168-kh-tu"), "{slugs:?}");
        // Words of its summary, with its issuer, signer or a field, find it too.
        let d = documents
            .iter()
            .find(|d| d.slug == "2025-05-nq-tu")
            .unwrap();
        // ("Văn hóa" is only among its fields.)
        for q in [&d.issuer.name, &d.signer, &d.fields[2].name] {
            let q = format!("{q} mũi nhọn");
            let v = query(&files, &q);
            let found = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["slug"] == d.slug.as_str() && h["kind"] == "document");
            assert!(found, "{q}: {v}");
        }
    }

    #[test]
    fn a_rebuild_analyses_only_the_changed_article() {
        let (dir, content) = generated(40, 3);
        let mut files = Vec::new();
        articles(&content.join("articles"), &mut files);
        files.sort();
        files.iter().for_each(|p| age(p));
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        run(&Options {
            content: content.clone(),
            out: out.clone(),
            base_url: None,
            now: None,
        })
        .unwrap();
        assert!(out.join(CACHE).is_file());

        // Nothing changed: nothing is analysed.
        let (written, _) = index_of(&content, &out);
        assert_eq!(written.analysed, 0);

        // One article changed: only it is analysed, and the index is what a
        // build without any cache writes.
        let text = fs::read_to_string(&files[7]).unwrap();
        fs::write(
            &files[7],
            format!("{text}\nĐoạn mới về kho lạnh ở Khe Mây.\n"),
        )
        .unwrap();
        age(&files[7]);
        let before = fs::read_to_string(out.join(CACHE)).unwrap();
        let (written, live) = index_of(&content, &out);
        assert_eq!(written.analysed, 1);
        // The cache kept its lines and gained the changed article's: appended,
        // not written again.
        let after = fs::read_to_string(out.join(CACHE)).unwrap();
        assert!(after.starts_with(&before));
        assert_eq!(after.lines().count(), 1 + 40 + 1);
        let fresh_out = dir.path().join("fresh");
        fs::create_dir_all(&fresh_out).unwrap();
        let (written, fresh) = index_of(&content, &fresh_out);
        assert_eq!(written.analysed, 40);
        assert_eq!(live, fresh);

        // A damaged cache line is analysed again.
        let cache = fs::read_to_string(out.join(CACHE)).unwrap();
        let damaged: String = cache
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 3 {
                    format!("{l} | x\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        fs::write(out.join(CACHE), damaged).unwrap();
        let (written, again) = index_of(&content, &out);
        assert_eq!(written.analysed, 1);
        assert_eq!(again, fresh);

        // When what the cache holds for nothing (changed articles' old lines)
        // and what a build adds pass a quarter of its lines, it is written
        // again with only the lines of this build's articles.
        for f in &files[10..20] {
            let text = fs::read_to_string(f).unwrap();
            fs::write(f, format!("{text}\nMột đoạn thêm cho lần dựng lại.\n")).unwrap();
            age(f);
        }
        let lines_before = fs::read_to_string(out.join(CACHE)).unwrap().lines().count();
        assert!(lines_before > 41, "{lines_before}");
        let (written, changed) = index_of(&content, &out);
        assert_eq!(written.analysed, 10);
        let cache = fs::read_to_string(out.join(CACHE)).unwrap();
        assert_eq!(cache.lines().count(), 1 + 40);
        let fresh_out = dir.path().join("fresh-2");
        fs::create_dir_all(&fresh_out).unwrap();
        assert_eq!(changed, index_of(&content, &fresh_out).1);
        // And a cache that ends in a cut line (an interrupted append) only has
        // that line analysed again; the next append starts a line of its own.
        let cut = &cache[..cache.len() - 20];
        fs::write(out.join(CACHE), cut).unwrap();
        let (written, _) = index_of(&content, &out);
        assert_eq!(written.analysed, 1);
        let (written, _) = index_of(&content, &out);
        assert_eq!(written.analysed, 0);
    }
}
