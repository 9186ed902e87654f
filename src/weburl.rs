//! URLs, parsed by the `url` crate (the WHATWG URL standard), for every rule that reads one.
//!
//! The crate's IDNA back end is the stub (`idna_adapter` 1.0, pinned in `Cargo.toml`): ICU4X's
//! Unicode mapping tables were 56 KB of the 364 KB gzip WebAssembly package, for host names no
//! rule here looks into. Without them the crate refuses a non-ASCII host (`bücher.example`), and
//! in debug builds some hosts trip the stub's assertions (a non-ASCII host with an upper-case
//! letter; punycode that decodes to a disallowed code point). So [`parse`] finds the host as the
//! URL standard does and, when it is not plain ASCII (non-ASCII, percent-encoded or punycode),
//! replaces it with an ASCII stand-in made from it before the crate sees it: every check
//! (scheme, port, path, fragment, loopback, same-host comparisons) still runs on the URL the
//! user wrote. What is lost: the UTS 46 validity of such a host is not checked, and two
//! spellings that IDNA maps to one host (case aside) compare as different hosts. The fuzz target
//! `weburl` checks that no text reaches the stub's assertions.

use url::{ParseError, Url};

/// Parses `text` as an absolute URL, accepting non-ASCII host names (see the module comment).
pub fn parse(text: &str) -> Result<Url, ParseError> {
    // Most URLs are printable ASCII with no `%` and no `--` (which every punycode label has):
    // nothing to trim or remove, and a host the crate takes as it is.
    if plain(text.as_bytes()) {
        return Url::parse(text);
    }
    cleaned_up(text)
}

/// [`parse`] without its shortcut.
fn cleaned_up(text: &str) -> Result<Url, ParseError> {
    // What the URL standard does first: leading and trailing C0 controls and spaces go, and so
    // does every tab and line break. The host is then found as the parser will find it, and a
    // non-ASCII or percent-encoded one (which decodes to anything) never reaches the IDNA stub:
    // in debug builds, a non-ASCII host with an upper-case letter trips one of its assertions.
    let trimmed = text.trim_matches(|c: char| c <= ' ');
    let cleaned: std::borrow::Cow<str> =
        if trimmed.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .into()
        } else {
            trimmed.into()
        };
    let stand_in = with_ascii_host(&cleaned);
    Url::parse(stand_in.as_deref().unwrap_or(&cleaned))
}

/// Whether every byte of `text` is printable ASCII other than a space, none is `%`, and no two
/// `-` are adjacent: then [`parse`]'s clean-up changes nothing and its host needs no stand-in.
fn plain(text: &[u8]) -> bool {
    let mut dash = false;
    for &b in text {
        if !(b'!'..=b'~').contains(&b) || b == b'%' || (dash && b == b'-') {
            return false;
        }
        dash = b == b'-';
    }
    true
}

/// Schemes whose host the URL standard runs through IDNA (its "special" schemes).
const SPECIAL: &[&str] = &["http", "https", "ws", "wss", "ftp", "file"];

