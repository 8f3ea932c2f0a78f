//! `config.json` as the app reads it: the document, then its data URL
//! (`RuntimeConfig::data_root`) and its site name and links put over the
//! site's (`RuntimeConfig::apply`). A data root the app would fetch from is
//! never a script or data URL, has no spaces, query or fragment, and ends in
//! `/`; links it keeps are safe.
#![no_main]

use bantin_contract::url::{is_external, is_safe};
use bantin_contract::{parse, RuntimeConfig, SiteSettings, CONTRACT_VERSION};
use bantin_fuzz::{must_refuse, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(json) = text(data) else { return };
    let Ok(config) = parse::<RuntimeConfig>(json) else {
        return;
    };
    assert!(config.version <= CONTRACT_VERSION);
    match config.data_root() {
        Ok(root) => {
            assert!(root.ends_with('/'), "{root:?}");
            assert!(
                is_safe(&root) && !must_refuse(&root),
                "unsafe data root {root:?}"
            );
            assert!(
                !root.contains(['?', '#'])
                    && !root.chars().any(|c| c.is_whitespace() || c.is_control()),
                "{root:?}"
            );
            if is_external(&root) {
                let host = root.split_once("//").map(|(_, r)| r).unwrap_or_default();
                assert!(
                    !host.is_empty() && !host.starts_with('/'),
                    "no host: {root:?}"
                );
            }
        }
        Err(e) => assert!(!e.is_empty()),
    }
    let mut site = SiteSettings {
        version: CONTRACT_VERSION,
        name: "Cổng".into(),
        tagline: None,
        base_url: None,
        categories: Vec::new(),
        links: Vec::new(),
        footer: Default::default(),
        menu: Vec::new(),
        footer_links: Vec::new(),
        pages: Vec::new(),
        registry: Vec::new(),
        lang: None,
        languages: Vec::new(),
    };
    config.apply(&mut site);
    assert!(!site.name.trim().is_empty());
    for l in &site.links {
        assert!(!must_refuse(&l.url), "unsafe link kept: {:?}", l.url);
        assert!(!l.name.trim().is_empty());
    }
});
