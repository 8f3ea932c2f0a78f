//! `bantin import wordpress EXPORT.xml [--uploads DIR] --out CONTENT [--force]`:
//! a WordPress export (WXR) as a content folder that `bantin build` builds.
//!
//! - [`wxr`]: the export read into plain structs;
//! - [`html`]: a post's HTML read into the content format's blocks, with what
//!   could not be converted; `markdown`: those blocks written as Markdown;
//! - this module: posts, pages, categories, media and old addresses mapped to
//!   the content folder, written into a staging folder next to `--out`, checked
//!   with the build's own reader, and renamed into place only when all is well.

pub mod html;
mod markdown;
mod media;
pub mod wxr;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::path::{Path, PathBuf};

use bantin_contract::date::{parse_rfc3339, VnDateTime};
use bantin_contract::paths::routes;
use bantin_contract::text::slugify;

use crate::markdown::collapse_spaces;
use html::Attachment;
use markdown::toml_str;
use media::{is_image_name, percent_decode, percent_encode_path, MediaStore, Origin};

/// The report's file in the content folder.
pub const REPORT_FILE: &str = "nhap-wordpress.txt";

/// What `bantin import wordpress` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The WXR file (WordPress: Tools → Export).
    pub wxr: PathBuf,
    /// A copy of the old site's `wp-content/uploads`, if any.
    pub uploads: Option<PathBuf>,
    /// The content folder to write.
    pub out: PathBuf,
    /// Replace a non-empty `out`.
    pub force: bool,
}

/// One line of the report: an item, where in it, and what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The item: `bài “Tiêu đề” (ID 12)`, or the whole export.
    pub item: String,
    /// Where: `đoạn 3, dòng 120 của tệp WXR`, or the item's line.
    pub place: String,
    /// What happened, in Vietnamese.
    pub message: String,
    /// True when something was not converted (counted as "không chuyển được").
    pub lost: bool,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.item, self.message)
        } else {
            write!(f, "{}, {}: {}", self.item, self.place, self.message)
        }
    }
}

/// What an import made.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Articles written (drafts and scheduled ones included).
    pub articles: usize,
    /// Of those, drafts.
    pub drafts: usize,
    /// Of those, scheduled (`future`).
    pub scheduled: usize,
    /// Pages written.
    pub pages: usize,
    /// Categories in `site.toml`.
    pub categories: usize,
    /// Images copied into `anh/`.
    pub images: usize,
    /// Files copied into `tep/`.
    pub files: usize,
    /// Everything to report, in item order.
    pub entries: Vec<Entry>,
    /// The report as written to [`REPORT_FILE`].
    pub text: String,
    /// Where the report was written.
    pub report_file: PathBuf,
}

impl ImportReport {
    /// Items (or pieces of them) that were not converted.
    pub fn lost(&self) -> usize {
        self.entries.iter().filter(|e| e.lost).count()
    }
}

/// Why an import stopped; nothing was written to `--out` then.
#[derive(Debug)]
pub enum ImportError {
    /// The command's inputs are wrong (a missing file, a non-empty `--out`).
    Input(String),
    /// The export is not a WXR file we can read.
    Wxr(PathBuf, wxr::WxrError),
    /// The folder made would not build (a bug of the importer: the errors).
    Check(Vec<String>),
    /// Reading or writing failed.
    Io(String, std::io::Error),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Input(m) => f.write_str(m),
            ImportError::Wxr(p, e) => write!(f, "{}: {e}", p.display()),
            ImportError::Check(errors) => write!(
                f,
                "thư mục nội dung tạo ra chưa dựng được ({} lỗi), không ghi gì:\n{}",
                errors.len(),
                errors.join("\n")
            ),
            ImportError::Io(what, e) => write!(f, "{what}: {e}"),
        }
    }
}

impl std::error::Error for ImportError {}

