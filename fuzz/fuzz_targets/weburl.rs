//! `weburl::parse`, which every URL rule goes through: any text, alone and after `https://`,
//! never panics (the IDNA stub has a debug assertion that a non-ASCII host with an upper-case
//! letter trips; the host must never reach it), and what parses has a stand-in only for hosts
//! that are not plain ASCII.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for candidate in [text.to_owned(), format!("https://{text}"), format!("HTTP:{text}")] {
        if let Ok(url) = credlint::weburl::parse(&candidate) {
            if let Some(host) = url.host_str() {
                assert!(host.is_ascii(), "a parsed host is ASCII");
            }
        }
    }
});
