//! The web editor at `/quan-tri/` (Decap CMS, docs/editors.md): the build
//! writes its page, a small start script that gives the preview the site's own
//! stylesheet, and its configuration, generated from the content: one
//! collection for the articles, the pages and the documents where the content
//! folder has them, and the same for each section of another language; the
//! fields are the front matter's keys ([`crate::article::KEYS`],
//! [`crate::info_page::KEYS`], [`crate::documents::KEYS`]), with the build's
//! rules as the form's validation ([`patterns`]). The CMS's own bundle is
//! copied into [`BUNDLE_DIR`] by `make site-editor` (scripts/build-editor.mjs),
//! a folder of its own that the build never writes: a full build replaces the
//! folders it writes whole.
//!
//! The configuration is JSON, which is YAML too: Decap reads `config.yml`.
//! Where the editor saves is `[editor]` in `site.toml`: a git host for
//! production, and always the local backend (`decap-server`, `make edit`)
//! when the editor is opened on `localhost`.

use std::collections::BTreeSet;

use bantin_contract::Category;
use serde_json::{json, Value};

use crate::tomlx::Fields;

/// The editor's folder under the base path (one of the reserved names,
/// [`bantin_contract::paths::routes::RESERVED`]).
pub const DIR: &str = "quan-tri";
/// The folder of the CMS's bundle (its script and the chunks it loads), under
/// the base path, copied there by `make site-editor`; a reserved name too.
pub const BUNDLE_DIR: &str = "cms";
/// The CMS's script in [`BUNDLE_DIR`].
pub const BUNDLE: &str = "decap-cms.js";
/// The start script in [`DIR`]: the preview's stylesheet.
pub const SETUP: &str = "khoi-dong.js";
/// The configuration in [`DIR`].
pub const CONFIG: &str = "config.yml";
/// The port of the local backend (`decap-server`'s default).
pub const LOCAL_PORT: u16 = 8081;
/// The keys of `[editor]` in `site.toml`.
pub const KEYS: &[&str] = &[
    "backend",
    "repo",
    "branch",
    "base_url",
    "auth_endpoint",
    "auth_type",
    "app_id",
    "api_root",
    "folder",
    "local_port",
];
/// The git hosts the editor can save to (Decap's backend names).
pub const BACKENDS: &[&str] = &["github", "gitlab", "gitea"];

/// The build's rules as the patterns of the form's fields (JavaScript regular
/// expressions, which these are in Rust's `regex` syntax too: the tests check
/// them against the build's own functions).
pub mod patterns {
    /// A slug: [`bantin_contract::text::is_slug`].
    pub const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
    /// An article's date: [`crate::article::parse_date`] (RFC 3339 with an
    /// offset, or `YYYY-MM-DD HH:MM[:SS]`, also with `T`, read as Vietnam
    /// time). A regular expression cannot know the days of each month: the
    /// date picker gives only real dates.
    pub const DATE: &str = "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?\\s*$";
    /// A day (`2025-03-10`): a document's `issued`, `effective`.
    pub const DAY: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    /// A page's `updated`: a day, or a date as [`DATE`].
    pub const PAGE_DATE: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
    /// Text that is not only spaces (required text: `req_str`).
    pub const NOT_BLANK: &str = "\\S";
    /// A web address (a source's `url`, as [`bantin_contract::url::is_safe`] allows it).
    pub const WEB_URL: &str = "^(https?:)?//[^\\s]+$";
}

/// The date format the date pickers write (read by [`crate::article::parse_date`]).
pub const DATE_FORMAT: &str = "YYYY-MM-DD HH:mm";
/// The day format of a document's dates.
pub const DAY_FORMAT: &str = "YYYY-MM-DD";

/// A git host the editor saves to (`[editor]` in `site.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// `github`, `gitlab` or `gitea`.
    pub name: String,
    /// `owner/name`.
    pub repo: String,
    /// The branch the editor commits to.
    pub branch: String,
    /// The OAuth server (GitHub: a proxy that holds the app's secret; GitLab, Gitea: the host).
    pub base_url: Option<String>,
    /// The OAuth authorize path on `base_url`.
    pub auth_endpoint: Option<String>,
    /// `pkce` (GitLab, Gitea: no secret, no proxy) or `implicit`.
    pub auth_type: Option<String>,
    /// The OAuth application's id (PKCE).
    pub app_id: Option<String>,
    /// The host's API (self-hosted GitLab, Gitea/Forgejo).
    pub api_root: Option<String>,
}

/// The `[editor]` table of `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Where the editor saves in production; `None`: only on this machine (`make edit`).
    pub backend: Option<Backend>,
    /// The content folder's path in the repository (`content`).
    pub folder: String,
    /// The local backend's port (`make edit`).
    pub local_port: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            backend: None,
            folder: "content".into(),
            local_port: LOCAL_PORT,
        }
    }
}