fn io_err(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> ImportError {
    let what = what.into();
    move |e| ImportError::Io(what, e)
}

/// Imports a WordPress export into a new content folder.
pub fn run(opts: &ImportOptions) -> Result<ImportReport, ImportError> {
    let text = fs::read(&opts.wxr).map_err(|e| {
        ImportError::Input(format!(
            "không đọc được tệp xuất WordPress {}: {e}",
            opts.wxr.display()
        ))
    })?;
    let text = String::from_utf8_lossy(&text);
    if let Some(u) = &opts.uploads {
        if !u.is_dir() {
            return Err(ImportError::Input(format!(
                "--uploads: không có thư mục {} (cần bản sao của wp-content/uploads)",
                u.display()
            )));
        }
    }
    check_out(&opts.out, opts.force)?;
    // `--force` replaces `--out` as a whole: never with the inputs inside it.
    if let Ok(out) = opts.out.canonicalize() {
        let inputs = std::iter::once(&opts.wxr).chain(opts.uploads.as_ref());
        for input in inputs {
            if input.canonicalize().is_ok_and(|i| i.starts_with(&out)) {
                return Err(ImportError::Input(format!(
                    "--out: thư mục {} chứa {}; chọn một thư mục nội dung khác (thư mục --out được thay toàn bộ)",
                    opts.out.display(),
                    input.display()
                )));
            }
        }
    }
    let channel = wxr::parse(&text).map_err(|e| ImportError::Wxr(opts.wxr.clone(), e))?;

    let stage = staging_path(&opts.out, "nhap");
    if stage.exists() {
        fs::remove_dir_all(&stage)
            .map_err(io_err(format!("không xóa được {}", stage.display())))?;
    }
    fs::create_dir_all(&stage).map_err(io_err(format!("không tạo được {}", stage.display())))?;
    let result = write_all(opts, &channel, &stage).and_then(|report| {
        check(&stage)?;
        Ok(report)
    });
    match result {
        Ok(mut report) => {
            swap_in(&stage, &opts.out)?;
            report.report_file = opts.out.join(REPORT_FILE);
            Ok(report)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&stage);
            Err(e)
        }
    }
}

/// `--out` must be absent or empty, unless `--force`.
fn check_out(out: &Path, force: bool) -> Result<(), ImportError> {
    if out.exists() && !out.is_dir() {
        return Err(ImportError::Input(format!(
            "--out: {} là một tệp, không phải thư mục",
            out.display()
        )));
    }
    let non_empty = out.is_dir()
        && fs::read_dir(out)
            .map_err(io_err(format!("không đọc được {}", out.display())))?
            .next()
            .is_some();
    if non_empty && !force {
        return Err(ImportError::Input(format!(
            "--out: thư mục {} đã có nội dung; chọn một thư mục mới, hoặc thêm --force để thay toàn bộ nội dung của nó",
            out.display()
        )));
    }
    Ok(())
}

/// A sibling of `out`: `.<name>.<what>-<pid>`.
fn staging_path(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "noi-dung".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
}

/// Moves the staged folder to `out`, replacing what was there.
fn swap_in(stage: &Path, out: &Path) -> Result<(), ImportError> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(io_err(format!("không tạo được {}", parent.display())))?;
    }
    let old = staging_path(out, "cu");
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old).map_err(io_err(format!("không đổi tên được {}", out.display())))?;
    }
    if let Err(e) = fs::rename(stage, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        return Err(ImportError::Io(
            format!(
                "không đổi tên được {} thành {}",
                stage.display(),
                out.display()
            ),
            e,
        ));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Reads the staged folder as `bantin build` would: whatever it refuses
/// stops the import.
fn check(stage: &Path) -> Result<(), ImportError> {
    match crate::build::load_whole(stage, None, None, crate::build::system_now()) {
        Ok(_) => Ok(()),
        Err(diags) => Err(ImportError::Check(
            diags.iter().map(|d| d.to_string()).collect(),
        )),
    }
}

// ---------------------------------------------------------------------------

/// How an item is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Page,
}

/// An item to write, decided before any body is converted (so links between
/// posts can name their new addresses).
struct Planned<'a> {
    item: &'a wxr::Item,
    kind: Kind,
    slug: String,
    title: String,
    draft: bool,
}

fn describe(it: &wxr::Item) -> String {
    let what = if it.post_type == "page" {
        "trang"
    } else {
        "bài"
    };
    let title = collapse_spaces(&html::strip_tags(&it.title));
    if title.is_empty() {
        format!("{what} không có tiêu đề (ID {})", it.id)
    } else {
        format!("{what} “{title}” (ID {})", it.id)
    }
}

/// An item's place for the report: its line in the export.
fn item_place(it: &wxr::Item) -> String {
    format!("dòng {} của tệp WXR", it.line)
}

/// The report's entry about the whole export.
fn about_export(message: String, lost: bool) -> Entry {
    Entry {
        item: "Tệp xuất".to_string(),
        place: String::new(),
        message,
        lost,
    }
}

