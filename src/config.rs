//! Runtime settings from `config.json` (see `bantin_contract::RuntimeConfig`),
//! and noticing that a new version of the site was deployed.
//!
//! [`start`] fetches `config.json` (beside the pages, revalidated on every
//! load) before the app mounts. It says where the data lives, so every data
//! fetch that the page's inline islands cannot answer waits for it
//! ([`data_root`]); the first view of a prerendered page never waits. Its site
//! name and links are put over the site settings when it arrives ([`apply`]).
//! A missing, broken, refused or newer `config.json` falls back to the
//! built-in defaults (data at `<base>data/`) with a console warning.
//!
//! Every page names the app build it loads in `<meta name="bantin-build">`,
//! and `config.json` names the deployed one. When they differ, the tab runs
//! files that a redeploy may have removed, so the app loads the page anew:
//! at start-up (the HTML came from a cache), and on a navigation inside the
//! app ([`check_build`]), where it loads the destination in full. Each new
//! build gets one such reload per tab (remembered in `sessionStorage`), so a
//! cache that keeps serving old pages cannot cause a loop.

use std::cell::RefCell;

use bantin_contract::js::parse_js;
use bantin_contract::{RuntimeConfig, SiteSettings};
use leptos::logging::warn;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{self, FetchError};

/// How long the app waits for `config.json` before using the defaults.
const CONFIG_TIMEOUT_MS: i32 = 5_000;
/// `sessionStorage` key: the deployed build this tab last reloaded for.
const RELOAD_KEY: &str = "bantin:build-reload";

#[derive(Default)]
struct State {
    /// The settings in force, once `config.json` has been read or given up on.
    config: Option<RuntimeConfig>,
    /// Where data documents are fetched from (absolute URL or path, ends in `/`).
    data_root: Option<String>,
    /// Resolves once `config` is set.
    ready: Option<js_sys::Promise>,
    /// The build of this page's app files (from its meta tag).
    page_build: Option<String>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// The build this page names in `<meta name="bantin-build" content="…">`.
fn page_build() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    doc.query_selector("meta[name=\"bantin-build\"]")
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|c| !c.is_empty())
}

/// The URL of `config.json`, beside the pages under the base path.
fn config_url() -> String {
    crate::base::url(bantin_contract::paths::CONFIG)
}

/// The `build` field of a config text, read even when the rest is refused
/// (a newer version still names its build).
fn deployed_build(text: &str) -> Option<String> {
    let value = js_sys::JSON::parse(text).ok()?;
    js_sys::Reflect::get(&value, &JsValue::from_str("build"))
        .ok()?
        .as_string()
}

/// Reads a config text; problems are warned about and give the defaults
/// (`RuntimeConfig::or_defaults`, as the search module reads it).
fn read_config(text: Result<String, FetchError>) -> RuntimeConfig {
    let Ok(text) = text else {
        warn!("bantin: config.json could not be loaded; using the built-in settings");
        return RuntimeConfig::default();
    };
    let (config, problem) = RuntimeConfig::or_defaults(parse_js::<RuntimeConfig>(&text));
    if let Some(problem) = problem {
        warn!("bantin: {problem}");
    }
    config
}

/// Fetches `config.json` afresh (never from the HTTP cache without asking the server).
///
/// On a page the app draws at once (the search page's results), the page
/// script has asked for it already, beside the app's code
/// (`window.__bantinConfig`, `src/js/page.js`): that answer is taken when it
/// comes within the timeout, else `config.json` is fetched here.
async fn fetch_config() -> Result<String, FetchError> {
    if let Some(text) = early_config().await {
        return Ok(text);
    }
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    api::get_text(&config_url(), &controller, CONFIG_TIMEOUT_MS, true).await
}

/// The text of the page script's request for `config.json`, if it made one
/// and it succeeded within [`CONFIG_TIMEOUT_MS`] (taken once).
async fn early_config() -> Option<String> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("__bantinConfig");
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    let early: js_sys::Promise = early.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, CONFIG_TIMEOUT_MS);
    });
    let first = js_sys::Promise::race(&js_sys::Array::of2(&early, &timer));
    wasm_bindgen_futures::JsFuture::from(first)
        .await
        .ok()?
        .as_string()
}

/// Starts loading `config.json`. Call once, before the app mounts (so not
/// through leptos's executor, which the mount sets up).
pub fn start() {
    let mut resolve_ready: Option<js_sys::Function> = None;
    let ready = js_sys::Promise::new(&mut |resolve, _reject| resolve_ready = Some(resolve));
    let page = page_build();
    STATE.with_borrow_mut(|s| {
        s.ready = Some(ready);
        s.page_build = page.clone();
    });
    wasm_bindgen_futures::spawn_local(async move {
        let text = fetch_config().await;
        let deployed = text.as_deref().ok().and_then(deployed_build);
        let config = read_config(text);
        STATE.with_borrow_mut(|s| {
            s.data_root = Some(config.data_root_under(crate::base::base()));
            s.config = Some(config);
        });
        if let Some(resolve_ready) = resolve_ready {
            let _ = resolve_ready.call0(&JsValue::NULL);
        }
        // This page's HTML names other app files than the deployed site: load it anew.
        if let (Some(page), Some(deployed)) = (page, deployed) {
            if page != deployed {
                reload_once(&deployed, None);
            }
        }
    });
}

