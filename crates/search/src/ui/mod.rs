//! The search UI, shipped in this module rather than in the app so that none
//! of it is in an article's first-view bytes. The app keeps only the header's
//! form and a hook that imports this module on the first focus or keystroke
//! ([`attach_box`]), and the `/tim-kiem` route, which asks [`render_page`] for
//! its content (whose form and retry button this module then handles).
//!
//! Both take a context object built by the app:
//! - `base`: the site's base path ("/" or "/sub/");
//! - `dataRoot`: where `data/…` files are fetched from (ends with "/");
//! - `categories` (optional): `[{slug, name}]`, the ways on after a search
//!   without result; when absent, those of `site.json` under `dataRoot`;
//! - `navigate(url)`: an in-app navigation to a URL of the site.
//!
//! The index files named by the engine are fetched here, in parallel, with
//! the app's time limit, until the engine can answer (see `docs/search.md`).

pub mod markup;
pub mod read;

#[cfg(target_arch = "wasm32")]
mod combo;
#[cfg(target_arch = "wasm32")]
mod net;
#[cfg(target_arch = "wasm32")]
mod page;

#[cfg(target_arch = "wasm32")]
pub use combo::attach_box;
#[cfg(target_arch = "wasm32")]
pub use page::render_page;
