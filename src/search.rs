//! The bridge to the search engine (issue 4, see `crates/search`).
//!
//! The engine is its own small WebAssembly module at `<base>tim/bantin_search.js`
//! (wasm-bindgen `--target web`). Nothing of it is in the app's bundle: it is
//! imported the first time the reader starts searching ([`warm`] on focus or
//! typing, [`run`] when the search page opens). Its index lives in text files
//! under `<data root>tim/`: first `tim/meta.txt`, then, for each query, the
//! files the engine's `need` names, all at once, until it has what it needs.
//!
//! That loop is a few lines of JavaScript beside the import (below): it only
//! passes text between `fetch` and the engine, and written in Rust it cost
//! several KB of the first view's WebAssembly budget. It keeps the app's
//! rules for data: the data root from `config.json`, the same time limit,
//! and failures reported as [`FetchError`]s with the app's Vietnamese messages.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::{FetchError, Fetched, TIMEOUT_MS};

/// Results per page on the search page.
pub const PER_PAGE: u32 = 10;
/// Suggestions under the header's search box.
pub const SUGGESTIONS: u32 = 6;
/// Longer queries are cut here (in characters) before they reach the engine;
/// the engine itself keeps only the first words (its `truncated` flag).
pub const MAX_QUERY_CHARS: usize = 200;

// The engine driver: `load` imports the engine and feeds it meta.txt once (a
// failure is forgotten so the next search starts over); `run` fetches what
// `need` names, in parallel, until the engine can answer. Errors are the
// strings "timeout", "server", "malformed" or "network".
#[wasm_bindgen(inline_js = r#"
let engine, added;
async function get(url, ms) {
  const c = new AbortController();
  const t = setTimeout(() => c.abort(), ms);
  try {
    const r = await fetch(url, { signal: c.signal });
    if (!r.ok) throw "server";
    return await r.text();
  } catch (e) {
    throw c.signal.aborted ? "timeout" : e === "server" ? e : "network";
  } finally {
    clearTimeout(t);
  }
}
function load(js, wasm, root, ms) {
  engine = engine || (async () => {
    let m;
    try {
      m = await import(js);
      await m.default({ module_or_path: wasm });
    } catch (e) {
      console.warn("bantin: the search engine could not be loaded", e);
      throw "network";
    }
    const e = m.init(await get(root + "tim/meta.txt", ms));
    if (e) { console.warn("bantin: search index:", e); throw "malformed"; }
    added = new Set();
    return m;
  })().catch((e) => { engine = undefined; throw e; });
  return engine;
}
export function warm(js, wasm, root, ms) { load(js, wasm, root, ms).catch(() => {}); }
export async function run(js, wasm, root, ms, q, prefix, page, per) {
  for (let again = true; ; again = false) {
    const m = await load(js, wasm, root, ms);
    for (let round = 0; round < 8; round++) {
      const names = m.need(q, prefix, page, per).split("\n").filter((n) => n);
      if (!names.length) return m.results(q, prefix, page, per);
      const texts = await Promise.all(names.map((n) => get(root + n, ms)));
      for (let i = 0; i < names.length; i++) {
        if (added.has(names[i])) continue;
        const e = m.add(names[i], texts[i]);
        // The site was rebuilt since meta.txt was read: read it again, once.
        if (e.startsWith("stale:") && again) { engine = undefined; break; }
        if (e) { console.warn("bantin: search index file", names[i], e); throw "malformed"; }
        added.add(names[i]);
      }
      if (!engine) break;
    }
    if (engine) throw "malformed";
  }
}
export function snippet(q, text, max) {
  return engine ? engine.then((m) => m.snippet(q, text, max)) : Promise.resolve("[]");
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = warm)]
    fn js_warm(js: &str, wasm: &str, root: &str, ms: i32);
    #[wasm_bindgen(js_name = run)]
    fn js_run(
        js: &str,
        wasm: &str,
        root: &str,
        ms: i32,
        q: &str,
        prefix: bool,
        page: u32,
        per_page: u32,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = snippet)]
    fn js_snippet(q: &str, text: &str, max_chars: u32) -> js_sys::Promise;
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

