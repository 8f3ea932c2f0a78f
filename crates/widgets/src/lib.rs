//! bantin's embeddable news widgets.
//!
//! `dist/embed.js` finds `<bantin-tin>` elements on a host page, reserves their
//! height, and when one nears the viewport loads this module and calls
//! [`render`] with the element and its shadow root. The widget reads the same
//! JSON documents as the app (`data/…`), through the contract crate's
//! `JSON.parse` readers, and builds its markup with DOM calls (text through
//! `textContent` only, URLs through `bantin_contract::url`).

pub mod options;
pub mod style;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod texts;

#[cfg(target_arch = "wasm32")]
mod dom;

#[cfg(target_arch = "wasm32")]
pub use dom::render;