/// The API origin a backend's host has when `api_root` is not set.
fn default_api(name: &str) -> Option<&'static str> {
    match name {
        "github" => Some("https://api.github.com"),
        "gitlab" => Some("https://gitlab.com/api/v4"),
        _ => None,
    }
}

/// Reads `[editor]` (`table`, when `site.toml` has it); problems go to its context.
pub fn read(table: Option<Fields<'_, '_>>) -> Settings {
    let mut s = Settings::default();
    let Some(t) = table else {
        return s;
    };
    let ctx = t.ctx();
    if let Some(f) = t.str("folder") {
        let folder = f.value.trim().trim_matches('/').to_string();
        let ok = !folder.is_empty()
            && folder.split('/').all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            });
        if ok {
            s.folder = folder;
        } else {
            ctx.error_line(
                f.line,
                format!(
                    "[editor] folder phải là đường dẫn thư mục nội dung trong kho mã (ví dụ \"content\"): “{}”",
                    f.value
                ),
            );
        }
    }
    if let Some(p) = t.int_text("local_port") {
        match p.value.trim().parse::<u16>() {
            Ok(port) if port >= 1024 => s.local_port = port,
            _ => ctx.error_line(
                p.line,
                format!(
                    "[editor] local_port phải là số cổng từ 1024 đến 65535: “{}”",
                    p.value
                ),
            ),
        }
    }
    let url = |key: &str| -> Option<String> {
        let u = t.str(key)?;
        match crate::security::origin_of(&u.value) {
            Some(_) if u.value.trim().starts_with("https://") => {
                Some(u.value.trim().trim_end_matches('/').to_string())
            }
            _ => {
                ctx.error_line(
                    u.line,
                    format!("[editor] {key} phải là một địa chỉ https://: “{}”", u.value),
                );
                None
            }
        }
    };
    let base_url = url("base_url");
    let api_root = url("api_root");
    let text = |key: &str| t.str(key).map(|v| v.value.trim().to_string());
    let Some(name) = t.str("backend") else {
        for key in [
            "repo",
            "branch",
            "base_url",
            "auth_endpoint",
            "auth_type",
            "app_id",
            "api_root",
        ] {
            if t.has(key) {
                ctx.error_line(
                    t.line(),
                    format!("[editor] có khóa `{key}` nhưng thiếu `backend` (github, gitlab hoặc gitea)"),
                );
                break;
            }
        }
        return s;
    };
    if !BACKENDS.contains(&name.value.as_str()) {
        ctx.error_line(
            name.line,
            format!(
                "[editor] backend không được hỗ trợ: “{}” (dùng github, gitlab hoặc gitea)",
                name.value
            ),
        );
        return s;
    }
    let repo = t.req_str("repo").map(|r| r.value.trim().to_string());
    if let Some(r) = &repo {
        let parts: Vec<&str> = r.split('/').collect();
        if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
            ctx.error_line(
                t.line(),
                format!("[editor] repo phải có dạng chủ-sở-hữu/tên-kho: “{r}”"),
            );
        }
    }
    let auth_type = text("auth_type");
    if let Some(a) = &auth_type {
        if a != "pkce" && a != "implicit" {
            ctx.error_line(
                t.line(),
                format!("[editor] auth_type phải là \"pkce\" hoặc \"implicit\": “{a}”"),
            );
        }
    }
    if name.value == "gitea" && api_root.is_none() {
        ctx.error_line(
            name.line,
            "[editor] backend gitea cần api_root (ví dụ \"https://git.tinh.gov.vn/api/v1\")",
        );
    }
    if auth_type.as_deref() == Some("pkce") && text("app_id").is_none() {
        ctx.error_line(
            t.line(),
            "[editor] auth_type = \"pkce\" cần app_id (mã ứng dụng OAuth trên máy chủ git)",
        );
    }
    s.backend = repo.map(|repo| Backend {
        name: name.value.clone(),
        repo,
        branch: text("branch").unwrap_or_else(|| "main".into()),
        base_url,
        auth_endpoint: text("auth_endpoint"),
        auth_type,
        app_id: text("app_id"),
        api_root,
    });
    s
}

