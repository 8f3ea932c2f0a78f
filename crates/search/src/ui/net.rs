//! Fetching (with the app's time limit), the engine's need/fetch/add loop,
//! and the context the app passes in.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::markup::{clamp_query, Category, Results};
use super::read::{self, Json};
use crate::strings::{Lang, Text};
use crate::wasm::ENGINE;

/// How long a request may take (the app's limit).
const TIMEOUT_MS: i32 = 15_000;

/// Why search could not answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    Network,
    Timeout,
    Server,
    Malformed,
}

impl Error {
    /// What the reader is told, in `t`'s language.
    pub fn message(self, t: &'static Text) -> &'static str {
        match self {
            Error::Network => t.err_network,
            Error::Timeout => t.err_timeout,
            Error::Server => t.err_server,
            Error::Malformed => t.err_malformed,
        }
    }
}

/// The app's context (see the module's documentation).
pub struct Ctx {
    pub base: String,
    pub data_root: String,
    /// The page's language (`<html lang>`, which the build tool writes from
    /// the site's `lang`).
    pub lang: Lang,
    /// The object itself, for its optional `categories`.
    raw: JsValue,
    navigate: Option<Function>,
}

impl Ctx {
    pub fn new(v: &JsValue) -> Ctx {
        let base = text_field(v, "base");
        let lang = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .map_or(Lang::Vi, |tag| Lang::from_tag(&tag));
        Ctx {
            lang,
            data_root: text_field(v, "dataRoot"),
            base: if base.is_empty() {
                "/".to_string()
            } else {
                base
            },
            raw: v.clone(),
            navigate: field(v, "navigate").dyn_into().ok(),
        }
    }

    /// The site's categories: the context's `categories` if the app gives
    /// them, else those of `site.json` under the data root (read from the
    /// browser's cache, as the app has read it); none if it cannot be read.
    pub async fn categories(&self) -> Vec<Category> {
        let mut list = field(&self.raw, "categories");
        if !Array::is_array(&list) {
            let site = get(&format!(
                "{}{}",
                self.data_root,
                bantin_contract::paths::SITE
            ))
            .await;
            list = site
                .ok()
                .and_then(|json| JSON::parse(&json).ok())
                .map(|site| field(&site, "categories"))
                .unwrap_or(JsValue::UNDEFINED);
        }
        if !Array::is_array(&list) {
            return Vec::new();
        }
        Array::from(&list)
            .iter()
            .map(|c| Category {
                slug: text_field(&c, "slug"),
                name: text_field(&c, "name"),
            })
            .filter(|c| !c.slug.is_empty())
            .collect()
    }

    /// Goes to a URL of the site inside the app (a full load if the app gave no way).
    pub fn go(&self, url: &str) {
        match &self.navigate {
            Some(f) => {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(url));
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().assign(url);
                }
            }
        }
    }
}

pub fn field(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn text_field(o: &JsValue, key: &str) -> String {
    field(o, key).as_string().unwrap_or_default()
}

/// The text of `url` if the page's script fetched it ahead (the search page's
/// first index files, `src/js/page.js`: `window.__bantinIndex`); each is taken once,
/// and one that failed there is asked for again here.
async fn fetched_ahead(window: &web_sys::Window, url: &str) -> Option<String> {
    let take: Function = Reflect::get(window, &JsValue::from_str("__bantinIndex"))
        .ok()?
        .dyn_into()
        .ok()?;
    let text: js_sys::Promise = take
        .call1(&JsValue::NULL, &JsValue::from_str(url))
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(text).await.ok()?.as_string()
}

/// GETs `url` as text, aborted as [`Error::Timeout`] after the time limit.
pub async fn get(url: &str) -> Result<String, Error> {
    let window = web_sys::window().ok_or(Error::Network)?;
    if let Some(text) = fetched_ahead(&window, url).await {
        return Ok(text);
    }
    let controller = web_sys::AbortController::new().map_err(|_| Error::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_time = {
        let (timed_out, controller) = (Rc::clone(&timed_out), controller.clone());
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_time.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok();
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let answer = async {
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(url, &init))
                .await
                .map_err(|_| Error::Network)?
                .dyn_into()
                .map_err(|_| Error::Network)?;
        if !response.ok() {
            return Err(Error::Server);
        }
        let text = response.text().map_err(|_| Error::Network)?;
        JsFuture::from(text)
            .await
            .map_err(|_| Error::Network)?
            .as_string()
            .ok_or(Error::Malformed)
    }
    .await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    match answer {
        Err(_) if timed_out.get() => Err(Error::Timeout),
        other => other,
    }
}

/// Resolves in a task of its own (a zero timeout): work after it does not
/// lengthen the task that awaited it, which a phone's main thread then ends
/// sooner (long tasks delay the reader's taps).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .ok()
        });
        if queued.is_none() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
    SLICE_START.set(js_sys::Date::now());
}