/// WordPress's own kinds of items, which are not content (skipped with a note).
const WORDPRESS_DATA: &[&str] = &[
    "nav_menu_item",
    "revision",
    "customize_changeset",
    "custom_css",
    "oembed_cache",
    "user_request",
    "wp_block",
    "wp_template",
    "wp_template_part",
    "wp_global_styles",
    "wp_navigation",
    "wp_font_family",
    "wp_font_face",
];

/// Decides which items become articles and pages, with their titles, slugs
/// (unique, in file order) and draft state; what is not imported is reported.
fn plan<'a>(channel: &'a wxr::Channel, entries: &mut Vec<Entry>) -> Vec<Planned<'a>> {
    let mut planned: Vec<Planned<'_>> = Vec::new();
    let mut skipped_types: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken: [HashSet<String>; 2] = [HashSet::new(), HashSet::new()];
    for it in &channel.items {
        let kind = match it.post_type.as_str() {
            "post" => Kind::Article,
            "page" => Kind::Page,
            "attachment" => continue,
            other => {
                *skipped_types.entry(other.to_string()).or_default() += 1;
                continue;
            }
        };
        let who = describe(it);
        let mut entry = |message: String, lost: bool| {
            entries.push(Entry {
                item: who.clone(),
                place: item_place(it),
                message,
                lost,
            })
        };
        let mut draft = match (it.status.as_str(), kind) {
            ("publish", _) | ("future", Kind::Article) => false,
            ("draft" | "pending", Kind::Article) => true,
            ("private", _) => {
                entry(
                    "riêng tư (private): không nhập, vì trang tĩnh không có bài riêng tư".into(),
                    true,
                );
                continue;
            }
            ("trash", _) => {
                entry("đã ở thùng rác (trash): không nhập".into(), true);
                continue;
            }
            ("auto-draft", _) => {
                entry(
                    "bản nháp tự động (auto-draft) của WordPress: không nhập".into(),
                    false,
                );
                continue;
            }
            (status @ ("draft" | "pending" | "future"), Kind::Page) => {
                entry(format!("trang ở trạng thái {status}: không nhập (trang không có bản nháp hay hẹn giờ; hãy đăng trang trong WordPress rồi xuất lại, hoặc tự tạo tệp pages/)"), true);
                continue;
            }
            (other, _) => {
                entry(format!("trạng thái không rõ “{other}”: không nhập"), true);
                continue;
            }
        };
        let mut title = collapse_spaces(&html::strip_tags(&it.title));
        if title.is_empty() {
            title = match kind {
                Kind::Article => format!("Bài viết không có tiêu đề (ID {})", it.id),
                Kind::Page => format!("Trang không có tiêu đề (ID {})", it.id),
            };
            if kind == Kind::Article && !draft {
                // Nothing without a title is published.
                draft = true;
                entry(format!("không có tiêu đề: đã đặt tiêu đề “{title}” và lưu thành bản nháp (draft = true); hãy đặt tiêu đề rồi bỏ dòng draft"), true);
            } else {
                entry(
                    format!("không có tiêu đề: đã đặt tiêu đề “{title}”; hãy sửa lại"),
                    true,
                );
            }
        }
        let wanted = [percent_decode(&it.name), title.clone()]
            .iter()
            .map(|s| slugify(s))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| format!("bai-{}", it.id));
        let set = &mut taken[kind as usize];
        let mut slug = wanted.clone();
        let mut n = 2;
        while set.contains(&slug) {
            slug = format!("{wanted}-{n}");
            n += 1;
        }
        if slug != wanted {
            entry(
                format!("địa chỉ “{wanted}” đã có bài khác dùng; đặt là “{slug}”"),
                false,
            );
        }
        set.insert(slug.clone());
        planned.push(Planned {
            item: it,
            kind,
            slug,
            title,
            draft,
        });
    }
    for (t, n) in &skipped_types {
        let known = WORDPRESS_DATA.contains(&t.as_str());
        let msg = if known {
            format!(
                "bỏ qua {n} mục kiểu “{t}” (dữ liệu riêng của WordPress, không phải bài hay trang)"
            )
        } else {
            format!("bỏ qua {n} mục kiểu “{t}” (kiểu nội dung riêng của giao diện hay plugin, không chuyển được)")
        };
        entries.push(about_export(msg, !known));
    }
    planned
}