impl Settings {
    /// The origins the editor's scripts talk to besides the site: the local
    /// backend, and the git host's API and OAuth token endpoint.
    pub fn connect_origins(&self) -> BTreeSet<String> {
        let mut o = BTreeSet::new();
        o.insert(format!("http://localhost:{}", self.local_port));
        if let Some(b) = &self.backend {
            o.extend(
                b.api_root
                    .as_deref()
                    .or(default_api(&b.name))
                    .and_then(crate::security::origin_of),
            );
            // PKCE: the page itself exchanges the code for a token at the host.
            if b.auth_type.as_deref() == Some("pkce") || b.name != "github" {
                o.extend(
                    b.base_url
                        .as_deref()
                        .or(match b.name.as_str() {
                            "gitlab" => Some("https://gitlab.com"),
                            _ => None,
                        })
                        .and_then(crate::security::origin_of),
                );
            }
        }
        o
    }

    /// The `backend` section of the configuration.
    fn backend_config(&self) -> Value {
        match &self.backend {
            // Only the local backend: Decap needs a backend, and the proxy is
            // the one `local_backend` stands for.
            None => json!({
                "name": "proxy",
                "proxy_url": format!("http://localhost:{}/api/v1", self.local_port),
                "branch": "main",
            }),
            Some(b) => {
                let mut v = json!({ "name": b.name, "repo": b.repo, "branch": b.branch });
                for (key, value) in [
                    ("base_url", &b.base_url),
                    ("auth_endpoint", &b.auth_endpoint),
                    ("auth_type", &b.auth_type),
                    ("app_id", &b.app_id),
                    ("api_root", &b.api_root),
                ] {
                    if let Some(value) = value {
                        v[key] = json!(value);
                    }
                }
                v
            }
        }
    }
}

/// One section of the content the editor edits: the main site (`dir` empty)
/// or a section of another language (`en`).
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    /// The section's folder in the content folder (`""` for the main site).
    pub dir: &'a str,
    /// Its language's name for the collections' labels (`None` for the main site).
    pub language: Option<&'a str>,
    /// Its categories (`site.toml`).
    pub categories: &'a [Category],
    /// Whether it has a pages folder.
    pub pages: bool,
    /// Whether it has a documents folder (the main site only).
    pub documents: bool,
}

/// A field of a collection.
fn field(name: &str, label: &str, widget: &str) -> Value {
    json!({ "name": name, "label": label, "widget": widget })
}

/// `field` with more settings.
fn with(mut f: Value, more: Value) -> Value {
    if let (Some(f), Value::Object(more)) = (f.as_object_mut(), more) {
        f.extend(more);
    }
    f
}

/// The message of a slug field's pattern.
const SLUG_MESSAGE: &str =
    "Chỉ gồm chữ thường không dấu a-z, số và dấu gạch nối giữa các từ, ví dụ “le-hoi-mua-xuan”";
const BLANK_MESSAGE: &str = "Không được để trống";
const DATE_MESSAGE: &str = "Ngày giờ dạng 2026-12-05 08:30";
const DAY_MESSAGE: &str = "Ngày dạng 2025-03-10";

fn optional(f: Value) -> Value {
    with(f, json!({ "required": false }))
}

fn text_field(name: &str, label: &str, required: bool) -> Value {
    let f = field(name, label, "string");
    if required {
        with(
            f,
            json!({ "pattern": [patterns::NOT_BLANK, BLANK_MESSAGE] }),
        )
    } else {
        optional(f)
    }
}

fn date_field(name: &str, label: &str, required: bool) -> Value {
    let f = with(
        field(name, label, "datetime"),
        json!({
            "format": DATE_FORMAT,
            "date_format": "DD/MM/YYYY",
            "time_format": "HH:mm",
            "pattern": [patterns::DATE, DATE_MESSAGE],
        }),
    );
    if required {
        f
    } else {
        optional(f)
    }
}

fn day_field(name: &str, label: &str, required: bool) -> Value {
    let f = with(
        field(name, label, "datetime"),
        json!({
            "format": DAY_FORMAT,
            "date_format": "DD/MM/YYYY",
            "time_format": false,
            "pattern": [patterns::DAY, DAY_MESSAGE],
        }),
    );
    if required {
        f
    } else {
        optional(f)
    }
}

fn translation_field(what: &str) -> Value {
    optional(with(
        field("translation_of", "Bản dịch của", "string"),
        json!({
            "hint": format!("{what} của trang tiếng Việt mà bài này dịch"),
            "pattern": [patterns::SLUG, SLUG_MESSAGE],
        }),
    ))
}

/// The attachments' field (`key`: `attachments`, or a document's `files`),
/// uploaded into the files folder.
fn files_field(key: &str, label: &str, folder: &str, public: &str) -> Value {
    optional(with(
        field(key, label, "list"),
        json!({
            "label_singular": "tệp",
            "summary": "{{fields.title}}",
            "fields": [
                with(field("src", "Tệp", "file"), json!({
                    "media_folder": format!("/{folder}"),
                    "public_folder": public,
                    "choose_url": false,
                })),
                text_field("title", "Tên tệp", true),
            ],
        }),
    ))
}

