//! The URL safety functions (`bantin_contract::url`): no script, data or other
//! scheme is accepted however it is written (case, spaces and control
//! characters, HTML character references, percent-encoding), and the helpers
//! keep what they promise.
#![no_main]

use bantin_contract::url::{
    encode_component, https_if_protocol_relative, is_protocol_relative, is_safe, safe,
};
use bantin_fuzz::{decode_percent, must_refuse, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(url) = text(data) else { return };
    let ok = is_safe(url);
    if ok {
        assert!(!must_refuse(url), "accepted: {url:?}");
    }
    assert_eq!(safe(url).is_some(), ok);
    if ok {
        // What the build tool writes for a safe link is safe, and never protocol-relative.
        let fixed = https_if_protocol_relative(url);
        assert!(is_safe(&fixed), "{fixed:?}");
        assert!(!is_protocol_relative(&fixed), "{fixed:?}");
    }
    let enc = encode_component(url);
    assert!(enc
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
    assert_eq!(decode_percent(&enc), url);
});
