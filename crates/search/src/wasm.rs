//! The browser's entry points: free functions over one engine (see
//! `docs/search.md` for how the app drives them).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::engine::Engine;
use crate::marks::{snippet as window, Matcher};
use crate::text::Query;

thread_local! {
    pub(crate) static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Starts (or restarts) the engine with the text of `tim/meta.txt`; "" or an error.
#[wasm_bindgen]
pub fn init(meta: &str) -> String {
    match Engine::new(meta) {
        Ok(e) => {
            ENGINE.with(|c| *c.borrow_mut() = Some(e));
            String::new()
        }
        Err(e) => e.to_string(),
    }
}

/// The files still needed for page `page` of `q`, one per line ("" when ready).
#[wasm_bindgen]
pub fn need(q: &str, prefix: bool, page: u32, per_page: u32) -> String {
    ENGINE.with(|c| match c.borrow_mut().as_mut() {
        Some(e) => e.need(q, prefix, page, per_page).join("\n"),
        None => crate::format::META.to_string(),
    })
}

/// Reads a fetched file; "" or an error (starting with "stale:" when the index changed).
#[wasm_bindgen]
pub fn add(name: &str, text: &str) -> String {
    ENGINE.with(|c| match c.borrow_mut().as_mut() {
        Some(e) => match e.add(name, text) {
            Ok(()) => String::new(),
            Err(err) => err.to_string(),
        },
        None => "the engine has no meta.txt yet".to_string(),
    })
}

/// The results as JSON, or "" while files are missing.
#[wasm_bindgen]
pub fn results(q: &str, prefix: bool, page: u32, per_page: u32) -> String {
    ENGINE.with(|c| {
        c.borrow_mut()
            .as_mut()
            .and_then(|e| e.results(q, prefix, page, per_page))
            .unwrap_or_default()
    })
}

/// The best window of `text` for `q`, as a JSON array of segments (odd ones matched).
#[wasm_bindgen]
pub fn snippet(q: &str, text: &str, max_chars: u32) -> String {
    let m = Matcher::new(&Query::parse(q, false));
    let mut out = String::new();
    crate::json::strings(&mut out, &window(&m, text, max_chars as usize));
    out
}
