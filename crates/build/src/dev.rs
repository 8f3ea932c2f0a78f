//! `bantin dev`: the live preview an editor writes with.
//!
//! It builds the content folder into the output folder once (incrementally,
//! as `bantin build` does; the output already holds the app from trunk),
//! serves the output as `bantin serve` does ([`crate::serve`]) and watches the
//! content folder. A burst of saves is one rebuild (the watcher's debouncer,
//! then every change that arrived meanwhile); a change during a rebuild queues
//! one more. After a good build every open reader tab reloads; a failed one
//! (its diagnostics, `file:line: message`) is printed here and shown over the
//! page in every open tab, while the last good site keeps being served, until
//! the next good build.
//!
//! The tabs hear of builds through Server-Sent Events at [`EVENTS`]. The
//! client script ([`SCRIPT`], `live.js`) is added to the HTML pages this
//! server sends, never to the built files; it is a same-origin script, which
//! the pages' Content-Security-Policy (`script-src 'self'`) allows, as it
//! allows the overlay's stylesheet ([`STYLE`]) and the event stream
//! (`connect-src 'self'`). The site's service worker is answered with the one
//! that removes itself ([`crate::offline`]), so no cached copy hides a change.

use std::convert::Infallible;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::{header, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};
use serde::Serialize;
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;
use tokio_stream::StreamExt as _;

use crate::build::{self, BuildError};
use crate::diag::Diagnostic;
use crate::serve::{self, Config, Hooks, Server};

/// The event stream of build statuses.
pub const EVENTS: &str = "/__bantin/events";
/// The client script added to every page.
pub const SCRIPT: &str = "/__bantin/live.js";
/// The error overlay's stylesheet.
pub const STYLE: &str = "/__bantin/live.css";
/// How long the content folder must be quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(80);

const SCRIPT_SOURCE: &str = include_str!("live.js");
const STYLE_SOURCE: &str = include_str!("live.css");

/// `bantin dev`'s settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// The content folder, built and watched.
    pub content: PathBuf,
    /// The output folder, built into and served.
    pub out: PathBuf,
    /// The address to listen on.
    pub host: String,
    /// The port (0 picks a free one).
    pub port: u16,
}

/// Why `bantin dev` could not start or go on (in Vietnamese).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// One problem of a failed build, as the tabs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file (empty when the problem is not in one file, e.g. writing the output).
    pub path: String,
    /// Its 1-based line (0 without a file).
    pub line: usize,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            path: d.path.clone(),
            line: d.line,
            message: d.message.clone(),
        }
    }
}

/// What the tabs are told: the last good build, and the errors of the last
/// build when it failed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Counts good builds; a page built by an older one reloads.
    pub generation: u64,
    /// The last build's problems, `None` when it succeeded.
    pub errors: Option<Vec<Problem>>,
}

/// The problems of a failed build.
pub fn problems(e: &BuildError) -> Vec<Problem> {
    match e {
        BuildError::Content(d) => d.iter().map(Problem::from).collect(),
        BuildError::Io(e) => vec![Problem {
            path: String::new(),
            line: 0,
            message: format!("không ghi được thư mục ra: {e}"),
        }],
    }
}

