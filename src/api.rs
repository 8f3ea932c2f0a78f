//! All network access of the app: where documents live, fetching with
//! cancellation and a time limit, and typed errors with Vietnamese messages.
//! Pages never build URLs by hand; they call the functions at the bottom.

use std::cell::Cell;
use std::rc::Rc;

use bantin_contract::{paths, Article, ContractError, Document, Home, Listing, SiteSettings};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

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
            FetchError::Network | FetchError::Aborted => strings::ERR_NETWORK,
            FetchError::Timeout => strings::ERR_TIMEOUT,
            FetchError::Server(_) => strings::ERR_SERVER,
            FetchError::Malformed => strings::ERR_MALFORMED,
            FetchError::NewerVersion => strings::ERR_NEWER,
            FetchError::NotFound => strings::NOT_FOUND_TEXT,
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

/// Where the data documents live, relative to the site's root.
pub fn data_root() -> &'static str {
    "/data/"
}

/// The number of requests in flight, for the progress bar.
#[derive(Clone, Copy)]
pub struct InFlight(pub RwSignal<u32>);

/// Aborts its request when dropped, so a fetch whose future is dropped stops at once.
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Decrements the in-flight counter however the request ends.
struct InFlightGuard(Option<InFlight>);

impl InFlightGuard {
    fn new() -> Self {
        let counter = use_context::<InFlight>();
        if let Some(c) = counter {
            c.0.try_update(|n| *n += 1);
        }
        InFlightGuard(counter)
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if let Some(c) = self.0 {
            c.0.try_update(|n| *n = n.saturating_sub(1));
        }
    }
}

/// Fetches and parses one document of the contract.
///
/// The request is aborted when the reactive owner that started it is cleaned
/// up (the reader navigated away or the data is refetched) and after
/// [`TIMEOUT_MS`]. Must be called inside a reactive owner (a resource).
pub async fn fetch_document<T: Document>(path: String) -> Fetched<T> {
    let url = format!("{}{}", data_root(), path);
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    let signal = controller.signal();
    let guard = Rc::new(AbortOnDrop(controller));
    let _in_flight = InFlightGuard::new();

    let owner_guard = send_wrapper::SendWrapper::new(Rc::clone(&guard));
    on_cleanup(move || owner_guard.0.abort());

    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = Rc::clone(&timed_out);
        let guard = Rc::clone(&guard);
        Closure::once(move || {
            timed_out.set(true);
            guard.0.abort();
        })
    };
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let timer_id = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            timer.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok();

    let result = async {
        let response = gloo_net::http::Request::get(&url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|_| FetchError::Network)?;
        if !response.ok() {
            return Err(FetchError::from_status(response.status()));
        }
        let text = response.text().await.map_err(|_| FetchError::Network)?;
        bantin_contract::parse::<T>(&text).map_err(FetchError::from)
    }
    .await;

    if let Some(id) = timer_id {
        window.clear_timeout_with_handle(id);
    }
    drop(timer);
    match result {
        Err(_) if timed_out.get() => Err(FetchError::Timeout),
        Err(_) if signal.aborted() => Err(FetchError::Aborted),
        other => other,
    }
}

/// Site settings.
pub async fn site() -> Fetched<SiteSettings> {
    fetch_document(paths::SITE.to_string()).await
}

/// The home page document.
pub async fn home() -> Fetched<Home> {
    fetch_document(paths::HOME.to_string()).await
}

/// One article.
pub async fn article(slug: String) -> Fetched<Article> {
    if !bantin_contract::text::is_slug(&slug) {
        return Err(FetchError::NotFound);
    }
    fetch_document(paths::article(&slug)).await
}

/// Which listing a listing page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingSource {
    Latest,
    Category(String),
    Tag(String),
}

/// One page of a listing.
pub async fn listing(source: ListingSource, page: u32) -> Fetched<Listing> {
    let path = match &source {
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
    fetch_document(path).await
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
