//! `bantin serve`: a small static file server for local use and tests.
//!
//! HTTP/1.1 with keep-alive (hyper, through axum, on tokio), GET and HEAD
//! only; other methods get 405, and requests hyper cannot parse its own 400.
//! A file carries its tag and date (`ETag`, `Last-Modified`), and a browser
//! whose copy is current gets 304 without the body (`If-None-Match`, else
//! `If-Modified-Since`), as from the hosts the site is deployed to.
//! Paths without a file extension that name no file fall back to the app shell,
//! `app.html` (or `index.html` before the build wrote static pages; the app
//! routes on the client), so deep links and reloads work. Listing URLs are
//! the exception, as every page of every listing is a file: one that names
//! no file (a page past the end, an unknown category) is a 404, and the old
//! and duplicate forms of a listing page's URL (`?trang=N`, `/trang/1`)
//! redirect to its one URL (`bantin_contract::paths::routes`), as the host
//! configs do (see [`crate::deploy`]).
//!
//! Every answer carries the security headers of its route, as the host configs
//! send them ([`crate::security`]), with the policy the build kept in the
//! served folder ([`POLICY_FILE`]), read again when it changes. Two things
//! differ, as this server speaks plain http on one machine: no
//! `upgrade-insecure-requests`, and a folder without a kept policy (a bare
//! trunk build) is served without a Content-Security-Policy.
//!
//! [`app`] is the whole server as an axum [`Router`]; `bantin dev`
//! ([`crate::dev`]) puts its own routes in front of it and, through [`Hooks`],
//! adds its script to the pages it sends and swaps the service worker.

use std::fs::File;
use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Version};
use axum::response::Response;
use axum::serve::ListenerExt as _;
use axum::Router;
use bantin_contract::paths::routes;
use tokio_util::io::ReaderStream;

use crate::security::{route_of, Policy, POLICY_FILE};

/// What a request path maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file to send with 200.
    File(PathBuf),
    /// No such route file: the app shell (`app.html` or `index.html`), sent with 200.
    Fallback(PathBuf),
    /// Nothing there: 404, with the site's `404.html` when it has one.
    NotFound(Option<PathBuf>),
    /// Another URL says the same (a path with its query): 301 there.
    Redirect(String),
    /// A path that tries to leave the served folder.
    Forbidden,
    /// A path that cannot be decoded.
    BadRequest,
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// True when the last segment of `path` has a file extension (`x.js`, not `.well-known`).
fn has_extension(last: &str) -> bool {
    last.rfind('.').is_some_and(|i| i > 0 && i + 1 < last.len())
}

/// The value of the query parameter `name` in a request target, not decoded.
fn query_value<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let query = target.split('#').next()?.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Where a listing URL redirects (see [`routes::listing`]): `…/trang/1` to
/// the bare listing, a bare listing with `?trang=N` (N a page number) to
/// `…/trang/N`. The other query parameters are dropped, as the hosts' rules do.
fn listing_redirect(segments: &[&str], target: &str) -> Option<String> {
    let (listing, page) = routes::listing(segments)?;
    let to = match page {
        Some(text) => (routes::page_number(text) == Some(1)).then(|| listing.page(1))?,
        None => routes::redirect_query(listing, query_value(target, routes::PAGE_PARAM)?)?,
    };
    Some(format!("/{to}"))
}