/// The query as given to the engine: trimmed, at most [`MAX_QUERY_CHARS`]
/// characters, ending with a whole word.
pub fn clamp_query(q: &str) -> &str {
    let q = q.trim();
    match q.char_indices().nth(MAX_QUERY_CHARS) {
        // Cut at the last space, so no half word is searched.
        Some((at, _)) => {
            let head = &q[..at];
            head[..head.rfind(char::is_whitespace).unwrap_or(at)].trim_end()
        }
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

/// Where the engine's files are, and the data root the index is under.
async fn places() -> (String, String, String) {
    (
        crate::base::url("tim/bantin_search.js"),
        crate::base::url("tim/bantin_search_bg.wasm"),
        crate::config::data_root().await,
    )
}

/// Starts loading the engine in the background (the reader is about to search).
pub fn warm() {
    leptos::task::spawn_local(async {
        let (js, wasm, root) = places().await;
        js_warm(&js, &wasm, &root, TIMEOUT_MS);
    });
}

/// Runs a query: loads what the engine needs, then reads one page of
/// results. `prefix` treats the last word as the start of a word
/// (suggestions while typing).
pub async fn run(query: &str, prefix: bool, page: u32, per_page: u32) -> Fetched<Results> {
    let (js, wasm, root) = places().await;
    let answer = js_run(
        &js,
        &wasm,
        &root,
        TIMEOUT_MS,
        clamp_query(query),
        prefix,
        page,
        per_page,
    );
    match JsFuture::from(answer).await {
        Ok(json) => {
            parse_results(&json.as_string().unwrap_or_default()).ok_or(FetchError::Malformed)
        }
        Err(e) => Err(match e.as_string().as_deref() {
            Some("timeout") => FetchError::Timeout,
            Some("server") => FetchError::Server(0),
            Some("malformed") => FetchError::Malformed,
            _ => FetchError::Network,
        }),
    }
}

/// The best window of an article's text for `query`, in segments (odd
/// indexes matched); `None` if the engine cannot give one.
pub async fn snippet(query: &str, text: &str, max_chars: u32) -> Option<Vec<String>> {
    let json = JsFuture::from(js_snippet(clamp_query(query), text, max_chars))
        .await
        .ok()?
        .as_string()?;
    JSON::parse(&json).ok().map(|v| strings(&v))
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

/// The text the snippets are cut from, from an article's JSON: the lead, then
/// the body's text block by block (as `bantin_contract::plain_text` gives it to
/// the index), read field by field with the browser's JSON parser.
pub fn article_text(json: &str) -> Option<String> {
    fn line(out: &mut String, runs: &JsValue) {
        if Array::is_array(runs) {
            for run in Array::from(runs).iter() {
                out.push_str(&text_field(&run, "text"));
            }
            out.push('\n');
        }
    }
    let article = JSON::parse(json).ok().filter(JsValue::is_object)?;
    let mut out = text_field(&article, "lead");
    out.push('\n');
    let body = field(&article, "body");
    if Array::is_array(&body) {
        for block in Array::from(&body).iter() {
            for key in ["text", "caption", "cite"] {
                if let Some(t) = field(&block, key).as_string() {
                    out.push_str(&t);
                    out.push('\n');
                }
            }
            line(&mut out, &field(&block, "content"));
            let items = field(&block, "items");
            if Array::is_array(&items) {
                Array::from(&items).iter().for_each(|i| line(&mut out, &i));
            }
        }
    }
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
        assert!(clamped.ends_with(" đường"));
        assert_eq!(clamp_query(&"x".repeat(300)).len(), MAX_QUERY_CHARS);
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