/// The export's attachments by ID, and each post's image attachments in ID
/// order (a `[gallery]` without `ids` shows them).
fn attachments(channel: &wxr::Channel) -> (HashMap<u64, Attachment>, BTreeMap<u64, Vec<u64>>) {
    let mut by_id: HashMap<u64, Attachment> = HashMap::new();
    let mut children: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for it in channel.items.iter().filter(|i| i.post_type == "attachment") {
        by_id.insert(
            it.id,
            Attachment {
                url: it.attachment_url.clone(),
                alt: it
                    .meta
                    .get("_wp_attachment_image_alt")
                    .cloned()
                    .unwrap_or_default(),
                caption: it.excerpt.clone(),
                title: it.title.clone(),
            },
        );
        if it.parent != 0 && is_image_name(&it.attachment_url) {
            children.entry(it.parent).or_default().push(it.id);
        }
    }
    for v in children.values_mut() {
        v.sort_unstable();
    }
    (by_id, children)
}

/// A category of the new site.
struct Category {
    slug: String,
    name: String,
    description: String,
    used: bool,
}

/// The new site's categories: the export's, in its order, then any an item
/// names that the export did not declare.
#[derive(Default)]
struct Categories {
    list: Vec<Category>,
    by_nicename: HashMap<String, usize>,
}

