//! The build tool's integration tests, one binary: each module was its own
//! test binary once, and each linked the whole tool (about 400 MB of debug
//! build apiece, a full disk on CI). One binary links it once.
//!
//! Run one module with `cargo test -p bantin-build --test it <module>::`.

mod common;

mod build;
mod dev;
mod feeds;
mod generate;
mod import;
mod incremental;
mod pages;
mod scale;
mod security;
mod serve;
