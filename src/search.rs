//! The bridge to the search engine (issue 4, `docs` in `/crates/search`).
//!
//! The engine is its own small WebAssembly module at `<base>tim/bantin_search.js`
//! (wasm-bindgen `--target web`). Nothing of it is in the app's bundle: it is
//! imported the first time the reader starts searching ([`warm`] on focus or
//! typing, [`run`] when the search page opens). Its index lives in text files
//! under `<data root>tim/`, fetched through [`crate::api`] (time limit, data
//! root from `config.json`): first `tim/meta.txt`, then, for each query, the
//! files the engine's `need` names, all at once, until it has what it needs.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use js_sys::{Array, Function, Promise, Reflect, JSON};
use leptos::logging::warn;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, FetchError, Fetched};

/// Results per page on the search page.
pub const PER_PAGE: u32 = 10;
/// Suggestions under the header's search box.
pub const SUGGESTIONS: u32 = 6;
/// Longer queries are cut here (in characters) before they reach the engine;
/// the engine itself keeps only the first words (its `truncated` flag).
pub const MAX_QUERY_CHARS: usize = 200;
/// Rounds of `need` → fetch → `add` before the index is declared broken (the
/// engine needs at most about four: dictionaries, posting lists, documents).
const MAX_ROUNDS: usize = 8;

// The engine is imported once; a failed import is forgotten so a retry imports again.
#[wasm_bindgen(inline_js = "let p;\
export function import_engine(js, wasm) {\
  p = p || import(js).then(async (m) => { await m.default({ module_or_path: wasm }); return m; })\
    .catch((e) => { p = undefined; throw e; });\
  return p;\
}")]
extern "C" {
    fn import_engine(js: &str, wasm: &str) -> Promise;
}

#[derive(Default)]
struct State {
    /// The engine module, once loaded and fed `tim/meta.txt`.
    engine: Option<JsValue>,
    /// Index files already given to the engine (concurrent queries may ask for the same).
    added: Vec<String>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// One article found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub slug: String,
    pub title: String,
    /// RFC 3339.
    pub date: String,
    /// The category's slug ("" when none).
    pub category: String,
    /// The title in segments; odd indexes are the words that matched.
    pub title_marks: Vec<String>,
}

/// The engine's answer for one page of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    pub total: u32,
    pub page: u32,
    pub pages: u32,
    /// The words searched for; empty when the query had no letters or digits.
    pub terms: Vec<String>,
    /// Words left out: too common, or beyond the engine's word cap.
    pub ignored: Vec<String>,
    /// The query had more words than the engine takes.
    pub truncated: bool,
    pub hits: Vec<Hit>,
}

/// The query as given to the engine: trimmed, at most [`MAX_QUERY_CHARS`] characters.
pub fn clamp_query(q: &str) -> &str {
    let q = q.trim();
    match q.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => q[..at].trim_end(),
        None => q,
    }
}

/// The search page's route for a query and page (page 1 has no `trang`).
pub fn search_route(query: &str, page: u32) -> String {
    let mut route = format!(
        "tim-kiem?q={}",
        crate::format::encode_component(query.trim())
    );
    if page > 1 {
        route.push_str(&format!("&trang={page}"));
    }
    route
}

/// [`search_route`] under the site's base path.
pub fn search_url(query: &str, page: u32) -> String {
    crate::base::url(&search_route(query, page))
}

/// Starts loading the engine in the background (the reader is about to search).
pub fn warm() {
    leptos::task::spawn_local(async {
        let _ = engine().await;
    });
}

/// The loaded engine module, loading it (and `tim/meta.txt`) on first use.
/// Two searches started together may both load it; the first to finish wins.
async fn engine() -> Fetched<JsValue> {
    if let Some(module) = STATE.with_borrow(|s| s.engine.clone()) {
        return Ok(module);
    }
    let js = crate::base::url("tim/bantin_search.js");
    let wasm = crate::base::url("tim/bantin_search_bg.wasm");
    let module = JsFuture::from(import_engine(&js, &wasm))
        .await
        .map_err(|e| {
            warn!("bantin: the search engine could not be loaded: {e:?}");
            FetchError::Network
        })?;
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    let meta = api::search_index("tim/meta.txt", &controller).await?;
    if let Some(module) = STATE.with_borrow(|s| s.engine.clone()) {
        return Ok(module);
    }
    let error = call(&module, "init", &[JsValue::from_str(&meta)])?;
    if !error.is_empty() {
        warn!("bantin: search index: {error}");
        return Err(FetchError::Malformed);
    }
    STATE.with_borrow_mut(|s| {
        s.added.clear();
        s.engine = Some(module.clone());
    });
    Ok(module)
}

/// Calls the engine's exported function `name`; a missing function, a thrown
/// error or a non-string answer means a broken engine file.
fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Fetched<String> {
    let answer = Reflect::get(module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| {
            f.apply(&JsValue::NULL, &args.iter().collect::<Array>())
                .ok()
        })
        .and_then(|v| v.as_string());
    answer.ok_or_else(|| {
        warn!("bantin: the search engine's `{name}` failed");
        FetchError::Malformed
    })
}

