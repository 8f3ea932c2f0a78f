//! All network access of the app: where documents live, fetching with
//! cancellation and a time limit, and typed errors with Vietnamese messages.
//! Pages never build URLs by hand; they call the functions at the bottom.
//! Callers own the `AbortController` of each request, so navigating away
//! cancels what is in flight.

use std::cell::Cell;
use std::rc::Rc;

use bantin_contract::js::FromJs;
use bantin_contract::{paths, Article, ContractError, Document, Home, Listing, SiteSettings};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::strings;

/// How long a request may take before the reader is offered a retry.
const TIMEOUT_MS: i32 = 15_000;

/// Why a document could not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No connection, DNS failure, CORS refusal…
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The document does not exist (HTTP 404 or 410).
    NotFound,
    /// The server answered with another error status.
    Server(u16),
    /// The answer was not a valid document.
    Malformed,
    /// The document was written for a newer contract version.
    NewerVersion,
    /// The request was cancelled because the reader moved on.
    Aborted,
}

impl FetchError {
    /// What the reader is told.
    pub fn message(self) -> &'static str {
        match self {
            FetchError::Network | FetchError::Aborted => strings::t().err_network,
            FetchError::Timeout => strings::t().err_timeout,
            FetchError::Server(_) => strings::t().err_server,
            FetchError::Malformed => strings::t().err_malformed,
            FetchError::NewerVersion => strings::t().err_newer,
            FetchError::NotFound => strings::t().not_found_text,
        }
    }

    /// Maps an HTTP status of a failed response.
    pub fn from_status(status: u16) -> Self {
        match status {
            404 | 410 => FetchError::NotFound,
            s => FetchError::Server(s),
        }
    }
}

impl From<ContractError> for FetchError {
    fn from(e: ContractError) -> Self {
        match e {
            ContractError::Malformed(_) => FetchError::Malformed,
            ContractError::NewerVersion(_) => FetchError::NewerVersion,
        }
    }
}

/// The result of loading one document.
pub type Fetched<T> = Result<T, FetchError>;

/// Aborts a request after [`TIMEOUT_MS`]; cancelled when dropped.
struct Deadline {
    id: Option<i32>,
    timed_out: Rc<Cell<bool>>,
    _callback: Closure<dyn FnMut()>,
}

impl Deadline {
    fn new(controller: &web_sys::AbortController, timeout_ms: i32) -> Self {
        let timed_out = Rc::new(Cell::new(false));
        let callback = {
            let timed_out = Rc::clone(&timed_out);
            let controller = controller.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let id = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                timeout_ms,
            )
            .ok()
        });
        Deadline {
            id,
            timed_out,
            _callback: callback,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.id, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// The island of a prerendered page holding the document at `path`:
/// `<script type="application/json" id="bt-site">` holds the site settings and
/// `id="bt-data" data-doc="<path>"` the page's own document.
fn island(path: &str) -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    if path == paths::SITE {
        document.get_element_by_id("bt-site")
    } else {
        let el = document.get_element_by_id("bt-data")?;
        (el.get_attribute("data-doc").as_deref() == Some(path)).then_some(el)
    }
}

/// The text of the page's island for `path`, left in place.
pub(crate) fn peek_island(path: &str) -> Option<String> {
    island(path)?.text_content()
}

/// A document the build tool embedded in a prerendered page (see [`island`]),
/// used once instead of fetching it again.
fn take_island(path: &str) -> Option<String> {
    let island = island(path)?;
    let text = island.text_content();
    // Later loads (a retry, coming back to this page) go to the network.
    island.remove();
    text
}

/// Fetches one data document as text, from the page's island or from the data
/// root that `config.json` names. Aborting `controller` cancels it (the reader
/// moved on); after [`TIMEOUT_MS`] it is aborted as [`FetchError::Timeout`].
/// Not generic, so the browser bundle holds one copy of this state machine.
async fn fetch_text(path: &str, controller: &web_sys::AbortController) -> Fetched<String> {
    if let Some(text) = take_island(path) {
        return Ok(text);
    }
    let url = format!("{}{}", crate::config::data_root().await, path);
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = crate::prefetch::take(&url).await {
        return Ok(text);
    }
    get_text(&url, controller, TIMEOUT_MS, false).await
}

/// GETs `url` as text, aborted as [`FetchError::Timeout`] after `timeout_ms`;
/// `fresh` makes the browser ask the server even when it has a cached copy.
pub(crate) async fn get_text(
    url: &str,
    controller: &web_sys::AbortController,
    timeout_ms: i32,
    fresh: bool,
) -> Fetched<String> {
    let signal = controller.signal();
    let deadline = Deadline::new(controller, timeout_ms);
    // The browser's fetch straight through web-sys: gloo-net's wrapper cost 1.3 KB of
    // brotli in the wasm and 0.2 KB in the JS glue for these same calls (docs/benchmarks.md).
    let result = async {
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&signal));
        if fresh {
            init.set_cache(web_sys::RequestCache::NoCache);
        }
        let window = web_sys::window().ok_or(FetchError::Network)?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(url, &init))
                .await
                .map_err(|_| FetchError::Network)?
                .unchecked_into();
        if !response.ok() {
            return Err(FetchError::from_status(response.status()));
        }
        let text = response.text().map_err(|_| FetchError::Network)?;
        JsFuture::from(text)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or(FetchError::Network)
    }
    .await;
    match result {
        Err(_) if deadline.timed_out.get() => Err(FetchError::Timeout),
        Err(_) if signal.aborted() => Err(FetchError::Aborted),
        other => other,
    }
}