/// Waits until `config.json` has been read (or given up on).
async fn ready() {
    let pending = STATE.with_borrow(|s| {
        if s.config.is_some() {
            None
        } else {
            s.ready.clone()
        }
    });
    if let Some(promise) = pending {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// True once `config.json` has been read (or given up on).
pub fn is_ready() -> bool {
    STATE.with_borrow(|s| s.config.is_some())
}

/// Where data documents live (ends in `/`); waits for `config.json` if needed.
pub async fn data_root() -> String {
    ready().await;
    STATE
        .with_borrow(|s| s.data_root.clone())
        .unwrap_or_else(|| RuntimeConfig::default().data_root_under(crate::base::base()))
}

/// Where data documents live, if `config.json` has been read (or given up on).
pub fn data_root_now() -> Option<String> {
    STATE.with_borrow(|s| s.data_root.clone())
}

/// The prerendered page's site settings (its `bt-site` island), and the same
/// with `config.json`'s name and links over them; waits for `config.json`.
async fn page_settings() -> Option<(SiteSettings, SiteSettings)> {
    ready().await;
    let text = api::peek_island(bantin_contract::paths::SITE)?;
    let page = parse_js::<SiteSettings>(&text).ok()?;
    let mut applied = page.clone();
    STATE.with_borrow(|s| {
        if let Some(config) = &s.config {
            config.apply(&mut applied);
        }
    });
    Some((page, applied))
}

/// Whether `config.json` gives the site another name or other links than the
/// prerendered page on screen was built with.
pub async fn changes_page_settings() -> bool {
    page_settings()
        .await
        .is_some_and(|(page, applied)| page != applied)
}

/// The site's name as a prerendered page shows it, `config.json`'s if it names one.
pub async fn site_name() -> String {
    page_settings()
        .await
        .map(|(_, applied)| applied.name)
        .unwrap_or_default()
}

/// Puts `config.json`'s site name and links over `site`, waiting for it if needed.
pub async fn apply(site: &mut SiteSettings) {
    ready().await;
    STATE.with_borrow(|s| {
        if let Some(config) = &s.config {
            config.apply(site);
        }
    });
}

/// Loads `dest` (or this page again) in full, unless this tab already did so
/// for the `deployed` build (then the stale files are served by a cache the
/// app cannot get past; it carries on and says so in the console).
fn reload_once(deployed: &str, dest: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let storage = window.session_storage().ok().flatten();
    if let Some(storage) = &storage {
        if storage.get_item(RELOAD_KEY).ok().flatten().as_deref() == Some(deployed) {
            warn!("bantin: the site was updated (build {deployed}) but this page is still an older version");
            return;
        }
        let _ = storage.set_item(RELOAD_KEY, deployed);
    } else {
        // Without sessionStorage a loop could not be stopped: do not reload.
        return;
    }
    load_in_full(dest);
}

/// Leaves the app for an ordinary page load of `dest` (else of the current
/// address), once per page: a new build found by [`check_build`] and the
/// views' module failing to load may both ask for it.
pub fn load_in_full(dest: Option<&str>) {
    thread_local! {
        static LEFT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if LEFT.replace(true) {
        return;
    }
    let location = leptos::prelude::window().location();
    let _ = match dest {
        Some(url) => location.assign(url),
        None => location.reload(),
    };
}

/// On a navigation inside the app to `dest`: checks in the background whether
/// a new build was deployed, and if so loads `dest` in full (the new version).
///
/// The request goes out once the navigation's frame is painted, not in the
/// task of the click (a fetch costs milliseconds there on a phone), and once
/// for navigations that come together; the latest destination is the one
/// loaded.
pub fn check_build(dest: String) {
    thread_local! {
        /// The destination of the check waiting for its frame, if one is.
        static WAITING: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    if STATE.with_borrow(|s| s.page_build.is_none()) {
        return;
    }
    if WAITING.replace(Some(dest)).is_some() {
        return;
    }
    leptos::prelude::request_animation_frame(|| {
        leptos::prelude::set_timeout(
            || {
                let Some(dest) = WAITING.take() else { return };
                let Some(page) = STATE.with_borrow(|s| s.page_build.clone()) else {
                    return;
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(text) = fetch_config().await else {
                        return;
                    };
                    if let Some(deployed) = deployed_build(&text) {
                        if deployed != page {
                            reload_once(&deployed, Some(&dest));
                        }
                    }
                });
            },
            std::time::Duration::ZERO,
        );
    });
}