/// The four arguments of `need` and `results`.
fn query_args(query: &str, prefix: bool, page: u32, per_page: u32) -> [JsValue; 4] {
    [
        JsValue::from_str(query),
        JsValue::from_bool(prefix),
        JsValue::from_f64(page.into()),
        JsValue::from_f64(per_page.into()),
    ]
}

/// Runs a query: loads what the engine needs (files of one round in
/// parallel), then reads one page of results. `prefix` treats the last word
/// as the start of a word (suggestions while typing).
pub async fn run(
    query: &str,
    prefix: bool,
    page: u32,
    per_page: u32,
    controller: &web_sys::AbortController,
) -> Fetched<Results> {
    let query = clamp_query(query);
    let args = query_args(query, prefix, page, per_page);
    let mut restarted = false;
    'start: loop {
        let module = engine().await?;
        for _ in 0..MAX_ROUNDS {
            let needed = call(&module, "need", &args)?;
            let names: Vec<&str> = needed
                .lines()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                let json = call(&module, "results", &args)?;
                return parse_results(&json).ok_or(FetchError::Malformed);
            }
            let texts =
                join_all(names.iter().map(|name| api::search_index(name, controller))).await;
            for (name, text) in names.iter().zip(texts) {
                let text = text?;
                if STATE.with_borrow(|s| s.added.iter().any(|a| a == name)) {
                    continue;
                }
                let error = call(
                    &module,
                    "add",
                    &[JsValue::from_str(name), JsValue::from_str(&text)],
                )?;
                if error.starts_with("stale:") && !restarted {
                    // The site was rebuilt since meta.txt was read: read it again, once.
                    restarted = true;
                    STATE.with_borrow_mut(|s| s.engine = None);
                    continue 'start;
                }
                if !error.is_empty() {
                    warn!("bantin: search index file {name}: {error}");
                    return Err(FetchError::Malformed);
                }
                STATE.with_borrow_mut(|s| s.added.push(name.to_string()));
            }
        }
        warn!("bantin: the search engine kept asking for more files");
        return Err(FetchError::Malformed);
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

/// The best window of an article's text for `query`, in segments (odd
/// indexes matched); `None` if the engine cannot give one.
pub async fn snippet(query: &str, text: &str, max_chars: u32) -> Option<Vec<String>> {
    let module = engine().await.ok()?;
    let json = call(
        &module,
        "snippet",
        &[
            JsValue::from_str(clamp_query(query)),
            JsValue::from_str(text),
            JsValue::from_f64(max_chars.into()),
        ],
    )
    .ok()?;
    JSON::parse(&json).ok().map(|v| strings(&v))
}

/// The text the snippets are cut from, from an article's JSON: the lead and
/// the body's text as the index has it (`bantin_contract::plain_text`).
pub fn article_text(json: &str) -> Option<String> {
    let article = bantin_contract::js::parse_js::<bantin_contract::Article>(json).ok()?;
    let mut out = article.lead.unwrap_or_default();
    out.push('\n');
    out.push_str(&bantin_contract::plain_text(&article.body));
    Some(out)
}

fn field(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text_field(o: &JsValue, key: &str) -> String {
    field(o, key).as_string().unwrap_or_default()
}

fn number_field(o: &JsValue, key: &str) -> u32 {
    field(o, key).as_f64().unwrap_or(0.0) as u32
}

/// The strings of a JSON array (other values are skipped).
fn strings(v: &JsValue) -> Vec<String> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    Array::from(v)
        .iter()
        .filter_map(|s| s.as_string())
        .collect()
}

/// Reads the JSON of the engine's `results`.
fn parse_results(json: &str) -> Option<Results> {
    let v = JSON::parse(json).ok().filter(JsValue::is_object)?;
    let hits = field(&v, "hits");
    let hits = if Array::is_array(&hits) {
        Array::from(&hits)
            .iter()
            .filter(JsValue::is_object)
            .map(|h| Hit {
                slug: text_field(&h, "slug"),
                title: text_field(&h, "title"),
                date: text_field(&h, "date"),
                category: text_field(&h, "category"),
                title_marks: strings(&field(&h, "title_marks")),
            })
            .filter(|h| bantin_contract::text::is_slug(&h.slug))
            .collect()
    } else {
        Vec::new()
    };
    Some(Results {
        total: number_field(&v, "total"),
        page: number_field(&v, "page"),
        pages: number_field(&v, "pages"),
        terms: strings(&field(&v, "terms")),
        ignored: strings(&field(&v, "ignored")),
        truncated: field(&v, "truncated").as_bool().unwrap_or(false),
        hits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_trimmed_and_capped() {
        assert_eq!(clamp_query("  chuyển đổi số  "), "chuyển đổi số");
        let long = "đường ".repeat(100);
        let clamped = clamp_query(&long);
        assert!(clamped.chars().count() <= MAX_QUERY_CHARS);
        assert!(clamped.ends_with("đường"));
    }

    #[test]
    fn search_urls() {
        assert_eq!(search_route(" số ", 1), "tim-kiem?q=s%E1%BB%91");
        assert_eq!(
            search_route("chuyển đổi", 3),
            "tim-kiem?q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i&trang=3"
        );
        assert_eq!(search_route("a&b=c", 1), "tim-kiem?q=a%26b%3Dc");
    }
}