fn body_field(required: bool) -> Value {
    let f = field("body", "Nội dung", "markdown");
    if required {
        f
    } else {
        optional(f)
    }
}

/// The fields of an article (in the order of [`crate::article::KEYS`], then the body).
fn article_fields(s: &Section<'_>, folder: &str) -> Vec<Value> {
    let options: Vec<Value> = s
        .categories
        .iter()
        .map(|c| json!({ "label": c.name, "value": c.slug }))
        .collect();
    let mut f = vec![
        text_field("title", "Tiêu đề", true),
        optional(with(
            field("slug", "Địa chỉ bài (slug)", "string"),
            json!({
                "hint": "Để trống thì địa chỉ được tạo từ tiêu đề",
                "pattern": [patterns::SLUG, SLUG_MESSAGE],
            }),
        )),
        date_field("date", "Ngày đăng", true),
        date_field("updated", "Ngày cập nhật", false),
        with(
            field("category", "Chuyên mục", "select"),
            json!({ "options": options }),
        ),
        optional(with(
            field("tags", "Thẻ", "list"),
            json!({ "hint": "Các thẻ cách nhau bằng dấu phẩy" }),
        )),
        text_field("author", "Tác giả", false),
        optional(field("lead", "Sa-pô (đoạn dẫn)", "text")),
        optional(with(
            field("source", "Nguồn", "object"),
            json!({
                "collapsed": true,
                // Decap checks the required fields of an optional object even
                // when the object is left empty (it then refuses every article
                // without a source), so the name is required by the build alone.
                "fields": [
                    with(text_field("name", "Tên nguồn", false),
                        json!({ "hint": "Bắt buộc khi có nguồn" })),
                    optional(with(field("url", "Địa chỉ nguồn", "string"), json!({
                        "pattern": [patterns::WEB_URL, "Địa chỉ bắt đầu bằng https://"],
                    }))),
                ],
            }),
        )),
        optional(with(
            field("cover", "Ảnh bìa", "object"),
            json!({
                // As for the source: the build requires `alt` when there is a cover.
                "fields": [
                    optional(with(field("src", "Ảnh", "image"), json!({ "choose_url": false }))),
                    with(text_field("alt", "Mô tả ảnh (cho người không xem được ảnh)", false),
                        json!({ "hint": "Bắt buộc khi có ảnh bìa" })),
                    optional(field("caption", "Chú thích", "text")),
                    text_field("credit", "Tác giả ảnh", false),
                ],
            }),
        )),
        files_field(
            "attachments",
            "Tệp đính kèm",
            &format!("{folder}/tep"),
            "/tep",
        ),
    ];
    if s.language.is_some() {
        f.push(translation_field("Slug của bài viết"));
    }
    f.push(optional(with(
        field("draft", "Bản nháp (chưa đăng)", "boolean"),
        json!({ "default": false }),
    )));
    f.push(optional(with(
        field("aliases", "Địa chỉ cũ (chuyển hướng về bài)", "list"),
        json!({ "hint": "Đường dẫn tính từ gốc trang, ví dụ /2019/05/ten-bai.html" }),
    )));
    f.push(body_field(true));
    f
}

/// The fields of a page ([`crate::info_page::KEYS`], then the body).
fn page_fields(s: &Section<'_>, folder: &str) -> Vec<Value> {
    let mut f = vec![
        text_field("title", "Tiêu đề", true),
        optional(field("description", "Mô tả ngắn", "text")),
        optional(with(
            field("updated", "Ngày cập nhật", "datetime"),
            json!({
                "format": DAY_FORMAT,
                "date_format": "DD/MM/YYYY",
                "time_format": false,
                "pattern": [patterns::PAGE_DATE, DAY_MESSAGE],
            }),
        )),
        files_field(
            "attachments",
            "Tệp đính kèm",
            &format!("{folder}/tep"),
            "/tep",
        ),
    ];
    if s.language.is_some() {
        f.push(translation_field("Tên tệp (không có .md)"));
    }
    f.push(body_field(true));
    f
}

/// The fields of a document of the registry ([`crate::documents::KEYS`], then the body).
fn document_fields(folder: &str) -> Vec<Value> {
    vec![
        text_field("number", "Số ký hiệu", true),
        text_field("type", "Loại văn bản", true),
        text_field("issuer", "Cơ quan ban hành", true),
        text_field("signer", "Người ký", true),
        text_field("signer_title", "Chức vụ người ký", false),
        day_field("issued", "Ngày ban hành", true),
        day_field("effective", "Ngày hiệu lực", false),
        with(
            field("summary", "Trích yếu", "text"),
            json!({ "pattern": [patterns::NOT_BLANK, BLANK_MESSAGE] }),
        ),
        optional(field("fields", "Lĩnh vực", "list")),
        // The build refuses a document without a file ("văn bản chưa có tệp").
        with(
            files_field(
                "files",
                "Tệp văn bản",
                &format!("{folder}/tep/van-ban"),
                "/tep/van-ban",
            ),
            json!({ "required": true, "min": 1 }),
        ),
        body_field(false),
    ]
}