impl Categories {
    /// The category of a WordPress slug, added when new: its slug from the
    /// name without tone marks, unique.
    fn add(&mut self, nicename: &str, name: &str, description: &str) -> usize {
        if let Some(i) = self.by_nicename.get(nicename) {
            return *i;
        }
        let name = collapse_spaces(name);
        let base = [name.clone(), percent_decode(nicename)]
            .iter()
            .map(|s| slugify(s))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| format!("chuyen-muc-{}", self.list.len() + 1));
        let mut slug = base.clone();
        let mut n = 2;
        while self.list.iter().any(|c| c.slug == slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        let name = if name.is_empty() { slug.clone() } else { name };
        self.list.push(Category {
            slug,
            name,
            description: collapse_spaces(description),
            used: false,
        });
        self.by_nicename
            .insert(nicename.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// What the items are written with: the old site, its media, the categories
/// and addresses found so far, and the counts.
struct Writer<'a> {
    channel: &'a wxr::Channel,
    site: Origin,
    media: MediaStore,
    categories: Categories,
    /// Each planned item's new address, by WordPress ID.
    by_id: HashMap<u64, String>,
    /// Every article's new address (an alias may not be one).
    article_paths: HashSet<String>,
    aliases: HashSet<String>,
    /// Old addresses a static page cannot answer, with their new ones.
    redirects: Vec<(String, String)>,
    report: ImportReport,
}

/// An item's report entries, with its name.
struct Notes {
    who: String,
    place: String,
    entries: Vec<Entry>,
}

impl Notes {
    fn add(&mut self, message: String, lost: bool) {
        self.entries.push(Entry {
            item: self.who.clone(),
            place: self.place.clone(),
            message,
            lost,
        });
    }
}

fn write_all(
    opts: &ImportOptions,
    channel: &wxr::Channel,
    stage: &Path,
) -> Result<ImportReport, ImportError> {
    let mut entries: Vec<Entry> = Vec::new();
    let site = Origin::new(&channel.link);
    let planned = plan(channel, &mut entries);

    // Old addresses → new ones, for links between posts.
    let mut new_paths: HashMap<String, String> = HashMap::new();
    let mut by_id: HashMap<u64, String> = HashMap::new();
    for p in &planned {
        let new = match p.kind {
            Kind::Article => format!("/{}", routes::article(&p.slug)),
            Kind::Page => format!("/{}", routes::page(&p.slug)),
        };
        if let Some(path) = site.path_of(&p.item.link) {
            new_paths.insert(path, new.clone());
        }
        by_id.insert(p.item.id, new);
    }
    let (attachments, children) = attachments(channel);
    if opts.uploads.is_none() {
        entries.push(about_export(
            "không có --uploads: ảnh và tệp giữ địa chỉ trên trang WordPress cũ (sẽ hỏng khi trang cũ ngừng chạy); nhập lại với --uploads để chép chúng vào anh/ và tep/".into(),
            false,
        ));
    }
    let mut categories = Categories::default();
    for c in &channel.categories {
        categories.add(&c.nicename, &c.name, &c.description);
    }
    let mut w = Writer {
        channel,
        site: site.clone(),
        media: MediaStore {
            uploads: opts.uploads.clone(),
            stage: stage.to_path_buf(),
            copied: HashMap::new(),
            names: HashSet::new(),
            images: 0,
            files: 0,
            attachments,
            children,
            site,
            new_paths,
            by_id: by_id.clone(),
        },
        categories,
        article_paths: planned
            .iter()
            .filter(|p| p.kind == Kind::Article)
            .filter_map(|p| by_id.get(&p.item.id).cloned())
            .collect(),
        by_id,
        aliases: HashSet::new(),
        redirects: Vec::new(),
        report: ImportReport::default(),
    };

    for folder in ["articles", "pages"] {
        let dir = stage.join(folder);
        fs::create_dir_all(&dir).map_err(io_err(format!("không tạo được {}", dir.display())))?;
    }
    for p in &planned {
        let (text, notes) = w.item(p);
        let folder = match p.kind {
            Kind::Article => "articles",
            Kind::Page => "pages",
        };
        let file = stage.join(folder).join(format!("{}.md", p.slug));
        fs::write(&file, text).map_err(io_err(format!("không ghi được {}", file.display())))?;
        entries.extend(notes);
    }
    let toml = w.site_toml(&mut entries);
    fs::write(stage.join("site.toml"), toml).map_err(io_err("không ghi được site.toml"))?;

    let mut report = w.report;
    report.images = w.media.images;
    report.files = w.media.files;
    report.entries = entries;
    report.text = report_text(opts, channel, &report, &w.redirects);
    fs::write(stage.join(REPORT_FILE), &report.text)
        .map_err(io_err(format!("không ghi được {REPORT_FILE}")))?;
    Ok(report)
}

impl Writer<'_> {
    /// One article's or page's file, and what to report about it.
    fn item(&mut self, p: &Planned<'_>) -> (String, Vec<Entry>) {
        let it = p.item;
        let mut notes = Notes {
            who: describe(it),
            place: item_place(it),
            entries: Vec::new(),
        };
        let converted = html::convert(
            &it.content,
            &html::Post {
                id: it.id,
                title: &p.title,
                first_line: it.content_line,
            },
            &mut self.media,
        );
        for i in &converted.issues {
            notes.entries.push(Entry {
                item: notes.who.clone(),
                place: format!("đoạn {}, dòng {} của tệp WXR", i.block, i.line),
                message: i.message.clone(),
                lost: i.lost,
            });
        }
        let new_path = self.by_id.get(&it.id).cloned().unwrap_or_default();
        // Old addresses that a static page cannot answer: listed for the server.
        for old in [&it.guid, &it.link] {
            if let Some(q) = self.site.path_with_query_of(old) {
                if q.contains('?') && !self.redirects.iter().any(|(o, _)| *o == q) {
                    self.redirects.push((q, new_path.clone()));
                }
            }
        }
        let mut fm = String::from("+++\n");
        let _ = writeln!(fm, "title = {}", toml_str(&p.title));
        let _ = writeln!(fm, "# WordPress ID {}", it.id);
        match p.kind {
            Kind::Article => self.article_keys(p, &new_path, &mut fm, &mut notes),
            Kind::Page => self.page_keys(p, &new_path, &mut fm),
        }
        fm.push_str("+++\n\n");
        fm.push_str(&converted.markdown);
        (fm, notes.entries)
    }

    /// An article's front matter after its title.
    fn article_keys(
        &mut self,
        p: &Planned<'_>,
        new_path: &str,
        fm: &mut String,
        notes: &mut Notes,
    ) {
        let it = p.item;
        let _ = writeln!(fm, "slug = {}", toml_str(&p.slug));
        let published = item_time(it).unwrap_or_else(|| {
            notes.add(
                "không có ngày đăng: đã dùng ngày xuất tệp; hãy sửa khóa date".into(),
                false,
            );
            self.channel
                .pub_date
                .as_deref()
                .and_then(parse_rfc822)
                .unwrap_or(0)
        });
        let at = |t: i64| toml_str(&VnDateTime::from_unix(t).to_rfc3339());
        let _ = writeln!(fm, "date = {}", at(published));
        if let Some(m) = parse_wp_utc(&it.modified_gmt).filter(|m| *m > published + 60) {
            let _ = writeln!(fm, "updated = {}", at(m));
        }

        // The first category is the article's; others become tags.
        let mut tags: Vec<String> = Vec::new();
        let mut category: Option<usize> = None;
        for t in &it.terms {
            match t.domain.as_str() {
                "category" => {
                    let i = self.categories.add(&t.nicename, &t.name, "");
                    match category {
                        None => category = Some(i),
                        Some(first) => {
                            let names = &self.categories.list;
                            notes.add(
                                format!(
                                    "thuộc nhiều chuyên mục: giữ chuyên mục “{}”, chuyển “{}” thành thẻ",
                                    names[first].name, names[i].name
                                ),
                                false,
                            );
                            tags.push(names[i].name.clone());
                        }
                    }
                }
                "post_tag" => tags.push(collapse_spaces(&t.name)),
                _ => {}
            }
        }
        let category = category.unwrap_or_else(|| {
            notes.add(
                "không thuộc chuyên mục nào: đưa vào “Chưa phân loại”".into(),
                false,
            );
            self.categories.add("", "Chưa phân loại", "")
        });
        self.categories.list[category].used = true;
        let _ = writeln!(
            fm,
            "category = {}",
            toml_str(&self.categories.list[category].slug)
        );
        let mut seen = HashSet::new();
        tags.retain(|t| !slugify(t).is_empty() && seen.insert(slugify(t)));
        if !tags.is_empty() {
            let list: Vec<String> = tags.iter().map(|t| toml_str(t)).collect();
            let _ = writeln!(fm, "tags = [{}]", list.join(", "));
        }
        let author = self
            .channel
            .authors
            .get(&it.creator)
            .filter(|a| !a.trim().is_empty())
            .unwrap_or(&it.creator);
        if !author.trim().is_empty() {
            let _ = writeln!(fm, "author = {}", toml_str(&collapse_spaces(author)));
        }
        let lead = html::strip_tags(&it.excerpt);
        if !lead.is_empty() {
            let _ = writeln!(fm, "lead = {}", toml_str(&lead));
        }
        if let Some(cover) = self.cover(p, notes) {
            let _ = writeln!(fm, "{cover}");
        }
        if p.draft {
            let _ = writeln!(fm, "draft = true");
            self.report.drafts += 1;
        }
        if it.status == "future" {
            self.report.scheduled += 1;
        }
        // The permalink's path redirects here.
        if let Some(path) = self.site.path_of(&it.link) {
            match alias_for(&path, new_path) {
                Ok(Some(a)) if self.article_paths.contains(&a) => notes.add(
                    format!("địa chỉ cũ {a} là địa chỉ mới của một bài khác: không tạo trang chuyển hướng"),
                    false,
                ),
                Ok(Some(a)) if self.aliases.insert(a.clone()) => {
                    let _ = writeln!(fm, "aliases = [{}]", toml_str(&a));
                }
                Ok(Some(a)) => notes.add(
                    format!("địa chỉ cũ {a} trùng với bài khác: không tạo trang chuyển hướng"),
                    false,
                ),
                Ok(None) => {}
                Err(msg) => notes.add(format!("địa chỉ cũ {path}: {msg}"), false),
            }
        }
        self.report.articles += 1;
    }

    /// The `cover = { … }` line of the featured image (`_thumbnail_id`).
    fn cover(&mut self, p: &Planned<'_>, notes: &mut Notes) -> Option<String> {
        let id = p
            .item
            .meta
            .get("_thumbnail_id")
            .and_then(|v| v.trim().parse::<u64>().ok())?;
        let Some(a) = self.media.attachment_of(id) else {
            notes.add(
                format!("ảnh đại diện (số {id}) không có trong tệp xuất; bài không có ảnh bìa"),
                true,
            );
            return None;
        };
        let r = html::Media::image(&mut self.media, &a.url);
        if let Some(msg) = &r.problem {
            notes.add(format!("ảnh đại diện {}: {msg}", a.url), true);
        }
        let src = r.src?;
        let alt = [&a.alt, &a.title]
            .into_iter()
            .map(|s| collapse_spaces(s))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| p.title.clone());
        let caption = html::strip_tags(&a.caption);
        let mut cover = format!(
            "cover = {{ src = {}, alt = {}",
            toml_str(&src),
            toml_str(&alt)
        );
        if !caption.is_empty() {
            let _ = write!(cover, ", caption = {}", toml_str(&caption));
        }
        cover.push_str(" }");
        Some(cover)
    }

