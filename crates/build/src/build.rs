//! `bantin build`: the content folder to `data/`, `anh/`, feeds and sitemaps in the output folder.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::article::parse_article;
use crate::cache::{self, Cache, Loaded, Stamp};
use crate::deploy;
use crate::diag::Diagnostic;
use crate::embed;
use crate::feeds;
use crate::images::ImageStore;
use crate::output::{copy_into, Writer};
use crate::pages;
use crate::render::{Model, Source};
use crate::security::{self, Policy, Sources};
use crate::site::parse_site_full;
use rayon::prelude::*;

/// Where to read and write.
#[derive(Debug, Clone)]
pub struct Options {
    /// The content folder (`site.toml`, `articles/`, `anh/`).
    pub content: PathBuf,
    /// The output folder; `data/` and `anh/` inside it are replaced.
    pub out: PathBuf,
    /// The site's public address, replacing `base_url` of `site.toml`
    /// (`bantin build --base-url`); its path is the site's base path.
    pub base_url: Option<String>,
    /// The build's clock, Unix seconds (`bantin build --now`, for reproducible
    /// builds and tests); `None`: the system's. An article dated after it is
    /// held back until a build at or after its time.
    pub now: Option<i64>,
}

/// What a successful build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Articles built.
    pub articles: usize,
    /// Share cards in the output (see [`crate::cards`]).
    pub cards: usize,
    /// Share cards this build drew (the others were in the output or the cache).
    pub cards_drawn: usize,
    /// Categories in `site.toml`.
    pub categories: usize,
    /// Distinct tags.
    pub tags: usize,
    /// Files produced (documents, pages, feeds and copied images).
    pub files: usize,
    /// Files whose bytes changed and were written (all of them in a full build).
    pub written: usize,
    /// Files of the previous build no longer produced, removed.
    pub removed: usize,
    /// Whether only changed files were written (the output had a manifest).
    pub incremental: bool,
    /// Whether the search index was patched from the previous build's state
    /// rather than built whole (see [`crate::search::write`]).
    pub search_patched: bool,
    /// Photos under `anh/` (JPEG, PNG, WebP).
    pub images: usize,
    /// Photos encoded by this build; the others came from the cache.
    pub images_encoded: usize,
    /// Wall time in milliseconds.
    pub elapsed_ms: u128,
    /// Warnings about the content (the build went on), sorted by file and line.
    pub warnings: Vec<Diagnostic>,
    /// The articles not published: drafts and scheduled ones.
    pub held: Held,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the content, sorted by file and line.
    Content(Vec<Diagnostic>),
    /// Writing the output failed.
    Io(io::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => {
                for (i, e) in d.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            BuildError::Io(e) => write!(f, "lỗi ghi kết quả: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// Every `.md` file under `dir`, sorted by path; an absent folder has none.
fn markdown_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d)? {
            let e = e?;
            let p = e.path();
            // The entry's type comes with the listing (no stat), except for links.
            let t = e.file_type()?;
            if t.is_dir() || (t.is_symlink() && p.is_dir()) {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Prints how long each stage took when `BANTIN_TIMING` is set (for profiling
/// large sites): its wall time and, on Linux, the CPU time of every thread
/// in it (a stage whose CPU time is near its wall time runs on one core).
struct Timer {
    on: bool,
    last: Instant,
    cpu: Option<u64>,
}

impl Timer {
    fn new() -> Self {
        Timer {
            on: std::env::var_os("BANTIN_TIMING").is_some(),
            last: Instant::now(),
            cpu: cpu_ms(),
        }
    }

    fn stage(&mut self, name: &str) {
        if self.on {
            let cpu = cpu_ms();
            let used = match (self.cpu, cpu) {
                (Some(a), Some(b)) => format!(" (CPU {} ms)", b.saturating_sub(a)),
                _ => String::new(),
            };
            eprintln!("  {name}: {} ms{used}", self.last.elapsed().as_millis());
            self.last = Instant::now();
            self.cpu = cpu;
        }
    }
}

/// The process's CPU time so far (user and system, every thread) in ms, from
/// `/proc/self/stat` (in clock ticks, taken as 100 a second); `None` elsewhere.
fn cpu_ms() -> Option<u64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command's name, which is in parentheses.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split(' ');
    let user: u64 = fields.nth(11)?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) * 10)
}

/// Reads and checks the articles `files` (from `cache` when unchanged): each
/// with its file's stamp; every problem of every file, sorted, when any has one.
fn read_articles(
    files: &[PathBuf],
    categories: &[bantin_contract::Category],
    images: &ImageStore,
    cache: &Cache,
) -> Result<Vec<(Loaded, Stamp)>, Vec<Diagnostic>> {
    let results: Vec<Result<(Loaded, Stamp), Vec<Diagnostic>>> = files
        .par_iter()
        .map(|p| {
            let path = shown(p);
            let unreadable = |e: io::Error| {
                vec![Diagnostic::new(
                    &path,
                    1,
                    format!("không đọc được tệp: {e}"),
                )]
            };
            let stamp = Stamp::of(p).map_err(unreadable)?;
            if let Some(hit) = cache.get(&path, stamp) {
                return Ok((hit, stamp));
            }
            let bytes = fs::read(p).map_err(unreadable)?;
            let hash = cache::hash(&bytes);
            if let Some(hit) = cache.get_checked(&path, hash) {
                return Ok((hit, stamp));
            }
            let text = String::from_utf8(bytes).map_err(|_| {
                unreadable(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                ))
            })?;
            let parsed = parse_article(&path, &text, categories, images)?;
            Ok((
                Loaded {
                    parsed,
                    hash,
                    partial: false,
                },
                stamp,
            ))
        })
        .collect::<Vec<_>>();
    let mut errors = Vec::new();
    let mut loaded = Vec::new();
    let mut slugs: HashMap<String, (String, usize)> = HashMap::new();
    for r in results {
        match r {
            Ok((a, stamp)) => {
                if let Some((first, line)) = slugs.get(&a.parsed.slug) {
                    errors.push(Diagnostic::new(
                        &a.parsed.path,
                        a.parsed.slug_line,
                        format!(
                            "slug bị trùng: “{}” đã dùng cho {first}:{line} (đặt khóa `slug` khác cho một trong hai bài)",
                            a.parsed.slug
                        ),
                    ));
                } else {
                    slugs.insert(
                        a.parsed.slug.clone(),
                        (a.parsed.path.clone(), a.parsed.slug_line),
                    );
                    loaded.push((a, stamp));
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    Ok(loaded)
}

/// The pages of the content folder `content` (`pages/`).
fn read_pages(
    content: &Path,
    images: &ImageStore,
) -> Result<Vec<crate::info_page::ParsedPage>, Vec<Diagnostic>> {
    let pages_dir = content.join(crate::info_page::FOLDER);
    let page_files = markdown_files(&pages_dir).map_err(|e| {
        vec![Diagnostic::new(
            shown(&pages_dir),
            1,
            format!("không đọc được thư mục trang: {e}"),
        )]
    })?;
    crate::info_page::parse_pages(&page_files, images)
}

/// Puts the pages read into `model`, with their warnings and where they come from.
fn set_pages(model: &mut Model, pages: Vec<crate::info_page::ParsedPage>) {
    for p in pages {
        model.warnings.extend(p.warnings);
        model.page_sources.push((p.path, p.translation_of));
        model.pages.push(p.page);
    }
}

/// What a site being read has, for checking its menus' targets: `prefix` is
/// where it is under the site's root (empty for the main site), `main` what
/// the main site has (for a section).
fn known_of(
    site: &bantin_contract::SiteSettings,
    loaded: &[(Loaded, Stamp)],
    pages: &[crate::info_page::ParsedPage],
    registry: &crate::documents::Registry,
    prefix: String,
    main: Option<crate::menu::Known>,
) -> crate::menu::Known {
    crate::menu::Known {
        pages: pages
            .iter()
            .map(|p| (p.page.slug.clone(), p.page.title.clone()))
            .collect(),
        categories: site.categories.clone(),
        articles: loaded.iter().map(|(a, _)| a.parsed.slug.clone()).collect(),
        tags: loaded
            .iter()
            .flat_map(|(a, _)| a.parsed.tags.iter().map(|t| t.slug.clone()))
            .collect(),
        documents: registry.documents.iter().map(|d| d.slug.clone()).collect(),
        prefix,
        main: main.map(Box::new),
    }
}

/// Reads the menus of `site.toml` (at `path`, text `text`) into `site`, with
/// the list of its pages.
fn resolve_menus(
    site: &mut bantin_contract::SiteSettings,
    path: &str,
    text: &str,
    known: &crate::menu::Known,
    pages: &[crate::info_page::ParsedPage],
) -> Result<(), Vec<Diagnostic>> {
    let (menu, footer_links) = crate::menu::parse(path, text)?.resolve(known)?;
    site.menu = menu;
    site.footer_links = footer_links;
    site.pages = pages
        .iter()
        .map(|p| bantin_contract::Term {
            slug: p.page.slug.clone(),
            name: p.page.title.clone(),
        })
        .collect();
    Ok(())
}

/// Reads and checks the whole content folder.
pub fn load(content: &Path) -> Result<Model, Vec<Diagnostic>> {
    load_cached(content, None, None, system_now()).map(|(m, _)| m)
}

/// The system's clock, Unix seconds.
pub fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Articles a build does not publish: drafts, and articles dated after its clock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// Drafts (`draft = true`), by file.
    pub drafts: Vec<String>,
    /// Scheduled articles: their time (Unix seconds) and file, soonest first.
    pub scheduled: Vec<(i64, String)>,
}

/// Articles read, with the stamps of their files.
type LoadedArticles = Vec<(Loaded, Stamp)>;

/// Splits `loaded` into the articles published at `now` and those held back
/// (see [`Held`]), which stay in the parse cache.
fn hold_back(loaded: Vec<(Loaded, Stamp)>, now: i64) -> (LoadedArticles, LoadedArticles, Held) {
    let mut held = Held::default();
    let (published, back): (Vec<_>, Vec<_>) = loaded
        .into_iter()
        .partition(|(a, _)| !a.parsed.draft && a.parsed.published <= now);
    for (a, _) in &back {
        if a.parsed.draft {
            held.drafts.push(a.parsed.path.clone());
        } else {
            held.scheduled
                .push((a.parsed.published, a.parsed.path.clone()));
        }
    }
    held.drafts.sort();
    held.scheduled.sort();
    (published, back, held)
}

/// Like [`load`], using the parse cache of the output folder `out` (see
/// [`crate::cache`]) when given, and `base_url` (when given) in place of the one
/// in `site.toml`; also returns the text of the updated cache (`None` when it
/// need not change).
pub fn load_cached(
    content: &Path,
    out: Option<&Path>,
    base_url: Option<&str>,
    now: i64,
) -> Result<(Model, Option<String>), Vec<Diagnostic>> {
    let site_path = content.join("site.toml");
    let site_text = fs::read_to_string(&site_path).map_err(|e| {
        vec![Diagnostic::new(
            shown(&site_path),
            1,
            format!("không đọc được site.toml: {e}"),
        )]
    })?;
    let mut timer = Timer::new();
    let (mut site, offline, security, brand, editor, site_warnings) =
        parse_site_full(&shown(&site_path), &site_text)?;
    // Feeds and sitemaps need absolute URLs: fail before reading any article.
    if let Some(b) = base_url {
        site.base_url = Some(b.trim().to_string());
        feeds::base_url(&site).map_err(|m| {
            vec![Diagnostic::new(
                "--base-url",
                1,
                m.replace("base_url trong site.toml", "--base-url"),
            )]
        })?;
    }
    feeds::check_base_url(&site, &shown(&site_path), &site_text).map_err(|d| vec![d])?;

    let articles_dir = content.join("articles");
    let files = markdown_files(&articles_dir).map_err(|e| {
        vec![Diagnostic::new(
            shown(&articles_dir),
            1,
            format!("không đọc được thư mục bài viết: {e}"),
        )]
    })?;
    let anh = content.join("anh");
    let photos =
        crate::photos::prepare(&anh, &crate::photos::default_cache_dir()).map_err(|e| {
            vec![Diagnostic::new(
                shown(&anh),
                1,
                format!("không xử lý được thư mục ảnh: {e}"),
            )]
        })?;
    timer.stage("xử lý ảnh");
    let mut photo_warnings = Vec::new();
    for (rel, r) in &photos.by_path {
        if let Err(e) = r {
            photo_warnings.push(Diagnostic::new(
                shown(&anh.join(rel)),
                1,
                format!("cảnh báo: ảnh không dùng được, bỏ qua: {e}"),
            ));
        }
    }
    let tep = content.join("tep");
    let mut images = ImageStore::with_photos(anh.clone(), shown(&anh), photos)
        .with_files(crate::files::FileStore::new(tep.clone(), shown(&tep)));
    // The documents registry first: articles link to documents by number.
    let documents_dir = content.join(crate::documents::FOLDER);
    let document_files = markdown_files(&documents_dir).map_err(|e| {
        vec![Diagnostic::new(
            shown(&documents_dir),
            1,
            format!("không đọc được thư mục văn bản: {e}"),
        )]
    })?;
    let logo = match &brand.logo {
        Some((src, line)) => {
            let logo = images.image(src, String::new()).and_then(|image| {
                let rel = src.strip_prefix(crate::images::PREFIX).unwrap_or(src);
                crate::brand::read_logo(&anh.join(rel)).map(|l| (image, l))
            });
            match logo {
                Ok(l) => Some(l),
                Err(e) => {
                    return Err(vec![Diagnostic::new(
                        shown(&site_path),
                        *line,
                        format!("[brand] logo: {e}"),
                    )])
                }
            }
        }
        None => None,
    };
    let banner = match &brand.banner {
        Some((src, line)) => match images.image(src, String::new()) {
            Ok(image) => Some(image),
            Err(e) => {
                return Err(vec![Diagnostic::new(
                    shown(&site_path),
                    *line,
                    format!("[brand] banner: {e}"),
                )])
            }
        },
        None => None,
    };
    let fonts = read_fonts(content, &brand, &shown(&site_path))?;
    let registry = crate::documents::Registry::read(&document_files, &images)?;
    let numbers = registry.numbers();
    // A cached article's links to documents were resolved with the numbers it
    // was parsed with: other numbers, another cache.
    let mut numbers_text: Vec<String> = numbers.iter().map(|(n, s)| format!("{n}\t{s}")).collect();
    numbers_text.sort();
    images.set_documents(numbers);
    timer.stage("đọc sổ văn bản");
    let cache = Cache::read(
        out,
        Cache::key(
            content,
            &format!("{site_text}\0{}", numbers_text.join("\n")),
        ),
    );
    timer.stage("đọc bộ nhớ đệm");
    let loaded = read_articles(&files, &site.categories, &images, &cache)?;
    let (loaded, back, held) = hold_back(loaded, now);
    timer.stage("đọc và kiểm tra bài viết");
    // The pages, then the menus, which may name pages, categories, tags and articles.
    let pages = read_pages(content, &images)?;
    let known = known_of(&site, &loaded, &pages, &registry, String::new(), None);
    resolve_menus(&mut site, &shown(&site_path), &site_text, &known, &pages)?;
    site.registry = registry.types();
    timer.stage("đọc trang và menu");
    let cache_text = match out {
        Some(_) => {
            let refs: Vec<(&Loaded, Stamp)> =
                loaded.iter().chain(&back).map(|(a, s)| (a, *s)).collect();
            cache.render(&refs)
        }
        None => None,
    };
    timer.stage("chuẩn bị bộ nhớ đệm");
    let articles = loaded
        .into_iter()
        .map(|(a, _)| {
            let fingerprint = cache.fingerprint(&a.parsed.path, a.hash);
            Source {
                partial: a.partial.then_some(a.hash),
                parsed: a.parsed,
                fingerprint,
            }
        })
        .collect();
    // The related lists' state of the previous build into `out` (none yet: an
    // empty one, so that this build leaves one).
    let related_state = out.map(|o| fs::read(o.join(crate::related::STATE)).unwrap_or_default());
    let mut model =
        Model::from_sources_with_related(site, articles, images, related_state.as_deref());
    set_pages(&mut model, pages);
    model.warnings.extend(registry.warnings.iter().cloned());
    model.registry = registry;
    model.offline = offline;
    model.security = security;
    model.brand = brand;
    model.editor = editor;
    model.logo = logo;
    model.fonts = fonts;
    model.banner = banner;
    model.now = now;
    model.held = held;
    model.warnings.extend(site_warnings);
    model.warnings.extend(photo_warnings);
    model.warnings.sort();
    timer.stage("sắp xếp, tóm tắt, bài liên quan");
    if timer.on && out.is_some() {
        match model.related_computed {
            crate::related::Computed::Whole => eprintln!("    bài liên quan: tính cả"),
            crate::related::Computed::Patched(again) => {
                eprintln!("    bài liên quan: vá danh sách cũ, tính lại {again} bài")
            }
        }
    }
    // The previous cache (every article of a large site) is freed beside the build.
    std::thread::spawn(move || drop(cache));
    Ok((model, cache_text))
}

/// The folders of the content folder that are never a section.
const CONTENT_FOLDERS: &[&str] = &["articles", "pages", "documents", "anh", "tep"];

/// The whole site: the main site, and its sections in other languages
/// (`content/<dir>/site.toml`, built under `<base>/<dir>/`).
pub struct Whole {
    /// The main site.
    pub main: Model,
    /// Each section: its folder's name (`en`, its path under the base) and its site.
    pub sections: Vec<(String, Model)>,
}

/// The sections of the content folder: its folders with a `site.toml`, sorted.
fn section_dirs(content: &Path) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut dirs = Vec::new();
    let entries = fs::read_dir(content).map_err(|e| {
        vec![Diagnostic::new(
            shown(content),
            1,
            format!("không đọc được thư mục nội dung: {e}"),
        )]
    })?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().join("site.toml").is_file() && !CONTENT_FOLDERS.contains(&name.as_str()) {
            dirs.push(name);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// [`load_cached`], then the sections of other languages, each article that
/// translates another linked with it both ways.
pub fn load_whole(
    content: &Path,
    out: Option<&Path>,
    base_url: Option<&str>,
    now: i64,
) -> Result<(Whole, Option<String>), Vec<Diagnostic>> {
    let (mut main, cache_text) = load_cached(content, out, base_url, now)?;
    let mut sections = Vec::new();
    let mut errors = Vec::new();
    let dirs = section_dirs(content)?;
    let mut languages = vec![bantin_contract::Alternate {
        lang: main.site.lang.clone().unwrap_or_else(|| "vi".into()),
        url: "/".into(),
    }];
    for dir in dirs {
        match load_section(content, &dir, &main) {
            Ok(m) => {
                let lang = m.site.lang.as_deref().unwrap_or("vi");
                if languages.iter().any(|l| l.lang == lang) {
                    errors.push(Diagnostic::new(
                        shown(&content.join(&dir).join("site.toml")),
                        1,
                        format!(
                            "mục “{dir}” cùng ngôn ngữ (“{}”) với cổng chính hoặc một mục khác: mỗi ngôn ngữ một mục (đặt khóa `lang`)",
                            m.site.lang.as_deref().unwrap_or("vi")
                        ),
                    ));
                    continue;
                }
                languages.push(bantin_contract::Alternate {
                    lang: m.site.lang.clone().unwrap_or_else(|| "vi".into()),
                    url: format!("/{dir}/"),
                });
                sections.push((dir, m));
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        link_translations(&mut main, &mut sections)
            .map_err(|e| errors.extend(e))
            .ok();
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(errors);
    }
    if languages.len() > 1 {
        main.site.languages = languages.clone();
        for (_, m) in &mut sections {
            m.site.languages = languages.clone();
        }
    }
    Ok((Whole { main, sections }, cache_text))
}

/// The brand's fonts, each file read and checked (an error names its
/// `site.toml` line, `site` being that file as shown).
fn read_fonts(
    content: &Path,
    brand: &crate::brand::Brand,
    site: &str,
) -> Result<crate::fonts::Fonts, Vec<Diagnostic>> {
    use crate::brand::FontChoice;
    use crate::fonts::{read_face, Fonts, Role};
    let mut fonts = Fonts::default();
    let mut errors = Vec::new();
    for (role, choice) in [
        (Role::Heading, &brand.heading_font),
        (Role::Body, &brand.body_font),
    ] {
        match choice {
            None => {}
            Some(FontChoice::Stack(stack)) => match role {
                Role::Heading => fonts.heading = Some(stack),
                Role::Body => fonts.body = Some(stack),
            },
            Some(FontChoice::Files(files)) => {
                for (src, line) in files {
                    match read_face(content, src, role) {
                        Ok(face) => fonts.faces.push(face),
                        Err(e) => errors.push(Diagnostic::new(
                            site.to_string(),
                            *line,
                            format!(
                                "[brand] {}: {e}",
                                if role == Role::Heading {
                                    "heading_font"
                                } else {
                                    "body_font"
                                }
                            ),
                        )),
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(fonts)
    } else {
        Err(errors)
    }
}

/// The keys of `site.toml` that belong to the whole site, never to a section.
const MAIN_ONLY_KEYS: &[&str] = &[
    "base_url", "offline", "data_url", "security", "brand", "editor",
];

/// Reads the section `content/<dir>/` of the site whose main part is `main`:
/// its `site.toml` (name, language, categories, menus, footer), its articles
/// and its pages. Images, files and documents are the main site's, and so are
/// addresses starting with `/` in its content and menus (`/en/trang/about`).
pub fn load_section(content: &Path, dir: &str, main: &Model) -> Result<Model, Vec<Diagnostic>> {
    let root = content.join(dir);
    let site_path = root.join("site.toml");
    let path = shown(&site_path);
    let site_text = fs::read_to_string(&site_path).map_err(|e| {
        vec![Diagnostic::new(
            &path,
            1,
            format!("không đọc được site.toml: {e}"),
        )]
    })?;
    if !bantin_contract::text::is_slug(dir) || bantin_contract::paths::routes::is_reserved(dir) {
        return Err(vec![Diagnostic::new(
            &path,
            1,
            format!(
                "tên thư mục mục ngôn ngữ “{dir}” không dùng được: nó là đường dẫn của mục (như “en”), chỉ gồm a-z, 0-9, dấu gạch nối, và không trùng đường dẫn của cổng"
            ),
        )]);
    }
    let (mut site, _, _, _, _, warnings) = parse_site_full(&path, &site_text)?;
    // The whole site's settings are the main site.toml's alone; without a
    // `lang` key, the folder's name is the language when it is one.
    let ctx = crate::tomlx::Ctx::new(&path, &site_text, 0);
    let mut names_lang = false;
    if let Some(doc) = ctx.parse(&site_text) {
        for (k, _) in doc.get_ref().iter() {
            let key: &str = k.get_ref().as_ref();
            names_lang |= key == "lang";
            if MAIN_ONLY_KEYS.contains(&key) {
                ctx.error_at(
                    k.span().start,
                    format!(
                        "khóa `{key}` chỉ đặt trong site.toml của cổng chính: mục ngôn ngữ dùng chung địa chỉ, chế độ ngoại tuyến và chính sách bảo mật của cổng"
                    ),
                );
            }
        }
    }
    if ctx.has_errors() {
        return Err(ctx.into_errors());
    }
    if !names_lang && bantin_contract::strings::Lang::from_tag(dir).tag() == dir {
        site.lang = Some(dir.to_string()).filter(|l| l != "vi");
    }
    site.base_url = main
        .site
        .base_url
        .as_deref()
        .map(|b| format!("{}/{dir}/", b.trim().trim_end_matches('/')));
    let images = main
        .shared_images()
        .expect("a model read from a content folder has its images");
    let articles_dir = root.join("articles");
    let files = markdown_files(&articles_dir).map_err(|e| {
        vec![Diagnostic::new(
            shown(&articles_dir),
            1,
            format!("không đọc được thư mục bài viết: {e}"),
        )]
    })?;
    let cache = Cache::read(None, 0);
    let loaded = read_articles(&files, &site.categories, &images, &cache)?;
    let (loaded, _, held) = hold_back(loaded, main.now);
    let pages = read_pages(&root, &images)?;
    let known = known_of(
        &site,
        &loaded,
        &pages,
        &crate::documents::Registry::default(),
        format!("{dir}/"),
        Some(crate::menu::Known::of_model(main)),
    );
    resolve_menus(&mut site, &path, &site_text, &known, &pages)?;
    let articles = loaded
        .into_iter()
        .map(|(a, _)| Source {
            partial: None,
            fingerprint: cache.fingerprint(&a.parsed.path, a.hash),
            parsed: a.parsed,
        })
        .collect();
    let mut model = Model::from_sources(site, articles, images);
    set_pages(&mut model, pages);
    model.offline = main.offline.clone();
    model.security = main.security.clone();
    model.brand = main.brand.clone();
    model.logo = main.logo.clone();
    model.fonts = main.fonts.clone();
    model.banner = main.banner.clone();
    model.now = main.now;
    model.held = held;
    model.warnings.extend(warnings);
    if root.join(crate::documents::FOLDER).is_dir() {
        model.warnings.push(Diagnostic::new(
            shown(&root.join(crate::documents::FOLDER)),
            1,
            "cảnh báo: sổ văn bản chỉ có ở cổng chính (content/documents); thư mục này bị bỏ qua",
        ));
    }
    model.warnings.sort();
    Ok(model)
}

/// Links each article of a section that names the main site's article it
/// translates (`translation_of`) with that article, both ways.
fn link_translations(
    main: &mut Model,
    sections: &mut [(String, Model)],
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for a in &main.articles {
        if let Some((_, line)) = &a.translation_of {
            errors.push(Diagnostic::new(
                &a.path,
                *line,
                "translation_of chỉ dùng cho bài viết của mục ngôn ngữ khác (content/en/articles/…), và trỏ tới bài của cổng chính",
            ));
        }
    }
    let by_slug: HashMap<&str, usize> = main
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.as_str(), i))
        .collect();
    let main_lang = main.site.lang.clone().unwrap_or_else(|| "vi".into());
    let mut main_translations = vec![Vec::new(); main.articles.len()];
    let mut claimed: HashMap<(usize, String), (String, usize)> = HashMap::new();
    for (dir, section) in sections.iter_mut() {
        let lang = section.site.lang.clone().unwrap_or_else(|| "vi".into());
        let mut own = vec![Vec::new(); section.articles.len()];
        for (j, a) in section.articles.iter().enumerate() {
            let Some((slug, line)) = &a.translation_of else {
                continue;
            };
            let Some(&i) = by_slug.get(slug.as_str()) else {
                // Editors know files better than slugs: name the slug of a file so named.
                let file = format!("/{slug}.md");
                let hint = main
                    .articles
                    .iter()
                    .find(|m| m.path.replace('\\', "/").ends_with(&file))
                    .map(|m| format!(" (bài {} có slug “{}”: dùng slug đó)", m.path, m.slug))
                    .unwrap_or_default();
                errors.push(Diagnostic::new(
                    &a.path,
                    *line,
                    format!("translation_of: không có bài viết có slug “{slug}” trong cổng chính (content/articles){hint}"),
                ));
                continue;
            };
            if let Some((first, first_line)) = claimed.get(&(i, lang.clone())) {
                errors.push(Diagnostic::new(
                    &a.path,
                    *line,
                    format!("bài “{slug}” đã có bản dịch “{lang}”: {first}:{first_line}"),
                ));
                continue;
            }
            claimed.insert((i, lang.clone()), (a.path.clone(), *line));
            main_translations[i].push(bantin_contract::Alternate {
                lang: lang.clone(),
                url: format!(
                    "/{dir}/{}",
                    bantin_contract::paths::routes::article(&a.slug)
                ),
            });
            own[j].push(bantin_contract::Alternate {
                lang: main_lang.clone(),
                url: format!("/{}", bantin_contract::paths::routes::article(slug)),
            });
        }
        section.translations = own;
    }
    main.translations = main_translations;
    link_page_translations(main, sections, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort();
        Err(errors)
    }
}

/// Links each page of a section that names the main site's page it
/// translates (`translation_of`, the page's file name) with that page, both ways.
fn link_page_translations(
    main: &mut Model,
    sections: &mut [(String, Model)],
    errors: &mut Vec<Diagnostic>,
) {
    for (path, t) in &main.page_sources {
        if let Some((_, line)) = t {
            errors.push(Diagnostic::new(
                path,
                *line,
                "translation_of chỉ dùng cho trang của mục ngôn ngữ khác (content/en/pages/…), và trỏ tới trang của cổng chính",
            ));
        }
    }
    let main_lang = main.site.lang.clone().unwrap_or_else(|| "vi".into());
    let mut claimed: HashMap<(usize, String), (String, usize)> = HashMap::new();
    for (dir, section) in sections.iter_mut() {
        let lang = section.site.lang.clone().unwrap_or_else(|| "vi".into());
        for (j, (path, t)) in section.page_sources.iter().enumerate() {
            let Some((slug, line)) = t else { continue };
            let Some(i) = main.pages.iter().position(|p| &p.slug == slug) else {
                let mut slugs: Vec<&str> = main.pages.iter().map(|p| p.slug.as_str()).collect();
                slugs.sort_unstable();
                errors.push(Diagnostic::new(
                    path,
                    *line,
                    format!(
                        "translation_of: không có trang “{slug}” trong cổng chính (content/pages: {})",
                        slugs.join(", ")
                    ),
                ));
                continue;
            };
            if let Some((first, first_line)) = claimed.get(&(i, lang.clone())) {
                errors.push(Diagnostic::new(
                    path,
                    *line,
                    format!("trang “{slug}” đã có bản dịch “{lang}”: {first}:{first_line}"),
                ));
                continue;
            }
            claimed.insert((i, lang.clone()), (path.clone(), *line));
            let own = &mut section.pages[j];
            main.pages[i].translations.push(bantin_contract::Alternate {
                lang: lang.clone(),
                url: format!("/{dir}/{}", bantin_contract::paths::routes::page(&own.slug)),
            });
            own.translations = vec![bantin_contract::Alternate {
                lang: main_lang.clone(),
                url: format!("/{}", bantin_contract::paths::routes::page(slug)),
            }];
        }
    }
}

/// Produces the documents of `model` under `data/` through `writer`; returns how many.
pub fn write_data(model: &Model, writer: &Writer) -> io::Result<usize> {
    let jobs = model.jobs();
    let results = jobs
        .par_iter()
        .map(|&job| {
            let path = format!("data/{}", model.path(job));
            writer.write_rendered(&path, model.inputs(job), || {
                model.render(job).map(|(_, j)| j)
            })
        })
        .collect::<Vec<_>>();
    results.into_iter().collect::<io::Result<Vec<()>>>()?;
    Ok(jobs.len())
}

/// The security policy of the site (see [`crate::security`]): the inline
/// scripts and styles of the HTML files `writer` was given, the origins the
/// content and the settings need (`previous`: the policy the last build kept,
/// for the articles this one did not read in full), and https when `base` is.
fn policy(whole: &Whole, base: &str, writer: &Writer, previous: Option<Policy>) -> Policy {
    let model = &whole.main;
    let previous = previous.unwrap_or_default();
    let mut articles = std::collections::BTreeMap::new();
    for (i, a) in model.articles.iter().enumerate() {
        let sources = match previous.articles.get(&a.path) {
            Some(kept) if model.is_partial(i) => kept.clone(),
            // A cached article's cover is whole; its body is read again only to
            // render, so without a kept entry it is read here.
            _ if model.is_partial(i) => match model.article_body(i) {
                Ok(body) => Sources::of_parts(a.cover.as_ref(), &body),
                Err(_) => Sources::of_parts(a.cover.as_ref(), &a.body),
            },
            _ => Sources::of_parts(a.cover.as_ref(), &a.body),
        };
        // Kept even when empty, so the next build need not read the body again.
        articles.insert(a.path.clone(), sources);
    }
    // The site's pages are few and always read whole.
    for p in &model.pages {
        articles.insert(
            format!("{}/{}", crate::info_page::FOLDER, p.slug),
            Sources::of_parts(None, &p.body),
        );
    }
    // A section's articles and pages are read whole on every build.
    for (_, section) in &whole.sections {
        for a in &section.articles {
            articles.insert(a.path.clone(), Sources::of_parts(a.cover.as_ref(), &a.body));
        }
        for (p, (path, _)) in section.pages.iter().zip(&section.page_sources) {
            articles.insert(path.clone(), Sources::of_parts(None, &p.body));
        }
    }
    let settings = &model.security;
    let mut extra = Sources::default();
    extra.img.extend(settings.img.iter().cloned());
    extra.media.extend(settings.media.iter().cloned());
    extra.frame.extend(settings.frame.iter().cloned());
    let mut connect: std::collections::BTreeSet<String> =
        settings.connect.iter().cloned().collect();
    connect.extend(settings.data_url.as_deref().and_then(security::origin_of));
    Policy {
        inline: writer.inline(),
        articles,
        extra,
        connect,
        editor: model.editor.connect_origins(),
        https: base
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("https://"),
        sources_made: Default::default(),
    }
}

/// Writes the web editor's page, start script and configuration (see
/// [`crate::editor`]) for the site at `base` (base path `base_path`) whose
/// content folder is `content`; `out` is where trunk's stylesheet is.
fn write_editor(
    whole: &Whole,
    content: &Path,
    out: &Path,
    base: &str,
    base_path: &str,
    writer: &Writer,
) -> io::Result<()> {
    use crate::editor;
    let mut sections = vec![editor::Section {
        dir: "",
        language: None,
        categories: &whole.main.site.categories,
        pages: content.join(crate::info_page::FOLDER).is_dir(),
        documents: content.join(crate::documents::FOLDER).is_dir(),
    }];
    for (dir, m) in &whole.sections {
        sections.push(editor::Section {
            dir,
            language: Some(dir),
            categories: &m.site.categories,
            pages: content.join(dir).join(crate::info_page::FOLDER).is_dir(),
            documents: false,
        });
    }
    let config = editor::config(&whole.main.editor, base, &sections);
    let dir = editor::DIR;
    writer.write(
        &format!("{dir}/{}", editor::CONFIG),
        serde_json::to_string_pretty(&config)
            .expect("the editor's configuration serializes")
            .as_bytes(),
    )?;
    let css = editor::stylesheet(out)?.map(|name| format!("{base_path}{name}"));
    writer.write(
        &format!("{dir}/{}", editor::SETUP),
        editor::setup_js(css.as_deref()).as_bytes(),
    )?;
    writer.write(
        &format!("{dir}/index.html"),
        editor::index_html(base_path, &whole.main.site.name).as_bytes(),
    )
}

/// Writes the static hosts' configuration files (see [`deploy::host_configs`])
/// for a site at base path `base` with the security policy `policy` through
/// `writer`; `out` is where trunk's hashed files are. Returns how many files were written.
fn write_host_configs(
    base: &str,
    sections: &[String],
    policy: &Policy,
    out: &Path,
    writer: &Writer,
    aliases: &[(String, String)],
) -> io::Result<usize> {
    let mut names = Vec::new();
    match fs::read_dir(out) {
        Ok(entries) => {
            for e in entries {
                let e = e?;
                if e.file_type()?.is_file() {
                    names.push(e.file_name().to_string_lossy().into_owned());
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let configs = deploy::host_configs(base, sections, &names, policy, aliases);
    for (name, text) in &configs {
        writer.write(name, text.as_bytes())?;
    }
    Ok(configs.len())
}

/// Writes the section `dir` of the site (its data, search index, pages,
/// `config.json`, feeds and sitemaps) into its folder through `writer`;
/// `base` is the main site's address, `build` the app build its pages name.
fn write_section(
    section: &Model,
    dir: &str,
    base: &str,
    build: Option<&str>,
    cards: &crate::cards::Cards,
    writer: &Writer,
) -> Result<(), BuildError> {
    writer.set_prefix(&format!("{dir}/"));
    write_data(section, writer).map_err(BuildError::Io)?;
    crate::search::write(section, writer).map_err(BuildError::Io)?;
    let root = deploy::base_path_of_url(base);
    if let (Some(shell), Some(build)) = (
        pages::find_shell(writer.out()).map_err(BuildError::Io)?,
        build,
    ) {
        pages::write_section_pages(section, &shell, &root, Some(base), build, cards, writer)
            .map_err(BuildError::Io)?;
    }
    writer
        .write(
            bantin_contract::paths::CONFIG,
            crate::runtime::config_json(&section.site, None, build).as_bytes(),
        )
        .map_err(BuildError::Io)?;
    let own = feeds::base_url(&section.site)
        .map_err(|m| BuildError::Content(vec![Diagnostic::new(dir, 1, m)]))?;
    feeds::write(section, &own, writer, Some(base)).map_err(BuildError::Io)?;
    writer.set_prefix("");
    Ok(())
}

/// Runs a whole build: load and check, then write and put the output in place
/// (only the changed files when the output folder has a manifest, see [`crate::output`]).
pub fn run(opts: &Options) -> Result<Report, BuildError> {
    let started = Instant::now();
    let now = opts.now.unwrap_or_else(system_now);
    // What the previous build kept in the output folder is read beside the content.
    let manifest = Writer::read_ahead(&opts.out);
    let search_state = crate::search::read_state_ahead(&opts.out);
    let kept_policy = {
        let out = opts.out.clone();
        crate::output::ReadAhead::start(move || Policy::read(&out))
    };
    let (whole, cache_text) = load_whole(
        &opts.content,
        Some(&opts.out),
        opts.base_url.as_deref(),
        now,
    )
    .map_err(BuildError::Content)?;
    // The articles' old addresses, checked before anything is written.
    let aliases = crate::aliases::collect(&whole).map_err(BuildError::Content)?;
    let model = &whole.main;
    let mut timer = Timer::new();
    let mut stage = |name: &str| timer.stage(name);
    let writer = Writer::with_manifest(&opts.out, manifest).map_err(BuildError::Io)?;
    stage("chuẩn bị thư mục tạm");
    let anh = opts.content.join("anh");
    let no_photos = crate::photos::Photos::default();
    let cards = crate::cards::Cards::new(
        &anh,
        model.images().map_or(&no_photos, |s| s.photos()),
        &crate::cards::default_cache_dir(),
    );
    // The search index is written on a thread of its own beside the data,
    // pages, feeds and embeds (it leaves cores idle part of the time, which
    // they fill); none of these reads another's files.
    let (search, written) = std::thread::scope(|scope| {
        // On threads of its own: in the shared pool its parallel steps would
        // wait behind the pages' (rayon takes outside work last).
        let search = scope.spawn(|| {
            let write = || crate::search::write_with_state(model, &writer, search_state);
            match rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("bantin-tim-{i}"))
                .build()
            {
                Ok(pool) => pool.install(write),
                Err(_) => write(),
            }
        });
        let written = (|| -> Result<_, BuildError> {
            write_data(model, &writer).map_err(BuildError::Io)?;
            stage("ghi dữ liệu");
            let (mut images, mut images_encoded) = (0, 0);
            if let Some(store) = model.images() {
                store.photos().write(&writer).map_err(BuildError::Io)?;
                images = store.photos().len();
                images_encoded = store.photos().encoded;
            }
            if anh.is_dir() {
                // Photos are written above as their resized copies, never as they came.
                copy_into(&writer, &anh, "anh", &|name| {
                    !crate::photos::is_photo(name) && !name.ends_with(".md")
                })
                .map_err(BuildError::Io)?;
            }
            let tep = opts.content.join("tep");
            if tep.is_dir() {
                copy_into(&writer, &tep, "tep", &|name| {
                    crate::files::kind_of(name).is_some()
                })
                .map_err(BuildError::Io)?;
            }
            stage("chép ảnh và tệp");
            // The id of the app build the pages name, for config.json.
            let build_id = pages::write_site(model, &cards, &writer).map_err(BuildError::Io)?;
            if build_id.is_none() {
                eprintln!(
                    "ghi chú: {} chưa có vỏ ứng dụng (index.html của trunk), bỏ qua các trang HTML tĩnh",
                    opts.out.display()
                );
            }
            stage("ghi trang HTML");
            writer
                .write(
                    bantin_contract::paths::CONFIG,
                    crate::runtime::config_json(
                        &model.site,
                        model.security.data_url.as_deref(),
                        build_id.as_deref(),
                    )
                    .as_bytes(),
                )
                .map_err(BuildError::Io)?;
            let base = feeds::base_url(&model.site).map_err(|m| {
                let site_toml = shown(&opts.content.join("site.toml"));
                BuildError::Content(vec![Diagnostic::new(site_toml, 1, m)])
            })?;
            feeds::write(model, &base, &writer, None).map_err(BuildError::Io)?;
            stage("ghi RSS và sitemap");
            let base_path = deploy::base_path_of_url(&base);
            crate::fonts::write(&model.fonts, &writer).map_err(BuildError::Io)?;
            embed::write(model, &base, &base_path, &writer).map_err(BuildError::Io)?;
            stage("ghi trang nhúng và oEmbed");
            Ok((build_id, base, base_path, images, images_encoded))
        })();
        let search = search.join().unwrap_or_else(|_| {
            Err(io::Error::other(
                "việc ghi chỉ mục tìm kiếm dừng bất thường",
            ))
        });
        (search, written)
    });
    let (build_id, base, base_path, images, images_encoded) = written?;
    let search = search.map_err(BuildError::Io)?;
    if !model.related_state.is_empty() {
        // Like the search state: written once the build's files are in place.
        writer.keep(crate::related::STATE, model.related_state.clone());
    }
    stage("chờ chỉ mục tìm kiếm");
    write_editor(&whole, &opts.content, &opts.out, &base, &base_path, &writer)
        .map_err(BuildError::Io)?;
    for (dir, section) in &whole.sections {
        // A failure drops the writer and its staged files: nothing is half written.
        write_section(section, dir, &base, build_id.as_deref(), &cards, &writer)?;
    }
    stage("ghi các mục ngôn ngữ");
    let written = cards.write(&writer).map_err(BuildError::Io)?;
    let mut warnings = model.warnings.clone();
    warnings.extend(written.warnings.iter().map(|w| {
        Diagnostic::new(
            shown(&anh),
            1,
            format!("cảnh báo: không làm được ảnh chia sẻ từ ảnh bìa, dùng thẻ có tiêu đề: {w}"),
        )
    }));
    stage("ghi ảnh chia sẻ");
    // Last of the files: an alias may not take a path the site uses.
    crate::aliases::write(&aliases, &base_path, &writer).map_err(BuildError::Content)?;
    let alias_rules: Vec<(String, String)> = aliases
        .iter()
        .map(|a| (a.from.clone(), a.to.clone()))
        .collect();
    let policy = policy(&whole, &base, &writer, kept_policy.join());
    let sections: Vec<String> = whole
        .sections
        .iter()
        .map(|(d, _)| format!("{base_path}{d}/"))
        .collect();
    write_host_configs(
        &base_path,
        &sections,
        &policy,
        &opts.out,
        &writer,
        &alias_rules,
    )
    .map_err(BuildError::Io)?;
    let done = writer
        .commit(|name| {
            feeds::is_owned(name) || deploy::is_owned(name) || crate::offline::is_owned(name)
        })
        .map_err(BuildError::Io)?;
    stage("thay tệp đã đổi");
    // After the swap, as `bantin serve` reads it with the pages it describes.
    policy.write(&opts.out).map_err(BuildError::Io)?;
    if let Some(text) = cache_text {
        Cache::write(&opts.out, &text);
    }
    stage("ghi bộ nhớ đệm");
    let report = Report {
        articles: model.articles.len()
            + whole
                .sections
                .iter()
                .map(|(_, m)| m.articles.len())
                .sum::<usize>(),
        categories: model.site.categories.len(),
        tags: model.tags.len(),
        files: done.files,
        written: done.written,
        removed: done.removed,
        incremental: done.incremental,
        search_patched: search.patched,
        images,
        images_encoded,
        elapsed_ms: started.elapsed().as_millis(),
        warnings,
        cards: written.cards,
        cards_drawn: written.drawn,
        held: {
            let mut held = model.held.clone();
            for (_, m) in &whole.sections {
                held.drafts.extend(m.held.drafts.iter().cloned());
                held.scheduled.extend(m.held.scheduled.iter().cloned());
            }
            held.drafts.sort();
            held.scheduled.sort();
            held
        },
    };
    // A large site's model is freed beside whatever comes next (the process
    // ends, or a development server waits for the next change).
    std::thread::spawn(move || drop(whole));
    Ok(report)
}