/// Maps a request target (path and optional query) to what to send from `root`.
pub fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    let mut rel = PathBuf::new();
    let mut last = "";
    for seg in decoded.split('/') {
        match seg {
            "" | "." => continue,
            ".." => return Resolved::Forbidden,
            s if s.contains(['\\', '\0']) => return Resolved::Forbidden,
            // Dot files are the build's own (`.bantin-manifest`, the parse cache)
            // or a host's (`.htaccess`): never served (`.well-known` is public).
            s if s.starts_with('.') && s != ".well-known" => {
                let page = root.join("404.html");
                return Resolved::NotFound(page.is_file().then_some(page));
            }
            s => {
                // A segment must be a plain name (no drive prefix or root on any platform).
                if Path::new(s)
                    .components()
                    .any(|c| !matches!(c, Component::Normal(_)))
                {
                    return Resolved::Forbidden;
                }
                rel.push(s);
                last = s;
            }
        }
    }
    let all: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    // A section of another language (`en/`, a folder with its own app shell)
    // has its own pages, app shell and 404 page.
    let section = all
        .first()
        .copied()
        .filter(|first| root.join(first).join("app.html").is_file());
    let (site_root, segments) = match section {
        Some(first) => (root.join(first), all[1..].to_vec()),
        None => (root.to_path_buf(), all),
    };
    if let Some(to) = listing_redirect(&segments, target) {
        return Resolved::Redirect(match section {
            Some(s) => format!("/{s}{to}"),
            None => to,
        });
    }
    let root_dir = root;
    let root = site_root.as_path();
    let candidate = root_dir.join(&rel);
    let found = if candidate.is_file() {
        Some(candidate)
    } else if candidate.is_dir() && candidate.join("index.html").is_file() {
        Some(candidate.join("index.html"))
    } else {
        None
    };
    if let Some(file) = found {
        // Symlinks must not lead outside the served folder.
        return match (file.canonicalize(), root_dir.canonicalize()) {
            (Ok(f), Ok(r)) if f.starts_with(&r) => Resolved::File(file),
            _ => Resolved::Forbidden,
        };
    }
    // Every page of every listing is a file: no file, no such page.
    let is_listing = routes::listing(&segments).is_some() && root.join("404.html").is_file();
    if !has_extension(last) && !is_listing {
        // Once the build has written static pages, index.html is the home page
        // and the bare app shell is kept as app.html.
        for shell in ["app.html", "index.html"] {
            let file = root.join(shell);
            if file.is_file() {
                return Resolved::Fallback(file);
            }
        }
    }
    let page = root.join("404.html");
    Resolved::NotFound(page.is_file().then_some(page))
}

/// The `Content-Type` for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        // The web editor's configuration (crate::editor).
        "yml" => "text/yaml; charset=utf-8",
        // Documents, video, audio and captions under /tep/.
        _ => path
            .to_str()
            .and_then(crate::files::kind_of)
            .map_or("application/octet-stream", |(_, mime)| mime),
    }
}

/// True when a file name carries a trunk content hash, e.g. `app-1a2b3c4d5e6f7a8b_bg.wasm`.
pub fn has_trunk_hash(name: &str) -> bool {
    name.split('-').skip(1).any(|part| {
        let hex = part.bytes().take_while(u8::is_ascii_hexdigit).count();
        // Trunk prints its 64-bit hash without leading zeros: 12 digits or more.
        hex >= 12 && matches!(part.as_bytes().get(hex), None | Some(b'.') | Some(b'_'))
    })
}

/// The `Cache-Control` value for a file: HTML, JSON, hashed build files and
/// scripts are revalidated on every use; images and fonts may be kept an hour.
pub fn cache_control(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ct = content_type(path);
    let long_lived = ct.starts_with("image/") || ct.starts_with("font/");
    if has_trunk_hash(name) || !long_lived {
        "no-cache"
    } else {
        "public, max-age=3600"
    }
}

/// The security headers of the request path `path` (decoded or not: only its
/// first segments matter) for a site served at `/` with the kept `policy`.
pub fn security_headers(policy: Option<&Policy>, path: &str) -> Vec<(&'static str, String)> {
    let rel = path.split(['?', '#']).next().unwrap_or("");
    let route = route_of(rel);
    match policy {
        // Served over http here: a policy kept for https is read without
        // `upgrade-insecure-requests` (`current_policy` keeps it so).
        Some(p) if p.https => Policy {
            https: false,
            ..p.clone()
        }
        .headers(route),
        Some(p) => p.headers(route),
        None => Policy::default()
            .headers(route)
            .into_iter()
            .filter(|(n, _)| *n != "Content-Security-Policy")
            .collect(),
    }
}

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder to serve.
    pub root: PathBuf,
    /// The address to listen on.
    pub host: String,
    /// The port (0 picks a free one).
    pub port: u16,
    /// No request log.
    pub quiet: bool,
}

