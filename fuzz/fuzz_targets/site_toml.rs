//! `site.toml`: settings or diagnostics with lines in the file; accepted
//! settings read back equal through the contract reader, and every URL in
//! them is one the app may render.
#![no_main]

use bantin_build::site::parse_site_with_offline;
use bantin_contract::{parse, SiteSettings};
use bantin_fuzz::{assert_lines, must_refuse, text};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "content/site.toml";

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match parse_site_with_offline(PATH, text) {
        Err(diags) => {
            assert!(!diags.is_empty(), "refused without a diagnostic");
            assert_lines(PATH, text, &diags);
        }
        Ok((site, _offline, warnings)) => {
            assert_lines(PATH, text, &warnings);
            if let Some(u) = &site.base_url {
                assert!(!must_refuse(u), "unsafe base_url kept: {u:?}");
            }
            for l in &site.links {
                assert!(!must_refuse(&l.url), "unsafe link kept: {:?}", l.url);
            }
            let json = serde_json::to_string(&site).expect("serialised");
            assert_eq!(parse::<SiteSettings>(&json).expect("read back"), site);
        }
    }
});
