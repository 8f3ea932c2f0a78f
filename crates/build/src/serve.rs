//! `bantin serve`: a small static file server for local use and tests.
//!
//! HTTP/1.1 with keep-alive, GET and HEAD only, one thread per connection.
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

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use bantin_contract::paths::routes;

use crate::security::{route_of, Policy, POLICY_FILE};

/// How long an idle keep-alive connection is kept open.
const IDLE: Duration = Duration::from_secs(30);
/// Largest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// Largest request body read and discarded.
const MAX_BODY: u64 = 1024 * 1024;

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
        Some(p) => Policy {
            https: false,
            ..p.clone()
        }
        .headers(route),
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

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
    quiet: bool,
}

impl Server {
    /// Binds the listening socket.
    pub fn bind(cfg: &Config) -> io::Result<Server> {
        let listener = TcpListener::bind((cfg.host.as_str(), cfg.port))?;
        Ok(Server {
            listener,
            root: cfg.root.clone(),
            quiet: cfg.quiet,
        })
    }

    /// The address actually bound (with the real port when 0 was asked for).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends, one thread per connection.
    pub fn run(self) -> io::Result<()> {
        for stream in self.listener.incoming() {
            let stream = match stream {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("lỗi nhận kết nối: {e}");
                    continue;
                }
            };
            let root = self.root.clone();
            let quiet = self.quiet;
            std::thread::spawn(move || {
                let _ = handle(stream, &root, quiet);
            });
        }
        Ok(())
    }
}

struct Request {
    method: String,
    target: String,
    keep_alive: bool,
}

/// Reads one request head; `Ok(None)` when the client closed the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> io::Result<Option<Request>> {
    let mut head_len = 0;
    let mut line = String::new();
    // Skip blank lines before a request line (allowed by RFC 9112).
    loop {
        line.clear();
        let n = reader.by_ref().take(MAX_HEAD as u64).read_line(&mut line)?;
        if n == 0 {
            return Ok(None);
        }
        head_len += n;
        if !line.trim().is_empty() {
            break;
        }
        if head_len > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too large"));
        }
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "bad request line",
        ));
    };
    let (method, target, version) = (method.to_string(), target.to_string(), version.to_string());
    let mut connection = String::new();
    let mut body_len: u64 = 0;
    loop {
        line.clear();
        let n = reader.by_ref().take(MAX_HEAD as u64).read_line(&mut line)?;
        head_len += n;
        if n == 0 || head_len > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "bad head"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("connection") {
                connection = value.to_ascii_lowercase();
            } else if name.eq_ignore_ascii_case("content-length") {
                body_len = value.parse().unwrap_or(u64::MAX);
            }
        }
    }
    if body_len > MAX_BODY {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "body too large"));
    }
    io::copy(&mut reader.by_ref().take(body_len), &mut io::sink())?;
    let tokens: Vec<&str> = connection.split(',').map(str::trim).collect();
    let keep_alive = if version == "HTTP/1.0" {
        tokens.contains(&"keep-alive")
    } else {
        !tokens.contains(&"close")
    };
    Ok(Some(Request {
        method,
        target,
        keep_alive,
    }))
}

/// The policy kept in `root`, read again when the file changes (a rebuild while serving).
fn current_policy(root: &Path) -> Option<Policy> {
    use std::sync::Mutex;
    use std::time::SystemTime;
    type Kept = Option<(PathBuf, SystemTime, Option<Policy>)>;
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
    let policy = Policy::read(root);
    *kept = Some((root.to_path_buf(), stamp, policy.clone()));
    policy
}

fn handle(stream: TcpStream, root: &Path, quiet: bool) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let req = match read_request(&mut reader) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let body = "Yêu cầu không hợp lệ\n";
                let security = security_headers(current_policy(root).as_ref(), "/");
                let security: Vec<(&str, &str)> =
                    security.iter().map(|(k, v)| (*k, v.as_str())).collect();
                write_head(
                    &mut writer,
                    400,
                    "text/plain; charset=utf-8",
                    body.len() as u64,
                    "no-cache",
                    false,
                    &security,
                )?;
                writer.write_all(body.as_bytes())?;
                return writer.flush();
            }
            Err(_) => return Ok(()),
        };
        let status = respond(&mut writer, root, &req)?;
        if !quiet {
            eprintln!("{} {} {}", req.method, req.target, status);
        }
        if !req.keep_alive {
            return Ok(());
        }
    }
}

/// Sends the response to one request; returns the status code.
fn respond(w: &mut TcpStream, root: &Path, req: &Request) -> io::Result<u16> {
    let head_only = req.method == "HEAD";
    let ka = req.keep_alive;
    let policy = current_policy(root);
    let security = security_headers(policy.as_ref(), &req.target);
    let security: Vec<(&str, &str)> = security.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = |w: &mut TcpStream, status: u16, body: String, extra: &[(&str, &str)]| {
        let mut all = security.clone();
        all.extend_from_slice(extra);
        write_head(
            w,
            status,
            "text/plain; charset=utf-8",
            body.len() as u64,
            "no-cache",
            ka,
            &all,
        )?;
        if !head_only {
            w.write_all(body.as_bytes())?;
        }
        w.flush().map(|_| status)
    };
    if req.method != "GET" && req.method != "HEAD" {
        return text(
            w,
            405,
            "Phương thức không được hỗ trợ\n".into(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let (status, file) = match resolve(root, &req.target) {
        Resolved::Redirect(to) => {
            return text(
                w,
                301,
                format!("Đã chuyển đến {to}\n"),
                &[("Location", &to)],
            )
        }
        Resolved::File(p) | Resolved::Fallback(p) => (200, p),
        Resolved::NotFound(Some(p)) => (404, p),
        Resolved::NotFound(None) => {
            return text(w, 404, format!("Không tìm thấy: {}\n", req.target), &[])
        }
        Resolved::Forbidden => return text(w, 403, "Không được phép truy cập\n".into(), &[]),
        Resolved::BadRequest => return text(w, 400, "Đường dẫn không hợp lệ\n".into(), &[]),
    };
    let mut f = match File::open(&file) {
        Ok(f) => f,
        Err(_) => return text(w, 404, format!("Không tìm thấy: {}\n", req.target), &[]),
    };
    let len = f.metadata()?.len();
    write_head(
        w,
        status,
        content_type(&file),
        len,
        cache_control(&file),
        ka,
        &security,
    )?;
    if !head_only {
        io::copy(&mut f, w)?;
    }
    w.flush()?;
    Ok(status)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    }
}

/// Writes a response head with the `extra` headers (the route's security
/// headers among them: `Access-Control-Allow-Origin: *` for the files other
/// sites read, as on a real host).
fn write_head(
    w: &mut TcpStream,
    status: u16,
    content_type: &str,
    len: u64,
    cache: &str,
    keep_alive: bool,
    extra: &[(&str, &str)],
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nCache-Control: {cache}\r\nConnection: {}\r\n",
        reason(status),
        if keep_alive { "keep-alive" } else { "close" }
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())
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