    /// A page's front matter after its title.
    fn page_keys(&mut self, p: &Planned<'_>, new_path: &str, fm: &mut String) {
        let it = p.item;
        let description = html::strip_tags(&it.excerpt);
        if !description.is_empty() {
            let _ = writeln!(fm, "description = {}", toml_str(&description));
        }
        if let Some(m) = parse_wp_utc(&it.modified_gmt).or_else(|| item_time(it)) {
            let _ = writeln!(
                fm,
                "updated = {}",
                toml_str(&VnDateTime::from_unix(m).to_rfc3339())
            );
        }
        // Pages have no aliases: the old path goes to the server's list.
        if let Some(path) = self.site.path_of(&it.link) {
            if path != "/" && path.trim_end_matches('/') != new_path {
                self.redirects.push((path, new_path.to_string()));
            }
        }
        self.report.pages += 1;
    }

    /// `site.toml`: the channel's name, tagline and address; the categories used.
    fn site_toml(&mut self, entries: &mut Vec<Entry>) -> String {
        let mut toml = String::new();
        let name = collapse_spaces(&self.channel.title);
        let name = if name.is_empty() {
            entries.push(about_export("tệp xuất không có tên trang (<title>): đặt là “Trang tin”; hãy sửa name trong site.toml".into(), false));
            "Trang tin".to_string()
        } else {
            name
        };
        let _ = writeln!(toml, "name = {}", toml_str(&name));
        let tagline = collapse_spaces(&self.channel.description);
        if !tagline.is_empty() {
            let _ = writeln!(toml, "tagline = {}", toml_str(&tagline));
        }
        let base_url = self.site.base_url().unwrap_or_else(|| {
            entries.push(about_export("tệp xuất không có địa chỉ trang (<link>) dùng được: base_url đặt là https://example.com/; hãy sửa trong site.toml".into(), false));
            "https://example.com/".to_string()
        });
        let _ = writeln!(toml, "base_url = {}", toml_str(&base_url));
        let mut unused = Vec::new();
        for c in &self.categories.list {
            if !c.used {
                unused.push(c.name.clone());
                continue;
            }
            let _ = write!(
                toml,
                "\n[[categories]]\nslug = {}\nname = {}\n",
                toml_str(&c.slug),
                toml_str(&c.name)
            );
            if !c.description.is_empty() {
                let _ = writeln!(toml, "description = {}", toml_str(&c.description));
            }
            self.report.categories += 1;
        }
        if !unused.is_empty() {
            entries.push(about_export(
                format!(
                    "chuyên mục không có bài nào được nhập, không tạo: {}",
                    unused.join(", ")
                ),
                false,
            ));
        }
        toml
    }
}