/// How long the module works in one task before it lets the browser in
/// ([`yield_if_long`]), in ms. Lighthouse's mobile test counts a task four
/// times as long as it ran on its machine, and from 50 ms a task blocks.
const SLICE_MS: f64 = 8.0;

thread_local! {
    /// When the module's current stretch of work began (see [`yield_if_long`]).
    static SLICE_START: Cell<f64> = const { Cell::new(0.0) };
}

/// Marks the start of a stretch of work (the module was called from a task).
pub fn slice_begins() {
    SLICE_START.set(js_sys::Date::now());
}

/// Goes on in a task of its own once the current one has run [`SLICE_MS`]:
/// reading the index's files one after another in one task made it a long one.
pub async fn yield_if_long() {
    if js_sys::Date::now() - SLICE_START.get() >= SLICE_MS {
        next_task().await;
    }
}

/// Runs futures together and gives their outputs in order (a minimal
/// `join_all`: polls every unfinished one on each wake-up; meant for a few).
pub async fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(v) => *output = Some(v),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(outputs.iter_mut().filter_map(Option::take).collect())
        }
    })
    .await
}

thread_local! {
    /// The index files the engine has read since its meta.txt.
    static ADDED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Starts the engine with the index's meta.txt, unless it has started.
async fn start(root: &str) -> Result<(), Error> {
    if ENGINE.with(|e| e.borrow().is_some()) {
        return Ok(());
    }
    let meta = get(&format!("{root}tim/meta.txt")).await?;
    // Another search may have started it meanwhile: keep what it has read.
    if ENGINE.with(|e| e.borrow().is_some()) {
        return Ok(());
    }
    let error = crate::wasm::init(&meta);
    if !error.is_empty() {
        web_sys::console::warn_2(&"bantin: search index:".into(), &error.into());
        return Err(Error::Malformed);
    }
    ADDED.with(|a| a.borrow_mut().clear());
    Ok(())
}

/// Loads the engine in the background (the reader is about to search).
pub fn warm(root: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = start(&root).await;
    });
}

/// Runs a query: fetches what the engine needs under the data root `root`,
/// then reads one page of results. `prefix` treats the last word as the start
/// of a word (suggestions while typing).
pub async fn run(
    root: &str,
    query: &str,
    prefix: bool,
    page: u32,
    per_page: u32,
) -> Result<Results, Error> {
    let q = clamp_query(query);
    slice_begins();
    for again in [true, false] {
        start(root).await?;
        let mut restart = false;
        for round in 0..8 {
            // Each round's files (dictionaries, lists, documents) are read in a
            // task of its own: those the page script fetched ahead are all there
            // at once, and reading them in one task would make it a long one.
            if round > 0 {
                yield_if_long().await;
            }
            let names = crate::wasm::need(q, prefix, page, per_page);
            let names: Vec<&str> = names.lines().filter(|n| !n.is_empty()).collect();
            if names.is_empty() {
                yield_if_long().await;
                return parse_results(&crate::wasm::results(q, prefix, page, per_page))
                    .ok_or(Error::Malformed);
            }
            let texts = join_all(names.iter().map(|n| get_owned(format!("{root}{n}")))).await;
            for (name, text) in names.iter().zip(texts) {
                let text = text?;
                if ADDED.with(|a| a.borrow().contains(*name)) {
                    continue;
                }
                yield_if_long().await;
                let error = crate::wasm::add(name, &text);
                // The site was rebuilt since meta.txt was read: read it again, once.
                if error.starts_with("stale:") && again {
                    ENGINE.with(|e| *e.borrow_mut() = None);
                    restart = true;
                    break;
                }
                if !error.is_empty() {
                    web_sys::console::warn_3(
                        &"bantin: search index file".into(),
                        &(*name).into(),
                        &error.into(),
                    );
                    return Err(Error::Malformed);
                }
                ADDED.with(|a| a.borrow_mut().insert(name.to_string()));
            }
            if restart {
                break;
            }
        }
        if !restart {
            break;
        }
    }
    Err(Error::Malformed)
}

async fn get_owned(url: String) -> Result<String, Error> {
    get(&url).await
}

/// Reads the JSON of the engine's `results` (see [`read::results`], tested natively).
fn parse_results(json: &str) -> Option<Results> {
    let v = JSON::parse(json).ok().filter(JsValue::is_object)?;
    Some(read::results(&v))
}

/// The browser's JSON values, for [`read`].
impl Json for JsValue {
    fn field(&self, key: &str) -> Option<JsValue> {
        if !self.is_object() {
            return None;
        }
        Some(field(self, key)).filter(|v| !v.is_undefined() && !v.is_null())
    }
    fn text(&self) -> Option<String> {
        self.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn flag(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Vec<JsValue> {
        if Array::is_array(self) {
            Array::from(self).iter().collect()
        } else {
            Vec::new()
        }
    }
}
