//! The bridge to search (issue 4, see `crates/search`).
//!
//! Search is its own small WebAssembly module at `<base>tim/bantin_search.js`
//! (wasm-bindgen `--target web`): the engine *and* the search UI (the
//! combobox of the header's box, the search page's content). Nothing of it is
//! in the app's bundle, so none of it is in an article's first view. The app
//! keeps the header's form (the markup the build tool also writes) with a
//! hook that imports the module on the first focus or keystroke and hands it
//! the box ([`hook`]), and the `/tim-kiem` view, which asks the module for the
//! page's markup ([`render_page`]); the module handles that page's form and
//! retry button itself.
//!
//! The module gets a context object: `base` (the base path), `dataRoot`
//! (from `config.json`) and `navigate(url)`, an in-app navigation. (It reads
//! the categories it offers after a search without result from `site.json`
//! itself: handing them over cost the first view about 0.5 KB.)

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::FetchError;

/// Longer queries are cut here (in characters); the module cuts them the same way.
const MAX_QUERY_CHARS: usize = 200;

// `load` imports the module once (a failure is forgotten, so the next try
// starts over); `context` is the module's context object; `go` follows a
// link the way a click does, so the router takes it.
//
// `hook` waits for the reader on the header's box (`#bt-q`, whichever is in
// the page: the prerendered one, then the app's): the first focus or
// keystroke loads the module and gives it the box, which it then handles (it
// marks it `data-bt-combo`); a submit before then waits for it too (or, if it
// cannot load, submits the plain form). It returns the function that gives it
// the data root, once `config.json` has said.
#[wasm_bindgen(inline_js = r#"
let mod;
function load(js, wasm) {
  return mod = mod || import(js).then(async (m) => {
    await m.default({ module_or_path: wasm });
    return m;
  }).catch((e) => {
    mod = undefined;
    console.warn("bantin: the search module could not be loaded", e);
    throw e;
  });
}
function go(url) {
  const a = document.createElement("a");
  a.href = url;
  document.body.append(a);
  a.click();
  a.remove();
}
function context(base, dataRoot) {
  return { base, dataRoot, navigate: go };
}
export function hook(js, wasm, base) {
  let found;
  const root = new Promise((r) => (found = r));
  const loading = new WeakMap();
  const on = (ev) => {
    const t = ev.target;
    const input = t.id === "bt-q" ? t : t.elements && t.elements.q;
    if (!input || input.id !== "bt-q" || input.hasAttribute("data-bt-combo")) return;
    const submit = ev.type === "submit";
    if (submit) ev.preventDefault();
    if (loading.has(input)) { loading.get(input).submit ||= submit; return; }
    const state = { submit };
    loading.set(input, state);
    Promise.all([load(js, wasm), root]).then(([m, root]) => {
      m.attach_box(input, context(base, root));
      if (state.submit) input.form.requestSubmit();
      // What the reader typed before the module arrived is looked up.
      else if (input.value && document.activeElement === input) input.dispatchEvent(new Event("input", { bubbles: true }));
    }, () => {
      loading.delete(input);
      if (state.submit) input.form.submit();
    });
  };
  for (const type of ["focusin", "input", "submit"]) document.addEventListener(type, on, true);
  // The reader may be in the box already (the app starts late on a prerendered page).
  const active = document.activeElement;
  if (active && active.id === "bt-q") on({ type: "focusin", target: active });
  return found;
}
export async function render(q, page, js, wasm, base, root) {
  const m = await load(js, wasm);
  return m.render_page(q, page, context(base, root));
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = hook)]
    fn js_hook(js: &str, wasm: &str, base: &str) -> js_sys::Function;
    #[wasm_bindgen(js_name = render)]
    fn js_render(
        q: &str,
        page: u32,
        js: &str,
        wasm: &str,
        base: &str,
        root: &str,
    ) -> js_sys::Promise;
}

/// The search module's files: app files, at the whole site's root (a
/// section of another language runs the root's).
fn module() -> (String, String) {
    let at = |file: &str| crate::base::join(crate::base::root(), file);
    (at("tim/bantin_search.js"), at("tim/bantin_search_bg.wasm"))
}

/// Lets the search module take over the header's search box on first use (call once).
pub fn hook() {
    let (js, wasm) = module();
    let found_root = js_hook(&js, &wasm, crate::base::base());
    // Not leptos's executor: on a prerendered page the app may not have mounted.
    wasm_bindgen_futures::spawn_local(async move {
        let root = crate::config::data_root().await;
        let _ = found_root.call1(&JsValue::NULL, &root.into());
    });
}

/// Has the module render page `page` of `query`'s results: the page's
/// markup, or `Ok(None)` when the page is past the last one.
pub async fn render_page(query: &str, page: u32) -> Result<Option<String>, FetchError> {
    let root = crate::config::data_root().await;
    let (js, wasm) = module();
    let base = crate::base::base();
    let html = js_render(query, page, &js, &wasm, base, &root);
    JsFuture::from(html)
        .await
        .map(|html| html.as_string())
        .map_err(|_| FetchError::Network)
}

/// The query as searched: trimmed, at most [`MAX_QUERY_CHARS`] characters,
/// ending with a whole word (as the module cuts it).
pub fn clamp_query(q: &str) -> &str {
    bantin_contract::text::cut_at_word(q, MAX_QUERY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_cut_like_the_module_cuts_them() {
        for q in ["  chuyển đổi số  ", &"đường ".repeat(100), &"x".repeat(300)] {
            assert_eq!(clamp_query(q), bantin_search::ui::markup::clamp_query(q));
        }
    }
}