/// An old path as an alias: `None` when it is the article's own address.
fn alias_for(path: &str, new_path: &str) -> Result<Option<String>, String> {
    let encoded = percent_encode_path(path);
    let a = crate::article::alias_path(&encoded).map_err(|m| m.to_string())?;
    if a == new_path {
        return Ok(None);
    }
    let first = a.trim_start_matches('/').split('/').next().unwrap_or("");
    if routes::RESERVED.contains(&first) && first != "bai-viet" {
        return Err(format!(
            "nằm trong /{first}/, phần địa chỉ của chính trang mới: không tạo trang chuyển hướng"
        ));
    }
    Ok(Some(a))
}

fn report_text(
    opts: &ImportOptions,
    channel: &wxr::Channel,
    r: &ImportReport,
    redirects: &[(String, String)],
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Báo cáo nhập từ WordPress");
    let _ = writeln!(s, "Tệp xuất: {}", opts.wxr.display());
    let _ = writeln!(
        s,
        "Trang cũ: {} ({})",
        collapse_spaces(&channel.title),
        channel.link
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", summary_line(r));
    let lost: Vec<&Entry> = r.entries.iter().filter(|e| e.lost).collect();
    let notes: Vec<&Entry> = r.entries.iter().filter(|e| !e.lost).collect();
    let _ = writeln!(s, "\n== Mục không chuyển được ({}) ==", lost.len());
    let _ = writeln!(
        s,
        "Phần nội dung dưới đây không có trong thư mục mới: hãy xem lại từng mục."
    );
    for e in &lost {
        let _ = writeln!(s, "- {e}");
    }
    let _ = writeln!(s, "\n== Ghi chú ({}) ==", notes.len());
    let _ = writeln!(s, "Đã nhập, nhưng có thay đổi nên xem lại.");
    for e in &notes {
        let _ = writeln!(s, "- {e}");
    }
    let _ = writeln!(
        s,
        "\n== Địa chỉ cũ cần chuyển hướng trên máy chủ ({}) ==",
        redirects.len()
    );
    let _ = writeln!(s, "Trang tĩnh không chuyển hướng được địa chỉ có “?” (?p=ID) hay địa chỉ cũ của trang; đặt các quy tắc 301 này trên máy chủ nếu cần. Địa chỉ cũ của bài viết đã là khóa aliases (có trang chuyển hướng).");
    for (from, to) in redirects {
        let _ = writeln!(s, "{from} → {to}");
    }
    s
}

/// The counts, in one Vietnamese line.
pub fn summary_line(r: &ImportReport) -> String {
    format!(
        "Đã nhập {} bài viết ({} bản nháp, {} hẹn giờ), {} trang, {} chuyên mục, {} ảnh, {} tệp; {} mục không chuyển được, {} ghi chú.",
        r.articles,
        r.drafts,
        r.scheduled,
        r.pages,
        r.categories,
        r.images,
        r.files,
        r.lost(),
        r.entries.len() - r.lost()
    )
}

// ---------------------------------------------------------------------------
// Dates.

/// `YYYY-MM-DD HH:MM:SS` in UTC, as WordPress's `*_gmt` fields; the zero date is none.
fn parse_wp_utc(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000") {
        return None;
    }
    parse_rfc3339(&format!("{}Z", s.replacen(' ', "T", 1)))
}