/// True for the files editors write beside the one being saved (swap, backup
/// and lock files, vim's write test `4913`) and hidden files: no rebuild.
pub fn is_editor_noise(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".temp",
            ".bak",
            ".part",
            ".crdownload",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The content files a batch of watcher events touched (sorted, each once),
/// without editor noise and anything under `ignored` (the output folder, when
/// it lies inside the content folder), and the time of the earliest event.
fn changed_files(events: &[DebouncedEvent], ignored: &Path) -> (Vec<PathBuf>, Option<Instant>) {
    let mut files = Vec::new();
    let mut first: Option<Instant> = None;
    for e in events {
        if matches!(e.event.kind, EventKind::Access(_)) {
            continue;
        }
        let relevant: Vec<&PathBuf> = e
            .event
            .paths
            .iter()
            .filter(|p| !is_editor_noise(p) && !p.starts_with(ignored))
            .collect();
        if relevant.is_empty() {
            continue;
        }
        first = Some(first.map_or(e.time, |f| f.min(e.time)));
        files.extend(relevant.into_iter().cloned());
    }
    files.sort();
    files.dedup();
    (files, first)
}

/// The dev server's application: the served folder with the live-reload
/// routes in front, its pages carrying the client script.
pub fn app(out: PathBuf, status: watch::Receiver<Status>) -> Router {
    let for_pages = status.clone();
    let hooks = Hooks {
        html: Some(Arc::new(move || {
            let generation = for_pages.borrow().generation;
            format!("<script src=\"{SCRIPT}\" data-generation=\"{generation}\" defer></script>")
        })),
        service_worker: Some(crate::offline::SW_OFF_SOURCE),
    };
    let root = out.clone();
    let asset = move |path: &'static str, content_type: &'static str, body: &'static str| {
        let root = root.clone();
        move || {
            let root = root.clone();
            async move { own_file(&root, path, content_type, body) }
        }
    };
    let site = serve::app(out, true, hooks);
    let root = status;
    Router::new()
        .route(
            SCRIPT,
            get(asset(
                SCRIPT,
                "text/javascript; charset=utf-8",
                SCRIPT_SOURCE,
            )),
        )
        .route(
            STYLE,
            get(asset(STYLE, "text/css; charset=utf-8", STYLE_SOURCE)),
        )
        .route(EVENTS, get(move || events(root.clone())))
        .merge(site)
}

/// One of the dev server's own files, with the site's security headers.
fn own_file(root: &Path, path: &str, content_type: &'static str, body: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    for (k, v) in serve::headers_for(root, path) {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    }
    res
}

