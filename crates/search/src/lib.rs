//! bantin's search: Vietnamese full-text search for a static site, no server.
//!
//! The build tool runs [`index::Builder`] natively and writes the files it returns
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
//! The documents are the articles, the site's pages (`trang/<slug>`) and the
//! documents of the registry (`van-ban/<slug>`, see [`index::DocKind`]): a
//! page or a document is matched and ranked as an article is (its title and
//! text), and the answer names each hit's kind, so the UI links it to its route
//! and cuts its snippet from its own JSON. A query that names a document's
//! number ("05-NQ/TU", "05 nq tu") puts that document first (see [`engine`]).
//!
//! # Files (all text, under `data/tim/`)
//! Every file starts with the line `bantin-tim <VERSION> <generation>`; the
//! generation is a hash of the list of documents, so files of two builds are
//! never mixed. The version is 4 ([`format::VERSION`]); the engine still reads
//! an index of format 3, which is format 4 without registry documents, and of
//! format 2, which is format 3 without pages, and refuses a file whose version
//! is not that of `meta.txt`.
//! - `meta.txt`: `docs N`, `chunk C`, `shards S`, `shardcost B`, `keys ...`.
//! - `tu/<key>.txt`, the dictionary of words whose folded form starts with `key`
//!   (the first two characters): `<word> <df> <where> [~<form>[:<where>] ...]
//!   [<next>=<bytes> ...]`, where `where` is `f<bytes>` (the list has its own
//!   file of about that many bytes once compressed, see
//!   [`index::compressed_size`]) or `s` (it is in a shard); `~<form>` names the
//!   word's forms as written (lowercase, marks kept), with where the form's own
//!   list is when the word has several (a lone form's list is the word's); and
//!   the `next=` entries name the two-word phrases `word next` with their own
//!   file. Lines `*<prefix> <df> <where>` name the lists of prefixes (up to
//!   [`format::MAX_PREFIX_CHARS`] characters) that start two words or more.
//!   A registry document's number is a word of its title too (format 4), as
//!   its number key ([`format::number_key`]: "05-NQ/TU" is `05nqtu#`), which
//!   no word of a text can be.
//! - `t/<name>.txt`: one posting list too big to share.
//! - `s/<n>.txt`: small posting lists, shard `n = hash(key) % S`.
//! - `d/<k>.txt`: documents `k·C .. k·C+C-1`, one per line:
//!   `slug TAB date TAB category slug TAB category name TAB title TAB lead`
//!   for an article; a page of the site (format 3) has a seventh field, its
//!   kind, `page`, and a document of the registry (format 4) `document`; their
//!   date and category fields are empty.
//!
//! A posting list is a block of lines: `=<key>`, `b <list>` (every article with
//! it) and `t <list>` (the titles with it, left out when none). Keys are a folded
//! word, `~<form>` (a form as written), `<word> <word>` (a phrase) or `<prefix>*`
//! (every article with a word the prefix starts). Each list is written in the
//! cheapest of four encodings, chosen by its exact size in bits
//! ([`format::write_list`]): Rice-coded gaps between ids (rare words), the same
//! for the ids *not* in the list (words in most articles), a bitmap, or Rice-coded
//! run lengths (words of one period); the bits are base64 text, so that a host
//! that compresses text brings them back to about one byte per 8 bits. Ids run
//! from the oldest article (0) to the newest, then the site's pages in the
//! build tool's (file) order, then the registry's documents, oldest first.

pub mod engine;
pub mod format;
pub mod index;
pub mod json;
pub mod marks;
pub mod state;
pub mod strings;
pub mod text;
pub mod ui;

#[cfg(target_arch = "wasm32")]
mod wasm;
