//! Tests of `bantin serve`: path resolution, and a real server on an ephemeral port.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use bantin_build::serve::{resolve, Config, Resolved, Server};

const HASHED_JS: &str = "bantin-0123456789abcdef.js";

/// A small `dist/` folder like trunk and `bantin build` make.
fn site(with_404: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dist");
    fs::create_dir_all(root.join("data/bai-viet")).unwrap();
    fs::create_dir_all(root.join("docs")).unwrap();
    fs::create_dir_all(root.join("empty-dir")).unwrap();
    fs::write(root.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    fs::write(root.join("data/site.json"), r#"{"version":1,"name":"x"}"#).unwrap();
    fs::write(root.join("data/bai-viet/a b.json"), "{}").unwrap();
    fs::write(root.join("docs/index.html"), "docs").unwrap();
    fs::write(root.join(HASHED_JS), "console.log(1)").unwrap();
    fs::write(root.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(root.join("Đà Nẵng.txt"), "đ").unwrap();
    if with_404 {
        fs::write(root.join("404.html"), "<h1>404</h1>").unwrap();
    }
    fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    dir
}

fn root(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("dist")
}

#[test]
fn resolves_files_and_folders() {
    let dir = site(false);
    let r = root(&dir);
    assert_eq!(resolve(&r, "/"), Resolved::File(r.join("index.html")));
    assert_eq!(
        resolve(&r, "/data/site.json?v=2#x"),
        Resolved::File(r.join("data/site.json"))
    );
    assert_eq!(
        resolve(&r, "/docs"),
        Resolved::File(r.join("docs/index.html"))
    );
    assert_eq!(
        resolve(&r, "/docs/"),
        Resolved::File(r.join("docs/index.html"))
    );
    assert_eq!(
        resolve(&r, "/data/bai-viet/a%20b.json"),
        Resolved::File(r.join("data/bai-viet/a b.json"))
    );
    assert_eq!(
        resolve(&r, "/%C4%90%C3%A0%20N%E1%BA%B5ng.txt"),
        Resolved::File(r.join("Đà Nẵng.txt"))
    );
    assert_eq!(
        resolve(&r, "//data//./site.json"),
        Resolved::File(r.join("data/site.json"))
    );
}

#[test]
fn falls_back_to_the_app_for_routes() {
    let dir = site(false);
    let r = root(&dir);
    let app = Resolved::Fallback(r.join("index.html"));
    for route in [
        "/bai-viet/khoi-cong-cau-dong-ha",
        "/chuyen-muc/thoi-su/trang/2",
        "/the/giao-thong",
        "/moi-nhat",
        "/empty-dir",
        "/.well-known",
    ] {
        assert_eq!(resolve(&r, route), app, "{route}");
    }
    // An old listing URL moves to the page's own URL.
    assert_eq!(
        resolve(&r, "/chuyen-muc/thoi-su?trang=2"),
        Resolved::Redirect("/chuyen-muc/thoi-su/trang/2".into())
    );
    // With an extension, a missing file is a 404, not the app.
    for missing in ["/missing.js", "/data/bai-viet/khong-co.json", "/anh/x.svg"] {
        assert_eq!(resolve(&r, missing), Resolved::NotFound(None), "{missing}");
    }
    let dir = site(true);
    let r = root(&dir);
    assert_eq!(
        resolve(&r, "/missing.js"),
        Resolved::NotFound(Some(r.join("404.html")))
    );
}

#[test]
fn refuses_traversal() {
    let dir = site(false);
    let r = root(&dir);
    for bad in [
        "/../secret.txt",
        "/data/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2fsecret.txt",
        "/data/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/a%00b",
    ] {
        assert_eq!(resolve(&r, bad), Resolved::Forbidden, "{bad}");
    }
    for bad in ["/%zz", "/%FF", "secret.txt", ""] {
        assert_eq!(resolve(&r, bad), Resolved::BadRequest, "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn refuses_symlinks_leaving_the_folder() {
    let dir = site(false);
    let r = root(&dir);
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), r.join("link.txt")).unwrap();
    assert_eq!(resolve(&r, "/link.txt"), Resolved::Forbidden);
}

fn start(root: &Path) -> SocketAddr {
    let server = Server::bind(&Config {
        root: root.to_path_buf(),
        host: "127.0.0.1".into(),
        port: 0,
        quiet: true,
    })
    .unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());
    addr
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one response (Content-Length framed; a 304 has no body) from a connection.
fn read_response(reader: &mut BufReader<TcpStream>, head_only: bool) -> Response {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').unwrap();
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let mut r = Response {
        status,
        headers,
        body: Vec::new(),
    };
    if !head_only && status != 304 {
        let len: usize = r.header("content-length").unwrap().parse().unwrap();
        r.body = vec![0; len];
        reader.read_exact(&mut r.body).unwrap();
    }
    r
}

fn request(addr: SocketAddr, raw: &str) -> Response {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    (&stream).write_all(raw.as_bytes()).unwrap();
    let head_only = raw.starts_with("HEAD");
    let mut reader = BufReader::new(stream);
    read_response(&mut reader, head_only)
}

fn get(addr: SocketAddr, path: &str) -> Response {
    request(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn serves_over_http() {
    let dir = site(false);
    let addr = start(&root(&dir));

    // A deep link: the app's index.html with 200.
    let r = get(addr, "/bai-viet/khoi-cong-cau-dong-ha");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_eq!(r.header("connection"), Some("close"));
    assert_eq!(r.body, b"<!doctype html><title>app</title>");

    // A JSON document.
    let r = get(addr, "/data/site.json");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_eq!(r.body, br#"{"version":1,"name":"x"}"#);

    // A missing script: 404, not the app.
    let r = get(addr, "/khong-co.js");
    assert_eq!(r.status, 404);
    assert!(String::from_utf8_lossy(&r.body).contains("Không tìm thấy"));

    // WebAssembly and hashed files.
    let r = get(addr, "/app_bg.wasm");
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    let r = get(addr, &format!("/{HASHED_JS}"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));

    // Traversal is refused.
    assert_eq!(get(addr, "/%2e%2e/secret.txt").status, 403);
    assert_eq!(get(addr, "/../secret.txt").status, 403);

    // HEAD: headers with the real length, no body.
    let r = request(
        addr,
        "HEAD /data/site.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some("24"));

    // Other methods.
    let r = request(
        addr,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
    );
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
}

#[test]
fn a_file_carries_its_tag_and_date_and_a_copy_that_is_current_is_not_sent_again() {
    use std::time::SystemTime;

    let dir = site(true);
    let addr = start(&root(&dir));
    let asked = |path: &str, header: &str| {
        request(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{header}\r\nConnection: close\r\n\r\n"),
        )
    };
    let json = br#"{"version":1,"name":"x"}"#.as_slice();
    let r = get(addr, "/data/site.json");
    let tag = r.header("etag").expect("ETag").to_string();
    let date = r
        .header("last-modified")
        .expect("Last-Modified")
        .to_string();
    assert!(httpdate::parse_http_date(&date).is_ok(), "{date}");

    // The browser's copy is current, by its tag or by its date: 304 without
    // a body, with the same caching rule.
    for header in [
        format!("If-None-Match: {tag}"),
        format!("If-None-Match: \"x\", W/{tag}"),
        format!("If-Modified-Since: {date}"),
    ] {
        let r = asked("/data/site.json", &header);
        assert_eq!(r.status, 304, "{header}");
        assert!(r.body.is_empty());
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert_eq!(r.header("etag"), Some(tag.as_str()));
        assert_eq!(r.header("content-type"), None);
    }
    // Another tag (the tag wins over the date), an older copy, or a date
    // that is not one: the file.
    for header in [
        format!("If-None-Match: \"x\"\r\nIf-Modified-Since: {date}"),
        "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT".to_string(),
        "If-Modified-Since: hôm qua".to_string(),
    ] {
        let r = asked("/data/site.json", &header);
        assert_eq!((r.status, r.body.as_slice()), (200, json), "{header}");
    }
    // The file written again in the same second (a quick rebuild): a new tag.
    let file = root(&dir).join("data/site.json");
    let was = fs::metadata(&file).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(was + Duration::from_millis(1))
        .unwrap();
    let r = asked("/data/site.json", &format!("If-None-Match: {tag}"));
    assert_eq!(r.status, 200);
    assert_ne!(r.header("etag"), Some(tag.as_str()));
    // A day later: by its date too.
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(86_400))
        .unwrap();
    assert_eq!(
        asked("/data/site.json", &format!("If-Modified-Since: {date}")).status,
        200
    );
    // The app shell for a deep link is a file too.
    let shell = get(addr, "/bai-viet/x");
    let shell_tag = shell.header("etag").unwrap().to_string();
    assert_eq!(
        asked("/bai-viet/x", &format!("If-None-Match: {shell_tag}")).status,
        304
    );
    // The site's 404 page has neither and is never 304.
    let r = asked("/khong-co.css", "If-None-Match: *");
    assert_eq!(r.status, 404);
    assert_eq!((r.header("etag"), r.header("last-modified")), (None, None));
    assert_eq!(r.body, b"<h1>404</h1>");
}

#[test]
fn keep_alive_and_connection_close() {
    let dir = site(true);
    let addr = start(&root(&dir));
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut w = &stream;

    // Two requests on one connection, then one asking to close.
    w.write_all(b"GET /data/site.json HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let r = read_response(&mut reader, false);
    assert_eq!(
        (r.status, r.header("connection")),
        (200, Some("keep-alive"))
    );
    w.write_all(b"GET /nope.css HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let r = read_response(&mut reader, false);
    assert_eq!(r.status, 404);
    assert_eq!(r.body, b"<h1>404</h1>", "the site's 404 page");
    w.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let r = read_response(&mut reader, false);
    assert_eq!((r.status, r.header("connection")), (200, Some("close")));
    // The server closes its side: the next read sees the end of the stream.
    let mut rest = Vec::new();
    assert_eq!(reader.read_to_end(&mut rest).unwrap(), 0);

    // HTTP/1.0 closes by default.
    let r = request(addr, "GET /data/site.json HTTP/1.0\r\n\r\n");
    assert_eq!(r.header("connection"), Some("close"));
}

#[test]
fn hooks_add_markup_to_pages_and_replace_the_service_worker() {
    use std::sync::Arc;

    let dir = site(true);
    let r = root(&dir);
    fs::write(r.join("sw.js"), "// the offline worker").unwrap();
    let hooks = bantin_build::serve::Hooks {
        html: Some(Arc::new(|| {
            "<script src=\"/live.js\"></script>".to_string()
        })),
        service_worker: Some("// gone"),
    };
    let server = Server::with_app(
        &Config {
            root: r.clone(),
            host: "127.0.0.1".into(),
            port: 0,
            quiet: true,
        },
        bantin_build::serve::app(r.clone(), true, hooks),
    )
    .unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());

    let page = "<!doctype html><title>app</title><script src=\"/live.js\"></script>";
    let r1 = get(addr, "/bai-viet/x");
    assert_eq!(r1.status, 200);
    assert_eq!(String::from_utf8_lossy(&r1.body), page);
    // HEAD announces the length of the page as sent, markup included.
    let head = request(
        addr,
        "HEAD /bai-viet/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(
        head.header("content-length"),
        Some(page.len().to_string().as_str())
    );
    // The 404 page is a page too; other files are sent as they are.
    let missing = get(addr, "/khong-co.css");
    assert_eq!(missing.status, 404);
    assert!(String::from_utf8_lossy(&missing.body).ends_with("<script src=\"/live.js\"></script>"));
    assert_eq!(
        get(addr, "/data/site.json").body,
        br#"{"version":1,"name":"x"}"#
    );
    let sw = get(addr, "/sw.js");
    assert_eq!(sw.body, b"// gone");
    assert_eq!(
        sw.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
}
