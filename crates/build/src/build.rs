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
use crate::par;
use crate::render::{Model, Source};
use crate::security::{self, Policy, Sources};
use crate::site::parse_site_full;

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
}

/// What a successful build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Articles built.
    pub articles: usize,
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
    /// Photos under `anh/` (JPEG, PNG, WebP).
    pub images: usize,
    /// Photos encoded by this build; the others came from the cache.
    pub images_encoded: usize,
    /// Wall time in milliseconds.
    pub elapsed_ms: u128,
    /// Warnings about the content (the build went on), sorted by file and line.
    pub warnings: Vec<Diagnostic>,
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

/// Prints how long each stage took when `BANTIN_TIMING` is set (for profiling large sites).
struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    fn new() -> Self {
        Timer {
            on: std::env::var_os("BANTIN_TIMING").is_some(),
            last: Instant::now(),
        }
    }

    fn stage(&mut self, name: &str) {
        if self.on {
            eprintln!("  {name}: {} ms", self.last.elapsed().as_millis());
            self.last = Instant::now();
        }
    }
}

/// Reads and checks the whole content folder.
pub fn load(content: &Path) -> Result<Model, Vec<Diagnostic>> {
    load_cached(content, None, None).map(|(m, _)| m)
}

/// Like [`load`], using the parse cache of the output folder `out` (see
/// [`crate::cache`]) when given, and `base_url` (when given) in place of the one
/// in `site.toml`; also returns the text of the updated cache (`None` when it
/// need not change).
pub fn load_cached(
    content: &Path,
    out: Option<&Path>,
    base_url: Option<&str>,
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
    let (mut site, offline, security, site_warnings) =
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
    let results: Vec<Result<(Loaded, Stamp), Vec<Diagnostic>>> = par::map(&files, |p| {
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
        let text = String::from_utf8(bytes).map_err(|_| {
            unreadable(io::Error::new(
                io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ))
        })?;
        let parsed = parse_article(&path, &text, &site.categories, &images)?;
        Ok((
            Loaded {
                parsed,
                hash,
                partial: false,
            },
            stamp,
        ))
    });

    timer.stage("đọc và kiểm tra bài viết");
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
    // The pages, then the menus, which may name pages, categories, tags and articles.
    let pages_dir = content.join(crate::info_page::FOLDER);
    let page_files = markdown_files(&pages_dir).map_err(|e| {
        vec![Diagnostic::new(
            shown(&pages_dir),
            1,
            format!("không đọc được thư mục trang: {e}"),
        )]
    })?;
    let pages = crate::info_page::parse_pages(&page_files, &images)?;
    {
        let titles: HashMap<String, String> = pages
            .iter()
            .map(|p| (p.page.slug.clone(), p.page.title.clone()))
            .collect();
        let articles: std::collections::HashSet<String> =
            loaded.iter().map(|(a, _)| a.parsed.slug.clone()).collect();
        let tags: std::collections::HashSet<String> = loaded
            .iter()
            .flat_map(|(a, _)| a.parsed.tags.iter().map(|t| t.slug.clone()))
            .collect();
        let documents: std::collections::HashSet<String> =
            registry.documents.iter().map(|d| d.slug.clone()).collect();
        let known = crate::menu::Known {
            pages: &titles,
            categories: &site.categories,
            articles: &articles,
            tags: &tags,
            documents: &documents,
        };
        let (menu, footer_links) =
            crate::menu::parse(&shown(&site_path), &site_text)?.resolve(&known)?;
        site.menu = menu;
        site.footer_links = footer_links;
        site.registry = registry.types();
        site.pages = pages
            .iter()
            .map(|p| bantin_contract::Term {
                slug: p.page.slug.clone(),
                name: p.page.title.clone(),
            })
            .collect();
    }
    timer.stage("đọc trang và menu");
    let cache_text = match out {
        Some(_) => {
            let refs: Vec<(&Loaded, Stamp)> = loaded.iter().map(|(a, s)| (a, *s)).collect();
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
    let mut model = Model::from_sources(site, articles, images);
    for p in &pages {
        model.warnings.extend(p.warnings.iter().cloned());
    }
    model.pages = pages.into_iter().map(|p| p.page).collect();
    model.warnings.extend(registry.warnings.iter().cloned());
    model.registry = registry;
    model.offline = offline;
    model.security = security;
    model.warnings.extend(site_warnings);
    model.warnings.extend(photo_warnings);
    model.warnings.sort();
    timer.stage("sắp xếp, tóm tắt, bài liên quan");
    Ok((model, cache_text))
}

/// Produces the documents of `model` under `data/` through `writer`; returns how many.
pub fn write_data(model: &Model, writer: &Writer) -> io::Result<usize> {
    let jobs = model.jobs();
    let results = par::map(&jobs, |&job| {
        let path = format!("data/{}", model.path(job));
        writer.write_rendered(&path, model.inputs(job), || {
            model.render(job).map(|(_, j)| j)
        })
    });
    results.into_iter().collect::<io::Result<Vec<()>>>()?;
    Ok(jobs.len())
}

/// The security policy of the site (see [`crate::security`]): the inline
/// scripts and styles of the HTML files `writer` was given, the origins the
/// content and the settings need (`previous`: the policy the last build kept,
/// for the articles this one did not read in full), and https when `base` is.
fn policy(model: &Model, base: &str, writer: &Writer, previous: Option<Policy>) -> Policy {
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
        https: base
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("https://"),
    }
}

/// Writes the static hosts' configuration files (see [`deploy::host_configs`])
/// for a site at base path `base` with the security policy `policy` through
/// `writer`; `out` is where trunk's hashed files are. Returns how many files were written.
fn write_host_configs(
    base: &str,
    policy: &Policy,
    out: &Path,
    writer: &Writer,
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
    let configs = deploy::host_configs(base, &names, policy);
    for (name, text) in &configs {
        writer.write(name, text.as_bytes())?;
    }
    Ok(configs.len())
}

/// Runs a whole build: load and check, then write and put the output in place
/// (only the changed files when the output folder has a manifest, see [`crate::output`]).
pub fn run(opts: &Options) -> Result<Report, BuildError> {
    let started = Instant::now();
    let (model, cache_text) = load_cached(&opts.content, Some(&opts.out), opts.base_url.as_deref())
        .map_err(BuildError::Content)?;
    let mut timer = Timer::new();
    let mut stage = |name: &str| timer.stage(name);
    let writer = Writer::new(&opts.out).map_err(BuildError::Io)?;
    stage("chuẩn bị thư mục tạm");
    write_data(&model, &writer).map_err(BuildError::Io)?;
    stage("ghi dữ liệu");
    crate::search::write(&model, &writer).map_err(BuildError::Io)?;
    stage("ghi chỉ mục tìm kiếm");
    let anh = opts.content.join("anh");
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
    let build_id = pages::write_site(&model, &writer).map_err(BuildError::Io)?;
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
    feeds::write(&model, &base, &writer).map_err(BuildError::Io)?;
    stage("ghi RSS và sitemap");
    let base_path = deploy::base_path_of_url(&base);
    embed::write(&model, &base, &base_path, &writer).map_err(BuildError::Io)?;
    stage("ghi trang nhúng và oEmbed");
    let policy = policy(&model, &base, &writer, Policy::read(&opts.out));
    write_host_configs(&base_path, &policy, &opts.out, &writer).map_err(BuildError::Io)?;
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
    Ok(Report {
        articles: model.articles.len(),
        categories: model.site.categories.len(),
        tags: model.tags.len(),
        files: done.files,
        written: done.written,
        removed: done.removed,
        incremental: done.incremental,
        images,
        images_encoded,
        elapsed_ms: started.elapsed().as_millis(),
        warnings: model.warnings.clone(),
    })
}
