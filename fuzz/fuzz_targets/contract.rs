//! The contract reader for every document type (the registry's too) (`bantin_contract::parse`, the
//! reader of the app's native side and of the build tool): no panic, a newer
//! version is refused, and an accepted document written again reads back equal.
#![no_main]

use std::fmt::Debug;

use bantin_contract::{
    parse, plain_text, Article, ContractError, Document, DocumentIndex, Home, InfoPage, Listing,
    OfficialDocument, RuntimeConfig, SiteSettings, CONTRACT_VERSION,
};
use bantin_fuzz::text;
use libfuzzer_sys::fuzz_target;
use serde::Serialize;

fn round_trip<T: Document + Serialize + PartialEq + Debug>(json: &str) -> Option<T> {
    match parse::<T>(json) {
        Ok(doc) => {
            assert!(doc.version() <= CONTRACT_VERSION, "newer version accepted");
            let again = serde_json::to_string(&doc).expect("serialised");
            assert_eq!(parse::<T>(&again).expect("read back"), doc, "{again}");
            Some(doc)
        }
        Err(ContractError::NewerVersion(v)) => {
            assert!(v > CONTRACT_VERSION);
            None
        }
        Err(ContractError::Malformed(_)) => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(json) = text(data) else { return };
    round_trip::<SiteSettings>(json);
    round_trip::<Listing>(json);
    round_trip::<Home>(json);
    round_trip::<RuntimeConfig>(json);
    round_trip::<InfoPage>(json);
    round_trip::<OfficialDocument>(json);
    if let Some(index) = round_trip::<DocumentIndex>(json) {
        // The listing's years, as the app reads them.
        for row in &index.items {
            let _ = row.year();
        }
    }
    if let Some(a) = round_trip::<Article>(json) {
        // What search indexes and the page's description are made of.
        let _ = plain_text(&a.body);
    }
});