/// What the dev server ([`crate::dev`]) changes in the answers; nothing for `bantin serve`.
#[derive(Clone, Default)]
pub struct Hooks {
    /// Markup added to every HTML page sent, before its `</head>`. It is asked
    /// for before the page is read from disk, so it never describes an older
    /// build than the page it goes into.
    pub html: Option<Arc<dyn Fn() -> String + Send + Sync>>,
    /// Sent instead of every service worker (`sw.js`) the build wrote.
    pub service_worker: Option<&'static str>,
}

/// The served folder and how to answer from it.
#[derive(Clone)]
struct Site {
    root: Arc<PathBuf>,
    quiet: bool,
    hooks: Hooks,
}

/// The HTTP application serving `root` (every path: see [`resolve`]), for
/// [`Server::with_app`]; the dev server adds its own routes in front of it.
pub fn app(root: PathBuf, quiet: bool, hooks: Hooks) -> Router {
    Router::new().fallback(answer).with_state(Site {
        root: Arc::new(root),
        quiet,
        hooks,
    })
}

/// A bound server, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    app: Router,
}

impl Server {
    /// Binds the listening socket of `bantin serve`.
    pub fn bind(cfg: &Config) -> io::Result<Server> {
        Self::with_app(cfg, app(cfg.root.clone(), cfg.quiet, Hooks::default()))
    }

    /// Binds the listening socket for the application `app` (its root and
    /// logging are `app`'s own, `cfg` gives the address).
    pub fn with_app(cfg: &Config, app: Router) -> io::Result<Server> {
        let listener = std::net::TcpListener::bind((cfg.host.as_str(), cfg.port))?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener, app })
    }

    /// The address actually bound (with the real port when 0 was asked for).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends, on a runtime of its own.
    pub fn run(self) -> io::Result<()> {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(self.serve())
    }

    /// Serves until the process ends, on the current tokio runtime.
    pub async fn serve(self) -> io::Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener)?.tap_io(|tcp| {
            // Small answers go out at once (no waiting for the client's ACK).
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(listener, self.app).await
    }
}

/// True when the connection stays open after the answer, as HTTP/1.x says.
fn keep_alive(version: Version, headers: &HeaderMap) -> bool {
    let tokens: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect();
    if version == Version::HTTP_10 {
        tokens.iter().any(|t| t == "keep-alive")
    } else {
        !tokens.iter().any(|t| t == "close")
    }
}

/// Answers one request (every path and method).
async fn answer(State(site): State<Site>, req: Request) -> Response {
    let method = req.method().clone();
    let target = req
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    let ka = keep_alive(req.version(), req.headers());
    let copy = Copy::of(req.headers());
    let (m, t) = (method.clone(), target.clone());
    let task = site.clone();
    // File system work (resolving, reading the policy, opening) off the async workers.
    let mut res = tokio::task::spawn_blocking(move || respond(&task, &m, &t, copy))
        .await
        .unwrap_or_else(|_| {
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Lỗi máy chủ\n".into(),
                &[],
            )
        });
    let connection = if ka { "keep-alive" } else { "close" };
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static(connection));
    if !site.quiet {
        eprintln!("{method} {target} {}", res.status().as_u16());
    }
    res
}

/// The security headers of `path` for the folder `root` (its kept policy).
pub fn headers_for(root: &Path, path: &str) -> Vec<(&'static str, String)> {
    security_headers(current_policy(root).as_deref(), path)
}

/// A plain-text answer with the `headers` given.
fn plain(status: StatusCode, body: String, headers: &[(&str, String)]) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    add_headers(&mut res, headers);
    res
}

/// Adds `headers` (names and values this module wrote, always valid) to `res`.
fn add_headers(res: &mut Response, headers: &[(&str, String)]) {
    for (k, v) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            res.headers_mut().append(name, value);
        }
    }
}

/// Inserts `markup` before the page's `</head>` (or at its end when it has none).
pub fn inject(page: &str, markup: &str) -> String {
    let at = page
        .to_ascii_lowercase()
        .find("</head>")
        .unwrap_or(page.len());
    let mut out = String::with_capacity(page.len() + markup.len());
    out.push_str(&page[..at]);
    out.push_str(markup);
    out.push_str(&page[at..]);
    out
}

/// What a browser says of the copy it has (`If-None-Match`, `If-Modified-Since`).
#[derive(Debug)]
struct Copy {
    tags: Option<String>,
    since: Option<SystemTime>,
}