/// Fetches and parses one document of the contract.
pub async fn fetch_document<T: Document + FromJs>(
    path: String,
    controller: &web_sys::AbortController,
) -> Fetched<T> {
    let text = fetch_text(&path, controller).await?;
    bantin_contract::js::parse_js::<T>(&text).map_err(FetchError::from)
}

/// Site settings.
pub async fn site(c: &web_sys::AbortController) -> Fetched<SiteSettings> {
    fetch_document(paths::SITE.to_string(), c).await
}

/// The home page document.
pub async fn home(c: &web_sys::AbortController) -> Fetched<Home> {
    fetch_document(paths::HOME.to_string(), c).await
}

/// One article.
pub async fn article(slug: &str, c: &web_sys::AbortController) -> Fetched<Article> {
    if !bantin_contract::text::is_slug(slug) {
        return Err(FetchError::NotFound);
    }
    fetch_document(paths::article(slug), c).await
}

/// One page of the site (`InfoPage`), read as an article without date: the
/// fields the two documents share are read alike (see `impl From<InfoPage>
/// for Article`), and the bundle holds one reader.
pub async fn page(slug: &str, c: &web_sys::AbortController) -> Fetched<Article> {
    if !bantin_contract::text::is_slug(slug) {
        return Err(FetchError::NotFound);
    }
    fetch_document(paths::page(slug), c).await
}

/// The documents registry's listing, fetched once per visit: filtering and
/// paging it again (each a navigation) read the same copy.
pub async fn registry(
    c: &web_sys::AbortController,
) -> Fetched<std::sync::Arc<bantin_contract::DocumentIndex>> {
    thread_local! {
        static REGISTRY: std::cell::RefCell<Option<std::sync::Arc<bantin_contract::DocumentIndex>>> =
            const { std::cell::RefCell::new(None) };
    }
    if let Some(kept) = REGISTRY.with_borrow(Clone::clone) {
        return Ok(kept);
    }
    let index = std::sync::Arc::<bantin_contract::DocumentIndex>::new(
        fetch_document(paths::REGISTRY.to_string(), c).await?,
    );
    REGISTRY.set(Some(index.clone()));
    Ok(index)
}

/// One document of the registry.
pub async fn document(
    slug: &str,
    c: &web_sys::AbortController,
) -> Fetched<bantin_contract::OfficialDocument> {
    if !bantin_contract::text::is_slug(slug) {
        return Err(FetchError::NotFound);
    }
    fetch_document(paths::document(slug), c).await
}

/// Which listing a listing page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingSource {
    Latest,
    Category(String),
    Tag(String),
}

impl From<paths::routes::Listing<'_>> for ListingSource {
    fn from(listing: paths::routes::Listing<'_>) -> Self {
        use paths::routes::Listing;
        match listing {
            Listing::Latest => ListingSource::Latest,
            Listing::Category(slug) => ListingSource::Category(slug.to_string()),
            Listing::Tag(slug) => ListingSource::Tag(slug.to_string()),
        }
    }
}

impl ListingSource {
    /// The listing's URL rule (see `paths::routes`).
    pub fn route(&self) -> paths::routes::Listing<'_> {
        use paths::routes::Listing;
        match self {
            ListingSource::Latest => Listing::Latest,
            ListingSource::Category(slug) => Listing::Category(slug),
            ListingSource::Tag(slug) => Listing::Tag(slug),
        }
    }
}

/// One page of a listing.
pub async fn listing(
    source: &ListingSource,
    page: u32,
    c: &web_sys::AbortController,
) -> Fetched<Listing> {
    let path = match source {
        ListingSource::Latest => paths::latest(page),
        ListingSource::Category(s) | ListingSource::Tag(s) => {
            if !bantin_contract::text::is_slug(s) {
                return Err(FetchError::NotFound);
            }
            match source {
                ListingSource::Category(_) => paths::category(s, page),
                _ => paths::tag(s, page),
            }
        }
    };
    fetch_document(path, c).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_messages() {
        assert_eq!(FetchError::from_status(404), FetchError::NotFound);
        assert_eq!(FetchError::from_status(500), FetchError::Server(500));
        assert_eq!(
            FetchError::from(ContractError::NewerVersion(2)),
            FetchError::NewerVersion
        );
        assert!(FetchError::Timeout.message().contains("chậm"));
    }
}