/// The event stream: the current status at once, then each new one.
async fn events(
    status: watch::Receiver<Status>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let stream = WatchStream::new(status).map(|s| {
        let data = serde_json::to_string(&s).expect("a status always serializes");
        Ok(Event::default().event("status").data(data))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Builds once; prints the outcome; returns the status to publish.
fn build_once(opts: &build::Options, previous: &Status, since: Option<Instant>) -> Status {
    match build::run(opts) {
        Ok(r) => {
            for w in &r.warnings {
                eprintln!("{w}");
            }
            match since {
                Some(at) => println!(
                    "Dựng lại sau {} ms kể từ lúc lưu (dựng {} ms; ghi {} tệp, xóa {} tệp).",
                    at.elapsed().as_millis(),
                    r.elapsed_ms,
                    r.written,
                    r.removed
                ),
                None => println!(
                    "Đã dựng {} bài viết vào {} sau {} ms (ghi {} tệp, xóa {} tệp).",
                    r.articles,
                    opts.out.display(),
                    r.elapsed_ms,
                    r.written,
                    r.removed
                ),
            }
            Status {
                generation: previous.generation + 1,
                errors: None,
            }
        }
        Err(e) => {
            let problems = problems(&e);
            eprintln!("{e}");
            eprintln!(
                "Dựng thất bại: {} lỗi; các thẻ đang mở hiện lỗi, trang dựng tốt gần nhất vẫn được phục vụ.",
                problems.len()
            );
            Status {
                generation: previous.generation,
                errors: Some(problems),
            }
        }
    }
}

/// Runs `bantin dev` until the process ends.
pub fn run(opts: &Options) -> Result<(), Error> {
    if !opts.content.is_dir() {
        return Err(Error(format!(
            "không tìm thấy thư mục nội dung {}",
            opts.content.display()
        )));
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| {
        Error(format!(
            "không tạo được thư mục {}: {e}",
            opts.out.display()
        ))
    })?;
    let build_opts = build::Options {
        content: opts.content.clone(),
        out: opts.out.clone(),
        base_url: None,
        now: None,
    };
    println!(
        "Đang dựng {} vào {}…",
        opts.content.display(),
        opts.out.display()
    );
    let first = build_once(&build_opts, &Status::default(), None);
    let (tx, rx) = watch::channel(first);

    // The watcher: events, debounced, into a channel the builder drains.
    let (events_tx, events_rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, events_tx)
        .map_err(|e| Error(format!("không theo dõi được thư mục nội dung: {e}")))?;
    debouncer
        .watch(&opts.content, RecursiveMode::Recursive)
        .map_err(|e| {
            Error(format!(
                "không theo dõi được {}: {e}",
                opts.content.display()
            ))
        })?;
    let ignored = opts.out.canonicalize().unwrap_or_else(|_| opts.out.clone());
    // The watcher names files by absolute path; they are shown relative to this.
    let watched = opts
        .content
        .canonicalize()
        .unwrap_or_else(|_| opts.content.clone());
    std::thread::spawn(move || rebuild_loop(&build_opts, &watched, &events_rx, &tx, &ignored));

    let server = Server::with_app(
        &Config {
            root: opts.out.clone(),
            host: opts.host.clone(),
            port: opts.port,
            quiet: true,
        },
        app(opts.out.clone(), rx),
    )
    .map_err(|e| Error(format!("không mở được {}:{}: {e}", opts.host, opts.port)))?;
    let addr = server.local_addr().map_err(|e| Error(e.to_string()))?;
    println!(
        "Xem trước tại http://{addr}/ — trang tự tải lại khi nội dung trong {} đổi.",
        opts.content.display()
    );
    println!("Nhấn Ctrl+C để dừng.");
    let served = server.run();
    drop(debouncer);
    served.map_err(|e| Error(e.to_string()))
}

/// Rebuilds on every batch of changes until the watcher stops.
fn rebuild_loop(
    opts: &build::Options,
    watched: &Path,
    events: &mpsc::Receiver<DebounceEventResult>,
    status: &watch::Sender<Status>,
    ignored: &Path,
) {
    while let Ok(batch) = events.recv() {
        // Everything that arrived meanwhile (a burst, or saves during the last
        // rebuild) makes one rebuild.
        let mut all = vec![batch];
        all.extend(events.try_iter());
        let mut changed = Vec::new();
        let mut since: Option<Instant> = None;
        for result in all {
            match result {
                Ok(evs) => {
                    let (files, first) = changed_files(&evs, ignored);
                    changed.extend(files);
                    since = match (since, first) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("bantin: lỗi theo dõi thư mục nội dung: {e}");
                    }
                }
            }
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        let names: Vec<String> = changed
            .iter()
            .map(|p| {
                opts.content
                    .join(p.strip_prefix(watched).unwrap_or(p))
                    .display()
                    .to_string()
            })
            .collect();
        println!("Đã đổi: {}", names.join(", "));
        let previous = status.borrow().clone();
        let next = build_once(opts, &previous, since);
        status.send_replace(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_noise_is_ignored() {
        for noise in [
            "bai-viet/.cau.md.swp",
            "bai-viet/cau.md~",
            "bai-viet/#cau.md#",
            "bai-viet/.#cau.md",
            "bai-viet/4913",
            "bai-viet/cau.md.tmp",
            "anh/x.jpg.part",
        ] {
            assert!(is_editor_noise(Path::new(noise)), "{noise}");
        }
        for real in ["bai-viet/cau.md", "site.toml", "anh/cầu-đông-hà.jpg"] {
            assert!(!is_editor_noise(Path::new(real)), "{real}");
        }
    }

    #[test]
    fn problems_keep_file_and_line() {
        let e = BuildError::Content(vec![Diagnostic::new("content/bai-viet/a.md", 3, "lỗi")]);
        assert_eq!(
            problems(&e),
            vec![Problem {
                path: "content/bai-viet/a.md".into(),
                line: 3,
                message: "lỗi".into()
            }]
        );
    }
}