/// The item's publication time: `post_date_gmt`, else `post_date` read as
/// Vietnam time (WordPress leaves the GMT date empty for drafts), else `pubDate`.
fn item_time(it: &wxr::Item) -> Option<i64> {
    parse_wp_utc(&it.date_gmt)
        .or_else(|| {
            let d = it.date.trim();
            (!d.is_empty() && !d.starts_with("0000"))
                .then(|| parse_rfc3339(&format!("{}+07:00", d.replacen(' ', "T", 1))))
                .flatten()
        })
        .or_else(|| parse_rfc822(&it.pub_date))
}

/// `Tue, 23 Jan 2024 01:30:00 +0000`.
fn parse_rfc822(s: &str) -> Option<i64> {
    let s = s.trim();
    let s = s.split_once(',').map(|(_, r)| r.trim()).unwrap_or(s);
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [day, mon, year, time, zone] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|x| x.eq_ignore_ascii_case(mon))? + 1;
    let day: u32 = day.parse().ok()?;
    let zone = match *zone {
        "GMT" | "UT" | "UTC" | "Z" => "+00:00".to_string(),
        z if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
        _ => return None,
    };
    parse_rfc3339(&format!("{year}-{m:02}-{day:02}T{time}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        // 01:30 UTC is 08:30 in Vietnam.
        let t = parse_wp_utc("2024-01-23 01:30:00").unwrap();
        assert_eq!(
            VnDateTime::from_unix(t).to_rfc3339(),
            "2024-01-23T08:30:00+07:00"
        );
        assert_eq!(parse_wp_utc("0000-00-00 00:00:00"), None);
        assert_eq!(parse_rfc822("Tue, 23 Jan 2024 01:30:00 +0000"), Some(t));
        let draft = wxr::Item {
            date: "2024-01-23 08:30:00".into(),
            date_gmt: "0000-00-00 00:00:00".into(),
            ..Default::default()
        };
        assert_eq!(item_time(&draft), Some(t));
    }

    #[test]
    fn old_addresses() {
        let o = Origin::new("https://Tin.Example.vn/");
        assert_eq!(o.base_url().unwrap(), "https://tin.example.vn/");
        assert_eq!(
            o.path_of("https://tin.example.vn/2024/01/cho-phien/")
                .unwrap(),
            "/2024/01/cho-phien/"
        );
        assert_eq!(o.path_of("http://www.tin.example.vn/a").unwrap(), "/a");
        assert_eq!(o.path_of("https://khac.example.vn/a"), None);
        assert_eq!(
            o.path_with_query_of("https://tin.example.vn/?p=12")
                .unwrap(),
            "/?p=12"
        );
        assert_eq!(o.path_of("https://tin.example.vn/?p=12"), None);
        let sub = Origin::new("https://example.vn/tin");
        assert_eq!(
            sub.path_of("https://example.vn/tin/2024/x/").unwrap(),
            "/2024/x/"
        );
        assert_eq!(
            alias_for("/2024/01/chợ/", "/bai-viet/cho")
                .unwrap()
                .unwrap(),
            "/2024/01/ch%E1%BB%A3"
        );
        assert_eq!(alias_for("/bai-viet/cho/", "/bai-viet/cho").unwrap(), None);
        assert!(alias_for("/chuyen-muc/x", "/bai-viet/cho").is_err());
        assert_eq!(
            percent_decode("ch%e1%bb%a3-phien"),
            "chợ-phiên".replace("phiên", "phien")
        );
    }
}