/// `text` with a host that is not plain ASCII (non-ASCII, percent-encoded or punycode) replaced by `h<hex of the lower-cased host>.idn.invalid`
/// (labels of at most 63 characters; `.invalid` is reserved, RFC 2606); `None` when the host is
/// plain ASCII, or the scheme is not special, or there is no host.
fn with_ascii_host(text: &str) -> Option<String> {
    let scheme_end = text.find(':')?;
    let scheme = &text[..scheme_end];
    if !SPECIAL.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return None;
    }
    // Special schemes take any number of slashes (or backslashes), none included, before the host.
    let rest = &text[scheme_end + 1..];
    let after_slashes = rest.trim_start_matches(['/', '\\']);
    let authority_start = text.len() - after_slashes.len();
    let authority_len = after_slashes
        .find(['/', '\\', '?', '#'])
        .unwrap_or(after_slashes.len());
    let authority = &after_slashes[..authority_len];
    // A `file` URL has neither user info nor a port: all of it is the host.
    let file = scheme.eq_ignore_ascii_case("file");
    let host_start = if file {
        0
    } else {
        authority.rfind('@').map_or(0, |i| i + 1)
    };
    let host_and_port = &authority[host_start..];
    let host_len = match host_and_port.rfind(':') {
        Some(i) if !file && !host_and_port.ends_with(']') => i,
        _ => host_and_port.len(),
    };
    let host = &host_and_port[..host_len];
    // Punycode labels (`xn--`) decode to anything too, unchecked by the stub.
    let punycode = host
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"xn--"));
    if host.is_ascii() && !host.contains('%') && !punycode {
        return None;
    }
    let hex: String = crate::text::lower_case(host)
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect();
    let labels: Vec<&str> = hex
        .as_bytes()
        .chunks(62)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let stand_in = format!("h{}.idn.invalid", labels.join(".h"));
    let at = authority_start + host_start;
    Some(format!(
        "{}{stand_in}{}",
        &text[..at],
        &text[at + host_len..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_hosts_are_lower_cased_as_idna_maps_them() {
        // UTS #46 maps every capital sigma to `σ`, word-final or not (`str::to_lowercase` would
        // give `ς` at the end of a word, and so another host).
        for (upper, lower) in [
            ("https://ΑΣ/cb", "https://ασ/cb"),
            ("https://ΑΣ.example:8443/cb", "https://ασ.example:8443/cb"),
            ("https://BÜCHER.example/cb", "https://bücher.example/cb"),
        ] {
            let (a, b) = (with_ascii_host(upper), with_ascii_host(lower));
            assert!(a.is_some(), "{upper}");
            assert_eq!(a, b, "{upper}");
        }
        assert_ne!(
            with_ascii_host("https://ας/cb"),
            with_ascii_host("https://ασ/cb")
        );
    }

    #[test]
    fn non_ascii_hosts_parse_with_everything_else_kept() {
        for (text, scheme, port, path, fragment) in [
            ("https://bücher.example/cb", "https", None, "/cb", None),
            (
                "https://user:pw@Bücher.example:8443/a/b?q=1#frag",
                "https",
                Some(8443),
                "/a/b",
                Some("frag"),
            ),
            ("http://b%C3%BCcher.example/", "http", None, "/", None),
            ("https://例え.テスト", "https", None, "/", None),
            // Upper case beside non-ASCII: what trips the IDNA stub's debug assertion.
            ("https://Bü.example/", "https", None, "/", None),
            ("HTTPS://B%C3%BCcher.Example/p", "https", None, "/p", None),
            ("https:Bü.example/x", "https", None, "/x", None),
            ("https:\\\\Bü.example\\x", "https", None, "/x", None),
            (" \thttps://B\nü.example:81 ", "https", Some(81), "/", None),
            ("https://a@b@Bü.example/", "https", None, "/", None),
            ("file://Bü/x", "file", None, "/x", None),
            // Found by the fuzzer: `file` has no user info, so its host runs past an `@`.
            ("file://Büx:y\u{7}s@b9.x/p", "file", None, "/p", None),
            // Also found by the fuzzer: punycode decoding to a code point the stub lets through.
            ("https://XN--htdYYYYYYY.example/", "https", None, "/", None),
            ("https://xn--bcher-kva.example/", "https", None, "/", None),
        ] {
            let u = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                (u.scheme(), u.port(), u.path(), u.fragment()),
                (scheme, port, path, fragment),
                "{text}"
            );
            assert!(
                u.host_str().is_some_and(|h| h.ends_with(".idn.invalid")),
                "{text}: {u}"
            );
        }
        // Case aside, one host gives one stand-in; different hosts, different ones.
        let host = |t: &str| parse(t).ok().and_then(|u| u.host_str().map(str::to_owned));
        assert_eq!(
            host("https://Bücher.example/x"),
            host("https://bücher.example/y")
        );
        assert_ne!(
            host("https://bücher.example/"),
            host("https://büchern.example/")
        );
        // ASCII URLs are the crate's own parse, and errors stay errors.
        assert_eq!(
            parse("https://Example.COM/a").map(|u| u.to_string()),
            Ok("https://example.com/a".into())
        );
        assert!(parse("https://exa mple.com/").is_err());
        assert!(parse("/relative").is_err());
    }

    /// The shortcut for plain URLs gives what the whole clean-up gives, on plain and not quite
    /// plain text alike (pieces of URLs put together at random, deterministically).
    #[test]
    fn the_shortcut_agrees_with_the_clean_up() {
        const PIECES: &[&str] = &[
            "https://",
            "http://",
            "HTTP://",
            "file://",
            "ws:",
            "x-app:/",
            "https:",
            "//",
            "/",
            "\\",
            "a.example",
            "Example.COM",
            "xn--",
            "-",
            "--",
            "%41",
            "%",
            "@",
            "user:pw@",
            ":8443",
            ":",
            "[::1]",
            "127.0.0.1",
            "?q=1",
            "#f",
            " ",
            "\t",
            "ü",
            "~",
            "\u{7f}",
            "\u{1}",
            "localhost",
            "b9",
            ".",
            "..",
        ];
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut plain_seen = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..6 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            plain_seen += usize::from(plain(text.as_bytes()));
            assert_eq!(
                parse(&text).map(|u| u.to_string()),
                cleaned_up(&text).map(|u| u.to_string()),
                "{text:?}"
            );
        }
        assert!(plain_seen > 1_000, "{plain_seen}");
    }

    #[test]
    fn plain_means_nothing_to_clean_up() {
        assert!(plain(b"https://a-b.example/x?y=1#z"));
        for text in [
            "https://xn--a.example/",
            "https://a.example/%41",
            "https://a .example/",
            "https://ü/",
            "https://a\tb/",
            "",
        ] {
            assert_eq!(plain(text.as_bytes()), text.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn long_non_ascii_hosts_get_labels_of_at_most_63_bytes() {
        let long = format!("https://{}.example/", "ü".repeat(100));
        assert!(parse(&long).is_ok_and(|u| {
            u.host_str()
                .is_some_and(|h| h.split('.').all(|l| l.len() <= 63))
        }));
    }
}