/// The collections of a section, named with its folder (`bai-viet`, `en-bai-viet`).
fn collections(s: &Section<'_>, folder: &str) -> Vec<Value> {
    let root = if s.dir.is_empty() {
        folder.to_string()
    } else {
        format!("{folder}/{}", s.dir)
    };
    let prefix = if s.dir.is_empty() {
        String::new()
    } else {
        format!("{}-", s.dir)
    };
    let suffix = s.language.map(|l| format!(" ({l})")).unwrap_or_default();
    let common = json!({
        "create": true,
        "extension": "md",
        "format": "toml-frontmatter",
    });
    let mut out = vec![with(
        common.clone(),
        json!({
            "name": format!("{prefix}bai-viet"),
            "label": format!("Bài viết{suffix}"),
            "label_singular": "bài viết",
            "folder": format!("{root}/articles"),
            "slug": "{{slug}}",
            "summary": "{{title}} ({{category}})",
            "sortable_fields": ["date", "title", "category"],
            "view_filters": s.categories.iter().map(|c| json!({
                "label": c.name, "field": "category", "pattern": format!("^{}$", c.slug),
            })).collect::<Vec<_>>(),
            "fields": article_fields(s, folder),
        }),
    )];
    if s.pages {
        out.push(with(
            common.clone(),
            json!({
                "name": format!("{prefix}trang"),
                "label": format!("Trang{suffix}"),
                "label_singular": "trang",
                "folder": format!("{root}/{}", crate::info_page::FOLDER),
                "slug": "{{slug}}",
                "fields": page_fields(s, folder),
            }),
        ));
    }
    if s.documents {
        out.push(with(
            common,
            json!({
                "name": format!("{prefix}van-ban"),
                "label": format!("Văn bản{suffix}"),
                "label_singular": "văn bản",
                "folder": format!("{root}/{}", crate::documents::FOLDER),
                "identifier_field": "number",
                "slug": "{{year}}-{{number}}",
                "summary": "{{number}}: {{summary}}",
                "fields": document_fields(folder),
            }),
        ));
    }
    out
}

