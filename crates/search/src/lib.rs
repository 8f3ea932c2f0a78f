//! bantin's search: Vietnamese full-text search for a static site, no server.
//!
//! The build tool calls [`index::build`] natively and writes the files it returns
//! under `data/`; the browser loads this crate as a small WebAssembly module
//! (`wasm.rs`, only when the reader starts searching) and drives an
//! [`engine::Engine`]: it asks which files a query needs, the app fetches them,
//! and the engine ranks.
//!
//! Matching is on *folded* words (lowercase, no tone or vowel marks, "đ" as "d",
//! see [`bantin_contract::text::fold`]), so "chuyen doi so" finds "chuyển đổi số".
//! Ranking, strongest first (see [`engine`]): words that keep the reader's tone
//! marks, the query's adjacent words as a phrase, words in the title, then the
//! newer article.
//!
//! # Files (all text, under `data/tim/`)
//! Every file starts with the line `bantin-tim <VERSION> <generation>`; the
//! generation is a hash of the list of documents, so files of two builds are
//! never mixed.
//! - `meta.txt`: `docs N`, `chunk C`, `shards S`.
//! - `tu/<key>.txt`, the dictionary of words whose folded form starts with `key`
//!   (the first two characters): `<word> <df> <where> [<next>=<bytes> ...]`, where
//!   `where` is `f<bytes>` (the list has its own file of about that many bytes
//!   compressed, see [`index::estimate`]) or `s` (it is in a shard), and the
//!   `next=` entries name the two-word phrases `word next` with their own file.
//! - `t/<name>.txt`: one posting list (a word or a two-word phrase) too big to share.
//! - `s/<n>.txt`: small posting lists, shard `n = hash(key) % S`.
//! - `d/<k>.txt`: documents `k·C .. k·C+C-1`, one per line:
//!   `slug TAB date TAB category slug TAB category name TAB title TAB lead`.
//!
//! A posting list is a block of lines: `=<key>`, `t <ids>` (in the title), `b <ids>`
//! (anywhere), and for words `v <as written, lowercase> <ids>|*` (`*`: every id of
//! `b`) and `w <as written> <ids>` (titles with that form). A word written in
//! several forms has no `b` line: it is the union of its `v` lines. Ids are ascending; the first is written as is, the rest as gaps, decimal,
//! comma-separated. Document ids run from the oldest article (0) to the newest.

pub mod engine;
pub mod format;
pub mod index;
pub mod json;
pub mod marks;
pub mod strings;
pub mod text;
pub mod ui;

#[cfg(target_arch = "wasm32")]
mod wasm;