impl Copy {
    fn of(headers: &HeaderMap) -> Copy {
        let text = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        let since = text(header::IF_MODIFIED_SINCE);
        Copy {
            tags: text(header::IF_NONE_MATCH).map(str::to_string),
            since: since.and_then(|v| httpdate::parse_http_date(v).ok()),
        }
    }

    /// Whether the copy is the file of `tag`, last modified at `modified`:
    /// by its tag when it names one (exact: the file's length and time to the
    /// nanosecond, so a file written twice in one second is told apart), else
    /// by its date (HTTP dates count whole seconds).
    fn is_current(&self, tag: &str, modified: SystemTime) -> bool {
        match &self.tags {
            Some(tags) => tags
                .split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag || t == "*"),
            None => {
                let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
                self.since.is_some_and(|s| secs(modified) <= secs(s))
            }
        }
    }
}

/// The entity tag of a file of `len` bytes last modified at `modified`.
fn entity_tag(len: u64, modified: SystemTime) -> String {
    let nanos = modified
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("\"{len:x}-{nanos:x}\"")
}

/// The answer to one request, from the served folder (blocking file system
/// work). A file sent as it is on disk carries its tag and date (`ETag`,
/// `Last-Modified`), and a browser whose copy is current (`copy`) gets 304
/// without the body, as from any static host: `no-cache` then costs a
/// round trip, not the file.
fn respond(site: &Site, method: &Method, target: &str, copy: Copy) -> Response {
    let head_only = method == Method::HEAD;
    let security = headers_for(&site.root, target);
    let text = |status: StatusCode, body: String, extra: &[(&str, String)]| {
        let mut all = security.clone();
        all.extend(extra.iter().cloned());
        let mut res = plain(status, body, &all);
        if head_only {
            let len = res.body().size_hint().exact().unwrap_or(0);
            *res.body_mut() = Body::empty();
            res.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        }
        res
    };
    if method != Method::GET && method != Method::HEAD {
        return text(
            StatusCode::METHOD_NOT_ALLOWED,
            "Phương thức không được hỗ trợ\n".into(),
            &[("Allow", "GET, HEAD".into())],
        );
    }
    // Asked for before the page is read: see [`Hooks::html`].
    let markup = site.hooks.html.as_ref().map(|f| f());
    let (status, file) = match resolve(&site.root, target) {
        Resolved::Redirect(to) => {
            return text(
                StatusCode::MOVED_PERMANENTLY,
                format!("Đã chuyển đến {to}\n"),
                &[("Location", to.clone())],
            )
        }
        Resolved::File(p) | Resolved::Fallback(p) => (StatusCode::OK, p),
        Resolved::NotFound(Some(p)) => (StatusCode::NOT_FOUND, p),
        Resolved::NotFound(None) => {
            return text(
                StatusCode::NOT_FOUND,
                format!("Không tìm thấy: {target}\n"),
                &[],
            )
        }
        Resolved::Forbidden => {
            return text(
                StatusCode::FORBIDDEN,
                "Không được phép truy cập\n".into(),
                &[],
            )
        }
        Resolved::BadRequest => {
            return text(
                StatusCode::BAD_REQUEST,
                "Đường dẫn không hợp lệ\n".into(),
                &[],
            )
        }
    };
    let not_found = || {
        text(
            StatusCode::NOT_FOUND,
            format!("Không tìm thấy: {target}\n"),
            &[],
        )
    };
    let ct = content_type(&file);
    let replaced: Option<Vec<u8>> = match (&markup, site.hooks.service_worker) {
        (_, Some(sw)) if file.file_name().is_some_and(|n| n == crate::offline::SW) => {
            Some(sw.as_bytes().to_vec())
        }
        (Some(markup), _) if ct.starts_with("text/html") => match std::fs::read(&file) {
            Ok(bytes) => Some(inject(&String::from_utf8_lossy(&bytes), markup).into_bytes()),
            Err(_) => return not_found(),
        },
        _ => None,
    };
    // The file's tag and date: only a file's own answer (200) has them, not a
    // 404 page nor a page the dev server adds to.
    let mut validators = None;
    let mut unchanged = false;
    let (len, body) = match replaced {
        Some(bytes) => (bytes.len() as u64, Body::from(bytes)),
        None => {
            let Ok(f) = File::open(&file) else {
                return not_found();
            };
            let Ok(meta) = f.metadata() else {
                return not_found();
            };
            if let Some(m) = meta.modified().ok().filter(|_| status == StatusCode::OK) {
                let tag = entity_tag(meta.len(), m);
                unchanged = copy.is_current(&tag, m);
                validators = Some((tag, httpdate::fmt_http_date(m)));
            }
            if unchanged {
                (0, Body::empty())
            } else {
                let stream = ReaderStream::new(tokio::fs::File::from_std(f));
                (meta.len(), Body::from_stream(stream))
            }
        }
    };
    let mut res = Response::new(if head_only { Body::empty() } else { body });
    *res.status_mut() = if unchanged {
        StatusCode::NOT_MODIFIED
    } else {
        status
    };
    let h = res.headers_mut();
    if !unchanged {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    for (name, value) in validators
        .iter()
        .flat_map(|(tag, date)| [(header::ETAG, tag), (header::LAST_MODIFIED, date)])
    {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&file)),
    );
    // The route's security headers, `Access-Control-Allow-Origin: *` among
    // them for the files other sites read, as on a real host.
    add_headers(&mut res, &security);
    res
}

