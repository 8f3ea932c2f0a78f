//! Tests of `bantin dev`: the real binary over a copy of the fixtures, on an
//! ephemeral port, watched through its event stream and its HTTP answers.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{copy_dir, fixtures};

/// How long a rebuild may take here (a debug build on a busy machine).
const WAIT: Duration = Duration::from_secs(60);

/// A running `bantin dev`, stopped when dropped.
struct Dev {
    child: Child,
    addr: SocketAddr,
    content: PathBuf,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Dev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bantin dev` over a copy of the valid fixtures and an output folder
/// holding a minimal app shell (what trunk leaves there).
fn start() -> Dev {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures().join("valid"), &content);
    let out = dir.path().join("dist");
    fs::create_dir_all(&out).unwrap();
    fs::copy(fixtures().join("shell/index.html"), out.join("index.html")).unwrap();
    fs::write(out.join("bantin-app-0123456789abcdef.js"), "app").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .arg("dev")
        .arg("--content")
        .arg(&content)
        .arg("--out")
        .arg(&out)
        .args(["--host", "127.0.0.1", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("bantin dev ended before serving")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading what it prints (so it never blocks on a full pipe), and show it.
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            println!("bantin dev: {line}");
        }
    });
    Dev {
        child,
        addr,
        content,
        out,
        _dir: dir,
    }
}

/// The build statuses of the event stream, as they arrive.
fn subscribe(addr: SocketAddr) -> mpsc::Receiver<Value> {
    let stream = TcpStream::connect(addr).unwrap();
    (&stream)
        .write_all(b"GET /__bantin/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(stream);
        let mut event = String::new();
        for line in reader.lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if event == "status" && tx.send(serde_json::from_str(data).unwrap()).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// The next status on `rx` that `want` accepts (earlier ones are skipped).
fn wait_for(rx: &mpsc::Receiver<Value>, what: &str, want: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(s) if want(&s) => return s,
            Ok(_) => continue,
            Err(_) => panic!("no status with {what} within {WAIT:?}"),
        }
    }
}

fn generation(s: &Value) -> u64 {
    s["generation"].as_u64().unwrap()
}

/// GET `path`: status and body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn article(dev: &Dev) -> PathBuf {
    dev.content.join("articles/thoi-su/cau-moi.md")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const BODY: &str = "Nhiều người dân đã đến xem lễ khởi công.";
/// The data document of `articles/thoi-su/cau-moi.md` (its slug is its title's).
const DOC: &str = "/data/bai-viet/nguoi-dan-hai-bo-song-lam-phan-khoi-don-cau-dong-ha.json";

#[test]
fn rebuilds_on_save_and_reports_errors_while_serving_the_last_good_site() {
    let dev = start();
    let events = subscribe(dev.addr);
    let first = wait_for(&events, "the first status", |_| true);
    assert_eq!(first["errors"], Value::Null, "the first build succeeds");
    let g1 = generation(&first);

    // Pages carry the live-reload script; the built files do not.
    let (status, home) = get(dev.addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains(&format!(
            "<script src=\"/__bantin/live.js\" data-generation=\"{g1}\" defer></script></head>"
        )),
        "{home}"
    );
    let on_disk = fs::read_to_string(dev.out.join("index.html")).unwrap();
    assert!(
        !on_disk.contains("/__bantin/"),
        "the script is never written"
    );
    let (status, script) = get(dev.addr, "/__bantin/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    // The service worker is the one that removes itself.
    let (_, sw) = get(dev.addr, "/sw.js");
    assert!(sw.contains("unregister"), "{sw}");

    let doc = DOC;
    let (status, json) = get(dev.addr, doc);
    assert_eq!(status, 200, "{json}");
    assert!(json.contains(BODY), "{json}");

    // A save: one rebuild, the change served.
    edit(&article(&dev), BODY, "Cầu Đông Hà thông xe.");
    let next = wait_for(&events, "a new generation", |s| generation(s) > g1);
    assert_eq!(next["errors"], Value::Null);
    let (_, json) = get(dev.addr, doc);
    assert!(json.contains("Cầu Đông Hà thông xe"), "{json}");
    let g2 = generation(&next);

    // Broken front matter: the error with file and line, the last good site served.
    edit(
        &article(&dev),
        "date = \"2024-01-21T09:00:00+07:00\"",
        "date = \"2024-01-21T09:00:00+07:00",
    );
    let failed = wait_for(&events, "errors", |s| !s["errors"].is_null());
    assert_eq!(
        generation(&failed),
        g2,
        "a failed build is no new generation"
    );
    let problem = &failed["errors"][0];
    assert!(
        problem["path"].as_str().unwrap().ends_with("cau-moi.md"),
        "{failed}"
    );
    assert_eq!(problem["line"], 3, "{failed}");
    assert!(!problem["message"].as_str().unwrap().is_empty());
    let (status, json) = get(dev.addr, doc);
    assert_eq!(status, 200);
    assert!(
        json.contains("Cầu Đông Hà thông xe"),
        "the old output is served"
    );
    // A tab opened now hears of the errors at once.
    let late = subscribe(dev.addr);
    let now = wait_for(&late, "the current status", |_| true);
    assert_eq!(now["errors"], failed["errors"]);

    // Fixed: a new good build, the errors gone.
    edit(
        &article(&dev),
        "date = \"2024-01-21T09:00:00+07:00",
        "date = \"2024-01-21T09:00:00+07:00\"",
    );
    let fixed = wait_for(&events, "a good build", |s| s["errors"].is_null());
    assert!(generation(&fixed) > g2);
    let mut g3 = generation(&fixed);

    // Editor noise (a swap file) starts no rebuild. First the fix's own
    // events settle: on a loaded machine a save can reach the watcher as two
    // writes a debounce apart, and so give two builds.
    while let Ok(s) = events.recv_timeout(Duration::from_millis(1000)) {
        g3 = g3.max(generation(&s));
    }
    fs::write(dev.content.join("articles/thoi-su/.cau-moi.md.swp"), "x").unwrap();
    fs::write(dev.content.join("articles/thoi-su/cau-moi.md~"), "x").unwrap();
    assert!(
        events.recv_timeout(Duration::from_millis(1500)).is_err(),
        "swap and backup files are ignored"
    );

    // A burst of saves is coalesced: far fewer rebuilds than saves.
    for i in 0..10 {
        let text = fs::read_to_string(article(&dev)).unwrap();
        fs::write(article(&dev), format!("{text}\nĐoạn thêm {i}.\n")).unwrap();
    }
    let after_burst = wait_for(&events, "the burst's build", |s| generation(s) > g3);
    // Let a queued rebuild (saves during the first) finish, then count.
    std::thread::sleep(Duration::from_millis(1500));
    let last = events.try_iter().last().unwrap_or(after_burst);
    assert!(
        generation(&last) - g3 <= 2,
        "10 saves made {} rebuilds",
        generation(&last) - g3
    );
    let (_, json) = get(dev.addr, doc);
    assert!(json.contains("Đoạn thêm 9."), "the last save is built");

    // An editor's atomic save: a temporary file renamed over the article.
    let g4 = generation(&last);
    let text = fs::read_to_string(article(&dev)).unwrap();
    let tmp = dev.content.join("articles/thoi-su/cau-moi.md.tmp");
    fs::write(&tmp, text.replace("Đoạn thêm 9.", "Đoạn cuối.")).unwrap();
    fs::rename(&tmp, article(&dev)).unwrap();
    let saved = wait_for(&events, "the atomic save's build", |s| generation(s) > g4);
    assert_eq!(saved["errors"], Value::Null);
    assert!(get(dev.addr, doc).1.contains("Đoạn cuối."));

    // A renamed file and a deleted one: the slug comes from the title, so the
    // renamed article stays where it was; the deleted one is gone.
    let g5 = generation(&saved);
    fs::rename(
        dev.content.join("articles/thoi-su/hop-bao.md"),
        dev.content.join("articles/kinh-te/hop-bao-dau-tu.md"),
    )
    .unwrap();
    fs::remove_file(dev.content.join("articles/thoi-su/thoi-tiet.md")).unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        let status = wait_for(&events, "the rename's build", |s| generation(s) > g5);
        assert_eq!(status["errors"], Value::Null);
        let renamed = get(
            dev.addr,
            "/data/bai-viet/hop-bao-cong-bo-ke-hoach-dau-tu-cong-nam-2024.json",
        )
        .0;
        let deleted = get(
            dev.addr,
            "/data/bai-viet/du-bao-thoi-tiet-cuoi-tuan-troi-ret.json",
        )
        .0;
        if (renamed, deleted) == (200, 404) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after the rename and deletion: {renamed} {deleted}"
        );
    }
}