/// The editor's configuration (`config.yml`) for the site at `site_url`
/// (its public address) with `sections` (the main site first).
pub fn config(settings: &Settings, site_url: &str, sections: &[Section<'_>]) -> Value {
    let folder = settings.folder.as_str();
    json!({
        "backend": settings.backend_config(),
        "local_backend": { "url": format!("http://localhost:{}/api/v1", settings.local_port) },
        "locale": "vi",
        "site_url": site_url,
        "display_url": site_url,
        "logo_url": "",
        "publish_mode": "simple",
        "media_folder": format!("{folder}/anh"),
        "public_folder": "/anh",
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": sections.iter().flat_map(|s| collections(s, folder)).collect::<Vec<_>>(),
    })
}

/// Text for HTML (element content and double-quoted attributes).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The editor's page: never indexed, every file from the site's own folder.
pub fn index_html(base_path: &str, site_name: &str) -> String {
    let dir = format!("{base_path}{DIR}/");
    let name = escape(site_name);
    format!(
        "<!doctype html>\n\
         <html lang=\"vi\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <meta name=\"referrer\" content=\"same-origin\">\n\
         <title>Quản trị nội dung – {name}</title>\n\
         <link rel=\"icon\" href=\"{base_path}favicon.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"cms-config-url\" type=\"text/yaml\" href=\"{dir}{CONFIG}\">\n\
         </head>\n\
         <body>\n\
         <noscript>Trình biên tập cần JavaScript.</noscript>\n\
         <script src=\"{base_path}{BUNDLE_DIR}/{BUNDLE}\"></script>\n\
         <script src=\"{dir}{SETUP}\"></script>\n\
         </body>\n\
         </html>\n"
    )
}

/// The start script: the preview pane uses the site's own stylesheet `css`
/// (trunk's `main-<hash>.css`, a URL under the base path), when there is one.
pub fn setup_js(css: Option<&str>) -> String {
    let mut js = String::from(
        "// bantin: written by `bantin build` (crates/build/src/editor.rs).\n\
         // The preview pane shows an entry in the site's own stylesheet.\n",
    );
    if let Some(css) = css {
        js.push_str(&format!(
            "window.CMS.registerPreviewStyle({});\n",
            serde_json::to_string(css).expect("a string serializes")
        ));
    }
    js.push_str(A11Y_JS);
    js
}

/// Repairs to the CMS's own interface where axe-core finds it below WCAG 2.1 AA
/// (names, states, contrast), applied again as the CMS redraws.
const A11Y_JS: &str = include_str!("editor-a11y.js");

/// The site's stylesheet in `out` (trunk's hashed `main-<hash>.css`), by name.
pub fn stylesheet(out: &std::path::Path) -> std::io::Result<Option<String>> {
    let mut found = None;
    match std::fs::read_dir(out) {
        Ok(entries) => {
            for e in entries {
                let name = e?.file_name().to_string_lossy().into_owned();
                if name.starts_with("main-") && name.ends_with(".css") {
                    found = Some(name);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    Ok(found)
}

/// Whether the build owns `name` in the output folder: the editor's page,
/// its start script and configuration (the bundle is `make site-editor`'s).
pub fn is_owned(name: &str) -> bool {
    [CONFIG, SETUP, "index.html"]
        .iter()
        .any(|f| name == format!("{DIR}/{f}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tomlx::Ctx;
    use bantin_contract::text::is_slug;
    use regex::Regex;

    fn cats() -> Vec<Category> {
        vec![
            Category {
                slug: "thoi-su".into(),
                name: "Thời sự".into(),
                description: None,
            },
            Category {
                slug: "kinh-te".into(),
                name: "Kinh tế".into(),
                description: None,
            },
        ]
    }

    fn main_section(c: &[Category]) -> Section<'_> {
        Section {
            dir: "",
            language: None,
            categories: c,
            pages: true,
            documents: true,
        }
    }

    fn names(fields: &Value) -> Vec<String> {
        fields
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect()
    }

    fn collection<'v>(c: &'v Value, name: &str) -> &'v Value {
        c["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .unwrap_or_else(|| panic!("no collection {name}"))
    }

    fn field_of<'v>(col: &'v Value, name: &str) -> &'v Value {
        col["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    fn pattern(f: &Value) -> Regex {
        Regex::new(f["pattern"][0].as_str().expect("a pattern")).unwrap()
    }

    #[test]
    fn fields_are_the_front_matter_keys() {
        let c = cats();
        let main = main_section(&c);
        let en = Section {
            dir: "en",
            language: Some("English"),
            categories: &c,
            pages: true,
            documents: false,
        };
        let config = config(&Settings::default(), "https://x.vn/", &[main, en]);
        let keys = |k: &[&str]| {
            let mut v: Vec<String> = k.iter().map(|s| s.to_string()).collect();
            v.push("body".into());
            v.sort();
            v
        };
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        // The main site's articles have no translation_of; the section's have every key.
        let main_keys: Vec<&str> = crate::article::KEYS
            .iter()
            .copied()
            .filter(|k| *k != "translation_of")
            .collect();
        assert_eq!(
            sorted(names(&collection(&config, "bai-viet")["fields"])),
            keys(&main_keys)
        );
        assert_eq!(
            sorted(names(&collection(&config, "en-bai-viet")["fields"])),
            keys(crate::article::KEYS)
        );
        let page_keys: Vec<&str> = crate::info_page::KEYS
            .iter()
            .copied()
            .filter(|k| *k != "translation_of")
            .collect();
        assert_eq!(
            sorted(names(&collection(&config, "trang")["fields"])),
            keys(&page_keys)
        );
        assert_eq!(
            sorted(names(&collection(&config, "en-trang")["fields"])),
            keys(crate::info_page::KEYS)
        );
        assert_eq!(
            sorted(names(&collection(&config, "van-ban")["fields"])),
            keys(crate::documents::KEYS)
        );
        assert!(config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["name"] != "en-van-ban"));
        // Tables: the keys the build reads from them.
        let art = collection(&config, "bai-viet");
        assert_eq!(
            names(&field_of(art, "cover")["fields"]),
            ["src", "alt", "caption", "credit"]
        );
        assert_eq!(names(&field_of(art, "source")["fields"]), ["name", "url"]);
        assert_eq!(
            names(&field_of(art, "attachments")["fields"]),
            ["src", "title"]
        );
        // Every collection keeps the `+++` TOML front matter.
        for c in config["collections"].as_array().unwrap() {
            assert_eq!(c["format"], "toml-frontmatter");
            assert_eq!(c["extension"], "md");
        }
    }

    #[test]
    fn where_collections_and_uploads_go() {
        let c = cats();
        let mut main = main_section(&c);
        main.pages = false;
        main.documents = false;
        let settings = Settings {
            folder: "site/noi-dung".into(),
            ..Settings::default()
        };
        let config = config(&settings, "https://x.vn/", &[main]);
        assert_eq!(config["collections"].as_array().unwrap().len(), 1);
        let art = collection(&config, "bai-viet");
        assert_eq!(art["folder"], "site/noi-dung/articles");
        assert_eq!(config["media_folder"], "site/noi-dung/anh");
        assert_eq!(config["public_folder"], "/anh");
        let src = &field_of(art, "attachments")["fields"][0];
        assert_eq!(src["media_folder"], "/site/noi-dung/tep");
        assert_eq!(src["public_folder"], "/tep");
        assert_eq!(config["locale"], "vi");
        assert_eq!(
            config["local_backend"]["url"],
            "http://localhost:8081/api/v1"
        );
    }

    #[test]
    fn categories_are_a_select_of_site_toml() {
        let c = cats();
        let config = config(&Settings::default(), "https://x.vn/", &[main_section(&c)]);
        let cat = field_of(collection(&config, "bai-viet"), "category");
        assert_eq!(cat["widget"], "select");
        assert_eq!(cat.get("required"), None, "required by default");
        assert_eq!(
            cat["options"],
            json!([
                { "label": "Thời sự", "value": "thoi-su" },
                { "label": "Kinh tế", "value": "kinh-te" },
            ])
        );
        assert_eq!(
            field_of(collection(&config, "bai-viet"), "tags")["widget"],
            "list"
        );
    }

    #[test]
    fn required_fields_are_the_builds() {
        let c = cats();
        let config = config(&Settings::default(), "https://x.vn/", &[main_section(&c)]);
        // Decap fields are required unless `required: false`.
        let required = |col: &str| -> Vec<String> {
            collection(&config, col)["fields"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["required"] != false)
                .map(|f| f["name"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(required("bai-viet"), ["title", "date", "category", "body"]);
        assert_eq!(required("trang"), ["title", "body"]);
        assert_eq!(
            required("van-ban"),
            ["number", "type", "issuer", "signer", "issued", "summary", "files"]
        );
    }

    #[test]
    fn the_slug_pattern_is_is_slug() {
        let c = cats();
        let config = config(&Settings::default(), "https://x.vn/", &[main_section(&c)]);
        let re = pattern(field_of(collection(&config, "bai-viet"), "slug"));
        for s in [
            "a",
            "le-hoi",
            "2026-ky-hop-14",
            "abc9",
            "",
            "-a",
            "a-",
            "a--b",
            "Le-hoi",
            "lễ-hội",
            "a_b",
            "a b",
            "a/b",
            "a.b",
            "a-b-c-d",
        ] {
            assert_eq!(re.is_match(s), is_slug(s), "{s:?}");
        }
    }

    #[test]
    fn the_date_patterns_are_the_builds() {
        let c = cats();
        let config = config(&Settings::default(), "https://x.vn/", &[main_section(&c)]);
        let re = pattern(field_of(collection(&config, "bai-viet"), "date"));
        // Whatever the pattern accepts with a real calendar date, the build reads, and back.
        for s in [
            "2024-01-23T08:30:00+07:00",
            "2024-01-23 08:30",
            "2024-01-23T08:30",
            "2024-01-23 08:30:00",
            "2024-01-23T01:30:00Z",
            "2024-01-23T01:30:00.5Z",
            "2024-01-23",
            "23/01/2024 08:30",
            "hôm qua",
            "2024-01-23 8:30",
            "2024-01-23 08:30 ",
            "2024-1-23 08:30",
        ] {
            assert_eq!(
                re.is_match(s),
                crate::article::parse_date(s).is_some(),
                "{s:?}"
            );
        }
        // What the date picker writes.
        assert!(re.is_match("2026-12-05 09:55"));
        let day = pattern(field_of(collection(&config, "van-ban"), "issued"));
        for (s, ok) in [
            ("2025-03-10", true),
            ("2025-03-10 08:00", false),
            ("10/03/2025", false),
        ] {
            assert_eq!(day.is_match(s), ok, "{s:?}");
        }
        let page = pattern(field_of(collection(&config, "trang"), "updated"));
        assert!(page.is_match("2026-11-30") && page.is_match("2026-11-30 08:30"));
        assert!(!page.is_match("30/11/2026"));
    }

    #[test]
    fn required_text_may_not_be_blank() {
        let re = Regex::new(patterns::NOT_BLANK).unwrap();
        assert!(re.is_match("Tin"));
        assert!(!re.is_match("   "));
        assert!(!re.is_match(""));
        let url = Regex::new(patterns::WEB_URL).unwrap();
        for (u, ok) in [
            ("https://baochinhphu.vn/x", true),
            ("//cdn.vn/a", true),
            ("javascript:alert(1)", false),
            ("https://a b", false),
        ] {
            assert_eq!(url.is_match(u), ok, "{u}");
            if ok {
                assert!(bantin_contract::url::is_safe(u), "{u}");
            }
        }
    }

    fn settings_of(text: &str) -> Result<Settings, Vec<String>> {
        let ctx = Ctx::new("site.toml", text, 0);
        let doc = ctx.parse(text).expect("TOML");
        let top = Fields::new(&ctx, doc.get_ref(), &(0..0), &["editor"], "");
        let s = read(top.table("editor", KEYS));
        if ctx.has_errors() {
            Err(ctx.into_errors().iter().map(|e| e.to_string()).collect())
        } else {
            Ok(s)
        }
    }

    #[test]
    fn reads_the_editor_table() {
        assert_eq!(settings_of("").unwrap(), Settings::default());
        let s = settings_of(
            "[editor]\nbackend = \"gitlab\"\nrepo = \"tinh/cong\"\nauth_type = \"pkce\"\napp_id = \"abc\"\n",
        )
        .unwrap();
        let b = s.backend.as_ref().unwrap();
        assert_eq!((b.name.as_str(), b.branch.as_str()), ("gitlab", "main"));
        assert_eq!(
            s.connect_origins().into_iter().collect::<Vec<_>>(),
            ["http://localhost:8081", "https://gitlab.com"]
        );
        let s = settings_of(
            "[editor]\nbackend = \"github\"\nrepo = \"tinh/cong\"\nbase_url = \"https://oauth.tinh.gov.vn\"\n",
        )
        .unwrap();
        assert_eq!(
            s.connect_origins().into_iter().collect::<Vec<_>>(),
            ["http://localhost:8081", "https://api.github.com"]
        );
        let c = cats();
        let config = config(&s, "https://x.vn/", &[main_section(&c)]);
        assert_eq!(
            config["backend"],
            json!({ "name": "github", "repo": "tinh/cong", "branch": "main", "base_url": "https://oauth.tinh.gov.vn" })
        );
        for (bad, says) in [
            (
                "[editor]\nbackend = \"svn\"\nrepo = \"a/b\"\n",
                "backend không được hỗ trợ",
            ),
            (
                "[editor]\nbackend = \"gitea\"\nrepo = \"a/b\"\n",
                "cần api_root",
            ),
            (
                "[editor]\nbackend = \"github\"\n",
                "thiếu khóa bắt buộc `editor.repo`",
            ),
            (
                "[editor]\nbackend = \"github\"\nrepo = \"ab\"\n",
                "repo phải có dạng",
            ),
            ("[editor]\nrepo = \"a/b\"\n", "thiếu `backend`"),
            ("[editor]\nfolder = \"../x\"\n", "folder phải là"),
            ("[editor]\nlocal_port = 80\n", "local_port phải là số cổng"),
            ("[editor]\nlocal_port = \"8082\"\n", "số nguyên"),
            (
                "[editor]\nbackend = \"gitlab\"\nrepo = \"a/b\"\nauth_type = \"pkce\"\n",
                "cần app_id",
            ),
            (
                "[editor]\nbackend = \"gitlab\"\nrepo = \"a/b\"\nbase_url = \"http://git.vn\"\n",
                "https://",
            ),
            ("[editor]\nbakend = \"github\"\n", "khóa không được hỗ trợ"),
        ] {
            let e = settings_of(bad).unwrap_err();
            assert!(e.iter().any(|m| m.contains(says)), "{bad}: {e:?}");
        }
    }

    #[test]
    fn the_page_is_noindex_and_loads_only_its_own_files() {
        let html = index_html("/tin-tuc/", "Cổng <Hòa Lâm>");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
        assert!(html.contains("Cổng &lt;Hòa Lâm&gt;"));
        assert!(html.contains("<script src=\"/tin-tuc/cms/decap-cms.js\"></script>"));
        assert!(html.contains("href=\"/tin-tuc/quan-tri/config.yml\""));
        // No inline script (the policy allows none there) and nothing from another origin.
        let mut inline = crate::security::Inline::default();
        inline.scan("quan-tri/index.html", &html);
        assert!(inline.scripts.is_empty() && inline.styles.is_empty() && inline.blocked.is_empty());
        assert!(!html.contains("//"));
        let js = setup_js(Some("/tin-tuc/main-1a2b.css"));
        assert!(js.contains("\nwindow.CMS.registerPreviewStyle(\"/tin-tuc/main-1a2b.css\");\n"));
        // The interface's repairs follow, and nothing else (no other origin).
        assert!(js.ends_with(A11Y_JS));
        assert!(!A11Y_JS.contains("http"));
    }
}