/// The policy kept in `root`, read again when its file changes (a rebuild
/// while serving); shared by every request (a large site's names tens of
/// thousands of articles, and its sources are gathered once:
/// `Policy::sources`), made for http.
fn current_policy(root: &Path) -> Option<std::sync::Arc<Policy>> {
    use std::sync::Mutex;
    use std::time::SystemTime;
    type Kept = Option<(PathBuf, SystemTime, Option<std::sync::Arc<Policy>>)>;
    static KEPT: Mutex<Kept> = Mutex::new(None);
    let stamp = std::fs::metadata(root.join(POLICY_FILE))
        .and_then(|m| m.modified())
        .ok()?;
    let mut kept = KEPT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((r, t, p)) = kept.as_ref() {
        if r == root && *t == stamp {
            return p.clone();
        }
    }
    let policy = Policy::read(root).map(|p| std::sync::Arc::new(Policy { https: false, ..p }));
    *kept = Some((root.to_path_buf(), stamp, policy.clone()));
    policy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%C4%91").as_deref(), Some("/đ"));
        assert_eq!(percent_decode("/%2e%2E"), Some("/..".into()));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%C4"), None);
        assert_eq!(percent_decode("/%4"), None);
    }

    #[test]
    fn injects_before_the_head_ends() {
        let tag = "<script src=\"/x.js\" defer></script>";
        assert_eq!(
            inject("<html><HEAD><title>t</title></HEAD><body></body>", tag),
            format!("<html><HEAD><title>t</title>{tag}</HEAD><body></body>")
        );
        // Only the first </head>, even when the body quotes one.
        assert_eq!(
            inject("<head></head><pre>&lt;/head></head></pre>", tag),
            format!("<head>{tag}</head><pre>&lt;/head></head></pre>")
        );
        assert_eq!(
            inject("<p>Đà Nẵng</p>", tag),
            format!("<p>Đà Nẵng</p>{tag}")
        );
    }

    #[test]
    fn types_and_caching() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a.MJS")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.woff2")), "font/woff2");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
        assert!(has_trunk_hash("bantin-1a2b3c4d5e6f7a8b.js"));
        assert!(has_trunk_hash("bantin-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(has_trunk_hash("logo-0123456789abcdef0.svg"));
        // Trunk drops the hash's leading zeros.
        assert!(has_trunk_hash("bantin-app-9dc01ed9139768_bg.wasm"));
        assert!(!has_trunk_hash("sitemap-bai-viet-12.xml"));
        assert!(!has_trunk_hash("bantin.js"));
        assert!(!has_trunk_hash("cau-duong-ven-song.svg"));
        assert_eq!(cache_control(Path::new("index.html")), "no-cache");
        assert_eq!(cache_control(Path::new("data/site.json")), "no-cache");
        assert_eq!(
            cache_control(Path::new("logo-0123456789abcdef.png")),
            "no-cache"
        );
        assert_eq!(
            cache_control(Path::new("anh/cau.svg")),
            "public, max-age=3600"
        );
    }
}
