//! bantin's native build tool, as a library: the `bantin` binary is a thin
//! command line over [`build::run`] and [`serve::Server`].
//!
//! - [`build`]: the pipeline (load, check, render, write, swap in);
//! - [`site`], [`article`], [`markdown`], [`images`]: reading the content folder;
//! - [`related`], [`summary`], [`render`]: making the contract's documents;
//! - [`feeds`]: RSS, sitemaps and robots.txt next to `data/`;
//! - [`embed`]: the embed page, the iframe widget page and oEmbed documents;
//! - [`pages`]: the page writer: every prerendered page (home, articles, listings, search, 404) is the app's own views rendered natively (`bantin::prerender`) in the app shell, with its head tags and data islands;
//! - [`deploy`]: one base path for the site, and the static hosts' configuration files;
//! - [`security`]: the security headers (Content-Security-Policy with the inline scripts' hashes) every host config and `bantin serve` send;
//! - [`offline`]: the service worker, the web app manifest and its icons;
//! - [`runtime`]: `config.json` and the build id of the app shell;
//! - [`output`]: the staging folder and the atomic swap;
//! - [`serve`]: the static file server;
//! - [`generate`]: a synthetic archive of articles, for trying the build at scale;
//! - [`import`]: `bantin import wordpress`, a WordPress export (WXR) as a content folder;
//! - [`diag`], [`tomlx`], [`par`]: diagnostics, TOML with lines, parallel map.

#![warn(missing_docs)]

pub mod aliases;
pub mod article;
pub mod brand;
pub mod build;
pub mod cache;
pub mod cards;
pub mod deploy;
pub mod dev;
pub mod diag;
pub mod documents;
pub mod editor;
pub mod embed;
pub mod feeds;
pub mod files;
pub mod fonts;
pub mod generate;
pub mod images;
pub mod import;
pub mod info_page;
pub mod markdown;
pub mod menu;
pub mod offline;
pub mod output;
pub mod pages;
pub mod photos;
pub mod related;
pub mod render;
pub mod runtime;
pub mod search;
pub mod security;
pub mod serve;
pub mod site;
pub mod split;
pub mod summary;
pub mod tomlx;
pub mod wordpress;
